"""In a real browser: a typed name counts on the first click, and a click on a Models row opens that Model."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

MODEL, VERSION = "sdxl-base", "v1-0"  # no other browser test looks at this Model


def test_the_typed_name_counts_on_the_first_click_without_leaving_the_box(
    app_server: str, page: Page, screenshot: Callable[[str], Path]
) -> None:
    page.goto(f"{app_server}/models?ns=ml-team&model={MODEL}&version={VERSION}")
    main = page.get_by_test_id("stMain")
    main.get_by_role("button", name="Delete version…").click()
    dialog = page.get_by_role("dialog")
    box = dialog.get_by_role("textbox", name=f"Type {VERSION} to confirm", exact=True)
    expect(box).to_have_attribute("placeholder", "type the name")
    expect(box).to_have_value("")
    box.fill(VERSION)  # no Tab, no blur: the click below must still see it
    screenshot("typed")
    dialog.get_by_role("button", name=f"Delete version {VERSION}").click()
    expect(main.get_by_text(f"Version {VERSION} set ABSENT")).to_be_visible()
    expect(page.get_by_role("dialog")).to_have_count(0)


def test_a_click_on_a_models_row_opens_the_model(app_server: str, page: Page) -> None:
    page.goto(f"{app_server}/models?ns=ml-team")
    main = page.get_by_test_id("stMain")
    table = main.locator(".st-key-models-table")
    expect(table.locator(".dvn-scroller")).to_be_visible()
    expect(main.get_by_text(re.compile(r"^\d+ Models\.$"))).to_be_visible()
    page.mouse.move(700, 450)
    page.mouse.wheel(0, 700)
    page.wait_for_timeout(1000)
    box = table.bounding_box()
    assert box is not None
    row_height, header = 35, 35
    page.mouse.click(box["x"] + 16, box["y"] + header + row_height * 1 + row_height / 2)  # the second row: bge-m3
    expect(page).to_have_url(re.compile(r"[?&]model=bge-m3(&|$)"))
    expect(main.get_by_role("heading", name="bge-m3")).to_be_visible()
