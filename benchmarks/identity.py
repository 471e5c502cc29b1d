"""Identity check: do two names that a person judged to be one entity resolve to one node, and
two namesakes to two?

`benchmarks/identity-pairs.json` holds hand-judged pairs: a name in one article and a name in
another (article ids of ../shared/corpus/dantri-2020 and baomoi-2017), and whether they are the
same real person or body. This script takes the articles the pairs need out of the corpora,
ingests them with the real command line into a fresh store, finds each name's node in its
article's graph (by any of its names: the canonical ones and those the articles use) and
scores the pairs:

* a pair judged the same and resolved to one node is a true positive, to two a false negative
  (a name not found at all is a false negative too);
* a pair judged different and resolved to one node is a false positive.

Pairwise precision = TP / (TP + FP), recall = TP / (TP + FN); printed for all pairs and without
the pairs marked `needs: corpus-merge` (short names and other spellings in other articles,
which only a corpus-level merge can join), then for each way the pairs were drawn (`sample`:
hand-picked, or drawn at random from the graph), with every pair that fails.

    python -m benchmarks.identity                 # ingest into a temporary store, then score
    python -m benchmarks.identity --store DIR     # keep (or reuse) the store in DIR
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kg.rdf import article_iri
from kg.store import Store

ROOT = Path(__file__).resolve().parent.parent
PAIRS = Path(__file__).with_name("identity-pairs.json")
CORPORA = {
    "dantri": ROOT.parent / "shared" / "corpus" / "dantri-2020.jsonl.gz",
    "baomoi": ROOT.parent / "shared" / "corpus" / "baomoi-2017.jsonl.gz",
}
#: The nodes an article mentions, with every name the graph gives them.
NODES = """SELECT DISTINCT ?x ?n WHERE { GRAPH %s { ?a schema:mentions ?x }
  ?x schema:name|skos:prefLabel|skos:altLabel|rdfs:label|kg:altName ?n }"""


@dataclass
class Side:
    corpus: str
    article: str
    name: str

    @classmethod
    def of(cls, raw: list[str]) -> Side:
        corpus, _, article = raw[0].partition(":")
        return cls(corpus, article, raw[1])


def needed(pairs: list[dict]) -> dict[str, set[str]]:
    """Corpus → the article ids the pairs name."""
    out: dict[str, set[str]] = {}
    for pair in pairs:
        for side in (Side.of(pair["a"]), Side.of(pair["b"])):
            out.setdefault(side.corpus, set()).add(side.article)
    return out


def extract_articles(want: dict[str, set[str]], out: Path) -> int:
    """Copy the wanted articles' lines out of the corpora into one JSONL file (in a temporary
    folder: article text is not kept)."""
    n = 0
    with out.open("w", encoding="utf-8") as dst:
        for corpus, ids in sorted(want.items()):
            path = CORPORA[corpus]
            if not path.exists():
                sys.exit(f"identity: {path} is not here (the corpora are read from ../shared)")
            left = set(ids)
            with gzip.open(path, "rt", encoding="utf-8") as src:
                for line in src:
                    if not left:
                        break
                    art = json.loads(line)
                    if art.get("id") in left:
                        left.discard(art["id"])
                        dst.write(line if line.endswith("\n") else line + "\n")
                        n += 1
            if left:
                sys.exit(f"identity: {corpus} has no article {sorted(left)[0]}")
    return n


def nodes(store: Store, side: Side) -> set[str]:
    """The nodes named `side.name` in the graph of `side.article`."""
    graph = str(article_iri(side.article))  # oxigraph's own serialization of the IRI
    return {s["x"].value for s in store.query(NODES % graph) if s["n"].value == side.name}


def score(rows: list[tuple[dict, bool]]) -> tuple[float, float, int, int, int]:
    tp = sum(1 for pair, joined in rows if pair["same"] and joined)
    fp = sum(1 for pair, joined in rows if not pair["same"] and joined)
    fn = sum(1 for pair, joined in rows if pair["same"] and not joined)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, tp, fp, fn


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", type=Path, help="store folder to build (or reuse)")
    args = ap.parse_args(argv)
    pairs = json.loads(PAIRS.read_text(encoding="utf-8"))["pairs"]
    with tempfile.TemporaryDirectory(prefix="kg-identity-") as tmp:
        store_dir = args.store or Path(tmp) / "store"
        if not (store_dir / "CURRENT").exists():
            articles = Path(tmp) / "articles.jsonl"
            n = extract_articles(needed(pairs), articles)
            print(f"ingesting {n} articles the {len(pairs)} pairs name …", flush=True)
            subprocess.run([sys.executable, "-m", "kg", "--store", str(store_dir), "ingest",
                            "--jobs", "1", str(articles)], check=True, stdout=subprocess.DEVNULL)
        rows: list[tuple[dict, bool]] = []
        failed: list[str] = []
        with Store(store_dir, read_only=True) as store:
            for pair in pairs:
                a, b = Side.of(pair["a"]), Side.of(pair["b"])
                na, nb = nodes(store, a), nodes(store, b)
                joined = bool(na & nb)
                rows.append((pair, joined))
                if joined != pair["same"]:
                    why = ("not found: " + ", ".join(
                        f"{s.name!r} in {s.article}" for s, found in ((a, na), (b, nb))
                        if not found)) if not (na and nb) else (
                        "two nodes" if pair["same"] else "one node")
                    kind = "FN" if pair["same"] else "FP"
                    tag = " [corpus-merge]" if pair.get("needs") else ""
                    failed.append(f"  {kind}{tag} {a.name} ({a.corpus}:{a.article}) ~ {b.name} "
                                  f"({b.corpus}:{b.article}): {why}; judged: {pair['why']}")
    same = sum(1 for p in pairs if p["same"])
    print(f"{len(pairs)} pairs: {same} judged the same entity, {len(pairs) - same} different")
    for label, subset in (
        ("all pairs", rows),
        ("without corpus-merge pairs", [r for r in rows if not r[0].get("needs")]),
    ):
        p, r, tp, fp, fn = score(subset)
        print(f"{label:28} precision {p:.3f}  recall {r:.3f}  (TP {tp}, FP {fp}, FN {fn}; "
              f"targets: precision >= 0.98, recall >= 0.90)")
    # Each way the pairs were drawn on its own: hand-picked pairs, and random draws from the
    # graph (the pairs of one name on two nodes are the candidates for a false negative by
    # construction, so their recall is no estimate of the corpus's).
    for sample in sorted({pair.get("sample", "") for pair, _ in rows}):
        subset = [r for r in rows if r[0].get("sample", "") == sample]
        p, r, tp, fp, fn = score(subset)
        print(f"  {len(subset):3} {sample or 'hand-picked'}: precision {p:.3f}  recall {r:.3f}  "
              f"(TP {tp}, FP {fp}, FN {fn})")
    print(f"{len(failed)} pair(s) fail:" if failed else "every pair holds")
    print("\n".join(failed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
