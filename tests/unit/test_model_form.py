"""The Model wizard's input: filled from a live Model, checked, built into a manifest; and "Edit YAML"."""

from __future__ import annotations

import copy
from dataclasses import replace
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from modelfs_lib.domain.field_error import Severity
from modelfs_lib.domain.live_versions import UNCHANGED_SUFFIX, same_desired_state
from modelfs_lib.domain.manifest_text import spec_diff
from modelfs_lib.domain.model_form import (
    NO_SIZE_WARNING,
    ModelInput,
    VersionInput,
    build_model,
    check_basics,
    check_cards,
    lingering_fields,
    model_input,
    removal_patch,
    selector_text,
    to_version,
    version_input,
)
from modelfs_lib.domain.schema import validate_manifest
from modelfs_lib.domain.spec_edit import editable_spec, manifest_from_spec
from modelfs_lib.domain.validation import ACCESS_MODES
from modelfs_lib.resources import LabelSelector, Model, ModelSource
from modelfs_lib.resources.base import LAST_APPLIED_ANNOTATION
from tests.helpers.strategies import ALNUM, LOWER_ALNUM, word

NS = "ml-team"


def source(name: str, source_type: str, credentials: str | None = "True") -> ModelSource:
    status = {}
    if credentials is not None:
        status = {
            "conditions": [
                {
                    "type": "CredentialsReady",
                    "status": credentials,
                    "reason": "SecretValid" if credentials == "True" else "SecretInvalid",
                    "message": "" if credentials == "True" else 'Secret "creds" not found',
                    "lastTransitionTime": "2026-01-01T00:00:00Z",
                }
            ]
        }
    return ModelSource.from_dict(
        {"metadata": {"name": name, "namespace": NS}, "spec": {"type": source_type}, "status": status}
    )


SOURCES = [
    source("huggingface", "HUGGING_FACE"),
    source("minio", "S3", credentials="False"),
    source("gitea", "GIT"),
    source("web", "HTTP", credentials=None),
]

LIVE: dict[str, Any] = {
    "apiVersion": "model.samzong.dev/v1",
    "kind": "Model",
    "metadata": {
        "name": "tiny",
        "namespace": NS,
        "resourceVersion": "41",
        "generation": 3,
        "labels": {"app": "chat"},
        "annotations": {"owner": "ml", LAST_APPLIED_ANNOTATION: "{}"},
    },
    "spec": {
        "sourceRef": "huggingface",
        "display": {"description": "Tiny", "tags": ["small"], "logoURL": "https://x.example/logo.png"},
        "versions": [
            {
                "name": "fp16",
                "repo": "acme/tiny",
                "revision": "main",
                "precision": "FP16",
                "metadata": {"quantizer": "none"},
                "storage": {
                    "accessModes": ["ReadWriteOnce"],
                    "resources": {"requests": {"storage": "4Gi", "ephemeral": "1Gi"}, "limits": {"storage": "8Gi"}},
                    "storageClassName": "nfs-client",
                },
                "state": "PRESENT",
                "share": {"enabled": False},
            },
            {
                "name": "int4",
                "repo": "acme/tiny-int4",
                "revision": "v2",
                "state": "ABSENT",
                "share": {
                    "enabled": True,
                    "namespaceSelector": {"matchExpressions": [{"key": "team", "operator": "Exists"}]},
                    "requireOptInLabel": "share",
                },
            },
        ],
    },
    "status": {
        "observedGeneration": 3,
        "syncedVersions": [
            {"name": "fp16", "phase": "READY", "observedState": "PRESENT"},
            {"name": "int4", "observedState": "ABSENT"},
        ],
    },
}


def live(**changes: Any) -> Model:
    data = copy.deepcopy(LIVE)
    for key, value in changes.items():
        data[key] = value
    return Model.from_dict(data)


def fields(findings: Any, severity: Severity | None = Severity.ERROR) -> list[str]:
    return [f.field for f in findings if severity is None or f.severity is severity]


def valid_form(**changes: Any) -> ModelInput:
    card = VersionInput(name="fp16", repo="Qwen/Qwen2.5-0.5B", size="2Gi")
    return replace(ModelInput(name="qwen", source_ref="huggingface", versions=(card,)), **changes)


