"""Folding (Traditional → Simplified, full-width → ASCII) and cleaning of article text.

All sentences here are written for these tests."""
from __future__ import annotations

import random

import pytest

from graph.textnorm import (clean_text, dedupe_paragraphs, drop_noise, fold, fold_width,
                            join_broken, noise_kind, script_of, split_lines, split_lines_mapped, t2s,
                            wrap_width)

TRAD = "澳門與橫琴合作區共建產業園，研發在澳門、生產在橫琴。"
SIMP = "澳门与横琴合作区共建产业园,研发在澳门、生产在横琴。"


# ---------------------------------------------------------------- folding

def test_fold_traditional_and_width():
    assert fold(TRAD) == SIMP
    assert len(fold(TRAD)) == len(TRAD)


def test_fold_full_width_digits_letters_punctuation():
    text = "２０２３年，ＡＢＣ公司投資１．５億元（約）：「新區」"
    assert fold(text) == "2023年,ABC公司投资1.5亿元(约):「新区」"


def test_fold_keeps_characters_that_nfkc_would_expand():
    # ligature, ellipsis, parenthesised numeral, fraction, squared unit: one char each
    text = "ﬁ…㈠¼㎡平方米"
    assert fold(text) == text
    assert fold_width("ｍ２") == "m2"


def test_t2s_is_phrase_aware_and_aligned():
    assert t2s("頭髮和發展") == "头发和发展"
    assert t2s("乾燥的天氣") == "干燥的天气"


ALPHABET = (
    list("澳門輕軌橫琴線將於動工爭取落成區產業園發展臺灣裡麵乾隆著")  # Traditional
    + list("深圳汕头共建产业园研发生产反向飞地")  # Simplified
    + list("０１２３４５６７８９ＡＢＣｘｙｚ，。！？：；（）「」『』　")  # full width
    + list("abc123,.!? \n\t")  # ASCII
    + ["ﬁ", "…", "㈠", "¼", "㎡", "™", "①", "\u3000", "\u00a0", "𠀀", "𪚥", "é", "e\u0301",
       "😀", "\ufeff", "\u200b"]  # expanding, astral, combining, zero-width
)


def test_fold_length_invariant_over_mixed_strings():
    rng = random.Random(20240501)
    for _ in range(1500):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 40)))
        folded = fold(text)
        assert len(folded) == len(text), text
        for a, b in zip(text, folded):
            if "０" <= a <= "９":
                assert b == chr(ord(a) - 0xFEE0)


def test_fold_length_invariant_on_multi_character_phrases():
    # OpenCC phrase entries applied inside long runs must not shift offsets
    rng = random.Random(7)
    words = ["頭髮", "乾燥", "著名", "皇后", "後來", "麵包", "檯燈", "瞭解", "於是", "裡面"]
    for _ in range(300):
        text = "".join(rng.choice(words) for _ in range(rng.randint(1, 12)))
        assert len(fold(text)) == len(text)


def test_changed_characters_are_those_a_per_character_comparison_finds():
    from graph.textnorm import _aligned, _changed

    rng = random.Random(11)
    alphabet = ALPHABET + ["\ud800", "\udfff"]  # lone surrogates (a broken file) too
    for _ in range(500):
        a = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        b = "".join(c if rng.random() < 0.7 else rng.choice(alphabet) for c in a)  # longer too
        pairs = [(x, y) for x, y in zip(a, b) if x != y]
        assert _changed(a, b) == ("".join(x for x, _ in pairs), "".join(y for _, y in pairs))
    assert _aligned("澳門a", "澳门a") and not _aligned("澳門a", "澳门b")
    assert not _aligned("澳門a", "澳门。") and not _aligned("a", "门")


def test_script_detection():
    assert script_of(TRAD) == "Hant"
    assert script_of(SIMP) == "Hans"
    # a Simplified article quoting one Traditional name stays Simplified
    assert script_of("深圳与香港共建科创园区，该园区名为「港深創科園」，位于河套地区。"
                     "两地将联合招商引资，推动研发与生产协同发展。") == "Hans"
    assert script_of("ABC 123") == "Hans"


# ---------------------------------------------------------------- noise lines

