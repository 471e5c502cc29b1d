"""The corpus pass: one node, one name and one preferred value per fact, over the whole store.

Each article graph is a pure function of its article (`kg.rdf`): it states names as the
article gives them (`rdfs:label`, `kg:altName`), a person's resolved key (`kg:key`) and a
document's date as an `rdf:Statement` of that article. What only the corpus can settle is
settled here, deterministically, from the set of article graphs (never from the order in which
they came), and written into the named graph `CANONICAL_GRAPH`, which is part of the union the
queries read. `kg ingest` runs it at the end of every run that wrote articles, on the store
folder and on a SPARQL server alike; `kg consolidate` runs it alone.

The policy, in the order it is applied:

1. **Identity** (people). Every person key of the store is read (`kg:key`, as each article
   resolved it). Keys whose words are the same once case, hyphens and spacing are folded are
   one person ("Park Hang-seo", "Park Hang Seo"). A short name joins the full name whose words
   it ends ("Putin" → "Vladimir Putin", "Mạnh Hùng" → "Nguyễn Mạnh Hùng") when the corpus holds
   exactly one such full name of the same scope; with two or more ("Trump": "Donald Trump" and
   "Ivanka Trump") it stays its own node. A short name is one word, or a Vietnamese given name
   of two words without its family name (the full name starts with a family name one or two
   words before it); a name of three words, or two that start with a family name, is a full
   name of its own ("Nguyễn Minh Quang" does not join "Lê Nguyễn Minh Quang", nor "Serena
   Williams" a longer run of words that ends with it). Namesakes that the resolver scoped to a
   province ("nguyễn văn a@quang-ninh") only join names of the same province, so evidence that
   differs keeps them apart. (`kg.resolve.short_name_targets` is the rule; the resolver applies
   the same rule inside one article.)
   Then evidence across articles, both ways:
   - *a scope the articles did not state* (`scoped_joins`): the resolver scopes a person only
     where the article says what sets them apart ("messi@the-thao" in a line-up, "messi" in a
     transfer story). A name's unscoped key joins its scoped key when the corpus holds exactly
     one (keys of one article, private individuals', are none of them), an article of each is
     in the same section of a site (the first segment of `schema:url`) and the unscoped
     key's posts do not speak against it: for a field's key, not only posts in bodies of
     other sectors; for a province's, a town's or a birth year's, no post in a body at all;
     or, in any section, when the two hold a post in one body. A private individual's key
     (one article's: "chồng Kanye West") joins the name's only other key when that one is
     unscoped, holds no position at all (a star, not an official) and has an article in the
     same section.
   - *namesakes that one key holds* (`namesake_groups`): each article's evidence is the bodies
     of the person's posts in it and the sectors of the current ones (state, education,
     health, business, sport: `body_sectors`, `data/lexicon/person_sectors.json`). Articles
     that share a body or a sector are one person, and an article naming two links them (a
     minister who chairs a university council). When two groups or more with a sector come
     out, they are namesakes: each gets a node of its own ("lê anh tuấn~education"), but the
     group of strictly the most articles keeps the key's node and the articles that state no
     sector; on a tie those articles stay on the key's node, apart from every group, since
     nothing says whose they are. A position without a body follows its person (its IRI
     takes the namesake's node, `kg.rdf.membership_iri`), so no position has two members.
   Each person node of an article graph whose IRI is not its key's target is renamed, in that
   graph and in the union: only the nodes whose target changed are touched, so an incremental
   ingest rewrites a handful of nodes. A merge or a split that a later article changes is
   undone the same way, since each node keeps its own key. Bodies,
   places, documents, programs and titles are one node per key already (their keys fold case
   and spacing); names that say only what a body does are qualified at extraction. A
   program's short name joins its full name when one document approves both and the short
   name's words are the full name's in order (`program_moves`).
2. **Canonical names**, for every person, body, title, document, program and place: exactly
   one preferred name per language, every other form an `skos:altLabel`. The preferred name
   is the gazetteer's official form where the entity has one (stated as `skos:prefLabel` by
   the articles themselves), else the best of the forms the articles use, ranked by:
   for a person or a program more words first (the full name); then not all capitals, not
   starting with a small letter ("Ủy viên" over "ủy viên"); then the number of articles that
   use it; then code point order (a fixed tie-break). It is stated as `skos:prefLabel`
   (bodies, titles, documents, places, programs; programs also `schema:name`) or
   `schema:name` (people).
3. **Preferred values** of single-valued facts that articles may state differently: a
   document's signing date (`eli:date_document`) is the date stated by the most articles, and
   on a tie the earliest. Every stated date stays in the graph as an `rdf:Statement` with its
   article. A person's title in one body on one day: when an article of that day states one
   title and another article of the same day another (neither "former"), both positions stay,
   each with its articles, and the one stated by more articles in all (on a tie the title
   first in code point order) is `kg:preferredOver` the other. `kg query conflicts`
   (`ontology/queries/conflicts.rq`) lists both kinds with their articles.

Writing is a difference: the canonical graph as computed is compared with the one stored and
only the changed statements are deleted and inserted (each step one transaction, and the whole
pass idempotent, so a run stopped midway is completed by the next).
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

import pyoxigraph as ox

from kg import DATA_DIR
from kg.normalize import fold
from kg.rdf import article_iri, entity_iri, membership_iri
from kg.resolve import name_tokens, short_name_targets
from kg.vocab import ELI, ID, KG, SCHEMA, SKOS

CANONICAL_GRAPH = ID["graph/canonical"]
#: Statements (or renamed nodes) in one SPARQL Update request at most.
CHUNK = 2000

#: (Article graphs are told by their names, `ARTICLE_GRAPHS`, not by a join with their type,
#: which doubled the time: a server's kept union, `kg.remote.UNION_GRAPH`, states kg:key too.)
PERSON_KEYS = "SELECT ?g ?p ?k WHERE { GRAPH ?g { ?p kg:key ?k } }"
ARTICLE_GRAPHS = ID["article/"].value
#: Each article's address (its site's section: `section`).
ARTICLE_URLS = "SELECT ?g ?u WHERE { GRAPH ?g { ?g schema:url ?u } }"
#: Positions in bodies, per article; and the ones an article says are former. (Queries kept
#: apart and without an OPTIONAL: each is a scan, together they were three times slower.)
PERSON_POSTS = "SELECT ?g ?m ?p ?o WHERE { GRAPH ?g { ?m org:member ?p ; org:organization ?o } }"
FORMER_POSTS = "SELECT ?g ?m WHERE { GRAPH ?g { ?m kg:former true } }"
#: The person nodes that hold a position, in a body or not.
HOLDERS = "SELECT DISTINCT ?g ?p WHERE { GRAPH ?g { ?m org:member ?p } }"
#: What the bodies of positions are: their types and names (for their sectors).
BODY_TYPES = """
SELECT DISTINCT ?o ?t WHERE { GRAPH ?g { ?m org:organization ?o . ?o a ?t } }"""
BODY_NAMES = """
SELECT DISTINCT ?o ?l WHERE {
  GRAPH ?g { ?m org:organization ?o . ?o rdfs:label|skos:prefLabel ?l } }"""
#: Positions without a body: their IRI is the person key's and title's only, so a namesake
#: set apart needs its own (`kg.rdf.membership_iri`). In every article graph, or (NODE_…)
#: one person node's in one graph: an indexed look-up, where a VALUES block is a scan.
BODILESS_POSTS = """
SELECT DISTINCT ?g ?m ?p ?k ?role ?former WHERE { GRAPH ?g { ?g a schema:NewsArticle .
  ?m org:member ?p ; org:role ?r . ?r rdfs:label ?role . ?p kg:key ?k .
  FILTER NOT EXISTS { ?m org:organization ?o } OPTIONAL { ?m kg:former ?former } } }"""
NODE_BODILESS_POSTS = """
SELECT DISTINCT ?m ?k ?role ?former WHERE { GRAPH %(g)s { %(p)s kg:key ?k .
  ?m org:member %(p)s ; org:role ?r . ?r rdfs:label ?role .
  FILTER NOT EXISTS { ?m org:organization ?o } OPTIONAL { ?m kg:former ?former } } }"""
#: The digest an IRI segment ends with when its key is not ASCII (`kg.rdf.segment`): without
#: it, "Đài Tiếng nói Việt Nam" as the gazetteer keys it and as an article spells it are one.
_DIGEST = re.compile(r"-[0-9a-f]{8}$")
#: Up to this many person nodes, their positions without a body are read node by node.
FEW = 500
FORMS = """
SELECT ?e ?f (COUNT(DISTINCT ?g) AS ?n) WHERE {
  GRAPH ?g { ?g a schema:NewsArticle . ?e rdfs:label ?f }
} GROUP BY ?e ?f"""
PLACE_FORMS = """
SELECT ?e ?f (COUNT(DISTINCT ?g) AS ?n) WHERE {
  GRAPH ?g { ?g a schema:NewsArticle . ?e a schema:AdministrativeArea ; schema:name ?f }
} GROUP BY ?e ?f"""
ALT_FORMS = """
SELECT DISTINCT ?e ?f WHERE { GRAPH ?g { ?g a schema:NewsArticle . ?e kg:altName ?f } }"""
OFFICIAL = """
SELECT DISTINCT ?e ?f WHERE { GRAPH ?g { ?g a schema:NewsArticle . ?e skos:prefLabel ?f } }"""
KINDS = """
SELECT DISTINCT ?e ?t WHERE {
  VALUES ?t { schema:Person kg:Program } GRAPH ?g { ?g a schema:NewsArticle . ?e a ?t } }"""
STATED_DATES = """
SELECT ?d ?v (COUNT(DISTINCT ?a) AS ?n) WHERE {
  GRAPH ?g { ?s a rdf:Statement ; rdf:subject ?d ; rdf:predicate eli:date_document ;
                rdf:object ?v ; prov:wasDerivedFrom ?a }
} GROUP BY ?d ?v"""
#: Two positions of one person in one body, each stated by an article of the same day that
#: does not state the other (not "former"): the articles disagree on the title.
TITLE_DISAGREEMENTS = """
SELECT DISTINCT ?m ?m2 WHERE {
  ?m a org:Membership ; org:member ?p ; org:organization ?o ; org:role ?r ;
     prov:wasDerivedFrom ?a .
  ?m2 a org:Membership ; org:member ?p ; org:organization ?o ; org:role ?r2 ;
      prov:wasDerivedFrom ?a2 .
  FILTER(?r != ?r2 && ?a != ?a2)
  ?a schema:datePublished ?day . ?a2 schema:datePublished ?day .
  FILTER NOT EXISTS { ?m kg:former true } FILTER NOT EXISTS { ?m2 kg:former true }
  FILTER NOT EXISTS { ?m2 prov:wasDerivedFrom ?a } FILTER NOT EXISTS { ?m prov:wasDerivedFrom ?a2 }
}"""
SUPPORT = """
SELECT ?m (COUNT(DISTINCT ?a) AS ?n) (MIN(STR(?t)) AS ?title) WHERE {
  VALUES ?m { %s } ?m prov:wasDerivedFrom ?a ; org:role ?r . ?r rdfs:label ?t
} GROUP BY ?m"""
CANONICAL = f"SELECT ?s ?p ?o WHERE {{ GRAPH {CANONICAL_GRAPH} {{ ?s ?p ?o }} }}"
#: Programs, their names, and the documents that approve them, as each article states them.
PROGRAM_NODES = """
SELECT DISTINCT ?g ?p ?f WHERE {
  GRAPH ?g { ?g a schema:NewsArticle . ?p a kg:Program ; rdfs:label ?f } }"""
PROGRAM_APPROVALS = """
SELECT DISTINCT ?d ?p WHERE {
  GRAPH ?g { ?g a schema:NewsArticle . ?d kg:approves ?p . ?p a kg:Program } }"""


@dataclass
class ConsolidationReport:
    renamed: int = 0  # person nodes renamed in an article graph
    merged_keys: int = 0  # person keys that join another key
    added: int = 0  # statements added to the canonical graph
    removed: int = 0  # statements removed from it
    canonical: int = 0  # statements in the canonical graph
    #: seconds spent: identity (reading keys, renaming), computing the names and values,
    #: writing the difference (for benchmarks; not printed, since it differs run to run)
    seconds: dict[str, float] = field(default_factory=dict)

    def __str__(self) -> str:
        return (f"consolidated: {self.merged_keys} person key(s) joined to another, "
                f"{self.renamed} node(s) renamed; canonical graph {self.canonical} statements "
                f"(+{self.added} -{self.removed})")


def consolidate(store: object) -> ConsolidationReport:
    """Run the corpus pass on a store (`kg.store.Store` or `kg.remote.RemoteStore`)."""
    report = ConsolidationReport()
    t = time.perf_counter()
    moves, report.merged_keys = person_moves(store)
    moves += program_moves(store)
    if moves:
        _rename(store, moves)
        report.renamed = len(moves)
    report.seconds["identity"] = time.perf_counter() - t
    t = time.perf_counter()
    wanted = canonical_triples(store)
    have = {ox.Triple(s, p, o) for s, p, o in store.query(CANONICAL)}  # type: ignore[attr-defined]
    gone, new = sorted(have - wanted, key=str), sorted(wanted - have, key=str)
    report.seconds["names"] = time.perf_counter() - t
    t = time.perf_counter()
    _write(store, gone, new)
    report.seconds["write"] = time.perf_counter() - t
    report.added, report.removed, report.canonical = len(new), len(gone), len(wanted)
    if moves or gone or new:
        store.flush()  # type: ignore[attr-defined]
    return report


# -- identity -----------------------------------------------------------------------------

Move = tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode]  # (graph, node, target)


def person_moves(store: object) -> tuple[list[Move], int]:
    """(graph, node, target) for each person node of an article graph that is not at its
    key's target (`short_name_targets`, then `scoped_joins`; or at its namesake's node,
    `namesake_groups`), and for each position without a body that is not at its person's;
    and how many keys join another."""
    q = store.query  # type: ignore[attr-defined]
    rows = [(g, p, k.value) for g, p, k in q(PERSON_KEYS) if g.value.startswith(ARTICLE_GRAPHS)]
    targets = short_name_targets({k for _g, _p, k in rows})
    keys: dict[tuple[ox.NamedNode, ox.NamedNode], set[str]] = defaultdict(set)
    own: dict[tuple[ox.NamedNode, ox.NamedNode], str] = {}
    for g, p, k in rows:
        keys[(g, p)].add(targets.get(k, k))
        own[(g, p)] = k
    evidence = _post_evidence(store, keys)
    joins = _scoped_joins(store, keys, evidence)
    if joins:
        for node, ks in keys.items():
            keys[node] = {joins.get(k, k) for k in ks}
    node_key = _namesake_keys(keys, evidence)
    moves = []
    for (g, p), ks in keys.items():
        if len(ks) == 1 and (to := entity_iri("person", node_key.get((g, p), next(iter(ks))))) != p:
            moves.append((g, p, to))
        # Two keys on one node of one graph (a slug shared by two keys): left as it is.
    # Positions without a body move only with a person node that is a namesake's, or was
    # (a node at neither its target's nor its own key's IRI).
    touched = sorted((g, p) for (g, p), ks in keys.items() if len(ks) == 1 and (
        (g, p) in node_key or p not in (entity_iri("person", next(iter(ks))),
                                        entity_iri("person", own[(g, p)]))))
    if len(touched) > FEW:
        posts = [tuple(s) for s in q(BODILESS_POSTS)]
    else:
        posts = [(g, m, p, k, role, former) for g, p in touched
                 for m, k, role, former in q(NODE_BODILESS_POSTS % {"g": g, "p": p})]
    for g, m, p, k, role, former in posts:
        if len(keys.get((g, p), ())) != 1:
            continue
        to = membership_iri(k.value, role.value, None, former is not None,
                            node_key.get((g, p), ""))
        if to != m:
            moves.append((g, m, to))
    moves = sorted(set(moves), key=lambda m: (m[0].value, m[1].value))
    return moves, len(targets) + len(joins)


Evidence = tuple[set[str], set[str]]  # bodies of a person's posts, sectors of the current ones


def _post_evidence(store: object, keys: dict[tuple[ox.NamedNode, ox.NamedNode], set[str]]
                   ) -> dict[tuple[ox.NamedNode, ox.NamedNode], Evidence]:
    """(graph, person node) → the bodies of the person's positions in that article (current
    or former; by their IRIs without a key's digest, so that one body keyed two ways, by the
    gazetteer and by an article, is one) and the sectors of the current ones
    (`body_sectors`), for the nodes of one key that hold a position in a body."""
    q = store.query  # type: ignore[attr-defined]
    rows = [(g, m, p, o.value) for g, m, p, o in q(PERSON_POSTS) if len(keys.get((g, p), ())) == 1]
    if not rows:
        return {}
    former = {(g, m) for g, m in q(FORMER_POSTS)}
    kinds: dict[str, set[str]] = defaultdict(set)
    for o, t in q(BODY_TYPES):
        kinds[o.value].add(t.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1])
    names: dict[str, set[str]] = defaultdict(set)
    for o, label in q(BODY_NAMES):
        names[o.value].add(label.value)
    sectors = {b: body_sectors(kinds[b], names[b]) for b in set(kinds) | set(names)}
    out: dict[tuple[ox.NamedNode, ox.NamedNode], Evidence] = {}
    for g, m, p, body in rows:
        bodies, found = out.setdefault((g, p), (set(), set()))
        bodies.add(_DIGEST.sub("", body))  # one body under two keys is one body
        if (g, m) not in former:
            found.update(sectors.get(body, ()))
    return out


def _namesake_keys(keys: dict[tuple[ox.NamedNode, ox.NamedNode], set[str]],
                   evidence: dict[tuple[ox.NamedNode, ox.NamedNode], Evidence],
                   ) -> dict[tuple[ox.NamedNode, ox.NamedNode], str]:
    """(graph, node) → the key of the namesake's node it belongs on, for the person nodes
    that `namesake_groups` sets apart from their key's node ("lê anh tuấn~education")."""
    by_key: dict[str, list[tuple[ox.NamedNode, ox.NamedNode]]] = defaultdict(list)
    for node in evidence:
        if len(keys.get(node, ())) == 1:
            by_key[next(iter(keys[node]))].append(node)
    out: dict[tuple[ox.NamedNode, ox.NamedNode], str] = {}
    for key, nodes in by_key.items():
        if len(nodes) < 2:
            continue
        per_article: dict[str, Evidence] = {}
        for node in nodes:
            bodies, found = per_article.setdefault(node[0].value, (set(), set()))
            bodies.update(evidence[node][0])
            found.update(evidence[node][1])
        apart = namesake_groups(per_article)
        for node in nodes:
            if node[0].value in apart:
                out[node] = f"{key}~{apart[node[0].value]}"
    return out


