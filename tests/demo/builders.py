"""A small cluster for controller tests: namespaces, a Secret, ModelSources and Models as plain dicts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from modelfs_lib.demo.controllers import SimulatedControllers
from modelfs_lib.demo.store import ObjectStore

T0 = dt.datetime(2025, 6, 1, 12, 0, 0, tzinfo=dt.UTC)
NAMESPACES = {
    "ml": {"team": "ml"},
    "inference": {"team": "serving", "modelfs.samzong.dev/share": "true"},
    "staging": {"team": "serving"},  # matches the selector, not opted in
    "research": {"team": "research", "modelfs.samzong.dev/share": "true"},  # opted in, wrong team
}


def version(name: str = "v1", repo: str = "acme/model", **extra: Any) -> dict[str, Any]:
    """A Model version."""
    return {"name": name, "repo": repo, **extra}


class Cluster:
    """A store, the simulated controllers and a fake clock driven by :meth:`run`."""

    def __init__(self, *, strip_invalid_reference_label: bool = False) -> None:
        self.store = ObjectStore()
        self.controllers = SimulatedControllers(self.store, strip_invalid_reference_label=strip_invalid_reference_label)
        self.now = T0
        self.ns = self.store.rtype("", "namespaces")
        self.secrets = self.store.rtype("", "secrets")
        self.pvcs = self.store.rtype("", "persistentvolumeclaims")
        self.events = self.store.rtype("", "events")
        self.sources = self.store.rtype("model.samzong.dev", "modelsources")
        self.models = self.store.rtype("model.samzong.dev", "models")
        self.datasets = self.store.rtype("dataset.baizeai.io", "datasets")
        for name, labels in NAMESPACES.items():
            self.store.create(self.ns, {"metadata": {"name": name, "labels": labels}})

    def secret(self, name: str, data: dict[str, str] | None = None) -> dict[str, Any]:
        return self.store.create(
            self.secrets,
            {"metadata": {"name": name, "namespace": "ml"}, "stringData": data if data is not None else {}},
        )

    def source(
        self, name: str = "hf", type_: str = "HUGGING_FACE", secret: str = "", config: dict[str, str] | None = None
    ) -> dict[str, Any]:
        spec: dict[str, Any] = {"type": type_, "config": config or {"endpoint": "https://hf-mirror.com"}}
        if secret:
            spec["secretRef"] = secret
        return self.store.create(
            self.sources,
            {
                "apiVersion": "model.samzong.dev/v1",
                "kind": "ModelSource",
                "metadata": {"name": name, "namespace": "ml"},
                "spec": spec,
            },
        )

    def model(self, name: str = "qwen", *versions: dict[str, Any], source: str = "hf") -> dict[str, Any]:
        return self.store.create(
            self.models,
            {
                "apiVersion": "model.samzong.dev/v1",
                "kind": "Model",
                "metadata": {"name": name, "namespace": "ml"},
                "spec": {"sourceRef": source, "versions": list(versions) or [version()]},
            },
        )

    def set_versions(self, model: str, *versions: dict[str, Any]) -> None:
        self.store.patch(
            self.models, "ml", model, {"spec": {"versions": list(versions)}}, patch_type="merge", manager="test"
        )

    def run(self, seconds: float = 0, step: float = 1.0) -> None:
        """Tick now, then every ``step`` seconds for ``seconds`` of fake time."""
        self.controllers.tick(self.now)
        elapsed = 0.0
        while elapsed < seconds:
            elapsed += step
            self.now += dt.timedelta(seconds=step)
            self.controllers.tick(self.now)

    def dataset(self, name: str, namespace: str = "ml") -> dict[str, Any] | None:
        return self.store.find(self.datasets, namespace, name)

    def get(self, rtype: Any, name: str, namespace: str = "ml") -> dict[str, Any]:
        return self.store.get(rtype, namespace, name)

    def event_reasons(self, name: str) -> list[str]:
        return [e["reason"] for e in self.store.list(self.events) if e["involvedObject"]["name"] == name]
