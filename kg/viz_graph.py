"""The graph `kg viz` draws, read from the store with SPARQL.

The RDF graph is made for machines: a position is an `org:Membership` node between a person and
a body, a claim's sentence sits two hops away behind `kg:evidence`/`oa:hasSelector`, a body's
kind is one of a dozen subclasses. An analyst wants the actor network instead: people, bodies,
places, documents, programs, events and claims as nodes; positions ("giữ chức Bộ trưởng"),
issuing, approving, speaking… as labelled edges; and on each node the facts and the sentences
they were read from. This module builds that network as a networkx `MultiDiGraph`:

* node attributes: `label` (what the canvas shows), `kind` (a key of `types` in
  `data/viz/style.json`), `aliases`, `facts` (`[name, value]` pairs in Vietnamese),
  `evidence` (sentences with their article), `articles` (the articles that mention it);
* edge attributes: `relation` (a key of `relations`), `label`, `evidence`, and `iri` for an edge
  that stands for an RDF node (a position's `org:Membership`).

Everything is read with one SELECT DISTINCT (see `READ`) and joined in Python: fast on a large
store, where the same fact is repeated in many article graphs, and the same on the embedded
store and a SPARQL server.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import networkx as nx
import pyoxigraph as ox

from kg import DATA_DIR, ONTOLOGY_DIR
from kg.analyze import ANALYSIS_GRAPH
from kg.vocab import ELI, KG, OA, ORG, PREFIXES, RDF, RDFS, SCHEMA, SKOS

#: The RDF class of each node type, in priority order (an entity with two is the first).
TYPE_CLASSES: list[tuple[str, str]] = [
    ("person", SCHEMA.Person.value),
    ("decision", ELI.LegalResource.value),
    ("program", KG.Program.value),
    ("event", SCHEMA.Event.value),
    ("place", SCHEMA.AdministrativeArea.value),
    ("place", SCHEMA.Country.value),
    ("body", ORG.Organization.value),
]

#: Predicates drawn as edges: predicate → (relation, drawn from object to subject?). "ban hành"
#: reads body → document, so `eli:passed_by` is drawn reversed; likewise the speaker of a claim,
#: the chair and the participants of an event, and the body that carries out a document.
LINKS: dict[str, tuple[str, bool]] = {
    ELI.passed_by.value: ("issued", True),
    KG.approves.value: ("approves", False),
    ORG.subOrganizationOf.value: ("part_of", False),
    KG.mergedInto.value: ("merged_into", False),
    SCHEMA.author.value: ("said", True),
    KG.chairedBy.value: ("chaired", True),
    KG.participant.value: ("took_part", True),
    KG.implements.value: ("implements", False),
    KG.amends.value: ("amends", False),
    KG.replaces.value: ("replaces", False),
    KG.implementedBy.value: ("carries_out", True),
}

#: A claim's `schema:mentions` (what it is about) is drawn too; an article's is not (articles
#: are not nodes: they are the sources listed in the side panel).
MENTIONS = SCHEMA.mentions.value

#: How many characters of a name or a claim the canvas shows (the panel shows all of it).
LABEL_CHARS = 32
CLAIM_CHARS = 28
#: How many values of one fact the side panel lists (positions of a ministry…), then a count.
FACTS_PER_FIELD = 12

#: Every predicate the drawing reads. Their triples come in one `SELECT DISTINCT` over a single
#: pattern and are joined in Python: the union of the article graphs repeats a fact once per
#: article stating it ("Chính phủ" is typed and named in hundreds of articles), so joining
#: patterns inside SPARQL multiplies those copies before any DISTINCT can remove them.
READ: list[ox.NamedNode] = [
    RDF.type, SKOS.prefLabel, SCHEMA.name, ELI.id_local, SKOS.altLabel, SCHEMA.identifier,
    ELI.date_document, ELI.title, KG.documentType, KG.programType, KG.horizonYear,
    KG.visionYear, SCHEMA.startDate, SCHEMA.dissolutionDate, KG.lifecycleSource,
    SCHEMA.text, KG.claimKind, KG.directQuote, KG.value, KG.unit, KG.measure, KG.targetYear,
    KG.evidence, SCHEMA.appearance,
    ORG.member, ORG.organization, ORG.role, KG.former, KG.acting, KG.statedOn,
    OA.hasSource, OA.hasSelector, OA.exact, OA.start, KG.mentionedIn, OA.hasTarget,
    SCHEMA.headline, SCHEMA.datePublished, SCHEMA.url, SCHEMA.mentions,
    *(ox.NamedNode(p) for p in LINKS),
]

#: Terms are written in oxigraph's own N-Triples form, never pasted from strings.
TRIPLE_QUERY = ("SELECT DISTINCT ?s ?p ?o WHERE { VALUES ?p { "
                + " ".join(str(p) for p in dict.fromkeys(READ)) + " } ?s ?p ?o }")


@dataclass(frozen=True)
class Style:
    """`data/viz/style.json`: node types, relation labels and fact names, all in Vietnamese."""

    types: dict[str, dict[str, Any]]
    relations: dict[str, str]
    fields: dict[str, str]
    palette: list[str]
    short_forms: list[tuple[str, str]]


@cache
def load_style() -> Style:
    raw = json.loads((DATA_DIR / "viz" / "style.json").read_text(encoding="utf-8"))
    return Style(raw["types"], raw["relations"], raw["fields"], raw["palette"],
                 [(long, short) for long, short in raw["short_forms"]])


@cache
def ontology_labels() -> dict[str, str]:
    """Vietnamese labels of kg's classes, properties and claim kinds (`ontology/kg.ttl`, and
    the reused terms it labels), to name a body's kind or a CONSTRUCT query's predicate."""
    labels: dict[str, str] = {}
    path = ONTOLOGY_DIR / "kg.ttl"
    if not path.exists():
        return labels
    for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
        o = q.object
        if (q.predicate in (RDFS.label, SKOS.prefLabel) and isinstance(o, ox.Literal)
                and o.language == "vi" and isinstance(q.subject, ox.NamedNode)):
            labels[q.subject.value] = o.value
    return labels


def short_iri(iri: str) -> str:
    """A prefixed name (`kg:approves`) where a prefix fits, else the IRI."""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def predicate_label(iri: str) -> str:
    """The Vietnamese name of a predicate, or its prefixed name."""
    return ontology_labels().get(iri) or short_iri(iri)


def clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class Triples:
    """The distinct triples of `READ`, indexed predicate → subject → objects."""

    def __init__(self, store: Any) -> None:
        self.index: dict[str, dict[str, list[ox.NamedNode | ox.Literal | ox.BlankNode]]] = \
            defaultdict(lambda: defaultdict(list))
        for row in store.query(TRIPLE_QUERY):
            subj = row["s"]
            if isinstance(subj, ox.NamedNode):
                self.index[row["p"].value][subj.value].append(row["o"])

    def pairs(self, pred: ox.NamedNode | str) -> Iterator[tuple[str, Any]]:
        """(subject IRI, object term) of each triple with this predicate."""
        key = pred if isinstance(pred, str) else pred.value
        for subj, objs in self.index.get(key, {}).items():
            for o in objs:
                yield subj, o

    def values(self, subj: str, pred: ox.NamedNode) -> list[str]:
        """The objects' values (IRI or literal text), sorted, each once."""
        return sorted({o.value for o in self.index.get(pred.value, {}).get(subj, [])})

    def first(self, subj: str, pred: ox.NamedNode) -> str | None:
        vals = self.values(subj, pred)
        return vals[0] if vals else None

    def subjects_of_type(self, cls: ox.NamedNode) -> list[str]:
        return sorted(s for s, o in self.pairs(RDF.type) if o == cls)


