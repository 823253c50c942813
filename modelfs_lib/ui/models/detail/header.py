"""The top of a Model's detail: name and status, description, tags, logo, source, alerts and sharing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import streamlit as st

from modelfs_lib.domain.inert_text import inert, inert_link, safe_href, safe_markdown
from modelfs_lib.domain.model_rows import STATUS_RULE, status_reason
from modelfs_lib.domain.share_summary import share_lines
from modelfs_lib.domain.status import model_health
from modelfs_lib.domain.times import exact_time, relative_time
from modelfs_lib.resources import Dataset, Model, ModelSource
from modelfs_lib.ui import data, pages
from modelfs_lib.ui.feedback import error_text
from modelfs_lib.ui.models.phases import PHASE_COLORS, PHASE_ICONS
from modelfs_lib.ui.models.reads import reference_audit
from modelfs_lib.ui.shell import ShellState

DESCRIPTION_LIMIT = 4000
"""Characters of ``spec.display.description`` shown; the YAML tab has the rest."""


def _tags(tags: Iterable[str]) -> str:
    return " ".join(f":blue-badge[{inert(tag, limit=63)}]" for tag in tags)


def _source(state: ShellState, model: Model) -> None:
    sources = data.load(state.key, ModelSource, state.namespace)
    source = next((s for s in sources.items if s.name == model.source_ref), None)
    kind = f" · {inert(source.source_type)}" if source is not None else ""
    pages.link(
        pages.SOURCES,
        label=f"ModelSource **{inert(model.source_ref)}**{kind}",
        query_params={"ns": state.namespace, "source": model.source_ref},
        help="Open this ModelSource.",
    )
    if sources.error is not None:
        st.caption(f"Could not read the ModelSources: {error_text(sources.error)[0]}")
    elif source is None:
        st.warning(
            f"There is no ModelSource **{inert(model.source_ref)}** in {state.namespace}: the controller cannot sync "
            "this Model until it exists.",
            icon=":material/link_off:",
        )


def render_header(
    state: ShellState, model: Model, siblings: Iterable[str], now: dt.datetime, datasets: Mapping[str, Dataset]
) -> None:
    """Everything above the actions and the tabs; ``datasets`` (by name) let a counter reset read as synced."""
    phase = model_health(model, datasets)
    title, status = st.columns([5, 1], vertical_alignment="center")
    title.title(model.name)
    status.badge(phase.label, icon=PHASE_ICONS[phase], color=PHASE_COLORS[phase], help=STATUS_RULE)
    created = relative_time(model.meta.creation_timestamp, now)
    st.caption(f"{safe_markdown(status_reason(model, datasets))} · created {created}")
    if model.invalid:
        st.error(
            f"This Model could not be read: {inert(model.invalid, limit=500)}. The YAML tab shows it as stored; "
            "Edit YAML can correct it.",
            icon=":material/broken_image:",
        )
        return
    display = model.display
    st.markdown(inert(display.description, limit=DESCRIPTION_LIMIT) if display.description else "_No description._")
    if display.tags:
        st.markdown(_tags(display.tags))
    if display.logo_url:
        st.caption(
            f"Logo: {inert_link(display.logo_url, display.logo_url)}"
            + ("" if safe_href(display.logo_url) else " (not an http(s) URL, so not a link)")
        )
    _source(state, model)
    refs = reference_audit(state, model, siblings)
    lines = share_lines(model, refs.findings, error=refs.error, references=refs.references or ())
    st.markdown("**Sharing**  \n" + "  \n".join(safe_markdown(line) for line in lines))
    if refs.checked is not None and refs.findings is not None:
        searched = ", ".join(refs.checked) or "none"
        st.caption(f"Datasets could not be listed cluster-wide ({refs.error}); searched only: {searched}.")
    if model.meta.deletion_timestamp is not None:
        st.warning(
            f"Being deleted since {exact_time(model.meta.deletion_timestamp)}: the controller is removing its "
            "REFERENCE Datasets and Datasets.",
            icon=":material/delete:",
        )
