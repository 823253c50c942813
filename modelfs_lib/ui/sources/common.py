"""What the ModelSources views share: reads, the one-shot message after a write, links to Models."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.errors import StreamlitAPIException

from modelfs_lib.domain.source_usage import References, references
from modelfs_lib.resources import Model, ModelSource
from modelfs_lib.ui import data
from modelfs_lib.ui.shell import ShellState

MODELS_PAGE = Path(__file__).resolve().parents[3] / "pages" / "models.py"
"""The Models page's script: links to a Model open it with ``?ns=..&model=..``."""
FLASH_KEY = "sources.flash"
CREDENTIAL_BADGES = {
    "ready": ":green-badge[:material/check_circle: ready]",
    "not ready": ":red-badge[:material/error: not ready]",
    "unknown": ":gray-badge[:material/help: unknown]",
}
"""A credentials state as a markdown badge (the detail; a dataframe cell shows the plain label)."""


def flash(message: str, *, warning: str = "") -> None:
    """Remember a message (and an optional warning) for the next view to show once."""
    st.session_state[FLASH_KEY] = (message, warning)


def show_flash() -> None:
    """Show and forget the message :func:`flash` left."""
    entry = st.session_state.pop(FLASH_KEY, None)
    if isinstance(entry, tuple):
        message, warning = entry
        st.success(message, icon=":material/check_circle:")
        if warning:
            st.warning(warning, icon=":material/warning:")


def sources(state: ShellState) -> data.Loaded[ModelSource]:
    """The ModelSources of the chosen namespace (shared cache)."""
    return data.load(state.key, ModelSource, state.namespace)


def models(state: ShellState) -> data.Loaded[Model]:
    """The Models of the chosen namespace (shared cache)."""
    return data.load(state.key, Model, state.namespace)


def find(loaded: data.Loaded[ModelSource], name: str) -> ModelSource | None:
    """The source called ``name`` among ``loaded``, if any."""
    return next((s for s in loaded.items if s.name == name), None)


def references_of(source: ModelSource, listed: data.Loaded[Model]) -> References:
    """The source's references, with the listed Models when the listing worked."""
    return references(source, listed.items if listed.ok else None)


def model_link(namespace: str, model: str) -> None:
    """A link to a Model's page (``models?ns=..&model=..``) in this tab."""
    try:
        st.page_link(
            MODELS_PAGE, label=model, icon=":material/deployed_code:", query_params={"ns": namespace, "model": model}
        )
    except StreamlitAPIException:  # the Models page is not registered (a page run on its own)
        st.markdown(f"[{model}](models?ns={namespace}&model={model})")
