"""The discourse layer: aliases an article declares become labels of one entity."""
from __future__ import annotations

from graph.pipeline import extract_text


def _entity(ex, label):
    return next(e for e in ex.entities.values() if e.label == label)


def test_declared_alias_is_an_alt_label_of_one_entity() -> None:
    ex = extract_text("漳州市与龙岩市共建的漳龙产业合作园区（以下简称“漳龙园”）正式揭牌。"
                      "漳龙园位于漳州市长泰区。")
    park = _entity(ex, "漳龙产业合作园区")
    assert park.alt_labels == {"漳龙园"}
    assert not [e for e in ex.entities.values() if e.label == "漳龙园"]


def test_bracketed_short_form_is_an_alias() -> None:
    ex = extract_text("泉州市惠安县石化产业合作园区（泉惠石化园）今日开园。泉惠石化园位于惠安县。")
    park = _entity(ex, "泉州市惠安县石化产业合作园区")
    assert "泉惠石化园" in park.alt_labels


def test_bracket_that_is_no_short_form_is_no_alias() -> None:
    ex = extract_text("漳龙产业合作园区（2023年）正式揭牌。")
    assert all(not e.alt_labels for e in ex.entities.values() if e.category == "Park")


def test_traditional_alias_keeps_its_script() -> None:
    ex = extract_text("漳州市與龍巖市共建的漳龍產業合作園區（以下簡稱“漳龍園”）正式揭牌。漳龍園位於漳州市。")
    park = _entity(ex, "漳龙产业合作园区")
    assert "漳龙园" in park.alt_labels and "漳龍園" in park.trad_labels


def test_abbreviation_is_no_alias_of_the_place() -> None:
    ex = extract_text("漳州市与龙岩市签署协议。漳龙合作产业园揭牌，共建工作全面启动。")
    assert "漳龙" not in _entity(ex, "漳州市").alt_labels


def test_sar_short_form_is_an_alt_label() -> None:
    ex = extract_text("澳门特区与江门市签署合作协议，香港特區也派员出席。")
    assert "澳门特区" in _entity(ex, "澳门特别行政区").alt_labels
    assert "香港特区" in _entity(ex, "香港特别行政区").alt_labels


def test_zone_own_part_alone_is_an_alt_label() -> None:
    ex = extract_text("大榭开发区近年吸引多家企业落户。总部设在宁波市区，产能布局在大榭。")
    assert "大榭" in _entity(ex, "大榭开发区").alt_labels
    assert not [e for e in ex.entities.values() if e.label == "大榭"]


def test_zone_own_part_inside_a_word_is_no_alt_label() -> None:
    ex = extract_text("洋口经济开发区今年新签项目12个。洋口港货运量去年增长一成。")
    assert "洋口" not in _entity(ex, "洋口经济开发区").alt_labels


def test_line_named_by_its_ends_has_its_initials_form_as_alias() -> None:
    ex = extract_text("南京至滁州城际铁路（宁滁城际）今日开通。宁滁城际全长五十四公里。")
    line = _entity(ex, "南京至滁州城际铁路")
    assert line.alt_labels == {"宁滁城际"}
    assert not [e for e in ex.entities.values() if e.label == "宁滁城际"]


def test_line_initials_alias_takes_the_coded_name_inside_it() -> None:
    ex = extract_text("成都至德阳市域铁路（成德S11线）开通。成德S11线西起成都北站，东至德阳站。")
    line = _entity(ex, "成都至德阳市域铁路")
    assert "成德S11线" in line.alt_labels
    assert [e.label for e in ex.entities.values() if e.category == "Infrastructure"
            and e.kind == "Railway"] == ["成都至德阳市域铁路"]


def test_bracket_not_made_of_the_ends_initials_is_no_line_alias() -> None:
    ex = extract_text("南京至滁州城际铁路（滁州段工程）今日开通。")
    assert not _entity(ex, "南京至滁州城际铁路").alt_labels
