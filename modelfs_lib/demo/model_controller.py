"""The simulated Model controller (modelfs): one Dataset per version, sharing, status, finalizer.

Faithful to FACTS.md, quirks included:

- a Dataset spec that differs from the desired one is rewritten whole WITHOUT ``dataSyncRound``
  (a JSON patch replacing ``/spec``), so the API server defaults the counter back to 1; a change
  of ``source.uri`` or ``source.type`` is rejected (422, immutable) and reported as a Warning Event;
- versions removed from ``spec.versions`` are not cleaned up; ABSENT versions lose their Dataset;
- ``requireOptInLabel`` is read with the controller's '=' quirk (see ``desired.opt_in_label``);
- REFERENCE Datasets are created with the label ``modelfs.samzong.dev/model: <ns>/<model>``, which
  the store rejects (422) like a real API server: the creation fails and a Warning Event says so.
  With ``strip_invalid_reference_label=True`` they are created without that label instead (a
  friendlier demo), and cleanup then finds them by name, uri and version label;
- errors (missing or not-ready ModelSource) set ``ReconcileError`` and leave ``observedGeneration``
  alone; the Model is retried after one minute, or at once when something it depends on changes.
"""

from __future__ import annotations

import copy
import datetime as dt
import logging
from typing import Any

from modelfs_lib.demo import desired as d
from modelfs_lib.demo.events import NORMAL, WARNING
from modelfs_lib.demo.reconciler import Reconciler, condition, find_condition, replace_condition
from modelfs_lib.demo.schemas import apply_defaults
from modelfs_lib.demo.store import ApiError, ObjectStore

log = logging.getLogger("modelfs_lib.demo.controllers")
RECONCILE_ERROR = "ReconcileError"
RETRY_AFTER = 60.0


def not_found_message(source: str, namespace: str) -> str:
    """ReconcileError message for a missing ModelSource."""
    return f'ModelSource "{source}" not found in namespace "{namespace}"'


def not_ready_message(source: str, why: str) -> str:
    """ReconcileError message for a ModelSource whose credentials are not ready."""
    return f'ModelSource "{source}" is not ready: {why}'


def share_failed_message(version: str, target: str, error: str) -> str:
    """Warning Event message when a REFERENCE Dataset cannot be created."""
    return f"Sharing version {version} into namespace {target} failed: {error}"


