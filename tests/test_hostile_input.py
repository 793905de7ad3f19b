"""Regression tests for hostile input: characters XML cannot carry, CSV formula cells and
types, skipped inputs reported in one escaped line, library warnings with the file name,
empty names."""
from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from cli import main
from graph.chars import is_xml_safe, one_line, shown, xml_safe
from graph.csvout import guard_cell
from graph.errors import QueryError
from graph.explain import explain
from graph.export import csv_date, export_file
from graph.model import Entity
from graph.pipeline import extract_text
from graph.query import format_results, run_query
from graph.rdf import to_dataset
from graph.read import decode_bytes, document_from_text, find_inputs
from graph.store import load_store, save_dataset
from sample import sample_extraction

BAD = "\x00\x01\x08\x0b\x0c\x1b\x7f\ufffe\uffff\ud800\udfff"
XML_BAD = "\x01\x1b\ufffe\uffff"  # what an older build kept (N-Triples can carry it)
FORMULAS = ['=HYPERLINK("http://example.invalid/","点击")', "+1+2", "-1+2", "@SUM(A1)",
            "\tTAB", "\rCR"]


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def _hostile_extraction():
    """The sample graph with labels that start like formulas and evidence holding
    characters XML cannot carry (what older versions wrote into graphs)."""
    ex = sample_extraction()
    for i, label in enumerate(FORMULAS):
        key = f"enterprise:{i}"
        ex.entities[key] = Entity(key, label, "Enterprise", "Enterprise")
        ex.mentions[(key, "a")] = next(iter(ex.mentions.values()))
    doc = ex.documents[0]
    doc.title = "标题" + XML_BAD
    for k, span in list(ex.mentions.items())[:3]:
        ex.mentions[k] = type(span)(span.doc_id, span.start, span.end, span.text + XML_BAD)
    return ex


@pytest.fixture(scope="module")
def hostile_graph(tmp_path_factory) -> Path:
    return save_dataset(to_dataset(_hostile_extraction()),
                        tmp_path_factory.mktemp("h") / "graph.nt")


# ---------------------------------------------------------------- characters

def test_xml_safe_keeps_length_and_offsets():
    text = "金湾" + BAD + "区"
    safe = xml_safe(text)
    assert len(safe) == len(text) and is_xml_safe(safe)
    assert safe[0] == "金" and safe[-1] == "区"
    assert xml_safe("\t\n\r ok 𠀀") == "\t\n\r ok 𠀀"


def test_library_api_accepts_lone_surrogates_and_controls():
    ex = extract_text("湘潭县\ud800与雨花区\uffff合作共建产业园\x01。" + BAD)
    doc = ex.documents[0]
    assert is_xml_safe(doc.text) and is_xml_safe(doc.norm)
    assert {e.label for e in ex.entities.values()} >= {"湘潭县", "雨花区"}
    raw = document_from_text("雨花\ud800区" + BAD, clean=False)
    assert len(raw.text) == len("雨花\ud800区" + BAD) and is_xml_safe(raw.text)
    dataset = to_dataset(ex)
    dataset.serialize(format="trig", encoding="utf-8")  # no UnicodeEncodeError


def test_build_then_graphml_with_xml_forbidden_characters(tmp_path):
    """The issue's crash: U+FFFE/U+FFFF kept by build made export -f graphml fail (ValueError,
    then a segfault)."""
    src = tmp_path / "a.txt"
    src.write_bytes(("湘潭县\uffff与雨花区\ufffe合作共建协同产业园\x01。\n").encode(
        "utf-8", "surrogatepass"))
    graph = tmp_path / "g.trig"
    assert run("build", src, "-o", graph, "-q").exit_code == 0
    text = graph.read_text(encoding="utf-8")
    assert "\uffff" not in text and "\ufffe" not in text and "\ufffd" in text
    for fmt, name in (("graphml", "g.graphml"), ("jsonld", "g.jsonld"), ("csv", "t")):
        result = run("export", "-g", graph, "-f", fmt, "-o", tmp_path / name)
        assert result.exit_code == 0, result.output
    nx.read_graphml(tmp_path / "g.graphml")
    nodes = (tmp_path / "t" / "nodes.csv").read_text(encoding="utf-8-sig")
    assert "\ufffd" in nodes and is_xml_safe(nodes)


