"""Recreating a version's Dataset: the one retry of a sync the controllers honour.

A round bump is reverted by the Model controller (see :mod:`modelfs_lib.domain.rerun`). Deleting
the Dataset ``mdl-<model>-<version>`` instead makes the Model controller, which watches the
Datasets it owns, create it again on its next reconcile; the Dataset controller then makes a new
PVC and downloads the weights again in full. The delete is guarded by the uid and resourceVersion
that were on screen and propagates in the background, so the PVC (owned by the Dataset) goes with
it through garbage collection, once no Pod mounts it any more (``kubernetes.io/pvc-protection``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from modelfs_lib.domain.linkage import owner_text, pvc_name_of
from modelfs_lib.domain.orphans import MODEL_GROUP
from modelfs_lib.domain.refusal import refusal_sentence
from modelfs_lib.domain.status import dataset_phase
from modelfs_lib.errors import ModelfsError
from modelfs_lib.resources.dataset import Dataset
from modelfs_lib.resources.model import Model
from modelfs_lib.resources.naming import DEFAULT_STORAGE
from modelfs_lib.resources.pod import Pod
from modelfs_lib.resources.pvc import PersistentVolumeClaim

PROPAGATION = "Background"
"""The Dataset goes at once; the garbage collector removes its PVC afterwards."""


def controlled_by(dataset: Dataset, model: Model) -> bool:
    """Whether the Dataset's controller ownerReference is this Model (by uid when both carry one)."""
    controller = next((ref for ref in dataset.meta.owner_references if ref.controller), None)
    if controller is None or controller.kind != "Model" or controller.name != model.name:
        return False
    if controller.api_version.partition("/")[0] not in ("", MODEL_GROUP):
        return False
    return not (controller.uid and model.meta.uid) or controller.uid == model.meta.uid


def recreate_blocker(model: Model, version_name: str, dataset: Dataset | None) -> str | None:
    """Why the version's Dataset cannot be recreated now; None when it can.

    Only the Dataset of a PRESENT version, controlled by this Model, readable, not already being
    deleted, with a uid and resourceVersion to guard the delete, and not a PVC Dataset (which only
    points at an existing claim and downloads nothing).
    """
    version = model.version(version_name)
    name = model.dataset_name(version_name)
    if version is None:
        return f"There is no version {version_name!r} in the spec."
    if version.is_absent:
        return f"The version is ABSENT: the controller deletes {name} and would not recreate it."
    if dataset is None:
        return f"Dataset {name} does not exist: there is nothing to recreate."
    if dataset.invalid:
        return f"Dataset {name} could not be read ({dataset.invalid})."
    if dataset.meta.deletion_timestamp is not None:
        return f"Dataset {name} is already being deleted."
    if not controlled_by(dataset, model):
        return (
            f"Dataset {name} is not controlled by Model {model.name} ({owner_text(dataset, model)}): the Model "
            "controller would not recreate it."
        )
    if dataset.is_reference or dataset.source_type.upper() == "PVC":
        return f"A {dataset.source_type} Dataset downloads nothing: recreating it would not fetch the weights again."
    if not dataset.meta.uid or not dataset.meta.resource_version:
        return f"Dataset {name} has no uid or resourceVersion to guard the delete with; reload the page."
    return None


def pods_mounting(pods: Iterable[Pod], claim: str) -> list[Pod]:
    """The Pods whose volumes name the PVC ``claim``, sorted by name."""
    return sorted((pod for pod in pods if pod.mounts(claim)), key=lambda pod: pod.name)


@dataclass(frozen=True)
class RecreatePlan:
    """What "Recreate Dataset" would delete, guarded by what, and how much is downloaded again.

    ``pvc_owned`` is None when the PVC was not read (or does not exist).
    """

    version: str
    dataset: str
    blocker: str | None
    uid: str = ""
    resource_version: str = ""
    pvc: str = ""
    pvc_exists: bool = False
    pvc_owned: bool | None = None
    requested: str = ""
    requested_defaulted: bool = False
    capacity: str = ""
    phase: str = ""

    @property
    def allowed(self) -> bool:
        """Whether the delete may be sent."""
        return self.blocker is None


def recreate_plan(
    model: Model, version_name: str, dataset: Dataset | None, pvc: PersistentVolumeClaim | None = None
) -> RecreatePlan:
    """The :class:`RecreatePlan` of a version, from its Dataset and its PVC as read (None: not read or none)."""
    name = model.dataset_name(version_name)
    blocker = recreate_blocker(model, version_name, dataset)
    if dataset is None or dataset.invalid:
        return RecreatePlan(version_name, name, blocker)
    version = model.version(version_name)
    storage = version.storage if version is not None else None
    requested = storage.requests.get("storage", "") if storage is not None else ""
    claim = pvc_name_of(model, version_name, dataset)
    found = pvc if pvc is not None and pvc.name == claim else None
    owned = None if found is None else any(ref.uid == dataset.meta.uid for ref in found.meta.owner_references)
    return RecreatePlan(
        version_name,
        name,
        blocker,
        uid=dataset.meta.uid,
        resource_version=dataset.meta.resource_version,
        pvc=claim,
        pvc_exists=found is not None,
        pvc_owned=owned,
        requested=requested or DEFAULT_STORAGE,
        requested_defaulted=not requested,
        capacity=found.capacity if found is not None else "",
        phase=dataset_phase(dataset).value,
    )