@pytest.mark.parametrize("line, kind", [
    ("图为新建成的产业园区一角。", "caption"),
    ("園區已完成主體建設。圖為園區全景。", "caption"),
    ("（资料图片仅供参考）", "caption"),
    ("(图片来源：网络)", "caption"),
    ("在建的跨江大桥。本报记者 陈晓明 摄", "caption"),
    ("查看更多图片", "caption"),
    ("IMG_20230101.jpg", "caption"),
    ("采写：本报记者 刘一鸣", "credit"),
    ("责任编辑：王小五", "credit"),
    ("文字:张三 图片:李四 编辑:赵六", "credit"),
    ("南方日报记者王海 通讯员李江", "credit"),
    ("新华社记者陈东、林西", "credit"),
    ("（記者 陳大文）", "credit"),
    ("本文为示例日报原创作品，未经许可，禁止转载。", "copyright"),
    ("版权所有：示例网", "copyright"),
    ("来源：示例日报", "meta"),
    ("來源：示例商報", "meta"),
    ("发布日期：2020-05-06　浏览次数：12", "meta"),
    ("2021-04-25 09:30 来源：示例晚报", "meta"),
    ("示例融媒 2022-10-09 08:15", "meta"),
    ("当前位置：首页 > 新闻 > 正文", "meta"),
    ("- 3 -", "meta"),
    ("第 2 页", "meta"),
    ("首页 新闻 政务 服务 互动 专题", "nav"),
])
def test_noise_lines(line, kind):
    assert noise_kind(line) == kind


@pytest.mark.parametrize("line", [
    "记者了解到，两地已签署产业共建协议。",
    "记者探访深汕特别合作区",  # a headline about reporters, not a credit
    "数据来源：市统计局",
    "研发在深圳、生产在河源，两地共建产业园。",
    "勇立潮头 奋楫争先",
    "（一）推动产业协同发展",
    "2023年工作报告",
])
def test_content_lines_are_kept(line):
    assert noise_kind(line) is None


def test_related_reading_list_is_dropped_until_body_resumes():
    lines = ["两地共建产业园取得新进展。", "相关阅读", "深圳推进对口协作",
             "汕头营商环境持续优化", "下一段正文继续介绍园区的招商情况。"]
    assert drop_noise(lines) == ["两地共建产业园取得新进展。", "下一段正文继续介绍园区的招商情况。"]


# ---------------------------------------------------------------- joining

def test_word_broken_across_blank_lines_is_joined():
    text = ("近年来，两地合作不断深化。为此，示范区坚持以产\n\n"
            "业协同为先导，推动资源共享。\n\n"
            "园区紧邻合作区。东城\n\n区负责运营。")
    assert clean_text(text) == ("近年来，两地合作不断深化。为此，示范区坚持以产业协同为先导，推动资源共享。"
                                "\n\n园区紧邻合作区。东城区负责运营。")


def test_headlines_are_not_joined():
    text = ("东城区携手合作区共建优质生活圈\n\n"
            "加强产业协同\n\n"
            "探索两地联动发展新模式和产业互动发展的新路径\n\n"
            "（二）突出精准招商，打出产业协同新声势\n\n"
            "两地签署协议。")
    assert clean_text(text).split("\n\n") == [
        "东城区携手合作区共建优质生活圈", "加强产业协同",
        "探索两地联动发展新模式和产业互动发展的新路径", "（二）突出精准招商，打出产业协同新声势",
        "两地签署协议。"]


def test_line_ending_with_punctuation_keeps_its_break():
    lines = ["甲地与乙地签署了合作协议，共建产业园区。", "乙地负责提供土地和劳动力。"]
    assert join_broken(lines) == lines


def test_latin_words_get_a_space_when_joined():
    lines = ["园区引进了多家企业。其中一家的产品名为 Smart", "Grid 系统。"]
    assert join_broken(lines) == ["园区引进了多家企业。其中一家的产品名为 Smart Grid 系统。"]


def test_hard_wrapped_text_is_rejoined():
    para = ("按照两地签署的协议，东城区与西山县共建的产业合作园规划面积三百亩，"
            "重点发展电子信息和新材料产业，研发环节放在东城区，生产制造放在西山县，"
            "目前已有十二家企业签约入驻。")
    wrapped = [para[i:i + 20] for i in range(0, len(para), 20)]
    lines = ["产业合作园建设提速"] + wrapped
    assert wrap_width(lines) == 20
    assert join_broken(lines, wrap_width(lines)) == ["产业合作园建设提速", para]


def test_a_list_of_short_items_is_not_taken_for_wrapped_text():
    text = ("现将新一轮结对名单公布如下：\n\n（一）甲一区—乙一县\n（二）甲二区—乙二县\n"
            "（三）甲三区—乙三县\n（四）甲四区—乙四县\n\n望各地按期落实。")
    assert clean_text(text).split("\n\n") == [
        "现将新一轮结对名单公布如下：", "（一）甲一区—乙一县", "（二）甲二区—乙二县",
        "（三）甲三区—乙三县", "（四）甲四区—乙四县", "望各地按期落实。"]


