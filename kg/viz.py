"""Draw the graph as one self-contained interactive HTML page.

The page is `kg/static/viz.html` with everything inlined: vis-network's JavaScript (the copy
pyvis ships, so no CDN and no download), `kg/static/viz.css`, `kg/static/viz.js` (legend and
type filters, search, side panel) and the graph as JSON. It opens offline from a file, and a
Content-Security-Policy lets it run only its own two scripts and fetch nothing.

Article text reaches the page only inside that JSON, escaped so that no `</script>`, `<!--`
or line separator in a quote can end the data block, and the page's script writes it with
`textContent`; a quote containing `<script>` shows as text.

`build_graph` (in `kg.viz_graph`) reads the network from the store; `kg.viz_select` picks the
part to draw; `write_html` writes the page.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from kg.query import syntax_error_message
from kg.viz_graph import build_graph, load_style, read_analysis
from kg.viz_select import (
    OVERVIEW_NODES,
    Selection,
    VizError,
    cap,
    centrality,
    find,
    neighbourhood,
    overview,
    query_subgraph,
    read_construct,
)

__all__ = ["build_graph", "draw", "page_data", "render_html", "script_json", "write_html"]

STATIC = Path(__file__).resolve().parent / "static"
VIS_VERSION = "9.1.2"
TITLE = "kg — đồ thị tri thức"
#: How many sentences and articles the side panel lists for one node (the count says the rest).
PANEL_ITEMS = 40
#: In an overview, how much bigger than its type's base size the most central actor is drawn.
OVERVIEW_GROWTH = 22


def vis_js_path() -> Path:
    """vis-network's standalone build, as shipped inside the pyvis package."""
    import pyvis

    return Path(pyvis.__file__).resolve().parent / "lib" / f"vis-{VIS_VERSION}" / \
        "vis-network.min.js"


