"""The Models list against the seeded demo data: rows, filters, banners, markers, row actions and delete."""

from __future__ import annotations

import re
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from modelfs_lib.demo.runner import EmulatorThread
from modelfs_lib.demo.seed_catalog import SECRET_MARKER
from tests.app.conftest import app
from tests.helpers.page import models_table, nodes, walk

NS = "ml-team"
MODELS_PATH = f"/apis/model.samzong.dev/v1/namespaces/{NS}/models"


def open_list(**params: str) -> AppTest:
    at = app()
    at.query_params["ns"] = NS
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def table(at: AppTest) -> Any:
    """The table as shown, its Name links read back as the names they display."""
    return models_table(at)


def names(at: AppTest) -> list[str]:
    return list(table(at)["Name"])


def row(at: AppTest, name: str) -> dict[str, Any]:
    frame = table(at)
    return dict(frame[frame["Name"] == name].iloc[0])


def page_text(at: AppTest) -> str:
    parts = [
        el.value
        for kind in ("markdown", "caption", "error", "warning", "info", "success", "code")
        for el in getattr(at, kind)
    ]
    parts += [df.value.to_string() for df in at.dataframe]
    return "\n".join(str(p) for p in parts)


ALL = [
    "acme-private-llm",
    "bge-m3",
    "deepseek-r1-distill-qwen-1-5b",
    "gemma-2-9b-it",
    "internlm2-5-7b-chat",
    "llama-3-1-8b-instruct",
    "llama-guard-3-8b",
    "mistral-7b-finetune",
    "mixtral-8x7b-instruct",
    "nomic-embed-text-v1-5",
    "phi-3-mini-4k-instruct",
    "qwen2-5-7b-instruct",
    "sdxl-base",
    "whisper-large-v3",
    "yi-1-5-9b-chat",
]


# ---- rows ---------------------------------------------------------------------------------------


def test_every_model_of_the_namespace_gets_one_row(seeded: EmulatorThread) -> None:
    at = open_list()
    assert not at.exception
    assert names(at) == ALL
    assert list(table(at).columns) == [
        "Name",
        "Status",
        "Reason",
        "Finding",
        "Versions ready",
        "Last sync",
        "Notes",
        "Tags",
        "Source",
        "Source type",
        "Status from",
    ]


def test_a_row_shows_source_versions_last_sync_status_and_tags(seeded: EmulatorThread) -> None:
    at = open_list()
    qwen = row(at, "qwen2-5-7b-instruct")
    assert qwen["Source"] == "huggingface"
    assert qwen["Source type"] == "HUGGING_FACE"
    assert qwen["Versions ready"] == "2/3"  # the ABSENT int8 does not count
    assert qwen["Status"] == "Processing"
    assert list(qwen["Tags"]) == ["qwen", "chat", "instruct"]
    assert str(qwen["Last sync"].tz) == "UTC"


def test_the_status_is_the_worst_phase_and_names_the_datasets_behind_it(seeded: EmulatorThread) -> None:
    at = open_list()
    statuses = dict(zip(table(at)["Name"], table(at)["Status"], strict=True))
    assert statuses["mistral-7b-finetune"] == "Failed"
    assert statuses["deepseek-r1-distill-qwen-1-5b"] == "Pending"
    assert statuses["bge-m3"] == "Ready"
    assert statuses["whisper-large-v3"] == "Unknown"
    assert row(at, "mistral-7b-finetune")["Status from"] == "Failed: mdl-mistral-7b-finetune-v1"
    assert row(at, "whisper-large-v3")["Status from"] == "No status yet: mdl-whisper-large-v3-v3-turbo"
    assert any("mdl-<model>-<version>" in pill.help for pill in at.pills)


def test_a_failed_model_says_why_in_one_line_and_in_full_below(seeded: EmulatorThread) -> None:
    at = open_list()
    reason = row(at, "mistral-7b-finetune")["Reason"]
    store = seeded.emulator.store
    dataset = store.get(store.rtype("dataset.baizeai.io", "datasets"), NS, "mdl-mistral-7b-finetune-v1")
    [failed] = [c for c in dataset["status"]["conditions"] if c["status"] != "True"]
    line = "v1: " + failed["message"].splitlines()[0]
    assert reason == (line if len(line) <= 120 else line[:119] + "…")
    assert "\n" not in reason and len(reason) <= 120
    assert row(at, "bge-m3")["Reason"] == ""  # Ready: nothing to explain
    assert row(at, "mixtral-8x7b-instruct")["Reason"] == ""  # only an old ReconcileError, history
    assert row(at, "whisper-large-v3")["Reason"].startswith("ModelSourceNotReady: ModelSource")  # its ReconcileError
    assert "mistral-7b-finetune" in page_text(at) and "Errors found" in page_text(at)  # in full below the table


