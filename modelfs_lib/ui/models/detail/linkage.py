"""A version's Dataset and PVC side by side: what they hold, who owns them, and kubectl to look further.

Option values are never read from the Dataset (the typed Dataset keeps key names only). A key is
shown hidden when the ModelSource's Secret has it, or when the ModelSource's config does not
explain it; the other keys show the config's value. The Secret is read for its key names alone.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from modelfs_lib.domain.kubectl import dataset_commands, pvc_commands
from modelfs_lib.domain.linkage import (
    dataset_missing_text,
    option_keys,
    owner_text,
    pvc_missing_text,
    pvc_name_of,
    pvc_note,
)
from modelfs_lib.domain.times import exact_time
from modelfs_lib.errors import ModelfsError, NotFound
from modelfs_lib.resources import Dataset, Model, ModelSource, PersistentVolumeClaim, Secret
from modelfs_lib.ui import data
from modelfs_lib.ui.feedback import error_text
from modelfs_lib.ui.models.phases import dataset_phase_markdown
from modelfs_lib.ui.settings import load_settings
from modelfs_lib.ui.shell import ShellState

HIDDEN = "•••••• (hidden)"


@st.cache_data(ttl=load_settings().cache_ttl, show_spinner=False, max_entries=256)
def _secret_keys(key: data.ConnectionKey, namespace: str, name: str) -> tuple[str, ...]:
    return data.connection(key).client.get(Secret, namespace=namespace, name=name).key_names


def secret_key_names(state: ShellState, namespace: str, name: str) -> tuple[tuple[str, ...] | None, str]:
    """The key names of Secret ``name`` (never a value), or None and why they could not be read."""
    try:
        return _secret_keys(state.key, namespace, name), ""
    except NotFound:
        return None, f"Secret {name} does not exist."
    except ModelfsError as e:
        return None, f"Secret {name} could not be read: {error_text(e)[0]}"


def _source(state: ShellState, model: Model) -> tuple[ModelSource | None, str]:
    sources = data.load(state.key, ModelSource, model.namespace or state.namespace)
    if sources.error is not None:
        return None, f"ModelSource {model.source_ref} could not be read: {error_text(sources.error)[0]}"
    source = next((s for s in sources.items if s.name == model.source_ref), None)
    return source, "" if source is not None else f"ModelSource {model.source_ref} does not exist."


def _options(state: ShellState, model: Model, dataset: Dataset, key: str) -> None:
    if not dataset.option_keys:
        st.caption("No source options.")
        return
    source, source_problem = _source(state, model)
    secret_names = [n for n in dict.fromkeys([source.secret_ref if source else "", dataset.secret_ref]) if n]
    keys: set[str] = set()
    problems = [source_problem] if source_problem else []
    known = True
    for name in secret_names:
        names, problem = secret_key_names(state, dataset.namespace, name)
        if names is None:
            known = False
            problems.append(problem)
        else:
            keys.update(names)
    rows = option_keys(
        dataset,
        secret_keys=keys if known else None,
        config=source.config if source is not None else None,
        secret_name=", ".join(secret_names),
    )
    frame = pd.DataFrame(
        [{"Option": r.name, "Value": HIDDEN if r.hidden else (r.value or ""), "From": r.note} for r in rows]
    )
    st.dataframe(frame, hide_index=True, key=f"{key}.options")
    hidden = sum(1 for r in rows if r.hidden)
    if hidden:
        st.caption(
            f"{hidden} value(s) hidden: the Dataset holds its Secret's values in plain text, and this console never "
            "shows them."
        )
    for problem in problems:
        st.caption(problem)


def _commands(commands: list[str]) -> None:
    for command in commands:
        st.code(command, language="bash", wrap_lines=True)


def _dataset(state: ShellState, model: Model, version_name: str, dataset: Dataset | None, key: str) -> None:
    name = model.dataset_name(version_name)
    st.markdown(f"**Dataset** `{name}`")
    if dataset is None:
        version = model.version(version_name)
        show = st.info if version is not None and version.is_absent else st.warning
        show(dataset_missing_text(model, version_name), icon=":material/dataset:")
        return
    if dataset.invalid:
        st.error(f"Dataset {name} could not be read: {dataset.invalid}")
        return
    last = dataset.last_succeed_round
    lines = [
        f"Source: **{dataset.source_type}** · `{dataset.source_uri or '—'}`",
        f"Phase: {dataset_phase_markdown(dataset)}"
        + (f" · round {dataset.in_processing_round} in processing" if dataset.in_processing else ""),
        f"Rounds: spec.dataSyncRound **{dataset.data_sync_round}** · status.lastSucceedRound "
        f"**{last if last is not None else '—'}**",
        f"Last sync: {exact_time(dataset.last_sync_time)}",
        f"Owner: {owner_text(dataset, model)}",
    ]
    if dataset.meta.deletion_timestamp is not None:
        lines.append(f"Being deleted since {exact_time(dataset.meta.deletion_timestamp)}.")
    st.markdown("  \n".join(lines))
    _options(state, model, dataset, key)
    _commands(dataset_commands(dataset))


def _pvc(state: ShellState, model: Model, version_name: str, dataset: Dataset | None) -> None:
    name = pvc_name_of(model, version_name, dataset)
    st.markdown(f"**PVC** `{name}`" if name else "**PVC**")
    if dataset is None and not name:
        st.caption(pvc_missing_text(None, ""))
        return
    pvcs = data.load(state.key, PersistentVolumeClaim, model.namespace or state.namespace)
    if pvcs.error is not None:
        st.warning(f"PVCs could not be listed: {error_text(pvcs.error)[0]}", icon=":material/storage:")
        return
    pvc = next((p for p in pvcs.items if p.name == name), None) if name else None
    if pvc is None:
        st.warning(pvc_missing_text(dataset, name), icon=":material/storage:")
        return
    st.markdown(
        "  \n".join(
            [
                f"Requested: **{pvc.storage_request or '—'}** · actual capacity: **{pvc.capacity or '—'}**",
                f"Storage class: `{pvc.storage_class_name or 'the cluster default'}`",
                f"Access modes: {', '.join(pvc.access_modes) or '—'}",
                f"Phase: **{pvc.phase or '—'}** · volume: `{pvc.volume_name or '—'}`",
            ]
        )
    )
    note = pvc_note(pvc)
    if note:
        st.warning(note, icon=":material/storage:")
    _commands(pvc_commands(pvc.namespace or model.namespace, pvc.name))


def render(state: ShellState, model: Model, version_name: str) -> None:
    """The version's Dataset (left) and PVC (right)."""
    key = f"linkage.{model.name}.{version_name}"
    datasets = data.load(state.key, Dataset, model.namespace or state.namespace)
    with st.container(key=f"{key}.panel"):
        if datasets.error is not None:
            st.warning(f"Datasets could not be listed: {error_text(datasets.error)[0]}", icon=":material/dataset:")
            return
        dataset = datasets.named(model.dataset_name(version_name))
        left, right = st.columns(2)
        with left:
            _dataset(state, model, version_name, dataset, key)
        with right:
            _pvc(state, model, version_name, dataset)
