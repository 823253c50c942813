"""Tables whose rows can be clicked to pick an item, and links to the items they list."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlencode

import streamlit as st

NAME_IN_LINK = r"[?&](?:version|model)=([^&]+)$"
"""``LinkColumn(display_text=...)``: show the link's last parameter (the Model's or version's name)."""


def model_link(namespace: str, model: str, version: str | None = None) -> str:
    """The console's URL of a Model (``/models?ns=..&model=..``), or of one of its versions."""
    params = {"ns": namespace, "model": model} | ({"version": version} if version else {})
    return f"/models?{urlencode(params)}"


SOURCE_IN_LINK = r"[?&]source=([^&]+)$"
"""``LinkColumn(display_text=...)``: show the link's last parameter (the ModelSource's name)."""


def source_link(namespace: str, source: str) -> str:
    """The console's URL of a ModelSource (``/sources?ns=..&source=..``)."""
    return f"/sources?{urlencode({'ns': namespace, 'source': source})}"


def selected_row(event: object, visible: Sequence[str]) -> str | None:
    """The name in the selected row of a dataframe drawn with ``on_select="rerun"`` (its return value)."""
    selection = getattr(event, "selection", None)
    rows = list(getattr(selection, "rows", None) or []) if selection is not None else []
    if rows and 0 <= rows[0] < len(visible):
        return str(visible[rows[0]])
    return None


def clicked_row(table_key: str, visible_key: str) -> str | None:
    """The name in the clicked row of the dataframe ``table_key``, whose rows are ``session_state[visible_key]``."""
    table = st.session_state.get(table_key)
    visible = st.session_state.get(visible_key) or []
    rows = table["selection"]["rows"] if table else []
    if rows and rows[0] < len(visible):
        return str(visible[rows[0]])
    return None
