"""How long each interaction of a fixed tour of the console takes, click to settled, in a real browser.

Run: python benchmarks/tour.py [--port 8661] [--profile /tmp/tour.txt] [--screenshots DIR]

Serves the console on its own demo cluster (``MODELFS_UI_DEMO=1 streamlit run streamlit_app.py``),
drives Debian's chromium through the steps of :mod:`benchmarks.tour_steps` and, for each, measures
from the action to the moment the page settled: Streamlit's script state is not running, no status
widget is shown, the step's expected content is visible, and the DOM (length and hash of
``document.body.innerHTML``, polled from here) has not changed for 150 ms. The time reported is when
the DOM last changed (the 150 ms quiet window is not counted). Auto-refresh is off
(``MODELFS_UI_REFRESH_SECONDS=0``) so that timer reruns do not land inside a measurement.
Prints each step's time, then p50, p95, max and the five slowest, against the targets
p50 <= 0.5 s and p95 <= 1 s. With ``--profile``, py-spy samples the server during the tour and the
hottest functions are printed. Timings on a shared machine are noisy.
"""

from __future__ import annotations

import argparse
import collections
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

from benchmarks.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from benchmarks.tour_steps import NS, TOUR, Tour, close_page_not_found  # noqa: E402

TARGET_P50, TARGET_P95 = 0.5, 1.0
QUIET_S = 0.15
POLL_S = 0.02
STEP_TIMEOUT_MS = 30_000

