"""The emulator uses kmock through its public API: the Namespaces paths kmock 0.8 cannot parse are
served by the emulator's own subclass, and importing the demo changes nothing inside kmock."""

from __future__ import annotations

import json
import subprocess
import sys

from modelfs_lib.demo.emulator import ClusterEmulator
from tests.demo.conftest import Api

Served = tuple[ClusterEmulator, Api]

SNAPSHOT = """
import importlib, json, pkgutil, sys
import kmock, kmock._internal
names = [m.name for m in pkgutil.iter_modules(kmock._internal.__path__) if m.name not in ("pytest", "cli")]
modules = [kmock] + [importlib.import_module(f"kmock._internal.{name}") for name in names]
def snapshot():
    return {m.__name__: {k: id(v) for k, v in vars(m).items()} for m in modules}
before = snapshot()
import modelfs_lib.demo, modelfs_lib.demo.emulator, modelfs_lib.demo.runner
modelfs_lib.demo.emulator.ClusterEmulator()
after = snapshot()
changed = sorted(
    f"{m}.{k}" for m in before for k in set(before[m]) | set(after[m]) if before[m].get(k) != after[m].get(k)
)
print(json.dumps(changed))
"""


def test_importing_the_demo_leaves_kmocks_modules_as_they_were() -> None:
    done = subprocess.run([sys.executable, "-c", SNAPSHOT], capture_output=True, text=True, timeout=120, check=True)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def test_the_namespaces_collection_and_one_namespace_are_served(served: Served) -> None:
    _, api = served
    for name in ("ml", "research"):
        assert api.post("/api/v1/namespaces", {"metadata": {"name": name}}).status_code == 201
    listed = api.get("/api/v1/namespaces")
    assert listed.status_code == 200
    assert sorted(item["metadata"]["name"] for item in listed.json()["items"]) == ["ml", "research"]
    one = api.get("/api/v1/namespaces/ml")
    assert one.status_code == 200 and one.json()["metadata"]["name"] == "ml"
    assert api.get("/api/v1/namespaces/nowhere").status_code == 404


def test_a_namespaced_path_still_names_its_namespace(served: Served) -> None:
    _, api = served
    api.post("/api/v1/namespaces", {"metadata": {"name": "ml"}})
    secret = {"metadata": {"name": "s"}, "stringData": {"k": "v"}}
    assert api.post("/api/v1/namespaces/ml/secrets", secret).status_code == 201
    assert api.get("/api/v1/namespaces/ml/secrets/s").json()["metadata"]["namespace"] == "ml"
    assert api.get("/api/v1/namespaces/ml/secrets").json()["items"][0]["metadata"]["name"] == "s"


def test_the_namespaces_are_watched_not_listed_again(served: Served) -> None:
    _, api = served
    listed = api.get("/api/v1/namespaces").json()
    api.post("/api/v1/namespaces", {"metadata": {"name": "ml"}})
    params = {"watch": "true", "resourceVersion": listed["metadata"]["resourceVersion"], "timeoutSeconds": "2"}
    response = api.session.get(f"{api.url}/api/v1/namespaces", params=params, stream=True, timeout=10)
    first = json.loads(next(response.iter_lines()))
    response.close()
    assert (first["type"], first["object"]["metadata"]["name"]) == ("ADDED", "ml")
