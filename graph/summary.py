"""Materialised rows of the named queries, kept next to a store (``kg/coopgraph-summary.sqlite``).

A named query on a big store costs what its whole result costs: a page sorted by label
needs every row's label from disk. The summary holds, per document, the rows each shipped
listing query gives (with an index in the query's sort order), so a page costs the rows
it returns. ``entities``, ``region-partners`` and ``rnd-in`` keep per-document parts
(an entity's first sentence per document; a fact's (place, other party) pairs with their
IRIs) that are combined when the query runs; the region and the places inside it
(``cg:partOf*``) are still resolved in the store, so the hierarchy is always the store's.

How it stays the store's (every write to the store goes through :func:`maintained`):

* **Rows per document.** The rows of a batch of documents are computed by the shipped
  queries themselves (or their ``queries/summary/`` variants) on a small in-memory store
  holding the documents' graphs and the types and labels the default graph gives the
  entities they name. A document added, changed or removed only touches its own rows.
  A build's workers make each new document's rows from its extraction instead
  (:mod:`graph.summaryrows`: the rows these queries give on its graph alone), taken when
  the store describes the entities they name as the document does.
* **Labels shared by documents.** An entity's labels and categories are the union over
  the documents describing it. When a write changes them, the rows of every other
  document naming that entity are recomputed (``doc_nodes`` says which).
* **Killed writes.** Before a store write the documents are listed as *pending* (one
  SQLite commit); the rows are replaced and the list cleared in one SQLite transaction
  after it. A build killed in between leaves them pending: readers then ignore the
  summary (the query runs in SPARQL), and the next write recomputes those documents.
* **Versions.** A summary made by another coopgraph version or from other query texts
  is ignored by readers and rebuilt from the store by the next ``build --store``.

Arbitrary SPARQL never uses the summary.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping, Sequence

import pyoxigraph as ox

from . import __version__
from .linesort import LineFile, line_pieces
from .prefixes import PREFIXES

if TYPE_CHECKING:
    from concurrent.futures import Executor

SUMMARY_FILE = "coopgraph-summary.sqlite"
FORMAT = 2
#: Listings: rows per document are the shipped query's rows (grouped by ?source).
LISTINGS = ("co-built-parks", "connections", "documents", "enclaves", "located-in",
            "pairings", "twinning")
#: Queries by region: the summary variant's column holding the place inside the region.
REGIONAL = {"region-partners": "member", "rnd-in": "up"}
_CATEGORIES = tuple(f"{PREFIXES['cg']}{c}" for c in
                    ("Region", "Park", "Enterprise", "Infrastructure", "Institution"))
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_PREF = ox.NamedNode(f"{PREFIXES['skos']}prefLabel")
_ID = PREFIXES["id"]
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_BATCH = 200  # documents per in-memory store when (re)building from the store
CACHE_KB = -65536  # SQLite page cache of the writer: 64 MB at most (negative: KiB)


def _table(name: str) -> str:
    return "q_" + name.replace("-", "_")


def _queries_dir() -> Path:
    return Path(str(resources.files("graph") / "queries"))


@lru_cache(maxsize=None)
def variant(name: str) -> str:
    """The text of ``queries/summary/NAME.rq``."""
    return (_queries_dir() / "summary" / f"{name}.rq").read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def fingerprint() -> str:
    """Changes whenever the summary's rows could: format, version, every query text."""
    from .query import named_queries

    h = hashlib.sha256(f"{FORMAT} {__version__}".encode())
    for name, q in named_queries().items():
        h.update(f"\0{name}\0{q.sparql}".encode())
    for name in ("entities", *REGIONAL):
        h.update(f"\0summary/{name}\0{variant(name)}".encode())
    return h.hexdigest()


@lru_cache(maxsize=None)
def _columns(text: str) -> tuple[str, ...]:
    """The projected variables of a SELECT query (run on an empty store)."""
    res = ox.Store().query(text, prefixes=dict(PREFIXES))
    return tuple(v.value for v in res.variables)


@lru_cache(maxsize=None)
def sort_columns(name: str) -> tuple[str, ...]:
    """A listing's columns in the order :func:`graph.query._sorted_rows` sorts on: its
    ``ORDER BY`` variables, then the remaining columns as projected."""
    from .query import named_queries, split_order

    _, keys = split_order(named_queries()[name].sparql)
    cols = _columns(named_queries()[name].sparql)
    order = [k[1:] for k in keys]
    return tuple(order + [c for c in cols if c not in order])


def _listing_text(name: str) -> str:
    from .query import named_queries, split_order

    return split_order(named_queries()[name].sparql)[0]


def _schema() -> list[str]:
    from .query import named_queries

    out = ["CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)",
           "CREATE TABLE doc_nodes (doc TEXT, node TEXT)",
           "CREATE INDEX doc_nodes_doc ON doc_nodes (doc)",
           "CREATE INDEX doc_nodes_node ON doc_nodes (node)",
           "CREATE TABLE node_desc (node TEXT PRIMARY KEY, desc TEXT)",
           "CREATE TABLE ent_doc (entity TEXT, doc TEXT, first TEXT)",
           "CREATE INDEX ent_doc_doc ON ent_doc (doc)",
           "CREATE INDEX ent_doc_entity ON ent_doc (entity, first)",
           "CREATE TABLE q_entities (entity TEXT, label TEXT, category TEXT, source TEXT, "
           "evidence TEXT)",
           "CREATE INDEX q_entities_order ON q_entities (category, label, source, evidence)",
           "CREATE INDEX q_entities_entity ON q_entities (entity)"]
    for name in LISTINGS:
        t = _table(name)
        cols = _columns(named_queries()[name].sparql)
        out.append(f"CREATE TABLE {t} (doc TEXT, {', '.join(f'c_{c} TEXT' for c in cols)})")
        out.append(f"CREATE INDEX {t}_doc ON {t} (doc)")
        out.append(f"CREATE INDEX {t}_order ON {t} "
                   f"({', '.join(f'c_{c}' for c in sort_columns(name))})")
    for name, key in REGIONAL.items():
        t = _table(name)
        cols = _columns(variant(name))
        out.append(f"CREATE TABLE {t} (doc TEXT, {', '.join(f'c_{c} TEXT' for c in cols)})")
        out.append(f"CREATE INDEX {t}_doc ON {t} (doc)")
        out.append(f"CREATE INDEX {t}_key ON {t} (c_{key})")
    return out


