"""Informers per (kind, namespace) of one connection, started on first use and stopped when nobody looks.

:class:`InformerRegistry` hands out one :class:`~modelfs_lib.client.informer.Informer` per kind
and namespace (``None``: all namespaces), fed by :class:`ClusterSource` through the connection's
client. Writes the console makes are applied to every informer that holds the object.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar

from modelfs_lib.client.cluster import ClusterClient
from modelfs_lib.client.informer import WATCH_SECONDS, Gate, Informer, ListPage, WatchEvent
from modelfs_lib.resources import Kind, Resource

R = TypeVar("R", bound=Resource)
IDLE_SECONDS = 600.0
"""An informer nobody read for this long is stopped (its namespace is no longer being looked at)."""


class ClusterSource:
    """LIST and WATCH of one kind in one namespace (or all) through a :class:`ClusterClient`."""

    def __init__(self, client: ClusterClient, kind: Kind, namespace: str | None) -> None:
        self._client = client
        self._kind = kind
        self._namespace = namespace

    def pages(self) -> Iterator[ListPage]:
        """The LIST, page by page as the API server answers."""
        return self._client.list_pages(self._kind, namespace=self._namespace)

    def watch(self, resource_version: str, timeout_seconds: int) -> Iterator[WatchEvent]:
        """The events from ``resource_version`` on."""
        return self._client.watch(
            self._kind, namespace=self._namespace, resource_version=resource_version, timeout_seconds=timeout_seconds
        )


class SharedParse:
    """Objects parsed once per (kind, namespace, name, resourceVersion) and shared by every informer holding them.

    A namespace's informer and the all-namespaces one of the same kind then keep one object each,
    not two; an object nobody holds any more is forgotten (weak references).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._objects: weakref.WeakValueDictionary[tuple[str, str, str, str], Resource] = weakref.WeakValueDictionary()

    def parser(self, cls: type[R]) -> Callable[[Mapping[str, Any]], R]:
        """``cls.from_dict``, sharing what an informer of this connection parsed already."""

        def parse(obj: Mapping[str, Any]) -> R:
            meta = obj.get("metadata")
            version = str(meta.get("resourceVersion") or "") if isinstance(meta, Mapping) else ""
            if not version or not isinstance(meta, Mapping):
                return cls.from_dict(obj)
            key = (cls.KIND.resource, str(meta.get("namespace") or ""), str(meta.get("name") or ""), version)
            with self._lock:
                found = self._objects.get(key)
            if isinstance(found, cls):
                return found
            parsed = cls.from_dict(obj)
            with self._lock:
                self._objects[key] = parsed
            return parsed

        return parse


class InformerRegistry:
    """The informers of one connection."""

    def __init__(
        self,
        client: ClusterClient,
        *,
        idle_seconds: float = IDLE_SECONDS,
        poll_seconds: float = 10.0,
        watch_seconds: int = WATCH_SECONDS,
    ) -> None:
        self._client = client
        self._watch_seconds = watch_seconds
        self._idle = idle_seconds
        self._poll = poll_seconds
        self._lock = threading.Lock()
        self._informers: dict[tuple[str, str | None], Informer[Any]] = {}
        self._parsed = SharedParse()
        self._listing = Gate()
        """Held by the informer reading and parsing a LIST: one list at a time is decoded in memory."""

    def informer(self, cls: type[R], namespace: str | None) -> Informer[R]:
        """The running informer of ``cls`` in ``namespace`` (started now if there is none)."""
        key = (cls.KIND.resource, namespace)
        self.evict_idle()
        with self._lock:
            found = self._informers.get(key)
            if found is None or found.stopped:
                source = ClusterSource(self._client, cls.KIND, namespace)
                found = Informer(
                    source,
                    self._parsed.parser(cls),
                    name=f"{cls.KIND.kind}/{namespace or '*'}",
                    poll_seconds=self._poll,
                    gate=self._listing,
                )
                self._informers[key] = found.start()
            informer: Informer[R] = found
            return informer

    def find(self, cls: type[R], namespace: str | None) -> Informer[R] | None:
        """The running informer of ``cls`` in ``namespace``, if one was started (none is started here)."""
        with self._lock:
            found = self._informers.get((cls.KIND.resource, namespace))
            if found is None or found.stopped:
                return None
            informer: Informer[R] = found
            return informer

    def written(self, kind: Kind, obj: Mapping[str, Any]) -> None:
        """Apply an object the console wrote to the informers that hold its kind and namespace."""
        namespace = str((obj.get("metadata") or {}).get("namespace") or "") or None
        for informer in self._holding(kind, namespace):
            informer.written(obj)

    def deleted(self, kind: Kind, namespace: str | None, name: str) -> None:
        """Forget an object the console deleted."""
        for informer in self._holding(kind, namespace):
            informer.deleted(name, namespace)

    def evict_idle(self, now: float | None = None) -> list[tuple[str, str | None]]:
        """Stop and drop the informers nobody read for ``idle_seconds``; their keys."""
        now = time.monotonic() if now is None else now
        with self._lock:
            idle = [key for key, inf in self._informers.items() if now - inf.last_used > self._idle]
            for key in idle:
                self._informers.pop(key).stop()
        return idle

    def running(self) -> list[tuple[str, str | None]]:
        """The keys of the running informers."""
        with self._lock:
            return sorted(self._informers, key=lambda k: (k[0], k[1] or ""))

    def stop_all(self) -> None:
        """Stop every informer."""
        with self._lock:
            for informer in self._informers.values():
                informer.stop()
            self._informers.clear()

    def _holding(self, kind: Kind, namespace: str | None) -> list[Informer[Any]]:
        with self._lock:
            return [
                inf
                for (plural, ns), inf in self._informers.items()
                if plural == kind.resource and (ns is None or ns == namespace)
            ]
