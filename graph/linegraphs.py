"""The quads of a graph-file build kept as N-Triples lines on disk, not in a store.

A build that writes a graph file (``-o graph.trig``) needs the documents' quads only to
write them out sorted: :func:`graph.store.write_sorted` dumps each graph of a store, sorts
its lines as bytes and serialises them. Loading every document into an Oxigraph store
first and dumping it again cost as much CPU as writing the file itself; here each
document's lines go straight to temporary files — the default graph's (every document's
triples and the place descriptions) in one file, each document's own graph as one sorted
block in another — and are sorted in bounded memory (:mod:`graph.linesort`) when the file
is written. The file is byte for byte what the store would give: the only terms Oxigraph
writes otherwise than :mod:`graph.rdf` does are ``xsd:decimal`` literals (``0.60`` is
stored as ``0.6``), which are put in the same canonical form here
(:func:`canonical_decimals`).
"""
from __future__ import annotations

import re
import shutil
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO, Iterator

import pyoxigraph as ox

from .kgstore import document_node
from .linesort import (BLOCK_BYTES, LineFile, file_batches, line_pieces, merge_batches,
                       sorted_batches)

#: Formats written from sorted lines (JSON-LD is not: it goes through a store).
LINE_FORMATS = ("trig", "ttl", "nt", "nq")

_PLAIN = re.compile(rb"([+-]?)0*([0-9]*)(?:\.([0-9]*?)0*)?")
#: Digits before and after the point that Oxigraph's decimal (18 fraction digits, a
#: 128-bit integer) always holds; a literal beyond them is passed through a store.
_SAFE_DIGITS = 18


@lru_cache(maxsize=4096)
def _stored_form(lexical: bytes) -> bytes:
    """What an Oxigraph store makes of the ``xsd:decimal`` literal ``lexical``."""
    store = ox.Store()
    store.load(b'<urn:x:s> <urn:x:p> "' + lexical
               + b'"^^<http://www.w3.org/2001/XMLSchema#decimal> .',
               format=ox.RdfFormat.N_TRIPLES, lenient=True)
    line = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    return line[line.index(b'"') + 1:line.rindex(b'"^^')]


def canonical_decimal(lexical: bytes) -> bytes:
    """The canonical form Oxigraph stores an ``xsd:decimal`` literal in: no ``+``, no
    leading zeros, no trailing zeros after the point, no point for a whole number
    (``0.60`` → ``0.6``, ``350000000.0`` → ``350000000``, ``-0.0`` → ``0``)."""
    m = _PLAIN.fullmatch(lexical)
    point = lexical.find(b".")
    digits = lexical.lstrip(b"+-").replace(b".", b"", 1)
    if m is None or not digits or (point >= 0 and len(lexical) - point - 1 > _SAFE_DIGITS):
        return _stored_form(lexical)  # not plain digits, or more than it always holds
    sign, whole, frac = m.group(1), m.group(2) or b"0", m.group(3) or b""
    if len(whole) > _SAFE_DIGITS:
        return _stored_form(lexical)
    if whole == b"0" and not frac:
        return b"0"
    return (b"-" if sign == b"-" else b"") + whole + (b"." + frac if frac else b"")


_DECIMAL_END = b'"^^<http://www.w3.org/2001/XMLSchema#decimal>'


def canonical_decimals(ntriples: bytes) -> bytes:
    """``ntriples`` with its ``xsd:decimal`` literals in canonical form (cut at each
    literal's end, a fast search, instead of a pattern tried at every quote)."""
    parts = ntriples.split(_DECIMAL_END)
    if len(parts) == 1:
        return ntriples
    for i in range(len(parts) - 1):
        part = parts[i]
        start = part.rfind(b'"') + 1
        lexical = part[start:]
        # a real literal opens after a space; an escaped quote (inside a string
        # literal, ``\"^^<…>``) ends in a backslash
        if start > 1 and part[start - 2:start] == b' "' and b"\\" not in lexical \
                and not part.endswith(b"\\"):
            parts[i] = part[:start] + canonical_decimal(lexical)
    return _DECIMAL_END.join(parts)


#: A big document's lines are rewritten in pieces of about this many bytes.
PIECE_BYTES = 8_000_000


def _lines(data: bytes) -> list[bytes]:
    lines = data.split(b"\n")
    return [line for line in lines if line]


