"""What the corpus pass (`kg.consolidate`) costs, and `kg validate`'s checks, on a real store.

    python -m benchmarks.consolidate_bench CORPUS [--articles N] [--jobs J] [--work DIR]
    python -m benchmarks.consolidate_bench --store DIR      # an existing store, read-mostly

With a corpus, ingests its first N articles (all with N=0) into a fresh store with `kg.ingest`
as `kg ingest --jobs J` does, and prints the ingest's wall time and the share the corpus pass
took; then, on the store, each query of the pass, a second pass (nothing left to change), the
SKOS checks of `kg validate` (through oxigraph) and the whole `kg validate` (pyshacl too), and
the counts of the acceptance lines: entities with two prefLabels in one language, prefLabels
that are also altLabels. Times depend on the machine and what else runs on it: printed, not
asserted.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import tempfile
import time
from pathlib import Path

from kg import consolidate as c
from kg import ingest as ki
from kg.store import Store
from kg.validate import skos_violations, validate

TWO_PREFLABELS = """SELECT (COUNT(*) AS ?n) WHERE { SELECT ?e WHERE { ?e skos:prefLabel ?l }
  GROUP BY ?e (lang(?l)) HAVING (COUNT(DISTINCT ?l) > 1) }"""
PREF_IS_ALT = "SELECT (COUNT(*) AS ?n) WHERE { ?e skos:prefLabel ?l ; skos:altLabel ?l }"


def _count(store: Store, q: str) -> int:
    return int(next(iter(store.query(q)))["n"].value)


def _sample(corpus: Path, n: int, work: Path) -> Path:
    if n <= 0:
        return corpus
    out = work / f"first-{n}.jsonl"
    opener = gzip.open if corpus.suffix == ".gz" else open
    with opener(corpus, "rt", encoding="utf-8") as f, open(out, "w", encoding="utf-8") as o:
        o.writelines(itertools.islice(f, n))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path)
    ap.add_argument("--articles", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--store", type=Path, default=None)
    ap.add_argument("--work", type=Path, default=None)
    ap.add_argument("--no-shacl", action="store_true", help="skip the whole kg validate")
    args = ap.parse_args()
    if args.store is None and args.corpus is None:
        ap.error("give a corpus or --store")
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-consolidate-"))
    work.mkdir(parents=True, exist_ok=True)

    if args.store is None:
        src = _sample(args.corpus, args.articles, work)
        store = Store(work / "store")
        spent: dict[str, float] = {}
        original = ki.consolidate

        def timed(s: object) -> c.ConsolidationReport:
            t = time.perf_counter()
            try:
                return original(s)
            finally:
                spent["pass"] = time.perf_counter() - t

        ki.consolidate = timed  # type: ignore[assignment]
        t0 = time.perf_counter()
        report = ki.ingest(store, [str(src)], jobs=args.jobs)
        total = time.perf_counter() - t0
        ki.consolidate = original
        print(f"ingest: {report.articles:,} articles, {report.quads:,} quads, {total:.1f} s "
              f"wall (--jobs {args.jobs}); the corpus pass {spent.get('pass', 0):.1f} s of it")
        print(f"  {report.consolidation}")
        if report.consolidation is not None:
            print("  " + ", ".join(f"{k} {v:.1f} s"
                                   for k, v in report.consolidation.seconds.items()))
    else:
        store = Store(args.store)

    for name in ("PERSON_KEYS", "ARTICLE_URLS", "PERSON_POSTS", "FORMER_POSTS", "BODY_TYPES",
                 "BODY_NAMES", "FORMS", "PLACE_FORMS", "ALT_FORMS", "OFFICIAL", "KINDS",
                 "STATED_DATES", "TITLE_DISAGREEMENTS", "CANONICAL"):
        t = time.perf_counter()
        rows = sum(1 for _ in store.query(getattr(c, name)))
        print(f"query {name}: {rows:,} rows, {time.perf_counter() - t:.2f} s")
    t = time.perf_counter()
    again = c.consolidate(store)
    print(f"a second pass: {time.perf_counter() - t:.1f} s ({again})")
    t = time.perf_counter()
    skos = skos_violations(store)
    print(f"SKOS checks (oxigraph): {time.perf_counter() - t:.1f} s, {len(skos)} violation(s)")
    print(f"entities with two prefLabels in one language: {_count(store, TWO_PREFLABELS)}; "
          f"prefLabels also altLabels: {_count(store, PREF_IS_ALT)}")
    if not args.no_shacl:
        t = time.perf_counter()
        found = validate(store)
        print(f"kg validate (pyshacl + SKOS): {time.perf_counter() - t:.1f} s, "
              f"{len(found)} violation(s)")
        for v in found[:10]:
            print(f"  {v}")
    store.close()


if __name__ == "__main__":
    main()
