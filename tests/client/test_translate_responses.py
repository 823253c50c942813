"""translate() on ApiExceptions: one ClusterError subclass per status, with a readable sentence."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import pytest
from kubernetes.client.exceptions import ApiException

from modelfs_lib.client import translate
from modelfs_lib.client.status import StatusCauseWire
from modelfs_lib.errors import (
    ApplyConflict,
    ClusterError,
    Conflict,
    FieldCause,
    Forbidden,
    Gone,
    Invalid,
    NotFound,
    OwnedField,
    ServerError,
    Timeout,
    TLSError,
    TooManyRequests,
    Unauthorized,
)
from modelfs_lib.resources import Model, Namespace

from .canned_server import status_body

MODEL = Model.KIND


class FakeResponse:
    """What ApiException reads from an HTTP response: status, reason, data, headers."""

    def __init__(self, status: int, body: Any, headers: Mapping[str, str] | None = None) -> None:
        self.status = status
        self.reason = "Reason"
        self.data = (body if isinstance(body, str) else json.dumps(body)).encode()
        self.headers = dict(headers or {})


def api_error(status: int, body: Any = "", headers: Mapping[str, str] | None = None) -> ApiException:
    return ApiException(status, "Reason", FakeResponse(status, body, headers))


def model_error(status: int, body: Any = "", headers: Mapping[str, str] | None = None, **kw: Any) -> ClusterError:
    args: dict[str, Any] = {"verb": "get", "kind": MODEL, "namespace": "ml", "name": "llama", "server": "https://k8s"}
    return translate(api_error(status, body, headers), **(args | kw))


def test_401_says_the_credentials_were_rejected() -> None:
    error = model_error(401, status_body(401, "Unauthorized", "Unauthorized"))
    assert type(error) is Unauthorized
    assert error.summary == "The cluster at https://k8s rejected your credentials; they may have expired."
    assert error.status == 401
    assert "Log in again" in error.hint


def test_403_from_rbac_names_verb_resource_and_namespace() -> None:
    message = (
        'models.model.samzong.dev "llama" is forbidden: User "alice" cannot patch resource "models" '
        'in API group "model.samzong.dev" in the namespace "ml"'
    )
    error = model_error(403, status_body(403, "Forbidden", message, name="llama", kind="models"), verb="patch")
    assert type(error) is Forbidden
    assert error.summary == 'You are not allowed to patch models.model.samzong.dev in namespace "ml".'
    assert "alice" in error.hint
    assert "ClusterRole binding" in error.hint
    assert (error.verb, error.resource, error.namespace, error.name) == (
        "patch",
        "models.model.samzong.dev",
        "ml",
        "llama",
    )


def test_403_takes_the_verb_the_server_reports() -> None:
    message = 'User "bob" cannot create resource "models" in API group "model.samzong.dev" in the namespace "ml"'
    error = model_error(403, status_body(403, "Forbidden", message), verb="patch")
    assert error.summary.startswith("You are not allowed to create models.model.samzong.dev")


def test_403_across_all_namespaces_says_so() -> None:
    error = translate(api_error(403, "forbidden"), verb="list", kind=MODEL)
    assert error.summary == "You are not allowed to list models.model.samzong.dev across all namespaces."


def test_403_on_a_cluster_scoped_kind_has_no_namespace() -> None:
    error = translate(api_error(403, ""), verb="list", kind=Namespace.KIND)
    assert error.summary == "You are not allowed to list namespaces."


def test_403_that_is_not_rbac_quotes_the_server() -> None:
    message = "unable to create new content in namespace ml because it is being terminated"
    error = model_error(403, status_body(403, "Forbidden", message), verb="create")
    assert type(error) is Forbidden
    assert error.summary == f'The cluster refused to create Model "llama" in namespace "ml": {message}'


def test_404_with_an_object_status_says_which_object_is_missing() -> None:
    body = status_body(404, "NotFound", 'models.model.samzong.dev "llama" not found', name="llama", kind="models")
    error = model_error(404, body)
    assert type(error) is NotFound
    assert error.summary == 'Model "llama" in namespace "ml" was not found; it may have been deleted.'


def test_404_for_another_object_names_that_object() -> None:
    body = status_body(404, "NotFound", 'namespaces "ml" not found', name="ml", kind="namespaces")
    error = model_error(404, body, verb="patch")
    assert error.summary == 'Namespace "ml" was not found.'


def test_404_in_plain_text_means_the_crd_is_not_installed() -> None:
    error = model_error(404, "404 page not found\n")
    assert type(error) is NotFound
    assert error.summary == "The cluster does not serve models.model.samzong.dev: the Model CRD is not installed."
    assert "kubectl get crd models.model.samzong.dev" in error.hint


def test_404_on_a_list_means_the_resource_type_is_missing() -> None:
    error = translate(
        api_error(404, status_body(404, "NotFound", "the server could not find the requested resource")),
        verb="list",
        kind=MODEL,
        namespace="ml",
    )
    assert "CRD is not installed" in error.summary


def test_409_with_a_stale_resource_version_asks_to_reload() -> None:
    message = (
        'Operation cannot be fulfilled on models.model.samzong.dev "llama": the object has been modified; '
        "please apply your changes to the latest version and try again"
    )
    error = model_error(409, status_body(409, "Conflict", message), verb="patch")
    assert type(error) is Conflict
    assert error.summary == 'Model "llama" in namespace "ml" was changed by someone else since you loaded it.'
    assert "Reload" in error.hint


def test_409_already_exists() -> None:
    body = status_body(409, "AlreadyExists", 'models.model.samzong.dev "llama" already exists', name="llama")
    error = model_error(409, body, verb="create")
    assert type(error) is Conflict
    assert error.summary == 'Model "llama" in namespace "ml" already exists.'


def test_409_on_apply_lists_conflicting_fields_and_managers() -> None:
    causes: list[StatusCauseWire] = [
        {
            "reason": "FieldManagerConflict",
            "message": 'conflict with "kubectl-edit" using model.samzong.dev/v1',
            "field": ".spec.sourceRef",
        },
        {
            "reason": "FieldManagerConflict",
            "message": 'conflict with "helm" using model.samzong.dev/v1',
            "field": ".spec.display.description",
        },
    ]
    body = status_body(409, "Conflict", "Apply failed with 2 conflicts", name="llama", kind="models", causes=causes)
    error = model_error(409, body, verb="patch")
    assert type(error) is ApplyConflict
    assert isinstance(error, Conflict)
    assert error.summary == (
        "Other field managers own fields you changed: .spec.sourceRef (kubectl-edit), .spec.display.description (helm)."
    )
    assert error.causes[0] == FieldCause(
        field=".spec.sourceRef", message=causes[0]["message"], reason="FieldManagerConflict"
    )
    assert "force" in error.hint
    assert error.owned == (
        OwnedField(".spec.sourceRef", "kubectl-edit"),
        OwnedField(".spec.display.description", "helm"),
    )


def test_422_lists_the_invalid_fields() -> None:
    causes: list[StatusCauseWire] = [
        {"reason": "FieldValueRequired", "message": "Required value", "field": "spec.sourceRef"},
        {
            "reason": "FieldValueNotSupported",
            "message": 'Unsupported value: "FP8"',
            "field": "spec.versions[0].precision",
        },
    ]
    body = status_body(422, "Invalid", 'Model.model.samzong.dev "llama" is invalid', name="llama", causes=causes)
    error = model_error(422, body, verb="patch")
    assert type(error) is Invalid
    assert error.summary == (
        'The cluster rejected Model "llama" in namespace "ml": spec.sourceRef: Required value; '
        'spec.versions[0].precision: Unsupported value: "FP8".'
    )
    assert [c.field for c in error.causes] == ["spec.sourceRef", "spec.versions[0].precision"]


def test_422_with_many_causes_counts_the_rest() -> None:
    causes: list[StatusCauseWire] = [{"message": "Required value", "field": f"spec.f{i}"} for i in range(5)]
    error = model_error(422, status_body(422, "Invalid", "invalid", causes=causes))
    assert error.summary.endswith("(and 2 more).")
    assert len(error.causes) == 5


def test_400_maps_to_invalid_with_the_server_message() -> None:
    error = model_error(400, status_body(400, "BadRequest", "error decoding patch"), verb="patch")
    assert type(error) is Invalid
    assert error.summary.endswith("error decoding patch")


def test_429_mentions_retry_after() -> None:
    error = model_error(429, status_body(429, "TooManyRequests", "slow down"), {"Retry-After": "7"})
    assert type(error) is TooManyRequests
    assert error.summary == (
        'The cluster is throttling requests (429 Too Many Requests) and did not get Model "llama" in namespace "ml". '
        "Try again in 7 seconds."
    )


def test_500_quotes_the_failure_and_retry_after() -> None:
    message = 'Internal error occurred: failed calling webhook "validate.models": connection refused'
    error = model_error(500, status_body(500, "InternalError", message), {"Retry-After": "3"}, verb="patch")
    assert type(error) is ServerError
    assert error.summary == (
        f'The cluster failed to patch Model "llama" in namespace "ml" (HTTP 500): {message} Try again in 3 seconds.'
    )


def test_503_in_plain_text_still_maps() -> None:
    error = model_error(503, "upstream connect error")
    assert type(error) is ServerError
    assert "(HTTP 503): upstream connect error" in error.summary


def test_504_is_a_timeout_and_a_write_may_still_happen() -> None:
    error = model_error(504, status_body(504, "Timeout", "request timed out"), verb="patch")
    assert type(error) is Timeout
    assert error.summary.endswith("The change may still take effect.")


@pytest.mark.parametrize("body", ["", "<html>oops</html>", "[1, 2]", '{"kind": "Other"}', "{not json"])
def test_bodies_that_are_not_a_status_still_map_by_code(body: str) -> None:
    for status, cls in [
        (401, Unauthorized),
        (403, Forbidden),
        (404, NotFound),
        (409, Conflict),
        (422, Invalid),
        (429, TooManyRequests),
        (500, ServerError),
    ]:
        error = model_error(status, body)
        assert type(error) is cls
        assert error.summary and error.status == status


def test_an_unusual_status_becomes_a_plain_cluster_error() -> None:
    error = model_error(418, status_body(418, "Teapot", "short and stout"), verb="list")
    assert type(error) is ClusterError
    assert "HTTP 418" in error.summary and "short and stout" in error.summary


def test_410_gone_says_it_expired_and_is_read_again() -> None:
    error = model_error(410, status_body(410, "Expired", "too old resource version"), verb="list")
    assert isinstance(error, Gone)
    assert "(410 Gone): too old resource version" in error.summary
    assert "read again from the start" in error.hint


def test_the_rest_layers_ssl_report_becomes_a_tls_error() -> None:
    reason = "SSLError\n[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate"
    error = translate(ApiException(status=0, reason=reason), verb="get", kind=MODEL, server="https://k8s")
    assert type(error) is TLSError
    assert "certificate verify failed" in error.summary
    assert "certificate-authority" in error.hint


def test_an_exception_built_from_status_and_reason_alone_maps() -> None:
    error = translate(ApiException(status=404, reason="Not Found"), verb="get", kind=MODEL, namespace="ml", name="x")
    assert type(error) is NotFound
