"""charts/modelfs-ui: helm lint, Kubernetes schemas, and what the rendered objects say.

Rendered offline by Helm's own code (helm-python-sdk); validated with kubernetes-validate's
schemas for the oldest and the newest Kubernetes the chart is checked against.
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path
from typing import Any

import helm_python as helm
import kubernetes_validate
import pytest
import yaml

from modelfs_lib.ui.settings import load_settings
from tests.conftest import REPO_ROOT
from tests.deploy.chart import CHART_DIR, KUBE_VERSIONS, NAMESPACE, RELEASE, Rendered, container, env, lint, render

HEALTH = "/_stcore/health"
COOKIE_AFFINITY = {
    "nginx.ingress.kubernetes.io/affinity": "cookie",
    "nginx.ingress.kubernetes.io/affinity-mode": "persistent",
    "nginx.ingress.kubernetes.io/session-cookie-name": "modelfs-ui-affinity",
}
CUSTOM: dict[str, Any] = {
    "replicaCount": 2,
    "image": {"repository": "registry.example.com/ml/modelfs-ui", "tag": "1.2.3", "pullPolicy": "Always"},
    "defaultNamespace": "ml-team",
    "refreshSeconds": 30,
    "readonly": True,
    "cacheTTL": 2.5,
    "controller": {
        "namespace": "operators",
        "selector": "app.kubernetes.io/name in (modelfs)",
        "deployment": "modelfs",
    },
    "containerPort": 8600,
    "extraEnv": [
        {"name": "STREAMLIT_LOGGER_LEVEL", "value": "debug"},
        {"name": "HTTPS_PROXY", "valueFrom": {"secretKeyRef": {"name": "proxy", "key": "url"}}},
    ],
    "ingress": {
        "enabled": True,
        "className": "nginx",
        "annotations": COOKIE_AFFINITY,
        "hosts": [{"host": "models.example.com", "paths": [{"path": "/", "pathType": "Prefix"}]}],
        "tls": [{"secretName": "models-tls", "hosts": ["models.example.com"]}],
    },
    "resources": {"requests": {"cpu": "200m", "memory": "512Mi"}, "limits": {"cpu": "2", "memory": "2Gi"}},
    "nodeSelector": {"kubernetes.io/os": "linux"},
    "tolerations": [{"key": "dedicated", "operator": "Equal", "value": "ml", "effect": "NoSchedule"}],
    "affinity": {
        "podAntiAffinity": {
            "preferredDuringSchedulingIgnoredDuringExecution": [
                {
                    "weight": 100,
                    "podAffinityTerm": {
                        "topologyKey": "kubernetes.io/hostname",
                        "labelSelector": {"matchLabels": {"app.kubernetes.io/name": "modelfs-ui"}},
                    },
                }
            ]
        }
    },
    "podAnnotations": {"example.com/team": "ml-platform"},
}
VALUES = {"default": None, "custom": CUSTOM}
CONSOLE_KINDS = ["ClusterRole", "ClusterRoleBinding", "Deployment", "Role", "RoleBinding", "Service", "ServiceAccount"]


@pytest.fixture(scope="module")
def default() -> Rendered:
    return render()


@pytest.fixture(scope="module")
def custom() -> Rendered:
    return render(CUSTOM)


def chart_yaml() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((CHART_DIR / "Chart.yaml").read_text())
    return data


# ---- lint and schemas ----------------------------------------------------------------------------


@pytest.mark.parametrize("kube_version", KUBE_VERSIONS)
@pytest.mark.parametrize("values", VALUES.values(), ids=VALUES.keys())
def test_helm_lint_strict_finds_nothing_to_warn_about(values: dict[str, Any] | None, kube_version: str) -> None:
    report = lint(values, kube_version=kube_version)
    assert report["errors"] == []
    assert [m for m in report["messages"] if m["severity"] >= 2] == []  # 2: warning, 3: error


@pytest.mark.parametrize("kube_version", KUBE_VERSIONS)
@pytest.mark.parametrize("values", VALUES.values(), ids=VALUES.keys())
def test_every_rendered_object_validates_against_the_kubernetes_schemas(
    values: dict[str, Any] | None, kube_version: str
) -> None:
    rendered = render(values)
    assert rendered.objects
    for obj in rendered.objects:
        # strict: a field the schema does not know (a typo in a template) is an error too.
        kubernetes_validate.validate(obj, kube_version, strict=True)


@pytest.mark.parametrize(
    ("values", "complaint"),
    [
        ({"refreshSeconds": 7}, "value must be one of 0, 5, 10, 30, 60"),
        ({"readOnly": True}, "additional properties 'readOnly' not allowed"),
        ({"image": {"repository": ""}}, "/image/repository"),
        ({"defaultNamespace": "Not_A_Namespace"}, "/defaultNamespace"),
        ({"containerPort": 80}, "/containerPort"),  # a non-root user without capabilities cannot bind it
        ({"controller": {"namespace": "Modelfs_System"}}, "/controller/namespace"),
        ({"controller": {"selector": ""}}, "/controller/selector"),
        ({"controller": {"deployment": "deploy/modelfs"}}, "/controller/deployment"),
        ({"controller": {"name": "modelfs"}}, "additional properties 'name' not allowed"),
    ],
)
def test_values_the_console_cannot_use_are_refused_before_anything_is_installed(
    values: dict[str, Any], complaint: str
) -> None:
    with pytest.raises(helm.HelmValuesError, match=complaint):
        render(values)


def test_the_chart_version_and_app_version_follow_the_project() -> None:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]
    assert chart_yaml()["appVersion"] == project["version"]
    assert chart_yaml()["name"] == "modelfs-ui"
    assert chart_yaml()["kubeVersion"] == f">={KUBE_VERSIONS[0]}-0"  # the oldest version validated below


# ---- what is rendered ----------------------------------------------------------------------------


def test_the_default_render_is_the_console_its_service_and_its_rbac(default: Rendered) -> None:
    assert default.kinds == CONSOLE_KINDS


def test_the_custom_render_adds_the_ingress(custom: Rendered) -> None:
    assert custom.kinds == sorted([*CONSOLE_KINDS, "Ingress"])


@pytest.mark.parametrize("values", VALUES.values(), ids=VALUES.keys())
def test_enabled_false_renders_nothing_at_all(values: dict[str, Any] | None) -> None:
    rendered = render({**(values or {}), "enabled": False})
    assert rendered.objects == ()
    assert rendered.notes == ""


def test_namespaced_objects_go_to_the_release_namespace_and_the_role_to_the_controllers(custom: Rendered) -> None:
    for obj in custom.objects:
        if obj["kind"] in ("ClusterRole", "ClusterRoleBinding"):
            assert "namespace" not in obj["metadata"]
        elif obj["kind"] in ("Role", "RoleBinding"):
            assert obj["metadata"]["namespace"] == CUSTOM["controller"]["namespace"]
        else:
            assert obj["metadata"]["namespace"] == NAMESPACE


def test_every_object_carries_the_standard_labels(default: Rendered) -> None:
    version = chart_yaml()["appVersion"]
    for obj in default.objects:
        labels = obj["metadata"]["labels"]
        assert labels["app.kubernetes.io/name"] == "modelfs-ui"
        assert labels["app.kubernetes.io/instance"] == RELEASE
        assert labels["app.kubernetes.io/version"] == version
        assert labels["app.kubernetes.io/managed-by"] == "Helm"
        assert labels["app.kubernetes.io/part-of"] == "modelfs"
        assert labels["helm.sh/chart"] == f"modelfs-ui-{chart_yaml()['version']}"


def test_the_service_selects_exactly_the_deployments_pods(default: Rendered) -> None:
    deployment = default.one("Deployment")
    selector = deployment["spec"]["selector"]["matchLabels"]
    assert default.one("Service")["spec"]["selector"] == selector
    pod_labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert selector.items() <= pod_labels.items()
    assert "app.kubernetes.io/version" not in selector  # an upgrade must not orphan the old pods


# ---- the container -------------------------------------------------------------------------------


def test_the_container_runs_streamlit_headless_on_all_interfaces(default: Rendered) -> None:
    c = container(default)
    assert c["command"] == [
        "streamlit",
        "run",
        "streamlit_app.py",
        "--server.port=8501",
        "--server.address=0.0.0.0",
        "--server.headless=true",
    ]
    assert c["ports"] == [{"name": "http", "containerPort": 8501, "protocol": "TCP"}]


def test_the_port_is_configurable(custom: Rendered) -> None:
    c = container(custom)
    assert "--server.port=8600" in c["command"]
    assert c["ports"][0]["containerPort"] == 8600


@pytest.mark.parametrize("values", VALUES.values(), ids=VALUES.keys())
def test_probes_ask_streamlits_health_endpoint(values: dict[str, Any] | None) -> None:
    c = container(render(values))
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert c[probe]["httpGet"] == {"path": HEALTH, "port": "http"}, probe
    # Liveness must not kill a pod that readiness already takes out of the Service.
    assert c["livenessProbe"]["periodSeconds"] * c["livenessProbe"]["failureThreshold"] > (
        c["readinessProbe"]["periodSeconds"] * c["readinessProbe"]["failureThreshold"]
    )


def test_the_image_tag_defaults_to_the_charts_app_version(default: Rendered) -> None:
    c = container(default)
    assert c["image"] == f"modelfs-ui:{chart_yaml()['appVersion']}"
    assert c["imagePullPolicy"] == "IfNotPresent"


def test_image_repository_tag_and_pull_policy_are_configurable(custom: Rendered) -> None:
    c = container(custom)
    assert (c["image"], c["imagePullPolicy"]) == ("registry.example.com/ml/modelfs-ui:1.2.3", "Always")


def test_resources_have_requests_and_limits(default: Rendered, custom: Rendered) -> None:
    for rendered in (default, custom):
        resources = container(rendered)["resources"]
        assert set(resources) == {"requests", "limits"}
        assert set(resources["requests"]) == {"cpu", "memory"}
        assert "memory" in resources["limits"]
    assert container(custom)["resources"] == CUSTOM["resources"]


# ---- security ------------------------------------------------------------------------------------


@pytest.mark.parametrize("values", VALUES.values(), ids=VALUES.keys())
def test_the_pod_runs_hardened(values: dict[str, Any] | None) -> None:
    rendered = render(values)
    pod = rendered.one("Deployment")["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] == 10001  # the image's USER
    assert pod["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}
    sc = container(rendered)["securityContext"]
    assert sc["runAsNonRoot"] is True
    assert sc["readOnlyRootFilesystem"] is True
    assert sc["allowPrivilegeEscalation"] is False
    assert sc["privileged"] is False
    assert sc["capabilities"] == {"drop": ["ALL"]}
    assert sc["seccompProfile"] == {"type": "RuntimeDefault"}
    assert "hostNetwork" not in pod and "hostPID" not in pod and "hostIPC" not in pod


def test_the_only_writable_path_is_an_empty_dir_at_tmp_which_is_home(default: Rendered) -> None:
    pod = default.one("Deployment")["spec"]["template"]["spec"]
    c = container(default)
    assert c["volumeMounts"] == [{"name": "tmp", "mountPath": "/tmp"}]
    assert pod["volumes"] == [{"name": "tmp", "emptyDir": {"sizeLimit": "256Mi"}}]
    assert env(default)["HOME"] == "/tmp"


def test_the_pod_mounts_its_service_account_token_for_in_cluster_mode(default: Rendered) -> None:
    pod = default.one("Deployment")["spec"]["template"]["spec"]
    account = default.one("ServiceAccount")
    assert pod["serviceAccountName"] == account["metadata"]["name"] == "modelfs-ui"
    assert pod["automountServiceAccountToken"] is True


# ---- settings ------------------------------------------------------------------------------------


def test_default_settings_reach_the_console_as_environment(default: Rendered) -> None:
    assert env(default) == {
        "HOME": "/tmp",
        "PYTHONDONTWRITEBYTECODE": "1",
        "MODELFS_UI_DEMO_FALLBACK": "0",
        "MODELFS_UI_REFRESH_SECONDS": "10",
        "MODELFS_UI_READONLY": "0",
        "MODELFS_UI_CACHE_TTL": "5",
        "MODELFS_UI_CONTROLLER_NAMESPACE": "modelfs-system",
        "MODELFS_UI_CONTROLLER_SELECTOR": "control-plane=controller-manager",
        "MODELFS_UI_AUTH": "none",
    }


def test_custom_settings_and_extra_env_reach_the_console(custom: Rendered) -> None:
    assert env(custom) == {
        "HOME": "/tmp",
        "PYTHONDONTWRITEBYTECODE": "1",
        "MODELFS_UI_DEMO_FALLBACK": "0",
        "MODELFS_UI_DEFAULT_NAMESPACE": "ml-team",
        "MODELFS_UI_REFRESH_SECONDS": "30",
        "MODELFS_UI_READONLY": "1",
        "MODELFS_UI_CACHE_TTL": "2.5",
        "MODELFS_UI_CONTROLLER_NAMESPACE": "operators",
        "MODELFS_UI_CONTROLLER_SELECTOR": "app.kubernetes.io/name in (modelfs)",
        "MODELFS_UI_CONTROLLER_DEPLOYMENT": "modelfs",
        "MODELFS_UI_AUTH": "none",
        "STREAMLIT_LOGGER_LEVEL": "debug",
        "HTTPS_PROXY": "",
    }
    assert container(custom)["env"][-1] == CUSTOM["extraEnv"][-1]  # valueFrom is kept as given


def test_the_controller_values_reach_the_console_the_way_it_reads_them(custom: Rendered) -> None:
    settings = load_settings([], env(custom))
    assert settings.problems == ()
    assert settings.controller.namespace == "operators"
    assert settings.controller.selector == "app.kubernetes.io/name in (modelfs)"
    assert settings.controller.deployment == "modelfs"


def test_scheduling_and_pod_annotations_reach_the_pod(custom: Rendered) -> None:
    template = custom.one("Deployment")["spec"]["template"]
    assert template["metadata"]["annotations"] == CUSTOM["podAnnotations"]
    pod = template["spec"]
    assert pod["nodeSelector"] == CUSTOM["nodeSelector"]
    assert pod["tolerations"] == CUSTOM["tolerations"]
    assert pod["affinity"] == CUSTOM["affinity"]


# ---- reaching the console ------------------------------------------------------------------------


def test_one_replica_needs_no_session_affinity(default: Rendered) -> None:
    assert default.one("Deployment")["spec"]["replicas"] == 1
    assert "sessionAffinity" not in default.one("Service")["spec"]


def test_several_replicas_keep_each_client_on_one_pod(custom: Rendered) -> None:
    assert custom.one("Deployment")["spec"]["replicas"] == 2
    spec = custom.one("Service")["spec"]
    assert spec["sessionAffinity"] == "ClientIP"
    assert spec["sessionAffinityConfig"] == {"clientIP": {"timeoutSeconds": 10800}}


def test_the_service_exposes_the_http_port(default: Rendered) -> None:
    spec = default.one("Service")["spec"]
    assert spec["type"] == "ClusterIP"
    assert spec["ports"] == [{"name": "http", "port": 80, "targetPort": "http", "protocol": "TCP"}]


def test_the_ingress_routes_its_host_over_tls_to_the_service(custom: Rendered) -> None:
    ingress = custom.one("Ingress")
    assert ingress["metadata"]["annotations"] == COOKIE_AFFINITY
    spec = ingress["spec"]
    assert spec["ingressClassName"] == "nginx"
    assert spec["tls"] == [{"hosts": ["models.example.com"], "secretName": "models-tls"}]
    service = custom.one("Service")["metadata"]["name"]
    assert spec["rules"] == [
        {
            "host": "models.example.com",
            "http": {
                "paths": [
                    {
                        "path": "/",
                        "pathType": "Prefix",
                        "backend": {"service": {"name": service, "port": {"name": "http"}}},
                    }
                ]
            },
        }
    ]


def test_notes_give_the_port_forward_command_without_an_ingress(default: Rendered) -> None:
    assert f"kubectl --namespace {NAMESPACE} port-forward service/modelfs-ui 8501:80" in default.notes
    assert "http://localhost:8501" in default.notes
    assert "WARNING" not in default.notes


def test_notes_give_the_ingress_url_and_say_read_only(custom: Rendered) -> None:
    assert "https://models.example.com/" in custom.notes
    assert "port-forward" not in custom.notes
    assert "read-only" in custom.notes
    assert "WARNING" not in custom.notes  # cookie affinity is set
    assert "Put authentication in front of the ingress." in custom.notes


def test_notes_say_whoever_reaches_the_console_acts_with_its_permissions(default: Rendered) -> None:
    assert "no login of its own" in default.notes
    assert "kubectl describe clusterrole modelfs-ui" in default.notes


def test_notes_warn_when_replicas_share_an_ingress_without_cookie_affinity() -> None:
    rendered = render({**CUSTOM, "ingress": {**CUSTOM["ingress"], "annotations": {}}})
    assert "WARNING: ingress.annotations sets no cookie affinity" in rendered.notes


# ---- as a dependency of the modelfs chart --------------------------------------------------------


def parent_chart(tmp_path: Path) -> Path:
    """A stand-in for the modelfs chart, carrying this chart as the dependency ``ui``."""
    parent = tmp_path / "modelfs"
    shutil.copytree(CHART_DIR, parent / "charts" / "modelfs-ui")
    chart = {
        "apiVersion": "v2",
        "name": "modelfs",
        "version": "0.1.0",
        "dependencies": [
            {"name": "modelfs-ui", "alias": "ui", "version": chart_yaml()["version"], "condition": "ui.enabled"}
        ],
    }
    (parent / "Chart.yaml").write_text(yaml.safe_dump(chart))
    (parent / "values.yaml").write_text(yaml.safe_dump({"ui": {"enabled": True}}))
    return parent


def test_as_a_dependency_the_console_follows_ui_enabled(tmp_path: Path) -> None:
    parent = parent_chart(tmp_path)
    on = render({"ui": {"readonly": True}}, chart_dir=parent, release="modelfs")
    assert on.kinds == CONSOLE_KINDS
    assert env(on)["MODELFS_UI_READONLY"] == "1"
    assert on.one("Deployment")["metadata"]["name"] == "modelfs-ui"
    off = render({"ui": {"enabled": False}}, chart_dir=parent, release="modelfs")
    assert off.objects == ()
