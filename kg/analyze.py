"""Network analysis of the actors (`kg analyze`): who is central, which actors form
communities, and the shortest chain of relations between two entities.

The network. Nodes are the actors of the graph: people, bodies, places, legal documents,
programs and events. Links are the relations the articles *state* between two actors, each
labelled for the chain it may appear in:

* a position (`org:Membership`): person → body, labelled with the title ("Bộ trưởng");
* `eli:passed_by`: body → document ("ban hành"); `kg:approves`: document → program
  ("phê duyệt"); `kg:implementedBy`: body → program or document ("thực hiện");
  `kg:amends`, `kg:replaces`, `kg:implements` between documents;
* `org:subOrganizationOf` ("trực thuộc") and `kg:mergedInto` ("hợp nhất vào") between bodies
  and places; a provincial body → its province ("thuộc"), when the body's name ends with the
  province's name (the rule of the `province` named query: bodies have no place property);
* `kg:chairedBy` and `kg:participant`: actor → event ("chủ trì", "tham dự");
* a claim: speaker → each actor the claim mentions ("phát biểu về").

Why these and not co-mention: two actors named in the same article are not thereby related,
and a long article naming forty actors would add 780 links and decide every centrality by its
length alone. Co-mention links can still be added (`--co-mentions`) for actors no relation
reaches; they weigh a quarter of a relation in communities, cost four steps in chains and
betweenness, and do not count in centrality, so a chain prefers stated relations and centrality
stays about them.

The measures. The network is undirected (a minister is as connected to the ministry as the
ministry to the minister). An actor's **centrality** is its degree centrality: the share of the
other actors it is directly related to (distinct neighbours, so a person quoted ten times about
one body counts that body once). Ties are broken by **betweenness**: the share of shortest chains
between other actors that pass through it (exact below `EXACT_BETWEENNESS` actors, estimated
from a fixed seeded sample above). PageRank is not used because networkx computes it with
SciPy, which kg does not otherwise need. **Communities** are Louvain communities (modularity,
link weights = number of supporting facts, fixed seed) so that a run on the same graph gives
the same communities.

Written back. Each run replaces the named graph `ANALYSIS_GRAPH` in one transaction (the same
drop-and-insert as an article graph), so queries read the latest analysis:
`?x kg:centrality ?c ; kg:betweenness ?b ; kg:degree ?d ; kg:rank ?r ; kg:community ?k`,
`?k a kg:Community ; kg:member ?x ; kg:size ?n`, and for `--path` a `kg:Chain` with its
`kg:step`s (`kg:index`, `kg:actor`, `kg:relation` to the next step). The terms are declared in
`ontology/kg.ttl`. The analysis is of the graph as it was: run it again after an ingest (which
says so when the store holds an analysis older than the articles it adds).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx
import pyoxigraph as ox

from kg.normalize import fold
from kg.vocab import ID, KG, PROV, RDF, RDFS, SKOS, XSD

#: The named graph that holds the latest analysis (replaced on each run).
ANALYSIS_GRAPH = ID["graph/analysis"]
#: Above this many actors, betweenness is estimated from this many sampled sources.
EXACT_BETWEENNESS = 1500
#: Louvain's seed: the same graph gives the same communities.
SEED = 42
#: A co-mention link's weight (against 1 for a stated relation) and its length in chains.
CO_MENTION_WEIGHT, CO_MENTION_COST = 0.25, 4.0

ACTOR_TYPES = """VALUES ?type { schema:Person org:Organization schema:AdministrativeArea
                                eli:LegalResource kg:Program schema:Event }"""

NODE_QUERY = f"""
SELECT ?e ?type (MIN(STR(?l)) AS ?label) WHERE {{
  ?e a ?type ; schema:name|skos:prefLabel ?l .
  {ACTOR_TYPES}
}} GROUP BY ?e ?type
"""

NAME_QUERY = f"""
SELECT DISTINCT ?e ?name WHERE {{
  ?e a ?type ; schema:name|skos:prefLabel|skos:altLabel|eli:id_local ?name .
  {ACTOR_TYPES}
}}
"""

#: Stated relations: ?s → ?o with a label; ?via is the fact (a position, a claim) when the
#: relation is one of many of its kind between the same two actors.
RELATION_QUERY = """
SELECT DISTINCT ?s ?o ?label ?via WHERE {
  { ?via a org:Membership ; org:member ?s ; org:organization ?o ; org:role/skos:prefLabel ?label }
  UNION { ?o eli:passed_by ?s BIND("ban hành" AS ?label) }
  UNION { ?s kg:approves ?o BIND("phê duyệt" AS ?label) }
  UNION { ?o kg:implementedBy ?s BIND("thực hiện" AS ?label) }
  UNION { ?s kg:amends ?o BIND("sửa đổi" AS ?label) }
  UNION { ?s kg:replaces ?o BIND("thay thế" AS ?label) }
  UNION { ?s kg:implements ?o BIND("triển khai" AS ?label) }
  UNION { ?s org:subOrganizationOf ?o BIND("trực thuộc" AS ?label) }
  UNION { ?s kg:mergedInto ?o BIND("hợp nhất vào" AS ?label) }
  UNION { ?o kg:chairedBy ?s BIND("chủ trì" AS ?label) }
  UNION { ?o kg:participant ?s BIND("tham dự" AS ?label) }
  UNION { ?via a schema:Claim ; schema:author ?s ; schema:mentions ?o
          BIND("phát biểu về" AS ?label) }
  UNION { ?s a org:Organization ; skos:prefLabel ?body .
          ?o a schema:AdministrativeArea ; schema:name ?province .
          FILTER(STRENDS(STR(?body), CONCAT(" ", STR(?province))))
          BIND("thuộc" AS ?label) }
}
"""

CO_MENTION_QUERY = """
SELECT DISTINCT ?s ?o ?id WHERE {
  ?a a schema:NewsArticle ; schema:identifier ?id ; schema:mentions ?s, ?o .
  FILTER(STR(?s) < STR(?o))
}
"""


class AnalyzeError(Exception):
    """An entity that cannot be found, or two entities with no chain between them: one line."""


@dataclass(frozen=True)
class Step:
    """One actor of a chain and the relation that leads from it to the next actor."""

    actor: str
    relation: str | None = None  # the link to the next actor; None for the last
    forward: bool = True  # the relation is stated from this actor to the next


@dataclass
class Analysis:
    """The network and what was measured on it."""

    network: nx.Graph
    degree: dict[str, float] = field(default_factory=dict)
    betweenness: dict[str, float] = field(default_factory=dict)
    ranking: list[str] = field(default_factory=list)
    communities: list[list[str]] = field(default_factory=list)

    def label(self, node: str) -> str:
        return self.network.nodes[node]["label"]

    def kind(self, node: str) -> str:
        return self.network.nodes[node]["kind"]


# -- the network ----------------------------------------------------------------------------


def _kind(type_iri: str) -> str:
    return type_iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def build_network(store: object, *, co_mentions: bool = False) -> nx.Graph:
    """The undirected actor network of a store (`kg.store.Store` or `kg.remote.RemoteStore`).

    Nodes and links are added in sorted order, so that the same graph gives the same network
    (and the same communities) whatever order the store answers in."""
    nodes: dict[str, dict[str, object]] = {}
    for s in store.query(NODE_QUERY):  # type: ignore[attr-defined]
        iri = s["e"].value
        if iri not in nodes:  # an entity of two actor types keeps its first
            nodes[iri] = {"label": s["label"].value, "kind": _kind(s["type"].value),
                          "names": set()}
    for s in store.query(NAME_QUERY):  # type: ignore[attr-defined]
        if s["e"].value in nodes:
            nodes[s["e"].value]["names"].add(fold(s["name"].value))  # type: ignore[union-attr]
    g = nx.Graph(co_mentions=co_mentions)
    for iri in sorted(nodes):
        g.add_node(iri, **nodes[iri])

    facts: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for s in store.query(RELATION_QUERY):  # type: ignore[attr-defined]
        a, b = s["s"].value, s["o"].value
        if a in nodes and b in nodes and a != b:
            via = s["via"].value if s["via"] is not None else ""
            facts[(a, s["label"].value, b)].add(via)
    for (a, label, b), vias in sorted(facts.items()):
        _link(g, a, b, (a, label, b), weight=float(len(vias)), cost=1.0, stated=True)
    if co_mentions:
        shared: dict[tuple[str, str], list[str]] = defaultdict(list)
        for s in store.query(CO_MENTION_QUERY):  # type: ignore[attr-defined]
            a, b = s["s"].value, s["o"].value
            if a in nodes and b in nodes:
                shared[(a, b)].append(s["id"].value)
        for (a, b), ids in sorted(shared.items()):
            if not g.has_edge(a, b):
                label = f"cùng bài {min(ids)}"
                _link(g, a, b, (a, label, b), weight=CO_MENTION_WEIGHT * len(ids),
                      cost=CO_MENTION_COST, stated=False)
    return g


def _link(g: nx.Graph, a: str, b: str, relation: tuple[str, str, str], *, weight: float,
          cost: float, stated: bool) -> None:
    if g.has_edge(a, b):
        data = g.edges[a, b]
        data["relations"].append(relation)
        data["weight"] += weight
        data["cost"] = min(data["cost"], cost)
        data["stated"] = data["stated"] or stated
    else:
        g.add_edge(a, b, relations=[relation], weight=weight, cost=cost, stated=stated)


def links(network: nx.Graph, node: str) -> int:
    """How many distinct actors `node` is related to by a stated relation."""
    return sum(1 for _n, _m, stated in network.edges(node, data="stated") if stated)


# -- measures -------------------------------------------------------------------------------


def analyze(network: nx.Graph) -> Analysis:
    """Centrality, ranking and communities of a network."""
    result = Analysis(network)
    if network.number_of_nodes() == 0:
        return result
    n = network.number_of_nodes()
    result.degree = {v: links(network, v) / (n - 1) if n > 1 else 0.0 for v in network}
    k = None if n <= EXACT_BETWEENNESS else EXACT_BETWEENNESS
    result.betweenness = nx.betweenness_centrality(network, k=k, weight="cost", seed=SEED)
    result.ranking = sorted(
        network,
        key=lambda v: (-result.degree[v], -result.betweenness[v], result.label(v), v),
    )
    position = {v: i for i, v in enumerate(result.ranking)}
    found = nx.community.louvain_communities(network, weight="weight", seed=SEED)
    groups = [sorted(c, key=position.__getitem__) for c in found if len(c) > 1]
    result.communities = sorted(groups, key=lambda c: (-len(c), position[c[0]]))
    return result


# -- finding entities and chains -----------------------------------------------------------


def find(analysis: Analysis, text: str) -> str:
    """The actor a user means by `text`: a name, label, abbreviation or document number,
    compared case-insensitively after NFC and tone-mark normalization.

    An exact match wins (the most central one when namesakes share it); otherwise the actors
    whose names contain the text, or whose document number the text contains ("Nghị định
    42/2022/NĐ-CP"), must be exactly one."""
    g = analysis.network
    key = fold(text)
    if not key:
        raise AnalyzeError("an empty name matches no entity")
    rank = {v: i for i, v in enumerate(analysis.ranking)}
    exact = [v for v in g if key in g.nodes[v]["names"]]
    if exact:
        return min(exact, key=lambda v: rank.get(v, len(rank)))
    partial = sorted(
        (v for v in g
         if any(key in name or (g.nodes[v]["kind"] == "LegalResource" and len(name) > 4
                                and name in key) for name in g.nodes[v]["names"])),
        key=lambda v: rank.get(v, len(rank)),
    )
    if len(partial) == 1:
        return partial[0]
    if not partial:
        raise AnalyzeError(f"no entity named {text!r} in the graph")
    some = ", ".join(analysis.label(v) for v in partial[:4])
    more = f" and {len(partial) - 4} more" if len(partial) > 4 else ""
    raise AnalyzeError(f"{text!r} names {len(partial)} entities ({some}{more}); be more precise")


def chain(analysis: Analysis, source: str, target: str) -> list[Step]:
    """The shortest chain of relations from one actor to another (co-mention links, when in
    the network, count as `CO_MENTION_COST` steps)."""
    g = analysis.network
    try:
        path = nx.shortest_path(g, source, target, weight="cost")
    except nx.NetworkXNoPath:
        hint = "" if g.graph.get("co_mentions") else " (--co-mentions adds weaker links)"
        raise AnalyzeError(
            f"no chain of relations between {analysis.label(source)!r} and "
            f"{analysis.label(target)!r} in the graph{hint}"
        ) from None
    steps = []
    for a, b in zip(path, path[1:], strict=False):
        relations = sorted(g.edges[a, b]["relations"], key=lambda r: (r[0] != a, r[1]))
        s, label, _o = relations[0]
        steps.append(Step(a, label, forward=s == a))
    steps.append(Step(path[-1]))
    return steps


def format_chain(analysis: Analysis, steps: list[Step]) -> str:
    """`A —[relation]→ B ←[relation]— C`: the arrow points the way the relation is stated."""
    parts = []
    for step in steps:
        parts.append(analysis.label(step.actor))
        if step.relation is not None:
            parts.append(f"—[{step.relation}]→" if step.forward else f"←[{step.relation}]—")
    return " ".join(parts)


# -- writing back ---------------------------------------------------------------------------


def _decimal(x: float) -> ox.Literal:
    return ox.Literal(f"{x:.6f}", datatype=XSD.decimal)


def _integer(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=XSD.integer)


def to_quads(analysis: Analysis, steps: list[Step] | None = None,
             now: dt.datetime | None = None) -> list[ox.Quad]:
    """The analysis as quads of `ANALYSIS_GRAPH`, built with pyoxigraph terms."""
    quads: list[ox.Quad] = []

    def add(s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        quads.append(ox.Quad(s, p, o, ANALYSIS_GRAPH))

    g = analysis.network
    run = ID["analysis/network"]
    now = now or dt.datetime.now(dt.UTC)
    add(run, RDF.type, KG.NetworkAnalysis)
    add(run, PROV.generatedAtTime,
        ox.Literal(now.replace(microsecond=0).isoformat(), datatype=XSD.dateTime))
    add(run, KG.actorCount, _integer(g.number_of_nodes()))
    add(run, KG.linkCount, _integer(sum(1 for *_e, st in g.edges(data="stated") if st)))
    for i, v in enumerate(analysis.ranking, start=1):
        actor = ox.NamedNode(v)
        add(actor, KG.rank, _integer(i))
        add(actor, KG.degree, _integer(links(g, v)))
        add(actor, KG.centrality, _decimal(analysis.degree[v]))
        add(actor, KG.betweenness, _decimal(analysis.betweenness[v]))
    for i, members in enumerate(analysis.communities, start=1):
        community = ID[f"analysis/community/{i}"]
        add(community, RDF.type, KG.Community)
        lead = analysis.label(members[0])
        add(community, SKOS.prefLabel, ox.Literal(f"Cộng đồng {i}: {lead}…", language="vi"))
        add(community, SKOS.prefLabel, ox.Literal(f"Community {i}: {lead}…", language="en"))
        add(community, KG.size, _integer(len(members)))
        add(community, PROV.wasGeneratedBy, run)
        for v in members:
            add(community, KG.member, ox.NamedNode(v))
            add(ox.NamedNode(v), KG.community, community)
    if steps:
        digest = hashlib.sha1(f"{steps[0].actor}\x1f{steps[-1].actor}".encode()).hexdigest()
        path = ID[f"analysis/chain/{digest[:16]}"]
        add(path, RDF.type, KG.Chain)
        add(path, PROV.wasGeneratedBy, run)
        add(path, KG.source, ox.NamedNode(steps[0].actor))
        add(path, KG.target, ox.NamedNode(steps[-1].actor))
        add(path, KG.hops, _integer(len(steps) - 1))
        add(path, RDFS.label, ox.Literal(format_chain(analysis, steps), language="vi"))
        for i, step in enumerate(steps):
            node = ox.NamedNode(f"{path.value}/step/{i}")
            add(path, KG.step, node)
            add(node, RDF.type, KG.ChainStep)
            add(node, KG.index, _integer(i))
            add(node, KG.actor, ox.NamedNode(step.actor))
            if step.relation is not None:
                add(node, KG.relation, ox.Literal(step.relation, language="vi"))
                add(node, KG.forward, ox.Literal("true" if step.forward else "false",
                                                 datatype=XSD.boolean))
    return quads


def made_at(store: object) -> str | None:
    """When the analysis the store holds was made (an xsd:dateTime), or None if it holds none:
    `kg ingest` says so when it adds articles the analysis has not seen."""
    q = ("SELECT ?t WHERE { ?run a kg:NetworkAnalysis ; prov:generatedAtTime ?t } "
         "ORDER BY DESC(?t) LIMIT 1")
    found = [row["t"].value for row in store.query(q)]  # type: ignore[attr-defined]
    return found[0] if found else None


def write(store: object, quads: list[ox.Quad]) -> None:
    """Replace the analysis graph with `quads` in one transaction (one SPARQL Update for a
    graph that exists, on the embedded store or a server)."""
    store.replace_articles([(ANALYSIS_GRAPH, quads)])  # type: ignore[attr-defined]
    store.flush()  # type: ignore[attr-defined]
