"""Spotting credentials typed into a ModelSource's ``config``, which is stored and copied in plain text.

The controller merges ``config`` into every Dataset's ``spec.source.options``, readable by anyone
who can read Datasets. Credentials belong in a Secret named by ``secretRef``, whose keys the
controller merges in the same way but which RBAC can keep apart. The checks are heuristics: they
warn, they never block.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from modelfs_lib.domain.field_error import FieldError, Severity

CREDENTIAL_WORDS = frozenset(
    {
        "token",
        "key",
        "apikey",
        "accesskey",
        "secretkey",
        "password",
        "passwd",
        "pwd",
        "secret",
        "credential",
        "credentials",
        "auth",
        "authorization",
        "bearer",
        "cookie",
    }
)
"""Words that, inside a config key, mark it as holding a credential (``HF_TOKEN``, ``accessKeyId``, ``x-api-key``)."""

_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
_VALUE_SHAPES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"hf_[A-Za-z0-9]{20,}"), "a Hugging Face token"),
    (re.compile(r"(AKIA|ASIA|AGPA|AIDA|AROA)[A-Z0-9]{16}"), "an AWS access key id"),
    (re.compile(r"(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}"), "a GitHub token"),
    (re.compile(r"glpat-[A-Za-z0-9_-]{20,}"), "a GitLab token"),
    (re.compile(r"\bsk-[A-Za-z0-9]{20,}"), "an API key"),
    (re.compile(r"eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*"), "a JSON web token"),
    (re.compile(r"(Bearer|Basic|token)\s+\S{8,}", re.IGNORECASE), "an Authorization header"),
    (re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"), "a private key"),
)
_AWS_SECRET_SHAPE = re.compile(r"[A-Za-z0-9/+]{40}")
_HEX = re.compile(r"[0-9a-fA-F]+")


def _key_words(key: str) -> set[str]:
    """The words of a key and each adjacent pair joined: ``x-api-key`` -> {x, api, key, xapi, apikey}."""
    words = [w.lower() for w in _WORD.findall(key)]
    return set(words) | {a + b for a, b in itertools.pairwise(words)}


def key_looks_like_credential(key: str) -> bool:
    """Whether a config key names a credential (a word of :data:`CREDENTIAL_WORDS` in it)."""
    return bool(_key_words(key) & CREDENTIAL_WORDS)


def value_credential_kind(value: str) -> str | None:
    """What kind of credential a config value looks like (``"a Hugging Face token"``); None when none.

    Also catches a URL with a password (``https://user:pass@host``) and a 40-character AWS secret
    access key shape (but not a 40-hex git commit).
    """
    text = value.strip()
    for pattern, kind in _VALUE_SHAPES:
        if pattern.search(text):
            return kind
    if _AWS_SECRET_SHAPE.fullmatch(text) and not _HEX.fullmatch(text) and re.search(r"[A-Z]", text):
        return "an AWS secret access key"
    if "://" in text:
        try:
            if urlsplit(text).password:
                return "a URL with a password in it"
        except ValueError:
            return None
    return None


def credential_warnings(rows: Sequence[tuple[str, str]]) -> list[FieldError]:
    """Warnings for config rows whose key or value looks like a credential, pointing to ``secretRef``.

    A key is flagged at ``config[i].key``, otherwise a value at ``config[i].value``. The message
    never repeats the value.
    """
    warnings = []
    advice = (
        "config is stored in plain text and copied into every Dataset; put it in a Secret and "
        "reference it with secretRef instead"
    )
    for i, (key, value) in enumerate(rows):
        if key and key_looks_like_credential(key):
            warnings.append(
                FieldError(f"config[{i}].key", f"{key!r} looks like a credential: {advice}.", Severity.WARNING)
            )
            continue
        kind = value_credential_kind(value) if value else None
        if kind:
            message = f"The value of {key or 'this row'!r} looks like {kind}: {advice}."
            warnings.append(FieldError(f"config[{i}].value", message, Severity.WARNING))
    return warnings
