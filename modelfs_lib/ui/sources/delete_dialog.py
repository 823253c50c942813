"""Deleting a ModelSource: refused while any Model references it, otherwise confirmed by typing its name.

The dialog is open while the URL says ``action=delete``, so it survives reruns and can be linked to.
The guard reads the source and the Models afresh: a Model created a moment ago still counts.
"""

from __future__ import annotations

import streamlit as st

from modelfs_lib.domain.source_usage import delete_blocker
from modelfs_lib.errors import ModelfsError
from modelfs_lib.resources import Model, ModelSource
from modelfs_lib.ui import data, writes
from modelfs_lib.ui.access import permission
from modelfs_lib.ui.confirm import confirm_by_name
from modelfs_lib.ui.feedback import show_error
from modelfs_lib.ui.shell import ShellState
from modelfs_lib.ui.sources import common


def _close() -> None:
    st.query_params.pop("action", None)


def _content(state: ShellState, name: str) -> None:
    for kind in (ModelSource, Model):
        data.invalidate(state.key, kind, state.namespace)
    source = common.find(common.sources(state), name)
    if source is None:
        st.info(f"There is no ModelSource {name} in {state.namespace} (any more).")
        return
    listed = common.models(state)
    refs = common.references_of(source, listed)
    blocker = delete_blocker(source, refs)
    if listed.error is not None:
        show_error(listed.error, action=f"Listing Models in {state.namespace}")
    if refs.models:
        st.error(blocker or "", icon=":material/block:")
        for model in refs.models:
            common.model_link(state.namespace or "", model)
        for note in refs.mismatch_notes():
            st.caption(note)
    elif blocker:
        st.info(blocker, icon=":material/hourglass_top:")
    else:
        _confirm(state, source, models_listed=listed.ok)
    if st.button("Cancel", key="sources.delete.cancel"):
        common.open_view(name)


def _confirm(state: ShellState, source: ModelSource, *, models_listed: bool) -> None:
    allowed = permission(state, "delete", "ModelSource")
    consequences = [
        "No Model references it now."
        if models_listed
        else "No Model is recorded in its status.referencedBy; the Models could not be listed to make sure.",
        f"The Secret {source.secret_ref} is not deleted." if source.secret_ref else "It has no Secret.",
        "Datasets already synced from it are not touched.",
    ]
    confirmed = confirm_by_name(
        kind="ModelSource",
        name=source.name,
        consequences=consequences,
        key="sources.delete",
        disabled_reason="" if allowed.allowed else allowed.reason,
    )
    if not confirmed:
        return
    try:
        writes.delete(state, ModelSource, name=source.name)
    except ModelfsError as e:
        show_error(e, action=f"Deleting ModelSource {source.name}")
        return
    common.flash(f"Deleted ModelSource {source.name}.")
    common.open_view()


@st.dialog("Delete ModelSource", width="medium", on_dismiss=_close)
def _dialog(state: ShellState, name: str) -> None:
    _content(state, name)


def render(state: ShellState, name: str) -> None:
    """Open the delete dialog for ModelSource ``name``."""
    _dialog(state, name)
