"""The Models list."""

from __future__ import annotations

import streamlit as st

from modelfs_lib.resources import Model
from modelfs_lib.ui import data
from modelfs_lib.ui.feedback import show_error
from modelfs_lib.ui.shell import ShellState


def render(state: ShellState) -> None:
    """Every Model in the chosen namespace, refreshed on the shell's timer."""

    @st.fragment(run_every=state.run_every)
    def table() -> None:
        loaded = data.load(state.key, Model, state.namespace)
        if loaded.error is not None:
            show_error(loaded.error, action=f"Listing Models in {state.namespace}")
            return
        if not loaded.items:
            st.info(f"No Models in {state.namespace} yet.")
            return
        rows = [{"Name": m.name, "Source": m.source_ref, "Versions": len(m.versions)} for m in loaded.items]
        st.dataframe(rows, hide_index=True, key="models.table")

    table()
