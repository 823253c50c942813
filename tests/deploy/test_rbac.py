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
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from modelfs_lib.client import CONTROLLER_ACCESS, REQUIRED_ACCESS, ClusterClient, discover
from modelfs_lib.demo.access import AccessPolicy
from modelfs_lib.demo.emulator import ClusterEmulator
from modelfs_lib.demo.runner import EmulatorThread, write_kubeconfig
from modelfs_lib.errors import ClusterError, Forbidden
from modelfs_lib.resources import (
    Dataset,
    Event,
    Kind,
    Model,
    ModelSource,
    Namespace,
    PersistentVolumeClaim,
    Pod,
    Secret,
)
from modelfs_lib.resources.deployment import Deployment
from modelfs_lib.resources.registry import SELF_SUBJECT_ACCESS_REVIEW
from tests.conftest import REPO_ROOT
from tests.deploy.chart import Rendered, render

SSAR = SELF_SUBJECT_ACCESS_REVIEW
NS = "ml-team"
CONTROLLER_NS = "modelfs-system"
"""The chart's default ``controller.namespace``."""


@dataclass(frozen=True, order=True)
class Access:
    """One permission: ``verb`` on ``resource`` (a plural) in API group ``group``."""

    verb: str
    group: str
    resource: str

    @classmethod
    def of(cls, item: tuple[str, str, str]) -> Access:
        """From a ``(verb, group, resource)`` tuple, as REQUIRED_ACCESS holds them."""
        verb, group, resource = item
        return cls(verb, group, resource)


def accesses(group: str, resources: Iterable[str], verbs: Iterable[str]) -> set[Access]:
    return {Access(verb, group, resource) for resource in resources for verb in verbs}


READ_VERBS = frozenset({"get", "list", "watch"})
"""The verbs read-only mode keeps (and ``create`` on selfsubjectaccessreviews: asking is not writing)."""


# ---- what the client's calls need -----------------------------------------------------------------

CLIENT_METHOD_VERBS: Mapping[str, frozenset[str]] = {
    "list": frozenset({"list"}),
    "get": frozenset({"get"}),
    # Server-side apply is a PATCH; when it creates the object the API server also checks "create".
    "apply": frozenset({"patch", "create"}),
    "merge_patch": frozenset({"patch"}),
    "delete": frozenset({"delete"}),
    "can_i": frozenset({"create"}),  # POST selfsubjectaccessreviews
    "list_namespaces": frozenset({"list"}),
    "events_for": frozenset({"list"}),
    "create_event": frozenset({"create"}),  # the audit Event each write leaves
    "list_pods": frozenset({"list"}),
    "list_versioned": frozenset({"list"}),  # an informer's LIST ...
    "watch": frozenset({"watch"}),  # ... and then its WATCH
}
"""The RBAC verbs each ClusterClient method makes the API server check (see modelfs_lib/client/cluster.py;
``test_each_client_method_sends_the_verbs_the_table_says`` checks it against what the emulator receives)."""
IMPLIED_BY_THE_API_SERVER: Mapping[str, frozenset[str]] = {"apply": frozenset({"create"})}
WRITE_METHODS = frozenset({"apply", "merge_patch", "delete", "create_event"})

UI_CALLS: Mapping[Kind, tuple[str, ...]] = {
    Model.KIND: ("list", "get", "apply", "merge_patch", "delete", "list_versioned", "watch"),
    ModelSource.KIND: ("list", "get", "apply", "delete", "list_versioned", "watch"),
    Dataset.KIND: ("list", "merge_patch", "delete", "list_versioned", "watch"),  # bump a round; delete a reference
    Namespace.KIND: ("list_namespaces", "get", "list_versioned", "watch"),
    Secret.KIND: ("get",),  # does the ModelSource's Secret exist, with keys? Never listed
    PersistentVolumeClaim.KIND: ("list", "list_versioned", "watch"),
    Event.KIND: ("events_for", "create_event"),
    Pod.KIND: ("list_pods",),  # which Pods mount a Dataset's PVC
    SSAR: ("can_i",),
    Deployment.KIND: ("list", "get"),  # is the controller available? (in its namespace only)
}
"""Which client methods the console calls on which kind, as tests/access saw it send them.

REQUIRED_ACCESS is derived from the recorded requests (tests/access/test_access_derived.py);
``test_the_clients_declared_access_matches_what_the_consoles_calls_need`` holds this summary to it."""


