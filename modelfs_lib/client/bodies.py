"""Request bodies the client sends: a server-side-apply manifest and DeleteOptions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypedDict

from modelfs_lib.resources import Kind
from modelfs_lib.resources.registry import kind_for


class PreconditionsWire(TypedDict, total=False):
    """``DeleteOptions.preconditions``."""

    resourceVersion: str
    uid: str


class DeleteOptionsWire(TypedDict, total=False):
    """A ``DeleteOptions`` body."""

    apiVersion: str
    kind: str
    preconditions: PreconditionsWire
    propagationPolicy: str
    dryRun: list[str]


@dataclass(frozen=True)
class ApplyTarget:
    """Where a manifest goes and what is sent: the kind, namespace, name and body."""

    kind: Kind
    namespace: str | None
    name: str
    body: dict[str, Any]


def prepare_apply(manifest: Mapping[str, Any], *, kinds: Mapping[tuple[str, str], Kind] | None) -> ApplyTarget:
    """The apply target for ``manifest``, without ``status`` or ``metadata.managedFields``.

    ValueError for an unknown kind, or a manifest without a name (or without a
    namespace, for a namespaced kind). ``manifest`` itself is not changed.
    """
    kind = kind_for(manifest.get("apiVersion"), manifest.get("kind"), kinds=kinds)
    raw_meta = manifest.get("metadata")
    meta = dict(raw_meta) if isinstance(raw_meta, Mapping) else {}
    name, namespace = meta.get("name"), meta.get("namespace")
    if not isinstance(name, str) or not name:
        raise ValueError("the manifest needs metadata.name")
    if kind.namespaced and (not isinstance(namespace, str) or not namespace):
        raise ValueError(f"a {kind.kind} manifest needs metadata.namespace")
    meta.pop("managedFields", None)
    body = {key: value for key, value in manifest.items() if key not in ("status", "metadata")}
    body["metadata"] = meta
    return ApplyTarget(kind=kind, namespace=namespace if kind.namespaced else None, name=name, body=body)


def delete_options(
    *, resource_version: str | None, uid: str | None, dry_run: bool, propagation_policy: str | None = None
) -> DeleteOptionsWire:
    """DeleteOptions with the given preconditions (only those set), propagation policy and dry run."""
    body: DeleteOptionsWire = {"apiVersion": "v1", "kind": "DeleteOptions"}
    preconditions: PreconditionsWire = {}
    if resource_version:
        preconditions["resourceVersion"] = resource_version
    if uid:
        preconditions["uid"] = uid
    if preconditions:
        body["preconditions"] = preconditions
    if propagation_policy:
        body["propagationPolicy"] = propagation_policy
    if dry_run:
        body["dryRun"] = ["All"]
    return body
