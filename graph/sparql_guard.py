"""Check a SPARQL text before it runs: syntax, read-only, no network.

coopgraph answers queries from the local graph only. Before a query that did not ship
with coopgraph is executed, it is parsed twice:

1. by Oxigraph (the engine that will run it) -- a parse-only call, so a syntax error is
   reported as Oxigraph's one-line message and nothing is evaluated;
2. by rdflib's SPARQL parser, whose parse tree is walked for the clauses that reach
   outside the graph: ``SERVICE`` (a remote endpoint, which Oxigraph would call over
   HTTP with no timeout) and ``FROM``/``FROM NAMED`` naming anything but this graph's
   own graphs.

SPARQL Update (``INSERT``, ``DELETE``, ``LOAD``, ``CLEAR`` ...) is refused: queries are
read-only. ``allow_network=True`` (``coopgraph query --allow-network``) lets
``SERVICE`` through; the time limit still applies.
"""
from __future__ import annotations

from typing import Any, Iterator, Mapping

import pyoxigraph as ox

from .errors import QueryError

#: Graph names a FROM / FROM NAMED clause may use: the graph's own (documents).
LOCAL_GRAPHS = "https://w3id.org/coopgraph/id/"

_PROBE = ox.Variable("coopgraph_parse_probe")


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def oxigraph_syntax_error(text: str, prefixes: Mapping[str, str]) -> str | None:
    """Oxigraph's syntax error for ``text`` (one line), or None if it parses.

    Nothing is evaluated: the call binds a variable the query cannot have, which Oxigraph
    rejects after parsing and before running anything.
    """
    try:
        ox.Store().query(text, prefixes=dict(prefixes), substitutions={_PROBE: ox.Literal("")})
    except SyntaxError as exc:
        return _first_line(exc)
    except (RuntimeError, ValueError):
        return None  # parsed; the probe variable was refused
    return None  # pragma: no cover - a query that accepts any variable


def _walk(node: Any) -> Iterator[Any]:
    """Every node of an rdflib (pyparsing) parse tree, depth first."""
    stack = [node]
    while stack:
        item = stack.pop()
        yield item
        if isinstance(item, dict):  # CompValue
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
        elif hasattr(item, "asList") and not isinstance(item, str):  # ParseResults
            stack.extend(list(item))


def _name(node: Any) -> str:
    return getattr(node, "name", "") if isinstance(node, dict) else ""


def _parse_tree(text: str) -> Any:
    from pyparsing import ParseException  # rdflib's parser is built on pyparsing
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        return parseQuery(text)
    except ParseException as exc:
        try:
            parseUpdate(text)
        except ParseException:
            raise QueryError("cannot check this query for network access (rdflib's SPARQL "
                             f"parser rejects it: {_first_line(exc)})") from None
        raise _read_only() from None


def _read_only() -> QueryError:
    return QueryError("SPARQL Update (INSERT, DELETE, LOAD, CLEAR …) is not allowed: "
                      "queries are read-only")


def _is_update(text: str) -> bool:
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except ParseException:
        return False
    return True


def _iri(node: Any, prefixes: Mapping[str, str]) -> str:
    """The IRI of a parse-tree term: an IRI as is, a prefixed name expanded."""
    if _name(node) == "pname":
        ns = prefixes.get(node.get("prefix") or "", "")
        return f"{ns}{node.get('localname') or ''}" if ns else f"{node.get('prefix')}:…"
    return str(node)


def check_query(text: str, prefixes: Mapping[str, str], *, allow_network: bool = False
                ) -> bool:
    """Refuse ``text`` unless it is a well-formed, read-only, local SPARQL query.

    Parameters
    ----------
    text : str
        The SPARQL query.
    prefixes : mapping
        Prefixes predeclared for the query (prefix → namespace IRI).
    allow_network : bool
        Let ``SERVICE`` clauses through.

    Returns
    -------
    bool
        Whether the query names its dataset (FROM / FROM NAMED): it then runs on those
        graphs, not on the union of all graphs.

    Raises
    ------
    QueryError
        One line: a syntax error, an update, a SERVICE clause (unless ``allow_network``)
        or a FROM / FROM NAMED outside :data:`LOCAL_GRAPHS`.
    """
    error = oxigraph_syntax_error(text, prefixes)
    if error is not None:
        if _is_update(text):
            raise _read_only()
        raise QueryError(f"SPARQL syntax error: {error}")
    tree = _parse_tree(text)
    known, names_dataset = dict(prefixes), False
    for node in _walk(tree):
        if _name(node) == "PrefixDecl":
            known[node.get("prefix") or ""] = str(node.get("iri"))
    for node in _walk(tree):
        name = _name(node)
        if name == "ServiceGraphPattern" and not allow_network:
            target = node.get("term")
            shown = f"?{target}" if type(target).__name__ == "Variable" \
                else f"<{_iri(target, known)}>"
            raise QueryError(f"SERVICE {shown} refused: queries never reach the network "
                             "(--allow-network permits SERVICE)")
        if name == "DatasetClause":
            names_dataset = True
            named = "default" not in node
            iri = _iri(node["named"] if named else node["default"], known)
            if not iri.startswith(LOCAL_GRAPHS):
                kind = "FROM NAMED" if named else "FROM"
                raise QueryError(f"{kind} <{iri}> refused: only this graph's own graphs "
                                 f"({LOCAL_GRAPHS}…) can be named; nothing is fetched from "
                                 "the network")
    return names_dataset


__all__ = ["LOCAL_GRAPHS", "check_query", "oxigraph_syntax_error"]
