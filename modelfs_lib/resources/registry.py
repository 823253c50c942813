"""The one registry of kinds: each kind's group, version, plural, scope and typed class.

Every other place that needs "the kinds" (the client's URL and manifest lookups, the shared
lists, the YAML editor, the demo cluster's served types) takes them from here, so a kind is
added or changed in one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from modelfs_lib.resources.base import Kind, Resource
from modelfs_lib.resources.dataset import Dataset
from modelfs_lib.resources.deployment import Deployment
from modelfs_lib.resources.event import Event
from modelfs_lib.resources.model import Model
from modelfs_lib.resources.model_source import ModelSource
from modelfs_lib.resources.namespace import Namespace
from modelfs_lib.resources.pod import Pod
from modelfs_lib.resources.pvc import PersistentVolumeClaim
from modelfs_lib.resources.secret import Secret

JOB = Kind("batch", "v1", "jobs", "Job")
"""The sync Job of a Dataset round: named by :func:`modelfs_lib.resources.naming.sync_job_name`, never read."""
CONFIG_MAP = Kind("", "v1", "configmaps", "ConfigMap")
"""Served by the demo cluster only; the console never reads one."""
SELF_SUBJECT_ACCESS_REVIEW = Kind(
    "authorization.k8s.io", "v1", "selfsubjectaccessreviews", "SelfSubjectAccessReview", namespaced=False
)
"""What the console creates to ask whether it may do something (cluster-scoped, create-only)."""

OPERATOR_CLASSES: tuple[type[Resource], ...] = (Model, ModelSource, Dataset)
"""The operator's custom resources, the only kinds the YAML editor opens."""
LISTED_CLASSES: tuple[type[Resource], ...] = (*OPERATOR_CLASSES, Namespace, PersistentVolumeClaim, Event)
"""The kinds read as lists. Not Secrets: one is read by name (a list would carry every Secret's values)."""
APPLICABLE_CLASSES: tuple[type[Resource], ...] = (*LISTED_CLASSES, Secret)
"""The kinds a manifest the client applies may name (not Pods or Deployments: the console never writes one)."""
RESOURCE_CLASSES: tuple[type[Resource], ...] = (*APPLICABLE_CLASSES, Pod, Deployment)
"""Every typed kind."""
UNTYPED_KINDS: tuple[Kind, ...] = (JOB, CONFIG_MAP)
"""Built-in kinds with no typed class: the demo cluster serves them, the console only names them."""
BUILTIN_KINDS: tuple[Kind, ...] = (
    *(cls.KIND for cls in RESOURCE_CLASSES if cls not in OPERATOR_CLASSES),
    *UNTYPED_KINDS,
)
"""The Kubernetes kinds (not the operator's) the console or the demo cluster knows."""


def by_api_version(kinds: Iterable[Kind]) -> dict[tuple[str, str], Kind]:
    """A lookup table for :func:`kind_for` built from ``kinds``, keyed by ``(apiVersion, kind)``."""
    return {(k.api_version, k.kind): k for k in kinds}


APPLICABLE_KINDS: Mapping[tuple[str, str], Kind] = by_api_version(cls.KIND for cls in APPLICABLE_CLASSES)
"""The kinds of :data:`APPLICABLE_CLASSES` by ``(apiVersion, kind)``."""


def kind_for(api_version: object, kind: object, *, kinds: Mapping[tuple[str, str], Kind] | None = None) -> Kind:
    """The Kind a manifest's ``apiVersion``/``kind`` names; ValueError when unknown.

    ``kinds`` limits the search (default: :data:`APPLICABLE_KINDS`).
    """
    table = APPLICABLE_KINDS if kinds is None else kinds
    if not isinstance(api_version, str) or not isinstance(kind, str) or not api_version or not kind:
        raise ValueError("the manifest needs a string apiVersion and kind")
    found = table.get((api_version, kind))
    if found is None:
        known = ", ".join(sorted(f"{name} ({version})" for version, name in table))
        raise ValueError(f"modelfs-ui does not know the kind {kind} in {api_version} (known: {known})")
    return found


def kind_named(plural: str, group: str) -> Kind | None:
    """The known kind whose ``plural`` and ``group`` these are (as a Status's details name it); None when unknown."""
    known = (*(cls.KIND for cls in RESOURCE_CLASSES), *UNTYPED_KINDS)
    return next((k for k in known if k.plural == plural and k.group == group), None)
