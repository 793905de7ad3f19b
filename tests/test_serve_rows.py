"""`serve --max-rows`: answers longer than N rows are cut at N and say so in their
headers; shorter ones are passed on byte for byte (graph/rowcap.py, graph/front.py)."""
from __future__ import annotations

import csv
import gc
import io
import json
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from SPARQLWrapper import CSV, JSON, POST, TSV, XML, SPARQLWrapper

from cli import main
from graph.errors import QueryError
from graph.query import run_query
from graph.remote import query_endpoint
from graph.rowcap import MAX_ROWS, TRUNCATED, cap
from graph.serve import start_endpoint
from test_serve import kg  # noqa: F401 - the fixture

ROWS = 30  # quads in the invented store
CAP = 10  # the endpoints' --max-rows
EX = "http://example.org/"
ORDERED = f"SELECT ?s ?o WHERE {{ ?s <{EX}p> ?o }} ORDER BY ?s"
MEDIA = {JSON: "application/sparql-results+json", XML: "application/sparql-results+xml",
         CSV: "text/csv", TSV: "text/tab-separated-values"}


def _store(path: Path) -> Path:
    """Invented rows: IRIs, typed and language literals, a blank node, a comma and a
    line break in a value (CSV quoting)."""
    store = ox.Store(str(path))
    quads = []
    for i in range(ROWS):
        objects = [ox.Literal(f"值 {i}, \"q\"\nline", language="zh"),
                   ox.Literal(str(i), datatype=ox.NamedNode(
                       "http://www.w3.org/2001/XMLSchema#integer")),
                   ox.BlankNode(f"b{i}"), ox.NamedNode(f"{EX}o{i}")]
        quads.append(ox.Quad(ox.NamedNode(f"{EX}s{i:03d}"), ox.NamedNode(f"{EX}p"),
                             objects[i % 4], ox.DefaultGraph()))
    store.bulk_extend(quads)
    store.flush()
    del store
    gc.collect()
    return path


@pytest.fixture(scope="module")
def rows_store(tmp_path_factory) -> Path:
    return _store(tmp_path_factory.mktemp("rows") / "store")


@pytest.fixture(scope="module")
def capped(rows_store):
    with start_endpoint(rows_store, timeout=5, max_rows=CAP) as srv:
        yield srv


def _answer(url: str, query: str, fmt: str, method: str | None = None):
    """SPARQLWrapper's request: (headers, bytes) of the answer."""
    sw = SPARQLWrapper(url)
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    if method:
        sw.setMethod(method)
    result = sw.query()
    with result.response as response:
        return response.headers, response.read()


def _engine(endpoint, query: str, accept: str) -> bytes:
    """The Oxigraph server's own answer (behind the front, no row limit)."""
    req = urllib.request.Request(endpoint.engine.url + "?query=" + urllib.parse.quote(query),
                                 headers={"Accept": accept})
    with urllib.request.urlopen(req) as res:
        return res.read()


def _parse(body: bytes, fmt: str) -> list[list[str]]:
    """Rows of a SELECT answer, parsed by a reader of each format."""
    if fmt == JSON:
        doc = json.loads(body)
        return [[b[v]["value"] if v in b else "" for v in doc["head"]["vars"]]
                for b in doc["results"]["bindings"]]
    if fmt == XML:
        from xml.dom.minidom import parseString

        def text(binding):  # <binding><uri|literal|bnode>text</…></binding>
            term = next(n for n in binding.childNodes if n.nodeType == n.ELEMENT_NODE)
            return "".join(t.data for t in term.childNodes)

        return [[text(b) for b in r.getElementsByTagName("binding")]
                for r in parseString(body).getElementsByTagName("result")]
    if fmt == CSV:
        return list(csv.reader(io.StringIO(body.decode("utf-8"))))[1:]
    solutions = ox.parse_query_results(body, format=ox.QueryResultsFormat.TSV)
    return [[str(s[v]) for v in solutions.variables] for s in solutions]


@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
@pytest.mark.parametrize("method", [None, POST])
def test_an_answer_over_the_limit_is_cut_and_says_so(capped, fmt, method):
    headers, body = _answer(capped.url, ORDERED, fmt, method)
    assert headers[TRUNCATED] == "true" and headers[MAX_ROWS] == str(CAP)
    assert "--max-rows" in headers["Warning"]
    assert len(_parse(body, fmt)) == CAP
    # the first N rows, written as the engine writes a LIMIT N answer
    assert body == _engine(capped, ORDERED + f" LIMIT {CAP}", MEDIA[fmt])
    headers, body = _answer(capped.url, ORDERED + " LIMIT 25", fmt, method)
    assert headers[TRUNCATED] == "true" and len(_parse(body, fmt)) == CAP


@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
@pytest.mark.parametrize("limit", [3, CAP])
def test_an_answer_within_the_limit_is_the_engines_bytes(capped, fmt, limit):
    query = ORDERED + f" LIMIT {limit}"
    headers, body = _answer(capped.sparql_url, query, fmt)
    assert TRUNCATED not in headers and "Warning" not in headers
    assert body == _engine(capped, query, MEDIA[fmt])
    assert len(_parse(body, fmt)) == limit


