"""Who changed an object's spec meanwhile: read from its ``metadata.managedFields``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from modelfs_lib.resources.naming import FIELD_MANAGER


@dataclass(frozen=True)
class SpecEditor:
    """A field manager of the spec other than the console, the spec fields it owns and when it last wrote."""

    manager: str
    fields: tuple[str, ...]
    time: str


def spec_editors(obj: Mapping[str, Any]) -> list[SpecEditor]:
    """The managers (not ``modelfs-ui``) owning ``spec`` fields, the latest writer first; tolerant of any shape."""
    meta = obj.get("metadata")
    entries = meta.get("managedFields") if isinstance(meta, Mapping) else None
    found: list[SpecEditor] = []
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, Mapping) or entry.get("subresource"):
            continue
        manager = str(entry.get("manager") or "")
        owned = entry.get("fieldsV1")
        spec = owned.get("f:spec") if isinstance(owned, Mapping) else None
        if manager == FIELD_MANAGER or not isinstance(spec, Mapping):
            continue
        fields = tuple(f"spec.{key[2:]}" for key in spec if isinstance(key, str) and key.startswith("f:"))
        found.append(SpecEditor(manager or "an unnamed manager", fields or ("spec",), str(entry.get("time") or "")))
    return sorted(found, key=lambda e: e.time, reverse=True)


def changed_by(obj: Mapping[str, Any], field: str) -> str:
    """``"kubectl-edit (spec.versions, at 2024-…)"``: who last wrote ``field`` (or any spec field), for a sentence."""
    editors = spec_editors(obj)
    owning = [e for e in editors if field in e.fields] or editors
    if not owning:
        return "a writer that left no field ownership"
    latest = owning[0]
    when = f", at {latest.time}" if latest.time else ""
    return f"{latest.manager} ({', '.join(latest.fields)}{when})"


def changed_spec_fields(shown: Mapping[str, Any], live: Mapping[str, Any]) -> list[str]:
    """The top-level ``spec`` fields whose values differ between two manifests (``spec.versions``, ...)."""
    a, b = shown.get("spec"), live.get("spec")
    a = a if isinstance(a, Mapping) else {}
    b = b if isinstance(b, Mapping) else {}
    return [f"spec.{key}" for key in sorted(set(a) | set(b)) if a.get(key) != b.get(key)]
