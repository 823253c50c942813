"""A version's Dataset and PVC: which option keys stay hidden, the owner, missing objects, kubectl commands."""

from __future__ import annotations

from typing import Any

from modelfs_lib.domain.kubectl import dataset_commands, pvc_commands
from modelfs_lib.domain.linkage import (
    KeyOrigin,
    dataset_missing_text,
    option_keys,
    owner_text,
    pvc_missing_text,
    pvc_name_of,
    pvc_note,
)
from modelfs_lib.resources import Dataset, Model, PersistentVolumeClaim

SECRET_VALUE = "hf_DEMO-SECRET-VALUE-0001"


def dataset(options: dict[str, str] | None = None, **meta: Any) -> Dataset:
    return Dataset.from_dict(
        {
            "metadata": {"name": "mdl-qwen3-fp16", "namespace": "ml", **meta},
            "spec": {
                "source": {"type": "HUGGING_FACE", "uri": "huggingface://q/q", "options": options or {}},
                "dataSyncRound": 2,
            },
            "status": {"pvcName": "dataset-mdl-qwen3-fp16"},
        }
    )


def model(state: str = "PRESENT", **extra: Any) -> Model:
    return Model.from_dict(
        {
            "metadata": {"name": "qwen3", "namespace": "ml", "uid": "u-1", **extra},
            "spec": {"sourceRef": "hf", "versions": [{"name": "fp16", "repo": "q/q", "state": state}]},
        }
    )


OPTIONS = {"endpoint": "https://hf-mirror.com", "HF_TOKEN": SECRET_VALUE, "repoType": SECRET_VALUE}


def test_the_typed_dataset_never_holds_an_option_value() -> None:
    assert SECRET_VALUE not in repr(dataset(OPTIONS))


def test_keys_of_the_secret_are_hidden_and_config_keys_show_the_configs_value() -> None:
    rows = {
        r.name: r
        for r in option_keys(
            dataset(OPTIONS), secret_keys=["HF_TOKEN"], config={"endpoint": "https://hf-mirror.com"}, secret_name="hf"
        )
    }
    assert rows["HF_TOKEN"].hidden and rows["HF_TOKEN"].origin is KeyOrigin.SECRET
    assert "Secret hf" in rows["HF_TOKEN"].note
    assert not rows["endpoint"].hidden and rows["endpoint"].value == "https://hf-mirror.com"
    assert rows["repoType"].hidden and rows["repoType"].origin is KeyOrigin.UNEXPLAINED


def test_a_key_in_both_the_secret_and_the_config_is_hidden() -> None:
    rows = option_keys(dataset({"endpoint": "x"}), secret_keys=["endpoint"], config={"endpoint": "public"})
    assert rows[0].hidden
    assert rows[0].value is None


def test_when_the_secret_cannot_be_read_every_key_is_hidden() -> None:
    rows = option_keys(dataset(OPTIONS), secret_keys=None, config={"endpoint": "e"}, secret_name="gone")
    assert all(r.hidden and r.value is None for r in rows)
    assert all("gone could not be read" in r.note for r in rows)


def test_without_a_secret_keys_the_config_does_not_explain_stay_hidden() -> None:
    rows = {r.name: r for r in option_keys(dataset(OPTIONS), secret_keys=(), config={"endpoint": "e"})}
    assert not rows["endpoint"].hidden
    assert rows["HF_TOKEN"].hidden


def test_the_owner_is_this_model_as_controller_or_a_warning() -> None:
    owned = dataset(
        ownerReferences=[{"apiVersion": "v1", "kind": "Model", "name": "qwen3", "uid": "u-1", "controller": True}]
    )
    assert owner_text(owned, model()) == "Model qwen3 (controller)"
    other = dataset(
        ownerReferences=[{"apiVersion": "v1", "kind": "Model", "name": "x", "uid": "u-2", "controller": True}]
    )
    assert "not this Model" in owner_text(other, model())
    assert "No owner" in owner_text(dataset(), model())


def test_the_pvc_comes_from_the_dataset_else_from_the_models_status() -> None:
    assert pvc_name_of(model(), "fp16", dataset()) == "dataset-mdl-qwen3-fp16"
    synced = Model.from_dict(
        {
            "metadata": {"name": "qwen3", "namespace": "ml"},
            "spec": {"sourceRef": "hf", "versions": [{"name": "fp16", "repo": "q/q"}]},
            "status": {"syncedVersions": [{"name": "fp16", "pvcName": "claim-1"}]},
        }
    )
    assert pvc_name_of(synced, "fp16", None) == "claim-1"


def test_a_missing_dataset_means_different_things_for_present_and_absent_versions() -> None:
    assert "as expected" in dataset_missing_text(model("ABSENT"), "fp16")
    assert "nothing is synced" in dataset_missing_text(model(), "fp16")


def test_a_missing_pvc_says_no_round_can_start() -> None:
    assert "no round can start" in pvc_missing_text(dataset(), "dataset-mdl-qwen3-fp16")
    assert "No PVC recorded" in pvc_missing_text(dataset(), "")
    assert "without a Dataset" in pvc_missing_text(None, "")


def test_a_pending_pvc_or_a_smaller_one_gets_a_note() -> None:
    pending = PersistentVolumeClaim.from_dict({"metadata": {"name": "p"}, "status": {"phase": "Pending"}})
    assert "Pending" in pvc_note(pending)
    smaller = PersistentVolumeClaim.from_dict(
        {
            "metadata": {"name": "p"},
            "spec": {"resources": {"requests": {"storage": "20Gi"}}},
            "status": {"phase": "Bound", "capacity": {"storage": "10Gi"}},
        }
    )
    assert pvc_note(smaller) == "Requested 20Gi, got 10Gi."


def test_the_kubectl_commands_never_print_the_options() -> None:
    commands = dataset_commands(dataset(OPTIONS))
    assert all("-o yaml" not in c and "-o json " not in c for c in commands)
    assert "kubectl -n ml logs job/dataset-mdl-qwen3-fp16-round-2" in commands
    assert pvc_commands("ml", "claim") == ["kubectl -n ml describe pvc claim"]
