"""The home page: what the chosen namespace holds, at a glance, with a link to each page."""

from __future__ import annotations

import streamlit as st

from modelfs_lib.domain.status import Readiness, credentials_state
from modelfs_lib.resources import Model, ModelSource
from modelfs_lib.ui import data, pages
from modelfs_lib.ui.feedback import reading, show_error
from modelfs_lib.ui.shell import ShellState

LEGACY_MODELS_PARAMS = ("model", "action", "version")
"""Links made when Models was the home page (``/?ns=…&model=…``) still open what they named."""


def forward_legacy_links() -> None:
    """Send a link that names a Model view (``/?model=…``, ``/?action=create``) on to the Models page."""
    if any(st.query_params.get(name) for name in LEGACY_MODELS_PARAMS):
        pages.switch(pages.MODELS, {name: st.query_params.get(name) for name in st.query_params})


def _models(state: ShellState, namespace: str) -> None:
    with st.container(border=True):
        loaded = data.load(state.key, Model, namespace)
        if loaded.error is not None:
            show_error(loaded.error, action=f"Listing Models in {namespace}")
        else:
            st.metric("Models", len(loaded.items))
        pages.link(pages.MODELS, label="Open Models")


def _sources(state: ShellState, namespace: str) -> None:
    with st.container(border=True):
        loaded = data.load(state.key, ModelSource, namespace)
        if loaded.error is not None:
            show_error(loaded.error, action=f"Listing ModelSources in {namespace}")
        else:
            not_ready = sum(credentials_state(s).state is Readiness.NOT_READY for s in loaded.items)
            st.metric("ModelSources", len(loaded.items))
            if not_ready:
                st.caption(f"{not_ready} with credentials not ready")
        pages.link(pages.SOURCES, label="Open ModelSources")


def render(state: ShellState) -> None:
    """Counts of the chosen namespace's Models and ModelSources, and links to their pages."""
    st.title("modelfs-ui")
    st.caption("Models, ModelSources and the Datasets they produce, one namespace at a time.")
    if state.connection is None:
        return
    if not state.namespace:
        st.info("Choose a namespace in the sidebar to see what it holds.", icon=":material/arrow_back:")
        return
    st.subheader(f"Namespace {state.namespace}")
    models, sources, activity = st.columns(3)
    with reading():
        with models:
            _models(state, state.namespace)
        with sources:
            _sources(state, state.namespace)
    with activity, st.container(border=True):
        st.markdown("**Activity**")
        st.caption(
            "The changes made through this console in this namespace and how they went; who made them, where the "
            "console acts as each user."
        )
        pages.link(pages.ACTIVITY, label="Open Activity")
