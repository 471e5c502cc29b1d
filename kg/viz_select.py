"""Which part of the graph `kg viz` draws: one actor's neighbourhood (`--focus`, `--depth`),
the entities a CONSTRUCT query returns (`--query`), and a cap on the number of nodes
(`--max-nodes`, the most connected first) so that a large graph stays usable in a browser.

Each step takes and returns the networkx graph of `kg.viz_graph`; a request that cannot be met
(a name found nowhere, a query that is not a CONSTRUCT) raises `VizError` with one line for the
user.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from kg.analyze import SEED, links
from kg.viz_graph import LABEL_CHARS, LINKS, MENTIONS, clip, load_style, predicate_label

#: How many candidates an ambiguous --focus name lists.
CANDIDATES_SHOWN = 5


class VizError(Exception):
    """A drawing request that cannot be met: one line for the user."""


@dataclass
class Selection:
    """What was drawn out of what: the note the page shows above the legend."""

    total_nodes: int
    total_edges: int
    left_out: Counter[str] = field(default_factory=Counter)
    focus: list[str] = field(default_factory=list)
    query: str = ""
    overview: Overview | None = None


def fold(text: str) -> str:
    """Case- and spacing-insensitive form of a name (NFC, casefold, single spaces)."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def strip_marks(text: str) -> str:
    """A folded name without Vietnamese diacritics, for names typed without them."""
    text = unicodedata.normalize("NFD", fold(text)).replace("đ", "d")
    return "".join(c for c in text if not unicodedata.combining(c))


def _names(node: dict[str, Any]) -> list[str]:
    return [node["name"], node["label"], *node.get("aliases", [])]


def find(graph: nx.MultiDiGraph, name: str) -> list[str]:
    """The nodes called `name` (name or alias, any case): exact matches, else matches without
    diacritics, else the one node whose name contains it. Claims are not matched by their
    text: --focus is for actors."""
    actors = [(n, d) for n, d in graph.nodes(data=True) if d["kind"] != "claim"]
    for norm in (fold, strip_marks):
        key = norm(name)
        exact = [n for n, d in actors if key in {norm(x) for x in _names(d)}]
        if exact:
            return exact
    key = strip_marks(name)
    partial = [n for n, d in actors if any(key in strip_marks(x) for x in _names(d))]
    if len(partial) == 1:
        return partial
    if not partial:
        raise VizError(f"no person, body, place, document, program or event named “{name}” "
                       "in the graph (names and aliases are matched, any case)")
    shown = sorted(graph.nodes[n]["name"] for n in partial)
    more = "…" if len(shown) > CANDIDATES_SHOWN else ""
    raise VizError(f"“{name}” matches {len(partial)} entities "
                   f"({'; '.join(shown[:CANDIDATES_SHOWN])}{more}): give the full name")


def neighbourhood(
    graph: nx.MultiDiGraph, centers: Iterable[str], depth: int
) -> tuple[nx.MultiDiGraph, dict[str, int]]:
    """The nodes at most `depth` links from a center (either direction), with the links among
    them, and each node's distance from the nearest center."""
    undirected = graph.to_undirected(as_view=True)
    distance: dict[str, int] = {}
    for c in centers:
        for n, d in nx.single_source_shortest_path_length(undirected, c, cutoff=depth).items():
            distance[n] = min(d, distance.get(n, d))
    return graph.subgraph(distance).copy(), distance


_FIRST_KEYWORD = re.compile(
    r"(?:\s+|#[^\n]*|BASE\s*<[^>]*>|PREFIX\s+[^\s:]*:\s*<[^>]*>)*([A-Za-z]+)", re.I
)


def query_kind(sparql: str) -> str:
    """The first keyword after the prologue (CONSTRUCT, SELECT, INSERT…), upper case."""
    m = _FIRST_KEYWORD.match(sparql)
    return m.group(1).upper() if m else ""


