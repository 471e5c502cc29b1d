"""The corpus pass (`kg.consolidate`): one node, one name, one preferred value, whatever the order.

Handmade articles (documents built by hand, mapped by `kg.rdf` and written to a real store on
disk) check the policy line by line; the seeds with `data/samples` check the conflicts query;
a few hundred development-corpus articles check that the store is the same quads whatever the
order in which they are ingested or re-ingested.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import CORPUS, SAMPLES, need, run_kg

from kg.consolidate import (
    CANONICAL_GRAPH,
    best_form,
    body_sectors,
    consolidate,
    namesake_groups,
    scoped_joins,
    section,
)
from kg.doc import Article, Doc, Evidence, Membership
from kg.rdf import article_iri, doc_to_quads, entity_iri, role_iri
from kg.resolve import short_name_targets
from kg.store import Store
from kg.validate import skos_violations
from kg.vocab import ELI, SCHEMA, SKOS

VI = "vi"


def article(aid: str, *, people: tuple[tuple[str, str], ...] = (),
            orgs: tuple[tuple[str, str], ...] = (),
            posts: tuple[tuple[str, str, str], ...] = (),
            documents: tuple[tuple[str, str], ...] = (),
            date: str = "2022-02-01") -> tuple[ox.NamedNode, list[ox.Quad]]:
    """An article graph built by hand: people (key, name), bodies (key, name), positions
    (person key, title, body key) and documents (number, signing date as stated)."""
    doc = Doc(Article(aid, "x", date=date), "x")
    ev = Evidence("x", 0, 1)
    for key, name in people:
        doc.add_entity("person", key, name)
    for key, name in orgs:
        doc.add_entity("organization", key, name)
    for person, title, org in posts:
        doc.memberships.append(Membership(person, title, org, ev))
    for number, when in documents:
        doc.add_entity("legal_document", number.casefold(), number, number=number, date=when)
    return article_iri(aid), doc_to_quads(doc)


def build(tmp: Path, articles: list[tuple[ox.NamedNode, list[ox.Quad]]], *,
          each: bool = True) -> Store:
    """A store on disk with the articles written in this order, consolidated after each one
    (as `kg ingest` does after each run) or once at the end."""
    store = Store(tmp)
    for a in articles:
        store.replace_articles([a])
        if each:
            consolidate(store)
    if not each:
        consolidate(store)
    return store


def union(store: Store, s: ox.NamedNode, p: ox.NamedNode) -> set[str]:
    return {q.object.value for q in store.ox.quads_for_pattern(s, p, None, ox.DefaultGraph())}


def dump(store: Store) -> list[str]:
    """Every quad, the union included, as sorted N-Quads lines."""
    return sorted(str(q) for q in store.ox.quads_for_pattern(None, None, None, None))


HOSPITAL = "bệnh viện hữu nghị việt đức"


def test_case_variants_are_one_name(tmp_path: Path) -> None:
    """Two spellings of one hospital and of one title: one prefLabel each (the form more
    articles use), the other an altLabel; one org:Role whatever the case."""
    arts = [
        article("a1", orgs=((HOSPITAL, "Bệnh viện Hữu nghị Việt Đức"),),
                people=(("trần bình", "Trần Bình"),),
                posts=(("trần bình", "Phó Thủ tướng", HOSPITAL),)),
        article("a2", orgs=((HOSPITAL, "Bệnh viện Hữu Nghị Việt Đức"),),
                people=(("trần bình", "Trần Bình"),),
                posts=(("trần bình", "Phó thủ tướng", HOSPITAL),)),
        article("a3", orgs=((HOSPITAL, "Bệnh viện Hữu nghị Việt Đức"),)),
    ]
    store = build(tmp_path / "s", arts)
    org = entity_iri("organization", HOSPITAL)
    assert union(store, org, SKOS.prefLabel) == {"Bệnh viện Hữu nghị Việt Đức"}
    assert union(store, org, SKOS.altLabel) == {"Bệnh viện Hữu Nghị Việt Đức"}
    assert role_iri("Phó Thủ tướng") == role_iri("Phó thủ tướng")
    # one article each: the tie goes to code point order, capitals first
    assert union(store, role_iri("Phó thủ tướng"), SKOS.prefLabel) == {"Phó Thủ tướng"}
    assert not skos_violations(store)


def test_best_form_rule() -> None:
    from collections import Counter

    assert best_form(Counter({"ủy viên": 5, "Ủy viên": 1})) == "Ủy viên"
    assert best_form(Counter({"BỘ Y TẾ": 9, "Bộ Y tế": 1})) == "Bộ Y tế"
    assert best_form(Counter({"Putin": 9, "Vladimir Putin": 1}), person=True) == "Vladimir Putin"


def test_short_name_rule() -> None:
    keys = {"putin", "vladimir putin", "trump", "donald trump", "ivanka trump",
            "park hang-seo", "park hang seo", "hùng@quang-ninh", "nguyễn hùng@quang-ninh",
            "nguyễn hùng"}
    t = short_name_targets(keys)
    assert t["putin"] == "vladimir putin"
    assert "trump" not in t  # two candidates: apart
    assert t["park hang-seo"] == "park hang seo" or t["park hang seo"] == "park hang-seo"
    assert t["hùng@quang-ninh"] == "nguyễn hùng@quang-ninh"  # the same province only
    assert short_name_targets(sorted(keys, reverse=True)) == t
    # full names of their own stay apart from longer runs of words that end with them
    apart = {"nguyễn minh quang", "lê nguyễn minh quang", "serena williams",
             "deschamps serena williams", "vũ quang", "đặng vũ quang"}
    assert not short_name_targets(apart)
    assert short_name_targets({"thanh trà", "phạm thị thanh trà"}) == {
        "thanh trà": "phạm thị thanh trà"}


PUTIN = (("vladimir putin", "Vladimir Putin"),)


def test_surname_joins_the_one_full_name(tmp_path: Path) -> None:
    arts = [
        article("b1", people=(("putin", "Putin"),), orgs=(("nga", "Nga"),),
                posts=(("putin", "Tổng thống", "nga"),)),
        article("b2", people=PUTIN),
    ]
    store = build(tmp_path / "s", arts)
    full, short = entity_iri("person", "vladimir putin"), entity_iri("person", "putin")
    assert union(store, full, SCHEMA.name) == {"Vladimir Putin"}
    assert union(store, full, SKOS.altLabel) == {"Putin"}
    assert not list(store.ox.quads_for_pattern(short, None, None, None))
    assert not list(store.ox.quads_for_pattern(None, None, short, None))
    members = {q.subject for q in store.ox.quads_for_pattern(None, None, full, article_iri("b1"))}
    assert members, "the position stated by b1 is the full name's"


def test_two_candidates_stay_apart_and_a_merge_is_undone(tmp_path: Path) -> None:
    """Trump joins Donald Trump while he is the only Trump; an article naming Ivanka Trump
    makes it ambiguous, and the join is undone: the same store as if she came first."""
    t1 = article("c1", people=(("trump", "Trump"),))
    t2 = article("c2", people=(("donald trump", "Donald Trump"),))
    t3 = article("c3", people=(("ivanka trump", "Ivanka Trump"),))
    store = build(tmp_path / "a", [t1, t2])
    assert not list(store.ox.quads_for_pattern(entity_iri("person", "trump"), None, None, None))
    store.replace_articles([t3])
    consolidate(store)
    short = entity_iri("person", "trump")
    assert union(store, short, SCHEMA.name) == {"Trump"}
    assert union(store, entity_iri("person", "donald trump"), SCHEMA.name) == {"Donald Trump"}
    other = build(tmp_path / "b", [t3, t1, t2])
    assert dump(store) == dump(other)


def test_reversed_order_same_quads(tmp_path: Path) -> None:
    arts = [
        article("d1", people=(("putin", "Putin"),),
                orgs=((HOSPITAL, "Bệnh viện Hữu Nghị Việt Đức"),),
                documents=(("146/QĐ-TTg", "2022-01-28"),)),
        article("d2", people=PUTIN, orgs=((HOSPITAL, "Bệnh viện Hữu nghị Việt Đức"),),
                documents=(("146/QĐ-TTg", "2022-01-08"),)),
        article("d3", people=(("putin", "Putin"),), posts=(("putin", "Tổng thống", HOSPITAL),)),
    ]
    forward = build(tmp_path / "f", arts)
    backward = build(tmp_path / "b", arts[::-1])
    once = build(tmp_path / "o", arts, each=False)
    assert dump(forward) == dump(backward) == dump(once)
    assert any(q.graph_name == CANONICAL_GRAPH for q in forward.ox.quads_for_pattern(
        None, None, None, None))


def test_preferred_date(tmp_path: Path) -> None:
    """Most articles win; on a tie the earliest date; every stated date stays."""
    doc = entity_iri("legal_document", "146/qđ-ttg")
    a = article("e1", documents=(("146/QĐ-TTg", "2022-01-28"),))
    b = article("e2", documents=(("146/QĐ-TTg", "2022-01-08"),))
    c = article("e3", documents=(("146/QĐ-TTg", "2022-01-28"),))
    store = build(tmp_path / "s", [a, b])
    assert union(store, doc, ELI.date_document) == {"2022-01-08"}
    store.replace_articles([c])
    consolidate(store)
    assert union(store, doc, ELI.date_document) == {"2022-01-28"}
    stated = store.query("SELECT ?v ?d WHERE { ?s rdf:subject ?d ; rdf:object ?v }",
                         {ox.Variable("d"): doc})
    assert {s["v"].value for s in stated} == {"2022-01-08", "2022-01-28"}


def test_validate_fails_on_two_preflabels(tmp_path: Path) -> None:
    """The SKOS checks of `kg validate`: a crafted graph with two preferred names in one
    language, and a preferred name that is also an alternative one."""
    store = tmp_path / "s"
    run_kg("ingest", "--jobs", "1", str(SAMPLES), store=store)
    good = run_kg("validate", store=store, check=False)
    assert "prefLabel" not in good.stderr, good.stderr
    bad = ("INSERT DATA { GRAPH <https://w3id.org/vnkg/id/article/crafted> { "
           "<https://w3id.org/vnkg/id/org/x> a org:Organization ; "
           "skos:prefLabel 'Sở Y tế'@vi , 'Sở y tế'@vi , 'Health Department'@en ; "
           "skos:altLabel 'Health Department'@en } }")
    run_kg("query", "--allow-update", bad, store=store)
    proc = run_kg("validate", store=store, check=False)
    assert proc.returncode == 1
    assert "org/x: skos:prefLabel: two skos:prefLabel in one language" in proc.stderr
    assert "org/x: skos:altLabel: the preferred name \"Health Department\"" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_conflicts_query_on_the_demo_graph(tmp_path: Path, seeds_dir: Path) -> None:
    """The seeds and the samples give 146/QĐ-TTg two signing dates: both listed, each with
    its article, the earlier one preferred (one article each)."""
    store = tmp_path / "s"
    run_kg("ingest", "--jobs", "1", str(SAMPLES), str(seeds_dir), store=store)
    out = run_kg("query", "conflicts", "--format", "json", store=store).stdout
    rows = [{k: v["value"] for k, v in b.items()} for b in json.loads(out)["results"]["bindings"]]
    dates = {(r["value"], r["article"], r["preferred"]) for r in rows
             if r["about"] == "146/QĐ-TTg"}
    assert {d for d, _a, _p in dates} == {"2022-01-08", "2022-01-28"}
    assert len({a for _d, a, _p in dates}) == 2
    assert {(d, p) for d, _a, p in dates} == {("2022-01-08", "yes"), ("2022-01-28", "no")}
    shown = run_kg("query", "decisions", "--format", "csv", store=store).stdout
    assert "146/QĐ-TTg" in shown and "2022-01-28" not in shown


def test_order_independence_on_corpus_articles(tmp_path: Path) -> None:
    """300 development-corpus articles: in order; reversed in two runs; and in order, then a
    part changed and changed back. The same quads each time (`kg export --format nq`)."""
    corpus = need(CORPUS / "dantri-2020.jsonl.gz")
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        lines = [next(f) for _ in range(300)]
    files = {}
    for name, part in (("all", lines), ("rev1", lines[::-1][:150]), ("rev2", lines[::-1][150:]),
                       ("part", lines[:60])):
        files[name] = tmp_path / f"{name}.jsonl"
        files[name].write_text("".join(part), encoding="utf-8")
    changed = []
    for line in lines[:60]:
        d = json.loads(line)
        d["text"] += "\n\nTổng thống Putin nói: “Chúng tôi sẵn sàng.”"
        changed.append(json.dumps(d, ensure_ascii=False) + "\n")
    files["changed"] = tmp_path / "changed.jsonl"
    files["changed"].write_text("".join(changed), encoding="utf-8")

    def nq(store: Path) -> list[str]:
        out = run_kg("export", "--format", "nq", store=store).stdout
        return sorted(out.splitlines())

    runs = {"in order": ["all"], "reversed, two runs": ["rev1", "rev2"],
            "a part changed and back": ["all", "changed", "part"]}
    dumps = {}
    for label, names in runs.items():
        store = tmp_path / label.replace(" ", "-").replace(",", "")
        for n in names:
            run_kg("ingest", "--jobs", "1", str(files[n]), store=store)
        dumps[label] = nq(store)
    first = dumps["in order"]
    assert any("graph/canonical" in line for line in first)
    for label, d in dumps.items():
        assert d == first, f"{label}: {len(set(d) ^ set(first))} quads differ"


@pytest.fixture(autouse=True)
def _no_env_store(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KG_STORE", raising=False)


def test_an_older_graph_format_is_extracted_again(tmp_path: Path) -> None:
    """A store written by a kg whose article graphs had another shape (its content hashes lack
    this graph format) gets each article extracted again when it is ingested again, instead of
    keeping the old graph as unchanged."""
    store = tmp_path / "store"
    run_kg("ingest", "--jobs", "1", str(SAMPLES), store=store)
    again = run_kg("ingest", "--jobs", "1", str(SAMPLES), store=store)
    assert "0 article(s)" in again.stdout and "unchanged" in again.stdout
    with Store(store) as s:  # as an older kg would have left it
        s.update("DELETE { GRAPH ?g { ?a kg:contentHash ?h } } "
                 "INSERT { GRAPH ?g { ?a kg:contentHash \"old-format\" } } "
                 "WHERE { GRAPH ?g { ?a kg:contentHash ?h } }")
    n = len(list(SAMPLES.glob("*.txt")))
    redo = run_kg("ingest", "--jobs", "1", str(SAMPLES), store=store)
    assert redo.stdout.startswith(f"ingested {n} article(s)"), redo.stdout


def test_spellings_of_one_foreign_name_are_one_name() -> None:
    """Another order of the same words, or one word transliterated otherwise, is one name;
    names that only share a word, or whose words are too short to tell, stay apart."""
    keys = ["volodymyr zelenskiy", "volodymyr zelensky", "zelensky", "suga yoshihide",
            "yoshihide suga", "aleksander ceferin", "alexander ceferin", "kim jong un",
            "kim jong il", "donald trump", "donald tusk", "nguyễn văn hùng", "nguyễn văn hưng"]
    joined = short_name_targets(keys)
    assert joined == {"volodymyr zelensky": "volodymyr zelenskiy",
                      "zelensky": "volodymyr zelenskiy", "yoshihide suga": "suga yoshihide",
                      "alexander ceferin": "aleksander ceferin"}
    assert short_name_targets(reversed(keys)) == joined


def _program_article(aid: str, decision: str, programs: list[str]
                     ) -> tuple[ox.NamedNode, list[ox.Quad]]:
    """An article that names programs and the decision that approves each of them."""
    from kg.doc import Relation
    from kg.normalize import fold

    doc = Doc(Article(aid, "x", date="2022-02-01"), "x")
    ev = Evidence("x", 0, 1)
    doc.add_entity("legal_document", decision.casefold(), decision, number=decision)
    for name in programs:
        doc.add_entity("program", fold(name), name, program_type=name.split()[0])
        doc.relations.append(Relation(f"legal_document:{decision.casefold()}", "approves",
                                      f"program:{fold(name)}", ev))
    return article_iri(aid), doc_to_quads(doc)


def test_a_programs_short_name_joins_the_full_name_its_decision_approves(tmp_path: Path
                                                                        ) -> None:
    full = "Đề án Tăng cường kỹ năng số và phát triển nhân lực công nghệ cho thanh niên"
    short = "Đề án Tăng cường kỹ năng số cho thanh niên"
    other = "Đề án Tăng cường kỹ năng số cho người cao tuổi"  # not within the full name
    lone = "Đề án Tăng cường kỹ năng số"  # approved by another decision: stays apart
    store = build(tmp_path / "s", [
        _program_article("p1", "12/QĐ-TTg", [full]),
        _program_article("p2", "12/QĐ-TTg", [short, other]),
        _program_article("p3", "99/QĐ-TTg", [lone]),
    ])
    from kg.normalize import fold

    node = entity_iri("program", fold(full))
    assert union(store, node, SKOS.prefLabel) == {full}
    assert short in union(store, node, SKOS.altLabel)
    mentioned = {q.object for q in store.ox.quads_for_pattern(
        article_iri("p2"), SCHEMA.mentions, None, ox.DefaultGraph())}
    assert node in mentioned and entity_iri("program", fold(short)) not in mentioned
    assert entity_iri("program", fold(other)) in mentioned
    assert union(store, entity_iri("program", fold(lone)), SKOS.prefLabel) == {lone}
    assert not skos_violations(store)


# -- namesakes: evidence that parts one key, and a scoped key that joins its unscoped name --

def story(aid: str, section: str, people: tuple[tuple[str, str], ...],
          bodies: tuple[tuple[str, str, str], ...] = (),
          posts: tuple[tuple[str, str, str | None], ...] = (),
          former: bool = False) -> tuple[ox.NamedNode, list[ox.Quad]]:
    """An article graph of a news site's section: people (key, name), bodies (key, name,
    type) and positions (person key, title, body key or None)."""
    doc = Doc(Article(aid, "x", date="2021-04-20",
                      url=f"https://bao.example.vn/{section}/{aid}.htm"), "x")
    ev = Evidence("x", 0, 1)
    for key, name in people:
        doc.add_entity("person", key, name)
    for key, name, kind in bodies:
        doc.add_entity("organization", key, name, type=kind)
    for person, title, org in posts:
        doc.memberships.append(Membership(person, title, org, ev, former=former))
    return article_iri(aid), doc_to_quads(doc)


TUAN = (("lê văn tuấn", "Lê Văn Tuấn"),)
MINISTRY = ("bo-xay-dung", "Bộ Xây dựng", "ministry")
COLLEGE = ("truong-cao-dang-nghe-x", "Trường Cao đẳng nghề Tây Bắc", "university")
HOSPITAL_X = ("benh-vien-da-khoa-y", "Bệnh viện Đa khoa Tây Nguyên", "hospital")


def nodes_of(store: Store, aid: str) -> set[str]:
    """The person nodes an article graph states."""
    return {q.subject.value for q in store.ox.quads_for_pattern(
        None, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), SCHEMA.Person,
        article_iri(aid))}


def test_sector_rule() -> None:
    """A body's sectors: by its type, the first words of its name, words in it."""
    assert body_sectors(["Ministry"], ["Bộ Xây dựng"]) == {"state"}
    assert body_sectors(["Ministry"], ["Bộ Y tế"]) == {"state", "health"}
    assert body_sectors([], ["Hội đồng trường Đại học Tây Bắc"]) == {"education"}
    assert body_sectors([], ["Bộ môn Vật lý"]) == set()  # a department, not a ministry
    assert body_sectors(["Association"], ["Hội Nông dân"]) == set()
    # a ministry's inspectorate is the state's too; "bộ" of a road or a club is no ministry
    assert body_sectors(["Agency"], ["Thanh tra Bộ Văn hóa, Thể thao và Du lịch"]) == {
        "state", "sport"}
    assert body_sectors([], ["Phòng Cảnh sát giao thông đường bộ"]) == set()
    assert body_sectors([], ["Câu lạc bộ Pháp chế Ngân hàng"]) == set()


