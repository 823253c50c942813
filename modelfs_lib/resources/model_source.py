"""ModelSource (``model.samzong.dev/v1``): where weights come from, with an optional Secret."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Self

from modelfs_lib.resources.base import (
    Kind,
    ObjectMeta,
    Resource,
    as_mapping,
    as_required_str,
    as_str,
    as_str_map,
    as_str_tuple,
)
from modelfs_lib.resources.condition import Condition, parse_conditions

SOURCE_TYPES: tuple[str, ...] = (
    "GIT",
    "S3",
    "HTTP",
    "PVC",
    "NFS",
    "CONDA",
    "REFERENCE",
    "HUGGING_FACE",
    "MODEL_SCOPE",
)
"""Every ``spec.type`` the CRD accepts (the Dataset source types)."""

URI_CONFIG_KEY = "uri"
"""A config key every type knows: it overrides the URI the controller builds."""

LOADER_CONFIG_KEYS: dict[str, tuple[str, ...]] = {
    "HUGGING_FACE": ("endpoint", "include", "exclude", "repoType", "revision", URI_CONFIG_KEY),
    "MODEL_SCOPE": ("repoType", "include", "exclude", "revision", URI_CONFIG_KEY),
    "S3": ("region", "endpoint", "provider", "syncMode", URI_CONFIG_KEY),
    "GIT": ("branch", "commit", "depth", "submodules", URI_CONFIG_KEY),
    "HTTP": (URI_CONFIG_KEY,),
    "CONDA": ("requirements.txt", "environment.yaml", URI_CONFIG_KEY),
    "PVC": ("pvcName", "path", URI_CONFIG_KEY),
    "NFS": ("server", "path", URI_CONFIG_KEY),
    "REFERENCE": (URI_CONFIG_KEY,),
}
"""Config keys the Dataset loader reads, per source type (``uri`` included for every type)."""

ANY_KEY_CONFIG_TYPES: frozenset[str] = frozenset({"HTTP"})
"""Types whose loader takes every config key (HTTP sends each one as a request header)."""


@dataclass(frozen=True, slots=True)
class ModelSource(Resource):
    """A ModelSource: ``spec.type``, ``secretRef`` and ``config``; status conditions and referencing Models.

    ``referenced_by`` holds ``"<namespace>/<model>"`` strings as the controller writes them.
    """

    KIND: ClassVar[Kind] = Kind("model.samzong.dev", "v1", "modelsources", "ModelSource")

    source_type: str = ""
    secret_ref: str = ""
    config: dict[str, str] = field(default_factory=dict)
    conditions: tuple[Condition, ...] = ()
    referenced_by: tuple[str, ...] = ()

    @classmethod
    def _parse(cls, data: Mapping[str, Any], meta: ObjectMeta) -> Self:
        spec = as_mapping(data.get("spec"), "spec")
        status = as_mapping(data.get("status"), "status")
        return cls(
            meta=meta,
            source_type=as_required_str(spec.get("type"), "spec.type"),
            secret_ref=as_str(spec.get("secretRef"), "spec.secretRef"),
            config=as_str_map(spec.get("config"), "spec.config"),
            conditions=parse_conditions(status.get("conditions")),
            referenced_by=as_str_tuple(status.get("referencedBy"), "status.referencedBy"),
        )

    def to_dict(self) -> dict[str, Any]:
        """A manifest (no status) that validates against the ModelSource CRD."""
        spec: dict[str, Any] = {"type": self.source_type}
        if self.secret_ref:
            spec["secretRef"] = self.secret_ref
        if self.config:
            spec["config"] = dict(self.config)
        return self._manifest(spec)
