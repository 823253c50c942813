"""The seeded demo content: what the console has to show is all there, and consistent."""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections import Counter
from typing import Any

import pytest

from modelfs_lib.demo import desired
from modelfs_lib.demo.controllers import SimulatedControllers
from modelfs_lib.demo.schemas import validate
from modelfs_lib.demo.seed import seed, seed_objects
from modelfs_lib.demo.seed_catalog import SECRET_MARKER
from modelfs_lib.demo.store import ObjectStore
from modelfs_lib.resources import naming
from tests.demo.conftest import SEED_TIME

Seeded = tuple[ObjectStore, list[dict[str, Any]]]
NS = "ml-team"


def of_kind(seeded: Seeded, kind: str, namespace: str | None = None) -> list[dict[str, Any]]:
    return [o for o in seeded[1] if o["kind"] == kind and namespace in (None, o["metadata"].get("namespace"))]


def by_name(seeded: Seeded, kind: str, name: str, namespace: str = NS) -> dict[str, Any]:
    return next(o for o in of_kind(seeded, kind, namespace) if o["metadata"]["name"] == name)


def reason_of(obj: dict[str, Any], type_: str) -> tuple[str, str] | None:
    cond = next((c for c in (obj.get("status") or {}).get("conditions") or [] if c["type"] == type_), None)
    return None if cond is None else (cond["status"], cond["reason"])


@pytest.fixture(scope="module")
def seeded(seeded_module: Seeded) -> Seeded:
    return seeded_module


# ---- namespaces and sources ------------------------------------------------------------------
def test_namespaces_carry_the_labels_sharing_depends_on(seeded: Seeded) -> None:
    labels = {ns["metadata"]["name"]: ns["metadata"]["labels"] for ns in of_kind(seeded, "Namespace")}
    assert {"ml-team", "inference", "research", "default"} <= set(labels)
    assert labels["inference"]["modelfs.samzong.dev/share"] == "true" and labels["inference"]["team"] == "serving"
    assert "modelfs.samzong.dev/share" not in labels["research"]


def test_model_sources_cover_four_types_with_credentials_and_references(seeded: Seeded) -> None:
    sources = of_kind(seeded, "ModelSource", NS)
    assert {"HUGGING_FACE", "MODEL_SCOPE", "S3", "HTTP"} <= {s["spec"]["type"] for s in sources}
    for source in sources:
        assert reason_of(source, "CredentialsReady") is not None
        assert isinstance(source["status"]["referencedBy"], list)
        assert desired.SOURCE_FINALIZER in source["metadata"]["finalizers"]
    assert by_name(seeded, "ModelSource", "huggingface")["status"]["referencedBy"] == [
        "ml-team/llama-3-1-8b-instruct",
        "ml-team/mistral-7b-finetune",
        "ml-team/qwen2-5-7b-instruct",
    ]


def test_the_hugging_face_source_uses_an_existing_secret_with_a_token(seeded: Seeded) -> None:
    source = by_name(seeded, "ModelSource", "huggingface")
    secret = by_name(seeded, "Secret", source["spec"]["secretRef"])
    assert "HF_TOKEN" in secret["data"]
    assert reason_of(source, "CredentialsReady") == ("True", "SecretValid")


def test_the_public_model_scope_source_needs_no_secret(seeded: Seeded) -> None:
    source = by_name(seeded, "ModelSource", "modelscope")
    assert "secretRef" not in source["spec"]
    assert reason_of(source, "CredentialsReady") == ("True", "NoSecretRequired")


def test_the_s3_source_references_a_missing_secret_and_is_not_ready(seeded: Seeded) -> None:
    source = by_name(seeded, "ModelSource", "minio-models")
    assert source["spec"]["type"] == "S3"
    assert source["spec"]["secretRef"] not in {s["metadata"]["name"] for s in of_kind(seeded, "Secret")}
    assert reason_of(source, "CredentialsReady") == ("False", "SecretInvalid")


def test_secret_values_are_fake_and_carry_the_leak_marker(seeded: Seeded) -> None:
    for secret in of_kind(seeded, "Secret"):
        for value in secret["data"].values():
            assert SECRET_MARKER in base64.b64decode(value).decode()


