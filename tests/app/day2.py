"""Helpers for the day-2 page tests: the seeded demo cluster, the components' harness, the page's text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from modelfs_lib.demo.controllers import SimulatedControllers
from modelfs_lib.demo.runner import EmulatorThread
from modelfs_lib.demo.store import ObjectStore

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


def walk(node: Any) -> Iterator[Any]:
    """Every node of the element tree under ``node``, ``node`` included."""
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from walk(child)


TEXT_KINDS = ("Caption", "Markdown", "Error", "Warning", "Success", "Info", "Code", "Title", "Subheader")


def text(at: AppTest) -> str:
    """What the page says: alerts, markdown, captions, code blocks, titles."""
    return "\n".join(str(getattr(n, "value", "")) for n in walk(at._tree) if type(n).__name__ in TEXT_KINDS)


def button_labels(at: AppTest) -> list[str]:
    """The label of every button on the page (main area and sidebar)."""
    return [b.label for b in at.button]


def write_buttons(at: AppTest) -> list[str]:
    """The buttons whose labels say they write (or open a write)."""
    return [label for label in button_labels(at) if label.startswith(WRITE_LABELS)]


def rendered(at: AppTest) -> Iterator[bytes]:
    """Every element of the page in the form sent to the browser."""
    for node in walk(at._tree):
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "SerializeToString"):
            yield proto.SerializeToString()


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


def listed_models(at: AppTest) -> list[str]:
    """The names in the Models list, read back from the links its Name column holds."""
    links = at.dataframe[0].value["Name"].tolist()
    return [str(link).rsplit("model=", 1)[-1] for link in links]
