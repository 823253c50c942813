"""The browser's Back button: a link followed adds one history entry, and Back reopens the view left, with its URL."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Locator, Page, expect

MODEL = "qwen2-5-7b-instruct"
SOURCE = "huggingface"
ROUND_TRIPS = 3
"""A stray history entry depends on when the browser handles two messages: several trips make it show.
After Back, following a link replaces the entry ahead, so the history keeps its length from the first trip on."""


def heading(page: Page, name: str) -> Locator:
    return page.get_by_test_id("stMain").get_by_role("heading", name=name, exact=True)


def settled(page: Page) -> None:
    """Streamlit has drawn everything: no placeholder skeleton, no run in progress."""
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0)


def history_length(page: Page) -> int:
    length: int = page.evaluate("window.history.length")
    return length


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def test_back_from_a_models_source_reopens_the_model_with_its_version_and_tab(app_server: str, page: Page) -> None:
    page.goto(f"{app_server}/models?ns=ml-team&model={MODEL}&version=fp16&tab=Versions")
    expect(heading(page, MODEL)).to_be_visible()
    settled(page)
    model_url = page.url
    entries = history_length(page)
    for _ in range(ROUND_TRIPS):
        page.get_by_test_id("stMain").get_by_role("link", name=re.compile(f"ModelSource {SOURCE}")).click()
        expect(heading(page, SOURCE)).to_be_visible()
        expect(page).to_have_url(re.compile(rf"/sources\?ns=ml-team&source={SOURCE}$"))
        settled(page)
        assert history_length(page) == entries + 1, "following the link added more than one history entry"

        page.go_back()
        expect(page).to_have_url(model_url)
        expect(heading(page, MODEL)).to_be_visible()
        expect(heading(page, "Version fp16")).to_be_visible()
        assert query(page) == {"ns": ["ml-team"], "model": [MODEL], "version": ["fp16"], "tab": ["Versions"]}
        settled(page)


def test_back_from_a_model_reopens_the_source_it_was_opened_from(app_server: str, page: Page) -> None:
    page.goto(f"{app_server}/sources?ns=ml-team&source={SOURCE}")
    expect(heading(page, SOURCE)).to_be_visible()
    settled(page)
    entries = history_length(page)
    for _ in range(ROUND_TRIPS):
        page.get_by_test_id("stMain").get_by_role("link", name=MODEL, exact=True).click()
        expect(heading(page, MODEL)).to_be_visible()
        settled(page)
        assert history_length(page) == entries + 1, "following the link added more than one history entry"

        page.go_back()
        expect(page).to_have_url(re.compile(rf"/sources\?ns=ml-team&source={SOURCE}$"))
        expect(heading(page, SOURCE)).to_be_visible()
        settled(page)


def test_the_wizard_opened_from_a_filtered_list_and_cancelled_is_two_steps_back_to_the_list(
    app_server: str, page: Page
) -> None:
    listed = f"{app_server}/sources?ns=ml-team&sources.type=GIT"
    page.goto(listed)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("1 of 6 ModelSources shown.")).to_be_visible()
    settled(page)
    entries = history_length(page)

    main.get_by_role("button", name="Create ModelSource").click()
    expect(heading(page, "Create ModelSource")).to_be_visible()
    settled(page)
    main.get_by_role("button", name="Cancel").click()
    expect(main.get_by_text("1 of 6 ModelSources shown.")).to_be_visible()
    expect(page).to_have_url(listed)
    settled(page)
    assert history_length(page) == entries + 2, "opening and leaving the wizard is one history entry each"

    page.go_back()
    expect(heading(page, "Create ModelSource")).to_be_visible()
    page.go_back()
    expect(page).to_have_url(listed)
    expect(main.get_by_text("1 of 6 ModelSources shown.")).to_be_visible()
