"""The create/edit wizard for Models: basics, version cards, review; and the "Edit YAML" flow.

Modes (from the URL's ``action``): ``create``; ``edit`` (filled from the live object);
``add-version`` (the same, opened at step 2 with a new card); ``edit-yaml`` (the spec in the YAML
editor). Every check runs before anything is sent; only the review step talks to the API server
(dry-run, then server-side apply as ``modelfs-ui``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import streamlit as st

from modelfs_lib.domain.field_error import FieldError, blocking
from modelfs_lib.domain.model_form import Built, ModelInput, build_model, source_type_of
from modelfs_lib.resources import Dataset, Model, ModelSource, Namespace
from modelfs_lib.ui import data
from modelfs_lib.ui import state as keys
from modelfs_lib.ui.feedback import show_error
from modelfs_lib.ui.form_fields import FieldSlots, render_finding
from modelfs_lib.ui.models.live import LiveRead, read_model
from modelfs_lib.ui.models.wizard import basics as wizard_basics
from modelfs_lib.ui.models.wizard import review as wizard_review
from modelfs_lib.ui.models.wizard import yaml_edit
from modelfs_lib.ui.models.wizard.state import (
    ADD_VERSION,
    BASICS,
    CREATE,
    EDIT,
    EDIT_YAML,
    REVIEW,
    VERSIONS,
    WizardSession,
    discard,
    existing_session,
    keep,
    new_session,
    remember_draft,
)
from modelfs_lib.ui.models.wizard.touched import touched_findings
from modelfs_lib.ui.models.wizard.version_card import render_card
from modelfs_lib.ui.navigation import go
from modelfs_lib.ui.shell import ShellState

_TITLES = {
    CREATE: "Create Model",
    EDIT: "Edit {name}",
    ADD_VERSION: "Add a version to {name}",
    EDIT_YAML: "Edit {name} as YAML",
}
_STEPS = {BASICS: "Basics", VERSIONS: "Versions", REVIEW: "Review"}


def _steps(session: WizardSession) -> None:
    names = {BASICS: "Spec", REVIEW: "Review"} if session.mode == EDIT_YAML else _STEPS
    parts = []
    for number, (step, label) in enumerate(names.items(), start=1):
        if step == session.step:
            parts.append(f"**:blue[{number} · {label}]**")
        elif step < session.step:
            parts.append(f":material/check: {number} · {label}")
        else:
            parts.append(f":gray[{number} · {label}]")
    st.markdown("  →  ".join(parts))


def _start(state: ShellState, mode: str, name: str | None) -> WizardSession | None:
    """The session to resume, or a new one (reading the live object when editing); None when it cannot start."""
    namespace = state.namespace or ""
    session = existing_session(namespace, name, mode)
    if session is not None:
        return session
    live_raw = None
    if mode != CREATE and name:
        read = read_model(state, name)
        if read.error is not None:
            show_error(read.error, action=f"Reading Model {name}")
            return None
        if read.raw is None:
            st.error(f"There is no Model **{name}** in {namespace}.", icon=":material/search_off:")
            st.button(
                "Back to the Models", key=keys.key(keys.MODEL_WIZARD, namespace, name, "missing.back"), on_click=go
            )
            return None
        live_raw = read.raw
    session = new_session(namespace, name, mode, live_raw)
    if mode != EDIT_YAML and session.live is not None and session.live.invalid:
        st.error(f"Model **{name}** could not be read as a Model ({session.live.invalid}), so the form cannot show it.")
        st.button(
            "Edit its YAML instead",
            key=keys.key(keys.MODEL_WIZARD, namespace, name, "invalid.yaml"),
            on_click=go,
            kwargs={"model": name, "action": EDIT_YAML},
        )
        return None
    return session


def _taken_names(state: ShellState, session: WizardSession) -> list[str]:
    if session.editing:
        return []
    return [m.name for m in data.load(state.key, Model, state.namespace).items]


def _namespaces(state: ShellState) -> list[Namespace] | None:
    loaded = data.load(state.key, Namespace, None)
    return None if loaded.error is not None else loaded.items


def dataset_names(state: ShellState) -> set[str] | None:
    """The names of the namespace's Datasets (None when they cannot be listed: the Models' status decides)."""
    loaded = data.load(state.key, Dataset, state.namespace)
    return None if loaded.error is not None else {d.name for d in loaded.items}


def _versions_step(
    state: ShellState,
    session: WizardSession,
    slots: FieldSlots,
    sources: Sequence[ModelSource] | None,
    datasets: set[str] | None,
) -> ModelInput:
    """Every version card and the Add button; the form with what is typed now."""
    source_type = source_type_of(session.form.source_ref, sources)
    namespaces = _namespaces(state)
    cards = []
    for index, (card_id, card) in enumerate(zip(list(session.card_ids), session.form.versions, strict=True)):
        cards.append(
            render_card(
                session,
                slots,
                index,
                card_id,
                card,
                source_type=source_type,
                namespaces=namespaces,
                sources=sources,
                datasets=datasets,
            )
        )
    with slots.field("versions", session.key("add")):
        st.button("Add version", key=session.key("add"), icon=":material/add:", on_click=session.add_card)
    return replace(session.form, versions=tuple(cards))


def _step_findings(built: Built, step: int) -> list[FieldError]:
    on_versions = [f for f in built.findings if f.field.startswith("versions")]
    return on_versions if step == VERSIONS else [f for f in built.findings if f not in on_versions]


def _navigation(session: WizardSession, built: Built) -> None:
    """Back / Next / Cancel. Next records the attempt; it moves on only when the step has no blocking finding."""
    with st.container(horizontal=True, key=session.key("nav")):
        back = session.step > BASICS and st.button("Back", key=session.key("back"), icon=":material/arrow_back:")
        forward = False
        if session.step < REVIEW:
            label = "Next: versions" if session.step == BASICS else "Next: review"
            forward = st.button(label, key=session.key("next"), type="primary", icon=":material/arrow_forward:")
        cancel = st.button("Cancel", key=session.key("cancel"), help="Discard this wizard and its draft.")
    if back:
        session.step -= 1
        st.rerun()
    if forward:
        session.attempted.add(session.step)
        errors = blocking(_step_findings(built, session.step))
        if not errors and (session.step == BASICS or built.manifest is not None):
            session.step += 1
            st.rerun()
    if cancel:
        discard(session)
        if session.editing:
            go(model=session.name)
        go()


def _form_flow(state: ShellState, session: WizardSession, sources: Sequence[ModelSource] | None) -> None:
    slots = FieldSlots()
    general = st.empty()
    datasets = dataset_names(state) if session.editing else None
    if session.step == BASICS:
        session.form = wizard_basics.render(state, session, slots, sources)
    elif session.step == VERSIONS:
        session.form = _versions_step(state, session, slots, sources, datasets)
    read = wizard_review.current_live(state, session, session.form.name) if session.step == REVIEW else None
    built = build_model(
        session.form,
        namespace=session.namespace,
        sources=sources,
        live=session.live,
        taken_names=_taken_names(state, session),
        datasets=datasets,
    )
    remember_draft(session, built.manifest)
    if session.step == REVIEW:
        if read is not None and read.raw is not None and not session.editing:
            data.invalidate(state.key, Model, state.namespace)  # the cached list does not know it yet
            wizard_review.render_taken(session, session.form.name, read.raw)
            return
        if built.manifest is None:
            st.error("The form has problems again (did a ModelSource change?). Go back and correct them.")
            session.step = VERSIONS if blocking(_step_findings(built, VERSIONS)) else BASICS
            st.button("Back to the form", key=session.key("reopen"))
            return
        advice = [f for f in built.findings if not f.blocking]
        wizard_review.render(state, session, built.manifest, advice, read or LiveRead())
        _navigation(session, built)
        return
    _navigation(session, built)
    attempted = session.step in session.attempted
    findings = _step_findings(built, session.step)
    if not attempted:
        findings = touched_findings(findings, session.form.versions)
    leftover = slots.show(findings, include_empty=attempted)
    if session.step == VERSIONS and blocking(_step_findings(built, BASICS)) and VERSIONS in session.attempted:
        leftover.append(FieldError("name", "step 1 (Basics) has problems: go back and correct them"))
    with general.container():
        for finding in leftover:
            render_finding(finding)


def render(state: ShellState, *, mode: str, name: str | None) -> None:
    """The wizard in ``mode`` (create, edit, add-version, edit-yaml) for Model ``name`` (None when creating)."""
    st.title(_TITLES.get(mode, "Model").format(name=name))
    if mode not in _TITLES or (mode != CREATE and not name):
        st.error(f"Unknown wizard action {mode!r}.")
        return
    if name and wizard_review.render_leftovers(state, name):
        return
    session = _start(state, mode, name)
    if session is None:
        return
    keep(session)
    st.caption(f"Namespace **{session.namespace}**")
    _steps(session)
    sources = wizard_basics.load_sources(state)
    if mode == EDIT_YAML:
        yaml_edit.render(state, session, sources, dataset_names(state))
        return
    _form_flow(state, session, sources)
