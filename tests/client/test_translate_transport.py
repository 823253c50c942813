"""translate() on urllib3 and socket errors: unreachable, timeout, TLS; and the error boundary."""

from __future__ import annotations

import http.client
import inspect
import socket
import ssl

import kubernetes.client.exceptions as k8s_exceptions
import pytest
import urllib3
from kubernetes.config.config_exception import ConfigException
from urllib3 import exceptions as u3
from urllib3.connection import HTTPSConnection

import modelfs_lib.errors as project_errors
from modelfs_lib.client import translate
from modelfs_lib.errors import ClusterError, ModelfsError, Timeout, TLSError, Unauthorized, Unreachable
from modelfs_lib.resources import Model

SERVER = "https://10.0.0.1:6443"
POOL = urllib3.HTTPSConnectionPool("10.0.0.1", 6443)
CONNECTION = HTTPSConnection("10.0.0.1", 6443)


def refused() -> u3.NewConnectionError:
    """A NewConnectionError raised from ConnectionRefusedError, as urllib3 raises it."""
    try:
        try:
            raise ConnectionRefusedError(111, "Connection refused")
        except OSError as e:
            raise u3.NewConnectionError(CONNECTION, f"Failed to establish a new connection: {e}") from e
    except u3.NewConnectionError as error:
        return error


def test_connection_refused_is_unreachable_with_the_server_url() -> None:
    error = translate(refused(), verb="list", kind=Model.KIND, server=SERVER)
    assert type(error) is Unreachable
    assert error.summary == f"Could not connect to the cluster at {SERVER}: Connection refused."
    assert "VPN" in error.hint


def test_max_retries_is_unwrapped_to_its_reason() -> None:
    error = translate(u3.MaxRetryError(POOL, "/api", refused()), verb="get", server=SERVER)
    assert type(error) is Unreachable
    assert "Connection refused" in error.summary


def test_max_retries_without_a_reason_is_unreachable() -> None:
    error = translate(u3.MaxRetryError(POOL, "/api", None), verb="get", server=SERVER)
    assert type(error) is Unreachable


def test_a_dns_failure_is_unreachable() -> None:
    dns = u3.NameResolutionError("k8s.example.invalid", CONNECTION, socket.gaierror(-2, "Name or service not known"))
    error = translate(dns, verb="get", server="https://k8s.example.invalid")
    assert type(error) is Unreachable
    assert error.summary == "The cluster address https://k8s.example.invalid could not be resolved (DNS failed)."


def test_a_read_timeout_is_a_timeout() -> None:
    error = translate(u3.ReadTimeoutError(POOL, "/api", "Read timed out."), verb="list", server=SERVER)
    assert type(error) is Timeout
    assert error.summary.startswith(f"The cluster at {SERVER} did not answer in time while trying to list")
    assert "may still take effect" not in error.summary


def test_a_read_timeout_on_a_write_warns_it_may_still_apply() -> None:
    error = translate(u3.ReadTimeoutError(POOL, "/api", "Read timed out."), verb="patch", server=SERVER)
    assert error.summary.endswith("The change may still take effect.")


def test_a_connect_timeout_is_a_timeout() -> None:
    error = translate(u3.ConnectTimeoutError(POOL, "timed out"), verb="get", server=SERVER)
    assert type(error) is Timeout
    assert error.summary == f"The cluster at {SERVER} did not accept a connection in time."


@pytest.mark.parametrize(
    ("detail", "hint"),
    [
        ("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed", "certificate-authority"),
        ("[SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006)", "does not speak TLS"),
        ("[SSL] handshake failure", "certificate settings"),
    ],
)
def test_tls_failures_are_tls_errors_with_a_hint(detail: str, hint: str) -> None:
    for raw in (u3.SSLError(detail), ssl.SSLError(detail)):
        error = translate(raw, verb="get", server=SERVER)
        assert type(error) is TLSError
        assert error.summary.startswith(f"The secure (TLS) connection to the cluster at {SERVER} failed:")
        assert hint in error.hint


def test_a_dropped_connection_is_unreachable() -> None:
    dropped = u3.ProtocolError(
        "Connection aborted.", http.client.RemoteDisconnected("Remote end closed connection without response")
    )
    error = translate(dropped, verb="get", server=SERVER)
    assert type(error) is Unreachable
    assert "Connection aborted. (Remote end closed connection without response)" in error.summary


def test_a_proxy_failure_is_unreachable_with_a_proxy_hint() -> None:
    error = translate(u3.ProxyError("Unable to connect to proxy", OSError("refused")), verb="get", server=SERVER)
    assert type(error) is Unreachable
    assert "proxy" in error.hint


def test_a_credential_plugin_failure_is_unauthorized() -> None:
    error = translate(ConfigException("exec: process returned 1"), verb="get", server=SERVER)
    assert type(error) is Unauthorized
    assert "exec: process returned 1" in error.summary


def test_anything_else_is_still_a_cluster_error() -> None:
    error = translate(RuntimeError("boom"), verb="get", kind=Model.KIND, namespace="ml", name="x")
    assert type(error) is ClusterError
    assert error.summary == 'Could not get Model "x" in namespace "ml": boom'


def test_a_cluster_error_passes_through_unchanged() -> None:
    original = Timeout(summary="slow")
    assert translate(original) is original


def test_the_projects_errors_are_not_the_client_librarys() -> None:
    project = [c for _, c in inspect.getmembers(project_errors, inspect.isclass) if issubclass(c, ModelfsError)]
    assert len(project) >= 13
    foreign = (k8s_exceptions.OpenApiException, u3.HTTPError, ConfigException)
    for cls in project:
        assert not issubclass(cls, foreign), cls
