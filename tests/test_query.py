"""Named queries: exact rows on the hand-made sample graph; parameters; formats; errors."""
from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from graph.errors import QueryError
from graph.query import (display_width, format_results, format_table, list_queries,
                         named_queries, run_query)
from graph.rdf import to_dataset
from graph.store import store_from_dataset
from sample import TEXT_A, TEXT_B, sample_extraction

S1 = "研发在雨花区、生产在湘潭县，两地共建长株潭协同产业园。"
S2 = "该园位于湘潭县，由雨花区与湘潭县合作共建。"
S3 = "宁波大桥连接雨花区与湘潭县。"
S4 = "<img src=x onerror=alert(1)>科技园是雨花区在湘潭县建设的飞地。"
S5 = "两地结对帮扶。"
XSS = "<img src=x onerror=alert(1)>科技园"
PARK = "长株潭协同产业园"

#: name → (params, variables, rows): the public contract on tests/sample.py.
EXPECTED = {
    "entities": (None, ("label", "category", "source", "evidence"), [
        ("宁波大桥", "Infrastructure", "a", "宁波大桥"),
        (XSS, "Park", "b", XSS),
        (PARK, "Park", "a", PARK),
        ("湘潭县", "Region", "a", "湘潭县"),
        ("雨花区", "Region", "a", "雨花区"),
    ]),
    "pairings": (None, ("upstream_function", "upstream_region", "downstream_function",
                        "downstream_region", "upstream_function_id",
                        "downstream_function_id", "source", "evidence"), [
        ("研发", "雨花区", "生产", "湘潭县", "RnD", "Production", "a", S1),
    ]),
    "co-built-parks": (None, ("park", "partner", "status", "source", "evidence"), [
        (PARK, "湘潭县", "completed", "a", S2),
        (PARK, "雨花区", "completed", "a", S2),
    ]),
    "enclaves": (None, ("enclave", "kind", "host", "owner", "source", "evidence"), [
        (XSS, "forward", "湘潭县", "雨花区", "b", S4),
    ]),
    "twinning": (None, ("region_a", "region_b", "kind", "source", "evidence"), [
        ("湘潭县", "雨花区", "结对帮扶", "b", S5),
    ]),
    "connections": (None, ("infrastructure", "region", "source", "evidence"), [
        ("宁波大桥", "湘潭县", "a", S3),
        ("宁波大桥", "雨花区", "a", S3),
    ]),
    "located-in": (None, ("entity", "place", "source", "evidence"), [
        (PARK, "湘潭县", "a", S2),
    ]),
    "documents": (None, ("source", "title", "date", "publisher", "facts", "entities", "path"), [
        ("a", "示例甲", "2024-05-01", "测试报", "4", "4", "a.txt"),
        ("b", "", "", "", "2", "3", "b.txt"),
    ]),
    "facts-by-document": ({"source": "b"}, (
        "source", "relation", "role", "participant", "evidence", "rule", "confidence",
        "fact"), [
        ("b", "enclave", "enclave", XSS, S4, "enclave.feidi", "0.7",
         "https://w3id.org/coopgraph/id/fact/enclave/263d6ec69e8626c8"),
        ("b", "enclave", "host", "湘潭县", S4, "enclave.feidi", "0.7",
         "https://w3id.org/coopgraph/id/fact/enclave/263d6ec69e8626c8"),
        ("b", "enclave", "owner", "雨花区", S4, "enclave.feidi", "0.7",
         "https://w3id.org/coopgraph/id/fact/enclave/263d6ec69e8626c8"),
        ("b", "twinning", "member", "湘潭县", S5, "twin.pair", "0.6",
         "https://w3id.org/coopgraph/id/fact/twinning/8584c622e3b8c535"),
        ("b", "twinning", "member", "雨花区", S5, "twin.pair", "0.6",
         "https://w3id.org/coopgraph/id/fact/twinning/8584c622e3b8c535"),
    ]),
    "region-partners": ({"region": "长沙市"}, (
        "region", "via", "relation", "partner", "partner_category", "source", "evidence"), [
        ("长沙市", "雨花区", "enclave", XSS, "Park", "b", S4),
        ("长沙市", "雨花区", "connection", "宁波大桥", "Infrastructure", "a", S3),
        ("长沙市", "雨花区", "co_built", "湘潭县", "Region", "a", S2),
        ("长沙市", "雨花区", "connection", "湘潭县", "Region", "a", S3),
        ("长沙市", "雨花区", "enclave", "湘潭县", "Region", "b", S4),
        ("长沙市", "雨花区", "pairing", "湘潭县", "Region", "a", S1),
        ("长沙市", "雨花区", "twinning", "湘潭县", "Region", "b", S5),
        ("长沙市", "雨花区", "co_built", PARK, "Park", "a", S2),
    ]),
    "rnd-in": ({"region": "湖南省"}, (
        "region", "upstream_function", "upstream_region", "downstream_function",
        "downstream_region", "upstream_function_id", "downstream_function_id", "source",
        "evidence"), [
        ("湖南省", "研发", "雨花区", "生产", "湘潭县", "RnD", "Production", "a", S1),
    ]),
}


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return store_from_dataset(to_dataset(sample_extraction()))