def section(url: str) -> str | None:
    """The section of a news site an article's address puts it in ("dantri.com.vn/the-thao"
    for https://dantri.com.vn/the-thao/….htm), or None (an address of one segment, none)."""
    parts = url.split("?", 1)[0].split("/", 4)  # scheme, "", host, section, the rest
    if len(parts) < 5 or not parts[3] or not parts[4]:
        return None
    return f"{parts[2]}/{parts[3]}".lower()


def scoped_joins(names: dict[str, tuple[set[str], Evidence]], article_scopes: set[str],
                 holders: Iterable[str] = ()) -> dict[str, str]:
    """Unscoped person key → the one scoped key of the same name it is, for the keys that
    join one. `names` gives each key (a target of `short_name_targets`) the sections of its
    articles (`section`) and the bodies and current sectors of its posts in all of them.

    The resolver scopes a person only when the article says what sets them apart (a
    province's posts, a field's sentences, a birth year), so the same footballer is
    "messi@the-thao" where a line-up names him and "messi" where a transfer story does. The
    name's unscoped key joins its scoped one when the corpus holds exactly one scoped key of
    that name (keys scoped to one article, private individuals', are none of them),
    an article of each is in the same section of a site, and nothing the unscoped key's
    articles state speaks against it: for a field's key (`fields` in
    `data/lexicon/person_sectors.json`), not only current posts in bodies of other sectors;
    for a province's, a town's or a birth year's key, no post in a body at all (a national
    official named with a ministry is not a province's namesake). A post in a body the
    scoped key holds too is enough, in any section ("Chủ tịch UBND tỉnh Ninh Bình" in a
    health story and in a travel story).

    A key of one article (a private individual's: "chồng Kanye West", "vợ Kim Cương") joins
    the name's unscoped key when that is the name's only other key, holds no position at all
    (not in `holders`: a star, not an official; a parent named "chị …" stays apart from a
    rector), and has an article in the same section. The result depends on the set of keys
    and their evidence only."""
    fields = _field_sectors()
    held = set(holders)
    by_words: dict[tuple[str, ...], list[tuple[str, str]]] = defaultdict(list)
    for key in names:
        words, scope = name_tokens(key)
        by_words[words].append((scope, key))
    out: dict[str, str] = {}
    for group in by_words.values():
        if len(group) < 2:
            continue
        bare = [k for scope, k in group if not scope]
        scoped = [(scope, k) for scope, k in group if scope and scope not in article_scopes]
        if len(bare) == 1 and not scoped:
            # private individuals' keys (one article each) and one public person of the
            # name who holds no post: the same star named as someone's wife or husband
            u = bare[0]
            if u not in held:
                u_sections = names[u][0]
                for scope, k in group:
                    if scope in article_scopes and names[k][0] & u_sections:
                        out[k] = u
            continue
        if len(bare) != 1 or len(scoped) != 1:
            continue
        (u, (u_sections, (u_bodies, u_sectors))), (scope, c) = (bare[0], names[bare[0]]), scoped[0]
        c_sections, (c_bodies, _c_sectors) = names[c]
        one_section = bool(u_sections & c_sections)
        if scope in fields:
            if not one_section or u_sectors and fields[scope] not in u_sectors:
                continue
        elif not u_bodies & c_bodies and (u_bodies or not one_section):
            continue
        out[u] = c
    return out


