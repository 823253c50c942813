"""Sharing: both readings of requireOptInLabel, namespace selection, finding REFERENCE Datasets, the audit."""

from __future__ import annotations

from typing import Any

import pytest

from modelfs_lib.domain.reference_audit import references_by_model
from modelfs_lib.domain.references import reference_version
from modelfs_lib.domain.sharing import (
    ShareState,
    audit_shares,
    compare_readings,
    controller_opt_in_requirement,
    matched_namespaces,
    namespace_matches,
    opt_in_matches,
    opt_in_quirk_note,
    opt_in_requirement,
)
from modelfs_lib.resources import Dataset, LabelSelector, Model, Namespace, ShareConfig
from modelfs_lib.resources.naming import MODEL_LABEL, VERSION_LABEL, reference_name, reference_uri


def namespace(name: str, labels: dict[str, str] | None = None) -> Namespace:
    return Namespace.from_dict({"metadata": {"name": name, "labels": labels or {}}})


def share(selector: dict[str, Any] | None = None, opt_in: str = "", enabled: bool = True) -> ShareConfig:
    return ShareConfig(enabled, None if selector is None else LabelSelector.from_dict(selector), opt_in)


def dataset(
    namespace: str,
    name: str,
    uri: str = "",
    *,
    type_: str = "REFERENCE",
    labels: dict[str, str] | None = None,
) -> Dataset:
    return Dataset.from_dict(
        {
            "metadata": {"name": name, "namespace": namespace, "labels": labels or {}},
            "spec": {"source": {"type": type_, "uri": uri}},
        }
    )


def reference(namespace: str, version: str, *, name: str | None = None, uri: str | None = None) -> Dataset:
    """A REFERENCE Dataset of Model ml/qwen3 as the controller would create it (without labels)."""
    return dataset(
        namespace,
        name or reference_name("ml", "qwen3", version),
        reference_uri("ml", "qwen3", version) if uri is None else uri,
    )


def model(versions: list[dict[str, Any]], **status: Any) -> Model:
    return Model.from_dict(
        {
            "metadata": {"name": "qwen3", "namespace": "ml"},
            "spec": {"sourceRef": "hf", "versions": [{"repo": "qwen/qwen3", **v} for v in versions]},
            "status": status,
        }
    )


# ------------------------------------------------------------------------------------------------
# requireOptInLabel: the documented reading and the controller's
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "documented", "controller"),
    [
        ("", None, None),
        ("share", ("share", "true"), ("share", "true")),
        ("example.com/opt-in", ("example.com/opt-in", "true"), ("example.com/opt-in", "true")),
        ("team=ml", ("team", "ml"), ("team=ml", "true")),
        ("team=", ("team", ""), ("team", "")),
        ("a=b=", ("a", "b="), ("a=b", "")),
        ("=", ("", ""), ("", "")),
    ],
)
def test_an_opt_in_label_is_read_as_documented_and_as_the_controller_reads_it(
    raw: str, documented: tuple[str, str] | None, controller: tuple[str, str] | None
) -> None:
    assert opt_in_requirement(raw) == documented
    assert controller_opt_in_requirement(raw) == controller


@pytest.mark.parametrize(
    ("opt_in", "labels", "documented", "controller"),
    [
        ("share", {"share": "true"}, True, True),
        ("share", {"share": "yes"}, False, False),
        ("share", {}, False, False),
        ("team=ml", {"team": "ml"}, True, False),
        ("team=ml", {"team": "other"}, False, False),
        ("team=ml", {}, False, False),
        ("team=", {"team": ""}, True, True),
        ("team=", {}, False, True),
        ("team=", {"team": "ml"}, False, False),
        ("a=b=", {"a": "b"}, False, True),
        ("", {}, True, True),
    ],
)
def test_an_opt_in_label_matches_namespace_labels_under_each_reading(
    opt_in: str, labels: dict[str, str], documented: bool, controller: bool
) -> None:
    assert opt_in_matches(labels, opt_in) is documented
    assert opt_in_matches(labels, opt_in, quirk=True) is controller
    ns = namespace("team-a", labels)
    assert namespace_matches(ns, share(opt_in=opt_in)) is documented
    assert namespace_matches(ns, share(opt_in=opt_in), quirk=True) is controller


