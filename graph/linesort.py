"""Sorting the lines of a file in bounded memory (an external merge sort).

Graph files are written as sorted N-Triples/N-Quads lines (see :mod:`graph.store`). A
graph of a big document or the default graph of a big corpus can be larger than memory
should hold, so its lines are sorted in blocks of at most :data:`BLOCK_BYTES`; a file that
takes several blocks is sorted block by block into runs on disk, which are then merged.
Lines are compared as bytes: for UTF-8 that is the order of their code points, the order
of the ``str`` of the same lines.
"""
from __future__ import annotations

from bisect import bisect_right
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

#: Bytes of lines sorted in memory at a time (about twice that in Python objects).
BLOCK_BYTES = 32_000_000


def _blocks(fh: BinaryIO, size: int, length: int | None = None) -> Iterator[list[bytes]]:
    """The lines of ``fh`` (without their ``\\n``; split on ``\\n`` only), in blocks of
    about ``size`` bytes; ``length``: read that many bytes at most (whole lines)."""
    rest = b""
    while True:
        want = size if length is None else min(size, length)
        data = fh.read(want) if want > 0 else b""
        if not data:
            break
        if length is not None:
            length -= len(data)
        data = rest + data
        cut = data.rfind(b"\n") + 1
        if cut == 0:  # one line longer than the block: read on
            rest = data
            continue
        rest = data[cut:]
        lines = data[:cut].split(b"\n")
        lines.pop()  # after the last "\n"
        del data
        yield lines
    if rest:
        yield [rest]


def file_batches(path: str | Path, offset: int = 0, length: int | None = None, *,
                 size: int = 4_000_000) -> Iterator[list[bytes]]:
    """The lines (without ``\\n``) of the file ``path``, or of its ``length`` bytes from
    ``offset`` (whole lines), in lists of about ``size`` bytes of lines."""
    with open(path, "rb") as fh:
        fh.seek(offset)
        yield from _blocks(fh, size, length)


def file_lines(path: str | Path, offset: int = 0, length: int | None = None
               ) -> Iterator[bytes]:
    """:func:`file_batches` line by line."""
    for batch in file_batches(path, offset, length):
        yield from batch


def merge_batches(sources: Iterable[Iterator[list[bytes]]]) -> Iterator[list[bytes]]:
    """The distinct lines of several sources of sorted lines (each an iterator of lists of
    lines, every list sorted and following the one before), in byte order, in lists.

    Block by block, not line by line: all lines up to the smallest last line of the
    sources' current lists are taken from every source together, sorted (already sorted
    runs: a merge, done by ``list.sort``) and freed of repeats; no later line is smaller,
    so the lists follow each other in order. A line's cost is that of C code, not of a
    Python heap step."""
    heads: list[list] = []  # [current list, position in it, source]
    for src in sources:
        head = _refill([None, 0, iter(src)])
        if head is not None:
            heads.append(head)
    last: list[bytes] = []  # the last line given (a source may repeat it: a run does)
    while heads:
        limit = min(h[0][-1] for h in heads)
        out: list[bytes] = []
        for h in heads:
            batch, pos = h[0], h[1]
            cut = bisect_right(batch, limit, pos)
            out += batch[pos:cut] if pos or cut < len(batch) else batch
            h[1] = cut
        heads = [h for h in heads if h[1] < len(h[0]) or _refill(h) is not None]
        out.sort()
        lines = list(dict.fromkeys(out))
        if lines[0:1] == last:
            del lines[0]
        if lines:
            last = lines[-1:]
            yield lines


def _refill(head: list) -> list | None:
    """``head`` with the next non-empty list of its source, or ``None`` at its end."""
    for batch in head[2]:
        if batch:
            head[0], head[1] = batch, 0
            return head
    return None


def merge_sorted(sources: Iterable[Iterator[list[bytes]]]) -> Iterator[bytes]:
    """:func:`merge_batches` line by line."""
    for batch in merge_batches(sources):
        yield from batch


def sorted_batches(path: str | Path, spill: str | Path, *, block: int | None = None
                   ) -> Iterator[list[bytes]]:
    """The distinct lines of the file ``path`` in byte order (without ``\\n``), in lists.
    A file of more than ``block`` (:data:`BLOCK_BYTES`) bytes is sorted block by block
    into runs, files in the folder ``spill`` (named after ``path``; the caller removes
    the folder), which are then merged (:func:`merge_batches`)."""
    path, spill = Path(path), Path(spill)
    block = block or BLOCK_BYTES
    runs: list[Path] = []
    first: list[bytes] | None = None
    with open(path, "rb") as fh:
        for lines in _blocks(fh, block):
            lines.sort()
            if first is None and not runs:
                first = lines
                continue
            if first is not None:  # a second block: the first one goes to disk too
                runs.append(_write_run(first, spill / f"{path.name}.run{len(runs)}"))
                first = None
            runs.append(_write_run(lines, spill / f"{path.name}.run{len(runs)}"))
            del lines
    if first is not None:
        yield list(dict.fromkeys(first))
        return
    size = max(1_000_000, block // (len(runs) + 1))  # the runs' lists: about a block
    try:
        yield from merge_batches(file_batches(r, size=size) for r in runs)
    finally:
        for r in runs:
            r.unlink(missing_ok=True)


def sorted_lines(path: str | Path, spill: str | Path, *, block: int | None = None
                 ) -> Iterator[bytes]:
    """The distinct lines of the file ``path`` in byte order (without ``\\n``), sorted
    in bounded memory (:func:`sorted_batches`)."""
    for batch in sorted_batches(path, spill, block=block):
        yield from batch


def _write_run(lines: list[bytes], path: Path) -> Path:
    with open(path, "wb") as fh:
        fh.write(b"\n".join(lines))
        fh.write(b"\n")
    return path


class LineFile:
    """Lines (each ending in ``\n``) kept in an anonymous temporary file instead of one
    ``bytes`` object: a huge document's graph (hundreds of MB of N-Triples), handed from
    where it is made to the writer, which reads it in pieces (:func:`line_pieces`).

    ``len()`` is its size in bytes and ``bytes()`` reads it whole, as for ``bytes``. Sent
    to another process (pickled) it arrives as ``bytes``: the file has no name to open
    there. The file goes when the object does (or with the process, whatever ends it)."""

    def __init__(self, fh: BinaryIO) -> None:
        self.fh = fh
        self.size = fh.seek(0, 2)

    def __len__(self) -> int:
        return self.size

    def __bytes__(self) -> bytes:
        self.fh.seek(0)
        return self.fh.read()

    def __reduce__(self) -> tuple:
        return bytes, (bytes(self),)

    def pieces(self, size: int) -> Iterator[bytes]:
        """The lines in pieces of about ``size`` bytes, each ending at a line end: the
        pieces :func:`line_pieces` cuts the same bytes into."""
        self.fh.seek(0)
        while True:
            piece = self.fh.read(size)
            if not piece:
                return
            yield piece + self.fh.readline()

    def close(self) -> None:
        self.fh.close()


def line_pieces(data: "bytes | LineFile", size: int) -> Iterator[bytes]:
    """``data`` in pieces of about ``size`` bytes, each ending at a line end."""
    if isinstance(data, LineFile):
        yield from data.pieces(size)
        return
    start = 0
    while start < len(data):
        end = data.find(b"\n", start + size) + 1 or len(data)
        yield data[start:end]
        start = end


__all__ = ["BLOCK_BYTES", "LineFile", "file_batches", "file_lines", "line_pieces",
           "merge_batches", "merge_sorted", "sorted_batches", "sorted_lines"]
