"""DemoCluster end to end, in real time: the one test here that waits on a clock."""

from __future__ import annotations

import time
from pathlib import Path

import requests
import yaml

from modelfs_lib.demo import DemoCluster

MODELS = "/apis/model.samzong.dev/v1/namespaces/ml-team/models"
AWQ = "/apis/dataset.baizeai.io/v1alpha1/namespaces/ml-team/datasets/mdl-qwen2-5-7b-instruct-awq"


def test_the_demo_cluster_serves_the_seed_and_its_controllers_move_it_on(tmp_path: Path) -> None:
    with DemoCluster(speed=20) as cluster:
        assert cluster.url.startswith("http://127.0.0.1:")
        models = requests.get(cluster.url + MODELS, timeout=5).json()["items"]
        assert len(models) == 15
        config = yaml.safe_load(cluster.write_kubeconfig(tmp_path / "kubeconfig").read_text())
        assert config["clusters"][0]["cluster"]["server"] == cluster.url
        deadline, phase = time.monotonic() + 10, ""
        while time.monotonic() < deadline and phase != "READY":
            phase = requests.get(cluster.url + AWQ, timeout=5).json()["status"]["phase"]
            time.sleep(0.1)
        assert phase == "READY"  # was PROCESSING when seeded
        assert cluster.store is cluster.emulator.store
    assert cluster.controllers._thread is None
