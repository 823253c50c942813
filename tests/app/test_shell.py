"""The frame around every page: context, namespace selection, refresh, demo banner, errors."""

from __future__ import annotations

import pytest

from modelfs_lib.demo.runner import EmulatorThread
from tests.app.conftest import add_namespace, add_object, app
from tests.app.day2 import listed_models

MODEL = {
    "apiVersion": "model.samzong.dev/v1",
    "kind": "Model",
    "metadata": {"name": "qwen3", "namespace": "ml-team"},
    "spec": {"sourceRef": "hf", "versions": [{"name": "fp16", "repo": "qwen/Qwen2.5-0.5B"}]},
}


@pytest.fixture
def populated(cluster: EmulatorThread, kubeconfig: object) -> EmulatorThread:
    add_namespace(cluster, "ml-team", team="ml")
    add_namespace(cluster, "inference")
    add_object(cluster, MODEL, namespace="ml-team")
    return cluster


def test_no_data_renders_until_a_namespace_is_chosen(populated: EmulatorThread) -> None:
    at = app().run()
    assert not at.exception
    assert at.sidebar.selectbox(key="shell.namespace").value is None
    assert any("Choose a namespace" in info.value for info in at.info)
    assert not at.dataframe
    assert not populated.emulator.received_matching("GET", "/models")


def test_the_selector_offers_the_cluster_namespaces(populated: EmulatorThread) -> None:
    at = app().run()
    assert at.sidebar.selectbox(key="shell.namespace").options == ["inference", "ml-team"]


def test_choosing_a_namespace_puts_it_in_the_url_and_shows_its_models(populated: EmulatorThread) -> None:
    at = app().run()
    at.sidebar.selectbox(key="shell.namespace").select("ml-team").run()
    assert not at.exception
    assert at.query_params["ns"] == ["ml-team"] or at.query_params["ns"] == "ml-team"
    assert "qwen3" in listed_models(at)


def test_a_namespace_in_the_url_is_chosen_on_arrival(populated: EmulatorThread) -> None:
    at = app()
    at.query_params["ns"] = "ml-team"
    at.run()
    assert at.sidebar.selectbox(key="shell.namespace").value == "ml-team"
    assert at.dataframe


def test_a_kubeconfig_shows_that_servers_objects_and_no_demo_banner(populated: EmulatorThread) -> None:
    at = app().run()
    sidebar_text = " ".join(md.value for md in at.sidebar.markdown)
    assert "test-cluster" in sidebar_text
    assert "Demo cluster" not in sidebar_text
    assert not any("demo cluster" in info.value for info in at.info)
    assert any(populated.url in caption.value for caption in at.sidebar.caption)


def test_forbidden_namespace_listing_lets_the_user_type_one(populated: EmulatorThread) -> None:
    populated.emulator.access.deny("list", "namespaces")
    at = app().run()
    assert not at.exception
    with pytest.raises(KeyError):
        at.sidebar.selectbox(key="shell.namespace")
    typed = at.sidebar.text_input(key="shell.namespace_typed")
    typed.input("ml-team").run()
    assert not at.exception
    assert "qwen3" in listed_models(at)


def test_the_refresh_control_offers_off_and_intervals(populated: EmulatorThread) -> None:
    at = app().run()
    refresh = at.sidebar.selectbox(key="shell.refresh")
    assert refresh.options == ["off", "every 5 s", "every 10 s", "every 30 s", "every 60 s"]
    assert refresh.value == 10
    refresh.select(0).run()
    assert not at.exception


