"""A live object as text to keep or apply elsewhere: the appliable manifest, and the full object for reading.

The appliable manifest is what ``kubectl apply -f`` takes back: ``apiVersion``, ``kind``, ``metadata``
cut down to name, namespace, labels and annotations (no kubectl last-applied annotation), and ``spec``.
Nothing the API server or a controller writes (uid, resourceVersion, generation, creationTimestamp,
managedFields, finalizers, status) is in it.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from modelfs_lib.domain.manifest_text import dump_yaml
from modelfs_lib.resources.base import LAST_APPLIED_ANNOTATION

KEPT_METADATA = ("name", "namespace", "labels", "annotations")
"""The ``metadata`` fields an appliable manifest keeps."""


def appliable_manifest(raw: Mapping[str, Any]) -> dict[str, Any]:
    """``raw`` (an object as the API server sends it) as a manifest to apply: see the module docstring."""
    metadata = raw.get("metadata")
    metadata = metadata if isinstance(metadata, Mapping) else {}
    kept: dict[str, Any] = {}
    for key in KEPT_METADATA:
        value = metadata.get(key)
        if isinstance(value, Mapping):
            value = {k: v for k, v in value.items() if k != LAST_APPLIED_ANNOTATION}
        if value not in (None, "", {}):
            kept[key] = copy.deepcopy(value)
    manifest: dict[str, Any] = {"apiVersion": raw.get("apiVersion"), "kind": raw.get("kind"), "metadata": kept}
    if "spec" in raw:
        manifest["spec"] = copy.deepcopy(raw["spec"])
    return manifest


def appliable_yaml(raw: Mapping[str, Any]) -> str:
    """:func:`appliable_manifest` as YAML, keys in the stable order."""
    return dump_yaml(appliable_manifest(raw))


def live_yaml(raw: Mapping[str, Any]) -> str:
    """The whole object with its status, for reading: only ``managedFields`` (bookkeeping) is left out."""
    shown = copy.deepcopy(dict(raw))
    metadata = shown.get("metadata")
    if isinstance(metadata, dict):
        metadata.pop("managedFields", None)
    return dump_yaml(shown)
