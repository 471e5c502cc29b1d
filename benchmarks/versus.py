"""Today's code against an older commit of kg, on the same machine in the same run: the
issues ask that extraction and ingest be "no slower" than at a given commit, and machines
here differ in speed from day to day, so the reference is measured beside today's code.

    python -m benchmarks.versus --ref 3cb6db8                    # 600 baomoi articles
    python -m benchmarks.versus --ref 3cb6db8 -n 5000 --ingest --jobs 2 --rounds 3

The reference commit is checked out into a temporary git worktree (removed afterwards) and
both versions run as child processes with the same Python, each with its own code first on
the import path, alternately (reference, today, reference, today…), so that a machine that
slows down or speeds up during the run weighs on both alike.

- **extraction**: the CPU time (`time.process_time`) of a process that builds the N-Quads of
  each article (normalize → extract → resolve → RDF → serialized, `kg.parallel.build_article`,
  what an ingest worker does) after one warm-up article; best of `--repeat` passes.
- **ingest** (`--ingest`): the wall time of `python -m kg --store TMP ingest --jobs J FILE`
  into an empty store, the whole command, corpus pass and compaction included.

Medians over the rounds are printed, and today's time as a ratio to the reference's.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "baomoi-2017.jsonl.gz"

#: Run in a child process with one version's code first on the path: CPU seconds to build
#: every article of a JSON Lines file, best of `repeat` passes.
EXTRACT = """
import json, sys, time
from kg.doc import Article
from kg.parallel import build_article
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
arts = [Article(id=r["id"], text=r["text"], title=r.get("title"), url=r.get("url"),
                date=r.get("date"), source=r.get("source")) for r in rows]
build_article(arts[0], "warm-up")
best = None
for _ in range(int(sys.argv[2])):
    t = time.process_time()
    for a in arts:
        build_article(a, "x")
    spent = time.process_time() - t
    best = spent if best is None else min(best, spent)
print(best)
"""


def sample(corpus: Path, n: int, out: Path) -> int:
    """The first `n` articles of a corpus as a plain JSON Lines file."""
    opener = gzip.open if corpus.suffix == ".gz" else open
    with opener(corpus, "rt", encoding="utf-8") as f, out.open("w", encoding="utf-8") as w:
        rows = list(islice(f, n))
        w.writelines(rows)
    return len(rows)


def checkout(ref: str, into: Path) -> Path:
    """A worktree of `ref` (the repository's own history), with the data it ships."""
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(into), ref],
                   check=True, capture_output=True, text=True)
    return into


def extraction_seconds(code: Path, articles: Path, repeat: int) -> float:
    proc = subprocess.run([sys.executable, "-c", EXTRACT, str(articles), str(repeat)],
                          cwd=code, env=_env(code), capture_output=True, text=True, check=True)
    return float(proc.stdout.strip().splitlines()[-1])


def ingest_seconds(code: Path, articles: Path, jobs: int) -> float:
    store = Path(tempfile.mkdtemp(prefix="kg-versus-"))
    try:
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "kg", "--store", str(store / "s"), "ingest",
                        "--jobs", str(jobs), str(articles)],
                       cwd=code, env=_env(code), capture_output=True, text=True, check=True)
        return time.perf_counter() - t
    finally:
        shutil.rmtree(store, ignore_errors=True)


def _env(code: Path) -> dict[str, str]:
    import os

    env = dict(os.environ)
    env["PYTHONPATH"] = str(code)
    return env


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ref", required=True, help="the commit to compare with, e.g. 3cb6db8")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("-n", type=int, default=600, help="articles (the corpus's first n)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=2, help="extraction passes a round")
    ap.add_argument("--ingest", action="store_true", help="also time `kg ingest`")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        print(f"{args.corpus}: no such corpus (../shared beside the repository?)",
              file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="kg-versus-") as tmp:
        work = Path(tmp)
        articles = work / "articles.jsonl"
        n = sample(args.corpus, args.n, articles)
        try:
            ref = checkout(args.ref, work / "ref")
        except subprocess.CalledProcessError as e:
            print(f"{args.ref}: cannot check it out: {e.stderr.strip()}", file=sys.stderr)
            return 2
        try:
            versions = {"reference": ref, "today": ROOT}
            times: dict[tuple[str, str], list[float]] = {}
            for r in range(args.rounds):
                for name, code in versions.items():
                    t = extraction_seconds(code, articles, args.repeat)
                    times.setdefault(("extraction", name), []).append(t)
                    line = f"round {r + 1}: {name:9s} extraction {t:6.2f} s CPU"
                    if args.ingest:
                        w = ingest_seconds(code, articles, args.jobs)
                        times.setdefault(("ingest", name), []).append(w)
                        line += f", ingest {w:6.2f} s"
                    print(line, flush=True)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(ref)],
                           capture_output=True)
    print(f"\n{n} articles of {args.corpus.name}; reference {args.ref}; medians of "
          f"{args.rounds} rounds")
    for what in ("extraction", "ingest"):
        if (what, "today") not in times:
            continue
        old = statistics.median(times[(what, "reference")])
        new = statistics.median(times[(what, "today")])
        unit = "s CPU" if what == "extraction" else f"s wall, --jobs {args.jobs}"
        print(f"{what:10s} reference {old:7.2f} {unit}   today {new:7.2f}   "
              f"ratio {new / old:5.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
