"""Models: every Model in the chosen namespace."""

import streamlit as st

from modelfs_lib.resources import Model
from modelfs_lib.ui import data
from modelfs_lib.ui.feedback import show_error
from modelfs_lib.ui.shell import require_namespace

st.title("Models")
state = require_namespace("Models")


@st.fragment(run_every=state.run_every)
def model_table() -> None:
    """The live list of Models."""
    loaded = data.load(state.key, Model, state.namespace)
    if loaded.error is not None:
        show_error(loaded.error, action=f"Listing Models in {state.namespace}")
        return
    if not loaded.items:
        st.info(f"No Models in {state.namespace} yet.")
        return
    st.dataframe(
        [{"Name": m.name, "Source": m.source_ref, "Versions": len(m.versions)} for m in loaded.items],
        hide_index=True,
        key="models.table",
    )


model_table()
