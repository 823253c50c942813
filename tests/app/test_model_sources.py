"""The ModelSources page against the emulator: the list, a source's detail, its Secret check, and delete."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from typing import Any
from urllib.parse import parse_qs

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from modelfs_lib.demo.runner import EmulatorThread
from modelfs_lib.ui import pages
from tests.helpers.cluster import add_namespace, requests
from tests.helpers.page import link_labels, of_kind, page_text, walk, with_key
from tests.helpers.sources import (
    NS,
    SOURCES,
    add_model,
    add_secret,
    add_source,
    click,
    names,
    open_sources,
    row,
    select_row,
    table,
    text,
)

# ------------------------------------------------------------------------------------------------
# List
# ------------------------------------------------------------------------------------------------


def test_the_list_has_a_row_per_source_with_type_secret_credentials_and_references(seeded: EmulatorThread) -> None:
    at = open_sources()
    frame = table(at)
    assert names(at) == ["artifactory", "gitea", "hf-private", "huggingface", "minio-models", "modelscope"]
    assert list(frame.columns) == [
        "Name",
        "Type",
        "SecretRef",
        "Credentials",
        "Referenced models",
        "State",
        "Reason",
        "Since",
        "Message",
    ]
    minio = row(at, "minio-models")
    assert minio["Type"] == "S3"
    assert minio["SecretRef"] == "minio-credentials"
    assert minio["Credentials"] == "not ready"
    assert minio["Reason"] == "SecretInvalid"
    assert "not found" in minio["Message"]
    assert pd.notna(minio["Since"])
    assert row(at, "huggingface")["Referenced models"] == "3"
    assert row(at, "huggingface")["Credentials"] == "ready"
    assert row(at, "modelscope")["SecretRef"] == "—"
    assert row(at, "modelscope")["Reason"] == "NoSecretRequired"
    assert (row(at, "gitea")["Referenced models"], row(at, "gitea")["State"]) == ("0", "unused")


def test_a_model_the_status_does_not_record_yet_shows_as_a_mismatch(seeded: EmulatorThread) -> None:
    add_model(seeded, "new-model", "gitea")
    at = open_sources()
    assert row(at, "gitea")["Referenced models"] == "0 (1 listed)"
    assert row(at, "gitea")["State"] == "in use"


def test_a_condition_not_written_yet_is_unknown(seeded: EmulatorThread) -> None:
    add_source(seeded, "fresh", {"type": "GIT"})
    at = open_sources()
    assert row(at, "fresh")["Credentials"] == "unknown"
    assert "not checked the credentials yet" in row(at, "fresh")["Message"]


def test_filters_by_type_and_by_credentials_state(seeded: EmulatorThread) -> None:
    at = open_sources()
    at.multiselect(key="sources.type").set_value(["S3", "GIT"]).run()
    assert names(at) == ["gitea", "minio-models"]
    assert "2 of 6 ModelSources shown." in text(at)
    at.multiselect(key="sources.credentials").set_value(["not ready"]).run()
    assert names(at) == ["minio-models"]
    at.multiselect(key="sources.type").set_value(["GIT"]).run()
    assert "No ModelSource matches these filters (6 in ml-team)." in text(at)


def test_clear_filters_shows_every_source_again(seeded: EmulatorThread) -> None:
    at = open_sources()
    at.multiselect(key="sources.type").set_value(["GIT"]).run()
    at.multiselect(key="sources.credentials").set_value(["not ready"]).run()
    click(at, "sources.clear")
    assert len(names(at)) == 6
    assert at.multiselect(key="sources.type").value == []
    assert at.multiselect(key="sources.credentials").value == []
    assert "6 ModelSources." in text(at)


def test_filters_come_from_the_url(seeded: EmulatorThread) -> None:
    at = open_sources(**{"sources.type": "S3"})
    assert names(at) == ["minio-models"]


def test_names_link_to_each_sources_page_and_a_click_on_a_row_opens_it(seeded: EmulatorThread) -> None:
    at = open_sources()
    assert f"/sources?ns={NS}&source=gitea" in table(at)["Name"].tolist()
    select_row(at, "gitea")
    assert not at.exception
    assert at.query_params["source"] == "gitea"
    assert at.title[0].value == "gitea"
    assert "sources.table" not in [d.key for d in at.dataframe]  # the source's page, not the list


def test_a_click_on_a_row_opens_the_source_among_the_filtered_rows(seeded: EmulatorThread) -> None:
    at = open_sources()
    at.multiselect(key="sources.credentials").set_value(["not ready"]).run()
    select_row(at, "minio-models")
    assert at.title[0].value == "minio-models"


def test_the_sources_not_ready_are_spelled_out_in_full_below_the_table(seeded: EmulatorThread) -> None:
    at = open_sources()
    problems = page_text(at, under=with_key(at, "sources.problems"), sep=" ").replace("\\", "")
    assert '**minio-models**: SecretInvalid: Secret "minio-credentials" not found in namespace "ml-team"' in problems
    assert "huggingface" not in problems


def test_a_source_being_deleted_shows_who_holds_it(seeded: EmulatorThread) -> None:
    store = seeded.emulator.store
    store.delete(store.rtype("model.samzong.dev", "modelsources"), NS, "huggingface")  # the finalizer holds it
    at = open_sources()
    assert row(at, "huggingface")["State"] == "deleting, held by 3 models"


def test_row_actions_wait_for_a_source_to_be_chosen(seeded: EmulatorThread) -> None:
    at = open_sources()
    assert at.button(key="sources.view").disabled
    assert at.button(key="sources.delete").disabled
    at.selectbox(key="sources.pick").select("gitea").run()
    assert not at.button(key="sources.view").disabled
    click(at, "sources.view")
    assert at.query_params["source"] == "gitea"
    assert at.title[0].value == "gitea"


def test_row_action_edit_and_delete_open_their_views(seeded: EmulatorThread) -> None:
    at = open_sources()
    at.selectbox(key="sources.pick").select("gitea").run()
    click(at, "sources.edit")
    assert at.title[0].value == "Edit ModelSource gitea"
    at = open_sources()
    at.selectbox(key="sources.pick").select("gitea").run()
    click(at, "sources.delete")
    assert at.text_input(key="sources.delete.typed")


def test_a_failed_list_says_what_failed(seeded: EmulatorThread) -> None:
    seeded.emulator.inject("/modelsources$", method="GET", status=500, message="boom")
    at = open_sources()
    assert "Listing ModelSources in ml-team failed" in text(at)


def test_read_only_mode_offers_no_writes(seeded: EmulatorThread, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MODELFS_UI_READONLY", "1")
    at = open_sources()
    at.selectbox(key="sources.pick").select("gitea").run()
    for hidden in ("sources.create", "sources.edit", "sources.delete"):
        with pytest.raises(KeyError):
            at.button(key=hidden)
    assert not at.button(key="sources.view").disabled


def test_without_rbac_to_create_the_create_button_says_why(seeded: EmulatorThread) -> None:
    seeded.emulator.access.deny("create", "modelsources", group="model.samzong.dev")
    at = open_sources()
    assert at.button(key="sources.create").disabled
    assert "You may not create" in (at.button(key="sources.create").help or "")


# ------------------------------------------------------------------------------------------------
# Detail
# ------------------------------------------------------------------------------------------------


def test_the_detail_shows_config_conditions_and_links_to_its_models(seeded: EmulatorThread) -> None:
    at = open_sources(source="huggingface")
    assert at.title[0].value == "huggingface"
    config = table(at, "sources.detail.config")
    assert config.to_dict("records") == [
        {"Key": "endpoint", "Value": "https://hf-mirror.com", "Loader": "read by the HUGGING_FACE loader"},
        {"Key": "include", "Value": "*.safetensors,*.json", "Loader": "read by the HUGGING_FACE loader"},
    ]
    conditions = table(at, "sources.detail.conditions")
    assert conditions[["Type", "Status", "Reason"]].values.tolist() == [["CredentialsReady", "True", "SecretValid"]]
    links = of_kind(walk(at.main), "PageLink")
    assert [link.proto.label for link in links] == [
        "llama-3-1-8b-instruct",
        "mistral-7b-finetune",
        "qwen2-5-7b-instruct",
    ]
    assert all(link.proto.page == pages.MODELS.url_path for link in links)
    assert links[0].proto.query_string == "ns=ml-team&model=llama-3-1-8b-instruct"


def test_the_detail_says_when_references_and_status_disagree(seeded: EmulatorThread) -> None:
    add_model(seeded, "new-model", "gitea")
    at = open_sources(source="gitea")
    assert "Not yet in status.referencedBy: new-model" in text(at)
    assert "new-model" in link_labels(at)


def test_a_credential_in_config_is_hidden_in_the_detail(seeded: EmulatorThread) -> None:
    add_source(seeded, "plain", {"type": "HTTP", "config": {"Authorization": "Bearer abcdefghijklmnop", "Accept": "*"}})
    at = open_sources(source="plain")
    values = table(at, "sources.detail.config").set_index("Key")["Value"].to_dict()
    assert values["Accept"] == "*"
    assert "abcdefghijklmnop" not in values["Authorization"]
    assert "move them into the Secret" in text(at)


def test_an_unknown_source_says_so(seeded: EmulatorThread) -> None:
    at = open_sources(source="nope")
    assert "There is no ModelSource nope in ml-team." in text(at)


def test_back_returns_to_the_list(seeded: EmulatorThread) -> None:
    at = open_sources(source="gitea")
    assert at.button(key="sources.detail.back").label == "All ModelSources"  # as "All Models" on a Model's page
    click(at, "sources.detail.back")
    assert "source" not in at.query_params
    assert names(at)[0] == "artifactory"


# ------------------------------------------------------------------------------------------------
# Secret validation
# ------------------------------------------------------------------------------------------------


def test_a_present_secret_is_checked_on_load_with_key_names_and_time(seeded: EmulatorThread) -> None:
    at = open_sources(source="huggingface")
    page = text(at)
    assert "Secret hf-token exists and has 1 key: the controller's check passes." in page
    assert "Keys: `HF_TOKEN` (values are never shown)" in page
    assert "Checked 20" in page and "UTC (just now)" in page
    assert len(requests(seeded, "GET", "/api/v1/namespaces/ml-team/secrets/hf-token$")) == 1


def test_check_again_reads_the_secret_anew(seeded: EmulatorThread) -> None:
    at = open_sources(source="huggingface")
    at.run()  # a rerun keeps the check
    assert len(requests(seeded, "GET", "/secrets/hf-token$")) == 1
    click(at, "sources.detail.recheck")
    assert len(requests(seeded, "GET", "/secrets/hf-token$")) == 2


def test_a_check_older_than_a_minute_is_made_again(seeded: EmulatorThread) -> None:
    at = open_sources(source="huggingface")
    slot = f"sources.secret_check.{NS}/hf-token"
    kept = at.session_state[slot]
    at.session_state[slot] = dataclasses.replace(kept, checked_at=kept.checked_at - dt.timedelta(seconds=61))
    at.run()
    assert len(requests(seeded, "GET", "/secrets/hf-token$")) == 2
    assert "(just now)" in text(at)


def test_an_empty_secret_fails_the_check(seeded: EmulatorThread) -> None:
    add_secret(seeded, "empty", None)
    add_source(seeded, "blank", {"type": "S3", "secretRef": "empty"})
    at = open_sources(source="blank")
    assert "Secret empty exists but has no data keys" in text(at)


def test_a_missing_secret_fails_the_check(seeded: EmulatorThread) -> None:
    at = open_sources(source="minio-models")
    page = text(at)
    assert "Secret minio-credentials does not exist in ml-team" in page
    assert "SecretInvalid" in page  # the controller's verdict beside it


def test_a_secret_the_console_may_not_read_leaves_the_controllers_verdict(seeded: EmulatorThread) -> None:
    seeded.emulator.access.deny("get", "secrets", namespace=NS)
    at = open_sources(source="huggingface")
    page = text(at)
    assert "You may not read Secret hf-token in ml-team" in page
    assert "SecretValid" in page
    assert "its key names are unknown" in page


def test_a_public_source_needs_no_secret(seeded: EmulatorThread) -> None:
    at = open_sources(source="gitea")
    assert "No secretRef: a public source, no secret needed." in text(at)
    assert not requests(seeded, "GET", "/secrets/")


def test_a_secret_created_since_the_controller_looked_is_pointed_out(seeded: EmulatorThread) -> None:
    add_secret(seeded, "minio-credentials", {"AWS_ACCESS_KEY_ID": "eA==", "AWS_SECRET_ACCESS_KEY": "eQ=="})
    at = open_sources(source="minio-models")
    assert "The Secret passes the check now, but the controller last reported SecretInvalid" in text(at)


def test_rotate_secret_offers_a_command_with_the_key_names_only(seeded: EmulatorThread) -> None:
    at = open_sources(source="huggingface")
    (command,) = [c.value for c in at.code if "create secret generic" in c.value]
    assert "kubectl -n ml-team create secret generic hf-token" in command
    assert "--from-file=HF_TOKEN=<(printf '%s' \"$NEW_HF_TOKEN\")" in command
    assert '--dry-run=client -o yaml | kubectl -n ml-team "$verb" -f -' in command
    assert "kubectl apply" not in command
    assert "DEMO-SECRET-VALUE" not in command


# ------------------------------------------------------------------------------------------------
# Delete
# ------------------------------------------------------------------------------------------------


def test_deleting_a_referenced_source_is_refused_with_links_to_its_models(seeded: EmulatorThread) -> None:
    at = open_sources(source="huggingface", action="delete")
    page = text(at)
    assert "3 Models reference huggingface: delete them or point them at another source first." in page
    dialog_links = link_labels(at, under=at.main.root.children[2])  # the dialog
    assert dialog_links == ["llama-3-1-8b-instruct", "mistral-7b-finetune", "qwen2-5-7b-instruct"]
    with pytest.raises(KeyError):
        at.text_input(key="sources.delete.typed")
    assert not requests(seeded, "DELETE", ".")


def test_a_model_created_a_moment_ago_still_blocks_the_delete(seeded: EmulatorThread) -> None:
    at = open_sources(source="gitea", action="delete")
    assert at.text_input(key="sources.delete.typed")
    add_model(seeded, "late", "gitea")
    at.run()
    assert "1 Model references gitea" in text(at)


def test_an_unreferenced_source_is_deleted_once_its_name_is_typed(seeded: EmulatorThread) -> None:
    at = open_sources(source="gitea", action="delete")
    click(at, "sources.delete.button")  # nothing typed: refused
    assert not requests(seeded, "DELETE", ".")
    at.text_input(key="sources.delete.typed").input("gitea")
    click(at, "sources.delete.button")
    (request,) = requests(seeded, "DELETE", ".")
    assert request.path == f"{SOURCES}/gitea"
    assert "source" not in at.query_params
    assert "Deleted ModelSource gitea." in text(at)
    assert row(at, "gitea")["State"] == "deleting"  # the emulator runs no controller to drop the finalizer


def test_a_source_already_being_deleted_is_not_deleted_again(seeded: EmulatorThread) -> None:
    store = seeded.emulator.store
    store.delete(store.rtype("model.samzong.dev", "modelsources"), NS, "huggingface")
    at = open_sources(source="huggingface", action="delete")
    assert "Being deleted: deleting, held by 3 models" in text(at)
    store.delete(store.rtype("model.samzong.dev", "modelsources"), NS, "gitea")
    at = open_sources(source="gitea", action="delete")
    assert "ModelSource gitea is already being deleted" in text(at)
    assert len(requests(seeded, "DELETE", ".")) == 0


def test_cancel_closes_the_delete_dialog(seeded: EmulatorThread) -> None:
    at = click(open_sources(source="gitea", action="delete"), "sources.delete.cancel")
    assert "action" not in at.query_params
    with pytest.raises(KeyError):
        at.text_input(key="sources.delete.typed")


def test_a_refused_delete_says_why(seeded: EmulatorThread) -> None:
    seeded.emulator.inject("/modelsources/gitea$", method="DELETE", status=403, reason="Forbidden", message="no")
    at = open_sources(source="gitea", action="delete")
    at.text_input(key="sources.delete.typed").input("gitea")
    click(at, "sources.delete.button")
    assert "Deleting ModelSource gitea failed" in text(at)


def test_the_seed_is_not_changed_by_reading(seeded: EmulatorThread) -> None:
    before = copy.deepcopy(seeded.emulator.store.list(seeded.emulator.store.rtype("model.samzong.dev", "modelsources")))
    for source in ("huggingface", "minio-models", "gitea"):
        open_sources(source=source)
    assert not requests(seeded, "PATCH", ".") and not requests(seeded, "DELETE", ".")
    after = seeded.emulator.store.list(seeded.emulator.store.rtype("model.samzong.dev", "modelsources"))
    assert before == after


# ------------------------------------------------------------------------------------------------
# Links back to the list
# ------------------------------------------------------------------------------------------------


def _links_to_sources(at: AppTest, under: Any) -> list[dict[str, list[str]]]:
    """The query parameters of the links to the ModelSources page under the node ``under``."""
    links = of_kind(walk(under), "PageLink")
    return [parse_qs(n.proto.query_string) for n in links if n.proto.page == pages.SOURCES.url_path]


def test_links_to_the_list_carry_the_filters_of_the_session_and_links_to_a_source_do_not(
    seeded: EmulatorThread,
) -> None:
    at = open_sources()
    at.multiselect(key="sources.type").set_value(["S3", "GIT"]).run()
    at.multiselect(key="sources.credentials").set_value(["not ready"]).run()
    at.query_params["model"] = "whisper-large-v3"
    at.switch_page(pages.MODELS.script).run()
    assert not at.exception, at.exception
    assert _links_to_sources(at, at.sidebar) == [
        {"ns": [NS], "sources.type": ["S3", "GIT"], "sources.credentials": ["not ready"]}
    ]
    assert _links_to_sources(at, at.main) == [{"ns": [NS], "source": ["minio-models"]}]


def test_back_from_a_source_opens_the_list_with_its_filters_in_the_url(seeded: EmulatorThread) -> None:
    at = open_sources()
    at.multiselect(key="sources.type").set_value(["S3"]).run()
    select_row(at, "minio-models")
    assert at.title[0].value == "minio-models"
    click(at, "sources.detail.back")
    assert at.query_params["sources.type"] == "S3"
    assert names(at) == ["minio-models"]


def test_after_a_delete_the_list_opens_with_its_filters_in_the_url(seeded: EmulatorThread) -> None:
    at = open_sources()
    at.multiselect(key="sources.type").set_value(["GIT"]).run()
    select_row(at, "gitea")
    click(at, "sources.detail.delete")
    at.text_input(key="sources.delete.typed").input("gitea")
    click(at, "sources.delete.button")
    assert "Deleted ModelSource gitea." in text(at)
    assert dict(at.query_params) == {"ns": NS, "sources.type": "GIT"}
    assert names(at) == ["gitea"]  # being deleted: the finalizer holds it


def test_a_single_source_is_counted_in_the_singular(cluster: EmulatorThread, kubeconfig: object) -> None:
    add_namespace(cluster, NS)
    add_source(cluster, "hf", {"type": "HUGGING_FACE", "config": {"endpoint": "https://huggingface.co"}})
    at = open_sources()
    assert names(at) == ["hf"]
    assert "1 ModelSource." in text(at) and "1 ModelSources." not in text(at)
