"""Wizard input checks: names, quantities, selectors, opt-in labels, repos, versions, config rows, credentials."""

from __future__ import annotations

from decimal import Decimal

import pytest

from modelfs_lib.domain.field_error import FieldError, Severity, blocking, messages_by_field
from modelfs_lib.domain.model_form import ModelInput, check_basics
from modelfs_lib.domain.validation import (
    check_config_rows,
    check_dataset_name_fits,
    check_dns1123_name,
    check_model_name_fits,
    check_opt_in_label,
    check_quantity,
    check_repo,
    check_source_type,
    check_versions,
    credential_warnings,
    opt_in_label_warnings,
    parse_label_selector_yaml,
    quantity_value,
    repo_placeholder,
    repo_warnings,
)
from modelfs_lib.resources import SOURCE_TYPES, LabelSelector, ModelVersion, ShareConfig, VersionStorage
from modelfs_lib.resources.label_selector import LabelSelectorRequirement


def fields(errors: list[FieldError]) -> list[str]:
    return [e.field for e in errors]


# ------------------------------------------------------------------------------------------------
# Names
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "label", "hint"),
    [
        ("qwen3", False, None),
        ("qwen-2.5", False, None),
        ("a", True, None),
        ("x" * 253, False, None),
        ("x" * 63, True, None),
        ("", False, "is required"),
        ("x" * 254, False, "at most 253"),
        ("x" * 64, True, "at most 63"),
        ("Qwen3", False, "use lower case: 'qwen3'"),
        ("qwen_3", False, "use '-'"),
        ("qwen 3", True, "use '-'"),
        ("qwen.3", True, "'.' is not allowed"),
        ("-qwen", False, "start and end"),
        ("qwen-", True, "start and end"),
        ("qwen..3", False, "use only"),
        ("qwen@3", False, "use only"),
    ],
)
def test_a_name_must_be_a_dns_1123_subdomain_or_label(value: str, label: bool, hint: str | None) -> None:
    errors = check_dns1123_name(value, "name", label=label)
    if hint is None:
        assert errors == []
    else:
        assert fields(errors) == ["name"] and hint in errors[0].message


def test_a_name_limit_can_be_lowered() -> None:
    assert check_dns1123_name("abcdef", "name", max_len=5)[0].message == "must be at most 5 characters (has 6)"


@pytest.mark.parametrize(
    ("model", "version", "problem"),
    [
        ("qwen3", "fp16", None),
        ("m" * 30, "v" * 10, None),  # dataset-mdl-<30>-<10>-round-999: 63 characters
        ("m" * 30, "v" * 11, "sync Job"),
        ("m" * 200, "fp16", "sync Job"),
    ],
)
def test_the_names_derived_from_model_and_version_must_fit(model: str, version: str, problem: str | None) -> None:
    errors = check_dataset_name_fits(model, version, field="versions[0].name")
    assert [e.message for e in errors if problem is None or problem not in e.message] == []
    assert len(errors) == (0 if problem is None else 1)
    assert all(e.field == "versions[0].name" for e in errors)


def test_a_too_long_job_name_says_the_limit_the_composed_name_its_length_and_a_valid_shorter_name() -> None:
    model, version = "qwen2-5-7b-instruct-awq", "release-candidate-2"
    (error,) = check_dataset_name_fits(model, version, field="versions[0].name")
    job = f"dataset-mdl-{model}-{version}-round-999"
    assert f"the sync Job name {job!r}" in error.message
    assert f"would have {len(job)} characters, over the limit of 63" in error.message
    room = 63 - len(f"dataset-mdl-{model}--round-999")
    assert f"shorten the version name to at most {room} characters, e.g. 'release-candidate'" in error.message
    suggested = version[:room].rstrip("-")
    assert check_dataset_name_fits(model, suggested) == []
    assert check_dns1123_name(suggested, "n", label=True) == []


