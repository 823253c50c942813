"""A version's lifecycle actions: Delete version (set ABSENT), Restore, Remove from spec, Share and Stop sharing.

Each write is a merge patch of the whole ``spec.versions`` guarded by the Model's resourceVersion
(see :mod:`modelfs_lib.domain.version_lifecycle`); "Share" and "Stop sharing" open their own dialogs
(:mod:`share_dialog`, :mod:`stop_sharing`), which end in a server-side apply.
Every confirmation is a dialog: "Delete version" asks for the version's name; "Remove from spec" is
offered only once the controller has deleted the Dataset (refused with the reason before that),
names the version, and drops ``?version=`` once it is gone. Read-only mode shows the state and no action.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from modelfs_lib.domain.concurrent_edit import changed_by
from modelfs_lib.domain.manifests import with_version_state, without_version
from modelfs_lib.domain.version_lifecycle import (
    REMOVAL_EXPLANATION,
    Lifecycle,
    Stage,
    consequences_of_absent,
    lifecycle,
    versions_patch,
    write_failure,
)
from modelfs_lib.errors import ModelfsError
from modelfs_lib.resources import Dataset, Model
from modelfs_lib.resources.model_version import ABSENT, PRESENT
from modelfs_lib.ui import data, writes
from modelfs_lib.ui import state as keys
from modelfs_lib.ui.access import Permission, permission
from modelfs_lib.ui.confirm import confirm_action, confirm_by_name, dialog
from modelfs_lib.ui.models.detail import share_dialog, stop_sharing
from modelfs_lib.ui.shell import ShellState

FLASH_KEY = keys.VERSION_FLASH
"""``{"<ns>/<model>/<version>": (ok, sentence)}``: the outcome of the last action on a version."""
CONFIRM_KEY = keys.VERSION_CONFIRM
"""The ``"<ns>/<model>/<version>"`` whose "Delete version" confirmation is open."""
REMOVE_KEY = "day2.version.removing"
"""The ``"<ns>/<model>/<version>"`` whose "Remove from spec" confirmation is open."""
REMOVED_KEY = "day2.version.removed"
"""The sentence saying which version "Remove from spec" just removed (shown once)."""
RESTORE_HELP = "Sets the version PRESENT again: the controller re-creates its Dataset and syncs it from the source."
REMOVE_HELP = "Drops the version from spec.versions."


def _slot(model: Model, version_name: str) -> str:
    return f"{model.namespace}/{model.name}/{version_name}"


def _flash(slot: str, ok: bool, text: str) -> None:
    st.session_state.setdefault(FLASH_KEY, {})[slot] = (ok, text)


def _send(
    state: ShellState, model: Model, version_name: str, build: Callable[[Model], dict[str, Any]], what: str
) -> bool:
    """Patch the Model's versions to what ``build`` makes of the Model; the outcome is flashed.

    The write starts from the newer of the Model as shown and this session's own last write of it,
    so two quick actions never send a resourceVersion the first one made stale; a 409 from the
    controller's status writes is sent again, a change to the spec by another writer is refused and
    named (:func:`~modelfs_lib.ui.writes.merge_patch_unless_changed`).
    """
    slot = _slot(model, version_name)
    try:
        writes.merge_patch_unless_changed(state, model, lambda base: versions_patch(build(base)))
    except writes.SpecChanged as e:
        _flash(slot, False, _changed_meanwhile(model.name, what, e.live, e.fields))
        return False
    except ValueError as e:
        _flash(slot, False, f"{what[:1].upper()}{what[1:]} refused: {e}")
        return False
    except ModelfsError as e:
        _flash(slot, False, write_failure(e, model.name, what))
        return False
    data.invalidate(state.key, Dataset, state.namespace)
    return True


def _changed_meanwhile(name: str, what: str, live: dict[str, Any], changed: list[str]) -> str:
    return (
        f"Not changed: Model {name} was changed by someone else after this page read it (409 Conflict): "
        f"{', '.join(changed)} changed, last written by {changed_by(live, changed[0])}, so {what} was not sent "
        "over their change. Look at the Model now shown and try again."
    )


def set_state(state: ShellState, model: Model, version_name: str, wanted: str) -> None:
    """Set a version PRESENT or ABSENT (a button callback)."""
    what = "deleting the version" if wanted == ABSENT else "restoring the version"
    if _send(state, model, version_name, lambda m: with_version_state(m, version_name, wanted), what):
        done = (
            f"Version {version_name} set ABSENT: the controller now deletes Dataset {model.dataset_name(version_name)}."
            if wanted == ABSENT
            else f"Version {version_name} set PRESENT: the controller creates its Dataset and syncs it again."
        )
        _flash(_slot(model, version_name), True, done)
    st.session_state.pop(CONFIRM_KEY, None)


def remove(state: ShellState, model: Model, version_name: str, dataset_exists: bool | None) -> bool:
    """Remove an ABSENT version whose Dataset is gone from ``spec.versions``; whether it was removed."""
    blocker = lifecycle(model, version_name, dataset_exists).removal_blocker
    if blocker is not None:
        _flash(_slot(model, version_name), False, f"Not removed: {blocker} {REMOVAL_EXPLANATION}")
        return False
    if _send(state, model, version_name, lambda m: without_version(m, version_name), "removing the version"):
        _flash(_slot(model, version_name), True, f"Version {version_name} removed from spec.versions.")
        return True
    return False


def _open(slot: str) -> None:
    st.session_state[CONFIRM_KEY] = slot


def _close() -> None:
    st.session_state.pop(CONFIRM_KEY, None)


def _open_removal(slot: str) -> None:
    st.session_state[REMOVE_KEY] = slot


def _close_removal() -> None:
    st.session_state.pop(REMOVE_KEY, None)


def _dataset_exists(state: ShellState, model: Model, version_name: str) -> bool | None:
    loaded = data.load(state.key, Dataset, model.namespace or state.namespace)
    if loaded.error is not None:
        return None
    return loaded.named(model.dataset_name(version_name)) is not None


def _state_line(stage: Lifecycle) -> None:
    colors = {Stage.PRESENT: "green", Stage.DELETING: "orange", Stage.DELETED: "gray", Stage.MISSING: "red"}
    st.markdown(
        f"**State** · desired :{colors[stage.stage]}-badge[{stage.desired or '—'}] · observed `{stage.observed}`  \n"
        f"{stage.text}"
    )


def _confirm_delete(state: ShellState, model: Model, version_name: str, may: Permission, key: str) -> None:
    def body() -> None:
        clicked = confirm_by_name(
            kind="version",
            name=version_name,
            consequences=consequences_of_absent(model, version_name),
            key=f"{key}.confirm",
            disabled_reason="" if may.allowed else may.reason,
        )
        if st.button("Cancel", key=f"{key}.confirm.cancel", icon=":material/close:"):
            _close()
            st.rerun()
        if clicked:
            set_state(state, model, version_name, ABSENT)
            st.rerun()

    dialog(f"Delete version {version_name}", body, on_dismiss=_close)


def _confirm_removal(state: ShellState, model: Model, version_name: str, exists: bool | None, key: str) -> None:
    def body() -> None:
        clicked = confirm_action(
            question=f"Remove version **{version_name}** from Model **{model.name}**'s spec.versions?",
            consequences=[
                f"Its Dataset {model.dataset_name(version_name)} is already gone; nothing else is deleted.",
                "The version can be added again later with Add version.",
            ],
            key=f"{key}.remove.confirm",
            button=f"Remove version {version_name}",
        )
        if st.button("Cancel", key=f"{key}.remove.cancel", icon=":material/close:"):
            _close_removal()
            st.rerun()
        if clicked:
            _close_removal()
            if remove(state, model, version_name, exists):
                st.toast(f"Version {version_name} removed from {model.name}.", icon=":material/check_circle:")
                if st.query_params.get("version") == version_name:
                    st.query_params.pop("version", None)
                st.session_state[REMOVED_KEY] = f"Version {version_name} removed from spec.versions."
            st.rerun()

    dialog(f"Remove version {version_name}", body, on_dismiss=_close_removal)


def _share_button(state: ShellState, model: Model, version_name: str, may: Permission, key: str) -> None:
    version = model.version(version_name)
    if version is None or version.is_absent:
        return
    if version.share is not None and version.share.enabled:
        label, explained, opens = (
            "Stop sharing",
            "Asks first, with the change: the controller then deletes its REFERENCE Datasets.",
            stop_sharing.open_dialog,
        )
    else:
        label, explained, opens = (
            "Share",
            "Choose where to share it, see the change, then apply.",
            share_dialog.open_dialog,
        )
    st.button(
        label,
        key=f"{key}.share",
        icon=":material/share:",
        disabled=not may.allowed,
        help=may.reason or explained,
        on_click=opens,
        args=(_slot(model, version_name),),
    )


def show_removed() -> None:
    """The outcome of a "Remove from spec" (whose version's panel is gone), once."""
    message = st.session_state.pop(REMOVED_KEY, None)
    if message:
        st.success(message, icon=":material/playlist_remove:")


def render(state: ShellState, model: Model, version_name: str) -> None:
    """The version's state (desired, observed, Dataset) and its lifecycle actions."""
    key = f"version.{model.name}.{version_name}"
    slot = _slot(model, version_name)
    exists = _dataset_exists(state, model, version_name)
    stage = lifecycle(model, version_name, exists)
    with st.container(key=f"{key}.panel"):
        _state_line(stage)
        flash = st.session_state.get(FLASH_KEY, {}).get(slot)
        if flash:
            (st.success if flash[0] else st.error)(flash[1])
        if state.settings.readonly or stage.stage is Stage.MISSING:
            return
        may = permission(state, "patch", "Model")
        if model.invalid:
            st.caption("This Model could not be read; change its versions through its YAML.")
            return
        with st.container(horizontal=True, key=f"{key}.buttons"):
            if stage.stage is Stage.PRESENT:
                st.button(
                    "Delete version…",
                    key=f"{key}.delete",
                    icon=":material/delete:",
                    disabled=not may.allowed,
                    help=may.reason or "Sets the version ABSENT: the controller deletes its Dataset.",
                    on_click=_open,
                    args=(slot,),
                )
            else:
                st.button(
                    "Restore",
                    key=f"{key}.restore",
                    icon=":material/restore:",
                    disabled=not may.allowed,
                    help=may.reason or RESTORE_HELP,
                    on_click=set_state,
                    args=(state, model, version_name, PRESENT),
                )
            refused = stage.removal_blocker
            st.button(
                "Remove from spec",
                key=f"{key}.remove",
                icon=":material/playlist_remove:",
                disabled=refused is not None or not may.allowed,
                help=f"{refused} {REMOVAL_EXPLANATION}" if refused else may.reason or REMOVE_HELP,
                on_click=_open_removal,
                args=(slot,),
            )
            _share_button(state, model, version_name, may, key)
        if not may.allowed:
            st.caption(may.reason)
        elif stage.removal_blocker is not None and stage.stage is not Stage.PRESENT:
            st.caption(f"Remove from spec: {stage.removal_blocker} {REMOVAL_EXPLANATION}")
        if st.session_state.get(CONFIRM_KEY) == slot and stage.stage is Stage.PRESENT:
            _confirm_delete(state, model, version_name, may, key)
        elif st.session_state.get(REMOVE_KEY) == slot and stage.removal_blocker is None:
            _confirm_removal(state, model, version_name, exists, key)
        elif st.session_state.get(stop_sharing.OPEN_KEY) == slot:
            stop_sharing.render(state, model, version_name, key=key, slot=slot, flash_key=FLASH_KEY)
        else:
            share_dialog.render(state, model, version_name, key=key, slot=slot, flash_key=FLASH_KEY)
