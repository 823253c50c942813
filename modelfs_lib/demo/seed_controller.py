"""The demo's modelfs controller Deployment, as the modelfs Helm chart installs it.

The chart names the Deployment after its release (``helm install modelfs ...``: ``modelfs``) in
the namespace it is installed in, and labels it and its pods ``control-plane=controller-manager``.
The simulated controllers run inside the demo process, so this object only answers "is the
controller there?": one replica, available.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from modelfs_lib.demo.events import timestamp
from modelfs_lib.demo.store import ObjectStore

NAMESPACE = "modelfs-system"
NAME = "modelfs"
LABELS = {"control-plane": "controller-manager", "app.kubernetes.io/name": "modelfs"}
MANAGER = "helm"


def controller_deployment(*, now: dt.datetime, namespace: str = NAMESPACE, name: str = NAME) -> dict[str, Any]:
    """The controller's Deployment manifest with an available status (1/1), created an hour before ``now``."""
    since = timestamp(now - dt.timedelta(hours=1))
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": name, "namespace": namespace, "labels": dict(LABELS), "creationTimestamp": since},
        "spec": {
            "replicas": 1,
            "selector": {"matchLabels": {"control-plane": "controller-manager"}},
            "template": {
                "metadata": {"labels": dict(LABELS)},
                "spec": {"containers": [{"name": "manager", "image": "ghcr.io/samzong/modelfs:latest"}]},
            },
        },
        "status": {
            "observedGeneration": 1,
            "replicas": 1,
            "updatedReplicas": 1,
            "readyReplicas": 1,
            "availableReplicas": 1,
            "conditions": [
                {
                    "type": "Available",
                    "status": "True",
                    "reason": "MinimumReplicasAvailable",
                    "message": "Deployment has minimum availability.",
                    "lastUpdateTime": since,
                    "lastTransitionTime": since,
                },
                {
                    "type": "Progressing",
                    "status": "True",
                    "reason": "NewReplicaSetAvailable",
                    "message": f'ReplicaSet "{name}-7d9c6b5f8d" has successfully progressed.',
                    "lastUpdateTime": since,
                    "lastTransitionTime": since,
                },
            ],
        },
    }


def seed_controller(store: ObjectStore, *, now: dt.datetime | None = None) -> dict[str, Any]:
    """Create the controller's namespace (when missing) and its available Deployment; returns it as stored."""
    now = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    namespaces = store.rtype("", "namespaces")
    if store.find(namespaces, "", NAMESPACE) is None:
        store.create(namespaces, {"metadata": {"name": NAMESPACE}}, manager=MANAGER)
    manifest = controller_deployment(now=now)
    return store.create(
        store.rtype("apps", "deployments"), manifest, namespace=NAMESPACE, manager=MANAGER, keep_status=True
    )
