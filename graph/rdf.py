"""Extraction → RDF (rdflib Dataset): one named graph per document.

Layout of the data (the contract the queries, exports and view rely on):

* default graph: every entity (``a cg:<Category>, cg:<Kind>``, ``skos:prefLabel``/``rdfs:label``
  ``"…"@zh``, ``skos:altLabel``, ``cg:adcode``, ``geo:lat``/``geo:long``, ``cg:partOf``) and
  every ``cg:Document`` (Dublin Core title/date/source).
* named graph ``<doc IRI>`` per document: the facts that document states. Each fact is an
  n-ary node (``cg:FunctionSplit``, ``cg:CoBuilding`` …) with role properties, provenance
  (``prov:wasDerivedFrom`` the document, ``cg:evidence`` a ``cg:EvidenceSentence`` with
  ``prov:value`` and character offsets), ``cg:rule``, ``cg:confidence``, ``cg:status``,
  ``dcterms:date``; and ``cg:mentionedIn`` from each entity to its first mention there.
* default graph again: the direct triples facts imply (``?park cg:coBuiltBy ?region`` …) are in the default
  graph, once however many documents state them.

IRIs are stable: adcodes for administrative divisions, percent-encoded canonical labels
for other entities, content hashes of (fact, document) for facts, ids for documents.
"""
from __future__ import annotations

import hashlib
from decimal import Decimal
from urllib.parse import quote

from rdflib import Dataset, Graph, Literal, URIRef

from .resources import functions
from .model import Document, Entity, Extraction, Fact, Span
from .vocab import CG, DCTERMS, GEO, GSP, ID, PROV, RDF, RDFS, SKOS, XSD

ZH = "zh"

FACT_CLASS = {
    "pairing": CG.FunctionSplit,
    "co_built": CG.CoBuilding,
    "enclave": CG.EnclaveArrangement,
    "twinning": CG.Twinning,
    "connection": CG.Connection,
    "located_in": CG.Location,
}
OFFSET_BASIS = {"decoded": CG.DecodedFileText, "extracted": CG.ExtractedText,
                "given": CG.GivenText}
STATUS = {"planned": CG.Planned, "under_construction": CG.UnderConstruction,
          "completed": CG.Completed}


def _pct(text: str) -> str:
    return quote(text, safe="")


def entity_iri(key: str) -> URIRef:
    """``region:440404`` → ``…/id/region/440404``; ``park:名字`` → ``…/id/park/%E5…``."""
    prefix, _, rest = key.partition(":")
    return ID[f"{prefix}/{_pct(rest)}"]


def document_iri(doc_id: str) -> URIRef:
    return ID[f"doc/{_pct(doc_id)}"]


def evidence_iri(span: Span) -> URIRef:
    return ID[f"evidence/{_pct(span.doc_id)}/{span.start}-{span.end}"]


def fact_iri(fact: Fact) -> URIRef:
    """One node per fact *and document*: each document's statement of a fact has its own
    provenance, so a query never pairs one document with another one's evidence."""
    key = repr((fact.identity(), fact.span.doc_id))
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
    return ID[f"fact/{fact.relation}/{digest}"]


def function_iri(fn_id: str) -> URIRef:
    """Function concepts come from ``data/functions.csv`` (declared in the ontology too)."""
    if fn_id not in functions():
        raise ValueError(f"unknown function id {fn_id!r}")
    return URIRef(str(CG._NS) + fn_id)


def _label(g: Graph, node: URIRef, text: str) -> None:
    g.add((node, SKOS.prefLabel, Literal(text, lang=ZH)))
    g.add((node, RDFS.label, Literal(text, lang=ZH)))


