"""`kg serve`: a SPARQL 1.1 Protocol endpoint over the store, and a small search page.

Safe by default: it listens on 127.0.0.1, refuses SPARQL Update (403) unless started with
`--allow-update`, and bounds every request:

* queries run in worker processes that hold the store open (read-only unless updates are
  allowed); a query still running after `timeout` seconds gets its worker killed and replaced
  and the client a 503, because pyoxigraph cannot cancel a query and a thread would keep
  burning a core; when every worker is busy for `timeout` seconds the answer is 503 as well;
* at most `max_results` rows (or triples) are returned; a longer answer is cut and says so in
  the `X-KG-Truncated` header;
* a request body over `max_body` bytes gets 413, a malformed request 400 (with the SPARQL
  parser's message), an unknown method 405, an unknown path 404: never a crash.

Endpoints: `/sparql` (also `/query`; GET `?query=`, POST form or `application/sparql-query`;
updates by POST form `update=` or `application/sparql-update`), `/` the search page,
`/api/search?q=` and `/api/entity?iri=` (JSON) behind it.
"""

from __future__ import annotations

import csv
import io
import json
import multiprocessing as mp
import queue
import threading
import time
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.query import is_update, syntax_error_message
from kg.store import Store, StoreError
from kg.vocab import PREFIXES

STATIC = Path(__file__).resolve().parent / "static"

SELECT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
#: Oversized bodies up to this size are read and dropped before the 413 answer; beyond it the
#: connection is closed after the answer.
DRAIN_LIMIT = 16_000_000
GRAPH_TYPES = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
}


@dataclass
class Limits:
    timeout: float = 10.0
    max_results: int = 10_000
    max_body: int = 1_000_000
    workers: int = 2


