"""Re-run sync against the emulator: the exact patch, a refused second click, a refused jump, the round followed."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from modelfs_lib.client import ClusterClient, discover
from modelfs_lib.demo.runner import EmulatorThread
from modelfs_lib.demo.seed import seed
from modelfs_lib.domain.rerun import rerun_failure
from modelfs_lib.errors import Invalid
from modelfs_lib.resources import Dataset
from tests.app.day2 import LLAMA, NS, QWEN, Clock, dataset, harness, text

FP16 = f"mdl-{QWEN}-fp16"
BUTTON = f"rerun.{QWEN}.fp16.button"


@pytest.fixture
def seeded(cluster: EmulatorThread, kubeconfig: object, monkeypatch: pytest.MonkeyPatch) -> EmulatorThread:
    monkeypatch.setenv("MODELFS_UI_CACHE_TTL", "0")
    seed(cluster.emulator.store)
    return cluster


def patches(cluster: EmulatorThread, name: str) -> list[object]:
    return cluster.emulator.received_matching("PATCH", f"/namespaces/{NS}/datasets/{name}$")


def test_a_rerun_sends_a_merge_patch_of_the_next_round_against_the_version_read(seeded: EmulatorThread) -> None:
    before = dataset(seeded, FP16)
    assert before["spec"]["dataSyncRound"] == 1
    at = harness(version="fp16", part="rerun").run()
    assert not at.exception
    assert "`spec.dataSyncRound` **1** · `status.lastSucceedRound` **1**" in text(at)
    assert f"Starts round **2** as Job `dataset-{FP16}-round-2`." in text(at)

    at.button(key=BUTTON).click().run()

    assert not at.exception
    [sent] = patches(seeded, FP16)
    assert sent.content_type == "application/merge-patch+json"
    assert sent.body == {
        "metadata": {"resourceVersion": before["metadata"]["resourceVersion"]},
        "spec": {"dataSyncRound": 2},
    }
    assert sent.params.get("fieldManager") == "modelfs-ui"
    assert dataset(seeded, FP16)["spec"]["dataSyncRound"] == 2
    page = text(at)
    assert f"round **2**, Job `dataset-{FP16}-round-2`" in page
    assert f"kubectl -n {NS} logs job/dataset-{FP16}-round-2" in page
    assert at.button(key=BUTTON).disabled  # the new round is waiting: no second re-run


def test_the_round_started_is_followed_until_it_succeeds(seeded: EmulatorThread) -> None:
    clock = Clock(seeded.emulator.store)
    at = harness(version="fp16", part="rerun").run()
    at.button(key=BUTTON).click().run()
    assert "Round 2 is waiting for the Dataset controller to pick it up." in text(at)

    clock.tick()
    clock.tick(3)
    at.run()
    assert "Round 2 is syncing" in text(at)
    assert "Round 2 is running" in text(at)  # why the button is disabled
    assert at.button(key=BUTTON).disabled

    clock.run(25)
    at.run()
    assert not at.exception
    assert [s.value for s in at.success if "Round 2 succeeded" in s.value]
    assert "`spec.dataSyncRound` **2** · `status.lastSucceedRound` **2**" in text(at)
    assert not at.button(key=BUTTON).disabled


def test_a_second_click_from_the_same_reading_is_refused_and_explained(seeded: EmulatorThread) -> None:
    mine, theirs = harness(version="fp16", part="rerun").run(), harness(version="fp16", part="rerun").run()
    mine.button(key=BUTTON).click().run()
    theirs.button(key=BUTTON).click().run()

    assert not theirs.exception
    first, second = patches(seeded, FP16)
    assert first.body == second.body  # both sent round 2 against the same resourceVersion
    assert dataset(seeded, FP16)["spec"]["dataSyncRound"] == 2  # not 3: no round skipped, none doubled
    [error] = [e.value for e in theirs.error]
    assert "409 Conflict" in error
    assert "changed after this page read it" in error
    assert "`spec.dataSyncRound` **2**" in text(theirs)  # the page now shows the round that was started


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
    at = harness(version="fp16", part="rerun").run()
    at.button(key=BUTTON).click().run()
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
    store = seeded.emulator.store
    datasets = store.rtype("dataset.baizeai.io", "datasets")
    name = f"mdl-{QWEN}-int4"  # two rounds succeeded
    store.patch(datasets, NS, name, [{"op": "remove", "path": "/spec/dataSyncRound"}], patch_type="json")
    assert dataset(seeded, name)["spec"]["dataSyncRound"] == 1
    at = harness(version="int4", part="rerun").run()
    page = text(at)
    assert "`spec.dataSyncRound` **1** · `status.lastSucceedRound` **2**" in page
    assert "The round counter went back" in page
    assert "no Job starts yet" in page


def test_rerun_all_patches_every_version_that_may_be_rerun(seeded: EmulatorThread) -> None:
    at = harness(part="all").run()
    button = at.button(key=f"rerun.{QWEN}.all.button")
    assert button.label == "Re-run all versions (2)"  # fp16 and int4; int8 is ABSENT, awq is syncing
    left_out = text(at)
    assert "**int8**: The version is ABSENT" in left_out
    assert "**awq**: Round 1 is running" in left_out

    button.click().run()

    assert not at.exception
    sent = {
        r.path.rsplit("/", 1)[-1]: r.body["spec"]["dataSyncRound"]
        for r in seeded.emulator.received_matching("PATCH", "/datasets/")
    }
    assert sent == {f"mdl-{QWEN}-fp16": 2, f"mdl-{QWEN}-int4": 3}
    assert "dataset-mdl-qwen2-5-7b-instruct-int4-round-3" in text(at)


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
    at: AppTest = harness(version="fp16").run()
    assert not at.exception
    assert "`spec.dataSyncRound` **1**" in text(at)
    labels = [b.label for b in at.button]
    assert not [label for label in labels if "Re-run" in label]
