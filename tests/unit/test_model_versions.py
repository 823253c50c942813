"""A Model's versions on its detail page: table rows, sync rounds, the current round, kubectl snippets."""

from __future__ import annotations

import datetime as dt
from typing import Any

from modelfs_lib.domain.kubectl import kubectl_snippets
from modelfs_lib.domain.model_versions import (
    current_round,
    round_rows,
    version_rows,
)
from modelfs_lib.domain.status import Phase
from modelfs_lib.resources import Dataset, Model, PersistentVolumeClaim

NOW = dt.datetime(2026, 3, 4, 12, 0, 0, tzinfo=dt.UTC)

MODEL = Model.from_dict(
    {
        "metadata": {"name": "qwen3", "namespace": "ml"},
        "spec": {
            "sourceRef": "hf",
            "versions": [
                {
                    "name": "fp16",
                    "repo": "Qwen/Qwen3",
                    "precision": "FP16",
                    "storage": {"resources": {"requests": {"storage": "20Gi"}}},
                    "share": {"enabled": True},
                },
                {"name": "int4", "repo": "Qwen/Qwen3-Int4", "revision": "v2", "state": "absent"},
            ],
        },
        "status": {
            "syncedVersions": [
                {
                    "name": "fp16",
                    "phase": "Processing",
                    "pvcName": "dataset-mdl-qwen3-fp16",
                    "observedState": "PRESENT",
                    "observedStorage": "16Gi",
                    "observedVersionHash": "1a2b3c4d",
                },
                {"name": "int4", "phase": "", "observedState": "ABSENT"},
            ]
        },
    }
)


def dataset(name: str = "mdl-qwen3-fp16", **status: Any) -> Dataset:
    spec = {"source": {"type": "HUGGING_FACE", "uri": "huggingface://Qwen/Qwen3"}}
    spec.update(status.pop("spec", {}))
    return Dataset.from_dict({"metadata": {"name": name, "namespace": "ml"}, "spec": spec, "status": status})


def test_a_version_row_shows_spec_and_observed_side_by_side() -> None:
    pvc = PersistentVolumeClaim.from_dict(
        {"metadata": {"name": "dataset-mdl-qwen3-fp16"}, "status": {"phase": "Bound"}}
    )
    ds = dataset(phase="READY", pvcName="dataset-mdl-qwen3-fp16")
    fp16, int4 = version_rows(MODEL, {ds.name: ds}, {pvc.name: pvc})
    assert fp16.repo_revision == "Qwen/Qwen3@main"
    assert (fp16.precision, fp16.storage_requested, fp16.storage_observed) == ("FP16", "20Gi", "16Gi")
    assert (fp16.desired_state, fp16.observed_state, fp16.share) == ("PRESENT", "PRESENT", True)
    assert (fp16.dataset, fp16.dataset_phase) == ("mdl-qwen3-fp16", Phase.READY)
    assert (fp16.pvc, fp16.pvc_phase, fp16.observed_hash) == ("dataset-mdl-qwen3-fp16", "Bound", "1a2b3c4d")
    assert int4.repo_revision == "Qwen/Qwen3-Int4@v2"
    assert (int4.desired_state, int4.observed_state, int4.dataset_phase) == ("ABSENT", "ABSENT", None)
    assert int4.storage_requested == "100Ti (default)"
    assert not int4.share


def test_without_the_datasets_the_phase_comes_from_the_model_status() -> None:
    fp16, int4 = version_rows(MODEL, None)
    assert fp16.dataset_phase is Phase.PROCESSING
    assert int4.dataset_phase is None
    assert fp16.pvc == "dataset-mdl-qwen3-fp16"
    assert fp16.pvc_phase == ""


ROUNDS = [
    {
        "round": 1,
        "jobName": "dataset-mdl-qwen3-fp16-round-1",
        "startTime": "2026-03-04T10:00:00Z",
        "endTime": "2026-03-04T10:08:12Z",
        "succeed": True,
    },
    {"round": 2, "jobName": "dataset-mdl-qwen3-fp16-round-2", "startTime": "2026-03-04T11:55:00Z"},
]


