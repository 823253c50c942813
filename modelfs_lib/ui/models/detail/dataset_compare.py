"""A version's Dataset as the controller would write it, beside the live one (option key names only)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from modelfs_lib.domain.expected_dataset import compare_dataset, expected_dataset
from modelfs_lib.resources import Dataset, Model, ModelSource
from modelfs_lib.ui import data
from modelfs_lib.ui.models.detail.linkage import secret_key_names
from modelfs_lib.ui.shell import ShellState


def render(state: ShellState, model: Model, version_name: str, dataset: Dataset | None, *, key: str) -> None:
    """Expected vs live, field by field, with what each difference means; a caption when either side is unknown."""
    version = model.version(version_name)
    if dataset is None or version is None or version.is_absent:
        st.caption(
            f"Nothing to compare: version {version_name} is ABSENT or not in spec.versions, so the controller "
            "writes no Dataset for it."
            if dataset is not None
            else "Nothing to compare: the version has no Dataset."
        )
        return
    sources = data.load(state.key, ModelSource, model.namespace)
    source = next((s for s in sources.items if s.name == model.source_ref), None)
    if source is None:
        st.caption("The ModelSource could not be read, so what the controller would write is unknown.")
        return
    secret_keys: tuple[str, ...] = ()
    note = ""
    if source.secret_ref:
        names, problem = secret_key_names(state, model.namespace, source.secret_ref)
        secret_keys, note = names or (), problem
    expected = expected_dataset(model.name, version, source, secret_keys)
    claim = dataset.volume_claim
    rows = compare_dataset(
        expected,
        source_type=dataset.source_type,
        uri=dataset.source_uri,
        option_keys=dataset.option_keys,
        storage=claim.storage if claim else "",
        access_modes=claim.access_modes if claim else (),
        storage_class_name=claim.storage_class_name if claim else "",
        data_sync_round=dataset.data_sync_round,
        secret_ref=dataset.secret_ref,
    )
    frame = pd.DataFrame(
        [
            {"Field": r.field, "Expected": r.expected, "Live": r.live, "Same": not r.differs, "Note": r.note}
            for r in rows
        ]
    )
    st.dataframe(
        frame,
        hide_index=True,
        key=key,
        column_config={
            "Field": st.column_config.TextColumn(width=150),
            "Expected": st.column_config.TextColumn(width=250),
            "Live": st.column_config.TextColumn(width=250),
            "Same": st.column_config.CheckboxColumn(width=55),
            "Note": st.column_config.TextColumn(width=240),
        },
    )
    notes = [(r.field, r.note) for r in rows if r.note]
    if notes:
        with st.expander(f"Notes in full ({len(notes)})", key=f"{key}.notes"):
            for field, text in notes:
                st.caption(field)
                st.text(text)
    if note:
        st.caption(f"The Secret's key names could not be read ({note}): expected option keys list the config only.")
