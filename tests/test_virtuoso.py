"""`--endpoint` against Virtuoso Open-Source 7 (Debian package `virtuoso-opensource`, installed
by `make virtuoso`), started here from its binary on loopback ports, with SPARQL update granted
to the endpoint's user: the seeds and the samples, then 500 corpus articles, ingested through
the remote path; every named query, with and without its parameters, `kg stats`, `kg export`
and `kg viz` give the embedded store's answers. Rows are compared as sets, and where the query
orders them, the sequence of its sort keys too (rows that tie on every key may come in any
order)."""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import CORPUS, SAMPLES, SEEDS, run_kg
from servers import VirtuosoServer
from test_named_queries import HOSTILE

from kg import named_queries as nq
from kg.rdf import entity_iri

#: A value for each parameter of each named query: every query runs without its optional
#: parameters, then with each of them.
VALUES = {
    "approvals": {"decision": "749/QĐ-TTg"},
    "claims": {"speaker": "Nguyễn Mạnh Hùng"},
    "decisions": {"issuer": "Thủ tướng Chính phủ"},
    "positions": {"person": "Nguyễn Mạnh Hùng", "body": "Bộ TT&TT"},
    "programs-by-issuer": {"issuer": "TTg"},
    "province": {"province": "Quảng Ninh"},
    "said-about": {"topic": "nền tảng số"},
    "shared-actors": {"article1": "mau-01-chuong-trinh-cds", "article2": "mau-02-dich-vu-cong"},
    "timeline": {"actor": "Nguyễn Mạnh Hùng"},
}
#: Other values on the corpus sample (the seeds' names are rare in it).
CORPUS_VALUES = {
    "positions": {"body": "Bộ Y tế"},
    "province": {"province": "Hà Nội"},
    "said-about": {"topic": "chuyển đổi số"},
    "shared-actors": {"article1": "news_business_001"},
    "timeline": {"actor": "Bộ Y tế"},
    "decisions": {"issuer": "Chính phủ"},
}


def value_of(name: str, param: nq.Param, values: dict[str, dict[str, str]]) -> str | None:
    """The value a test gives a parameter: from `values`, else the example of its help."""
    if param.name in values.get(name, {}):
        return values[name][param.name]
    m = re.search(r'e\.g\. "([^"]+)"', param.help)
    return m.group(1) if m else None


def cases(values: dict[str, dict[str, str]]) -> list[tuple[str, dict[str, str]]]:
    """Each named query with its required parameters only, then with each optional one
    (a query added to the library is covered by the examples of its parameters' help)."""
    out = []
    for name, q in sorted(nq.load_all().items()):
        given = {p.name: value_of(name, p, values) for p in q.params}
        required = {p.name: given[p.name] or "" for p in q.params if p.required}
        out.append((name, required))
        for p in q.params:
            if not p.required and given[p.name] is not None:
                out.append((name, {**required, p.name: given[p.name] or ""}))
    return out


def test_every_parameter_has_a_value() -> None:
    for name, q in nq.load_all().items():
        for p in q.params:
            assert value_of(name, p, VALUES) is not None, (name, p.name)


def sort_keys(query: nq.NamedQuery) -> list[str]:
    """The projected variables the query orders its rows by (`?x` or `STR(?x)`)."""
    m = re.search(r"^ORDER BY (.+)$", query.text, re.M)
    return re.findall(r"\?(\w+)", m.group(1)) if m else []


def answer(args: list[str], name: str, values: dict[str, str]) -> list[dict[str, str]]:
    params = [x for k, v in values.items() for x in ("--param", f"{k}={v}")]
    out = run_kg(*args, "query", name, *params, "--format", "csv").stdout
    return list(csv.DictReader(io.StringIO(out)))


