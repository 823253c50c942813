"""A Model's versions: the table, the version picker (``?version=``) and the chosen version's panel."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from modelfs_lib.domain.model_versions import VersionRow, version_rows
from modelfs_lib.resources import Dataset, Model, PersistentVolumeClaim
from modelfs_lib.ui import data
from modelfs_lib.ui.models.detail import orphans, version_actions
from modelfs_lib.ui.models.detail.version_panel import render_panel
from modelfs_lib.ui.models.phases import phase_label, styled_phases
from modelfs_lib.ui.navigation import param
from modelfs_lib.ui.shell import ShellState
from modelfs_lib.ui.tables import NAME_IN_LINK, model_link, selected_row

TABLE_KEY = "models.detail.versions"
PICK_KEY = "models.detail.version"
VISIBLE_KEY = "models.detail.visible"
COLUMN_CONFIG = {
    "Version": st.column_config.LinkColumn(
        pinned=True,
        display_text=NAME_IN_LINK,
        width=90,
        help="A link to this version; a click on the row opens its panel.",
    ),
    "Dataset phase": st.column_config.TextColumn(width=110, help="The phase of the Dataset mdl-<model>-<version>."),
    "Repo@Revision": st.column_config.TextColumn(width=250),
    "Precision": st.column_config.TextColumn(width=70),
    "Storage": st.column_config.TextColumn(
        width=95,
        help="Requested (spec storage.resources.requests.storage) / observed (status observedStorage: the PVC's "
        "request). Without storage a claim asks for 100Ti.",
    ),
    "State": st.column_config.TextColumn(
        width=150,
        help="Desired (spec state) / observed (status observedState). ABSENT makes the controller delete the Dataset.",
    ),
    "Share": st.column_config.CheckboxColumn(width=55, help="share.enabled: REFERENCE Datasets in other namespaces."),
    "Observed hash": st.column_config.TextColumn(help="status observedVersionHash"),
    "Note": st.column_config.TextColumn(width=180),
}
SHOWN = ("Version", "Dataset phase", "Repo@Revision", "Precision", "Storage", "State", "Share", "Note")
"""The columns drawn (they fit a 1500 px wide window); the PVC and the hash are in each version's panel."""


def _frame(rows: Sequence[VersionRow], namespace: str, model: str) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Version": model_link(namespace, model, row.name),
                "Dataset phase": phase_label(row.dataset_phase) if row.dataset_phase else "no Dataset",
                "Repo@Revision": row.repo_revision,
                "Precision": row.precision or "—",
                "Storage": f"{row.storage_requested} / {row.storage_observed or '—'}",
                "State": f"{row.desired_state} / {row.observed_state or '—'}",
                "Share": row.share,
                "PVC": f"{row.pvc} ({row.pvc_phase})" if row.pvc and row.pvc_phase else row.pvc or "—",
                "Observed hash": row.observed_hash or "—",
                "Note": row.note,
            }
            for row in rows
        ]
    )


def _picked() -> None:
    """A click on a table row opens that version's panel."""
    name = selected_row(st.session_state.get(TABLE_KEY), st.session_state.get(VISIBLE_KEY) or [])
    if name is not None:
        st.session_state[PICK_KEY] = name
        st.query_params["version"] = name


def _remember() -> None:
    chosen = st.session_state.get(PICK_KEY)
    if chosen:
        st.query_params["version"] = chosen


def render_versions(state: ShellState, model: Model, now: dt.datetime) -> None:
    """The versions table, then the panel of the chosen version."""
    datasets = data.load(state.key, Dataset, state.namespace)
    pvcs = data.load(state.key, PersistentVolumeClaim, state.namespace)
    if datasets.error is not None:  # the error itself is said above the tabs
        st.caption(
            "The Datasets could not be listed: the phases below are the controller's copies in the Model's status."
        )
    by_name = {d.name: d for d in datasets.items} if datasets.ok else None
    claims = {p.name: p for p in pvcs.items} if pvcs.ok else None
    rows = version_rows(model, by_name, claims)
    names = [row.name for row in rows]
    st.session_state[VISIBLE_KEY] = names
    st.dataframe(
        styled_phases(_frame(rows, model.namespace or state.namespace or "", model.name), ["Dataset phase"]),
        hide_index=True,
        key=TABLE_KEY,
        column_config=COLUMN_CONFIG,
        column_order=SHOWN,
        on_select=_picked,
        selection_mode="single-row",
    )
    if pvcs.error is not None:
        st.caption("PVC phases are unknown: the PVCs could not be listed.")
    orphans.render(state, model)
    version_actions.show_removed()
    if not names:
        return
    wanted = param("version")  # the URL decides: Back to a link without a version opens the default one
    st.session_state[PICK_KEY] = wanted if wanted in names else names[0]
    chosen = st.segmented_control(
        "Version",
        names,
        key=PICK_KEY,
        on_change=_remember,
        required=True,
        help="Choose a version, or click its row above.",
    )
    if chosen is None:
        return
    dataset = by_name.get(model.dataset_name(chosen)) if by_name is not None else None
    render_panel(state, model, chosen, dataset, datasets_read=datasets.ok, now=now)
