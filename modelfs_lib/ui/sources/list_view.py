"""The ModelSources list: filters by type and credentials, the table, the sources not ready, and row actions."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from modelfs_lib.domain.source_usage import matches_filters
from modelfs_lib.ui.access import permission
from modelfs_lib.ui.feedback import reading, show_error
from modelfs_lib.ui.list_mode import render_mode
from modelfs_lib.ui.shell import ShellState
from modelfs_lib.ui.sources import common, filters, list_table, secret_panel, wizard
from modelfs_lib.ui.tables import action_bar

PICK_KEY = "sources.pick"
"""The row actions' ModelSource (a selectbox); a click on a row opens the source instead."""


def _open(name: str | None, action: str | None = None) -> None:
    """Open a source's view, or the wizard: one change of the URL, which leaves the list's filters behind."""
    secret_panel.forget_checks()
    if action in ("create", "edit"):
        wizard.reset()
    common.open_view(name, action)


def _actions(state: ShellState, names: list[str]) -> None:
    bar, chosen = action_bar("ModelSource", names, pick_key=PICK_KEY, bar_key="sources.actions")
    if bar.button("View", key="sources.view", icon=":material/visibility:", disabled=chosen is None):
        _open(chosen or "")
    if state.settings.readonly:
        return
    edit, delete = permission(state, "patch", "ModelSource"), permission(state, "delete", "ModelSource")
    if bar.button(
        "Edit",
        key="sources.edit",
        icon=":material/edit:",
        disabled=chosen is None or not edit.allowed,
        help=edit.reason or None,
    ):
        _open(chosen or "", "edit")
    if bar.button(
        "Delete",
        key="sources.delete",
        icon=":material/delete:",
        disabled=chosen is None or not delete.allowed,
        help=delete.reason or None,
    ):
        _open(chosen or "", "delete")


def _table(state: ShellState) -> None:
    loaded = common.sources(state)
    if loaded.error is not None:
        show_error(loaded.error, action=f"Listing ModelSources in {state.namespace}")
        return
    if not loaded.items:
        st.info(
            f"No ModelSources in {state.namespace} yet. A Model downloads its weights through one: "
            "create it first, then the Models that use it.",
            icon=":material/cloud_download:",
        )
        render_mode(loaded, "ModelSources", key="sources.mode")
        return
    listed = common.models(state)
    if listed.error is not None:
        show_error(listed.error, action=f"Listing Models in {state.namespace} (to count their references)")
    types, states = filters.render()
    shown = [s for s in loaded.items if matches_filters(s, types=types, states=states)]
    if not shown:
        st.info(
            f"No ModelSource matches these filters ({len(loaded.items)} in {state.namespace}).",
            icon=":material/filter_alt_off:",
        )
        st.button("Clear filters", key="sources.clear", icon=":material/clear_all:", on_click=filters.clear)
        render_mode(loaded, "ModelSources", key="sources.mode")
        return
    opened = list_table.render_table(shown, listed, dt.datetime.now(dt.UTC), state.namespace or "")
    if opened is not None:
        _open(opened)
    list_table.render_problems(shown)
    filtered = len(shown) != len(loaded.items)
    st.caption(
        f"{len(shown)} of {len(loaded.items)} ModelSources shown."
        if filtered
        else f"{len(loaded.items)} ModelSource{'' if len(loaded.items) == 1 else 's'}."
    )
    render_mode(loaded, "ModelSources", key="sources.mode")
    _actions(state, sorted(s.name for s in shown))


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
        _open(None, "create")

    @st.fragment(run_every=state.run_every)
    def table() -> None:
        with reading():
            _table(state)

    table()
