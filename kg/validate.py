"""Check the graph against the SHACL shapes in `ontology/shapes.ttl` (pyshacl).

The union graph goes through rdflib, the interchange API that pyshacl reads. The SKOS integrity
shapes (one `skos:prefLabel` per language, never also an `skos:altLabel`, one on every body,
title, document, program and place) are SHACL-SPARQL shapes marked `kgsh:runInStore`: any
SHACL engine runs them from `shapes.ttl` as they are, but kg deactivates them for pyshacl and
runs their queries through the store's own engine (`skos_violations`), which answers them in
about a second on a year of news where rdflib would take minutes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import rdflib
from pyshacl import validate as shacl_validate

from kg import ONTOLOGY_DIR
from kg.store import Store

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
KGSH = rdflib.Namespace("https://w3id.org/vnkg/shapes#")


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
    for shape in list(shapes.subjects(KGSH.runInStore, rdflib.Literal(True))):
        shapes.add((shape, SH.deactivated, rdflib.Literal(True)))  # run by skos_violations
    _conforms, report, _text = shacl_validate(
        union_graph(store), shacl_graph=shapes, ont_graph=ontology, inference="none"
    )
    out = skos_violations(store)
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        msg = report.value(result, SH.resultMessage)
        out.append(Violation(str(focus), _short(path), str(msg)))
    return sorted(out, key=str)


# -- SKOS integrity, through the store's SPARQL engine ------------------------------------

def native_checks(shapes: rdflib.Graph) -> list[tuple[str, str, str]]:
    """(shape, message, SELECT query) of each SHACL-SPARQL shape marked `kgsh:runInStore`: the
    checks `kg validate` runs through the store rather than through pyshacl."""
    out = []
    for shape in shapes.subjects(KGSH.runInStore, rdflib.Literal(True)):
        for constraint in shapes.objects(shape, SH.sparql):
            select = shapes.value(constraint, SH.select)
            message = shapes.value(constraint, SH.message)
            if select is not None:
                out.append((str(shape), str(message or shape), str(select)))
    return sorted(out)


def skos_violations(store: Store, shapes: rdflib.Graph | None = None) -> list[Violation]:
    """The violations of the natively run shapes (`native_checks`), from the store's union."""
    if shapes is None:
        shapes = rdflib.Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")
    out = []
    for _shape, message, select in native_checks(shapes):
        for row in store.query(select):
            value, path = row["value"], row["path"]  # None where a query has no such column
            text = message.replace("{?value}", f'"{value.value}"' if value is not None else "-")
            out.append(Violation(row["this"].value, _short(path.value if path else None), text))
    return out


def _short(node: object) -> str:
    s = str(node) if node is not None else "-"
    for prefix, ns in (("schema:", "https://schema.org/"), ("org:", "http://www.w3.org/ns/org#"),
                       ("eli:", "http://data.europa.eu/eli/ontology#"),
                       ("skos:", "http://www.w3.org/2004/02/skos/core#")):
        if s.startswith(ns):
            return prefix + s[len(ns):]
    return s
