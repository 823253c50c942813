"""Where the controller runs: the logs command, validation of the configured location, and its availability."""

from __future__ import annotations

import shlex
from typing import Any

import pytest

from modelfs_lib.domain.controller import (
    DEFAULT_NAMESPACE,
    DEFAULT_SELECTOR,
    ControllerLocation,
    controller_location,
    logs_command,
    selector_problem,
)
from modelfs_lib.domain.controller_status import Verdict, controller_status, unreadable
from modelfs_lib.errors import Forbidden, NotFound, Timeout
from modelfs_lib.resources.deployment import Deployment

# ---- the logs command -----------------------------------------------------------------------------


def test_by_default_the_command_reads_the_charts_label_in_modelfs_system() -> None:
    assert logs_command(ControllerLocation()) == (
        "kubectl -n modelfs-system logs -l control-plane=controller-manager --tail=200"
    )


def test_a_deployment_name_replaces_the_selector() -> None:
    location = ControllerLocation("operators", DEFAULT_SELECTOR, "modelfs")
    assert logs_command(location) == "kubectl -n operators logs deploy/modelfs --tail=200"


def test_a_time_window_reads_every_line_of_it_and_grep_keeps_those_naming_the_text() -> None:
    command = logs_command(ControllerLocation(), since="1h", grep="qwen3")
    assert command == (
        "kubectl -n modelfs-system logs -l control-plane=controller-manager --tail=-1 --since=1h | grep -F -e qwen3"
    )


@pytest.mark.parametrize(
    ("selector", "grep"),
    [
        ("app.kubernetes.io/name in (modelfs, modelfs-ctl)", "it's $(rm -rf /)"),
        ("tier notin (web),!canary", "a;b|c `d`"),
        ("control-plane=controller-manager", "-v"),
    ],
)
def test_every_value_is_shell_quoted_so_the_shell_reads_back_exactly_it(selector: str, grep: str) -> None:
    command = logs_command(ControllerLocation("ml-ops", selector), grep=grep)
    kubectl, pipe, rest = command.partition(" | ")
    assert pipe
    assert shlex.split(kubectl) == ["kubectl", "-n", "ml-ops", "logs", "-l", selector, "--tail=200"]
    assert shlex.split(rest) == ["grep", "-F", "-e", grep]  # -e: a pattern starting with '-' is no option


def test_a_window_that_is_not_a_duration_is_refused() -> None:
    with pytest.raises(ValueError, match="not a duration"):
        logs_command(ControllerLocation(), since="1h; rm -rf /")
    assert "--since=1h30m" in logs_command(ControllerLocation(), since="1h30m")


# ---- validating the location ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "selector",
    [
        "control-plane=controller-manager",
        "control-plane==controller-manager,app.kubernetes.io/name=modelfs",
        "app!=web",
        "app in (modelfs, modelfs-ctl)",
        "tier notin (web)",
        "control-plane",
        "!canary",
        "team=",
    ],
)
def test_selectors_kubectl_accepts_are_accepted(selector: str) -> None:
    assert selector_problem(selector) is None
    assert ControllerLocation(selector=selector).selector == selector


@pytest.mark.parametrize(
    ("selector", "complaint"),
    [
        ("", "cannot be empty"),
        ("   ", "cannot be empty"),
        ("a=b=c", "is not a requirement"),
        ("app=a/b", "no '/'"),
        ("app in ()", "lists no values"),
        ("app=modelfs,", "empty requirement"),
        ("bad key=x", "is not a requirement"),
        ("-app=x", "label key '-app'"),
    ],
)
def test_selectors_that_are_not_label_selectors_say_why(selector: str, complaint: str) -> None:
    problem = selector_problem(selector)
    assert problem is not None and complaint in problem
    with pytest.raises(ValueError, match="label selector"):
        ControllerLocation(selector=selector)


@pytest.mark.parametrize("namespace", ["Modelfs", "modelfs_system", "-ops", "a" * 64, "ops.example"])
def test_a_namespace_must_be_a_dns_1123_label(namespace: str) -> None:
    with pytest.raises(ValueError, match="is not a namespace name"):
        ControllerLocation(namespace=namespace)


