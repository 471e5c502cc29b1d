"""`--endpoint`: the same pipeline against a real `oxigraph serve` (PyPI package `oxigraph`)
started here on a loopback port, compared with the embedded store."""

from __future__ import annotations

import csv
import io
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import SAMPLES, SEEDS, run_kg
from servers import OxigraphServer, free_port
from test_named_queries import HOSTILE, REQUIRED, hostile_store

from kg import named_queries as nq
from kg.named_queries import inline_values
from kg.remote import RemoteStore, canonical_booleans
from kg.store import Store


def inputs() -> list[str]:
    return [str(SAMPLES)] + ([str(SEEDS)] if SEEDS.exists() else [])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    s = OxigraphServer(tmp_path_factory.mktemp("oxigraph"))
    yield s
    s.stop()


@pytest.fixture(scope="module")
def both(server: OxigraphServer, tmp_path_factory: pytest.TempPathFactory
         ) -> tuple[list[str], list[str]]:
    """The same articles ingested into the server and into an embedded store: the kg
    arguments that reach each."""
    local = tmp_path_factory.mktemp("local") / "store"
    run_kg("ingest", *inputs(), store=local)
    out = run_kg(*server.args(), "ingest", *inputs()).stdout
    assert out.startswith("ingested ")
    return server.args(), ["--store", str(local)]


def csv_rows(args: list[str], *query: str) -> list[tuple[str, ...]]:
    out = run_kg(*args, "query", *query, "--format", "csv").stdout
    return sorted(tuple(r) for r in csv.reader(io.StringIO(out)))


@pytest.mark.parametrize("name", sorted(nq.load_all()))
def test_named_queries_same_on_server(both: tuple[list[str], list[str]], name: str) -> None:
    remote, local = both
    params = [x for k, v in REQUIRED.get(name, {}).items() for x in ("--param", f"{k}={v}")]
    got, expected = csv_rows(remote, name, *params), csv_rows(local, name, *params)
    assert len(expected) > 1  # a header and answers
    assert got == expected


def test_parameters_same_on_server(both: tuple[list[str], list[str]]) -> None:
    remote, local = both
    for query in (("positions", "--param", "person=Nguyễn Mạnh Hùng"),
                  ("positions", "--param", "body=Bộ TT&TT"),
                  ("decisions", "--param", "issuer=Thủ tướng Chính phủ"),
                  ("approvals", "--param", "decision=749/QĐ-TTg")):
        expected = csv_rows(local, *query)
        assert len(expected) > 1, query
        assert csv_rows(remote, *query) == expected


def test_stats_export_and_incremental_ingest(both: tuple[list[str], list[str]],
                                             tmp_path: Path) -> None:
    remote, local = both
    # the same counts (the types come in the order each engine groups them)
    assert sorted(run_kg(*remote, "stats").stdout.splitlines()) == \
        sorted(run_kg(*local, "stats").stdout.splitlines())
    for fmt in ("nq", "nt"):
        a, b = tmp_path / f"remote.{fmt}", tmp_path / f"local.{fmt}"
        run_kg(*remote, "export", "-o", str(a))
        run_kg(*local, "export", "-o", str(b))
        parse = ox.RdfFormat.N_QUADS if fmt == "nq" else ox.RdfFormat.N_TRIPLES
        assert set(ox.parse(path=str(a), format=parse)) == set(ox.parse(path=str(b), format=parse))
    again = run_kg(*remote, "ingest", *inputs()).stdout
    assert again.startswith("ingested 0 article(s)") and "unchanged" in again


