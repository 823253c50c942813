"""Tables whose rows can be clicked to pick an item, and links to the items they list."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from urllib.parse import urlencode

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

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
    """The name in the selected row of a dataframe with ``on_select``, whose rows are ``visible``.

    ``event`` is the dataframe's return value, or in an ``on_select`` callback its value in the session.
    """
    selection = event.get("selection") if isinstance(event, Mapping) else None
    rows = list(selection.get("rows") or []) if isinstance(selection, Mapping) else []
    if rows and 0 <= rows[0] < len(visible):
        return str(visible[rows[0]])
    return None


def action_bar(kind: str, names: Sequence[str], *, pick_key: str, bar_key: str) -> tuple[DeltaGenerator, str | None]:
    """A row of actions on one of ``names`` (a list's rows shown): the picker of the ``kind`` they act on,
    cleared when its choice is no longer shown; the row, for the buttons, and the chosen name."""
    if st.session_state.get(pick_key) not in names:
        st.session_state[pick_key] = None
    bar = st.container(horizontal=True, vertical_alignment="bottom", key=bar_key)
    chosen: str | None = bar.selectbox(
        kind,
        list(names),
        key=pick_key,
        placeholder=f"Choose a {kind}",
        help=f"The {kind} the buttons act on.",
        width=360,
    )
    return bar, chosen
