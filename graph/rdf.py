"""Extraction → RDF quads (pyoxigraph terms): one named graph per document.

Layout of the data (the contract the queries, exports and view rely on):

* named graph ``<doc IRI>`` per document: what that document says -- the ``cg:Document``
  itself (Dublin Core title/date/source, ``cg:contentHash``); each fact as an n-ary node
  (``cg:FunctionSplit``, ``cg:CoBuilding`` …) with role properties, provenance
  (``prov:wasDerivedFrom`` the document, ``cg:evidence`` a ``cg:EvidenceSentence`` with
  ``prov:value`` and character offsets), ``cg:rule``, ``cg:confidence``, ``cg:status``,
  ``dcterms:date``; ``cg:mentionedIn`` from each entity to its first mention there; the
  direct triples the facts imply (``?park cg:coBuiltBy ?region`` …); and for every entity
  it names or its facts use, with the regions above them, ``cg:partOf`` and the
  ``skos:altLabel`` spelt in that article. Entities found by pattern (parks, firms …) are
  described there in full (``a cg:<Category>, cg:<Kind>``, ``skos:prefLabel`` ``"…"@zh``,
  coordinates): their label is the article's. (No ``rdfs:label`` copy of the preferred
  label: SKOS makes ``skos:prefLabel`` a sub-property of it, and the copy was a twentieth
  of every store's quads.)
* default graph: the union of all document graphs (each triple once), plus the fixed
  description of every gazetteer place some document graph refers to (types, official
  name, ``cg:adcode``, ``geo:lat``/``geo:long`` and a WKT point) -- written once, not once
  per article. Any SPARQL store answers queries on the default graph without a
  union-default-graph option, and a document can be replaced or removed exactly: drop its
  graph, drop from the default graph the triples no other document graph still holds and
  the places no other document graph refers to (:mod:`graph.kgstore`).

IRIs are stable: adcodes for administrative divisions, percent-encoded canonical labels
for other entities, content hashes of (fact, document) for facts, ids for documents.
Everything a document contributes is a pure function of that document's extraction, so the
graph does not depend on the order documents are read in, nor on how many workers read them.
"""
from __future__ import annotations

import hashlib
from decimal import Decimal
from functools import lru_cache
from typing import Container, Iterable, Iterator
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef

from .model import Document, Entity, Extraction, Fact, Span
from .resources import functions
from .vocab import CG, DCTERMS, GEO, GSP, ID, PROV, RDF, RDFS, SKOS, XSD

ZH = "zh"

# Terms are written as N-Triples text (``<iri>``, ``"text"@zh``…) and a document's
# triples as N-Triples lines: that is what workers send and stores load, and building
# the lines directly costs a fraction of making pyoxigraph terms and serialising them.
Term = str


def node(iri: str) -> Term:
    """An IRI as an N-Triples term. Not cached: evidence and fact IRIs are new in every
    document, and a worker's memory must not grow with the corpus."""
    return f"<{iri}>"


def _sub(n: Term, suffix: str) -> Term:
    """The IRI ``n`` followed by ``suffix`` (``…/geometry``)."""
    return node(n[1:-1] + suffix)


@lru_cache(maxsize=None)
def _cg(name: str) -> Term:
    return node(str(CG[name]))


A = node(str(RDF.type))
_XSD_INTEGER, _XSD_DECIMAL = node(str(XSD.integer)), node(str(XSD.decimal))
_DATE_TYPES = {10: node(str(XSD.date)), 7: node(str(XSD.gYearMonth)), 4: node(str(XSD.gYear))}
_WKT = node(str(GSP.wktLiteral))
P = {name: node(str(iri)) for name, iri in {
    "prefLabel": SKOS.prefLabel, "label": RDFS.label, "altLabel": SKOS.altLabel,
    "lat": GEO.lat, "long": GEO.long, "hasGeometry": GSP.hasGeometry, "asWKT": GSP.asWKT,
    "identifier": DCTERMS.identifier, "language": DCTERMS.language, "title": DCTERMS.title,
    "date": DCTERMS.date, "publisher": DCTERMS.publisher, "source": DCTERMS.source,
    "format": DCTERMS["format"], "isPartOf": DCTERMS.isPartOf, "value": PROV.value,
    "wasDerivedFrom": PROV.wasDerivedFrom, "ProvEntity": PROV.Entity,
}.items()}

