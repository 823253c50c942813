"""Paged lists (``limit`` and ``continue``) with the API server's consistency: every page of a list
shows the objects as they were when its first page was served.

The first page of a list that does not fit keeps the matched objects (the store's own dicts, which
writes replace and never change) under a snapshot id for a while (:attr:`ListPages.ttl`) and for a
handful of lists at most. A ``continue`` token names the snapshot and where the next page starts;
an unknown, malformed or expired token is answered 410 ``Expired``, as the API server answers a
token whose resourceVersion has been compacted.
"""

from __future__ import annotations

import base64
import binascii
import collections
import itertools
import json
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from modelfs_lib.demo.store import ApiError

EXPIRED_MESSAGE = (
    "The provided continue parameter is too old to display a consistent list result. "
    "You can start a new list without the continue parameter."
)


@dataclass(frozen=True)
class _Snapshot:
    scope: tuple[str, str, str | None]
    items: Sequence[dict[str, Any]]
    resource_version: str
    taken: float


@dataclass(frozen=True)
class Page:
    """One page of a list: its items and its ``metadata``."""

    items: list[dict[str, Any]]
    resource_version: str
    token: str = ""
    remaining: int = 0

    def metadata(self) -> dict[str, Any]:
        """The list's ``metadata``: resourceVersion, and ``continue`` with remainingItemCount if more remain."""
        meta: dict[str, Any] = {"resourceVersion": self.resource_version}
        if self.token:
            meta["continue"] = self.token
            meta["remainingItemCount"] = self.remaining
        return meta


def parse_limit(text: str | None) -> int:
    """The ``limit`` parameter: 0 (everything) when absent; 400 when not a number."""
    if not text:
        return 0
    try:
        limit = int(text)
    except ValueError:
        raise ApiError(400, "BadRequest", f"invalid limit {text!r}") from None
    return max(limit, 0)


def expired() -> ApiError:
    """The 410 an API server answers for a continue token it can no longer serve."""
    return ApiError(410, "Expired", EXPIRED_MESSAGE)


class ListPages:
    """The snapshots of the lists being read page by page."""

    def __init__(self, *, ttl: float = 60.0, keep: int = 64, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        """Seconds a list's snapshot is kept after its first page."""
        self.keep = keep
        """How many lists' snapshots are kept at most (the oldest goes first); they hold the stored objects
        themselves, not copies, so many lists read at once (sessions, identities, namespaces) cost little."""
        self._clock = clock
        self._lock = threading.Lock()
        self._snapshots: collections.OrderedDict[str, _Snapshot] = collections.OrderedDict()
        self._ids = itertools.count(1)

    def first(
        self, scope: tuple[str, str, str | None], items: Sequence[dict[str, Any]], resource_version: str, limit: int
    ) -> Page:
        """The first page of ``items`` (listed at ``resource_version``); keeps them if more pages follow."""
        if not limit or len(items) <= limit:
            return Page(list(items), resource_version)
        snapshot = _Snapshot(scope, items, resource_version, self._clock())
        with self._lock:
            self._expire()
            snapshot_id = f"{next(self._ids)}"
            self._snapshots[snapshot_id] = snapshot
            while len(self._snapshots) > self.keep:
                self._snapshots.popitem(last=False)
        return self._page(snapshot_id, snapshot, 0, limit)

    def next(self, scope: tuple[str, str, str | None], token: str, limit: int) -> Page:
        """The page a ``continue`` token asks for (410 Expired when its snapshot is gone)."""
        snapshot_id, start = _decode(token)
        snapshot = self._snapshots_get(snapshot_id)
        if snapshot.scope != scope:
            raise ApiError(400, "BadRequest", "continue key is not valid: it belongs to another list")
        return self._page(snapshot_id, snapshot, start, limit)

    def clear(self) -> None:
        """Forget every snapshot: their tokens are answered 410."""
        with self._lock:
            self._snapshots.clear()

    def _snapshots_get(self, snapshot_id: str) -> _Snapshot:
        with self._lock:
            self._expire()
            snapshot = self._snapshots.get(snapshot_id)
        if snapshot is None:
            raise expired()
        return snapshot

    def _page(self, snapshot_id: str, snapshot: _Snapshot, start: int, limit: int) -> Page:
        end = len(snapshot.items) if not limit else min(start + limit, len(snapshot.items))
        items = list(snapshot.items[start:end])
        if end >= len(snapshot.items):
            with self._lock:
                self._snapshots.pop(snapshot_id, None)
            return Page(items, snapshot.resource_version)
        token = _encode(snapshot_id, snapshot.resource_version, end)
        return Page(items, snapshot.resource_version, token, len(snapshot.items) - end)

    def _expire(self) -> None:
        now = self._clock()
        for snapshot_id in [i for i, s in self._snapshots.items() if now - s.taken > self.ttl]:
            del self._snapshots[snapshot_id]


def _encode(snapshot_id: str, resource_version: str, start: int) -> str:
    raw = json.dumps({"v": "meta.k8s.io/v1", "rv": int(resource_version), "id": snapshot_id, "start": start})
    return base64.urlsafe_b64encode(raw.encode()).decode()


def _decode(token: str) -> tuple[str, int]:
    """The snapshot id and start offset of a token (410 Expired for anything malformed)."""
    try:
        raw = json.loads(base64.urlsafe_b64decode(token.encode()))
        snapshot_id, start = raw["id"], raw["start"]
    except (ValueError, TypeError, KeyError, binascii.Error):
        raise expired() from None
    if not isinstance(snapshot_id, str) or not isinstance(start, int) or isinstance(start, bool) or start < 0:
        raise expired()
    return snapshot_id, start
