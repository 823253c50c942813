"""Tables at 1500x900 in a real browser: the Models list and a Model's versions fit without scrolling sideways."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import save_screenshot

WIDTH, HEIGHT = 1500, 900
SECTIONS_WITH_TABLES = ("Conditions", "Sync rounds", "Dataset & PVC", "Expected vs live", "Events")


def _overflowing(page: Page) -> list[tuple[int, int]]:
    """(scrollWidth, clientWidth) of every drawn table wider than its box."""
    found = []
    for scroller in page.locator("[data-testid='stDataFrame'] .dvn-scroller").all():
        scroll, client = scroller.evaluate("e => [e.scrollWidth, e.clientWidth]")
        if scroll > client + 1:
            found.append((scroll, client))
    return found


def _open(browser: Browser, url: str) -> Page:
    page = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}).new_page()
    page.goto(url)
    return page


def test_the_models_list_fits_1500px_with_one_last_sync_column(app_server: str, browser: Browser) -> None:
    page = _open(browser, f"{app_server}/models?ns=ml-team")
    table = page.locator(".st-key-models-table")
    expect(table.locator(".dvn-scroller")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^\d+ Models\.$"))).to_be_visible()
    assert _overflowing(page) == []
    table.scroll_into_view_if_needed()
    save_screenshot(page, "models-list-1500x900")
    page.context.close()


def test_a_models_versions_and_panel_tables_fit_1500px(app_server: str, browser: Browser) -> None:
    page = _open(browser, f"{app_server}/models?ns=ml-team&model=mistral-7b-finetune&version=v1")
    expect(page.locator(".st-key-models-detail-versions .dvn-scroller")).to_be_visible()
    panel = page.locator(".st-key-models-detail-panel-v1")
    expect(panel.get_by_role("tab", name="Events")).to_be_visible()
    page.wait_for_timeout(1500)  # every grid drawn
    assert _overflowing(page) == []
    save_screenshot(page, "model-detail-1500x900")
    for section in SECTIONS_WITH_TABLES:  # one section of the panel is built at a time
        panel.get_by_role("tab", name=section).click()
        expect(panel.get_by_role("tab", name=section, selected=True)).to_be_visible()
        expect(panel.locator(".dvn-scroller")).to_be_visible()
        page.wait_for_timeout(1000)  # the section's grid drawn
        assert _overflowing(page) == [], section
    page.context.close()
