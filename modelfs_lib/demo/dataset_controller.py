"""The simulated BaizeAI Dataset controller: sync rounds, the PVC, phases, REFERENCE and PVC datasets.

A round N starts when ``spec.dataSyncRound`` (N) exceeds ``status.lastSucceedRound`` and round N
has not run yet. A first round waits PENDING for ``PENDING_SECONDS``; a re-run (a round after a
succeeded one) starts its Job at once, so it is under way before the Model controller resets
``spec.dataSyncRound`` (see ``model_controller``). A round is PROCESSING (job
``dataset-<ds>-round-<N>``) for 10-20 s (derived from the name and round, so runs are
repeatable). It then ends READY when ``lastSucceedRound == dataSyncRound`` and FAILED otherwise
(the real phase rule: after a reset to 1, a re-run that synced reads FAILED). The PVC
``dataset-<ds>`` is created from ``spec.volumeClaimTemplate``; it binds at once unless its storage
class does not exist in the demo cluster, which keeps the Dataset PENDING. All durations are
divided by ``speed``. Failures modelled, each FAILED with the reason in the Ready condition:

- a uri containing "broken" or "missing": the repository does not exist (after ``FAIL_SECONDS``);
- a uri containing "private" while ``spec.secretRef`` is unset: 401, because the loader reads
  credentials only from a Secret mounted through ``spec.secretRef``, which modelfs never sets
  (it copies the Secret's values into ``spec.source.options`` instead);
- a Job name longer than 63 characters: the API server rejects the Job (its name is a label value);
- a REFERENCE whose source Dataset lacks ``spec.share: true``, or whose
  ``spec.shareToNamespaceSelector`` does not match the reference's namespace: "not shared".

Newer source types (DATABASE, HADOOP, MANUAL) are read without failing; a MANUAL Dataset uses the
PVC named by ``spec.volumeClaimRef`` and needs no sync.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Mapping
from typing import Any

from modelfs_lib.demo import desired as d
from modelfs_lib.demo.events import NORMAL, WARNING, timestamp
from modelfs_lib.demo.reconciler import Reconciler, condition, find_condition
from modelfs_lib.demo.store import ObjectStore
from modelfs_lib.resources import naming
from modelfs_lib.resources.base import parse_time
from modelfs_lib.resources.label_selector import LabelSelector

PENDING_SECONDS = 2.0
FAIL_SECONDS = 6.0
AVAILABLE_STORAGE_CLASSES = frozenset({"", "standard", "local-path", "nfs-client", "cephfs"})
KEEP_ROUNDS = 5
READY = "Ready"
PRIVATE_REPO_MARKER = "private"


def sync_seconds(namespace: str, name: str, round_: int) -> float:
    """How long round N of a Dataset takes at speed 1: 10 to 20 s, fixed per Dataset and round."""
    return 10.0 + zlib.crc32(f"{namespace}/{name}/{round_}".encode()) % 11


def fails(dataset: Mapping[str, Any]) -> bool:
    """Whether this Dataset's sync always fails (its uri names a "broken" or "missing" repository)."""
    uri = str((dataset.get("spec") or {}).get("source", {}).get("uri", "")).lower()
    return "broken" in uri or "missing" in uri


def needs_credentials(dataset: Mapping[str, Any]) -> bool:
    """Whether the repository is private (its uri says "private") and the loader gets no credentials.

    The loader reads credentials only from ``spec.secretRef``; modelfs never sets it.
    """
    spec = dataset.get("spec") or {}
    uri = str(spec.get("source", {}).get("uri", "")).lower()
    return PRIVATE_REPO_MARKER in uri and not spec.get("secretRef")


def failure_message(dataset: Mapping[str, Any], round_: int) -> str:
    """The condition message of a failed round."""
    uri = (dataset.get("spec") or {}).get("source", {}).get("uri", "")
    job = naming.sync_job_name(dataset["metadata"]["name"], round_)
    if needs_credentials(dataset) and not fails(dataset):
        return (
            f"job {job} failed: fetching {uri}: 401 Unauthorized: the repository requires credentials; "
            "the loader reads credentials only from a Secret mounted through spec.secretRef, which is "
            f"not set (spec.source.options are not used as credentials); see kubectl logs job/{job}"
        )
    return f"job {job} failed: fetching {uri}: repository not found (404); see kubectl logs job/{job}"


def job_name_too_long(dataset: str, round_: int) -> bool:
    """Whether the round's Job name exceeds the 63 characters of a label value."""
    return len(naming.sync_job_name(dataset, round_)) > naming.NAME_LIMIT