class LineGraphs:
    """Collects the documents of a build (:meth:`add`) and writes them as one graph file
    (:meth:`write`), in the bytes :func:`graph.store.write_sorted` writes for a store
    holding them; ``folder`` receives the temporary files (the caller removes it)."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.union = open(self.folder / "union.nt", "wb")  # the default graph, unsorted
        self.named = open(self.folder / "named.nq", "wb")  # sorted blocks, one per graph
        self.blocks: list[tuple[str, int, int]] = []  # (graph, offset, length) in named
        self.places: set[bytes] = set()  # fixed lines already written
        # big documents: their default-graph lines, sorted, one file each (merged with
        # the sorted union when written: their lines are sorted once, not twice), and
        # their blocks in named
        self.runs: list[Path] = []
        self.big: list[tuple[int, int]] = []

    def add(self, doc_id: str, ntriples: bytes | LineFile, fixed: bytes = b"") -> None:
        """A document: its graph (:func:`graph.kgstore.document_node`) holds ``ntriples``
        (also in the default graph; a big one's may be a file, read in pieces);
        ``fixed`` (place descriptions) goes to the default graph only. The same call as
        :meth:`graph.kgstore.DocumentWriter.add`."""
        graph = document_node(doc_id)
        new = [line for line in _lines(canonical_decimals(fixed)) if line not in self.places]
        if new:
            self.places.update(new)
            self.union.write(b"\n".join(new) + b"\n")
        tail = f" {graph} .\n".encode("utf-8")
        start = self.named.tell()
        big = len(ntriples) > BLOCK_BYTES
        for lines in self._big(ntriples) if big else self._sorted(ntriples):
            if lines:  # "s p o ." → "s p o <g> ." (a line end is only ever a line's end)
                self.named.write((b"\n".join(lines) + b"\n").replace(b" .\n", tail))
        if self.named.tell() > start:
            self.blocks.append((str(graph), start, self.named.tell() - start))
            if big:
                self.big.append(self.blocks[-1][1:])

    def _sorted(self, ntriples: bytes | LineFile) -> Iterator[list[bytes]]:
        """The distinct lines of ``ntriples`` (decimals rewritten), sorted, in lists; each
        also goes to the default graph's file."""
        ntriples = canonical_decimals(bytes(ntriples))
        if ntriples:
            self.union.write(ntriples if ntriples.endswith(b"\n") else ntriples + b"\n")
        yield sorted(set(_lines(ntriples)))

    def _big(self, ntriples: bytes | LineFile) -> Iterator[list[bytes]]:
        """:meth:`_sorted` of a big document: rewritten piece by piece (no second copy of
        it in memory) and sorted on disk; its sorted lines also go to a file of their own
        (:attr:`runs`), the default graph's part that is already sorted."""
        path = self.folder / "document.nt"
        with open(path, "wb") as fh:
            for piece in line_pieces(ntriples, PIECE_BYTES):
                piece = canonical_decimals(piece)
                fh.write(piece if piece.endswith(b"\n") else piece + b"\n")
        run = self.folder / f"big{len(self.runs)}.nt"
        self.runs.append(run)
        try:
            with open(run, "wb") as fh:
                for lines in sorted_batches(path, self.folder):
                    _write_batches([lines], fh)
                    yield lines
        finally:
            path.unlink(missing_ok=True)

    def _close(self) -> None:
        self.union.close()
        self.named.close()

    def _named_in_order(self, outs: list[BinaryIO], half: int = -1) -> None:
        """The graphs' blocks, graphs in the order of their IRIs, to ``outs[0]`` until it
        holds ``half`` bytes (never, if negative), then to ``outs[-1]``."""
        with open(self.folder / "named.nq", "rb") as fh:
            for _, offset, length in sorted(self.blocks):
                out = outs[0] if half < 0 or outs[0].tell() < half else outs[-1]
                _copy_range(fh, offset, length, out)

    def write(self, fmt: str, out: BinaryIO) -> None:
        """Write the graph file in ``fmt`` (one of :data:`LINE_FORMATS`) to ``out``."""
        from .store import serialize_lines

        self._close()
        if fmt in ("nt", "nq"):
            _write_batches(self._union_lines(with_named=fmt == "nq"), out)
            return
        if fmt != "trig":
            lines = self.folder / "sorted.nt"
            with open(lines, "wb") as fh:
                _write_batches(self._union_lines(), fh)
            serialize_lines(lines, fmt, out)
            return
        parts = [self.folder / "sorted.nq", self.folder / "sorted2.nq"]
        with open(parts[0], "wb") as first, open(parts[1], "wb") as second:
            _write_batches(self._union_lines(), first)
            total = first.tell() + (self.folder / "named.nq").stat().st_size
            self._named_in_order([first, second], total // 2 if total > SPLIT_BYTES else -1)
        serialize_parts(parts, out)

    def _union_lines(self, with_named: bool = False) -> Iterator[list[bytes]]:
        """The default graph's distinct lines, sorted (``with_named``: every quad, the
        default graph's and the named graphs', in one order): the lines gathered in the
        union file sorted, merged with the big documents' runs (and blocks), which are
        sorted already."""
        union, named = self.folder / "union.nt", self.folder / "named.nq"
        big = sorted(self.big)
        if with_named:  # the named graphs' lines but the big blocks, to be sorted
            with open(union, "ab") as fh, open(named, "rb") as src:
                end = 0
                for offset, length in [*big, (src.seek(0, 2), 0)]:
                    _copy_range(src, end, offset - end, fh)
                    end = offset + length
        sources = [sorted_batches(union, self.folder), *(file_batches(r) for r in self.runs)]
        if with_named:
            sources += [file_batches(named, offset, length) for offset, length in big]
        return merge_batches(sources) if len(sources) > 1 else sources[0]


def _file_head() -> bytes:
    from .store import FILE_PREFIXES

    return "".join(f"@prefix {k}: <{v}> .\n"
                   for k, v in sorted(FILE_PREFIXES.items())).encode("utf-8")


#: A TriG file of more lines than this many bytes is serialised in two halves at once
#: (:func:`serialize_parts`).
SPLIT_BYTES = 64_000_000


def serialize_parts(parts: list[Path], out: BinaryIO) -> None:
    """Write the TriG of the sorted N-Quads lines of ``parts`` (files, in order; each
    holding whole graphs) to ``out``: the TriG of their lines together. A graph's
    statements are written apart from another graph's, so the TriG of the lines together
    is each part's TriG, the first with the file's header, the others without it (nor
    the blank line after it). With two parts, and ``fork``, the second part is written
    by a child process while this one writes the first."""
    from .store import serialize_lines

    full = [p for p in parts if p.stat().st_size]
    if len(full) < 2:
        serialize_lines((full or parts)[0], "trig", out)
        return
    parts = full
    first, rest = parts[0], parts[1:]
    done = [_serialize_aside(p) for p in rest]  # started at once, where a child can
    serialize_lines(first, "trig", out)
    for part, child in zip(rest, done):
        trig = part.with_suffix(".trig")
        if child is None or not _waited(child):
            with open(trig, "wb") as fh:  # no child, or it failed: here
                serialize_lines(part, "trig", fh)
        with open(trig, "rb") as fh:
            head = _file_head() + b"\n"
            if fh.read(len(head)) != head:
                raise ValueError(f"unexpected TriG header in {trig}")
            shutil.copyfileobj(fh, out, PIECE_BYTES)
        trig.unlink()


def _serialize_aside(part: Path) -> int | None:
    """The id of a child process writing the TriG of ``part`` to ``part.trig`` (``None``
    where processes cannot fork)."""
    import os

    if not hasattr(os, "fork"):
        return None
    pid = os.fork()
    if pid:
        return pid
    code = 1
    try:  # the child: nothing else of the parent's runs here
        from .store import serialize_lines

        with open(part.with_suffix(".trig"), "wb") as fh:
            serialize_lines(part, "trig", fh)
        code = 0
    finally:
        os._exit(code)


def _waited(pid: int) -> bool:
    import os

    return os.waitpid(pid, 0)[1] == 0


def _copy_range(src: BinaryIO, offset: int, length: int, out: BinaryIO) -> None:
    """``length`` bytes of ``src`` from ``offset`` to ``out``, in pieces (a big
    document's block is not read whole)."""
    src.seek(offset)
    while length > 0:
        piece = src.read(min(length, PIECE_BYTES))
        if not piece:
            break
        out.write(piece)
        length -= len(piece)


def _write_batches(batches: Iterator[list[bytes]], out: BinaryIO) -> None:
    """Each line of ``batches`` (lists of lines) and a line end to ``out``."""
    for batch in batches:
        if batch:
            out.write(b"\n".join(batch) + b"\n")


__all__ = ["LINE_FORMATS", "LineGraphs", "canonical_decimal", "canonical_decimals"]
