"""Run a named query (or any query) on a SPARQL 1.1 endpoint, e.g. ``coopgraph serve``.

The query goes out as a standard SPARQL Protocol request (SPARQLWrapper, POST);
results come back as SPARQL JSON (SELECT, ASK) or N-Triples (CONSTRUCT, DESCRIBE) and
are read by Oxigraph's parsers into the same :class:`graph.query.QueryResult` a local
query gives, so every output format works unchanged. The predeclared prefixes are
written into the query; parameters become a ``VALUES`` block at the start of the WHERE
clause (the values are serialised as RDF terms, never pasted as text).
"""
from __future__ import annotations

import re
import socket
import urllib.error
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping

import pyoxigraph as ox

from .errors import QueryError
from .query import (NamedQuery, QueryResult, _is_shipped, _paged, _take, form_values,
                    insert_values, named_queries, resolve, to_term)
from .prefixes import PREFIXES


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def with_values(text: str, params: Mapping[str, str]) -> str:
    """``text`` with ``VALUES ?name { term }`` for each parameter, first in its WHERE.

    Raises
    ------
    QueryError
        If the query has no ``WHERE {`` to put them in.
    """
    return insert_values(text, {name: [to_term(value)] for name, value in params.items()})


def bound_text(text: str, q: NamedQuery, params: Mapping[str, str]) -> str:
    """``text`` (``q``'s) with its parameters and their label forms as ``VALUES``."""
    return insert_values(with_values(text, params), form_values(q, params))


def _prologue() -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(PREFIXES.items()))


_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"


def _fetch(url: str, text: str, timeout: float) -> tuple[str, bytes, int | None]:
    """POST ``text`` to ``url``: (media type, body, row limit) of the answer; the row
    limit is the one a ``coopgraph serve`` endpoint cut the answer at (else ``None``)."""
    from .rowcap import MAX_ROWS, TRUNCATED

    from SPARQLWrapper import POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    client = SPARQLWrapper(url)
    client.setMethod(POST)
    client.setTimeout(max(1, int(round(timeout))))
    client.setQuery(text)
    client.addCustomHttpHeader("Accept", _ACCEPT)
    try:
        with client.query().response as response:
            media = (response.headers.get("Content-Type") or "").split(";")[0].strip()
            cut = None
            if (response.headers.get(TRUNCATED) or "").strip().lower() == "true":
                cap = (response.headers.get(MAX_ROWS) or "").strip()
                cut = int(cap) if cap.isdigit() else 0
            return media.lower(), response.read(), cut
    except SPARQLWrapperException as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise QueryError(f"endpoint {url} refused the query: {first}") from None
    except (socket.timeout, TimeoutError):
        raise QueryError(f"endpoint {url} did not answer within {timeout:g} s "
                         "(--timeout)") from None
    except urllib.error.URLError as exc:
        raise QueryError(f"cannot reach endpoint {url}: {exc.reason}") from None
    except OSError as exc:
        raise QueryError(f"cannot reach endpoint {url}: {exc.strerror or exc}") from None


def query_endpoint(url: str, name_or_sparql: str, params: Mapping[str, str] | None = None,
                   *, limit: int | None = None, offset: int = 0,
                   max_rows: int | None = None, timeout: float = 60.0) -> QueryResult:
    """Run a named query, a query file or a SPARQL string on the endpoint at ``url``.

    Parameters
    ----------
    url : str
        The SPARQL 1.1 query endpoint, e.g. ``http://127.0.0.1:7878/query``.
    name_or_sparql, params, limit, offset, max_rows
        As for :func:`graph.query.run_query`.
    timeout : float
        Seconds to wait for the answer.

    Returns
    -------
    QueryResult

    Raises
    ------
    QueryError
        Unknown query or parameter, an endpoint error or timeout, an answer the
        endpoint cut at its row limit (one line).

    Examples
    --------
    >>> query_endpoint("http://127.0.0.1:7878/query", "twinning").values()  # doctest: +SKIP
    """
    q = resolve(name_or_sparql)
    params = dict(params or {})
    missing = sorted(q.required - set(params))
    if missing:
        raise QueryError(f"query {q.name} needs --param {missing[0]}=VALUE "
                         f"({q.params[missing[0]]})")
    if _is_shipped(q):
        unknown = sorted(set(params) - set(q.params))
        if unknown:
            raise QueryError(f"query {q.name} has no parameter {unknown[0]!r}")
        text = request_text(q, params, limit, offset)
        offset, limit = 0, None
    else:
        text = _prologue() + bound_text(q.sparql, q, params)
    media, data, cut = _fetch(url, text, timeout)
    if cut is not None:
        raise QueryError(f"query {q.name}: more than {cut} result rows (the endpoint's "
                         "limit, serve --max-rows); page it with --limit and --offset")
    try:
        if media == "application/n-triples":
            triples = ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
            rows = [(t.subject, t.predicate, t.object)
                    for t in _take(triples, q.name, offset, limit, max_rows)]
            return QueryResult("graph", ["subject", "predicate", "object"], rows)
        res = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
        if isinstance(res, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(res))
        variables = [v.value for v in res.variables]
        rows = [tuple(sol[v] for v in variables)
                for sol in _take(res, q.name, offset, limit, max_rows)]
    except (SyntaxError, ValueError) as exc:
        raise QueryError(_unreadable(url, data, exc)) from None
    return QueryResult("select", variables, rows)


