"""The namespaces, Model and REFERENCE Datasets the unit tests of sharing and its audit reason about."""

from __future__ import annotations

from typing import Any

from modelfs_lib.resources import Dataset, Model, Namespace
from modelfs_lib.resources.naming import reference_name, reference_uri

CLUSTER_NAMESPACES = [
    Namespace.from_dict({"metadata": {"name": name, "labels": labels}})
    for name, labels in {
        "ml": {"team": "serving", "share": "true"},  # the Model's own: never shared into
        "a": {"team": "serving", "share": "true"},
        "b": {"team": "serving"},
        "c": {"team": "research", "share": "true", "env": "prod"},
        "d": {},
        "e": {"team": "serving", "share": "false"},
    }.items()
]
"""The cluster's namespaces: ml (the Model's own) and a to e, labelled for the selectors under test."""


def qwen3_model(versions: list[dict[str, Any]]) -> Model:
    """Model qwen3 in namespace ml with these versions (each from repo q/q unless it says otherwise)."""
    return Model.from_dict(
        {
            "metadata": {"name": "qwen3", "namespace": "ml"},
            "spec": {"sourceRef": "hf", "versions": [{"repo": "q/q", **v} for v in versions]},
        }
    )


def reference_dataset(namespace: str, version: str) -> Dataset:
    """The REFERENCE Dataset sharing qwen3's ``version`` into ``namespace``."""
    return Dataset.from_dict(
        {
            "metadata": {"name": reference_name("ml", "qwen3", version), "namespace": namespace},
            "spec": {"source": {"type": "REFERENCE", "uri": reference_uri("ml", "qwen3", version)}},
        }
    )
