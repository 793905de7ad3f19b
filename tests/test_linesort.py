"""Graph files are sorted in bounded memory: external sort of lines, streamed writers."""
from __future__ import annotations

import random

import pyoxigraph as ox
import pytest

import graph.linesort
from graph.linesort import sorted_lines
from graph.store import FORMATS, save_dataset, serialize_quads

EX = "http://example.org/"


def test_sorted_lines_in_runs_equals_sorting_in_memory(tmp_path):
    rng = random.Random(3)
    words = ["甲", "乙", "a", "a b", "a\tb", "\u2028", '"', "z" * 40, "", "长沙市"]
    lines = ["".join(rng.choice(words) for _ in range(rng.randint(0, 6))).encode("utf-8")
             for _ in range(3000)]
    path = tmp_path / "lines.txt"
    path.write_bytes(b"\n".join(lines) + b"\n")
    expected = sorted(set(lines))
    for block in (50, 1000, 10**9):  # many runs, a few runs, one block
        assert list(sorted_lines(path, tmp_path, block=block)) == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lines.txt"]  # runs removed


def _store() -> ox.Store:
    """Quads whose N-Quads lines share prefixes, escapes and scripts (order traps)."""
    s, p = ox.NamedNode(EX + "s"), ox.NamedNode(EX + "p")
    objects = [ox.Literal("甲"), ox.Literal("甲", language="zh"),
               ox.Literal("甲", language="zh-hant"), ox.Literal("甲乙"),
               ox.Literal("a\tb"), ox.Literal("a b"), ox.Literal('say "x"\n'),
               ox.Literal("0.80", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")),
               ox.NamedNode(EX + "o"), ox.NamedNode(EX + "o-1"), ox.NamedNode(EX + "o/1")]
    graphs = [ox.DefaultGraph(), ox.NamedNode(EX + "g"), ox.NamedNode(EX + "g-1"),
              ox.NamedNode(EX + "g/1")]
    store = ox.Store()
    for i, g in enumerate(graphs):
        for j, o in enumerate(objects):
            subject = s if (i + j) % 2 else ox.NamedNode(EX + f"s{j % 3}")
            store.add(ox.Quad(subject, p, o, g))
    return store


@pytest.mark.parametrize("ext", sorted(FORMATS))
def test_streamed_file_equals_sorting_quad_objects(tmp_path, monkeypatch, ext):
    """A store is written by sorting its lines as bytes (in runs when big); the file is
    byte for byte the one sorting every quad as a Python object gives."""
    store = _store()
    fmt = FORMATS[ext]
    expected = serialize_quads(list(store), fmt)  # the in-memory path (quad objects)
    assert serialize_quads(store, fmt) == expected
    monkeypatch.setattr(graph.linesort, "BLOCK_BYTES", 100)  # several runs per graph
    out = save_dataset(store, tmp_path / f"g{ext}")
    assert out.read_bytes() == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"g{ext}"]


def test_empty_store_writes_the_header_only():
    assert serialize_quads(ox.Store(), "trig") == serialize_quads([], "trig")
    assert serialize_quads(ox.Store(), "nq") == b""


def _line_file(data: bytes):
    import tempfile

    from graph.linesort import LineFile

    fh = tempfile.TemporaryFile()
    fh.write(data)
    return LineFile(fh)


@pytest.mark.parametrize("size", [1, 7, 40, 10**6])
def test_a_line_file_is_cut_into_the_pieces_its_bytes_are(size):
    """A huge document's graph is handed to the writer as a file: read piece by piece,
    it gives the pieces (whole lines) the same bytes give in memory."""
    import pickle

    from graph.linesort import line_pieces

    rng = random.Random(size)
    data = b"".join(("甲" * rng.randint(0, 9) + "a" * rng.randint(0, 5) + "\n").encode()
                    for _ in range(300))
    for tail in (b"", b"no line end"):
        lines = _line_file(data + tail)
        assert list(line_pieces(lines, size)) == list(line_pieces(data + tail, size))
        assert all(p.endswith(b"\n") for p in list(line_pieces(lines, size))[:-1])
        assert len(lines) == len(data + tail) and bytes(lines) == data + tail
        # sent to another process it arrives as the bytes (the file has no name there)
        assert pickle.loads(pickle.dumps(lines)) == data + tail


def test_merging_sorted_sources_block_by_block_gives_their_distinct_lines_in_order():
    """Sorted runs are merged list by list (list.sort on the lines up to the smallest
    last line of every source), not line by line: the same lines as sorting them all,
    each once, even where a source repeats a line across two of its lists."""
    from graph.linesort import merge_batches, merge_sorted

    rng = random.Random(11)
    for _ in range(200):
        sources, every = [], set()
        for _ in range(rng.randint(0, 5)):
            lines = sorted(rng.choice([b"", b"a", b"ab", b"b", "甲".encode(), b"z"])
                           + bytes([rng.randint(97, 100)]) * rng.randint(0, 2)
                           for _ in range(rng.randint(0, 30)))  # repeats kept
            every.update(lines)
            cuts = sorted(rng.randint(0, len(lines)) for _ in range(rng.randint(0, 4)))
            parts = [lines[a:b] for a, b in zip([0, *cuts], [*cuts, len(lines)])]
            sources.append(parts)  # empty lists too
        got = list(merge_batches(iter(parts) for parts in sources))
        assert all(got), "no empty list is given"
        assert [line for batch in got for line in batch] == sorted(every)
        assert list(merge_sorted(iter(parts) for parts in sources)) == sorted(every)
