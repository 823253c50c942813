"""The store's objects by key, indexed by type so that a list reads only the objects of its type.

A key is (group, plural, namespace, name). Per type the keys are kept sorted (lazily, after a
create or a delete; a write that replaces an object leaves the order alone), so a list is the
type's objects in key order, and one namespace's objects are a slice of them.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, MutableMapping
from operator import itemgetter
from typing import Any

Key = tuple[str, str, str, str]  # group, plural, namespace, name
_NAMESPACE = itemgetter(0)


class _TypeObjects:
    """One type's objects by (namespace, name), and those keys in order."""

    def __init__(self) -> None:
        self.objects: dict[tuple[str, str], dict[str, Any]] = {}
        self._order: list[tuple[str, str]] | None = []

    def forget_order(self) -> None:
        self._order = None

    def in_order(self, namespace: str | None) -> list[dict[str, Any]]:
        if self._order is None:
            self._order = sorted(self.objects)
        order = self._order
        if namespace is None:
            return [self.objects[key] for key in order]
        start = bisect.bisect_left(order, namespace, key=_NAMESPACE)
        end = bisect.bisect_right(order, namespace, lo=start, key=_NAMESPACE)
        return [self.objects[key] for key in order[start:end]]


class ObjectTable(MutableMapping[Key, dict[str, Any]]):
    """A mapping of key to object that also answers :meth:`of_type` in key order."""

    def __init__(self, objects: MutableMapping[Key, dict[str, Any]] | None = None) -> None:
        self._types: dict[tuple[str, str], _TypeObjects] = {}
        self._size = 0
        for key, obj in (objects or {}).items():
            self[key] = obj

    def __getitem__(self, key: Key) -> dict[str, Any]:
        found = self._types.get(key[:2])
        if found is None:
            raise KeyError(key)
        return found.objects[key[2:]]

    def __setitem__(self, key: Key, obj: dict[str, Any]) -> None:
        group, plural, namespace, name = key
        of_type = self._types.setdefault((group, plural), _TypeObjects())
        if (namespace, name) not in of_type.objects:
            of_type.forget_order()
            self._size += 1
        of_type.objects[(namespace, name)] = obj

    def __delitem__(self, key: Key) -> None:
        found = self._types.get(key[:2])
        if found is None or key[2:] not in found.objects:
            raise KeyError(key)
        del found.objects[key[2:]]
        found.forget_order()
        self._size -= 1

    def __iter__(self) -> Iterator[Key]:
        for (group, plural), of_type in list(self._types.items()):
            for namespace, name in list(of_type.objects):
                yield (group, plural, namespace, name)

    def __len__(self) -> int:
        return self._size

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, tuple) or len(key) != 4:
            return False
        found = self._types.get(key[:2])
        return found is not None and key[2:] in found.objects

    def of_type(self, group: str, plural: str, namespace: str | None = None) -> list[dict[str, Any]]:
        """The objects of one type (in one namespace, if given) in key order: the stored ones, not copies."""
        found = self._types.get((group, plural))
        return found.in_order(namespace) if found is not None else []