def _scoped_joins(store: object, keys: dict[tuple[ox.NamedNode, ox.NamedNode], set[str]],
                  evidence: dict[tuple[ox.NamedNode, ox.NamedNode], Evidence]) -> dict[str, str]:
    """`scoped_joins` on the store's person keys."""
    q = store.query  # type: ignore[attr-defined]
    sections = {g: sec for g, u in q(ARTICLE_URLS) if (sec := section(u.value))}
    names: dict[str, tuple[set[str], Evidence]] = {}
    graphs: dict[str, set[ox.NamedNode]] = defaultdict(set)
    for node, ks in keys.items():
        if len(ks) != 1:
            continue
        key = next(iter(ks))
        graphs[key].add(node[0])
        secs, (bodies, found) = names.setdefault(key, (set(), (set(), set())))
        if node[0] in sections:
            secs.add(sections[node[0]])
        if node in evidence:
            bodies.update(evidence[node][0])
            found.update(evidence[node][1])
    # a key scoped to its article (a private individual's): its scope names its one graph
    one_article = {scope for key, gs in graphs.items() if (scope := name_tokens(key)[1])
                   and article_iri(scope) in gs}
    holders = {next(iter(keys[(g, p)])) for g, p in q(HOLDERS) if len(keys.get((g, p), ())) == 1}
    return scoped_joins(names, one_article, holders)


