"""The browser's Back button: a link followed adds one history entry, and Back reopens the view left, with its URL."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.helpers.browser import history_length, main_heading, url_query, wait_until_settled

MODEL = "qwen2-5-7b-instruct"
SOURCE = "huggingface"
ROUND_TRIPS = 3
"""A stray history entry depends on when the browser handles two messages: several trips make it show.
After Back, following a link replaces the entry ahead, so the history keeps its length from the first trip on."""


def test_back_from_a_models_source_reopens_the_model_with_its_version_and_tab(app_server: str, page: Page) -> None:
    page.goto(f"{app_server}/models?ns=ml-team&model={MODEL}&version=fp16&tab=Versions")
    expect(main_heading(page, MODEL)).to_be_visible()
    wait_until_settled(page)
    model_url = page.url
    entries = history_length(page)
    for _ in range(ROUND_TRIPS):
        page.get_by_test_id("stMain").get_by_role("link", name=re.compile(f"ModelSource {SOURCE}")).click()
        expect(main_heading(page, SOURCE)).to_be_visible()
        expect(page).to_have_url(re.compile(rf"/sources\?ns=ml-team&source={SOURCE}$"))
        wait_until_settled(page)
        assert history_length(page) == entries + 1, "following the link added more than one history entry"

        page.go_back()
        expect(page).to_have_url(model_url)
        expect(main_heading(page, MODEL)).to_be_visible()
        expect(main_heading(page, "Version fp16")).to_be_visible()
        assert url_query(page) == {"ns": ["ml-team"], "model": [MODEL], "version": ["fp16"], "tab": ["Versions"]}
        wait_until_settled(page)


def test_back_from_a_model_reopens_the_source_it_was_opened_from(app_server: str, page: Page) -> None:
    page.goto(f"{app_server}/sources?ns=ml-team&source={SOURCE}")
    expect(main_heading(page, SOURCE)).to_be_visible()
    wait_until_settled(page)
    entries = history_length(page)
    for _ in range(ROUND_TRIPS):
        page.get_by_test_id("stMain").get_by_role("link", name=MODEL, exact=True).click()
        expect(main_heading(page, MODEL)).to_be_visible()
        wait_until_settled(page)
        assert history_length(page) == entries + 1, "following the link added more than one history entry"

        page.go_back()
        expect(page).to_have_url(re.compile(rf"/sources\?ns=ml-team&source={SOURCE}$"))
        expect(main_heading(page, SOURCE)).to_be_visible()
        wait_until_settled(page)


def test_the_wizard_opened_from_a_filtered_list_and_cancelled_is_two_steps_back_to_the_list(
    app_server: str, page: Page
) -> None:
    listed = f"{app_server}/sources?ns=ml-team&sources.type=GIT"
    page.goto(listed)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("1 of 6 ModelSources shown.")).to_be_visible()
    wait_until_settled(page)
    entries = history_length(page)

    main.get_by_role("button", name="Create ModelSource").click()
    expect(main_heading(page, "Create ModelSource")).to_be_visible()
    wait_until_settled(page)
    main.get_by_role("button", name="Cancel").click()
    expect(main.get_by_text("1 of 6 ModelSources shown.")).to_be_visible()
    expect(page).to_have_url(listed)
    wait_until_settled(page)
    assert history_length(page) == entries + 2, "opening and leaving the wizard is one history entry each"

    page.go_back()
    expect(main_heading(page, "Create ModelSource")).to_be_visible()
    page.go_back()
    expect(page).to_have_url(listed)
    expect(main.get_by_text("1 of 6 ModelSources shown.")).to_be_visible()
