"""The simulated modelfs and Dataset controllers of the demo cluster.

``tick(now)`` is one deterministic pass for tests: ModelSources, then Datasets, then Models, then
Datasets again. The Dataset controller sees a change to a Dataset before the Model controller
does (so a console bump of ``spec.dataSyncRound`` starts its round before the Model controller
resets the counter), and a Dataset the Model controller creates is picked up in the same tick.
The first tick takes the objects already reconciled before it (seeded state) as seen, so only
what changes afterwards is reconciled, as by controllers that have been running all along;
``start()`` runs it about every ``1 / speed`` seconds on a daemon thread. Every write goes
through the store, as field manager "modelfs-controller" or "dataset-controller", with status
written through the status subresource. See the module docstrings of ``source_controller``,
``model_controller`` and ``dataset_controller`` for the behaviour and the quirks modelled.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading

from modelfs_lib.demo.dataset_controller import DatasetController
from modelfs_lib.demo.model_controller import ModelController
from modelfs_lib.demo.source_controller import ModelSourceController
from modelfs_lib.demo.store import ObjectStore

log = logging.getLogger("modelfs_lib.demo.controllers")


class SimulatedControllers:
    """The ModelSource, Model and Dataset controllers, stepped together."""

    def __init__(self, store: ObjectStore, *, speed: float = 1.0, strip_invalid_reference_label: bool = False) -> None:
        self.store = store
        self.speed = speed if speed > 0 else 1.0
        self.sources = ModelSourceController(store, speed=self.speed)
        self.models = ModelController(
            store, speed=self.speed, strip_invalid_reference_label=strip_invalid_reference_label
        )
        self.datasets = DatasetController(store, speed=self.speed)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._observed = False

    def tick(self, now: dt.datetime | None = None) -> None:
        """One reconcile pass of every controller at time ``now`` (default: the current UTC time)."""
        now = now or dt.datetime.now(dt.UTC)
        if not self._observed:
            self._observed = True
            for observer in (self.sources, self.models):
                try:
                    observer.observe_existing()
                except Exception:  # the demo must keep running whatever the store holds
                    log.exception("%s: observing the existing objects failed", type(observer).__name__)
        passes: tuple[DatasetController | ModelController | ModelSourceController, ...] = (
            self.sources,
            self.datasets,
            self.models,
            self.datasets,
        )
        for controller in passes:
            try:
                controller.reconcile_all(now)
            except Exception:  # the demo must keep running whatever one pass hits
                log.exception("%s: reconcile pass failed", type(controller).__name__)

    def start(self) -> SimulatedControllers:
        """Tick every ``1 / speed`` seconds on a daemon thread until :meth:`stop`."""
        if self._thread is None or not self._thread.is_alive():
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="modelfs-demo-controllers", daemon=True)
            self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        """Stop ticking and join the thread."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.is_set():
            self.tick()
            self._stop.wait(1.0 / self.speed)
