"""The diagnosis engine on hand-built objects: one test (at least) per finding kind, and its safety rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

from modelfs_lib.domain.diagnosis import Finding, FindingKind, ModelEvidence, Severity, diagnose, most_severe
from modelfs_lib.domain.status import Phase, model_health, versions_ready
from modelfs_lib.resources import Dataset, Model, ModelSource, Namespace
from modelfs_lib.resources.event import Event

NOW = dt.datetime(2026, 11, 29, 12, 0, tzinfo=dt.UTC)
SECRET_VALUE = "hf_DEMO-SECRET-VALUE-0001"


def ts(days: float = 0.0) -> str:
    return (NOW - dt.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")


def version(name: str = "fp16", repo: str = "Qwen/Qwen3", **extra: Any) -> dict[str, Any]:
    return {"name": name, "repo": repo, "storage": {"resources": {"requests": {"storage": "20Gi"}}}, **extra}


def model(
    versions: list[dict[str, Any]] | None = None,
    synced: list[dict[str, Any]] | None = None,
    *,
    name: str = "qwen3",
    generation: int = 1,
    observed: int | None = 1,
    conditions: list[dict[str, Any]] | None = None,
) -> Model:
    versions = versions if versions is not None else [version()]
    if synced is None:
        synced = [{"name": v["name"], "phase": "READY", "lastSyncTime": ts(1)} for v in versions]
    status: dict[str, Any] = {"syncedVersions": synced, "conditions": conditions or []}
    if observed is not None:
        status["observedGeneration"] = observed
    return Model.from_dict(
        {
            "metadata": {"name": name, "namespace": "ml", "uid": "uid-m", "generation": generation},
            "spec": {"sourceRef": "hf", "versions": versions},
            "status": status,
        }
    )


def source(secret: str = "", referenced_by: tuple[str, ...] = ("ml/qwen3",), ready: bool = True) -> ModelSource:
    spec: dict[str, Any] = {"type": "HUGGING_FACE", "config": {"endpoint": "https://m"}}
    if secret:
        spec["secretRef"] = secret
    cond = {"type": "CredentialsReady", "status": "True" if ready else "False", "reason": "SecretValid"}
    return ModelSource.from_dict(
        {
            "metadata": {"name": "hf", "namespace": "ml"},
            "spec": spec,
            "status": {"conditions": [cond], "referencedBy": list(referenced_by)},
        }
    )


def dataset(
    name: str = "mdl-qwen3-fp16",
    *,
    uri: str = "huggingface://Qwen/Qwen3",
    phase: str = "READY",
    spec_round: int = 1,
    last: int | None = 1,
    owner: str = "uid-m",
    namespace: str = "ml",
    type_: str = "HUGGING_FACE",
    share: bool = False,
    message: str = "",
    rounds: list[dict[str, Any]] | None = None,
    options: dict[str, str] | None = None,
) -> Dataset:
    status: dict[str, Any] = {"phase": phase, "pvcName": f"dataset-{name}", "syncRoundStatuses": rounds or []}
    if last is not None:
        status["lastSucceedRound"] = last
    if message:
        status["conditions"] = [{"type": "Ready", "status": "False", "reason": "SyncFailed", "message": message}]
    spec: dict[str, Any] = {
        "source": {"type": type_, "uri": uri, "options": options or {}},
        "dataSyncRound": spec_round,
    }
    if share:
        spec["share"] = True
    meta: dict[str, Any] = {"name": name, "namespace": namespace}
    if owner:
        meta["ownerReferences"] = [
            {"apiVersion": "model.samzong.dev/v1", "kind": "Model", "name": "qwen3", "uid": owner}
        ]
    return Dataset.from_dict({"metadata": meta, "spec": spec, "status": status})


def namespaces(**labels: dict[str, str]) -> list[Namespace]:
    return [Namespace.from_dict({"metadata": {"name": n, "labels": lab}}) for n, lab in labels.items()]


def evidence(m: Model, **kw: Any) -> ModelEvidence:
    kw.setdefault("source", source())
    kw.setdefault("sources_read", True)
    kw.setdefault("datasets", [dataset()])
    return ModelEvidence(model=m, now=NOW, **kw)


def kinds(findings: list[Finding]) -> list[FindingKind]:
    return [f.kind for f in findings]


def one(findings: list[Finding], kind: FindingKind) -> Finding:
    matching = [f for f in findings if f.kind is kind]
    assert len(matching) == 1, kinds(findings)
    return matching[0]


def text_of(finding: Finding) -> str:
    return " ".join(
        [finding.title, finding.detail, finding.action, *(f"{e.field} {e.value}" for e in finding.evidence)]
    )


def test_a_healthy_model_has_no_findings() -> None:
    assert diagnose(evidence(model())) == []


# ---- counter reset ----------------------------------------------------------------------------------------------
def reset_model() -> tuple[Model, Dataset]:
    m = model(synced=[{"name": "fp16", "phase": "FAILED", "lastSyncTime": ts(1)}])
    ds = dataset(phase="FAILED", spec_round=1, last=2, rounds=[{"round": 2, "succeed": True}])
    return m, ds


def test_a_round_that_synced_but_reads_failed_is_a_counter_reset_not_a_failure() -> None:
    m, ds = reset_model()
    found = diagnose(evidence(m, datasets=[ds]))
    reset = one(found, FindingKind.COUNTER_RESET)
    assert reset.severity is Severity.WARNING and reset.version == "fp16"
    assert "round 2" in reset.title and "FAILED" in reset.title
    assert FindingKind.SYNC_FAILED not in kinds(found)


def test_the_models_phase_follows_the_counter_reset_version_as_synced() -> None:
    m, ds = reset_model()
    by_name = {ds.name: ds}
    assert model_health(m) is Phase.FAILED  # without the Dataset nothing tells it apart
    assert model_health(m, by_name) is Phase.READY
    assert versions_ready(m, by_name) == (1, 1)


def test_a_newer_failed_round_is_a_real_failure_even_after_a_reset() -> None:
    m, _ = reset_model()
    ds = dataset(phase="FAILED", last=2, rounds=[{"round": 2, "succeed": True}, {"round": 3, "succeed": False}])
    found = diagnose(evidence(m, datasets=[ds]))
    assert FindingKind.COUNTER_RESET not in kinds(found)
    assert one(found, FindingKind.SYNC_FAILED).severity is Severity.ERROR


def test_a_failed_sync_carries_the_whole_condition_message() -> None:
    long = "job dataset-mdl-qwen3-fp16-round-1 failed: " + "x" * 300 + " END"
    m = model(synced=[{"name": "fp16", "phase": "FAILED"}])
    ds = dataset(phase="FAILED", last=None, message=long, rounds=[{"round": 1, "jobName": "j-1", "succeed": False}])
    failed = one(diagnose(evidence(m, datasets=[ds])), FindingKind.SYNC_FAILED)
    assert failed.detail == long
    assert "logs job/j-1" in failed.action


# ---- ReconcileError ---------------------------------------------------------------------------------------------
def error_condition(days: float) -> dict[str, Any]:
    return {
        "type": "ReconcileError",
        "status": "False",
        "reason": "ModelSourceNotReady",
        "message": 'ModelSource "hf" is not ready',
        "lastTransitionTime": ts(days),
    }


def test_an_old_reconcile_error_followed_by_successful_work_is_stale() -> None:
    m = model(conditions=[error_condition(30)])
    stale = one(diagnose(evidence(m)), FindingKind.STALE_RECONCILE_ERROR)
    assert stale.severity is Severity.INFO
    assert any("lastSyncTime" in e.field for e in stale.evidence)
    assert FindingKind.RECONCILE_ERROR not in kinds(diagnose(evidence(m)))


def test_a_reconcile_error_while_the_source_is_not_ready_is_live() -> None:
    m = model(conditions=[error_condition(0.01)])
    live = one(diagnose(evidence(m, source=source(ready=False))), FindingKind.RECONCILE_ERROR)
    assert live.severity is Severity.ERROR and "Secret" in live.action


def test_a_reconcile_error_for_a_missing_source_is_live() -> None:
    m = model(conditions=[{**error_condition(3), "reason": "ModelSourceNotFound"}])
    live = one(diagnose(evidence(m, source=None)), FindingKind.RECONCILE_ERROR)
    assert "Create the ModelSource 'hf'" in live.action


# ---- stalled reconcile ------------------------------------------------------------------------------------------
def test_an_edited_repo_of_a_live_version_stalls_the_reconcile_at_that_version() -> None:
    m = model(
        [version("fp16", "Qwen/Qwen3-NEW"), version("int4", "Qwen/Qwen3-Int4")],
        synced=[{"name": "fp16", "phase": "READY"}],
        generation=3,
        observed=2,
    )
    stalled = one(diagnose(evidence(m)), FindingKind.STALLED_RECONCILE)
    assert stalled.severity is Severity.ERROR and stalled.version == "fp16"
    facts = {e.field: e.value for e in stalled.evidence}
    assert facts["Dataset mdl-qwen3-fp16 spec.source.uri (live, immutable)"] == "huggingface://Qwen/Qwen3"
    assert facts["spec.source.uri the spec now asks for"] == "huggingface://Qwen/Qwen3-NEW"
    assert facts["versions after it, not reconciled"] == "int4"
    assert "new version" in stalled.action


def test_a_generation_ahead_without_a_blocking_field_is_not_picked_up_yet() -> None:
    pending = one(diagnose(evidence(model(generation=2, observed=1))), FindingKind.NOT_PICKED_UP)
    assert pending.severity is Severity.INFO


def test_an_update_failure_event_names_the_stall_when_datasets_are_unknown() -> None:
    event = Event.from_dict(
        {
            "metadata": {"name": "e1", "namespace": "ml"},
            "reason": "DatasetUpdateFailed",
            "message": "Updating Dataset mdl-qwen3-fp16 failed: spec.source.uri is immutable",
            "type": "Warning",
        }
    )
    found = diagnose(evidence(model(generation=2, observed=1), datasets=None, events=[event]))
    assert "immutable" in one(found, FindingKind.STALLED_RECONCILE).detail


# ---- credentials ------------------------------------------------------------------------------------------------
def test_a_secret_on_the_source_never_reaches_the_loader_and_an_auth_failure_is_an_error() -> None:
    m = model(synced=[{"name": "fp16", "phase": "FAILED"}])
    ds = dataset(
        phase="FAILED",
        last=None,
        message="401 Unauthorized: gated repository",
        options={"HF_TOKEN": SECRET_VALUE},
    )
    found = diagnose(evidence(m, source=source(secret="hf-token"), datasets=[ds]))
    creds = one(found, FindingKind.CREDENTIALS_UNREACHABLE)
    assert creds.severity is Severity.ERROR and "spec.secretRef" in creds.detail
    assert found[0] is creds  # it explains the failed sync listed after it
    assert all(SECRET_VALUE not in text_of(f) for f in found)


def test_a_secret_without_failures_is_a_warning_and_no_secret_no_finding() -> None:
    assert one(diagnose(evidence(model(), source=source(secret="hf-token"))), FindingKind.CREDENTIALS_UNREACHABLE)
    assert FindingKind.CREDENTIALS_UNREACHABLE not in kinds(diagnose(evidence(model())))


# ---- references -------------------------------------------------------------------------------------------------
SHARED = version("fp16", share={"enabled": True, "namespaceSelector": {"matchLabels": {"team": "serving"}}})


def reference(namespace: str, phase: str = "FAILED", version_name: str = "fp16") -> Dataset:
    return Dataset.from_dict(
        {
            "metadata": {"name": f"share-ml-qwen3-{version_name}", "namespace": namespace},
            "spec": {"source": {"type": "REFERENCE", "uri": f"dataset://ml/mdl-qwen3-{version_name}"}},
            "status": {"phase": phase},
        }
    )


def sharing_evidence(m: Model, refs: list[Dataset], own: list[Dataset] | None = None, **kw: Any) -> ModelEvidence:
    cluster = namespaces(ml={}, serving={"team": "serving"}, inference={"team": "serving"}, research={})
    return evidence(m, datasets=own or [dataset()], references=refs, namespaces=cluster, **kw)


def blockers(found: list[Finding]) -> dict[str, Finding]:
    return {f.title: f for f in found if f.kind in (FindingKind.REFERENCE_BLOCKED, FindingKind.STALE_REFERENCE)}


def test_a_missing_reference_is_blocked_by_the_rejected_label() -> None:
    found = diagnose(sharing_evidence(model([SHARED]), [reference("serving")]))
    titles = blockers(found)
    label = titles["Shares of version fp16 cannot be created (label rejected)"]
    assert "inference" in label.evidence[0].value and "'/'" in label.detail


def test_a_present_reference_fails_because_the_source_dataset_is_not_shared() -> None:
    found = diagnose(sharing_evidence(model([SHARED]), [reference("serving"), reference("inference")]))
    blocked = blockers(found)["Shares of version fp16 are refused: the source Dataset is not shared"]
    assert blocked.severity is Severity.ERROR and "spec.share: true" in blocked.detail
    shared_source = dataset(share=True)
    ok = diagnose(sharing_evidence(model([SHARED]), [reference("serving", "READY")], own=[shared_source]))
    assert not any("not shared" in t for t in blockers(ok))


def test_a_reference_in_a_namespace_that_no_longer_matches_is_stale() -> None:
    refs = [reference("serving"), reference("inference"), reference("research")]
    stale = blockers(diagnose(sharing_evidence(model([SHARED]), refs)))
    finding = stale["Shares of version fp16 are stale: the namespace no longer matches"]
    assert finding.kind is FindingKind.STALE_REFERENCE and "research" in finding.evidence[0].value


def test_references_of_an_absent_version_point_at_a_deleted_dataset() -> None:
    absent = {**SHARED, "state": "ABSENT"}
    found = diagnose(sharing_evidence(model([absent], synced=[]), [reference("serving")], own=[]))
    finding = blockers(found)["Shares of version fp16 point at a deleted Dataset (version ABSENT)"]
    assert "Switch sharing off" in finding.action


# ---- orphans, storage, names, referencedBy, hash ----------------------------------------------------------------
def test_a_dataset_the_model_owns_without_a_spec_version_is_an_orphan() -> None:
    orphan = dataset("mdl-qwen3-old")
    foreign = dataset("mdl-other-x", owner="uid-other")
    found = diagnose(evidence(model(), datasets=[dataset(), orphan, foreign]))
    assert [f.subject for f in found if f.kind is FindingKind.ORPHAN_DATASET] == ["mdl-qwen3-old"]


def test_a_version_without_a_storage_request_silently_asks_for_100ti() -> None:
    bare = {"name": "fp16", "repo": "Qwen/Qwen3"}
    finding = one(diagnose(evidence(model([bare]))), FindingKind.DEFAULT_STORAGE)
    assert "100Ti" in finding.title


def test_names_over_63_characters_are_found_for_the_job_and_the_dataset() -> None:
    job_only = "v" * (63 - len("dataset-mdl-qwen3--round-999") + 1)
    finding = one(diagnose(evidence(model([version(job_only)]), datasets=[])), FindingKind.NAME_TOO_LONG)
    assert finding.severity is Severity.WARNING and "sync Job" in finding.evidence[0].field
    both = one(diagnose(evidence(model([version("w" * 60)]), datasets=[])), FindingKind.NAME_TOO_LONG)
    assert both.severity is Severity.ERROR and len(both.evidence) == 2
    failed = dataset(f"mdl-qwen3-{job_only}", phase="FAILED", last=None, message="job name too long")
    found = diagnose(evidence(model([version(job_only)]), datasets=[failed]))
    assert [f.kind for f in found][:2] == [FindingKind.NAME_TOO_LONG, FindingKind.SYNC_FAILED]
    assert found[0].severity is Severity.ERROR


def test_a_source_whose_referenced_by_misses_the_model_is_out_of_date() -> None:
    found = diagnose(evidence(model(), source=source(referenced_by=("ml/gone",))))
    finding = one(found, FindingKind.REFERENCED_BY_STALE)
    assert "ml/gone" in finding.evidence[0].value


def test_a_storage_class_makes_the_hash_unstable_one_note_for_all_such_versions() -> None:
    storage = {"resources": {"requests": {"storage": "1Gi"}}, "storageClassName": "nfs"}
    m = model([version("a", storage=storage), version("b"), version("c", storage=storage)])
    note = one(diagnose(evidence(m, datasets=[])), FindingKind.UNSTABLE_HASH)
    assert note.severity is Severity.INFO and "(a, c)" in note.title


# ---- order and safety -------------------------------------------------------------------------------------------
def test_findings_come_most_severe_first() -> None:
    m = model(
        [{"name": "fp16", "repo": "Qwen/Qwen3"}],
        synced=[{"name": "fp16", "phase": "FAILED"}],
        conditions=[error_condition(30)],
    )
    found = diagnose(evidence(m, datasets=[dataset(phase="FAILED", last=None, message="boom")]))
    ranks = [f.severity.rank for f in found]
    assert ranks == sorted(ranks, reverse=True) and len(set(ranks)) == 3
    top = most_severe(found)
    assert top is not None and top.kind is FindingKind.SYNC_FAILED


def test_credentials_in_a_repo_url_never_appear_in_evidence() -> None:
    m = model([version("fp16", "https://user:s3cr3t@git.example/x.git")], generation=2, observed=1)
    git = ModelSource.from_dict(
        {
            "metadata": {"name": "hf", "namespace": "ml"},
            "spec": {"type": "GIT"},
            "status": {"referencedBy": ["ml/qwen3"]},
        }
    )
    ds = dataset(type_="GIT", uri="https://user:0ld@git.example/y.git")
    found = diagnose(evidence(m, source=git, datasets=[ds]))
    assert one(found, FindingKind.STALLED_RECONCILE)
    assert all("s3cr3t" not in text_of(f) and "0ld" not in text_of(f) for f in found)


def test_unknown_inputs_skip_the_checks_that_need_them() -> None:
    m, _ = reset_model()
    found = diagnose(ModelEvidence(model=m, now=NOW))
    assert kinds(found) == [FindingKind.SYNC_FAILED]


def test_the_credentials_path_says_the_secret_never_reaches_the_loader() -> None:
    from modelfs_lib.domain.diagnosis.source import credentials_path

    with_secret = credentials_path(source(secret="hf-token"))
    assert "hf-token does not reach the loader" in with_secret[0] and "spec.secretRef" in with_secret[0]
    assert any("no controller watches Secrets" in s for s in with_secret)
    assert "anonymously" in credentials_path(source())[0]
