"""Paged lists on the demo cluster (``limit`` / ``continue``), as consistent as an API server's, and the
store's shared list objects staying as they were listed."""

from __future__ import annotations

import base64
import copy
import json
from typing import Any

import pytest

from modelfs_lib.demo.emulator import ClusterEmulator
from modelfs_lib.demo.paging import EXPIRED_MESSAGE
from modelfs_lib.demo.store import ObjectStore
from tests.demo.conftest import Api

Served = tuple[ClusterEmulator, Api]
NS = "ml"
MODELS = f"/apis/model.samzong.dev/v1/namespaces/{NS}/models"


def model(name: str, **labels: str) -> dict[str, Any]:
    return {
        "apiVersion": "model.samzong.dev/v1",
        "kind": "Model",
        "metadata": {"name": name, "labels": labels},
        "spec": {"sourceRef": "hf", "versions": [{"name": "v1", "repo": "acme/model"}]},
    }


@pytest.fixture
def served_models(served: Served) -> Served:
    """The emulator with the namespace ``ml`` and the Models m0..m4 in it."""
    emulator, api = served
    assert api.post("/api/v1/namespaces", {"metadata": {"name": NS}}).status_code == 201
    for i in range(5):
        assert api.post(MODELS, model(f"m{i}", team="a" if i % 2 == 0 else "b")).status_code == 201
    return emulator, api


def names(body: dict[str, Any]) -> list[str]:
    return [item["metadata"]["name"] for item in body["items"]]


def read_pages(api: Api, limit: int, **params: str) -> list[dict[str, Any]]:
    """Every page of the Models list, following ``continue``."""
    pages = [api.get(MODELS, limit=str(limit), **params).json()]
    while pages[-1]["metadata"].get("continue"):
        token = pages[-1]["metadata"]["continue"]
        pages.append(api.get(MODELS, limit=str(limit), **params, **{"continue": token}).json())
    return pages


def test_without_a_limit_or_with_limit_0_a_list_has_everything_and_no_continue(served_models: Served) -> None:
    _, api = served_models
    for params in ({}, {"limit": "0"}, {"limit": "5"}):
        body = api.get(MODELS, **params).json()
        assert names(body) == ["m0", "m1", "m2", "m3", "m4"]
        assert set(body["metadata"]) == {"resourceVersion"}


def test_pages_go_in_key_order_with_the_remaining_count_and_the_first_pages_resource_version(
    served_models: Served,
) -> None:
    _, api = served_models
    pages = read_pages(api, 2)
    assert [names(p) for p in pages] == [["m0", "m1"], ["m2", "m3"], ["m4"]]
    assert [p["metadata"].get("remainingItemCount") for p in pages] == [3, 1, None]
    assert "continue" not in pages[-1]["metadata"]
    assert len({p["metadata"]["resourceVersion"] for p in pages}) == 1
    assert int(pages[0]["metadata"]["resourceVersion"]) >= max(
        int(item["metadata"]["resourceVersion"]) for p in pages for item in p["items"]
    )


def test_later_pages_show_the_list_as_of_its_first_page(served_models: Served) -> None:
    _, api = served_models
    first = api.get(MODELS, limit="2").json()
    token = first["metadata"]["continue"]
    before = api.get(f"{MODELS}/m3").json()
    patched = {"spec": {"display": {"description": "changed"}}}
    assert api.merge(f"{MODELS}/m3", patched).status_code == 200
    assert api.post(MODELS, model("m25")).status_code == 201  # sorts between m2 and m3
    assert api.delete(f"{MODELS}/m2").status_code == 200
    second = api.get(MODELS, limit="2", **{"continue": token}).json()
    assert names(second) == ["m2", "m3"]
    assert second["items"][1] == before
    assert second["metadata"]["resourceVersion"] == first["metadata"]["resourceVersion"]
    assert second["metadata"]["remainingItemCount"] == 1
    last = api.get(MODELS, limit="2", **{"continue": second["metadata"]["continue"]}).json()
    assert names(last) == ["m4"]
    fresh = api.get(MODELS).json()
    assert names(fresh) == ["m0", "m1", "m25", "m3", "m4"]
    assert fresh["items"][3]["spec"]["display"]["description"] == "changed"
    assert int(fresh["metadata"]["resourceVersion"]) > int(first["metadata"]["resourceVersion"])


def test_the_first_requests_selectors_hold_for_every_page(served_models: Served) -> None:
    _, api = served_models
    pages = read_pages(api, 1, labelSelector="team=a")
    assert [names(p) for p in pages] == [["m0"], ["m2"], ["m4"]]
    assert [p["metadata"].get("remainingItemCount") for p in pages] == [2, 1, None]
    by_field = read_pages(api, 2, fieldSelector="metadata.name!=m1")
    assert [names(p) for p in by_field] == [["m0", "m2"], ["m3", "m4"]]


def _token(**fields: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(fields).encode()).decode()


@pytest.mark.parametrize(
    "token",
    ["not a token", "e30=", _token(id="999", start=1), _token(id=1, start=1), _token(id="1", start=-1), "W10="],
)
def test_an_unknown_or_malformed_continue_token_is_410_expired(served_models: Served, token: str) -> None:
    _, api = served_models
    response = api.get(MODELS, limit="2", **{"continue": token})
    assert response.status_code == 410
    body = response.json()
    assert (body["kind"], body["reason"], body["code"], body["message"]) == ("Status", "Expired", 410, EXPIRED_MESSAGE)


