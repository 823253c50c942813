"""The shared object cache: LIST once then WATCH, relist on 410, poll where watching is refused, write-through."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from modelfs_lib.client.informer import Gate, Informer, ListPage, Mode, WatchEvent
from modelfs_lib.errors import ClusterError, Forbidden, Gone, ServerError

END = object()


def obj(name: str, rv: int, **spec: Any) -> dict[str, Any]:
    return {"metadata": {"name": name, "resourceVersion": str(rv)}, "spec": spec}


class FakeSource:
    """A list answer and a queue of watch events; every call is recorded."""

    def __init__(self, items: list[dict[str, Any]], rv: int = 10, page_size: int = 0) -> None:
        self.items = items
        self.rv = rv
        self.page_size = page_size
        """Objects per page (0: one page); each page after the first waits for ``next_page``."""
        self.next_page = threading.Event()
        self.calls: list[tuple[str, str]] = []
        self.events: queue.Queue[object] = queue.Queue()
        self.watch_error: ClusterError | None = None
        self.list_errors: list[ClusterError] = []

    def list(self) -> tuple[list[dict[str, Any]], str]:
        self.calls.append(("list", ""))
        if self.list_errors:
            raise self.list_errors.pop(0)
        return [dict(i) for i in self.items], str(self.rv)

    def pages(self) -> Iterator[ListPage]:
        items, rv = self.list()
        size = self.page_size or max(len(items), 1)
        for start in range(0, max(len(items), 1), size):
            if start:
                assert self.next_page.wait(5), "the test never asked for the next page"
                self.next_page.clear()
            rest = len(items) - start - size
            yield ListPage(items[start : start + size], rv, rest if rest > 0 else None, last=rest <= 0)

    def watch(self, resource_version: str, timeout_seconds: int) -> Iterator[WatchEvent]:
        self.calls.append(("watch", resource_version))
        if self.watch_error is not None:
            raise self.watch_error
        while True:
            try:
                item = self.events.get(timeout=1)
            except queue.Empty:
                return  # the watch timed out, as a real one does
            if item is END:
                return
            assert isinstance(item, WatchEvent)
            yield item


def parse(data: Mapping[str, Any]) -> tuple[str, str]:
    return data["metadata"]["name"], data["metadata"]["resourceVersion"]


@pytest.fixture
def source() -> FakeSource:
    return FakeSource([obj("a", 3), obj("b", 5)])


def started(source: FakeSource, **kw: Any) -> Informer[tuple[str, str]]:
    return Informer(source, parse, backoff=(0.01, 0.05), poll_seconds=0.05, **kw).start()


def wait_for(condition: Any, timeout: float = 5.0) -> None:
    done = threading.Event()
    for _ in range(int(timeout / 0.01)):
        if condition():
            return
        done.wait(0.01)
    raise AssertionError("condition not met in time")


def test_lists_once_then_applies_watch_events_without_listing_again(source: FakeSource) -> None:
    informer = started(source)
    snap = informer.wait()
    assert snap.items == (("a", "3"), ("b", "5")) and snap.synced
    source.events.put(WatchEvent("ADDED", obj("c", 11)))
    source.events.put(WatchEvent("MODIFIED", obj("a", 12)))
    source.events.put(WatchEvent("DELETED", obj("b", 13)))
    wait_for(lambda: informer.snapshot().items == (("a", "12"), ("c", "11")))
    assert [c for c in source.calls if c[0] == "list"] == [("list", "")]
    assert ("watch", "10") in source.calls
    assert informer.snapshot().mode is Mode.WATCHING
    informer.stop()


def test_snapshots_are_shared_and_change_version_only_with_the_objects(source: FakeSource) -> None:
    informer = started(source)
    first = informer.wait()
    assert informer.snapshot() is first and informer.snapshot().items is first.items
    source.events.put(WatchEvent("MODIFIED", obj("a", 3)))  # the same resourceVersion: nothing new
    source.events.put(WatchEvent("BOOKMARK", {"metadata": {"resourceVersion": "20"}}))
    wait_for(lambda: informer.snapshot().resource_version == "20")
    assert informer.snapshot().version == first.version
    source.events.put(WatchEvent("MODIFIED", obj("a", 21)))
    assert informer.wait(newer_than=first.version).version == first.version + 1
    informer.stop()


def test_a_watch_that_ends_is_resumed_from_the_last_resource_version(source: FakeSource) -> None:
    informer = started(source)
    informer.wait()
    source.events.put(WatchEvent("ADDED", obj("c", 14)))
    source.events.put(END)
    wait_for(lambda: ("watch", "14") in source.calls)
    assert [c[0] for c in source.calls].count("list") == 1
    informer.stop()


def test_410_gone_relists(source: FakeSource) -> None:
    informer = started(source)
    informer.wait()
    source.items = [obj("z", 30)]
    source.rv = 30
    source.events.put(WatchEvent("ERROR", {"kind": "Status", "code": 410, "message": "too old resource version"}))
    wait_for(lambda: informer.snapshot().items == (("z", "30"),))
    assert [c[0] for c in source.calls].count("list") == 2
    assert ("watch", "30") in source.calls
    informer.stop()


def test_a_forbidden_watch_falls_back_to_polling_and_says_so(source: FakeSource) -> None:
    source.watch_error = Forbidden(summary="may not watch", status=403)
    informer = started(source)
    informer.wait()
    wait_for(lambda: informer.snapshot().mode is Mode.POLLING)
    source.items = [obj("a", 40)]
    wait_for(lambda: informer.snapshot().items == (("a", "40"),))
    assert [c[0] for c in source.calls].count("list") >= 2
    informer.stop()


def test_a_failing_list_backs_off_reports_the_error_and_recovers(source: FakeSource) -> None:
    source.list_errors = [ServerError(summary="boom", status=500), ServerError(summary="boom", status=500)]
    informer = Informer(source, parse, backoff=(0.5, 1.0)).start()  # fails at 0 s and 0.5 s, lists at 1.5 s
    wait_for(lambda: informer.snapshot().error is not None)
    assert informer.snapshot().mode is Mode.FAILING and not informer.snapshot().synced
    assert informer.wait(timeout=0.01).error is not None  # a reader is not kept waiting on a failing cluster
    wait_for(lambda: informer.snapshot().synced)
    snap = informer.snapshot()
    assert snap.error is None and len(snap.items) == 2 and snap.mode is Mode.WATCHING
    informer.stop()


def test_a_write_shows_at_once_and_an_older_event_does_not_undo_it(source: FakeSource) -> None:
    informer = started(source)
    informer.wait()
    informer.written(obj("a", 50))
    assert ("a", "50") in informer.snapshot().items
    source.events.put(WatchEvent("MODIFIED", obj("a", 45)))  # older than what the write returned
    source.events.put(WatchEvent("ADDED", obj("d", 51)))
    wait_for(lambda: ("d", "51") in informer.snapshot().items)
    assert ("a", "50") in informer.snapshot().items
    informer.deleted("b", None)
    assert [i[0] for i in informer.snapshot().items] == ["a", "d"]
    informer.stop()


class SlowSource(FakeSource):
    """A list that takes a while, noting how many are being read at once."""

    reading = 0
    most = 0
    lock = threading.Lock()

    def list(self) -> tuple[list[dict[str, Any]], str]:
        with SlowSource.lock:
            SlowSource.reading += 1
            SlowSource.most = max(SlowSource.most, SlowSource.reading)
        threading.Event().wait(0.1)
        with SlowSource.lock:
            SlowSource.reading -= 1
        return super().list()


def test_informers_sharing_a_gate_read_their_lists_one_at_a_time() -> None:
    gate = threading.Lock()
    informers = [Informer(SlowSource([obj(f"o{i}", 1)]), parse, gate=gate).start() for i in range(3)]
    try:
        snapshots = [informer.wait(timeout=5) for informer in informers]
        assert all(snap.synced for snap in snapshots)
        assert [snap.items for snap in snapshots] == [(("o0", "1"),), (("o1", "1"),), (("o2", "1"),)]
        assert SlowSource.most == 1
    finally:
        for informer in informers:
            informer.stop()


def test_the_first_list_is_shown_page_by_page_and_only_a_whole_one_counts_as_synced() -> None:
    source = FakeSource([obj(f"o{i}", i + 1) for i in range(5)], page_size=2)
    informer = started(source)
    first = informer.wait(partial=True)
    assert first.items == (("o0", "1"), ("o1", "2")) and first.partial and not first.synced
    assert first.remaining == 3
    assert informer.wait(timeout=0.05).synced is False  # a reader needing the whole list still waits
    source.next_page.set()
    wait_for(lambda: len(informer.snapshot().items) == 4)
    assert informer.snapshot().remaining == 1 and informer.snapshot().partial
    source.next_page.set()
    whole = informer.wait()
    assert whole.synced and not whole.partial and whole.remaining is None
    assert [name for name, _ in whole.items] == [f"o{i}" for i in range(5)]
    informer.stop()


def test_a_relist_replaces_the_objects_whole_never_page_by_page(source: FakeSource) -> None:
    informer = started(source)
    before = informer.wait()
    source.items = [obj(f"n{i}", 20 + i) for i in range(4)]
    source.page_size = 2
    source.events.put(WatchEvent("ERROR", {"code": 410, "message": "too old"}))
    wait_for(lambda: source.calls.count(("list", "")) == 2)
    threading.Event().wait(0.1)  # the relist's first page is read; its second waits for ``next_page``
    assert informer.snapshot().items == before.items and informer.snapshot().synced
    source.next_page.set()
    after = informer.wait(newer_than=before.version)
    assert after.items == tuple((f"n{i}", str(20 + i)) for i in range(4)) and after.synced
    informer.stop()


class PagedSlowly(FakeSource):
    """One object per page, each page taking 0.1 s to arrive."""

    given = 0

    def pages(self) -> Iterator[ListPage]:
        items, rv = self.list()
        for i, item in enumerate(items):
            threading.Event().wait(0.1)
            self.given += 1
            yield ListPage([item], rv, len(items) - i - 1 or None, last=i == len(items) - 1)


def test_a_small_list_is_not_held_up_by_a_large_one_sharing_the_gate() -> None:
    gate = Gate()
    large = Informer(PagedSlowly([obj(f"o{i}", 1) for i in range(10)]), parse, gate=gate).start()
    wait_for(lambda: large.snapshot().partial)
    small = Informer(FakeSource([obj("s", 1)]), parse, gate=gate).start()
    try:
        assert small.wait(timeout=5).synced
        assert not large.snapshot().synced  # the small list was read between two pages of the large one
        assert large.wait(timeout=5).synced and len(large.snapshot().items) == 10
    finally:
        large.stop()
        small.stop()


class ExpiresOnce(FakeSource):
    """Pages of one object; the first time, the list's continue token expires after the first page."""

    expired = False

    def pages(self) -> Iterator[ListPage]:
        items, rv = self.list()
        for i, item in enumerate(items):
            if i == 1 and not self.expired:
                self.expired = True
                raise Gone(summary="The provided continue parameter is too old.", status=410)
            yield ListPage([item], rv, len(items) - i - 1 or None, last=i == len(items) - 1)


