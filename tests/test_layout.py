"""Data layout and writing: self-contained document graphs, the default graph as their
union, exports term for term, output independent of worker count and document order."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import graph.pipeline
from cli import main
from graph.export import export_store
from graph.pipeline import build
from graph.rdf import document_node, to_dataset, to_quads, to_store
from graph.store import load_store, save_dataset
from sample import sample_extraction

CG = "https://w3id.org/coopgraph/ontology#"
ID = "https://w3id.org/coopgraph/id/"
ARTICLES = {
    "one": "长沙市雨花区与湘潭市湘潭县签署合作协议。研发在雨花区、生产在湘潭县，"
           "两地共建长株潭协同产业园。该园位于湘潭县，由雨花区与湘潭县合作共建。\n",
    "two": "湘潭县与雨花区结对帮扶。宁波大桥连接雨花区与湘潭县。\n",
    "three": "株洲市芦淞区在湘潭县设立飞地产业园，双方共建芦淞湘潭产业园。\n",
}


def _corpus(folder: Path, names=tuple(ARTICLES)) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / f"{name}.txt").write_text(ARTICLES[name], encoding="utf-8")
    return folder


def _quads(store: ox.Store, graph=None) -> set[tuple[str, str, str]]:
    return {(str(q.subject), str(q.predicate), str(q.object))
            for q in store.quads_for_pattern(None, None, None, graph)}


def test_default_graph_is_the_union_of_the_document_graphs_plus_places():
    store = to_store(sample_extraction())
    union = set()
    for g in store.named_graphs():
        union |= _quads(store, g)
    default = _quads(store, ox.DefaultGraph())
    assert union <= default
    extra = {s for s, _, _ in default - union}
    assert extra == {  # gazetteer places (fixed descriptions), and one entity no
        f"<{ID}{k}>" for k in (  # document of the hand-made sample uses
            "region/430000", "region/430000/geometry", "region/430100",
            "region/430100/geometry", "region/430111", "region/430111/geometry",
            "region/430300", "region/430300/geometry", "region/430321",
            "region/430321/geometry",
            "enterprise/%E6%B9%98%E6%BD%AD%E7%94%B5%E6%9C%BA%E8%82%A1%E4%BB%BD%E6%9C%89"
            "%E9%99%90%E5%85%AC%E5%8F%B8")}


def test_document_graph_holds_what_the_document_says():
    store = to_store(sample_extraction())
    b = _quads(store, document_node("b"))
    enclave = f"<{ID}park/%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E%E7%A7%91%E6%8A%80%E5%9B%AD>"
    county = f"<{ID}region/430321>"
    assert (enclave, f"<{CG}enclaveHost>", county) in b  # the direct triple
    assert (county, f"<{CG}partOf>", f"<{ID}region/430300>") in b  # its hierarchy
    assert (f"<{ID}region/430300>", f"<{CG}partOf>", f"<{ID}region/430000>") in b
    assert (county, "<http://www.w3.org/2004/02/skos/core#altLabel>", '"湘潭縣"@zh-hant') in b  # Oxigraph lower-cases tags
    assert (enclave, "<http://www.w3.org/2004/02/skos/core#prefLabel>",
            '"<img src=x onerror=alert(1)>科技园"@zh') in b  # found by pattern: in full
    # a gazetteer place's fixed description is in the default graph only
    assert not any(s == county and p.endswith("prefLabel>") for s, p, _ in b)
    assert (f"<{ID}doc/b>", f"<{CG}sourcePath>", '"b.txt"') in b
    # nothing of document a: its park is not named in b
    assert not any("%E9%95%BF%E6%A0%AA%E6%BD%AD" in s for s, _, _ in b)


def test_confidence_and_coordinates_keep_their_lexical_form():
    quads = to_quads(sample_extraction())
    conf = {q.object for q in quads if q.predicate.value == CG + "confidence"}
    assert ox.Literal("0.80", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")) \
        in conf
    lats = {q.object.value for q in quads
            if q.predicate.value == "http://www.w3.org/2003/01/geo/wgs84_pos#lat"}
    assert "27.829730" in lats


def test_rdflib_dataset_on_request_keeps_lexical_forms():
    ds = to_dataset(sample_extraction())
    values = {str(o) for o in ds.default_graph.objects(None, None)}
    assert "0.80" in values and "27.829730" in values


@pytest.mark.parametrize("fmt", ["trig", "nq", "jsonld", "ttl", "nt"])
def test_every_export_keeps_every_triple_term_for_term(tmp_path, fmt):
    built = save_dataset(to_quads(sample_extraction()), tmp_path / "g.trig")
    store = load_store(built)
    [out] = export_store(store, fmt, tmp_path / f"x.{fmt}")
    back = ox.Store()
    back.load(path=str(out), format=ox.RdfFormat.from_extension(fmt))
    if fmt in ("ttl", "nt"):
        assert _quads(back) == _quads(store)  # the union, each triple once
    else:
        assert set(back) == set(store)


def test_files_use_prefixes_and_full_entity_iris(tmp_path):
    text = save_dataset(to_quads(sample_extraction()), tmp_path / "g.trig").read_text("utf-8")
    assert text.startswith("@prefix cg: <https://w3id.org/coopgraph/ontology#> .\n"
                           "@prefix dcterms: <http://purl.org/dc/terms/> .\n")
    assert "cg:confidence 0.80 ;" in text  # a Turtle decimal, lexical form kept
    assert f"<{ID}region/430321>" in text and "\\/" not in text


def test_build_is_byte_identical_for_any_number_of_workers(tmp_path):
    src = _corpus(tmp_path / "in")
    one, two = tmp_path / "one.trig", tmp_path / "two.trig"
    build([src], one, jobs=1)
    build([src], two, jobs=2)
    assert one.read_bytes() == two.read_bytes()


def test_a_document_graph_does_not_depend_on_the_other_documents(tmp_path):
    full = build([_corpus(tmp_path / "all")], tmp_path / "all.trig")
    alone = build([_corpus(tmp_path / "alone", ["two"])], tmp_path / "alone.trig")
    assert full.documents == 3 and alone.documents == 1
    a, b = load_store(tmp_path / "all.trig"), load_store(tmp_path / "alone.trig")
    g = document_node("two")
    strip = {t for t in _quads(a, g) if "sourcePath" not in t[1]}
    assert strip == {t for t in _quads(b, g) if "sourcePath" not in t[1]}
    assert len(strip) > 20


def test_cli_build_jobs(tmp_path):
    src = _corpus(tmp_path / "in")
    res = CliRunner().invoke(main, ["build", str(src), "-o", str(tmp_path / "g.nq"), "-j", "2",
                                    "-q"])
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("3 documents → ")


def test_dask_cluster_gives_the_same_file_and_loadable_shards(tmp_path):
    distributed = pytest.importorskip("distributed")
    src = _corpus(tmp_path / "in")
    local = tmp_path / "local.trig"
    build([src], local, jobs=1)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster:
        res = CliRunner().invoke(main, ["build", str(src), "-o", str(tmp_path / "dask.trig"),
                                        "--dask", cluster.scheduler_address,
                                        "--shards", str(tmp_path / "shards"), "-q"])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "dask.trig").read_bytes() == local.read_bytes()
    shards = sorted((tmp_path / "shards").iterdir())
    assert [p.name for p in shards] == ["part-00000.nq"]
    loaded = ox.Store()
    for p in shards:
        loaded.bulk_load(path=str(p), format=ox.RdfFormat.N_QUADS)
    assert set(loaded) == set(load_store(local))


def test_dask_scheduler_unreachable_is_one_line(tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr(graph.pipeline, "DASK_TIMEOUT", 1)
    src = _corpus(tmp_path / "in", ["one"])
    res = CliRunner().invoke(main, ["build", str(src), "-o", str(tmp_path / "g.trig"),
                                    "--dask", "tcp://127.0.0.1:9", "-q"])
    assert res.exit_code == 1
    assert res.stderr.startswith("Error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert res.stderr.count("\n") == 1


def test_spelt_out_names_match_their_sources():
    import cli
    from graph.export import EXPORTERS
    from graph.prefixes import PREFIXES
    from graph.vocab import CG, DCTERMS, GEO, GSP, ID, OWL, PROV, RDF, RDFS, SKOS, XSD

    assert cli.EXPORT_FORMATS == tuple(sorted(EXPORTERS))
    assert PREFIXES == {"cg": str(CG._NS), "dcterms": str(DCTERMS), "geo": str(GSP),
                        "id": str(ID), "owl": str(OWL), "prov": str(PROV), "rdf": str(RDF),
                        "rdfs": str(RDFS), "skos": str(SKOS), "wgs84": str(GEO),
                        "xsd": str(XSD)}
