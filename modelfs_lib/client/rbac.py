"""REQUIRED_ACCESS: every RBAC permission the console's calls through ClusterClient need.

The Helm chart grants exactly this, and tests/deploy/test_rbac.py holds it to that: its ClusterRole
(charts/modelfs-ui/templates/clusterrole.yaml) everything but CONTROLLER_ACCESS, which a Role in the
controller's namespace grants (templates/controller-role.yaml), so no Deployment elsewhere is readable.

Verbs are the ones the API server's authorizer checks: GET of one object is ``get``, GET of a
collection ``list``, PATCH ``patch``, POST ``create``, DELETE of one object ``delete``. There is
no ``watch`` (the pages poll) and no ``update`` (the client never PUTs).

``server_version()`` reads ``/version``, a non-resource URL every authenticated user may read
(the built-in ``system:public-info-viewer`` role), so it needs nothing here.
"""

from __future__ import annotations

from modelfs_lib.client.access import SELF_SUBJECT_ACCESS_REVIEW
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

Access = tuple[str, str, str]
"""``(verb, group, resource)``: ``group`` is ``""`` for the core API, ``resource`` the plural."""


def _grant(kind: Kind, *verbs: str) -> frozenset[Access]:
    return frozenset((verb, kind.group, kind.plural) for verb in verbs)


CONTROLLER_ACCESS: frozenset[Access] = _grant(Deployment.KIND, "get", "list")
"""Needed only in the controller's namespace: get the named Deployment, or list those the selector matches."""

REQUIRED_ACCESS: frozenset[Access] = (
    # Models: list and get for the pages; server-side apply saves one (a PATCH, which the API server
    # also checks as "create" when the object is new); merge patch changes one field; delete.
    _grant(Model.KIND, "get", "list", "patch", "create", "delete")
    # ModelSources: list and get; server-side apply to create or edit one (patch and create); delete.
    | _grant(ModelSource.KIND, "get", "list", "patch", "create", "delete")
    # Datasets (made by the operator, never applied by the console): list and get; merge patch
    # bumps a sync round (spec.dataSyncRound + 1); delete recreates a version's Dataset or removes a
    # stale REFERENCE or orphan Dataset.
    | _grant(Dataset.KIND, "get", "list", "patch", "delete")
    # Namespaces: the sidebar lists them; get checks that the chosen one exists.
    | _grant(Namespace.KIND, "get", "list")
    # Secrets: get reads the one a ModelSource names, to check its key names. Never listed.
    | _grant(Secret.KIND, "get")
    # PersistentVolumeClaims: list and get, for where a Dataset's data lives.
    | _grant(PersistentVolumeClaim.KIND, "get", "list")
    # Pods: list, to name the Pods that mount a Dataset's PVC before it is recreated (only names,
    # phase, node and claims are read; never containers, args or env).
    | _grant(Pod.KIND, "list")
    # Events: list, filtered to one object's involvedObject (or to the console's own reason, for the
    # Activity page); create, the audit Event each write leaves on its object.
    | _grant(Event.KIND, "list", "create")
    # SelfSubjectAccessReviews: create asks "may I?" before an action is shown (also in read-only mode).
    | _grant(SELF_SUBJECT_ACCESS_REVIEW, "create")
    # Deployments (apps): get and list, in the controller's namespace only, for whether it is available.
    | CONTROLLER_ACCESS
)
"""Every ``(verb, group, resource)`` the console's API calls need, and nothing more."""
