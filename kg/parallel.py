"""Extraction in parallel: over local processes (`kg ingest --jobs N`) or a Dask cluster
(`kg ingest --dask ADDRESS`).

Extraction is pure CPU work on one article at a time, while the store takes one writer. So the
workers run build_doc → doc_to_quads over chunks of articles and send each article back as
N-Quads bytes (small, quick to make, loaded by the store in Rust, and the same over a pipe or
across a Dask cluster); the caller (`kg.ingest`), the store's only writer, gets the results in
input order and writes whole articles, a batch per transaction.

Memory stays bounded whatever the corpus size: the input is a generator pulled only as results
come back, with at most `window` chunks in flight. A small input (one chunk) is extracted in
this process: starting workers would cost more than it saves.

Worker processes are started with "spawn": a fresh interpreter that inherits neither the
store's open files nor its lock, so a worker left behind can never hold the store. They ignore
Ctrl-C, which the parent handles by stopping them.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, TypeVar

import pyoxigraph as ox

from kg.doc import Article
from kg.pipeline import build_doc
from kg.rdf import article_iri, doc_to_quads

#: Articles a worker gets at a time: big enough that passing them costs little next to
#: extracting them (a few milliseconds an article), small enough to keep all workers busy.
CHUNK_SIZE = 32
#: Chunks in flight per worker: work queued while the parent is writing the store.
WINDOW_PER_WORKER = 96
#: Seconds to wait for a Dask scheduler to answer.
DASK_CONNECT_TIMEOUT = 30

T = TypeVar("T")
Todo = tuple[Article, str]  # an article and its content hash


class ParallelError(Exception):
    """Workers that cannot be started or reached (a Dask scheduler, say): one line for the user."""


@dataclass(frozen=True)
class Built:
    """One article's graph, ready for the store."""

    article_id: str
    graph: str  # the article graph's IRI
    nquads: bytes  # all the article's quads, in its named graph
    kinds: tuple[str, ...]  # the kind of each entity found, for the ingest report


def build_article(article: Article, digest: str) -> Built:
    """normalize → extract → resolve → RDF for one article, serialized as N-Quads."""
    doc = build_doc(article)
    quads = doc_to_quads(doc, digest)
    data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS) if quads else b""
    return Built(article.id, article_iri(article.id).value, data,
                 tuple(kind for kind, _key in doc.entities))


def build_chunk(chunk: list[Todo]) -> list[Built]:
    """The unit of work a process or a Dask worker runs."""
    return [build_article(article, digest) for article, digest in chunk]


def default_jobs() -> int:
    return os.cpu_count() or 1


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def in_order(
    chunks: Iterable[list[Todo]],
    submit: Callable[[list[Todo]], Any],
    result: Callable[[Any], list[Built]],
    window: int,
) -> Iterator[Built]:
    """Submit chunks with at most `window` in flight and yield their results in input order."""
    pending: deque[Any] = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        while len(pending) >= window:
            yield from result(pending.popleft())
    while pending:
        yield from result(pending.popleft())


def build_all(
    todo: Iterable[Todo],
    *,
    jobs: int = 1,
    dask: str | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[Built]:
    """Every article of `todo` built, in input order: in this process (`jobs` 1), over `jobs`
    worker processes, or on the Dask cluster at `dask` ("local": a local cluster of `jobs`
    worker processes)."""
    chunks = chunked(todo, chunk_size)
    if dask:
        yield from _with_dask(chunks, dask, jobs)
        return
    first = next(chunks, None)
    if first is None:
        return
    second = next(chunks, None)
    if jobs <= 1 or second is None:
        for chunk in itertools.chain([first], [second] if second else [], chunks):
            yield from build_chunk(chunk)
        return
    yield from _with_processes(itertools.chain([first, second], chunks), jobs)


def _quiet_worker() -> None:
    """Ctrl-C goes to the whole process group; the parent stops the workers itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _with_processes(chunks: Iterable[list[Todo]], jobs: int) -> Iterator[Built]:
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_quiet_worker)
    try:
        yield from in_order(chunks, lambda c: pool.submit(build_chunk, c),
                            Future.result, jobs * WINDOW_PER_WORKER)
    except BrokenProcessPool:
        raise ParallelError("an extraction process died (out of memory?); the articles "
                            "before this batch are stored: run again, or with --jobs 1"
                            ) from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _with_dask(chunks: Iterable[list[Todo]], address: str, jobs: int) -> Iterator[Built]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ParallelError(
            "--dask needs Dask distributed: pip install 'kg[dask]'"
        ) from None
    cluster = None
    try:
        if address == "local":
            cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.ERROR)
            client = Client(cluster)
        else:
            client = Client(address, timeout=DASK_CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as e:
        if cluster is not None:
            cluster.close()
        raise ParallelError(f"cannot reach the Dask scheduler at {address}: {e}") from None
    try:
        # Results are taken in input order; `pure=False`: every chunk is new work.
        workers = sum(client.nthreads().values()) or jobs
        yield from in_order(chunks, lambda c: client.submit(build_chunk, c, pure=False),
                            _dask_result, workers * WINDOW_PER_WORKER)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _dask_result(future: Any) -> list[Built]:
    try:
        return future.result()
    except ModuleNotFoundError as e:
        raise ParallelError(f"a Dask worker cannot import {e.name}: install kg on every "
                            "worker of the cluster (articles before this batch are stored)"
                            ) from None
