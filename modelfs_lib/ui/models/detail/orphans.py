"""Orphan Datasets of a Model: owned by it, held by no version of its spec, and their deletion.

A version removed from the spec without going through ABSENT leaves its Dataset (and the PVC with
the weights) behind; the controller never deletes it. Each orphan is listed with its phase, PVC
and age; deleting one asks for its name and is guarded by the uid and resourceVersion shown.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from modelfs_lib.domain.orphans import orphan_datasets, removed_version_name
from modelfs_lib.domain.recreate import PROPAGATION
from modelfs_lib.domain.status import dataset_phase
from modelfs_lib.domain.times import relative_time
from modelfs_lib.errors import Conflict, ModelfsError, NotFound
from modelfs_lib.resources import Dataset, Model, PersistentVolumeClaim
from modelfs_lib.ui import data, writes
from modelfs_lib.ui import state as keys
from modelfs_lib.ui.access import Permission, permission
from modelfs_lib.ui.confirm import confirm_by_name, dialog
from modelfs_lib.ui.feedback import error_text
from modelfs_lib.ui.shell import ShellState

CONFIRM_KEY = keys.ORPHANS_CONFIRM
"""The ``"<ns>/<dataset>"`` whose delete confirmation is open."""
SHOWN_KEY = keys.ORPHANS_SHOWN
"""``{"<ns>/<dataset>": (uid, resourceVersion)}``: the orphan as the confirmation last showed it."""
FLASH_KEY = keys.ORPHANS_FLASH
"""``{"<ns>/<model>": (ok, sentence)}``: the outcome of the last orphan delete."""


def _session(name: str) -> dict[str, object]:
    return st.session_state.setdefault(name, {})  # type: ignore[no-any-return]


def _open(slot: str) -> None:
    st.session_state[CONFIRM_KEY] = slot
    _session(SHOWN_KEY).pop(slot, None)


def _close() -> None:
    st.session_state.pop(CONFIRM_KEY, None)


def consequences(model: Model, orphan: Dataset) -> list[str]:
    """What deleting an orphan does, for the confirmation."""
    version = removed_version_name(model, orphan)
    why = (
        f"No version of Model {model.name} uses it: version `{version}` is no longer in the spec"
        if version
        else f"No version of Model {model.name} uses it"
    ) + ", and the controller never deletes it itself."
    pvc = (
        f"Deleting the Dataset removes its PVC `{orphan.pvc_name}` and the data on it (the PVC is owned by the "
        "Dataset and goes with it through garbage collection)."
        if orphan.pvc_name
        else "It records no PVC, so no synced data is lost."
    )
    guard = (
        f"Only if it is still the object shown: uid `{orphan.meta.uid}`, resourceVersion "
        f"`{orphan.meta.resource_version}`."
    )
    return [why, pvc, guard]


def delete_orphan(state: ShellState, model: Model, name: str, uid: str, resource_version: str) -> None:
    """Delete an orphan Dataset guarded by its uid and resourceVersion; the outcome is flashed."""
    slot = f"{model.namespace}/{model.name}"
    try:
        writes.delete(
            state, Dataset, name=name, uid=uid, resource_version=resource_version, propagation_policy=PROPAGATION
        )
    except Conflict:
        text = f"Not deleted: Dataset {name} changed after this page read it (409 Conflict). Look at it again."
        _session(FLASH_KEY)[slot] = (False, text)
        return
    except NotFound:
        _session(FLASH_KEY)[slot] = (False, f"Dataset {name} no longer exists.")
        return
    except ModelfsError as e:
        _session(FLASH_KEY)[slot] = (False, f"Not deleted: {error_text(e)[0]}")
        return
    data.invalidate(state.key, PersistentVolumeClaim, state.namespace)
    _session(FLASH_KEY)[slot] = (True, f"Dataset {name} deleted; its PVC and data follow it.")


def _confirm(state: ShellState, model: Model, orphan: Dataset, may: Permission, key: str) -> None:
    slot = f"{orphan.namespace or model.namespace}/{orphan.name}"

    def body() -> None:
        shown = _session(SHOWN_KEY)
        before = shown.get(slot)
        clicked = confirm_by_name(
            kind="Dataset",
            name=orphan.name,
            consequences=consequences(model, orphan),
            key=f"{key}.confirm",
            disabled_reason="" if may.allowed else may.reason,
        )
        if st.button("Cancel", key=f"{key}.confirm.cancel", icon=":material/close:"):
            _close()
            st.rerun()
        shown[slot] = (orphan.meta.uid, orphan.meta.resource_version)
        if clicked:
            uid, version = before if isinstance(before, tuple) else (orphan.meta.uid, orphan.meta.resource_version)
            delete_orphan(state, model, orphan.name, uid, version)
            _close()
            st.rerun()

    dialog(f"Delete Dataset {orphan.name}", body, on_dismiss=_close)


def render(state: ShellState, model: Model) -> None:
    """The Model's orphan Datasets (nothing when there are none) and, unless read-only, their deletion."""
    datasets = data.load(state.key, Dataset, model.namespace or state.namespace)
    if datasets.error is not None:
        return
    orphans = orphan_datasets(model, datasets.items)
    flash = _session(FLASH_KEY).get(f"{model.namespace}/{model.name}")
    key = f"orphans.{model.name}"
    if not orphans and not flash:
        return
    now = dt.datetime.now(dt.UTC)
    with st.container(border=True, key=f"{key}.panel"):
        st.markdown("**Orphan Datasets**")
        if isinstance(flash, tuple):
            (st.success if flash[0] else st.error)(flash[1])
        if not orphans:
            return
        st.caption(
            "Owned by this Model, yet no version of its spec uses them: their versions were removed from the spec "
            "without going through ABSENT, so the controller never deleted them. They keep their PVCs and data."
        )
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "Dataset": o.name,
                        "Phase": dataset_phase(o).label,
                        "PVC": o.pvc_name or "—",
                        "Age": relative_time(o.meta.creation_timestamp, now),
                        "Deleting": "yes" if o.meta.deletion_timestamp else "",
                    }
                    for o in orphans
                ]
            ),
            hide_index=True,
            key=f"{key}.table",
        )
        if state.settings.readonly:
            return
        may = permission(state, "delete", "Dataset")
        for orphan in orphans:
            slot = f"{orphan.namespace or model.namespace}/{orphan.name}"
            gone = orphan.meta.deletion_timestamp is not None
            st.button(
                f"Delete orphan {orphan.name}…",
                key=f"{key}.{orphan.name}.delete",
                icon=":material/delete:",
                disabled=not may.allowed or gone,
                help=may.reason or ("Already being deleted." if gone else "Deletes the Dataset, its PVC and data."),
                on_click=_open,
                args=(slot,),
            )
            if st.session_state.get(CONFIRM_KEY) == slot and not gone:
                _confirm(state, model, orphan, may, f"{key}.{orphan.name}")
        if not may.allowed:
            st.caption(may.reason)
