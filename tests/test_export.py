"""Exports round-trip Chinese labels (Turtle, JSON-LD, GraphML, CSV) and are atomic."""
from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph, Literal, URIRef

from graph.errors import ExportError, GraphFileError
from graph.export import EDGE_COLUMNS, EXPORTERS, NODE_COLUMNS, export_file
from graph.rdf import to_dataset
from graph.store import load_store, save_dataset
from graph.vocab import SKOS
from sample import sample_extraction

ID = "https://w3id.org/coopgraph/id/"
PARK = URIRef(ID + "park/%E9%95%BF%E6%A0%AA%E6%BD%AD%E5%8D%8F%E5%90%8C%E4%BA%A7%E4%B8%9A%E5%9B%AD")
COUNTY = URIRef(ID + "region/430321")


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory) -> Path:
    return save_dataset(to_dataset(sample_extraction()),
                        tmp_path_factory.mktemp("g") / "graph.trig")


def test_exporters():
    assert sorted(EXPORTERS) == ["csv", "graphml", "jsonld", "nq", "nt", "trig", "ttl"]


def test_turtle_round_trip(tmp_path, graph_file):
    [out] = export_file(graph_file, "ttl", tmp_path / "g.ttl")
    text = out.read_text(encoding="utf-8")
    assert '"长株潭协同产业园"@zh' in text and "@prefix cg:" in text
    g = Graph().parse(out, format="turtle")
    assert (PARK, SKOS.prefLabel, Literal("长株潭协同产业园", lang="zh")) in g
    assert (COUNTY, SKOS.altLabel, Literal("湘潭縣", lang="zh-hant")) in g


def test_jsonld_round_trip(tmp_path, graph_file):
    [out] = export_file(graph_file, "jsonld", tmp_path / "g.jsonld")
    text = out.read_text(encoding="utf-8")
    assert '"skos:prefLabel"' in text and "长株潭协同产业园" in text and "\\u" not in text
    ds = Dataset()
    ds.parse(out, format="json-ld")
    assert (PARK, SKOS.prefLabel, Literal("长株潭协同产业园", lang="zh")) in ds.default_graph
    named = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert {ID + "doc/a", ID + "doc/b"} <= named
    store = load_store(out)
    assert len(store) == len(load_store(graph_file))


def test_rdf_exports_are_stable(tmp_path, graph_file):
    for fmt in ("trig", "nq", "nt", "ttl", "jsonld"):
        [a] = export_file(graph_file, fmt, tmp_path / f"a.{fmt}")
        [b] = export_file(a if fmt in ("trig", "nq", "jsonld") else graph_file, fmt,
                          tmp_path / f"b.{fmt}")
        assert a.read_bytes() == b.read_bytes(), fmt


def test_graphml_round_trip(tmp_path, graph_file):
    [out] = export_file(graph_file, "graphml", tmp_path / "g.graphml")
    g = nx.read_graphml(out, force_multigraph=True)
    assert g.nodes[str(PARK)]["label"] == "长株潭协同产业园"
    assert g.nodes[str(PARK)]["category"] == "Park"
    assert g.nodes[str(COUNTY)]["lat"] == pytest.approx(27.778601)
    assert g.number_of_edges() == 13
    labels = sorted(d["label"] for _, _, d in g.edges(data=True) if d["relation"] != "part_of")
    assert labels == ["位于", "共建", "共建", "研发 → 生产", "结对", "连接", "连接",
                      "飞地所在地", "飞地所属"]
    assert "长株潭协同产业园" in out.read_text(encoding="utf-8")


def test_csv_tables(tmp_path, graph_file):
    files = export_file(graph_file, "csv", tmp_path / "tables")
    assert [f.name for f in files] == ["nodes.csv", "edges.csv"]
    raw = files[0].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,label,")  # BOM: Excel reads UTF-8
    with files[0].open(encoding="utf-8-sig", newline="") as fh:
        nodes = list(csv.DictReader(fh))
    assert tuple(nodes[0]) == NODE_COLUMNS
    county = next(n for n in nodes if n["id"] == str(COUNTY))
    assert (county["label"], county["category"], county["kind"], county["adcode"],
            county["mentioned"], county["sources"]) == ("湘潭县", "Region", "County", "CN-430321",
                                                        "2", "doc:a|doc:b")
    with files[1].open(encoding="utf-8-sig", newline="") as fh:
        edges = list(csv.DictReader(fh))
    assert tuple(edges[0]) == EDGE_COLUMNS
    pairing = next(e for e in edges if e["relation"] == "pairing")
    assert (pairing["from"], pairing["to"], pairing["label"]) == (
        ID + "region/430111", str(COUNTY), "研发 → 生产")
    assert len(edges) == 13


def test_export_errors(tmp_path, graph_file):
    with pytest.raises(ExportError) as err:
        export_file(graph_file, "xml", tmp_path / "g.xml")
    assert str(err.value) == ("unknown export format 'xml': use one of csv, graphml, jsonld, "
                              "nq, nt, trig, ttl")
    afile = tmp_path / "afile"
    afile.write_text("x", encoding="utf-8")
    with pytest.raises(ExportError) as err:
        export_file(graph_file, "csv", afile)
    assert str(err.value) == f"cannot write {afile}: it is a file, not a folder"
    with pytest.raises(ExportError) as err:
        export_file(graph_file, "graphml", tmp_path)
    assert str(err.value) == f"cannot write {tmp_path}: it is a folder"
    with pytest.raises(GraphFileError, match="^graph file not found: "):
        export_file(tmp_path / "missing.trig", "ttl", tmp_path / "x.ttl")


def test_numeric_document_ids_stay_text_in_pandas(tmp_path):
    """Articles named 001.txt, 002.txt: pandas reads their ids as text, not as 1 and 2 --
    the export tables without options, query tables with the documented ``dtype``."""
    pd = pytest.importorskip("pandas")
    from cli import main
    from click.testing import CliRunner

    src = tmp_path / "in"
    src.mkdir()
    (src / "001.txt").write_text("湘潭县与雨花区结对帮扶。\n", encoding="utf-8")
    (src / "002.txt").write_text("株洲市芦淞区在湘潭县设立飞地产业园。\n", encoding="utf-8")
    one = tmp_path / "one"
    one.mkdir()
    (one / "001.txt").write_text("湘潭县与雨花区结对帮扶。\n", encoding="utf-8")
    for folder in (src, one):  # one document: every sources cell is a lone id
        graph = tmp_path / f"{folder.name}.trig"
        assert CliRunner().invoke(main, ["build", str(folder), "-o", str(graph), "-j", "1",
                                         "-q"]).exit_code == 0
        nodes, edges = (pd.read_csv(t) for t in export_file(graph, "csv",
                                                             tmp_path / f"{folder.name}-csv"))
        assert pd.api.types.is_string_dtype(nodes["sources"]), nodes["sources"].dtype
        assert pd.api.types.is_string_dtype(edges["source"]), edges["source"].dtype
        assert "doc:001" in set(nodes["sources"])
        assert "doc:001" in set(edges["source"])
    out = tmp_path / "documents.csv"
    res = CliRunner().invoke(main, ["query", "documents", "-g", str(tmp_path / "in.trig"),
                                    "--format", "csv"])
    assert res.exit_code == 0, res.output
    out.write_text(res.output, encoding="utf-8")
    table = pd.read_csv(out, dtype={"source": str})
    assert list(table["source"]) == ["001", "002"]
