"""The simulated Model controller (modelfs): one Dataset per version, sharing, status, finalizer.

Faithful to FACTS.md ("What the controllers really do"), flaws included:

- every reconcile rewrites each version's whole Dataset spec WITHOUT ``dataSyncRound`` (a JSON
  patch replacing ``/spec``, no compare first), so the API server defaults the counter back to 1;
  the store treats an identical write as a no-op (no new resourceVersion), so this does not loop.
  Any change to a Dataset the Model owns re-queues the Model: a console bump of the round is
  reverted within a tick, while the Dataset controller is already running that round;
- a change of ``source.uri`` or ``source.type`` (a repo or revision edit) is rejected (422,
  immutable): the reconcile STOPS at that version (later versions, sharing and status stall,
  ``observedGeneration`` stays behind), with a Warning Event and no condition; retried each minute;
- ``ReconcileError`` (missing or not-ready ModelSource) is written and never cleared;
- versions removed from ``spec.versions`` are not cleaned up; ABSENT versions lose their Dataset
  but keep sharing (references to the deleted Dataset are kept and recreated);
- ``observedVersionHash`` changes on every reconcile for a version with a storage class
  (``desired.version_hash``);
- ``requireOptInLabel`` is read with the controller's '=' quirk (see ``desired.opt_in_label``);
- REFERENCE Datasets are created with the label ``modelfs.samzong.dev/model: <ns>/<model>``, which
  the store rejects (422) like a real API server: the creation fails and a Warning Event says so.
  With ``strip_invalid_reference_label=True`` they are created without that label instead (a
  friendlier demo), and cleanup then finds them by name, uri and version label;
- watches: the Model, its ModelSource and the Datasets it owns or shares re-queue it; Secrets do
  not; a Namespace change re-queues it only when a version's ``namespaceSelector`` matches that
  namespace (opt-in-only or selector-less shares miss new namespaces until something else
  re-queues the Model). A failed reconcile is retried after one minute.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
from typing import Any

from modelfs_lib.demo import desired as d
from modelfs_lib.demo.events import NORMAL, WARNING
from modelfs_lib.demo.reconciler import Reconciler, condition, find_condition, replace_condition
from modelfs_lib.demo.store import ApiError, ObjectStore
from modelfs_lib.resources import naming
from modelfs_lib.resources.label_selector import LabelSelector

log = logging.getLogger("modelfs_lib.demo.controllers")
RECONCILE_ERROR = "ReconcileError"
RETRY_AFTER = 60.0


def not_found_message(source: str, namespace: str) -> str:
    """ReconcileError message for a missing ModelSource."""
    return f'ModelSource "{source}" not found in namespace "{namespace}"'


def not_ready_message(source: str, why: str) -> str:
    """ReconcileError message for a ModelSource whose credentials are not ready."""
    return f'ModelSource "{source}" is not ready: {why}'


def update_failed_message(dataset: str, error: str) -> str:
    """Warning Event message when the Update of a version's Dataset is refused (e.g. an immutable field)."""
    return f"Updating Dataset {dataset} failed: {error}"


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
        self._pointers = itertools.count(0xC000100000, 0x40)
        self._namespaces: list[dict[str, Any]] = []
        self._all_datasets: list[dict[str, Any]] = []
        """The stored dicts (:meth:`ObjectStore.read_list`): only read, never changed."""

    def observe_existing(self) -> None:
        """Take the Models already reconciled (``observedGeneration == generation``) as seen.

        The demo's controllers continue controllers that ran before: they act on what changes from
        now on, and do not repair a seeded state the real ones would leave alone.
        """
        self._namespaces = self.store.read_list(self.store.rtype("", "namespaces"))[0]
        self._all_datasets = self.store.read_list(self.datasets)[0]
        for model in self.store.list(self.models):
            meta = model["metadata"]
            observed = (model.get("status") or {}).get("observedGeneration")
            if observed is not None and observed == meta.get("generation") and not meta.get("deletionTimestamp"):
                self._seen[(meta["namespace"], meta["name"])] = (self._fingerprint(model), None)

    # ---- scheduling -------------------------------------------------------
    def reconcile_all(self, now: dt.datetime) -> None:
        """Reconcile each Model whose inputs changed, or whose retry is due."""
        self._namespaces = self.store.read_list(self.store.rtype("", "namespaces"))[0]
        self._all_datasets = self.store.read_list(self.datasets)[0]
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
        """What re-queues the Model: itself, its ModelSource, its Datasets, selector-matched namespaces."""
        meta, spec = model["metadata"], model.get("spec") or {}
        namespace, name = meta["namespace"], meta["name"]
        source = self.store.find(
            self.store.rtype("model.samzong.dev", "modelsources"), namespace, spec.get("sourceRef", "")
        )
        prefix = naming.reference_name(namespace, name, "")
        related = tuple(
            (ds["metadata"]["namespace"], ds["metadata"]["name"], ds["metadata"]["resourceVersion"])
            for ds in self._all_datasets
            if d.is_owned_by(ds, meta["uid"]) or ds["metadata"]["name"].startswith(prefix)
        )
        selectors = []
        for version in spec.get("versions") or []:
            selector = (version.get("share") or {}).get("namespaceSelector")
            try:
                if selector and not LabelSelector.from_dict(selector).is_empty:
                    selectors.append(LabelSelector.from_dict(selector))
            except ValueError:
                continue
        labels = tuple(
            (ns["metadata"]["name"], tuple(sorted((ns["metadata"].get("labels") or {}).items())))
            for ns in self._namespaces
            if any(sel.matches(ns["metadata"].get("labels") or {}) for sel in selectors)
        )
        return (
            meta["uid"],
            meta.get("generation"),
            meta.get("deletionTimestamp"),
            tuple(meta.get("finalizers") or []),
            (source or {}).get("metadata", {}).get("resourceVersion"),
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
            if not self._version(model, version, source, secret, now):
                return False  # stalled: later versions, sharing and status wait for the next retry
        self._write_model_status(model, now)
        return True

    def _version(
        self,
        model: dict[str, Any],
        version: dict[str, Any],
        source: dict[str, Any],
        secret: dict[str, Any] | None,
        now: dt.datetime,
    ) -> bool:
        """The version's Dataset and sharing; False when the Dataset's Update was refused (reconcile stops)."""
        namespace, name = model["metadata"]["namespace"], model["metadata"]["name"]
        ds_name = naming.dataset_name(name, version["name"])
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
            self._share(model, version, now)  # sharing is reconciled whatever the state
            return True
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
        else:
            try:  # no compare first: the whole spec, without dataSyncRound, on every reconcile
                written = self.store.patch(
                    self.datasets,
                    namespace,
                    ds_name,
                    [{"op": "replace", "path": "/spec", "value": want}],
                    patch_type="json",
                    manager=self.component,
                )
            except ApiError as e:
                self.event(model, WARNING, "DatasetUpdateFailed", update_failed_message(ds_name, e.message), now)
                return False
            if written["metadata"].get("resourceVersion") != existing["metadata"].get("resourceVersion"):
                self.event(model, NORMAL, "DatasetUpdated", f"Updated the spec of Dataset {ds_name}", now)
        self._share(model, version, now)
        return True

    # ---- sharing ----------------------------------------------------------
    def _share(self, model: dict[str, Any], version: dict[str, Any], now: dt.datetime) -> None:
        share = version.get("share") or {}
        if not share.get("enabled"):
            self._cleanup_references(model, version["name"], now)
            return
        namespace, name = model["metadata"]["namespace"], model["metadata"]["name"]
        ref_name = naming.reference_name(namespace, name, version["name"])
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
        if labels.get(naming.MODEL_LABEL) == f"{namespace}/{model}" and labels.get(naming.VERSION_LABEL) == version:
            return True
        return (
            self.strip_invalid_reference_label
            and labels.get(naming.VERSION_LABEL) == version
            and ds["metadata"]["name"] == naming.reference_name(namespace, model, version)
            and (ds.get("spec") or {}).get("source", {}).get("uri") == naming.reference_uri(namespace, model, version)
        )

    def _cleanup_references(self, model: dict[str, Any], version: str, now: dt.datetime) -> None:
        """Delete the REFERENCE Datasets that carry this model/version label (what the real controller finds)."""
        namespace, name = model["metadata"]["namespace"], model["metadata"]["name"]
        for ds in self.store.read_list(self.datasets)[0]:
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
            ds = self.store.find(self.datasets, namespace, naming.dataset_name(name, version["name"]))
            synced.append(d.synced_version(version, ds, pointer=hex(next(self._pointers))))
        status["syncedVersions"] = synced
        status["observedGeneration"] = model["metadata"].get("generation")
        # status.conditions is left as it is: a ReconcileError is never cleared
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
        for ds in self.store.read_list(self.datasets, meta["namespace"])[0]:
            if d.is_owned_by(ds, meta["uid"]):
                self.store.delete(self.datasets, meta["namespace"], ds["metadata"]["name"])
        self.set_finalizers(self.models, model, [f for f in finalizers if f != d.MODEL_FINALIZER])
