"""The HTTP front of ``coopgraph serve``: named queries from the store's summary, every
other request to the Oxigraph server behind it.

``coopgraph serve --store kg/`` runs two processes (see :mod:`graph.serve`): the Oxigraph
server, read-only on the store and reachable on a private loopback port only, and this
front, a WSGI application (Werkzeug) in the Waitress server, on the public address:

* ``GET``/``POST /query`` and ``/sparql`` (SPARQL 1.1 Protocol). A query whose text is
  a shipped named query as ``coopgraph query NAME --endpoint`` sends it
  (:func:`graph.remote.recognise`) is answered from the summary
  (:func:`graph.query.from_summary`) in the format the ``Accept`` header asks for, with
  the bytes and media type the Oxigraph server gives for the same rows; anything else --
  other queries, a summary missing or no longer current, an ``Accept`` header whose
  choice is not clear-cut, ``default-graph-uri`` -- goes to the Oxigraph server as it
  came and its answer streams back as it comes (its time limit applies).
* Row limit (``--max-rows N``, 0: none): a SELECT answer -- passed on, from the summary or
  by ``/named`` -- longer than ``N`` solutions, or a CONSTRUCT/DESCRIBE answer longer than
  ``N`` triples, is cut at ``N`` (:mod:`graph.rowcap`) and says so in its headers
  (``X-Coopgraph-Truncated: true``, ``X-Coopgraph-Max-Rows: N``, a ``Warning``); an
  answer within the limit is sent as it came. ASK answers and ``/store`` are not cut.
* ``GET /named`` lists the named queries; ``GET /named/NAME?region=…&limit=…&offset=…``
  runs one (from the summary, else as SPARQL on the Oxigraph server).
* Everything else (``/store``, ``/update`` …) goes to the Oxigraph server, which is
  read-only: updates are refused there.

Run as ``python -m graph.front --location DIR --backend HOST:PORT --port N``.
"""
from __future__ import annotations

import argparse
import http.client
import json
import sys
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any, Iterable, Iterator

import pyoxigraph as ox
from werkzeug.datastructures import MIMEAccept
from werkzeug.exceptions import HTTPException
from werkzeug.http import parse_accept_header
from werkzeug.wrappers import Request, Response

from .errors import QueryError
from .rowcap import cap, cappable, cut_headers

#: Result formats by name: (pyoxigraph format, media types that ask for it, Content-Type
#: the Oxigraph server answers with).
FORMATS = {
    "json": (ox.QueryResultsFormat.JSON,
             ("application/sparql-results+json", "application/json"),
             "application/sparql-results+json"),
    "xml": (ox.QueryResultsFormat.XML,
            ("application/sparql-results+xml", "application/xml"),
            "application/sparql-results+xml"),
    "csv": (ox.QueryResultsFormat.CSV, ("text/csv",), "text/csv; charset=utf-8"),
    "tsv": (ox.QueryResultsFormat.TSV, ("text/tab-separated-values", "text/tsv"),
            "text/tab-separated-values; charset=utf-8"),
}
#: Request headers passed on to the Oxigraph server.
_FORWARD = ("Accept", "Content-Type", "Accept-Encoding")
#: Response headers not passed back (hop-by-hop; Waitress frames the body itself).
_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade",
        "proxy-authenticate", "proxy-authorization"}
MAX_BODY = 16 * 1024 * 1024  # bytes of a request body
_SAFE = "/?&=+%:@,;!$'()*~"  # URL characters passed on as they are


def result_format(accept: str | None) -> str | None:
    """The result format an ``Accept`` header asks for: the one of :data:`FORMATS` it
    gives the highest quality (no header or ``*/*``: JSON), or ``None`` when none is
    acceptable or two tie (the Oxigraph server then decides)."""
    if not accept or not accept.strip():
        return "json"
    parsed = parse_accept_header(accept, MIMEAccept)
    quality = {name: max(parsed[m] for m in types) for name, (_, types, _) in FORMATS.items()}
    best = max(quality.values())
    winners = [name for name, q in quality.items() if q == best]
    if best <= 0:
        return None
    if len(winners) == 1:
        return winners[0]
    if set(winners) == set(FORMATS) and all(m.strip() in ("*/*", "application/*")
                                            for m, _ in parsed if m):
        return "json"  # only wildcards: the server's default
    return None


def render(result: Any, fmt: str) -> bytes:
    """A SELECT result (:class:`graph.query.QueryResult`) as SPARQL results bytes, written
    by Oxigraph's own serialisers (so byte for byte what its server sends)."""
    solutions = ox.parse_query_results(_json_bytes(result),
                                       format=ox.QueryResultsFormat.JSON)
    return solutions.serialize(format=FORMATS[fmt][0])


def _json_bytes(result: Any) -> bytes:
    """``result`` as compact SPARQL JSON, written by the json module's C encoder (an
    indented dump runs its Python one, 6× the CPU on 37k rows)."""
    from .query import json_document

    return json.dumps(json_document(result), separators=(",", ":")).encode("ascii")


