"""Reading the modelfs controller's Deployments: by label selector, or one by name, in its namespace.

Listing in a namespace that does not exist answers an empty list, so when nothing is found the
namespace itself is read to tell "no such namespace" from "nothing matches".
"""

from __future__ import annotations

from dataclasses import dataclass

from modelfs_lib.client.cluster import ClusterClient
from modelfs_lib.errors import ClusterError, NotFound
from modelfs_lib.resources import Namespace
from modelfs_lib.resources.deployment import Deployment


@dataclass(frozen=True)
class ControllerDeployments:
    """The Deployments found, and whether their namespace exists (None: could not be told)."""

    deployments: tuple[Deployment, ...]
    namespace_exists: bool | None = True


def read_controller_deployments(
    client: ClusterClient, *, namespace: str, label_selector: str, name: str | None = None
) -> ControllerDeployments:
    """The Deployments ``label_selector`` matches in ``namespace``, or the one named ``name``.

    Raises ClusterError (Forbidden, Timeout, ...) when the Deployments cannot be read; a missing
    Deployment or namespace is an answer, not an error.
    """
    try:
        if name:
            found: tuple[Deployment, ...] = (client.get(Deployment, namespace=namespace, name=name),)
        else:
            found = tuple(client.list(Deployment, namespace=namespace, label_selector=label_selector))
    except NotFound:
        found = ()
    if found:
        return ControllerDeployments(found)
    return ControllerDeployments((), namespace_exists=_namespace_exists(client, namespace))


def _namespace_exists(client: ClusterClient, namespace: str) -> bool | None:
    try:
        client.get(Namespace, namespace=None, name=namespace)
    except NotFound:
        return False
    except ClusterError:
        return None  # may not read namespaces, or it failed: say nothing about it
    return True
