"""Real-browser fixtures: the app served by `streamlit run` on the demo cluster, driven by Debian's chromium.

Every test under tests/browser/ is marked `browser`; `pytest -m "not browser"` skips them.
Screenshots (on request, and of every failed test) go to tests/browser/artifacts/.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Generator, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from benchmarks.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import REPO_ROOT, free_port

HERE = Path(__file__).resolve().parent
ARTIFACTS = HERE / "artifacts"
STARTUP_TIMEOUT_SECONDS = 60.0
# Streamlit renders after the page has loaded, over its websocket: give every wait some slack.
UI_TIMEOUT_MS = 20_000

expect.set_options(timeout=UI_TIMEOUT_MS)

_FAILED = pytest.StashKey[bool]()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report: pytest.TestReport = yield
    if report.failed:
        item.stash[_FAILED] = True
    return report


def _wait_until_healthy(process: subprocess.Popen[bytes], health_url: str, log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = log_path.read_text(errors="replace")
            pytest.fail(f"streamlit exited with code {process.returncode} before serving:\n{output}", pytrace=False)
        try:
            with urllib.request.urlopen(health_url, timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.25)
    output = log_path.read_text(errors="replace")
    pytest.fail(
        f"{health_url} did not answer ok within {STARTUP_TIMEOUT_SECONDS:.0f} s; streamlit said:\n{output}",
        pytrace=False,
    )


@contextlib.contextmanager
def served_console(log_dir: Path) -> Iterator[str]:
    """The console served on a free port on its own embedded demo cluster; yields its base URL."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = log_dir / "streamlit.log"
    command = [
        sys.executable, "-m", "streamlit", "run", "streamlit_app.py",
        "--server.headless", "true",
        "--server.address", "127.0.0.1",
        "--server.port", str(port),
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
        "--", "--demo",
    ]  # fmt: skip
    env = {**os.environ, "MODELFS_UI_DEMO": "1"}
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_until_healthy(process, f"{base_url}/_stcore/health", log_path)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The console served on a free port on the embedded demo cluster; yields its base URL."""
    with served_console(tmp_path_factory.mktemp("app_server")) as base_url:
        yield base_url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's headless chromium, driven by Playwright (which never downloads a browser here).

    Module-scoped, so that Playwright's own event loop is gone before any asyncio test runs.
    """
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `bash scripts/test.sh` installs Debian's chromium", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh browser tab in a fresh context; a failed test leaves a screenshot in the artifacts."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(UI_TIMEOUT_MS)
    tab = context.new_page()
    try:
        yield tab
        if request.node.stash.get(_FAILED, False):
            save_screenshot(tab, f"{request.node.name}-failed")
    finally:
        context.close()


def save_screenshot(page: Page, name: str) -> Path:
    """Save a full-page PNG to tests/browser/artifacts/<name>.png and return its path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', name)}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def screenshot(page: Page, request: pytest.FixtureRequest) -> Callable[[str], Path]:
    """`screenshot("step")` saves the current page as artifacts/<test name>-step.png."""
    return lambda step: save_screenshot(page, f"{request.node.name}-{step}")
