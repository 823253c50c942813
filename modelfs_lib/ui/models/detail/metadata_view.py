"""A Model's own labels and annotations, and the Events whose involvedObject is the Model."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import streamlit as st

from modelfs_lib.domain.inert_text import inert
from modelfs_lib.domain.times import relative_time
from modelfs_lib.errors import ModelfsError
from modelfs_lib.resources import Event, Model
from modelfs_lib.resources.base import LAST_APPLIED_ANNOTATION
from modelfs_lib.ui.feedback import show_error

VALUE_LIMIT = 120
"""Characters of an annotation's value shown (the YAML tab has it whole)."""
EVENTS_SHOWN = 30
"""The newest Events listed; the rest are counted."""
EVENT_TYPE_ICONS = {"Warning": ":orange[:material/warning:]", "Normal": ":gray[:material/info:]"}


def _chips(pairs: Mapping[str, str], color: str) -> str:
    return " ".join(
        f":{color}-badge[{inert(key, limit=80)}={inert(value, limit=VALUE_LIMIT)}]" for key, value in pairs.items()
    )


def render_metadata(model: Model) -> None:
    """The labels and annotations as badges (kubectl's last-applied annotation only named)."""
    labels = dict(sorted(model.meta.labels.items()))
    annotations = {k: v for k, v in sorted(model.meta.annotations.items()) if k != LAST_APPLIED_ANNOTATION}
    with st.container(key="models.detail.metadata"):
        st.markdown(f"**Labels** {_chips(labels, 'gray') if labels else '_none_'}")
        line = f"**Annotations** {_chips(annotations, 'violet') if annotations else '_none_'}"
        if LAST_APPLIED_ANNOTATION in model.meta.annotations:
            line += " · and kubectl's last-applied configuration (in the YAML tab's live object)"
        st.markdown(line)


def _line(event: Event, now: dt.datetime) -> str:
    icon = EVENT_TYPE_ICONS.get(event.type, ":gray[:material/info:]")
    count = f" ×{event.count}" if event.count and event.count > 1 else ""
    age = relative_time(event.last_timestamp, now) if event.last_timestamp else "—"
    return (
        f"- {icon} **{inert(event.type or '?', limit=20)}** · _{inert(event.reason or '—', limit=80)}_ · "
        f"{age}{count} · {inert(event.message, limit=500)}"
    )


def render_events(model: Model, events: Sequence[Event] | None, error: ModelfsError | None, now: dt.datetime) -> None:
    """The Model's Events, newest first: type, reason, age and message (cluster text shown inert)."""
    count = len(events or ())
    warnings = sum(1 for e in events or () if e.type == "Warning")
    label = f"Events of Model {model.name} · {count}" + (f" ({warnings} warning)" if warnings else "")
    with st.expander(label, icon=":material/event_note:", key="models.detail.events"):
        if error is not None:
            show_error(error, action=f"Listing the events of Model {model.name}")
            return
        if not events:
            st.caption("No events: the API server keeps them for about an hour.")
            return
        st.markdown("\n".join(_line(e, now) for e in events[:EVENTS_SHOWN]))
        if count > EVENTS_SHOWN:
            st.caption(f"and {count - EVENTS_SHOWN} older events")
