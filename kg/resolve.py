"""Resolve entities within an article and across articles.

Within an article, short references ("ông Hùng", "Thứ trưởng Dũng") are already folded into
the full name given elsewhere (the people extractor does this while it reads).

Across articles an entity's key is its identity: one node per person name, body, province and
document number. Namesakes are the exception for people: a person whose every position in an
article is in one province's bodies (a Giám đốc Sở, a Chủ tịch UBND tỉnh) is that province's
official, and gets a key scoped to the province ("nguyễn văn a@quang-ninh"). So the Giám đốc
Sở Y tế of Quảng Ninh and a namesake who chairs Đà Nẵng's committee are two nodes, while a
national official is one node across every article that names them, with or without a title.
The same holds for a town's officials (the town), for people without a post in a named body
whom the article places in a field (a footballer in a line-up: "@the-thao"), and for private
individuals ("anh …", "bị can …": the birth year the article gives, else the article); see
`_person_scope` and `data/lexicon/person_scope.json`, and `benchmarks/identity.py` for how
well it does.

A body named only by what it does ("Ban tổ chức", "Hội đồng quản trị", "Ban Chỉ đạo quốc gia"
without its subject; `data/lexicon/generic_bodies.json`) is every event's, company's or
province's own: without a parent in the article it gets a key scoped to the article
("ban tổ chức@<article id>"), so that 22 unrelated organizing committees are not one node; a
body every province has one of (a CDC) is the article's province's. With a parent ("Cục CNTT,
Bộ Y tế") its key is already the parent's.

A short name the article gives beside a fuller one ("Putin" and "Vladimir Putin", each found
after a title) is the fuller one when the article names exactly one person whose name ends with
it (`short_name_targets`): so one article never holds two keys that the corpus pass
(`kg.consolidate`) might later join or part, and an article graph's person nodes stay
one key each.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache, lru_cache

from kg import DATA_DIR
from kg.doc import Doc
from kg.normalize import fold

_PROVINCE_IN_KEY = re.compile(r"^[a-z0-9-]+:(?P<province>[a-z0-9-]+)(?:/|$)")


def province_of(org_key: str | None) -> str | None:
    """The province a provincial body belongs to ("so-tttt:quang-ninh" → "quang-ninh")."""
    if not org_key:
        return None
    m = _PROVINCE_IN_KEY.match(org_key)
    return m.group("province") if m else None


@lru_cache(maxsize=65536)
def name_tokens(key: str) -> tuple[tuple[str, ...], str]:
    """A person key as its name's words (case, hyphens and spacing folded: "Kim Jong-un" and
    "kim jong un" are one name) and its scope (the province after "@", or "")."""
    name, _, scope = key.partition("@")
    return tuple(fold(name).replace("-", " ").split()), scope


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    """Vietnamese family names, folded (`data/lexicon/surnames.json`; read alone, since the
    corpus pass runs where the whole gazetteer is not loaded)."""
    raw = json.loads((DATA_DIR / "lexicon" / "surnames.json").read_text(encoding="utf-8"))
    return frozenset(fold(n) for n in raw["surnames"])


def _partial_of(short: tuple[str, ...], full: tuple[str, ...], surnames: frozenset[str]) -> bool:
    """Is `short` a short form of the longer name `full` that ends with it? One word is (a
    surname alone, "Putin"; a given name alone, "Quế"). Two words are when they are a
    Vietnamese given name without its family name ("Thanh Trà" of "Phạm Thị Thanh Trà": the
    short form does not start with a family name, the full one does, one or two words before
    it). Anything else is a full name in its own right ("Nguyễn Minh Quang" is not "Lê Nguyễn
    Minh Quang", "Serena Williams" not a run of words that happens to end with hers)."""
    if len(short) == 1:
        return True
    return (len(short) == 2 and short[0] not in surnames and full[0] in surnames
            and len(full) - len(short) <= 2)


def short_name_targets(keys: Iterable[str]) -> dict[str, str]:
    """Key → the key it is one name with, for the keys that join another.

    Keys whose words are the same (case, hyphens, spacing) are one name: each joins the
    smallest of them (in code point order). A short name whose words end another name of the
    same scope ("putin" → "vladimir putin", "thanh trà" → "phạm thị thanh trà"; see
    `_partial_of` for what counts as short) joins it when exactly one such longer name is
    among `keys`, through that name's own target; with two candidates or more it stays apart.
    Two spellings of one foreign name are one name (`_spelling_variants`).
    The result depends on the set of keys only, never on their order."""
    groups: dict[tuple[tuple[str, ...], str], list[str]] = {}
    for k in set(keys):
        words, scope = name_tokens(k)
        if words:
            groups.setdefault((words, scope), []).append(k)
    rep = {sig: min(ks) for sig, ks in groups.items()}
    by_last: dict[tuple[str, str], list[tuple[tuple[str, ...], str]]] = {}
    for sig in rep:
        by_last.setdefault((sig[0][-1], sig[1]), []).append(sig)
    surnames = _surnames()
    joins: dict[tuple[tuple[str, ...], str], tuple[tuple[str, ...], str]] = {}
    for sig in rep:
        words, scope = sig
        longer = [o for o in by_last[(words[-1], scope)]
                  if len(o[0]) > len(words) and o[0][-len(words):] == words]
        if len(longer) == 1 and _partial_of(words, longer[0][0], surnames):
            joins[sig] = longer[0]

    variant = _spelling_variants(rep)

    def final(sig: tuple[tuple[str, ...], str]) -> tuple[tuple[str, ...], str]:
        while sig in joins:  # each step is a longer name: no cycle
            sig = joins[sig]
        return variant.get(sig, sig)

    out: dict[str, str] = {}
    for sig, ks in groups.items():
        target = rep[final(sig)]
        for k in ks:
            if k != target:
                out[k] = target
    return out


Sig = tuple[tuple[str, ...], str]


def _similar_words(a: str, b: str) -> bool:
    """Two spellings of one foreign word: "zelenskiy"/"zelensky", "alexander"/"aleksander"
    (the same first letter, at most two edits, a word of five letters or more)."""
    if a == b:
        return True
    if a[0] != b[0] or min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 2:
        return False
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1] <= 2


