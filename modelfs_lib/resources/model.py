"""Model (``model.samzong.dev/v1``): versions of LLM weights the controller syncs into Datasets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Self

from modelfs_lib.resources.base import (
    Kind,
    ObjectMeta,
    Resource,
    as_int,
    as_list,
    as_mapping,
    as_quantity,
    as_required_str,
    as_str,
    as_str_tuple,
    parse_time,
)
from modelfs_lib.resources.condition import Condition, parse_conditions
from modelfs_lib.resources.model_version import ModelVersion
from modelfs_lib.resources.naming import dataset_name


@dataclass(frozen=True, slots=True)
class ModelDisplay:
    """``spec.display``: catalogue text for people."""

    description: str = ""
    tags: tuple[str, ...] = ()
    logo_url: str = ""

    @classmethod
    def from_dict(cls, data: Any) -> ModelDisplay:
        """Parse ``spec.display`` strictly."""
        data = as_mapping(data, "spec.display")
        return cls(
            description=as_str(data.get("description"), "spec.display.description"),
            tags=as_str_tuple(data.get("tags"), "spec.display.tags"),
            logo_url=as_str(data.get("logoURL"), "spec.display.logoURL"),
        )

    def to_dict(self) -> dict[str, Any]:
        """The wire form, omitting empty parts."""
        result: dict[str, Any] = {}
        if self.description:
            result["description"] = self.description
        if self.tags:
            result["tags"] = list(self.tags)
        if self.logo_url:
            result["logoURL"] = self.logo_url
        return result


@dataclass(frozen=True, slots=True)
class SyncedVersion:
    """One entry of ``status.syncedVersions``: the controller's view of a version's Dataset.

    ``phase`` is the Dataset's raw phase; ``observed_storage`` the PVC request as a string.
    """

    name: str = ""
    phase: str = ""
    pvc_name: str = ""
    active_dataset: str = ""
    last_sync_time: dt.datetime | None = None
    conditions: tuple[Condition, ...] = ()
    observed_state: str = ""
    observed_storage: str = ""
    observed_version_hash: str = ""

    @classmethod
    def from_dict(cls, data: Any, what: str) -> SyncedVersion:
        """Parse one synced version strictly; ``name`` is required."""
        data = as_mapping(data, what)
        return cls(
            name=as_required_str(data.get("name"), f"{what}.name"),
            phase=as_str(data.get("phase"), f"{what}.phase"),
            pvc_name=as_str(data.get("pvcName"), f"{what}.pvcName"),
            active_dataset=as_str(data.get("activeDataset"), f"{what}.activeDataset"),
            last_sync_time=parse_time(data.get("lastSyncTime"), f"{what}.lastSyncTime"),
            conditions=parse_conditions(data.get("conditions"), f"{what}.conditions"),
            observed_state=as_str(data.get("observedState"), f"{what}.observedState"),
            observed_storage=as_quantity(data.get("observedStorage"), f"{what}.observedStorage"),
            observed_version_hash=as_str(data.get("observedVersionHash"), f"{what}.observedVersionHash"),
        )


@dataclass(frozen=True, slots=True)
class Model(Resource):
    """A Model: ``spec`` (source, display, versions) and ``status`` (synced versions, conditions)."""

    KIND: ClassVar[Kind] = Kind("model.samzong.dev", "v1", "models", "Model")

    source_ref: str = ""
    display: ModelDisplay = field(default_factory=ModelDisplay)
    versions: tuple[ModelVersion, ...] = ()
    synced_versions: tuple[SyncedVersion, ...] = ()
    conditions: tuple[Condition, ...] = ()
    observed_generation: int | None = None
    _synced_by_name: dict[str, SyncedVersion] | None = field(default=None, init=False, repr=False, compare=False)
    """:attr:`synced_versions` by name, built on the first :meth:`synced_version` (the object never changes)."""

    @classmethod
    def _parse(cls, data: Mapping[str, Any], meta: ObjectMeta) -> Self:
        spec = as_mapping(data.get("spec"), "spec")
        status = as_mapping(data.get("status"), "status")
        versions = as_list(spec.get("versions"), "spec.versions")
        synced = as_list(status.get("syncedVersions"), "status.syncedVersions")
        return cls(
            meta=meta,
            source_ref=as_required_str(spec.get("sourceRef"), "spec.sourceRef"),
            display=ModelDisplay.from_dict(spec.get("display")),
            versions=tuple(ModelVersion.from_dict(v, f"spec.versions[{i}]") for i, v in enumerate(versions)),
            synced_versions=tuple(
                SyncedVersion.from_dict(s, f"status.syncedVersions[{i}]") for i, s in enumerate(synced)
            ),
            conditions=parse_conditions(status.get("conditions")),
            observed_generation=as_int(status.get("observedGeneration"), "status.observedGeneration"),
        )

    def to_dict(self) -> dict[str, Any]:
        """A manifest (no status) that validates against the Model CRD."""
        spec: dict[str, Any] = {"sourceRef": self.source_ref}
        display = self.display.to_dict()
        if display:
            spec["display"] = display
        spec["versions"] = [v.to_dict() for v in self.versions]
        return self._manifest(spec)

    def dataset_name(self, version: str) -> str:
        """The Dataset the controller creates for a version: ``mdl-<model>-<version>``."""
        return dataset_name(self.name, version)

    def version(self, name: str) -> ModelVersion | None:
        """The spec version with this name, if any."""
        return next((v for v in self.versions if v.name == name), None)

    def synced_version(self, name: str) -> SyncedVersion | None:
        """The status entry for this version name, if any (the first, should a name repeat); a dict lookup."""
        by_name = self._synced_by_name
        if by_name is None:
            by_name = {s.name: s for s in reversed(self.synced_versions)}
            object.__setattr__(self, "_synced_by_name", by_name)
        return by_name.get(name)

    @property
    def generation_pending(self) -> bool:
        """True when the controller has not yet reconciled the latest spec (observedGeneration < generation)."""
        if self.meta.generation is None:
            return False
        return (self.observed_generation or 0) < self.meta.generation
