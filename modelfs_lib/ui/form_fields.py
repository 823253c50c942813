"""Form inputs that keep their value across steps, with messages right under them.

:func:`seed` gives a keyed widget its starting value once (no ``value=`` argument, so code may
change it later through ``st.session_state``).

A form registers each input with :meth:`FieldSlots.field`, which wraps it in a keyed container
(``<widget key>.box``) and leaves an empty slot under it. Once the form's values are checked,
:meth:`FieldSlots.show` writes each finding into its field's slot; findings about no registered
field are returned for the caller to show elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from modelfs_lib.domain.field_error import FieldError, Severity


def seed(key: str, value: Any) -> None:
    """Give widget ``key`` its starting value unless it already has one (this run or the last)."""
    if key not in st.session_state:
        st.session_state[key] = value


_LABELS = {"name": "Name", "sourceRef": "ModelSource", "logoURL": "Logo URL", "versions": "Versions"}
_CARD = re.compile(r"versions\[(\d+)\]\.(.+)")


def field_label(field: str) -> str:
    """A form field key as people read it: ``versions[0].storage.size`` -> ``Version 1 · storage.size``."""
    card = _CARD.fullmatch(field)
    if card:
        return f"Version {int(card.group(1)) + 1} · {card.group(2)}"
    return _LABELS.get(field, field)


def render_finding(finding: FieldError, *, prefix: str = "") -> None:
    """One finding as a short coloured line: error red, warning orange, note grey."""
    text = f"{prefix}{finding.message}"
    if finding.severity is Severity.ERROR:
        st.caption(f":red[:material/error: {text}]")
    elif finding.severity is Severity.WARNING:
        st.caption(f":orange[:material/warning: {text}]")
    else:
        st.caption(f":material/info: {text}")


class FieldSlots:
    """The message slots of one form, by field key."""

    def __init__(self) -> None:
        self._slots: dict[str, DeltaGenerator] = {}

    @contextmanager
    def field(self, name: str, key: str) -> Iterator[None]:
        """Render the input for field ``name`` (widget ``key``) inside; its messages go right under it."""
        with st.container(key=f"{key}.box", gap="small"):
            yield
            self._slots[name] = st.empty()

    def show(self, findings: Iterable[FieldError], *, include_empty: bool) -> list[FieldError]:
        """Write each finding under its field; the findings of unregistered fields are returned.

        ``include_empty`` False hides the errors that only say a field is empty (the user has not tried to go on yet).
        """
        by_field: dict[str, list[FieldError]] = {}
        elsewhere: list[FieldError] = []
        for finding in findings:
            if not include_empty and finding.blocking and finding.required:
                continue
            if finding.field in self._slots:
                by_field.setdefault(finding.field, []).append(finding)
            else:
                elsewhere.append(finding)
        for name, items in by_field.items():
            with self._slots[name].container():
                for item in items:
                    render_finding(item)
        return elsewhere
