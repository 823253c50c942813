"""The console's pages, defined once: title, icon, script and URL path of each.

``streamlit_app.py`` serves the home page ``overview.py`` at ``/``, and Streamlit routes the ``pages/`` folder
beside it itself: ``pages/models.py`` is served at ``/models``. Every link and switch between pages goes through
:func:`link` and :func:`switch`, so no call site spells a file path; both keep the namespace (``?ns=``)
and, to a page's first view, the filters the session keeps for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import streamlit as st

from modelfs_lib.ui import state as keys


@dataclass(frozen=True)
class Page:
    """One page of the console."""

    title: str
    icon: str
    script: str
    """The script, relative to the folder of ``overview.py`` (Streamlit resolves it from there)."""
    url_path: str
    """Where Streamlit serves it: the script's file name without ``.py`` (``""`` for the home page)."""
    url_state: tuple[str, ...] = ()
    """Keys of the page's widgets bound to the URL (``bind="query-params"``) whose values the session keeps
    (``persist_state="session"``), each a string or a list of strings as the URL has them. A link or switch to
    the page's first view carries them: arriving without them, the page would add them to the URL in a second
    step, a second entry in the browser's history that Back returns to."""


HOME = Page("Overview", ":material/dashboard:", "overview.py", "")
MODELS = Page(
    "Models",
    ":material/deployed_code:",
    "pages/models.py",
    "models",
    url_state=(keys.MODELS_TEXT_FILTER, keys.MODELS_TAG_FILTER, keys.MODELS_TYPE_FILTER, keys.MODELS_PHASE_FILTER),
)
SOURCES = Page(
    "ModelSources",
    ":material/cloud_download:",
    "pages/sources.py",
    "sources",
    url_state=(keys.SOURCES_TYPE_FILTER, keys.SOURCES_CREDENTIALS_FILTER),
)
ACTIVITY = Page("Activity", ":material/history:", "pages/activity.py", "activity")
ALL = (HOME, MODELS, SOURCES, ACTIVITY)
"""In the order the sidebar lists them."""
KEPT_PARAMS = ("ns",)
"""Query parameters every page shares, carried over by links and switches unless given."""


Params = Mapping[str, str | list[str] | None]
"""Query parameters of a link or switch: a value, a list for a repeated parameter (``?t=a&t=b``), or None."""


def _params(page: Page, query_params: Params | None) -> dict[str, str | list[str]]:
    kept: dict[str, str | list[str] | None] = {name: st.query_params.get(name) for name in KEPT_PARAMS}
    first_view = not any(value for name, value in (query_params or {}).items() if name not in KEPT_PARAMS)
    carried = {name: st.session_state.get(name) for name in page.url_state} if first_view else {}
    merged = {**kept, **carried, **(query_params or {})}
    return {name: value for name, value in merged.items() if value}


def link(
    page: Page,
    *,
    label: str | None = None,
    icon: str | None = None,
    query_params: Params | None = None,
    help: str | None = None,
) -> None:
    """A link to ``page`` with ``query_params`` (``ns`` kept from the URL unless given; None drops one).

    The home page gets no query parameters: Streamlit's link to the main page of a ``pages/`` app with
    parameters keeps the current page's path in the address bar (a reload would open that page again).
    Without them it goes to ``/``, and the home page takes the namespace chosen last in the session.
    """
    st.page_link(
        page.script,
        label=label or page.title,
        icon=icon or page.icon,
        query_params=None if page == HOME else _params(page, query_params),
        help=help,
    )


def switch(page: Page, query_params: Params | None = None) -> None:
    """Go to ``page`` now, with ``query_params`` (``ns`` kept from the URL unless given; None drops one).

    The URL changes once, to exactly these parameters: to ``page`` itself, one entry in the browser's history.
    """
    st.switch_page(page.script, query_params=_params(page, query_params))


def show(page: Page) -> None:
    """Record that this session shows ``page`` (its frame calls this first)."""
    st.session_state[keys.PAGE] = page.url_path


def shown() -> Page:
    """The page this session shows (the overview before any frame was drawn)."""
    path = st.session_state.get(keys.PAGE)
    return next((page for page in ALL if page.url_path == path), HOME)
