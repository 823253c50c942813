"""One Model's detail."""

from __future__ import annotations

import streamlit as st

from modelfs_lib.ui.shell import ShellState


def render(state: ShellState, name: str) -> None:
    """The detail of Model ``name``."""
    st.title(name)
