"""Edits that would change the immutable type or uri of a version's Dataset (FACTS, controllers item 3).

A Dataset's ``spec.source.type`` and ``spec.source.uri`` never change. The uri is built from the
version's repo and revision and the ModelSource's type and config
(:func:`~modelfs_lib.domain.expected_dataset.version_uri`). When an edit changes either for a
version that has a Dataset, the Model controller's Update of that Dataset fails and the controller
stops at that version: later versions, status and sharing stall, with no condition; only
``observedGeneration`` stays behind. New weights go into a new version instead.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from modelfs_lib.domain.expected_dataset import version_uri
from modelfs_lib.domain.field_error import FieldError
from modelfs_lib.resources.dataset import Dataset
from modelfs_lib.resources.model import Model
from modelfs_lib.resources.model_source import ModelSource
from modelfs_lib.resources.model_version import ABSENT, ModelVersion

SOURCE_REF = "sourceRef"
"""The blamed "field" when the ModelSource (its type or uri inputs) is what changes the uri."""
STALL = (
    "A Dataset's uri is immutable: the controller's update of that Dataset would fail and it would stop at "
    "this version, so later versions, status and sharing stall with no condition (only observedGeneration "
    "stays behind)."
)
ROLL_OUT = "Roll out new weights as a new version instead"


def has_dataset(model: Model, version: str, datasets: Collection[str] | None = None) -> bool:
    """Whether ``version`` of ``model`` has a Dataset: its ``syncedVersions`` entry names an active Dataset
    or PVC (and is not observed ABSENT), or ``datasets`` (names known to exist) holds ``mdl-<model>-<version>``.
    """
    synced = model.synced_version(version)
    if synced is not None and (synced.active_dataset or synced.pvc_name) and synced.observed_state.upper() != ABSENT:
        return True
    return datasets is not None and model.dataset_name(version) in datasets


@dataclass(frozen=True)
class UriChange:
    """One live version whose Dataset would need another type or uri.

    ``index`` is the version's position in the edited list; ``fields`` what causes it (``repo``,
    ``revision``, :data:`SOURCE_REF`); ``before``/``after`` are ``TYPE uri`` as the controller sees them.
    """

    index: int
    version: str
    dataset: str
    fields: tuple[str, ...]
    before: str
    after: str


def _key(source: ModelSource | None, version: ModelVersion) -> str:
    if source is None:  # the source is unknown: repo and revision are all that can be compared
        return f"{version.repo}@{version.revision}"
    return f"{source.source_type.upper()} {version_uri(source, version)}"


def _find(sources: Sequence[ModelSource] | None, name: str) -> ModelSource | None:
    found = next((s for s in sources or () if s.name == name), None)
    return found if found is not None and not found.invalid else None


def uri_changes(
    live: Model,
    versions: Sequence[ModelVersion],
    origins: Sequence[str],
    *,
    source_ref: str,
    sources: Sequence[ModelSource] | None,
    datasets: Collection[str] | None = None,
) -> list[UriChange]:
    """The edited ``versions`` (``origins[i]`` the live version each edits, ``""`` for a new one) that have a
    Dataset (:func:`has_dataset`) and would change its type or uri, the Model now naming ``source_ref``.

    When the live Model's ModelSource is unknown, any change of repo or revision counts; a new
    ``source_ref`` that is unknown is taken to build uris as the old one does.
    """
    old = _find(sources, live.source_ref)
    new = _find(sources, source_ref) if source_ref != live.source_ref else old
    new = new if new is not None else old
    changes = []
    for i, (version, origin) in enumerate(zip(versions, origins, strict=True)):
        before = live.version(origin) if origin else None
        if before is None or not has_dataset(live, origin, datasets):
            continue
        was, will = _key(old, before), _key(new, version)
        if was == will:
            continue
        fields = []
        if _key(old, replace(before, repo=version.repo)) != was:
            fields.append("repo")
        if _key(old, replace(before, revision=version.revision)) != was:
            fields.append("revision")
        if _key(new, before) != was:
            fields.append(SOURCE_REF)
        changes.append(UriChange(i, origin, live.dataset_name(origin), tuple(fields or ("repo",)), was, will))
    return changes


def _field_message(change: UriChange, field: str) -> str:
    what = "the ModelSource change" if field == SOURCE_REF else f"this {field}"
    return (
        f"version {change.version!r} has a Dataset ({change.dataset}), and {what} would change its source "
        f"from {change.before!r} to {change.after!r}. {STALL} Keep the {field} as it is. {ROLL_OUT}"
        + ("." if field == SOURCE_REF else " (Add as a new version).")
    )


def uri_change_findings(
    changes: Sequence[UriChange], *, prefix: str = "versions", source_field: str = SOURCE_REF
) -> list[FieldError]:
    """One error per change and cause: at ``<prefix>[i].repo`` / ``.revision``, or at ``source_field``."""
    findings = []
    for change in changes:
        for field in change.fields:
            where = source_field if field == SOURCE_REF else f"{prefix}[{change.index}].{field}"
            findings.append(FieldError(where, _field_message(change, field)))
    return findings


def uri_change_summary(changes: Sequence[UriChange]) -> str:
    """Every blocked version and its causes in one sentence, as the YAML editor lists them."""
    parts = [f"{c.version!r} ({', '.join(c.fields)}: {c.before!r} -> {c.after!r})" for c in changes]
    return (
        f"this edit would change the immutable source of the Dataset of version(s) {'; '.join(parts)}. "
        f"{STALL} {ROLL_OUT}: keep these values and add a version with the new ones."
    )


@dataclass(frozen=True)
class StalledVersion:
    """A Model version a ModelSource edit would stall: its Dataset, the source it has and the one it would need."""

    model: str
    version: str
    dataset: str
    has: str
    needs: str


def stalled_by_source_edit(
    old: ModelSource, new: ModelSource, models: Sequence[Model], datasets: Sequence[Dataset] | None
) -> list[StalledVersion]:
    """The versions of ``models`` that use ``old`` and have a Dataset whose type or uri ``new`` would change.

    ``datasets`` are the namespace's Datasets (None when they could not be listed: then only the
    Models' status says which versions have one). What a Dataset has is read from it when listed,
    else rebuilt from ``old``. Sorted by Model name, versions in spec order.
    """
    by_name = {d.name: d for d in datasets or ()}
    stalled = []
    for model in sorted(models, key=lambda m: m.name):
        if model.invalid or model.source_ref != old.name:
            continue
        for version in model.versions:
            dataset = model.dataset_name(version.name)
            if not has_dataset(model, version.name, by_name if datasets is not None else None):
                continue
            live = by_name.get(dataset)
            has = f"{live.source_type.upper()} {live.source_uri}" if live is not None else _key(old, version)
            needs = _key(new, version)
            if has != needs:
                stalled.append(StalledVersion(model.name, version.name, dataset, has, needs))
    return stalled
