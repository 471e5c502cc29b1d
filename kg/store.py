"""The embedded store: an on-disk RDF dataset (pyoxigraph/RocksDB), one named graph per article.

Queries run over the union of the article graphs. The union is kept materialized as the store's
default graph: every triple of an article graph is also a triple of the default graph, and a
triple leaves the default graph when the last graph that states it is replaced. The same fact
stated by a thousand articles is then one triple to a query, not a thousand: oxigraph's own
union of named graphs (`use_default_graph_as_union`) yields a triple once per graph that holds
it, so every join multiplies rows by the number of articles (oxigraph issue #1919), which made
the named queries minutes long at corpus scale. A store written before the union was kept (no
`UNION_MARK` file) is brought up to date the first time it is opened for writing, and queried
with oxigraph's union until then.

Writing an article replaces its graph: the old graph is dropped and the new quads are added in
one transaction per batch, together with the article's content hash and the union's upkeep, so
an interrupted run leaves whole articles only and the next run finds what is missing.

Processes share a store through a lock file (`kg.lock`, beside RocksDB's own files): a writer
takes it exclusively, readers share it, because RocksDB lets one process write and reading
while another process writes is undefined behaviour (in practice a "Corruption" error). A
process that finds the store busy waits a bounded time (`wait`, seconds) and then gives up with
a `StoreError` saying the store is in use, instead of blocking forever or failing midway.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import IO

try:
    import fcntl
except ImportError:  # not POSIX: RocksDB's own lock still keeps a second writer out
    fcntl = None  # type: ignore[assignment]

import pyoxigraph as ox

from kg.vocab import KG, PREFIXES, SCHEMA

DEFAULT_STORE = "kg-store"
LOCK_FILE = "kg.lock"
#: Seconds a process waits for another kg process to release the store.
DEFAULT_WAIT = 5.0
#: Quads oxigraph's bulk loader takes in one batch, i.e. one atomic RocksDB ingestion
#: (its default batch size is 1,000,000); kg stays below.
BULK_ATOMIC_QUADS = 900_000
#: Articles replaced in one transaction (the request that keeps the union names them all).
REPLACE_BATCH = 500
#: A file in the store's folder saying its default graph is the materialized union.
UNION_MARK = "kg-union"
#: Make the default graph the union of the named graphs again, whatever changed them.
SYNC_UNION = (
    "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } } ;\n"
    "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } FILTER NOT EXISTS { ?s ?p ?o } }"
)

EXPORT_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}


class StoreError(Exception):
    """A store that cannot be opened or written: one line for the user."""


def default_store_path() -> Path:
    return Path(os.environ.get("KG_STORE") or DEFAULT_STORE)


IN_USE = "store is in use by another kg process; try again when it ends"


def _acquire(path: Path, *, exclusive: bool, wait: float) -> IO[bytes] | None:
    """Take the store's lock file (exclusive to write, shared to read), waiting up to `wait`
    seconds. None where there is no lock to take (no fcntl; a read-only folder)."""
    if fcntl is None:
        return None
    try:
        f = open(path / LOCK_FILE, "ab" if exclusive else "rb")
    except FileNotFoundError:
        try:
            f = open(path / LOCK_FILE, "ab")
        except OSError:
            return None  # a store made read-only for us: nobody can write it either
    except OSError:
        return None
    mode = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
    deadline = time.monotonic() + max(wait, 0.0)
    while True:
        try:
            fcntl.flock(f.fileno(), mode)
            return f
        except BlockingIOError:
            if time.monotonic() >= deadline:
                f.close()
                raise StoreError(f"{path}: {IN_USE} (waited {wait:g} s)") from None
            time.sleep(0.05)


def replace_graphs_update(batch: list[tuple[ox.NamedNode, list[ox.Quad]]]) -> str:
    """One SPARQL Update request that drops each graph of the batch and inserts its new quads,
    made of oxigraph's own N-Triples serialization of each term (also sent to remote servers by
    `kg.remote`)."""
    ops = [f"DROP SILENT GRAPH {g}" for g, _quads in batch]
    ops.append(f"INSERT DATA {{ {_graphs_data(batch)} }}")
    return " ;\n".join(ops)


def _graphs_data(batch: list[tuple[ox.NamedNode, list[ox.Quad]]]) -> str:
    """The quads of a batch as `GRAPH <g> { … }` blocks of INSERT DATA."""
    return " ".join(
        f"GRAPH {g} {{ {' . '.join(str(q.triple) for q in quads)} }}"
        for g, quads in batch
        if quads
    )


def replace_graphs_with_union_update(batch: list[tuple[ox.NamedNode, list[ox.Quad]]]) -> str:
    """`replace_graphs_update`, also keeping the default graph the union of the named graphs:
    the triples only the replaced graphs state leave it, the new ones join it. One request,
    so one transaction."""
    graphs = " ".join(str(g) for g, _quads in batch)
    others = ", ".join(str(g) for g, _quads in batch)
    ops = [
        f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES ?g {{ {graphs} }} GRAPH ?g {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} FILTER(?h NOT IN ({others})) }} }}"
    ]
    ops += [f"DROP SILENT GRAPH {g}" for g, _quads in batch]
    triples = " . ".join(str(q.triple) for _g, quads in batch for q in quads)
    ops.append(f"INSERT DATA {{ {triples} {_graphs_data(batch)} }}")
    return " ;\n".join(ops)


def parse_nquads(
    batch: Iterable[tuple[ox.NamedNode, bytes]],
) -> list[tuple[ox.NamedNode, list[ox.Quad]]]:
    """Articles as N-Quads bytes → articles as quads (in their named graphs only)."""
    return [
        (g, [q for q in ox.parse(data, format=ox.RdfFormat.N_QUADS)
             if not isinstance(q.graph_name, ox.DefaultGraph)] if data else [])
        for g, data in batch
    ]


def _in_default_graph(data: bytes, graph: ox.NamedNode) -> bytes:
    """An article's N-Quads as statements of the default graph. oxigraph writes one statement
    a line, ending " <graph> ." and escaping line breaks inside literals, so the graph term
    can only be at a line's end."""
    return data.replace(f" {graph} .\n".encode(), b" .\n")