# --- terms as text -----------------------------------------------------------------

def _kind(term: object) -> str:
    """How a column's terms are rebuilt: ``I`` (IRI), ``L`` (plain string), ``L@lang``,
    ``L^^datatype``; ``-`` for unbound."""
    if term is None:
        return "-"
    if isinstance(term, ox.NamedNode):
        return "I"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"L@{term.language}"
        dt = term.datatype.value
        return "L" if dt == _XSD_STRING else f"L^^{dt}"
    raise _Unsupported(f"cannot keep a {type(term).__name__} in the summary")


def _maker(kind: str) -> Any:
    if kind == "I":
        return ox.NamedNode
    if kind == "L":
        return ox.Literal
    if kind.startswith("L@"):
        lang = kind[2:]
        return lambda v: ox.Literal(v, language=lang)
    dt = ox.NamedNode(kind[3:])
    return lambda v: ox.Literal(v, datatype=dt)


class _Unsupported(Exception):
    """A result the summary cannot hold exactly: the summary is switched off."""


def _value(term: object) -> str | None:
    return None if term is None else term.value  # type: ignore[attr-defined]


# --- maintenance ---------------------------------------------------------------------

class Summary:
    """The summary of one store, open for writing (by the process writing the store)."""

    def __init__(self, store_dir: str | Path) -> None:
        self.path = Path(store_dir) / SUMMARY_FILE
        self.conn = sqlite3.connect(str(self.path), timeout=30, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=DELETE")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        # a build inserts rows into indexes keyed by labels and sentences, all over the
        # file: a page cache of up to 64 MB (default 2 MB) saves a fifth of that CPU
        self.conn.execute(f"PRAGMA cache_size={CACHE_KB}")
        self._kinds: dict[str, list[str]] = {}

    # meta
    def _get(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def _set(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def _pending(self) -> set[str]:
        return set(json.loads(self._get("pending") or "[]"))

    def close(self) -> None:
        self.conn.close()

    @classmethod
    def for_store(cls, store: ox.Store, store_dir: str | Path) -> "Summary":
        """The summary of ``store`` (in ``store_dir``), ready for writes: made from the
        store when missing, made by another version or switched off; the documents a
        killed write left pending recomputed."""
        path = Path(store_dir) / SUMMARY_FILE
        if path.exists():
            s = cls(store_dir)
            try:
                ok = (s._get("fingerprint") == fingerprint() and s._get("state") == "ok")
            except sqlite3.DatabaseError:
                ok = False
            if ok:
                if s._pending():
                    s.finish(store, [])
                return s
            s.close()
        return rebuild(store, store_dir)

    def _init(self) -> None:
        c = self.conn
        c.execute("BEGIN")
        for stmt in _schema():
            c.execute(stmt)
        self._set("fingerprint", fingerprint())
        self._set("state", "ok")
        self._set("pending", "[]")
        c.execute("COMMIT")

    def begin(self, doc_ids: Iterable[str], written: Sequence[bytes] = ()) -> None:
        """Say that ``doc_ids`` are about to change in the store (committed at once);
        ``written``: the N-Triples or N-Quads the write adds (see :data:`_ODD_LABEL`)."""
        pending = self._pending() | set(doc_ids)
        self.conn.execute("BEGIN IMMEDIATE")
        self._set("pending", json.dumps(sorted(pending), ensure_ascii=False))
        if any(_ODD_LABEL.search(piece) for data in written for piece in _pieces(data)):
            self._set("plain_labels", "0")
        self.conn.execute("COMMIT")

    def finish(self, store: ox.Store, doc_ids: Sequence[str],
               graphs: Sequence[bytes] | None = None,
               computed: Mapping[str, "DocRows | None"] | None = None) -> None:
        """Recompute the rows of ``doc_ids`` (and of every pending document) from the
        store, in one transaction that also clears the pending list. ``graphs``: the
        N-Triples of each of ``doc_ids``' graphs, just written (saves reading them
        back); ``computed``: rows :func:`doc_rows` made of some of them (by a worker),
        taken as they are when the store describes their entities as their graphs do."""
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            ids = list(doc_ids)
            if ids:
                self._apply(store, ids, graphs, computed)
            rest = sorted(self._pending() - set(ids))
            for i in range(0, len(rest), _BATCH):
                self._apply(store, rest[i:i + _BATCH])
            self._set("pending", "[]")
        except _Unsupported:
            c.execute("ROLLBACK")
            self._kinds = {}  # as stored
            c.execute("BEGIN IMMEDIATE")
            self._set("state", "off")
        except BaseException:
            c.execute("ROLLBACK")
            self._kinds = {}
            raise
        c.execute("COMMIT")

    @contextlib.contextmanager
    def writing(self, store: ox.Store, doc_ids: Sequence[str],
                graphs: Sequence[bytes] | None = None,
                computed: Mapping[str, "DocRows | None"] | None = None,
                written: Sequence[bytes] = ()) -> Iterator[None]:
        """Around a store write of ``doc_ids`` (``graphs``: their N-Triples, if at
        hand; ``computed``: rows made by workers; ``written``: every line the write
        adds): pending first, rows after."""
        self.begin(doc_ids, written)
        yield
        self.finish(store, doc_ids, graphs, computed)

    # the rows of a set of documents
    def _delete(self, docs: Sequence[str]) -> tuple[set[str], set[str]]:
        """Drop the rows of ``docs``; returns the nodes they named and their entities."""
        c, marks = self.conn, ",".join("?" * len(docs))
        nodes = {r[0] for r in c.execute(
            f"SELECT node FROM doc_nodes WHERE doc IN ({marks})", docs)}
        entities = {r[0] for r in c.execute(
            f"SELECT entity FROM ent_doc WHERE doc IN ({marks})", docs)}
        for t in ["doc_nodes", "ent_doc", *(_table(n) for n in (*LISTINGS, *REGIONAL))]:
            c.execute(f"DELETE FROM {t} WHERE doc IN ({marks})", docs)
        return nodes, entities

    def _apply(self, store: ox.Store, docs: Sequence[str],
               graphs: Sequence[bytes] | None = None,
               computed: Mapping[str, "DocRows | None"] | None = None) -> None:
        done: set[str] = set()
        todo = list(docs)
        while todo:
            done.update(todo)
            old_nodes, entities = self._delete(todo)
            refs: dict[str, set[str]] = {}
            descs: dict[str, str] = {}
            slow, slow_graphs = [], []
            if computed:  # the store's descriptions of what their rows depend on
                wanted = set().union(*(r.refs for r in computed.values() if r is not None))
                if not old_nodes and graphs is not None:  # new documents only
                    descs.update(self._written_descs(todo, computed, wanted))
                descs.update(_describe_many(store, wanted - set(descs)))
            for i, d in enumerate(todo):
                rows = computed.get(d) if computed else None
                if rows is not None and _holds(store, rows, descs):
                    self._insert_rows(rows)
                    refs[d] = rows.refs
                    continue
                slow.append(d)
                slow_graphs.append(graphs[i] if graphs is not None else b"")
            if slow:  # computed here: from the store, with the store's labels
                mini, more, ds = _mini_store(store, slow,
                                             slow_graphs if graphs is not None else None)
                self._add_rows(mini)
                refs.update(more)
                descs.update(ds)
            graphs = computed = None
            c = self.conn
            c.executemany("INSERT INTO doc_nodes VALUES (?, ?)",
                          [(d, n) for d, ns in refs.items() for n in sorted(ns)])
            descs.update(_describe_many(store, old_nodes - set(descs)))
            stored = dict(c.execute("SELECT node, desc FROM node_desc WHERE node IN "
                                    "(SELECT value FROM json_each(?))", (_json(descs),)))
            changed = {n for n, d in descs.items() if n in stored and stored[n] != d}
            c.executemany("INSERT OR REPLACE INTO node_desc VALUES (?, ?)",
                          [(n, d) for n, d in descs.items() if stored.get(n) != d])
            for r in c.execute("SELECT entity FROM ent_doc WHERE doc IN "
                               f"({','.join('?' * len(todo))})", todo):
                entities.add(r[0])
            self._entities(entities | changed)
            todo = sorted({r[0] for n in sorted(changed) for r in c.execute(
                "SELECT doc FROM doc_nodes WHERE node=?", (n,))} - done)
            for n in sorted(old_nodes):  # nodes no document names any more
                if c.execute("SELECT 1 FROM doc_nodes WHERE node=? LIMIT 1", (n,)
                             ).fetchone() is None:
                    c.execute("DELETE FROM node_desc WHERE node=?", (n,))

    def _written_descs(self, docs: Sequence[str], computed: Mapping[str, "DocRows | None"],
                       nodes: set[str]) -> dict[str, str]:
        """The store's descriptions of ``nodes`` after a write that only added the
        graphs of ``docs``, known without reading the store; ``{}`` when some document's
        rows were not computed.

        ``node_desc`` holds the store's description of every node some stored
        document's rows depend on or its graph describes (kept with every write). A
        write that drops nothing changes a node's description only by the types and
        labels the new graphs give it, or by the fixed description of a place (never
        described in a document graph): the store holds that already when the node is
        in ``node_desc`` (the document naming it brought it), and the new rows' own
        description of the node is exactly it otherwise. So the description is the
        stored one joined with the new graphs' lines about the node (their rows'
        ``described``) or, for a place the store did not know, the one the rows were made
        with. A description keeps label
        strings, not their language tags: this holds while every preferred label in the
        store is ``@zh`` (as :mod:`graph.rdf` writes them; ``plain_labels`` in ``meta``,
        cleared by a write adding another, see :meth:`begin`)."""
        if (not nodes or any(computed.get(d) is None for d in docs)
                or self._get("plain_labels") != "1"):
            return {}
        added: dict[str, list[str]] = {}
        for d in docs:
            for n, desc in computed[d].described.items():  # type: ignore[union-attr]
                if n in nodes:
                    added.setdefault(n, []).append(desc)
        stored = dict(self.conn.execute(
            "SELECT node, desc FROM node_desc WHERE node IN (SELECT value FROM json_each(?))",
            (_json(nodes),)))
        fixed: dict[str, str] = {}
        for d in docs:
            rows = computed[d]
            assert rows is not None
            for n in rows.refs:
                if n not in added and n not in stored:
                    fixed.setdefault(n, rows.descs[n])
        out = {}
        for n in nodes:
            if n in added:
                out[n] = _joined(([stored[n]] if n in stored else []) + added[n])
            elif n in stored:
                out[n] = stored[n]
            elif n in fixed:
                out[n] = fixed[n]
        return out

    def _check_kinds(self, name: str, found: Sequence[str]) -> None:
        """Merge the term kinds ``found`` in a table's columns with those stored."""
        kinds = self._kinds.get(name)
        if kinds is None:
            stored = self._get(f"kinds:{name}")
            kinds = json.loads(stored) if stored else ["-"] * len(found)
        merged = _merge_kinds(name, kinds, found)
        if merged != kinds or name not in self._kinds:  # written when they change
            self._set(f"kinds:{name}", json.dumps(merged))
        self._kinds[name] = merged

    def _insert_rows(self, rows: "DocRows") -> None:
        """Insert rows computed by :func:`doc_rows` (or :func:`_rows_of`)."""
        for name, (kinds, values) in rows.tables.items():
            self._check_kinds(name, kinds)
            if values:
                marks = ",".join("?" * len(values[0]))
                self.conn.executemany(f"INSERT INTO {_table(name)} VALUES ({marks})", values)
        self.conn.executemany("INSERT INTO ent_doc VALUES (?, ?, ?)", rows.ent_doc)

    def _add_rows(self, mini: ox.Store) -> None:
        self._insert_rows(_rows_of(mini))

    def _entities(self, entities: Iterable[str]) -> None:
        """Recompute the ``entities`` rows of ``entities``: first sentence over all
        documents × category × label, as the shipped query joins them."""
        c, keys = self.conn, _json(entities)
        c.execute("DELETE FROM q_entities WHERE entity IN (SELECT value FROM json_each(?))",
                  (keys,))
        # one index lookup per entity (the MIN of its (entity, first) index range), not a
        # scan of every document naming it: a widely named entity costs the same
        firsts = c.execute("SELECT value, (SELECT MIN(first) FROM ent_doc WHERE entity=value)"
                           " FROM json_each(?)", (keys,)).fetchall()
        descs = dict(c.execute("SELECT node, desc FROM node_desc WHERE node IN "
                               "(SELECT value FROM json_each(?))", (keys,)))
        rows = []
        for e, first in sorted(firsts):
            if first is None or e not in descs:
                continue
            source, _, evidence = first.partition("\u0001")
            cats, labels = json.loads(descs[e])
            rows += [(e, label, cat, source, evidence) for cat in cats for label in labels]
        c.executemany("INSERT INTO q_entities VALUES (?, ?, ?, ?, ?)", rows)


def _json(keys: Iterable[str]) -> str:
    return json.dumps(sorted(keys), ensure_ascii=False)


_CATEGORY = f"{PREFIXES['cg']}"


def _joined(descs: Iterable[str]) -> str:
    """The description of a node given the lines of all of ``descs`` (labels ``@zh``
    strings): as :func:`_desc_of_pairs` of their types and labels together."""
    descs = list(descs)
    if all(d == descs[0] for d in descs):  # (each is already in that form)
        return descs[0]
    cats: set[str] = set()
    labels: set[str] = set()
    for desc in descs:
        c, v = json.loads(desc)
        cats.update(c)
        labels.update(v)
    return json.dumps([sorted(cats), sorted(labels, key=_zh_term)], ensure_ascii=False)


def _zh_term(label: str) -> str:
    """The N-Triples term of an ``@zh`` label (descriptions sort labels by it)."""
    return str(ox.Literal(label, language="zh"))


#: A preferred label that is not an ``@zh`` string, in N-Triples or N-Quads.
_ODD_LABEL = re.compile(rb"<" + re.escape(_PREF.value.encode())
                        + rb'> "(?:[^"\\\n]|\\.)*"(?!@zh )')
_ANY_ODD_LABEL = f"""ASK {{ ?s <{_PREF.value}> ?l FILTER(LANG(?l) != "zh") }}"""
#: The type and preferred-label lines of entities in N-Triples (see :data:`_DESCRIBED`).
_DESCRIBING = re.compile(rb"\n(<" + re.escape(_ID.encode()) + rb"(?!fact/|evidence/|doc/)"
                         rb"[^>]*> <(?:"
                         + re.escape(_PREF.value.encode()) + rb"|"
                         + re.escape(_TYPE.value.encode()) + rb")> [^\n]*)")


def _pairs(graphs: Iterable[bytes], nodes: set[str]) -> dict[str, set[tuple[Any, Any]]]:
    """Per node of ``nodes``, the (type, preferred label) pairs ``graphs`` give it."""
    wanted = {f"<{n}>".encode("utf-8") for n in nodes}
    lines = [m for nt in graphs for m in _DESCRIBING.findall(b"\n" + nt)
             if m[:m.index(b" ")] in wanted]
    out: dict[str, set[tuple[Any, Any]]] = {}
    if not lines:
        return out
    for t in ox.parse(b"\n".join(lines) + b"\n", format=ox.RdfFormat.N_TRIPLES,
                      lenient=True):
        if t.subject.value in nodes:
            out.setdefault(t.subject.value, set()).add((t.predicate, t.object))
    return out


def _desc_of(quads: Iterable[ox.Quad]) -> str:
    """What the summary's rows need of a node: its categories and its labels' strings
    (one per label term, as the queries' joins give them)."""
    return _desc_of_pairs((q.predicate, q.object) for q in quads)


def _desc_of_pairs(pairs: Iterable[tuple[Any, Any]]) -> str:
    """:func:`_desc_of` from a node's (predicate, object) pairs."""
    cats, labels = [], []
    for p, o in pairs:
        if p == _TYPE:
            if o.value in _CATEGORIES:
                cats.append(o.value.rsplit("#", 1)[1])
        else:
            labels.append((str(o), o.value))
    return json.dumps([sorted(cats), [v for _, v in sorted(labels)]], ensure_ascii=False)


def _node_quads(store: ox.Store, node: str) -> list[ox.Quad]:
    n = ox.NamedNode(node)
    return [q for p in (_TYPE, _PREF)
            for q in store.quads_for_pattern(n, p, None, ox.DefaultGraph())]


def _describe(store: ox.Store, node: str) -> str:
    return _desc_of(_node_quads(store, node))


def _describe_many(store: ox.Store, nodes: Iterable[str]) -> dict[str, str]:
    """:func:`_describe` of each of ``nodes`` (a lookup each: one query joining them
    all costs 20 times more)."""
    return {n: _describe(store, n) for n in sorted(nodes)}


#: The entities the rows of a document depend on (their labels and categories): the
#: parties of its facts and the entities it mentions.
_REFS = f"""SELECT DISTINCT ?source ?x WHERE {{
  {{ ?f <{PREFIXES['cg']}evidence> ?s . ?f ?r ?x }}
  UNION {{ ?x <{PREFIXES['cg']}mentionedIn> ?s }}
  ?s <{PREFIXES['dcterms']}isPartOf> ?doc . ?doc <{PREFIXES['dcterms']}identifier> ?id .
  BIND(STR(?id) AS ?source)
  FILTER(isIRI(?x) && STRSTARTS(STR(?x), "{_ID}") && !STRSTARTS(STR(?x), "{_ID}fact/")
         && !STRSTARTS(STR(?x), "{_ID}evidence/") && !STRSTARTS(STR(?x), "{_ID}doc/"))
}}"""
#: Entities an N-Triples graph gives a type or a label (its lines are ``<s> <p> <o> .``).
#: (Matched after a line end, not at ``^`` in multi-line mode: a pattern starting with
#: literal text is searched for as such, five times faster.)
_DESCRIBED = re.compile(rb"\n<(" + re.escape(_ID.encode()) + rb"[^>]*)> <(?:"
                        + re.escape(_PREF.value.encode()) + rb"|"
                        + re.escape(_TYPE.value.encode()) + rb")> ")
_NOT_ENTITY = tuple(f"{_ID}{p}" for p in ("fact/", "evidence/", "doc/"))


def _described(ntriples: bytes | LineFile) -> set[str]:
    """The entities an N-Triples graph gives a type or a preferred label."""
    return {n for piece in _pieces(ntriples)
            for n in (m.decode("utf-8") for m in _DESCRIBED.findall(b"\n" + piece))
            if not n.startswith(_NOT_ENTITY)}


#: A graph in a file (:class:`~graph.linesort.LineFile`) is read in pieces of about this
#: many bytes, whole lines each (what is searched here is one line's).
_PIECE_BYTES = 8_000_000


def _pieces(data: bytes | LineFile) -> Iterator[bytes]:
    """``data`` as it is, or a file's lines piece by piece."""
    if isinstance(data, LineFile):
        yield from data.pieces(_PIECE_BYTES)
    else:
        yield data


def _refs(mini: ox.Store, graphs: Sequence[bytes], docs: Sequence[str] | None = None
          ) -> dict[str, set[str]]:
    """Per document (by id; ``""`` for all when ``docs`` is ``None``), the entities its
    rows depend on (:data:`_REFS`, in ``mini``) or its graph (in ``graphs``) describes."""
    refs: dict[str, set[str]] = {}
    for i, nt in enumerate(graphs):
        refs.setdefault("" if docs is None else docs[i], set()).update(_described(nt))
    for row in mini.query(_REFS):
        refs.setdefault("" if docs is None else row["source"].value, set()).add(
            row["x"].value)
    return refs


def _mini_store(store: ox.Store, docs: Sequence[str], graphs: Sequence[bytes] | None = None
                ) -> tuple[ox.Store, dict[str, set[str]], dict[str, str]]:
    """An in-memory store whose default graph holds the graphs of ``docs`` (those in
    ``store``) and the types and labels ``store``'s default graph gives the entities
    they name; per document, the entities its rows depend on or it describes; and their
    descriptions. ``graphs``: those documents' graphs as N-Triples, just written (read
    instead of the store)."""
    from .kgstore import document_node

    if graphs is None:
        found = [(d, store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g))
                 for d, g in ((d, document_node(d)) for d in docs)
                 if store.contains_named_graph(g)]
    else:
        found = list(zip(docs, graphs))
    mini = ox.Store()
    mini.load(b"\n".join(nt for _, nt in found), format=ox.RdfFormat.N_TRIPLES,
              lenient=True)
    refs = _refs(mini, [nt for _, nt in found], [d for d, _ in found])
    descs = {}
    for node in sorted(set().union(*refs.values())) if refs else []:
        quads = _node_quads(store, node)
        descs[node] = _desc_of(quads)
        mini.extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
    return mini, refs, descs


def _merge_kinds(name: str, kinds: Sequence[str], found: Sequence[str]) -> list[str]:
    """Column kinds ``kinds`` with ``found`` ("-": nothing seen yet) added; a column
    holding two kinds cannot be kept."""
    out = list(kinds)
    for i, k in enumerate(found):
        if k == "-" or k == out[i]:
            continue
        if out[i] != "-":
            raise _Unsupported(f"{name}: column {i} mixes term kinds")
        out[i] = k
    return out


@dataclass
class DocRows:
    """The summary rows of some documents, computed apart from the store (in a worker,
    from the documents' own graphs): per table its columns' term kinds and its rows as
    inserted; the ``ent_doc`` rows; the entities the rows depend on (``refs``) and how
    the graphs describe them (``descs``). They are the store's rows exactly when the
    store describes every entity in ``refs`` the same way (:func:`_holds`)."""

    tables: dict[str, tuple[list[str], list[tuple]]]
    ent_doc: list[tuple[str, str, str]]
    refs: set[str] = field(default_factory=set)
    descs: dict[str, str] = field(default_factory=dict)
    #: the entities the documents' graphs give a type or a label, with the description
    #: those lines alone give (without the fixed place lines; see ``_written_descs``)
    described: dict[str, str] = field(default_factory=dict)


def _rows_of(mini: ox.Store) -> DocRows:
    """The rows of every table, from a store holding the documents' graphs (and their
    entities' types and labels) in its default graph. Raises :class:`_Unsupported` when
    a column's rows mix term kinds."""
    tables: dict[str, tuple[list[str], list[tuple]]] = {}
    texts = [(n, _listing_text(n)) for n in LISTINGS] + [(n, variant(n)) for n in REGIONAL]
    for name, text in texts:
        res = mini.query(text, prefixes=dict(PREFIXES))
        cols = [v.value for v in res.variables]
        at = cols.index("source")
        found = [tuple(sol) for sol in res]
        kinds = ["-"] * len(cols)
        for i in range(len(cols)):  # each kind a column holds, merged once (not per row)
            for k in sorted({_kind(row[i]) for row in found} - {"-"}):
                one = ["-"] * len(cols)
                one[i] = k
                kinds = _merge_kinds(name, kinds, one)
        values = [(_value(row[at]), *(_value(t) for t in row)) for row in found]
        tables[name] = (kinds, values)
    ent = [(r["entity"].value, r["source"].value, r["first"].value)
           for r in mini.query(variant("entities"), prefixes=dict(PREFIXES))]
    return DocRows(tables, ent)


#: A document graph with more bytes of N-Triples than this has its rows computed in
#: parts of about this size (:func:`doc_rows`), so memory does not follow its length.
PART_BYTES = 8_000_000


def doc_rows(ntriples: bytes | LineFile, fixed: bytes = b"", part_bytes: int = PART_BYTES,
             helpers: "Executor | None" = None) -> DocRows | None:
    """The summary rows of one document from its graph (N-Triples) and the fixed place
    descriptions it comes with, as the store gives them when no other document
    describes its entities differently; ``None`` when the summary could not hold them
    (the writer then computes them from the store, and switches the summary off).

    A graph longer than ``part_bytes`` is cut into parts (:func:`_parts`), each queried
    in its own small store with what every row needs: the rows are the same. ``helpers``
    (worker processes), if given, query the parts (taken in order: the same rows)."""
    try:
        if len(ntriples) <= part_bytes:
            ntriples = bytes(ntriples)
            mini = ox.Store()
            mini.load(ntriples + b"\n" + fixed, format=ox.RdfFormat.N_TRIPLES,
                      lenient=True)  # written by graph.rdf
            rows = _rows_of(mini)
            rows.refs = _refs(mini, [ntriples]).get("", set())
        else:
            rows, mini = _rows_in_parts(ntriples, fixed, part_bytes, helpers)
    except _Unsupported:
        return None
    rows.descs = _describe_all(mini, rows.refs)
    own = _pairs(_pieces(ntriples), _described(ntriples))
    rows.described = {n: _desc_of_pairs(own[n]) for n in sorted(own)}
    return rows


def _describe_all(store: ox.Store, nodes: Iterable[str]) -> dict[str, str]:
    """:func:`_describe` of each of ``nodes``, from two scans of a small store's types
    and preferred labels (instead of two lookups per node)."""
    pairs: dict[str, list[tuple[Any, Any]]] = {n: [] for n in nodes}
    for p in (_TYPE, _PREF):
        for q in store.quads_for_pattern(None, p, None, ox.DefaultGraph()):
            found = pairs.get(q.subject.value)
            if found is not None:
                found.append((p, q.object))
    return {n: _desc_of_pairs(pairs[n]) for n in sorted(pairs)}


_FACT_PREFIX = f"<{_ID}fact/".encode()
_EVIDENCE_PREFIX = f"<{_ID}evidence/".encode()
_DOC_PREFIX = f"<{_ID}doc/".encode()
_MENTIONED = f"<{PREFIXES['cg']}mentionedIn>".encode()
_SHARED = {f"<{_TYPE.value}>".encode(), f"<{_PREF.value}>".encode()}
_EVIDENCE_OF = re.compile(rb"^(" + re.escape(_FACT_PREFIX) + rb"[^>]*>) <"
                          + re.escape(f"{PREFIXES['cg']}evidence".encode())
                          + rb"> (<[^>]*>) \.$", re.M)


def _parts(ntriples: bytes | LineFile, fixed: bytes, count: int, folder: Path
           ) -> tuple[bytes, list[Path]]:
    """Cut a document graph for the summary queries: the lines every row may need
    (the document's, the types and preferred labels of everything), and ``count``
    files of the other lines (kept aside on disk), each holding whole facts with their
    evidence sentence and the mentions of those sentences. Every row of the summary
    queries joins one fact or one mention with its sentence, the document and labels,
    so the rows of the graph are the rows of its parts together. Lines no summary query
    reads (other properties of entities) are left out."""
    from zlib import crc32

    def part(iri: bytes) -> int:
        return crc32(iri) % count

    fact_part = {m.group(1): part(m.group(2)) for piece in _pieces(ntriples)
                 for m in _EVIDENCE_OF.finditer(piece)}
    shared: list[bytes] = []
    paths = [folder / f"part{i}.nt" for i in range(count)]
    files = [open(p, "wb") for p in paths]  # noqa: SIM115 - closed below
    try:
        for source in (ntriples, fixed):
            for piece in line_pieces(source, 4_000_000):
                out: list[list[bytes]] = [[] for _ in range(count)]
                for line in piece.split(b"\n"):
                    if not line:
                        continue
                    subject, predicate, rest = line.split(b" ", 2)
                    if subject.startswith(_FACT_PREFIX):
                        out[fact_part.get(subject, part(subject))].append(line)
                    elif subject.startswith(_EVIDENCE_PREFIX):
                        out[part(subject)].append(line)
                    elif predicate == _MENTIONED:
                        out[part(rest[:-2])].append(line)
                    elif predicate in _SHARED or subject.startswith(_DOC_PREFIX):
                        shared.append(line)
                for f, lines in zip(files, out):
                    if lines:
                        f.write(b"\n".join(lines) + b"\n")
    finally:
        for f in files:
            f.close()
    return b"\n".join(shared) + b"\n", paths


def _part_rows(shared: bytes, path: str) -> tuple[DocRows, set[str]]:
    """The rows of one part of a long graph (:func:`_parts`) and the entities they
    depend on (may run in a worker process); the part's file is removed."""
    mini = ox.Store()
    mini.load(shared, format=ox.RdfFormat.N_TRIPLES, lenient=True)
    mini.load(path=path, format=ox.RdfFormat.N_TRIPLES, lenient=True)
    Path(path).unlink()
    return _rows_of(mini), _refs(mini, []).get("", set())


def _rows_in_parts(ntriples: bytes | LineFile, fixed: bytes, part_bytes: int,
                   helpers: "Executor | None" = None) -> tuple[DocRows, ox.Store]:
    """:func:`doc_rows` of a long graph, part by part (:func:`_parts`), on ``helpers``
    if given; also a store of the lines every part holds (the document's, types and
    labels)."""
    import tempfile

    count = max(2, -(-len(ntriples) // part_bytes))
    tables: dict[str, tuple[list[str], list[tuple]]] = {}
    ent: list[tuple[str, str, str]] = []
    refs: set[str] = set()
    same: dict[Any, Any] = {}  # one copy of each value: rows repeat sentences and labels
    with tempfile.TemporaryDirectory(prefix="coopgraph-rows-") as tmp:
        shared, paths = _parts(ntriples, fixed, count, Path(tmp))
        names = [str(p) for p in paths]
        found = (helpers.map(_part_rows, [shared] * len(names), names) if helpers
                 else (_part_rows(shared, n) for n in names))
        for got, more in found:
            for name, (kinds, values) in got.tables.items():
                have = tables.setdefault(name, (["-"] * len(kinds), []))
                have[1].extend(tuple(same.setdefault(v, v) for v in row) for row in values)
                tables[name] = (_merge_kinds(name, have[0], kinds), have[1])
            ent += [tuple(same.setdefault(v, v) for v in row) for row in got.ent_doc]
            refs.update(more)
    refs.update(_described(ntriples))
    tables["documents"] = (tables["documents"][0], _sum_documents(tables["documents"][1]))
    mini = ox.Store()
    mini.load(shared, format=ox.RdfFormat.N_TRIPLES, lenient=True)
    return DocRows(tables, ent, refs), mini


def _sum_documents(rows: list[tuple]) -> list[tuple]:
    """The ``documents`` row of a document from its parts' rows: the same but for the
    counts of facts and entities, which add up (each fact and each entity's mention
    is in one part)."""
    from .query import named_queries

    cols = ["doc", *_columns(named_queries()["documents"].sparql)]
    counted = [cols.index(c) for c in ("facts", "entities")]
    out: dict[Any, list] = {}
    for row in rows:
        key = tuple(v for i, v in enumerate(row) if i not in counted)
        if key not in out:
            out[key] = list(row)
            continue
        for i in counted:
            out[key][i] = str(int(out[key][i]) + int(row[i]))
    return [tuple(v) for v in out.values()]


def _holds(store: ox.Store, rows: DocRows, descs: dict[str, str]) -> bool:
    """Whether ``store`` describes each entity ``rows`` depend on as ``rows.descs`` do
    (then the rows are the store's); ``descs`` gathers the store's descriptions."""
    for n in sorted(rows.refs):
        if n not in descs:
            descs[n] = _describe(store, n)
        if descs[n] != rows.descs.get(n):
            return False
    return True


def rebuild(store: ox.Store, store_dir: str | Path) -> Summary:
    """Make the summary of ``store`` from scratch (written aside, then renamed)."""
    from .kgstore import documents

    final = Path(store_dir) / SUMMARY_FILE
    tmp = final.with_name(f".{SUMMARY_FILE}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    s = Summary.__new__(Summary)
    s.path, s._kinds = tmp, {}
    s.conn = sqlite3.connect(str(tmp), isolation_level=None)
    try:
        s.conn.execute("PRAGMA journal_mode=OFF")
        s.conn.execute(f"PRAGMA cache_size={CACHE_KB}")
        s._init()
        s._set("plain_labels", "0" if store.query(_ANY_ODD_LABEL) else "1")
        s.finish(store, [d.doc_id for d in documents(store)])
        s.conn.close()
        os.replace(tmp, final)
    except BaseException:
        s.conn.close()
        tmp.unlink(missing_ok=True)
        raise
    return Summary(store_dir)


def maintained(summary: Summary | None, store: ox.Store, doc_ids: Sequence[str],
               graphs: Sequence[bytes] | None = None,
               computed: Mapping[str, "DocRows | None"] | None = None,
               written: Sequence[bytes] = ()) -> contextlib.AbstractContextManager:
    """The context a store write of ``doc_ids`` runs in (nothing without a summary);
    ``graphs``: each document's graph as N-Triples, if at hand; ``computed``: rows
    :func:`doc_rows` made of some of them; ``written``: all the write adds (N-Triples
    or N-Quads)."""
    if summary is None:
        return contextlib.nullcontext()
    return summary.writing(store, doc_ids, graphs, computed, written)


# --- answering -----------------------------------------------------------------------

class Reader:
    """A summary opened for answering named queries (read-only)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._makers: dict[str, list[Any]] = {}

    def makers(self, name: str) -> list[Any]:
        if name not in self._makers:
            row = self.conn.execute("SELECT value FROM meta WHERE key=?",
                                    (f"kinds:{name}",)).fetchone()
            kinds = json.loads(row[0]) if row else []
            self._makers[name] = [_maker(k) if k != "-" else None for k in kinds]
        return self._makers[name]

    def listing(self, name: str, offset: int) -> tuple[list[str], Iterator[tuple]]:
        """A listing's columns and its rows in order from ``offset`` (lazily)."""
        from .query import named_queries

        cols = list(_columns(named_queries()[name].sparql))
        makers = self.makers(name)
        if len(makers) != len(cols):
            makers = [None] * len(cols)  # no rows were ever stored
        order = ", ".join(f"c_{c}" for c in sort_columns(name))
        cur = self.conn.execute(
            f"SELECT {', '.join(f'c_{c}' for c in cols)} FROM {_table(name)} "
            f"ORDER BY {order} LIMIT -1 OFFSET ?", (offset,))
        return cols, (tuple(None if v is None else m(v) for m, v in zip(makers, row))
                      for row in cur)

    def entities(self, offset: int) -> tuple[list[str], Iterator[tuple]]:
        cur = self.conn.execute(
            "SELECT label, category, source, evidence FROM q_entities "
            "ORDER BY category, label, source, evidence LIMIT -1 OFFSET ?", (offset,))
        lit = ox.Literal
        return (["label", "category", "source", "evidence"],
                (tuple(lit(v) for v in row) for row in cur))

    def regional_page(self, store: ox.Store, name: str, value: str, target: ox.NamedNode,
                      offset: int) -> tuple[list[str], Iterator[tuple]]:
        """Rows of ``region-partners``/``rnd-in`` for one region node, DISTINCT and in
        the shipped query's order from ``offset`` (lazily), selected in SQL."""
        from .query import named_queries, to_term

        key = REGIONAL[name]
        cols = list(_columns(variant(name)))
        makers = self.makers(name)
        shipped = list(_columns(named_queries()[name].sparql))  # ?region + the rest
        rest = [c for c in shipped if c != "region"]
        make = [makers[cols.index(c)] if makers else None for c in rest]
        order = ", ".join(f"c_{c}" for c in sort_columns(name) if c != "region")
        inside = json.dumps(sorted(_inside(store, target)), ensure_ascii=False)
        other = (" AND c_other NOT IN (SELECT value FROM json_each(?1))"
                 if name == "region-partners" else "")
        cur = self.conn.execute(
            f"SELECT DISTINCT {', '.join(f'c_{c}' for c in rest)} FROM {_table(name)} "
            f"WHERE c_{key} IN (SELECT value FROM json_each(?1)){other} "
            f"ORDER BY {order} LIMIT -1 OFFSET ?2", (inside, offset))
        region, at = to_term(value), shipped.index("region")

        def rows() -> Iterator[tuple]:
            for row in cur:
                terms = [None if v is None else m(v) for m, v in zip(make, row)]
                terms.insert(at, region)
                yield tuple(terms)

        return shipped, rows()

    def regional(self, store: ox.Store, name: str, value: str, targets: list[ox.NamedNode]
                 ) -> tuple[list[str], list[tuple]]:
        """Rows of ``region-partners``/``rnd-in`` for the region nodes ``targets``:
        the places inside each (``cg:partOf*``, from the store) and their rows here,
        DISTINCT over the shipped query's columns (unsorted)."""
        from .query import named_queries, to_term

        key = REGIONAL[name]
        cols = list(_columns(variant(name)))
        makers = self.makers(name)
        shipped = list(_columns(named_queries()[name].sparql))  # ?region + the rest
        at = {c: i for i, c in enumerate(cols)}
        region = to_term(value)
        out: dict[tuple, None] = {}
        for target in targets:
            inside = _inside(store, target)
            if not inside:
                continue
            rows = self.conn.execute(
                f"SELECT {', '.join(f'c_{c}' for c in cols)} FROM {_table(name)} "
                f"WHERE c_{key} IN (SELECT value FROM json_each(?))",
                (json.dumps(sorted(inside), ensure_ascii=False),)).fetchall()
            for row in rows:
                if name == "region-partners" and row[at["other"]] in inside:
                    continue
                out[tuple(region if c == "region" else
                          (None if row[at[c]] is None else makers[at[c]](row[at[c]]))
                          for c in shipped)] = None
        return shipped, list(out)


def _inside(store: ox.Store, target: ox.NamedNode) -> set[str]:
    """``target`` and what is inside it (``cg:partOf*``), from the store."""
    return {r["m"].value for r in store.query(
        f"SELECT DISTINCT ?m WHERE {{ ?m <{PREFIXES['cg']}partOf>* {target} }}")}


def _answer(reader: Reader, store: ox.Store, name: str, params: Mapping[str, str],
            offset: int) -> tuple[list[str], Iterable[tuple]]:
    if name == "entities":
        return reader.entities(offset)
    if name in LISTINGS:
        return reader.listing(name, offset)
    from .query import label_forms, named_queries, _sorted_rows, split_order

    value = params["region"]
    forms = " ".join(str(t) for t in label_forms(value))
    skos = PREFIXES["skos"]
    targets = [r["t"] for r in store.query(
        f"SELECT DISTINCT ?t WHERE {{ VALUES ?l {{ {forms} }} "
        f"?t <{skos}prefLabel>|<{skos}altLabel> ?l }}")]
    if len(targets) == 1:  # the common case: DISTINCT, order and page in SQL
        return reader.regional_page(store, name, value, targets[0], offset)
    cols, rows = reader.regional(store, name, value, targets)
    _, keys = split_order(named_queries()[name].sparql)
    return cols, _sorted_rows(rows, cols, keys)[offset:]


def answer(reader: Reader, store: ox.Store, name: str, params: Mapping[str, str], *,
           offset: int, take: Any) -> tuple[list[str], list[tuple]] | None:
    """Columns and rows (as ``take(rows_from_offset)`` keeps them) of the named query
    ``name``, read in one SQLite read transaction; ``None`` if the summary is no longer
    complete (a write began since it was opened) or cannot be read now (the query then
    runs in SPARQL)."""
    c = reader.conn
    try:
        c.execute("BEGIN")
        try:
            if not _current(c):
                return None
            cols, rows = _answer(reader, store, name, params, offset)
            return cols, take(rows)
        finally:
            c.execute("COMMIT")
    except sqlite3.Error:  # locked by a writer for longer than the timeout, damaged …
        return None


def open_reader(store_dir: str | Path) -> Reader | None:
    """The summary of the store in ``store_dir`` if it is current and complete (no
    pending documents, same coopgraph version and query texts), else ``None``."""
    path = Path(store_dir) / SUMMARY_FILE
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5,
                               check_same_thread=False, isolation_level=None)
        current = _current(conn)
    except sqlite3.Error:
        return None
    if not current:
        conn.close()
        return None
    return Reader(conn)


def _current(conn: sqlite3.Connection) -> bool:
    meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN "
                             "('fingerprint', 'state', 'pending')").fetchall())
    return (meta.get("fingerprint") == fingerprint() and meta.get("state") == "ok"
            and meta.get("pending") == "[]")


def covers(name: str) -> bool:
    """Whether the named query ``name`` can be answered from a summary."""
    return name in LISTINGS or name in REGIONAL or name == "entities"


__all__ = ["LISTINGS", "REGIONAL", "SUMMARY_FILE", "DocRows", "Reader", "Summary", "answer",
           "covers", "doc_rows", "maintained", "open_reader", "rebuild"]
