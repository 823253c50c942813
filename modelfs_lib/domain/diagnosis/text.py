"""Small helpers for evidence text: URIs without credentials, quantities, names."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit


def safe_uri(uri: str) -> str:
    """``uri`` with any user:password part replaced by ``***`` (a repo URL may carry credentials)."""
    try:
        parts = urlsplit(uri)
    except ValueError:
        return uri
    if not parts.netloc or "@" not in parts.netloc:
        return uri
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"***@{host}"))
