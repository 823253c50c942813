"""The audit trail: one Kubernetes Event per change the console makes, naming the person and the action.

The Event sits on the changed object (``involvedObject``), so ``kubectl describe`` shows it too;
reason ``ModelfsUIAction``, source component ``modelfs-ui``. Annotations keep the person, the action
and the result apart for the Activity page, which lists these Events back.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from modelfs_lib.resources import Event

AUDIT_REASON = "ModelfsUIAction"
AUDIT_COMPONENT = "modelfs-ui"
AUDIT_SELECTOR = f"reason={AUDIT_REASON}"
"""The field selector that lists the console's audit Events (and no one else's)."""
ACTOR_ANNOTATION = "modelfs-ui/actor"
ACTION_ANNOTATION = "modelfs-ui/action"
RESULT_ANNOTATION = "modelfs-ui/result"
SUCCEEDED, FAILED = "succeeded", "failed"
MAX_MESSAGE = 1024


@dataclass(frozen=True)
class Target:
    """The object a change was made to."""

    api_version: str
    kind: str
    namespace: str
    name: str
    uid: str = ""


def audit_event(
    target: Target, *, actor: str, action: str, verb: str, error: str = "", now: dt.datetime | None = None
) -> dict[str, Any]:
    """The core/v1 Event recording that ``actor`` did ``action`` (``verb``: Apply, Patch, Delete) to ``target``.

    ``error`` non-empty: the change was refused, and the Event is a Warning that says why.
    """
    when = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    message = f"{actor} {action}" if not error else f"{actor} tried: {action}; it failed: {error}"
    involved = {"apiVersion": target.api_version, "kind": target.kind, "name": target.name}
    involved |= {"namespace": target.namespace} if target.namespace else {}
    involved |= {"uid": target.uid} if target.uid else {}
    return {
        "apiVersion": "v1",
        "kind": "Event",
        "metadata": {
            "name": f"{target.name}.{secrets.token_hex(8)}",
            "namespace": target.namespace,
            "annotations": {
                ACTOR_ANNOTATION: actor,
                ACTION_ANNOTATION: action,
                RESULT_ANNOTATION: FAILED if error else SUCCEEDED,
            },
        },
        "involvedObject": involved,
        "reason": AUDIT_REASON,
        "message": message[:MAX_MESSAGE],
        "type": "Warning" if error else "Normal",
        "action": verb,
        "source": {"component": AUDIT_COMPONENT},
        "reportingComponent": AUDIT_COMPONENT,
        "reportingInstance": AUDIT_COMPONENT,
        "firstTimestamp": when,
        "lastTimestamp": when,
        "count": 1,
    }


def patched_fields(patch: Mapping[str, Any], prefix: str = "") -> list[str]:
    """The dotted paths a merge patch sets (``spec.dataSyncRound``), for a default action text."""
    paths: list[str] = []
    for key, value in patch.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        paths += patched_fields(value, path) if isinstance(value, Mapping) and value else [path]
    return paths


@dataclass(frozen=True)
class Activity:
    """One recorded change, as the Activity page lists it."""

    time: dt.datetime | None
    actor: str
    action: str
    result: str
    kind: str
    name: str
    message: str


def activities(events: Iterable[Event]) -> list[Activity]:
    """The console's audit Events as activities, newest first (other Events are left out)."""
    found = [
        Activity(
            time=event.last_timestamp or event.first_timestamp,
            actor=event.meta.annotations.get(ACTOR_ANNOTATION, ""),
            action=event.meta.annotations.get(ACTION_ANNOTATION, "") or event.message,
            result=event.meta.annotations.get(RESULT_ANNOTATION, "") or (FAILED if event.type == "Warning" else ""),
            kind=event.involved_kind,
            name=event.involved_name,
            message=event.message,
        )
        for event in events
        if event.reason == AUDIT_REASON and event.source_component == AUDIT_COMPONENT
    ]
    epoch = dt.datetime.min.replace(tzinfo=dt.UTC)
    return sorted(found, key=lambda a: a.time or epoch, reverse=True)
