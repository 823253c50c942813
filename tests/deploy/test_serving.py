"""The chart's container command, run here: Streamlit starts with its flags and answers the probes.

The same command line and environment the Deployment renders, from the repository's root (the
image's WORKDIR holds the same files), with HOME in a temp directory as the pod's /tmp.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT, free_port
from tests.deploy.chart import container, env, render
from tests.deploy.dockerfile import arguments, exec_form

STARTUP_SECONDS = 60


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """The console started as the chart starts it, on a free port; yields the port."""
    port = free_port()
    rendered = render({"containerPort": port})
    command = container(rendered)["command"]
    home = tmp_path_factory.mktemp("home")
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("KUBE", "MODELFS_UI_"))}
    environ |= env(rendered) | {"HOME": str(home)}
    executable = Path(sys.executable).with_name(command[0])  # the streamlit next to this Python
    process = subprocess.Popen(
        [str(executable), *command[1:]],
        cwd=REPO_ROOT,
        env=environ,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not health(port):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                _, err = process.communicate(timeout=10)
                pytest.fail(f"the console did not start: {err.decode(errors='replace')[-2000:]}")
            time.sleep(0.25)
        yield port
    finally:
        process.terminate()
        try:
            process.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate(timeout=10)


def health(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as answer:
            return answer.status == 200 and answer.read() == b"ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def test_the_charts_command_serves_the_probes_health_endpoint(served: int) -> None:
    assert health(served)


def test_the_images_healthcheck_command_passes_against_it(served: int) -> None:
    (check,) = arguments("HEALTHCHECK")
    command = exec_form(check.partition("CMD ")[2])
    environ = dict(os.environ, STREAMLIT_SERVER_PORT=str(served))
    result = subprocess.run([sys.executable, *command[1:]], env=environ, capture_output=True, timeout=30, check=False)
    assert result.returncode == 0, result.stderr


def test_the_images_healthcheck_fails_when_nothing_answers() -> None:
    (check,) = arguments("HEALTHCHECK")
    command = exec_form(check.partition("CMD ")[2])
    environ = dict(os.environ, STREAMLIT_SERVER_PORT=str(free_port()))
    result = subprocess.run([sys.executable, *command[1:]], env=environ, capture_output=True, timeout=30, check=False)
    assert result.returncode != 0
