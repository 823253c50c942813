"""The chart's RBAC: exactly the client's REQUIRED_ACCESS, enough for every call the console makes.

Three views of one question, "may the console's ServiceAccount do what the console does?":
the rendered rules against ``modelfs_lib.client.REQUIRED_ACCESS`` (what tests/client checks the
client's methods send); that table against the calls the console makes on each kind; and the
client itself, run against the emulator while the emulator enforces the rendered ClusterRole and Role.
The Role grants CONTROLLER_ACCESS (Deployments) in the controller's namespace only; the ClusterRole
the rest, everywhere.

Issue #6 also listed ``watch`` and ``update``: the console polls and never PUTs, so the chart
grants neither.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from modelfs_lib.client import ClusterClient, discover
from modelfs_lib.demo.access import AccessPolicy
from modelfs_lib.demo.emulator import ClusterEmulator
from modelfs_lib.demo.request_attributes import resource_attributes
from modelfs_lib.demo.runner import EmulatorThread, write_kubeconfig
from modelfs_lib.errors import Forbidden
from modelfs_lib.resources import (
    Dataset,
    Event,
    Model,
    Namespace,
    PersistentVolumeClaim,
    Pod,
    Secret,
)
from modelfs_lib.resources.deployment import Deployment
from tests.conftest import REPO_ROOT
from tests.deploy.chart import Rendered, render
from tests.deploy.rbac import (
    CLIENT_METHOD_VERBS,
    CONTROLLER_NS,
    IMPLIED_BY_THE_API_SERVER,
    NS,
    SSAR,
    UI_CALLS,
    WRITE_METHODS,
    Access,
    accesses,
    call,
    granted,
    needed,
    required_access,
)


@pytest.fixture(scope="module")
def default() -> Rendered:
    return render()


@pytest.fixture(scope="module")
def readonly() -> Rendered:
    return render({"readonly": True})


# ---- the rules -------------------------------------------------------------------------------------


def test_the_cluster_role_grants_exactly_what_the_client_requires_outside_the_controllers_namespace(
    default: Rendered,
) -> None:
    need, have = required_access(controller=False), granted(default)
    assert sorted(need - have) == [], "calls the console makes that the ClusterRole refuses"
    assert sorted(have - need) == [], "the ClusterRole grants what no call needs"
    assert not {a for a in have if a.resource == "deployments"}, "Deployments are readable in one namespace only"


@pytest.mark.parametrize("values", [None, {"readonly": True}], ids=["default", "readonly"])
def test_a_role_in_the_controllers_namespace_grants_reading_its_deployments(values: dict[str, bool] | None) -> None:
    rendered = render(values)
    assert granted(rendered, "Role") == required_access(controller=True)
    assert {a.verb for a in granted(rendered, "Role")} == {"get", "list"}
    assert rendered.one("Role")["metadata"]["namespace"] == CONTROLLER_NS


def test_the_role_follows_the_controller_namespace_value() -> None:
    rendered = render({"controller": {"namespace": "operators"}})
    role, binding = rendered.one("Role"), rendered.one("RoleBinding")
    assert role["metadata"]["namespace"] == binding["metadata"]["namespace"] == "operators"
    assert binding["roleRef"] == {
        "apiGroup": "rbac.authorization.k8s.io",
        "kind": "Role",
        "name": role["metadata"]["name"],
    }
    account = rendered.one("ServiceAccount")["metadata"]
    assert binding["subjects"] == [
        {"kind": "ServiceAccount", "name": account["name"], "namespace": account["namespace"]}
    ]


def test_the_cluster_role_grants_no_update_and_watches_only_what_is_listed(
    default: Rendered, readonly: Rendered
) -> None:
    for rendered in (default, readonly):
        for kind in ("ClusterRole", "Role"):
            access = granted(rendered, kind)
            assert {a.verb for a in access} & {"update", "deletecollection"} == set()
            watched = {(a.group, a.resource) for a in access if a.verb == "watch"}
            assert watched <= {(a.group, a.resource) for a in access if a.verb == "list"}
            assert ("", "secrets") not in watched


def test_the_cluster_role_has_no_wildcards(default: Rendered, readonly: Rendered) -> None:
    for rendered in (default, readonly):
        for rule in rendered.one("ClusterRole")["rules"] + rendered.one("Role")["rules"]:
            for field in ("apiGroups", "resources", "verbs"):
                assert "*" not in rule[field]


def test_secrets_can_be_read_one_by_one_but_never_listed_or_changed(default: Rendered) -> None:
    assert {a.verb for a in granted(default) if a.resource == "secrets"} == {"get"}


def test_read_only_mode_grants_exactly_the_clients_reads_and_access_reviews(readonly: Rendered) -> None:
    ask = Access("create", "authorization.k8s.io", "selfsubjectaccessreviews")  # asking is not writing
    assert sorted(granted(readonly)) == sorted(required_access(readonly=True, controller=False))
    assert {a.verb for a in granted(readonly)} == {"get", "list", "watch", "create"}
    assert {a for a in granted(readonly) if a.verb == "create"} == {ask}


def test_the_binding_gives_the_role_to_the_consoles_service_account(default: Rendered) -> None:
    binding = default.one("ClusterRoleBinding")
    assert binding["roleRef"] == {
        "apiGroup": "rbac.authorization.k8s.io",
        "kind": "ClusterRole",
        "name": default.one("ClusterRole")["metadata"]["name"],
    }
    account = default.one("ServiceAccount")["metadata"]
    subject = {"kind": "ServiceAccount", "name": account["name"], "namespace": account["namespace"]}
    assert binding["subjects"] == [subject]
    pod = default.one("Deployment")["spec"]["template"]["spec"]
    assert pod["serviceAccountName"] == account["name"]


def test_rbac_and_the_service_account_can_be_left_to_the_cluster_admin() -> None:
    rendered = render({"rbac": {"create": False}, "serviceAccount": {"create": False, "name": "console"}})
    assert rendered.kinds == ["Deployment", "Service"]
    assert rendered.one("Deployment")["spec"]["template"]["spec"]["serviceAccountName"] == "console"
    assert "rbac.create is false" in rendered.notes


# ---- the client's declared access against the console's calls ----------------------------------------


def test_the_clients_declared_access_matches_what_the_consoles_calls_need() -> None:
    assert sorted(required_access()) == sorted(needed(UI_CALLS))


def test_read_only_access_is_what_the_consoles_reads_need() -> None:
    reads = {kind: [m for m in methods if m not in WRITE_METHODS] for kind, methods in UI_CALLS.items()}
    assert sorted(required_access(readonly=True)) == sorted(needed(reads))


def readme_permissions() -> set[Access]:
    """The (verb, group, resource) rows of the README's Permissions table."""
    text = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Permissions\n", 1)[1].split("\n## ", 1)[0]
    found: set[Access] = set()
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 4 or cells[0] in ("API group", "---"):
            continue
        group = "" if cells[0] == "core" else cells[0].strip("`")
        found |= accesses(group, re.findall(r"`([a-z]+)`", cells[1]), re.findall(r"`([a-z]+)`", cells[2]))
    return found


