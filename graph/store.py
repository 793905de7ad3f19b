"""Graph files: write quads deterministically with Oxigraph, load a file into Oxigraph.

Writing goes through pyoxigraph's serialisers (Turtle/TriG with the prefixes of
:data:`PREFIXES`). Every format is canonicalised first -- quads sorted by graph (default
graph first), subject, predicate and object -- so the same quads give byte-identical files
whatever order they were produced in. Literals are written term for term (``0.80`` stays
``0.80``). Files are written to a temporary file in the target folder and renamed into
place, so a reader never sees a half-written graph.

Reading goes through pyoxigraph's own parsers into an in-memory :class:`pyoxigraph.Store`
that the queries and projections run on. rdflib datasets are accepted and returned where
a user asks for them (:func:`dataset_from_store`).
"""
from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Iterable, Iterator, Union

import pyoxigraph as ox

from .atomic import write_bytes, write_with
from .errors import GraphFileError
from .prefixes import PREFIXES  # plain strings: reading a graph needs no rdflib

if TYPE_CHECKING:  # rdflib is imported only when an rdflib dataset is handed in
    from rdflib import Dataset
    from rdflib.term import Node
else:
    Dataset = Node = Any

#: Prefixes declared in Turtle/TriG files. ``id:`` is left out: the local parts of entity
#: IRIs hold ``/`` and ``%``, which Turtle must escape (``id:park\/\%E9…``); full IRIs read
#: better.
FILE_PREFIXES: dict[str, str] = {k: v for k, v in PREFIXES.items()
                                 if k not in ("id", "owl", "rdf")}

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
_XSD_STRING = PREFIXES["xsd"] + "string"
_RDF_TYPE = PREFIXES["rdf"] + "type"

Quad = tuple[Node, Node, Node, Union[Node, None]]
#: What the writers accept: pyoxigraph quads (a store is an iterable of them) or an
#: rdflib dataset.
QuadSource = Union[ox.Store, Iterable[ox.Quad], Dataset]


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
    """Every quad of an rdflib dataset, sorted; the graph is ``None`` for the default graph."""
    from rdflib import Graph
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    out: set[Quad] = set()
    for s, p, o, g in ds.quads((None, None, None, None)):
        gid = g.identifier if isinstance(g, Graph) else g
        if gid is None or gid == DATASET_DEFAULT_GRAPH_ID:
            gid = None
        out.add((s, p, o, gid))
    return sorted(out, key=lambda q: (_key(q[3]), _key(q[0]), _key(q[1]), _key(q[2])))


def _ox_term(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    raise GraphFileError(f"unsupported RDF term in graph: {term!r}")


def _is_rdflib_dataset(source: object) -> bool:
    if "rdflib" not in sys.modules:
        return False
    from rdflib import Dataset as RdflibDataset

    return isinstance(source, RdflibDataset)


def quads_of(source: QuadSource) -> Iterator[ox.Quad]:
    """pyoxigraph quads of a store, an iterable of quads or an rdflib dataset."""
    if _is_rdflib_dataset(source):
        for s, p, o, g in canonical_quads(source):
            yield ox.Quad(_ox_term(s), _ox_term(p), _ox_term(o),
                          ox.DefaultGraph() if g is None else _ox_term(g))
    else:
        yield from source


def _graph_key(g: object) -> tuple[int, str]:
    return (0, "") if isinstance(g, ox.DefaultGraph) else (1, str(g))


def sorted_quads(source: QuadSource) -> list[ox.Quad]:
    """The distinct quads of ``source`` in canonical order: default graph first, then named
    graphs by IRI; within a graph by their N-Quads form (subject, predicate, object)."""
    by_graph: dict[object, set[ox.Quad]] = {}
    for q in quads_of(source):
        by_graph.setdefault(q.graph_name, set()).add(q)
    out: list[ox.Quad] = []
    for g in sorted(by_graph, key=_graph_key):
        out.extend(sorted(by_graph[g], key=str))
    return out


def _with_header(data: bytes, prefixes: dict[str, str]) -> bytes:
    """Replace the serialiser's prefix lines by a sorted, fixed header."""
    lines = data.split(b"\n")
    i = 0
    while i < len(lines) and lines[i].startswith(b"@prefix "):
        i += 1
    head = "".join(f"@prefix {k}: <{v}> .\n" for k, v in sorted(prefixes.items()))
    body = b"\n".join(lines[i:])
    return head.encode("utf-8") + (b"\n" + body if body.strip() else b"")


def _compact(iri: str) -> str:
    best = iri
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns) and not iri[len(ns):].startswith("//"):
            cand = f"{prefix}:{iri[len(ns):]}"
            if len(cand) < len(best):
                best = cand
    return best


