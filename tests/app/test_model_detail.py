"""One Model's detail against the seeded demo data: header, versions, the version panel, YAML, actions, failures."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from modelfs_lib.demo.runner import EmulatorThread
from modelfs_lib.demo.seed_catalog import MODELS, SECRET_MARKER
from modelfs_lib.ui import state as ui_state
from tests.app.conftest import app
from tests.helpers.detail import NS, QWEN, detail_tab, open_detail, unescaped
from tests.helpers.page import of_kind, open_section, walk, with_key


def texts(at: AppTest, *kinds: str) -> str:
    return unescaped("\n".join(str(el.value) for kind in kinds for el in getattr(at, kind)))


def versions(at: AppTest) -> Any:
    frame = at.dataframe(key="models.detail.versions").value.copy()
    frame["Version"] = frame["Version"].str.extract(r"[?&]version=([^&]+)$", expand=False)
    return frame


PANEL_TABLES = {
    "conditions": ["Type", "Status", "Reason", "Message", "Last transition"],
    "rounds": ["Round", "Job", "Started", "Ended", "Succeeded", "Time"],
    "events": ["Type", "Reason", "Message", "Count", "Last seen", "From"],
}


def frame(at: AppTest, which: str) -> Any:
    """The panel's conditions, rounds or events table (there is one panel at a time)."""
    found = [df.value for df in at.dataframe if list(df.value.columns) == PANEL_TABLES[which]]
    if not found:
        raise KeyError(which)
    return found[0]


SECTION_OF = {"conditions": "Conditions", "rounds": "Sync rounds", "events": "Events"}


def section(at: AppTest, label: str, version: str) -> AppTest:
    """The detail with section ``label`` of ``version``'s panel open: only the open section is built."""
    ns, model = str(at.query_params["ns"]), str(at.query_params["model"])
    return open_section(at, label, namespace=ns, model=model, version=version)


def opened_frame(at: AppTest, which: str, version: str) -> Any:
    """The panel's conditions, rounds or events table, its section opened first."""
    return frame(section(at, SECTION_OF[which], version), which)


def panel_frames(at: AppTest, version: str) -> list[Any]:
    """The tables built inside ``version``'s panel."""
    return [df.value for df in of_kind(walk(with_key(at, f"models.detail.panel.{version}")), "Dataframe")]


def has_frame(at: AppTest, which: str) -> bool:
    try:
        frame(at, which)
    except KeyError:
        return False
    return True


def param(at: AppTest, name: str) -> str | None:
    value = at.query_params.get(name)
    return value[0] if isinstance(value, list) else value


# ---- header -------------------------------------------------------------------------------------


def test_the_header_shows_description_tags_status_and_a_link_to_the_source(seeded: EmulatorThread) -> None:
    at = open_detail()
    assert not at.exception
    assert at.title[0].value == QWEN
    markdown = texts(at, "markdown")
    assert "Qwen2.5 7B instruction-tuned, shared with the serving namespaces" in markdown  # shown as inert text
    assert ":blue-badge[qwen] :blue-badge[chat] :blue-badge[instruct]" in markdown
    assert "Processing" in markdown  # the status badge
    [link] = at.main.get("page_link")
    assert link.value == "ModelSource **huggingface** · HUGGING\\_FACE"  # cluster text is inert
    assert link.proto.page == "sources"
    assert link.proto.query_string == "ns=ml-team&source=huggingface"


def test_the_header_summarises_sharing_against_the_references_that_exist(seeded: EmulatorThread) -> None:
    markdown = texts(open_detail(), "markdown")
    assert (
        "`fp16` → namespaces matching `team=serving` with label `modelfs.samzong.dev/share=true`: "
        "reference exists in `inference` (FAILED); missing in `staging`; stale reference in `research`."
    ) in markdown


