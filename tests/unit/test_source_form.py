"""The ModelSource wizard: its checks run before anything is sent, and what it builds validates."""

from __future__ import annotations

import datetime as dt
import json
import shlex

import pytest

from modelfs_lib.domain.field_error import Severity, blocking
from modelfs_lib.domain.schema import validate_manifest
from modelfs_lib.domain.secret_check import check_secret
from modelfs_lib.domain.source_form import (
    SourceInput,
    build_source,
    check_source,
    lingering_paths,
    remove_paths_command,
    source_input,
    suggested_keys,
)
from modelfs_lib.errors import Forbidden, NotFound
from modelfs_lib.resources import SOURCE_TYPES, ModelSource, Secret

NOW = dt.datetime(2026, 1, 2, tzinfo=dt.UTC)
LIVE = ModelSource.from_dict(
    {
        "metadata": {"name": "hf", "namespace": "ml-team", "resourceVersion": "42", "labels": {"team": "ml"}},
        "spec": {"type": "HUGGING_FACE", "secretRef": "hf-token", "config": {"include": "*.json"}},
    }
)


def found(field: str, findings: list) -> list[tuple[str, Severity]]:  # type: ignore[type-arg]
    return [(f.message, f.severity) for f in findings if f.field == field]


def test_a_good_create_builds_a_manifest_that_validates() -> None:
    form = SourceInput("hf", "HUGGING_FACE", "hf-token", (("endpoint", "https://hf-mirror.com"), ("", "")))
    built = build_source(form, namespace="ml-team")
    assert built.errors == []
    assert built.manifest == {
        "apiVersion": "model.samzong.dev/v1",
        "kind": "ModelSource",
        "metadata": {"name": "hf", "namespace": "ml-team"},
        "spec": {"type": "HUGGING_FACE", "secretRef": "hf-token", "config": {"endpoint": "https://hf-mirror.com"}},
    }
    assert validate_manifest(built.manifest) == []


@pytest.mark.parametrize("source_type", SOURCE_TYPES)
def test_every_type_builds_a_valid_manifest(source_type: str) -> None:
    built = build_source(SourceInput("src", source_type), namespace="ml-team")
    assert built.manifest is not None and validate_manifest(built.manifest) == []


@pytest.mark.parametrize(
    ("name", "message"),
    [("", "is required"), ("My_Source", "lower case"), ("a_b", "'_'"), ("-a", "start and end")],
)
def test_a_bad_name_blocks_with_a_message_at_the_name(name: str, message: str) -> None:
    built = build_source(SourceInput(name, "GIT"), namespace="ml-team")
    assert built.manifest is None
    assert any(message in m for m, _ in found("name", built.errors))


def test_a_create_may_not_take_over_an_existing_source() -> None:
    errors = blocking(check_source(SourceInput("hf", "GIT"), taken_names={"hf"}))
    assert [e.field for e in errors] == ["name"]
    assert "already exists" in errors[0].message


def test_an_edit_keeps_the_name_and_carries_labels_and_resource_version() -> None:
    form = source_input(LIVE)
    assert form.rows == (("include", "*.json"),)
    built = build_source(form, namespace="ml-team", live=LIVE, taken_names={"hf"})
    assert built.manifest is not None
    assert built.manifest["metadata"] == {
        "name": "hf",
        "namespace": "ml-team",
        "labels": {"team": "ml"},
        "resourceVersion": "42",
    }
    renamed = check_source(SourceInput("hf2", "HUGGING_FACE"), live=LIVE)
    assert "cannot change" in found("name", renamed)[0][0]


def test_an_unknown_type_blocks() -> None:
    assert found("type", check_source(SourceInput("a", "FTP"))) == [
        ("choose one of " + ", ".join(SOURCE_TYPES), Severity.ERROR)
    ]


def test_changing_the_type_of_a_source_in_use_warns() -> None:
    findings = check_source(SourceInput("hf", "S3"), live=LIVE, referencing_models=2)
    assert found("type", findings) == [
        ("2 Models use this source: their repos must suit S3 (they were written for HUGGING_FACE)", Severity.WARNING)
    ]


