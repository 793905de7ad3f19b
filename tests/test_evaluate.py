"""In-process evaluation: gold YAML → rows, lenient matching, P/R/F1, report."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

import graph.pipeline
from graph.errors import InputError
from graph.evaluate import (compare, evaluate, evaluate_store, format_report, gold_rows,
                            norm, predicted_rows, same)
from graph.rdf import to_dataset
from graph.store import store_from_dataset
from sample import sample_extraction

SCORER = Path(__file__).parent.parent.parent / "shared" / "eval" / "score.py"

GOLD = """\
entities:
  - {name: 雨花, type: Region}
  - {name: 湘潭縣, type: Region}
  - {name: 宁波大桥, type: Park}
  - {name: 长株潭协同产业园, type: Park}
relations:
  pairings: [{a_region: 雨花区, b_region: 湘潭县}]
  co_built_parks: [{park: 长株潭协同产业园, partners: [雨花区, 湘潭县, 长沙市]}]
  enclaves: [{enclave: 科技园, kind: reverse, host: 湘潭县, owner: 雨花区}]
  twinning: [{regions: [雨花区, 湘潭县]}]
  connections: [{infrastructure: 宁波大桥, regions: [雨花区]}]
  located_in: [{entity: 长株潭协同产业园, place: 湘潭县}]
"""


@pytest.fixture()
def gold_dir(tmp_path) -> Path:
    d = tmp_path / "gold"
    d.mkdir()
    (d / "one.yaml").write_text(GOLD, encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def store():
    return store_from_dataset(to_dataset(sample_extraction()))


def test_norm_and_same():
    assert norm("“横琴粤澳 深度合作区”") == "横琴粤澳深度合作区"
    assert norm("湘潭縣") == "湘潭县"
    assert same("金湾", "金湾区") and same("横琴", "横琴粤澳深度合作区")
    assert not same("金", "金湾区") and not same("", "金湾区")


def test_gold_rows(gold_dir):
    rows = gold_rows(gold_dir)
    assert rows["co-built-parks"] == {("长株潭协同产业园", p) for p in ("雨花区", "湘潭县", "长沙市")}
    assert rows["twinning"] == {("雨花区", "湘潭县")}
    assert rows["entities"] >= {("雨花", "Region"), ("宁波大桥", "Park")}


def test_scores(gold_dir, store):
    report = evaluate_store(gold_dir, store)
    per = {k: (v["gold"], v["predicted"], v["precision"], v["recall"], v["f1"])
           for k, v in report["per_query"].items()}
    assert per == {
        "entities": (4, 5, 0.6, 0.75, 0.667),
        "pairings": (1, 1, 1.0, 1.0, 1.0),
        "co-built-parks": (3, 2, 1.0, 0.667, 0.8),
        "enclaves": (1, 1, 0.0, 0.0, 0.0),
        "twinning": (1, 1, 1.0, 1.0, 1.0),
        "connections": (1, 2, 0.5, 1.0, 0.667),
        "located-in": (1, 1, 1.0, 1.0, 1.0),
    }
    assert report["relations_micro"] == {"precision": 0.75, "recall": 0.75, "f1": 0.75}
    ent = report["per_query"]["entities"]
    assert ent["missed"] == [("宁波大桥", "Park")]
    assert ent["spurious"] == [("<img src=x onerror=alert(1)>科技园", "Park"),
                               ("宁波大桥", "Infrastructure")]
    assert report["per_query"]["enclaves"]["missed"] == [("科技园", "reverse", "湘潭县", "雨花区")]


def test_format_report(gold_dir, store):
    text = format_report(evaluate_store(gold_dir, store), show=1)
    lines = text.splitlines()
    assert lines[0] == "query             gold  pred      P      R     F1"
    assert lines[1] == "entities             4     5  0.600  0.750  0.667"
    assert lines[2] == "    missed   宁波大桥 | Park"
    assert lines[3] == "    spurious <img src=x onerror=alert(1)>科技园 | Park"
    assert lines[-1] == "entities F1 0.667  relations micro P 0.750 R 0.750 F1 0.750"


def test_evaluate_builds_in_memory(gold_dir, tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("x", encoding="utf-8")
    seen = []

    def fake_extract(paths, *, progress=None):
        seen.extend(paths)
        return sample_extraction()

    monkeypatch.setattr(graph.pipeline, "extract", fake_extract)
    report = evaluate(gold_dir, docs)
    assert seen == [docs / "a.txt"]
    assert report["relations_micro"]["f1"] == 0.75


def test_input_errors(tmp_path, gold_dir):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError) as err:
        gold_rows(empty)
    assert str(err.value) == f"no gold *.yaml in {empty}"
    with pytest.raises(InputError) as err:
        evaluate(gold_dir, empty)
    assert str(err.value) == f"no *.txt articles in {empty}"
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.yaml").write_text("entities:\n  - {name: 金湾区}\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        gold_rows(bad)
    assert str(err.value) == f"gold file {bad / 'x.yaml'} is malformed: missing or bad field 'type'"


@pytest.mark.skipif(not SCORER.is_file(), reason="the shared scorer is not beside the repo")
def test_same_numbers_as_the_shared_scorer(gold_dir, store):
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    pred = predicted_rows(store)
    theirs = {k: mod.score(k, mod.gold_rows(gold_dir)[k], pred[k]) for k in mod.QUERIES}
    ours = compare(gold_rows(gold_dir), pred)["per_query"]
    assert ours == theirs
