"""Sharing rules: which namespaces a version is shared with, its REFERENCE Datasets, and the SRE audit.

For each version with ``share.enabled`` the controller lists every namespace, keeps those that
match ``namespaceSelector`` (when set) and ``requireOptInLabel`` (when set), and creates in each
of them except the Model's own a REFERENCE Dataset ``share-<srcns>-<model>-<version>`` with uri
``dataset://<srcns>/mdl-<model>-<version>``.

``requireOptInLabel`` has two readings, and every function here that matches namespaces takes
``quirk`` to choose one:

- documented (``quirk=False``): ``"key"`` means label ``key`` = ``"true"``; ``"key=value"`` is split
  at the first '='. The namespace must carry the label with exactly that value.
- controller (``quirk=True``): the string is split only when it ENDS with '=', at its last '=';
  otherwise the whole string is the key and the value is ``"true"``. The label is read like a Go
  map, so a missing label reads as ``""``. Hence ``"team=ml"`` asks for label ``team=ml`` =
  ``"true"`` (no namespace can carry a key with '='), and ``"team="`` asks for label ``team`` to be
  ``""``, which every namespace WITHOUT that label satisfies.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from modelfs_lib.domain.references import reference_version
from modelfs_lib.resources.dataset import Dataset
from modelfs_lib.resources.model import Model
from modelfs_lib.resources.model_version import ShareConfig
from modelfs_lib.resources.namespace import Namespace
from modelfs_lib.resources.naming import reference_name, reference_uri

__all__ = [
    "OptInReadings",
    "ShareFinding",
    "ShareState",
    "audit_shares",
    "compare_readings",
    "controller_opt_in_requirement",
    "matched_namespaces",
    "namespace_matches",
    "opt_in_matches",
    "opt_in_quirk_note",
    "opt_in_requirement",
]

DEFAULT_OPT_IN_VALUE = "true"


def opt_in_requirement(require_opt_in_label: str) -> tuple[str, str] | None:
    """The documented reading: ``"key"`` -> ``(key, "true")``; ``"key=value"`` -> split at the first '='.

    ``"key="`` gives ``(key, "")``: the label must be present with an empty value. None when empty.
    """
    if not require_opt_in_label:
        return None
    key, sep, value = require_opt_in_label.partition("=")
    return (key, value) if sep else (key, DEFAULT_OPT_IN_VALUE)


def controller_opt_in_requirement(require_opt_in_label: str) -> tuple[str, str] | None:
    """The current controller's reading: split only when the string ends with '=', at its LAST '='.

    So a split always yields the value ``""``: ``"team="`` -> ``("team", "")``, ``"a=b="`` ->
    ``("a=b", "")``, ``"="`` -> ``("", "")``; anything else is ``(whole string, "true")``, e.g.
    ``"team=ml"`` -> ``("team=ml", "true")``. None when empty. Matching under this reading treats a
    missing label as ``""`` (see :func:`opt_in_matches`).
    """
    if not require_opt_in_label:
        return None
    if require_opt_in_label.endswith("="):
        key, _, value = require_opt_in_label.rpartition("=")
        return key, value
    return require_opt_in_label, DEFAULT_OPT_IN_VALUE


def opt_in_matches(labels: Mapping[str, str], require_opt_in_label: str, *, quirk: bool = False) -> bool:
    """Whether labels satisfy ``requireOptInLabel`` (an empty requirement is satisfied by all).

    Documented reading: the label is present with the value. Controller reading (``quirk``): the
    label's value, ``""`` when missing, equals the value.
    """
    if quirk:
        requirement = controller_opt_in_requirement(require_opt_in_label)
        return requirement is None or labels.get(requirement[0], "") == requirement[1]
    requirement = opt_in_requirement(require_opt_in_label)
    return requirement is None or labels.get(requirement[0]) == requirement[1]


def opt_in_quirk_note(require_opt_in_label: str) -> str | None:
    """A sentence on how the controller's reading differs from the documented one; None when they agree."""
    documented = opt_in_requirement(require_opt_in_label)
    controller = controller_opt_in_requirement(require_opt_in_label)
    if documented is None or controller is None or (documented == controller and controller[1]):
        return None
    key, value = controller
    if not value:
        if "=" in key or not key:
            what = "every namespace the selector picks (no namespace can carry such a label)"
        else:
            what = f"every namespace WITHOUT a label {key!r} (or with it empty)"
        reads = f"requires label {key!r} to be empty or missing"
    else:
        what = "no namespace (a label key cannot contain '=')"
        reads = f"looks for a label named {key!r} with value {value!r}"
    documented_text = f"label {documented[0]!r} = {documented[1]!r}"
    return (
        f"The current controller reads {require_opt_in_label!r} differently: it {reads}, so it shares with "
        f"{what}. Documented meaning: {documented_text}. To get the documented meaning today, put the label "
        "in namespaceSelector.matchLabels and use a requireOptInLabel without '='."
    )


