"""How the Models page holds up with thousands of Models: one run, every figure next to its target.

Run: python benchmarks/scale.py [--models N] [--sessions K] [--quick] [--port P] [--window S]

Seeds a private emulator straight into its store with N Models of 3 versions each (and their
Datasets) in one namespace, serves the console with ``streamlit run`` against it, and drives
Debian's chromium with 1 and then K sessions on the Models page. Prints: the raw LIST + JSON
decode of the same data and the floor of the first-row figure (a bare Streamlit page with one
200-row table, benchmarks/floor_app.py, in the same chromium): the baselines, measured in this
run; the cold open to the first row (with where its time went),
the rerun after a filter change, the console's RSS after K sessions, API requests per page load,
LIST and WATCH requests per minute with 1 and K sessions (counted at the emulator), and the delay
between a change made through the API and its appearance in an open page.

A benchmark, not a test: pytest collects tests/ only. Timings on a shared machine are noisy.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, Page, WebSocket, sync_playwright  # noqa: E402
from playwright.sync_api import Error as PlaywrightError  # noqa: E402

from benchmarks.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from modelfs_lib.demo.emulator import ReceivedRequest  # noqa: E402
from modelfs_lib.demo.runner import EmulatorThread, write_kubeconfig  # noqa: E402
from modelfs_lib.demo.store import ObjectStore  # noqa: E402
from modelfs_lib.resources import Dataset, Model  # noqa: E402

NS = "scale"
SOURCE = "hf"
VERSIONS = ("fp16", "int8", "int4")
FIRST_CELL = '[data-testid="stDataFrame"] [data-testid="glide-cell-1-0"]'
"""The first row's Name cell in the dataframe's accessible grid (glide-data-grid draws on a canvas)."""
TARGETS = {"first_row": 1.5, "rss": 300.0, "change": 2.0, "lists": 0.0}
EXTRA_ENV: dict[str, str] = {}
"""More environment for the console (experiments)."""
LIST_PATH = re.compile(r"/(models|modelsources|datasets|namespaces|persistentvolumeclaims|events|deployments|pods)$")


# ---- seeding ---------------------------------------------------------------------------------
def _when(minutes_ago: int) -> str:
    return (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=minutes_ago)).strftime("%Y-%m-%dT%H:%M:%SZ")


def model_name(i: int) -> str:
    """The i-th seeded Model's name."""
    return f"model-{i:05d}"


def _phase(i: int, j: int) -> str:
    if i % 97 == 0 and j == 0:
        return "FAILED"
    if i % 41 == 0 and j == 1:
        return "PROCESSING"
    return "READY"


