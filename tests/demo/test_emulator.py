"""The emulator over real HTTP: the API server behaviour the console relies on."""

from __future__ import annotations

import time
from typing import Any

import pytest

from modelfs_lib.demo.emulator import ClusterEmulator
from tests.demo.conftest import Api

Served = tuple[ClusterEmulator, Api]
MODELS = "/apis/model.samzong.dev/v1/namespaces/ml/models"
SOURCES = "/apis/model.samzong.dev/v1/namespaces/ml/modelsources"
DATASETS = "/apis/dataset.baizeai.io/v1alpha1/namespaces/ml/datasets"


def source(name: str = "hf", type_: str = "HUGGING_FACE", **meta: Any) -> dict[str, Any]:
    return {
        "apiVersion": "model.samzong.dev/v1",
        "kind": "ModelSource",
        "metadata": {"name": name, **meta},
        "spec": {"type": type_},
    }


def model(name: str = "qwen", **meta: Any) -> dict[str, Any]:
    return {
        "apiVersion": "model.samzong.dev/v1",
        "kind": "Model",
        "metadata": {"name": name, **meta},
        "spec": {"sourceRef": "hf", "versions": [{"name": "v1", "repo": "acme/model"}]},
    }


def dataset(name: str = "data", **meta: Any) -> dict[str, Any]:
    return {
        "apiVersion": "dataset.baizeai.io/v1alpha1",
        "kind": "Dataset",
        "metadata": {"name": name, **meta},
        "spec": {"source": {"type": "HUGGING_FACE", "uri": "huggingface://acme/model"}},
    }


@pytest.fixture
def api(served: Served) -> Api:
    _, client = served
    assert client.post("/api/v1/namespaces", {"metadata": {"name": "ml", "labels": {"team": "ml"}}}).status_code == 201
    return client


@pytest.fixture
def emulator(served: Served) -> ClusterEmulator:
    return served[0]


# ---- create and read -------------------------------------------------------------------------
def test_create_answers_201_and_assigns_identity(api: Api) -> None:
    response = api.post(SOURCES, source())
    assert response.status_code == 201
    meta = response.json()["metadata"]
    assert meta["uid"] and meta["resourceVersion"] and meta["generation"] == 1 and meta["creationTimestamp"]
    assert meta["namespace"] == "ml"
    assert api.get(f"{SOURCES}/hf").json()["metadata"]["uid"] == meta["uid"]


def test_creating_an_existing_name_is_a_409_already_exists(api: Api) -> None:
    api.post(SOURCES, source())
    response = api.post(SOURCES, source())
    assert response.status_code == 409 and response.json()["reason"] == "AlreadyExists"


def test_a_missing_object_is_a_404_status(api: Api) -> None:
    response = api.get(f"{SOURCES}/nope")
    assert response.status_code == 404 and response.json()["kind"] == "Status"


def test_namespaces_are_listed_cluster_wide_with_their_name_label(api: Api) -> None:
    api.post("/api/v1/namespaces", {"metadata": {"name": "inference"}})
    items = api.get("/api/v1/namespaces").json()["items"]
    assert [ns["metadata"]["name"] for ns in items] == ["inference", "ml"]
    assert items[1]["metadata"]["labels"] == {"team": "ml", "kubernetes.io/metadata.name": "ml"}
    assert api.get("/api/v1/namespaces/ml").json()["metadata"]["name"] == "ml"


def test_discovery_lists_the_served_groups_and_resources(api: Api) -> None:
    groups = {g["name"] for g in api.get("/apis").json()["groups"]}
    assert {"model.samzong.dev", "dataset.baizeai.io", "authorization.k8s.io"} <= groups
    resources = api.get("/apis/model.samzong.dev/v1").json()["resources"]
    assert {"models", "models/status", "modelsources"} <= {r["name"] for r in resources}
    assert api.get("/api/v1").json()["groupVersion"] == "v1"


