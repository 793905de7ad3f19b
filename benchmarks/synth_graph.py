"""A big synthetic graph for query benchmarks: real build outputs copied N times.

Every copy gets its own documents, facts, evidence sentences and non-region entities
(parks, enterprises, infrastructure, institutions, with numbered labels); regions and
zones are shared, as they are in a real corpus (the gazetteer is finite). So the graph
grows like a real one: more documents, more facts, more named things, one hierarchy.

    python benchmarks/synth_graph.py out/graph.trig --copies 200 --store /tmp/big
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph.kgstore import open_store  # noqa: E402

ID = "https://w3id.org/coopgraph/id/"
_PER_COPY = ("doc/", "fact/", "park/", "enterprise/", "infrastructure/", "institution/")
_LABELS = {"http://www.w3.org/2004/02/skos/core#prefLabel",
           "http://www.w3.org/2004/02/skos/core#altLabel",
           "http://www.w3.org/2000/01/rdf-schema#label"}
_IDENTIFIER = "http://purl.org/dc/terms/identifier"
_FORMATS = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS,
            ".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES}


def _renamed(iri: str, k: int) -> str | None:
    if not iri.startswith(ID):
        return None
    local = iri[len(ID):]
    if local.startswith("evidence/"):
        _, doc, span = local.split("/", 2)
        return f"{ID}evidence/{doc}~{k}/{span}"
    if local.startswith(_PER_COPY):
        return f"{iri}~{k}"
    return None


def _term(term: object, k: int) -> object:
    if isinstance(term, ox.NamedNode):
        new = _renamed(term.value, k)
        return ox.NamedNode(new) if new else term
    return term


def copy_quads(quads: list[ox.Quad], k: int) -> Iterator[ox.Quad]:
    """Copy ``k`` of ``quads`` (copy 0 is the original)."""
    if k == 0:
        yield from quads
        return
    for q in quads:
        s, p, o, g = q.subject, q.predicate, q.object, q.graph_name
        obj = _term(o, k)
        if isinstance(o, ox.Literal) and isinstance(s, ox.NamedNode):
            renamed = _renamed(s.value, k) is not None
            if renamed and (p.value in _LABELS or p.value == _IDENTIFIER):
                suffix = f"~{k}" if p.value == _IDENTIFIER else str(k)
                obj = ox.Literal(o.value + suffix, language=o.language) if o.language \
                    else ox.Literal(o.value + suffix, datatype=o.datatype)
        graph = g if isinstance(g, ox.DefaultGraph) else _term(g, k)
        yield ox.Quad(_term(s, k), p, obj, graph)


def read_quads(paths: Iterable[Path]) -> list[ox.Quad]:
    store = ox.Store()
    for path in paths:
        store.load(path=str(path), format=_FORMATS[path.suffix.lower()])
    return list(store)


def synthesize(paths: Iterable[Path], copies: int, target: ox.Store) -> int:
    """Load ``copies`` copies of the graphs in ``paths`` into ``target``; quads added."""
    base = read_quads(paths)
    for k in range(copies):
        target.bulk_extend(copy_quads(base, k))
    target.optimize()
    return len(base) * copies


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("graphs", nargs="+", type=Path, help="graph files written by build")
    ap.add_argument("--copies", type=int, default=100)
    ap.add_argument("--store", type=Path, required=True, help="on-disk store to create")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    store = open_store(args.store, create=True)  # a coopgraph store: --store works on it
    n = synthesize(args.graphs, args.copies, store)
    store.flush()
    print(f"{n} quads ({args.copies} copies) into {args.store} "
          f"in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
