"""Sharing a version goes through a dialog: where it would go, a narrower scope, the diff, then one apply."""

from __future__ import annotations

from typing import Any

import pytest

from modelfs_lib.demo.runner import EmulatorThread
from modelfs_lib.demo.seed import seed
from tests.app.day2 import NS, QWEN, harness, model_object, text

KEY = f"version.{QWEN}.int4"
DIALOG = f"{KEY}.sharing"
OTHERS = ["default", "inference", "modelfs-system", "research", "staging"]


@pytest.fixture
def seeded(cluster: EmulatorThread, kubeconfig: object, monkeypatch: pytest.MonkeyPatch) -> EmulatorThread:
    monkeypatch.setenv("MODELFS_UI_CACHE_TTL", "0")
    seed(cluster.emulator.store)
    return cluster


def model_writes(cluster: EmulatorThread) -> list[Any]:
    return [
        r
        for r in cluster.emulator.received_matching("PATCH", f"/namespaces/{NS}/models/{QWEN}$")
        if not r.params.get("dryRun")
    ]


def int4(cluster: EmulatorThread) -> dict[str, Any]:
    [version] = [v for v in model_object(cluster, QWEN)["spec"]["versions"] if v["name"] == "int4"]
    return version


def test_share_opens_a_dialog_saying_the_default_is_every_namespace_and_sends_nothing(seeded: EmulatorThread) -> None:
    at = harness(version="int4", part="actions").run()
    at.button(key=f"{KEY}.share").click().run()
    assert not at.exception
    assert not model_writes(seeded)
    assert "share" not in int4(seeded)
    said = text(at)
    assert "The default is EVERY namespace" in said
    # what the controllers will really make of it: the label a real API server rejects, the unshared source
    assert "sharing does not work end to end" in said and f"`mdl-{QWEN}-int4` lacks spec.share: true" in said
    assert "5 namespaces now: " + ", ".join(f"`{ns}`" for ns in OTHERS) in said
    assert "Shared into 5 namespace(s) now" in said
    assert at.radio(key=f"{DIALOG}.scope").value == "Every namespace"
    assert not seeded.emulator.received_matching("PATCH", f"/models/{QWEN}$")  # not even a dry-run on opening
    assert at.button(key=f"{DIALOG}.review.check").label == "Check with the API server (dry-run)"


def test_a_narrower_scope_is_previewed_and_applied_server_side_only_on_confirm(seeded: EmulatorThread) -> None:
    at = harness(version="int4", part="actions").run()
    at.button(key=f"{KEY}.share").click().run()
    at.radio(key=f"{DIALOG}.scope").set_value("Chosen namespaces").run()
    at.multiselect(key=f"{DIALOG}.namespaces").select("inference").run()
    said = text(at)
    assert "Shared into 1 namespace(s) now:** `inference`" in said
    assert "kubernetes.io/metadata.name" in said  # the diff shows the selector
    assert not model_writes(seeded)
    at.button(key=f"{DIALOG}.review.check").click().run()
    said = text(at)
    [dry_run] = seeded.emulator.received_matching("PATCH", f"/models/{QWEN}$")
    assert dry_run.params["dryRun"] == "All"
    # spec.versions is an atomic list the seeding manager owns: taking it over is asked for, not assumed
    assert "Other field managers own fields this change sets" in said
    at.checkbox(key=f"{DIALOG}.review.force").check().run()
    assert not model_writes(seeded)

    live_version = model_object(seeded, QWEN)["metadata"]["resourceVersion"]
    at.button(key=f"{DIALOG}.review.apply").click().run()

    assert not at.exception
    [request] = model_writes(seeded)
    assert request.content_type == "application/apply-patch+yaml"
    assert request.params["fieldManager"] == "modelfs-ui"
    assert request.params["force"] == "true"
    assert request.body["metadata"]["resourceVersion"] == live_version  # read afresh when the dialog drew
    assert int4(seeded)["share"] == {
        "enabled": True,
        "namespaceSelector": {
            "matchExpressions": [{"key": "kubernetes.io/metadata.name", "operator": "In", "values": ["inference"]}]
        },
    }
    assert "Sharing of int4 switched on: the controller creates its REFERENCE Datasets in `inference`" in text(at)


def test_labels_that_are_not_key_value_are_refused_in_the_dialog(seeded: EmulatorThread) -> None:
    at = harness(version="int4", part="actions").run()
    at.button(key=f"{KEY}.share").click().run()
    at.radio(key=f"{DIALOG}.scope").set_value("Namespaces with labels").run()
    at.text_input(key=f"{DIALOG}.labels").input("team").run()
    assert "“team” is not key=value." in [e.value for e in at.error]
    assert f"{DIALOG}.review.apply" not in [b.key for b in at.button]
    assert not at.button(key=f"{DIALOG}.cancel").disabled
    at.text_input(key=f"{DIALOG}.labels").input("team=serving").run()
    assert "Shared into 2 namespace(s) now:** `inference`, `staging`" in text(at)


def test_apply_without_a_check_meets_the_conflict_and_then_offers_to_take_over(seeded: EmulatorThread) -> None:
    at = harness(version="int4", part="actions").run()
    at.button(key=f"{KEY}.share").click().run()
    at.radio(key=f"{DIALOG}.scope").set_value("Chosen namespaces").run()
    at.multiselect(key=f"{DIALOG}.namespaces").select("inference").run()
    at.button(key=f"{DIALOG}.review.apply").click().run()

    assert not at.exception
    [refused] = model_writes(seeded)
    assert "force" not in refused.params
    assert "share" not in int4(seeded)
    assert "Other field managers own fields this change sets" in text(at)
    at.checkbox(key=f"{DIALOG}.review.force").check().run()
    assert at.button(key=f"{DIALOG}.review.apply").label == "Apply with force"
    assert len(seeded.emulator.received_matching("PATCH", f"/models/{QWEN}$")) == 1  # the conflict is not asked again

    at.button(key=f"{DIALOG}.review.apply").click().run()
    assert not at.exception
    assert [r.params.get("force") for r in model_writes(seeded)] == [None, "true"]
    assert int4(seeded)["share"]["enabled"] is True