def assert_same_answers(remote: list[str], local: list[str], name: str,
                        values: dict[str, str]) -> int:
    got, expected = answer(remote, name, values), answer(local, name, values)
    assert sorted(map(sorted, (r.items() for r in got))) == \
        sorted(map(sorted, (r.items() for r in expected))), (name, values)
    keys = sort_keys(nq.get(name))
    assert [[r[k] for k in keys] for r in got] == [[r[k] for k in keys] for r in expected]
    return len(expected)


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    s = VirtuosoServer(tmp_path_factory.mktemp("virtuoso"))
    yield s
    s.stop()


def inputs() -> list[str]:
    return [str(SAMPLES)] + ([str(SEEDS)] if SEEDS.exists() else [])


@pytest.fixture(scope="module")
def both(virtuoso: VirtuosoServer, tmp_path_factory: pytest.TempPathFactory
         ) -> tuple[list[str], list[str]]:
    """The seeds and the samples ingested into Virtuoso and into an embedded store."""
    local = tmp_path_factory.mktemp("local") / "store"
    run_kg("ingest", "--jobs", "1", *inputs(), store=local)
    out = run_kg(*virtuoso.args(), "ingest", "--jobs", "1", *inputs()).stdout
    assert out.startswith("ingested ")
    return virtuoso.args(), ["--store", str(local)]


@pytest.mark.parametrize(("name", "values"), cases(VALUES),
                         ids=lambda x: x if isinstance(x, str) else ",".join(x) or "-")
def test_named_query_same_on_virtuoso(both: tuple[list[str], list[str]], name: str,
                                      values: dict[str, str]) -> None:
    remote, local = both
    rows = assert_same_answers(remote, local, name, values)
    if name in VALUES and (SEEDS.exists() or name != "province"):  # Quảng Ninh: the seeds'
        assert rows > 0, (name, values)


def test_stats_export_and_viz_same_on_virtuoso(both: tuple[list[str], list[str]],
                                               tmp_path: Path) -> None:
    remote, local = both
    stats = run_kg(*remote, "stats").stdout
    assert sorted(stats.splitlines()) == sorted(run_kg(*local, "stats").stdout.splitlines())
    for fmt, parse in (("nq", ox.RdfFormat.N_QUADS), ("nt", ox.RdfFormat.N_TRIPLES)):
        a, b = tmp_path / f"remote.{fmt}", tmp_path / f"local.{fmt}"
        run_kg(*remote, "export", "-o", str(a))
        run_kg(*local, "export", "-o", str(b))
        got = set(ox.parse(path=str(a), format=parse))
        assert got and got == set(ox.parse(path=str(b), format=parse))
    for focus in ((), ("--focus", "Nguyễn Mạnh Hùng", "--depth", "2")):
        a, b = tmp_path / "remote.html", tmp_path / "local.html"
        run_kg(*remote, "viz", "-o", str(a), *focus)
        run_kg(*local, "viz", "-o", str(b), *focus)
        assert a.read_bytes() == b.read_bytes()
    again = run_kg(*remote, "ingest", "--jobs", "1", *inputs()).stdout
    assert again.startswith("ingested 0 article(s)") and "unchanged" in again


def test_unicode_and_booleans_come_back_intact(both: tuple[list[str], list[str]]) -> None:
    """NFC text sent as UTF-8 form data is stored and answered as it was; a stored `true`
    reads `true` (Virtuoso answers "1"^^xsd:boolean, which kg spells canonically)."""
    remote, _ = both
    q = 'SELECT ?p ?n WHERE { ?p schema:name ?n FILTER(?n = "Nguyễn Mạnh Hùng"@vi) }'
    rows = run_kg(*remote, "query", q, "--format", "csv").stdout.splitlines()
    iri = entity_iri("person", "Nguyễn Mạnh Hùng").value
    assert rows == ["p,n", f"{iri},Nguyễn Mạnh Hùng"]
    q = "SELECT ?f WHERE { ?m kg:former ?f } LIMIT 1"
    out = run_kg(*remote, "query", q, "--format", "tsv").stdout.splitlines()
    assert out[1:] == ["true"]