def test_names_link_to_each_models_page_and_a_click_on_a_row_opens_it(seeded: EmulatorThread) -> None:
    at = open_list()
    links = list(at.dataframe(key="models.table").value["Name"])
    assert f"/models?ns={NS}&model=bge-m3" in links
    index = names(at).index("bge-m3")
    at.session_state["models.table"] = {"selection": {"rows": [index], "columns": [], "cells": []}}
    at.run()
    assert not at.exception
    assert at.query_params["model"] == "bge-m3"
    assert "models.table" not in [d.key for d in at.dataframe]  # the Model's page, not the list


def test_clear_filters_is_beside_the_status_pills_not_under_the_tables_toolbar(seeded: EmulatorThread) -> None:
    at = open_list()
    [bar] = [b for b in nodes(at) if type(b).__name__ == "Block" and getattr(b, "key", None) == "models.filters.status"]
    assert [getattr(n, "key", None) for n in walk(bar) if type(n).__name__ in ("Button", "ButtonGroup")] == [
        "models.phase",
        "models.filters.clear",
    ]


def test_a_model_whose_source_is_missing_shows_it_as_not_found(seeded: EmulatorThread) -> None:
    assert row(open_list(), "llama-guard-3-8b")["Source type"] == "not found"


def test_the_generation_marker_flags_a_model_the_controller_has_not_caught_up_with(seeded: EmulatorThread) -> None:
    at = open_list()
    assert "change not picked up yet" in row(at, "whisper-large-v3")["Notes"]
    assert row(at, "bge-m3")["Notes"] == ""
    captions = [c.value for c in at.caption]
    note = "The controller has not picked up the latest change yet (generation 2, observed 1)."
    assert f":material/hourglass_top: **whisper-large-v3**: {note}" in captions


def test_the_secret_values_behind_datasets_never_reach_the_page(seeded: EmulatorThread) -> None:
    assert SECRET_MARKER not in page_text(open_list())


# ---- ReconcileError banner ----------------------------------------------------------------------


def test_a_banner_above_the_table_for_each_reconcile_error(seeded: EmulatorThread) -> None:
    at = open_list()
    banners = [re.sub(r"\\(.)", r"\1", str(e.value)) for e in at.error]  # cluster text is shown escaped
    assert len(banners) == 2
    whisper = next(b for b in banners if "whisper-large-v3" in b)
    assert "ModelSourceNotReady" in whisper
    assert 'Secret "minio-credentials" not found' in whisper
    assert "Failing since" in whisper
    assert "The controller retries about every minute, next at about" in whisper
    guard = next(b for b in banners if "llama-guard-3-8b" in b)
    assert "ModelSourceNotFound" in guard
    assert 'ModelSource "hf-mirror" not found' in guard
    logs = "kubectl -n modelfs-system logs -l control-plane=controller-manager --tail=200"
    assert [c.value for c in at.main.code] == [logs]  # two Models: their lines are not filtered
    assert "ReconcileError: ModelSourceNotReady" in row(at, "whisper-large-v3")["Notes"]


def test_no_banner_without_a_reconcile_error(seeded: EmulatorThread) -> None:
    store = seeded.emulator.store
    rtype = store.rtype("model.samzong.dev", "models")
    for name in ("whisper-large-v3", "llama-guard-3-8b"):
        store.delete(rtype, NS, name)
        store.patch(rtype, NS, name, {"metadata": {"finalizers": None}}, patch_type="merge")
    at = open_list()
    assert not at.error
    assert not [c.value for c in at.main.code if "logs" in c.value]


# ---- filters ------------------------------------------------------------------------------------


