"""The store's summary of named-query rows (graph/summary.py): always the SPARQL rows.

Every covered named query is answered twice -- from the summary and in SPARQL on the
store alone -- and must give the same rows in the same order, after builds, additions,
changes, removals, a label one document adds to another's entity, and a killed write.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from cli import main
from graph import summary as S
from graph.kgstore import DocumentWriter, open_store
from graph.pipeline import build_store, remove
from graph.query import named_queries, run_query

ROOT = Path(__file__).parent.parent
ARTICLES = {  # invented sentences
    "a1": "长沙市雨花区与湘潭市湘潭县签署合作协议。研发在雨花区、生产在湘潭县，"
          "两地共建长株潭协同产业园。该园位于湘潭县，由雨花区与湘潭县合作共建。\n",
    "a2": "湘潭县与雨花区结对帮扶。宁波大桥连接雨花区与湘潭县。\n",
    "a3": "株洲市芦淞区在湘潭县设立飞地产业园，双方共建芦淞湘潭产业园。\n",
    "a4": "岳麓区与浏阳市开展对口协作。总部在岳麓区，制造在浏阳市。"
          "星城智造园位于浏阳市。\n",
    "a5": "衡阳市珠晖区与郴州市北湖区共建湘南合作产业园，研发在珠晖区、生产在北湖区。\n",
}


def _other_label_doc(park: str) -> bytes:
    """N-Triples of a document ``zz`` that gives the park (an N-Triples IRI) another label."""
    cg, skos = "https://w3id.org/coopgraph/ontology#", "http://www.w3.org/2004/02/skos/core#"
    doc = "https://w3id.org/coopgraph/id/doc/zz"
    return ox.serialize(ox.parse(
        (f'<{doc}> a <{cg}Document> ; <http://purl.org/dc/terms/identifier> "zz" .\n'
         f'{park} a <{cg}Park> ; <{skos}prefLabel> "另一园名"@zh-Hant .\n').encode(),
        format=ox.RdfFormat.TURTLE), format=ox.RdfFormat.N_TRIPLES)


def _write(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def _regions(store: ox.Store) -> list[str]:
    """Labels of the regions the facts name, and of their parents (from the store)."""
    rows = store.query("""
        PREFIX cg: <https://w3id.org/coopgraph/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT DISTINCT ?l WHERE { ?f cg:evidence ?s ; ?r ?x . ?x cg:partOf? ?y .
                                   ?y a cg:Region ; skos:prefLabel ?l }""")
    return sorted({r["l"].value for r in rows})


def assert_same(kg: Path) -> int:
    """Summary rows == SPARQL rows for every covered query (each region for the
    parameterised ones, and a page); returns how many rows were compared."""
    reader = S.open_reader(kg)
    assert reader is not None
    store = ox.Store.read_only(str(kg))
    regions = _regions(store)
    assert regions
    n = 0
    for name, q in named_queries().items():
        if not S.covers(name):
            continue
        for params in ([{"region": r} for r in regions] if q.required else [{}]):
            for page in ({}, {"limit": 3, "offset": 1}):
                want = run_query(store, name, params, **page)
                got = run_query(store, name, params, summary=reader, **page)
                assert (got.variables, got.rows) == (want.variables, want.rows), (name, params)
                n += len(want.rows)
    return n


def test_summary_rows_are_the_sparql_rows_through_builds(tmp_path):
    src, kg = tmp_path / "in", tmp_path / "kg"
    _write(src, {k: ARTICLES[k] for k in ("a1", "a2", "a3")})
    build_store([src], kg)
    assert (kg / S.SUMMARY_FILE).is_file()
    assert assert_same(kg) > 20
    _write(src, {k: ARTICLES[k] for k in ("a4", "a5")})  # added documents
    build_store([src], kg)
    assert assert_same(kg) > 30
    _write(src, {"a2": "湘潭县与岳麓区结对帮扶。\n"})  # a changed document
    build_store([src], kg)
    assert assert_same(kg) > 30
    reader = S.open_reader(kg)
    store = ox.Store.read_only(str(kg))
    twins = run_query(store, "twinning", summary=reader).values()
    assert twins and all(row[3] != "a2" or {"岳麓区", "湘潭县"} == set(row[:2])
                         for row in twins)
    del store, reader
    remove(kg, ["a1"])  # a removed document
    assert assert_same(kg) > 10
    store = ox.Store.read_only(str(kg))
    assert not [r for r in run_query(store, "documents", summary=S.open_reader(kg)).values()
                if r[0] == "a1"]


def _some(store: ox.Store, cls: str) -> ox.NamedNode:
    return next(iter(store.query(
        f"SELECT ?x WHERE {{ ?x a <https://w3id.org/coopgraph/ontology#{cls}> }} "
        "ORDER BY ?x LIMIT 1")))["x"]


def _co_built_park(store: ox.Store) -> ox.NamedNode:
    return next(iter(store.query(
        "SELECT ?x WHERE { ?f a <https://w3id.org/coopgraph/ontology#CoBuilding> ; "
        "<https://w3id.org/coopgraph/ontology#park> ?x } ORDER BY ?x LIMIT 1")))["x"]


def test_a_label_added_by_another_document_reaches_every_row(tmp_path):
    """An entity described with a second label by a new document: the rows of the
    documents already naming it double (as in SPARQL), and go back when it leaves."""
    src, kg = tmp_path / "in", tmp_path / "kg"
    _write(src, ARTICLES)
    build_store([src], kg)
    store = open_store(kg)
    park = _co_built_park(store)  # (a park with rows: its new label must add some)
    cg, skos = "https://w3id.org/coopgraph/ontology#", "http://www.w3.org/2004/02/skos/core#"
    doc = "https://w3id.org/coopgraph/id/doc/zz"
    nt = (f'<{doc}> a <{cg}Document> ; <http://purl.org/dc/terms/identifier> "zz" .\n'
          f'{park} a <{cg}Park> ; <{skos}prefLabel> "另一园名"@zh-Hant .\n')
    nt = ox.serialize(ox.parse(nt.encode(), format=ox.RdfFormat.TURTLE),
                      format=ox.RdfFormat.N_TRIPLES)
    summary = S.Summary.for_store(store, kg)
    before = len(run_query(store, "co-built-parks").rows)
    writer = DocumentWriter(store, 10_000_000, summary)
    writer.add("zz", nt)
    writer.commit()
    summary.close()
    assert len(run_query(store, "co-built-parks").rows) > before
    del store, writer
    assert_same(kg)
    remove(kg, ["zz"])
    assert assert_same(kg) and len(run_query(
        ox.Store.read_only(str(kg)), "co-built-parks").rows) == before


KILLED = """
import os, sys
sys.path.insert(0, sys.argv[3])
import pyoxigraph as ox
from graph.kgstore import DocumentWriter, open_store
from graph.pipeline import process_file
from graph.summary import Summary