def seed(store: ObjectStore, models: int) -> None:
    """Write a namespace, a ModelSource, ``models`` Models x 3 versions and their Datasets into ``store``."""
    store.create(store.rtype("", "namespaces"), {"metadata": {"name": NS}})
    store.create(
        store.rtype("model.samzong.dev", "modelsources"),
        {
            "apiVersion": "model.samzong.dev/v1",
            "kind": "ModelSource",
            "metadata": {"name": SOURCE},
            "spec": {"type": "HUGGING_FACE", "config": {"endpoint": "https://huggingface.co"}},
            "status": {"conditions": [{"type": "CredentialsReady", "status": "True", "reason": "NoSecret"}]},
        },
        namespace=NS,
        keep_status=True,
        validate_schema=False,
    )
    model_type = store.rtype("model.samzong.dev", "models")
    dataset_type = store.rtype("dataset.baizeai.io", "datasets")
    for i in range(models):
        name = model_name(i)
        synced = [
            {
                "name": v,
                "observedState": "PRESENT",
                "activeDataset": f"mdl-{name}-{v}",
                "phase": _phase(i, j),
                "pvcName": f"dataset-mdl-{name}-{v}",
                "lastSyncTime": _when(i % 600 + j),
                "conditions": [{"type": "Ready", "status": "True", "reason": "SyncSucceeded", "message": "ok"}],
            }
            for j, v in enumerate(VERSIONS)
        ]
        created = store.create(
            model_type,
            {
                "apiVersion": "model.samzong.dev/v1",
                "kind": "Model",
                "metadata": {"name": name, "namespace": NS, "labels": {"team": f"team-{i % 7}"}},
                "spec": {
                    "sourceRef": SOURCE,
                    "versions": [
                        {
                            "name": v,
                            "repo": f"org-{i % 13}/model-{i}",
                            "revision": "main",
                            "state": "PRESENT",
                            "storage": {"resources": {"requests": {"storage": "20Gi"}}},
                        }
                        for v in VERSIONS
                    ],
                    "display": {"description": f"Seeded Model {i}", "tags": [f"family-{i % 11}", "bench"]},
                },
                "status": {"observedGeneration": 1, "syncedVersions": synced},
            },
            namespace=NS,
            keep_status=True,
            validate_schema=False,
        )
        owner = {
            "apiVersion": "model.samzong.dev/v1",
            "kind": "Model",
            "name": name,
            "uid": created["metadata"]["uid"],
            "controller": True,
            "blockOwnerDeletion": True,
        }
        for j, v in enumerate(VERSIONS):
            store.create(
                dataset_type,
                {
                    "apiVersion": "dataset.baizeai.io/v1alpha1",
                    "kind": "Dataset",
                    "metadata": {"name": f"mdl-{name}-{v}", "namespace": NS, "ownerReferences": [owner]},
                    "spec": {
                        "source": {"type": "HUGGING_FACE", "uri": f"huggingface://org-{i % 13}/model-{i}"},
                        "volumeClaimTemplate": {"spec": {"resources": {"requests": {"storage": "20Gi"}}}},
                        "dataSyncRound": 1,
                    },
                    "status": {
                        "phase": _phase(i, j),
                        "lastSucceedRound": 1,
                        "pvcName": f"dataset-mdl-{name}-{v}",
                        "syncRoundStatuses": [{"round": 1, "succeed": _phase(i, j) != "FAILED"}],
                    },
                },
                namespace=NS,
                keep_status=True,
                validate_schema=False,
            )


# ---- counting requests at the emulator -------------------------------------------------------
@dataclass
class Counts:
    """Requests that reached the emulator in a window."""

    lists: collections.Counter[str] = field(default_factory=collections.Counter)
    watches: collections.Counter[str] = field(default_factory=collections.Counter)
    other: int = 0

    @property
    def total(self) -> int:
        """Every request."""
        return sum(self.lists.values()) + sum(self.watches.values()) + self.other


def classify(requests: list[ReceivedRequest]) -> Counts:
    """LISTs and WATCHes by resource, and the rest (access reviews, GETs by name, discovery)."""
    counts = Counts()
    for r in requests:
        found = LIST_PATH.search(r.path) if r.method == "GET" else None
        if found is None:
            counts.other += 1
        elif r.params.get("watch") in ("true", "1"):
            counts.watches[found.group(1)] += 1
        else:
            counts.lists[found.group(1)] += 1
    return counts


class TimedLog(collections.deque[ReceivedRequest]):
    """The emulator's log of requests, noting when each arrived (``time.perf_counter``)."""

    def __init__(self) -> None:
        super().__init__()
        self.times: list[float] = []

    def append(self, request: ReceivedRequest) -> None:
        """Log ``request`` and its time."""
        self.times.append(time.perf_counter())
        super().append(request)


