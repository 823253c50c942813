"""The immutable uri of a live version's Dataset: refused edits in the form and in YAML, the way out (a new
version with a valid suggested name), and the versions a ModelSource edit would stall."""

from __future__ import annotations

import copy
from dataclasses import replace
from typing import Any

import pytest

from modelfs_lib.domain.field_error import Severity
from modelfs_lib.domain.model_form import ModelInput, VersionInput, build_model, model_input
from modelfs_lib.domain.spec_edit import editable_spec, manifest_from_spec
from modelfs_lib.domain.uri_guard import has_dataset, stalled_by_source_edit, uri_changes
from modelfs_lib.domain.validation import check_dataset_name_fits, check_dns1123_name
from modelfs_lib.domain.version_rollout import split_to_new_version, suggest_version_name
from modelfs_lib.resources import Dataset, Model, ModelSource
from modelfs_lib.resources.model_version import ModelVersion

NS = "ml"


def source(name: str, type_: str, **config: str) -> ModelSource:
    return ModelSource.from_dict(
        {"metadata": {"name": name, "namespace": NS}, "spec": {"type": type_, "config": config}}
    )


SOURCES = [
    source("hf", "HUGGING_FACE"),
    source("hf-mirror", "HUGGING_FACE", endpoint="https://hf-mirror.com"),
    source("ms", "MODEL_SCOPE"),
    source("git", "GIT"),
]

LIVE: dict[str, Any] = {
    "apiVersion": "model.samzong.dev/v1",
    "kind": "Model",
    "metadata": {"name": "qwen", "namespace": NS, "resourceVersion": "7", "generation": 3},
    "spec": {
        "sourceRef": "hf",
        "versions": [
            {"name": "fp16", "repo": "Qwen/Qwen3", "revision": "main",
             "storage": {"resources": {"requests": {"storage": "4Gi"}}}},
            {"name": "int4", "repo": "Qwen/Qwen3-AWQ", "revision": "main"},
        ],
    },
    "status": {
        "observedGeneration": 3,
        "syncedVersions": [
            {"name": "fp16", "phase": "READY", "observedState": "PRESENT", "activeDataset": "mdl-qwen-fp16"}
        ],
    },
}  # fmt: skip


def live_model(**status: Any) -> Model:
    raw = copy.deepcopy(LIVE)
    raw["status"].update(status)
    return Model.from_dict(raw)


def edited(live: Model, **changes: str) -> ModelInput:
    """The live Model in the form, version fp16 changed."""
    form = model_input(live)
    fp16 = form.versions[0]
    fields = {k: v for k, v in changes.items() if k in ("repo", "revision")}
    return replace(
        form,
        source_ref=changes.get("source_ref", form.source_ref),
        versions=(replace(fp16, **fields), *form.versions[1:]),
    )


def blocking_fields(findings: Any) -> list[str]:
    return [f.field for f in findings if f.severity is Severity.ERROR]


# ------------------------------------------------------------------------------------------------
# Which versions have a Dataset
# ------------------------------------------------------------------------------------------------


def test_a_version_has_a_dataset_when_status_names_one_or_the_dataset_is_listed() -> None:
    live = live_model()
    assert has_dataset(live, "fp16")
    assert not has_dataset(live, "int4")
    assert has_dataset(live, "int4", {"mdl-qwen-int4"})
    assert not has_dataset(live, "int4", {"mdl-other-int4"})


def test_a_version_observed_absent_has_no_dataset_unless_it_is_still_listed() -> None:
    gone = live_model(syncedVersions=[{"name": "fp16", "observedState": "ABSENT", "pvcName": "mdl-qwen-fp16"}])
    assert not has_dataset(gone, "fp16", set())
    assert has_dataset(gone, "fp16", {"mdl-qwen-fp16"})


# ------------------------------------------------------------------------------------------------
# The wizard refuses a uri change of a live version
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "after"),
    [
        ({"repo": "Qwen/Qwen3-v2"}, "versions[0].repo", "HUGGING_FACE huggingface://Qwen/Qwen3-v2"),
        ({"revision": "v2"}, "versions[0].revision", "HUGGING_FACE huggingface://Qwen/Qwen3@v2"),
        ({"source_ref": "ms"}, "sourceRef", "MODEL_SCOPE modelscope://Qwen/Qwen3"),
    ],
)
def test_changing_what_feeds_a_live_datasets_uri_is_refused_at_its_cause(
    changes: dict[str, str], field: str, after: str
) -> None:
    live = live_model()
    built = build_model(edited(live, **changes), namespace=NS, sources=SOURCES, live=live)
    assert built.manifest is None
    assert blocking_fields(built.findings) == [field]
    (error,) = built.errors
    assert "version 'fp16' has a Dataset (mdl-qwen-fp16)" in error.message
    assert f"from 'HUGGING_FACE huggingface://Qwen/Qwen3' to {after!r}" in error.message
    assert "A Dataset's uri is immutable" in error.message
    assert "later versions, status and sharing stall with no condition" in error.message
    assert "only observedGeneration stays behind" in error.message
    assert "Roll out new weights as a new version" in error.message


