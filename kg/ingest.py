"""Ingest: read articles, run the pipeline, map to RDF and write the store in batches.

Problems with the input (unreadable files, malformed JSONL lines, duplicate ids) are reported
one line each and skipped; with `strict=True` the first one stops the run before anything of
the current batch is written.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kg.doc import Article
from kg.pipeline import build_doc
from kg.rdf import article_iri, doc_to_quads
from kg.read import Problem, iter_articles
from kg.store import Store

BATCH_SIZE = 500


@dataclass
class IngestReport:
    articles: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    entities: Counter[str] = field(default_factory=Counter)


class StrictStop(Exception):
    """Raised in strict mode at the first problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def content_hash(article: Article) -> str:
    h = hashlib.sha256()
    for part in (article.text, article.title, article.url, article.date, article.source):
        h.update((part or "").encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()[:32]


def ingest(
    store: Store,
    paths: Iterable[str],
    *,
    strict: bool = False,
    on_problem: Callable[[Problem], None] | None = None,
    on_article: Callable[[], None] | None = None,
    batch_size: int = BATCH_SIZE,
) -> IngestReport:
    """Build and store the graph of every article under `paths`."""
    report = IngestReport()
    known = store.content_hashes()
    seen: dict[str, str] = {}  # article graph IRI → the id that claimed it in this run
    batch: list = []

    def problem(p: Problem) -> None:
        report.problems.append(p)
        if on_problem:
            on_problem(p)
        if strict:
            raise StrictStop(p)

    for item in iter_articles(paths):
        if isinstance(item, Problem):
            problem(item)
            continue
        # Ids that differ only in case or spacing name the same graph (the IRI folds them).
        graph = article_iri(item.id).value
        if graph in seen:
            same = "" if seen[graph] == item.id else f" (same graph as {seen[graph]!r})"
            problem(Problem(item.path or item.id,
                            f"duplicate article id {item.id!r} in this run{same}"))
            continue
        seen[graph] = item.id
        digest = content_hash(item)
        if on_article:
            on_article()
        if known.get(item.id) == digest:
            report.unchanged += 1
            continue
        doc = build_doc(item)
        report.articles += 1
        report.entities.update(kind for kind, _ in doc.entities)
        batch.append((article_iri(item.id), doc_to_quads(doc, digest)))
        if len(batch) >= batch_size:
            store.replace_articles(batch)
            batch = []
    if batch:
        store.replace_articles(batch)
    return report
