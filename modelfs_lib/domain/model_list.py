"""The Models list of a namespace derived from its lists: every row, every Model's findings, and lookups.

Pure and linear in the number of objects, so it can run once per change of the lists it reads and
be shared by everyone looking: each Model's :class:`~modelfs_lib.domain.diagnosis.ModelEvidence`
holds only the Datasets named for it or owned by it, the REFERENCE Datasets of other namespaces and
the sibling Models whose names could be confused with its own, all found through indexes built once.
The findings are exactly those :func:`~modelfs_lib.domain.diagnosis.diagnose` gives on the whole lists.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from modelfs_lib.domain.diagnosis import Finding, FindingKind, ModelEvidence, diagnose
from modelfs_lib.domain.model_rows import ModelRow, model_rows
from modelfs_lib.domain.orphans import owned_by
from modelfs_lib.domain.reference_audit import references_by_model
from modelfs_lib.resources.dataset import Dataset
from modelfs_lib.resources.model import Model
from modelfs_lib.resources.model_source import ModelSource
from modelfs_lib.resources.namespace import Namespace


@dataclass(frozen=True)
class ModelIndex:
    """Lookups over one namespace's Models and Datasets.

    ``by_name``: Models by name. ``names``: their names, sorted. ``datasets``: the namespace's Datasets
    by name. ``by_owner``: per Model name, the Datasets named for one of its versions or owned by it.
    ``by_label``: ``key=value`` to the names of the Models carrying that label.
    """

    by_name: Mapping[str, Model] = field(default_factory=dict)
    names: tuple[str, ...] = ()
    datasets: Mapping[str, Dataset] | None = None
    by_owner: Mapping[str, tuple[Dataset, ...]] = field(default_factory=dict)
    by_label: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    owned: Mapping[str, list[Dataset]] = field(default_factory=dict)
    """The Datasets by ``uid:<uid>`` and ``name:<name>`` of each owner reference (to relate a changed Model)."""

    def longer_siblings(self, name: str) -> tuple[str, ...]:
        """The other Models whose names start with ``<name>-``: the only ones a Dataset name could confuse."""
        prefix = f"{name}-"
        start = bisect.bisect_left(self.names, prefix)
        end = bisect.bisect_left(self.names, prefix + "\U0010ffff")
        return self.names[start:end]


def _related(model: Model, datasets: Mapping[str, Dataset], owned: Mapping[str, list[Dataset]]) -> tuple[Dataset, ...]:
    found = {d.name: d for v in model.versions if (d := datasets.get(model.dataset_name(v.name))) is not None}
    for candidate in (*owned.get(f"uid:{model.meta.uid}", ()), *owned.get(f"name:{model.name}", ())):
        if candidate.name not in found and owned_by(candidate, model):
            found[candidate.name] = candidate
    return tuple(sorted(found.values(), key=lambda d: d.name))


def _by_label(models: Sequence[Model]) -> dict[str, tuple[str, ...]]:
    by_label: dict[str, list[str]] = {}
    for model in models:
        for key, value in model.meta.labels.items():
            by_label.setdefault(f"{key}={value}", []).append(model.name)
    return {k: tuple(sorted(v)) for k, v in by_label.items()}


def build_index(models: Sequence[Model], datasets: Sequence[Dataset] | None) -> ModelIndex:
    """The lookups of :class:`ModelIndex`; ``datasets`` None when they could not be read (yet)."""
    by_name = {m.name: m for m in models}
    by_dataset = None if datasets is None else {d.name: d for d in datasets}
    by_owner: dict[str, tuple[Dataset, ...]] = {}
    owned: dict[str, list[Dataset]] = {}
    if by_dataset is not None and datasets is not None:
        for dataset in datasets:
            for ref in dataset.meta.owner_references:
                if ref.uid:
                    owned.setdefault(f"uid:{ref.uid}", []).append(dataset)
                owned.setdefault(f"name:{ref.name}", []).append(dataset)
        by_owner = {m.name: _related(m, by_dataset, owned) for m in models}
    return ModelIndex(
        by_name=by_name,
        names=tuple(sorted(by_name)),
        datasets=by_dataset,
        by_owner=by_owner,
        by_label=_by_label(models),
        owned=owned,
    )


def _reindex(index: ModelIndex, models: Sequence[Model], changed: Sequence[Model]) -> ModelIndex:
    """``index`` for ``models``, the same names as before, of which only ``changed`` are new objects."""
    by_owner = dict(index.by_owner)
    if index.datasets is not None:
        for model in changed:
            by_owner[model.name] = _related(model, index.datasets, index.owned)
    return replace(index, by_name={m.name: m for m in models}, by_owner=by_owner, by_label=_by_label(models))


@dataclass(frozen=True)
class ModelList:
    """What the Models list shows: ``rows`` by name, each Model's ``findings`` and the lookups.

    ``complete`` is False while a list the findings need (ModelSources, Datasets, Namespaces) is not
    read yet: the rows are there, the findings not (``findings`` empty).
    """

    rows: tuple[ModelRow, ...]
    findings: Mapping[str, list[Finding]]
    index: ModelIndex
    complete: bool
    stale_errors: frozenset[str] = frozenset()


def model_findings(
    models: Sequence[Model],
    index: ModelIndex,
    *,
    sources: Sequence[ModelSource] | None,
    everywhere: Sequence[Dataset] | None,
    namespaces: Sequence[Namespace] | None,
    now: dt.datetime,
) -> dict[str, list[Finding]]:
    """Every Model's findings (without events), from the indexed lists; None inputs could not be read."""
    source_by_name = {s.name: s for s in sources or ()}
    references = None if everywhere is None else references_by_model(models, everywhere, model_names=index.names)
    findings: dict[str, list[Finding]] = {}
    for model in models:
        siblings = index.longer_siblings(model.name)
        evidence = ModelEvidence(
            model=model,
            now=now,
            source=source_by_name.get(model.source_ref),
            sources_read=sources is not None,
            datasets=None if index.datasets is None else index.by_owner.get(model.name, ()),
            references=None if references is None else references[model.name],
            namespaces=namespaces,
            sibling_models=siblings,
        )
        findings[model.name] = diagnose(evidence)
    return findings


