"""The prefixes of coopgraph's vocabularies (plain strings: importing this is free).

Offered to every SPARQL query and written in Turtle/TriG/JSON-LD files; a test checks
them against the rdflib namespaces of :mod:`graph.vocab`.
"""
from __future__ import annotations

PREFIXES: dict[str, str] = {
    "cg": "https://w3id.org/coopgraph/ontology#",
    "dcterms": "http://purl.org/dc/terms/",
    "geo": "http://www.opengis.net/ont/geosparql#",
    "id": "https://w3id.org/coopgraph/id/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "wgs84": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

__all__ = ["PREFIXES"]
