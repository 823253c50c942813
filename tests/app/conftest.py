"""Fixtures for AppTest page tests: an emulator per test and a kubeconfig pointing at it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from modelfs_lib.demo.runner import EmulatorThread, write_kubeconfig
from modelfs_lib.ui import pages

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cluster() -> Iterator[EmulatorThread]:
    """An empty emulated cluster (CRDs installed) served on 127.0.0.1."""
    thread = EmulatorThread().start()
    yield thread
    thread.stop()


@pytest.fixture
def kubeconfig(cluster: EmulatorThread, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """KUBECONFIG pointing at ``cluster``; the demo and read-only switches cleared."""
    path = write_kubeconfig(cluster.url, tmp_path / "kubeconfig", context="test-cluster")
    monkeypatch.setenv("KUBECONFIG", str(path))
    for name in ("MODELFS_UI_DEMO", "MODELFS_UI_READONLY"):
        monkeypatch.delenv(name, raising=False)
    return path


def app(page: pages.Page = pages.MODELS) -> AppTest:
    """The console under AppTest, opened at ``page`` (Models by default) as Streamlit routes ``pages/``."""
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=30)
    return at if page == pages.HOME else at.switch_page(page.script)


def add_namespace(cluster: EmulatorThread, name: str, **labels: str) -> None:
    """Create a namespace in the emulated cluster."""
    store = cluster.emulator.store
    store.create(store.rtype("", "namespaces"), {"metadata": {"name": name, "labels": labels}})


def add_object(cluster: EmulatorThread, manifest: dict[str, object], *, namespace: str = "") -> dict[str, object]:
    """Create any object (status kept) in the emulated cluster."""
    store = cluster.emulator.store
    return store.create(store.rtype_of(manifest), manifest, namespace=namespace, keep_status=True)
