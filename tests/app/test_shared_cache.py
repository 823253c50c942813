"""Lists are shared across browser sessions: one LIST, then a WATCH keeps them current; a failed list is retried."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from modelfs_lib.demo.runner import EmulatorThread
from tests.app.conftest import add_namespace, add_object, app
from tests.app.day2 import listed_models

MODEL = {
    "apiVersion": "model.samzong.dev/v1",
    "kind": "Model",
    "metadata": {"name": "qwen3", "namespace": "ml-team"},
    "spec": {"sourceRef": "hf", "versions": [{"name": "fp16", "repo": "qwen/Qwen2.5-0.5B"}]},
}
MODELS = r"/apis/model\.samzong\.dev/v1/namespaces/ml-team/models$"


def lists(cluster: EmulatorThread, path: str) -> list[str]:
    """The LIST requests (not watches) that reached the emulator for ``path``."""
    return [r.path for r in cluster.emulator.received_matching("GET", path) if "watch" not in r.params]


def watches(cluster: EmulatorThread, path: str) -> int:
    return sum(1 for r in cluster.emulator.received_matching("GET", path) if r.params.get("watch") == "true")


def rerun_until(at: AppTest, condition: Callable[[AppTest], bool], seconds: float = 5.0) -> AppTest:
    """Rerun the page until ``condition`` holds (a watch event or a retry arrives between runs)."""
    deadline = time.monotonic() + seconds
    while not condition(at.run()) and time.monotonic() < deadline:
        time.sleep(0.1)
    return at


@pytest.fixture
def populated(cluster: EmulatorThread, kubeconfig: object) -> EmulatorThread:
    add_namespace(cluster, "ml-team")
    add_object(cluster, MODEL, namespace="ml-team")
    return cluster


def test_ten_sessions_watching_one_namespace_cost_one_list(
    populated: EmulatorThread, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MODELFS_UI_CACHE_TTL", "600")
    sessions = [app() for _ in range(10)]
    for at in sessions:
        at.query_params["ns"] = "ml-team"
        at.run()
        assert not at.exception
        assert at.dataframe
    assert len(lists(populated, MODELS)) == 1
    assert len(lists(populated, r"/api/v1/namespaces$")) == 1
    assert watches(populated, MODELS) >= 1


def test_a_change_made_elsewhere_shows_on_the_next_run_without_another_list(populated: EmulatorThread) -> None:
    at = app()
    at.query_params["ns"] = "ml-team"
    at.run()
    add_object(populated, {**MODEL, "metadata": {"name": "llama", "namespace": "ml-team"}}, namespace="ml-team")
    rerun_until(at, lambda a: "llama" in listed_models(a))
    assert listed_models(at) == ["llama", "qwen3"]
    assert len(lists(populated, MODELS)) == 1


def test_with_caching_off_every_session_lists_anew(populated: EmulatorThread, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MODELFS_UI_CACHE_TTL", "0")
    for _ in range(3):
        at = app()
        at.query_params["ns"] = "ml-team"
        at.run()
    assert len(populated.emulator.received_matching("GET", MODELS)) == 3


def test_another_namespace_is_listed_separately(populated: EmulatorThread) -> None:
    add_namespace(populated, "research")
    for ns in ("ml-team", "research"):
        at = app()
        at.query_params["ns"] = ns
        at.run()
    assert sorted(lists(populated, r"/models$")) == [
        "/apis/model.samzong.dev/v1/namespaces/ml-team/models",
        "/apis/model.samzong.dev/v1/namespaces/research/models",
    ]


def test_a_failed_list_is_shown_then_retried(populated: EmulatorThread) -> None:
    populated.emulator.inject(MODELS, method="GET", status=500, times=1)
    at = app()
    at.query_params["ns"] = "ml-team"
    at.run()
    assert at.error
    rerun_until(at, lambda a: not a.error)
    assert not at.error
    assert "qwen3" in listed_models(at)
