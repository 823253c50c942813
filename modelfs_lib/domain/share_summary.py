"""A Model's sharing in a few sentences: where each version is meant to go, and what the audit found there.

Built on :func:`modelfs_lib.domain.sharing.audit_shares`; the documented reading of
``requireOptInLabel`` decides where a version is meant to go, and a note says when the current
controller reads it differently.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from modelfs_lib.domain.sharing import ShareFinding, ShareState, opt_in_quirk_note, opt_in_requirement
from modelfs_lib.resources.dataset import Dataset
from modelfs_lib.resources.label_selector import LabelSelector
from modelfs_lib.resources.model import Model
from modelfs_lib.resources.model_version import ShareConfig


def selector_text(selector: LabelSelector | None) -> str:
    """A selector as kubectl's ``-l`` would read it: ``team=serving,env in (prod, staging),!legacy``."""
    if selector is None or selector.is_empty:
        return ""
    terms = [f"{key}={value}" for key, value in selector.match_labels.items()]
    for expression in selector.match_expressions:
        if expression.operator == "Exists":
            terms.append(expression.key)
        elif expression.operator == "DoesNotExist":
            terms.append(f"!{expression.key}")
        else:
            terms.append(f"{expression.key} {expression.operator.lower()} ({', '.join(expression.values)})")
    return ",".join(terms)


def target_text(share: ShareConfig) -> str:
    """Which namespaces a share selects, as documented: "namespaces matching `team=serving` with label `x=true`"."""
    selector = selector_text(share.namespace_selector)
    requirement = opt_in_requirement(share.require_opt_in_label)
    where = f"namespaces matching `{selector}`" if selector else "every namespace"
    if requirement is not None:
        where += f" with label `{requirement[0]}={requirement[1]}`"
    return where


def _names(namespaces: Sequence[str]) -> str:
    return ", ".join(f"`{ns}`" for ns in namespaces)


def _found(findings: Sequence[ShareFinding], phases: Mapping[tuple[str, str], str]) -> str:
    parts = []
    for state, word in (
        (ShareState.PRESENT, "reference exists in"),
        (ShareState.MISSING, "missing in"),
        (ShareState.UNKNOWN, "not readable in"),
        (ShareState.STALE, "stale reference in"),
    ):
        namespaces = sorted({f.namespace for f in findings if f.state is state})
        if not namespaces:
            continue
        if state is ShareState.PRESENT:  # a reference that exists is not one that works: say its phase
            found = {f.namespace: phases.get((f.namespace, f.reference_name), "") for f in findings if f.state is state}
            shown = [f"`{ns}`" + (f" ({found[ns]})" if found[ns] and found[ns] != "READY" else "") for ns in namespaces]
            parts.append(f"{word} {', '.join(shown)}")
        else:
            parts.append(f"{word} {_names(namespaces)}")
    return "; ".join(parts)


def share_lines(
    model: Model,
    findings: Sequence[ShareFinding] | None,
    *,
    error: str = "",
    references: Sequence[Dataset] = (),
) -> list[str]:
    """Markdown lines, one per version that is shared (or has references left), then the opt-in notes.

    ``findings`` is the audit (None when the REFERENCE Datasets could not be read; ``error`` says why);
    ``references``, the REFERENCE Datasets found, give an existing reference's phase when it is not READY.
    """
    phases = {(d.namespace, d.name): d.phase.upper() if d.phase else "no phase yet" for d in references}
    lines: list[str] = []
    notes: list[str] = []
    all_findings = findings or []
    for version in model.versions:
        share = version.share
        mine = [f for f in all_findings if f.version == version.name]
        enabled = share is not None and share.enabled
        if not enabled or version.is_absent:
            if mine:
                why = "ABSENT" if version.is_absent else "sharing off"
                lines.append(f"`{version.name}` ({why}): {_found(mine, phases)}.")
            continue
        assert share is not None
        found = _found(mine, phases) if findings is not None else "the REFERENCE Datasets could not be checked"
        lines.append(f"`{version.name}` → {target_text(share)}: {found or 'no namespace matches'}.")
        note = opt_in_quirk_note(share.require_opt_in_label)
        if note:
            notes.append(f"`{version.name}`: {note}")
    orphans = [f for f in all_findings if model.version(f.version) is None]
    if orphans:
        lines.append(f"Versions no longer in the spec: {_found(orphans, phases)}.")
    if not lines:
        lines.append("Not shared: no version has sharing switched on.")
    if findings is None and error:
        lines.append(f"REFERENCE Datasets in other namespaces could not be read: {error}")
    return lines + notes