def test_sample_sentences_are_in_the_texts():
    assert all(s in TEXT_A for s in (S1, S2, S3)) and all(s in TEXT_B for s in (S4, S5))


def test_every_named_query_is_tested():
    assert set(named_queries()) == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_named_query_exact_rows(store, name):
    params, variables, rows = EXPECTED[name]
    result = run_query(store, name, params)
    assert tuple(result.variables) == variables
    assert result.values() == rows


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_labels_are_plain_strings(store, name):
    params = EXPECTED[name][0]
    for row in run_query(store, name, params).rows:
        for term in row:
            if isinstance(term, ox.Literal):
                assert term.language is None
                assert term.datatype.value.endswith(("#string", "#integer")), term


def test_contract_queries_return_source_and_evidence(store):
    for name in ("entities", "pairings", "co-built-parks", "enclaves", "twinning",
                 "connections", "located-in"):
        assert {"source", "evidence"} <= set(run_query(store, name).variables), name


def test_params_are_data_not_code(store):
    hostile = '长沙市") } } DELETE WHERE { ?s ?p ?o } #'
    assert run_query(store, "region-partners", {"region": hostile}).rows == []
    assert len(run_query(store, "entities").rows) == 5


def test_param_matches_alt_labels_and_containment(store):
    rows = run_query(store, "rnd-in", {"region": "雨花"}).values()
    assert [r[2] for r in rows] == ["雨花区"]
    assert run_query(store, "rnd-in", {"region": "湘潭市"}).rows == []


def test_optional_param_filters(store):
    assert len(run_query(store, "facts-by-document").rows) == 15
    assert len(run_query(store, "facts-by-document", {"source": "a"}).rows) == 10


def test_parameter_errors(store):
    with pytest.raises(QueryError) as err:
        run_query(store, "rnd-in")
    assert str(err.value) == ("query rnd-in needs --param region=VALUE "
                              "(a region label or alias, e.g. 横琴)")
    with pytest.raises(QueryError) as err:
        run_query(store, "pairings", {"region": "x"})
    assert str(err.value) == "query pairings has no parameter 'region' (parameters: none)"
    with pytest.raises(QueryError) as err:
        run_query(store, "SELECT ?s WHERE { ?s a cg:Park }", {"x": "1"})
    assert str(err.value) == "query sparql has no variable ?x in its SELECT clause to bind"


def test_adhoc_sparql_with_predeclared_prefixes_and_iri_param(store):
    q = "SELECT ?label WHERE { ?park skos:prefLabel ?l BIND(STR(?l) AS ?label) }"
    iri = "<https://w3id.org/coopgraph/id/infrastructure/%E5%AE%81%E6%B3%A2%E5%A4%A7%E6%A1%A5>"
    res = run_query(store, q.replace("SELECT ?label", "SELECT ?park ?label"), {"park": iri})
    assert [r[1] for r in res.values()] == ["宁波大桥"]


