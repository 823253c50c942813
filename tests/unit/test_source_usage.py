"""Who uses a ModelSource, whether it may be deleted, filters, and how its config reads."""

from __future__ import annotations

from typing import Any

import pytest

from modelfs_lib.domain.source_usage import (
    HIDDEN_VALUE,
    config_entries,
    delete_blocker,
    is_deleting,
    matches_filters,
    references,
    usage_text,
)
from modelfs_lib.domain.status import Readiness
from modelfs_lib.resources import Model, ModelSource


def source(
    name: str = "hf", *, referenced_by: list[str] | None = None, deleting: bool = False, **spec: Any
) -> ModelSource:
    meta: dict[str, Any] = {"name": name, "namespace": "ml-team"}
    if deleting:
        meta["deletionTimestamp"] = "2026-01-02T03:04:05Z"
    status: dict[str, Any] = {"referencedBy": referenced_by or []}
    if "ready" in spec:
        ready = spec.pop("ready")
        status["conditions"] = [
            {
                "type": "CredentialsReady",
                "status": ready,
                "reason": "SecretValid" if ready == "True" else "SecretInvalid",
                "message": "",
                "lastTransitionTime": "2026-01-01T00:00:00Z",
            }
        ]
    return ModelSource.from_dict({"metadata": meta, "spec": {"type": "HUGGING_FACE", **spec}, "status": status})


def model(name: str, source_ref: str = "hf") -> Model:
    return Model.from_dict(
        {
            "metadata": {"name": name, "namespace": "ml-team"},
            "spec": {"sourceRef": source_ref, "versions": [{"name": "v1", "repo": "a/b"}]},
        }
    )


def test_references_that_agree_show_the_recorded_count() -> None:
    refs = references(source(referenced_by=["ml-team/qwen"]), [model("qwen"), model("other", "s3")])
    assert refs.models == ("qwen",)
    assert refs.consistent
    assert refs.count_text() == "1"
    assert refs.mismatch_notes() == []


def test_a_model_the_status_does_not_record_yet_is_a_shown_mismatch() -> None:
    refs = references(source(referenced_by=["ml-team/qwen"]), [model("qwen"), model("llama")])
    assert refs.unrecorded == ("llama",)
    assert refs.models == ("llama", "qwen")
    assert refs.count_text() == "1 (2 listed)"
    assert "Not yet in status.referencedBy: llama" in refs.mismatch_notes()[0]


def test_a_recorded_model_that_no_longer_uses_the_source_is_stale() -> None:
    refs = references(source(referenced_by=["ml-team/gone", "ml-team/qwen"]), [model("qwen")])
    assert refs.stale == ("gone",)
    assert refs.count_text() == "2 (1 listed)"
    assert "gone" in refs.mismatch_notes()[0]


def test_a_recorded_model_of_another_namespace_is_flagged() -> None:
    refs = references(source(referenced_by=["other/qwen"]), [])
    assert refs.foreign == ("other/qwen",)
    assert not refs.consistent
    assert "other namespaces" in refs.mismatch_notes()[0]


def test_without_a_model_listing_only_the_record_is_known() -> None:
    refs = references(source(referenced_by=["ml-team/qwen"]), None)
    assert refs.models == ("qwen",)
    assert refs.count_text() == "1 (Models not listed)"
    assert not refs.consistent


@pytest.mark.parametrize(
    ("deleting", "recorded", "listed", "expected"),
    [
        (False, [], [], "unused"),
        (False, ["ml-team/a"], [model("a")], "in use"),
        (True, ["ml-team/a"], [model("a"), model("b")], "deleting, held by 2 models"),
        (True, ["ml-team/a"], [model("a")], "deleting, held by 1 model"),
        (True, [], [], "deleting"),
    ],
)
def test_the_state_cell(deleting: bool, recorded: list[str], listed: list[Model], expected: str) -> None:
    src = source(referenced_by=recorded, deleting=deleting)
    assert is_deleting(src) is deleting
    assert usage_text(src, references(src, listed)) == expected


def test_a_referenced_source_may_not_be_deleted() -> None:
    src = source(referenced_by=["ml-team/a"])
    blocker = delete_blocker(src, references(src, [model("a"), model("b")]))
    assert blocker is not None and blocker.startswith("2 Models reference hf")


def test_a_model_the_status_misses_still_blocks_the_delete() -> None:
    src = source()
    assert delete_blocker(src, references(src, [model("new")])) is not None


def test_an_unreferenced_source_may_be_deleted() -> None:
    src = source()
    assert delete_blocker(src, references(src, [])) is None


def test_a_source_already_being_deleted_is_not_deleted_again() -> None:
    src = source(deleting=True)
    blocker = delete_blocker(src, references(src, []))
    assert blocker is not None and "already being deleted" in blocker


def test_filters_by_type_and_credentials_state() -> None:
    ready, broken, unknown = source(ready="True"), source(ready="False"), source()
    assert matches_filters(ready, types=(), states=())
    assert matches_filters(ready, types=("HUGGING_FACE",), states=(Readiness.READY,))
    assert not matches_filters(ready, types=("S3",), states=())
    assert not matches_filters(broken, types=(), states=(Readiness.READY,))
    assert matches_filters(unknown, types=(), states=(Readiness.UNKNOWN, Readiness.NOT_READY))


def test_config_entries_say_what_the_loader_does_and_hide_credentials() -> None:
    entries = config_entries(
        "S3", {"region": "us-east-1", "uri": "s3://b", "colour": "blue", "accessKey": "AKIAIOSFODNN7EXAMPLE"}
    )
    by_key = {e.key: e for e in entries}
    assert [e.key for e in entries] == ["accessKey", "colour", "region", "uri"]
    assert by_key["region"].note == "read by the S3 loader"
    assert by_key["colour"].note == "not read by the S3 loader"
    assert by_key["uri"].note == "overrides the URI the controller builds"
    assert by_key["accessKey"].value == HIDDEN_VALUE and by_key["accessKey"].hidden
    assert config_entries("HTTP", {"Accept": "x"})[0].note == "sent as an HTTP request header"
    assert config_entries("HTTP", {"X-Auth": "Bearer abcdefghijkl"})[0].value == HIDDEN_VALUE
