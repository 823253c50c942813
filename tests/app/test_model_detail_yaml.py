"""A Model's detail: the appliable YAML and the live object, its labels and annotations, its own Events."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from modelfs_lib.demo.events import WARNING, event_manifest
from modelfs_lib.demo.runner import EmulatorThread
from modelfs_lib.demo.seed import seed
from modelfs_lib.resources.base import LAST_APPLIED_ANNOTATION
from tests.app.conftest import add_object
from tests.helpers.detail import NS, QWEN, detail_tab, open_detail, unescaped

EXTRA = "annotated"


@pytest.fixture
def seeded(cluster: EmulatorThread, kubeconfig: object) -> EmulatorThread:
    seed(cluster.emulator.store)
    return cluster


def yaml_code(at: AppTest) -> str:
    return str(next(c.value for c in detail_tab(at, "YAML").code if c.language == "yaml"))


def add_annotated_model(cluster: EmulatorThread) -> dict[str, Any]:
    return add_object(
        cluster,
        {
            "apiVersion": "model.samzong.dev/v1",
            "kind": "Model",
            "metadata": {
                "name": EXTRA,
                "namespace": NS,
                "labels": {"team": "ml", "tier": "gold"},
                "annotations": {"owner": "alice", LAST_APPLIED_ANNOTATION: '{"kind":"Model","secret":"x"}'},
            },
            "spec": {"sourceRef": "huggingface", "versions": [{"name": "v1", "repo": "org/annotated"}]},
        },
        namespace=NS,
    )


def test_the_yaml_tab_shows_an_appliable_manifest_without_server_fields(seeded: EmulatorThread) -> None:
    at = open_detail()
    text = yaml_code(at)
    manifest = yaml.safe_load(text)
    assert list(manifest) == ["apiVersion", "kind", "metadata", "spec"]
    assert (manifest["apiVersion"], manifest["kind"]) == ("model.samzong.dev/v1", "Model")
    assert manifest["metadata"] == {"name": QWEN, "namespace": NS, "labels": {"team": "ml"}}
    assert manifest["spec"]["sourceRef"] == "huggingface"
    for server_field in ("status", "managedFields", "resourceVersion", "uid", "creationTimestamp", "generation"):
        assert server_field not in text


def test_the_download_offers_the_appliable_manifest(seeded: EmulatorThread) -> None:
    at = open_detail()
    code = yaml_code(at)
    [button] = at.get("download_button")
    assert button.proto.label == "Download YAML"
    assert code.startswith("apiVersion: model.samzong.dev/v1\nkind: Model\nmetadata:\n  name: qwen")


def test_kubectls_last_applied_annotation_is_left_out_and_the_others_kept(seeded: EmulatorThread) -> None:
    add_annotated_model(seeded)
    manifest = yaml.safe_load(yaml_code(open_detail(EXTRA)))
    assert manifest["metadata"] == {
        "name": EXTRA,
        "namespace": NS,
        "labels": {"team": "ml", "tier": "gold"},
        "annotations": {"owner": "alice"},
    }


def test_the_toggle_shows_the_live_object_with_its_status(seeded: EmulatorThread) -> None:
    at = open_detail()
    detail_tab(at, "YAML")
    at.toggle(key="models.detail.yaml.live").set_value(True).run()
    live = yaml.safe_load(yaml_code(at))
    assert live["status"]["syncedVersions"]
    assert live["metadata"]["resourceVersion"]
    assert "managedFields" not in live["metadata"]
    assert not at.get("download_button")


def test_the_detail_shows_the_models_labels_and_annotations(seeded: EmulatorThread) -> None:
    add_annotated_model(seeded)
    at = open_detail(EXTRA)
    block = unescaped(
        "\n".join(m.value for m in at.markdown if "**Labels**" in m.value or "**Annotations**" in m.value)
    )
    assert ":gray-badge[team=ml]" in block
    assert ":gray-badge[tier=gold]" in block
    assert ":violet-badge[owner=alice]" in block
    assert "secret" not in block  # the last-applied annotation is only named
    assert "kubectl's last-applied configuration" in block


def _model_event(cluster: EmulatorThread, model: dict[str, Any], reason: str, message: str, minutes: int) -> None:
    now = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=minutes)
    event = event_manifest(model, type_=WARNING, reason=reason, message=message, component="test", now=now)
    add_object(cluster, event, namespace=NS)


def test_the_models_own_events_are_listed_newest_first_and_inert(seeded: EmulatorThread) -> None:
    model = add_annotated_model(seeded)
    _model_event(seeded, model, "Older", "first", minutes=30)
    _model_event(seeded, model, "Newer", "![x](http://evil.example/p.png) :red[boom]", minutes=2)
    at = open_detail(EXTRA)
    [events] = [e for e in at.expander if e.label.startswith(f"Events of Model {EXTRA}")]
    assert events.label == f"Events of Model {EXTRA} · 2 (2 warning)"
    [listing] = [m.value for m in events.markdown]
    lines = listing.splitlines()
    assert "Newer" in lines[0] and "Older" in lines[1]
    assert "2 min ago" in lines[0]
    assert r"\!\[x\]\(http\:\/\/evil\.example\/p\.png\) \:red\[boom\]" in lines[0]
    requested = seeded.emulator.received_matching("GET", "/events$")
    assert any(f"involvedObject.name={EXTRA}" in r.params.get("fieldSelector", "") for r in requested)


def test_a_refused_events_list_is_said_in_the_events_block(seeded: EmulatorThread) -> None:
    seeded.emulator.inject("/events$", method="GET", status=403, reason="Forbidden", message="no events")
    at = open_detail()
    [events] = [e for e in at.expander if e.label.startswith("Events of Model")]
    assert f"Listing the events of Model {QWEN} failed" in unescaped(" ".join(e.value for e in events.error))
