"""The ModelSources list: one row per source, filters by type and credentials, and row actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from modelfs_lib.domain.source_usage import READINESS_LABELS, matches_filters, usage_text
from modelfs_lib.domain.status import Readiness, credentials_state
from modelfs_lib.domain.times import relative_time
from modelfs_lib.resources import SOURCE_TYPES, Model, ModelSource
from modelfs_lib.ui import data
from modelfs_lib.ui import state as keys
from modelfs_lib.ui.access import permission
from modelfs_lib.ui.feedback import reading, show_error
from modelfs_lib.ui.list_mode import render_mode
from modelfs_lib.ui.navigation import go
from modelfs_lib.ui.shell import ShellState
from modelfs_lib.ui.sources import common, secret_panel, wizard

TABLE_KEY = "sources.table"
TYPE_FILTER_KEY = keys.SOURCES_TYPE_FILTER
CREDENTIALS_FILTER_KEY = keys.SOURCES_CREDENTIALS_FILTER
COLUMNS = {
    "Since": st.column_config.TextColumn("Since", help="lastTransitionTime of CredentialsReady"),
    "Referenced models": st.column_config.TextColumn(
        help="How many Models status.referencedBy records; in brackets the Models listed when that differs"
    ),
    "Message": st.column_config.TextColumn(width="large"),
}


def _row(source: ModelSource, listed: data.Loaded[Model], now: dt.datetime) -> dict[str, Any]:
    refs = common.references_of(source, listed)
    creds = credentials_state(source)
    return {
        "Name": source.name,
        "Type": source.source_type or "(unreadable)",
        "SecretRef": source.secret_ref or "—",
        "Credentials": READINESS_LABELS[creds.state],
        "Referenced models": refs.count_text(),
        "State": usage_text(source, refs),
        "Reason": creds.reason,
        "Since": relative_time(creds.time, now) if creds.time is not None else None,
        "Message": source.invalid or creds.message,
    }


def _filters() -> tuple[list[str], list[Readiness]]:
    """The filter bar. Like the Models list's, the filters live in the URL (``?sources.type=S3``) and
    are kept for the whole session, so they survive the refresh, a visit to a detail and other pages."""
    left, right = st.columns(2)
    types = left.multiselect(
        "Type",
        SOURCE_TYPES,
        key=TYPE_FILTER_KEY,
        placeholder="All types",
        persist_state="session",
        bind="query-params",
    )
    states = right.multiselect(
        "Credentials",
        list(Readiness),
        key=CREDENTIALS_FILTER_KEY,
        format_func=lambda r: READINESS_LABELS[r],
        placeholder="Any state",
        persist_state="session",
        bind="query-params",
    )
    return types, [Readiness(s) for s in states]


def _open(name: str, action: str | None = None) -> None:
    secret_panel.forget_checks()
    if action == "edit":
        wizard.reset()
    go(source=name, action=action)


def _actions(state: ShellState, selected: str | None) -> None:
    edit, delete = permission(state, "patch", "ModelSource"), permission(state, "delete", "ModelSource")
    with st.container(horizontal=True):
        suffix = f" {selected}" if selected else ""
        if st.button(f"View{suffix}", key="sources.view", icon=":material/visibility:", disabled=selected is None):
            _open(selected or "")
        if state.settings.readonly:
            return
        if st.button(
            f"Edit{suffix}",
            key="sources.edit",
            icon=":material/edit:",
            disabled=selected is None or not edit.allowed,
            help=edit.reason or None,
        ):
            _open(selected or "", "edit")
        if st.button(
            f"Delete{suffix}",
            key="sources.delete",
            icon=":material/delete:",
            disabled=selected is None or not delete.allowed,
            help=delete.reason or None,
        ):
            _open(selected or "", "delete")
    if selected is None:
        st.caption("Select a row to view, edit or delete its source.")


def _table(state: ShellState) -> None:
    loaded = common.sources(state)
    if loaded.error is not None:
        show_error(loaded.error, action=f"Listing ModelSources in {state.namespace}")
        return
    if not loaded.items:
        st.info(f"No ModelSources in {state.namespace} yet.")
        return
    listed = common.models(state)
    if listed.error is not None:
        show_error(listed.error, action=f"Listing Models in {state.namespace} (to count their references)")
    types, states = _filters()
    shown = [s for s in loaded.items if matches_filters(s, types=types, states=states)]
    if not shown:
        st.info("No ModelSource matches these filters.")
        return
    now = dt.datetime.now(dt.UTC)
    event = st.dataframe(
        [_row(s, listed, now) for s in sorted(shown, key=lambda s: s.name)],
        hide_index=True,
        key=TABLE_KEY,
        column_config=COLUMNS,
        on_select="rerun",
        selection_mode="single-row",
    )
    render_mode(loaded, "ModelSources", key="sources.mode")
    rows = event.selection.rows if hasattr(event, "selection") else []
    names = sorted(s.name for s in shown)
    selected = names[rows[0]] if rows and rows[0] < len(names) else None
    _actions(state, selected)


def render(state: ShellState) -> None:
    """Every ModelSource in the chosen namespace, refreshed on the shell's timer."""
    common.show_flash()
    create = permission(state, "create", "ModelSource")
    if not state.settings.readonly and st.button(
        "Create ModelSource",
        key="sources.create",
        type="primary",
        icon=":material/add:",
        disabled=not create.allowed,
        help=create.reason or None,
    ):
        wizard.reset()
        go(action="create")

    @st.fragment(run_every=state.run_every)
    def table() -> None:
        with reading():
            _table(state)

    table()