# ---- models and versions ---------------------------------------------------------------------
def test_fifteen_models_with_one_to_four_versions(seeded: Seeded) -> None:
    models = of_kind(seeded, "Model", NS)
    assert len(models) == 15
    counts = sorted(len(m["spec"]["versions"]) for m in models)
    assert counts[0] == 1 and counts[-1] == 4


def test_versions_cover_ready_processing_pending_failed_and_absent(seeded: Seeded) -> None:
    phases = Counter(v.get("phase") for m in of_kind(seeded, "Model") for v in m["status"].get("syncedVersions", []))
    assert {"READY", "PROCESSING", "PENDING", "FAILED"} <= set(phases)
    states = {v["observedState"] for m in of_kind(seeded, "Model") for v in m["status"].get("syncedVersions", [])}
    assert "ABSENT" in states
    qwen = by_name(seeded, "Model", "qwen2-5-7b-instruct")
    assert {v["name"]: v["state"] for v in qwen["spec"]["versions"]}["int8"] == "ABSENT"
    assert naming.dataset_name("qwen2-5-7b-instruct", "int8") not in {
        d["metadata"]["name"] for d in of_kind(seeded, "Dataset")
    }


def test_a_model_whose_source_is_missing_has_a_reconcile_error(seeded: Seeded) -> None:
    sources = {s["metadata"]["name"] for s in of_kind(seeded, "ModelSource")}
    broken = [m for m in of_kind(seeded, "Model") if m["spec"]["sourceRef"] not in sources]
    assert len(broken) == 1
    cond = broken[0]["status"]["conditions"][0]
    assert (cond["type"], cond["status"], cond["reason"]) == ("ReconcileError", "False", "ModelSourceNotFound")
    assert broken[0]["spec"]["sourceRef"] in cond["message"] and cond["lastTransitionTime"]


def test_a_model_has_observed_generation_behind_generation(seeded: Seeded) -> None:
    behind = [
        m
        for m in of_kind(seeded, "Model")
        if "observedGeneration" in m["status"] and m["status"]["observedGeneration"] < m["metadata"]["generation"]
    ]
    assert [m["metadata"]["name"] for m in behind] == ["whisper-large-v3", "yi-1-5-9b-chat"]
    assert reason_of(behind[0], "ReconcileError") == ("False", "ModelSourceNotReady")
    assert reason_of(behind[1], "ReconcileError") is None  # a stalled reconcile writes no condition


def test_version_datasets_are_owned_by_their_models(seeded: Seeded) -> None:
    uids = {m["metadata"]["uid"]: m["metadata"]["name"] for m in of_kind(seeded, "Model")}
    for ds in of_kind(seeded, "Dataset", NS):
        if ds["metadata"]["name"] == "eval-corpus":  # the standalone MANUAL Dataset
            assert "ownerReferences" not in ds["metadata"]
            continue
        owner = ds["metadata"]["ownerReferences"][0]
        assert owner["controller"] is True and owner["kind"] == "Model"
        assert uids[owner["uid"]] == owner["name"] and ds["metadata"]["name"].startswith(f"mdl-{owner['name']}-")


def test_dataset_options_merge_the_source_config_with_every_secret_key(seeded: Seeded) -> None:
    ds = by_name(seeded, "Dataset", "mdl-qwen2-5-7b-instruct-fp16")
    assert ds["spec"]["source"]["options"]["endpoint"] == "https://hf-mirror.com"
    assert SECRET_MARKER in ds["spec"]["source"]["options"]["HF_TOKEN"]
    s3 = by_name(seeded, "Dataset", "mdl-whisper-large-v3-v3")
    assert {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "region"} <= set(s3["spec"]["source"]["options"])


def test_dataset_specs_are_exactly_what_the_controller_would_write(seeded: Seeded) -> None:
    store = seeded[0]
    for model in of_kind(seeded, "Model", NS):
        for v in model["spec"]["versions"]:
            ds = store.find(
                store.rtype("dataset.baizeai.io", "datasets"),
                NS,
                naming.dataset_name(model["metadata"]["name"], v["name"]),
            )
            behind = model["status"].get("observedGeneration") != model["metadata"]["generation"]
            if ds is not None and not behind:
                source = by_name(seeded, "ModelSource", model["spec"]["sourceRef"])
                secret = next(
                    (s for s in of_kind(seeded, "Secret") if s["metadata"]["name"] == source["spec"].get("secretRef")),
                    None,
                )
                want = desired.dataset_spec(source, secret, v)
                assert {k: ds["spec"][k] for k in want} == want


