"""The YAML tab: the live spec with copy and download, and the diff against the wizard's draft."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from modelfs_lib.domain.manifest_text import spec_diff, spec_yaml
from modelfs_lib.resources import Model
from modelfs_lib.ui import state as keys
from modelfs_lib.ui.feedback import show_error
from modelfs_lib.ui.models.reads import live_object
from modelfs_lib.ui.shell import ShellState


def draft_key(namespace: str, name: str) -> str:
    """Where the wizard keeps the manifest it is preparing for Model ``name`` in ``namespace``."""
    return keys.key(keys.MODEL_DRAFT, namespace, name)


def render_yaml(state: ShellState, model: Model) -> None:
    """The live object's spec; the pending edit's diff when the wizard holds a draft."""
    live, error = live_object(state, model)
    if error is not None:
        show_error(error, action=f"Reading Model {model.name}")
        st.caption("Below: the spec as last listed.")
    source = live if live is not None else model.to_dict()
    text = spec_yaml(source)
    st.caption(f"spec of Model {model.name} · resourceVersion {model.meta.resource_version or '—'} (copy: top right)")
    st.code(text, language="yaml")
    st.download_button(
        "Download spec",
        text,
        file_name=f"{model.name}.spec.yaml",
        mime="application/yaml",
        key="models.detail.yaml.download",
        icon=":material/download:",
    )
    draft = st.session_state.get(draft_key(model.namespace, model.name))
    if isinstance(draft, Mapping):
        st.markdown("**Edit being prepared**: live spec → proposed spec")
        st.code(spec_diff(source, draft) or "The proposed spec means the same as the live one.", language="diff")
