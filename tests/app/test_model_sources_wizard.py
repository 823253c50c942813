"""The ModelSource wizard against the emulator: create, edit, checks before anything is sent, conflicts."""

from __future__ import annotations

from typing import Any

import pytest

from modelfs_lib.demo.runner import EmulatorThread
from tests.helpers.cluster import requests
from tests.helpers.page import nodes, of_kind
from tests.helpers.sources import (
    NS,
    ROWS,
    SOURCES,
    WIDGETS,
    W,
    add_row,
    add_source,
    applies,
    click,
    fill,
    messages_after,
    open_sources,
    text,
)


def owned_by_ui(cluster: EmulatorThread, name: str, spec: dict[str, Any]) -> None:
    """A ModelSource that modelfs-ui created (so no other field manager owns its fields)."""
    store = cluster.emulator.store
    manifest = {"apiVersion": "model.samzong.dev/v1", "kind": "ModelSource", "metadata": {"name": name}, "spec": spec}
    store.patch(store.rtype("model.samzong.dev", "modelsources"), NS, name, manifest, patch_type="apply",
                manager="modelfs-ui")  # fmt: skip


# ------------------------------------------------------------------------------------------------
# Create
# ------------------------------------------------------------------------------------------------


def test_create_applies_exactly_the_manifest_as_modelfs_ui(seeded: EmulatorThread) -> None:
    at = open_sources(action="create")
    assert at.title[0].value == "Create ModelSource"
    fill(at)
    add_row(at, "endpoint", "https://hf-mirror.com")
    add_row(at, "include", "*.safetensors")
    click(at, f"{W}.review")
    page = text(at)
    assert "Valid against the ModelSource CRD schema." in page
    assert "The API server accepts it (server-side dry-run)." in page
    assert "kubectl apply --server-side --field-manager=modelfs-ui -f -" in page
    (dry_run,) = requests(seeded, "PATCH", f"{SOURCES}/hf-mirror$")
    assert dry_run.params == {"fieldManager": "modelfs-ui", "dryRun": "All"}
    assert not applies(seeded, "hf-mirror")

    click(at, "sources.review.apply")
    (request,) = applies(seeded, "hf-mirror")
    assert request.content_type == "application/apply-patch+yaml"
    assert request.params == {"fieldManager": "modelfs-ui"}
    assert request.body == {
        "apiVersion": "model.samzong.dev/v1",
        "kind": "ModelSource",
        "metadata": {"name": "hf-mirror", "namespace": NS},
        "spec": {
            "type": "HUGGING_FACE",
            "secretRef": "hf-token",
            "config": {"endpoint": "https://hf-mirror.com", "include": "*.safetensors"},
        },
    }
    assert at.query_params["source"] in ("hf-mirror", ["hf-mirror"])
    assert "action" not in at.query_params
    assert "Applied ModelSource hf-mirror." in text(at)
    assert at.title[0].value == "hf-mirror"


def test_the_nine_types_are_offered_and_the_loader_keys_of_the_chosen_one_first(seeded: EmulatorThread) -> None:
    at = open_sources(action="create")
    assert at.selectbox(key=f"{W}.type").options == [
        "GIT", "S3", "HTTP", "PVC", "NFS", "CONDA", "REFERENCE", "HUGGING_FACE", "MODEL_SCOPE",
    ]  # fmt: skip
    at.selectbox(key=f"{W}.type").select("S3").run()
    offered = [n.label for n in nodes(at) if str(getattr(n, "key", "")).startswith(f"{ROWS}.suggest.")]
    assert offered == ["region", "endpoint", "provider", "syncMode", "uri"]
    click(at, f"{ROWS}.suggest.region")
    assert at.text_input(key=f"{ROWS}.0.key").value == "region"
    offered = [n.label for n in nodes(at) if str(getattr(n, "key", "")).startswith(f"{ROWS}.suggest.")]
    assert "region" not in offered
    assert at.button(key=f"{ROWS}.add").label == "Other key"


def test_a_row_can_be_removed(seeded: EmulatorThread) -> None:
    at = open_sources(action="create")
    fill(at, source_type="GIT", secret="")
    add_row(at, "branch", "main")
    add_row(at, "depth", "1")
    click(at, f"{ROWS}.0.remove")
    assert at.session_state[f"{ROWS}.ids"] == [1]
    assert at.text_input(key=f"{ROWS}.1.key").value == "depth"