FACT_CLASS = {
    "pairing": "FunctionSplit",
    "co_built": "CoBuilding",
    "enclave": "EnclaveArrangement",
    "twinning": "Twinning",
    "connection": "Connection",
    "located_in": "Location",
}
STATUS = {"planned": "Planned", "under_construction": "UnderConstruction",
          "completed": "Completed"}
OFFSET_BASIS = {"decoded": "DecodedFileText", "extracted": "ExtractedText", "given": "GivenText"}


def _pct(text: str) -> str:
    return quote(text, safe="")


@lru_cache(maxsize=4096)
def _pct_doc(doc_id: str) -> str:
    """A document id percent-encoded (the same few ids for every line of a document)."""
    return _pct(doc_id)


_ID = str(ID)  # the entity, evidence and fact IRIs as plain strings: no rdflib term per line


def entity_iri(key: str) -> URIRef:
    """``region:440404`` → ``…/id/region/440404``; ``park:名字`` → ``…/id/park/%E5…``."""
    prefix, _, rest = key.partition(":")
    return ID[f"{prefix}/{_pct(rest)}"]


def document_iri(doc_id: str) -> URIRef:
    return ID[f"doc/{_pct(doc_id)}"]


def evidence_iri(span: Span) -> URIRef:
    return URIRef(_evidence(span))


def _evidence(span: Span) -> str:
    return f"{_ID}evidence/{_pct_doc(span.doc_id)}/{span.start}-{span.end}"


def fact_iri(fact: Fact) -> URIRef:
    """One node per fact *and document*: each document's statement of a fact has its own
    provenance, so a query never pairs one document with another one's evidence."""
    return URIRef(_fact(fact))


def _fact(fact: Fact) -> str:
    key = repr((fact.identity(), fact.span.doc_id))
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
    return f"{_ID}fact/{fact.relation}/{digest}"


def function_iri(fn_id: str) -> URIRef:
    """Function concepts come from ``data/functions.csv`` (declared in the ontology too)."""
    if fn_id not in functions():
        raise ValueError(f"unknown function id {fn_id!r}")
    return URIRef(str(CG._NS) + fn_id)


@lru_cache(maxsize=4096)
def document_node(doc_id: str) -> ox.NamedNode:
    """The document's IRI, which also names its graph."""
    return ox.NamedNode(str(document_iri(doc_id)))


@lru_cache(maxsize=4096)
def _doc(doc_id: str) -> Term:
    return node(str(document_iri(doc_id)))


@lru_cache(maxsize=65536)
def _e(key: str) -> Term:
    return node(str(entity_iri(key)))


@lru_cache(maxsize=None)
def _function(fn_id: str) -> Term:
    return node(str(function_iri(fn_id)))


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _lit(text: str, suffix: str = "") -> Term:
    """A literal: ``"text"`` then ``suffix`` (``@zh``, ``^^<datatype>`` or nothing)."""
    if '"' in text or "\\" in text or "\n" in text or "\r" in text:
        text = text.translate(_ESCAPES)
    return f'"{text}"{suffix}'


def _zh(text: str, lang: str = ZH) -> Term:
    return _lit(text, "@" + lang.lower())  # pyoxigraph writes language tags in lower case


def _int(n: int) -> Term:
    return _lit(str(n), "^^" + _XSD_INTEGER)


def _decimal(text: str) -> Term:
    return _lit(text, "^^" + _XSD_DECIMAL)


def _date_literal(value: str) -> Term:
    dt = _DATE_TYPES.get(len(value))
    return _lit(value, "^^" + dt) if dt else _lit(value)


class _Triples:
    """A set of triples being collected for one document graph (N-Triples lines)."""

    def __init__(self) -> None:
        self.items: set[bytes] = set()  # UTF-8 lines: a big document's set is half the size,
        # and joining them needs no text of the whole graph first
        self.spans: dict[Span, Term] = {}  # evidence sentences written, by span: the
        # mentions of a sentence and its facts share it

    def add(self, s: Term, p: Term, o: Term) -> None:
        self.items.add(f"{s} {p} {o} .\n".encode("utf-8"))

    def ntriples(self) -> bytes:
        """The triples as N-Triples (unsorted: stores and files sort what they need)."""
        return b"".join(self.items)

    def triples(self) -> set[ox.Triple]:
        return set(ox.parse(self.ntriples(), format=ox.RdfFormat.N_TRIPLES))


