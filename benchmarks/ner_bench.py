"""Extraction alone against a peer: kg's `build_doc` (normalize → extract → resolve) and
underthesea's NER pipeline (`underthesea.sent_tokenize`, then `underthesea.ner` per sentence,
its CRF model that ships inside the PyPI package) on the same articles, timed in one run, one
process each, after one warm-up call each.

Quality on the seed answer key: the people and organizations each finds in the seed articles
(underthesea's B-/I-PER and B-/I-ORG spans, put in a graph with the same public vocabulary)
scored by the project's scorer (`../shared/eval/score.py`), category by category.

underthesea runs with the network blocked (sockets refuse to connect, Hugging Face offline):
if it wanted to download a model the comparison is reported as not measurable, with why.
"""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from types import ModuleType
from typing import Any

import pyoxigraph as ox

from benchmarks.table import Row, seconds
from kg.doc import Article
from kg.pipeline import build_doc
from kg.rdf import article_iri, doc_to_quads, entity_iri
from kg.read import Problem, iter_articles, read_jsonl
from kg.vocab import ORG, RDF, SCHEMA, SKOS

TARGET_RATIO = 100.0
PEER = "underthesea"


@contextmanager
def no_network() -> Iterator[None]:
    """Sockets that refuse to connect, and Hugging Face's hub told to stay offline."""

    def refuse(*_a: Any, **_k: Any) -> Any:
        raise OSError("network blocked by the benchmark")

    saved = (socket.socket.connect, socket.create_connection, socket.getaddrinfo)
    env = {k: os.environ.get(k) for k in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")}
    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.create_connection = refuse  # type: ignore[assignment]
    socket.getaddrinfo = refuse  # type: ignore[assignment]
    os.environ.update({k: "1" for k in env})
    try:
        yield
    finally:
        connect, socket.create_connection, socket.getaddrinfo = saved
        socket.socket.connect = connect  # type: ignore[method-assign]
        for k, v in env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def articles(corpus: Path, n: int) -> list[Article]:
    return [a for a in islice(read_jsonl(corpus), n) if not isinstance(a, Problem)]


def peer_entities(ner: Any, sent_tokenize: Any, text: str) -> list[tuple[str, str]]:
    """(PER|ORG|LOC…, name) for each entity span the peer tags in `text`."""
    found: list[tuple[str, str]] = []
    for sentence in sent_tokenize(text):
        kind, words = None, []
        for word, _pos, _chunk, tag in [*ner(sentence), ("", "", "", "O")]:
            if tag.startswith("I-") and kind == tag[2:]:
                words.append(word)
                continue
            if kind:
                found.append((kind, " ".join(words)))
            kind, words = (tag[2:], [word]) if tag.startswith("B-") else (None, [])
    return found


def peer_graph(ner: Any, sent_tokenize: Any, docs: list[Article]) -> ox.Store:
    """The peer's people and organizations in the public vocabulary the scorer reads."""
    store = ox.Store()
    for a in docs:
        g = article_iri(a.id)
        quads = [ox.Quad(g, RDF.type, SCHEMA.NewsArticle, g),
                 ox.Quad(g, SCHEMA.identifier, ox.Literal(a.id), g)]
        for kind, name in peer_entities(ner, sent_tokenize, a.text):
            label = ox.Literal(name, language="vi")
            if kind == "PER":
                node = entity_iri("person", name)
                quads += [ox.Quad(node, RDF.type, SCHEMA.Person, g),
                          ox.Quad(node, SCHEMA.name, label, g)]
            elif kind == "ORG":
                node = entity_iri("organization", name)
                quads += [ox.Quad(node, RDF.type, ORG.Organization, g),
                          ox.Quad(node, SKOS.prefLabel, label, g)]
            else:
                continue
            quads.append(ox.Quad(g, SCHEMA.mentions, node, g))
        store.extend(quads)
    return store


def our_graph(docs: list[Article]) -> ox.Store:
    store = ox.Store()
    for a in docs:
        store.extend(doc_to_quads(build_doc(a)))
    return store


def load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("kg_bench_score", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def compare(corpus: Path, n: int, seeds: Path, gold: Path, scorer: Path) -> list[Row]:
    docs = articles(corpus, n)
    try:
        with no_network():
            from underthesea import ner, sent_tokenize

            ner("Bộ trưởng Nguyễn Văn An đến Hà Nội.")  # loads the model: not timed
    except ImportError:
        return [Row(f"extraction vs {PEER}", f"not measured: {PEER} is not installed "
                    "(pip install -e '.[bench]')", f"≥ {TARGET_RATIO:g}× faster")]
    except OSError as e:
        return [Row(f"extraction vs {PEER}", f"not measurable: {PEER}.ner wanted the network "
                    f"({e})", f"≥ {TARGET_RATIO:g}× faster")]
    build_doc(Article(id="warm-up", text="Bộ trưởng Nguyễn Văn An đến Hà Nội."))

    start = time.perf_counter()
    for a in docs:
        build_doc(a)
    ours = time.perf_counter() - start

    sentences = 0
    with no_network():
        start = time.perf_counter()
        for a in docs:
            for sentence in sent_tokenize(a.text):
                ner(sentence)
                sentences += 1
        theirs = time.perf_counter() - start
    ratio = theirs / ours
    rows = [
        Row(f"extraction, {len(docs)} articles: kg `build_doc` (all extractors)",
            f"{seconds(ours)} ({len(docs) / ours:,.0f} articles/s)"),
        Row(f"extraction, same articles: `{PEER}.ner` per sentence ({sentences:,} sentences)",
            f"{seconds(theirs)} ({len(docs) / theirs:,.1f} articles/s)"),
        Row(f"extraction: kg's speed over {PEER}'s", f"{ratio:,.0f}×",
            f"≥ {TARGET_RATIO:g}×", ratio >= TARGET_RATIO),
    ]
    if not (seeds.is_dir() and gold.exists() and scorer.exists()):
        return rows + [Row("seed answer key: people and organizations", "not measured: "
                           "../shared/seeds or ../shared/eval is not here")]
    score = load_scorer(scorer)
    key = json.loads(gold.read_text(encoding="utf-8"))
    seed_docs = [a for a in iter_articles([seeds]) if not isinstance(a, Problem)]
    with no_network():
        theirs_graph = peer_graph(ner, sent_tokenize, seed_docs)
    ours_t, _ = score.score(key, our_graph(seed_docs))
    theirs_t, _ = score.score(key, theirs_graph)
    for category in ("people", "organizations"):
        p1, r1, f1 = ours_t[category].prf()
        p2, r2, f2 = theirs_t[category].prf()
        rows.append(Row(
            f"seed answer key, {category}: F1 (P/R) kg vs {PEER}",
            f"{f1:.3f} ({p1:.2f}/{r1:.2f}) vs {f2:.3f} ({p2:.2f}/{r2:.2f})",
            "kg better", f1 > f2))
    return rows
