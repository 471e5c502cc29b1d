"""The extraction bars of the issues, measured by the shared scorer on two answer keys.

- the seed key (`../shared/eval/gold-seeds.json`, five articles);
- our first development key (`tests/devkey/part-*.json`: dantri articles annotated by hand,
  facts and offsets only; the snippets are cut from the corpus at run time by `tests.devkey.key`).

The larger development key (`dev-*.json`) and the final split (`final-*.json`) are checked for
form here but held to no bar: the final split measures generalisation, and a bar would invite
tuning on it (see the README's Scores).

Each test prints the scorer's table, so a failing bar shows every category.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS, GOLD_SEEDS, SCORER, need, run_kg
from devkey import key as devkey

#: (category, measure, bar): the acceptance lines of the actors and documents issues
ACTOR_BARS = [
    ("people", "f1", 0.95),
    ("roles", "f1", 0.90),
    ("roles+org", "recall", 0.85),
    ("organizations", "f1", 0.85),
    ("places", "f1", 0.95),
]
SEED_BARS = ACTOR_BARS + [
    ("legal_documents", "f1", 1.0),
    ("legal_dates", "recall", 1.0),
    ("claims", "f1", 0.80),
]
DEV_BARS = ACTOR_BARS + [("legal_documents", "f1", 0.95), ("claims", "f1", 0.75)]


def score(gold: Path, export: Path) -> dict:
    need(SCORER)
    proc = subprocess.run([sys.executable, str(SCORER), str(gold), str(export), "--json"],
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def misses(result: dict, bars: list[tuple[str, str, float]]) -> list[str]:
    cats = result["categories"]
    return [f"{c} {m} {cats[c][m]:.3f} < {bar}" for c, m, bar in bars if cats[c][m] < bar]


def test_seed_bars(seed_export: Path) -> None:
    result = score(need(GOLD_SEEDS), seed_export)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    assert not misses(result, SEED_BARS), misses(result, SEED_BARS)


@pytest.fixture(scope="module")
def devkey_export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    corpus = need(CORPUS / "dantri-2020.jsonl.gz")
    docs = devkey.parts()
    if not docs:
        pytest.skip("no development key parts in tests/devkey")
    work = tmp_path_factory.mktemp("devkey")
    articles = devkey.write_articles({d["doc"] for d in docs}, work / "articles.jsonl", corpus)
    store, export, gold = work / "store", work / "dev.ttl", work / "gold.json"
    run_kg("ingest", str(articles), store=store)
    run_kg("export", "-o", str(export), store=store)
    gold.write_text(json.dumps(devkey.materialize(corpus), ensure_ascii=False), "utf-8")
    return gold, export


@pytest.mark.parametrize(
    ("pattern", "at_least"), [("part-*.json", 20), ("dev-*.json", 12), ("final-*.json", 12)]
)
def test_devkey_is_well_formed(pattern: str, at_least: int) -> None:
    docs = devkey.parts(pattern=pattern)
    if not docs:
        pytest.skip(f"no {pattern} in tests/devkey")
    text = devkey.texts({d["doc"] for d in docs}, need(CORPUS / "dantri-2020.jsonl.gz"))
    assert len(docs) >= at_least and set(text) == {d["doc"] for d in docs}
    for d in docs:
        people = set(d["people"])
        assert all(r["person"] in people for r in d["roles"]), d["doc"]
        for c in d["claims"]:
            start, end = c["at"]
            assert 8 <= len(text[d["doc"]][start:end].split()) <= 15, (d["doc"], c)


def test_devkey_bars(devkey_export: tuple[Path, Path]) -> None:
    gold, export = devkey_export
    result = score(gold, export)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    assert not misses(result, DEV_BARS), misses(result, DEV_BARS)
