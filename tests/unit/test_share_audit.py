"""The Sharing tab's rules: matched namespaces on a table of selectors, both readings, stale deletion, gaps."""

from __future__ import annotations

from typing import Any

import pytest

from modelfs_lib.domain.share_audit import (
    audit_gaps,
    bulk_deletable,
    namespaces_to_search,
    stale_references,
    unshared_versions,
    version_shares,
)
from modelfs_lib.domain.sharing import ShareState, audit_shares, compare_readings
from modelfs_lib.resources import LabelSelector, ShareConfig
from tests.helpers.sharing import CLUSTER_NAMESPACES, qwen3_model, reference_dataset


def share(selector: dict[str, Any] | None, opt_in: str = "") -> ShareConfig:
    return ShareConfig(True, None if selector is None else LabelSelector.from_dict(selector), opt_in)


def expr(key: str, operator: str, *values: str) -> dict[str, Any]:
    requirement: dict[str, Any] = {"key": key, "operator": operator}
    if values:
        requirement["values"] = list(values)
    return {"matchExpressions": [requirement]}


@pytest.mark.parametrize(
    ("selector", "opt_in", "documented", "controller"),
    [
        (None, "", ["a", "b", "c", "d", "e"], ["a", "b", "c", "d", "e"]),
        ({}, "", ["a", "b", "c", "d", "e"], ["a", "b", "c", "d", "e"]),
        ({"matchLabels": {"team": "serving"}}, "", ["a", "b", "e"], ["a", "b", "e"]),
        (expr("team", "In", "serving", "research"), "", ["a", "b", "c", "e"], ["a", "b", "c", "e"]),
        (expr("team", "NotIn", "serving"), "", ["c", "d"], ["c", "d"]),
        (expr("share", "Exists"), "", ["a", "c", "e"], ["a", "c", "e"]),
        (expr("share", "DoesNotExist"), "", ["b", "d"], ["b", "d"]),
        ({"matchLabels": {"team": "nobody"}}, "", [], []),
        # requireOptInLabel "key": value "true" under both readings
        (None, "share", ["a", "c"], ["a", "c"]),
        # "key=value": documented splits at '='; the controller looks for a label named "share=true"
        (None, "share=true", ["a", "c"], []),
        (None, "share=false", ["e"], []),
        # "key=": documented wants the label present and empty; the controller wants it empty OR missing
        (None, "share=", [], ["b", "d"]),
        ({"matchLabels": {"team": "serving"}}, "share", ["a"], ["a"]),
        (expr("env", "In", "prod"), "share=true", ["c"], []),
    ],
)
def test_the_namespaces_a_share_selects_under_each_reading(
    selector: dict[str, Any] | None, opt_in: str, documented: list[str], controller: list[str]
) -> None:
    readings = compare_readings(CLUSTER_NAMESPACES, share(selector, opt_in), source_namespace="ml")
    assert readings.documented == documented
    assert readings.controller == controller


SUBJECT = qwen3_model(
    [
        {"name": "fp16", "share": {"enabled": True, "namespaceSelector": {"matchLabels": {"team": "serving"}}}},
        {"name": "quirk", "share": {"enabled": True, "requireOptInLabel": "share=true"}},
        {"name": "int4"},
        {"name": "old", "state": "ABSENT", "share": {"enabled": True}},
        {"name": "off", "share": {"enabled": False}},
    ]
)


def test_each_shared_version_shows_both_readings_and_the_note_where_they_differ() -> None:
    shares = {s.version: s for s in version_shares(SUBJECT, CLUSTER_NAMESPACES)}
    assert list(shares) == ["fp16", "quirk"]
    assert shares["fp16"].selector == "team=serving"
    assert shares["fp16"].documented == ["a", "b", "e"]
    assert not shares["fp16"].differs
    assert shares["fp16"].quirk_note is None
    quirk = shares["quirk"]
    assert (quirk.documented, quirk.controller) == (["a", "c"], [])
    assert quirk.differs
    assert (quirk.documented_opt_in, quirk.controller_opt_in) == ("share=true", "share=true=true")
    assert quirk.quirk_note is not None


def test_unshared_versions_are_those_off_without_share_or_absent() -> None:
    assert unshared_versions(SUBJECT) == ["int4", "old", "off"]


def test_references_are_searched_in_every_namespace_but_the_models_own() -> None:
    assert namespaces_to_search(SUBJECT, CLUSTER_NAMESPACES) == ["a", "b", "c", "d", "e"]


def test_the_audit_tells_present_missing_and_stale_and_delete_all_leaves_what_the_controller_recreates() -> None:
    subject = qwen3_model(
        [
            {"name": "fp16", "share": {"enabled": True, "namespaceSelector": {"matchLabels": {"team": "serving"}}}},
            {"name": "quirk", "share": {"enabled": True, "requireOptInLabel": "share="}},
            {"name": "off", "share": {"enabled": False}},
        ]
    )
    refs = [
        reference_dataset("a", "fp16"),
        reference_dataset("c", "fp16"),
        reference_dataset("b", "quirk"),
        reference_dataset("a", "off"),
    ]
    findings = audit_shares(subject, CLUSTER_NAMESPACES, refs, readable_namespaces=None)
    states = {(f.version, f.namespace): f.state for f in findings}
    assert states[("fp16", "a")] is ShareState.PRESENT
    assert states[("fp16", "b")] is ShareState.MISSING
    assert states[("fp16", "e")] is ShareState.MISSING
    assert states[("fp16", "c")] is ShareState.STALE  # c is not team=serving any more
    assert states[("off", "a")] is ShareState.STALE  # sharing was switched off
    assert states[("quirk", "b")] is ShareState.STALE  # documented: nowhere; the controller: b and d
    assert {(f.version, f.namespace) for f in stale_references(findings)} == {
        ("fp16", "c"),
        ("off", "a"),
        ("quirk", "b"),
    }
    bulk, kept = bulk_deletable(findings)
    assert {(f.version, f.namespace) for f in bulk} == {("fp16", "c"), ("off", "a")}
    assert [(f.version, f.namespace) for f in kept] == [("quirk", "b")]


def test_unreadable_namespaces_are_unknown_not_missing() -> None:
    findings = audit_shares(SUBJECT, CLUSTER_NAMESPACES, [], readable_namespaces={"a", "ml"})
    states = {(f.version, f.namespace): f.state for f in findings}
    assert states[("fp16", "a")] is ShareState.MISSING
    assert states[("fp16", "b")] is ShareState.UNKNOWN


def test_the_gaps_say_which_part_of_the_audit_could_not_be_done() -> None:
    assert audit_gaps(namespaces_error="", unreadable={}, datasets_searched=True) == []
    gaps = audit_gaps(namespaces_error="You may not list namespaces.", unreadable={}, datasets_searched=False)
    assert "could not be worked out" in gaps[0]
    assert "You may not list namespaces." in gaps[0]
    assert "not searched" in gaps[1]
    gaps = audit_gaps(namespaces_error="", unreadable={"c": "forbidden", "b": "forbidden"}, datasets_searched=True)
    assert len(gaps) == 1
    assert "2 namespace(s): b, c" in gaps[0]
