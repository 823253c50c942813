"""Rows of the Models list: status and its reason, source types, filters and sort orders."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from modelfs_lib.domain.diagnosis import Finding, FindingKind, Severity
from modelfs_lib.domain.model_rows import (
    SOURCE_NOT_FOUND,
    SOURCE_UNREAD,
    ModelFilter,
    SortOrder,
    filter_rows,
    model_row,
    model_rows,
    sort_rows,
    source_type_options,
    status_reason,
    tag_options,
)
from modelfs_lib.domain.status import Phase
from modelfs_lib.resources import Dataset, Model


def model(
    name: str = "qwen3",
    versions: dict[str, str | None] | None = None,
    *,
    tags: tuple[str, ...] = (),
    source: str = "hf",
    synced_at: dict[str, str] | None = None,
    absent: tuple[str, ...] = (),
    generation: int | None = None,
    observed: int | None = None,
    conditions: list[dict[str, Any]] | None = None,
    deleting: bool = False,
) -> Model:
    """A Model whose versions have these synced phases (None: no syncedVersions entry)."""
    versions = {"fp16": "READY"} if versions is None else versions
    synced_at = synced_at or {}
    meta: dict[str, Any] = {"name": name, "namespace": "ml"}
    if generation is not None:
        meta["generation"] = generation
    if deleting:
        meta["deletionTimestamp"] = "2026-03-04T11:00:00Z"
    status: dict[str, Any] = {
        "syncedVersions": [
            {"name": v, "phase": p, **({"lastSyncTime": synced_at[v]} if v in synced_at else {})}
            for v, p in versions.items()
            if p is not None
        ]
    }
    if observed is not None:
        status["observedGeneration"] = observed
    if conditions:
        status["conditions"] = conditions
    return Model.from_dict(
        {
            "metadata": meta,
            "spec": {
                "sourceRef": source,
                "display": {"tags": list(tags)},
                "versions": [
                    {"name": v, "repo": "o/m", "state": "ABSENT" if v in absent else "PRESENT"} for v in versions
                ],
            },
            "status": status,
        }
    )


SOURCES = {"hf": "HUGGING_FACE", "minio": "S3"}


def test_the_status_is_the_worst_phase_whatever_the_case() -> None:
    row = model_row(model(versions={"a": "Ready", "b": "processing", "c": "PENDING"}), SOURCES)
    assert row.status is Phase.PROCESSING
    assert (row.ready, row.total, row.versions_text) == (1, 3, "1/3")


def test_failed_beats_every_other_phase() -> None:
    row = model_row(model(versions={"a": "PROCESSING", "b": "FAILED", "c": None}), SOURCES)
    assert row.status is Phase.FAILED
    assert row.status_reason == "Failed: mdl-qwen3-b"


def test_a_version_without_status_counts_as_unknown_and_is_named() -> None:
    m = model(versions={"fp16": "READY", "int4": None})
    assert model_row(m, SOURCES).status is Phase.UNKNOWN
    assert status_reason(m) == "No status yet: mdl-qwen3-int4"


def test_a_ready_model_names_all_its_datasets() -> None:
    assert status_reason(model(versions={"a": "READY", "b": "ready"})) == "All 2 Ready: mdl-qwen3-a, mdl-qwen3-b"
    assert status_reason(model(versions={"a": "READY"})) == "Ready: mdl-qwen3-a"


def test_absent_versions_do_not_count() -> None:
    row = model_row(model(versions={"a": "READY", "b": "FAILED"}, absent=("b",)), SOURCES)
    assert (row.status, row.versions_text) == (Phase.READY, "1/1")
    assert status_reason(model(versions={"a": None}, absent=("a",))) == "No PRESENT version: nothing to sync."


def test_the_last_sync_is_the_newest_over_the_versions() -> None:
    m = model(
        versions={"a": "READY", "b": "READY"},
        synced_at={"a": "2026-03-01T00:00:00Z", "b": "2026-03-02T10:00:00Z"},
    )
    assert model_row(m, SOURCES).last_sync == dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC)


def test_the_source_type_comes_from_the_referenced_model_source() -> None:
    assert model_row(model(source="minio"), SOURCES).source_type == "S3"
    assert model_row(model(source="gone"), SOURCES).source_type == SOURCE_NOT_FOUND
    assert model_row(model(source="hf"), None).source_type == SOURCE_UNREAD


def test_a_generation_behind_marks_the_row() -> None:
    assert model_row(model(generation=2, observed=1), SOURCES).generation_pending
    assert not model_row(model(generation=2, observed=2), SOURCES).generation_pending


def test_a_reconcile_error_and_a_deletion_mark_the_row() -> None:
    error = {"type": "ReconcileError", "status": "False", "reason": "ModelSourceNotFound", "message": "gone"}
    row = model_row(model(conditions=[error], deleting=True), SOURCES)
    assert row.reconcile_reason == "ModelSourceNotFound"
    assert row.deleting


def rows() -> list[Any]:
    return model_rows(
        [
            model("qwen3", {"a": "READY"}, tags=("chat", "qwen"), synced_at={"a": "2026-03-02T00:00:00Z"}),
            model("llama", {"a": "FAILED"}, tags=("chat",), synced_at={"a": "2026-03-03T00:00:00Z"}),
            model("whisper", {"a": "PENDING"}, tags=("speech",), source="minio"),
            model("bge", {"a": "READY"}, tags=("embedding",), source="gone", synced_at={"a": "2026-03-01T00:00:00Z"}),
        ],
        SOURCES,
    )


def names(selected: list[Any]) -> list[str]:
    return [row.name for row in selected]


def test_rows_come_sorted_by_name() -> None:
    assert names(rows()) == ["bge", "llama", "qwen3", "whisper"]


@pytest.mark.parametrize(
    ("model_filter", "expected"),
    [
        (ModelFilter(), ["bge", "llama", "qwen3", "whisper"]),
        (ModelFilter(tags=frozenset({"chat"})), ["llama", "qwen3"]),
        (ModelFilter(tags=frozenset({"speech", "embedding"})), ["bge", "whisper"]),
        (ModelFilter(phases=frozenset({Phase.READY})), ["bge", "qwen3"]),
        (ModelFilter(source_types=frozenset({"S3", SOURCE_NOT_FOUND})), ["bge", "whisper"]),
        (ModelFilter(text="  WEN "), ["qwen3"]),
        (ModelFilter(tags=frozenset({"chat"}), phases=frozenset({Phase.READY})), ["qwen3"]),
        (ModelFilter(tags=frozenset({"chat"}), source_types=frozenset({"S3"})), []),
        (ModelFilter(phases=frozenset({Phase.READY, Phase.FAILED}), text="l"), ["llama"]),
    ],
)
def test_filters_combine(model_filter: ModelFilter, expected: list[str]) -> None:
    assert names(filter_rows(rows(), model_filter)) == expected


def test_a_filter_is_active_only_when_something_is_chosen() -> None:
    assert not ModelFilter(text="   ").active
    assert ModelFilter(tags=frozenset({"chat"})).active


def test_filter_options_keep_what_is_selected_even_when_no_row_has_it() -> None:
    assert tag_options(rows(), ["retired"]) == ["chat", "embedding", "qwen", "retired", "speech"]
    assert source_type_options(rows()) == ["HUGGING_FACE", "S3", SOURCE_NOT_FOUND]


def test_sort_by_status_puts_the_worst_first_then_by_name() -> None:
    assert names(sort_rows(rows(), SortOrder.STATUS)) == ["llama", "whisper", "bge", "qwen3"]


def test_sort_by_last_sync_puts_the_newest_first_and_the_never_synced_last() -> None:
    assert names(sort_rows(rows(), SortOrder.LAST_SYNC)) == ["llama", "qwen3", "bge", "whisper"]


def reset_dataset(name: str = "mdl-qwen3-fp16") -> Dataset:
    return Dataset.from_dict(
        {
            "metadata": {"name": name, "namespace": "ml"},
            "spec": {"source": {"type": "HUGGING_FACE", "uri": "huggingface://q/q"}, "dataSyncRound": 1},
            "status": {"phase": "FAILED", "lastSucceedRound": 3, "syncRoundStatuses": [{"round": 3, "succeed": True}]},
        }
    )


def test_a_counter_reset_version_counts_as_synced_with_a_note() -> None:
    m = model(versions={"fp16": "FAILED", "int4": "READY"})
    plain = model_row(m, {"hf": "HUGGING_FACE"})
    assert (plain.status, plain.ready, plain.counter_reset) == (Phase.FAILED, 1, ())
    row = model_row(m, {"hf": "HUGGING_FACE"}, {"mdl-qwen3-fp16": reset_dataset()})
    assert (row.status, row.ready, row.total, row.counter_reset) == (Phase.READY, 2, 2, ("fp16",))
    assert "Failed" not in status_reason(m, {"mdl-qwen3-fp16": reset_dataset()})


def test_the_row_carries_the_most_severe_finding_and_the_whole_failure_reason() -> None:
    note = Finding(FindingKind.UNSTABLE_HASH, Severity.INFO, "hash", "d", (), "a")
    warn = Finding(FindingKind.DEFAULT_STORAGE, Severity.WARNING, "100Ti", "d", (), "a")
    error = Finding(FindingKind.SYNC_FAILED, Severity.ERROR, "Version fp16 failed to sync", "x" * 500, (), "a")
    row = model_row(model(), None, findings=[note, warn, error])
    assert (row.finding, row.finding_severity) == ("Version fp16 failed to sync", "error")
    assert row.failure_reason == "Version fp16 failed to sync: " + "x" * 500
    quiet = model_row(model(), None, findings=[note, warn])
    assert (quiet.finding, quiet.failure_reason) == ("100Ti", "")
    assert model_row(model(), None, findings=[note]).finding == ""