def test_a_version_without_a_dataset_may_change_its_repo_and_revision() -> None:
    live = live_model()
    form = model_input(live)
    int4 = replace(form.versions[1], repo="Qwen/Qwen3-GPTQ", revision="v3", size="2Gi")
    built = build_model(replace(form, versions=(form.versions[0], int4)), namespace=NS, sources=SOURCES, live=live)
    assert built.manifest is not None
    assert built.manifest["spec"]["versions"][1]["repo"] == "Qwen/Qwen3-GPTQ"


def test_a_listed_dataset_makes_a_version_live_even_without_status() -> None:
    live = live_model(syncedVersions=[])
    form = edited(live, repo="Qwen/Qwen3-v2")
    assert build_model(form, namespace=NS, sources=SOURCES, live=live).manifest is not None
    refused = build_model(form, namespace=NS, sources=SOURCES, live=live, datasets={"mdl-qwen-fp16"})
    assert blocking_fields(refused.findings) == ["versions[0].repo"]


def test_a_change_that_leaves_the_uri_as_it_is_is_allowed() -> None:
    """A GIT uri is the repo: the revision does not feed it; another HUGGING_FACE source builds the same uri."""
    git_live = Model.from_dict({**copy.deepcopy(LIVE), "spec": {**LIVE["spec"], "sourceRef": "git"}})
    dev = ModelVersion(name="fp16", repo="Qwen/Qwen3", revision="dev")
    assert uri_changes(git_live, [dev], ["fp16"], source_ref="git", sources=SOURCES) == []
    live = live_model()
    assert build_model(edited(live, source_ref="hf-mirror"), namespace=NS, sources=SOURCES, live=live).manifest


def test_with_the_source_unknown_any_repo_or_revision_change_counts() -> None:
    live = live_model()
    built = build_model(edited(live, revision="v2"), namespace=NS, sources=None, live=live)
    assert blocking_fields(built.findings) == ["versions[0].revision"]
    assert "'Qwen/Qwen3@main' to 'Qwen/Qwen3@v2'" in built.errors[0].message


def test_edit_yaml_blocks_with_one_message_listing_each_version_and_field() -> None:
    live_raw = copy.deepcopy(LIVE)
    live_raw["status"]["syncedVersions"].append({"name": "int4", "pvcName": "mdl-qwen-int4"})
    text = editable_spec(live_raw).replace("repo: Qwen/Qwen3\n", "repo: Qwen/Qwen3-v2\n")
    text = text.replace("repo: Qwen/Qwen3-AWQ\n  revision: main", "repo: Qwen/Qwen3-AWQ\n  revision: v9")
    built = manifest_from_spec(text, live_raw=live_raw, sources=SOURCES)
    assert built.manifest is None
    (error,) = built.errors
    assert error.field == "spec"
    assert "'fp16' (repo: 'HUGGING_FACE huggingface://Qwen/Qwen3' -> 'HUGGING_FACE huggingface://Qwen/Qwen3-v2')" in (
        error.message
    )
    assert "'int4' (revision: " in error.message
    assert "A Dataset's uri is immutable" in error.message


def test_edit_yaml_catches_a_source_switch_for_live_versions() -> None:
    text = editable_spec(LIVE).replace("sourceRef: hf\n", "sourceRef: ms\n")
    built = manifest_from_spec(text, live_raw=LIVE, sources=SOURCES)
    (error,) = built.errors
    assert "'fp16' (sourceRef: " in error.message and "'int4'" not in error.message


# ------------------------------------------------------------------------------------------------
# Add as a new version
# ------------------------------------------------------------------------------------------------


