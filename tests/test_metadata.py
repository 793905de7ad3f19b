"""Title, date and source detection, and the JSON sidecar. Sentences are invented."""
from __future__ import annotations

import json

import pytest

from graph.errors import InputError
from graph.metadata import (Metadata, date_from_filename, detect, load_sidecar, merge,
                            parse_date, strip_site_suffix)


@pytest.mark.parametrize("text, iso", [
    ("发布日期:2019-08-30", "2019-08-30"),
    ("2019/8/30", "2019-08-30"),
    ("2019.08.30", "2019-08-30"),
    ("2023年1月28日", "2023-01-28"),
    ("２０２３年１月２８日", "2023-01-28"),
    ("2023 年 11 月 5 号", "2023-11-05"),
    ("二〇二三年一月十四日", "2023-01-14"),
    ("二〇二一年十二月三十一日", "2021-12-31"),
    ("时间：2022-3-7 09:15:00", "2022-03-07"),
    ("2023-02-30", None),  # no such day
    ("11440400MB2C80228G/2023-00038", None),  # an index number, not a date
    ("今年6月", None),
])
def test_parse_date(text, iso):
    assert parse_date(text) == iso


def test_date_from_filename():
    assert date_from_filename("news_20190830_01") == "2019-08-30"
    assert date_from_filename("2021-04-25-shenhe") == "2021-04-25"
    assert date_from_filename("001_bb1ab05669017afc") is None
    assert date_from_filename("20191332") is None


def test_labelled_date_and_source_line():
    lines = ["东城区与西山县共建产业园", "2019-08-30 14:05 来源：示例日报",
             "2019年8月28日，两地签署协议，共建产业园。"]
    assert detect(lines) == Metadata("东城区与西山县共建产业园", "2019-08-30", "示例日报")


def test_labelled_date_beats_an_earlier_bare_date():
    lines = ["政务公开", "2023-01-14", "2023年示范区工作报告", "发布日期：2023-01-28　浏览次数：-",
             "（2023年1月14日）", "一年来，示范区坚持项目为王，经济持续向好。"]
    assert detect(lines).date == "2023-01-28"


def test_source_then_date_on_one_line():
    lines = ["两地产业协同发展观察", "来源：示例网　 2023-01-11 10:59:00", "正文第一段讲产业协同。"]
    meta = detect(lines)
    assert (meta.date, meta.source) == ("2023-01-11", "示例网")


def test_spaced_colon_and_traditional_source():
    assert detect(["2023-07-05 02:31:35 来源 : 示例晚报"]).source == "示例晚报"
    assert detect(["來源：示例商報", "深港兩地共建科創園區。"]).source == "示例商報"
    assert detect(["資料來源:2021-2-24,示例日報"]).source == "示例日報"


def test_data_source_line_is_not_the_outlet():
    lines = ["园区产值持续增长。", "数据来源：示例开发区统计局"]
    assert detect(lines).source is None


def test_dateline_gives_date_and_outlet():
    body = ["两年前的今天，合作区正式挂牌。"] * 25
    meta = detect(body + ["示例融媒 2023-09-17 10:31"])
    assert (meta.date, meta.source) == ("2023-09-17", "示例融媒")


def test_event_dates_in_body_are_not_the_publication_date():
    lines = ["两地合作迈上新台阶", "2019年8月28日，示范区启动科技合作园核心区建设，计划三年建成。"]
    assert detect(lines).date is None
    assert detect(lines, "report_20200102").date == "2020-01-02"


def test_title_skips_noise_and_stops_at_body():
    lines = ["示例晚报记者王海通讯员李江", "首页 新闻 政务 服务 互动 专题", "跨江通道项目开工建设",
             "今天上午，连接两地的跨江通道项目正式开工。"]
    assert detect(lines).title == "跨江通道项目开工建设"
    assert detect(lines[3:]).title is None


def test_title_skips_masthead_breadcrumb_and_tool_bar():
    lines = ["示例县人民政府", "示例在线 > 新闻 > 县市动态", "两县共建协作园揭牌 首批企业入驻",
             "【字体：大 中 小】【打印本页】【关闭窗口】", "5月20日，两县共建的协作园揭牌。"]
    assert detect(lines).title == "两县共建协作园揭牌 首批企业入驻"
    assert detect(lines[:2] + lines[3:]).title is None  # (the tool bar is no title either)


def test_repeated_headline_is_preferred_as_title():
    lines = ["政府信息公开", "示例高新区管理委员会", "2023-01-14", "2023年示例高新区工作报告",
             "2023-01-28", "2023年示例高新区工作报告", "（2023年1月14日）", "示例高新区管理委员会",
             "一、2022年工作回顾", "过去一年，示例高新区坚持产业第一，经济运行稳中有进。"]
    assert detect(lines).title == "2023年示例高新区工作报告"


def test_site_suffix_is_stripped_from_title():
    assert strip_site_suffix("两地共建产业园迎来新进展_示例网", "示例网") == "两地共建产业园迎来新进展"
    assert strip_site_suffix("两地对接对口帮扶协作工作|热点推荐") == "两地对接对口帮扶协作工作"
    assert strip_site_suffix("优势区域走在前丨从各干各的到互融互通") == "优势区域走在前丨从各干各的到互融互通"


def test_merge_first_value_wins():
    side = Metadata(title="侧车标题", date=None)
    text = Metadata(title="正文标题", date="2020-01-01", source="示例报")
    assert merge(side, text) == Metadata("侧车标题", "2020-01-01", "示例报", None)


# ---------------------------------------------------------------- sidecar

def test_sidecar_named_after_the_stem(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("正文", encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps(
        {"title": "侧车标题", "date": "2021年4月25日", "source": "示例报",
         "url": "https://example.org/a", "extra": 1}, ensure_ascii=False), encoding="utf-8")
    assert load_sidecar(article) == Metadata("侧车标题", "2021-04-25", "示例报",
                                             "https://example.org/a")


def test_sidecar_named_after_the_full_name_wins(tmp_path):
    article = tmp_path / "a.html"
    article.write_text("<p>正文</p>", encoding="utf-8")
    (tmp_path / "a.json").write_text('{"title": "通用"}', encoding="utf-8")
    (tmp_path / "a.html.json").write_text('{"title": "专用"}', encoding="utf-8")
    assert load_sidecar(article).title == "专用"


def test_no_sidecar(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("正文", encoding="utf-8")
    assert load_sidecar(article) == Metadata()


@pytest.mark.parametrize("content, message", [
    ('{"title": "缺少引号}', "malformed sidecar a.json: Unterminated string starting at: "
                             "line 1 column 11 (char 10)"),
    ('["a", "b"]', "malformed sidecar a.json: expected a JSON object"),
    ('{"date": 20210425}', "malformed sidecar a.json: 'date' must be a string"),
    ('{"date": "下个月"}', "malformed sidecar a.json: date '下个月' is not a date"),
])
def test_malformed_sidecar_is_named(tmp_path, content, message):
    article = tmp_path / "a.txt"
    article.write_text("正文", encoding="utf-8")
    (tmp_path / "a.json").write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_sidecar(article)
    assert str(err.value) == message
