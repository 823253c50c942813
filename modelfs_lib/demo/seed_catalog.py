"""What the demo cluster holds: namespaces, Secrets, ModelSources and Models, and how far each version got.

Plain data only; :mod:`modelfs_lib.demo.seed` turns it into manifests with consistent status.
Secret values are obviously fake and contain ``DEMO-SECRET-VALUE`` so tests can search for leaks.

Besides healthy Models, the main namespace holds the states the real controllers leave behind
(FACTS.md, "What the controllers really do"), each one kept as it is by the simulated controllers:
see ``FLAWED_STATES`` for where each one is.
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
    "hf-private-token": {"HF_TOKEN": f"hf_{SECRET_MARKER}-0005"},
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
    # Private repositories (their names contain "private", which the demo Dataset controller treats
    # as requiring credentials): the Secret is valid (CredentialsReady True), but the loader never
    # gets it, because modelfs copies its values into options and never sets the Dataset's secretRef.
    "hf-private": {
        "type": "HUGGING_FACE",
        "secretRef": "hf-private-token",
        "config": {"endpoint": "https://huggingface.co"},
    },
}
PRIVATE_SOURCES = frozenset({"hf-private"})
SOURCE_AGE_DAYS: dict[str, float] = {"modelscope": 25.0, "hf-private": 10.0}  # default: 30
# referencedBy as the ModelSource controller last wrote it (it watches only ModelSources): it lists
# a Model deleted since and misses every Model created after the source last changed (8 days ago).
STALE_REFERENCED_BY: dict[str, tuple[str, ...]] = {
    "modelscope": ("bge-m3", "chatglm3-6b", "deepseek-r1-distill-qwen-1-5b", "mixtral-8x7b-instruct"),
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

    ``plan``: ready, processing (first round running), rerun (round N+1 running after a console
    bump, ``spec.dataSyncRound`` already reset to 1), reset (round ``rounds`` synced after a bump,
    counter reset to 1: FAILED), waiting (PVC cannot bind: PENDING), failed (the round failed),
    jobname (the Job of round 1 was refused: its name exceeds 63 characters), absent (state
    ABSENT, no Dataset), none (no Dataset yet). ``observed``: the spec the Dataset was built
    from, when the version was edited since (an immutable repo/revision change).
    """

    spec: dict[str, Any]
    plan: str = "ready"
    rounds: int = 1
    observed: dict[str, Any] | None = None


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
    stale_error: str = ""  # a ReconcileError from when the Model was created, never cleared since
    stalled: bool = False  # with edited: a live version's repo/revision edit makes every reconcile stop


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
    no_storage: bool = False,
    was_revision: str = "",
) -> Version:
    """A :class:`Version` with the usual fields filled in.

    ``no_storage``: no ``storage`` block (the controller's silent ReadWriteMany 100Ti default);
    ``was_revision``: the revision the live Dataset was built from before an edit to ``revision``.
    """
    spec: dict[str, Any] = {"name": name, "repo": repo, "revision": revision, "state": state}
    if not no_storage:
        spec["storage"] = storage(size, storage_class)
    if precision:
        spec["precision"] = precision
    if share is not None:
        spec["share"] = share
    observed = {**spec, "revision": was_revision} if was_revision else None
    return Version(spec, plan="absent" if state == "ABSENT" else plan, rounds=rounds, observed=observed)