def test_the_header_notes_the_controller_reading_of_the_opt_in_label(seeded: EmulatorThread) -> None:
    markdown = texts(open_detail("llama-3-1-8b-instruct"), "markdown")
    assert "`instruct` → every namespace with label `team=serving`" in markdown
    assert "The current controller reads 'team=serving' differently" in markdown


def test_a_model_without_sharing_says_so(seeded: EmulatorThread) -> None:
    assert "Not shared: no version has sharing switched on." in texts(open_detail("bge-m3"), "markdown")


def test_the_findings_show_a_live_reconcile_error_and_the_generation_marker(seeded: EmulatorThread) -> None:
    at = open_detail("whisper-large-v3")
    labels = [unescaped(e.label) for e in at.expander]
    assert ":red[**Error** · ReconcileError: ModelSourceNotReady]" in labels
    assert 'ModelSource "minio-models" is not ready' in texts(at, "markdown")
    assert ":blue[**Note** · The controller has not acted on the latest edit yet]" in labels
    logs = "kubectl -n modelfs-system logs -l control-plane=controller-manager --tail=-1 --since=1h"
    assert f"{logs} | grep -F -e whisper-large-v3" in texts(at, "code")


def test_a_missing_source_is_pointed_out(seeded: EmulatorThread) -> None:
    at = open_detail("llama-guard-3-8b")
    assert "There is no ModelSource **hf-mirror** in ml-team" in texts(at, "warning")


def test_a_logo_is_shown_as_a_link_when_set(seeded: EmulatorThread) -> None:
    store = seeded.emulator.store
    logo = "https://example.com/qwen.png"
    store.patch(
        store.rtype("model.samzong.dev", "models"),
        NS,
        QWEN,
        {"spec": {"display": {"logoURL": logo}}},
        patch_type="merge",
    )
    at = open_detail()
    assert not at.get("image")  # never fetched by the console nor by the viewer's browser
    assert "Logo: [https://example.com/qwen.png](https://example.com/qwen.png)" in texts(at, "caption")


def test_an_unknown_model_is_reported(seeded: EmulatorThread) -> None:
    at = open_detail("nope")
    assert not at.exception
    assert "There is no Model **nope** in ml-team." in texts(at, "warning")


# ---- versions table -----------------------------------------------------------------------------


def test_the_versions_table_has_one_row_per_version(seeded: EmulatorThread) -> None:
    table = versions(open_detail())
    assert list(table["Version"]) == ["fp16", "int4", "int8", "awq"]
    assert list(table.columns) == [
        "Version",
        "Dataset phase",
        "Repo@Revision",
        "Precision",
        "Storage",
        "State",
        "Share",
        "PVC",
        "Observed hash",
        "Note",
    ]
    fp16 = dict(table.iloc[0])
    assert fp16["Repo@Revision"] == "Qwen/Qwen2.5-7B-Instruct@main"
    assert (fp16["Precision"], fp16["Storage"]) == ("FP16", "20Gi / 20Gi")
    assert (fp16["State"], fp16["Share"]) == ("PRESENT / PRESENT", True)
    assert fp16["Dataset phase"] == "Ready"
    assert fp16["PVC"] == "dataset-mdl-qwen2-5-7b-instruct-fp16 (Bound)"
    assert len(fp16["Observed hash"]) == 8
    int8, awq = dict(table.iloc[2]), dict(table.iloc[3])
    assert (int8["State"], int8["Storage"], int8["Dataset phase"]) == ("ABSENT / ABSENT", "12Gi / —", "no Dataset")
    assert (awq["Repo@Revision"], awq["Dataset phase"]) == ("Qwen/Qwen2.5-7B-Instruct-AWQ@v1.1", "Processing")


def test_a_dataset_left_by_a_removed_version_is_pointed_out(seeded: EmulatorThread) -> None:
    at = open_detail("bge-m3")
    assert "no version of its spec uses them" in texts(at, "caption")
    [orphans] = [df.value for df in at.dataframe if "Age" in df.value.columns]
    assert list(orphans["Dataset"]) == ["mdl-bge-m3-v0"]
    assert list(orphans["PVC"]) == ["dataset-mdl-bge-m3-v0"]


