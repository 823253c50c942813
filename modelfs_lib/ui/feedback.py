"""How failures reach the user: what failed, why, and what to do — never a traceback."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from modelfs_lib.errors import ClusterError, ConfigError, ModelfsError, Timeout
from modelfs_lib.ui import state as keys

UNANSWERED_KEY = keys.UNANSWERED
"""When (``time.time()``) this session last showed that the API server did not answer in time."""
READING = "Reading from the API server…"


def error_text(error: ModelfsError) -> tuple[str, str]:
    """The sentence and the hint shown for ``error``."""
    if isinstance(error, ClusterError):
        return error.summary, error.hint
    if isinstance(error, ConfigError):
        return str(error), "Check KUBECONFIG, or start with `-- --demo` to use the embedded demo cluster."
    return str(error), ""


def show_error(error: ModelfsError, *, action: str) -> None:
    """An error box: ``action`` (what failed), the reason, the hint, and the API details."""
    summary, hint = error_text(error)
    if isinstance(error, Timeout):
        st.session_state[UNANSWERED_KEY] = time.time()
    st.error(f"**{action} failed.** {summary}", icon=":material/error:")
    if hint:
        st.caption(hint)
    if isinstance(error, ClusterError) and (error.status or error.causes):
        with st.expander("Details from the API server"):
            st.write(f"HTTP status: {error.status or 'none'} · reason: {error.reason or 'none'}")
            for cause in error.causes:
                st.write(f"- `{cause.field}`: {cause.message}")


@contextmanager
def reading(text: str = READING) -> Iterator[None]:
    """A running indicator (with the time spent) around the reads of a page part; shown after half a second."""
    with st.spinner(text, show_time=True):
        yield


def unanswered_recently(within: float) -> bool:
    """Whether this session showed an API server timeout in the last ``within`` seconds."""
    at = st.session_state.get(UNANSWERED_KEY)
    return isinstance(at, float) and time.time() - at < within
