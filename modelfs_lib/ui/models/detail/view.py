"""One Model's detail (``?ns=&model=``): header, actions, the versions with their panels, the YAML tab."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from modelfs_lib.domain.diagnosis import FindingKind, diagnose
from modelfs_lib.resources import Dataset, Model
from modelfs_lib.ui import data
from modelfs_lib.ui import state as keys
from modelfs_lib.ui.access import permission
from modelfs_lib.ui.controller_status import render_controller_status
from modelfs_lib.ui.feedback import reading, show_error
from modelfs_lib.ui.models import delete
from modelfs_lib.ui.models.detail import rerun, share_audit
from modelfs_lib.ui.models.detail.header import render_header
from modelfs_lib.ui.models.detail.metadata_view import render_events, render_metadata
from modelfs_lib.ui.models.detail.versions_view import render_versions
from modelfs_lib.ui.models.detail.yaml_view import render_yaml
from modelfs_lib.ui.models.diagnosis import model_evidence, render_findings
from modelfs_lib.ui.models.reads import events_for, reference_audit
from modelfs_lib.ui.navigation import go
from modelfs_lib.ui.shell import ShellState

CONTROLLER_FINDINGS = frozenset({FindingKind.RECONCILE_ERROR, FindingKind.STALLED_RECONCILE, FindingKind.NOT_PICKED_UP})
"""Findings whose next step is the controller's log: its status and the logs command follow them."""


TABS = ("Versions", "YAML", "Sharing")
"""The tabs of a readable Model's detail. Only the open one is built: a switch reruns the detail."""


def tab_key(namespace: str, name: str) -> str:
    """The session key holding which tab of Model ``name``'s detail is open."""
    return keys.key(keys.MODEL_DETAIL_TAB, namespace, name)


FORM_ACTIONS = (("Edit", "edit", ":material/edit:"), ("Add version", "add-version", ":material/add:"))
"""The actions that open the form: offered only for a Model the console can read."""


def render(state: ShellState, name: str) -> None:
    """The detail of Model ``name``, refreshed on the shell's timer."""
    if st.button("All Models", key="models.detail.back", icon=":material/arrow_back:", type="tertiary"):
        go(model=None)

    @st.fragment(run_every=state.run_every)
    def live() -> None:
        with reading():
            _live(state, name)

    live()


def _live(state: ShellState, name: str) -> None:
    now = dt.datetime.now(dt.UTC)
    loaded = data.load(state.key, Model, state.namespace)
    if loaded.error is not None:
        show_error(loaded.error, action=f"Reading Model {name} in {state.namespace}")
        return
    model = next((m for m in loaded.items if m.name == name), None)
    if model is None:
        st.title(name)
        st.warning(f"There is no Model **{name}** in {state.namespace}.", icon=":material/search_off:")
        return
    siblings = [m.name for m in loaded.items]
    datasets = data.load(state.key, Dataset, state.namespace)
    render_header(state, model, siblings, now, {d.name: d for d in datasets.items})
    if datasets.error is not None:  # said above the tabs: the header, the findings and every tab read them
        show_error(datasets.error, action=f"Listing Datasets in {state.namespace}")
    _actions(state, model, siblings)
    if model.invalid:
        _unreadable(state, model)
        return
    render_metadata(model)
    events = events_for(state, kind="Model", name=model.name)
    refs = reference_audit(state, model, siblings)
    evidence = model_evidence(
        state, model, siblings, now, events=events.items if events.ok else None, references=refs.references
    )
    findings = diagnose(evidence)
    render_findings(findings)
    if any(f.kind in CONTROLLER_FINDINGS for f in findings):
        with st.container(key="models.detail.controller"):
            render_controller_status(state.key, state.settings.controller, detailed=True, grep=model.name)
    render_events(model, events.items if events.ok else None, events.error, now)
    versions, spec, sharing = st.tabs(list(TABS), key=tab_key(model.namespace, model.name), on_change="rerun")
    if versions.open:
        with versions:
            rerun.render_all(state, model)
            render_versions(state, model, now)
    if spec.open:
        with spec:
            render_yaml(state, model)
    if sharing.open:
        with sharing:
            share_audit.render(state, model, events.items)


def _unreadable(state: ShellState, model: Model) -> None:
    """A Model that does not match the CRD: its stored YAML; versions, findings and sharing need a readable spec."""
    st.info(
        "Its versions, findings and sharing are not shown: they need a spec and status the console can read.",
        icon=":material/info:",
    )
    (spec,) = st.tabs(["YAML"], key="models.detail.tabs")
    with spec:
        render_yaml(state, model)


def _actions(state: ShellState, model: Model, siblings: list[str]) -> None:
    """Edit, Add version, Edit YAML and Delete: disabled with the reason when not permitted, hidden when read-only."""
    if state.settings.readonly:
        return
    may_patch = permission(state, "patch", "Model")
    may_delete = permission(state, "delete", "Model")
    forms = FORM_ACTIONS if not model.invalid else ()
    with st.container(horizontal=True, key="models.detail.actions"):
        for label, action, icon in (*forms, ("Edit YAML", "edit-yaml", ":material/code:")):
            if st.button(
                label,
                key=f"models.detail.{action}",
                icon=icon,
                disabled=not may_patch.allowed,
                help=may_patch.reason or None,
            ):
                go(model=model.name, action=action)
        st.button(
            "Delete",
            key="models.detail.delete",
            icon=":material/delete:",
            disabled=not may_delete.allowed,
            help=may_delete.reason or None,
            on_click=delete.open_confirmation,
            args=(model.namespace, model.name),
        )
    for reason in dict.fromkeys(p.reason for p in (may_patch, may_delete) if not p.allowed):
        st.caption(reason)
    if delete.deleting(model.namespace) == model.name:
        delete.confirmation(
            state, model, siblings=siblings, key="models.detail.delete_confirm", after=lambda: go(model=None)
        )
