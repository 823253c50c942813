"""What the modelfs controller writes into a version's Dataset, derived from the Model and its ModelSource.

The controller names the Dataset ``mdl-<model>-<version>``, copies the source's type, builds
``spec.source.uri`` from the version's repo and revision and the source's config, merges the
source's config with EVERY key of its Secret into ``spec.source.options`` (key names only here),
and turns the version's ``storage`` into ``spec.volumeClaimTemplate`` (ReadWriteMany, 100Ti when
unset). ``type`` and ``uri`` are immutable on a Dataset: a change to anything that feeds them
(:data:`URI_INPUT_KEYS`, the repo, the revision) stalls the controller at that version.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from modelfs_lib.resources.model_source import URI_CONFIG_KEY, ModelSource
from modelfs_lib.resources.model_version import ModelVersion
from modelfs_lib.resources.naming import DEFAULT_ACCESS_MODES, DEFAULT_STORAGE, dataset_name, source_uri

URI_INPUT_KEYS: tuple[str, ...] = (URI_CONFIG_KEY, "url", "pvcName", "server", "path")
"""ModelSource config keys that feed a Dataset's immutable ``spec.source.uri``."""


def version_uri(source: ModelSource, version: ModelVersion) -> str:
    """The uri the controller would write for ``version`` under ``source`` as they are now."""
    return source_uri(source.source_type, source.config, version.repo, version.revision)


@dataclass(frozen=True)
class ExpectedDataset:
    """The Dataset the controller would write for one version: what can be compared with the live one."""

    name: str
    source_type: str
    uri: str
    option_keys: tuple[str, ...]
    storage: str
    access_modes: tuple[str, ...]
    storage_class_name: str
    storage_defaulted: bool


def expected_dataset(
    model: str, version: ModelVersion, source: ModelSource, secret_keys: Iterable[str] = ()
) -> ExpectedDataset:
    """The expected Dataset of ``version``; ``secret_keys`` are the key NAMES of the source's Secret."""
    storage = version.storage
    requested = (storage.requests.get("storage", "") if storage else "") or ""
    return ExpectedDataset(
        name=dataset_name(model, version.name),
        source_type=source.source_type,
        uri=version_uri(source, version),
        option_keys=tuple(sorted({*source.config, *secret_keys})),
        storage=requested or DEFAULT_STORAGE,
        access_modes=(storage.access_modes if storage and storage.access_modes else DEFAULT_ACCESS_MODES),
        storage_class_name=storage.storage_class_name if storage else "",
        storage_defaulted=not requested,
    )


def uri_inputs_changed(old: ModelSource, new: ModelSource) -> tuple[str, ...]:
    """What of a ModelSource edit would change its Datasets' immutable type or uri: ``type`` and config keys."""
    changed = ["type"] if old.source_type.upper() != new.source_type.upper() else []
    changed += [key for key in URI_INPUT_KEYS if old.config.get(key, "") != new.config.get(key, "")]
    return tuple(changed)


@dataclass(frozen=True)
class FieldComparison:
    """One field of a Dataset: what the controller would write, what is live, and what a difference means."""

    field: str
    expected: str
    live: str
    note: str = ""

    @property
    def differs(self) -> bool:
        """Whether the live value is not the expected one."""
        return self.expected != self.live


def _keys(keys: Iterable[str]) -> str:
    return ", ".join(sorted(keys)) or "(none)"


def compare_dataset(
    expected: ExpectedDataset,
    *,
    source_type: str,
    uri: str,
    option_keys: Iterable[str],
    storage: str,
    access_modes: Iterable[str],
    storage_class_name: str,
    data_sync_round: int,
    secret_ref: str,
) -> list[FieldComparison]:
    """The expected Dataset beside the live one, field by field (option KEY names only, never values)."""
    immutable = "Immutable: a difference stalls the controller at this version."
    rows = [
        FieldComparison("spec.source.type", expected.source_type, source_type, immutable),
        FieldComparison("spec.source.uri", expected.uri, uri, immutable),
        FieldComparison(
            "spec.source.options (keys)",
            _keys(expected.option_keys),
            _keys(option_keys),
            "The ModelSource's config keys and every key of its Secret (values hidden).",
        ),
        FieldComparison(
            "spec.volumeClaimTemplate storage",
            expected.storage,
            storage,
            f"Defaulted to {DEFAULT_STORAGE}: the version sets no size." if expected.storage_defaulted else "",
        ),
        FieldComparison("spec.volumeClaimTemplate accessModes", _keys(expected.access_modes), _keys(access_modes)),
        FieldComparison(
            "spec.volumeClaimTemplate storageClassName",
            expected.storage_class_name or "(default)",
            storage_class_name or "(default)",
        ),
        FieldComparison(
            "spec.dataSyncRound",
            "1",
            str(data_sync_round),
            "The controller writes no round, so the API server sets 1; anything higher is reverted at its next "
            "reconcile.",
        ),
        FieldComparison(
            "spec.secretRef",
            "(not set)",
            secret_ref or "(not set)",
            "modelfs never sets it, so the loader gets no mounted credentials.",
        ),
    ]
    return rows