def test_invalid_input_shows_next_to_its_field_and_nothing_is_sent(seeded: EmulatorThread) -> None:
    at = open_sources(action="create")
    fill(at, name="My_Source", source_type="GIT", secret="")
    add_row(at, "branch", "main")
    add_row(at, "branch", "dev")
    add_row(at, "", "orphan value")
    click(at, f"{W}.review")
    assert any("lower case" in m for m in messages_after(at, f"{W}.name"))
    ids = at.session_state[f"{ROWS}.ids"]
    assert messages_after(at, f"{ROWS}.{ids[0]}.remove") == []
    assert messages_after(at, f"{ROWS}.{ids[1]}.remove") == ["'branch' is already used in row 1"]
    assert messages_after(at, f"{ROWS}.{ids[2]}.remove") == ["a key is required"]
    assert "Fix the 3 problems above first: nothing was sent to the cluster." in text(at)
    with pytest.raises(KeyError):
        at.button(key="sources.review.apply")
    assert not requests(seeded, "PATCH", ".")


def test_a_missing_type_is_required(seeded: EmulatorThread) -> None:
    at = open_sources(action="create")
    at.text_input(key=f"{W}.name").input("x").run()
    click(at, f"{W}.review")
    assert messages_after(at, f"{W}.type") == ["is required"]
    assert not requests(seeded, "PATCH", ".")


def test_checks_speak_only_once_review_is_asked_for(seeded: EmulatorThread) -> None:
    at = open_sources(action="create")
    at.text_input(key=f"{W}.name").input("Bad").run()
    assert messages_after(at, f"{W}.name") == []


def test_a_create_never_takes_over_an_existing_source(seeded: EmulatorThread) -> None:
    at = open_sources(action="create")
    fill(at, name="huggingface", source_type="HUGGING_FACE", secret="")
    click(at, f"{W}.review")
    assert messages_after(at, f"{W}.name") == ["a ModelSource named huggingface already exists here; edit it instead"]
    assert not requests(seeded, "PATCH", ".")


def test_a_source_created_since_the_list_was_read_is_not_taken_over(seeded: EmulatorThread) -> None:
    at = open_sources(action="create")
    fill(at, name="late", source_type="GIT", secret="")
    add_source(seeded, "late", {"type": "GIT"})  # the cached list does not know it yet
    click(at, f"{W}.review")
    (error,) = [e.value for e in at.error]
    assert error.startswith("ModelSource **late** was created in ml\\-team by **")
    assert "after you began: nothing was sent. Go back and choose another name" in error
    assert "problems" not in error
    assert not requests(seeded, "PATCH", ".")
    click(at, f"{W}.taken.rename")
    assert not at.error  # back on the form, reviewing no more
    click(at, f"{W}.review")
    assert messages_after(at, f"{W}.name") == ["a ModelSource named late already exists here; edit it instead"]
    at.text_input(key=f"{W}.name").input("later").run()
    click(at, f"{W}.review")
    assert not at.error
    assert not applies(seeded, "later") and not applies(seeded, "late")  # the review's dry-run only


def test_a_credential_in_config_is_a_warning_pointing_to_secret_ref(seeded: EmulatorThread) -> None:
    at = open_sources(action="create")
    fill(at, source_type="HUGGING_FACE", secret="")
    add_row(at, "endpoint", "hf_abcdefghijklmnopqrstuvwxyz012345")
    click(at, f"{W}.review")
    (warning,) = messages_after(at, f"{ROWS}.0.remove")
    assert "looks like a Hugging Face token" in warning and "secretRef" in warning
    assert "hf_abcdefghijklmnopqrstuvwxyz012345" not in warning
    assert not at.button(key="sources.review.apply").disabled  # a warning does not block


def test_the_secret_is_typed_and_read_by_name_for_its_key_names_never_listed(seeded: EmulatorThread) -> None:
    at = open_sources(action="create")
    fill(at, name="hf2", source_type="HUGGING_FACE", secret="hf-token")
    assert messages_after(at, f"{W}.secret") == [
        "Secret hf-token exists and has 1 key: the controller's check passes. "
        "Keys: `HF_TOKEN` (values are never shown)."
    ]
    assert requests(seeded, "GET", f"/namespaces/{NS}/secrets/hf-token$")
    assert not requests(seeded, "GET", "/secrets$"), "no Secret is ever listed"
    click(at, f"{W}.review")
    click(at, "sources.review.apply")
    assert applies(seeded, "hf2")[0].body["spec"]["secretRef"] == "hf-token"
    assert not requests(seeded, "GET", "/secrets$")


