"""Status, dates and quantities of facts."""
from __future__ import annotations

from graph.qualifiers import quantities, sentence_date, sentence_status


def test_status() -> None:
    assert sentence_status("两地共建的产业园有望于明年建成") == "planned"
    assert sentence_status("园区正在加快建设") == "under_construction"
    assert sentence_status("产业园已正式揭牌") == "completed"
    assert sentence_status("两地交流频繁") is None


def test_dates_absolute_and_relative() -> None:
    assert sentence_date("2020年底，大桥开通", None) == "2020"
    assert sentence_date("今年11月中旬揭牌", "2023-12-19") == "2023-11"
    assert sentence_date("去年6月封关运作", "2024-01-05") == "2023-06"
    assert sentence_date("7月28日签约", "2023-08-01") == "2023-07-28"
    assert sentence_date("今年11月揭牌", None) is None


def test_quantities_in_one_unit() -> None:
    got = quantities("总用地面积330亩，总投资2.37亿元，规划4.5平方公里，入驻企业14家")
    assert got == [
        {"kind": "area", "unit": "m2", "value": 220000.0, "text": "330亩"},
        {"kind": "money", "unit": "CNY", "value": 237000000.0, "text": "2.37亿元"},
        {"kind": "area", "unit": "m2", "value": 4500000.0, "text": "4.5平方公里"},
        {"kind": "firms", "unit": "count", "value": 14.0, "text": "14家"},
    ]
    assert quantities("规划总面积1.76万亩")[0]["value"] == 11733333.33
