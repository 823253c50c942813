"""The Kubernetes client: the only package that imports ``kubernetes`` or ``urllib3``."""

from modelfs_lib.client.access import AccessDecision
from modelfs_lib.client.budget import current_run as current_page_run
from modelfs_lib.client.budget import start_run as start_page_run
from modelfs_lib.client.cluster import ClusterClient
from modelfs_lib.client.config import ClusterConfig, discover
from modelfs_lib.client.controller import ControllerDeployments, read_controller_deployments
from modelfs_lib.client.identity import IMPERSONATE_ACCESS, ActingAs
from modelfs_lib.client.paths import collection_path, object_path
from modelfs_lib.client.rbac import CONTROLLER_ACCESS, REQUIRED_ACCESS
from modelfs_lib.client.translate import translate

__all__ = [
    "CONTROLLER_ACCESS",
    "IMPERSONATE_ACCESS",
    "REQUIRED_ACCESS",
    "AccessDecision",
    "ActingAs",
    "ClusterClient",
    "ClusterConfig",
    "ControllerDeployments",
    "collection_path",
    "current_page_run",
    "discover",
    "object_path",
    "read_controller_deployments",
    "start_page_run",
    "translate",
]
