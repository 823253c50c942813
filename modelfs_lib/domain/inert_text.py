"""Text read from the cluster, made safe to put into Streamlit markdown.

Any field of a cluster object is written by whoever may edit it, so the console treats it as
hostile: it never becomes an image (which every viewer's browser would fetch), raw HTML, a
Streamlit directive (``:red[...]``, ``:material/...:``), LaTeX, or a link other than http(s).
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
"""Every ASCII punctuation character: CommonMark lets each be escaped with a backslash."""

LINK_SCHEMES = frozenset({"http", "https"})
"""The only schemes a link taken from a cluster object may have."""

MAX_URL = 2048
"""A longer URL is shown as text, not as a link."""


def inert(text: object, *, limit: int | None = None) -> str:
    """``text`` as markdown that renders literally: every punctuation escaped, line breaks kept.

    ``limit`` cuts the text to that many characters (with an ellipsis) before escaping.
    """
    value = str(text)
    if limit is not None and len(value) > limit:
        value = value[: max(limit - 1, 0)] + "…"
    escaped = _PUNCTUATION.sub(r"\\\1", value)
    lines = [line.strip() for line in escaped.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "  \n".join(lines)


def safe_href(url: str) -> str | None:
    """``url`` when it is an absolute http(s) URL with a host, percent-encoded for a markdown link; else None."""
    candidate = url.strip()
    if not candidate or len(candidate) > MAX_URL or any(ord(c) < 0x20 or c.isspace() for c in candidate):
        return None
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in LINK_SCHEMES or not parts.hostname:
        return None
    return quote(candidate, safe="/:?#[]@!$&'*+,;=%~-._")


def inert_link(label: str, url: str) -> str:
    """A markdown link to ``url`` labelled ``label`` when ``url`` is http(s); otherwise ``url`` as inert text."""
    href = safe_href(url)
    if href is None:
        return inert(url, limit=200)
    href = href.replace("(", "%28").replace(")", "%29").replace("'", "%27")
    return f"[{inert(label, limit=200)}]({href})"


_IMAGE = re.compile(r"!(?=\s*\[)")
_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_DEFINITION = re.compile(r"^(\s{0,3})\[(?=[^\]]+\]:)", re.MULTILINE)


def safe_markdown(text: str) -> str:
    """Markdown the console composed around cluster text, with what a hostile value could add disarmed.

    Images become links (``\\!``), raw HTML and autolinks are escaped (``\\<``), inline links to
    anything but http(s) lose their link syntax, and reference definitions are escaped (their
    destination cannot be checked where they are used). Emphasis, code and line breaks stay.
    """
    text = _IMAGE.sub(r"\\!", text.replace("<", r"\<"))
    text = _DEFINITION.sub(r"\1\\[", text)

    def link(match: re.Match[str]) -> str:
        return match.group(0) if safe_href(match.group(1)) is not None else "\\]\\(" + match.group(0)[2:]

    return _LINK.sub(link, text)
