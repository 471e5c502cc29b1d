"""Namespaces of the graph: the standard vocabularies the public contract pins, and kg's own.

See `ontology/kg.ttl` for the classes and properties of the `kg:` namespace, and
`../shared/ONTOLOGY-CONTRACT.md` for the shapes every export keeps.
"""

from __future__ import annotations

import pyoxigraph as ox


class Namespace(str):
    """An IRI prefix; `NS.term` and `NS["term"]` give pyoxigraph NamedNodes.

    Every public name is a term, even where str has a method of that name (ELI.title,
    SCHEMA.text…): use str(NS) for the IRI string itself. Terms are kept on the instance,
    which Python looks in before the class's methods, so that mapping an article, which asks
    for the same few terms hundreds of times, finds each with a plain attribute lookup.
    """

    def __init__(self, iri: str) -> None:
        for name in dir(str):
            if not name.startswith("_"):
                self.__dict__[name] = ox.NamedNode(str.__add__(self, name))

    def __getattr__(self, name: str) -> ox.NamedNode:
        """A term asked for the first time (later lookups find it on the instance)."""
        if name.startswith("_"):
            raise AttributeError(name)
        term = self.__dict__[name] = ox.NamedNode(str.__add__(self, name))
        return term

    def __getitem__(self, name: str) -> ox.NamedNode:  # type: ignore[override]
        return ox.NamedNode(str.__add__(self, name))  # minted IRIs: not worth keeping


RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
OA = Namespace("http://www.w3.org/ns/oa#")
DCT = Namespace("http://purl.org/dc/terms/")
SH = Namespace("http://www.w3.org/ns/shacl#")
#: kg's own ontology terms.
KG = Namespace("https://w3id.org/vnkg/ontology#")
#: Base of the IRIs kg mints for entities, articles and their named graphs.
ID = Namespace("https://w3id.org/vnkg/id/")

PREFIXES: dict[str, str] = {
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "schema": str(SCHEMA),
    "org": str(ORG),
    "eli": str(ELI),
    "prov": str(PROV),
    "skos": str(SKOS),
    "oa": str(OA),
    "dct": str(DCT),
    "kg": str(KG),
}


def sparql_prefixes() -> str:
    """The PREFIX lines every query in kg may rely on."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