def test_a_name_that_is_no_valid_secret_name_is_not_sent(seeded: EmulatorThread) -> None:
    at = open_sources(action="create")
    fill(at, name="hf2", source_type="HUGGING_FACE", secret="HF Token")
    click(at, f"{W}.review")
    assert messages_after(at, f"{W}.secret")
    assert not requests(seeded, "GET", "/secrets")


def test_a_secret_that_does_not_exist_is_a_warning_not_a_block(seeded: EmulatorThread) -> None:
    at = open_sources(action="create")
    fill(at, name="minio2", source_type="S3", secret="not-yet")
    click(at, f"{W}.review")
    assert messages_after(at, f"{W}.secret") == [
        "Secret not-yet does not exist in ml-team: the controller reports SecretInvalid until it is created."
    ]
    click(at, "sources.review.apply")
    (request,) = applies(seeded, "minio2")
    assert request.body["spec"] == {"type": "S3", "secretRef": "not-yet"}


def test_without_rbac_to_read_the_secret_the_name_is_still_taken_and_the_reason_said(seeded: EmulatorThread) -> None:
    seeded.emulator.access.deny("get", "secrets", namespace=NS)
    at = open_sources(action="create")
    fill(at, name="hf2", source_type="HUGGING_FACE", secret="hf-token")
    click(at, f"{W}.review")
    assert "You may not read Secret hf-token in ml-team" in " ".join(messages_after(at, f"{W}.secret"))
    click(at, "sources.review.apply")
    assert applies(seeded, "hf2")[0].body["spec"]["secretRef"] == "hf-token"


def test_every_widget_of_the_wizard_has_a_key(seeded: EmulatorThread) -> None:
    at = open_sources(action="create")
    fill(at)
    add_row(at, "endpoint", "https://hf-mirror.com")
    click(at, f"{W}.review")
    widgets = of_kind(nodes(at), *WIDGETS)
    assert widgets
    assert all(n.key for n in widgets), [type(n).__name__ for n in widgets if not n.key]


def test_cancel_discards_the_draft(seeded: EmulatorThread) -> None:
    at = open_sources(action="create")
    fill(at)
    click(at, f"{W}.cancel")
    assert "action" not in at.query_params
    at.query_params["action"] = "create"
    at.run()
    assert at.text_input(key=f"{W}.name").value == ""


# ------------------------------------------------------------------------------------------------
# Edit
# ------------------------------------------------------------------------------------------------


def test_edit_opens_filled_from_the_live_object(seeded: EmulatorThread) -> None:
    at = open_sources(source="huggingface", action="edit")
    assert at.title[0].value == "Edit ModelSource huggingface"
    name = at.text_input(key=f"{W}.name")
    assert (name.value, name.disabled) == ("huggingface", True)
    assert at.selectbox(key=f"{W}.type").value == "HUGGING_FACE"
    assert at.text_input(key=f"{W}.secret").value == "hf-token"
    assert [(at.text_input(key=f"{ROWS}.{i}.key").value, at.text_input(key=f"{ROWS}.{i}.value").value)
            for i in at.session_state[f"{ROWS}.ids"]] == [("endpoint", "https://hf-mirror.com"),
                                                           ("include", "*.safetensors,*.json")]  # fmt: skip


def test_an_edit_whose_secret_is_missing_opens_with_the_name_typed(seeded: EmulatorThread) -> None:
    at = open_sources(source="minio-models", action="edit")
    assert at.text_input(key=f"{W}.secret").value == "minio-credentials"


