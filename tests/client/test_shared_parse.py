"""A namespace's informer and the all-namespaces one hold the same parsed objects, not a copy each."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from modelfs_lib.client.informers import InformerRegistry, SharedParse
from modelfs_lib.demo.runner import EmulatorThread
from modelfs_lib.resources import Model

from .conftest import ClientFactory


def model(name: str, namespace: str) -> dict[str, object]:
    return {
        "apiVersion": "model.samzong.dev/v1",
        "kind": "Model",
        "metadata": {"name": name, "namespace": namespace, "resourceVersion": "7"},
        "spec": {"sourceRef": "hf", "versions": [{"name": "fp16", "repo": "qwen/Qwen2.5-0.5B"}]},
    }


@pytest.fixture
def cluster() -> Iterator[EmulatorThread]:
    with EmulatorThread() as thread:
        store = thread.emulator.store
        for ns in ("ml-team", "research"):
            store.create(store.rtype("", "namespaces"), {"metadata": {"name": ns}})
            store.create(store.rtype("model.samzong.dev", "models"), model(f"m-{ns}", ns), namespace=ns)
        yield thread


def test_both_informers_hold_one_object_per_model(cluster: EmulatorThread, connect_to: ClientFactory) -> None:
    registry = InformerRegistry(connect_to(cluster.url, timeout_seconds=5), watch_seconds=1)
    try:
        here = registry.informer(Model, "ml-team").wait()
        everywhere = registry.informer(Model, None).wait()
        (mine,) = here.items
        same = [m for m in everywhere.items if m.name == mine.name]
        assert same[0] is mine
        assert len(everywhere.items) == 2
    finally:
        registry.stop_all()
        time.sleep(1.5)  # the open watches (1 s) end, so the emulator stops at once


def test_a_new_resource_version_is_parsed_anew() -> None:
    parse = SharedParse().parser(Model)
    first = parse(model("a", "ns"))
    assert parse(model("a", "ns")) is first
    changed = model("a", "ns")
    changed["metadata"] = {**changed["metadata"], "resourceVersion": "8"}  # type: ignore[dict-item]
    assert parse(changed) is not first
