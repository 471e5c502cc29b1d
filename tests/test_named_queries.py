"""Named queries (ontology/queries/*.rq) run by the real CLI on real stores: the sample articles
in data/samples, the seed articles in ../shared, and a store holding a hostile name."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import SAMPLES, run_kg

from kg import named_queries as nq
from kg.store import Store
from kg.vocab import ID, ORG, PROV, RDF, SCHEMA, SKOS

HOSTILE = 'Ng "A" {B} } ; DROP ALL ; INSERT DATA { <x:a> <x:b> "c" } # \'q\' \\ \n'

#: A value for every required parameter, so that every query can run.
REQUIRED = {"timeline": {"actor": "Nguyễn Mạnh Hùng"},
            "shared-actors": {"article1": "000_1368c30faf0ad7ae"}}


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("samples") / "store"
    run_kg("ingest", str(SAMPLES), store=store)
    return store


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    """The demo graph: the samples and the seeds."""
    store = tmp_path_factory.mktemp("demo") / "store"
    run_kg("ingest", str(SAMPLES), str(seeds_dir), store=store)
    return store


def rows(store: Path, name: str, **params: str) -> list[dict[str, str]]:
    """Run a named query through the CLI as CSV; one dict a row."""
    args = ["query", name, "--format", "csv"]
    for k, v in params.items():
        args += ["--param", f"{k}={v}"]
    out = run_kg(*args, store=store).stdout
    return list(csv.DictReader(io.StringIO(out)))


def test_library_declares_questions_and_params() -> None:
    queries = nq.load_all()
    assert {"positions", "decisions", "approvals", "claims", "province", "shared-actors",
            "timeline"} <= set(queries)
    for q in queries.values():
        assert q.question.endswith("?"), q.name
        select = q.text[q.text.index("SELECT"):q.text.index("WHERE")]
        for p in q.params:  # pyoxigraph binds only projected variables
            assert f"?{p.name}" in select, (q.name, p.name)


def test_list_shows_every_query(sample_store: Path) -> None:
    out = run_kg("query", "--list", store=sample_store).stdout
    for name, q in nq.load_all().items():
        assert f"{name}: {q.question}" in out
        for p in q.params:
            assert f"--param {p.name}=" in out


@pytest.mark.parametrize("name", sorted(nq.load_all()))
def test_every_query_answers_on_the_seed_graph(seed_store: Path, demo_store: Path,
                                               name: str) -> None:
    # the seeds alone agree with each other: `conflicts` needs the samples beside them
    got = rows(demo_store if name == "conflicts" else seed_store, name, **REQUIRED.get(name, {}))
    assert got, f"{name} found nothing in the seed graph"


def test_positions(sample_store: Path) -> None:
    hung = rows(sample_store, "positions", person="Nguyễn Mạnh Hùng")
    assert {r["person"] for r in hung} == {"Nguyễn Mạnh Hùng"}
    assert ("Bộ trưởng", "Bộ Thông tin và Truyền thông") in {
        (r["title"], r["organization"]) for r in hung}
    ministry = rows(sample_store, "positions", body="Bộ TT&TT")  # an abbreviation
    people = {r["person"] for r in ministry}
    assert {"Nguyễn Mạnh Hùng", "Nguyễn Huy Dũng"} <= people
    assert "Phạm Minh Chính" not in people
    assert {r["organization"] for r in ministry} == {"Bộ Thông tin và Truyền thông"}


def test_positions_on_seeds(seed_store: Path) -> None:
    got = rows(seed_store, "positions", person="Nguyễn Mạnh Hùng")
    assert ("Bộ trưởng", "Bộ Thông tin và Truyền thông") in {
        (r["title"], r["organization"]) for r in got}
    assert all(int(r["articles"]) >= 1 for r in got)


def test_decisions_of_an_issuer_by_date(sample_store: Path) -> None:
    pm = rows(sample_store, "decisions", issuer="Thủ tướng Chính phủ")
    numbers = [r["number"] for r in pm]
    assert {"749/QĐ-TTg", "146/QĐ-TTg", "505/QĐ-TTg"} <= set(numbers)
    assert "42/2022/NĐ-CP" not in numbers  # the Government's decree, not the Prime Minister's
    dates = [r["date"] for r in pm if r["date"]]
    assert dates == sorted(dates)
    gov = rows(sample_store, "decisions", issuer="Chính phủ")
    assert [r["number"] for r in gov] == ["42/2022/NĐ-CP"]
    assert gov[0]["type"] == "Nghị định"


def test_decisions_on_seeds(seed_store: Path) -> None:
    got = rows(seed_store, "decisions", issuer="TTg")  # the abbreviation of the issuer
    assert "146/QĐ-TTg" in {r["number"] for r in got}
    assert {r["issuedBy"] for r in got} == {"Thủ tướng Chính phủ"}


def test_approvals(sample_store: Path) -> None:
    got = rows(sample_store, "approvals", decision="749/QĐ-TTg")
    assert got and {r["decision"] for r in got} == {"749/QĐ-TTg"}
    assert any(r["program"].startswith("Chương trình Chuyển đổi số quốc gia") for r in got)
    everything = rows(sample_store, "approvals")
    assert any(r["decision"] == "146/QĐ-TTg" and "Nâng cao nhận thức" in r["program"]
               for r in everything)


def test_claims_with_evidence(sample_store: Path) -> None:
    got = rows(sample_store, "claims", speaker="Nguyễn Mạnh Hùng")
    assert got
    for r in got:
        assert r["author"] == "Nguyễn Mạnh Hùng"
        assert r["said"].rstrip(".") in r["evidence"]  # the claim is read from its sentence
    assert any("khâu đầu tiên" in r["said"] and r["article"] == "mau-01-chuong-trinh-cds"
               for r in got)


def test_province_leaders_and_bodies(seed_store: Path) -> None:
    got = rows(seed_store, "province", province="Quảng Ninh")
    assert {r["province"] for r in got} == {"Quảng Ninh"}
    assert all(r["body"].endswith("Quảng Ninh") for r in got)
    assert ("Sở Thông tin và Truyền thông tỉnh Quảng Ninh", "Lê Ngọc Hân", "Giám đốc") in {
        (r["body"], r["person"], r["title"]) for r in got}


def test_shared_actors(sample_store: Path) -> None:
    got = rows(sample_store, "shared-actors", article1="mau-01-chuong-trinh-cds",
               article2="mau-02-dich-vu-cong")
    shared = {(r["kind"], r["actor"]) for r in got}
    assert ("organization", "Bộ Thông tin và Truyền thông") in shared
    assert ("organization", "Bộ Công an") not in shared  # only in the second article
    assert not rows(sample_store, "shared-actors", article1="mau-01-chuong-trinh-cds",
                    article2="mau-01-chuong-trinh-cds")


def test_timeline(sample_store: Path) -> None:
    got = rows(sample_store, "timeline", actor="Nguyễn Mạnh Hùng")
    what = {(r["what"], r["article"]) for r in got}
    assert ("position", "mau-01-chuong-trinh-cds") in what
    assert ("said", "mau-01-chuong-trinh-cds") in what
    assert ("mentioned", "mau-03-ngay-cds") in what
    assert "Nguyễn Mạnh Hùng: Bộ trưởng Bộ Khoa học và Công nghệ" in {r["detail"] for r in got}


def test_output_formats(sample_store: Path) -> None:
    args = ("query", "positions", "--param", "person=Nguyễn Mạnh Hùng")
    table = run_kg(*args, store=sample_store).stdout
    assert table.splitlines()[0].split()[:3] == ["person", "title", "organization"]
    assert "Bộ Thông tin và Truyền thông" in table and "row" in table.splitlines()[-1]
    doc = json.loads(run_kg(*args, "--format", "json", store=sample_store).stdout)
    assert doc["head"]["vars"][:2] == ["person", "title"]
    assert {"type": "literal", "value": "Nguyễn Mạnh Hùng", "xml:lang": "vi"} in [
        b["person"] for b in doc["results"]["bindings"]]
    tsv = run_kg(*args, "--format", "tsv", store=sample_store).stdout.splitlines()
    assert tsv[0].startswith("?person\t?title")
    assert '"Nguyễn Mạnh Hùng"@vi' in tsv[1]


def test_errors_are_one_line(sample_store: Path) -> None:
    for args, needle in [
        (("query", "no-such-query"), "no named query 'no-such-query'"),
        (("query", "positions", "--param", "nobody=x"), "has no parameter 'nobody'"),
        (("query", "positions", "--param", "person"), "expected NAME=VALUE"),
        (("query", "timeline"), "needs --param actor"),
        (("query", "SELECT * WHERE { ?s ?p ?o }", "--param", "a=b"), "--param is for named"),
    ]:
        proc = run_kg(*args, store=sample_store, check=False)
        assert proc.returncode == 1, args
        assert needle in proc.stderr and len(proc.stderr.splitlines()) == 1, proc.stderr


def test_param_types() -> None:
    p = nq.Param("d", "date")
    assert nq.term(p, "2022-01-28") == ox.Literal("2022-01-28", datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#date"))
    with pytest.raises(nq.NamedQueryError):
        nq.term(p, "28/01/2022")
    with pytest.raises(nq.NamedQueryError):
        nq.term(nq.Param("n", "integer"), "12 OR 1=1")
    with pytest.raises(nq.NamedQueryError):
        nq.term(nq.Param("i", "iri"), "> } DROP ALL")
    # text is NFC, as the graph is: a decomposed name (macOS input) still matches
    decomposed = "Nguye\u0302\u0303n"
    assert nq.term(nq.Param("t", "text"), decomposed) == ox.Literal("Nguyễn", language="vi")


def hostile_store(path: Path) -> None:
    """A store with one membership whose person's name is hostile SPARQL."""
    g = ID["article/hostile"]
    person, m, role = ID["person/hostile"], ID["membership/hostile"], ID["role/giam-doc"]
    quads = [
        ox.Quad(g, RDF.type, SCHEMA.NewsArticle, g),
        ox.Quad(g, SCHEMA.identifier, ox.Literal("hostile"), g),
        ox.Quad(person, RDF.type, SCHEMA.Person, g),
        ox.Quad(person, SCHEMA.name, ox.Literal(HOSTILE, language="vi"), g),
        ox.Quad(m, RDF.type, ORG.Membership, g),
        ox.Quad(m, ORG.member, person, g),
        ox.Quad(m, ORG.role, role, g),
        ox.Quad(role, SKOS.prefLabel, ox.Literal("Giám đốc", language="vi"), g),
        ox.Quad(m, PROV.wasDerivedFrom, g, g),
    ]
    with Store(path) as s:
        s.replace_articles([(g, quads)])
        s.flush()


def test_hostile_parameter_is_a_literal(tmp_path: Path) -> None:
    store = tmp_path / "store"
    hostile_store(store)
    before = run_kg("stats", store=store).stdout
    got = rows(store, "positions", person=HOSTILE)
    assert [(r["person"], r["title"]) for r in got] == [(HOSTILE, "Giám đốc")]
    for value in ['x" } ; DROP ALL ; #', "} ; DROP ALL", '"}{', "?person"]:
        assert rows(store, "positions", person=value) == []
    assert run_kg("stats", store=store).stdout == before
