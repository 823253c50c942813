"""Every write the console makes, in one place: it talks to the client, invalidates what it touched,
and leaves an audit Event on the object naming the person and the action.

An audit Event that cannot be created never fails the write: the change stands, and the next run says
that it went unrecorded. A refused write is recorded too (as a Warning), quietly if that fails as well.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import streamlit as st

from modelfs_lib.domain.audit import Target, audit_event, patched_fields
from modelfs_lib.errors import ClusterError, ModelfsError
from modelfs_lib.resources import Event, Resource
from modelfs_lib.ui import data
from modelfs_lib.ui.shell import AUDIT_NOTICES_KEY, ShellState

T = TypeVar("T")


def _client(state: ShellState) -> Any:
    if state.connection is None:
        raise RuntimeError("no cluster connection")
    return state.connection.client


def _kind_class(manifest: Mapping[str, Any]) -> type[Resource] | None:
    return data.KINDS.get(str(manifest.get("kind", "")))


def _record(state: ShellState, target: Target, *, action: str, verb: str, error: str = "") -> None:
    """Leave the audit Event; when that fails, queue a notice (for a change that was made)."""
    event = audit_event(target, actor=state.identity.actor, action=action, verb=verb, error=error)
    try:
        _client(state).create_event(event)
    except (ModelfsError, RuntimeError) as e:
        if not error:
            notices: list[str] = st.session_state.setdefault(AUDIT_NOTICES_KEY, [])
            notices.append(
                f"The change was made ({action}), but its audit Event could not be recorded, so the Activity page "
                f"will not show it: {e}"
            )
        return
    data.invalidate(state.key, Event, target.namespace)


def _audited(state: ShellState, target: Target, *, action: str, verb: str, write: Callable[[], T]) -> T:
    try:
        result = write()
    except ClusterError as e:
        _record(state, target, action=action, verb=verb, error=str(e))
        raise
    uid = result.get("metadata", {}).get("uid", "") if isinstance(result, dict) else ""
    recorded = Target(target.api_version, target.kind, target.namespace, target.name, uid or target.uid)
    _record(state, recorded, action=action, verb=verb)
    return result


def _target(cls: type[Resource], namespace: str, name: str, uid: str | None = None) -> Target:
    return Target(cls.KIND.api_version, cls.KIND.kind, namespace, name, uid or "")


def apply(
    state: ShellState,
    manifest: Mapping[str, Any],
    *,
    dry_run: bool = False,
    force: bool = False,
    action: str | None = None,
) -> dict[str, Any]:
    """Server-side apply as ``modelfs-ui``; a real apply refreshes that kind's cached list and is audited.

    ``action`` says what was done, in the past tense ("added version v2 to qwen"); default "saved <Kind> <name>".
    """
    if dry_run:
        answer: dict[str, Any] = _client(state).apply(manifest, dry_run=True, force=force)
        return answer
    raw_meta = manifest.get("metadata")
    meta: Mapping[str, Any] = raw_meta if isinstance(raw_meta, Mapping) else {}
    name, namespace = str(meta.get("name", "")), str(meta.get("namespace") or state.namespace or "")
    kind = str(manifest.get("kind", ""))
    target = Target(str(manifest.get("apiVersion", "")), kind, namespace, name)
    result: dict[str, Any] = _audited(
        state,
        target,
        action=action or f"saved {kind} {name}",
        verb="Apply",
        write=lambda: _client(state).apply(manifest, force=force),
    )
    cls = _kind_class(manifest)
    if cls is not None:
        data.invalidate(state.key, cls, state.namespace)
        data.written(state.key, cls, result)
    return result


def merge_patch(
    state: ShellState,
    cls: type[Resource],
    *,
    name: str,
    patch: Mapping[str, Any],
    dry_run: bool = False,
    action: str | None = None,
) -> dict[str, Any]:
    """A JSON merge patch on one object of the chosen namespace; audited unless a dry run."""
    client = _client(state)
    if dry_run:
        answer: dict[str, Any] = client.merge_patch(
            cls, namespace=state.namespace, name=name, patch=dict(patch), dry_run=True
        )
        return answer
    namespace = state.namespace or ""
    fields = ", ".join(patched_fields(patch))
    result: dict[str, Any] = _audited(
        state,
        _target(cls, namespace, name),
        action=action or f"changed {fields} of {cls.KIND.kind} {name}",
        verb="Patch",
        write=lambda: client.merge_patch(cls, namespace=state.namespace, name=name, patch=dict(patch)),
    )
    data.invalidate(state.key, cls, state.namespace)
    data.written(state.key, cls, result)
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
    action: str | None = None,
) -> None:
    """Delete one object (in the chosen namespace unless another is given), with optional preconditions; audited."""
    where = namespace or state.namespace
    client = _client(state)
    kept = _audited(
        state,
        _target(cls, where or "", name, uid),
        action=action or f"deleted {cls.KIND.kind} {name}",
        verb="Delete",
        write=lambda: client.delete(
            cls,
            namespace=where,
            name=name,
            resource_version=resource_version,
            uid=uid,
            propagation_policy=propagation_policy,
        ),
    )
    data.invalidate(state.key, cls, where)
    if kept is not None:
        data.written(state.key, cls, kept)  # a finalizer keeps it: shown as being deleted
    else:
        data.deleted(state.key, cls, where, name)
