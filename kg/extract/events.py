"""Extract events from a Doc (first cut: to be written)."""

from __future__ import annotations

from kg.doc import Doc


def extract(doc: Doc) -> None:
    """Add events found in the content sentences of `doc`."""
    return None
