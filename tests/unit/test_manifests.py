"""Manifests from wizard input and from live objects, their text forms, the YAML editor, re-runs."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from modelfs_lib.domain.field_error import FieldError, Severity, blocking
from modelfs_lib.domain.labels import OPERATORS
from modelfs_lib.domain.manifest_text import kubectl_apply_command, spec_diff, spec_yaml
from modelfs_lib.domain.manifests import (
    manifest_errors,
    model_manifest,
    model_source_manifest,
    next_round_job,
    rerun_patch,
    rerun_starts_round,
    version_removal_blocker,
    with_share_toggled,
    with_version_state,
    without_version,
)
from modelfs_lib.domain.schema import validate_manifest
from modelfs_lib.domain.validation import (
    check_config_rows,
    check_dns1123_name,
    check_source_type,
    check_versions,
)
from modelfs_lib.domain.yaml_edit import manifest_from_yaml
from modelfs_lib.resources import (
    SOURCE_TYPES,
    Dataset,
    LabelSelector,
    LabelSelectorRequirement,
    Model,
    ModelSource,
    ModelVersion,
    ShareConfig,
    VersionStorage,
)
from modelfs_lib.resources.base import LAST_APPLIED_ANNOTATION
from tests.helpers.strategies import ALNUM, LOWER_ALNUM, dotted, word

DATA = Path(__file__).resolve().parents[1] / "data"


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((DATA / name).read_text())
    return data


def live_model(**changes: Any) -> Model:
    """The sample Model as the API server returns it, with labels, annotations and more versions."""
    data = load("model-qwen-live.yaml")
    data["metadata"]["labels"] = {"app": "chat"}
    data["metadata"]["annotations"] = {"owner": "ml-team", LAST_APPLIED_ANNOTATION: "{}"}
    data["spec"]["versions"].append(
        {
            "name": "int4",
            "repo": "qwen/Qwen2.5-0.5B",
            "precision": "INT4",
            "share": {"enabled": True, "namespaceSelector": {"matchLabels": {"team": "ml"}}, "requireOptInLabel": "s"},
        }
    )
    for key, value in changes.items():
        data[key] = value
    return Model.from_dict(data)


# ------------------------------------------------------------------------------------------------
# Building from wizard input
# ------------------------------------------------------------------------------------------------


def test_a_minimal_model_manifest_has_only_what_was_given() -> None:
    manifest = model_manifest(
        name="qwen3", namespace="ml", source_ref="hf", versions=[ModelVersion("fp16", "Qwen/Qwen3-8B")]
    )
    assert manifest == {
        "apiVersion": "model.samzong.dev/v1",
        "kind": "Model",
        "metadata": {"name": "qwen3", "namespace": "ml"},
        "spec": {
            "sourceRef": "hf",
            "versions": [{"name": "fp16", "repo": "Qwen/Qwen3-8B", "revision": "main", "state": "PRESENT"}],
        },
    }
    assert validate_manifest(manifest) == []


def test_display_fields_are_cleaned_and_blank_ones_left_out() -> None:
    manifest = model_manifest(
        name="qwen3",
        namespace="ml",
        source_ref="hf",
        versions=[ModelVersion("fp16", "q/q")],
        description="  ",
        tags=[" chat ", "", "chat", "qwen", "  "],
        logo_url=" https://x/logo.png ",
    )
    assert manifest["spec"]["display"] == {"tags": ["chat", "qwen"], "logoURL": "https://x/logo.png"}


def test_editing_keeps_the_live_labels_annotations_and_resource_version_but_not_status() -> None:
    live = live_model()
    manifest = model_manifest(name="qwen3", namespace="ml", source_ref="hf", versions=live.versions, live=live)
    assert manifest["metadata"] == {
        "name": "qwen3",
        "namespace": "ml",
        "labels": {"app": "chat"},
        "annotations": {"owner": "ml-team"},
        "resourceVersion": "42",
    }
    assert "status" not in manifest
    given = model_manifest(
        name="qwen3",
        namespace="ml",
        source_ref="hf",
        versions=live.versions,
        labels={},
        annotations={"a": "b"},
        live=live,
    )
    assert given["metadata"] == {"name": "qwen3", "namespace": "ml", "annotations": {"a": "b"}, "resourceVersion": "42"}


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ([], None),
        ([("", ""), ("region", "us-east-1"), ("", "orphan")], {"region": "us-east-1"}),
        ({"endpoint": "https://hf-mirror.com"}, {"endpoint": "https://hf-mirror.com"}),
    ],
)
def test_a_model_source_manifest_takes_config_rows_or_a_mapping(config: Any, expected: dict[str, str] | None) -> None:
    manifest = model_source_manifest(name="hf", namespace="ml", source_type="HUGGING_FACE", config=config)
    assert manifest["spec"].get("config") == expected
    assert "secretRef" not in manifest["spec"]
    assert validate_manifest(manifest) == []


def test_a_model_source_manifest_names_its_secret_and_keeps_the_live_metadata() -> None:
    live = ModelSource.from_dict(load("modelsource-hf.yaml") | {"metadata": {"name": "hf", "resourceVersion": "7"}})
    manifest = model_source_manifest(name="hf", namespace="ml", source_type="S3", secret_ref=" creds ", live=live)
    assert manifest["spec"] == {"type": "S3", "secretRef": "creds"}
    assert manifest["metadata"] == {"name": "hf", "namespace": "ml", "resourceVersion": "7"}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"metadata": {"name": "Bad_Name", "namespace": "ml"}}, "name"),
        ({"spec": {"sourceRef": "hf", "versions": []}}, "versions"),
        ({"spec": {"sourceRef": "hf", "display": {"tags": [1]}, "versions": [{"name": "a", "repo": "b"}]}}, "tags[0]"),
        (
            {"spec": {"sourceRef": "hf", "versions": [{"name": "a", "repo": "b", "precision": "FP32"}]}},
            "versions[0].precision",
        ),
        (
            {
                "spec": {
                    "sourceRef": "hf",
                    "versions": [
                        {"name": "a", "repo": "b", "storage": {"resources": {"requests": {"storage": "1GB"}}}}
                    ],
                }
            },
            "versions[0].storage.size",
        ),
        ({"spec": {"versions": [{"name": "a", "repo": "b"}]}}, "sourceRef"),
    ],
)
def test_schema_errors_are_keyed_like_the_wizards_fields(change: dict[str, Any], field: str) -> None:
    manifest = load("model-qwen.yaml") | change
    assert [e.field for e in manifest_errors(manifest)] == [field]


# ------------------------------------------------------------------------------------------------
# The property: whatever passes the wizard's checks validates against the CRD
# ------------------------------------------------------------------------------------------------

DNS_LABEL = word(LOWER_ALNUM, LOWER_ALNUM + "-", 12)
SUBDOMAIN = dotted(word(LOWER_ALNUM, LOWER_ALNUM + "-", 8), word(LOWER_ALNUM, LOWER_ALNUM + "-", 6), 2)
LABEL_NAME = word(ALNUM, ALNUM + "_.-", 8)
LABEL_KEY = st.builds(lambda prefix, name: f"{prefix}/{name}" if prefix else name, st.just("") | SUBDOMAIN, LABEL_NAME)
LABEL_VALUE = st.just("") | LABEL_NAME
NOISE = st.text(max_size=6)
QUANTITY = st.builds("{}{}".format, st.integers(1, 4096), st.sampled_from(["", "Ki", "Mi", "Gi", "Ti", "k", "M", "G"]))
HUB_PART = st.builds("{}{}".format, st.sampled_from(ALNUM), st.text(alphabet=ALNUM + "._-", max_size=8))
HUB_REPO = st.builds("{}/{}".format, HUB_PART, HUB_PART)
REPOS = {
    "HUGGING_FACE": HUB_REPO,
    "MODEL_SCOPE": HUB_REPO,
    "S3": st.builds("s3://{}/{}".format, st.text(alphabet=LOWER_ALNUM, min_size=3, max_size=10), LABEL_NAME),
    "GIT": st.builds("https://git.example.com/{}.git".format, LABEL_NAME),
    "HTTP": st.builds("https://example.com/{}".format, LABEL_NAME),
}


def mostly(valid: st.SearchStrategy[Any], noise: st.SearchStrategy[Any] = NOISE) -> st.SearchStrategy[Any]:
    """Usually a valid value, about one time in 25 one the checks must catch.

    The noise sits in the middle of the range: Hypothesis favours the ends of an integer range.
    """
    return st.integers(0, 24).flatmap(lambda i: noise if i == 12 else valid)


OPERATOR = mostly(st.sampled_from(OPERATORS), st.sampled_from(["in", "Equals", ""]))
REQUIREMENT_VALUES = {
    takes_values: mostly(
        st.lists(LABEL_VALUE, min_size=1, max_size=3) if takes_values else st.just([]), st.lists(NOISE, max_size=2)
    )
    for takes_values in (True, False)
}
"""The values of a requirement whose operator takes values (In, NotIn) and of one whose operator does not."""
REQUIREMENT_KEY = mostly(LABEL_KEY)


@st.composite
def requirements(draw: st.DrawFn) -> LabelSelectorRequirement:
    operator = draw(OPERATOR)
    values = draw(REQUIREMENT_VALUES[operator in ("In", "NotIn")])
    return LabelSelectorRequirement(draw(REQUIREMENT_KEY), operator, tuple(values))


SELECTORS = st.builds(
    LabelSelector,
    st.dictionaries(mostly(LABEL_KEY), mostly(LABEL_VALUE), max_size=3),
    st.lists(requirements(), max_size=3).map(tuple),
)
OPT_IN = mostly(st.one_of(st.just(""), LABEL_KEY, st.builds("{}={}".format, LABEL_KEY, LABEL_NAME)))
SHARES = st.builds(ShareConfig, st.booleans(), st.none() | SELECTORS, OPT_IN)
STORAGE = st.builds(
    VersionStorage,
    st.lists(mostly(st.sampled_from(["ReadWriteOnce", "ReadWriteMany", "ReadOnlyMany"])), max_size=2).map(tuple),
    st.fixed_dictionaries({"storage": mostly(QUANTITY)}),
    st.dictionaries(st.just("storage"), mostly(QUANTITY), max_size=1),
    st.just("") | mostly(SUBDOMAIN),
)
VERSIONS = {
    source_type: st.lists(
        st.builds(
            ModelVersion,
            name=mostly(DNS_LABEL),
            repo=mostly(REPOS.get(source_type, st.text(min_size=1, max_size=12))),
            revision=mostly(st.sampled_from(["main", "v1.0", "refs/pr/1"]), st.sampled_from(["", "a b"])),
            precision=mostly(st.sampled_from([None, "FP16", "INT4", "INT8"]), st.just("FP32")),
            metadata=st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
            storage=st.none() | STORAGE,
            state=mostly(st.sampled_from(["PRESENT", "ABSENT"]), st.just("present")),
            share=st.none() | SHARES,
        ),
        min_size=1,
        max_size=3,
        unique_by=lambda v: v.name,
    )
    for source_type in SOURCE_TYPES
}
"""One to three versions with distinct names, for each source type."""
MODEL_NAME = mostly(SUBDOMAIN)
NAMESPACE = mostly(DNS_LABEL)
SOURCE_TYPE = st.sampled_from(SOURCE_TYPES)
DESCRIPTION = st.text(max_size=20)
TAGS = st.lists(st.text(max_size=8), max_size=3)
LOGO_URL = st.text(max_size=12)


@st.composite
def model_inputs(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    source_type = draw(SOURCE_TYPE)
    inputs = {
        "name": draw(MODEL_NAME),
        "namespace": draw(NAMESPACE),
        "source_ref": draw(MODEL_NAME),
        "versions": draw(VERSIONS[source_type]),
        "description": draw(DESCRIPTION),
        "tags": draw(TAGS),
        "logo_url": draw(LOGO_URL),
    }
    return source_type, inputs


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(model_inputs())
def test_every_model_input_that_passes_the_checks_validates_against_the_crd(case: tuple[str, dict[str, Any]]) -> None:
    source_type, inputs = case
    errors = [
        *check_dns1123_name(inputs["name"], "name"),
        *check_dns1123_name(inputs["namespace"], "namespace", label=True),
        *check_dns1123_name(inputs["source_ref"], "sourceRef"),
        *check_versions(inputs["versions"], model_name=inputs["name"], source_type=source_type),
    ]
    assume(not blocking(errors))
    manifest = model_manifest(**inputs)
    assert validate_manifest(manifest) == []
    assert manifest_errors(manifest) == []
    assert "status" not in manifest
    assert Model.from_dict(manifest).invalid is None
    assert spec_diff(Model.from_dict(manifest), manifest) == ""


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(
    name=mostly(SUBDOMAIN),
    namespace=mostly(DNS_LABEL),
    source_type=mostly(st.sampled_from(SOURCE_TYPES), st.sampled_from(["", "FTP", "s3"])),
    secret_ref=st.just("") | mostly(SUBDOMAIN),
    rows=st.lists(st.tuples(st.text(max_size=8), st.text(max_size=8)), max_size=4),
)
def test_every_model_source_input_that_passes_the_checks_validates_against_the_crd(
    name: str, namespace: str, source_type: str, secret_ref: str, rows: list[tuple[str, str]]
) -> None:
    errors = [
        *check_dns1123_name(name, "name"),
        *check_dns1123_name(namespace, "namespace", label=True),
        *check_source_type(source_type, "type"),
        *(check_dns1123_name(secret_ref, "secretRef") if secret_ref else []),
        *check_config_rows(rows),
    ]
    assume(not blocking(errors))
    manifest = model_source_manifest(
        name=name, namespace=namespace, source_type=source_type, secret_ref=secret_ref, config=rows
    )
    assert validate_manifest(manifest) == []
    assert ModelSource.from_dict(manifest).config == {k: v for k, v in rows if k}


# ------------------------------------------------------------------------------------------------
# Text: spec YAML, diff, kubectl command
# ------------------------------------------------------------------------------------------------


def test_spec_yaml_shows_the_spec_alone_in_the_documented_key_order() -> None:
    shuffled = load("model-qwen.yaml")
    shuffled["spec"] = dict(reversed(list(shuffled["spec"].items())))
    shuffled["spec"]["versions"] = [dict(reversed(list(v.items()))) for v in shuffled["spec"]["versions"]]
    text = spec_yaml(shuffled)
    assert text == spec_yaml(Model.from_dict(load("model-qwen.yaml")))
    assert text == (
        "sourceRef: huggingface-source\n"
        "display:\n"
        "  description: Sample Qwen sync via modelfs\n"
        "  tags:\n"
        "  - qwen\n"
        "  - sample\n"
        "versions:\n"
        "- name: fp16\n"
        "  repo: qwen/Qwen2.5-0.5B\n"
        "  revision: main\n"
        "  precision: FP16\n"
        "  state: PRESENT\n"
        "  storage:\n"
        "    accessModes:\n"
        "    - ReadWriteOnce\n"
        "    resources:\n"
        "      requests:\n"
        "        storage: 12Gi\n"
        "    storageClassName: local-path\n"
        "  share:\n"
        "    enabled: false\n"
    )
    assert "status" not in text and "apiVersion" not in text
    assert spec_yaml({"kind": "Model"}) == "{}\n"


def test_a_live_object_and_a_manifest_built_from_the_same_input_have_no_diff() -> None:
    live = load("model-qwen-live.yaml")
    for version in live["spec"]["versions"]:
        del version["revision"], version["state"]
    live["spec"]["display"]["tags"] = ["qwen", "sample"]
    live["spec"]["versions"][0]["metadata"] = {}
    built = model_manifest(
        name="qwen3",
        namespace="ml",
        source_ref="huggingface-source",
        versions=Model.from_dict(live).versions,
        description="Sample Qwen sync via modelfs",
        tags=["qwen", "sample"],
    )
    assert spec_diff(live, built) == ""
    assert spec_diff(Model.from_dict(live), built) == ""


def test_a_diff_shows_what_changes_in_the_spec() -> None:
    live = live_model()
    diff = spec_diff(live, with_version_state(live, "fp16", "ABSENT"), context=0)
    assert diff.splitlines() == [
        "--- live spec",
        "+++ proposed spec",
        "@@ -12 +12 @@",
        "-  state: PRESENT",
        "+  state: ABSENT",
    ]


def test_without_a_live_object_the_whole_spec_is_added() -> None:
    diff = spec_diff(None, load("model-qwen.yaml"))
    added = [line for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert added[0] == "+sourceRef: huggingface-source"
    assert not any(line.startswith("-") and not line.startswith("---") for line in diff.splitlines())


def test_the_kubectl_command_applies_server_side_without_status_or_server_fields() -> None:
    live = load("model-qwen-live.yaml")
    live["metadata"]["managedFields"] = [{"manager": "kubectl"}]
    command = kubectl_apply_command(live)
    first, *body, last = command.splitlines()
    assert first == "kubectl apply --server-side --field-manager=modelfs-ui -f - <<'EOF'"
    assert last == "EOF"
    applied = yaml.safe_load("\n".join(body))
    assert applied["metadata"] == {"name": "qwen3", "namespace": "ml"}
    assert set(applied) == {"apiVersion", "kind", "metadata", "spec"}
    assert applied["spec"] == live["spec"]
    assert kubectl_apply_command(Model.from_dict(live)) == command


# ------------------------------------------------------------------------------------------------
# The "Edit YAML" flow
# ------------------------------------------------------------------------------------------------

SAMPLE = (DATA / "model-qwen.yaml").read_text()


def edited(change: str) -> str:
    return SAMPLE + change


@pytest.mark.parametrize(
    ("text", "field", "message"),
    [
        ("", "yaml", "empty"),
        ("# only a comment\n", "yaml", "empty"),
        ("kind: [", "yaml", "not valid YAML at line"),
        ("- a\n- b\n", "yaml", "must be a mapping"),
        (SAMPLE + "---\n" + SAMPLE, "yaml", "2 documents"),
        (SAMPLE.replace("model.samzong.dev/v1", "model.samzong.dev/v2"), "apiVersion", "'model.samzong.dev/v1'"),
        (SAMPLE.replace("kind: Model", "kind: ModelSource"), "kind", "'Model'"),
        (SAMPLE.replace("metadata:\n  name: qwen3\n", "metadata: x\n"), "metadata", "is required"),
        (SAMPLE.replace("  name: qwen3\n", "  labels: {}\n", 1), "metadata.name", "is required"),
        (SAMPLE.replace("  name: qwen3\n", "  name: qwen3\n  namespace: other\n", 1), "metadata.namespace", "'other'"),
        (SAMPLE.replace("precision: FP16", "precision: FP32"), "spec.versions[0].precision", "is not one of"),
        (SAMPLE.replace("  sourceRef: huggingface-source\n", ""), "spec.sourceRef", "is required"),
        (SAMPLE + "extra: 1\n", "extra", "unknown field"),
    ],
)
def test_a_bad_manifest_from_the_editor_is_refused_with_the_reason(text: str, field: str, message: str) -> None:
    manifest, findings = manifest_from_yaml(text, expected_kind="Model", namespace="ml")
    assert manifest is None
    errors = blocking(findings)
    assert [e.field for e in errors] == [field], errors
    assert message in errors[0].message


def test_a_manifest_from_the_editor_gets_the_namespace_and_loses_what_the_server_writes() -> None:
    text = (
        (DATA / "model-qwen-live.yaml")
        .read_text()
        .replace(
            "  finalizers:",
            "  managedFields: [{manager: x}]\n  annotations:\n"
            f"    {LAST_APPLIED_ANNOTATION}: '{{}}'\n    keep: me\n  finalizers:",
        )
    )
    manifest, findings = manifest_from_yaml(text, expected_kind="Model", namespace="ml")
    assert manifest is not None
    assert "status" not in manifest
    assert manifest["metadata"] == {
        "name": "qwen3",
        "namespace": "ml",
        "resourceVersion": "42",
        "annotations": {"keep": "me"},
    }
    assert {f.field for f in findings} == {"status", "metadata", "metadata.annotations", "metadata.resourceVersion"}
    assert all(f.severity is Severity.NOTE for f in findings)
    fresh, notes = manifest_from_yaml(SAMPLE, expected_kind=Model.KIND, namespace="ml")
    assert fresh is not None and fresh["metadata"]["namespace"] == "ml" and notes == []


def test_the_editor_knows_every_kind_and_refuses_others() -> None:
    text = (DATA / "modelsource-hf.yaml").read_text()
    manifest, _ = manifest_from_yaml(text, expected_kind="ModelSource", namespace="ml")
    assert manifest is not None and manifest["kind"] == "ModelSource"
    with pytest.raises(ValueError, match="unknown kind 'Pod'"):
        manifest_from_yaml(text, expected_kind="Pod", namespace="ml")


# ------------------------------------------------------------------------------------------------
# One change to a live Model
# ------------------------------------------------------------------------------------------------


def versions_of(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = manifest["spec"]["versions"]
    return result


@pytest.mark.parametrize("state", ["ABSENT", "absent", "PRESENT"])
def test_a_version_state_change_touches_that_version_only(state: str) -> None:
    live = live_model()
    manifest = with_version_state(live, "fp16", state)
    before = copy.deepcopy(live.to_dict())
    assert versions_of(manifest)[0] == {**versions_of(before)[0], "state": state.upper()}
    assert versions_of(manifest)[1] == versions_of(before)[1]
    assert manifest["metadata"] == {
        "name": "qwen3",
        "namespace": "ml",
        "labels": {"app": "chat"},
        "annotations": {"owner": "ml-team"},
        "resourceVersion": "42",
    }
    assert validate_manifest(manifest) == []


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda m: with_version_state(m, "nope", "ABSENT"), "no version 'nope'"),
        (lambda m: with_version_state(m, "fp16", "GONE"), "PRESENT or ABSENT"),
        (lambda m: with_share_toggled(m, "nope", True), "no version 'nope'"),
    ],
)
def test_a_change_to_an_unknown_version_or_state_is_refused(call: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call(live_model())


def test_a_model_that_could_not_be_read_is_not_changed() -> None:
    with pytest.raises(ValueError, match="could not be read"):
        with_version_state(Model.from_dict({"metadata": {"name": "x"}, "spec": []}), "a", "ABSENT")


def test_toggling_share_keeps_the_selector_and_opt_in_label() -> None:
    live = live_model()
    off = versions_of(with_share_toggled(live, "int4", False))[1]["share"]
    assert off == {"enabled": False, "namespaceSelector": {"matchLabels": {"team": "ml"}}, "requireOptInLabel": "s"}
    assert versions_of(with_share_toggled(live, "fp16", True))[0]["share"] == {"enabled": True}
    bare = Model.from_dict(
        {"metadata": {"name": "m"}, "spec": {"sourceRef": "s", "versions": [{"name": "a", "repo": "r"}]}}
    )
    assert versions_of(with_share_toggled(bare, "a", True))[0]["share"] == {"enabled": True}


def removable(state: str = "ABSENT", observed: str | None = "ABSENT", generation: int = 2) -> Model:
    data = load("model-qwen-live.yaml")
    data["metadata"]["generation"] = generation
    data["spec"]["versions"].append({"name": "int4", "repo": "q/q", "state": state})
    if observed is not None:
        data["status"]["syncedVersions"].append({"name": "int4", "observedState": observed})
    return Model.from_dict(data)


@pytest.mark.parametrize(
    ("subject", "version", "blocker"),
    [
        (removable(), "int4", None),
        (removable(observed=None), "int4", None),
        (removable(), "gone", "no version"),
        (removable(state="PRESENT"), "int4", "Set the version to ABSENT first"),
        (removable(generation=3), "int4", "not yet acted"),
        (removable(observed="PRESENT"), "int4", "'mdl-qwen3-int4' still exists"),
        (Model.from_dict(load("model-qwen-live.yaml")), "fp16", "at least one version"),
    ],
)
def test_a_version_may_be_removed_only_after_the_controller_deleted_its_dataset(
    subject: Model, version: str, blocker: str | None
) -> None:
    found = version_removal_blocker(subject, version)
    assert found is None if blocker is None else blocker in (found or "")


def test_removing_a_version_sends_the_others() -> None:
    manifest = without_version(removable(), "int4")
    assert [v["name"] for v in versions_of(manifest)] == ["fp16"]
    assert manifest["metadata"]["resourceVersion"] == "42"


@pytest.mark.parametrize(
    ("subject", "version"),
    [
        (removable(state="PRESENT"), "int4"),
        (removable(), "gone"),
        (Model.from_dict(load("model-qwen-live.yaml")), "fp16"),
    ],
)
def test_removing_a_version_that_is_not_absent_or_the_last_one_is_refused(subject: Model, version: str) -> None:
    with pytest.raises(ValueError):
        without_version(subject, version)


def test_removing_a_version_the_controller_has_not_caught_up_with_is_left_to_the_caller() -> None:
    assert [v["name"] for v in versions_of(without_version(removable(generation=3), "int4"))] == ["fp16"]


# ------------------------------------------------------------------------------------------------
# Re-running a sync
# ------------------------------------------------------------------------------------------------


def synced(round_: int | None, last: int | None, resource_version: str = "9") -> Dataset:
    data = load("dataset-mdl-qwen3-fp16.yaml")
    data["metadata"]["resourceVersion"] = resource_version
    data["spec"].pop("dataSyncRound", None)
    if round_ is not None:
        data["spec"]["dataSyncRound"] = round_
    data.setdefault("status", {})["lastSucceedRound"] = last
    return Dataset.from_dict(data)


@pytest.mark.parametrize(("round_", "patched", "job"), [(None, 2, 2), (1, 2, 2), (4, 5, 5)])
def test_a_rerun_raises_the_round_by_one_against_the_read_version(round_: int | None, patched: int, job: int) -> None:
    dataset = synced(round_, 1)
    assert rerun_patch(dataset) == {"metadata": {"resourceVersion": "9"}, "spec": {"dataSyncRound": patched}}
    assert next_round_job(dataset) == f"dataset-mdl-qwen3-fp16-round-{job}"


def test_a_rerun_needs_a_resource_version() -> None:
    with pytest.raises(ValueError, match="resourceVersion"):
        rerun_patch(synced(1, 1, resource_version=""))


@pytest.mark.parametrize(
    ("round_", "last", "starts"), [(1, 1, True), (1, None, True), (1, 3, False), (2, 3, False), (3, 3, True)]
)
def test_a_rerun_after_the_counter_was_reset_may_not_start_a_round(round_: int, last: int | None, starts: bool) -> None:
    assert rerun_starts_round(synced(round_, last)) is starts


def test_field_errors_keep_their_order_and_severity() -> None:
    assert blocking([FieldError("a", "x", Severity.NOTE)]) == []
