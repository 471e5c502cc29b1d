"""Where extraction time goes: each extractor's time on the first N articles of a corpus.

    python -m benchmarks.bench_extractors                      # 200 dantri-2020 articles
    python -m benchmarks.bench_extractors --corpus FILE.jsonl.gz -n 500 --repeat 5

The articles are normalized once; then every run extracts them all again, component after
component, in the pipeline's order (each component reads what the earlier ones found, as in
`kg.extract.extract`), and the median of the runs is printed for each component, in
milliseconds for the whole set and microseconds an article. An extractor's rules grow with
what it must find (programs, this round); this shows what they cost beside the others, where
`benchmarks.ner_bench` shows the whole against the peer NER.
"""

from __future__ import annotations

import argparse
import statistics
import time
from itertools import islice
from pathlib import Path

from kg.doc import Article
from kg.extract import COMPONENTS
from kg.normalize import normalize
from kg.read import Problem, read_jsonl

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dantri-2020.jsonl.gz"


def articles(corpus: Path, n: int) -> list[Article]:
    return [a for a in islice(read_jsonl(corpus), n) if not isinstance(a, Problem)]


def run_once(docs: list[Article]) -> dict[str, float]:
    """Seconds each component took over all the articles, in one extraction."""
    spent = {name: 0.0 for name, _ in COMPONENTS}
    for a in docs:
        doc = normalize(a)
        for name, component in COMPONENTS:
            t = time.perf_counter()
            component(doc)
            spent[name] += time.perf_counter() - t
    return spent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("-n", type=int, default=200, help="articles (default 200)")
    ap.add_argument("--repeat", type=int, default=5, help="runs; the median is printed")
    a = ap.parse_args(argv)
    if not a.corpus.exists():
        print(f"bench_extractors: {a.corpus}: no such file")
        return 2
    docs = articles(a.corpus, a.n)
    run_once(docs[:5])  # word lists compiled, caches warm
    runs = [run_once(docs) for _ in range(max(1, a.repeat))]
    print(f"{len(docs)} articles of {a.corpus.name}, median of {len(runs)} runs")
    print(f"{'component':20} {'ms':>9} {'µs/article':>11}")
    total = 0.0
    for name, _ in COMPONENTS:
        med = statistics.median(r[name] for r in runs)
        total += med
        print(f"{name:20} {med * 1000:9.1f} {med * 1e6 / len(docs):11.0f}")
    print(f"{'all extractors':20} {total * 1000:9.1f} {total * 1e6 / len(docs):11.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
