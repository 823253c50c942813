"""Snapshots of the emulator: a restore brings back exactly what a test could have changed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import threading
import time
import urllib.request

import pytest

from modelfs_lib.demo import DemoCluster
from modelfs_lib.demo.emulator import ClusterEmulator
from modelfs_lib.demo.runner import EmulatorThread
from modelfs_lib.demo.seed import seed

MODELS = "/apis/model.samzong.dev/v1/namespaces/ml-team/models"


def model_names(emulator: ClusterEmulator) -> list[str]:
    store = emulator.store
    return [m["metadata"]["name"] for m in store.list(store.rtype("model.samzong.dev", "models"), "ml-team")]


def test_a_restore_brings_back_objects_versions_faults_access_and_requests() -> None:
    emulator = ClusterEmulator()
    seed(emulator.store)
    state = emulator.snapshot()
    names, version = model_names(emulator), emulator.store.resource_version()
    models = emulator.store.rtype("model.samzong.dev", "models")

    emulator.store.delete(models, "ml-team", names[0])
    emulator.inject("/models$", times=1)
    emulator.access.deny("list", "models", group="model.samzong.dev")
    emulator.access.add_token("t", "alice")
    emulator.received.clear()
    emulator.restore(state)

    assert model_names(emulator) == names
    assert emulator.store.resource_version() == version  # the same number is handed out again
    assert emulator.access.allows("list", "model.samzong.dev", "models", "ml-team")
    assert emulator.access.subject_for_token("t").user != "alice"
    assert emulator.faults() == ()
    assert len(emulator.received) == len(state.received)


def test_a_fault_used_up_after_the_snapshot_is_whole_again_after_a_restore() -> None:
    emulator = ClusterEmulator()
    fault = emulator.inject("/models$", times=1)
    state = emulator.snapshot()
    fault.times = 0
    emulator.restore(state)
    assert [f.times for f in emulator.faults()] == [1]


def test_reset_empties_the_store_but_keeps_serving_the_crds() -> None:
    emulator = ClusterEmulator()
    seed(emulator.store)
    emulator.reset()
    assert model_names(emulator) == []
    assert emulator.store.rtype("model.samzong.dev", "models").kind == "Model"


def test_a_restore_keeps_the_ages_of_the_objects() -> None:
    emulator = ClusterEmulator()
    seed(emulator.store)
    state = emulator.snapshot()
    namespaces = emulator.store.rtype("", "namespaces")
    before = emulator.store.get(namespaces, "", "ml-team")["metadata"]["creationTimestamp"]
    later = dt.timedelta(seconds=90)
    state = dataclasses.replace(state, store=dataclasses.replace(state.store, taken_at=state.store.taken_at - later))

    emulator.restore(state)
    after = emulator.store.get(namespaces, "", "ml-team")["metadata"]["creationTimestamp"]
    moved = dt.datetime.fromisoformat(after) - dt.datetime.fromisoformat(before)
    assert abs(moved - later) <= dt.timedelta(seconds=1)

    emulator.restore(state, keep_ages=False)
    assert emulator.store.get(namespaces, "", "ml-team")["metadata"]["creationTimestamp"] == before


def test_a_restore_ends_open_watches() -> None:
    with EmulatorThread() as thread:
        state = thread.emulator.snapshot()
        ended = threading.Event()

        def watch() -> None:
            with urllib.request.urlopen(f"{thread.url}{MODELS}?watch=true&timeoutSeconds=30", timeout=30) as answer:
                answer.read()
            ended.set()

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        deadline = time.monotonic() + 10
        while not thread.emulator.received_matching("GET", "/models$") and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.2)
        started = time.monotonic()
        thread.emulator.restore(state)
        assert ended.wait(10)
        assert time.monotonic() - started < 5


def test_a_watch_after_a_restore_sees_new_changes() -> None:
    with EmulatorThread() as thread:
        emulator = thread.emulator
        seed(emulator.store)
        emulator.restore(emulator.snapshot())
        with urllib.request.urlopen(f"{thread.url}{MODELS}?watch=true&timeoutSeconds=1", timeout=10) as answer:
            events = [json.loads(line) for line in answer.read().splitlines() if line.strip()]
        assert {e["object"]["metadata"]["name"] for e in events} == set(model_names(emulator))


@pytest.mark.parametrize("controllers", [True, False])
def test_a_demo_cluster_reset_is_the_cluster_as_started(controllers: bool) -> None:
    with DemoCluster(controllers=controllers, speed=50) as cluster:
        names = model_names(cluster.emulator)
        models = cluster.store.rtype("model.samzong.dev", "models")
        cluster.store.delete(models, "ml-team", names[0])
        first = cluster.controllers
        cluster.reset()
        assert model_names(cluster.emulator) == names
        assert cluster.controllers is not first
