"""Recreating a version's Dataset: when it is refused, what it deletes, the Pods on the claim, and what follows."""

from __future__ import annotations

from typing import Any

import pytest

from modelfs_lib.domain.recreate import (
    FollowStage,
    controlled_by,
    follow,
    pods_lines,
    pods_mounting,
    recreate_consequences,
    recreate_failure,
    recreate_plan,
)
from modelfs_lib.errors import Conflict, Forbidden, NotFound
from modelfs_lib.resources import Dataset, Model, PersistentVolumeClaim, Pod

SECRET = "hf_SECRET-VALUE-IN-ARGS"
PVC = "dataset-mdl-qwen-fp16"


def model(state: str = "PRESENT", storage: str | None = "20Gi") -> Model:
    version: dict[str, Any] = {"name": "fp16", "repo": "q/q", "state": state}
    if storage:
        version["storage"] = {"resources": {"requests": {"storage": storage}}}
    return Model.from_dict(
        {
            "metadata": {"name": "qwen", "namespace": "ml", "uid": "m-1"},
            "spec": {"sourceRef": "hf", "versions": [version]},
        }
    )


def owner(**extra: Any) -> dict[str, Any]:
    return {
        "apiVersion": "model.samzong.dev/v1",
        "kind": "Model",
        "name": "qwen",
        "uid": "m-1",
        "controller": True,
    } | extra


def dataset(*owners: dict[str, Any], type_: str = "HUGGING_FACE", **meta: Any) -> Dataset:
    return Dataset.from_dict(
        {
            "metadata": {
                "name": "mdl-qwen-fp16",
                "namespace": "ml",
                "uid": "d-1",
                "resourceVersion": "77",
                "ownerReferences": list(owners) if owners else [owner()],
                **meta,
            },
            "spec": {"source": {"type": type_, "uri": "huggingface://q/q"}, "dataSyncRound": 1},
            "status": {"phase": "FAILED", "pvcName": PVC, "lastSucceedRound": 2},
        }
    )


def claim(owner_uid: str = "d-1", capacity: str = "20Gi") -> PersistentVolumeClaim:
    return PersistentVolumeClaim.from_dict(
        {
            "metadata": {"name": PVC, "namespace": "ml", "ownerReferences": [{"kind": "Dataset", "uid": owner_uid}]},
            "spec": {"resources": {"requests": {"storage": "20Gi"}}},
            "status": {"phase": "Bound", "capacity": {"storage": capacity}},
        }
    )


def pod(name: str, *claims: str, phase: str = "Running", node: str = "gpu-1") -> Pod:
    return Pod.from_dict(
        {
            "metadata": {"name": name, "namespace": "ml", "annotations": {"note": SECRET}},
            "spec": {
                "nodeName": node,
                "containers": [{"name": "c", "args": [f"--options=HF_TOKEN={SECRET}"], "env": [{"value": SECRET}]}],
                "volumes": [{"name": "cache", "emptyDir": {}}]
                + [{"name": f"v{i}", "persistentVolumeClaim": {"claimName": c}} for i, c in enumerate(claims)],
            },
            "status": {"phase": phase},
        }
    )


# ---- Pods ------------------------------------------------------------------------------------------


def test_a_pod_keeps_its_claims_phase_and_node_and_never_its_args_env_or_annotations() -> None:
    parsed = pod("vllm-0", PVC, "other")
    assert parsed.claim_names == (PVC, "other")
    assert (parsed.phase, parsed.node_name) == ("Running", "gpu-1")
    assert SECRET not in repr(parsed)


def test_the_pods_that_mount_the_claim_are_found_by_their_volumes() -> None:
    pods = [pod("web"), pod("vllm-1", PVC), pod("vllm-0", "x", PVC), pod("other", "dataset-mdl-qwen-fp16-x")]
    assert [p.name for p in pods_mounting(pods, PVC)] == ["vllm-0", "vllm-1"]
    assert pods_mounting(pods, "") == []


# ---- when it is refused ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("subject", "words"),
    [
        (None, "does not exist"),
        (dataset(deletionTimestamp="2026-01-01T00:00:00Z"), "already being deleted"),
        (dataset(owner(controller=False)), "not controlled by Model qwen"),
        (dataset(owner(uid="m-0")), "not controlled by Model qwen"),
        (dataset(owner(name="other")), "not controlled by Model qwen"),
        (dataset(type_="PVC"), "downloads nothing"),
        (dataset(resourceVersion=""), "no uid or resourceVersion"),
    ],
)
def test_a_recreate_is_refused_with_the_reason(subject: Dataset | None, words: str) -> None:
    plan = recreate_plan(model(), "fp16", subject)
    assert not plan.allowed
    assert plan.blocker is not None and words in plan.blocker


