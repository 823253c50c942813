"""Objects and received requests of the emulated cluster a page test runs against."""

from __future__ import annotations

from typing import Any

from modelfs_lib.demo.emulator import ReceivedRequest
from modelfs_lib.demo.runner import EmulatorThread


def add_namespace(cluster: EmulatorThread, name: str, **labels: str) -> None:
    """Create a namespace in the emulated cluster."""
    store = cluster.emulator.store
    store.create(store.rtype("", "namespaces"), {"metadata": {"name": name, "labels": labels}})


def add_object(cluster: EmulatorThread, manifest: dict[str, object], *, namespace: str = "") -> dict[str, object]:
    """Create any object (status kept) in the emulated cluster."""
    store = cluster.emulator.store
    return store.create(store.rtype_of(manifest), manifest, namespace=namespace, keep_status=True)


def requests(cluster: EmulatorThread, method: str, path: str) -> list[ReceivedRequest]:
    """The requests with this method whose path matches the regex ``path``."""
    return cluster.emulator.received_matching(method, path)


def writes(cluster: EmulatorThread) -> list[ReceivedRequest]:
    """Every PATCH and POST received."""
    return cluster.emulator.received_matching("PATCH", ".") + cluster.emulator.received_matching("POST", ".")


def real_patches(cluster: EmulatorThread, path: str) -> list[ReceivedRequest]:
    """The PATCHes (not dry runs) whose path matches the regex ``path``."""
    return [r for r in requests(cluster, "PATCH", path) if r.params.get("dryRun") != "All"]


def stored(cluster: EmulatorThread, group: str, plural: str, namespace: str, name: str) -> dict[str, Any] | None:
    """An object as the emulator stores it now, or None."""
    store = cluster.emulator.store
    return store.find(store.rtype(group, plural), namespace, name)