# ------------------------------------------------------------------------------------------------
# From a live Model and back
# ------------------------------------------------------------------------------------------------


def test_a_live_version_fills_a_card_and_keeps_what_the_wizard_does_not_edit() -> None:
    card = version_input(live().versions[0])
    assert card == VersionInput(
        name="fp16",
        repo="acme/tiny",
        revision="main",
        precision="FP16",
        size="4Gi",
        storage_class="nfs-client",
        access_modes=("ReadWriteOnce",),
        state="PRESENT",
        share_enabled=False,
        live_name="fp16",
        kept_metadata={"quantizer": "none"},
        kept_requests={"ephemeral": "1Gi"},
        kept_limits={"storage": "8Gi"},
        kept_share=True,
    )


def test_every_live_version_comes_back_unchanged_from_its_card() -> None:
    model = live()
    for i, version in enumerate(model.versions):
        rebuilt, errors = to_version(version_input(version), f"versions[{i}]")
        assert errors == []
        assert rebuilt == version


def test_an_untouched_edit_builds_the_live_spec_with_its_metadata_and_resource_version() -> None:
    model = live()
    built = build_model(model_input(model), namespace=NS, sources=SOURCES, live=model)
    assert built.errors == []
    assert built.manifest is not None
    assert spec_diff(LIVE, built.manifest) == ""
    assert built.manifest["metadata"] == {
        "name": "tiny",
        "namespace": NS,
        "labels": {"app": "chat"},
        "annotations": {"owner": "ml"},
        "resourceVersion": "41",
    }
    assert "status" not in built.manifest


def test_selector_text_tells_none_from_match_all() -> None:
    assert selector_text(None) == ""
    assert selector_text(LabelSelector()) == "{}\n"
    assert selector_text(LabelSelector(match_labels={"team": "ml"})) == "matchLabels:\n  team: ml\n"


# ------------------------------------------------------------------------------------------------
# Cards
# ------------------------------------------------------------------------------------------------


def test_a_card_without_any_storage_field_leaves_storage_to_the_controller_with_a_warning() -> None:
    version, _ = to_version(VersionInput(name="a", repo="o/m"), "versions[0]")
    assert version.storage is None
    _, findings = check_cards(ModelInput(name="m", versions=(VersionInput(name="a", repo="o/m"),)))
    assert [(f.field, f.message, f.severity) for f in findings] == [
        ("versions[0].storage.size", NO_SIZE_WARNING, Severity.WARNING)
    ]
    assert "silently ask for 100Ti (ReadWriteMany)" in NO_SIZE_WARNING and "Set a size" in NO_SIZE_WARNING


def test_a_storage_class_without_a_size_asks_for_the_size() -> None:
    form = ModelInput(name="m", versions=(VersionInput(name="a", repo="o/m", storage_class="fast"),))
    _, findings = check_cards(form)
    assert fields(findings) == ["versions[0].storage.size"]


def test_share_is_written_only_when_something_about_it_is_set() -> None:
    plain, _ = to_version(VersionInput(name="a", repo="o/m"), "v")
    assert plain.share is None
    kept, _ = to_version(VersionInput(name="a", repo="o/m", opt_in_label="  share "), "v")
    assert kept.share is not None and kept.share.enabled is False and kept.share.require_opt_in_label == "share"
    everyone, _ = to_version(VersionInput(name="a", repo="o/m", share_enabled=True, selector_yaml="{}"), "v")
    assert everyone.to_dict()["share"] == {"enabled": True, "namespaceSelector": {}}


def test_a_bad_selector_is_reported_at_the_selector_and_left_out() -> None:
    card = VersionInput(name="a", repo="o/m", share_enabled=True, selector_yaml="matchExpressions: [{key: a}]")
    version, errors = to_version(card, "versions[3]")
    assert version.share is not None and version.share.namespace_selector is None
    assert {e.field for e in errors} == {"versions[3].share.namespaceSelector"}


@pytest.mark.parametrize(
    ("source_type", "repo", "field"),
    [
        ("HUGGING_FACE", "https://huggingface.co/Qwen/Qwen3", "versions[0].repo"),
        ("S3", "bucket-only", "versions[0].repo"),
        ("GIT", "not a url", "versions[0].repo"),
        ("HUGGING_FACE", "Qwen/Qwen3", None),
        (None, "anything at all", None),
    ],
)
def test_the_repo_is_checked_for_the_sources_type(source_type: str | None, repo: str, field: str | None) -> None:
    form = ModelInput(name="m", versions=(VersionInput(name="a", repo=repo, size="1Gi"),))
    _, findings = check_cards(form, source_type=source_type)
    assert fields(findings) == ([field] if field else [])


