"""Manifests the console sends: built from wizard input, or from a live object with one change.

Every builder returns a plain manifest (``apiVersion``, ``kind``, ``metadata``, ``spec``; never
``status``) meant for a server-side apply with field manager ``modelfs-ui``. Built from inputs that
pass :mod:`modelfs_lib.domain.validation`, it validates against the CRD; :func:`manifest_errors`
says what the schema would still reject, keyed like the wizard's fields.

Builders that start from a live object copy its labels and annotations (without kubectl's
last-applied annotation) so that an apply does not drop them, and its ``resourceVersion``, so that
the API server refuses the write (409 Conflict) when the object changed since it was read.
``spec.versions`` is an atomic list: every change to one version sends all of them.

Text forms (spec YAML, diff, kubectl command) are in :mod:`modelfs_lib.domain.manifest_text`, the
"Edit YAML" flow in :mod:`modelfs_lib.domain.yaml_edit`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import Any

from modelfs_lib.domain.field_error import FieldError
from modelfs_lib.domain.schema import validate_manifest
from modelfs_lib.resources.base import LAST_APPLIED_ANNOTATION, ObjectMeta
from modelfs_lib.resources.dataset import Dataset
from modelfs_lib.resources.model import Model, ModelDisplay
from modelfs_lib.resources.model_source import ModelSource
from modelfs_lib.resources.model_version import ABSENT, PRESENT, ModelVersion, ShareConfig

__all__ = [
    "manifest_errors",
    "model_manifest",
    "model_source_manifest",
    "next_round_job",
    "rerun_patch",
    "rerun_starts_round",
    "version_removal_blocker",
    "with_share",
    "with_share_toggled",
    "with_version_state",
    "without_share",
    "without_version",
]


def _metadata(
    name: str,
    namespace: str,
    labels: Mapping[str, str] | None,
    annotations: Mapping[str, str] | None,
    live: Model | ModelSource | None,
) -> ObjectMeta:
    """Name and namespace, with labels and annotations given or else the live object's (no last-applied)."""
    live_meta = live.meta if live is not None else ObjectMeta(name)
    kept = live_meta.without_annotations(LAST_APPLIED_ANNOTATION)
    return ObjectMeta(
        name,
        namespace,
        labels=dict(labels if labels is not None else kept.labels),
        annotations=dict(annotations if annotations is not None else kept.annotations),
    )


def _with_resource_version(manifest: dict[str, Any], live: Model | ModelSource | Dataset | None) -> dict[str, Any]:
    if live is not None and live.meta.resource_version:
        manifest["metadata"]["resourceVersion"] = live.meta.resource_version
    return manifest


def model_manifest(
    *,
    name: str,
    namespace: str,
    source_ref: str,
    versions: Iterable[ModelVersion],
    description: str = "",
    tags: Iterable[str] = (),
    logo_url: str = "",
    labels: Mapping[str, str] | None = None,
    annotations: Mapping[str, str] | None = None,
    live: Model | None = None,
) -> dict[str, Any]:
    """A Model manifest from the wizard: only fields that are set, never status.

    Tags are stripped, blanks dropped, duplicates dropped (first kept); a blank description or
    logo URL is left out. Labels and annotations default to ``live``'s when editing (see the
    module docstring, also for ``resourceVersion``).
    """
    clean_tags = tuple(dict.fromkeys(t.strip() for t in tags if t.strip()))
    model = Model(
        _metadata(name, namespace, labels, annotations, live),
        source_ref=source_ref,
        display=ModelDisplay(description if description.strip() else "", clean_tags, logo_url.strip()),
        versions=tuple(versions),
    )
    return _with_resource_version(model.to_dict(), live)


def model_source_manifest(
    *,
    name: str,
    namespace: str,
    source_type: str,
    secret_ref: str = "",
    config: Mapping[str, str] | Iterable[tuple[str, str]] = (),
    labels: Mapping[str, str] | None = None,
    annotations: Mapping[str, str] | None = None,
    live: ModelSource | None = None,
) -> dict[str, Any]:
    """A ModelSource manifest: type, ``secretRef`` when set, ``config`` when it has rows.

    ``config`` is a mapping or the editor's (key, value) rows; rows without a key are left out.
    """
    rows = config.items() if isinstance(config, Mapping) else config
    source = ModelSource(
        _metadata(name, namespace, labels, annotations, live),
        source_type=source_type,
        secret_ref=secret_ref.strip(),
        config={key: value for key, value in rows if key},
    )
    return _with_resource_version(source.to_dict(), live)


_WIZARD_PATHS = (
    ("metadata.", ""),
    ("spec.display.", ""),
    ("spec.", ""),
)


def manifest_errors(manifest: Mapping[str, Any]) -> list[FieldError]:
    """What the CRD schema rejects in a built manifest, keyed like the wizard's fields.

    ``metadata.name`` -> ``name``, ``spec.display.tags[0]`` -> ``tags[0]``, ``spec.versions[0].repo``
    -> ``versions[0].repo``, ``...storage.resources.requests.storage`` -> ``...storage.size``.
    """
    errors = []
    for problem in validate_manifest(manifest):
        field = problem.path.replace(".storage.resources.requests.storage", ".storage.size")
        for prefix, instead in _WIZARD_PATHS:
            if field.startswith(prefix):
                field = instead + field[len(prefix) :]
                break
        errors.append(FieldError(field or "manifest", problem.message, required=problem.required))
    return errors


def _live_manifest(
    model: Model, change: Callable[[tuple[ModelVersion, ...]], tuple[ModelVersion, ...]]
) -> dict[str, Any]:
    """The live Model's manifest with its versions changed, carrying its labels, annotations, resourceVersion."""
    meta = model.meta.without_annotations(LAST_APPLIED_ANNOTATION)
    changed = replace(model, meta=meta, versions=change(model.versions))
    return _with_resource_version(changed.to_dict(), model)


