"""The benchmarks of issue 7, in one run, printed as one markdown table (measure, value,
target, met or not):

* the whole `baomoi-2017` corpus into the embedded store through `kg ingest`: wall time,
  articles/s, MB/s of text, peak memory of kg and its workers, the store's size;
* extraction alone against underthesea's NER pipeline on the same 200 articles, and both on
  the seed answer key (people, organizations);
* the named SPARQL queries on that store against rdflib's in-memory engine on the same
  triples;
* the Turtle export of the whole graph.

    python -m benchmarks.run [--quick] [--jobs N] [--budget S] [--work DIR] [--viz]

`--quick` takes the first 3,000 articles and 40 for the NER comparison: a check in a minute
or two, not the benchmark. Times depend on the machine and on what else runs on it, so they
are printed, not asserted (no test runs this). Needs ../shared (or $KG_SHARED) and the `bench`
extra (`pip install -e '.[bench]'`: underthesea, psutil).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
from pathlib import Path

from benchmarks import ingest_bench, ner_bench, sparql_bench
from benchmarks.table import Row, markdown

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("KG_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus" / "baomoi-2017.jsonl.gz"


def machine() -> str:
    return (f"{os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{platform.system()} {platform.machine()}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true",
                    help="3,000 articles, 40 for the NER comparison: a fast check")
    ap.add_argument("--jobs", type=int, default=None,
                    help="kg ingest --jobs (default: kg's own, all cores)")
    ap.add_argument("--work", type=Path, default=None,
                    help="keep the store and the export in this folder (default: a temporary one)")
    ap.add_argument("--budget", type=float, default=None,
                    help="seconds a SPARQL query may take in each engine before it is stopped "
                         "(default 120, --quick 20)")
    ap.add_argument("--viz", action="store_true",
                    help="then run benchmarks.bench_viz (the HTML graph in a browser)")
    args = ap.parse_args(argv)
    if not CORPUS.exists():
        sys.exit(f"benchmarks: {CORPUS} is not here (set KG_SHARED to the shared folder)")
    try:
        import psutil  # noqa: F401
        import rdflib  # noqa: F401
    except ImportError as e:
        sys.exit(f"benchmarks: {e.name} is missing: pip install -e '.[bench]'")

    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        store = work / "store"
        if store.exists():
            sys.exit(f"benchmarks: {store} exists; give an empty --work folder")
        corpus = (ingest_bench.first_articles(CORPUS, 3000, work / "baomoi-first-3000.jsonl")
                  if args.quick else CORPUS)
        rows = [Row("machine", machine() + (" (quick run)" if args.quick else ""))]
        print(f"benchmarks: ingesting {corpus.name}…", file=sys.stderr)
        rows += ingest_bench.ingest(corpus, store, args.jobs)
        print("benchmarks: exporting Turtle…", file=sys.stderr)
        export_rows, turtle = ingest_bench.export_turtle(store, work / "kg.ttl")
        print("benchmarks: extraction against underthesea…", file=sys.stderr)
        rows += ner_bench.compare(CORPUS, 40 if args.quick else 200, SHARED / "seeds",
                                  SHARED / "eval" / "gold-seeds.json",
                                  SHARED / "eval" / "score.py")
        print("benchmarks: SPARQL against rdflib…", file=sys.stderr)
        budget = args.budget or (20.0 if args.quick else 120.0)
        rows += sparql_bench.compare(store, turtle, runs=5, budget=budget)
        rows += export_rows
    print(markdown(rows))
    if args.viz:
        from benchmarks import bench_viz

        print()
        return bench_viz.main([])
    return 0


if __name__ == "__main__":
    sys.exit(main())