class Recorder:
    """Every request the emulator received, unbounded (its own log keeps the last 5000), with its time."""

    def __init__(self, cluster: EmulatorThread) -> None:
        self._received = TimedLog()
        cluster.emulator.received = self._received

    def first(self, after: float, method: str, path: str, *, watch: bool = False, paging: bool = False) -> float | None:
        """When the first request matching ``path`` (a regex) arrived after ``after``; None if none did.

        ``paging``: only a LIST's later page (one with a ``continue`` token).
        """
        for at, r in zip(self._received.times, list(self._received), strict=False):
            is_watch = r.params.get("watch") in ("true", "1")
            is_paging = bool(r.params.get("continue"))
            if (
                at >= after
                and r.method == method
                and re.search(path, r.path)
                and is_watch == watch
                and is_paging == paging
            ):
                return at
        return None

    def mark(self) -> int:
        """A position to count from."""
        return len(self._received)

    def since(self, mark: int) -> Counts:
        """What arrived since ``mark``."""
        return classify(list(self._received)[mark:])


# ---- the baseline ------------------------------------------------------------------------------
def raw_list(url: str, plural: str, group: str, limit: int = 0) -> tuple[float, int]:
    """Seconds for one LIST of ``plural`` in the namespace (its first ``limit`` only) plus ``json.loads``; its size."""
    started = time.perf_counter()
    query = f"?limit={limit}" if limit else ""
    with urllib.request.urlopen(f"{url}/apis/{group}/namespaces/{NS}/{plural}{query}") as response:
        body = response.read()
    json.loads(body)
    return time.perf_counter() - started, len(body)


def parse_seconds(url: str) -> float:
    """Seconds to turn the decoded Models and Datasets into typed objects (what the cache holds)."""
    with urllib.request.urlopen(f"{url}/apis/model.samzong.dev/v1/namespaces/{NS}/models") as response:
        models = json.loads(response.read())["items"]
    with urllib.request.urlopen(f"{url}/apis/dataset.baizeai.io/v1alpha1/namespaces/{NS}/datasets") as response:
        datasets = json.loads(response.read())["items"]
    started = time.perf_counter()
    for item in models:
        Model.from_dict(item)
    for item in datasets:
        Dataset.from_dict(item)
    return time.perf_counter() - started


# ---- the console -------------------------------------------------------------------------------
@contextmanager
def console(
    kubeconfig: Path, port: int, log: Path, script: str = "streamlit_app.py"
) -> Iterator[subprocess.Popen[bytes]]:
    """``streamlit run streamlit_app.py`` (or ``script``) against the emulator, until the block ends."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MODELFS_UI_")}
    env.update(KUBECONFIG=str(kubeconfig), MODELFS_UI_DEMO_FALLBACK="0", **EXTRA_ENV)
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        script,
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"the console did not start; see {log}") from None
                time.sleep(0.2)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


def rss_mib(process: subprocess.Popen[bytes]) -> float:
    """Resident memory of the console process, MiB (VmRSS in /proc)."""
    for row in Path(f"/proc/{process.pid}/status").read_text().splitlines():
        if row.startswith("VmRSS:"):
            return int(row.split()[1]) / 1024
    return float("nan")


def open_models(browser: Browser, base: str, marks: dict[str, float] | None = None) -> tuple[Page, float]:
    """A new session on the Models page; seconds from navigation to the first row in the table.

    ``marks`` gets when navigation started, the page's first server message arrived and the table
    element appeared (``time.perf_counter``).
    """
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    marks = {} if marks is None else marks

    def on_socket(socket: WebSocket) -> None:
        socket.on("framereceived", lambda _: marks.setdefault("first message", time.perf_counter()))

    page.on("websocket", on_socket)
    started = marks["navigation"] = time.perf_counter()
    page.goto(f"{base}/models?ns={NS}", timeout=60_000)
    page.wait_for_selector('[data-testid="stDataFrame"]', state="attached", timeout=60_000)
    marks["table element"] = time.perf_counter()
    page.wait_for_selector(FIRST_CELL, state="attached", timeout=60_000)
    marks["first row"] = time.perf_counter()
    return page, time.perf_counter() - started


def floor(browser: Browser, port: int, runs: int = 3) -> list[float]:
    """Seconds from navigation to the first row of benchmarks/floor_app.py (a bare 200-row table), fresh each time."""
    times = []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        started = time.perf_counter()
        page.goto(f"http://127.0.0.1:{port}/", timeout=60_000)
        page.wait_for_selector(FIRST_CELL, state="attached", timeout=60_000)
        times.append(time.perf_counter() - started)
        context.close()
    return times


def cpu_seconds(process: subprocess.Popen[bytes]) -> float:
    """CPU time (user + system) the process has used so far, seconds."""
    fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def settled(page: Page, models: int) -> None:
    """Wait until the page's list caption is there (the run that draws the table has finished)."""
    page.get_by_text(f"{models} Models", exact=False).first.wait_for(timeout=120_000)