kg = sys.argv[1]
store = open_store(kg)
r = process_file(sys.argv[2], "late")
summary = Summary.for_store(store, kg)
summary.finish = lambda *a: os._exit(9)  # killed after the store write, before the rows
w = DocumentWriter(store, 10_000_000, summary)
w.add(r.doc_id, r.ntriples, r.fixed)
w.commit()
"""


def test_a_write_killed_before_the_summary_caught_up(tmp_path):
    """The summary is ignored while documents are pending (queries fall back to SPARQL
    and still see the new document), and the next build catches up."""
    src, kg = tmp_path / "in", tmp_path / "kg"
    _write(src, {k: ARTICLES[k] for k in ("a1", "a2")})
    build_store([src], kg)
    late = _write(tmp_path / "late", {"late": ARTICLES["a3"]}) / "late.txt"
    proc = subprocess.run([sys.executable, "-c", KILLED, str(kg), str(late), str(ROOT)])
    assert proc.returncode == 9
    assert S.open_reader(kg) is None
    out = CliRunner().invoke(main, ["query", "documents", "--store", str(kg), "-f", "csv"])
    assert out.exit_code == 0 and "late" in out.output
    build_store([src], kg)  # nothing to extract; the pending document is summarised
    reader = S.open_reader(kg)
    assert reader is not None
    rows = run_query(ox.Store.read_only(str(kg)), "documents", summary=reader).values()
    assert [r[0] for r in rows] == ["a1", "a2", "late"]
    assert_same(kg)


def test_a_stale_or_missing_summary_is_not_used_and_is_rebuilt(tmp_path, monkeypatch):
    src, kg = tmp_path / "in", tmp_path / "kg"
    _write(src, {k: ARTICLES[k] for k in ("a1", "a3")})
    build_store([src], kg)
    monkeypatch.setattr(S, "fingerprint", lambda: "other queries")
    assert S.open_reader(kg) is None
    monkeypatch.undo()
    (kg / S.SUMMARY_FILE).unlink()
    assert S.open_reader(kg) is None
    via_sparql = CliRunner().invoke(main, ["query", "co-built-parks", "--store", str(kg),
                                           "-f", "json"])
    build_store([src], kg)
    assert S.open_reader(kg) is not None
    via_summary = CliRunner().invoke(main, ["query", "co-built-parks", "--store", str(kg),
                                            "-f", "json"])
    assert via_summary.exit_code == 0 and via_summary.output == via_sparql.output
    assert '"bindings": []' not in via_summary.output


@pytest.mark.parametrize("name", ["entities", "region-partners"])
def test_max_rows_and_paging_as_in_sparql(tmp_path, name):
    src, kg = tmp_path / "in", tmp_path / "kg"
    _write(src, ARTICLES)
    build_store([src], kg)
    store, reader = ox.Store.read_only(str(kg)), S.open_reader(kg)
    params = {"region": "湘潭县"} if name == "region-partners" else {}
    full = run_query(store, name, params, summary=reader).rows
    assert len(full) > 3
    for offset in (0, 2, len(full)):
        assert run_query(store, name, params, limit=2, offset=offset,
                         summary=reader).rows == full[offset:offset + 2]
    from graph.errors import QueryError

    with pytest.raises(QueryError, match="more than 2 result rows"):
        run_query(store, name, params, max_rows=2, summary=reader)


def _count_recomputed(monkeypatch) -> list[str]:
    """The documents whose rows the writing process computes from the store (the others'
    rows come from the extraction workers)."""
    seen: list[str] = []
    mini = S._mini_store

    def counting(store, docs, graphs=None):
        seen.extend(docs)
        return mini(store, docs, graphs)

    monkeypatch.setattr(S, "_mini_store", counting)
    return seen


def test_rows_made_by_two_workers_are_the_sparql_rows(tmp_path, monkeypatch):
    src, kg = tmp_path / "in", tmp_path / "kg"
    _write(src, ARTICLES)
    seen = _count_recomputed(monkeypatch)
    build_store([src], kg, jobs=2)
    assert seen == []  # every document's rows came from a worker
    assert assert_same(kg) > 30
    _write(src, {"a2": "湘潭县与岳麓区结对帮扶。\n"})  # a changed document, by a worker
    build_store([src], kg, jobs=2)
    assert seen == [] and assert_same(kg) > 30


def _node_descs_are_the_stores(kg: Path) -> int:
    """Every description the summary keeps is the store's; returns how many there are."""
    import sqlite3

    store = ox.Store.read_only(str(kg))
    conn = sqlite3.connect(str(kg / S.SUMMARY_FILE))
    rows = conn.execute("SELECT node, desc FROM node_desc").fetchall()
    conn.close()
    for node, desc in rows:
        assert S._describe(store, node) == desc, node
    return len(rows)


