"""A graph-file build keeps its quads as sorted lines on disk, not in a store: the file
must be byte for byte the one a store holding the same documents writes."""
from __future__ import annotations

import random

import pyoxigraph as ox
import pytest

import graph.linegraphs
import graph.linesort
from graph.kgstore import DocumentWriter
from graph.linegraphs import LINE_FORMATS, LineGraphs, canonical_decimal, canonical_decimals
from graph.pipeline import extract_text
from graph.rdf import document_ntriples
from graph.store import save_dataset

_DEC = "http://www.w3.org/2001/XMLSchema#decimal"


def _stored(lexical: str) -> str:
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"),
                      ox.Literal(lexical, datatype=ox.NamedNode(_DEC))))
    return next(iter(store)).object.value


def test_decimals_take_the_form_the_store_gives():
    rng = random.Random(5)
    forms = ["0.60", "350000000.0", "31.297400", "1.00", "0.00", "-0.0", "-106.70",
             "007.50", ".5", "5.", "+1.50", "-0.50", "100", "0", "-0", "1E+3", "abc", "",
             ".", "+", "0.123456789012345678901234", "0.5000000000000000000000",
             "123456789012345678901234567890.5", "1000000000000000000000"]
    for _ in range(300):
        whole = "".join(rng.choice("0123456789") for _ in range(rng.randint(0, 12)))
        frac = "".join(rng.choice("01234567890") for _ in range(rng.randint(0, 9)))
        forms.append(rng.choice(["", "-", "+"]) + whole + ("." + frac if rng.random() < .8 else ""))
    for lexical in forms:
        assert canonical_decimal(lexical.encode()).decode() == _stored(lexical), lexical


def test_only_decimal_literals_are_rewritten():
    data = ('<urn:a> <urn:p> "0.80"^^<' + _DEC + '> .\n'
            '<urn:a> <urn:q> "0.80" .\n'
            '<urn:a> <urn:r> "POINT(113.100 22.500)"^^<http://www.opengis.net/ont/geosparql#wktLiteral> .\n'
            '<urn:a> <urn:s> "说\\"0.50\\"^^<' + _DEC + '>"@zh .\n').encode()
    assert canonical_decimals(data) == data.replace(b'"0.80"^^', b'"0.8"^^', 1)


_ARTICLES = (
    "江西省赣州市与福建省厦门市签订对口合作协议，两市共建赣州厦门产业园。",
    "湖南省长沙市与贵州省铜仁市结对帮扶，长沙经开区在铜仁设立飞地园区，研发在长沙，生产在铜仁。",
    "四川省成都市和重庆市共建成渝地区双城经济圈，新开通的城际铁路连接两地。",
)


def _documents() -> list[tuple[str, bytes, bytes]]:
    out = []
    for i, text in enumerate(_ARTICLES):
        ex = extract_text(text, doc_id=f"t{i}")
        triples, fixed = document_ntriples(ex, ex.documents[0])
        out.append((f"t{i}", triples, fixed))
    return out


@pytest.mark.parametrize("fmt", LINE_FORMATS)
# every graph sorted on disk, or in memory, or some of each (the big ones' sorted lines
# merged with the union's, not sorted again)
@pytest.mark.parametrize("block", [100, 10**9, "mixed"])
def test_lines_write_what_a_store_writes(tmp_path, monkeypatch, fmt, block):
    docs = _documents()
    if block == "mixed":
        block = sorted(len(triples) for _, triples, _ in docs)[1]
        assert sum(len(triples) > block for _, triples, _ in docs) == 1
    trailing_zero = b'0"^^<' + _DEC.encode() + b">"
    assert any(trailing_zero in triples for _, triples, _ in docs)  # a decimal to rewrite
    store = ox.Store()
    writer = DocumentWriter(store, 0)
    for doc_id, triples, fixed in docs:
        writer.add(doc_id, triples, fixed)
    expected = save_dataset(store, tmp_path / f"store.{fmt}").read_bytes()
    monkeypatch.setattr(graph.linegraphs, "BLOCK_BYTES", block)
    monkeypatch.setattr(graph.linesort, "BLOCK_BYTES", block)
    monkeypatch.setattr(graph.linegraphs, "PIECE_BYTES", block // 2)  # in pieces
    folder = tmp_path / "lines"
    folder.mkdir()
    lines = LineGraphs(folder)
    for doc_id, triples, fixed in reversed(docs):  # graphs come out in their IRIs' order
        lines.add(doc_id, triples, fixed)
    out = tmp_path / f"lines.{fmt}"
    with open(out, "wb") as fh:
        lines.write(fmt, fh)
    assert out.read_bytes() == expected


@pytest.mark.parametrize("split", [0, 1, 10**12])
def test_a_trig_file_written_in_two_halves_at_once_is_the_one_written_whole(
        tmp_path, monkeypatch, split):
    """A big TriG file is serialised as two parts split between graphs, the second by a
    child process: the bytes are those of one serialisation of every line."""
    docs = _documents()
    files = []
    for limit in (10**12, split):
        monkeypatch.setattr(graph.linegraphs, "SPLIT_BYTES", limit)
        folder = tmp_path / f"lines{len(files)}"
        folder.mkdir()
        lines = LineGraphs(folder)
        for doc_id, triples, fixed in docs:
            lines.add(doc_id, triples, fixed)
        with open(tmp_path / f"g{len(files)}.trig", "wb") as fh:
            lines.write("trig", fh)
        files.append((tmp_path / f"g{len(files)}.trig").read_bytes())
        assert sorted(p.name for p in folder.iterdir()) == ["named.nq", "sorted.nq",
                                                            "sorted2.nq", "union.nt"]
    assert files[0] == files[1] and files[0].count(b"{") == len(docs)
