"""Finding a Model's REFERENCE Datasets: one cached namespace list, then the Datasets of each other namespace.

Every list goes through :func:`modelfs_lib.ui.data.load`, so it is shared with every other view
and session for the cache's TTL. A namespace whose Datasets may not be listed is remembered with
the reason, so the audit can say what it could not check. When namespaces may not be listed at
all, a cluster-wide Dataset list is tried, to show at least which references exist.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from modelfs_lib.domain.references import find_references
from modelfs_lib.domain.share_audit import namespaces_to_search
from modelfs_lib.domain.sharing import ShareFinding, audit_shares
from modelfs_lib.resources import Dataset, Model, Namespace
from modelfs_lib.ui import data
from modelfs_lib.ui.feedback import error_text
from modelfs_lib.ui.shell import ShellState


@dataclass(frozen=True)
class ReferenceSearch:
    """What was found, and what could not be read.

    ``namespaces`` is None when they could not be listed (``namespaces_error`` says why); then
    ``findings`` is None too, and ``references`` holds what a cluster-wide list found, if allowed.
    """

    namespaces: list[Namespace] | None
    references: list[Dataset]
    findings: list[ShareFinding] | None
    namespaces_error: str = ""
    unreadable: dict[str, str] = field(default_factory=dict)
    searched: bool = True


def _siblings(state: ShellState, model: Model) -> list[str]:
    models = data.load(state.key, Model, model.namespace or state.namespace)
    return [m.name for m in models.items if m.name != model.name]


def search_references(state: ShellState, model: Model) -> ReferenceSearch:
    """Search every other namespace for ``model``'s REFERENCE Datasets and audit its shares."""
    siblings = _siblings(state, model)
    namespaces = data.load(state.key, Namespace, None)
    if namespaces.error is not None:
        reason = error_text(namespaces.error)[0]
        everywhere = data.load(state.key, Dataset, None)
        if everywhere.error is not None:
            return ReferenceSearch(None, [], None, namespaces_error=reason, searched=False)
        others: dict[str, list[Dataset]] = {}
        for dataset in everywhere.items:
            if dataset.namespace != model.namespace:
                others.setdefault(dataset.namespace, []).append(dataset)
        found = find_references(others, model.namespace, model, sibling_models=siblings)
        return ReferenceSearch(None, found, None, namespaces_error=reason)
    by_namespace: dict[str, list[Dataset]] = {}
    unreadable: dict[str, str] = {}
    for name in namespaces_to_search(model, namespaces.items):
        loaded = data.load(state.key, Dataset, name)
        if loaded.error is not None:
            unreadable[name] = error_text(loaded.error)[0]
        else:
            by_namespace[name] = loaded.items
    references = find_references(by_namespace, model.namespace, model, sibling_models=siblings)
    readable = set(by_namespace) | {model.namespace}
    findings = audit_shares(model, namespaces.items, references, readable_namespaces=readable, sibling_models=siblings)
    return ReferenceSearch(namespaces.items, references, findings, unreadable=unreadable)
