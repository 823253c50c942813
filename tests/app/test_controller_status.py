"""The sidebar's controller line: available, refused, missing namespace, misconfigured; the logs command follows."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from modelfs_lib.demo.runner import EmulatorThread
from modelfs_lib.demo.seed import seed
from tests.app.conftest import add_namespace, add_object, app
from tests.app.day2 import listed_models

NS = "ml-team"
MODEL = {
    "apiVersion": "model.samzong.dev/v1",
    "kind": "Model",
    "metadata": {"name": "qwen3", "namespace": NS},
    "spec": {"sourceRef": "hf", "versions": [{"name": "fp16", "repo": "qwen/Qwen2.5-0.5B"}]},
}


@pytest.fixture
def seeded(cluster: EmulatorThread, kubeconfig: object, monkeypatch: pytest.MonkeyPatch) -> EmulatorThread:
    for name in (
        "MODELFS_UI_CONTROLLER_NAMESPACE",
        "MODELFS_UI_CONTROLLER_SELECTOR",
        "MODELFS_UI_CONTROLLER_DEPLOYMENT",
    ):
        monkeypatch.delenv(name, raising=False)
    seed(cluster.emulator.store)
    return cluster


@pytest.fixture
def bare(cluster: EmulatorThread, kubeconfig: object) -> EmulatorThread:
    """A cluster with a namespace and a Model, but no modelfs-system namespace."""
    add_namespace(cluster, NS)
    add_object(cluster, MODEL, namespace=NS)
    return cluster


def open_models() -> AppTest:
    at = app()
    at.query_params["ns"] = NS
    return at.run()


def sidebar(at: AppTest, kind: str) -> list[str]:
    return [str(el.value) for el in getattr(at.sidebar, kind)]


def test_the_sidebar_says_the_controller_is_available(seeded: EmulatorThread) -> None:
    at = open_models()
    assert not at.exception
    assert any(c.endswith("Controller: modelfs in modelfs-system, 1/1 available") for c in sidebar(at, "caption"))
    assert not any("Controller" in w for w in sidebar(at, "warning"))
    assert sidebar(at, "code") == ["kubectl -n modelfs-system logs -l control-plane=controller-manager --tail=200"]
    (request,) = seeded.emulator.received_matching("GET", "/apis/apps/v1/namespaces/modelfs-system/deployments$")
    assert request.params["labelSelector"] == "control-plane=controller-manager"


def test_a_refusal_is_said_plainly_and_the_page_still_works(seeded: EmulatorThread) -> None:
    seeded.emulator.access.deny("list", "deployments", group="apps", namespace="modelfs-system")
    at = open_models()
    assert not at.exception
    assert "Controller: the console may not read Deployments in modelfs-system" in sidebar(at, "warning")
    assert any("logs command still works" in c for c in sidebar(at, "caption"))
    assert sidebar(at, "code") == ["kubectl -n modelfs-system logs -l control-plane=controller-manager --tail=200"]
    assert at.dataframe  # the Models list is unaffected


def test_a_missing_controller_namespace_is_said_plainly(bare: EmulatorThread) -> None:
    at = open_models()
    assert not at.exception
    assert "Controller: the namespace modelfs-system does not exist" in sidebar(at, "warning")
    assert "qwen3" in listed_models(at)


def test_the_configured_deployment_is_read_by_name_and_the_commands_follow_it(
    seeded: EmulatorThread, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MODELFS_UI_CONTROLLER_DEPLOYMENT", "modelfs")
    at = open_models()
    assert any(c.endswith("Controller: modelfs in modelfs-system, 1/1 available") for c in sidebar(at, "caption"))
    assert seeded.emulator.received_matching("GET", "/apis/apps/v1/namespaces/modelfs-system/deployments/modelfs$")
    assert sidebar(at, "code") == ["kubectl -n modelfs-system logs deploy/modelfs --tail=200"]
    assert [c.value for c in at.main.code] == ["kubectl -n modelfs-system logs deploy/modelfs --tail=200"]  # banner


def test_an_invalid_setting_is_reported_in_the_sidebar_and_the_default_used(
    seeded: EmulatorThread, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MODELFS_UI_CONTROLLER_NAMESPACE", "Modelfs_System")
    monkeypatch.setenv("MODELFS_UI_CONTROLLER_SELECTOR", "control-plane==controller-manager")
    at = open_models()
    assert not at.exception
    (problem,) = [w for w in sidebar(at, "warning") if "MODELFS_UI_CONTROLLER" in w]
    assert problem.startswith("MODELFS_UI_CONTROLLER_NAMESPACE: the controller's namespace 'Modelfs_System'")
    assert problem.endswith("using modelfs-system.")
    assert sidebar(at, "code") == ["kubectl -n modelfs-system logs -l control-plane==controller-manager --tail=200"]


def detailed_widget(kubeconfig: str) -> None:
    """A page that shows the controller above a Model's findings, as the Model detail does."""
    from modelfs_lib.domain.controller import ControllerLocation
    from modelfs_lib.ui.controller_status import render_controller_status

    render_controller_status((False, kubeconfig, None, None), ControllerLocation(), detailed=True, grep="qwen3")


def test_the_detailed_widget_shows_the_conditions_and_the_models_logs(
    seeded: EmulatorThread, kubeconfig: object
) -> None:
    at = AppTest.from_function(detailed_widget, args=(str(kubeconfig),), default_timeout=30).run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Controller: modelfs in modelfs-system, 1/1 available"]
    captions = [c.value for c in at.caption]
    assert "modelfs: Available True (MinimumReplicasAvailable · Deployment has minimum availability.)" in captions
    assert [c.value for c in at.code] == [
        "kubectl -n modelfs-system logs -l control-plane=controller-manager --tail=-1 --since=1h | grep -F -e qwen3"
    ]