def test_namesake_groups_rule() -> None:
    """Articles that share a body or a sector are one person; two sectors never named
    together are two; the strictly largest group keeps the key's node and the articles
    without a sector, a tie leaves them alone."""
    assert namesake_groups({"a": ({"b1"}, {"state"}), "b": ({"b2"}, {"education"})}) == {
        "a": "state", "b": "education"}
    # a third article naming both sectors links them: one person
    assert namesake_groups({"a": ({"b1"}, {"state"}), "b": ({"b2"}, {"education"}),
                            "c": ({"b1", "b3"}, {"state", "education"})}) == {}
    # a body without a sector links too
    assert namesake_groups({"a": ({"b1", "hoi"}, {"state"}),
                            "b": ({"b2", "hoi"}, {"education"})}) == {}
    two_to_one = {"a": ({"b1"}, {"state"}), "b": ({"b4"}, {"state"}),
                  "c": ({"b2"}, {"education"})}
    assert namesake_groups(two_to_one) == {"c": "education"}


def test_namesakes_of_two_sectors_are_two_nodes(tmp_path: Path) -> None:
    """A deputy minister and a college rector of one name are two nodes; an article that
    names one of them without a post stays apart from both (nothing says which), and a
    rector's post without a body follows the rector. The same quads in any order."""
    arts = [
        story("n1", "kinh-doanh", TUAN, (MINISTRY,), (("lê văn tuấn", "Thứ trưởng", MINISTRY[0]),)),
        story("n2", "giao-duc", TUAN, (COLLEGE,), (("lê văn tuấn", "Hiệu trưởng", COLLEGE[0]),
                                                    ("lê văn tuấn", "Giảng viên", None))),
        story("n3", "du-lich", TUAN),
        story("n4", "giao-duc", TUAN, (), (("lê văn tuấn", "Giảng viên", None),)),
    ]
    store = build(tmp_path / "f", arts)
    n1, n2, n3 = nodes_of(store, "n1"), nodes_of(store, "n2"), nodes_of(store, "n3")
    assert len(n1 | n2 | n3) == 3, (n1, n2, n3)
    assert n3 == {entity_iri("person", "lê văn tuấn").value}
    # the body-less position of n2 is the rector's, that of n4 (no sector) the key's own
    members = {(q.subject.value, q.object.value) for q in store.ox.quads_for_pattern(
        None, ox.NamedNode("http://www.w3.org/ns/org#member"), None, ox.DefaultGraph())}
    assert len({m for m, _p in members}) == len(members), "a position with two people"
    assert dump(store) == dump(build(tmp_path / "b", arts[::-1])) == dump(
        build(tmp_path / "o", arts, each=False))
    # an article that names the minister with the college (a post in each) links them
    store.replace_articles([story("n5", "xa-hoi", TUAN, (MINISTRY, COLLEGE), (
        ("lê văn tuấn", "Thứ trưởng", MINISTRY[0]), ("lê văn tuấn", "Nguyên Hiệu trưởng",
                                                      COLLEGE[0])))])
    consolidate(store)
    assert len(nodes_of(store, "n1") | nodes_of(store, "n2") | nodes_of(store, "n3")) == 1


