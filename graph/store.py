"""Graph files: write an rdflib Dataset deterministically, load a file into Oxigraph.

Writing goes through rdflib (pretty Turtle/TriG with prefixes); every format is
canonicalised first (quads sorted, graphs sorted, fixed prefixes), so the same dataset
gives byte-identical files whatever order its triples were added in. Files are written
to a temporary file in the target folder and renamed into place, so a reader never sees
a half-written graph.

Reading goes through pyoxigraph's own parsers (about ten times faster than rdflib's)
into an in-memory :class:`pyoxigraph.Store` that the queries and projections run on.
"""
from __future__ import annotations

import json
import os
from io import BytesIO
import warnings
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugins.serializers.trig import TrigSerializer
from rdflib.term import Node

from .atomic import write_bytes
from .errors import GraphFileError
from .vocab import CG, DCTERMS, GEO, GSP, ID, OWL, PROV, RDF, RDFS, SKOS, XSD

#: Prefixes written in every Turtle/TriG/JSON-LD file (and offered to SPARQL queries).
PREFIXES: dict[str, str] = {
    "cg": str(CG._NS),
    "dcterms": str(DCTERMS),
    "geo": str(GSP),
    "id": str(ID),
    "owl": str(OWL),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "wgs84": str(GEO),
    "xsd": str(XSD),
}

#: File extension → format name.
FORMATS: dict[str, str] = {
    ".trig": "trig",
    ".ttl": "ttl",
    ".nt": "nt",
    ".nq": "nq",
    ".jsonld": "jsonld",
}
_OX_FORMATS = {
    "trig": ox.RdfFormat.TRIG,
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}
_XSD_STRING = str(XSD.string)
_RDF_LANGSTRING = str(RDF.langString)

Quad = tuple[Node, Node, Node, Node | None]


def format_of(path: str | Path) -> str:
    """Format name for a graph file, from its extension.

    Raises
    ------
    GraphFileError
        If the extension is not one of :data:`FORMATS`.
    """
    ext = Path(path).suffix.lower()
    if ext not in FORMATS:
        known = ", ".join(sorted(FORMATS))
        raise GraphFileError(f"unknown graph format {str(path)!r}: use one of {known}")
    return FORMATS[ext]


# --- writing ------------------------------------------------------------------------

def _key(term: Node | None) -> str:
    return "" if term is None else term.n3()


def canonical_quads(ds: Dataset) -> list[Quad]:
    """Every quad of ``ds``, sorted; the graph is ``None`` for the default graph."""
    out: set[Quad] = set()
    for s, p, o, g in ds.quads((None, None, None, None)):
        gid = g.identifier if isinstance(g, Graph) else g
        if gid is None or gid == DATASET_DEFAULT_GRAPH_ID:
            gid = None
        out.add((s, p, o, gid))
    return sorted(out, key=lambda q: (_key(q[3]), _key(q[0]), _key(q[1]), _key(q[2])))


def _bind(g: Graph) -> None:
    for prefix, ns in sorted(PREFIXES.items()):
        g.bind(prefix, ns, override=True, replace=True)


def canonical_dataset(ds: Dataset) -> Dataset:
    """A copy of ``ds`` whose triples were inserted in sorted order, with fixed prefixes."""
    out = Dataset()
    _bind(out)
    for s, p, o, g in canonical_quads(ds):
        target = out.default_graph if g is None else out.graph(g)
        target.add((s, p, o))
    return out


def _union(quads: Iterable[Quad]) -> Graph:
    g = Graph()
    _bind(g)
    for s, p, o, _ in sorted({q[:3] + (None,) for q in quads},
                             key=lambda q: (_key(q[0]), _key(q[1]), _key(q[2]))):
        g.add((s, p, o))
    return g


_NT_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _nt_term(term: Node) -> str:
    """N-Triples form of a term (UTF-8, only the escapes the grammar requires)."""
    if isinstance(term, Literal):
        text = f'"{str(term).translate(_NT_ESCAPES)}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return f"{text}^^<{term.datatype}>"
        return text
    if isinstance(term, BNode):
        return f"_:{term}"
    return f"<{term}>"


def _lines(quads: Iterable[Quad], *, graphs: bool) -> str:
    rows = set()
    for s, p, o, g in quads:
        parts = [_nt_term(s), _nt_term(p), _nt_term(o)]
        if graphs and g is not None:
            parts.append(_nt_term(g))
        rows.add(" ".join(parts) + " .\n")
    return "".join(sorted(rows))


def _trig(ds: Dataset) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        ser = TrigSerializer(ds)
    # rdflib keeps graphs in a set (hash order differs per process): sort them.
    seen: dict[Node, Graph] = {}
    for g in ser.contexts:
        seen.setdefault(g.identifier, g)
    ser.contexts = sorted(seen.values(), key=lambda g: (
        g.identifier != DATASET_DEFAULT_GRAPH_ID, str(g.identifier)))
    buf = BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        ser.serialize(buf, encoding="utf-8")
    return buf.getvalue().decode("utf-8")


def _compact(iri: str) -> str:
    best = iri
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns) and not iri[len(ns):].startswith("//"):
            cand = f"{prefix}:{iri[len(ns):]}"
            if len(cand) < len(best):
                best = cand
    return best


def _jsonld_value(o: Node) -> object:
    if isinstance(o, Literal):
        if o.language:
            return {"@language": o.language, "@value": str(o)}
        if o.datatype is None or str(o.datatype) == _XSD_STRING:
            return str(o)
        return {"@type": _compact(str(o.datatype)), "@value": str(o)}
    if isinstance(o, BNode):
        return {"@id": f"_:{o}"}
    return {"@id": _compact(str(o))}