# ---- generation and selectors ----------------------------------------------------------------
def test_generation_bumps_on_spec_changes_only(api: Api) -> None:
    api.post(SOURCES, source())
    labelled = api.merge(f"{SOURCES}/hf", {"metadata": {"labels": {"a": "b"}}}).json()
    assert labelled["metadata"]["generation"] == 1
    status = api.merge(f"{SOURCES}/hf/status", {"status": {"referencedBy": ["ml/x"]}}).json()
    assert status["metadata"]["generation"] == 1
    changed = api.merge(f"{SOURCES}/hf", {"spec": {"type": "S3"}}).json()
    assert changed["metadata"]["generation"] == 2
    assert int(changed["metadata"]["resourceVersion"]) > int(labelled["metadata"]["resourceVersion"])


def test_label_selectors_filter_lists(api: Api) -> None:
    api.post(SOURCES, source("a", labels={"tier": "gold", "team": "ml"}))
    api.post(SOURCES, source("b", labels={"tier": "silver"}))
    api.post(SOURCES, source("c"))

    def names(selector: str) -> list[str]:
        return [o["metadata"]["name"] for o in api.get(SOURCES, labelSelector=selector).json()["items"]]

    assert names("tier=gold") == ["a"]
    assert names("tier!=gold") == ["b", "c"]
    assert names("tier in (gold,silver)") == ["a", "b"]
    assert names("tier notin (gold)") == ["b", "c"]
    assert names("team") == ["a"] and names("!team") == ["b", "c"]
    assert names("tier=gold,team=ml") == ["a"]


def test_a_label_selector_value_with_a_slash_is_a_400_like_a_real_api_server(api: Api) -> None:
    response = api.get(DATASETS, labelSelector="modelfs.samzong.dev/model=ml/qwen")
    assert response.status_code == 400 and "ml/qwen" in response.json()["message"]


def test_field_selectors_filter_lists(api: Api) -> None:
    for name, involved in (("e1", "mdl-a"), ("e2", "mdl-b")):
        api.post(
            "/api/v1/namespaces/ml/events",
            {
                "metadata": {"name": name},
                "reason": "Synced",
                "message": "ok",
                "involvedObject": {"kind": "Dataset", "name": involved},
            },
        )
    items = api.get("/api/v1/namespaces/ml/events", fieldSelector="involvedObject.name=mdl-b").json()["items"]
    assert [e["metadata"]["name"] for e in items] == ["e2"]
    items = api.get("/api/v1/namespaces/ml/events", fieldSelector="metadata.name!=e2").json()["items"]
    assert [e["metadata"]["name"] for e in items] == ["e1"]


# ---- status subresource ----------------------------------------------------------------------
def test_a_main_write_cannot_change_status(api: Api) -> None:
    api.post(SOURCES, source())
    api.merge(f"{SOURCES}/hf/status", {"status": {"referencedBy": ["ml/a"]}})
    written = api.merge(f"{SOURCES}/hf", {"spec": {"type": "S3"}, "status": {"referencedBy": ["ml/hacked"]}}).json()
    assert written["status"] == {"referencedBy": ["ml/a"]} and written["spec"]["type"] == "S3"


def test_a_status_write_cannot_change_the_spec(api: Api) -> None:
    api.post(SOURCES, source())
    written = api.merge(f"{SOURCES}/hf/status", {"spec": {"type": "S3"}, "status": {"referencedBy": ["ml/a"]}}).json()
    assert written["spec"]["type"] == "HUGGING_FACE" and written["status"]["referencedBy"] == ["ml/a"]
    current = api.get(f"{SOURCES}/hf").json()
    put = api.put(f"{SOURCES}/hf/status", {**current, "spec": {"type": "GIT"}, "status": {"referencedBy": []}}).json()
    assert put["spec"]["type"] == "HUGGING_FACE" and put["status"] == {"referencedBy": []}


