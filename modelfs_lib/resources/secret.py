"""Secret (core ``v1``): only the key names and type, NEVER a value.

Values are dropped while parsing (``data`` and ``stringData``), and so is the kubectl
last-applied annotation, which repeats them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Self

from modelfs_lib.resources.base import LAST_APPLIED_ANNOTATION, Kind, ObjectMeta, Resource, as_mapping, as_str


@dataclass(frozen=True, slots=True)
class Secret(Resource):
    """A Secret's ``type`` and the sorted names of its keys (from ``data`` and ``stringData``)."""

    KIND: ClassVar[Kind] = Kind("", "v1", "secrets", "Secret")

    type: str = ""
    key_names: tuple[str, ...] = ()

    @classmethod
    def _parse(cls, data: Mapping[str, Any], meta: ObjectMeta) -> Self:
        keys = {str(k) for k in as_mapping(data.get("data"), "data")}
        keys |= {str(k) for k in as_mapping(data.get("stringData"), "stringData")}
        return cls(
            meta=meta.without_annotations(LAST_APPLIED_ANNOTATION),
            type=as_str(data.get("type"), "type"),
            key_names=tuple(sorted(keys)),
        )