def test_descriptions_of_new_documents_come_from_their_lines(tmp_path, monkeypatch):
    """Documents written one bulk load each (each a batch of its own): the descriptions
    their rows depend on are known from the summary and the new lines, without reading
    the store, and are the store's; an entity two documents name keeps one description."""
    from graph import pipeline

    monkeypatch.setattr(pipeline, "COMMIT_BYTES", 1)
    looked_up: list[str] = []
    many = S._describe_many
    monkeypatch.setattr(S, "_describe_many",
                        lambda store, nodes: looked_up.extend(nodes) or many(store, nodes))
    src, kg = _write(tmp_path / "in", ARTICLES), tmp_path / "kg"
    seen = _count_recomputed(monkeypatch)
    build_store([src], kg)
    assert seen == [] and looked_up == []
    assert _node_descs_are_the_stores(kg) > 10
    assert assert_same(kg) > 30
    _write(src, {"a6": "湘潭县与浏阳市结对帮扶。芦淞湘潭产业园位于湘潭县。\n"})
    build_store([src], kg)  # a new document naming entities the store knows
    assert seen == [] and looked_up == []
    assert _node_descs_are_the_stores(kg) > 10 and assert_same(kg) > 30


def test_a_label_in_another_language_turns_the_shortcut_off(tmp_path):
    """The summary keeps label strings without their language: once a write adds a
    preferred label that is not ``@zh``, descriptions are read from the store again."""
    src, kg = _write(tmp_path / "in", {"a3": ARTICLES["a3"]}), tmp_path / "kg"
    build_store([src], kg)
    summary = S.Summary(kg)
    assert summary._get("plain_labels") == "1"
    store = open_store(kg)
    park = _some(store, "Park")
    summary = S.Summary.for_store(store, kg)
    writer = DocumentWriter(store, 10_000_000, summary)
    writer.add("zz", _other_label_doc(str(park)))
    writer.commit()
    assert summary._get("plain_labels") == "0"
    summary.close()
    (kg / S.SUMMARY_FILE).unlink()
    S.rebuild(store, kg).close()  # made again from the store: still off
    assert S.Summary(kg)._get("plain_labels") == "0"
    del store, writer
    assert _node_descs_are_the_stores(kg) and assert_same(kg)


