"""Dataset: parsing, manifests, and never keeping option values (they can be credentials)."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest
import yaml

from modelfs_lib.resources import Dataset, LabelSelector, VolumeClaimSummary

DATA = Path(__file__).resolve().parents[1] / "data"
TOKEN = "hf_s3cr3t-T0KEN-value"


def controller_dataset() -> dict[str, Any]:
    """A Dataset as the modelfs controller writes it, with a Secret key merged into options."""
    data: dict[str, Any] = yaml.safe_load((DATA / "dataset-mdl-qwen3-fp16.yaml").read_text())
    return data


def test_a_dataset_keeps_option_key_names_only() -> None:
    dataset = Dataset.from_dict(controller_dataset())
    assert dataset.invalid is None
    assert dataset.option_keys == ("endpoint", "token")


def test_a_secret_value_in_options_never_reaches_repr_or_pickle() -> None:
    dataset = Dataset.from_dict(controller_dataset())
    assert TOKEN not in repr(dataset)
    assert TOKEN.encode() not in pickle.dumps(dataset)


def test_the_last_applied_annotation_is_dropped_because_it_repeats_the_options() -> None:
    dataset = Dataset.from_dict(controller_dataset())
    assert dataset.meta.annotations == {"note": "kept"}


def test_a_malformed_option_value_is_reported_without_its_value() -> None:
    data = controller_dataset()
    data["spec"]["source"]["options"]["pin"] = 987654321
    dataset = Dataset.from_dict(data)
    assert dataset.invalid is not None and "spec.source.options.pin" in dataset.invalid
    assert "987654321" not in dataset.invalid
    assert TOKEN not in repr(dataset) and TOKEN.encode() not in pickle.dumps(dataset)


def test_a_dataset_reads_spec_and_status() -> None:
    dataset = Dataset.from_dict(controller_dataset())
    assert (dataset.source_type, dataset.source_uri, dataset.secret_ref) == (
        "HUGGING_FACE",
        "huggingface://qwen/Qwen2.5-0.5B",
        "hf-token",
    )
    assert dataset.data_sync_round == 3
    assert dataset.volume_claim == VolumeClaimSummary(("ReadWriteOnce",), "12Gi", "local-path")
    assert (dataset.phase, dataset.in_processing, dataset.in_processing_round, dataset.last_succeed_round) == (
        "PROCESSING",
        True,
        3,
        2,
    )
    assert dataset.pvc_name == "dataset-mdl-qwen3-fp16"
    assert dataset.conditions[0].reason == "Syncing"
    assert dataset.meta.owner_references[0].controller


def test_a_round_still_running_has_no_end_and_no_verdict() -> None:
    finished, running = Dataset.from_dict(controller_dataset()).sync_round_statuses
    assert finished.succeed is True and finished.end_time is not None
    assert (running.round, running.succeed, running.end_time) == (3, None, None)


def test_data_sync_round_defaults_to_one() -> None:
    data = controller_dataset()
    del data["spec"]["dataSyncRound"]
    assert Dataset.from_dict(data).data_sync_round == 1


def test_the_job_of_a_round_is_dataset_name_round_n() -> None:
    assert Dataset.from_dict(controller_dataset()).job_name(3) == "dataset-mdl-qwen3-fp16-round-3"


def test_a_reference_dataset_names_its_target() -> None:
    data = {
        "metadata": {"name": "share-ml-qwen3-fp16", "namespace": "team-a"},
        "spec": {"source": {"type": "REFERENCE", "uri": "dataset://ml/mdl-qwen3-fp16"}, "share": True},
    }
    dataset = Dataset.from_dict(data)
    assert dataset.is_reference
    assert dataset.reference_target == ("ml", "mdl-qwen3-fp16")


@pytest.mark.parametrize("uri", ["huggingface://qwen/x", "dataset://ml", "dataset:///name", ""])
def test_a_uri_that_is_not_dataset_ns_name_has_no_target(uri: str) -> None:
    data = {"metadata": {"name": "d"}, "spec": {"source": {"type": "REFERENCE", "uri": uri}}}
    assert Dataset.from_dict(data).reference_target is None


def test_a_dataset_manifest_has_no_options_and_no_status() -> None:
    manifest = Dataset.from_dict(controller_dataset()).to_dict()
    assert "status" not in manifest
    assert manifest["spec"]["source"] == {"type": "HUGGING_FACE", "uri": "huggingface://qwen/Qwen2.5-0.5B"}
    assert TOKEN not in json.dumps(manifest)


def test_a_dataset_without_options_round_trips() -> None:
    data = controller_dataset()
    del data["spec"]["source"]["options"], data["status"]
    data["metadata"] = {"name": "mdl-qwen3-fp16", "namespace": "ml", "labels": {"app": "modelfs"}}
    data["spec"]["share"] = True
    data["spec"]["shareToNamespaceSelector"] = {"matchLabels": {"team": "ml"}}
    data["spec"]["volumeClaimTemplate"].pop("metadata")
    dataset = Dataset.from_dict(data)
    assert dataset.share_selector == LabelSelector(match_labels={"team": "ml"})
    assert dataset.to_dict() == data
    assert Dataset.from_dict(dataset.to_dict()) == dataset


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: d["spec"].update(source="huggingface://x"), "spec.source should be an object"),
        (lambda d: d["spec"]["source"].pop("type"), "spec.source.type is missing"),
        (lambda d: d["spec"].update(dataSyncRound="2"), "spec.dataSyncRound should be an integer"),
        (lambda d: d["status"].update(inProcessing="yes"), "status.inProcessing should be true or false"),
        (lambda d: d["status"]["syncRoundStatuses"][0].update(succeed=1), "succeed should be true or false"),
        (lambda d: d["spec"]["volumeClaimTemplate"].update(spec=[]), "volumeClaimTemplate.spec should be an object"),
    ],
)
def test_a_malformed_dataset_becomes_invalid_with_a_reason(change: Any, reason: str) -> None:
    data = controller_dataset()
    change(data)
    dataset = Dataset.from_dict(data)
    assert dataset.invalid is not None and reason in dataset.invalid
    assert dataset.name == "mdl-qwen3-fp16" and dataset.option_keys == ()
