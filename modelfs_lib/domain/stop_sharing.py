"""What switching a version's sharing off really does, in sentences for the confirmation.

The controller then deletes the REFERENCE Datasets that carry the version's labels
(``modelfs.samzong.dev/model: <ns>/<model>`` and ``modelfs.samzong.dev/version: <version>``) and
creates no more. A reference without those labels (a real API server rejects the model label, so
references made by hand or by an older controller lack it) is not found: it stays, and still points
at the version's Dataset. A namespace the share selects where no reference exists loses nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from modelfs_lib.domain.references import reference_version
from modelfs_lib.resources.dataset import Dataset
from modelfs_lib.resources.model import Model
from modelfs_lib.resources.naming import MODEL_LABEL, VERSION_LABEL, reference_name


def _listed(datasets: Sequence[Dataset]) -> str:
    return ", ".join(f"`{d.namespace}/{d.name}`" for d in datasets)


def stop_sharing_consequences(
    model: Model,
    version: str,
    references: Sequence[Dataset] | None,
    *,
    sibling_models: Collection[str] = (),
) -> list[str]:
    """One sentence per outcome of stopping ``version``'s sharing; ``references`` None: not searched."""
    name = reference_name(model.namespace, model.name, version)
    if references is None:
        return [
            f"The controller deletes the REFERENCE Datasets `{name}` that carry the version's labels; the "
            "console could not search the other namespaces, so which exist, and which lack the labels and "
            "stay, is unknown."
        ]
    mine = [
        d
        for d in references
        if reference_version(d, model.namespace, model.name, sibling_models=sibling_models) == version
    ]
    labelled = f"{model.namespace}/{model.name}"
    deleted = [
        d for d in mine if d.meta.labels.get(MODEL_LABEL) == labelled and d.meta.labels.get(VERSION_LABEL) == version
    ]
    kept = [d for d in mine if d not in deleted]
    said = []
    if deleted:
        said.append(
            f"The controller deletes {len(deleted)} REFERENCE Dataset(s) carrying its labels: {_listed(deleted)}."
        )
    if kept:
        said.append(
            f"{len(kept)} REFERENCE Dataset(s) lack the labels the controller looks for and stay, still pointing "
            f"at the version's Dataset: {_listed(kept)}. Delete them yourself (kubectl delete dataset -n <ns> <name>)."
        )
    if not mine:
        said.append(f"No REFERENCE Dataset `{name}` exists in another namespace: nothing is deleted.")
    return said
