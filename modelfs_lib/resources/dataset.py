"""Dataset (``dataset.baizeai.io/v1alpha1``): one synced copy of a source on a PVC.

``spec.source.options`` can hold every key of a Secret in plain text, so only the option
KEY NAMES are kept, and the kubectl last-applied annotation (which repeats them) is dropped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Self

from modelfs_lib.resources.base import (
    LAST_APPLIED_ANNOTATION,
    Kind,
    ObjectMeta,
    Resource,
    as_bool,
    as_int,
    as_list,
    as_mapping,
    as_quantity_map,
    as_required_str,
    as_str,
    as_str_map,
    as_str_tuple,
    parse_time,
)
from modelfs_lib.resources.condition import Condition, parse_conditions
from modelfs_lib.resources.label_selector import LabelSelector
from modelfs_lib.resources.naming import sync_job_name

REFERENCE = "REFERENCE"
REFERENCE_SCHEME = "dataset://"


@dataclass(frozen=True, slots=True)
class VolumeClaimSummary:
    """The parts of ``spec.volumeClaimTemplate`` the console shows."""

    access_modes: tuple[str, ...] = ()
    storage: str = ""
    storage_class_name: str = ""

    @classmethod
    def from_dict(cls, data: Any) -> VolumeClaimSummary:
        """Parse ``spec.volumeClaimTemplate`` strictly, keeping the summary."""
        spec = as_mapping(as_mapping(data, "spec.volumeClaimTemplate").get("spec"), "spec.volumeClaimTemplate.spec")
        resources = as_mapping(spec.get("resources"), "spec.volumeClaimTemplate.spec.resources")
        requests = as_quantity_map(resources.get("requests"), "spec.volumeClaimTemplate.spec.resources.requests")
        return cls(
            access_modes=as_str_tuple(spec.get("accessModes"), "spec.volumeClaimTemplate.spec.accessModes"),
            storage=requests.get("storage", ""),
            storage_class_name=as_str(spec.get("storageClassName"), "spec.volumeClaimTemplate.spec.storageClassName"),
        )

    def to_dict(self) -> dict[str, Any]:
        """The template's wire form, omitting empty parts."""
        spec: dict[str, Any] = {}
        if self.access_modes:
            spec["accessModes"] = list(self.access_modes)
        if self.storage:
            spec["resources"] = {"requests": {"storage": self.storage}}
        if self.storage_class_name:
            spec["storageClassName"] = self.storage_class_name
        return {"spec": spec}


@dataclass(frozen=True, slots=True)
class SyncRoundStatus:
    """One of the last rounds in ``status.syncRoundStatuses``; ``succeed`` is None while unknown."""

    round: int = 0
    job_name: str = ""
    start_time: dt.datetime | None = None
    end_time: dt.datetime | None = None
    succeed: bool | None = None

    @classmethod
    def from_dict(cls, data: Any, what: str) -> SyncRoundStatus:
        """Parse one round status strictly."""
        data = as_mapping(data, what)
        succeed = data.get("succeed")
        return cls(
            round=as_int(data.get("round"), f"{what}.round") or 0,
            job_name=as_str(data.get("jobName"), f"{what}.jobName"),
            start_time=parse_time(data.get("startTime"), f"{what}.startTime"),
            end_time=parse_time(data.get("endTime"), f"{what}.endTime"),
            succeed=None if succeed is None else as_bool(succeed, f"{what}.succeed"),
        )


