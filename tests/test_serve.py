"""`serve` (the Oxigraph server on a loopback port) and `push` (Graph Store Protocol)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from SPARQLWrapper import CSV, JSON, POST, TSV, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from cli import main
from graph.errors import QueryError
from graph.push import PushError, graph_url, push
from graph.query import run_query
from graph.rdf import to_dataset
from graph.remote import query_endpoint, with_values
from graph.serve import free_port, start_server, store_folder
from graph.store import load_store, save_dataset
from sample import sample_extraction
from test_query import EXPECTED

PARKS = """PREFIX cg: <https://w3id.org/coopgraph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?label WHERE { ?f a cg:CoBuilding ; cg:park/skos:prefLabel ?l . BIND(STR(?l) AS ?label) }
"""


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory) -> Path:
    return save_dataset(to_dataset(sample_extraction()),
                        tmp_path_factory.mktemp("g") / "graph.trig")


@pytest.fixture(scope="module")
def server(graph_file):
    with store_folder(graph_file) as location:
        srv = start_server(location, timeout=2)
        yield srv
        srv.stop()
        assert srv.process.poll() is not None


def client(url: str, query: str, fmt: str = JSON, method: str | None = None) -> SPARQLWrapper:
    sw = SPARQLWrapper(url)
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    if method:
        sw.setMethod(method)
    return sw


@pytest.mark.parametrize("path", ["url", "sparql_url"])
@pytest.mark.parametrize("method", [None, POST])
def test_get_and_post_json(server, method, path):
    assert getattr(server, path).endswith(("/query", "/sparql"))
    doc = client(getattr(server, path), PARKS, JSON, method).query().convert()
    assert doc["head"]["vars"] == ["label"]
    assert [b["label"]["value"] for b in doc["results"]["bindings"]] == ["长株潭协同产业园"]


def test_results_by_accept_header(server):
    xml = client(server.url, PARKS, XML).query().convert()
    assert [n.firstChild.data for n in xml.getElementsByTagName("literal")] == ["长株潭协同产业园"]
    text = client(server.url, PARKS, CSV).query().convert().decode("utf-8")
    assert list(csv.reader(io.StringIO(text))) == [["label"], ["长株潭协同产业园"]]
    tsv = client(server.url, PARKS, TSV).query().convert().decode("utf-8")
    assert tsv.splitlines() == ["?label", '"长株潭协同产业园"']


def test_default_graph_holds_every_fact_once(server, graph_file):
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?f a <https://w3id.org/coopgraph/ontology#CooperationFact> }"
    doc = client(server.url, q).query().convert()
    assert doc["results"]["bindings"][0]["n"]["value"] == "6"
    assert run_query(load_store(graph_file), q).values() == [("6",)]


def test_read_only(server):
    sw = SPARQLWrapper(server.url.replace("/query", "/update"))
    sw.setMethod(POST)
    sw.setQuery("INSERT DATA { <http://a/b> <http://a/c> <http://a/d> }")
    with pytest.raises((SPARQLWrapperException, OSError)):
        sw.query()
    assert query_endpoint(server.url, "ASK { <http://a/b> ?p ?o }").boolean is False


def test_time_limit(server):
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    with pytest.raises(QueryError, match="^endpoint .* stopped the query at its time limit$"):
        query_endpoint(server.url, q, timeout=60)
    assert query_endpoint(server.url, "entities").values() == EXPECTED["entities"][2]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_named_queries_by_name_on_the_endpoint(server, name):
    params, variables, rows = EXPECTED[name]
    result = query_endpoint(server.sparql_url if "region" in (params or {}) else server.url,
                            name, params)
    assert tuple(result.variables) == variables
    assert result.values() == rows


def test_endpoint_paging_and_construct(server, graph_file):
    local = load_store(graph_file)
    assert query_endpoint(server.url, "facts-by-document", limit=3, offset=2).values() == \
        run_query(local, "facts-by-document").values()[2:5]
    con = query_endpoint(server.url, "CONSTRUCT { ?b rdfs:label ?l } WHERE { ?b a cg:Bridge ; "
                                     "skos:prefLabel ?l }")
    assert con.kind == "graph" and [str(r[2]) for r in con.rows] == ['"宁波大桥"@zh']


def test_cli_query_on_the_endpoint(server):
    res = CliRunner().invoke(main, ["query", "rnd-in", "--endpoint", server.url, "--param",
                                    "region=湖南省", "-f", "json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert [b["upstream_region"]["value"] for b in doc["results"]["bindings"]] == ["雨花区"]


def test_values_block_keeps_parameters_data():
    text = with_values("# WHERE in a comment\nSELECT ?r WHERE { ?x ?y ?r }", {"r": 'a" } #'})
    assert text == ('# WHERE in a comment\nSELECT ?r WHERE {\n  VALUES ?r { "a\\" } #" } '
                    "?x ?y ?r }")


def test_unreachable_endpoint_is_one_line():
    port = free_port()
    with pytest.raises(QueryError, match=f"^cannot reach endpoint http://127.0.0.1:{port}/query"):
        query_endpoint(f"http://127.0.0.1:{port}/query", "pairings", timeout=5)


def test_serve_needs_a_graph(graph_file, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(main, ["serve"])
    assert res.exit_code == 2 and "no graph given: use -g FILE or --store DIR" in res.output
    res = CliRunner().invoke(main, ["serve", "--store", str(tmp_path)])
    assert res.exit_code == 1 and res.stderr == f"Error: {tmp_path} is not a coopgraph store\n"


# --- push ----------------------------------------------------------------------------

def _all_quads(location: Path) -> set[ox.Quad]:
    return set(ox.Store.read_only(str(location)))


def test_push_round_trips_every_quad(graph_file, tmp_path):
    target = tmp_path / "target"
    source = load_store(graph_file)
    with start_server(target, writable=True) as srv:
        first = push(source, srv.store_url)
        again = push(source, srv.store_url)  # PUT replaces: same state
        res = CliRunner().invoke(main, ["push", "-g", str(graph_file), "--endpoint",
                                        srv.store_url])
    assert res.exit_code == 0, res.output
    assert res.stdout == f"pushed 3 graphs, {len(source)} quads → {srv.store_url}\n"
    assert (first.graphs, first.quads) == (again.graphs, again.quads) == (3, len(source))
    assert _all_quads(target) == set(source)


def test_push_errors_are_one_line(graph_file):
    source = load_store(graph_file)
    port = free_port()
    with pytest.raises(PushError, match=f"^cannot reach http://127.0.0.1:{port}/store"):
        push(source, f"http://127.0.0.1:{port}/store", timeout=5)
    with pytest.raises(PushError, match="^endpoint must be an http"):
        push(source, "file:///etc/passwd")


def test_push_to_a_read_only_server_reports_the_status(server, graph_file):
    with pytest.raises(PushError, match=r"^PUT http://127\.0\.0\.1:\d+/store\?default failed "
                                        r"with HTTP \d{3}"):
        push(load_store(graph_file), server.store_url)


def test_graph_urls():
    assert graph_url("http://h/store", ox.DefaultGraph()) == "http://h/store?default"
    assert graph_url("http://h/ds?x=1", ox.NamedNode("https://w3id.org/a&b#c")) == \
        "http://h/ds?x=1&graph=https%3A%2F%2Fw3id.org%2Fa%26b%23c"