def test_one_official_with_many_posts_stays_one_node(tmp_path: Path) -> None:
    """A minister named with the ministry in two articles and with a hospital in one: the
    larger group keeps the key's node, and the articles without a post stay on it."""
    arts = [story(f"m{i}", "xa-hoi", TUAN, (MINISTRY,), (("lê văn tuấn", "Bộ trưởng",
                                                            MINISTRY[0]),)) for i in range(2)]
    arts += [story("m3", "suc-khoe", TUAN), story("m4", "suc-khoe", TUAN, (HOSPITAL_X,),
                                                    (("lê văn tuấn", "Giám đốc", HOSPITAL_X[0]),))]
    store = build(tmp_path / "s", arts)
    key = entity_iri("person", "lê văn tuấn").value
    assert nodes_of(store, "m0") == nodes_of(store, "m1") == nodes_of(store, "m3") == {key}
    assert nodes_of(store, "m4") != {key}


def test_scoped_joins_rule() -> None:
    """An unscoped key joins its only scoped key when they share a section and nothing
    speaks against it; a key of one article is never that scoped key."""
    sport, world = {"site/the-thao"}, {"site/the-gioi"}
    none: tuple[set[str], set[str]] = (set(), set())
    assert scoped_joins({"messi": (sport, none), "messi@the-thao": (sport, none)}, set()) == {
        "messi": "messi@the-thao"}
    assert scoped_joins({"messi": (world, none), "messi@the-thao": (sport, none)}, set()) == {}
    # two scoped keys: ambiguous
    assert scoped_joins({"an": (sport, none), "an@the-thao": (sport, none),
                         "an@ha-noi": (sport, none)}, set()) == {}
    # posts in another sector only: a minister is not the footballer
    assert scoped_joins({"an": (sport, ({"bo"}, {"state"})),
                         "an@the-thao": (sport, none)}, set()) == {}
    # a province's official: only when the unscoped key holds no post elsewhere
    prov = ({"ubnd:ha-noi"}, {"state"})
    assert scoped_joins({"an": (sport, none), "an@ha-noi": (sport, prov)}, set()) == {
        "an": "an@ha-noi"}
    assert scoped_joins({"an": (sport, ({"bo"}, {"state"})), "an@ha-noi": (sport, prov)},
                        set()) == {}
    # a post in the body the province's key holds: one person, in any section
    assert scoped_joins({"an": (world, ({"ubnd:ha-noi", "bo"}, {"state"})),
                         "an@ha-noi": (sport, prov)}, set()) == {"an": "an@ha-noi"}
    assert scoped_joins({"an": (world, none), "an@ha-noi": (sport, prov)}, set()) == {}
    # a private individual's key (one article): joins the one public person of the name who
    # holds no position, in the same section; not an official, not another section's
    star = {"an": (sport, none), "an@bai-1": (sport, none)}
    assert scoped_joins(star, {"bai-1"}) == {"an@bai-1": "an"}
    assert scoped_joins(star, {"bai-1"}, holders={"an"}) == {}
    assert scoped_joins({"an": (world, none), "an@bai-1": (sport, none)}, {"bai-1"}) == {}
    assert scoped_joins({**star, "an@ha-noi": (sport, prov)}, {"bai-1"}) == {"an": "an@ha-noi"}
    assert section("https://bao.example.vn/the-thao/bai-1.htm") == "bao.example.vn/the-thao"
    assert section("https://bao.example.vn/bai-1.htm") is None