def test_a_suggested_shorter_version_name_never_ends_with_a_dash() -> None:
    model = "m" * 30  # leaves 10 characters for a version name
    (error,) = check_dataset_name_fits(model, "abcdefghi-xyz")
    assert "e.g. 'abcdefghi'" in error.message


def test_a_dataset_name_over_63_is_named_beside_the_job() -> None:
    (error,) = check_dataset_name_fits("m" * 50, "fp16")
    assert f"the Dataset name 'mdl-{'m' * 50}-fp16' has 59" not in error.message  # 59 fits
    (error,) = check_dataset_name_fits("m" * 60, "fp16")
    assert f"(the Dataset name 'mdl-{'m' * 60}-fp16' has 69)" in error.message
    assert "the Model name leaves no room for a version name" in error.message


def test_a_model_name_that_leaves_no_room_for_any_version_is_an_error_at_the_name() -> None:
    assert check_model_name_fits("m" * 39) == []
    (error,) = check_model_name_fits("m" * 40, field="name")
    assert error.field == "name"
    assert f"'dataset-mdl-{'m' * 40}-v-round-999' (64 characters" in error.message
    assert "over the limit of 63. Use at most 39 characters" in error.message
    assert check_model_name_fits("m" * 39) == [] and check_dataset_name_fits("m" * 39, "v") == []


def test_a_reference_name_must_fit_when_the_namespace_is_known() -> None:
    assert check_dataset_name_fits("qwen3", "fp16", namespace="ml") == []
    assert "REFERENCE" in check_dataset_name_fits("qwen3", "fp16", namespace="n" * 240)[0].message


# ------------------------------------------------------------------------------------------------
# Quantities
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12Gi", Decimal(12 * 2**30)),
        ("500Mi", Decimal(500 * 2**20)),
        ("1Ti", Decimal(2**40)),
        ("1E", Decimal(10**18)),
        ("1e3", Decimal(1000)),
        ("1.5G", Decimal(1_500_000_000)),
        (".5", Decimal("0.5")),
        ("100m", Decimal("0.1")),
        ("0", Decimal(0)),
        ("-1Gi", Decimal(-(2**30))),
        ("12GB", None),
        ("12 Gi", None),
        ("Gi", None),
        ("", None),
    ],
)
def test_a_quantity_has_the_value_kubernetes_gives_it(text: str, value: Decimal | None) -> None:
    assert quantity_value(text) == value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("12Gi", None),
        ("1e9", None),
        ("", "is required"),
        ("  ", "is required"),
        ("0", "must be more than 0"),
        ("0Gi", "must be more than 0"),
        ("-5Gi", "must be more than 0"),
        ("12GB", "did you mean 12Gi?"),
        ("12 gi", "did you mean 12Gi?"),
        ("twelve", "is not a quantity"),
    ],
)
def test_a_storage_request_must_be_a_positive_quantity(text: str, message: str | None) -> None:
    errors = check_quantity(text, "versions[0].storage.size")
    assert [message in e.message for e in errors] == ([] if message is None else [True])


def test_zero_is_a_quantity_when_it_need_not_be_positive() -> None:
    assert check_quantity("0", "f", positive=False) == []


# ------------------------------------------------------------------------------------------------
# The namespace selector editor
# ------------------------------------------------------------------------------------------------

SELECTOR_FIELD = "versions[2].share.namespaceSelector"