def test_a_missing_union_is_made_again(virtuoso: VirtuosoServer,
                                       both: tuple[list[str], list[str]]) -> None:
    """kg's union graph cleared behind its back: with an update endpoint, kg makes it again
    before its first query, and answers as before."""
    remote, local = both
    virtuoso.isql("SPARQL CLEAR GRAPH <https://w3id.org/vnkg/id/graph/union>;")
    assert_same_answers(remote, local, "positions", {})
    assert_same_answers(remote, local, "claims", {"speaker": "Nguyễn Mạnh Hùng"})


def test_corpus_sample_same_on_virtuoso(both: tuple[list[str], list[str]],
                                        tmp_path: Path) -> None:
    """The first 500 articles of the dantri corpus, added to both stores: every named query
    gives the same answers."""
    corpus = CORPUS / "dantri-2020.jsonl.gz"
    if not corpus.exists():
        pytest.skip(f"{corpus} is not here (the corpus is in ../shared)")
    sample = tmp_path / "dantri-500.jsonl"
    with gzip.open(corpus, "rt", encoding="utf-8") as f, sample.open("w", encoding="utf-8") as o:
        for _, line in zip(range(500), f, strict=False):
            o.write(line)
    remote, local = both
    run_kg(*local, "ingest", "--jobs", "1", str(sample))
    run_kg(*remote, "ingest", "--jobs", "1", str(sample))
    for name, values in cases({**VALUES, **CORPUS_VALUES}):
        assert_same_answers(remote, local, name, values)
    assert sorted(run_kg(*remote, "stats").stdout.splitlines()) == \
        sorted(run_kg(*local, "stats").stdout.splitlines())


def test_bulk_load_of_the_export(tmp_path: Path) -> None:
    """README's "load it elsewhere" recipe for Virtuoso: the N-Quads export (one graph an
    article) and the N-Triples export (the union, into kg's union graph) loaded with
    Virtuoso's bulk loader, then kg pointed at it: the embedded store's answers."""
    local = tmp_path / "store"
    run_kg("ingest", "--jobs", "1", *inputs(), store=local)
    server = VirtuosoServer(tmp_path / "virtuoso")
    try:
        for name in ("kg.nq", "kg.nt"):  # into a folder of the ini's DirsAllowed
            run_kg("export", "-o", str(server.folder / name), store=local)
        server.isql(f"ld_dir('{server.folder}', 'kg.nq', 'https://w3id.org/vnkg/id/graph/none');")
        server.isql("rdf_loader_run();")
        # the article graphs alone: kg says what is missing rather than answer nothing
        proc = run_kg("--endpoint", server.endpoint, "query", "positions", check=False)
        assert proc.returncode == 1 and len(proc.stderr.splitlines()) == 1
        assert "without their union" in proc.stderr and "kg.nt" in proc.stderr
        server.isql(f"ld_dir('{server.folder}', 'kg.nt', 'https://w3id.org/vnkg/id/graph/union');")
        server.isql("rdf_loader_run();")
        server.isql("checkpoint;")
        assert "2 Rows." in server.isql("SELECT ll_file FROM DB.DBA.load_list WHERE ll_state = 2;")
        assert "0 Rows." in server.isql(
            "SELECT ll_file FROM DB.DBA.load_list WHERE ll_error IS NOT NULL;")
        remote = ["--endpoint", server.endpoint]
        for name, values in cases(VALUES):
            assert_same_answers(remote, ["--store", str(local)], name, values)
        assert sorted(run_kg(*remote, "stats").stdout.splitlines()) == \
            sorted(run_kg("stats", store=local).stdout.splitlines())
    finally:
        server.stop()


def test_hostile_values_stay_literals_on_virtuoso(both: tuple[list[str], list[str]]) -> None:
    """A value with quotes, braces or an update in it is a name nobody has, and changes
    nothing on the server."""
    remote, _ = both
    before = run_kg(*remote, "stats").stdout
    for value in ['x" } ; DROP ALL ; #', "} ; DROP ALL", '"}{', "?person", HOSTILE]:
        assert answer(remote, "positions", {"person": value}) == []
        assert answer(remote, "said-about", {"topic": value}) == []
    assert run_kg(*remote, "stats").stdout == before
