"""The chart's identity modes: behind oauth2-proxy the ServiceAccount may only impersonate, and each
person gets what the console's calls need; with OIDC sign-in the ServiceAccount gets nothing.

The RBAC is checked against what the client sends: an emulator enforces the rendered roles, the
ServiceAccount's for the console's own credentials and the user role for the impersonated person.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest

from modelfs_lib.client import IMPERSONATE_ACCESS, ActingAs, ClusterClient, discover
from modelfs_lib.demo.access import CONSOLE, AccessPolicy, Subject
from modelfs_lib.demo.emulator import ClusterEmulator
from modelfs_lib.demo.runner import EmulatorThread, write_kubeconfig
from modelfs_lib.errors import Forbidden
from modelfs_lib.resources import Model
from tests.deploy.chart import KUBE_VERSIONS, Rendered, lint, render
from tests.deploy.rbac import UI_CALLS, Access, call, granted, required_access

PROXY: dict[str, Any] = {
    "auth": {"mode": "proxy", "proxy": {"sidecar": {"secretName": "oauth2-proxy", "args": ["--provider=oidc"]}}},
    "rbac": {"userGroups": ["ml-engineers"]},
}
OIDC: dict[str, Any] = {"auth": {"mode": "oidc", "oidc": {"secretName": "streamlit-auth"}}}


def rules_of(rendered: Rendered, name: str) -> set[Access]:
    role = next(r for r in rendered.all("ClusterRole") if r["metadata"]["name"] == name)
    return granted(Rendered(objects=(role,), notes=""))


def pod(rendered: Rendered) -> dict[str, Any]:
    spec: dict[str, Any] = rendered.one("Deployment")["spec"]["template"]["spec"]
    return spec


def env(container: dict[str, Any]) -> dict[str, str]:
    return {e["name"]: e.get("value", "") for e in container["env"]}


def test_behind_the_proxy_the_service_account_may_only_impersonate() -> None:
    rendered = render(PROXY)
    assert rules_of(rendered, "modelfs-ui") == {Access.of(a) for a in IMPERSONATE_ACCESS}
    assert rules_of(rendered, "modelfs-ui-user") == required_access(controller=False)
    bindings = {b["metadata"]["name"]: b for b in rendered.all("ClusterRoleBinding")}
    assert bindings["modelfs-ui"]["subjects"][0]["kind"] == "ServiceAccount"
    assert bindings["modelfs-ui-user"]["subjects"] == [
        {"apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": "ml-engineers"}
    ]
    assert rendered.one("RoleBinding")["subjects"][0]["name"] == "ml-engineers"


def test_behind_the_proxy_only_the_sidecar_reaches_streamlit() -> None:
    spec = pod(render(PROXY))
    console, proxy = spec["containers"]
    assert proxy["name"] == "oauth2-proxy"
    assert "--server.address=127.0.0.1" in console["command"]
    assert [p["name"] for p in console["ports"]] == ["console"]
    assert [p["name"] for p in proxy["ports"]] == ["http"]  # the Service's targetPort
    assert "--upstream=http://127.0.0.1:8501" in proxy["args"] and "--provider=oidc" in proxy["args"]
    assert "--pass-user-headers=true" in proxy["args"]
    secrets = {e["valueFrom"]["secretKeyRef"]["name"] for e in proxy["env"]}
    assert secrets == {"oauth2-proxy"}
    assert env(console)["MODELFS_UI_AUTH"] == "proxy"
    assert env(console)["MODELFS_UI_AUTH_USER_HEADER"] == "X-Forwarded-User"
    assert env(console)["MODELFS_UI_AUTH_GROUPS_HEADER"] == "X-Forwarded-Groups"
    assert proxy["securityContext"]["readOnlyRootFilesystem"] is True


def test_the_proxy_mode_needs_the_sidecars_secret() -> None:
    with pytest.raises(Exception, match="secretName is required"):
        render({"auth": {"mode": "proxy"}})


def test_with_oidc_the_service_account_gets_no_permission_and_streamlit_gets_its_auth_secrets() -> None:
    rendered = render(OIDC)
    assert [r["metadata"]["name"] for r in rendered.all("ClusterRole")] == ["modelfs-ui-user"]
    assert rendered.all("ClusterRoleBinding") == [] and rendered.all("RoleBinding") == []
    spec = pod(rendered)
    (console,) = spec["containers"]
    assert env(console)["MODELFS_UI_AUTH"] == "oidc"
    assert env(console)["MODELFS_UI_OIDC_USER_CLAIM"] == "email"
    mount = next(m for m in console["volumeMounts"] if m["name"] == "streamlit-secrets")
    assert mount["mountPath"] == "/app/.streamlit/secrets.toml" and mount["readOnly"] is True
    volume = next(v for v in spec["volumes"] if v["name"] == "streamlit-secrets")
    assert volume["secret"]["secretName"] == "streamlit-auth"


class ChartPolicy(AccessPolicy):
    """The console's own credentials get the ServiceAccount's ClusterRole; any other person the user role."""

    def __init__(self, console: set[Access], person: set[Access]) -> None:
        super().__init__()
        self.console, self.person = console, person
        self.asked: set[tuple[str, Access]] = set()

    def allows(
        self, verb: str, group: str, resource: str, namespace: str | None, subject: Subject = CONSOLE, name: str = ""
    ) -> bool:
        access = Access(verb, group, resource)
        self.asked.add((subject.user, access))
        return access in (self.console if subject == CONSOLE else self.person)


@pytest.fixture
def proxied(tmp_path: Path) -> Iterator[tuple[ChartPolicy, ClusterClient]]:
    rendered = render(PROXY)
    policy = ChartPolicy(
        rules_of(rendered, "modelfs-ui"), rules_of(rendered, "modelfs-ui-user") | granted(rendered, "Role")
    )
    thread = EmulatorThread(ClusterEmulator(access=policy)).start()
    config = discover(kubeconfig=str(write_kubeconfig(thread.url, tmp_path / "kc")))
    assert config is not None
    client = ClusterClient.connect(config, timeout_seconds=5)
    yield policy, client
    client.close()
    thread.stop()


def test_every_call_passes_as_the_impersonated_person_and_the_console_itself_is_asked_only_to_impersonate(
    proxied: tuple[ChartPolicy, ClusterClient],
) -> None:
    policy, client = proxied
    alice = client.acting_as(ActingAs("alice", ("ml-engineers",)))
    for kind, methods in UI_CALLS.items():
        for method in methods:
            call(alice, method, kind)  # Forbidden would fail the test
    console_asked = {access for user, access in policy.asked if user == CONSOLE.user}
    assert console_asked == {Access.of(a) for a in IMPERSONATE_ACCESS}
    with pytest.raises(Forbidden):
        client.list(Model, namespace="ml-team")  # the ServiceAccount alone may read nothing


@pytest.mark.parametrize("kube_version", KUBE_VERSIONS)
@pytest.mark.parametrize("values", [PROXY, OIDC], ids=["proxy", "oidc"])
def test_both_identity_modes_lint_clean_and_validate_against_the_kubernetes_schemas(
    values: dict[str, Any], kube_version: str
) -> None:
    report = lint(values, kube_version=kube_version)
    assert report["errors"] == []
    assert [m for m in report["messages"] if m["severity"] >= 2] == []
    for obj in render(values).objects:
        kubernetes_validate.validate(obj, kube_version, strict=True)