def job_rejected_message(dataset: str, round_: int) -> str:
    """The API server's refusal of a Job whose name is too long, as the Dataset controller reports it."""
    job = naming.sync_job_name(dataset, round_)
    return (
        f'creating job {job} failed: Job.batch "{job}" is invalid: spec.template.labels: Invalid value: '
        f'"{job}": must be no more than {naming.NAME_LIMIT} characters (the Job name, {len(job)} characters, '
        "becomes the batch.kubernetes.io/job-name label)"
    )


def round_mismatch_message(wanted: int, last_ok: int) -> str:
    """Why a Dataset that is not processing reads FAILED: ``lastSucceedRound != dataSyncRound``."""
    return f"spec.dataSyncRound is {wanted} but the last succeeded round is {last_ok}"


def not_shared_message(namespace: str, name: str, target: str = "") -> str:
    """Why a REFERENCE Dataset is FAILED: its source Dataset is not shared (with ``target``)."""
    base = f"source dataset {namespace}/{name} is not shared"
    return f"{base} with namespace {target}" if target else base


def manual_message(pvc: str) -> str:
    """The Ready condition message of a MANUAL Dataset."""
    return f"a MANUAL dataset uses the existing PVC {pvc} and needs no sync"


def volume_wait_message(pvc: str, storage_class: str) -> str:
    """Why a Dataset waits: its PVC cannot bind because the storage class does not exist."""
    return f'waiting for PVC {pvc} to be bound: storageclass.storage.k8s.io "{storage_class}" not found'


def reference_message(namespace: str, name: str) -> str:
    """The Ready condition message of a REFERENCE Dataset whose target exists."""
    return f"references Dataset {namespace}/{name}"