def test_reingest_replaces_an_article(server: OxigraphServer, tmp_path: Path) -> None:
    article = tmp_path / "mau-ghi-de.txt"
    article.write_text("Thứ trưởng Bộ Y tế Lưu Quang Khải phát biểu tại hội nghị.\n",
                       encoding="utf-8")
    run_kg(*server.args(), "ingest", str(article))
    q = 'ASK { ?p schema:name "Lưu Quang Khải"@vi }'
    assert run_kg(*server.args(), "query", q).stdout.strip() == "true"
    article.write_text("Bộ trưởng Bộ Y tế Hà Minh Triết phát biểu tại hội nghị.\n",
                       encoding="utf-8")
    run_kg(*server.args(), "ingest", str(article))
    assert run_kg(*server.args(), "query", q).stdout.strip() == "false"
    q2 = 'ASK { ?p schema:name "Hà Minh Triết"@vi }'
    assert run_kg(*server.args(), "query", q2).stdout.strip() == "true"
    run_kg(*server.args(), "query", "--allow-update",
           "DROP GRAPH <https://w3id.org/vnkg/id/article/mau-ghi-de>")


def test_hostile_parameter_on_a_union_default_graph_server(tmp_path: Path) -> None:
    local = tmp_path / "local"
    hostile_store(local)
    s = OxigraphServer(tmp_path / "ox", "--union-default-graph")
    try:
        remote = RemoteStore(s.base + "/query", s.base + "/update")
        with Store(local, read_only=True) as src:
            remote.replace_articles(
                (g, list(src.ox.quads_for_pattern(None, None, None, g)))
                for g in src.ox.named_graphs())
        assert remote._union_default()  # the server's default graph is the union
        before = len(remote)
        q = nq.get("positions")
        got = list(remote.query(q.text, nq.bindings(q, {"person": HOSTILE})))
        assert [s_["person"].value for s_ in got] == [HOSTILE]
        for value in ['x" } ; DROP ALL ; #', "} ; DROP ALL", "?person"]:
            assert not list(remote.query(q.text, nq.bindings(q, {"person": value})))
        assert len(remote) == before > 0
    finally:
        s.stop()


def test_inline_values() -> None:
    subs = {ox.Variable("x"): ox.Literal('a" } DROP ALL {', language="vi")}
    q = 'SELECT ?x WHERE { ?s ?p "WHERE {" . # WHERE {\n ?s ?p ?x }'
    out = inline_values(q, subs)
    assert out.startswith('SELECT ?x WHERE { VALUES (?x) { ("a\\" } DROP ALL {"@vi) }')
    c = "CONSTRUCT { ?s ?p ?x } WHERE { ?s ?p ?x }"
    assert inline_values(c, subs).startswith("CONSTRUCT { ?s ?p ?x } WHERE { VALUES")
    short = "SELECT * { ?s ?p ?x }"
    assert inline_values(short, subs).startswith("SELECT * { VALUES")
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), subs[ox.Variable("x")]))
    assert len(list(store.query(inline_values("SELECT ?s WHERE { ?s ?p ?x }", subs)))) == 1


