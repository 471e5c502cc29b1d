"""The corpus into the embedded store, end to end, through the real command line:
`python -m kg --store DIR ingest CORPUS`, then `kg export` of the graph as Turtle.

Wall time is the command's, from start to exit (reading, extraction in worker processes,
writing, the summary); peak memory is the largest sum of the resident memory of the command
and all its worker processes, sampled ten times a second with psutil.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.table import Row, megabytes, seconds

TARGET_MB_S = 2.0
TARGET_PEAK_BYTES = 2e9


@dataclass
class Run:
    wall: float
    peak_rss: int
    stdout: str
    stderr: str
    returncode: int


def run_kg(args: list[str], *, sample_memory: bool = True) -> Run:
    """Run `python -m kg ARGS`, timing it and sampling the memory of its process tree."""
    import psutil

    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "kg", *args], stdout=out, stderr=err,
                                text=True)
        root, peak = psutil.Process(proc.pid), 0
        while proc.poll() is None:
            if sample_memory:
                peak = max(peak, _tree_rss(root, psutil))
            time.sleep(0.1)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        return Run(wall, peak, out.read(), err.read(), proc.returncode)


def _tree_rss(root, psutil) -> int:  # type: ignore[no-untyped-def]
    total = 0
    try:
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def corpus_size(path: Path) -> tuple[int, int]:
    """Articles and bytes of article text (UTF-8) in a JSONL(.gz) corpus."""
    opener = gzip.open if path.name.endswith(".gz") else open
    articles = size = 0
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                articles += 1
                size += len(json.loads(line)["text"].encode("utf-8"))
    return articles, size


def first_articles(path: Path, n: int, out: Path) -> Path:
    """The first `n` lines of a JSONL(.gz) corpus, as a JSONL file (for --quick)."""
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f, out.open("w", encoding="utf-8") as w:
        for i, line in enumerate(f):
            if i >= n:
                break
            w.write(line)
    return out


def ingest(corpus: Path, store: Path, jobs: int | None) -> list[Row]:
    articles, text_bytes = corpus_size(corpus)
    args = ["--store", str(store), "ingest", "--no-progress", str(corpus)]
    if jobs:
        args += ["--jobs", str(jobs)]
    run = run_kg(args)
    if run.returncode not in (0, 3):
        raise SystemExit(f"benchmarks: kg ingest failed ({run.returncode}): {run.stderr[-500:]}")
    mb_s = text_bytes / 1e6 / run.wall
    quads = store_size(store)
    return [
        Row(f"ingest: corpus `{corpus.name}`", f"{articles:,} articles, "
            f"{megabytes(text_bytes)} of text"),
        Row("ingest: wall time (read → extract → store)", seconds(run.wall),
            "about 60 s", run.wall <= text_bytes / 1e6 / TARGET_MB_S),
        Row("ingest: throughput", f"{articles / run.wall:,.0f} articles/s, {mb_s:.2f} MB/s",
            f"≥ {TARGET_MB_S:g} MB/s", mb_s >= TARGET_MB_S),
        Row("ingest: peak memory (kg and its workers)", megabytes(run.peak_rss),
            f"< {TARGET_PEAK_BYTES / 1e9:g} GB", run.peak_rss < TARGET_PEAK_BYTES),
        Row("ingest: store", quads),
    ]


def store_size(store: Path) -> str:
    """Articles and quads in the store, counted after the timed run (`kg ingest` reports the
    quads it wrote, not a count of the whole store)."""
    from kg.store import Store

    with Store(store, read_only=True) as st:
        return f"{st.article_count():,} articles, {len(st):,} quads"


def export_turtle(store: Path, out: Path) -> tuple[list[Row], Path]:
    run = run_kg(["--store", str(store), "export", "-o", str(out)], sample_memory=False)
    if run.returncode != 0:
        raise SystemExit(f"benchmarks: kg export failed: {run.stderr[-500:]}")
    return [Row("Turtle export of the whole graph (`kg export`)",
                f"{seconds(run.wall)}, {megabytes(out.stat().st_size)}")], out
