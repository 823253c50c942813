"""What every simulated controller shares: the store, its clock speed, status writes, conditions, events."""

from __future__ import annotations

import copy
import datetime as dt
import logging
from collections.abc import Callable, Mapping
from typing import Any

from modelfs_lib.demo import events
from modelfs_lib.demo.resource_types import ResourceType
from modelfs_lib.demo.store import ApiError, ObjectStore

log = logging.getLogger("modelfs_lib.demo.controllers")


def condition(
    type_: str,
    status: str,
    reason: str,
    message: str,
    now: dt.datetime,
    previous: list[dict[str, Any]] | None = None,
    *,
    generation: int | None = None,
) -> dict[str, Any]:
    """A metav1.Condition; ``lastTransitionTime`` is kept from ``previous`` while the status is unchanged."""
    old = find_condition(previous, type_)
    kept = old.get("lastTransitionTime") if old is not None and old.get("status") == status else None
    cond: dict[str, Any] = {
        "type": type_,
        "status": status,
        "reason": reason,
        "message": message,
        "lastTransitionTime": kept or events.timestamp(now),
    }
    if generation is not None:
        cond["observedGeneration"] = generation
    return cond


def find_condition(conditions: list[dict[str, Any]] | None, type_: str) -> dict[str, Any] | None:
    """The condition of ``type_``, or None."""
    return next((c for c in conditions or [] if c.get("type") == type_), None)


def replace_condition(
    conditions: list[dict[str, Any]] | None, new: dict[str, Any] | None, type_: str
) -> list[dict[str, Any]]:
    """``conditions`` with the one of ``type_`` replaced by ``new`` (or removed when ``new`` is None)."""
    result = [c for c in conditions or [] if c.get("type") != type_]
    return [*result, new] if new is not None else result


class Reconciler:
    """Base of the simulated controllers: writes through the store as field manager ``component``."""

    component = "controller"

    def __init__(self, store: ObjectStore, *, speed: float = 1.0) -> None:
        self.store = store
        self.speed = speed if speed > 0 else 1.0

    def seconds(self, value: float) -> dt.timedelta:
        """``value`` seconds of simulated time, shortened by ``speed``."""
        return dt.timedelta(seconds=value / self.speed)

    def write_status(
        self, rtype: ResourceType, obj: Mapping[str, Any], status: Mapping[str, Any]
    ) -> dict[str, Any] | None:
        """Make ``status`` the object's whole status (a merge patch on /status); no write when unchanged."""
        old = obj.get("status") or {}
        if dict(old) == dict(status):
            return None
        body = {key: None for key in old if key not in status}
        body.update(copy.deepcopy(dict(status)))
        meta = obj["metadata"]
        return self.store.patch(
            rtype,
            meta.get("namespace", ""),
            meta["name"],
            {"status": body},
            patch_type="merge",
            manager=self.component,
            subresource="status",
        )

    def set_finalizers(self, rtype: ResourceType, obj: Mapping[str, Any], finalizers: list[str]) -> dict[str, Any]:
        """Replace ``metadata.finalizers`` (guarded by resourceVersion, like a controller's update)."""
        meta = obj["metadata"]
        body = {"metadata": {"finalizers": finalizers or None, "resourceVersion": meta.get("resourceVersion")}}
        return self.store.patch(
            rtype, meta.get("namespace", ""), meta["name"], body, patch_type="merge", manager=self.component
        )

    def event(self, obj: Mapping[str, Any], type_: str, reason: str, message: str, now: dt.datetime) -> None:
        """Record an Event about ``obj``; a failure to record is only logged."""
        try:
            events.record(
                self.store, obj, type_=type_, reason=reason, message=message, component=self.component, now=now
            )
        except ApiError as e:
            log.warning("%s: could not record event %s on %s: %s", self.component, reason, obj["metadata"]["name"], e)

    def each(
        self, objects: list[dict[str, Any]], reconcile: Callable[[dict[str, Any], dt.datetime], None], now: dt.datetime
    ) -> None:
        """Reconcile every object; an error on one is logged and does not stop the others."""
        for obj in objects:
            try:
                reconcile(obj, now)
            except ApiError as e:
                meta = obj["metadata"]
                log.warning(
                    "%s: reconciling %s/%s failed: %s %s",
                    self.component,
                    meta.get("namespace"),
                    meta["name"],
                    e.status,
                    e.message,
                )
            except Exception:  # a malformed object must not stop the pass over the others
                log.exception("%s: reconciling %s failed", self.component, obj.get("metadata", {}).get("name"))
