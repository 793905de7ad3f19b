"""Mentions: gazetteer gating, suffix names, lists."""
from __future__ import annotations

from graph.mentions import find_mentions


def names(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.category) for m in find_mentions(text)]


def test_region_short_form_needs_context() -> None:
    assert names("龙华的发展") == []  # two 龙华区 in China, nothing decides
    found = [m for m in find_mentions("深圳市龙华区与龙华街道") if m.text == "龙华区"]
    assert found[0].candidates == ("region:440300/龙华区",)


def test_common_word_short_forms_need_the_full_name() -> None:
    assert names("合作共赢，资源共享") == []
    assert ("光明", "Region") in names("深圳市光明区。光明的企业")


def test_suffix_names_stop_at_verbs_and_particles() -> None:
    assert names("推动南屏科技工业园迭代升级") == [("南屏科技工业园", "Park")]
    assert names("这家位于某地的生物医药产业园很大") == []


def test_region_prefixed_names_keep_the_region() -> None:
    assert names("支持金湾区生物医药产业园发展") == [("金湾区生物医药产业园", "Park")]


def test_quoted_names_and_adjacent_quotes() -> None:
    got = names("设立“韶关(天河)交流中心”“韶关(天河)创新中心”。广州市天河区,韶关市")
    assert ("韶关(天河)交流中心", "Park") in got
    assert ("韶关(天河)创新中心", "Park") in got


def test_enterprise_lists_share_a_category() -> None:
    got = names("园区引进了宁德时代、比亚迪、欣旺达等龙头企业")
    assert [n for n, c in got if c == "Enterprise"] == ["宁德时代", "比亚迪", "欣旺达"]


def test_single_character_suffix_inside_a_common_word_is_not_a_name() -> None:
    assert names("发展集成电路产业") == []
    assert names("开通唐家港至深圳水上航线") == [("唐家港至深圳水上航线", "Infrastructure")]


def test_zone_names_start_at_a_place() -> None:
    assert names("加快珠海高新区建设") == [("珠海高新区", "Region")]


def test_quoted_part_inside_a_name() -> None:
    got = names("深圳市坪山区—汕头市龙湖区“百千万工程”产业合作园区以龙湖现代产业园为基础。")
    assert got[0] == ("深圳市坪山区—汕头市龙湖区“百千万工程”产业合作园区", "Park")


def test_a_date_is_not_part_of_a_zone_name() -> None:
    assert ("珠海高新区", "Region") in names("2023年珠海高新区将加快发展")


def test_a_suffix_inside_a_longer_suffix_occurrence_is_recognised() -> None:
    from graph.mentions import _longer_hits

    # 新星科技城: 科技 [2, 4) and 城 [4, 5) lie inside 科技城 [2, 5); 科技城 itself does not
    inside = _longer_hits([(2, 4, "科技"), (2, 5, "科技城"), (4, 5, "城"), (8, 10, "园区")])
    assert inside(2, 4) and inside(4, 5)
    assert not inside(2, 5) and not inside(8, 10)
    # overlapping but not covering: 产业园 [0, 3) and 园区 [2, 4)
    inside = _longer_hits([(0, 3, "产业园"), (2, 4, "园区")])
    assert not inside(0, 3) and not inside(2, 4)


def test_a_name_made_of_a_longer_suffix_keeps_the_longer_reading() -> None:
    names = [(m.text, m.suffix) for m in find_mentions("湖州市与嘉兴市共建的云栖湾科技城正式开园。")
             if m.how == "suffix"]
    assert names == [("云栖湾科技城", "科技城")]  # not 云栖湾科技 (科技) nor a 城


def test_inside_names_is_strict_containment() -> None:
    from graph.mentions import _inside_names
    inside = _inside_names([(10, 13), (20, 22), (20, 25)])
    assert inside(11, 13) and inside(10, 12)  # 乌市 in 义乌市: ends with it, starts with it
    assert not inside(10, 13)  # the name's own span
    assert inside(20, 22)  # a longer name starts with it
    assert not inside(9, 12) and not inside(12, 14) and not inside(30, 31)
    assert not _inside_names([])(0, 1)


def test_bracketed_part_needs_its_closing_bracket_at_the_end_of_the_text() -> None:
    from graph.mentions import find_mentions
    whole = [m.text for m in find_mentions("湘赣合作特别试验区（萍乡片区）位于萍乡。")]
    assert "湘赣合作特别试验区（萍乡片区）" in whole
    cut = [m.text for m in find_mentions("资料：湘赣合作特别试验区（萍乡片区")]
    assert not any(t.startswith("湘赣合作特别试验区（") for t in cut)
