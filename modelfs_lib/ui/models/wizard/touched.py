"""Which findings a version card shows before the user pressed Next: none while it is untouched.

A new card starts blank; every check it fails then ("not a repo", "no size") is noise until the
user has typed something in it or pressed Next. A card counts as touched once any of its fields
differs from a blank card's; from then on its findings show (its "is required" ones still wait for
Next, as everywhere in the wizard).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from modelfs_lib.domain.field_error import FieldError
from modelfs_lib.domain.model_form import VersionInput

_CARD_FIELD = re.compile(r"^versions\[(\d+)\]")
_ATTRIBUTES = {
    "name": ("name",),
    "repo": ("repo",),
    "revision": ("revision",),
    "precision": ("precision",),
    "storage": ("size", "storage_class", "access_modes"),
    "accessModes": ("access_modes",),
    "state": ("state",),
    "share": ("share_enabled", "selector_yaml", "opt_in_label"),
}
_BLANK = VersionInput()


def _untouched(card: VersionInput) -> bool:
    return all(getattr(card, a) == getattr(_BLANK, a) for attributes in _ATTRIBUTES.values() for a in attributes)


def touched_findings(findings: Iterable[FieldError], cards: Sequence[VersionInput]) -> list[FieldError]:
    """``findings`` without those on new cards the user has not touched yet."""
    kept = []
    for finding in findings:
        match = _CARD_FIELD.match(finding.field)
        if match is not None:
            index = int(match.group(1))
            if index < len(cards) and cards[index].is_new and _untouched(cards[index]):
                continue
        kept.append(finding)
    return kept
