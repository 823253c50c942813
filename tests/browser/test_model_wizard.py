"""The Model wizard in a real browser: create a Model on the demo cluster and watch it become Ready on the list.

The test serves the console on a demo cluster of its own: the Model it creates must not appear in
the demo cluster other browser tests count Models in.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.conftest import REPO_ROOT, free_port

READY_WITHIN_MS = 90_000
STARTUP_SECONDS = 60.0


@pytest.fixture(scope="module")
def own_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The console on its own embedded demo cluster, on a free port; yields its base URL."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = tmp_path_factory.mktemp("wizard_server") / "streamlit.log"
    command = [
        sys.executable, "-m", "streamlit", "run", "streamlit_app.py",
        "--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(port),
        "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false", "--", "--demo",
    ]  # fmt: skip
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=REPO_ROOT, env={**os.environ, "MODELFS_UI_DEMO": "1"}, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"streamlit did not start:\n{log_path.read_text(errors='replace')}", pytrace=False)
            try:
                with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
                    if response.read().strip() == b"ok":
                        break
            except (urllib.error.URLError, OSError):
                time.sleep(0.25)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _commit(page: Page, field: Locator, text: str) -> None:
    """Type into a Streamlit text input and leave it, so that the value reaches the script."""
    field.fill(text)
    field.press("Tab")


def _choose(page: Page, where: Locator, label: str, option: str | re.Pattern[str]) -> None:
    where.get_by_test_id("stSelectbox").filter(has_text=label).click()
    page.get_by_role("option", name=option).click()


def test_a_model_created_in_the_wizard_becomes_ready_on_the_models_list(
    own_server: str, page: Page, screenshot: Callable[[str], Path]
) -> None:
    app_server = own_server
    name = f"qwen-e2e-{uuid.uuid4().hex[:6]}"
    main = page.get_by_test_id("stMain")
    sidebar = page.get_by_test_id("stSidebar")

    page.goto(f"{app_server}/?ns=ml-team&action=create")
    expect(main.get_by_role("heading", name="Create Model")).to_be_visible()
    _commit(page, main.get_by_role("textbox", name="Name", exact=True), name)
    _choose(page, main, "ModelSource", re.compile(r"^huggingface · HUGGING_FACE · credentials ready"))
    expect(main.get_by_text("Type HUGGING_FACE")).to_be_visible()
    _commit(page, main.get_by_role("textbox", name="Description", exact=True), "Created by the browser test")
    screenshot("1-basics")
    main.get_by_role("button", name="Next: versions").click()

    expect(main.get_by_role("textbox", name="Version name")).to_be_visible()
    _commit(page, main.get_by_role("textbox", name="Version name"), "fp16")
    _commit(page, main.get_by_role("textbox", name="Repo"), "Qwen/Qwen2.5-0.5B-Instruct")
    _commit(page, main.get_by_role("textbox", name="Storage size"), "2Gi")
    expect(main.get_by_text("empty: the controller then asks for 100Ti")).to_have_count(0)
    screenshot("2-versions")
    main.get_by_role("button", name="Next: review").click()

    expect(main.get_by_text("The API server accepts it (server-side dry-run).")).to_be_visible()
    expect(main.get_by_text("Valid against the Model CRD schema.")).to_be_visible()
    screenshot("3-review")
    main.get_by_role("button", name="Apply", exact=True).click()
    expect(page).to_have_url(re.compile(rf"[?&]model={name}(&|$)"))

    page.goto(f"{app_server}/?ns=ml-team")
    expect(main.get_by_role("heading", name="Models", exact=True)).to_be_visible()
    _choose(page, sidebar, "Auto-refresh", "every 5 s")
    row = main.get_by_test_id("stDataFrame").locator("tr[role=row]").filter(has_text=name)
    expect(row).to_have_count(1)
    main.get_by_test_id("stDataFrame").scroll_into_view_if_needed()
    screenshot("4-listed")
    # No reload from here on: the list re-reads the cluster every 5 s by itself.
    expect(row.locator("td").filter(has_text=re.compile(r"^Ready$"))).to_have_count(1, timeout=READY_WITHIN_MS)
    screenshot("5-ready")