def _is_place(key: str) -> bool:
    """Gazetteer places have a fixed description (the same in every article)."""
    return key in _places()


@lru_cache(maxsize=1)
def _places() -> Container[str]:
    """The gazetteer's places by key (looked up for every entity of every document: the
    import and the call to the loader cost as much as the lookup)."""
    from .gazetteer import load

    return load().places


def _add_entity(g: _Triples, e: Entity, fixed: _Triples | None = None) -> None:
    """Describe ``e`` in ``g``; with ``fixed``, what does not depend on the article (a
    gazetteer place's types, name, code and coordinates) goes there instead."""
    n = _e(e.key)
    # a place's description recurs in many documents: made once (cached); an entity
    # found by pattern is described by its article, made each time
    make = _fixed_lines if fixed is not None else _fixed_lines.__wrapped__
    (fixed if fixed is not None else g).items.update(
        make(e.key, e.category, e.kind, e.label, e.adcode, e.lat, e.lon, e.coords_from))
    for alt in sorted(e.alt_labels - {e.label}):
        g.add(n, P["altLabel"], _zh(alt))
    for alt in sorted(e.trad_labels - {e.label}):
        g.add(n, P["altLabel"], _zh(alt, "zh-Hant"))
    if e.parent:
        g.add(n, _cg("partOf"), _e(e.parent))


@lru_cache(maxsize=65536)
def _fixed_lines(key: str, category: str, kind: str, label: str, adcode: str | None,
                 lat: float | None, lon: float | None, coords_from: str | None
                 ) -> frozenset[bytes]:
    """The lines describing an entity that do not depend on the article: types, name,
    code, coordinates."""
    f = _Triples()
    n = _e(key)
    f.add(n, A, _cg(category))
    if kind != category:
        f.add(n, A, _cg(kind))
    f.add(n, P["prefLabel"], _zh(label))
    if adcode:
        f.add(n, _cg("adcode"), _lit(adcode))
    if lat is not None and lon is not None:
        lat_s, lon_s = f"{lat:.6f}", f"{lon:.6f}"
        f.add(n, P["lat"], _decimal(lat_s))
        f.add(n, P["long"], _decimal(lon_s))
        geom = _sub(n, "/geometry")
        f.add(n, P["hasGeometry"], geom)
        f.add(geom, P["asWKT"], _lit(f"POINT({lon_s} {lat_s})", "^^" + _WKT))
        if coords_from:  # not its own point: marked approximate, with whose it is
            f.add(n, _cg("coordinatesFrom"), _e(coords_from))
    return frozenset(f.items)


def _add_document(g: _Triples, d: Document) -> None:
    n = _doc(d.doc_id)
    g.add(n, A, _cg("Document"))
    g.add(n, A, P["ProvEntity"])
    g.add(n, P["identifier"], _lit(d.doc_id))
    g.add(n, _cg("sourcePath"), _lit(d.path))
    g.add(n, _cg("script"), _lit(d.script))
    g.add(n, P["language"], _lit("zh-Hant" if d.script == "Hant" else "zh-Hans"))
    if d.content_hash:
        g.add(n, _cg("contentHash"), _lit(d.content_hash))
    if d.title:
        g.add(n, P["title"], _zh(d.title))
    if d.date:
        g.add(n, P["date"], _date_literal(d.date))
    if d.source:
        g.add(n, P["publisher"], _zh(d.source))
    if d.url:
        g.add(n, P["source"], _lit(d.url))
    if d.media_type:
        g.add(n, P["format"], _lit(d.media_type))
    g.add(n, _cg("offsetBasis"), _cg(OFFSET_BASIS[d.offset_basis]))


