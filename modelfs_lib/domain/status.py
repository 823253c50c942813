"""Status rules: phases, model health, conditions and credentials, as pure functions.

Every function takes typed resources and returns values; none talks to a cluster.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from modelfs_lib.resources.condition import Condition
from modelfs_lib.resources.dataset import Dataset
from modelfs_lib.resources.model import Model
from modelfs_lib.resources.model_source import ModelSource

RECONCILE_ERROR = "ReconcileError"
CREDENTIALS_READY = "CredentialsReady"


class Phase(StrEnum):
    """A Dataset or version phase; the values are the controller's upper-case spelling."""

    READY = "READY"
    PROCESSING = "PROCESSING"
    PENDING = "PENDING"
    FAILED = "FAILED"
    UNKNOWN = "UNKNOWN"

    @property
    def label(self) -> str:
        """The phase as people read it ("Ready")."""
        return self.value.capitalize()


SEVERITY: dict[Phase, int] = {Phase.READY: 0, Phase.UNKNOWN: 1, Phase.PENDING: 2, Phase.PROCESSING: 3, Phase.FAILED: 4}
"""How bad a phase is: FAILED > PROCESSING > PENDING > UNKNOWN > READY.

UNKNOWN means "not known to be ready": worse than READY, but it carries less news than
any phase the controller did report, so a reported non-ready phase wins over it.
"""


@functools.lru_cache(maxsize=64)
def normalize_phase(raw: str | None) -> Phase:
    """The Phase a raw string names, in any case ("Ready", "ready"); None, empty or unrecognised gives UNKNOWN.

    Cached: a cluster spells its phases a handful of ways, and every list derivation reads each version's.
    """
    text = (raw or "").strip().upper()
    return Phase(text) if text in Phase.__members__ else Phase.UNKNOWN


def worst_phase(phases: Iterable[Phase]) -> Phase | None:
    """The most severe of ``phases`` by :data:`SEVERITY`; None when there are none."""
    return max(phases, key=SEVERITY.__getitem__, default=None)


def synced_round_despite_failed(dataset: Dataset | None) -> int | None:
    """The round whose data a FAILED Dataset holds after its counter was reset; None when that is not the case.

    The modelfs controller rewrites the Dataset spec without ``dataSyncRound`` (the API server
    defaults it to 1), so a round N > 1 that succeeded leaves ``lastSucceedRound`` N above the spec's
    round and the Dataset controller reports FAILED although the data synced. Not the case while a
    round runs, or when the newest recorded round failed.
    """
    if dataset is None or dataset.invalid or dataset.in_processing:
        return None
    last = dataset.last_succeed_round or 0
    if normalize_phase(dataset.phase) is not Phase.FAILED or last < 1 or last <= dataset.data_sync_round:
        return None
    newest = max(dataset.sync_round_statuses, key=lambda r: r.round, default=None)
    if newest is not None and newest.round > last and newest.succeed is False:
        return None
    return last


def version_phases(model: Model, datasets: Mapping[str, Dataset] | None = None) -> dict[str, Phase]:
    """The phase of each PRESENT spec version, by name, in spec order.

    ABSENT versions are left out; a PRESENT version without a ``syncedVersions`` entry is UNKNOWN.
    With ``datasets`` (by name), a version whose Dataset synced but reads FAILED only because its round
    counter was reset (:func:`synced_round_despite_failed`) counts as READY.
    """
    phases: dict[str, Phase] = {}
    for version in model.versions:
        if version.is_absent:
            continue
        synced = model.synced_version(version.name)
        phase = Phase.UNKNOWN if synced is None else normalize_phase(synced.phase)
        if phase is Phase.FAILED and datasets and _counter_reset(model, version.name, datasets):
            phase = Phase.READY
        phases[version.name] = phase
    return phases


def _counter_reset(model: Model, version: str, datasets: Mapping[str, Dataset]) -> bool:
    return synced_round_despite_failed(datasets.get(model.dataset_name(version))) is not None


def counter_reset_versions(model: Model, datasets: Mapping[str, Dataset] | None) -> list[str]:
    """PRESENT versions that read FAILED although their data synced (the controller reset the round counter)."""
    found: list[str] = []
    if not datasets:
        return found  # no Dataset to have synced
    for version in model.versions:
        if version.is_absent:
            continue
        synced = model.synced_version(version.name)
        if synced is None or normalize_phase(synced.phase) is not Phase.FAILED:
            continue
        if _counter_reset(model, version.name, datasets):
            found.append(version.name)
    return found


