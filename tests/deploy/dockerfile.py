"""Reading the Dockerfile at the repository's root as text: its instructions and their arguments."""

from __future__ import annotations

import json

from tests.conftest import REPO_ROOT

DOCKERFILE = REPO_ROOT / "Dockerfile"


def instructions() -> list[tuple[str, str]]:
    """``(INSTRUCTION, arguments)`` in order, continuation lines joined and comments dropped."""
    result: list[tuple[str, str]] = []
    pending = ""
    for raw in DOCKERFILE.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        line, pending = pending + line, ""
        keyword, _, args = line.partition(" ")
        result.append((keyword.upper(), args.strip()))
    assert not pending, "the Dockerfile ends inside a continued line"
    return result


def arguments(keyword: str) -> list[str]:
    """The arguments of every ``keyword`` instruction, in order."""
    return [args for kw, args in instructions() if kw == keyword]


def exec_form(args: str) -> list[str]:
    """A JSON-array (exec form) argument; fails on the shell form."""
    parsed = json.loads(args)
    assert isinstance(parsed, list), args
    return [str(item) for item in parsed]
