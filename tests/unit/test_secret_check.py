"""The console's Secret check mirrors the controller's, and the rotate command takes values from the shell only."""

from __future__ import annotations

import datetime as dt

import pytest

from modelfs_lib.domain.secret_check import (
    SecretVerdict,
    check_secret,
    disagreement,
    shell_variables,
)
from modelfs_lib.domain.status import CredentialsState, Readiness
from modelfs_lib.errors import Forbidden, NotFound, ServerError
from modelfs_lib.resources import Secret

NOW = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
MARKER = "DEMO-SECRET-VALUE"


def secret(data: dict[str, str] | None) -> Secret:
    return Secret.from_dict({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "hf-token"}, "data": data})


def test_a_secret_with_keys_passes_and_only_its_key_names_are_kept() -> None:
    check = check_secret("ml-team", "hf-token", secret({"HF_TOKEN": "aGZf", "extra": MARKER}), checked_at=NOW)
    assert check.verdict is SecretVerdict.VALID
    assert check.passes is True
    assert check.key_names == ("HF_TOKEN", "extra")
    assert check.checked_at == NOW
    assert MARKER not in repr(check)
    assert "has 2 keys" in check.message


def test_a_secret_without_data_keys_fails_like_the_controller_says() -> None:
    check = check_secret("ml-team", "hf-token", secret(None), checked_at=NOW)
    assert check.verdict is SecretVerdict.EMPTY
    assert check.passes is False
    assert "no data keys" in check.message


def test_a_missing_secret_fails() -> None:
    check = check_secret("ml-team", "gone", NotFound("secrets gone not found", status=404), checked_at=NOW)
    assert check.verdict is SecretVerdict.MISSING
    assert check.passes is False
    assert "does not exist in ml-team" in check.message


def test_a_secret_the_user_may_not_read_is_unknown() -> None:
    check = check_secret("ml-team", "hf-token", Forbidden("forbidden", status=403), checked_at=NOW)
    assert check.verdict is SecretVerdict.FORBIDDEN
    assert check.passes is None
    assert "may not read" in check.message


def test_any_other_failure_is_unknown_and_says_why() -> None:
    check = check_secret("ml-team", "hf-token", ServerError("HTTP 500 from the API server", status=500), checked_at=NOW)
    assert check.verdict is SecretVerdict.FAILED
    assert check.passes is None
    assert "HTTP 500" in check.message


def test_no_secret_ref_is_a_public_source() -> None:
    check = check_secret("ml-team", "", None, checked_at=NOW)
    assert check.verdict is SecretVerdict.NO_SECRET
    assert check.passes is True
    assert check.message == "No secretRef: a public source, no secret needed."


@pytest.mark.parametrize(
    ("found", "controller", "expected"),
    [
        (secret({"k": "dg=="}), Readiness.NOT_READY, "passes the check now"),
        (NotFound("gone", status=404), Readiness.READY, "fails the check now"),
        (secret({"k": "dg=="}), Readiness.READY, None),
        (NotFound("gone", status=404), Readiness.NOT_READY, None),
        (Forbidden("no", status=403), Readiness.READY, None),
        (secret({"k": "dg=="}), Readiness.UNKNOWN, None),
    ],
)
def test_a_disagreement_with_the_controller_is_pointed_out(
    found: Secret | NotFound | Forbidden, controller: Readiness, expected: str | None
) -> None:
    check = check_secret("ml-team", "hf-token", found, checked_at=NOW)
    note = disagreement(check, CredentialsState(controller, "SecretInvalid", "", NOW))
    assert (note is None) if expected is None else (note is not None and expected in note)


def test_shell_variables_are_prefixed_sanitised_and_unique() -> None:
    assert shell_variables(["PATH", "access-key", "access.key", "9lives"]) == [
        "NEW_PATH",
        "NEW_ACCESS_KEY",
        "NEW_ACCESS_KEY_2",
        "NEW_9LIVES",
    ]
