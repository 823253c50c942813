"""A version's lifecycle against the emulator: Delete (ABSENT), the Dataset going, Remove from spec, Restore, Share."""

from __future__ import annotations

import pytest

from modelfs_lib.demo.runner import EmulatorThread
from tests.app.day2 import NS, QWEN, Clock, find_dataset, harness, model_object, text

pytestmark = pytest.mark.usefixtures("uncached_reads")

INT4 = f"mdl-{QWEN}-int4"
KEY = f"version.{QWEN}.int4"


def model_patches(cluster: EmulatorThread) -> list[object]:
    return cluster.emulator.received_matching("PATCH", f"/namespaces/{NS}/models/{QWEN}$")


def test_delete_sets_absent_then_the_dataset_goes_then_the_version_can_be_removed(seeded: EmulatorThread) -> None:
    clock = Clock(seeded.emulator.store)
    clock.tick()
    live = model_object(seeded, QWEN)
    at = harness(version="int4", part="actions").run()
    assert not at.exception
    assert at.button(key=f"{KEY}.remove").disabled  # PRESENT: refused, with the reason
    assert "ABSENT first" in (at.button(key=f"{KEY}.remove").help or "")
    assert "not cleaned up" in (at.button(key=f"{KEY}.remove").help or "")

    at.button(key=f"{KEY}.delete").click().run()
    at.text_input(key=f"{KEY}.confirm.typed").input("int4")
    at.button(key=f"{KEY}.confirm.button").click().run()

    assert not at.exception
    [sent] = model_patches(seeded)
    assert sent.content_type == "application/merge-patch+json"
    assert sent.body["metadata"] == {"resourceVersion": live["metadata"]["resourceVersion"]}
    assert [(v["name"], v["state"]) for v in sent.body["spec"]["versions"]] == [
        ("fp16", "PRESENT"),
        ("int4", "ABSENT"),
        ("int8", "ABSENT"),
        ("awq", "PRESENT"),
    ]
    assert sent.body["spec"]["versions"][0]["share"]["enabled"] is True  # the whole list, unchanged but for int4
    assert "Version int4 set ABSENT" in text(at)
    assert "ABSENT requested" in text(at)
    assert at.button(key=f"{KEY}.remove").disabled  # the Dataset is still there

    clock.tick(1)
    clock.tick(1)
    assert find_dataset(seeded, INT4) is None
    at.run()
    assert "Dataset mdl-qwen2-5-7b-instruct-int4 is gone" in text(at)
    assert "observed `ABSENT`" in text(at)
    remove = at.button(key=f"{KEY}.remove")
    assert not remove.disabled

    sent_before = len(model_patches(seeded))
    remove.click().run()
    assert len(model_patches(seeded)) == sent_before  # a dialog first, naming the version
    assert "Remove version **int4** from Model **qwen2-5-7b-instruct**" in text(at)
    at.button(key=f"{KEY}.remove.confirm.button").click().run()

    assert not at.exception
    assert [t.value for t in at.toast] == ["Version int4 removed from qwen2-5-7b-instruct."]
    assert "version" not in at.query_params  # no link to a version that is gone
    last = model_patches(seeded)[-1]
    assert [v["name"] for v in last.body["spec"]["versions"]] == ["fp16", "int8", "awq"]
    assert [v["name"] for v in model_object(seeded, QWEN)["spec"]["versions"]] == ["fp16", "int8", "awq"]


def test_an_absent_version_can_be_restored(seeded: EmulatorThread) -> None:
    at = harness(version="int8", part="actions").run()
    assert "Dataset mdl-qwen2-5-7b-instruct-int8 is gone" in text(at)
    at.button(key=f"version.{QWEN}.int8.restore").click().run()
    assert not at.exception
    [sent] = model_patches(seeded)
    assert [(v["name"], v["state"]) for v in sent.body["spec"]["versions"]][2] == ("int8", "PRESENT")
    assert "set PRESENT" in text(at)


def test_a_change_made_meanwhile_is_refused_and_explained(seeded: EmulatorThread) -> None:
    at = harness(version="int8", part="actions").run()
    store = seeded.emulator.store
    store.patch(
        store.rtype("model.samzong.dev", "models"),
        NS,
        QWEN,
        {"spec": {"display": {"description": "edited elsewhere"}}},
        patch_type="merge",
    )
    at.button(key=f"version.{QWEN}.int8.restore").click().run()
    assert not at.exception
    assert any("409 Conflict" in e.value for e in at.error)
    assert model_object(seeded, QWEN)["spec"]["versions"][2]["state"] == "ABSENT"


def test_a_denied_access_review_disables_every_lifecycle_action_with_the_reason(seeded: EmulatorThread) -> None:
    seeded.emulator.access.deny("patch", "models", group="model.samzong.dev", namespace=NS)
    at = harness(version="int8", part="actions").run()
    assert at.button(key=f"version.{QWEN}.int8.restore").disabled
    assert at.button(key=f"version.{QWEN}.int8.remove").disabled
    assert f"You may not patch models.model.samzong.dev in {NS}" in text(at)
    fp16 = harness(version="fp16", part="actions").run()
    assert fp16.button(key=f"version.{QWEN}.fp16.delete").disabled
    assert fp16.button(key=f"version.{QWEN}.fp16.share").disabled
    assert not model_patches(seeded)
