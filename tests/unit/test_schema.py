"""Manifest validation against the bundled CRDs, and the CRDs against the operator's copies."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from modelfs_lib.domain.schema import SchemaProblem, validate_manifest
from modelfs_lib.resources import Dataset, LabelSelector, Model, ModelSource, ModelVersion, ShareConfig
from modelfs_lib.resources.base import ObjectMeta
from modelfs_lib.resources.model_version import VersionStorage

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
OPERATOR_CRDS = DATA / "operator-crds"
"""The operator's own copies of its CRDs (from the modelfs and BaizeAI Dataset repositories)."""


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((DATA / name).read_text())
    return data


def paths(problems: list[SchemaProblem]) -> list[str]:
    return [p.path for p in problems]


def with_version(change: dict[str, Any]) -> dict[str, Any]:
    manifest = copy.deepcopy(load("model-qwen.yaml"))
    manifest["spec"]["versions"][0].update(change)
    return manifest


def test_the_bundled_crds_are_byte_identical_to_the_operators() -> None:
    assert OPERATOR_CRDS.is_dir(), f"{OPERATOR_CRDS} is missing: the CRDs cannot be checked against the operator's"
    shared = sorted(p.name for p in OPERATOR_CRDS.glob("*.yaml"))
    bundled = sorted(p.name for p in (REPO / "modelfs_lib" / "crds").glob("*.yaml"))
    assert bundled == shared and len(shared) == 3
    for name in shared:
        assert (REPO / "modelfs_lib" / "crds" / name).read_bytes() == (OPERATOR_CRDS / name).read_bytes(), name


def test_the_three_kinds_are_known() -> None:
    def unknown(api_version: str, kind: str) -> bool:
        manifest = {"apiVersion": api_version, "kind": kind, "metadata": {"name": "x", "namespace": "ml"}}
        return any(p.path == "kind" for p in validate_manifest(manifest))

    assert not unknown("dataset.baizeai.io/v1alpha1", "Dataset")
    assert not unknown("model.samzong.dev/v1", "Model")
    assert not unknown("model.samzong.dev/v1", "ModelSource")
    assert unknown("v1", "Pod")


@pytest.mark.parametrize("name", ["model-qwen.yaml", "modelsource-hf.yaml"])
def test_the_samples_are_valid(name: str) -> None:
    assert validate_manifest(load(name)) == []


def test_the_manifests_the_resources_build_are_valid() -> None:
    selector = LabelSelector.from_dict({"matchExpressions": [{"key": "team", "operator": "Exists"}]})
    model = Model(
        ObjectMeta("llama", "ml", labels={"app": "demo"}),
        source_ref="hf",
        versions=(
            ModelVersion("int4", "meta/llama", precision="INT4", metadata={"quant": "awq"}),
            ModelVersion(
                "fp16",
                "meta/llama",
                storage=VersionStorage(("ReadWriteMany",), {"storage": "100Gi"}, {"storage": "200Gi"}, "nfs"),
                state="ABSENT",
                share=ShareConfig(True, selector, "team=ml"),
            ),
        ),
    )
    source = ModelSource(ObjectMeta("s3", "ml"), source_type="S3", secret_ref="s3-creds", config={"region": "x"})
    dataset = Dataset.from_dict(
        {"metadata": {"name": "d", "namespace": "ml"}, "spec": {"source": {"type": "PVC", "uri": "pvc://p/"}}}
    )
    for manifest in (model.to_dict(), source.to_dict(), dataset.to_dict()):
        assert validate_manifest(manifest) == []


def test_a_precision_outside_the_enum_is_rejected() -> None:
    problems = validate_manifest(with_version({"precision": "FP32"}))
    assert paths(problems) == ["spec.versions[0].precision"]
    assert "FP32" in problems[0].message


def test_a_model_without_versions_is_rejected() -> None:
    manifest = load("model-qwen.yaml")
    manifest["spec"]["versions"] = []
    assert paths(validate_manifest(manifest)) == ["spec.versions"]


@pytest.mark.parametrize("quantity", ["12 Gi", "12GB", "lots", "-"])
def test_a_malformed_quantity_is_rejected(quantity: str) -> None:
    manifest = with_version({"storage": {"resources": {"requests": {"storage": quantity}}}})
    problems = validate_manifest(manifest)
    assert paths(problems) == ["spec.versions[0].storage.resources.requests.storage"]
    assert "not a quantity" in problems[0].message


