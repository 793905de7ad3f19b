"""`serve` (the front and the Oxigraph server on loopback ports) and `push` (Graph Store
Protocol)."""
from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from SPARQLWrapper import CSV, GET, JSON, POST, TSV, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from cli import main
from graph.errors import QueryError
from graph.push import PushError, graph_url, push
from graph.pipeline import build_store
from graph.query import named_queries, run_query
from graph.rdf import to_dataset
from graph.remote import query_endpoint, recognise, request_text, with_values
from graph.serve import ServeError, free_port, start_endpoint, start_server, store_folder
from graph.store import load_store, save_dataset
from graph.summary import SUMMARY_FILE, open_reader
from sample import sample_extraction
from test_query import EXPECTED
from test_summary import ARTICLES, _regions, _write

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
    """`serve -g FILE`: a store without a summary, so named queries run as SPARQL."""
    with store_folder(graph_file) as location:
        srv = start_endpoint(location, timeout=2)
        yield srv
        srv.stop()
        assert srv.front.poll() is not None and srv.engine.process.poll() is not None


@pytest.fixture(scope="module")
def kg(tmp_path_factory) -> Path:
    """A store built with `build --store` (so with its summary) from invented articles."""
    root = tmp_path_factory.mktemp("kg")
    kg = root / "kg"
    build_store([_write(root / "in", ARTICLES)], kg)
    assert (kg / SUMMARY_FILE).is_file()
    return kg


@pytest.fixture(scope="module")
def kg_server(kg):
    with start_endpoint(kg, timeout=5) as srv:
        yield srv


def _cases(kg: Path) -> list[tuple[str, dict, dict]]:
    """(name, params, page) of every named query: each region for a region query."""
    store = ox.Store.read_only(str(kg))
    regions = _regions(store)
    sources = sorted(r[0] for r in run_query(store, "documents").values())
    out = []
    for name, q in named_queries().items():
        key = next(iter(q.required), None)
        values = sources if key == "source" else regions
        for params in ([{key: v} for v in values] if key else [{}]):
            for page in ({}, {"limit": 3, "offset": 1}):
                out.append((name, params, page))
    return out


def _raw(url: str, text: str, fmt: str, method: str) -> tuple[str, bytes]:
    """SPARQLWrapper's request: the answer's media type and bytes, unparsed."""
    sw = client(url, text, fmt, method)
    with sw.query().response as response:
        return response.headers.get("Content-Type"), response.read()


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


def test_a_server_that_cannot_start_says_why(tmp_path):
    bad = tmp_path / "not-a-store"
    bad.write_text("x", encoding="utf-8")
    with pytest.raises(ServeError, match=r"^the Oxigraph server stopped: Error: .*Not a "
                                         r"directory$"):
        start_server(bad)


