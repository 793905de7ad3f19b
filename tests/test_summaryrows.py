"""A document's summary rows made from its extraction (graph/summaryrows.py) are the rows
the summary queries give on its graph (graph.summary.doc_rows): the same tables (up to
row order), the same first sentences and entities depended on, the same descriptions of
those entities (graph and fixed lines) and of those the graph describes (its lines)."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from graph import summary as S
from graph.model import Entity, Extraction, Fact, Span
from graph.pipeline import extract_one, read_one
from graph.rdf import FACT_CLASS, document_ntriples
from graph.read import document_from_text
from graph.summaryrows import _BY_RELATION, COLUMNS, document_rows

ROOT = Path(__file__).parent.parent
TEXTS = {  # invented sentences: every relation, Simplified and Traditional
    "t1": "长沙市雨花区与湘潭市湘潭县签署合作协议。研发在雨花区、生产在湘潭县，"
          "两地共建长株潭协同产业园。该园位于湘潭县，由雨花区与湘潭县合作共建。\n",
    "t2": "湘潭县与雨花区结对帮扶。宁波大桥连接雨花区与湘潭县。\n",
    "t3": "株洲市芦淞区在湘潭县设立飞地产业园，双方共建芦淞湘潭产业园。\n",
    "t4": "岳麓區與瀏陽市開展對口協作。總部在岳麓區，製造在瀏陽市。星城智造園位於瀏陽市。\n",
    "t5": "衡阳市珠晖区与郴州市北湖区共建湘南合作产业园，研发在珠晖区、生产在北湖区。"
          "京港高铁连接珠晖区、北湖区和长沙市。\n",
}


def _unordered(tables: dict) -> dict:
    return {n: (kinds, sorted(values, key=repr)) for n, (kinds, values) in tables.items()}


def assert_same_rows(ex: Extraction, doc) -> S.DocRows:
    nt, fixed = document_ntriples(ex, doc)
    want, got = S.doc_rows(nt, fixed), document_rows(ex, doc)
    assert want is not None
    assert list(got.tables) == list(want.tables)
    assert _unordered(got.tables) == _unordered(want.tables), doc.doc_id
    assert sorted(got.ent_doc) == sorted(want.ent_doc), doc.doc_id
    assert (got.refs, got.descs) == (want.refs, want.descs), doc.doc_id
    assert got.described == want.described, doc.doc_id
    return got


def test_columns_are_the_queries():
    for name, (cols, kinds) in COLUMNS.items():
        text = S.variant(name) if name in S.REGIONAL else S._listing_text(name)
        assert S._columns(text) == cols, name
        assert len(kinds) == len(cols)
    assert set(COLUMNS) == {*S.LISTINGS, *S.REGIONAL}
    assert set(_BY_RELATION) == set(FACT_CLASS)  # every fact class a query reads


@pytest.mark.parametrize("doc_id", sorted(TEXTS))
def test_rows_of_invented_articles(doc_id):
    doc = document_from_text(TEXTS[doc_id], doc_id, title="標題", date="2024-05",
                             source="某报")
    ex = extract_one(doc)
    assert ex.facts
    rows = assert_same_rows(ex, doc)
    assert sum(len(v) for _, v in rows.tables.values()) > 2


def test_rows_of_the_seed_articles():
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    assert seeds
    n = 0
    for path in seeds:
        doc = read_one(path, path.stem)
        rows = assert_same_rows(extract_one(doc), doc)
        n += sum(len(v) for _, v in rows.tables.values())
    assert n > 100


def _odd_extraction() -> tuple[Extraction, object]:
    """An extraction no article gives, with every multiset case the queries' joins have:
    two texts on one sentence node, a place in two roles of one fact, a partner with no
    description, a twinning of a place with itself, a fact and a mention of another
    document, an entity with two labels' worth of keys on one node, quotes and line
    ends in labels."""
    doc = document_from_text("甲乙丙丁。", "odd", title="题\n目")
    other = "elsewhere"
    s1 = Span("odd", 0, 5, "甲乙丙丁。")
    s2 = Span("odd", 0, 5, "甲乙丙丁!", 0, 5)  # the same node, another text
    s3 = Span(other, 0, 2, "外文")
    ents = {
        "park:甲园": Entity("park:甲园", '甲"园', "Park", "IndustrialPark"),
        "region:110101": Entity("region:110101", "东城区", "Region", "District",
                                parent="region:110100"),
        "region:110100": Entity("region:110100", "北京市", "Region", "City"),
        "firm:乙": Entity("firm:乙", "乙\\公司", "Enterprise", "Park"),
        "firm:丙": Entity("firm:丙", "丙", "Institution", "Institution"),
    }
    facts = [
        Fact("co_built", {"park": "park:甲园",
                          "partners": ("park:甲园", "region:110101", "firm:无", "firm:乙")},
             s1, "r1", status="planned"),
        Fact("co_built", {"park": "park:甲园", "partners": ("region:110101",)}, s2, "r2"),
        Fact("twinning", {"a": "region:110101", "b": "region:110101", "kind": "结对"}, s1,
             "r3"),
        Fact("twinning", {"a": "firm:乙", "b": "firm:丙"}, s2, "r4"),
        Fact("pairing", {"up": "region:110101", "down": "region:110101", "up_fn": "RnD",
                         "down_fn": "Manufacturing", "up_text": "研发", "down_text": "生产"},
             s1, "r5"),
        Fact("enclave", {"enclave": "park:甲园", "host": "region:110101",
                         "owner": "firm:丙", "kind": "reverse"}, s2, "r6"),
        Fact("connection", {"infra": "firm:丙", "places": ("region:110101", "park:甲园",
                                                           "region:110101")}, s1, "r7"),
        Fact("located_in", {"entity": "park:甲园", "place": "region:110100"}, s2, "r8"),
        Fact("located_in", {"entity": "firm:乙", "place": "region:110100"}, s3, "r9"),
    ]
    mentions = {("park:甲园", "odd"): s1, ("firm:乙", "odd"): s2, ("firm:丙", "odd"): s2,
                ("region:110100", other): s3}
    return Extraction(documents=[doc], entities=ents, facts=facts, mentions=mentions), doc


def test_rows_of_an_odd_extraction():
    ex, doc = _odd_extraction()
    rows = assert_same_rows(ex, doc)
    assert len(rows.tables["region-partners"][1]) > 20
    twins = rows.tables["twinning"][1]
    assert len(twins) == 2  # 东城区 with itself: not a pair; 乙/丙 under both texts
    doc2 = replace(doc, doc_id="empty", title=None)
    assert_same_rows(Extraction(documents=[doc2]), doc2)  # a document with nothing in it
