"""Deliberate deletes: the user types the object's name before the button works."""

from __future__ import annotations

import streamlit as st


def confirm_by_name(*, kind: str, name: str, consequences: list[str], key: str, disabled_reason: str = "") -> bool:
    """Explain what goes with the object, ask for its name; True once confirmed and clicked."""
    st.warning(f"Delete {kind} **{name}**? This cannot be undone.", icon=":material/delete_forever:")
    for line in consequences:
        st.markdown(f"- {line}")
    typed = st.text_input(f"Type **{name}** to confirm", key=f"{key}.typed", placeholder=name)
    if typed and typed.strip() != name:
        st.caption(f"That does not match **{name}**.")
    ready = typed.strip() == name and not disabled_reason
    if disabled_reason:
        st.caption(disabled_reason)
    return st.button(
        f"Delete {kind} {name}", key=f"{key}.button", type="primary", disabled=not ready, icon=":material/delete:"
    )
