"""Fixtures for AppTest page tests: one emulator per session, reset before each test, and a kubeconfig per test.

``cluster`` is the session's emulator restored to its empty state (CRDs served, nothing stored, no faults,
no deny rules, nothing received); ``seeded`` restores the demo content instead (seeded once, objects as old
as a fresh seed's). Each test gets its own kubeconfig path, so the console's caches and informers, keyed by
connection, never carry one test's reads into the next.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from modelfs_lib.demo.emulator import EmulatorState
from modelfs_lib.demo.runner import EmulatorThread, write_kubeconfig
from modelfs_lib.demo.seed import seed
from modelfs_lib.ui import pages
from tests.helpers.cluster import add_namespace, add_object
from tests.helpers.manifests import EDITABLE, NS

__all__ = ["ROOT", "add_namespace", "add_object", "app"]

ROOT = Path(__file__).resolve().parents[2]


CLEARED_SETTINGS = (
    "MODELFS_UI_DEMO",
    "MODELFS_UI_READONLY",
    "MODELFS_UI_CACHE_TTL",
    "MODELFS_UI_CONTROLLER_NAMESPACE",
    "MODELFS_UI_CONTROLLER_SELECTOR",
    "MODELFS_UI_CONTROLLER_DEPLOYMENT",
)
"""Settings a test starts without (their defaults apply), whatever the shell running pytest has set."""


@pytest.fixture(scope="session")
def served_emulator() -> Iterator[EmulatorThread]:
    """The session's emulator on 127.0.0.1; use ``cluster`` or ``seeded``, which reset it."""
    thread = EmulatorThread().start()
    yield thread
    thread.stop()


@pytest.fixture(scope="session")
def seeded_state(served_emulator: EmulatorThread) -> EmulatorState:
    """A snapshot of the emulator holding the demo content (modelfs_lib/demo/seed.py)."""
    emulator = served_emulator.emulator
    emulator.reset()
    seed(emulator.store)
    state = emulator.snapshot()
    emulator.reset()
    return state


@pytest.fixture
def cluster(served_emulator: EmulatorThread) -> EmulatorThread:
    """An empty emulated cluster (CRDs installed) served on 127.0.0.1: the session's emulator, reset."""
    served_emulator.emulator.reset()
    return served_emulator


@pytest.fixture
def kubeconfig(cluster: EmulatorThread, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """KUBECONFIG pointing at ``cluster`` (a new path per test); the settings in CLEARED_SETTINGS unset."""
    path = write_kubeconfig(cluster.url, tmp_path / "kubeconfig", context="test-cluster")
    monkeypatch.setenv("KUBECONFIG", str(path))
    for name in CLEARED_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    return path


@pytest.fixture
def seeded(cluster: EmulatorThread, kubeconfig: Path, seeded_state: EmulatorState) -> EmulatorThread:
    """The demo content: namespaces, ModelSources (huggingface with Secret hf-token, modelscope without a
    Secret, minio-models with its Secret missing, artifactory over HTTP, gitea used by no Model), Models,
    Datasets, PVCs, Events and the controller's Deployment; ``KUBECONFIG`` points at it."""
    cluster.emulator.restore(seeded_state)
    return cluster


@pytest.fixture
def editable(seeded: EmulatorThread) -> EmulatorThread:
    """The demo content and Model tiny-llm (``EDITABLE``): READY, no field manager owns it, its version
    fp16 has a Dataset."""
    add_object(seeded, copy.deepcopy(EDITABLE), namespace=NS)
    return seeded


@pytest.fixture
def uncached_reads(kubeconfig: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``MODELFS_UI_CACHE_TTL=0``: every read of a page goes to the cluster (for tests that change it)."""
    monkeypatch.setenv("MODELFS_UI_CACHE_TTL", "0")


def app(page: pages.Page = pages.MODELS) -> AppTest:
    """The console under AppTest, opened at ``page`` (Models by default) as Streamlit routes ``pages/``."""
    at = AppTest.from_file(str(ROOT / pages.HOME.script), default_timeout=30)
    return at if page == pages.HOME else at.switch_page(page.script)
