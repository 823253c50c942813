""" "Edit YAML": the Model's spec in the YAML editor, checked as typed, then the same review as the wizard."""

from __future__ import annotations

from collections.abc import Collection, Sequence

import streamlit as st

from modelfs_lib.domain.field_error import blocking
from modelfs_lib.domain.manifest_text import spec_diff
from modelfs_lib.domain.spec_edit import SPEC_FIELD, editable_spec, manifest_from_spec
from modelfs_lib.resources import ModelSource
from modelfs_lib.ui.form_fields import render_finding
from modelfs_lib.ui.models.wizard import review as wizard_review
from modelfs_lib.ui.models.wizard.state import BASICS, REVIEW, WizardSession, discard, remember_draft
from modelfs_lib.ui.navigation import go
from modelfs_lib.ui.shell import ShellState
from modelfs_lib.ui.yaml_editor import yaml_editor


def _resets_key(session: WizardSession) -> str:
    return session.key("yaml_resets")


def _editor_key(session: WizardSession) -> str:
    """The editor's widget key; a reset gives it a new one, so the browser editor is drawn afresh.

    streamlit-ace keeps its own text while its key stays, whatever value it is handed next.
    """
    resets = int(st.session_state.get(_resets_key(session), 0))
    return session.key("yaml") if not resets else session.key(f"yaml.{resets}")


def _reset(session: WizardSession) -> None:
    """Put the live spec back in the editor (a button callback)."""
    if session.live_raw is not None:
        session.yaml_text = editable_spec(session.live_raw)
    st.session_state.pop(_editor_key(session), None)
    st.session_state[_resets_key(session)] = int(st.session_state.get(_resets_key(session), 0)) + 1


def render(
    state: ShellState,
    session: WizardSession,
    sources: Sequence[ModelSource] | None,
    datasets: Collection[str] | None = None,
) -> None:
    """The editor (step 1) or the review (step 3); ``datasets`` are the names of Datasets known to exist."""
    assert session.live_raw is not None and session.name is not None
    if session.step == REVIEW:
        read = wizard_review.current_live(state, session, session.name)
        built = manifest_from_spec(session.yaml_text, live_raw=session.live_raw, sources=sources, datasets=datasets)
        if built.manifest is not None:
            advice = [f for f in built.findings if not f.blocking]
            wizard_review.render(state, session, built.manifest, advice, read)
            with st.container(horizontal=True, key=session.key("nav")):
                back = st.button("Back to the editor", key=session.key("back"), icon=":material/arrow_back:")
                cancel = st.button("Cancel", key=session.key("cancel"), help="Discard this edit and its draft.")
            if cancel:
                discard(session)
                go(model=session.name)
            if back:
                session.step = BASICS
                st.rerun()
            return
    session.step = BASICS
    st.caption(
        "The spec only: name, namespace, labels and annotations stay as they are, and status is the "
        "controller's. Checked as you type; nothing is sent before the review."
    )
    with st.container(key=session.key("yaml.box")):
        editor_key = _editor_key(session)
        text = yaml_editor(
            "Spec",
            key=editor_key,
            value=session.editor_value(editor_key, session.yaml_text),
            height=460,
        )
        session.yaml_text = text
        built = manifest_from_spec(text, live_raw=session.live_raw, sources=sources, datasets=datasets)
        for finding in built.findings:
            render_finding(finding, prefix=f"`{finding.field}`: ")
    remember_draft(session, built.manifest)
    errors = blocking(built.findings)
    unchanged = built.manifest is not None and not spec_diff(session.live_raw, built.manifest)
    with st.container(horizontal=True, key=session.key("nav")):
        review = st.button(
            "Review changes",
            key=session.key("next"),
            type="primary",
            icon=":material/fact_check:",
            disabled=bool(errors),
        )
        st.button("Reset to live", key=session.key("reset"), on_click=_reset, args=(session,))
        cancel = st.button("Cancel", key=session.key("cancel"), help="Discard this edit and its draft.")
    if errors and all(e.field == SPEC_FIELD for e in errors) and built.manifest is None:
        # the text does not read as a spec yet: the fields are checked (and counted) once it does
        st.caption("Fix the text above so that it reads as a spec; its fields are checked after that.")
    elif errors:
        st.caption(f"Fix the {len(errors)} problem(s) above to review and apply.")
    elif unchanged:
        st.caption("No changes to the spec yet.")
    if cancel:
        discard(session)
        go(model=session.name)
    if review and built.manifest is not None:
        session.step = REVIEW
        st.rerun()
