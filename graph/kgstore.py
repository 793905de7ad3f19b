"""The persistent graph store: an Oxigraph database in a folder (``coopgraph build --store``).

The store holds the same dataset a graph file does (see :mod:`graph.rdf`): one named graph
per document; the default graph their union plus the places they refer to. New documents
enter in batches, one bulk load each (:class:`DocumentWriter`); a changed document in **one
transaction** that drops its previous graph, drops from the default graph what no other
document graph still holds or refers to, and inserts the new graph. An interrupted build
therefore leaves whole documents only -- the store as it was before the batch or the
document being written -- and re-running it carries on. A document is re-extracted only
when its content hash (``cg:contentHash``, the SHA-256 of the file and its sidecar)
differs from the stored one.

The folder also holds ``coopgraph-store.json`` (format, coopgraph version); a store written
by another version is re-extracted document by document on the next build.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox

from . import __version__
from .atomic import write_bytes
from .errors import GraphFileError
from .linesort import LineFile, line_pieces
from .summary import DocRows, Summary, maintained

MARKER = "coopgraph-store.json"
FORMAT = 1

_DOCS = """
PREFIX cg: <https://w3id.org/coopgraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?doc ?id ?path ?hash WHERE {
  GRAPH ?doc { ?doc a cg:Document ; dcterms:identifier ?id .
               OPTIONAL { ?doc cg:sourcePath ?path } OPTIONAL { ?doc cg:contentHash ?hash } }
}"""


class StoreError(GraphFileError):
    """A store folder is missing, is not a coopgraph store, or is locked."""


@dataclass(frozen=True)
class StoredDocument:
    """A document as the store knows it."""

    doc_id: str
    path: str
    content_hash: str


def document_node(doc_id: str) -> ox.NamedNode:
    """The IRI of a document's graph (:func:`graph.rdf.document_node`, imported on use:
    opening a store for a query need not load rdflib)."""
    from .rdf import document_node as node

    return node(doc_id)


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def is_store(path: str | Path) -> bool:
    """Whether ``path`` is a folder holding a coopgraph store."""
    return (Path(path) / MARKER).is_file()


def _marker(path: Path) -> dict:
    try:
        return json.loads((path / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def open_store(path: str | Path, *, create: bool = False, read_only: bool = False) -> ox.Store:
    """Open the store in folder ``path``.

    ``create`` makes a new store when the folder is missing or empty; ``read_only`` opens
    it for reading (several readers, and readers next to a running build, are fine).

    Raises
    ------
    StoreError
        Missing folder, a folder that is not a coopgraph store, or a store in use.
    """
    path = Path(path)
    if not is_store(path):
        if not create:
            if not path.exists():
                raise StoreError(f"no store at {path} (make one with "
                                 f"'coopgraph build ARTICLES --store {path}')")
            raise StoreError(f"{path} is not a coopgraph store")
        if path.exists() and (not path.is_dir() or any(path.iterdir())):
            raise StoreError(f"cannot create a store in {path}: not an empty folder")
    try:
        store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as exc:
        msg = _first_line(exc)
        if "lock" in msg.lower():
            raise StoreError(f"store {path} is in use by another build") from None
        raise StoreError(f"cannot open store {path}: {msg}") from None
    if not is_store(path):
        mark_version(path)
    return store


def close_store(path: str | Path) -> None:
    """Open and close the store once more, after the writer has let go of it: RocksDB then
    drops the write-ahead log it no longer needs, so the folder shows its real size."""
    import gc

    gc.collect()
    try:
        store = ox.Store(str(path))
    except OSError:  # still held (another reference, another process): harmless
        return
    del store
    gc.collect()


def current_version(path: str | Path) -> bool:
    """Whether the store was last written by this version of coopgraph."""
    m = _marker(Path(path))
    return m.get("format") == FORMAT and m.get("coopgraph") == __version__


def mark_version(path: str | Path) -> None:
    """Write the marker file (format, coopgraph version), atomically."""
    write_bytes(Path(path) / MARKER, (json.dumps({"format": FORMAT, "coopgraph": __version__})
                                      + "\n").encode("utf-8"))


def documents(store: ox.Store) -> list[StoredDocument]:
    """The documents in the store, by id."""
    out = []
    for row in store.query(_DOCS):
        path, h = row["path"], row["hash"]
        out.append(StoredDocument(row["id"].value, path.value if path else "",
                                  h.value if h else ""))
    return sorted(out, key=lambda d: d.doc_id)


_GEO = "http://www.opengis.net/ont/geosparql#hasGeometry"


def _drop(graph: ox.NamedNode) -> str:
    """SPARQL Update dropping a document graph: first the default-graph descriptions of
    the things it refers to that no other document graph refers to, then its triples no
    other document graph holds, then the graph itself."""
    g = str(graph)
    return f"""