@pytest.mark.parametrize(
    ("text", "selector"),
    [
        ("", None),
        ("  \n", None),
        ("# nothing yet\n", None),
        ("{}", LabelSelector()),
        ("matchLabels: {team: ml}", LabelSelector({"team": "ml"})),
        ("matchLabels: {example.com/team: ml, empty: ''}", LabelSelector({"example.com/team": "ml", "empty": ""})),
        (
            "matchExpressions: [{key: team, operator: In, values: [ml, ai]}]",
            LabelSelector(match_expressions=(LabelSelectorRequirement("team", "In", ("ml", "ai")),)),
        ),
        (
            "matchExpressions: [{key: env, operator: NotIn, values: [dev]}]",
            LabelSelector(match_expressions=(LabelSelectorRequirement("env", "NotIn", ("dev",)),)),
        ),
        (
            "matchExpressions: [{key: gpu, operator: Exists}]",
            LabelSelector(match_expressions=(LabelSelectorRequirement("gpu", "Exists"),)),
        ),
        (
            "matchExpressions: [{key: frozen, operator: DoesNotExist, values: []}]",
            LabelSelector(match_expressions=(LabelSelectorRequirement("frozen", "DoesNotExist"),)),
        ),
        (
            "matchLabels:\n  team: ml\nmatchExpressions:\n- {key: gpu, operator: Exists}\n",
            LabelSelector({"team": "ml"}, (LabelSelectorRequirement("gpu", "Exists"),)),
        ),
    ],
)
def test_a_valid_selector_is_parsed(text: str, selector: LabelSelector | None) -> None:
    assert parse_label_selector_yaml(text, SELECTOR_FIELD) == (selector, [])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("matchLabels: [team]\n  bad: indent", "not valid YAML at line"),
        ("- team", "must be a mapping"),
        ("team", "must be a mapping"),
        ("matchLabel: {team: ml}", "unknown key 'matchLabel'"),
        ("matchLabels: [team]", "matchLabels must be a mapping"),
        ("matchLabels: {enabled: true}", "matchLabels.enabled: true is read as a bool; quote it: 'true'"),
        ("matchLabels: {tier: 1}", "quote it: '1'"),
        ("matchLabels: {tier: null}", "expected a string, got nothing"),
        ("matchLabels: {'bad key': x}", "label key 'bad key'"),
        ("matchLabels: {team: ml/ai}", "label value 'ml/ai'"),
        ("matchLabels: {'Example.com/team': ml}", "prefix before '/'"),
        ("matchExpressions: {key: team}", "matchExpressions must be a list"),
        ("matchExpressions: [team]", "matchExpressions[0]: expected a mapping"),
        ("matchExpressions: [{key: team, operator: in, values: [ml]}]", "did you mean In?"),
        ("matchExpressions: [{key: team, operator: Equals, values: [ml]}]", "not one of In, NotIn, Exists"),
        ("matchExpressions: [{key: team, values: [ml]}]", "operator None is not one of"),
        ("matchExpressions: [{key: team, operator: In}]", "operator In needs a non-empty list of values"),
        ("matchExpressions: [{key: team, operator: NotIn, values: []}]", "NotIn needs a non-empty list"),
        ("matchExpressions: [{key: team, operator: Exists, values: [ml]}]", "Exists takes no values"),
        ("matchExpressions: [{key: team, operator: DoesNotExist, values: [ml]}]", "DoesNotExist takes no values"),
        ("matchExpressions: [{operator: Exists}]", "key is required"),
        ("matchExpressions: [{key: team, operator: In, values: ml}]", "values must be a list"),
        ("matchExpressions: [{key: team, operator: In, values: [true]}]", "matchExpressions[0].values[0]: true"),
        ("matchExpressions: [{key: team, operator: Exists, value: x}]", "unknown field 'value'"),
        ("---\na: 1\n---\nb: 2\n", "not valid YAML"),
    ],
)
def test_an_invalid_selector_is_rejected_with_a_message_naming_the_place(text: str, message: str) -> None:
    selector, errors = parse_label_selector_yaml(text, SELECTOR_FIELD)
    assert selector is None and errors
    assert all(e.field == SELECTOR_FIELD and e.blocking for e in errors)
    assert any(message in e.message for e in errors), [e.message for e in errors]


