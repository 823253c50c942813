"""ClusterClient failures over real HTTP on 127.0.0.1: each becomes the right ClusterError."""

from __future__ import annotations

import time

import pytest
from kubernetes.client.exceptions import ApiException

from modelfs_lib.client import ClusterClient
from modelfs_lib.client.status import StatusCauseWire
from modelfs_lib.errors import (
    ApplyConflict,
    Forbidden,
    Invalid,
    NotFound,
    ServerError,
    Timeout,
    TLSError,
    Unauthorized,
    Unreachable,
)
from modelfs_lib.resources import Model

from .canned_server import Canned, CannedServer, closed_port, status_body
from .conftest import ClientFactory

MODEL_PATH = "/apis/model.samzong.dev/v1/namespaces/ml/models/llama"
MANIFEST = {
    "apiVersion": "model.samzong.dev/v1",
    "kind": "Model",
    "metadata": {"name": "llama", "namespace": "ml"},
    "spec": {"sourceRef": "other"},
}


def test_a_401_is_unauthorized_and_chained_to_the_client_error(canned: CannedServer, client: ClusterClient) -> None:
    canned.route("GET", MODEL_PATH, Canned(401, status_body(401, "Unauthorized", "Unauthorized")))
    with pytest.raises(Unauthorized) as caught:
        client.get(Model, namespace="ml", name="llama")
    assert caught.value.summary == f"The cluster at {canned.url} rejected your credentials; they may have expired."
    assert isinstance(caught.value.__cause__, ApiException)


def test_a_403_names_what_was_refused(canned: CannedServer, client: ClusterClient) -> None:
    message = 'User "alice" cannot get resource "models" in API group "model.samzong.dev" in the namespace "ml"'
    canned.route("GET", MODEL_PATH, Canned(403, status_body(403, "Forbidden", message, name="llama", kind="models")))
    with pytest.raises(Forbidden, match=r'^You are not allowed to get models.model.samzong.dev in namespace "ml"\.$'):
        client.get(Model, namespace="ml", name="llama")


def test_a_missing_object_is_not_found(canned: CannedServer, client: ClusterClient) -> None:
    body = status_body(404, "NotFound", 'models.model.samzong.dev "llama" not found', name="llama", kind="models")
    canned.route("GET", MODEL_PATH, Canned(404, body))
    with pytest.raises(NotFound, match="was not found; it may have been deleted"):
        client.get(Model, namespace="ml", name="llama")


def test_an_unserved_resource_type_means_the_crd_is_missing(client: ClusterClient) -> None:
    with pytest.raises(NotFound, match="the Model CRD is not installed"):
        client.list(Model, namespace="ml")


def test_an_apply_conflict_lists_fields_and_managers(canned: CannedServer, client: ClusterClient) -> None:
    cause: StatusCauseWire = {
        "reason": "FieldManagerConflict",
        "message": 'conflict with "kubectl-edit" using model.samzong.dev/v1',
        "field": ".spec.sourceRef",
    }
    body = status_body(409, "Conflict", "Apply failed with 1 conflict", name="llama", kind="models", causes=[cause])
    canned.route("PATCH", MODEL_PATH, Canned(409, body))
    with pytest.raises(ApplyConflict) as caught:
        client.apply(MANIFEST)
    assert caught.value.summary == "Other field managers own fields you changed: .spec.sourceRef (kubectl-edit)."
    assert (caught.value.verb, caught.value.namespace, caught.value.name) == ("patch", "ml", "llama")


def test_an_invalid_object_lists_its_fields(canned: CannedServer, client: ClusterClient) -> None:
    causes: list[StatusCauseWire] = [
        {"reason": "FieldValueRequired", "message": "Required value", "field": "spec.versions"}
    ]
    body = status_body(422, "Invalid", "Model is invalid", name="llama", kind="Model", causes=causes)
    canned.route("PATCH", MODEL_PATH, Canned(422, body))
    with pytest.raises(Invalid, match=r"spec\.versions: Required value") as caught:
        client.apply(MANIFEST, dry_run=True)
    assert caught.value.causes[0].field == "spec.versions"


def test_a_server_error_carries_retry_after(canned: CannedServer, client: ClusterClient) -> None:
    canned.route("GET", MODEL_PATH, Canned(503, "etcd is unavailable", {"Retry-After": "4"}))
    with pytest.raises(ServerError, match=r"\(HTTP 503\): etcd is unavailable Try again in 4 seconds\."):
        client.get(Model, namespace="ml", name="llama")


def test_an_answer_that_is_not_json_is_a_server_error(canned: CannedServer, client: ClusterClient) -> None:
    canned.route("GET", MODEL_PATH, Canned(200, "<html>login page</html>"))
    with pytest.raises(ServerError, match="not JSON"):
        client.get(Model, namespace="ml", name="llama")


def test_a_closed_port_is_unreachable_and_fails_fast(connect_to: ClientFactory) -> None:
    server = f"http://127.0.0.1:{closed_port()}"
    client = connect_to(server)
    started = time.monotonic()
    with pytest.raises(Unreachable) as caught:
        client.list(Model, namespace="ml")
    assert time.monotonic() - started < 2
    assert caught.value.summary == f"Could not connect to the cluster at {server}: Connection refused."


def test_https_to_a_plain_http_server_is_a_tls_error(canned: CannedServer, connect_to: ClientFactory) -> None:
    server = canned.url.replace("http://", "https://")
    client = connect_to(server)
    with pytest.raises(TLSError) as caught:
        client.list(Model, namespace="ml")
    assert caught.value.summary.startswith(f"The secure (TLS) connection to the cluster at {server} failed: [SSL")
    assert "does not speak TLS" in caught.value.hint


def test_a_server_that_does_not_answer_in_time_is_a_timeout(canned: CannedServer, connect_to: ClientFactory) -> None:
    canned.route("GET", MODEL_PATH, Canned(body={}, delay=5))
    client = connect_to(canned.url, timeout_seconds=0.3)
    started = time.monotonic()
    with pytest.raises(Timeout, match='did not answer in time while trying to get Model "llama"'):
        client.get(Model, namespace="ml", name="llama")
    assert time.monotonic() - started < 2
