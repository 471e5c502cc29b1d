"""kg: Vietnamese news and government text to a knowledge graph.

The pipeline, one module a stage:

    read → normalize → extract → resolve → rdf (map) → store → query / viz / export

`kg.pipeline.build_doc` runs the first four stages on one article; `kg.rdf.doc_to_quads`
maps the result to RDF; `kg.store` keeps it on disk, one named graph per article.
"""

from pathlib import Path

__version__ = "0.1.0"

#: The repository root, where `data/` and `ontology/` live (the package is installed editable).
ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
ONTOLOGY_DIR = ROOT / "ontology"
