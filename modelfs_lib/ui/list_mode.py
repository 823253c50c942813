"""A caption under a list saying how it is kept current: watching, polling (and why) or failing (and what to do)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from modelfs_lib.client.informer import Mode
from modelfs_lib.ui.data import Loaded
from modelfs_lib.ui.feedback import error_text


def mode_text(loaded: Loaded[Any], plural: str) -> str:
    """What the caption says for ``loaded`` (a list of ``plural``)."""
    why = error_text(loaded.note)[0] if loaded.note is not None else ""
    if loaded.partial:
        return (
            f":material/hourglass_top: Reading: once the whole list of {plural} is read, the console watches them "
            "and the page is drawn again with all of them."
        )
    if loaded.mode is None:
        return f":material/refresh: {plural.capitalize()} are listed afresh on every refresh (shared cache off)."
    if loaded.mode is Mode.WATCHING:
        return f":material/bolt: Live: the console watches {plural}; changes show within seconds."
    if loaded.mode is Mode.POLLING:
        return (
            f":material/sync: Polling: the API server does not let the console watch {plural}"
            + (f" ({why.rstrip('.')})" if why else "")
            + ", so they are listed again every 10 s. Granting `watch` on them makes the list live."
        )
    if loaded.mode is Mode.FAILING:
        return (
            f":material/cloud_off: Not current: reading {plural} fails"
            + (f" ({why.rstrip('.')})" if why else "")
            + ". This is the last list read; the console retries. Check the API server and the console's access."
        )
    if loaded.mode is Mode.STOPPED:
        return f":material/pause: {plural.capitalize()} are no longer followed; the next refresh reads them again."
    return f":material/hourglass_top: Connecting: the first list of {plural} is on its way."


def render_mode(loaded: Loaded[Any], plural: str, *, key: str) -> None:
    """The caption, in a keyed container (tests find it by key)."""
    with st.container(key=key):
        st.caption(mode_text(loaded, plural))
