"""Status rules: phase normalisation, model health, conditions, credentials, Dataset phase."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest

from modelfs_lib.domain.status import (
    CredentialsState,
    Phase,
    Readiness,
    credentials_state,
    dataset_phase,
    last_sync,
    model_health,
    normalize_phase,
    reconcile_error,
    top_condition,
    versions_ready,
    worst_phase,
)
from modelfs_lib.resources import Condition, Dataset, Model, ModelSource


def model(versions: list[tuple[str, str]], synced: dict[str, str | None], **status: Any) -> Model:
    """A Model with spec versions ``(name, state)`` and synced phases by name (None: no phase)."""
    entries = [{"name": n} if p is None else {"name": n, "phase": p} for n, p in synced.items()]
    return Model.from_dict(
        {
            "metadata": {"name": "qwen3", "namespace": "ml"},
            "spec": {"sourceRef": "hf", "versions": [{"name": n, "repo": "q/q", "state": s} for n, s in versions]},
            "status": {"syncedVersions": entries, **status},
        }
    )


def condition(type_: str, status: str, when: str | None = None, reason: str = "Why") -> Condition:
    return Condition(type_, status, reason, "", None if when is None else dt.datetime.fromisoformat(when))


@pytest.mark.parametrize(
    ("raw", "phase"),
    [
        ("READY", Phase.READY),
        ("Ready", Phase.READY),
        ("ready", Phase.READY),
        (" Processing ", Phase.PROCESSING),
        ("PENDING", Phase.PENDING),
        ("failed", Phase.FAILED),
        ("Unknown", Phase.UNKNOWN),
        ("", Phase.UNKNOWN),
        (None, Phase.UNKNOWN),
        ("Succeeded", Phase.UNKNOWN),
        ("label", Phase.UNKNOWN),
    ],
)
def test_a_raw_phase_is_normalised_in_any_case(raw: str | None, phase: Phase) -> None:
    assert normalize_phase(raw) is phase


def test_a_phase_has_a_label_for_people() -> None:
    assert (Phase.READY.label, Phase.PROCESSING.label) == ("Ready", "Processing")


def test_phases_rank_failed_processing_pending_unknown_ready() -> None:
    ranked = [Phase.READY, Phase.UNKNOWN, Phase.PENDING, Phase.PROCESSING, Phase.FAILED]
    for lower, higher in itertools.pairwise(ranked):
        assert worst_phase([lower, higher]) is higher
        assert worst_phase([higher, lower]) is higher
    assert worst_phase([]) is None


@pytest.mark.parametrize(
    ("versions", "synced", "health"),
    [
        ([("a", "PRESENT")], {"a": "READY"}, Phase.READY),
        ([("a", "PRESENT"), ("b", "PRESENT")], {"a": "Ready", "b": "Failed"}, Phase.FAILED),
        ([("a", "PRESENT"), ("b", "PRESENT")], {"a": "PENDING", "b": "PROCESSING"}, Phase.PROCESSING),
        ([("a", "PRESENT"), ("b", "PRESENT")], {"a": "READY", "b": "PENDING"}, Phase.PENDING),
        ([("a", "PRESENT"), ("b", "PRESENT")], {"a": "READY"}, Phase.UNKNOWN),
        ([("a", "PRESENT"), ("b", "PRESENT")], {"a": "PENDING"}, Phase.PENDING),
        ([("a", "PRESENT")], {"a": None}, Phase.UNKNOWN),
        ([("a", "PRESENT"), ("b", "ABSENT")], {"a": "READY", "b": "FAILED"}, Phase.READY),
        ([("a", "ABSENT")], {}, Phase.UNKNOWN),
        ([("a", "PRESENT")], {"a": "READY", "gone": "FAILED"}, Phase.READY),
    ],
)
def test_model_health_is_the_worst_present_version(
    versions: list[tuple[str, str]], synced: dict[str, str | None], health: Phase
) -> None:
    assert model_health(model(versions, synced)) is health


def test_a_version_without_status_counts_as_unknown() -> None:
    assert model_health(model([("a", "PRESENT")], {})) is Phase.UNKNOWN
    assert versions_ready(model([("a", "PRESENT")], {})) == (0, 1)


def test_an_invalid_model_has_unknown_health() -> None:
    assert model_health(Model.from_dict({"metadata": {"name": "x"}, "spec": []})) is Phase.UNKNOWN


def test_versions_ready_counts_present_versions_only() -> None:
    m = model([("a", "PRESENT"), ("b", "PRESENT"), ("c", "ABSENT")], {"a": "READY", "b": "FAILED", "c": "READY"})
    assert versions_ready(m) == (1, 2)


def test_last_sync_is_the_newest_sync_time() -> None:
    m = Model.from_dict(
        {
            "metadata": {"name": "m"},
            "spec": {"sourceRef": "s", "versions": [{"name": "a", "repo": "r"}]},
            "status": {
                "syncedVersions": [
                    {"name": "a", "lastSyncTime": "2026-01-02T03:04:05Z"},
                    {"name": "b", "lastSyncTime": "2026-02-01T00:00:00Z"},
                    {"name": "c"},
                ]
            },
        }
    )
    assert last_sync(m) == dt.datetime(2026, 2, 1, tzinfo=dt.UTC)
    assert last_sync(model([("a", "PRESENT")], {})) is None


def test_top_condition_prefers_the_newest_problem() -> None:
    ok_new = condition("Ready", "True", "2026-03-01T00:00:00+00:00")
    bad_old = condition("Synced", "False", "2026-01-01T00:00:00+00:00")
    unknown_mid = condition("Fetched", "Unknown", "2026-02-01T00:00:00+00:00")
    assert top_condition([ok_new, bad_old, unknown_mid]) is unknown_mid


def test_top_condition_is_the_newest_when_nothing_is_wrong() -> None:
    old = condition("A", "True", "2026-01-01T00:00:00+00:00")
    new = condition("B", "True", "2026-02-01T00:00:00+00:00")
    assert top_condition([new, old]) is new
    assert top_condition([]) is None


def test_a_reconcile_error_with_status_false_is_a_problem() -> None:
    ok = condition("Ready", "True", "2026-03-01T00:00:00+00:00")
    error = condition("ReconcileError", "False", "2026-01-01T00:00:00+00:00", "ModelSourceNotFound")
    assert top_condition([ok, error]) is error


@pytest.mark.parametrize(("status", "found"), [("False", True), ("True", True), ("Unknown", False)])
def test_reconcile_error_is_read_from_status_false_or_true(status: str, found: bool) -> None:
    cond = {"type": "ReconcileError", "status": status, "reason": "ModelSourceNotFound", "message": "no source"}
    m = model([("a", "PRESENT")], {}, conditions=[cond])
    error = reconcile_error(m)
    assert (error is not None) is found
    if error is not None:
        assert (error.reason, error.message) == ("ModelSourceNotFound", "no source")


def test_a_model_without_conditions_has_no_reconcile_error() -> None:
    assert reconcile_error(model([("a", "PRESENT")], {})) is None


def source(conditions: list[dict[str, Any]]) -> ModelSource:
    return ModelSource.from_dict(
        {"metadata": {"name": "hf"}, "spec": {"type": "HUGGING_FACE"}, "status": {"conditions": conditions}}
    )


@pytest.mark.parametrize(
    ("status", "reason", "state"),
    [
        ("True", "SecretValid", Readiness.READY),
        ("True", "NoSecretRequired", Readiness.READY),
        ("False", "SecretInvalid", Readiness.NOT_READY),
        ("Unknown", "Checking", Readiness.UNKNOWN),
    ],
)
def test_credentials_state_follows_credentials_ready(status: str, reason: str, state: Readiness) -> None:
    when = "2026-01-02T03:04:05Z"
    cond = {"type": "CredentialsReady", "status": status, "reason": reason, "message": "m", "lastTransitionTime": when}
    result = credentials_state(source([cond]))
    assert result == CredentialsState(state, reason, "m", dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC))


def test_credentials_are_unknown_before_the_controller_checks() -> None:
    result = credentials_state(source([]))
    assert result.state is Readiness.UNKNOWN and str(result.state) == "unknown"
    assert result.time is None


def dataset(source_type: str, phase: str | None) -> Dataset:
    status = {} if phase is None else {"phase": phase}
    return Dataset.from_dict({"metadata": {"name": "d"}, "spec": {"source": {"type": source_type}}, "status": status})


@pytest.mark.parametrize(
    ("source_type", "phase", "expected"),
    [
        ("HUGGING_FACE", "READY", Phase.READY),
        ("S3", "failed", Phase.FAILED),
        ("GIT", None, Phase.UNKNOWN),
        ("PVC", None, Phase.READY),
        ("PVC", "PENDING", Phase.READY),
        ("REFERENCE", "Processing", Phase.PROCESSING),
    ],
)
def test_dataset_phase_normalises_and_a_pvc_dataset_is_always_ready(
    source_type: str, phase: str | None, expected: Phase
) -> None:
    assert dataset_phase(dataset(source_type, phase)) is expected


def test_an_invalid_dataset_has_unknown_phase() -> None:
    assert dataset_phase(Dataset.from_dict({"metadata": {"name": "d"}, "spec": {"source": "x"}})) is Phase.UNKNOWN