def test_query_file(tmp_path, store):
    f = tmp_path / "parks.rq"
    f.write_text("# parks\nSELECT (COUNT(*) AS ?n) WHERE { ?p a cg:Park }\n", encoding="utf-8")
    assert run_query(store, str(f)).values() == [("2",)]
    with pytest.raises(QueryError, match="^query file not found: .*nothere.rq$"):
        run_query(store, str(tmp_path / "nothere.rq"))


def test_unknown_name_and_bad_sparql(store):
    with pytest.raises(QueryError) as err:
        run_query(store, "pairing")
    assert str(err.value).startswith("unknown query 'pairing': use one of co-built-parks, ")
    with pytest.raises(QueryError) as err:
        run_query(store, "SELECT ?s WHERE { ?s ?p }")
    msg = str(err.value)
    assert msg.startswith("SPARQL syntax error: error at 1:") and "\n" not in msg


def test_ask_and_construct(store):
    ask = run_query(store, "ASK { ?x cg:twinnedWith ?y }")
    assert ask.kind == "ask" and ask.boolean is True
    assert format_results(ask, "table") == "true\n"
    assert json.loads(format_results(ask, "json")) == {"head": {}, "boolean": True}
    assert format_results(ask, "csv") == "\ufeffboolean\r\ntrue\r\n"
    assert format_results(ask, "csv", bom=False) == "boolean\r\ntrue\r\n"
    con = run_query(store, "CONSTRUCT { ?b rdfs:label ?l } WHERE { ?b a cg:Bridge ; "
                           "skos:prefLabel ?l }")
    assert con.kind == "graph"
    assert '"宁波大桥"@zh' in format_results(con, "table")
    assert format_results(con, "csv", bom=False).splitlines()[0] == "subject,predicate,object"


def test_json_is_sparql_results_json(store):
    text = format_results(run_query(store, "twinning"), "json")
    assert "湘潭县" in text  # not \u-escaped
    doc = json.loads(text)
    assert doc["head"]["vars"] == ["region_a", "region_b", "kind", "source", "evidence"]
    assert doc["results"]["bindings"][0]["region_a"] == {"type": "literal", "value": "湘潭县"}
    parsed = ox.parse_query_results(text.encode("utf-8"), format=ox.QueryResultsFormat.JSON)
    assert [s["region_b"].value for s in parsed] == ["雨花区"]


def test_csv_format(store):
    text = format_results(run_query(store, "connections"), "csv", bom=False)
    assert text == ("infrastructure,region,source,evidence\r\n"
                    f"宁波大桥,湘潭县,a,{S3}\r\n宁波大桥,雨花区,a,{S3}\r\n")


def test_table_is_aligned_for_cjk(store):
    text = format_results(run_query(store, "connections"), "table")
    lines = text.splitlines()
    assert lines[0] == "infrastructure  region  source  evidence"
    assert lines[2] == f"宁波大桥        湘潭县  a       {S3}"
    assert lines[-1] == "(2 rows)"
    # every column starts at the same display column
    col = display_width("infrastructure  ")
    assert all(display_width(line[: line.index(v)]) == col
               for line, v in zip(lines[2:4], ("湘潭县", "雨花区")))


def test_format_table_widths():
    assert display_width("ab雨花") == 6
    assert format_table(["a", "b"], [["雨", "x"], ["yy", "z"]]) == (
        "a   b\n--  -\n雨  x\nyy  z\n(2 rows)\n")


def test_list_queries_have_descriptions():
    items = dict(list_queries())
    assert items["pairings"].startswith("Function splits")
    assert all(desc and not desc.startswith("#") for desc in items.values())
    assert named_queries()["region-partners"].required == frozenset({"region"})


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_same_rows_without_named_graphs(store, name):
    """A Turtle export (or any store loaded without the document graphs) holds everything in
    the default graph: every named query must still give the same rows."""
    flat = ox.Store()
    flat.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in store)
    params = EXPECTED[name][0]
    assert run_query(flat, name, params).values() == EXPECTED[name][2]
