"""The Activity page: the changes made through the console in this namespace, who made them, and how they went.

Read from the audit Events every write leaves (reason ``ModelfsUIAction``), so it shows what any
replica of the console did, for as long as the API server keeps Events (one hour by default).
"""

from __future__ import annotations

import streamlit as st

from modelfs_lib.domain.audit import AUDIT_SELECTOR, FAILED, Activity, activities
from modelfs_lib.errors import ModelfsError
from modelfs_lib.resources import Event
from modelfs_lib.ui import data
from modelfs_lib.ui.feedback import show_error
from modelfs_lib.ui.shell import ShellState


@st.cache_data(ttl=3600, show_spinner=False, max_entries=256)
def _audit_events(key: data.ConnectionKey, namespace: str, generation: int, slot: int) -> list[Event]:
    del generation, slot  # only parts of the cache key
    return data.connection(key).client.list(Event, namespace=namespace, field_selector=AUDIT_SELECTOR)


def load_activities(state: ShellState) -> list[Activity]:
    """This namespace's recorded changes, newest first (as the state's identity may read them)."""
    namespace = state.namespace or ""
    events = _audit_events(state.key, namespace, data.generation(state.key, Event, namespace), data.time_slot())
    return activities(events)


def _result(activity: Activity) -> str:
    return "✗ failed" if activity.result == FAILED else "✓ done"


def render(state: ShellState) -> None:
    """The table of recorded changes, or why it cannot be shown."""
    st.title("Activity")
    st.caption(
        f"Changes made through this console in {state.namespace}, newest first, read from the Events it leaves "
        "on each object (reason ModelfsUIAction). The API server keeps Events for a limited time (one hour by "
        "default)."
    )
    if state.identity.shared:
        st.info(
            "Everyone using this console acts as one identity, so these entries cannot say who made a change.",
            icon=":material/group:",
        )
    try:
        found = load_activities(state)
    except ModelfsError as e:
        show_error(e, action="Reading the Activity (audit Events)")
        return
    if not found:
        st.info("No change has been made through the console here yet (or its Events have expired).")
        return
    st.dataframe(
        [
            {
                "When": a.time,
                "Who": a.actor,
                "What": a.action,
                "Object": f"{a.kind}/{a.name}",
                "Result": _result(a),
                "Event": a.message,
            }
            for a in found
        ],
        hide_index=True,
        width="stretch",
    )
