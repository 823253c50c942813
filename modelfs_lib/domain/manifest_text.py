"""Manifests as text people read: spec YAML, the diff against the live object, the kubectl command.

Keys come out in a stable order: the order the CRDs document for known fields (``name``, ``repo``,
``revision`` ... in a version), alphabetical for everything else (labels, config, requests).
"""

from __future__ import annotations

import copy
import difflib
from collections.abc import Mapping
from typing import Any, Protocol

import yaml

from modelfs_lib.resources.base import LAST_APPLIED_ANNOTATION
from modelfs_lib.resources.model_version import PRESENT
from modelfs_lib.resources.naming import DEFAULT_REVISION, FIELD_MANAGER

"""The field manager of every server-side apply the console makes."""

SERVER_METADATA = (
    "uid",
    "generation",
    "creationTimestamp",
    "deletionTimestamp",
    "deletionGracePeriodSeconds",
    "managedFields",
    "selfLink",
    "finalizers",
)
"""``metadata`` fields the API server and controllers write; an applied manifest leaves them out."""

_ORDER: dict[str, tuple[str, ...]] = {
    "": ("apiVersion", "kind", "metadata", "spec", "status"),
    "metadata": ("name", "namespace", "labels", "annotations", "resourceVersion"),
    "spec": ("sourceRef", "type", "secretRef", "display", "versions", "config", "source", "dataSyncRound"),
    "display": ("description", "tags", "logoURL"),
    "versions": ("name", "repo", "revision", "precision", "state", "metadata", "storage", "share"),
    "storage": ("accessModes", "resources", "storageClassName"),
    "resources": ("requests", "limits"),
    "share": ("enabled", "namespaceSelector", "requireOptInLabel"),
    "namespaceSelector": ("matchLabels", "matchExpressions"),
    "matchExpressions": ("key", "operator", "values"),
    "source": ("type", "uri", "options"),
}


class _Manifested(Protocol):
    """A typed resource: anything with ``to_dict()`` giving a manifest."""

    def to_dict(self) -> dict[str, Any]: ...


Manifestable = Mapping[str, Any] | _Manifested
"""A manifest, or a typed resource (Model, ModelSource, Dataset) that gives one."""


def as_manifest(obj: Manifestable) -> Mapping[str, Any]:
    """The manifest of a typed resource, or the mapping itself."""
    return obj if isinstance(obj, Mapping) else obj.to_dict()


def _ordered(value: Any, context: str = "") -> Any:
    """A copy with mapping keys in :data:`_ORDER` for their parent key, then alphabetical."""
    if isinstance(value, Mapping):
        order = _ORDER.get(context, ())
        rank = {key: i for i, key in enumerate(order)}
        keys = sorted(value, key=lambda k: (rank.get(str(k), len(order)), str(k)))
        return {key: _ordered(value[key], str(key)) for key in keys}
    if isinstance(value, list):
        return [_ordered(item, context) for item in value]
    return value


def dump_yaml(value: Any, context: str = "") -> str:
    """Block-style YAML with keys in the stable order (see the module docstring)."""
    text: str = yaml.safe_dump(_ordered(value, context), sort_keys=False, allow_unicode=True, width=1000)
    return text


def spec_yaml(manifest_or_obj: Manifestable) -> str:
    """The ``spec`` alone as YAML, keys in the stable order; ``{}\\n`` when there is none."""
    spec = as_manifest(manifest_or_obj).get("spec") or {}
    return dump_yaml(spec, "spec")


def _pruned(value: Any) -> Any:
    """A copy without None, empty maps and empty lists (they mean the same as an absent field)."""
    if isinstance(value, Mapping):
        items = {key: _pruned(item) for key, item in value.items()}
        return {key: item for key, item in items.items() if item not in (None, {}, [])}
    if isinstance(value, list):
        return [_pruned(item) for item in value]
    return value


def normalized_spec(manifest_or_obj: Manifestable) -> dict[str, Any]:
    """The spec as it means: defaults filled in, empty parts dropped.

    For a Model, a version without ``revision`` gets ``main`` and one without ``state`` gets
    ``PRESENT`` (what the typed Model always writes and the API server defaults), so a live object
    and a manifest built from the same input compare equal. Unknown fields are kept.
    """
    manifest = as_manifest(manifest_or_obj)
    spec = copy.deepcopy(dict(manifest.get("spec") or {}))
    if manifest.get("kind") == "Model" and isinstance(spec.get("versions"), list):
        for version in spec["versions"]:
            if isinstance(version, dict):
                version["revision"] = version.get("revision") or DEFAULT_REVISION
                version["state"] = version.get("state") or PRESENT
    pruned: dict[str, Any] = _pruned(spec)
    return pruned


def spec_diff(live: Manifestable | None, proposed: Manifestable, *, context: int = 3) -> str:
    """A unified diff of the normalized spec YAML (:func:`normalized_spec`), live to proposed.

    ``''`` when they mean the same. Without a live object (a create) every line is an addition.
    """
    before = "" if live is None else dump_yaml(normalized_spec(live), "spec")
    after = dump_yaml(normalized_spec(proposed), "spec")
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile="live spec",
        tofile="proposed spec",
        n=context,
    )
    return "".join(lines)


def applied_manifest(manifest_or_obj: Manifestable) -> dict[str, Any]:
    """A copy fit to apply: no ``status``, no :data:`SERVER_METADATA`, no kubectl last-applied annotation.

    ``metadata.resourceVersion`` is kept: it makes the API server refuse the write when the object
    changed since it was read.
    """
    manifest = copy.deepcopy(dict(as_manifest(manifest_or_obj)))
    manifest.pop("status", None)
    metadata = manifest.get("metadata")
    if isinstance(metadata, dict):
        for key in SERVER_METADATA:
            metadata.pop(key, None)
        annotations = metadata.get("annotations")
        if isinstance(annotations, dict):
            annotations.pop(LAST_APPLIED_ANNOTATION, None)
            if not annotations:
                metadata.pop("annotations")
    return manifest


def kubectl_apply_command(manifest: Manifestable) -> str:
    """The CLI equivalent of a save: ``kubectl apply --server-side --field-manager=modelfs-ui -f - <<'EOF'``,
    the manifest, ``EOF``.

    The manifest is :func:`applied_manifest` without ``resourceVersion`` (a pasted command runs later,
    against a newer object). The quoted delimiter keeps the shell from expanding anything; no YAML line
    can equal it, since the only lines at column 0 are the top-level keys.
    """
    clean = applied_manifest(manifest)
    if isinstance(clean.get("metadata"), dict):
        clean["metadata"].pop("resourceVersion", None)
    return f"kubectl apply --server-side --field-manager={FIELD_MANAGER} -f - <<'EOF'\n{dump_yaml(clean)}EOF"
