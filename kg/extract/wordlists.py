"""Small word lists of `data/lexicon/*.json` that only one or two extractors read.

`kg.gazetteer` compiles the shared lookups (titles, bodies, places); the lists here are plain
sets an extractor tests single words against ("Group" ends a company's name, "Khoa" starts a
hospital department's), so they are loaded as they are, once per process.
"""

from __future__ import annotations

import json
from functools import cache

from kg import DATA_DIR
from kg.normalize import normalize_text


@cache
def words(file: str, key: str) -> frozenset[str]:
    """The list `key` of `data/lexicon/<file>`, NFC-normalized, as a set."""
    data = json.loads(DATA_DIR.joinpath("lexicon", file).read_text(encoding="utf-8"))
    return frozenset(normalize_text(w) for w in data[key])
