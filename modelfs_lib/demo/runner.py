"""Run a :class:`ClusterEmulator` on 127.0.0.1 in a background thread, and point a kubeconfig at it."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

import kmock
import yaml

from modelfs_lib.demo.emulator import ClusterEmulator

DEMO_CONTEXT = "modelfs-demo"


class EmulatorThread:
    """An emulator served on a free loopback port from its own event loop thread."""

    def __init__(self, emulator: ClusterEmulator | None = None, *, port: int = 0) -> None:
        self.emulator = emulator if emulator is not None else ClusterEmulator()  # an emulator is falsy (len 0)
        self._port = port
        self._url = ""
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="modelfs-emulator", daemon=True)

    @property
    def url(self) -> str:
        """``http://127.0.0.1:<port>`` once started."""
        return self._url

    def start(self, timeout: float = 10.0) -> EmulatorThread:
        """Start serving; returns once the port is open."""
        self._thread.start()
        if not self._ready.wait(timeout):
            raise RuntimeError("the emulator did not start in time")
        if self._error is not None:
            raise RuntimeError(f"the emulator failed to start: {self._error}") from self._error
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """Stop serving and join the thread."""
        if self._loop is not None and self._stop is not None:
            self.emulator.watches.close()  # open watches end now, so the server need not wait for them
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(timeout)

    def call(self, func: Any, *args: Any) -> None:
        """Run ``func(*args)`` on the emulator's loop (for periodic simulated controllers)."""
        if self._loop is not None:
            self._loop.call_soon_threadsafe(func, *args)

    def _run(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException as e:  # reported to start()
            self._error = e
            self._ready.set()

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        async with self.emulator, kmock.Server(self.emulator, host="127.0.0.1", port=self._port or None) as server:
            self._url = f"http://127.0.0.1:{server.port}"
            self._ready.set()
            await self._stop.wait()

    def __enter__(self) -> EmulatorThread:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def kubeconfig_for(
    url: str, *, context: str = DEMO_CONTEXT, namespace: str = "", token: str = "demo-token"
) -> dict[str, Any]:
    """A kubeconfig document whose current context points at ``url``."""
    ctx: dict[str, Any] = {"cluster": context, "user": context}
    if namespace:
        ctx["namespace"] = namespace
    return {
        "apiVersion": "v1",
        "kind": "Config",
        "current-context": context,
        "preferences": {},
        "clusters": [{"name": context, "cluster": {"server": url}}],
        "contexts": [{"name": context, "context": ctx}],
        "users": [{"name": context, "user": {"token": token}}],
    }


def write_kubeconfig(url: str, path: Path, **kwargs: Any) -> Path:
    """Write :func:`kubeconfig_for` to ``path``."""
    path.write_text(yaml.safe_dump(kubeconfig_for(url, **kwargs), sort_keys=False))
    return path