def test_status_writes_are_validated_against_the_schema(api: Api) -> None:
    api.post(SOURCES, source())
    bad = {"status": {"conditions": [{"type": "CredentialsReady", "status": "Maybe"}]}}
    response = api.merge(f"{SOURCES}/hf/status", bad)
    assert response.status_code == 422


# ---- server-side apply -----------------------------------------------------------------------
def test_apply_creates_a_missing_object(api: Api) -> None:
    response = api.apply(f"{SOURCES}/hf", source(), fieldManager="modelfs-ui")
    assert response.status_code == 201
    managers = [m["manager"] for m in response.json()["metadata"]["managedFields"]]
    assert managers == ["modelfs-ui"]


def test_apply_conflicts_name_the_field_and_manager_and_force_takes_over(api: Api) -> None:
    api.apply(f"{SOURCES}/hf", source(), fieldManager="kubectl")
    conflict = api.apply(f"{SOURCES}/hf", source(type_="S3"), fieldManager="modelfs-ui")
    assert conflict.status_code == 409
    causes = conflict.json()["details"]["causes"]
    assert causes == [
        {
            "reason": "FieldManagerConflict",
            "field": ".spec.type",
            "message": 'conflict with "kubectl" using model.samzong.dev/v1',
        }
    ]
    forced = api.apply(f"{SOURCES}/hf", source(type_="S3"), fieldManager="modelfs-ui", force="true")
    assert forced.status_code == 200 and forced.json()["spec"]["type"] == "S3"
    owners = {m["manager"]: m["fieldsV1"] for m in forced.json()["metadata"]["managedFields"]}
    assert "f:type" in owners["modelfs-ui"]["f:spec"] and "f:type" not in owners.get("kubectl", {}).get("f:spec", {})


def test_apply_without_a_field_manager_is_rejected(api: Api) -> None:
    assert api.apply(f"{SOURCES}/hf", source()).status_code == 422


# ---- optimistic concurrency and deletion -----------------------------------------------------
def test_a_stale_resource_version_is_a_409_on_merge_patch_and_put(api: Api) -> None:
    created = api.post(SOURCES, source()).json()
    stale = created["metadata"]["resourceVersion"]
    api.merge(f"{SOURCES}/hf", {"metadata": {"labels": {"a": "b"}}})
    patched = api.merge(f"{SOURCES}/hf", {"metadata": {"resourceVersion": stale}, "spec": {"type": "S3"}})
    assert patched.status_code == 409 and patched.json()["reason"] == "Conflict"
    put = api.put(f"{SOURCES}/hf", {**created, "spec": {"type": "GIT"}})
    assert put.status_code == 409
    fresh = api.get(f"{SOURCES}/hf").json()
    assert api.put(f"{SOURCES}/hf", {**fresh, "spec": {"type": "GIT"}}).json()["spec"]["type"] == "GIT"


def test_put_replaces_labels_and_finalizers(api: Api) -> None:
    created = api.post(SOURCES, source(labels={"a": "b"}, finalizers=["x/y"])).json()
    body = {**created, "metadata": {"name": "hf", "resourceVersion": created["metadata"]["resourceVersion"]}}
    replaced = api.put(f"{SOURCES}/hf", body).json()
    assert "labels" not in replaced["metadata"] and "finalizers" not in replaced["metadata"]
    assert replaced["metadata"]["uid"] == created["metadata"]["uid"]


def test_delete_preconditions_must_match(api: Api) -> None:
    created = api.post(SOURCES, source()).json()
    wrong_uid = api.delete(f"{SOURCES}/hf", {"preconditions": {"uid": "not-it"}})
    wrong_version = api.delete(f"{SOURCES}/hf", {"preconditions": {"resourceVersion": "1"}})
    assert wrong_uid.status_code == 409 and wrong_version.status_code == 409
    meta = created["metadata"]
    ok = api.delete(
        f"{SOURCES}/hf", {"preconditions": {"uid": meta["uid"], "resourceVersion": meta["resourceVersion"]}}
    )
    assert ok.status_code == 200 and api.get(f"{SOURCES}/hf").status_code == 404


