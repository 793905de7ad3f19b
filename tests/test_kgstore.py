"""The persistent store: incremental builds, replacement, removal, interrupted builds."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from cli import main
from graph.kgstore import StoreError, documents, open_store
from graph.pipeline import build, build_store, remove
from graph.rdf import document_node
from graph.store import load_store

ROOT = Path(__file__).parent.parent
ID = "https://w3id.org/coopgraph/id/"
CG = "https://w3id.org/coopgraph/ontology#"
ARTICLES = {
    "one": "长沙市雨花区与湘潭市湘潭县签署合作协议。研发在雨花区、生产在湘潭县，"
           "两地共建长株潭协同产业园。该园位于湘潭县，由雨花区与湘潭县合作共建。\n",
    "two": "湘潭县与雨花区结对帮扶。宁波大桥连接雨花区与湘潭县。\n",
    "three": "株洲市芦淞区在湘潭县设立飞地产业园，双方共建芦淞湘潭产业园。\n",
}
BRIDGE = f"<{ID}infrastructure/%E5%AE%81%E6%B3%A2%E5%A4%A7%E6%A1%A5>"
XIANGTAN = f"<{ID}region/430321>"


def _write(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def _triples(store: ox.Store, graph=None) -> set[tuple[str, str, str]]:
    return {(str(q.subject), str(q.predicate), str(q.object))
            for q in store.quads_for_pattern(None, None, None, graph)}


def _content(store: ox.Store) -> dict[str, set]:
    """Every graph's triples (sourcePath aside: it names the folder built from)."""
    out = {"": _triples(store, ox.DefaultGraph())}
    for g in store.named_graphs():
        out[g.value] = _triples(store, g)
    return {k: {t for t in v if not t[1].endswith("sourcePath>")} for k, v in out.items()}


def _fresh(tmp_path: Path, texts: dict[str, str]) -> dict[str, set]:
    folder = _write(tmp_path / "fresh" / "in", texts)
    build([folder], tmp_path / "fresh" / "g.nq")
    return _content(load_store(tmp_path / "fresh" / "g.nq"))


def _consistent(store: ox.Store) -> None:
    """The default graph is the union of the document graphs plus the descriptions of
    things they refer to (gazetteer places and their geometry)."""
    union = set()
    for g in store.named_graphs():
        union |= _triples(store, g)
    default = _triples(store, ox.DefaultGraph())
    assert union <= default
    referred = {x for s, _, o in union for x in (s, o)}
    for s, _, _ in default - union:
        assert s in referred or s.removesuffix("/geometry>") + ">" in referred, s


def test_store_holds_what_a_file_build_holds(tmp_path):
    src = _write(tmp_path / "in", ARTICLES)
    summary = build_store([src], tmp_path / "kg")
    assert (summary.documents, summary.unchanged) == (3, 0)
    store = open_store(tmp_path / "kg", read_only=True)
    assert _content(store) == _fresh(tmp_path, ARTICLES)
    assert [d.doc_id for d in documents(store)] == ["one", "three", "two"]


def test_store_listings_are_a_file_builds(tmp_path):
    """The listings a store answers from its summary (rows its build's workers made
    from the extractions) are those SPARQL gives on a graph file built from the same
    articles."""
    from graph import summary as S
    from graph.query import run_query

    src = _write(tmp_path / "in", ARTICLES)
    build_store([src], tmp_path / "kg", jobs=2)
    build([src], tmp_path / "g.trig")
    store, reader = open_store(tmp_path / "kg", read_only=True), S.open_reader(tmp_path / "kg")
    graph = load_store(tmp_path / "g.trig")
    assert reader is not None
    n = 0
    for name in (*S.LISTINGS, "entities"):
        got, want = run_query(store, name, summary=reader), run_query(graph, name)
        assert got.variables == want.variables, name
        assert got.rows == want.rows, name
        n += len(got.rows)
    assert n > 15


def test_rebuild_reads_only_new_and_changed_documents(tmp_path):
    src = _write(tmp_path / "in", {k: ARTICLES[k] for k in ("one", "two")})
    build_store([src], tmp_path / "kg")
    again = build_store([src], tmp_path / "kg")
    assert (again.documents, again.unchanged) == (0, 2)
    _write(src, {"three": ARTICLES["three"]})
    more = build_store([src], tmp_path / "kg")
    assert (more.documents, more.unchanged) == (1, 2)
    assert _content(open_store(tmp_path / "kg", read_only=True)) == _fresh(tmp_path, ARTICLES)


