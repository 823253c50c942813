"""One version's panel: its Dataset's state, conditions, events and sync rounds, and kubectl snippets.

Each part shows its own error, so a refused events list leaves the conditions and rounds in place.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from modelfs_lib.domain.inert_text import inert
from modelfs_lib.domain.kubectl import kubectl_snippets
from modelfs_lib.domain.model_versions import current_round, round_rows
from modelfs_lib.domain.status import reconcile_error
from modelfs_lib.domain.times import duration_text, exact_time, relative_time
from modelfs_lib.resources import Condition, Dataset, Model
from modelfs_lib.ui.feedback import show_error
from modelfs_lib.ui.models.detail import dataset_compare, linkage, recreate, rerun, version_actions
from modelfs_lib.ui.models.phases import dataset_phase_markdown
from modelfs_lib.ui.models.reads import events_for
from modelfs_lib.ui.shell import ShellState

CUT_AT = 60
"""A message longer than this (or on several lines) is cut in a grid cell: it is also shown whole below."""


def _full_messages(what: str, messages: list[tuple[str, str, bool]], key: str) -> None:
    """``(label, message, problem)`` whose message a cell would cut, in full, as plain text below the grid.

    The expander is open when one of them reports a problem.
    """
    long = [
        (label, message, problem) for label, message, problem in messages if len(message) > CUT_AT or "\n" in message
    ]
    if not long:
        return
    with st.expander(f"{what} in full ({len(long)})", expanded=any(p for *_, p in long), key=key):
        for label, message, _ in long:
            st.caption(inert(label))
            st.text(message)


def _conditions(conditions: tuple[Condition, ...], key: str) -> None:
    st.markdown("**Conditions**")
    if not conditions:
        st.caption("No conditions reported.")
        return
    st.dataframe(
        [
            {
                "Type": c.type,
                "Status": c.status,
                "Reason": c.reason,
                "Message": c.message,
                "Last transition": exact_time(c.last_transition_time),
            }
            for c in conditions
        ],
        hide_index=True,
        key=key,
        column_config={"Message": st.column_config.TextColumn(width="large")},
    )
    _full_messages(
        "Condition messages",
        [(f"{c.type} · {c.status} · {c.reason}", c.message, not c.is_true) for c in conditions],
        f"{key}.full",
    )


def _rounds(dataset: Dataset, now: dt.datetime, key: str) -> None:
    st.markdown("**Sync rounds**")
    rows = round_rows(dataset, now)
    st.caption(
        f"spec.dataSyncRound **{dataset.data_sync_round}** · status.lastSucceedRound "
        f"**{dataset.last_succeed_round if dataset.last_succeed_round is not None else '—'}**"
        + (f" · round **{dataset.in_processing_round}** in progress" if dataset.in_processing else "")
        + f" · last sync {relative_time(dataset.last_sync_time, now)}"
    )
    if not rows:
        st.caption("No sync round recorded yet.")
        return
    st.dataframe(
        [
            {
                "Round": row.round,
                "Job": row.job,
                "Started": exact_time(row.start) if row.start else "—",
                "Ended": exact_time(row.end) if row.end else "—",
                "Succeeded": "running" if row.running else {True: "yes", False: "no", None: "—"}[row.succeeded],
                "Time": (f"{duration_text(row.elapsed)} so far" if row.running else duration_text(row.elapsed)) or "—",
            }
            for row in rows
        ],
        hide_index=True,
        key=key,
    )


def _events(state: ShellState, dataset_name: str, now: dt.datetime, key: str) -> None:
    st.markdown("**Events**")
    events = events_for(state, kind="Dataset", name=dataset_name)
    if events.error is not None:
        show_error(events.error, action=f"Listing the events of Dataset {dataset_name}")
        return
    if not events.items:
        st.caption("No events: the API server keeps them for about an hour.")
        return
    st.dataframe(
        [
            {
                "Type": e.type,
                "Reason": e.reason,
                "Message": e.message,
                "Count": e.count,
                "Last seen": relative_time(e.last_timestamp, now),
                "From": e.source_component,
            }
            for e in events.items
        ],
        hide_index=True,
        key=key,
        column_config={"Message": st.column_config.TextColumn(width="large")},
    )
    _full_messages(
        "Event messages",
        [(f"{e.type} · {e.reason} · ×{e.count}", e.message, e.type == "Warning") for e in events.items],
        f"{key}.full",
    )


def render_panel(
    state: ShellState, model: Model, version: str, dataset: Dataset | None, *, datasets_read: bool, now: dt.datetime
) -> None:
    """The panel of ``version``; ``dataset`` is its Dataset (None: none, or not readable when not ``datasets_read``)."""
    name = model.dataset_name(version)
    spec = model.version(version)
    synced = model.synced_version(version)
    key = f"models.detail.panel.{version}"
    with st.container(border=True, key=key):
        st.markdown(f"#### Version {version}")
        if dataset is not None:
            st.markdown(f"Dataset `{name}` {dataset_phase_markdown(dataset)} · source type {dataset.source_type}")
        elif not datasets_read:
            st.caption(f"Dataset `{name}`: its state is unknown, the Datasets could not be listed.")
        elif spec is not None and spec.is_absent:
            st.info(f"This version is ABSENT: the controller deletes its Dataset `{name}`.", icon=":material/block:")
        else:
            error = reconcile_error(model)
            why = f" The Model has a ReconcileError ({error.reason})." if error is not None else ""
            st.warning(f"There is no Dataset `{name}` yet.{why}", icon=":material/hourglass_empty:")
        if synced is not None and (synced.pvc_name or synced.observed_version_hash):
            st.caption(
                f"PVC `{inert(synced.pvc_name or '—')}` · observed hash `{inert(synced.observed_version_hash or '—')}`"
            )
        version_actions.render(state, model, version)
        rerun.render(state, model, version)
        recreate.render(state, model, version)
        if dataset is not None:
            _conditions(dataset.conditions, f"{key}.conditions")
            _rounds(dataset, now, f"{key}.rounds")
        linkage.render(state, model, version)
        dataset_compare.render(state, model, version, dataset, key=f"{key}.compare")
        _events(state, name, now, f"{key}.events")
        st.markdown("**kubectl**")
        pvc = (dataset.pvc_name if dataset is not None else "") or (synced.pvc_name if synced is not None else "")
        round_ = current_round(dataset) if dataset is not None else None
        columns = st.columns(2)
        for i, (label, command) in enumerate(kubectl_snippets(state.namespace or model.namespace, name, pvc, round_)):
            with columns[i % 2]:
                st.caption(label)
                st.code(command, language="bash", wrap_lines=True)