class ModelController(Reconciler):
    """Reconciles Models into Datasets and REFERENCE Datasets, and mirrors them in Model status."""

    component = "modelfs-controller"

    def __init__(self, store: ObjectStore, *, speed: float = 1.0, strip_invalid_reference_label: bool = False) -> None:
        super().__init__(store, speed=speed)
        self.strip_invalid_reference_label = strip_invalid_reference_label
        self.models = store.rtype("model.samzong.dev", "models")
        self.datasets = store.rtype("dataset.baizeai.io", "datasets")
        self._seen: dict[tuple[str, str], tuple[Any, dt.datetime | None]] = {}

    # ---- scheduling -------------------------------------------------------
    def reconcile_all(self, now: dt.datetime) -> None:
        """Reconcile each Model whose inputs changed, or whose retry is due."""
        self._namespaces = self.store.list(self.store.rtype("", "namespaces"))
        self._all_datasets = self.store.list(self.datasets)
        live = set()
        for model in self.store.list(self.models):
            key = (model["metadata"]["namespace"], model["metadata"]["name"])
            live.add(key)
            fingerprint = self._fingerprint(model)
            seen = self._seen.get(key)
            if seen and seen[0] == fingerprint and (seen[1] is None or now < seen[1]):
                continue
            try:
                ok = self.reconcile(model, now)
            except ApiError as e:
                log.warning("modelfs-controller: reconciling Model %s/%s failed: %s %s", *key, e.status, e.message)
                ok = False
            except Exception:  # a malformed Model must not stop the pass over the others
                log.exception("modelfs-controller: reconciling Model %s/%s failed", *key)
                ok = False
            self._seen[key] = (fingerprint, None if ok else now + self.seconds(RETRY_AFTER))
        self._seen = {key: value for key, value in self._seen.items() if key in live}

    def _fingerprint(self, model: dict[str, Any]) -> Any:
        meta, spec = model["metadata"], model.get("spec") or {}
        namespace, name = meta["namespace"], meta["name"]
        source = self.store.find(
            self.store.rtype("model.samzong.dev", "modelsources"), namespace, spec.get("sourceRef", "")
        )
        secret_ref = ((source or {}).get("spec") or {}).get("secretRef")
        secret = self.store.find(self.store.rtype("", "secrets"), namespace, secret_ref) if secret_ref else None
        prefix = f"share-{namespace}-{name}-"
        related = tuple(
            (ds["metadata"]["namespace"], ds["metadata"]["name"], ds["metadata"]["resourceVersion"])
            for ds in self._all_datasets
            if d.is_owned_by(ds, meta["uid"]) or ds["metadata"]["name"].startswith(prefix)
        )
        labels = tuple(
            (ns["metadata"]["name"], tuple(sorted((ns["metadata"].get("labels") or {}).items())))
            for ns in self._namespaces
        )
        return (
            meta["uid"],
            meta.get("generation"),
            meta.get("deletionTimestamp"),
            tuple(meta.get("finalizers") or []),
            (source or {}).get("metadata", {}).get("resourceVersion"),
            (secret or {}).get("metadata", {}).get("resourceVersion"),
            related,
            labels,
        )

    # ---- one Model --------------------------------------------------------
    def reconcile(self, model: dict[str, Any], now: dt.datetime) -> bool:
        """One reconcile; False when it ended in a ReconcileError (retried after a minute)."""
        meta = model["metadata"]
        if meta.get("deletionTimestamp"):
            self.finalize(model, now)
            return True
        finalizers = list(meta.get("finalizers") or [])
        if d.MODEL_FINALIZER not in finalizers:
            model = self.set_finalizers(self.models, model, [*finalizers, d.MODEL_FINALIZER])
        namespace, spec = meta["namespace"], model.get("spec") or {}
        source_ref = spec.get("sourceRef", "")
        source = self.store.find(self.store.rtype("model.samzong.dev", "modelsources"), namespace, source_ref)
        if source is None:
            return self._fail(model, "ModelSourceNotFound", not_found_message(source_ref, namespace), now)
        ready = find_condition((source.get("status") or {}).get("conditions"), "CredentialsReady")
        if ready is None or ready.get("status") != "True":
            why = ready.get("message") if ready else "its credentials have not been checked yet"
            return self._fail(model, "ModelSourceNotReady", not_ready_message(source_ref, str(why)), now)
        secret_ref = (source.get("spec") or {}).get("secretRef")
        secret = self.store.find(self.store.rtype("", "secrets"), namespace, secret_ref) if secret_ref else None
        for version in spec.get("versions") or []:
            self._version(model, version, source, secret, now)
        self._write_model_status(model, now)
        return True

    def _version(
        self,
        model: dict[str, Any],
        version: dict[str, Any],
        source: dict[str, Any],
        secret: dict[str, Any] | None,
        now: dt.datetime,
    ) -> None:
        namespace, name = model["metadata"]["namespace"], model["metadata"]["name"]
        ds_name = d.dataset_name(name, version["name"])
        existing = self.store.find(self.datasets, namespace, ds_name)
        if (version.get("state") or "PRESENT") == "ABSENT":
            if existing is not None:
                self.store.delete(self.datasets, namespace, ds_name)
                self.event(
                    model,
                    NORMAL,
                    "DatasetDeleted",
                    f"Deleted Dataset {ds_name}: version {version['name']} is ABSENT",
                    now,
                )
            if not (version.get("share") or {}).get("enabled"):
                self._cleanup_references(model, version["name"], now)
            return
        want = d.dataset_spec(source, secret, version)
        if existing is None:
            manifest = {
                "apiVersion": d.DATASET_API,
                "kind": "Dataset",
                "spec": want,
                "metadata": {"name": ds_name, "namespace": namespace, "ownerReferences": [d.owner_reference(model)]},
            }
            self.store.create(self.datasets, manifest, namespace=namespace, manager=self.component)
            self.event(model, NORMAL, "DatasetCreated", f"Created Dataset {ds_name} for version {version['name']}", now)
        elif self._differs(existing.get("spec") or {}, want):
            try:
                self.store.patch(
                    self.datasets,
                    namespace,
                    ds_name,
                    [{"op": "replace", "path": "/spec", "value": want}],
                    patch_type="json",
                    manager=self.component,
                )
                self.event(model, NORMAL, "DatasetUpdated", f"Updated the spec of Dataset {ds_name}", now)
            except ApiError as e:
                self.event(
                    model, WARNING, "DatasetUpdateFailed", f"Updating Dataset {ds_name} failed: {e.message}", now
                )
        self._share(model, version, now)

    def _differs(self, current: dict[str, Any], want: dict[str, Any]) -> bool:
        """Whether the live spec differs from the desired one, ignoring ``dataSyncRound`` and server defaults."""
        schema = (self.datasets.schema or {}).get("properties", {}).get("spec", {})
        normalized = apply_defaults(schema, copy.deepcopy(want))
        strip = ("dataSyncRound",)
        return {k: v for k, v in current.items() if k not in strip} != {
            k: v for k, v in normalized.items() if k not in strip
        }

    # ---- sharing ----------------------------------------------------------
    def _share(self, model: dict[str, Any], version: dict[str, Any], now: dt.datetime) -> None:
        share = version.get("share") or {}
        if not share.get("enabled"):
            self._cleanup_references(model, version["name"], now)
            return
        namespace, name = model["metadata"]["namespace"], model["metadata"]["name"]
        ref_name = d.reference_name(namespace, name, version["name"])
        for target in d.share_targets(share, self._namespaces, namespace):
            if self.store.find(self.datasets, target, ref_name) is not None:
                continue
            manifest = d.reference_dataset(
                namespace, name, version["name"], target, model_label=not self.strip_invalid_reference_label
            )
            try:
                self.store.create(self.datasets, manifest, namespace=target, manager=self.component)
                self.event(
                    model,
                    NORMAL,
                    "ReferenceCreated",
                    f"Shared version {version['name']} into namespace {target} as Dataset {ref_name}",
                    now,
                )
            except ApiError as e:
                self.event(
                    model,
                    WARNING,
                    "ReferenceCreateFailed",
                    share_failed_message(version["name"], target, e.message),
                    now,
                )

    def _is_reference(self, ds: dict[str, Any], namespace: str, model: str, version: str) -> bool:
        labels = ds["metadata"].get("labels") or {}
        if labels.get(d.MODEL_LABEL) == f"{namespace}/{model}" and labels.get(d.VERSION_LABEL) == version:
            return True
        return (
            self.strip_invalid_reference_label
            and labels.get(d.VERSION_LABEL) == version
            and ds["metadata"]["name"] == d.reference_name(namespace, model, version)
            and (ds.get("spec") or {}).get("source", {}).get("uri") == d.reference_uri(namespace, model, version)
        )

    def _cleanup_references(self, model: dict[str, Any], version: str, now: dt.datetime) -> None:
        """Delete the REFERENCE Datasets that carry this model/version label (what the real controller finds)."""
        namespace, name = model["metadata"]["namespace"], model["metadata"]["name"]
        for ds in self.store.list(self.datasets):
            if ds["metadata"]["namespace"] != namespace and self._is_reference(ds, namespace, name, version):
                self.store.delete(self.datasets, ds["metadata"]["namespace"], ds["metadata"]["name"])
                self.event(
                    model,
                    NORMAL,
                    "ReferenceDeleted",
                    f"Deleted REFERENCE Dataset {ds['metadata']['namespace']}/{ds['metadata']['name']}",
                    now,
                )

    # ---- status and deletion ----------------------------------------------
    def _write_model_status(self, model: dict[str, Any], now: dt.datetime) -> None:
        namespace, name = model["metadata"]["namespace"], model["metadata"]["name"]
        status = dict(model.get("status") or {})
        synced = []
        for version in (model.get("spec") or {}).get("versions") or []:
            ds = self.store.find(self.datasets, namespace, d.dataset_name(name, version["name"]))
            synced.append(d.synced_version(version, ds))
        status["syncedVersions"] = synced
        status["observedGeneration"] = model["metadata"].get("generation")
        conditions = replace_condition(status.get("conditions"), None, RECONCILE_ERROR)
        status.pop("conditions", None)
        if conditions:
            status["conditions"] = conditions
        self.write_status(self.models, model, status)

    def _fail(self, model: dict[str, Any], reason: str, message: str, now: dt.datetime) -> bool:
        status = dict(model.get("status") or {})
        cond = condition(RECONCILE_ERROR, "False", reason, message, now, status.get("conditions"))
        status["conditions"] = replace_condition(status.get("conditions"), cond, RECONCILE_ERROR)
        self.write_status(self.models, model, status)
        self.event(model, WARNING, reason, message, now)
        return False

    def finalize(self, model: dict[str, Any], now: dt.datetime) -> None:
        """On deletion: REFERENCE Datasets first, then the Datasets the Model owns, then the finalizer."""
        meta = model["metadata"]
        finalizers = list(meta.get("finalizers") or [])
        if d.MODEL_FINALIZER not in finalizers:
            return
        for version in (model.get("spec") or {}).get("versions") or []:
            self._cleanup_references(model, version["name"], now)
        for ds in self.store.list(self.datasets, meta["namespace"]):
            if d.is_owned_by(ds, meta["uid"]):
                self.store.delete(self.datasets, meta["namespace"], ds["metadata"]["name"])
        self.set_finalizers(self.models, model, [f for f in finalizers if f != d.MODEL_FINALIZER])
