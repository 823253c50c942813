"""A version's life after creation: PRESENT, set ABSENT (the controller deletes its Dataset), removable.

Deleting a version goes through ABSENT: the controller deletes the Dataset of an ABSENT version,
but never that of a version removed from ``spec.versions`` outright, which would stay behind for
good. So "Delete version" sets ABSENT, the console follows the Dataset going away, and only then
offers to remove the version from the spec.

Writes are JSON merge patches of the whole ``spec.versions`` (an atomic list: a patch replaces it
entirely) guarded by the Model's ``resourceVersion``, so a change made meanwhile is refused (409)
instead of being overwritten. A merge patch takes no field ownership, so it never conflicts with
the manager that created the Model.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from modelfs_lib.domain.manifests import version_removal_blocker
from modelfs_lib.errors import Conflict, ModelfsError, NotFound
from modelfs_lib.resources.model import Model
from modelfs_lib.resources.model_version import ABSENT

REMOVAL_EXPLANATION = (
    "A version removed from spec.versions outright is not cleaned up: its Dataset (and the PVC with the "
    "synced files) stays for good. Deleting a version must therefore go through ABSENT first: the controller "
    "then deletes the Dataset, and after that the version can be removed from the spec."
)


class Stage(StrEnum):
    """Where a version is in its life."""

    PRESENT = "PRESENT"
    DELETING = "DELETING"
    """ABSENT in the spec; the controller has not deleted the Dataset yet."""
    DELETED = "DELETED"
    """ABSENT in the spec and its Dataset is gone: it may be removed from the spec."""
    MISSING = "MISSING"
    """Not in the spec."""


@dataclass(frozen=True)
class Lifecycle:
    """A version's :class:`Stage`, what is observed of it, and why it may not be removed yet."""

    stage: Stage
    desired: str
    observed: str
    dataset_exists: bool | None
    text: str
    removal_blocker: str | None


def lifecycle(model: Model, version_name: str, dataset_exists: bool | None) -> Lifecycle:
    """The life stage of a version, from the spec, ``status.syncedVersions`` and whether its Dataset exists.

    ``dataset_exists`` is None when the Datasets could not be listed; then the status alone decides.
    """
    version = model.version(version_name)
    synced = model.synced_version(version_name)
    observed = (synced.observed_state if synced is not None else "").upper() or "not reported"
    dataset = model.dataset_name(version_name)
    if version is None:
        return Lifecycle(
            Stage.MISSING, "", observed, dataset_exists, f"There is no version {version_name!r}.", "Not in the spec."
        )
    desired = version.state.upper()
    blocker = version_removal_blocker(model, version_name)
    if not version.is_absent:
        text = f"PRESENT: the controller keeps Dataset {dataset} in sync."
        return Lifecycle(Stage.PRESENT, desired, observed, dataset_exists, text, blocker)
    if blocker is None and dataset_exists:
        blocker = f"Its Dataset {dataset!r} still exists; wait for the controller to delete it."
    reported_gone = observed == ABSENT and not model.generation_pending
    gone = dataset_exists is False or (dataset_exists is None and reported_gone)
    if gone and not model.generation_pending:
        then = " It can now be removed from the spec, or restored." if blocker is None else f" {blocker}"
        text = f"Dataset {dataset} is gone.{then}"
        return Lifecycle(Stage.DELETED, desired, observed, dataset_exists, text, blocker)
    pending = " The controller has not yet acted on the change." if model.generation_pending else ""
    where = "still exists: the controller deletes it" if dataset_exists else "is being deleted"
    text = f"ABSENT requested; Dataset {dataset} {where}.{pending}"
    return Lifecycle(Stage.DELETING, desired, observed, dataset_exists, text, blocker)


def versions_patch(manifest: Mapping[str, Any]) -> dict[str, Any]:
    """The merge patch that makes a live Model's ``spec.versions`` what ``manifest`` says.

    ``manifest`` comes from :func:`with_version_state`, :func:`with_share_toggled` or
    :func:`without_version`; the patch carries its ``metadata.resourceVersion`` and the whole list.
    """
    version = manifest.get("metadata", {}).get("resourceVersion")
    if not version:
        raise ValueError("the manifest has no resourceVersion to guard the patch with")
    return {"metadata": {"resourceVersion": version}, "spec": {"versions": list(manifest["spec"]["versions"])}}


def write_failure(error: ModelfsError, model: str, what: str) -> str:
    """The sentence shown when a change to a Model's versions was refused."""
    if isinstance(error, Conflict):
        return (
            f"Not changed: Model {model} was changed by someone else after this page read it (409 Conflict), "
            f"so {what} was not sent over their change. Look at the versions now shown and try again."
        )
    if isinstance(error, NotFound):
        return f"Not changed: Model {model} no longer exists."
    return f"{what[:1].upper()}{what[1:]} failed: {error}"


def consequences_of_absent(model: Model, version_name: str) -> list[str]:
    """What setting a version ABSENT does, for the confirmation."""
    dataset = model.dataset_name(version_name)
    version = model.version(version_name)
    lines = [
        f"The controller deletes Dataset `{dataset}` and with it the PVC holding the synced files.",
        "The version stays in spec.versions as ABSENT; **Restore** later syncs it again from the source.",
    ]
    if version is not None and version.share is not None and version.share.enabled:
        lines.append("Its REFERENCE Datasets in other namespaces then point at nothing.")
    return lines


__all__ = [
    "ABSENT",
    "REMOVAL_EXPLANATION",
    "Lifecycle",
    "Stage",
    "consequences_of_absent",
    "lifecycle",
    "versions_patch",
    "write_failure",
]