def script_json(data: Any) -> str:
    """JSON that is safe inside a `<script>` element: `<`, `>`, `&` and U+2028/U+2029 are
    written as \\u escapes (still the same JSON), so text cannot close the element or open a
    comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for ch in "<>&\u2028\u2029":
        text = text.replace(ch, f"\\u{ord(ch):04x}")
    return text


def newest(items: list[dict[str, str]]) -> list[dict[str, str]]:
    """The `PANEL_ITEMS` most recent sources of a node, newest first: a hub of a large corpus
    is named in thousands of articles, and the page must stay light."""
    return sorted(items, key=lambda i: (i.get("date", ""), i.get("id", "")),
                  reverse=True)[:PANEL_ITEMS]


def page_data(graph: nx.MultiDiGraph, selection: Selection | None = None,
              depth: int | None = None) -> dict[str, Any]:
    """What the page's script reads: node types (legend), nodes with their panel facts, edges,
    and a note of what was left out."""
    style = load_style()
    sel = selection or Selection(graph.number_of_nodes(), graph.number_of_edges())
    counts = Counter(d["kind"] for _n, d in graph.nodes(data=True))
    degree = dict(graph.to_undirected(as_view=True).degree())
    ov = sel.overview
    # An overview sizes actors by their stated links in the whole graph (their centrality),
    # not by the few links drawn.
    top = max((d.get("centrality", 0) for _n, d in graph.nodes(data=True)), default=0) or 1
    nodes = []
    for n, d in sorted(graph.nodes(data=True), key=lambda x: x[0]):
        base = style.types.get(d["kind"], {}).get("size", 10)
        size = (base + OVERVIEW_GROWTH * math.sqrt(d.get("centrality", 0) / top) if ov
                else base + 3 * math.sqrt(degree[n]))
        node = {
            "id": n, "type": d["kind"], "label": d["label"], "name": d["name"],
            "aliases": d.get("aliases", []), "size": round(size, 1),
            "facts": d.get("facts", []),
            "evidence": newest(d.get("evidence", [])), "evidence_total": len(d.get("evidence", [])),
            "articles": newest(d.get("articles", [])), "articles_total": len(d.get("articles", [])),
        }
        if ov:
            node["community"] = d.get("community") or "other"
            node["links"] = d.get("centrality", 0)
        nodes.append(node)
    edges = []
    ordered = sorted(graph.edges(keys=True, data=True), key=lambda x: (x[0], x[1], str(x[2])))
    for i, (a, b, _key, d) in enumerate(ordered):
        edge = {"id": f"e{i}", "from": a, "to": b, "label": d["label"],
                "relation": d["relation"], "evidence": d.get("evidence", [])}
        if ov:
            edge.update(weight=d.get("weight", 1), shared=d.get("shared", 0),
                        directed=d.get("directed", True))
        edges.append(edge)
    types = [{"key": k, **v, "count": counts.get(k, 0)} for k, v in style.types.items()]
    focus = [n for n in sel.focus if n in graph]
    return {
        "meta": {
            "shown_nodes": graph.number_of_nodes(), "total_nodes": sel.total_nodes,
            "shown_edges": graph.number_of_edges(), "total_edges": sel.total_edges,
            "left_out": sorted(sel.left_out.items(), key=lambda kv: (-kv[1], kv[0])),
            "focus": focus, "focus_names": [graph.nodes[n]["name"] for n in focus],
            "depth": depth, "query": sel.query,
            "overview": None if ov is None else {
                "actors": ov.actors, "ranked_by": ov.ranked_by,
                "edges_per_node": ov.edges_per_node, "communities": ov.communities,
                "other": style.fields["other_communities"],
            },
        },
        "types": types, "nodes": nodes, "edges": edges,
    }


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render_html(data: dict[str, Any]) -> str:
    """The page, with every resource inlined."""
    template = (STATIC / "viz.html").read_text(encoding="utf-8")
    vis_js = vis_js_path().read_text(encoding="utf-8")
    js = (STATIC / "viz.js").read_text(encoding="utf-8")
    for code in (vis_js, js):
        if re.search(r"</script|<!--", code, re.I):  # would end the inline element early
            raise RuntimeError("a script to inline contains </script or <!--")
    parts = {
        "TITLE": TITLE,
        "CSS": (STATIC / "viz.css").read_text(encoding="utf-8"),
        "DATA": script_json(data),
        "VIS_JS": vis_js,
        "JS": js,
    }
    # One pass, so that nothing inserted is read again as a placeholder.
    page = re.sub(r"\{\{([A-Z_]+)\}\}", lambda m: parts[m.group(1)], template)
    # Only these two scripts may run (the JSON block is data, not script).
    return page.replace("script-src 'unsafe-inline'",
                        f"script-src {_csp_hash(vis_js)} {_csp_hash(js)}", 1)


def draw(
    store: Any, out: Path, *, focus: str | None = None, depth: int = 1,
    query_file: Path | None = None, max_nodes: int = 500, overview_mode: bool | None = None,
    overview_nodes: int = OVERVIEW_NODES,
) -> tuple[nx.MultiDiGraph, Selection]:
    """`kg viz`: the whole graph, or one actor's neighbourhood, or a CONSTRUCT's subgraph,
    written to `out`. When it has more than `max_nodes` nodes (or `overview_mode` is True),
    an overview of its `overview_nodes` most central actors; with `overview_mode` False, its
    `max_nodes` most connected nodes. Raises `VizError` for a request it cannot meet."""
    text = read_construct(query_file) if query_file is not None else None
    full = build_graph(store)
    sel = Selection(full.number_of_nodes(), full.number_of_edges())
    graph, distance = full, None
    if query_file is not None and text is not None:
        try:
            result = store.query(text)
        except SyntaxError as e:
            raise VizError(f"{query_file}: {syntax_error_message(e)}") from None
        except (OSError, RuntimeError, ValueError) as e:
            raise VizError(f"{query_file}: query failed: {str(e).splitlines()[0]}") from None
        if not isinstance(result, ox.QueryTriples):
            raise VizError(f"{query_file}: the query did not return triples (a CONSTRUCT "
                           "needs the local store or a server that answers it)")
        graph = query_subgraph(full, result, str(query_file))
        sel.query = query_file.name
    if focus is not None:
        centers = find(graph, focus)
        graph, distance = neighbourhood(graph, centers, depth)
        sel.focus = centers
    sel.total_nodes, sel.total_edges = graph.number_of_nodes(), graph.number_of_edges()
    too_big = 0 < max_nodes < graph.number_of_nodes()
    if overview_mode or (overview_mode is None and too_big):
        from kg.analyze import build_network

        net = build_network(store)
        cent = centrality(net, full, read_analysis(store))
        graph, sel.overview = overview(graph, net, cent, overview_nodes, keep=sel.focus)
    else:
        graph, sel.left_out = cap(graph, max_nodes, distance)
    write_html(graph, out, sel, depth if focus is not None else None)
    return graph, sel


def write_html(graph: nx.MultiDiGraph, out: Path, selection: Selection | None = None,
               depth: int | None = None) -> None:
    """Write the page for `graph` to `out` (through a temporary file, so a reader never sees
    half a page)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    tmp.write_text(render_html(page_data(graph, selection, depth)), encoding="utf-8")
    tmp.replace(out)
