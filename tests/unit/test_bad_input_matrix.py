"""Bad input through both wizards' checks and both YAML editors: each is refused at its own field, briefly.

The same checks gate every write of the UI (tests/app/test_bad_input_writes.py drives a sample of
these through the pages and asserts that nothing reaches the API server as a write).
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Any

import pytest

from modelfs_lib.domain.field_error import blocking
from modelfs_lib.domain.labels import parse_label_selector_yaml
from modelfs_lib.domain.model_form import ModelInput, VersionInput, build_model
from modelfs_lib.domain.source_form import SourceInput, build_source
from modelfs_lib.domain.spec_edit import manifest_from_spec
from modelfs_lib.domain.yaml_edit import manifest_from_yaml
from modelfs_lib.resources import ModelSource
from tests.helpers.bad_input import BOMB, FIVE_MB, HTML

NS = "ml-team"
HF = ModelSource.from_dict(
    {
        "apiVersion": "model.samzong.dev/v1",
        "kind": "ModelSource",
        "metadata": {"name": "huggingface", "namespace": NS},
        "spec": {"type": "HUGGING_FACE"},
    }
)
GOOD_VERSION = VersionInput(name="fp16", repo="Qwen/Qwen2.5-0.5B", size="2Gi")
GOOD_MODEL = ModelInput(name="qwen-small", source_ref="huggingface", versions=(GOOD_VERSION,))
LIVE: dict[str, Any] = {
    "apiVersion": "model.samzong.dev/v1",
    "kind": "Model",
    "metadata": {"name": "qwen-small", "namespace": NS, "resourceVersion": "7"},
    "spec": {"sourceRef": "huggingface", "versions": [{"name": "fp16", "repo": "Qwen/Qwen2.5-0.5B"}]},
}
MAX_MESSAGE = 300
"""The longest message about a YAML text (any input size)."""
MAX_FORM_MESSAGE = 600
"""The longest message about a form field (they quote the field, whose length the checks bound)."""


def version(**changes: Any) -> ModelInput:
    return replace(GOOD_MODEL, versions=(replace(GOOD_VERSION, **changes),))


MODEL_FORM: dict[str, tuple[ModelInput, str]] = {
    "name-empty": (replace(GOOD_MODEL, name=""), "name"),
    "name-upper": (replace(GOOD_MODEL, name="Qwen"), "name"),
    "name-underscore": (replace(GOOD_MODEL, name="qwen_small"), "name"),
    "name-leading-dash": (replace(GOOD_MODEL, name="-qwen"), "name"),
    "name-too-long": (replace(GOOD_MODEL, name="q" * 64), "name"),
    "name-unicode": (replace(GOOD_MODEL, name="qwén"), "name"),
    "name-html": (replace(GOOD_MODEL, name=HTML), "name"),
    "name-slash": (replace(GOOD_MODEL, name="team/qwen"), "name"),
    "name-space": (replace(GOOD_MODEL, name="qwen small"), "name"),
    "version-name-too-long": (version(name="v" * 60), "versions[0].name"),
    "name-taken": (replace(GOOD_MODEL, name="bge-m3"), "name"),
    "source-missing": (replace(GOOD_MODEL, source_ref=""), "source"),
    "logo-javascript": (replace(GOOD_MODEL, logo_url="javascript:alert(1)"), "logo"),
    "logo-path": (replace(GOOD_MODEL, logo_url="/etc/passwd"), "logo"),
    "logo-data": (replace(GOOD_MODEL, logo_url="data:image/png;base64,AAAA"), "logo"),
    "no-versions": (replace(GOOD_MODEL, versions=()), "versions"),
    "version-name-empty": (version(name=""), "versions[0].name"),
    "version-name-upper": (version(name="FP16"), "versions[0].name"),
    "version-name-slash": (version(name="a/b"), "versions[0].name"),
    "version-name-unicode": (version(name="fp16✓"), "versions[0].name"),
    "version-name-html": (version(name=HTML), "versions[0].name"),
    "repo-empty": (version(repo=""), "versions[0].repo"),
    "repo-no-owner": (version(repo="qwen"), "versions[0].repo"),
    "repo-url-for-hf": (version(repo="https://huggingface.co/Qwen/Qwen2.5"), "versions[0].repo"),
    "size-words": (version(size="two gigs"), "versions[0].storage.size"),
    "size-negative": (version(size="-2Gi"), "versions[0].storage.size"),
    "size-bad-suffix": (version(size="2GB"), "versions[0].storage.size"),
    "size-zero": (version(size="0"), "versions[0].storage.size"),
    "precision-enum": (version(precision="FP8"), "versions[0].precision"),
    "state-enum": (version(state="GONE"), "versions[0].state"),
    "access-mode-enum": (version(access_modes=("ReadWriteSometimes",)), "versions[0].storage.accessModes"),
    "selector-not-yaml": (version(share_enabled=True, selector_yaml="matchLabels: [1"), "versions[0].share"),
    "selector-a-list": (version(share_enabled=True, selector_yaml="- team"), "versions[0].share"),
    "selector-bad-operator": (
        version(share_enabled=True, selector_yaml="matchExpressions:\n- {key: a, operator: Maybe}\n"),
        "versions[0].share",
    ),
    "selector-label-value-slash": (
        version(share_enabled=True, selector_yaml="matchLabels:\n  team: ml/serving\n"),
        "versions[0].share",
    ),
    "selector-alias-bomb": (version(share_enabled=True, selector_yaml=BOMB), "versions[0].share"),
    "selector-duplicate-key": (
        version(share_enabled=True, selector_yaml="matchLabels:\n  team: a\n  team: b\n"),
        "versions[0].share",
    ),
    "opt-in-label-value-slash": (version(share_enabled=True, opt_in_label="share=a/b"), "versions[0].share"),
    "opt-in-label-empty-value": (version(share_enabled=True, opt_in_label="share="), "versions[0].share"),
    "opt-in-label-html": (version(share_enabled=True, opt_in_label=HTML), "versions[0].share"),
}


@pytest.mark.parametrize("case", sorted(MODEL_FORM))
def test_the_model_wizard_refuses_bad_input_at_its_field(case: str) -> None:
    form, field = MODEL_FORM[case]
    built = build_model(form, namespace=NS, sources=[HF], taken_names=["bge-m3"])
    errors = blocking(built.findings)
    assert built.manifest is None
    assert any(e.field.startswith(field) for e in errors), errors
    assert all(len(e.message) <= MAX_FORM_MESSAGE for e in built.findings)


GOOD_SOURCE = SourceInput(name="hf-mirror", source_type="HUGGING_FACE")

SOURCE_FORM: dict[str, tuple[SourceInput, str]] = {
    "name-empty": (replace(GOOD_SOURCE, name=""), "name"),
    "name-upper": (replace(GOOD_SOURCE, name="HF"), "name"),
    "name-unicode": (replace(GOOD_SOURCE, name="hf-ü"), "name"),
    "name-html": (replace(GOOD_SOURCE, name=HTML), "name"),
    "name-too-long": (replace(GOOD_SOURCE, name="h" * 254), "name"),
    "name-taken": (replace(GOOD_SOURCE, name="huggingface"), "name"),
    "type-missing": (replace(GOOD_SOURCE, source_type=""), "type"),
    "type-enum": (replace(GOOD_SOURCE, source_type="FTP"), "type"),
    "secret-ref-slash": (replace(GOOD_SOURCE, secret_ref="ns/secret"), "secretRef"),
    "secret-ref-upper": (replace(GOOD_SOURCE, secret_ref="Secret"), "secretRef"),
    "config-key-empty-with-value": (replace(GOOD_SOURCE, rows=(("", "x"),)), "config[0]"),
    "config-key-duplicate": (replace(GOOD_SOURCE, rows=(("endpoint", "a"), ("endpoint", "b"))), "config[1]"),
    "secret-ref-html": (replace(GOOD_SOURCE, secret_ref=HTML), "secretRef"),
}


@pytest.mark.parametrize("case", sorted(SOURCE_FORM))
def test_the_model_source_wizard_refuses_bad_input_at_its_field(case: str) -> None:
    form, field = SOURCE_FORM[case]
    built = build_source(form, namespace=NS, taken_names={"huggingface"})
    errors = blocking(built.findings)
    assert built.manifest is None
    assert any(e.field.startswith(field) for e in errors), errors
    assert all(len(e.message) <= MAX_FORM_MESSAGE for e in built.findings)


SPEC_YAML: dict[str, tuple[str, str]] = {
    "alias-bomb": (BOMB, "spec"),
    "five-megabytes": (FIVE_MB, "spec"),
    "duplicate-key": ("sourceRef: huggingface\nsourceRef: other\nversions: []\n", "spec"),
    "duplicate-version-key": (
        "sourceRef: huggingface\nversions:\n- name: fp16\n  name: int4\n  repo: a/b\n",
        "spec",
    ),
    "deep-nesting": ("sourceRef: " + "[" * 200 + "]" * 200, "spec"),
    "self-reference": ("&a\nsourceRef: huggingface\nversions: *a\n", "spec"),
    "not-yaml": ("sourceRef: [", "spec"),
    "a-list": ("- sourceRef: huggingface", "spec"),
    "two-documents": ("sourceRef: a\n---\nsourceRef: b\n", "spec"),
    "a-manifest": ("apiVersion: v1\nspec:\n  sourceRef: x\n", "spec"),
    "precision-enum": (
        "sourceRef: huggingface\nversions:\n- {name: fp16, repo: a/b, precision: FP8}\n",
        "spec.versions[0].precision",
    ),
    "state-enum": ("sourceRef: huggingface\nversions:\n- {name: fp16, repo: a/b, state: GONE}\n", "spec.versions"),
    "html-version-name": (f"sourceRef: huggingface\nversions:\n- {{name: '{HTML}', repo: a/b}}\n", "spec.versions"),
    "unicode-version-name": ("sourceRef: huggingface\nversions:\n- {name: 'fp16✓', repo: a/b}\n", "spec.versions"),
    "label-value-slash-selector": (
        "sourceRef: huggingface\nversions:\n- name: fp16\n  repo: a/b\n  share:\n    enabled: true\n"
        "    namespaceSelector: {matchLabels: {team: ml/serving}}\n",
        "spec.versions[0].share",
    ),
    "empty-versions": ("sourceRef: huggingface\nversions: []\n", "spec.versions"),
}


@pytest.mark.parametrize("case", sorted(SPEC_YAML))
def test_the_model_yaml_editor_refuses_bad_input_briefly_and_quickly(case: str) -> None:
    text, field = SPEC_YAML[case]
    started = time.monotonic()
    built = manifest_from_spec(text, live_raw=LIVE, sources=[HF])
    assert time.monotonic() - started < 2
    errors = blocking(built.findings)
    assert built.manifest is None
    assert any(e.field.startswith(field) for e in errors), errors
    assert len(built.findings) <= 21
    assert all(len(e.message) <= MAX_MESSAGE for e in built.findings)


@pytest.mark.parametrize("text", [BOMB, FIVE_MB, "a: 1\na: 2\n", "[" * 200 + "]" * 200])
def test_the_manifest_editor_refuses_the_same_texts(text: str) -> None:
    manifest, findings = manifest_from_yaml(text, expected_kind="ModelSource", namespace=NS)
    assert manifest is None
    assert [f.field for f in findings] == ["yaml"]
    assert len(findings[0].message) <= MAX_MESSAGE


def test_the_selector_editor_uses_the_same_loader() -> None:
    selector, errors = parse_label_selector_yaml(BOMB, "versions[0].share.namespaceSelector")
    assert selector is None
    assert errors[0].message.startswith("refused at line 5: the YAML expands to more than")


def test_there_are_at_least_fifty_bad_inputs() -> None:
    assert len(MODEL_FORM) + len(SOURCE_FORM) + len(SPEC_YAML) >= 50