@pytest.mark.parametrize("quantity", ["12Gi", "500M", "1.5Ti", 1073741824, "1e9"])
def test_a_well_formed_quantity_is_accepted(quantity: Any) -> None:
    assert validate_manifest(with_version({"storage": {"resources": {"requests": {"storage": quantity}}}})) == []


def test_a_quantity_that_is_neither_integer_nor_string_is_rejected() -> None:
    problems = validate_manifest(with_version({"storage": {"resources": {"limits": {"storage": 1.5}}}}))
    assert paths(problems) == ["spec.versions[0].storage.resources.limits.storage"]


def test_a_model_without_source_ref_is_rejected_at_that_field() -> None:
    manifest = load("model-qwen.yaml")
    del manifest["spec"]["sourceRef"]
    assert validate_manifest(manifest) == [SchemaProblem("spec.sourceRef", "is required")]


def test_a_version_without_name_and_repo_is_rejected_at_each_field() -> None:
    manifest = load("model-qwen.yaml")
    manifest["spec"]["versions"].append({"revision": "main"})
    assert paths(validate_manifest(manifest)) == ["spec.versions[1].name", "spec.versions[1].repo"]


def test_an_unknown_field_is_rejected_as_with_strict_field_validation() -> None:
    problems = validate_manifest(with_version({"revison": "v2"}))
    assert problems == [SchemaProblem("spec.versions[0].revison", "unknown field")]


def test_a_share_without_enabled_and_a_bad_state_are_rejected() -> None:
    problems = validate_manifest(with_version({"share": {"requireOptInLabel": "x"}, "state": "GONE"}))
    assert "spec.versions[0].share.enabled" in paths(problems)
    assert "spec.versions[0].state" in paths(problems)


def test_a_storage_without_resources_is_rejected() -> None:
    assert paths(validate_manifest(with_version({"storage": {"storageClassName": "nfs"}}))) == [
        "spec.versions[0].storage.resources"
    ]


def test_a_model_source_of_an_unknown_type_is_rejected() -> None:
    manifest = load("modelsource-hf.yaml")
    manifest["spec"]["type"] = "FTP"
    assert paths(validate_manifest(manifest)) == ["spec.type"]


def test_a_model_source_config_value_must_be_a_string() -> None:
    manifest = load("modelsource-hf.yaml")
    manifest["spec"]["config"]["depth"] = 1
    assert paths(validate_manifest(manifest)) == ["spec.config.depth"]


@pytest.mark.parametrize("name", ["Qwen3", "qwen_3", "-qwen", "qwen-", "", "a" * 254])
def test_a_name_that_is_not_a_dns_subdomain_is_rejected(name: str) -> None:
    manifest = load("model-qwen.yaml")
    manifest["metadata"]["name"] = name
    assert paths(validate_manifest(manifest)) == ["metadata.name"]


def test_a_manifest_without_metadata_is_rejected() -> None:
    manifest = load("model-qwen.yaml")
    del manifest["metadata"]
    assert "metadata" in paths(validate_manifest(manifest))


def test_a_label_value_with_a_slash_is_rejected() -> None:
    manifest = load("model-qwen.yaml")
    manifest["metadata"]["labels"] = {"modelfs.samzong.dev/model": "ml/qwen3", "ok": ""}
    assert paths(validate_manifest(manifest)) == ["metadata.labels.modelfs.samzong.dev/model"]


@pytest.mark.parametrize(
    "manifest",
    [
        {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}},
        {"apiVersion": "model.samzong.dev/v2", "kind": "Model"},
        {"kind": "Model"},
        {"apiVersion": "model.samzong.dev/v1", "kind": ["Model"]},
    ],
)
def test_an_unknown_kind_gives_one_problem(manifest: dict[str, Any]) -> None:
    problems = validate_manifest(manifest)
    assert len(problems) == 1 and problems[0].path == "kind"


def test_a_manifest_that_is_not_an_object_gives_one_problem() -> None:
    assert validate_manifest(["apiVersion"]) == [SchemaProblem("", "a manifest should be an object, got list")]
