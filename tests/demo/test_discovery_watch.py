"""The demo cluster's discovery, OpenAPI v3 and watches, over HTTP as kubectl and client-go read them."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import urllib3

from modelfs_lib.demo.runner import EmulatorThread
from modelfs_lib.demo.watch import WatchHub

NS = "ml-team"
MODELS = f"/apis/model.samzong.dev/v1/namespaces/{NS}/models"


@pytest.fixture
def cluster() -> Iterator[EmulatorThread]:
    thread = EmulatorThread().start()
    store = thread.emulator.store
    for name in (NS, "research"):
        store.create(store.rtype("", "namespaces"), {"metadata": {"name": name}})
    yield thread
    thread.stop()


def get(cluster: EmulatorThread, path: str, **fields: str) -> Any:
    response = urllib3.request("GET", cluster.url + path, fields=fields or None, timeout=10)
    assert response.status == 200, (path, response.data)
    return response.json()


def model(name: str) -> dict[str, Any]:
    return {
        "apiVersion": "model.samzong.dev/v1",
        "kind": "Model",
        "metadata": {"name": name, "namespace": NS},
        "spec": {"sourceRef": "huggingface", "versions": [{"name": "v1", "repo": "a/b"}]},
    }


def watch(cluster: EmulatorThread, path: str, **fields: str) -> list[dict[str, Any]]:
    response = urllib3.request("GET", cluster.url + path, fields={"watch": "true", **fields}, preload_content=False)
    assert response.status == 200
    events = [json.loads(line) for line in response.read().splitlines() if line.strip()]
    response.release_conn()
    return events


def test_short_names_are_on_the_resources_and_not_on_their_status(cluster: EmulatorThread) -> None:
    core = {r["name"]: r for r in get(cluster, "/api/v1")["resources"]}
    assert core["namespaces"]["shortNames"] == ["ns"] and not core["namespaces"]["namespaced"]
    assert core["persistentvolumeclaims"]["shortNames"] == ["pvc"]
    assert core["events"]["shortNames"] == ["ev"]
    assert "shortNames" not in core["persistentvolumeclaims/status"]
    models = {r["name"]: r for r in get(cluster, "/apis/model.samzong.dev/v1")["resources"]}
    assert models["models"]["shortNames"] == ["model"] and models["modelsources"]["shortNames"] == ["msrc"]
    assert "watch" in models["models"]["verbs"]
    datasets = {r["name"]: r for r in get(cluster, "/apis/dataset.baizeai.io/v1alpha1")["resources"]}
    assert datasets["datasets"]["shortNames"] == ["data"]


def test_openapi_v3_lists_each_group_version_and_its_document_has_the_crd_schema(cluster: EmulatorThread) -> None:
    index = get(cluster, "/openapi/v3")["paths"]
    assert {"api/v1", "apis/model.samzong.dev/v1", "apis/dataset.baizeai.io/v1alpha1"} <= set(index)
    document = get(cluster, index["apis/model.samzong.dev/v1"]["serverRelativeURL"].split("?")[0])
    schema = document["components"]["schemas"]["dev.samzong.model.v1.Model"]
    assert "spec" in schema["properties"]
    assert schema["x-kubernetes-group-version-kind"] == [
        {"group": "model.samzong.dev", "version": "v1", "kind": "Model"}
    ]
    patch = document["paths"]["/apis/model.samzong.dev/v1/namespaces/{namespace}/models/{name}"]["patch"]
    assert {"fieldValidation", "dryRun"} <= {p["name"] for p in patch["parameters"]}
    missing = urllib3.request("GET", cluster.url + "/openapi/v3/apis/nothing.example/v1")
    assert missing.status == 404


def test_a_watch_from_a_lists_resource_version_streams_added_modified_deleted(cluster: EmulatorThread) -> None:
    store = cluster.emulator.store
    models = store.rtype("model.samzong.dev", "models")
    store.create(models, model("before"), namespace=NS)
    since = get(cluster, MODELS)["metadata"]["resourceVersion"]

    def change() -> None:
        time.sleep(0.3)
        store.create(models, model("m"), namespace=NS)
        store.patch(models, NS, "m", {"spec": {"display": {"description": "x"}}}, patch_type="merge")
        store.delete(models, NS, "m")

    threading.Thread(target=change).start()
    events = watch(cluster, MODELS, resourceVersion=since, timeoutSeconds="2")
    assert [(e["type"], e["object"]["metadata"]["name"]) for e in events] == [
        ("ADDED", "m"),
        ("MODIFIED", "m"),
        ("DELETED", "m"),
    ]
    versions = [int(e["object"]["metadata"]["resourceVersion"]) for e in events]
    assert versions == sorted(versions) and len(set(versions)) == 3 and versions[0] > int(since)


def test_a_watch_without_a_resource_version_starts_with_the_current_objects(cluster: EmulatorThread) -> None:
    store = cluster.emulator.store
    store.create(store.rtype("model.samzong.dev", "models"), model("there"), namespace=NS)
    events = watch(cluster, MODELS, timeoutSeconds="1", allowWatchBookmarks="true")
    assert [e["type"] for e in events] == ["ADDED", "BOOKMARK"]
    assert events[0]["object"]["metadata"]["name"] == "there"


def test_a_too_old_resource_version_is_answered_with_410_expired(cluster: EmulatorThread) -> None:
    store = cluster.emulator.store
    cluster.emulator.watches = WatchHub(store, history=2)
    since = store.resource_version()
    models = store.rtype("model.samzong.dev", "models")
    for name in ("a", "b", "c"):
        store.create(models, model(name), namespace=NS)
    [event] = watch(cluster, MODELS, resourceVersion=since, timeoutSeconds="1")
    assert event["type"] == "ERROR"
    assert (event["object"]["code"], event["object"]["reason"]) == (410, "Expired")


def test_a_watch_filters_by_namespace_and_label(cluster: EmulatorThread) -> None:
    store = cluster.emulator.store
    models = store.rtype("model.samzong.dev", "models")
    since = store.resource_version()
    labelled = model("labelled")
    labelled["metadata"]["labels"] = {"team": "ml"}
    store.create(models, labelled, namespace=NS)
    store.create(models, model("plain"), namespace=NS)
    other = model("elsewhere")
    other["metadata"]["namespace"] = "research"
    store.create(models, other, namespace="research")
    events = watch(cluster, MODELS, resourceVersion=since, labelSelector="team=ml", timeoutSeconds="1")
    assert [e["object"]["metadata"]["name"] for e in events] == ["labelled"]
