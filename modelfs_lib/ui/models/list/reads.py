"""What the Models list reads, the Models first, and the list derived from it once per change.

The Models are read first and waited for; ModelSources, Datasets (everywhere, for shares; the namespace's
are taken from them) and Namespaces are asked for once the first rows are drawn: the table shows as soon
as the Models are there, and the findings fill in when the rest has arrived (the page waits for it after
drawing, then reruns). Asked for later, the larger lists do not hold up the Models' LIST and first rows.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, replace

from modelfs_lib.domain.model_list import ModelList, derive_model_list, update_model_list
from modelfs_lib.resources import Dataset, Model, ModelSource, Namespace
from modelfs_lib.ui import data
from modelfs_lib.ui.shell import ShellState


@dataclass(frozen=True)
class SecondaryReads:
    """The lists only the findings and source types need."""

    sources: data.Loaded[ModelSource]
    datasets: data.Loaded[Dataset]
    everywhere: data.Loaded[Dataset]
    namespaces: data.Loaded[Namespace]

    @property
    def pending(self) -> bool:
        """Whether a list the findings need has not arrived yet."""
        return any(r.pending for r in (self.sources, self.datasets, self.everywhere, self.namespaces))


@dataclass(frozen=True)
class ListReads(SecondaryReads):
    """The lists the Models list is derived from: the Models and the secondary lists."""

    models: data.Loaded[Model]


def _here(everywhere: data.Loaded[Dataset], namespace: str | None) -> data.Loaded[Dataset]:
    """The namespace's Datasets, taken from every Dataset (same snapshot: it changes when they do)."""
    return replace(everywhere, items=[d for d in everywhere.items if d.namespace == namespace])


def read_secondary(state: ShellState, *, start: bool = True) -> SecondaryReads:
    """The secondary lists as far as they have arrived (starting their reads, unless ``start`` is False).

    The namespace's Datasets are taken from the list of every Dataset, which the findings need anyway;
    only when that list cannot be read are they listed on their own.
    """
    key, namespace = state.key, state.namespace
    everywhere = data.peek(key, Dataset, None, start=start)
    if everywhere.error is None:
        here = _here(everywhere, namespace) if everywhere.ok else everywhere
    else:
        here = data.peek(key, Dataset, namespace, start=start)
    return SecondaryReads(
        data.peek(key, ModelSource, namespace, start=start),
        here,
        everywhere,
        data.peek(key, Namespace, None, start=start),
    )


def read(state: ShellState) -> ListReads:
    """Every list: the Models waited for (their first page at least), then the rest as far as it has arrived.

    The secondary lists are not started here: the page draws the first rows from the Models alone,
    then asks for the rest (:func:`read_secondary`), so their LISTs do not compete with that drawing.
    """
    models = data.load(state.key, Model, state.namespace, partial=True)
    secondary = read_secondary(state, start=False)
    return ListReads(secondary.sources, secondary.datasets, secondary.everywhere, secondary.namespaces, models=models)


def stamp(state: ShellState) -> tuple[Hashable, ...]:
    """The state of every list :func:`read` reads, without waiting or copying: it changes when one does."""
    key, namespace = state.key, state.namespace
    return (
        data.stamp(key, Model, namespace),
        data.stamp(key, ModelSource, namespace),
        data.stamp(key, Dataset, namespace),
        data.stamp(key, Dataset, None),
        data.stamp(key, Namespace, None),
    )


def _derive(reads: ListReads) -> ModelList:
    return derive_model_list(
        sorted(reads.models.items, key=lambda m: m.name),
        sources=reads.sources.items if reads.sources.ok else None,
        datasets=reads.datasets.items if reads.datasets.ok else None,
        everywhere=reads.everywhere.items if reads.everywhere.ok else None,
        namespaces=reads.namespaces.items if reads.namespaces.ok else None,
        complete=_complete(reads),
    )


def _complete(reads: ListReads) -> bool:
    """Whether the findings can be derived: every list read, the Models whole."""
    return not reads.pending and not reads.models.partial


def _update(previous: ModelList, reads: ListReads) -> ModelList | None:
    if previous.complete != _complete(reads):
        return None  # derived from a part of the Models (or without findings): derive it whole
    return update_model_list(
        previous,
        reads.models.items,
        sources=reads.sources.items if reads.sources.ok else None,
        everywhere=reads.everywhere.items if reads.everywhere.ok else None,
        namespaces=reads.namespaces.items if reads.namespaces.ok else None,
    )


def model_list(state: ShellState, reads: ListReads) -> ModelList:
    """The derived list, computed once per change of the lists and shared by every session looking.

    When only Models changed (a watch event), only they are derived again.
    """
    sources = (reads.models, reads.sources, reads.datasets, reads.everywhere, reads.namespaces)
    slot = ("models.list", state.key, state.namespace)
    return data.derived(slot, sources, lambda: _derive(reads), lambda previous: _update(previous, reads))