class Front:
    """The WSGI application (see the module notes).

    Parameters
    ----------
    location : path
        The store folder (opened read-only for the region lookups of named queries).
    backend : str
        ``HOST:PORT`` of the Oxigraph server.
    timeout : float
        Seconds a query may run there (the front waits a little longer for its answer).
    max_rows : int
        Rows a query answer may have before it is cut (0: no limit).
    """

    def __init__(self, location: str | Path, backend: str, timeout: float,
                 max_rows: int = 0) -> None:
        self.location = Path(location)
        self.max_rows = max_rows
        host, _, port = backend.rpartition(":")
        self.backend = (host, int(port))
        self.timeout = timeout
        self.store = ox.Store.read_only(str(self.location))
        self._local = threading.local()

    # --- the summary -----------------------------------------------------------------

    def _reader(self) -> Any:
        """This thread's summary reader (``None`` while there is no current summary;
        looked for again at most once a second)."""
        from .summary import open_reader

        local = self._local
        if getattr(local, "reader", None) is None and \
                time.monotonic() >= getattr(local, "retry", 0.0):
            local.reader = open_reader(self.location)
            local.retry = time.monotonic() + 1.0
        return local.reader

    def from_summary(self, q: Any, params: dict[str, str], limit: int | None,
                     offset: int, fmt: str) -> Response | None:
        from .query import from_summary

        cap_rows = self.max_rows
        if cap_rows and (limit is None or limit > cap_rows):
            limit = cap_rows + 1  # one more than allowed: says whether to cut
        else:
            cap_rows = 0
        try:
            result = from_summary(self._reader(), self.store, q, params, limit=limit,
                                  offset=offset)
        except (QueryError, ValueError, OSError):
            return None
        if result is None:
            return None
        headers = [("Content-Type", FORMATS[fmt][2])]
        if cap_rows and len(result.rows) > cap_rows:
            del result.rows[cap_rows:]
            headers += cut_headers(cap_rows)
        return Response(render(result, fmt), status=200, headers=headers)

    # --- the Oxigraph server ---------------------------------------------------------

    def forward(self, method: str, path: str, query_string: str, headers: dict[str, str],
                body: bytes | None, max_rows: int = 0) -> Response:
        """The Oxigraph server's answer to the request, streamed back as it comes (cut at
        ``max_rows`` rows, if not 0: see :mod:`graph.rowcap`)."""
        conn = http.client.HTTPConnection(*self.backend, timeout=self.timeout + 30)
        # as received, but with any raw non-ASCII byte percent-encoded (its meaning)
        target = urllib.parse.quote("/query" if path == "/sparql" else path, safe=_SAFE)
        if query_string:
            target += "?" + query_string
        try:
            conn.request(method, target, body=body, headers=headers)
            upstream = conn.getresponse()
        except (OSError, http.client.HTTPException, ValueError) as exc:
            conn.close()
            return Response(f"the SPARQL engine did not answer: {exc}\n", status=502,
                            content_type="text/plain; charset=utf-8")
        out = [(k, v) for k, v in upstream.getheaders() if k.lower() not in _HOP]

        def body_chunks() -> Iterator[bytes]:
            try:
                while True:
                    chunk = upstream.read1(65536)
                    if not chunk:
                        return
                    yield chunk
            except OSError:
                return  # the engine stopped mid-answer: the client sees a cut answer
            finally:
                conn.close()

        chunks: Iterator[bytes] = body_chunks()
        media = upstream.getheader("Content-Type")
        if max_rows and upstream.status == 200 and cappable(media):
            cut, chunks = cap(chunks, media, max_rows)
            if cut:
                conn.close()  # stops the engine's evaluation
                out = [(k, v) for k, v in out if k.lower() != "content-length"]
                out += cut_headers(max_rows)
        return Response(chunks, status=upstream.status, headers=out,
                        direct_passthrough=True)

    # --- routes ----------------------------------------------------------------------

    def sparql(self, request: Request) -> Response:
        from .remote import recognise

        headers = {h: request.headers[h] for h in _FORWARD if h in request.headers}
        body = request.get_data(cache=True) if request.method == "POST" else None
        text, dataset = _query_text(request, body)
        fmt = result_format(request.headers.get("Accept"))
        if text is not None and fmt is not None and not dataset:
            found = recognise(text)
            if found is not None:
                answer = self.from_summary(found.query, found.params, found.limit,
                                           found.offset, fmt)
                if answer is not None:
                    return answer
        return self.forward(request.method, request.path, _query_string(request), headers,
                            body, max_rows=self.max_rows)

    def named(self, request: Request, name: str | None) -> Response:
        from .query import named_queries
        from .remote import request_text

        queries = named_queries()
        if name is None:
            listing = [{"name": q.name, "description": q.description, "params": q.params,
                        "required": sorted(q.required)} for q in queries.values()]
            return Response(json.dumps(listing, ensure_ascii=False, indent=2) + "\n",
                            content_type="application/json")
        q = queries.get(name)
        if q is None:
            return _plain(404, f"unknown query {name!r}: GET /named lists them")
        args = request.args
        try:
            limit = _count(args.get("limit"), "limit")
            offset = _count(args.get("offset"), "offset") or 0
        except QueryError as exc:
            return _plain(400, str(exc))
        params = {k: args[k] for k in args if k not in ("limit", "offset")}
        unknown = sorted(set(params) - set(q.params))
        if unknown:
            return _plain(400, f"query {name} has no parameter {unknown[0]!r}")
        missing = sorted(q.required - set(params))
        if missing:
            return _plain(400, f"query {name} needs the parameter {missing[0]} "
                               f"({q.params[missing[0]]})")
        fmt = result_format(request.headers.get("Accept"))
        if fmt is not None:
            answer = self.from_summary(q, params, limit, offset, fmt)
            if answer is not None:
                return answer
        try:
            text = request_text(q, params, limit, offset)
        except QueryError as exc:
            return _plain(400, str(exc))
        headers = {"Content-Type": "application/sparql-query; charset=utf-8"}
        if "Accept" in request.headers:
            headers["Accept"] = request.headers["Accept"]
        return self.forward("POST", "/query", "", headers, text.encode("utf-8"),
                            max_rows=self.max_rows if limit is None or limit > self.max_rows
                            else 0)

    def __call__(self, environ: dict, start_response: Any) -> Iterable[bytes]:
        request = Request(environ)
        request.max_content_length = MAX_BODY
        try:
            response = self.route(request)
        except HTTPException as exc:  # e.g. a body over MAX_BODY
            response = exc.get_response(environ)
        return response(environ, start_response)

    def route(self, request: Request) -> Response:
        path = request.path.rstrip("/") or "/"
        if path in ("/query", "/sparql") and request.method in ("GET", "POST"):
            return self.sparql(request)
        if path == "/named" and request.method == "GET":
            return self.named(request, None)
        if path.startswith("/named/") and request.method == "GET":
            return self.named(request, path[len("/named/"):])
        headers = {h: request.headers[h] for h in _FORWARD if h in request.headers}
        body = request.get_data() if request.method in ("POST", "PUT") else None
        return self.forward(request.method, request.path, _query_string(request), headers,
                            body)


