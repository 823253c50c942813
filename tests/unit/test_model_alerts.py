"""ReconcileError banners (reason, message, retry time) and the generation marker."""

from __future__ import annotations

import datetime as dt
from typing import Any

from modelfs_lib.domain.controller import ControllerLocation
from modelfs_lib.domain.model_alerts import (
    awaiting_controller,
    controller_logs_command,
    generation_note,
    next_retry,
    reconcile_alerts,
    retry_text,
)
from modelfs_lib.resources import Model

NOW = dt.datetime(2026, 3, 4, 12, 0, 0, tzinfo=dt.UTC)


def model(name: str, *, conditions: list[dict[str, Any]] | None = None, **meta_status: Any) -> Model:
    metadata: dict[str, Any] = {"name": name, "namespace": "ml"}
    status: dict[str, Any] = {"conditions": conditions or []}
    if "generation" in meta_status:
        metadata["generation"] = meta_status["generation"]
    if "observed" in meta_status:
        status["observedGeneration"] = meta_status["observed"]
    return Model.from_dict(
        {
            "metadata": metadata,
            "spec": {"sourceRef": "hf", "versions": [{"name": "v1", "repo": "o/m"}]},
            "status": status,
        }
    )


def error(when: str, reason: str = "ModelSourceNotFound", status: str = "False") -> dict[str, Any]:
    return {
        "type": "ReconcileError",
        "status": status,
        "reason": reason,
        "message": 'ModelSource "hf" not found in namespace "ml"',
        "lastTransitionTime": when,
    }


def test_the_logs_command_for_one_model_reads_the_last_hour_and_keeps_its_lines() -> None:
    command = controller_logs_command(ControllerLocation(), ["qwen3"])
    assert command == (
        "kubectl -n modelfs-system logs -l control-plane=controller-manager --tail=-1 --since=1h | grep -F -e qwen3"
    )


def test_the_logs_command_for_several_models_filters_nothing_out() -> None:
    command = controller_logs_command(ControllerLocation("ops", "app=modelfs", "modelfs"), ["a", "b"])
    assert command == "kubectl -n ops logs deploy/modelfs --tail=200"


def test_every_model_with_a_reconcile_error_gets_an_alert_by_name() -> None:
    models = [
        model("b", conditions=[error("2026-03-04T11:59:30Z", "ModelSourceNotReady")]),
        model("ok"),
        model("a", conditions=[error("2026-03-04T11:00:00Z", status="True")]),
        model("c", conditions=[error("2026-03-04T11:00:00Z", status="Unknown")]),
    ]
    alerts = reconcile_alerts(models, NOW)
    assert [(a.model, a.reason) for a in alerts] == [("a", "ModelSourceNotFound"), ("b", "ModelSourceNotReady")]
    assert alerts[0].message == 'ModelSource "hf" not found in namespace "ml"'


def test_a_fresh_error_is_retried_a_minute_after_it_was_recorded() -> None:
    since = NOW - dt.timedelta(seconds=20)
    assert next_retry(since, NOW) == since + dt.timedelta(minutes=1)
    [alert] = reconcile_alerts([model("a", conditions=[error("2026-03-04T11:59:40Z")])], NOW)
    text = retry_text(alert, NOW)
    assert "Failing since 2026-03-04 11:59:40 UTC (20 s ago)" in text
    assert "a minute after that, at 2026-03-04 12:00:40 UTC (in 40 s)" in text


def test_a_lasting_error_is_retried_about_every_minute_from_its_start() -> None:
    since = NOW - dt.timedelta(days=2, seconds=15)
    assert next_retry(since, NOW) == NOW + dt.timedelta(seconds=45)
    [alert] = reconcile_alerts([model("a", conditions=[error("2026-03-02T11:59:45Z")])], NOW)
    assert "about every minute, next at about 2026-03-04 12:00:45 UTC (in 45 s)" in retry_text(alert, NOW)


def test_an_error_without_a_time_still_says_how_often_it_is_retried() -> None:
    [alert] = reconcile_alerts([model("a", conditions=[{"type": "ReconcileError", "status": "False"}])], NOW)
    assert alert.next_retry is None
    assert alert.reason == "ReconcileError"
    assert retry_text(alert, NOW) == "The controller retries about every minute."


def test_a_generation_behind_gets_a_note() -> None:
    note = generation_note(model("a", generation=3, observed=2))
    assert note == "The controller has not picked up the latest change yet (generation 3, observed 2)."


def test_a_reconciled_generation_gets_no_note() -> None:
    assert generation_note(model("a", generation=2, observed=2)) is None
    assert generation_note(model("a")) is None


def test_a_model_never_reconciled_is_awaiting_the_controller() -> None:
    assert awaiting_controller(model("a", generation=1))
    assert generation_note(model("a", generation=1)) is not None


def test_a_model_stopped_by_a_reconcile_error_before_any_generation_is_not_awaiting() -> None:
    assert not awaiting_controller(model("a", generation=1, conditions=[error("2026-03-04T11:00:00Z")]))
