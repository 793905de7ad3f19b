"""RDF namespaces. ``CG`` mirrors ``ontology.ttl``: a misspelt term raises.

``tests/test_ontology.py`` checks that every term listed here is declared in the ontology
and the other way round.
"""
from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace
from rdflib.term import URIRef

ONTOLOGY_IRI = "https://w3id.org/coopgraph/ontology"
ID = Namespace("https://w3id.org/coopgraph/id/")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
GSP = Namespace("http://www.opengis.net/ont/geosparql#")


class CG(DefinedNamespace):
    """The coopgraph ontology (``ontology.ttl``)."""

    _fail = True
    _NS = Namespace(ONTOLOGY_IRI + "#")

    # --- entity classes -------------------------------------------------------------
    Region: URIRef
    Province: URIRef
    City: URIRef
    Country: URIRef
    District: URIRef
    County: URIRef
    Town: URIRef
    SpecialAdministrativeRegion: URIRef
    Zone: URIRef
    CooperationZone: URIRef
    DevelopmentZone: URIRef
    NewArea: URIRef
    FunctionalArea: URIRef
    Park: URIRef
    IndustrialPark: URIRef
    ScienceCity: URIRef
    CoBuiltPark: URIRef
    Enclave: URIRef
    ReverseEnclave: URIRef
    BondedZone: URIRef
    Incubator: URIRef
    InnovationCentre: URIRef
    Enterprise: URIRef
    Infrastructure: URIRef
    Bridge: URIRef
    Railway: URIRef
    Airport: URIRef
    Port: URIRef
    Road: URIRef
    Station: URIRef
    Checkpoint: URIRef
    Waterway: URIRef
    Cableway: URIRef
    UtilityLine: URIRef
    Institution: URIRef
    University: URIRef
    Laboratory: URIRef
    ResearchInstitute: URIRef
    Hospital: URIRef
    Document: URIRef
    EvidenceSentence: URIRef
    Quantity: URIRef
    # --- fact (n-ary relation) classes ---------------------------------------------
    CooperationFact: URIRef
    FunctionSplit: URIRef
    CoBuilding: URIRef
    EnclaveArrangement: URIRef
    Twinning: URIRef
    Connection: URIRef
    Location: URIRef
    # --- function vocabulary --------------------------------------------------------
    Function: URIRef
    FunctionScheme: URIRef
    UpstreamFunction: URIRef
    DownstreamFunction: URIRef
    # --- status individuals ---------------------------------------------------------
    Status: URIRef
    Planned: URIRef
    UnderConstruction: URIRef
    Completed: URIRef
    # --- text the evidence offsets index ---------------------------------------------
    TextBasis: URIRef
    DecodedFileText: URIRef
    ExtractedText: URIRef
    GivenText: URIRef
    # --- direct relations between things -------------------------------------------
    partOf: URIRef
    locatedIn: URIRef
    connects: URIRef
    coBuiltBy: URIRef
    enclaveHost: URIRef
    enclaveOwner: URIRef
    twinnedWith: URIRef
    splitUpstreamOf: URIRef
    # --- roles of fact nodes --------------------------------------------------------
    upstreamPlace: URIRef
    downstreamPlace: URIRef
    upstreamFunction: URIRef
    downstreamFunction: URIRef
    upstreamFunctionText: URIRef
    downstreamFunctionText: URIRef
    park: URIRef
    partner: URIRef
    enclave: URIRef
    host: URIRef
    owner: URIRef
    enclaveKind: URIRef
    member: URIRef
    twinningKind: URIRef
    infrastructure: URIRef
    place: URIRef
    subject: URIRef
    # --- provenance and qualifiers ---------------------------------------------------
    evidence: URIRef
    mentionedIn: URIRef
    startOffset: URIRef
    endOffset: URIRef
    offsetBasis: URIRef
    rule: URIRef
    confidence: URIRef
    status: URIRef
    quantity: URIRef
    quantityKind: URIRef
    unit: URIRef
    numericValue: URIRef
    # --- entity attributes -----------------------------------------------------------
    adcode: URIRef
    coordinatesFrom: URIRef
    script: URIRef
    sourcePath: URIRef
    contentHash: URIRef


__all__ = ["CG", "ID", "GEO", "GSP", "DCTERMS", "OWL", "PROV", "RDF", "RDFS", "SKOS", "XSD",
           "ONTOLOGY_IRI"]
