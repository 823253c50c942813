"""A page run's patience with a hanging API server: one timeout, then later requests fail fast.

A page run reads many lists one after another; when the API server hangs, each would wait the full
request timeout. :func:`start_run` begins a run (the UI calls it once per script run); after the
first request of the run that timed out, every later request of the same thread raises
:class:`~modelfs_lib.errors.Skipped` at once, so a page shows what it has after one timeout, not N.
"""

from __future__ import annotations

import itertools
import threading
import time
from dataclasses import dataclass

from modelfs_lib.errors import Timeout

TIMEOUT_REASONS = frozenset({"ReadTimeout", "ConnectTimeout"})
"""Reasons of a :class:`Timeout` that waited the full request timeout for no answer."""


@dataclass(frozen=True)
class Unanswered:
    """The request of this run that timed out, and when."""

    error: Timeout
    at: float


class _RunState(threading.local):
    in_run: bool = False
    unanswered: Unanswered | None = None
    run: int = 0


_state = _RunState()
_runs = itertools.count(1)


def start_run() -> None:
    """Begin a page run on this thread: requests are sent again, each with the full timeout.

    Threads that never start a run (scripts, tests of the client) always wait the full timeout.
    """
    _state.in_run = True
    _state.unanswered = None
    _state.run = next(_runs)


def current_run() -> int:
    """The id of the page run on this thread, unique in the process (0: no run was started here)."""
    return _state.run


def note_failure(error: BaseException) -> None:
    """Remember ``error`` when it is a timeout that waited for nothing."""
    if not _state.in_run or _state.unanswered is not None:
        return
    if isinstance(error, Timeout) and error.reason in TIMEOUT_REASONS:
        _state.unanswered = Unanswered(error, time.monotonic())


def unanswered() -> Unanswered | None:
    """The request of this run that timed out (None: none has)."""
    return _state.unanswered
