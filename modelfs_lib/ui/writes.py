"""Every write the console makes, in one place: it talks to the client and invalidates what it touched."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from modelfs_lib.resources import Resource
from modelfs_lib.ui import data
from modelfs_lib.ui.shell import ShellState


def _client(state: ShellState) -> Any:
    if state.connection is None:
        raise RuntimeError("no cluster connection")
    return state.connection.client


def _kind_class(manifest: Mapping[str, Any]) -> type[Resource] | None:
    return data.KINDS.get(str(manifest.get("kind", "")))


def apply(
    state: ShellState, manifest: Mapping[str, Any], *, dry_run: bool = False, force: bool = False
) -> dict[str, Any]:
    """Server-side apply as ``modelfs-ui``; a real apply refreshes that kind's cached list."""
    result: dict[str, Any] = _client(state).apply(manifest, dry_run=dry_run, force=force)
    cls = _kind_class(manifest)
    if not dry_run and cls is not None:
        data.invalidate(state.key, cls, state.namespace)
    return result


def merge_patch(
    state: ShellState, cls: type[Resource], *, name: str, patch: Mapping[str, Any], dry_run: bool = False
) -> dict[str, Any]:
    """A JSON merge patch on one object of the chosen namespace."""
    result: dict[str, Any] = _client(state).merge_patch(
        cls, namespace=state.namespace, name=name, patch=dict(patch), dry_run=dry_run
    )
    if not dry_run:
        data.invalidate(state.key, cls, state.namespace)
    return result


def delete(
    state: ShellState,
    cls: type[Resource],
    *,
    name: str,
    namespace: str | None = None,
    resource_version: str | None = None,
    uid: str | None = None,
    propagation_policy: str | None = None,
) -> None:
    """Delete one object (in the chosen namespace unless another is given), with optional preconditions."""
    where = namespace or state.namespace
    _client(state).delete(
        cls,
        namespace=where,
        name=name,
        resource_version=resource_version,
        uid=uid,
        propagation_policy=propagation_policy,
    )
    data.invalidate(state.key, cls, where)
