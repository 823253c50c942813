"""discover(): kubeconfig files (one or several), contexts, in-cluster, and malformed files."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from modelfs_lib.client import ClusterClient, ClusterConfig, discover
from modelfs_lib.errors import ConfigError

from .canned_server import write_kubeconfig


def config_with(*contexts: tuple[str, str], current: str | None = None) -> dict[str, Any]:
    """A kubeconfig with one cluster per ``(context, server)`` pair."""
    data: dict[str, Any] = {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [{"name": f"c-{name}", "cluster": {"server": server}} for name, server in contexts],
        "users": [{"name": "u", "user": {"token": "abc"}}],
        "contexts": [{"name": name, "context": {"cluster": f"c-{name}", "user": "u"}} for name, _ in contexts],
    }
    if current is not None:
        data["current-context"] = current
    return data


def service_account(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, token: str = "sa-token") -> Path:
    directory = tmp_path / "sa"
    directory.mkdir()
    (directory / "token").write_text(token)
    (directory / "ca.crt").write_text("-----BEGIN CERTIFICATE-----\nnot really\n-----END CERTIFICATE-----\n")
    monkeypatch.setenv("MODELFS_UI_SERVICEACCOUNT_DIR", str(directory))
    monkeypatch.setenv("KUBERNETES_SERVICE_HOST", "10.96.0.1")
    monkeypatch.setenv("KUBERNETES_SERVICE_PORT", "443")
    return directory


def test_nothing_configured_finds_nothing() -> None:
    assert discover() is None


def test_the_home_kubeconfig_lists_contexts_and_picks_the_current_one(tmp_path: Path) -> None:
    home = tmp_path / "home" / ".kube"
    home.mkdir(parents=True)
    path = write_kubeconfig(
        home / "config", config_with(("dev", "https://dev:6443/"), ("prod", "https://prod"), current="prod")
    )
    assert discover() == ClusterConfig(
        source="kubeconfig", path=str(path), contexts=("dev", "prod"), context="prod", server="https://prod"
    )


def test_an_explicit_context_selects_its_server(tmp_path: Path) -> None:
    path = write_kubeconfig(
        tmp_path / "kc", config_with(("dev", "https://dev:6443/"), ("prod", "https://prod"), current="prod")
    )
    found = discover(kubeconfig=str(path), context="dev")
    assert found is not None
    assert (found.context, found.server) == ("dev", "https://dev:6443")


def test_an_unknown_context_is_a_config_error(tmp_path: Path) -> None:
    path = write_kubeconfig(tmp_path / "kc", config_with(("dev", "https://dev")))
    with pytest.raises(ConfigError, match="no context named 'staging'; it has dev"):
        discover(kubeconfig=str(path), context="staging")


def test_without_a_current_context_the_first_context_is_used(tmp_path: Path) -> None:
    path = write_kubeconfig(tmp_path / "kc", config_with(("a", "https://a"), ("b", "https://b")))
    found = discover(kubeconfig=str(path))
    assert found is not None and found.context == "a"


def test_kubeconfig_with_two_files_merges_them_first_file_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = write_kubeconfig(tmp_path / "one", config_with(("dev", "https://dev-one"), current="dev"))
    second = write_kubeconfig(
        tmp_path / "two", config_with(("dev", "https://dev-two"), ("prod", "https://prod"), current="prod")
    )
    missing = tmp_path / "absent"
    monkeypatch.setenv("KUBECONFIG", os.pathsep.join([str(first), str(missing), str(second)]))
    found = discover()
    assert found is not None
    assert found.contexts == ("dev", "prod")
    assert (found.context, found.server) == ("dev", "https://dev-one")
    assert found.path == os.pathsep.join([str(first), str(second)])


def test_a_context_from_the_second_file_connects(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = write_kubeconfig(tmp_path / "one", config_with(("dev", "http://127.0.0.1:1"), current="dev"))
    second = write_kubeconfig(tmp_path / "two", config_with(("prod", "http://127.0.0.1:2")))
    monkeypatch.setenv("KUBECONFIG", os.pathsep.join([str(first), str(second)]))
    found = discover(context="prod")
    assert found is not None and found.server == "http://127.0.0.1:2"
    with ClusterClient.connect(found) as client:
        assert (client.config.context, client.server) == ("prod", "http://127.0.0.1:2")


def test_an_explicit_kubeconfig_that_does_not_exist_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        discover(kubeconfig=str(tmp_path / "nope"))


def test_in_cluster_is_found_from_env_and_the_token_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    directory = service_account(tmp_path, monkeypatch)
    assert discover() == ClusterConfig(
        source="in-cluster",
        path=str(directory),
        contexts=("in-cluster",),
        context="in-cluster",
        server="https://10.96.0.1:443",
    )


def test_in_cluster_builds_a_client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    service_account(tmp_path, monkeypatch)
    found = discover()
    assert found is not None
    with ClusterClient.connect(found) as client:
        assert (client.config.context, client.server) == ("in-cluster", "https://10.96.0.1:443")


def test_in_cluster_needs_the_token_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    directory = service_account(tmp_path, monkeypatch)
    (directory / "token").unlink()
    assert discover() is None


def test_a_kubeconfig_takes_precedence_over_in_cluster(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    service_account(tmp_path, monkeypatch)
    path = write_kubeconfig(tmp_path / "kc", config_with(("dev", "https://dev")))
    monkeypatch.setenv("KUBECONFIG", str(path))
    found = discover()
    assert found is not None and found.source == "kubeconfig"


def test_ipv6_service_hosts_are_bracketed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    service_account(tmp_path, monkeypatch)
    monkeypatch.setenv("KUBERNETES_SERVICE_HOST", "fd00::1")
    found = discover()
    assert found is not None and found.server == "https://[fd00::1]:443"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("clusters: [\n  - name: a\n  bad", "is not valid YAML at line"),
        ("- just\n- a list\n", "should hold a mapping, not a list"),
        ("contexts: {dev: {}}\n", "malformed contexts section"),
        ("contexts:\n  - context: {cluster: a}\n", "malformed contexts entry (number 1)"),
        ("contexts:\n  - name: dev\n    context: [1]\n", "malformed contexts entry"),
        ("current-context: [dev]\ncontexts:\n  - name: dev\n", "malformed current-context"),
    ],
)
def test_a_malformed_kubeconfig_is_a_config_error_naming_the_file(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "broken"
    path.write_text(text)
    with pytest.raises(ConfigError, match=re.escape(message)) as caught:
        discover(kubeconfig=str(path))
    assert str(path) in str(caught.value)


def test_an_empty_kubeconfig_contributes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "empty"
    empty.write_text("")
    good = write_kubeconfig(tmp_path / "good", config_with(("dev", "https://dev")))
    monkeypatch.setenv("KUBECONFIG", os.pathsep.join([str(empty), str(good)]))
    found = discover()
    assert found is not None and found.path == str(good)


def test_a_context_whose_cluster_is_missing_fails_on_connect(tmp_path: Path) -> None:
    data = config_with(("dev", "https://dev"))
    data["contexts"][0]["context"]["cluster"] = "gone"
    path = write_kubeconfig(tmp_path / "kc", data)
    found = discover(kubeconfig=str(path))
    assert found is not None and found.server == ""
    with pytest.raises(ConfigError, match="context 'dev' cannot be used"):
        ClusterClient.connect(found)
