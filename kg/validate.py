"""Check the graph against the SHACL shapes in `ontology/shapes.ttl` (pyshacl).

The union graph goes through rdflib, the interchange API that pyshacl reads.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import rdflib
from pyshacl import validate as shacl_validate

from kg import ONTOLOGY_DIR
from kg.store import Store

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


@dataclass
class Violation:
    focus: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.focus}: {self.path}: {self.message}"


def union_graph(store: Store) -> rdflib.Graph:
    buf = io.BytesIO()
    store.export(buf, "nt")
    g = rdflib.Graph()
    g.parse(data=buf.getvalue().decode("utf-8"), format="nt")
    return g


def validate(store: Store) -> list[Violation]:
    """SHACL violations of the store's union graph (empty when it conforms)."""
    shapes = rdflib.Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")
    ontology = rdflib.Graph().parse(ONTOLOGY_DIR / "kg.ttl", format="turtle")
    _conforms, report, _text = shacl_validate(
        union_graph(store), shacl_graph=shapes, ont_graph=ontology, inference="none"
    )
    out = []
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        msg = report.value(result, SH.resultMessage)
        out.append(Violation(str(focus), _short(path), str(msg)))
    return sorted(out, key=str)


def _short(node: object) -> str:
    s = str(node) if node is not None else "-"
    for prefix, ns in (("schema:", "https://schema.org/"), ("org:", "http://www.w3.org/ns/org#"),
                       ("eli:", "http://data.europa.eu/eli/ontology#"),
                       ("skos:", "http://www.w3.org/2004/02/skos/core#")):
        if s.startswith(ns):
            return prefix + s[len(ns):]
    return s
