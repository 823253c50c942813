"""Permission-aware actions on the real Models pages: read-only mode hides every write; a denied review disables."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from modelfs_lib.demo.runner import EmulatorThread
from tests.app.conftest import app
from tests.app.day2 import NS, QWEN, WRITE_LABELS, text, write_buttons

pytestmark = pytest.mark.usefixtures("uncached_reads")


def page(**params: str) -> AppTest:
    at = app()
    at.query_params["ns"] = NS
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


VIEWS = [
    pytest.param({}, id="list"),
    pytest.param({"model": QWEN}, id="detail"),
    pytest.param({"model": QWEN, "version": "int8"}, id="detail-absent-version"),
    pytest.param({"model": QWEN, "version": "awq"}, id="detail-syncing-version"),
]


@pytest.mark.parametrize("params", VIEWS)
def test_read_only_mode_shows_no_write_button(
    seeded: EmulatorThread, monkeypatch: pytest.MonkeyPatch, params: dict[str, str]
) -> None:
    monkeypatch.setenv("MODELFS_UI_READONLY", "1")
    at = page(**params)
    assert not at.exception
    assert write_buttons(at) == []
    assert not seeded.emulator.received_matching("POST", "selfsubjectaccessreviews")


def test_the_detail_shows_the_day2_actions_when_writes_are_allowed(seeded: EmulatorThread) -> None:
    at = page(model=QWEN, version="fp16")
    assert not at.exception
    labels = write_buttons(at)
    for label in (
        "Bump the sync round (may be reverted)",
        "Bump the sync round of every version (1) (may be reverted)",  # int4: counter reset, awq: syncing
        "Recreate Dataset…",
        "Delete version…",
        "Remove from spec",
        "Stop sharing",
    ):
        assert label in labels
    assert "Sharing" in [t.label for t in at.tabs]


def test_a_denied_review_disables_the_detail_actions_with_the_reason(seeded: EmulatorThread) -> None:
    seeded.emulator.access.deny("patch", "models", group="model.samzong.dev", namespace=NS)
    seeded.emulator.access.deny("patch", "datasets", group="dataset.baizeai.io", namespace=NS)
    seeded.emulator.access.deny("delete", "models", group="model.samzong.dev", namespace=NS)
    seeded.emulator.access.deny("delete", "datasets", group="dataset.baizeai.io")
    at = page(model=QWEN, version="fp16")
    assert not at.exception
    enabled = [b.label for b in at.button if b.label.startswith(WRITE_LABELS) and not b.disabled]
    assert enabled == [], enabled
    page_text = text(at)
    assert f"You may not patch models.model.samzong.dev in {NS}" in page_text
    assert f"You may not patch datasets.dataset.baizeai.io in {NS}" in page_text
    assert not seeded.emulator.received_matching("PATCH", "/")
