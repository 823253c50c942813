"""What goes with a deleted Model: its Datasets and PVCs, its REFERENCE Datasets, and what stays."""

from __future__ import annotations

from typing import Any

from modelfs_lib.domain.model_delete import MODEL_FINALIZER, controller_cleans, delete_consequences, owned_datasets
from modelfs_lib.resources import Dataset, Model
from modelfs_lib.resources.naming import MODEL_LABEL, VERSION_LABEL

MODEL = Model.from_dict(
    {
        "metadata": {"name": "qwen3", "namespace": "ml", "uid": "uid-qwen3", "finalizers": [MODEL_FINALIZER]},
        "spec": {"sourceRef": "hf", "versions": [{"name": "fp16", "repo": "o/m"}, {"name": "int4", "repo": "o/m"}]},
    }
)


def dataset(name: str, namespace: str = "ml", *, owner: str = "", labels: dict[str, str] | None = None) -> Dataset:
    meta: dict[str, Any] = {"name": name, "namespace": namespace, "labels": labels or {}}
    if owner:
        meta["ownerReferences"] = [
            {"apiVersion": "model.samzong.dev/v1", "kind": "Model", "name": "qwen3", "uid": owner, "controller": True}
        ]
    return Dataset.from_dict(
        {
            "metadata": meta,
            "spec": {"source": {"type": "HUGGING_FACE", "uri": "huggingface://o/m"}},
            "status": {"pvcName": f"dataset-{name}"},
        }
    )


def reference(namespace: str, version: str, *, labelled: bool) -> Dataset:
    labels = {MODEL_LABEL: "ml/qwen3", VERSION_LABEL: version} if labelled else {}
    return Dataset.from_dict(
        {
            "metadata": {"name": f"share-ml-qwen3-{version}", "namespace": namespace, "labels": labels},
            "spec": {"source": {"type": "REFERENCE", "uri": f"dataset://ml/mdl-qwen3-{version}"}},
        }
    )


def test_owned_datasets_are_those_with_an_owner_reference_to_the_model() -> None:
    datasets = [
        dataset("mdl-qwen3-fp16", owner="uid-qwen3"),
        dataset("mdl-qwen3-v0", owner="uid-qwen3"),
        dataset("mdl-qwen3-int4", owner="uid-other"),
        dataset("mdl-qwen3-fp16", namespace="elsewhere", owner="uid-qwen3"),
        dataset("unrelated"),
    ]
    assert [d.name for d in owned_datasets(MODEL, datasets)] == ["mdl-qwen3-fp16", "mdl-qwen3-v0"]


def test_the_controller_cleans_only_references_with_its_labels() -> None:
    assert controller_cleans(reference("inference", "fp16", labelled=True), MODEL)
    assert not controller_cleans(reference("inference", "fp16", labelled=False), MODEL)


def test_the_confirmation_names_the_datasets_pvcs_and_references() -> None:
    owned = [dataset("mdl-qwen3-fp16", owner="uid-qwen3"), dataset("mdl-qwen3-int4", owner="uid-qwen3")]
    refs = [reference("inference", "fp16", labelled=True), reference("research", "fp16", labelled=False)]
    text = "\n".join(delete_consequences(MODEL, owned, refs))
    assert "Its 2 Datasets in `ml` are deleted: `mdl-qwen3-fp16`, `mdl-qwen3-int4`" in text
    assert "`dataset-mdl-qwen3-fp16`, `dataset-mdl-qwen3-int4`" in text
    assert (
        "first deletes the 1 REFERENCE Dataset sharing it into other namespaces: `inference/share-ml-qwen3-fp16`"
        in text
    )
    assert "stay behind, pointing at a deleted Dataset: `research/share-ml-qwen3-fp16`" in text
    assert f"finalizer `{MODEL_FINALIZER}`" in text
    assert "The ModelSource `hf` is not deleted." in text


def test_no_datasets_and_no_references_are_said_plainly() -> None:
    lines = delete_consequences(MODEL, [], [])
    assert lines[0] == "It owns no Datasets in `ml` right now."
    assert lines[1] == "No REFERENCE Dataset shares it into another namespace."


def test_what_could_not_be_read_is_said_with_the_reason() -> None:
    lines = delete_consequences(MODEL, None, None, owned_error="HTTP 500", references_error="forbidden")
    assert "could not be listed (HTTP 500)" in lines[0]
    assert "`mdl-qwen3-fp16`, `mdl-qwen3-int4`" in lines[0]
    assert "could not be searched for REFERENCE Datasets that share it (forbidden)" in lines[1]


def test_a_partial_search_names_the_namespaces_searched() -> None:
    lines = delete_consequences(MODEL, [], [], checked_namespaces=["inference", "staging"])
    assert lines[1] == "No REFERENCE Dataset shares it into another namespace (searched only `inference`, `staging`)."


def test_a_model_without_the_finalizer_goes_at_once() -> None:
    bare = Model.from_dict({"metadata": {"name": "m", "namespace": "ml"}, "spec": MODEL.to_dict()["spec"]})
    assert "goes at once" in delete_consequences(bare, [], [])[-1]
