"""A document's rows of the store's summary, made from its extraction (no SPARQL).

:func:`graph.summary.doc_rows` gets them by loading the document's graph into a small
store and running every summary query on it: on ordinary articles that took half as much
CPU as extracting them. Each summary query joins one fact (or one mention) with its
sentence, the document and the labels and categories of the entities it names, so its
rows follow from the extraction directly, as :mod:`graph.rdf` writes the graph:

* an entity's preferred labels and categories are those its lines give (``skos:prefLabel``,
  ``a cg:<Category>``, ``a cg:<Kind>``), in the document graph or the fixed place lines;
* a fact node's role properties are the set of (role, entity) pairs of
  :func:`graph.rdf._roles`; its sentence node (by document and offsets) has every text of
  the spans written for it;
* a row is made for every combination of bindings, as the queries' joins make them
  (SPARQL multisets: a place in two roles of one fact gives two equal rows).

The result is the same :class:`~graph.summary.DocRows` (tables, ``ent_doc``, ``refs``,
``descs``, ``described``) as :func:`graph.summary.doc_rows` gives on the document's
N-Triples and fixed lines; ``tests/test_summaryrows.py`` compares the two on every
document it builds.
"""
from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, Iterable

import pyoxigraph as ox

from .model import CATEGORIES, Document, Extraction, Fact
from .rdf import (_ID, _doc, _e, _evidence, _fact, _function, _is_place,
                  _used_entities)
from .summary import DocRows

_INTEGER = "L^^http://www.w3.org/2001/XMLSchema#integer"
#: Each summary table's columns after the ``doc`` column, as the queries project them
#: (``tests/test_summaryrows.py`` checks them against the query texts), and their term
#: kinds when the table has rows.
COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "co-built-parks": (("park", "partner", "status", "source", "evidence"), ("L",) * 5),
    "connections": (("infrastructure", "region", "source", "evidence"), ("L",) * 4),
    "documents": (("source", "title", "date", "publisher", "facts", "entities", "path"),
                  ("L", "L", "L", "L", _INTEGER, _INTEGER, "L")),
    "enclaves": (("enclave", "kind", "host", "owner", "source", "evidence"), ("L",) * 6),
    "located-in": (("entity", "place", "source", "evidence"), ("L",) * 4),
    "pairings": (("upstream_function", "upstream_region", "downstream_function",
                  "downstream_region", "upstream_function_id", "downstream_function_id",
                  "source", "evidence"), ("L",) * 8),
    "twinning": (("region_a", "region_b", "kind", "source", "evidence"), ("L",) * 5),
    "region-partners": (("member", "other", "via", "relation", "partner",
                         "partner_category", "source", "evidence"), ("I", "I") + ("L",) * 6),
    "rnd-in": (("up", "upstream_function", "upstream_region", "downstream_function",
                "downstream_region", "upstream_function_id", "downstream_function_id",
                "source", "evidence"), ("I",) + ("L",) * 8),
}
_STATUS = {"planned", "under_construction", "completed"}
_NOT_ENTITY = ("fact/", "evidence/", "doc/")


def _iri(term: str) -> str:
    """The IRI of an N-Triples IRI term (``<…>``)."""
    return term[1:-1]


def _after_hash(term: str) -> str:
    """``STRAFTER(STR(?x), "#")`` of an IRI term."""
    return _iri(term).partition("#")[2]


def _roles(f: Fact) -> set[tuple[str, str]]:
    """The (role property, entity IRI) pairs of a fact node (as :func:`graph.rdf._roles`
    writes them: a set, so a repeated partner or place is one pair)."""
    a, E = f.args, (lambda key: _iri(_e(key)))
    if f.relation == "pairing":
        return {("upstreamPlace", E(a["up"])), ("downstreamPlace", E(a["down"]))}
    if f.relation == "co_built":
        return {("park", E(a["park"]))} | {("partner", E(p)) for p in a["partners"]}
    if f.relation == "enclave":
        return {("enclave", E(a["enclave"])), ("host", E(a["host"])),
                ("owner", E(a["owner"]))}
    if f.relation == "twinning":
        return {("member", E(a["a"])), ("member", E(a["b"]))}
    if f.relation == "connection":
        return {("infrastructure", E(a["infra"]))} | {("place", E(p)) for p in a["places"]}
    if f.relation == "located_in":
        return {("subject", E(a["entity"])), ("place", E(a["place"]))}
    raise ValueError(f"unknown relation {f.relation!r}")  # pragma: no cover


def _with(roles: set[tuple[str, str]], role: str) -> list[str]:
    return sorted(x for r, x in roles if r == role)