@pytest.mark.parametrize(
    ("opt_in", "words"),
    [
        ("team=ml", ["'team=ml'", "no namespace", "label 'team' = 'ml'"]),
        ("team=", ["WITHOUT a label 'team'", "label 'team' = ''"]),
        ("a=b=", ["every namespace the selector picks"]),
    ],
)
def test_the_quirk_note_says_what_the_controller_does_instead(opt_in: str, words: list[str]) -> None:
    note = opt_in_quirk_note(opt_in)
    assert note is not None
    for word in words:
        assert word in note


@pytest.mark.parametrize("opt_in", ["", "share", "modelfs.samzong.dev/share-opt-in"])
def test_there_is_no_quirk_note_when_both_readings_agree(opt_in: str) -> None:
    assert opt_in_quirk_note(opt_in) is None


# ------------------------------------------------------------------------------------------------
# namespaceSelector
# ------------------------------------------------------------------------------------------------

LABELS = {"team": "ml", "tier": "gpu", "env": "prod"}


@pytest.mark.parametrize(
    ("selector", "labels", "matches"),
    [
        (None, LABELS, True),
        ({}, LABELS, True),
        ({}, {}, True),
        ({"matchLabels": {"team": "ml"}}, LABELS, True),
        ({"matchLabels": {"team": "ml", "tier": "cpu"}}, LABELS, False),
        ({"matchLabels": {"team": "ml"}}, {}, False),
        ({"matchExpressions": [{"key": "team", "operator": "In", "values": ["ml", "ai"]}]}, LABELS, True),
        ({"matchExpressions": [{"key": "team", "operator": "In", "values": ["ai"]}]}, LABELS, False),
        ({"matchExpressions": [{"key": "team", "operator": "In", "values": ["ml"]}]}, {}, False),
        ({"matchExpressions": [{"key": "env", "operator": "NotIn", "values": ["dev"]}]}, LABELS, True),
        ({"matchExpressions": [{"key": "env", "operator": "NotIn", "values": ["prod"]}]}, LABELS, False),
        ({"matchExpressions": [{"key": "env", "operator": "NotIn", "values": ["prod"]}]}, {}, True),
        ({"matchExpressions": [{"key": "tier", "operator": "Exists"}]}, LABELS, True),
        ({"matchExpressions": [{"key": "tier", "operator": "Exists"}]}, {"team": "ml"}, False),
        ({"matchExpressions": [{"key": "frozen", "operator": "DoesNotExist"}]}, LABELS, True),
        ({"matchExpressions": [{"key": "tier", "operator": "DoesNotExist"}]}, LABELS, False),
        (
            {
                "matchLabels": {"team": "ml"},
                "matchExpressions": [
                    {"key": "tier", "operator": "In", "values": ["gpu"]},
                    {"key": "env", "operator": "NotIn", "values": ["dev"]},
                    {"key": "frozen", "operator": "DoesNotExist"},
                ],
            },
            LABELS,
            True,
        ),
        (
            {"matchLabels": {"team": "ml"}, "matchExpressions": [{"key": "frozen", "operator": "Exists"}]},
            LABELS,
            False,
        ),
    ],
)
def test_a_namespace_selector_matches_as_kubernetes_does(
    selector: dict[str, Any] | None, labels: dict[str, str], matches: bool
) -> None:
    for quirk in (False, True):
        assert namespace_matches(namespace("team-a", labels), share(selector), quirk=quirk) is matches


def test_selector_and_opt_in_label_must_both_match() -> None:
    selected = share({"matchLabels": {"team": "ml"}}, "share")
    assert namespace_matches(namespace("a", {"team": "ml", "share": "true"}), selected)
    assert not namespace_matches(namespace("b", {"team": "ml"}), selected)
    assert not namespace_matches(namespace("c", {"share": "true"}), selected)


