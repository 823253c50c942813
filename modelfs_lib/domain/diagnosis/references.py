"""Why each REFERENCE Dataset of a shared version is, or is not, Ready with these controllers.

A share works only if the controller can create the reference (a real API server rejects its label
``modelfs.samzong.dev/model: <ns>/<model>``: '/' is not allowed in a label value) AND the Dataset
controller accepts it (the source Dataset needs ``spec.share: true``, which modelfs never sets, and a
matching ``spec.shareToNamespaceSelector`` when one is set).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from modelfs_lib.domain.diagnosis.findings import Finding, FindingKind, Severity, evidence
from modelfs_lib.domain.diagnosis.inputs import ModelEvidence
from modelfs_lib.domain.sharing import ShareFinding, ShareState, audit_shares
from modelfs_lib.domain.status import Phase, dataset_phase
from modelfs_lib.resources.dataset import Dataset
from modelfs_lib.resources.event import Event
from modelfs_lib.resources.model import Model
from modelfs_lib.resources.namespace import Namespace

REFERENCE_CREATE_FAILED = "ReferenceCreateFailed"


class Blocker(StrEnum):
    """What keeps one reference from being Ready."""

    NONE = "ready"
    LABEL_REJECTED = "label rejected"
    SOURCE_NOT_SHARED = "source not shared"
    SELECTOR_EXCLUDES = "source's shareToNamespaceSelector excludes it"
    VERSION_ABSENT = "version ABSENT"
    NAMESPACE_NO_LONGER_MATCHES = "namespace no longer matches"
    NOT_SHARED_ANYMORE = "sharing switched off or version removed"
    NOT_YET = "not reconciled yet"
    UNREADABLE = "not readable"


@dataclass(frozen=True)
class ReferenceVerdict:
    """One reference (present or expected) and why it is or is not Ready, in words."""

    version: str
    namespace: str
    reference: str
    state: ShareState
    blocker: Blocker
    why: str
    phase: str = ""


def _events_for(events: Iterable[Event], namespace: str, version: str) -> list[Event]:
    return [
        e for e in events if e.reason == REFERENCE_CREATE_FAILED and namespace in e.message and version in e.message
    ]


def _source_blocker(source: Dataset | None, namespace: str, labels: Mapping[str, str]) -> tuple[Blocker, str] | None:
    """Why the Dataset controller refuses a reference to ``source`` from ``namespace``; None when it accepts it."""
    if source is None:
        return Blocker.VERSION_ABSENT, "The Dataset it points at does not exist (the version is ABSENT or not synced)."
    if not source.share:
        return (
            Blocker.SOURCE_NOT_SHARED,
            f"The Dataset controller accepts a reference only when the source Dataset has spec.share: true; "
            f'modelfs never sets it on {source.name}, so the reference is FAILED ("source dataset is not shared").',
        )
    if source.share_selector is not None and not source.share_selector.matches(labels):
        return Blocker.SELECTOR_EXCLUDES, f"{source.name}'s spec.shareToNamespaceSelector does not match {namespace}."
    return None


def reference_verdicts(
    model: Model,
    share_findings: Sequence[ShareFinding],
    references: Iterable[Dataset],
    datasets: Iterable[Dataset] | None,
    namespaces: Iterable[Namespace],
    events: Iterable[Event] = (),
) -> list[ReferenceVerdict]:
    """A verdict for every row of the sharing audit (``share_findings`` from :func:`audit_shares`).

    ``datasets``: the Model's namespace's Datasets (None: unreadable, so source Datasets are not checked).
    """
    refs = {(r.namespace, r.name): r for r in references}
    own = {d.name: d for d in datasets or ()}
    labels = {ns.name: ns.labels for ns in namespaces}
    event_list = list(events)
    verdicts = []
    for row in share_findings:
        version = model.version(row.version)
        source = own.get(model.dataset_name(row.version))
        ref = refs.get((row.namespace, row.reference_name))
        phase = dataset_phase(ref).label if ref is not None else ""
        blocker, why = Blocker.NONE, "Ready."
        if row.state is ShareState.UNKNOWN:
            blocker, why = Blocker.UNREADABLE, row.reason
        elif row.state is ShareState.STALE:
            if version is not None and version.is_absent and version.share is not None and version.share.enabled:
                blocker = Blocker.VERSION_ABSENT
                why = (
                    "The version is ABSENT, so its Dataset is gone, but the controller reconciles sharing for every "
                    "version in the spec and keeps this reference (and recreates it if deleted). Switch sharing off "
                    "for the version to remove it."
                )
            elif "no longer matches" in row.reason:
                blocker, why = (
                    Blocker.NAMESPACE_NO_LONGER_MATCHES,
                    row.reason + (" The controller never deletes references in namespaces that stopped matching."),
                )
            else:
                blocker, why = Blocker.NOT_SHARED_ANYMORE, row.reason
        elif row.state is ShareState.MISSING:
            failed = _events_for(event_list, row.namespace, row.version)
            blocker = Blocker.LABEL_REJECTED
            why = (
                "The controller creates the reference with the label modelfs.samzong.dev/model: "
                f"{model.namespace}/{model.name}; a label value may not contain '/', so the API server rejects it."
            )
            if failed:
                why += f" Event: {failed[-1].message}"
            else:
                why += " (No creation attempt is recorded yet; the controller may also not have reached it.)"
        else:
            refused = (
                None if datasets is None else _source_blocker(source, row.namespace, labels.get(row.namespace, {}))
            )
            if refused is not None:
                blocker, why = refused
            elif ref is not None and dataset_phase(ref) is not Phase.READY:
                blocker, why = Blocker.NOT_YET, f"Phase {phase}: the Dataset controller has not accepted it yet."
        verdicts.append(
            ReferenceVerdict(row.version, row.namespace, row.reference_name, row.state, blocker, why, phase)
        )
    return verdicts


def reference_findings(ev: ModelEvidence) -> list[Finding]:
    """One finding per version and blocker, naming the namespaces it affects."""
    if ev.namespaces is None or ev.references is None:
        return []
    rows = audit_shares(
        ev.model, ev.namespaces, ev.references, readable_namespaces=None, sibling_models=ev.sibling_models
    )
    verdicts = reference_verdicts(ev.model, rows, ev.references, ev.datasets, ev.namespaces, ev.events or ())
    grouped: dict[tuple[str, Blocker], list[ReferenceVerdict]] = {}
    for verdict in verdicts:
        if verdict.blocker not in (Blocker.NONE, Blocker.UNREADABLE, Blocker.NOT_YET):
            grouped.setdefault((verdict.version, verdict.blocker), []).append(verdict)
    return [_finding(ev, version, blocker, items) for (version, blocker), items in grouped.items()]


_ACTIONS = {
    Blocker.LABEL_REJECTED: "Nothing in the Model can fix it: the controller's label is invalid. Until the operator "
    "is fixed, create the REFERENCE Dataset yourself in each namespace (without that label), and set "
    "spec.share: true on the source Dataset.",
    Blocker.SOURCE_NOT_SHARED: "Set spec.share: true on the source Dataset (kubectl patch); note the Model controller "
    "may rewrite the spec again on its next reconcile.",
    Blocker.SELECTOR_EXCLUDES: "Widen the source Dataset's spec.shareToNamespaceSelector or remove it.",
    Blocker.VERSION_ABSENT: "Switch sharing off for the ABSENT version: deleting the references alone does not last.",
    Blocker.NAMESPACE_NO_LONGER_MATCHES: "Delete the stale references in the Sharing tab once nothing uses them.",
    Blocker.NOT_SHARED_ANYMORE: "Delete the stale references in the Sharing tab once nothing uses them.",
}
_TITLES = {
    Blocker.LABEL_REJECTED: "cannot be created (label rejected)",
    Blocker.SOURCE_NOT_SHARED: "are refused: the source Dataset is not shared",
    Blocker.SELECTOR_EXCLUDES: "are refused: the source Dataset's share selector excludes the namespace",
    Blocker.VERSION_ABSENT: "point at a deleted Dataset (version ABSENT)",
    Blocker.NAMESPACE_NO_LONGER_MATCHES: "are stale: the namespace no longer matches",
    Blocker.NOT_SHARED_ANYMORE: "are stale",
}


def _finding(ev: ModelEvidence, version: str, blocker: Blocker, items: list[ReferenceVerdict]) -> Finding:
    stale = blocker in (Blocker.NAMESPACE_NO_LONGER_MATCHES, Blocker.NOT_SHARED_ANYMORE, Blocker.VERSION_ABSENT)
    namespaces = ", ".join(sorted({v.namespace for v in items}))
    facts: list[tuple[str, object]] = [("namespaces", namespaces)]
    facts += [(f"{v.namespace}/{v.reference}", v.phase or "not created") for v in items]
    return Finding(
        FindingKind.STALE_REFERENCE if stale else FindingKind.REFERENCE_BLOCKED,
        Severity.WARNING if stale else Severity.ERROR,
        f"Shares of version {version} {_TITLES[blocker]}",
        items[0].why,
        evidence(*facts),
        _ACTIONS[blocker],
        version=version,
    )