def _add_span(g: _Triples, span: Span) -> Term:
    n = g.spans.get(span)
    if n is not None:
        return n
    n = g.spans[span] = node(_evidence(span))
    g.add(n, A, _cg("EvidenceSentence"))
    g.add(n, P["value"], _zh(span.text))
    start, end = ((span.start, span.end) if span.source_start is None
                  else (span.source_start, span.source_end))
    g.add(n, _cg("startOffset"), _int(start))
    g.add(n, _cg("endOffset"), _int(end))
    g.add(n, P["isPartOf"], _doc(span.doc_id))
    return n


def _roles(g: _Triples, n: Term, f: Fact) -> None:
    """Role properties of the fact node and the direct triples the fact implies."""
    a, E, C = f.args, _e, _cg
    if f.relation == "pairing":
        up, down = E(a["up"]), E(a["down"])
        g.add(n, C("upstreamPlace"), up)
        g.add(n, C("downstreamPlace"), down)
        g.add(n, C("upstreamFunction"), _function(a["up_fn"]))
        g.add(n, C("downstreamFunction"), _function(a["down_fn"]))
        g.add(n, C("upstreamFunctionText"), _zh(a["up_text"]))
        g.add(n, C("downstreamFunctionText"), _zh(a["down_text"]))
        g.add(up, C("splitUpstreamOf"), down)
    elif f.relation == "co_built":
        park = E(a["park"])
        g.add(n, C("park"), park)
        for p in a["partners"]:
            g.add(n, C("partner"), E(p))
            g.add(park, C("coBuiltBy"), E(p))
    elif f.relation == "enclave":
        enc, host, owner = E(a["enclave"]), E(a["host"]), E(a["owner"])
        g.add(n, C("enclave"), enc)
        g.add(n, C("host"), host)
        g.add(n, C("owner"), owner)
        g.add(n, C("enclaveKind"), _lit(a["kind"]))
        g.add(enc, C("enclaveHost"), host)
        g.add(enc, C("enclaveOwner"), owner)
    elif f.relation == "twinning":
        x, y = E(a["a"]), E(a["b"])
        g.add(n, C("member"), x)
        g.add(n, C("member"), y)
        if a.get("kind"):
            g.add(n, C("twinningKind"), _zh(a["kind"]))
        g.add(x, C("twinnedWith"), y)
        g.add(y, C("twinnedWith"), x)
    elif f.relation == "connection":
        infra = E(a["infra"])
        g.add(n, C("infrastructure"), infra)
        for p in a["places"]:
            g.add(n, C("place"), E(p))
            g.add(infra, C("connects"), E(p))
    elif f.relation == "located_in":
        ent, place = E(a["entity"]), E(a["place"])
        g.add(n, C("subject"), ent)
        g.add(n, C("place"), place)
        g.add(ent, C("locatedIn"), place)
    else:  # pragma: no cover - guarded by RELATIONS
        raise ValueError(f"unknown relation {f.relation!r}")


def _add_fact(g: _Triples, f: Fact) -> None:
    n = node(_fact(f))
    g.add(n, A, _cg("CooperationFact"))
    g.add(n, A, _cg(FACT_CLASS[f.relation]))
    _roles(g, n, f)
    g.add(n, P["wasDerivedFrom"], _doc(f.span.doc_id))
    g.add(n, _cg("evidence"), _add_span(g, f.span))
    g.add(n, _cg("rule"), _lit(f.rule))
    g.add(n, _cg("confidence"), _decimal(f"{f.confidence:.2f}"))
    if f.status:
        g.add(n, _cg("status"), _cg(STATUS[f.status]))
    if f.date:
        g.add(n, P["date"], _date_literal(f.date))
    for i, q in enumerate(f.quantities):
        qn = _sub(n, f"/quantity/{i}")
        g.add(n, _cg("quantity"), qn)
        g.add(qn, A, _cg("Quantity"))
        g.add(qn, _cg("quantityKind"), _lit(q["kind"]))
        g.add(qn, _cg("unit"), _lit(q["unit"]))
        g.add(qn, _cg("numericValue"), _decimal(str(Decimal(str(q["value"])))))
        g.add(qn, P["value"], _zh(q["text"]))


def _entity_keys(v: object) -> Iterator[str]:
    if isinstance(v, str):
        yield v
    elif isinstance(v, (tuple, list)):
        yield from (x for x in v if isinstance(x, str))


