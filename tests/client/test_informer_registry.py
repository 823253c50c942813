"""The informers of one connection: one per kind and namespace, write-through, eviction of unwatched namespaces."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

from modelfs_lib.client.informer import ListPage, WatchEvent
from modelfs_lib.client.informers import InformerRegistry
from modelfs_lib.resources import Model, ModelSource


def model(name: str, namespace: str, rv: int) -> dict[str, Any]:
    return {
        "apiVersion": "model.samzong.dev/v1",
        "kind": "Model",
        "metadata": {"name": name, "namespace": namespace, "resourceVersion": str(rv)},
        "spec": {"sourceRef": "hf", "versions": [{"name": "v1", "repo": "a/b"}]},
    }


class StubClient:
    """Answers lists from a dict and holds every watch open until closed."""

    def __init__(self) -> None:
        self.objects: dict[str | None, list[dict[str, Any]]] = {"ml": [model("a", "ml", 1)], "other": []}
        self.lists: list[tuple[str, str | None]] = []
        self.closed = threading.Event()

    def list_versioned(self, kind: Any, *, namespace: str | None) -> tuple[list[dict[str, Any]], str]:
        self.lists.append((kind.plural, namespace))
        if namespace is None:
            return [o for objs in self.objects.values() for o in objs], "5"
        return list(self.objects.get(namespace, [])), "5"

    def list_pages(self, kind: Any, *, namespace: str | None) -> Iterator[ListPage]:
        items, version = self.list_versioned(kind, namespace=namespace)
        yield ListPage(items, version)

    def watch(
        self, kind: Any, *, namespace: str | None, resource_version: str, timeout_seconds: int
    ) -> Iterator[WatchEvent]:
        self.closed.wait(5)
        return iter(())


def registry(**kw: Any) -> tuple[InformerRegistry, StubClient]:
    client = StubClient()
    return InformerRegistry(client, **kw), client  # type: ignore[arg-type]


def test_one_informer_per_kind_and_namespace_listed_once() -> None:
    reg, client = registry()
    first = reg.informer(Model, "ml")
    assert reg.informer(Model, "ml") is first
    assert [m.name for m in first.wait().items] == ["a"]
    reg.informer(ModelSource, "ml").wait()
    reg.informer(Model, None).wait()
    assert sorted(client.lists, key=str) == sorted(
        [("models", "ml"), ("modelsources", "ml"), ("models", None)], key=str
    )
    assert len(reg.running()) == 3
    reg.stop_all()
    client.closed.set()


def test_a_write_reaches_the_namespace_and_the_cluster_wide_informers_only() -> None:
    reg, client = registry()
    ml, everywhere, other = reg.informer(Model, "ml"), reg.informer(Model, None), reg.informer(Model, "other")
    for inf in (ml, everywhere, other):
        inf.wait()
    reg.written(Model.KIND, model("b", "ml", 9))
    assert [m.name for m in ml.snapshot().items] == ["a", "b"]
    assert "b" in [m.name for m in everywhere.snapshot().items]
    assert other.snapshot().items == ()
    reg.deleted(Model.KIND, "ml", "a")
    assert [m.name for m in ml.snapshot().items] == ["b"]
    reg.stop_all()
    client.closed.set()


def test_an_informer_nobody_reads_is_stopped_and_started_again_on_the_next_read() -> None:
    reg, client = registry(idle_seconds=60)
    old = reg.informer(Model, "other")
    old.wait()
    reg.informer(Model, "ml").wait()
    assert reg.evict_idle(now=time.monotonic() + 30) == []
    old.last_used -= 100  # nobody read "other" for 100 s
    reg.informer(Model, "ml").snapshot()  # a read evicts what is idle; "ml" was read just now and stays
    assert old.stopped and reg.running() == [(Model.KIND.resource, "ml")]
    fresh = reg.informer(Model, "other")
    assert fresh is not old and not fresh.stopped
    reg.stop_all()
    client.closed.set()


def test_finding_an_informer_never_starts_one() -> None:
    reg, client = registry()
    try:
        assert reg.find(Model, "ml") is None
        assert reg.running() == [] and client.lists == []
        started = reg.informer(Model, "ml")
        assert reg.find(Model, "ml") is started
        assert reg.find(ModelSource, "ml") is None
        started.stop()
        assert reg.find(Model, "ml") is None  # a stopped one is not handed out
    finally:
        client.closed.set()
        reg.stop_all()
