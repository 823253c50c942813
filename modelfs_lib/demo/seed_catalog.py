"""What the demo cluster holds: namespaces, Secrets, ModelSources and Models, and how far each version got.

Plain data only; :mod:`modelfs_lib.demo.seed` turns it into manifests with consistent status.
Secret values are obviously fake and contain ``DEMO-SECRET-VALUE`` so tests can search for leaks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SECRET_MARKER = "DEMO-SECRET-VALUE"
MAIN_NAMESPACE = "ml-team"
SHARE_LABEL = "modelfs.samzong.dev/share"

NAMESPACES: dict[str, dict[str, str]] = {
    "default": {},
    "modelfs-system": {"app.kubernetes.io/part-of": "modelfs"},
    "ml-team": {"team": "ml", "env": "prod"},
    "inference": {"team": "serving", "env": "prod", SHARE_LABEL: "true"},
    "staging": {"team": "serving", "env": "staging", SHARE_LABEL: "true"},
    "research": {"team": "research"},  # opted out since: holds a stale REFERENCE Dataset
}

SECRETS: dict[str, dict[str, str]] = {
    "hf-token": {"HF_TOKEN": f"hf_{SECRET_MARKER}-0001"},
    "artifactory-token": {"Authorization": f"Bearer {SECRET_MARKER}-0002"},
}
# The Secret "minio-credentials" is referenced but missing; these keys were in it when the
# whisper Datasets were written, so their options still carry them.
FORMER_SECRETS: dict[str, dict[str, str]] = {
    "minio-credentials": {
        "AWS_ACCESS_KEY_ID": f"{SECRET_MARKER}-0003",
        "AWS_SECRET_ACCESS_KEY": f"{SECRET_MARKER}-0004",
    },
}

SOURCES: dict[str, dict[str, Any]] = {
    "huggingface": {
        "type": "HUGGING_FACE",
        "secretRef": "hf-token",
        "config": {"endpoint": "https://hf-mirror.com", "include": "*.safetensors,*.json"},
    },
    "modelscope": {"type": "MODEL_SCOPE", "config": {"repoType": "model"}},
    "minio-models": {
        "type": "S3",
        "secretRef": "minio-credentials",
        "config": {
            "endpoint": "http://minio.storage.svc:9000",
            "region": "us-east-1",
            "provider": "Minio",
            "syncMode": "sync",
        },
    },
    "artifactory": {"type": "HTTP", "secretRef": "artifactory-token", "config": {"Accept": "application/octet-stream"}},
    "gitea": {"type": "GIT", "config": {"branch": "main", "depth": "1"}},
}

SERVING_SHARE = {
    "enabled": True,
    "namespaceSelector": {"matchLabels": {"team": "serving"}},
    "requireOptInLabel": SHARE_LABEL,
}
QUIRK_SHARE = {"enabled": True, "requireOptInLabel": "team=serving"}  # documented: team=serving; actual: nothing


def storage(
    size: str, storage_class: str = "nfs-client", modes: tuple[str, ...] = ("ReadWriteMany",)
) -> dict[str, Any]:
    """A version's ``storage`` block."""
    return {"accessModes": list(modes), "resources": {"requests": {"storage": size}}, "storageClassName": storage_class}


@dataclass(frozen=True)
class Version:
    """One version and the state its Dataset is seeded in.

    ``plan``: ready, processing (first round running), rerun (round 2 running), waiting (PVC
    cannot bind: PENDING), failed, absent (state ABSENT, no Dataset), none (no Dataset yet).
    """

    spec: dict[str, Any]
    plan: str = "ready"
    rounds: int = 1


@dataclass(frozen=True)
class Model:
    """One Model of the demo and what its status says."""

    name: str
    source: str
    versions: tuple[Version, ...]
    description: str = ""
    tags: tuple[str, ...] = ()
    age_days: float = 7.0
    error: str = ""  # ModelSourceNotFound / ModelSourceNotReady
    edited: bool = False  # generation 2, observedGeneration 1: the last version was added after the last reconcile
    removed: tuple[Version, ...] = field(default=())  # versions deleted from spec whose Datasets stay