DELETE {{ ?x ?p ?o . ?geom ?gp ?go }} WHERE {{
  {{ SELECT DISTINCT ?x WHERE {{ GRAPH {g} {{ {{ ?x ?a ?b }} UNION {{ ?b ?a ?x }} }}
                                FILTER(isIRI(?x)) }} }}
  FILTER NOT EXISTS {{ GRAPH ?g1 {{ ?x ?p1 ?o1 }} FILTER(?g1 != {g}) }}
  FILTER NOT EXISTS {{ GRAPH ?g2 {{ ?s2 ?p2 ?x }} FILTER(?g2 != {g}) }}
  ?x ?p ?o .
  OPTIONAL {{ ?x <{_GEO}> ?geom . ?geom ?gp ?go }}
}} ;
DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }}
  FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {g}) }} }} ;
DROP SILENT GRAPH {g}"""


def nquads(graph: ox.NamedNode, ntriples: bytes, fixed: bytes) -> bytes:
    """N-Quads of a document: its graph, the same triples in the default graph, and the
    place descriptions (``fixed``) in the default graph."""
    if ntriples and not ntriples.endswith(b"\n"):
        ntriples += b"\n"
    # every line ends " .\n" (a literal holds no line end: it is escaped), so the named
    # graph's copy is one replace, not a line-by-line rewrite
    named = ntriples.replace(b" .\n", f" {graph} .\n".encode("utf-8"))
    return named + ntriples + fixed


# The N-Triples written here are made by :mod:`graph.rdf` (IRIs percent-encoded or from
# the ontology, literals escaped), so they are parsed ``lenient``: without checking every
# IRI again, which is a sixth of a bulk load's CPU.


def add_document(store: ox.Store, doc_id: str, ntriples: bytes, fixed: bytes = b"") -> None:
    """Add a new document in one transaction: its graph (N-Triples) into its named graph
    and the default graph, ``fixed`` (place descriptions) into the default graph."""
    store.load(nquads(document_node(doc_id), ntriples, fixed), format=ox.RdfFormat.N_QUADS,
               lenient=True)


#: Quads (N-Quads lines) in one bulk load at most. Oxigraph's bulk loader ingests the
#: index files of up to a million quads at once and cuts a larger load into several
#: ingests, which a kill could leave half done: below that a batch is one ingest.
LOAD_QUADS = 900_000


class _NQuads:
    """The N-Quads of a batch's documents (``(graph, N-Triples, fixed)`` each) as a
    readable file for the bulk loader, made document by document as it reads: a batch is
    not held a second time as one N-Quads string (the loader asks for a few KB a read)."""

    def __init__(self, parts: Iterable[tuple[ox.NamedNode, bytes, bytes]]) -> None:
        self.parts = iter(parts)
        self.chunk = b""
        self.at = 0

    def read(self, size: int = -1) -> bytes:
        while self.at >= len(self.chunk):
            part = next(self.parts, None)
            if part is None:
                return b""
            self.chunk, self.at = nquads(*part), 0
        if size is None or size < 0:  # everything left
            out = self.chunk[self.at:] + b"".join(nquads(*p) for p in self.parts)
            self.chunk, self.at = b"", 0
            return out
        out = self.chunk[self.at:self.at + size]
        self.at += len(out)
        return out


#: A file in the store folder naming the document being written in several bulk loads
#: (a big one); the next build drops what a kill left of it.
PARTIAL = "coopgraph-partial.json"
#: A new document with more bytes of N-Triples than this is written in several bulk loads.
PART_BYTES = 16_000_000


class DocumentWriter:
    """Writes the documents of a build into a store, new ones in batches.

    New documents are gathered until about ``batch_bytes`` of N-Quads or
    :data:`LOAD_QUADS` quads and then enter the store in one bulk load, read from their
    N-Triples as it goes (:class:`_NQuads`; RocksDB ingests the index files of a batch at
    once: a build killed meanwhile leaves the store as it was before the batch); ``batch_bytes=0``
    commits every document on its own. Transactional inserts cost about twice the CPU of
    the whole extraction on this data; a bulk load about a third of it. A document that
    replaces a stored graph goes through :func:`replace_document` (one transaction), after
    the pending batch. The fixed place descriptions are sent once per build: every
    document repeats those of the places it names.

    A new document larger than ``part_bytes`` (:data:`PART_BYTES`) of N-Triples is written in bulk loads of
    about that size, so memory does not grow with a document's length; the lines saying
    what the document is (``a cg:Document`` …) come last, so until the last load the store
    does not list it and the next build writes it again. With ``folder`` (the store's),
    the document's id is kept in :data:`PARTIAL` meanwhile, and :func:`drop_partial` removes
    what a kill left of it.
    """

    def __init__(self, store: ox.Store, batch_bytes: int = 16_000_000,
                 summary: Summary | None = None, *, part_bytes: int | None = None,
                 folder: str | Path | None = None) -> None:
        self.store, self.batch_bytes, self.summary = store, batch_bytes, summary
        self.part_bytes = PART_BYTES if part_bytes is None else part_bytes
        self.folder = Path(folder) if folder is not None else None
        self.pending: list[tuple[ox.NamedNode, bytes, bytes]] = []  # graph, lines, fixed
        self.quads = 0  # their N-Quads lines
        self.ids: list[str] = []
        self.graphs: list[bytes] = []  # their N-Triples, for the summary
        self.rows: dict[str, DocRows] = {}  # their summary rows, where already computed
        self.size = 0
        self.places: set[bytes] = set()  # fixed lines already written in this build

    def _new_places(self, fixed: bytes) -> bytes:
        lines = [line for line in fixed.split(b"\n") if line and line not in self.places]
        self.places.update(lines)
        return b"".join(line + b"\n" for line in lines)

    def add(self, doc_id: str, ntriples: bytes | LineFile, fixed: bytes = b"",
            old_id: str | None = None, *, rows: DocRows | None = None) -> None:
        """Write a document (replacing the stored graph of ``old_id``, if any); ``rows``:
        its summary rows, if computed already (:func:`graph.summary.doc_rows`).
        ``ntriples`` may be a file (a huge document's graph), read in pieces."""
        computed = {doc_id: rows} if rows is not None else None
        if old_id is not None and self.store.contains_named_graph(document_node(old_id)):
            self.commit()
            replace_document(self.store, doc_id, bytes(ntriples), self._new_places(fixed),
                             old_id, summary=self.summary, rows=computed)
            return
        if self.part_bytes and len(ntriples) > self.part_bytes:  # read in pieces
            self.commit()
            with maintained(self.summary, self.store, [doc_id], computed=computed,
                            written=(ntriples, fixed)):
                self._add_in_parts(doc_id, ntriples, self._new_places(fixed))
            return
        ntriples = bytes(ntriples)  # (the same object if it is bytes)
        graph, fixed = document_node(doc_id), self._new_places(fixed)
        lines = ntriples.count(b"\n") + (bool(ntriples) and not ntriples.endswith(b"\n"))
        quads = 2 * lines + fixed.count(b"\n")
        if self.pending and self.quads + quads > LOAD_QUADS:
            self.commit()  # one ingest a batch
        self.pending.append((graph, ntriples, fixed))
        self.ids.append(doc_id)
        self.graphs.append(ntriples)
        if rows is not None:
            self.rows[doc_id] = rows
        self.quads += quads  # (the named copy's lines are longer by the graph's IRI)
        self.size += 2 * len(ntriples) + lines * (len(str(graph)) + 1) + len(fixed)
        if self.size >= self.batch_bytes or self.quads >= LOAD_QUADS:
            self.commit()

    def _add_in_parts(self, doc_id: str, ntriples: bytes | LineFile, fixed: bytes) -> None:
        graph = document_node(doc_id)
        head = f"{graph} ".encode("utf-8")
        if self.folder is not None:
            write_bytes(self.folder / PARTIAL, json.dumps({"document": doc_id}).encode())
        own: list[bytes] = []  # the document's own lines, loaded last
        for chunk in line_pieces(ntriples, self.part_bytes):
            lines = chunk.split(b"\n")
            own += [line for line in lines if line.startswith(head)]
            self._load(graph, [line for line in lines if line and not line.startswith(head)])
        self._load(graph, own, fixed)
        if self.folder is not None:
            self.store.flush()
            (self.folder / PARTIAL).unlink(missing_ok=True)

    def _load(self, graph: ox.NamedNode, lines: list[bytes], fixed: bytes = b"") -> None:
        body = b"\n".join(lines) + b"\n" if lines else b""
        self.store.bulk_load(nquads(graph, body, fixed), format=ox.RdfFormat.N_QUADS,
                             lenient=True)

    def commit(self) -> None:
        """Write the pending documents."""
        if self.pending:
            written = [b for _, nt, fixed in self.pending for b in (nt, fixed)]
            with maintained(self.summary, self.store, self.ids, self.graphs, self.rows,
                            written=written):
                self.store.bulk_load(_NQuads(self.pending), format=ox.RdfFormat.N_QUADS,
                                     lenient=True)
            self.pending, self.size, self.ids, self.graphs, self.rows = [], 0, [], [], {}
            self.quads = 0


def drop_partial(store: ox.Store, folder: str | Path, summary: Summary | None = None
                 ) -> str | None:
    """Remove what a killed build left of a document it was writing in parts (see
    :class:`DocumentWriter`); returns its id, or ``None`` when there was none.
    ``summary`` follows it."""
    marker = Path(folder) / PARTIAL
    try:
        doc_id = json.loads(marker.read_text(encoding="utf-8"))["document"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    remove_document(store, doc_id, summary)
    store.flush()
    marker.unlink(missing_ok=True)
    return doc_id


def replace_document(store: ox.Store, doc_id: str, ntriples: bytes, fixed: bytes = b"",
                     old_id: str | None = None, summary: Summary | None = None,
                     rows: dict[str, DocRows] | None = None) -> None:
    """Put a document into the store in one transaction, replacing the graph of
    ``old_id`` (default: the same id) if there is one; ``summary`` follows it (with the
    document's ``rows`` by id, if computed already)."""
    with maintained(summary, store, sorted({doc_id, old_id or doc_id}), computed=rows,
                    written=(ntriples, fixed)):
        _replace(store, doc_id, ntriples, fixed, old_id)


def _replace(store: ox.Store, doc_id: str, ntriples: bytes, fixed: bytes,
             old_id: str | None) -> None:
    g = document_node(doc_id)
    old = document_node(old_id or doc_id)
    if not store.contains_named_graph(old):
        add_document(store, doc_id, ntriples, fixed)
        return
    body = ntriples.decode("utf-8")
    store.update(_drop(old) + f" ;\nINSERT DATA {{\n{body}\n{fixed.decode('utf-8')}\n"
                              f"GRAPH {g} {{\n{body}\n}} }}")


def remove_document(store: ox.Store, doc_id: str, summary: Summary | None = None) -> None:
    """Drop a document: its graph, and what only it stated from the default graph;
    ``summary`` follows it."""
    with maintained(summary, store, [doc_id]):
        store.update(_drop(document_node(doc_id)))


def find_document(store: ox.Store, name: str) -> StoredDocument:
    """A stored document by id (file name without extension) or source path.

    Raises
    ------
    StoreError
        When no document (or more than one, by path) matches.
    """
    docs = documents(store)
    by_id = [d for d in docs if d.doc_id == name]
    if by_id:
        return by_id[0]
    wanted = {name, str(Path(name)), str(Path(name).resolve())}
    by_path = [d for d in docs if d.path in wanted or str(Path(d.path).resolve()) in wanted]
    if len(by_path) == 1:
        return by_path[0]
    if len(by_path) > 1:
        raise StoreError(f"{name} matches several documents: "
                         + ", ".join(d.doc_id for d in by_path))
    raise StoreError(f"no document {name!r} in the store")


def plan(stored: Iterable[StoredDocument], files: Iterable[tuple[Path, str, str]],
         *, force: bool = False) -> tuple[list[tuple[Path, str, str | None]], int]:
    """Which files to (re-)extract: ``files`` are ``(path, proposed id, content hash)``.

    A file matches a stored document by source path, else by id with the same content.
    Returns ``[(path, doc id, id of the stored graph it replaces or None)]`` and the number
    of unchanged files. A new file whose id is taken by another file's document gets the
    next free ``id-N``.
    """
    by_path: dict[str, StoredDocument] = {}
    by_id: dict[str, StoredDocument] = {}
    for d in stored:
        by_id[d.doc_id] = d
        if d.path:
            by_path.setdefault(str(Path(d.path).resolve()), d)
    todo: list[tuple[Path, str, str | None]] = []
    unchanged = 0
    taken = set(by_id)
    for path, doc_id, digest in files:
        old = by_path.get(str(Path(path).resolve()))
        if old is None and doc_id in by_id and by_id[doc_id].content_hash == digest:
            old = by_id[doc_id]
        if old is not None:
            if old.content_hash == digest and not force:
                unchanged += 1
            else:
                todo.append((path, old.doc_id, old.doc_id))
            continue
        new_id, n = doc_id, 2
        while new_id in taken:
            new_id, n = f"{doc_id}-{n}", n + 1
        taken.add(new_id)
        todo.append((path, new_id, None))
    return todo, unchanged


__all__ = ["MARKER", "PARTIAL", "DocumentWriter", "drop_partial", "StoreError", "StoredDocument", "add_document", "close_store",
           "current_version", "documents", "find_document", "is_store", "mark_version",
           "nquads", "open_store", "plan", "remove_document", "replace_document"]
