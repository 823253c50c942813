"""The ModelSources list's filters: by type and by credentials state, kept in the URL and for the session."""

from __future__ import annotations

import streamlit as st

from modelfs_lib.domain.source_usage import READINESS_LABELS
from modelfs_lib.domain.status import Readiness
from modelfs_lib.resources import SOURCE_TYPES
from modelfs_lib.ui import state as keys

TYPE_KEY = keys.SOURCES_TYPE_FILTER
CREDENTIALS_KEY = keys.SOURCES_CREDENTIALS_FILTER
BY_LABEL = {label: readiness for readiness, label in READINESS_LABELS.items()}
"""The credentials filter offers the labels themselves, so its session value is what the URL holds
(``?sources.credentials=not+ready``), and links back to the list carry it as it is (see ``pages.Page.url_state``)."""


def render() -> tuple[list[str], list[Readiness]]:
    """The filter bar. Like the Models list's, the filters live in the URL (``?sources.type=S3``) and
    are kept for the whole session, so they survive the refresh, a visit to a detail and other pages."""
    left, right = st.columns(2)
    types = left.multiselect(
        "Type",
        SOURCE_TYPES,
        key=TYPE_KEY,
        placeholder="All types",
        persist_state="session",
        bind="query-params",
    )
    states = right.multiselect(
        "Credentials",
        list(READINESS_LABELS.values()),
        key=CREDENTIALS_KEY,
        placeholder="Any state",
        persist_state="session",
        bind="query-params",
    )
    return types, [BY_LABEL[label] for label in states]


def clear() -> None:
    """Show every source again (a button callback)."""
    st.session_state[TYPE_KEY] = []
    st.session_state[CREDENTIALS_KEY] = []