def test_the_readme_lists_exactly_what_the_client_requires() -> None:
    # NOTES.txt sends a cluster admin who binds the role by hand (rbac.create: false) to this table.
    assert sorted(readme_permissions()) == sorted(required_access())


# ---- the client against an API server that enforces the chart's ClusterRole --------------------------


class RolePolicy(AccessPolicy):
    """Allows exactly what a ClusterRole grants (in every namespace: it is bound cluster-wide), and what a
    Role grants in its own namespace."""

    def __init__(self, grants: set[Access], role: set[Access] | None = None, role_namespace: str = "") -> None:
        super().__init__()
        self.grants = grants
        self.role = role or set()
        self.role_namespace = role_namespace

    def allows(self, verb: str, group: str, resource: str, namespace: str | None) -> bool:
        access = Access(verb, group, resource)
        return access in self.grants or (access in self.role and namespace == self.role_namespace)


@dataclass
class Cluster:
    emulator: ClusterEmulator
    client: ClusterClient


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[[Rendered], Cluster]]:
    """``serve(rendered)``: an emulator enforcing ``rendered``'s ClusterRole, and a client connected to it."""
    threads: list[EmulatorThread] = []
    clients: list[ClusterClient] = []

    def start(rendered: Rendered) -> Cluster:
        role = rendered.one("Role")
        policy = RolePolicy(granted(rendered), granted(rendered, "Role"), role["metadata"]["namespace"])
        emulator = ClusterEmulator(access=policy)
        thread = EmulatorThread(emulator)
        threads.append(thread.start())
        config = discover(kubeconfig=str(write_kubeconfig(thread.url, tmp_path / f"kc{len(threads)}")))
        assert config is not None
        client = ClusterClient.connect(config, timeout_seconds=5)
        clients.append(client)
        return Cluster(emulator=emulator, client=client)

    yield start
    for client in clients:
        client.close()
    for thread in threads:
        thread.stop()