def test_synced_versions_mirror_their_datasets(seeded: Seeded) -> None:
    for model in of_kind(seeded, "Model", NS):
        for entry in model["status"].get("syncedVersions", []):
            assert len(entry["observedVersionHash"]) == 8
            int(entry["observedVersionHash"], 16)
            if entry["observedState"] == "ABSENT":
                continue
            ds = by_name(seeded, "Dataset", entry["activeDataset"])
            status = ds["status"]
            assert entry["phase"] == status["phase"] and entry["pvcName"] == status["pvcName"]
            assert entry.get("lastSyncTime") == status.get("lastSyncTime")
            assert entry["conditions"] == status["conditions"]
            assert (
                entry["observedStorage"]
                == ds["spec"]["volumeClaimTemplate"]["spec"]["resources"]["requests"]["storage"]
            )


def test_a_version_removed_from_spec_left_its_dataset_behind(seeded: Seeded) -> None:
    orphan = by_name(seeded, "Dataset", "mdl-bge-m3-v0")
    model = by_name(seeded, "Model", "bge-m3")
    assert orphan["metadata"]["ownerReferences"][0]["uid"] == model["metadata"]["uid"]
    assert "v0" not in {v["name"] for v in model["spec"]["versions"]}


def test_datasets_show_rounds_with_their_job_names(seeded: Seeded) -> None:
    for ds in of_kind(seeded, "Dataset", NS):
        status = ds["status"]
        assert status["phase"] in {"READY", "PROCESSING", "PENDING", "FAILED"} and status["pvcName"]
        for round_ in status.get("syncRoundStatuses", []):
            assert round_["jobName"] == f"dataset-{ds['metadata']['name']}-round-{round_['round']}"
        if status["phase"] == "READY":
            assert status["lastSucceedRound"] == ds["spec"]["dataSyncRound"] and status["lastSyncTime"]
        if status["phase"] == "PROCESSING":
            assert status["inProcessing"] is True and status["inProcessingRound"] >= ds["spec"]["dataSyncRound"]
    rerun = by_name(seeded, "Dataset", "mdl-llama-3-1-8b-instruct-instruct")
    assert rerun["status"]["inProcessingRound"] == 2 and rerun["status"]["lastSucceedRound"] == 1
    assert rerun["spec"]["dataSyncRound"] == 1  # the Model controller reset the console's bump at once


# ---- sharing ---------------------------------------------------------------------------------
def test_the_shared_version_has_reference_datasets_without_the_invalid_label(seeded: Seeded) -> None:
    qwen = by_name(seeded, "Model", "qwen2-5-7b-instruct")
    fp16 = next(v for v in qwen["spec"]["versions"] if v["name"] == "fp16")
    assert fp16["share"]["enabled"] and fp16["share"]["requireOptInLabel"]
    assert fp16["share"]["namespaceSelector"] == {"matchLabels": {"team": "serving"}}
    ref = by_name(seeded, "Dataset", "share-ml-team-qwen2-5-7b-instruct-fp16", "inference")
    assert ref["spec"]["source"] == {"type": "REFERENCE", "uri": "dataset://ml-team/mdl-qwen2-5-7b-instruct-fp16"}
    assert ref["metadata"]["labels"] == {naming.VERSION_LABEL: "fp16"}
    assert ref["status"]["phase"] == "FAILED"  # modelfs never sets spec.share on the source Dataset
    assert ref["status"]["conditions"][0]["message"] == (
        "source dataset ml-team/mdl-qwen2-5-7b-instruct-fp16 is not shared"
    )


