"""The SRE view of a Model's sharing: where each version goes, what exists there, and what could not be checked.

Built on :mod:`modelfs_lib.domain.sharing`: the documented reading of ``requireOptInLabel``
decides where a version is meant to go; the controller's reading is set beside it where they
differ. The REFERENCE Datasets are searched in every namespace but the Model's own, so that a
reference left in a namespace that stopped matching is found too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from modelfs_lib.domain.share_summary import selector_text
from modelfs_lib.domain.sharing import (
    ShareFinding,
    ShareState,
    compare_readings,
    controller_opt_in_requirement,
    opt_in_quirk_note,
    opt_in_requirement,
)
from modelfs_lib.resources.model import Model
from modelfs_lib.resources.namespace import Namespace


@dataclass(frozen=True)
class VersionShare:
    """Where one shared version goes: its selector and opt-in as read, and the namespaces each reading selects."""

    version: str
    selector: str
    opt_in: str
    documented_opt_in: str
    controller_opt_in: str
    documented: list[str]
    controller: list[str]
    quirk_note: str | None

    @property
    def differs(self) -> bool:
        """Whether the controller shares with other namespaces than documented."""
        return self.documented != self.controller


def _requirement_text(requirement: tuple[str, str] | None) -> str:
    return "" if requirement is None else f"{requirement[0]}={requirement[1]}"


def version_shares(model: Model, namespaces: Iterable[Namespace]) -> list[VersionShare]:
    """One :class:`VersionShare` per PRESENT version with ``share.enabled``, in spec order."""
    listed = list(namespaces)
    shares = []
    for version in model.versions:
        share = version.share
        if share is None or not share.enabled or version.is_absent:
            continue
        readings = compare_readings(listed, share, source_namespace=model.namespace)
        opt_in = share.require_opt_in_label
        shares.append(
            VersionShare(
                version=version.name,
                selector=selector_text(share.namespace_selector),
                opt_in=opt_in,
                documented_opt_in=_requirement_text(opt_in_requirement(opt_in)),
                controller_opt_in=_requirement_text(controller_opt_in_requirement(opt_in)),
                documented=readings.documented,
                controller=readings.controller,
                quirk_note=opt_in_quirk_note(opt_in),
            )
        )
    return shares


def unshared_versions(model: Model) -> list[str]:
    """Names of the versions that are not shared (sharing off, or ABSENT)."""
    return [v.name for v in model.versions if v.is_absent or v.share is None or not v.share.enabled]


def namespaces_to_search(model: Model, namespaces: Iterable[Namespace]) -> list[str]:
    """Every listed namespace but the Model's own, sorted: where REFERENCE Datasets may be."""
    return sorted({ns.name for ns in namespaces if ns.name != model.namespace})


def stale_references(findings: Sequence[ShareFinding]) -> list[ShareFinding]:
    """The STALE findings: REFERENCE Datasets that should not be there."""
    return [f for f in findings if f.state is ShareState.STALE]


def bulk_deletable(findings: Sequence[ShareFinding]) -> tuple[list[ShareFinding], list[ShareFinding]]:
    """The stale references "delete all" removes, and those it leaves because the controller would recreate them.

    A reference the controller's reading of ``requireOptInLabel`` still selects is stale as documented,
    but the controller would create it again right after.
    """
    stale = stale_references(findings)
    return [f for f in stale if not f.quirk_differs], [f for f in stale if f.quirk_differs]


def audit_gaps(*, namespaces_error: str, unreadable: Mapping[str, str], datasets_searched: bool) -> list[str]:
    """Sentences on the parts of the audit that could not be done.

    ``namespaces_error``: why namespaces could not be listed ("" when they could). ``unreadable``:
    namespace -> why its Datasets could not be listed. ``datasets_searched``: whether any
    REFERENCE Datasets could be searched for at all.
    """
    gaps = []
    if namespaces_error:
        gaps.append(
            "Which namespaces each version is shared with could not be worked out, so no reference can be told "
            f"missing, and none stale because its namespace stopped matching: listing namespaces failed. "
            f"{namespaces_error}"
        )
    if namespaces_error and not datasets_searched:
        gaps.append("REFERENCE Datasets were not searched for: without the namespaces there is nowhere to look.")
    if unreadable:
        names = ", ".join(sorted(unreadable))
        reason = next(iter(sorted(unreadable.items())))[1]
        gaps.append(
            f"Datasets could not be listed in {len(unreadable)} namespace(s): {names}. Whether references there "
            f"are present, missing or stale is unknown. {reason}"
        )
    return gaps


STATE_TEXT = {
    ShareState.PRESENT: "present",
    ShareState.MISSING: "missing",
    ShareState.STALE: "stale",
    ShareState.UNKNOWN: "not readable",
}
"""How each audit state reads in the table."""