@dataclass(frozen=True, slots=True)
class Dataset(Resource):
    """A Dataset: its source (type, uri, option key names), sync round, sharing, claim and status.

    ``phase`` is the raw ``status.phase``; see ``modelfs_lib.domain.status.dataset_phase``.
    """

    KIND: ClassVar[Kind] = Kind("dataset.baizeai.io", "v1alpha1", "datasets", "Dataset")

    source_type: str = ""
    source_uri: str = ""
    option_keys: tuple[str, ...] = ()
    secret_ref: str = ""
    data_sync_round: int = 1
    share: bool = False
    share_selector: LabelSelector | None = None
    volume_claim: VolumeClaimSummary | None = None
    phase: str = ""
    in_processing: bool = False
    in_processing_round: int | None = None
    last_succeed_round: int | None = None
    last_sync_time: dt.datetime | None = None
    pvc_name: str = ""
    conditions: tuple[Condition, ...] = ()
    sync_round_statuses: tuple[SyncRoundStatus, ...] = ()

    @classmethod
    def _parse(cls, data: Mapping[str, Any], meta: ObjectMeta) -> Self:
        spec = as_mapping(data.get("spec"), "spec")
        source = as_mapping(spec.get("source"), "spec.source")
        status = as_mapping(data.get("status"), "status")
        selector, claim = spec.get("shareToNamespaceSelector"), spec.get("volumeClaimTemplate")
        rounds = as_list(status.get("syncRoundStatuses"), "status.syncRoundStatuses")
        return cls(
            meta=meta.without_annotations(LAST_APPLIED_ANNOTATION),
            source_type=as_required_str(source.get("type"), "spec.source.type"),
            source_uri=as_str(source.get("uri"), "spec.source.uri"),
            option_keys=tuple(as_str_map(source.get("options"), "spec.source.options")),
            secret_ref=as_str(spec.get("secretRef"), "spec.secretRef"),
            data_sync_round=as_int(spec.get("dataSyncRound"), "spec.dataSyncRound") or 1,
            share=as_bool(spec.get("share"), "spec.share"),
            share_selector=(
                None if selector is None else LabelSelector.from_dict(selector, "spec.shareToNamespaceSelector")
            ),
            volume_claim=None if claim is None else VolumeClaimSummary.from_dict(claim),
            phase=as_str(status.get("phase"), "status.phase"),
            in_processing=as_bool(status.get("inProcessing"), "status.inProcessing"),
            in_processing_round=as_int(status.get("inProcessingRound"), "status.inProcessingRound"),
            last_succeed_round=as_int(status.get("lastSucceedRound"), "status.lastSucceedRound"),
            last_sync_time=parse_time(status.get("lastSyncTime"), "status.lastSyncTime"),
            pvc_name=as_str(status.get("pvcName"), "status.pvcName"),
            conditions=parse_conditions(status.get("conditions")),
            sync_round_statuses=tuple(
                SyncRoundStatus.from_dict(r, f"status.syncRoundStatuses[{i}]") for i, r in enumerate(rounds)
            ),
        )

    def to_dict(self) -> dict[str, Any]:
        """A manifest (no status) that validates against the Dataset CRD.

        It has no ``spec.source.options`` (their values are never kept): use it to show or
        validate a Dataset, never to replace a live one.
        """
        spec: dict[str, Any] = {"source": {"type": self.source_type, "uri": self.source_uri}}
        if self.secret_ref:
            spec["secretRef"] = self.secret_ref
        spec["dataSyncRound"] = self.data_sync_round
        if self.share:
            spec["share"] = True
        if self.share_selector is not None:
            spec["shareToNamespaceSelector"] = self.share_selector.to_dict()
        if self.volume_claim is not None:
            spec["volumeClaimTemplate"] = self.volume_claim.to_dict()
        return self._manifest(spec)

    @property
    def is_reference(self) -> bool:
        """Whether this is a REFERENCE Dataset (a share of a Dataset in another namespace)."""
        return self.source_type.upper() == REFERENCE

    @property
    def reference_target(self) -> tuple[str, str] | None:
        """``(namespace, dataset)`` from a ``dataset://<ns>/<name>`` uri; None when not one."""
        if not self.source_uri.startswith(REFERENCE_SCHEME):
            return None
        namespace, _, name = self.source_uri[len(REFERENCE_SCHEME) :].partition("/")
        return (namespace, name) if namespace and name else None

    def job_name(self, round: int) -> str:
        """The Job of a sync round: ``dataset-<dataset>-round-<N>``."""
        return sync_job_name(self.name, round)