# --- recognising what query_endpoint sends ------------------------------------------

@dataclass(frozen=True)
class Recognised:
    """A request's query text found to be a shipped query as :func:`query_endpoint`
    sends it: which one, its parameters and its page."""

    query: NamedQuery
    params: dict[str, str]
    limit: int | None
    offset: int


_PREFIX_LINE = re.compile(r"^PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^<>\s]*)>$", re.I)
_VALUES_LINE = re.compile(r"^VALUES \?([A-Za-z_][A-Za-z0-9_]*) \{ (.*) \}$")
_PAGE_LINE = re.compile(r"^(LIMIT|OFFSET) (\d{1,18})$")


def _lines(text: str) -> tuple[list[str], frozenset[str]]:
    """``text`` as its non-blank, non-comment lines (stripped), without the leading
    ``PREFIX`` lines that agree with coopgraph's prefixes; and those prefixes' names."""
    lines = [ln for ln in (raw.strip() for raw in text.splitlines())
             if ln and not ln.startswith("#")]
    names, i = set(), 0
    while i < len(lines):
        m = _PREFIX_LINE.match(lines[i])
        if not m or PREFIXES.get(m.group(1) or "") != m.group(2):
            break
        names.add(m.group(1))
        i += 1
    return lines[i:], frozenset(names)


def _skeleton(lines: list[str]) -> tuple[str, dict[str, str], list[tuple[str, int]]]:
    """The lines without ``VALUES ?v { … }`` lines and the final LIMIT/OFFSET lines;
    the VALUES contents by variable; the LIMIT/OFFSET lines, last first."""
    lines, page = list(lines), []
    while lines and len(page) < 2:
        m = _PAGE_LINE.match(lines[-1])
        if not m:
            break
        page.append((m.group(1), int(m.group(2))))
        lines.pop()
    values, rest = {}, []
    for line in lines:
        m = _VALUES_LINE.match(line)
        if m:
            values[m.group(1)] = m.group(2)
        else:
            rest.append(line)
    return "\n".join(rest), values, page


@lru_cache(maxsize=1)
def _skeletons() -> dict[str, tuple[NamedQuery, frozenset[str]]]:
    out = {}
    for q in named_queries().values():
        lines, names = _lines(q.sparql)
        out[_skeleton(lines)[0]] = (q, names)
    return out


def _param_value(term_text: str) -> str | None:
    """The parameter value (as ``--param`` takes it) one ``VALUES`` term stands for."""
    try:
        triples = list(ox.parse(f"<urn:x:s> <urn:x:p> {term_text} .\n".encode("utf-8"),
                                format=ox.RdfFormat.N_TRIPLES))
    except (SyntaxError, ValueError):
        return None
    if len(triples) != 1:
        return None
    term = triples[0].object
    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"
    if isinstance(term, ox.Literal) and not term.language and term.datatype.value == _XSD_STRING:
        return term.value
    return None


def recognise(text: str) -> Recognised | None:
    """The shipped query ``text`` is, as :func:`query_endpoint` sends it (its prefixes,
    parameters as ``VALUES``, ``LIMIT``/``OFFSET``; comments and blank lines and the
    indentation may differ), or ``None``.

    It is recognised only if the text :func:`query_endpoint` would send for the query,
    parameters and page found equals ``text`` line by line: so an answer to it is the
    answer to ``text``.
    """
    lines, names = _lines(text)
    skeleton, values, page = _skeleton(lines)
    found = _skeletons().get(skeleton)
    if found is None or not found[1] <= names:
        return None
    q = found[0]
    params = {}
    for name in q.params:
        if name in values:
            value = _param_value(values[name])
            if value is None:
                return None
            params[name] = value
    if not q.required <= set(params):
        return None
    paging = dict(page)
    limit, offset = paging.get("LIMIT"), paging.get("OFFSET", 0)
    try:
        expected = bound_text(_paged(q.sparql, limit, offset), q, params)
    except QueryError:
        return None
    if _lines(expected)[0] != lines:
        return None
    return Recognised(q, params, limit, offset)


def request_text(q: NamedQuery, params: Mapping[str, str], limit: int | None = None,
                 offset: int = 0) -> str:
    """The query text :func:`query_endpoint` sends for a shipped query and a page."""
    return _prologue() + bound_text(_paged(q.sparql, limit, offset), q, params)


def _unreadable(url: str, data: bytes, exc: Exception) -> str:
    tail = data[-300:].decode("utf-8", "replace").lower()
    if "cancelled" in tail or "timeout" in tail or "timed out" in tail:
        return f"endpoint {url} stopped the query at its time limit"
    first = (str(exc).strip().splitlines() or ["unreadable"])[0]
    return f"endpoint {url} sent an unreadable answer: {first}"


__all__ = ["Recognised", "bound_text", "query_endpoint", "recognise", "request_text",
           "with_values"]
