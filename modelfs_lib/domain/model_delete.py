"""What goes with a Model when it is deleted, in sentences for the confirmation.

The controller's finalizer (``modelfs.samzong.dev/model-finalizer``) first deletes the REFERENCE
Datasets that carry the Model's labels (``modelfs.samzong.dev/model: <ns>/<model>`` and
``modelfs.samzong.dev/version``), then the Datasets the Model owns, then lets the Model go. The
PVCs, owned by their Datasets, follow through garbage collection, and the synced files with them.
REFERENCE Datasets without those labels (a real API server rejects the model label) are not found
by the controller: they stay behind, pointing at a Dataset that no longer exists.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from modelfs_lib.resources.dataset import Dataset
from modelfs_lib.resources.model import Model
from modelfs_lib.resources.naming import MODEL_LABEL, VERSION_LABEL

MODEL_FINALIZER = "modelfs.samzong.dev/model-finalizer"


def owned_datasets(model: Model, datasets: Iterable[Dataset]) -> list[Dataset]:
    """The Datasets in the Model's namespace with an ownerReference to it (by uid; by kind and name
    when the Model's uid is unknown), sorted by name. They include versions removed from the spec."""
    owned = []
    for dataset in datasets:
        if dataset.namespace and dataset.namespace != model.namespace:
            continue
        for ref in dataset.meta.owner_references:
            same = ref.uid == model.meta.uid if model.meta.uid else (ref.kind == "Model" and ref.name == model.name)
            if same:
                owned.append(dataset)
                break
    return sorted(owned, key=lambda d: d.name)


def controller_cleans(reference: Dataset, model: Model) -> bool:
    """Whether the controller's finalizer finds this REFERENCE Dataset: it carries the model label
    ``<ns>/<model>`` and the version label of one of the Model's spec versions."""
    labels = reference.meta.labels
    versions = {v.name for v in model.versions}
    return labels.get(MODEL_LABEL) == f"{model.namespace}/{model.name}" and labels.get(VERSION_LABEL) in versions


def _names(items: Sequence[str], limit: int = 6) -> str:
    shown = ", ".join(f"`{item}`" for item in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def delete_consequences(
    model: Model,
    owned: Sequence[Dataset] | None,
    references: Sequence[Dataset] | None,
    *,
    owned_error: str = "",
    references_error: str = "",
    checked_namespaces: Sequence[str] | None = None,
) -> list[str]:
    """Markdown sentences: the Model's Datasets and PVCs, its REFERENCE Datasets elsewhere, what stays.

    ``owned`` is :func:`owned_datasets` (None: they could not be listed, ``owned_error`` says why);
    ``references`` the Model's REFERENCE Datasets in other namespaces (None: not known). With
    ``checked_namespaces`` only those namespaces were searched for references.
    """
    lines: list[str] = []
    ns = model.namespace
    if owned is None:
        expected = [model.dataset_name(v.name) for v in model.versions]
        why = f" ({owned_error})" if owned_error else ""
        lines.append(
            f"Its Datasets in `{ns}` could not be listed{why}. The controller deletes every Dataset the Model owns, "
            f"such as {_names(expected)}, with their PVCs and the synced files."
        )
    elif owned:
        pvcs = [d.pvc_name for d in owned if d.pvc_name]
        with_pvcs = f", and with them their PVCs ({_names(pvcs)}) and the synced files" if pvcs else ""
        verb = "is" if len(owned) == 1 else "are"
        lines.append(
            f"Its {_plural(len(owned), 'Dataset')} in `{ns}` {verb} deleted: {_names([d.name for d in owned])}"
            f"{with_pvcs}."
        )
    else:
        lines.append(f"It owns no Datasets in `{ns}` right now.")

    if references is None:
        why = f" ({references_error})" if references_error else ""
        lines.append(
            f"Other namespaces could not be searched for REFERENCE Datasets that share it{why}; "
            "the controller deletes those that carry its labels."
        )
    else:
        cleaned = [r for r in references if controller_cleans(r, model)]
        left = [r for r in references if not controller_cleans(r, model)]
        where = "" if checked_namespaces is None else f" (searched only {_names(list(checked_namespaces))})"
        if not references:
            lines.append(f"No REFERENCE Dataset shares it into another namespace{where}.")
        if cleaned:
            lines.append(
                f"The controller first deletes the {_plural(len(cleaned), 'REFERENCE Dataset')} sharing it into "
                f"other namespaces: {_names([f'{r.namespace}/{r.name}' for r in cleaned])}; workloads there lose "
                "access to the files."
            )
        if left:
            lines.append(
                f"{_plural(len(left), 'REFERENCE Dataset')} sharing it lack the labels the controller looks for "
                f"and stay behind, pointing at a deleted Dataset: {_names([f'{r.namespace}/{r.name}' for r in left])}"
                ". Delete them yourself afterwards."
            )
    if MODEL_FINALIZER in model.meta.finalizers:
        lines.append(
            f"The Model stays, marked for deletion, until the controller has done this (finalizer "
            f"`{MODEL_FINALIZER}`). The ModelSource `{model.source_ref}` is not deleted."
        )
    else:
        lines.append(
            "The Model has no modelfs finalizer, so it goes at once and nothing removes REFERENCE Datasets; "
            f"its own Datasets go through garbage collection. The ModelSource `{model.source_ref}` is not deleted."
        )
    return lines
