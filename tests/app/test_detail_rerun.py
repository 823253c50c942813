"""Bumping the sync round against the emulator: the caveat and its acknowledgement, the exact guarded patch,
a bump the Model controller reverts, a refused second click, a refused jump."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from modelfs_lib.client import ClusterClient, discover
from modelfs_lib.demo.runner import EmulatorThread
from modelfs_lib.domain.rerun import rerun_failure
from modelfs_lib.errors import Invalid
from modelfs_lib.resources import Dataset
from tests.app.day2 import LLAMA, NS, QWEN, dataset, harness, text

pytestmark = pytest.mark.usefixtures("uncached_reads")

FP16 = f"mdl-{QWEN}-fp16"
BUTTON = f"rerun.{QWEN}.fp16.button"
ACK = f"rerun.{QWEN}.fp16.ack"


def patches(cluster: EmulatorThread, name: str) -> list[object]:
    return cluster.emulator.received_matching("PATCH", f"/namespaces/{NS}/datasets/{name}$")


def bump(at: AppTest, prefix: str = f"rerun.{QWEN}.fp16") -> AppTest:
    """Acknowledge the caveat, then click the bump."""
    at.checkbox(key=f"{prefix}.ack").check().run()
    return at.button(key=f"{prefix}.button").click().run()


def reset_by_the_model_controller(cluster: EmulatorThread, name: str) -> None:
    """What the Model controller's spec rewrite does: dataSyncRound omitted, so the API server defaults it to 1."""
    store = cluster.emulator.store
    datasets = store.rtype("dataset.baizeai.io", "datasets")
    store.patch(datasets, NS, name, [{"op": "remove", "path": "/spec/dataSyncRound"}], patch_type="json")


def test_the_bump_is_explained_and_locked_until_the_caveat_is_acknowledged(seeded: EmulatorThread) -> None:
    at = harness(version="fp16", part="rerun").run()
    assert not at.exception
    page = text(at)
    assert "This is not a working re-sync." in page
    assert "rewrites the Dataset's spec on every reconcile without dataSyncRound" in page
    assert "a bump from 1 to 2 is reverted to 1 within about a second" in page
    assert "Then either nothing happens, or round 2 runs and afterwards the Dataset reads FAILED although the " in page
    assert "(lastSucceedRound 2 against spec round 1)" in page
    assert "use Recreate Dataset" in page
    button = at.button(key=BUTTON)
    assert button.label == "Bump the sync round (may be reverted)"
    assert button.disabled  # not before the acknowledgement
    assert not [b for b in at.button if b.label.startswith("Re-run")]  # no claim of a working re-sync

    at.checkbox(key=ACK).check().run()
    assert not at.button(key=BUTTON).disabled
    assert not patches(seeded, FP16)  # acknowledging sends nothing


def test_a_bump_sends_a_merge_patch_of_the_next_round_guarded_by_the_version_read(seeded: EmulatorThread) -> None:
    before = dataset(seeded, FP16)
    assert before["spec"]["dataSyncRound"] == 1
    at = harness(version="fp16", part="panel").run()
    assert "spec.dataSyncRound **1** · status.lastSucceedRound **1**" in text(at)
    assert f"Asks for round **2** as Job `dataset-{FP16}-round-2` (if the Model controller does not revert" in text(at)

    bump(at)

    assert not at.exception
    [sent] = patches(seeded, FP16)
    assert sent.content_type == "application/merge-patch+json"
    assert sent.body == {
        "metadata": {"resourceVersion": before["metadata"]["resourceVersion"]},
        "spec": {"dataSyncRound": 2},
    }
    assert sent.params.get("fieldManager") == "modelfs-ui"
    page = text(at)
    assert f"Round bump sent just now: round **2**, Job `dataset-{FP16}-round-2`" in page
    assert f"kubectl -n {NS} logs job/dataset-{FP16}-round-2" in page


def test_a_bump_reverted_before_its_round_started_is_said_plainly(seeded: EmulatorThread) -> None:
    at = bump(harness(version="fp16", part="rerun").run())
    reset_by_the_model_controller(seeded, FP16)
    at.run()
    assert not at.exception
    page = text(at)
    assert "spec.dataSyncRound went back to 1: the Model controller reset the counter before round 2 started" in page
    assert "Nothing was synced." in page


def test_a_round_that_ran_before_the_reset_reads_failed_and_the_page_says_why(seeded: EmulatorThread) -> None:
    at = bump(harness(version="fp16", part="panel").run())
    store = seeded.emulator.store
    datasets = store.rtype("dataset.baizeai.io", "datasets")
    reset_by_the_model_controller(seeded, FP16)
    ran = {"round": 2, "jobName": f"dataset-{FP16}-round-2", "succeed": True}
    status = {"phase": "FAILED", "lastSucceedRound": 2, "inProcessing": False, "syncRoundStatuses": [ran]}
    store.patch(datasets, NS, FP16, {"status": status}, patch_type="merge", subresource="status")
    at.run()
    assert not at.exception
    page = text(at)
    assert "spec.dataSyncRound **1** · status.lastSucceedRound **2**" in page
    assert "Round 2 succeeded." in page
    assert "reset spec.dataSyncRound to 1, so the Dataset reads FAILED although this round synced the data" in page
    assert "That is why the Dataset reads FAILED although round 2 synced the data." in page