# ---- the version panel --------------------------------------------------------------------------


def test_the_first_version_panel_opens_with_conditions_rounds_events_and_snippets(seeded: EmulatorThread) -> None:
    at = open_detail()
    assert at.segmented_control(key="models.detail.version").value == "fp16"
    conditions = frame(at, "conditions")  # open by default
    assert list(conditions["Type"]) == ["Ready"]
    assert list(conditions["Reason"]) == ["SyncSucceeded"]
    rounds = opened_frame(at, "rounds", "fp16")
    assert list(rounds["Round"]) == [1]
    assert list(rounds["Succeeded"]) == ["yes"]
    assert rounds["Job"][0] == "dataset-mdl-qwen2-5-7b-instruct-fp16-round-1"
    events = opened_frame(at, "events", "fp16")
    assert {"SyncRoundStarted", "SyncSucceeded"} <= set(events["Reason"])
    code = [c.value for c in section(at, "kubectl", "fp16").code]
    assert "kubectl -n ml-team get dataset mdl-qwen2-5-7b-instruct-fp16 -o wide" in code
    assert "kubectl -n ml-team get pvc dataset-mdl-qwen2-5-7b-instruct-fp16" in code
    assert "kubectl -n ml-team logs job/dataset-mdl-qwen2-5-7b-instruct-fp16-round-1" in code
    captions = [c.value for c in section(at, "kubectl", "fp16").caption]
    assert any(c.startswith("Job logs may print credentials") for c in captions)  # the Job's args carry Secret values


def test_events_are_read_with_a_field_selector_on_the_dataset(seeded: EmulatorThread) -> None:
    section(open_detail(), "Events", "fp16")
    requests = seeded.emulator.received_matching("GET", f"/api/v1/namespaces/{NS}/events$")
    assert sorted(r.params["fieldSelector"] for r in requests) == [
        "involvedObject.kind=Dataset,involvedObject.name=mdl-qwen2-5-7b-instruct-fp16",
        "involvedObject.kind=Model,involvedObject.name=qwen2-5-7b-instruct",
    ]


def test_choosing_a_version_opens_its_panel_and_puts_it_in_the_url(seeded: EmulatorThread) -> None:
    at = open_detail()
    at.segmented_control(key="models.detail.version").set_value("awq").run()
    assert not at.exception
    assert param(at, "version") == "awq"
    assert "Syncing" in list(frame(at, "conditions")["Reason"])
    rounds = opened_frame(at, "rounds", "awq")
    assert list(rounds["Succeeded"]) == ["running"]
    assert rounds["Time"][0].endswith("so far")
    code = [c.value for c in section(at, "kubectl", "awq").code]
    assert "kubectl -n ml-team logs job/dataset-mdl-qwen2-5-7b-instruct-awq-round-1" in code


def test_a_version_in_the_url_opens_its_panel(seeded: EmulatorThread) -> None:
    at = open_detail("llama-3-1-8b-instruct", version="instruct")
    assert at.segmented_control(key="models.detail.version").value == "instruct"
    rounds = opened_frame(at, "rounds", "instruct")
    assert list(rounds["Round"]) == [2, 1]
    assert list(rounds["Succeeded"]) == ["running", "yes"]
    # The Model controller already set the counter back to 1 while round 2 runs.
    assert "spec.dataSyncRound **1** · status.lastSucceedRound **1** · round **2** in progress" in texts(at, "caption")
    code = texts(section(at, "kubectl", "instruct"), "code")
    assert "kubectl -n ml-team logs job/dataset-mdl-llama-3-1-8b-instruct-instruct-round-2" in code


CONDITION_COLUMNS = PANEL_TABLES["conditions"]