def search(page: Page, text: str, expect_caption: str) -> float:
    """Type ``text`` into the name search; seconds until ``expect_caption`` shows (the rerun)."""
    box = page.get_by_role("textbox", name="Search names")
    started = time.perf_counter()
    box.fill(text)
    box.press("Enter")
    page.get_by_text(expect_caption, exact=False).first.wait_for(timeout=120_000)
    return time.perf_counter() - started


def patch_phase(url: str, name: str, phase: str) -> None:
    """Change every version's phase of Model ``name`` through the API (a merge patch of its status)."""
    path = f"{url}/apis/model.samzong.dev/v1/namespaces/{NS}/models/{name}"
    with urllib.request.urlopen(path) as response:
        synced = json.loads(response.read())["status"]["syncedVersions"]
    body = json.dumps({"status": {"syncedVersions": [{**s, "phase": phase} for s in synced]}}).encode()
    request = urllib.request.Request(
        f"{path}/status", data=body, method="PATCH", headers={"Content-Type": "application/merge-patch+json"}
    )
    with urllib.request.urlopen(request):
        pass


def until(check: Callable[[], bool], timeout: float) -> float:
    """Seconds until ``check`` holds (``timeout`` if it never does)."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if check():
            return time.perf_counter() - started
        time.sleep(0.05)
    return timeout


def cold_timeline(recorder: Recorder, marks: dict[str, float]) -> list[tuple[str, float | None]]:
    """Where the cold open's time went: seconds from navigation to each step, as the emulator and browser saw it."""
    start = marks["navigation"]
    models = rf"/namespaces/{NS}/models$"

    def since(at: float | None) -> float | None:
        return None if at is None else at - start

    return [
        ("first server message (the session opened)", since(marks.get("first message"))),
        ("first request of the page (the script runs)", since(recorder.first(start, "GET", r"/api/v1/namespaces$"))),
        ("Models LIST asked (first page of 500)", since(recorder.first(start, "GET", models))),
        ("second page asked (first page read and parsed)", since(recorder.first(start, "GET", models, paging=True))),
        ("table element in the page", since(marks.get("table element"))),
        ("first row in the table", since(marks.get("first row"))),
        ("whole Models LIST read (WATCH asked)", since(recorder.first(start, "GET", models, watch=True))),
        ("Datasets LIST asked (findings)", since(recorder.first(start, "GET", r"/datasets$"))),
        ("every Model in the table (count caption)", since(marks.get("settled"))),
    ]


def _count_caption(page: Page) -> str:
    """The list's count caption as the page shows it now ("500 Models read so far; ..." while the LIST is read)."""
    found = page.get_by_text(re.compile(r"^\d+ (of \d+ )?Models( read so far; .*| shown\.|\.)$")).first
    try:
        return (found.text_content(timeout=5_000) or "").strip()
    except PlaywrightError:
        return ""


def per_minute(counts: Counts, seconds: float) -> tuple[float, float]:
    """LIST and WATCH requests per minute."""
    scale = 60.0 / seconds
    return sum(counts.lists.values()) * scale, sum(counts.watches.values()) * scale


# ---- the report ------------------------------------------------------------------------------
def verdict(value: float, target: float) -> str:
    """'met' when ``value`` is within ``target``."""
    return "met" if value <= target else "NOT met"


