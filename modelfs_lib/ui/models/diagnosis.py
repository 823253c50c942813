"""Findings where people look: gathered from the cached reads, shown on a Model's detail and in the Models list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import streamlit as st

from modelfs_lib.domain.diagnosis import Finding, ModelEvidence, Severity
from modelfs_lib.domain.inert_text import inert
from modelfs_lib.resources import Dataset, Event, Model, ModelSource
from modelfs_lib.ui import data
from modelfs_lib.ui.models.reads import reference_audit
from modelfs_lib.ui.shell import ShellState

SEVERITY_ICONS = {
    Severity.ERROR: ":material/error:",
    Severity.WARNING: ":material/warning:",
    Severity.INFO: ":material/info:",
}
EVIDENCE_LIMIT = 500
"""Characters of one evidence value shown."""
SEVERITY_WORDS = {Severity.ERROR: "Error", Severity.WARNING: "Warning", Severity.INFO: "Note"}


def model_evidence(
    state: ShellState,
    model: Model,
    siblings: Sequence[str],
    now: dt.datetime,
    *,
    events: Iterable[Event] | None = None,
    references: Sequence[Dataset] | None = None,
) -> ModelEvidence:
    """What the engine reads about ``model``, from the cached lists; unreadable parts are None."""
    sources = data.load(state.key, ModelSource, state.namespace)
    datasets = data.load(state.key, Dataset, state.namespace)
    audit = reference_audit(state, model, siblings)  # the one search of this page run
    return ModelEvidence(
        model=model,
        now=now,
        source=next((s for s in sources.items if s.name == model.source_ref), None),
        sources_read=sources.ok,
        datasets=datasets.items if datasets.ok else None,
        references=references if references is not None else audit.references,
        namespaces=audit.namespaces,
        events=list(events) if events is not None else None,
        sibling_models=tuple(s for s in siblings if s != model.name),
    )


def _evidence_markdown(finding: Finding) -> str:
    """The evidence as a list of ``field · value`` lines (cluster text shown inert): no table to build per run."""
    return "\n".join(f"- {inert(e.field)} · {inert(e.value, limit=EVIDENCE_LIMIT)}" for e in finding.evidence)


SEVERITY_COLORS = {Severity.ERROR: "red", Severity.WARNING: "orange", Severity.INFO: "blue"}


def render_finding(finding: Finding, *, key: str) -> None:
    """One finding: its title in the severity's colour; inside, the explanation, the evidence and what to do."""
    color = SEVERITY_COLORS[finding.severity]
    label = f":{color}[**{SEVERITY_WORDS[finding.severity]}** · {inert(finding.title)}]"
    with st.expander(
        label, expanded=finding.severity is Severity.ERROR, icon=SEVERITY_ICONS[finding.severity], key=key
    ):
        st.markdown(inert(finding.detail))
        if finding.evidence:
            st.markdown(f"**Evidence**\n\n{_evidence_markdown(finding)}")
        st.markdown(f"**What to do:** {inert(finding.action)}")


def render_findings(findings: Sequence[Finding], *, key: str = "models.findings") -> None:
    """A Model's findings, most severe first; a line saying so when there are none."""
    with st.container(key=key):
        if not findings:
            st.success(
                "No findings: the Model, its Datasets and its shares look as the controllers intend.",
                icon=":material/verified:",
            )
            return
        counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
        summary = ", ".join(f"{n} {SEVERITY_WORDS[s].lower()}{'s' if n != 1 else ''}" for s, n in counts.items() if n)
        st.subheader(f"Findings ({summary})", anchor=False)
        for i, finding in enumerate(findings):
            render_finding(finding, key=f"{key}.{i}")
