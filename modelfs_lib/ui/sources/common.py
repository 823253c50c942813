"""What the ModelSources views share: reads, the one-shot message after a write, links to Models."""

from __future__ import annotations

from typing import Any

import streamlit as st

from modelfs_lib.domain.source_form import lingering_paths, remove_paths_command
from modelfs_lib.domain.source_usage import References, references
from modelfs_lib.resources import Model, ModelSource
from modelfs_lib.ui import data, pages
from modelfs_lib.ui import state as keys
from modelfs_lib.ui.shell import ShellState

FLASH_KEY = keys.SOURCES_FLASH
CREDENTIAL_BADGES = {
    "ready": ":green-badge[:material/check_circle: ready]",
    "not ready": ":red-badge[:material/error: not ready]",
    "unknown": ":gray-badge[:material/help: unknown]",
}
"""A credentials state as a markdown badge (the detail; a dataframe cell shows the plain label)."""


def open_view(source: str | None = None, action: str | None = None) -> None:
    """Show the list (no ``source``), a source's detail, or one of its views (``action``) now.

    One change of the URL, so one entry in the browser's history: Back returns to the view left. The
    list opens with the filters this session keeps for it already in its URL.
    """
    pages.switch(pages.SOURCES, {"source": source, "action": action})


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
    pages.link(pages.MODELS, label=model, query_params={"ns": namespace, "model": model})


def flash_applied(state: ShellState, manifest: dict[str, Any], applied: dict[str, Any]) -> str:
    """Say on the next run that the ModelSource was applied, and which fields another manager kept; its name."""
    name = str(applied.get("metadata", {}).get("name", ""))
    lingering = lingering_paths(manifest, applied)
    warning = ""
    if lingering:
        warning = (
            f"Server-side apply left {', '.join(lingering)} in place: another field manager set "
            f"{'it' if len(lingering) == 1 else 'them'}. Remove with "
            f"`{remove_paths_command(state.namespace or '', name, lingering)}`"
        )
    flash(f"Applied ModelSource {name}.", warning=warning)
    return name
