"""The console's RBAC needs, and what a rendered chart grants: shared by the chart's RBAC tests."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from modelfs_lib.client import CONTROLLER_ACCESS, REQUIRED_ACCESS, ClusterClient
from modelfs_lib.errors import ClusterError, Forbidden
from modelfs_lib.resources import (
    Kind,
)
from modelfs_lib.resources.deployment import Deployment
from modelfs_lib.resources.registry import SELF_SUBJECT_ACCESS_REVIEW
from tests.deploy.chart import Rendered
from tests.helpers import client_calls
from tests.helpers.client_calls import USED_WITH

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
    "events_for": frozenset({"list"}),
    "create_event": frozenset({"create"}),  # the audit Event each write leaves
    "list_pods": frozenset({"list"}),
    "list_versioned": frozenset({"list"}),
    "list_pages": frozenset({"list"}),  # an informer's LIST ...
    "watch": frozenset({"watch"}),  # ... and then its WATCH
}
"""The RBAC verbs each ClusterClient method makes the API server check (see modelfs_lib/client/cluster.py;
``test_each_client_method_sends_the_verbs_the_table_says`` checks it against what the emulator receives)."""
IMPLIED_BY_THE_API_SERVER: Mapping[str, frozenset[str]] = {"apply": frozenset({"create"})}
WRITE_METHODS = frozenset({"apply", "merge_patch", "delete", "create_event"})

UI_CALLS: Mapping[Kind, tuple[str, ...]] = {
    kind: tuple(method for method, kinds in USED_WITH.items() if kind in kinds and method in CLIENT_METHOD_VERBS)
    for kind in dict.fromkeys(kind for kinds in USED_WITH.values() for kind in kinds)
}
"""Which client methods the console calls on which kind, as tests/access saw it send them
(:data:`~tests.helpers.client_calls.USED_WITH` by kind, each method once: ``list`` stands for ``list_raw`` too).

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


def call(client: ClusterClient, method: str, kind: Kind) -> None:
    """Call ``method`` on ``kind`` the way the console does, on objects that need not exist."""
    namespace = CONTROLLER_NS if kind == Deployment.KIND else NS
    name = "qwen" if kind.kind != "Namespace" else NS
    try:
        client_calls.call(client, method, kind, namespace=namespace, name=name)
    except Forbidden:
        raise
    except ClusterError:
        pass  # NotFound, Invalid, ...: the API server authorized the request before answering it
