"""A whole demo cluster in-process: emulator + seeded objects + simulated controllers, served over HTTP."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from modelfs_lib.demo.controllers import SimulatedControllers
from modelfs_lib.demo.emulator import ClusterEmulator, EmulatorState
from modelfs_lib.demo.runner import EmulatorThread, write_kubeconfig
from modelfs_lib.demo.seed import seed
from modelfs_lib.demo.store import ObjectStore


class DemoCluster:
    """The demo: ``DemoCluster().start()`` serves a seeded cluster on 127.0.0.1 whose controllers keep running.

    ``speed`` scales the simulated controllers' clock; ``controllers=False`` keeps the seeded
    state frozen; ``seeded=False`` starts empty. ``strip_invalid_reference_label`` lets REFERENCE
    Datasets be created without the '/' label a real API server rejects (see ``model_controller``).
    """

    def __init__(
        self,
        *,
        speed: float = 1.0,
        controllers: bool = True,
        seeded: bool = True,
        port: int = 0,
        strip_invalid_reference_label: bool = False,
    ) -> None:
        self.emulator = ClusterEmulator()
        self._speed = speed
        self._strip = strip_invalid_reference_label
        self.controllers = self._new_controllers()
        self._run_controllers = controllers
        self._seeded = seeded
        self._thread = EmulatorThread(self.emulator, port=port)
        self._started = False
        self._start_state: EmulatorState | None = None

    def _new_controllers(self) -> SimulatedControllers:
        return SimulatedControllers(self.emulator.store, speed=self._speed, strip_invalid_reference_label=self._strip)

    @property
    def store(self) -> ObjectStore:
        """The object store behind the emulator."""
        return self.emulator.store

    @property
    def url(self) -> str:
        """``http://127.0.0.1:<port>`` once started."""
        return self._thread.url

    def start(self) -> DemoCluster:
        """Seed, serve, and start the controllers; returns self."""
        if self._started:
            return self
        if self._seeded:
            seed(self.store)
        self._start_state = self.emulator.snapshot()
        self._thread.start()
        if self._run_controllers:
            self.controllers.tick(dt.datetime.now(dt.UTC))
            self.controllers.start()
        self._started = True
        return self

    def reset(self) -> None:
        """Go back to the cluster as it was started (objects as old as they were then), with controllers
        that have just started: their state and clock begin afresh."""
        if not self._started or self._start_state is None:
            return
        self.controllers.stop()
        self.emulator.restore(self._start_state)
        self.controllers = self._new_controllers()
        if self._run_controllers:
            self.controllers.tick(dt.datetime.now(dt.UTC))
            self.controllers.start()

    def write_kubeconfig(self, path: Path | str, **kwargs: Any) -> Path:
        """Write a kubeconfig whose current context points at this cluster."""
        return write_kubeconfig(self.url, Path(path), **kwargs)

    def stop(self) -> None:
        """Stop the controllers and the server."""
        self.controllers.stop()
        if self._started:
            self._thread.stop()
        self._started = False

    def __enter__(self) -> DemoCluster:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
