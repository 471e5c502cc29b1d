"""Resolve entities within an article and across articles.

Within an article, short references ("ông Hùng", "Thứ trưởng Dũng") are already folded into
the full name given elsewhere (the people extractor does this while it reads).

Across articles an entity's key is its identity: one node per person name, body, province and
document number. Namesakes are the exception for people: a person whose every position in an
article is in one province's bodies (a Giám đốc Sở, a Chủ tịch UBND tỉnh) is that province's
official, and gets a key scoped to the province ("nguyễn văn a@quang-ninh"). So the Giám đốc
Sở Y tế of Quảng Ninh and a namesake who chairs Đà Nẵng's committee are two nodes, while a
national official is one node across every article that names them, with or without a title.

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
from functools import lru_cache

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

    def final(sig: tuple[tuple[str, ...], str]) -> tuple[tuple[str, ...], str]:
        while sig in joins:  # each step is a longer name: no cycle
            sig = joins[sig]
        return sig

    out: dict[str, str] = {}
    for sig, ks in groups.items():
        target = rep[final(sig)]
        for k in ks:
            if k != target:
                out[k] = target
    return out


def resolve(doc: Doc) -> Doc:
    """Pipeline stage: settle entity keys so that the RDF mapper can mint IRIs from them."""
    people = [p.key for p in doc.of_kind("person")]
    if len(people) > 1:
        joined = short_name_targets(people)
        if joined:
            _join_people(doc, joined)
    renames: dict[str, str] = {}
    for person in doc.of_kind("person"):
        held = [m for m in doc.memberships if m.person == person.key]
        provinces = {province_of(m.org) for m in held}
        if held and len(provinces) == 1 and None not in provinces:
            renames[person.key] = f"{person.key}@{provinces.pop()}"
    if renames:
        _rename_people(doc, renames)
    return doc


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
