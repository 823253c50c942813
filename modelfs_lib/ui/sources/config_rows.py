"""The config editor: key/value rows, the keys the loader knows for the type offered first.

Rows have stable ids (their widget keys do not shift when a row above is removed); the editor's
state lives in the session under ``sources.wizard.config.*``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from modelfs_lib.domain.source_form import suggested_keys
from modelfs_lib.resources import ANY_KEY_CONFIG_TYPES

PREFIX = "sources.wizard.config"
_IDS = f"{PREFIX}.ids"
_NEXT = f"{PREFIX}.next"


def _key(row: int) -> str:
    return f"{PREFIX}.{row}.key"


def _value(row: int) -> str:
    return f"{PREFIX}.{row}.value"


def _ids() -> list[int]:
    ids = st.session_state.get(_IDS)
    return list(ids) if isinstance(ids, list) else []


def _add(key: str = "", value: str = "") -> None:
    row = int(st.session_state.get(_NEXT, 0))
    st.session_state[_NEXT] = row + 1
    st.session_state[_key(row)], st.session_state[_value(row)] = key, value
    st.session_state[_IDS] = [*_ids(), row]


def _remove(row: int) -> None:
    st.session_state[_IDS] = [r for r in _ids() if r != row]
    for slot in (_key(row), _value(row)):
        st.session_state.pop(slot, None)


def start(rows: Sequence[tuple[str, str]]) -> None:
    """Fill the editor with ``rows`` (forgetting what it held)."""
    for row in _ids():
        _remove(row)
    st.session_state[_IDS] = []
    for key, value in rows:
        _add(key, value)


def rows() -> list[tuple[str, str]]:
    """The rows as typed, in order, blanks included (their positions are the ``config[i]`` of the checks)."""
    return [(str(st.session_state.get(_key(r), "")), str(st.session_state.get(_value(r), ""))) for r in _ids()]


def render(source_type: str, messages: Callable[[str], None]) -> None:
    """The rows, each with a remove button and its findings (``messages(field)``), then the add buttons."""
    st.markdown("**Config**")
    if source_type in ANY_KEY_CONFIG_TYPES:
        st.caption("Every key becomes an HTTP request header; `uri` overrides the URI the controller builds.")
    for i, row in enumerate(_ids()):
        key_col, value_col, remove_col = st.columns([4, 6, 1], vertical_alignment="bottom")
        key_col.text_input("Key", key=_key(row), label_visibility="visible" if i == 0 else "collapsed")
        value_col.text_input("Value", key=_value(row), label_visibility="visible" if i == 0 else "collapsed")
        remove_col.button(
            "", key=f"{PREFIX}.{row}.remove", icon=":material/close:", on_click=_remove, args=(row,), help="Remove"
        )
        messages(f"config[{i}].key")
        messages(f"config[{i}].value")
    used = {key for key, _ in rows()}
    offered = suggested_keys(source_type, used)
    with st.container(horizontal=True):
        for key in offered:
            st.button(key, key=f"{PREFIX}.suggest.{key}", icon=":material/add:", on_click=_add, args=(key,))
        st.button("Other key", key=f"{PREFIX}.add", icon=":material/add:", on_click=_add)
    if offered:
        st.caption(f"Keys the {source_type} loader reads are offered first; any other key may be added too.")
