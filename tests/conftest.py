"""Fixtures and helpers shared by every test.

Browser fixtures (the served app, chromium, pages, screenshots) live in tests/browser/conftest.py.
"""

from __future__ import annotations

import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
"""The project's top folder: where streamlit_app.py, pages/ and modelfs_lib/ are."""


@pytest.fixture(autouse=True)
def _stop_informers() -> Iterator[None]:
    """After each test, stop the watch-fed informers its pages started: their emulator is gone."""
    yield
    data = sys.modules.get("modelfs_lib.ui.data")
    if data is not None:
        data.stop_informers()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


# ------------------------------------------------------------------------------------------------
# Emulator fixtures
#
# To be added: the kmock-based API emulator (modelfs_lib.demo) seeded with the CRDs in
# modelfs_lib/crds/ and plain-dict objects, and a client (modelfs_lib.client) pointed at it,
# so that client and page tests talk HTTP to an API server instead of patching `kubernetes`.
# ------------------------------------------------------------------------------------------------
