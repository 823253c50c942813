"""The Models list's filters and sort order.

Each widget keeps its value for the whole session (``persist_state``), so the filters survive the
timer's refresh and a visit to a Model's detail; the filters are also bound to the URL
(``?models.tag=chat&models.phase=Failed``), so a reload or a shared link keeps them.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from modelfs_lib.domain.model_rows import (
    STATUS_RULE,
    ModelFilter,
    ModelRow,
    SortOrder,
    source_type_options,
    tag_options,
)
from modelfs_lib.domain.status import Phase
from modelfs_lib.ui import state as keys

TEXT_KEY = keys.MODELS_TEXT_FILTER
TAG_KEY = keys.MODELS_TAG_FILTER
PHASE_KEY = keys.MODELS_PHASE_FILTER
TYPE_KEY = keys.MODELS_TYPE_FILTER
SORT_KEY = keys.MODELS_SORT
CLEAR_KEY = "models.filters.clear"

PHASE_CHOICES = [p.label for p in (Phase.FAILED, Phase.PROCESSING, Phase.PENDING, Phase.UNKNOWN, Phase.READY)]


def _selected(key: str) -> list[str]:
    value = st.session_state.get(key)
    return [str(v) for v in value] if isinstance(value, list) else []


def _clear() -> None:
    st.session_state[TEXT_KEY] = ""
    for key in (TAG_KEY, PHASE_KEY, TYPE_KEY):
        st.session_state[key] = []


def render_filters(rows: Sequence[ModelRow]) -> tuple[ModelFilter, SortOrder]:
    """Draw the filter bar; the filter and the order it selects."""
    search, tags, types, order = st.columns([3, 3, 3, 2], vertical_alignment="bottom")
    text = search.text_input(
        "Search names",
        key=TEXT_KEY,
        placeholder="part of a name",
        persist_state="session",
        bind="query-params",
    )
    chosen_tags = tags.multiselect(
        "Tags",
        tag_options(rows, _selected(TAG_KEY)),
        key=TAG_KEY,
        placeholder="any tag",
        help="Models with any of these tags.",
        persist_state="session",
        bind="query-params",
    )
    chosen_types = types.multiselect(
        "Source type",
        source_type_options(rows, _selected(TYPE_KEY)),
        key=TYPE_KEY,
        placeholder="any source type",
        help="The type of the ModelSource each Model references.",
        persist_state="session",
        bind="query-params",
    )
    sort: SortOrder | None = order.selectbox("Sort by", list(SortOrder), key=SORT_KEY, persist_state="session")
    # Clear filters sits right after the pills, on the left: the table's toolbar takes the top right corner.
    status_bar = st.container(horizontal=True, vertical_alignment="bottom", key="models.filters.status")
    chosen_phases = status_bar.pills(
        "Status",
        PHASE_CHOICES,
        selection_mode="multi",
        key=PHASE_KEY,
        help=STATUS_RULE,
        persist_state="session",
        bind="query-params",
    )
    model_filter = ModelFilter(
        tags=frozenset(chosen_tags),
        phases=frozenset(Phase(label.upper()) for label in chosen_phases or ()),
        source_types=frozenset(chosen_types),
        text=text or "",
    )
    status_bar.button(
        "Clear filters",
        key=CLEAR_KEY,
        on_click=_clear,
        disabled=not model_filter.active,
        icon=":material/filter_alt_off:",
    )
    return model_filter, SortOrder.NAME if sort is None else SortOrder(sort)
