"""Precision check on text that is not about government: a sample of extracted names to judge.

Draws a fixed random sample of articles from a JSONL corpus (by default 300 articles of
`../shared/corpus/baomoi-2017.jsonl.gz`, `random.Random(300)`), ingests them with the real
`kg` command line into a temporary store, and prints a fixed random sample of the extracted
people and organizations (50 each by default), each with its article id and the sentences of
the article that name it, for a person to judge by `eval/ANNOTATION-GUIDE.md`.

Why a script and not a test: precision on open-domain news is judged by reading, not asserted;
the script makes the sample repeatable (same seeds, same corpus, same extraction → same list).
`--all` prints every extracted name of the sampled articles instead, with the number of articles
naming it, to look for false-positive patterns beyond the sample.

It writes only to a temporary folder (removed at the end) and to stdout.

    python -m benchmarks.precision_sample [--corpus FILE] [--articles 300] [--sample 50] [--all]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from kg.doc import Article
from kg.normalize import normalize
from kg.store import Store

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "baomoi-2017.jsonl.gz"

#: kind → (RDF class, label property) of the entities an article `schema:mentions`: the name
#: the article uses (`rdfs:label` in its graph; the canonical names are the corpus pass's).
KINDS = {
    "person": ("schema:Person", "rdfs:label"),
    "organization": ("org:Organization", "rdfs:label"),
}

QUERY = """
SELECT ?id ?name (GROUP_CONCAT(DISTINCT ?alt; separator="\\u001f") AS ?alts) WHERE {
  GRAPH ?g { ?g schema:identifier ?id ; schema:mentions ?e .
             ?e a %s ; %s ?name . OPTIONAL { ?e kg:altName ?alt } }
} GROUP BY ?id ?name
"""


def sample_lines(corpus: Path, n: int, seed: int) -> list[str]:
    """`n` lines of the corpus drawn with `random.Random(seed)`, in corpus order."""
    opener = gzip.open if corpus.suffix == ".gz" else open
    with opener(corpus, "rt", encoding="utf-8") as f:
        lines = [line for line in f if line.strip()]
    picked = sorted(random.Random(seed).sample(range(len(lines)), min(n, len(lines))))
    return [lines[i] for i in picked]


def ingest(lines: list[str], workdir: Path) -> Path:
    """Write the sample as JSONL and ingest it with the `kg` command line; the store's path."""
    sample = workdir / "sample.jsonl"
    sample.write_text("".join(lines), encoding="utf-8")
    store = workdir / "store"
    run = subprocess.run(
        [sys.executable, "-m", "kg", "--store", str(store), "ingest", str(sample)],
        capture_output=True, text=True, check=False,
    )
    if run.returncode not in (0, 3):  # 3: some lines skipped, the rest stored
        sys.exit(f"kg ingest failed ({run.returncode}): {run.stderr.strip()}")
    return store


def extracted(store: Path) -> dict[str, list[tuple[str, str, list[str]]]]:
    """kind → sorted (article id, name, other labels) of every entity an article mentions."""
    out: dict[str, list[tuple[str, str, list[str]]]] = {}
    with Store(store, read_only=True) as st:
        for kind, (cls, label) in KINDS.items():
            rows = []
            for s in st.query(QUERY % (cls, label)):
                alts = [a for a in (s["alts"].value if s["alts"] else "").split("\x1f") if a]
                rows.append((s["id"].value, s["name"].value, alts))
            out[kind] = sorted(rows)
    return out


def contexts(text_of: dict[str, str], art: str, labels: list[str], limit: int = 2) -> list[str]:
    """The first `limit` sentences of the article (normalized as kg reads it) naming a label,
    the label marked with [[…]]."""
    doc = normalize(Article(art, text_of[art]))
    found: list[str] = []
    seen: set[tuple[int, int]] = set()
    for label in sorted(set(labels), key=len, reverse=True):
        pos = doc.text.find(label)
        while pos >= 0 and len(found) < limit:
            sent = next(((s, e) for s, e in doc.sentences if s <= pos < e), None)
            s, e = sent or (max(0, pos - 120), min(len(doc.text), pos + len(label) + 120))
            if (s, e) not in seen:
                seen.add((s, e))
                line = doc.text[s:pos] + "[[" + label + "]]" + doc.text[pos + len(label) : e]
                found.append(" ".join(line.split())[:400])
            pos = doc.text.find(label, pos + len(label))
        if len(found) >= limit:
            break
    return found or ["(not found in the text)"]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--seed", type=int, default=300, help="seed of the article sample")
    ap.add_argument("--sample", type=int, default=50, help="names of each kind to draw")
    ap.add_argument("--sample-seed", type=int, default=50, help="seed of the name samples")
    ap.add_argument("--all", action="store_true", help="list every extracted name instead")
    args = ap.parse_args(argv)
    if not args.corpus.is_file():
        sys.exit(f"{args.corpus}: no such file")

    lines = sample_lines(args.corpus, args.articles, args.seed)
    text_of = {}
    for line in lines:
        rec = json.loads(line)
        text_of[str(rec["id"])] = rec["text"]
    with tempfile.TemporaryDirectory(prefix="kg-precision-") as tmp:
        found = extracted(ingest(lines, Path(tmp)))

    print(f"# {len(lines)} articles of {args.corpus.name} (seed {args.seed})")
    for kind, rows in found.items():
        arts = len({a for a, _n, _l in rows})
        print(f"\n## {kind}: {len(rows)} (article, name) pairs in {arts} articles")
        if args.all:
            counts = Counter(n for _a, n, _l in rows)
            first = {}
            for a, n, _l in rows:
                first.setdefault(n, a)
            for name in sorted(counts, key=lambda n: (-counts[n], n)):
                print(f"{counts[name]:3d}  {name}  [{first[name]}]")
            continue
        # each kind has its own generator, so one kind's pool does not move the other's sample
        picked = random.Random(f"{args.sample_seed}-{kind}").sample(
            rows, min(args.sample, len(rows))
        )
        for i, (art, name, alts) in enumerate(picked, 1):
            extra = f"  (also: {' | '.join(a for a in alts if a != name)})" if alts else ""
            print(f"\n{i:2d}. {name}  — article {art}{extra}")
            for ctx in contexts(text_of, art, [name, *alts]):
                print(f"      {ctx}")


if __name__ == "__main__":
    main()
