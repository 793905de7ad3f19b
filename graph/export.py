"""Exporters: graph file → RDF in another syntax, GraphML (Gephi) or CSV tables.

:data:`EXPORTERS` maps a format name to a function ``(store, out) -> list[Path]``; the
CLI offers its keys as choices. Every output goes through :mod:`graph.atomic` (devices,
FIFOs and folders refused, symbolic links written through, temporary file + rename, one
writer at a time; the CSV folder is replaced as a set).

* ``ttl`` ``trig`` ``nt`` ``nq`` ``jsonld`` -- RDF written by Oxigraph, deterministic, literals
  term for term (see :mod:`graph.store`);
  Turtle and N-Triples hold the union of all graphs, JSON-LD carries a ``@context`` with
  the cg/skos/prov/dcterms prefixes and keeps Chinese as UTF-8 (no ``\\u`` escapes).
* ``graphml`` -- the networkx projection (:mod:`graph.netx`), UTF-8; Gephi shows the
  ``label`` attribute as the node label and ``category`` as a node attribute.
* ``csv`` -- OUT is a folder that receives ``nodes.csv`` and ``edges.csv`` (an existing
  folder may hold only those two): UTF-8 with a byte-order mark (Excel opens it on
  double-click; ``bom=False`` leaves it out), header on the first line, one column per
  attribute, formula-like cells guarded (:mod:`graph.csvout`). ``pandas.read_csv`` gives
  the right types without options: ``adcode`` is text (``CN-440404``), ``date`` an ISO
  date with ``date_precision`` (day/month/year), ``mentioned`` int, ``confidence``,
  ``lon``, ``lat`` float, document ids text (``sources``/``source``: ``doc:001|doc:a7``).
"""
from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Callable

import networkx as nx
import pyoxigraph as ox

from .atomic import check_target, write_bytes, write_folder
from .chars import xml_safe
from .csvout import csv_text
from .errors import ExportError, GraphFileError
from .netx import to_networkx
from .store import load_store, serialize_quads

Exporter = Callable[[ox.Store, Path], list[Path]]

NODE_COLUMNS = ("id", "label", "category", "kind", "adcode", "lon", "lat", "parent",
                "alt_labels", "mentioned", "sources", "evidence")
EDGE_COLUMNS = ("from", "to", "key", "relation", "label", "evidence", "source", "status",
                "date", "date_precision", "rule", "confidence", "fact", "kind", "up_function", "down_function",
                "up_function_id", "down_function_id")


def _rdf(fmt: str) -> Exporter:
    def export(store: ox.Store, out: Path) -> list[Path]:
        return [write_bytes(out, serialize_quads(store, fmt))]

    export.__doc__ = f"Write the graph as {fmt} (deterministic)."
    return export


