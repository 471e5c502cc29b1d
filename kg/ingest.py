"""Ingest: read articles, run the pipeline, map to RDF and write the store in batches.

Problems with the input (unreadable files, malformed JSONL lines, duplicate ids) are reported
one line each, in input order, and skipped; with `strict=True` the first one stops the run
before anything of the current batch is written. Each batch is written all or nothing, so a run
killed at any moment leaves whole articles only, and the content hash stored with each article
lets the next run skip what is already there.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.consolidate import ConsolidationReport, consolidate
from kg.doc import Article
from kg.parallel import build_all
from kg.rdf import article_iri
from kg.read import Problem, iter_articles
from kg.store import Store

#: Articles written in one batch at most (one bulk load, or one transaction).
BATCH_SIZE = 5000
#: The first batch of a run is this small, and each next one twice the last (up to
#: `BATCH_SIZE`): a batch is written while the workers extract the next, so small first
#: batches start the writing early, and only the last batch's load is left when extraction
#: ends (on 5,000 news articles: loads of 625, 1,250, 2,500 and 625 articles, three of them
#: hidden behind extraction, instead of one load of 5,000 after it).
FIRST_BATCH = 625
#: Quads of the article graphs in one batch at most (a news article has some sixty, so
#: `BATCH_SIZE` usually comes first). With the union's statements (each quad again, in the
#: default graph) a batch stays below `kg.store.BULK_ATOMIC_QUADS` unless its last article
#: has thousands of quads, so it is one atomic bulk load. Fewer, bigger loads leave RocksDB
#: fewer files to merge while the run goes on: on a year of news, 5,000 articles a batch took
#: 2 s less CPU in compaction than 3,700 and the writing process some 300 MB more memory;
#: 2,000 took 12 s more.
BATCH_QUADS = 420_000
#: Articles written in one run after which the store is compacted (a second or two for a
#: year of news), so that queries do not pay for the bulk loader's many small files.
OPTIMIZE_AFTER = 5000


@dataclass
class IngestReport:
    articles: int = 0
    quads: int = 0  # written by this run, in the articles' graphs
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    entities: Counter[str] = field(default_factory=Counter)
    consolidation: ConsolidationReport | None = None  # the corpus pass, when articles changed


class StrictStop(Exception):
    """Raised in strict mode at the first problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


#: The shape of an article graph. Part of every content hash, so that a kg whose article graphs
#: are shaped differently (names as `rdfs:label` for the corpus pass, ASCII IRIs…) extracts an
#: article again when it is ingested again, instead of keeping the old graph as "unchanged".
GRAPH_FORMAT = "3"


def content_hash(article: Article) -> str:
    """What decides whether an article must be extracted again: its fields and the graph
    format."""
    h = hashlib.sha256(f"kg-graph-{GRAPH_FORMAT}\x1f".encode())
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
    batch_quads: int = BATCH_QUADS,
    jobs: int = 1,
    dask: str | None = None,
) -> IngestReport:
    """Build and store the graph of every article under `paths`.

    Reading, duplicate ids, content hashes and problems are handled here, in input order;
    extraction runs in this process, over `jobs` worker processes or on a Dask cluster
    (`kg.parallel`); this process alone writes the store, a batch at a time (`batch_size`
    articles or `batch_quads` quads, whichever comes first), each batch all or nothing.
    Worker processes are spawned, so a script that asks for `jobs` > 1 runs this under
    `if __name__ == "__main__":`."""
    report = IngestReport()
    known = store.content_hashes()
    seen: dict[str, str] = {}  # article graph IRI → the id that claimed it in this run

    def problem(p: Problem) -> None:
        report.problems.append(p)
        if on_problem:
            on_problem(p)
        if strict:
            raise StrictStop(p)

    def todo() -> Iterator[tuple[Article, str]]:
        """The articles to extract, streamed: the unchanged ones are counted, not sent."""
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
            if known.get(item.id) == digest:
                report.unchanged += 1
                if on_article:
                    on_article()
                continue
            yield item, digest

    batch: list[tuple[ox.NamedNode, bytes]] = []
    quads = 0
    size = min(FIRST_BATCH, batch_size)
    # `closing`: workers stop as soon as this loop does, whatever stops it; the writer waits
    # for the batch it is writing (a load is all or nothing, so never half of one).
    with closing(build_all(todo(), jobs=jobs, dask=dask)) as built_articles, \
            BatchWriter(store) as writer:
        for built in built_articles:
            report.articles += 1
            report.entities.update(built.kinds)
            if on_article:
                on_article()
            batch.append((ox.NamedNode(built.graph), built.nquads))
            n = built.nquads.count(b"\n")  # one quad a line
            report.quads += n
            quads += n
            if len(batch) >= size or quads >= batch_quads:
                writer.write(batch)
                batch, quads = [], 0
                size = min(2 * size, batch_size)
        if batch:
            writer.write(batch)
    if report.articles:
        # The corpus pass (canonical names, identity, preferred values): after the articles,
        # so that the graph is the same whatever order they came in (see `kg.consolidate`).
        report.consolidation = consolidate(store)
    if report.articles >= OPTIMIZE_AFTER:
        store.optimize()
    return report


class BatchWriter:
    """Writes batches of articles to the store in a thread of its own, one batch at a time,
    in order, while the caller goes on (the workers extract the next batch meanwhile: the
    store's loader releases the interpreter while it parses, sorts and writes).

    `write` waits for the batch before to be written, so at most one batch waits in memory
    besides the one being filled; leaving the `with` block waits for the last one. The first
    error of a write is raised by the next `write` or on leaving; after it nothing more is
    written."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-writer")
        self._pending: Future[None] | None = None

    def write(self, batch: list[tuple[ox.NamedNode, bytes]]) -> None:
        self._wait()
        self._pending = self._pool.submit(self._store.replace_articles_nquads, batch)

    def _wait(self) -> None:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            pending.result()

    def __enter__(self) -> BatchWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if exc[0] is None:
                self._wait()
            elif self._pending is not None:
                # an error stopped the run: the batch being written is finished (or fails)
                # whole, and the first error is the one reported
                self._pending.exception()
        finally:
            self._pool.shutdown(wait=True)