def test_worker_rows_are_recomputed_when_the_store_labels_differ(tmp_path, monkeypatch):
    """A worker sees only its document: when another document gave one of its entities
    a second label, the store's rows differ and the writer computes them itself."""
    from graph.pipeline import process_file

    src, kg = tmp_path / "in", tmp_path / "kg"
    _write(src, {k: ARTICLES[k] for k in ("a2", "a3")})
    build_store([src], kg)
    store = open_store(kg)
    park = _some(store, "Park")
    label = next(store.quads_for_pattern(park, S._PREF, None, ox.DefaultGraph())).object.value
    nt = _other_label_doc(str(park))
    summary = S.Summary.for_store(store, kg)
    writer = DocumentWriter(store, 10_000_000, summary)
    writer.add("zz", nt)
    writer.commit()
    late = _write(tmp_path / "late", {"late": f"{label}位于湘潭县。湘潭县与雨花区共建{label}。\n"})
    r = process_file(late / "late.txt", "late", rows=True)
    assert r.rows is not None and str(park.value) in r.rows.refs
    seen = _count_recomputed(monkeypatch)
    writer.add(r.doc_id, r.ntriples, r.fixed, rows=r.rows)
    writer.commit()
    summary.close()
    assert "late" in seen
    del store, writer
    assert assert_same(kg)