def test_only_the_open_sections_table_is_built(seeded: EmulatorThread) -> None:
    at = open_detail()
    assert [list(f.columns) for f in panel_frames(at, "fp16")] == [CONDITION_COLUMNS]
    for label, columns in [
        ("Sync rounds", PANEL_TABLES["rounds"]),
        ("Events", PANEL_TABLES["events"]),
        ("Expected vs live", ["Field", "Expected", "Live", "Same", "Note"]),
        ("Dataset & PVC", ["Option", "Value", "From"]),
    ]:
        assert [list(f.columns) for f in panel_frames(section(at, label, "fp16"), "fp16")] == [columns], label
    assert panel_frames(section(at, "kubectl", "fp16"), "fp16") == []
    assert not at.exception


def test_the_open_section_is_kept_per_model_and_version(seeded: EmulatorThread) -> None:
    at = section(open_detail(), "Events", "fp16")
    at.segmented_control(key="models.detail.version").set_value("awq").run()
    assert [list(f.columns) for f in panel_frames(at, "awq")] == [CONDITION_COLUMNS]  # awq's own: the default
    section(at, "Sync rounds", "awq")
    at.segmented_control(key="models.detail.version").set_value("fp16").run()
    assert [list(f.columns) for f in panel_frames(at, "fp16")] == [PANEL_TABLES["events"]]
    at.segmented_control(key="models.detail.version").set_value("awq").run()
    assert [list(f.columns) for f in panel_frames(at, "awq")] == [PANEL_TABLES["rounds"]]

    other = section(open_detail("bge-m3", version="v1"), "Events", "v1")
    other.query_params["model"] = "mistral-7b-finetune"
    other.run()
    assert [list(f.columns) for f in panel_frames(other, "v1")] == [CONDITION_COLUMNS]  # another Model's v1
    other.query_params["model"] = "bge-m3"
    other.run()
    assert [list(f.columns) for f in panel_frames(other, "v1")] == [PANEL_TABLES["events"]]


def test_a_failed_versions_reason_is_in_its_summary_and_its_conditions_open_first(seeded: EmulatorThread) -> None:
    at = open_detail("acme-private-llm", version="sft-v1")
    summary = texts(at, "markdown")
    assert "**Ready** False · **SyncFailed**: job dataset-mdl-acme-private-llm-sft-v1-round-1 failed" in summary
    assert list(frame(at, "conditions")["Reason"]) == ["SyncFailed"]


def test_an_absent_version_says_its_dataset_is_deleted(seeded: EmulatorThread) -> None:
    at = open_detail(version="int8")
    assert "This version is ABSENT" in texts(at, "info")


def test_a_version_without_a_dataset_yet_says_why(seeded: EmulatorThread) -> None:
    at = open_detail("whisper-large-v3", version="v3-turbo")
    assert "There is no Dataset `mdl-whisper-large-v3-v3-turbo` yet. The Model has a ReconcileError" in texts(
        at, "warning"
    )


# ---- YAML tab -----------------------------------------------------------------------------------


def test_the_yaml_tab_shows_the_live_spec_with_a_download(seeded: EmulatorThread) -> None:
    at = open_detail()
    in_panel = {id(t) for t in of_kind(walk(with_key(at, "models.detail.panel.fp16")), "Tab")}
    assert [t.label for t in at.tabs if id(t) not in in_panel] == ["Versions", "YAML", "Sharing"]
    manifest = next(c.value for c in detail_tab(at, "YAML").code)
    spec = manifest[manifest.index("spec:\n") + len("spec:\n") :].replace("\n  ", "\n").removeprefix("  ")
    assert spec.startswith("sourceRef: huggingface\ndisplay:\n")
    assert "- name: awq\n  repo: Qwen/Qwen2.5-7B-Instruct-AWQ\n  revision: v1.1" in spec
    assert "status" not in spec
    assert at.get("download_button")


