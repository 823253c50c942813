"""Namespace-scoped reads shared by every browser session, fed by LIST then WATCH.

Each (identity, kind, namespace) has one informer (:mod:`modelfs_lib.client.informers`): it lists
once, then follows the watch, and keeps the parsed objects once in memory, shared by reference by
every session. A page reads the informer's snapshot, so a change made anywhere shows at the next
rerun, and ten people watching one namespace cost the API server one watch. Writes made in the
console are applied to the informers at once. Where watching is refused, the informer polls (the
page says so). ``MODELFS_UI_CACHE_TTL=0`` turns the shared cache off: every read is a LIST.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Generic, TypeVar

import streamlit as st

from modelfs_lib.client import ActingAs, read_controller_deployments
from modelfs_lib.client.informer import Mode, Snapshot
from modelfs_lib.client.informers import InformerRegistry
from modelfs_lib.domain.controller import ControllerLocation
from modelfs_lib.domain.controller_status import ControllerStatus, controller_status, unreadable
from modelfs_lib.errors import ClusterError, ModelfsError, Timeout
from modelfs_lib.resources import Resource
from modelfs_lib.resources.registry import LISTED_CLASSES
from modelfs_lib.ui.connection import Connection, connect
from modelfs_lib.ui.settings import load_settings

R = TypeVar("R", bound=Resource)
T = TypeVar("T")
KINDS: dict[str, type[Resource]] = {cls.KIND.kind: cls for cls in LISTED_CLASSES}
"""The kinds read as lists. Not Secrets: one is read by name (a list would carry every Secret's values)."""
ConnectionKey = tuple[bool, str | None, str | None, ActingAs | None]
"""(demo, kubeconfig, context, whom requests act as): every cache below is per identity, so one person's
lists and allowed actions never reach another."""
CONTROLLER_TTL = 15.0
"""Seconds one reading of the controller's Deployments is shared (0 when ``MODELFS_UI_CACHE_TTL`` is 0)."""


@dataclass(frozen=True)
class Loaded(Generic[R]):
    """The result of a read: items, or the error that prevented them; ``mode``: how they are kept current."""

    items: list[R] = field(default_factory=list)
    error: ModelfsError | None = None
    fetched_at: dt.datetime | None = None
    mode: Mode | None = None
    version: int = 0
    pending: bool = False
    """Not read yet: the first LIST is on its way (only from :func:`peek`)."""
    note: ModelfsError | None = None
    """Why the list is polled or may be out of date (the items are still the last ones read)."""
    snapshot: tuple[R, ...] | None = None
    """The informer's shared tuple of objects: a new one exactly when the objects change (None: direct LIST)."""
    partial: bool = False
    """The items are the first pages of a LIST still being read (only from ``load(..., partial=True)``)."""
    remaining: int | None = None
    """While ``partial``: how many more objects the API server said are to come (None: it did not say)."""

    @property
    def ok(self) -> bool:
        """Whether the read succeeded."""
        return self.error is None and not self.pending

    def named(self, name: str) -> R | None:
        """The item called ``name``, or None (also when the read failed)."""
        return next((item for item in self.items if item.name == name), None)


@st.cache_resource
def _generations() -> tuple[threading.Lock, dict[tuple[ConnectionKey, str, str], int]]:
    return threading.Lock(), {}


def _cluster(key: ConnectionKey) -> ConnectionKey:
    """The key without its identity: a change is seen by everyone on that cluster."""
    return (key[0], key[1], key[2], None)


def _generation(key: ConnectionKey, kind: str, namespace: str) -> int:
    lock, generations = _generations()
    with lock:
        return generations.get((_cluster(key), kind, namespace), 0)


def generation(key: ConnectionKey, cls: type[Resource], namespace: str | None) -> int:
    """How often ``cls`` in ``namespace`` was changed through the console: part of a cache key."""
    return _generation(key, cls.KIND.kind, namespace or "")


def time_slot() -> int:
    """The current ``MODELFS_UI_CACHE_TTL``-long slot: part of a cache key, so a read is shared for the TTL."""
    return _time_slot(load_settings().cache_ttl)


def invalidate(key: ConnectionKey, cls: type[Resource], namespace: str | None) -> None:
    """Make everyone's next read of ``cls`` in ``namespace`` go to the API server."""
    lock, generations = _generations()
    with lock:
        slot = (_cluster(key), cls.KIND.kind, namespace or "")
        generations[slot] = generations.get(slot, 0) + 1


def _time_slot(ttl: float) -> int:
    """Which TTL-long slot of time this is: every session asking within one slot shares one answer."""
    return int(time.time() // ttl) if ttl > 0 else time.time_ns()


@st.cache_resource
def _registries() -> tuple[threading.Lock, dict[ConnectionKey, InformerRegistry]]:
    return threading.Lock(), {}


def registry(key: ConnectionKey) -> InformerRegistry:
    """The informers of ``key`` (one cluster, one identity), shared by every session that uses it."""
    lock, registries = _registries()
    with lock:
        found = registries.get(key)
        if found is None:
            found = registries[key] = InformerRegistry(connection(key).client)
        return found


def stop_informers() -> int:
    """Stop every informer of every connection (the process is ending, or a test is done); how many stopped."""
    lock, registries = _registries()
    with lock:
        stopped = sum(len(r.running()) for r in registries.values())
        for found in registries.values():
            found.stop_all()
        registries.clear()
    return stopped


def shared() -> bool:
    """Whether lists come from the shared informers (``MODELFS_UI_CACHE_TTL`` above 0), not a LIST per read."""
    return load_settings().cache_ttl > 0


def load(key: ConnectionKey, cls: type[R], namespace: str | None, *, partial: bool = False) -> Loaded[R]:
    """Every ``cls`` object in ``namespace`` (None: cluster-scoped): the informer's snapshot.

    The first read of a kind and namespace waits for its LIST (at most the request timeout); with
    ``partial``, for its first page only: the result is then :attr:`Loaded.partial` until the rest arrived.
    """
    settings = load_settings()
    if settings.cache_ttl <= 0:
        try:
            items = connection(key).client.list(cls, namespace=namespace or None)
        except (ClusterError, ModelfsError) as e:
            return Loaded(error=e)
        return Loaded(items=items, fetched_at=dt.datetime.now(dt.UTC))
    informer = registry(key).informer(cls, namespace or None)
    snap = informer.wait(partial=partial, timeout=settings.request_timeout)
    if partial and snap.partial:
        return replace(_loaded(snap), partial=True, remaining=snap.remaining)
    if not snap.synced:
        return Loaded(
            error=snap.error
            or Timeout(
                summary=f"The API server did not answer the list of {cls.KIND.plural} within "
                f"{settings.request_timeout:g} s.",
                hint="The page shows it as soon as the list arrives; if it never does, check the API server.",
            )
        )
    return _loaded(snap)


def _loaded(snap: Snapshot[R]) -> Loaded[R]:
    return Loaded(
        items=list(snap.items),
        fetched_at=dt.datetime.now(dt.UTC),
        mode=snap.mode,
        version=snap.version,
        note=snap.error,
        snapshot=snap.items,
    )


def peek(key: ConnectionKey, cls: type[R], namespace: str | None, *, start: bool = True) -> Loaded[R]:
    """Like :func:`load`, without waiting: a list whose first LIST has not arrived yet is ``pending``.

    Starts the informer, so asking early for what a page needs later has it read in parallel; with
    ``start`` False, a list nobody asked for yet is left alone (``pending``).
    """
    if load_settings().cache_ttl <= 0:
        return load(key, cls, namespace)
    informer = registry(key).informer(cls, namespace or None) if start else registry(key).find(cls, namespace or None)
    if informer is None:
        return Loaded(pending=True)
    snap = informer.snapshot()
    if snap.synced:
        return _loaded(snap)
    if snap.error is not None:
        return Loaded(error=snap.error, mode=snap.mode)
    return Loaded(pending=True, mode=snap.mode)


def stamp(key: ConnectionKey, cls: type[Resource], namespace: str | None) -> Hashable:
    """What identifies the list's current state without copying it: equal stamps, same objects.

    A list nobody asked for yet is not started by asking for its stamp.
    """
    if load_settings().cache_ttl <= 0:
        return None
    informer = registry(key).find(cls, namespace or None)
    if informer is None:
        return "not read"
    snap = informer.snapshot()
    return (snap.version, id(snap.items), snap.synced, type(snap.error).__name__)


def wait_for(key: ConnectionKey, cls: type[Resource], namespace: str | None, timeout: float) -> None:
    """Block until the first LIST of ``cls`` in ``namespace`` arrived or failed, at most ``timeout`` seconds."""
    if load_settings().cache_ttl > 0:
        registry(key).informer(cls, namespace or None).wait(timeout=timeout)


@dataclass(frozen=True)
class Unshared:
    """An input without a shared snapshot (not read yet, or failing): equal when its state is."""

    pending: bool
    error: str


def _same(old: tuple[object, ...], new: tuple[object, ...]) -> bool:
    """Snapshots are the same when they are the same objects; :class:`Unshared` states when equal."""
    return len(old) == len(new) and all(
        a is b or (isinstance(a, Unshared) and a == b) for a, b in zip(old, new, strict=True)
    )


class VersionMemo:
    """One derived value per slot, computed again only when the objects it is derived from change.

    ``inputs`` are the informers' snapshot tuples (:attr:`Loaded.snapshot`), compared by identity: a
    new tuple exactly when something changed. Callers asking for a slot at the same time wait for
    one computation. At most ``slots`` slots are kept (the least recently used goes first).
    """

    def __init__(self, slots: int = 64) -> None:
        self._lock = threading.Lock()
        self._slots: dict[Hashable, tuple[tuple[object, ...], Any]] = {}
        self._slot_locks: dict[Hashable, threading.Lock] = {}
        self._max = slots
        self.computed = 0
        """How many values were computed (for tests and the benchmark)."""

    def get(
        self,
        slot: Hashable,
        inputs: tuple[object, ...],
        compute: Callable[[], T],
        update: Callable[[tuple[object, ...], T], T | None] | None = None,
    ) -> T:
        """The value of ``slot`` for ``inputs``: the one kept if the inputs are the same objects, else computed.

        ``update(old_inputs, old_value)``, when given, may bring the kept value up to date more cheaply than
        ``compute`` (None: it cannot, compute it whole).
        """
        with self._lock:
            slot_lock = self._slot_locks.setdefault(slot, threading.Lock())
        with slot_lock:
            with self._lock:
                found = self._slots.get(slot)
            if found is not None and _same(found[0], inputs):
                value: T = found[1]
                return value
            updated = update(found[0], found[1]) if found is not None and update is not None else None
            value = compute() if updated is None else updated
            with self._lock:
                self._slots.pop(slot, None)
                self._slots[slot] = (inputs, value)
                self.computed += 1
                while len(self._slots) > self._max:
                    oldest = next(iter(self._slots))
                    del self._slots[oldest]
                    self._slot_locks.pop(oldest, None)
            return value


@st.cache_resource
def memo() -> VersionMemo:
    """The process's memo of derived data, shared by every session."""
    return VersionMemo()


def derived(
    slot: Hashable,
    sources: tuple[Loaded[Any], ...],
    compute: Callable[[], T],
    update: Callable[[T], T | None] | None = None,
) -> T:
    """``compute()`` once per change of ``sources`` for ``slot`` (include the connection key), shared by sessions.

    Reads without a shared snapshot (``MODELFS_UI_CACHE_TTL=0``, errors, pending) take part as their
    state; a direct LIST (no snapshot at all) computes every time. ``update(old_value)``, when given, is
    tried first when only the first source changed since the kept value was computed.
    """
    if any(s.snapshot is None and s.ok for s in sources):
        return compute()
    inputs = tuple(
        s.snapshot if s.snapshot is not None else Unshared(s.pending, type(s.error).__name__) for s in sources
    )

    def first_changed(old_inputs: tuple[object, ...], old: T) -> T | None:
        if update is None or not _same(old_inputs[1:], inputs[1:]) or not isinstance(inputs[0], tuple):
            return None
        return update(old)

    return memo().get(slot, inputs, compute, first_changed)


def written(key: ConnectionKey, cls: type[Resource], obj: Mapping[str, Any]) -> None:
    """Show an object the console just wrote (the API server's answer) at once."""
    registry(key).written(cls.KIND, obj)


def deleted(key: ConnectionKey, cls: type[Resource], namespace: str | None, name: str) -> None:
    """Forget an object the console just deleted (a finalizer may keep it: the watch then brings it back)."""
    registry(key).deleted(cls.KIND, namespace, name)


def connection(key: ConnectionKey) -> Connection:
    """The shared connection for ``key``, its requests made for the key's identity."""
    demo, kubeconfig, context, *rest = key  # a key made before identities (three parts) acts as the console
    return connect(demo, kubeconfig, context).acting_as(rest[0] if rest else None)


@st.cache_data(ttl=3600, show_spinner=False, max_entries=64)
def _controller(key: ConnectionKey, location: ControllerLocation, slot: int) -> ControllerStatus:
    del slot  # only part of the cache key
    try:
        client = connection(key).client
        found = read_controller_deployments(
            client, namespace=location.namespace, label_selector=location.selector, name=location.deployment
        )
    except ClusterError as e:
        return unreadable(location, e)  # a refusal is an answer too: shared for the TTL like a success
    return controller_status(location, found.deployments, namespace_exists=found.namespace_exists)


def controller(key: ConnectionKey, location: ControllerLocation) -> ControllerStatus:
    """Whether the controller at ``location`` is available, read at most every :data:`CONTROLLER_TTL` seconds."""
    ttl = CONTROLLER_TTL if load_settings().cache_ttl > 0 else 0
    return _controller(key, location, _time_slot(ttl))
