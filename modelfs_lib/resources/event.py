"""Event (core ``v1``): what happened to an object, for the detail panels."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Self

from modelfs_lib.resources.base import Kind, ObjectMeta, Resource, as_int, as_mapping, as_str, parse_time


@dataclass(frozen=True, slots=True)
class Event(Resource):
    """An event: type (Normal, Warning), reason, message, count, times, subject and source.

    Times fall back to ``eventTime`` (and ``series``) when the legacy timestamps are empty.
    """

    KIND: ClassVar[Kind] = Kind("", "v1", "events", "Event")

    type: str = ""
    reason: str = ""
    message: str = ""
    count: int = 1
    first_timestamp: dt.datetime | None = None
    last_timestamp: dt.datetime | None = None
    involved_kind: str = ""
    involved_name: str = ""
    source_component: str = ""

    @classmethod
    def _parse(cls, data: Mapping[str, Any], meta: ObjectMeta) -> Self:
        involved = as_mapping(data.get("involvedObject"), "involvedObject")
        source = as_mapping(data.get("source"), "source")
        series = as_mapping(data.get("series"), "series")
        event_time = parse_time(data.get("eventTime"))
        first = parse_time(data.get("firstTimestamp")) or event_time
        last = parse_time(data.get("lastTimestamp")) or parse_time(series.get("lastObservedTime")) or event_time
        return cls(
            meta=meta,
            type=as_str(data.get("type"), "type"),
            reason=as_str(data.get("reason"), "reason"),
            message=as_str(data.get("message"), "message"),
            count=as_int(data.get("count"), "count") or as_int(series.get("count"), "series.count") or 1,
            first_timestamp=first,
            last_timestamp=last or first,
            involved_kind=as_str(involved.get("kind"), "involvedObject.kind"),
            involved_name=as_str(involved.get("name"), "involvedObject.name"),
            source_component=as_str(source.get("component"), "source.component")
            or as_str(data.get("reportingComponent"), "reportingComponent"),
        )
