"""What a version is linked to: its Dataset and the Dataset's PVC, read for people, never with a secret.

A Dataset's ``spec.source.options`` are the ModelSource's ``config`` merged with every key of the
ModelSource's Secret, in plain text. The typed Dataset keeps only the option KEY NAMES; this module
says for each key where it came from, and marks as hidden every key the Secret holds, and every key
the config does not explain (it came from a Secret, perhaps one since changed or deleted).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum

from modelfs_lib.resources.dataset import Dataset
from modelfs_lib.resources.model import Model
from modelfs_lib.resources.pvc import PersistentVolumeClaim


class KeyOrigin(StrEnum):
    """Where a Dataset option key came from."""

    SECRET = "Secret"
    CONFIG = "config"
    UNEXPLAINED = "unexplained"


@dataclass(frozen=True)
class OptionKey:
    """One option key: its origin, whether its value must stay hidden, and the value when it is not secret."""

    name: str
    origin: KeyOrigin
    hidden: bool
    value: str | None = None
    note: str = ""


def option_keys(
    dataset: Dataset,
    *,
    secret_keys: Collection[str] | None,
    config: Mapping[str, str] | None,
    secret_name: str = "",
) -> list[OptionKey]:
    """Each of the Dataset's option keys with its origin; hidden when it is (or may be) from the Secret.

    ``secret_keys``: the key names of the ModelSource's Secret; ``()`` when it has none; None when
    they are unknown (not readable, or the Secret is gone): then EVERY key is hidden, since any of
    them may hold a Secret's value. ``config``: the ModelSource's config (None: unknown). A key in
    the Secret is hidden even when the config has it too (the Secret's value wins the merge). A key
    neither explains is hidden as well. Visible keys carry the config's value.
    """
    secret = set(secret_keys or ())
    rows = []
    for key in sorted(dataset.option_keys):
        if key in secret:
            rows.append(OptionKey(key, KeyOrigin.SECRET, True, note=f"from Secret {secret_name}".strip()))
        elif secret_keys is None:
            which = f"Secret {secret_name}" if secret_name else "The Secret"
            note = f"{which} could not be read: it may hold this key"
            rows.append(OptionKey(key, KeyOrigin.UNEXPLAINED, True, note=note))
        elif config is not None and key in config:
            rows.append(OptionKey(key, KeyOrigin.CONFIG, False, config[key], "from the ModelSource config"))
        else:
            why = (
                "not in the ModelSource config: it came from a Secret"
                if config is not None
                else "the ModelSource config could not be read"
            )
            rows.append(OptionKey(key, KeyOrigin.UNEXPLAINED, True, note=why))
    return rows


def owner_text(dataset: Dataset, model: Model) -> str:
    """Who controls the Dataset: "Model qwen (controller)", or a warning sentence when not this Model."""
    owners = dataset.meta.owner_references
    controller = next((o for o in owners if o.controller), None)
    if controller is None:
        if not owners:
            return "No owner: the Model does not own it, so deleting the Model leaves it behind."
        return "Owned by " + ", ".join(f"{o.kind} {o.name}" for o in owners) + " (none is its controller)."
    if (
        controller.kind == "Model"
        and controller.name == model.name
        and (not model.meta.uid or controller.uid == model.meta.uid)
    ):
        return f"Model {model.name} (controller)"
    return f"{controller.kind} {controller.name} (controller): not this Model."


def pvc_name_of(model: Model, version_name: str, dataset: Dataset | None) -> str:
    """The version's PVC: the Dataset's ``status.pvcName``, else the Model's ``syncedVersions[].pvcName``."""
    if dataset is not None and dataset.pvc_name:
        return dataset.pvc_name
    synced = model.synced_version(version_name)
    return synced.pvc_name if synced is not None else ""


def dataset_missing_text(model: Model, version_name: str) -> str:
    """What a missing Dataset means for this version."""
    version = model.version(version_name)
    name = model.dataset_name(version_name)
    if version is not None and version.is_absent:
        return f"Dataset {name} does not exist, as expected: the version is ABSENT, so the controller deleted it."
    if model.generation_pending:
        return f"Dataset {name} does not exist yet: the controller has not yet acted on the latest change."
    return (
        f"Dataset {name} does not exist: nothing is synced for this version and no PVC holds it. The controller "
        "creates it when it reconciles the Model; if it does not, see the Model's ReconcileError and events."
    )


def pvc_missing_text(dataset: Dataset | None, pvc: str) -> str:
    """What a missing PVC means."""
    if dataset is None:
        return "No PVC: without a Dataset there is nothing to store."
    if not pvc:
        return (
            "No PVC recorded yet: the Dataset controller creates one from the Dataset's volumeClaimTemplate, "
            "and no round can start before it is bound."
        )
    return (
        f"PVC {pvc} does not exist: the synced files are not there. The Dataset controller creates it again from "
        "the volumeClaimTemplate; until it is bound, no round can start."
    )


def pvc_note(pvc: PersistentVolumeClaim) -> str:
    """A sentence on a PVC that is not bound or got less than it asked for; "" when all is well."""
    if pvc.phase and pvc.phase != "Bound":
        return (
            f"The PVC is {pvc.phase}: no round can start until it is bound. A storage class that does not exist "
            "keeps it Pending; see its events."
        )
    if pvc.storage_request and pvc.capacity and pvc.storage_request != pvc.capacity:
        return f"Requested {pvc.storage_request}, got {pvc.capacity}."
    return ""
