"""The rotate-secret script: run in bash against a fake kubectl that records what it is given and fails on demand."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from modelfs_lib.domain.secret_check import rotate_secret_command

FAKE_KUBECTL = r"""
import json, os, sys
args = sys.argv[1:]
record = {"args": args, "stdin": ""}
if "--dry-run=client" in args:
    data = {}
    for arg in args:
        if arg.startswith("--from-file="):
            key, path = arg[len("--from-file="):].split("=", 1)
            with open(path, "rb") as f:
                data[key] = __import__("base64").b64encode(f.read()).decode()
    sys.stdout.write(json.dumps({"apiVersion": "v1", "kind": "Secret", "data": data}))
elif "-f" in args:
    record["stdin"] = sys.stdin.read()
with open(os.environ["FAKE_LOG"], "a") as log:
    log.write(json.dumps(record) + "\n")
verb = next((a for a in args if a in ("get", "create", "replace", "apply")), "")
if verb == "get" and os.environ.get("FAKE_EXISTS") != "1":
    sys.exit(1)
if verb in os.environ.get("FAKE_FAIL", "").split(",") and "--dry-run=client" not in args:
    print("Error from server (Forbidden): fake refusal", file=sys.stderr)
    sys.exit(1)
"""

KEYS = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]
VALUES = {"NEW_AWS_ACCESS_KEY_ID": "id-Qx81", "NEW_AWS_SECRET_ACCESS_KEY": "s3cr3t value with spaces"}


def run(
    tmp_path: Path, *, env: dict[str, str], stdin: str = "", keys: list[str] = KEYS
) -> tuple[subprocess.CompletedProcess[str], list[dict[str, Any]]]:
    fake = tmp_path / "kubectl"
    fake.write_text(f"#!{sys.executable}\n{FAKE_KUBECTL}")
    fake.chmod(0o755)
    log = tmp_path / "kubectl.log"
    log.write_text("")
    script = tmp_path / "rotate.sh"
    script.write_text(rotate_secret_command("ml-team", "minio", keys))
    full_env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("NEW_", "FAKE_"))},
        "PATH": f"{tmp_path}:{os.environ['PATH']}",
        "FAKE_LOG": str(log),
        **env,
    }
    result = subprocess.run(
        ["bash", str(script)], env=full_env, input=stdin, capture_output=True, text=True, timeout=20, check=False
    )
    calls = [json.loads(line) for line in log.read_text().splitlines()]
    return result, calls


def verbs(calls: list[dict[str, Any]]) -> list[str]:
    return [next(a for a in c["args"] if a in ("get", "create", "replace", "apply")) for c in calls]


def written(calls: list[dict[str, Any]]) -> dict[str, str]:
    [write] = [c for c in calls if c["stdin"]]
    data = json.loads(write["stdin"])["data"]
    return {key: base64.b64decode(value).decode() for key, value in data.items()}


def test_an_existing_secret_is_replaced_with_the_values_and_no_value_is_on_a_command_line(tmp_path: Path) -> None:
    result, calls = run(tmp_path, env={**VALUES, "FAKE_EXISTS": "1"})
    assert result.returncode == 0, result.stderr
    assert verbs(calls) == ["get", "create", "replace"]
    assert written(calls) == {"AWS_ACCESS_KEY_ID": "id-Qx81", "AWS_SECRET_ACCESS_KEY": "s3cr3t value with spaces"}
    every_arg = " ".join(a for c in calls for a in c["args"])
    assert not any(value in every_arg for value in VALUES.values())
    assert not any(value in result.stdout + result.stderr for value in VALUES.values())
    assert "Secret ml-team/minio written." in result.stdout


def test_no_client_side_apply_keeps_a_copy_in_the_last_applied_annotation(tmp_path: Path) -> None:
    _, calls = run(tmp_path, env={**VALUES, "FAKE_EXISTS": "1"})
    assert "apply" not in verbs(calls)
    assert all("--server-side" in c["args"] for c in calls if "apply" in c["args"])


def test_a_missing_secret_is_created(tmp_path: Path) -> None:
    result, calls = run(tmp_path, env={**VALUES})
    assert result.returncode == 0, result.stderr
    assert verbs(calls) == ["get", "create", "create"]
    assert written(calls)["AWS_ACCESS_KEY_ID"] == "id-Qx81"


@pytest.mark.parametrize("exists", ["1", "0"])
def test_a_failed_write_exits_non_zero_and_says_nothing_changed(tmp_path: Path, exists: str) -> None:
    result, _ = run(tmp_path, env={**VALUES, "FAKE_EXISTS": exists, "FAKE_FAIL": "replace,create"})
    assert result.returncode != 0
    assert "Secret ml-team/minio NOT changed" in result.stderr
    assert "written." not in result.stdout


def test_values_typed_at_the_prompts_are_used_and_not_echoed(tmp_path: Path) -> None:
    result, calls = run(tmp_path, env={"FAKE_EXISTS": "1"}, stdin="typed-id\ntyped-secret\n")
    assert result.returncode == 0, result.stderr
    assert written(calls) == {"AWS_ACCESS_KEY_ID": "typed-id", "AWS_SECRET_ACCESS_KEY": "typed-secret"}
    assert "typed-" not in result.stdout + result.stderr


def test_an_empty_value_writes_nothing(tmp_path: Path) -> None:
    result, calls = run(tmp_path, env={"FAKE_EXISTS": "1"}, stdin="\n\n")
    assert result.returncode != 0
    assert "No value for AWS_ACCESS_KEY_ID: nothing changed." in result.stderr
    assert calls == []


def test_the_script_is_strict_and_keeps_a_failure_from_closing_the_users_shell() -> None:
    script = rotate_secret_command("ml-team", "minio", KEYS)
    assert script.splitlines()[2] == "( set -euo pipefail"
    assert "unset NEW_AWS_ACCESS_KEY_ID NEW_AWS_SECRET_ACCESS_KEY" in script
    assert "read -rs" in script


def test_a_non_opaque_type_is_kept_and_a_placeholder_key_offered() -> None:
    command = rotate_secret_command("ml-team", "creds", [], "kubernetes.io/basic-auth")
    assert "--type=kubernetes.io/basic-auth" in command
    assert "--from-file=KEY=<(printf '%s' \"$NEW_KEY\")" in command
    assert "Replace KEY" in command


def test_odd_key_and_object_names_are_quoted(tmp_path: Path) -> None:
    result, calls = run(tmp_path, env={"NEW_A_B": "v1", "FAKE_EXISTS": "1"}, keys=["a b"])
    assert result.returncode == 0, result.stderr
    assert written(calls) == {"a b": "v1"}