def read_construct(path: Path) -> str:
    """The text of a CONSTRUCT (or DESCRIBE) query file, or a one-line VizError."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise VizError(f"{path}: no such query file") from None
    except IsADirectoryError:
        raise VizError(f"{path}: is a folder, not a query file") from None
    except UnicodeDecodeError:
        raise VizError(f"{path}: not UTF-8 text") from None
    except OSError as e:
        raise VizError(f"{path}: cannot read query file: {e.strerror or e}") from None
    kind = query_kind(text)
    if kind not in ("CONSTRUCT", "DESCRIBE"):
        what = f"a {kind} query" if kind else "not a SPARQL query"
        raise VizError(f"{path}: {what}; kg viz --query draws the triples a CONSTRUCT returns")
    return text


def query_subgraph(
    graph: nx.MultiDiGraph, triples: Iterable[ox.Triple], source: str = "the query"
) -> nx.MultiDiGraph:
    """The subgraph a CONSTRUCT's triples define: every node of `graph` they name (a position's
    `org:Membership` names its person and body), all the links among those nodes, and each
    returned triple between two of them that no drawn link already shows (labelled with its
    predicate's Vietnamese name)."""
    triples = list(triples)
    named = {t.value for tr in triples for t in (tr.subject, tr.object)
             if isinstance(t, ox.NamedNode)}
    keep = {n for n in named if n in graph}
    for a, b, data in graph.edges(data=True):
        if data.get("iri") in named:
            keep |= {a, b}
    if not keep:
        raise VizError(f"{source}: the {len(triples)} triple(s) it returned name no person, "
                       "body, place, document, program, event or claim of the graph")
    sub: nx.MultiDiGraph = graph.subgraph(keep).copy()
    drawn = set(LINKS) | {MENTIONS}
    for tr in triples:
        s, p, o = tr.subject.value, tr.predicate.value, tr.object.value
        if (s in keep and o in keep and s != o and p not in drawn
                and not sub.has_edge(s, o) and not sub.has_edge(o, s)):
            sub.add_edge(s, o, key=f"query {s} {p} {o}", relation="query",
                         label=predicate_label(p), evidence=[])
    return sub


def cap(
    graph: nx.MultiDiGraph, max_nodes: int, distance: dict[str, int] | None = None
) -> tuple[nx.MultiDiGraph, Counter[str]]:
    """At most `max_nodes` nodes (0: no cap): nearest the focus first when there is one, then
    the most connected (degree), then people and bodies before claims, then by name. Returns the
    kept graph and how many nodes of each type were left out."""
    if max_nodes <= 0 or graph.number_of_nodes() <= max_nodes:
        return graph, Counter()
    degree = dict(graph.to_undirected(as_view=True).degree())
    type_rank = {kind: i for i, kind in enumerate(load_style().types)}
    dist = distance or {}

    def rank(n: str) -> tuple[int, int, int, str]:
        node = graph.nodes[n]
        return (dist.get(n, 0), -degree[n], type_rank.get(node["kind"], 99), node["name"])

    order = sorted(graph.nodes, key=rank)
    left_out = Counter(graph.nodes[n]["kind"] for n in order[max_nodes:])
    return graph.subgraph(order[:max_nodes]).copy(), left_out


# ------------------------------------------------------------------ the overview

#: The node types an overview draws: the actors. A claim becomes its speaker's link to what it
#: is about ("phát biểu về"), and articles become co-occurrence links.
ACTOR_KINDS = frozenset({"person", "body", "place", "decision", "program", "event"})
#: How many actors an overview draws when --max-nodes is not given: about what a screen shows
#: with readable labels.
OVERVIEW_NODES = 100
#: Each actor keeps its strongest links, this many (a link stays when either end keeps it):
#: enough to show who is near whom, few enough that the page is not a hairball.
EDGES_PER_NODE = 3
#: What one supporting fact of a stated relation weighs, against one shared article.
STATED_WEIGHT = 3.0
#: How far down the ranking an overview looks for actors to replace those left without a link.
POOL_FACTOR = 3
#: A name longer than this is written with its usual short forms on an overview's canvas.
SHORT_LABEL = 24
#: Relations `kg.analyze` states that the drawing has no edge for (a claim's speaker and what it
#: is about; a provincial body and its province), shown on overview links.
NETWORK_ONLY = ("phát biểu về", "thuộc")


@dataclass
class Overview:
    """How an overview was chosen, for the page's note and its legend of communities."""

    actors: int
    ranked_by: str  # "analysis": the ranks `kg analyze` stored; "links": computed here
    communities: list[dict[str, Any]] = field(default_factory=list)
    edges_per_node: int = EDGES_PER_NODE


@dataclass
class Centrality:
    """The actors most central first, with the links that rank them and their communities."""

    order: list[str]
    links: dict[str, int]
    community: dict[str, str]
    labels: dict[str, str]
    ranked_by: str


def centrality(net: nx.Graph, graph: nx.MultiDiGraph,
               stored: dict[str, Any] | None = None) -> Centrality:
    """Rank the actors and group them into communities.

    With the analysis `kg analyze` wrote (`stored`, from `kg.viz_graph.read_analysis`), its
    ranks and communities, so the overview shows what `kg analyze` printed. Without it, the same
    measures minus betweenness, which takes seconds on a corpus: an actor's stated links
    (`kg.analyze.links`), ties broken by how many articles name it, then by name; the
    communities are then found among the links the overview draws (`overview`)."""
    degree = {v: links(net, v) for v in net}
    named = {v: len(graph.nodes[v].get("articles", [])) if v in graph else 0 for v in net}
    community: dict[str, str] = {}
    labels: dict[str, str] = {}
    if stored:
        order = sorted((v for v in net if v in stored), key=lambda v: (stored[v].rank, v))
        order += sorted((v for v in net if v not in stored),
                        key=lambda v: (-degree[v], -named[v], v))
        for v in net:
            s = stored.get(v)
            if s is not None and s.community is not None:
                community[v] = s.community
                labels[s.community] = s.community_label or ""
        return Centrality(order, degree, community, labels, "analysis")
    order = sorted(net, key=lambda v: (-degree[v], -named[v], net.nodes[v]["label"], v))
    return Centrality(order, degree, community, labels, "links")


@dataclass
class _Pair:
    """What joins two actors: stated relations (weighted by facts) and shared articles."""

    stated: float = 0.0
    relations: list[tuple[str, str, str]] = field(default_factory=list)
    shared: int = 0

    @property
    def weight(self) -> float:
        return STATED_WEIGHT * self.stated + self.shared


def _pairs(net: nx.Graph, graph: nx.MultiDiGraph, pool: list[str]) -> dict[frozenset[str], _Pair]:
    """The links among the pool's actors: stated relations of the network, and the articles
    that name both."""
    inside = set(pool)
    pairs: dict[frozenset[str], _Pair] = {}
    for a, b, data in net.edges(inside, data=True):
        pair = frozenset((a, b))
        if a in inside and b in inside and a != b and data.get("stated") and pair not in pairs:
            pairs[pair] = _Pair(data["weight"], list(data["relations"]))
    by_article: dict[str, list[str]] = {}
    for v in pool:
        for art in graph.nodes[v].get("articles", []):
            by_article.setdefault(art["id"], []).append(v)
    for names in by_article.values():
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                pairs.setdefault(frozenset((a, b)), _Pair()).shared += 1
    return pairs


def overview(graph: nx.MultiDiGraph, net: nx.Graph, cent: Centrality, size: int,
             keep: Iterable[str] = (), palette: list[str] | None = None,
             ) -> tuple[nx.MultiDiGraph, Overview]:
    """The `size` most central actors of `graph` (0: all) and the links among them, for a graph
    too big to draw whole.

    Links are the stated relations (`kg.analyze`'s network: positions, issuing, approving, a
    claim's speaker and what it mentions…) and co-occurrence (articles naming both), weighted
    `STATED_WEIGHT` a fact and 1 an article. An actor left without a link to the others is
    dropped and the next most central actor that has one takes its place, so no dot floats
    alone; each actor then keeps its `EDGES_PER_NODE` strongest links. Nodes carry their
    `community` (coloured by the page) and `centrality` (their stated links, for their size);
    edges their `weight`, `shared` articles and the relations' labels. `keep` (the --focus
    actors) are drawn whatever their rank."""
    actors = [v for v in cent.order if v in graph and graph.nodes[v]["kind"] in ACTOR_KINDS]
    ranked = set(actors)
    actors += sorted((v for v, d in graph.nodes(data=True)
                      if d["kind"] in ACTOR_KINDS and v not in ranked),
                     key=lambda v: (-len(graph.nodes[v].get("articles", [])), v))
    total = len(actors)
    size = size if size > 0 else total
    kept = [v for v in dict.fromkeys(keep) if v in graph and graph.nodes[v]["kind"] in ACTOR_KINDS]
    pool = list(dict.fromkeys([*kept, *actors]))[: max(size * POOL_FACTOR, len(kept))]
    pairs = _pairs(net, graph, pool)
    near: dict[str, set[str]] = {v: set() for v in pool}
    for pair in pairs:
        a, b = tuple(pair)
        near[a].add(b)
        near[b].add(a)
    first = set(pool[:size])
    chosen = [v for v in pool[:size] if v in kept or near[v] & first]
    inside = set(chosen)
    for v in pool[size:]:
        if len(chosen) >= size:
            break
        if near[v] & inside:
            chosen.append(v)
            inside.add(v)
    rank = {v: i for i, v in enumerate(chosen)}
    named = {v: max(1, len(graph.nodes[v].get("articles", []))) for v in chosen}

    def strength(pair: frozenset[str]) -> float:
        """A link's weight over the geometric mean of how often its two ends are named: a
        province named in a thousand articles shares a few with everyone, and would otherwise
        be every actor's strongest link (one hub, no structure)."""
        a, b = tuple(pair)
        return pairs[pair].weight / math.sqrt(named[a] * named[b])

    strongest: set[frozenset[str]] = set()
    for v in chosen:
        mine = sorted((frozenset((v, u)) for u in near[v] & inside),
                      key=lambda p: (-strength(p), rank[next(iter(p - {v}))]))
        strongest.update(mine[:EDGES_PER_NODE])

    style = load_style()
    sub = nx.MultiDiGraph()
    for v in sorted(chosen, key=rank.__getitem__):
        node = {**graph.nodes[v], "centrality": cent.links.get(v, 0),
                "community": cent.community.get(v)}
        node["label"] = short_label(node["name"], style.short_forms)
        sub.add_node(v, **node)
    for pair in sorted(strongest, key=lambda p: sorted(p)):
        _add_overview_edge(sub, graph, pair, pairs[pair], style.relations)
    if cent.ranked_by != "analysis":  # communities of what is drawn, same seed as kg analyze
        drawn = nx.Graph()
        drawn.add_nodes_from(sub)
        drawn.add_weighted_edges_from((*sorted(p), strength(p)) for p in sorted(
            strongest, key=lambda p: sorted(p)))
        for v in sub:
            sub.nodes[v]["community"] = None
        for group in nx.community.louvain_communities(drawn, weight="weight", seed=SEED):
            for v in group:
                sub.nodes[v]["community"] = min(group)
    return sub, Overview(total, cent.ranked_by,
                         _communities(sub, cent, palette or style.palette))


def short_label(name: str, short_forms: list[tuple[str, str]]) -> str:
    """The canvas label of an overview's actor: a long name with its usual short forms
    ("Ủy ban nhân dân thành phố Hà Nội" → "UBND TP Hà Nội"), so that a hundred labels fit on
    one screen; the side panel and the search keep the full name."""
    if len(name) > SHORT_LABEL:
        for long, short in short_forms:
            name = name.replace(long, short)
    return clip(name, LABEL_CHARS)


def _add_overview_edge(sub: nx.MultiDiGraph, graph: nx.MultiDiGraph, pair: frozenset[str],
                       p: _Pair, rel: dict[str, str]) -> None:
    """One edge for a pair: the drawing's own edges between them (their labels and evidence),
    the relations only the network states, and the shared articles."""
    a, b = sorted(pair)
    labels: list[str] = []
    evidence: list[dict[str, str]] = []
    direction = None
    for x, y in ((a, b), (b, a)):
        for _k, data in (graph.get_edge_data(x, y) or {}).items():
            labels.append(data["label"])
            evidence += data.get("evidence", [])
            direction = direction or (x, y)
    for s, label, o in p.relations:
        if label in NETWORK_ONLY:
            labels.append(label)
            direction = direction or (s, o)
    if p.shared:
        labels.append(rel["co_mention"].format(n=p.shared))
    src, dst = direction or (a, b)
    sub.add_edge(src, dst, key=f"overview {a} {b}",
                 relation="stated" if p.stated else "co_mention",
                 label="; ".join(dict.fromkeys(labels)), evidence=evidence[:PANEL_EVIDENCE],
                 weight=round(p.weight, 2), shared=p.shared, directed=direction is not None)


#: How many sentences an overview edge carries to its panel.
PANEL_EVIDENCE = 10


def _communities(sub: nx.MultiDiGraph, cent: Centrality,
                 palette: list[str]) -> list[dict[str, Any]]:
    """The legend: the communities of the drawn actors, most drawn members first, each with a
    colour of the palette (the rest share the last colour, grey, as "other"), named after its
    two most central drawn members; each node's `community` becomes its legend key."""
    members: dict[str, list[str]] = {}
    for v, d in sub.nodes(data=True):  # nodes are in rank order
        if d["community"] is not None:
            members.setdefault(d["community"], []).append(v)
    groups = sorted((m for m in members.values() if len(m) > 1),
                    key=lambda m: (-len(m), list(sub.nodes).index(m[0])))
    colours, other = palette[:-1], palette[-1]
    legend: list[dict[str, Any]] = []
    key_of: dict[str, str] = {}
    for i, m in enumerate(groups[: len(colours)]):
        names = ", ".join(sub.nodes[v]["name"] for v in m[:2])
        legend.append({"key": f"c{i + 1}", "label": names + ("…" if len(m) > 2 else ""),
                       "stored": cent.labels.get(sub.nodes[m[0]]["community"], ""),
                       "color": colours[i], "size": len(m)})
        for v in m:
            key_of[v] = f"c{i + 1}"
    rest = [v for v in sub.nodes if v not in key_of]
    if rest:
        legend.append({"key": "other", "label": "", "stored": "", "color": other,
                       "size": len(rest)})
    for v, d in sub.nodes(data=True):
        d["community"] = key_of.get(v, "other")
    return legend
