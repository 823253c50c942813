"""The seed holds, from the start, the states the real controllers leave behind, and running them keeps each one.

Every test checks a state twice: as seeded, and after the simulated controllers ran for two
minutes over a fresh seed (they must not heal what the real controllers would not heal).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from modelfs_lib.demo import desired
from modelfs_lib.demo.controllers import SimulatedControllers
from modelfs_lib.demo.seed import seed
from modelfs_lib.demo.seed_catalog import FLAWED_STATES, SECRET_MARKER
from modelfs_lib.demo.store import ObjectStore
from modelfs_lib.resources import naming
from tests.demo.conftest import SEED_TIME

NS = "ml-team"
Check = Callable[[ObjectStore], None]


@pytest.fixture(scope="module")
def ran() -> ObjectStore:
    """A fresh seed after two minutes of simulated controllers (one tick a second)."""
    store = ObjectStore()
    seed(store, now=SEED_TIME)
    controllers = SimulatedControllers(store)
    for second in range(121):
        controllers.tick(SEED_TIME + dt.timedelta(seconds=second))
    return store


@pytest.fixture(params=["seeded", "after-running"])
def store(request: pytest.FixtureRequest, seeded_module: tuple[ObjectStore, list[dict[str, Any]]]) -> ObjectStore:
    if request.param == "seeded":
        return seeded_module[0]
    result: ObjectStore = request.getfixturevalue("ran")
    return result


def get(store: ObjectStore, plural: str, name: str, namespace: str = NS) -> dict[str, Any]:
    group = (
        ""
        if plural in ("events", "secrets", "persistentvolumeclaims")
        else ("dataset.baizeai.io" if plural == "datasets" else "model.samzong.dev")
    )
    return store.get(store.rtype(group, plural), namespace, name)


def find_dataset(store: ObjectStore, name: str, namespace: str = NS) -> dict[str, Any] | None:
    return store.find(store.rtype("dataset.baizeai.io", "datasets"), namespace, name)


def synced(store: ObjectStore, model: str) -> dict[str, dict[str, Any]]:
    return {v["name"]: v for v in get(store, "models", model)["status"].get("syncedVersions") or []}


def warnings(store: ObjectStore, name: str, reason: str) -> list[dict[str, Any]]:
    events = store.list(store.rtype("", "events"), NS)
    return [e for e in events if e["involvedObject"]["name"] == name and e["reason"] == reason]


def ready_condition(ds: dict[str, Any]) -> dict[str, Any]:
    return next(c for c in ds["status"]["conditions"] if c["type"] == "Ready")


# ---- a. counter reset ------------------------------------------------------------------------
def test_a_counter_reset_version_synced_round_two_but_reads_failed(store: ObjectStore) -> None:
    ds = get(store, "datasets", "mdl-gemma-2-9b-it-it")
    assert ds["spec"]["dataSyncRound"] == 1 and ds["status"]["lastSucceedRound"] == 2
    assert ds["status"]["phase"] == "FAILED" and ds["status"]["inProcessing"] is False
    assert all(r["succeed"] for r in ds["status"]["syncRoundStatuses"])
    assert synced(store, "gemma-2-9b-it")["it"]["phase"] == "FAILED"


# ---- b. stale ReconcileError -----------------------------------------------------------------
def test_a_stale_reconcile_error_is_older_than_the_work_done_since(store: ObjectStore) -> None:
    model = get(store, "models", "mixtral-8x7b-instruct")
    [error] = model["status"]["conditions"]
    assert (error["type"], error["status"], error["reason"]) == ("ReconcileError", "False", "ModelSourceNotFound")
    assert model["status"]["observedGeneration"] == model["metadata"]["generation"]
    entry = synced(store, "mixtral-8x7b-instruct")["v0-1"]
    assert entry["phase"] == "READY" and entry["lastSyncTime"] > error["lastTransitionTime"]
    source = get(store, "modelsources", model["spec"]["sourceRef"])
    assert source["status"]["conditions"][0]["status"] == "True"
    age = SEED_TIME - dt.datetime.fromisoformat(error["lastTransitionTime"].replace("Z", "+00:00"))
    assert age > dt.timedelta(days=14)


# ---- c. stalled reconcile --------------------------------------------------------------------
def test_a_stalled_model_has_an_edited_live_version_a_warning_and_a_later_version_without_dataset(
    store: ObjectStore,
) -> None:
    model = get(store, "models", "yi-1-5-9b-chat")
    assert model["metadata"]["generation"] > model["status"]["observedGeneration"]
    assert "conditions" not in model["status"]
    v1 = next(v for v in model["spec"]["versions"] if v["name"] == "v1")
    ds = get(store, "datasets", "mdl-yi-1-5-9b-chat-v1")
    assert ds["spec"]["source"]["uri"] == "modelscope://01ai/Yi-1.5-9B-Chat@master" and v1["revision"] == "v1.1"
    assert find_dataset(store, "mdl-yi-1-5-9b-chat-v2") is None
    [warning] = warnings(store, "yi-1-5-9b-chat", "DatasetUpdateFailed")
    assert warning["type"] == "Warning" and "mdl-yi-1-5-9b-chat-v1" in warning["message"]
    assert "spec.source.uri" in warning["message"]


def test_the_stalled_models_warning_keeps_counting_while_the_controllers_run(
    seeded_module: tuple[ObjectStore, list[dict[str, Any]]], ran: ObjectStore
) -> None:
    [before] = warnings(seeded_module[0], "yi-1-5-9b-chat", "DatasetUpdateFailed")
    [after] = warnings(ran, "yi-1-5-9b-chat", "DatasetUpdateFailed")
    assert after["count"] > before["count"]  # the same Event: the message the controller writes matches the seed


# ---- d. private source -----------------------------------------------------------------------
def test_a_private_repository_fails_with_401_while_its_source_credentials_are_ready(store: ObjectStore) -> None:
    ds = get(store, "datasets", "mdl-acme-private-llm-sft-v1")
    assert ds["status"]["phase"] == "FAILED" and "secretRef" not in ds["spec"]
    assert "401 Unauthorized" in ready_condition(ds)["message"]
    assert SECRET_MARKER in ds["spec"]["source"]["options"]["HF_TOKEN"]
    source = get(store, "modelsources", "hf-private")
    cond = source["status"]["conditions"][0]
    assert (cond["type"], cond["status"], cond["reason"]) == ("CredentialsReady", "True", "SecretValid")


# ---- e. references ---------------------------------------------------------------------------
def test_references_of_a_shared_version_are_failed_as_not_shared(store: ObjectStore) -> None:
    for namespace in ("inference", "research"):
        ref = get(store, "datasets", "share-ml-team-qwen2-5-7b-instruct-fp16", namespace)
        assert ref["status"]["phase"] == "FAILED"
        assert ready_condition(ref)["message"] == "source dataset ml-team/mdl-qwen2-5-7b-instruct-fp16 is not shared"
    assert find_dataset(store, "share-ml-team-qwen2-5-7b-instruct-fp16", "staging") is None  # the '/' label
    assert warnings(store, "qwen2-5-7b-instruct", "ReferenceCreateFailed")


def test_an_absent_version_still_has_its_reference_to_the_deleted_dataset(store: ObjectStore) -> None:
    model = get(store, "models", "internlm2-5-7b-chat")
    v1 = next(v for v in model["spec"]["versions"] if v["name"] == "v1")
    assert v1["state"] == "ABSENT" and v1["share"]["enabled"]
    assert find_dataset(store, "mdl-internlm2-5-7b-chat-v1") is None
    ref = get(store, "datasets", "share-ml-team-internlm2-5-7b-chat-v1", "inference")
    assert ref["status"]["phase"] == "FAILED" and ready_condition(ref)["reason"] == "ReferenceNotFound"
    refused = warnings(store, "internlm2-5-7b-chat", "ReferenceCreateFailed")
    assert refused and "staging" in refused[0]["message"]


# ---- f. orphan -------------------------------------------------------------------------------
def test_an_orphan_dataset_is_owned_by_a_model_that_no_longer_lists_its_version(store: ObjectStore) -> None:
    model = get(store, "models", "bge-m3")
    orphan = get(store, "datasets", "mdl-bge-m3-v0")
    assert desired.is_owned_by(orphan, model["metadata"]["uid"])
    assert "v0" not in {v["name"] for v in model["spec"]["versions"]} and "v0" not in synced(store, "bge-m3")


# ---- g. no storage ---------------------------------------------------------------------------
def test_a_version_without_storage_gets_the_silent_100ti_default(store: ObjectStore) -> None:
    model = get(store, "models", "nomic-embed-text-v1-5")
    v = next(v for v in model["spec"]["versions"] if v["name"] == "v1-5")
    assert "storage" not in v
    template = get(store, "datasets", "mdl-nomic-embed-text-v1-5-v1-5")["spec"]["volumeClaimTemplate"]["spec"]
    assert template == {"accessModes": ["ReadWriteMany"], "resources": {"requests": {"storage": "100Ti"}}}
    assert synced(store, "nomic-embed-text-v1-5")["v1-5"]["observedStorage"] == "100Ti"


# ---- h. Job name over 63 characters ----------------------------------------------------------
def test_a_version_whose_job_name_exceeds_63_characters_fails_without_a_round(store: ObjectStore) -> None:
    name = "mdl-phi-3-mini-4k-instruct-dpo-long-context-sweep-b7"
    ds = get(store, "datasets", name)
    assert len(naming.sync_job_name(name, 1)) > 63
    assert ds["status"]["phase"] == "FAILED" and not ds["status"].get("syncRoundStatuses")
    assert "must be no more than 63 characters" in ready_condition(ds)["message"]
    [warning] = warnings(store, name, "JobCreateFailed")
    assert warning["count"] == 1


# ---- i. stale referencedBy -------------------------------------------------------------------
def test_a_model_source_lists_a_deleted_model_and_misses_new_ones(store: ObjectStore) -> None:
    source = get(store, "modelsources", "modelscope")
    models = store.list(store.rtype("model.samzong.dev", "models"), NS)
    using = {f"{NS}/{m['metadata']['name']}" for m in models if m["spec"]["sourceRef"] == "modelscope"}
    recorded = set(source["status"]["referencedBy"])
    assert recorded - using == {f"{NS}/chatglm3-6b"}
    assert {f"{NS}/gemma-2-9b-it", f"{NS}/yi-1-5-9b-chat"} <= using - recorded


# ---- j. unstable hash ------------------------------------------------------------------------
def test_the_hash_of_a_version_with_a_storage_class_flips_when_its_model_is_reconciled() -> None:
    store = ObjectStore()
    seed(store, now=SEED_TIME)
    controllers = SimulatedControllers(store)
    controllers.tick(SEED_TIME)
    before = synced(store, "nomic-embed-text-v1-5")
    datasets = store.rtype("dataset.baizeai.io", "datasets")
    store.patch(
        datasets, NS, "mdl-nomic-embed-text-v1-5-v1-5", {"metadata": {"labels": {"x": "1"}}}, patch_type="merge"
    )
    controllers.tick(SEED_TIME + dt.timedelta(seconds=1))
    after = synced(store, "nomic-embed-text-v1-5")
    assert after["v1-5-nfs"]["observedVersionHash"] != before["v1-5-nfs"]["observedVersionHash"]
    assert after["v1-5"]["observedVersionHash"] == before["v1-5"]["observedVersionHash"]


# ---- k. newer Dataset type -------------------------------------------------------------------
def test_a_standalone_manual_dataset_with_a_volume_claim_ref_is_ready(store: ObjectStore) -> None:
    ds = get(store, "datasets", "eval-corpus")
    assert ds["spec"]["source"]["type"] == "MANUAL" and ds["spec"]["volumeClaimRef"] == {"name": "eval-corpus-data"}
    assert "ownerReferences" not in ds["metadata"] and ds["status"]["phase"] == "READY"
    assert get(store, "persistentvolumeclaims", "eval-corpus-data")["status"]["phase"] == "Bound"


def test_the_catalog_names_every_flawed_state() -> None:
    assert len(FLAWED_STATES) == 14
    assert all(namespace and where for namespace, where in FLAWED_STATES.values())


def test_running_controllers_change_no_settled_dataset_or_source(
    seeded_module: tuple[ObjectStore, list[dict[str, Any]]], ran: ObjectStore
) -> None:
    seeded_store = seeded_module[0]
    datasets = seeded_store.rtype("dataset.baizeai.io", "datasets")
    for before in seeded_store.list(datasets):
        if before["status"]["phase"] in ("PROCESSING", "PENDING"):
            continue  # in flight when seeded: these move on
        after = ran.get(datasets, before["metadata"]["namespace"], before["metadata"]["name"])
        assert (after["spec"], after["status"]) == (before["spec"], before["status"]), before["metadata"]["name"]
    sources = seeded_store.rtype("model.samzong.dev", "modelsources")
    for before in seeded_store.list(sources):
        after = ran.get(sources, before["metadata"]["namespace"], before["metadata"]["name"])
        assert after["status"] == before["status"], before["metadata"]["name"]
