"""The diagnosis engine: what is really wrong with a Model, read the way the controllers really behave.

:func:`diagnose` takes a :class:`ModelEvidence` (the Model and what surrounds it) and returns
:class:`Finding` s, most severe first, each with evidence (never a secret value) and what to do.
"""

from __future__ import annotations

from modelfs_lib.domain.diagnosis.findings import Evidence, Finding, FindingKind, Severity, by_severity, most_severe
from modelfs_lib.domain.diagnosis.inputs import ModelEvidence
from modelfs_lib.domain.diagnosis.reconcile import reconcile_findings
from modelfs_lib.domain.diagnosis.references import reference_findings
from modelfs_lib.domain.diagnosis.source import credentials_findings, orphan_findings, referenced_by_findings
from modelfs_lib.domain.diagnosis.sync import unstable_hash_findings, version_findings

__all__ = ["Evidence", "Finding", "FindingKind", "ModelEvidence", "Severity", "diagnose", "most_severe"]


def diagnose(ev: ModelEvidence) -> list[Finding]:
    """Every finding about ``ev.model``, most severe first (a Model that could not be parsed gets none)."""
    if ev.model.invalid:
        return []
    found = reconcile_findings(ev)
    found += credentials_findings(ev)  # before the versions: it explains their failures
    for version in ev.model.versions:
        found += version_findings(ev, version)
    found += unstable_hash_findings(ev)
    found += reference_findings(ev)
    found += orphan_findings(ev)
    found += referenced_by_findings(ev)
    return by_severity(found)
