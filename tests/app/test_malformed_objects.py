"""Every page survives objects that do not match the CRD: Models, ModelSources, Datasets and Events.

Each variant is stored as the API server would hand it over from an older or broken writer (the
emulator skips its schema check for them), then the pages that read that kind are opened: none
raises, each says what could not be read, and the rest of the page still works.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from modelfs_lib.demo.runner import EmulatorThread
from tests.app.conftest import app
from tests.helpers.sources import open_sources

NS = "ml-team"
GOOD = "qwen2-5-7b-instruct"
"""A demo Model with a Dataset per version (mdl-qwen2-5-7b-instruct-fp16) and a ModelSource (huggingface)."""
HOSTILE = "![x](https://tracker.example/pixel.png) <img src=x onerror=alert(1)> :red[boom] $x^2$"


def store_raw(cluster: EmulatorThread, manifest: dict[str, Any]) -> None:
    """Store ``manifest`` as is (status kept, the CRD's schema not checked)."""
    store = cluster.emulator.store
    store.create(store.rtype_of(manifest), manifest, namespace=NS, keep_status=True, validate_schema=False)


def patched(base: dict[str, Any], path: list[str | int], value: Any) -> dict[str, Any]:
    result = copy.deepcopy(base)
    target: Any = result
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return result


def open_page(**params: str) -> AppTest:
    at = app()
    at.query_params["ns"] = NS
    for name, value in params.items():
        at.query_params[name] = value
    return at.run()


def page_text(at: AppTest) -> str:
    kinds = ("markdown", "caption", "error", "warning", "info", "success", "title", "subheader")
    return "\n".join(str(el.value) for kind in kinds for el in getattr(at, kind))


UNESCAPED = re.compile(r"(?<!\\)(!\[x|<img|:red\[boom)")
"""Markdown that would fetch an image, render HTML or colour text: what an object's text must never become."""


def no_image_or_html(at: AppTest) -> None:
    """No image element, and no markdown that would fetch an image or render HTML from an object's text."""
    assert not at.get("image")
    for kind in ("markdown", "caption", "error", "warning", "info", "success"):
        for element in getattr(at, kind):
            text = str(element.value)
            assert not UNESCAPED.search(text), text


# ---- Models ------------------------------------------------------------------------------------

MODEL: dict[str, Any] = {
    "apiVersion": "model.samzong.dev/v1",
    "kind": "Model",
    "metadata": {"name": "broken", "namespace": NS},
    "spec": {"sourceRef": "huggingface", "versions": [{"name": "v1", "repo": "acme/broken"}]},
    "status": {"syncedVersions": [{"name": "v1", "phase": "READY"}]},
}

MODEL_VARIANTS = {
    "versions-a-string": (["spec", "versions"], "oops"),
    "synced-versions-a-map": (["status", "syncedVersions"], {"v1": "READY"}),
    "last-sync-time-not-a-time": (["status", "syncedVersions", 0, "lastSyncTime"], "yesterday"),
    "spec-null": (["spec"], None),
    "spec-a-list": (["spec"], ["sourceRef"]),
    "status-a-string": (["status"], "fine"),
    "display-a-string": (["spec", "display"], "a description"),
    "tags-a-string": (["spec", "display"], {"tags": "a,b"}),
    "version-without-name": (["spec", "versions", 0], {"repo": "acme/broken"}),
    "version-a-number": (["spec", "versions", 0], 7),
    "storage-a-string": (["spec", "versions", 0, "storage"], "10Gi"),
    "selector-a-string": (["spec", "versions", 0, "share"], {"enabled": True, "namespaceSelector": "team=ml"}),
    "conditions-a-map": (["status", "conditions"], {"type": "ReconcileError"}),
    "observed-generation-a-string": (["status", "observedGeneration"], "3"),
    "version-name-a-number": (["spec", "versions", 0, "name"], 5),
    "metadata-a-number-in-version": (["spec", "versions", 0, "metadata"], ["a", "b"]),
    "observed-storage-a-map": (["status", "syncedVersions", 0, "observedStorage"], {"storage": "1Gi"}),
}


@pytest.mark.parametrize("variant", sorted(MODEL_VARIANTS))
def test_a_model_that_does_not_match_the_crd_leaves_its_detail_and_the_list_working(
    seeded: EmulatorThread, variant: str
) -> None:
    path, value = MODEL_VARIANTS[variant]
    store_raw(seeded, patched(MODEL, path, value))
    at = open_page(model="broken")
    assert not at.exception, at.exception
    assert at.title[0].value == "broken"
    (error,) = [e.value for e in at.error if "could not be read" in e.value]
    assert error.startswith("This Model could not be read: ")
    assert "YAML tab" in error
    assert [t.label for t in at.tabs] == ["YAML"]
    assert at.get("code"), "the stored spec is shown"
    assert "models.detail.edit-yaml" in [b.key for b in at.button]
    assert "models.detail.edit" not in [b.key for b in at.button]
    assert "models.detail.delete" in [b.key for b in at.button]

    listing = open_page()
    assert not listing.exception, listing.exception
    frame = listing.dataframe[0].value
    assert GOOD in set(frame.iloc[:, 0]) or GOOD in frame.to_string()
    assert "broken" in frame.to_string()


def test_hostile_display_text_renders_inert_and_no_logo_is_fetched(seeded: EmulatorThread) -> None:
    manifest = patched(
        MODEL, ["spec", "display"], {"description": HOSTILE, "tags": ["a]b", ":red[x]"], "logoURL": "/etc/passwd"}
    )
    store_raw(seeded, manifest)
    at = open_page(model="broken")
    assert not at.exception, at.exception
    no_image_or_html(at)
    text = page_text(at)
    assert "Logo: /etc/passwd" in text.replace("\\", "")
    assert "not an http(s) URL, so not a link" in text


@pytest.mark.parametrize(
    "logo", ["javascript:alert(1)", "data:image/png;base64,AAAA", "file:///etc/passwd", "x" * 5000]
)
def test_a_logo_url_is_never_an_image_and_a_link_only_when_http(seeded: EmulatorThread, logo: str) -> None:
    store_raw(seeded, patched(MODEL, ["spec", "display"], {"logoURL": logo}))
    at = open_page(model="broken")
    assert not at.exception, at.exception
    assert not at.get("image")
    captions = [c.value for c in at.caption if c.value.startswith("Logo:")]
    assert captions and "](" not in captions[0]


def test_an_http_logo_is_a_link_not_an_image(seeded: EmulatorThread) -> None:
    store_raw(seeded, patched(MODEL, ["spec", "display"], {"logoURL": "https://example.com/a(1).png"}))
    at = open_page(model="broken")
    assert not at.get("image")
    (caption,) = [c.value for c in at.caption if c.value.startswith("Logo:")]
    assert caption.endswith("(https://example.com/a%281%29.png)")


# ---- ModelSources ------------------------------------------------------------------------------

SOURCE: dict[str, Any] = {
    "apiVersion": "model.samzong.dev/v1",
    "kind": "ModelSource",
    "metadata": {"name": "broken-src", "namespace": NS},
    "spec": {"type": "HUGGING_FACE", "secretRef": "hf-token", "config": {"endpoint": "https://hf.co"}},
    "status": {"conditions": [{"type": "CredentialsReady", "status": "True", "reason": "SecretValid"}]},
}

SOURCE_VARIANTS = {
    "spec-null": (["spec"], None),
    "type-a-number": (["spec", "type"], 3),
    "type-unknown": (["spec", "type"], "FTP"),
    "config-a-list": (["spec", "config"], ["endpoint"]),
    "config-value-a-map": (["spec", "config", "endpoint"], {"url": "x"}),
    "secret-ref-a-map": (["spec", "secretRef"], {"name": "hf-token"}),
    "conditions-a-string": (["status", "conditions"], "ready"),
    "condition-time-not-a-time": (["status", "conditions", 0, "lastTransitionTime"], "soon"),
    "condition-without-type": (["status", "conditions", 0], {"status": "True"}),
    "referenced-by-a-string": (["status", "referencedBy"], "ml-team/qwen"),
    "referenced-by-numbers": (["status", "referencedBy"], [1, 2]),
    "hostile-message": (["status", "conditions", 0, "message"], HOSTILE),
}


@pytest.mark.parametrize("variant", sorted(SOURCE_VARIANTS))
def test_a_model_source_that_does_not_match_the_crd_leaves_its_pages_working(
    seeded: EmulatorThread, variant: str
) -> None:
    path, value = SOURCE_VARIANTS[variant]
    store_raw(seeded, patched(SOURCE, path, value))
    listing = open_sources()
    assert not listing.exception, listing.exception
    assert "broken-src" in listing.dataframe[0].value.to_string()
    assert "huggingface" in listing.dataframe[0].value.to_string()
    detail = open_sources(source="broken-src")
    assert not detail.exception, detail.exception
    no_image_or_html(detail)
    model = open_page(model=GOOD)
    assert not model.exception, model.exception


# ---- Datasets ----------------------------------------------------------------------------------

DATASET_NAME = f"mdl-{GOOD}-fp16"


def _dataset(cluster: EmulatorThread) -> dict[str, Any]:
    store = cluster.emulator.store
    return copy.deepcopy(store.get(store.rtype("dataset.baizeai.io", "datasets"), NS, DATASET_NAME))


DATASET_VARIANTS = {
    "spec-null": (["spec"], None),
    "source-a-string": (["spec", "source"], "huggingface://x"),
    "options-a-list": (["spec", "source", "options"], ["a"]),
    "round-a-string": (["spec", "dataSyncRound"], "two"),
    "status-a-list": (["status"], ["READY"]),
    "phase-a-number": (["status", "phase"], 3),
    "rounds-a-map": (["status", "syncRoundStatuses"], {"round": 1}),
    "round-start-not-a-time": (["status", "syncRoundStatuses"], [{"round": 1, "startTime": "today"}]),
    "last-sync-not-a-time": (["status", "lastSyncTime"], "yesterday"),
    "conditions-a-string": (["status", "conditions"], "Ready"),
    "hostile-condition-message": (["status", "conditions"], [{"type": "Ready", "status": "False", "message": HOSTILE}]),
    "unknown-type": (["spec", "source", "type"], "DATABASE"),
}


@pytest.mark.parametrize("variant", sorted(DATASET_VARIANTS))
def test_a_dataset_that_does_not_match_the_crd_leaves_the_model_detail_working(
    seeded: EmulatorThread, variant: str
) -> None:
    store = seeded.emulator.store
    rtype = store.rtype("dataset.baizeai.io", "datasets")
    dataset = _dataset(seeded)
    path, value = DATASET_VARIANTS[variant]
    broken = patched(dataset, path, value)
    store.delete(rtype, NS, DATASET_NAME)
    for key in ("uid", "resourceVersion", "creationTimestamp", "generation", "managedFields"):
        broken["metadata"].pop(key, None)
    store_raw(seeded, broken)
    at = open_page(model=GOOD, version="fp16")
    assert not at.exception, at.exception
    assert at.title[0].value == GOOD
    assert at.dataframe(key="models.detail.versions").value.shape[0] >= 1
    no_image_or_html(at)


# ---- Events ------------------------------------------------------------------------------------

EVENT: dict[str, Any] = {
    "apiVersion": "v1",
    "kind": "Event",
    "metadata": {"name": "broken-event", "namespace": NS},
    "involvedObject": {"kind": "Model", "name": GOOD, "namespace": NS, "apiVersion": "model.samzong.dev/v1"},
    "reason": "Synced",
    "message": "ok",
    "type": "Normal",
    "count": 1,
    "lastTimestamp": "2026-01-01T00:00:00Z",
}

EVENT_VARIANTS = {
    "count-a-string": (["count"], "many"),
    "count-a-bool": (["count"], True),
    "last-timestamp-not-a-time": (["lastTimestamp"], "yesterday"),
    "event-time-a-number": (["eventTime"], 12),
    "message-a-map": (["message"], {"text": "x"}),
    "reason-a-list": (["reason"], ["a"]),
    "type-a-number": (["type"], 1),
    "source-a-string": (["source"], "controller"),
    "series-a-list": (["series"], [1]),
    "hostile-message": (["message"], HOSTILE),
    "involved-uid-a-number": (["involvedObject", "uid"], 5),
}


@pytest.mark.parametrize("variant", sorted(EVENT_VARIANTS))
def test_an_event_that_does_not_match_its_schema_leaves_the_model_detail_working(
    seeded: EmulatorThread, variant: str
) -> None:
    path, value = EVENT_VARIANTS[variant]
    store_raw(seeded, patched(EVENT, path, value))
    dataset_event = patched(patched(EVENT, path, value), ["involvedObject"], {"kind": "Dataset", "name": DATASET_NAME})
    dataset_event["metadata"]["name"] = "broken-dataset-event"
    store_raw(seeded, dataset_event)
    at = open_page(model=GOOD, version="fp16")
    assert not at.exception, at.exception
    assert at.title[0].value == GOOD
    no_image_or_html(at)


HOSTILE = "![x](http://tracker.example/p.png) <img src=x> :red[boom] [run](javascript:alert(1))"


def test_hostile_condition_and_reconcile_messages_stay_inert_in_findings_and_the_list(seeded: EmulatorThread) -> None:
    error = {
        "type": "ReconcileError",
        "status": "False",
        "reason": "ModelSourceNotFound",
        "message": HOSTILE,
        "lastTransitionTime": "2026-11-29T10:00:00Z",
    }
    failed = {"type": "Ready", "status": "False", "reason": "SyncFailed", "message": HOSTILE}
    hostile = patched(
        patched(MODEL, ["status", "conditions"], [error]),
        ["status", "syncedVersions"],
        [{"name": "v1", "phase": "FAILED", "conditions": [failed]}],
    )
    hostile["spec"]["sourceRef"] = "nowhere"
    store_raw(seeded, {**hostile, "metadata": {"name": "hostile", "namespace": NS}})
    listing = open_page()
    assert not listing.exception
    no_image_or_html(listing)
    detail = open_page(model="hostile")
    assert not detail.exception
    no_image_or_html(detail)
    assert "javascript:" not in " ".join(str(m.value) for m in detail.markdown if "](javascript" in str(m.value))
    labels = [e.label for e in detail.expander]
    assert any("ReconcileError" in label for label in labels)
