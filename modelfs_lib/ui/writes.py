"""Every write the console makes, in one place: it talks to the client, invalidates what it touched,
and leaves an audit Event on the object naming the person and the action.

An audit Event that cannot be created never fails the write: the change stands, and the next run says
that it went unrecorded. A refused write is recorded too (as a Warning), quietly if that fails as well.

A page may still show an object as it was before this session's own write (a polled list catches up
a moment later), and the controller's status writes move the resourceVersion in between. A write
therefore starts from :func:`latest`: the newer of what is shown and what this session's last write
of it returned (:func:`remember`); :func:`merge_patch_unless_changed` sends a 409 again only while
the spec is the one the write started from.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import streamlit as st

from modelfs_lib.domain.audit import Target, audit_event, patched_fields
from modelfs_lib.domain.concurrent_edit import changed_spec_fields
from modelfs_lib.errors import ClusterError, Conflict, ModelfsError
from modelfs_lib.resources import Dataset, Event, Model, ModelSource, Resource
from modelfs_lib.ui import data
from modelfs_lib.ui import state as keys
from modelfs_lib.ui.shell import AUDIT_NOTICES_KEY, ShellState

T = TypeVar("T")
S = TypeVar("S", Model, ModelSource, Dataset)
"""A kind with a ``spec`` the console writes."""
ATTEMPTS = 3
"""How often a write is sent again after a 409 whose cause left the spec as the write started from it."""


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


def _own_key(shown: Resource) -> str:
    return keys.key(f"{keys.OWN_WRITE}.{shown.KIND.kind}", shown.namespace, shown.name)


def remember(shown: Resource, answer: Mapping[str, Any]) -> None:
    """Keep the API server's answer to this session's write of ``shown``: the next write starts from it."""
    st.session_state[_own_key(shown)] = dict(answer)


def latest(shown: S) -> S:
    """``shown``, or the answer to this session's last write of it when that is newer (numeric resourceVersions)."""
    own = st.session_state.get(_own_key(shown))
    if not isinstance(own, Mapping):
        return shown
    meta = own.get("metadata")
    mine = str(meta.get("resourceVersion", "")) if isinstance(meta, Mapping) else ""
    current = shown.meta.resource_version
    if mine.isdigit() and current.isdigit() and int(mine) > int(current):
        return type(shown).from_dict(own)
    return shown


def _read(state: ShellState, cls: type[Resource], name: str) -> dict[str, Any] | None:
    """The object as the API server has it now; None when it is gone or cannot be read."""
    if state.connection is None:
        return None
    try:
        raw: dict[str, Any] = state.connection.client.get_raw(cls, namespace=state.namespace, name=name)
    except ModelfsError:
        return None
    return raw


class SpecChanged(Exception):
    """A 409 whose cause is another writer's change to the spec: ``fields`` changed, ``live`` is the object now."""

    def __init__(self, live: dict[str, Any], fields: list[str]) -> None:
        super().__init__(", ".join(fields))
        self.live = live
        self.fields = fields


def merge_patch_unless_changed(
    state: ShellState, shown: S, build: Callable[[S], Mapping[str, Any]], *, action: str | None = None
) -> dict[str, Any]:
    """Merge-patch ``build(latest(shown))``; the answer is remembered (:func:`remember`).

    A 409 whose cause left the spec as the write started from it (the controller's status writes) is
    no conflict: the patch is built again on the object as it is now and sent again (up to
    :data:`ATTEMPTS` times in all). A change to the spec by another writer raises :class:`SpecChanged`;
    the last 409, or one whose object cannot be read again, is raised as it came.
    """
    cls = type(shown)
    base = latest(shown)
    for attempt in range(ATTEMPTS):
        try:
            answer = merge_patch(state, cls, name=shown.name, patch=build(base), action=action)
            break
        except Conflict:
            fresh = _read(state, cls, shown.name)
            if fresh is None or attempt == ATTEMPTS - 1:
                raise
            live = cls.from_dict(fresh)
            changed = changed_spec_fields(base.to_dict(), live.to_dict())
            if changed:
                raise SpecChanged(fresh, changed) from None
            base = live
    remember(shown, answer)
    return answer
