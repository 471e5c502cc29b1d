"""The store keeps the union of the article graphs as its default graph (see `kg.store`)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from conftest import run_kg

from kg.store import UNION_MARK, Store

SAME_FACT = "Bộ trưởng Bộ Y tế Đào Hồng Lan làm việc với tỉnh Nghệ An về {topic}.\n"


def write_articles(folder: Path, topics: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, topic in enumerate(topics):
        (folder / f"bai-{i}.txt").write_text(SAME_FACT.format(topic=topic), "utf-8")
    return folder


def union_and_named(store_dir: Path) -> tuple[set[ox.Triple], set[ox.Triple]]:
    with Store(store_dir, read_only=True) as store:
        named = {q.triple for q in store.named_quads()}
        union = {q.triple for q in store.ox.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    return union, named


def test_a_fact_many_articles_state_is_one_row(tmp_path: Path) -> None:
    store = tmp_path / "store"
    run_kg("ingest", str(write_articles(tmp_path / "a", ["y tế", "giáo dục", "giao thông"])),
           store=store)
    out = run_kg("query", "SELECT ?n WHERE { ?p a schema:Person ; schema:name ?n . "
                 "?m org:member ?p ; org:role/skos:prefLabel ?r }", "--format", "csv",
                 store=store).stdout.splitlines()
    assert out == ["n", "Đào Hồng Lan"]


def test_the_union_follows_replacements(tmp_path: Path) -> None:
    store = tmp_path / "store"
    run_kg("ingest", str(write_articles(tmp_path / "a", ["y tế", "giáo dục"])), store=store)
    # bai-0 now says something else: its facts leave the union unless bai-1 states them too
    (tmp_path / "a" / "bai-0.txt").write_text(
        "Thứ trưởng Bộ Tài chính Nguyễn Văn Một làm việc với tỉnh Nghệ An.\n", "utf-8")
    run_kg("ingest", str(tmp_path / "a"), store=store)
    union, named = union_and_named(store)
    assert union == named
    names = {t.object.value for t in union if t.predicate.value == "https://schema.org/name"}
    assert {"Đào Hồng Lan", "Nguyễn Văn Một"} <= names
    (tmp_path / "a" / "bai-1.txt").write_text("Hôm nay trời nắng đẹp ở Nghệ An.\n", "utf-8")
    run_kg("ingest", str(tmp_path / "a"), store=store)
    union, named = union_and_named(store)
    assert union == named
    names = {t.object.value for t in union if t.predicate.value == "https://schema.org/name"}
    assert "Đào Hồng Lan" not in names


def test_a_store_without_the_union_gets_it_when_opened_for_writing(tmp_path: Path) -> None:
    store = tmp_path / "store"
    run_kg("ingest", str(write_articles(tmp_path / "a", ["y tế", "giáo dục"])), store=store)
    with Store(store) as s:  # make it look like a store from before the union was kept
        s.ox.update("CLEAR DEFAULT")
    (store / UNION_MARK).unlink()
    # read-only: still answers, through oxigraph's union of the named graphs
    out = run_kg("query", "SELECT DISTINCT ?n WHERE { ?p schema:name ?n }", "--format", "csv",
                 store=store).stdout.splitlines()
    assert "Đào Hồng Lan" in out
    run_kg("ingest", str(write_articles(tmp_path / "b", ["môi trường"])), store=store)
    assert (store / UNION_MARK).exists()
    union, named = union_and_named(store)
    assert union == named and union


def test_a_user_update_of_a_named_graph_reaches_the_union(tmp_path: Path) -> None:
    store = tmp_path / "store"
    run_kg("ingest", str(write_articles(tmp_path / "a", ["y tế"])), store=store)
    run_kg("query", "--allow-update", "INSERT DATA { GRAPH <urn:x:g> { <urn:x:p> a schema:Person ;"
           " schema:name \"Người Thêm\" } }", store=store)
    run_kg("query", "--allow-update", "DELETE { GRAPH ?g { ?p schema:name ?n } } WHERE { GRAPH ?g"
           " { ?p schema:name ?n FILTER(STR(?n) = \"Đào Hồng Lan\") } }", store=store)
    union, named = union_and_named(store)
    assert union == named
    names = {t.object.value for t in union if t.predicate.value == "https://schema.org/name"}
    assert "Người Thêm" in names and "Đào Hồng Lan" not in names