def test_changed_document_replaces_exactly_its_own_facts(tmp_path):
    src = _write(tmp_path / "in", ARTICLES)
    build_store([src], tmp_path / "kg")
    before = _content(open_store(tmp_path / "kg", read_only=True))
    changed = {**ARTICLES, "two": "湘潭县与雨花区结对帮扶。\n"}  # the bridge is gone
    _write(src, changed)
    summary = build_store([src], tmp_path / "kg")
    assert (summary.documents, summary.unchanged) == (1, 2)
    after = _content(open_store(tmp_path / "kg", read_only=True))
    assert after == _fresh(tmp_path / "x", changed)
    two = f"{ID}doc/two"
    assert {k for k in after if after[k] != before[k]} == {"", two}
    gone = before[""] - after[""]
    assert (BRIDGE, f"<{CG}connects>", XIANGTAN) in gone
    assert all(t not in after[g] for t in gone for g in after)  # no other graph held them
    assert (XIANGTAN, "<http://www.w3.org/2004/02/skos/core#prefLabel>", '"湘潭县"@zh') \
        in after[""]  # still stated by one and three


def test_remove_drops_the_document_and_what_only_it_stated(tmp_path):
    src = _write(tmp_path / "in", ARTICLES)
    build_store([src], tmp_path / "kg")
    lusong = f"<{ID}region/430203>"  # named in three only
    store = open_store(tmp_path / "kg", read_only=True)
    assert any(t[0] == lusong for t in _triples(store, ox.DefaultGraph()))
    del store
    assert remove(tmp_path / "kg", ["two", str(src / "three.txt")]) == ["two", "three"]
    store = open_store(tmp_path / "kg", read_only=True)
    assert _content(store) == _fresh(tmp_path, {"one": ARTICLES["one"]})
    default = _triples(store, ox.DefaultGraph())
    assert not any(BRIDGE in t or lusong in t for t in default)
    assert (XIANGTAN, "<http://www.w3.org/2004/02/skos/core#prefLabel>", '"湘潭县"@zh') \
        in default  # still named by one
    del store
    with pytest.raises(StoreError, match="^no document 'two' in the store$"):
        remove(tmp_path / "kg", ["two"])


def test_same_file_name_in_another_folder_is_a_new_document(tmp_path):
    a = _write(tmp_path / "a", {"one": ARTICLES["one"]})
    b = _write(tmp_path / "b", {"one": ARTICLES["two"]})
    build_store([a], tmp_path / "kg")
    build_store([b], tmp_path / "kg")
    again = build_store([b], tmp_path / "kg")
    assert again.unchanged == 1
    docs = documents(open_store(tmp_path / "kg", read_only=True))
    assert [(d.doc_id, Path(d.path).parent.name) for d in docs] == [("one", "a"), ("one-2", "b")]


INTERRUPTED = """
import sys, time
sys.path[:0] = [sys.argv[3]]
import graph.pipeline
from graph.pipeline import build_store

graph.pipeline.COMMIT_BYTES = int(sys.argv[5])

def slow(results, total):
    for r in results:
        yield r
        print("stored", r.doc_id, flush=True)
        time.sleep(float(sys.argv[4]))

build_store([sys.argv[1]], sys.argv[2], progress=slow, jobs=1)
print("done", flush=True)
"""


