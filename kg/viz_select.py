"""Which part of the graph `kg viz` draws: one actor's neighbourhood (`--focus`, `--depth`),
the entities a CONSTRUCT query returns (`--query`), and a cap on the number of nodes
(`--max-nodes`, the most connected first) so that a large graph stays usable in a browser.

Each step takes and returns the networkx graph of `kg.viz_graph`; a request that cannot be met
(a name found nowhere, a query that is not a CONSTRUCT) raises `VizError` with one line for the
user.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from kg.viz_graph import LINKS, MENTIONS, load_style, predicate_label

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
