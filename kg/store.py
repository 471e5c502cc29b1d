"""The embedded store: an on-disk RDF dataset (pyoxigraph/RocksDB), one named graph per article.

Queries run over the union of the article graphs (the default graph is their union). Writing an
article replaces its graph: the old graph is dropped and the new quads are added in one
transaction per batch, together with the article's content hash, so an interrupted run leaves
whole articles only and the next run finds what is missing.

Only one process may open a store for writing at a time: RocksDB's lock file enforces it, and
`open_store` turns the clash into a clear `StoreError`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from kg.vocab import KG, PREFIXES, SCHEMA

DEFAULT_STORE = "kg-store"

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


class Store:
    """A kg graph store on disk."""

    def __init__(self, path: str | os.PathLike[str], *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        if read_only and not (self.path / "CURRENT").exists():
            raise StoreError(f"{self.path}: no kg store here (run `kg ingest` first)")
        try:
            if read_only:
                self.ox = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self.ox = ox.Store(str(self.path))
        except OSError as e:
            msg = str(e)
            if "lock" in msg.lower():
                raise StoreError(
                    f"{self.path}: store is in use by another kg process; try again when it ends"
                ) from None
            raise StoreError(f"{self.path}: cannot open store: {msg.splitlines()[0]}") from None

    # -- writing -------------------------------------------------------------------------

    def replace_articles(self, batch: Iterable[tuple[ox.NamedNode, list[ox.Quad]]]) -> None:
        """Replace the graphs of a batch of articles: drop each old graph, then add all new
        quads in one transaction."""
        batch = list(batch)
        for graph, _quads in batch:
            if self.ox.contains_named_graph(graph):
                self.ox.remove_graph(graph)
        self.ox.extend(q for _g, quads in batch for q in quads)

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
            use_default_graph_as_union=True,
            substitutions=substitutions,
        )

    def update(self, sparql: str) -> None:
        self.ox.update(sparql, prefixes=PREFIXES)

    def __len__(self) -> int:
        return len(self.ox)

    def article_count(self) -> int:
        return sum(1 for _ in self.ox.named_graphs())

    def union_triples(self) -> Iterator[ox.Triple]:
        """Each distinct triple of the union once (the same fact may be in many articles)."""
        for s in self.query("SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }"):
            yield ox.Triple(s["s"], s["p"], s["o"])

    def export(self, out: IO[bytes], fmt: str) -> None:
        """Write the graph: Turtle/N-Triples/JSON-LD as the union, TriG/N-Quads with one named
        graph per article."""
        rdf_format = EXPORT_FORMATS[fmt]
        if rdf_format.supports_datasets:
            self.ox.dump(out, rdf_format, prefixes=PREFIXES if fmt == "trig" else None)
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
        for s in self.query(q):
            name = names.get(s["type"].value)
            if name:
                counts[name] = int(s["n"].value)
        for label, cls in (("memberships", "org:Membership"), ("claims", "schema:Claim")):
            res = self.query(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a {cls} }}")
            counts[label] = int(next(iter(res))["n"].value)
        return counts

