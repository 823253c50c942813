"""Deleting a Model, from the list or the detail: say what goes with it, ask for its name, send one DELETE."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import streamlit as st

from modelfs_lib.domain.model_delete import delete_consequences, owned_datasets
from modelfs_lib.errors import ModelfsError
from modelfs_lib.resources import Dataset, Model
from modelfs_lib.ui import data, writes
from modelfs_lib.ui import state as keys
from modelfs_lib.ui.access import permission
from modelfs_lib.ui.confirm import confirm_by_name, dialog
from modelfs_lib.ui.feedback import error_text, show_error
from modelfs_lib.ui.models.reads import reference_audit
from modelfs_lib.ui.shell import ShellState

DELETING_KEY = keys.MODEL_DELETING
"""Per namespace: the name of the Model whose delete confirmation is open."""
FLASH_KEY = keys.MODEL_FLASH
"""A message to show once on the next run (after a delete)."""


def open_confirmation(namespace: str | None, name: str) -> None:
    """Open the delete confirmation of Model ``name`` in ``namespace`` (a button callback)."""
    keys.put(DELETING_KEY, namespace, value=name)


def close_confirmation(namespace: str | None) -> None:
    """Close the delete confirmation open in ``namespace``, if any (a button callback)."""
    keys.drop(DELETING_KEY, namespace)


def deleting(namespace: str | None) -> str | None:
    """The Model of ``namespace`` whose confirmation is open, if any."""
    name = keys.get(DELETING_KEY, namespace)
    return name if isinstance(name, str) and name else None


def show_flash() -> None:
    """The message a previous run left (e.g. "Model x is being deleted"), once."""
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.success(message, icon=":material/delete:")


def consequences(state: ShellState, model: Model, siblings: Iterable[str]) -> list[str]:
    """What goes with ``model``: its Datasets and PVCs, and its REFERENCE Datasets in other namespaces."""
    datasets = data.load(state.key, Dataset, model.namespace)
    owned = owned_datasets(model, datasets.items) if datasets.ok else None
    refs = reference_audit(state, model, siblings)
    references = refs.references if refs.checked != [] else None
    return delete_consequences(
        model,
        owned,
        references,
        owned_error=error_text(datasets.error)[0] if datasets.error is not None else "",
        references_error=refs.error,
        checked_namespaces=refs.checked,
    )


def confirmation(
    state: ShellState, model: Model, *, siblings: Iterable[str], key: str, after: Callable[[], None]
) -> None:
    """The confirmation dialog; on a confirmed delete, ``after()`` (which navigates or reruns)."""
    names = list(siblings)

    def body() -> None:
        allowed = permission(state, "delete", "Model")
        clicked = confirm_by_name(
            kind="Model",
            name=model.name,
            consequences=consequences(state, model, names),
            key=key,
            disabled_reason="" if allowed.allowed else allowed.reason,
        )
        if st.button("Cancel", key=f"{key}.cancel", icon=":material/close:"):
            close_confirmation(model.namespace)
            st.rerun()
        if not clicked:
            return
        try:
            writes.delete(state, Model, name=model.name)
        except ModelfsError as e:
            show_error(e, action=f"Deleting Model {model.name}")
            return
        close_confirmation(model.namespace)
        st.session_state[FLASH_KEY] = (
            f"Model {model.name} is being deleted: the controller removes its REFERENCE Datasets and Datasets first."
        )
        after()

    dialog(f"Delete Model {model.name}", body, on_dismiss=lambda: close_confirmation(model.namespace))
