"""Resolve entities within an article and across articles.

Within an article, short references ("ông Hùng", "Thứ trưởng Dũng") are already folded into
the full name given elsewhere (the people extractor does this while it reads).

Across articles an entity's key is its identity: one node per person name, body, province and
document number. Namesakes are the exception for people: a person whose every position in an
article is in one province's bodies (a Giám đốc Sở, a Chủ tịch UBND tỉnh) is that province's
official, and gets a key scoped to the province ("nguyễn văn a@quang-ninh"). So the Giám đốc
Sở Y tế of Quảng Ninh and a namesake who chairs Đà Nẵng's committee are two nodes, while a
national official is one node across every article that names them, with or without a title.
"""

from __future__ import annotations

import re

from kg.doc import Doc

_PROVINCE_IN_KEY = re.compile(r"^[a-z0-9-]+:(?P<province>[a-z0-9-]+)(?:/|$)")


def province_of(org_key: str | None) -> str | None:
    """The province a provincial body belongs to ("so-tttt:quang-ninh" → "quang-ninh")."""
    if not org_key:
        return None
    m = _PROVINCE_IN_KEY.match(org_key)
    return m.group("province") if m else None


def resolve(doc: Doc) -> Doc:
    """Pipeline stage: settle entity keys so that the RDF mapper can mint IRIs from them."""
    renames: dict[str, str] = {}
    for person in doc.of_kind("person"):
        held = [m for m in doc.memberships if m.person == person.key]
        provinces = {province_of(m.org) for m in held}
        if held and len(provinces) == 1 and None not in provinces:
            renames[person.key] = f"{person.key}@{provinces.pop()}"
    if renames:
        _rename_people(doc, renames)
    return doc


def _rename_people(doc: Doc, renames: dict[str, str]) -> None:
    for old, new in renames.items():
        ent = doc.entities.pop(("person", old))
        ent.key = new
        doc.entities[("person", new)] = ent
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
