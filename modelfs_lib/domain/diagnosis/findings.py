"""What the diagnosis engine returns: findings with a severity, a title, evidence and what to do."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How urgent a finding is: ERROR (something does not work), WARNING (it will bite), INFO (worth knowing)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """ERROR 3 > WARNING 2 > INFO 1."""
        return {Severity.ERROR: 3, Severity.WARNING: 2, Severity.INFO: 1}[self]


class FindingKind(StrEnum):
    """Every kind of finding the engine knows."""

    SYNC_FAILED = "sync-failed"
    COUNTER_RESET = "counter-reset"
    RECONCILE_ERROR = "reconcile-error"
    STALE_RECONCILE_ERROR = "stale-reconcile-error"
    STALLED_RECONCILE = "stalled-reconcile"
    NOT_PICKED_UP = "not-picked-up"
    CREDENTIALS_UNREACHABLE = "credentials-unreachable"
    REFERENCE_BLOCKED = "reference-blocked"
    STALE_REFERENCE = "stale-reference"
    ORPHAN_DATASET = "orphan-dataset"
    DEFAULT_STORAGE = "default-storage"
    NAME_TOO_LONG = "name-too-long"
    REFERENCED_BY_STALE = "referenced-by-stale"
    UNSTABLE_HASH = "unstable-hash"


@dataclass(frozen=True)
class Evidence:
    """One observed fact: where it was read (``field``) and what it says (``value``, never a secret value)."""

    field: str
    value: str


@dataclass(frozen=True)
class Finding:
    """One thing the console found about a Model, in plain words, with its evidence and what to do."""

    kind: FindingKind
    severity: Severity
    title: str
    detail: str
    evidence: tuple[Evidence, ...]
    action: str
    version: str = ""
    subject: str = ""


def evidence(*pairs: tuple[str, object]) -> tuple[Evidence, ...]:
    """Evidence from ``(field, value)`` pairs; values are shown as text."""
    return tuple(Evidence(name, "" if value is None else str(value)) for name, value in pairs)


def by_severity(findings: Iterable[Finding]) -> list[Finding]:
    """Most severe first; the engine's order is kept within one severity."""
    return sorted(findings, key=lambda f: -f.severity.rank)


def most_severe(findings: Iterable[Finding]) -> Finding | None:
    """The first of the most severe findings, or None when there are none."""
    ordered = by_severity(findings)
    return ordered[0] if ordered else None
