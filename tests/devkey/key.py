"""Build the development answer key from its parts, at run time, from the corpus.

The key's files hold facts and ids only: names of people, bodies and places, titles, document
numbers and dates, and for each claim its speaker and the character offsets of its snippet in
the article's text (NFC). The snippets themselves are cut from
`../shared/corpus/dantri-2020.jsonl.gz` here, so no article text is in the repository.

Two sets, annotated by hand by the same rules (`../shared/eval/ANNOTATION-GUIDE.md`):

- `part-*.json`: the development key (36 articles), which the extractors were tuned on and
  the test suite holds to the issues' bars;
- `final-*.json`: a held-out key (12 articles) nobody tuned on, annotated last and scored once:
  the honest measure of how the extractors do on articles they have not seen.

    python tests/devkey/key.py OUT.json            # the development key, as gold-seeds.json
    python tests/devkey/key.py OUT.json --final    # the held-out key
"""

from __future__ import annotations

import gzip
import json
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).parent
CORPUS = HERE.parents[1].parent / "shared" / "corpus" / "dantri-2020.jsonl.gz"


def parts(folder: Path = HERE, pattern: str = "part-*.json") -> list[dict]:
    """Every annotated article, in file order (a later file wins for the same id)."""
    docs: dict[str, dict] = {}
    for path in sorted(folder.glob(pattern)):
        for doc in json.loads(path.read_text(encoding="utf-8")):
            docs[doc["doc"]] = doc
    return list(docs.values())


def texts(ids: set[str], corpus: Path = CORPUS) -> dict[str, str]:
    """The NFC texts of these articles, read by streaming the corpus."""
    out: dict[str, str] = {}
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row["id"] in ids:
                out[row["id"]] = unicodedata.normalize("NFC", row["text"])
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
    final = "--final" in argv
    args = [a for a in argv if a != "--final"]
    if len(args) != 1:
        print("usage: python tests/devkey/key.py OUT.json [--final]", file=sys.stderr)
        return 2
    key = materialize(pattern="final-*.json" if final else "part-*.json")
    Path(args[0]).write_text(json.dumps(key, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
