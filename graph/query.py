"""Named competency queries (``graph/queries/*.rq``) and SPARQL on an Oxigraph store.

Every query runs on the default graph, which holds the union of the document graphs (see
:mod:`graph.rdf`), as on any standard SPARQL store; ``GRAPH ?doc { … }`` reaches one
document's graph, ``FROM <doc IRI>`` makes it the default graph.

Parameters never go into the query text. They are passed to Oxigraph as
*substitutions* (SPARQL-dev SEP-0007, the equivalent of rdflib's ``initBindings``):
each value becomes an RDF term -- ``<http://…>`` an IRI, anything else a plain string
literal -- and replaces the variable of the same name, which must appear in the
query's SELECT clause. A named query declares its parameters in its header::

    # param region: a region label or alias, e.g. 雨花区 (required)
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import pyoxigraph as ox

from .chars import xml_safe
from .csvout import csv_text
from .errors import QueryError
from .prefixes import PREFIXES

FORMATS = ("table", "csv", "json")
#: Rows ``coopgraph query`` prints as a table unless ``--limit``/``--all`` say otherwise.
DEFAULT_PAGE = 100
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_PARAM = re.compile(r"^#\s*param\s+([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.*)$")
_FORMS = re.compile(r"^#\s*param-forms\s+([A-Za-z_][A-Za-z0-9_]*)\s*:\s*\?([A-Za-z_][A-Za-z0-9_]*)")
#: The forms a label literal takes in the graph (see graph/rdf.py): ``@zh``, the script
#: variants an article spelt it in, or a plain string.
LABEL_FORMS = ("zh", "zh-Hant", "zh-Hans", "")
_SPARQL_START = re.compile(r"^\s*(PREFIX|BASE|SELECT|ASK|CONSTRUCT|DESCRIBE|#|INSERT|DELETE|"
                           r"LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.I)


@dataclass(frozen=True)
class NamedQuery:
    """A shipped query: its name, one-line description, parameters and text."""

    name: str
    description: str
    sparql: str
    params: dict[str, str] = field(default_factory=dict)  # name → description
    required: frozenset[str] = frozenset()
    #: variable → parameter: bound to the parameter's value in every label form
    #: (:data:`LABEL_FORMS`), so a label is found by exact-term index lookups.
    forms: dict[str, str] = field(default_factory=dict)


@dataclass
class QueryResult:
    """A materialised result: ``kind`` is ``select``, ``ask`` or ``graph``.

    ``rows`` hold pyoxigraph terms (``None`` for unbound); a ``graph`` result has the
    variables ``subject predicate object`` and one row per triple.
    """

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    boolean: bool | None = None

    def values(self) -> list[tuple[str, ...]]:
        """Rows as plain strings ("" for unbound), e.g. for assertions and CSV."""
        return [tuple(term_value(t) for t in row) for row in self.rows]


def _queries_dir() -> Path:
    return Path(str(resources.files("graph") / "queries"))


def _parse(name: str, text: str) -> NamedQuery:
    description, params, required, forms = "", {}, set(), {}
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        f = _FORMS.match(line)
        if f:
            forms[f.group(1)] = f.group(2)
            continue
        m = _PARAM.match(line)
        if m:
            desc = m.group(2).strip()
            if desc.endswith("(required)"):
                required.add(m.group(1))
                desc = desc[: -len("(required)")].rstrip()
            params[m.group(1)] = desc
        elif not description:
            description = line.lstrip("#").strip()
    return NamedQuery(name, description, text, params, frozenset(required), forms)


@lru_cache(maxsize=None)
def named_queries() -> dict[str, NamedQuery]:
    """All shipped queries by name (the ``.rq`` file stem), sorted by name."""
    out = {}
    for path in sorted(_queries_dir().glob("*.rq")):
        out[path.stem] = _parse(path.stem, path.read_text(encoding="utf-8"))
    return out


def list_queries() -> list[tuple[str, str]]:
    """``(name, description)`` of every named query, sorted by name."""
    return [(q.name, q.description) for q in named_queries().values()]


def resolve(name_or_sparql: str) -> NamedQuery:
    """A named query, a ``.rq``/SPARQL file, or a SPARQL string → :class:`NamedQuery`.

    Raises
    ------
    QueryError
        If it is none of these.
    """
    queries = named_queries()
    if name_or_sparql in queries:
        return queries[name_or_sparql]
    text = name_or_sparql.strip()
    if "\n" not in text and len(text) < 4096:
        path = Path(text)
        if path.suffix.lower() in (".rq", ".sparql") or (path.is_file() and " " not in text):
            if not path.is_file():
                raise QueryError(f"query file not found: {text}")
            try:
                return _parse(path.stem, path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError) as exc:
                raise QueryError(f"cannot read query file {text}: {exc}") from None
    if _SPARQL_START.match(text) or re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", text,
                                               re.I):
        return _parse("sparql", text)
    known = ", ".join(queries)
    raise QueryError(f"unknown query {name_or_sparql!r}: use one of {known}, "
                     "a .rq file or a SPARQL string")


def to_term(value: str) -> ox.NamedNode | ox.Literal:
    """A parameter value as an RDF term: ``<iri>`` → IRI, anything else → string literal.

    Raises
    ------
    QueryError
        For a malformed IRI.
    """
    value = xml_safe(value)  # as the graph's text: a lone surrogate became U+FFFD there
    if value.startswith("<") and value.endswith(">"):
        try:
            return ox.NamedNode(value[1:-1])
        except ValueError as exc:
            raise QueryError(f"invalid IRI {value}: {exc}") from None
    return ox.Literal(value)


def _substitutions(q: NamedQuery, params: Mapping[str, str] | None
                   ) -> dict[ox.Variable, ox.NamedNode | ox.Literal]:
    params = dict(params or {})
    missing = sorted(q.required - set(params))
    if missing:
        name = missing[0]
        raise QueryError(f"query {q.name} needs --param {name}=VALUE ({q.params[name]})")
    if q.name in named_queries() and named_queries()[q.name] is q:
        unknown = sorted(set(params) - set(q.params))
        if unknown:
            allowed = ", ".join(sorted(q.params)) or "none"
            raise QueryError(f"query {q.name} has no parameter {unknown[0]!r} "
                             f"(parameters: {allowed})")
    return {ox.Variable(k): to_term(v) for k, v in params.items()}


_WHERE = re.compile(r"\bWHERE\s*\{", re.I)


def insert_values(text: str, bindings: Mapping[str, Sequence[Any]]) -> str:
    """``text`` with ``VALUES ?name { term … }`` for each variable, first in its WHERE
    (terms serialised as RDF terms, never pasted as text).

    Raises
    ------
    QueryError
        If the query has no ``WHERE {`` to put them in.
    """
    if not bindings:
        return text
    offset = 0
    for line in text.splitlines(keepends=True):  # skip the comment header (it may say "WHERE")
        if line.strip() and not line.lstrip().startswith("#"):
            break
        offset += len(line)
    m = _WHERE.search(text, offset)
    if not m:
        raise QueryError("parameters need a query with a WHERE { … } clause")
    block = "".join(f"\n  VALUES ?{name} {{ {' '.join(str(t) for t in terms)} }}"
                    for name, terms in sorted(bindings.items()))
    return text[:m.end()] + block + text[m.end():]


def label_forms(value: str) -> list[ox.Literal]:
    """``value`` as each form a label literal takes (:data:`LABEL_FORMS`)."""
    value = xml_safe(value)
    return [ox.Literal(value, language=lang) if lang else ox.Literal(value)
            for lang in LABEL_FORMS]


def form_values(q: NamedQuery, params: Mapping[str, str]) -> dict[str, list[ox.Literal]]:
    """The ``VALUES`` of ``q``'s label-form variables for ``params`` (variable → terms)."""
    return {var: label_forms(params[param]) for var, param in sorted(q.forms.items())
            if param in params}


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def _is_shipped(q: NamedQuery) -> bool:
    return named_queries().get(q.name) is q


def _paged(text: str, limit: int | None, offset: int) -> str:
    """A shipped query's text with LIMIT/OFFSET, so the engine stops early."""
    text = text.rstrip()
    if limit is not None:
        text += f"\nLIMIT {int(limit)}"
    if offset:
        text += f"\nOFFSET {int(offset)}"
    return text + "\n"


def _take(items: Iterable[Any], name: str, offset: int, limit: int | None,
          max_rows: int | None) -> list[Any]:
    out: list[Any] = []
    for i, item in enumerate(items):
        if i < offset:
            continue
        if limit is not None and len(out) >= limit:
            break
        if max_rows is not None and len(out) >= max_rows:
            raise QueryError(f"query {name}: more than {max_rows} result rows (the limit, "
                             "--max-rows); page it with --limit and --offset or raise "
                             "--max-rows")
        out.append(item)
    return out


_ORDER = re.compile(r"\n\s*ORDER\s+BY((?:\s+\?[A-Za-z_][A-Za-z0-9_]*)+)\s*$", re.I)
_RANK = {type(None): 0, ox.BlankNode: 1, ox.NamedNode: 2, ox.Literal: 3}


def split_order(text: str) -> tuple[str, list[str]]:
    """A shipped query's text without its final ``ORDER BY ?a ?b …`` and those variables
    (``[]`` if it does not end with one made of plain ascending variables)."""
    m = _ORDER.search(text.rstrip())
    if not m:
        return text, []
    return text.rstrip()[:m.start()] + "\n", m.group(1).split()


def _sorted_rows(rows: list[tuple], variables: list[str], keys: list[str]) -> list[tuple]:
    """``rows`` in the order ``ORDER BY keys`` gives, ties broken by the remaining columns
    (so the order never depends on how the engine happened to evaluate).

    SPARQL's ascending order for the terms shipped queries sort on: unbound, blank
    nodes, IRIs, then plain strings by code point (as their UTF-8 bytes compare, which
    is how Oxigraph compares them). Shipped queries sort on ``STR(…)`` values and IRIs
    only (``tests/test_query_shapes.py`` checks it on every query's rows).
    """
    index = [variables.index(k[1:]) for k in keys]
    index += [i for i in range(len(variables)) if i not in index]
    rank = _RANK

    def key(row: tuple) -> tuple:
        return tuple((rank[type(row[i])], "" if row[i] is None else row[i].value)
                     for i in index)

    return sorted(rows, key=key)


def _run_sorted_here(store: ox.Store, q: NamedQuery, text: str, subs: dict,
                     limit: int | None, offset: int, max_rows: int | None
                     ) -> QueryResult | None:
    """A shipped query evaluated without its ``ORDER BY``, sorted here, then paged.

    Oxigraph sorts by decoding both terms of every comparison from the store (a
    dictionary read per long string): on 5,000 rows the engine's sort cost as much as the
    whole evaluation; sorting the decoded rows in Python costs a few milliseconds.
    ``None`` when the query has no final ``ORDER BY ?a ?b …`` on projected variables
    (the engine then sorts).
    """
    text, keys = split_order(text)
    if not keys:
        return None
    try:
        res = store.query(text, use_default_graph_as_union=False,
                          prefixes=dict(PREFIXES), substitutions=subs or None)
    except SyntaxError:  # e.g. ORDER BY needed by an aggregate: let the engine sort
        return None
    if not isinstance(res, ox.QuerySolutions):
        return None
    variables = [v.value for v in res.variables]
    if any(k[1:] not in variables for k in keys):
        return None
    rows = _sorted_rows([tuple(sol[v] for v in variables) for sol in res], variables, keys)
    page = _take(rows, q.name, offset, limit, max_rows)
    return QueryResult("select", variables, page)


def from_summary(summary: Any, store: ox.Store, q: NamedQuery,
                 params: Mapping[str, str] | None, *, limit: int | None = None,
                 offset: int = 0, max_rows: int | None = None) -> QueryResult | None:
    """The page of the shipped query ``q`` read from the store's summary, or ``None``
    when it must run in SPARQL (no summary, a query it does not cover, or a summary no
    longer current: see :func:`graph.summary.answer`).

    Raises
    ------
    QueryError
        If the page is longer than ``max_rows``.
    """
    if summary is None or not _is_shipped(q):
        return None
    from .summary import answer, covers

    if not covers(q.name):
        return None
    got = answer(summary, store, q.name, params or {}, offset=offset,
                 take=lambda rows: _take(rows, q.name, 0, limit, max_rows))
    return None if got is None else QueryResult("select", got[0], got[1])


def run_query(store: ox.Store, name_or_sparql: str,
              params: Mapping[str, str] | None = None, *, limit: int | None = None,
              offset: int = 0, max_rows: int | None = None,
              allow_network: bool = False, summary: Any = None) -> QueryResult:
    """Run a named query, a query file or a SPARQL string on ``store``.

    A query that did not ship with coopgraph is checked first
    (:func:`graph.sparql_guard.check_query`): read-only, and nothing that reaches the
    network unless ``allow_network``. This call has no time limit: see
    :func:`graph.limits.run_limited` for one.

    Parameters
    ----------
    store : pyoxigraph.Store
        The graph (see :func:`graph.store.load_store`).
    name_or_sparql : str
        ``pairings``, ``path/to/query.rq`` or ``SELECT …``.
    params : mapping, optional
        Variable name → value, bound by substitution (never by formatting the text).
    limit, offset : int, optional
        A page of the result: at most ``limit`` rows after skipping ``offset``.
    max_rows : int, optional
        Refuse a result (page) longer than this.
    allow_network : bool
        Let ``SERVICE`` clauses query remote endpoints.
    summary : graph.summary.Reader, optional
        The store's summary (:func:`graph.summary.open_reader`): shipped queries it
        covers are answered from it, with the same rows in the same order.

    Returns
    -------
    QueryResult

    Raises
    ------
    QueryError
        Unknown name, SPARQL syntax error, an update, a refused SERVICE/FROM, missing or
        unknown parameter, too many rows (one line).

    Examples
    --------
    >>> run_query(store, "region-partners", {"region": "雨花区"}).values()  # doctest: +SKIP
    """
    q = resolve(name_or_sparql)
    subs = _substitutions(q, params)
    if limit is not None and limit < 0 or offset < 0:
        raise QueryError("--limit and --offset must not be negative")
    text = insert_values(q.sparql, form_values(q, params or {}))
    got = from_summary(summary, store, q, params, limit=limit, offset=offset,
                       max_rows=max_rows)
    if got is not None:
        return got
    if _is_shipped(q):
        try:
            here = _run_sorted_here(store, q, text, subs, limit, offset, max_rows)
        except (RuntimeError, ValueError, OSError):
            here = None  # the engine's own run below reports the error
        if here is not None:
            return here
        text, offset = _paged(text, limit, offset), 0
        limit = None
    else:
        from .sparql_guard import check_query

        check_query(text, PREFIXES, allow_network=allow_network)
    try:
        res = store.query(text, use_default_graph_as_union=False,
                          prefixes=dict(PREFIXES), substitutions=subs or None)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {_first_line(exc)}") from None
    except (RuntimeError, ValueError, OSError) as exc:
        msg = _first_line(exc)
        m = re.search(r"does not contains? variable \?(\w+)", msg)
        if m:
            raise QueryError(f"query {q.name} has no variable ?{m.group(1)} "
                             "in its SELECT clause to bind") from None
        raise QueryError(f"query failed: {msg}") from None
    try:
        if isinstance(res, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(res))
        if isinstance(res, ox.QueryTriples):
            rows = [(t.subject, t.predicate, t.object)
                    for t in _take(res, q.name, offset, limit, max_rows)]
            return QueryResult("graph", ["subject", "predicate", "object"], rows)
        variables = [v.value for v in res.variables]
        rows = [tuple(sol[v] for v in variables)
                for sol in _take(res, q.name, offset, limit, max_rows)]
    except (RuntimeError, ValueError, OSError) as exc:
        raise QueryError(f"query failed: {_first_line(exc)}") from None
    return QueryResult("select", variables, rows)


# --- formatting ----------------------------------------------------------------------

def term_value(term: object) -> str:
    """The plain value of a term: IRI string, literal lexical form, ``_:id``, or ""."""
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    return str(term)


def _short(term: object) -> str:
    """Table cell: literals as their text, IRIs compacted with the known prefixes."""
    if isinstance(term, ox.NamedNode):
        iri = term.value
        for prefix, ns in PREFIXES.items():
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns):]}"
        return f"<{iri}>"
    return term_value(term)


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal (CJK wide/fullwidth characters count 2)."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def _clean(text: str) -> str:
    return " ".join(text.split())


