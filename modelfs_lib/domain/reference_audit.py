"""One search and audit of a Model's REFERENCE Datasets, from whatever Dataset lists could be read.

The Datasets of other namespaces come from one cluster-wide list; where that is refused, from one
list per namespace (every namespace but the Model's own, so a reference left in a namespace that
stopped matching is found too: :func:`namespaces_to_read`). Every view that speaks of references
(the detail header, the Sharing tab, the delete confirmation, the findings) uses the one
:class:`ReferenceAudit` computed from the same reads, so they cannot disagree. The search itself,
:func:`references_by_model`, serves one Model here and every Model of the Models list at once.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from modelfs_lib.domain.references import reference_version
from modelfs_lib.domain.share_audit import namespaces_to_search
from modelfs_lib.domain.sharing import ShareFinding, audit_shares
from modelfs_lib.resources.dataset import Dataset
from modelfs_lib.resources.model import Model
from modelfs_lib.resources.namespace import Namespace
from modelfs_lib.resources.naming import MODEL_LABEL, dataset_name, reference_name


@dataclass(frozen=True)
class ReferenceAudit:
    """A Model's REFERENCE Datasets, the sharing audit, and what could not be read.

    ``references`` is None when no Dataset of another namespace could be read; ``findings`` is None
    when the namespaces (or the Datasets) are unknown. ``checked`` lists the namespaces searched one
    by one because the cluster-wide list was refused (``datasets_error`` says why); ``unreadable``
    maps a namespace whose Datasets could not be listed to the reason.
    """

    namespaces: list[Namespace] | None
    references: list[Dataset] | None
    findings: list[ShareFinding] | None
    namespaces_error: str = ""
    datasets_error: str = ""
    checked: list[str] | None = None
    unreadable: Mapping[str, str] = field(default_factory=dict)

    @property
    def searched(self) -> bool:
        """Whether any REFERENCE Datasets could be searched for."""
        return self.references is not None

    @property
    def error(self) -> str:
        """The one reason to show beside a summary: why the namespaces, or the Datasets, could not be read."""
        if self.namespaces is None and self.references is not None:
            return self.namespaces_error
        return self.datasets_error


def _named_in(text: str, start: str, names: Collection[str]) -> list[str]:
    """The Models of ``names`` that ``text`` could be about: ``<start><model>-...``, at each '-' after ``start``."""
    if not text.startswith(start):
        return []
    cuts = [i for i in range(len(start), len(text)) if text[i] == "-"]
    return [text[len(start) : i] for i in cuts if text[len(start) : i] in names]


def references_by_model(
    models: Sequence[Model], datasets: Iterable[Dataset], *, model_names: Collection[str] = ()
) -> dict[str, list[Dataset]]:
    """Each of ``models``' REFERENCE Datasets among ``datasets`` of other namespaces, by Model name.

    A Dataset is one of a Model's when :func:`~modelfs_lib.domain.references.reference_version` says so
    (by label, uri or name). One pass over ``datasets``: each is checked only against the Models its
    model label, uri or name can name, with those Models as the siblings that keep a longer name's
    references apart. Name and uri matter most: a real API server rejects the model label (its value
    holds '/'), so the controller's references may lack both labels or not exist.
    ``model_names`` are the other Models of the namespace (``models`` count too). Each list is
    sorted by namespace, then name.
    """
    found: dict[str, list[Dataset]] = {m.name: [] for m in models}
    wanted: dict[str, set[str]] = {}
    for model in models:
        wanted.setdefault(model.namespace, set()).add(model.name)
    siblings = {ns: names | set(model_names) for ns, names in wanted.items()}
    for dataset in datasets:
        target = dataset.reference_target
        if not dataset.is_reference and target is None:
            continue
        label = dataset.meta.labels.get(MODEL_LABEL, "")
        for source_ns, names in wanted.items():
            if dataset.namespace == source_ns:
                continue
            known = siblings[source_ns]
            # What precedes the Model's name: "share-<srcns>-" in a name, "mdl-" in a uri's Dataset name.
            if target is None:
                named = _named_in(dataset.name, reference_name(source_ns, "", "")[:-1], known)
            else:
                named = _named_in(target[1], dataset_name("", "")[:-1], known) if target[0] == source_ns else []
            labelled = label[len(source_ns) + 1 :] if label.startswith(f"{source_ns}/") else ""
            for name in {*named, labelled} & names:
                if reference_version(dataset, source_ns, name, sibling_models=named) is not None:
                    found[name].append(dataset)
    for references in found.values():
        references.sort(key=lambda d: (d.namespace, d.name))
    return found


def namespaces_to_read(model: Model, namespaces: Sequence[Namespace] | None, *, everywhere_refused: bool) -> list[str]:
    """The namespaces whose Datasets must be listed one by one: all but the Model's own, when the
    cluster-wide list was refused and the namespaces are known; none otherwise."""
    if not everywhere_refused or namespaces is None:
        return []
    return namespaces_to_search(model, namespaces)


def audit_references(
    model: Model,
    *,
    siblings: Collection[str],
    namespaces: Sequence[Namespace] | None,
    datasets: Mapping[str, Sequence[Dataset]] | None,
    everywhere_refused: bool,
    namespaces_error: str = "",
    datasets_error: str = "",
    unreadable: Mapping[str, str] | None = None,
) -> ReferenceAudit:
    """Search ``datasets`` (by namespace; None when none could be read) for ``model``'s references and audit them.

    ``everywhere_refused``: the cluster-wide list was refused, so ``datasets`` holds the namespaces
    of :func:`namespaces_to_read` that could be listed, and ``unreadable`` the others. ``siblings``
    are the names of the Models in its namespace (to tell ``a``'s references from ``a-b``'s).
    """
    known = list(namespaces) if namespaces is not None else None
    gaps = dict(unreadable or {})
    checked = namespaces_to_read(model, known, everywhere_refused=True) if everywhere_refused and known else None
    if datasets is None:
        return ReferenceAudit(known, None, None, namespaces_error, datasets_error, checked, gaps)
    others = [name for name in siblings if name != model.name]
    pool = {ns: list(items) for ns, items in datasets.items() if ns != model.namespace}
    searched = [dataset for items in pool.values() for dataset in items]
    references = references_by_model([model], searched, model_names=others)[model.name]
    if known is None:
        return ReferenceAudit(None, references, None, namespaces_error, datasets_error, checked, gaps)
    readable = set(pool) | {model.namespace} if everywhere_refused else None
    findings = audit_shares(model, known, references, readable_namespaces=readable, sibling_models=others)
    return ReferenceAudit(known, references, findings, namespaces_error, datasets_error, checked, gaps)