class _Recorder(BaseHTTPRequestHandler):
    seen: list[str | None] = []

    def do_POST(self) -> None:  # noqa: N802 - stdlib's name
        type(self).seen.append(self.headers.get("Authorization"))
        self.rfile.read(int(self.headers["Content-Length"]))
        body = json.dumps({"head": {}, "boolean": True}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_credentials_from_the_environment() -> None:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/sparql"
    try:
        env = {"KG_ENDPOINT_USER": "kg", "KG_ENDPOINT_PASSWORD": "bí mật"}
        assert bool(RemoteStore(url, env=env)._select("ASK {}"))
        assert bool(RemoteStore(url, env={"KG_ENDPOINT_TOKEN": "t0k"})._select("ASK {}"))
        assert bool(RemoteStore(url, env={})._select("ASK {}"))
    finally:
        httpd.shutdown()
    import base64
    basic = "Basic " + base64.b64encode("kg:bí mật".encode()).decode()
    assert _Recorder.seen == [basic, "Bearer t0k", None]


def test_unreachable_endpoint_is_one_line() -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    proc = run_kg("--endpoint", url, "query", "positions", check=False)
    assert proc.returncode == 1
    assert "cannot reach the SPARQL server" in proc.stderr
    assert len(proc.stderr.splitlines()) == 1
    proc = run_kg("--endpoint", "ftp://example/q", "stats", check=False)
    assert proc.returncode == 1 and "not an http(s) URL" in proc.stderr


def test_render_binds_values_in_plain_sparql(tmp_path: Path) -> None:
    """`render` gives one text that runs anywhere: kg's prefixes, then the query with a VALUES
    block for each given parameter (at its `# VALUES ?x` marks, else at the head of WHERE);
    a parameter left out stays unbound."""
    q = nq.get("positions")
    text = nq.render(q, {"person": 'Ng "A" }'})
    assert text.startswith("PREFIX ") and 'VALUES (?person) { ("Ng \\"A\\" }"@vi) }' in text
    assert "VALUES" not in nq.render(q, {}, prefixes=False).split("WHERE", 1)[1]
    t = nq.render(nq.get("timeline"), {"actor": "Bộ Y tế"}, prefixes=False)
    assert t.count('VALUES ?actor { "Bộ Y tế"@vi }') == 5 and "# VALUES ?actor\n" not in t
    with pytest.raises(nq.NamedQueryError):
        nq.render(nq.get("timeline"), {})  # a required parameter
    store = ox.Store()  # the text stands alone: no prefixes given to the engine
    assert list(store.query(nq.render(q, {"body": "Bộ Y tế"}))) == []


def test_oxigraph_sort_keys_keep_the_answer(tmp_path: Path) -> None:
    """The embedded store's rewrite of `ORDER BY STR(?x)` gives the same rows in the same
    order as the query as published."""
    run_kg("ingest", "--jobs", "1", str(SAMPLES), store=tmp_path / "store")
    with Store(tmp_path / "store", read_only=True) as store:
        for name in ("positions", "claims", "approvals", "decisions"):
            text = nq.render(nq.get(name), {}, prefixes=False)
            fast = nq.oxigraph_sort_keys(text)
            assert fast != text and "kg_sort_1" in fast
            a = [[str(t) for t in row] for row in store.query(text)]
            b = [[str(t) for t in row] for row in store.query(fast)]
            assert a == b and a, name
    plain = "SELECT ?x WHERE { ?x ?p ?o } ORDER BY ?x"
    assert nq.oxigraph_sort_keys(plain) == plain


def test_oxigraph_text_drops_only_the_tests_of_parameters_left_out(tmp_path: Path) -> None:
    """The embedded store's text drops `FILTER(!BOUND(?x) || …)` for a parameter left out
    (true on every row) and keeps it for one given: the same rows either way."""
    run_kg("ingest", "--jobs", "1", str(SAMPLES), store=tmp_path / "store")
    with Store(tmp_path / "store", read_only=True) as store:
        for name, values in (("claims", {}), ("claims", {"speaker": "Bộ Y tế"}),
                             ("said-about", {}), ("said-about", {"topic": "số"}),
                             ("decisions", {}), ("positions", {"body": "Bộ Y tế"})):
            text = nq.render(nq.get(name), values, prefixes=False)
            fast = nq.oxigraph_text(text)
            assert ("FILTER(!BOUND" in fast) == bool(values), (name, values)
            a = [[str(t) for t in row] for row in store.query(text)]
            b = [[str(t) for t in row] for row in store.query(fast)]
            assert a == b, (name, values)


def test_canonical_booleans() -> None:
    body = json.dumps({"head": {"vars": ["f", "n"]}, "results": {"bindings": [
        {"f": {"type": "literal", "value": "1",
               "datatype": "http://www.w3.org/2001/XMLSchema#boolean"},
         "n": {"type": "literal", "value": "1",
               "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]}}).encode()
    row = next(iter(ox.parse_query_results(canonical_booleans(body),
                                           ox.QueryResultsFormat.JSON)))
    assert row["f"].value == "true" and row["n"].value == "1"
