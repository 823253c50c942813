"""After one timeout in a page run, later requests of the run fail fast; a new run, or another thread, waits again."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from modelfs_lib.client import ClusterClient, discover, start_page_run
from modelfs_lib.demo.runner import EmulatorThread, write_kubeconfig
from modelfs_lib.errors import Skipped, Timeout
from modelfs_lib.resources import Model, ModelSource


@pytest.fixture
def hanging(tmp_path: Path) -> Iterator[tuple[EmulatorThread, ClusterClient]]:
    with EmulatorThread() as cluster:
        config = discover(kubeconfig=str(write_kubeconfig(cluster.url, tmp_path / "kubeconfig")))
        assert config is not None
        client = ClusterClient.connect(config, timeout_seconds=0.5)
        cluster.emulator.inject(".", status=0, delay=2)
        yield cluster, client
        client.close()


def in_thread(work: object) -> None:
    thread = threading.Thread(target=work)  # type: ignore[arg-type]
    thread.start()
    thread.join(10)


def test_a_run_waits_for_one_timeout_then_fails_fast(hanging: tuple[EmulatorThread, ClusterClient]) -> None:
    _, client = hanging
    seen: list[BaseException] = []

    def run() -> None:
        start_page_run()
        started = time.monotonic()
        for cls in (Model, ModelSource, Model):
            try:
                client.list(cls, namespace="ml-team")
            except Timeout as e:
                seen.append(e)
        seen.append(TimeoutError(f"{time.monotonic() - started:.2f}"))

    in_thread(run)
    first, second, third, took = seen
    assert type(first) is Timeout and "did not answer in time" in first.summary
    assert isinstance(second, Skipped) and isinstance(third, Skipped)
    assert "modelsources" in second.summary and "was not sent" in second.summary
    assert float(str(took)) < 1.4  # one timeout of 0.5 s, not three


def test_a_new_run_asks_again_and_threads_without_a_run_always_wait(
    hanging: tuple[EmulatorThread, ClusterClient],
) -> None:
    cluster, client = hanging
    seen: list[object] = []

    def two_runs() -> None:
        start_page_run()
        with pytest.raises(Timeout):
            client.list(Model, namespace="ml-team")
        cluster.emulator.clear_faults()
        start_page_run()
        seen.append(client.list(Model, namespace="ml-team"))

    in_thread(two_runs)
    assert seen == [[]]
    cluster.emulator.inject(".", status=0, delay=2)
    for _ in range(2):  # no run started on this thread: every request waits its own timeout
        with pytest.raises(Timeout) as caught:
            client.list(Model, namespace="ml-team")
        assert not isinstance(caught.value, Skipped)
