"""A shared object cache fed by LIST then WATCH, like controller-runtime's informers.

One :class:`Informer` per (kind, namespace) lists once, then watches from the list's
resourceVersion and applies each event to a dict of parsed, typed objects. Readers take a
:class:`Snapshot`: an immutable tuple of those objects, shared by reference (no copies per
reader), with a version that changes exactly when the objects do, so derived data can be
computed once per change. A watch that ends is resumed from the last resourceVersion seen; 410
Gone or a broken watch relists with backoff (a LIST whose continue token expired between two pages
is read again at once, once); where watching is refused (403) or not served
(405), the informer polls with LIST instead and says so in :attr:`Snapshot.mode`. A write made
by the console is applied at once through :meth:`Informer.written`. The first LIST is read page by
page and published as it comes (:attr:`Snapshot.partial`) for readers that can show part of a list.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import logging
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, Protocol, TypeVar

from modelfs_lib.errors import ClusterError, ModelfsError

T = TypeVar("T")
log = logging.getLogger("modelfs_lib.client.informer")
WATCH_SECONDS = 240
"""How long one watch request may last before it is renewed (the API server caps it too)."""


class Mode(StrEnum):
    """How the informer keeps up with the cluster."""

    STARTING = "starting"
    WATCHING = "watching"
    POLLING = "polling"
    FAILING = "failing"
    STOPPED = "stopped"


@dataclass(frozen=True)
class WatchEvent:
    """One event of a watch: ADDED, MODIFIED, DELETED, BOOKMARK or ERROR, with the object as sent."""

    type: str
    object: Mapping[str, Any]


@dataclass(frozen=True)
class ListPage:
    """One page of a LIST: its objects, the list's resourceVersion, and what the server said is left."""

    items: list[dict[str, Any]]
    resource_version: str
    remaining: int | None = None
    """Objects still to come after this page (``remainingItemCount``), when the server said."""
    last: bool = True


class Source(Protocol):
    """Where an informer reads: a LIST page by page, and a WATCH from the list's resourceVersion."""

    def pages(self) -> Iterator[ListPage]: ...

    def watch(self, resource_version: str, timeout_seconds: int) -> Iterator[WatchEvent]: ...


@dataclass(frozen=True)
class Snapshot(Generic[T]):
    """What an informer holds now. ``items`` are shared, never copied; ``version`` changes with them."""

    items: tuple[T, ...] = ()
    version: int = 0
    synced: bool = False
    mode: Mode = Mode.STARTING
    error: ModelfsError | None = None
    resource_version: str = ""
    remaining: int | None = None
    """While the first LIST is read page by page (``items`` are the objects read so far, ``synced`` is
    False): how many more the API server said are to come (None: it did not say, or the list is whole)."""

    @property
    def partial(self) -> bool:
        """Whether ``items`` are the first pages of a LIST still being read (not one that failed on its way)."""
        return not self.synced and bool(self.items) and self.error is None


def _key(obj: Mapping[str, Any]) -> str:
    """``namespace/name`` (a cluster-wide informer holds same-named objects of several namespaces)."""
    meta = obj.get("metadata")
    if not isinstance(meta, Mapping):
        return ""
    return f"{meta.get('namespace') or ''}/{meta.get('name', '')}"


def _resource_version(obj: Mapping[str, Any]) -> str:
    meta = obj.get("metadata")
    return str(meta.get("resourceVersion", "")) if isinstance(meta, Mapping) else ""


def _newer(a: str, b: str) -> bool:
    """Whether resourceVersion ``a`` is newer than ``b`` (numeric when both are; otherwise "different")."""
    if a.isdigit() and b.isdigit():
        return int(a) > int(b)
    return a != b


@dataclass
class _State(Generic[T]):
    objects: dict[str, tuple[str, T]] = field(default_factory=dict)
    snapshot: Snapshot[T] = field(default_factory=Snapshot)
    listing: bool = False
    touched: dict[str, tuple[str, T] | None] = field(default_factory=dict)
    """What was written (or deleted: None) while a LIST is read: kept over the list's pages, which predate it."""


class Gate:
    """A lock taken in turn (first come, first served): an informer reading a long list page by page, which
    takes it again right after each page, lets the others waiting between its pages go first."""

    def __init__(self) -> None:
        self._turns: collections.deque[object] = collections.deque()
        self._held = False
        self._changed = threading.Condition()

    def __enter__(self) -> None:
        turn = object()
        with self._changed:
            self._turns.append(turn)
            while self._held or self._turns[0] is not turn:
                self._changed.wait()
            self._turns.popleft()
            self._held = True

    def __exit__(self, *exc: object) -> None:
        with self._changed:
            self._held = False
            self._changed.notify_all()


class Gone(Exception):
    """The watch's resourceVersion is too old (410 Gone): relist."""


