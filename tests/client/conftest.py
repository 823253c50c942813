"""Fixtures for client tests: a canned API server and clients connected to it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from modelfs_lib.client import ClusterClient, discover

from .canned_server import CannedServer, kubeconfig, write_kubeconfig

ClientFactory = Callable[..., ClusterClient]


PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")
CLUSTER_VARIABLES = (
    "KUBECONFIG",
    "KUBERNETES_SERVICE_HOST",
    "KUBERNETES_SERVICE_PORT",
    "MODELFS_UI_SERVICEACCOUNT_DIR",
)


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No proxy, no real kubeconfig, no service account: nothing leaves 127.0.0.1."""
    for name in PROXY_VARIABLES + CLUSTER_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("MODELFS_UI_SERVICEACCOUNT_DIR", str(tmp_path / "no-service-account"))


@pytest.fixture
def canned() -> Iterator[CannedServer]:
    """A running canned API server."""
    with CannedServer() as server:
        yield server


@pytest.fixture
def connect_to(tmp_path: Path) -> Iterator[ClientFactory]:
    """``connect_to(server_url, timeout_seconds=...)``: a client via a temp kubeconfig, closed afterwards."""
    clients: list[ClusterClient] = []

    def connect(server: str, *, timeout_seconds: float = 5.0) -> ClusterClient:
        path = write_kubeconfig(tmp_path / f"kubeconfig-{len(clients)}", kubeconfig(server))
        config = discover(kubeconfig=str(path))
        assert config is not None
        client = ClusterClient.connect(config, timeout_seconds=timeout_seconds)
        clients.append(client)
        return client

    yield connect
    for client in clients:
        client.close()


@pytest.fixture
def client(canned: CannedServer, connect_to: ClientFactory) -> ClusterClient:
    """A client connected to the ``canned`` server."""
    return connect_to(canned.url)
