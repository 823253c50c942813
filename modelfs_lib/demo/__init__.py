"""The demo cluster: an emulated API server, seeded content and simulated controllers.

``from modelfs_lib.demo import DemoCluster`` (imported lazily, so ``modelfs_lib.demo.store`` and
friends stay cheap to import on their own).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from modelfs_lib.demo.cluster import DemoCluster

__all__ = ["DemoCluster"]


def __getattr__(name: str) -> Any:
    if name == "DemoCluster":
        from modelfs_lib.demo.cluster import DemoCluster

        return DemoCluster
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