def test_graphml_guard_for_graphs_built_by_older_versions(tmp_path, hostile_graph):
    assert "\\uFFFF" in hostile_graph.read_text(encoding="utf-8") or "\uffff" in \
        hostile_graph.read_text(encoding="utf-8")
    [out] = export_file(hostile_graph, "graphml", tmp_path / "g.graphml")
    g = nx.read_graphml(out)
    values = [v for _, d in g.nodes(data=True) for v in d.values() if isinstance(v, str)]
    assert any("\ufffd" in v for v in values)
    assert all(is_xml_safe(v) for v in values)
    tables = export_file(hostile_graph, "csv", tmp_path / "t")
    assert all(is_xml_safe(t.read_text(encoding="utf-8-sig")) for t in tables)


def test_surrogate_file_names_become_safe_document_ids(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for raw in (b"a\xff.txt", b"a\xfe.txt"):  # not UTF-8: Python names them with surrogates
        with open(os.path.join(os.fsencode(folder), raw), "wb") as fh:
            fh.write("湘潭县与雨花区合作共建产业园。\n".encode("utf-8"))
    graph = tmp_path / "g.trig"
    result = run("build", folder, "-o", graph, "-q")
    assert result.exit_code == 0, result.output
    store = load_store(graph)
    ids = sorted(r[0].value for r in store.query(
        "SELECT DISTINCT ?i WHERE { ?d a <https://w3id.org/coopgraph/ontology#Document> ; "
        "<http://purl.org/dc/terms/identifier> ?i }", use_default_graph_as_union=True))
    assert ids == ["a\ufffd", "a\ufffd-2"]


# ---------------------------------------------------------------- CSV

def test_formula_cells_are_guarded_in_export_and_query(tmp_path, hostile_graph):
    [nodes, _] = export_file(hostile_graph, "csv", tmp_path / "t")
    with nodes.open(encoding="utf-8-sig", newline="") as fh:
        labels = {row["label"] for row in csv.DictReader(fh)}
    assert {"'" + f for f in FORMULAS} <= labels
    assert not any(label.startswith(("=", "+", "-", "@", "\t", "\r")) for label in labels)
    result = run("query", "SELECT ?l WHERE { ?e a cg:Enterprise ; skos:prefLabel ?p "
                          "BIND(STR(?p) AS ?l) }", "-g", hostile_graph, "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    cells = {r[0] for r in rows[1:]}
    assert {"'" + f for f in FORMULAS} <= cells
    assert guard_cell("-12.5") == "-12.5" and guard_cell("+3e5") == "+3e5"
    assert guard_cell("-") == "'-" and guard_cell("") == "" and guard_cell(None) == ""


def test_csv_bom_flag(tmp_path, hostile_graph):
    assert run("export", "-g", hostile_graph, "-f", "csv", "-o", tmp_path / "b").exit_code == 0
    assert (tmp_path / "b" / "edges.csv").read_bytes().startswith(b"\xef\xbb\xbffrom,")
    assert run("export", "-g", hostile_graph, "-f", "csv", "-o", tmp_path / "n",
               "--no-bom").exit_code == 0
    assert (tmp_path / "n" / "edges.csv").read_bytes().startswith(b"from,")


def test_pandas_reads_the_tables_with_the_right_types(tmp_path, hostile_graph):
    pd = pytest.importorskip("pandas")
    tables = export_file(hostile_graph, "csv", tmp_path / "t")
    nodes, edges = (pd.read_csv(t) for t in tables)  # no options: what a user types
    assert nodes.columns[0] == "id"  # the BOM is not part of the first name
    assert pd.api.types.is_string_dtype(nodes["adcode"])
    assert set(nodes["adcode"].dropna()) >= {"CN-430321", "CN-430111"}
    assert nodes["adcode"].isna().any()  # parks and firms have none
    assert pd.api.types.is_integer_dtype(nodes["mentioned"])
    assert pd.api.types.is_float_dtype(nodes["lon"]) and pd.api.types.is_float_dtype(nodes["lat"])
    assert pd.api.types.is_string_dtype(edges["date"])
    assert pd.api.types.is_float_dtype(edges["confidence"])
    dates = pd.to_datetime(edges["date"].dropna())
    assert len(dates) == edges["date"].notna().sum()


def test_year_only_dates_read_as_dates(tmp_path):
    pd = pytest.importorskip("pandas")
    assert csv_date("2021") == ("2021-01-01", "year")
    ex = sample_extraction()
    for f in ex.facts:
        f.date = "2021" if f.date else None
    graph = save_dataset(to_dataset(ex), tmp_path / "g.trig")
    [_, edges] = export_file(graph, "csv", tmp_path / "t")
    table = pd.read_csv(edges)
    assert pd.api.types.is_string_dtype(table["date"]), table["date"].dtype
    assert set(table["date_precision"].dropna()) <= {"year"}


# ---------------------------------------------------------------- skipped inputs

def test_non_files_are_reported_one_line_each(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text("湘潭县与雨花区合作共建产业园。\n", encoding="utf-8")
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    os.mkfifo(folder / "pipe.txt")
    (folder / "dir.txt").mkdir()
    (folder / "linked").symlink_to(tmp_path)
    (folder / "bad\nskipped forged.txt").write_text("", encoding="utf-8")
    files, skipped = find_inputs([folder])
    assert files == [folder / "bad\nskipped forged.txt", folder / "ok.txt"]
    assert dict(skipped) == {
        str(folder / "dangling.txt"): "dangling symbolic link",
        str(folder / "loop.txt"): "symbolic link loop",
        str(folder / "pipe.txt"): "a FIFO (named pipe), not a file",
        str(folder / "dir.txt"): "a folder, not a file (its files are read)",
        str(folder / "linked"): "a symbolic link to a folder (not followed)",
    }
    result = run("build", folder, "-o", tmp_path / "g.trig", "-q")
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert len(lines) == 6 and all(line.startswith("skipped ") for line in lines)
    forged = str(folder / "bad\nskipped forged.txt")
    assert f"skipped {forged!r}: 'bad\\nskipped forged.txt' has no text" in lines


def test_a_fifo_named_explicitly_is_skipped_not_read(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    ok = tmp_path / "ok.txt"
    ok.write_text("湘潭县与雨花区合作共建产业园。\n", encoding="utf-8")
    result = run("build", fifo, ok, "-o", tmp_path / "g.trig", "-q")  # would block if read
    assert result.exit_code == 0
    assert result.stderr == f"skipped {fifo}: a FIFO (named pipe), not a file\n"


def test_names_are_escaped_in_messages():
    assert shown("a.txt") == "a.txt" and shown("甲 乙.txt") == "甲 乙.txt"
    assert shown("a\nb") == "'a\\nb'" and shown("x\u202eexe.txt") == "'x\\u202eexe.txt'"
    assert shown("\udcff.txt") == "'\\udcff.txt'"
    assert one_line("a\r\nb\x1b[31m") == "a\\r\\nb\\x1b[31m"


def test_library_errors_carry_the_escaped_file_name():
    with pytest.raises(Exception) as err:
        decode_bytes(b"\xff\xfe\x00\xd8", "bad\nname.txt")
    assert "'bad\\nname.txt'" in str(err.value) and "\n" not in str(err.value)


def test_pdf_warnings_carry_the_file_name(tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont("STSong-Light", 12)
    c.drawString(50, 750, "湘潭县与雨花区合作共建产业园。")
    c.save()
    data = buf.getvalue()
    m = re.search(rb"startxref\s+(\d+)", data)
    damaged = data[:m.start(1)] + str(int(m[1]) + 7).encode() + data[m.end(1):]
    pdf = tmp_path / "报告.pdf"
    pdf.write_bytes(damaged)
    result = run("build", pdf, "-o", tmp_path / "g.trig", "-q")
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert lines and all(line.startswith(f"warning {pdf}: ") for line in lines)
    assert any("startxref" in line for line in lines)


# ---------------------------------------------------------------- explain

@pytest.mark.parametrize("name", ["", "   ", "\t\n"])
def test_explain_empty_name_is_an_error(name, hostile_graph):
    with pytest.raises(QueryError, match="^empty name"):
        explain(load_store(hostile_graph), name)
    result = run("explain", name, "-g", hostile_graph)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("Error: empty name")


def test_query_csv_of_a_hostile_graph_is_xml_safe(hostile_graph):
    store = load_store(hostile_graph)
    text = format_results(run_query(store, "SELECT ?t WHERE { ?d <http://purl.org/dc/terms/"
                                           "title> ?t }"), "csv")
    assert is_xml_safe(text) and "\ufffd" in text


# ---------------------------------------------------------------- a folder of odd files

def _odd_folder(folder: Path, count: int, seed: int) -> tuple[int, int]:
    """``count`` odd entries: random bytes, odd encodings and names, empty files, markup,
    damaged PDF/Word files, links and FIFOs. Returns how many are regular article files
    and how many are not (links, FIFOs, folders)."""
    import random

    rng = random.Random(seed)
    folder.mkdir()
    pieces = ["湘潭县", "雨花区", "合作共建", "产业园", "研发在", "生产在", "。", "\n", "=1+2",
              "\ufffe", "\uffff", "\x00", "\x1b[31m", "\u202e", "<script>alert(1)</script>",
              "𠀀", "澳門", "對口幫扶"]
    regular = others = 0
    for i in range(count):
        kind = i % 12
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 60)))
        name = f"{i:03d}" + rng.choice(["", "\n", " ", "\t", "\u2028", "'", "$(x)", "..",
                                         "\udcff", "-", "%s"]) + rng.choice(
            [".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".TXT"])
        path = folder / name
        if kind == 0:
            data = bytes(rng.randrange(256) for _ in range(rng.randint(0, 400)))
        elif kind == 1:
            data = text.encode("gb18030", "replace")
        elif kind == 2:
            data = text.encode("utf-16")
        elif kind == 3:
            data = b""
        elif kind == 4:
            data = f"<html><body><p>{text}</p></body></html>".encode("utf-8", "replace")
        elif kind == 5:
            data = b"%PDF-1.4\n" + text.encode("utf-8", "replace")
        elif kind == 6:
            data = b"PK\x03\x04" + text.encode("utf-8", "replace")
        elif kind == 7:
            path.symlink_to(folder / f"missing{i}.txt")
            others += 1
            continue
        elif kind == 8:
            os.mkfifo(path)
            others += 1
            continue
        elif kind == 9:
            path.mkdir()
            others += 1
            continue
        else:
            data = text.encode("utf-8", "surrogatepass")
        with open(os.fsencode(path), "wb") as fh:
            fh.write(data)
        regular += 1
    (folder / "ok.txt").write_text("研发在雨花区、生产在湘潭县，两地合作共建产业园。\n",
                                   encoding="utf-8")
    return regular + 1, others


def _odd_files_through_the_cli(tmp_path: Path, count: int, seed: int) -> None:
    files, others = _odd_folder(tmp_path / "in", count, seed)
    graph = tmp_path / "g.trig"
    result = run("build", tmp_path / "in", "-o", graph, "-q", "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert all(line.startswith(("skipped ", "warning ")) for line in lines), lines
    skipped = [line for line in lines if line.startswith("skipped ")]
    not_files = [s for s in skipped if s.endswith((": dangling symbolic link",
                                                   ": a FIFO (named pipe), not a file",
                                                   ": a folder, not a file (its files are read)"))]
    documents = int(result.stdout.split(" documents")[0])
    assert len(not_files) == others  # each reported once, in one line
    assert documents + len(skipped) - len(not_files) == files  # read, or skipped with a reason
    for fmt, out in (("graphml", "g.graphml"), ("jsonld", "g.jsonld"), ("nq", "g.nq"),
                     ("csv", "t")):
        assert run("export", "-g", graph, "-f", fmt, "-o", tmp_path / out).exit_code == 0
    nx.read_graphml(tmp_path / "g.graphml")
    assert run("viz", "-g", graph, "-o", tmp_path / "g.html").exit_code == 0


def test_odd_files_through_the_cli(tmp_path):
    _odd_files_through_the_cli(tmp_path, 24, seed=7)


@pytest.mark.slow
def test_300_odd_files_through_the_cli(tmp_path):
    _odd_files_through_the_cli(tmp_path, 300, seed=8)
