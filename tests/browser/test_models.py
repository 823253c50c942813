"""The Models pages in a real browser on the demo cluster: the list, a phase filter, a Model's detail."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

FILTERED = re.compile(r"^\d+ of \d+ Models shown\.$")
TALL = {"width": 1400, "height": 2400}  # Streamlit scrolls inside its main block: a tall window shows it all


def test_the_list_filters_by_phase_and_opens_a_model_detail(
    app_server: str, page: Page, screenshot: Callable[[str], Path]
) -> None:
    page.set_viewport_size(TALL)
    page.goto(f"{app_server}/models?ns=ml-team")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name="Models", exact=True)).to_be_visible()
    expect(main.get_by_test_id("stDataFrame").first).to_be_visible()
    expect(main.get_by_text(re.compile(r"^\d+ Models\.$"))).to_be_visible()  # other browser tests may add some
    expect(main.get_by_text(re.compile(r"ReconcileError ModelSourceNotReady")).first).to_be_visible()
    logs = "kubectl -n modelfs-system logs -l control-plane=controller-manager --tail=200"
    expect(main.get_by_text(logs)).to_be_visible()
    screenshot("list")

    main.get_by_test_id("stButtonGroup").get_by_role("button", name=re.compile("Failed")).click()
    expect(main.get_by_text(FILTERED)).to_be_visible()
    expect(page).to_have_url(re.compile(r"models\.phase=Failed"))
    screenshot("filtered-failed")

    # The list refreshes on the shell's 10 s timer (the retry countdown in the banner changes) and keeps the filter.
    banner = main.get_by_test_id("stAlertContentError").first
    before = banner.inner_text()
    expect(banner).not_to_have_text(before, timeout=25_000)
    expect(main.get_by_text(FILTERED)).to_be_visible()

    main.get_by_test_id("stSelectbox").filter(has_text="Model").click()
    page.get_by_role("option", name="mistral-7b-finetune", exact=True).click()
    main.get_by_role("button", name=re.compile("View")).click()

    expect(page).to_have_url(re.compile(r"[?&]model=mistral-7b-finetune(&|$)"))
    expect(main.get_by_role("heading", name="mistral-7b-finetune")).to_be_visible()
    expect(main.get_by_text(re.compile("^Team fine-tune of Mistral 7B")).first).to_be_visible()
    panel = main.locator(".st-key-models-detail-panel-v1")
    expect(panel.get_by_role("tab", name="Sync rounds")).to_be_visible()
    panel.get_by_role("tab", name="kubectl").click()
    expect(
        main.get_by_text("kubectl -n ml-team logs job/dataset-mdl-mistral-7b-finetune-v1-round-1", exact=True).first
    ).to_be_visible()
    screenshot("detail")

    main.get_by_role("tab", name="YAML").click()
    expect(main.get_by_text(re.compile(r"repo: acme-ml/mistral-7b-broken-finetune"))).to_be_visible()
    screenshot("detail-yaml")

    main.get_by_role("button", name=re.compile("All Models")).click()
    expect(main.get_by_text(FILTERED)).to_be_visible()  # the filter survived


def test_a_model_detail_opens_from_its_link(app_server: str, page: Page, screenshot: Callable[[str], Path]) -> None:
    page.set_viewport_size(TALL)
    page.goto(f"{app_server}/models?ns=ml-team&model=qwen2-5-7b-instruct&version=fp16")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name="qwen2-5-7b-instruct")).to_be_visible()
    expect(
        main.get_by_text(re.compile(r"reference exists in inference \(FAILED\); missing in staging"))
    ).to_be_visible()
    main.locator(".st-key-models-detail-panel-fp16").get_by_role("tab", name="kubectl").click()
    expect(
        main.get_by_text("kubectl -n ml-team get pvc dataset-mdl-qwen2-5-7b-instruct-fp16", exact=True).first
    ).to_be_visible()
    screenshot("deep-link")
