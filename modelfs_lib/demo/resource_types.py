"""The resource types an emulated cluster serves: built-in ones and those from CRDs."""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from modelfs_lib.resources.base import Kind
from modelfs_lib.resources.registry import BUILTIN_KINDS

CRD_DIR = Path(__file__).resolve().parent.parent / "crds"


@dataclass(frozen=True)
class ResourceType(Kind):
    """One served resource: a kind of :mod:`modelfs_lib.resources.registry`, and how the server treats writes to it."""

    has_status: bool = True
    schema: Mapping[str, Any] | None = field(default=None, compare=False, hash=False)
    short_names: tuple[str, ...] = ()

    @classmethod
    def served(cls, kind: Kind) -> ResourceType:
        """A built-in kind as an API server serves it: its short names, and whether it has ``/status``."""
        short_names, has_status = _BUILTIN_SERVING.get(kind.kind, ((), True))
        return cls(
            kind.group, kind.version, kind.plural, kind.kind, kind.namespaced, has_status, short_names=short_names
        )


_BUILTIN_SERVING: dict[str, tuple[tuple[str, ...], bool]] = {
    "Namespace": (("ns",), True),
    "Secret": ((), False),
    "PersistentVolumeClaim": (("pvc",), True),
    "Event": (("ev",), False),
    "Pod": (("po",), True),
    "ConfigMap": (("cm",), False),
    "Deployment": (("deploy",), True),
}
"""Short names and whether there is a status subresource, by Kind name (the rest: none, and yes)."""

BUILTIN_TYPES = tuple(ResourceType.served(kind) for kind in BUILTIN_KINDS)


def types_from_crd(crd: Mapping[str, Any]) -> list[ResourceType]:
    """One ResourceType per served version of a CustomResourceDefinition."""
    spec = crd["spec"]
    names = spec["names"]
    return [
        ResourceType(
            group=spec["group"],
            version=version["name"],
            plural=names["plural"],
            kind=names["kind"],
            namespaced=spec.get("scope", "Namespaced") == "Namespaced",
            has_status="status" in version.get("subresources", {}),
            schema=version.get("schema", {}).get("openAPIV3Schema"),
            short_names=tuple(names.get("shortNames", ())),
        )
        for version in spec["versions"]
        if version.get("served", True)
    ]


def load_crds(paths: Iterable[Path] | None = None) -> list[dict[str, Any]]:
    """The CRD documents shipped with modelfs-ui (or those at ``paths``); each call gets its own copy."""
    chosen = tuple(sorted(paths if paths is not None else CRD_DIR.glob("*.yaml")))
    return copy.deepcopy(_parsed(chosen))


@functools.cache
def _parsed(paths: tuple[Path, ...]) -> list[dict[str, Any]]:
    """The documents of ``paths``, parsed once per process (every store of the demo and the tests needs them)."""
    docs: list[dict[str, Any]] = []
    for path in paths:
        docs += [doc for doc in yaml.safe_load_all(path.read_text()) if doc]
    return docs
