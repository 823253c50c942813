"""Core kinds: Namespace, Secret (key names only), PersistentVolumeClaim, Event; Kind constants."""

from __future__ import annotations

import copy
import datetime as dt
import json
import pickle
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from modelfs_lib.resources import Dataset, Event, Model, ModelSource, Namespace, PersistentVolumeClaim, Secret
from modelfs_lib.resources.base import LAST_APPLIED_ANNOTATION

DATA = Path(__file__).resolve().parents[1] / "data"
SECRET_VALUE = "c3VwZXItc2VjcmV0LXRva2Vu"
PLAIN_VALUE = "plain-text-password-123"


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((DATA / name).read_text())
    return data


@pytest.mark.parametrize(
    ("cls", "api_version", "resource", "namespaced"),
    [
        (Model, "model.samzong.dev/v1", "models.model.samzong.dev", True),
        (ModelSource, "model.samzong.dev/v1", "modelsources.model.samzong.dev", True),
        (Dataset, "dataset.baizeai.io/v1alpha1", "datasets.dataset.baizeai.io", True),
        (Namespace, "v1", "namespaces", False),
        (Secret, "v1", "secrets", True),
        (PersistentVolumeClaim, "v1", "persistentvolumeclaims", True),
        (Event, "v1", "events", True),
    ],
)
def test_each_kind_names_where_it_lives_in_the_api(cls: Any, api_version: str, resource: str, namespaced: bool) -> None:
    assert (cls.KIND.api_version, cls.KIND.resource, cls.KIND.namespaced) == (api_version, resource, namespaced)


def test_a_namespace_exposes_its_labels_and_phase() -> None:
    ns = Namespace.from_dict({"metadata": {"name": "team-a", "labels": {"team": "ml"}}, "status": {"phase": "Active"}})
    assert (ns.labels, ns.phase) == ({"team": "ml"}, "Active")


def test_a_secret_keeps_the_key_names_of_data_and_string_data() -> None:
    secret = Secret.from_dict(load("secret-hf-token.yaml"))
    assert secret.invalid is None
    assert (secret.type, secret.key_names) == ("Opaque", ("password", "token"))


def test_a_secret_value_never_reaches_repr_or_pickle() -> None:
    secret = Secret.from_dict(load("secret-hf-token.yaml"))
    for value in (SECRET_VALUE, PLAIN_VALUE):
        assert value not in repr(secret)
        assert value.encode() not in pickle.dumps(secret)
    assert LAST_APPLIED_ANNOTATION not in secret.meta.annotations


def test_a_malformed_secret_keeps_no_value_either() -> None:
    data = load("secret-hf-token.yaml")
    data["type"] = ["Opaque"]
    secret = Secret.from_dict(data)
    assert secret.invalid == "type should be a string, got list"
    assert secret.key_names == ()
    assert SECRET_VALUE not in repr(secret) and PLAIN_VALUE.encode() not in pickle.dumps(secret)


def test_a_secret_without_data_has_no_keys() -> None:
    assert Secret.from_dict({"metadata": {"name": "empty"}}).key_names == ()


def test_a_pvc_reads_request_capacity_class_volume_and_phase() -> None:
    pvc = PersistentVolumeClaim.from_dict(
        {
            "metadata": {"name": "dataset-mdl-qwen3-fp16", "namespace": "ml"},
            "spec": {
                "accessModes": ["ReadWriteMany"],
                "resources": {"requests": {"storage": "12Gi"}},
                "storageClassName": "nfs",
                "volumeName": "pvc-123",
            },
            "status": {"phase": "Bound", "capacity": {"storage": 13958643712}},
        }
    )
    assert pvc.invalid is None
    assert (pvc.access_modes, pvc.storage_request, pvc.capacity) == (("ReadWriteMany",), "12Gi", "13958643712")
    assert (pvc.storage_class_name, pvc.volume_name, pvc.phase) == ("nfs", "pvc-123", "Bound")


def test_a_pending_pvc_has_no_capacity_yet() -> None:
    pvc = PersistentVolumeClaim.from_dict({"metadata": {"name": "p"}, "spec": {}, "status": {"phase": "Pending"}})
    assert (pvc.capacity, pvc.volume_name, pvc.phase) == ("", "", "Pending")


