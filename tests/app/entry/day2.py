"""Runs the day-2 components of one Model on their own, for AppTest, as the detail page lays them out.

``?ns=&model=&version=`` chooses the Model and the version whose panel parts are drawn;
``&part=`` limits it to one of ``actions``, ``rerun``, ``recreate``, ``linkage``, ``orphans``, ``sharing``,
``all``; ``panel`` draws the version's whole panel (its sync rounds with the bump), and only when asked.
The shell (sidebar, connection, read-only mode) is the real one.
"""

import datetime as dt

import streamlit as st

from modelfs_lib.resources import Dataset, Model
from modelfs_lib.ui import data
from modelfs_lib.ui.models.detail import linkage, orphans, recreate, rerun, share_audit, version_actions, version_panel
from modelfs_lib.ui.shell import render_shell, require_namespace

state = require_namespace(render_shell(), "Models")
name, version, part = st.query_params.get("model"), st.query_params.get("version"), st.query_params.get("part")


@st.fragment(run_every=state.run_every)
def live() -> None:
    model = next((m for m in data.load(state.key, Model, state.namespace).items if m.name == name), None)
    if model is None:
        st.warning(f"There is no Model {name}.")
        return
    if part in (None, "all"):
        rerun.render_all(state, model)
    if version and part in (None, "actions"):
        version_actions.render(state, model, version)
    if version and part in (None, "rerun"):
        rerun.render(state, model, version)
    if version and part in (None, "recreate"):
        recreate.render(state, model, version)
    if version and part in (None, "linkage"):
        linkage.render(state, model, version)
    if part in (None, "orphans"):
        orphans.render(state, model)
    if part in (None, "sharing"):
        share_audit.render(state, model)
    if version and part == "panel":
        datasets = data.load(state.key, Dataset, state.namespace)
        shown = next((d for d in datasets.items if d.name == model.dataset_name(version)), None)
        now = dt.datetime.now(dt.UTC)
        version_panel.render_panel(state, model, version, shown, datasets_read=datasets.error is None, now=now)


live()