# ------------------------------------------------------------------------------------------------
# requireOptInLabel
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", None),
        ("share", None),
        ("team=ml", None),
        ("modelfs.samzong.dev/share-opt-in", None),
        ("example.com/team=ml", None),
        ("team=", "give a value after '='"),
        ("=", "give a value after '='"),
        ("a=b=", "give a value after '='"),
        ("team=ml/ai", "label value 'ml/ai'"),
        ("team=ml=ai", "label value 'ml=ai'"),
        ("bad key", "label key 'bad key'"),
        ("=ml", "cannot be empty"),
    ],
)
def test_an_opt_in_label_is_a_key_or_key_value(value: str, message: str | None) -> None:
    errors = check_opt_in_label(value, "versions[0].share.requireOptInLabel")
    assert [message in e.message for e in errors] == ([] if message is None else [True])


@pytest.mark.parametrize(("value", "warned"), [("", False), ("share", False), ("team=ml", True), ("team=", True)])
def test_an_opt_in_label_the_controller_misreads_gets_a_warning(value: str, warned: bool) -> None:
    warnings = opt_in_label_warnings(value, "f")
    assert len(warnings) == int(warned)
    assert all(w.severity is Severity.WARNING and not w.blocking for w in warnings)


# ------------------------------------------------------------------------------------------------
# Repos
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source_type", "repo", "message"),
    [
        ("HUGGING_FACE", "Qwen/Qwen2.5-0.5B", None),
        ("MODEL_SCOPE", "qwen/Qwen2.5-0.5B-Instruct", None),
        ("HUGGING_FACE", "gpt2", "expected owner/model"),
        ("HUGGING_FACE", "https://huggingface.co/Qwen/Qwen2.5", "not a URL"),
        ("HUGGING_FACE", "huggingface.co/Qwen/Qwen2.5", "not a URL"),
        ("HUGGING_FACE", "Qwen/Qwen2.5@v1", "Revision field"),
        ("HUGGING_FACE", "Qwen/Qwen2.5/extra", "expected owner/model"),
        ("S3", "my-bucket/models/qwen", None),
        ("S3", "s3://my-bucket/models/qwen", None),
        ("S3", "my-bucket", "add the path"),
        ("S3", "my-bucket/", "add the path"),
        ("S3", "My_Bucket/models", "bucket name"),
        ("GIT", "https://github.com/org/repo.git", None),
        ("GIT", "http://git.local/repo", None),
        ("GIT", "ssh://git@github.com/org/repo.git", None),
        ("GIT", "git@github.com:org/repo.git", None),
        ("GIT", "github.com/org/repo", "expected a URL"),
        ("GIT", "ftp://host/repo", "expected a URL"),
        ("HTTP", "https://example.com/model.tar.gz", None),
        ("HTTP", "https://", "expected a URL"),
        ("HTTP", "git@github.com:org/repo.git", "expected a URL"),
        ("PVC", "anything/at all", None),
        ("NFS", "/exports/models", None),
        ("CONDA", "env", None),
        ("REFERENCE", "dataset://ns/name", None),
        ("PVC", "", "is required"),
        ("FUTURE_TYPE", "whatever", None),
        ("FUTURE_TYPE", "", "the source type is not known yet"),
        ("HUGGING_FACE", " Qwen/Qwen2.5", "spaces"),
    ],
)
def test_a_repo_has_the_format_of_its_source_type(source_type: str, repo: str, message: str | None) -> None:
    errors = check_repo(source_type, repo, "versions[1].repo")
    assert [message in e.message for e in errors] == ([] if message is None else [True])
    assert all(e.field == "versions[1].repo" for e in errors)


@pytest.mark.parametrize("source_type", SOURCE_TYPES)
def test_every_placeholder_passes_its_own_check(source_type: str) -> None:
    placeholder = repo_placeholder(source_type)
    assert check_repo(source_type, placeholder, "repo") == []
    assert repo_warnings(source_type, placeholder, "repo") == []


def test_an_s3_repo_without_scheme_is_warned_about() -> None:
    (warning,) = repo_warnings("S3", "my-bucket/models", "versions[0].repo")
    assert warning.severity is Severity.WARNING and "s3://my-bucket/models" in warning.message