def test_a_snapshot_expires_after_its_time_and_when_too_many_lists_are_paged(served_models: Served) -> None:
    emulator, api = served_models
    token = api.get(MODELS, limit="2").json()["metadata"]["continue"]
    emulator.pages.ttl = 0.0
    assert api.get(MODELS, limit="2", **{"continue": token}).status_code == 410
    emulator.pages.ttl = 60.0
    emulator.pages.keep = 2
    tokens = [api.get(MODELS, limit="2").json()["metadata"]["continue"] for _ in range(3)]
    assert api.get(MODELS, limit="2", **{"continue": tokens[0]}).status_code == 410
    assert names(api.get(MODELS, limit="2", **{"continue": tokens[2]}).json()) == ["m2", "m3"]
    emulator.reset()
    assert api.get(MODELS, limit="2", **{"continue": tokens[1]}).status_code == 410


def test_a_continue_token_of_another_list_is_a_400(served_models: Served) -> None:
    _, api = served_models
    token = api.get(MODELS, limit="2").json()["metadata"]["continue"]
    response = api.get("/api/v1/namespaces", limit="2", **{"continue": token})
    assert response.status_code == 400


def test_a_watch_from_the_first_pages_version_gets_every_change_made_while_paging(served_models: Served) -> None:
    _, api = served_models
    first = api.get(MODELS, limit="2").json()
    assert api.merge(f"{MODELS}/m3", {"spec": {"display": {"description": "x"}}}).status_code == 200
    assert api.post(MODELS, model("m9")).status_code == 201
    assert api.delete(f"{MODELS}/m0").status_code == 200
    rest = read_pages_from(api, first["metadata"]["continue"])
    assert names(first) + rest == ["m0", "m1", "m2", "m3", "m4"]
    response = api.get(MODELS, watch="true", resourceVersion=first["metadata"]["resourceVersion"], timeoutSeconds="1")
    events = [json.loads(line) for line in response.text.splitlines() if line.strip()]
    assert [(e["type"], e["object"]["metadata"]["name"]) for e in events] == [
        ("MODIFIED", "m3"),
        ("ADDED", "m9"),
        ("DELETED", "m0"),
    ]


def read_pages_from(api: Api, token: str) -> list[str]:
    """The names on the pages after the one that gave ``token``."""
    found: list[str] = []
    while token:
        body = api.get(MODELS, limit="2", **{"continue": token}).json()
        found += names(body)
        token = body["metadata"].get("continue", "")
    return found


# ---- the store -------------------------------------------------------------------------------
def test_read_list_is_in_key_order_per_namespace_and_list_gives_copies(store: ObjectStore) -> None:
    namespaces, models = store.rtype("", "namespaces"), store.rtype("model.samzong.dev", "models")
    for ns in ("ml-team", "ml", "a"):
        store.create(namespaces, {"metadata": {"name": ns}})
        for name in ("zeta", "alpha"):
            store.create(models, model(name), namespace=ns)
    everything, version = store.read_list(models)
    assert [(m["metadata"]["namespace"], m["metadata"]["name"]) for m in everything] == [
        (ns, name) for ns in ("a", "ml", "ml-team") for name in ("alpha", "zeta")
    ]
    assert int(version) > max(int(m["metadata"]["resourceVersion"]) for m in everything)
    in_ml, _ = store.read_list(models, "ml")
    assert [(m["metadata"]["namespace"], m["metadata"]["name"]) for m in in_ml] == [("ml", "alpha"), ("ml", "zeta")]
    assert store.read_list(models, "nowhere")[0] == []
    copied = store.list(models, "ml")
    copied[0]["metadata"]["labels"] = {"changed": "yes"}
    assert store.read_list(models, "ml")[0][0]["metadata"].get("labels") == {}


def test_no_write_changes_an_object_a_list_handed_out(store: ObjectStore) -> None:
    namespaces, models = store.rtype("", "namespaces"), store.rtype("model.samzong.dev", "models")
    store.create(namespaces, {"metadata": {"name": NS}})
    for name in ("a", "b", "c", "d", "e", "f"):
        store.create(models, {**model(name), "metadata": {"name": name, "finalizers": ["keep"]}}, namespace=NS)
    listed, _ = store.read_list(models, NS)
    as_listed = copy.deepcopy(listed)
    store.patch(models, NS, "a", {"metadata": {"labels": {"new": "1"}}}, patch_type="merge", manager="m")
    store.patch(models, NS, "b", [{"op": "add", "path": "/metadata/labels", "value": {"j": "1"}}], patch_type="json")
    store.patch(models, NS, "c", {"status": {"observedGeneration": 1}}, patch_type="merge", subresource="status")
    store.patch(models, NS, "c", {**model("c", applied="1"), "spec": {}}, patch_type="apply", manager="ssa", force=True)
    current = store.get(models, NS, "d")
    current["metadata"]["annotations"] = {"note": "x"}
    current["spec"]["versions"][0]["repo"] = "other/model"
    replaced = store.replace(models, NS, "d", current, manager="put")
    store.replace(models, NS, "d", {**replaced, "status": {"observedGeneration": 2}}, subresource="status")
    store.delete(models, NS, "e")  # held by its finalizer: gets a deletionTimestamp
    store.patch(models, NS, "e", {"metadata": {"finalizers": None}}, patch_type="merge")  # now removed
    store.delete(models, NS, "f")
    store.restore(store.snapshot())
    assert listed == as_listed
    assert [m["metadata"]["name"] for m in store.read_list(models, NS)[0]] == ["a", "b", "c", "d", "f"]