def format_table(variables: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """An aligned text table (CJK-width aware) with a row count line."""
    cells = [[_clean(c) for c in row] for row in rows]
    widths = [display_width(v) for v in variables]
    for row in cells:
        widths = [max(w, display_width(c)) for w, c in zip(widths, row)]
    lines = ["  ".join(_pad(v, w) for v, w in zip(variables, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(_pad(c, w) for c, w in zip(row, widths)).rstrip() for row in cells]
    n = len(cells)
    lines.append(f"({n} row{'s' if n != 1 else ''})")
    return "\n".join(lines) + "\n"


def json_term(term: object) -> dict:
    """One RDF term as a SPARQL 1.1 Query Results JSON term object."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):  # RDF-star: not produced by coopgraph
        return {"type": "triple", "value": {
            "subject": json_term(term.subject), "predicate": json_term(term.predicate),
            "object": json_term(term.object)}}
    return {"type": "literal", "value": str(term)}


def json_document(result: QueryResult) -> dict:
    """A SELECT (or graph) result as a SPARQL 1.1 Query Results JSON document, each
    distinct term converted once (a long listing repeats its labels and places)."""
    variables = list(result.variables)
    seen: dict[Any, dict[str, str]] = {}

    def cell(term: Any) -> dict[str, str]:
        got = seen.get(term)
        if got is None:
            got = seen[term] = json_term(term)
        return got

    bindings = [{v: cell(t) for v, t in zip(variables, row) if t is not None}
                for row in result.rows]
    return {"head": {"vars": variables}, "results": {"bindings": bindings}}


def to_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON (a graph result as ``subject predicate object``)."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)}) + "\n"
    return json.dumps(json_document(result), ensure_ascii=False, indent=2) + "\n"


def to_csv(result: QueryResult, *, bom: bool = True) -> str:
    """SPARQL 1.1 Query Results CSV (values only, CRLF line ends as the spec says), with a
    UTF-8 byte-order mark unless ``bom`` is false and formula-like cells guarded
    (:mod:`graph.csvout`)."""
    if result.kind == "ask":
        return csv_text(["boolean"], [["true" if result.boolean else "false"]], bom=bom)
    return csv_text(result.variables, result.values(), bom=bom)


def _turtle(result: QueryResult) -> str:
    triples = [ox.Triple(*row) for row in result.rows]
    # no "id:" prefix: percent-encoded local names would need backslash escapes
    prefixes = {k: v for k, v in PREFIXES.items() if k != "id"}
    data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    return (data or b"").decode("utf-8")


def format_results(result: QueryResult, fmt: str = "table", *, bom: bool = True) -> str:
    """Render a result as ``table``, ``csv`` or ``json``.

    ``table`` prints an ASK result as ``true``/``false`` and a CONSTRUCT/DESCRIBE result
    as Turtle; ``csv`` and ``json`` give a graph result one row per triple.

    Raises
    ------
    QueryError
        For an unknown format.
    """
    if fmt == "json":
        return to_json(result)
    if fmt == "csv":
        return to_csv(result, bom=bom)
    if fmt == "table":
        if result.kind == "ask":
            return ("true" if result.boolean else "false") + "\n"
        if result.kind == "graph":
            return _turtle(result)
        rows = [[_short(t) for t in row] for row in result.rows]
        return format_table(result.variables, rows)
    raise QueryError(f"unknown result format {fmt!r}: use one of {', '.join(FORMATS)}")


__all__ = ["DEFAULT_PAGE", "FORMATS", "LABEL_FORMS", "form_values", "from_summary", "insert_values", "json_document",
           "label_forms", "NamedQuery", "QueryResult", "display_width", "format_results",
           "format_table", "list_queries", "named_queries", "resolve", "run_query",
           "term_value", "to_csv", "to_json", "to_term"]