class _Graph:
    """What the summary queries read of one document's graph, by IRI."""

    def __init__(self, ex: Extraction, doc: Document) -> None:
        self.doc_id = doc.doc_id
        self.doc_node = _iri(_doc(doc.doc_id))
        self.facts = [f for f in ex.facts if f.span.doc_id == doc.doc_id]
        self.labels: dict[str, set[str]] = {}
        self.cats: dict[str, tuple[str, ...]] = {}  # the categories among its types
        self.described: set[str] = set()  # entities the document graph gives a type
        # (the others, gazetteer places, are described by the fixed lines)
        for key in _used_entities(ex, doc.doc_id, self.facts):
            e = ex.entities[key]
            n, cats, place = _entity(key, e.key, e.category, e.kind)
            if n in self.labels:  # (two keys, one node: not made by graph.rdf)
                self.labels[n].add(e.label)
                self.cats[n] = tuple(sorted(set(self.cats[n]) | set(cats)))
            else:
                self.labels[n], self.cats[n] = {e.label}, cats
            if not place:
                self.described.add(n)
        # every text written for a sentence node (one, unless two spans share offsets)
        self.sentences: dict[str, set[str]] = {}
        self.parts: dict[str, str] = {}  # sentence node → the document node it is part of
        for f in self.facts:
            self._sentence(f.span)
        self.mentions: dict[str, set[str]] = {}  # entity IRI → its sentence nodes here
        for (key, d), span in ex.mentions.items():
            if d == doc.doc_id:
                self.mentions.setdefault(_iri(_e(key)), set()).add(self._sentence(span))

    def _sentence(self, span: Any) -> str:
        n = _evidence(span)
        self.sentences.setdefault(n, set()).add(span.text)
        self.parts[n] = _iri(_doc(span.doc_id))
        return n

    def evidence(self, f: Fact) -> list[str]:
        """The texts of a fact's sentence, if it is part of this document (which has the
        identifier the rows' ``source`` is)."""
        n = _evidence(f.span)
        return sorted(self.sentences[n]) if self.parts[n] == self.doc_node else []

    def mentioned(self) -> set[str]:
        """The entities with a mention in a sentence of this document."""
        return {n for n, sentences in self.mentions.items()
                if any(self.parts[s] == self.doc_node for s in sentences)}

    def label(self, iri: str) -> list[str]:
        return sorted(self.labels.get(iri, ()))

    def categories(self, iri: str) -> tuple[str, ...]:
        return self.cats.get(iri, ())

    def desc(self, iri: str) -> str:
        """:func:`graph.summary._desc_of_pairs` of the node's types and labels."""
        return _desc(self.categories(iri), tuple(self.label(iri)))


@lru_cache(maxsize=65536)
def _entity(key: str, own_key: str, category: str, kind: str
            ) -> tuple[str, tuple[str, ...], bool]:
    """An entity's node (IRI), the categories among its types (``a cg:<category>``,
    ``a cg:<kind>``) and whether it is a gazetteer place (described by fixed lines)."""
    return (_iri(_e(own_key)), tuple(sorted({category, kind} & set(CATEGORIES))),
            _is_place(key))


@lru_cache(maxsize=65536)
def _desc(cats: tuple[str, ...], labels: tuple[str, ...]) -> str:
    """:func:`graph.summary._desc_of_pairs` of a node with these categories and ``@zh``
    labels (sorted strings)."""
    if len(labels) > 1:  # in the order of their N-Triples terms
        labels = tuple(sorted(labels, key=lambda v: str(ox.Literal(v, language="zh"))))
    return json.dumps([list(cats), list(labels)], ensure_ascii=False)


def _product(*columns: Iterable[str]) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = [()]
    for values in columns:
        out = [row + (v,) for row in out for v in values]
    return out


Rows = dict[str, list[tuple]]


def _pairing(g: _Graph, f: Fact, roles: set[tuple[str, str]], ev: list[str],
             rows: Rows) -> None:
    a, src = f.args, g.doc_id
    up, down = _with(roles, "upstreamPlace")[0], _with(roles, "downstreamPlace")[0]
    fns = (_after_hash(_function(a["up_fn"])), _after_hash(_function(a["down_fn"])))
    for ul, dl, e in _product(g.label(up), g.label(down), ev):
        rows["pairings"].append((a["up_text"], ul, a["down_text"], dl, *fns, src, e))
        rows["rnd-in"].append((up, a["up_text"], ul, a["down_text"], dl, *fns, src, e))


def _co_built(g: _Graph, f: Fact, roles: set[tuple[str, str]], ev: list[str],
              rows: Rows) -> None:
    status = f.status if f.status in _STATUS else ""
    for park in _with(roles, "park"):
        for partner in _with(roles, "partner"):
            rows["co-built-parks"] += [
                (pl, ql, status, g.doc_id, e)
                for pl, ql, e in _product(g.label(park), g.label(partner), ev)]