def derive_model_list(
    models: Sequence[Model],
    *,
    sources: Sequence[ModelSource] | None,
    datasets: Sequence[Dataset] | None,
    everywhere: Sequence[Dataset] | None,
    namespaces: Sequence[Namespace] | None,
    complete: bool = True,
    now: dt.datetime | None = None,
) -> ModelList:
    """The Models list of one namespace. A None list could not be read; ``complete`` False: findings wait."""
    now = now or dt.datetime.now(dt.UTC)
    index = build_index(models, datasets)
    findings = (
        model_findings(models, index, sources=sources, everywhere=everywhere, namespaces=namespaces, now=now)
        if complete
        else {}
    )
    types = {s.name: s.source_type for s in sources} if sources is not None else None
    rows = model_rows(models, types, index.datasets, findings)
    return ModelList(rows=tuple(rows), findings=findings, index=index, complete=complete, stale_errors=_stale(findings))


def _stale(findings: Mapping[str, list[Finding]]) -> frozenset[str]:
    return frozenset(
        name for name, found in findings.items() if any(f.kind is FindingKind.STALE_RECONCILE_ERROR for f in found)
    )


def update_model_list(
    previous: ModelList,
    models: Sequence[Model],
    *,
    sources: Sequence[ModelSource] | None,
    everywhere: Sequence[Dataset] | None,
    namespaces: Sequence[Namespace] | None,
    now: dt.datetime | None = None,
) -> ModelList | None:
    """``previous`` after some of its Models changed, deriving only those again; None when it cannot be.

    ``previous`` must have been derived from the same ModelSources, Datasets and Namespaces as given
    here. Only when the Models' names are the same as before (a Model was changed, none added or
    removed: siblings and references stay as they were) is the result exactly what
    :func:`derive_model_list` gives; otherwise None, and the caller derives the whole list again.
    The other Models keep their rows and findings (as of ``previous``).
    """
    index = previous.index
    if len(models) != len(index.by_name):
        return None
    changed = []
    for model in models:
        known = index.by_name.get(model.name)
        if known is None:
            return None
        if known is not model:
            changed.append(model)
    if not changed:
        return previous
    now = now or dt.datetime.now(dt.UTC)
    index = _reindex(index, models, changed)
    findings = dict(previous.findings)
    if previous.complete:
        findings.update(
            model_findings(changed, index, sources=sources, everywhere=everywhere, namespaces=namespaces, now=now)
        )
    types = {s.name: s.source_type for s in sources} if sources is not None else None
    fresh = {row.name: row for row in model_rows(changed, types, index.datasets, findings)}
    rows = tuple(fresh.get(row.name, row) for row in previous.rows)
    return ModelList(
        rows=rows, findings=findings, index=index, complete=previous.complete, stale_errors=_stale(findings)
    )