def test_a_long_graph_gives_the_same_rows_part_by_part(tmp_path):
    """A long document's rows are computed on parts of its graph (facts with their
    sentences, mentions with theirs, the labels in every part): the same rows."""
    from graph.pipeline import process_file

    text = "\n".join(ARTICLES.values())
    r = process_file(_write(tmp_path, {"long": text}) / "long.txt", "long")
    whole = S.doc_rows(r.ntriples, r.fixed)
    parts = S.doc_rows(r.ntriples, r.fixed, part_bytes=len(r.ntriples) // 5)
    assert whole is not None and parts is not None
    assert sum(len(v) for _, v in whole.tables.values()) > 40
    for name, (kinds, values) in whole.tables.items():
        assert parts.tables[name][0] == kinds, name
        assert sorted(parts.tables[name][1]) == sorted(values), name
    assert sorted(parts.ent_doc) == sorted(whole.ent_doc)
    assert (parts.refs, parts.descs) == (whole.refs, whole.descs)
    [doc] = parts.tables["documents"][1]
    assert int(doc[-3]) > 5 and int(doc[-2]) > 5  # counts added up over the parts


def test_worker_processes_computing_the_parts_give_the_same_rows(tmp_path):
    """The parts of a long graph queried by worker processes (a huge document's build
    with --jobs 2): the same rows, in the same order, as one process gives."""
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    from graph.pipeline import process_file

    text = "\n".join(ARTICLES.values())
    r = process_file(_write(tmp_path, {"long": text}) / "long.txt", "long")
    size = len(r.ntriples) // 4
    alone = S.doc_rows(r.ntriples, r.fixed, part_bytes=size)
    with ProcessPoolExecutor(2, mp_context=mp.get_context("fork")) as pool:
        helped = S.doc_rows(r.ntriples, r.fixed, part_bytes=size, helpers=pool)
    assert alone is not None and helped is not None
    assert helped.tables == alone.tables and helped.ent_doc == alone.ent_doc
    assert (helped.refs, helped.descs) == (alone.refs, alone.descs)


def _unordered(tables: dict) -> dict:
    """A document's rows per listing, in no particular order (each store gives its own;
    the listings sort them when read)."""
    return {n: (kinds, sorted(values, key=repr)) for n, (kinds, values) in tables.items()}


def test_a_worker_task_gives_each_document_its_rows(tmp_path):
    """A worker task reads a few documents: each gets the rows its graph gives alone (made
    from its extraction), a skipped file none, a task asked for no rows none."""
    from graph.pipeline import process_batch

    src = _write(tmp_path / "in", ARTICLES)
    items = [(str(src / f"{k}.txt"), k, None, True) for k in ARTICLES]
    items.insert(2, (str(src / "missing.txt"), "missing", None, True))
    batch = process_batch(items)
    assert [r.doc_id for r in batch] == ["a1", "a2", "missing", "a3", "a4", "a5"]
    assert batch[2].skipped and batch[2].rows is None
    for r in batch:
        if r.skipped is None:
            alone = S.doc_rows(r.ntriples, r.fixed)
            assert r.rows is not None and alone is not None, r.doc_id
            assert _unordered(r.rows.tables) == _unordered(alone.tables), r.doc_id
            assert sorted(r.rows.ent_doc) == sorted(alone.ent_doc), r.doc_id
            assert (r.rows.refs, r.rows.descs) == (alone.refs, alone.descs), r.doc_id
    assert [r.rows is None for r in process_batch([i[:3] for i in items])] == [True] * 6


def test_rows_written_with_a_document_labelling_their_entity_otherwise(tmp_path,
                                                                      monkeypatch):
    """A worker's rows hold the labels its document gives; written in one batch with
    another document giving one of its entities a second label, they are not the
    store's: the writer computes them itself, and they are."""
    from graph.pipeline import process_file

    src, kg = _write(tmp_path / "in", {"a3": ARTICLES["a3"]}), tmp_path / "kg"
    r = process_file(src / "a3.txt", "a3", rows=True)
    park = next(n for n in sorted(S._described(r.ntriples)) if "/park/" in n)
    nt = _other_label_doc(f"<{park}>")
    assert r.rows is not None and "另一园名" not in r.rows.descs[park]
    store = open_store(kg, create=True)
    summary = S.Summary.for_store(store, kg)
    writer = DocumentWriter(store, 10_000_000, summary)
    seen = _count_recomputed(monkeypatch)
    writer.add("a3", r.ntriples, r.fixed, rows=r.rows)
    writer.add("zz", nt)
    writer.commit()
    summary.close()
    assert "a3" in seen
    del store, writer
    assert assert_same(kg)