@pytest.mark.parametrize("batch", [0, 40_000], ids=["per-document", "batches"])
def test_interrupted_build_leaves_a_consistent_store_and_resumes(tmp_path, batch):
    """Killed after some documents: the store holds whole documents (whole batches of
    them when new documents are written in batches), and the next build carries on."""
    texts = {f"d{i:02d}": ARTICLES[k] .replace("湘潭县", "湘潭县" * (i % 3 + 1))
             for i, k in enumerate(list(ARTICLES) * 4)}
    src = _write(tmp_path / "in", texts)
    kg = tmp_path / "kg"
    proc = subprocess.Popen([sys.executable, "-c", INTERRUPTED, str(src), str(kg), str(ROOT),
                             "0", str(batch)], stdout=subprocess.PIPE, text=True)
    seen = []
    for line in proc.stdout:
        seen.append(line.split())
        if len(seen) == (3 if batch == 0 else 8):
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait()
    assert proc.returncode == -signal.SIGKILL and seen[-1][0] == "stored"
    store = open_store(kg, read_only=True)
    stored = [d.doc_id for d in documents(store)]
    assert (3 if batch == 0 else 1) <= len(stored) < len(texts)
    assert stored == sorted(texts)[:len(stored)]
    _consistent(store)
    fresh = _fresh(tmp_path, texts)
    content = _content(store)
    for doc_id in stored:  # every document in the store is complete
        assert content[str(document_node(doc_id).value)] == fresh[document_node(doc_id).value]
    del store
    resumed = build_store([src], kg)
    assert resumed.unchanged == len(stored)
    assert _content(open_store(kg, read_only=True)) == fresh


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_cli_store_round_trip(tmp_path, monkeypatch):
    src = _write(tmp_path / "in", ARTICLES)
    monkeypatch.chdir(tmp_path)
    res = run("build", src, "-q", "-j", "1")  # default target: ./kg
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("3 documents → ") and res.stdout.endswith(" → kg\n")
    res = run("build", src, "-q", "--store", "kg")
    assert res.stdout == "nothing new: 3 documents unchanged in kg\n"
    via_store = run("query", "twinning", "--store", "kg", "--format", "json")
    default = run("query", "twinning", "--format", "json")
    build([src], tmp_path / "g.trig")
    via_file = run("query", "twinning", "-g", tmp_path / "g.trig", "--format", "json")
    assert via_store.stdout == via_file.stdout == default.stdout
    assert '"湘潭县"' in via_store.stdout
    res = run("export", "--store", "kg", "-f", "nq", "-o", tmp_path / "x.nq")
    assert res.exit_code == 0, res.output
    assert set(load_store(tmp_path / "x.nq")) == set(load_store(tmp_path / "g.trig")) or \
        _content(load_store(tmp_path / "x.nq")) == _content(load_store(tmp_path / "g.trig"))
    res = run("explain", "湘潭县", "--store", "kg")
    assert res.exit_code == 0 and "湘潭县" in res.stdout
    res = run("viz", "--store", "kg", "-o", tmp_path / "v.html")
    assert res.exit_code == 0 and (tmp_path / "v.html").is_file()
    res = run("remove", "two", "--store", "kg")
    assert res.stdout == "removed two\n"


def test_cli_store_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = run("query", "twinning", "--store", tmp_path / "none")
    assert res.exit_code == 1
    assert res.stderr == (f"Error: no store at {tmp_path / 'none'} (make one with "
                          f"'coopgraph build ARTICLES --store {tmp_path / 'none'}')\n")
    res = run("query", "twinning")
    assert res.exit_code == 2 and "no graph given: use -g FILE or --store DIR" in res.stderr
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    res = run("query", "twinning", "--store", tmp_path / "full")
    assert res.stderr == f"Error: {tmp_path / 'full'} is not a coopgraph store\n"
    src = _write(tmp_path / "in", {"one": ARTICLES["one"]})
    res = run("build", src, "--store", tmp_path / "full", "-q")
    assert res.stderr == (f"Error: cannot create a store in {tmp_path / 'full'}: "
                          "not an empty folder\n")
    res = run("build", src, "--store", tmp_path / "kg", "-q")
    assert res.exit_code == 0
    held = open_store(tmp_path / "kg")  # a build in progress holds the store
    res = run("build", src, "--store", tmp_path / "kg", "-q")
    assert res.stderr == f"Error: store {tmp_path / 'kg'} is in use by another build\n"
    res = run("query", "twinning", "--store", tmp_path / "kg")  # readers still read
    assert res.exit_code == 0, res.output
    del held


WORKERS = """
import sys, time
sys.path[:0] = [sys.argv[3]]
from graph.pipeline import build_store

def slow(results, total):
    for r in results:
        yield r
        print("stored", r.doc_id, flush=True)
        time.sleep(30)

build_store([sys.argv[1]], sys.argv[2], progress=slow, jobs=2)
"""