def test_an_s3_repo_without_the_scheme_is_a_warning() -> None:
    form = ModelInput(name="m", versions=(VersionInput(name="a", repo="bucket/models/x", size="1Gi"),))
    _, findings = check_cards(form, source_type="S3")
    assert fields(findings, Severity.WARNING) == ["versions[0].repo"]


def test_the_opt_in_quirk_is_a_warning_at_the_opt_in_label() -> None:
    card = VersionInput(name="a", repo="o/m", size="1Gi", share_enabled=True, opt_in_label="team=ml")
    _, findings = check_cards(ModelInput(name="m", versions=(card,)))
    assert fields(findings, Severity.WARNING) == ["versions[0].share.requireOptInLabel"]


# ------------------------------------------------------------------------------------------------
# Basics
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        (ModelInput(name="qwen", source_ref="huggingface"), []),
        (ModelInput(name="", source_ref="huggingface"), [("name", "is required")]),
        (ModelInput(name="Qwen", source_ref="huggingface"), [("name", "use lower case: 'qwen'")]),
        (ModelInput(name="q" * 40, source_ref="huggingface"), [("name", "Use at most 39 characters")]),
        (ModelInput(name="q" * 39, source_ref="huggingface"), []),
        (ModelInput(name="bge-m3", source_ref="huggingface"), [("name", "already exists here")]),
        (ModelInput(name="qwen"), [("sourceRef", "choose the ModelSource")]),
        (ModelInput(name="qwen", source_ref="huggingface", logo_url="logo.png"), [("logoURL", "http:// or https://")]),
        (ModelInput(name="qwen", source_ref="huggingface", logo_url=" https://x.example/l.png "), []),
    ],
)
def test_basics(form: ModelInput, expected: list[tuple[str, str]]) -> None:
    findings = [f for f in check_basics(form, namespace=NS, sources=SOURCES, taken_names={"bge-m3"}) if f.blocking]
    assert [f.field for f in findings] == [field for field, _ in expected]
    for finding, (_, message) in zip(findings, expected, strict=True):
        assert message in finding.message


def test_a_missing_source_or_one_whose_credentials_fail_only_warns() -> None:
    missing = check_basics(ModelInput(name="m", source_ref="hf-mirror"), namespace=NS, sources=SOURCES)
    assert [(f.field, f.severity) for f in missing] == [("sourceRef", Severity.WARNING)]
    assert "ModelSourceNotFound" in missing[0].message
    broken = check_basics(ModelInput(name="m", source_ref="minio"), namespace=NS, sources=SOURCES)
    assert [(f.field, f.severity) for f in broken] == [("sourceRef", Severity.WARNING)]
    assert 'Secret "creds" not found' in broken[0].message and "ModelSourceNotReady" in broken[0].message
    unknown = check_basics(ModelInput(name="m", source_ref="whatever"), namespace=NS, sources=None)
    assert unknown == []


# ------------------------------------------------------------------------------------------------
# Editing a live Model
# ------------------------------------------------------------------------------------------------


def test_a_live_version_cannot_be_renamed() -> None:
    model = live()
    form = model_input(model)
    form = replace(form, versions=(replace(form.versions[0], name="fp32"), form.versions[1]))
    _, findings = check_cards(form, source_type="HUGGING_FACE", live=model)
    assert fields(findings) == ["versions[0].name"]
    assert "mdl-tiny-fp16" in findings[-1].message


def test_a_live_version_with_a_dataset_cannot_be_dropped() -> None:
    model = live()
    form = model_input(model)
    built = build_model(replace(form, versions=form.versions[1:]), namespace=NS, sources=SOURCES, live=model)
    assert built.manifest is None
    assert fields(built.findings) == ["versions"]
    assert "Set the version to ABSENT first" in built.findings[-1].message