def test_a_source_type_must_be_known() -> None:
    assert check_source_type("S3", "type") == []
    assert "choose one of" in check_source_type("FTP", "type")[0].message
    assert check_source_type("", "type")[0].message == "is required"


# ------------------------------------------------------------------------------------------------
# Versions
# ------------------------------------------------------------------------------------------------


def version(name: str = "fp16", **fields: object) -> ModelVersion:
    values: dict[str, object] = {"name": name, "repo": "Qwen/Qwen3-8B", **fields}
    return ModelVersion(**values)  # type: ignore[arg-type]


def test_a_model_needs_a_version() -> None:
    assert check_versions([]) == [FieldError("versions", "add at least one version")]


def test_good_versions_pass() -> None:
    storage = VersionStorage(("ReadWriteMany",), {"storage": "12Gi"}, {"storage": "20Gi"}, "nfs-client")
    share = ShareConfig(True, LabelSelector({"team": "ml"}), "share")
    versions = [version(), version("int4", precision="INT4", state="ABSENT", storage=storage, share=share)]
    assert check_versions(versions, model_name="qwen3", source_type="HUGGING_FACE") == []


@pytest.mark.parametrize(
    ("bad", "field", "message"),
    [
        (version("FP16"), "versions[1].name", "lower case"),
        (version(""), "versions[1].name", "is required"),
        (version("v" * 40), "versions[1].name", "sync Job"),
        (version(repo="not a repo"), "versions[1].repo", "owner/model"),
        (version(revision=""), "versions[1].revision", "without spaces"),
        (version(revision="my branch"), "versions[1].revision", "without spaces"),
        (version(precision="FP32"), "versions[1].precision", "FP16, INT4, INT8"),
        (version(state="present"), "versions[1].state", "PRESENT or ABSENT"),
        (version(storage=VersionStorage()), "versions[1].storage.size", "is required"),
        (version(storage=VersionStorage(requests={"storage": "0"})), "versions[1].storage.size", "more than 0"),
        (version(storage=VersionStorage(requests={"storage": "12GB"})), "versions[1].storage.size", "12Gi"),
        (
            version(storage=VersionStorage(requests={"storage": "1Gi"}, limits={"storage": "x"})),
            "versions[1].storage.limits.storage",
            "not a quantity",
        ),
        (
            version(storage=VersionStorage(("ReadWriteAll",), {"storage": "1Gi"})),
            "versions[1].storage.accessModes",
            "ReadWriteOnce",
        ),
        (
            version(storage=VersionStorage(requests={"storage": "1Gi"}, storage_class_name="Fast_SSD")),
            "versions[1].storage.storageClassName",
            "lower case",
        ),
        (
            version(share=ShareConfig(True, LabelSelector(match_expressions=(LabelSelectorRequirement("a", "Has"),)))),
            "versions[1].share.namespaceSelector",
            "not one of",
        ),
        (version(share=ShareConfig(True, None, "team=")), "versions[1].share.requireOptInLabel", "value after"),
    ],
)
def test_a_bad_version_is_flagged_at_its_field(bad: ModelVersion, field: str, message: str) -> None:
    errors = check_versions([version("ok"), bad], model_name="qwen3", source_type="HUGGING_FACE")
    assert fields(errors) == [field], errors
    assert message in errors[0].message


def test_a_repeated_version_name_is_flagged_on_the_later_one() -> None:
    errors = check_versions([version("fp16"), version("int4"), version("fp16")])
    assert errors == [FieldError("versions[2].name", "'fp16' is already used by version 1")]


def test_without_a_source_type_a_repo_only_needs_to_be_given() -> None:
    assert check_versions([version(repo="anything")]) == []
    assert fields(check_versions([version(repo=" ")])) == ["versions[0].repo"]


