"""Routing: deep links open their page on a fresh server and in a running one; nothing is fetched off this host."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import UI_TIMEOUT_MS, served_console

MODEL = "qwen2-5-7b-instruct"
NOT_FOUND = "Page not found"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


@pytest.fixture(scope="module")
def fresh_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A console no browser has opened yet: the first page of this module is its first session."""
    with served_console(tmp_path_factory.mktemp("routing_server")) as base_url:
        yield base_url


def never_says_not_found(page: Page, seconds: float = 3.0) -> None:
    """Streamlit's "Page not found" dialog does not show up at any point within ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert NOT_FOUND not in page.inner_text("body")
        time.sleep(0.25)


def open_deep_link(browser: Browser, url: str) -> Page:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(UI_TIMEOUT_MS)
    page = context.new_page()
    page.goto(url)
    return page


def test_a_deep_link_opens_its_page_on_a_fresh_server_and_in_a_running_console(
    fresh_server: str, browser: Browser, screenshot: Callable[[str], Path]
) -> None:
    first = open_deep_link(browser, f"{fresh_server}/models?ns=ml-team&model={MODEL}")
    try:
        main = first.get_by_test_id("stMain")
        expect(main.get_by_role("heading", name=MODEL, exact=True)).to_be_visible()
        never_says_not_found(first)
        assert urlparse(first.url).path == "/models"
        assert "model=qwen2-5-7b-instruct" in first.url
    finally:
        first.context.close()

    # The console now runs (a session has been served): deep links into every page.
    for path, heading, title in (
        ("/models?ns=ml-team", "Models", "Models · modelfs-ui"),
        ("/sources?ns=ml-team&source=huggingface", "huggingface", "huggingface · ModelSources · modelfs-ui"),
        ("/activity?ns=ml-team", "Activity", "Activity · modelfs-ui"),
        (f"/models?ns=ml-team&model={MODEL}&version=fp16", MODEL, f"{MODEL} · Models · modelfs-ui"),
    ):
        later = open_deep_link(browser, fresh_server + path)
        try:
            expect(later.get_by_test_id("stMain").get_by_role("heading", name=heading, exact=True)).to_be_visible()
            expect(later).to_have_title(title)  # tabs on several Models or sources can be told apart
            never_says_not_found(later)
            assert urlparse(later.url).path == urlparse(path).path
            namespace = later.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").filter(has_text="Namespace")
            expect(namespace.get_by_role("combobox")).to_have_value("ml-team")  # the frame, with the link's namespace
        finally:
            later.context.close()


def test_the_sidebar_links_keep_the_namespace(app_server: str, page: Page) -> None:
    page.goto(f"{app_server}/models?ns=inference")
    sidebar = page.get_by_test_id("stSidebar")
    expect(page.get_by_test_id("stMain").get_by_role("heading", name="Models", exact=True)).to_be_visible()
    sidebar.get_by_role("link", name="ModelSources").click()
    expect(page).to_have_url(re.compile(r"/sources\?(.*&)?ns=inference(&|$)"))
    expect(page.get_by_test_id("stMain").get_by_role("heading", name="ModelSources", exact=True)).to_be_visible()
    never_says_not_found(page, 1.0)
    sidebar.get_by_role("link", name="Overview").click()
    expect(page).to_have_url(re.compile(r"127\.0\.0\.1:\d+/\?(.*&)?ns=inference(&|$)"))  # the home page's own path
    expect(page.get_by_test_id("stMain").get_by_role("heading", name="modelfs-ui", exact=True)).to_be_visible()


def test_no_page_asks_anything_of_another_host(app_server: str, page: Page) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path, heading in (
        ("/?ns=ml-team", "modelfs-ui"),
        ("/models?ns=ml-team", "Models"),
        (f"/models?ns=ml-team&model={MODEL}", MODEL),
        ("/sources?ns=ml-team", "ModelSources"),
        ("/activity?ns=ml-team", "Activity"),
    ):
        page.goto(app_server + path)
        expect(page.get_by_test_id("stMain").get_by_role("heading", name=heading, exact=True)).to_be_visible()
        expect(page.get_by_test_id("stSkeleton")).to_have_count(0)
        page.wait_for_load_state("networkidle")
    icon = page.locator("link[rel~='icon']").first.get_attribute("href") or ""
    assert urlparse(icon).hostname in (None, *LOCAL_HOSTS), icon
    elsewhere = sorted(
        {url for url in requested if urlparse(url).scheme in ("http", "https", "ws", "wss")}
        - {url for url in requested if urlparse(url).hostname in LOCAL_HOSTS}
    )
    assert requested
    assert elsewhere == []


def test_the_refresh_choice_and_the_source_filters_survive_a_trip_to_another_page(app_server: str, page: Page) -> None:
    page.goto(f"{app_server}/sources?ns=ml-team")
    main, sidebar = page.get_by_test_id("stMain"), page.get_by_test_id("stSidebar")
    expect(main.get_by_role("heading", name="ModelSources", exact=True)).to_be_visible()
    sidebar.get_by_test_id("stSelectbox").filter(has_text="Auto-refresh").click()
    page.get_by_role("option", name="off", exact=True).click()
    expect(sidebar.get_by_role("button", name="Refresh")).to_be_visible()
    expect(sidebar.get_by_text(re.compile(r"^Updated "))).to_be_visible()
    main.get_by_test_id("stMultiSelect").filter(has_text="Type").click()
    page.get_by_role("option", name="S3", exact=True).click()
    page.keyboard.press("Escape")
    expect(page).to_have_url(re.compile(r"[?&]sources\.type=S3(&|$)"))

    sidebar.get_by_role("link", name="Models", exact=True).click()
    expect(main.get_by_role("heading", name="Models", exact=True)).to_be_visible()
    expect(sidebar.get_by_role("button", name="Refresh")).to_be_visible()
    sidebar.get_by_role("link", name="ModelSources", exact=True).click()
    expect(main.get_by_role("heading", name="ModelSources", exact=True)).to_be_visible()
    expect(page).to_have_url(re.compile(r"[?&]sources\.type=S3(&|$)"))
    expect(main.get_by_test_id("stMultiSelect").filter(has_text="Type")).to_contain_text("S3")
    expect(sidebar.get_by_role("button", name="Refresh")).to_be_visible()
