"""Every page through every way the API server fails: explained next to what broke, the rest still there, and whole
again on the next refresh once the fault is gone.

One seeded emulator serves the whole module; each test injects one fault on the read a page part depends on,
runs the page, clears the fault and runs it again in the same session (a refresh, not a reload).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from modelfs_lib.demo.runner import EmulatorThread, write_kubeconfig
from modelfs_lib.demo.seed import seed
from modelfs_lib.ui import pages
from modelfs_lib.ui.models.detail.view import tab_key
from tests.app.conftest import app
from tests.app.day2 import NS, QWEN, text
from tests.conftest import free_port
from tests.helpers.wizard import applies, click, fill_basics, fill_card
from tests.helpers.wizard import key as wizard_key

TIMEOUT = 2.0
"""MODELFS_UI_REQUEST_TIMEOUT in this module: a hanging API server costs a page this long."""
GROUP = "dataset.baizeai.io/v1alpha1"


@dataclass(frozen=True)
class Fault:
    """One way an API server fails: the emulator's fault keywords and what the page must then say."""

    name: str
    says: str
    inject: dict[str, Any] = field(default_factory=dict)


def _status(code: int, reason: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"status": code, "reason": reason, "message": message, **extra}


FAULTS = [
    Fault("401", "rejected your credentials", _status(401, "Unauthorized", "Unauthorized")),
    Fault("403", "not allowed to list", _status(403, "Forbidden", 'User "alice" cannot list resource "x"')),
    Fault("404", "does not serve", _status(404, "NotFound", "the server could not find the requested resource")),
    Fault("409", "changed by someone else", _status(409, "Conflict", "the object has been modified")),
    Fault("410", "410 Gone", _status(410, "Expired", "too old resource version: 1 (42)")),
    Fault("422", "rejected", _status(422, "Invalid", "bad field selector")),
    Fault("429", "Try again in 7 seconds", _status(429, "TooManyRequests", "slow down", headers={"Retry-After": "7"})),
    Fault("500", "HTTP 500", _status(500, "InternalError", "etcd is unhappy")),
    Fault("503", "HTTP 503", {"status": 503, "raw_body": "<html><h1>503 Service Unavailable</h1></html>"}),
    Fault("timeout", "did not answer", {"status": 0, "delay": TIMEOUT * 3}),
    Fault("malformed JSON", "is not JSON", {"status": 200, "raw_body": "<html>Sign in to continue</html>"}),
    Fault("truncated body", "was cut off", {"status": 200, "raw_body": '{"kind": "List", "items": []}', "cut": True}),
]


@dataclass(frozen=True)
class Page:
    """A page (or page part), the read its failing part depends on, and what must remain when that read fails."""

    name: str
    params: dict[str, str]
    path: str
    action: str
    kept: tuple[str, ...]
    whole: tuple[str, ...]
    tab: str = ""
    """The Model detail's tab to open first (only the open tab is built)."""


PAGES = [
    Page(
        "Models list",
        {"ns": NS},
        f"/namespaces/{NS}/models$",
        f"Listing Models in {NS} failed.",
        kept=("Models",),
        whole=(QWEN, "Models."),
    ),
    Page(
        "a Model's detail",
        {"ns": NS, "model": QWEN},
        f"/namespaces/{NS}/datasets$",
        f"Listing Datasets in {NS} failed.",
        kept=(QWEN, "**Sharing**", "Where each version is shared"),
        whole=("Shared with 2 namespace(s)",),
        tab="Sharing",
    ),
    Page(
        "a Model's Sharing tab",
        {"ns": NS, "model": QWEN},
        f"^/apis/{GROUP}/(namespaces/(inference|staging|research)/)?datasets$",
        "could not be listed",
        kept=(QWEN, "Where each version is shared", "Shared with 2 namespace(s)"),
        whole=("present: 1",),
        tab="Sharing",
    ),
    Page(
        "ModelSources list",
        {"ns": NS},
        f"/namespaces/{NS}/modelsources$",
        f"Listing ModelSources in {NS} failed.",
        kept=("ModelSources",),
        whole=("huggingface",),
    ),
    Page(
        "a ModelSource's detail",
        {"ns": NS, "source": "huggingface"},
        f"/namespaces/{NS}/models$",
        f"Listing Models in {NS} failed.",
        kept=("huggingface", f"ModelSource in namespace {NS}"),
        whole=("Models that use it",),
    ),
]


