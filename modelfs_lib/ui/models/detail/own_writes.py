"""The console's own last write to each Model, so that the next write starts from it.

A page may still show a Model as it was before this session's own write (the list catches up a
moment later), and the controller's status writes move the resourceVersion in between. A write
therefore starts from the newer of what is shown and what the last own write returned.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from modelfs_lib.resources import Model

OWN_KEY = "day2.model.own_write"
"""``{"<ns>/<model>": raw}``: the API server's answer to this session's last write of the Model."""


def _slot(namespace: str, name: str) -> str:
    return f"{namespace}/{name}"


def _version(raw: Mapping[str, Any]) -> str:
    meta = raw.get("metadata")
    return str(meta.get("resourceVersion", "")) if isinstance(meta, Mapping) else ""


def remember(model: Model, answer: Mapping[str, Any]) -> None:
    """Keep the API server's answer to a write of ``model``."""
    st.session_state.setdefault(OWN_KEY, {})[_slot(model.namespace, model.name)] = dict(answer)


def latest(model: Model) -> Model:
    """``model`` as shown, or the answer to this session's last write of it when that is newer."""
    own = st.session_state.get(OWN_KEY, {}).get(_slot(model.namespace, model.name))
    if not isinstance(own, Mapping):
        return model
    mine, shown = _version(own), model.meta.resource_version
    if mine.isdigit() and shown.isdigit() and int(mine) > int(shown):
        return Model.from_dict(own)
    return model