def test_a_stale_reference_sits_in_a_namespace_that_no_longer_matches(seeded: Seeded) -> None:
    namespaces = of_kind(seeded, "Namespace")
    qwen = by_name(seeded, "Model", "qwen2-5-7b-instruct")
    share = next(v for v in qwen["spec"]["versions"] if v["name"] == "fp16")["share"]
    targets = desired.share_targets(share, namespaces, NS)
    refs = [
        d["metadata"]["namespace"]
        for d in of_kind(seeded, "Dataset")
        if d["metadata"]["name"] == "share-ml-team-qwen2-5-7b-instruct-fp16"
    ]
    assert "research" in refs and "research" not in targets
    assert "staging" in targets and "staging" not in refs  # expected but refused by the API server


def test_the_refused_reference_is_explained_by_a_warning_event(seeded: Seeded) -> None:
    events = [e for e in of_kind(seeded, "Event", NS) if e["reason"] == "ReferenceCreateFailed"]
    assert events and events[0]["type"] == "Warning" and "staging" in events[0]["message"]
    assert "ml-team/qwen2-5-7b-instruct" in events[0]["message"]


# ---- PVCs and events -------------------------------------------------------------------------
def test_pvcs_are_owned_by_their_datasets_and_bound_when_the_dataset_synced(seeded: Seeded) -> None:
    datasets = {
        d["metadata"]["uid"]: d for d in of_kind(seeded, "Dataset", NS) if d["spec"]["source"]["type"] != "MANUAL"
    }
    pvcs = [p for p in of_kind(seeded, "PersistentVolumeClaim", NS) if p["metadata"].get("ownerReferences")]
    assert len(pvcs) == len(datasets)
    for pvc in pvcs:
        ds = datasets[pvc["metadata"]["ownerReferences"][0]["uid"]]
        assert ds["status"]["pvcName"] == pvc["metadata"]["name"]
        if ds["status"]["phase"] == "READY":
            assert pvc["status"]["phase"] == "Bound" and pvc["status"]["capacity"]["storage"]
    assert {p["status"]["phase"] for p in pvcs} == {"Bound", "Pending"}


def test_events_describe_datasets_and_models(seeded: Seeded) -> None:
    events = of_kind(seeded, "Event")
    kinds = {e["involvedObject"]["kind"] for e in events}
    assert {"Dataset", "Model", "ModelSource", "PersistentVolumeClaim"} <= kinds
    assert {e["type"] for e in events} == {"Normal", "Warning"}
    uids = {o["metadata"]["uid"] for o in seeded[1]}
    for event in events:
        involved = event["involvedObject"]
        assert involved["uid"] in uids and involved["namespace"] == event["metadata"]["namespace"]
        assert event["reason"] and event["message"] and event["firstTimestamp"] <= event["lastTimestamp"]


# ---- the whole seed --------------------------------------------------------------------------
def test_every_crd_object_validates_against_its_schema(seeded: Seeded) -> None:
    store, objects = seeded
    for obj in objects:
        schema = store.rtype_of(obj).schema
        if schema is not None and obj["metadata"]["name"] != "eval-corpus":
            assert validate(schema, obj) == [], obj["metadata"]["name"]
    manual = by_name(seeded, "Dataset", "eval-corpus")  # written for a newer Dataset CRD: only the type is unknown
    assert [p.field for p in validate(store.rtype_of(manual).schema or {}, manual)] == ["spec.source.type"]


def test_creation_timestamps_are_in_the_recent_past(seeded: Seeded) -> None:
    for obj in seeded[1]:
        created = dt.datetime.fromisoformat(obj["metadata"]["creationTimestamp"].replace("Z", "+00:00"))
        assert SEED_TIME - dt.timedelta(days=90) <= created <= SEED_TIME


def test_seed_objects_are_plain_manifests_in_creation_order() -> None:
    objects = seed_objects(now=SEED_TIME)
    json.dumps(objects)
    kinds = [o["kind"] for o in objects]
    assert kinds.index("Namespace") == 0 and kinds.index("Model") < kinds.index("Dataset")
    assert seed_objects(now=SEED_TIME) == objects  # deterministic


def test_a_first_controller_pass_over_the_seed_changes_only_the_repeating_warnings() -> None:
    store = ObjectStore()
    seed(store, now=SEED_TIME)
    changes: list[tuple[str, str]] = []
    store.on_change(lambda event, obj: changes.append((event, obj["kind"])))
    SimulatedControllers(store).tick(SEED_TIME)
    assert set(changes) == {("MODIFIED", "Event")}