def _connection(g: _Graph, f: Fact, roles: set[tuple[str, str]], ev: list[str],
                rows: Rows) -> None:
    for infra in _with(roles, "infrastructure"):
        for place in _with(roles, "place"):
            rows["connections"] += [
                (il, pl, g.doc_id, e)
                for il, pl, e in _product(g.label(infra), g.label(place), ev)]


def _enclave(g: _Graph, f: Fact, roles: set[tuple[str, str]], ev: list[str],
             rows: Rows) -> None:
    enc, host, owner = (_with(roles, r)[0] for r in ("enclave", "host", "owner"))
    rows["enclaves"] += [
        (el, f.args["kind"], hl, ol, g.doc_id, e)
        for el, hl, ol, e in _product(g.label(enc), g.label(host), g.label(owner), ev)]


def _located_in(g: _Graph, f: Fact, roles: set[tuple[str, str]], ev: list[str],
                rows: Rows) -> None:
    ent, place = _with(roles, "subject")[0], _with(roles, "place")[0]
    rows["located-in"] += [(el, pl, g.doc_id, e)
                           for el, pl, e in _product(g.label(ent), g.label(place), ev)]


def _twinning(g: _Graph, f: Fact, roles: set[tuple[str, str]], ev: list[str],
              rows: Rows) -> None:
    kind = f.args.get("kind") or ""
    members = _with(roles, "member")
    for x in members:  # each unordered pair once: ?a's label first (then its IRI)
        for y in members:
            rows["twinning"] += [
                (xl, yl, kind, g.doc_id, e)
                for xl, yl, e in _product(g.label(x), g.label(y), ev)
                if xl < yl or (xl == yl and x < y)]


_BY_RELATION = {"pairing": _pairing, "co_built": _co_built, "connection": _connection,
                "enclave": _enclave, "located_in": _located_in, "twinning": _twinning}


def _partners(g: _Graph, f: Fact, roles: set[tuple[str, str]], ev: list[str],
              rows: Rows) -> None:
    """``summary/region-partners.rq``: every (role, place) and (role, other party) of
    the fact, the other party once per category it has."""
    for _, member in sorted(roles):
        for _, other in sorted(roles):
            if other != member:
                rows["region-partners"] += [
                    (member, other, ml, f.relation, ol, cat, g.doc_id, e)
                    for cat, ml, ol, e in _product(g.categories(other), g.label(member),
                                                   g.label(other), ev)]


def _listings(g: _Graph, doc: Document) -> Rows:
    """The rows of the listing queries (and the two regional variants), unsorted."""
    rows: Rows = {name: [] for name in COLUMNS}
    for f in g.facts:
        ev = g.evidence(f)
        if ev and f.relation in _BY_RELATION:
            roles = _roles(f)
            _BY_RELATION[f.relation](g, f, roles, ev, rows)
            _partners(g, f, roles, ev, rows)
    facts = {_fact(f) for f in g.facts}
    rows["documents"].append((g.doc_id, doc.title or "", doc.date or "", doc.source or "",
                              str(len(facts)), str(len(g.mentioned())), doc.path))
    return rows


def _ent_doc(g: _Graph) -> list[tuple[str, str, str]]:
    """Each mentioned entity's first sentence here (``summary/entities.rq``)."""
    out = []
    for n in sorted(g.mentions):
        firsts = [f"{g.doc_id}\u0001{text}" for s in g.mentions[n]
                  if g.parts[s] == g.doc_node for text in g.sentences[s]]
        if firsts:
            out.append((n, g.doc_id, min(firsts)))
    return out


def _refs(g: _Graph) -> set[str]:
    """The entities the rows depend on or the document graph describes (as
    :func:`graph.summary._refs` finds them)."""
    refs = set(g.described)
    for f in g.facts:
        if g.parts[_evidence(f.span)] == g.doc_node:
            refs.update(x for _, x in _roles(f))
    refs.update(g.mentioned())
    return {n for n in refs
            if n.startswith(_ID) and not n[len(_ID):].startswith(_NOT_ENTITY)}


def document_rows(ex: Extraction, doc: Document) -> DocRows:
    """The summary rows of ``doc`` from its extraction ``ex``: what
    :func:`graph.summary.doc_rows` gives on the graph :func:`graph.rdf.document_ntriples`
    writes for it (the same tables, up to row order; the same ``ent_doc``, ``refs``,
    ``descs`` and ``described``)."""
    g = _Graph(ex, doc)
    found = _listings(g, doc)
    tables = {}
    for name, (_, kinds) in COLUMNS.items():
        values = found[name]
        at = COLUMNS[name][0].index("source")
        tables[name] = (list(kinds) if values else ["-"] * len(kinds),
                        [(row[at], *row) for row in values])
    refs = _refs(g)
    return DocRows(tables, _ent_doc(g), refs, {n: g.desc(n) for n in sorted(refs)},
                   {n: g.desc(n) for n in sorted(g.described)})


__all__ = ["COLUMNS", "document_rows"]
