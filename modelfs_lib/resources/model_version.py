"""One entry of a Model's ``spec.versions``: what to fetch, how to store it, whom to share it with."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from modelfs_lib.resources.base import (
    as_bool,
    as_mapping,
    as_quantity_map,
    as_required_str,
    as_str,
    as_str_map,
    as_str_tuple,
)
from modelfs_lib.resources.label_selector import LabelSelector
from modelfs_lib.resources.naming import DEFAULT_REVISION

PRESENT = "PRESENT"
ABSENT = "ABSENT"


@dataclass(frozen=True, slots=True)
class VersionStorage:
    """``storage``: the PVC the version's Dataset asks for; quantities are kept as strings."""

    access_modes: tuple[str, ...] = ()
    requests: dict[str, str] = field(default_factory=dict)
    limits: dict[str, str] = field(default_factory=dict)
    storage_class_name: str = ""

    @classmethod
    def from_dict(cls, data: Any, what: str) -> VersionStorage:
        """Parse ``storage`` strictly."""
        data = as_mapping(data, what)
        resources = as_mapping(data.get("resources"), f"{what}.resources")
        return cls(
            access_modes=as_str_tuple(data.get("accessModes"), f"{what}.accessModes"),
            requests=as_quantity_map(resources.get("requests"), f"{what}.resources.requests"),
            limits=as_quantity_map(resources.get("limits"), f"{what}.resources.limits"),
            storage_class_name=as_str(data.get("storageClassName"), f"{what}.storageClassName"),
        )

    def to_dict(self) -> dict[str, Any]:
        """The wire form; ``resources`` is always present (the CRD requires it)."""
        resources: dict[str, Any] = {}
        if self.requests:
            resources["requests"] = dict(self.requests)
        if self.limits:
            resources["limits"] = dict(self.limits)
        result: dict[str, Any] = {}
        if self.access_modes:
            result["accessModes"] = list(self.access_modes)
        result["resources"] = resources
        if self.storage_class_name:
            result["storageClassName"] = self.storage_class_name
        return result


@dataclass(frozen=True, slots=True)
class ShareConfig:
    """``share``: whether and where REFERENCE Datasets of this version are created.

    ``require_opt_in_label`` is the raw string ("key=value" or "key").
    """

    enabled: bool = False
    namespace_selector: LabelSelector | None = None
    require_opt_in_label: str = ""

    @classmethod
    def from_dict(cls, data: Any, what: str) -> ShareConfig:
        """Parse ``share`` strictly."""
        data = as_mapping(data, what)
        selector = data.get("namespaceSelector")
        return cls(
            enabled=as_bool(data.get("enabled"), f"{what}.enabled"),
            namespace_selector=(
                None if selector is None else LabelSelector.from_dict(selector, f"{what}.namespaceSelector")
            ),
            require_opt_in_label=as_str(data.get("requireOptInLabel"), f"{what}.requireOptInLabel"),
        )

    def to_dict(self) -> dict[str, Any]:
        """The wire form; ``enabled`` is always present (the CRD requires it)."""
        result: dict[str, Any] = {"enabled": self.enabled}
        if self.namespace_selector is not None:
            result["namespaceSelector"] = self.namespace_selector.to_dict()
        if self.require_opt_in_label:
            result["requireOptInLabel"] = self.require_opt_in_label
        return result


@dataclass(frozen=True, slots=True)
class ModelVersion:
    """A version in ``spec.versions``; ``precision`` and ``state`` are kept raw (enum checks are the schema's)."""

    name: str = ""
    repo: str = ""
    revision: str = DEFAULT_REVISION
    precision: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    storage: VersionStorage | None = None
    state: str = PRESENT
    share: ShareConfig | None = None

    @property
    def is_absent(self) -> bool:
        """Whether the version is set to ABSENT (its Dataset is to be deleted)."""
        return self.state.upper() == ABSENT

    @classmethod
    def from_dict(cls, data: Any, what: str) -> ModelVersion:
        """Parse one version strictly; ``name`` and ``repo`` are required."""
        data = as_mapping(data, what)
        storage, share, precision = data.get("storage"), data.get("share"), data.get("precision")
        return cls(
            name=as_required_str(data.get("name"), f"{what}.name"),
            repo=as_required_str(data.get("repo"), f"{what}.repo"),
            revision=as_str(data.get("revision"), f"{what}.revision") or DEFAULT_REVISION,
            precision=None if precision is None else as_str(precision, f"{what}.precision"),
            metadata=as_str_map(data.get("metadata"), f"{what}.metadata"),
            storage=None if storage is None else VersionStorage.from_dict(storage, f"{what}.storage"),
            state=as_str(data.get("state"), f"{what}.state") or PRESENT,
            share=None if share is None else ShareConfig.from_dict(share, f"{what}.share"),
        )

    def to_dict(self) -> dict[str, Any]:
        """The wire form; ``revision`` and ``state`` are always written out."""
        result: dict[str, Any] = {"name": self.name, "repo": self.repo, "revision": self.revision}
        if self.precision is not None:
            result["precision"] = self.precision
        if self.metadata:
            result["metadata"] = dict(self.metadata)
        if self.storage is not None:
            result["storage"] = self.storage.to_dict()
        result["state"] = self.state
        if self.share is not None:
            result["share"] = self.share.to_dict()
        return result
