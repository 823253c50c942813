"""The console's one confirmation pattern: a modal dialog that says what happens, then asks.

Every write that needs a "yes" opens :func:`dialog`. Deletes ask for the object's name with
:func:`confirm_by_name`: the name box and the button sit in one form, so the first click submits
what was typed (no blur needed) and a wrong name is answered next to the box. Other confirmations
(:func:`confirm_action`) show their consequences and one button.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import streamlit as st

NAME_PLACEHOLDER = "type the name"
DialogWidth = Literal["small", "medium", "large"]


def dialog(
    title: str, body: Callable[[], None], *, on_dismiss: Callable[[], None], width: DialogWidth = "medium"
) -> None:
    """Open ``body`` in a modal dialog; ``on_dismiss`` runs when the user closes it without acting."""
    st.dialog(title, width=width, on_dismiss=on_dismiss)(body)()


def _consequences(lines: list[str]) -> None:
    for line in lines:
        st.markdown(f"- {line}")


def confirm_by_name(
    *, kind: str, name: str, consequences: list[str], key: str, disabled_reason: str = "", verb: str = "Delete"
) -> bool:
    """Explain what goes with the object, ask for its name; True when submitted with the right name.

    Keys: ``<key>.typed`` (the name box), ``<key>.button`` (the submit button).
    """
    st.warning(f"{verb} {kind} **{name}**? This cannot be undone.", icon=":material/delete_forever:")
    _consequences(consequences)
    if disabled_reason:
        st.caption(disabled_reason)
    with st.form(key=f"{key}.form", border=False, enter_to_submit=True):
        typed = st.text_input(
            f"Type {name} to confirm",
            key=f"{key}.typed",
            placeholder=NAME_PLACEHOLDER,
            help=f"The {kind}'s name, exactly: {name}",
        )
        problem = st.empty()
        submitted = st.form_submit_button(
            f"{verb} {kind} {name}",
            key=f"{key}.button",
            type="primary",
            disabled=bool(disabled_reason),
            icon=":material/delete:",
        )
    if not submitted:
        return False
    entered = (typed or "").strip()
    if entered == name:
        return True
    problem.error(
        f"Type the name {name} to confirm." if not entered else f"That does not match {name}: type the name exactly.",
        icon=":material/error:",
    )
    return False


def confirm_action(*, question: str, consequences: list[str], key: str, button: str, disabled_reason: str = "") -> bool:
    """A yes/no confirmation: ``question``, its consequences and one button (``<key>.button``); True when clicked."""
    st.markdown(question)
    _consequences(consequences)
    if disabled_reason:
        st.caption(disabled_reason)
    return st.button(button, key=f"{key}.button", type="primary", disabled=bool(disabled_reason))