@pytest.mark.parametrize(
    ("status", "reason", "expected"),
    [
        (401, "Unauthorized", "credentials"),
        (403, "Forbidden", "refused"),
        (404, "NotFound", "crd is not installed"),
        (409, "Conflict", "could not list"),
        (422, "Invalid", "rejected"),
        (429, "TooManyRequests", "throttling"),
        (500, "InternalError", "http 500"),
        (503, "ServiceUnavailable", "http 503"),
    ],
)
def test_a_failed_list_shows_what_failed_without_a_traceback(
    populated: EmulatorThread, status: int, reason: str, expected: str
) -> None:
    populated.emulator.inject("/models$", method="GET", status=status, reason=reason, message=f"injected {status}")
    at = app()
    at.query_params["ns"] = "ml-team"
    at.run()
    assert not at.exception
    errors = " ".join(e.value for e in at.error).lower()
    assert "listing models in ml-team failed" in errors
    assert expected in errors
    assert at.sidebar.selectbox(key="shell.namespace").value == "ml-team"  # the rest of the page still works


def test_a_slow_api_server_times_out_with_a_message(populated: EmulatorThread, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MODELFS_UI_REQUEST_TIMEOUT", "1")
    populated.emulator.inject("/models$", method="GET", status=0, delay=3)
    at = app()
    at.query_params["ns"] = "ml-team"
    at.run()
    assert not at.exception
    errors = " ".join(e.value for e in at.error).lower()
    assert "listing models in ml-team failed" in errors
    assert "did not answer" in errors or "timed out" in errors


def test_an_unreachable_api_server_is_reported_next_to_the_namespace_selector(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket
    from pathlib import Path

    from modelfs_lib.demo.runner import write_kubeconfig

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    path = write_kubeconfig(f"http://127.0.0.1:{port}", Path(str(tmp_path)) / "kc", context="gone")
    monkeypatch.setenv("KUBECONFIG", str(path))
    monkeypatch.delenv("MODELFS_UI_DEMO", raising=False)
    at = app().run()
    assert not at.exception
    sidebar_errors = " ".join(e.value for e in at.sidebar.error).lower()
    assert "listing namespaces failed" in sidebar_errors
    assert f"127.0.0.1:{port}" in sidebar_errors
    assert any("Choose a namespace" in info.value for info in at.info)


def test_several_contexts_offer_a_context_picker(
    cluster: EmulatorThread, tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pathlib import Path

    import yaml

    from modelfs_lib.demo.runner import kubeconfig_for

    first = kubeconfig_for(cluster.url, context="staging")
    second = kubeconfig_for(cluster.url, context="production")
    first["clusters"] += second["clusters"]
    first["contexts"] += second["contexts"]
    first["users"] += second["users"]
    path = Path(str(tmp_path)) / "kc"
    path.write_text(yaml.safe_dump(first))
    monkeypatch.setenv("KUBECONFIG", str(path))
    monkeypatch.delenv("MODELFS_UI_DEMO", raising=False)
    add_namespace(cluster, "ml-team")
    at = app().run()
    picker = at.sidebar.selectbox(key="shell.context")
    assert picker.options == ["staging", "production"]
    assert picker.value == "staging"
    picker.select("production").run()
    assert not at.exception
    assert "production" in " ".join(md.value for md in at.sidebar.markdown)


def test_the_default_namespace_setting_preselects_a_namespace(
    populated: EmulatorThread, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MODELFS_UI_DEFAULT_NAMESPACE", "ml-team")
    at = app().run()
    assert at.sidebar.selectbox(key="shell.namespace").value == "ml-team"
    assert "qwen3" in listed_models(at)


def test_without_any_configuration_and_no_demo_fallback_the_console_says_what_to_do(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pathlib import Path

    monkeypatch.delenv("KUBECONFIG", raising=False)
    monkeypatch.setenv("HOME", str(Path(str(tmp_path))))
    monkeypatch.delenv("KUBERNETES_SERVICE_HOST", raising=False)
    monkeypatch.delenv("MODELFS_UI_DEMO", raising=False)
    monkeypatch.setenv("MODELFS_UI_DEMO_FALLBACK", "0")
    at = app().run()
    assert not at.exception
    errors = " ".join(e.value for e in at.sidebar.error)
    assert "demo fallback is off" in errors
