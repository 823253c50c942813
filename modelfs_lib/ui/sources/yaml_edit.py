"""Edit a ModelSource as YAML (``?source=..&action=edit-yaml``): checked as typed, then reviewed and applied.

The editor starts from the live source as an appliable manifest. Each run checks the text (one
ModelSource, this name and namespace, the CRD schema); problems show under the editor and keep the
review closed, so nothing reaches the cluster. The review shows the manifest, the diff against the
live object, a server-side dry-run and the kubectl command; Apply (server-side apply as
``modelfs-ui``) is the explicit confirmation. "Reset to live" puts the live text back. The Secret
is only named (``spec.secretRef``): the editor never reads it.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from modelfs_lib.domain.field_error import blocking
from modelfs_lib.domain.manifest_text import spec_diff
from modelfs_lib.domain.source_yaml import editor_text, source_from_yaml
from modelfs_lib.errors import ModelfsError, NotFound
from modelfs_lib.resources import ModelSource
from modelfs_lib.ui.access import permission
from modelfs_lib.ui.feedback import show_error
from modelfs_lib.ui.form_fields import render_finding
from modelfs_lib.ui.review import review_and_apply
from modelfs_lib.ui.shell import ShellState
from modelfs_lib.ui.sources import common, secret_panel, stall_notice
from modelfs_lib.ui.yaml_editor import yaml_editor

ACTION = "edit-yaml"
"""The ``action`` query parameter that opens the editor on a source's detail."""
PREFIX = "sources.yaml"
FOR_KEY = f"{PREFIX}.for"
SEED_KEY = f"{PREFIX}.seed"
"""The text the editor was (re)started with: it stays the editor's ``value`` while the editor lives."""
GENERATION_KEY = f"{PREFIX}.generation"
"""Bumped by "Reset to live": a new editor widget, so the live text replaces what was typed."""
STARTED_KEY = f"{PREFIX}.started"
"""The resourceVersion the edit started from."""
REVIEWING_KEY = f"{PREFIX}.reviewing"


def reset() -> None:
    """Forget the edit, so that the next one starts from the live source."""
    for key in (FOR_KEY, SEED_KEY, STARTED_KEY, REVIEWING_KEY):
        st.session_state.pop(key, None)


def _editor_key() -> str:
    return f"{PREFIX}.editor.{st.session_state.get(GENERATION_KEY, 0)}"


def _restart(raw: dict[str, Any]) -> None:
    """Start (or restart) the editor from ``raw``, the live source."""
    st.session_state[SEED_KEY] = editor_text(raw)
    st.session_state[STARTED_KEY] = str(raw.get("metadata", {}).get("resourceVersion") or "")
    st.session_state[GENERATION_KEY] = int(st.session_state.get(GENERATION_KEY, 0)) + 1
    st.session_state[REVIEWING_KEY] = False


def _live(state: ShellState, name: str) -> dict[str, Any] | None:
    """The source as stored now; None after saying why it cannot be edited."""
    assert state.connection is not None
    try:
        raw: dict[str, Any] = state.connection.client.get_raw(ModelSource, namespace=state.namespace, name=name)
    except NotFound:
        st.warning(f"There is no ModelSource {name} in {state.namespace}.", icon=":material/search_off:")
        return None
    except ModelfsError as e:
        show_error(e, action=f"Reading ModelSource {name}")
        return None
    return raw


def _set_reviewing(value: bool) -> None:
    st.session_state[REVIEWING_KEY] = value


def _hold(stall: stall_notice.StallCheck | None) -> str:
    """The stall notice and its acknowledgement on the review; why Apply waits ("" when it need not)."""
    if stall is None or not stall.needs_acknowledgement:
        return ""
    stall_notice.render(stall, key=f"{PREFIX}.stall")
    if stall_notice.acknowledged(stall):
        return ""
    return "Tick the acknowledgement above to apply: this edit would stall the Model versions listed."


def _applied(state: ShellState, manifest: dict[str, Any], applied: dict[str, Any]) -> None:
    name = common.flash_applied(state, manifest, applied)
    reset()
    secret_panel.forget_checks()
    common.open_view(name)


def render(state: ShellState, name: str) -> None:
    """The YAML editor of ModelSource ``name`` (the page's title and back button are the detail's)."""
    st.subheader("Edit as YAML", anchor=False)
    raw = _live(state, name)
    if raw is None:
        return
    live = ModelSource.from_dict(raw)
    if st.session_state.get(FOR_KEY) != (state.namespace, name) or SEED_KEY not in st.session_state:
        _restart(raw)
        st.session_state[FOR_KEY] = (state.namespace, name)
    may_patch = permission(state, "patch", "ModelSource")
    if not may_patch.allowed:
        st.caption(may_patch.reason)
    st.caption(
        "The whole source as `kubectl apply` takes it. The Secret is only named in `spec.secretRef`; its values are "
        "never read here. Checked as you type; nothing is sent before the review."
    )
    with st.container(key=f"{PREFIX}.box"):
        text = yaml_editor("ModelSource", key=_editor_key(), value=str(st.session_state[SEED_KEY]), height=360)
        started = str(st.session_state.get(STARTED_KEY) or "")
        manifest, findings = source_from_yaml(
            text, name=name, namespace=state.namespace or "", resource_version=started
        )
        for finding in findings:
            render_finding(finding, prefix=f"`{finding.field}`: ")
    errors = blocking(findings)
    unchanged = manifest is not None and not spec_diff(raw, manifest)
    reviewing = bool(st.session_state.get(REVIEWING_KEY)) and manifest is not None
    with st.container(horizontal=True, key=f"{PREFIX}.nav"):
        st.button(
            "Review changes",
            key=f"{PREFIX}.review",
            type="primary",
            icon=":material/fact_check:",
            disabled=bool(errors) or reviewing,
            on_click=_set_reviewing,
            args=(True,),
        )
        st.button("Reset to live", key=f"{PREFIX}.reset", icon=":material/restart_alt:", on_click=_restart, args=(raw,))
        if st.button("Cancel", key=f"{PREFIX}.cancel", help="Leave the editor; nothing is sent."):
            reset()
            common.open_view(name)
    if errors:
        st.error(
            f"Fix the {len(errors)} problem(s) under the editor: nothing is sent to the cluster until then.",
            icon=":material/rule:",
        )
        return
    if unchanged:
        st.caption("No changes to the spec yet.")
    if not reviewing or manifest is None:
        return
    st.divider()
    st.subheader("Review", anchor=False)
    edited = ModelSource.from_dict(manifest)
    stall = stall_notice.check(state, live, edited) if not live.invalid and not edited.invalid else None
    hold = _hold(stall)
    applied = review_and_apply(
        state, manifest=manifest, live=raw, key=f"{PREFIX}.apply", started_version=started or None, hold=hold
    )
    if applied is not None:
        _applied(state, manifest, applied)
