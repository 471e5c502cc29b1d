"""Ingest at scale: extraction over processes (`--jobs`) and on Dask (`--dask local`) gives
exactly the graph of the in-process path, problems stay one line each in input order, memory
stays bounded (a bounded number of chunks in flight), and a second run re-extracts only what
changed.

The articles are the samples, the seed articles and a slice of the development corpus when
../shared is there, and generated articles; all are read at run time.
"""

from __future__ import annotations

import gzip
import itertools
import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import CORPUS, SAMPLES, SEEDS, run_kg

from kg import parallel
from kg.doc import Article
from kg.store import Store

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Quốc", "Thanh", "Đức"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Lan", "Nam", "Phúc", "Quang", "Sơn", "Yến"]
PROVINCES = ["Nghệ An", "Thanh Hóa", "Quảng Ninh", "Cần Thơ", "Lâm Đồng", "Đắk Lắk", "Huế"]
TITLES = ["Chủ tịch UBND tỉnh", "Phó Chủ tịch UBND tỉnh", "Giám đốc Sở Y tế tỉnh",
          "Bí thư Tỉnh ủy"]


def generated(n: int, seed: int) -> list[dict[str, str]]:
    """n short articles naming people, bodies, decisions and figures, in varied shapes."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        prov, title = rng.choice(PROVINCES), rng.choice(TITLES)
        out.append({
            "id": f"quy-mo-{i:04d}",
            "date": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "title": f"{prov} tăng tốc chuyển đổi số ({i})",
            "text": (
                f"{title} {prov} {name} đã ký Quyết định số {rng.randint(10, 999)}/QĐ-UBND "
                f"phê duyệt Đề án chuyển đổi số giai đoạn 2025-2030. \"Đến năm 2026, "
                f"{rng.randint(60, 100)}% thủ tục hành chính sẽ được giải quyết trực tuyến\", "
                f"ông {name.split()[-1]} nói. Bộ Thông tin và Truyền thông cho biết sẽ hỗ trợ "
                f"tỉnh {prov} xây dựng trung tâm dữ liệu."
            ),
        })
    return out


def corpus_slice(name: str, n: int) -> list[dict]:
    path = CORPUS / name
    if not path.exists():
        return []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in itertools.islice(f, n)]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Samples, seeds (if there), 200 development-corpus articles (if there), 200 generated."""
    src = tmp_path_factory.mktemp("scale-src")
    rows = generated(200, seed=3) + corpus_slice("dantri-2020.jsonl.gz", 200)
    (src / "articles.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    paths = [str(SAMPLES), str(src / "articles.jsonl")]
    if SEEDS.exists():
        paths.append(str(SEEDS))
    return paths


def quads_by_graph(store_dir: Path) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    with Store(store_dir, read_only=True) as store:
        for q in store.ox:
            out[str(q.graph_name)].add(str(q.triple))
    return dict(out)


def test_processes_and_dask_give_the_graph_of_one_process(
    inputs: list[str], tmp_path: Path
) -> None:
    pytest.importorskip("distributed")
    one = run_kg("ingest", "--jobs", "1", *inputs, store=tmp_path / "one", timeout=300)
    two = run_kg("ingest", "--jobs", "2", *inputs, store=tmp_path / "two", timeout=300)
    dask = run_kg("ingest", "--dask", "local", "--jobs", "2", *inputs,
                  store=tmp_path / "dask", timeout=300)
    assert "Traceback" not in two.stderr + dask.stderr, two.stderr + dask.stderr
    want = quads_by_graph(tmp_path / "one")
    # Everything was read, and the graphs have the facts of the articles.
    assert len(want) >= 400 if (CORPUS / "dantri-2020.jsonl.gz").exists() else len(want) >= 200
    assert sum(len(q) for q in want.values()) > 20 * len(want)
    for name, got in (("--jobs 2", quads_by_graph(tmp_path / "two")),
                      ("--dask local", quads_by_graph(tmp_path / "dask"))):
        assert set(got) == set(want), f"{name}: other graphs"
        differ = [g for g in want if got[g] != want[g]]
        assert not differ, f"{name}: {len(differ)} graphs differ, e.g. {differ[0]}"
    # The summary counts the same articles and entities.
    assert one.stdout == two.stdout == dask.stdout


def test_problems_are_reported_in_input_order_with_workers(tmp_path: Path) -> None:
    rows = [json.dumps(r, ensure_ascii=False) for r in generated(120, seed=5)]
    rows[10] = "{hỏng"
    rows[70] = json.dumps({"id": "quy-mo-0003", "text": "trùng mã bài"})  # duplicate id
    rows[100] = json.dumps({"id": "x"})  # no text
    src = tmp_path / "co-loi.jsonl"
    src.write_text("\n".join(rows) + "\n", "utf-8")
    runs = [run_kg("ingest", "--jobs", jobs, str(src), store=tmp_path / f"s{jobs}",
                   check=False, timeout=300) for jobs in ("1", "2")]
    for proc in runs:
        assert proc.returncode == 3, proc.stderr
        lines = [line for line in proc.stderr.splitlines() if line.strip()]
        assert [re.search(r"co-loi\.jsonl:(\d+): ", line)[1] for line in lines] == \
            ["11", "71", "101"], lines
    assert runs[0].stderr == runs[1].stderr and runs[0].stdout == runs[1].stdout
    assert "ingested 117 article(s)" in runs[1].stdout


def test_second_run_extracts_only_what_changed(tmp_path: Path) -> None:
    rows = generated(150, seed=9)
    src = tmp_path / "bai.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    store = tmp_path / "store"
    first = run_kg("ingest", "--jobs", "2", str(src), store=store, timeout=300)
    assert "ingested 150 article(s)" in first.stdout
    again = run_kg("ingest", "--jobs", "2", str(src), store=store, timeout=300)
    assert "ingested 0 article(s), 150 unchanged" in again.stdout
    rows[42]["text"] = rows[42]["text"].replace("Đề án", "Kế hoạch")
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    changed = run_kg("ingest", "--jobs", "2", str(src), store=store, timeout=300)
    assert "ingested 1 article(s), 149 unchanged" in changed.stdout
    graph = quads_by_graph(store)["<https://w3id.org/vnkg/id/article/quy-mo-0042>"]
    assert any("Kế hoạch" in t for t in graph) and not any("Đề án" in t for t in graph)


def test_chunks_in_flight_are_bounded_and_results_in_order() -> None:
    """Memory is bounded: the input is pulled only as results come back."""
    pulled, in_flight, most = 0, 0, 0

    def todo():
        nonlocal pulled
        for i in range(10_000):
            pulled += 1
            yield i

    def submit(chunk: list[int]) -> list[int]:
        nonlocal in_flight, most
        in_flight += 1
        most = max(most, in_flight)
        return chunk

    def result(chunk: list[int]) -> list[int]:
        nonlocal in_flight
        in_flight -= 1
        return chunk

    got = parallel.in_order(parallel.chunked(todo(), 10), submit, result, window=3)
    first = list(itertools.islice(got, 25))
    assert first == list(range(25))
    # Ahead of what was taken: the chunks in the window and the one being handed out.
    assert pulled - 25 <= (3 + 1) * 10, pulled
    assert list(got) == list(range(25, 10_000)) and most <= 3


def test_missing_dask_and_unreachable_scheduler_are_one_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    todo = [(Article(id="a", text="Bộ trưởng Bộ Y tế nói."), "h")]
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails as if not installed
    with pytest.raises(parallel.ParallelError, match=r"pip install 'kg\[dask\]'"):
        list(parallel.build_all(todo, dask="local"))
    monkeypatch.delitem(sys.modules, "distributed")
    pytest.importorskip("distributed")
    monkeypatch.setattr(parallel, "DASK_CONNECT_TIMEOUT", 1)
    with pytest.raises(parallel.ParallelError, match="cannot reach the Dask scheduler"):
        list(parallel.build_all(todo, dask="tcp://127.0.0.1:9"))