def _spelling_variants(rep: dict[Sig, str]) -> dict[Sig, Sig]:
    """Full foreign names (Latin letters only, two words or more) that are one name written
    two ways: the same words in another order ("suga yoshihide"/"yoshihide suga"), or word for
    word the same but for a transliteration of one ("volodymyr zelenskiy"/"volodymyr
    zelensky"), at least one word equal. Each joins the one of its group whose key is smallest;
    the groups depend on the set of names only."""
    foreign = [sig for sig in rep if len(sig[0]) >= 2 and all(w.isascii() for w in sig[0])]
    parent: dict[Sig, Sig] = {sig: sig for sig in foreign}

    def root(sig: Sig) -> Sig:
        while parent[sig] != sig:
            sig = parent[sig]
        return sig

    def union(a: Sig, b: Sig) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            keep, drop = (ra, rb) if rep[ra] <= rep[rb] else (rb, ra)
            parent[drop] = keep

    buckets: dict[tuple, list[Sig]] = {}
    for sig in foreign:
        words, scope = sig
        buckets.setdefault(("order", tuple(sorted(words)), scope), []).append(sig)
        for i, w in enumerate(words):
            buckets.setdefault(("word", len(words), i, w, scope), []).append(sig)
    for key, sigs in buckets.items():
        if len(sigs) < 2 or len(sigs) > 50:  # a word every second name shares says nothing
            continue
        sigs = sorted(sigs, key=lambda s: rep[s])
        for i, a in enumerate(sigs):
            for b in sigs[i + 1:]:
                if key[0] == "order" or all(map(_similar_words, a[0], b[0])):
                    union(a, b)
    return {sig: root(sig) for sig in foreign if root(sig) != sig}


