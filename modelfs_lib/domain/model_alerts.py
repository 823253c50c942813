"""What needs an operator's attention on a Model: a ReconcileError, and a spec the controller has not acted on.

The controller writes ``ReconcileError`` (status False, reason ModelSourceNotFound or
ModelSourceNotReady) and requeues the Model a minute later, again and again while the error
lasts. ``lastTransitionTime`` changes only when the condition's status does, so it tells when
the error started, and the retries follow about every minute from then.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from modelfs_lib.domain.controller import ControllerLocation, logs_command
from modelfs_lib.domain.status import reconcile_error
from modelfs_lib.domain.times import duration_text, exact_time, relative_time
from modelfs_lib.resources.model import Model

LOGS_WINDOW = "1h"
"""How far back the logs command for one Model's ReconcileError reads: the controller retries every minute."""
RETRY_INTERVAL = dt.timedelta(minutes=1)
"""How long the controller waits before reconciling a Model again after a ReconcileError."""
NOT_PICKED_UP = "the controller has not picked up the latest change yet"


@dataclass(frozen=True)
class ReconcileAlert:
    """A Model's ReconcileError: reason, message, since when, and when the controller tries again."""

    model: str
    reason: str
    message: str
    since: dt.datetime | None
    next_retry: dt.datetime | None


def next_retry(since: dt.datetime | None, now: dt.datetime) -> dt.datetime | None:
    """About a minute after ``since``; once that has passed, the next whole minute after ``since``.

    An estimate: the controller requeues a minute after each failed attempt. None without ``since``.
    """
    if since is None:
        return None
    first = since + RETRY_INTERVAL
    if first >= now:
        return first
    return since + RETRY_INTERVAL * math.ceil((now - since) / RETRY_INTERVAL)


def reconcile_alerts(models: Iterable[Model], now: dt.datetime) -> list[ReconcileAlert]:
    """One alert per Model whose ReconcileError is set, by Model name."""
    alerts = []
    for model in models:
        condition = reconcile_error(model)
        if condition is None:
            continue
        since = condition.last_transition_time
        alerts.append(
            ReconcileAlert(
                model=model.name,
                reason=condition.reason or "ReconcileError",
                message=condition.message or "The controller gave no message.",
                since=since,
                next_retry=next_retry(since, now),
            )
        )
    return sorted(alerts, key=lambda a: a.model)


def controller_logs_command(location: ControllerLocation, models: Sequence[str]) -> str:
    """Where the controller says why it failed: its logs, narrowed to the Model's name when there is one.

    For several Models, the last lines unfiltered: one filter per Model would hide the others.
    """
    if len(models) == 1:
        return logs_command(location, since=LOGS_WINDOW, grep=models[0])
    return logs_command(location)


def retry_text(alert: ReconcileAlert, now: dt.datetime) -> str:
    """When the error began and when the controller tries again, in words."""
    if alert.since is None or alert.next_retry is None:
        return "The controller retries about every minute."
    since = f"Failing since {exact_time(alert.since)} ({relative_time(alert.since, now)})"
    wait = duration_text(max(alert.next_retry - now, dt.timedelta(0)))
    if alert.next_retry == alert.since + RETRY_INTERVAL:
        return f"{since}. The controller retries a minute after that, at {exact_time(alert.next_retry)} (in {wait})."
    return (
        f"{since}. The controller retries about every minute, next at about {exact_time(alert.next_retry)} (in {wait})."
    )


def awaiting_controller(model: Model) -> bool:
    """Whether the controller has not yet acted on the Model's latest spec: ``status.observedGeneration`` is
    behind ``metadata.generation``. A Model without observedGeneration but with a ReconcileError has been
    seen (the controller stops before recording the generation), so it does not count.
    """
    if not model.generation_pending:
        return False
    return model.observed_generation is not None or reconcile_error(model) is None


def generation_note(model: Model) -> str | None:
    """A sentence when :func:`awaiting_controller`; None otherwise."""
    if not awaiting_controller(model):
        return None
    observed = model.observed_generation
    seen = "none yet" if observed is None else str(observed)
    return f"{NOT_PICKED_UP[0].upper()}{NOT_PICKED_UP[1:]} (generation {model.meta.generation}, observed {seen})."
