"""Is the modelfs controller running? One line for the sidebar, or the line, its details and the logs command."""

from __future__ import annotations

import streamlit as st

from modelfs_lib.domain.controller import ControllerLocation, logs_command
from modelfs_lib.domain.controller_status import ControllerStatus, Verdict
from modelfs_lib.ui import data

ICONS = {
    Verdict.AVAILABLE: ":material/check_circle:",
    Verdict.UNAVAILABLE: ":material/error:",
    Verdict.NOT_FOUND: ":material/search_off:",
    Verdict.NO_NAMESPACE: ":material/search_off:",
    Verdict.FORBIDDEN: ":material/lock:",
    Verdict.UNKNOWN: ":material/cloud_off:",
}


def render_controller_status(
    key: data.ConnectionKey,
    location: ControllerLocation,
    *,
    detailed: bool = False,
    grep: str | None = None,
) -> ControllerStatus:
    """Draw whether the controller at ``location`` is available; returns what was drawn.

    Compact (the sidebar): a caption when it is available, a warning with its reasons when not,
    and the logs command folded away. ``detailed`` (above a Model's findings): the conditions
    too, and the logs command open, filtered to ``grep`` (a Model's name, say) when given.
    """
    status = data.controller(key, location)
    icon = ICONS[status.verdict]
    if status.verdict.healthy and not detailed:
        st.caption(f"{icon} {status.line}")
    elif status.verdict.healthy:
        st.success(status.line, icon=icon)
    else:
        st.warning(status.line, icon=icon)
    if detailed or not status.verdict.healthy:
        for line in status.details:
            st.caption(line)
    command = logs_command(location, since="1h" if grep else None, grep=grep)
    if detailed:
        st.caption("The controller's log:")
        st.code(command, language="bash")
    else:
        with st.expander("Controller logs", icon=":material/terminal:"):
            st.code(command, language="bash")
    return status
