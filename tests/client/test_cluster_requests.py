"""ClusterClient against a canned server: what reaches the API server, and what comes back."""

from __future__ import annotations

from typing import Any

import pytest

from modelfs_lib.client import AccessDecision, ClusterClient
from modelfs_lib.errors import NotFound
from modelfs_lib.resources import Dataset, Model, Namespace, Pod

from .canned_server import Canned, CannedServer

MODELS = "/apis/model.samzong.dev/v1/namespaces/ml/models"


def model(name: str, **extra: Any) -> dict[str, Any]:
    return {
        "metadata": {"name": name, "namespace": "ml", "resourceVersion": "7"},
        "spec": {"sourceRef": "hf", "versions": [{"name": "v1", "repo": "org/m"}]},
        **extra,
    }


def test_list_builds_the_url_from_the_kind_and_types_the_items(canned: CannedServer, client: ClusterClient) -> None:
    canned.route("GET", MODELS, Canned(body={"kind": "ModelList", "items": [model("a"), model("b")]}))
    models = client.list(Model, namespace="ml", label_selector="team=ml,tier in (gold)")
    assert [m.name for m in models] == ["a", "b"]
    assert all(m.invalid is None for m in models)
    sent = canned.requests[0]
    assert (sent.method, sent.path) == ("GET", MODELS)
    assert sent.param("labelSelector") == "team=ml,tier in (gold)"
    assert sent.headers["authorization"] == "Bearer t0ken"
    assert sent.headers["user-agent"] == "modelfs-ui"


def test_list_raw_fills_in_api_version_and_kind(canned: CannedServer, client: ClusterClient) -> None:
    canned.route("GET", MODELS, Canned(body={"items": [model("a")]}))
    (item,) = client.list_raw(Model, namespace="ml")
    assert (item["apiVersion"], item["kind"]) == ("model.samzong.dev/v1", "Model")


def test_list_without_a_namespace_spans_all_namespaces(canned: CannedServer, client: ClusterClient) -> None:
    canned.route("GET", "/apis/dataset.baizeai.io/v1alpha1/datasets", Canned(body={"items": []}))
    assert client.list(Dataset, namespace=None) == []
    assert canned.requests[0].path == "/apis/dataset.baizeai.io/v1alpha1/datasets"


def test_list_follows_continue_tokens(canned: CannedServer, client: ClusterClient) -> None:
    canned.route(
        "GET",
        MODELS,
        Canned(body={"metadata": {"continue": "page2"}, "items": [model("a")]}),
        Canned(body={"metadata": {}, "items": [model("b")]}),
    )
    assert [m.name for m in client.list(Model, namespace="ml")] == ["a", "b"]
    assert [r.param("continue") for r in canned.requests] == [None, "page2"]
    assert canned.requests[0].param("limit") == "500"


def test_a_malformed_item_is_kept_as_invalid(canned: CannedServer, client: ClusterClient) -> None:
    canned.route("GET", MODELS, Canned(body={"items": [{"metadata": {"name": "bad"}, "spec": "oops"}]}))
    (item,) = client.list(Model, namespace="ml")
    assert item.name == "bad" and item.invalid


def test_core_kinds_live_under_api_v1(canned: CannedServer, client: ClusterClient) -> None:
    canned.route("GET", "/api/v1/namespaces", Canned(body={"items": [{"metadata": {"name": "ml"}}]}))
    (namespace,) = client.list(Namespace, namespace=None)
    assert namespace.name == "ml"


def test_get_addresses_one_object(canned: CannedServer, client: ClusterClient) -> None:
    canned.route("GET", f"{MODELS}/llama", Canned(body=model("llama")))
    found = client.get(Model, namespace="ml", name="llama")
    assert found.source_ref == "hf"
    assert client.get_raw(Model.KIND, namespace="ml", name="llama")["kind"] == "Model"


def test_get_of_a_namespaced_kind_needs_a_namespace(client: ClusterClient) -> None:
    with pytest.raises(ValueError, match="namespace is required"):
        client.get(Model, namespace=None, name="llama")