def test_a_second_click_from_the_same_reading_is_refused_and_explained(seeded: EmulatorThread) -> None:
    mine, theirs = harness(version="fp16", part="panel").run(), harness(version="fp16", part="panel").run()
    theirs.checkbox(key=ACK).check().run()
    bump(mine)
    theirs.button(key=BUTTON).click().run()

    assert not theirs.exception
    first, second = patches(seeded, FP16)
    assert first.body == second.body  # both sent round 2 against the same resourceVersion
    assert dataset(seeded, FP16)["spec"]["dataSyncRound"] == 2  # not 3: no round skipped, none doubled
    [error] = [e.value for e in theirs.error]
    assert "409 Conflict" in error
    assert "changed after this page read it" in error
    assert "spec.dataSyncRound **2**" in text(theirs)  # the page now shows the round that was started


def test_a_jump_of_two_rounds_is_refused_by_the_api_server_and_explained(seeded: EmulatorThread) -> None:
    config = discover(kubeconfig=None)
    assert config is not None
    with ClusterClient.connect(config) as client, pytest.raises(Invalid) as refused:
        client.merge_patch(Dataset, namespace=NS, name=FP16, patch={"spec": {"dataSyncRound": 3}})
    assert refused.value.status == 422
    assert dataset(seeded, FP16)["spec"]["dataSyncRound"] == 1
    explained = rerun_failure(refused.value, FP16, 3)
    assert "422 Invalid" in explained
    assert "only steps of +1" in explained


def test_a_refusal_from_the_api_server_is_shown_with_the_rule(seeded: EmulatorThread) -> None:
    seeded.emulator.inject(
        f"/datasets/{FP16}$", method="PATCH", status=422, reason="Invalid", message="spec.dataSyncRound: Invalid value"
    )
    at = bump(harness(version="fp16", part="rerun").run())
    assert not at.exception
    [error] = [e.value for e in at.error]
    assert "self - oldSelf <= 1" in error
    assert dataset(seeded, FP16)["spec"]["dataSyncRound"] == 1


def test_the_rerun_is_disabled_with_the_reason_while_a_round_runs(seeded: EmulatorThread) -> None:
    at = harness(LLAMA, version="instruct", part="rerun").run()
    button = at.button(key=f"rerun.{LLAMA}.instruct.button")
    assert button.disabled
    assert f"Round 2 is running (job dataset-mdl-{LLAMA}-instruct-round-2)" in text(at)


def test_the_rerun_is_disabled_for_a_version_without_a_dataset(seeded: EmulatorThread) -> None:
    at = harness("whisper-large-v3", version="v3-turbo", part="rerun").run()
    assert at.button(key="rerun.whisper-large-v3.v3-turbo.button").disabled
    assert "has no Dataset: mdl-whisper-large-v3-v3-turbo does not exist" in text(at)
    absent = harness(version="int8", part="rerun").run()
    assert absent.button(key=f"rerun.{QWEN}.int8.button").disabled
    assert "The version is ABSENT" in text(absent)


def test_a_counter_the_controller_reset_is_said_plainly(seeded: EmulatorThread) -> None:
    name = f"mdl-{QWEN}-int4"  # two rounds succeeded
    reset_by_the_model_controller(seeded, name)
    assert dataset(seeded, name)["spec"]["dataSyncRound"] == 1
    at = harness(version="int4", part="panel").run()
    page = text(at)
    assert "spec.dataSyncRound **1** · status.lastSucceedRound **2**" in page
    assert "The round counter went back" in page
    assert "reads FAILED although round 2 synced the data" in page
    assert "a bump to 2 is not above round 2, so no round would start" in page
    assert at.button(key=f"rerun.{QWEN}.int4.button").disabled


def test_bumping_every_version_patches_each_one_that_may_be_bumped_after_the_caveat(seeded: EmulatorThread) -> None:
    at = harness(part="all").run()
    button = at.button(key=f"rerun.{QWEN}.all.button")
    # int4's counter was reset below its last good round, int8 is ABSENT, awq is syncing
    assert button.label == "Bump the sync round of every version (1) (may be reverted)"
    assert button.disabled
    page = text(at)
    assert "not a working re-sync on Datasets a modelfs Model owns" in page
    assert "reads FAILED although the data synced" in page
    assert "**int8**: The version is ABSENT" in page
    assert "**awq**: Round 1 is running" in page
    assert "**int4**: The counter was reset to 1 after round 2 synced" in page

    bump(at, f"rerun.{QWEN}.all")

    assert not at.exception
    sent = {
        r.path.rsplit("/", 1)[-1]: r.body["spec"]["dataSyncRound"]
        for r in seeded.emulator.received_matching("PATCH", "/datasets/")
    }
    assert sent == {f"mdl-{QWEN}-fp16": 2}


def test_a_denied_access_review_disables_the_rerun_with_the_reason(seeded: EmulatorThread) -> None:
    seeded.emulator.access.deny("patch", "datasets", group="dataset.baizeai.io", namespace=NS)
    at = harness(version="fp16").run()
    assert at.button(key=BUTTON).disabled
    assert at.button(key=f"rerun.{QWEN}.all.button").disabled
    assert f"You may not patch datasets.dataset.baizeai.io in {NS}" in text(at)
    reviews = seeded.emulator.received_matching("POST", "selfsubjectaccessreviews")
    assert any(r.body["spec"]["resourceAttributes"]["resource"] == "datasets" for r in reviews)
    assert not seeded.emulator.received_matching("PATCH", "/datasets/")


def test_read_only_mode_shows_the_rounds_but_no_rerun(seeded: EmulatorThread, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MODELFS_UI_READONLY", "1")
    at: AppTest = harness(version="fp16", part="panel").run()
    assert not at.exception
    assert "spec.dataSyncRound **1**" in text(at)
    labels = [b.label for b in at.button]
    assert not [label for label in labels if "Bump" in label or "Re-run" in label]
    assert not at.checkbox  # no acknowledgement to give either