def xml_safe_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``g`` with every string (node ids, attribute names and values) made XML-safe.

    Builds clean text on entry (:mod:`graph.chars`); this guards graphs built by older
    versions, which kept U+FFFF and control characters that lxml refuses.
    """
    def clean(d: dict) -> dict:
        return {xml_safe(str(k)): xml_safe(v) if isinstance(v, str) else v
                for k, v in d.items()}

    out = nx.MultiDiGraph()
    out.graph.update(clean(g.graph))
    out.add_nodes_from((xml_safe(n), clean(d)) for n, d in g.nodes(data=True))
    out.add_edges_from((xml_safe(u), xml_safe(v), xml_safe(str(k)), clean(d))
                       for u, v, k, d in g.edges(keys=True, data=True))
    return out


def export_graphml(store: ox.Store, out: Path) -> list[Path]:
    """Write the networkx projection as GraphML (UTF-8)."""
    g = xml_safe_graph(to_networkx(store))
    buf = io.BytesIO()
    nx.write_graphml(g, buf, encoding="utf-8", prettyprint=True)
    return [write_bytes(out, buf.getvalue())]


_PRECISION = {4: "year", 7: "month", 10: "day"}
_ISO_PERIOD = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def csv_date(value: str) -> tuple[str, str]:
    """``(date, precision)`` for the CSV tables: an ISO ``yyyy-mm-dd`` date (the first day
    of a month or year) and ``day``/``month``/``year``, so every date reads as text
    that ``pandas.to_datetime`` parses; other values are kept with no precision.

    >>> csv_date("2020"), csv_date("2021-03"), csv_date("2021-03-09"), csv_date("")
    (('2020-01-01', 'year'), ('2021-03-01', 'month'), ('2021-03-09', 'day'), ('', ''))
    """
    if not _ISO_PERIOD.fullmatch(value):
        return value, ""
    return (value + "-01-01")[:10], _PRECISION[len(value)]


def csv_adcode(value: str) -> str:
    """``CN-440404`` for the adcode 440404: text in every reader (pandas reads a column of
    digits with gaps as floats, Excel as numbers), empty when there is none."""
    return f"CN-{value}" if value else ""


def csv_documents(value: str) -> str:
    """``doc:001|doc:a7`` for the documents ``001|a7``: text in every reader, like the
    adcodes (a column of ids such as ``001`` would read as the integer 1 in pandas and
    Excel); empty when there are none.

    >>> csv_documents("001|a7"), csv_documents("")
    ('doc:001|doc:a7', '')
    """
    return "|".join(f"doc:{d}" for d in value.split("|")) if value else ""


def _csv_rows(columns: tuple[str, ...], records: list[dict]) -> list[list]:
    return [[rec.get(c, "") for c in columns] for rec in records]


def export_csv(store: ox.Store, out: Path, *, bom: bool = True) -> list[Path]:
    """Write ``nodes.csv`` and ``edges.csv`` as the folder ``out``, atomically as a set.

    UTF-8 with a byte-order mark unless ``bom`` is false; see :mod:`graph.csvout` for
    the formula guard, :func:`csv_adcode` and :func:`csv_date` for the typed columns.
    """
    g = to_networkx(store)
    nodes = [{"id": n, **d, "adcode": csv_adcode(d.get("adcode") or ""),
              "sources": csv_documents(d.get("sources") or "")}
             for n, d in g.nodes(data=True)]
    edges = []
    for u, v, k, d in g.edges(keys=True, data=True):
        date, precision = csv_date(d.get("date") or "")
        edges.append({"from": u, "to": v, "key": k, **d, "date": date,
                      "date_precision": precision,
                      "source": csv_documents(d.get("source") or "")})
    tables = {"nodes.csv": csv_text(NODE_COLUMNS, _csv_rows(NODE_COLUMNS, nodes), bom=bom),
              "edges.csv": csv_text(EDGE_COLUMNS, _csv_rows(EDGE_COLUMNS, edges), bom=bom)}
    return write_folder(out, {name: text.encode("utf-8") for name, text in tables.items()})


EXPORTERS: dict[str, Exporter] = {
    "csv": export_csv,
    "graphml": export_graphml,
    "jsonld": _rdf("jsonld"),
    "nq": _rdf("nq"),
    "nt": _rdf("nt"),
    "trig": _rdf("trig"),
    "ttl": _rdf("ttl"),
}


def export_store(store: ox.Store, fmt: str, out: str | Path, *, bom: bool = True
                 ) -> list[Path]:
    """Export an already loaded graph; returns the files written (``bom``: CSV only).

    Raises
    ------
    ExportError
        For an unknown format or an unwritable target.
    """
    if fmt not in EXPORTERS:
        raise ExportError(f"unknown export format {fmt!r}: use one of "
                          f"{', '.join(sorted(EXPORTERS))}")
    try:
        check_target(out, folder=fmt == "csv")
        if fmt == "csv":
            return export_csv(store, Path(out), bom=bom)
        return EXPORTERS[fmt](store, Path(out))
    except GraphFileError as exc:
        raise ExportError(str(exc)) from None


def export_file(graph: str | Path, fmt: str, out: str | Path, *, bom: bool = True
                ) -> list[Path]:
    """Load the graph file ``graph`` and export it as ``fmt`` to ``out`` (``bom``: whether
    CSV files start with a UTF-8 byte-order mark).

    Examples
    --------
    >>> export_file("out/graph.trig", "graphml", "out/graph.graphml")  # doctest: +SKIP
    [PosixPath('out/graph.graphml')]
    """
    if fmt not in EXPORTERS:
        raise ExportError(f"unknown export format {fmt!r}: use one of "
                          f"{', '.join(sorted(EXPORTERS))}")
    try:
        check_target(out, folder=fmt == "csv")  # before loading a large graph
    except GraphFileError as exc:
        raise ExportError(str(exc)) from None
    return export_store(load_store(graph), fmt, out, bom=bom)


__all__ = ["EDGE_COLUMNS", "EXPORTERS", "NODE_COLUMNS", "csv_adcode", "csv_date",
           "csv_documents", "export_csv", "export_file", "export_graphml", "export_store",
           "xml_safe_graph"]