@cache
def _sector_lists() -> tuple[dict[str, list[str]], re.Pattern[str], dict[str, str],
                             re.Pattern[str], dict[str, str]]:
    """`data/lexicon/person_sectors.json`: type → sectors; a regex of the heads (longest
    first) and head → sector; a regex of the words and word → sector (all folded)."""
    data = json.loads(DATA_DIR.joinpath("lexicon", "person_sectors.json").read_text("utf-8"))

    def table(groups: dict[str, list[str]]) -> tuple[re.Pattern[str], dict[str, str]]:
        of = {fold(w): sector for sector, words in groups.items() for w in words}
        alt = "|".join(re.escape(w) for w in sorted(of, key=len, reverse=True))
        return re.compile(rf"(?<!\w)(?:{alt})(?!\w)"), of

    heads, head_of = table(data["heads"])
    words, word_of = table(data["words"])
    return data["types"], heads, head_of, words, word_of


@cache
def _field_sectors() -> dict[str, str]:
    """`fields` of `data/lexicon/person_sectors.json`: a field's scope → its sector."""
    data = json.loads(DATA_DIR.joinpath("lexicon", "person_sectors.json").read_text("utf-8"))
    return dict(data["fields"])


def body_sectors(types: Iterable[str], names: Iterable[str]) -> frozenset[str]:
    """The sectors of a body (`data/lexicon/person_sectors.json`): by its types (local names
    of its classes, "University") and by the first words of its names and words in them."""
    by_type, heads, head_of, words, word_of = _sector_lists()
    out = {sector for t in types for sector in by_type.get(t, ())}
    for name in names:
        folded = fold(name)
        head = heads.match(folded)
        if head and head_of[head.group(0)]:
            out.add(head_of[head.group(0)])
        out.update(word_of[m.group(0)] for m in words.finditer(folded))
    out.discard("")  # words under "" only keep a shorter word from matching
    return frozenset(out)


