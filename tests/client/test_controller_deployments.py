"""Reading the controller's Deployments from the emulator: found and available, refused, namespace missing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from modelfs_lib.client import ClusterClient, read_controller_deployments
from modelfs_lib.demo.runner import EmulatorThread
from modelfs_lib.demo.seed_controller import controller_deployment, seed_controller
from modelfs_lib.domain.controller import DEFAULT_SELECTOR, ControllerLocation
from modelfs_lib.domain.controller_status import Verdict, controller_status
from modelfs_lib.errors import Forbidden

from .conftest import ClientFactory

NS = "modelfs-system"
DEPLOYMENTS = f"/apis/apps/v1/namespaces/{NS}/deployments"


@pytest.fixture
def cluster() -> Iterator[EmulatorThread]:
    with EmulatorThread() as thread:
        yield thread


@pytest.fixture
def client(cluster: EmulatorThread, connect_to: ClientFactory) -> ClusterClient:
    return connect_to(cluster.url, timeout_seconds=2)


def test_the_seeded_controller_is_found_by_its_label_and_is_available(
    cluster: EmulatorThread, client: ClusterClient
) -> None:
    seed_controller(cluster.emulator.store)
    found = read_controller_deployments(client, namespace=NS, label_selector=DEFAULT_SELECTOR)
    (request,) = cluster.emulator.received_matching("GET", DEPLOYMENTS + "$")
    assert request.params["labelSelector"] == DEFAULT_SELECTOR
    (deployment,) = found.deployments
    assert (deployment.name, deployment.desired, deployment.available, deployment.ready) == ("modelfs", 1, 1, 1)
    available = deployment.condition("Available")
    assert available is not None and available.is_true
    status = controller_status(ControllerLocation(), found.deployments, namespace_exists=found.namespace_exists)
    assert status.verdict is Verdict.AVAILABLE
    assert status.line == "Controller: modelfs in modelfs-system, 1/1 available"


def test_a_named_deployment_is_read_by_name(cluster: EmulatorThread, client: ClusterClient) -> None:
    seed_controller(cluster.emulator.store)
    found = read_controller_deployments(client, namespace=NS, label_selector="unused=x", name="modelfs")
    assert [d.name for d in found.deployments] == ["modelfs"]
    assert cluster.emulator.received_matching("GET", DEPLOYMENTS + "/modelfs$")
    assert not cluster.emulator.received_matching("GET", DEPLOYMENTS + "$")


def test_a_deployment_that_is_not_ready_reads_as_unavailable(cluster: EmulatorThread, client: ClusterClient) -> None:
    store = cluster.emulator.store
    store.create(store.rtype("", "namespaces"), {"metadata": {"name": NS}})
    manifest = controller_deployment(now=dt.datetime.now(dt.UTC))
    manifest["status"].update(availableReplicas=0, readyReplicas=0)
    manifest["status"]["conditions"][0].update(status="False", reason="MinimumReplicasUnavailable")
    store.create(store.rtype("apps", "deployments"), manifest, namespace=NS, keep_status=True)
    found = read_controller_deployments(client, namespace=NS, label_selector=DEFAULT_SELECTOR)
    status = controller_status(ControllerLocation(), found.deployments)
    assert status.verdict is Verdict.UNAVAILABLE
    assert "modelfs: Available False (MinimumReplicasUnavailable · Deployment has minimum availability.)" in (
        status.details
    )


def test_a_missing_namespace_is_told_from_an_empty_one(cluster: EmulatorThread, client: ClusterClient) -> None:
    for name in (None, "modelfs"):
        found = read_controller_deployments(client, namespace=NS, label_selector=DEFAULT_SELECTOR, name=name)
        assert (found.deployments, found.namespace_exists) == ((), False)
    store = cluster.emulator.store
    store.create(store.rtype("", "namespaces"), {"metadata": {"name": NS}})
    found = read_controller_deployments(client, namespace=NS, label_selector=DEFAULT_SELECTOR)
    assert (found.deployments, found.namespace_exists) == ((), True)


def test_when_namespaces_may_not_be_read_an_empty_answer_says_nothing_about_the_namespace(
    cluster: EmulatorThread, client: ClusterClient
) -> None:
    cluster.emulator.access.deny("get", "namespaces")
    found = read_controller_deployments(client, namespace=NS, label_selector=DEFAULT_SELECTOR)
    assert (found.deployments, found.namespace_exists) == ((), None)


def test_a_refusal_to_read_deployments_there_is_raised_as_forbidden(
    cluster: EmulatorThread, client: ClusterClient
) -> None:
    seed_controller(cluster.emulator.store)
    cluster.emulator.access.deny("list", "deployments", group="apps", namespace=NS)
    cluster.emulator.access.deny("get", "deployments", group="apps", namespace=NS)
    with pytest.raises(Forbidden):
        read_controller_deployments(client, namespace=NS, label_selector=DEFAULT_SELECTOR)
    with pytest.raises(Forbidden):
        read_controller_deployments(client, namespace=NS, label_selector=DEFAULT_SELECTOR, name="modelfs")
