"""The Models list: ReconcileError banners, filters, the table, row actions and the delete confirmation.

Everything below the title is one fragment on the shell's timer; the filters, the sort order and the
chosen row are keyed widgets, so a refresh redraws the data and keeps them. The rows and findings
are derived once per change of the lists and shared by every session (:mod:`.reads`). The table
itself is a fragment of its own that runs every :data:`CHECK_SECONDS`: it compares the lists' stamp
with the one it drew, and only when they differ filters, sorts and builds its rows again; so a
watch event shows within seconds while the rest of the page waits for the timer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Mapping, Sequence

import streamlit as st

from modelfs_lib.client.cluster import PAGE_SIZE
from modelfs_lib.domain.controller import ControllerLocation
from modelfs_lib.domain.inert_text import inert
from modelfs_lib.domain.model_alerts import (
    controller_logs_command,
    generation_note,
    reconcile_alerts,
    retry_text,
)
from modelfs_lib.domain.model_list import ModelList
from modelfs_lib.domain.model_rows import ModelFilter, ModelRow, SortOrder, filter_rows, sort_rows
from modelfs_lib.resources import Dataset, Model, ModelSource, Namespace
from modelfs_lib.ui import data
from modelfs_lib.ui.access import permission
from modelfs_lib.ui.feedback import error_text, reading, show_error
from modelfs_lib.ui.list_mode import render_mode
from modelfs_lib.ui.models import delete
from modelfs_lib.ui.models.list.filters import render_filters
from modelfs_lib.ui.models.list.reads import model_list, read, read_secondary, stamp
from modelfs_lib.ui.models.list.table import PICK_KEY, render_pager, render_table
from modelfs_lib.ui.navigation import go
from modelfs_lib.ui.shell import ShellState
from modelfs_lib.ui.tables import action_bar

CHECK_SECONDS = 1.5
"""How often an open table checks, without any request, whether its lists changed; only the table is drawn
again. When nothing changed the check costs a stamp comparison and the table's styling of one page."""
TABLE_ROWS_KEY = "models.list.table.rows"
"""This session's table: what it was built from (stamp, filter, order, page) and the rows of its page."""
REASONS_SHOWN = 50
"""At most this many failing Models' reasons are spelled out under the table."""


def render(state: ShellState) -> None:
    """Every Model in the chosen namespace, kept current while the page is open (the page frame asked for them)."""
    delete.show_flash()
    if not state.settings.readonly:
        allowed = permission(state, "create", "Model")
        if st.button(
            "Create Model",
            key="models.create",
            icon=":material/add:",
            disabled=not allowed.allowed,
            help=allowed.reason or None,
        ):
            go(action="create")

    @st.fragment(run_every=state.run_every)
    def live() -> None:
        with reading():
            _live(state)

    live()


def _table_rows(
    state: ShellState, model_filter: ModelFilter, order: SortOrder, bounds: tuple[int, int]
) -> Sequence[ModelRow]:
    """The rows of the table's page as the lists are now, built again only when their stamp or the view changed."""
    drawn = stamp(state)
    kept = st.session_state.get(TABLE_ROWS_KEY)
    if isinstance(kept, tuple) and kept[0] == (drawn, state.namespace, model_filter, order, bounds):
        rows: Sequence[ModelRow] = kept[1]
        return rows
    reads = read(state)
    if reads.models.error is not None:
        return []
    return _keep_rows(state, drawn, model_list(state, reads), model_filter, order, bounds)


def _keep_rows(
    state: ShellState,
    drawn: Hashable,
    listing: ModelList,
    model_filter: ModelFilter,
    order: SortOrder,
    bounds: tuple[int, int],
) -> Sequence[ModelRow]:
    """Keep the page's rows of ``listing`` with what they were built from (``drawn``: the stamp before reading)."""
    rows = sort_rows(filter_rows(listing.rows, model_filter), order)[bounds[0] : bounds[1]]
    st.session_state[TABLE_ROWS_KEY] = ((drawn, state.namespace, model_filter, order, bounds), rows)
    return rows


def _table(state: ShellState, model_filter: ModelFilter, order: SortOrder, bounds: tuple[int, int]) -> None:
    """The table, a fragment checking every :data:`CHECK_SECONDS` whether the lists changed (with auto-refresh)."""
    checking = state.run_every is not None and data.shared()

    @st.fragment(run_every=CHECK_SECONDS if checking else None)
    def table() -> None:
        opened = render_table(_table_rows(state, model_filter, order, bounds), state.namespace or "")
        if opened is not None:
            go(model=opened)

    table()


