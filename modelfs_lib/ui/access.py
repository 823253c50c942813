"""Whether the current identity may perform an action: SelfSubjectAccessReview, cached briefly."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from modelfs_lib.errors import ModelfsError
from modelfs_lib.ui import data
from modelfs_lib.ui.shell import ShellState


@dataclass(frozen=True)
class Permission:
    """The answer shown beside an action: allowed, or why not."""

    allowed: bool
    reason: str = ""


@st.cache_data(ttl=30, show_spinner=False, max_entries=1024)
def _review(key: data.ConnectionKey, verb: str, kind: str, namespace: str) -> tuple[bool, str]:
    cls = data.KINDS[kind]
    decision = data.connection(key).client.can_i(verb=verb, kind=cls.KIND, namespace=namespace or None)
    return decision.allowed, decision.reason


def permission(state: ShellState, verb: str, kind: str, namespace: str | None = None) -> Permission:
    """May the current identity ``verb`` ``kind`` objects in ``namespace`` (default: the chosen one)?

    Read-only mode forbids every write. When the review itself fails, the action
    stays available: the API server still has the last word.
    """
    if state.settings.readonly:
        return Permission(False, "The console runs in read-only mode.")
    try:
        allowed, reason = _review(state.key, verb, kind, namespace or state.namespace or "")
    except ModelfsError:
        return Permission(True)
    if allowed:
        return Permission(True)
    resource = data.KINDS[kind].KIND.resource
    return Permission(
        False, f"You may not {verb} {resource} in {namespace or state.namespace}" + (f": {reason}" if reason else ".")
    )
