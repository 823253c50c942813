"""Day-2 in a real browser on the demo cluster: the round bump is explained, acknowledged, then sent."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

MODEL = "bge-m3"
VERSION = "v1"
DATASET = f"mdl-{MODEL}-{VERSION}"
ROUND_TIMEOUT_MS = 90_000


def test_a_round_bump_is_explained_and_sent_only_after_the_acknowledgement(
    app_server: str, page: Page, screenshot: Callable[[str], Path]
) -> None:
    page.goto(f"{app_server}/models?ns=ml-team&model={MODEL}&version={VERSION}")
    main = page.get_by_test_id("stMain")

    panel = main.locator(f".st-key-rerun-{MODEL}-{VERSION}-panel")
    button = panel.get_by_role("button", name="Bump the sync round (may be reverted)")
    expect(button).to_be_visible(timeout=ROUND_TIMEOUT_MS)
    expect(panel.get_by_text("This is not a working re-sync.")).to_be_visible(timeout=ROUND_TIMEOUT_MS)
    expect(button).to_be_disabled()
    asks = panel.get_by_text(re.compile(r"Asks for round \d+ as Job"))
    expect(asks).to_be_visible(timeout=ROUND_TIMEOUT_MS)  # a round another test started may still run
    wanted = int(re.search(r"Asks for round (\d+)", asks.inner_text()).group(1))  # type: ignore[union-attr]
    job = f"dataset-{DATASET}-round-{wanted}"
    panel.scroll_into_view_if_needed()
    screenshot("caveat")

    panel.get_by_text("I understand: the Model controller may revert the bump").click()
    expect(button).to_be_enabled()
    button.click()

    expect(panel.get_by_text(f"round {wanted}, Job {job}")).to_be_visible()
    expect(panel.get_by_text(f"kubectl -n ml-team logs job/{job}")).to_be_visible()
    screenshot("sent")