def resolve(doc: Doc) -> Doc:
    """Pipeline stage: settle entity keys so that the RDF mapper can mint IRIs from them."""
    people = [p.key for p in doc.of_kind("person")]
    if len(people) > 1:
        joined = short_name_targets(people)
        if joined:
            _join_people(doc, joined)
    renames: dict[str, str] = {}
    for person in doc.of_kind("person"):
        scope = _person_scope(doc, person.key)
        if scope:
            renames[person.key] = f"{person.key}@{scope}"
    if renames:
        _rename_people(doc, renames)
    bodies = {
        ent.key: f"{ent.key}@{_generic_scope(doc, ent.name)}" for ent in doc.of_kind("organization")
        if not ent.props.get("parent") and "@" not in ent.key and is_generic_body(ent.name)
    }
    if bodies:
        _rename_bodies(doc, bodies)
    return doc


@cache
def _generic_re() -> re.Pattern[str]:
    """`heads` then `qualifiers` of `data/lexicon/generic_bodies.json`, on folded names."""
    data = json.loads(DATA_DIR.joinpath("lexicon", "generic_bodies.json").read_text("utf-8"))

    def alt(words: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    return re.compile(
        rf"(?:{alt(data['heads'])})(?P<national>(?: (?:{alt(data['national'])}))*)"
        rf"(?P<subject>(?: (?:{alt(data['qualifiers'])}))*)"
    )


def is_generic_body(name: str) -> bool:
    """A body's name that says only what it does ("Ban tổ chức", "Ban Chỉ đạo phòng, chống
    dịch", "Ban Chỉ đạo quốc gia"), not whose it is; a national word with a subject
    ("Ban Chỉ đạo quốc gia phòng, chống dịch Covid-19") names the one national body."""
    m = _generic_re().fullmatch(" ".join(fold(name).replace(",", " ").split()))
    return m is not None and not (m.group("national") and m.group("subject"))


@cache
def _provincial_heads() -> tuple[str, ...]:
    data = json.loads(DATA_DIR.joinpath("lexicon", "generic_bodies.json").read_text("utf-8"))
    return tuple(data["provincial_heads"])


def _generic_scope(doc: Doc, name: str) -> str:
    """Where a body named by its function belongs: the article's province for a body every
    province has one of (a CDC), when the article is about a province; else the article."""
    from kg.extract.places import main_place

    if fold(name).startswith(_provincial_heads()):
        province = main_place(doc)
        if province:
            return province
    return fold(doc.id)


def _rename_bodies(doc: Doc, renames: dict[str, str]) -> None:
    """Give bodies new keys everywhere the article refers to them."""
    def ref(r: str) -> str:
        kind, _, key = r.partition(":")
        return f"organization:{renames[key]}" if kind == "organization" and key in renames else r

    for old, new in renames.items():
        ent = doc.entities.pop(("organization", old))
        ent.key = new
        doc.entities[("organization", new)] = ent
    for ent in doc.entities.values():
        for prop in ("parent", "merged_into", "issuer"):
            if ent.props.get(prop) in renames:
                ent.props[prop] = renames[ent.props[prop]]
    doc.mentions = [
        type(m)(m.start, m.end, m.kind, renames[m.key])
        if m.kind == "organization" and m.key in renames else m
        for m in doc.mentions
    ]
    for ms in doc.memberships:
        if ms.org_kind == "organization" and ms.org in renames:
            ms.org = renames[ms.org]
    for c in doc.claims:
        if c.speaker_kind == "organization" and c.speaker in renames:
            c.speaker = renames[c.speaker]
        c.mentions = [ref(r) for r in c.mentions]
    for r in doc.relations:
        r.subject, r.object = ref(r.subject), ref(r.object)


@cache
def _scope_lists() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """`data/lexicon/person_scope.json`: the words before a private individual's name, and a
    birth year after it."""
    data = json.loads(DATA_DIR.joinpath("lexicon", "person_scope.json").read_text("utf-8"))
    words = "|".join(re.escape(w) for w in sorted(data["private_before"], key=len, reverse=True))
    return re.compile(rf"(?:^|[\s(,:;\"“])(?:{words})\s+$"), re.compile(data["birth_year_after"])


_NATIONAL_TYPES = {"government", "ministry", "legislature"}
_NATIONAL_WORDS = re.compile(r"\b(?:trung ương|quốc gia|việt nam|chính phủ|quốc hội)\b|^bộ ")


#: A district's or a commune's body: "UBND thành phố Phú Quốc", "Chủ tịch phường Mường Thanh".
_LOCAL_UNIT = re.compile(r"\b(?:huyện|quận|thị xã|thành phố|TP|xã|phường|thị trấn)\.? (?=[A-ZĐ])")
_TP = re.compile(r"^TP\.? ")


def _national(doc: Doc, key: str) -> bool:
    """A body of the state or the party at national level (a ministry and its departments, a
    central commission), whose officials are one person across articles."""
    from kg.gazetteer import gazetteer  # loaded once, by the extractors

    gaz = gazetteer()
    if key in gaz.bodies or key.split("/", 1)[0] in gaz.bodies:
        return True
    ent = doc.entities.get(("organization", key))
    if ent is None:
        return False
    if ent.props.get("parent") in gaz.bodies and gaz.bodies[ent.props["parent"]].type in (
        _NATIONAL_TYPES | {"party_body", "committee"}
    ):
        return True
    return ent.props.get("type") in _NATIONAL_TYPES and province_of(key) is None or bool(
        _NATIONAL_WORDS.search(fold(ent.name))
    )


def _body_place(doc: Doc, key: str) -> str | None:
    """Where a body's staff belong, for telling namesakes apart: its province, from its key
    ("so-tttt:quang-ninh") or a province its name ends with ("Trung tâm Kiểm soát bệnh tật
    tỉnh Hà Tĩnh", "CDC Hà Tĩnh"); for a district's or a commune's body, that town or
    district ("UBND thị xã Cửa Lò" → "thị xã cửa lò"; not the province in its key, which is
    the one the extractor assumes, the article's); else None."""
    from kg.gazetteer import gazetteer  # loaded once, by the extractors

    found = province_of(key)
    if found:
        return found
    gaz = gazetteer()
    ent = doc.entities.get(("organization", key))
    if ent is not None:
        for m in gaz.place_re.finditer(ent.name):
            if m.end() == len(ent.name) and m.group(0) in gaz.place_by_label:
                return gaz.place_by_label[m.group(0)]
    if ent is not None and (unit := _LOCAL_UNIT.search(ent.name)):
        # "UBND thành phố Phú Quốc", "Phòng Giáo dục quận Hai Bà Trưng": the town or district
        return fold(_TP.sub("thành phố", ent.name[unit.start() :]))
    return None


@cache
def _fields() -> list[tuple[str, re.Pattern[str] | None, re.Pattern[str] | None]]:
    """`fields` of `data/lexicon/person_scope.json`: (name, words of its sentences, words right
    before a name)."""
    from kg.gazetteer import alternation  # as `_national` does: the module, not its data

    data = json.loads(DATA_DIR.joinpath("lexicon", "person_scope.json").read_text("utf-8"))

    def alt(words: list[str], tail: str) -> re.Pattern[str] | None:
        if not words:
            return None
        # a trie whose first letters `re` skips to (a look-behind first: tried at every position)
        body = alternation(words, bounded=False, not_after=r"\w")
        return re.compile(rf"(?:{body}){tail}")

    return [(name, alt(f["sentence"], r"(?!\w)"), alt(f["before"], r"\s+$"))
            for name, f in data["fields"].items()]


def _field(doc: Doc, spans: list[tuple[int, int]]) -> str | None:
    """The field (sport, teaching) the sentences naming a person place them in, or None."""
    sentences = [doc.sentence_at(s) for s, _e in spans]  # once, not once per field
    for name, sentence, before in _fields():
        for (s, _e), ev in zip(spans, sentences, strict=True):
            if sentence is not None and sentence.search(doc.text, ev.start, ev.end) or (
                before is not None and before.search(doc.text, max(0, s - 16), s)
            ):
                return name
    return None


def _person_scope(doc: Doc, key: str) -> str | None:
    """What tells this person apart from namesakes in other articles, or None (a name that is
    one person across articles).

    - every position in bodies of one province (or one town), none national: that province
      (the director of Hà Tĩnh's CDC and a namesake in Quảng Bình are two people);
    - no post in a named body, named in a field's sentences (a line-up, a match) or after its
      words ("thầy …"): that field (`fields` in `data/lexicon/person_scope.json`);
    - no position, named as a private individual ("anh …", "bị can …", "em …"): the birth
      year the article gives ("(SN 1969)"), else the article;
    - else None: a national official, or a public figure named the same way everywhere.

    Scoping people to any body (a company, a school) was measured and left out: it kept a few
    more namesakes apart, and split many more people named with their body in one article and
    without it in another (`benchmarks/identity.py`).
    """
    held = [m for m in doc.memberships if m.person == key]
    bodies = [m.org for m in held if m.org and m.org_kind == "organization"]
    if bodies:
        if any(_national(doc, b) for b in bodies):
            return None
        provinces = {_body_place(doc, b) for b in bodies}
        return provinces.pop() if len(provinces) == 1 else None
    spans = [(m.start, m.end) for m in doc.mentions if m.kind == "person" and m.key == key]
    field = _field(doc, spans)
    if held or field:
        return field  # a title without a body ("HLV", "Hiệu trưởng") says no more than that
    private, born = _scope_lists()
    for _s, e in spans:
        year = born.match(doc.text, e)
        if year:
            return year.group(1)
    first = min(spans, default=None)  # how the article introduces the person
    if first and private.search(doc.text, max(0, first[0] - 24), first[0]):
        return fold(doc.id)
    return None


def _join_people(doc: Doc, joined: dict[str, str]) -> None:
    """Fold the people of `joined` into the ones they join: names, spans and props merged
    into the target, every reference renamed."""
    for old, new in sorted(joined.items()):
        ent = doc.entities.pop(("person", old))
        target = doc.entities[("person", new)]
        if ent.name != target.name:
            target.alt_labels.add(ent.name)
        target.alt_labels.update(a for a in ent.alt_labels if a != target.name)
        for span in ent.spans:
            target.add_span(span)
        for k, v in ent.props.items():
            target.props.setdefault(k, v)
    _rename_refs(doc, joined)


def _rename_people(doc: Doc, renames: dict[str, str]) -> None:
    for old, new in renames.items():
        ent = doc.entities.pop(("person", old))
        ent.key = new
        doc.entities[("person", new)] = ent
    _rename_refs(doc, renames)


def _rename_refs(doc: Doc, renames: dict[str, str]) -> None:
    doc.mentions = [
        type(m)(m.start, m.end, m.kind, renames.get(m.key, m.key)) if m.kind == "person" else m
        for m in doc.mentions
    ]
    for ms in doc.memberships:
        ms.person = renames.get(ms.person, ms.person)
    for c in doc.claims:
        if c.speaker_kind == "person":
            c.speaker = renames.get(c.speaker, c.speaker)
        c.mentions = [
            f"person:{renames.get(r[7:], r[7:])}" if r.startswith("person:") else r
            for r in c.mentions
        ]
    for r in doc.relations:
        for attr in ("subject", "object"):
            ref = getattr(r, attr)
            if ref.startswith("person:"):
                setattr(r, attr, f"person:{renames.get(ref[7:], ref[7:])}")
