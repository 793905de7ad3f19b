"""Explain an entity or a fact: what the graph knows about it and why (the evidence)."""
from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx
import pyoxigraph as ox

from .errors import QueryError
from .netx import to_networkx
from .store import PREFIXES

_EVIDENCE = """
PREFIX cg: <https://w3id.org/coopgraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?fact ?doc ?start ?text WHERE {
  ?fact a cg:CooperationFact ; cg:evidence ?s .
  ?s dcterms:isPartOf/dcterms:identifier ?doc ; prov:value ?text .
  OPTIONAL { ?s cg:startOffset ?start }
}"""


def _expand(name: str) -> str | None:
    """An IRI if ``name`` is written as one (``<…>``, ``http…``, ``prefix:…``)."""
    text = name.strip()
    if text.startswith("<") and text.endswith(">"):
        return text[1:-1]
    if text.startswith(("http://", "https://")):
        return text
    prefix, sep, rest = text.partition(":")
    if sep and prefix in PREFIXES and rest:
        return PREFIXES[prefix] + rest
    return None


def find_entities(g: nx.MultiDiGraph, name: str) -> list[str]:
    """Node ids whose label or alternative label is ``name`` (or the IRI ``name``)."""
    iri = _expand(name)
    if iri is not None:
        return [iri] if iri in g else []
    exact = [n for n, d in g.nodes(data=True) if d["label"] == name]
    alt = [n for n, d in g.nodes(data=True)
           if n not in exact and name and name in d["alt_labels"].split("|")]
    return sorted(exact) + sorted(alt)


def _evidence(store: ox.Store) -> dict[str, list[tuple[str, int, str]]]:
    out: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
    res = store.query(_EVIDENCE, use_default_graph_as_union=False)
    for sol in res:
        start = int(sol["start"].value) if sol["start"] is not None else -1
        out[sol["fact"].value].append((sol["doc"].value, start, sol["text"].value))
    return {k: sorted(set(v)) for k, v in out.items()}


def _label(g: nx.MultiDiGraph, n: str) -> str:
    return g.nodes[n]["label"] if n in g else n


def _summary(g: nx.MultiDiGraph, edges: list[tuple[str, str, dict]]) -> str:
    rel = edges[0][2]["relation"]
    L = lambda n: _label(g, n)  # noqa: E731
    if rel == "pairing":
        u, v, d = edges[0]
        return f"pairing  {L(u)}（{d['up_function']}）→ {L(v)}（{d['down_function']}）"
    if rel == "co_built":
        partners = "、".join(sorted({L(u) for u, _, _ in edges}))
        return f"co_built  {L(edges[0][1])} 共建方: {partners}"
    if rel in ("enclave_host", "enclave_owner"):
        host = "、".join(L(v) for _, v, d in edges if d["relation"] == "enclave_host")
        owner = "、".join(L(v) for _, v, d in edges if d["relation"] == "enclave_owner")
        kind = edges[0][2]["kind"] or "forward"
        return f"enclave ({kind})  {L(edges[0][0])}  所在地 {host}  所属 {owner}"
    if rel == "twinning":
        u, v, d = edges[0]
        kind = f"（{d['kind']}）" if d["kind"] else ""
        return f"twinning  {L(u)} ↔ {L(v)}{kind}"
    if rel == "connection":
        places = "、".join(sorted({L(v) for _, v, _ in edges}))
        return f"connection  {L(edges[0][0])} 连接 {places}"
    if rel == "located_in":
        u, v, _ = edges[0]
        return f"located_in  {L(u)} 位于 {L(v)}"
    return rel


def _fact_block(g: nx.MultiDiGraph, fact: str, edges: list[tuple[str, str, dict]],
                evidence: list[tuple[str, int, str]]) -> list[str]:
    d = edges[0][2]
    lines = [f"  {_summary(g, edges)}"]
    meta = [f"rule {d['rule']}", f"confidence {d['confidence']:.2f}"]
    if d["status"]:
        meta.append(f"status {d['status']}")
    if d["date"]:
        meta.append(f"date {d['date']}")
    lines.append(f"    {' · '.join(meta)}")
    lines.append(f"    fact {fact}")
    for doc, start, text in evidence:
        where = f"{doc}@{start}" if start >= 0 else doc
        lines.append(f"    [{where}] {' '.join(text.split())}")
    return lines


