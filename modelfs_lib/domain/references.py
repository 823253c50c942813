"""REFERENCE Datasets of a Model: their names, uris and labels, and finding them among many Datasets.

The controller creates, for a shared version, a Dataset ``share-<srcns>-<model>-<version>`` of type
REFERENCE with uri ``dataset://<srcns>/mdl-<model>-<version>`` and the labels ``MODEL_LABEL``
(``<srcns>/<model>``) and ``VERSION_LABEL`` (all named in :mod:`modelfs_lib.resources.naming`). A
label value may not contain '/', so a real API server rejects the first label, and the controller's
creation fails: finding references must not rely on labels alone.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from modelfs_lib.resources.dataset import Dataset
from modelfs_lib.resources.naming import MODEL_LABEL, VERSION_LABEL, dataset_name, reference_name


def _version_after(text: str, prefix: Callable[[str], str], model: str, siblings: Collection[str]) -> str | None:
    """What follows ``prefix(model)`` in ``text``, unless a longer sibling Model's prefix explains it better.

    E.g. with Models ``a`` and ``a-b``, ``mdl-a-b-v1`` belongs to ``a-b`` (version ``v1``).
    """
    own = prefix(model)
    if not text.startswith(own) or text == own:
        return None
    if any(len(other) > len(model) and text.startswith(prefix(other)) for other in siblings):
        return None
    return text[len(own) :]


def reference_version(
    dataset: Dataset, source_ns: str, model: str, *, sibling_models: Collection[str] = ()
) -> str | None:
    """The version a Dataset shares if it is a REFERENCE to this Model; None when it is not one.

    Only a Dataset of type REFERENCE or with a ``dataset://`` uri can be one. It belongs to the Model
    when its model label is ``<srcns>/<model>`` (version from the version label, else as below, else
    ``""``), or its uri is ``dataset://<srcns>/mdl-<model>-<version>``, or, when it has no such uri,
    its name is ``share-<srcns>-<model>-<version>``. Names are ambiguous ('-' joins the parts), so
    ``sibling_models`` (other Models in ``source_ns``) keep a longer sibling's references apart.
    """
    target = dataset.reference_target
    if not dataset.is_reference and target is None:
        return None
    by_uri = by_name = None
    if target is None:
        by_name = _version_after(dataset.name, lambda m: reference_name(source_ns, m, ""), model, sibling_models)
    elif target[0] == source_ns:
        by_uri = _version_after(target[1], lambda m: dataset_name(m, ""), model, sibling_models)
    if dataset.meta.labels.get(MODEL_LABEL) == f"{source_ns}/{model}":
        return dataset.meta.labels.get(VERSION_LABEL) or by_uri or by_name or ""
    return by_uri or by_name
