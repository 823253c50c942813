"""The shell every page shares: the sidebar's cluster and namespace, and the namespace in the URL."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect


def test_the_console_asks_for_a_namespace_and_then_shows_its_models(
    app_server: str, page: Page, screenshot: Callable[[str], Path]
) -> None:
    page.goto(f"{app_server}/models")
    sidebar = page.get_by_test_id("stSidebar")
    main = page.get_by_test_id("stMain")

    expect(sidebar.get_by_text("Demo cluster").first).to_be_visible()
    expect(sidebar.get_by_text("Controller: modelfs in modelfs-system, 1/1 available")).to_be_visible()
    namespace = sidebar.get_by_test_id("stSelectbox").filter(has_text="Namespace")
    expect(namespace).to_be_visible()
    expect(main.get_by_text(re.compile(r"choose a namespace", re.IGNORECASE)).first).to_be_visible()
    screenshot("no-namespace")

    namespace.click()
    page.get_by_role("option", name="ml-team", exact=True).click()

    expect(page).to_have_url(re.compile(r"[?&]ns=ml-team(&|$)"))
    expect(main.get_by_role("heading", name="Models", exact=True)).to_be_visible()
    screenshot("ml-team")
