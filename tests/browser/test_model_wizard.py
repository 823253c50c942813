"""The Model wizard in a real browser: create a Model on the demo cluster and watch it become Ready on the list.

The test serves the console on a demo cluster of its own: the Model it creates must not appear in
the demo cluster other browser tests count Models in.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import served_console

READY_WITHIN_MS = 90_000


@pytest.fixture(scope="module")
def own_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The console on its own embedded demo cluster (the shared one's Model count must not change)."""
    with served_console(tmp_path_factory.mktemp("wizard_server")) as base_url:
        yield base_url


def _commit(page: Page, field: Locator, text: str) -> None:
    """Type into a Streamlit text input and leave it, so that the value reaches the script."""
    field.fill(text)
    field.press("Tab")


def _choose(page: Page, where: Locator, label: str, option: str | re.Pattern[str]) -> None:
    where.get_by_test_id("stSelectbox").filter(has_text=label).click()
    page.get_by_role("option", name=option).click()


def test_a_model_created_in_the_wizard_becomes_ready_on_the_models_list(
    own_server: str, page: Page, screenshot: Callable[[str], Path]
) -> None:
    app_server = own_server
    name = f"qwen-e2e-{uuid.uuid4().hex[:6]}"
    main = page.get_by_test_id("stMain")
    sidebar = page.get_by_test_id("stSidebar")

    page.goto(f"{app_server}/models?ns=ml-team&action=create")
    expect(main.get_by_role("heading", name="Create Model")).to_be_visible()
    _commit(page, main.get_by_role("textbox", name="Name", exact=True), name)
    _choose(page, main, "ModelSource", re.compile(r"^huggingface · HUGGING_FACE · credentials ready"))
    expect(main.get_by_text("Type HUGGING_FACE")).to_be_visible()
    _commit(page, main.get_by_role("textbox", name="Description", exact=True), "Created by the browser test")
    screenshot("1-basics")
    main.get_by_role("button", name="Next: versions").click()

    expect(main.get_by_role("textbox", name="Version name")).to_be_visible()
    _commit(page, main.get_by_role("textbox", name="Version name"), "fp16")
    _commit(page, main.get_by_role("textbox", name="Repo"), "Qwen/Qwen2.5-0.5B-Instruct")
    _commit(page, main.get_by_role("textbox", name="Storage size"), "2Gi")
    expect(main.get_by_text("the controller will silently ask for 100Ti", exact=False)).to_have_count(0)
    screenshot("2-versions")
    main.get_by_role("button", name="Next: review").click()

    expect(main.get_by_text("The API server accepts it (server-side dry-run).")).to_be_visible()
    expect(main.get_by_text("Valid against the Model CRD schema.")).to_be_visible()
    screenshot("3-review")
    main.get_by_role("button", name="Apply", exact=True).click()
    expect(page).to_have_url(re.compile(rf"[?&]model={name}(&|$)"))

    page.goto(f"{app_server}/models?ns=ml-team")
    expect(main.get_by_role("heading", name="Models", exact=True)).to_be_visible()
    _choose(page, sidebar, "Auto-refresh", "every 5 s")
    row = main.get_by_test_id("stDataFrame").locator("tr[role=row]").filter(has_text=name)
    expect(row).to_have_count(1)
    main.get_by_test_id("stDataFrame").scroll_into_view_if_needed()
    screenshot("4-listed")
    # No reload from here on: the list re-reads the cluster every 5 s by itself.
    expect(row.locator("td").filter(has_text=re.compile(r"^Ready$"))).to_have_count(1, timeout=READY_WITHIN_MS)
    screenshot("5-ready")
