"""Editing a ModelSource's type or uri inputs: the Model versions it would stall, listed before apply, and
an apply that waits for an explicit acknowledgement."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from modelfs_lib.demo.runner import EmulatorThread
from tests.helpers.sources import NS, W, add_row, applies, click, open_sources, table, text

STALLED = [
    ("llama-3-1-8b-instruct", "base", "mdl-llama-3-1-8b-instruct-base"),
    ("llama-3-1-8b-instruct", "instruct", "mdl-llama-3-1-8b-instruct-instruct"),
    ("mistral-7b-finetune", "v1", "mdl-mistral-7b-finetune-v1"),
    ("mistral-7b-finetune", "v2", "mdl-mistral-7b-finetune-v2"),
    ("qwen2-5-7b-instruct", "fp16", "mdl-qwen2-5-7b-instruct-fp16"),
    ("qwen2-5-7b-instruct", "int4", "mdl-qwen2-5-7b-instruct-int4"),
    ("qwen2-5-7b-instruct", "awq", "mdl-qwen2-5-7b-instruct-awq"),
]
"""The huggingface versions of ml-team that have a Dataset in the demo content."""


def with_uri_override(seeded: EmulatorThread) -> AppTest:
    at = open_sources(source="huggingface", action="edit")
    add_row(at, "uri", "s3://models/all")
    assert not at.exception, at.exception
    return at


def rows(at: AppTest, key: str) -> list[tuple[str, str, str]]:
    frame = table(at, key)
    return list(zip(frame["Model"], frame["Version"], frame["Dataset"], strict=True))


def test_a_uri_input_change_lists_every_version_it_would_stall_in_the_form(seeded: EmulatorThread) -> None:
    at = with_uri_override(seeded)
    assert rows(at, f"{W}.stall.form") == STALLED
    frame = table(at, f"{W}.stall.form")
    first = frame.iloc[4].to_dict()
    assert first["Has"] == "HUGGING_FACE huggingface://Qwen/Qwen2.5-7B-Instruct"
    assert first["Would need"] == "HUGGING_FACE s3://models/all"
    page = text(at)
    assert "A Dataset's type and uri are immutable" in page
    assert "later versions of those Models stop reconciling" in page
    assert "Prefer creating a new ModelSource and new versions" in page


def test_apply_waits_for_the_acknowledgement_then_applies(seeded: EmulatorThread) -> None:
    at = with_uri_override(seeded)
    click(at, f"{W}.review")
    assert rows(at, f"{W}.stall.review") == STALLED
    assert at.button(key="sources.review.apply").disabled
    assert "Tick the acknowledgement above to apply" in text(at)
    assert not applies(seeded, "huggingface")

    (ack,) = [c for c in at.checkbox if str(c.key).startswith(f"{W}.stall_ack.")]
    ack.check().run()
    assert not at.button(key="sources.review.apply").disabled
    click(at, "sources.review.apply")
    (request,) = applies(seeded, "huggingface")
    assert request.body["spec"]["config"]["uri"] == "s3://models/all"
    assert not [k for k in at.session_state if str(k).startswith(f"{W}.stall_ack.")]


def test_an_edit_that_does_not_touch_uri_inputs_needs_no_acknowledgement(seeded: EmulatorThread) -> None:
    at = open_sources(source="huggingface", action="edit")
    add_row(at, "exclude", "*.bin")
    click(at, f"{W}.review")
    assert "immutable" not in text(at)
    assert not [c for c in at.checkbox if str(c.key).startswith(f"{W}.stall_ack.")]
    assert not at.button(key="sources.review.apply").disabled
    click(at, "sources.review.apply")
    (request,) = applies(seeded, "huggingface")
    assert request.body["spec"]["config"]["exclude"] == "*.bin"


def test_when_datasets_cannot_be_listed_the_check_says_it_could_not_be_done(seeded: EmulatorThread) -> None:
    seeded.emulator.access.deny("list", "datasets", group="dataset.baizeai.io", namespace=NS)
    at = with_uri_override(seeded)
    page = text(at)
    assert "**The check could not be done:** you may not list Datasets in ml-team" in page
    assert "the versions listed come from the Models' status only" in page
    click(at, f"{W}.review")
    assert at.button(key="sources.review.apply").disabled
