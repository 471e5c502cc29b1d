"""The end-to-end foundation: the real CLI over the seeds and the samples."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import GOLD_SEEDS, SAMPLES, SCORER, need, run_kg

from kg.store import Store
from kg.vocab import ID, RDF, SCHEMA


def test_samples_build_a_graph(tmp_path: Path) -> None:
    store = tmp_path / "store"
    out = run_kg("ingest", str(SAMPLES), store=store)
    assert "ingested" in out.stdout
    stats = run_kg("stats", store=store).stdout
    assert "people" in stats and "organizations" in stats
    res = run_kg("query", "SELECT ?n WHERE { ?p a schema:Person ; schema:name ?n }",
                 "--format", "csv", store=store)
    assert "Nguyễn Mạnh Hùng" in res.stdout


def test_reingest_replaces_an_article(tmp_path: Path) -> None:
    store = tmp_path / "store"
    art = tmp_path / "a1.txt"
    art.write_text("Bộ trưởng Bộ Y tế Đào Hồng Lan làm việc tại Hà Nội.", encoding="utf-8")
    run_kg("ingest", str(art), store=store)
    art.write_text("Bộ trưởng Bộ Nội vụ Phạm Thị Thanh Trà làm việc tại Huế.", encoding="utf-8")
    run_kg("ingest", str(art), store=store)
    names = run_kg("query", "SELECT ?n WHERE { ?p a schema:Person ; schema:name ?n }",
                   "--format", "csv", store=store).stdout
    assert "Phạm Thị Thanh Trà" in names
    assert "Đào Hồng Lan" not in names
    count = run_kg("query", "SELECT (COUNT(?a) AS ?n) WHERE { ?a a schema:NewsArticle }",
                   "--format", "csv", store=store).stdout
    assert count.split()[-1] == "1"


def test_html_article_main_text_and_metadata(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Tin</title>"
        '<meta property="og:title" content="Hà Nội đẩy mạnh chuyển đổi số">'
        '<meta property="article:published_time" content="2023-03-04T08:00:00+07:00">'
        "<script>var x = 'Bộ trưởng Giả Danh';</script><style>p{}</style></head>"
        "<body><nav>Trang chủ | Thời sự</nav><article><p>Chủ tịch UBND TP Hà Nội "
        "Trần Sỹ Thanh chủ trì cuộc họp.</p></article></body></html>",
        encoding="utf-8",
    )
    store = tmp_path / "store"
    run_kg("ingest", str(page), store=store)
    res = run_kg("query", "SELECT ?h ?d WHERE { ?a schema:identifier 'page' ; "
                 "schema:headline ?h ; schema:datePublished ?d }", "--format", "csv",
                 store=store).stdout
    assert "Hà Nội đẩy mạnh chuyển đổi số" in res and "2023-03-04" in res
    names = run_kg("query", "SELECT ?n WHERE { ?p a schema:Person ; schema:name ?n }",
                   "--format", "csv", store=store).stdout
    assert "Giả Danh" not in names


def test_seed_score_meets_the_foundation_bar(seed_export: Path) -> None:
    need(SCORER)
    proc = subprocess.run([sys.executable, str(SCORER), str(GOLD_SEEDS), str(seed_export),
                           "--json"], capture_output=True, text=True, check=True)
    result = json.loads(proc.stdout)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    assert result["overall_f1"] >= 0.80
    assert result["categories"]["legal_documents"]["f1"] == 1.0


def test_export_formats_parse_back(seed_store: Path, tmp_path: Path) -> None:
    sizes = {}
    for fmt, ext, rdf_format in (("turtle", "ttl", ox.RdfFormat.TURTLE),
                                 ("trig", "trig", ox.RdfFormat.TRIG),
                                 ("nt", "nt", ox.RdfFormat.N_TRIPLES),
                                 ("jsonld", "jsonld", ox.RdfFormat.JSON_LD)):
        out = tmp_path / f"g.{ext}"
        run_kg("export", "-o", str(out), "--format", fmt, store=seed_store)
        quads = list(ox.parse(path=str(out), format=rdf_format))
        sizes[fmt] = len({(q.subject, q.predicate, q.object) for q in quads})
    assert sizes["turtle"] > 100
    assert sizes["turtle"] == sizes["nt"] == sizes["jsonld"] == sizes["trig"]


def test_validate_passes_on_seeds(seed_store: Path) -> None:
    out = run_kg("validate", store=seed_store)
    assert "conforms" in out.stdout


def test_validate_fails_on_a_person_without_name(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    run_kg("ingest", str(SAMPLES), store=store_dir)
    store = Store(store_dir)
    nameless = ID["person/nameless"]
    graph = ID["article/broken"]
    store.replace_articles([(graph, [ox.Quad(nameless, RDF.type, SCHEMA.Person, graph)])])
    del store
    proc = run_kg("validate", store=store_dir, check=False)
    assert proc.returncode == 1
    assert "a person needs a name (schema:name)" in proc.stderr
    assert "person/nameless" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    "setup, expected",
    [
        (lambda d: d / "missing.txt", "no such file or directory"),
        (lambda d: (d / "empty.txt").write_text("") and None or d / "empty.txt", "empty file"),
        (lambda d: (d / "bad.jsonl").write_text('{"id": "a", "text": "Hà Nội."}\n{oops\n')
         and None or d / "bad.jsonl", "bad.jsonl:2: malformed JSON"),
    ],
    ids=["bad-path", "empty-file", "malformed-jsonl"],
)
def test_bad_input_is_one_line_without_traceback(tmp_path: Path, setup, expected: str) -> None:
    path = setup(tmp_path)
    proc = run_kg("ingest", str(path), store=tmp_path / "store", check=False)
    assert proc.returncode != 0
    assert expected in proc.stderr
    assert "Traceback" not in proc.stderr
    problem_lines = [line for line in proc.stderr.splitlines() if str(path.name) in line]
    assert len(problem_lines) == 1


def test_jsonl_gz_with_metadata(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl.gz"
    rec = {"id": "x1", "text": "Thủ tướng Phạm Minh Chính làm việc với tỉnh Quảng Ninh.",
           "url": "https://example.org/x1", "date": "2024-05-02T10:00:00", "source": "example"}
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    store = tmp_path / "store"
    run_kg("ingest", str(path), store=store)
    res = run_kg("query", "SELECT ?d ?u WHERE { ?a schema:identifier 'x1' ; "
                 "schema:datePublished ?d ; schema:url ?u }", "--format", "csv", store=store)
    assert "2024-05-02" in res.stdout and "https://example.org/x1" in res.stdout
