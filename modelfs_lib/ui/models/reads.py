"""Reads the Models views make beyond :func:`modelfs_lib.ui.data.load`, cached the same way.

- the events of one object (a field selector on ``involvedObject``),
- one live object as the API server sent it, for the YAML tab (cached per resourceVersion),
- a Model's REFERENCE Datasets and sharing audit (:func:`reference_audit`), once per page run, for
  the detail header, the Sharing tab, the delete confirmation and the findings.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

import streamlit as st

from modelfs_lib.client import current_page_run
from modelfs_lib.domain.reference_audit import ReferenceAudit, audit_references, namespaces_to_read
from modelfs_lib.errors import ClusterError, ModelfsError
from modelfs_lib.resources import Dataset, Event, Model, Namespace, Resource
from modelfs_lib.ui import data
from modelfs_lib.ui.feedback import error_text
from modelfs_lib.ui.settings import load_settings
from modelfs_lib.ui.shell import ShellState


@st.cache_data(ttl=load_settings().cache_ttl, show_spinner=False, max_entries=256)
def _events(key: data.ConnectionKey, namespace: str, kind: str, name: str) -> list[Event]:
    return data.connection(key).client.events_for(namespace=namespace, kind=kind, name=name)


def events_for(state: ShellState, *, kind: str, name: str) -> data.Loaded[Event]:
    """The events of the ``kind`` named ``name`` in the chosen namespace, newest first."""
    try:
        items = _events(state.key, state.namespace or "", kind, name)
    except (ClusterError, ModelfsError) as e:
        return data.Loaded(error=e)
    oldest = sorted(items, key=lambda e: e.last_timestamp.timestamp() if e.last_timestamp else 0.0)
    return data.Loaded(items=list(reversed(oldest)))


@st.cache_data(ttl=300, show_spinner=False, max_entries=64)
def _live(key: data.ConnectionKey, kind: str, namespace: str, name: str, resource_version: str) -> dict[str, Any]:
    del resource_version  # only part of the cache key: a new version is read anew
    return data.connection(key).client.get_raw(data.KINDS[kind], namespace=namespace, name=name)


def live_object(state: ShellState, obj: Resource) -> tuple[dict[str, Any] | None, ModelfsError | None]:
    """``obj`` as the API server has it now (read once per resourceVersion), or the error."""
    try:
        raw = _live(
            state.key, obj.KIND.kind, obj.namespace or state.namespace or "", obj.name, obj.meta.resource_version
        )
    except (ClusterError, ModelfsError) as e:
        return None, e
    return raw, None


_AUDITS = "models.reference_audits"
"""Session key of this page run's reference audits: ``(run, {(namespace, Model, what was read): audit})``."""


def reference_audit(state: ShellState, model: Model, siblings: Iterable[str] | None = None) -> ReferenceAudit:
    """``model``'s REFERENCE Datasets and sharing audit, worked out once per page run from the shared lists.

    ``siblings``: the names of the Models in its namespace, when the caller has read them already.

    The Datasets of other namespaces come from one cluster-wide list or, when that is refused, one
    list per other namespace (:mod:`modelfs_lib.domain.reference_audit`).
    """
    namespaces = data.load(state.key, Namespace, None)
    everywhere = data.load(state.key, Dataset, None)
    run = current_page_run()
    memo_run, memo = st.session_state.get(_AUDITS, (0, {}))
    if run and memo_run != run:
        memo = {}
        st.session_state[_AUDITS] = (run, memo)
    seen = (namespaces.version, namespaces.ok, everywhere.version, everywhere.ok)
    slot = (model.namespace, model.name, model.meta.resource_version, seen)
    if run and slot in memo:
        return cast(ReferenceAudit, memo[slot])
    audit = _audit(state, model, siblings, namespaces, everywhere)
    if run:
        memo[slot] = audit
    return audit


def _audit(
    state: ShellState,
    model: Model,
    siblings: Iterable[str] | None,
    namespaces: data.Loaded[Namespace],
    everywhere: data.Loaded[Dataset],
) -> ReferenceAudit:
    if siblings is None:
        siblings = [m.name for m in data.load(state.key, Model, model.namespace or state.namespace).items]
    known = namespaces.items if namespaces.ok else None
    datasets: dict[str, list[Dataset]] | None = None
    unreadable: dict[str, str] = {}
    if everywhere.ok:
        datasets = {}
        for dataset in everywhere.items:
            datasets.setdefault(dataset.namespace, []).append(dataset)
    elif known is not None:
        datasets = {}
        for name in namespaces_to_read(model, known, everywhere_refused=True):
            loaded = data.load(state.key, Dataset, name)
            if loaded.error is not None:
                unreadable[name] = error_text(loaded.error)[0]
            else:
                datasets[name] = loaded.items
    return audit_references(
        model,
        siblings=list(siblings),
        namespaces=known,
        datasets=datasets,
        everywhere_refused=not everywhere.ok,
        namespaces_error=error_text(namespaces.error)[0] if namespaces.error is not None else "",
        datasets_error=error_text(everywhere.error)[0] if everywhere.error is not None else "",
        unreadable=unreadable,
    )
