"""The simulated controllers are as flawed as the real ones (FACTS.md, "What the controllers really do").

One test (at least) per item 1-12, each driven with ``tick(now)`` on a fake clock.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from modelfs_lib.demo import desired
from modelfs_lib.demo.seed_catalog import SECRET_MARKER
from modelfs_lib.demo.store import ApiError
from tests.demo.builders import Cluster, version

OPT_IN = "modelfs.samzong.dev/share"


@pytest.fixture
def cluster() -> Cluster:
    c = Cluster()
    c.secret("hf-token", {"HF_TOKEN": f"hf_{SECRET_MARKER}-1"})
    c.source("hf", secret="hf-token")
    return c


def tick(cluster: Cluster) -> None:
    """Exactly one controller pass, one second later."""
    cluster.now += dt.timedelta(seconds=1)
    cluster.controllers.tick(cluster.now)


def dataset(cluster: Cluster, name: str, namespace: str = "ml") -> dict[str, Any]:
    ds = cluster.dataset(name, namespace)
    assert ds is not None, name
    return ds


def synced(cluster: Cluster, model: str = "qwen") -> dict[str, dict[str, Any]]:
    status = cluster.get(cluster.models, model).get("status") or {}
    return {v["name"]: v for v in status.get("syncedVersions") or []}


def events(cluster: Cluster, name: str, reason: str) -> list[dict[str, Any]]:
    return [
        e for e in cluster.store.list(cluster.events) if e["involvedObject"]["name"] == name and e["reason"] == reason
    ]


def plain_dataset(cluster: Cluster, name: str, namespace: str = "ml", **spec: Any) -> dict[str, Any]:
    """A Dataset no Model owns."""
    body = {"source": {"type": "GIT", "uri": f"https://git.example.com/acme/{name}.git"}, **spec}
    return cluster.store.create(
        cluster.datasets,
        {
            "apiVersion": desired.DATASET_API,
            "kind": "Dataset",
            "metadata": {"name": name, "namespace": namespace},
            "spec": body,
        },
    )


def reference(cluster: Cluster, name: str, namespace: str, target: str) -> None:
    cluster.store.create(
        cluster.datasets,
        {
            "apiVersion": desired.DATASET_API,
            "kind": "Dataset",
            "metadata": {"name": name, "namespace": namespace},
            "spec": {"source": {"type": "REFERENCE", "uri": f"dataset://ml/{target}"}},
        },
    )


# ---- 1. the re-sync round is reset at once ---------------------------------------------------
def test_a_console_round_bump_runs_the_round_then_is_reset_so_the_synced_data_reads_failed(cluster: Cluster) -> None:
    cluster.model("qwen", version("fp16"))
    cluster.run(30)
    assert dataset(cluster, "mdl-qwen-fp16")["status"]["phase"] == "READY"
    cluster.store.patch(
        cluster.datasets,
        "ml",
        "mdl-qwen-fp16",
        {"spec": {"dataSyncRound": 2}},
        patch_type="merge",
        manager="modelfs-ui",
    )
    tick(cluster)
    ds = dataset(cluster, "mdl-qwen-fp16")
    assert ds["status"]["inProcessing"] is True and ds["status"]["inProcessingRound"] == 2  # the Dataset saw 2 first
    assert ds["spec"]["dataSyncRound"] == 1  # and the Model controller reset it in the same tick
    assert "DatasetUpdated" in [e["reason"] for e in cluster.store.list(cluster.events)]
    cluster.run(25)
    status = dataset(cluster, "mdl-qwen-fp16")["status"]
    assert status["lastSucceedRound"] == 2 and status["inProcessing"] is False
    assert [(r["round"], r["succeed"]) for r in status["syncRoundStatuses"]] == [(1, True), (2, True)]
    assert status["phase"] == "FAILED"  # not processing and lastSucceedRound != dataSyncRound
    assert "spec.dataSyncRound is 1 but the last succeeded round is 2" in status["conditions"][0]["message"]
    assert synced(cluster)["fp16"]["phase"] == "FAILED"


def test_every_model_reconcile_rewrites_the_whole_dataset_spec_without_comparing(cluster: Cluster) -> None:
    cluster.model("qwen", version("fp16"))
    cluster.run(25)
    cluster.store.patch(
        cluster.datasets, "ml", "mdl-qwen-fp16", {"spec": {"share": True}}, patch_type="merge", manager="modelfs-ui"
    )
    tick(cluster)  # the change re-queues the Model, whose Update replaces the spec
    assert "share" not in dataset(cluster, "mdl-qwen-fp16")["spec"]


def test_an_identical_spec_rewrite_keeps_the_resource_version_so_reconciles_settle(cluster: Cluster) -> None:
    cluster.model("qwen", version("fp16"))
    cluster.run(25)
    ds = dataset(cluster, "mdl-qwen-fp16")
    same = cluster.store.patch(
        cluster.datasets,
        "ml",
        "mdl-qwen-fp16",
        [{"op": "replace", "path": "/spec", "value": {k: v for k, v in ds["spec"].items() if k != "dataSyncRound"}}],
        patch_type="json",
        manager="modelfs-controller",
    )
    assert same["metadata"]["resourceVersion"] == ds["metadata"]["resourceVersion"]
    changes: list[str] = []
    cluster.store.on_change(lambda event, obj: changes.append(obj["kind"]))
    cluster.run(30)
    assert "Dataset" not in changes and "Model" not in changes


# ---- 2. ReconcileError is never cleared ------------------------------------------------------
def test_a_reconcile_error_stays_after_the_source_becomes_ready_and_the_versions_sync() -> None:
    cluster = Cluster()
    cluster.source("s3", "S3", secret="creds")
    cluster.model("qwen", source="s3")
    cluster.run(1)
    error = cluster.get(cluster.models, "qwen")["status"]["conditions"][0]
    assert error["reason"] == "ModelSourceNotReady"
    cluster.secret("creds", {"key": "DEMO-SECRET-VALUE"})
    cluster.store.patch(cluster.sources, "ml", "s3", {"metadata": {"labels": {"x": "y"}}}, patch_type="merge")
    cluster.run(90)
    status = cluster.get(cluster.models, "qwen")["status"]
    assert status["observedGeneration"] == 1 and status["syncedVersions"][0]["phase"] == "READY"
    assert status["conditions"] == [error]  # the same condition, same lastTransitionTime


# ---- 3. source.type and source.uri are immutable --------------------------------------------
def test_editing_a_live_versions_revision_stalls_the_reconcile_at_that_version(cluster: Cluster) -> None:
    share = {"enabled": True, "requireOptInLabel": OPT_IN}
    cluster.model("qwen", version("v1", "acme/a"))
    cluster.run(25)
    before = cluster.get(cluster.models, "qwen")["status"]
    cluster.set_versions("qwen", version("v1", "acme/a", revision="v2"), version("v2", "acme/b", share=share))
    cluster.run(1)
    model = cluster.get(cluster.models, "qwen")
    assert model["metadata"]["generation"] == 2 and model["status"] == before  # no status write at all
    assert "conditions" not in model["status"] and model["status"]["observedGeneration"] == 1
    assert cluster.dataset("mdl-qwen-v2") is None  # later versions get no Dataset
    assert dataset(cluster, "mdl-qwen-v1")["spec"]["source"]["uri"] == "huggingface://acme/a"
    [warning] = events(cluster, "qwen", "DatasetUpdateFailed")
    assert warning["type"] == "Warning"
    assert "mdl-qwen-v1" in warning["message"] and "spec.source.uri" in warning["message"]
    assert "immutable" in warning["message"]
    cluster.run(61)  # retried every minute, never getting further
    assert events(cluster, "qwen", "DatasetUpdateFailed")[0]["count"] >= 2
    assert cluster.dataset("mdl-qwen-v2") is None
    assert cluster.get(cluster.models, "qwen")["status"]["observedGeneration"] == 1


# ---- 4. credentials never reach the loader ---------------------------------------------------
def test_a_private_repository_fails_with_401_although_the_credentials_are_ready(cluster: Cluster) -> None:
    cluster.model("qwen", version("v1", "acme/llm-private"))
    cluster.run(30)
    ds = dataset(cluster, "mdl-qwen-v1")
    assert "secretRef" not in ds["spec"] and ds["spec"]["source"]["options"]["HF_TOKEN"].startswith("hf_")
    assert ds["status"]["phase"] == "FAILED" and ds["status"]["syncRoundStatuses"][-1]["succeed"] is False
    message = ds["status"]["conditions"][0]["message"]
    assert "401 Unauthorized" in message and "spec.secretRef, which is not set" in message
    source = cluster.get(cluster.sources, "hf")
    assert (source["status"]["conditions"][0]["status"], source["status"]["conditions"][0]["reason"]) == (
        "True",
        "SecretValid",
    )
    assert synced(cluster)["v1"]["phase"] == "FAILED"


def test_a_private_repository_syncs_when_the_dataset_names_a_secret(cluster: Cluster) -> None:
    cluster.store.create(
        cluster.datasets,
        {
            "apiVersion": desired.DATASET_API,
            "kind": "Dataset",
            "metadata": {"name": "by-hand", "namespace": "ml"},
            "spec": {
                "source": {"type": "HUGGING_FACE", "uri": "huggingface://acme/llm-private"},
                "secretRef": "hf-token",
            },
        },
    )
    cluster.run(30)
    assert dataset(cluster, "by-hand")["status"]["phase"] == "READY"


# ---- 5. Secret values in plain text in the options -------------------------------------------
def test_every_secret_key_lands_in_the_dataset_options_in_plain_text(cluster: Cluster) -> None:
    cluster.model("qwen", version("v1"))
    cluster.run(1)
    options = dataset(cluster, "mdl-qwen-v1")["spec"]["source"]["options"]
    assert options["HF_TOKEN"] == f"hf_{SECRET_MARKER}-1"  # the console must hide it


# ---- 6. REFERENCE Datasets need spec.share on their source ------------------------------------
def test_a_reference_to_a_dataset_without_share_fails_as_not_shared(cluster: Cluster) -> None:
    plain_dataset(cluster, "corpus")
    reference(cluster, "corpus-ref", "inference", "corpus")
    cluster.run(1)
    status = dataset(cluster, "corpus-ref", "inference")["status"]
    assert status["phase"] == "FAILED" and status["conditions"][0]["reason"] == "NotShared"
    assert status["conditions"][0]["message"] == "source dataset ml/corpus is not shared"


def test_a_reference_outside_the_share_namespace_selector_fails_and_one_inside_is_ready(cluster: Cluster) -> None:
    plain_dataset(cluster, "corpus", share=True, shareToNamespaceSelector={"matchLabels": {"team": "serving"}})
    reference(cluster, "corpus-ref", "inference", "corpus")
    reference(cluster, "corpus-ref", "research", "corpus")
    cluster.run(1)
    assert dataset(cluster, "corpus-ref", "inference")["status"]["phase"] == "READY"
    status = dataset(cluster, "corpus-ref", "research")["status"]
    assert status["phase"] == "FAILED"
    assert status["conditions"][0]["message"] == "source dataset ml/corpus is not shared with namespace research"


def test_modelfs_never_sets_share_so_its_own_references_fail() -> None:
    cluster = Cluster(strip_invalid_reference_label=True)
    cluster.source("hf")
    cluster.model("qwen", version("fp16", share={"enabled": True, "requireOptInLabel": OPT_IN}))
    cluster.run(3)
    assert "share" not in dataset(cluster, "mdl-qwen-fp16")["spec"]
    message = dataset(cluster, "share-ml-qwen-fp16", "inference")["status"]["conditions"][0]["message"]
    assert message == "source dataset ml/mdl-qwen-fp16 is not shared"


# ---- 7. ABSENT versions keep sharing ---------------------------------------------------------
def test_an_absent_version_keeps_its_references_and_recreates_a_deleted_one() -> None:
    cluster = Cluster(strip_invalid_reference_label=True)
    cluster.source("hf")
    share = {"enabled": True, "requireOptInLabel": OPT_IN}
    cluster.model("qwen", version("fp16", share=share))
    cluster.run(3)
    cluster.set_versions("qwen", version("fp16", share=share, state="ABSENT"))
    cluster.run(2)
    assert cluster.dataset("mdl-qwen-fp16") is None
    ref = dataset(cluster, "share-ml-qwen-fp16", "inference")
    assert ref["status"]["conditions"][0]["reason"] == "ReferenceNotFound"
    cluster.store.delete(cluster.datasets, "inference", "share-ml-qwen-fp16")
    cluster.run(2)
    assert dataset(cluster, "share-ml-qwen-fp16", "inference")["status"]["phase"] == "FAILED"  # recreated


# ---- 8. what the controllers do not watch ----------------------------------------------------
def test_referenced_by_and_credentials_go_stale_until_the_source_itself_changes(cluster: Cluster) -> None:
    cluster.model("qwen")
    cluster.run(1)
    cluster.model("llama")
    cluster.store.delete(cluster.secrets, "ml", "hf-token")
    cluster.run(120)
    source = cluster.get(cluster.sources, "hf")
    assert source["status"]["referencedBy"] == ["ml/qwen"]
    assert source["status"]["conditions"][0]["status"] == "True"
    cluster.store.patch(cluster.sources, "ml", "hf", {"metadata": {"labels": {"touched": "1"}}}, patch_type="merge")
    cluster.run(1)
    source = cluster.get(cluster.sources, "hf")
    assert source["status"]["referencedBy"] == ["ml/llama", "ml/qwen"]
    assert source["status"]["conditions"][0]["reason"] == "SecretInvalid"


def test_a_new_namespace_is_missed_by_an_opt_in_only_share_and_found_by_a_selector_share() -> None:
    cluster = Cluster(strip_invalid_reference_label=True)
    cluster.source("hf")
    cluster.model("optin", version("v1", share={"enabled": True, "requireOptInLabel": OPT_IN}))
    selector = {"enabled": True, "namespaceSelector": {"matchLabels": {"team": "serving"}}}
    cluster.model("picky", version("v1", share=selector))
    cluster.run(30)  # both synced: nothing else re-queues the Models from here
    cluster.store.create(cluster.ns, {"metadata": {"name": "edge", "labels": {"team": "serving", OPT_IN: "true"}}})
    cluster.run(120)
    assert cluster.dataset("share-ml-picky-v1", "edge") is not None
    assert cluster.dataset("share-ml-optin-v1", "edge") is None
    cluster.set_versions("optin", version("v1", share={"enabled": True, "requireOptInLabel": OPT_IN}, precision="FP16"))
    cluster.run(1)  # anything else that re-queues the Model catches up
    assert cluster.dataset("share-ml-optin-v1", "edge") is not None


# ---- 9. removed versions ---------------------------------------------------------------------
def test_a_version_removed_after_absent_leaves_status_and_one_removed_outright_leaves_an_orphan(
    cluster: Cluster,
) -> None:
    cluster.model("qwen", version("a"), version("b"), version("c"))
    cluster.run(25)
    cluster.set_versions("qwen", version("a"), version("b", state="ABSENT"), version("c"))
    cluster.run(1)
    assert synced(cluster)["b"]["observedState"] == "ABSENT" and cluster.dataset("mdl-qwen-b") is None
    cluster.set_versions("qwen", version("a"))
    cluster.run(1)
    assert set(synced(cluster)) == {"a"}
    assert cluster.dataset("mdl-qwen-b") is None
    orphan = dataset(cluster, "mdl-qwen-c")  # removed without ABSENT: the Dataset stays
    assert orphan["metadata"]["ownerReferences"][0]["name"] == "qwen"
    cluster.run(60)
    assert cluster.dataset("mdl-qwen-c") is not None


# ---- 10. observedVersionHash -----------------------------------------------------------------
def test_the_version_hash_changes_on_every_reconcile_only_when_a_storage_class_is_set(cluster: Cluster) -> None:
    with_class = {"resources": {"requests": {"storage": "1Gi"}}, "storageClassName": "nfs-client"}
    cluster.model("qwen", version("plain"), version("classy", storage=with_class))
    cluster.run(25)
    before = {name: v["observedVersionHash"] for name, v in synced(cluster).items()}
    cluster.store.patch(
        cluster.datasets, "ml", "mdl-qwen-plain", {"metadata": {"labels": {"x": "1"}}}, patch_type="merge"
    )
    tick(cluster)  # the Dataset change re-queues the Model; its spec did not change
    after = {name: v["observedVersionHash"] for name, v in synced(cluster).items()}
    assert after["plain"] == before["plain"]
    assert after["classy"] != before["classy"]
    assert cluster.get(cluster.models, "qwen")["metadata"]["generation"] == 1


# ---- 11. version names are unconstrained -----------------------------------------------------
def test_a_job_name_over_63_characters_is_refused_and_the_dataset_fails(cluster: Cluster) -> None:
    name = "dpo-long-context-sweep-with-a-very-long-name"
    cluster.model("qwen", version(name))
    cluster.run(30)
    ds = dataset(cluster, f"mdl-qwen-{name}")
    job = f"dataset-mdl-qwen-{name}-round-1"
    assert len(job) > 63
    assert ds["status"]["phase"] == "FAILED" and not ds["status"].get("syncRoundStatuses")
    message = ds["status"]["conditions"][0]["message"]
    assert job in message and "must be no more than 63 characters" in message
    cluster.run(60)  # not retried in a loop: one Warning
    [warning] = events(cluster, f"mdl-qwen-{name}", "JobCreateFailed")
    assert warning["count"] == 1 and synced(cluster)[name]["phase"] == "FAILED"


# ---- 12. newer Dataset source types ----------------------------------------------------------
def test_a_manual_dataset_of_a_newer_crd_is_ready_and_still_writable(cluster: Cluster) -> None:
    manifest = {
        "apiVersion": desired.DATASET_API,
        "kind": "Dataset",
        "metadata": {"name": "scratch", "namespace": "ml"},
        "spec": {"source": {"type": "MANUAL", "uri": "manual://scratch"}, "volumeClaimRef": {"name": "scratch-pvc"}},
    }
    with pytest.raises(ApiError) as refused:
        cluster.store.create(cluster.datasets, manifest)  # the installed CRD does not know MANUAL
    assert refused.value.status == 422
    cluster.store.create(cluster.datasets, manifest, validate_schema=False)  # as seeded
    cluster.run(1)
    ds = dataset(cluster, "scratch")
    assert ds["status"]["phase"] == "READY" and ds["status"]["pvcName"] == "scratch-pvc"
    labelled = cluster.store.patch(
        cluster.datasets, "ml", "scratch", {"metadata": {"labels": {"a": "b"}}}, patch_type="merge"
    )  # validation ratchets: the unknown type that was already there does not block other edits
    assert labelled["metadata"]["labels"] == {"a": "b"} and labelled["spec"]["volumeClaimRef"] == {
        "name": "scratch-pvc"
    }