def test_matched_namespaces_are_sorted_and_leave_out_the_models_own() -> None:
    namespaces = [namespace(n, {"team": "ml"}) for n in ("team-b", "ml", "team-a")] + [namespace("other")]
    assert matched_namespaces(namespaces, share({"matchLabels": {"team": "ml"}}), source_namespace="ml") == [
        "team-a",
        "team-b",
    ]


def test_matched_namespaces_ignore_whether_sharing_is_enabled() -> None:
    assert matched_namespaces([namespace("a")], share(enabled=False), source_namespace="ml") == ["a"]


def test_the_readings_are_compared_namespace_by_namespace() -> None:
    namespaces = [namespace("labelled", {"team": "ml"}), namespace("bare"), namespace("ml")]
    assert not compare_readings(namespaces, share(opt_in="share"), source_namespace="ml").differs
    readings = compare_readings(namespaces, share(opt_in="team=ml"), source_namespace="ml")
    assert (readings.documented, readings.controller) == (["labelled"], [])
    assert readings.documented_only == ["labelled"] and readings.controller_only == []
    readings = compare_readings(namespaces, share(opt_in="team="), source_namespace="ml")
    assert (readings.documented_only, readings.controller_only) == ([], ["bare"])


# ------------------------------------------------------------------------------------------------
# REFERENCE Datasets
# ------------------------------------------------------------------------------------------------


def test_a_reference_is_named_and_points_at_the_versions_dataset() -> None:
    assert reference_name("ml", "qwen3", "fp16") == "share-ml-qwen3-fp16"
    assert reference_uri("ml", "qwen3", "fp16") == "dataset://ml/mdl-qwen3-fp16"


@pytest.mark.parametrize(
    ("found", "version"),
    [
        (dataset("a", "share-ml-qwen3-fp16", "dataset://ml/mdl-qwen3-fp16"), "fp16"),
        (dataset("a", "renamed", "dataset://ml/mdl-qwen3-fp16"), "fp16"),
        (dataset("a", "share-ml-qwen3-fp16"), "fp16"),
        (dataset("a", "any", labels={MODEL_LABEL: "ml/qwen3", VERSION_LABEL: "int4"}), "int4"),
        (dataset("a", "share-ml-qwen3-int8", labels={MODEL_LABEL: "ml/qwen3"}), "int8"),
        (dataset("a", "any", labels={MODEL_LABEL: "ml/qwen3"}), ""),
        (dataset("a", "share-ml-qwen3-fp16", "dataset://other/mdl-qwen3-fp16"), None),
        (dataset("a", "share-ml-llama-fp16", "dataset://ml/mdl-llama-fp16"), None),
        (dataset("a", "share-ml-qwen3-", "dataset://ml/mdl-qwen3-"), None),
        (dataset("a", "share-ml-qwen3-fp16", "hf://x", type_="HUGGING_FACE"), None),
        (
            dataset(
                "ml", "mdl-qwen3-fp16", "huggingface://q/q", type_="HUGGING_FACE", labels={MODEL_LABEL: "ml/qwen3"}
            ),
            None,
        ),
    ],
)
def test_a_reference_is_told_by_label_uri_or_name(found: Dataset, version: str | None) -> None:
    assert reference_version(found, "ml", "qwen3") == version


def test_a_longer_sibling_models_references_are_not_claimed() -> None:
    sibling = dataset("a", "share-ml-qwen3-coder-fp16", "dataset://ml/mdl-qwen3-coder-fp16")
    by_name = dataset("a", "share-ml-qwen3-coder-fp16")
    assert reference_version(sibling, "ml", "qwen3") == "coder-fp16"
    assert reference_version(sibling, "ml", "qwen3", sibling_models=["qwen3-coder"]) is None
    assert reference_version(by_name, "ml", "qwen3", sibling_models=["qwen3-coder"]) is None
    assert reference_version(sibling, "ml", "qwen3-coder", sibling_models=["qwen3"]) == "fp16"


