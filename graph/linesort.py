"""Sorting the lines of a file in bounded memory (an external merge sort).

Graph files are written as sorted N-Triples/N-Quads lines (see :mod:`graph.store`). A
graph of a big document or the default graph of a big corpus can be larger than memory
should hold, so its lines are sorted in blocks of at most :data:`BLOCK_BYTES`; a file that
takes several blocks is sorted block by block into runs on disk, which are then merged.
Lines are compared as bytes: for UTF-8 that is the order of their code points, the order
of the ``str`` of the same lines.
"""
from __future__ import annotations

import heapq
from pathlib import Path
from typing import BinaryIO, Iterator

#: Bytes of lines sorted in memory at a time (about twice that in Python objects).
BLOCK_BYTES = 32_000_000


def _blocks(fh: BinaryIO, size: int) -> Iterator[list[bytes]]:
    """The lines of ``fh`` (without their ``\\n``; split on ``\\n`` only), in blocks of
    about ``size`` bytes."""
    rest = b""
    while True:
        data = fh.read(size)
        if not data:
            break
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


def _unique(lines: Iterator[bytes]) -> Iterator[bytes]:
    last = None
    for line in lines:
        if line != last:
            yield line
            last = line


def _run_lines(path: Path) -> Iterator[bytes]:
    with open(path, "rb") as fh:
        for line in fh:
            yield line[:-1]


def file_lines(path: str | Path, offset: int = 0, length: int | None = None
               ) -> Iterator[bytes]:
    """The lines (without ``\\n``) of the file ``path``, or of its ``length`` bytes from
    ``offset`` (whole lines)."""
    with open(path, "rb") as fh:
        fh.seek(offset)
        left = length
        for line in fh:
            if left is not None:
                if left <= 0:
                    return
                left -= len(line)
            yield line[:-1] if line.endswith(b"\n") else line


def merge_sorted(sources: list[Iterator[bytes]]) -> Iterator[bytes]:
    """The distinct lines of several sorted iterators of lines, in byte order."""
    return _unique(heapq.merge(*sources))


def sorted_lines(path: str | Path, spill: str | Path, *, block: int | None = None
                 ) -> Iterator[bytes]:
    """The distinct lines of the file ``path`` in byte order (without ``\\n``). Runs
    go to files in the folder ``spill`` (named after ``path``), which the caller removes."""
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
        yield from _unique(iter(first))
        return
    try:
        yield from _unique(heapq.merge(*(_run_lines(r) for r in runs)))
    finally:
        for r in runs:
            r.unlink(missing_ok=True)


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


__all__ = ["BLOCK_BYTES", "LineFile", "file_lines", "line_pieces", "merge_sorted",
           "sorted_lines"]
