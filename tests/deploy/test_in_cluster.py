"""In-cluster mode: inside a pod the console finds the API server and its credentials by itself.

The pod's view is rebuilt on 127.0.0.1: ``KUBERNETES_SERVICE_HOST``/``PORT`` point at the project's
emulator served over TLS, and ``MODELFS_UI_SERVICEACCOUNT_DIR`` at a temp directory holding
``token``, ``ca.crt`` and ``namespace`` as the kubelet mounts them. No kubeconfig exists.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import trustme

from modelfs_lib.client import ClusterClient, discover
from modelfs_lib.demo.emulator import ClusterEmulator
from modelfs_lib.errors import ClusterError
from modelfs_lib.resources import Namespace
from modelfs_lib.ui.connection import connect
from modelfs_lib.ui.settings import load_settings
from tests.deploy.tls_emulator import TlsEmulatorThread

TOKEN = "in-cluster-token-7f3a"
SEEDED_NAMESPACES = ("ml-team", "research")


@dataclass(frozen=True)
class Pod:
    """What a pod of the chart sees: the API server's url and its service-account directory."""

    server: str
    service_account_dir: Path
    emulator: ClusterEmulator


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="module")
def api_server(ca: trustme.CA) -> Iterator[TlsEmulatorThread]:
    """The emulator, served over TLS with a certificate for 127.0.0.1, seeded with two namespaces."""
    emulator = ClusterEmulator()
    namespaces = emulator.store.rtype("", "namespaces")
    for name in SEEDED_NAMESPACES:
        emulator.store.create(namespaces, {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}})
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    with TlsEmulatorThread(emulator, ssl_context=context) as thread:
        yield thread


@pytest.fixture
def pod(api_server: TlsEmulatorThread, ca: trustme.CA, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Pod:
    """The environment and service-account files the kubelet gives a pod; no kubeconfig anywhere."""
    directory = tmp_path / "serviceaccount"
    directory.mkdir()
    (directory / "token").write_text(TOKEN)
    (directory / "namespace").write_text("modelfs-system")
    ca.cert_pem.write_to_path(str(directory / "ca.crt"))
    # conftest.py has removed KUBECONFIG and pointed HOME at an empty directory: no ~/.kube/config.
    monkeypatch.setenv("KUBERNETES_SERVICE_HOST", "127.0.0.1")
    monkeypatch.setenv("KUBERNETES_SERVICE_PORT", api_server.url.rpartition(":")[2])
    monkeypatch.setenv("MODELFS_UI_SERVICEACCOUNT_DIR", str(directory))
    api_server.emulator.received.clear()
    return Pod(server=api_server.url, service_account_dir=directory, emulator=api_server.emulator)


def test_without_a_kubeconfig_the_console_discovers_the_in_cluster_api_server(pod: Pod) -> None:
    config = discover()
    assert config is not None
    assert (config.source, config.context, config.server) == ("in-cluster", "in-cluster", pod.server)
    assert config.path == str(pod.service_account_dir)


def test_the_in_cluster_client_lists_objects_from_the_api_server(pod: Pod) -> None:
    config = discover()
    assert config is not None
    with ClusterClient.connect(config) as client:
        names = {ns.name for ns in client.list(Namespace, namespace=None)}
    assert set(SEEDED_NAMESPACES) <= names


def test_the_in_cluster_client_authenticates_with_the_service_account_token(pod: Pod) -> None:
    config = discover()
    assert config is not None
    with ClusterClient.connect(config) as client:
        client.list(Namespace, namespace=None)
    received = pod.emulator.received_matching("GET", r"^/api/v1/namespaces$")
    assert received, "the list did not reach the API server"
    # The scheme is case-insensitive (RFC 9110); the kubernetes client sends "bearer".
    assert {r.headers.get("Authorization", "").lower() for r in received} == {f"bearer {TOKEN}"}


def test_the_in_cluster_client_trusts_only_the_service_account_ca(pod: Pod) -> None:
    trustme.CA().cert_pem.write_to_path(str(pod.service_account_dir / "ca.crt"))  # another cluster's CA
    config = discover()
    assert config is not None
    with ClusterClient.connect(config) as client, pytest.raises(ClusterError) as caught:
        client.list(Namespace, namespace=None)
    assert "TLS" in caught.value.summary
    assert not pod.emulator.received_matching("GET", r"^/api/v1/namespaces$")


def test_the_console_connects_in_cluster_and_not_to_the_demo_cluster(pod: Pod) -> None:
    settings = load_settings([])
    connect.clear()
    connection = connect(settings.demo, settings.kubeconfig, None)
    try:
        assert (connection.demo, connection.label, connection.server) == (False, "in-cluster", pod.server)
        names = {ns.name for ns in connection.client.list(Namespace, namespace=None)}
    finally:
        connection.client.close()
        connect.clear()
    assert set(SEEDED_NAMESPACES) <= names
