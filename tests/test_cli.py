"""The command line: one-line errors, exact rows, byte-identical builds, exports."""
from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

import graph.pipeline
from cli import main
from graph.pipeline import BuildSummary
from graph.rdf import to_dataset
from graph.store import save_dataset
from sample import sample_extraction
from test_query import EXPECTED

ARTICLE = ("长沙市雨花区与湘潭市湘潭县签署合作协议。研发在雨花区、生产在湘潭县，"
           "两地共建长株潭协同产业园。该园位于湘潭县，由雨花区与湘潭县合作共建。\n")


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory) -> Path:
    return save_dataset(to_dataset(sample_extraction()),
                        tmp_path_factory.mktemp("g") / "graph.trig")


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def one_error(result, message: str, code: int = 1) -> None:
    assert result.exit_code == code, result.output
    assert result.stderr == f"Error: {message}\n"
    assert "Traceback" not in result.output


COMMANDS = ["build", "query", "queries", "export", "viz", "eval", "explain"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output and f"coopgraph {command}" in result.output


def test_main_help_lists_commands():
    out = run("--help").output
    assert all(f"  {c} " in out for c in COMMANDS)


# --- build ---------------------------------------------------------------------------

def test_build_missing_input(tmp_path):
    one_error(run("build", tmp_path / "nope.txt", "-o", tmp_path / "g.trig"),
              f"no such file or folder: {tmp_path / 'nope.txt'}")


def test_build_rejects_unknown_extension_before_reading(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.setattr(graph.pipeline, "build", lambda *a, **k: pytest.fail("built"))
    one_error(run("build", tmp_path / "a.txt", "-o", tmp_path / "g.xml"),
              f"unknown graph format '{tmp_path / 'g.xml'}': "
              "use one of .jsonld, .nq, .nt, .trig, .ttl")


def test_build_prints_summary_and_skipped(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    calls = []

    def fake_build(paths, output, *, progress=None, jobs=1, limits=None):
        calls.append((paths, output, progress))
        return BuildSummary(Path(output), 2, [("x.bin", "unsupported file type .bin")],
                            {"Region": 3, "Park": 1}, {"pairing": 1, "co_built": 2})

    monkeypatch.setattr(graph.pipeline, "build", fake_build)
    out = tmp_path / "g.trig"
    result = run("build", tmp_path / "a.txt", "-o", out, "--quiet")
    assert result.exit_code == 0
    assert result.stdout == (f"2 documents → 4 entities (Region 3, Park 1), 3 facts "
                             f"(pairing 1, co_built 2) → {out}\n")
    assert result.stderr == "skipped x.bin: unsupported file type .bin\n"
    assert calls == [([tmp_path / "a.txt"], out, None)]


def test_two_real_builds_are_byte_identical(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "art.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "notes.xyz").write_text("x", encoding="utf-8")
    outs = []
    for name in ("one", "two"):
        out = tmp_path / name / "graph.trig"
        result = run("build", src, src / "notes.xyz", "-o", out)
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith("1 documents → ")
        assert result.stdout.rstrip().endswith(f"→ {out}")
        assert result.stderr.startswith(f"skipped {src / 'notes.xyz'}: ")
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    rows = json.loads(run("query", "pairings", "-g", out, "-f", "json").stdout)
    pairs = {(b["upstream_region"]["value"], b["downstream_region"]["value"])
             for b in rows["results"]["bindings"]}
    assert ("雨花区", "湘潭县") in pairs


# --- query ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_named_query_through_the_cli(graph_file, name):
    params, variables, rows = EXPECTED[name]
    args = ["query", name, "-g", graph_file, "--format", "json"]
    for k, v in (params or {}).items():
        args += ["--param", f"{k}={v}"]
    result = run(*args)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert tuple(doc["head"]["vars"]) == variables
    got = [tuple(b[v]["value"] if v in b else "" for v in variables)
           for b in doc["results"]["bindings"]]
    assert got == rows


def test_query_table(graph_file):
    result = run("query", "located-in", "-g", graph_file)
    assert result.stdout == (
        "entity            place   source  evidence\n"
        "----------------  ------  ------  ------------------------------------------\n"
        "长株潭协同产业园  湘潭县  a       该园位于湘潭县，由雨花区与湘潭县合作共建。\n"
        "(1 row)\n")


def test_query_sparql_string_and_csv(graph_file):
    q = "SELECT ?l WHERE { ?x a cg:Bridge ; skos:prefLabel ?p BIND(STR(?p) AS ?l) }"
    result = run("query", q, "-g", graph_file, "--format", "csv")
    assert result.stdout_bytes == "\ufeffl\r\n宁波大桥\r\n".encode("utf-8")  # BOM: Excel
    result = run("query", q, "-g", graph_file, "--format", "csv", "--no-bom")
    assert result.stdout_bytes == "l\r\n宁波大桥\r\n".encode("utf-8")


def test_bad_sparql(graph_file):
    result = run("query", "SELECT ?s WHERE { ?s ?p }", "-g", graph_file)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: SPARQL syntax error: error at 1:")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output


def test_unknown_query_name(graph_file):
    one_error(run("query", "nosuch", "-g", graph_file),
              "unknown query 'nosuch': use one of co-built-parks, connections, documents, "
              "enclaves, entities, facts-by-document, located-in, pairings, region-partners, "
              "rnd-in, twinning, a .rq file or a SPARQL string")


def test_missing_graph_and_bad_param(tmp_path, graph_file):
    one_error(run("query", "entities", "-g", tmp_path / "none.trig"),
              f"graph file not found: {tmp_path / 'none.trig'}")
    one_error(run("query", "rnd-in", "-g", graph_file),
              "query rnd-in needs --param region=VALUE (a region label or alias, e.g. 横琴)")
    result = run("query", "rnd-in", "-g", graph_file, "--param", "region")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for --param: expected NAME=VALUE, got 'region'")


def test_query_list_and_queries(graph_file):
    listed = run("queries").stdout
    assert run("query", "--list", "-g", graph_file).stdout == listed
    names = [line.split()[0] for line in listed.splitlines() if not line.startswith(" ")]
    assert names == sorted(EXPECTED)
    assert "pairings           Function splits: an upstream function in one place" in listed


# --- export / viz --------------------------------------------------------------------

def test_unknown_export_format(tmp_path, graph_file):
    result = run("export", "-g", graph_file, "-f", "xml", "-o", tmp_path / "g.xml")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '-f' / '--format': 'xml' is not one of 'csv', 'graphml', "
        "'jsonld', 'nq', 'nt', 'trig', 'ttl'.")


@pytest.mark.parametrize("fmt,name", [("ttl", "g.ttl"), ("trig", "g.trig"), ("nt", "g.nt"),
                                      ("nq", "g.nq"), ("jsonld", "g.jsonld"),
                                      ("graphml", "g.graphml")])
def test_export_round_trips(tmp_path, graph_file, fmt, name):
    out = tmp_path / name
    result = run("export", "-g", graph_file, "-f", fmt, "-o", out)
    assert result.stdout == f"wrote {out}\n"
    assert "长株潭协同产业园" in out.read_text(encoding="utf-8")
    if fmt != "graphml":
        rows = run("query", "located-in", "-g", out, "-f", "csv").stdout
        assert rows.splitlines()[1].startswith("长株潭协同产业园,湘潭县,a,")


def test_export_csv_folder(tmp_path, graph_file):
    out = tmp_path / "tables"
    result = run("export", "-g", graph_file, "-f", "csv", "-o", out)
    assert result.stdout == f"wrote {out / 'nodes.csv'}\nwrote {out / 'edges.csv'}\n"


def test_export_to_unwritable_place(tmp_path, graph_file):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = run("export", "-g", graph_file, "-f", "ttl", "-o", blocker / "g.ttl")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: cannot write {blocker / 'g.ttl'}: ")
    assert result.stderr.count("\n") == 1


def test_viz_is_wired(tmp_path, graph_file, monkeypatch):
    calls = []
    fake = types.ModuleType("graph.viz")
    fake.write_html = lambda g, out, **kw: calls.append((g.number_of_nodes(), out, kw))
    monkeypatch.setitem(sys.modules, "graph.viz", fake)
    out = tmp_path / "v.html"
    result = run("viz", "-g", graph_file, "-o", out, "--layout", "geo", "--level", "city",
                 "--focus", "雨花区", "--depth", "2", "--lang", "en")
    assert result.exit_code == 0 and result.stdout == f"wrote {out}\n"
    assert calls == [(9, out, {"layout": "geo", "level": "city", "focus": "雨花区",
                               "depth": 2, "lang": "en"})]


# --- eval / explain ------------------------------------------------------------------

def test_eval(tmp_path, monkeypatch):
    gold, docs = tmp_path / "gold", tmp_path / "docs"
    gold.mkdir()
    docs.mkdir()
    (docs / "a.txt").write_text("x", encoding="utf-8")
    (gold / "a.yaml").write_text("entities: [{name: 雨花区, type: Region}]\n", encoding="utf-8")
    monkeypatch.setattr(graph.pipeline, "extract", lambda paths, **k: sample_extraction())
    result = run("eval", "--gold", gold, "--docs", docs, "--show", "0")
    assert result.stdout.splitlines()[1] == "entities             1     5  0.200  1.000  0.333"
    report = json.loads(run("eval", "--gold", gold, "--docs", docs, "--json").stdout)
    assert report["per_query"]["entities"]["recall"] == 1.0
    one_error(run("eval", "--gold", tmp_path / "nope", "--docs", docs),
              f"gold folder not found: {tmp_path / 'nope'}")


def test_explain(graph_file):
    result = run("explain", "湘潭縣", "-g", graph_file)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "湘潭县  (Region · County)"
    assert "  hierarchy  湖南省 › 湘潭市 › 湘潭县" in lines
    assert "  enclave (forward)  <img src=x onerror=alert(1)>科技园  所在地 湘潭县  所属 雨花区" in lines
    one_error(run("explain", "不存在", "-g", graph_file),
              "no entity or fact named '不存在' in the graph")


def test_build_with_no_articles_is_an_error(tmp_path) -> None:
    from click.testing import CliRunner

    from cli import main as cli_main

    (tmp_path / "empty").mkdir()
    res = CliRunner().invoke(cli_main, ["build", str(tmp_path / "empty"), "-o",
                                        str(tmp_path / "g.trig")])
    assert res.exit_code == 1
    assert res.output.startswith("Error: no articles found (looked for .txt .md .html")
    assert not (tmp_path / "g.trig").exists()


def test_build_where_nothing_decodes_is_an_error(tmp_path) -> None:
    from click.testing import CliRunner

    from cli import main as cli_main

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bad.txt").write_bytes(bytes(range(256)) * 3)
    res = CliRunner().invoke(cli_main, ["build", str(tmp_path / "in"), "-o",
                                        str(tmp_path / "g.trig")])
    assert res.exit_code == 1
    assert "Error: no article could be read (1 skipped; first: cannot decode bad.txt" in res.output


def _breaks_on(marker: str, monkeypatch) -> None:
    """extract_one raising (as a bug would) on the article holding ``marker``."""
    real = graph.pipeline.extract_one

    def flaky(doc, *args, **kwargs):
        if marker in doc.text:
            raise KeyError("zone:某某\n新区")
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(graph.pipeline, "extract_one", flaky)


@pytest.mark.parametrize("target", ["-o", "--store"])
def test_a_bug_on_one_article_skips_it_and_the_build_goes_on(tmp_path, monkeypatch, target):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "b.txt").write_text("甲乙丙丁。" + ARTICLE, encoding="utf-8")
    _breaks_on("甲乙丙丁", monkeypatch)
    monkeypatch.delenv("COOPGRAPH_DEBUG", raising=False)
    out = tmp_path / ("g.trig" if target == "-o" else "kg")
    result = run("build", src, target, out, "--jobs", "1", "--quiet")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("1 documents → ")
    assert result.stderr == (f"skipped {src / 'b.txt'}: internal error while extracting "
                             "(KeyError: 'zone:某某\\n新区'); please report it "
                             "(COOPGRAPH_DEBUG=1 shows the traceback)\n")


def test_a_bug_on_one_article_raises_under_debug(tmp_path, monkeypatch):
    (tmp_path / "b.txt").write_text("甲乙丙丁。" + ARTICLE, encoding="utf-8")
    _breaks_on("甲乙丙丁", monkeypatch)
    monkeypatch.setenv("COOPGRAPH_DEBUG", "1")
    with pytest.raises(KeyError):
        run("build", tmp_path / "b.txt", "-o", tmp_path / "g.trig", "--jobs", "1", "--quiet")


def test_the_library_skips_an_article_whose_extraction_raises(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text("甲乙丙丁。" + ARTICLE, encoding="utf-8")
    _breaks_on("甲乙丙丁", monkeypatch)
    monkeypatch.delenv("COOPGRAPH_DEBUG", raising=False)
    ex = graph.pipeline.extract([tmp_path])
    assert [d.doc_id for d in ex.documents] == ["a"]
    assert [(Path(p).name, r.split(";")[0]) for p, r in ex.skipped] == [
        ("b.txt", "internal error while extracting (KeyError: 'zone:某某\\n新区')")]
