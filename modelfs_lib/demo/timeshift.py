"""Moving every timestamp of stored objects by one amount, so a restored snapshot keeps its ages."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_TIMESTAMP = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?Z$")


def _shifted(text: str, delta: dt.timedelta) -> str:
    found = _TIMESTAMP.match(text)
    if found is None:
        return text
    fraction = found.group(2) or ""
    when = dt.datetime.strptime(found.group(1), "%Y-%m-%dT%H:%M:%S").replace(tzinfo=dt.UTC) + delta
    return when.strftime("%Y-%m-%dT%H:%M:%S") + fraction + "Z"


def shift_times(value: Any, delta: dt.timedelta) -> Any:
    """``value`` with every RFC 3339 UTC timestamp string in it moved by ``delta`` (changed in place)."""
    if not delta:
        return value
    if isinstance(value, dict):
        for key, item in value.items():
            value[key] = shift_times(item, delta)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            value[index] = shift_times(item, delta)
    elif isinstance(value, str):
        return _shifted(value, delta)
    return value


def whole_seconds_since(when: dt.datetime) -> dt.timedelta:
    """The time since ``when``, in whole seconds (timestamps are written to the second)."""
    return dt.timedelta(seconds=round((dt.datetime.now(dt.UTC) - when).total_seconds()))
