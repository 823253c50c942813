"""One search and audit of a Model's REFERENCE Datasets, whatever lists could be read."""

from __future__ import annotations

from collections.abc import Sequence

from modelfs_lib.domain.reference_audit import audit_references, namespaces_to_read
from modelfs_lib.domain.sharing import ShareFinding, ShareState
from tests.unit.test_share_audit import CLUSTER, model, reference

SUBJECT = model(
    [{"name": "fp16", "share": {"enabled": True, "namespaceSelector": {"matchLabels": {"team": "serving"}}}}]
)
"""Shared with a, b and e; a reference left in d (which it does not select) is stale."""


def states(findings: Sequence[ShareFinding] | None) -> set[tuple[str, ShareState]]:
    return {(f.namespace, f.state) for f in findings or []}


def test_with_the_cluster_wide_list_refused_every_other_namespace_is_read_and_a_stale_one_is_found() -> None:
    assert namespaces_to_read(SUBJECT, CLUSTER, everywhere_refused=True) == ["a", "b", "c", "d", "e"]
    read = {"a": [reference("a", "fp16")], "c": [], "d": [reference("d", "fp16")], "e": []}
    audit = audit_references(
        SUBJECT,
        siblings=["qwen3"],
        namespaces=CLUSTER,
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
    assert namespaces_to_read(SUBJECT, CLUSTER, everywhere_refused=False) == []
    audit = audit_references(
        SUBJECT,
        siblings=[],
        namespaces=CLUSTER,
        datasets={"d": [reference("d", "fp16")], "ml": [reference("ml", "fp16")]},
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
        datasets={"d": [reference("d", "fp16")]},
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
