"""Field ownership for server-side apply: which manager set which leaf field.

Maps are walked key by key; lists and scalars are leaves (the CRDs mark their
lists atomic). Paths are tuples of keys, e.g. ``("spec", "sourceRef")``.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

Path = tuple[str, ...]
_IGNORED = {("apiVersion",), ("kind",), ("status",), ("metadata", "name"), ("metadata", "namespace")}


def leaf_paths(obj: Mapping[str, Any], prefix: Path = ()) -> set[Path]:
    """Every leaf field path of ``obj`` that field ownership tracks."""
    paths: set[Path] = set()
    for key, value in obj.items():
        path = (*prefix, str(key))
        if path in _IGNORED or (len(path) == 2 and path[0] == "metadata" and path[1] not in ("labels", "annotations")):
            continue
        if isinstance(value, Mapping) and value:
            paths |= leaf_paths(value, path)
        else:
            paths.add(path)
    return paths


def get_path(obj: Any, path: Path) -> Any:
    """The value at ``path`` or None."""
    for key in path:
        if not isinstance(obj, Mapping):
            return None
        obj = obj.get(key)
    return obj


def has_path(obj: Any, path: Path) -> bool:
    """Whether ``path`` exists in ``obj``."""
    for key in path:
        if not isinstance(obj, Mapping) or key not in obj:
            return False
        obj = obj[key]
    return True


def remove_path(obj: dict[str, Any], path: Path) -> None:
    """Delete ``path`` from ``obj`` and any maps it leaves empty."""
    parents = [obj]
    for key in path[:-1]:
        child = parents[-1].get(key)
        if not isinstance(child, dict):
            return
        parents.append(child)
    parents[-1].pop(path[-1], None)
    for depth in range(len(path) - 2, -1, -1):
        if not parents[depth + 1]:
            parents[depth].pop(path[depth], None)


def deep_merge(base: dict[str, Any], patch: Mapping[str, Any]) -> dict[str, Any]:
    """``patch`` merged over ``base``: maps merge, anything else replaces."""
    result = copy.deepcopy(base)
    for key, value in patch.items():
        if isinstance(value, Mapping) and isinstance(result.get(key), dict):
            result[key] = deep_merge(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


def merge_patch(base: Any, patch: Any) -> Any:
    """RFC 7386 JSON merge patch."""
    if not isinstance(patch, Mapping):
        return copy.deepcopy(patch)
    result = copy.deepcopy(base) if isinstance(base, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def changed_paths(old: Mapping[str, Any], new: Mapping[str, Any]) -> set[Path]:
    """Leaf paths whose value differs between ``old`` and ``new`` (set in ``new``)."""
    return {path for path in leaf_paths(new) if get_path(old, path) != get_path(new, path) or not has_path(old, path)}


def fields_v1(paths: set[Path]) -> dict[str, Any]:
    """Paths in the API server's ``FieldsV1`` shape: ``{"f:spec": {"f:sourceRef": {}}}``."""
    tree: dict[str, Any] = {}
    for path in sorted(paths):
        node = tree
        for key in path:
            node = node.setdefault(f"f:{key}", {})
    return tree


def format_path(path: Path) -> str:
    """``.spec.sourceRef`` as conflict messages write it."""
    return "".join(f".{key}" for key in path)
