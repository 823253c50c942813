"""The name a create meant to use, taken by someone else between the review and the apply."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from modelfs_lib.domain.inert_text import inert
from modelfs_lib.domain.times import exact_time
from modelfs_lib.resources.base import ParseError, parse_time
from modelfs_lib.resources.naming import FIELD_MANAGER

"""This console's field manager: an object it created names no other creator."""


def creator(raw: Mapping[str, Any]) -> str:
    """Who created the object, as far as ``metadata.managedFields`` tells: the manager of its first entry.

    "someone" when the object lists no manager (managed fields stripped, or an API server that keeps none).
    """
    meta = raw.get("metadata")
    fields = meta.get("managedFields") if isinstance(meta, Mapping) else None
    if isinstance(fields, list):
        for entry in fields:
            manager = entry.get("manager") if isinstance(entry, Mapping) else None
            if isinstance(manager, str) and manager:
                return manager
    return "someone"


def taken_message(kind: str, name: str, namespace: str, raw: Mapping[str, Any]) -> str:
    """Markdown saying that ``name`` was created meanwhile, by whom and when (every cluster value inert)."""
    meta = raw.get("metadata")
    created = None
    if isinstance(meta, Mapping):
        try:
            created = parse_time(meta.get("creationTimestamp"), "metadata.creationTimestamp")
        except ParseError:
            created = None
    who = creator(raw)
    by = "another session of this console" if who == FIELD_MANAGER else f"**{inert(who, limit=100)}**"
    when = f" at {exact_time(created)}" if created is not None else ""
    return (
        f"{kind} **{inert(name)}** was created in {inert(namespace)} by {by}{when}, after you began: nothing was "
        "sent. Go back and choose another name, or open that object and edit it."
    )
