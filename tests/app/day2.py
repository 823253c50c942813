"""Helpers for the day-2 page tests: the components' harness, the page's text, the stored Datasets and Models."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from modelfs_lib.demo.controllers import SimulatedControllers
from modelfs_lib.demo.runner import EmulatorThread
from modelfs_lib.demo.store import ObjectStore
from tests.helpers.page import TEXT_KINDS as TEXT_KINDS
from tests.helpers.page import page_text
from tests.helpers.page import rendered as rendered
from tests.helpers.page import walk as walk

ROOT = Path(__file__).resolve().parents[2]
NS = "ml-team"
QWEN = "qwen2-5-7b-instruct"
LLAMA = "llama-3-1-8b-instruct"
WRITE_LABELS = (
    "Re-run",
    "Bump",
    "Recreate",
    "Delete",
    "Restore",
    "Remove from spec",
    "Share",
    "Stop sharing",
    "Create Model",
    "Edit",
    "Add version",
    "Apply",
)
"""Labels (or their beginnings) of every button that writes or opens a write."""


def harness(model: str = QWEN, version: str | None = None, part: str | None = None) -> AppTest:
    """The day-2 components of ``model`` (and ``version``) on their own, with the real shell, not yet run."""
    at = AppTest.from_file(str(ROOT / "tests" / "app" / "entry" / "day2.py"), default_timeout=30)
    at.query_params["ns"] = NS
    at.query_params["model"] = model
    if version:
        at.query_params["version"] = version
    if part:
        at.query_params["part"] = part
    return at


def text(at: AppTest) -> str:
    """What the page says: alerts, markdown, captions, code blocks, titles."""
    return page_text(at)


def button_labels(at: AppTest) -> list[str]:
    """The label of every button on the page (main area and sidebar)."""
    return [b.label for b in at.button]


def write_buttons(at: AppTest) -> list[str]:
    """The buttons whose labels say they write (or open a write)."""
    return [label for label in button_labels(at) if label.startswith(WRITE_LABELS)]


def dataset(cluster: EmulatorThread, name: str, namespace: str = NS) -> dict[str, Any]:
    """A Dataset as the emulator stores it now."""
    store = cluster.emulator.store
    return store.get(store.rtype("dataset.baizeai.io", "datasets"), namespace, name)


def find_dataset(cluster: EmulatorThread, name: str, namespace: str = NS) -> dict[str, Any] | None:
    """A Dataset as stored, or None."""
    store = cluster.emulator.store
    return store.find(store.rtype("dataset.baizeai.io", "datasets"), namespace, name)


def model_object(cluster: EmulatorThread, name: str) -> dict[str, Any]:
    """A Model as the emulator stores it now."""
    store = cluster.emulator.store
    return store.get(store.rtype("model.samzong.dev", "models"), NS, name)


class Clock:
    """The simulated controllers, stepped on a clock the test moves."""

    def __init__(self, store: ObjectStore) -> None:
        self.controllers = SimulatedControllers(store)
        self.now = dt.datetime.now(dt.UTC)

    def tick(self, seconds: float = 0.0) -> None:
        """Move the clock and run one reconcile pass of every controller."""
        self.now += dt.timedelta(seconds=seconds)
        self.controllers.tick(self.now)

    def run(self, seconds: float, step: float = 1.0) -> None:
        """Tick every ``step`` seconds for ``seconds``."""
        for _ in range(int(seconds / step)):
            self.tick(step)
