"""Findings about each version's Dataset: failed syncs, counter resets, default storage, long names, hashes."""

from __future__ import annotations

from modelfs_lib.domain.diagnosis.findings import Finding, FindingKind, Severity, evidence
from modelfs_lib.domain.diagnosis.inputs import ModelEvidence
from modelfs_lib.domain.diagnosis.text import safe_uri
from modelfs_lib.domain.kubectl import job_logs_command
from modelfs_lib.domain.status import Phase, dataset_phase, normalize_phase, synced_round_despite_failed, top_condition
from modelfs_lib.resources.dataset import Dataset
from modelfs_lib.resources.model_version import ModelVersion
from modelfs_lib.resources.naming import DEFAULT_STORAGE, NAME_LIMIT, sync_job_name

JOB_ROUND_DIGITS = 3
"""Names are checked for rounds up to 999."""
AUTH_WORDS = ("401", "403", "unauthorized", "forbidden", "authentication", "access denied", "credential", "token")


def failure_message(ev: ModelEvidence, version: ModelVersion, dataset: Dataset | None) -> str:
    """The reason a version failed, in the controller's words: the Dataset's newest problem, else the Model's copy."""
    conditions = dataset.conditions if dataset is not None else ()
    if not conditions:
        synced = ev.model.synced_version(version.name)
        conditions = synced.conditions if synced is not None else ()
    condition = top_condition(conditions)
    if condition is None or not (condition.message or condition.reason):
        return "The Dataset gave no reason."
    return condition.message or condition.reason


def looks_like_auth_failure(message: str) -> bool:
    """Whether a failure message reads like the download was refused for lack of credentials."""
    text = message.lower()
    return any(word in text for word in AUTH_WORDS)


def version_findings(ev: ModelEvidence, version: ModelVersion) -> list[Finding]:
    """Findings about one spec version (ABSENT versions only get name checks)."""
    name = ev.model.dataset_name(version.name)
    found = _name_findings(ev, version, name)
    if version.is_absent:
        return found
    dataset = ev.dataset(name)
    synced = ev.model.synced_version(version.name)
    found += _storage_findings(ev, version)
    reset_round = synced_round_despite_failed(dataset)
    if dataset is not None and reset_round is not None:
        found.append(_counter_reset(ev, version, dataset, reset_round))
    elif _failed(synced.phase if synced else None, dataset):
        found.append(_sync_failed(ev, version, dataset))
    return found


def unstable_hash_findings(ev: ModelEvidence) -> list[Finding]:
    """One note naming the versions whose ``observedVersionHash`` is not stable (``storageClassName`` is set)."""
    names = [
        v.name
        for v in ev.model.versions
        if not v.is_absent
        and v.storage is not None
        and v.storage.storage_class_name
        and ev.model.synced_version(v.name)
    ]
    if not names:
        return []
    return [
        Finding(
            FindingKind.UNSTABLE_HASH,
            Severity.INFO,
            f"observedVersionHash changes without a spec change ({', '.join(names)})",
            "With storageClassName set, the controller hashes a pointer, so the hash differs from one reconcile to "
            "the next. A new hash on these versions does not mean their spec changed.",
            evidence(*((f"status.syncedVersions[{n}].observedVersionHash", _hash(ev, n) or "(none)") for n in names)),
            "Compare specs, not hashes, to tell whether a version changed.",
        )
    ]


def _hash(ev: ModelEvidence, name: str) -> str:
    synced = ev.model.synced_version(name)
    return synced.observed_version_hash if synced is not None else ""


def _failed(phase: str | None, dataset: Dataset | None) -> bool:
    if dataset is not None:
        return dataset_phase(dataset) is Phase.FAILED
    return normalize_phase(phase) is Phase.FAILED


