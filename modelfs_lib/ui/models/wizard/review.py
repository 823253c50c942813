"""Step 3 of the Model wizard (and of "Edit YAML"): the shared review, then apply and go to the Model."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import streamlit as st

from modelfs_lib.domain.field_error import FieldError
from modelfs_lib.domain.live_versions import same_desired_state
from modelfs_lib.domain.model_form import lingering_fields, removal_patch
from modelfs_lib.domain.taken_name import taken_message
from modelfs_lib.errors import ModelfsError
from modelfs_lib.resources import Model
from modelfs_lib.ui import state as keys
from modelfs_lib.ui import writes
from modelfs_lib.ui.feedback import show_error
from modelfs_lib.ui.form_fields import field_label, render_finding
from modelfs_lib.ui.models.live import LiveRead, read_model
from modelfs_lib.ui.models.wizard.state import BASICS, EDIT_YAML, WizardSession, discard
from modelfs_lib.ui.navigation import go
from modelfs_lib.ui.review import review_and_apply
from modelfs_lib.ui.shell import ShellState


def _rebase(session: WizardSession, live_raw: dict[str, Any]) -> None:
    session.rebase(live_raw)


def _advice(findings: Sequence[FieldError], key: str, *, paths: bool) -> None:
    """The warnings and notes that did not block, so nobody applies without having seen them."""
    if not findings:
        return
    with st.container(border=True, key=key):
        st.markdown(f"**{len(findings)} thing(s) to know before applying**")
        for finding in findings:
            where = f"`{finding.field}`" if paths else f"**{field_label(finding.field)}**"
            render_finding(finding, prefix=f"{where}: ")


def _choose_another_name(session: WizardSession) -> None:
    session.step = BASICS


def render_taken(session: WizardSession, name: str, raw: Mapping[str, Any]) -> None:
    """The name was taken meanwhile: by whom, and a way back to Basics to choose another."""
    st.error(taken_message("Model", name, session.namespace, raw), icon=":material/content_copy:")
    with st.container(horizontal=True, key=session.key("taken")):
        st.button(
            "Choose another name",
            key=session.key("taken.rename"),
            type="primary",
            icon=":material/edit:",
            on_click=_choose_another_name,
            args=(session,),
        )
        st.button(
            f"Open Model {name}",
            key=session.key("taken.open"),
            on_click=go,
            kwargs={"model": name},
        )


def current_live(state: ShellState, session: WizardSession, name: str) -> LiveRead:
    """The Model as it is now, read just before the review.

    When only its status (and so its resourceVersion) changed since editing began, which the
    controller does all the time, the wizard silently takes the new read as its base: the edit then
    carries the current resourceVersion and is not refused for a change nobody made to the spec.
    """
    read = read_model(state, name)
    if session.live_raw is not None and read.raw is not None and same_desired_state(session.live_raw, read.raw):
        session.rebase(read.raw)
    return read


def render(
    state: ShellState,
    session: WizardSession,
    manifest: dict[str, Any],
    advice: Sequence[FieldError],
    read: LiveRead,
) -> None:
    """Review ``manifest`` against ``read`` (see :func:`current_live`); once applied, forget the wizard and
    its draft and open the Model's detail."""
    name = str(manifest["metadata"]["name"])
    if read.error is not None:
        show_error(read.error, action=f"Reading Model {name}")
        return
    if session.editing and read.raw is None:
        st.error(f"Model **{name}** no longer exists in {session.namespace}: it was deleted while you were editing.")
        return
    if not session.editing and read.raw is not None:
        render_taken(session, name, read.raw)
        return
    st.caption(
        "Nothing has been saved yet: check the manifest, the changes and the API server's dry-run, then apply. "
        "The apply is a server-side apply as field manager modelfs-ui."
    )
    _advice(advice, session.key("advice"), paths=session.mode == EDIT_YAML)
    applied = review_and_apply(
        state,
        manifest=manifest,
        live=read.raw if session.editing else None,
        key=session.key("review"),
        started_version=session.started_version,
    )
    if read.raw is not None and read.raw.get("metadata", {}).get("resourceVersion") != session.started_version:
        st.button(
            "Keep my changes on top of the latest version",
            key=session.key("rebase"),
            icon=":material/sync:",
            on_click=_rebase,
            args=(session, read.raw),
            help="Take the Model as it is now as the base; the Changes tab then shows your edits against it.",
        )
    if applied is not None:
        discard(session)
        leftovers = lingering_fields(manifest, applied)
        if leftovers:
            st.session_state[_leftover_key(session.namespace, name)] = leftovers
            st.rerun()
        st.toast(f"Applied Model {name}.", icon=":material/check_circle:")
        go(model=name)


def _leftover_key(namespace: str, name: str, part: str = "leftovers") -> str:
    return keys.key(keys.MODEL_WIZARD, namespace, name, part)


def render_leftovers(state: ShellState, name: str) -> bool:
    """After an apply that left dropped fields in place: say so and offer to remove them. False when none."""
    namespace = state.namespace or ""
    key = _leftover_key(namespace, name)
    fields = st.session_state.get(key)
    if not isinstance(fields, list) or not fields:
        return False
    st.success(f"Applied Model {name}.", icon=":material/check_circle:")
    st.warning(
        f"Your edit dropped {', '.join(f'`{f}`' for f in fields)}, but the Model still has "
        f"{'it' if len(fields) == 1 else 'them'}: another field manager (kubectl, say) set "
        f"{'it' if len(fields) == 1 else 'them'}, and a server-side apply removes only fields it set itself.",
        icon=":material/layers:",
    )
    with st.container(horizontal=True, key=_leftover_key(namespace, name, "leftovers.actions")):
        remove = st.button(
            "Remove them",
            key=_leftover_key(namespace, name, "leftovers.remove"),
            type="primary",
            icon=":material/delete_sweep:",
        )
        keep = st.button("Keep them", key=_leftover_key(namespace, name, "leftovers.keep"))
    if remove:
        try:
            writes.merge_patch(state, Model, name=name, patch=removal_patch(fields))
        except ModelfsError as e:
            show_error(e, action=f"Removing {', '.join(fields)} from Model {name}")
            return True
        st.session_state.pop(key, None)
        st.toast(f"Removed {', '.join(fields)} from Model {name}.", icon=":material/check_circle:")
        go(model=name)
    if keep:
        st.session_state.pop(key, None)
        go(model=name)
    return True