def test_a_finalizer_holds_deletion_until_it_is_removed(api: Api) -> None:
    api.post(SOURCES, source(finalizers=["modelfs.samzong.dev/modelsource-finalizer"]))
    held = api.delete(f"{SOURCES}/hf")
    assert held.status_code == 200 and held.json()["metadata"]["deletionTimestamp"]
    assert api.get(f"{SOURCES}/hf").json()["metadata"]["deletionTimestamp"]
    assert api.merge(f"{SOURCES}/hf", {"metadata": {"finalizers": None}}).status_code == 200
    assert api.get(f"{SOURCES}/hf").status_code == 404


def test_deleting_an_owner_garbage_collects_its_dependents(api: Api) -> None:
    owner = api.post(MODELS, model()).json()
    ref = {
        "apiVersion": "model.samzong.dev/v1",
        "kind": "Model",
        "name": "qwen",
        "uid": owner["metadata"]["uid"],
        "controller": True,
    }
    api.post(DATASETS, dataset("mdl-qwen-v1", ownerReferences=[ref]))
    api.post(DATASETS, dataset("unrelated"))
    api.delete(f"{MODELS}/qwen")
    assert api.get(f"{DATASETS}/mdl-qwen-v1").status_code == 404
    assert api.get(f"{DATASETS}/unrelated").status_code == 200


# ---- validation ------------------------------------------------------------------------------
def test_invalid_crd_content_is_a_422_with_causes(api: Api) -> None:
    response = api.post(SOURCES, source(type_="FTP"))
    assert response.status_code == 422
    body = response.json()
    assert body["reason"] == "Invalid"
    assert body["details"]["causes"][0]["field"] == "spec.type"
    assert body["details"]["causes"][0]["reason"] == "FieldValueNotSupported"
    missing = api.post(MODELS, {**model(), "spec": {"sourceRef": "hf"}})
    assert missing.status_code == 422
    assert {c["field"] for c in missing.json()["details"]["causes"]} == {"spec.versions"}


def test_a_label_value_with_a_slash_is_a_422(api: Api) -> None:
    response = api.post(DATASETS, dataset(labels={"modelfs.samzong.dev/model": "ml/qwen"}))
    assert response.status_code == 422 and "ml/qwen" in response.json()["message"]


def test_data_sync_round_may_only_grow_by_one(api: Api) -> None:
    created = api.post(DATASETS, dataset()).json()
    assert created["spec"]["dataSyncRound"] == 1  # defaulted
    assert api.merge(f"{DATASETS}/data", {"spec": {"dataSyncRound": 3}}).status_code == 422
    assert api.merge(f"{DATASETS}/data", {"spec": {"dataSyncRound": 2}}).status_code == 200
    response = api.merge(f"{DATASETS}/data", {"spec": {"source": {"uri": "huggingface://acme/other"}}})
    assert response.status_code == 422 and "immutable" in response.json()["message"]


def test_dry_run_validates_without_storing(api: Api) -> None:
    response = api.post(SOURCES, source(), dryRun="All")
    assert response.status_code == 201 and api.get(f"{SOURCES}/hf").status_code == 404
    api.post(SOURCES, source())
    dry = api.merge(f"{SOURCES}/hf", {"spec": {"type": "S3"}}, dryRun="All")
    assert dry.json()["spec"]["type"] == "S3" and api.get(f"{SOURCES}/hf").json()["spec"]["type"] == "HUGGING_FACE"
    assert api.post(SOURCES, source("bad", type_="FTP"), dryRun="All").status_code == 422


# ---- test helpers: faults, access, the request log -------------------------------------------
def test_an_injected_fault_answers_its_status_the_given_number_of_times(api: Api, emulator: ClusterEmulator) -> None:
    emulator.inject(r"/modelsources$", method="GET", status=503, reason="ServiceUnavailable", message="busy", times=1)
    first = api.get(SOURCES)
    assert first.status_code == 503 and first.json()["message"] == "busy"
    assert api.get(SOURCES).status_code == 200
    assert api.post(SOURCES, source()).status_code == 201