def test_the_yaml_tab_diffs_the_live_spec_against_a_draft(seeded: EmulatorThread) -> None:
    at = app()
    at.query_params["ns"] = NS
    at.query_params["model"] = "bge-m3"
    at.session_state[ui_state.key(ui_state.MODEL_DRAFT, NS, "bge-m3")] = {
        "apiVersion": "model.samzong.dev/v1",
        "kind": "Model",
        "metadata": {"name": "bge-m3", "namespace": NS},
        "spec": {"sourceRef": "modelscope", "versions": [{"name": "v1", "repo": "BAAI/bge-m3-new"}]},
    }
    at.run()
    diffs = [c.value for c in detail_tab(at, "YAML").code if c.language == "diff"]
    assert len(diffs) == 1
    assert "-  repo: BAAI/bge-m3\n" in diffs[0]
    assert "+  repo: BAAI/bge-m3-new\n" in diffs[0]


# ---- actions ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("button", "action"),
    [
        ("models.detail.edit", "edit"),
        ("models.detail.add-version", "add-version"),
        ("models.detail.edit-yaml", "edit-yaml"),
    ],
)
def test_the_edit_actions_open_the_wizard(seeded: EmulatorThread, button: str, action: str) -> None:
    at = open_detail()
    at.button(key=button).click().run()
    assert (param(at, "model"), param(at, "action")) == (QWEN, action)


def test_delete_from_the_detail_confirms_sends_one_delete_and_returns_to_the_list(seeded: EmulatorThread) -> None:
    at = open_detail("sdxl-base")
    at.button(key="models.detail.delete").click().run()
    assert "Its 1 Dataset in `ml-team` is deleted: `mdl-sdxl-base-v1-0`" in texts(at, "markdown")
    at.button(key="models.detail.delete_confirm.button").click().run()  # nothing typed: refused
    assert not seeded.emulator.received_matching("DELETE", "/models/")
    at.text_input(key="models.detail.delete_confirm.typed").input("sdxl-base")
    at.button(key="models.detail.delete_confirm.button").click().run()
    assert not at.exception
    deletes = seeded.emulator.received_matching("DELETE", "/models/")
    assert [r.path for r in deletes] == [f"/apis/model.samzong.dev/v1/namespaces/{NS}/models/sdxl-base"]
    assert param(at, "model") is None
    assert at.dataframe(key="models.table")


def test_write_actions_are_disabled_with_the_reason_when_not_permitted(seeded: EmulatorThread) -> None:
    seeded.emulator.access.deny("patch", "models", group="model.samzong.dev", namespace=NS)
    at = open_detail()
    for key in ("models.detail.edit", "models.detail.add-version", "models.detail.edit-yaml"):
        assert at.button(key=key).disabled
    assert not at.button(key="models.detail.delete").disabled
    assert "You may not patch models.model.samzong.dev in ml-team" in texts(at, "caption")