def test_filters_combine(seeded: EmulatorThread) -> None:
    at = open_list()
    at.multiselect(key="models.tag").select("chat").run()
    assert names(at) == [
        "gemma-2-9b-it",
        "internlm2-5-7b-chat",
        "llama-3-1-8b-instruct",
        "phi-3-mini-4k-instruct",
        "qwen2-5-7b-instruct",
        "yi-1-5-9b-chat",
    ]
    at.pills(key="models.phase").set_value(["Processing"]).run()
    assert names(at) == ["llama-3-1-8b-instruct", "qwen2-5-7b-instruct"]
    at.text_input(key="models.q").input("QWEN").run()
    assert names(at) == ["qwen2-5-7b-instruct"]
    at.pills(key="models.phase").set_value(["Failed"]).run()
    assert names(at) == []
    assert f"0 of {len(ALL)} Models shown." in [c.value for c in at.caption]


FAILED = ["acme-private-llm", "mistral-7b-finetune", "phi-3-mini-4k-instruct"]
"""Failed for real: gemma-2-9b-it's Dataset reads FAILED only because its counter was reset, so it counts as Ready."""


def test_the_phase_filter_takes_several_phases(seeded: EmulatorThread) -> None:
    at = open_list()
    at.pills(key="models.phase").set_value(["Failed", "Pending"]).run()
    assert names(at) == [
        "acme-private-llm",
        "deepseek-r1-distill-qwen-1-5b",
        "mistral-7b-finetune",
        "phi-3-mini-4k-instruct",
    ]


def test_the_source_type_filter_uses_the_referenced_model_source(seeded: EmulatorThread) -> None:
    at = open_list()
    assert at.multiselect(key="models.type").options == ["HTTP", "HUGGING_FACE", "MODEL_SCOPE", "S3", "not found"]
    at.multiselect(key="models.type").select("S3").select("not found").run()
    assert names(at) == ["llama-guard-3-8b", "whisper-large-v3"]


def test_filters_survive_a_rerun_and_a_visit_to_a_detail(seeded: EmulatorThread) -> None:
    at = open_list()
    at.multiselect(key="models.tag").select("chat").run()
    at.pills(key="models.phase").set_value(["Processing"]).run()
    at.run()
    assert names(at) == ["llama-3-1-8b-instruct", "qwen2-5-7b-instruct"]
    at.selectbox(key="models.pick").select("qwen2-5-7b-instruct").run()
    at.button(key="models.view").click().run()
    assert at.query_params["model"] in ("qwen2-5-7b-instruct", ["qwen2-5-7b-instruct"])
    at.button(key="models.detail.back").click().run()
    assert not at.exception
    assert at.multiselect(key="models.tag").value == ["chat"]
    assert at.pills(key="models.phase").value == ["Processing"]
    assert names(at) == ["llama-3-1-8b-instruct", "qwen2-5-7b-instruct"]


def test_filters_come_from_the_url(seeded: EmulatorThread) -> None:
    at = open_list(**{"models.tag": "chat", "models.q": "llama"})
    assert names(at) == ["llama-3-1-8b-instruct"]


def test_clear_filters_shows_everything_again(seeded: EmulatorThread) -> None:
    at = open_list()
    at.pills(key="models.phase").set_value(["Failed"]).run()
    assert names(at) == FAILED
    at.button(key="models.filters.clear").click().run()
    assert names(at) == ALL


def test_the_sort_order_can_put_the_worst_first(seeded: EmulatorThread) -> None:
    at = open_list()
    at.selectbox(key="models.sort").select("Status (worst first)").run()
    assert names(at)[:5] == [*FAILED, "llama-3-1-8b-instruct", "qwen2-5-7b-instruct"]
    at.run()
    assert names(at)[0] == FAILED[0]


# ---- row actions --------------------------------------------------------------------------------


def test_row_actions_wait_for_a_model_to_be_chosen(seeded: EmulatorThread) -> None:
    at = open_list()
    assert at.selectbox(key="models.pick").value is None
    assert all(at.button(key=k).disabled for k in ("models.view", "models.edit", "models.delete"))


def test_view_opens_the_detail_and_edit_opens_the_wizard(seeded: EmulatorThread) -> None:
    at = open_list()
    at.selectbox(key="models.pick").select("bge-m3").run()
    at.button(key="models.edit").click().run()
    assert at.query_params["model"] in ("bge-m3", ["bge-m3"])
    assert at.query_params["action"] in ("edit", ["edit"])


