"""``coopgraph push``: copy the graph into a SPARQL 1.1 Graph Store Protocol server.

Graph by graph -- the default graph (entities, documents), then each document's named
graph -- each sent as N-Triples with ``PUT`` (replace that graph: pushing twice gives the
same server state) or ``POST`` (add to it). Works with any GSP server: Oxigraph
(``http://HOST:PORT/store``), Fuseki (``…/DATASET/data``), GraphDB
(``…/repositories/ID/rdf-graphs/service``), Virtuoso (``…/sparql-graph-crud``).
"""
from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any, Callable, Iterator

import pyoxigraph as ox

from .errors import CoopgraphError

METHODS = ("PUT", "POST")
_MEDIA = "application/n-triples"


class PushError(CoopgraphError):
    """The server refused a graph or could not be reached."""


@dataclass
class PushSummary:
    """What was sent: graphs and quads."""

    graphs: int = 0
    quads: int = 0


def graph_url(endpoint: str, graph: ox.NamedNode | ox.DefaultGraph) -> str:
    """The GSP URL of ``graph``: ``ENDPOINT?default`` or ``ENDPOINT?graph=IRI``."""
    sep = "&" if "?" in endpoint else "?"
    if isinstance(graph, ox.DefaultGraph):
        return f"{endpoint}{sep}default"
    return f"{endpoint}{sep}graph={urllib.parse.quote(graph.value, safe='')}"


def _graphs(store: ox.Store) -> Iterator[ox.NamedNode | ox.DefaultGraph]:
    yield ox.DefaultGraph()
    names = list(store.named_graphs())
    blank = [g for g in names if not isinstance(g, ox.NamedNode)]
    if blank:
        raise PushError(f"graph {blank[0]} has no IRI: the Graph Store Protocol cannot "
                        "address it")
    yield from sorted(names, key=lambda g: g.value)


def _send(url: str, method: str, body: bytes, timeout: float) -> None:
    req = urllib.request.Request(url, data=body, method=method,
                                 headers={"Content-Type": _MEDIA})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            resp.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace").strip().splitlines()
        why = f": {detail[0][:200]}" if detail else ""
        raise PushError(f"{method} {url} failed with HTTP {exc.code}{why}") from None
    except urllib.error.URLError as exc:
        raise PushError(f"cannot reach {url}: {exc.reason}") from None
    except OSError as exc:  # timeouts, resets
        raise PushError(f"cannot reach {url}: {exc.strerror or exc}") from None


def push(store: ox.Store, endpoint: str, *, method: str = "PUT", timeout: float = 300.0,
         progress: Callable[[str, int], Any] | None = None) -> PushSummary:
    """Send every graph of ``store`` to the GSP endpoint ``endpoint``.

    Parameters
    ----------
    store : pyoxigraph.Store
        The graph (see :func:`graph.limits.open_graph`).
    endpoint : str
        The server's Graph Store Protocol URL, e.g. ``http://127.0.0.1:7878/store``.
    method : str
        ``PUT`` replaces each graph, ``POST`` adds to it.
    timeout : float
        Seconds allowed per request.
    progress : callable, optional
        Called with (graph name, triples) after each graph.

    Returns
    -------
    PushSummary

    Raises
    ------
    PushError
        On the first graph the server refuses (one line with the HTTP status).
    """
    method = method.upper()
    if method not in METHODS:
        raise PushError(f"unknown method {method!r}: use PUT or POST")
    if not endpoint.startswith(("http://", "https://")):
        raise PushError(f"endpoint must be an http(s) URL, got {endpoint!r}")
    summary = PushSummary()
    for graph in _graphs(store):
        triples = [q.triple for q in store.quads_for_pattern(None, None, None, graph)]
        if not triples and isinstance(graph, ox.DefaultGraph) and method == "POST":
            continue
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        _send(graph_url(endpoint, graph), method, body, timeout)
        summary.graphs += 1
        summary.quads += len(triples)
        if progress:
            progress(str(graph), len(triples))
    return summary


__all__ = ["METHODS", "PushError", "PushSummary", "graph_url", "push"]
