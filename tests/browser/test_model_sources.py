"""The ModelSources page in chromium on the demo cluster: the list, a row opened, a detail with its Secret check."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from modelfs_lib.demo.seed_catalog import SECRET_MARKER
from tests.browser.conftest import UI_TIMEOUT_MS, served_console

ROW_HEIGHT = 35  # px: Streamlit's dataframe rows (and its header row)


def settled(page: Page) -> None:
    """Wait until Streamlit has drawn everything (no placeholder skeletons left)."""
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0)


def test_the_list_shows_every_source_and_a_click_on_a_row_opens_its_detail(
    app_server: str, page: Page, screenshot: Callable[[str], Path]
) -> None:
    page.goto(f"{app_server}/sources?ns=ml-team")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name="ModelSources", exact=True)).to_be_visible()
    grid = main.get_by_test_id("stDataFrame")
    expect(grid).to_be_visible()
    expect(main.get_by_role("button", name="Create ModelSource")).to_be_enabled()
    settled(page)
    screenshot("list")

    box = grid.bounding_box()
    assert box is not None
    huggingface = 3  # artifactory, gitea, hf-private, huggingface, ...: sorted by name
    page.mouse.click(box["x"] + 16, box["y"] + ROW_HEIGHT * (huggingface + 1) + ROW_HEIGHT / 2)
    expect(page).to_have_url(re.compile(r"/sources\?ns=ml-team&source=huggingface$"))
    expect(main.get_by_role("heading", name="huggingface", exact=True)).to_be_visible()
    assert SECRET_MARKER not in page.content()


def test_back_from_a_source_opened_in_a_filtered_list_shows_the_list_with_its_filters(
    app_server: str, page: Page
) -> None:
    listed = f"{app_server}/sources?ns=ml-team&sources.type=S3&sources.type=GIT"
    page.goto(listed)
    main = page.get_by_test_id("stMain")
    grid = main.get_by_test_id("stDataFrame")
    expect(grid).to_be_visible()
    settled(page)
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 16, box["y"] + ROW_HEIGHT * 2 + ROW_HEIGHT / 2)  # gitea, minio-models
    expect(main.get_by_role("heading", name="minio-models", exact=True)).to_be_visible()
    settled(page)

    page.go_back()
    expect(page).to_have_url(listed)
    expect(main.get_by_role("heading", name="ModelSources", exact=True)).to_be_visible()
    expect(main.get_by_text("2 of 6 ModelSources shown.")).to_be_visible()
    settled(page)
    expect(main.get_by_role("heading", name="ModelSources", exact=True)).to_be_visible()  # the list stays

    page.go_forward()
    expect(main.get_by_role("heading", name="minio-models", exact=True)).to_be_visible()
    main.get_by_role("button", name="All ModelSources").click()  # the way back on the page: the same list
    expect(page).to_have_url(re.compile(r"/sources\?ns=ml-team&sources\.type=S3&sources\.type=GIT$"))
    expect(main.get_by_text("2 of 6 ModelSources shown.")).to_be_visible()


def test_the_list_fits_1500px_and_spells_out_what_is_not_ready(app_server: str, page: Page) -> None:
    page.set_viewport_size({"width": 1500, "height": 900})
    page.goto(f"{app_server}/sources?ns=ml-team")
    main = page.get_by_test_id("stMain")
    scroller = main.locator(".st-key-sources-table .dvn-scroller")
    expect(scroller).to_be_visible()
    settled(page)
    scroll, client = scroller.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert scroll <= client + 1, f"the table scrolls sideways: {scroll} px in {client} px"
    problems = main.locator(".st-key-sources-problems")
    expect(problems).to_contain_text('minio-models: SecretInvalid: Secret "minio-credentials" not found')


def test_clear_filters_empties_the_filters_in_the_url(app_server: str, page: Page) -> None:
    page.goto(f"{app_server}/sources?ns=ml-team&sources.type=GIT&sources.credentials=not+ready")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("No ModelSource matches these filters (6 in ml-team).")).to_be_visible()
    main.get_by_role("button", name="Clear filters").click()
    expect(main.get_by_text("6 ModelSources.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/sources\?ns=ml-team$"))


def test_a_detail_shows_its_secret_check_and_the_rotate_command(
    app_server: str, page: Page, screenshot: Callable[[str], Path]
) -> None:
    page.goto(app_server)
    expect(page.get_by_test_id("stSidebar").get_by_text("Demo cluster").first).to_be_visible()
    page.set_viewport_size({"width": 1400, "height": 1800})
    page.goto(f"{app_server}/sources?ns=ml-team&source=huggingface")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name="huggingface", exact=True)).to_be_visible()
    expect(main.get_by_text("Secret hf-token exists and has 1 key")).to_be_visible()
    expect(main.get_by_role("link", name="qwen2-5-7b-instruct")).to_be_visible()
    main.get_by_text("Rotate secret").click()
    expect(main.get_by_text("--from-file=HF_TOKEN=<(printf '%s' \"$NEW_HF_TOKEN\")")).to_be_visible()
    expect(main.get_by_role("button", name="Check again")).to_be_visible()
    settled(page)
    screenshot("huggingface")
    assert SECRET_MARKER not in page.content()

    page.goto(f"{app_server}/sources?ns=ml-team&source=minio-models")
    expect(main.get_by_text("Secret minio-credentials does not exist in ml-team")).to_be_visible()
    expect(main.get_by_text("SecretInvalid").first).to_be_visible()
    expect(main.get_by_role("link", name="whisper-large-v3")).to_be_visible()
    expect(main.get_by_role("button", name="Check again")).to_be_visible()
    settled(page)
    screenshot("minio-models")
    assert SECRET_MARKER not in page.content()


@pytest.fixture(scope="module")
def fresh_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A console no browser has opened yet: the first page of this module is its first session."""
    with served_console(tmp_path_factory.mktemp("sources_server")) as base_url:
        yield base_url


def test_a_link_to_a_source_opens_it_on_a_fresh_console_and_in_a_running_one(
    fresh_server: str, browser: Browser
) -> None:
    for _ in ("the console's first session", "a later one"):
        context = browser.new_context(viewport={"width": 1500, "height": 900})
        context.set_default_timeout(UI_TIMEOUT_MS)
        page = context.new_page()
        try:
            page.goto(f"{fresh_server}/sources?ns=ml-team&source=minio-models")
            main = page.get_by_test_id("stMain")
            expect(main.get_by_role("heading", name="minio-models", exact=True)).to_be_visible()
            expect(main.get_by_text("Secret minio-credentials does not exist in ml-team")).to_be_visible()
            expect(page).to_have_url(re.compile(r"/sources\?ns=ml-team&source=minio-models$"))
        finally:
            context.close()
