"""Extractors: small named components, each a callable over a `Doc` that adds one kind of fact.

They run in order, and later ones read what earlier ones found: positions need people and
organizations; claims need people to resolve speakers; events need claims' sentences...

    places → organizations → people → positions → legal → programs → document_relations →
    claims → events

Entity keys (`Entity.key`) are the identity of an entity across articles:

- person: the full name, folded (`kg.normalize.fold`): "nguyễn mạnh hùng"
- organization: the gazetteer id (`data/gazetteer/organizations.json`) or the folded
  canonical name of a body found by pattern
- place: the province's gazetteer id (`data/gazetteer/provinces.json`)
- legal_document: the document number, normalized (`kg.extract.legal.normalize_number`)
- program: the folded canonical name
- event: the article id and the folded name
"""

from __future__ import annotations

from collections.abc import Callable

from kg.doc import Doc
from kg.extract import (
    claims,
    document_relations,
    events,
    legal,
    organizations,
    people,
    places,
    positions,
    programs,
)

Component = Callable[[Doc], None]

#: The extraction pipeline, in order: (name, component).
COMPONENTS: list[tuple[str, Component]] = [
    ("places", places.extract),
    ("organizations", organizations.extract),
    ("people", people.extract),
    ("positions", positions.extract),
    ("legal", legal.extract),
    ("programs", programs.extract),
    ("document_relations", document_relations.extract),
    ("claims", claims.extract),
    ("events", events.extract),
]


def extract(doc: Doc) -> Doc:
    """Run every component over `doc`."""
    for _name, component in COMPONENTS:
        component(doc)
    return doc
