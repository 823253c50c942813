"""The audit Event each write leaves, and the Activity read back from Events."""

from __future__ import annotations

import datetime as dt

from modelfs_lib.domain.audit import (
    AUDIT_COMPONENT,
    AUDIT_REASON,
    Target,
    activities,
    audit_event,
    patched_fields,
)
from modelfs_lib.resources import Event

NOW = dt.datetime(2025, 5, 1, 12, 0, tzinfo=dt.UTC)
DATASET = Target("dataset.baizeai.io/v1alpha1", "Dataset", "ml-team", "mdl-qwen-v1", uid="u-1")


def test_an_audit_event_names_the_person_and_the_action_on_the_object() -> None:
    event = audit_event(DATASET, actor="alice", action="re-ran sync of v1, round 3", verb="Patch", now=NOW)
    assert event["message"] == "alice re-ran sync of v1, round 3"
    assert event["reason"] == AUDIT_REASON == "ModelfsUIAction"
    assert event["source"] == {"component": AUDIT_COMPONENT} and AUDIT_COMPONENT == "modelfs-ui"
    assert event["type"] == "Normal" and event["action"] == "Patch"
    assert event["involvedObject"] == {
        "apiVersion": "dataset.baizeai.io/v1alpha1",
        "kind": "Dataset",
        "name": "mdl-qwen-v1",
        "namespace": "ml-team",
        "uid": "u-1",
    }
    assert event["metadata"]["namespace"] == "ml-team"
    assert event["metadata"]["name"].startswith("mdl-qwen-v1.")
    assert event["firstTimestamp"] == event["lastTimestamp"] == "2025-05-01T12:00:00Z"


def test_two_events_of_one_object_get_different_names() -> None:
    first, second = (audit_event(DATASET, actor="a", action="x", verb="Patch") for _ in range(2))
    assert first["metadata"]["name"] != second["metadata"]["name"]


def test_a_refused_write_is_a_warning_that_says_why() -> None:
    event = audit_event(DATASET, actor="bob", action="deleted Dataset mdl-qwen-v1", verb="Delete", error="Forbidden")
    assert event["type"] == "Warning"
    assert event["message"] == "bob tried: deleted Dataset mdl-qwen-v1; it failed: Forbidden"


def test_the_default_action_names_the_patched_fields() -> None:
    assert patched_fields({"spec": {"dataSyncRound": 4}, "metadata": {"labels": {}}}) == [
        "spec.dataSyncRound",
        "metadata.labels",
    ]


def test_activities_keep_only_the_consoles_events_newest_first() -> None:
    older = audit_event(DATASET, actor="alice", action="first", verb="Patch", now=NOW)
    newer = audit_event(
        DATASET, actor="bob", action="second", verb="Delete", error="Conflict", now=NOW.replace(hour=13)
    )
    foreign = dict(older, reason="Synced", source={"component": "dataset-controller"})
    found = activities(Event.from_dict(e) for e in (older, foreign, newer))
    assert [(a.actor, a.action, a.result) for a in found] == [
        ("bob", "second", "failed"),
        ("alice", "first", "succeeded"),
    ]
    assert found[0].kind == "Dataset" and found[0].name == "mdl-qwen-v1"
