"""The client over real HTTP against the project's Kubernetes emulator: requests sent and every error class."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from modelfs_lib import errors
from modelfs_lib.client import ClusterClient
from modelfs_lib.demo.runner import EmulatorThread
from modelfs_lib.resources import Dataset, Model, Namespace

from .conftest import ClientFactory

MODEL = {
    "apiVersion": "model.samzong.dev/v1",
    "kind": "Model",
    "metadata": {"name": "qwen3", "namespace": "ml-team"},
    "spec": {"sourceRef": "hf", "versions": [{"name": "fp16", "repo": "qwen/Qwen2.5-0.5B"}]},
}
MODELS_PATH = "/apis/model.samzong.dev/v1/namespaces/ml-team/models"


@pytest.fixture
def cluster() -> Iterator[EmulatorThread]:
    with EmulatorThread() as thread:
        store = thread.emulator.store
        store.create(store.rtype("", "namespaces"), {"metadata": {"name": "ml-team", "labels": {"team": "ml"}}})
        yield thread


@pytest.fixture
def client(cluster: EmulatorThread, connect_to: ClientFactory) -> ClusterClient:
    return connect_to(cluster.url, timeout_seconds=2)


def test_apply_sends_a_server_side_apply_as_modelfs_ui(cluster: EmulatorThread, client: ClusterClient) -> None:
    client.apply({**MODEL, "status": {"observedGeneration": 9}})
    (request,) = cluster.emulator.received_matching("PATCH", f"{MODELS_PATH}/qwen3$")
    assert request.content_type == "application/apply-patch+yaml"
    assert request.params["fieldManager"] == "modelfs-ui"
    assert "force" not in request.params or request.params["force"] == "false"
    assert "status" not in request.body
    assert request.body["spec"] == MODEL["spec"]


def test_a_dry_run_apply_stores_nothing(cluster: EmulatorThread, client: ClusterClient) -> None:
    client.apply(MODEL, dry_run=True)
    (request,) = cluster.emulator.received_matching("PATCH", f"{MODELS_PATH}/qwen3$")
    assert request.params["dryRun"] == "All"
    assert client.list(Model, namespace="ml-team") == []


def test_typed_lists_read_back_what_was_applied(client: ClusterClient) -> None:
    client.apply(MODEL)
    (model,) = client.list(Model, namespace="ml-team")
    assert model.name == "qwen3"
    assert model.versions[0].repo == "qwen/Qwen2.5-0.5B"
    assert model.meta.generation == 1
    assert [ns.name for ns in client.list(Namespace, namespace=None)] == ["ml-team"]


def test_a_merge_patch_with_a_stale_resource_version_is_a_conflict(client: ClusterClient) -> None:
    dataset = {
        "apiVersion": "dataset.baizeai.io/v1alpha1",
        "kind": "Dataset",
        "metadata": {"name": "mdl-qwen3-fp16", "namespace": "ml-team"},
        "spec": {"source": {"type": "HUGGING_FACE", "uri": "huggingface://qwen/Qwen2.5-0.5B"}},
    }
    client.apply(dataset)
    live = client.get(Dataset, namespace="ml-team", name="mdl-qwen3-fp16")
    patch = {"metadata": {"resourceVersion": live.meta.resource_version}, "spec": {"dataSyncRound": 2}}
    client.merge_patch(Dataset, namespace="ml-team", name="mdl-qwen3-fp16", patch=patch)
    with pytest.raises(errors.Conflict) as caught:
        client.merge_patch(Dataset, namespace="ml-team", name="mdl-qwen3-fp16", patch=patch)
    assert "modified" in caught.value.summary or "changed" in caught.value.summary


def test_an_apply_conflict_names_the_fields_and_their_managers(cluster: EmulatorThread, client: ClusterClient) -> None:
    store = cluster.emulator.store
    store.patch(store.rtype_of(MODEL), "ml-team", "qwen3", MODEL, patch_type="apply", manager="kubectl")
    changed = {**MODEL, "spec": {**MODEL["spec"], "sourceRef": "other"}}
    with pytest.raises(errors.ApplyConflict) as caught:
        client.apply(changed)
    assert any(cause.field == ".spec.sourceRef" for cause in caught.value.causes)
    assert "kubectl" in caught.value.summary
    client.apply(changed, force=True)
    assert client.get(Model, namespace="ml-team", name="qwen3").source_ref == "other"


def test_an_invalid_object_is_rejected_with_its_field_causes(client: ClusterClient) -> None:
    bad = {**MODEL, "spec": {"sourceRef": "hf", "versions": [{"name": "v", "repo": "r", "precision": "FP8"}]}}
    with pytest.raises(errors.Invalid) as caught:
        client.apply(bad)
    assert [cause.field for cause in caught.value.causes] == ["spec.versions[0].precision"]


def test_delete_sends_its_preconditions(cluster: EmulatorThread, client: ClusterClient) -> None:
    client.apply(MODEL)
    with pytest.raises(errors.Conflict):
        client.delete(Model, namespace="ml-team", name="qwen3", resource_version="1")
    (request,) = cluster.emulator.received_matching("DELETE", f"{MODELS_PATH}/qwen3$")
    assert request.body["preconditions"] == {"resourceVersion": "1"}


def test_access_reviews_follow_the_clusters_policy(cluster: EmulatorThread, client: ClusterClient) -> None:
    cluster.emulator.access.deny("delete", "models", group="model.samzong.dev", namespace="ml-team")
    assert not client.can_i(verb="delete", kind=Model.KIND, namespace="ml-team").allowed
    assert client.can_i(verb="get", kind=Model.KIND, namespace="ml-team").allowed
    with pytest.raises(errors.Forbidden) as caught:
        client.delete(Model, namespace="ml-team", name="qwen3")
    assert "delete" in caught.value.summary


@pytest.mark.parametrize(
    ("status", "reason", "error_class"),
    [
        (400, "BadRequest", errors.Invalid),
        (401, "Unauthorized", errors.Unauthorized),
        (403, "Forbidden", errors.Forbidden),
        (404, "NotFound", errors.NotFound),
        (409, "Conflict", errors.Conflict),
        (422, "Invalid", errors.Invalid),
        (429, "TooManyRequests", errors.TooManyRequests),
        (500, "InternalError", errors.ServerError),
        (503, "ServiceUnavailable", errors.ServerError),
        (504, "Timeout", errors.Timeout),
    ],
)
def test_each_injected_status_becomes_its_error_class(
    cluster: EmulatorThread, client: ClusterClient, status: int, reason: str, error_class: type[errors.ClusterError]
) -> None:
    cluster.emulator.inject(
        f"{MODELS_PATH}$",
        method="GET",
        status=status,
        reason=reason,
        message="injected",
        headers={"Retry-After": "7"} if status in (429, 503) else {},
    )
    with pytest.raises(error_class) as caught:
        client.list(Model, namespace="ml-team")
    assert caught.value.status == status
    assert caught.value.summary


def test_a_slow_answer_becomes_a_timeout(cluster: EmulatorThread, client: ClusterClient) -> None:
    cluster.emulator.inject(f"{MODELS_PATH}$", method="GET", status=0, delay=4, times=1)
    with pytest.raises(errors.Timeout) as caught:
        client.list(Model, namespace="ml-team")
    assert cluster.url.removeprefix("http://") in caught.value.summary or "answer" in caught.value.summary


def test_a_non_status_error_body_still_maps_cleanly(cluster: EmulatorThread, client: ClusterClient) -> None:
    cluster.emulator.inject(f"{MODELS_PATH}$", method="GET", status=502, raw_body="<html>bad gateway</html>")
    with pytest.raises(errors.ServerError) as caught:
        client.list(Model, namespace="ml-team")
    assert caught.value.status == 502
    assert "<html>" not in caught.value.summary
    assert "bad gateway" in caught.value.summary


def _store_models(cluster: EmulatorThread, count: int) -> None:
    store = cluster.emulator.store
    models = store.rtype("model.samzong.dev", "models")
    for i in range(count):
        store.create(models, {**MODEL, "metadata": {"name": f"m-{i:04d}"}}, namespace="ml-team")


def test_a_list_of_more_than_a_page_is_read_page_by_page_at_the_first_pages_version(
    cluster: EmulatorThread, client: ClusterClient
) -> None:
    _store_models(cluster, 1201)
    items, version = client.list_versioned(Model, namespace="ml-team")
    assert [item["metadata"]["name"] for item in items] == [f"m-{i:04d}" for i in range(1201)]
    requests = cluster.emulator.received_matching("GET", f"{MODELS_PATH}$")
    assert [r.params.get("limit") for r in requests] == ["500", "500", "500"]
    assert ["continue" in r.params for r in requests] == [False, True, True]
    assert int(version) > max(int(item["metadata"]["resourceVersion"]) for item in items)
    assert all(item["kind"] == "Model" for item in items)


def test_a_list_whose_continue_token_expires_is_read_again_from_the_start(
    cluster: EmulatorThread, client: ClusterClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    _store_models(cluster, 501)
    pages = cluster.emulator.pages
    next_page = pages.next
    expired = []

    def expire_once(*args: Any, **kwargs: Any) -> Any:
        if not expired:
            expired.append(True)
            pages.clear()
        return next_page(*args, **kwargs)

    monkeypatch.setattr(pages, "next", expire_once)
    items, _ = client.list_versioned(Model, namespace="ml-team")
    assert len(items) == 501
    requests = cluster.emulator.received_matching("GET", f"{MODELS_PATH}$")
    assert ["continue" in r.params for r in requests] == [False, True, False, True]