def test_an_injected_delay_slows_the_answer(api: Api, emulator: ClusterEmulator) -> None:
    emulator.inject(r"/modelsources$", status=0, delay=0.3)
    started = time.monotonic()
    assert api.get(SOURCES).status_code == 200
    assert time.monotonic() - started >= 0.3
    emulator.clear_faults()


def test_the_access_policy_forbids_and_access_reviews_agree(api: Api, emulator: ClusterEmulator) -> None:
    emulator.access.deny("patch", "models", group="model.samzong.dev", namespace="ml")
    api.post(SOURCES, source())
    api.post(MODELS, model())
    forbidden = api.merge(f"{MODELS}/qwen", {"metadata": {"labels": {"a": "b"}}})
    assert forbidden.status_code == 403 and forbidden.json()["reason"] == "Forbidden"
    assert api.get(f"{MODELS}/qwen").status_code == 200

    def review(verb: str) -> dict[str, Any]:
        body = {
            "apiVersion": "authorization.k8s.io/v1",
            "kind": "SelfSubjectAccessReview",
            "spec": {
                "resourceAttributes": {
                    "verb": verb,
                    "group": "model.samzong.dev",
                    "resource": "models",
                    "namespace": "ml",
                }
            },
        }
        response = api.post("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", body)
        assert response.status_code == 201
        return dict(response.json()["status"])

    assert review("patch")["allowed"] is False and review("get")["allowed"] is True


def test_received_requests_are_logged_for_assertions(api: Api, emulator: ClusterEmulator) -> None:
    api.merge(f"{SOURCES}/missing", {"spec": {"type": "S3"}}, fieldManager="modelfs-ui")
    [request] = emulator.received_matching("PATCH", r"/modelsources/missing$")
    assert request.content_type == "application/merge-patch+json" and request.params["fieldManager"] == "modelfs-ui"
    assert request.body == {"spec": {"type": "S3"}}


def test_an_unknown_patch_content_type_is_a_415(api: Api) -> None:
    api.post(SOURCES, source())
    assert api.request("PATCH", f"{SOURCES}/hf", {"spec": {}}, content_type="text/plain").status_code == 415


def test_an_apply_carrying_a_stale_resource_version_is_refused() -> None:
    from modelfs_lib.demo.store import ApiError, ObjectStore

    store = ObjectStore()
    store.create(store.rtype("", "namespaces"), {"metadata": {"name": "ml"}})
    source = {
        "apiVersion": "model.samzong.dev/v1",
        "kind": "ModelSource",
        "metadata": {"name": "hf"},
        "spec": {"type": "HUGGING_FACE"},
    }
    rtype = store.rtype_of(source)
    created = store.patch(rtype, "ml", "hf", source, patch_type="apply", manager="modelfs-ui")
    version = created["metadata"]["resourceVersion"]
    store.patch(rtype, "ml", "hf", {"spec": {"config": {"endpoint": "x"}}}, patch_type="merge", manager="other")
    stale = {**source, "metadata": {"name": "hf", "resourceVersion": version}}
    with pytest.raises(ApiError) as caught:
        store.patch(rtype, "ml", "hf", stale, patch_type="apply", manager="modelfs-ui")
    assert caught.value.status == 409
    fresh = store.get(rtype, "ml", "hf")["metadata"]["resourceVersion"]
    applied = store.patch(
        rtype,
        "ml",
        "hf",
        {
            **source,
            "metadata": {"name": "hf", "resourceVersion": fresh},
            "spec": {"type": "HUGGING_FACE", "secretRef": "t"},
        },
        patch_type="apply",
        manager="modelfs-ui",
    )
    assert applied["spec"]["secretRef"] == "t"
    assert "resourceVersion" not in str(store.get(rtype, "ml", "hf")["metadata"].get("managedFields"))
