"""Reading a ``Status`` body (and a ``Retry-After`` header) from a failed response."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypedDict

from modelfs_lib.errors import FieldCause


class StatusCauseWire(TypedDict, total=False):
    """``details.causes[]`` as the API server sends it."""

    reason: str
    message: str
    field: str


class StatusDetailsWire(TypedDict, total=False):
    """``details`` of a Status."""

    name: str
    group: str
    kind: str
    causes: list[StatusCauseWire]
    retryAfterSeconds: int


class StatusWire(TypedDict, total=False):
    """A ``metav1.Status`` body."""

    kind: str
    status: str
    message: str
    reason: str
    details: StatusDetailsWire
    code: int


@dataclass(frozen=True)
class ApiStatus:
    """What a failed response said, read tolerantly.

    ``is_status`` is False when the body was not a JSON Status (for example the
    plain-text ``404 page not found`` for a resource type the server does not serve).
    """

    is_status: bool = False
    message: str = ""
    reason: str = ""
    name: str = ""
    kind: str = ""
    group: str = ""
    causes: tuple[FieldCause, ...] = ()
    retry_after: int | None = None
    text: str = ""


def parse_status(body: str | bytes | None, headers: Mapping[str, str] | None = None) -> ApiStatus:
    """An :class:`ApiStatus` from a response body and headers; never raises."""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body or ""
    retry_after = _retry_after(headers)
    try:
        data: Any = json.loads(text) if text.strip() else None
    except ValueError:
        data = None
    if not isinstance(data, dict) or data.get("kind") != "Status":
        return ApiStatus(retry_after=retry_after, text=_plain_text(text)[:300])
    details = data.get("details")
    details = details if isinstance(details, dict) else {}
    if retry_after is None and isinstance(details.get("retryAfterSeconds"), int):
        retry_after = details["retryAfterSeconds"]
    return ApiStatus(
        is_status=True,
        message=_str(data.get("message")),
        reason=_str(data.get("reason")),
        name=_str(details.get("name")),
        kind=_str(details.get("kind")),
        group=_str(details.get("group")),
        causes=_causes(details.get("causes")),
        retry_after=retry_after,
        text=text.strip()[:300],
    )


def _plain_text(text: str) -> str:
    """A body that is not a Status (a proxy's HTML error page, say) as one line of plain text."""
    return " ".join(re.sub(r"<[^>]*>", " ", text).split())


def _causes(raw: Any) -> tuple[FieldCause, ...]:
    if not isinstance(raw, list):
        return ()
    return tuple(
        FieldCause(field=_str(c.get("field")), message=_str(c.get("message")), reason=_str(c.get("reason")))
        for c in raw
        if isinstance(c, dict)
    )


def _retry_after(headers: Mapping[str, str] | None) -> int | None:
    if not headers:
        return None
    value = headers.get("Retry-After") or headers.get("retry-after")
    try:
        return max(0, int(str(value).strip())) if value is not None else None
    except ValueError:
        return None


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""
