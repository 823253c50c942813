"""Drive every page, wizard and action of the console through AppTest against a recording emulator.

:func:`record_console_access` seeds the demo content, points the console at a
:class:`~tests.access.recording.RecordingEmulator` and runs each step below; each step checks that
the request it exists for reached the API server, so a flow that silently stops sending is caught
here rather than shrinking the derived access. Steps reuse the page tests' helper functions.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from streamlit.testing.v1 import AppTest

from modelfs_lib.demo.request_attributes import RequestAttributes
from modelfs_lib.demo.runner import EmulatorThread, write_kubeconfig
from modelfs_lib.demo.seed import seed
from modelfs_lib.ui import state as ui_state
from modelfs_lib.ui.state import key as state_key
from tests.access.recording import RecordingEmulator
from tests.app.conftest import app
from tests.app.day2 import NS, QWEN, harness
from tests.helpers.sources import open_sources
from tests.helpers.wizard import fill_basics, fill_card, key

CONTROLLER_NAMESPACE = "modelfs-system"
"""Where the console looks for the controller by default (MODELFS_UI_CONTROLLER_NAMESPACE)."""
SOURCES = f"/apis/model.samzong.dev/v1/namespaces/{NS}/modelsources"
MODELS = f"/apis/model.samzong.dev/v1/namespaces/{NS}/models"
DATASETS = "/apis/dataset.baizeai.io/v1alpha1/namespaces/{ns}/datasets"

Step = Callable[[EmulatorThread], None]


@contextlib.contextmanager
def _environment(**values: str | None) -> Iterator[None]:
    """Set (or, with None, unset) environment variables for the block, and restore them after."""
    saved = {name: os.environ.get(name) for name in values}
    try:
        for name, value in values.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _ran(at: AppTest) -> AppTest:
    assert not at.exception, at.exception
    return at


def _click(at: AppTest, widget_key: str) -> AppTest:
    return _ran(at.button(key=widget_key).click().run())


def _confirm(at: AppTest, prefix: str, typed: str) -> AppTest:
    at.text_input(key=f"{prefix}.typed").input(typed)  # a form: the name goes with the click
    return _click(at, f"{prefix}.button")


def _sent(cluster: EmulatorThread, method: str, path: str) -> None:
    assert cluster.emulator.received_matching(method, path), f"no {method} {path} reached the API server"


# ---- reads ------------------------------------------------------------------------------------------


def models_list(cluster: EmulatorThread) -> None:
    """The Models page: namespaces, Models, Datasets, the controller's Deployments, access reviews."""
    at = app()
    at.query_params["ns"] = NS
    _ran(at.run())
    _sent(cluster, "GET", f"{MODELS}$")


def _model_detail(name: str) -> None:
    """Open Model ``name``'s detail."""
    at = app()
    at.query_params["ns"] = NS
    at.query_params["model"] = name
    _ran(at.run())


def model_details(cluster: EmulatorThread) -> None:
    """Every seeded Model's detail, with its version panels (PVCs, events, Secret key names)."""
    for name in (QWEN, "acme-private-llm", "gemma-2-9b-it", "bge-m3"):
        _model_detail(name)
    _sent(cluster, "GET", "/events$")


def controller_by_name(cluster: EmulatorThread) -> None:
    """With the controller's Deployment named, the sidebar reads it by name."""
    with _environment(MODELFS_UI_CONTROLLER_DEPLOYMENT="modelfs"):
        models_list(cluster)
    _sent(cluster, "GET", f"/namespaces/{CONTROLLER_NAMESPACE}/deployments/modelfs$")


def controller_missing(cluster: EmulatorThread) -> None:
    """No controller Deployment found: the console reads the namespace to tell a missing one."""
    store = cluster.emulator.store
    deployments = store.rtype("apps", "deployments")
    for deployment in store.list(deployments, CONTROLLER_NAMESPACE):
        store.delete(deployments, CONTROLLER_NAMESPACE, deployment["metadata"]["name"])
    models_list(cluster)
    _sent(cluster, "GET", f"/api/v1/namespaces/{CONTROLLER_NAMESPACE}$")


def live_pages(cluster: EmulatorThread) -> None:
    """With the shared cache on (the default), lists are kept current by watches: the Models list, a detail
    and the ModelSources page, until every informer they started is watching. (The other details read
    what this one reads; ``model_details`` reads each of them without the cache.)"""
    with _environment(MODELFS_UI_CACHE_TTL="5"):
        models_list(cluster)
        _model_detail(QWEN)
        open_sources(source="huggingface")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            watched = {r.path for r in cluster.emulator.received_matching("GET", "") if r.params.get("watch")}
            if any(p.endswith("/models") for p in watched) and any(p.endswith("/datasets") for p in watched):
                break
            time.sleep(0.1)
    assert any(r.params.get("watch") for r in cluster.emulator.received_matching("GET", f"{MODELS}$"))


def sources_pages(cluster: EmulatorThread) -> None:
    """The ModelSources list and a detail, whose credentials check GETs its Secret."""
    _click(open_sources(source="huggingface"), "sources.detail.recheck")
    _sent(cluster, "GET", f"/namespaces/{NS}/secrets/hf-token$")


# ---- writes -----------------------------------------------------------------------------------------