def _jsonld_nodes(triples: Iterable[tuple[Node, Node, Node]]) -> list[dict]:
    nodes: dict[str, dict[str, list]] = {}
    for s, p, o in triples:
        sid = f"_:{s}" if isinstance(s, BNode) else _compact(str(s))
        node = nodes.setdefault(sid, {})
        if p == RDF.type and not isinstance(o, Literal):
            node.setdefault("@type", []).append(_compact(str(o)))
        else:
            node.setdefault(_compact(str(p)), []).append(_jsonld_value(o))
    out = []
    for sid in sorted(nodes):
        obj: dict[str, object] = {"@id": sid}
        for key in sorted(nodes[sid]):
            vals = sorted(nodes[sid][key], key=lambda v: json.dumps(v, ensure_ascii=False,
                                                                    sort_keys=True))
            obj[key] = vals[0] if len(vals) == 1 else vals
        out.append(obj)
    return out


def _jsonld(ds: Dataset) -> str:
    """Flattened JSON-LD: default-graph nodes at the top, then one object per named graph.

    rdflib's own serializer puts the default graph under a blank-node graph, which a
    reader takes for a named graph; this writer keeps the dataset structure.
    """
    quads = canonical_quads(ds)
    graph: list[dict] = _jsonld_nodes(q[:3] for q in quads if q[3] is None)
    names = sorted({q[3] for q in quads if q[3] is not None}, key=_key)
    for name in names:
        gid = f"_:{name}" if isinstance(name, BNode) else _compact(str(name))
        graph.append({"@id": gid,
                      "@graph": _jsonld_nodes(q[:3] for q in quads if q[3] == name)})
    doc = {"@context": dict(sorted(PREFIXES.items())), "@graph": graph}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def serialize_dataset(ds: Dataset, fmt: str) -> str:
    """Serialise ``ds`` in ``fmt`` (``trig``, ``ttl``, ``nt``, ``nq``, ``jsonld``).

    Turtle and N-Triples hold the union of all graphs (they have no named graphs).
    """
    if fmt == "trig":
        return _trig(canonical_dataset(ds))
    if fmt == "ttl":
        return _union(canonical_quads(ds)).serialize(format="turtle")
    if fmt == "nt":
        return _lines(canonical_quads(ds), graphs=False)
    if fmt == "nq":
        return _lines(canonical_quads(ds), graphs=True)
    if fmt == "jsonld":
        return _jsonld(ds)
    known = ", ".join(sorted(FORMATS.values()))
    raise GraphFileError(f"unknown graph format {fmt!r}: use one of {known}")


def write_atomic(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` safely (temporary file + rename, lock); see
    :func:`graph.atomic.write_bytes`."""
    return write_bytes(path, data)


def save_dataset(ds: Dataset, path: str | Path, fmt: str | None = None) -> Path:
    """Write ``ds`` to ``path`` atomically; the format comes from the extension.

    Parameters
    ----------
    ds : rdflib.Dataset
        The dataset (default graph + one named graph per document).
    path : str or Path
        Target file: ``.trig``, ``.ttl``, ``.nt``, ``.nq`` or ``.jsonld``.
    fmt : str, optional
        Format name overriding the extension (a key of ``FORMATS.values()``).

    Returns
    -------
    Path
        The path written.

    Examples
    --------
    >>> save_dataset(to_dataset(extraction), "out/graph.trig")  # doctest: +SKIP
    """
    fmt = fmt or format_of(path)
    return write_atomic(path, serialize_dataset(ds, fmt).encode("utf-8"))


# --- reading ------------------------------------------------------------------------

def load_store(path: str | Path) -> ox.Store:
    """Load a graph file into an in-memory Oxigraph store (format by extension).

    Raises
    ------
    GraphFileError
        For a missing file, an unknown extension or a parse error (one line).
    """
    path = Path(path)
    fmt = format_of(path)
    if not path.is_file():
        raise GraphFileError(f"graph file not found: {path}")
    store = ox.Store()
    try:
        store.load(path=str(path), format=_OX_FORMATS[fmt])
    except SyntaxError as exc:
        first = (str(exc).strip().splitlines() or ["syntax error"])[0]
        raise GraphFileError(f"cannot parse {path}: {first}") from None
    except (OSError, ValueError) as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise GraphFileError(f"cannot read {path}: {first}") from None
    return store


def store_from_dataset(ds: Dataset) -> ox.Store:
    """An Oxigraph store holding the quads of an rdflib dataset (for in-memory runs)."""
    store = ox.Store()
    data = _lines(canonical_quads(ds), graphs=True).encode("utf-8")
    store.load(data, format=ox.RdfFormat.N_QUADS)
    return store


def _to_rdflib(term: object) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        # Oxigraph types plain literals as xsd:string; rdflib writes them without a type.
        if dt in (_XSD_STRING, _RDF_LANGSTRING):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    raise GraphFileError(f"unsupported RDF term in graph: {term!r}")


def _iter_quads(store: ox.Store) -> Iterator[Quad]:
    for q in store:
        g = None if isinstance(q.graph_name, ox.DefaultGraph) else _to_rdflib(q.graph_name)
        yield _to_rdflib(q.subject), _to_rdflib(q.predicate), _to_rdflib(q.object), g


def dataset_from_store(store: ox.Store) -> Dataset:
    """An rdflib dataset with the quads of an Oxigraph store (for serialising)."""
    ds = Dataset()
    _bind(ds)
    for s, p, o, g in _iter_quads(store):
        (ds.default_graph if g is None else ds.graph(g)).add((s, p, o))
    return ds


__all__ = ["FORMATS", "PREFIXES", "canonical_dataset", "canonical_quads", "dataset_from_store",
           "format_of", "load_store", "save_dataset", "serialize_dataset",
           "store_from_dataset", "write_atomic"]
