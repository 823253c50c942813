"""The Model wizard against the emulator: a live version's immutable Dataset uri (refusal and "Add as a new
version"), composed name lengths, and the default-storage warning."""

from __future__ import annotations

import copy

import pytest

from modelfs_lib.demo.runner import EmulatorThread
from tests.helpers.cluster import add_object, writes
from tests.helpers.page import box_text
from tests.helpers.wizard import EDITABLE, NS, applies, click, fill_basics, key, open_wizard, page_text

M = "tiny-llm"


def test_changing_the_repo_of_a_live_version_is_refused_next_to_the_repo(editable: EmulatorThread) -> None:
    at = open_wizard("edit", M)
    click(at, key(M, "next"))
    at.text_input(key=key(M, "v0.repo")).input("acme/tiny-llm-v2").run()
    message = box_text(at, key(M, "v0.repo"))
    assert "version 'fp16' has a Dataset (mdl-tiny-llm-fp16)" in message
    assert "'HUGGING_FACE huggingface://acme/tiny-llm' to 'HUGGING_FACE huggingface://acme/tiny-llm-v2'" in message
    assert "A Dataset's uri is immutable" in message
    assert "later versions, status and sharing stall with no condition" in message
    assert "Roll out new weights as a new version" in message
    click(at, key(M, "next"))
    assert at.text_input(key=key(M, "v0.repo"))  # still on step 2
    assert not writes(editable)


def test_changing_the_revision_of_a_live_version_is_refused_next_to_the_revision(editable: EmulatorThread) -> None:
    at = open_wizard("edit", M)
    click(at, key(M, "next"))
    at.text_input(key=key(M, "v0.revision")).input("v2").run()
    assert "huggingface://acme/tiny-llm@v2" in box_text(at, key(M, "v0.revision"))
    assert "immutable" not in box_text(at, key(M, "v0.repo"))
    assert not writes(editable)


def test_add_as_a_new_version_keeps_the_live_version_and_applies_a_new_one(editable: EmulatorThread) -> None:
    at = open_wizard("edit", M)
    click(at, key(M, "next"))
    at.text_input(key=key(M, "v0.repo")).input("acme/tiny-llm-v2").run()
    click(at, key(M, "v0.as_new"))
    assert at.text_input(key=key(M, "v0.repo")).value == "acme/tiny-llm"
    assert at.text_input(key=key(M, "v1.name")).value == "fp16-2"
    assert at.text_input(key=key(M, "v1.repo")).value == "acme/tiny-llm-v2"
    assert "immutable" not in page_text(at)
    click(at, key(M, "next"))
    click(at, key(M, "review.apply"))

    (request,) = applies(editable, M)
    live, new = request.body["spec"]["versions"]
    assert live == EDITABLE["spec"]["versions"][0]
    assert new == {
        "name": "fp16-2",
        "repo": "acme/tiny-llm-v2",
        "revision": "main",
        "precision": "FP16",
        "metadata": {"quantizer": "none", "owner": "ml"},
        "storage": {
            "accessModes": ["ReadWriteMany"],
            "resources": {"requests": {"storage": "4Gi"}, "limits": {"storage": "8Gi"}},
            "storageClassName": "nfs-client",
        },
        "state": "PRESENT",
    }


def test_switching_the_source_of_a_model_with_live_versions_is_refused_at_the_source(
    editable: EmulatorThread,
) -> None:
    at = open_wizard("edit", M)
    at.selectbox(key=key(M, "source")).select("modelscope").run()
    message = box_text(at, key(M, "source"))
    assert "the ModelSource change would change its source from 'HUGGING_FACE huggingface://acme/tiny-llm'" in message
    assert "to 'MODEL_SCOPE modelscope://acme/tiny-llm'" in message
    click(at, key(M, "next"))
    assert at.selectbox(key=key(M, "source"))  # still on step 1
    assert not writes(editable)


def test_a_model_without_a_dataset_may_still_change_repo_and_source(seeded: EmulatorThread) -> None:
    fresh = copy.deepcopy(EDITABLE)
    del fresh["status"]
    add_object(seeded, fresh, namespace=NS)
    at = open_wizard("edit", M)
    at.selectbox(key=key(M, "source")).select("modelscope").run()
    click(at, key(M, "next"))
    at.text_input(key=key(M, "v0.repo")).input("acme/tiny-llm-v2").run()
    assert "immutable" not in page_text(at)
    click(at, key(M, "next"))
    assert "Valid against the Model CRD schema" in page_text(at)


def test_edit_yaml_lists_each_refused_version_and_field_and_blocks_review(editable: EmulatorThread) -> None:
    at = open_wizard("edit-yaml", M)
    editor = at.text_area(key=key(M, "yaml"))
    editor.input(editor.value.replace("repo: acme/tiny-llm", "repo: acme/tiny-llm-v2")).run()
    message = box_text(at, key(M, "yaml"))
    assert "'fp16' (repo: 'HUGGING_FACE huggingface://acme/tiny-llm' -> " in message
    assert "A Dataset's uri is immutable" in message
    assert at.button(key=key(M, "next")).disabled
    assert not writes(editable)


# ------------------------------------------------------------------------------------------------
# Names and storage
# ------------------------------------------------------------------------------------------------


def test_a_version_name_whose_sync_job_name_is_too_long_is_shown_under_the_name(seeded: EmulatorThread) -> None:
    model = "m" * 30
    at = open_wizard("create")
    fill_basics(at, name=model)
    click(at, key(None, "next"))
    at.text_input(key=key(None, "v0.name")).input("v" * 11)
    at.text_input(key=key(None, "v0.repo")).input("Qwen/Qwen2.5-0.5B-Instruct")
    at.text_input(key=key(None, "v0.size")).input("2Gi").run()
    click(at, key(None, "next"))
    job = f"dataset-mdl-{model}-{'v' * 11}-round-999"
    message = box_text(at, key(None, "v0.name"))
    assert f"the sync Job name {job!r}" in message
    assert "would have 64 characters, over the limit of 63" in message
    assert "shorten the version name to at most 10 characters, e.g. 'vvvvvvvvvv'" in message
    assert not writes(seeded)


def test_a_model_name_too_long_for_any_version_is_shown_under_the_name(seeded: EmulatorThread) -> None:
    at = open_wizard("create")
    fill_basics(at, name="m" * 40)
    click(at, key(None, "next"))
    message = box_text(at, key(None, "name"))
    assert "too long for any version" in message and "Use at most 39 characters" in message
    assert not writes(seeded)


@pytest.mark.parametrize("size", ["", "2Gi"])
def test_a_version_without_a_size_warns_about_100ti_but_may_be_applied(seeded: EmulatorThread, size: str) -> None:
    at = open_wizard("create")
    fill_basics(at)
    click(at, key(None, "next"))
    at.text_input(key=key(None, "v0.name")).input("fp16")
    at.text_input(key=key(None, "v0.repo")).input("Qwen/Qwen2.5-0.5B-Instruct")
    at.text_input(key=key(None, "v0.size")).input(size).run()
    warning = "the controller will silently ask for 100Ti (ReadWriteMany)"
    assert (warning in box_text(at, key(None, "v0.size"))) == (not size)
    click(at, key(None, "next"))
    assert "Valid against the Model CRD schema" in page_text(at)  # a warning does not block
    assert (warning in page_text(at)) == (not size)
