"""Stopping a shared version goes through a dialog naming it, with the diff, then one server-side apply."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from modelfs_lib.demo.runner import EmulatorThread
from modelfs_lib.ui import state as keys
from tests.app.day2 import NS, QWEN, harness, model_object, text

pytestmark = pytest.mark.usefixtures("uncached_reads")

KEY = f"version.{QWEN}.fp16"
DIALOG = f"{KEY}.unshare"
SELECTOR = {"matchLabels": {"team": "serving"}}


def model_requests(cluster: EmulatorThread) -> list[Any]:
    return cluster.emulator.received_matching("PATCH", f"/namespaces/{NS}/models/{QWEN}$")


def versions(cluster: EmulatorThread) -> dict[str, dict[str, Any]]:
    return {v["name"]: v for v in model_object(cluster, QWEN)["spec"]["versions"]}


def open_confirmation() -> AppTest:
    at = harness(version="fp16", part="actions").run()
    button = at.button(key=f"{KEY}.share")
    assert button.label == "Stop sharing"
    return button.click().run()


def test_stop_sharing_asks_first_naming_the_version_and_its_references_with_the_diff(seeded: EmulatorThread) -> None:
    at = open_confirmation()

    assert not at.exception
    assert not model_requests(seeded)  # neither a write nor a dry-run on opening
    said = text(at)
    assert f"Stop sharing version **fp16** of Model **{QWEN}**?" in said
    # the demo's references lack the model label a real API server rejects: the controller cannot find them
    reference = f"share-{NS}-{QWEN}-fp16"
    assert (
        "2 REFERENCE Dataset(s) lack the labels the controller looks for and stay, still pointing at the "
        f"version's Dataset: `inference/{reference}`, `research/{reference}`." in said
    ), said
    assert "The controller deletes" not in said
    shown, reviewed = [c.value for c in at.code if c.language == "diff"]
    assert shown == reviewed  # above the review, and in its Changes tab
    diff = shown
    removed = [line[1:].strip() for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    assert removed == [
        "share:",
        "enabled: true",
        "namespaceSelector:",
        "matchLabels:",
        "team: serving",
        "requireOptInLabel: modelfs.samzong.dev/share",
    ]
    assert not any(line.startswith("+") and not line.startswith("+++") for line in diff.splitlines())
    assert versions(seeded)["fp16"]["share"]["enabled"] is True


def test_cancel_closes_the_confirmation_and_sends_nothing(seeded: EmulatorThread) -> None:
    at = open_confirmation()
    at.button(key=f"{DIALOG}.cancel").click().run()
    assert not at.exception
    assert f"{DIALOG}.review.apply" not in [b.key for b in at.button]
    assert not model_requests(seeded)
    assert versions(seeded)["fp16"]["share"]["namespaceSelector"] == SELECTOR


def test_stop_sharing_removes_the_share_block_by_server_side_apply_as_modelfs_ui(seeded: EmulatorThread) -> None:
    before = versions(seeded)
    at = open_confirmation()
    at.button(key=f"{DIALOG}.review.apply").click().run()
    # spec.versions is an atomic list the seeding manager owns: the apply meets the conflict, taking over is asked
    assert not at.exception
    assert "Other field managers own fields this change sets" in text(at)
    assert "share" in versions(seeded)["fp16"]
    at.checkbox(key=f"{DIALOG}.review.force").check().run()
    at.button(key=f"{DIALOG}.review.apply").click().run()

    assert not at.exception
    refused, sent = model_requests(seeded)
    for request in (refused, sent):
        assert request.content_type == "application/apply-patch+yaml"
        assert request.params["fieldManager"] == "modelfs-ui"
        assert not request.params.get("dryRun")
    assert sent.params["force"] == "true"
    after = versions(seeded)
    assert "share" not in after["fp16"]
    assert after["fp16"] == {k: v for k, v in before["fp16"].items() if k != "share"}
    assert {n: v for n, v in after.items() if n != "fp16"} == {n: v for n, v in before.items() if n != "fp16"}
    assert "Sharing of fp16 stopped: the controller deletes the REFERENCE Datasets that carry its labels." in text(at)
    assert at.button(key=f"{KEY}.share").label == "Share"
    own = at.session_state[keys.key(f"{keys.OWN_WRITE}.Model", NS, QWEN)]
    assert own["metadata"]["resourceVersion"] == model_object(seeded, QWEN)["metadata"]["resourceVersion"]


def test_the_take_over_offer_outlives_the_controllers_status_writes(seeded: EmulatorThread) -> None:
    at = open_confirmation()
    at.button(key=f"{DIALOG}.review.apply").click().run()
    store = seeded.emulator.store
    live = model_object(seeded, QWEN)
    status = {**live.get("status", {}), "observedGeneration": live["status"].get("observedGeneration", 0) + 1}
    models = store.rtype("model.samzong.dev", "models")
    store.patch(models, NS, QWEN, {"status": status}, patch_type="merge", subresource="status")  # as a controller
    assert model_object(seeded, QWEN)["metadata"]["resourceVersion"] != live["metadata"]["resourceVersion"]

    at.checkbox(key=f"{DIALOG}.review.force").check().run()
    assert at.button(key=f"{DIALOG}.review.apply").label == "Apply with force"
    at.button(key=f"{DIALOG}.review.apply").click().run()
    assert not at.exception
    assert "share" not in versions(seeded)["fp16"]
    refused, sent = model_requests(seeded)
    assert sent.params["force"] == "true"
    assert sent.body["metadata"]["resourceVersion"] != refused.body["metadata"]["resourceVersion"]  # read afresh
