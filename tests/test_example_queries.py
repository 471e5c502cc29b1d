"""The README's example questions, answered from the seed graph by named queries, and the
"since which article date" of the positions query on dated articles."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from conftest import run_kg

PM = "Thủ tướng Chính phủ"


def rows(store: Path, *args: str) -> list[dict[str, str]]:
    out = run_kg("query", *args, "--format", "csv", store=store).stdout
    return list(csv.DictReader(io.StringIO(out)))


def test_programs_approved_by_the_prime_ministers_decisions(seed_store: Path) -> None:
    got = rows(seed_store, "programs-by-issuer", "--param", f"issuer={PM}")
    assert got, "no program approved by a decision of the Prime Minister in the seeds"
    assert {r["issuedBy"] for r in got} == {PM}
    assert "146/QĐ-TTg" in {r["decision"] for r in got}
    assert all(r["program"].startswith(("Đề án", "Chương trình", "Chiến lược", "Kế hoạch"))
               for r in got)
    # Checked against the triples: each decision is the Prime Minister's and approves the program.
    for r in got:
        ask = f"""ASK {{ ?d eli:id_local "{r['decision']}" ; eli:passed_by/skos:prefLabel
                        "{PM}"@vi ; kg:approves/schema:name "{r['program']}"@vi }}"""
        assert run_kg("query", ask, store=seed_store).stdout.strip() == "true", r
    # The Government's decree is not the Prime Minister's; the abbreviation finds the same.
    assert "42/2022/NĐ-CP" not in {r["decision"] for r in got}
    short = rows(seed_store, "programs-by-issuer", "--param", "issuer=TTg")
    assert [(r["decision"], r["program"]) for r in short] == \
        [(r["decision"], r["program"]) for r in got]


def test_who_said_what_about_digital_platforms(seed_store: Path) -> None:
    got = rows(seed_store, "said-about", "--param", "topic=nền tảng số")
    assert len(got) >= 3
    for r in got:
        assert "nền tảng" in r["evidence"].casefold(), r
        assert "nền tảng số" in r["said"].casefold()
        assert r["speaker"] and r["article"]
    assert "Nguyễn Mạnh Hùng" in {r["speaker"] for r in got}
    # Case does not matter; a topic nobody spoke of, hostile or not, finds nothing.
    upper = rows(seed_store, "said-about", "--param", "topic=NỀN TẢNG SỐ")
    assert [r["said"] for r in upper] == [r["said"] for r in got]
    for topic in ['"} ; DROP ALL', "không ai nói điều này"]:
        assert rows(seed_store, "said-about", "--param", f"topic={topic}") == []
    everyone = rows(seed_store, "said-about")  # no topic: every claim
    assert len(everyone) > len(got)


def test_positions_since_the_first_dated_article(tmp_path: Path) -> None:
    """Two dated articles (written for this test) state the same post: `since` is the
    earlier date, `articles` counts both."""
    src = tmp_path / "dated.jsonl"
    articles = [
        {"id": "ngay-1", "date": "2021-05-04", "text": "Hội nghị về chuyển đổi số\n\n"
         "Bộ trưởng Bộ Thông tin và Truyền thông Nguyễn Mạnh Hùng phát biểu tại hội nghị."},
        {"id": "ngay-2", "date": "2023-02-10", "text": "Gặp mặt đầu xuân\n\n"
         "Bộ trưởng Bộ Thông tin và Truyền thông Nguyễn Mạnh Hùng chúc Tết cán bộ của Bộ."},
    ]
    src.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles),
                   encoding="utf-8")
    store = tmp_path / "store"
    run_kg("ingest", str(src), store=store)
    got = rows(store, "positions", "--param", "person=Nguyễn Mạnh Hùng")
    post = [r for r in got if r["title"] == "Bộ trưởng"]
    assert len(post) == 1
    assert post[0]["organization"] == "Bộ Thông tin và Truyền thông"
    assert post[0]["since"] == "2021-05-04" and post[0]["articles"] == "2"
