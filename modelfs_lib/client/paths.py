"""URLs built from a kind's constants, and the registry of kinds the client can apply."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from urllib.parse import quote

from modelfs_lib.resources import (
    Dataset,
    Event,
    Kind,
    Model,
    ModelSource,
    Namespace,
    PersistentVolumeClaim,
    Secret,
)


def collection_path(kind: Kind, *, namespace: str | None) -> str:
    """``/api/v1/...`` or ``/apis/<group>/<version>/...`` up to the plural.

    A namespaced kind without a namespace addresses all namespaces; a
    cluster-scoped kind ignores ``namespace``.
    """
    base = f"/apis/{kind.group}/{kind.version}" if kind.group else f"/api/{kind.version}"
    if kind.namespaced and namespace:
        base += f"/namespaces/{_segment(namespace)}"
    return f"{base}/{kind.plural}"


def object_path(kind: Kind, *, namespace: str | None, name: str) -> str:
    """The URL path of one object; a namespaced kind requires a namespace."""
    if kind.namespaced and not namespace:
        raise ValueError(f"{kind.kind} is namespaced: a namespace is required")
    if not name:
        raise ValueError(f"a {kind.kind} name is required")
    return f"{collection_path(kind, namespace=namespace)}/{_segment(name)}"


def _segment(value: str) -> str:
    return quote(value, safe="")


@cache
def known_kinds() -> Mapping[tuple[str, str], Kind]:
    """Every kind of :mod:`modelfs_lib.resources`, keyed by ``(apiVersion, kind)``."""
    classes = (Model, ModelSource, Dataset, Namespace, Secret, PersistentVolumeClaim, Event)
    return kind_registry(cls.KIND for cls in classes)


def kind_registry(kinds: Iterable[Kind]) -> dict[tuple[str, str], Kind]:
    """A lookup table for :func:`kind_for` built from ``kinds``."""
    return {(k.api_version, k.kind): k for k in kinds}


def kind_for(api_version: object, kind: object, *, kinds: Mapping[tuple[str, str], Kind] | None = None) -> Kind:
    """The Kind a manifest's ``apiVersion``/``kind`` names; ValueError when unknown."""
    table = known_kinds() if kinds is None else kinds
    if not isinstance(api_version, str) or not isinstance(kind, str) or not api_version or not kind:
        raise ValueError("the manifest needs a string apiVersion and kind")
    found = table.get((api_version, kind))
    if found is None:
        known = ", ".join(sorted(f"{name} ({version})" for version, name in table))
        raise ValueError(f"modelfs-ui does not know the kind {kind} in {api_version} (known: {known})")
    return found
