"""The README's example SPARQL queries on a standard SPARQL store (issue 7).

A build of the seeds is loaded into a real Oxigraph server *without* the union default
graph -- as Fuseki or any standard store would hold it -- and the README's example
queries run through SPARQLWrapper as a user would paste them. Each must return rows.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

from graph.pipeline import build
from graph.serve import start_server, store_folder

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def readme_queries() -> list[str]:
    """The README's example queries, each with the prefix block the README gives."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Three example SPARQL queries", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sparql\n(.*?)```", section, re.S)
    prefixes = [b for b in blocks if "SELECT" not in b and "PREFIX" in b]
    queries = [b for b in blocks if "SELECT" in b]
    assert len(prefixes) == 1 and len(queries) >= 3
    return [prefixes[0] + q for q in queries]


@pytest.fixture(scope="module")
def seeds_graph(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seeds") / "graph.trig"
    build([SEEDS], out)
    return out


@pytest.fixture(scope="module")
def standard_server(seeds_graph):
    with store_folder(seeds_graph) as location:
        with start_server(location, union=False) as srv:
            yield srv


def select(url: str, query: str) -> list[dict]:
    sw = SPARQLWrapper(url)
    sw.setQuery(query)
    sw.setReturnFormat(JSON)
    return sw.query().convert()["results"]["bindings"]


@pytest.mark.parametrize("index", range(3))
def test_readme_queries_return_rows_on_a_standard_store(standard_server, index):
    query = readme_queries()[index]
    assert select(standard_server.url, query), query
