"""How fast the HTML graph is ready in a real browser: of the seed articles, or the overview
of a whole corpus.

Builds the graph with the real `kg` command line (`kg ingest ../shared/seeds`, or with
`--corpus FILE` that corpus, `--jobs 1`; then `kg viz`, which draws a graph past the cap as an
overview of its most central actors) in a temporary folder, opens the page `--runs` times
(default 5) in headless Debian Chromium driven by Playwright, each time in a fresh page, and
prints the median time until the page is ready, meaning that vis-network's physics has settled
and been switched off (the page's own `kgViz.readyMs`, milliseconds since navigation start),
with the number of nodes and edges drawn and how long `kg viz` took to write the page. The
target (issue 6) is at most 3000 ms; the script says whether it is met.

Why a script and not a test: a time depends on the machine and its load, so it is printed,
not asserted. Needs `chromium` on the PATH (`make browser` installs Debian's) and ../shared.

    python -m benchmarks.bench_viz [--runs 5] [--shared DIR] [--page FILE.html]
    python -m benchmarks.bench_viz --corpus ../shared/corpus/dantri-2020.jsonl.gz
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


def kg(*args: str) -> str:
    """Run the real command line; its stderr (the summary line)."""
    proc = subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"bench_viz: kg {' '.join(args)} failed: {proc.stderr.strip()}")
    return proc.stderr.strip()


def build_page(source: Path, work: Path) -> tuple[Path, float, str]:
    """Ingest `source` and draw it: (the page, seconds `kg viz` took, what it said)."""
    store, page = work / "store", work / f"{source.name.split('.')[0]}-graph.html"
    kg("--store", str(store), "ingest", "--jobs", "1", str(source))
    t0 = time.perf_counter()
    said = kg("--store", str(store), "viz", "-o", str(page))
    return page, time.perf_counter() - t0, said


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
    ap.add_argument("--corpus", type=Path, default=None,
                    help="ingest this corpus (a .jsonl.gz, a folder…) instead of the seeds")
    args = ap.parse_args(argv)
    written, said = None, ""
    with tempfile.TemporaryDirectory(prefix="kg-bench-viz-") as tmp:
        if args.page is not None:
            html = args.page.resolve()
            what = f"{html.name} ({html.stat().st_size:,} bytes)"
        else:
            source = args.corpus or args.shared / "seeds"
            if not source.exists():
                sys.exit(f"bench_viz: {source} is not here")
            html, written, said = build_page(source, Path(tmp))
            what = f"kg viz of {source.name} ({html.stat().st_size:,} bytes)"
        ready, wall, drawn = measure(html, max(1, args.runs))
    median = statistics.median(ready)
    print(f"page              {what}")
    if written is not None:
        print(f"kg viz            {written:.1f} s to write the page: {said}")
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
