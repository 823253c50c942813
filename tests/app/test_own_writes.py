"""No false conflicts from the console's own writes; a real concurrent edit is refused and named."""

from __future__ import annotations

from modelfs_lib.demo.runner import EmulatorThread
from tests.app.day2 import NS, QWEN, harness, model_object, text

MODELS = ("model.samzong.dev", "models")
SHARE = f"version.{QWEN}.int4.share"


def write_status(cluster: EmulatorThread) -> None:
    """What the controller does after every spec change: a status write, which moves the resourceVersion."""
    store = cluster.emulator.store
    live = model_object(cluster, QWEN)
    status = {**live.get("status", {}), "observedGeneration": live["metadata"]["generation"]}
    store.patch(store.rtype(*MODELS), NS, QWEN, {"status": status}, patch_type="merge", subresource="status")


def share_of(cluster: EmulatorThread) -> object:
    [int4] = [v for v in model_object(cluster, QWEN)["spec"]["versions"] if v["name"] == "int4"]
    return int4.get("share", {}).get("enabled")


def test_share_then_stop_sharing_at_once_is_no_conflict(seeded: EmulatorThread) -> None:
    at = harness(version="int4", part="actions").run()
    at.button(key=SHARE).click().run()
    assert share_of(seeded) is True
    write_status(seeded)  # the page still shows the Model as its own write returned it

    at.button(key=SHARE).click().run()
    assert not at.exception
    assert share_of(seeded) is False
    assert "409" not in text(at)
    assert "Sharing of int4 switched off" in text(at)


def test_a_real_concurrent_edit_is_refused_and_names_its_manager_and_fields(seeded: EmulatorThread) -> None:
    at = harness(version="int4", part="actions").run()
    store = seeded.emulator.store
    versions = model_object(seeded, QWEN)["spec"]["versions"]
    versions[0]["precision"] = "INT8"
    store.patch(
        store.rtype(*MODELS), NS, QWEN, {"spec": {"versions": versions}}, patch_type="merge", manager="kubectl-edit"
    )

    at.button(key=SHARE).click().run()
    assert not at.exception
    said = text(at)
    assert "changed by someone else" in said and "409 Conflict" in said
    assert "kubectl-edit (" in said and "spec.versions" in said
    live = model_object(seeded, QWEN)["spec"]["versions"]
    assert live[0]["precision"] == "INT8"  # their change kept
    assert share_of(seeded) is not True  # ours not sent over it