def rbac_verb(method: str, path: str, params: Mapping[str, str]) -> tuple[str, str, str]:
    """(verb, group, resource) as the API server's request-info names a resource request."""
    checked = resource_attributes(method, path, params)[-1]
    return checked.verb, checked.group, checked.resource


@pytest.mark.parametrize("method", sorted(CLIENT_METHOD_VERBS))
def test_each_client_method_sends_the_verbs_the_table_says(
    method: str, serve: Callable[[Rendered], Cluster], default: Rendered
) -> None:
    cluster = serve(default)
    kind = SSAR if method == "can_i" else Model.KIND
    cluster.emulator.received.clear()
    call(cluster.client, method, kind)
    sent = {rbac_verb(r.method, r.path, r.params)[0] for r in cluster.emulator.received}
    assert sent | IMPLIED_BY_THE_API_SERVER.get(method, frozenset()) == CLIENT_METHOD_VERBS[method]


def test_every_call_the_console_makes_passes_the_charts_rbac(
    serve: Callable[[Rendered], Cluster], default: Rendered
) -> None:
    cluster = serve(default)
    for kind, methods in UI_CALLS.items():
        for method in methods:
            call(cluster.client, method, kind)  # raises Forbidden when the ClusterRole refuses it
    calls = sum(len(methods) for methods in UI_CALLS.values())
    assert len(cluster.emulator.received) == calls, "every call reached the API server"


def test_the_charts_rbac_refuses_what_the_console_never_does(
    serve: Callable[[Rendered], Cluster], default: Rendered
) -> None:
    client = serve(default).client
    refused = [
        ("get", PersistentVolumeClaim.KIND),
        ("delete", Namespace.KIND),
        ("merge_patch", Secret.KIND),
        ("delete", Event.KIND),
        ("get", Pod.KIND),
        ("delete", Pod.KIND),
    ]
    for method, kind in refused:
        with pytest.raises(Forbidden):
            call(client, method, kind)


def test_in_read_only_mode_the_api_server_refuses_every_write(
    serve: Callable[[Rendered], Cluster], readonly: Rendered
) -> None:
    client = serve(readonly).client
    for kind, methods in UI_CALLS.items():
        for method in methods:
            if method in WRITE_METHODS:
                with pytest.raises(Forbidden):
                    call(client, method, kind)
            else:
                call(client, method, kind)


def test_access_reviews_answer_what_the_charts_role_allows(
    serve: Callable[[Rendered], Cluster], default: Rendered
) -> None:
    client = serve(default).client
    assert client.can_i(verb="patch", kind=Dataset.KIND, namespace=NS).allowed
    assert not client.can_i(verb="create", kind=Dataset.KIND, namespace=NS).allowed
    assert not client.can_i(verb="list", kind=Secret.KIND, namespace=NS).allowed


def test_the_charts_rbac_lets_the_console_read_deployments_only_in_the_controllers_namespace(
    serve: Callable[[Rendered], Cluster], default: Rendered
) -> None:
    client = serve(default).client
    client.list_raw(Deployment.KIND, namespace=CONTROLLER_NS, label_selector="control-plane=controller-manager")
    for method, namespace in (("list", NS), ("list", None), ("get", NS)):
        with pytest.raises(Forbidden):
            if method == "list":
                client.list_raw(Deployment.KIND, namespace=namespace)
            else:
                client.get_raw(Deployment.KIND, namespace=namespace, name="modelfs")
