"""The Models list at scale: derived once per change and shared by sessions, first rows before the rest, pages,
and a caption saying how the list is kept current (watching, or polling when watch is refused)."""

from __future__ import annotations

import time
import tomllib
from collections.abc import Callable
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from modelfs_lib.client import cluster as cluster_client
from modelfs_lib.demo.runner import EmulatorThread
from modelfs_lib.domain import model_list as domain_model_list
from modelfs_lib.resources import Model
from modelfs_lib.ui import data as ui_data
from modelfs_lib.ui import pages, shell
from modelfs_lib.ui.models.list import reads
from modelfs_lib.ui.models.list import view as list_view
from modelfs_lib.ui.models.list.table import PAGE_ROWS
from tests.app.conftest import ROOT, add_namespace, add_object, app
from tests.helpers.page import model_names

NS = "ml-team"


def model(name: str) -> dict[str, Any]:
    return {
        "apiVersion": "model.samzong.dev/v1",
        "kind": "Model",
        "metadata": {"name": name, "namespace": NS},
        "spec": {"sourceRef": "hf", "versions": [{"name": "fp16", "repo": "qwen/Qwen2.5-0.5B"}]},
    }


def open_list() -> AppTest:
    at = app()
    at.query_params["ns"] = NS
    return at.run()


def rerun_until(at: AppTest, condition: Callable[[AppTest], bool], seconds: float = 8.0) -> AppTest:
    deadline = time.monotonic() + seconds
    while not condition(at.run()) and time.monotonic() < deadline:
        time.sleep(0.1)
    return at


def names(at: AppTest) -> list[str]:
    return model_names(at)


def captions(at: AppTest) -> str:
    return "\n".join(str(c.value) for c in at.caption)


@pytest.fixture
def populated(cluster: EmulatorThread, kubeconfig: object) -> EmulatorThread:
    add_namespace(cluster, NS)
    for name in ("qwen3", "llama"):
        add_object(cluster, model(name), namespace=NS)
    return cluster


@pytest.fixture
def derivations(monkeypatch: pytest.MonkeyPatch) -> list[domain_model_list.ModelList]:
    """Every Models list derived while the test runs (the real derivation, counted)."""
    made: list[domain_model_list.ModelList] = []

    def counted(*args: Any, **kwargs: Any) -> domain_model_list.ModelList:
        found = domain_model_list.derive_model_list(*args, **kwargs)
        made.append(found)
        return found

    monkeypatch.setattr(reads, "derive_model_list", counted)
    return made


def test_two_sessions_share_one_derived_list_until_a_model_changes(
    populated: EmulatorThread, derivations: list[domain_model_list.ModelList]
) -> None:
    first = open_list()
    second = open_list()
    assert names(first) == names(second) == ["llama", "qwen3"]
    complete = [d for d in derivations if d.complete]
    assert len(complete) == 1  # both sessions, and every rerun, read the one derived list
    first.run()
    second.run()
    assert len([d for d in derivations if d.complete]) == 1

    add_object(populated, model("mistral"), namespace=NS)
    rerun_until(first, lambda at: "mistral" in names(at))
    second.run()
    assert names(second) == ["llama", "mistral", "qwen3"]
    assert len([d for d in derivations if d.complete]) == 2  # derived again once for the change, shared again


def test_a_changed_model_is_derived_again_alone_and_shows_at_the_next_run(
    populated: EmulatorThread, derivations: list[domain_model_list.ModelList]
) -> None:
    at = open_list()
    assert row_status(at, "qwen3") != "Failed"
    store = populated.emulator.store
    synced = [{"name": "fp16", "observedState": "PRESENT", "phase": "FAILED"}]
    store.patch(
        store.rtype("model.samzong.dev", "models"),
        NS,
        "qwen3",
        {"status": {"syncedVersions": synced}},
        patch_type="merge",
        subresource="status",
    )
    rerun_until(at, lambda a: row_status(a, "qwen3") == "Failed")
    assert row_status(at, "qwen3") == "Failed"
    assert len([d for d in derivations if d.complete]) == 1  # the list was updated, not derived whole again


def row_status(at: AppTest, name: str) -> str:
    table = at.dataframe(key="models.table").value
    return str(table[table["Name"].str.endswith(f"model={name}")]["Status"].iloc[0])


def test_the_rows_are_drawn_before_the_datasets_arrive_and_findings_fill_in(
    populated: EmulatorThread, derivations: list[domain_model_list.ModelList]
) -> None:
    populated.emulator.inject(r"/datasets$", method="GET", status=0, delay=1.5, times=2)
    at = open_list()
    first = derivations[0]
    assert not first.complete  # drawn from the Models alone, while the Datasets were on their way
    assert [row.name for row in first.rows] == ["llama", "qwen3"]
    assert first.findings == {}
    assert derivations[-1].complete  # then drawn again with them, in the same page load
    assert "still being read" not in captions(at)
    findings = "\n".join(at.dataframe(key="models.table").value["Finding"])
    assert "asks for 100Ti" in findings  # a finding that needs the Datasets' absence to be known


