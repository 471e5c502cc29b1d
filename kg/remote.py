"""A SPARQL 1.1 server as the store (`--endpoint URL`): Oxigraph server, Apache Jena Fuseki,
GraphDB, Virtuoso, QLever…

`RemoteStore` has the reading and writing methods of `kg.store.Store` that ingest, query,
export and stats use, so the pipeline runs unchanged against a server. It speaks only the
standard protocols, with urllib from the standard library:

* queries go to the query endpoint (SPARQL 1.1 Protocol, POST form) with kg's prefixes;
* articles are written as named graphs with SPARQL Update requests of about `REQUEST_QUADS`
  quads each (drop each article's graph, insert its new quads), the request the embedded
  store runs, made of oxigraph's N-Triples serialization of each term;
* queries run over the union of the article graphs, as in the embedded store: when the
  server's default graph is already that union (Oxigraph `--union-default-graph`, Fuseki
  `tdb2:unionDefaultGraph`, GraphDB) the query is sent as it is, otherwise the article graphs
  are named as `default-graph-uri`s of the request; on Virtuoso, whose default graph repeats a
  statement once per graph that holds it, kg keeps the union itself (`UNION_GRAPH`) and reads
  that;
* kg counts, lists and exports only its own graphs (`KG_GRAPHS`): a server may hold others;
* parameters of named queries are bound by `kg.named_queries.render` (VALUES blocks of
  serialized RDF terms), never pasted as text; xsd:boolean answers are made canonical.

Credentials come from the environment: `KG_ENDPOINT_USER` and `KG_ENDPOINT_PASSWORD` (HTTP Basic)
or `KG_ENDPOINT_TOKEN` (Bearer).
"""

from __future__ import annotations

import base64
import json
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from typing import IO

import pyoxigraph as ox

from kg.named_queries import inline_values
from kg.store import EXPORT_FORMATS, Store, StoreError, parse_nquads, replace_graphs_update
from kg.vocab import ID, PREFIXES, sparql_prefixes

DEFAULT_TIMEOUT = 120.0
SOLUTIONS = "application/sparql-results+json"
_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
#: kg's own graphs (articles, the analysis): a server may hold others, its own (Virtuoso's
#: system graphs) or a user's, which kg must not count, export or read as articles.
ID_NS = ID[""].value
#: Quads in one SPARQL Update request at most, but for one article's (about 3 MB with the
#: kept union's copy, where Virtuoso takes 10 MB at most).
REQUEST_QUADS = 10_000
#: The union of kg's graphs, kept by kg on a server whose own union repeats statements.
UNION_GRAPH = ID["graph/union"]
KG_GRAPHS = f'FILTER(STRSTARTS(STR(?g), "{ID_NS}") && ?g != {UNION_GRAPH})'
#: Bring the kept union up to date with kg's graphs (after a replaced article or an update).
SYNC_KEPT_UNION = (
    f"DELETE {{ GRAPH {UNION_GRAPH} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {UNION_GRAPH} {{ ?s ?p ?o }}"
    f" FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} {KG_GRAPHS} }} }} ;\n"
    f"INSERT {{ GRAPH {UNION_GRAPH} {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {KG_GRAPHS}"
    f" FILTER NOT EXISTS {{ GRAPH {UNION_GRAPH} {{ ?s ?p ?o }} }} }}"
)
def canonical_booleans(body: bytes) -> bytes:
    """SPARQL JSON results with each xsd:boolean in its canonical form, "true" or "false".

    Virtuoso stores booleans as numbers and answers a stored `true` as "1"^^xsd:boolean: the
    same value, another spelling, which would make kg's answers and exports differ from the
    embedded store's (and the HTML graph miss a former post)."""
    if _BOOLEAN.encode() not in body:
        return body
    doc = json.loads(body)
    for row in doc.get("results", {}).get("bindings", ()):
        for term in row.values():
            if term.get("datatype") == _BOOLEAN and term.get("value") in ("0", "1"):
                term["value"] = "true" if term["value"] == "1" else "false"
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


class RemoteError(StoreError):
    """A server that cannot be reached or refuses a request: one line for the user."""


