"""Deployment (``apps/v1``): where the modelfs controller runs, read for its availability only.

Only replica counts and conditions are read: never the pod template, whose args and env may
carry configuration the console has no business showing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Self

from modelfs_lib.resources.base import Kind, ObjectMeta, Resource, as_int, as_mapping
from modelfs_lib.resources.condition import Condition, parse_conditions


@dataclass(frozen=True, slots=True)
class Deployment(Resource):
    """Desired, ready, available and updated replicas, and the ``Available``/``Progressing`` conditions."""

    KIND: ClassVar[Kind] = Kind("apps", "v1", "deployments", "Deployment")

    desired: int = 1
    ready: int = 0
    available: int = 0
    updated: int = 0
    observed_generation: int | None = None
    conditions: tuple[Condition, ...] = ()

    def condition(self, type_: str) -> Condition | None:
        """The condition of ``type_`` (``Available``, ``Progressing``, ``ReplicaFailure``), or None."""
        return next((c for c in self.conditions if c.type == type_), None)

    @classmethod
    def _parse(cls, data: Mapping[str, Any], meta: ObjectMeta) -> Self:
        spec = as_mapping(data.get("spec"), "spec")
        status = as_mapping(data.get("status"), "status")
        desired = as_int(spec.get("replicas"), "spec.replicas")
        return cls(
            meta=meta,
            desired=1 if desired is None else desired,  # the API server's default
            ready=as_int(status.get("readyReplicas"), "status.readyReplicas") or 0,
            available=as_int(status.get("availableReplicas"), "status.availableReplicas") or 0,
            updated=as_int(status.get("updatedReplicas"), "status.updatedReplicas") or 0,
            observed_generation=as_int(status.get("observedGeneration"), "status.observedGeneration"),
            conditions=parse_conditions(status.get("conditions")),
        )
