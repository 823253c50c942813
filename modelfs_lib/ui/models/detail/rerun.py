"""Bump the sync round: per version and for every version of a Model, told truthfully, and the round followed.

On a Dataset a modelfs Model owns the bump is reverted by the Model controller within about a
second (see :mod:`modelfs_lib.domain.rerun`), so the page says so before the button, and the
button works only once the user has acknowledged it. The button's callback sends the patch built
from the Dataset AS SHOWN (its resourceVersion and round are bound when the button is drawn), so a
second click, or a second person, working from the same reading gets 409 Conflict instead of moving
the counter twice. Progress is read on the caller's fragment timer from the cached Dataset list,
which the write invalidated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import streamlit as st

from modelfs_lib.domain.kubectl import round_logs_command
from modelfs_lib.domain.manifests import rerun_patch
from modelfs_lib.domain.rerun import (
    RerunPlan,
    RoundStage,
    bump_caveat,
    counter_went_back,
    owned_by_a_model,
    rerun_failure,
    rerun_plan,
    round_progress,
)
from modelfs_lib.domain.times import relative_time
from modelfs_lib.errors import ModelfsError
from modelfs_lib.resources import Dataset, Model
from modelfs_lib.ui import data, writes
from modelfs_lib.ui import state as keys
from modelfs_lib.ui.access import permission
from modelfs_lib.ui.feedback import show_error
from modelfs_lib.ui.shell import ShellState

WATCH_KEY = keys.RERUN_WATCH
"""``{"<ns>/<dataset>": Watch}``: the round each bump asked for, followed until dismissed."""
FAILURE_KEY = keys.RERUN_FAILURE
"""``{"<ns>/<dataset>": sentence}``: why the last bump of a Dataset was refused."""
BUMP_LABEL = "Bump the sync round (may be reverted)"
ACK_LABEL = "I understand: the Model controller may revert the bump, and the Dataset may then read FAILED"
ALL_CAVEAT = (
    "Bumping the sync round is not a working re-sync on Datasets a modelfs Model owns: the Model controller "
    "rewrites each Dataset's spec on every reconcile without dataSyncRound, so every bump is reverted to 1 within "
    "about a second. Either nothing happens, or the round runs and the Dataset then reads FAILED although the data "
    "synced (lastSucceedRound N+1 against spec round 1). To download a version's weights again for real, use "
    "Recreate Dataset on that version."
)


@dataclass(frozen=True)
class Watch:
    """A round this session started: its number, its Job and when the patch was sent."""

    round: int
    job: str
    sent_at: dt.datetime


def _slot(namespace: str, dataset: str) -> str:
    return f"{namespace}/{dataset}"


def _watches() -> dict[str, Watch]:
    return st.session_state.setdefault(WATCH_KEY, {})  # type: ignore[no-any-return]


def _failures() -> dict[str, str]:
    return st.session_state.setdefault(FAILURE_KEY, {})  # type: ignore[no-any-return]


def send_reruns(state: ShellState, seen: Sequence[Dataset]) -> None:
    """Patch each Dataset's ``spec.dataSyncRound`` to the round shown + 1, guarded by the resourceVersion shown.

    A button callback: the outcome is left in the session for the next run to show.
    """
    watches, failures = _watches(), _failures()
    for dataset in seen:
        slot, wanted = _slot(dataset.namespace, dataset.name), dataset.data_sync_round + 1
        try:
            writes.merge_patch(
                state,
                Dataset,
                name=dataset.name,
                patch=rerun_patch(dataset),
                action=f"re-ran sync of {dataset.name}, round {wanted}",
            )
        except ModelfsError as e:
            failures[slot] = rerun_failure(e, dataset.name, wanted)
            continue
        except ValueError as e:
            failures[slot] = f"Round not bumped: {e}"
            continue
        failures.pop(slot, None)
        watches[slot] = Watch(wanted, dataset.job_name(wanted), dt.datetime.now(dt.UTC))


def _dismiss(slot: str) -> None:
    _watches().pop(slot, None)
    _failures().pop(slot, None)


def _datasets(state: ShellState) -> data.Loaded[Dataset]:
    return data.load(state.key, Dataset, state.namespace)


def _went_back(dataset: Dataset) -> None:
    note = counter_went_back(dataset)
    if note:
        st.warning(note, icon=":material/history:")


def _progress(dataset: Dataset | None, namespace: str, name: str, key: str, now: dt.datetime) -> None:
    slot = _slot(namespace, name)
    failure = _failures().get(slot)
    if failure:
        st.error(failure, icon=":material/block:")
    watch = _watches().get(slot)
    if watch is None:
        if failure:
            st.button("Dismiss", key=f"{key}.dismiss", on_click=_dismiss, args=(slot,))
        return
    progress = round_progress(dataset, watch.round, watch.job, now)
    head = f"Round bump sent {relative_time(watch.sent_at, now)}: round **{watch.round}**, Job `{watch.job}`.  \n"
    text = head + progress.text
    if progress.stage is RoundStage.SUCCEEDED:
        st.success(text, icon=":material/check_circle:")
    elif progress.done:
        st.error(text, icon=":material/error:")
    else:
        st.info(text, icon=":material/sync:")
    if dataset is not None:
        st.code(round_logs_command(dataset.namespace, dataset.name, watch.round), language="bash")
    if progress.done:
        st.button("Dismiss", key=f"{key}.dismiss", on_click=_dismiss, args=(slot,))


def _acknowledged(caveat: str, key: str, reason: str) -> bool:
    """The caveat, then the acknowledgement it needs; True when there is nothing to acknowledge or it was given."""
    if not caveat:
        return True
    st.warning(caveat, icon=":material/warning:")
    return st.checkbox(ACK_LABEL, key=f"{key}.ack", disabled=bool(reason))


def _button(state: ShellState, plan: RerunPlan, dataset: Dataset | None, key: str) -> None:
    allowed = permission(state, "patch", "Dataset")
    reason = plan.blocker or ("" if allowed.allowed else allowed.reason)
    owned = dataset is not None and not dataset.invalid and owned_by_a_model(dataset)
    caveat = bump_caveat(dataset, owned_by_model=owned) if dataset is not None and not reason else ""
    acknowledged = _acknowledged(caveat, key, reason)
    if plan.allowed and plan.next_round is not None:
        what = f"Patches spec.dataSyncRound to {plan.next_round}: Job {plan.job}" + (
            ", unless the Model controller reverts it first." if owned else "."
        )
    else:
        what = reason
    st.button(
        BUMP_LABEL,
        key=f"{key}.button",
        icon=":material/exposure_plus_1:",
        disabled=bool(reason) or dataset is None or not acknowledged,
        help=what or None,
        on_click=send_reruns,
        args=(state, [dataset] if dataset is not None else []),
    )
    if reason:
        st.caption(reason)
    elif not plan.starts:
        st.caption(
            f"This raises the counter to {plan.next_round}, which is not above the last succeeded round: "
            "no Job starts yet."
        )
    else:
        st.caption(
            f"Asks for round **{plan.next_round}** as Job `{plan.job}`"
            + (" (if the Model controller does not revert the counter first)." if owned else ".")
        )


def render(state: ShellState, model: Model, version_name: str) -> None:
    """One version's "Bump the sync round" action behind its caveat (hidden if read-only), and the round it follows.

    The version panel shows ``spec.dataSyncRound``, ``status.lastSucceedRound`` and the rounds; this
    adds the warning that the counter went back.
    """
    key = f"rerun.{model.name}.{version_name}"
    loaded = _datasets(state)
    if loaded.error is not None:
        show_error(loaded.error, action=f"Listing Datasets in {state.namespace}")
        return
    name = model.dataset_name(version_name)
    dataset = loaded.named(name)
    now = dt.datetime.now(dt.UTC)
    with st.container(key=f"{key}.panel"):
        if dataset is not None and not dataset.invalid:
            _went_back(dataset)
        plan = rerun_plan(model, version_name, dataset)
        if not state.settings.readonly:
            _button(state, plan, dataset, key)
        elif plan.blocker:
            st.caption(plan.blocker)
        _progress(dataset, model.namespace or state.namespace or "", name, key, now)


def render_all(state: ShellState, model: Model) -> None:
    """Bump the round of every version whose round may be bumped now, each to its own + 1, behind the caveat."""
    key = f"rerun.{model.name}.all"
    loaded = _datasets(state)
    if loaded.error is not None:
        show_error(loaded.error, action=f"Listing Datasets in {state.namespace}")
        return
    by_name = {d.name: d for d in loaded.items}
    plans = [
        (rerun_plan(model, v.name, by_name.get(model.dataset_name(v.name))), by_name.get(model.dataset_name(v.name)))
        for v in model.versions
    ]
    ready = [dataset for plan, dataset in plans if plan.allowed and dataset is not None]
    with st.container(key=f"{key}.panel"):
        if not state.settings.readonly:
            with st.expander(f"Bump the sync round of every version ({len(ready)})", expanded=False):
                _bump_all(state, plans, ready, key)
        _summary(model, by_name)


def _bump_all(state: ShellState, plans: list[tuple[RerunPlan, Dataset | None]], ready: list[Dataset], key: str) -> None:
    allowed = permission(state, "patch", "Dataset")
    reason = allowed.reason if not allowed.allowed else "" if ready else "No version's round can be bumped now."
    owned = any(owned_by_a_model(dataset) for dataset in ready)
    acknowledged = _acknowledged(ALL_CAVEAT if owned and not reason else "", key, reason)
    st.button(
        f"Bump the sync round of every version ({len(ready)}) (may be reverted)",
        key=f"{key}.button",
        icon=":material/exposure_plus_1:",
        disabled=bool(reason) or not acknowledged,
        help=reason or "Each version's Dataset gets its own spec.dataSyncRound + 1.",
        on_click=send_reruns,
        args=(state, ready),
    )
    if reason:
        st.caption(reason)
    blocked = [f"**{plan.version}**: {plan.blocker}" for plan, _ in plans if not plan.allowed]
    if blocked:
        st.caption("Left out:  \n" + "  \n".join(blocked))


def _summary(model: Model, by_name: dict[str, Dataset]) -> None:
    """One line per version this session re-ran: its round and how it is doing."""
    now = dt.datetime.now(dt.UTC)
    lines = []
    for version in model.versions:
        name = model.dataset_name(version.name)
        slot = _slot(model.namespace, name)
        watch = _watches().get(slot)
        failure = _failures().get(slot)
        if watch is not None:
            progress = round_progress(by_name.get(name), watch.round, watch.job, now)
            lines.append(f"**{version.name}** · `{watch.job}` · {progress.text}")
        elif failure:
            lines.append(f"**{version.name}** · {failure}")
    if lines:
        st.markdown("  \n".join(lines))
