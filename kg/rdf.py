"""Map a processed `Doc` to RDF quads, in the article's own named graph.

Everything one article says lives in one named graph (the article's IRI), so re-ingesting an
article replaces exactly its facts, and the union of the graphs is the knowledge graph. Each
article graph repeats the types and labels of the entities it mentions, so dropping one article
never leaves another article's entities without a name.

Names are stated as the article gives them, with predicates outside SKOS: `rdfs:label` for
the name an article uses for a person, body, document, program or title, `kg:altName` for the
abbreviations and other forms it gives. Only the gazetteer's official form of a body is stated
as `skos:prefLabel` here, since it is the same in every article. The canonical names (one
`skos:prefLabel` per language, the other forms `skos:altLabel`, a person's one `schema:name`)
are chosen over the whole corpus by `kg.consolidate`, so that two articles spelling one name
two ways never give it two preferred names. Likewise a document's signing date is stated as an
`rdf:Statement` from the article (`rdf:subject`, `rdf:predicate eli:date_document`,
`rdf:object`, `prov:wasDerivedFrom`), and the corpus pass states the preferred date. A person
carries `kg:key`, the key the article resolved it to, from which the corpus pass computes the
node it belongs to (see `kg.consolidate`).

Terms are built with pyoxigraph's own API (NamedNode, Literal, Quad), never by pasting strings
into RDF syntax, so article text always ends up as a proper literal.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from urllib.parse import unquote

import pyoxigraph as ox

from kg.doc import Claim, Doc, Entity, Evidence, Membership, Relation
from kg.gazetteer import gazetteer
from kg.normalize import fold
from kg.vocab import ELI, ID, KG, OA, ORG, PROV, RDF, RDFS, SCHEMA, SKOS, XSD

VI = "vi"

#: Entity kind → (IRI path segment, rdf:type).
KINDS: dict[str, tuple[str, ox.NamedNode]] = {
    "person": ("person", SCHEMA.Person),
    "organization": ("org", ORG.Organization),
    "place": ("place", SCHEMA.AdministrativeArea),
    "legal_document": ("document", ELI.LegalResource),
    "program": ("program", KG.Program),
    "event": ("event", SCHEMA.Event),
    "country": ("country", SCHEMA.Country),
}

#: Organization type (the `type` prop, from the gazetteer) → kg class under org:Organization.
ORG_TYPES: dict[str, ox.NamedNode] = {
    "government": KG.Government,
    "ministry": KG.Ministry,
    "agency": KG.Agency,
    "committee": KG.Committee,
    "provincial_committee": KG.PeoplesCommittee,
    "peoples_council": KG.PeoplesCouncil,
    "provincial_department": KG.ProvincialDepartment,
    "party_body": KG.PartyBody,
    "legislature": KG.Legislature,
    "company": KG.Company,
    "university": KG.University,
    "hospital": KG.Hospital,
    "association": KG.Association,
    "international_body": KG.InternationalBody,
    "executive_office": KG.ExecutiveOffice,
}

CLAIM_KINDS = {"statement", "assessment", "proposal", "figure", "target"}

#: What an IRI segment keeps of a key: lowercase ASCII letters, digits, "-", "_", and the
#: separators of kg's keys, ":" (a template and its province, "ubnd:quang-ninh") and "@" (a
#: key scoped to a province or an article). Everything else becomes "-".
_NOT_KEPT = re.compile(r"[^a-z0-9_:@-]+")
_MARKS = re.compile(r"[\u0300-\u036f]")


def _canonical(text: str) -> str:
    """A key as kg compares keys: normalized, casefolded, words joined by dashes."""
    return "-".join(fold(text).split())


def segment(canonical: str) -> str:
    """The IRI segment of a canonical key: its ASCII folding (đ → d, tones and marks dropped,
    other characters → "-"), and, whenever the folding lost information, a short digest of
    the exact key ("nguyen-van-hung-1f0b2c9a" for "nguyễn-văn-hùng", another digest for
    "nguyễn-văn-hưng"), so that two keys never share an IRI. An ASCII key is its own
    segment ("bo-tttt", "ubnd:quang-ninh"), so applying it twice changes nothing."""
    ascii_ = _MARKS.sub("", unicodedata.normalize("NFD", canonical.replace("đ", "d")))
    kept = _NOT_KEPT.sub("-", ascii_).strip("-")
    if kept == canonical and kept:
        return kept
    return f"{kept or '_'}-{hashlib.sha1(canonical.encode('utf-8')).hexdigest()[:8]}"


@lru_cache(maxsize=16384)
def slug(text: str) -> str:
    """An IRI path segment for a key: readable ASCII, the same in every run and on every
    machine (see `segment`); the IRI policy is in the README ("Identifiers")."""
    return segment(_canonical(text))


def current_iri(iri: str) -> str:
    """The IRI kg mints today for an IRI minted by an older kg: below kg's namespace every
    path segment is a key's segment, which older versions wrote as the folded key with its
    Vietnamese letters and reserved characters percent-escaped ("nguyễn-văn-hùng",
    "bo-ldtbxh%2Ftổng-cục…"); each becomes `segment` of that key. Today's IRIs come back
    unchanged (see `kg.store`, which rewrites an older store once)."""
    base = ID[""].value
    if not iri.startswith(base):
        return iri
    path, hash_, fragment = iri[len(base):].partition("#")
    parts = [segment(unquote(p)) if p else p for p in path.split("/")]
    return base + "/".join(parts) + hash_ + fragment


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def article_iri(article_id: str) -> ox.NamedNode:
    return ID[f"article/{slug(article_id)}"]


@lru_cache(maxsize=16384)
def entity_iri(kind: str, key: str) -> ox.NamedNode:
    return ID[f"{KINDS[kind][0]}/{slug(key)}"]


def ref_iri(ref: str) -> ox.NamedNode:
    """IRI of a "kind:key" reference (as in `Relation` and `Claim.mentions`)."""
    kind, _, key = ref.partition(":")
    return entity_iri(kind, key)


def role_iri(title: str) -> ox.NamedNode:
    return ID[f"role/{slug(title)}"]


def official_name(kind: str, key: str) -> str | None:
    """The gazetteer's official name of a body ("so-tttt:quang-ninh" → "Sở Thông tin và
    Truyền thông tỉnh Quảng Ninh"), the same in every article; None for other entities.
    Built as the organizations extractor builds a provincial body's name."""
    if kind != "organization":
        return None
    gaz = gazetteer()
    if key in gaz.bodies:
        return gaz.bodies[key].name
    tid, _, pid = key.partition(":")
    tpl, prov = gaz.templates.get(tid), gaz.provinces.get(pid)
    if tpl is None or prov is None or "/" in pid:
        return None
    city = prov.type == "thành phố"
    head = tpl.props.get("name_city") if city and tpl.props.get("name_city") else tpl.name
    unit = "thành phố" if city else "tỉnh"
    return (f"{head} {prov.name}" if head.split(" ")[0] in ("Tỉnh", "Thành")
            else f"{head} {unit} {prov.name}")