def test_a_live_version_whose_dataset_is_gone_can_be_dropped() -> None:
    model = live()
    form = model_input(model)
    built = build_model(replace(form, versions=form.versions[:1]), namespace=NS, sources=SOURCES, live=model)
    assert built.errors == []
    assert built.manifest is not None
    assert [v["name"] for v in built.manifest["spec"]["versions"]] == ["fp16"]


def test_a_problem_with_an_unchanged_live_value_only_warns() -> None:
    data = copy.deepcopy(LIVE)
    data["spec"]["versions"][0]["repo"] = "https://huggingface.co/acme/tiny"  # saved before the check existed
    model = Model.from_dict(data)
    built = build_model(model_input(model), namespace=NS, sources=SOURCES, live=model)
    assert built.manifest is not None
    (warning,) = [f for f in built.findings if f.field == "versions[0].repo"]
    assert warning.severity is Severity.WARNING and warning.message.endswith(UNCHANGED_SUFFIX)
    form = model_input(model)
    changed = replace(form.versions[0], repo="https://huggingface.co/acme/other")
    rebuilt = build_model(
        replace(form, versions=(changed, form.versions[1])), namespace=NS, sources=SOURCES, live=model
    )
    assert fields(rebuilt.findings) == ["versions[0].repo"]


# ------------------------------------------------------------------------------------------------
# The property: every manifest the wizard can produce validates against the Model CRD
# ------------------------------------------------------------------------------------------------

DNS_LABEL = word(LOWER_ALNUM, LOWER_ALNUM + "-", 10)
NOISE = st.text(max_size=8)
QUANTITY = st.builds("{}{}".format, st.integers(1, 4096), st.sampled_from(["", "Ki", "Mi", "Gi", "Ti", "M", "G"]))
HUB_PART = st.builds("{}{}".format, st.sampled_from(ALNUM), st.text(alphabet=ALNUM + "._-", max_size=8))
HUB_REPO = st.builds("{}/{}".format, HUB_PART, HUB_PART)
LABELS = st.dictionaries(DNS_LABEL, st.just("") | DNS_LABEL, max_size=3)
EXPRESSION = st.one_of(
    st.fixed_dictionaries(
        {
            "key": DNS_LABEL,
            "operator": st.sampled_from(["In", "NotIn"]),
            "values": st.lists(DNS_LABEL, min_size=1, max_size=3),
        }
    ),
    st.fixed_dictionaries({"key": DNS_LABEL, "operator": st.sampled_from(["Exists", "DoesNotExist"])}),
)
GOOD_SELECTOR = st.one_of(
    st.just(""),
    st.just("{}"),
    st.builds(
        lambda labels, expressions: yaml.safe_dump(
            {k: v for k, v in (("matchLabels", labels), ("matchExpressions", expressions)) if v}
        ),
        LABELS,
        st.lists(EXPRESSION, max_size=2),
    ),
)
ANY_SELECTOR = (
    GOOD_SELECTOR
    | NOISE
    | st.sampled_from(
        ["matchLabels: [a]", "matchExpressions:\n- key: a\n  operator: Exists\n  values: [b]", "team: ml", "{a: 1}"]
    )
)
GOOD_OPT_IN = st.just("") | DNS_LABEL | st.builds("{}={}".format, DNS_LABEL, DNS_LABEL)


def cards(*, good: bool) -> st.SearchStrategy[VersionInput]:
    pick = (lambda valid, other: valid) if good else (lambda valid, other: valid | other)
    return st.builds(
        VersionInput,
        name=pick(DNS_LABEL, NOISE | st.just("Bad_Name")),
        repo=pick(HUB_REPO, NOISE | st.just("https://huggingface.co/a/b")),
        revision=pick(st.sampled_from(["main", "v1.0", "refs/pr/1"]), NOISE),
        precision=pick(st.sampled_from(["", "FP16", "INT4", "INT8"]), st.sampled_from(["fp16", "FP32"])),
        size=pick(QUANTITY, st.sampled_from(["", "12GB", "0", "-1Gi", "lots"])),
        storage_class=pick(st.just("") | DNS_LABEL, st.just("Fast_SSD")),
        access_modes=st.lists(pick(st.sampled_from(ACCESS_MODES), st.just("Bogus")), max_size=2, unique=True).map(
            tuple
        ),
        state=pick(st.sampled_from(["PRESENT", "ABSENT"]), st.just("present")),
        share_enabled=st.booleans(),
        selector_yaml=pick(GOOD_SELECTOR, ANY_SELECTOR),
        opt_in_label=pick(GOOD_OPT_IN, st.sampled_from(["team=", "bad key", "a/b/c"])),
        kept_metadata=st.dictionaries(DNS_LABEL, NOISE, max_size=2),
        kept_limits=pick(st.dictionaries(st.just("storage"), QUANTITY, max_size=1), st.just({"storage": "lots"})),
    )


