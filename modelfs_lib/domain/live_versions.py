"""Rules for editing the versions of a Model that already exists.

A version's Dataset is named after the Model and the version (``mdl-<model>-<version>``), and a
version dropped from ``spec.versions`` is never cleaned up: its Dataset stays. So an edit may not
rename a live version, nor drop one whose Dataset may still exist (it must go through ABSENT
first; :func:`~modelfs_lib.domain.manifests.version_removal_blocker` says when it may go).

Checks written after a version was saved may reject values the API server accepted then. A
finding about a value the edit leaves unchanged therefore only warns: it must not lock the
Model out of every other edit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from modelfs_lib.domain.field_error import FieldError, Severity
from modelfs_lib.domain.manifest_text import normalized_spec
from modelfs_lib.domain.manifests import version_removal_blocker
from modelfs_lib.resources.base import LAST_APPLIED_ANNOTATION
from modelfs_lib.resources.model import Model
from modelfs_lib.resources.model_version import ModelVersion

UNCHANGED_SUFFIX = " (unchanged from the live object, so it is kept as it is)"

_PART: dict[str, Callable[[ModelVersion], Any]] = {
    "name": lambda v: v.name,
    "repo": lambda v: v.repo,
    "revision": lambda v: v.revision,
    "precision": lambda v: v.precision,
    "state": lambda v: v.state,
    "storage": lambda v: v.storage,
    "share": lambda v: v.share,
}
# A selector with problems is dropped by the parser, so its errors must keep blocking.
_NEVER_SOFTENED = ".share.namespaceSelector"


def origins_by_name(versions: Sequence[ModelVersion], live: Model) -> list[str]:
    """For versions edited as text: the live version of the same name, for the first entry with that name."""
    origins, seen = [], set()
    for version in versions:
        known = live.version(version.name) is not None and version.name not in seen
        origins.append(version.name if known else "")
        seen.add(version.name)
    return origins


def _soften(
    finding: FieldError, versions: Sequence[ModelVersion], origins: Sequence[str], live: Model, prefix: str
) -> FieldError:
    match = re.fullmatch(rf"{re.escape(prefix)}\[(\d+)\]\.(\w+)(.*)", finding.field)
    if not finding.blocking or match is None or finding.field.endswith(_NEVER_SOFTENED):
        return finding
    i, part = int(match.group(1)), match.group(2)
    if i >= len(versions) or part not in _PART or not origins[i]:
        return finding
    before = live.version(origins[i])
    if before is None or _PART[part](before) != _PART[part](versions[i]):
        return finding
    return replace(finding, message=finding.message + UNCHANGED_SUFFIX, severity=Severity.WARNING)


def live_version_findings(
    findings: Sequence[FieldError],
    versions: Sequence[ModelVersion],
    origins: Sequence[str],
    live: Model,
    *,
    prefix: str = "versions",
) -> list[FieldError]:
    """``findings`` about edited ``versions`` with the live Model's rules applied.

    ``origins[i]`` names the live version ``versions[i]`` edits (``""`` for a new one). Errors on
    a value equal to the live one become warnings; a renamed live version is an error at
    ``<prefix>[i].name``; a live version no longer edited by any entry is an error at ``prefix``
    unless :func:`~modelfs_lib.domain.manifests.version_removal_blocker` lets it go.
    """
    result = [_soften(f, versions, origins, live, prefix) for f in findings]
    for i, (version, origin) in enumerate(zip(versions, origins, strict=True)):
        if origin and version.name != origin:
            message = (
                f"the live version {origin!r} cannot be renamed: its Dataset {live.dataset_name(origin)!r} is "
                "named after it. Keep the name, and add a new version instead"
            )
            result.append(FieldError(f"{prefix}[{i}].name", message))
    kept = set(origins)
    for version in live.versions:
        if version.name in kept:
            continue
        blocker = version_removal_blocker(live, version.name)
        if blocker:
            message = (
                f"version {version.name!r} cannot be removed yet: {blocker} Dropping it from the list would "
                f"leave its Dataset {live.dataset_name(version.name)!r} behind for good"
            )
            result.append(FieldError(prefix, message))
    return result


def _owned_metadata(obj: Mapping[str, Any]) -> tuple[Any, Any]:
    """The labels and annotations (without kubectl's last-applied one): what an apply of the wizard sets."""
    meta = obj.get("metadata")
    meta = meta if isinstance(meta, Mapping) else {}
    annotations = meta.get("annotations")
    annotations = annotations if isinstance(annotations, Mapping) else {}
    return meta.get("labels") or {}, {k: v for k, v in annotations.items() if k != LAST_APPLIED_ANNOTATION}


def same_desired_state(before: Mapping[str, Any], after: Mapping[str, Any]) -> bool:
    """Whether two reads of one object differ only in what the user does not edit: status, resourceVersion,
    managedFields and the like (the controller writes status all the time, and each write bumps the
    resourceVersion). The spec (normalized), labels and annotations must be equal.
    """
    return normalized_spec(before) == normalized_spec(after) and _owned_metadata(before) == _owned_metadata(after)
