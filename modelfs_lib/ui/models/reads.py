"""Reads the Models views make beyond :func:`modelfs_lib.ui.data.load`, cached the same way.

- the events of one object (a field selector on ``involvedObject``),
- one live object as the API server sent it, for the YAML tab (cached per resourceVersion),
- the Datasets of other namespaces, to find a Model's REFERENCE Datasets: one cluster-wide list,
  or, when that is refused, one list per namespace its shares select.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import streamlit as st

from modelfs_lib.domain.references import find_references
from modelfs_lib.domain.sharing import ShareFinding, audit_shares, matched_namespaces
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


@dataclass(frozen=True)
class ModelReferences:
    """A Model's REFERENCE Datasets in other namespaces and the sharing audit.

    ``references`` and ``findings`` are None when they could not be worked out (``error`` says why);
    ``checked`` lists the namespaces searched when not all of them could be.
    """

    references: list[Dataset] | None
    findings: list[ShareFinding] | None
    checked: list[str] | None = None
    error: str = ""


def _wanted_namespaces(model: Model, namespaces: list[Namespace]) -> list[str]:
    wanted: set[str] = set()
    for version in model.versions:
        if version.share is not None and version.share.enabled:
            wanted.update(matched_namespaces(namespaces, version.share, source_namespace=model.namespace))
    return sorted(wanted)


def model_references(state: ShellState, model: Model, siblings: Iterable[str] = ()) -> ModelReferences:
    """Find ``model``'s REFERENCE Datasets (by label, uri or name) and audit its shares.

    ``siblings`` are the other Models' names in its namespace (to tell ``a`` from ``a-b``).
    """
    others = [s for s in siblings if s != model.name]
    namespaces = data.load(state.key, Namespace, None)
    everywhere = data.load(state.key, Dataset, None)
    by_namespace: dict[str, list[Dataset]] = {}
    readable: set[str] | None = None
    checked: list[str] | None = None
    error = ""
    if everywhere.ok:
        for dataset in everywhere.items:
            if dataset.namespace != model.namespace:
                by_namespace.setdefault(dataset.namespace, []).append(dataset)
    else:
        assert everywhere.error is not None
        error = error_text(everywhere.error)[0]
        if not namespaces.ok:
            return ModelReferences(None, None, error=error)
        checked, readable = _wanted_namespaces(model, namespaces.items), set()
        for ns in checked:
            loaded = data.load(state.key, Dataset, ns)
            if loaded.ok:
                readable.add(ns)
                by_namespace[ns] = loaded.items
    references = find_references(by_namespace, model.namespace, model, sibling_models=others)
    if not namespaces.ok:
        assert namespaces.error is not None
        return ModelReferences(references, None, checked, error_text(namespaces.error)[0])
    findings = audit_shares(model, namespaces.items, references, readable_namespaces=readable, sibling_models=others)
    return ModelReferences(references, findings, checked, error)
