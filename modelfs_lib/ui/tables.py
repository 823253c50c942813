"""Tables whose rows can be clicked to pick an item."""

from __future__ import annotations

import streamlit as st


def clicked_row(table_key: str, visible_key: str) -> str | None:
    """The name in the clicked row of the dataframe ``table_key``, whose rows are ``session_state[visible_key]``."""
    table = st.session_state.get(table_key)
    visible = st.session_state.get(visible_key) or []
    rows = table["selection"]["rows"] if table else []
    if rows and rows[0] < len(visible):
        return str(visible[rows[0]])
    return None
