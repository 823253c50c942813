"""The Models list: ReconcileError banners, filters, the table, row actions and the delete confirmation.

Everything below the title is one fragment on the shell's timer; the filters, the sort order and the
chosen row are keyed widgets, so a refresh redraws the data and keeps them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import streamlit as st

from modelfs_lib.domain.controller import ControllerLocation
from modelfs_lib.domain.diagnosis import FindingKind
from modelfs_lib.domain.inert_text import inert
from modelfs_lib.domain.model_alerts import (
    controller_logs_command,
    generation_note,
    reconcile_alerts,
    retry_text,
)
from modelfs_lib.domain.model_rows import ModelRow, filter_rows, model_rows, sort_rows
from modelfs_lib.resources import Dataset, Model, ModelSource
from modelfs_lib.ui import data
from modelfs_lib.ui.access import permission
from modelfs_lib.ui.feedback import error_text, reading, show_error
from modelfs_lib.ui.models import delete
from modelfs_lib.ui.models.diagnosis import findings_by_model
from modelfs_lib.ui.models.list.filters import render_filters
from modelfs_lib.ui.models.list.table import PICK_KEY, render_table
from modelfs_lib.ui.navigation import go
from modelfs_lib.ui.shell import ShellState


def render(state: ShellState) -> None:
    """Every Model in the chosen namespace, refreshed on the shell's timer."""
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


def _live(state: ShellState) -> None:
    now = dt.datetime.now(dt.UTC)
    loaded = data.load(state.key, Model, state.namespace)
    if loaded.error is not None:
        show_error(loaded.error, action=f"Listing Models in {state.namespace}")
        return
    sources = data.load(state.key, ModelSource, state.namespace)
    if sources.error is not None:
        st.warning(
            f"Source types are unknown: listing ModelSources failed. {error_text(sources.error)[0]}",
            icon=":material/cloud_off:",
        )
    models = sorted(loaded.items, key=lambda m: m.name)
    findings = findings_by_model(state, models, now)
    stale = {n for n, found in findings.items() if any(f.kind is FindingKind.STALE_RECONCILE_ERROR for f in found)}
    _alerts([m for m in models if m.name not in stale], now, state.settings.controller)
    if not models:
        st.info(f"No Models in {state.namespace} yet.", icon=":material/deployed_code:")
        return
    types = {s.name: s.source_type for s in sources.items} if sources.ok else None
    datasets = data.load(state.key, Dataset, state.namespace)
    rows = model_rows(models, types, {d.name: d for d in datasets.items}, findings)
    model_filter, order = render_filters(rows)
    shown = sort_rows(filter_rows(rows, model_filter), order)
    opened = render_table(shown, state.namespace or "")
    if opened is not None:
        go(model=opened)
    _reasons(shown)
    st.caption(f"{len(shown)} of {len(rows)} Models shown." if model_filter.active else f"{len(rows)} Models.")
    for model in models:
        note = generation_note(model)
        if note and any(row.name == model.name for row in shown):
            st.caption(f":material/hourglass_top: **{model.name}**: {note}")
    _actions(state, shown, models)


def _reasons(rows: Sequence[ModelRow]) -> None:
    """Why each failing Model fails, in full (a table cell would cut the message)."""
    failing = [row for row in rows if row.failure_reason]
    if not failing:
        return
    with st.container(key="models.reasons"):
        st.markdown("**Errors found**")
        for row in failing:
            st.markdown(f":material/error: **{inert(row.name)}**: {inert(row.failure_reason)}")


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


def _actions(state: ShellState, rows: Sequence[ModelRow], models: Sequence[Model]) -> None:
    names = [row.name for row in rows]
    if st.session_state.get(PICK_KEY) not in names:
        st.session_state[PICK_KEY] = None
    bar = st.container(horizontal=True, vertical_alignment="bottom", key="models.actions")
    chosen: str | None = bar.selectbox(
        "Model",
        names,
        key=PICK_KEY,
        placeholder="Choose a Model",
        help="The Model the buttons act on.",
        width=360,
    )
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
            args=(chosen or "",),
        )
    target = delete.deleting()
    by_name = {m.name: m for m in models}
    if target is None or state.settings.readonly:
        return
    if target not in by_name:
        delete.close_confirmation()
        return
    delete.confirmation(state, by_name[target], siblings=by_name, key="models.list.delete", after=st.rerun)
