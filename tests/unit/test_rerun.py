"""Re-running a sync: when it is refused, what it starts, the counter going back, and a round's progress."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from modelfs_lib.domain.kubectl import round_logs_command
from modelfs_lib.domain.rerun import (
    RoundStage,
    bump_caveat,
    counter_went_back,
    owned_by_a_model,
    rerun_blocker,
    rerun_failure,
    rerun_plan,
    round_progress,
    running_round,
)
from modelfs_lib.errors import Conflict, Forbidden, Invalid, NotFound
from modelfs_lib.resources import Dataset, Model

NOW = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


def model(*versions: dict[str, Any]) -> Model:
    return Model.from_dict(
        {
            "metadata": {"name": "qwen3", "namespace": "ml", "resourceVersion": "5"},
            "spec": {
                "sourceRef": "hf",
                "versions": [{"repo": "qwen/qwen3", **v} for v in versions] or [{"name": "fp16", "repo": "q/q"}],
            },
        }
    )


def dataset(
    *,
    round_: int = 1,
    last: int | None = 1,
    phase: str = "READY",
    processing: bool = False,
    processing_round: int | None = None,
    rounds: list[dict[str, Any]] | None = None,
    type_: str = "HUGGING_FACE",
    resource_version: str = "41",
    conditions: list[dict[str, Any]] | None = None,
) -> Dataset:
    status: dict[str, Any] = {"phase": phase, "inProcessing": processing, "syncRoundStatuses": rounds or []}
    if last is not None:
        status["lastSucceedRound"] = last
    if processing_round is not None:
        status["inProcessingRound"] = processing_round
    if conditions:
        status["conditions"] = conditions
    return Dataset.from_dict(
        {
            "metadata": {"name": "mdl-qwen3-fp16", "namespace": "ml", "resourceVersion": resource_version},
            "spec": {"source": {"type": type_, "uri": "huggingface://q/q"}, "dataSyncRound": round_},
            "status": status,
        }
    )


def entry(
    round_: int, *, start: int | None = -30, end: int | None = None, succeed: bool | None = None
) -> dict[str, Any]:
    row: dict[str, Any] = {"round": round_, "jobName": f"dataset-mdl-qwen3-fp16-round-{round_}"}
    if start is not None:
        row["startTime"] = (NOW + dt.timedelta(seconds=start)).isoformat().replace("+00:00", "Z")
    if end is not None:
        row["endTime"] = (NOW + dt.timedelta(seconds=end)).isoformat().replace("+00:00", "Z")
    if succeed is not None:
        row["succeed"] = succeed
    return row


# ------------------------------------------------------------------------------------------------
# When a re-run is refused
# ------------------------------------------------------------------------------------------------


def test_a_ready_dataset_may_be_rerun_to_the_next_round_and_job() -> None:
    plan = rerun_plan(model({"name": "fp16"}), "fp16", dataset(round_=3, last=3))
    assert plan.allowed
    assert (plan.current_round, plan.next_round, plan.job, plan.starts) == (
        3,
        4,
        "dataset-mdl-qwen3-fp16-round-4",
        True,
    )


def test_a_failed_round_may_be_rerun() -> None:
    failed = dataset(round_=2, last=1, phase="FAILED", rounds=[entry(2, end=-1, succeed=False)])
    assert rerun_blocker(model({"name": "fp16"}), "fp16", failed) is None


@pytest.mark.parametrize(
    ("subject", "words"),
    [
        (dataset(round_=2, last=1, phase="PROCESSING", processing=True, processing_round=2), "Round 2 is running"),
        (dataset(round_=2, last=1, phase="Pending"), "Round 2 is waiting to start"),
        (dataset(type_="REFERENCE"), "never synced"),
        (dataset(type_="PVC"), "never synced"),
        (dataset(resource_version=""), "resourceVersion"),
        (None, "has no Dataset"),
    ],
)
def test_a_rerun_is_refused_with_the_reason(subject: Dataset | None, words: str) -> None:
    blocker = rerun_blocker(model({"name": "fp16"}), "fp16", subject)
    assert blocker is not None
    assert words in blocker


def test_an_absent_or_unknown_version_cannot_be_rerun() -> None:
    subject = model({"name": "fp16", "state": "ABSENT"})
    assert "ABSENT" in (rerun_blocker(subject, "fp16", None) or "")
    assert "no version" in (rerun_blocker(subject, "int4", None) or "")


def test_a_running_round_is_the_one_in_processing_or_the_one_waiting() -> None:
    assert running_round(dataset(round_=3, last=2, processing=True, processing_round=3)) == 3
    assert running_round(dataset(round_=3, last=2, phase="PENDING")) == 3
    assert running_round(dataset(round_=3, last=3, phase="READY")) is None
    assert running_round(dataset(round_=3, last=2, phase="READY")) == 3  # asked for, not started yet
    assert running_round(dataset(round_=3, last=2, phase="FAILED", rounds=[entry(3, end=-1, succeed=False)])) is None
    assert running_round(dataset(round_=1, last=3, phase="FAILED")) is None  # the counter went back


# ------------------------------------------------------------------------------------------------
# The counter going back
# ------------------------------------------------------------------------------------------------


def test_a_counter_below_the_last_succeeded_round_is_said_plainly() -> None:
    note = counter_went_back(dataset(round_=1, last=3, phase="FAILED"))
    assert note is not None
    assert "went back" in note
    assert "spec.dataSyncRound is 1" in note
    assert "round 3 already succeeded" in note
    assert "reads FAILED although round 3 synced the data" in note
    assert "Recreate Dataset" in note
    assert "re-runs of +1" not in note  # more bumps are reverted the same way: never advised


@pytest.mark.parametrize(("round_", "last"), [(1, 1), (2, 1), (1, None)])
def test_a_counter_at_or_above_the_last_round_has_no_note(round_: int, last: int | None) -> None:
    assert counter_went_back(dataset(round_=round_, last=last)) is None


def test_a_bump_after_a_reset_is_refused_because_it_would_start_no_round() -> None:
    plan = rerun_plan(model({"name": "fp16"}), "fp16", dataset(round_=1, last=3, phase="FAILED"))
    assert not plan.allowed and plan.blocker is not None
    assert "reset to 1 after round 3 synced" in plan.blocker and "Recreate Dataset" in plan.blocker
    assert (plan.next_round, plan.starts) == (2, False)
    right_after = rerun_plan(model({"name": "fp16"}), "fp16", dataset(round_=3, last=3))
    assert right_after.allowed and right_after.starts


# ------------------------------------------------------------------------------------------------
# Why a patch was refused
# ------------------------------------------------------------------------------------------------


def test_a_stale_read_is_explained_as_a_conflict_that_protects_the_round() -> None:
    text = rerun_failure(Conflict("the object has been modified", status=409), "mdl-qwen3-fp16", 4)
    assert "409" in text
    assert "changed after this page read it" in text


def test_a_skipped_round_is_explained_with_the_rule() -> None:
    text = rerun_failure(Invalid("spec.dataSyncRound: Invalid value", status=422), "mdl-qwen3-fp16", 5)
    assert "422" in text
    assert "self - oldSelf <= 1" in text
    assert "+1" in text


def test_other_refusals_say_what_happened() -> None:
    assert "no longer exists" in rerun_failure(NotFound("gone", status=404), "mdl-x", 2)
    assert "may not patch" in rerun_failure(Forbidden("forbidden", status=403), "mdl-x", 2)


def test_the_logs_command_names_the_rounds_job() -> None:
    assert (
        round_logs_command(dataset().namespace, dataset().name, 4)
        == "kubectl -n ml logs job/dataset-mdl-qwen3-fp16-round-4"
    )


# ------------------------------------------------------------------------------------------------
# Following a round
# ------------------------------------------------------------------------------------------------

JOB = "dataset-mdl-qwen3-fp16-round-2"


@pytest.mark.parametrize(
    ("subject", "stage", "words"),
    [
        (dataset(round_=2, last=1, phase="PENDING"), RoundStage.WAITING, "waiting to start"),
        (
            dataset(round_=2, last=1, phase="PROCESSING", processing=True, processing_round=2, rounds=[entry(2)]),
            RoundStage.RUNNING,
            "syncing for 30 s",
        ),
        (
            dataset(round_=2, last=2, rounds=[entry(2, start=-40, end=-5, succeed=True)]),
            RoundStage.SUCCEEDED,
            "succeeded in 35 s",
        ),
        (dataset(round_=2, last=2), RoundStage.SUCCEEDED, "Round 2 succeeded"),
        (
            dataset(
                round_=2,
                last=1,
                phase="FAILED",
                rounds=[entry(2, end=-1, succeed=False)],
                conditions=[{"type": "Ready", "status": "False", "message": "repository not found"}],
            ),
            RoundStage.FAILED,
            "repository not found",
        ),
        (dataset(round_=1, last=1), RoundStage.RESET, "went back to 1"),
        (
            dataset(round_=1, last=2, phase="FAILED", rounds=[entry(2, start=-40, end=-5, succeed=True)]),
            RoundStage.SUCCEEDED,
            "reads FAILED although this round synced the data",
        ),
        (None, RoundStage.GONE, "no longer exists"),
    ],
)
def test_a_started_round_is_followed_from_the_datasets_status(
    subject: Dataset | None, stage: RoundStage, words: str
) -> None:
    progress = round_progress(subject, 2, JOB, NOW)
    assert progress.stage is stage
    assert words in progress.text
    assert progress.done is (stage not in (RoundStage.WAITING, RoundStage.RUNNING))


# ------------------------------------------------------------------------------------------------
# What a bump really does on a Dataset a Model owns
# ------------------------------------------------------------------------------------------------

MODEL_OWNER = {"apiVersion": "model.samzong.dev/v1", "kind": "Model", "name": "qwen3", "uid": "m", "controller": True}


def test_the_caveat_says_the_bump_is_reverted_and_may_end_failed_although_synced() -> None:
    caveat = bump_caveat(dataset(round_=3, last=3), owned_by_model=True)
    assert "not a working re-sync" in caveat
    assert "rewrites the Dataset's spec on every reconcile without dataSyncRound" in caveat
    assert "a bump from 3 to 4 is reverted to 1 within about a second" in caveat
    assert "either nothing happens, or round 4 runs" in caveat
    assert "reads FAILED although the data synced (lastSucceedRound 4 against spec round 1)" in caveat
    assert "Recreate Dataset" in caveat


def test_a_dataset_no_model_owns_needs_no_caveat() -> None:
    assert bump_caveat(dataset(), owned_by_model=False) == ""


def test_ownership_by_a_modelfs_model_is_read_from_the_owner_references() -> None:
    raw = {"spec": {"source": {"type": "HUGGING_FACE"}}}
    owned = Dataset.from_dict({"metadata": {"name": "d", "ownerReferences": [MODEL_OWNER]}, **raw})
    other = {**MODEL_OWNER, "apiVersion": "serving.example.com/v1"}
    foreign = Dataset.from_dict({"metadata": {"name": "d", "ownerReferences": [other]}, **raw})
    assert owned_by_a_model(owned)
    assert not owned_by_a_model(foreign)
    assert not owned_by_a_model(dataset())
