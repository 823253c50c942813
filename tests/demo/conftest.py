"""Fixtures for the demo cluster tests: a store, a seeded store, and a fresh emulator served over HTTP."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from modelfs_lib.demo.emulator import ClusterEmulator
from modelfs_lib.demo.runner import EmulatorThread
from modelfs_lib.demo.seed import seed
from modelfs_lib.demo.store import ObjectStore

SEED_TIME = dt.datetime(2025, 6, 1, 12, 0, 0, tzinfo=dt.UTC)


@pytest.fixture
def store() -> ObjectStore:
    """An empty store serving the built-in types and the CRDs."""
    return ObjectStore()


@pytest.fixture(scope="module")
def seeded_module() -> tuple[ObjectStore, list[dict[str, Any]]]:
    """One seeded store per module (seeded at SEED_TIME); tests must not modify it."""
    store = ObjectStore()
    return store, seed(store, now=SEED_TIME)


class Api:
    """A tiny HTTP client for the emulator: paths are relative to its URL."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.session = requests.Session()

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        content_type: str = "application/json",
        params: dict[str, str] | None = None,
    ) -> requests.Response:
        """Send ``body`` as JSON with ``content_type``."""
        data = None if body is None else json.dumps(body)
        headers = {"Content-Type": content_type} if body is not None else {}
        return self.session.request(method, self.url + path, data=data, headers=headers, params=params, timeout=10)

    def get(self, path: str, **params: str) -> requests.Response:
        """GET with query parameters."""
        return self.request("GET", path, params=params or None)

    def post(self, path: str, body: Any, **params: str) -> requests.Response:
        """POST a JSON body."""
        return self.request("POST", path, body, params=params or None)

    def put(self, path: str, body: Any, **params: str) -> requests.Response:
        """PUT a JSON body."""
        return self.request("PUT", path, body, params=params or None)

    def merge(self, path: str, body: Any, **params: str) -> requests.Response:
        """PATCH with a JSON merge patch."""
        return self.request("PATCH", path, body, content_type="application/merge-patch+json", params=params or None)

    def apply(self, path: str, body: Any, **params: str) -> requests.Response:
        """PATCH with a server-side apply body."""
        return self.request("PATCH", path, body, content_type="application/apply-patch+yaml", params=params or None)

    def delete(self, path: str, body: Any = None) -> requests.Response:
        """DELETE, optionally with DeleteOptions."""
        return self.request("DELETE", path, body)


@pytest.fixture
def served() -> Iterator[tuple[ClusterEmulator, Api]]:
    """A fresh emulator on a loopback port, and a client for it."""
    emulator = ClusterEmulator()
    thread = EmulatorThread(emulator).start()
    api = Api(thread.url)
    try:
        yield emulator, api
    finally:
        api.session.close()
        thread.stop()