class Refused(Exception):
    """A request the server answers with an HTTP error status and a one-line message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


# -- the worker processes --------------------------------------------------------------------


def _term_json(t: Any) -> dict[str, str]:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    d = {"type": "literal", "value": t.value}
    if t.language:
        d["xml:lang"] = t.language
    elif t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        d["datatype"] = t.datatype.value
    return d


def _solutions(result: ox.QuerySolutions, fmt: str, cap: int) -> tuple[bytes, bool]:
    """Serialize at most `cap` rows (SPARQL JSON, CSV or TSV); True when rows were left out."""
    names = [v.value for v in result.variables]
    rows, truncated = [], False
    for sol in result:
        if len(rows) >= cap:
            truncated = True
            break
        rows.append([sol[n] for n in names])
    if fmt == "json":
        bindings = [{n: _term_json(t) for n, t in zip(names, r, strict=True) if t is not None}
                    for r in rows]
        doc = {"head": {"vars": names}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False).encode("utf-8"), truncated
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(names)
        w.writerows([["" if t is None else t.value for t in r] for r in rows])
        return buf.getvalue().encode("utf-8"), truncated
    lines = ["\t".join("?" + n for n in names)]
    lines += ["\t".join("" if t is None else str(t) for t in r) for r in rows]
    return ("\n".join(lines) + "\n").encode("utf-8"), truncated


def run_request(store: Store, msg: tuple) -> tuple:
    """Run one request in a worker: ("query", text, substitutions, accept, cap) or
    ("update", text). Returns ("ok", content type, body, truncated) or (status, message)."""
    kind, text = msg[0], msg[1]
    try:
        if kind == "update":
            store.update(text)
            store.flush()
            return ("ok", "text/plain; charset=utf-8", b"update done\n", False)
        _kind, _text, subs, accept, cap = msg
        result = store.query(text, subs)
        if isinstance(result, ox.QueryBoolean):
            if accept in ("text/csv", "text/tab-separated-values"):
                return ("ok", accept, b"true\n" if bool(result) else b"false\n", False)
            body = json.dumps({"head": {}, "boolean": bool(result)}).encode("utf-8")
            return ("ok", "application/sparql-results+json", body, False)
        if isinstance(result, ox.QueryTriples):
            fmt = GRAPH_TYPES.get(accept, ox.RdfFormat.N_TRIPLES)
            triples, truncated = [], False
            for t in result:
                if len(triples) >= cap:
                    truncated = True
                    break
                triples.append(t)
            buf = io.BytesIO()
            ox.serialize(triples, buf, fmt)
            return ("ok", fmt.media_type, buf.getvalue(), truncated)
        fmt = SELECT_TYPES.get(accept, "json")
        body, truncated = _solutions(result, fmt, cap)
        ctype = {"json": "application/sparql-results+json", "csv": "text/csv",
                 "tsv": "text/tab-separated-values"}[fmt]
        return ("ok", ctype + "; charset=utf-8", body, truncated)
    except SyntaxError as e:
        return (400, syntax_error_message(e))
    except (OSError, RuntimeError, ValueError) as e:
        first = str(e).splitlines()[0] if str(e) else type(e).__name__
        return (500, f"query failed: {first}")


def _worker(path: str, read_only: bool, conn: Connection) -> None:
    try:
        store = Store(path, read_only=read_only)
    except StoreError as e:
        conn.send(("error", str(e)))
        return
    conn.send(("ready",))
    while True:
        try:
            msg = conn.recv()
        except EOFError:
            return
        if msg is None:
            return
        conn.send(run_request(store, msg))


class _Worker:
    def __init__(self, ctx: Any, path: Path, read_only: bool, wait: float) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker, args=(str(path), read_only, child), daemon=True)
        self.proc.start()
        child.close()
        if not self.conn.poll(wait):
            self.kill()
            raise StoreError(f"{path}: the query worker did not start in {wait:g} s")
        hello = self.conn.recv()
        if hello[0] != "ready":
            self.proc.join(1)
            raise StoreError(hello[1])

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class WorkerPool:
    """Worker processes, each with the store open; a request waits for a free one."""

    def __init__(self, path: Path, limits: Limits, *, read_only: bool = True) -> None:
        self.path, self.limits, self.read_only = path, limits, read_only
        self._ctx = mp.get_context("spawn")
        size = limits.workers if read_only else 1  # one writer holds the store
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        for _ in range(size):
            self._add(self._spawn())

    def _spawn(self) -> _Worker:
        return _Worker(self._ctx, self.path, self.read_only, wait=30.0)

    def _add(self, w: _Worker) -> None:
        with self._lock:
            self._all.append(w)
        self._idle.put(w)

    def run(self, msg: tuple) -> tuple:
        deadline = time.monotonic() + self.limits.timeout
        try:
            w = self._idle.get(timeout=self.limits.timeout)
        except queue.Empty:
            raise Refused(503, "server busy: every query worker is in use; try again") from None
        try:
            w.conn.send(msg)
            if w.conn.poll(max(deadline - time.monotonic(), 0.01)):
                reply = w.conn.recv()
                self._idle.put(w)
                return reply
            failure = Refused(503, f"query timed out after {self.limits.timeout:g} s")
        except (OSError, EOFError):
            failure = Refused(500, "the query worker died; it has been restarted")
        self._replace(w)
        raise failure

    def _replace(self, w: _Worker) -> None:
        """Kill a worker (the only way to stop a running pyoxigraph query) and start another."""
        with self._lock:
            if w in self._all:
                self._all.remove(w)
        w.kill()
        try:
            self._add(self._spawn())
        except StoreError:
            pass  # the next requests share the remaining workers

    def close(self) -> None:
        with self._lock:
            workers, self._all = self._all, []
        for w in workers:
            w.kill()


# -- the web page's API ----------------------------------------------------------------------

SEARCH = """
SELECT ?e (MIN(STR(?l)) AS ?label) (MIN(?t) AS ?type) ?q WHERE {
  ?e (schema:name|skos:prefLabel|skos:altLabel) ?l ; a ?t .
  VALUES ?t { schema:Person org:Organization schema:AdministrativeArea eli:LegalResource
              kg:Program schema:Event }
  FILTER(CONTAINS(LCASE(STR(?l)), LCASE(STR(?q))))
} GROUP BY ?e ?q ORDER BY STRLEN(?label) ?label LIMIT 50
"""

ENTITY = {
    "facts": """SELECT DISTINCT ?e ?p ?o WHERE { ?e ?p ?o FILTER(isLiteral(?o) || ?p = rdf:type)
                } ORDER BY ?p ?o LIMIT 200""",
    "out": """SELECT ?e ?p ?o (SAMPLE(STR(?l)) AS ?label) WHERE {
                ?e ?p ?o FILTER(isIRI(?o) && ?p != rdf:type)
                OPTIONAL { ?o schema:name|skos:prefLabel ?l } } GROUP BY ?e ?p ?o ORDER BY ?p ?o
                LIMIT 200""",
    "in": """SELECT ?e ?s ?p (SAMPLE(STR(?l)) AS ?label) WHERE {
                ?s ?p ?e FILTER(?p NOT IN (schema:author, org:member, org:organization))
                OPTIONAL { ?s schema:name|skos:prefLabel|schema:headline ?l } }
                GROUP BY ?e ?s ?p ORDER BY ?p ?s LIMIT 200""",
    "positions": """SELECT DISTINCT ?e ?person ?title ?body ?evidence ?article WHERE {
                ?m a org:Membership ; org:member ?p ; org:role/skos:prefLabel ?title ;
                   kg:evidence ?ev .
                { ?m org:member ?e } UNION { ?m org:organization ?e }
                ?ev oa:hasSource/schema:identifier ?article ; oa:hasSelector/oa:exact ?evidence .
                ?p schema:name ?person .
                OPTIONAL { ?m org:organization/skos:prefLabel ?body } }
                ORDER BY ?person ?title LIMIT 200""",
    "claims": """SELECT DISTINCT ?e ?text ?evidence ?article ?date WHERE {
                ?c a schema:Claim ; schema:author ?e ; schema:text ?text ;
                   kg:evidence ?ev .
                ?ev oa:hasSource/schema:identifier ?article ; oa:hasSelector/oa:exact ?evidence .
                OPTIONAL { ?c schema:dateCreated ?date } } ORDER BY ?date ?article LIMIT 200""",
}


def _rows(reply: tuple) -> list[dict[str, str]]:
    if reply[0] != "ok":
        raise Refused(reply[0], reply[1])
    doc = json.loads(reply[2])
    return [{k: v["value"] for k, v in b.items()} for b in doc["results"]["bindings"]]


def _short(iri: str) -> str:
    for p, base in PREFIXES.items():
        if iri.startswith(base):
            return f"{p}:{iri[len(base):]}"
    return iri


# -- HTTP ------------------------------------------------------------------------------------


class Handler(BaseHTTPRequestHandler):
    server: KgServer
    protocol_version = "HTTP/1.1"
    default_request_version = "HTTP/1.0"  # answers to unreadable request lines get a status line
    error_content_type = "text/plain; charset=utf-8"
    error_message_format = "%(code)d %(message)s\n"
    timeout = 30  # seconds a client may take to send its request

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib's name
        if not self.server.quiet:
            super().log_message(format, *args)

    # every failure becomes a short text answer with its status
    def _send(self, status: int, body: bytes, ctype: str, headers: dict[str, str] | None = None,
              ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def _dispatch(self) -> None:
        try:
            url = urllib.parse.urlsplit(self.path)
            route = {"/sparql": self._sparql, "/query": self._sparql, "/": self._page,
                     "/index.html": self._page, "/api/search": self._search,
                     "/api/entity": self._entity}.get(url.path)
            if route is None:
                raise Refused(404, f"no such path: {url.path}")
            route(url)
        except Refused as e:
            self._error(e.status, str(e))
        except (ConnectionError, TimeoutError):
            self.close_connection = True
        except Exception as e:  # a bug: still an answer, and the server goes on
            self._error(500, f"internal error: {type(e).__name__}")

    do_GET = do_POST = do_HEAD = _dispatch

    def _not_allowed(self) -> None:
        self._error(405, f"method {self.command} not allowed")

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _not_allowed

    # -- request parsing

    def _params(self, url: urllib.parse.SplitResult) -> dict[str, list[str]]:
        try:
            return urllib.parse.parse_qs(url.query, errors="strict", max_num_fields=100)
        except (UnicodeDecodeError, ValueError) as e:
            raise Refused(400, f"malformed query string: {e}") from None

    def _body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            raise Refused(411, "send a Content-Length, not a chunked body")
        length = self.headers.get("Content-Length")
        if length is None:
            raise Refused(411, "a POST needs a Content-Length")
        try:
            n = int(length)
        except ValueError:
            raise Refused(400, "bad Content-Length") from None
        if n < 0:
            raise Refused(400, "bad Content-Length")
        if n > self.server.limits.max_body:
            self.close_connection = True
            if n <= DRAIN_LIMIT:  # read it away, so that the client gets to read the answer
                while n > 0:
                    chunk = self.rfile.read(min(n, 65536))
                    if not chunk:
                        break
                    n -= len(chunk)
            raise Refused(413, f"request body over {self.server.limits.max_body:,} bytes")
        return self.rfile.read(n)

    def _sparql(self, url: urllib.parse.SplitResult) -> None:
        params = self._params(url)
        query = update = None
        if self.command == "POST":
            ctype = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
            body = self._body()
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:
                raise Refused(400, "request body is not UTF-8") from None
            if ctype == "application/sparql-query":
                query = text
            elif ctype == "application/sparql-update":
                update = text
            elif ctype == "application/x-www-form-urlencoded":
                try:
                    form = urllib.parse.parse_qs(text, errors="strict", max_num_fields=100)
                except (UnicodeDecodeError, ValueError) as e:
                    raise Refused(400, f"malformed form: {e}") from None
                query = (form.get("query") or [None])[0]
                update = (form.get("update") or [None])[0]
            else:
                raise Refused(415, f"unsupported Content-Type {ctype or '(none)'}")
        elif params.get("update"):
            raise Refused(405, "SPARQL Update only by POST")
        else:
            query = (params.get("query") or [None])[0]
        if update is not None or (query is not None and is_update(query)):
            if not self.server.allow_update:
                raise Refused(403, "this server is read-only (start it with --allow-update)")
            reply = self.server.pool.run(("update", update if update is not None else query))
            self._reply(reply)
            return
        if not query:
            raise Refused(400, "no query: give ?query=… (SPARQL 1.1 Protocol)")
        accept = self._accept()
        cap = self.server.limits.max_results
        self._reply(self.server.pool.run(("query", query, None, accept, cap)))

    def _accept(self) -> str:
        for part in self.headers.get("Accept", "").split(","):
            media = part.split(";")[0].strip().lower()
            if media in SELECT_TYPES or media in GRAPH_TYPES:
                return media
        return "application/sparql-results+json"

    def _reply(self, reply: tuple) -> None:
        if reply[0] != "ok":
            raise Refused(reply[0], reply[1])
        _ok, ctype, body, truncated = reply
        headers = {}
        if truncated:
            headers["X-KG-Truncated"] = f"results cut at {self.server.limits.max_results}"
        self._send(200, body, ctype, headers)

    # -- the page and its API

    def _page(self, _url: urllib.parse.SplitResult) -> None:
        body = (STATIC / "index.html").read_bytes()
        self._send(200, body, "text/html; charset=utf-8")

    def _run_json(self, sparql: str, subs: dict) -> list[dict[str, str]]:
        cap = self.server.limits.max_results
        return _rows(self.server.pool.run(("query", sparql, subs,
                                           "application/sparql-results+json", cap)))

    def _search(self, url: urllib.parse.SplitResult) -> None:
        q = (self._params(url).get("q") or [""])[0].strip()
        if not q:
            raise Refused(400, "give ?q=… (part of a name)")
        if len(q) > 200:
            raise Refused(400, "search text over 200 characters")
        rows = self._run_json(SEARCH, {ox.Variable("q"): ox.Literal(q)})
        for r in rows:
            r["type"] = _short(r["type"])
        self._json({"results": rows})

    def _entity(self, url: urllib.parse.SplitResult) -> None:
        iri = (self._params(url).get("iri") or [""])[0]
        try:
            node = ox.NamedNode(iri)
        except ValueError:
            raise Refused(400, "give ?iri=… (an entity's IRI)") from None
        subs = {ox.Variable("e"): node}
        out: dict[str, Any] = {"iri": iri}
        for key, sparql in ENTITY.items():
            rows = self._run_json(sparql, subs)
            for r in rows:
                for k in ("p", "o") if key in ("facts", "out") else ("p",):
                    if k in r and r[k].startswith("http"):
                        r[k + "_short"] = _short(r[k])
            out[key] = rows
        self._json(out)

    def _json(self, doc: dict) -> None:
        body = json.dumps(doc, ensure_ascii=False).encode("utf-8")
        self._send(200, body, "application/json; charset=utf-8")


class KgServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], pool: WorkerPool, limits: Limits, *,
                 allow_update: bool = False, quiet: bool = False) -> None:
        super().__init__(address, Handler)
        self.pool, self.limits, self.allow_update, self.quiet = pool, limits, allow_update, quiet


def make_server(store_path: Path, host: str = "127.0.0.1", port: int = 7878, *,
                limits: Limits | None = None, allow_update: bool = False,
                quiet: bool = False) -> KgServer:
    """Open the store (a StoreError if it cannot be) and bind the address (OSError)."""
    limits = limits or Limits()
    if not allow_update:
        Store(store_path, read_only=True).close()  # a missing store: one line, before workers
    pool = WorkerPool(store_path, limits, read_only=not allow_update)
    try:
        return KgServer((host, port), pool, limits, allow_update=allow_update, quiet=quiet)
    except OSError:
        pool.close()
        raise
