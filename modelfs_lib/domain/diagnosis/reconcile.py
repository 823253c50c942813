"""Findings about the Model controller's work: ReconcileError (live or stale), and a reconcile that stalled."""

from __future__ import annotations

import datetime as dt

from modelfs_lib.domain.diagnosis.findings import Finding, FindingKind, Severity, evidence
from modelfs_lib.domain.diagnosis.inputs import ModelEvidence
from modelfs_lib.domain.diagnosis.text import safe_uri
from modelfs_lib.domain.expected_dataset import version_uri
from modelfs_lib.domain.status import Readiness, credentials_state, reconcile_error
from modelfs_lib.domain.times import exact_time
from modelfs_lib.resources.condition import Condition
from modelfs_lib.resources.dataset import Dataset
from modelfs_lib.resources.model_version import ModelVersion

UPDATE_FAILED_REASONS = ("DatasetUpdateFailed", "UpdateFailed")


def reconcile_findings(ev: ModelEvidence) -> list[Finding]:
    """The ReconcileError read against what happened since, and a stalled or pending reconcile."""
    found = []
    condition = reconcile_error(ev.model)
    if condition is not None:
        found.append(_reconcile_error(ev, condition))
    if ev.model.generation_pending:
        found.append(_stalled(ev))
    return found


def _later_work(ev: ModelEvidence, since: dt.datetime | None) -> list[tuple[str, object]]:
    """Evidence that the controller did successful work after ``since``."""
    if since is None:
        return []
    facts: list[tuple[str, object]] = []
    for synced in ev.model.synced_versions:
        if synced.last_sync_time is not None and synced.last_sync_time > since:
            facts.append((f"status.syncedVersions[{synced.name}].lastSyncTime", exact_time(synced.last_sync_time)))
    return facts


def _source_ok(ev: ModelEvidence) -> bool:
    return ev.sources_read and ev.source is not None and credentials_state(ev.source).state is Readiness.READY


def _reconcile_error(ev: ModelEvidence, condition: Condition) -> Finding:
    since = condition.last_transition_time
    facts: list[tuple[str, object]] = [
        ("status.conditions[ReconcileError].reason", condition.reason or "(none)"),
        ("status.conditions[ReconcileError].message", condition.message or "(none)"),
        ("status.conditions[ReconcileError].lastTransitionTime", exact_time(since) if since else "(none)"),
    ]
    later = _later_work(ev, since)
    current = not ev.model.generation_pending and ev.model.observed_generation is not None
    if _source_ok(ev) and (later or current):
        assert ev.source is not None
        facts += [(f"ModelSource {ev.source.name} CredentialsReady", "True")]
        facts += later
        if current:
            facts.append(("status.observedGeneration", f"{ev.model.observed_generation} (= metadata.generation)"))
        return Finding(
            FindingKind.STALE_RECONCILE_ERROR,
            Severity.INFO,
            "Old ReconcileError: history, not a live failure",
            "The controller writes ReconcileError when the ModelSource is missing or not ready, and never removes "
            "it. The source is ready now and the controller has done successful work since, so this error is over.",
            evidence(*facts),
            "Nothing to do. The condition stays until the Model is recreated; read it as history.",
        )
    why = {
        "ModelSourceNotFound": f"Create the ModelSource {ev.model.source_ref!r} in {ev.model.namespace}, or point "
        "spec.sourceRef at one that exists.",
        "ModelSourceNotReady": "Fix the ModelSource's Secret (it must exist and hold at least one key); the "
        "controller retries about every minute.",
    }.get(condition.reason, "Read the controller's log; it retries about every minute.")
    if ev.sources_read and ev.source is not None and condition.reason == "ModelSourceNotFound":
        why = "The ModelSource exists now; the controller should pick it up at its next retry (about a minute)."
    return Finding(
        FindingKind.RECONCILE_ERROR,
        Severity.ERROR,
        f"ReconcileError: {condition.reason or 'the controller failed'}",
        condition.message or "The controller gave no message.",
        evidence(*facts),
        why,
    )


def immutable_block(ev: ModelEvidence) -> tuple[ModelVersion, Dataset, str, str, str] | None:
    """The first PRESENT version whose live Dataset's immutable type or uri differs from what the spec asks.

    ``(version, dataset, field, live, wanted)``; None when none differs or the inputs are unknown.
    """
    if ev.datasets is None or ev.source is None:
        return None
    for version in ev.model.versions:
        if version.is_absent:
            continue
        dataset = ev.dataset(ev.model.dataset_name(version.name))
        if dataset is None or dataset.invalid:
            continue
        if dataset.source_type.upper() != ev.source.source_type.upper():
            return version, dataset, "spec.source.type", dataset.source_type, ev.source.source_type
        wanted = version_uri(ev.source, version)
        if dataset.source_uri != wanted:
            return version, dataset, "spec.source.uri", dataset.source_uri, wanted
    return None


def _stalled(ev: ModelEvidence) -> Finding:
    generations = (
        ("metadata.generation", ev.model.meta.generation),
        (
            "status.observedGeneration",
            ev.model.observed_generation if ev.model.observed_generation is not None else "(none)",
        ),
    )
    block = immutable_block(ev)
    if block is None:
        failures = [e for e in ev.events or () if e.reason in UPDATE_FAILED_REASONS]
        if failures:
            newest = max(failures, key=lambda e: e.last_timestamp or dt.datetime.min.replace(tzinfo=dt.UTC))
            return Finding(
                FindingKind.STALLED_RECONCILE,
                Severity.ERROR,
                "The controller is stuck updating a Dataset",
                newest.message,
                evidence(*generations, (f"Event {newest.reason}", newest.message)),
                "Undo the change that made the Dataset update fail; add it as a new version instead.",
            )
        return Finding(
            FindingKind.NOT_PICKED_UP,
            Severity.INFO,
            "The controller has not acted on the latest edit yet",
            "observedGeneration is behind metadata.generation. Usually this clears within seconds; if it stays, "
            "the controller is down or stuck (it writes no condition when an update fails).",
            evidence(*generations),
            "Wait a few seconds. If it stays, check the controller is running and read its log.",
        )
    version, dataset, field, live, wanted = block
    later = [v.name for v in ev.model.versions[ev.model.versions.index(version) + 1 :] if not v.is_absent]
    facts = [
        *generations,
        (f"Dataset {dataset.name} {field} (live, immutable)", safe_uri(live)),
        (f"{field} the spec now asks for", safe_uri(wanted)),
    ]
    if later:
        facts.append(("versions after it, not reconciled", ", ".join(later)))
    live_version = (
        f" Set repo/revision of {version.name} back so the Dataset's uri is {safe_uri(live)!r}, and add the new "
        "weights as a new version."
        if field == "spec.source.uri"
        else " Point the Model back at a source of the Dataset's type, or create a new Model."
    )
    return Finding(
        FindingKind.STALLED_RECONCILE,
        Severity.ERROR,
        f"Reconcile stalled at version {version.name}: its Dataset's {field.rsplit('.', 1)[1]} cannot change",
        f"A Dataset's source type and uri are immutable. The spec now asks for another {field} for version "
        f"{version.name}, so the controller's update of {dataset.name} fails and it stops there: later versions, "
        "status and sharing are not reconciled, and no condition says so.",
        evidence(*facts),
        "Undo the edit." + live_version,
        version=version.name,
        subject=dataset.name,
    )
