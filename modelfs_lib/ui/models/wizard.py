"""The create/edit wizard for Models."""

from __future__ import annotations

import streamlit as st

from modelfs_lib.ui.shell import ShellState


def render(state: ShellState, *, mode: str, name: str | None) -> None:
    """The wizard in ``mode`` (create, edit, add-version, edit-yaml)."""
    st.title("Create Model" if mode == "create" else f"Edit {name}")
