"""Per-character source offsets, stored as runs.

Cleaning keeps, for every character of the cleaned text, its index in the text the user
has (see :mod:`graph.textnorm`). Almost all of those indexes follow each other (a line is
copied as it is); they jump only where cleaning dropped or collapsed something. An
:class:`OffsetMap` stores one ``(position, offset)`` pair per jump in two ``array('q')``
and answers ``m[i]`` by bisection, so a 50 MB document needs a few hundred kilobytes
instead of a Python ``int`` per character.

>>> b = OffsetBuilder(); b.add(10, 3); b.add(20); b.add(20); b.add(21, 2)
>>> m = b.build(); list(m), len(m), m[4], m.runs()
([10, 11, 12, 20, 20, 21, 22], 7, 20, [(0, 10), (3, 20), (4, 20)])
"""
from __future__ import annotations

from array import array
from bisect import bisect_right
from typing import Iterable, Iterator, Sequence, overload


_AT_ZERO = (0,)


class OffsetMap(Sequence[int]):
    """An immutable sequence of ints stored as runs of consecutive values.

    ``starts[k]`` is the position where run ``k`` begins and ``values[k]`` its first
    value (``array('q')``, or tuples for a single run); run ``k`` continues with ``values[k] + 1``, ``+ 2`` … up to ``starts[k + 1]``.
    Adjacent runs never continue each other (the builder merges them), so two maps of
    the same sequence are equal run for run.
    """

    __slots__ = ("_starts", "_values", "_len")

    def __init__(self, starts: Sequence[int], values: Sequence[int], length: int) -> None:
        self._starts, self._values, self._len = starts, values, length

    @classmethod
    def of(cls, offsets: Iterable[int]) -> "OffsetMap":
        """The map of a plain sequence of offsets."""
        b = OffsetBuilder()
        for o in offsets:
            b.add(o)
        return b.build()

    @classmethod
    def identity(cls, length: int, first: int = 0) -> "OffsetMap":
        """``first, first + 1, …`` (``length`` values)."""
        if length <= 0:
            return cls(array("q"), array("q"), 0)
        return cls(_AT_ZERO, (first,), length)  # tuples: a third of two arrays' memory

    def __len__(self) -> int:
        return self._len

    @overload
    def __getitem__(self, i: int) -> int: ...

    @overload
    def __getitem__(self, i: slice) -> "OffsetMap": ...

    def __getitem__(self, i):  # noqa: ANN001, ANN204 - overloads above
        if isinstance(i, slice):
            start, stop, step = i.indices(self._len)
            if step != 1:
                return OffsetMap.of(self[j] for j in range(start, stop, step))
            b = OffsetBuilder()
            b.extend(self, start, stop)
            return b.build()
        if i < 0:
            i += self._len
        if not 0 <= i < self._len:
            raise IndexError("offset index out of range")
        k = bisect_right(self._starts, i) - 1
        return self._values[k] + i - self._starts[k]

    def __iter__(self) -> Iterator[int]:
        starts, values, n = self._starts, self._values, len(self._starts)
        for k in range(n):
            end = starts[k + 1] if k + 1 < n else self._len
            yield from range(values[k], values[k] + end - starts[k])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, OffsetMap):
            return (self._len == other._len and tuple(self._starts) == tuple(other._starts)
                    and tuple(self._values) == tuple(other._values))
        if isinstance(other, (list, tuple)):
            return len(other) == self._len and list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment] - equal to lists, so not hashable

    def __repr__(self) -> str:
        return f"OffsetMap({self.runs()!r}, length={self._len})"

    def runs(self) -> list[tuple[int, int]]:
        """``(position, first value)`` of every run."""
        return list(zip(self._starts, self._values))

    def last(self) -> int | None:
        """The last value, or ``None`` when empty."""
        return self[self._len - 1] if self._len else None

    def compose(self, inner: Sequence[int]) -> "OffsetMap":
        """``[inner[o] for o in self]`` as a map (offsets through a second mapping)."""
        if isinstance(inner, OffsetMap):
            b = OffsetBuilder()
            for pos, value, count in self._spans():
                inner_run = OffsetMap.__getitem__(inner, slice(value, value + count))
                b.extend(inner_run, 0, count)
            return b.build()
        return OffsetMap.of(inner[o] for o in self)

    def _spans(self) -> Iterator[tuple[int, int, int]]:
        starts, values, n = self._starts, self._values, len(self._starts)
        for k in range(n):
            end = starts[k + 1] if k + 1 < n else self._len
            yield starts[k], values[k], end - starts[k]


class OffsetBuilder:
    """Builds an :class:`OffsetMap` by appending values or runs of values."""

    __slots__ = ("_starts", "_values", "_len", "_next")

    def __init__(self) -> None:
        self._starts, self._values = array("q"), array("q")
        self._len = 0
        self._next: int | None = None  # the value that would continue the last run

    def __len__(self) -> int:
        return self._len

    def add(self, value: int, count: int = 1) -> None:
        """Append ``value, value + 1, …`` (``count`` values)."""
        if count <= 0:
            return
        if value != self._next:
            self._starts.append(self._len)
            self._values.append(value)
        self._len += count
        self._next = value + count

    def extend(self, other: OffsetMap, start: int = 0, stop: int | None = None) -> None:
        """Append ``other[start:stop]``."""
        stop = len(other) if stop is None else min(stop, len(other))
        if start >= stop:
            return
        starts, values = other._starts, other._values
        if len(starts) == 1:  # one run (most lines)
            self.add(values[0] + start, stop - start)
            return
        k = bisect_right(starts, start) - 1
        pos = start
        while pos < stop:
            end = starts[k + 1] if k + 1 < len(starts) else len(other)
            end = min(end, stop)
            self.add(values[k] + pos - starts[k], end - pos)
            pos = end
            k += 1

    def last(self) -> int | None:
        """The last value appended, or ``None``."""
        return None if self._next is None else self._next - 1

    def build(self) -> OffsetMap:
        return OffsetMap(self._starts, self._values, self._len)


def concat(parts: Iterable[OffsetMap]) -> OffsetMap:
    """The maps of ``parts`` one after the other."""
    b = OffsetBuilder()
    for p in parts:
        b.extend(p)
    return b.build()


__all__ = ["OffsetBuilder", "OffsetMap", "concat"]
