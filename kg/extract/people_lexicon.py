"""A corpus-aware lexicon of people: names a title, an honorific or a person's noun introduces
in at least two articles of a corpus ("tiền đạo Công Phượng", "Tổng thống Donald Trump").

Why: a celebrity's or an athlete's two-syllable name ("Công Phượng", "Đông Nhi") and a foreign
name ("Kim Kardashian") are often written bare, with nothing in the article saying they are
people; another article of the same news says so. The lexicon is built once, offline, and
shipped as `data/lexicon/known_people.json`, so that each article's extraction stays a function
of that article and the data files (no state carried from one ingest to the next).

    python -m kg.extract.people_lexicon CORPUS.jsonl.gz... -o data/lexicon/known_people.json \\
        [--exclude KEY.json...] [--limit N]

`--exclude` leaves out the articles of answer keys (files of {"doc": id, ...} objects), so that a
score on a key measures the lexicon on articles it was not built from.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from itertools import islice
from pathlib import Path

from kg.doc import Article
from kg.encodings import is_syllable
from kg.extract.people import _RUN, _context, _not_person_before, introduced_names
from kg.gazetteer import gazetteer
from kg.normalize import fold, normalize_text
from kg.pipeline import build_doc
from kg.read import read_jsonl

#: A name must be introduced in this many articles to be shipped.
MIN_ARTICLES = 2


def harvest(paths: list[Path], exclude: set[str], limit: int | None = None) -> dict[str, str]:
    """Folded name → the name as most often written, for names of two to four words that are
    introduced in at least `MIN_ARTICLES` articles and that the surname rule alone does not
    find (two words, or a word no Vietnamese syllable has)."""
    seen: dict[str, set[str]] = defaultdict(set)
    forms: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for path in paths:
        for item in islice(read_jsonl(path), limit):
            if not isinstance(item, Article) or item.id in exclude:
                continue
            for name in introduced_names(build_doc(item)):
                words = name.split(" ")
                if not 2 <= len(words) <= 4:
                    continue
                if len(words) > 2 and all(is_syllable(w) for w in words):
                    continue  # "Nguyễn Văn An": the family name already finds it
                seen[fold(name)].add(item.id)
                forms[fold(name)][name] += 1
    names = {
        key: max(forms[key].items(), key=lambda kv: (kv[1], kv[0]))[0]
        for key, ids in seen.items()
        if len(ids) >= MIN_ARTICLES
    }
    names = {k: n for k, n in names.items() if keep(n)}
    placed = _placed(paths, exclude, limit, set(names.values()))
    return {k: n for k, n in names.items() if placed.get(n, 0) * 2 < len(seen[k])}


def keep(name: str) -> bool:
    """Whether a harvested name may be shipped: no word of a club, a firm or a place's kind
    ("Man Utd", `not_in_name`), no sentence word ("Trong"), not on the reviewed list of
    outlets and places (`not_known`: "Lao Động")."""
    ctx = _context()
    gaz = gazetteer()
    words = name.split(" ")
    if not ctx.not_in_name.isdisjoint(words) or not gaz.not_name_words.isdisjoint(words):
        return False
    return name not in ctx.not_known


def _placed(
    paths: list[Path], exclude: set[str], limit: int | None, names: set[str]
) -> dict[str, int]:
    """How many articles write each name right after a word of a place or a body ("ở Phú
    Quốc", "CLB Real Madrid", "Tập đoàn Hòa Phát"): a name that is so more often than a title
    or a noun introduces it is a place or a body the extractor once took for a person."""
    by_first: dict[str, list[list[str]]] = defaultdict(list)  # "Phú" → [["Phú", "Quốc"]]
    for name in names:
        by_first[name.split(" ")[0]].append(name.split(" "))
    counts: dict[str, int] = defaultdict(int)
    for path in paths:
        for item in islice(read_jsonl(path), limit):
            if not isinstance(item, Article) or item.id in exclude:
                continue
            text = normalize_text(item.text)
            hit: set[str] = set()
            for m in _RUN.finditer(text):
                words = m.group(0).split(" ")
                offset = m.start()
                for k, word in enumerate(words):
                    for name in by_first.get(word, ()):
                        if words[k : k + len(name)] == name and _not_person_before(
                            text, offset, 0, located=True
                        ):
                            hit.add(" ".join(name))
                    offset += len(word) + 1
            for found in hit:
                counts[found] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m kg.extract.people_lexicon", description=__doc__)
    ap.add_argument("corpus", nargs="+", type=Path)
    ap.add_argument("-o", "--output", type=Path, required=True)
    ap.add_argument("--exclude", nargs="*", type=Path, default=[])
    ap.add_argument("--limit", type=int, default=None, help="articles read from each corpus")
    args = ap.parse_args(argv)
    exclude: set[str] = set()
    for key in args.exclude:
        try:
            exclude |= {d["doc"] for d in json.loads(key.read_text(encoding="utf-8"))}
        except (OSError, ValueError, KeyError, TypeError) as exc:
            print(f"people_lexicon: cannot read key {key}: {exc}", file=sys.stderr)
            return 2
    for path in args.corpus:
        if not path.is_file():
            print(f"people_lexicon: no such corpus file: {path}", file=sys.stderr)
            return 2
    names = harvest(args.corpus, exclude, args.limit)
    args.output.write_text(
        json.dumps(
            {
                "about": "People a title, an honorific or a person's noun introduces in at least "
                f"{MIN_ARTICLES} articles of the corpora (built by kg.extract.people_lexicon, "
                "answer-key articles left out): a run of capitalized words that is one of "
                "these names is a person even with nothing before it.",
                "names": sorted(names.values(), key=fold),
            },
            ensure_ascii=False,
            indent=0,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"people_lexicon: {len(names)} names -> {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
