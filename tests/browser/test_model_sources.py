"""The ModelSources page in chromium on the demo cluster: the list, a row opened, a detail with its Secret check."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from modelfs_lib.demo.seed_catalog import SECRET_MARKER

ROW_HEIGHT = 35  # px: Streamlit's dataframe rows (and its header row)


def settled(page: Page) -> None:
    """Wait until Streamlit has drawn everything (no placeholder skeletons left)."""
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0)


def test_the_list_shows_every_source_and_a_selected_row_opens_its_detail(
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
    view = main.get_by_role("button", name="View huggingface")
    expect(view).to_be_enabled()
    view.click()
    expect(page).to_have_url(re.compile(r"[?&]source=huggingface(&|$)"))
    expect(main.get_by_role("heading", name="huggingface", exact=True)).to_be_visible()
    assert SECRET_MARKER not in page.content()


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
