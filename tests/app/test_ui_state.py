"""UI state belongs to one namespace and one object: a same-named Model elsewhere does not inherit it."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from modelfs_lib.demo.runner import EmulatorThread
from modelfs_lib.demo.seed import seed
from modelfs_lib.ui import state
from modelfs_lib.ui.models.detail.view import tab_key
from tests.app.conftest import add_object, app
from tests.helpers.manifests import EDITABLE
from tests.helpers.page import open_tab
from tests.helpers.wizard import click

MODEL = "tiny-llm"
HOME, OTHER = "ml-team", "inference"
DELETE_TYPED = "models.detail.delete_confirm.typed"


@pytest.fixture
def twins(cluster: EmulatorThread, kubeconfig: object) -> EmulatorThread:
    """The demo content, and Model tiny-llm in both ml-team and inference."""
    seed(cluster.emulator.store)
    for namespace in (HOME, OTHER):
        manifest = copy.deepcopy(EDITABLE)
        manifest["metadata"]["namespace"] = namespace
        add_object(cluster, manifest, namespace=namespace)
    return cluster


def show(at: AppTest, namespace: str, **params: str) -> AppTest:
    """Rerun the same session at ``?ns=namespace&model=tiny-llm`` plus ``params`` (others dropped)."""
    at.query_params.clear()
    at.query_params.update({"ns": namespace, "model": MODEL, **params})
    at.run()
    assert not at.exception, at.exception
    return at


def yaml_diffs(at: AppTest) -> list[str]:
    tab: Any = open_tab(at, "YAML", tab_key(str(at.query_params["ns"]), MODEL))
    return [c.value for c in tab.code if c.language == "diff"]


def test_keys_are_scoped_by_namespace_and_object() -> None:
    assert state.key(state.MODEL_DRAFT, HOME, MODEL) != state.key(state.MODEL_DRAFT, OTHER, MODEL)
    assert state.key(state.MODEL_DRAFT, "a", "b.c") != state.key(state.MODEL_DRAFT, "a.b", "c")
    assert state.key("models.q") == "models.q"  # URL-bound widgets keep their short query parameter


def test_a_draft_shows_on_its_own_model_only(twins: EmulatorThread) -> None:
    at = show(app(), HOME, action="edit")
    at.text_area(key=state.key(state.MODEL_WIZARD, HOME, MODEL, "description")).input("Edited in ml-team").run()
    click(at, state.key(state.MODEL_WIZARD, HOME, MODEL, "next"))
    at.text_input(key=state.key(state.MODEL_WIZARD, HOME, MODEL, "v0.size")).input("6Gi").run()

    show(at, OTHER)
    assert at.title[0].value == MODEL
    assert yaml_diffs(at) == []

    show(at, HOME)
    [diff] = yaml_diffs(at)
    assert "storage: 6Gi" in diff


def test_a_delete_confirmation_stays_with_its_namespace(twins: EmulatorThread) -> None:
    at = show(app(), HOME)
    click(at, "models.detail.delete")
    assert at.text_input(key=DELETE_TYPED)

    show(at, OTHER)
    with pytest.raises(KeyError):
        at.text_input(key=DELETE_TYPED)

    show(at, HOME)
    assert at.text_input(key=DELETE_TYPED)
