"""Day-2 in a real browser on the demo cluster: re-run a version's sync and watch the new round complete."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

MODEL = "bge-m3"
VERSION = "v1"
DATASET = f"mdl-{MODEL}-{VERSION}"
ROUND_TIMEOUT_MS = 90_000


def test_a_rerun_in_the_demo_cluster_starts_a_round_that_completes(
    app_server: str, page: Page, screenshot: Callable[[str], Path]
) -> None:
    page.goto(f"{app_server}/?ns=ml-team&model={MODEL}&version={VERSION}")
    sidebar = page.get_by_test_id("stSidebar")
    main = page.get_by_test_id("stMain")

    refresh = sidebar.get_by_test_id("stSelectbox").filter(has_text="Auto-refresh")
    refresh.click()
    page.get_by_role("option", name="every 5 s", exact=True).click()
    expect(refresh.get_by_role("combobox")).to_have_value("every 5 s")

    panel = main.locator(f".st-key-rerun-{MODEL}-{VERSION}-panel")
    button = panel.get_by_role("button", name="Re-run sync")
    expect(button).to_be_enabled(timeout=ROUND_TIMEOUT_MS)  # a round another test started may still run
    starts = panel.get_by_text(re.compile(r"Starts round \d+ as Job"))
    expect(starts).to_be_visible()
    wanted = int(re.search(r"Starts round (\d+)", starts.inner_text()).group(1))  # type: ignore[union-attr]
    job = f"dataset-{DATASET}-round-{wanted}"
    panel.scroll_into_view_if_needed()
    screenshot("before")

    button.click()

    expect(panel.get_by_text(f"round {wanted}, Job {job}")).to_be_visible()
    expect(panel.get_by_text(f"kubectl -n ml-team logs job/{job}")).to_be_visible()
    expect(panel.get_by_text(re.compile(rf"Round {wanted} is (waiting|syncing)")).first).to_be_visible()
    screenshot("sent")

    expect(panel.get_by_text(re.compile(rf"Round {wanted} is syncing for"))).to_be_visible(timeout=ROUND_TIMEOUT_MS)
    screenshot("syncing")
    expect(panel.get_by_text(f"Round {wanted} succeeded")).to_be_visible(timeout=ROUND_TIMEOUT_MS)
    rounds = rf"spec\.dataSyncRound {wanted} · status\.lastSucceedRound {wanted}"
    expect(main.get_by_text(re.compile(rounds)).first).to_be_visible()
    screenshot("succeeded")
