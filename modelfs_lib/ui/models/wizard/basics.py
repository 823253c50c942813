"""Step 1 of the Model wizard: name, ModelSource, description, tags, logo URL."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import streamlit as st

from modelfs_lib.domain.model_form import ModelInput
from modelfs_lib.domain.status import Readiness, credentials_state
from modelfs_lib.resources import Model, ModelSource
from modelfs_lib.ui import data
from modelfs_lib.ui.feedback import show_error
from modelfs_lib.ui.form_fields import FieldSlots, seed
from modelfs_lib.ui.models.wizard.state import WizardSession
from modelfs_lib.ui.shell import ShellState

_CREDENTIALS = {
    Readiness.READY: "credentials ready",
    Readiness.NOT_READY: "credentials NOT ready",
    Readiness.UNKNOWN: "credentials not checked yet",
}


def source_label(source: ModelSource | None, name: str) -> str:
    """``huggingface · HUGGING_FACE · credentials ready``, or why the source cannot be used."""
    if source is None:
        return f"{name} · not found in this namespace"
    if source.invalid:
        return f"{name} · could not be read"
    return f"{name} · {source.source_type} · {_CREDENTIALS[credentials_state(source).state]}"


def load_sources(state: ShellState) -> list[ModelSource] | None:
    """The namespace's ModelSources (None when they cannot be listed: the error is shown)."""
    loaded = data.load(state.key, ModelSource, state.namespace)
    if loaded.error is not None:
        show_error(loaded.error, action=f"Listing ModelSources in {state.namespace}")
        return None
    return sorted(loaded.items, key=lambda s: s.name)


def _source_input(session: WizardSession, slots: FieldSlots, sources: Sequence[ModelSource] | None) -> str:
    key = session.key("source")
    current = session.form.source_ref
    with slots.field("sourceRef", key):
        if sources is None:
            seed(key, current)
            typed: str = st.text_input(
                "ModelSource", key=key, help="The ModelSources could not be listed; type the name of one."
            )
            return typed.strip()
        by_name = {s.name: s for s in sources}
        options = list(by_name) + ([current] if current and current not in by_name else [])
        if not options:
            st.info(
                f"There is no ModelSource in {session.namespace} yet. Create one on the ModelSources page first.",
                icon=":material/cloud_off:",
            )
        seed(key, current or None)
        chosen: str | None = st.selectbox(
            "ModelSource",
            options,
            key=key,
            index=None,
            placeholder="Choose where the weights come from",
            format_func=lambda name: source_label(by_name.get(name), name),
            help="A ModelSource in this namespace. Its type decides how each version's repo is written.",
        )
        source = by_name.get(chosen or "")
        if source is not None and not source.invalid:
            secret = f" · Secret `{source.secret_ref}`" if source.secret_ref else " · no Secret"
            st.caption(f"Type **{source.source_type}**{secret} · {_CREDENTIALS[credentials_state(source).state]}")
        return chosen or ""


def _known_tags(state: ShellState, current: Sequence[str]) -> list[str]:
    loaded = data.load(state.key, Model, state.namespace)
    tags = {tag for model in loaded.items for tag in model.display.tags}
    return sorted(tags | set(current))


def render(
    state: ShellState, session: WizardSession, slots: FieldSlots, sources: Sequence[ModelSource] | None
) -> ModelInput:
    """Draw step 1; the form with what is typed there now."""
    form = session.form
    left, right = st.columns(2, gap="large")
    with left:
        with slots.field("name", session.key("name")):
            seed(session.key("name"), form.name)
            name = st.text_input(
                "Name",
                key=session.key("name"),
                disabled=session.editing,
                placeholder="e.g. qwen2-5-7b-instruct",
                help=(
                    "Lower-case letters, digits, '-' and '.'. It names the Datasets (mdl-<model>-<version>) "
                    "and cannot change later."
                ),
            ).strip()
        source_ref = _source_input(session, slots, sources)
    with right:
        with slots.field("description", session.key("description")):
            seed(session.key("description"), form.description)
            description = st.text_area("Description", key=session.key("description"), height=100)
        with slots.field("tags", session.key("tags")):
            seed(session.key("tags"), list(form.tags))
            tags = st.multiselect(
                "Tags",
                _known_tags(state, form.tags),
                key=session.key("tags"),
                accept_new_options=True,
                placeholder="Choose or type tags",
                help="Catalogue tags; the Models list filters by them.",
            )
        with slots.field("logoURL", session.key("logo")):
            seed(session.key("logo"), form.logo_url)
            logo_url = st.text_input("Logo URL", key=session.key("logo"), placeholder="https://example.com/logo.png")
    return replace(
        form,
        name=session.name or name,
        source_ref=source_ref,
        description=description,
        tags=tuple(tags),
        logo_url=logo_url.strip(),
    )
