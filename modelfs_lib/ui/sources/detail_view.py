"""One ModelSource: credentials and its Secret, config, the Models that use it, conditions, spec."""

from __future__ import annotations

import streamlit as st

from modelfs_lib.domain.diagnosis.source import credentials_path
from modelfs_lib.domain.manifest_text import spec_yaml
from modelfs_lib.domain.source_usage import (
    READINESS_LABELS,
    References,
    config_entries,
    delete_blocker,
    is_deleting,
    usage_text,
)
from modelfs_lib.domain.status import credentials_state
from modelfs_lib.domain.times import exact_time
from modelfs_lib.resources import ModelSource
from modelfs_lib.ui.access import permission
from modelfs_lib.ui.feedback import reading, show_error
from modelfs_lib.ui.navigation import param
from modelfs_lib.ui.shell import ShellState
from modelfs_lib.ui.sources import common, secret_panel, wizard, yaml_edit


def _actions(state: ShellState, source: ModelSource, refs: References) -> None:
    if state.settings.readonly:
        return
    edit, delete = permission(state, "patch", "ModelSource"), permission(state, "delete", "ModelSource")
    blocker = delete_blocker(source, refs)
    with st.container(horizontal=True):
        if st.button(
            "Edit",
            key="sources.detail.edit",
            icon=":material/edit:",
            disabled=not edit.allowed,
            help=edit.reason or None,
        ):
            wizard.reset()
            common.open_view(source.name, "edit")
        if st.button(
            "Edit YAML",
            key="sources.detail.edit-yaml",
            icon=":material/code:",
            disabled=not edit.allowed,
            help=edit.reason or None,
        ):
            yaml_edit.reset()
            common.open_view(source.name, yaml_edit.ACTION)
        if st.button(
            "Delete",
            key="sources.detail.delete",
            icon=":material/delete:",
            disabled=not delete.allowed,
            help=delete.reason or blocker or None,
        ):
            common.open_view(source.name, "delete")


def _summary(source: ModelSource, refs: References) -> None:
    label = READINESS_LABELS[credentials_state(source).state]
    secret = f"`{source.secret_ref}`" if source.secret_ref else "none (public source)"
    st.markdown(
        f"**Type** `{source.source_type or '?'}` · **Secret** {secret} · **Credentials** "
        f"{common.CREDENTIAL_BADGES[label]} · **Referenced models** {refs.count_text()} · "
        f"**State** {usage_text(source, refs)}"
    )


def _credentials_path(source: ModelSource) -> None:
    st.subheader("How credentials reach the loader", anchor=False)
    first, *rest = credentials_path(source)
    (st.warning if source.secret_ref else st.info)(first, icon=":material/key_off:")
    for sentence in rest:
        st.markdown(f"- {sentence}")


def _config(source: ModelSource) -> None:
    st.subheader("Config", anchor=False)
    entries = config_entries(source.source_type, source.config)
    if not entries:
        st.caption("No config: the loader's defaults apply.")
        return
    with st.container(key="sources.detail.config"):
        st.dataframe([{"Key": e.key, "Value": e.value, "Loader": e.note} for e in entries], hide_index=True)
    if any(e.hidden for e in entries):
        st.warning(
            "Values that look like credentials are hidden. config is stored in plain text and copied into every "
            "Dataset: move them into the Secret named by secretRef.",
            icon=":material/key:",
        )


def _references(state: ShellState, source: ModelSource, refs: References) -> None:
    st.subheader("Models that use it", anchor=False)
    if not refs.models:
        st.caption("No Model references this source.")
    for model in refs.models:
        common.model_link(state.namespace or source.namespace, model)
    for note in refs.mismatch_notes():
        st.warning(note, icon=":material/difference:")


def _conditions(source: ModelSource) -> None:
    st.subheader("Conditions", anchor=False)
    if not source.conditions:
        st.caption("The controller has not written any condition yet.")
        return
    st.container(key="sources.detail.conditions").dataframe(
        [
            {
                "Type": c.type,
                "Status": c.status,
                "Reason": c.reason,
                "Message": c.message,
                "Last transition": exact_time(c.last_transition_time),
            }
            for c in source.conditions
        ],
        hide_index=True,
    )


def _body(state: ShellState, name: str) -> None:
    loaded = common.sources(state)
    if loaded.error is not None:
        show_error(loaded.error, action=f"Reading ModelSource {name}")
        return
    source = common.find(loaded, name)
    if source is None:
        st.warning(f"There is no ModelSource {name} in {state.namespace}.", icon=":material/search_off:")
        return
    st.caption(f"ModelSource in namespace {state.namespace}")
    if source.invalid:
        st.error(f"This ModelSource could not be read: {source.invalid}", icon=":material/error:")
        return
    listed = common.models(state)
    if listed.error is not None:
        show_error(listed.error, action=f"Listing Models in {state.namespace}")
    refs = common.references_of(source, listed)
    if is_deleting(source):
        st.warning(
            f"Being deleted: {usage_text(source, refs)}. The controller's finalizer keeps the source while any "
            "Model references it.",
            icon=":material/hourglass_top:",
        )
    _actions(state, source, refs)
    _summary(source, refs)
    secret_panel.render(state, source)
    _credentials_path(source)
    _config(source)
    _references(state, source, refs)
    _conditions(source)
    with st.expander("Spec (YAML)", icon=":material/code:"):
        st.code(spec_yaml(source), language="yaml")


def render(state: ShellState, name: str) -> None:
    """The detail of ModelSource ``name``, refreshed on the shell's timer."""
    if st.button("All ModelSources", key="sources.detail.back", icon=":material/arrow_back:", type="tertiary"):
        common.open_view()
    st.title(name, anchor=False)
    common.show_flash()
    if param("action") == yaml_edit.ACTION and not state.settings.readonly:
        yaml_edit.render(state, name)
        return

    @st.fragment(run_every=state.run_every)
    def body() -> None:
        with reading():
            _body(state, name)

    body()
