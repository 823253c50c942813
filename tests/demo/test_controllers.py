"""The simulated controllers, driven with tick() and a fake clock."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import pytest

from modelfs_lib.demo import desired
from modelfs_lib.demo.store import ApiError
from modelfs_lib.resources import naming
from tests.demo.builders import Cluster, version

HASH_LENGTH = 8


def phase(cluster: Cluster, name: str) -> str | None:
    ds = cluster.dataset(name)
    return None if ds is None else (ds.get("status") or {}).get("phase")


def ds_status(cluster: Cluster, name: str, namespace: str = "ml") -> dict[str, Any]:
    ds = cluster.dataset(name, namespace)
    assert ds is not None, name
    return dict(ds.get("status") or {})


def synced(cluster: Cluster, model: str = "qwen") -> dict[str, dict[str, Any]]:
    status = cluster.get(cluster.models, model).get("status") or {}
    return {v["name"]: v for v in status.get("syncedVersions") or []}


@pytest.fixture
def cluster() -> Cluster:
    c = Cluster()
    c.secret("hf-token", {"HF_TOKEN": "hf_DEMO-SECRET-VALUE"})
    c.source("hf", secret="hf-token")
    return c


# ---- a version's life ------------------------------------------------------------------------
def test_a_new_models_version_goes_pending_then_processing_then_ready_within_30_seconds(cluster: Cluster) -> None:
    cluster.model("qwen", version("fp16", "Qwen/Qwen2.5-7B", revision="v2"))
    seen = []
    for _ in range(31):
        cluster.run()
        seen.append(phase(cluster, "mdl-qwen-fp16"))
        cluster.now += dt.timedelta(seconds=1)
    assert [p for i, p in enumerate(seen) if i == 0 or seen[i - 1] != p] == ["PENDING", "PROCESSING", "READY"]
    ds = cluster.dataset("mdl-qwen-fp16")
    assert ds is not None
    status = ds["status"]
    assert status["lastSucceedRound"] == 1 and status["inProcessing"] is False
    assert status["syncRoundStatuses"][0]["jobName"] == "dataset-mdl-qwen-fp16-round-1"
    assert status["syncRoundStatuses"][0]["succeed"] is True
    entry = synced(cluster)["fp16"]
    assert entry["phase"] == "READY" and entry["activeDataset"] == "mdl-qwen-fp16"
    assert entry["pvcName"] == status["pvcName"] and entry["lastSyncTime"] == status["lastSyncTime"]
    assert len(entry["observedVersionHash"]) == HASH_LENGTH and entry["observedState"] == "PRESENT"
    assert entry["conditions"] == status["conditions"]


def test_the_dataset_spec_comes_from_the_source_the_secret_and_the_version(cluster: Cluster) -> None:
    model = cluster.model("qwen", version("fp16", "Qwen/Qwen2.5-7B", revision="v2"))
    cluster.run()
    ds = cluster.dataset("mdl-qwen-fp16")
    assert ds is not None
    assert ds["spec"]["source"] == {
        "type": "HUGGING_FACE",
        "uri": "huggingface://Qwen/Qwen2.5-7B@v2",
        "options": {"endpoint": "https://hf-mirror.com", "HF_TOKEN": "hf_DEMO-SECRET-VALUE"},
    }
    assert ds["spec"]["volumeClaimTemplate"]["spec"] == {
        "accessModes": ["ReadWriteMany"],
        "resources": {"requests": {"storage": "100Ti"}},
    }
    owner = ds["metadata"]["ownerReferences"][0]
    assert owner["uid"] == model["metadata"]["uid"] and owner["controller"] is True
    stored = cluster.get(cluster.models, "qwen")
    assert desired.MODEL_FINALIZER in stored["metadata"]["finalizers"]
    assert stored["status"]["observedGeneration"] == stored["metadata"]["generation"]


def test_the_pvc_is_created_from_the_template_owned_by_the_dataset_and_bound(cluster: Cluster) -> None:
    storage = {
        "accessModes": ["ReadWriteOnce"],
        "resources": {"requests": {"storage": "12Gi"}},
        "storageClassName": "local-path",
    }
    cluster.model("qwen", version("fp16", storage=storage))
    cluster.run(1)
    ds = cluster.dataset("mdl-qwen-fp16")
    assert ds is not None
    pvc = cluster.get(cluster.pvcs, ds["status"]["pvcName"])
    assert pvc["metadata"]["ownerReferences"][0]["uid"] == ds["metadata"]["uid"]
    assert pvc["spec"]["accessModes"] == ["ReadWriteOnce"] and pvc["spec"]["storageClassName"] == "local-path"
    assert pvc["status"] == {"phase": "Bound", "accessModes": ["ReadWriteOnce"], "capacity": {"storage": "12Gi"}}
    assert synced(cluster)["fp16"]["observedStorage"] == "12Gi"


def test_a_missing_storage_class_keeps_the_dataset_pending_with_a_reason(cluster: Cluster) -> None:
    storage = {"resources": {"requests": {"storage": "1Gi"}}, "storageClassName": "nvme-fast"}
    cluster.model("qwen", version("fp16", storage=storage))
    cluster.run(40)
    ds = cluster.dataset("mdl-qwen-fp16")
    assert ds is not None and ds["status"]["phase"] == "PENDING"
    assert "nvme-fast" in ds["status"]["conditions"][0]["message"]
    assert cluster.get(cluster.pvcs, "dataset-mdl-qwen-fp16")["status"] == {"phase": "Pending"}


def test_a_broken_repository_fails_with_a_condition_message(cluster: Cluster) -> None:
    cluster.model("qwen", version("v1", "acme/broken-model"))
    cluster.run(30)
    ds = cluster.dataset("mdl-qwen-v1")
    assert ds is not None
    status = ds["status"]
    assert status["phase"] == "FAILED" and status["syncRoundStatuses"][-1]["succeed"] is False
    assert "dataset-mdl-qwen-v1-round-1" in status["conditions"][0]["message"]
    assert "SyncFailed" in cluster.event_reasons("mdl-qwen-v1")
    cluster.run(60)  # a failed round is not retried by itself
    assert len(ds_status(cluster, "mdl-qwen-v1")["syncRoundStatuses"]) == 1


# ---- re-running a sync -----------------------------------------------------------------------
def standalone(cluster: Cluster, name: str = "corpus") -> None:
    """A GIT Dataset no Model owns: nothing rewrites its spec."""
    cluster.store.create(
        cluster.datasets,
        {
            "apiVersion": desired.DATASET_API,
            "kind": "Dataset",
            "metadata": {"name": name, "namespace": "ml"},
            "spec": {"source": {"type": "GIT", "uri": "https://git.example.com/acme/corpus.git"}},
        },
    )


def bump(cluster: Cluster, name: str, round_: int) -> None:
    cluster.store.patch(
        cluster.datasets, "ml", name, {"spec": {"dataSyncRound": round_}}, patch_type="merge", manager="modelfs-ui"
    )


def test_bumping_the_round_of_a_standalone_dataset_runs_the_round_with_its_job_and_completes(
    cluster: Cluster,
) -> None:
    standalone(cluster)
    cluster.run(30)
    bump(cluster, "corpus", 2)
    cluster.run(1)
    status = ds_status(cluster, "corpus")
    assert status["phase"] == "PROCESSING" and status["inProcessing"] is True and status["inProcessingRound"] == 2
    current = status["syncRoundStatuses"][-1]
    assert current["round"] == 2 and current["jobName"] == "dataset-corpus-round-2" and "startTime" in current
    assert "endTime" not in current
    cluster.run(25)
    status = ds_status(cluster, "corpus")
    assert status["phase"] == "READY" and status["lastSucceedRound"] == 2
    assert [r["round"] for r in status["syncRoundStatuses"]] == [1, 2]


def test_only_the_last_five_rounds_are_kept(cluster: Cluster) -> None:
    standalone(cluster)
    cluster.run(25)
    for round_ in range(2, 8):
        bump(cluster, "corpus", round_)
        cluster.run(25)
    rounds = ds_status(cluster, "corpus")["syncRoundStatuses"]
    assert [r["round"] for r in rounds] == [3, 4, 5, 6, 7]


def test_a_rotated_secret_reaches_the_dataset_only_when_something_else_requeues_the_model(cluster: Cluster) -> None:
    cluster.model("qwen", version("fp16"))
    cluster.run(25)
    cluster.store.patch(
        cluster.secrets,
        "ml",
        "hf-token",
        {"stringData": {"HF_TOKEN": "hf_DEMO-SECRET-VALUE-rotated"}},
        patch_type="merge",
        manager="test",
    )
    cluster.run(120)  # no controller watches Secrets
    ds = cluster.dataset("mdl-qwen-fp16")
    assert ds is not None and ds["spec"]["source"]["options"]["HF_TOKEN"] == "hf_DEMO-SECRET-VALUE"
    cluster.store.patch(
        cluster.sources, "ml", "hf", {"spec": {"config": {"include": "*.json"}}}, patch_type="merge", manager="test"
    )
    cluster.run(1)
    ds = cluster.dataset("mdl-qwen-fp16")
    assert ds is not None and ds["spec"]["source"]["options"]["HF_TOKEN"] == "hf_DEMO-SECRET-VALUE-rotated"
    assert ds["spec"]["dataSyncRound"] == 1


def test_changing_a_versions_repo_is_rejected_as_immutable_and_reported(cluster: Cluster) -> None:
    cluster.model("qwen", version("fp16", "acme/a"))
    cluster.run(1)
    cluster.set_versions("qwen", version("fp16", "acme/b"))
    cluster.run(1)
    ds = cluster.dataset("mdl-qwen-fp16")
    assert ds is not None and ds["spec"]["source"]["uri"] == "huggingface://acme/a"
    assert "DatasetUpdateFailed" in cluster.event_reasons("qwen")


# ---- versions leaving ------------------------------------------------------------------------
def test_an_absent_version_loses_its_dataset_and_reports_absent(cluster: Cluster) -> None:
    cluster.model("qwen", version("fp16"), version("int4"))
    cluster.run(25)
    cluster.set_versions("qwen", version("fp16"), version("int4", state="ABSENT"))
    cluster.run(1)
    assert cluster.dataset("mdl-qwen-int4") is None and cluster.dataset("mdl-qwen-fp16") is not None
    assert synced(cluster)["int4"]["observedState"] == "ABSENT"
    assert "phase" not in synced(cluster)["int4"]
    assert cluster.store.find(cluster.pvcs, "ml", "dataset-mdl-qwen-int4") is None  # garbage-collected


def test_a_version_removed_from_spec_keeps_its_dataset(cluster: Cluster) -> None:
    cluster.model("qwen", version("fp16"), version("int4"))
    cluster.run(25)
    cluster.set_versions("qwen", version("fp16"))
    cluster.run(5)
    assert cluster.dataset("mdl-qwen-int4") is not None
    assert set(synced(cluster)) == {"fp16"}


def test_deleting_a_model_removes_references_then_datasets_then_the_finalizer() -> None:
    cluster = Cluster(strip_invalid_reference_label=True)
    cluster.source("hf")
    share = {"enabled": True, "requireOptInLabel": "modelfs.samzong.dev/share"}
    cluster.model("qwen", version("fp16", share=share))
    cluster.run(25)
    assert cluster.dataset("share-ml-qwen-fp16", "inference") is not None
    deleted: list[tuple[str, str]] = []
    cluster.store.on_change(
        lambda event, obj: deleted.append((obj["kind"], obj["metadata"]["name"])) if event == "DELETED" else None
    )
    cluster.store.delete(cluster.models, "ml", "qwen")
    assert cluster.store.find(cluster.models, "ml", "qwen") is not None  # held by the finalizer
    cluster.run(1)
    kinds = [kind for kind, _ in deleted]
    assert ("Dataset", "share-ml-qwen-fp16") in deleted and ("Dataset", "mdl-qwen-fp16") in deleted
    assert deleted.index(("Dataset", "share-ml-qwen-fp16")) < deleted.index(("Dataset", "mdl-qwen-fp16"))
    assert kinds.index("Dataset") < kinds.index("Model") and deleted[-1] == ("Model", "qwen")
    assert cluster.store.find(cluster.models, "ml", "qwen") is None


# ---- ModelSources ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("data", "status", "reason"),
    [
        ({"token": "DEMO-SECRET-VALUE"}, "True", "SecretValid"),
        ({}, "False", "SecretInvalid"),
        (None, "False", "SecretInvalid"),
    ],
    ids=["present", "empty", "missing"],
)
def test_credentials_ready_follows_the_secret(data: dict[str, str] | None, status: str, reason: str) -> None:
    cluster = Cluster()
    if data is not None:
        cluster.secret("creds", data)
    cluster.source("s3", "S3", secret="creds")
    cluster.run()
    cond = cluster.get(cluster.sources, "s3")["status"]["conditions"][0]
    assert (cond["type"], cond["status"], cond["reason"]) == ("CredentialsReady", status, reason)
    if data is None:
        assert "not found" in cond["message"]
    elif not data:
        assert "no data" in cond["message"]


def test_a_source_without_secret_ref_needs_no_secret() -> None:
    cluster = Cluster()
    cluster.source("ms", "MODEL_SCOPE")
    cluster.run()
    source = cluster.get(cluster.sources, "ms")
    assert source["status"]["conditions"][0]["reason"] == "NoSecretRequired"
    assert desired.SOURCE_FINALIZER in source["metadata"]["finalizers"]


def test_referenced_by_lists_the_models_using_a_source(cluster: Cluster) -> None:
    cluster.model("qwen")
    cluster.model("llama")
    cluster.run()
    assert cluster.get(cluster.sources, "hf")["status"]["referencedBy"] == ["ml/llama", "ml/qwen"]


def test_deleting_a_referenced_source_is_held_until_no_model_uses_it(cluster: Cluster) -> None:
    cluster.model("qwen")
    cluster.run(1)
    cluster.store.delete(cluster.sources, "ml", "hf")
    cluster.run(3)
    held = cluster.store.find(cluster.sources, "ml", "hf")
    assert held is not None and held["metadata"].get("deletionTimestamp")
    cluster.store.delete(cluster.models, "ml", "qwen")
    cluster.run(2)
    assert cluster.store.find(cluster.models, "ml", "qwen") is None
    assert cluster.store.find(cluster.sources, "ml", "hf") is not None  # re-checked once a minute
    cluster.run(60)
    assert cluster.store.find(cluster.sources, "ml", "hf") is None


# ---- ReconcileError --------------------------------------------------------------------------
def test_a_missing_source_sets_a_reconcile_error_that_stays_after_the_source_appears() -> None:
    cluster = Cluster()
    cluster.model("qwen", source="nope")
    cluster.run()
    cond = cluster.get(cluster.models, "qwen")["status"]["conditions"][0]
    assert (cond["type"], cond["status"], cond["reason"]) == ("ReconcileError", "False", "ModelSourceNotFound")
    assert "nope" in cond["message"] and cond["lastTransitionTime"]
    assert "observedGeneration" not in cluster.get(cluster.models, "qwen")["status"]
    cluster.source("nope", "MODEL_SCOPE")
    cluster.run(2)
    status = cluster.get(cluster.models, "qwen")["status"]
    assert status["observedGeneration"] == 1 and cluster.dataset("mdl-qwen-v1") is not None
    assert [c["reason"] for c in status["conditions"]] == ["ModelSourceNotFound"]  # never cleared


def test_a_source_that_is_not_ready_sets_model_source_not_ready() -> None:
    cluster = Cluster()
    cluster.source("s3", "S3", secret="gone")
    cluster.model("qwen", source="s3")
    cluster.run(1)
    cond = cluster.get(cluster.models, "qwen")["status"]["conditions"][0]
    assert cond["reason"] == "ModelSourceNotReady" and "gone" in cond["message"]
    assert cluster.dataset("mdl-qwen-v1") is None


# ---- sharing ---------------------------------------------------------------------------------
def test_sharing_follows_the_namespace_selector_and_the_opt_in_label() -> None:
    cluster = Cluster(strip_invalid_reference_label=True)
    cluster.source("hf")
    share = {
        "enabled": True,
        "namespaceSelector": {"matchLabels": {"team": "serving"}},
        "requireOptInLabel": "modelfs.samzong.dev/share",
    }
    cluster.model("qwen", version("fp16", share=share))
    cluster.run(25)
    refs = {
        (d["metadata"]["namespace"], d["metadata"]["name"])
        for d in cluster.store.list(cluster.datasets)
        if d["spec"]["source"]["type"] == "REFERENCE"
    }
    assert refs == {("inference", "share-ml-qwen-fp16")}  # not staging (no opt-in), research (team), ml (own)
    ref = cluster.dataset("share-ml-qwen-fp16", "inference")
    assert ref is not None
    assert ref["spec"]["source"]["uri"] == "dataset://ml/mdl-qwen-fp16"
    assert ref["metadata"]["labels"] == {naming.VERSION_LABEL: "fp16"}
    assert ref["status"]["phase"] == "FAILED"  # the source Dataset lacks spec.share


def test_an_opt_in_label_with_a_value_matches_nothing_because_of_the_controller_quirk() -> None:
    cluster = Cluster(strip_invalid_reference_label=True)
    cluster.source("hf")
    cluster.model("qwen", version("fp16", share={"enabled": True, "requireOptInLabel": "team=serving"}))
    cluster.run(5)
    assert [d for d in cluster.store.list(cluster.datasets) if d["metadata"]["namespace"] != "ml"] == []


@pytest.mark.parametrize(
    ("label", "parsed"), [("team=ml", ("team=ml", "true")), ("key", ("key", "true")), ("key=", ("key", ""))]
)
def test_the_opt_in_label_splits_at_equals_only_when_it_ends_with_one(label: str, parsed: tuple[str, str]) -> None:
    assert desired.opt_in_label(label) == parsed


def test_references_with_the_real_label_are_rejected_and_reported(cluster: Cluster) -> None:
    cluster.model("qwen", version("fp16", share={"enabled": True, "requireOptInLabel": "modelfs.samzong.dev/share"}))
    cluster.run(3)
    assert cluster.dataset("share-ml-qwen-fp16", "inference") is None
    warnings = [e for e in cluster.store.list(cluster.events) if e["reason"] == "ReferenceCreateFailed"]
    assert warnings and warnings[0]["type"] == "Warning" and "ml/qwen" in warnings[0]["message"]


def test_switching_sharing_off_deletes_the_references_it_labelled() -> None:
    cluster = Cluster(strip_invalid_reference_label=True)
    cluster.source("hf")
    cluster.model("qwen", version("fp16", share={"enabled": True, "requireOptInLabel": "modelfs.samzong.dev/share"}))
    cluster.run(2)
    assert cluster.dataset("share-ml-qwen-fp16", "research") is not None
    cluster.set_versions("qwen", version("fp16", share={"enabled": False}))
    cluster.run(1)
    assert cluster.dataset("share-ml-qwen-fp16", "research") is None
    assert cluster.dataset("share-ml-qwen-fp16", "inference") is None


def test_a_namespace_that_stops_matching_keeps_its_stale_reference() -> None:
    cluster = Cluster(strip_invalid_reference_label=True)
    cluster.source("hf")
    cluster.model("qwen", version("fp16", share={"enabled": True, "requireOptInLabel": "modelfs.samzong.dev/share"}))
    cluster.run(2)
    cluster.store.patch(
        cluster.ns,
        "",
        "research",
        {"metadata": {"labels": {"modelfs.samzong.dev/share": None}}},
        patch_type="merge",
        manager="test",
    )
    cluster.run(2)
    assert cluster.dataset("share-ml-qwen-fp16", "research") is not None


def test_a_reference_whose_target_is_gone_fails(cluster: Cluster) -> None:
    cluster.store.create(
        cluster.datasets,
        {
            "apiVersion": desired.DATASET_API,
            "kind": "Dataset",
            "metadata": {"name": "dangling", "namespace": "inference"},
            "spec": desired.reference_spec("ml", "gone", "v1"),
        },
    )
    cluster.run()
    ds = cluster.dataset("dangling", "inference")
    assert ds is not None and ds["status"]["phase"] == "FAILED"
    assert ds["status"]["conditions"][0]["reason"] == "ReferenceNotFound"


def test_a_pvc_dataset_is_always_ready(cluster: Cluster) -> None:
    cluster.store.create(
        cluster.datasets,
        {
            "apiVersion": desired.DATASET_API,
            "kind": "Dataset",
            "metadata": {"name": "scratch", "namespace": "ml"},
            "spec": {"source": {"type": "PVC", "uri": "pvc://scratch/data", "options": {"pvcName": "scratch"}}},
        },
    )
    cluster.run()
    assert phase(cluster, "scratch") == "READY"


# ---- robustness ------------------------------------------------------------------------------
def test_an_api_error_on_one_object_does_not_stop_the_pass(
    cluster: Cluster, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    cluster.model("alpha")
    cluster.model("beta")
    original = cluster.store.create

    def refuse_alpha(rtype: Any, obj: Any, **kwargs: Any) -> dict[str, Any]:
        if obj["metadata"]["name"] == "mdl-alpha-v1":
            raise ApiError(500, "InternalError", "etcd is having a bad day")
        return original(rtype, obj, **kwargs)

    monkeypatch.setattr(cluster.store, "create", refuse_alpha)
    with caplog.at_level(logging.WARNING, logger="modelfs_lib.demo.controllers"):
        cluster.run()
    assert cluster.dataset("mdl-beta-v1") is not None and cluster.dataset("mdl-alpha-v1") is None
    assert "etcd is having a bad day" in caplog.text


def test_an_unexpected_exception_is_logged_not_raised(
    cluster: Cluster, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def boom(*args: Any, **kwargs: Any) -> list[dict[str, Any]]:
        raise RuntimeError("boom")

    monkeypatch.setattr(cluster.store, "list", boom)
    with caplog.at_level(logging.ERROR, logger="modelfs_lib.demo.controllers"):
        cluster.run()
    assert "boom" in caplog.text
