"""Times as people read them: "5 min ago", "2026-01-02 03:04:05 UTC", "8 min 12 s".

Every function takes ``now`` from the caller, so that a page and its tests agree on the clock.
"""

from __future__ import annotations

import datetime as dt

NEVER = "never"


def _amount(seconds: float) -> str:
    """The largest whole unit of a non-negative number of seconds: "42 s", "5 min", "3 h", "2 days"."""
    if seconds < 60:
        return f"{int(seconds)} s"
    if seconds < 3600:
        return f"{int(seconds // 60)} min"
    if seconds < 86400:
        return f"{int(seconds // 3600)} h"
    days = int(seconds // 86400)
    return f"{days} day" if days == 1 else f"{days} days"


def relative_time(when: dt.datetime | None, now: dt.datetime) -> str:
    """``when`` relative to ``now``: "just now" (within 5 s), "42 s ago", "in 30 s"; "never" for None."""
    if when is None:
        return NEVER
    seconds = (now - when).total_seconds()
    if abs(seconds) < 5:
        return "just now"
    return f"in {_amount(-seconds)}" if seconds < 0 else f"{_amount(seconds)} ago"


def exact_time(when: dt.datetime | None) -> str:
    """``when`` in UTC to the second ("2026-01-02 03:04:05 UTC"); "never" for None."""
    if when is None:
        return NEVER
    return when.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def duration_text(span: dt.timedelta | None) -> str:
    """A duration in its two largest units ("42 s", "8 min 12 s", "1 h 3 min", "2 days 3 h"); "" for None.

    A negative span (clocks that disagree) counts as zero.
    """
    if span is None:
        return ""
    seconds = max(0, int(span.total_seconds()))
    units = (("day", 86400), ("h", 3600), ("min", 60), ("s", 1))
    parts: list[str] = []
    for name, size in units:
        count, seconds = divmod(seconds, size)
        if count or (name == "s" and not parts):
            label = f"{name}s" if name == "day" and count != 1 else name
            parts.append(f"{count} {label}")
        if len(parts) == 2:
            break
        if parts and not count:
            break
    return " ".join(parts)