def needed(calls: Mapping[Kind, Iterable[str]]) -> set[Access]:
    return {
        Access(verb, kind.group, kind.plural)
        for kind, methods in calls.items()
        for method in methods
        for verb in CLIENT_METHOD_VERBS[method]
    }


def required_access(*, readonly: bool = False, controller: bool | None = None) -> set[Access]:
    """The client's REQUIRED_ACCESS; in read-only mode only its reads and access reviews.

    ``controller`` True: only CONTROLLER_ACCESS (the Role's part); False: all but it (the ClusterRole's).
    """
    found = {Access.of(item) for item in REQUIRED_ACCESS}
    if controller is not None:
        found = {a for a in found if ((a.verb, a.group, a.resource) in CONTROLLER_ACCESS) == controller}
    if readonly:
        found = {a for a in found if a.verb in READ_VERBS or a.resource == SSAR.plural}
    return found


def granted(rendered: Rendered, kind: str = "ClusterRole") -> set[Access]:
    """Every (verb, group, resource) the rendered ClusterRole (or Role) grants."""
    rules = rendered.one(kind)["rules"]
    result: set[Access] = set()
    for rule in rules:
        assert set(rule) == {"apiGroups", "resources", "verbs"}, "no resourceNames or nonResourceURLs expected"
        for group in rule["apiGroups"]:
            result |= accesses(group, rule["resources"], rule["verbs"])
    return result


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


def call(client: ClusterClient, method: str, kind: Kind) -> None:
    """Call ``method`` on ``kind`` the way the console does, on objects that need not exist."""
    ns = (CONTROLLER_NS if kind == Deployment.KIND else NS) if kind.namespaced else None
    name = "qwen" if kind.kind != "Namespace" else NS
    calls: dict[str, Callable[[], object]] = {
        "list": lambda: client.list_raw(kind, namespace=ns),
        "get": lambda: client.get_raw(kind, namespace=ns, name=name),
        "apply": lambda: client.apply(
            {"apiVersion": kind.api_version, "kind": kind.kind, "metadata": {"name": name, "namespace": NS}}
        ),
        "merge_patch": lambda: client.merge_patch(kind, namespace=ns, name=name, patch={"metadata": {"labels": {}}}),
        "delete": lambda: client.delete(kind, namespace=ns, name=name),
        "can_i": lambda: client.can_i(verb="patch", kind=Dataset.KIND, namespace=NS),
        "list_namespaces": client.list_namespaces,
        "events_for": lambda: client.events_for(namespace=NS, kind="Model", name=name),
        "create_event": lambda: client.create_event(
            {"apiVersion": "v1", "kind": "Event", "metadata": {"name": f"{name}.1", "namespace": NS}}
        ),
        "list_pods": lambda: client.list_pods(namespace=NS),
        "list_versioned": lambda: client.list_versioned(kind, namespace=ns),
        "watch": lambda: next(iter(client.watch(kind, namespace=ns, resource_version="1", timeout_seconds=1)), None),
    }
    try:
        calls[method]()
    except Forbidden:
        raise
    except ClusterError:
        pass  # NotFound, Invalid, ...: the API server authorized the request before answering it


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
    parts = path.strip("/").split("/")
    group, rest = ("", parts[2:]) if parts[0] == "api" else (parts[1], parts[3:])
    if rest[0] == "namespaces" and len(rest) >= 3:
        rest = rest[2:]
    has_name = len(rest) > 1
    if method == "GET":
        verb = "get" if has_name else ("watch" if params.get("watch") == "true" else "list")
    else:
        verb = {"POST": "create", "PUT": "update", "PATCH": "patch", "DELETE": "delete"}[method]
        verb = "deletecollection" if verb == "delete" and not has_name else verb
    return verb, group, rest[0]


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
