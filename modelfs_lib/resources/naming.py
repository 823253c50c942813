"""The names and uris the controllers derive, in one place: Datasets, REFERENCE Datasets, sync Jobs, PVCs.

Both the console's rules and the demo cluster's simulated controllers use these, so what the demo
writes and what the console expects cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping

FIELD_MANAGER = "modelfs-ui"
"""The field manager the console applies as (and recognises as itself in ``managedFields``)."""
DEFAULT_REVISION = "main"
"""The revision a version fetches when it names none; the uri carries no ``@<revision>`` for it."""
DEFAULT_STORAGE = "100Ti"
"""The PVC size the controller asks for when a version sets no storage request."""
DEFAULT_ACCESS_MODES: tuple[str, ...] = ("ReadWriteMany",)
"""The access modes the controller asks for when a version sets none."""
NAME_LIMIT = 63
"""Longest name a PVC label, a Job's pod label or a DNS-1123 label may carry: a Dataset, PVC or sync Job name."""
MODEL_LABEL = "modelfs.samzong.dev/model"
"""Label the controller puts on a REFERENCE Dataset: ``<srcns>/<model>`` (the '/' makes the API server refuse it)."""
VERSION_LABEL = "modelfs.samzong.dev/version"
"""Label the controller puts on a REFERENCE Dataset: the version name."""
URI_CONFIG_KEY = "uri"


def dataset_name(model: str, version: str) -> str:
    """``mdl-<model>-<version>``: the Dataset (and its PVC's base name) that holds one version."""
    return f"mdl-{model}-{version}"


def reference_name(source_ns: str, model: str, version: str) -> str:
    """``share-<srcns>-<model>-<version>``: a version's REFERENCE Dataset in another namespace."""
    return f"share-{source_ns}-{model}-{version}"


def reference_labels(source_ns: str, model: str, version: str) -> dict[str, str]:
    """The labels the controller puts on a REFERENCE Dataset (the first one has a '/' in its value)."""
    return {MODEL_LABEL: f"{source_ns}/{model}", VERSION_LABEL: version}


def reference_uri(source_ns: str, model: str, version: str) -> str:
    """``dataset://<srcns>/mdl-<model>-<version>``: what a REFERENCE Dataset points at."""
    return f"dataset://{source_ns}/{dataset_name(model, version)}"


def sync_job_name(dataset: str, round: int) -> str:
    """The Job the Dataset controller runs for one sync round: ``dataset-<dataset>-round-<N>``."""
    return f"dataset-{dataset}-round-{round}"


def pvc_name(dataset: str) -> str:
    """``dataset-<dataset>``: the PVC the Dataset controller creates for a Dataset."""
    return f"dataset-{dataset}"


def source_uri(source_type: str, config: Mapping[str, str], repo: str, revision: str) -> str:
    """The Dataset uri the modelfs controller builds for a version; a config key ``uri`` overrides all.

    HUGGING_FACE ``huggingface://<repo>`` and MODEL_SCOPE ``modelscope://<repo>``, each with
    ``@<revision>`` unless the revision is ``main``; PVC ``pvc://<pvcName><path>``; NFS
    ``nfs://<server><path>``; any other type the config's ``url``, else the repo.
    """
    if config.get(URI_CONFIG_KEY):
        return str(config[URI_CONFIG_KEY])
    revision = revision or DEFAULT_REVISION
    suffix = f"@{revision}" if revision != DEFAULT_REVISION else ""
    kind = source_type.upper()
    if kind == "HUGGING_FACE":
        return f"huggingface://{repo}{suffix}"
    if kind == "MODEL_SCOPE":
        return f"modelscope://{repo}{suffix}"
    if kind == "PVC":
        return f"pvc://{config.get('pvcName', '')}{config.get('path', '')}"
    if kind == "NFS":
        return f"nfs://{config.get('server', '')}{config.get('path', '')}"
    return str(config.get("url") or repo)