def namesake_groups(articles: dict[str, tuple[Iterable[str], Iterable[str]]]) -> dict[str, str]:
    """Which articles that name one person key are about a namesake: article → the namesake's
    label, for the articles that leave the key's own node (the others stay on it).

    `articles` gives, for each article, the bodies of the person's positions in it (current
    or former) and the sectors of the current ones (`body_sectors`). Articles that share a body
    or a sector are one person, and so are the bodies and sectors one article names together
    (a minister who chairs a university's council links the two sectors). When two groups or
    more that have a sector come out, each is a namesake, named by its smallest sector; the
    group of the most articles, when it has strictly more than any other, keeps the key's own
    node and with it the articles that state no sector (or bodies of none); on a tie every
    group leaves, and the articles without a sector stay on the key's node, apart from them
    all, since nothing says which of them they name. One group or none: nothing moves."""
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(x: tuple[str, str]) -> tuple[str, str]:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first: dict[str, tuple[str, str]] = {}
    for article, (bodies, sectors) in articles.items():
        tokens = [("b", b) for b in bodies] + [("s", s) for s in sectors]
        for t in tokens:
            parent.setdefault(t, t)
        for t in tokens[1:]:
            a, b = find(tokens[0]), find(t)
            if a != b:
                parent[max(a, b)] = min(a, b)
        if tokens:
            first[article] = tokens[0]
    members: dict[tuple[str, str], list[str]] = defaultdict(list)
    for article, token in first.items():
        members[find(token)].append(article)
    labels: dict[tuple[str, str], str] = {}
    for t in parent:
        if t[0] == "s":
            root = find(t)
            labels[root] = min(labels.get(root, t[1]), t[1])
    if len(labels) < 2:
        return {}
    ranked = sorted(labels, key=lambda r: (-len(members[r]), labels[r]))
    keep = ranked[0] if len(members[ranked[0]]) > len(members[ranked[1]]) else None
    return {a: labels[r] for r in ranked if r != keep for a in members[r]}


