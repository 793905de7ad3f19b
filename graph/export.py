"""Exporters: graph file → RDF in another syntax, GraphML (Gephi) or CSV tables.

:data:`EXPORTERS` maps a format name to a function ``(store, out) -> list[Path]``; the
CLI offers its keys as choices. Every file is written atomically (temporary file in the
same folder, then rename).

* ``ttl`` ``trig`` ``nt`` ``nq`` ``jsonld`` -- RDF written by Oxigraph, deterministic, literals
  term for term (see :mod:`graph.store`);
  Turtle and N-Triples hold the union of all graphs, JSON-LD carries a ``@context`` with
  the cg/skos/prov/dcterms prefixes and keeps Chinese as UTF-8 (no ``\\u`` escapes).
* ``graphml`` -- the networkx projection (:mod:`graph.netx`), UTF-8; Gephi shows the
  ``label`` attribute as the node label and ``category`` as a node attribute.
* ``csv`` -- OUT is a folder that receives ``nodes.csv`` and ``edges.csv``: UTF-8 without
  a byte-order mark (``pandas.read_csv`` reads them as they are; in Excel use
  Data → From Text/CSV → UTF-8), header on the first line, one column per attribute.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Callable

import networkx as nx
import pyoxigraph as ox

from .errors import ExportError, GraphFileError
from .netx import to_networkx
from .store import load_store, serialize_quads, write_atomic

Exporter = Callable[[ox.Store, Path], list[Path]]

NODE_COLUMNS = ("id", "label", "category", "kind", "adcode", "lon", "lat", "parent",
                "alt_labels", "mentioned", "sources", "evidence")
EDGE_COLUMNS = ("from", "to", "key", "relation", "label", "evidence", "source", "status",
                "date", "rule", "confidence", "fact", "kind", "up_function", "down_function",
                "up_function_id", "down_function_id")


def _rdf(fmt: str) -> Exporter:
    def export(store: ox.Store, out: Path) -> list[Path]:
        return [write_atomic(out, serialize_quads(store, fmt))]

    export.__doc__ = f"Write the graph as {fmt} (deterministic)."
    return export


def export_graphml(store: ox.Store, out: Path) -> list[Path]:
    """Write the networkx projection as GraphML (UTF-8)."""
    g = to_networkx(store)
    buf = io.BytesIO()
    nx.write_graphml(g, buf, encoding="utf-8", prettyprint=True)
    return [write_atomic(out, buf.getvalue())]


def _csv_bytes(header: tuple[str, ...], rows: list[dict]) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(header), extrasaction="ignore",
                            lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def export_csv(store: ox.Store, out: Path) -> list[Path]:
    """Write ``nodes.csv`` and ``edges.csv`` into the folder ``out`` (created if needed)."""
    if out.exists() and not out.is_dir():
        raise ExportError(f"csv export needs a folder, but {out} is a file")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot create folder {out}: {exc.strerror or exc}") from None
    g = to_networkx(store)
    nodes = [{"id": n, **d} for n, d in g.nodes(data=True)]
    edges = [{"from": u, "to": v, "key": k, **d} for u, v, k, d in g.edges(keys=True, data=True)]
    return [write_atomic(out / "nodes.csv", _csv_bytes(NODE_COLUMNS, nodes)),
            write_atomic(out / "edges.csv", _csv_bytes(EDGE_COLUMNS, edges))]


EXPORTERS: dict[str, Exporter] = {
    "csv": export_csv,
    "graphml": export_graphml,
    "jsonld": _rdf("jsonld"),
    "nq": _rdf("nq"),
    "nt": _rdf("nt"),
    "trig": _rdf("trig"),
    "ttl": _rdf("ttl"),
}


def export_store(store: ox.Store, fmt: str, out: str | Path) -> list[Path]:
    """Export an already loaded graph; returns the files written.

    Raises
    ------
    ExportError
        For an unknown format or an unwritable target.
    """
    if fmt not in EXPORTERS:
        raise ExportError(f"unknown export format {fmt!r}: use one of "
                          f"{', '.join(sorted(EXPORTERS))}")
    try:
        return EXPORTERS[fmt](store, Path(out))
    except GraphFileError as exc:
        raise ExportError(str(exc)) from None


def export_file(graph: str | Path, fmt: str, out: str | Path) -> list[Path]:
    """Load the graph file ``graph`` and export it as ``fmt`` to ``out``.

    Examples
    --------
    >>> export_file("out/graph.trig", "graphml", "out/graph.graphml")  # doctest: +SKIP
    [PosixPath('out/graph.graphml')]
    """
    if fmt not in EXPORTERS:
        raise ExportError(f"unknown export format {fmt!r}: use one of "
                          f"{', '.join(sorted(EXPORTERS))}")
    return export_store(load_store(graph), fmt, out)


__all__ = ["EDGE_COLUMNS", "EXPORTERS", "NODE_COLUMNS", "export_csv", "export_file",
           "export_graphml", "export_store"]
