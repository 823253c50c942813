"""Watches on the demo cluster: ``?watch=true`` streams ADDED, MODIFIED and DELETED events.

:class:`WatchHub` keeps the store's recent changes, each with the resourceVersion it produced
(a deletion gets a new one, as on an API server). A watch from resourceVersion R replays the kept
events after R, then follows new ones; a watch without R (or R "0") starts with an ADDED event per
current object. R older than the oldest kept change is answered like the API server does: HTTP 200
and one ERROR event holding a 410 ``Expired`` Status, after which a client lists again. With
``allowWatchBookmarks=true`` a BOOKMARK with the newest resourceVersion follows the initial events.
``timeoutSeconds`` ends the stream. Selectors filter on each event's object (an object that stops
matching is not reported as DELETED, unlike a real API server).
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import copy
import threading
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from modelfs_lib.demo.resource_types import ResourceType
from modelfs_lib.demo.selectors import SelectorError, field_matcher, label_matcher
from modelfs_lib.demo.store import ApiError, ObjectStore

HISTORY = 2000
"""How many changes a hub keeps for watches that resume from a resourceVersion."""


@dataclass(frozen=True)
class Change:
    """One stored change: its event type, resourceVersion, type key and the object after it."""

    type: str
    resource_version: int
    group: str
    plural: str
    obj: dict[str, Any]


class WatchHub:
    """The recent changes of one store, and the watchers waiting for new ones."""

    def __init__(self, store: ObjectStore, history: int = HISTORY) -> None:
        self._store = store
        self._lock = threading.Lock()
        self._changes: collections.deque[Change] = collections.deque(maxlen=history)
        self._floor = int(store.resource_version())
        """Changes at or below this resourceVersion are not kept: a watch from before it gets 410."""
        self._waiters: list[tuple[asyncio.AbstractEventLoop, asyncio.Queue[Change | None]]] = []
        self._closed = False
        store.on_change(self._record)

    def _record(self, event: str, obj: dict[str, Any]) -> None:
        if event == "DELETED":  # an API server gives the deletion its own resourceVersion
            obj["metadata"]["resourceVersion"] = self._store.resource_version()
        api_version = str(obj.get("apiVersion", ""))
        group = api_version.rpartition("/")[0]
        rtype = next((t for t in self._store.types() if (t.group, t.kind) == (group, obj.get("kind"))), None)
        if rtype is None or not event:
            return
        change = Change(event, int(obj["metadata"]["resourceVersion"]), rtype.group, rtype.plural, obj)
        with self._lock:
            if len(self._changes) == self._changes.maxlen:
                self._floor = self._changes[0].resource_version
            self._changes.append(change)
            waiters = list(self._waiters)
        for loop, queue in waiters:
            with contextlib.suppress(RuntimeError):  # that loop has closed
                loop.call_soon_threadsafe(queue.put_nowait, change)

    def history(self) -> tuple[tuple[Change, ...], int]:
        """The kept changes and the floor below which a watch gets 410 (for a snapshot)."""
        with self._lock:
            return tuple(self._changes), self._floor

    def restart(self, changes: tuple[Change, ...] = (), floor: int | None = None) -> None:
        """End every open watch, and keep ``changes`` with ``floor`` as history; later watches are served again."""
        with self._lock:
            waiters = list(self._waiters)
            self._changes.clear()
            self._changes.extend(changes)
            self._floor = int(self._store.resource_version()) if floor is None else floor
            self._closed = False
        for loop, queue in waiters:
            with contextlib.suppress(RuntimeError):  # a loop already closed has no watch left to end
                loop.call_soon_threadsafe(queue.put_nowait, None)

    def close(self) -> None:
        """End every open watch (their streams return) and every later one at once: the server is stopping."""
        with self._lock:
            self._closed = True
            waiters = list(self._waiters)
        for loop, queue in waiters:
            with contextlib.suppress(RuntimeError):  # a loop already closed has no watch left to end
                loop.call_soon_threadsafe(queue.put_nowait, None)

    @contextlib.asynccontextmanager
    async def subscribe(
        self, since: int | None
    ) -> AsyncIterator[tuple[list[Change] | None, asyncio.Queue[Change | None]]]:
        """The kept changes after ``since`` (None: too old, or no ``since``: []) and a queue of new ones."""
        queue: asyncio.Queue[Change | None] = asyncio.Queue()
        entry = (asyncio.get_running_loop(), queue)
        with self._lock:
            self._waiters.append(entry)
            if self._closed:
                queue.put_nowait(None)
            if since is None:
                replay: list[Change] | None = []
            elif since < self._floor:
                replay = None
            else:
                replay = [c for c in self._changes if c.resource_version > since]
        try:
            yield replay, queue
        finally:
            with self._lock:
                self._waiters.remove(entry)


def _status_gone(since: str) -> dict[str, Any]:
    return {
        "type": "ERROR",
        "object": {
            "kind": "Status",
            "apiVersion": "v1",
            "metadata": {},
            "status": "Failure",
            "message": f"too old resource version: {since}",
            "reason": "Expired",
            "code": 410,
        },
    }


def _matcher(
    rtype: ResourceType, namespace: str | None, name: str | None, params: Mapping[str, str]
) -> Callable[[Change], bool]:
    try:
        labels_ok = label_matcher(params.get("labelSelector"))
        fields_ok = field_matcher(params.get("fieldSelector"))
    except SelectorError as e:
        raise ApiError(400, "BadRequest", str(e)) from e

    def matches(change: Change) -> bool:
        meta = change.obj.get("metadata", {})
        return (
            (change.group, change.plural) == (rtype.group, rtype.plural)
            and (not namespace or meta.get("namespace") == namespace)
            and (not name or meta.get("name") == name)
            and labels_ok(meta.get("labels") or {})
            and fields_ok(change.obj)
        )

    return matches


def stream(
    hub: WatchHub,
    store: ObjectStore,
    rtype: ResourceType,
    *,
    namespace: str | None,
    name: str | None,
    params: Mapping[str, str],
) -> AsyncIterator[dict[str, Any] | bytes]:
    """The watch's events (raises ApiError for a bad request before anything is streamed)."""
    matches = _matcher(rtype, namespace, name, params)
    since_text = params.get("resourceVersion", "")
    if since_text not in ("", "0") and not since_text.isdigit():
        raise ApiError(400, "BadRequest", f"invalid resourceVersion {since_text!r}")
    since = int(since_text) if since_text not in ("", "0") else None
    timeout = float(params["timeoutSeconds"]) if params.get("timeoutSeconds", "").isdigit() else None
    bookmarks = params.get("allowWatchBookmarks") == "true"

    async def events() -> AsyncIterator[dict[str, Any] | bytes]:
        yield b""  # send the headers now: a watch may wait long for its first event
        async with hub.subscribe(since) as (replay, queue):
            if replay is None:
                yield _status_gone(since_text)
                return
            if since is None:
                objects, listed_at = store.read_list(rtype, namespace or None)  # the stored dicts: only read
                newest = int(listed_at)
                for obj in objects:
                    change = Change("ADDED", int(obj["metadata"]["resourceVersion"]), rtype.group, rtype.plural, obj)
                    if matches(change):
                        yield {"type": "ADDED", "object": obj}
                seen = newest
            else:
                newest = int(store.resource_version())
                seen = since
                for change in replay:
                    if matches(change):
                        yield {"type": change.type, "object": copy.deepcopy(change.obj)}
                    seen = max(seen, change.resource_version)
            if bookmarks:
                marker = {"apiVersion": rtype.api_version, "kind": rtype.kind}
                yield {"type": "BOOKMARK", "object": {**marker, "metadata": {"resourceVersion": str(newest)}}}
            loop = asyncio.get_running_loop()
            deadline = loop.time() + timeout if timeout is not None else None
            while True:
                wait = None if deadline is None else deadline - loop.time()
                if wait is not None and wait <= 0:
                    return
                try:
                    arrived = await asyncio.wait_for(queue.get(), wait)
                except TimeoutError:
                    return
                if arrived is None:
                    return  # the server is stopping
                if arrived.resource_version > seen and matches(arrived):
                    yield {"type": arrived.type, "object": copy.deepcopy(arrived.obj)}

    return events()