def test_add_as_a_new_version_restores_the_live_card_and_carries_the_new_repo() -> None:
    live = live_model()
    card = VersionInput(name="fp16", repo="Qwen/Qwen3-v2", revision="main", size="4Gi", precision="FP16",
                        live_name="fp16", share_enabled=True, opt_in_label="share")  # fmt: skip
    restored, new = split_to_new_version(card, live.versions[0], model="qwen", taken={"fp16", "int4"})
    assert (restored.repo, restored.revision, restored.live_name) == ("Qwen/Qwen3", "main", "fp16")
    assert new.is_new and new.name == "fp16-2"
    assert (new.repo, new.revision, new.size, new.precision) == ("Qwen/Qwen3-v2", "main", "4Gi", "FP16")
    assert not new.share_enabled and not new.opt_in_label
    form = ModelInput(name="qwen", source_ref="hf", versions=(restored, model_input(live).versions[1], new))
    built = build_model(form, namespace=NS, sources=SOURCES, live=live)
    assert built.manifest is not None, built.errors
    assert built.manifest["spec"]["versions"][0]["repo"] == "Qwen/Qwen3"
    assert built.manifest["spec"]["versions"][2]["name"] == "fp16-2"


@pytest.mark.parametrize(
    ("model", "base", "revision", "taken", "expected"),
    [
        ("qwen", "fp16", "", {"fp16"}, "fp16-2"),
        ("qwen", "fp16", "", {"fp16", "fp16-2", "fp16-3"}, "fp16-4"),
        ("qwen", "fp16", "V2.1_rc", {"fp16"}, "fp16-v2-1-rc"),
        ("qwen", "fp16", "main", {"fp16"}, "fp16-2"),
        ("m" * 36, "fp16", "", {"fp16"}, "fp-2"),  # room for 4 characters
        ("m" * 38, "fp16", "", {"fp16"}, "2"),
        ("m" * 40, "fp16", "", set(), ""),
    ],
)
def test_a_suggested_version_name_is_valid_unused_and_fits(
    model: str, base: str, revision: str, taken: set[str], expected: str
) -> None:
    name = suggest_version_name(model, base, revision, taken)
    assert name == expected
    if name:
        assert name not in taken
        assert check_dns1123_name(name, "n", label=True) == []
        assert check_dataset_name_fits(model, name) == []


# ------------------------------------------------------------------------------------------------
# A ModelSource edit stalls the versions that use it
# ------------------------------------------------------------------------------------------------


def dataset(name: str, type_: str, uri: str) -> Dataset:
    return Dataset.from_dict(
        {"metadata": {"name": name, "namespace": NS}, "spec": {"source": {"type": type_, "uri": uri}}}
    )


def test_a_source_edit_lists_each_version_with_a_dataset_with_the_uri_it_has_and_needs() -> None:
    live = live_model()
    other = Model.from_dict({**copy.deepcopy(LIVE), "metadata": {"name": "other", "namespace": NS},
                             "spec": {**LIVE["spec"], "sourceRef": "ms"}})  # fmt: skip
    datasets = [
        dataset("mdl-qwen-fp16", "HUGGING_FACE", "huggingface://Qwen/Qwen3"),
        dataset("mdl-qwen-int4", "HUGGING_FACE", "huggingface://Qwen/Qwen3-AWQ"),
    ]
    new = source("hf", "HUGGING_FACE", uri="s3://bucket/all")
    stalled = stalled_by_source_edit(SOURCES[0], new, [live, other], datasets)
    assert [(s.model, s.version, s.dataset) for s in stalled] == [
        ("qwen", "fp16", "mdl-qwen-fp16"),
        ("qwen", "int4", "mdl-qwen-int4"),
    ]
    assert stalled[0].has == "HUGGING_FACE huggingface://Qwen/Qwen3"
    assert stalled[0].needs == "HUGGING_FACE s3://bucket/all"


def test_a_type_change_stalls_even_when_the_uri_would_stay() -> None:
    live = Model.from_dict({**copy.deepcopy(LIVE), "spec": {**LIVE["spec"], "sourceRef": "git"}})
    (stalled,) = stalled_by_source_edit(SOURCES[3], source("git", "HTTP"), [live], None)
    assert (stalled.version, stalled.has, stalled.needs) == ("fp16", "GIT Qwen/Qwen3", "HTTP Qwen/Qwen3")


def test_a_source_edit_that_does_not_change_any_uri_stalls_nothing() -> None:
    live = live_model()
    with_path = source("hf", "HUGGING_FACE", path="/ignored", endpoint="https://other")
    assert stalled_by_source_edit(SOURCES[0], with_path, [live], []) == []
