"""A Model's versions as the detail page shows them: one row per version, sync rounds, kubectl snippets.

A version's Dataset is ``mdl-<model>-<version>`` in the Model's namespace. Its phase comes from
the Dataset when the Datasets could be read, else from ``status.syncedVersions`` (the controller's
copy of it). Without ``storage`` a version's claim asks for ReadWriteMany, 100Ti.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from modelfs_lib.domain.status import Phase, dataset_phase, normalize_phase, synced_round_despite_failed
from modelfs_lib.resources.dataset import Dataset
from modelfs_lib.resources.model import Model
from modelfs_lib.resources.model_version import ModelVersion
from modelfs_lib.resources.naming import DEFAULT_STORAGE
from modelfs_lib.resources.pvc import PersistentVolumeClaim


@dataclass(frozen=True)
class VersionRow:
    """One line of the versions table. ``dataset_phase`` is None when the version has no Dataset."""

    name: str
    repo_revision: str
    precision: str
    storage_requested: str
    storage_observed: str
    desired_state: str
    observed_state: str
    share: bool
    dataset: str
    dataset_phase: Phase | None
    pvc: str
    pvc_phase: str
    observed_hash: str
    note: str = ""


def requested_storage(version: ModelVersion) -> str:
    """The storage the version's claim requests: ``storage.resources.requests.storage`` or the default."""
    if version.storage is not None and version.storage.requests.get("storage"):
        return version.storage.requests["storage"]
    return f"{DEFAULT_STORAGE} (default)"


def _version_row(
    model: Model,
    version: ModelVersion,
    datasets: Mapping[str, Dataset] | None,
    pvcs: Mapping[str, PersistentVolumeClaim] | None,
) -> VersionRow:
    synced = model.synced_version(version.name)
    name = model.dataset_name(version.name)
    dataset = datasets.get(name) if datasets is not None else None
    if datasets is not None:
        phase = dataset_phase(dataset) if dataset is not None else None
    else:
        phase = normalize_phase(synced.phase) if synced is not None and synced.phase else None
    note = ""
    reset_round = synced_round_despite_failed(dataset)
    if phase is Phase.FAILED and reset_round is not None:
        phase = Phase.READY
        note = f"Synced in round {reset_round}; the Dataset reads FAILED only because the controller reset its counter."
    pvc = (dataset.pvc_name if dataset is not None else "") or (synced.pvc_name if synced is not None else "")
    claim = pvcs.get(pvc) if pvcs is not None and pvc else None
    return VersionRow(
        name=version.name,
        repo_revision=f"{version.repo}@{version.revision}",
        precision=version.precision or "",
        storage_requested=requested_storage(version),
        storage_observed=synced.observed_storage if synced is not None else "",
        desired_state=version.state.upper(),
        observed_state=(synced.observed_state.upper() if synced is not None else ""),
        share=version.share is not None and version.share.enabled,
        dataset=name,
        dataset_phase=phase,
        pvc=pvc,
        pvc_phase=claim.phase if claim is not None else "",
        observed_hash=synced.observed_version_hash if synced is not None else "",
        note=note,
    )


def version_rows(
    model: Model,
    datasets: Mapping[str, Dataset] | None,
    pvcs: Mapping[str, PersistentVolumeClaim] | None = None,
) -> list[VersionRow]:
    """One row per spec version, in spec order.

    ``datasets`` and ``pvcs`` are the namespace's objects by name; None when they could not be read.
    """
    return [_version_row(model, v, datasets, pvcs) for v in model.versions]


@dataclass(frozen=True)
class RoundRow:
    """One sync round. ``succeeded`` is None while it runs or when unknown; ``elapsed`` is its duration,
    or for the running round the time since it started."""

    round: int
    job: str
    start: dt.datetime | None
    end: dt.datetime | None
    succeeded: bool | None
    running: bool
    elapsed: dt.timedelta | None


def round_rows(dataset: Dataset, now: dt.datetime) -> list[RoundRow]:
    """The rounds in ``status.syncRoundStatuses`` (the last five), newest first.

    A round is running when it has no end and no result, or when it is the Dataset's
    ``inProcessingRound`` while ``inProcessing`` holds.
    """
    rows = []
    for status in dataset.sync_round_statuses:
        running = (status.end_time is None and status.succeed is None) or (
            dataset.in_processing and status.round == dataset.in_processing_round and status.end_time is None
        )
        if status.start_time is None:
            elapsed = None
        elif status.end_time is not None:
            elapsed = status.end_time - status.start_time
        else:
            elapsed = now - status.start_time if running else None
        rows.append(
            RoundRow(
                round=status.round,
                job=status.job_name or dataset.job_name(status.round),
                start=status.start_time,
                end=status.end_time,
                succeeded=None if running else status.succeed,
                running=running,
                elapsed=elapsed,
            )
        )
    return sorted(rows, key=lambda r: -r.round)


def current_round(dataset: Dataset) -> int:
    """The round whose Job matters now: the one in progress, else the newest recorded, else the
    last that succeeded, else ``spec.dataSyncRound``."""
    if dataset.in_processing and dataset.in_processing_round:
        return dataset.in_processing_round
    recorded = [r.round for r in dataset.sync_round_statuses if r.round]
    if recorded:
        return max(recorded)
    return dataset.last_succeed_round or dataset.data_sync_round
