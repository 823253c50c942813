"""Step 3 of the Model wizard (and of "Edit YAML"): the shared review, then apply and go to the Model."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import streamlit as st

from modelfs_lib.domain.field_error import FieldError
from modelfs_lib.domain.live_versions import same_desired_state
from modelfs_lib.ui.feedback import show_error
from modelfs_lib.ui.models.form_fields import render_finding
from modelfs_lib.ui.models.live import LiveRead, read_model
from modelfs_lib.ui.models.wizard_state import WizardSession, discard
from modelfs_lib.ui.navigation import go
from modelfs_lib.ui.review import review_and_apply
from modelfs_lib.ui.shell import ShellState


def _rebase(session: WizardSession, live_raw: dict[str, Any]) -> None:
    session.rebase(live_raw)


def _advice(findings: Sequence[FieldError], key: str) -> None:
    """The warnings and notes that did not block, so nobody applies without having seen them."""
    if not findings:
        return
    with st.container(border=True, key=key):
        st.markdown(f"**{len(findings)} thing(s) to know before applying**")
        for finding in findings:
            render_finding(finding, prefix=f"`{finding.field}`: ")


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
        st.error(
            f"A Model named **{name}** now exists in {session.namespace}: someone created it after you began. "
            "Go back and choose another name, or open that Model and edit it.",
            icon=":material/content_copy:",
        )
        return
    st.caption(
        "Nothing has been saved yet: check the manifest, the changes and the API server's dry-run, then apply. "
        "The apply is a server-side apply as field manager modelfs-ui."
    )
    _advice(advice, f"{session.prefix}.advice")
    applied = review_and_apply(
        state,
        manifest=manifest,
        live=read.raw if session.editing else None,
        key=f"{session.prefix}.review",
        started_version=session.started_version,
    )
    if read.raw is not None and read.raw.get("metadata", {}).get("resourceVersion") != session.started_version:
        st.button(
            "Keep my changes on top of the latest version",
            key=f"{session.prefix}.rebase",
            icon=":material/sync:",
            on_click=_rebase,
            args=(session, read.raw),
            help="Take the Model as it is now as the base; the Changes tab then shows your edits against it.",
        )
    if applied is not None:
        discard(session)
        st.toast(f"Applied Model {name}.", icon=":material/check_circle:")
        go(model=name)
