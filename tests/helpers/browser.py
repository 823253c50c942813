"""What the served console shows in the browser, and its history, in Playwright tests."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Locator, Page, expect


def main_heading(page: Page, name: str) -> Locator:
    """The heading named exactly ``name`` in the page's main area."""
    return page.get_by_test_id("stMain").get_by_role("heading", name=name, exact=True)


def wait_until_settled(page: Page) -> None:
    """Streamlit has drawn everything: no placeholder skeleton, no run in progress."""
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0)


def history_length(page: Page) -> int:
    """How many entries the tab's browser history holds."""
    length: int = page.evaluate("window.history.length")
    return length


def url_query(page: Page) -> dict[str, list[str]]:
    """The query parameters of the page's current URL."""
    return parse_qs(urlparse(page.url).query)
