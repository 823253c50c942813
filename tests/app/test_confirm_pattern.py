"""The typed-name confirmation: a dialog with a form, a plain label, an empty box, the first click counted."""

from __future__ import annotations

import pytest

from modelfs_lib.demo.runner import EmulatorThread
from modelfs_lib.demo.seed import seed
from tests.app.day2 import NS, QWEN, harness, model_object

KEY = f"version.{QWEN}.int4.confirm"


@pytest.fixture
def seeded(cluster: EmulatorThread, kubeconfig: object, monkeypatch: pytest.MonkeyPatch) -> EmulatorThread:
    monkeypatch.setenv("MODELFS_UI_CACHE_TTL", "0")
    seed(cluster.emulator.store)
    return cluster


def int4_state(cluster: EmulatorThread) -> str:
    [version] = [v for v in model_object(cluster, QWEN)["spec"]["versions"] if v["name"] == "int4"]
    return str(version["state"])


def test_the_name_box_has_a_plain_label_and_an_empty_placeholder(seeded: EmulatorThread) -> None:
    at = harness(version="int4", part="actions").run()
    at.button(key=f"version.{QWEN}.int4.delete").click().run()
    box = at.text_input(key=f"{KEY}.typed")
    assert box.label == "Type int4 to confirm"  # no markdown asterisks read out as the accessible name
    assert box.placeholder == "type the name"  # not the name itself: the box does not look filled in
    assert box.value == ""
    assert not at.button(key=f"{KEY}.button").disabled  # enabled at once: no blur needed before the click


def test_typing_the_name_and_clicking_once_confirms(seeded: EmulatorThread) -> None:
    at = harness(version="int4", part="actions").run()
    at.button(key=f"version.{QWEN}.int4.delete").click().run()
    at.text_input(key=f"{KEY}.typed").input("int4")  # typed, never blurred: the one click submits it
    at.button(key=f"{KEY}.button").click().run()
    assert not at.exception
    assert int4_state(seeded) == "ABSENT"


def test_a_wrong_name_is_answered_next_to_the_box_and_nothing_is_sent(seeded: EmulatorThread) -> None:
    at = harness(version="int4", part="actions").run()
    at.button(key=f"version.{QWEN}.int4.delete").click().run()
    at.text_input(key=f"{KEY}.typed").input("int5")
    at.button(key=f"{KEY}.button").click().run()
    assert [e.value for e in at.error] == ["That does not match int4: type the name exactly."]
    assert not seeded.emulator.received_matching("PATCH", f"/namespaces/{NS}/models/")
    assert int4_state(seeded) == "PRESENT"