class Informer(Generic[T]):
    """LIST once, then WATCH; the parsed objects are shared by every reader.

    ``parse`` turns an object dict into the typed resource. ``poll_seconds``: the LIST interval
    when watching is not possible. ``backoff``: first and longest wait after a failure. ``gate``:
    held while a page of a LIST is read and parsed (informers sharing one read their pages one at a
    time: the decoded pages are not all in memory at once, and a small list is not held up by a large one).
    """

    def __init__(
        self,
        source: Source,
        parse: Callable[[Mapping[str, Any]], T],
        *,
        name: str = "informer",
        poll_seconds: float = 10.0,
        backoff: tuple[float, float] = (0.5, 30.0),
        watch_seconds: int = WATCH_SECONDS,
        gate: AbstractContextManager[object] | None = None,
    ) -> None:
        self._source = source
        self._parse = parse
        self._name = name
        self._poll = poll_seconds
        self._backoff = backoff
        self._watch_seconds = watch_seconds
        self._gate = gate if gate is not None else contextlib.nullcontext()
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._state: _State[T] = _State()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.lists = 0
        self.watches = 0
        self.last_used = time.monotonic()

    # ---- readers --------------------------------------------------------------
    def snapshot(self) -> Snapshot[T]:
        """What the informer holds now (marks it as used)."""
        self.last_used = time.monotonic()
        with self._lock:
            return self._state.snapshot

    def wait(
        self, *, newer_than: int = -1, synced: bool = True, partial: bool = False, timeout: float = 10.0
    ) -> Snapshot[T]:
        """Block until the snapshot is synced (and its version above ``newer_than``), or ``timeout`` passed.

        ``partial``: the first pages of the first LIST are enough (see :attr:`Snapshot.partial`).
        """
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                snap = self._state.snapshot
                ready = (snap.synced or not synced or (partial and snap.partial)) and snap.version > newer_than
                remaining = deadline - time.monotonic()
                if ready or remaining <= 0 or (snap.error is not None and not snap.synced):
                    self.last_used = time.monotonic()
                    return snap
                self._changed.wait(remaining)

    # ---- writers --------------------------------------------------------------
    def written(self, obj: Mapping[str, Any]) -> None:
        """Apply an object the console just wrote (the API server's answer), unless a newer one is known."""
        self._upsert(obj)

    def deleted(self, name: str, namespace: str | None = None) -> None:
        """Forget an object the console just deleted."""
        key = f"{namespace or ''}/{name}"
        with self._changed:
            if self._state.listing:
                self._state.touched[key] = None
            if self._state.objects.pop(key, None) is not None:
                self._publish()

    # ---- lifecycle ------------------------------------------------------------
    def start(self) -> Informer[T]:
        """Run on a daemon thread until :meth:`stop`."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name=f"informer-{self._name}", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop at the next event, poll or backoff; readers keep the last snapshot."""
        self._stop.set()
        with self._changed:
            self._state.snapshot = _replace(self._state.snapshot, mode=Mode.STOPPED)
            self._changed.notify_all()

    @property
    def stopped(self) -> bool:
        """Whether :meth:`stop` was called."""
        return self._stop.is_set()

    # ---- the loop -------------------------------------------------------------
    def _run(self) -> None:
        delay = self._backoff[0]
        expired = False
        while not self._stop.is_set():
            try:
                resource_version = self._relist()
                delay, expired = self._backoff[0], False
                self._watch_from(resource_version)
            except Gone:
                continue  # relist at once
            except ClusterError as e:
                if e.status == 410 and not expired:  # expired: a list's continue token, or the watch's version
                    expired = True  # list again at once, once; a second expiry in a row backs off
                    continue
                if e.status in (403, 405) and self._state.snapshot.synced:
                    self._set_mode(Mode.POLLING, e)  # the error says why: a synced snapshot's error is a note
                    self._stop.wait(self._poll)
                    continue
                self._set_mode(Mode.FAILING, e)
                self._stop.wait(delay)
                delay = min(delay * 2, self._backoff[1])
            except ModelfsError as e:
                self._set_mode(Mode.FAILING, e)
                self._stop.wait(delay)
                delay = min(delay * 2, self._backoff[1])
            except Exception as e:  # an unexpected answer must not end the informer for good
                log.exception("informer %s: unexpected failure", self._name)
                self._set_mode(Mode.FAILING, ModelfsError(f"Reading {self._name} failed unexpectedly: {e}"))
                self._stop.wait(delay)
                delay = min(delay * 2, self._backoff[1])

    def _relist(self) -> str:
        first = not self._state.snapshot.synced  # readers get the first pages as they come; a relist is swapped whole
        parsed: dict[str, tuple[str, T]] = {}
        resource_version = ""
        shown = 0  # objects in the last partial snapshot: the next one is published at twice as many
        with self._changed:
            self._state.listing, self._state.touched = True, {}
        pages = iter(self._source.pages())
        try:
            while True:
                if self._stop.is_set():
                    return resource_version  # stopped (evicted): no more pages are read, nothing is published
                with self._gate:  # one page read and parsed at a time, whichever informer's it is
                    page = next(pages, None)
                    if page is None:
                        break
                    items = page.items[::-1]
                    page.items.clear()  # the page's decoded objects are dropped as they are parsed
                    while items:
                        item = items.pop()
                        parsed[_key(item)] = (_resource_version(item), self._parse(item))
                resource_version = page.resource_version
                if first and not page.last and len(parsed) >= 2 * shown:
                    shown = len(parsed)
                    with self._changed:
                        self._state.objects = self._with_touched(dict(parsed))
                        self._publish(remaining=page.remaining, error=None)
            self.lists += 1
            with self._changed:
                parsed = self._with_touched(parsed)
                old = self._state.objects
                unchanged = not first and old.keys() == parsed.keys() and all(old[k][0] == parsed[k][0] for k in parsed)
                if not unchanged:
                    self._state.objects = parsed
                snap = self._state.snapshot
                polling = snap.error if snap.mode is Mode.POLLING else None  # still why it polls
                self._publish(
                    resource_version=resource_version, synced=True, error=polling, bump=not unchanged, remaining=None
                )
            return resource_version
        finally:
            close = getattr(pages, "close", None)
            if callable(close):
                close()
            with self._changed:
                self._state.listing, self._state.touched = False, {}

    def _with_touched(self, parsed: dict[str, tuple[str, T]]) -> dict[str, tuple[str, T]]:
        """``parsed`` with what was written or deleted since the list began (caller holds the lock)."""
        for key, known in self._state.touched.items():
            if known is None:
                parsed.pop(key, None)
            elif key not in parsed or _newer(known[0], parsed[key][0]):
                parsed[key] = known
        return parsed

    def _watch_from(self, resource_version: str) -> None:
        while not self._stop.is_set():
            self.watches += 1
            opened = self._state.snapshot.mode is not Mode.POLLING
            if opened:  # while polling, only a watch that answers ends it (no flicker on each refused try)
                self._set_mode(Mode.WATCHING, None)
            for event in self._source.watch(resource_version, self._watch_seconds):
                if not opened:
                    opened = True
                    self._set_mode(Mode.WATCHING, None)
                if self._stop.is_set():
                    return
                if event.type == "ERROR":
                    code = event.object.get("code")
                    if code == 410:
                        raise Gone()
                    raise ClusterError(summary=str(event.object.get("message", "The watch failed.")), status=None)
                resource_version = _resource_version(event.object) or resource_version
                if event.type == "BOOKMARK":
                    self._note_resource_version(resource_version)
                elif event.type == "DELETED":
                    with self._changed:
                        if self._state.objects.pop(_key(event.object), None) is not None:
                            self._publish()
                else:
                    self._upsert(event.object)
            if not opened:  # the watch was served and ended quietly: watching works
                self._set_mode(Mode.WATCHING, None)

    # ---- state ----------------------------------------------------------------
    def _upsert(self, obj: Mapping[str, Any]) -> None:
        key, version = _key(obj), _resource_version(obj)
        with self._changed:
            known = self._state.objects.get(key)
            if known is not None and (known[0] == version or not _newer(version, known[0])):
                return
            self._state.objects[key] = (version, self._parse(obj))
            if self._state.listing:
                self._state.touched[key] = self._state.objects[key]
            self._publish()

    def _note_resource_version(self, resource_version: str) -> None:
        with self._changed:
            self._state.snapshot = _replace(self._state.snapshot, resource_version=resource_version)

    def _set_mode(self, mode: Mode, error: ModelfsError | None) -> None:
        with self._changed:
            snap = self._state.snapshot
            if snap.mode is not mode or snap.error is not error:
                self._state.snapshot = _replace(snap, mode=mode, error=error)
                self._changed.notify_all()

    def _publish(
        self,
        *,
        resource_version: str | None = None,
        synced: bool | None = None,
        error: Any = ...,
        bump: bool = True,
        remaining: Any = ...,
    ) -> None:
        """Make a new snapshot of the objects (caller holds the lock)."""
        snap = self._state.snapshot
        items = tuple(obj for _, (_, obj) in sorted(self._state.objects.items())) if bump else snap.items
        self._state.snapshot = Snapshot(
            items=items,
            version=snap.version + 1 if bump else snap.version,
            synced=snap.synced if synced is None else synced,
            mode=snap.mode,
            error=snap.error if error is ... else error,
            resource_version=snap.resource_version if resource_version is None else resource_version,
            remaining=snap.remaining if remaining is ... else remaining,
        )
        self._changed.notify_all()


def _replace(snap: Snapshot[T], **changes: Any) -> Snapshot[T]:
    return dataclasses.replace(snap, **changes)
