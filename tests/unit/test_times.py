"""Times as people read them: relative, exact, durations."""

from __future__ import annotations

import datetime as dt

import pytest

from modelfs_lib.domain.times import duration_text, exact_time, relative_time

NOW = dt.datetime(2026, 3, 4, 12, 0, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (dt.timedelta(seconds=2), "just now"),
        (dt.timedelta(seconds=-3), "just now"),
        (dt.timedelta(seconds=42), "42 s ago"),
        (dt.timedelta(minutes=5, seconds=59), "5 min ago"),
        (dt.timedelta(hours=3, minutes=10), "3 h ago"),
        (dt.timedelta(days=1, hours=2), "1 day ago"),
        (dt.timedelta(days=13), "13 days ago"),
        (dt.timedelta(seconds=-30), "in 30 s"),
        (dt.timedelta(minutes=-2), "in 2 min"),
    ],
)
def test_a_time_reads_relative_to_now(delta: dt.timedelta, text: str) -> None:
    assert relative_time(NOW - delta, NOW) == text


def test_a_missing_time_reads_never() -> None:
    assert relative_time(None, NOW) == "never"
    assert exact_time(None) == "never"


def test_an_exact_time_is_shown_in_utc_to_the_second() -> None:
    cest = dt.timezone(dt.timedelta(hours=2))
    assert exact_time(dt.datetime(2026, 3, 4, 14, 5, 6, tzinfo=cest)) == "2026-03-04 12:05:06 UTC"


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0 s"),
        (42, "42 s"),
        (492, "8 min 12 s"),
        (3600, "1 h"),
        (3780, "1 h 3 min"),
        (3605, "1 h"),
        (86400 * 2 + 3 * 3600, "2 days 3 h"),
        (86400 + 60, "1 day"),
        (-5, "0 s"),
    ],
)
def test_a_duration_shows_its_two_largest_units(seconds: int, text: str) -> None:
    assert duration_text(dt.timedelta(seconds=seconds)) == text


def test_no_duration_is_empty() -> None:
    assert duration_text(None) == ""