def _unreadable(model: Model) -> str | None:
    if model.invalid:
        return f"Model {model.name!r} could not be read ({model.invalid}); edit its YAML instead."
    return None


def _index(model: Model, version_name: str) -> int:
    if problem := _unreadable(model):
        raise ValueError(problem)
    for i, version in enumerate(model.versions):
        if version.name == version_name:
            return i
    raise ValueError(f"Model {model.name!r} has no version {version_name!r}")


def _replace_version(model: Model, version_name: str, change: Callable[[ModelVersion], ModelVersion]) -> dict[str, Any]:
    i = _index(model, version_name)
    return _live_manifest(model, lambda versions: (*versions[:i], change(versions[i]), *versions[i + 1 :]))


def with_version_state(model: Model, version_name: str, state: str) -> dict[str, Any]:
    """The live Model's manifest with one version's ``state`` set to PRESENT or ABSENT (any case).

    ABSENT makes the controller delete the version's Dataset. Raises ValueError for an unknown
    version or state.
    """
    wanted = state.upper()
    if wanted not in (PRESENT, ABSENT):
        raise ValueError(f"state must be {PRESENT} or {ABSENT}, got {state!r}")
    return _replace_version(model, version_name, lambda v: replace(v, state=wanted))


def with_share_toggled(model: Model, version_name: str, enabled: bool) -> dict[str, Any]:
    """The live Model's manifest with one version's ``share.enabled`` set, its selector and opt-in kept.

    A version without ``share`` gets ``{enabled: ...}`` alone, which (when enabled) shares with
    every namespace. Raises ValueError for an unknown version.
    """
    return _replace_version(
        model, version_name, lambda v: replace(v, share=replace(v.share or ShareConfig(), enabled=enabled))
    )


def with_share(model: Model, version_name: str, share: ShareConfig) -> dict[str, Any]:
    """The live Model's manifest with one version's whole ``share`` block replaced by ``share``.

    Raises ValueError for an unknown version.
    """
    return _replace_version(model, version_name, lambda v: replace(v, share=share))


def without_share(model: Model, version_name: str) -> dict[str, Any]:
    """The live Model's manifest with one version's whole ``share`` block removed: it is shared nowhere.

    Raises ValueError for an unknown version.
    """
    return _replace_version(model, version_name, lambda v: replace(v, share=None))


def _removal_refusal(model: Model, version_name: str) -> str | None:
    """Why :func:`without_version` refuses outright: unreadable Model, unknown or last version, not ABSENT."""
    version = model.version(version_name)
    if problem := _unreadable(model):
        return problem
    if version is None:
        return f"There is no version {version_name!r}."
    if len(model.versions) == 1:
        return "A Model needs at least one version: delete the Model instead."
    if not version.is_absent:
        return "Set the version to ABSENT first, so that the controller deletes its Dataset."
    return None


def version_removal_blocker(model: Model, version_name: str) -> str | None:
    """Why a version may not be removed from ``spec.versions`` yet; None when it may.

    A removed version's Dataset is never cleaned up, so removal must wait until the version is
    ABSENT in the spec AND the controller has deleted its Dataset: the generation is reconciled and
    its ``syncedVersions`` entry (if any) says ``observedState: ABSENT``. The last version cannot go.
    """
    if refusal := _removal_refusal(model, version_name):
        return refusal
    if model.generation_pending:
        return "The controller has not yet acted on the latest change; wait for it to delete the Dataset."
    synced = model.synced_version(version_name)
    if synced is not None and synced.observed_state.upper() != ABSENT:
        return f"Its Dataset {model.dataset_name(version_name)!r} still exists; wait for the controller to delete it."
    return None


def without_version(model: Model, version_name: str) -> dict[str, Any]:
    """The live Model's manifest without one version.

    Raises ValueError when the Model could not be read, the version is unknown, is the only one, or
    is not ABSENT in the spec. Check :func:`version_removal_blocker` first: it also waits for the
    controller to delete the Dataset, which this function leaves to the caller.
    """
    if refusal := _removal_refusal(model, version_name):
        raise ValueError(refusal)
    return _live_manifest(model, lambda versions: tuple(v for v in versions if v.name != version_name))


def rerun_patch(dataset: Dataset) -> dict[str, Any]:
    """The JSON merge patch that starts a new sync round: ``spec.dataSyncRound`` + 1.

    It carries ``metadata.resourceVersion`` so that a stale read is refused instead of moving the
    counter by the wrong amount (the API server accepts a step of at most +1). Raises ValueError
    for a Dataset without a resourceVersion or one that could not be read.
    """
    if dataset.invalid or not dataset.meta.resource_version:
        raise ValueError(f"Dataset {dataset.name!r} has no resourceVersion to patch against; read it again")
    return {
        "metadata": {"resourceVersion": dataset.meta.resource_version},
        "spec": {"dataSyncRound": dataset.data_sync_round + 1},
    }


def next_round_job(dataset: Dataset) -> str:
    """The Job :func:`rerun_patch` would start: ``dataset-<dataset>-round-<dataSyncRound + 1>``."""
    return dataset.job_name(dataset.data_sync_round + 1)


def rerun_starts_round(dataset: Dataset) -> bool:
    """Whether :func:`rerun_patch` starts a round: a round runs when ``dataSyncRound`` >
    ``status.lastSucceedRound``.

    False when the modelfs controller reset ``spec.dataSyncRound`` to 1 after earlier re-runs
    succeeded: one step of +1 then stays at or below ``lastSucceedRound``.
    """
    return dataset.data_sync_round + 1 > (dataset.last_succeed_round or 0)