def recreate_consequences(plan: RecreatePlan) -> list[str]:
    """What deleting the Dataset does, in order, for the confirmation."""
    size = f"**{plan.requested}**" + (
        " (no storage is set on the version: the controller asks for the default)"
        if plan.requested_defaulted
        else " (the version's storage request)"
    )
    if plan.capacity:
        size += f"; the current PVC holds **{plan.capacity}**"
    if not plan.pvc:
        pvc_line = "No PVC is recorded for it yet (status.pvcName is empty): no synced files are lost."
    elif plan.pvc_owned is False:
        pvc_line = (
            f"PVC `{plan.pvc}` is NOT owned by the Dataset: it stays, with its files, and the new Dataset's claim "
            "may collide with it."
        )
    else:
        pvc_line = (
            f"PVC `{plan.pvc}` and the synced weights on it are deleted with it (the garbage collector removes "
            "it, as it is owned by the Dataset)."
        )
    return [
        f"Dataset `{plan.dataset}` (phase {plan.phase or 'unknown'}) is deleted, only if it is still the object "
        f"shown (uid `{plan.uid}`, resourceVersion `{plan.resource_version}`), with propagationPolicy {PROPAGATION}.",
        pvc_line,
        "The Model controller recreates the Dataset on its next reconcile, which any change to a Dataset it owns "
        "triggers: usually within seconds.",
        f"The weights are then downloaded again in full into a new PVC of {size}. Until that round succeeds, "
        "the version has no data.",
    ]


def pods_lines(plan: RecreatePlan, pods: Sequence[Pod] | None, why_unknown: str = "") -> list[str]:
    """Which Pods mount the version's PVC and what the delete means for them; ``pods`` None: not checked."""
    if not plan.pvc:
        return []
    if pods is None:
        return [
            f"The Pods that mount PVC `{plan.pvc}` could not be checked"
            + (f": {why_unknown}" if why_unknown else ".")
            + " A Pod that mounts it keeps the PVC (Terminating) until it stops, and loses its files when it does."
        ]
    if not pods:
        return [f"No Pod in the namespace mounts PVC `{plan.pvc}` now."]
    named = ", ".join(
        f"`{pod.name}` ({pod.phase or 'phase unknown'}" + (f" on {pod.node_name})" if pod.node_name else ")")
        for pod in pods
    )
    return [
        f"{len(pods)} Pod(s) mount PVC `{plan.pvc}`: {named}.",
        "Kubernetes keeps the PVC (Terminating, kubernetes.io/pvc-protection) until these Pods stop; they keep "
        "reading the old files until then, and a new PVC of the same name cannot be created before it is gone, "
        "so the new Dataset waits. Stop or move these workloads first.",
    ]


def recreate_failure(error: ModelfsError, dataset: str) -> str:
    """The sentence shown when the delete was refused."""
    return refusal_sentence(
        error,
        outcome="Not deleted",
        verb="delete",
        target=f"Dataset {dataset}",
        conflict=f"Dataset {dataset} changed after this page read it (409 Conflict: its uid or resourceVersion "
        "no longer match). Look at it again before recreating it.",
        gone="; the controller recreates it on its next reconcile",
    )


class FollowStage(StrEnum):
    """Where a recreate stands after the delete was sent."""

    DELETING = "DELETING"
    WAITING = "WAITING"
    RECREATED = "RECREATED"


def follow(name: str, old_uid: str, dataset: Dataset | None) -> tuple[FollowStage, str]:
    """How the Dataset deleted as ``old_uid`` is coming back, from the Dataset now read (None: none)."""
    if dataset is not None and dataset.meta.uid == old_uid:
        return FollowStage.DELETING, f"Dataset {name} is being deleted (its finalizers or dependents hold it)."
    if dataset is None:
        return (
            FollowStage.WAITING,
            f"Dataset {name} is deleted. Waiting for the Model controller to create it again on its next reconcile.",
        )
    pvc = f" into PVC `{dataset.pvc_name}`" if dataset.pvc_name else ""
    return (
        FollowStage.RECREATED,
        f"The Model controller created Dataset {name} again (uid `{dataset.meta.uid}`), phase "
        f"{dataset_phase(dataset).value}: the weights are downloaded in full{pvc}. Its rounds are shown above.",
    )
