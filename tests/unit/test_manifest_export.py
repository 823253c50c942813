"""An object as an appliable manifest and as the live object to read."""

from __future__ import annotations

import yaml

from modelfs_lib.domain.manifest_export import appliable_manifest, appliable_yaml, live_yaml
from modelfs_lib.resources.base import LAST_APPLIED_ANNOTATION

LIVE = {
    "apiVersion": "model.samzong.dev/v1",
    "kind": "Model",
    "metadata": {
        "name": "m",
        "namespace": "ns",
        "uid": "u-1",
        "resourceVersion": "42",
        "generation": 3,
        "creationTimestamp": "2026-11-01T00:00:00Z",
        "finalizers": ["model.samzong.dev/finalizer"],
        "managedFields": [{"manager": "kubectl"}],
        "labels": {"team": "ml"},
        "annotations": {LAST_APPLIED_ANNOTATION: "{}", "owner": "alice"},
    },
    "spec": {"sourceRef": "hf", "versions": [{"name": "v1", "repo": "org/m"}]},
    "status": {"observedGeneration": 3},
}


def test_an_appliable_manifest_keeps_name_namespace_labels_annotations_and_spec_only() -> None:
    assert appliable_manifest(LIVE) == {
        "apiVersion": "model.samzong.dev/v1",
        "kind": "Model",
        "metadata": {"name": "m", "namespace": "ns", "labels": {"team": "ml"}, "annotations": {"owner": "alice"}},
        "spec": {"sourceRef": "hf", "versions": [{"name": "v1", "repo": "org/m"}]},
    }


def test_only_the_last_applied_annotation_leaves_no_annotations_at_all() -> None:
    live = {**LIVE, "metadata": {**LIVE["metadata"], "annotations": {LAST_APPLIED_ANNOTATION: "{}"}}}  # type: ignore[dict-item]
    assert "annotations" not in appliable_manifest(live)["metadata"]


def test_the_appliable_yaml_starts_with_api_version_and_kind_and_reads_back() -> None:
    text = appliable_yaml(LIVE)
    assert text.startswith("apiVersion: model.samzong.dev/v1\nkind: Model\nmetadata:\n  name: m\n")
    assert yaml.safe_load(text) == appliable_manifest(LIVE)


def test_the_live_yaml_keeps_status_and_server_fields_but_not_managed_fields() -> None:
    live = yaml.safe_load(live_yaml(LIVE))
    assert live["status"] == {"observedGeneration": 3}
    assert live["metadata"]["resourceVersion"] == "42"
    assert "managedFields" not in live["metadata"]
    assert "managedFields" in LIVE["metadata"]  # the object read is not changed
