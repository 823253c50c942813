"""The interaction tour of the console on the demo cluster: one fixed list of steps, each a user action
and the content it must reach.

Shared by the timing benchmark (``python benchmarks/tour.py``) and the browser test that walks the same
tour (tests/browser/test_tour.py). Both import it as ``benchmarks.tour_steps`` with the repository root
on ``sys.path``. A step only acts and names what it expects; waiting and timing belong to the caller.
The tour writes (a new Model, a sync round, sharing off and on): run it on a demo cluster of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import Locator, Page

NS = "ml-team"
MODEL = "qwen2-5-7b-instruct"
SOURCE = "huggingface"
OTHER_NS = "inference"
SOURCE_ROW = 3
"""huggingface's row in the ModelSources table (artifactory, gitea, hf-private, huggingface, ...: by name)."""
ROW_HEIGHT = 35
"""Pixels of one row (and of the header row) of a Streamlit dataframe."""


@dataclass
class Tour:
    """What the steps act on: the browser tab, the console's base URL, and the Model the tour creates."""

    page: Page
    base_url: str
    new_model: str

    @property
    def main(self) -> Locator:
        """The main column."""
        return self.page.get_by_test_id("stMain")

    @property
    def sidebar(self) -> Locator:
        """The sidebar."""
        return self.page.get_by_test_id("stSidebar")

    def goto(self, query: str, path: str = "") -> None:
        """Open ``<base>/<path>?<query>``; the caller closes a "Page not found" dialog."""
        self.page.goto(f"{self.base_url}/{path}?{query}")

    def panel(self, version: str) -> Locator:
        """The version panel of ``version`` on the tour Model's detail."""
        return self.main.locator(f".st-key-models-detail-panel-{version}")


@dataclass(frozen=True)
class Step:
    """One interaction: ``act`` does it, ``expect`` is the locator that must become visible after it."""

    name: str
    act: Callable[[Tour], None]
    expect: Callable[[Tour], Locator]


def close_page_not_found(tour: Tour) -> bool:
    """Close Streamlit's "Page not found" dialog (an unresolved deep link); whether it was there."""
    dialog = tour.page.get_by_role("dialog").filter(has_text="Page not found")
    if dialog.count() == 0:
        return False
    dialog.get_by_role("button", name=re.compile("close", re.IGNORECASE)).first.click()
    return True


def _commit(field: Locator, text: str) -> None:
    """Type into a text input and leave it, so that the value reaches the script."""
    field.fill(text)
    field.press("Tab")


def _choose(tour: Tour, where: Locator, label: str, option: str | re.Pattern[str], typed: str = "") -> None:
    """Open the selectbox labelled ``label``, type ``typed`` to narrow its (virtualised) list, pick ``option``."""
    where.get_by_test_id("stSelectbox").filter(has_text=label).click()
    if typed:
        tour.page.keyboard.type(typed)
    tour.page.get_by_role("option", name=option).first.click()


def _heading(tour: Tour, name: str) -> Locator:
    return tour.main.get_by_role("heading", name=name, exact=True)


def _text(tour: Tour, text: str | re.Pattern[str]) -> Locator:
    return tour.main.get_by_text(text).first


def _button(tour: Tour, name: str | re.Pattern[str]) -> Locator:
    return tour.main.get_by_role("button", name=name).first


def _click_source_row(tour: Tour) -> None:
    grid = tour.main.get_by_test_id("stDataFrame").first
    box = grid.bounding_box()
    if box is None:
        raise AssertionError("the ModelSources table is not on the page")
    tour.page.mouse.click(box["x"] + 16, box["y"] + ROW_HEIGHT * (SOURCE_ROW + 1) + ROW_HEIGHT / 2)


FILTERED = re.compile(r"^\d+ of \d+ Models shown\.$")
ALL_MODELS = re.compile(r"^\d+ Models\.$")


def _share_button(t: Tour, name: str | re.Pattern[str]) -> Locator:
    """The share action of the tour Model's version fp16, when it is labelled ``name``."""
    return t.main.locator(f".st-key-version-{MODEL}-fp16-share").get_by_role("button", name=name)


SHARE = re.compile(r"(^|\s)Share$")
STOP_SHARING = re.compile("Stop sharing")


def _in_dialog(t: Tour) -> Locator:
    return t.page.get_by_role("dialog")


def _take_over(t: Tour) -> Locator:
    """The review's offer to take over fields another manager owns (spec.versions, owned by the demo's seeding)."""
    return _in_dialog(t).get_by_text("Take over the conflicting fields")


