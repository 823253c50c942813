"""Render charts/modelfs-ui offline with Helm's own Go code (helm-python-sdk), and read the result.

No helm binary and no cluster: ``helm_python`` binds to a native Helm v4 library that its wheel ships.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import helm_python as helm
import yaml

from tests.conftest import REPO_ROOT

CHART_DIR = REPO_ROOT / "charts" / "modelfs-ui"
RELEASE = "modelfs-ui"
NAMESPACE = "modelfs-system"
KUBE_VERSIONS = ("1.25.0", "1.37.0")
"""The oldest Kubernetes the chart allows (Chart.yaml kubeVersion), and the newest kubernetes-validate knows."""


@dataclass(frozen=True)
class Rendered:
    """The objects a chart renders, and its NOTES.txt."""

    objects: tuple[dict[str, Any], ...]
    notes: str

    def all(self, kind: str) -> list[dict[str, Any]]:
        """Every object of ``kind``."""
        return [obj for obj in self.objects if obj.get("kind") == kind]

    def one(self, kind: str) -> dict[str, Any]:
        """The single object of ``kind``; fails the test when there is not exactly one."""
        found = self.all(kind)
        assert len(found) == 1, f"expected one {kind}, got {len(found)}"
        return found[0]

    @property
    def kinds(self) -> list[str]:
        """The kinds rendered, sorted."""
        return sorted(obj["kind"] for obj in self.objects)


def render(
    values: Mapping[str, Any] | None = None,
    *,
    chart_dir: Path = CHART_DIR,
    release: str = RELEASE,
    namespace: str = NAMESPACE,
) -> Rendered:
    """``helm template`` of ``chart_dir`` with ``values``, parsed."""
    with helm.Chart.load(chart_dir) as chart:
        manifests = chart.render(dict(values) if values else None, name=release, namespace=namespace)
    objects: list[dict[str, Any]] = []
    notes = ""
    for path, text in sorted(manifests.items()):
        if path.endswith("/NOTES.txt"):
            notes += text
            continue
        objects += [doc for doc in yaml.safe_load_all(text) if doc]
    return Rendered(objects=tuple(objects), notes=notes.strip())


def container(rendered: Rendered) -> dict[str, Any]:
    """The console's container in the Deployment."""
    containers = rendered.one("Deployment")["spec"]["template"]["spec"]["containers"]
    assert len(containers) == 1
    found: dict[str, Any] = containers[0]
    return found


def env(rendered: Rendered) -> dict[str, str]:
    """The container's environment as a dict (plain values only)."""
    return {item["name"]: item.get("value", "") for item in container(rendered).get("env", [])}


def lint(values: Mapping[str, Any] | None = None, *, kube_version: str = KUBE_VERSIONS[0]) -> dict[str, Any]:
    """``helm lint --strict`` of the chart; its report."""
    report: dict[str, Any] = helm.lint(
        CHART_DIR, dict(values) if values else None, strict=True, namespace=NAMESPACE, kube_version=f"v{kube_version}"
    )
    return report
