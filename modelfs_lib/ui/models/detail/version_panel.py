"""One version's panel: a summary and the actions, then one section at a time (conditions, sync rounds,
Dataset and PVC, expected vs live, events, kubectl snippets).

Only the open section is built, so the browser draws one table at a time. Each part shows its own
error, so a refused events list leaves the summary and the actions in place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import streamlit as st

from modelfs_lib.domain.inert_text import inert
from modelfs_lib.domain.kubectl import LOGS_MAY_HOLD_CREDENTIALS, kubectl_snippets
from modelfs_lib.domain.model_versions import current_round, round_rows
from modelfs_lib.domain.status import (
    condition_is_problem,
    reconcile_error,
    synced_round_despite_failed,
    top_condition,
)
from modelfs_lib.domain.times import duration_text, exact_time, relative_time
from modelfs_lib.resources import Condition, Dataset, Model
from modelfs_lib.ui import state as keys
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
    rows = round_rows(dataset, now)
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


def section_key(namespace: str, model: str, version: str) -> str:
    """The session key of the tabs of version ``version``'s panel (the open section's label)."""
    return keys.key(keys.MODEL_VERSION_SECTION, namespace, model, version)


def _open_section(model: Model, version: str, labels: Sequence[str]) -> str:
    """The panel's section tabs, the one last open for this version open again; the open section's label.

    A switch reruns the detail, so only the open section is built. The tabs' own state goes when
    another version's panel is drawn; the choice is kept beside it and put back on the way in.
    """
    scope = (model.namespace, model.name, version)
    widget = section_key(*scope)
    kept = keys.get(keys.MODEL_VERSION_SECTION_KEPT, *scope)
    if widget not in st.session_state and kept in labels:
        st.session_state[widget] = kept
    tabs = st.tabs(list(labels), key=widget, on_change="rerun")
    opened = next((label for label, tab in zip(labels, tabs, strict=True) if tab.open), labels[0])
    keys.put(keys.MODEL_VERSION_SECTION_KEPT, *scope, value=opened)
    return opened


def _code(text: str) -> str:
    """``text`` as a code span, or as inert text when it could end one (a backtick or a line break)."""
    return f"`{text}`" if "`" not in text and "\n" not in text else inert(text)


def _summary(model: Model, version: str, dataset: Dataset | None, *, datasets_read: bool, now: dt.datetime) -> None:
    """What is true of the version at a glance: its Dataset's phase, why it is not Ready, its rounds and PVC."""
    name = model.dataset_name(version)
    spec = model.version(version)
    synced = model.synced_version(version)
    if dataset is not None:
        st.markdown(f"Dataset `{name}` {dataset_phase_markdown(dataset)} · source type {dataset.source_type}")
        top = top_condition(dataset.conditions)
        if top is not None and condition_is_problem(top) and synced_round_despite_failed(dataset) is None:
            st.markdown(
                f"**{inert(top.type)}** {inert(top.status)} · **{inert(top.reason or 'no reason')}**"
                + (f": {inert(top.message, limit=CUT_AT * 3)}" if top.message else "")
            )
    elif not datasets_read:
        st.caption(f"Dataset `{name}`: its state is unknown, the Datasets could not be listed.")
    elif spec is not None and spec.is_absent:
        st.info(f"This version is ABSENT: the controller deletes its Dataset `{name}`.", icon=":material/block:")
    else:
        error = reconcile_error(model)
        why = f" The Model has a ReconcileError ({error.reason})." if error is not None else ""
        st.warning(f"There is no Dataset `{name}` yet.{why}", icon=":material/hourglass_empty:")
    facts = []
    if dataset is not None:
        last = dataset.last_succeed_round
        facts.append(
            f"last sync {relative_time(dataset.last_sync_time, now)} · spec.dataSyncRound **{dataset.data_sync_round}**"
            f" · status.lastSucceedRound **{last if last is not None else '—'}**"
            + (f" · round **{dataset.in_processing_round}** in progress" if dataset.in_processing else "")
        )
    if synced is not None and (synced.pvc_name or synced.observed_version_hash):
        facts.append(
            f"PVC {_code(synced.pvc_name or '—')} · observed hash {_code(synced.observed_version_hash or '—')}"
        )
    if facts:
        st.caption(" · ".join(facts))


def _kubectl(state: ShellState, model: Model, version: str, dataset: Dataset | None) -> None:
    name = model.dataset_name(version)
    synced = model.synced_version(version)
    pvc = (dataset.pvc_name if dataset is not None else "") or (synced.pvc_name if synced is not None else "")
    round_ = current_round(dataset) if dataset is not None else None
    columns = st.columns(2)
    for i, (label, command) in enumerate(kubectl_snippets(state.namespace or model.namespace, name, pvc, round_)):
        with columns[i % 2]:
            st.caption(label)
            st.code(command, language="bash", wrap_lines=True)
            if " logs " in command:
                st.caption(LOGS_MAY_HOLD_CREDENTIALS)


SECTIONS = ("Conditions", "Sync rounds", "Dataset & PVC", "Expected vs live", "Events", "kubectl")
"""The sections of a version's panel, one open at a time; the conditions (a failed version's why) first."""
SECTIONS_WITHOUT_DATASET = ("Dataset & PVC", "Events", "kubectl")
"""The sections of a version without a Dataset (or whose Datasets could not be listed)."""


def render_panel(
    state: ShellState, model: Model, version: str, dataset: Dataset | None, *, datasets_read: bool, now: dt.datetime
) -> None:
    """The panel of ``version``; ``dataset`` is its Dataset (None: none, or not readable when not ``datasets_read``).

    The summary and the actions are always shown; below them one section at a time.
    """
    key = f"models.detail.panel.{version}"
    with st.container(border=True, key=key):
        st.markdown(f"#### Version {version}")
        _summary(model, version, dataset, datasets_read=datasets_read, now=now)
        version_actions.render(state, model, version)
        rerun.render(state, model, version)
        recreate.render(state, model, version)
        opened = _open_section(model, version, SECTIONS if dataset is not None else SECTIONS_WITHOUT_DATASET)
        if opened == "Conditions" and dataset is not None:
            _conditions(dataset.conditions, f"{key}.conditions")
        elif opened == "Sync rounds" and dataset is not None:
            _rounds(dataset, now, f"{key}.rounds")
        elif opened == "Dataset & PVC":
            linkage.render(state, model, version)
        elif opened == "Expected vs live":
            dataset_compare.render(state, model, version, dataset, key=f"{key}.compare")
        elif opened == "Events":
            _events(state, model.dataset_name(version), now, f"{key}.events")
        elif opened == "kubectl":
            _kubectl(state, model, version, dataset)
