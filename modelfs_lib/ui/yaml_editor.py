"""A YAML editor: streamlit-ace in a browser, a plain text area where ace cannot run (AppTest)."""

from __future__ import annotations

import os

import streamlit as st
from streamlit import config as st_config


def _plain() -> bool:
    # AppTest patches ``streamlit.config.get_option``; ``st.get_option`` is bound to the original and says False.
    return bool(st_config.get_option("global.appTest")) or os.environ.get("MODELFS_UI_PLAIN_EDITOR") == "1"


def yaml_editor(label: str, *, key: str, value: str, height: int = 320, help: str | None = None) -> str:
    """Edit ``value`` as YAML; returns the current text."""
    if _plain():
        return st.text_area(label, value=value, key=key, height=height, help=help)
    from streamlit_ace import st_ace

    st.caption(label if not help else f"{label} — {help}")
    text = st_ace(
        value=value,
        language="yaml",
        key=key,
        height=height,
        auto_update=True,
        tab_size=2,
        show_gutter=True,
        wrap=False,
        font_size=13,
    )
    return str(text if text is not None else value)
