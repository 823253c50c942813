"""What the modelfs controller derives from a Model, its ModelSource and Secret (pure functions).

The seed and the simulated controllers share these rules, so seeded objects look exactly like
objects the simulated controllers would have written (see FACTS.md for the upstream behaviour).
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

from modelfs_lib.resources.dataset import Dataset
from modelfs_lib.resources.label_selector import LabelSelector
from modelfs_lib.resources.model import Model
from modelfs_lib.resources.naming import (
    DEFAULT_ACCESS_MODES,
    DEFAULT_STORAGE,
    MODEL_LABEL,
    reference_labels,
    reference_name,
    reference_uri,
    source_uri,
)

MODEL_API = Model.KIND.api_version
DATASET_API = Dataset.KIND.api_version
MODEL_FINALIZER = "modelfs.samzong.dev/model-finalizer"
SOURCE_FINALIZER = "modelfs.samzong.dev/modelsource-finalizer"


def secret_values(secret: Mapping[str, Any] | None) -> dict[str, str]:
    """Every key of a Secret in plain text (``data`` decoded, ``stringData`` as is)."""
    if not secret:
        return {}
    values = {
        key: base64.b64decode(value).decode("utf-8", "replace") for key, value in (secret.get("data") or {}).items()
    }
    values.update(secret.get("stringData") or {})
    return values


def version_source_uri(source_type: str, config: Mapping[str, str], version: Mapping[str, Any]) -> str:
    """The Dataset uri for a version dict (see :func:`modelfs_lib.resources.naming.source_uri`)."""
    return source_uri(source_type, config, str(version.get("repo", "")), str(version.get("revision") or ""))


def source_options(config: Mapping[str, str], secret: Mapping[str, Any] | None) -> dict[str, str]:
    """The ModelSource config merged with EVERY Secret key in plain text, as the real controller does."""
    return {**{k: str(v) for k, v in config.items()}, **secret_values(secret)}


def volume_claim_template(version: Mapping[str, Any]) -> dict[str, Any]:
    """``spec.volumeClaimTemplate`` from the version's storage (default ReadWriteMany, 100Ti)."""
    storage = version.get("storage") or {}
    spec: dict[str, Any] = {"accessModes": list(storage.get("accessModes") or DEFAULT_ACCESS_MODES)}
    resources = copy.deepcopy(storage.get("resources") or {})
    resources.setdefault("requests", {}).setdefault("storage", DEFAULT_STORAGE)
    spec["resources"] = resources
    if storage.get("storageClassName"):
        spec["storageClassName"] = storage["storageClassName"]
    return {"spec": spec}


def dataset_spec(
    source: Mapping[str, Any], secret: Mapping[str, Any] | None, version: Mapping[str, Any]
) -> dict[str, Any]:
    """The whole Dataset spec the controller writes for a version (without ``dataSyncRound``)."""
    src = source.get("spec") or {}
    config = src.get("config") or {}
    return {
        "source": {
            "type": src.get("type", ""),
            "uri": version_source_uri(src.get("type", ""), config, version),
            "options": source_options(config, secret),
        },
        "volumeClaimTemplate": volume_claim_template(version),
    }


def owner_reference(owner: Mapping[str, Any]) -> dict[str, Any]:
    """A controller ownerReference to ``owner``."""
    meta = owner["metadata"]
    return {
        "apiVersion": owner["apiVersion"],
        "kind": owner["kind"],
        "name": meta["name"],
        "uid": meta["uid"],
        "controller": True,
        "blockOwnerDeletion": True,
    }


def is_owned_by(obj: Mapping[str, Any], owner_uid: str) -> bool:
    """Whether ``obj`` has an ownerReference to ``owner_uid``."""
    return any(ref.get("uid") == owner_uid for ref in obj.get("metadata", {}).get("ownerReferences") or [])


