"""Demo content: the catalog of ``seed_catalog`` as manifests with the status the controllers would have written.

``seed_objects()`` returns plain manifest dicts in creation order (namespaces, Secrets,
ModelSources, Models, Datasets, PVCs, Events); owner references use stable placeholder uids
that :func:`seed` maps to the uids the store assigns. Statuses are built with the same rules as
the simulated controllers, so a first controller pass over a fresh seed changes nothing but what
the story says changes (the running rounds, a repeated warning).
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import uuid
from typing import Any

from modelfs_lib.demo import desired as d
from modelfs_lib.demo import seed_catalog as cat
from modelfs_lib.demo.dataset_controller import (
    failure_message,
    job_rejected_message,
    manual_message,
    not_shared_message,
    round_mismatch_message,
    sync_seconds,
    volume_wait_message,
)
from modelfs_lib.demo.events import NORMAL, WARNING, event_manifest, timestamp
from modelfs_lib.demo.model_controller import (
    not_found_message,
    not_ready_message,
    share_failed_message,
    update_failed_message,
)
from modelfs_lib.demo.reconciler import condition
from modelfs_lib.demo.seed_controller import seed_controller
from modelfs_lib.demo.source_controller import credentials
from modelfs_lib.demo.store import ApiError, ObjectStore
from modelfs_lib.resources import naming
from modelfs_lib.resources.base import parse_time

USER = "kubectl-client-side-apply"
NS = cat.MAIN_NAMESPACE
NEWER_SOURCE_TYPES = frozenset({"DATABASE", "HADOOP", "MANUAL"})


def seeded_pointer(model: str, version: str) -> str:
    """A stand-in for the pointer the controller printed into a seeded ``observedVersionHash``."""
    return hex(0xC000000000 + (int(placeholder_uid("Pointer", model, version)[:6], 16) << 4))


def placeholder_uid(kind: str, namespace: str, name: str) -> str:
    """A stable uid for a seeded object (the store assigns the real one)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"modelfs-demo/{kind}/{namespace}/{name}"))


def _meta(kind: str, name: str, namespace: str, created: dt.datetime, **extra: Any) -> dict[str, Any]:
    meta = {
        "name": name,
        "uid": placeholder_uid(kind, namespace, name),
        "creationTimestamp": timestamp(created),
        **extra,
    }
    if namespace:
        meta["namespace"] = namespace
    return meta


