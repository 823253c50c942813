"""Switching views through the URL: one change of the URL per switch, the URL deciding what a view shows."""

from __future__ import annotations

from typing import Any

from streamlit.testing.v1 import AppTest

from modelfs_lib.demo.runner import EmulatorThread
from modelfs_lib.ui import pages
from tests.helpers.open_page import open_page

NS = "ml-team"
QWEN = "qwen2-5-7b-instruct"  # versions fp16 (the first), int4, int8, awq


def url(at: AppTest) -> dict[str, Any]:
    """The query parameters, each a string (AppTest keeps some as one-element lists)."""
    return {name: value[-1] if isinstance(value, list) else value for name, value in at.query_params.items()}


def picked_version(at: AppTest) -> Any:
    return at.segmented_control(key="models.detail.version").value


# ---- the version picker ---------------------------------------------------------------------------


def test_back_to_a_model_without_a_version_opens_its_first_version_not_the_one_picked_before(
    seeded: EmulatorThread,
) -> None:
    at = open_page(pages.MODELS, ns=NS, model=QWEN)
    at.segmented_control(key="models.detail.version").set_value("int4").run()
    assert url(at) == {"ns": NS, "model": QWEN, "version": "int4"}

    del at.query_params["version"]  # what Back to the Model's link sends
    at.run()
    assert picked_version(at) == "fp16"
    assert "version" not in at.query_params


def test_a_version_in_the_url_wins_over_the_one_picked_before(seeded: EmulatorThread) -> None:
    at = open_page(pages.MODELS, ns=NS, model=QWEN)
    at.segmented_control(key="models.detail.version").set_value("int4").run()
    at.query_params["version"] = "awq"  # Back or Forward to another version's link
    at.run()
    assert picked_version(at) == "awq"


def test_the_first_version_is_shown_without_writing_it_to_the_url(seeded: EmulatorThread) -> None:
    at = open_page(pages.MODELS, ns=NS, model=QWEN)
    assert picked_version(at) == "fp16"
    assert url(at) == {"ns": NS, "model": QWEN}


# ---- view switches --------------------------------------------------------------------------------


def test_a_view_switch_sets_exactly_the_new_views_parameters(seeded: EmulatorThread) -> None:
    at = open_page(pages.MODELS, ns=NS, model=QWEN, version="int4", tab="Versions")
    at.button(key="models.detail.edit").click().run()
    assert not at.exception, at.exception
    assert url(at) == {"ns": NS, "model": QWEN, "action": "edit"}


def test_the_list_opened_from_a_model_has_the_filters_of_the_session_in_its_url(seeded: EmulatorThread) -> None:
    at = open_page(pages.MODELS, ns=NS, **{"models.q": "qwen"})
    at.query_params.clear()
    at.query_params.update({"ns": NS, "model": QWEN})  # a link to the Model: the filter is kept for the session
    at.run()

    at.button(key="models.detail.back").click().run()
    assert not at.exception, at.exception
    assert url(at) == {"ns": NS, "models.q": "qwen"}
    assert at.text_input(key="models.q").value == "qwen"


def test_links_to_the_models_list_carry_the_filters_the_session_keeps(seeded: EmulatorThread) -> None:
    at = open_page(pages.MODELS, ns=NS, **{"models.q": "qwen", "models.phase": "Failed"})
    at.switch_page(pages.SOURCES.script).run()
    models = next(link for link in at.sidebar.get("page_link") if link.proto.page == "models")
    assert models.proto.query_string == f"ns={NS}&models.q=qwen&models.phase=Failed"


def test_the_sources_views_switch_through_the_same_function(seeded: EmulatorThread) -> None:
    at = open_page(pages.SOURCES, ns=NS, **{"sources.type": "GIT"})
    at.query_params.update({"source": "gitea"})
    at.run()
    at.button(key="sources.detail.back").click().run()
    assert not at.exception, at.exception
    assert url(at) == {"ns": NS, "sources.type": "GIT"}
