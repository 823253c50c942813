"""A Model in each flawed state of the demo cluster, opened in a real browser: its finding is the one it should be."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

TALL = {"width": 1500, "height": 2400}
STATES = [
    ("gemma-2-9b-it", "Warning · Version it synced in round 2, but reads FAILED"),
    ("mixtral-8x7b-instruct", "Note · Old ReconcileError: history, not a live failure"),
    ("yi-1-5-9b-chat", "Error · Reconcile stalled at version v1"),
    ("acme-private-llm", "never reach the loader"),
    ("llama-3-1-8b-instruct", "Shares of version instruct cannot be created (label rejected)"),
    ("qwen2-5-7b-instruct", "are refused: the source Dataset is not shared"),
    ("internlm2-5-7b-chat", "point at a deleted Dataset (version ABSENT)"),
    ("bge-m3", "Orphan Dataset mdl-bge-m3-v0"),
    ("nomic-embed-text-v1-5", "Version v1-5 asks for 100Ti of storage"),
    ("phi-3-mini-4k-instruct", "names longer than 63 characters"),
    ("mistral-7b-finetune", "Version v1 failed to sync"),
]


@pytest.mark.parametrize(("model", "finding"), STATES, ids=[m for m, _ in STATES])
def test_a_flawed_model_opens_with_its_finding(
    app_server: str, page: Page, screenshot: Callable[[str], Path], model: str, finding: str
) -> None:
    page.set_viewport_size(TALL)
    page.goto(f"{app_server}/models?ns=ml-team&model={model}")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name=model)).to_be_visible()
    expect(main.get_by_text(re.compile(r"^Findings \("))).to_be_visible()
    expect(main.get_by_test_id("stExpander").filter(has_text=finding).first).to_be_visible()
    screenshot(f"findings-{model}")


def test_a_counter_reset_version_reads_as_synced_in_the_list(app_server: str, page: Page) -> None:
    page.set_viewport_size(TALL)
    page.goto(f"{app_server}/models?ns=ml-team&models.q=gemma")  # its Dataset reads FAILED (counter reset)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("1 of", exact=False)).to_be_visible()
    table = main.get_by_test_id("stDataFrame")
    expect(table).to_contain_text("Ready")
    expect(table).not_to_contain_text("Failed")
    page.goto(f"{app_server}/models?ns=ml-team&models.q=mistral")  # failed for real: the same table says so
    expect(main.get_by_test_id("stDataFrame")).to_contain_text("Failed")