def test_the_datasets_are_asked_for_only_after_the_first_rows_are_derived(
    populated: EmulatorThread, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[list[str]] = []

    def counted(*args: Any, **kwargs: Any) -> domain_model_list.ModelList:
        _, registries = ui_data._registries()
        started.append([kind for registry in registries.values() for kind, _ in registry.running()])
        return domain_model_list.derive_model_list(*args, **kwargs)

    monkeypatch.setattr(reads, "derive_model_list", counted)
    at = open_list()
    assert names(at) == ["llama", "qwen3"]
    assert "datasets.dataset.baizeai.io" not in started[0]  # the first rows came from the Models alone
    assert "datasets.dataset.baizeai.io" in started[-1]  # then the findings, with the Datasets


def test_the_datasets_are_listed_once_for_every_namespace_and_the_findings_use_them(
    cluster: EmulatorThread, kubeconfig: object
) -> None:
    add_namespace(cluster, NS)
    add_object(cluster, model("qwen3"), namespace=NS)
    at = open_list()
    findings = "\n".join(at.dataframe(key="models.table").value["Finding"])
    assert "asks for 100Ti" in findings  # a finding that needs the namespace's Datasets to be known
    datasets = [r for r in cluster.emulator.received_matching("GET", r"/datasets$") if "watch" not in r.params]
    assert [r.path for r in datasets] == ["/apis/dataset.baizeai.io/v1alpha1/datasets"]


def test_the_caption_says_the_list_is_live_while_the_watch_holds(populated: EmulatorThread) -> None:
    at = rerun_until(open_list(), lambda a: "Live" in captions(a))
    assert "Live: the console watches Models" in captions(at)


def test_the_caption_says_the_list_is_polled_and_why_when_watch_is_forbidden(populated: EmulatorThread) -> None:
    populated.emulator.access.deny("watch", "models", group="model.samzong.dev")
    at = rerun_until(open_list(), lambda a: "Polling" in captions(a))
    text = captions(at)
    assert "Polling: the API server does not let the console watch Models" in text
    assert "not allowed to watch" in text  # why, in the API server's words
    assert "Live" not in text
    assert names(at) == ["llama", "qwen3"]


def test_many_models_are_shown_a_page_at_a_time(cluster: EmulatorThread, kubeconfig: object) -> None:
    add_namespace(cluster, NS)
    for i in range(PAGE_ROWS + 5):
        add_object(cluster, model(f"m-{i:04d}"), namespace=NS)
    at = open_list()
    assert len(names(at)) == PAGE_ROWS
    assert names(at)[0] == "m-0000"
    assert f"Rows 1–{PAGE_ROWS} of {PAGE_ROWS + 5}" in captions(at)
    at.number_input(key="models.page").set_value(2).run()
    assert names(at) == [f"m-{i:04d}" for i in range(PAGE_ROWS, PAGE_ROWS + 5)]
    at.text_input(key="models.q").set_value("m-0003").run()  # a filter brings any Model forward
    assert names(at) == ["m-0003"]


def test_the_model_sources_list_says_it_is_polled_when_watching_them_is_forbidden(populated: EmulatorThread) -> None:
    populated.emulator.access.deny("watch", "modelsources", group="model.samzong.dev")
    add_object(
        populated,
        {
            "apiVersion": "model.samzong.dev/v1",
            "kind": "ModelSource",
            "metadata": {"name": "hf", "namespace": NS},
            "spec": {"type": "HUGGING_FACE"},
        },
        namespace=NS,
    )
    at = open_list()
    at.switch_page(pages.SOURCES.script).run()
    rerun_until(at, lambda a: "Polling" in captions(a))
    assert "Polling: the API server does not let the console watch ModelSources" in captions(at)


def test_the_row_actions_offer_the_models_of_the_page_shown(cluster: EmulatorThread, kubeconfig: object) -> None:
    add_namespace(cluster, NS)
    for i in range(PAGE_ROWS + 5):
        add_object(cluster, model(f"m-{i:04d}"), namespace=NS)
    at = open_list()
    assert at.selectbox(key="models.pick").options == names(at)
    at.number_input(key="models.page").set_value(2).run()
    assert at.selectbox(key="models.pick").options == [f"m-{i:04d}" for i in range(PAGE_ROWS, PAGE_ROWS + 5)]


def test_the_server_does_not_collect_all_garbage_after_every_run() -> None:
    settings = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert settings["runner"]["postScriptGC"] is False  # each check of an open table would cost a full collection


def test_the_models_are_asked_for_as_soon_as_the_namespace_is_known(
    populated: EmulatorThread, monkeypatch: pytest.MonkeyPatch
) -> None:
    reading_models: list[bool] = []
    status = shell.render_controller_status

    def noted(key: ui_data.ConnectionKey, *args: Any) -> None:
        reading_models.append(ui_data.registry(key).find(Model, NS) is not None)
        status(key, *args)

    monkeypatch.setattr(shell, "render_controller_status", noted)
    at = open_list()
    assert names(at) == ["llama", "qwen3"]
    assert reading_models and all(reading_models)  # the Models' LIST was on its way before the sidebar read more


def paged_slowly(
    cluster: EmulatorThread, monkeypatch: pytest.MonkeyPatch, *, models: int, delays: tuple[float, float]
) -> None:
    """``models`` Models m0, m1, ... listed two a page, the first two pages held back by ``delays`` seconds."""
    add_namespace(cluster, NS)
    for i in range(models):
        add_object(cluster, model(f"m{i}"), namespace=NS)
    monkeypatch.setattr(cluster_client, "PAGE_SIZE", 2)
    for delay in delays:
        cluster.emulator.inject(rf"/namespaces/{NS}/models$", method="GET", status=0, delay=delay, times=1)


def test_the_first_page_of_models_is_shown_while_the_rest_of_the_list_is_read(
    cluster: EmulatorThread, kubeconfig: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    paged_slowly(cluster, monkeypatch, models=5, delays=(0.0, 2.0))
    fill_in, waited = list_view._fill_in, []
    monkeypatch.setattr(list_view, "_fill_in", lambda state, *, partial: waited.append(partial))  # draw, no wait
    at = open_list()
    assert waited == [True]  # the run would now wait for the rest of the list
    assert names(at) == ["m0", "m1"]
    assert "2 Models read so far; about 3 more on their way" in captions(at)
    assert "Reading: once the whole list of Models is read" in captions(at)
    monkeypatch.setattr(list_view, "_fill_in", fill_in)
    rerun_until(at, lambda a: names(a) == [f"m{i}" for i in range(5)], seconds=10)
    assert names(at) == [f"m{i}" for i in range(5)]
    assert "so far" not in captions(at) and "5 Models." in captions(at)


def test_a_list_read_page_by_page_is_partial_only_for_a_reader_that_asks_for_it(
    cluster: EmulatorThread, kubeconfig: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    paged_slowly(cluster, monkeypatch, models=3, delays=(0.5, 1.5))
    key: ui_data.ConnectionKey = (False, str(kubeconfig), None, None)
    assert ui_data.peek(key, Model, NS).pending  # asked: the first page on its way
    first = ui_data.load(key, Model, NS, partial=True)
    assert first.partial and [m.name for m in first.items] == ["m0", "m1"] and first.remaining == 1
    assert ui_data.peek(key, Model, NS).pending  # a reader needing the whole list does not get a part of it
    whole = ui_data.load(key, Model, NS)
    assert not whole.partial and [m.name for m in whole.items] == ["m0", "m1", "m2"]


@pytest.mark.parametrize(
    ("shown", "read", "filtered", "remaining", "expected"),
    [
        (5, 5, False, None, "5 Models."),
        (1, 5, True, None, "1 of 5 Models shown."),
        (
            500,
            500,
            False,
            4500,
            "500 Models read so far; about 4,500 more on their way (the list is read 500 at a time).",
        ),
        (3, 500, True, 0, "3 of 500 Models read so far; more on their way (the list is read 500 at a time)."),
    ],
)
def test_the_count_says_when_the_list_is_still_being_read(
    shown: int, read: int, filtered: bool, remaining: int | None, expected: str
) -> None:
    assert list_view.count_text(shown, read, filtered=filtered, remaining=remaining) == expected


def test_a_list_derived_from_part_of_the_models_is_derived_again_once_they_are_whole() -> None:
    models = [Model.from_dict(model("m0"))]
    part = domain_model_list.derive_model_list(
        models, sources=[], datasets=[], everywhere=[], namespaces=[], complete=False
    )
    whole = reads.ListReads(
        sources=ui_data.Loaded(items=[]),
        datasets=ui_data.Loaded(items=[]),
        everywhere=ui_data.Loaded(items=[]),
        namespaces=ui_data.Loaded(items=[]),
        models=ui_data.Loaded(items=models),
    )
    assert reads._update(part, whole) is None  # same Models, but the findings were never derived: not an update
    assert reads._derive(whole).complete


def test_a_list_that_fails_after_its_first_page_shows_the_failure_not_a_part(
    cluster: EmulatorThread, kubeconfig: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    paged_slowly(cluster, monkeypatch, models=5, delays=(0.0,))
    cluster.emulator.inject(rf"/namespaces/{NS}/models$", method="GET", status=500, times=10)  # every later page
    at = open_list()
    assert "Listing Models in ml-team failed" in "\n".join(str(e.value) for e in at.error)
    assert "read so far" not in captions(at)