def test_an_edit_applies_the_change_with_its_resource_version(seeded: EmulatorThread) -> None:
    owned_by_ui(seeded, "mine", {"type": "GIT", "config": {"branch": "main"}})
    at = open_sources(source="mine", action="edit")
    at.text_input(key=f"{ROWS}.0.value").input("release").run()
    click(at, f"{W}.review")
    diff = [c.value for c in at.code if c.language == "diff"]
    assert diff and "-  branch: main" in diff[0] and "+  branch: release" in diff[0]
    click(at, "sources.review.apply")
    (request,) = applies(seeded, "mine")
    assert request.params == {"fieldManager": "modelfs-ui"}
    assert request.body["spec"] == {"type": "GIT", "config": {"branch": "release"}}
    assert request.body["metadata"]["resourceVersion"]
    assert "Applied ModelSource mine." in text(at)


def test_changing_the_type_of_a_source_in_use_warns(seeded: EmulatorThread) -> None:
    at = open_sources(source="huggingface", action="edit")
    at.selectbox(key=f"{W}.type").select("S3").run()
    click(at, f"{W}.review")
    assert "3 Models use this source: their repos must suit S3" in " ".join(messages_after(at, f"{W}.type"))


def test_a_conflict_with_another_field_manager_needs_force(seeded: EmulatorThread) -> None:
    at = open_sources(source="gitea", action="edit")
    ids = at.session_state[f"{ROWS}.ids"]
    depth = next(i for i in ids if at.text_input(key=f"{ROWS}.{i}.key").value == "depth")
    at.text_input(key=f"{ROWS}.{depth}.value").input("5").run()
    click(at, f"{W}.review")
    conflict = of_kind(nodes(at), "Dataframe")[0].value
    assert conflict["Field"].tolist() == [".spec.config.depth"]
    assert at.button(key="sources.review.apply").disabled
    assert not applies(seeded, "gitea")
    at.checkbox(key="sources.review.force").check().run()
    click(at, "sources.review.apply")
    (request,) = applies(seeded, "gitea")
    assert request.params == {"fieldManager": "modelfs-ui", "force": "true"}
    assert request.content_type == "application/apply-patch+yaml"
    assert request.body["spec"]["config"] == {"branch": "main", "depth": "5"}


def test_a_source_changed_while_editing_is_flagged_and_can_be_rebased(seeded: EmulatorThread) -> None:
    owned_by_ui(seeded, "mine", {"type": "GIT", "config": {"branch": "main"}})
    store = seeded.emulator.store
    at = open_sources(source="mine", action="edit")
    at.text_input(key=f"{ROWS}.0.value").input("release").run()
    labels = {"metadata": {"labels": {"reviewed": "yes"}}}
    changed = store.patch(store.rtype("model.samzong.dev", "modelsources"), NS, "mine", labels, patch_type="merge")
    click(at, f"{W}.review")
    assert "changed in the cluster while you were editing" in text(at)
    click(at, f"{W}.rebase")
    assert "changed in the cluster while you were editing" not in text(at)
    click(at, "sources.review.apply")
    (request,) = applies(seeded, "mine")
    assert request.body["metadata"]["labels"] == {"reviewed": "yes"}
    assert request.body["metadata"]["resourceVersion"] == changed["metadata"]["resourceVersion"]


def test_a_key_another_manager_set_is_not_removed_by_apply_and_the_way_out_is_shown(seeded: EmulatorThread) -> None:
    at = open_sources(source="gitea", action="edit")
    ids = at.session_state[f"{ROWS}.ids"]
    depth = next(i for i in ids if at.text_input(key=f"{ROWS}.{i}.key").value == "depth")
    click(at, f"{ROWS}.{depth}.remove")
    click(at, f"{W}.review")
    click(at, "sources.review.apply")
    (request,) = applies(seeded, "gitea")
    assert request.body["spec"]["config"] == {"branch": "main"}
    page = text(at)
    assert "Server-side apply left /spec/config/depth in place" in page
    assert "kubectl -n ml-team patch modelsource gitea --type=json" in page


def test_editing_a_source_that_is_gone_says_so(seeded: EmulatorThread) -> None:
    add_source(seeded, "brief", {"type": "GIT"})
    store = seeded.emulator.store
    store.patch(store.rtype("model.samzong.dev", "modelsources"), NS, "brief", {"metadata": {"finalizers": None}},
                patch_type="merge")  # fmt: skip
    store.delete(store.rtype("model.samzong.dev", "modelsources"), NS, "brief")
    at = open_sources(source="brief", action="edit")
    assert "There is no ModelSource brief in ml-team." in text(at)
