"""Recreate Dataset against the emulator: the preview, the Pods on the PVC (and a 403), the typed name,
the DELETE with its preconditions, a stale reading refused, and the new Dataset followed."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from modelfs_lib.demo.runner import EmulatorThread
from tests.app.conftest import add_object
from tests.app.day2 import NS, QWEN, Clock, dataset, find_dataset, harness, rendered, text, write_buttons

pytestmark = pytest.mark.usefixtures("uncached_reads")

FP16 = f"mdl-{QWEN}-fp16"
PVC = f"dataset-{FP16}"
KEY = f"recreate.{QWEN}.fp16"
SECRET = "hf_POD-ARG-SECRET-0001"


def add_pod(cluster: EmulatorThread, name: str, claim: str) -> None:
    pod: dict[str, Any] = {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name, "namespace": NS},
        "spec": {
            "nodeName": "gpu-node-1",
            "containers": [
                {"name": "vllm", "args": [f"--options=HF_TOKEN={SECRET}"], "env": [{"name": "T", "value": SECRET}]}
            ],
            "volumes": [{"name": "weights", "persistentVolumeClaim": {"claimName": claim}}],
        },
        "status": {"phase": "Running"},
    }
    add_object(cluster, pod, namespace=NS)


def opened() -> AppTest:
    at = harness(version="fp16", part="recreate").run()
    assert not at.exception
    at.button(key=f"{KEY}.open").click().run()
    assert not at.exception
    return at


def confirm(at: AppTest, typed: str = FP16) -> AppTest:
    at.text_input(key=f"{KEY}.confirm.typed").input(typed)
    return at.button(key=f"{KEY}.confirm.button").click().run()


def test_the_preview_says_what_is_deleted_what_comes_back_and_how_much_is_downloaded(seeded: EmulatorThread) -> None:
    stored = dataset(seeded, FP16)
    at = opened()
    page = text(at)
    assert f"Delete Dataset **{FP16}**?" in page
    uid, version = stored["metadata"]["uid"], stored["metadata"]["resourceVersion"]
    assert f"(uid `{uid}`, resourceVersion `{version}`), with propagationPolicy Background" in page
    assert f"PVC `{PVC}` and the synced weights on it are deleted with it" in page
    assert "The Model controller recreates the Dataset on its next reconcile" in page
    assert "downloaded again in full into a new PVC of **20Gi** (the version's storage request)" in page
    assert f"No Pod in the namespace mounts PVC `{PVC}` now." in page
    at.button(key=f"{KEY}.confirm.button").click().run()  # nothing typed yet: refused, said next to the box
    assert "Type the name" in text(at)
    assert not seeded.emulator.received_matching("DELETE", "/")


def test_the_pods_that_mount_the_pvc_are_named_without_their_args_or_env(seeded: EmulatorThread) -> None:
    add_pod(seeded, "vllm-qwen-0", PVC)
    add_pod(seeded, "unrelated", "some-other-claim")
    at = opened()
    page = text(at)
    assert f"1 Pod(s) mount PVC `{PVC}`: `vllm-qwen-0` (Running on gpu-node-1)." in page
    assert "until these Pods stop" in page
    assert "unrelated" not in page
    assert not [element for element in rendered(at) if SECRET.encode() in element]
    [listed] = seeded.emulator.received_matching("GET", f"/api/v1/namespaces/{NS}/pods$")
    assert listed.params.get("limit")


def test_when_pods_may_not_be_listed_the_preview_says_they_could_not_be_checked(seeded: EmulatorThread) -> None:
    seeded.emulator.access.deny("list", "pods", namespace=NS)
    at = opened()
    assert not at.exception
    page = text(at)
    assert f"The Pods that mount PVC `{PVC}` could not be checked: this console may not list pods in {NS}" in page
    assert "loses its files when it does" in page
    at = confirm(at)  # the check is advice: the delete is still possible
    assert len(seeded.emulator.received_matching("DELETE", f"/datasets/{FP16}$")) == 1


def test_the_delete_carries_the_uid_and_resource_version_shown_and_propagates_in_the_background(
    seeded: EmulatorThread,
) -> None:
    stored = dataset(seeded, FP16)
    at = opened()
    at.text_input(key=f"{KEY}.confirm.typed").input("mdl-wrong")
    at.button(key=f"{KEY}.confirm.button").click().run()
    assert not seeded.emulator.received_matching("DELETE", "/")
    assert "That does not match" in text(at)

    at = confirm(at)

    assert not at.exception
    [sent] = seeded.emulator.received_matching("DELETE", f"/namespaces/{NS}/datasets/{FP16}$")
    assert sent.body["preconditions"] == {
        "uid": stored["metadata"]["uid"],
        "resourceVersion": stored["metadata"]["resourceVersion"],
    }
    assert sent.body["propagationPolicy"] == "Background"
    assert find_dataset(seeded, FP16) is None
    page = text(at)
    assert f"Dataset `{FP16}` (uid `{stored['metadata']['uid']}`) deleted" in page
    assert "Waiting for the Model controller to create it again" in page
    assert "This panel follows the new Dataset." in page


def test_the_page_follows_the_dataset_the_controller_creates_again(seeded: EmulatorThread) -> None:
    old_uid = dataset(seeded, FP16)["metadata"]["uid"]
    at = confirm(opened())
    Clock(seeded.emulator.store).tick()
    at.run()
    assert not at.exception
    new = find_dataset(seeded, FP16)
    assert new is not None and new["metadata"]["uid"] != old_uid
    assert f"The Model controller created Dataset {FP16} again (uid `{new['metadata']['uid']}`)" in text(at)


def test_a_dataset_changed_after_it_was_shown_is_not_deleted(seeded: EmulatorThread) -> None:
    at = opened()
    at.text_input(key=f"{KEY}.confirm.typed").input(FP16)
    store = seeded.emulator.store
    datasets = store.rtype("dataset.baizeai.io", "datasets")
    store.patch(datasets, NS, FP16, {"metadata": {"labels": {"touched": "yes"}}}, patch_type="merge")

    at.button(key=f"{KEY}.confirm.button").click().run()

    assert not at.exception
    [sent] = seeded.emulator.received_matching("DELETE", f"/datasets/{FP16}$")
    assert sent.body["preconditions"]["resourceVersion"] != dataset(seeded, FP16)["metadata"]["resourceVersion"]
    assert find_dataset(seeded, FP16) is not None
    assert "changed after this page read it (409 Conflict" in text(at)


def test_recreate_is_refused_for_an_absent_version_and_disabled_without_delete_permission(
    seeded: EmulatorThread,
) -> None:
    absent = harness(version="int8", part="recreate").run()
    assert not [b for b in absent.button if b.label.startswith("Recreate")]
    seeded.emulator.access.deny("delete", "datasets", group="dataset.baizeai.io", namespace=NS)
    at = harness(version="fp16", part="recreate").run()
    assert at.button(key=f"{KEY}.open").disabled
    assert f"You may not delete datasets.dataset.baizeai.io in {NS}" in text(at)


def test_read_only_mode_offers_no_recreate(seeded: EmulatorThread, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MODELFS_UI_READONLY", "1")
    at = harness(version="fp16", part="recreate").run()
    assert not at.exception
    assert write_buttons(at) == []
    assert not seeded.emulator.received_matching("GET", "/pods")
