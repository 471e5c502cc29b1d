"""`kg eval KEY.json`: kg's own scorer gives the shared scorer's numbers, and bad keys are one
line and exit status 2.

The seed key and the shared scorer come from ../shared (skipped when absent); the small key of
the scoring tests is written here over an article written for them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import GOLD_SEEDS, SCORER, need, run_kg

ARTICLE = (
    "Ngày 3/6/2020, Thủ tướng Chính phủ ban hành Quyết định số 749/QĐ-TTg phê duyệt "
    "Chương trình Chuyển đổi số quốc gia đến năm 2025, tầm nhìn đến năm 2030.\n"
    "Bộ trưởng Bộ Thông tin và Truyền thông Nguyễn Mạnh Hùng cho biết Bộ sẽ hướng dẫn các "
    "địa phương triển khai chương trình này trong năm nay.\n"
)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A store of one article written for these tests, and its Turtle export."""
    work = tmp_path_factory.mktemp("eval")
    (work / "a1.txt").write_text(ARTICLE, encoding="utf-8")
    store = work / "store"
    run_kg("ingest", "--jobs", "1", str(work / "a1.txt"), store=store)
    export = work / "a1.ttl"
    run_kg("export", "-o", str(export), store=store)
    return store, export


def key_file(tmp_path: Path, key: object, name: str = "key.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(key, ensure_ascii=False), encoding="utf-8")
    return path


GOOD = {
    "doc": "a1",
    "people": ["Nguyễn Mạnh Hùng"],
    "roles": [{"person": "Nguyễn Mạnh Hùng", "role": "Bộ trưởng",
               "org": ["Bộ Thông tin và Truyền thông"]}],
    "organizations": [["Bộ Thông tin và Truyền thông", "Bộ TT&TT"], ["Thủ tướng Chính phủ"]],
    "legal_documents": [{"id": "749/QĐ-TTg", "date": "2020-06-03"}],
    "places": [],
    "programs": [{"names": ["Chương trình Chuyển đổi số quốc gia"], "approved_by": "749/QĐ-TTg"},
                 {"names": ["Chiến lược Dữ liệu quốc gia"]}],
    "claims": [],
}


def test_scores_a_store_and_its_export_alike(small: tuple[Path, Path], tmp_path: Path) -> None:
    store, export = small
    key = key_file(tmp_path, [GOOD])
    a = json.loads(run_kg("eval", str(key), "--json", store=store).stdout)
    b = json.loads(run_kg("eval", str(key), "--json", "--export", str(export)).stdout)
    assert a == b
    cats = a["categories"]
    assert cats["people"]["tp"] == 1 and cats["people"]["fn"] == 0
    assert cats["legal_documents"]["tp"] == 1 and cats["legal_dates"]["recall"] == 1.0
    # the key's second program is not in the article: found one of two, linked to its decision
    assert (cats["programs"]["tp"], cats["programs"]["fn"]) == (1, 1)
    assert cats["programs+decision"]["recall"] == 1.0
    assert cats["places"]["f1"] == 1.0  # nothing to find, nothing found


def test_misses_lists_what_was_missed(small: tuple[Path, Path], tmp_path: Path) -> None:
    store, _ = small
    out = run_kg("eval", str(key_file(tmp_path, [GOOD])), "--misses", store=store).stdout
    lines = out.splitlines()
    assert lines[0].split() == ["category", "P", "R", "F1", "tp", "fp", "fn"]
    assert any(line.startswith("  programs: ('a1', ['chiến lược dữ liệu quốc gia'])")
               for line in lines), out
    assert lines[-1].startswith("overall F1 ")


def test_docs_restricts_the_key(small: tuple[Path, Path], tmp_path: Path) -> None:
    store, _ = small
    other = dict(GOOD, doc="not-ingested")
    key = key_file(tmp_path, [GOOD, other])
    both = json.loads(run_kg("eval", str(key), "--json", store=store).stdout)
    one = json.loads(run_kg("eval", str(key), "--json", "--docs", "a1", store=store).stdout)
    assert both["categories"]["people"]["fn"] == 1 and one["categories"]["people"]["fn"] == 0
    bad = run_kg("eval", str(key), "--docs", "nope", store=store, check=False)
    assert bad.returncode == 2 and bad.stderr.strip() == "kg: error: --docs: not in the key: nope"


@pytest.mark.parametrize("variant", ["store", "export"])
def test_seed_scores_equal_the_shared_scorers(variant: str, seed_store: Path,
                                               seed_export: Path) -> None:
    """Same numbers, same table, same misses as `score.py` on the seeds' export."""
    need(SCORER)
    gold = need(GOLD_SEEDS)
    ref_json = json.loads(subprocess.run(
        [sys.executable, str(SCORER), str(gold), str(seed_export), "--json"],
        capture_output=True, text=True, check=True).stdout)
    ref_text = subprocess.run(
        [sys.executable, str(SCORER), str(gold), str(seed_export), "--misses"],
        capture_output=True, text=True, check=True).stdout
    where = ["--export", str(seed_export)] if variant == "export" else []
    store = seed_store if variant == "store" else None
    got_json = json.loads(run_kg("eval", str(gold), "--json", *where, store=store).stdout)
    got_text = run_kg("eval", str(gold), "--misses", *where, store=store).stdout
    assert got_json == ref_json
    assert got_text == ref_text


@pytest.mark.parametrize(("content", "message"), [
    (None, "no such file"),
    (b"{not json", "not JSON (line 1, column 2"),
    (b"\xff\xfe\x00bad", "not UTF-8 text"),
    (b'{"people": []}', "an answer key is a JSON list of articles"),
    (b'[["a1"]]', "article 1: not an object but a list"),
    (b'[{"people": ["X"]}]', "article 1: no \"doc\" id"),
    (b'[{"doc": "a1", "people": "Nguyen"}]', "article 'a1': \"people\" is not a list"),
    (b'[{"doc": "a1", "programs": [{"name": "X"}]}]',
     "article 'a1': programs item 1 is not an object with a \"names\" list"),
    (b'[{"doc": "a1", "claims": [{"speaker": 3, "snippet": "x"}]}]',
     "article 'a1': claims item 1 is not an object with a \"speaker\" and a \"snippet\""),
])
def test_bad_keys_are_one_line_and_exit_2(small: tuple[Path, Path], tmp_path: Path,
                                          content: bytes | None, message: str) -> None:
    store, _ = small
    key = tmp_path / "key.json"
    if content is not None:
        key.write_bytes(content)
    proc = run_kg("eval", str(key), store=store, check=False)
    assert proc.returncode == 2, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith(f"kg: error: {key}: ") and message in proc.stderr, proc.stderr
    assert proc.stdout == ""


def test_bad_exports_are_one_line_and_exit_2(tmp_path: Path) -> None:
    key = key_file(tmp_path, [GOOD])
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    for path, message in [(tmp_path / "none.ttl", "no such file"),
                          (tmp_path / "x.csv", "unknown RDF file type"),
                          (broken, "not valid RDF")]:
        if path.suffix == ".csv":
            path.write_text("a,b\n", encoding="utf-8")
        proc = run_kg("eval", str(key), "--export", str(path), check=False)
        assert proc.returncode == 2, proc.stderr
        assert proc.stderr.strip().splitlines() == [proc.stderr.strip()]
        assert f"kg: error: {path}: {message}" in proc.stderr, proc.stderr


def test_no_store_is_one_line(tmp_path: Path) -> None:
    key = key_file(tmp_path, [GOOD])
    proc = run_kg("eval", str(key), store=tmp_path / "nothing-here", check=False)
    assert proc.returncode == 1
    assert proc.stderr.strip() == (f"kg: error: {tmp_path / 'nothing-here'}: no kg store here "
                                   "(run `kg ingest` first)")
