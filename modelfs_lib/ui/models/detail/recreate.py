"""Recreate Dataset: delete a version's Dataset so the Model controller creates it anew and the weights sync again.

The confirmation previews what goes (the Dataset, its PVC and the data), what comes back and how
big the new download is, names the Pods that mount the PVC (or says they could not be checked),
and asks for the Dataset's name. The delete carries the uid and resourceVersion of the Dataset as
the confirmation showed it (the reading drawn before the click), with propagationPolicy
Background. Afterwards the panel follows the Dataset until the controller has created it again.
Hidden in read-only mode.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from modelfs_lib.domain.recreate import (
    PROPAGATION,
    FollowStage,
    RecreatePlan,
    follow,
    pods_lines,
    pods_mounting,
    recreate_consequences,
    recreate_failure,
    recreate_plan,
)
from modelfs_lib.domain.times import relative_time
from modelfs_lib.errors import Forbidden, ModelfsError
from modelfs_lib.resources import Dataset, Model, PersistentVolumeClaim, Pod
from modelfs_lib.ui import data, writes
from modelfs_lib.ui import state as keys
from modelfs_lib.ui.access import Permission, permission
from modelfs_lib.ui.confirm import confirm_by_name, dialog
from modelfs_lib.ui.feedback import error_text
from modelfs_lib.ui.settings import load_settings
from modelfs_lib.ui.shell import ShellState

CONFIRM_KEY = keys.RECREATE_CONFIRM
"""The ``"<ns>/<model>/<version>"`` whose "Recreate Dataset" confirmation is open."""
SHOWN_KEY = keys.RECREATE_SHOWN
"""``{slot: (uid, resourceVersion)}``: the Dataset as the confirmation last showed it."""
FOLLOW_KEY = keys.RECREATE_FOLLOW
"""``{slot: (dataset, old uid, sent at)}``: a Dataset this session deleted, followed until it is back."""
FAILURE_KEY = keys.RECREATE_FAILURE
"""``{slot: sentence}``: why the last recreate of a version was refused."""
LABEL = "Recreate Dataset…"


@st.cache_data(ttl=load_settings().cache_ttl, show_spinner=False, max_entries=64)
def _pods(key: data.ConnectionKey, namespace: str) -> list[Pod]:
    return data.connection(key).client.list_pods(namespace=namespace)


def pods_in(state: ShellState, namespace: str) -> tuple[list[Pod] | None, str]:
    """The namespace's Pods (names, phase, node, claims), or None and why they could not be listed."""
    try:
        return _pods(state.key, namespace), ""
    except Forbidden as e:
        return None, f"this console may not list pods in {namespace} ({e.summary})"
    except ModelfsError as e:
        return None, error_text(e)[0]


def _slot(model: Model, version_name: str) -> str:
    return f"{model.namespace}/{model.name}/{version_name}"


def _session(name: str) -> dict[str, object]:
    return st.session_state.setdefault(name, {})  # type: ignore[no-any-return]


def _open(slot: str) -> None:
    st.session_state[CONFIRM_KEY] = slot
    _session(FAILURE_KEY).pop(slot, None)
    _session(SHOWN_KEY).pop(slot, None)


def _close() -> None:
    st.session_state.pop(CONFIRM_KEY, None)


def _dismiss(slot: str) -> None:
    _session(FOLLOW_KEY).pop(slot, None)
    _session(FAILURE_KEY).pop(slot, None)


def delete_dataset(state: ShellState, name: str, uid: str, resource_version: str, slot: str) -> bool:
    """Delete Dataset ``name`` only if it is still ``uid`` at ``resource_version``, in the background."""
    try:
        writes.delete(
            state,
            Dataset,
            name=name,
            uid=uid,
            resource_version=resource_version,
            propagation_policy=PROPAGATION,
            action=f"deleted Dataset {name} so the Model controller recreates it",
        )
    except ModelfsError as e:
        _session(FAILURE_KEY)[slot] = recreate_failure(e, name)
        return False
    data.invalidate(state.key, PersistentVolumeClaim, state.namespace)
    _session(FAILURE_KEY).pop(slot, None)
    _session(FOLLOW_KEY)[slot] = (name, uid, dt.datetime.now(dt.UTC))
    return True


