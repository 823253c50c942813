"""Bumping a version's sync round: what it may do, when it may be sent, and how the round it asked for is doing.

A bump is a JSON merge patch of the Dataset's ``spec.dataSyncRound`` to its current value + 1
(:func:`modelfs_lib.domain.manifests.rerun_patch`), guarded by the ``resourceVersion`` that was on
screen: a second click, or a second person, working from the same reading gets 409 instead of
moving the counter twice. The API server accepts no step above +1 (CEL rule
``self > 0 && self - oldSelf <= 1``). A round N runs as Job ``dataset-<dataset>-round-<N>`` when
``spec.dataSyncRound`` > ``status.lastSucceedRound``. There is no byte-level progress: a round's
progress is its phase, its number and the time since it started.

On a Dataset a modelfs Model owns, the bump is NOT a working re-sync: the Model controller
rewrites the Dataset's spec on every reconcile without ``dataSyncRound`` (which the API server
defaults back to 1), and the bump itself triggers such a reconcile. Either nothing runs, or the
round runs and the Dataset then reads FAILED although the data synced (:func:`bump_caveat`). The
retry the controllers honour is a new Dataset (:mod:`modelfs_lib.domain.recreate`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from modelfs_lib.domain.manifests import next_round_job, rerun_starts_round
from modelfs_lib.domain.orphans import MODEL_GROUP
from modelfs_lib.domain.refusal import refusal_sentence
from modelfs_lib.domain.status import Phase, dataset_phase
from modelfs_lib.domain.times import duration_text, exact_time
from modelfs_lib.errors import ModelfsError
from modelfs_lib.resources.dataset import Dataset, SyncRoundStatus
from modelfs_lib.resources.model import Model

CEL_RULE = "self > 0 && self - oldSelf <= 1"


def _entry(dataset: Dataset, round_: int) -> SyncRoundStatus | None:
    return next((r for r in reversed(dataset.sync_round_statuses) if r.round == round_), None)


def running_round(dataset: Dataset) -> int | None:
    """The round a Dataset is busy with: the one in processing, or the one asked for that has not run yet.

    A round N = ``spec.dataSyncRound`` above ``status.lastSucceedRound`` with no ended entry in
    ``syncRoundStatuses`` is waiting to start (a bump just sent, or a PVC not bound yet). None
    when no round runs or waits: READY, a failed round, or a counter at or below the last round.
    """
    if dataset.in_processing:
        return dataset.in_processing_round or dataset.data_sync_round
    wanted = dataset.data_sync_round
    if wanted > (dataset.last_succeed_round or 0):
        entry = _entry(dataset, wanted)
        if entry is None or entry.end_time is None:
            return wanted
    return None


def counter_went_back(dataset: Dataset) -> str | None:
    """A plain sentence when ``spec.dataSyncRound`` is below ``status.lastSucceedRound``; else None.

    The modelfs controller rewrites the whole Dataset spec without ``dataSyncRound`` on each Model
    reconcile, and the API server defaults it back to 1. The Dataset controller's phase rule then
    reads FAILED (not processing and ``lastSucceedRound != dataSyncRound``) although round
    ``lastSucceedRound`` synced the data.
    """
    last = dataset.last_succeed_round or 0
    if dataset.data_sync_round >= last:
        return None
    return (
        f"The round counter went back: spec.dataSyncRound is {dataset.data_sync_round}, but round {last} already "
        "succeeded (status.lastSucceedRound). The modelfs controller rewrites the Dataset spec without "
        "dataSyncRound, and the API server then defaults it to 1. That is why the Dataset reads FAILED although "
        f"round {last} synced the data. Bumping the round again is reverted the same way; Recreate Dataset is "
        "the retry the controllers honour."
    )


def owned_by_a_model(dataset: Dataset) -> bool:
    """Whether a modelfs Model owns the Dataset (any ownerReference of kind Model in ``model.samzong.dev``)."""
    return any(
        ref.kind == "Model" and ref.api_version.partition("/")[0] in ("", MODEL_GROUP)
        for ref in dataset.meta.owner_references
    )


def bump_caveat(dataset: Dataset, *, owned_by_model: bool) -> str:
    """What a bump of ``spec.dataSyncRound`` really does, said before the button; "" for a Dataset no Model owns."""
    if not owned_by_model:
        return ""
    now, wanted = dataset.data_sync_round, dataset.data_sync_round + 1
    return (
        f"This is not a working re-sync. Dataset {dataset.name} is owned by a modelfs Model, and the Model "
        "controller rewrites the Dataset's spec on every reconcile without dataSyncRound, so a bump from "
        f"{now} to {wanted} is reverted to 1 within about a second. Then either nothing happens, or round "
        f"{wanted} runs and afterwards the Dataset reads FAILED although the data synced (lastSucceedRound "
        f"{wanted} against spec round 1), and the Model shows the version FAILED too. To download the weights "
        "again for real, use Recreate Dataset."
    )


def rerun_blocker(model: Model, version_name: str, dataset: Dataset | None) -> str | None:
    """Why a version's sync round cannot be bumped now; None when it can.

    Refused: an unknown or ABSENT version, no Dataset (yet), a Dataset that could not be read, is
    being deleted, is a REFERENCE or PVC Dataset (never synced), lacks a resourceVersion, has a
    counter reset below its last good round (a +1 bump would start nothing), or has a round running
    or waiting to start.
    """
    version = model.version(version_name)
    if version is None:
        return f"There is no version {version_name!r} in the spec."
    name = model.dataset_name(version_name)
    if version.is_absent:
        return f"The version is ABSENT: it has no Dataset to sync (the controller deletes {name})."
    if dataset is None:
        return (
            f"The version has no Dataset: {name} does not exist (yet). The controller creates it when it "
            "reconciles the Model; see the Model's conditions and events if it does not."
        )
    if dataset.invalid:
        return f"Dataset {name} could not be read ({dataset.invalid})."
    if dataset.meta.deletion_timestamp is not None:
        return f"Dataset {name} is being deleted."
    if dataset.is_reference or dataset.source_type.upper() == "PVC":
        return f"A {dataset.source_type} Dataset is never synced: there is no round to bump."
    if not dataset.meta.resource_version:
        return f"Dataset {name} has no resourceVersion to guard the patch with; reload the page."
    last = dataset.last_succeed_round or 0
    if dataset.data_sync_round + 1 <= last:
        return (
            f"The counter was reset to {dataset.data_sync_round} after round {last} synced: a bump to "
            f"{dataset.data_sync_round + 1} is not above round {last}, so no round would start. Use Recreate "
            "Dataset to download again."
        )
    current = running_round(dataset)
    if current is not None:
        if dataset.in_processing:
            return f"Round {current} is running (job {dataset.job_name(current)}): wait until it has finished."
        return f"Round {current} is waiting to start (job {dataset.job_name(current)}): wait until it has run."
    return None


@dataclass(frozen=True)
class RerunPlan:
    """What a click on "Bump the sync round" would do for one version.

    ``blocker`` says why it cannot (None: it can). ``starts`` is False when the next round is not
    above ``lastSucceedRound`` (the counter went back), so no Job starts yet.
    """

    version: str
    dataset: str
    blocker: str | None
    current_round: int | None = None
    next_round: int | None = None
    job: str = ""
    starts: bool = False

    @property
    def allowed(self) -> bool:
        """Whether the bump may be sent."""
        return self.blocker is None


def rerun_plan(model: Model, version_name: str, dataset: Dataset | None) -> RerunPlan:
    """The :class:`RerunPlan` of one version, from the Dataset as read (None: it does not exist)."""
    blocker = rerun_blocker(model, version_name, dataset)
    name = model.dataset_name(version_name)
    if dataset is None or dataset.invalid:
        return RerunPlan(version_name, name, blocker)
    return RerunPlan(
        version_name,
        name,
        blocker,
        current_round=dataset.data_sync_round,
        next_round=dataset.data_sync_round + 1,
        job=next_round_job(dataset),
        starts=rerun_starts_round(dataset),
    )


def rerun_failure(error: ModelfsError, dataset: str, round_: int) -> str:
    """The sentence shown when the bump to ``round_`` was refused."""
    return refusal_sentence(
        error,
        outcome="Round not bumped",
        verb="patch",
        target=f"Dataset {dataset}",
        conflict=f"Dataset {dataset} changed after this page read it (someone else may have bumped it, or its "
        "controller updated it), so the API server refused the patch (409 Conflict). Sending it anyway could "
        f"start a round nobody asked for. Look at the rounds now shown and bump again if round {round_} or "
        "later has not started.",
        invalid=f"the API server refused spec.dataSyncRound = {round_} (422 Invalid). Its rule `{CEL_RULE}` "
        "allows only steps of +1, so a round cannot be skipped. The counter has probably moved since this page "
        "read it: look at the rounds now shown.",
    )


class RoundStage(StrEnum):
    """How a round that was started is doing."""

    WAITING = "WAITING"
    RUNNING = "RUNNING"
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"
    RESET = "RESET"
    GONE = "GONE"


@dataclass(frozen=True)
class RoundProgress:
    """One round's stage and the sentence that says so; ``done`` when it will not change any more."""

    round: int
    job: str
    stage: RoundStage
    text: str

    @property
    def done(self) -> bool:
        """Whether the round has ended one way or another."""
        return self.stage in (RoundStage.SUCCEEDED, RoundStage.FAILED, RoundStage.RESET, RoundStage.GONE)