def test_delete_asks_for_the_name_and_says_what_goes_with_the_model(seeded: EmulatorThread) -> None:
    at = open_list()
    at.selectbox(key="models.pick").select("qwen2-5-7b-instruct").run()
    at.button(key="models.delete").click().run()
    text = " ".join(m.value for m in at.markdown)
    assert "Its 3 Datasets in `ml-team` are deleted" in text
    assert "`mdl-qwen2-5-7b-instruct-awq`, `mdl-qwen2-5-7b-instruct-fp16`, `mdl-qwen2-5-7b-instruct-int4`" in text
    assert "`dataset-mdl-qwen2-5-7b-instruct-fp16`" in text
    assert "`inference/share-ml-team-qwen2-5-7b-instruct-fp16`" in text
    assert "`research/share-ml-team-qwen2-5-7b-instruct-fp16`" in text
    assert "finalizer `modelfs.samzong.dev/model-finalizer`" in text

    at.button(key="models.list.delete.button").click().run()  # nothing typed: refused, said next to the box
    assert any("Type the name qwen2-5-7b-instruct" in e.value for e in at.error)
    at.text_input(key="models.list.delete.typed").input("qwen2-5-7b")
    at.button(key="models.list.delete.button").click().run()
    assert any("does not match" in e.value for e in at.error)
    assert not seeded.emulator.received_matching("DELETE", "/models/")

    at.text_input(key="models.list.delete.typed").input("qwen2-5-7b-instruct")
    assert not at.button(key="models.list.delete.button").disabled
    at.button(key="models.list.delete.button").click().run()
    assert not at.exception
    deletes = seeded.emulator.received_matching("DELETE", "/models/")
    assert [r.path for r in deletes] == [f"{MODELS_PATH}/qwen2-5-7b-instruct"]
    assert any("qwen2-5-7b-instruct is being deleted" in s.value for s in at.success)
    assert "being deleted" in row(at, "qwen2-5-7b-instruct")["Notes"]  # the finalizer holds it


def test_cancel_closes_the_delete_confirmation_without_deleting(seeded: EmulatorThread) -> None:
    at = open_list()
    at.selectbox(key="models.pick").select("bge-m3").run()
    at.button(key="models.delete").click().run()
    at.button(key="models.list.delete.cancel").click().run()
    with pytest.raises(KeyError):
        at.text_input(key="models.list.delete.typed")
    assert not seeded.emulator.received_matching("DELETE", "/models/")


def test_a_failed_delete_is_reported_in_the_confirmation(seeded: EmulatorThread) -> None:
    seeded.emulator.inject("/models/bge-m3$", method="DELETE", status=409, reason="Conflict", message="busy")
    at = open_list()
    at.selectbox(key="models.pick").select("bge-m3").run()
    at.button(key="models.delete").click().run()
    at.text_input(key="models.list.delete.typed").input("bge-m3")
    at.button(key="models.list.delete.button").click().run()
    assert not at.exception
    assert any("Deleting Model bge-m3 failed" in e.value for e in at.error)


def test_write_actions_are_disabled_with_the_reason_when_not_permitted(seeded: EmulatorThread) -> None:
    seeded.emulator.access.deny("delete", "models", group="model.samzong.dev", namespace=NS)
    at = open_list()
    at.selectbox(key="models.pick").select("bge-m3").run()
    delete = at.button(key="models.delete")
    assert delete.disabled
    assert "You may not delete models.model.samzong.dev in ml-team" in delete.help
    assert not at.button(key="models.edit").disabled


def test_read_only_mode_hides_the_write_actions(seeded: EmulatorThread, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MODELFS_UI_READONLY", "1")
    at = open_list()
    keys = {b.key for b in at.button}
    assert "models.view" in keys
    assert not keys & {"models.edit", "models.delete", "models.create"}


# ---- failures -----------------------------------------------------------------------------------


def test_without_model_sources_the_list_still_renders_with_unknown_source_types(seeded: EmulatorThread) -> None:
    seeded.emulator.inject("/modelsources$", method="GET", status=500, message="etcd is sad")
    at = open_list()
    assert not at.exception
    assert any("listing ModelSources failed" in w.value for w in at.warning)
    assert set(table(at)["Source type"]) == {"unknown"}
    assert names(at) == ALL


def test_an_empty_namespace_says_so(seeded: EmulatorThread) -> None:
    at = app()
    at.query_params["ns"] = "staging"
    at.run()
    assert not at.exception
    assert any("No Models in staging yet." in i.value for i in at.info)
