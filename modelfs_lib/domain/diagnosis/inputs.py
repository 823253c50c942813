"""What the engine reads about one Model. ``None`` means "could not be read": checks that need it are skipped."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from modelfs_lib.resources.dataset import Dataset
from modelfs_lib.resources.event import Event
from modelfs_lib.resources.model import Model
from modelfs_lib.resources.model_source import ModelSource
from modelfs_lib.resources.namespace import Namespace
from modelfs_lib.resources.pvc import PersistentVolumeClaim


@dataclass(frozen=True)
class ModelEvidence:
    """A Model and what surrounds it.

    ``source``: its ModelSource, or None when it does not exist (``sources_read`` False: unknown).
    ``datasets``: Datasets of the Model's namespace. ``references``: REFERENCE Datasets found in other
    namespaces. ``events``: Events about the Model. ``namespaces``: every namespace (labels decide sharing).
    """

    model: Model
    now: dt.datetime
    source: ModelSource | None = None
    sources_read: bool = False
    datasets: Sequence[Dataset] | None = None
    references: Sequence[Dataset] | None = None
    namespaces: Sequence[Namespace] | None = None
    pvcs: Sequence[PersistentVolumeClaim] | None = None
    events: Sequence[Event] | None = None
    sibling_models: Sequence[str] = field(default=())

    def dataset(self, name: str) -> Dataset | None:
        """The Dataset of that name in the Model's namespace, when Datasets were read and it exists."""
        return next((d for d in self.datasets or () if d.name == name), None)
