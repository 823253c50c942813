"""A version's ``repo``: the format each ModelSource type needs, an example, and advice.

The controller turns the repo into the Dataset's ``spec.source.uri``: ``huggingface://<repo>`` and
``modelscope://<repo>`` for the hubs, the repo as it is for HTTP, S3 and GIT (a ModelSource config
key ``uri`` overrides both).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from modelfs_lib.domain.field_error import FieldError, Severity
from modelfs_lib.resources.model_source import SOURCE_TYPES

_HUB_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*")
_BUCKET = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")
_SCP_LIKE = re.compile(r"[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\s]+")


def repo_placeholder(source_type: str) -> str:
    """An example repo for the source type, for the input's placeholder."""
    return {
        "HUGGING_FACE": "Qwen/Qwen2.5-0.5B-Instruct",
        "MODEL_SCOPE": "qwen/Qwen2.5-0.5B-Instruct",
        "S3": "s3://my-bucket/models/qwen2.5-0.5b",
        "GIT": "https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct",
        "HTTP": "https://example.com/models/qwen2.5-0.5b.tar.gz",
        "PVC": "models/qwen2.5-0.5b",
        "NFS": "/exports/models/qwen2.5-0.5b",
        "CONDA": "qwen-runtime",
        "REFERENCE": "dataset://team-a/mdl-qwen3-fp16",
    }.get(source_type, "what the source should fetch")


def _url_problem(repo: str, schemes: tuple[str, ...]) -> str | None:
    """Why ``repo`` is not a URL with one of ``schemes`` and a host; None when it is."""
    try:
        parts = urlsplit(repo)
    except ValueError:
        return f"{repo!r} is not a URL"
    if parts.scheme not in schemes or not parts.hostname:
        return f"expected a URL starting with {' or '.join(s + '://' for s in schemes)}"
    return None


def _repo_problem(source_type: str, repo: str) -> str | None:
    if source_type in ("HUGGING_FACE", "MODEL_SCOPE"):
        example = repo_placeholder(source_type)
        if "://" in repo or repo.startswith(("huggingface.co/", "modelscope.cn/", "www.")):
            return f"give only owner/model (e.g. {example}), not a URL"
        if "@" in repo:
            return "put the revision in the Revision field, not after '@'"
        return None if _HUB_ID.fullmatch(repo) else f"expected owner/model, e.g. {example}"
    if source_type == "S3":
        bucket, slash, path = repo.removeprefix("s3://").partition("/")
        if not _BUCKET.fullmatch(bucket):
            return (
                "expected bucket/path (e.g. my-bucket/models/qwen); "
                "a bucket name is 3-63 lower-case letters, digits, '.' and '-'"
            )
        return None if slash and path.strip("/") else "expected bucket/path: add the path inside the bucket"
    if source_type == "GIT":
        if _SCP_LIKE.fullmatch(repo):
            return None
        return _url_problem(repo, ("https", "http", "ssh"))
    if source_type == "HTTP":
        return _url_problem(repo, ("https", "http"))
    return None


def check_repo(source_type: str, repo: str, field: str) -> list[FieldError]:
    """A version's ``repo`` in the format its ModelSource's type needs.

    HUGGING_FACE, MODEL_SCOPE: ``owner/model`` (no URL, no ``@revision``). S3: ``bucket/path``, also
    as ``s3://bucket/path``. GIT: an http(s) or ssh:// URL, or ``git@host:path``. HTTP: an http(s)
    URL. PVC, NFS, CONDA, REFERENCE and an unknown type (the ModelSource may not be found yet):
    non-empty, the latter with a softer message. Leading or trailing spaces are always an error.
    """
    if not repo.strip():
        known = source_type in SOURCE_TYPES
        return [FieldError.empty(field, "is required" if known else "is required (the source type is not known yet)")]
    if repo != repo.strip():
        return [FieldError(field, "remove the spaces at the start or end")]
    problem = _repo_problem(source_type, repo)
    return [FieldError(field, problem)] if problem else []


def repo_warnings(source_type: str, repo: str, field: str) -> list[FieldError]:
    """Advice on a repo that passes :func:`check_repo` but may not sync.

    S3 without ``s3://``: the controller copies the repo into the Dataset's uri as it is, and the
    Dataset loader accepts only ``s3://`` uris, unless the ModelSource's config sets ``uri``.
    """
    if source_type == "S3" and repo and not repo.startswith("s3://") and not check_repo(source_type, repo, field):
        message = (
            f"the Dataset loader reads S3 uris as s3://bucket/path and the repo is copied as it is: "
            f"write s3://{repo} unless the ModelSource's config sets uri"
        )
        return [FieldError(field, message, Severity.WARNING)]
    return []
