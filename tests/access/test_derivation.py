"""How recorded requests become grants, rules, the chart's file and README rows (no console driven)."""

from __future__ import annotations

import yaml

from modelfs_lib.demo.request_attributes import RequestAttributes, resource_attributes
from tests.access.artifacts import NO_WHY, DerivedAccess, chart_access_yaml, derive, readme_rows, readme_table, rules

NS = "ml-team"


def test_each_method_and_path_is_the_verb_the_authorizer_checks() -> None:
    base = "/apis/model.samzong.dev/v1"
    cases = {
        ("GET", f"{base}/namespaces/{NS}/models/m", ""): ("get", "models", NS),
        ("GET", f"{base}/namespaces/{NS}/models", ""): ("list", "models", NS),
        ("GET", f"{base}/models", ""): ("list", "models", ""),
        ("GET", f"{base}/namespaces/{NS}/models", "true"): ("watch", "models", NS),
        ("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", ""): (
            "create",
            "selfsubjectaccessreviews",
            "",
        ),
        ("PATCH", f"{base}/namespaces/{NS}/models/m", ""): ("patch", "models", NS),
        ("PUT", f"{base}/namespaces/{NS}/models/m", ""): ("update", "models", NS),
        ("DELETE", f"{base}/namespaces/{NS}/models/m", ""): ("delete", "models", NS),
        ("DELETE", f"{base}/namespaces/{NS}/models", ""): ("deletecollection", "models", NS),
        ("GET", "/api/v1/namespaces/ml-team", ""): ("get", "namespaces", ""),
        ("GET", "/api/v1/namespaces", ""): ("list", "namespaces", ""),
    }
    for (method, path, watch), (verb, resource, namespace) in cases.items():
        params = {"watch": watch} if watch else {}
        [found] = resource_attributes(method, path, params)
        assert (found.verb, found.resource, found.namespace) == (verb, resource, namespace), (method, path)


def test_a_subresource_is_named_with_its_resource_and_non_resource_urls_need_nothing() -> None:
    [found] = resource_attributes("PATCH", f"/apis/model.samzong.dev/v1/namespaces/{NS}/models/m/status", {})
    assert found.grant == ("patch", "model.samzong.dev", "models/status")
    assert resource_attributes("GET", "/version", {}) == []
    assert resource_attributes("GET", "/apis/model.samzong.dev/v1", {}) == []
    assert resource_attributes("GET", "/openapi/v3/apis/model.samzong.dev/v1", {}) == []


def test_an_apply_that_creates_is_checked_as_create_too() -> None:
    path = f"/apis/model.samzong.dev/v1/namespaces/{NS}/models/m"
    assert {a.verb for a in resource_attributes("PATCH", path, {}, creates=True)} == {"patch", "create"}
    assert {a.verb for a in resource_attributes("PATCH", path, {})} == {"patch"}


def test_impersonation_headers_are_checked_as_impersonate() -> None:
    headers = {"Impersonate-User": "jane", "Impersonate-Group": "ml", "Impersonate-Extra-Scopes": "view"}
    found = {a.grant for a in resource_attributes("GET", "/api/v1/namespaces", {}, headers)}
    assert found == {
        ("list", "", "namespaces"),
        ("impersonate", "", "users"),
        ("impersonate", "", "groups"),
        ("impersonate", "authentication.k8s.io", "userextras/scopes"),
    }


def test_a_new_call_is_picked_up_without_hand_edits() -> None:
    checks = {
        RequestAttributes("list", "", "namespaces"),
        RequestAttributes("create", "", "events", namespace=NS),
        RequestAttributes("impersonate", "", "users"),
        RequestAttributes("get", "apps", "deployments", namespace="modelfs-system"),
    }
    access = derive(checks)
    assert access.controller == {("get", "apps", "deployments")}
    chart = yaml.safe_load(chart_access_yaml(access))
    assert {"apiGroups": [""], "resources": ["events"], "verbs": ["create"], "readonlyVerbs": []} in chart[
        "clusterRole"
    ]
    assert {"apiGroups": [""], "resources": ["users"], "verbs": ["impersonate"], "readonlyVerbs": []} in chart[
        "clusterRole"
    ]


def test_a_grant_needed_outside_the_controllers_namespace_goes_to_the_cluster_role() -> None:
    access = derive(
        {RequestAttributes("list", "apps", "deployments", namespace=n) for n in ("modelfs-system", "ml-team")}
    )
    assert access.cluster == {("list", "apps", "deployments")} and not access.controller


def test_rules_group_the_resources_of_one_group_that_need_the_same_verbs() -> None:
    found = rules({("get", "g", "b"), ("get", "g", "a"), ("list", "g", "a"), ("get", "", "c")})
    assert [(r["apiGroups"], r["resources"], r["verbs"]) for r in found] == [
        ([""], ["c"], ["get"]),
        (["g"], ["a"], ["get", "list"]),
        (["g"], ["b"], ["get"]),
    ]


def test_readme_rows_keep_their_why_and_a_new_row_asks_for_one() -> None:
    text = (
        "x\n## Permissions\n\n| API group | Resources | Verbs | Why |\n| --- | --- | --- | --- |\n"
        "| core | `secrets` | `get`, `list` | key names |\n\n## Next\n"
    )
    access = DerivedAccess(
        cluster=frozenset({("get", "", "secrets"), ("create", "", "events")}), controller=frozenset()
    )
    rows = readme_rows(readme_table(access, text))
    assert ("", ["secrets"], ["get"], "key names") in rows
    assert ("", ["events"], ["create"], NO_WHY) in rows
    assert readme_table(access, text).endswith("\n\n## Next\n")
