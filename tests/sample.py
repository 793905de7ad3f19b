"""A small hand-made extraction (invented facts, not from the seeds) for testing the
layers after extraction: RDF, queries, exports and the view."""
from __future__ import annotations

from graph.model import Document, Entity, Extraction, Fact, Span

TEXT_A = ("研发在雨花区、生产在湘潭县，两地共建长株潭协同产业园。"
          "该园位于湘潭县，由雨花区与湘潭县合作共建。"
          "宁波大桥连接雨花区与湘潭县。")
TEXT_B = "<img src=x onerror=alert(1)>科技园是雨花区在湘潭县建设的飞地。两地结对帮扶。"


def _span(doc: str, text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span(doc, start, start + len(needle), needle)


def sample_extraction() -> Extraction:
    ex = Extraction()
    ex.documents = [
        Document("a", "a.txt", TEXT_A, TEXT_A, title="示例甲", date="2024-05-01", source="测试报"),
        Document("b", "b.txt", TEXT_B, TEXT_B),
    ]
    ents = [
        Entity("region:430000", "湖南省", "Region", "Province", adcode="430000",
               lon=112.9836, lat=28.112743),
        Entity("region:430100", "长沙市", "Region", "City", adcode="430100", lon=112.938814,
               lat=28.228209, parent="region:430000"),
        Entity("region:430111", "雨花区", "Region", "District", {"雨花"}, adcode="430111",
               lon=113.03826, lat=28.135722, parent="region:430100"),
        Entity("region:430300", "湘潭市", "Region", "City", adcode="430300", lon=112.944052,
               lat=27.82973, parent="region:430000"),
        Entity("region:430321", "湘潭县", "Region", "County", adcode="430321", lon=112.952829,
               lat=27.778601, parent="region:430300", trad_labels={"湘潭縣"}),
        Entity("park:长株潭协同产业园", "长株潭协同产业园", "Park", "CoBuiltPark"),
        Entity("park:<img src=x onerror=alert(1)>科技园", "<img src=x onerror=alert(1)>科技园",
               "Park", "Enclave"),
        Entity("infrastructure:宁波大桥", "宁波大桥", "Infrastructure", "Bridge"),
        Entity("enterprise:湘潭电机股份有限公司", "湘潭电机股份有限公司", "Enterprise",
               "Enterprise"),
    ]
    ex.entities = {e.key: e for e in ents}
    A, B = TEXT_A, TEXT_B
    s1 = _span("a", A, "研发在雨花区、生产在湘潭县，两地共建长株潭协同产业园。")
    s2 = _span("a", A, "该园位于湘潭县，由雨花区与湘潭县合作共建。")
    s3 = _span("a", A, "宁波大桥连接雨花区与湘潭县。")
    s4 = _span("b", B, "<img src=x onerror=alert(1)>科技园是雨花区在湘潭县建设的飞地。")
    s5 = _span("b", B, "两地结对帮扶。")
    ex.facts = [
        Fact("pairing", {"up": "region:430111", "down": "region:430321", "up_fn": "RnD",
                         "down_fn": "Production", "up_text": "研发", "down_text": "生产"},
             s1, "split.at", 0.9),
        Fact("co_built", {"park": "park:长株潭协同产业园",
                          "partners": ("region:430111", "region:430321")},
             s2, "cobuilt.verb", 0.8, status="completed", date="2024-04",
             quantities=[{"kind": "area", "unit": "m2", "value": 220000.0,
                          "text": "330亩"}]),
        Fact("located_in", {"entity": "park:长株潭协同产业园", "place": "region:430321"},
             s2, "located.weiyu", 0.8),
        Fact("connection", {"infra": "infrastructure:宁波大桥",
                            "places": ("region:430111", "region:430321")},
             s3, "connect.verb", 0.8),
        Fact("enclave", {"enclave": "park:<img src=x onerror=alert(1)>科技园",
                         "host": "region:430321", "owner": "region:430111",
                         "kind": "forward"}, s4, "enclave.feidi", 0.7, status="planned"),
        Fact("twinning", {"a": "region:430111", "b": "region:430321", "kind": "结对帮扶"},
             s5, "twin.pair", 0.6),
    ]
    for key, doc, text, needle in [
        ("region:430111", "a", A, "雨花区"), ("region:430321", "a", A, "湘潭县"),
        ("park:长株潭协同产业园", "a", A, "长株潭协同产业园"),
        ("infrastructure:宁波大桥", "a", A, "宁波大桥"),
        ("park:<img src=x onerror=alert(1)>科技园", "b", B, "<img src=x onerror=alert(1)>科技园"),
        ("region:430111", "b", B, "雨花区"), ("region:430321", "b", B, "湘潭县"),
    ]:
        ex.mentions[(key, doc)] = _span(doc, text, needle)
    return ex
