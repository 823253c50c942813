"""Kubernetes Events as the simulated controllers write them (repeats bump ``count``)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from typing import Any

from modelfs_lib.demo.store import ObjectStore
from modelfs_lib.resources.base import format_time

NORMAL, WARNING = "Normal", "Warning"


def timestamp(now: dt.datetime) -> str:
    """RFC 3339 in UTC with second precision, as the API server writes times."""
    return format_time(now) or ""


def involved(obj: Mapping[str, Any]) -> dict[str, Any]:
    """The ``involvedObject`` reference to ``obj``."""
    meta = obj["metadata"]
    ref = {"apiVersion": obj["apiVersion"], "kind": obj["kind"], "name": meta["name"], "uid": meta.get("uid", "")}
    if meta.get("namespace"):
        ref["namespace"] = meta["namespace"]
    if meta.get("resourceVersion"):
        ref["resourceVersion"] = meta["resourceVersion"]
    return ref


def event_manifest(
    obj: Mapping[str, Any],
    *,
    type_: str,
    reason: str,
    message: str,
    component: str,
    now: dt.datetime,
    count: int = 1,
    first: dt.datetime | None = None,
) -> dict[str, Any]:
    """A core/v1 Event about ``obj`` (its name is derived from the object, reason and time)."""
    meta = obj["metadata"]
    digest = hashlib.sha256(f"{meta.get('uid')}/{reason}/{message}/{now.isoformat()}".encode()).hexdigest()[:16]
    return {
        "apiVersion": "v1",
        "kind": "Event",
        "metadata": {
            "name": f"{meta['name']}.{digest}",
            "namespace": meta.get("namespace") or "default",
            "creationTimestamp": timestamp(first or now),
        },
        "involvedObject": involved(obj),
        "reason": reason,
        "message": message,
        "type": type_,
        "source": {"component": component},
        "reportingComponent": component,
        "count": count,
        "firstTimestamp": timestamp(first or now),
        "lastTimestamp": timestamp(now),
    }


def record(
    store: ObjectStore,
    obj: Mapping[str, Any],
    *,
    type_: str,
    reason: str,
    message: str,
    component: str,
    now: dt.datetime,
) -> None:
    """Write an Event about ``obj``, or bump ``count`` of the same one (same object, reason and message)."""
    events = store.rtype("", "events")
    namespace = obj["metadata"].get("namespace") or "default"
    uid = obj["metadata"].get("uid")
    for event in store.read_list(events, namespace)[0]:
        if (
            event.get("involvedObject", {}).get("uid") == uid
            and event.get("reason") == reason
            and event.get("message") == message
        ):
            store.patch(
                events,
                namespace,
                event["metadata"]["name"],
                {"count": int(event.get("count") or 1) + 1, "lastTimestamp": timestamp(now)},
                patch_type="merge",
                manager=component,
            )
            return
    store.create(
        events,
        event_manifest(obj, type_=type_, reason=reason, message=message, component=component, now=now),
        namespace=namespace,
        manager=component,
    )
