"""Manifests the page tests add to the demo content."""

from __future__ import annotations

from typing import Any

NS = "ml-team"

EDITABLE: dict[str, Any] = {
    "apiVersion": "model.samzong.dev/v1",
    "kind": "Model",
    "metadata": {"name": "tiny-llm", "namespace": NS, "labels": {"app": "chat"}},
    "spec": {
        "sourceRef": "huggingface",
        "display": {"description": "A tiny model", "tags": ["small"]},
        "versions": [
            {
                "name": "fp16",
                "repo": "acme/tiny-llm",
                "revision": "main",
                "precision": "FP16",
                "metadata": {"quantizer": "none", "owner": "ml"},
                "storage": {
                    "accessModes": ["ReadWriteMany"],
                    "resources": {"requests": {"storage": "4Gi"}, "limits": {"storage": "8Gi"}},
                    "storageClassName": "nfs-client",
                },
                "state": "PRESENT",
            }
        ],
    },
    "status": {
        "observedGeneration": 1,
        "syncedVersions": [
            {"name": "fp16", "phase": "READY", "observedState": "PRESENT", "activeDataset": "mdl-tiny-llm-fp16"}
        ],
    },
}
"""A READY Model whose version fp16 has a Dataset; created without a field manager."""
