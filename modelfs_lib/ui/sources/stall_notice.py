"""Before a ModelSource edit that changes its Datasets' immutable type or uri: the Model versions it stalls.

Listed in the form and again on the review, where applying needs an explicit acknowledgement (it is
the user's cluster). Models and Datasets come from the shared cache (:mod:`modelfs_lib.ui.data`);
when either cannot be listed, the notice says the check could not be done.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import streamlit as st

from modelfs_lib.domain.expected_dataset import uri_inputs_changed
from modelfs_lib.domain.uri_guard import StalledVersion, stalled_by_source_edit
from modelfs_lib.errors import Forbidden, ModelfsError
from modelfs_lib.resources import Dataset, Model, ModelSource
from modelfs_lib.ui import data
from modelfs_lib.ui.feedback import error_text
from modelfs_lib.ui.shell import ShellState

ACK_PREFIX = "sources.wizard.stall_ack"
"""The start of the acknowledgement checkbox's key (one key per list of stalled versions)."""


@dataclass(frozen=True)
class StallCheck:
    """What a ModelSource edit would stall: ``changed`` (``type``, config keys), the versions, and, when the
    Models or Datasets could not be listed, why the check is not complete."""

    source: str
    changed: tuple[str, ...]
    stalled: tuple[StalledVersion, ...]
    incomplete: str = ""

    @property
    def needs_acknowledgement(self) -> bool:
        """Whether applying must wait for the user to say they accept the consequences."""
        return bool(self.stalled or self.incomplete)

    @property
    def ack_key(self) -> str:
        """The checkbox key: a new list of stalled versions needs a new acknowledgement."""
        text = repr((self.source, self.changed, self.stalled, self.incomplete))
        return f"{ACK_PREFIX}.{hashlib.sha256(text.encode()).hexdigest()[:12]}"


def _reason(what: str, namespace: str, error: ModelfsError) -> str:
    if isinstance(error, Forbidden):
        return f"you may not list {what} in {namespace}"
    return f"{what} in {namespace} could not be listed ({error_text(error)[0]})"


def check(state: ShellState, old: ModelSource, new: ModelSource) -> StallCheck | None:
    """The check of editing ``old`` into ``new``; None when no uri input changes."""
    changed = uri_inputs_changed(old, new)
    if not changed:
        return None
    namespace = state.namespace or ""
    models = data.load(state.key, Model, state.namespace)
    if models.error is not None:
        return StallCheck(old.name, changed, (), _reason("Models", namespace, models.error))
    datasets = data.load(state.key, Dataset, state.namespace)
    listed = datasets.items if datasets.error is None else None
    stalled = tuple(stalled_by_source_edit(old, new, models.items, listed))
    users = any(m.source_ref == old.name for m in models.items)
    incomplete = _reason("Datasets", namespace, datasets.error) if datasets.error is not None and users else ""
    return StallCheck(old.name, changed, stalled, incomplete)


def render(result: StallCheck, *, key: str) -> None:
    """The notice: the versions that would stall with the source each has and needs, or why it is unknown."""
    changes = ", ".join(f"`{c}`" for c in result.changed)
    with st.container(border=True, key=key):
        if result.stalled:
            st.warning(
                f"**This edit changes {changes}, which the Datasets of {len(result.stalled)} Model version(s) "
                "were built from.** A Dataset's type and uri are immutable: the controller's update of each "
                "would fail and it would stall at each of these versions. They keep their old data, and later "
                "versions of those Models stop reconciling (no condition says so; only observedGeneration stays "
                "behind). Prefer creating a new ModelSource and new versions that use it.",
                icon=":material/block:",
            )
            rows = [
                {"Model": s.model, "Version": s.version, "Dataset": s.dataset, "Has": s.has, "Would need": s.needs}
                for s in result.stalled
            ]
            st.dataframe(rows, hide_index=True)
        if result.incomplete:
            st.warning(
                f"**The check could not be done:** {result.incomplete}, so the console cannot tell which Model "
                f"versions using this source have a Dataset that this change of {changes} would stall"
                + (" (the versions listed come from the Models' status only)." if result.stalled else "."),
                icon=":material/help:",
            )


def acknowledged(result: StallCheck) -> bool:
    """The acknowledgement checkbox; whether it is ticked."""
    return st.checkbox(
        "I understand: apply anyway, and these versions stall",
        key=result.ack_key,
        help="Applying changes the source of every Model that uses it; the console does not undo it.",
    )
