"""`kg viz`: the HTML graph, built with the real command line and opened in headless Chromium.

The browser tests drive Debian's `chromium` with Playwright (never a downloaded browser; `make
test` installs it with `make browser`) and read the page's own state (`window.kgViz`): what
vis-network draws, search, type filters, the side panel, and that an article quote containing
`<script>` stays text. They skip, with the reason, when chromium or Playwright is missing.
A screenshot of the seed graph is kept in `test-artifacts/seed-graph.png`, and one of the
overview of 300 development-corpus articles in `test-artifacts/corpus-overview.png`.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, ROOT, need, run_kg

from kg import analyze as an
from kg.store import Store
from kg.viz import script_json

ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
HUNG = "Nguyễn Mạnh Hùng"
READY = "body[data-ready=true]"

# A hostile article: markup and script in a quote, in reported speech and in a title.
HOSTILE_TXT = """Bộ trưởng Bộ Thông tin và Truyền thông Nguyễn Văn An làm việc với Sở Thông tin \
và Truyền thông tỉnh Quảng Ninh.

“<script>window.pwned=1</script> Chuyển đổi số là nhiệm vụ trọng tâm </script><img src=x \
onerror=window.pwned=2>”, ông Nguyễn Văn An cho biết.

Theo ông Nguyễn Văn An, dữ liệu là tài nguyên mới <b onmouseover=window.pwned=3>quan trọng</b> \
& cần được chia sẻ \u2028 giữa các cơ quan.
"""
HOSTILE_HTML = """<html><head><title>&lt;/script&gt;&lt;script&gt;window.pwned=4&lt;/script&gt; \
Hội nghị chuyển đổi số</title></head><body><article><p>Thứ trưởng Bộ Thông tin và Truyền thông \
Trần Thị Bình cho biết, chuyển đổi số cần sự vào cuộc của cả hệ thống chính trị.</p></article>
</body></html>"""


def page_data(html: Path) -> dict[str, Any]:
    """The graph a page embeds (its #kg-data JSON)."""
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>',
                  html.read_text(encoding="utf-8"), re.S)
    assert m, f"{html}: no #kg-data block"
    return json.loads(m.group(1))


def viz(store: Path, out: Path, *args: str) -> tuple[dict[str, Any], str]:
    proc = run_kg("viz", "-o", str(out), *args, store=store)
    return page_data(out), proc.stderr


def neighbours(data: dict[str, Any]) -> dict[str, set[str]]:
    adj: dict[str, set[str]] = {n["id"]: set() for n in data["nodes"]}
    for e in data["edges"]:
        adj[e["from"]].add(e["to"])
        adj[e["to"]].add(e["from"])
    return adj


def within(adj: dict[str, set[str]], start: set[str], depth: int) -> set[str]:
    seen, frontier = set(start), set(start)
    for _ in range(depth):
        frontier = {m for n in frontier for m in adj[n]} - seen
        seen |= frontier
    return seen


