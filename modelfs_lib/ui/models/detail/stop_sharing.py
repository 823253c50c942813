"""The "Stop sharing" dialog of a shared version: where its REFERENCE Datasets go, the diff, then apply.

Nothing is sent before Apply. The dialog names the version, which of its REFERENCE Datasets the
controller deletes (those carrying its labels) and which stay (:mod:`modelfs_lib.domain.stop_sharing`),
and shows the change: the version's whole ``share`` block removed (its selector and
opt-in label with it; "Share" asks for a scope again). The change is built on the Model read afresh,
so a change someone else made is named and kept; Apply is a server-side apply as ``modelfs-ui``,
after which the controller deletes the labelled REFERENCE Datasets.
"""

from __future__ import annotations

import streamlit as st

from modelfs_lib.domain.manifest_text import applied_manifest, spec_diff
from modelfs_lib.domain.manifests import without_share
from modelfs_lib.domain.stop_sharing import stop_sharing_consequences
from modelfs_lib.resources import Model
from modelfs_lib.ui import state as keys
from modelfs_lib.ui import writes
from modelfs_lib.ui.confirm import dialog
from modelfs_lib.ui.models.detail.share_dialog import apply_then_finish, cancel, fresh_model
from modelfs_lib.ui.models.reads import reference_audit
from modelfs_lib.ui.shell import ShellState

OPEN_KEY = keys.SHARE_STOPPING


def open_dialog(slot: str) -> None:
    """Open the "Stop sharing" confirmation of ``slot`` (a button callback)."""
    st.session_state[OPEN_KEY] = slot


def close() -> None:
    """Close the "Stop sharing" confirmation."""
    st.session_state.pop(OPEN_KEY, None)


def _outcomes(state: ShellState, model: Model, version_name: str) -> list[str]:
    """What the controller deletes and what stays, from the one reference search of the page."""
    audit = reference_audit(state, model)
    said = stop_sharing_consequences(model, version_name, audit.references)
    return [*said, f"Could not search every namespace: {audit.error}"] if audit.error else said


def _body(state: ShellState, model: Model, version_name: str, key: str, done: tuple[str, str]) -> None:
    live = fresh_model(state, writes.latest(model))
    version = live.version(version_name)
    if version is None or version.share is None:
        st.info(f"Version {version_name} has no share block any more: there is nothing to stop.")
        cancel(key, close)
        return
    st.markdown(f"Stop sharing version **{version_name}** of Model **{model.name}**?")
    for outcome in _outcomes(state, live, version_name):
        st.markdown(f"- {outcome}")
    st.markdown("- Its `share` block goes, selector and opt-in label with it: sharing again asks for a scope.")
    manifest = applied_manifest(without_share(live, version_name))
    st.markdown("**Changes**")
    st.code(spec_diff(live.to_dict(), manifest) or "No changes to the spec.", language="diff")
    apply_then_finish(
        state,
        model,
        live,
        manifest,
        key=key,
        done=done,
        message=f"Sharing of {version_name} stopped: the controller deletes the REFERENCE Datasets that carry "
        "its labels.",
        close_dialog=close,
    )


def render(state: ShellState, model: Model, version_name: str, *, key: str, slot: str, flash_key: str) -> None:
    """The confirmation, when open for ``slot``."""
    if st.session_state.get(OPEN_KEY) != slot:
        return
    dialog(
        f"Stop sharing version {version_name}",
        lambda: _body(state, model, version_name, f"{key}.unshare", (flash_key, slot)),
        on_dismiss=close,
        width="large",
    )