def _facts_by_iri(g: nx.MultiDiGraph) -> dict[str, list[tuple[str, str, dict]]]:
    out: dict[str, list[tuple[str, str, dict]]] = defaultdict(list)
    for u, v, d in g.edges(data=True):
        if d["fact"]:
            out[d["fact"]].append((u, v, d))
    return dict(out)


def _entity_block(g: nx.MultiDiGraph, n: str, facts: dict[str, list],
                  evidence: dict[str, list]) -> list[str]:
    d: dict[str, Any] = g.nodes[n]
    kind = f" · {d['kind']}" if d["kind"] != d["category"] else ""
    lines = [f"{d['label']}  ({d['category']}{kind})", f"  iri        {n}"]
    if d["adcode"]:
        lines.append(f"  adcode     {d['adcode']}")
    chain, cur, seen = [d["label"]], d["parent"], {n}
    while cur and cur in g and cur not in seen:
        seen.add(cur)
        chain.append(g.nodes[cur]["label"])
        cur = g.nodes[cur]["parent"]
    if len(chain) > 1:
        lines.append(f"  hierarchy  {' › '.join(reversed(chain))}")
    if d["alt_labels"]:
        lines.append(f"  also       {d['alt_labels'].replace('|', '、')}")
    if "lon" in d and "lat" in d:
        approx = (f"  (≈ the point of {_label(g, d['coords_from'])}: no coordinates of its own)"
                  if d.get("coords_from") else "")
        lines.append(f"  lon/lat    {d['lon']}, {d['lat']}{approx}")
    sources = d["sources"].replace("|", ", ")
    lines.append(f"  mentioned  {d['mentioned']} document{'s' if d['mentioned'] != 1 else ''}"
                 + (f": {sources}" if sources else ""))
    if d["evidence"]:
        lines.append(f"  first seen {' '.join(d['evidence'].split())}")
    touching = [d["fact"] for _, _, d in g.in_edges(n, data=True)]
    touching += [d["fact"] for _, _, d in g.out_edges(n, data=True)]
    mine = sorted({f for f in touching if f in facts},
                  key=lambda f: (facts[f][0][2]["relation"], f))
    lines.append(f"facts ({len(mine)}):")
    for fact in mine:
        lines += _fact_block(g, fact, facts[fact], evidence.get(fact, []))
    return lines


def explain(store: ox.Store, name_or_iri: str) -> str:
    """Describe an entity (by label, alternative label or IRI) or a fact (by IRI).

    Raises
    ------
    QueryError
        If nothing in the graph has that name or IRI.

    Examples
    --------
    >>> print(explain(load_store("out/graph.trig"), "金湾区"))  # doctest: +SKIP
    """
    name_or_iri = name_or_iri.strip()
    if not name_or_iri:
        raise QueryError("empty name: give an entity's label (金湾区), alternative label "
                         "or IRI, or a fact IRI")
    g = to_networkx(store)
    facts = _facts_by_iri(g)
    evidence = _evidence(store)
    iri = _expand(name_or_iri)
    if iri is not None and iri in facts:
        lines = [f"fact {iri}"] + _fact_block(g, iri, facts[iri], evidence.get(iri, []))
        return "\n".join(lines) + "\n"
    found = find_entities(g, name_or_iri)
    if not found:
        needle = name_or_iri.strip()
        near = sorted({d["label"] for _, d in g.nodes(data=True) if needle and needle in d["label"]})
        hint = f" (did you mean {', '.join(near[:5])}?)" if near else ""
        raise QueryError(f"no entity or fact named {name_or_iri!r} in the graph{hint}")
    blocks = ["\n".join(_entity_block(g, n, facts, evidence)) for n in found]
    return "\n\n".join(blocks) + "\n"


__all__ = ["explain", "find_entities"]