def round_progress(dataset: Dataset | None, round_: int, job: str, now: dt.datetime) -> RoundProgress:
    """How round ``round_`` (Job ``job``) of a Dataset is doing at ``now``, from its status.

    SUCCEEDED once ``syncRoundStatuses`` says so or ``lastSucceedRound`` reached it; FAILED when its
    entry says it failed; RUNNING while it is in processing (with the time since it started);
    WAITING before that; RESET when ``spec.dataSyncRound`` fell below it (the controller reset
    the counter, so it will not run); GONE when the Dataset no longer exists.
    """
    if dataset is None:
        return RoundProgress(
            round_, job, RoundStage.GONE, f"The Dataset no longer exists: round {round_} will not run."
        )
    entry = _entry(dataset, round_)
    if (entry is not None and entry.succeed) or (dataset.last_succeed_round or 0) >= round_:
        took = ""
        if entry is not None and entry.start_time and entry.end_time:
            took = f" in {duration_text(entry.end_time - entry.start_time)}"
        at = f" at {exact_time(entry.end_time)}" if entry is not None and entry.end_time else ""
        text = f"Round {round_} succeeded{took}{at}."
        if dataset.data_sync_round < round_:
            text += (
                f" The controller has since reset spec.dataSyncRound to {dataset.data_sync_round}, so the Dataset "
                "reads FAILED although this round synced the data."
            )
        return RoundProgress(round_, job, RoundStage.SUCCEEDED, text)
    if entry is not None and entry.succeed is False:
        message = next((c.message for c in dataset.conditions if c.message and not c.is_true), "")
        return RoundProgress(
            round_, job, RoundStage.FAILED, f"Round {round_} failed." + (f" {message}" if message else "")
        )
    if dataset.in_processing and (dataset.in_processing_round or dataset.data_sync_round) == round_:
        since = f" for {duration_text(now - entry.start_time)}" if entry is not None and entry.start_time else ""
        return RoundProgress(round_, job, RoundStage.RUNNING, f"Round {round_} is syncing{since} (PROCESSING).")
    if dataset.data_sync_round < round_:
        return RoundProgress(
            round_,
            job,
            RoundStage.RESET,
            f"spec.dataSyncRound went back to {dataset.data_sync_round}: the Model controller reset the counter "
            f"before round {round_} started, so it will not run. Nothing was synced.",
        )
    if dataset_phase(dataset) is Phase.PENDING:
        reason = next((c.message for c in dataset.conditions if c.message and not c.is_true), "")
        text = f"Round {round_} is waiting to start (PENDING)." + (f" {reason}" if reason else "")
    else:
        text = f"Round {round_} is waiting for the Dataset controller to pick it up."
    return RoundProgress(round_, job, RoundStage.WAITING, text)