TOUR: tuple[Step, ...] = (
    # ---- the Models list ------------------------------------------------------------------------
    Step("open the Models list", lambda t: t.goto(f"ns={NS}", "models"), lambda t: _text(t, ALL_MODELS)),
    Step(
        "filter by phase Failed",
        lambda t: t.main.get_by_test_id("stButtonGroup").get_by_role("button", name=re.compile("Failed")).click(),
        lambda t: _text(t, FILTERED),
    ),
    Step(
        "clear the filters", lambda t: _button(t, re.compile("Clear filters")).click(), lambda t: _text(t, ALL_MODELS)
    ),
    Step(
        "search by name",
        lambda t: _commit(t.main.get_by_role("textbox").first, "qwen"),
        lambda t: _text(t, FILTERED),
    ),
    Step("clear the search", lambda t: _button(t, re.compile("Clear filters")).click(), lambda t: _text(t, ALL_MODELS)),
    Step(
        "pick a Model in the list",
        lambda t: _choose(t, t.main, "Model", MODEL, typed=MODEL),
        lambda t: _button(t, re.compile("View")),
    ),
    # ---- a Model's detail -----------------------------------------------------------------------
    Step("open the Model", lambda t: _button(t, re.compile("View")).click(), lambda t: _heading(t, MODEL)),
    Step(
        "switch to version int4",
        lambda t: t.main.get_by_role("radio", name="int4", exact=True).click(),
        lambda t: _heading(t, "Version int4"),
    ),
    Step(
        "switch to version awq",
        lambda t: t.main.get_by_role("radio", name="awq", exact=True).click(),
        lambda t: _heading(t, "Version awq"),
    ),
    Step(
        "switch back to version fp16",
        lambda t: t.main.get_by_role("radio", name="fp16", exact=True).click(),
        lambda t: _heading(t, "Version fp16"),
    ),
    Step(
        "open the Model's events",
        lambda t: t.main.locator(".st-key-models-detail-events").get_by_text("Events of Model").click(),
        lambda t: t.main.locator(".st-key-models-detail-events").get_by_text(re.compile("DatasetCreated")).first,
    ),
    Step(
        "open the YAML tab",
        lambda t: t.main.get_by_role("tab", name="YAML").click(),
        lambda t: _text(t, "apiVersion: model.samzong.dev/v1"),
    ),
    Step(
        "show the live object with status",
        lambda t: t.main.locator(".st-key-models-detail-yaml-live").get_by_text("Live object with status").click(),
        lambda t: _text(t, "syncedVersions:"),
    ),
    Step(
        "open the Sharing tab",
        lambda t: t.main.get_by_role("tab", name="Sharing").click(),
        lambda t: _text(t, re.compile("staging")),
    ),
    Step(
        "back to the Versions tab",
        lambda t: t.main.get_by_role("tab", name="Versions").click(),
        lambda t: _heading(t, "Version fp16"),
    ),
    Step(
        "acknowledge the sync-round caveat",
        lambda t: t.main.locator(f".st-key-rerun-{MODEL}-fp16-ack").get_by_text("I understand").click(),
        lambda t: t.main.locator(f".st-key-rerun-{MODEL}-fp16-button").get_by_role("button", disabled=False),
    ),
    Step(
        "re-run a sync (bump the round)",
        lambda t: t.main.locator(f".st-key-rerun-{MODEL}-fp16-button").get_by_role("button").click(),
        lambda t: t.main.locator(f".st-key-rerun-{MODEL}-fp16-panel").get_by_text(re.compile(r"round 2")).first,
    ),
    Step(
        "open the Stop sharing dialog of version fp16",
        lambda t: _share_button(t, STOP_SHARING).click(),
        lambda t: _in_dialog(t).get_by_role("button", name="Apply", exact=True),
    ),
    Step(
        "stop sharing: apply",
        lambda t: _in_dialog(t).get_by_role("button", name="Apply", exact=True).click(),
        _take_over,
    ),
    Step(
        "take over spec.versions",
        lambda t: _take_over(t).click(),
        lambda t: _in_dialog(t).get_by_role("button", name="Apply with force"),
    ),
    Step(
        "apply with force: sharing stopped",
        lambda t: _in_dialog(t).get_by_role("button", name="Apply with force").click(),
        lambda t: _share_button(t, SHARE),
    ),
    Step(
        "open the Share dialog of version fp16",
        lambda t: _share_button(t, SHARE).click(),
        lambda t: _in_dialog(t).get_by_role("button", name=re.compile(r"^Apply")),
    ),
    Step(
        "apply the share to every namespace",
        lambda t: _in_dialog(t).get_by_role("button", name="Apply", exact=True).click(),
        lambda t: _share_button(t, STOP_SHARING),
    ),
    Step(
        "open the ModelSource from the Model",
        lambda t: t.main.get_by_role("link", name=re.compile(f"ModelSource {SOURCE}")).click(),
        lambda t: _heading(t, SOURCE),
    ),
    Step(
        "back to the Model from its source",
        lambda t: t.main.get_by_role("link", name=MODEL, exact=True).click(),
        lambda t: _heading(t, MODEL),
    ),
    Step("back to all Models", lambda t: _button(t, re.compile("All Models")).click(), lambda t: _text(t, ALL_MODELS)),
    # ---- the create wizard ----------------------------------------------------------------------
    Step(
        "open the create wizard",
        lambda t: _button(t, re.compile("Create Model")).click(),
        lambda t: _heading(t, "Create Model"),
    ),
    Step(
        "type the name",
        lambda t: _commit(t.main.get_by_role("textbox", name="Name", exact=True), t.new_model),
        lambda t: t.main.get_by_role("textbox", name="Name", exact=True),
    ),
    Step(
        "choose the ModelSource",
        lambda t: _choose(t, t.main, "ModelSource", re.compile(rf"^{SOURCE} · HUGGING_FACE")),
        lambda t: _text(t, "Type HUGGING_FACE"),
    ),
    Step(
        "type a description",
        lambda t: _commit(t.main.get_by_role("textbox", name="Description", exact=True), "Created by the tour"),
        lambda t: t.main.get_by_role("textbox", name="Description", exact=True),
    ),
    Step(
        "next: versions",
        lambda t: _button(t, "Next: versions").click(),
        lambda t: t.main.get_by_role("textbox", name="Version name"),
    ),
    Step(
        "type the version name",
        lambda t: _commit(t.main.get_by_role("textbox", name="Version name"), "fp16"),
        lambda t: t.main.get_by_role("textbox", name="Repo"),
    ),
    Step(
        "type the repo",
        lambda t: _commit(t.main.get_by_role("textbox", name="Repo"), "Qwen/Qwen2.5-0.5B-Instruct"),
        lambda t: t.main.get_by_role("textbox", name="Storage size"),
    ),
    Step(
        "type the storage size",
        lambda t: _commit(t.main.get_by_role("textbox", name="Storage size"), "2Gi"),
        lambda t: _button(t, "Next: review"),
    ),
    Step(
        "next: review (schema check and dry-run)",
        lambda t: _button(t, "Next: review").click(),
        lambda t: _text(t, "The API server accepts it (server-side dry-run)."),
    ),
    Step(
        "apply the new Model",
        lambda t: t.main.get_by_role("button", name="Apply", exact=True).click(),
        lambda t: _heading(t, t.new_model),
    ),
    # ---- ModelSources ---------------------------------------------------------------------------
    Step(
        "open ModelSources",
        lambda t: t.sidebar.get_by_role("link", name=re.compile("ModelSources")).click(),
        lambda t: _heading(t, "ModelSources"),
    ),
    Step("open a source by a click on its row", _click_source_row, lambda t: _heading(t, SOURCE)),
    Step(
        "open its YAML editor",
        lambda t: _button(t, "Edit YAML").click(),
        lambda t: _heading(t, "Edit as YAML"),
    ),
    Step(
        "leave the YAML editor",
        lambda t: _button(t, "Cancel").click(),
        lambda t: _text(t, "How credentials reach the loader"),
    ),
    Step(
        "back to the ModelSources list",
        lambda t: _button(t, re.compile("ModelSources")).click(),
        lambda t: _button(t, "Create ModelSource"),
    ),
    # ---- namespaces and other pages -------------------------------------------------------------
    Step(
        "switch namespace",
        lambda t: _choose(t, t.sidebar, "Namespace", re.compile(f"^{OTHER_NS}$")),
        lambda t: _text(t, f"No ModelSources in {OTHER_NS} yet."),
    ),
    Step(
        "switch the namespace back",
        lambda t: _choose(t, t.sidebar, "Namespace", re.compile(f"^{NS}$")),
        lambda t: _button(t, "Create ModelSource"),
    ),
    Step(
        "open Activity",
        lambda t: t.sidebar.get_by_role("link", name=re.compile("Activity")).click(),
        lambda t: _heading(t, "Activity"),
    ),
    Step(
        "back to Models",
        lambda t: t.sidebar.get_by_role("link", name=re.compile("Models$")).click(),
        lambda t: _text(t, ALL_MODELS),
    ),
)
"""The tour, in order: every step starts where the previous one left the page."""
