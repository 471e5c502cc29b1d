"""The pipeline a newcomer reads first: read → normalize → extract → resolve → map to RDF.

`build_doc` runs the text stages on one article; `article_quads` adds the RDF mapping. Storing
is `kg.store`'s job; the CLI (`kg.cli`) wires it all together.
"""

from __future__ import annotations

from kg.doc import Article, Doc
from kg.extract import extract
from kg.normalize import normalize
from kg.resolve import resolve


def build_doc(article: Article) -> Doc:
    """normalize → extract → resolve, for one article."""
    return resolve(extract(normalize(article)))
