"""Fixtures for the deploy tests: nothing of the machine's own cluster configuration leaks in."""

from __future__ import annotations

from pathlib import Path

import pytest

ISOLATED = (
    "KUBECONFIG",
    "KUBERNETES_SERVICE_HOST",
    "KUBERNETES_SERVICE_PORT",
    "MODELFS_UI_SERVICEACCOUNT_DIR",
    "MODELFS_UI_DEMO",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
)


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No kubeconfig, no service account, no proxy: only what a test sets up, on 127.0.0.1."""
    for name in ISOLATED:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
