"""The simulated ModelSource controller: CredentialsReady, referencedBy, and the deletion-holding finalizer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from modelfs_lib.demo.desired import SOURCE_FINALIZER
from modelfs_lib.demo.events import NORMAL, WARNING
from modelfs_lib.demo.reconciler import Reconciler, condition, find_condition, replace_condition
from modelfs_lib.demo.store import ObjectStore

CREDENTIALS_READY = "CredentialsReady"


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

    def reconcile_all(self, now: dt.datetime) -> None:
        """One pass over every ModelSource."""
        models = self.store.list(self.store.rtype("model.samzong.dev", "models"))
        self._refs = {}
        for model in models:
            meta = model["metadata"]
            key = (meta["namespace"], (model.get("spec") or {}).get("sourceRef", ""))
            self._refs.setdefault(key, []).append(f"{meta['namespace']}/{meta['name']}")
        self.each(self.store.list(self.store.rtype("model.samzong.dev", "modelsources")), self.reconcile, now)

    def reconcile(self, source: dict[str, Any], now: dt.datetime) -> None:
        """Finalizer, deletion hold/release, CredentialsReady and referencedBy for one source."""
        rtype = self.store.rtype("model.samzong.dev", "modelsources")
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