def version_hash(version: Mapping[str, Any], pointer: str = "") -> str:
    """8 hex characters identifying a version spec (``observedVersionHash``), quirk included.

    The real controller prints ``storage.storageClassName`` (a ``*string``) into the hashed text,
    which puts a pointer, not the class name, into the hash: with a storage class set the hash
    changes on every reconcile. ``pointer`` stands for that address; without a storage class it
    is ignored and the hash is stable.
    """
    text = json.dumps(version, sort_keys=True)
    if (version.get("storage") or {}).get("storageClassName"):
        text += f"|storageClassName={pointer}"
    return hashlib.sha256(text.encode()).hexdigest()[:8]


def observed_storage(version: Mapping[str, Any]) -> str:
    """The storage request of the version's PVC."""
    return str(volume_claim_template(version)["spec"]["resources"]["requests"]["storage"])


def synced_version(
    version: Mapping[str, Any], dataset: Mapping[str, Any] | None, *, pointer: str = ""
) -> dict[str, Any]:
    """One ``status.syncedVersions`` entry, mirroring the version's Dataset (``pointer``: see :func:`version_hash`)."""
    entry: dict[str, Any] = {
        "name": version["name"],
        "observedState": version.get("state") or "PRESENT",
        "observedVersionHash": version_hash(version, pointer),
    }
    if entry["observedState"] == "ABSENT":
        return entry
    entry["observedStorage"] = observed_storage(version)
    if dataset is None:
        return entry
    status = dataset.get("status") or {}
    entry["activeDataset"] = dataset["metadata"]["name"]
    for key, field in (("phase", "phase"), ("pvcName", "pvcName"), ("lastSyncTime", "lastSyncTime")):
        if status.get(field):
            entry[key] = status[field]
    if status.get("conditions"):
        entry["conditions"] = copy.deepcopy(status["conditions"])
    return entry


def opt_in_label(require: str) -> tuple[str, str]:
    """``requireOptInLabel`` as the current controller reads it: split at the last '=' only when it ends with '='.

    So ``"team=ml"`` becomes key ``"team=ml"`` with value ``"true"`` (which no namespace can carry),
    ``"key"`` becomes ``("key", "true")``, ``"key="`` becomes ``("key", "")`` and ``"a=b="`` ``("a=b", "")``.
    The controller reads a missing label as ``""`` (a Go map lookup).
    """
    if require.endswith("="):
        key, _, value = require.rpartition("=")
        return key, value
    return require, "true"


def share_targets(share: Mapping[str, Any] | None, namespaces: Sequence[Mapping[str, Any]], own: str) -> list[str]:
    """The namespaces (other than ``own``) the controller shares a version into, quirk included."""
    if not share or not share.get("enabled"):
        return []
    targets = []
    for ns in namespaces:
        name, labels = ns["metadata"]["name"], ns["metadata"].get("labels") or {}
        if name == own or not LabelSelector.from_dict(share.get("namespaceSelector") or {}).matches(labels):
            continue
        if share.get("requireOptInLabel"):
            key, value = opt_in_label(share["requireOptInLabel"])
            if labels.get(key, "") != value:
                continue
        targets.append(name)
    return sorted(targets)


def reference_spec(namespace: str, model: str, version: str) -> dict[str, Any]:
    """The spec of a REFERENCE Dataset pointing at the version's Dataset."""
    return {"source": {"type": "REFERENCE", "uri": reference_uri(namespace, model, version)}}


def reference_dataset(
    namespace: str, model: str, version: str, target: str, *, model_label: bool = True
) -> dict[str, Any]:
    """The REFERENCE Dataset the controller creates in ``target``; ``model_label=False`` drops the '/' label."""
    labels = reference_labels(namespace, model, version)
    if not model_label:
        labels.pop(MODEL_LABEL)
    return {
        "apiVersion": DATASET_API,
        "kind": "Dataset",
        "metadata": {"name": reference_name(namespace, model, version), "namespace": target, "labels": labels},
        "spec": reference_spec(namespace, model, version),
    }
