"""Query safety: nothing reaches the network, read-only, time/row/memory limits, paging."""
from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from graph.errors import QueryError
from graph.limits import Limits, run_limited
from graph.query import run_query
from graph.rdf import to_dataset
from graph.store import save_dataset, store_from_dataset
from sample import sample_extraction

CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
COUNT4 = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory) -> Path:
    return save_dataset(to_dataset(sample_extraction()),
                        tmp_path_factory.mktemp("g") / "graph.trig")


@pytest.fixture(scope="module")
def store():
    return store_from_dataset(to_dataset(sample_extraction()))


class Listener:
    """A loopback TCP listener that counts connections and never answers."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.open: list[socket.socket] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            self.open.append(conn)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/sparql"

    def close(self) -> None:
        self.stop.set()
        self.thread.join(5)
        for conn in self.open:
            conn.close()
        self.sock.close()


@pytest.fixture
def listener():
    lst = Listener()
    yield lst
    lst.close()


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def one_error(result, start: str) -> str:
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"Error: {start}"), result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output
    return result.stderr


# --- no network -------------------------------------------------------------------------

@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?s a cg:Park FILTER EXISTS {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
    "ASK {{ OPTIONAL {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
])
def test_service_is_refused_before_anything_runs(store, listener, template):
    with pytest.raises(QueryError) as err:
        run_query(store, template.format(url=listener.url))
    assert str(err.value) == (f"SERVICE <{listener.url}> refused: queries never reach the "
                              "network (--allow-network permits SERVICE)")
    time.sleep(0.3)
    assert listener.connections == 0


def test_service_with_a_variable_endpoint_is_refused(store):
    with pytest.raises(QueryError, match=r"^SERVICE \?x refused"):
        run_query(store, "SELECT * WHERE { ?x a cg:Park SERVICE ?x { ?s ?p ?o } }")


def test_cli_refuses_service_load_and_remote_from(graph_file, listener):
    one_error(run("query", f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}",
                  "-g", graph_file), f"SERVICE <{listener.url}> refused")
    one_error(run("query", f"LOAD <{listener.url}>", "-g", graph_file),
              "SPARQL Update (INSERT, DELETE, LOAD, CLEAR …) is not allowed: "
              "queries are read-only")
    one_error(run("query", f"SELECT * FROM <{listener.url}> WHERE {{ ?s ?p ?o }}",
                  "-g", graph_file), f"FROM <{listener.url}> refused")
    one_error(run("query", f"SELECT * FROM NAMED <{listener.url}> WHERE {{ ?s ?p ?o }}",
                  "-g", graph_file), f"FROM NAMED <{listener.url}> refused")
    time.sleep(0.3)
    assert listener.connections == 0


def test_prefixed_names_are_expanded_before_the_check(store):
    with pytest.raises(QueryError, match=r"^FROM <http://example\.org/x> refused"):
        run_query(store, "PREFIX ex: <http://example.org/> SELECT * FROM ex:x "
                         "WHERE { ?s ?p ?o }")


def test_from_one_of_the_graphs_own_documents_selects_it(store):
    q = ("SELECT (COUNT(*) AS ?n) FROM <https://w3id.org/coopgraph/id/doc/b> "
         "WHERE { ?f a cg:CooperationFact }")
    assert run_query(store, q).values() == [("2",)]
    assert run_query(store, "SELECT (COUNT(*) AS ?n) WHERE { ?f a cg:CooperationFact }"
                     ).values() == [("6",)]


@pytest.mark.parametrize("update", [
    "INSERT DATA { <http://a/b> <http://a/c> <http://a/d> }",
    "DELETE WHERE { ?s ?p ?o }",
    "CLEAR ALL",
    "DROP GRAPH <https://w3id.org/coopgraph/id/doc/a>",
    "PREFIX ex: <http://example.org/> WITH ex:g DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
])
def test_updates_are_refused_as_read_only(store, update):
    with pytest.raises(QueryError) as err:
        run_query(store, update)
    assert str(err.value).endswith("queries are read-only")
    assert len(run_query(store, "entities").rows) == 5


def test_syntax_error_is_one_line(graph_file):
    err = one_error(run("query", "SELECT ?s WHERE { ?s ?p }", "-g", graph_file),
                    "SPARQL syntax error: error at 1:")
    assert "expected" in err


def test_allow_network_lets_service_through_under_the_time_limit(graph_file, listener):
    q = f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"
    with pytest.raises(QueryError, match=r"^query stopped after 1\.5 s \(the time limit"):
        run_limited(graph_file, q, limits=Limits(timeout=1.5), allow_network=True)
    assert listener.connections >= 1  # it did reach the (silent) endpoint


# --- limits -----------------------------------------------------------------------------

def test_cartesian_select_stops_at_the_row_limit(graph_file):
    with pytest.raises(QueryError) as err:
        run_limited(graph_file, CARTESIAN, limits=Limits(max_rows=1000))
    assert str(err.value) == ("query sparql: more than 1000 result rows (the limit, "
                              "--max-rows); page it with --limit and --offset or raise "
                              "--max-rows")


def test_cartesian_count_stops_at_the_time_limit(graph_file):
    start = time.monotonic()
    result = run("query", COUNT4, "-g", graph_file, "--timeout", "1.5")
    one_error(result, "query stopped after 1.5 s (the time limit, --timeout)")
    assert time.monotonic() - start < 30  # ended near the limit, not when the query would


def test_sorted_cartesian_stops_at_the_memory_limit(graph_file):
    with pytest.raises(QueryError) as err:
        run_limited(graph_file, CARTESIAN + " ORDER BY ?a ?i",
                    limits=Limits(timeout=120, max_memory_mb=300))
    assert str(err.value).startswith("query stopped: it needed more than 300 MiB "
                                     "(the memory limit, --max-memory)")


def test_limited_run_gives_the_same_rows_as_a_direct_one(graph_file, store):
    for name, params in (("pairings", {}), ("region-partners", {"region": "长沙市"})):
        assert run_limited(graph_file, name, params).values() == \
            run_query(store, name, params).values()


def test_errors_come_back_from_the_worker(graph_file, tmp_path):
    with pytest.raises(QueryError, match="^query rnd-in needs --param region=VALUE"):
        run_limited(graph_file, "rnd-in")
    from graph.errors import CoopgraphError
    with pytest.raises(CoopgraphError, match="graph file not found"):
        run_limited(tmp_path / "none.trig", "pairings")


# --- paging -----------------------------------------------------------------------------

@pytest.mark.parametrize("query", ["facts-by-document",
                                   "SELECT ?l WHERE { ?e skos:prefLabel ?l } ORDER BY ?l"])
def test_limit_and_offset_page_through_the_result(store, query):
    full = run_query(store, query).values()
    assert len(full) > 5
    pages = [run_query(store, query, limit=4, offset=o).values() for o in range(0, len(full), 4)]
    assert [r for page in pages for r in page] == full
    assert run_query(store, query, limit=3, offset=2).values() == full[2:5]
    assert run_query(store, query, offset=len(full)).values() == []
    assert run_query(store, query, limit=0).values() == []


def test_paging_gets_under_the_row_limit(store):
    with pytest.raises(QueryError, match="more than 10 result rows"):
        run_query(store, "facts-by-document", max_rows=10)
    assert len(run_query(store, "facts-by-document", max_rows=10, limit=10).rows) == 10


def test_cli_paging(graph_file):
    full = run("query", "facts-by-document", "-g", graph_file, "-f", "csv").stdout
    page = run("query", "facts-by-document", "-g", graph_file, "-f", "csv",
               "--limit", "2", "--offset", "3").stdout
    lines = full.splitlines()
    assert page.splitlines() == [lines[0]] + lines[4:6]
    bad = run("query", "pairings", "-g", graph_file, "--limit", "-1")
    assert bad.exit_code == 2