def forms(*, good: bool) -> st.SearchStrategy[ModelInput]:
    return st.builds(
        ModelInput,
        name=DNS_LABEL if good else DNS_LABEL | NOISE,
        source_ref=st.sampled_from(["huggingface", "hf-mirror"]) if good else st.sampled_from(["", "huggingface", "x"]),
        description=st.text(max_size=20),
        tags=st.lists(st.text(max_size=8), max_size=3).map(tuple),
        logo_url=st.sampled_from(["", "https://example.com/logo.png"]) if good else NOISE,
        versions=st.lists(cards(good=good), min_size=1 if good else 0, max_size=3, unique_by=lambda c: c.name).map(
            tuple
        ),
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(forms(good=False))
def test_every_manifest_the_wizard_builds_validates_against_the_crd(form: ModelInput) -> None:
    built = build_model(form, namespace=NS, sources=SOURCES)
    assert (built.manifest is None) == bool(built.errors)
    if built.manifest is not None:
        assert validate_manifest(built.manifest) == []
        assert "status" not in built.manifest
        assert built.manifest["metadata"] == {"name": form.name, "namespace": NS}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(forms(good=True))
def test_well_formed_input_always_builds_a_valid_manifest(form: ModelInput) -> None:
    built = build_model(form, namespace=NS, sources=SOURCES)
    assert built.errors == []
    assert built.manifest is not None
    assert validate_manifest(built.manifest) == []


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(cards(good=False), max_size=2), st.booleans())
def test_every_manifest_an_edit_builds_validates_and_keeps_the_live_metadata(
    extra: list[VersionInput], drop_absent: bool
) -> None:
    model = live()
    form = model_input(model)
    versions = form.versions[:1] if drop_absent else form.versions
    built = build_model(replace(form, versions=versions + tuple(extra)), namespace=NS, sources=SOURCES, live=model)
    if built.manifest is not None:
        assert validate_manifest(built.manifest) == []
        assert built.manifest["metadata"]["resourceVersion"] == "41"
        assert built.manifest["spec"]["versions"][0]["metadata"] == {"quantizer": "none"}


# ------------------------------------------------------------------------------------------------
# Edit YAML
# ------------------------------------------------------------------------------------------------


def test_the_editor_shows_the_spec_only() -> None:
    text = editable_spec(LIVE)
    assert text.startswith("sourceRef: huggingface\ndisplay:\n")
    assert "status" not in text and "resourceVersion" not in text


def test_the_unchanged_spec_builds_the_live_manifest_with_its_metadata() -> None:
    built = manifest_from_spec(editable_spec(LIVE), live_raw=LIVE, sources=SOURCES)
    assert built.errors == []
    assert built.manifest is not None
    assert built.manifest["metadata"] == {
        "name": "tiny",
        "namespace": NS,
        "labels": {"app": "chat"},
        "annotations": {"owner": "ml"},
        "resourceVersion": "41",
    }
    assert spec_diff(LIVE, built.manifest) == ""


@pytest.mark.parametrize(
    ("text", "field", "message"),
    [
        ("sourceRef: [", "spec", "not valid YAML at line 1"),
        ("", "spec", "found nothing"),
        ("- a\n- b\n", "spec", "must be a mapping"),
        ("a: 1\n---\nb: 2\n", "spec", "found 2 documents"),
        ("apiVersion: v1\nspec: {}\n", "spec", "not a manifest"),
        ("sourceRef: huggingface\nversions: []\n", "spec.versions", "add at least one version"),
        ("versions: [{name: a, repo: o/m}]\n", "spec.sourceRef", "is required"),
        (
            "sourceRef: huggingface\nversions: [{name: a, repo: o/m, precision: FP32}]\n",
            "spec.versions[0].precision",
            "FP32",
        ),
        ("sourceRef: huggingface\nversions: [{name: a, repo: o/m}]\nstatus: {}\n", "spec.status", "unknown field"),
    ],
)
def test_text_that_cannot_be_a_model_spec_is_refused(text: str, field: str, message: str) -> None:
    built = manifest_from_spec(text, live_raw=LIVE, sources=SOURCES)
    assert built.manifest is None
    assert field in fields(built.findings)
    assert any(message in f.message for f in built.findings if f.field == field)


