"""URLs built from a kind's constants (the kinds themselves are in :mod:`modelfs_lib.resources.registry`)."""

from __future__ import annotations

from urllib.parse import quote

from modelfs_lib.resources import Kind


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
