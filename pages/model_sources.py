"""ModelSources: where the weights come from, in the chosen namespace."""

import streamlit as st

from modelfs_lib.resources import ModelSource
from modelfs_lib.ui import data
from modelfs_lib.ui.feedback import show_error
from modelfs_lib.ui.shell import require_namespace

st.title("ModelSources")
state = require_namespace("ModelSources")


@st.fragment(run_every=state.run_every)
def source_table() -> None:
    """The live list of ModelSources."""
    loaded = data.load(state.key, ModelSource, state.namespace)
    if loaded.error is not None:
        show_error(loaded.error, action=f"Listing ModelSources in {state.namespace}")
        return
    if not loaded.items:
        st.info(f"No ModelSources in {state.namespace} yet.")
        return
    st.dataframe(
        [{"Name": s.name, "Type": s.source_type, "SecretRef": s.secret_ref} for s in loaded.items],
        hide_index=True,
        key="sources.table",
    )


source_table()