def test_a_continue_token_that_expires_between_pages_lists_again_at_once() -> None:
    source = ExpiresOnce([obj(f"o{i}", 1) for i in range(3)])
    informer = Informer(source, parse, backoff=(5.0, 5.0)).start()  # a backoff would outlast the wait below
    try:
        snap = informer.wait(timeout=2)
        assert snap.synced and [name for name, _ in snap.items] == ["o0", "o1", "o2"]
        assert snap.error is None and source.calls.count(("list", "")) == 2
    finally:
        informer.stop()


class FailsAfterFirstPage(FakeSource):
    """Two objects a page; the second page fails with a server error."""

    def pages(self) -> Iterator[ListPage]:
        items, rv = self.list()
        yield ListPage(items[:2], rv, len(items) - 2, last=False)
        raise ServerError(summary="boom", status=500)


def test_a_first_list_that_fails_after_its_first_page_is_a_failure_not_a_part() -> None:
    informer = Informer(FailsAfterFirstPage([obj(f"o{i}", 1) for i in range(4)]), parse, backoff=(5.0, 5.0)).start()
    try:
        wait_for(lambda: informer.snapshot().mode is Mode.FAILING)
        snap = informer.snapshot()
        assert not snap.synced and snap.error is not None and not snap.partial
        assert informer.wait(partial=True, timeout=0.1).error is not None  # a reader of parts gets the error
    finally:
        informer.stop()