def model_health(model: Model, datasets: Mapping[str, Dataset] | None = None) -> Phase:
    """The worst phase over the Model's PRESENT versions (see :func:`version_phases`, :data:`SEVERITY`).

    A Model with no PRESENT version, or one that could not be parsed, is UNKNOWN. A
    ReconcileError is not folded in: read it with :func:`reconcile_error`.
    """
    return health_from(model, version_phases(model, datasets))


def health_from(model: Model, phases: Mapping[str, Phase]) -> Phase:
    """:func:`model_health` from the Model's :func:`version_phases`, already computed."""
    if model.invalid:
        return Phase.UNKNOWN
    return worst_phase(phases.values()) or Phase.UNKNOWN


def versions_ready(model: Model, datasets: Mapping[str, Dataset] | None = None) -> tuple[int, int]:
    """``(ready, total)`` over PRESENT versions; ready means the phase is READY (see :func:`version_phases`)."""
    return ready_from(version_phases(model, datasets))


def ready_from(phases: Mapping[str, Phase]) -> tuple[int, int]:
    """:func:`versions_ready` from the Model's :func:`version_phases`, already computed."""
    return sum(1 for phase in phases.values() if phase is Phase.READY), len(phases)


def last_sync(model: Model) -> dt.datetime | None:
    """The newest ``lastSyncTime`` over all synced versions; None when none has synced."""
    times = [s.last_sync_time for s in model.synced_versions if s.last_sync_time is not None]
    return max(times, default=None)


def condition_is_problem(condition: Condition) -> bool:
    """Whether a condition reports trouble.

    ``ReconcileError`` is trouble when its status is True or False (the controller writes
    False); any other type is trouble unless its status is True (Unknown counts as not met).
    """
    if condition.type == RECONCILE_ERROR:
        return condition.status in ("True", "False")
    return not condition.is_true


def top_condition(conditions: Iterable[Condition]) -> Condition | None:
    """The condition to show first: the newest problem (:func:`condition_is_problem`), else the newest one.

    Newest is by ``lastTransitionTime`` (a missing time sorts oldest; a tie goes to the later entry).
    None when there are no conditions.
    """
    items = list(conditions)
    problems = [c for c in items if condition_is_problem(c)]
    pool = problems or items
    if not pool:
        return None
    oldest = dt.datetime.min.replace(tzinfo=dt.UTC)
    return max(reversed(pool), key=lambda c: c.last_transition_time or oldest)


def reconcile_error(model: Model) -> Condition | None:
    """The Model's ``ReconcileError`` condition when it reports an error, else None.

    The controller writes it with status False (reasons ModelSourceNotFound,
    ModelSourceNotReady) and retries after a minute; status True is read the same way.
    """
    for condition in model.conditions:
        if condition.type == RECONCILE_ERROR and condition.status in ("True", "False"):
            return condition
    return None


class Readiness(StrEnum):
    """Whether a ModelSource's credentials are usable."""

    READY = "ready"
    NOT_READY = "not_ready"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class CredentialsState:
    """A ModelSource's ``CredentialsReady`` condition, read: state, reason, message, time of change."""

    state: Readiness
    reason: str = ""
    message: str = ""
    time: dt.datetime | None = None


def credentials_state(source: ModelSource) -> CredentialsState:
    """READY when ``CredentialsReady`` is True (SecretValid, NoSecretRequired), NOT_READY when False
    (SecretInvalid: the Secret is missing or has no data key), UNKNOWN when the condition is
    Unknown or not written yet.
    """
    condition = next((c for c in source.conditions if c.type == CREDENTIALS_READY), None)
    if condition is None:
        return CredentialsState(Readiness.UNKNOWN, message="The controller has not checked the credentials yet.")
    state = Readiness.READY if condition.is_true else Readiness.NOT_READY if condition.is_false else Readiness.UNKNOWN
    return CredentialsState(state, condition.reason, condition.message, condition.last_transition_time)


def dataset_phase(dataset: Dataset) -> Phase:
    """A Dataset's phase: READY for source type PVC (the controller never syncs those),
    otherwise :func:`normalize_phase` of ``status.phase``; UNKNOWN when it could not be parsed.
    """
    if dataset.invalid:
        return Phase.UNKNOWN
    if dataset.source_type.upper() == "PVC":
        return Phase.READY
    return normalize_phase(dataset.phase)