# ------------------------------------------------------------------------------------------------
# Config rows and credentials
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([("region", "us-east-1"), ("endpoint", "https://s3")], []),
        ([("", "")], []),
        ([("", "orphan")], [("config[0].key", "a key is required")]),
        ([("region", "a"), ("region", "b")], [("config[1].key", "'region' is already used in row 1")]),
        ([(" region", "a")], [("config[0].key", "remove the spaces at the start or end")]),
        ([("a", "1"), ("", ""), ("b", "2"), ("a", "3")], [("config[3].key", "'a' is already used in row 1")]),
    ],
)
def test_config_rows_need_unique_non_empty_keys(rows: list[tuple[str, str]], expected: list[tuple[str, str]]) -> None:
    assert [(e.field, e.message) for e in check_config_rows(rows)] == expected


@pytest.mark.parametrize(
    ("row", "field", "kind"),
    [
        (("HF_TOKEN", "s3cr3t-value"), "config[0].key", "looks like a credential"),
        (("token", ""), "config[0].key", "looks like a credential"),
        (("aws_secret_access_key", "s3cr3t-value"), "config[0].key", "looks like a credential"),
        (("accessKeyId", "s3cr3t-value"), "config[0].key", "looks like a credential"),
        (("x-api-key", "s3cr3t-value"), "config[0].key", "looks like a credential"),
        (("Authorization", "s3cr3t-value"), "config[0].key", "looks like a credential"),
        (("password", "s3cr3t-value"), "config[0].key", "looks like a credential"),
        (("endpoint", "hf_abcdefghijklmnopqrstuvwxyz0123"), "config[0].value", "a Hugging Face token"),
        (("header", "AKIAIOSFODNN7EXAMPLE"), "config[0].value", "an AWS access key id"),
        (("other", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), "config[0].value", "an AWS secret access key"),
        (("url", "https://user:hunter2@example.com/x"), "config[0].value", "a URL with a password"),
        (("X-Custom", "Bearer abcdefghijklmnop"), "config[0].value", "an Authorization header"),
        (("remote", "ghp_" + "a" * 36), "config[0].value", "a GitHub token"),
    ],
)
def test_a_credential_in_config_is_warned_about_and_pointed_to_secret_ref(
    row: tuple[str, str], field: str, kind: str
) -> None:
    (warning,) = credential_warnings([row])
    assert warning.field == field and warning.severity is Severity.WARNING
    assert kind in warning.message and "secretRef" in warning.message
    assert row[1] == "" or row[1] not in warning.message


@pytest.mark.parametrize(
    "row",
    [
        ("endpoint", "https://hf-mirror.com"),
        ("commit", "0123456789abcdef0123456789abcdef01234567"),
        ("repoType", "model"),
        ("include", "*.safetensors"),
        ("keyword", "llm"),
        ("author", "qwen"),
        ("region", "us-east-1"),
        ("path", "/models/qwen3"),
        ("url", "https://example.com/a.tar.gz"),
    ],
)
def test_ordinary_config_is_not_warned_about(row: tuple[str, str]) -> None:
    assert credential_warnings([row]) == []


def test_only_errors_block_and_messages_group_by_field() -> None:
    findings = [FieldError("a", "bad"), FieldError("a", "hmm", Severity.WARNING), FieldError("b", "fyi", Severity.NOTE)]
    assert blocking(findings) == [findings[0]]
    assert messages_by_field(findings) == {"a": ["bad", "hmm"], "b": ["fyi"]}


def test_only_findings_about_an_empty_field_are_marked_required() -> None:
    assert [f.required for f in check_dns1123_name("", "name")] == [True]
    assert [f.required for f in check_dns1123_name("Bad_Name", "name")] == [False]
    assert [(f.message, f.required) for f in check_versions([])] == [("add at least one version", True)]
    assert [f.required for f in check_source_type("", "type")] == [True]
    assert [f.required for f in check_source_type("FTP", "type")] == [False]
    empty_source = [f for f in check_basics(ModelInput(name="qwen"), namespace="ml") if f.field == "sourceRef"]
    assert [f.required for f in empty_source] == [True]