def test_an_event_reads_its_subject_source_and_times() -> None:
    event = Event.from_dict(
        {
            "metadata": {"name": "mdl-qwen3-fp16.1", "namespace": "ml"},
            "type": "Warning",
            "reason": "BackoffLimitExceeded",
            "message": "Job has reached the specified backoff limit",
            "count": 4,
            "firstTimestamp": "2026-01-02T03:00:00Z",
            "lastTimestamp": "2026-01-02T03:04:05Z",
            "involvedObject": {"kind": "Job", "name": "dataset-mdl-qwen3-fp16-round-3"},
            "source": {"component": "job-controller"},
        }
    )
    assert (event.type, event.reason, event.count) == ("Warning", "BackoffLimitExceeded", 4)
    assert (event.involved_kind, event.involved_name) == ("Job", "dataset-mdl-qwen3-fp16-round-3")
    assert event.source_component == "job-controller"
    assert event.last_timestamp == dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


def test_an_event_without_legacy_timestamps_falls_back_to_event_time() -> None:
    event = Event.from_dict(
        {
            "metadata": {"name": "e"},
            "eventTime": "2026-01-02T03:04:05.123456Z",
            "firstTimestamp": None,
            "reportingComponent": "modelfs-controller",
        }
    )
    expected = dt.datetime(2026, 1, 2, 3, 4, 5, 123456, tzinfo=dt.UTC)
    assert (event.first_timestamp, event.last_timestamp, event.count) == (expected, expected, 1)
    assert event.source_component == "modelfs-controller"


@pytest.mark.parametrize(
    ("cls", "data", "reason"),
    [
        (Namespace, {"metadata": {"name": "a"}, "status": "Active"}, "status should be an object"),
        (Namespace, {"metadata": {"labels": {"a": "b"}}}, "metadata.name is missing"),
        (Secret, {"metadata": {"name": "s"}, "data": ["token"]}, "data should be an object"),
        (PersistentVolumeClaim, {"metadata": {"name": "p"}, "spec": {"accessModes": "RWX"}}, "should be a list"),
        (Event, {"metadata": {"name": "e"}, "count": "4"}, "count should be an integer"),
        (Event, "not an object", "expected an object, got str"),
    ],
)
def test_a_malformed_core_object_becomes_invalid_with_a_reason(cls: Any, data: Any, reason: str) -> None:
    item = cls.from_dict(data)
    assert item.invalid is not None and reason in item.invalid


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside ``node`` (the root excluded)."""
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
    found = []
    for key, child in children:
        found.append((*prefix, key))
        found += _paths(child, (*prefix, key))
    return found


def _replace(node: Any, path: tuple[Any, ...], value: Any) -> Any:
    copied = copy.deepcopy(node)
    target = copied
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return copied


FUZZ_BASES = [
    (Model, "model-qwen-live.yaml"),
    (Dataset, "dataset-mdl-qwen3-fp16.yaml"),
    (Secret, "secret-hf-token.yaml"),
]
FUZZ_TARGETS = [
    (kind, base, st.sampled_from([p for p in _paths(base) if p[:2] not in (("metadata",), ("metadata", "name"))]))
    for kind, base in ((kind, load(name)) for kind, name in FUZZ_BASES)
]
"""Each kind with its sample object (read once; each example changes a copy) and the paths a value may replace."""
FUZZ_TARGET = st.sampled_from(FUZZ_TARGETS)


@settings(max_examples=200, deadline=None)
@given(data=st.data(), value=JSON)
def test_from_dict_never_raises_whatever_value_sits_anywhere(data: st.DataObject, value: Any) -> None:
    kind, base, paths = data.draw(FUZZ_TARGET)
    path = data.draw(paths)
    item = kind.from_dict(_replace(base, path, value))
    assert item.name == base["metadata"]["name"]
    assert item.invalid is None or (isinstance(item.invalid, str) and item.invalid)


def test_equal_short_values_of_parsed_objects_are_one_string_and_annotations_are_not_shared() -> None:
    def parsed(name: str) -> Model:
        return Model.from_dict(
            json.loads(  # each decode makes new string objects, as each LIST does
                json.dumps(
                    {
                        "metadata": {
                            "name": name,
                            "namespace": "ml-team",
                            "labels": {"team": "ml"},
                            "annotations": {"note": "kept as read"},
                        },
                        "spec": {"sourceRef": "hf", "versions": [{"name": "v1", "repo": "org/" + "r" * 40}]},
                    }
                )
            )
        )

    a, b = parsed("a"), parsed("b")
    assert a.namespace is b.namespace
    assert a.source_ref is b.source_ref
    assert a.versions[0].name is b.versions[0].name
    assert next(iter(a.meta.labels.values())) is next(iter(b.meta.labels.values()))
    assert a.versions[0].repo == b.versions[0].repo and a.versions[0].repo is not b.versions[0].repo  # too long
    assert a.meta.annotations["note"] is not b.meta.annotations["note"]