class _Builder:
    """Builds the seed manifests relative to ``now``."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now
        self.objects: list[dict[str, Any]] = []
        self.datasets: list[dict[str, Any]] = []
        self.pvcs: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []
        self.sources: dict[str, dict[str, Any]] = {}

    def ago(self, **delta: float) -> dt.datetime:
        return self.now - dt.timedelta(**delta)

    def event(
        self,
        obj: dict[str, Any],
        type_: str,
        reason: str,
        message: str,
        when: dt.datetime,
        *,
        count: int = 1,
        first: dt.datetime | None = None,
    ) -> None:
        component = (
            "dataset-controller" if obj["kind"] in ("Dataset", "PersistentVolumeClaim") else "modelfs-controller"
        )
        if obj["kind"] == "PersistentVolumeClaim":
            component = "persistentvolume-controller"
        self.events.append(
            event_manifest(
                obj,
                type_=type_,
                reason=reason,
                message=message,
                component=component,
                now=when,
                count=count,
                first=first,
            )
        )

    # ---- cluster basics ---------------------------------------------------
    def namespaces(self) -> None:
        for name, labels in cat.NAMESPACES.items():
            self.objects.append(
                {
                    "apiVersion": "v1",
                    "kind": "Namespace",
                    "status": {"phase": "Active"},
                    "metadata": _meta(
                        "Namespace", name, "", self.ago(days=60), labels={**labels, "kubernetes.io/metadata.name": name}
                    ),
                }
            )

    def secrets(self) -> None:
        for name, values in cat.SECRETS.items():
            data = {k: base64.b64encode(v.encode()).decode() for k, v in values.items()}
            self.objects.append(
                {
                    "apiVersion": "v1",
                    "kind": "Secret",
                    "type": "Opaque",
                    "data": data,
                    "metadata": _meta("Secret", name, NS, self.ago(days=30)),
                }
            )

    def model_sources(self) -> None:
        secrets = {o["metadata"]["name"]: o for o in self.objects if o["kind"] == "Secret"}
        for name, spec in cat.SOURCES.items():
            created = self.ago(days=cat.SOURCE_AGE_DAYS.get(name, 30.0))
            source = {
                "apiVersion": d.MODEL_API,
                "kind": "ModelSource",
                "spec": copy.deepcopy(spec),
                "metadata": _meta("ModelSource", name, NS, created, finalizers=[d.SOURCE_FINALIZER]),
            }
            status, reason, message = credentials(source, secrets.get(spec.get("secretRef", "")))
            when = created + dt.timedelta(seconds=5) if status == "True" else self.ago(days=3)
            refs = sorted(f"{NS}/{m.name}" for m in cat.MODELS if m.source == name)
            if name in cat.STALE_REFERENCED_BY:
                refs = sorted(f"{NS}/{m}" for m in cat.STALE_REFERENCED_BY[name])
            source["status"] = {
                "referencedBy": refs,
                "conditions": [condition("CredentialsReady", status, reason, message, when, generation=1)],
            }
            if status != "True":
                self.event(source, WARNING, reason, message, when)
            self.sources[name] = source
            self.objects.append(source)

    # ---- models -----------------------------------------------------------
    def models(self) -> None:
        for model in cat.MODELS:
            self.objects.append(self.model(model))

    def model(self, plan: cat.Model) -> dict[str, Any]:
        created = self.ago(days=plan.age_days)
        spec: dict[str, Any] = {"sourceRef": plan.source, "versions": [copy.deepcopy(v.spec) for v in plan.versions]}
        if plan.description or plan.tags:
            spec["display"] = {"description": plan.description, "tags": list(plan.tags)}
        meta = _meta("Model", plan.name, NS, created, finalizers=[d.MODEL_FINALIZER], labels={"team": "ml"})
        if plan.edited:
            meta["generation"] = 2
        model = {"apiVersion": d.MODEL_API, "kind": "Model", "metadata": meta, "spec": spec}
        reconciled = plan.versions[:-1] if plan.edited else plan.versions
        synced = []
        if plan.error != "ModelSourceNotFound":
            for v in (*reconciled, *plan.removed):
                ds = self.dataset(model, v, created, stale_error=bool(plan.stale_error))
                if v in reconciled:
                    observed = v.observed or v.spec
                    pointer = seeded_pointer(plan.name, v.spec["name"])
                    synced.append(d.synced_version(observed, ds, pointer=pointer))
                if plan.stalled and v.observed is not None and ds is not None:
                    self.stalled(model, v, ds)
        status: dict[str, Any] = {}
        if plan.error != "ModelSourceNotFound":
            status.update(syncedVersions=synced, observedGeneration=1)
        if plan.error:
            self.model_error(model, plan, status)
        if plan.stale_error:
            self.stale_error(model, plan, status)
        model["status"] = status
        return model

    def model_error(self, model: dict[str, Any], plan: cat.Model, status: dict[str, Any]) -> None:
        if plan.error == "ModelSourceNotFound":
            message = not_found_message(plan.source, NS)
        else:
            why = self.sources[plan.source]["status"]["conditions"][0]["message"]
            message = not_ready_message(plan.source, why)
        since = self.ago(days=min(plan.age_days, 3))
        status["conditions"] = [condition("ReconcileError", "False", plan.error, message, since)]
        self.event(model, WARNING, plan.error, message, self.ago(minutes=1), count=42, first=since)

    def stale_error(self, model: dict[str, Any], plan: cat.Model, status: dict[str, Any]) -> None:
        """A ReconcileError from before the source existed: the controller never clears it."""
        created = self.ago(days=plan.age_days)
        fixed = parse_time(self.sources[plan.source]["metadata"]["creationTimestamp"]) or created
        message = not_found_message(plan.source, NS)
        status["conditions"] = [condition("ReconcileError", "False", plan.stale_error, message, created)]
        retries = max(1, int((fixed - created).total_seconds() // 60))  # one a minute until the source appeared
        self.event(model, WARNING, plan.stale_error, message, fixed, count=retries, first=created)

    def stalled(self, model: dict[str, Any], v: cat.Version, ds: dict[str, Any]) -> None:
        """The Warning of a reconcile that stops at ``v``: its Dataset's Update is refused (immutable uri)."""
        source = self.sources[model["spec"]["sourceRef"]]
        ref = source["spec"].get("secretRef", "")
        secret = {"stringData": cat.SECRETS.get(ref) or {}} if ref else None
        error = update_rejection(ds, d.dataset_spec(source, secret, v.spec))
        message = update_failed_message(ds["metadata"]["name"], error)
        self.event(
            model, WARNING, "DatasetUpdateFailed", message, self.ago(minutes=1), count=95, first=self.ago(hours=2)
        )

    def dataset(
        self, model: dict[str, Any], v: cat.Version, model_created: dt.datetime, *, stale_error: bool = False
    ) -> dict[str, Any] | None:
        if v.plan in ("absent", "none"):
            return None
        source = self.sources.get(model["spec"]["sourceRef"])
        assert source is not None
        ref = source["spec"].get("secretRef", "")
        secret = {"stringData": cat.SECRETS.get(ref) or cat.FORMER_SECRETS.get(ref) or {}} if ref else None
        name = naming.dataset_name(model["metadata"]["name"], v.spec["name"])
        created = self.ago(seconds=20) if v.plan == "processing" else model_created + dt.timedelta(seconds=5)
        if stale_error:  # the retry a minute after the ModelSource appeared
            created = (parse_time(source["metadata"]["creationTimestamp"]) or created) + dt.timedelta(minutes=1)
        ds: dict[str, Any] = {
            "apiVersion": d.DATASET_API,
            "kind": "Dataset",
            "metadata": _meta("Dataset", name, NS, created, ownerReferences=[d.owner_reference(model)]),
            "spec": {**d.dataset_spec(source, secret, v.observed or v.spec), "dataSyncRound": 1},
        }
        ds["status"] = self.dataset_status(ds, v, created)
        self.datasets.append(ds)
        self.event(model, NORMAL, "DatasetCreated", f"Created Dataset {name} for version {v.spec['name']}", created)
        self.pvc(ds, created, bound=v.plan != "waiting")
        return ds

    def dataset_status(self, ds: dict[str, Any], v: cat.Version, created: dt.datetime) -> dict[str, Any]:
        """The status the Dataset controller would show for ``v.plan``; sets ``spec.dataSyncRound`` to match."""
        name = ds["metadata"]["name"]
        status: dict[str, Any] = {"pvcName": naming.pvc_name(name)}
        if v.plan == "waiting":
            why = volume_wait_message(naming.pvc_name(name), v.spec["storage"]["storageClassName"])
            status.update(phase="PENDING", conditions=[condition("Ready", "False", "WaitingForVolume", why, created)])
            return status
        if v.plan == "jobname":
            message = job_rejected_message(name, 1)
            when = created + dt.timedelta(seconds=3)
            self.event(ds, WARNING, "JobCreateFailed", message, when)
            status.update(phase="FAILED", conditions=[condition("Ready", "False", "JobCreateFailed", message, when)])
            return status
        done = {"ready": v.rounds, "failed": 1, "rerun": v.rounds, "reset": v.rounds}.get(v.plan, 0)
        rounds, ends = [], []
        span = (self.now - created) / (done + 1)
        for n in range(1, done + 1):
            start = created + dt.timedelta(seconds=10) + span * (n - 1)
            ends.append(start + dt.timedelta(minutes=8, seconds=sync_seconds(NS, name, n)))
            rounds.append(
                {
                    "round": n,
                    "jobName": naming.sync_job_name(name, n),
                    "startTime": timestamp(start),
                    "endTime": timestamp(ends[-1]),
                    "succeed": v.plan != "failed",
                }
            )
            self.event(
                ds, NORMAL, "SyncRoundStarted", f"Started sync round {n}: job {naming.sync_job_name(name, n)}", start
            )
        status.update(inProcessing=False, syncRoundStatuses=rounds[-5:])
        if v.plan == "failed":
            message = failure_message(ds, 1)
            self.event(ds, WARNING, "SyncFailed", message, ends[-1])
            status.update(phase="FAILED", conditions=[condition("Ready", "False", "SyncFailed", message, ends[-1])])
            return status
        if done:
            self.event(
                ds,
                NORMAL,
                "SyncSucceeded",
                f"Sync round {done} succeeded: job {naming.sync_job_name(name, done)}",
                ends[-1],
            )
            status.update(lastSucceedRound=done, lastSyncTime=timestamp(ends[-1]))
        if v.plan in ("processing", "rerun"):
            current, start = done + 1, self.ago(seconds=4)
            job = naming.sync_job_name(name, current)
            rounds.append({"round": current, "jobName": job, "startTime": timestamp(start)})
            self.event(ds, NORMAL, "SyncRoundStarted", f"Started sync round {current}: job {job}", start)
            ds["spec"]["dataSyncRound"] = current if v.plan == "processing" else 1  # a re-run's bump is reset at once
            status.update(
                phase="PROCESSING",
                inProcessing=True,
                inProcessingRound=current,
                syncRoundStatuses=rounds[-5:],
                conditions=[condition("Ready", "False", "Syncing", f"job {job} is syncing round {current}", start)],
            )
            return status
        if v.plan == "reset":  # the round synced, the counter was reset to 1: FAILED
            message = round_mismatch_message(1, done)
            status.update(phase="FAILED", conditions=[condition("Ready", "False", "RoundMismatch", message, ends[-1])])
            return status
        ds["spec"]["dataSyncRound"] = done
        status.update(
            phase="READY", conditions=[condition("Ready", "True", "SyncSucceeded", f"round {done} succeeded", ends[-1])]
        )
        return status

    def pvc(self, ds: dict[str, Any], created: dt.datetime, *, bound: bool) -> None:
        template = ds["spec"]["volumeClaimTemplate"]["spec"]
        name = naming.pvc_name(ds["metadata"]["name"])
        meta = _meta(
            "PersistentVolumeClaim",
            name,
            NS,
            created + dt.timedelta(seconds=2),
            ownerReferences=[d.owner_reference(ds)],
        )
        spec = {
            "accessModes": list(template["accessModes"]),
            "resources": copy.deepcopy(template["resources"]),
            "volumeMode": "Filesystem",
        }
        if template.get("storageClassName"):
            spec["storageClassName"] = template["storageClassName"]
        pvc = {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": meta, "spec": spec}
        if bound:
            spec["volumeName"] = f"pvc-{meta['uid']}"
            pvc["status"] = {
                "phase": "Bound",
                "accessModes": list(spec["accessModes"]),
                "capacity": {"storage": spec["resources"]["requests"]["storage"]},
            }
        else:
            pvc["status"] = {"phase": "Pending"}
            self.event(
                pvc,
                WARNING,
                "ProvisioningFailed",
                f'storageclass.storage.k8s.io "{spec.get("storageClassName", "")}" not found',
                self.ago(seconds=30),
                count=17,
                first=created,
            )
        self.pvcs.append(pvc)

    # ---- sharing ----------------------------------------------------------
    def references(self) -> None:
        for namespace, model_name, version in cat.REFERENCES:
            target_name = naming.dataset_name(model_name, version)
            target = next((ds for ds in self.datasets if ds["metadata"]["name"] == target_name), None)
            created = self.ago(days=10)
            ref = d.reference_dataset(NS, model_name, version, namespace, model_label=False)
            ref["metadata"].update(_meta("Dataset", ref["metadata"]["name"], namespace, created))
            ref["spec"]["dataSyncRound"] = 1
            if target is None:
                reason, message = "ReferenceNotFound", f"the referenced Dataset {NS}/{target_name} does not exist"
            else:  # modelfs never sets spec.share on the source Dataset
                reason, message = "NotShared", not_shared_message(NS, target_name)
            ref["status"] = {
                "phase": "FAILED",
                "conditions": [condition("Ready", "False", reason, message, created)],
            }
            self.datasets.append(ref)
        self.missing_references()

    def manual_dataset(self) -> None:
        """A standalone Dataset of a source type and field newer than the installed CRD (MANUAL, volumeClaimRef)."""
        created = self.ago(days=12)
        pvc: dict[str, Any] = {
            "apiVersion": "v1",
            "kind": "PersistentVolumeClaim",
            "metadata": _meta("PersistentVolumeClaim", cat.MANUAL_PVC, NS, created - dt.timedelta(minutes=10)),
            "spec": {
                "accessModes": ["ReadWriteMany"],
                "resources": {"requests": {"storage": "500Gi"}},
                "storageClassName": "cephfs",
                "volumeMode": "Filesystem",
            },
        }
        pvc["spec"]["volumeName"] = f"pvc-{pvc['metadata']['uid']}"
        pvc["status"] = {"phase": "Bound", "accessModes": ["ReadWriteMany"], "capacity": {"storage": "500Gi"}}
        self.pvcs.append(pvc)
        ds: dict[str, Any] = {
            "apiVersion": d.DATASET_API,
            "kind": "Dataset",
            "metadata": _meta("Dataset", cat.MANUAL_DATASET, NS, created, labels={"team": "ml"}),
            "spec": {
                "source": {"type": "MANUAL", "uri": f"manual://{cat.MANUAL_DATASET}"},
                "volumeClaimRef": {"name": cat.MANUAL_PVC},
                "dataSyncRound": 1,
            },
            "status": {
                "phase": "READY",
                "lastSucceedRound": 1,
                "lastSyncTime": timestamp(created + dt.timedelta(seconds=5)),
                "pvcName": cat.MANUAL_PVC,
                "conditions": [
                    condition("Ready", "True", "VolumeReady", manual_message(cat.MANUAL_PVC), created),
                ],
            },
        }
        self.datasets.append(ds)

    def missing_references(self) -> None:
        """A Warning for each expected REFERENCE Dataset the API server refused (the '/' label)."""
        existing = {(ns, model, version) for ns, model, version in cat.REFERENCES}
        namespaces = [o for o in self.objects if o["kind"] == "Namespace"]
        for model in (o for o in self.objects if o["kind"] == "Model"):
            for v in model["spec"]["versions"]:
                for target in d.share_targets(v.get("share"), namespaces, NS):
                    if (target, model["metadata"]["name"], v["name"]) not in existing:
                        error = label_rejection(target, model["metadata"]["name"], v["name"])
                        self.event(
                            model,
                            WARNING,
                            "ReferenceCreateFailed",
                            share_failed_message(v["name"], target, error),
                            self.ago(minutes=2),
                            count=12,
                            first=self.ago(days=5),
                        )

    def build(self) -> list[dict[str, Any]]:
        self.namespaces()
        self.secrets()
        self.model_sources()
        self.models()
        self.references()
        self.manual_dataset()
        return [*self.objects, *self.datasets, *self.pvcs, *self.events]


def label_rejection(namespace: str, model: str, version: str) -> str:
    """The API server's 422 message for a REFERENCE Dataset carrying the controller's '/' label."""
    scratch = ObjectStore()
    scratch.create(scratch.rtype("", "namespaces"), {"metadata": {"name": namespace}})
    manifest = d.reference_dataset(NS, model, version, namespace)
    try:
        scratch.create(scratch.rtype("dataset.baizeai.io", "datasets"), manifest, namespace=namespace)
    except ApiError as e:
        return e.message
    return ""


def update_rejection(dataset: dict[str, Any], spec: dict[str, Any]) -> str:
    """The API server's 422 message when the controller replaces ``dataset``'s spec with ``spec``."""
    scratch = ObjectStore()
    namespace = dataset["metadata"]["namespace"]
    scratch.create(scratch.rtype("", "namespaces"), {"metadata": {"name": namespace}})
    datasets = scratch.rtype("dataset.baizeai.io", "datasets")
    manifest = {k: copy.deepcopy(v) for k, v in dataset.items() if k != "status"}
    manifest["metadata"] = {"name": dataset["metadata"]["name"], "namespace": namespace}
    scratch.create(datasets, manifest, namespace=namespace)
    try:
        scratch.patch(
            datasets,
            namespace,
            dataset["metadata"]["name"],
            [{"op": "replace", "path": "/spec", "value": spec}],
            patch_type="json",
        )
    except ApiError as e:
        return e.message
    return ""


def seed_objects(*, now: dt.datetime | None = None) -> list[dict[str, Any]]:
    """Every demo object as a plain manifest (with status), in creation order, timed relative to ``now``."""
    now = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    return _Builder(now).build()


def _manager(obj: dict[str, Any]) -> str:
    if obj["kind"] == "Dataset":
        return "modelfs-controller" if obj["metadata"].get("ownerReferences") else USER
    if obj["kind"] == "PersistentVolumeClaim":
        return "dataset-controller"
    if obj["kind"] == "Event":
        return str(obj.get("reportingComponent") or "")
    return USER


def seed(store: ObjectStore, *, now: dt.datetime | None = None) -> list[dict[str, Any]]:
    """Create the demo objects in ``store`` (status kept); returns them as stored, with their real uids."""
    uids: dict[str, str] = {}
    created = []
    for obj in seed_objects(now=now):
        manifest = copy.deepcopy(obj)
        meta = manifest["metadata"]
        placeholder, generation = meta.pop("uid", ""), meta.pop("generation", 1)
        for ref in meta.get("ownerReferences") or []:
            ref["uid"] = uids[ref["uid"]]
        if "involvedObject" in manifest:
            manifest["involvedObject"]["uid"] = uids.get(manifest["involvedObject"]["uid"], "")
        rtype = store.rtype_of(manifest)
        final_versions = copy.deepcopy(manifest.get("spec", {}).get("versions"))
        if generation > 1 and final_versions:
            manifest["spec"]["versions"] = final_versions[: 1 - generation]
        newer = obj["kind"] == "Dataset" and obj["spec"]["source"]["type"] in NEWER_SOURCE_TYPES
        stored = store.create(
            rtype,
            manifest,
            namespace=meta.get("namespace", ""),
            manager=_manager(obj),
            keep_status=True,
            validate_schema=not newer,  # written through a newer Dataset CRD than the one served
        )
        if generation > 1 and final_versions:
            stored = store.patch(
                rtype,
                meta["namespace"],
                meta["name"],
                {"spec": {"versions": final_versions}},
                patch_type="merge",
                manager=USER,
            )
        uids[placeholder] = stored["metadata"]["uid"]
        created.append(stored)
    created.append(seed_controller(store, now=now))
    return created