def test_construct_is_cut_in_triples_and_ask_is_not(capped):
    query = f"CONSTRUCT {{ ?s <{EX}p> ?o }} WHERE {{ ?s <{EX}p> ?o }}"
    for accept, rdf in (("text/turtle", ox.RdfFormat.TURTLE),
                        ("application/n-triples", ox.RdfFormat.N_TRIPLES)):
        req = urllib.request.Request(capped.url + "?query=" + urllib.parse.quote(query),
                                     headers={"Accept": accept})
        with urllib.request.urlopen(req) as res:
            assert res.headers[TRUNCATED] == "true"
            assert len(list(ox.parse(res.read(), format=rdf))) == CAP
    short = query + " LIMIT 4"
    req = urllib.request.Request(capped.url + "?query=" + urllib.parse.quote(short),
                                 headers={"Accept": "application/n-triples"})
    with urllib.request.urlopen(req) as res:
        assert TRUNCATED not in res.headers
        assert res.read() == _engine(capped, short, "application/n-triples")
    headers, body = _answer(capped.url, f"ASK {{ ?s <{EX}p> ?o }}", JSON)
    assert TRUNCATED not in headers and json.loads(body)["boolean"] is True


def test_max_rows_0_is_no_limit(rows_store):
    with start_endpoint(rows_store, timeout=5, max_rows=0) as srv:
        for fmt in (JSON, CSV):
            headers, body = _answer(srv.url, ORDERED, fmt)
            assert TRUNCATED not in headers and len(_parse(body, fmt)) == ROWS
            assert body == _engine(srv, ORDERED, MEDIA[fmt])


def test_named_queries_are_cut_unless_paged(kg):
    store = ox.Store.read_only(str(kg))
    want = run_query(store, "entities")
    assert len(want.rows) > 2
    with start_endpoint(kg, timeout=5, max_rows=2) as srv:
        req = urllib.request.Request(f"{srv.named_url}/entities",
                                     headers={"Accept": "text/csv"})
        with urllib.request.urlopen(req) as res:  # from the summary
            assert res.headers[TRUNCATED] == "true"
            rows = list(csv.reader(io.StringIO(res.read().decode("utf-8"))))[1:]
        assert rows == [list(r) for r in want.values()[:2]]
        with urllib.request.urlopen(f"{srv.named_url}/entities?limit=2&offset=1") as res:
            assert TRUNCATED not in res.headers
        # as text (coopgraph query NAME --endpoint): refused like a local --max-rows
        with pytest.raises(QueryError, match=r"^query entities: more than 2 result rows "
                                             r"\(the endpoint's limit, serve --max-rows\)"):
            query_endpoint(srv.url, "entities")
        assert query_endpoint(srv.url, "entities", limit=2).values() == want.values()[:2]
        result = CliRunner().invoke(main, ["query", "entities", "--endpoint", srv.url,
                                           "-f", "csv"])
        assert result.exit_code != 0 and "serve --max-rows" in result.output


def test_serve_has_a_max_rows_option():
    out = " ".join(CliRunner().invoke(main, ["serve", "--help"]).output.split())
    assert "--max-rows" in out and "0: no limit" in out
    assert CliRunner().invoke(main, ["serve", "--max-rows", "-1"]).exit_code == 2


def _chunks(data: bytes, size: int = 7):
    return iter([data[i:i + size] for i in range(0, len(data), size)])


def test_cap_reads_no_further_than_it_needs():
    store = ox.Store()
    for i in range(5000):
        store.add(ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(f"{EX}p"),
                          ox.Literal(f"v{i}")))
    for fmt, media in ((ox.QueryResultsFormat.JSON, MEDIA[JSON]),
                       (ox.QueryResultsFormat.CSV, MEDIA[CSV])):
        data = store.query("SELECT * { ?s ?p ?o }").serialize(format=fmt)
        read = []
        chunks = _chunks(data, 1024)
        cut, body = cap((read.append(c) or c for c in chunks), media, 5)
        assert cut and len(b"".join(read)) < len(data) // 10
        assert b"".join(body).count(b"v") >= 5
        cut, body = cap(_chunks(data), media, 5000)
        assert not cut and b"".join(body) == data
        assert cap(_chunks(data), media, 4999)[0]
    cut, body = cap(_chunks(b"true"), "text/csv", 1)  # an ASK answer as CSV
    assert not cut and b"".join(body) == b"true"


def test_an_answer_broken_off_passes_as_it_came():
    """The engine stops a query at its time limit mid-answer, its error at the end: the
    client gets those bytes (graph.remote tells the time limit from them), not a 502."""
    data = (b'{"head":{"vars":["s"]},"results":{"bindings":[{"s":{"type":"uri","value":'
            b'"http://example.org/a"}},timeout')
    for max_rows in (1, 5):
        cut, body = cap(_chunks(data), MEDIA[JSON], max_rows)
        assert not cut and b"".join(body) == data
