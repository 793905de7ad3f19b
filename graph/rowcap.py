"""The row limit of ``coopgraph serve --max-rows``: an answer of the SPARQL engine cut at
``N`` rows (solutions of a SELECT, triples of a CONSTRUCT/DESCRIBE).

The answer is read as it streams in, parsed by Oxigraph's own parsers, until ``N + 1``
rows have been seen or it ends. An answer of at most ``N`` rows is passed on byte for
byte; a longer one is written again, its first ``N`` rows only, in the same format by
Oxigraph's serialisers (CSV, which cannot be parsed back, is cut after its ``N``-th
record instead), and the engine's connection is closed, which stops its evaluation. A
query's own ``LIMIT`` is thus respected when it is at most ``N`` and lowered to ``N``
otherwise, whatever the query's shape; an ASK answer is never cut.
"""
from __future__ import annotations

import json
from typing import Any, Iterator

import pyoxigraph as ox

from .query import json_term

#: Response headers of a cut answer.
TRUNCATED = "X-Coopgraph-Truncated"
MAX_ROWS = "X-Coopgraph-Max-Rows"


def notice(max_rows: int) -> str:
    """The one-line message of a cut answer (also its ``Warning`` header)."""
    return (f"more than {max_rows} result rows (the limit, serve --max-rows): the first "
            f"{max_rows} are sent; page the query with LIMIT and OFFSET")


def cut_headers(max_rows: int) -> list[tuple[str, str]]:
    """The headers that mark an answer cut at ``max_rows`` rows."""
    return [(TRUNCATED, "true"), (MAX_ROWS, str(max_rows)),
            ("Warning", f'199 coopgraph "{notice(max_rows)}"')]


class _Tee:
    """A readable file over byte chunks that keeps every byte it hands out."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self.chunks = chunks
        self.seen: list[bytes] = []
        self.pending = b""

    def read(self, size: int = -1) -> bytes:
        while not self.pending:
            chunk = next(self.chunks, b"")
            if not chunk:
                return b""
            self.pending = chunk
        if size is None or size < 0 or size >= len(self.pending):
            out, self.pending = self.pending, b""
        else:
            out, self.pending = self.pending[:size], self.pending[size:]
        self.seen.append(out)
        return out

    def rest(self) -> Iterator[bytes]:
        """The bytes read so far, then the unread rest."""
        yield b"".join(self.seen)
        if self.pending:
            yield self.pending
        yield from self.chunks


def _media(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()


def cappable(content_type: str | None) -> bool:
    """Whether an answer of this media type is one that :func:`cap` can cut."""
    media = _media(content_type)
    if media == "text/csv":
        return True
    if ox.QueryResultsFormat.from_media_type(media) is not None:
        return True
    return ox.RdfFormat.from_media_type(media) is not None


def cap(chunks: Iterator[bytes], content_type: str | None,
        max_rows: int) -> tuple[bool, Iterator[bytes]]:
    """``(cut, body)``: the answer ``chunks`` (of media type ``content_type``) cut at
    ``max_rows`` rows, and whether it was cut.

    An answer that cannot be read in its own format (e.g. one the engine broke off at its
    time limit, with its error text at the end) is passed on as it came.
    """
    tee = _Tee(chunks)
    try:
        return _cap(tee, _media(content_type), max_rows)
    except (SyntaxError, ValueError):
        return False, tee.rest()


def _cap(tee: _Tee, media: str, max_rows: int) -> tuple[bool, Iterator[bytes]]:
    if media == "text/csv":
        return _cap_csv(tee, max_rows)
    results = ox.QueryResultsFormat.from_media_type(media)
    if results is not None:
        parsed: Any = ox.parse_query_results(tee, format=results)
        if isinstance(parsed, ox.QueryBoolean):
            return False, tee.rest()
        rows = _first(parsed, max_rows)
        if rows is None:
            return False, tee.rest()
        return True, iter([_solutions(parsed.variables, rows, results)])
    rdf = ox.RdfFormat.from_media_type(media)
    if rdf is None:
        return False, tee.rest()
    rows = _first(ox.parse(tee, format=rdf), max_rows)
    if rows is None:
        return False, tee.rest()
    return True, iter([ox.serialize(rows, format=rdf)])


def _first(items: Any, max_rows: int) -> list[Any] | None:
    """The first ``max_rows`` items, or ``None`` if there are no more than that."""
    out = []
    for item in items:
        if len(out) == max_rows:
            return out
        out.append(item)
    return None


def _solutions(variables: list[Any], rows: list[Any], fmt: Any) -> bytes:
    """SELECT rows written by Oxigraph's serialiser (through a SPARQL JSON document)."""
    names = [v.value for v in variables]
    bindings = [{n: json_term(sol[n]) for n in names if sol[n] is not None}
                for sol in rows]
    doc = {"head": {"vars": names}, "results": {"bindings": bindings}}
    data = json.dumps(doc, separators=(",", ":")).encode("ascii")
    return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON).serialize(
        format=fmt)


def _cap_csv(tee: _Tee, max_rows: int) -> tuple[bool, Iterator[bytes]]:
    """CSV (RFC 4180, records end in CRLF outside quotes): cut after the header and
    ``max_rows`` records, byte for byte the start of the answer."""
    records = -1  # the header is not a row
    quoted = False
    kept: list[bytes] = []
    while True:
        chunk = tee.read(65536)
        if not chunk:
            return False, tee.rest()
        for i, byte in enumerate(chunk):
            if byte == 0x22:  # "
                quoted = not quoted
            elif byte == 0x0A and not quoted:
                records += 1
                if records == max_rows:
                    head = chunk[:i + 1]
                    rest = chunk[i + 1:] + tee.pending
                    if not rest:
                        rest = next(tee.chunks, b"")
                        tee.pending = rest
                    if not rest:
                        return False, tee.rest()
                    return True, iter([b"".join(kept) + head])
        kept.append(chunk)


__all__ = ["MAX_ROWS", "TRUNCATED", "cap", "cappable", "cut_headers", "notice"]