@pytest.fixture(scope="module")
def seed_page(seed_store: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("viz") / "seed.html"
    _data, stderr = viz(seed_store, out)
    return out, stderr


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("hostile")
    (tmp / "in").mkdir()
    (tmp / "in" / "bai-doc-hai.txt").write_text(HOSTILE_TXT, encoding="utf-8")
    (tmp / "in" / "bai-tieu-de.html").write_text(HOSTILE_HTML, encoding="utf-8")
    run_kg("ingest", str(tmp / "in"), store=tmp / "store")
    out = tmp / "hostile.html"
    viz(tmp / "store", out)
    return out


# ------------------------------------------------------------------ the page file


def test_script_json_cannot_end_the_script_element() -> None:
    value = {"q": "“<script>x()</script>” <!-- & \u2028\u2029 >", "n": [1, "</SCRIPT >"]}
    text = script_json(value)
    assert not set(text) & set("<>&\u2028\u2029")
    assert json.loads(text) == value


class _Resources(HTMLParser):
    """Every element that could load something, with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_page_is_self_contained(seed_page: tuple[Path, str]) -> None:
    html = seed_page[0].read_text(encoding="utf-8")
    parser = _Resources()
    parser.feed(html)
    scripts = [a for t, a in parser.tags if t == "script"]
    assert len(scripts) == 3  # data, vis-network, kg's own
    assert all("src" not in a for a in scripts)
    for tag, attrs in parser.tags:
        assert tag not in ("link", "iframe", "img", "object", "embed"), tag
        for name in ("src", "href"):
            assert not re.match(r"(https?:)?//", attrs.get(name) or ""), (tag, attrs)
    csp = next(a["content"] for t, a in parser.tags
               if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


def test_seed_page_counts_match_the_cli(seed_page: tuple[Path, str]) -> None:
    out, stderr = seed_page
    data = page_data(out)
    m = re.search(r"\((\d+) nodes, (\d+) edges\)", stderr)
    assert m, stderr
    assert (len(data["nodes"]), len(data["edges"])) == (int(m.group(1)), int(m.group(2)))
    kinds = Counter(n["type"] for n in data["nodes"])
    assert {"person", "body", "claim"} <= set(kinds)
    assert {t["key"]: t["count"] for t in data["types"]} == {t["key"]: kinds.get(t["key"], 0)
                                                            for t in data["types"]}
    relations = Counter(e["relation"] for e in data["edges"])
    assert relations["position"] and relations["said"]
    # positions read "giữ chức <role>" and carry their sentence; claims carry theirs
    pos = next(e for e in data["edges"] if e["relation"] == "position")
    assert pos["label"].startswith("giữ chức ") and len(pos["label"]) > len("giữ chức ")
    assert pos["evidence"] and pos["evidence"][0]["quote"]
    claim = next(n for n in data["nodes"] if n["type"] == "claim")
    assert claim["evidence"][0]["quote"] and claim["evidence"][0]["article"]


def test_focus_draws_the_neighbourhood(seed_store: Path, seed_page: tuple[Path, str],
                                       tmp_path: Path) -> None:
    full = page_data(seed_page[0])
    hung = next(n["id"] for n in full["nodes"] if n["name"] == HUNG)
    adj = neighbours(full)
    for depth in (1, 2):
        data, _ = viz(seed_store, tmp_path / f"d{depth}.html", "--focus", HUNG.upper(),
                      "--depth", str(depth))
        assert {n["id"] for n in data["nodes"]} == within(adj, {hung}, depth)
        assert data["meta"]["focus"] == [hung]
    # without diacritics, any case
    data, _ = viz(seed_store, tmp_path / "plain.html", "--focus", "nguyen manh hung")
    assert data["meta"]["focus"] == [hung]


def test_query_draws_what_a_construct_returns(seed_store: Path, tmp_path: Path) -> None:
    rq = tmp_path / "mic.rq"
    rq.write_text("""# who holds a post in the Ministry of Information and Communications
CONSTRUCT { ?m org:member ?p ; org:organization ?o } WHERE {
  ?m org:member ?p ; org:organization ?o . ?o skos:altLabel "Bộ TT&TT"@vi }""",
                  encoding="utf-8")
    sel = run_kg("query", "--format", "csv", """SELECT DISTINCT ?p ?o WHERE {
        ?m org:member ?p ; org:organization ?o . ?o skos:altLabel "Bộ TT&TT"@vi }""",
                 store=seed_store).stdout
    expected = {iri for row in sel.split()[1:] for iri in row.split(",")}
    assert len(expected) > 2
    data, _ = viz(seed_store, tmp_path / "q.html", "--query", str(rq))
    assert {n["id"] for n in data["nodes"]} == expected
    assert sum(e["relation"] == "position" for e in data["edges"]) >= len(expected) - 1


def test_cap_keeps_the_most_connected(seed_store: Path, seed_page: tuple[Path, str],
                                      tmp_path: Path) -> None:
    full = page_data(seed_page[0])
    degree = {n: len([e for e in full["edges"] if n in (e["from"], e["to"])])
              for n in (x["id"] for x in full["nodes"])}
    data, stderr = viz(seed_store, tmp_path / "cap.html", "--max-nodes", "12", "--no-overview")
    kept = {n["id"] for n in data["nodes"]}
    assert len(kept) == 12
    assert min(degree[n] for n in kept) >= max(d for n, d in degree.items() if n not in kept)
    meta = data["meta"]
    assert meta["total_nodes"] == len(full["nodes"])
    assert sum(c for _k, c in meta["left_out"]) == len(full["nodes"]) - 12
    assert f"of {len(full['nodes'])} nodes" in stderr


@pytest.mark.parametrize(("args", "message"), [
    (["--focus", "Không Có Ai"], "no person, body, place, document, program or event named"),
    (["--focus", "Hùng"], "matches"),
    (["--query", "missing.rq"], "missing.rq: no such query file"),
    (["--query", "select.rq"], "select.rq: a SELECT query; kg viz --query draws"),
    (["--query", "broken.rq"], "broken.rq: SPARQL syntax error at line"),
    (["--query", "empty.rq"], "empty.rq: the 0 triple(s) it returned name no"),
])
def test_errors_are_one_line(seed_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                             args: list[str], message: str) -> None:
    (tmp_path / "select.rq").write_text("SELECT * WHERE { ?s ?p ?o }", encoding="utf-8")
    (tmp_path / "broken.rq").write_text("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p", encoding="utf-8")
    (tmp_path / "empty.rq").write_text("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o . FILTER(false) }",
                                       encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    proc = run_kg("viz", "-o", "out.html", *args, store=seed_store, check=False)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: ") and message in lines[0], lines
    assert not (tmp_path / "out.html").exists()


# ------------------------------------------------------------------ in the browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        pytest.skip("no Debian chromium (make test installs it with `make browser`)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    pw = sync_api.sync_playwright().start()
    try:
        b = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
    except Exception as e:  # a chromium that cannot start here
        pw.stop()
        pytest.skip(f"chromium does not start: {str(e).splitlines()[0]}")
    yield b
    b.close()
    pw.stop()


class Opened:
    """A page loaded offline, with what it asked the network for and what went wrong in it."""

    def __init__(self, browser: Any, html: Path) -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.goto(html.as_uri())
        self.page.wait_for_selector(READY, state="attached", timeout=30_000)

    @staticmethod
    def _route(route: Any) -> None:
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            route.abort()

    def js(self, expr: str, arg: Any = None) -> Any:
        return self.page.evaluate(expr, arg)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def seed(browser: Any, seed_page: tuple[Path, str]) -> Iterator[Opened]:
    opened = Opened(browser, seed_page[0])
    yield opened
    opened.close()


def test_seed_graph_is_drawn_offline(seed: Opened, seed_page: tuple[Path, str]) -> None:
    data = page_data(seed_page[0])
    state = seed.js("""() => ({ready: kgViz.ready, ms: kgViz.readyMs, drawn: kgViz.drawn(),
                     physics: kgViz.network.physics.options.enabled,
                     counts: document.getElementById('kg-counts').textContent})""")
    assert state["ready"] and state["ms"] > 0 and state["physics"] is False
    assert state["drawn"] == {"nodes": len(data["nodes"]), "edges": len(data["edges"])}
    assert f"{len(data['nodes'])} nút" in state["counts"]
    assert [u for u in seed.requests if not u.startswith("file:")] == []
    assert seed.errors == []
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "seed-graph.png"
    seed.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000


def test_search_focuses_the_node(seed: Opened) -> None:
    from kg.rdf import entity_iri

    found = seed.js("q => kgViz.search(q)", "nguyen manh hung")
    assert found == entity_iri("person", "nguyễn mạnh hùng").value
    assert seed.js("() => kgViz.network.getSelectedNodes()") == [found]
    seed.page.wait_for_selector("body[data-moving=false]", state="attached")  # the camera
    pos = seed.js("""id => { const p = kgViz.network.getPosition(id);
                      const d = kgViz.network.canvasToDOM(p);
                      const c = document.getElementById('kg-graph').getBoundingClientRect();
                      const panel = document.getElementById('kg-panel').getBoundingClientRect();
                      return {x: d.x + c.left, y: d.y + c.top, left: c.left, right: panel.left,
                              top: c.top, bottom: c.bottom}; }""", found)
    # centred in the part of the graph the side panel leaves free
    middle = (pos["left"] + pos["right"]) / 2
    assert abs(pos["x"] - middle) < 30 and abs(pos["y"] - (pos["top"] + pos["bottom"]) / 2) < 30
    panel = seed.page.inner_text("#kg-panel")
    assert HUNG in panel and "Bộ trưởng" in panel and "Bằng chứng".upper() in panel.upper()
    # a real click on a neighbour node opens its panel
    other = seed.js("""id => kgViz.network.getConnectedNodes(id)
                         .find(n => kgViz.data.nodes.find(x => x.id === n).type === 'body')""",
                    found)
    seed.page.click("#kg-panel-close")
    xy = seed.js("""id => { const n = kgViz.network;
                     n.moveTo({position: n.getPosition(id), scale: 1.6});
                     const d = n.canvasToDOM(n.getPosition(id));
                     const c = document.getElementById('kg-graph').getBoundingClientRect();
                     return [d.x + c.left, d.y + c.top]; }""", other)
    assert seed.page.is_hidden("#kg-panel")
    seed.page.mouse.click(*xy)
    assert seed.page.is_visible("#kg-panel")
    assert seed.js("() => kgViz.selected") == other
    # the search box, as a person uses it
    seed.page.fill("#kg-search", "không có ai như thế")
    seed.page.press("#kg-search", "Enter")
    assert "Không tìm thấy" in seed.page.inner_text("#kg-search-msg")


def test_filter_hides_a_type(seed: Opened, seed_page: tuple[Path, str]) -> None:
    data = page_data(seed_page[0])
    claims = {n["id"] for n in data["nodes"] if n["type"] == "claim"}
    assert claims
    seed.js("() => kgViz.setTypeVisible('claim', false)")
    drawn = seed.js("() => kgViz.drawn()")
    assert drawn["nodes"] == len(data["nodes"]) - len(claims)
    assert drawn["edges"] == sum(e["from"] not in claims and e["to"] not in claims
                                 for e in data["edges"])
    # the legend's checkbox does the same for bodies, and "Hiện tất cả" brings all back
    bodies = sum(n["type"] == "body" for n in data["nodes"])
    seed.page.click("#kg-legend li[data-type=body] label")
    assert seed.js("() => kgViz.drawn().nodes") == len(data["nodes"]) - len(claims) - bodies
    assert seed.js("() => kgViz.hiddenTypes().sort()") == ["body", "claim"]
    seed.page.click("#kg-show-all")
    assert seed.js("() => kgViz.drawn()") == {"nodes": len(data["nodes"]),
                                              "edges": len(data["edges"])}


def test_cap_note_on_the_page(browser: Any, seed_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "cap.html"
    data, _ = viz(seed_store, out, "--max-nodes", "20", "--no-overview")
    opened = Opened(browser, out)
    try:
        note = opened.page.inner_text("#kg-note")
        assert f"20 / {data['meta']['total_nodes']}" in note
        assert f"20 of {data['meta']['total_nodes']} nodes shown" in note
        assert opened.js("() => kgViz.drawn().nodes") == 20
    finally:
        opened.close()


def test_article_text_with_script_stays_text(browser: Any, hostile_page: Path) -> None:
    data = page_data(hostile_page)
    quote = next((n for n in data["nodes"]
                  if n["type"] == "claim" and "<script>window.pwned=1</script>" in n["name"]),
                 None)
    assert quote, "the hostile quote was not read as a claim of Nguyễn Văn An"
    opened = Opened(browser, hostile_page)
    try:
        page = opened.page
        assert opened.js("id => kgViz.select(id)", quote["id"])
        panel = page.inner_text("#kg-panel")
        assert "<script>window.pwned=1</script>" in panel
        assert "<img src=x onerror=window.pwned=2>" in panel
        # a headline that closes the script element, in the list of articles of a node
        title = "</script><script>window.pwned=4</script>"
        node = next(n for n in data["nodes"] if any(title in a["article"] for a in n["articles"]))
        opened.js("id => kgViz.select(id)", node["id"])
        assert title in page.inner_text("#kg-panel")
        # every node's panel, hover and the search list, then nothing ran
        for n in data["nodes"]:
            opened.js("id => kgViz.select(id)", n["id"])
        opened.js("q => kgViz.search(q)", "Nguyễn Văn An")
        page.mouse.move(700, 450)
        page.wait_for_timeout(300)
        assert opened.js("() => typeof window.pwned") == "undefined"
        assert opened.js("() => document.querySelectorAll('script').length") == 3
        assert opened.js("() => document.querySelectorAll('#kg-panel *:is(img, b, script)')"
                         ".length") == 0
        assert opened.errors == []
    finally:
        opened.close()


# ------------------------------------------------------------------ the overview

#: Articles of the development corpus the overview tests ingest: a graph of about 2,000 nodes,
#: four times the default cap, built in seconds.
CORPUS_ARTICLES = 300
ACTORS = {"person", "body", "place", "decision", "program", "event"}


def check_overview(data: dict[str, Any], cap: int) -> None:
    """What every overview page holds: at most `cap` actors and no claim, every node with a
    link, every node in a community of the legend, and the legend's counts right."""
    assert data["meta"]["overview"], "not an overview"
    nodes = {n["id"]: n for n in data["nodes"]}
    assert 0 < len(nodes) <= cap
    assert {n["type"] for n in nodes.values()} <= ACTORS
    linked = {e["from"] for e in data["edges"]} | {e["to"] for e in data["edges"]}
    assert linked == set(nodes), f"{len(set(nodes) - linked)} node(s) without a link"
    assert all(e["from"] != e["to"] and e["weight"] > 0 for e in data["edges"])
    legend = data["meta"]["overview"]["communities"]
    sizes = Counter(n["community"] for n in nodes.values())
    assert {c["key"]: c["size"] for c in legend} == dict(sizes)
    assert len({c["color"] for c in legend}) == len(legend)


def test_overview_of_the_seeds(seed_store: Path, seed_page: tuple[Path, str],
                               tmp_path: Path) -> None:
    full = page_data(seed_page[0])
    actors = [n for n in full["nodes"] if n["type"] in ACTORS]
    data, stderr = viz(seed_store, tmp_path / "ov.html", "--overview", "--max-nodes", "25")
    check_overview(data, 25)
    assert len(data["nodes"]) == 25  # the seeds have enough linked actors to fill it
    ov = data["meta"]["overview"]
    assert ov["actors"] == len(actors) and ov["ranked_by"] == "links"
    assert f"the most central of {len(actors)} actors" in stderr
    # the ten actors with the most stated relations (kg analyze's measure) are drawn
    with Store(seed_store, read_only=True) as store:
        net = an.build_network(store)
    stated = sorted(net, key=lambda v: -an.links(net, v))
    cut = an.links(net, stated[9])
    assert {v for v in net if an.links(net, v) > cut} <= {n["id"] for n in data["nodes"]}
    assert all(n["links"] == an.links(net, n["id"]) for n in data["nodes"] if n["id"] in net)
    # canvas labels use the usual short forms; the panel and search keep the full name
    long = [n for n in data["nodes"] if n["name"].startswith("Ủy ban nhân dân tỉnh ")]
    assert long and all(n["label"].startswith("UBND tỉnh ") for n in long)
    # the same graph gives the same page
    again, _ = viz(seed_store, tmp_path / "ov2.html", "--overview", "--max-nodes", "25")
    assert again == data


def test_overview_uses_the_stored_analysis(seed_store: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(seed_store, store)
    run_kg("analyze", store=store)
    ranks = run_kg("query", "--format", "csv", """SELECT ?x ?k WHERE {
        ?x kg:rank ?r ; kg:community ?k } ORDER BY ?r LIMIT 10""", store=store).stdout
    top = [row.split(",") for row in ranks.split()[1:]]
    data, _ = viz(store, tmp_path / "ov.html", "--overview", "--max-nodes", "30")
    check_overview(data, 30)
    assert data["meta"]["overview"]["ranked_by"] == "analysis"
    drawn = {n["id"]: n for n in data["nodes"]}
    assert top[0][0] in drawn  # kg analyze's most central actor
    # two actors kg analyze put in one community share a colour, and its stored name
    stored = dict(top)
    legend = {c["key"]: c for c in data["meta"]["overview"]["communities"]}
    compared = 0
    for a, b in [(a, b) for a in stored for b in stored if a < b]:
        if a in drawn and b in drawn and "other" not in (drawn[a]["community"],
                                                         drawn[b]["community"]):
            same = stored[a] == stored[b]
            assert (drawn[a]["community"] == drawn[b]["community"]) == same, (a, b)
            compared += same
    assert compared, "no two of the ten most central actors share a community"
    assert any(c["stored"].startswith("Cộng đồng ") for c in legend.values())


@pytest.fixture(scope="module")
def corpus_overview(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The overview page of the first `CORPUS_ARTICLES` articles of dantri-2020, drawn by
    plain `kg viz` (the graph is past the default cap, so the overview is automatic)."""
    corpus = need(CORPUS / "dantri-2020.jsonl.gz")
    tmp = tmp_path_factory.mktemp("corpus-overview")
    sample = tmp / "dantri-sample.jsonl.gz"
    with gzip.open(corpus, "rt", encoding="utf-8") as src, \
            gzip.open(sample, "wt", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i == CORPUS_ARTICLES:
                break
            dst.write(line)
    run_kg("ingest", "--jobs", "1", str(sample), store=tmp / "store")
    out = tmp / "overview.html"
    _data, stderr = viz(tmp / "store", out)
    return out, stderr


def test_corpus_overview_in_the_browser(browser: Any,
                                        corpus_overview: tuple[Path, str]) -> None:
    out, stderr = corpus_overview
    data = page_data(out)
    assert "an overview" in stderr, stderr
    check_overview(data, 100)
    ov = data["meta"]["overview"]
    assert ov["actors"] > 500 and data["meta"]["total_nodes"] > 500
    opened = Opened(browser, out)
    try:
        page = opened.page
        state = opened.js("""() => {
            const net = kgViz.network;
            const ids = kgViz.nodes.getIds();
            return {drawn: kgViz.drawn(),
                    lonely: ids.filter(id => net.getConnectedEdges(id).length === 0),
                    colours: Array.from(new Set(ids.map(id =>
                        kgViz.nodes.get(id).color.background))),
                    note: document.getElementById('kg-note').textContent,
                    legend: document.querySelectorAll('#kg-communities button').length,
                    physics: net.physics.options.enabled}; }""")
        # drawn as the page data says: capped, every node with an edge, several communities
        assert state["drawn"] == {"nodes": len(data["nodes"]), "edges": len(data["edges"])}
        assert state["drawn"]["nodes"] <= 100
        assert state["lonely"] == []
        assert len(state["colours"]) >= 4
        assert state["physics"] is False
        # the page says it is an overview and how it was chosen, with the legend
        assert f"{len(data['nodes'])} / {ov['actors']:,}".replace(",", ".") in state["note"]
        assert f"the {len(data['nodes'])} most central of {ov['actors']} actors" in state["note"]
        assert state["legend"] == len(ov["communities"])
        # a community of the legend selects its actors
        first = ov["communities"][0]
        page.click(f"#kg-communities button[data-community={first['key']}]")
        assert len(opened.js("() => kgViz.network.getSelectedNodes()")) == first["size"]
        # search and the side panel still work: the most central actor, by its name
        top = max(data["nodes"], key=lambda n: n["links"])
        assert opened.js("q => kgViz.search(q)", top["name"]) == top["id"]
        panel = page.inner_text("#kg-panel")
        assert top["name"] in panel and "Liên kết".upper() in panel.upper()
        page.click("#kg-panel-close")
        opened.js("() => kgViz.network.fit()")
        page.wait_for_timeout(200)
        assert opened.errors == []
        ARTIFACTS.mkdir(exist_ok=True)
        shot = ARTIFACTS / "corpus-overview.png"
        page.screenshot(path=str(shot))
        assert shot.stat().st_size > 30_000
    finally:
        opened.close()
