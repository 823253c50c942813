"""Read-only mode hides every write action on every page and refuses write views opened by URL."""

from __future__ import annotations

import pytest

from modelfs_lib.demo.runner import EmulatorThread
from modelfs_lib.demo.seed import seed
from modelfs_lib.ui import pages
from tests.app.conftest import app

WRITE_LABELS = (
    "Create",
    "Edit",
    "Delete",
    "Add version",
    "Apply",
    "Re-run",
    "Bump",
    "Recreate",
    "Restore",
    "Share",
    "Remove",
)
VIEWS = [
    {},
    {"model": "qwen2-5-7b-instruct"},
    {"model": "qwen2-5-7b-instruct", "action": "edit"},
    {"model": "qwen2-5-7b-instruct", "action": "edit-yaml"},
    {"action": "create"},
]
SOURCE_VIEWS = [
    {},
    {"source": "huggingface"},
    {"source": "huggingface", "action": "edit"},
    {"action": "create"},
    {"source": "gitea", "action": "delete"},
]


@pytest.fixture
def readonly(cluster: EmulatorThread, kubeconfig: object, monkeypatch: pytest.MonkeyPatch) -> EmulatorThread:
    seed(cluster.emulator.store)
    monkeypatch.setenv("MODELFS_UI_READONLY", "1")
    return cluster


def _open(params: dict[str, str], page: pages.Page = pages.MODELS):  # type: ignore[no-untyped-def]
    at = app(page)
    at.query_params["ns"] = "ml-team"
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def _write_buttons(at) -> list[str]:  # type: ignore[no-untyped-def]
    return [b.label for b in at.button if any(b.label.startswith(word) for word in WRITE_LABELS)]


@pytest.mark.parametrize("params", VIEWS, ids=lambda p: "-".join(p.values()) or "list")
def test_model_views_offer_no_write_action(readonly: EmulatorThread, params: dict[str, str]) -> None:
    at = _open(params)
    assert not at.exception
    assert _write_buttons(at) == []
    if "action" in params:
        assert any("read-only mode" in info.value for info in at.info)


@pytest.mark.parametrize("params", SOURCE_VIEWS, ids=lambda p: "-".join(p.values()) or "list")
def test_model_source_views_offer_no_write_action(readonly: EmulatorThread, params: dict[str, str]) -> None:
    at = _open(params, page=pages.SOURCES)
    assert not at.exception
    assert any(t.value in ("ModelSources", params.get("source")) for t in at.title)
    assert _write_buttons(at) == []


def test_nothing_is_written_in_read_only_mode(readonly: EmulatorThread) -> None:
    for params in VIEWS:
        _open(params)
    writes = [r for r in readonly.emulator.received if r.method in ("POST", "PATCH", "PUT", "DELETE")]
    assert [r.path for r in writes if "selfsubjectaccessreviews" not in r.path] == []


def test_read_only_mode_is_shown_in_the_sidebar(readonly: EmulatorThread) -> None:
    at = _open({})
    assert ":orange-badge[:material/lock: Read-only]" in [m.value for m in at.sidebar.markdown]
    assert any("MODELFS_UI_READONLY=1" in c.value for c in at.sidebar.caption)


def test_a_write_url_is_answered_with_a_sentence_and_a_way_back(readonly: EmulatorThread) -> None:
    at = _open({"model": "qwen2-5-7b-instruct", "action": "edit-yaml"})
    [refusal] = [i.value for i in at.info if "read-only" in i.value]
    assert refusal.startswith("The console is in read-only mode: editing YAML is turned off by MODELFS_UI_READONLY=1")
    assert "edit-yaml" not in refusal  # a sentence, not the URL's slug
    at.button(key="readonly.back").click().run()
    assert not at.exception
    assert "action" not in at.query_params
    assert at.query_params["model"] == "qwen2-5-7b-instruct"