def test_rounds_are_listed_newest_first_with_the_running_one_timed_so_far() -> None:
    ds = dataset(inProcessing=True, inProcessingRound=2, syncRoundStatuses=ROUNDS, spec={"dataSyncRound": 2})
    running, done = round_rows(ds, NOW)
    assert (running.round, running.running, running.succeeded) == (2, True, None)
    assert running.elapsed == dt.timedelta(minutes=5)
    assert (done.round, done.running, done.succeeded) == (1, False, True)
    assert done.elapsed == dt.timedelta(minutes=8, seconds=12)
    assert done.job == "dataset-mdl-qwen3-fp16-round-1"


def test_a_failed_round_is_not_running() -> None:
    failed = {**ROUNDS[0], "succeed": False}
    [row] = round_rows(dataset(syncRoundStatuses=[failed]), NOW)
    assert (row.running, row.succeeded) == (False, False)


def test_a_round_without_a_job_name_gets_the_conventional_one() -> None:
    [row] = round_rows(dataset(syncRoundStatuses=[{"round": 3, "startTime": "2026-03-04T11:00:00Z"}]), NOW)
    assert row.job == "dataset-mdl-qwen3-fp16-round-3"


def test_the_current_round_is_the_running_one_else_the_newest_recorded() -> None:
    assert current_round(dataset(inProcessing=True, inProcessingRound=2, syncRoundStatuses=ROUNDS)) == 2
    assert current_round(dataset(syncRoundStatuses=ROUNDS[:1])) == 1
    assert current_round(dataset(lastSucceedRound=4)) == 4
    assert current_round(dataset(spec={"dataSyncRound": 3})) == 3


def test_kubectl_snippets_get_the_dataset_and_pvc_and_follow_the_round_job() -> None:
    snippets = dict(kubectl_snippets("ml", "mdl-qwen3-fp16", "dataset-mdl-qwen3-fp16", 2))
    assert snippets["Get the Dataset"] == "kubectl -n ml get dataset mdl-qwen3-fp16 -o wide"
    assert snippets["Get the PVC"] == "kubectl -n ml get pvc dataset-mdl-qwen3-fp16"
    assert snippets["Logs of round 2"] == "kubectl -n ml logs job/dataset-mdl-qwen3-fp16-round-2"


def test_without_a_pvc_or_a_round_those_snippets_are_left_out() -> None:
    labels = [label for label, _ in kubectl_snippets("ml", "mdl-qwen3-fp16", "", None)]
    assert labels == ["Get the Dataset", "Its status", "Its events"]


def test_no_snippet_prints_the_dataset_spec_where_secret_values_live() -> None:
    for _, command in kubectl_snippets("ml", "mdl-qwen3-fp16", "dataset-mdl-qwen3-fp16", 2):
        assert "-o yaml" not in command
        assert "-o json " not in command and not command.endswith("-o json")
        assert "describe dataset" not in command


def test_a_counter_reset_version_reads_ready_with_a_note() -> None:
    m = Model.from_dict(
        {
            "metadata": {"name": "m", "namespace": "ml"},
            "spec": {"sourceRef": "hf", "versions": [{"name": "v1", "repo": "a/b"}]},
            "status": {"syncedVersions": [{"name": "v1", "phase": "FAILED"}]},
        }
    )
    ds = Dataset.from_dict(
        {
            "metadata": {"name": "mdl-m-v1", "namespace": "ml"},
            "spec": {"source": {"type": "HUGGING_FACE", "uri": "huggingface://a/b"}, "dataSyncRound": 1},
            "status": {"phase": "FAILED", "lastSucceedRound": 2},
        }
    )
    [row] = version_rows(m, {ds.name: ds})
    assert row.dataset_phase is Phase.READY and "round 2" in row.note
    failed = Dataset.from_dict({**ds.to_dict(), "status": {"phase": "FAILED", "lastSucceedRound": 1}})
    [plain] = version_rows(m, {ds.name: failed})
    assert (plain.dataset_phase, plain.note) == (Phase.FAILED, "")
