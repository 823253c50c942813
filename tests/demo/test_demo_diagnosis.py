"""The diagnosis engine on the demo cluster: every finding kind shows up, each flawed state on its Model.

The engine is fed typed objects read from a fresh seed, after the simulated controllers ran for a
while, the way the console reads them from the API server.
"""

from __future__ import annotations

import datetime as dt

import pytest

from modelfs_lib.demo.controllers import SimulatedControllers
from modelfs_lib.demo.seed import seed
from modelfs_lib.demo.store import ObjectStore
from modelfs_lib.domain.diagnosis import Finding, FindingKind, ModelEvidence, diagnose
from modelfs_lib.domain.reference_audit import references_by_model
from modelfs_lib.resources import Dataset, Event, Model, ModelSource, Namespace
from tests.demo.conftest import SEED_TIME

NS = "ml-team"


@pytest.fixture(scope="module")
def findings() -> dict[str, list[Finding]]:
    store = ObjectStore()
    seed(store, now=SEED_TIME)
    controllers = SimulatedControllers(store)
    for second in range(0, 90, 3):
        controllers.tick(SEED_TIME + dt.timedelta(seconds=second))

    def listed(group: str, plural: str, namespace: str | None = None) -> list[dict[str, object]]:
        return store.list(store.rtype(group, plural), namespace)

    models = [Model.from_dict(o) for o in listed("model.samzong.dev", "models", NS)]
    sources = {s.name: s for s in (ModelSource.from_dict(o) for o in listed("model.samzong.dev", "modelsources", NS))}
    every = [Dataset.from_dict(o) for o in listed("dataset.baizeai.io", "datasets")]
    events = [Event.from_dict(o) for o in listed("", "events", NS)]
    namespaces = [Namespace.from_dict(o) for o in listed("", "namespaces")]
    by_namespace: dict[str, list[Dataset]] = {}
    for d in every:
        if d.namespace != NS:
            by_namespace.setdefault(d.namespace, []).append(d)
    names = [m.name for m in models]
    result = {}
    for model in models:
        evidence = ModelEvidence(
            model=model,
            now=SEED_TIME + dt.timedelta(seconds=90),
            source=sources.get(model.source_ref),
            sources_read=True,
            datasets=[d for d in every if d.namespace == NS],
            references=references_by_model(
                [model],
                [d for ds in by_namespace.values() for d in ds],
                model_names=[n for n in names if n != model.name],
            )[model.name],
            namespaces=namespaces,
            events=[e for e in events if e.involved_kind == "Model" and e.involved_name == model.name],
            sibling_models=tuple(n for n in names if n != model.name),
        )
        result[model.name] = diagnose(evidence)
    return result


def test_every_finding_kind_appears_in_the_demo(findings: dict[str, list[Finding]]) -> None:
    seen = {f.kind for found in findings.values() for f in found}
    assert seen == set(FindingKind)


STATES = [
    ("gemma-2-9b-it", FindingKind.COUNTER_RESET, "synced in round 2, but reads FAILED"),
    ("mixtral-8x7b-instruct", FindingKind.STALE_RECONCILE_ERROR, "Old ReconcileError"),
    ("whisper-large-v3", FindingKind.RECONCILE_ERROR, "ModelSourceNotReady"),
    ("yi-1-5-9b-chat", FindingKind.STALLED_RECONCILE, "Reconcile stalled at version v1"),
    ("acme-private-llm", FindingKind.CREDENTIALS_UNREACHABLE, "never reach the loader"),
    ("llama-3-1-8b-instruct", FindingKind.REFERENCE_BLOCKED, "cannot be created (label rejected)"),
    ("qwen2-5-7b-instruct", FindingKind.REFERENCE_BLOCKED, "refused: the source Dataset is not shared"),
    ("qwen2-5-7b-instruct", FindingKind.STALE_REFERENCE, "the namespace no longer matches"),
    ("internlm2-5-7b-chat", FindingKind.STALE_REFERENCE, "deleted Dataset (version ABSENT)"),
    ("bge-m3", FindingKind.ORPHAN_DATASET, "mdl-bge-m3-v0"),
    ("nomic-embed-text-v1-5", FindingKind.DEFAULT_STORAGE, "asks for 100Ti"),
    ("phi-3-mini-4k-instruct", FindingKind.NAME_TOO_LONG, "longer than 63 characters"),
    ("gemma-2-9b-it", FindingKind.REFERENCED_BY_STALE, "does not list this Model"),
    ("nomic-embed-text-v1-5", FindingKind.UNSTABLE_HASH, "v1-5-nfs"),
]


@pytest.mark.parametrize(("model", "kind", "title"), STATES, ids=[f"{m}-{k.value}" for m, k, _ in STATES])
def test_each_flawed_state_is_diagnosed_on_its_model(
    findings: dict[str, list[Finding]], model: str, kind: FindingKind, title: str
) -> None:
    titles = [f.title for f in findings[model] if f.kind is kind]
    assert any(title in t for t in titles), [(f.kind.value, f.title) for f in findings[model]]


def test_a_counter_reset_model_is_not_called_failed(findings: dict[str, list[Finding]]) -> None:
    assert FindingKind.SYNC_FAILED not in {f.kind for f in findings["gemma-2-9b-it"]}


def test_healthy_models_have_no_error(findings: dict[str, list[Finding]]) -> None:
    for name in ("sdxl-base", "bge-m3", "nomic-embed-text-v1-5"):
        assert not [f.title for f in findings[name] if f.severity.value == "error"], name