def _jsonld_id(term: object) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else _compact(term.value)


def _jsonld_value(o: object) -> object:
    if isinstance(o, ox.Literal):
        if o.language:
            return {"@language": o.language, "@value": o.value}
        if o.datatype.value == _XSD_STRING:
            return o.value
        return {"@type": _compact(o.datatype.value), "@value": o.value}
    return {"@id": _jsonld_id(o)}


def _jsonld_nodes(quads: Iterable[ox.Quad]) -> list[dict]:
    nodes: dict[str, dict[str, list]] = {}
    rdf_type = _RDF_TYPE
    for q in quads:
        node = nodes.setdefault(_jsonld_id(q.subject), {})
        if q.predicate.value == rdf_type and not isinstance(q.object, ox.Literal):
            node.setdefault("@type", []).append(_jsonld_id(q.object))
        else:
            node.setdefault(_compact(q.predicate.value), []).append(_jsonld_value(q.object))
    out = []
    for sid in sorted(nodes):
        obj: dict[str, object] = {"@id": sid}
        for key in sorted(nodes[sid]):
            vals = sorted(nodes[sid][key], key=lambda v: json.dumps(v, ensure_ascii=False,
                                                                    sort_keys=True))
            obj[key] = vals[0] if len(vals) == 1 else vals
        out.append(obj)
    return out


