"""Project the RDF graph onto a :class:`networkx.MultiDiGraph` (for GraphML, CSV, HTML).

The schema is shared with :mod:`graph.viz`; every attribute is a scalar (GraphML-safe).

Nodes (id = entity IRI): ``label`` (Simplified canonical), ``category`` (Region | Park |
Enterprise | Infrastructure | Institution), ``kind`` (most specific class, e.g. District),
``adcode`` ("" if none), ``lon``/``lat`` (floats, absent if unknown), ``coords_from``
(IRI of the region whose point ``lon``/``lat`` borrow -- approximate coordinates -- absent
when they are the entity's own), ``parent`` (IRI of
``cg:partOf`` or ""), ``alt_labels`` ("|"-joined), ``mentioned`` (number of documents),
``sources`` ("|"-joined document ids), ``evidence`` (one sentence or "").

Edges (key = fact IRI, or ``"partOf:" + child IRI``): ``relation`` (pairing, co_built,
enclave_host, enclave_owner, twinning, connection, located_in, part_of), ``label`` (short
Chinese), ``evidence`` (sentences joined by newlines), ``source`` ("|"-joined document
ids), ``status``, ``date``, ``rule``, ``confidence`` (float), ``fact`` (IRI), ``kind``
(enclave kind / twinning words), ``up_function``/``down_function`` (pairing words) and
``up_function_id``/``down_function_id`` (normalised ids). Directions: pairing
upstream→downstream, co_built partner→park, enclave_* enclave→host/owner, twinning a→b
(by label), connection infrastructure→place, located_in entity→place, part_of
child→parent.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from .model import CATEGORIES
from .store import load_store

CG = "https://w3id.org/coopgraph/ontology#"
_PREFIXES = """
PREFIX cg: <https://w3id.org/coopgraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX wgs84: <http://www.w3.org/2003/01/geo/wgs84_pos#>
"""
_ENTITIES = _PREFIXES + """
SELECT ?e ?class ?type WHERE {
  VALUES ?class { cg:Region cg:Park cg:Enterprise cg:Infrastructure cg:Institution }
  ?e a ?class ; a ?type .
}"""
_ATTRS = _PREFIXES + """
SELECT ?e ?p ?o WHERE {
  VALUES ?class { cg:Region cg:Park cg:Enterprise cg:Infrastructure cg:Institution }
  VALUES ?p { skos:prefLabel skos:altLabel cg:adcode wgs84:lat wgs84:long cg:partOf
             cg:coordinatesFrom }
  ?e a ?class ; ?p ?o .
}"""
_MENTIONS = _PREFIXES + """
SELECT ?e ?doc ?text WHERE {
  ?e cg:mentionedIn ?s . ?s dcterms:isPartOf/dcterms:identifier ?doc ; prov:value ?text .
}"""
_FACTS = _PREFIXES + """
SELECT ?f ?p ?o WHERE { ?f a cg:CooperationFact ; ?p ?o . }"""
_EVIDENCE = _PREFIXES + """
SELECT ?f ?doc ?text WHERE {
  ?f a cg:CooperationFact ; cg:evidence ?s .
  ?s dcterms:isPartOf/dcterms:identifier ?doc ; prov:value ?text .
}"""

RELATION_LABELS = {
    "co_built": "共建", "twinning": "结对", "connection": "连接", "located_in": "位于",
    "part_of": "隶属", "enclave_host": "飞地所在地", "enclave_owner": "飞地所属",
}
_STATUS = {"Planned": "planned", "UnderConstruction": "under_construction",
           "Completed": "completed"}
_EDGE_DEFAULTS: dict[str, Any] = {
    "relation": "", "label": "", "evidence": "", "source": "", "status": "", "date": "",
    "rule": "", "confidence": 1.0, "fact": "", "kind": "", "up_function": "",
    "down_function": "", "up_function_id": "", "down_function_id": "",
}


def _local(iri: str) -> str:
    return iri[len(CG):] if iri.startswith(CG) else iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _select(store: ox.Store, sparql: str) -> list[tuple]:
    res = store.query(sparql, use_default_graph_as_union=False)
    names = [v.value for v in res.variables]
    return [tuple(sol[n] for n in names) for sol in res]


def _nodes(store: ox.Store) -> dict[str, dict[str, Any]]:
    types: dict[str, set[str]] = defaultdict(set)
    category: dict[str, str] = {}
    for e, cls, t in _select(store, _ENTITIES):
        iri, cat = e.value, _local(cls.value)
        prev = category.get(iri)
        category[iri] = cat if prev is None else min(prev, cat, key=CATEGORIES.index)
        if t.value.startswith(CG):
            types[iri].add(_local(t.value))
    attrs: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for e, p, o in _select(store, _ATTRS):
        attrs[e.value][_local(p.value)].append(o)
    docs: dict[str, dict[str, str]] = defaultdict(dict)
    for e, doc, text in _select(store, _MENTIONS):
        seen = docs[e.value]
        if doc.value not in seen or text.value < seen[doc.value]:
            seen[doc.value] = text.value
    nodes = {}
    for iri in sorted(category):
        cat = category[iri]
        kinds = sorted(types[iri] - set(CATEGORIES)) or [cat]
        a = attrs.get(iri, {})
        pref = sorted(o.value for o in a.get("prefLabel", []))
        label = pref[0] if pref else _local(iri)
        alts = sorted({o.value for o in a.get("altLabel", [])} - {label})
        adcodes = sorted(o.value for o in a.get("adcode", []))
        parents = sorted(o.value for o in a.get("partOf", []) if isinstance(o, ox.NamedNode))
        seen = docs.get(iri, {})
        first = min(seen) if seen else None
        node: dict[str, Any] = {
            "label": label, "category": cat, "kind": kinds[0],
            "adcode": adcodes[0] if adcodes else "", "parent": parents[0] if parents else "",
            "alt_labels": "|".join(alts), "mentioned": len(seen),
            "sources": "|".join(sorted(seen)), "evidence": seen[first] if first else "",
        }
        lats, lons = a.get("lat", []), a.get("long", [])
        if lats and lons:
            try:
                node["lat"], node["lon"] = float(lats[0].value), float(lons[0].value)
            except ValueError:
                pass
            borrowed = sorted(o.value for o in a.get("coordinatesFrom", []))
            if borrowed and "lat" in node:
                node["coords_from"] = borrowed[0]
        nodes[iri] = node
    return nodes


def _facts(store: ox.Store) -> dict[str, dict[str, list]]:
    facts: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for f, p, o in _select(store, _FACTS):
        facts[f.value][_local(p.value)].append(o)
    for f, doc, text in _select(store, _EVIDENCE):
        facts[f.value]["_evidence"].append((doc.value, text.value))
    return facts


def _common(fact: str, props: dict[str, list]) -> dict[str, Any]:
    ev = sorted(set(props.get("_evidence", [])))
    conf = [float(o.value) for o in props.get("confidence", [])]
    status = sorted(_STATUS.get(_local(o.value), _local(o.value)) for o in props.get("status", []))
    dates = sorted(o.value for o in props.get("date", []))
    return {
        **_EDGE_DEFAULTS,
        "evidence": "\n".join(dict.fromkeys(text for _, text in ev)),
        "source": "|".join(dict.fromkeys(doc for doc, _ in ev)),
        "status": status[0] if status else "", "date": dates[0] if dates else "",
        "rule": "|".join(sorted({o.value for o in props.get("rule", [])})),
        "confidence": max(conf) if conf else 1.0, "fact": fact,
    }


def _iris(props: dict[str, list], key: str) -> list[str]:
    return sorted({o.value for o in props.get(key, []) if isinstance(o, ox.NamedNode)})


def _text(props: dict[str, list], key: str) -> str:
    vals = sorted(o.value for o in props.get(key, []))
    return vals[0] if vals else ""


def _fact_edges(fact: str, props: dict[str, list], nodes: dict[str, dict]
                ) -> list[tuple[str, str, dict[str, Any]]]:
    types = {_local(o.value) for o in props.get("type", [])}
    base = _common(fact, props)
    out: list[tuple[str, str, dict[str, Any]]] = []

    def edge(u: str, v: str, relation: str, **extra: Any) -> None:
        out.append((u, v, {**base, "relation": relation,
                           "label": RELATION_LABELS.get(relation, relation), **extra}))

    if "FunctionSplit" in types:
        up_text, down_text = _text(props, "upstreamFunctionText"), _text(
            props, "downstreamFunctionText")
        for u in _iris(props, "upstreamPlace"):
            for v in _iris(props, "downstreamPlace"):
                edge(u, v, "pairing", label=f"{up_text} → {down_text}",
                     up_function=up_text, down_function=down_text,
                     up_function_id=_local(_text(props, "upstreamFunction")),
                     down_function_id=_local(_text(props, "downstreamFunction")))
    if "CoBuilding" in types:
        for park in _iris(props, "park"):
            for partner in _iris(props, "partner"):
                edge(partner, park, "co_built")
    if "EnclaveArrangement" in types:
        kind = _text(props, "enclaveKind")
        prefix = "反向" if kind == "reverse" else ""
        for enc in _iris(props, "enclave"):
            for host in _iris(props, "host"):
                edge(enc, host, "enclave_host", label=prefix + "飞地所在地", kind=kind)
            for owner in _iris(props, "owner"):
                edge(enc, owner, "enclave_owner", label=prefix + "飞地所属", kind=kind)
    if "Twinning" in types:
        members = sorted(_iris(props, "member"),
                         key=lambda m: (nodes.get(m, {}).get("label", ""), m))
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                edge(a, b, "twinning", kind=_text(props, "twinningKind"))
    if "Connection" in types:
        for infra in _iris(props, "infrastructure"):
            for place in _iris(props, "place"):
                edge(infra, place, "connection")
    if "Location" in types:
        for ent in _iris(props, "subject"):
            for place in _iris(props, "place"):
                edge(ent, place, "located_in")
    return [(u, v, d) for u, v, d in out if u in nodes and v in nodes]


def to_networkx(store: ox.Store) -> nx.MultiDiGraph:
    """Project the graph in ``store`` onto a MultiDiGraph (schema in the module doc).

    Examples
    --------
    >>> g = to_networkx(load_store("out/graph.trig"))  # doctest: +SKIP
    >>> g.nodes["https://w3id.org/coopgraph/id/region/440404"]["label"]  # doctest: +SKIP
    '金湾区'
    """
    nodes = _nodes(store)
    g = nx.MultiDiGraph(name="coopgraph")
    for iri, attrs in nodes.items():
        g.add_node(iri, **attrs)
    for iri, attrs in nodes.items():
        parent = attrs["parent"]
        if parent and parent in nodes:
            g.add_edge(iri, parent, key=f"partOf:{iri}",
                       **{**_EDGE_DEFAULTS, "relation": "part_of", "label": "隶属"})
    facts = _facts(store)
    edges = []
    for fact in sorted(facts):
        edges.extend(_fact_edges(fact, facts[fact], nodes))
    for u, v, data in sorted(edges, key=lambda e: (e[2]["relation"], e[2]["fact"], e[0], e[1])):
        g.add_edge(u, v, key=data["fact"], **data)
    return g


def load_networkx(path: str | Path) -> nx.MultiDiGraph:
    """Load a graph file and project it (see :func:`to_networkx`)."""
    return to_networkx(load_store(path))


__all__ = ["RELATION_LABELS", "load_networkx", "to_networkx"]
