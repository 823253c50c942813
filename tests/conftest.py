"""Fixtures and helpers shared by every test.

Browser fixtures (the served app, chromium, pages, screenshots) live in tests/browser/conftest.py.
"""

from __future__ import annotations

import functools
import importlib.metadata
import os
import socket
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
"""The project's top folder: where streamlit_app.py, pages/ and modelfs_lib/ are."""
BROWSER_TESTS = REPO_ROOT / "tests" / "browser"


class _RememberedDistribution(importlib.metadata.Distribution):
    """An installed distribution whose METADATA is parsed once, not on every look."""

    def __init__(self, found: importlib.metadata.Distribution) -> None:
        self._found = found

    def read_text(self, filename: str) -> str | None:
        return self._found.read_text(filename)

    def locate_file(self, path: str | os.PathLike[str]) -> Any:
        return self._found.locate_file(path)

    @functools.cached_property
    def metadata(self) -> Any:  # type: ignore[override]
        return self._found.metadata


@pytest.fixture(scope="session", autouse=True)
def _installed_distributions_read_once() -> Iterator[None]:
    """Every new AppTest looks through the metadata of every installed distribution for Streamlit
    components (1-3 s on a busy machine); nothing is installed during a test session, so the
    distributions are found and their metadata parsed once."""
    original = importlib.metadata.distributions
    found = [_RememberedDistribution(d) for d in original()]

    def distributions(**kwargs: Any) -> Iterable[importlib.metadata.Distribution]:
        return original(**kwargs) if kwargs else iter(found)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(importlib.metadata, "distributions", distributions)
        yield


@pytest.fixture(autouse=True)
def _stop_informers() -> Iterator[None]:
    """After each test, stop the watch-fed informers its pages started: their emulator is gone."""
    yield
    data = sys.modules.get("modelfs_lib.ui.data")
    if data is not None:
        data.stop_informers()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Each test file is one xdist group, so one worker builds its module-scoped fixtures once (xdist's
    loadgroup otherwise hands a module's tests to every worker in turn). Runs before xdist names the groups;
    the browser tests form one group of their own (tests/browser/conftest.py) and come first: the longest
    group starts at once on one worker while the others share the rest."""
    items.sort(key=lambda item: not item.path.is_relative_to(BROWSER_TESTS))
    for item in items:
        if not item.path.is_relative_to(BROWSER_TESTS):
            item.add_marker(pytest.mark.xdist_group(f"file:{item.path.relative_to(REPO_ROOT)}"))


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port
