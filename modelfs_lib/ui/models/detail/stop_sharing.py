"""The "Stop sharing" dialog of a shared version: where its REFERENCE Datasets go, the diff, then apply.

Nothing is sent before Apply. The dialog names the version and the namespaces the controller shares
it with now, and shows the change: the version's whole ``share`` block removed (its selector and
opt-in label with it; "Share" asks for a scope again). The change is built on the Model read afresh,
so a change someone else made is named and kept; Apply is a server-side apply as ``modelfs-ui``,
after which the controller deletes the version's REFERENCE Datasets.
"""

from __future__ import annotations

import streamlit as st

from modelfs_lib.domain.manifest_text import applied_manifest, spec_diff
from modelfs_lib.domain.manifests import without_share
from modelfs_lib.domain.sharing import compare_readings
from modelfs_lib.resources import Model, Namespace
from modelfs_lib.resources.naming import reference_name
from modelfs_lib.ui import data, writes
from modelfs_lib.ui import state as keys
from modelfs_lib.ui.confirm import dialog
from modelfs_lib.ui.models.detail.share_dialog import fresh_model
from modelfs_lib.ui.review import review_and_apply
from modelfs_lib.ui.shell import ShellState

OPEN_KEY = keys.SHARE_STOPPING


def open_dialog(slot: str) -> None:
    """Open the "Stop sharing" confirmation of ``slot`` (a button callback)."""
    st.session_state[OPEN_KEY] = slot


def close() -> None:
    """Close the "Stop sharing" confirmation."""
    st.session_state.pop(OPEN_KEY, None)


def _where(state: ShellState, model: Model, version_name: str) -> str:
    """The sentence naming where the controller shares the version now, whose references it deletes."""
    version = model.version(version_name)
    reference = reference_name(model.namespace, model.name, version_name)
    listed = data.load(state.key, Namespace, None)
    if version is None or version.share is None or not listed.ok:
        return f"The controller deletes its REFERENCE Datasets `{reference}`, wherever they are."
    shared = compare_readings(listed.items, version.share, source_namespace=model.namespace).controller
    if not shared:
        return f"The controller shares it with no namespace now: there is no REFERENCE Dataset `{reference}` to delete."
    names = ", ".join(f"`{ns}`" for ns in shared)
    return f"The controller deletes its REFERENCE Datasets `{reference}` in {len(shared)} namespace(s): {names}."


def _cancel(key: str) -> None:
    if st.button("Cancel", key=f"{key}.cancel", icon=":material/close:"):
        close()
        st.rerun()


def _body(state: ShellState, model: Model, version_name: str, key: str, done: tuple[str, str]) -> None:
    live = fresh_model(state, writes.latest(model))
    version = live.version(version_name)
    if version is None or version.share is None:
        st.info(f"Version {version_name} has no share block any more: there is nothing to stop.")
        _cancel(key)
        return
    st.markdown(f"Stop sharing version **{version_name}** of Model **{model.name}**?")
    st.markdown(f"- {_where(state, live, version_name)}")
    st.markdown("- Its `share` block goes, selector and opt-in label with it: sharing again asks for a scope.")
    manifest = applied_manifest(without_share(live, version_name))
    st.markdown("**Changes**")
    st.code(spec_diff(live.to_dict(), manifest) or "No changes to the spec.", language="diff")
    applied = review_and_apply(
        state, manifest=manifest, live=live.to_dict(), key=f"{key}.review", check_on_request=True
    )
    if applied is None:
        _cancel(key)
        return
    writes.remember(model, applied)
    flash_key, slot = done
    st.session_state.setdefault(flash_key, {})[slot] = (
        True,
        f"Sharing of {version_name} stopped: the controller deletes its REFERENCE Datasets.",
    )
    close()
    st.rerun()


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