class Store:
    """A kg graph store on disk."""

    def __init__(
        self, path: str | os.PathLike[str], *, read_only: bool = False, wait: float = DEFAULT_WAIT
    ) -> None:
        self.path = Path(path)
        self.read_only = read_only
        if read_only and not (self.path / "CURRENT").exists():
            raise StoreError(f"{self.path}: no kg store here (run `kg ingest` first)")
        if not read_only:
            try:
                self.path.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise StoreError(f"{self.path}: cannot create store: {e.strerror or e}") from None
        self._lock = _acquire(self.path, exclusive=not read_only, wait=wait)
        try:
            self.ox = ox.Store.read_only(str(self.path)) if read_only else ox.Store(str(self.path))
        except (OSError, RuntimeError) as e:
            self.close()
            msg = str(e)
            if "lock" in msg.lower():
                raise StoreError(f"{self.path}: {IN_USE}") from None
            raise StoreError(f"{self.path}: cannot open store: {msg.splitlines()[0]}") from None
        self.union_kept = (self.path / UNION_MARK).exists()
        if not read_only and not self.union_kept:
            self._keep_union()

    def _keep_union(self) -> None:
        """Materialize the union in the default graph of a store that has none yet (one
        transaction), then mark the store so."""
        if next(self.ox.named_graphs(), None) is not None:
            self.ox.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
            self.ox.flush()
        (self.path / UNION_MARK).touch()
        self.union_kept = True

    def close(self) -> None:
        """Release the store: RocksDB's handle, then the kg lock (also released at exit)."""
        self.__dict__.pop("ox", None)
        lock = self.__dict__.pop("_lock", None)
        if lock is not None:
            lock.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------

    def replace_articles(self, batch: Iterable[tuple[ox.NamedNode, list[ox.Quad]]]) -> None:
        """Replace the graphs of a batch of articles in one transaction, so that a run killed
        at any moment leaves each article old or new, never half-written.

        New articles go in with `extend` (one transaction). When some graphs already exist,
        dropping them and adding the new quads is one SPARQL Update request, which oxigraph
        applies as a single transaction; the request is made of oxigraph's own N-Triples
        serialization of each term, so article text cannot change its meaning."""
        batch = list(batch)
        if not any(self.ox.contains_named_graph(g) for g, _quads in batch):
            self.ox.extend(
                x for _g, quads in batch for q in quads
                for x in (q, ox.Quad(q.subject, q.predicate, q.object))
            )
            return
        self.ox.update(replace_graphs_with_union_update(batch))

    def replace_articles_nquads(self, batch: Iterable[tuple[ox.NamedNode, bytes]]) -> None:
        """`replace_articles` for articles serialized as N-Quads (what extraction workers send
        back), parsed by oxigraph without a Python object per quad.

        A batch of new articles goes through oxigraph's bulk loader, two to three times
        cheaper than a transaction (which reads and locks every key it writes). It is still
        all or nothing: below `BULK_ATOMIC_QUADS` quads the loader writes one set of sorted
        files and hands them to RocksDB in a single ingestion, which RocksDB applies
        atomically across its column families, also across a crash. Bigger batches are one
        transaction; batches that replace stored articles are one transaction every
        `REPLACE_BATCH` articles (each article is then old or new, never half of each)."""
        batch = list(batch)
        if any(self.ox.contains_named_graph(g) for g, _data in batch):
            # Replacing costs more the more graphs a request names: a few hundred at a time.
            for k in range(0, len(batch), REPLACE_BATCH):
                self.replace_articles(parse_nquads(batch[k : k + REPLACE_BATCH]))
            return
        # The union: every statement again, in the default graph. The same names and types
        # come back in article after article; the loader keeps each statement once per load
        # (it sorts and dedupes what it writes), and RocksDB once across loads.
        data = b"".join(chain((data for _g, data in batch),
                              (_in_default_graph(data, g) for g, data in batch)))
        if data.count(b"\n") < BULK_ATOMIC_QUADS:
            # `lenient`: these lines are oxigraph's own serialization of terms it built (see
            # `kg.parallel.build_article`), so their IRIs are not checked a second time.
            self.ox.bulk_load(data, format=ox.RdfFormat.N_QUADS, lenient=True)
        else:
            self.ox.load(data, format=ox.RdfFormat.N_QUADS)

    def optimize(self) -> None:
        """Compact the store after a big ingest: the bulk loader leaves many small files that
        RocksDB would otherwise merge while queries run."""
        self.ox.optimize()

    def content_hashes(self) -> dict[str, str]:
        """Article id → content hash of what is stored, for incremental ingest."""
        q = """SELECT ?id ?h WHERE { GRAPH ?g { ?a a schema:NewsArticle ;
                  schema:identifier ?id ; kg:contentHash ?h } }"""
        return {s["id"].value: s["h"].value for s in self.query(q)}

    def flush(self) -> None:
        self.ox.flush()

    # -- reading -------------------------------------------------------------------------

    def query(
        self, sparql: str, substitutions: dict[ox.Variable, ox.NamedNode | ox.Literal] | None = None
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run SPARQL over the union of all article graphs, with kg's prefixes predeclared."""
        return self.ox.query(
            sparql,
            prefixes=PREFIXES,
            use_default_graph_as_union=not self.union_kept,
            substitutions=substitutions,
        )

    def update(self, sparql: str) -> None:
        """A user's SPARQL Update (`kg query --allow-update`), then the union brought up to date
        with what it changed in the named graphs (the default graph is kg's to keep)."""
        self.ox.update(sparql, prefixes=PREFIXES)
        if self.union_kept:
            self.ox.update(SYNC_UNION)

    def __len__(self) -> int:
        """Quads in the named graphs (the default graph only repeats them)."""
        res = self.ox.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(next(iter(res))["n"].value)

    def article_count(self) -> int:
        """Named graphs that hold an article (not the analysis graph of `kg analyze`)."""
        q = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?a a schema:NewsArticle } }"
        return int(next(iter(self.query(q)))["n"].value)

    def union_triples(self) -> Iterator[ox.Triple]:
        """Each distinct triple of the union once (the same fact may be in many articles)."""
        if self.union_kept:
            for q in self.ox.quads_for_pattern(None, None, None, ox.DefaultGraph()):
                yield q.triple
            return
        for s in self.query("SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }"):
            yield ox.Triple(s["s"], s["p"], s["o"])

    def named_quads(self) -> Iterator[ox.Quad]:
        """Every quad of the named graphs: the dataset without the union kept beside it."""
        for q in self.ox.quads_for_pattern(None, None, None, None):
            if not isinstance(q.graph_name, ox.DefaultGraph):
                yield q

    def export(self, out: IO[bytes], fmt: str) -> None:
        """Write the graph: Turtle/N-Triples/JSON-LD as the union, TriG/N-Quads with one named
        graph per article."""
        rdf_format = EXPORT_FORMATS[fmt]
        if rdf_format.supports_datasets:
            ox.serialize(self.named_quads(), out, rdf_format,
                         prefixes=PREFIXES if fmt == "trig" else None)
        elif fmt == "nt":
            ox.serialize(self.union_triples(), out, rdf_format)
        else:
            ox.serialize(self.union_triples(), out, rdf_format, prefixes=PREFIXES)

    def stats(self) -> dict[str, int]:
        """Counts a user asks for first: articles, quads, distinct triples, entities by type."""
        counts = {"articles": self.article_count(), "quads": len(self)}
        q = """SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {
                 ?a a schema:NewsArticle ; schema:mentions ?e . ?e a ?type }
               GROUP BY ?type"""
        names = {
            SCHEMA.Person.value: "people",
            "http://www.w3.org/ns/org#Organization": "organizations",
            SCHEMA.AdministrativeArea.value: "places",
            "http://data.europa.eu/eli/ontology#LegalResource": "legal documents",
            KG.Program.value: "programs",
            SCHEMA.Event.value: "events",
        }
        found = {names[s["type"].value]: int(s["n"].value) for s in self.query(q)
                 if s["type"].value in names}
        # in a fixed order, not the engine's
        counts.update((name, found[name]) for name in names.values() if name in found)
        for label, cls in (("memberships", "org:Membership"), ("claims", "schema:Claim")):
            res = self.query(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a {cls} }}")
            counts[label] = int(next(iter(res))["n"].value)
        return counts