def _counter_reset(ev: ModelEvidence, version: ModelVersion, dataset: Dataset, round_: int) -> Finding:
    return Finding(
        FindingKind.COUNTER_RESET,
        Severity.WARNING,
        f"Version {version.name} synced in round {round_}, but reads FAILED",
        f"Round {round_} succeeded and its files are in the PVC. The modelfs controller then rewrote the Dataset "
        "spec without dataSyncRound, the API server set it back to 1, and the Dataset controller calls any "
        "Dataset whose last good round differs from the spec's round FAILED. The data is usable; the console "
        "counts this version as synced.",
        evidence(
            (f"Dataset {dataset.name} spec.dataSyncRound", dataset.data_sync_round),
            (f"Dataset {dataset.name} status.lastSucceedRound", round_),
            (f"Dataset {dataset.name} status.phase", dataset.phase or "(none)"),
            (
                f"Dataset {dataset.name} status.lastSyncTime",
                dataset.last_sync_time.isoformat() if dataset.last_sync_time else "(none)",
            ),
        ),
        "Nothing is needed to use the weights. To clear the FAILED phase, recreate the Dataset (a full "
        "re-download into a new PVC); bumping the round again is reverted by the controller the same way.",
        version=version.name,
        subject=dataset.name,
    )


def _sync_failed(ev: ModelEvidence, version: ModelVersion, dataset: Dataset | None) -> Finding:
    message = failure_message(ev, version, dataset)
    name = ev.model.dataset_name(version.name)
    facts: list[tuple[str, object]] = [("phase", "FAILED"), ("reason", message)]
    if dataset is not None:
        facts += [
            (f"Dataset {name} spec.source.uri", safe_uri(dataset.source_uri)),
            (f"Dataset {name} status.lastSucceedRound", dataset.last_succeed_round or "(none)"),
        ]
    any_job = job_logs_command(ev.model.namespace, "<the round's job>")
    action = f"Read the round's Job log ({any_job}) and fix the cause."
    if dataset is not None and dataset.sync_round_statuses:
        newest = max(dataset.sync_round_statuses, key=lambda r: r.round)
        job = newest.job_name or dataset.job_name(newest.round)
        action = f"Read the Job's log: {job_logs_command(ev.model.namespace, job)}. Then fix the cause"
        action += " and recreate the Dataset, the retry the controllers honour."
    return Finding(
        FindingKind.SYNC_FAILED,
        Severity.ERROR,
        f"Version {version.name} failed to sync",
        message,
        evidence(*facts),
        action,
        version=version.name,
        subject=name,
    )


def _storage_findings(ev: ModelEvidence, version: ModelVersion) -> list[Finding]:
    requested = version.storage.requests.get("storage", "") if version.storage else ""
    if requested:
        return []
    return [
        Finding(
            FindingKind.DEFAULT_STORAGE,
            Severity.WARNING,
            f"Version {version.name} asks for {DEFAULT_STORAGE} of storage",
            f"The version sets no storage request, so the controller silently asks for a {DEFAULT_STORAGE} "
            "ReadWriteMany PVC. Most storage classes refuse or over-provision that.",
            evidence(("spec.versions[].storage.resources.requests.storage", "(not set)")),
            "Set a storage size a little above the weights' size. A new size applies to a new Dataset only: "
            "add the change as a new version.",
            version=version.name,
        )
    ]


def _name_findings(ev: ModelEvidence, version: ModelVersion, dataset: str) -> list[Finding]:
    job = sync_job_name(dataset, 10**JOB_ROUND_DIGITS - 1)
    too_long = [
        (what, name) for what, name in (("Dataset and PVC", dataset), ("sync Job", job)) if len(name) > NAME_LIMIT
    ]
    if not too_long:
        return []
    live = ev.dataset(dataset)
    failing = live is not None and dataset_phase(live) is Phase.FAILED
    return [
        Finding(
            FindingKind.NAME_TOO_LONG,
            Severity.ERROR if len(dataset) > NAME_LIMIT or failing else Severity.WARNING,
            f"Version {version.name}: names longer than {NAME_LIMIT} characters",
            "The version's name becomes part of the Dataset, PVC and Job names; Kubernetes refuses a label or "
            f"Job name over {NAME_LIMIT} characters, so its syncs fail.",
            evidence(*((f"{what} name ({len(name)} characters)", name) for what, name in too_long)),
            "Add the version again under a shorter name, then delete this one (ABSENT first).",
            version=version.name,
        )
    ]
