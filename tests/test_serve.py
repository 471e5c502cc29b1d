"""`kg serve` as users run it: the real CLI in a subprocess on a loopback port, real HTTP."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import SAMPLES, run_kg, stop_process

HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
PEOPLE = "SELECT DISTINCT ?n WHERE { ?p a schema:Person ; schema:name ?n } ORDER BY ?n"


class Server:
    def __init__(self, store: Path, *args: str) -> None:
        cmd = [sys.executable, "-m", "kg", "--store", str(store), "serve", "--port", "0", *args]
        self.proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
        line = self.proc.stderr.readline()
        m = re.search(r"at (http://[^/]+)/ ", line)
        if not m:
            self.proc.kill()
            raise AssertionError(f"kg serve did not start: {line}{self.proc.stderr.read()}")
        self.base = m.group(1)

    def request(self, path: str, data: bytes | None = None, headers: dict | None = None,
                method: str | None = None, timeout: float = 30) -> tuple[int, dict, bytes]:
        req = urllib.request.Request(self.base + path, data=data, headers=headers or {},
                                     method=method)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status, dict(r.headers), r.read()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read()

    def sparql(self, query: str, accept: str = "application/sparql-results+json",
               **kw) -> tuple[int, dict, bytes]:
        return self.request("/sparql?" + urllib.parse.urlencode({"query": query}),
                            headers={"Accept": accept}, **kw)

    def stop(self) -> None:
        stop_process(self.proc)
        self.proc.stderr.close()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "store"
    run_kg("ingest", str(SAMPLES), store=path)
    return path


@pytest.fixture(scope="module")
def server(store: Path) -> Iterator[Server]:
    s = Server(store, "--timeout", "2", "--max-results", "50", "--workers", "2")
    yield s
    s.stop()


def names(body: bytes) -> list[str]:
    return [b["n"]["value"] for b in json.loads(body)["results"]["bindings"]]


def test_listens_on_loopback_by_default(server: Server) -> None:
    assert server.base.startswith("http://127.0.0.1:")


def test_sparql_protocol(server: Server) -> None:
    status, headers, body = server.sparql(PEOPLE)
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
    assert "Nguyễn Mạnh Hùng" in names(body)
    form = urllib.parse.urlencode({"query": PEOPLE}).encode()
    status, _h, body2 = server.request(
        "/sparql", form, {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200 and names(body2) == names(body)
    status, _h, body3 = server.request(
        "/query", PEOPLE.encode(), {"Content-Type": "application/sparql-query"})
    assert status == 200 and names(body3) == names(body)
    status, headers, csv_body = server.sparql(PEOPLE, "text/csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert csv_body.decode().splitlines()[0] == "n" and "Nguyễn Mạnh Hùng" in csv_body.decode()
    status, _h, tsv = server.sparql(PEOPLE, "text/tab-separated-values")
    assert '"Nguyễn Mạnh Hùng"@vi' in tsv.decode()
    status, _h, ask = server.sparql("ASK { ?p schema:name \"Nguyễn Mạnh Hùng\"@vi }")
    assert status == 200 and json.loads(ask)["boolean"] is True
    status, headers, nt = server.sparql(
        "CONSTRUCT { ?p schema:name ?n } WHERE { ?p a schema:Person ; schema:name ?n }",
        "application/n-triples")
    assert status == 200 and "<https://schema.org/name>" in nt.decode()


def test_read_only(server: Server) -> None:
    before = server.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[2]
    form = urllib.parse.urlencode({"update": "DROP ALL"}).encode()
    for data, ctype in [(form, "application/x-www-form-urlencoded"),
                        (b"DROP ALL", "application/sparql-update"),
                        (b"DELETE WHERE { ?s ?p ?o }", "application/sparql-query")]:
        status, _h, body = server.request("/sparql", data, {"Content-Type": ctype})
        assert status == 403 and b"read-only" in body
    assert server.sparql("DROP ALL")[0] == 403
    assert server.request("/sparql?update=DROP%20ALL")[0] == 405
    assert server.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[2] == before


def test_bad_requests_get_4xx(server: Server) -> None:
    status, _h, body = server.sparql("SELECT ?x WHERE { ?x ")
    assert status == 400 and body.startswith(b"SPARQL syntax error")
    assert server.request("/sparql")[0] == 400  # no query
    assert server.request("/sparql?query=%FF%FE")[0] == 400  # not UTF-8
    big = b"#" * 2_000_000
    assert server.request("/sparql", big, {"Content-Type": "application/sparql-query"})[0] == 413
    assert server.request("/sparql", b"x", {"Content-Type": "text/plain"})[0] == 415
    assert server.request("/sparql", b"\xff", {"Content-Type": "application/sparql-query"}
                          )[0] == 400
    assert server.request("/nowhere")[0] == 404
    assert server.request("/sparql", b"", method="PUT")[0] == 405
    # a request line that is not HTTP, on a raw socket
    host, port = server.base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(b"GET / HTTP/1.x\r\n\r\n")
        assert sock.recv(100).startswith(b"HTTP/1.1 400")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(b"\x00\x01 garbage\r\n\r\n")
        assert sock.recv(1000).startswith(b"HTTP/1.1 400")
    assert server.sparql(PEOPLE)[0] == 200  # and the server goes on


def test_result_cap(server: Server) -> None:
    status, headers, body = server.sparql("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == 50
    assert "X-KG-Truncated" in headers
    status, headers, _b = server.sparql(PEOPLE)
    assert "X-KG-Truncated" not in headers


def test_query_timeout_does_not_take_the_server_down(server: Server) -> None:
    started = time.monotonic()
    status, _h, body = server.sparql(HEAVY)
    assert status == 503 and b"timed out" in body
    assert time.monotonic() - started < 10
    # both workers stuck at once: still answered, then the server recovers
    with ThreadPoolExecutor(3) as pool:
        results = list(pool.map(lambda _: server.sparql(HEAVY)[0], range(3)))
    assert set(results) == {503}
    status, _h, body = server.sparql(PEOPLE)
    assert status == 200 and "Nguyễn Mạnh Hùng" in names(body)


def test_concurrent_burst(server: Server) -> None:
    expected = names(server.sparql(PEOPLE)[2])
    with ThreadPoolExecutor(16) as pool:
        results = list(pool.map(lambda _: server.sparql(PEOPLE), range(64)))
    assert all(status == 200 for status, _h, _b in results)
    assert all(names(body) == expected for _s, _h, body in results)


def test_search_page_and_api(server: Server) -> None:
    status, headers, page = server.request("/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert b'id="search"' in page
    status, _h, body = server.request("/api/search?" + urllib.parse.urlencode({"q": "mạnh hùng"}))
    found = json.loads(body)["results"]
    assert status == 200 and found[0]["label"] == "Nguyễn Mạnh Hùng"
    assert found[0]["type"] == "schema:Person"
    iri = urllib.parse.urlencode({"iri": found[0]["e"]})
    status, _h, body = server.request("/api/entity?" + iri)
    entity = json.loads(body)
    assert status == 200
    assert any(p["title"] == "Bộ trưởng" and p["body"] == "Bộ Thông tin và Truyền thông"
               and "Nguyễn Mạnh Hùng" in p["evidence"] for p in entity["positions"])
    assert any("khâu đầu tiên" in c["text"] and c["text"].rstrip(".") in c["evidence"]
               for c in entity["claims"])
    assert any(r["p_short"] == "schema:mentions" for r in entity["in"])
    for q in ['"} ; DROP ALL', "<script>", "x" * 300, ""]:
        status, _h, _b = server.request("/api/search?" + urllib.parse.urlencode({"q": q}))
        assert status in (200, 400)
    assert server.request("/api/entity?iri=not%20an%20iri")[0] == 400


def test_allow_update(tmp_path: Path, store: Path) -> None:
    copy = tmp_path / "store"
    run_kg("ingest", str(SAMPLES / "mau-03-ngay-cds.txt"), store=copy)
    s = Server(copy, "--allow-update")
    try:
        update = ('INSERT DATA { GRAPH <urn:x:g> { <urn:x:p> a schema:Person ; '
                  'schema:name "X Y Z" } }')
        status, _h, _b = s.request("/sparql", update.encode(),
                                   {"Content-Type": "application/sparql-update"})
        assert status == 200
        assert "X Y Z" in names(s.sparql(PEOPLE)[2])
    finally:
        s.stop()


def test_missing_store_is_one_line(tmp_path: Path) -> None:
    proc = run_kg("serve", "--port", "0", store=tmp_path / "none", check=False, timeout=60)
    assert proc.returncode == 1
    assert proc.stderr.startswith("kg: error:") and len(proc.stderr.splitlines()) == 1
