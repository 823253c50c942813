"""Rolling out new weights as a new version, instead of editing the repo or revision of a live one.

The Dataset of a live version cannot change its uri (:mod:`modelfs_lib.domain.uri_guard`), so the
wizard offers to move an edited repo/revision onto a new version card and to put the live values
back: :func:`split_to_new_version`, with a name from :func:`suggest_version_name` that passes the
same checks as a typed one.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import replace

from modelfs_lib.domain.model_form import VersionInput
from modelfs_lib.domain.validation import check_dataset_name_fits, check_dns1123_name, longest_version_name
from modelfs_lib.resources.model_version import PRESENT, ModelVersion
from modelfs_lib.resources.naming import DEFAULT_REVISION

_NOT_LABEL = re.compile(r"[^a-z0-9]+")
_TRIES = 99


def _slug(text: str) -> str:
    """``text`` as label characters: lower case, every other run of characters one '-'."""
    return _NOT_LABEL.sub("-", text.lower()).strip("-")


def _valid(model: str, name: str, taken: Collection[str]) -> bool:
    if name in taken or check_dns1123_name(name, "name", label=True):
        return False
    return not check_dataset_name_fits(model, name)


def _fitted(base: str, suffix: str, room: int) -> str:
    """``<base>-<suffix>``, ``base`` cut so that the whole has at most ``room`` characters."""
    keep = room - len(suffix) - 1
    head = base[: max(keep, 0)].rstrip("-")
    return f"{head}-{suffix}" if head else suffix


def suggest_version_name(model: str, base: str, revision: str, taken: Collection[str]) -> str:
    """A valid, unused name for a new version next to ``base``; ``""`` when none fits.

    From the revision when it is not ``main`` (``fp16`` at ``v2.1`` -> ``fp16-v2-1``), else
    ``<base>-2``, ``<base>-3`` ...; ``base`` is shortened when the derived names would be too long.
    Every suggestion is a DNS-1123 label whose Dataset and sync Job names fit, not in ``taken``.
    """
    room = longest_version_name(model)
    if room < 1:
        return ""
    base = _slug(base) or "v"
    suffixes = [_slug(revision)] if revision and revision != DEFAULT_REVISION and _slug(revision) else []
    suffixes += [str(n) for n in range(2, _TRIES + 2)]
    for suffix in suffixes:
        name = _fitted(base, suffix[:room], room)
        if _valid(model, name, taken):
            return name
    return ""


def split_to_new_version(
    card: VersionInput, live: ModelVersion, *, model: str, taken: Collection[str]
) -> tuple[VersionInput, VersionInput]:
    """``card`` back at ``live``'s repo and revision, and a new card (state PRESENT, not shared) carrying the
    edited repo and revision with its precision, storage and metadata, named by :func:`suggest_version_name`.
    """
    restored = replace(card, repo=live.repo, revision=live.revision)
    name = suggest_version_name(model, live.name, card.revision if card.revision != live.revision else "", taken)
    new = replace(
        card,
        name=name,
        live_name="",
        state=PRESENT,
        share_enabled=False,
        selector_yaml="",
        opt_in_label="",
        kept_share=False,
    )
    return restored, new