def _query_text(request: Request, body: bytes | None) -> tuple[str | None, bool]:
    """The SPARQL query a protocol request carries (``None`` if none, or not readable)
    and whether it names its own dataset (``default-graph-uri``/``named-graph-uri``)."""
    fields = urllib.parse.parse_qs(_query_string(request), keep_blank_values=True)
    if request.method == "POST":
        media = (request.mimetype or "").lower()
        try:
            raw = (body or b"").decode("utf-8")
        except UnicodeDecodeError:
            return None, False
        if media == "application/sparql-query":
            fields.setdefault("query", []).append(raw)
        elif media == "application/x-www-form-urlencoded":
            for key, values in urllib.parse.parse_qs(raw, keep_blank_values=True).items():
                fields.setdefault(key, []).extend(values)
        else:
            return None, False
    dataset = bool(fields.get("default-graph-uri") or fields.get("named-graph-uri"))
    texts = fields.get("query") or []
    return (texts[0] if len(texts) == 1 else None), dataset


def _query_string(request: Request) -> str:
    """The request's query string as received, any raw non-ASCII byte percent-encoded."""
    return urllib.parse.quote(request.query_string, safe=_SAFE)


def _count(value: str | None, name: str) -> int | None:
    if value is None or value == "":
        return None
    if not value.isdigit():
        raise QueryError(f"{name} must be a whole number ≥ 0, not {value!r}")
    return int(value)


def _plain(status: int, message: str) -> Response:
    return Response(message + "\n", status=status, content_type="text/plain; charset=utf-8")


def main(argv: list[str] | None = None) -> int:
    """Run the front in the Waitress server until the process is stopped."""
    import waitress

    ap = argparse.ArgumentParser(prog="python -m graph.front", description=__doc__.split(
        "\n")[0])
    ap.add_argument("--location", required=True, help="store folder")
    ap.add_argument("--backend", required=True, help="HOST:PORT of the Oxigraph server")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--threads", type=int, default=16)
    ap.add_argument("--max-rows", type=int, default=0, help="rows an answer may have "
                    "before it is cut (0: no limit)")
    args = ap.parse_args(argv)
    app = Front(args.location, args.backend, args.timeout, args.max_rows)
    waitress.serve(app, host=args.host, port=args.port, threads=args.threads,
                   ident="coopgraph", channel_timeout=max(120, int(args.timeout) + 60),
                   _quiet=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["FORMATS", "Front", "main", "render", "result_format"]
