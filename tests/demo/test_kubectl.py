"""Every kubectl command the console prints runs against the demo cluster and exits 0.

The commands come from the domain's snippet builders, with the seeded objects' names; kubectl reads
a kubeconfig that points at the emulator (discovery with short names, OpenAPI v3 for the
server-side apply's field validation). kubectl 1.27 or newer is needed (it reads OpenAPI v3);
Debian's ``kubernetes-client`` (1.20) is too old. The ``kubectl logs job/...`` commands are not run:
the demo cluster serves no Pod logs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from modelfs_lib.demo.runner import EmulatorThread, write_kubeconfig
from modelfs_lib.demo.seed import seed
from modelfs_lib.domain.kubectl import dataset_commands, dataset_logs_command, kubectl_snippets, pvc_commands
from modelfs_lib.domain.manifest_text import kubectl_apply_command
from modelfs_lib.domain.model_versions import current_round
from modelfs_lib.domain.secret_check import rotate_secret_command, shell_variables
from modelfs_lib.domain.source_form import remove_paths_command
from modelfs_lib.resources import Dataset, ModelSource, naming
from tests.demo.builders import Cluster, version

NS = "ml-team"
QWEN = "qwen2-5-7b-instruct"
DATASET = f"mdl-{QWEN}-fp16"


@pytest.fixture(scope="module")
def cluster() -> Iterator[EmulatorThread]:
    thread = EmulatorThread().start()
    seed(thread.emulator.store)
    yield thread
    thread.stop()


@pytest.fixture
def kubectl(cluster: EmulatorThread, tmp_path: Path) -> Iterator[dict[str, str]]:
    assert shutil.which("kubectl"), "kubectl 1.27+ is needed for these tests (Debian's kubernetes-client is too old)"
    kubeconfig = write_kubeconfig(cluster.url, tmp_path / "kubeconfig", context="demo")
    yield {**os.environ, "KUBECONFIG": str(kubeconfig), "HOME": str(tmp_path)}


def run(command: str, environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", command], env=environment, capture_output=True, text=True, timeout=60)


def printed_commands(cluster: EmulatorThread) -> list[str]:
    """The commands the console prints for the seeded Qwen version and the huggingface source."""
    store = cluster.emulator.store
    dataset = Dataset.from_dict(store.get(store.rtype("dataset.baizeai.io", "datasets"), NS, DATASET))
    source = store.get(store.rtype("model.samzong.dev", "modelsources"), NS, "huggingface")
    commands = [command for _, command in kubectl_snippets(NS, DATASET, dataset.pvc_name or "", None)]
    commands += [c for c in dataset_commands(dataset) if " logs " not in c]
    commands += pvc_commands(NS, dataset.pvc_name or "")
    commands.append(kubectl_apply_command(ModelSource.from_dict(source)))
    commands.append(remove_paths_command(NS, "huggingface", ["/spec/config/include"]))
    return commands


def test_every_printed_command_exits_0_without_warnings(cluster: EmulatorThread, kubectl: dict[str, str]) -> None:
    commands = printed_commands(cluster)
    assert len(commands) >= 7
    for command in commands:
        done = run(command, kubectl)
        assert done.returncode == 0, (command, done.stderr)
        assert "Warning" not in done.stderr, (command, done.stderr)


def test_the_secret_rotation_command_replaces_the_data(cluster: EmulatorThread, kubectl: dict[str, str]) -> None:
    [variable] = shell_variables(["HF_TOKEN"])
    done = run(rotate_secret_command(NS, "hf-token", ("HF_TOKEN",), "Opaque"), {**kubectl, variable: "rotated"})
    assert done.returncode == 0, done.stderr
    store = cluster.emulator.store
    secret = store.get(store.rtype("", "secrets"), NS, "hf-token")
    assert set(secret.get("data") or {}) == {"HF_TOKEN"}


@pytest.mark.parametrize("short", ["ns", "pvc", "ev", "model", "msrc", "data", "po", "deploy"])
def test_short_names_resolve_without_warnings(short: str, kubectl: dict[str, str]) -> None:
    done = run(f"kubectl -n {NS} get {short}", kubectl)
    assert done.returncode == 0, done.stderr
    assert "Warning" not in done.stderr and "could also match" not in done.stderr


def test_the_logs_command_of_a_version_names_the_job_the_dataset_controller_ran_last() -> None:
    """After a round bump the Model controller resets ``spec.dataSyncRound`` to 1, yet round 2's Job ran:
    every logs command the version's panel prints names that Job, as the controller recorded it."""
    cluster = Cluster()
    cluster.source("hf")
    cluster.model("qwen", version("fp16", "Qwen/Qwen2.5-7B"))
    cluster.run(30)
    bump = {"spec": {"dataSyncRound": 2}}
    cluster.store.patch(cluster.datasets, "ml", "mdl-qwen-fp16", bump, patch_type="merge", manager="modelfs-ui")
    cluster.run(30)
    raw = cluster.dataset("mdl-qwen-fp16")
    assert raw is not None
    dataset = Dataset.from_dict(raw)
    assert dataset.data_sync_round == 1
    ran = [entry.job_name for entry in dataset.sync_round_statuses]
    assert ran == [naming.sync_job_name(dataset.name, 1), naming.sync_job_name(dataset.name, 2)]
    logs = f"kubectl -n ml logs job/{ran[-1]}"
    assert dataset_logs_command(dataset) == logs
    assert [c for c in dataset_commands(dataset) if " logs " in c] == [logs]
    snippets = kubectl_snippets("ml", dataset.name, dataset.pvc_name or "", current_round(dataset))
    assert [command for _, command in snippets if " logs " in command] == [logs]
