"""The browser's history: one entry per view switch, Back opens the view left, the URL decides what it shows."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.helpers.browser import history_length, main_heading, url_query, wait_until_settled

MODEL = "qwen2-5-7b-instruct"  # versions fp16 (the first), int4, int8, awq
DETAIL = {"ns": ["ml-team"], "model": [MODEL]}


def version_picker(page: Page, version: str) -> object:
    return page.get_by_test_id("stMain").get_by_role("radio", name=version, exact=True)


def test_each_switch_between_a_model_and_its_wizard_is_one_history_entry(app_server: str, page: Page) -> None:
    page.goto(f"{app_server}/models?ns=ml-team&model={MODEL}&version=int4")
    main = page.get_by_test_id("stMain")
    expect(main_heading(page, "Version int4")).to_be_visible()
    wait_until_settled(page)
    entries = history_length(page)

    main.get_by_role("button", name="Edit", exact=True).click()
    expect(page).to_have_url(re.compile(r"&action=edit$"))
    wait_until_settled(page)
    assert history_length(page) == entries + 1, "opening the wizard is one history entry"
    assert url_query(page) == {**DETAIL, "action": ["edit"]}

    main.get_by_role("button", name="Cancel").click()
    expect(main_heading(page, MODEL)).to_be_visible()
    wait_until_settled(page)
    assert history_length(page) == entries + 2, "leaving the wizard is one history entry"
    assert url_query(page) == DETAIL

    page.go_back()
    expect(page).to_have_url(re.compile(r"&action=edit$"))
    page.go_back()
    expect(page).to_have_url(re.compile(r"&version=int4$"))
    expect(main_heading(page, "Version int4")).to_be_visible()


def test_the_filtered_list_a_model_and_the_list_again_are_one_history_entry_each(app_server: str, page: Page) -> None:
    listed = f"{app_server}/models?ns=ml-team&models.q=qwen2"
    page.goto(listed)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text(re.compile(r"^1 of \d+ Models shown\.$"))).to_be_visible()
    wait_until_settled(page)
    entries = history_length(page)

    main.get_by_test_id("stSelectbox").filter(has_text="Model").click()
    page.keyboard.type(MODEL)
    page.get_by_role("option", name=MODEL, exact=True).click()
    main.get_by_role("button", name="View").click()
    expect(main_heading(page, MODEL)).to_be_visible()
    wait_until_settled(page)
    assert history_length(page) == entries + 1, "opening a Model from the list is one history entry"
    assert url_query(page) == DETAIL

    main.get_by_role("button", name="All Models").click()
    expect(main.get_by_text(re.compile(r"^1 of \d+ Models shown\.$"))).to_be_visible()
    wait_until_settled(page)
    expect(page).to_have_url(listed)  # the filter kept for the session is in the list's URL at once
    assert history_length(page) == entries + 2, "back to the list is one history entry"

    page.go_back()
    expect(main_heading(page, MODEL)).to_be_visible()
    assert url_query(page) == DETAIL
    page.go_back()
    expect(page).to_have_url(listed)


def test_back_to_a_model_without_a_version_shows_its_first_version(app_server: str, page: Page) -> None:
    page.goto(f"{app_server}/models?ns=ml-team&model={MODEL}")
    expect(main_heading(page, "Version fp16")).to_be_visible()
    wait_until_settled(page)
    entries = history_length(page)

    version_picker(page, "int4").click()
    expect(main_heading(page, "Version int4")).to_be_visible()
    expect(page).to_have_url(re.compile(r"&version=int4$"))
    wait_until_settled(page)
    assert history_length(page) == entries + 1

    page.go_back()
    expect(page).to_have_url(re.compile(rf"model={MODEL}$"))
    expect(main_heading(page, "Version fp16")).to_be_visible()
    expect(version_picker(page, "fp16")).to_be_checked()
    wait_until_settled(page)
    assert url_query(page) == DETAIL, "showing the first version writes no version to the URL"