def _lit(text: str, lang: str | None = VI) -> ox.Literal:
    return ox.Literal(text, language=lang) if lang else ox.Literal(text)


def _date(value: str) -> ox.Literal:
    return ox.Literal(value, datatype=XSD.date)


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(int(value)), datatype=XSD.integer)


def _bool(value: bool) -> ox.Literal:
    return ox.Literal("true" if value else "false", datatype=XSD.boolean)


class _Writer:
    """Collects the quads of one article graph."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.graph = article_iri(doc.id)
        #: the triples, each made a quad of the graph once, at the end (`distinct_quads`)
        self.triples: list[tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]] = []

    def add(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        self.triples.append((s, p, o))

    def distinct_quads(self) -> list[ox.Quad]:
        """Each quad once (a role held by two people states its type twice, a sentence cited by
        two claims its evidence), so that the store's bulk loader is not handed the same quad
        twice and the count an ingest reports is the count stored. The triples are made quads
        after the repeats are dropped, in the order first stated: a quad costs more to make
        than a tuple of its terms to compare."""
        graph = self.graph
        return [ox.Quad(s, p, o, graph) for s, p, o in dict.fromkeys(self.triples)]

    def evidence(self, ev: Evidence) -> ox.NamedNode:
        """A W3C Web Annotation SpecificResource: the article, a text-position selector and a
        text-quote selector with the sentence."""
        node = ID[f"evidence/{slug(self.doc.id)}/{ev.start}-{ev.end}"]
        pos = ox.NamedNode(node.value + "#position")
        quote = ox.NamedNode(node.value + "#quote")
        self.add(node, RDF.type, OA.SpecificResource)
        self.add(node, OA.hasSource, self.graph)
        self.add(node, OA.hasSelector, pos)
        self.add(node, OA.hasSelector, quote)
        self.add(pos, RDF.type, OA.TextPositionSelector)
        self.add(pos, OA.start, _int(ev.start))
        self.add(pos, OA.end, _int(ev.end))
        self.add(quote, RDF.type, OA.TextQuoteSelector)
        self.add(quote, OA.exact, _lit(ev.sentence))
        return node


def doc_to_quads(doc: Doc, content_hash: str | None = None) -> list[ox.Quad]:
    """All quads of one article, in its named graph."""
    w = _Writer(doc)
    _article(w, content_hash)
    for ent in doc.entities.values():
        _entity(w, ent)
    for m in doc.memberships:
        _membership(w, m)
    for i, c in enumerate(doc.claims):
        _claim(w, c, i)
    for r in doc.relations:
        _relation(w, r)
    return w.distinct_quads()


def _article(w: _Writer, content_hash: str | None) -> None:
    a, art = w.graph, w.doc.article
    w.add(a, RDF.type, SCHEMA.NewsArticle)
    w.add(a, SCHEMA.identifier, _lit(art.id, None))
    if art.title:
        w.add(a, SCHEMA.headline, _lit(art.title))
    if art.url:
        w.add(a, SCHEMA.url, _lit(art.url, None))
    if art.date:
        w.add(a, SCHEMA.datePublished, _date(art.date))
    if art.source:
        w.add(a, SCHEMA.publisher, _lit(art.source, None))
    if art.author:
        w.add(a, SCHEMA.author, _lit(art.author))
    for credit in dict.fromkeys(w.doc.credits):
        w.add(a, SCHEMA.creditText, _lit(credit))
    if content_hash:
        w.add(a, KG.contentHash, _lit(content_hash, None))


def _entity(w: _Writer, ent: Entity) -> None:
    node = entity_iri(ent.kind, ent.key)
    _path, cls = KINDS[ent.kind]
    if not ent.props.get("referenced_only"):  # a parent or an issuer the text does not name
        w.add(w.graph, SCHEMA.mentions, node)
    w.add(node, RDF.type, cls)
    p = ent.props
    if ent.kind in ("place", "event", "country"):
        w.add(node, SCHEMA.name, _lit(ent.name))
    else:  # the canonical name is the corpus pass's (`kg.consolidate`)
        w.add(node, RDFS.label, _lit(ent.name))
        official = official_name(ent.kind, ent.key)
        if official:
            w.add(node, SKOS.prefLabel, _lit(official))
    if ent.kind == "person":
        w.add(node, KG.key, _lit(ent.key, None))
    for alt in sorted(ent.alt_labels):
        w.add(node, KG.altName, _lit(alt))
    if ent.kind == "organization":
        if p.get("type") in ORG_TYPES:
            w.add(node, RDF.type, ORG_TYPES[p["type"]])
        if p.get("parent") and ("organization", p["parent"]) in w.doc.entities:
            # only a parent the graph describes (a generic group dropped as a body is none)
            w.add(node, ORG.subOrganizationOf, entity_iri("organization", p["parent"]))
        if p.get("merged_into"):
            w.add(node, KG.mergedInto, entity_iri("organization", p["merged_into"]))
        if p.get("until"):
            w.add(node, SCHEMA.dissolutionDate, _date(p["until"]))
        if p.get("source"):
            w.add(node, KG.lifecycleSource, _lit(p["source"]))
    elif ent.kind == "place":
        if p.get("code"):
            w.add(node, SCHEMA.identifier, _lit(str(p["code"]), None))
        if p.get("merged_into"):
            w.add(node, KG.mergedInto, entity_iri("place", p["merged_into"]))
    elif ent.kind == "legal_document":
        w.add(node, ELI.id_local, _lit(p.get("number") or ent.name, None))
        if p.get("date"):  # as this article states it; the preferred date is the corpus's
            st = ID[f"statement/{slug(w.doc.id)}/{slug(ent.key)}/date_document"]
            w.add(st, RDF.type, RDF.Statement)
            w.add(st, RDF.subject, node)
            w.add(st, RDF.predicate, ELI.date_document)
            w.add(st, RDF.object, _date(p["date"]))
            w.add(st, PROV.wasDerivedFrom, w.graph)
        if p.get("issuer"):
            w.add(node, ELI.passed_by, entity_iri("organization", p["issuer"]))
        if p.get("doc_type"):
            w.add(node, KG.documentType, _lit(p["doc_type"]))
        if p.get("title"):
            w.add(node, ELI.title, _lit(p["title"]))
    elif ent.kind == "program":
        w.add(node, RDF.type, PROV.Plan)  # the contract's type; kg:Program refines it
        if p.get("program_type"):
            w.add(node, KG.programType, _lit(p["program_type"]))
        for key in ("startYear", "horizonYear", "visionYear"):
            if p.get(key):
                w.add(node, KG[key], ox.Literal(str(p[key]), datatype=XSD.gYear))
    elif ent.kind == "event":
        if p.get("date"):
            w.add(node, SCHEMA.startDate, _date(p["date"]))
    if ent.kind in ("legal_document", "event", "program") and ent.spans:
        s, _e = ent.spans[0]
        ann = ID[f"mention/{slug(w.doc.id)}/{ent.kind}/{slug(ent.key)}"]
        w.add(ann, RDF.type, OA.Annotation)
        w.add(ann, OA.hasBody, node)
        w.add(ann, OA.hasTarget, w.evidence(w.doc.sentence_at(s)))
        w.add(node, KG.mentionedIn, ann)


def membership_iri(person: str, role: str, org: str | None, former: bool,
                   node: str = "") -> ox.NamedNode:
    """A position's IRI: one per person key, title, body and "former", shared by every
    article that states it. `node` is the corpus pass's, for a namesake it sets apart
    (`kg.consolidate`): a position without a body is that person's own, not the namesake's."""
    parts = (person, fold(role), org or "", str(former)) + ((node,) if node else ())
    return ID[f"membership/{_digest(*parts)}"]


def _membership(w: _Writer, m: Membership) -> None:
    node = membership_iri(m.person, m.role, m.org, m.former)
    w.add(node, RDF.type, ORG.Membership)
    w.add(node, ORG.member, entity_iri("person", m.person))
    w.add(node, ORG.role, role_iri(m.role))
    w.add(role_iri(m.role), RDF.type, ORG.Role)
    w.add(role_iri(m.role), RDFS.label, _lit(m.role))  # the canonical title: kg.consolidate
    if m.org:
        w.add(node, ORG.organization, entity_iri(m.org_kind, m.org))
    w.add(node, PROV.wasDerivedFrom, w.graph)
    if w.doc.article.date:
        w.add(node, KG.statedOn, _date(w.doc.article.date))
    if m.former:
        w.add(node, KG.former, _bool(True))
    if m.acting:
        w.add(node, KG.acting, _bool(True))
    w.add(node, KG.evidence, w.evidence(m.evidence))


def _claim(w: _Writer, c: Claim, index: int) -> None:
    node = ID[f"claim/{slug(w.doc.id)}/{c.evidence.start:07d}-{index}"]
    w.add(node, RDF.type, SCHEMA.Claim)
    w.add(node, SCHEMA.author, entity_iri(c.speaker_kind, c.speaker))
    w.add(node, SCHEMA.text, _lit(c.text))
    w.add(node, SCHEMA.appearance, w.graph)
    w.add(node, PROV.wasDerivedFrom, w.graph)
    if c.kind in CLAIM_KINDS:
        w.add(node, KG.claimKind, KG[c.kind.capitalize() + "Claim"])
    if c.quote:
        w.add(node, KG.directQuote, _bool(True))
    if w.doc.article.date:
        w.add(node, SCHEMA.dateCreated, _date(w.doc.article.date))
    for ref in dict.fromkeys(c.mentions):
        kind = ref.partition(":")[0]
        if kind in KINDS:
            w.add(node, SCHEMA.mentions, ref_iri(ref))
    p = c.props
    if p.get("value") is not None:
        w.add(node, KG.value, ox.Literal(str(p["value"]), datatype=XSD.decimal))
    if p.get("unit"):
        w.add(node, KG.unit, _lit(str(p["unit"])))
    if p.get("measure"):
        w.add(node, KG.measure, _lit(str(p["measure"])))
    if p.get("targetYear"):
        w.add(node, KG.targetYear, ox.Literal(str(p["targetYear"]), datatype=XSD.gYear))
    w.add(node, KG.evidence, w.evidence(c.evidence))


def _relation(w: _Writer, r: Relation) -> None:
    s, o = ref_iri(r.subject), ref_iri(r.object)
    w.add(s, KG[r.predicate], o)