@pytest.fixture(scope="module")
def served() -> Iterator[EmulatorThread]:
    """One seeded emulator for the whole matrix."""
    thread = EmulatorThread().start()
    seed(thread.emulator.store)
    yield thread
    thread.stop()


@pytest.fixture(scope="module")
def module_kubeconfig(served: EmulatorThread, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_kubeconfig(served.url, tmp_path_factory.mktemp("faults") / "kubeconfig", context="faults")


@pytest.fixture
def cluster(
    served: EmulatorThread, module_kubeconfig: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[EmulatorThread]:
    """The module's emulator, no faults, every read going to it, short timeouts, no timer."""
    monkeypatch.setenv("KUBECONFIG", str(module_kubeconfig))
    monkeypatch.setenv("MODELFS_UI_CACHE_TTL", "0")
    monkeypatch.setenv("MODELFS_UI_REQUEST_TIMEOUT", str(TIMEOUT))
    monkeypatch.setenv("MODELFS_UI_REFRESH_SECONDS", "0")
    for name in ("MODELFS_UI_DEMO", "MODELFS_UI_READONLY"):
        monkeypatch.delenv(name, raising=False)
    served.emulator.clear_faults()
    yield served
    served.emulator.clear_faults()


def run(page: Page) -> AppTest:
    at = app(pages.SOURCES if page.name.startswith(("ModelSource", "a ModelSource")) else pages.MODELS)
    for key, value in page.params.items():
        at.query_params[key] = value
    if page.tab:
        at.session_state[tab_key(NS, QWEN)] = page.tab
    return at.run()


def everything(at: AppTest) -> str:
    """The page's text and the cells of its tables."""
    cells = [df.value.to_string() for df in at.dataframe]
    return "\n".join([text(at), *cells])


def errors(at: AppTest) -> str:
    return "\n".join(str(e.value) for e in [*at.error, *at.warning])


def sidebar_whole(at: AppTest) -> None:
    assert at.sidebar.selectbox(key="shell.namespace").value == NS
    assert any(s.label == "Auto-refresh" for s in at.sidebar.selectbox)


@pytest.mark.parametrize("fault", FAULTS, ids=[f.name for f in FAULTS])
@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_a_failing_read_is_explained_where_it_broke_and_the_next_refresh_is_whole(
    cluster: EmulatorThread, page: Page, fault: Fault
) -> None:
    cluster.emulator.inject(page.path, method="GET", **fault.inject)
    at = run(page)

    assert not at.exception, at.exception
    said = everything(at)
    assert page.action in said, said
    assert fault.says in errors(at) + said, errors(at)
    # after one timeout the rest of the run fails fast: only what was read before it must be there
    for part in page.kept[:1] if fault.name == "timeout" else page.kept:
        assert part in said, f"{part!r} is missing while {page.path} fails"
    sidebar_whole(at)

    cluster.emulator.clear_faults()
    at.run()
    assert not at.exception, at.exception
    whole = everything(at)
    assert page.action not in whole
    for part in (*page.kept, *page.whole):
        assert part in whole, f"{part!r} is missing after the fault is gone"


def test_a_refused_connection_is_explained_and_a_cluster_that_comes_back_is_whole_on_the_next_refresh(
    cluster: EmulatorThread, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = free_port()
    path = write_kubeconfig(f"http://127.0.0.1:{port}", tmp_path / "kubeconfig", context="down")
    monkeypatch.setenv("KUBECONFIG", str(path))
    at = run(PAGES[0])
    assert not at.exception, at.exception
    said = errors(at)
    assert "Listing namespaces failed." in said and f"Listing Models in {NS} failed." in said
    assert "Could not connect to the cluster at" in said and "Connection refused" in said
    assert "Check that the cluster is running" in text(at)
    assert any(s.label == "Auto-refresh" for s in at.sidebar.selectbox)

    with EmulatorThread(port=port) as back:
        seed(back.emulator.store)
        at.run()
        assert not at.exception, at.exception
        assert "failed." not in errors(at)
        assert QWEN in everything(at)


def test_tls_to_a_server_that_does_not_speak_it_is_explained_with_what_to_check(
    cluster: EmulatorThread, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_kubeconfig(cluster.url.replace("http://", "https://"), tmp_path / "kubeconfig", context="tls")
    monkeypatch.setenv("KUBECONFIG", str(path))
    for page in (PAGES[0], PAGES[3]):
        at = run(page)
        assert not at.exception, at.exception
        said = errors(at)
        assert page.action in said
        assert "secure (TLS) connection" in said
        assert "check the scheme (http/https) and port" in text(at)
        assert page.kept[0] in everything(at)


@pytest.mark.parametrize("page", [PAGES[0], PAGES[1], PAGES[4]], ids=lambda p: p.name)
def test_a_hanging_api_server_costs_a_page_one_timeout_not_one_per_read(
    cluster: EmulatorThread, page: Page, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    patience = 2.0
    monkeypatch.setenv("MODELFS_UI_REQUEST_TIMEOUT", str(patience))
    monkeypatch.setenv("KUBECONFIG", str(write_kubeconfig(cluster.url, tmp_path / "kubeconfig", context="hang")))
    started = time.monotonic()
    run(page)
    healthy = time.monotonic() - started
    cluster.emulator.inject(".", status=0, delay=patience * 3)

    started = time.monotonic()
    at = run(page)
    hanging = time.monotonic() - started

    assert not at.exception, at.exception
    # one timeout, not one per read: without the budget the Models list alone waits for two (namespaces, Models)
    assert hanging < healthy + 1.6 * patience, f"{hanging:.1f} s with a hanging server, {healthy:.1f} s without"
    assert "did not answer in time" in errors(at)
    assert "was not sent" in errors(at)  # the reads after the first timeout failed fast
    sidebar_whole(at)


def test_a_failed_apply_leaves_the_wizard_as_it_was_and_a_retry_applies(cluster: EmulatorThread) -> None:
    at = app()
    at.query_params["ns"] = NS
    at.query_params["action"] = "create"
    at.run()
    fill_basics(at, name="fault-llm")
    click(at, wizard_key(None, "next"))
    fill_card(at, 0, name="fp16")
    click(at, wizard_key(None, "next"))
    assert "The API server accepts it (server-side dry-run)" in text(at)

    cluster.emulator.inject(f"/namespaces/{NS}/models/fault-llm$", method="PATCH", status=503, raw_body="busy")
    click(at, wizard_key(None, "review.apply"))
    said = errors(at)
    assert "Applying Model fault-llm failed." in said and "HTTP 503" in said
    assert at.button(key=wizard_key(None, "review.apply")).disabled is False
    click(at, wizard_key(None, "back"))
    click(at, wizard_key(None, "back"))
    assert at.text_input(key=wizard_key(None, "name")).value == "fault-llm"
    assert at.text_area(key=wizard_key(None, "description")).value == "Qwen 0.5B for tests"

    cluster.emulator.clear_faults()
    click(at, wizard_key(None, "next"))
    assert at.text_input(key=wizard_key(None, "v0.repo")).value == "Qwen/Qwen2.5-0.5B-Instruct"
    click(at, wizard_key(None, "next"))
    click(at, wizard_key(None, "review.apply"))
    assert len(applies(cluster, "fault-llm")) == 2  # the refused one, then the one that was stored
    store = cluster.emulator.store
    assert store.find(store.rtype("model.samzong.dev", "models"), NS, "fault-llm") is not None