def _follow(slot: str, dataset: Dataset | None, key: str) -> None:
    failure = _session(FAILURE_KEY).get(slot)
    if isinstance(failure, str):
        st.error(failure, icon=":material/block:")
    entry = _session(FOLLOW_KEY).get(slot)
    if not isinstance(entry, tuple):
        return
    name, old_uid, sent_at = entry
    stage, text = follow(name, old_uid, dataset)
    head = f"Dataset `{name}` (uid `{old_uid}`) deleted {relative_time(sent_at, dt.datetime.now(dt.UTC))}.  \n"
    if stage is FollowStage.RECREATED:
        st.success(head + text, icon=":material/check_circle:")
        st.button("Dismiss", key=f"{key}.dismiss", on_click=_dismiss, args=(slot,))
    else:
        st.info(head + text + " This panel follows the new Dataset.", icon=":material/autorenew:")


def _confirm(state: ShellState, plan: RecreatePlan, may: Permission, slot: str, key: str) -> None:
    namespace = state.namespace or ""
    pods, why = pods_in(state, namespace) if plan.pvc else ([], "")
    mounting = pods_mounting(pods, plan.pvc) if pods is not None else None
    lines = recreate_consequences(plan) + pods_lines(plan, mounting, why)

    def body() -> None:
        shown = _session(SHOWN_KEY)
        before = shown.get(slot)
        st.markdown(
            f"**Recreate Dataset `{plan.dataset}`**: the retry of a sync the controllers honour. "
            "Bumping the round is reverted by the Model controller; a new Dataset downloads everything again."
        )
        clicked = confirm_by_name(
            kind="Dataset",
            name=plan.dataset,
            consequences=lines,
            key=f"{key}.confirm",
            disabled_reason="" if may.allowed else may.reason,
        )
        if st.button("Cancel", key=f"{key}.confirm.cancel", icon=":material/close:"):
            _close()
            st.rerun()
        shown[slot] = (plan.uid, plan.resource_version)
        if clicked:
            uid, resource_version = before if isinstance(before, tuple) else (plan.uid, plan.resource_version)
            delete_dataset(state, plan.dataset, uid, resource_version, slot)
            _close()
            st.rerun()

    dialog(f"Recreate Dataset {plan.dataset}", body, on_dismiss=_close)


def render(state: ShellState, model: Model, version_name: str) -> None:
    """The version's "Recreate Dataset" action, its confirmation and what happened after it (not in read-only)."""
    if state.settings.readonly:
        return
    key = f"recreate.{model.name}.{version_name}"
    slot = _slot(model, version_name)
    namespace = model.namespace or state.namespace
    datasets = data.load(state.key, Dataset, namespace)
    if datasets.error is not None:
        return  # the panel already says the Datasets could not be listed
    name = model.dataset_name(version_name)
    dataset = datasets.named(name)
    with st.container(key=f"{key}.panel"):
        _follow(slot, dataset, key)
        version = model.version(version_name)
        if dataset is None or version is None or version.is_absent:
            return
        claims = data.load(state.key, PersistentVolumeClaim, namespace)
        claim = next((p for p in claims.items if p.name == dataset.pvc_name), None) if claims.ok else None
        plan = recreate_plan(model, version_name, dataset, claim)
        may = permission(state, "delete", "Dataset")
        reason = plan.blocker or ("" if may.allowed else may.reason)
        st.button(
            LABEL,
            key=f"{key}.open",
            icon=":material/autorenew:",
            disabled=bool(reason),
            help=reason
            or "Deletes the Dataset and its PVC; the Model controller creates it again and the weights are "
            "downloaded again in full.",
            on_click=_open,
            args=(slot,),
        )
        if reason:
            st.caption(reason)
        elif st.session_state.get(CONFIRM_KEY) == slot:
            _confirm(state, plan, may, slot, key)
