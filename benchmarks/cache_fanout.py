"""How many API requests N browser sessions watching one namespace cost, with and without the shared cache.

Run: python benchmarks/cache_fanout.py [sessions] [refreshes]
Prints one line per configuration: sessions, refreshes each, list requests that reached the API
server, and the median time of one page run. Uses the demo cluster's seed on a private emulator.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from modelfs_lib.demo.runner import EmulatorThread, write_kubeconfig  # noqa: E402
from modelfs_lib.demo.seed import seed  # noqa: E402

ENTRY = ROOT / "overview.py"  # the home page script (streamlit_app.py is the server entry)
MODELS_PAGE = "pages/models.py"


def measure(sessions: int, refreshes: int, ttl: str) -> tuple[int, float]:
    """List requests that reached the emulator, and the median seconds per page run."""
    with EmulatorThread() as cluster, tempfile.TemporaryDirectory() as tmp:
        seed(cluster.emulator.store)
        os.environ["KUBECONFIG"] = str(write_kubeconfig(cluster.url, Path(tmp) / "kubeconfig"))
        os.environ["MODELFS_UI_CACHE_TTL"] = ttl
        apps = [AppTest.from_file(str(ENTRY), default_timeout=60).switch_page(MODELS_PAGE) for _ in range(sessions)]
        timings = []
        for _ in range(refreshes):
            for at in apps:
                at.query_params["ns"] = "ml-team"
                started = time.perf_counter()
                at.run()
                timings.append(time.perf_counter() - started)
        lists = len(cluster.emulator.received_matching("GET", r"/namespaces/ml-team/models$"))
        return lists, statistics.median(timings)


def main() -> None:
    sessions = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    refreshes = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    print(f"{'ttl':>6} {'sessions':>8} {'refreshes':>9} {'model lists':>11} {'median run':>10}")
    for ttl in ("600", "0"):
        lists, median = measure(sessions, refreshes, ttl)
        print(f"{ttl + 's':>6} {sessions:>8} {refreshes:>9} {lists:>11} {median * 1000:>8.0f}ms")


if __name__ == "__main__":
    main()