def test_apply_is_a_server_side_apply_patch_without_status(canned: CannedServer, client: ClusterClient) -> None:
    canned.route("PATCH", f"{MODELS}/llama", Canned(body=model("llama")))
    manifest = {
        "apiVersion": "model.samzong.dev/v1",
        "kind": "Model",
        **model("llama", status={"observedGeneration": 1}),
    }
    manifest["metadata"]["managedFields"] = [{"manager": "kubectl"}]
    stored = client.apply(manifest)
    assert stored["metadata"]["name"] == "llama"
    sent = canned.requests[0]
    assert sent.headers["content-type"] == "application/apply-patch+yaml"
    assert sent.query == {"fieldManager": ["modelfs-ui"]}
    assert "status" not in sent.body and "managedFields" not in sent.body["metadata"]
    assert sent.body["spec"] == manifest["spec"] and sent.body["kind"] == "Model"
    assert "managedFields" in manifest["metadata"] and "status" in manifest


def test_apply_forces_and_dry_runs_only_when_asked(canned: CannedServer, client: ClusterClient) -> None:
    canned.route("PATCH", f"{MODELS}/llama", Canned(body=model("llama")))
    client.apply({"apiVersion": "model.samzong.dev/v1", "kind": "Model", **model("llama")}, dry_run=True, force=True)
    assert canned.requests[0].query == {"fieldManager": ["modelfs-ui"], "dryRun": ["All"], "force": ["true"]}


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        ({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "x", "namespace": "ml"}}, "Deployment"),
        ({"apiVersion": "model.samzong.dev/v1", "kind": "Model", "metadata": {"name": "x"}}, "metadata.namespace"),
        ({"apiVersion": "model.samzong.dev/v1", "kind": "Model", "metadata": {"namespace": "ml"}}, "metadata.name"),
        ({"kind": "Model", "metadata": {"name": "x"}}, "apiVersion and kind"),
    ],
)
def test_apply_rejects_manifests_it_cannot_address(
    canned: CannedServer, client: ClusterClient, manifest: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        client.apply(manifest)
    assert canned.requests == []


def test_merge_patch_sends_a_merge_patch(canned: CannedServer, client: ClusterClient) -> None:
    path = "/apis/dataset.baizeai.io/v1alpha1/namespaces/ml/datasets/mdl-llama-v1"
    canned.route("PATCH", path, Canned(body={"metadata": {"name": "mdl-llama-v1"}}))
    stored = client.merge_patch(
        Dataset, namespace="ml", name="mdl-llama-v1", patch={"spec": {"dataSyncRound": 3}}, dry_run=True
    )
    assert stored["kind"] == "Dataset"
    sent = canned.requests[0]
    assert sent.headers["content-type"] == "application/merge-patch+json"
    assert sent.query == {"fieldManager": ["modelfs-ui"], "dryRun": ["All"]}
    assert sent.body == {"spec": {"dataSyncRound": 3}}


def test_delete_sends_preconditions(canned: CannedServer, client: ClusterClient) -> None:
    canned.route("DELETE", f"{MODELS}/llama", Canned(body={"kind": "Status", "status": "Success"}))
    client.delete(Model, namespace="ml", name="llama", resource_version="7", uid="u-1", dry_run=True)
    sent = canned.requests[0]
    assert sent.method == "DELETE" and sent.param("dryRun") == "All"
    assert sent.body == {
        "apiVersion": "v1",
        "kind": "DeleteOptions",
        "preconditions": {"resourceVersion": "7", "uid": "u-1"},
        "dryRun": ["All"],
    }


def test_delete_without_preconditions_sends_plain_options(canned: CannedServer, client: ClusterClient) -> None:
    canned.route("DELETE", f"{MODELS}/llama", Canned(body={}))
    client.delete(Model, namespace="ml", name="llama")
    assert canned.requests[0].body == {"apiVersion": "v1", "kind": "DeleteOptions"}
    assert canned.requests[0].query == {}


def test_delete_sends_the_propagation_policy(canned: CannedServer, client: ClusterClient) -> None:
    path = "/apis/dataset.baizeai.io/v1alpha1/namespaces/ml/datasets/mdl-qwen-fp16"
    canned.route("DELETE", path, Canned(body={}))
    client.delete(Dataset, namespace="ml", name="mdl-qwen-fp16", uid="u-1", propagation_policy="Background")
    assert canned.requests[0].body == {
        "apiVersion": "v1",
        "kind": "DeleteOptions",
        "preconditions": {"uid": "u-1"},
        "propagationPolicy": "Background",
    }


def test_list_pods_reads_the_namespaces_pods_and_keeps_no_container_args(
    canned: CannedServer, client: ClusterClient
) -> None:
    pod = {
        "metadata": {"name": "vllm-0", "namespace": "ml"},
        "spec": {
            "nodeName": "gpu-1",
            "containers": [{"name": "c", "args": ["--options=HF_TOKEN=hf_SECRET"], "env": [{"value": "hf_SECRET"}]}],
            "volumes": [{"name": "w", "persistentVolumeClaim": {"claimName": "dataset-mdl-qwen-fp16"}}],
        },
        "status": {"phase": "Running"},
    }
    canned.route("GET", "/api/v1/namespaces/ml/pods", Canned(body={"items": [pod]}))
    [parsed] = client.list_pods(namespace="ml")
    assert isinstance(parsed, Pod)
    assert (parsed.name, parsed.phase, parsed.node_name) == ("vllm-0", "Running", "gpu-1")
    assert parsed.claim_names == ("dataset-mdl-qwen-fp16",)
    assert "hf_SECRET" not in repr(parsed)


def test_can_i_asks_a_self_subject_access_review(canned: CannedServer, client: ClusterClient) -> None:
    path = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"
    canned.route("POST", path, Canned(201, {"status": {"allowed": False, "reason": "no RBAC policy matched"}}))
    decision = client.can_i(verb="patch", kind=Model.KIND, namespace="ml", name="llama", subresource="status")
    assert decision == AccessDecision(allowed=False, reason="no RBAC policy matched")
    assert canned.requests[0].body == {
        "apiVersion": "authorization.k8s.io/v1",
        "kind": "SelfSubjectAccessReview",
        "spec": {
            "resourceAttributes": {
                "verb": "patch",
                "group": "model.samzong.dev",
                "resource": "models",
                "namespace": "ml",
                "name": "llama",
                "subresource": "status",
            }
        },
    }


def test_can_i_on_a_cluster_scoped_kind_sends_no_namespace(canned: CannedServer, client: ClusterClient) -> None:
    path = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"
    canned.route("POST", path, Canned(201, {"status": {"allowed": True}}))
    assert client.can_i(verb="list", kind=Namespace.KIND, namespace="ml").allowed
    assert canned.requests[0].body["spec"]["resourceAttributes"] == {
        "verb": "list",
        "group": "",
        "resource": "namespaces",
    }


def test_events_for_selects_by_involved_object(canned: CannedServer, client: ClusterClient) -> None:
    event = {"metadata": {"name": "e1", "namespace": "ml"}, "reason": "Synced", "involvedObject": {"kind": "Model"}}
    canned.route("GET", "/api/v1/namespaces/ml/events", Canned(body={"items": [event]}))
    (found,) = client.events_for(namespace="ml", kind="Model", name="llama")
    assert found.reason == "Synced"
    assert canned.requests[0].param("fieldSelector") == "involvedObject.kind=Model,involvedObject.name=llama"


def test_server_version_reads_git_version(canned: CannedServer, client: ClusterClient) -> None:
    canned.route("GET", "/version", Canned(body={"gitVersion": "v1.31.2"}))
    assert client.server_version() == "v1.31.2"
    assert (client.config.context, client.server) == ("test", canned.url)


def test_names_are_escaped_in_the_path(canned: CannedServer, client: ClusterClient) -> None:
    with pytest.raises(NotFound):
        client.list_raw(Model, namespace="a/b")
    assert canned.requests[0].path == "/apis/model.samzong.dev/v1/namespaces/a%2Fb/models"
