"""The console's pages, defined once: title, icon, script and URL path of each.

Streamlit routes the ``pages/`` folder itself: ``pages/models.py`` is served at ``/models`` and
``streamlit_app.py`` at ``/``. Every link and switch between pages goes through :func:`link` and
:func:`switch`, so no call site spells a file path; both keep the namespace (``?ns=``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import streamlit as st


@dataclass(frozen=True)
class Page:
    """One page of the console."""

    title: str
    icon: str
    script: str
    """The script, relative to the folder of ``streamlit_app.py`` (Streamlit resolves it from there)."""
    url_path: str
    """Where Streamlit serves it: the script's file name without ``.py`` (``""`` for the home page)."""


HOME = Page("Overview", ":material/dashboard:", "streamlit_app.py", "")
MODELS = Page("Models", ":material/deployed_code:", "pages/models.py", "models")
SOURCES = Page("ModelSources", ":material/cloud_download:", "pages/sources.py", "sources")
ACTIVITY = Page("Activity", ":material/history:", "pages/activity.py", "activity")
ALL = (HOME, MODELS, SOURCES, ACTIVITY)
"""In the order the sidebar lists them."""
KEPT_PARAMS = ("ns",)
"""Query parameters every page shares, carried over by links and switches unless given."""


def _params(query_params: Mapping[str, str | None] | None) -> dict[str, str]:
    kept = {name: st.query_params.get(name) for name in KEPT_PARAMS}
    merged = {**kept, **(query_params or {})}
    return {name: value for name, value in merged.items() if value}


def link(
    page: Page,
    *,
    label: str | None = None,
    icon: str | None = None,
    query_params: Mapping[str, str | None] | None = None,
    help: str | None = None,
) -> None:
    """A link to ``page`` with ``query_params`` (``ns`` kept from the URL unless given; None drops one)."""
    st.page_link(
        page.script,
        label=label or page.title,
        icon=icon or page.icon,
        query_params=_params(query_params),
        help=help,
    )


def switch(page: Page, query_params: Mapping[str, str | None] | None = None) -> None:
    """Go to ``page`` now, with ``query_params`` (``ns`` kept from the URL unless given; None drops one)."""
    st.switch_page(page.script, query_params=_params(query_params))