@dataclass
class _Reader:
    """The store's triples, and the articles and evidence sentences they describe."""

    t: Triples
    style: Style = field(default_factory=load_style)
    articles: dict[str, dict[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for a in self.t.subjects_of_type(SCHEMA.NewsArticle):
            info = {"id": self.t.first(a, SCHEMA.identifier) or a.rsplit("/", 1)[-1]}
            for key, pred in (("headline", SCHEMA.headline), ("date", SCHEMA.datePublished),
                              ("url", SCHEMA.url)):
                if (v := self.t.first(a, pred)) is not None:
                    info[key] = v
            self.articles[a] = info

    def article_item(self, a: str) -> dict[str, str]:
        art = self.articles.get(a, {"id": a.rsplit("/", 1)[-1]})
        return {"article": art.get("headline") or art["id"], "id": art["id"],
                "date": art.get("date", ""), "url": art.get("url", "")}

    def cite(self, ev: str, note: str = "") -> dict[str, str] | None:
        """An evidence item for the page: the sentence (`oa:exact` of the resource's quote
        selector) and its article's headline, date, id and URL."""
        source = self.t.first(ev, OA.hasSource)
        quote = next((q for sel in self.t.values(ev, OA.hasSelector)
                      for q in self.t.values(sel, OA.exact)), None)
        if source is None or quote is None:
            return None
        item = {"quote": quote, **self.article_item(source)}
        if note:
            item["note"] = note
        return item


def _entity_label(kind: str, t: Triples, e: str) -> str:
    pref, name, num = (t.first(e, p) for p in (SKOS.prefLabel, SCHEMA.name, ELI.id_local))
    if kind == "decision":
        return num or pref or name or ""
    return pref or name or num or ""


def _add_entities(g: nx.MultiDiGraph, r: _Reader) -> None:
    kind: dict[str, str] = {}
    for k, cls in reversed(TYPE_CLASSES):  # the first class of TYPE_CLASSES wins
        for e in r.t.subjects_of_type(ox.NamedNode(cls)):
            kind[e] = k
    for e, k in sorted(kind.items()):
        full = _entity_label(k, r.t, e) or e.rsplit("/", 1)[-1]
        g.add_node(e, label=clip(full, LABEL_CHARS), name=full, kind=k, aliases=[],
                   facts=[], evidence=[], articles=[])


def _add_facts(g: nx.MultiDiGraph, r: _Reader) -> None:
    labels, t = ontology_labels(), r.t
    order = [  # predicate → field
        (KG.documentType, "kind"), (KG.programType, "kind"), (ELI.title, "title"),
        (ELI.date_document, "date"), (SCHEMA.identifier, "code"), (SCHEMA.startDate, "start"),
        (KG.horizonYear, "horizon"), (KG.visionYear, "vision"),
        (SCHEMA.dissolutionDate, "dissolved"), (KG.lifecycleSource, "lifecycle"),
    ]
    drawn = {iri for _kind, iri in TYPE_CLASSES}  # the node type itself goes unsaid
    for e, node in g.nodes(data=True):
        node["aliases"] = [a for a in t.values(e, SKOS.altLabel) if a != node["name"]]
        kinds = sorted({labels[c] for c in t.values(e, RDF.type)
                        if c in labels and c.startswith(str(KG)) and c not in drawn})
        facts: list[list[str]] = [["kind", ", ".join(kinds)]] if kinds else []
        for pred, key in order:
            facts += [[key, v] for v in t.values(e, pred)]
        node["facts"] = facts


def _add_claims(g: nx.MultiDiGraph, r: _Reader) -> None:
    labels, t = ontology_labels(), r.t
    fields = [(KG.claimKind, "claim_kind"), (KG.value, "value"), (KG.unit, "unit"),
              (KG.measure, "measure"), (KG.targetYear, "target_year")]
    for c in t.subjects_of_type(SCHEMA.Claim):
        text = t.first(c, SCHEMA.text) or ""
        facts = [[key, labels.get(v, v) if key == "claim_kind" else v]
                 for pred, key in fields for v in t.values(c, pred)]
        if "true" in t.values(c, KG.directQuote):
            facts.append(["direct_quote", r.style.fields["yes"]])
        evidence = [ev for iri in t.values(c, KG.evidence) if (ev := r.cite(iri))]
        articles = [r.article_item(a) for a in t.values(c, SCHEMA.appearance)]
        g.add_node(c, label=f"“{clip(text, CLAIM_CHARS)}”", name=text, kind="claim", aliases=[],
                   facts=facts, evidence=evidence, articles=articles)


def _add_positions(g: nx.MultiDiGraph, r: _Reader) -> None:
    rel, t = r.style.relations, r.t
    for m in t.subjects_of_type(ORG.Membership):
        for person_iri in t.values(m, ORG.member):
            for body_iri in t.values(m, ORG.organization):
                if person_iri not in g or body_iri not in g:
                    continue
                role = " / ".join(sorted({label for role in t.values(m, ORG.role)
                                          for label in t.values(role, SKOS.prefLabel)}))
                prefix = (rel["former"] if "true" in t.values(m, KG.former) else
                          rel["acting"] if "true" in t.values(m, KG.acting) else "")
                title = f"{prefix} {role}".strip()
                person, body = g.nodes[person_iri], g.nodes[body_iri]
                stated = ", ".join(t.values(m, KG.statedOn))
                note = f"{r.style.fields['stated_on']}: {stated}" if stated else ""
                cites = [c for ev in t.values(m, KG.evidence) if (c := r.cite(ev, note))]
                g.add_edge(person_iri, body_iri, key=m, relation="position", iri=m,
                           label=f"{rel['position']} {title}".strip(), evidence=cites)
                held = f"{title} — {body['name']}".strip(" —")
                holder = f"{person['name']} — {title}".strip(" —")
                person["facts"].append(["position", held])
                body["facts"].append(["member", holder])
                person["evidence"] += [{**c, "heading": held} for c in cites]
                body["evidence"] += [{**c, "heading": holder} for c in cites]


def _add_links(g: nx.MultiDiGraph, r: _Reader) -> None:
    rel = r.style.relations
    for pred in [*LINKS, MENTIONS]:
        for subj, o in r.t.pairs(pred):
            obj = o.value
            if not isinstance(o, ox.NamedNode) or subj not in g or obj not in g or subj == obj:
                continue
            if pred == MENTIONS:
                if g.nodes[subj]["kind"] != "claim":
                    continue
                relation, reverse = "mentions", False
            else:
                relation, reverse = LINKS[pred]
            a, b = (obj, subj) if reverse else (subj, obj)
            key = f"{relation} {a} {b}"
            if not g.has_edge(a, b, key):
                g.add_edge(a, b, key=key, relation=relation, label=rel[relation], evidence=[])


def _add_sources(g: nx.MultiDiGraph, r: _Reader) -> None:
    """The articles that mention each entity, and the sentences citing documents, programs
    and events (`kg:mentionedIn` annotations)."""
    for a in r.articles:
        for e in r.t.values(a, SCHEMA.mentions):
            if e in g and g.nodes[e]["kind"] != "claim":
                g.nodes[e]["articles"].append(r.article_item(a))
    for e, ann in r.t.pairs(KG.mentionedIn):
        if e in g:
            for ev in r.t.values(ann.value, OA.hasTarget):
                if c := r.cite(ev):
                    g.nodes[e]["evidence"].append(c)
    for _e, node in g.nodes(data=True):
        node["articles"] = sorted({a["id"]: a for a in node["articles"]}.values(),
                                  key=lambda a: (a["date"], a["id"]))
        node["evidence"] = sorted({(c["id"], c["quote"], c.get("heading", "")): c
                                   for c in node["evidence"]}.values(),
                                  key=lambda c: (c["date"], c["id"], c.get("heading", "")))


def _relation_facts(g: nx.MultiDiGraph, r: _Reader) -> None:
    """Facts that are links (issuer, parent body, merged into, speaker), written on the node
    while the whole graph is there, so that they stay in the panel when the far end is not
    drawn (capped, or outside a --focus neighbourhood); then every fact named in Vietnamese,
    in the order of `fields` in the style file."""
    f = r.style.fields
    rank = {key: i for i, key in enumerate(f)}
    wanted = {"issued": ("issuer", "in"), "part_of": ("part_of", "out"),
              "merged_into": ("merged_into", "out"), "said": ("speaker", "in")}
    extra: dict[str, list[list[str]]] = defaultdict(list)
    for a, b, data in g.edges(data=True):
        spec = wanted.get(data["relation"])
        if spec is None:
            continue
        key, side = spec
        node, other = (b, a) if side == "in" else (a, b)
        extra[node].append([key, g.nodes[other]["name"]])
    for _n, node in g.nodes(data=True):
        facts = node["facts"] + sorted(extra.get(_n, []))
        if node["aliases"]:
            facts.append(["aliases", "; ".join(node["aliases"])])
        facts.sort(key=lambda kv: rank[kv[0]])  # stable: values keep their order
        seen: Counter[str] = Counter(k for k, _v in facts)
        shown: Counter[str] = Counter()
        node["facts"] = []
        for k, v in facts:  # a hub holds hundreds of positions: the first few, and a count
            shown[k] += 1
            if shown[k] <= FACTS_PER_FIELD:
                node["facts"].append([f[k], v])
            elif shown[k] == FACTS_PER_FIELD + 1:
                node["facts"].append([f[k], f["more"].format(n=seen[k] - FACTS_PER_FIELD)])


def build_graph(store: Any) -> nx.MultiDiGraph:
    """The whole actor network of the store (see the module docstring for its attributes)."""
    r = _Reader(Triples(store))
    g: nx.MultiDiGraph = nx.MultiDiGraph()
    _add_entities(g, r)
    _add_facts(g, r)
    _add_claims(g, r)
    _add_positions(g, r)
    _add_links(g, r)
    _add_sources(g, r)
    _relation_facts(g, r)
    return g


#: The ranking and communities `kg analyze` wrote, if it ran (the graph `graph/analysis`).
ANALYSIS_QUERY = f"""
SELECT ?x ?rank ?community ?label WHERE {{
  GRAPH {ANALYSIS_GRAPH} {{
    ?x kg:rank ?rank .
    OPTIONAL {{ ?x kg:community ?community .
               OPTIONAL {{ ?community skos:prefLabel ?label FILTER(lang(?label) = "vi") }} }}
  }}
}}
"""


@dataclass(frozen=True)
class StoredRank:
    """One actor's place in the analysis `kg analyze` wrote: its rank and its community."""

    rank: int
    community: str | None
    community_label: str | None


def read_analysis(store: Any) -> dict[str, StoredRank]:
    """The ranks and communities of the store's analysis graph, by actor IRI (empty when
    `kg analyze` never ran), so that an overview shows the same central actors and the same
    communities as `kg analyze` printed."""
    found: dict[str, StoredRank] = {}
    for row in store.query(ANALYSIS_QUERY):
        x, rank = row["x"], row["rank"]
        if not isinstance(x, ox.NamedNode) or not isinstance(rank, ox.Literal):
            continue
        try:
            r = int(rank.value)
        except ValueError:
            continue
        k, label = row["community"], row["label"]
        found[x.value] = StoredRank(r, k.value if k is not None else None,
                                    label.value if label is not None else None)
    return found
