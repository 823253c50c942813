"""The Model wizard driven through AppTest against the emulator: create, edit, add version, Edit YAML,
validation before anything is sent, and server-side apply with conflicts."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from modelfs_lib.demo.runner import EmulatorThread
from modelfs_lib.ui import state as ui_state
from tests.helpers.cluster import writes
from tests.helpers.page import box_text, nodes
from tests.helpers.wizard import EDITABLE, NS, applies, click, fill_basics, fill_card, key, open_wizard, page_text

DRAFT = ui_state.key(ui_state.MODEL_DRAFT, NS, "tiny-llm")
"""Where the wizard keeps the proposed manifest of tiny-llm for the detail page."""

# ------------------------------------------------------------------------------------------------
# Create
# ------------------------------------------------------------------------------------------------


def test_step_one_offers_the_namespaces_model_sources_with_type_and_credentials(seeded: EmulatorThread) -> None:
    at = open_wizard("create")
    source = at.selectbox(key=key(None, "source"))
    labels = {option for option in source.options}
    assert "huggingface · HUGGING_FACE · credentials ready" in labels
    assert "minio-models · S3 · credentials NOT ready" in labels
    assert "gitea · GIT · credentials ready" in labels
    source.select("minio-models").run()
    assert "credentials are not ready" in box_text(at, key(None, "source"))
    assert not writes(seeded)


def card_messages(at: AppTest, card: int) -> str:
    """Every message under the fields of version card ``card``."""
    parts = ("name", "repo", "revision", "size", "precision", "class", "modes")
    found = []
    for part in parts:
        try:
            found.append(box_text(at, key(None, f"v{card}.{part}")))
        except AssertionError:
            continue
    return " ".join(found).strip()


def test_a_new_version_card_shows_no_error_before_anything_is_typed(seeded: EmulatorThread) -> None:
    at = open_wizard("create")
    fill_basics(at)
    click(at, key(None, "next"))
    assert card_messages(at, 0) == ""  # nothing typed yet: no error
    at.text_input(key=key(None, "v0.repo")).input("not a repo").run()
    assert card_messages(at, 0) != ""  # touched: its errors show
    assert "is required" not in box_text(at, key(None, "v0.name"))  # "is required" waits for Next
    click(at, key(None, "next"))
    assert "is required" in box_text(at, key(None, "v0.name"))  # after Next, every problem shows


def test_an_empty_revision_is_accepted_as_main(seeded: EmulatorThread) -> None:
    at = open_wizard("create")
    fill_basics(at)
    click(at, key(None, "next"))
    fill_card(at, 0)
    at.text_input(key=key(None, "v0.revision")).input("").run()
    assert box_text(at, key(None, "v0.revision")) == "" or "revision" not in box_text(at, key(None, "v0.revision"))
    click(at, key(None, "next"))
    assert "Valid against the Model CRD schema" in page_text(at)
    assert "revision: main" in page_text(at)


def test_creating_a_model_applies_exactly_the_manifest_as_modelfs_ui(seeded: EmulatorThread) -> None:
    at = open_wizard("create")
    fill_basics(at)
    click(at, key(None, "next"))
    assert "2 · Versions" in at.markdown[1].value or at.text_input(key=key(None, "v0.repo"))
    fill_card(at, 0)
    at.selectbox(key=key(None, "v0.precision")).select("FP16")
    at.text_input(key=key(None, "v0.class")).input("nfs-client")
    at.multiselect(key=key(None, "v0.modes")).set_value(["ReadWriteMany"])
    at.toggle(key=key(None, "v0.share")).set_value(True).run()
    at.text_area(key=key(None, "v0.selector")).input("matchLabels:\n  team: serving\n")
    at.text_input(key=key(None, "v0.optin")).input("modelfs.samzong.dev/share").run()
    assert "Shared with 2 namespace(s) now: inference, staging" in page_text(at)
    assert not writes(seeded)

    click(at, key(None, "next"))
    text = page_text(at)
    assert "Valid against the Model CRD schema" in text
    assert "The API server accepts it (server-side dry-run)" in text
    assert "kubectl apply --server-side --field-manager=modelfs-ui -f - <<'EOF'" in text
    assert not applies(seeded, "qwen-small")

    click(at, key(None, "review.apply"))
    (request,) = applies(seeded, "qwen-small")
    assert request.content_type == "application/apply-patch+yaml"
    assert request.params["fieldManager"] == "modelfs-ui"
    assert "force" not in request.params
    assert request.body == {
        "apiVersion": "model.samzong.dev/v1",
        "kind": "Model",
        "metadata": {"name": "qwen-small", "namespace": NS},
        "spec": {
            "sourceRef": "huggingface",
            "display": {
                "description": "Qwen 0.5B for tests",
                "tags": ["qwen", "tiny"],
                "logoURL": "https://example.com/qwen.png",
            },
            "versions": [
                {
                    "name": "fp16",
                    "repo": "Qwen/Qwen2.5-0.5B-Instruct",
                    "revision": "main",
                    "precision": "FP16",
                    "storage": {
                        "accessModes": ["ReadWriteMany"],
                        "resources": {"requests": {"storage": "2Gi"}},
                        "storageClassName": "nfs-client",
                    },
                    "state": "PRESENT",
                    "share": {
                        "enabled": True,
                        "namespaceSelector": {"matchLabels": {"team": "serving"}},
                        "requireOptInLabel": "modelfs.samzong.dev/share",
                    },
                }
            ],
        },
    }
    assert "status" not in request.body
    stored = seeded.emulator.store.get(seeded.emulator.store.rtype("model.samzong.dev", "models"), NS, "qwen-small")
    assert stored["spec"]["sourceRef"] == "huggingface"
    assert at.query_params.get("model") in (["qwen-small"], "qwen-small")
    assert not at.query_params.get("action")


def test_a_create_never_overwrites_an_existing_model(seeded: EmulatorThread) -> None:
    at = open_wizard("create")
    fill_basics(at, name="bge-m3", source="modelscope")
    click(at, key(None, "next"))
    assert "already exists here: edit it instead" in box_text(at, key(None, "name"))
    assert at.text_input(key=key(None, "name"))  # still on step 1
    assert not writes(seeded)


def test_every_widget_of_the_wizard_has_a_key(seeded: EmulatorThread) -> None:
    at = open_wizard("create")
    fill_basics(at)
    click(at, key(None, "next"))
    widgets = [n for n in nodes(at) if hasattr(n, "key") and type(n).__name__ not in ("Block", "SpecialBlock")]
    assert widgets
    assert all(
        w.key
        for w in widgets
        if type(w).__name__
        in ("TextInput", "TextArea", "Selectbox", "Multiselect", "Toggle", "Radio", "Button", "Checkbox")
    )


# ------------------------------------------------------------------------------------------------
# Validation before anything is sent
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Qwen_Small", "use lower case: 'qwen-small'"),
        ("qwen_small", "'_' and spaces are not allowed; use '-'"),
        ("-qwen", "must start and end with a letter or digit"),
        ("q" * 60, "too long for any version: even version 'v' would have the sync Job"),
    ],
)
def test_an_invalid_name_is_shown_under_the_name_and_nothing_is_sent(
    seeded: EmulatorThread, name: str, message: str
) -> None:
    at = open_wizard("create")
    fill_basics(at, name=name)
    click(at, key(None, "next"))
    assert message in box_text(at, key(None, "name"))
    assert at.text_input(key=key(None, "name")).value == name  # still on step 1
    assert not writes(seeded)


def test_required_fields_complain_only_once_the_user_tries_to_go_on(seeded: EmulatorThread) -> None:
    at = open_wizard("create")
    assert "is required" not in box_text(at, key(None, "name"))
    click(at, key(None, "next"))
    assert "is required" in box_text(at, key(None, "name"))
    assert "choose the ModelSource" in box_text(at, key(None, "source"))
    assert not writes(seeded)


def test_a_logo_that_is_not_a_url_is_shown_under_it(seeded: EmulatorThread) -> None:
    at = open_wizard("create")
    fill_basics(at)
    at.text_input(key=key(None, "logo")).input("logo.png").run()
    click(at, key(None, "next"))
    assert "expected an http:// or https:// URL" in box_text(at, key(None, "logo"))
    assert not writes(seeded)


def _to_versions(seeded: EmulatorThread) -> AppTest:
    at = open_wizard("create")
    fill_basics(at)
    click(at, key(None, "next"))
    fill_card(at, 0)
    return at


def test_duplicate_version_names_are_shown_on_the_later_card(seeded: EmulatorThread) -> None:
    at = _to_versions(seeded)
    click(at, key(None, "add"))
    fill_card(at, 1, name="fp16", repo="Qwen/Qwen2.5-0.5B-Instruct-GPTQ-Int4")
    click(at, key(None, "next"))
    assert "'fp16' is already used by version 1" in box_text(at, key(None, "v1.name"))
    assert "already used" not in box_text(at, key(None, "v0.name"))
    assert at.text_input(key=key(None, "v1.name"))  # still on step 2
    assert not writes(seeded)


@pytest.mark.parametrize(
    ("size", "message"),
    [
        ("12GB", "'12GB' is not a quantity (e.g. 500Mi, 12Gi, 1Ti); did you mean 12Gi?"),
        ("lots", "'lots' is not a quantity"),
        ("0", "must be more than 0"),
    ],
)
def test_a_malformed_quantity_is_shown_under_the_size(seeded: EmulatorThread, size: str, message: str) -> None:
    at = _to_versions(seeded)
    at.text_input(key=key(None, "v0.size")).input(size).run()
    click(at, key(None, "next"))
    assert message in box_text(at, key(None, "v0.size"))
    assert not writes(seeded)


@pytest.mark.parametrize(
    ("selector", "message"),
    [
        (
            "matchExpressions:\n- key: team\n  operator: Within\n  values: [ml]\n",
            "operator 'Within' is not one of In, NotIn, Exists, DoesNotExist",
        ),
        (
            "matchExpressions:\n- key: team\n  operator: Exists\n  values: [ml]\n",
            "operator Exists takes no values; remove them",
        ),
        ("matchExpressions:\n- key: team\n  operator: in\n  values: [ml]\n", "did you mean In?"),
        ("team: ml\n", "unknown key 'team' (only matchLabels and matchExpressions)"),
        ("matchLabels: [team]\n", "matchLabels must be a mapping"),
        ("matchLabels:\n  team: ml\n  oops", "not valid YAML"),
    ],
)
def test_yaml_that_is_not_a_label_selector_is_shown_under_the_selector(
    seeded: EmulatorThread, selector: str, message: str
) -> None:
    at = _to_versions(seeded)
    at.toggle(key=key(None, "v0.share")).set_value(True).run()
    at.text_area(key=key(None, "v0.selector")).input(selector).run()
    click(at, key(None, "next"))
    assert message in box_text(at, key(None, "v0.selector"))
    assert not writes(seeded)


def test_a_repo_in_the_wrong_format_for_the_source_type_is_shown_under_the_repo(seeded: EmulatorThread) -> None:
    at = _to_versions(seeded)
    assert at.text_input(key=key(None, "v0.repo")).placeholder == "Qwen/Qwen2.5-0.5B-Instruct"
    at.text_input(key=key(None, "v0.repo")).input("https://huggingface.co/Qwen/Qwen2.5-0.5B").run()
    click(at, key(None, "next"))
    assert "give only owner/model" in box_text(at, key(None, "v0.repo"))
    assert not writes(seeded)


def test_an_empty_versions_list_is_refused(seeded: EmulatorThread) -> None:
    at = _to_versions(seeded)
    click(at, key(None, "v0.remove"))
    click(at, key(None, "next"))
    assert "add at least one version" in box_text(at, key(None, "add"))
    assert at.button(key=key(None, "add"))  # still on step 2
    assert not writes(seeded)


def test_an_opt_in_label_with_an_empty_value_is_shown_under_it(seeded: EmulatorThread) -> None:
    at = _to_versions(seeded)
    at.toggle(key=key(None, "v0.share")).set_value(True).run()
    at.text_input(key=key(None, "v0.optin")).input("team=").run()
    click(at, key(None, "next"))
    assert "give a value after '='" in box_text(at, key(None, "v0.optin"))
    assert not writes(seeded)


# ------------------------------------------------------------------------------------------------
# Edit, add version, Edit YAML
# ------------------------------------------------------------------------------------------------


def test_edit_opens_filled_from_the_live_object(editable: EmulatorThread) -> None:
    at = open_wizard("edit", "tiny-llm")
    assert at.text_input(key=key("tiny-llm", "name")).value == "tiny-llm"
    assert at.text_input(key=key("tiny-llm", "name")).disabled
    assert at.selectbox(key=key("tiny-llm", "source")).value == "huggingface"
    assert at.text_area(key=key("tiny-llm", "description")).value == "A tiny model"
    assert at.multiselect(key=key("tiny-llm", "tags")).value == ["small"]
    click(at, key("tiny-llm", "next"))
    assert at.text_input(key=key("tiny-llm", "v0.name")).value == "fp16"
    assert at.text_input(key=key("tiny-llm", "v0.name")).disabled  # a live version is never renamed
    assert at.text_input(key=key("tiny-llm", "v0.size")).value == "4Gi"
    assert at.selectbox(key=key("tiny-llm", "v0.precision")).value == "FP16"
    assert "metadata owner=ml, quantizer=none" in page_text(at)
    assert "limits storage=8Gi" in page_text(at)
    assert not writes(editable)


def test_an_edit_keeps_what_the_wizard_does_not_edit_and_carries_the_resource_version(
    editable: EmulatorThread,
) -> None:
    store = editable.emulator.store
    live = store.get(store.rtype("model.samzong.dev", "models"), NS, "tiny-llm")
    at = open_wizard("edit", "tiny-llm")
    at.text_area(key=key("tiny-llm", "description")).input("A tiny model, now larger").run()
    click(at, key("tiny-llm", "next"))
    at.text_input(key=key("tiny-llm", "v0.size")).input("6Gi").run()
    draft = at.session_state[DRAFT]
    assert draft["spec"]["versions"][0]["storage"]["resources"]["requests"]["storage"] == "6Gi"
    click(at, key("tiny-llm", "next"))
    assert "+        storage: 6Gi" in page_text(at) or "storage: 6Gi" in page_text(at)
    click(at, key("tiny-llm", "review.apply"))

    (request,) = applies(editable, "tiny-llm")
    assert request.params == {"fieldManager": "modelfs-ui"}
    assert request.body["metadata"] == {
        "name": "tiny-llm",
        "namespace": NS,
        "labels": {"app": "chat"},
        "resourceVersion": live["metadata"]["resourceVersion"],
    }
    version = request.body["spec"]["versions"][0]
    assert version["metadata"] == {"quantizer": "none", "owner": "ml"}
    assert version["storage"]["resources"] == {"requests": {"storage": "6Gi"}, "limits": {"storage": "8Gi"}}
    assert request.body["spec"]["display"]["description"] == "A tiny model, now larger"
    assert "status" not in request.body
    assert DRAFT not in at.session_state
    assert at.query_params.get("model") in (["tiny-llm"], "tiny-llm")


def test_add_version_opens_at_step_two_with_a_new_card(editable: EmulatorThread) -> None:
    at = open_wizard("add-version", "tiny-llm")
    assert at.text_input(key=key("tiny-llm", "v0.name")).value == "fp16"
    new = at.text_input(key=key("tiny-llm", "v1.name"))
    assert new.value == "" and not new.disabled
    fill_card(at, 1, name="int4", repo="acme/tiny-llm-int4", size="2Gi", model="tiny-llm")
    click(at, key("tiny-llm", "next"))
    click(at, key("tiny-llm", "review.apply"))
    (request,) = applies(editable, "tiny-llm")
    assert [v["name"] for v in request.body["spec"]["versions"]] == ["fp16", "int4"]
    assert request.body["spec"]["versions"][1] == {
        "name": "int4",
        "repo": "acme/tiny-llm-int4",
        "revision": "main",
        "storage": {"resources": {"requests": {"storage": "2Gi"}}},
        "state": "PRESENT",
    }


def test_a_version_that_still_has_a_dataset_is_set_absent_instead_of_removed(editable: EmulatorThread) -> None:
    at = open_wizard("edit", "tiny-llm")
    click(at, key("tiny-llm", "next"))
    click(at, key("tiny-llm", "v0.remove"))
    assert at.text_input(key=key("tiny-llm", "v0.name")).value == "fp16"  # not removed
    text = page_text(at)
    assert "cannot simply be removed" in text
    assert "mdl-tiny-llm-fp16" in text
    click(at, key("tiny-llm", "v0.absent"))
    assert at.radio(key=key("tiny-llm", "v0.state")).value == "ABSENT"
    assert at.session_state[DRAFT]["spec"]["versions"][0]["state"] == "ABSENT"
    assert not writes(editable)


def test_edit_yaml_goes_through_the_same_review(editable: EmulatorThread) -> None:
    at = open_wizard("edit-yaml", "tiny-llm")
    editor = at.text_area(key=key("tiny-llm", "yaml"))
    assert editor.value.startswith("sourceRef: huggingface\n")
    assert "status" not in editor.value
    editor.input(editor.value.replace("precision: FP16", "precision: INT8")).run()
    assert at.session_state[DRAFT]["spec"]["versions"][0]["precision"] == "INT8"
    assert not writes(editable)
    click(at, key("tiny-llm", "next"))
    assert "-  precision: FP16\n+  precision: INT8" in page_text(at)
    click(at, key("tiny-llm", "review.apply"))
    (request,) = applies(editable, "tiny-llm")
    assert request.content_type == "application/apply-patch+yaml"
    assert request.body["spec"]["versions"][0]["precision"] == "INT8"
    assert request.body["spec"]["versions"][0]["metadata"] == {"quantizer": "none", "owner": "ml"}
    assert request.body["metadata"]["labels"] == {"app": "chat"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.replace("versions:\n", "versions: []\nx:\n"), "unknown field"),
        (lambda t: "sourceRef: huggingface\nversions: []\n", "add at least one version"),
        (lambda t: t.replace("storage: 4Gi", "storage: 4GB"), "'4GB' is not a quantity"),
        (lambda t: t.replace("precision: FP16", "precision: FP32"), "FP32"),
        (lambda t: t.replace("name: fp16", "name: fp32"), "version 'fp16' cannot be removed yet"),
        (lambda t: t + "status: {}\n", "spec.status"),
        (lambda t: "sourceRef: [", "not valid YAML"),
    ],
)
def test_edit_yaml_checks_the_text_before_anything_is_sent(editable: EmulatorThread, change: Any, message: str) -> None:
    at = open_wizard("edit-yaml", "tiny-llm")
    editor = at.text_area(key=key("tiny-llm", "yaml"))
    editor.input(change(editor.value)).run()
    assert message in box_text(at, key("tiny-llm", "yaml"))
    assert at.button(key=key("tiny-llm", "next")).disabled
    assert not writes(editable)


def test_reset_to_live_puts_the_live_text_back_in_the_editor(editable: EmulatorThread) -> None:
    at = open_wizard("edit-yaml", "tiny-llm")
    live = at.text_area(key=key("tiny-llm", "yaml")).value
    at.text_area(key=key("tiny-llm", "yaml")).input("sourceRef: [").run()
    assert "not valid YAML" in box_text(at, key("tiny-llm", "yaml"))
    click(at, key("tiny-llm", "reset"))
    [editor] = [t for t in at.text_area if str(t.key).startswith(key("tiny-llm", "yaml"))]
    assert editor.value == live  # the broken text is gone from the editor, not only from the check
    assert "not valid YAML" not in page_text(at)
    assert "No changes to the spec yet." in page_text(at)
    assert not at.button(key=key("tiny-llm", "next")).disabled


def test_the_problem_count_never_grows_while_the_text_is_fixed(editable: EmulatorThread) -> None:
    at = open_wizard("edit-yaml", "tiny-llm")
    live = at.text_area(key=key("tiny-llm", "yaml")).value
    broken = live.replace("precision: FP16", "precision: FP32").replace("storage: 4Gi", "storage: 4GB")

    def count() -> int | None:
        found = re.search(r"Fix the (\d+) problem", page_text(at))
        return int(found.group(1)) if found else None

    at.text_area(key=key("tiny-llm", "yaml")).input(broken + "x: [\n").run()  # not even YAML
    assert count() is None  # no count that would grow once the text parses
    assert "reads as a spec" in page_text(at)
    at.text_area(key=key("tiny-llm", "yaml")).input(broken).run()
    first = count()
    at.text_area(key=key("tiny-llm", "yaml")).input(broken.replace("precision: FP32", "precision: FP16")).run()
    assert first is not None and count() is not None and count() < first  # type: ignore[operator]


def test_cancel_discards_the_draft(editable: EmulatorThread) -> None:
    at = open_wizard("edit", "tiny-llm")
    at.text_area(key=key("tiny-llm", "description")).input("changed").run()
    assert DRAFT in at.session_state
    click(at, key("tiny-llm", "cancel"))
    assert DRAFT not in at.session_state
    assert not at.query_params.get("action")
    assert not editable.emulator.received_matching("PATCH", ".")


def test_a_model_changed_while_editing_is_flagged_and_can_be_rebased(editable: EmulatorThread) -> None:
    store = editable.emulator.store
    models = store.rtype("model.samzong.dev", "models")
    at = open_wizard("edit", "tiny-llm")
    at.text_area(key=key("tiny-llm", "description")).input("mine").run()
    click(at, key("tiny-llm", "next"))
    store.patch(
        models,
        NS,
        "tiny-llm",
        {"metadata": {"labels": {"app": "chat", "reviewed": "yes"}}},
        patch_type="merge",
        manager="someone",
    )
    click(at, key("tiny-llm", "next"))
    assert "changed in the cluster while you were editing" in page_text(at)
    click(at, key("tiny-llm", "rebase"))
    assert "changed in the cluster while you were editing" not in page_text(at)
    click(at, key("tiny-llm", "review.apply"))
    (request,) = applies(editable, "tiny-llm")
    assert request.body["metadata"]["labels"] == {"app": "chat", "reviewed": "yes"}
    assert request.body["spec"]["display"]["description"] == "mine"


# ------------------------------------------------------------------------------------------------
# Conflicts
# ------------------------------------------------------------------------------------------------


def test_a_conflict_names_the_field_and_manager_and_force_needs_confirmation(seeded: EmulatorThread) -> None:
    store = seeded.emulator.store
    manifest = copy.deepcopy(EDITABLE)
    del manifest["status"]
    store.patch(
        store.rtype("model.samzong.dev", "models"), NS, "tiny-llm", manifest, patch_type="apply", manager="kubectl"
    )
    at = open_wizard("edit", "tiny-llm")
    at.selectbox(key=key("tiny-llm", "source")).select("modelscope").run()
    click(at, key("tiny-llm", "next"))
    click(at, key("tiny-llm", "next"))
    conflict = at.dataframe[0].value
    assert conflict["Field"].tolist() == [".spec.sourceRef"]
    assert conflict["Managed by"].tolist() == ["kubectl"]
    assert at.button(key=key("tiny-llm", "review.apply")).disabled
    assert not applies(seeded, "tiny-llm")

    at.checkbox(key=key("tiny-llm", "review.force")).check().run()
    assert not at.button(key=key("tiny-llm", "review.apply")).disabled
    click(at, key("tiny-llm", "review.apply"))
    (request,) = applies(seeded, "tiny-llm")
    assert request.params == {"fieldManager": "modelfs-ui", "force": "true"}
    assert request.content_type == "application/apply-patch+yaml"
    assert request.body["spec"]["sourceRef"] == "modelscope"


def test_a_status_written_while_editing_is_taken_in_without_a_warning(editable: EmulatorThread) -> None:
    store = editable.emulator.store
    models = store.rtype("model.samzong.dev", "models")
    at = open_wizard("edit", "tiny-llm")
    at.text_area(key=key("tiny-llm", "description")).input("mine").run()
    click(at, key("tiny-llm", "next"))
    status = copy.deepcopy(EDITABLE["status"])
    status["syncedVersions"][0]["phase"] = "PROCESSING"
    updated = store.patch(
        models, NS, "tiny-llm", {"status": status}, patch_type="merge", subresource="status", manager="controller"
    )
    click(at, key("tiny-llm", "next"))
    assert "changed in the cluster while you were editing" not in page_text(at)
    click(at, key("tiny-llm", "review.apply"))
    (request,) = applies(editable, "tiny-llm")
    assert request.body["metadata"]["resourceVersion"] == updated["metadata"]["resourceVersion"]


def test_a_dropped_field_another_manager_set_is_reported_and_can_be_removed(seeded: EmulatorThread) -> None:
    store = seeded.emulator.store
    models = store.rtype("model.samzong.dev", "models")
    manifest = copy.deepcopy(EDITABLE)
    del manifest["status"]
    store.patch(models, NS, "tiny-llm", manifest, patch_type="apply", manager="kubectl")
    at = open_wizard("edit", "tiny-llm")
    at.text_area(key=key("tiny-llm", "description")).input("").run()
    click(at, key("tiny-llm", "next"))
    click(at, key("tiny-llm", "next"))
    click(at, key("tiny-llm", "review.apply"))
    (request,) = applies(seeded, "tiny-llm")
    assert "description" not in request.body["spec"]["display"]
    assert store.get(models, NS, "tiny-llm")["spec"]["display"]["description"] == "A tiny model"  # kept by kubectl
    assert "`spec.display.description`" in page_text(at)

    click(at, key("tiny-llm", "leftovers.remove"))
    (patch,) = seeded.emulator.received_matching("PATCH", f"/namespaces/{NS}/models/tiny-llm$")[-1:]
    assert patch.content_type == "application/merge-patch+json"
    assert patch.body == {"spec": {"display": {"description": None}}}
    assert "description" not in store.get(models, NS, "tiny-llm")["spec"]["display"]
    assert at.query_params.get("model") in (["tiny-llm"], "tiny-llm")