def namespace_matches(namespace: Namespace, share: ShareConfig, *, quirk: bool = False) -> bool:
    """Whether a namespace is selected by ``namespaceSelector`` (when set) and ``requireOptInLabel`` (when set).

    ``share.enabled`` is not consulted, nor is the Model's own namespace excluded.
    """
    labels = namespace.labels
    if share.namespace_selector is not None and not share.namespace_selector.matches(labels):
        return False
    return opt_in_matches(labels, share.require_opt_in_label, quirk=quirk)


def matched_namespaces(
    namespaces: Iterable[Namespace], share: ShareConfig, *, source_namespace: str, quirk: bool = False
) -> list[str]:
    """Names of the namespaces a version would be shared with, sorted, without the Model's own.

    ``share.enabled`` is not consulted (a preview works before sharing is switched on).
    """
    return sorted(
        {ns.name for ns in namespaces if ns.name != source_namespace and namespace_matches(ns, share, quirk=quirk)}
    )


@dataclass(frozen=True)
class OptInReadings:
    """The namespaces a share selects under each reading of ``requireOptInLabel`` (sorted lists)."""

    documented: list[str]
    controller: list[str]

    @property
    def documented_only(self) -> list[str]:
        """Selected as documented but skipped by the controller."""
        return [ns for ns in self.documented if ns not in self.controller]

    @property
    def controller_only(self) -> list[str]:
        """Selected by the controller but not by the documented reading."""
        return [ns for ns in self.controller if ns not in self.documented]

    @property
    def differs(self) -> bool:
        """Whether the two readings select different namespaces."""
        return self.documented != self.controller


def compare_readings(namespaces: Iterable[Namespace], share: ShareConfig, *, source_namespace: str) -> OptInReadings:
    """:func:`matched_namespaces` under both readings, for the UI to show side by side."""
    items = list(namespaces)
    return OptInReadings(
        documented=matched_namespaces(items, share, source_namespace=source_namespace),
        controller=matched_namespaces(items, share, source_namespace=source_namespace, quirk=True),
    )


class ShareState(StrEnum):
    """What the audit found for one version in one namespace."""

    PRESENT = "PRESENT"
    MISSING = "MISSING"
    STALE = "STALE"
    UNKNOWN = "UNKNOWN"


@dataclass(frozen=True)
class ShareFinding:
    """One row of the audit.

    ``reference_name`` is the existing Dataset's name (PRESENT, STALE) or the expected one (MISSING,
    UNKNOWN). ``quirk_differs`` is True when the controller's reading of ``requireOptInLabel`` decides
    this namespace differently from the documented one.
    """

    version: str
    namespace: str
    state: ShareState
    reference_name: str
    reason: str
    quirk_differs: bool = False


_MISSING = (
    "Expected here but not found: the controller has not created it yet, or failed to (a real API server "
    "rejects its label modelfs.samzong.dev/model, whose value holds '/')."
)


def _stale_reason(model: Model, version_name: str, reference: Dataset, expected: set[str], listed: set[str]) -> str:
    """Why a reference that is not PRESENT should not be there (see :func:`audit_shares`)."""
    if not version_name:
        return "It carries this Model's label but no version label, so its version cannot be told."
    version = model.version(version_name)
    if version is None:
        return "Its version is no longer in spec.versions, and the controller does not clean up after removed versions."
    if version.is_absent:
        return "The version is ABSENT: its Dataset is deleted, so this reference points at nothing."
    if version.share is None or not version.share.enabled:
        return "Sharing is switched off for this version."
    if reference.namespace == model.namespace:
        return "It is in the Model's own namespace, which is never shared into."
    wanted = reference_uri(model.namespace, model.name, version.name)
    if reference.source_uri != wanted:
        return f"It points at {reference.source_uri or 'nothing'!r} instead of {wanted!r}."
    if reference.namespace not in listed:
        return "Its namespace is not among the listed namespaces."
    if reference.namespace not in expected:
        return "The namespace no longer matches the namespaceSelector or requireOptInLabel."
    return "Another reference to this version is already present in this namespace."