def _add_entity(g: Graph, e: Entity) -> None:
    node = entity_iri(e.key)
    g.add((node, RDF.type, CG[e.category]))
    if e.kind != e.category:
        g.add((node, RDF.type, CG[e.kind]))
    _label(g, node, e.label)
    for alt in sorted(e.alt_labels - {e.label}):
        g.add((node, SKOS.altLabel, Literal(alt, lang=ZH)))
    for alt in sorted(e.trad_labels - {e.label}):
        g.add((node, SKOS.altLabel, Literal(alt, lang="zh-Hant")))
    if e.adcode:
        g.add((node, CG.adcode, Literal(e.adcode)))
    if e.lat is not None and e.lon is not None:
        lat, lon = Decimal(f"{e.lat:.6f}"), Decimal(f"{e.lon:.6f}")
        g.add((node, GEO.lat, Literal(lat, datatype=XSD.decimal)))
        g.add((node, GEO.long, Literal(lon, datatype=XSD.decimal)))
        geom = URIRef(str(node) + "/geometry")
        g.add((node, GSP.hasGeometry, geom))
        g.add((geom, GSP.asWKT, Literal(f"POINT({lon} {lat})", datatype=GSP.wktLiteral)))
    if e.parent:
        g.add((node, CG.partOf, entity_iri(e.parent)))


def _add_document(g: Graph, d: Document) -> None:
    node = document_iri(d.doc_id)
    g.add((node, RDF.type, CG.Document))
    g.add((node, RDF.type, PROV.Entity))
    g.add((node, DCTERMS.identifier, Literal(d.doc_id)))
    g.add((node, CG.sourcePath, Literal(d.path)))
    g.add((node, CG.script, Literal(d.script)))
    g.add((node, DCTERMS.language, Literal("zh-Hant" if d.script == "Hant" else "zh-Hans")))
    if d.title:
        g.add((node, DCTERMS.title, Literal(d.title, lang=ZH)))
    if d.date:
        g.add((node, DCTERMS.date, _date_literal(d.date)))
    if d.source:
        g.add((node, DCTERMS.publisher, Literal(d.source, lang=ZH)))
    if d.url:
        g.add((node, DCTERMS.source, Literal(d.url)))
    if d.media_type:
        g.add((node, DCTERMS["format"], Literal(d.media_type)))
    g.add((node, CG.offsetBasis, OFFSET_BASIS[d.offset_basis]))


def _date_literal(value: str) -> Literal:
    if len(value) == 10:
        return Literal(value, datatype=XSD.date)
    if len(value) == 7:
        return Literal(value, datatype=XSD.gYearMonth)
    if len(value) == 4:
        return Literal(value, datatype=XSD.gYear)
    return Literal(value)


def _add_span(g: Graph, span: Span) -> URIRef:
    node = evidence_iri(span)
    g.add((node, RDF.type, CG.EvidenceSentence))
    g.add((node, PROV.value, Literal(span.text, lang=ZH)))
    start, end = ((span.start, span.end) if span.source_start is None
                  else (span.source_start, span.source_end))
    g.add((node, CG.startOffset, Literal(start)))
    g.add((node, CG.endOffset, Literal(end)))
    g.add((node, DCTERMS.isPartOf, document_iri(span.doc_id)))
    return node