def test_read_only_mode_hides_the_actions(seeded: EmulatorThread, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MODELFS_UI_READONLY", "1")
    at = open_detail()
    assert {b.key for b in at.button} & {"models.detail.edit", "models.detail.delete"} == set()
    assert at.dataframe(key="models.detail.versions")


def test_all_models_goes_back_to_the_list(seeded: EmulatorThread) -> None:
    at = open_detail()
    at.button(key="models.detail.back").click().run()
    assert param(at, "model") is None
    assert at.dataframe(key="models.table")


# ---- failures -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "reason"), [(403, "Forbidden"), (500, "InternalError")])
def test_a_failed_datasets_list_is_reported_in_the_versions_section(
    seeded: EmulatorThread, status: int, reason: str
) -> None:
    seeded.emulator.inject("/datasets$", method="GET", status=status, reason=reason, message=f"injected {status}")
    at = open_detail()
    assert not at.exception
    assert "Listing Datasets in ml-team failed" in texts(at, "error")
    assert at.title[0].value == QWEN
    table = versions(at)
    assert list(table["Version"]) == ["fp16", "int4", "int8", "awq"]
    assert table["Dataset phase"][3] == "Processing"  # from the Model's status
    assert "not readable in `inference`, `staging`" in texts(at, "markdown")
    assert "its state is unknown, the Datasets could not be listed" in texts(at, "caption")
    assert has_frame(section(at, "Events", "fp16"), "events")  # events are read all the same
    assert detail_tab(at, "YAML").code


@pytest.mark.parametrize(("status", "reason"), [(403, "Forbidden"), (500, "InternalError")])
def test_a_failed_events_list_is_reported_in_the_events_section(
    seeded: EmulatorThread, status: int, reason: str
) -> None:
    seeded.emulator.inject("/events$", method="GET", status=status, reason=reason, message=f"injected {status}")
    at = open_detail()
    assert not at.exception
    assert has_frame(at, "conditions")
    assert has_frame(section(at, "Sync rounds", "fp16"), "rounds")
    section(at, "Events", "fp16")
    assert not at.exception
    assert "Listing the events of Dataset mdl-qwen2-5-7b-instruct-fp16 failed" in texts(at, "error")
    assert versions(at)["Dataset phase"][0] == "Ready"


def test_without_cluster_wide_datasets_every_other_namespace_is_searched(seeded: EmulatorThread) -> None:
    """As the Sharing tab and the delete confirmation do: a namespace that stopped matching is searched too."""
    seeded.emulator.inject("^/apis/dataset.baizeai.io/v1alpha1/datasets$", method="GET", status=403, reason="Forbidden")
    at = open_detail()
    assert not at.exception
    markdown = texts(at, "markdown")
    assert "reference exists in `inference` (FAILED); missing in `staging`" in markdown
    assert "stale reference in `research`" in markdown
    assert "searched only: default, inference, modelfs-system, research, staging" in texts(at, "caption")


def test_a_failed_model_read_is_reported(seeded: EmulatorThread) -> None:
    seeded.emulator.inject("/models$", method="GET", status=500)
    at = open_detail()
    assert not at.exception
    assert f"Reading Model {QWEN} in ml-team failed" in texts(at, "error")


@pytest.mark.parametrize("model", [m.name for m in MODELS])
def test_no_secret_value_reaches_any_detail_page(seeded: EmulatorThread, model: str) -> None:
    at = open_detail(model)
    assert not at.exception
    page = texts(at, "markdown", "caption", "error", "warning", "info", "code")
    page += "\n".join(df.value.to_string() for df in at.dataframe)
    assert SECRET_MARKER not in page


def test_a_counter_reset_version_is_never_called_plainly_failed(seeded: EmulatorThread) -> None:
    at = open_detail("gemma-2-9b-it", version="it")
    assert not at.exception
    page = texts(at, "markdown", "caption")
    assert ":red-badge[:material/error: Failed]" not in page
    assert "synced in round 2; status.phase says FAILED only because the Model controller reset" in page
    assert list(versions(at)["Dataset phase"]) == ["Ready"]
    labels = [unescaped(e.label) for e in at.expander]
    assert ":orange[**Warning** · Version it synced in round 2, but reads FAILED]" in labels


def test_a_long_condition_message_is_shown_whole_below_the_grid_as_plain_text(seeded: EmulatorThread) -> None:
    store = seeded.emulator.store
    dataset = store.get(store.rtype("dataset.baizeai.io", "datasets"), NS, "mdl-mistral-7b-finetune-v1")
    [failed] = [c for c in dataset["status"]["conditions"] if c["status"] != "True"]
    assert len(failed["message"]) > 60  # a grid cell cuts it
    at = open_detail("mistral-7b-finetune", version="v1")
    [full] = [e for e in at.expander if e.label.startswith("Condition messages in full")]
    assert failed["message"] in [t.value for t in full.text]  # whole, and not read as markdown


def test_version_names_link_to_the_version(seeded: EmulatorThread) -> None:
    at = open_detail()
    links = list(at.dataframe(key="models.detail.versions").value["Version"])
    assert links[0] == f"/models?ns={NS}&model={QWEN}&version=fp16"
