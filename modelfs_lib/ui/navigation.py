"""Moving between views of one page (list, detail, wizard) through the URL's query parameters.

Every view is deep-linkable: ``?ns=ml-team&model=qwen3`` opens a Model's detail,
``&action=edit`` its wizard. The shell keeps ``ns``; views own the other keys.
"""

from __future__ import annotations

import streamlit as st

VIEW_KEYS = ("model", "source", "action", "version")


def param(name: str) -> str | None:
    """One query parameter, or None."""
    value = st.query_params.get(name)
    return value or None


def go(**params: str | None) -> None:
    """Switch view: set these query parameters (None removes one), clear the others, rerun."""
    for key in VIEW_KEYS:
        if key not in params:
            st.query_params.pop(key, None)
    for key, value in params.items():
        if value is None:
            st.query_params.pop(key, None)
        else:
            st.query_params[key] = value
    st.rerun()


def write_action(readonly: bool) -> str | None:
    """The URL's ``action``, or None in read-only mode (after saying why): no write view opens then."""
    action = param("action")
    if action and readonly:
        st.info(f"The console runs in read-only mode, so “{action}” is not available.", icon=":material/lock:")
        return None
    return action
