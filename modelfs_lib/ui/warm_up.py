"""Start-up warm-up: import what the pages need once, when the console starts, not in the first browser session.

``streamlit_app.py`` runs :func:`lifespan` as the server starts. It imports the modules behind the pages (the
shell, the Models and ModelSources views, pandas, pyarrow, the kubernetes client) in a thread before the
server answers (its health check included), at most :data:`WAIT_SECONDS`, so that no visitor waits ~1 s for
them. It runs no Streamlit command and opens no connection to
any cluster; an import that fails is logged and skipped, and nothing here can stop the console from starting.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import sys
import time
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from typing import Any

from modelfs_lib.ui.settings import load_settings

log = logging.getLogger("modelfs_lib.ui.warm_up")

MODULES = (
    "pandas",
    "pyarrow",
    "PIL.Image",  # Streamlit opens the page icon with it
    "modelfs_lib.client",
    "modelfs_lib.ui.shell",
    "modelfs_lib.ui.overview",
    "modelfs_lib.ui.history",
    "modelfs_lib.ui.models.list.view",
    "modelfs_lib.ui.models.detail.view",
    "modelfs_lib.ui.models.wizard.view",
    "modelfs_lib.ui.sources.list_view",
    "modelfs_lib.ui.sources.detail_view",
    "modelfs_lib.ui.sources.wizard",
    "modelfs_lib.ui.sources.delete_dialog",
)
"""What the pages import (``overview.py`` and ``pages/``), in the order the first pages need them."""
WAIT_SECONDS = 5.0
"""How long the server's start waits for the warm-up (it takes ~1 s); past that it starts, the imports go on."""
DEMO_MODULES = ("modelfs_lib.demo.cluster",)
"""The embedded demo cluster's code, imported (never started) only when the console runs on it."""


def modules_to_import(argv: Sequence[str] | None = None) -> tuple[str, ...]:
    """The modules to warm up: :data:`MODULES`, and :data:`DEMO_MODULES` when the settings ask for the demo."""
    try:
        demo = load_settings(argv).demo
    except Exception:  # the pages report bad settings; the warm-up only skips the demo modules
        demo = False
    return MODULES + DEMO_MODULES if demo else MODULES


def import_modules(names: Iterable[str]) -> list[str]:
    """Import each of ``names``; returns the ones that failed (each logged, none raised)."""
    failed = []
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:
            log.warning(
                "warm-up: importing %s failed; the page that needs it will import it again", name, exc_info=True
            )
            failed.append(name)
    return failed


def warm_up(names: Iterable[str] | None = None) -> float:
    """Import ``names`` (default :func:`modules_to_import`) and log how long it took; returns the seconds."""
    started = time.perf_counter()
    failed = import_modules(modules_to_import(sys.argv[1:]) if names is None else names)
    seconds = time.perf_counter() - started
    log.info("warm-up: imported the pages' modules in %.2f s%s", seconds, f" ({len(failed)} failed)" if failed else "")
    return seconds


def _log_failure(task: asyncio.Task[float]) -> None:
    """Log what ended the warm-up other than success (each import's own failure is logged already)."""
    if not task.cancelled() and task.exception() is not None:
        log.warning("warm-up ended early", exc_info=task.exception())


@asynccontextmanager
async def lifespan(_app: Any, names: Iterable[str] | None = None) -> AsyncIterator[None]:
    """``st.App``'s lifespan: runs :func:`warm_up` in a thread and lets the server start once it is done.

    An import that hangs holds the start back at most :data:`WAIT_SECONDS`; the server then starts and the
    imports go on beside it (a session arriving meanwhile waits only for the module being imported, Python's
    import lock, and never imports anything twice). The server's shutdown does not wait for it.
    """
    task: asyncio.Task[float] | None = None
    try:
        task = asyncio.get_running_loop().create_task(asyncio.to_thread(warm_up, names))
        task.add_done_callback(_log_failure)
        await asyncio.wait({task}, timeout=WAIT_SECONDS)
    except Exception:
        log.warning("warm-up could not start", exc_info=True)
    try:
        yield
    finally:
        if task is not None and not task.done():
            task.cancel()  # the thread finishes on its own; only the waiting stops
