"""One search and audit of a Model's REFERENCE Datasets, whatever lists could be read."""

from __future__ import annotations

from collections.abc import Sequence

from modelfs_lib.domain.reference_audit import audit_references, namespaces_to_read, references_by_model
from modelfs_lib.domain.references import reference_version
from modelfs_lib.domain.sharing import ShareFinding, ShareState
from modelfs_lib.resources import Dataset, Model
from modelfs_lib.resources.naming import MODEL_LABEL
from tests.helpers.sharing import CLUSTER_NAMESPACES, qwen3_model, reference_dataset

SUBJECT = qwen3_model(
    [{"name": "fp16", "share": {"enabled": True, "namespaceSelector": {"matchLabels": {"team": "serving"}}}}]
)
"""Shared with a, b and e; a reference left in d (which it does not select) is stale."""


def states(findings: Sequence[ShareFinding] | None) -> set[tuple[str, ShareState]]:
    return {(f.namespace, f.state) for f in findings or []}


def test_with_the_cluster_wide_list_refused_every_other_namespace_is_read_and_a_stale_one_is_found() -> None:
    assert namespaces_to_read(SUBJECT, CLUSTER_NAMESPACES, everywhere_refused=True) == ["a", "b", "c", "d", "e"]
    read = {"a": [reference_dataset("a", "fp16")], "c": [], "d": [reference_dataset("d", "fp16")], "e": []}
    audit = audit_references(
        SUBJECT,
        siblings=["qwen3"],
        namespaces=CLUSTER_NAMESPACES,
        datasets=read,
        everywhere_refused=True,
        datasets_error="datasets are forbidden at the cluster scope",
        unreadable={"b": "forbidden in b"},
    )
    assert [f"{d.namespace}/{d.name}" for d in audit.references or []] == [
        "a/share-ml-qwen3-fp16",
        "d/share-ml-qwen3-fp16",
    ]
    assert audit.findings is not None
    assert states(audit.findings) == {
        ("a", ShareState.PRESENT),
        ("b", ShareState.UNKNOWN),
        ("d", ShareState.STALE),
        ("e", ShareState.MISSING),
    }
    assert audit.checked == ["a", "b", "c", "d", "e"]
    assert audit.error == "datasets are forbidden at the cluster scope"


def test_the_cluster_wide_list_needs_no_other_read() -> None:
    assert namespaces_to_read(SUBJECT, CLUSTER_NAMESPACES, everywhere_refused=False) == []
    audit = audit_references(
        SUBJECT,
        siblings=[],
        namespaces=CLUSTER_NAMESPACES,
        datasets={"d": [reference_dataset("d", "fp16")], "ml": [reference_dataset("ml", "fp16")]},
        everywhere_refused=False,
    )
    assert [d.namespace for d in audit.references or []] == ["d"]
    assert audit.checked is None and audit.error == ""
    assert states(audit.findings) == {
        ("a", ShareState.MISSING),
        ("b", ShareState.MISSING),
        ("e", ShareState.MISSING),
        ("d", ShareState.STALE),
    }


def test_without_namespaces_the_references_are_found_but_not_audited_and_without_datasets_nothing_is() -> None:
    found = audit_references(
        SUBJECT,
        siblings=[],
        namespaces=None,
        datasets={"d": [reference_dataset("d", "fp16")]},
        everywhere_refused=False,
        namespaces_error="namespaces are forbidden",
    )
    assert found.findings is None and found.searched and found.error == "namespaces are forbidden"
    nothing = audit_references(
        SUBJECT,
        siblings=[],
        namespaces=None,
        datasets=None,
        everywhere_refused=True,
        namespaces_error="namespaces are forbidden",
        datasets_error="datasets are forbidden",
    )
    assert (nothing.references, nothing.findings, nothing.searched) == (None, None, False)
    assert nothing.error == "datasets are forbidden"


def named(name: str, namespace: str = "ml") -> Model:
    return Model.from_dict({"metadata": {"name": name, "namespace": namespace}, "spec": {"sourceRef": "hf"}})


def shared(namespace: str, name: str, uri: str = "", *, type_: str = "REFERENCE", **labels: str) -> Dataset:
    return Dataset.from_dict(
        {
            "metadata": {"name": name, "namespace": namespace, "labels": labels},
            "spec": {"source": {"type": type_, "uri": uri}},
        }
    )


def test_one_search_for_every_model_finds_what_each_models_own_search_finds() -> None:
    models = [named("a"), named("a-b"), named("a-b-c"), named("qwen3")]
    datasets = [
        shared("x", "share-ml-a-v1", "dataset://ml/mdl-a-v1"),
        shared("x", "share-ml-a-b-v1", "dataset://ml/mdl-a-b-v1"),  # a-b's, not a's version b-v1
        shared("x", "share-ml-a-b-c-v2"),  # no uri: by name, the longest Model
        shared("y", "anything", "dataset://ml/mdl-qwen3-fp16"),  # by uri alone
        shared("y", "share-ml-a-v9", "dataset://other/mdl-a-v9"),  # a uri into another namespace: not ml's
        shared("z", "labelled", "dataset://ml/mdl-a-b-v1", **{MODEL_LABEL: "ml/a"}),  # label says a, uri a-b
        shared("z", "share-ml-qwen3-int4", "s3://bucket/x", type_="S3"),  # not a REFERENCE at all
        shared("ml", "share-ml-a-v1", "dataset://ml/mdl-a-v1"),  # in the Models' own namespace
    ]
    by_namespace: dict[str, list[Dataset]] = {}
    for dataset in datasets:
        if dataset.namespace != "ml":
            by_namespace.setdefault(dataset.namespace, []).append(dataset)

    found = references_by_model(models, datasets)

    for each in models:
        others = [m.name for m in models if m.name != each.name]
        one_by_one = [
            d
            for ds in by_namespace.values()
            for d in ds
            if reference_version(d, "ml", each.name, sibling_models=others) is not None
        ]
        assert found[each.name] == sorted(one_by_one, key=lambda d: (d.namespace, d.name)), each.name
    assert [f"{d.namespace}/{d.name}" for d in found["a"]] == ["x/share-ml-a-v1", "z/labelled"]
    assert [f"{d.namespace}/{d.name}" for d in found["a-b"]] == ["x/share-ml-a-b-v1", "z/labelled"]
    assert [d.name for d in found["a-b-c"]] == ["share-ml-a-b-c-v2"]
    assert [d.name for d in found["qwen3"]] == ["anything"]
    alone = references_by_model([named("a")], datasets, model_names=["a-b", "a-b-c", "qwen3"])
    assert alone == {"a": found["a"]}
