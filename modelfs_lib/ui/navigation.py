"""Moving between views of one page (list, detail, wizard) through the URL's query parameters.

Every view is deep-linkable: ``?ns=ml-team&model=qwen3`` opens a Model's detail,
``&action=edit`` its wizard. The shell keeps ``ns``; views own the other keys.
"""

from __future__ import annotations

import streamlit as st

from modelfs_lib.ui import pages


def param(name: str) -> str | None:
    """One query parameter, or None."""
    value = st.query_params.get(name)
    return value or None


def keep_param(name: str, value: str) -> None:
    """Set one query parameter, only when it changes: each write sends the browser the page's whole URL.

    A write during the first run of a page can reach the browser before the page's new path does; the
    browser then records the new query under the old path as an extra history entry, which the Back
    button opens instead of the view the user left. Rewriting an unchanged value sends nothing.
    """
    if st.query_params.get(name) != value:
        st.query_params[name] = value


def go(**params: str | None) -> None:
    """Switch view now: the page shown, with these query parameters (None or absent: none) and ``ns``.

    The URL changes once, so the switch is one entry in the browser's history and Back returns to the
    view left. Each write of a parameter would send the browser the whole URL: switching parameter by
    parameter recorded every half-way URL, which Back then opened. The page's first view (no parameter
    but ``ns``) opens with the filters the session keeps for it already in its URL (``pages.Page.url_state``).
    """
    pages.switch(pages.shown(), params)


WRITE_ACTIONS = {
    "create": "creating",
    "edit": "editing",
    "edit-yaml": "editing YAML",
    "add-version": "adding versions",
    "delete": "deleting",
}
"""What each write view (``?action=``) does, for the read-only refusal."""
READONLY_SWITCH = "MODELFS_UI_READONLY=1 (or --readonly) where the console was started"


def _back() -> None:
    """Leave the refused write view for the object (or list) it was opened on (a button callback)."""
    st.query_params.pop("action", None)


def write_action(readonly: bool) -> str | None:
    """The URL's ``action``, or None in read-only mode (after saying why, with a way back): no write view opens."""
    action = param("action")
    if action and readonly:
        what = WRITE_ACTIONS.get(action, "writing to the cluster")
        with st.container(key="readonly.refusal"):
            st.info(
                f"The console is in read-only mode: {what} is turned off by {READONLY_SWITCH}. "
                "This link opens a page that would write to the cluster; here is what it shows instead.",
                icon=":material/lock:",
            )
            st.button("Back", key="readonly.back", icon=":material/arrow_back:", on_click=_back)
        return None
    return action
