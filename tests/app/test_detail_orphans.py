"""Orphan Datasets on a Model's detail: listed with phase, PVC and age, deleted after the typed name, guarded."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from modelfs_lib.demo.runner import EmulatorThread
from tests.app.day2 import NS, QWEN, find_dataset, harness, text, write_buttons

pytestmark = pytest.mark.usefixtures("uncached_reads")

MODEL = "bge-m3"
ORPHAN = f"mdl-{MODEL}-v0"  # the seed removed v0 from the spec without ABSENT
KEY = f"orphans.{MODEL}.{ORPHAN}"


def orphan_table(at: AppTest) -> Any:
    """The orphan table (the only one with a Dataset column among the parts drawn)."""
    [found] = [df.value for df in at.dataframe if "Dataset" in df.value.columns and "Age" in df.value.columns]
    return found


def test_orphans_are_listed_with_phase_pvc_and_age(seeded: EmulatorThread) -> None:
    at = harness(MODEL, part="orphans").run()
    assert not at.exception
    table = orphan_table(at)
    assert list(table["Dataset"]) == [ORPHAN]
    assert list(table["PVC"]) == [f"dataset-{ORPHAN}"]
    assert list(table["Phase"]) == ["Ready"]
    [age] = list(table["Age"])
    assert age.endswith("ago")
    assert "without going through ABSENT" in text(at)


def test_a_model_without_orphans_shows_no_section(seeded: EmulatorThread) -> None:
    at = harness(QWEN, part="orphans").run()
    assert not at.exception
    assert "Orphan Datasets" not in text(at)


def test_an_orphan_is_deleted_after_its_name_is_typed_guarded_by_what_was_shown(seeded: EmulatorThread) -> None:
    stored = find_dataset(seeded, ORPHAN)
    assert stored is not None
    at = harness(MODEL, part="orphans").run()
    at.button(key=f"{KEY}.delete").click().run()
    page = text(at)
    assert f"Delete Dataset **{ORPHAN}**?" in page
    assert "version `v0` is no longer in the spec" in page
    assert f"removes its PVC `dataset-{ORPHAN}` and the data on it" in page
    at.button(key=f"{KEY}.confirm.button").click().run()  # nothing typed: refused
    assert not seeded.emulator.received_matching("DELETE", "/datasets/")
    at.text_input(key=f"{KEY}.confirm.typed").input(ORPHAN)
    at.button(key=f"{KEY}.confirm.button").click().run()

    assert not at.exception
    [sent] = seeded.emulator.received_matching("DELETE", f"/namespaces/{NS}/datasets/{ORPHAN}$")
    assert sent.body["preconditions"] == {
        "uid": stored["metadata"]["uid"],
        "resourceVersion": stored["metadata"]["resourceVersion"],
    }
    assert sent.body["propagationPolicy"] == "Background"
    assert find_dataset(seeded, ORPHAN) is None
    assert f"Dataset {ORPHAN} deleted; its PVC and data follow it." in text(at)


def test_an_orphan_changed_after_it_was_shown_is_not_deleted(seeded: EmulatorThread) -> None:
    at = harness(MODEL, part="orphans").run()
    at.button(key=f"{KEY}.delete").click().run()
    at.text_input(key=f"{KEY}.confirm.typed").input(ORPHAN)
    store = seeded.emulator.store
    store.patch(
        store.rtype("dataset.baizeai.io", "datasets"),
        NS,
        ORPHAN,
        {"metadata": {"labels": {"x": "y"}}},
        patch_type="merge",
    )
    at.button(key=f"{KEY}.confirm.button").click().run()
    assert not at.exception
    assert find_dataset(seeded, ORPHAN) is not None
    assert "409 Conflict" in text(at)


def test_read_only_mode_lists_orphans_without_a_delete(seeded: EmulatorThread, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MODELFS_UI_READONLY", "1")
    at = harness(MODEL, part="orphans").run()
    assert list(orphan_table(at)["Dataset"]) == [ORPHAN]
    assert write_buttons(at) == []