def _edited(change: Any) -> str:
    spec = copy.deepcopy(LIVE["spec"])
    change(spec)
    return yaml.safe_dump(spec)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (lambda s: s["versions"].append(dict(s["versions"][1])), "spec.versions[2].name", "already used by version 2"),
        (
            lambda s: s["versions"][0].update(repo="https://huggingface.co/x/y", revision="main"),
            "spec.versions[0].repo",
            "owner/model",
        ),
        (
            lambda s: s["versions"][0]["storage"]["resources"]["requests"].update(storage="4GB"),
            "spec.versions[0].storage.resources.requests.storage",
            "not a quantity",
        ),
        (lambda s: s["versions"][0].update(name="fp32"), "spec.versions", "version 'fp16' cannot be removed yet"),
        (
            lambda s: s["versions"][1]["share"]["namespaceSelector"]["matchExpressions"][0].update(values=["x"]),
            "spec.versions[1].share.namespaceSelector",
            "takes no values",
        ),
    ],
)
def test_the_wizards_checks_apply_to_the_edited_spec(change: Any, field: str, message: str) -> None:
    built = manifest_from_spec(_edited(change), live_raw=LIVE, sources=SOURCES)
    assert built.manifest is None
    assert any(f.field == field and message in f.message and f.blocking for f in built.findings), built.findings


def test_dropping_a_version_whose_dataset_is_gone_and_naming_an_unknown_source_pass_with_a_warning() -> None:
    def change(spec: dict[str, Any]) -> None:
        spec["versions"].pop()
        spec["sourceRef"] = "hf-mirror"

    built = manifest_from_spec(_edited(change), live_raw=LIVE, sources=SOURCES)
    assert built.manifest is not None
    assert fields(built.findings, Severity.WARNING) == ["spec.sourceRef"]


# ------------------------------------------------------------------------------------------------
# Telling a controller's status write from someone's edit
# ------------------------------------------------------------------------------------------------


def _changed(change: Any) -> dict[str, Any]:
    data = copy.deepcopy(LIVE)
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "same"),
    [
        (lambda d: d["status"]["syncedVersions"][0].update(phase="PROCESSING"), True),
        (lambda d: d["metadata"].update(resourceVersion="99", generation=3, managedFields=[]), True),
        (lambda d: d["metadata"]["annotations"].update({LAST_APPLIED_ANNOTATION: '{"a": 1}'}), True),
        (lambda d: d["spec"]["versions"][0].pop("revision"), True),  # the default, spelled out or not
        (lambda d: d["spec"]["versions"][0].update(repo="acme/other"), False),
        (lambda d: d["metadata"]["labels"].update(reviewed="yes"), False),
        (lambda d: d["metadata"]["annotations"].update(owner="sre"), False),
    ],
)
def test_only_a_change_to_spec_labels_or_annotations_counts_as_an_edit(change: Any, same: bool) -> None:
    assert same_desired_state(LIVE, _changed(change)) is same


# ------------------------------------------------------------------------------------------------
# Fields another field manager keeps in place
# ------------------------------------------------------------------------------------------------


def test_dropped_display_fields_that_the_apply_left_in_place_are_named_and_patched_away() -> None:
    manifest = {"spec": {"sourceRef": "hf", "display": {"tags": ["a"]}, "versions": []}}
    applied = {"spec": {"sourceRef": "hf", "display": {"tags": ["a"], "description": "old", "logoURL": "x"}}}
    fields_left = lingering_fields(manifest, applied)
    assert fields_left == ["spec.display.description", "spec.display.logoURL"]
    assert removal_patch(fields_left) == {"spec": {"display": {"description": None, "logoURL": None}}}
    assert lingering_fields(applied, applied) == []
    assert lingering_fields({"spec": {}}, {"spec": {}}) == []