def _words(name: str) -> list[str]:
    return fold(name).replace(",", " ").split()


def _within(short: list[str], long: list[str]) -> bool:
    """The words of `short` are those of `long`, in order, some of them left out."""
    it = iter(long)
    return all(w in it for w in short)


def program_moves(store: object) -> list[Move]:
    """(graph, node, target) for each program node that is the short name of another.

    Two programs that one document approves, of the same kind, where the words of one name
    are those of the other in order with some left out, are one program: the decision settles
    what the names alone do not (a plan's short name written in one article, and its full
    name with the scope and period in another, both approved by one decision). The node of
    the longer name is kept.
    Names that only share a document stay apart (a resolution may approve several programs),
    and so does a short name of fewer than three words after its kind.
    """
    q = store.query  # type: ignore[attr-defined]
    approved: dict[ox.NamedNode, set[ox.NamedNode]] = defaultdict(set)
    for s in q(PROGRAM_APPROVALS):
        approved[s["d"]].add(s["p"])
    if not any(len(ps) > 1 for ps in approved.values()):
        return []  # the quick test first: no document approves two programs
    nodes = [(s["g"], s["p"], s["f"].value) for s in q(PROGRAM_NODES)]
    names = {p: _words(f) for _g, p, f in sorted(nodes, key=lambda n: (n[1].value, n[2]))}
    target: dict[ox.NamedNode, ox.NamedNode] = {}
    for programs in approved.values():
        ranked = sorted((p for p in programs if p in names),
                        key=lambda p: (-len(names[p]), p.value))
        for k, short in enumerate(ranked):
            for long in ranked[:k]:
                a, b = names[short], names[long]
                if len(a) >= 5 and a[:2] == b[:2] and len(a) < len(b) and _within(a, b):
                    target[short] = target.get(long, long)
                    break
    moves = {(g, p, target[p]) for g, p, _f in nodes if p in target}
    return sorted(moves, key=lambda m: (m[0].value, m[1].value))


