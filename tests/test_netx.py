"""RDF → networkx projection: the schema shared with the HTML view."""
from __future__ import annotations

import networkx as nx
import pytest

from graph.explain import explain, find_entities
from graph.errors import QueryError
from graph.netx import to_networkx
from graph.rdf import to_dataset
from graph.store import store_from_dataset
from sample import sample_extraction

ID = "https://w3id.org/coopgraph/id/"
YUHUA, XT_COUNTY = ID + "region/430111", ID + "region/430321"
PARK = ID + "park/%E9%95%BF%E6%A0%AA%E6%BD%AD%E5%8D%8F%E5%90%8C%E4%BA%A7%E4%B8%9A%E5%9B%AD"


@pytest.fixture(scope="module")
def store():
    return store_from_dataset(to_dataset(sample_extraction()))


@pytest.fixture(scope="module")
def g(store) -> nx.MultiDiGraph:
    return to_networkx(store)


def test_node_attributes(g):
    assert g.nodes[YUHUA] == {
        "label": "雨花区", "category": "Region", "kind": "District", "adcode": "430111",
        "parent": ID + "region/430100", "alt_labels": "雨花", "mentioned": 2,
        "sources": "a|b", "evidence": "雨花区", "lat": 28.135722, "lon": 113.03826}
    assert g.nodes[PARK] == {
        "label": "长株潭协同产业园", "category": "Park", "kind": "CoBuiltPark", "adcode": "",
        "parent": "", "alt_labels": "", "mentioned": 1, "sources": "a",
        "evidence": "长株潭协同产业园"}
    assert g.nodes[XT_COUNTY]["alt_labels"] == "湘潭縣"


def test_all_entities_are_nodes_including_unmentioned(g):
    cats = sorted((d["label"], d["category"], d["mentioned"]) for _, d in g.nodes(data=True))
    assert cats == [
        ("<img src=x onerror=alert(1)>科技园", "Park", 1), ("宁波大桥", "Infrastructure", 1),
        ("湖南省", "Region", 0), ("湘潭县", "Region", 2), ("湘潭市", "Region", 0),
        ("湘潭电机股份有限公司", "Enterprise", 0), ("长株潭协同产业园", "Park", 1),
        ("长沙市", "Region", 0), ("雨花区", "Region", 2)]


def test_edges_relations_directions_labels(g):
    lab = lambda n: g.nodes[n]["label"]  # noqa: E731
    edges = sorted((d["relation"], lab(u), lab(v), d["label"]) for u, v, d in g.edges(data=True))
    xss = "<img src=x onerror=alert(1)>科技园"
    assert edges == [
        ("co_built", "湘潭县", "长株潭协同产业园", "共建"),
        ("co_built", "雨花区", "长株潭协同产业园", "共建"),
        ("connection", "宁波大桥", "湘潭县", "连接"),
        ("connection", "宁波大桥", "雨花区", "连接"),
        ("enclave_host", xss, "湘潭县", "飞地所在地"),
        ("enclave_owner", xss, "雨花区", "飞地所属"),
        ("located_in", "长株潭协同产业园", "湘潭县", "位于"),
        ("pairing", "雨花区", "湘潭县", "研发 → 生产"),
        ("part_of", "湘潭县", "湘潭市", "隶属"),
        ("part_of", "湘潭市", "湖南省", "隶属"),
        ("part_of", "长沙市", "湖南省", "隶属"),
        ("part_of", "雨花区", "长沙市", "隶属"),
        ("twinning", "湘潭县", "雨花区", "结对"),
    ]


def test_edge_keys_and_attributes(g):
    [(key, d)] = [(k, d) for _, _, k, d in g.edges(keys=True, data=True)
                  if d["relation"] == "pairing"]
    assert key == d["fact"] and key.startswith(ID + "fact/pairing/")
    assert (d["up_function"], d["down_function"]) == ("研发", "生产")
    assert (d["up_function_id"], d["down_function_id"]) == ("RnD", "Production")
    assert d["evidence"] == "研发在雨花区、生产在湘潭县，两地共建长株潭协同产业园。"
    assert (d["source"], d["rule"], d["confidence"]) == ("a", "split.at", 0.9)
    cob = [d for _, _, d in g.edges(data=True) if d["relation"] == "co_built"][0]
    assert (cob["status"], cob["date"]) == ("completed", "2024-04")
    assert g.has_edge(YUHUA, ID + "region/430100", key="partOf:" + YUHUA)
    twin = [d for _, _, d in g.edges(data=True) if d["relation"] == "twinning"][0]
    assert twin["kind"] == "结对帮扶"


def test_every_attribute_is_scalar(g):
    for _, d in g.nodes(data=True):
        assert all(isinstance(v, (str, int, float)) for v in d.values())
    for _, _, d in g.edges(data=True):
        assert all(isinstance(v, (str, int, float)) for v in d.values())
        assert isinstance(d["confidence"], float)


def test_projection_is_deterministic(store, g):
    again = to_networkx(store)
    assert list(again.nodes(data=True)) == list(g.nodes(data=True))
    assert list(again.edges(keys=True, data=True)) == list(g.edges(keys=True, data=True))


def test_find_entities(g):
    assert find_entities(g, "雨花") == [YUHUA]
    assert find_entities(g, "湘潭縣") == [XT_COUNTY]
    assert find_entities(g, "id:region/430111") == [YUHUA]
    assert find_entities(g, "湘潭") == []


def test_explain_entity(store):
    text = explain(store, "雨花区")
    lines = text.splitlines()
    assert lines[:4] == ["雨花区  (Region · District)", f"  iri        {YUHUA}",
                         "  adcode     430111", "  hierarchy  湖南省 › 长沙市 › 雨花区"]
    assert "facts (5):" in lines
    assert "  pairing  雨花区（研发）→ 湘潭县（生产）" in lines
    assert "    [a@0] 研发在雨花区、生产在湘潭县，两地共建长株潭协同产业园。" in lines
    assert "    rule split.at · confidence 0.90" in lines


def test_explain_fact_and_unknown(store, g):
    fact = next(d["fact"] for _, _, d in g.edges(data=True) if d["relation"] == "twinning")
    text = explain(store, fact)
    assert text.splitlines()[:2] == [f"fact {fact}", "  twinning  湘潭县 ↔ 雨花区（结对帮扶）"]
    with pytest.raises(QueryError) as err:
        explain(store, "湘潭")
    assert str(err.value) == ("no entity or fact named '湘潭' in the graph "
                              "(did you mean 湘潭县, 湘潭市, 湘潭电机股份有限公司?)")


def test_explain_parent_region_without_facts(store):
    lines = explain(store, "长沙市").splitlines()
    assert lines == ["长沙市  (Region · City)", f"  iri        {ID}region/430100",
                     "  adcode     430100", "  hierarchy  湖南省 › 长沙市",
                     "  lon/lat    112.938814, 28.228209", "  mentioned  0 documents",
                     "facts (0):"]
