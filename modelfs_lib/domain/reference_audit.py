"""One search and audit of a Model's REFERENCE Datasets, from whatever Dataset lists could be read.

The Datasets of other namespaces come from one cluster-wide list; where that is refused, from one
list per namespace (every namespace but the Model's own, so a reference left in a namespace that
stopped matching is found too: :func:`namespaces_to_read`). Every view that speaks of references
(the detail header, the Sharing tab, the delete confirmation, the findings) uses the one
:class:`ReferenceAudit` computed from the same reads, so they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from modelfs_lib.domain.references import find_references
from modelfs_lib.domain.share_audit import namespaces_to_search
from modelfs_lib.domain.sharing import ShareFinding, audit_shares
from modelfs_lib.resources.dataset import Dataset
from modelfs_lib.resources.model import Model
from modelfs_lib.resources.namespace import Namespace


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
    references = find_references(pool, model.namespace, model, sibling_models=others)
    if known is None:
        return ReferenceAudit(None, references, None, namespaces_error, datasets_error, checked, gaps)
    readable = set(pool) | {model.namespace} if everywhere_refused else None
    findings = audit_shares(model, known, references, readable_namespaces=readable, sibling_models=others)
    return ReferenceAudit(known, references, findings, namespaces_error, datasets_error, checked, gaps)
