"""No false conflicts from the console's own writes; a real concurrent edit is refused and named."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from modelfs_lib.demo.runner import EmulatorThread
from modelfs_lib.ui import data
from tests.app.day2 import NS, QWEN, harness, model_object, text

MODELS = ("model.samzong.dev", "models")
SHARE = f"version.{QWEN}.int4.share"


def write_status(cluster: EmulatorThread) -> None:
    """What the controller does after every spec change: a status write, which moves the resourceVersion."""
    store = cluster.emulator.store
    live = model_object(cluster, QWEN)
    status = {**live.get("status", {}), "observedGeneration": live["metadata"]["generation"]}
    store.patch(store.rtype(*MODELS), NS, QWEN, {"status": status}, patch_type="merge", subresource="status")


def stop_sharing_in_dialog(at: AppTest, version: str, *, take_over: bool) -> None:
    """Stop sharing ``version`` through its dialog; ``take_over`` when the apply meets the seeding manager."""
    at.button(key=f"version.{QWEN}.{version}.share").click().run()
    at.button(key=f"version.{QWEN}.{version}.unshare.review.apply").click().run()
    if take_over:
        at.checkbox(key=f"version.{QWEN}.{version}.unshare.review.force").check().run()
        at.button(key=f"version.{QWEN}.{version}.unshare.review.apply").click().run()


def share_of(cluster: EmulatorThread) -> object:
    [int4] = [v for v in model_object(cluster, QWEN)["spec"]["versions"] if v["name"] == "int4"]
    return int4.get("share", {}).get("enabled")


def share_in_dialog(at: AppTest) -> None:
    """Share int4 through its dialog, every namespace, taking spec.versions over from the seeding manager."""
    at.button(key=SHARE).click().run()
    share_in_dialog_apply(at)


def share_in_dialog_apply(at: AppTest) -> None:
    """Apply the open share dialog of int4 as it stands (its dry-run, asked for, names the owner to take over from)."""
    at.button(key=f"version.{QWEN}.int4.sharing.review.check").click().run()
    at.checkbox(key=f"version.{QWEN}.int4.sharing.review.force").check().run()
    at.button(key=f"version.{QWEN}.int4.sharing.review.apply").click().run()


def test_share_then_stop_sharing_at_once_is_no_conflict(seeded: EmulatorThread) -> None:
    at = harness(version="int4", part="actions").run()
    share_in_dialog(at)
    assert share_of(seeded) is True
    write_status(seeded)  # the page still shows the Model as its own write returned it

    stop_sharing_in_dialog(at, "int4", take_over=False)  # spec.versions is the console's own now
    assert not at.exception
    assert share_of(seeded) is None
    assert "409" not in text(at)
    assert "Sharing of int4 stopped" in text(at)


def test_status_writes_racing_each_retry_are_no_conflict_either(seeded: EmulatorThread) -> None:
    """The controller may write status again between the re-read and the next write: still our own spec."""
    at = harness(version="int8", part="actions").run()
    seeded.emulator.inject(
        f"/namespaces/{NS}/models/{QWEN}$", method="PATCH", status=409, reason="Conflict", message="stale", times=2
    )
    at.button(key=f"version.{QWEN}.int8.restore").click().run()
    assert not at.exception
    assert "409" not in text(at)
    assert "Version int8 set PRESENT" in text(at)
    [int8] = [v for v in model_object(seeded, QWEN)["spec"]["versions"] if v["name"] == "int8"]
    assert int8["state"] == "PRESENT"


def test_a_list_that_has_not_caught_up_with_an_own_write_is_no_conflict(
    seeded: EmulatorThread, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page still shows the Model as before its own write (the list lags): the next write starts from the answer."""
    seeded.emulator.access.deny("watch", "models", group="model.samzong.dev", namespace=NS)
    at = harness(version="fp16", part="actions").run()
    monkeypatch.setattr(data, "written", lambda *args, **kwargs: None)
    stop_sharing_in_dialog(at, "fp16", take_over=True)
    write_status(seeded)
    at.button(key=f"version.{QWEN}.fp16.delete").click().run()
    at.text_input(key=f"version.{QWEN}.fp16.confirm.typed").input("fp16")
    at.button(key=f"version.{QWEN}.fp16.confirm.button").click().run()
    assert not at.exception
    assert "someone else" not in text(at)
    [fp16] = [v for v in model_object(seeded, QWEN)["spec"]["versions"] if v["name"] == "fp16"]
    assert (fp16["state"], "share" in fp16) == ("ABSENT", False)


def test_the_share_dialog_starts_from_the_model_as_it_is_now_and_names_who_changed_it(
    seeded: EmulatorThread,
) -> None:
    seeded.emulator.access.deny("watch", "models", group="model.samzong.dev", namespace=NS)  # the list lags
    at = harness(version="int4", part="actions").run()
    store = seeded.emulator.store
    versions = model_object(seeded, QWEN)["spec"]["versions"]
    versions[0]["precision"] = "INT8"
    store.patch(
        store.rtype(*MODELS), NS, QWEN, {"spec": {"versions": versions}}, patch_type="merge", manager="kubectl-edit"
    )
    at.button(key=SHARE).click().run()
    said = text(at)
    assert "changed by someone else" in said and "kubectl-edit (" in said and "spec.versions" in said
    share_in_dialog_apply(at)
    live = model_object(seeded, QWEN)["spec"]["versions"]
    assert live[0]["precision"] == "INT8"  # their change kept
    assert share_of(seeded) is True


def test_a_real_concurrent_edit_is_refused_and_names_its_manager_and_fields(seeded: EmulatorThread) -> None:
    at = harness(version="int8", part="actions").run()
    store = seeded.emulator.store
    versions = model_object(seeded, QWEN)["spec"]["versions"]
    versions[0]["precision"] = "INT8"
    store.patch(
        store.rtype(*MODELS), NS, QWEN, {"spec": {"versions": versions}}, patch_type="merge", manager="kubectl-edit"
    )

    at.button(key=f"version.{QWEN}.int8.restore").click().run()  # Restore, over their change
    assert not at.exception
    said = text(at)
    assert "changed by someone else" in said and "409 Conflict" in said
    assert "kubectl-edit (" in said and "spec.versions" in said
    live = model_object(seeded, QWEN)["spec"]["versions"]
    assert live[0]["precision"] == "INT8"  # their change kept
    assert live[2]["state"] == "ABSENT"  # ours not sent over it