def _jsonld(quads: list[ox.Quad]) -> bytes:
    """Flattened JSON-LD with a ``@context`` of the usual prefixes: default-graph nodes at
    the top, then one object per named graph (Chinese kept as UTF-8)."""
    graph: list[dict] = _jsonld_nodes(q for q in quads if isinstance(q.graph_name,
                                                                    ox.DefaultGraph))
    by_graph: dict[str, list[ox.Quad]] = {}
    for q in quads:
        if not isinstance(q.graph_name, ox.DefaultGraph):
            by_graph.setdefault(_jsonld_id(q.graph_name), []).append(q)
    for gid, items in by_graph.items():  # already in graph order
        graph.append({"@id": gid, "@graph": _jsonld_nodes(items)})
    doc = {"@context": dict(sorted(PREFIXES.items())), "@graph": graph}
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _triples(quads: list[ox.Quad]) -> list[ox.Triple]:
    """The union of all graphs, sorted, each triple once."""
    seen = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    return sorted(seen, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def serialize_quads(source: QuadSource, fmt: str) -> bytes:
    """Serialise ``source`` in ``fmt`` (``trig``, ``ttl``, ``nt``, ``nq``, ``jsonld``), UTF-8.

    Turtle and N-Triples hold the union of all graphs (they have no named graphs);
    N-Triples and N-Quads are sorted lines.
    """
    _check_format(fmt)
    if isinstance(source, ox.Store) and fmt != "jsonld":
        out = io.BytesIO()
        write_sorted(source, fmt, out)
        return out.getvalue()
    quads = sorted_quads(source)
    if fmt == "jsonld":
        return _jsonld(quads)
    if fmt == "trig":
        return _with_header(ox.serialize(quads, format=ox.RdfFormat.TRIG,
                                         prefixes=FILE_PREFIXES), FILE_PREFIXES)
    if fmt == "ttl":
        return _with_header(ox.serialize(_triples(quads), format=ox.RdfFormat.TURTLE,
                                         prefixes=FILE_PREFIXES), FILE_PREFIXES)
    if fmt == "nt":
        lines = ox.serialize(_triples(quads), format=ox.RdfFormat.N_TRIPLES)
    else:
        lines = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    # split on "\n" only: str.splitlines also breaks at U+0085/U+2028 inside literals
    rows = sorted({line + "\n" for line in lines.decode("utf-8").split("\n") if line})
    return "".join(rows).encode("utf-8")


def _check_format(fmt: str) -> None:
    if fmt not in _OX_FORMATS:
        known = ", ".join(sorted(FORMATS.values()))
        raise GraphFileError(f"unknown graph format {fmt!r}: use one of {known}")


class _Header:
    """A binary writer passing a serialiser's output on to ``out`` with its prefix lines
    replaced by the fixed header of :func:`_with_header` (the same bytes, streamed)."""

    def __init__(self, out: BinaryIO, prefixes: dict[str, str]) -> None:
        self.out, self.buf, self.state = out, b"", "prefixes"
        self.head = "".join(f"@prefix {k}: <{v}> .\n"
                            for k, v in sorted(prefixes.items())).encode("utf-8")

    def write(self, data: bytes) -> int:
        n = len(data)
        if self.state == "body":
            self.out.write(data)
            return n
        self.buf += bytes(data)
        while self.state == "prefixes":
            nl = self.buf.find(b"\n")
            line = self.buf if nl < 0 else self.buf[:nl]
            if line.startswith(b"@prefix "):
                if nl < 0:
                    return n  # the rest of the line is still to come
                self.buf = self.buf[nl + 1:]
            elif nl < 0 and b"@prefix ".startswith(line):
                return n  # may still become a prefix line
            else:
                self.state = "blank"
        if self.buf.strip():
            self.out.write(self.head + b"\n" + self.buf)
            self.buf, self.state = b"", "body"
        return n

    def flush(self) -> None:
        pass

    def finish(self) -> None:
        if self.state != "body":  # nothing but prefixes and blanks: the header alone
            self.out.write(self.head)


def _dump_sorted(store: ox.Store, graph: object, tmp: Path) -> Iterator[bytes]:
    """The N-Triples lines of one graph of ``store``, sorted (bounded memory)."""
    from .linesort import sorted_lines

    path = tmp / "graph.nt"
    store.dump(str(path), format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
    return sorted_lines(path, tmp)


def _graphs(store: ox.Store) -> list[object]:
    """The default graph, then the named graphs in canonical order."""
    return [ox.DefaultGraph(), *sorted(store.named_graphs(), key=str)]


def write_sorted(store: ox.Store, fmt: str, out: BinaryIO) -> None:
    """Write the quads of ``store`` to ``out`` in ``fmt`` (not JSON-LD), byte for byte
    what :func:`serialize_quads` writes, with memory bounded whatever the size of the
    store: each graph is dumped by Oxigraph and its lines sorted as bytes in blocks
    (:func:`graph.linesort.sorted_lines`), and TriG/Turtle are serialised from the sorted
    lines as a stream."""
    from .atomic import temporary_folder
    from .linesort import sorted_lines

    _check_format(fmt)
    with temporary_folder("coopgraph-sort-") as tmp:
        if fmt == "nq":
            store.dump(str(tmp / "all.nq"), format=ox.RdfFormat.N_QUADS)
            for line in sorted_lines(tmp / "all.nq", tmp):
                out.write(line + b"\n")
            return
        if fmt == "trig":
            lines = tmp / "sorted.nq"
            with open(lines, "wb") as fh:
                for g in _graphs(store):
                    tail = b"" if isinstance(g, ox.DefaultGraph) else f"{g} .".encode("utf-8")
                    for line in _dump_sorted(store, g, tmp):  # "s p o ."
                        fh.write(line[:-1] + tail + b"\n" if tail else line + b"\n")
        else:  # the union of the graphs, each triple once
            union = tmp / "union.nt"
            with open(union, "wb") as fh:
                for g in _graphs(store):
                    store.dump(fh, format=ox.RdfFormat.N_TRIPLES, from_graph=g)
            if fmt == "nt":
                for line in sorted_lines(union, tmp):
                    out.write(line + b"\n")
                return
            lines = tmp / "sorted.nt"
            with open(lines, "wb") as fh:
                for line in sorted_lines(union, tmp):
                    fh.write(line + b"\n")
        serialize_lines(lines, fmt, out)


def serialize_lines(lines: Path, fmt: str, out: BinaryIO) -> None:
    """Write the sorted N-Quads (``trig``) or N-Triples (``ttl``) lines of the file
    ``lines`` to ``out`` as TriG or Turtle with the file prefixes, as a stream."""
    if fmt == "trig":
        parsed = ox.parse(path=str(lines), format=ox.RdfFormat.N_QUADS)
        rdf_format = ox.RdfFormat.TRIG
    else:
        parsed = ox.parse(path=str(lines), format=ox.RdfFormat.N_TRIPLES)
        rdf_format = ox.RdfFormat.TURTLE
    header = _Header(out, FILE_PREFIXES)
    ox.serialize(parsed, header, rdf_format, prefixes=FILE_PREFIXES)
    header.finish()


def serialize_dataset(ds: QuadSource, fmt: str) -> str:
    """:func:`serialize_quads` as text (kept for callers holding an rdflib dataset)."""
    return serialize_quads(ds, fmt).decode("utf-8")


def write_atomic(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` safely (temporary file + rename, lock); see
    :func:`graph.atomic.write_bytes`."""
    return write_bytes(path, data)


def save_dataset(ds: QuadSource, path: str | Path, fmt: str | None = None) -> Path:
    """Write quads to ``path`` atomically; the format comes from the extension.

    Parameters
    ----------
    ds : pyoxigraph.Store, iterable of pyoxigraph.Quad, or rdflib.Dataset
        The dataset (one named graph per document, the default graph their union).
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
    >>> save_dataset(to_quads(extraction), "out/graph.trig")  # doctest: +SKIP
    """
    fmt = fmt or format_of(path)
    if isinstance(ds, ox.Store) and fmt in _OX_FORMATS and fmt != "jsonld":
        return write_with(path, lambda fh: write_sorted(ds, fmt, fh))
    return write_atomic(path, serialize_quads(ds, fmt))


# --- reading ------------------------------------------------------------------------

def complete_default_graph(store: ox.Store) -> ox.Store:
    """Make the default graph hold the union of the named graphs, as this version writes
    it; graph files written before (facts only in the document graphs) are completed."""
    for g in store.named_graphs():
        first = next(iter(store.quads_for_pattern(None, None, None, g)), None)
        if first is not None and not any(store.quads_for_pattern(
                first.subject, first.predicate, first.object, ox.DefaultGraph())):
            store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        break
    return store


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
        store.bulk_load(path=str(path), format=_OX_FORMATS[fmt])
    except SyntaxError as exc:
        first = (str(exc).strip().splitlines() or ["syntax error"])[0]
        raise GraphFileError(f"cannot parse {path}: {first}") from None
    except (OSError, ValueError) as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise GraphFileError(f"cannot read {path}: {first}") from None
    return complete_default_graph(store)


def store_from_dataset(ds: QuadSource) -> ox.Store:
    """An in-memory Oxigraph store holding quads (or the quads of an rdflib dataset)."""
    store = ox.Store()
    store.extend(quads_of(ds))
    return store


def dataset_from_store(store: QuadSource) -> Dataset:
    """An rdflib :class:`~rdflib.Dataset` with the quads of an Oxigraph store (the rdflib
    API: literals keep their lexical form)."""
    from .rdf import dataset_of

    return dataset_of(quads_of(store))


__all__ = ["FILE_PREFIXES", "FORMATS", "PREFIXES", "canonical_quads", "complete_default_graph",
           "dataset_from_store", "format_of", "load_store", "quads_of", "save_dataset",
           "serialize_dataset", "serialize_lines", "serialize_quads", "sorted_quads", "store_from_dataset",
           "write_atomic", "write_sorted"]