def _used_entities(ex: Extraction, doc_id: str, facts: list[Fact]) -> set[str]:
    """Entities a document names or its facts use, with the regions above them."""
    used = {k for k, d in ex.mentions if d == doc_id and k in ex.entities}
    for f in facts:
        for v in f.args.values():
            used.update(k for k in _entity_keys(v) if k in ex.entities)
    frontier = list(used)
    while frontier:
        parent = ex.entities[frontier.pop()].parent
        if parent and parent in ex.entities and parent not in used:
            used.add(parent)
            frontier.append(parent)
    return used


def _document_parts(ex: Extraction, doc: Document) -> tuple[_Triples, _Triples]:
    g, fixed = _Triples(), _Triples()
    facts = [f for f in ex.facts if f.span.doc_id == doc.doc_id]
    _add_document(g, doc)
    for key in sorted(_used_entities(ex, doc.doc_id, facts)):
        _add_entity(g, ex.entities[key], fixed if _is_place(key) else None)
    for f in facts:
        _add_fact(g, f)
    for (key, doc_id), span in ex.mentions.items():
        if doc_id == doc.doc_id:
            g.add(_e(key), _cg("mentionedIn"), _add_span(g, span))
    return g, fixed


_FACT_NODE = f"<{ID}fact/".encode()
_EVIDENCE_NODE = f"<{ID}evidence/".encode()


def _split_lines(g: _Triples, shared: set[bytes], evidence: dict[bytes, set[bytes]]
                 ) -> tuple[tuple[bytes, ...], tuple[bytes, ...]]:
    """The lines of ``g`` (one fact's or one mention's): its own (about the fact and its
    quantities, or the ``cg:mentionedIn`` line) and the evidence nodes it points to;
    the evidence nodes' lines go to ``evidence`` (by node, once however many facts
    share the sentence), the lines between entities (``cg:coBuiltBy`` …) to ``shared``."""
    own, nodes = [], set()
    for line in g.items:
        if line.startswith(_EVIDENCE_NODE):
            subject = line[:line.index(b" ")]
            nodes.add(subject)
            evidence.setdefault(subject, set()).add(line)
        elif line.startswith(_FACT_NODE) or b"mentionedIn>" in line:
            own.append(line)
        else:
            shared.add(line)
    return tuple(own), tuple(sorted(nodes))


def fact_and_mention_lines(ex: Extraction, doc_id: str) -> tuple[
        list[tuple[tuple[bytes, ...], tuple[bytes, ...]]],
        list[tuple[tuple[bytes, ...], tuple[bytes, ...]]],
        set[bytes], dict[bytes, bytes]]:
    """The N-Triples lines of each fact and each mention of ``doc_id`` in ``ex``, apart
    (in ``ex.facts`` and ``ex.mentions`` order: each its own lines and the evidence
    nodes it needs), the lines the facts state between entities (``cg:coBuiltBy`` …)
    and the lines of each evidence node: a huge document's graph is put together chunk
    by chunk from these (:func:`graph.pipeline.chunked_graph`), keeping the first
    statement of each fact and mention and the evidence they need."""
    facts, mentions, shared = [], [], set()
    evidence: dict[bytes, set[bytes]] = {}
    for f in ex.facts:
        if f.span.doc_id == doc_id:
            g = _Triples()
            _add_fact(g, f)
            facts.append(_split_lines(g, shared, evidence))
    for (key, d), span in ex.mentions.items():
        if d == doc_id:
            g = _Triples()
            g.add(_e(key), _cg("mentionedIn"), _add_span(g, span))
            mentions.append(_split_lines(g, shared, evidence))
    return facts, mentions, shared, {n: b"".join(v) for n, v in evidence.items()}


def entity_and_document_lines(ex: Extraction, doc: Document, used: Iterable[str]
                              ) -> tuple[bytes, bytes]:
    """The lines describing ``doc`` and the entities ``used`` (sorted keys of
    ``ex.entities``), and the fixed place descriptions (see :func:`document_ntriples`)."""
    g, fixed = _Triples(), _Triples()
    _add_document(g, doc)
    for key in sorted(used):
        _add_entity(g, ex.entities[key], fixed if _is_place(key) else None)
    return g.ntriples(), fixed.ntriples()


