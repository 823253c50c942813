"""The Models table: one row per Model, its columns; a name is a link to the Model, a click on a row opens it."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from modelfs_lib.domain.model_alerts import NOT_PICKED_UP
from modelfs_lib.domain.model_rows import STATUS_RULE, ModelRow
from modelfs_lib.domain.status import Phase
from modelfs_lib.ui.models.phases import PHASE_COLORS, phase_label
from modelfs_lib.ui.tables import NAME_IN_LINK, model_link, selected_row

TABLE_KEY = "models.table"
PICK_KEY = "models.pick"
"""The row actions' Model (a selectbox); a click on a row opens the Model instead."""
VISIBLE_KEY = "models.visible"
PAGE_KEY = "models.page"
PAGE_ROWS = 200
"""Rows sent to the browser at once. The status is coloured by its column type (a one-label multiselect
column, read-only), not a pandas Styler: styling a page cost each draw of the table ~50 ms."""
COLUMNS = (
    "Name",
    "Status",
    "Reason",
    "Finding",
    "Versions ready",
    "Last sync",
    "Notes",
    "Tags",
    "Source",
    "Source type",
    "Status from",
)
SHOWN = ("Name", "Status", "Reason", "Finding", "Versions ready", "Last sync", "Notes", "Tags")
"""The columns drawn: together they fit a 1500 px wide window. The source (a filter above, and on each Model's
page) and the Datasets behind the status (in "Errors found" below and on the Model's page) are left out."""
PENDING_NOTE = "change not picked up yet"
COLUMN_CONFIG = {
    "Name": st.column_config.LinkColumn(
        pinned=True,
        display_text=NAME_IN_LINK,
        width=175,
        help="Opens the Model's page; a click on the row opens it too.",
    ),
    "Status": st.column_config.MultiselectColumn(
        help=STATUS_RULE,
        width=95,
        options=[phase.label for phase in Phase],
        color=[PHASE_COLORS[phase] for phase in Phase],
    ),
    "Reason": st.column_config.TextColumn(
        width=182,
        help="Why a Failed or erroring Model fails, in one line: the failing Dataset's condition or the "
        "ReconcileError. The full text is listed below the table and on the Model's page.",
    ),
    "Finding": st.column_config.TextColumn(
        width=182,
        help="The Model's most severe finding (error, warning or note); its detail page lists them all.",
    ),
    "Versions ready": st.column_config.TextColumn(
        "Ready", help="PRESENT versions whose Dataset is Ready / PRESENT versions.", width=55
    ),
    "Last sync": st.column_config.DatetimeColumn(
        format="YYYY-MM-DD HH:mm",
        timezone="UTC",
        width=125,
        help="The newest lastSyncTime over the versions, in UTC (each Model's page says how long ago).",
    ),
    "Notes": st.column_config.TextColumn(
        width=100,
        help=f"«{PENDING_NOTE}»: {NOT_PICKED_UP} (status.observedGeneration < metadata.generation) · "
        "«ReconcileError»: see the banner above · «being deleted»: the controller is removing what goes with it",
    ),
    "Source": st.column_config.TextColumn(help="spec.sourceRef: a ModelSource in this namespace."),
    "Tags": st.column_config.ListColumn(width=90),
    "Status from": st.column_config.TextColumn(help="The Datasets (mdl-<model>-<version>) that decide the status."),
}


def _notes(row: ModelRow) -> str:
    notes = []
    if row.deleting:
        notes.append("being deleted")
    if row.generation_pending:
        notes.append(PENDING_NOTE)
    if row.reconcile_reason:
        notes.append(f"ReconcileError: {row.reconcile_reason}")
    if row.invalid:
        notes.append("unreadable")
    if row.counter_reset:
        notes.append(f"synced, shown FAILED after a counter reset: {', '.join(row.counter_reset)}")
    return " · ".join(notes)


FINDING_MARKS = {"error": "Error", "warning": "Warning", "info": "Note"}


def _finding(row: ModelRow) -> str:
    return f"{FINDING_MARKS.get(row.finding_severity, '')}: {row.finding}" if row.finding else ""


def frame(rows: Sequence[ModelRow], namespace: str) -> pd.DataFrame:
    """The table's rows as a frame: every column, the shown ones and those kept for export."""
    records = [
        {
            "Name": model_link(namespace, row.name),
            "Status": phase_label(row.status),
            "Reason": row.reason,
            "Finding": _finding(row),
            "Versions ready": row.versions_text,
            "Last sync": row.last_sync,
            "Notes": _notes(row),
            "Source": row.source,
            "Source type": row.source_type,
            "Tags": list(row.tags),
            "Status from": row.status_reason,
        }
        for row in rows
    ]
    frame = pd.DataFrame(records, columns=list(COLUMNS))
    frame["Last sync"] = pd.to_datetime(frame["Last sync"], utc=True)
    return frame


def page_bounds(total: int, page: int, size: int = PAGE_ROWS) -> tuple[int, int]:
    """The ``[start, end)`` of rows shown on ``page`` (1-based, clamped to the pages there are)."""
    pages = max(1, -(-total // size))
    start = (min(max(page, 1), pages) - 1) * size
    return start, min(start + size, total)


def render_pager(total: int, *, so_far: bool = False) -> tuple[int, int]:
    """A page picker when there are more than :data:`PAGE_ROWS` rows; the ``[start, end)`` of the rows to show.

    ``so_far``: the list is still being read, ``total`` will grow.
    """
    if total <= PAGE_ROWS:
        return 0, total
    pages = -(-total // PAGE_ROWS)
    if int(st.session_state.get(PAGE_KEY) or 1) > pages:
        st.session_state[PAGE_KEY] = pages
    left, right = st.columns([1, 5], vertical_alignment="bottom")
    page = left.number_input("Page", min_value=1, max_value=pages, step=1, key=PAGE_KEY)
    start, end = page_bounds(total, int(page))
    right.caption(
        f"Rows {start + 1}–{end} of {total}{' read so far' if so_far else ''}, {PAGE_ROWS} a page: "
        "filter, search or sort to bring others forward."
    )
    return start, end


def render_table(rows: Sequence[ModelRow], namespace: str) -> str | None:
    """The table of ``rows`` (one page of the list); the Model whose row was just clicked."""
    st.session_state[VISIBLE_KEY] = [row.name for row in rows]
    event = st.dataframe(
        frame(rows, namespace),
        hide_index=True,
        key=TABLE_KEY,
        column_config=COLUMN_CONFIG,
        column_order=SHOWN,
        on_select="rerun",
        selection_mode="single-row",
        placeholder="—",
    )
    return selected_row(event, st.session_state[VISIBLE_KEY])