def _rename(store: object, moves: list[Move]) -> None:
    """Rename nodes inside their article graphs (subject and object positions), and on the
    embedded store bring the union (default graph) up to date for the nodes touched."""
    local = _local(store)
    for k in range(0, len(moves), CHUNK):
        part = moves[k : k + CHUNK]
        rows = " ".join(f"({g} {old} {new})" for g, old, new in part)
        ops = [
            f"DELETE {{ GRAPH ?g {{ ?old ?p ?o }} }} INSERT {{ GRAPH ?g {{ ?new ?p ?o }} }} "
            f"WHERE {{ VALUES (?g ?old ?new) {{ {rows} }} GRAPH ?g {{ ?old ?p ?o }} }}",
            f"DELETE {{ GRAPH ?g {{ ?s ?p ?old }} }} INSERT {{ GRAPH ?g {{ ?s ?p ?new }} }} "
            f"WHERE {{ VALUES (?g ?old ?new) {{ {rows} }} GRAPH ?g {{ ?s ?p ?old }} }}",
        ]
        if local is not None:
            # The union: the renamed statements join it (only those of the graphs renamed,
            # not every statement of a well-known target), and the old node's statements
            # leave it unless another graph still states them.
            olds = " ".join(sorted({str(old) for _g, old, _new in part}))
            pairs = " ".join(f"({g} {new})" for g, _old, new in part)
            ops += [
                f"DELETE {{ ?x ?p ?o }} WHERE {{ VALUES ?x {{ {olds} }} ?x ?p ?o "
                f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?x ?p ?o }} }} }}",
                f"DELETE {{ ?s ?p ?x }} WHERE {{ VALUES ?x {{ {olds} }} ?s ?p ?x "
                f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?x }} }} }}",
                f"INSERT {{ ?x ?p ?o }} WHERE {{ VALUES (?g ?x) {{ {pairs} }} "
                f"GRAPH ?g {{ ?x ?p ?o }} }}",
                f"INSERT {{ ?s ?p ?x }} WHERE {{ VALUES (?g ?x) {{ {pairs} }} "
                f"GRAPH ?g {{ ?s ?p ?x }} }}",
            ]
        _update(store, " ;\n".join(ops))


# -- names and preferred values -----------------------------------------------------------

def best_form(forms: Counter[str], *, person: bool = False) -> str:
    """The preferred one of an entity's name forms (form → articles using it): see the
    module's policy, point 2 (`person` also for a program: more words first)."""
    def rank(f: str) -> tuple[int, bool, bool, int, str]:
        letters = [c for c in f if c.isalpha()]
        shouting = bool(letters) and len(letters) > 1 and all(c.isupper() for c in letters)
        return (-len(f.split()) if person else 0, shouting, f[:1].islower(), -forms[f], f)

    return min(forms, key=rank)