def test_a_wrapped_line_never_runs_into_a_list_item():
    para = ("按照两地签署的协议，东城区与西山县共建的产业合作园规划面积三百亩，"
            "重点发展电子信息和新材料产业，研发环节放在东城区，生产制造放在西山县，")
    wrapped = [para[i:i + 20] for i in range(0, len(para), 20)]
    lines = wrapped + ["（二）目前已有十二户企业落地。"]
    assert join_broken(lines, 20)[-1] == "（二）目前已有十二户企业落地。"


def test_web_paragraphs_are_not_taken_for_wrapped_text():
    lines = ["两地合作共建产业园区，推动产业转移。"] * 3 + ["园区已有多家企业入驻投产。"] * 3
    assert wrap_width(lines) is None


# ---------------------------------------------------------------- duplicates

def test_repeated_article_gives_one_copy():
    article = ["示范区携手合作区共建跨区域产业合作园区", "按照协议，双方将共同建设一座产业园区，研发在甲地、生产在乙地。",
               "一、总体要求", "园区计划于明年年底前建成投产，预计吸引三十家企业入驻。"]
    assert dedupe_paragraphs(article + article) == article + ["一、总体要求"]


def test_duplicate_detection_ignores_script_and_width():
    paras = ["深圳與河源共建產業園，總投資２億元。", "深圳与河源共建产业园,总投资2亿元。"]
    assert dedupe_paragraphs(paras) == paras[:1]


# ---------------------------------------------------------------- end to end

def test_clean_text_end_to_end():
    raw = ("\ufeff东城区与西山县共建产业园\r\n"
           "2022-06-01 10:20 来源：示例日报\r\n"
           "\r\n"
           "　　本报讯 东城区与西山县日前签署协议，共建产业合作园。园区规划面积三百亩，以电子\r\n"
           "\r\n"
           "信息产业为主导。\r\n"
           "图为产业园效果图。\r\n"
           "采写：本报记者 张三\r\n"
           "责任编辑：李四\r\n")
    assert clean_text(raw) == ("东城区与西山县共建产业园\n\n"
                               "本报讯 东城区与西山县日前签署协议，共建产业合作园。"
                               "园区规划面积三百亩，以电子信息产业为主导。")


def test_split_lines_normalises_whitespace_and_newlines():
    assert split_lines("甲\r\n\r\n  乙\u3000\u3000丙 \r丁\u200b戊\x0c己") == ["甲", "乙 丙", "丁戊", "己"]


def test_markdown_emphasis_is_dropped_and_offsets_follow():
    text = "位于洪江工业园区的**湘黔产业园**，由两地共建。"
    (line, offs), = split_lines_mapped(text)
    assert line == "位于洪江工业园区的湘黔产业园，由两地共建。"
    at = line.index("湘黔产业园")
    assert text[offs[at]:offs[at] + 5] == "湘黔产业园"


def test_lone_asterisk_stays():
    (line, _), = split_lines_mapped("注*：数据为初步统计。")
    assert line == "注*：数据为初步统计。"


# ---------------------------------------------------------------- tables

def test_table_rows_stay_lines_and_the_header_is_kept():
    text = ("结对关系如下：\n序号　支援城市　受援地区　共建园区\n"
            "1　南京市　淮安市、宿迁市　南京(淮安)工业园；南京(宿迁)合作园\n"
            "2　苏州市　盐城市　苏州(盐城)产业园\n")
    lines = clean_text(text).split("\n\n")
    assert "序号 支援城市 受援地区 共建园区" in lines
    assert "1 南京市 淮安市、宿迁市 南京(淮安)工业园；南京(宿迁)合作园" in lines
    assert "2 苏州市 盐城市 苏州(盐城)产业园" in lines


def test_a_title_stays_apart_from_the_table_under_it():
    # four lines of like length with no stop look hard-wrapped; the title must still not
    # run into the header row of the table below it
    lines = ["某某产业园首批入驻企业", "序号 企业名称 行业", "1 某某电子有限公司 电子", "2 某某机械有限公司 机械"]
    assert join_broken(lines, wrap_width(lines)) == lines


def test_a_menu_bar_is_still_noise():
    text = "首页 新闻 政务 服务 互动\n两地共建产业园，今年新引进企业12家。\n"
    assert "首页" not in clean_text(text)
