"""The YAML tab: the appliable manifest with copy and download, the live object with its status on request,
and the diff against the wizard's draft."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from modelfs_lib.domain.manifest_export import appliable_yaml, live_yaml
from modelfs_lib.domain.manifest_text import spec_diff
from modelfs_lib.resources import Model
from modelfs_lib.ui import state as keys
from modelfs_lib.ui.feedback import show_error
from modelfs_lib.ui.models.reads import live_object
from modelfs_lib.ui.shell import ShellState

LIVE_TOGGLE_KEY = "models.detail.yaml.live"
"""The toggle that shows the whole live object (status included) instead of the appliable manifest."""


def draft_key(namespace: str, name: str) -> str:
    """Where the wizard keeps the manifest it is preparing for Model ``name`` in ``namespace``."""
    return keys.key(keys.MODEL_DRAFT, namespace, name)


def render_yaml(state: ShellState, model: Model) -> None:
    """The appliable manifest (or the live object); the pending edit's diff when the wizard holds a draft.

    A fragment of its own: the "Live object with status" toggle reruns this tab only, not the whole detail.
    """

    @st.fragment
    def tab() -> None:
        _render(state, model)

    tab()


def _render(state: ShellState, model: Model) -> None:
    live, error = live_object(state, model)
    if error is not None:
        show_error(error, action=f"Reading Model {model.name}")
        st.caption("Below: the Model as last listed.")
    source = live if live is not None else model.to_dict()
    whole = st.toggle(
        "Live object with status",
        key=LIVE_TOGGLE_KEY,
        help="The object as the API server has it, status included (managedFields left out). It is not appliable.",
    )
    version = f"resourceVersion {model.meta.resource_version or '—'}"
    if whole:
        st.caption(f"Model {model.name} as stored · {version} (copy: top right)")
        st.code(live_yaml(source), language="yaml")
    else:
        text = appliable_yaml(source)
        st.caption(
            f"Model {model.name}, appliable with `kubectl apply -f` · {version} · without status and the fields "
            "the API server writes (copy: top right)"
        )
        st.code(text, language="yaml")
        st.download_button(
            "Download YAML",
            text,
            file_name=f"{model.name}.yaml",
            mime="application/yaml",
            key="models.detail.yaml.download",
            icon=":material/download:",
        )
    draft = st.session_state.get(draft_key(model.namespace, model.name))
    if isinstance(draft, Mapping):
        st.markdown("**Edit being prepared**: live spec → proposed spec")
        st.code(spec_diff(source, draft) or "The proposed spec means the same as the live one.", language="diff")