class RemoteStore:
    """A kg graph on a SPARQL 1.1 server (query endpoint, and an update endpoint to write)."""

    read_only = False

    def __init__(
        self,
        endpoint: str,
        update_endpoint: str | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        env: dict[str, str] | None = None,
    ) -> None:
        for url in (endpoint, update_endpoint):
            if url and urllib.parse.urlsplit(url).scheme not in ("http", "https"):
                raise RemoteError(f"{url}: not an http(s) URL")
        self.endpoint = endpoint
        self.update_endpoint = update_endpoint
        self.timeout = timeout
        self.path = endpoint  # what messages name
        env = os.environ if env is None else env
        self._auth: str | None = None
        if env.get("KG_ENDPOINT_TOKEN"):
            self._auth = f"Bearer {env['KG_ENDPOINT_TOKEN']}"
        elif env.get("KG_ENDPOINT_USER"):
            pair = f"{env['KG_ENDPOINT_USER']}:{env.get('KG_ENDPOINT_PASSWORD', '')}"
            self._auth = "Basic " + base64.b64encode(pair.encode("utf-8")).decode("ascii")
        self._union: bool | None = None
        self._server: str | None = None
        self._union_checked = False

    # -- HTTP ----------------------------------------------------------------------------

    def _post(self, url: str, form: list[tuple[str, str]], accept: str) -> tuple[str, bytes]:
        data = urllib.parse.urlencode(form).encode("ascii")
        req = urllib.request.Request(url, data=data, method="POST")
        req.add_header("Content-Type", "application/x-www-form-urlencoded")
        req.add_header("Accept", accept)
        if self._auth:
            req.add_header("Authorization", self._auth)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                self._server = resp.headers.get("Server", "") or ""
                return resp.headers.get("Content-Type", ""), resp.read()
        except urllib.error.HTTPError as e:
            body = e.read().decode("utf-8", "replace").strip()
            first = body.splitlines()[0] if body else e.reason
            if e.code == 400:
                raise SyntaxError(first) from None
            raise RemoteError(f"{url}: HTTP {e.code}: {first}") from None
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", None) or e
            raise RemoteError(f"{url}: cannot reach the SPARQL server: {reason}") from None

    def _select(
        self, sparql: str, graphs: Iterable[str] = (), *, named: bool = True
    ) -> ox.QuerySolutions | ox.QueryBoolean:
        form = [("query", sparql_prefixes() + sparql)]
        graphs = list(graphs)  # the union as default graph, and each graph by name for GRAPH
        form += [("default-graph-uri", g) for g in graphs]
        form += [("named-graph-uri", g) for g in graphs if named]
        _ctype, body = self._post(self.endpoint, form, SOLUTIONS)
        return ox.parse_query_results(canonical_booleans(body), ox.QueryResultsFormat.JSON)

    def _article_graphs(self) -> list[str]:
        res = self._select(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {KG_GRAPHS} }}")
        return sorted(s["g"].value for s in res)

    def keeps_union(self) -> bool:
        """Does kg keep the union of its graphs on this server (`UNION_GRAPH`), as the embedded
        store does? For Virtuoso: its default graph is every quad of every graph, so a
        statement made by n articles is there n times, and a query that joins a few such
        patterns (a role's label, a body's label, stated by hundreds of articles) multiplies
        the repeats; its own system graphs are in it too. kg's queries then read the kept
        union (`default-graph-uri`), which holds each statement once."""
        if self._server is None:
            self._select("ASK {}")
        return (self._server or "").lower().startswith("virtuoso")

    def _check_kept_union(self) -> None:
        """Before the first query: kg's graphs without their kept union (loaded in bulk from
        the N-Quads alone, say) would answer nothing. The union is made when kg can write,
        else the user is told how to load it. (asked once)"""
        if self._union_checked:
            return
        self._union_checked = True
        if bool(self._select(f"ASK {{ GRAPH {UNION_GRAPH} {{ ?s ?p ?o }} }}")) or not bool(
                self._select(f"ASK {{ GRAPH ?g {{ ?s ?p ?o }} {KG_GRAPHS} }}")):
            return
        if not self.update_endpoint:
            raise RemoteError(
                f"{self.endpoint}: kg's graphs are here without their union "
                f"{UNION_GRAPH}: load `kg export -o kg.nt` into it, or give --update-endpoint "
                "for kg to make it")
        self._update(SYNC_KEPT_UNION)

    def _union_default(self) -> bool:
        """Is the server's default graph the union of the named graphs? (asked once)"""
        if self._union is None:
            default = bool(self._select("ASK { ?s ?p ?o }"))
            named = bool(self._select("ASK { GRAPH ?g { ?s ?p ?o } }"))
            self._union = default or not named
        return self._union

    # -- reading -------------------------------------------------------------------------

    def query(
        self, sparql: str, substitutions: dict[ox.Variable, ox.NamedNode | ox.Literal] | None = None
    ) -> ox.QuerySolutions | ox.QueryBoolean:
        """Run a SELECT or ASK query over the union of the article graphs."""
        if substitutions:
            sparql = inline_values(sparql, substitutions)
        if self.keeps_union():
            self._check_kept_union()
            return self._select(sparql, [UNION_GRAPH.value], named=False)
        graphs = [] if self._union_default() else self._article_graphs()
        return self._select(sparql, graphs)

    content_hashes = Store.content_hashes
    stats = Store.stats
    union_triples = Store.union_triples
    #: The server keeps (or computes) its own union: kg keeps none beside the article graphs.
    union_kept = False

    def article_count(self) -> int:
        q = (f"SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?a a schema:NewsArticle }}"
             f" {KG_GRAPHS} }}")
        return int(next(iter(self._select(q)))["n"].value)

    def __len__(self) -> int:
        q = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {KG_GRAPHS} }}"
        return int(next(iter(self._select(q)))["n"].value)

    def quads(self) -> Iterator[ox.Quad]:
        q = f"SELECT ?g ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {KG_GRAPHS} }}"
        for s in self._select(q):
            yield ox.Quad(s["s"], s["p"], s["o"], s["g"])

    def export(self, out: IO[bytes], fmt: str) -> None:
        """As the embedded store: TriG/N-Quads one graph per article, the rest the union."""
        rdf_format = EXPORT_FORMATS[fmt]
        if fmt in ("trig", "nq"):  # JSON-LD too supports datasets, but it is the union
            prefixes = PREFIXES if fmt == "trig" else None
            ox.serialize(self.quads(), out, rdf_format, prefixes=prefixes)
        elif fmt == "nt":
            ox.serialize(self.union_triples(), out, rdf_format)
        else:
            ox.serialize(self.union_triples(), out, rdf_format, prefixes=PREFIXES)

    # -- writing -------------------------------------------------------------------------

    def update(self, sparql: str) -> None:
        """A user's SPARQL Update, then the kept union (if any) brought up to date."""
        self._update(sparql)
        if self.keeps_union():
            self._update(SYNC_KEPT_UNION)

    def _update(self, sparql: str) -> None:
        if not self.update_endpoint:
            raise RemoteError(f"{self.endpoint}: no update endpoint (give --update-endpoint)")
        self._post(self.update_endpoint, [("update", sparql_prefixes() + sparql)], "*/*")

    def replace_articles(self, batch: Iterable[tuple[ox.NamedNode, list[ox.Quad]]]) -> None:
        """Replace the graphs of a batch of articles: one SPARQL Update request for each
        `REQUEST_QUADS` quads or so (an article is never split), since servers cap a request's
        size (Virtuoso refuses a string over 10 MB): each article is replaced all or nothing."""
        chunk: list[tuple[ox.NamedNode, list[ox.Quad]]] = []
        size = 0
        for g, quads in batch:
            if chunk and size + len(quads) > REQUEST_QUADS:
                self._replace(chunk)
                chunk, size = [], 0
            chunk.append((g, quads))
            size += len(quads)
        self._replace(chunk)

    def _replace(self, batch: list[tuple[ox.NamedNode, list[ox.Quad]]]) -> None:
        if not batch:
            return
        if not self.keeps_union():
            self._update(replace_graphs_update(batch))
            self._union = None
            return
        # The kept union: the new statements added in the same request; when a stored graph
        # is replaced, the statements no graph makes any more are then taken out of it.
        graphs = " ".join(str(g) for g, _ in batch)
        replaced = bool(self._select(f"ASK {{ VALUES ?g {{ {graphs} }} GRAPH ?g {{ ?s ?p ?o }} }}"))
        # one block an article, as for the article graphs: Virtuoso's parser runs out of
        # stack on a block of some thousands of triples
        blocks = " ".join(
            f"GRAPH {UNION_GRAPH} {{ {' . '.join(str(q.triple) for q in quads)} }}"
            for _, quads in batch if quads)
        self._update(replace_graphs_update(batch)
                     + (f" ;\nINSERT DATA {{ {blocks} }}" if blocks else ""))
        if replaced:
            self._update(SYNC_KEPT_UNION)

    def replace_articles_nquads(self, batch: Iterable[tuple[ox.NamedNode, bytes]]) -> None:
        """`replace_articles` for articles serialized as N-Quads (from extraction workers)."""
        self.replace_articles(parse_nquads(batch))

    def flush(self) -> None:
        """Nothing to do: the server stores each request when it answers."""

    def optimize(self) -> None:
        """Nothing to do: the server manages its own storage."""

    def close(self) -> None:
        """Nothing held open between requests."""

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