def used_entities(ex: Extraction, doc_id: str) -> set[str]:
    """Entities a document names or its facts use, with the regions above them."""
    return _used_entities(ex, doc_id, [f for f in ex.facts if f.span.doc_id == doc_id])


def document_ntriples(ex: Extraction, doc: Document) -> tuple[bytes, bytes]:
    """:func:`document_parts` as N-Triples (unsorted lines): what a worker sends."""
    g, fixed = _document_parts(ex, doc)
    return g.ntriples(), fixed.ntriples()


def document_parts(ex: Extraction, doc: Document) -> tuple[set[ox.Triple], set[ox.Triple]]:
    """The triples of the named graph of ``doc``, and the fixed place descriptions it
    needs in the default graph (see the module docstring)."""
    g, fixed = _document_parts(ex, doc)
    return g.triples(), fixed.triples()


def document_triples(ex: Extraction, doc: Document) -> set[ox.Triple]:
    """The triples of the named graph of ``doc``."""
    return document_parts(ex, doc)[0]


def graph_quads(triples: Iterable[ox.Triple], graph: ox.NamedNode) -> Iterator[ox.Quad]:
    """``triples`` in the named graph ``graph`` and in the default graph."""
    default = ox.DefaultGraph()
    for t in triples:
        yield ox.Quad(t.subject, t.predicate, t.object, graph)
        yield ox.Quad(t.subject, t.predicate, t.object, default)


def _default(triples: Iterable[ox.Triple]) -> Iterator[ox.Quad]:
    default = ox.DefaultGraph()
    return (ox.Quad(t.subject, t.predicate, t.object, default) for t in triples)


def to_quads(ex: Extraction) -> set[ox.Quad]:
    """Every quad of the dataset for ``ex`` (pure function of its input, unordered)."""
    out: set[ox.Quad] = set()
    used: set[str] = set()
    for d in ex.documents:
        triples, fixed = document_parts(ex, d)
        out.update(graph_quads(triples, document_node(d.doc_id)))
        out.update(_default(fixed))
        used |= _used_entities(ex, d.doc_id, [f for f in ex.facts if f.span.doc_id == d.doc_id])
    # Entities no document uses (hand-made extractions): default graph only.
    loose = _Triples()
    for key in sorted(set(ex.entities) - used):
        _add_entity(loose, ex.entities[key])
    out.update(_default(loose.triples()))
    return out


def to_store(ex: Extraction) -> ox.Store:
    """An in-memory Oxigraph store holding the dataset for ``ex``."""
    store = ox.Store()
    store.extend(to_quads(ex))
    return store


def rdflib_term(term: object):  # noqa: ANN201 - rdflib Node
    """pyoxigraph term → rdflib term (plain ``xsd:string`` literals come back untyped)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == str(XSD.string):
            return Literal(term.value)
        # lexical form kept as written (rdflib would normalise 0.80 to 0.8)
        return Literal(term.value, datatype=URIRef(dt), normalize=False)
    raise TypeError(f"unsupported RDF term {term!r}")


def dataset_of(quads: Iterable[ox.Quad]) -> Dataset:
    """An rdflib :class:`~rdflib.Dataset` holding ``quads`` (for rdflib users)."""
    from .store import PREFIXES

    ds = Dataset()
    for prefix, ns in sorted(PREFIXES.items()):
        ds.bind(prefix, ns, override=True, replace=True)
    for q in quads:
        s, p, o = rdflib_term(q.subject), rdflib_term(q.predicate), rdflib_term(q.object)
        if isinstance(q.graph_name, ox.DefaultGraph):
            ds.default_graph.add((s, p, o))
        else:
            ds.graph(rdflib_term(q.graph_name)).add((s, p, o))
    return ds


def to_dataset(ex: Extraction) -> Dataset:
    """The dataset for ``ex`` as an rdflib :class:`~rdflib.Dataset` (the rdflib API).

    The build itself writes through Oxigraph (:func:`to_quads`); this is for users who
    want to work with rdflib.
    """
    return dataset_of(to_quads(ex))
