"""Graph files: deterministic, atomic writes; fast loads with one-line errors."""
from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Literal, URIRef

from graph.errors import GraphFileError
from graph.rdf import to_dataset
from graph.store import (FORMATS, canonical_quads, dataset_from_store, load_store,
                         save_dataset, serialize_dataset, store_from_dataset)
from graph.vocab import CG, SKOS
from sample import sample_extraction

ROOT = Path(__file__).parent.parent
PARK = URIRef("https://w3id.org/coopgraph/id/park/"
              "%E9%95%BF%E6%A0%AA%E6%BD%AD%E5%8D%8F%E5%90%8C%E4%BA%A7%E4%B8%9A%E5%9B%AD")
DOC_A = "https://w3id.org/coopgraph/id/doc/a"


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return to_dataset(sample_extraction())


def _shuffled(ds: Dataset) -> Dataset:
    quads = canonical_quads(ds)
    random.Random(7).shuffle(quads)
    out = Dataset()
    for s, p, o, g in quads:
        (out.default_graph if g is None else out.graph(g)).add((s, p, o))
    return out


@pytest.mark.parametrize("ext", sorted(FORMATS))
def test_two_saves_are_byte_identical(tmp_path, ds, ext):
    a, b = tmp_path / f"a{ext}", tmp_path / f"b{ext}"
    save_dataset(ds, a)
    save_dataset(to_dataset(sample_extraction()), b)
    assert a.read_bytes() == b.read_bytes()
    c = tmp_path / f"c{ext}"
    save_dataset(_shuffled(ds), c)  # insertion order does not matter
    assert a.read_bytes() == c.read_bytes()


def test_output_does_not_depend_on_hash_seed(tmp_path):
    script = ("import sys; sys.path[:0] = [sys.argv[2], sys.argv[3]];"
              "from sample import sample_extraction; from graph.rdf import to_dataset;"
              "from graph.store import save_dataset;"
              "save_dataset(to_dataset(sample_extraction()), sys.argv[1])")
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"g{seed}.trig"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", script, str(out), str(ROOT / "tests"), str(ROOT)],
                       check=True, env=env)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


@pytest.mark.parametrize("ext,graphs", [(".trig", 2), (".nq", 2), (".jsonld", 2),
                                        (".ttl", 0), (".nt", 0)])
def test_every_format_loads_back_with_all_triples(tmp_path, ds, ext, graphs):
    path = save_dataset(ds, tmp_path / f"g{ext}")
    store = load_store(path)
    triples = {q[:3] for q in canonical_quads(ds)}
    assert len(store) == (len(canonical_quads(ds)) if graphs else len(triples))
    assert len(list(store.named_graphs())) == graphs
    label = ox.Literal("长株潭协同产业园", language="zh")
    assert list(store.quads_for_pattern(ox.NamedNode(str(PARK)), None, label))


def test_trig_keeps_entities_in_default_graph_and_facts_per_document(tmp_path, ds):
    store = load_store(save_dataset(ds, tmp_path / "g.trig"))
    park = ox.NamedNode(str(PARK))
    assert list(store.quads_for_pattern(park, None, None, ox.DefaultGraph()))
    in_a = list(store.quads_for_pattern(None, ox.NamedNode(str(CG.park)), park,
                                        ox.NamedNode(DOC_A)))
    assert len(in_a) == 1


def test_jsonld_has_context_and_readable_chinese(tmp_path, ds):
    text = save_dataset(ds, tmp_path / "g.jsonld").read_text(encoding="utf-8")
    assert '"cg": "https://w3id.org/coopgraph/ontology#"' in text
    assert '"@value": "长株潭协同产业园"' in text
    assert "\\u" not in text


def test_nquads_are_sorted_lines(tmp_path, ds):
    lines = save_dataset(ds, tmp_path / "g.nq").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines) and len(lines) == len(set(lines))
    assert any(line.endswith(f"<{DOC_A}> .") for line in lines)


def test_literal_escapes_round_trip(tmp_path):
    ds = Dataset()
    tricky = 'a "quoted"\nline \\ 反斜杠'
    ds.default_graph.add((PARK, SKOS.prefLabel, Literal(tricky, lang="zh")))
    for ext in (".nt", ".nq", ".ttl", ".trig", ".jsonld"):
        store = load_store(save_dataset(ds, tmp_path / f"t{ext}"))
        [quad] = list(store)
        assert quad.object.value == tricky, ext


def test_save_creates_folders_and_leaves_no_temp_files(tmp_path, ds):
    path = save_dataset(ds, tmp_path / "out" / "deep" / "g.trig")
    assert path.is_file()
    assert [p.name for p in path.parent.iterdir()] == ["g.trig"]


def test_failed_write_keeps_the_old_file(tmp_path, ds, monkeypatch):
    path = tmp_path / "g.trig"
    path.write_text("old", encoding="utf-8")

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(GraphFileError, match="^cannot write .*g.trig: No space left on device$"):
        save_dataset(ds, path)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["g.trig"]


def test_unknown_extension(tmp_path, ds):
    with pytest.raises(GraphFileError) as err:
        save_dataset(ds, tmp_path / "g.xml")
    assert str(err.value) == (f"unknown graph format '{tmp_path / 'g.xml'}': "
                              "use one of .jsonld, .nq, .nt, .trig, .ttl")


def test_load_errors_are_one_line(tmp_path):
    missing = tmp_path / "none.trig"
    with pytest.raises(GraphFileError) as err:
        load_store(missing)
    assert str(err.value) == f"graph file not found: {missing}"
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(GraphFileError) as err:
        load_store(bad)
    msg = str(err.value)
    assert msg.startswith(f"cannot parse {bad}: ") and "\n" not in msg
    with pytest.raises(GraphFileError, match="unknown graph format"):
        load_store(tmp_path / "g.rdf")


def test_store_round_trip_through_rdflib(ds):
    store = store_from_dataset(ds)
    back = dataset_from_store(store)
    assert serialize_dataset(back, "nq") == serialize_dataset(
        dataset_from_store(store_from_dataset(back)), "nq")
    assert len(canonical_quads(back)) == len(canonical_quads(ds))
    # Oxigraph types plain literals as xsd:string; they come back plain.
    ids = {str(o) for o in back.default_graph.objects(URIRef(DOC_A), None) if isinstance(o, Literal)
           and o.datatype is None and o.language is None}
    assert {"a", "a.txt", "Hans"} <= ids
