"""Build the development answer key from its parts, at run time, from the corpus.

The key's files (`tests/devkey/part-*.json`) hold facts and ids only: names of people, bodies
and places, titles, document numbers and dates, and for each claim its speaker and the
character offsets of its snippet in the article's text (NFC). The snippets themselves are cut
from `../shared/corpus/dantri-2020.jsonl.gz` here, so no article text is in the repository.

    python tests/devkey/key.py OUT.json   # write the key in the format of gold-seeds.json
"""

from __future__ import annotations

import gzip
import json
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).parent
CORPUS = HERE.parents[1].parent / "shared" / "corpus" / "dantri-2020.jsonl.gz"


def parts(folder: Path = HERE) -> list[dict]:
    """Every annotated article, in file order (a later file wins for the same id)."""
    docs: dict[str, dict] = {}
    for path in sorted(folder.glob("part-*.json")):
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


def materialize(corpus: Path = CORPUS, folder: Path = HERE) -> list[dict]:
    """The key in the answer-key format of gold-seeds.json, snippets cut from the corpus."""
    docs = parts(folder)
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
    if len(argv) != 1:
        print("usage: python tests/devkey/key.py OUT.json", file=sys.stderr)
        return 2
    Path(argv[0]).write_text(json.dumps(materialize(), ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
