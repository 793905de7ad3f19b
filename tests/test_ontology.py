"""ontology.ttl parses and matches graph/vocab.py and graph/data/functions.csv."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from graph.resources import data_path, functions
from graph.vocab import CG, ONTOLOGY_IRI, OWL, PROV, RDF, RDFS, SKOS

ROOT = Path(__file__).parent.parent
NS = str(CG._NS)
DECLARING = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual,
             SKOS.ConceptScheme}


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ROOT / "ontology.ttl", format="turtle")


def _vocab_terms() -> set[str]:
    return {NS + name for name in CG.__annotations__}


def _declared(g: Graph) -> set[str]:
    return {str(s) for t in DECLARING for s in g.subjects(RDF.type, t)
            if isinstance(s, URIRef) and str(s).startswith(NS)}


def test_packaged_copy_is_the_top_level_file():
    assert data_path("ontology.ttl").read_bytes() == (ROOT / "ontology.ttl").read_bytes()


def test_ontology_header(onto):
    assert (URIRef(ONTOLOGY_IRI), RDF.type, OWL.Ontology) in onto


def test_every_vocab_term_is_declared_and_nothing_else(onto):
    fn_ids = {NS + i for i in functions()}
    assert not fn_ids & _vocab_terms()
    assert _declared(onto) == _vocab_terms() | fn_ids


def test_no_undeclared_cg_term_is_used(onto):
    used = {str(t) for triple in onto for t in triple
            if isinstance(t, URIRef) and str(t).startswith(NS)}
    assert used <= _declared(onto)


def test_every_vocab_term_has_zh_en_labels_and_definition(onto):
    for term in sorted(_vocab_terms()):
        node = URIRef(term)
        langs = {lit.language for lit in onto.objects(node, RDFS.label)}
        assert {"zh", "en"} <= langs, term
        defs = [d for d in onto.objects(node, SKOS.definition) if d.language == "en"]
        assert defs, term


def test_classes_have_labels(onto):
    classes = [c for c in onto.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)]
    assert len(classes) > 40
    for c in classes:
        assert {lit.language for lit in onto.objects(c, RDFS.label)} >= {"zh", "en"}, c


@pytest.mark.parametrize("child,parent", [
    ("District", "Region"), ("CooperationZone", "Zone"), ("Zone", "Region"),
    ("ReverseEnclave", "Enclave"), ("Enclave", "Park"), ("Bridge", "Infrastructure"),
    ("Hospital", "Institution"), ("FunctionSplit", "CooperationFact"),
    ("UpstreamFunction", "Function"),
])
def test_hierarchy(onto, child, parent):
    assert (CG[child], RDFS.subClassOf, CG[parent]) in onto


def test_provenance_classes_are_prov_entities(onto):
    for name in ("CooperationFact", "Document", "EvidenceSentence"):
        assert (CG[name], RDFS.subClassOf, PROV.Entity) in onto


def test_property_characteristics(onto):
    assert (CG.twinnedWith, RDF.type, OWL.SymmetricProperty) in onto
    assert (CG.partOf, RDF.type, OWL.TransitiveProperty) in onto
    assert (CG.partOf, RDFS.domain, CG.Region) in onto
    assert (CG.evidence, RDFS.range, CG.EvidenceSentence) in onto
    props = set(onto.subjects(RDF.type, OWL.ObjectProperty)) | set(
        onto.subjects(RDF.type, OWL.DatatypeProperty))
    for p in props:
        has = set(onto.objects(p, RDFS.domain)) | set(onto.objects(p, RDFS.range))
        assert has, f"{p} has neither domain nor range"


def test_functions_match_csv(onto):
    for fn_id, row in functions().items():
        node = CG._NS[fn_id]
        role = CG.UpstreamFunction if row["role"] == "upstream" else CG.DownstreamFunction
        assert (node, RDF.type, role) in onto
        assert (node, RDF.type, SKOS.Concept) in onto
        assert (node, SKOS.inScheme, CG.FunctionScheme) in onto
        assert (node, SKOS.prefLabel, Literal(row["zh"], lang="zh")) in onto
        assert (node, SKOS.prefLabel, Literal(row["en"], lang="en")) in onto


def test_status_individuals(onto):
    for name in ("Planned", "UnderConstruction", "Completed"):
        assert (CG[name], RDF.type, CG.Status) in onto
