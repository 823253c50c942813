"""Namespace (core ``v1``, cluster scoped): its labels decide where Models are shared."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Self

from modelfs_lib.resources.base import Kind, ObjectMeta, Resource, as_mapping, as_str


@dataclass(frozen=True, slots=True)
class Namespace(Resource):
    """A namespace: ``labels`` (from metadata) and the raw ``status.phase`` (Active, Terminating)."""

    KIND: ClassVar[Kind] = Kind("", "v1", "namespaces", "Namespace", namespaced=False)

    phase: str = ""

    @property
    def labels(self) -> Mapping[str, str]:
        """``metadata.labels``."""
        return self.meta.labels

    @classmethod
    def _parse(cls, data: Mapping[str, Any], meta: ObjectMeta) -> Self:
        status = as_mapping(data.get("status"), "status")
        return cls(meta=meta, phase=as_str(status.get("phase"), "status.phase"))
