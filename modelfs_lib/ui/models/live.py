"""One Model read straight from the API server, bypassing the shared list cache.

The wizard needs the object as it is now: its resourceVersion when editing begins, and the live
spec to compare with just before applying.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from modelfs_lib.errors import ModelfsError, NotFound
from modelfs_lib.resources import Model
from modelfs_lib.ui.shell import ShellState


@dataclass(frozen=True)
class LiveRead:
    """The object as the API server sent it; None with no error when it does not exist."""

    raw: dict[str, Any] | None = None
    error: ModelfsError | None = None


def read_model(state: ShellState, name: str) -> LiveRead:
    """GET Model ``name`` in the chosen namespace."""
    if state.connection is None:
        return LiveRead()
    try:
        raw = state.connection.client.get_raw(Model, namespace=state.namespace, name=name)
    except NotFound:
        return LiveRead()
    except ModelfsError as e:
        return LiveRead(error=e)
    return LiveRead(raw=raw)
