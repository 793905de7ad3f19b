"""The named queries, reshaped for speed, give the same rows as their plain versions.

``tests/data/reference_queries/`` keeps the first, straightforward version of every named
query (patterns in reading order, labels and containment by filters). The shipped ones
are reshaped so their cost follows the rows they return; on a build of the seeds, for
every query and every value of its parameter, the two must return identical rows.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from graph.pipeline import build
from graph.query import named_queries, run_query
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