def test_references_are_found_across_namespaces_and_sorted() -> None:
    ours = [reference("b", "fp16"), reference("a", "int4")]
    others = [
        dataset("a", "share-ml-llama-fp16", "dataset://ml/mdl-llama-fp16"),
        dataset("a", "plain", "s3://x/y", type_="S3"),
    ]
    subject = model([{"name": "fp16"}])
    found = references_by_model([subject], [ours[0], ours[1], *others])["qwen3"]
    assert [(d.namespace, d.name) for d in found] == [("a", "share-ml-qwen3-int4"), ("b", "share-ml-qwen3-fp16")]
    assert references_by_model([subject], [ours[0]])[subject.name] == [ours[0]]


# ------------------------------------------------------------------------------------------------
# The audit
# ------------------------------------------------------------------------------------------------

TEAM_ML = {"matchLabels": {"team": "ml"}}
NAMESPACES = [
    namespace("ml", {"team": "ml"}),
    namespace("team-a", {"team": "ml"}),
    namespace("team-b", {"team": "ml"}),
    namespace("team-c", {"team": "other"}),
    namespace("locked", {"team": "ml"}),
]
READABLE = {"ml", "team-a", "team-b", "team-c"}


def audit(subject: Model, references: list[Dataset], *, quirk: bool = False) -> list[tuple[str, str, ShareState]]:
    findings = audit_shares(subject, NAMESPACES, references, readable_namespaces=READABLE, quirk=quirk)
    return [(f.version, f.namespace, f.state) for f in findings]


def test_the_audit_sorts_every_reference_into_present_missing_stale_or_unknown() -> None:
    subject = model(
        [
            {"name": "fp16", "share": {"enabled": True, "namespaceSelector": TEAM_ML}},
            {"name": "int4", "share": {"enabled": False}},
            {"name": "int8", "state": "ABSENT", "share": {"enabled": True}},
        ]
    )
    references = [
        reference("team-a", "fp16"),
        reference("team-c", "fp16"),
        reference("team-a", "int4"),
        reference("team-a", "int8"),
        reference("team-a", "old"),
    ]
    findings = audit_shares(subject, NAMESPACES, references, readable_namespaces=READABLE)
    assert [(f.version, f.namespace, f.state, f.reference_name) for f in findings] == [
        ("fp16", "locked", ShareState.UNKNOWN, "share-ml-qwen3-fp16"),
        ("fp16", "team-a", ShareState.PRESENT, "share-ml-qwen3-fp16"),
        ("fp16", "team-b", ShareState.MISSING, "share-ml-qwen3-fp16"),
        ("fp16", "team-c", ShareState.STALE, "share-ml-qwen3-fp16"),
        ("int4", "team-a", ShareState.STALE, "share-ml-qwen3-int4"),
        ("int8", "team-a", ShareState.STALE, "share-ml-qwen3-int8"),
        ("old", "team-a", ShareState.STALE, "share-ml-qwen3-old"),
    ]
    reasons = {(f.version, f.namespace): f.reason for f in findings}
    assert "no longer matches" in reasons[("fp16", "team-c")]
    assert "switched off" in reasons[("int4", "team-a")]
    assert "ABSENT" in reasons[("int8", "team-a")]
    assert "no longer in spec.versions" in reasons[("old", "team-a")]
    assert "could not be read" in reasons[("fp16", "locked")]
    assert "modelfs.samzong.dev/model" in reasons[("fp16", "team-b")]
    assert not any(f.quirk_differs for f in findings)


def test_every_namespace_counts_as_readable_when_none_is_given() -> None:
    subject = model([{"name": "fp16", "share": {"enabled": True, "namespaceSelector": TEAM_ML}}])
    findings = audit_shares(subject, NAMESPACES, [], readable_namespaces=None)
    assert {(f.namespace, f.state) for f in findings} == {
        ("team-a", ShareState.MISSING),
        ("team-b", ShareState.MISSING),
        ("locked", ShareState.MISSING),
    }