def canonical_triples(store: object) -> set[ox.Triple]:
    """The canonical graph as the articles in the store call for it."""
    q = store.query  # type: ignore[attr-defined]
    forms: dict[ox.NamedNode, dict[str | None, Counter[str]]] = defaultdict(
        lambda: defaultdict(Counter))
    for e, f, n in q(FORMS):  # (unpacked: faster than by name, on every row of the store)
        forms[e][f.language][f.value] += int(n.value)
    places: dict[ox.NamedNode, dict[str | None, Counter[str]]] = defaultdict(
        lambda: defaultdict(Counter))
    for e, f, n in q(PLACE_FORMS):
        places[e][f.language][f.value] += int(n.value)
    alts: dict[ox.NamedNode, set[ox.Literal]] = defaultdict(set)
    for e, f in q(ALT_FORMS):
        alts[e].add(f)
    official: dict[ox.NamedNode, dict[str | None, str]] = defaultdict(dict)
    for s in sorted(q(OFFICIAL), key=lambda s: (s["e"].value, s["f"].value)):
        official[s["e"]].setdefault(s["f"].language, s["f"].value)  # one only, if two ever
    kinds: dict[ox.NamedNode, set[str]] = defaultdict(set)
    for e, t in q(KINDS):
        kinds[e].add(t.value)

    out: set[ox.Triple] = set()
    for e in set(forms) | set(places) | set(official) | set(alts):
        person = SCHEMA.Person.value in kinds[e]
        program = any(t.endswith("#Program") for t in kinds[e])
        by_lang = forms.get(e) or places.get(e) or {}
        langs = set(by_lang) | set(official.get(e, {}))
        prefs: set[ox.Literal] = set()
        for lang in sorted(langs, key=lambda x: x or ""):
            pref = official.get(e, {}).get(lang)
            if pref is None:
                pref = best_form(by_lang[lang], person=person or program)
            lit = ox.Literal(pref, language=lang) if lang else ox.Literal(pref)
            prefs.add(lit)
            if person:
                out.add(ox.Triple(e, SCHEMA.name, lit))
                continue
            if e not in official or lang not in official[e]:  # the articles state the official
                out.add(ox.Triple(e, SKOS.prefLabel, lit))
            if program:
                out.add(ox.Triple(e, SCHEMA.name, lit))
        others = {ox.Literal(f, language=lang) if lang else ox.Literal(f)
                  for lang, c in by_lang.items() for f in c} | alts.get(e, set())
        for alt in others - prefs:
            out.add(ox.Triple(e, SKOS.altLabel, alt))

    out |= title_preferences(store)
    dates: dict[ox.NamedNode, Counter[ox.Literal]] = defaultdict(Counter)
    for s in q(STATED_DATES):
        dates[s["d"]][s["v"]] += int(s["n"].value)
    for d, values in dates.items():
        best = min(values, key=lambda v: (-values[v], v.value))
        out.add(ox.Triple(d, ELI.date_document, best))
    return out


def title_preferences(store: object) -> set[ox.Triple]:
    """`kg:preferredOver` between the positions whose articles disagree on a title."""
    q = store.query  # type: ignore[attr-defined]
    pairs = [(s["m"], s["m2"]) for s in q(TITLE_DISAGREEMENTS)]
    if not pairs:
        return set()
    nodes = sorted({m for pair in pairs for m in pair}, key=lambda n: n.value)
    support: dict[ox.NamedNode, tuple[int, str]] = {}
    for k in range(0, len(nodes), CHUNK):
        values = " ".join(str(n) for n in nodes[k : k + CHUNK])
        for s in q(SUPPORT % values):
            support[s["m"]] = (-int(s["n"].value), s["title"].value, s["m"].value)
    out = set()
    for m, m2 in pairs:
        if m in support and m2 in support and support[m] < support[m2]:
            out.add(ox.Triple(m, KG.preferredOver, m2))
    return out


# -- writing ------------------------------------------------------------------------------

def _local(store: object) -> ox.Store | None:
    """The pyoxigraph store of an embedded store that keeps its union, else None."""
    from kg.store import Store

    if isinstance(store, Store) and store.union_kept:
        return store.ox
    return None


def _update(store: object, sparql: str) -> None:
    local = _local(store)
    if local is not None:
        local.update(sparql)  # not Store.update, which re-syncs the whole union
    else:
        store.update(sparql)  # type: ignore[attr-defined]


def _write(store: object, gone: list[ox.Triple], new: list[ox.Triple]) -> None:
    """Delete `gone` from the canonical graph and insert `new`, keeping the union: a deleted
    statement leaves the default graph unless another graph states it."""
    g = CANONICAL_GRAPH
    local = _local(store)
    for k in range(0, len(gone), CHUNK):
        part = gone[k : k + CHUNK]
        data = " . ".join(str(t) for t in part)
        ops = [f"DELETE DATA {{ GRAPH {g} {{ {data} }} }}"]
        if local is not None:
            rows = " ".join(f"({t.subject} {t.predicate} {t.object})" for t in part)
            ops.append(f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES (?s ?p ?o) {{ {rows} }} ?s ?p ?o "
                       f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} }} }}")
        _update(store, " ;\n".join(ops))
    if not new:
        return
    if local is not None:
        local.extend(_both(new))  # one transaction
        return
    for k in range(0, len(new), CHUNK):
        data = " . ".join(str(t) for t in new[k : k + CHUNK])
        _update(store, f"INSERT DATA {{ GRAPH {g} {{ {data} }} }}")


def _both(triples: Iterable[ox.Triple]) -> Iterable[ox.Quad]:
    """Each statement in the canonical graph and in the union."""
    for t in triples:
        yield ox.Quad(t.subject, t.predicate, t.object, CANONICAL_GRAPH)
        yield ox.Quad(t.subject, t.predicate, t.object)
