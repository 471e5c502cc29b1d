"""Draw the graph as an interactive HTML page (pyvis / vis-network).

The graph drawn is the actor network: people, bodies, places, documents, programs, events and
claims as nodes; positions, issuing, approving and speaking as labelled edges.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from pyvis.network import Network

from kg.store import Store

NODE_QUERY = """
SELECT ?e ?type (SAMPLE(?l) AS ?label) WHERE {
  ?a a schema:NewsArticle ; schema:mentions ?e .
  ?e a ?type ; (schema:name|skos:prefLabel) ?l .
  VALUES ?type { schema:Person org:Organization schema:AdministrativeArea eli:LegalResource
                 kg:Program schema:Event }
} GROUP BY ?e ?type
"""

EDGE_QUERY = """
SELECT DISTINCT ?s ?o ?label WHERE {
  { ?m a org:Membership ; org:member ?s ; org:organization ?o ; org:role/skos:prefLabel ?label }
  UNION { ?s eli:passed_by ?o BIND("ban hành" AS ?label) }
  UNION { ?s kg:approves ?o BIND("phê duyệt" AS ?label) }
  UNION { ?s org:subOrganizationOf ?o BIND("trực thuộc" AS ?label) }
}
"""

STYLE = {
    "Person": ("#e15759", "dot"),
    "Organization": ("#4e79a7", "box"),
    "AdministrativeArea": ("#59a14f", "triangle"),
    "LegalResource": ("#f28e2b", "diamond"),
    "Program": ("#b07aa1", "star"),
    "Event": ("#76b7b2", "ellipse"),
}


def build_graph(store: Store) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for s in store.query(NODE_QUERY):
        kind = s["type"].value.rsplit("/", 1)[-1].rsplit("#", 1)[-1]
        g.add_node(s["e"].value, label=s["label"].value, kind=kind)
    for s in store.query(EDGE_QUERY):
        if s["s"].value in g and s["o"].value in g:
            g.add_edge(s["s"].value, s["o"].value, label=s["label"].value)
    return g


def write_html(graph: nx.MultiDiGraph, out: Path) -> None:
    net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line")
    for node, data in graph.nodes(data=True):
        color, shape = STYLE.get(data["kind"], ("#999999", "dot"))
        net.add_node(node, label=data["label"], title=data["kind"], color=color, shape=shape)
    for s, o, data in graph.edges(data=True):
        net.add_edge(s, o, label=data["label"], title=data["label"])
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(net.generate_html(notebook=False), encoding="utf-8")
