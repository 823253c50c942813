"""PersistentVolumeClaim (core ``v1``): where a Dataset's files live."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Self

from modelfs_lib.resources.base import Kind, ObjectMeta, Resource, as_mapping, as_quantity_map, as_str, as_str_tuple


@dataclass(frozen=True, slots=True)
class PersistentVolumeClaim(Resource):
    """A claim's access modes, requested and actual storage, class, bound volume and raw phase."""

    KIND: ClassVar[Kind] = Kind("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim")

    access_modes: tuple[str, ...] = ()
    storage_request: str = ""
    capacity: str = ""
    storage_class_name: str = ""
    volume_name: str = ""
    phase: str = ""

    @classmethod
    def _parse(cls, data: Mapping[str, Any], meta: ObjectMeta) -> Self:
        spec = as_mapping(data.get("spec"), "spec")
        status = as_mapping(data.get("status"), "status")
        resources = as_mapping(spec.get("resources"), "spec.resources")
        requests = as_quantity_map(resources.get("requests"), "spec.resources.requests")
        capacity = as_quantity_map(status.get("capacity"), "status.capacity")
        return cls(
            meta=meta,
            access_modes=as_str_tuple(spec.get("accessModes"), "spec.accessModes"),
            storage_request=requests.get("storage", ""),
            capacity=capacity.get("storage", ""),
            storage_class_name=as_str(spec.get("storageClassName"), "spec.storageClassName"),
            volume_name=as_str(spec.get("volumeName"), "spec.volumeName"),
            phase=as_str(status.get("phase"), "status.phase"),
        )
