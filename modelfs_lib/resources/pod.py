"""Pod (core ``v1``): only what says whether a Pod uses a PVC: name, phase, node and the claims it mounts.

A Pod's containers (command, args, env) are never parsed: a Dataset's sync Pod carries every
source option, Secret values included, as ``--options=k=v`` arguments.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Self

from modelfs_lib.resources.base import Kind, ObjectMeta, Resource, as_list, as_mapping, as_str


@dataclass(frozen=True, slots=True)
class Pod(Resource):
    """A Pod's phase, node and the PVCs its volumes name (``spec.volumes[].persistentVolumeClaim.claimName``)."""

    KIND: ClassVar[Kind] = Kind("", "v1", "pods", "Pod")

    phase: str = ""
    node_name: str = ""
    claim_names: tuple[str, ...] = ()

    @classmethod
    def _parse(cls, data: Mapping[str, Any], meta: ObjectMeta) -> Self:
        spec = as_mapping(data.get("spec"), "spec")
        status = as_mapping(data.get("status"), "status")
        claims = []
        for i, volume in enumerate(as_list(spec.get("volumes"), "spec.volumes")):
            source = as_mapping(as_mapping(volume, f"spec.volumes[{i}]").get("persistentVolumeClaim"), "claim")
            claim = as_str(source.get("claimName"), f"spec.volumes[{i}].persistentVolumeClaim.claimName")
            if claim:
                claims.append(claim)
        return cls(
            meta=ObjectMeta(
                name=meta.name,
                namespace=meta.namespace,
                uid=meta.uid,
                resource_version=meta.resource_version,
                creation_timestamp=meta.creation_timestamp,
                deletion_timestamp=meta.deletion_timestamp,
                labels=meta.labels,
                owner_references=meta.owner_references,
            ),
            phase=as_str(status.get("phase"), "status.phase"),
            node_name=as_str(spec.get("nodeName"), "spec.nodeName"),
            claim_names=tuple(dict.fromkeys(claims)),
        )

    def mounts(self, claim: str) -> bool:
        """Whether one of the Pod's volumes is the PVC ``claim``."""
        return bool(claim) and claim in self.claim_names
