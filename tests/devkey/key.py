"""Build the development answer key from its parts, at run time, from the corpus.

The key's files hold facts and ids only: names of people, bodies and places, titles, document
numbers and dates, and for each claim its speaker and the character offsets of its snippet in
the article's text (NFC). The snippets themselves are cut from
`../shared/corpus/dantri-2020.jsonl.gz` here, so no article text is in the repository.

Three sets, annotated by hand by the same rules (`../shared/eval/ANNOTATION-GUIDE.md`),
blind (before kg was run on the articles):

- `part-*.json`: the first development key (36 dantri articles), which the extractors were
  tuned on first and the test suite holds to the issues' bars;
- `dev-*.json`: the development key (the twelve articles held out in the second round, 200
  articles drawn at random across the dantri sections and baomoi in the third, and the third
  round's final split, `dev-08.json`), tuned on, scored and reported, held to no bar yet;
- `final-*.json`: this round's final split (56 articles drawn the same way, annotated first and
  read a second time), nobody tunes on it; it is scored before any tuning and at the end.
  Each round draws a new one; the old one joins the development key.

    python tests/devkey/key.py OUT.json                # the first development key
    python tests/devkey/key.py OUT.json --set dev      # dev-*.json (also: --set final)
    python tests/devkey/key.py OUT.json --final        # the final split
    python tests/devkey/key.py --import part-09.json ANNOTATION.json...
                                # annotations with snippets → a part with offsets
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).parent
CORPORA = HERE.parents[1].parent / "shared" / "corpus"
CORPUS = CORPORA / "dantri-2020.jsonl.gz"
#: Every corpus an annotated article may come from (ids do not collide: "news_…" and digits).
CORPUS_FILES = ("dantri-2020.jsonl.gz", "baomoi-2017.jsonl.gz")


#: The key's sets by name → the pattern of their files.
SETS = {"part": "part-*.json", "dev": "dev-*.json", "final": "final-*.json"}


def parts(folder: Path = HERE, pattern: str = "part-*.json") -> list[dict]:
    """Every annotated article, in file order (a later file wins for the same id)."""
    docs: dict[str, dict] = {}
    for path in sorted(folder.glob(pattern)):
        for doc in json.loads(path.read_text(encoding="utf-8")):
            docs[doc["doc"]] = doc
    return list(docs.values())


def texts(ids: set[str], corpus: Path = CORPUS) -> dict[str, str]:
    """The NFC texts of these articles, read by streaming the corpus (and the other corpora
    beside it, for ids it does not hold)."""
    out: dict[str, str] = {}
    paths = [corpus] + [corpus.parent / n for n in CORPUS_FILES if corpus.parent / n != corpus]
    for path in paths:
        if len(out) == len(ids) or not path.exists():
            continue
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                if row["id"] in ids:
                    out[row["id"]] = unicodedata.normalize("NFC", row["text"])
    return out


def write_articles(ids: set[str], out: Path, corpus: Path = CORPUS) -> Path:
    """The corpus lines of these articles (from `corpus` and the corpora beside it) as one
    JSONL file, for `kg ingest`."""
    paths = [corpus] + [corpus.parent / n for n in CORPUS_FILES if corpus.parent / n != corpus]
    with out.open("w", encoding="utf-8") as o:
        for path in paths:
            if not path.exists():
                continue
            with gzip.open(path, "rt", encoding="utf-8") as f:
                for line in f:
                    if json.loads(line)["id"] in ids:
                        o.write(line)
    return out


def snippet_offsets(text: str, snippet: str) -> tuple[int, int] | None:
    """Where an annotator's snippet stands in the article: verbatim, else word for word with
    any white space between the words (the checker compares with white space folded)."""
    start = text.find(snippet)
    if start >= 0:
        return start, start + len(snippet)
    words = snippet.split()
    m = re.search(r"\s+".join(map(re.escape, words)), text) if words else None
    return (m.start(), m.end()) if m else None


def from_snippets(annotations: list[dict], corpus: Path = CORPUS) -> list[dict]:
    """Annotations in the guide's format (claims with snippets) as key parts (claims with
    offsets), so that no article text goes into the repository. A snippet not found is an
    error naming the article."""
    text = texts({a["doc"] for a in annotations}, corpus)
    out = []
    for a in annotations:
        a = dict(a)
        claims = []
        for c in a.get("claims", []):
            at = snippet_offsets(text[a["doc"]], unicodedata.normalize("NFC", c["snippet"]))
            if at is None:
                raise ValueError(f"{a['doc']}: snippet not in the article: {c['snippet']!r}")
            claims.append({"speaker": c["speaker"], "at": list(at)})
        a["claims"] = claims
        out.append(a)
    return out


def materialize(
    corpus: Path = CORPUS, folder: Path = HERE, pattern: str = "part-*.json"
) -> list[dict]:
    """The key in the answer-key format of gold-seeds.json, snippets cut from the corpus."""
    docs = parts(folder, pattern)
    text = texts({d["doc"] for d in docs}, corpus)
    out = []
    for d in docs:
        d = dict(d)
        claims = []
        for c in d.get("claims", []):
            start, end = c["at"]
            claims.append({"speaker": c["speaker"], "snippet": text[d["doc"]][start:end]})
        d["claims"] = claims
        out.append(d)
    return out


def main(argv: list[str]) -> int:
    if argv[:1] == ["--import"]:
        if len(argv) < 3:
            print("usage: python tests/devkey/key.py --import OUT.json ANNOTATION.json...",
                  file=sys.stderr)
            return 2
        anns = []
        for path in argv[2:]:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            anns += data if isinstance(data, list) else [data]
        part = from_snippets(sorted(anns, key=lambda a: a["doc"]))
        Path(argv[1]).write_text(json.dumps(part, ensure_ascii=False, indent=1), "utf-8")
        return 0
    name = "final" if "--final" in argv else "part"
    args = [a for a in argv if a != "--final"]
    if "--set" in args:
        i = args.index("--set")
        name = args[i + 1] if i + 1 < len(args) else ""
        del args[i : i + 2]
    if len(args) != 1 or name not in SETS:
        print("usage: python tests/devkey/key.py OUT.json [--set part|dev|final]", file=sys.stderr)
        return 2
    key = materialize(pattern=SETS[name])
    Path(args[0]).write_text(json.dumps(key, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
