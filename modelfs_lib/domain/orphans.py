"""Orphan Datasets: Datasets a Model owns that no version of its spec accounts for.

A version removed from ``spec.versions`` without going through ABSENT is never cleaned up by the
controller: its Dataset ``mdl-<model>-<version>`` (and the PVC holding the weights) stays, owned by
the Model, and disappears from ``status.syncedVersions`` one reconcile later. Only the Datasets list
shows it. Deleting the Model would still remove it (the finalizer deletes every owned Dataset).
"""

from __future__ import annotations

from collections.abc import Iterable

from modelfs_lib.resources.base import OwnerReference
from modelfs_lib.resources.dataset import Dataset
from modelfs_lib.resources.model import Model
from modelfs_lib.resources.naming import dataset_name

MODEL_GROUP = "model.samzong.dev"


def owned_by(dataset: Dataset, model: Model) -> bool:
    """Whether one of the Dataset's ownerReferences points at this Model.

    By uid when both sides carry one; a reference without uid (or a Model read without one)
    matches on kind ``Model``, the API group and the name.
    """
    return any(_points_at(ref, model) for ref in dataset.meta.owner_references)


def _points_at(ref: OwnerReference, model: Model) -> bool:
    if ref.uid and model.meta.uid:
        return ref.uid == model.meta.uid
    group = ref.api_version.partition("/")[0]
    return ref.kind == "Model" and ref.name == model.name and group in ("", MODEL_GROUP)


def orphan_datasets(model: Model, datasets: Iterable[Dataset]) -> list[Dataset]:
    """The Datasets of the Model's namespace owned by the Model whose name is no version's Dataset.

    A Dataset is an orphan when an ownerReference points at the Model (see :func:`owned_by`) and its
    name is not ``mdl-<model>-<v>`` for any ``v`` in ``spec.versions`` (ABSENT versions included:
    the controller deletes those itself). A ``mdl-<model>-*`` name is no exemption: ``mdl-qwen-v1-old``
    owned by Model ``qwen`` is an orphan. Datasets owned by another Model whose name happens to start
    with ``mdl-<model>-`` (Model ``qwen-7b`` beside ``qwen``) are not. Sorted by name.
    """
    expected = {dataset_name(model.name, version.name) for version in model.versions}
    orphans = [
        dataset
        for dataset in datasets
        if (not dataset.namespace or dataset.namespace == model.namespace)
        and dataset.name not in expected
        and owned_by(dataset, model)
    ]
    return sorted(orphans, key=lambda d: d.name)


def removed_version_name(model: Model, dataset: Dataset) -> str:
    """The version an orphan most likely held (``mdl-<model>-<v>`` gives ``v``); "" when the name says nothing."""
    prefix = dataset_name(model.name, "")
    return dataset.name[len(prefix) :] if dataset.name.startswith(prefix) else ""