MODELS: tuple[Model, ...] = (
    Model(
        "qwen2-5-7b-instruct",
        "huggingface",
        (
            version("fp16", "Qwen/Qwen2.5-7B-Instruct", precision="FP16", size="20Gi", share=SERVING_SHARE),
            # re-synced once: round 2 synced, the Model controller reset the counter (FAILED, see gemma)
            version("int4", "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4", precision="INT4", size="8Gi", plan="reset", rounds=2),
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
            version("base", "meta-llama/Llama-3.1-8B", precision="FP16", size="24Gi"),
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
    # ---- what the real controllers leave behind (see FLAWED_STATES) ----
    Model(
        "gemma-2-9b-it",
        "modelscope",
        (version("it", "LLM-Research/gemma-2-9b-it", precision="FP16", size="20Gi", plan="reset", rounds=2),),
        "Gemma 2 9B; a re-sync ran and synced round 2, then the Model controller reset the round counter",
        ("gemma", "chat"),
        5,
    ),
    Model(
        "mixtral-8x7b-instruct",
        "modelscope",
        (version("v0-1", "AI-ModelScope/Mixtral-8x7B-Instruct-v0.1", precision="FP16", size="96Gi"),),
        "Mixtral 8x7B; created before its ModelSource, synced since, the old ReconcileError stays",
        ("mixtral", "moe"),
        28,
        stale_error="ModelSourceNotFound",
    ),
    Model(
        "yi-1-5-9b-chat",
        "modelscope",
        (
            version("v1", "01ai/Yi-1.5-9B-Chat", size="20Gi", revision="v1.1", was_revision="master"),
            version("v2", "01ai/Yi-1.5-9B-Chat-16K", size="20Gi", plan="none"),
        ),
        "Yi 1.5 9B; v1's revision was edited in place, so every reconcile stops at v1",
        ("yi", "chat"),
        6,
        edited=True,
        stalled=True,
    ),
    Model(
        "acme-private-llm",
        "hf-private",
        (version("sft-v1", "acme-corp/llm-7b-sft-private", precision="FP16", size="16Gi", plan="failed"),),
        "Private fine-tune: the Secret is valid, yet the loader gets 401 (no spec.secretRef)",
        ("private", "finetune"),
        4,
    ),
    Model(
        "internlm2-5-7b-chat",
        "modelscope",
        (
            version(
                "v1",
                "Shanghai_AI_Laboratory/internlm2_5-7b-chat",
                size="18Gi",
                state="ABSENT",
                share=SERVING_SHARE,
            ),
            version("v2", "Shanghai_AI_Laboratory/internlm2_5-7b-chat-1m", size="18Gi"),
        ),
        "InternLM 2.5 7B; v1 is ABSENT but still shared: its reference points at a deleted Dataset",
        ("internlm", "chat"),
        7,
    ),
    Model(
        "nomic-embed-text-v1-5",
        "modelscope",
        (
            version("v1-5", "AI-ModelScope/nomic-embed-text-v1.5", no_storage=True),
            version("v1-5-nfs", "AI-ModelScope/nomic-embed-text-v1.5", size="2Gi"),
        ),
        "Nomic embeddings; v1-5 has no storage (100Ti default), v1-5-nfs a storage class (unstable hash)",
        ("embedding",),
        3,
    ),
    Model(
        "phi-3-mini-4k-instruct",
        "modelscope",
        (version("dpo-long-context-sweep-b7", "LLM-Research/Phi-3-mini-4k-instruct", size="8Gi", plan="jobname"),),
        "Phi-3 mini; the version name makes the sync Job name longer than 63 characters",
        ("phi", "chat"),
        2,
    ),
)

# REFERENCE Datasets that exist: (namespace, model, version); "research" no longer matches (stale);
# none is READY, since modelfs never sets spec.share on the source Dataset; internlm v1 is ABSENT.
REFERENCES: tuple[tuple[str, str, str], ...] = (
    ("inference", "qwen2-5-7b-instruct", "fp16"),
    ("research", "qwen2-5-7b-instruct", "fp16"),
    ("inference", "internlm2-5-7b-chat", "v1"),
)

# A Dataset written for a newer Dataset controller (after 5763ffb): source type MANUAL and
# spec.volumeClaimRef, which the installed CRD does not know. Standalone: no Model owns it.
MANUAL_DATASET = "eval-corpus"
MANUAL_PVC = "eval-corpus-data"

# Where each flawed state is, for tests and diagnosis checks: state -> (namespace, object).
FLAWED_STATES: dict[str, tuple[str, str]] = {
    "counter-reset": (MAIN_NAMESPACE, "Model gemma-2-9b-it version it"),
    "stale-reconcile-error": (MAIN_NAMESPACE, "Model mixtral-8x7b-instruct"),
    "stalled-reconcile": (MAIN_NAMESPACE, "Model yi-1-5-9b-chat (v1 edited, v2 without Dataset)"),
    "private-source-401": (MAIN_NAMESPACE, "Model acme-private-llm version sft-v1 (ModelSource hf-private)"),
    "reference-not-shared": ("inference", "Dataset share-ml-team-qwen2-5-7b-instruct-fp16 (and in research)"),
    "reference-label-rejected": (
        "staging",
        "share-ml-team-qwen2-5-7b-instruct-fp16, share-ml-team-internlm2-5-7b-chat-v1",
    ),
    "reference-stale-namespace": ("research", "Dataset share-ml-team-qwen2-5-7b-instruct-fp16"),
    "reference-absent-version": ("inference", "Dataset share-ml-team-internlm2-5-7b-chat-v1"),
    "orphan-dataset": (MAIN_NAMESPACE, "Dataset mdl-bge-m3-v0"),
    "no-storage": (MAIN_NAMESPACE, "Model nomic-embed-text-v1-5 version v1-5"),
    "job-name-too-long": (MAIN_NAMESPACE, "Model phi-3-mini-4k-instruct version dpo-long-context-sweep-b7"),
    "stale-referenced-by": (MAIN_NAMESPACE, "ModelSource modelscope"),
    "unstable-hash": (MAIN_NAMESPACE, "Model nomic-embed-text-v1-5 version v1-5-nfs"),
    "newer-dataset-type": (MAIN_NAMESPACE, f"Dataset {MANUAL_DATASET} (MANUAL, volumeClaimRef {MANUAL_PVC})"),
}
