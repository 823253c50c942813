"""How the console calls each public ClusterClient method, and on which kinds: the one table the RBAC
tests (the client's declared access, the chart's roles) call the client from."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from modelfs_lib.client import ClusterClient
from modelfs_lib.resources import (
    Dataset,
    Event,
    Kind,
    Model,
    ModelSource,
    Namespace,
    PersistentVolumeClaim,
    Pod,
    Resource,
    Secret,
)
from modelfs_lib.resources.deployment import Deployment
from modelfs_lib.resources.registry import OPERATOR_CLASSES, RESOURCE_CLASSES, SELF_SUBJECT_ACCESS_REVIEW

CLASSES: Mapping[Kind, type[Resource]] = {cls.KIND: cls for cls in RESOURCE_CLASSES}
CRDS = tuple(cls.KIND for cls in OPERATOR_CLASSES)

USED_WITH: Mapping[str, tuple[Kind, ...]] = {
    "list": (*CRDS, Namespace.KIND, PersistentVolumeClaim.KIND, Deployment.KIND),
    "list_raw": (*CRDS, Namespace.KIND, PersistentVolumeClaim.KIND, Deployment.KIND),
    "list_versioned": (*CRDS, Namespace.KIND, PersistentVolumeClaim.KIND),
    "list_pages": (*CRDS, Namespace.KIND, PersistentVolumeClaim.KIND),  # an informer's LIST
    "watch": (*CRDS, Namespace.KIND, PersistentVolumeClaim.KIND),  # then its WATCH
    # A Secret: does the ModelSource's Secret exist, with keys? Never listed. A Deployment: is the
    # controller available? (in its namespace only)
    "get": (Model.KIND, ModelSource.KIND, Namespace.KIND, Secret.KIND, Deployment.KIND),
    "get_raw": (Model.KIND, ModelSource.KIND, Namespace.KIND, Secret.KIND, Deployment.KIND),
    "apply": (Model.KIND, ModelSource.KIND),  # Datasets are the operator's: never applied
    "merge_patch": (Model.KIND, Dataset.KIND),  # Dataset: re-run a sync
    "delete": CRDS,  # Dataset: a stale REFERENCE
    "can_i": (SELF_SUBJECT_ACCESS_REVIEW,),
    "events_for": (Event.KIND,),
    "create_event": (Event.KIND,),  # the audit Event each write leaves
    "list_pods": (Pod.KIND,),  # which Pods mount a PVC
    "server_version": (),  # /version: a non-resource URL every authenticated user may read
}
"""Which kinds the console calls each public ClusterClient method with (as tests/access saw it send them)."""
SENDS_NOTHING = frozenset({"connect", "close", "acting_as"})
"""The public methods that send no request."""


def call(client: ClusterClient, method: str, kind: Kind, *, namespace: str, name: str) -> object:
    """``method`` on ``kind`` as the console calls it: ``name`` in ``namespace`` (when ``kind`` is namespaced);
    the console's own calls (events, Pods, access reviews, applied manifests) go to ``namespace``."""
    ns = namespace if kind.namespaced else None
    calls: dict[str, Callable[[], object]] = {
        "list": lambda: client.list(CLASSES[kind], namespace=ns),
        "list_raw": lambda: client.list_raw(kind, namespace=ns),
        "list_versioned": lambda: client.list_versioned(kind, namespace=ns),
        "list_pages": lambda: list(client.list_pages(kind, namespace=ns)),
        "watch": lambda: next(iter(client.watch(kind, namespace=ns, resource_version="1", timeout_seconds=1)), None),
        "get": lambda: client.get(CLASSES[kind], namespace=ns, name=name),
        "get_raw": lambda: client.get_raw(kind, namespace=ns, name=name),
        "apply": lambda: client.apply(
            {"apiVersion": kind.api_version, "kind": kind.kind, "metadata": {"name": name, "namespace": namespace}}
        ),
        "merge_patch": lambda: client.merge_patch(kind, namespace=ns, name=name, patch={"metadata": {"labels": {}}}),
        "delete": lambda: client.delete(kind, namespace=ns, name=name),
        "can_i": lambda: client.can_i(verb="patch", kind=Dataset.KIND, namespace=namespace),
        "events_for": lambda: client.events_for(namespace=namespace, kind="Model", name=name),
        "create_event": lambda: client.create_event(
            {"apiVersion": "v1", "kind": "Event", "metadata": {"name": f"{name}.1", "namespace": namespace}}
        ),
        "list_pods": lambda: client.list_pods(namespace=namespace),
        "server_version": client.server_version,
    }
    return calls[method]()
