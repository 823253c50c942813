"""Informers over real HTTP against the demo cluster's emulator: one LIST, then changes arrive through the WATCH."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from modelfs_lib.client import ClusterClient
from modelfs_lib.client.informer import Mode
from modelfs_lib.client.informers import InformerRegistry
from modelfs_lib.demo.runner import EmulatorThread
from modelfs_lib.resources import Model

from .conftest import ClientFactory

MODELS = r"/apis/model.samzong.dev/v1/namespaces/ml-team/models$"


def model(name: str, repo: str = "qwen/Qwen2.5-0.5B") -> dict[str, object]:
    return {
        "apiVersion": "model.samzong.dev/v1",
        "kind": "Model",
        "metadata": {"name": name, "namespace": "ml-team"},
        "spec": {"sourceRef": "hf", "versions": [{"name": "fp16", "repo": repo}]},
    }


@pytest.fixture
def cluster() -> Iterator[EmulatorThread]:
    with EmulatorThread() as thread:
        store = thread.emulator.store
        store.create(store.rtype("", "namespaces"), {"metadata": {"name": "ml-team"}})
        store.create(store.rtype("model.samzong.dev", "models"), model("a"), namespace="ml-team")
        yield thread


@pytest.fixture
def registry(cluster: EmulatorThread, connect_to: ClientFactory) -> Iterator[InformerRegistry]:
    reg = InformerRegistry(connect_to(cluster.url, timeout_seconds=5), watch_seconds=1)
    yield reg
    reg.stop_all()
    time.sleep(1.5)  # the open watch (1 s) ends, so the emulator stops at once


def until(condition: object, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.02)
    raise AssertionError("not in time")


def test_a_change_made_through_the_api_arrives_without_a_second_list(
    cluster: EmulatorThread, registry: InformerRegistry, connect_to: ClientFactory
) -> None:
    informer = registry.informer(Model, "ml-team")
    assert [m.name for m in informer.wait().items] == ["a"]
    until(lambda: informer.snapshot().mode is Mode.WATCHING)
    other: ClusterClient = connect_to(cluster.url)
    other.apply(model("b"))
    other.apply(model("a", repo="qwen/Qwen2.5-7B"))
    until(lambda: [m.name for m in informer.snapshot().items] == ["a", "b"])
    until(lambda: informer.snapshot().items[0].versions[0].repo == "qwen/Qwen2.5-7B")
    other.delete(Model, namespace="ml-team", name="b")
    until(lambda: [m.name for m in informer.snapshot().items] == ["a"])
    lists = [r for r in cluster.emulator.received_matching("GET", MODELS) if "watch" not in r.params]
    assert len(lists) == 1
    assert any(r.params.get("watch") for r in cluster.emulator.received_matching("GET", MODELS))
