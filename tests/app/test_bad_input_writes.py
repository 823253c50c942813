"""Bad input through the pages: answered next to its field, and no write reaches the API server.

A write is any POST, PATCH, PUT or DELETE to models, modelsources or datasets; a server-side
dry-run would count too (none happens: the review, which runs it, is never reached).
"""

from __future__ import annotations

import copy
import re

import pytest

from modelfs_lib.demo.runner import EmulatorThread
from tests.app.conftest import add_object
from tests.helpers.bad_input import BOMB, FIVE_MB, HTML
from tests.helpers.page import box_text
from tests.helpers.sources import W, fill, messages_after, open_sources
from tests.helpers.wizard import EDITABLE, NS, click, fill_basics, key, open_wizard

WRITE = re.compile(r"/(models|modelsources|datasets)(/|$)")


def no_writes(cluster: EmulatorThread) -> None:
    written = [
        (r.method, r.path)
        for method in ("POST", "PATCH", "PUT", "DELETE")
        for r in cluster.emulator.received_matching(method, ".")
        if WRITE.search(r.path)
    ]
    assert written == []


@pytest.fixture
def editable(seeded: EmulatorThread) -> EmulatorThread:
    add_object(seeded, copy.deepcopy(EDITABLE), namespace=NS)
    return seeded


SPEC = "sourceRef: huggingface\nversions:\n- name: fp16\n  repo: acme/tiny-llm\n"
YAML_CASES = {
    "alias-bomb": (BOMB, "values through its aliases"),
    "five-megabytes": (FIVE_MB, "at most 256 KiB is read"),
    "duplicate-key": (SPEC + "sourceRef: other\n", "refused at line 5: the YAML repeats the key 'sourceRef'"),
    "html-version-name": (SPEC.replace("fp16", f"'{HTML}'"), "spec.versions[0].name"),
    "unicode-version-name": (SPEC.replace("fp16", "fp16✓"), "spec.versions[0].name"),
    "precision-enum": (SPEC + "  precision: FP8\n", "spec.versions[0].precision"),
    "label-value-slash": (
        SPEC + "  share:\n    enabled: true\n    namespaceSelector: {matchLabels: {team: ml/serving}}\n",
        "ml/serving",
    ),
    "deep-nesting": ("sourceRef: " + "[" * 100 + "]" * 100, "nested more than 64 levels"),
}


@pytest.mark.parametrize("case", sorted(YAML_CASES))
def test_the_model_yaml_editor_answers_bad_input_in_its_box_and_sends_nothing(
    editable: EmulatorThread, case: str
) -> None:
    text, expected = YAML_CASES[case]
    at = open_wizard("edit-yaml", "tiny-llm")
    at.text_area(key=key("tiny-llm", "yaml")).input(text).run()
    assert not at.exception, at.exception
    assert expected in box_text(at, key("tiny-llm", "yaml")).replace("\\", "")
    assert at.button(key=key("tiny-llm", "next")).disabled
    no_writes(editable)


@pytest.mark.parametrize(
    ("selector", "expected"),
    [(BOMB, "aliases"), ("matchLabels:\n  team: a\n  team: b\n", "repeats the key 'team'")],
)
def test_the_selector_editor_answers_under_the_selector(
    seeded: EmulatorThread,
    selector: str,
    expected: str,
) -> None:
    at = open_wizard("create")
    fill_basics(at)
    click(at, key(None, "next"))
    at.toggle(key=key(None, "v0.share")).set_value(True).run()
    at.text_area(key=key(None, "v0.selector")).input(selector).run()
    click(at, key(None, "next"))
    assert expected in box_text(at, key(None, "v0.selector"))
    no_writes(seeded)


@pytest.mark.parametrize("name", [HTML, "hf-ü", "a/b", "x" * 300])
def test_the_model_source_wizard_answers_a_bad_name_under_it(
    seeded: EmulatorThread,
    name: str,
) -> None:
    at = open_sources(action="create")
    fill(at, name=name, source_type="GIT", secret="")
    click(at, f"{W}.review")
    assert messages_after(at, f"{W}.name")
    no_writes(seeded)