def test_workers_end_with_a_terminated_build(tmp_path):
    texts = {f"d{i:02d}": ARTICLES[k] for i, k in enumerate(list(ARTICLES) * 3)}
    src = _write(tmp_path / "in", texts)
    proc = subprocess.Popen([sys.executable, "-c", WORKERS, str(src), str(tmp_path / "kg"),
                             str(ROOT)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().startswith("stored")
    children: list[int] = []
    for _ in range(100):  # (every thread's children: a pool may start its workers from any)
        children = sorted({int(c) for t in Path(f"/proc/{proc.pid}/task").iterdir()
                           for c in (t / "children").read_text().split()})
        if len(children) >= 2:
            break
        time.sleep(0.1)
    assert len(children) == 2
    proc.terminate()
    assert proc.wait(30) == -signal.SIGTERM
    for _ in range(300):  # the workers follow within seconds
        if not any(Path(f"/proc/{c}").exists() for c in children):
            break
        time.sleep(0.1)
    assert not any(Path(f"/proc/{c}").exists() for c in children)


class _FailingStore:
    """A store whose bulk loads fail after ``n`` of them (a build killed meanwhile)."""

    def __init__(self, store: ox.Store, n: int) -> None:
        self.store, self.n = store, n

    def bulk_load(self, *args, **kwargs):
        if self.n == 0:
            raise KeyboardInterrupt
        self.n -= 1
        return self.store.bulk_load(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.store, name)


def test_big_document_is_written_in_parts_and_a_kill_leaves_nothing_of_it(tmp_path):
    from graph.kgstore import PARTIAL, DocumentWriter, drop_partial
    from graph.pipeline import process_file

    src = _write(tmp_path / "in", ARTICLES)
    results = [process_file(src / f"{k}.txt", k) for k in sorted(ARTICLES)]
    whole = open_store(tmp_path / "whole", create=True)
    w = DocumentWriter(whole, 0)
    for r in results:
        w.add(r.doc_id, r.ntriples, r.fixed)
    parts = open_store(tmp_path / "parts", create=True)
    w = DocumentWriter(parts, 0, part_bytes=300, folder=tmp_path / "parts")
    for r in results:
        w.add(r.doc_id, r.ntriples, r.fixed)
    assert _content(parts) == _content(whole)
    assert not (tmp_path / "parts" / PARTIAL).exists()

    kg = tmp_path / "killed"
    store = open_store(kg, create=True)
    DocumentWriter(store, 0).add(results[0].doc_id, results[0].ntriples, results[0].fixed)
    before = _content(store)
    big = results[1]
    with pytest.raises(KeyboardInterrupt):  # killed after two of its parts
        DocumentWriter(_FailingStore(store, 2), 0, part_bytes=300,
                       folder=kg).add(big.doc_id, big.ntriples, big.fixed)
    assert _content(store) != before and (kg / PARTIAL).exists()
    assert [d.doc_id for d in documents(store)] == [results[0].doc_id]  # not listed
    assert drop_partial(store, kg) == big.doc_id
    assert _content(store) == before and not (kg / PARTIAL).exists()
    assert drop_partial(store, kg) is None


def test_big_file_build_gathers_quads_on_disk_with_the_same_output(tmp_path, monkeypatch):
    """Beyond MEMORY_BUILD_BYTES of input, a graph-file build keeps its quads in a
    temporary store on disk (bounded memory); the file is the same, the folder goes."""
    import tempfile

    from graph import pipeline

    src = _write(tmp_path / "in", ARTICLES)
    build([src], tmp_path / "memory.trig")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.setattr(pipeline, "MEMORY_BUILD_BYTES", 0)
    monkeypatch.setattr(pipeline, "COMMIT_BYTES", 500)  # several batches
    build([src], tmp_path / "disk.trig")
    assert (tmp_path / "disk.trig").read_bytes() == (tmp_path / "memory.trig").read_bytes()
    assert list(scratch.iterdir()) == []


def test_summary_follows_a_document_written_in_parts(tmp_path, monkeypatch):
    """The named queries' summary holds the same rows when a document enters in parts."""
    from graph import kgstore
    from test_summary import assert_same

    monkeypatch.setattr(kgstore, "PART_BYTES", 300)
    src, kg = _write(tmp_path / "in", ARTICLES), tmp_path / "kg"
    build_store([src], kg)
    assert assert_same(kg) > 5
    assert _content(open_store(kg, read_only=True)) == _fresh(tmp_path, ARTICLES)
