"""Rows of the Models list: what each column says, the filters and the sort orders.

A row's status is :func:`~modelfs_lib.domain.status.model_health` (the worst phase over the PRESENT
versions); :func:`status_reason` names the Datasets (``mdl-<model>-<version>``) that decide it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from modelfs_lib.domain.diagnosis import Finding, FindingKind, Severity, most_severe
from modelfs_lib.domain.model_alerts import awaiting_controller
from modelfs_lib.domain.status import (
    SEVERITY,
    Phase,
    counter_reset_versions,
    health_from,
    last_sync,
    ready_from,
    reconcile_error,
    top_condition,
    version_phases,
)
from modelfs_lib.resources.dataset import Dataset
from modelfs_lib.resources.model import Model

SOURCE_NOT_FOUND = "not found"
"""The source type of a Model whose ``sourceRef`` names no ModelSource in its namespace."""
SOURCE_UNREAD = "unknown"
"""The source type when the ModelSources could not be listed."""

STATUS_RULE = (
    "The worst phase over the Model's PRESENT versions: Failed > Processing > Pending > Unknown > Ready. "
    "Each version's phase is that of its Dataset mdl-<model>-<version>; Unknown means the controller "
    "has not reported one yet."
)


@dataclass(frozen=True)
class ModelRow:
    """One line of the Models list."""

    name: str
    source: str
    source_type: str
    ready: int
    total: int
    last_sync: dt.datetime | None
    status: Phase
    status_reason: str
    tags: tuple[str, ...] = ()
    generation_pending: bool = False
    reconcile_reason: str = ""
    deleting: bool = False
    invalid: str | None = None
    finding: str = ""
    finding_severity: str = ""
    failure_reason: str = ""
    counter_reset: tuple[str, ...] = ()
    reason: str = ""
    """For a Failed or erroring Model, why in one short line (:func:`short_reason`); empty otherwise."""

    @property
    def versions_text(self) -> str:
        """``ready/total`` over PRESENT versions ("2/3")."""
        return f"{self.ready}/{self.total}"


def status_reason(model: Model, datasets: Mapping[str, Dataset] | None = None) -> str:
    """Which Datasets decide the Model's status: "Failed: mdl-m-v1", "All 2 Ready: mdl-m-a, mdl-m-b"."""
    return _status_reason(model, version_phases(model, datasets))


def _status_reason(model: Model, phases: Mapping[str, Phase]) -> str:
    """:func:`status_reason` from the Model's :func:`~modelfs_lib.domain.status.version_phases`."""
    if model.invalid:
        return f"The Model could not be read: {model.invalid}"
    if not phases:
        return "No PRESENT version: nothing to sync."
    worst = health_from(model, phases)
    names = ", ".join(model.dataset_name(name) for name, phase in phases.items() if phase is worst)
    if worst is Phase.READY:
        return f"All {len(phases)} Ready: {names}" if len(phases) > 1 else f"Ready: {names}"
    if worst is Phase.UNKNOWN:
        return f"No status yet: {names}"
    return f"{worst.label}: {names}"


def source_type_of(model: Model, source_types: Mapping[str, str] | None) -> str:
    """The type of the ModelSource the Model references; :data:`SOURCE_NOT_FOUND` or :data:`SOURCE_UNREAD`."""
    if source_types is None:
        return SOURCE_UNREAD
    return source_types.get(model.source_ref, SOURCE_NOT_FOUND)


QUIET_IN_LIST = frozenset({FindingKind.UNSTABLE_HASH})
"""Findings too minor for the list's one-finding column (the detail page still lists them)."""


def failure_reason(findings: Sequence[Finding]) -> str:
    """For a failing Model, why, in the controller's words: the most severe error's explanation, whole."""
    top = most_severe(findings)
    if top is None or top.severity is not Severity.ERROR:
        return ""
    return f"{top.title}: {top.detail}"


REASON_LIMIT = 120
"""How long a :func:`short_reason` may be; the full text is below the list and on the detail page."""


def first_line(text: str, limit: int = REASON_LIMIT) -> str:
    """The first non-blank line of ``text``, cut to ``limit`` characters (with an ellipsis)."""
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _failed_version_reason(model: Model, datasets: Mapping[str, Dataset] | None, phases: Mapping[str, Phase]) -> str:
    """``"<version>: <message>"`` of the first Failed version: its Dataset's (or synced entry's) problem condition."""
    for name, phase in phases.items():
        if phase is not Phase.FAILED:
            continue
        dataset = (datasets or {}).get(model.dataset_name(name))
        synced = model.synced_version(name)
        conditions = dataset.conditions if dataset is not None else synced.conditions if synced is not None else ()
        top = top_condition(conditions)
        message = (top.message or top.reason) if top is not None else ""
        return first_line(f"{name}: {message}") if message else f"{name}: its Dataset reads Failed"
    return ""


def short_reason(model: Model, datasets: Mapping[str, Dataset] | None = None, findings: Sequence[Finding] = ()) -> str:
    """Why a Failed or erroring Model fails, in one line for a list cell; ``""`` for a healthy one.

    Only a Failed Model or one whose most severe finding is an error has one. In order: an unreadable
    Model's parse error; the first Failed version's Dataset condition message
    (the Model's status copy when the Dataset is not known); the ReconcileError's message; the title
    of the most severe error finding. Only the first line, at most :data:`REASON_LIMIT` characters.
    """
    return _short_reason(model, datasets, findings, version_phases(model, datasets))


