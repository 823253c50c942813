"""REQUIRED_ACCESS against the requests ClusterClient's public methods actually send.

Each method is called, on each kind the console uses it with, against the canned server; the
RBAC verb, group and resource the API server would check are read back from the request line,
the way the API server's request-info does. REQUIRED_ACCESS must hold every one of them and
nothing else.
"""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Mapping

import pytest

from modelfs_lib.client import CONTROLLER_ACCESS, REQUIRED_ACCESS, ClusterClient, read_controller_deployments
from modelfs_lib.demo.request_attributes import resource_attributes
from modelfs_lib.errors import ClusterError
from modelfs_lib.resources import (
    Kind,
    Namespace,
    Secret,
)
from tests.helpers import client_calls
from tests.helpers.client_calls import SENDS_NOTHING, USED_WITH

from .canned_server import CannedServer, Recorded

Access = tuple[str, str, str]
IMPLIED: Mapping[str, frozenset[str]] = {"apply": frozenset({"create"})}
"""Verbs the API server checks beyond the request's own: server-side apply creates a missing object."""
NS = "ml"


def public_methods() -> set[str]:
    return {
        name
        for name, member in inspect.getmembers(ClusterClient)
        if not name.startswith("_") and callable(member) and not isinstance(member, property)
    }


def call(client: ClusterClient, method: str, kind: Kind) -> None:
    """``method`` on ``kind`` as the console calls it; on the canned server the object never exists."""
    name = NS if kind == Namespace.KIND else "qwen"
    with contextlib.suppress(ClusterError):  # the canned server's 404: the request was sent, all that counts
        client_calls.call(client, method, kind, namespace=NS, name=name)


def is_resource_request(request: Recorded) -> bool:
    return request.path.startswith(("/api/", "/apis/"))


def rbac_access(request: Recorded) -> Access:
    """(verb, group, resource) the API server's authorizer checks for a resource request."""
    checked = resource_attributes(request.method, request.path, {k: v[0] for k, v in request.query.items() if v})[-1]
    return checked.verb, checked.group, checked.resource


def sent(canned: CannedServer, client: ClusterClient, method: str, kind: Kind) -> set[Access]:
    """What calling ``method`` on ``kind`` makes the API server authorize."""
    canned.requests.clear()
    call(client, method, kind)
    assert canned.requests, f"{method} sent no request"
    found = {rbac_access(r) for r in canned.requests if is_resource_request(r)}
    return found | {(verb, kind.group, kind.plural) for verb in IMPLIED.get(method, frozenset())}


def test_every_public_method_says_which_kinds_the_console_uses_it_with() -> None:
    assert public_methods() == set(USED_WITH) | SENDS_NOTHING


@pytest.mark.parametrize("method", sorted(USED_WITH))
def test_each_method_needs_only_what_required_access_lists_for_its_kinds(
    method: str, canned: CannedServer, client: ClusterClient
) -> None:
    for kind in USED_WITH[method]:
        need = sent(canned, client, method, kind)
        assert need, f"{method} on {kind.kind} asked the API server for nothing"
        assert need <= REQUIRED_ACCESS, f"{method} on {kind.kind} needs {sorted(need - REQUIRED_ACCESS)}"


def test_required_access_is_exactly_what_the_consoles_calls_need(canned: CannedServer, client: ClusterClient) -> None:
    need = {
        access for method, kinds in USED_WITH.items() for kind in kinds for access in sent(canned, client, method, kind)
    }
    assert sorted(REQUIRED_ACCESS - need) == [], "granted, yet no call needs it"
    assert sorted(need - REQUIRED_ACCESS) == [], "a call needs it, yet it is not declared"


@pytest.mark.parametrize("name", [None, "modelfs"], ids=["by-selector", "by-name"])
def test_reading_the_controller_needs_its_deployments_and_the_namespace_only(
    name: str | None, canned: CannedServer, client: ClusterClient
) -> None:
    canned.requests.clear()
    read_controller_deployments(client, namespace="modelfs-system", label_selector="control-plane=x", name=name)
    need = {rbac_access(r) for r in canned.requests}
    # Nothing is found on the canned server, so the namespace is read to tell a missing one.
    assert need == {("list" if name is None else "get", "apps", "deployments"), ("get", "", "namespaces")}
    assert need <= REQUIRED_ACCESS
    assert {a for a in need if a[2] == "deployments"} <= CONTROLLER_ACCESS


def test_the_server_version_is_read_from_a_non_resource_url(canned: CannedServer, client: ClusterClient) -> None:
    call(client, "server_version", Namespace.KIND)
    assert [(r.method, r.path) for r in canned.requests] == [("GET", "/version")]


def test_the_console_never_replaces_and_never_lists_or_watches_secrets() -> None:
    verbs = {verb for verb, _, _ in REQUIRED_ACCESS}
    assert not verbs & {"update", "deletecollection", "*"}
    assert {verb for verb, group, resource in REQUIRED_ACCESS if (group, resource) == ("", "secrets")} == {"get"}
    watched = {(g, r) for v, g, r in REQUIRED_ACCESS if v == "watch"}
    assert watched and watched <= {(g, r) for v, g, r in REQUIRED_ACCESS if v == "list"}


def test_the_client_refuses_to_list_secrets_and_sends_nothing(canned: CannedServer, client: ClusterClient) -> None:
    canned.requests.clear()
    with pytest.raises(ValueError, match="never listed"):
        client.list(Secret, namespace=NS)
    with pytest.raises(ValueError, match="never listed"):
        client.list_raw(Secret.KIND, namespace=None)
    assert canned.requests == []


def test_required_access_is_a_frozenset_of_verb_group_resource_triples() -> None:
    assert isinstance(REQUIRED_ACCESS, frozenset)
    assert all(isinstance(a, tuple) and len(a) == 3 and all(isinstance(p, str) for p in a) for a in REQUIRED_ACCESS)
    assert ("create", "authorization.k8s.io", "selfsubjectaccessreviews") in REQUIRED_ACCESS