def test_a_key_value_opt_in_label_is_expected_as_documented_and_flagged_where_the_controller_disagrees() -> None:
    subject = model([{"name": "fp16", "share": {"enabled": True, "requireOptInLabel": "team=ml"}}])
    assert audit(subject, [], quirk=True) == []
    findings = audit_shares(subject, NAMESPACES, [], readable_namespaces=READABLE)
    assert [(f.namespace, f.state, f.quirk_differs) for f in findings] == [
        ("locked", ShareState.UNKNOWN, True),
        ("team-a", ShareState.MISSING, True),
        ("team-b", ShareState.MISSING, True),
    ]
    assert "reads 'team=ml' differently" in findings[1].reason


def test_a_reference_only_the_controllers_reading_selects_is_stale_as_documented_and_present_under_the_quirk() -> None:
    subject = model([{"name": "fp16", "share": {"enabled": True, "requireOptInLabel": "frozen="}}])
    references = [reference(ns, "fp16") for ns in ("team-a", "team-b", "team-c")]
    documented = audit_shares(subject, NAMESPACES, references, readable_namespaces=READABLE)
    assert {(f.namespace, f.state, f.quirk_differs) for f in documented} == {
        ("team-a", ShareState.STALE, True),
        ("team-b", ShareState.STALE, True),
        ("team-c", ShareState.STALE, True),
    }
    assert all("controller's reading of requireOptInLabel selects it" in f.reason for f in documented)
    assert audit(subject, references, quirk=True) == [
        ("fp16", "locked", ShareState.UNKNOWN),
        ("fp16", "team-a", ShareState.PRESENT),
        ("fp16", "team-b", ShareState.PRESENT),
        ("fp16", "team-c", ShareState.PRESENT),
    ]


def test_a_reference_pointing_elsewhere_is_stale_and_the_expected_one_missing() -> None:
    subject = model([{"name": "fp16", "share": {"enabled": True, "namespaceSelector": {"matchLabels": {"x": "y"}}}}])
    wrong = reference("team-a", "fp16", uri="dataset://ml/mdl-qwen3-int4")
    namespaces = [namespace("team-a", {"x": "y"})]
    findings = audit_shares(subject, namespaces, [wrong], readable_namespaces=None)
    # the wrong uri names version int4, so the Dataset is read as a reference to int4 (not in the spec)
    assert [(f.version, f.state) for f in findings] == [("fp16", ShareState.MISSING), ("int4", ShareState.STALE)]


def test_of_two_references_to_one_version_the_one_with_the_expected_name_is_present() -> None:
    subject = model([{"name": "fp16", "share": {"enabled": True, "namespaceSelector": TEAM_ML}}])
    extra = reference("team-a", "fp16", name="a-copy")
    findings = audit_shares(subject, NAMESPACES[:2], [extra, reference("team-a", "fp16")], readable_namespaces=None)
    assert [(f.reference_name, f.state) for f in findings] == [
        ("a-copy", ShareState.STALE),
        ("share-ml-qwen3-fp16", ShareState.PRESENT),
    ]
    assert "Another reference" in findings[0].reason


def test_a_reference_in_the_models_own_namespace_is_stale() -> None:
    subject = model([{"name": "fp16", "share": {"enabled": True}}])
    findings = audit_shares(subject, [namespace("ml")], [reference("ml", "fp16")], readable_namespaces=None)
    assert [(f.namespace, f.state) for f in findings] == [("ml", ShareState.STALE)]
    assert "own namespace" in findings[0].reason


def test_a_reference_whose_version_cannot_be_told_is_stale() -> None:
    subject = model([{"name": "fp16"}])
    labelled = dataset("team-a", "mystery", labels={MODEL_LABEL: "ml/qwen3"})
    findings = audit_shares(subject, NAMESPACES, [labelled], readable_namespaces=None)
    assert [(f.version, f.state) for f in findings] == [("", ShareState.STALE)]
    assert "cannot be told" in findings[0].reason


def test_datasets_that_are_not_references_of_the_model_are_ignored_by_the_audit() -> None:
    subject = model([{"name": "fp16"}])
    others = [dataset("team-a", "share-ml-llama-fp16", "dataset://ml/mdl-llama-fp16")]
    assert audit_shares(subject, NAMESPACES, others, readable_namespaces=None) == []
