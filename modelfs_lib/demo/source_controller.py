"""The simulated ModelSource controller: CredentialsReady, referencedBy, and the deletion-holding finalizer.

It watches only ModelSources, like the real one: a source is reconciled when it changes (a new
resourceVersion from someone else's write), not when a Model starts or stops using it, nor when
its Secret appears, changes or goes. ``referencedBy`` and ``CredentialsReady`` therefore go stale
until the source itself is touched. A source whose deletion is held by Models is re-checked every
``RETRY_AFTER`` seconds.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from typing import Any

from modelfs_lib.demo.desired import SOURCE_FINALIZER
from modelfs_lib.demo.events import NORMAL, WARNING
from modelfs_lib.demo.reconciler import Reconciler, condition, find_condition, replace_condition
from modelfs_lib.demo.store import ApiError, ObjectStore

CREDENTIALS_READY = "CredentialsReady"
RETRY_AFTER = 60.0
log = logging.getLogger("modelfs_lib.demo.controllers")


def credentials(source: Mapping[str, Any], secret: Mapping[str, Any] | None) -> tuple[str, str, str]:
    """``(status, reason, message)`` of CredentialsReady: the Secret must exist and hold at least one data key."""
    ref = (source.get("spec") or {}).get("secretRef")
    namespace = source["metadata"].get("namespace", "")
    if not ref:
        return "True", "NoSecretRequired", "no secretRef: the source is accessed without credentials"
    if secret is None:
        return "False", "SecretInvalid", f'Secret "{ref}" not found in namespace "{namespace}"'
    if not (secret.get("data") or secret.get("stringData")):
        return "False", "SecretInvalid", f'Secret "{ref}" in namespace "{namespace}" has no data keys'
    return "True", "SecretValid", f'Secret "{ref}" found with {len(secret.get("data") or {})} data key(s)'


class ModelSourceController(Reconciler):
    """Keeps each ModelSource's credentials condition and ``referencedBy``; holds deletion while referenced."""

    component = "modelfs-controller"

    def __init__(self, store: ObjectStore, *, speed: float = 1.0) -> None:
        super().__init__(store, speed=speed)
        self._refs: dict[tuple[str, str], list[str]] = {}
        self._seen: dict[tuple[str, str], tuple[str, dt.datetime | None]] = {}
        self.sources = store.rtype("model.samzong.dev", "modelsources")

    def observe_existing(self) -> None:
        """Take the sources whose CredentialsReady already reflects their generation as seen."""
        for source in self.store.list(self.sources):
            meta = source["metadata"]
            cond = find_condition((source.get("status") or {}).get("conditions"), CREDENTIALS_READY)
            observed = cond is not None and cond.get("observedGeneration") == meta.get("generation")
            if observed and not meta.get("deletionTimestamp"):
                self._seen[(meta["namespace"], meta["name"])] = (meta["resourceVersion"], None)

    def reconcile_all(self, now: dt.datetime) -> None:
        """Reconcile each ModelSource that changed since it was last reconciled (or whose retry is due)."""
        models, _ = self.store.read_list(self.store.rtype("model.samzong.dev", "models"))
        self._refs = {}
        for model in models:
            meta = model["metadata"]
            key = (meta["namespace"], (model.get("spec") or {}).get("sourceRef", ""))
            self._refs.setdefault(key, []).append(f"{meta['namespace']}/{meta['name']}")
        live = set()
        for source in self.store.list(self.sources):
            meta = source["metadata"]
            key = (meta["namespace"], meta["name"])
            live.add(key)
            seen = self._seen.get(key)
            if seen and seen[0] == meta["resourceVersion"] and (seen[1] is None or now < seen[1]):
                continue
            try:
                self.reconcile(source, now)
            except ApiError as e:
                log.warning("%s: reconciling %s/%s failed: %s %s", self.component, *key, e.status, e.message)
            except Exception:  # a malformed object must not stop the pass over the others
                log.exception("%s: reconciling %s/%s failed", self.component, *key)
            after = self.store.find(self.sources, *key)
            if after is not None:
                held = bool(after["metadata"].get("deletionTimestamp"))
                retry = now + self.seconds(RETRY_AFTER) if held else None
                self._seen[key] = (after["metadata"]["resourceVersion"], retry)
        self._seen = {key: value for key, value in self._seen.items() if key in live}

    def reconcile(self, source: dict[str, Any], now: dt.datetime) -> None:
        """Finalizer, deletion hold/release, CredentialsReady and referencedBy for one source."""
        rtype = self.sources
        meta = source["metadata"]
        namespace, name = meta["namespace"], meta["name"]
        refs = sorted(self._refs.get((namespace, name), []))
        finalizers = list(meta.get("finalizers") or [])
        if meta.get("deletionTimestamp"):
            if not refs and SOURCE_FINALIZER in finalizers:
                self.set_finalizers(rtype, source, [f for f in finalizers if f != SOURCE_FINALIZER])
                return
        elif SOURCE_FINALIZER not in finalizers:
            source = self.set_finalizers(rtype, source, [*finalizers, SOURCE_FINALIZER])
        ref = (source.get("spec") or {}).get("secretRef")
        secret = self.store.find(self.store.rtype("", "secrets"), namespace, ref) if ref else None
        status, reason, message = credentials(source, secret)
        old = (source.get("status") or {}).get("conditions") or []
        cond = condition(
            CREDENTIALS_READY, status, reason, message, now, old, generation=source["metadata"].get("generation")
        )
        before = find_condition(old, CREDENTIALS_READY)
        written = self.write_status(
            rtype,
            source,
            {
                **(source.get("status") or {}),
                "referencedBy": refs,
                "conditions": replace_condition(old, cond, CREDENTIALS_READY),
            },
        )
        if written is not None and (before is None or before.get("status") != status):
            self.event(written, NORMAL if status == "True" else WARNING, reason, message, now)
