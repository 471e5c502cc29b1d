"""How fast the HTML graph of the seed articles is ready in a real browser.

Builds the seed graph with the real `kg` command line (`kg ingest ../shared/seeds`, then
`kg viz`) in a temporary folder, opens the page `--runs` times (default 5) in headless Debian
Chromium driven by Playwright, each time in a fresh page, and prints the median time until the
page is ready, meaning that vis-network's physics has settled and been switched off (the page's
own `kgViz.readyMs`, milliseconds since navigation start), with the number of nodes and edges
drawn. The target (issue 6) is at most 3000 ms; the script says whether it is met.

Why a script and not a test: a time depends on the machine and its load, so it is printed,
not asserted. Needs `chromium` on the PATH (`make browser` installs Debian's) and ../shared.

    python -m benchmarks.bench_viz [--runs 5] [--shared DIR] [--page FILE.html]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = Path(os.environ.get("KG_SHARED", ROOT.parent / "shared"))
TARGET_MS = 3000
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def kg(*args: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"bench_viz: kg {' '.join(args)} failed: {proc.stderr.strip()}")


def build_page(seeds: Path, work: Path) -> Path:
    store, page = work / "store", work / "seed-graph.html"
    kg("--store", str(store), "ingest", str(seeds))
    kg("--store", str(store), "viz", "-o", str(page))
    return page


def measure(html: Path, runs: int) -> tuple[list[int], list[float], dict[str, int]]:
    """(ready times the page reports, wall times from navigation to ready, what is drawn)."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        sys.exit("bench_viz: no chromium (run `make browser` to install Debian's)")
    ready: list[int] = []
    wall: list[float] = []
    drawn: dict[str, int] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            for _ in range(runs):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                t0 = time.perf_counter()
                page.goto(html.as_uri())
                page.wait_for_selector("body[data-ready=true]", state="attached", timeout=60_000)
                wall.append((time.perf_counter() - t0) * 1000)
                ready.append(page.evaluate("window.kgViz.readyMs"))
                drawn = page.evaluate("window.kgViz.drawn()")
                page.close()
        finally:
            browser.close()
    return ready, wall, drawn


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="page loads to measure (default 5)")
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED,
                    help="the shared data folder with seeds/ (default ../shared)")
    ap.add_argument("--page", type=Path, default=None,
                    help="measure this page instead of building the seed graph's")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kg-bench-viz-") as tmp:
        if args.page is not None:
            html = args.page.resolve()
        else:
            seeds = args.shared / "seeds"
            if not seeds.is_dir():
                sys.exit(f"bench_viz: {seeds} is not here (the seed articles are needed)")
            html = build_page(seeds, Path(tmp))
        ready, wall, drawn = measure(html, max(1, args.runs))
    median = statistics.median(ready)
    print(f"page              {html.name} ({html.stat().st_size:,} bytes)" if args.page
          else "page              seed graph (kg viz of ../shared/seeds)")
    print(f"drawn             {drawn['nodes']} nodes, {drawn['edges']} edges")
    print(f"runs              {len(ready)}")
    print(f"ready (median)    {median:.0f} ms  (physics stopped; runs: "
          f"{', '.join(str(r) for r in ready)} ms)")
    print(f"load to ready     {statistics.median(wall):.0f} ms median, as Playwright sees it")
    verdict = "met" if median <= TARGET_MS else "NOT met"
    print(f"target            <= {TARGET_MS} ms: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