def _live(state: ShellState) -> None:
    now = dt.datetime.now(dt.UTC)
    drawn = stamp(state)  # before the reads: a change landing meanwhile makes the table's next check redraw
    reads = read(state)
    if reads.models.error is not None:
        show_error(reads.models.error, action=f"Listing Models in {state.namespace}")
        return
    listing = model_list(state, reads)
    if reads.sources.error is not None:
        st.warning(
            f"Source types are unknown: listing ModelSources failed. {error_text(reads.sources.error)[0]}",
            icon=":material/cloud_off:",
        )
    models = [listing.index.by_name[name] for name in listing.index.names]
    _alerts([m for m in models if m.name not in listing.stale_errors], now, state.settings.controller)
    if not models:
        st.info(f"No Models in {state.namespace} yet.", icon=":material/deployed_code:")
        render_mode(reads.models, "Models", key="models.mode")
        return
    rows = list(listing.rows)
    model_filter, order = render_filters(rows)
    shown = sort_rows(filter_rows(rows, model_filter), order)
    bounds = render_pager(len(shown), so_far=reads.models.partial)
    _keep_rows(state, drawn, listing, model_filter, order, bounds)
    _table(state, model_filter, order, bounds)
    if not listing.complete:
        st.caption(
            ":material/hourglass_top: Findings and source types are still being read; they fill in within seconds."
        )
    _reasons(shown)
    st.caption(count_text(len(shown), len(rows), filtered=model_filter.active, remaining=_remaining(reads.models)))
    render_mode(reads.models, "Models", key="models.mode")
    shown_names = {row.name for row in shown}
    for model in models:
        note = generation_note(model) if model.name in shown_names else None
        if note:
            st.caption(f":material/hourglass_top: **{model.name}**: {note}")
    _actions(state, shown[bounds[0] : bounds[1]], listing.index.by_name)
    if not listing.complete:
        _fill_in(state, partial=reads.models.partial)


def _fill_in(state: ShellState, *, partial: bool) -> None:
    """Wait for what the page lacks (the rows it has are on screen already), then draw again with it.

    ``partial``: the Models' LIST is still being read page by page; the page is drawn again once it is
    whole (or failed), and that run waits for the lists the findings need. A list that brings no page
    within a request timeout, or a secondary list that does not arrive within it, is left to the
    table's check and the timer.
    """
    timeout = state.settings.request_timeout
    if partial:
        seen = -1
        while True:  # as long as pages keep coming, however long the list: a stalled list is left to the timers
            models = data.load(state.key, Model, state.namespace, partial=True)
            if not models.partial:
                st.rerun()  # whole, or failed: the next run shows it
            if models.version == seen:
                return
            seen = models.version
            data.wait_for(state.key, Model, state.namespace, timeout)
    for cls, namespace in ((ModelSource, state.namespace), (Dataset, None), (Namespace, None)):
        data.wait_for(state.key, cls, namespace, timeout)
    if read_secondary(state).datasets.pending:  # every Dataset could not be read: the namespace's are listed
        data.wait_for(state.key, Dataset, state.namespace, timeout)
    if not read_secondary(state).pending:
        st.rerun()


def count_text(shown: int, read: int, *, filtered: bool, remaining: int | None) -> str:
    """The count under the table; ``remaining``: the Models still to come while the LIST is read (else None)."""
    counted = f"{shown} of {read} Models" if filtered else f"{read} Models"
    if remaining is None:
        return f"{counted} shown." if filtered else f"{counted}."
    more = f"about {remaining:,} more" if remaining else "more"
    return f"{counted} read so far; {more} on their way (the list is read {PAGE_SIZE} at a time)."


def _remaining(models: data.Loaded[Model]) -> int | None:
    return (models.remaining or 0) if models.partial else None


def _reasons(rows: Sequence[ModelRow]) -> None:
    """Why each failing Model fails, in full (a table cell would cut the message)."""
    failing = [row for row in rows if row.failure_reason]
    if not failing:
        return
    with st.container(key="models.reasons"):
        st.markdown("**Errors found**")
        for row in failing[:REASONS_SHOWN]:
            st.markdown(f":material/error: **{inert(row.name)}**: {inert(row.failure_reason)}")
        if len(failing) > REASONS_SHOWN:
            st.caption(f"{len(failing) - REASONS_SHOWN} more failing Models: filter by name or status to see theirs.")


def _alerts(models: Sequence[Model], now: dt.datetime, controller: ControllerLocation) -> None:
    alerts = reconcile_alerts(models, now)
    if not alerts:
        return
    with st.container(key="models.alerts"):
        for alert in alerts:
            st.error(
                f"**{inert(alert.model)}**: ReconcileError **{inert(alert.reason)}**. {inert(alert.message)}  \n"
                f"{retry_text(alert, now)}",
                icon=":material/sync_problem:",
            )
        st.caption("The controller's log tells more:")
        st.code(controller_logs_command(controller, [alert.model for alert in alerts]), language="bash")


def _actions(state: ShellState, rows: Sequence[ModelRow], by_name: Mapping[str, Model]) -> None:
    """The row actions, on a Model of the table's page (the picker lists that page, not thousands of names)."""
    names = [row.name for row in rows]
    bar, chosen = action_bar("Model", names, pick_key=PICK_KEY, bar_key="models.actions")
    if bar.button("View", key="models.view", disabled=chosen is None, icon=":material/visibility:"):
        go(model=chosen)
    if not state.settings.readonly:
        may_edit = permission(state, "patch", "Model")
        if bar.button(
            "Edit",
            key="models.edit",
            disabled=chosen is None or not may_edit.allowed,
            help=may_edit.reason or None,
            icon=":material/edit:",
        ):
            go(model=chosen, action="edit")
        may_delete = permission(state, "delete", "Model")
        bar.button(
            "Delete",
            key="models.delete",
            disabled=chosen is None or not may_delete.allowed,
            help=may_delete.reason or None,
            icon=":material/delete:",
            on_click=delete.open_confirmation,
            args=(state.namespace, chosen or ""),
        )
    target = delete.deleting(state.namespace)
    if target is None or state.settings.readonly:
        return
    if target not in by_name:
        delete.close_confirmation(state.namespace)
        return
    delete.confirmation(state, by_name[target], siblings=by_name, key="models.list.delete", after=st.rerun)