class DatasetController(Reconciler):
    """Drives each Dataset through its sync rounds and keeps its PVC."""

    component = "dataset-controller"

    def __init__(self, store: ObjectStore, *, speed: float = 1.0) -> None:
        super().__init__(store, speed=speed)
        self.datasets = store.rtype("dataset.baizeai.io", "datasets")
        self.pvcs = store.rtype("", "persistentvolumeclaims")

    def reconcile_all(self, now: dt.datetime) -> None:
        """One pass over every Dataset."""
        self.each(self.store.list(self.datasets), self.reconcile, now)

    def reconcile(self, ds: dict[str, Any], now: dt.datetime) -> None:
        """Advance one Dataset."""
        if ds["metadata"].get("deletionTimestamp"):
            return
        source = (ds.get("spec") or {}).get("source") or {}
        if source.get("type") == "REFERENCE":
            self._reference(ds, now)
        elif source.get("type") == "PVC":
            self._ready_without_sync(ds, (source.get("options") or {}).get("pvcName") or "", now)
        elif source.get("type") == "MANUAL":
            claim = str(((ds.get("spec") or {}).get("volumeClaimRef") or {}).get("name") or "")
            self._ready_without_sync(ds, claim, now, manual_message(claim))
        else:
            self._sync(ds, now)

    # ---- rounds -----------------------------------------------------------
    def _sync(self, ds: dict[str, Any], now: dt.datetime) -> None:
        status = dict(ds.get("status") or {})
        name = ds["metadata"]["name"]
        wanted = int((ds.get("spec") or {}).get("dataSyncRound") or 1)
        last_ok = int(status.get("lastSucceedRound") or 0)
        rounds = [dict(r) for r in status.get("syncRoundStatuses") or []]
        bound, why = self._ensure_pvc(ds, now)
        status["pvcName"] = naming.pvc_name(name)
        if status.get("inProcessing"):
            self._progress(ds, status, rounds, now)
            return
        ran = any(r.get("round") == wanted and r.get("endTime") for r in rounds)
        if wanted > last_ok and not ran:
            pending = find_condition(status.get("conditions"), READY)
            rerun = last_ok > 0
            refused = pending is not None and pending.get("message") == job_rejected_message(name, wanted)
            if refused and status.get("phase") == "FAILED":  # the controller does not retry a refused Job
                self.write_status(self.datasets, ds, status)
            elif not bound:
                self._set(ds, status, "PENDING", "False", "WaitingForVolume", why, now)
            elif rerun or (
                status.get("phase") == "PENDING"
                and pending is not None
                and pending.get("reason") == "Pending"
                and now >= (parse_time(pending["lastTransitionTime"]) or now) + self.seconds(PENDING_SECONDS)
            ):
                self._start(ds, status, rounds, wanted, now)
            elif status.get("phase") != "PENDING" or pending is None or pending.get("reason") != "Pending":
                self._set(ds, status, "PENDING", "False", "Pending", f"round {wanted} is waiting to start", now)
            else:
                self.write_status(self.datasets, ds, status)
            return
        if last_ok == wanted and status.get("phase") != "READY":
            self._set(ds, status, "READY", "True", "SyncSucceeded", f"round {last_ok} succeeded", now)
        elif last_ok != wanted and status.get("phase") != "FAILED":
            self._set(ds, status, "FAILED", "False", "RoundMismatch", round_mismatch_message(wanted, last_ok), now)
        else:
            self.write_status(self.datasets, ds, status)

    def _start(
        self, ds: dict[str, Any], status: dict[str, Any], rounds: list[dict[str, Any]], wanted: int, now: dt.datetime
    ) -> None:
        """Create round ``wanted``'s Job (PROCESSING), or FAILED when the API server refuses its name."""
        name = ds["metadata"]["name"]
        job = naming.sync_job_name(name, wanted)
        if job_name_too_long(name, wanted):
            before = find_condition(status.get("conditions"), READY)
            message = job_rejected_message(name, wanted)
            self._set(ds, status, "FAILED", "False", "JobCreateFailed", message, now)
            if before is None or before.get("message") != message:
                self.event(ds, WARNING, "JobCreateFailed", message, now)
            return
        rounds.append({"round": wanted, "jobName": job, "startTime": timestamp(now)})
        status.update(inProcessing=True, inProcessingRound=wanted, syncRoundStatuses=rounds[-KEEP_ROUNDS:])
        self._set(ds, status, "PROCESSING", "False", "Syncing", f"job {job} is syncing round {wanted}", now)
        self.event(ds, NORMAL, "SyncRoundStarted", f"Started sync round {wanted}: job {job}", now)

    def _progress(
        self, ds: dict[str, Any], status: dict[str, Any], rounds: list[dict[str, Any]], now: dt.datetime
    ) -> None:
        name, namespace = ds["metadata"]["name"], ds["metadata"]["namespace"]
        current = int(status.get("inProcessingRound") or 0)
        entry = next((r for r in reversed(rounds) if r.get("round") == current), None)
        started = parse_time((entry or {}).get("startTime")) or now
        failing = fails(ds) or needs_credentials(ds)
        if now < started + self.seconds(FAIL_SECONDS if failing else sync_seconds(namespace, name, current)):
            self.write_status(self.datasets, ds, status)
            return
        if entry is None:
            entry = {"round": current, "jobName": naming.sync_job_name(name, current), "startTime": timestamp(started)}
            rounds.append(entry)
        entry.update(endTime=timestamp(now), succeed=not failing)
        status.update(inProcessing=False, syncRoundStatuses=rounds[-KEEP_ROUNDS:])
        status.pop("inProcessingRound", None)
        if failing:
            message = failure_message(ds, current)
            self._set(ds, status, "FAILED", "False", "SyncFailed", message, now)
            self.event(ds, WARNING, "SyncFailed", message, now)
            return
        status.update(lastSucceedRound=current, lastSyncTime=timestamp(now))
        wanted = int((ds.get("spec") or {}).get("dataSyncRound") or 1)
        if wanted == current:
            self._set(ds, status, "READY", "True", "SyncSucceeded", f"round {current} succeeded", now)
        elif wanted > current:
            self._set(ds, status, "PENDING", "False", "Pending", f"round {current} succeeded", now)
        else:  # spec.dataSyncRound was reset below the round that just synced
            self._set(ds, status, "FAILED", "False", "RoundMismatch", round_mismatch_message(wanted, current), now)
        self.event(
            ds,
            NORMAL,
            "SyncSucceeded",
            f"Sync round {current} succeeded: job {naming.sync_job_name(name, current)}",
            now,
        )

    def _set(
        self,
        ds: dict[str, Any],
        status: dict[str, Any],
        phase: str,
        cond_status: str,
        reason: str,
        message: str,
        now: dt.datetime,
    ) -> None:
        status["phase"] = phase
        status["conditions"] = [condition(READY, cond_status, reason, message, now, status.get("conditions"))]
        if phase == "PENDING" and reason == "Pending":
            old = find_condition((ds.get("status") or {}).get("conditions"), READY)
            if old is None or old.get("reason") != "Pending":
                status["conditions"][0]["lastTransitionTime"] = timestamp(now)
        self.write_status(self.datasets, ds, status)

    # ---- other types ------------------------------------------------------
    def _reference(self, ds: dict[str, Any], now: dt.datetime) -> None:
        uri = (ds.get("spec") or {}).get("source", {}).get("uri", "")
        target_ns, _, target_name = uri.removeprefix("dataset://").partition("/")
        target = self.store.find(self.datasets, target_ns, target_name) if target_ns and target_name else None
        status = dict(ds.get("status") or {})
        wanted = int((ds.get("spec") or {}).get("dataSyncRound") or 1)
        if target is None:
            status.pop("lastSucceedRound", None)
            self._set(
                ds,
                status,
                "FAILED",
                "False",
                "ReferenceNotFound",
                f"the referenced Dataset {target_ns}/{target_name} does not exist",
                now,
            )
            return
        refused = self._share_refused(target, ds["metadata"]["namespace"])
        if refused:
            status.pop("lastSucceedRound", None)
            self._set(ds, status, "FAILED", "False", "NotShared", refused, now)
            return
        status["lastSucceedRound"] = wanted
        if (target.get("status") or {}).get("lastSyncTime"):
            status["lastSyncTime"] = target["status"]["lastSyncTime"]
        self._set(ds, status, "READY", "True", "ReferenceResolved", reference_message(target_ns, target_name), now)

    def _share_refused(self, target: Mapping[str, Any], namespace: str) -> str:
        """Why ``target`` may not be referenced from ``namespace`` ("" when it may)."""
        spec, meta = target.get("spec") or {}, target["metadata"]
        if spec.get("share") is not True:
            return not_shared_message(meta["namespace"], meta["name"])
        selector = spec.get("shareToNamespaceSelector")
        if selector:
            ns = self.store.find(self.store.rtype("", "namespaces"), "", namespace)
            labels = ((ns or {}).get("metadata") or {}).get("labels") or {}
            if not LabelSelector.from_dict(selector).matches(labels):
                return not_shared_message(meta["namespace"], meta["name"], namespace)
        return ""

    def _ready_without_sync(
        self, ds: dict[str, Any], pvc: str, now: dt.datetime, message: str = "a PVC dataset needs no sync"
    ) -> None:
        status = dict(ds.get("status") or {})
        status["lastSucceedRound"] = int((ds.get("spec") or {}).get("dataSyncRound") or 1)
        if pvc:
            status["pvcName"] = pvc
        self._set(ds, status, "READY", "True", "VolumeReady", message, now)

    # ---- the PVC ----------------------------------------------------------
    def _ensure_pvc(self, ds: dict[str, Any], now: dt.datetime) -> tuple[bool, str]:
        """Create the Dataset's PVC when missing and bind it; ``(bound, why not)``."""
        namespace, name = ds["metadata"]["namespace"], naming.pvc_name(ds["metadata"]["name"])
        template = ((ds.get("spec") or {}).get("volumeClaimTemplate") or {}).get("spec") or {}
        storage_class = template.get("storageClassName") or ""
        pvc = self.store.find(self.pvcs, namespace, name)
        if pvc is None:
            spec = {
                "accessModes": list(template.get("accessModes") or naming.DEFAULT_ACCESS_MODES),
                "resources": template.get("resources") or {"requests": {"storage": naming.DEFAULT_STORAGE}},
                "volumeMode": "Filesystem",
            }
            if storage_class:
                spec["storageClassName"] = storage_class
            pvc = self.store.create(
                self.pvcs,
                {
                    "apiVersion": "v1",
                    "kind": "PersistentVolumeClaim",
                    "spec": spec,
                    "metadata": {"name": name, "namespace": namespace, "ownerReferences": [d.owner_reference(ds)]},
                },
                namespace=namespace,
                manager=self.component,
            )
        if storage_class not in AVAILABLE_STORAGE_CLASSES:
            why = volume_wait_message(name, storage_class)
            if self.write_status(self.pvcs, pvc, {"phase": "Pending"}) is not None:
                self.event(
                    pvc, WARNING, "ProvisioningFailed", f'storageclass.storage.k8s.io "{storage_class}" not found', now
                )
            return False, why
        if not pvc["spec"].get("volumeName"):
            pvc = self.store.patch(
                self.pvcs,
                namespace,
                name,
                {"spec": {"volumeName": f"pvc-{pvc['metadata']['uid']}"}},
                patch_type="merge",
                manager="persistentvolume-binder",
            )
        request = (pvc["spec"].get("resources") or {}).get("requests", {}).get("storage", naming.DEFAULT_STORAGE)
        self.write_status(
            self.pvcs,
            pvc,
            {
                "phase": "Bound",
                "accessModes": list(pvc["spec"].get("accessModes") or []),
                "capacity": {"storage": request},
            },
        )
        return True, ""