def audit_shares(
    model: Model,
    namespaces: Iterable[Namespace],
    references: Iterable[Dataset],
    *,
    readable_namespaces: set[str] | None,
    quirk: bool = False,
    sibling_models: Collection[str] = (),
) -> list[ShareFinding]:
    """Compare where each version should be shared with the REFERENCE Datasets that exist.

    Expected: for each spec version that is PRESENT with ``share.enabled``, the namespaces
    :func:`matched_namespaces` selects (documented reading, or the controller's with ``quirk``).

    - PRESENT: expected, and a reference with the right uri exists there (one per namespace; the
      one with the expected name is preferred).
    - UNKNOWN: expected, none found, and the namespace is not in ``readable_namespaces`` (its
      Datasets could not be listed). None means every namespace was readable.
    - MISSING: expected, none found, namespace readable.
    - STALE: every other reference: its version is gone from the spec, ABSENT or no longer shared;
      its namespace no longer matches (or is the Model's own); it points elsewhere; or a duplicate.

    ``references`` are usually what :func:`~modelfs_lib.domain.reference_audit.references_by_model`
    found; others are ignored. Findings are ordered by spec version (unknown versions last, by
    name), namespace and reference name.
    """
    listed_namespaces = list(namespaces)
    listed = {ns.name for ns in listed_namespaces}
    by_version: dict[str, list[tuple[str, Dataset]]] = {}
    for reference in references:
        found = reference_version(reference, model.namespace, model.name, sibling_models=sibling_models)
        if found is not None:
            by_version.setdefault(found, []).append((reference.namespace, reference))

    findings: list[ShareFinding] = []
    claimed: set[tuple[str, str]] = set()
    expected_by_version: dict[str, set[str]] = {}
    differing_by_version: dict[str, set[str]] = {}
    for version in model.versions:
        share = version.share
        if share is None or not share.enabled or version.is_absent:
            continue
        readings = compare_readings(listed_namespaces, share, source_namespace=model.namespace)
        expected = readings.controller if quirk else readings.documented
        differing = set(readings.documented_only) | set(readings.controller_only)
        expected_by_version[version.name], differing_by_version[version.name] = set(expected), differing
        wanted = reference_uri(model.namespace, model.name, version.name)
        name = reference_name(model.namespace, model.name, version.name)
        for ns in expected:
            good = [d for n, d in by_version.get(version.name, []) if n == ns and d.source_uri == wanted]
            good.sort(key=lambda d: (d.name != name, d.name))
            if good:
                claimed.add((ns, good[0].name))
                state, ref_name, reason = ShareState.PRESENT, good[0].name, "Shared as expected."
            elif readable_namespaces is not None and ns not in readable_namespaces:
                state, ref_name, reason = ShareState.UNKNOWN, name, "Datasets in this namespace could not be read."
            else:
                state, ref_name, reason = ShareState.MISSING, name, _MISSING
                if ns in differing and not quirk:
                    reason = (
                        "Expected by the documented reading of requireOptInLabel, but the controller reads "
                        f"{share.require_opt_in_label!r} differently and will not create it."
                    )
            findings.append(ShareFinding(version.name, ns, state, ref_name, reason, ns in differing))

    for version_name, entries in by_version.items():
        for ns, reference in entries:
            if (ns, reference.name) in claimed:
                continue
            selected = expected_by_version.get(version_name, set())
            reason = _stale_reason(model, version_name, reference, selected, listed)
            differs = ns in differing_by_version.get(version_name, set())
            if differs and ns not in selected:
                reading = "documented" if quirk else "controller's"
                reason += f" The {reading} reading of requireOptInLabel selects it."
            findings.append(ShareFinding(version_name, ns, ShareState.STALE, reference.name, reason, differs))

    order = {v.name: i for i, v in enumerate(model.versions)}
    return sorted(findings, key=lambda f: (order.get(f.version, len(order)), f.version, f.namespace, f.reference_name))
