"""Lists are shared across browser sessions for a short TTL, and a write refreshes what it touched."""

from __future__ import annotations

import pytest

from modelfs_lib.demo.runner import EmulatorThread
from tests.app.conftest import add_namespace, add_object, app

MODEL = {
    "apiVersion": "model.samzong.dev/v1",
    "kind": "Model",
    "metadata": {"name": "qwen3", "namespace": "ml-team"},
    "spec": {"sourceRef": "hf", "versions": [{"name": "fp16", "repo": "qwen/Qwen2.5-0.5B"}]},
}
MODELS = r"/apis/model\.samzong\.dev/v1/namespaces/ml-team/models$"


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
    assert len(populated.emulator.received_matching("GET", MODELS)) == 1
    assert len(populated.emulator.received_matching("GET", r"/api/v1/namespaces$")) == 1


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
    listed = [r.path for r in populated.emulator.received_matching("GET", r"/models$")]
    assert sorted(listed) == [
        "/apis/model.samzong.dev/v1/namespaces/ml-team/models",
        "/apis/model.samzong.dev/v1/namespaces/research/models",
    ]


def test_a_failed_list_is_not_cached(populated: EmulatorThread) -> None:
    populated.emulator.inject(MODELS, method="GET", status=500, times=1)
    at = app()
    at.query_params["ns"] = "ml-team"
    at.run()
    assert at.error
    at.run()
    assert not at.error
    assert "qwen3" in at.dataframe[0].value["Name"].tolist()