def _short_reason(
    model: Model, datasets: Mapping[str, Dataset] | None, findings: Sequence[Finding], phases: Mapping[str, Phase]
) -> str:
    """:func:`short_reason` from the Model's :func:`~modelfs_lib.domain.status.version_phases`."""
    if model.invalid:
        return first_line(f"The Model could not be read: {model.invalid}")
    failed = health_from(model, phases) is Phase.FAILED
    top = most_severe(findings)
    erroring = top is not None and top.severity is Severity.ERROR
    if not failed and not erroring:
        return ""  # healthy, or only an old ReconcileError the controller never cleared: nothing to explain here
    if failed and (version := _failed_version_reason(model, datasets, phases)):
        return version
    error = reconcile_error(model)
    if error is not None:
        return first_line(f"{error.reason or 'ReconcileError'}: {error.message}" if error.message else error.reason)
    return first_line(top.title) if top is not None and erroring else ""


def model_row(
    model: Model,
    source_types: Mapping[str, str] | None,
    datasets: Mapping[str, Dataset] | None = None,
    findings: Sequence[Finding] = (),
) -> ModelRow:
    """The row of one Model; ``source_types`` maps ModelSource names to types (None: not readable).

    ``datasets`` (by name) let a version whose counter was reset count as synced; ``findings`` are the
    Model's diagnosis (:func:`~modelfs_lib.domain.diagnosis.diagnose`).
    """
    phases = version_phases(model, datasets)  # once: status, counts and reasons all read them
    ready, total = ready_from(phases)
    error = reconcile_error(model)
    top = most_severe(f for f in findings if f.kind not in QUIET_IN_LIST)
    return ModelRow(
        name=model.name,
        source=model.source_ref,
        source_type=source_type_of(model, source_types),
        ready=ready,
        total=total,
        last_sync=last_sync(model),
        status=health_from(model, phases),
        status_reason=_status_reason(model, phases),
        tags=model.display.tags,
        generation_pending=awaiting_controller(model),
        reconcile_reason=(error.reason or "ReconcileError") if error is not None else "",
        deleting=model.meta.deletion_timestamp is not None,
        invalid=model.invalid,
        finding=top.title if top is not None else "",
        finding_severity=top.severity.value if top is not None else "",
        failure_reason=failure_reason(findings),
        counter_reset=tuple(counter_reset_versions(model, datasets)),
        reason=_short_reason(model, datasets, findings, phases),
    )


def model_rows(
    models: Iterable[Model],
    source_types: Mapping[str, str] | None,
    datasets: Mapping[str, Dataset] | None = None,
    findings: Mapping[str, Sequence[Finding]] | None = None,
) -> list[ModelRow]:
    """:func:`model_row` of every Model, by name."""
    rows = (model_row(m, source_types, datasets, (findings or {}).get(m.name, ())) for m in models)
    return sorted(rows, key=lambda r: r.name)


@dataclass(frozen=True)
class ModelFilter:
    """What the list is narrowed to. Each part left empty lets every row through; the parts combine (AND).

    A row passes ``tags`` when it has ANY of them, ``phases`` when its status is one of them,
    ``source_types`` when its source type is one of them, and ``text`` when its name contains it
    (case-insensitive, surrounding blanks ignored).
    """

    tags: frozenset[str] = field(default_factory=frozenset)
    phases: frozenset[Phase] = field(default_factory=frozenset)
    source_types: frozenset[str] = field(default_factory=frozenset)
    text: str = ""

    @property
    def active(self) -> bool:
        """Whether anything is filtered out at all."""
        return bool(self.tags or self.phases or self.source_types or self.text.strip())

    def matches(self, row: ModelRow) -> bool:
        """Whether ``row`` passes every part of the filter."""
        if self.tags and not self.tags.intersection(row.tags):
            return False
        if self.phases and row.status not in self.phases:
            return False
        if self.source_types and row.source_type not in self.source_types:
            return False
        needle = self.text.strip().lower()
        return not needle or needle in row.name.lower()


def filter_rows(rows: Iterable[ModelRow], model_filter: ModelFilter) -> list[ModelRow]:
    """The rows that pass ``model_filter``, in their order."""
    return [row for row in rows if model_filter.matches(row)]


def tag_options(rows: Iterable[ModelRow], selected: Iterable[str] = ()) -> list[str]:
    """Every tag of the rows plus those already selected (so a selection never vanishes), sorted."""
    return sorted({tag for row in rows for tag in row.tags} | set(selected))


def source_type_options(rows: Iterable[ModelRow], selected: Iterable[str] = ()) -> list[str]:
    """Every source type of the rows plus those already selected, sorted."""
    return sorted({row.source_type for row in rows} | set(selected))


class SortOrder(StrEnum):
    """How the list is ordered; ties go by name."""

    NAME = "Name"
    STATUS = "Status (worst first)"
    LAST_SYNC = "Last sync (newest first)"


def sort_rows(rows: Iterable[ModelRow], order: SortOrder) -> list[ModelRow]:
    """The rows in ``order``; models that never synced come last under LAST_SYNC."""
    by_name = sorted(rows, key=lambda r: r.name)
    if order is SortOrder.STATUS:
        return sorted(by_name, key=lambda r: -SEVERITY[r.status])
    if order is SortOrder.LAST_SYNC:
        oldest = dt.datetime.min.replace(tzinfo=dt.UTC)
        return sorted(by_name, key=lambda r: (r.last_sync is None, -(r.last_sync or oldest).timestamp()))
    return by_name