def test_a_stopped_informer_reads_no_more_pages_and_publishes_nothing() -> None:
    source = PagedSlowly([obj(f"o{i}", 1) for i in range(20)])  # 0.1 s a page
    informer = Informer(source, parse).start()
    assert informer.wait(partial=True).partial
    informer.stop()
    threading.Event().wait(0.5)
    snap = informer.snapshot()
    assert not snap.synced and len(snap.items) <= 2  # no page after the stop was published
    assert source.given <= 3  # nor read (the one on its way when it stopped, at most)


def test_writes_made_while_the_first_list_is_read_are_kept_over_its_later_pages() -> None:
    source = FakeSource([obj(f"o{i}", 1) for i in range(6)], page_size=2)
    informer = started(source)
    assert [name for name, _ in informer.wait(partial=True).items] == ["o0", "o1"]
    informer.deleted("o1")
    informer.deleted("o3")  # on a page not read yet
    informer.written(obj("new", 20))
    informer.written(obj("o4", 30))  # newer than the list's o4
    for _ in range(2):
        source.next_page.set()
        wait_for(lambda: not source.next_page.is_set())
    whole = informer.wait()
    assert whole.synced
    assert whole.items == (("new", "20"), ("o0", "1"), ("o2", "1"), ("o4", "30"), ("o5", "1"))
    informer.stop()