def test_empty_and_duplicate_config_keys_block_at_their_rows() -> None:
    form = SourceInput("a", "GIT", rows=(("branch", "main"), ("", "x"), ("branch", "dev"), ("", "")))
    errors = blocking(check_source(form))
    assert [e.field for e in errors] == ["config[1].key", "config[2].key"]


def test_a_credential_in_config_is_a_warning_pointing_to_secret_ref() -> None:
    form = SourceInput("a", "HUGGING_FACE", rows=(("endpoint", "hf_abcdefghijklmnopqrstuvwx"), ("HF_TOKEN", "x")))
    findings = check_source(form)
    assert blocking(findings) == []
    value, key = found("config[0].value", findings), found("config[1].key", findings)
    assert value and "secretRef" in value[0][0] and value[0][1] is Severity.WARNING
    assert key and "secretRef" in key[0][0]
    assert "hf_abcdefghijklmnopqrstuvwx" not in " ".join(f.message for f in findings)


def test_keys_the_loader_does_not_read_are_warned_about_except_for_http() -> None:
    findings = check_source(SourceInput("a", "S3", rows=(("colour", "blue"), ("syncMode", "mirror"))))
    assert found("config[0].key", findings)[0][1] is Severity.WARNING
    assert "not read by the S3 loader" in found("config[0].key", findings)[0][0]
    assert found("config[1].value", findings) == [("syncMode is sync or copy", Severity.WARNING)]
    assert found("config[0].key", check_source(SourceInput("a", "HTTP", rows=(("Accept", "x"),)))) == []
    assert found("config[0].value", check_source(SourceInput("a", "GIT", rows=(("depth", "all"),))))


def test_suggested_keys_are_the_loaders_not_yet_used() -> None:
    assert suggested_keys("S3", {"region"}) == ("endpoint", "provider", "syncMode", "uri")
    assert suggested_keys("HTTP", set()) == ("uri",)


@pytest.mark.parametrize(
    ("outcome", "severity"),
    [
        (NotFound("gone", status=404), Severity.WARNING),
        (Secret.from_dict({"metadata": {"name": "s"}}), Severity.WARNING),
        (Forbidden("no", status=403), Severity.NOTE),
    ],
)
def test_a_missing_empty_or_unreadable_secret_warns_but_does_not_block(
    outcome: NotFound | Secret | Forbidden, severity: Severity
) -> None:
    check = check_secret("ml-team", "s", outcome, checked_at=NOW)
    built = build_source(SourceInput("a", "S3", "s"), namespace="ml-team", secret=check)
    assert built.manifest is not None
    assert [sev for _, sev in found("secretRef", list(built.findings))] == [severity]


def test_a_secret_ref_must_be_a_valid_name() -> None:
    assert blocking(check_source(SourceInput("a", "S3", "Bad Name")))[0].field == "secretRef"


def test_fields_another_manager_keeps_are_found_and_removable() -> None:
    sent = {"spec": {"type": "S3", "config": {"region": "x"}}}
    applied = {"spec": {"type": "S3", "secretRef": "s", "config": {"region": "x", "a/b": "1", "old": "2"}}}
    paths = lingering_paths(sent, applied)
    assert paths == ["/spec/secretRef", "/spec/config/a~1b", "/spec/config/old"]
    command = remove_paths_command("ml-team", "src", paths)
    assert command.startswith("kubectl -n ml-team patch modelsource src --type=json -p ")
    patch = json.loads(shlex.split(command)[-1])
    assert patch[1] == {"op": "remove", "path": "/spec/config/a~1b"}
    assert lingering_paths(sent, {"spec": {"type": "S3", "config": {"region": "y"}}}) == []


def test_a_key_without_a_value_is_a_warning() -> None:
    findings = check_source(SourceInput("a", "S3", rows=(("region", ""),)))
    assert blocking(findings) == []
    assert found("config[0].value", findings)[0][1] is Severity.WARNING