def test_a_field_key_joins_its_unscoped_name(tmp_path: Path) -> None:
    """'Nguyễn Văn Quyết' of a line-up (scoped to sport) and of a transfer story (no scope)
    are one node; of a story in another section, not."""
    q = "nguyễn văn quyết"
    arts = [story("f1", "the-thao", ((f"{q}@the-thao", "Nguyễn Văn Quyết"),)),
            story("f2", "the-thao", ((q, "Nguyễn Văn Quyết"),))]
    store = build(tmp_path / "s", arts)
    assert nodes_of(store, "f1") == nodes_of(store, "f2") == {
        entity_iri("person", f"{q}@the-thao").value}
    other = build(tmp_path / "o", [arts[0], story("f3", "kinh-doanh", ((q, "Nguyễn Văn Quyết"),))])
    assert nodes_of(other, "f3") == {entity_iri("person", q).value}


def test_one_body_keyed_two_ways_links(tmp_path: Path) -> None:
    """The national radio keyed by the gazetteer ("dai-tieng-noi-viet-nam", a state body) and
    as an article spells it (typed a company): one body, so its director stays one node."""
    k = (("trần văn khải", "Trần Văn Khải"),)
    arts = [
        story("r1", "xa-hoi", k, (("dai-tieng-noi-viet-nam", "Đài Tiếng nói Việt Nam", "agency"),
                                  ("ban-chap-hanh-trung-uong", "Ban Chấp hành Trung ương",
                                   "party_body")),
              (("trần văn khải", "Tổng Giám đốc", "dai-tieng-noi-viet-nam"),
               ("trần văn khải", "Ủy viên", "ban-chap-hanh-trung-uong"))),
        story("r2", "kinh-doanh", k, (("đài tiếng nói việt nam", "Đài Tiếng nói Việt Nam",
                                       "company"),),
              (("trần văn khải", "Tổng Giám đốc", "đài tiếng nói việt nam"),)),
    ]
    store = build(tmp_path / "s", arts)
    assert nodes_of(store, "r1") == nodes_of(store, "r2")
