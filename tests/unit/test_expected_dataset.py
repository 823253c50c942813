"""The Dataset the controller would write for a version: uri per source type, option keys, default storage."""

from __future__ import annotations

from typing import Any

import pytest

from modelfs_lib.domain.expected_dataset import (
    compare_dataset,
    expected_dataset,
    source_uri,
    uri_inputs_changed,
    version_uri,
)
from modelfs_lib.resources import ModelSource
from modelfs_lib.resources.model_version import ModelVersion
from modelfs_lib.resources.naming import DEFAULT_STORAGE


def source(type_: str = "HUGGING_FACE", **config: str) -> ModelSource:
    return ModelSource.from_dict(
        {"metadata": {"name": "src", "namespace": "ml"}, "spec": {"type": type_, "config": config}}
    )


def version(**spec: Any) -> ModelVersion:
    return ModelVersion.from_dict({"name": "fp16", "repo": "Qwen/Qwen3", **spec}, "version")


@pytest.mark.parametrize(
    ("type_", "config", "repo", "revision", "uri"),
    [
        ("HUGGING_FACE", {}, "Qwen/Qwen3", "main", "huggingface://Qwen/Qwen3"),
        ("HUGGING_FACE", {}, "Qwen/Qwen3", "v2", "huggingface://Qwen/Qwen3@v2"),
        ("MODEL_SCOPE", {}, "qwen/Qwen3", "", "modelscope://qwen/Qwen3"),
        ("MODEL_SCOPE", {}, "qwen/Qwen3", "r1", "modelscope://qwen/Qwen3@r1"),
        ("S3", {}, "s3://bucket/qwen", "main", "s3://bucket/qwen"),
        ("HTTP", {"url": "https://x/y.tar"}, "ignored", "main", "https://x/y.tar"),
        ("PVC", {"pvcName": "models", "path": "/qwen"}, "", "main", "pvc://models/qwen"),
        ("NFS", {"server": "nfs.local", "path": "/exports/q"}, "", "main", "nfs://nfs.local/exports/q"),
        ("GIT", {"uri": "git://override"}, "https://g/x", "dev", "git://override"),
    ],
)
def test_the_uri_follows_the_controllers_rule(
    type_: str, config: dict[str, str], repo: str, revision: str, uri: str
) -> None:
    assert source_uri(type_, config, repo, revision) == uri


def test_option_keys_merge_config_and_secret_key_names_and_storage_defaults_to_100ti() -> None:
    got = expected_dataset("qwen3", version(), source(endpoint="https://m"), secret_keys=["HF_TOKEN"])
    assert got.name == "mdl-qwen3-fp16"
    assert got.uri == "huggingface://Qwen/Qwen3"
    assert got.option_keys == ("HF_TOKEN", "endpoint")
    assert (got.storage, got.storage_defaulted, got.access_modes) == (DEFAULT_STORAGE, True, ("ReadWriteMany",))


def test_a_requested_size_is_kept() -> None:
    v = version(storage={"resources": {"requests": {"storage": "20Gi"}}, "storageClassName": "nfs"})
    got = expected_dataset("m", v, source())
    assert (got.storage, got.storage_defaulted, got.storage_class_name) == ("20Gi", False, "nfs")
    assert version_uri(source(), v) == "huggingface://Qwen/Qwen3"


def test_uri_inputs_changed_names_type_and_the_uri_keys_only() -> None:
    old = source("PVC", pvcName="a", path="/x", include="*")
    assert uri_inputs_changed(old, source("PVC", pvcName="b", path="/x", include="*.json")) == ("pvcName",)
    assert uri_inputs_changed(old, source("NFS", pvcName="a", path="/y")) == ("type", "path")
    assert uri_inputs_changed(old, old) == ()


def test_compare_names_each_difference_and_shows_option_keys_only() -> None:
    expected = expected_dataset("m", version(), source(endpoint="https://m"), secret_keys=["HF_TOKEN"])
    rows = {
        r.field: r
        for r in compare_dataset(
            expected,
            source_type="HUGGING_FACE",
            uri="huggingface://Qwen/Old",
            option_keys=["endpoint"],
            storage="100Ti",
            access_modes=["ReadWriteMany"],
            storage_class_name="",
            data_sync_round=2,
            secret_ref="",
        )
    }
    assert rows["spec.source.uri"].differs and "Immutable" in rows["spec.source.uri"].note
    assert not rows["spec.source.type"].differs
    assert (rows["spec.source.options (keys)"].expected, rows["spec.source.options (keys)"].live) == (
        "HF_TOKEN, endpoint",
        "endpoint",
    )
    assert (
        not rows["spec.volumeClaimTemplate storage"].differs
        and "100Ti" in rows["spec.volumeClaimTemplate storage"].note
    )
    assert rows["spec.dataSyncRound"].differs and "reverted" in rows["spec.dataSyncRound"].note
    assert not rows["spec.secretRef"].differs
