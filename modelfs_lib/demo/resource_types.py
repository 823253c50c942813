"""The resource types an emulated cluster serves: built-in ones and those from CRDs."""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

CRD_DIR = Path(__file__).resolve().parent.parent / "crds"


@dataclass(frozen=True)
class ResourceType:
    """One served resource: where it lives, and how the server treats writes to it."""

    group: str
    version: str
    plural: str
    kind: str
    namespaced: bool = True
    has_status: bool = True
    schema: Mapping[str, Any] | None = field(default=None, compare=False, hash=False)
    short_names: tuple[str, ...] = ()

    @property
    def api_version(self) -> str:
        """``group/version``, or ``v1`` for the core group."""
        return f"{self.group}/{self.version}" if self.group else self.version

    @property
    def display(self) -> str:
        """``plural.group`` as the API server names it in messages."""
        return f"{self.plural}.{self.group}" if self.group else self.plural


BUILTIN_TYPES = (
    ResourceType("", "v1", "namespaces", "Namespace", namespaced=False, short_names=("ns",)),
    ResourceType("", "v1", "secrets", "Secret", has_status=False),
    ResourceType("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", short_names=("pvc",)),
    ResourceType("", "v1", "events", "Event", has_status=False, short_names=("ev",)),
    ResourceType("", "v1", "pods", "Pod", short_names=("po",)),
    ResourceType("", "v1", "configmaps", "ConfigMap", has_status=False, short_names=("cm",)),
    ResourceType("batch", "v1", "jobs", "Job"),
    ResourceType("apps", "v1", "deployments", "Deployment", short_names=("deploy",)),
)


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