def test_an_absent_or_unknown_version_cannot_be_recreated() -> None:
    assert "ABSENT" in (recreate_plan(model("ABSENT"), "fp16", dataset()).blocker or "")
    assert "no version" in (recreate_plan(model(), "int4", dataset()).blocker or "")


def test_the_controller_owner_reference_is_matched_by_kind_name_group_and_uid() -> None:
    assert controlled_by(dataset(), model())
    assert controlled_by(dataset(owner(uid="")), model())
    assert not controlled_by(dataset(owner(apiVersion="other.io/v1")), model())
    assert not controlled_by(dataset(owner(kind="ModelSource")), model())


# ---- what it deletes ---------------------------------------------------------------------------------


def test_the_plan_carries_the_guards_the_pvc_and_the_size_to_download_again() -> None:
    plan = recreate_plan(model(), "fp16", dataset(), claim(capacity="32Gi"))
    assert plan.allowed
    assert (plan.uid, plan.resource_version, plan.pvc) == ("d-1", "77", PVC)
    assert (plan.requested, plan.capacity, plan.pvc_owned) == ("20Gi", "32Gi", True)
    text = "\n".join(recreate_consequences(plan))
    assert "uid `d-1`, resourceVersion `77`" in text
    assert "propagationPolicy Background" in text
    assert f"PVC `{PVC}` and the synced weights on it are deleted" in text
    assert "The Model controller recreates the Dataset on its next reconcile" in text
    assert "downloaded again in full into a new PVC of **20Gi** (the version's storage request)" in text
    assert "the current PVC holds **32Gi**" in text


def test_without_storage_the_download_is_the_controllers_default_size() -> None:
    plan = recreate_plan(model(storage=None), "fp16", dataset())
    assert (plan.requested, plan.requested_defaulted) == ("100Ti", True)
    assert "**100Ti** (no storage is set" in "\n".join(recreate_consequences(plan))


def test_a_pvc_the_dataset_does_not_own_is_said_to_stay() -> None:
    plan = recreate_plan(model(), "fp16", dataset(), claim(owner_uid="someone-else"))
    assert plan.pvc_owned is False
    assert "NOT owned by the Dataset: it stays" in "\n".join(recreate_consequences(plan))


def test_the_pods_on_the_claim_are_named_or_said_to_be_unchecked() -> None:
    plan = recreate_plan(model(), "fp16", dataset(), claim())
    mounting = pods_mounting([pod("vllm-0", PVC), pod("web")], PVC)
    named = "\n".join(pods_lines(plan, mounting))
    assert "1 Pod(s) mount PVC" in named
    assert "`vllm-0` (Running on gpu-1)" in named
    assert "until these Pods stop" in named
    assert "No Pod in the namespace mounts" in pods_lines(plan, [])[0]
    unchecked = pods_lines(plan, None, "this console may not list pods in ml")
    assert "could not be checked: this console may not list pods in ml" in unchecked[0]


# ---- refused deletes and what follows -----------------------------------------------------------------


def test_refused_deletes_say_what_happened() -> None:
    assert "409 Conflict" in recreate_failure(Conflict("precondition", status=409), "mdl-qwen-fp16")
    assert "no longer exists" in recreate_failure(NotFound("gone", status=404), "mdl-qwen-fp16")
    assert "may not delete" in recreate_failure(Forbidden("forbidden", status=403), "mdl-qwen-fp16")


def test_the_recreated_dataset_is_told_apart_from_the_deleted_one_by_uid() -> None:
    assert follow("mdl-qwen-fp16", "d-1", dataset(deletionTimestamp="2026-01-01T00:00:00Z"))[0] is FollowStage.DELETING
    assert follow("mdl-qwen-fp16", "d-1", None)[0] is FollowStage.WAITING
    stage, text = follow("mdl-qwen-fp16", "d-0", dataset())
    assert stage is FollowStage.RECREATED
    assert "uid `d-1`" in text
    assert f"PVC `{PVC}`" in text