def version(
    name: str,
    repo: str,
    *,
    precision: str = "",
    size: str = "20Gi",
    plan: str = "ready",
    rounds: int = 1,
    revision: str = "main",
    share: dict[str, Any] | None = None,
    storage_class: str = "nfs-client",
    state: str = "PRESENT",
) -> Version:
    """A :class:`Version` with the usual fields filled in."""
    spec: dict[str, Any] = {
        "name": name,
        "repo": repo,
        "revision": revision,
        "storage": storage(size, storage_class),
        "state": state,
    }
    if precision:
        spec["precision"] = precision
    if share is not None:
        spec["share"] = share
    return Version(spec, plan="absent" if state == "ABSENT" else plan, rounds=rounds)


MODELS: tuple[Model, ...] = (
    Model(
        "qwen2-5-7b-instruct",
        "huggingface",
        (
            version("fp16", "Qwen/Qwen2.5-7B-Instruct", precision="FP16", size="20Gi", share=SERVING_SHARE),
            version("int4", "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4", precision="INT4", size="8Gi", rounds=2),
            version("int8", "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int8", precision="INT8", size="12Gi", state="ABSENT"),
            version(
                "awq", "Qwen/Qwen2.5-7B-Instruct-AWQ", precision="INT4", size="8Gi", revision="v1.1", plan="processing"
            ),
        ),
        "Qwen2.5 7B instruction-tuned, shared with the serving namespaces",
        ("qwen", "chat", "instruct"),
        14,
    ),
    Model(
        "llama-3-1-8b-instruct",
        "huggingface",
        (
            version("base", "meta-llama/Llama-3.1-8B", precision="FP16", size="24Gi", rounds=2),
            version(
                "instruct",
                "meta-llama/Llama-3.1-8B-Instruct",
                precision="FP16",
                size="24Gi",
                plan="rerun",
                share=QUIRK_SHARE,
            ),
        ),
        "Llama 3.1 8B; instruct is being re-synced",
        ("llama", "chat"),
        12,
    ),
    Model(
        "deepseek-r1-distill-qwen-1-5b",
        "modelscope",
        (
            version("main", "deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B", precision="FP16", size="6Gi"),
            version(
                "nvme",
                "deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B",
                precision="FP16",
                size="6Gi",
                plan="waiting",
                storage_class="nvme-fast",
            ),
        ),
        "DeepSeek R1 distilled into Qwen 1.5B",
        ("deepseek", "reasoning"),
        9,
    ),
    Model(
        "bge-m3",
        "modelscope",
        (version("v1", "BAAI/bge-m3", size="4Gi"),),
        "BGE-M3 embeddings",
        ("embedding",),
        20,
        removed=(version("v0", "BAAI/bge-m3", size="4Gi", revision="v0.9"),),
    ),
    Model(
        "mistral-7b-finetune",
        "huggingface",
        (
            version("v1", "acme-ml/mistral-7b-broken-finetune", precision="FP16", size="16Gi", plan="failed"),
            version("v2", "mistralai/Mistral-7B-Instruct-v0.3", precision="FP16", size="16Gi"),
        ),
        "Team fine-tune of Mistral 7B; v1 points at a repository that does not exist",
        ("mistral", "finetune"),
        6,
    ),
    Model(
        "whisper-large-v3",
        "minio-models",
        (
            version("v3", "models/openai/whisper-large-v3", size="10Gi"),
            version("v3-turbo", "models/openai/whisper-large-v3-turbo", size="6Gi", plan="none"),
        ),
        "Whisper large v3 from the team's MinIO bucket",
        ("speech", "asr"),
        18,
        error="ModelSourceNotReady",
        edited=True,
    ),
    Model(
        "sdxl-base",
        "artifactory",
        (version("v1-0", "https://artifactory.example.internal/artifactory/models/sdxl/base-1.0/", size="16Gi"),),
        "Stable Diffusion XL base 1.0 from Artifactory",
        ("diffusion", "image"),
        4,
    ),
    Model(
        "llama-guard-3-8b",
        "hf-mirror",
        (version("v1", "meta-llama/Llama-Guard-3-8B", precision="FP16", size="20Gi", plan="none"),),
        "Safety classifier; its sourceRef names a ModelSource that does not exist",
        ("safety",),
        1,
        error="ModelSourceNotFound",
    ),
)

# REFERENCE Datasets that exist: (namespace, model, version); "research" no longer matches (stale).
REFERENCES: tuple[tuple[str, str, str], ...] = (
    ("inference", "qwen2-5-7b-instruct", "fp16"),
    ("research", "qwen2-5-7b-instruct", "fp16"),
)
