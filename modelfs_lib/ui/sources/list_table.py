"""The ModelSources table: one row per source; a name is a link to the source, a click on a row opens it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import streamlit as st

from modelfs_lib.domain.inert_text import inert
from modelfs_lib.domain.source_usage import READINESS_LABELS, usage_text
from modelfs_lib.domain.status import Readiness, credentials_state
from modelfs_lib.domain.times import relative_time
from modelfs_lib.resources import Model, ModelSource
from modelfs_lib.ui import data
from modelfs_lib.ui.sources import common
from modelfs_lib.ui.tables import SOURCE_IN_LINK, selected_row, source_link

TABLE_KEY = "sources.table"
PROBLEMS_KEY = "sources.problems"
MESSAGE_WIDTH = 150
"""What is left of a 1500 px wide window (1040 px of table) beside the other columns and the row checkboxes."""
COLUMNS = {
    "Name": st.column_config.LinkColumn(
        pinned=True,
        display_text=SOURCE_IN_LINK,
        width=140,
        help="Opens the ModelSource's page; a click on the row opens it too.",
    ),
    "Type": st.column_config.TextColumn(width=110, help="spec.type: which Dataset loader downloads the Models."),
    "SecretRef": st.column_config.TextColumn(width=135, help="spec.secretRef: a Secret in this namespace."),
    "Credentials": st.column_config.TextColumn(width=80, help="The condition CredentialsReady."),
    "Referenced models": st.column_config.TextColumn(
        "Models",
        width=95,
        help="How many Models status.referencedBy records; in brackets the Models listed when that differs",
    ),
    "State": st.column_config.TextColumn(width=75, help="Whether Models use the source, or it is being deleted."),
    "Reason": st.column_config.TextColumn(width=135, help="The reason of CredentialsReady."),
    "Since": st.column_config.TextColumn("Since", width=85, help="lastTransitionTime of CredentialsReady"),
    "Message": st.column_config.TextColumn(
        width=MESSAGE_WIDTH,
        help="The message of CredentialsReady; those of sources that are not ready are listed in full below.",
    ),
}
"""Widths that fit a 1500 px wide window; the message takes the rest, and is spelled out below when it matters."""


def _row(source: ModelSource, listed: data.Loaded[Model], now: dt.datetime, namespace: str) -> dict[str, Any]:
    refs = common.references_of(source, listed)
    creds = credentials_state(source)
    return {
        "Name": source_link(namespace, source.name),
        "Type": source.source_type or "(unreadable)",
        "SecretRef": source.secret_ref or "—",
        "Credentials": READINESS_LABELS[creds.state],
        "Referenced models": refs.count_text(),
        "State": usage_text(source, refs),
        "Reason": creds.reason,
        "Since": relative_time(creds.time, now) if creds.time is not None else None,
        "Message": source.invalid or creds.message,
    }


def render_table(
    shown: Sequence[ModelSource], listed: data.Loaded[Model], now: dt.datetime, namespace: str
) -> str | None:
    """The table of ``shown`` (sorted by name); the source whose row was just clicked."""
    ordered = sorted(shown, key=lambda s: s.name)
    event = st.dataframe(
        [_row(s, listed, now, namespace) for s in ordered],
        hide_index=True,
        key=TABLE_KEY,
        column_config=COLUMNS,
        on_select="rerun",
        selection_mode="single-row",
        placeholder="—",
    )
    return selected_row(event, [s.name for s in ordered])


def render_problems(shown: Sequence[ModelSource]) -> None:
    """Why each source that is not ready (or not readable) is so, in full: a table cell cuts the message."""
    failing = [s for s in sorted(shown, key=lambda s: s.name) if _problem(s)]
    if not failing:
        return
    with st.container(key=PROBLEMS_KEY):
        st.markdown("**Not ready**")
        for source in failing:
            st.markdown(f":material/error: **{inert(source.name)}**: {inert(_problem(source))}")


def _problem(source: ModelSource) -> str:
    if source.invalid:
        return f"unreadable: {source.invalid}"
    creds = credentials_state(source)
    if creds.state is not Readiness.NOT_READY:
        return ""
    return f"{creds.reason}: {creds.message}" if creds.reason else creds.message
