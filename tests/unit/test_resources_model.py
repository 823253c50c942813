"""Model and ModelSource: parsing from plain dicts, manifests, malformed objects."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path
from typing import Any

import pytest
import yaml

from modelfs_lib.resources import (
    LOADER_CONFIG_KEYS,
    SOURCE_TYPES,
    LabelSelector,
    Model,
    ModelSource,
    ShareConfig,
)

DATA = Path(__file__).resolve().parents[1] / "data"
CRDS = Path(__file__).resolve().parents[2] / "modelfs_lib" / "crds"


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((DATA / name).read_text())
    return data


def live_model() -> dict[str, Any]:
    """The sample Model as the API server returns it after a reconcile."""
    return load("model-qwen-live.yaml")


def test_the_sample_model_round_trips_through_to_dict() -> None:
    sample = load("model-qwen.yaml")
    model = Model.from_dict(sample)
    assert model.invalid is None
    assert model.to_dict() == sample
    assert Model.from_dict(model.to_dict()) == model


def test_the_sample_model_source_round_trips_through_to_dict() -> None:
    sample = load("modelsource-hf.yaml")
    source = ModelSource.from_dict(sample)
    assert source.invalid is None
    assert source.source_type == "HUGGING_FACE"
    assert source.config == {"endpoint": "https://hf-mirror.com", "include": "*.safetensors"}
    assert source.to_dict() == sample
    assert ModelSource.from_dict(source.to_dict()) == source


def test_a_model_from_the_cluster_keeps_its_status_but_its_manifest_does_not() -> None:
    model = Model.from_dict(live_model())
    synced = model.synced_version("fp16")
    assert synced is not None
    assert synced.phase == "READY"
    assert synced.observed_storage == "12884901888"
    assert synced.last_sync_time is not None and synced.last_sync_time.year == 2026
    assert model.conditions[0].reason == "ModelSourceNotReady"
    assert model.observed_generation == 2
    manifest = model.to_dict()
    assert "status" not in manifest
    assert manifest["metadata"] == {"name": "qwen3", "namespace": "ml"}


def test_a_version_without_revision_or_state_gets_main_and_present() -> None:
    data = load("model-qwen.yaml")
    del data["spec"]["versions"][0]["revision"], data["spec"]["versions"][0]["state"]
    version = Model.from_dict(data).versions[0]
    assert (version.revision, version.state, version.is_absent) == ("main", "PRESENT", False)


def test_an_absent_version_is_recognised_in_any_case() -> None:
    data = load("model-qwen.yaml")
    data["spec"]["versions"][0]["state"] = "absent"
    assert Model.from_dict(data).versions[0].is_absent


def test_the_dataset_of_a_version_is_named_mdl_model_version() -> None:
    model = Model.from_dict(load("model-qwen.yaml"))
    assert model.dataset_name("fp16") == "mdl-qwen3-fp16"


@pytest.mark.parametrize(
    ("generation", "observed", "pending"),
    [(3, 2, True), (3, 3, False), (3, None, True), (None, None, False), (None, 4, False)],
)
def test_generation_is_pending_while_observed_generation_lags(
    generation: int | None, observed: int | None, pending: bool
) -> None:
    data = load("model-qwen.yaml")
    if generation is not None:
        data["metadata"]["generation"] = generation
    if observed is not None:
        data["status"] = {"observedGeneration": observed}
    assert Model.from_dict(data).generation_pending is pending


def test_a_share_config_with_a_selector_round_trips() -> None:
    data = load("model-qwen.yaml")
    share = {
        "enabled": True,
        "namespaceSelector": {
            "matchLabels": {"team": "ml"},
            "matchExpressions": [{"key": "env", "operator": "In", "values": ["dev", "prod"]}],
        },
        "requireOptInLabel": "modelfs/opt-in=yes",
    }
    data["spec"]["versions"][0]["share"] = share
    model = Model.from_dict(data)
    parsed = model.versions[0].share
    assert isinstance(parsed, ShareConfig) and parsed.namespace_selector is not None
    assert parsed.namespace_selector.match_expressions[0].values == ("dev", "prod")
    assert model.to_dict()["spec"]["versions"][0]["share"] == share


@pytest.mark.parametrize(
    ("labels", "matches"),
    [
        ({"team": "ml", "env": "dev"}, True),
        ({"team": "ml", "env": "qa"}, False),
        ({"team": "web", "env": "dev"}, False),
        ({"team": "ml"}, False),
    ],
)
def test_a_label_selector_ands_labels_and_expressions(labels: dict[str, str], matches: bool) -> None:
    selector = LabelSelector.from_dict(
        {"matchLabels": {"team": "ml"}, "matchExpressions": [{"key": "env", "operator": "In", "values": ["dev"]}]}
    )
    assert selector.matches(labels) is matches


def test_an_empty_label_selector_matches_every_namespace() -> None:
    assert LabelSelector().is_empty and LabelSelector().matches({"any": "thing"})


def _broken(path: list[str | int], value: Any) -> dict[str, Any]:
    data = live_model()
    target: Any = data
    for part in path[:-1]:
        target = target[part]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (["not", "a", "dict"], "expected an object, got list"),
        (None, "expected an object, got NoneType"),
        ({"apiVersion": "model.samzong.dev/v1", "kind": "Model", "metadata": {}}, "metadata.name is missing"),
        (_broken(["metadata", "name"], 7), "metadata.name should be a string"),
        (_broken(["spec", "sourceRef"], KeyError), "spec.sourceRef is missing"),
        (_broken(["spec", "versions"], "fp16"), "spec.versions should be a list"),
        (_broken(["spec", "versions", 0, "repo"], KeyError), "spec.versions[0].repo is missing"),
        (_broken(["spec", "versions", 0, "storage", "resources", "requests", "storage"], True), "quantity"),
        (_broken(["spec", "display", "tags"], "qwen"), "spec.display.tags should be a list"),
        (_broken(["metadata", "generation"], "3"), "metadata.generation should be an integer"),
        (_broken(["status", "syncedVersions", 0, "lastSyncTime"], "yesterday"), "not a timestamp"),
        (_broken(["status", "conditions", 0, "type"], KeyError), "status.conditions[0].type is missing"),
    ],
)
def test_a_malformed_model_becomes_invalid_with_a_reason(data: Any, reason: str) -> None:
    model = Model.from_dict(data)
    assert model.invalid is not None and reason in model.invalid
    assert model.versions == ()


def test_an_invalid_model_keeps_the_name_and_namespace_it_could_read() -> None:
    model = Model.from_dict(_broken(["spec", "versions"], {"fp16": {}}))
    assert (model.name, model.namespace) == ("qwen3", "ml")
    assert model.invalid


def test_a_synced_version_is_looked_up_by_name_the_first_entry_winning() -> None:
    data = live_model()
    entries = data["status"]["syncedVersions"]
    entries.append({**entries[0], "phase": "FAILED"})
    model = Model.from_dict(data)
    assert model.synced_version("nope") is None
    first = model.synced_version(entries[0]["name"])
    assert first is not None and first.phase == entries[0]["phase"] != "FAILED"


def test_a_model_replaced_with_other_synced_versions_looks_up_its_own() -> None:
    model = Model.from_dict(live_model())
    assert model.synced_version("fp16") is not None  # fills the lookup
    renamed = dataclasses.replace(model, synced_versions=(dataclasses.replace(model.synced_versions[0], name="int4"),))
    assert renamed.synced_version("fp16") is None
    assert renamed.synced_version("int4") is not None
    assert renamed == dataclasses.replace(renamed)  # the lookup is not part of equality
    assert pickle.loads(pickle.dumps(model)) == model


def test_a_model_pickles_and_compares_equal_after() -> None:
    model = Model.from_dict(live_model())
    assert pickle.loads(pickle.dumps(model)) == model


def test_a_model_is_frozen() -> None:
    model = Model.from_dict(live_model())
    with pytest.raises(AttributeError):
        model.source_ref = "other"  # type: ignore[misc]


def test_source_types_are_the_nine_the_crd_accepts() -> None:
    crd = yaml.safe_load((CRDS / "model.samzong.dev_modelsources.yaml").read_text())
    enum = crd["spec"]["versions"][0]["schema"]["openAPIV3Schema"]["properties"]["spec"]["properties"]["type"]["enum"]
    assert sorted(SOURCE_TYPES) == sorted(enum) and len(SOURCE_TYPES) == 9
    assert set(LOADER_CONFIG_KEYS) == set(SOURCE_TYPES)


def test_a_model_source_keeps_the_models_that_reference_it() -> None:
    data = load("modelsource-hf.yaml")
    data["status"] = {"referencedBy": ["ml/qwen3", "ml/llama"]}
    assert ModelSource.from_dict(data).referenced_by == ("ml/qwen3", "ml/llama")


def test_a_model_source_without_a_type_is_invalid() -> None:
    source = ModelSource.from_dict({"metadata": {"name": "x"}, "spec": {"config": {"a": "b"}}})
    assert source.invalid == "spec.type is missing"
