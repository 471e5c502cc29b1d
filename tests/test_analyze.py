"""`kg analyze`: central actors, communities, chains between two entities, and the analysis
graph written back into the store, over the seed articles and over data/samples."""

from __future__ import annotations

import csv
import io
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from conftest import SAMPLES, SEEDS, run_kg

from kg import analyze as an
from kg.store import Store

ANALYSIS = an.ANALYSIS_GRAPH.value
MIC = "Bộ Thông tin và Truyền thông"


def rows(store: Path, sparql: str) -> list[dict[str, str]]:
    """A SELECT query's answer through the real `kg query`, as CSV rows."""
    out = run_kg("query", sparql, "--format", "csv", store=store).stdout
    return list(csv.DictReader(io.StringIO(out)))


def analysis_quads(store: Path) -> int:
    q = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{ANALYSIS}> {{ ?s ?p ?o }} }}"
    return int(rows(store, q)[0]["n"])


@pytest.fixture(scope="module")
def seed_copy(seed_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A writable copy of the seed store (the session's seed store stays read-only)."""
    store = tmp_path_factory.mktemp("analyze") / "store"
    shutil.copytree(seed_store, store)
    return store


@pytest.fixture(scope="module")
def seed_analysis(seed_copy: Path) -> str:
    return run_kg("analyze", "--top", "10", store=seed_copy).stdout


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("analyze-samples") / "store"
    run_kg("ingest", str(SAMPLES), store=store)
    return store


def ranking(out: str) -> list[str]:
    """The actor column of the printed ranking."""
    lines = out.split("most central actors", 1)[1].split("\n\n", 1)[0].splitlines()[3:]
    return [re.split(r"\s{2,}", line)[1] for line in lines if line.strip()]


def test_central_actors_of_the_seeds(seed_copy: Path, seed_analysis: str) -> None:
    top = ranking(seed_analysis)
    assert len(top) == 10
    assert MIC in top[:5], top
    # The ministry's link count is at least the number of people the articles give a post in
    # it, counted here from the positions themselves.
    people = rows(seed_copy, f"""SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{
        ?m org:member ?p ; org:organization/skos:prefLabel "{MIC}"@vi }}""")
    written = rows(seed_copy, f"""SELECT DISTINCT ?rank ?degree ?c WHERE {{
        ?x skos:prefLabel "{MIC}"@vi ; kg:rank ?rank ; kg:degree ?degree ; kg:centrality ?c }}""")
    assert len(written) == 1
    assert int(people[0]["n"]) >= 3
    assert int(written[0]["degree"]) >= int(people[0]["n"])
    assert int(written[0]["rank"]) == top.index(MIC) + 1
    # Ranks are 1..n without gaps, and centrality never increases down the ranking.
    ranked = rows(seed_copy,
                  "SELECT ?x ?r ?c WHERE { ?x kg:rank ?r ; kg:centrality ?c } ORDER BY ?r")
    assert [int(r["r"]) for r in ranked] == list(range(1, len(ranked) + 1))
    values = [float(r["c"]) for r in ranked]
    assert values == sorted(values, reverse=True)


def test_communities_are_written_and_partition_members(seed_copy: Path,
                                                       seed_analysis: str) -> None:
    found = rows(seed_copy, """SELECT ?k ?size (COUNT(DISTINCT ?x) AS ?n) (COUNT(DISTINCT ?y) AS ?b)
        WHERE { ?k a kg:Community ; kg:size ?size ; kg:member ?x .
                OPTIONAL { ?x kg:community ?k BIND(?x AS ?y) } }
        GROUP BY ?k ?size""")
    assert len(found) >= 3
    for r in found:
        assert int(r["size"]) == int(r["n"]) == int(r["b"]) >= 2
    twice = rows(seed_copy, """SELECT ?x WHERE { ?x kg:community ?a, ?b FILTER(?a != ?b) }""")
    assert twice == []
    # The ministers of the ministry sit in its community.
    same = rows(seed_copy, f"""SELECT ?person WHERE {{
        ?o skos:prefLabel "{MIC}"@vi ; kg:community ?k .
        ?m org:organization ?o ; org:member ?p ; org:role/skos:prefLabel "Bộ trưởng"@vi .
        ?p schema:name ?person ; kg:community ?k }}""")
    assert any(r["person"] == "Nguyễn Mạnh Hùng" for r in same), same
    assert "communities (Louvain" in seed_analysis


def _stated(store: Path, s: str, relation: str, o: str) -> bool:
    """Is `s —[relation]→ o` in the data? Checked from the triples, not from kg.analyze."""
    if relation == "thuộc":  # a provincial body and its province, by the body's name
        labels = rows(store, f"""SELECT ?body ?place WHERE {{
            <{s}> skos:prefLabel ?body . <{o}> schema:name ?place }}""")
        return any(r["body"].endswith(" " + r["place"]) for r in labels)
    if relation == "phát biểu về":
        q = f"ASK {{ ?c a schema:Claim ; schema:author <{s}> ; schema:mentions <{o}> }}"
    else:
        q = f"""ASK {{ {{ <{s}> ?p <{o}> }} UNION {{ <{o}> ?p <{s}> }} UNION
                {{ ?m org:member <{s}> ; org:organization <{o}> ;
                      org:role/skos:prefLabel "{relation}"@vi }} }}"""
    return run_kg("query", q, store=store).stdout.strip() == "true"


def chain_steps(store: Path) -> list[dict[str, str]]:
    return rows(store, """SELECT ?i ?actor ?relation ?forward WHERE {
        ?c a kg:Chain ; kg:step ?s . ?s kg:index ?i ; kg:actor ?actor .
        OPTIONAL { ?s kg:relation ?relation ; kg:forward ?forward } } ORDER BY ?i""")


@pytest.mark.parametrize(("source", "target"), [
    ("Quảng Ninh", "42/2022/NĐ-CP"),
    # other spellings: lower case, decomposed (NFD) letters, the document's type in front
    ("quảng ninh", "Nghị định 42/2022/NĐ-CP"),
    (unicodedata.normalize("NFD", "Quảng Ninh"), "42/2022/nđ-cp"),
])
def test_chain_between_two_entities(seed_copy: Path, source: str, target: str) -> None:
    out = run_kg("analyze", "--path", source, target, store=seed_copy).stdout
    line = out.splitlines()[0]
    assert line.startswith("Quảng Ninh ") and line.endswith(" 42/2022/NĐ-CP"), line
    steps = chain_steps(seed_copy)
    ends = rows(seed_copy, """SELECT ?from ?to ?hops WHERE {
        ?c a kg:Chain ; kg:source/schema:name ?from ; kg:target/eli:id_local ?to ;
           kg:hops ?hops }""")
    assert ends == [{"from": "Quảng Ninh", "to": "42/2022/NĐ-CP", "hops": str(len(steps) - 1)}]
    assert 2 <= len(steps) - 1 <= 8
    assert f"({len(steps) - 1} steps)" in out
    for a, b in zip(steps, steps[1:], strict=False):
        s, o = (a["actor"], b["actor"]) if a["forward"] == "true" else (b["actor"], a["actor"])
        assert _stated(seed_copy, s, a["relation"], o), (a, b)
        assert f"[{a['relation']}]" in line


def test_rerun_replaces_the_analysis(seed_copy: Path) -> None:
    run_kg("analyze", store=seed_copy)
    first = analysis_quads(seed_copy)
    ranks = rows(seed_copy, "SELECT ?x ?r WHERE { ?x kg:rank ?r } ORDER BY ?x")
    run_kg("analyze", store=seed_copy)
    assert analysis_quads(seed_copy) == first > 0
    assert rows(seed_copy, "SELECT ?x ?r WHERE { ?x kg:rank ?r } ORDER BY ?x") == ranks
    runs = rows(seed_copy, "SELECT ?t WHERE { ?a a kg:NetworkAnalysis ; prov:generatedAtTime ?t }")
    assert len(runs) == 1
    # a chain from an earlier --path run is gone too
    assert chain_steps(seed_copy) == []
    one_rank = rows(seed_copy, """SELECT ?x WHERE { ?x kg:rank ?a, ?b FILTER(?a != ?b) }""")
    assert one_rank == []


def test_analysis_graph_leaves_the_rest_alone(seed_copy: Path, seed_store: Path,
                                             tmp_path: Path) -> None:
    run_kg("analyze", store=seed_copy)
    stats = run_kg("stats", store=seed_copy).stdout
    assert [ln for ln in stats.splitlines() if ln.startswith("articles")][0].split()[-1] == "5"
    assert run_kg("validate", store=seed_copy).returncode == 0
    trig = tmp_path / "kg.trig"
    run_kg("export", "-o", str(trig), store=seed_copy)
    assert ANALYSIS in trig.read_text(encoding="utf-8")
    # Entity counts are those of the untouched seed store.
    before = run_kg("stats", store=seed_store).stdout.splitlines()
    after = stats.splitlines()
    assert [ln for ln in after if not ln.startswith("quads")] == \
        [ln for ln in before if not ln.startswith("quads")]
    # Ingesting again skips the stored articles (content hashes) and keeps the analysis.
    out = run_kg("ingest", str(SEEDS), store=seed_copy).stdout
    assert "5 unchanged" in out and "store: 5 articles" in out
    assert analysis_quads(seed_copy) > 0


@pytest.fixture(scope="module")
def isolated(seed_store: Path) -> str:
    """The name of an actor no stated relation reaches (found, not assumed)."""
    with Store(seed_store, read_only=True) as store:
        result = an.analyze(an.build_network(store))
    for v in result.ranking[::-1]:
        if an.links(result.network, v) == 0 and an.find(result, result.label(v)) == v:
            return result.label(v)
    pytest.skip("every actor of the seeds is related to another")


def test_unknown_or_unreachable_entity_is_one_line(seed_copy: Path, isolated: str) -> None:
    for a, b, message in [("Không Có Ai", "Bộ Y tế", "no entity named 'Không Có Ai'"),
                          ("Hùng", "Bộ Y tế", "be more precise"),
                          (isolated, MIC, "no chain of relations")]:
        proc = run_kg("analyze", "--path", a, b, store=seed_copy, check=False)
        assert proc.returncode == 1
        assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("kg: error: "), proc.stderr
        assert message in proc.stderr and "Traceback" not in proc.stderr
        assert proc.stdout == ""


def test_co_mentions_reach_what_relations_do_not(seed_copy: Path, isolated: str) -> None:
    before = analysis_quads(seed_copy)
    out = run_kg("analyze", "--co-mentions", "--no-write", "--path", isolated, MIC,
                 store=seed_copy).stdout
    assert out.startswith(isolated + " ") and "[cùng bài " in out.splitlines()[0]
    assert analysis_quads(seed_copy) == before  # --no-write wrote nothing


def test_samples(sample_store: Path) -> None:
    out = run_kg("analyze", store=sample_store).stdout
    assert MIC in ranking(out)[:5]
    path = run_kg("analyze", "--path", "Nguyễn Mạnh Hùng", "749/QĐ-TTg",
                  store=sample_store).stdout.splitlines()[0]
    assert path.startswith("Nguyễn Mạnh Hùng ") and path.endswith(" 749/QĐ-TTg")
    steps = chain_steps(sample_store)
    for a, b in zip(steps, steps[1:], strict=False):
        s, o = (a["actor"], b["actor"]) if a["forward"] == "true" else (b["actor"], a["actor"])
        assert _stated(sample_store, s, a["relation"], o), (a, b)


def test_network_is_deterministic(sample_store: Path) -> None:
    """The same store gives the same ranking and communities (sorted input, seeded Louvain)."""
    with Store(sample_store, read_only=True) as store:
        first = an.analyze(an.build_network(store))
        second = an.analyze(an.build_network(store))
    assert first.ranking == second.ranking and first.communities == second.communities
    members = [v for c in first.communities for v in c]
    assert len(members) == len(set(members))


def test_remote_store_gives_the_same_analysis(seed_store: Path, tmp_path: Path) -> None:
    """`--endpoint`: the same ranking and chain from a real oxigraph server."""
    from test_remote import OxigraphServer

    server = OxigraphServer(tmp_path / "oxigraph")
    try:
        run_kg(*server.args(), "ingest", str(SEEDS))
        remote = run_kg(*server.args(), "analyze", "--top", "10").stdout
        local = run_kg("analyze", "--top", "10", "--no-write", store=seed_store).stdout
        assert ranking(remote) == ranking(local)
        chain = run_kg(*server.args(), "analyze", "--path", "Quảng Ninh", "42/2022/NĐ-CP").stdout
        assert chain.startswith("Quảng Ninh ")
        q = "SELECT (COUNT(*) AS ?n) WHERE { ?c a kg:Chain }"
        out = run_kg(*server.args(), "query", q, "--format", "csv").stdout
        assert out.split() == ["n", "1"]
        # read-only: without an update endpoint the write is refused in one line
        proc = run_kg("--endpoint", server.base + "/query", "analyze", check=False)
        assert proc.returncode == 1 and proc.stderr.count("\n") == 1
        assert "update endpoint" in proc.stderr
    finally:
        server.stop()


def test_ingest_says_when_the_analysis_predates_new_articles(tmp_path: Path) -> None:
    store = tmp_path / "store"
    first, second = sorted(SAMPLES.glob("mau-*.txt"))[:2]
    assert "kg analyze" not in run_kg("ingest", str(first), store=store).stderr
    run_kg("analyze", store=store)
    made = rows(store, "SELECT ?t WHERE { ?a a kg:NetworkAnalysis ; prov:generatedAtTime ?t }")
    # the same article again changes nothing: the analysis is still of the whole graph
    assert "kg analyze" not in run_kg("ingest", str(first), store=store).stderr
    said = run_kg("ingest", str(second), store=store).stderr
    assert f"({made[0]['t']}) predates these articles: run `kg analyze` again" in said