_STATE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const running = (app && app.getAttribute('data-test-script-state') === 'running')
    || document.querySelector('[data-testid="stStatusWidget"]') !== null;
  const html = document.body.innerHTML;
  let hash = 0;
  for (let i = 0; i < html.length; i += 7) { hash = (hash * 31 + html.charCodeAt(i)) | 0; }
  return [running, html.length, hash];
}"""


def wait_settled(page: Page, *, timeout_s: float = 20.0) -> float:
    """Wait until the app is not running and the DOM has not changed for :data:`QUIET_S`; when it last changed."""
    deadline = time.perf_counter() + timeout_s
    last_signature: tuple[int, int] | None = None
    last_change = time.perf_counter()
    while time.perf_counter() < deadline:
        running, length, digest = page.evaluate(_STATE_JS)
        now = time.perf_counter()
        signature = (length, digest)
        if running or signature != last_signature:
            last_signature, last_change = signature, now
        elif now - last_change >= QUIET_S:
            return last_change
        time.sleep(POLL_S)
    return time.perf_counter()


def serve(port: int, log: Path) -> subprocess.Popen[bytes]:
    """The console on its own demo cluster at 127.0.0.1:``port``, once it answers its health check."""
    command = [
        sys.executable, "-m", "streamlit", "run", "streamlit_app.py",
        "--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(port),
        "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    env = {**os.environ, "MODELFS_UI_DEMO": "1", "MODELFS_UI_REFRESH_SECONDS": "0"}
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as answer:
                if answer.read().strip() == b"ok":
                    return process
        except OSError:
            time.sleep(0.25)
    process.terminate()
    raise SystemExit(f"the console did not start; see {log}")


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (``share`` in 0..1)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))]


def run_tour(base_url: str, screenshots: Path | None) -> list[tuple[str, float | None, str]]:
    """Walk the tour once; (step, seconds or None, error) per step."""
    results: list[tuple[str, float | None, str]] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1600})
        page.set_default_timeout(STEP_TIMEOUT_MS)
        page.goto(f"{base_url}/models?ns={NS}")  # warm-up, not measured: the first run builds caches and informers
        expect(page.get_by_test_id("stMain").get_by_role("heading", name="Models", exact=True)).to_be_visible(
            timeout=60_000
        )
        wait_settled(page)
        tour = Tour(page, base_url, f"tour-{uuid.uuid4().hex[:6]}")
        for index, step in enumerate(TOUR, 1):
            error = ""
            start = time.perf_counter()
            try:
                step.act(tour)
                close_page_not_found(tour)
                expect(step.expect(tour)).to_be_visible(timeout=STEP_TIMEOUT_MS)
                settled = wait_settled(page)
                if close_page_not_found(tour):
                    settled = wait_settled(page)
                elapsed: float | None = settled - start
            except Exception as e:  # a failed step is reported, the tour goes on
                elapsed, error = None, f"{type(e).__name__}: {str(e).splitlines()[0][:160]}"
                wait_settled(page)
            if screenshots is not None:
                page.screenshot(path=str(screenshots / f"{index:02d}.png"), full_page=True)
            results.append((step.name, elapsed, error))
            shown = f"{elapsed:6.3f} s" if elapsed is not None else "  FAILED"
            print(f"{index:2d}. {shown}  {step.name}{'  ' + error if error else ''}", flush=True)
        browser.close()
    return results


def summary(results: list[tuple[str, float | None, str]]) -> None:
    """p50, p95, max and the five slowest steps, against the targets."""
    timed = [(name, t) for name, t, _ in results if t is not None]
    times = [t for _, t in timed]
    failed = [name for name, t, _ in results if t is None]
    if not times:
        print("no step completed")
        return
    p50, p95 = statistics.median(times), percentile(times, 0.95)
    print(f"\n{len(times)} interactions timed, {len(failed)} failed")
    print(f"p50 {p50:.3f} s (target <= {TARGET_P50} s: {'met' if p50 <= TARGET_P50 else 'NOT met'})")
    print(f"p95 {p95:.3f} s (target <= {TARGET_P95} s: {'met' if p95 <= TARGET_P95 else 'NOT met'})")
    print(f"max {max(times):.3f} s")
    print("slowest five:")
    for name, t in sorted(timed, key=lambda item: -item[1])[:5]:
        print(f"  {t:6.3f} s  {name}")
    for name in failed:
        print(f"  FAILED: {name}")


def hottest(raw: Path, limit: int = 25) -> None:
    """From py-spy's collapsed stacks: the functions of this repository with the most samples (self+children)."""
    inclusive: collections.Counter[str] = collections.Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not count_text.isdigit():
            continue
        count = int(count_text)
        total += count
        frames = {
            f
            for f in stack.split(";")
            if "modelfs_lib" in f or "pages/" in f or "streamlit_app" in f or "overview.py" in f
        }
        for frame in frames:
            inclusive[frame] += count
    print(f"\npy-spy: {total} samples of the server; functions of the console by inclusive share:")
    for frame, count in inclusive.most_common(limit):
        print(f"  {100 * count / max(total, 1):5.1f}%  {frame}")


def main() -> None:
    """Serve, tour, report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8661)
    parser.add_argument("--profile", type=Path, help="py-spy collapsed stacks of the server go here")
    parser.add_argument("--screenshots", type=Path, help="a full-page PNG after each step goes here")
    parser.add_argument("--url", help="tour a console already served there (its own demo cluster!) instead")
    args = parser.parse_args()
    if args.url:
        summary(run_tour(args.url.rstrip("/"), args.screenshots))
        return
    if args.screenshots is not None:
        args.screenshots.mkdir(parents=True, exist_ok=True)
    log = Path(tempfile.mkdtemp(prefix="tour-")) / "streamlit.log"
    server = serve(args.port, log)
    spy: subprocess.Popen[bytes] | None = None
    try:
        if args.profile is not None:
            spy = subprocess.Popen(
                ["py-spy", "record", "--pid", str(server.pid), "--rate", "200", "--format", "raw",
                 "--output", str(args.profile), "--nonblocking", "--threads"],
                stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
            )  # fmt: skip
        summary(run_tour(f"http://127.0.0.1:{args.port}", args.screenshots))
    finally:
        if spy is not None:
            spy.send_signal(2)
            spy.wait(timeout=30)
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    if args.profile is not None and args.profile.exists():
        hottest(args.profile)


if __name__ == "__main__":
    main()