def test_serve_needs_a_graph(graph_file, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(main, ["serve"])
    assert res.exit_code == 2 and "no graph given: use -g FILE or --store DIR" in res.output
    res = CliRunner().invoke(main, ["serve", "--store", str(tmp_path)])
    assert res.exit_code == 1 and res.stderr == f"Error: {tmp_path} is not a coopgraph store\n"


# --- named queries from the summary ------------------------------------------------

def test_named_queries_by_text_give_the_sparql_rows(kg, kg_server):
    store = ox.Store.read_only(str(kg))
    cases = _cases(kg)
    assert len(cases) > 40
    for name, params, page in cases:
        want = run_query(store, name, params, **page)  # SPARQL on the store alone
        got = query_endpoint(kg_server.url, name, params, **page)
        assert (got.variables, got.values()) == (want.variables, want.values()), \
            (name, params, page)


@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
@pytest.mark.parametrize("method", [GET, POST])
def test_named_answers_are_the_engines_bytes(kg, kg_server, fmt, method):
    """From the summary in each format, GET and POST: the bytes and media type the
    Oxigraph server behind the front gives for the same request."""
    region = _regions(ox.Store.read_only(str(kg)))[0]
    for name, params in (("twinning", {}), ("located-in", {}), ("entities", {}),
                         ("region-partners", {"region": region}),
                         ("rnd-in", {"region": region})):
        text = request_text(named_queries()[name], params, 5, 1)
        got = _raw(kg_server.url, text, fmt, method)
        assert got == _raw(kg_server.engine.url, text, fmt, method), (name, fmt, method)
        assert got[1]


def test_named_queries_are_answered_without_the_engine(kg):
    """With the Oxigraph server gone, named queries by text and by name still answer
    (from the summary); any other query gets a one-line 502."""
    with start_endpoint(kg, timeout=5) as srv:
        srv.engine.stop()
        store = ox.Store.read_only(str(kg))
        for name in ("pairings", "co-built-parks", "entities"):
            assert query_endpoint(srv.url, name, limit=4).values() == \
                run_query(store, name, limit=4).values()
        with urllib.request.urlopen(f"{srv.named_url}/twinning?limit=2") as res:
            assert res.headers["Content-Type"] == "application/sparql-results+json"
            rows = json.loads(res.read())["results"]["bindings"]
        assert [b["source"]["value"] for b in rows] == \
            [r[3] for r in run_query(store, "twinning", limit=2).values()]
        with pytest.raises(QueryError, match="^cannot reach endpoint .*: BAD GATEWAY$"):
            query_endpoint(srv.url, "SELECT * WHERE { ?s ?p ?o } LIMIT 1")
        with pytest.raises(QueryError):  # facts-by-document is not in the summary
            query_endpoint(srv.url, "facts-by-document", {"source": "a1"})


def test_a_summary_not_current_falls_back_to_sparql(kg, tmp_path):
    """A summary with documents pending (a build under way or killed) is not used: the
    same named query by text then goes to the Oxigraph server, and gives the same rows."""
    import shutil
    import sqlite3

    copy = tmp_path / "kg"
    shutil.copytree(kg, copy)
    with sqlite3.connect(copy / SUMMARY_FILE) as conn:
        conn.execute("UPDATE meta SET value = '[\"a1\"]' WHERE key = 'pending'")
    assert open_reader(copy) is None
    want = run_query(ox.Store.read_only(str(kg)), "pairings").values()
    with start_endpoint(copy, timeout=5) as srv:
        assert query_endpoint(srv.url, "pairings").values() == want
        srv.engine.stop()
        with pytest.raises(QueryError, match="BAD GATEWAY"):
            query_endpoint(srv.url, "pairings")


def _get(url: str, accept: str | None = None) -> tuple[int, str, bytes]:
    req = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(req) as res:
            return res.status, res.headers["Content-Type"], res.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers["Content-Type"], err.read()


def test_named_queries_by_name(kg, kg_server):
    store = ox.Store.read_only(str(kg))
    region = _regions(store)[-1]
    for name, params, page in _cases(kg):
        url = f"{kg_server.named_url}/{name}?" + urllib.parse.urlencode({**params, **page})
        status, media, body = _get(url, "text/csv")
        assert (status, media) == (200, "text/csv; charset=utf-8"), (name, body[:200])
        want = run_query(store, name, params, **page)
        assert list(csv.reader(io.StringIO(body.decode("utf-8")))) == \
            [want.variables] + [list(r) for r in want.values()], (name, params, page)
    status, _, body = _get(kg_server.named_url)
    assert status == 200 and {q["name"] for q in json.loads(body)} == set(named_queries())
    q = urllib.parse.quote(region)
    assert _get(f"{kg_server.named_url}/rnd-in?region={q}&limit=x")[0] == 400
    assert _get(f"{kg_server.named_url}/rnd-in")[:2] == (400, "text/plain; charset=utf-8")
    assert _get(f"{kg_server.named_url}/rnd-in?region={q}&colour=red")[0] == 400
    assert _get(f"{kg_server.named_url}/no-such-query")[0] == 404


def test_other_queries_and_updates_go_to_the_engine(kg, kg_server):
    doc = client(kg_server.sparql_url, PARKS, JSON, POST).query().convert()
    want = sorted(r[0] for r in run_query(ox.Store.read_only(str(kg)), PARKS).values())
    assert want and sorted(b["label"]["value"] for b in doc["results"]["bindings"]) == want
    update = "INSERT DATA { <http://a/b> <http://a/c> <http://a/d> }"
    for url in (kg_server.url, kg_server.url.replace("/query", "/update")):
        sw = SPARQLWrapper(url)
        sw.setMethod(POST)
        sw.setQuery(update)
        with pytest.raises((SPARQLWrapperException, OSError)):
            sw.query()
    assert query_endpoint(kg_server.url, "ASK { <http://a/b> ?p ?o }").boolean is False


def test_recognise_only_what_query_endpoint_sends():
    q = named_queries()["rnd-in"]
    for params, limit, offset in (({"region": "某区"}, None, 0), ({"region": 'a"} #\n'}, 5, 2),
                                  ({"region": "<https://example.org/r>"}, 0, 0)):
        found = recognise(request_text(q, params, limit, offset))
        assert (found.query, found.params, found.limit, found.offset) == \
            (q, params, limit, offset)
    text = request_text(q, {"region": "某区"})
    assert recognise("\n".join("  " + ln for ln in text.splitlines()
                                if not ln.startswith("#"))).query is q
    assert recognise(text.replace("?up cg:partOf* ?target", "?up cg:partOf ?target")) is None
    assert recognise(text.replace("LIMIT", "")) is not None
    assert recognise(text + "LIMIT 5\nLIMIT 6\n") is None
    assert recognise(request_text(q, {})) is None  # its parameter is required
    other = "PREFIX cg: <http://example.org/other#>\n" + text.split("\n", 1)[1]
    assert recognise(other) is None  # a prefix that means something else
    assert recognise(text.replace('"某区"', '"某区"@en', 1)) is None


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