def line(label: str, value: str, target: str = "", result: str = "") -> None:
    """One figure of the report."""
    print(f"  {label:<46} {value:>16}  {target:<16} {result}")


def describe(counts: Counts) -> str:
    """``models 1, datasets 2`` style breakdown."""
    parts = [f"{k} {v}" for k, v in sorted(counts.lists.items())]
    return ", ".join(parts) or "none"


def run(models: int, sessions: int, port: int, window: float) -> None:
    """The whole benchmark, printing as it goes."""
    print(f"modelfs-ui scale benchmark: {models} Models x {len(VERSIONS)} versions (+{models * 3} Datasets)")
    load = os.getloadavg()[0]
    print(f"in namespace {NS}, {sessions} sessions, {window:.0f} s windows; load average at the start: {load:.1f}")
    with EmulatorThread() as cluster, tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        seed(cluster.emulator.store, models)
        print(f"  seeded in {time.perf_counter() - started:.1f} s")
        recorder = Recorder(cluster)
        models_list = [raw_list(cluster.url, "models", "model.samzong.dev/v1") for _ in range(3)]
        datasets_list = [raw_list(cluster.url, "datasets", "dataset.baizeai.io/v1alpha1") for _ in range(3)]
        first_page = [raw_list(cluster.url, "models", "model.samzong.dev/v1", limit=500) for _ in range(3)]
        parsing = parse_seconds(cluster.url)
        kubeconfig = write_kubeconfig(cluster.url, Path(tmp) / "kubeconfig")
        log = Path(tmp) / "console.log"
        base = f"http://127.0.0.1:{port}"
        floor_log = Path(tmp) / "floor.log"
        with (
            console(kubeconfig, port + 1, floor_log, script="benchmarks/floor_app.py"),
            console(kubeconfig, port, log) as process,
            sync_playwright() as p,
        ):
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            floors = floor(browser, port + 1)
            mark = recorder.mark()
            marks: dict[str, float] = {}
            page, cold = open_models(browser, base, marks)
            first_caption = _count_caption(page)
            settled(page, models)
            marks["settled"] = time.perf_counter()
            timeline = cold_timeline(recorder, marks)
            time.sleep(2)
            load = recorder.since(mark)
            target = model_name(models // 2)
            rerun = search(page, target, f"1 of {models} Models shown")
            back = search(page, "", f"{models} Models.")
            search(page, target, f"1 of {models} Models shown")

            name_cell = page.locator('[data-testid="stDataFrame"] [data-testid="glide-cell-1-0"]')
            status_cell = page.locator('[data-testid="stDataFrame"] [data-testid="glide-cell-2-0"]')
            until(lambda: (name_cell.text_content() or "").strip() == target, 60.0)
            if (status_cell.text_content() or "").strip() != "Ready":
                raise RuntimeError(f"{target} does not read Ready before the change: {status_cell.text_content()}")
            patch_phase(cluster.url, target, "FAILED")
            change = until(lambda: (status_cell.text_content() or "").strip() == "Failed", 30.0)

            mark = recorder.mark()
            time.sleep(window)
            one = recorder.since(mark)

            warm: list[float] = []
            pages = [page]
            for _ in range(sessions - 1):
                try:
                    extra, seconds = open_models(browser, base)
                    settled(extra, models)
                except PlaywrightError as e:  # chromium starved on a loaded machine: report, keep the rest
                    print(f"  session {len(pages) + 1} did not load: {str(e).splitlines()[0]}")
                    break
                warm.append(seconds)
                pages.append(extra)
            mark = recorder.mark()
            used = cpu_seconds(process)
            time.sleep(window)
            idle_cpu = (cpu_seconds(process) - used) / window
            many = recorder.since(mark)
            rss = rss_mib(process)
            loaded_floors = floor(browser, port + 1)
            browser.close()

    lists_one, watches_one = per_minute(one, window)
    lists_many, watches_many = per_minute(many, window)
    print()
    print(f"  {'figure':<46} {'measured':>16}  {'target':<16} result")
    line("raw LIST + JSON decode, Models (median of 3)", f"{statistics.median(t for t, _ in models_list):.2f} s")
    line("raw LIST + JSON decode, Datasets (median of 3)", f"{statistics.median(t for t, _ in datasets_list):.2f} s")
    line("  bodies", f"{models_list[0][1] / 2**20:.1f}+{datasets_list[0][1] / 2**20:.1f} MiB")
    line("raw LIST + JSON decode, first 500 Models (median)", f"{statistics.median(t for t, _ in first_page):.2f} s")
    line("parse into typed objects, Models + Datasets", f"{parsing:.2f} s")
    first_row_target = TARGETS["first_row"]
    line(
        f"floor: bare Streamlit page, 200-row table (median of {len(floors)})",
        f"{statistics.median(floors):.2f} s",
        "(no console code)",
    )
    line(
        "cold open to first row (fresh console)",
        f"{cold:.2f} s",
        f"<= {first_row_target:g} s",
        verdict(cold, first_row_target),
    )
    if warm:
        line(
            f"floor again, with {len(pages)} console sessions open (median)",
            f"{statistics.median(loaded_floors):.2f} s",
            "(no console code)",
        )
        median_warm = statistics.median(warm)
        line(
            f"new session to first row (median of {len(warm)})",
            f"{median_warm:.2f} s",
            f"<= {first_row_target:g} s",
            verdict(median_warm, first_row_target),
        )
    line("  the count caption at the first row", first_caption or "-")
    for label, at in timeline:
        line(f"  {label}", "-" if at is None else f"{at:.2f} s")
    line("rerun: name filter to 1 row shown", f"{rerun:.2f} s")
    line("rerun: filter cleared, all rows shown", f"{back:.2f} s")
    rss_target = TARGETS["rss"]
    line(
        f"RSS of the console after {len(pages)} sessions",
        f"{rss:.0f} MiB",
        f"<= {rss_target:g} MiB",
        verdict(rss, rss_target),
    )
    line(f"console CPU while {len(pages)} sessions sit open", f"{idle_cpu:.0%} of a core")
    line("API requests for the first page load", f"{load.total}")
    line("  of which LIST", describe(load))
    line("  of which WATCH", f"{sum(load.watches.values())}")
    change_target = TARGETS["change"]
    line(
        "change through the API visible in the page",
        f"{change:.2f} s",
        f"<= {change_target:g} s",
        verdict(change, change_target),
    )
    windows = (("1 session", one, lists_one, watches_one), (f"{len(pages)} sessions", many, lists_many, watches_many))
    for label, counts, lists, watches in windows:
        watched = sum(counts.lists[k] for k in ("models", "modelsources", "datasets", "namespaces"))
        line(
            f"LIST of watched kinds per minute, {label}",
            f"{watched * 60.0 / window:.1f}",
            "0 (watch holds)",
            verdict(watched, TARGETS["lists"]),
        )
        line(f"  every LIST per minute, {label}", f"{lists:.1f}", describe(counts))
        line(f"  WATCH requests per minute, {label}", f"{watches:.1f}")
        line(f"  other requests per minute, {label}", f"{counts.other * 60.0 / window:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=int, default=5000, help="Models to seed (default 5000)")
    parser.add_argument("--sessions", type=int, default=10, help="browser sessions at the end (default 10)")
    parser.add_argument("--quick", action="store_true", help="500 Models and 20 s windows, to try it fast")
    parser.add_argument("--port", type=int, default=8610, help="the console's port (default 8610)")
    parser.add_argument("--window", type=float, default=None, help="seconds each request count lasts (default 60)")
    args = parser.parse_args()
    models = 500 if args.quick and args.models == 5000 else args.models
    window = args.window if args.window is not None else (20.0 if args.quick else 60.0)
    run(models, max(1, args.sessions), args.port, window)


if __name__ == "__main__":
    main()