def test_a_deployment_name_must_be_an_object_name() -> None:
    with pytest.raises(ValueError, match="is not an object name"):
        ControllerLocation(deployment="deploy/modelfs")
    assert ControllerLocation(deployment="modelfs.v2").deployment == "modelfs.v2"


def test_configured_values_default_when_blank_and_fall_back_one_by_one_when_invalid() -> None:
    assert controller_location(None, " ", "") == (ControllerLocation(), {})
    location, problems = controller_location("Ops", "app in (modelfs)", "Modelfs!")
    assert location == ControllerLocation(DEFAULT_NAMESPACE, "app in (modelfs)", None)
    assert set(problems) == {"namespace", "deployment"}
    assert problems["namespace"].endswith(f"using {DEFAULT_NAMESPACE}")
    assert "using the label selector instead" in problems["deployment"]
    location, problems = controller_location("ops", "a=b=c", None)
    assert (location.namespace, location.selector) == ("ops", DEFAULT_SELECTOR)
    assert list(problems) == ["selector"]


# ---- availability ---------------------------------------------------------------------------------


def deployment(name: str = "modelfs", *, desired: int = 1, available: int = 1, **status: Any) -> Deployment:
    conditions = [
        {"type": "Available", "status": "True" if available >= desired else "False", "reason": "R", "message": "m"},
        {"type": "Progressing", "status": "True", "reason": "NewReplicaSetAvailable", "message": "progressed"},
    ]
    return Deployment.from_dict(
        {
            "metadata": {"name": name, "namespace": "modelfs-system"},
            "spec": {"replicas": desired},
            "status": {"availableReplicas": available, "readyReplicas": available, "conditions": conditions, **status},
        }
    )


def test_an_available_deployment_gives_the_compact_line() -> None:
    status = controller_status(ControllerLocation(), [deployment()])
    assert status.verdict is Verdict.AVAILABLE
    assert status.line == "Controller: modelfs in modelfs-system, 1/1 available"
    assert "modelfs: Progressing True (NewReplicaSetAvailable · progressed)" in status.details


def test_fewer_available_replicas_than_desired_is_unavailable() -> None:
    status = controller_status(ControllerLocation(), [deployment(desired=2, available=1)])
    assert status.verdict is Verdict.UNAVAILABLE
    assert status.line.endswith("1/2 available")
    assert "modelfs: Available False (R · m)" in status.details


def test_a_deployment_scaled_to_zero_is_not_available() -> None:
    status = controller_status(ControllerLocation(), [deployment(desired=0, available=0)])
    assert status.verdict is Verdict.UNAVAILABLE
    assert status.line.endswith("0/0 available")


def test_nothing_found_tells_a_missing_namespace_from_a_selector_matching_nothing() -> None:
    location = ControllerLocation("operators")
    missing = controller_status(location, [], namespace_exists=False)
    assert missing.verdict is Verdict.NO_NAMESPACE
    assert missing.line == "Controller: the namespace operators does not exist"
    empty = controller_status(location, [], namespace_exists=True)
    assert empty.verdict is Verdict.NOT_FOUND
    assert empty.line == "Controller: no Deployment labelled control-plane=controller-manager in operators"
    named = controller_status(ControllerLocation(deployment="modelfs"), [], namespace_exists=None)
    assert named.line == "Controller: no Deployment modelfs in modelfs-system"


def test_a_refusal_says_what_to_grant_and_that_the_logs_still_work() -> None:
    status = unreadable(ControllerLocation(), Forbidden("deployments.apps is forbidden", status=403))
    assert status.verdict is Verdict.FORBIDDEN
    assert status.line == "Controller: the console may not read Deployments in modelfs-system"
    assert any("get and list on deployments" in d for d in status.details)
    assert any("logs command still works" in d for d in status.details)


def test_another_failure_says_what_failed_and_why() -> None:
    status = unreadable(ControllerLocation(), Timeout("The API server did not answer within 10 s.", hint="Retry."))
    assert status.verdict is Verdict.UNKNOWN
    assert status.details[:2] == ("The API server did not answer within 10 s.", "Retry.")
    assert unreadable(ControllerLocation(deployment="m"), NotFound("gone")).verdict is Verdict.NOT_FOUND
