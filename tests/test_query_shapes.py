"""The named queries, reshaped for speed, give the same rows as their plain versions.

``tests/data/reference_queries/`` keeps the first, straightforward version of every named
query (patterns in reading order, labels and containment by filters). The shipped ones
are reshaped so their cost follows the rows they return; on a build of the seeds, for
every query and every value of its parameter, the two must return identical rows.
"""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from cli import main
from graph.pipeline import build
from graph.query import (DEFAULT_PAGE, form_values, named_queries, run_query, split_order,
                         term_value)
from graph.store import load_store

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = Path(__file__).parent / "data" / "reference_queries"


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory):
    out = tmp_path_factory.mktemp("seeds") / "graph.trig"
    build([ROOT / "seeds"], out)
    return load_store(out)


def _labels(store) -> list[str]:
    """Every label (and alias) of a region some fact's participant lies in."""
    rows = run_query(store, "SELECT DISTINCT ?l WHERE { ?f a cg:CooperationFact ; ?role ?p . "
                            "?p cg:partOf* ?r . ?r a cg:Region ; skos:prefLabel|skos:altLabel ?x "
                            "BIND(STR(?x) AS ?l) } ORDER BY ?l")
    return [r[0] for r in rows.values()]


def _docs(store) -> list[str]:
    rows = run_query(store, "SELECT ?id WHERE { ?d a cg:Document ; dcterms:identifier ?id }")
    return [r[0] for r in rows.values()] + ["no-such-document"]


def test_every_named_query_has_a_reference():
    assert {p.stem for p in REFERENCE.glob("*.rq")} == set(named_queries())


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_reshaped_query_gives_the_reference_rows(seeds_store, name):
    query = named_queries()[name]
    if "region" in query.params:
        values = [{"region": v} for v in _labels(seeds_store)] + [{"region": "不存在"}]
    elif "source" in query.params:
        values = [{}] + [{"source": v} for v in _docs(seeds_store)]
    else:
        values = [{}]
    nonempty = 0
    for params in values:
        new = run_query(seeds_store, name, params)
        old = run_query(seeds_store, str(REFERENCE / f"{name}.rq"), params)
        assert new.variables == old.variables
        assert new.values() == old.values(), params
        nonempty += bool(new.rows)
    assert nonempty, name


# --- ordering and paging ----------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(named_queries()))
def test_sort_keys_are_strings_or_iris(seeds_store, name):
    """coopgraph sorts shipped queries' rows itself, which matches SPARQL's order for
    unbound values, IRIs and plain strings only: every ORDER BY column holds those."""
    query = named_queries()[name]
    _, keys = split_order(query.sparql)
    assert keys, name
    params = {"region": "广东省"} if "region" in query.params else {}
    result = run_query(seeds_store, name, params)
    for key in keys:
        column = [row[result.variables.index(key[1:])] for row in result.rows]
        assert all(t is None or isinstance(t, ox.NamedNode) or
                   (isinstance(t, ox.Literal) and t.language is None
                    and t.datatype.value.endswith("#string")) for t in column), key


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_pages_put_together_give_the_full_result(seeds_store, name):
    params = {"region": "广东省"} if "region" in named_queries()[name].params else {}
    full = run_query(seeds_store, name, params).values()
    assert full, name
    size = max(1, len(full) // 3)
    pages = [run_query(seeds_store, name, params, limit=size, offset=o).values()
             for o in range(0, len(full) + size, size)]
    assert [r for page in pages for r in page] == full
    assert run_query(seeds_store, name, params, limit=0).values() == []


def test_sorting_here_matches_the_engine(seeds_store):
    """The rows sorted in Python equal the engine's ORDER BY (the text run as it is)."""
    for name in ("entities", "twinning", "facts-by-document"):
        text = named_queries()[name].sparql
        engine = [tuple(term_value(s[v.value]) for v in res.variables)
                  for res in [seeds_store.query(text)] for s in res]
        assert run_query(seeds_store, name).values() == engine, name


def test_region_label_is_bound_in_every_form(seeds_store):
    query = named_queries()["rnd-in"]
    assert query.forms == {"region_label": "region"}
    assert [t.language for t in form_values(query, {"region": "x"})["region_label"]] == \
        ["zh", "zh-hant", "zh-hans", None]


@pytest.fixture(scope="module")
def seeds_graph(tmp_path_factory):
    out = tmp_path_factory.mktemp("seedsg") / "graph.trig"
    build([ROOT / "seeds"], out)
    return out


def test_cli_table_shows_the_first_page(seeds_graph):
    run = CliRunner().invoke

    def cells(text: str) -> list[str]:  # column widths differ with the rows shown
        return [" ".join(line.split()) for line in text.splitlines()]

    full = run(main, ["query", "entities", "-g", str(seeds_graph), "--all"])
    lines = cells(full.stdout)
    n = int(lines[-1].strip("()").split()[0])
    assert n > DEFAULT_PAGE
    first = run(main, ["query", "entities", "-g", str(seeds_graph)])
    assert first.exit_code == 0
    assert cells(first.stdout)[2:-1] == lines[2:2 + DEFAULT_PAGE]
    assert cells(first.stdout)[-1] == f"({DEFAULT_PAGE} rows)"
    assert f"--offset {DEFAULT_PAGE} for the next page" in first.stderr
    rest = run(main, ["query", "entities", "-g", str(seeds_graph), "--offset",
                      str(DEFAULT_PAGE)])
    assert cells(rest.stdout)[2:-1] == lines[2 + DEFAULT_PAGE:-1][:DEFAULT_PAGE]
    csv = run(main, ["query", "entities", "-g", str(seeds_graph), "-f", "csv"])
    assert len(csv.stdout.splitlines()) == n + 1 and "next page" not in csv.stderr