def rerun(cluster: EmulatorThread) -> None:
    """Bump a version's sync round: a merge patch of its Dataset."""
    at = _ran(harness(version="fp16", part="rerun").run())
    prefix = f"rerun.{QWEN}.fp16"
    _ran(at.checkbox(key=f"{prefix}.ack").check().run())
    _click(at, f"{prefix}.button")
    _sent(cluster, "PATCH", DATASETS.format(ns=NS) + f"/mdl-{QWEN}-fp16$")


def recreate(cluster: EmulatorThread) -> None:
    """Recreate a version's Dataset: the Pods that mount its PVC, then the delete."""
    prefix = f"recreate.{QWEN}.fp16"
    at = _click(_ran(harness(version="fp16", part="recreate").run()), f"{prefix}.open")
    _confirm(at, f"{prefix}.confirm", f"mdl-{QWEN}-fp16")
    _sent(cluster, "GET", f"/namespaces/{NS}/pods$")
    _sent(cluster, "DELETE", DATASETS.format(ns=NS) + f"/mdl-{QWEN}-fp16$")


def absent(cluster: EmulatorThread) -> None:
    """Delete a version the controller's way: ABSENT first (a write to the Model)."""
    prefix = f"version.{QWEN}.int4"
    at = _click(_ran(harness(version="int4", part="actions").run()), f"{prefix}.delete")
    _confirm(at, f"{prefix}.confirm", "int4")
    _sent(cluster, "PATCH", f"{MODELS}/{QWEN}$")


def orphan(cluster: EmulatorThread) -> None:
    """Delete an orphan Dataset."""
    name = "mdl-bge-m3-v0"
    at = _click(_ran(harness("bge-m3", part="orphans").run()), f"orphans.bge-m3.{name}.delete")
    _confirm(at, f"orphans.bge-m3.{name}.confirm", name)
    _sent(cluster, "DELETE", DATASETS.format(ns=NS) + f"/{name}$")


def stale_reference(cluster: EmulatorThread) -> None:
    """Delete a stale REFERENCE Dataset in another namespace."""
    stale = f"share-{NS}-{QWEN}-fp16"
    at = _click(_ran(harness(part="sharing").run()), state_key(f"{ui_state.STALE}.one", NS, QWEN))
    _confirm(at, state_key(f"{ui_state.STALE}.confirm", NS, QWEN), stale)
    _sent(cluster, "DELETE", DATASETS.format(ns="research") + f"/{stale}$")


def model_wizard(cluster: EmulatorThread) -> None:
    """Create a Model: dry-run and server-side apply of a new object."""
    at = app()
    at.query_params["ns"] = NS
    at.query_params["action"] = "create"
    _ran(at.run())
    fill_basics(at)
    _click(at, key(None, "next"))
    fill_card(at, 0)
    _click(at, key(None, "next"))
    _click(at, key(None, "review.apply"))
    _sent(cluster, "PATCH", f"{MODELS}/qwen-small$")


def model_delete(cluster: EmulatorThread) -> None:
    """Delete a Model from its detail."""
    at = app()
    at.query_params["ns"] = NS
    at.query_params["model"] = "sdxl-base"
    at = _click(_ran(at.run()), "models.detail.delete")
    _confirm(at, "models.detail.delete_confirm", "sdxl-base")
    _sent(cluster, "DELETE", f"{MODELS}/sdxl-base$")


def source_wizard(cluster: EmulatorThread) -> None:
    """Create a ModelSource whose Secret is typed and read by name."""
    at = open_sources(action="create")
    at.text_input(key="sources.wizard.name").input("hf-mirror")
    at.selectbox(key="sources.wizard.type").select("HUGGING_FACE")
    _ran(at.text_input(key="sources.wizard.secret").input("hf-token").run())
    _click(at, "sources.wizard.review")
    _click(at, "sources.review.apply")
    _sent(cluster, "PATCH", f"{SOURCES}/hf-mirror$")


def source_delete(cluster: EmulatorThread) -> None:
    """Delete an unreferenced ModelSource."""
    at = open_sources(source="gitea", action="delete")
    at.text_input(key="sources.delete.typed").input("gitea")
    _click(at, "sources.delete.button")
    _sent(cluster, "DELETE", f"{SOURCES}/gitea$")


STEPS: tuple[Step, ...] = (
    models_list,
    model_details,
    controller_by_name,
    sources_pages,
    live_pages,
    rerun,
    recreate,
    absent,
    orphan,
    stale_reference,
    model_wizard,
    model_delete,
    source_wizard,
    source_delete,
    controller_missing,
)
"""Every page, wizard and action, in an order in which each finds what it acts on."""


def record_console_access(steps: tuple[Step, ...] = STEPS) -> set[RequestAttributes]:
    """Run ``steps`` against a seeded recording emulator; the RBAC checks their requests needed."""
    emulator = RecordingEmulator()
    seed(emulator.store)
    with EmulatorThread(emulator) as cluster, tempfile.TemporaryDirectory() as tmp:
        kubeconfig = write_kubeconfig(cluster.url, Path(tmp) / "kubeconfig", context="access-drive")
        with _environment(
            KUBECONFIG=str(kubeconfig),
            MODELFS_UI_CACHE_TTL="0",
            MODELFS_UI_DEMO=None,
            MODELFS_UI_READONLY=None,
            MODELFS_UI_CONTROLLER_NAMESPACE=None,
            MODELFS_UI_CONTROLLER_SELECTOR=None,
            MODELFS_UI_CONTROLLER_DEPLOYMENT=None,
        ):
            for step in steps:
                step(cluster)
        return emulator.recorded()
