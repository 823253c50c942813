"""Sharing and stopping it, as the controllers really do them: labels decide what is deleted, and two blocks."""

from __future__ import annotations

from typing import Any

from modelfs_lib.domain.share_plan import share_outcome
from modelfs_lib.domain.stop_sharing import stop_sharing_consequences
from modelfs_lib.resources import Dataset, Model
from modelfs_lib.resources.naming import reference_labels, reference_name, reference_uri

NS, MODEL = "ml-team", "qwen"


def model() -> Model:
    versions = [{"name": v, "repo": "org/qwen", "share": {"enabled": True}} for v in ("fp16", "fp16-awq")]
    return Model.from_dict(
        {
            "apiVersion": "model.samzong.dev/v1",
            "kind": "Model",
            "metadata": {"name": MODEL, "namespace": NS},
            "spec": {"sourceRef": "hf", "versions": versions},
        }
    )


def reference(namespace: str, version: str, *, labelled: bool) -> Dataset:
    metadata: dict[str, Any] = {"name": reference_name(NS, MODEL, version), "namespace": namespace}
    if labelled:
        metadata["labels"] = reference_labels(NS, MODEL, version)
    spec = {"source": {"type": "REFERENCE", "uri": reference_uri(NS, MODEL, version)}}
    return Dataset.from_dict(
        {"apiVersion": "dataset.baizeai.io/v1alpha1", "kind": "Dataset", "metadata": metadata, "spec": spec}
    )


def test_labelled_references_are_deleted_and_unlabelled_ones_stay_with_their_names() -> None:
    found = [
        reference("inference", "fp16", labelled=True),
        reference("research", "fp16", labelled=False),
        reference("staging", "fp16-awq", labelled=True),  # another version: untouched, not named
    ]
    deleted, kept = stop_sharing_consequences(model(), "fp16", found)
    assert deleted == (
        f"The controller deletes 1 REFERENCE Dataset(s) carrying its labels: `inference/share-{NS}-{MODEL}-fp16`."
    )
    assert kept.startswith("1 REFERENCE Dataset(s) lack the labels the controller looks for and stay")
    assert f"`research/share-{NS}-{MODEL}-fp16`" in kept
    assert "staging" not in deleted + kept


def test_no_reference_anywhere_means_nothing_is_deleted() -> None:
    said = stop_sharing_consequences(model(), "fp16", [reference("inference", "fp16-awq", labelled=True)])
    assert said == [f"No REFERENCE Dataset `share-{NS}-{MODEL}-fp16` exists in another namespace: nothing is deleted."]


def test_references_not_searched_are_said_to_be_unknown() -> None:
    [said] = stop_sharing_consequences(model(), "fp16", None)
    assert "could not search the other namespaces" in said


def test_the_share_dialog_says_both_blocks_and_only_the_label_once_the_source_is_shared() -> None:
    both = share_outcome(NS, MODEL, "fp16", source_shared=False)
    assert f"`modelfs.samzong.dev/model: {NS}/{MODEL}`" in both
    assert f"`mdl-{MODEL}-fp16` lacks spec.share: true" in both
    label_only = share_outcome(NS, MODEL, "fp16", source_shared=True)
    assert "rejects the label" in label_only and "spec.share: true, which modelfs never sets" not in label_only