def _add_fact(g: Graph, f: Fact, shortcuts: Graph) -> None:
    """The fact node and its provenance go to the document's graph ``g``; the direct
    triple it implies (park coBuiltBy region …) to ``shortcuts``, once for all documents."""
    node = fact_iri(f)
    a = f.args
    E = entity_iri
    g.add((node, RDF.type, CG.CooperationFact))
    g.add((node, RDF.type, FACT_CLASS[f.relation]))
    if f.relation == "pairing":
        up, down = E(a["up"]), E(a["down"])
        g.add((node, CG.upstreamPlace, up))
        g.add((node, CG.downstreamPlace, down))
        g.add((node, CG.upstreamFunction, function_iri(a["up_fn"])))
        g.add((node, CG.downstreamFunction, function_iri(a["down_fn"])))
        g.add((node, CG.upstreamFunctionText, Literal(a["up_text"], lang=ZH)))
        g.add((node, CG.downstreamFunctionText, Literal(a["down_text"], lang=ZH)))
        shortcuts.add((up, CG.splitUpstreamOf, down))
    elif f.relation == "co_built":
        park = E(a["park"])
        g.add((node, CG.park, park))
        for p in a["partners"]:
            g.add((node, CG.partner, E(p)))
            shortcuts.add((park, CG.coBuiltBy, E(p)))
    elif f.relation == "enclave":
        enc, host, owner = E(a["enclave"]), E(a["host"]), E(a["owner"])
        g.add((node, CG.enclave, enc))
        g.add((node, CG.host, host))
        g.add((node, CG.owner, owner))
        g.add((node, CG.enclaveKind, Literal(a["kind"])))
        shortcuts.add((enc, CG.enclaveHost, host))
        shortcuts.add((enc, CG.enclaveOwner, owner))
    elif f.relation == "twinning":
        x, y = E(a["a"]), E(a["b"])
        g.add((node, CG.member, x))
        g.add((node, CG.member, y))
        if a.get("kind"):
            g.add((node, CG.twinningKind, Literal(a["kind"], lang=ZH)))
        shortcuts.add((x, CG.twinnedWith, y))
        shortcuts.add((y, CG.twinnedWith, x))
    elif f.relation == "connection":
        infra = E(a["infra"])
        g.add((node, CG.infrastructure, infra))
        for p in a["places"]:
            g.add((node, CG.place, E(p)))
            shortcuts.add((infra, CG.connects, E(p)))
    elif f.relation == "located_in":
        ent, place = E(a["entity"]), E(a["place"])
        g.add((node, CG.subject, ent))
        g.add((node, CG.place, place))
        shortcuts.add((ent, CG.locatedIn, place))
    else:  # pragma: no cover - guarded by RELATIONS
        raise ValueError(f"unknown relation {f.relation!r}")
    g.add((node, PROV.wasDerivedFrom, document_iri(f.span.doc_id)))
    g.add((node, CG.evidence, _add_span(g, f.span)))
    g.add((node, CG.rule, Literal(f.rule)))
    g.add((node, CG.confidence, Literal(Decimal(f"{f.confidence:.2f}"), datatype=XSD.decimal)))
    if f.status:
        g.add((node, CG.status, STATUS[f.status]))
    if f.date:
        g.add((node, DCTERMS.date, _date_literal(f.date)))
    for i, q in enumerate(f.quantities):
        qn = URIRef(f"{node}/quantity/{i}")
        g.add((node, CG.quantity, qn))
        g.add((qn, RDF.type, CG.Quantity))
        g.add((qn, CG.quantityKind, Literal(q["kind"])))
        g.add((qn, CG.unit, Literal(q["unit"])))
        g.add((qn, CG.numericValue, Literal(Decimal(str(q["value"])), datatype=XSD.decimal)))
        g.add((qn, PROV.value, Literal(q["text"], lang=ZH)))


def to_dataset(ex: Extraction) -> Dataset:
    """Build the RDF dataset for an extraction (pure function of its input)."""
    ds = Dataset()
    for prefix, ns in (("cg", CG._NS), ("id", ID), ("skos", SKOS), ("prov", PROV),
                       ("dcterms", DCTERMS), ("wgs84", GEO), ("geo", GSP)):
        ds.bind(prefix, ns, override=True, replace=True)
    default = ds.default_graph
    for e in ex.entities.values():
        _add_entity(default, e)
    for d in ex.documents:
        _add_document(default, d)
    graphs = {d.doc_id: ds.graph(document_iri(d.doc_id)) for d in ex.documents}
    for f in ex.facts:
        _add_fact(graphs[f.span.doc_id], f, default)
    for (key, doc_id), span in ex.mentions.items():
        g = graphs[doc_id]
        g.add((entity_iri(key), CG.mentionedIn, _add_span(g, span)))
    return ds
