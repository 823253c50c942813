"""Orphan Datasets: owned by the Model, held by no version of its spec."""

from __future__ import annotations

from typing import Any

from modelfs_lib.domain.orphans import orphan_datasets, owned_by, removed_version_name
from modelfs_lib.resources import Dataset, Model


def model(*versions: str, uid: str = "u-1", name: str = "qwen") -> Model:
    return Model.from_dict(
        {
            "metadata": {"name": name, "namespace": "ml", "uid": uid},
            "spec": {"sourceRef": "hf", "versions": [{"name": v, "repo": "q/q"} for v in versions]},
        }
    )


def owner(name: str = "qwen", uid: str = "u-1", **extra: Any) -> dict[str, Any]:
    return {"apiVersion": "model.samzong.dev/v1", "kind": "Model", "name": name, "uid": uid, **extra}


def dataset(name: str, *owners: dict[str, Any], namespace: str = "ml") -> Dataset:
    return Dataset.from_dict(
        {
            "metadata": {"name": name, "namespace": namespace, "ownerReferences": list(owners)},
            "spec": {"source": {"type": "HUGGING_FACE", "uri": "huggingface://q/q"}},
        }
    )


def names(datasets: list[Dataset]) -> list[str]:
    return [d.name for d in datasets]


def test_a_dataset_of_a_version_removed_from_the_spec_is_an_orphan() -> None:
    found = orphan_datasets(model("fp16"), [dataset("mdl-qwen-fp16", owner()), dataset("mdl-qwen-int4", owner())])
    assert names(found) == ["mdl-qwen-int4"]


def test_the_dataset_of_an_absent_version_still_in_the_spec_is_no_orphan() -> None:
    m = Model.from_dict(
        {
            "metadata": {"name": "qwen", "namespace": "ml", "uid": "u-1"},
            "spec": {"sourceRef": "hf", "versions": [{"name": "fp16", "repo": "q/q", "state": "ABSENT"}]},
        }
    )
    assert orphan_datasets(m, [dataset("mdl-qwen-fp16", owner())]) == []


def test_a_dataset_owned_by_the_model_under_any_name_is_an_orphan() -> None:
    found = orphan_datasets(model("fp16"), [dataset("mdl-qwen-fp16-old", owner()), dataset("scratch", owner())])
    assert names(found) == ["mdl-qwen-fp16-old", "scratch"]


def test_a_dataset_with_the_models_prefix_but_owned_by_another_model_is_not_its_orphan() -> None:
    other = dataset("mdl-qwen-7b-fp16", owner("qwen-7b", "u-2"))
    assert orphan_datasets(model("fp16"), [other]) == []
    assert names(orphan_datasets(model("fp16", name="qwen-7b", uid="u-2"), [other])) == []
    assert names(orphan_datasets(model("int4", name="qwen-7b", uid="u-2"), [other])) == ["mdl-qwen-7b-fp16"]


def test_an_unowned_dataset_or_one_owned_by_an_earlier_model_of_the_same_name_is_no_orphan() -> None:
    unowned = dataset("mdl-qwen-int4")
    earlier = dataset("mdl-qwen-int8", owner(uid="u-0"))
    assert orphan_datasets(model("fp16"), [unowned, earlier]) == []


def test_a_dataset_in_another_namespace_is_no_orphan() -> None:
    assert orphan_datasets(model("fp16"), [dataset("mdl-qwen-int4", owner(), namespace="other")]) == []


def test_without_uids_the_owner_is_matched_by_kind_group_and_name() -> None:
    no_uid = model("fp16", uid="")
    assert owned_by(dataset("mdl-qwen-int4", owner(uid="")), no_uid)
    assert owned_by(dataset("mdl-qwen-int4", owner()), no_uid)
    assert not owned_by(dataset("mdl-qwen-int4", owner(kind="ModelSource")), no_uid)
    assert not owned_by(dataset("mdl-qwen-int4", owner(apiVersion="other.io/v1")), no_uid)


def test_orphans_are_sorted_by_name_and_name_their_removed_version() -> None:
    m = model("fp16")
    found = orphan_datasets(m, [dataset("mdl-qwen-int8", owner()), dataset("mdl-qwen-int4", owner())])
    assert names(found) == ["mdl-qwen-int4", "mdl-qwen-int8"]
    assert removed_version_name(m, found[0]) == "int4"
    assert removed_version_name(m, dataset("scratch", owner())) == ""
