"""Entity names: short forms of autonomous regions, towns written alone, a firm's factory
in a place. Invented sentences and invented town/brand names."""
from __future__ import annotations

from graph.gazetteer import load
from graph.mentions import find_mentions


def names(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.category) for m in find_mentions(text)]


def test_autonomous_region_short_form_drops_ethnic_name_without_zu() -> None:
    # 新疆维吾尔自治区 → 新疆 (the ethnic name is written without 族 in the official name)
    assert ("region:650000", "stem") in load().surfaces["新疆"]
    assert names("一批新疆企业来到东莞参展") == [("新疆", "Region"), ("东莞", "Region")]
    # a name that is only an ethnic name keeps it (鄂伦春自治旗 → 鄂伦春, not nothing)
    assert "鄂伦春" in load().surfaces


def test_autonomous_county_short_form_with_suffix_is_a_name() -> None:
    # 道真仡佬族苗族自治县 written 道真县, with no city around it
    got = names("带动道真县、鹤鸣镇的果蔬销售")
    assert ("道真县", "Region") in got
    assert names("道真的风味") == []  # the bare short form still needs context


def test_town_written_alone() -> None:
    assert names("据悉，鹤鸣镇高分通过了验收。") == [("鹤鸣镇", "Region")]
    assert names("学校将建在白沙滩镇附近") == [("白沙滩镇", "Region")]


def test_generic_towns_are_not_names() -> None:
    assert names("全镇上下推进城镇化，各乡镇都在行动，该镇成为示范镇。") == []
    assert names("他回到镇上，一个镇三个乡。") == []


def test_factory_in_a_place_is_not_a_park() -> None:
    assert names("货物要运到常州工厂加工，鞍山工厂也已投产。") == [("常州", "Region"),
                                                                  ("鞍山", "Region")]
    # a brand's factory is a name
    assert names("岚峰电机工厂在宜昌市落成。") == [("岚峰电机工厂", "Park"), ("宜昌市", "Region")]


def test_route_nouns_after_prose_are_not_names() -> None:
    # a light verb, a pronoun or a verb of moving before the route word: prose
    assert names("大家“坐市域铁路上班”。") == []
    assert names("这条我国首条跨海高铁开通。") == []
    assert names("市民驾车驶上大桥。") == []
    # a network of lines, and 高速 as an adverb, are not lines
    assert names("构建“井”字形高铁网，形成公路网。") == []
    assert names("生产线在青禾智能产业园高速运转。") == [("青禾智能产业园", "Park")]
    # names stay names
    assert names("岚江跨海大桥合龙，岚宁高铁开通。") == [("岚江跨海大桥", "Infrastructure"),
                                                      ("岚宁高铁", "Infrastructure")]


def test_sales_centre_is_a_park() -> None:
    # a place's products shown and sold in another place: the place's hub there, a park
    assert names("设立了“岚城(南山)茶叶展销中心”。") == [
        ("岚城(南山)茶叶展销中心", "Park")]
    assert names("推进展销中心建设。") == []


def test_service_centre_only_with_owner_and_host() -> None:
    # 甲(乙)招商中心 is 甲's hub in 乙; 某区招商中心 and 政务服务中心 are offices
    assert names("设立了“岚城(南山)招商服务中心”和汉中(浦东)物流服务中心。") == [
        ("岚城(南山)招商服务中心", "Park"), ("汉中(浦东)物流服务中心", "Park")]
    assert names("南山区招商中心负责人说，县政务服务中心已开始办理业务。") == []


def test_city_sub_centre_is_a_region() -> None:
    got = names("列车从宜昌城市副中心站驶出，宜昌城市副中心至荆州最快1小时。")
    assert ("宜昌城市副中心", "Region") in got
    assert names("建设好城市副中心。") == []


def test_province_short_form_beats_a_district_of_the_same_name() -> None:
    # 河北 next to 天津: the province, not 天津市河北区
    got = [m for m in find_mentions("天津市和平区与河北合作。") if m.text == "河北"]
    assert got and got[0].candidates == ("region:130000",)


def _entities(text: str) -> dict[str, tuple[str, set[str]]]:
    from graph.pipeline import extract_text

    ex = extract_text(text)
    seen = {k for k, _ in ex.mentions}
    return {e.label: (e.category, e.alt_labels) for k, e in ex.entities.items() if k in seen}


def test_short_form_of_a_park_in_the_same_article_is_one_entity() -> None:
    got = _entities("两市扩建位于龙岩市上杭县的岚龙(上杭)山海协作产业园。上杭产业园吸引企业进驻，"
                    "生产移往上杭园区。")
    assert got["岚龙(上杭)山海协作产业园"] == ("Park", {"上杭产业园", "上杭园区"})
    assert "上杭产业园" not in got and "上杭园区" not in got


def test_hi_tech_zone_long_and_short_name() -> None:
    got = _entities("青川高新技术产业园区启用孵化器，青川高新区表示欢迎。")
    assert got["青川高新技术产业园区"] == ("Region", {"青川高新区"})


def test_short_form_needs_one_longer_name() -> None:
    # two longer names could be meant: keep the short one apart
    got = _entities("岚龙(上杭)山海协作产业园和鹭杭(上杭)合作产业园都在扩建。上杭产业园吸引企业进驻。")
    assert "上杭产业园" in got
    # a longer reading that only adds words before the same name is not another name
    got = _entities("要强化岚溪知识城建设。岚溪知识城吸引企业。")
    assert all(not alts for _, alts in got.values())


def test_place_in_a_news_outlet_name_is_not_a_mention() -> None:
    assert names("【岚州商报网讯】记者 张三 报道。") == []
    assert names("来源:四川日报。他在四川投资。") == [("四川", "Region")]
    assert names("【香港文汇报讯】记者报道") == []


def test_taiwan_investment_zone_is_a_region() -> None:
    assert names("他所在的岚州台商投资区吸引了企业。") == [("岚州台商投资区", "Region")]


def test_first_list_item_after_punctuation_keeps_its_head() -> None:
    # 茗都 is a brand, not 岚 + the adverb 都
    got = names("目前,茗都茶业、青禾山地农业科技有限公司等12家企业已入驻。")
    assert got == [("茗都茶业", "Enterprise"), ("青禾山地农业科技有限公司", "Enterprise")]
    # without punctuation before, the item still stops at the stop word
    got = names("企业都茶业、青禾山地农业科技有限公司等12家企业已入驻。")
    assert ("青禾山地农业科技有限公司", "Enterprise") in got
    assert not any(n.endswith("都茶业") for n, _ in got)


def test_zone_kinds_without_a_park_suffix() -> None:
    # 工业集中区, 加工区, 功能区, 创业中心, 转化基地, 农科院: common kinds of named places
    assert names("项目落户青禾县工业集中区，") == [("青禾县工业集中区", "Park")]
    assert names("岚江出口加工区的企业") == [("岚江出口加工区", "Park")]
    assert ("岚湖科创走廊荆门功能区", "Park") in names("湖北省推动共建岚湖科创走廊荆门功能区，")
    assert names("在岚城投资创业中心划出厂房") == [("岚城投资创业中心", "Park")]
    assert names("还共建了岚山·青禾科技成果转化基地，") == [("岚山·青禾科技成果转化基地", "Park")]
    assert names("宜宾市农科院的专家") == [("宜宾市农科院", "Institution")]
    # a kind alone or after generic words is no name; 功能区 needs a place
    assert names("打造城市核心功能区。") == []
    assert names("建设农产品加工区，") == []


def test_industry_noun_before_a_park_kind_is_prose() -> None:
    assert names("这里是全国知名的家具产业基地，") == []
    assert names("在同一园区，岚峰科技有限公司也已投产。") == [("岚峰科技有限公司", "Enterprise")]
    assert names("昔日“盐碱滩”变身产业园") == []


def test_negated_line_is_prose() -> None:
    assert names("新线结束了岚县不通高铁的历史。") == [("岚县", "Region")]
    assert names("这里尚未通铁路") == []
    assert names("岚宁高铁开通") == [("岚宁高铁", "Infrastructure")]


def test_list_of_fields_is_not_a_list_of_firms() -> None:
    assert names("首批有岚矿新材料、青芒深加工等领域的9家企业入驻。") == []
    assert ("青禾电子", "Enterprise") in names("首批有岚峰新材料、青禾电子等企业入驻。")


def test_county_short_form_in_a_list_of_places() -> None:
    # 胶州's city is not named, but it stands between two places of a route
    assert ("胶州", "Region") in names("线路途经安丘市、胶州、沂南县，全长百公里。")
    # a common word needs its city, which also picks the right namesake
    got = find_mentions("沈阳市地铁途经皇姑区、和平、沈河区。")
    assert [(m.text, m.candidates) for m in got if m.text == "和平"] == [("和平", ("region:210102",))]
    assert names("维护和平、稳定与发展。") == []


def test_county_short_form_after_its_province() -> None:
    assert names("浙江义乌人在此办厂") == [("浙江", "Region"), ("义乌", "Region")]
    assert names("义乌人在此办厂") == []


def test_bare_zone_opening_a_list_item_is_part_of_the_park_name() -> None:
    got = names("还有岚江科技园、高新区半导体产业园、青禾大学科技园。")
    assert ("高新区半导体产业园", "Park") in got
    assert names("入驻高新区。") == []


def test_port_office_is_not_a_checkpoint() -> None:
    assert [n for n in names("市政府口岸办公室主任说") if n[1] == "Infrastructure"] == []
    assert ("岚江口岸", "Infrastructure") in names("货物从岚江口岸出境")


def test_last_list_item_after_yiji_and_the_verb_before_the_first() -> None:
    got = names("联盟汇集岚兴电商、青娜内衣以及广东岚创力等17家企业和机构。")
    assert got == [("岚兴电商", "Enterprise"), ("青娜内衣", "Enterprise"),
                   ("广东岚创力", "Enterprise")]
    assert names("推动纺织、服装以及电子等企业转型。") == []


def test_generic_words_before_a_longer_kind_are_prose() -> None:
    # 高科技园区, 大通道: the adjective is part of the kind, so what is left is generic
    assert names("全力打造世界一流高科技园区") == []
    assert names("打通海上物流大通道，") == []
    assert names("岚江高科技园区开园") == [("岚江高科技园区", "Park")]


def test_town_after_its_county_keeps_a_jian_in_its_name() -> None:
    # 建 also ends names (建|产业园), but not a town's two characters after its county
    assert ("建禾镇", "Region") in names("家住岳阳县建禾镇的居民说")
    assert [n for n in names("广州市重点镇建设") if n[1] != "Region" or n[0] != "广州市"] == []


def test_station_before_weiyu_is_a_name() -> None:
    assert names("其中，岚溪峡站位于县城东侧。") == [("岚溪峡站", "Infrastructure")]


def test_numbered_metro_line_is_not_the_city_metro() -> None:
    got = names("这条线路北起岚城地铁2号线南湖站，南至岚州东站")
    assert ("岚城地铁", "Infrastructure") not in got
    assert not [n for n in got if n[0].startswith(("条线路", "线路"))]


def test_two_initials_in_a_list_of_lines() -> None:
    got = names("新线与岚丽铁路、宏伟铁路、成青铁路相连")
    assert ("宏伟铁路", "Infrastructure") in got
    assert names("修建高速、铁路、公路") == []


def test_rare_adjective_heads_a_firm_name() -> None:
    # jieba tags the rare 宏硕 as an adjective; it is the firm's head, not a word to trim
    assert names("引进宏硕科技有限公司") == [("宏硕科技有限公司", "Enterprise")]
    assert names("积极引进科技有限公司") == []


def test_town_named_by_a_common_noun_is_a_kind_of_town() -> None:
    assert names("这个以两省简称命名的移民镇，如今已建起产业园") == []
    assert names("新桥镇和太平镇") == [("新桥镇", "Region"), ("太平镇", "Region")]
    # a town whose name is a common noun is still a town where a place is expected
    assert names("其中一期位于码头镇。") == [("码头镇", "Region")]


def test_science_city_and_island_park_shapes() -> None:
    # a two-character area name + 生物城 / 智造城 / 智慧岛 names a park
    assert ("岚江生物城", "Park") in names("丽水市与岚城共建的岚江生物城正式开园。")
    assert ("岚湖智慧岛", "Park") in names("岚湖智慧岛吸引了一批企业入驻。")
    assert ("岚溪智造城", "Park") in names("岚溪智造城签约项目十二个。")
    # the kind alone is no name
    assert names("打造生物城、智造城和智慧岛。") == []


def test_coded_and_numbered_lines() -> None:
    got = names("岚海高速与G15线、S11线在此交汇。")
    assert ("G15线", "Infrastructure") in got and ("S11线", "Infrastructure") in got
    assert ("岚城地铁3号线", "Infrastructure") in names("岚城地铁3号线北延段开通。")
    # a workshop line's code, and a bare count of lines, are not lines
    assert names("该车型在A6线生产。") == []
    assert names("今年开通3条线路，其中2号线客流最大。") == []


def test_airport_economy_zone_is_a_region() -> None:
    assert names("线路北起长沙航空港区，南至株洲市。")[0] == ("长沙航空港区", "Region")
    # a zone's own name that starts like a route word keeps it
    assert names("西安经济技术开发区") == [("西安经济技术开发区", "Region")]


def test_road_descriptions_are_not_names() -> None:
    assert names("桥面将按双向八车道高速公路设计，引道为双向两车道二级公路。") == []
    assert names("岚江高速公路全线通车。") == [("岚江高速公路", "Infrastructure")]


def test_owned_by_a_level_of_government_is_not_part_of_the_name() -> None:
    assert names("交给市属岚湖工业园区投资（控股）有限公司运营") == [
        ("岚湖工业园区投资（控股）有限公司", "Enterprise")]
    # a park named inside a firm's registered name stays in it
    assert names("岚溪科技园开发有限公司成立") == [("岚溪科技园开发有限公司", "Enterprise")]


def test_an_unnamed_firm_after_a_place_is_not_a_name() -> None:
    assert names("南沙新区某物流有限公司经理表示") == [("南沙新区", "Region")]
    assert [n for n in names("本溪某集团负责人说") if n[1] == "Enterprise"] == []
    assert names("本溪岚峰集团负责人说") == [("本溪岚峰集团", "Enterprise")]


def test_a_county_opening_a_park_name_is_named_too() -> None:
    from graph.mentions import named_inside
    park = [m for m in find_mentions("项目入驻安溪县岚山水产城") if m.category == "Park"]
    assert [load().places[k].name for k in named_inside(park[0])] == ["安溪县"]
    # a firm's place of registration is not a place the article names
    firm = [m for m in find_mentions("园区已入驻四川省岚峰纸业有限公司") if m.category == "Enterprise"]
    assert named_inside(firm[0]) == []
    # nor a district read inside another word (高新|北区)
    zone = [m for m in find_mentions("岚城高新北区岚木片区") if m.how == "suffix"]
    assert all(named_inside(m) == [] for m in zone)


def test_research_centres_are_institutions() -> None:
    # a centre held by a university, institute or hospital; a field's collaborative centre
    assert names("岚城大学研究院创新中心揭牌。") == [("岚城大学研究院创新中心", "Institution")]
    assert names("岚州医院转化医学协同创新中心成立") == [
        ("岚州医院转化医学协同创新中心", "Institution")]
    # named after places alone, or an area of campuses: a park
    assert names("湘赣协同创新中心开业") == [("湘赣协同创新中心", "Park")]
    assert names("岚湖大学城创新中心开业") == [("岚湖大学城创新中心", "Park")]
    assert names("岚城研发中心开业") == [("岚城研发中心", "Park")]


def test_a_city_port_whose_name_ends_like_an_abbreviation() -> None:
    # 江 and 港 are both one-character short forms, but 湛江 is one place's whole name
    assert ("湛江港", "Infrastructure") in names("湛江市提出，湛江港与北部湾港口加强合作。")
    assert [n for n in names("粤港合作与深港两地") if n[1] == "Infrastructure"] == []


def test_a_to_b_high_speed_railway() -> None:
    assert ("长沙至赣州高速铁路", "Infrastructure") in names("赣州市加快建设长沙至赣州高速铁路。")
    assert names("规划建设高速铁路和城际铁路") == []


def test_a_rare_first_character_stays_in_the_name() -> None:
    # jieba tags an unknown character x; it is not punctuation to trim
    assert names("企业位于鹍鹏科技园创新中心二层") == [("鹍鹏科技园创新中心", "Park")]


def test_verbs_that_take_a_zone_as_object_end_a_name() -> None:
    assert names("岚州带大家看看高新区的变化") == []
    assert names("两地制定示范区三年计划，共同争创示范区") == []
    assert names("这片农田如今就是工厂") == []
    assert names("策应岚江高新区建设") == [("岚江高新区", "Region")]


def test_kinds_of_tunnels_centres_and_towns_are_not_names() -> None:
    assert names("由高架桥、河底隧道和车站组成") == []
    assert names("将在杭州设立离岸研发中心") == [("杭州", "Region")]
    assert names("全省一百个经济强镇参与") == []
    assert names("这是两岸距离最近的跨海大桥") == []
    assert names("岚江海底隧道贯通") == [("岚江海底隧道", "Infrastructure")]


def test_a_firm_and_its_branch_are_one_name() -> None:
    assert names("由岚城建发农产品有限公司临夏分公司负责运营") == [
        ("岚城建发农产品有限公司临夏分公司", "Enterprise")]
    # a place alone before 分公司/子公司 is where a firm works, not a firm
    got = names("厦门市有关方面介绍，厦门分公司和天津子公司已经开业")
    assert [n for n in got if n[1] == "Enterprise"] == []
    assert ("岚山分公司", "Enterprise") in names("岚江集团与岚山分公司")


def test_more_park_and_zone_shapes() -> None:
    assert names("岚湖软体园开园") == [("岚湖软体园", "Park")]  # Traditional 軟體園
    assert names("西安国际港务区与青岛港合作")[0] == ("西安国际港务区", "Region")
    assert names("岚明高新技术产业区") == [("岚明高新技术产业区", "Park")]
    assert names("岚州（深圳）招商服务中心揭牌") == [("岚州（深圳）招商服务中心", "Park")]
    assert names("设立招商服务中心，建设高新技术产业区") == []


def test_more_prose_before_park_words() -> None:
    assert names("两地尚未明确共建园区的选址") == []
    assert names("有企业提出希望园区完善配套") == []
    assert names("宝鸡市的订单交由宝鸡工厂生产") == [("宝鸡市", "Region"), ("宝鸡", "Region")]
    assert names("从包头乘高铁到北京") == [("包头", "Region"), ("北京", "Region")]
    assert names("二期冷链物流园建成") == []
    assert names("岚江冷链物流园建成") == [("岚江冷链物流园", "Park")]


def test_corridors_routes_and_places_of_a_firm_are_not_names() -> None:
    assert names("开通空中通道，打造向西开放通道") == []
    assert names("新开集装箱航线") == []
    assert names("新开岚江航线") == [("岚江航线", "Infrastructure")]
    assert names("部分共建园区已投产，建设大都市区产业园和煤化工循环经济产业基地") == []
    # a firm's R&D centre in a place; a reverse enclave's centre (two places) is a name
    assert [n for n in names("广州市企业在北京设立北京研发中心") if n[1] == "Park"] == []
    assert names("赣州(深圳)研发中心揭牌") == [("赣州(深圳)研发中心", "Park")]
    assert names("北湖科技园与南湖产业园") == [("北湖科技园", "Park"), ("南湖产业园", "Park")]


def test_roads_named_with_a_compass_point() -> None:
    assert names("途经滨湖东路进入园区") == [("滨湖东路", "Infrastructure")]
    assert ("岚山西路", "Infrastructure") in names("途经岚山西路联通园区")
    assert names("红军西路军，向东路过园区，往南路过") == []


def test_villages_after_their_town_or_county() -> None:
    got = names("广州市南沙区大岗镇新联村与清远市英德市连江口镇连樟村结对。")
    assert ("新联村", "Region") in got and ("连樟村", "Region") in got
    assert ("万福村", "Region") in names("岚县万福村")
    # alone, after a city or district, in a slogan, or as a common word: not a village
    assert names("岚山村和岚水村结对帮扶") == []
    assert names("高新区城中旧村改造，建设社会主义新农村") == []
    assert names("百县千镇万村工程") == []


def test_islands_named_with_their_place() -> None:
    got = names("舟山六横岛与宁波梅山岛合作建设港口。")
    assert got == [("舟山六横岛", "Region"), ("宁波梅山岛", "Region")]
    assert names("岚湖岛上风景好，全岛居民") == []


def _short_forms(text: str) -> dict[str, str | None]:
    from graph.linking import short_form_targets
    ms = find_mentions(text)
    got = short_form_targets(ms)
    return {m.text: got.get(id(m)) for m in ms if m.category == "Park"}


def test_quoted_initials_in_a_headline_are_the_parks_short_form() -> None:
    got = _short_forms("“杭衢”合作产业园揭牌\n杭州市与衢州市共建的杭州衢州山海协作产业园今日揭牌。")
    assert got["“杭衢”合作产业园"] == "杭州衢州山海协作产业园"
    # a province's one-character short form counts as its initial (沪 for 上海)
    got = _short_forms("“沪滁”合作园区揭牌\n上海市与滁州市共建的上海滁州合作园区今日揭牌。")
    assert got["“沪滁”合作园区"] == "上海滁州合作园区"
    # no longer park of those places: no short form
    got = _short_forms("“杭衢”合作产业园揭牌\n丽水市的丽水产业园今日揭牌。")
    assert got["“杭衢”合作产业园"] is None


def test_a_cooperation_park_written_without_its_host_in_brackets() -> None:
    got = _short_forms("沪滇（大理）产业合作园开园。目前沪滇合作园已有十家企业入驻。")
    assert got["沪滇合作园"] == "沪滇（大理）产业合作园"


def test_long_station_names() -> None:
    got = names("线路在成都天府国际机场站与地铁换乘")
    assert ("天府国际机场站", "Infrastructure") in got
    # a list of stations, and a station before the next use of 站
    got = names("在岚湖新城站、岚塘站设站")
    assert got == [("岚湖新城站", "Infrastructure"), ("岚塘站", "Infrastructure")]
    assert names("生产、销售站") == []


def test_numbered_national_and_provincial_roads() -> None:
    assert names("105国道与324省道交汇") == [("105国道", "Infrastructure"),
                                          ("324省道", "Infrastructure")]
    assert names("沿G228国道前行") == [("G228国道", "Infrastructure")]
    # a count, a year, or the kinds themselves are not roads
    assert names("新建3条国道，2024国道建设，全省国道省道里程") == []
    # 沿 opens a course, but is a line's own first character in 沿江/沿海
    assert names("沿江高速公路与沿海铁路") == [("沿江高速公路", "Infrastructure"),
                                         ("沿海铁路", "Infrastructure")]


def test_two_places_joined_by_a_dot_name_one_park() -> None:
    got = names("两区共建的“南沙新区·岚江合作产业园”开园")
    assert ("南沙新区·岚江合作产业园", "Park") in got
    # a new area, then a park of its own: the park's name starts after the area
    assert names("南沙新区岚江产业园") == [("南沙新区", "Region"), ("岚江产业园", "Park")]


def test_enclave_economy_is_not_an_enclave() -> None:
    assert names("大力发展岚江飞地经济，打造协作型飞地经济高地") == []
    assert names("岚湖科创飞地揭牌") == [("岚湖科创飞地", "Park")]


def test_aspect_word_before_a_line_is_not_part_of_its_name() -> None:
    # 待/有待 before a line between two places: the line's name starts at the place
    assert names("待汕头至漳州城际铁路建成后，两地联系更紧密。") == [
        ("汕头至漳州城际铁路", "Infrastructure")]
    assert names("有待南平至龙岩高速公路全线贯通。") == [
        ("南平至龙岩高速公路", "Infrastructure")]
    # must not fire: 待 that starts a place name (会泽县待补镇) stays
    assert not any(t.startswith("补镇") for t, _ in names("待补镇发展蔬菜产业，待补镇高速公路通车。"))


def test_route_between_two_places_written_with_de() -> None:
    assert names("合肥至西宁的直飞航线正式开通。") == [("合肥至西宁的直飞航线", "Infrastructure")]
    assert names("合肥至西宁直飞航线正式开通。") == [("合肥至西宁直飞航线", "Infrastructure")]
    # must not fire: one place before 的 is not a route's name
    assert names("合肥的直飞航线增至十条。") == [("合肥", "Region")]
    assert names("从合肥出发的直飞航线增至十条。") == [("合肥", "Region")]


def test_firm_research_centre_in_a_place_is_a_firm_unit() -> None:
    # a firm's name, then the place of its R&D centre: a unit of the firm, not a park
    assert names("岚峰电机苏州研发中心正式启用。") == [("岚峰电机苏州研发中心", "Enterprise")]
    assert names("岚峰电机（苏州）研发中心落成。") == [("岚峰电机（苏州）研发中心", "Enterprise")]
    # must not fire: a centre named after places, or with no place after the brand
    assert names("赣州(深圳)研发中心揭牌") == [("赣州(深圳)研发中心", "Park")]
    assert names("青溪科技研发中心开业") == [("青溪科技研发中心", "Park")]


def test_zone_after_a_full_address_starts_at_the_finest_place() -> None:
    # 省市县 + zone word: the zone keeps its county; the address gives its parents
    assert names("安徽省安庆市怀宁县经济开发区签约。") == [
        ("安徽省", "Region"), ("安庆市", "Region"), ("怀宁县经济开发区", "Region")]
    # a zone with its own name after the address starts after the finest place
    assert names("安徽省安庆市岚山经济开发区签约。") == [
        ("安徽省", "Region"), ("安庆市", "Region"), ("岚山经济开发区", "Region")]
    # must not fire: a zone with no address, or a park (not a zone) after an address
    assert names("怀宁县经济开发区签约。") == [("怀宁县经济开发区", "Region")]
    assert names("安庆市怀宁县岚山工业园签约。") == [("安庆市怀宁县岚山工业园", "Park")]


def test_counts_in_turn_make_a_slogan_not_a_name() -> None:
    # 一站多点, 三轴五片区, 一区多园: a count, a thing, a count — a slogan
    assert names("推出“一站多点”游览线路，构建“三轴五片区”格局，推进“一区多园”建设。") == []
    # a place that opens with a numeral keeps its name
    assert names("十堰三号隧道贯通。") == [("十堰三号隧道", "Infrastructure")]


def test_districts_and_cities_named_by_common_words_need_their_context() -> None:
    # 新城区 (a district of two cities) and 白银 (a city; 真金白银 "real money") are words too
    assert names("这里将成为新地标、新城区，政府拿出真金白银扶持企业。") == []
    assert names("西安市新城区与宝鸡市结对。") == [
        ("西安市", "Region"), ("新城区", "Region"), ("宝鸡市", "Region")]
    assert names("白银市与兰州市合作。") == [("白银市", "Region"), ("兰州市", "Region")]


def test_a_stop_word_inside_a_phrase_of_the_name() -> None:
    # 承接 ends names on its right (…承接|项目), but 承接产业转移示范区 is one kind of zone
    assert names("广西桂东承接产业转移示范区新签项目。") == [
        ("广西桂东承接产业转移示范区", "Region")]
    assert names("积极承接产业转移示范区建设经验。") == []


def test_research_and_startup_centres() -> None:
    assert names("益阳双创中心已入驻企业40家。") == [("益阳双创中心", "Park")]
    assert names("由岳阳洞庭湖生态经济研究中心牵头。") == [
        ("岳阳洞庭湖生态经济研究中心", "Institution")]
    # kinds of centres, counted or described, are not names
    assert names("新增省级工程技术研究中心13家，加快建设研究中心，推进双创中心建设。") == []


def test_a_park_of_a_quality_is_not_a_name() -> None:
    assert names("力争三年内建成一批高水平产业园、高标准产业园区。") == []


def test_a_rare_character_tagged_as_a_measure_word_heads_a_brand() -> None:
    # 泓 is tagged q by jieba, but it is no measure word: 泓川集团 is whole
    assert names("泓川集团将在衢州投资建设生产基地。") == [("泓川集团", "Enterprise"),
                                                        ("衢州", "Region")]


def test_zone_short_form_heads_its_firms_and_institutes() -> None:
    # 高新 (of 高新区) before 产投, 研究院: the zone's investment firm and institute
    assert names("市属国企高新产投获评优秀基金，高新研究院开班。") == [
        ("高新产投", "Enterprise"), ("高新研究院", "Institution")]
    # must not fire: 高新 as "high and new" technology
    assert names("发展高新科技产业，培育高新技术企业。") == []


def test_road_before_a_stretch_of_it() -> None:
    assert names("完成滨江路东延段、沿江路城区段改造。") == [
        ("滨江路", "Infrastructure"), ("沿江路", "Infrastructure")]
    assert names("修好这条路这段时间很难。") == []


def test_startup_base_for_graduates() -> None:
    # 学生 ends names on its right, but not inside 大学生创业基地
    assert names("嘉兴市南湖区大学生创业基地已有企业31家。") == [
        ("嘉兴市南湖区大学生创业基地", "Park")]
    assert names("鼓励大学生创业基地建设。") == []


def test_a_body_of_a_park_is_not_the_park() -> None:
    assert names("两区领导与杭州市工业园区协会座谈。") == [("杭州市", "Region")]
    # the park's own committee still names the park
    assert names("杭州市工业园区管委会与企业座谈。") == [("杭州市工业园区", "Park")]


def test_a_list_before_brand_industries_is_not_a_list_of_firms() -> None:
    assert names("新区要发展精密仪器、中药饮片等本土品牌产业。") == []
    assert names("引进华岭电器、蓝川新动力等品牌企业。") == [
        ("华岭电器", "Enterprise"), ("蓝川新动力", "Enterprise")]


def test_group_names_hold_business_words_and_end_before_a_takeover() -> None:
    # …投资集团: business words inside a group's name; 收购 starts another clause
    assert names("2015年，湖南交通发展投资集团收购新加坡港务物流公司20%股权。") == [
        ("湖南交通发展投资集团", "Enterprise"), ("新加坡港务物流公司", "Enterprise")]
    assert names("城投集团和交投集团共同出资。") == [
        ("城投集团", "Enterprise"), ("交投集团", "Enterprise")]


def test_a_verb_before_a_park_inside_a_longer_run() -> None:
    # 园区|学习|某某工业园区: the verb after the inner split is not the name's
    assert names("十多年来，园区学习昆山工业园区的管理模式。") == [("昆山工业园区", "Park")]


def test_a_verb_that_is_also_a_place_short_form() -> None:
    # 延长 (延长县) as the verb "extend", with no place mention there
    assert names("码头通过延长绿色通道开放时间应对高峰。") == []
    # must not fire: the county named in an address keeps its name
    assert names("延安市延长县延长石油产业园开园。") == [
        ("延安市", "Region"), ("延长县", "Region"), ("延长石油产业园", "Park")]


def test_a_firms_factory_in_a_place_is_not_a_park() -> None:
    assert names("江苏凯瑞精密机械有限公司宿迁工厂正式投产。") == [
        ("江苏凯瑞精密机械有限公司", "Enterprise"), ("宿迁", "Region")]


def test_a_quoted_enclave_of_a_place_is_a_figure() -> None:
    assert names("一块“南京飞地”的实践。") == [("南京", "Region")]
    # must not fire: an enclave named without quotes, or with more than a place
    assert names("在杭州设立衢州飞地。") == [("杭州", "Region"), ("衢州飞地", "Park")]
    assert ("衢嘉科创飞地", "Park") in names("嘉兴市与衢州市共建的衢嘉科创飞地开园。")


def test_silk_roads_are_figures() -> None:
    assert names("“网上丝路”和“冰上丝路”越走越宽。") == []


def test_branch_parks_keep_the_park_they_belong_to() -> None:
    assert names("位于淮安经济技术开发区内的紫金科创园淮安分园开园。") == [
        ("淮安经济技术开发区", "Region"), ("紫金科创园淮安分园", "Park")]
    assert ("宁波经济技术开发区衢州分区", "Park") in names(
        "宁波经济技术开发区与衢州市共同建设的宁波经济技术开发区衢州分区已投用。")
    # must not fire: zoning
    assert names("做好功能分区规划，园区分为三个分区。") == []


def test_through_a_port() -> None:
    assert names("货物经由满洲里口岸出境，部分经由空港口岸出口。") == [
        ("满洲里口岸", "Infrastructure")]


def test_pilot_zone_of_neighbouring_areas() -> None:
    assert ("川黔毗邻地区一体化发展先行区", "Region") in names(
        "宜宾与毕节共建的川黔毗邻地区一体化发展先行区发展良好。")


def test_a_count_of_parks_is_not_a_park() -> None:
    assert names("两省累计共建产业园区15个。") == []
    # must not fire: a count of projects in a named park
    assert names("江门产业园12个项目签约。") == [("江门产业园", "Park")]


def test_a_wire_dateline_is_not_a_place_of_the_article() -> None:
    assert names("新华社兰州电（记者 李明）甘肃与天津深化合作。") == [
        ("甘肃", "Region"), ("天津", "Region")]
    assert names("中新网贵阳5月8日电 贵州与广东合作。") == [
        ("贵州", "Region"), ("广东", "Region")]
    # must not fire: the place written in the article
    assert names("兰州新区与天津合作。") == [("兰州新区", "Region"), ("天津", "Region")]


def test_short_forms_that_are_names_of_larger_regions() -> None:
    # 中原 "the Central Plains" (also 中原区 of Zhengzhou, named in full when meant)
    assert names("把中原腹地与欧洲连在一起。") == []
    assert names("郑州市中原区与开封市合作。") == [
        ("郑州市", "Region"), ("中原区", "Region"), ("开封市", "Region")]


def test_a_quoted_verb_is_no_part_of_a_town() -> None:
    assert names("甘南藏族自治州与天津市协作。津企“扎根”甘南山乡") == [
        ("甘南藏族自治州", "Region"), ("天津市", "Region"), ("甘南", "Region")]


def test_a_place_before_a_quoted_park_word_is_named_too() -> None:
    # 某地“飞地园区”: the park's name, and the place written before it is named as well
    got = _entities("怒江州与珠海市合作。推动怒江州泸水“飞地园区”入驻珠海高新区。")
    assert got["泸水“飞地园区”"][0] == "Park"
    assert got["泸水市"][0] == "Region"


def test_a_place_before_a_quoted_enclave_word_is_a_figure() -> None:
    # 某市“飞地”: an enclave of that city said in a figure, not a park's name
    got = _entities("鹤岗市“带土移植”宁波“飞地”，兴山区携手宁波北仑区打造数字产业园。")
    assert not any("飞地" in label for label in got)
    assert got["宁波市"][0] == "Region"


def test_jointly_building_a_park_in_a_zone_is_a_verb_phrase() -> None:
    # 某某示范区|共建产业园: the zone, then the verb; 甲乙共建产业园 stays a name
    assert names("两地在赣湘合作示范区共建产业园。") == [("赣湘合作示范区", "Region")]
    assert names("两地在赣州经济技术开发区共建产业园区。") == [("赣州经济技术开发区", "Region")]
    assert names("赣湘共建产业园今年新增企业。") == [("赣湘共建产业园", "Park")]


def test_a_name_given_in_quotes_after_ming_wei() -> None:
    # 名为“某某”的 + a noun ending in a suffix: the quoted name, of that kind
    assert names("这座名为“岚赣云谷”的数字产业园由两地共建。") == [("岚赣云谷", "Park")]
    assert names("一个名为“青创家”的孵化器开张。") == [("青创家", "Park")]
    # must not fire: no kind of entity after the name, or a figure
    assert names("名为“开放”的展览开幕。") == []
    assert names("他名为“张三”。") == []


def test_side_of_a_river_or_mountain_is_not_a_province() -> None:
    # 某河|北岸, 某江|西岸, 某山|东麓: the short form of a province read across a name's end
    assert names("工厂沿沅河北岸排开，新城在雪峰山东麓。") == []
    assert names("产业带分布在汾河南北两侧。") == []
    assert names("码头建在资江西岸。") == []
    # the province itself stays, after a place word or alone
    assert names("来自河北的企业在江西落户。") == [("河北", "Region"), ("江西", "Region")]
    assert names("在湖南岸上的风景") == [("湖南", "Region")]


def test_counted_pair_of_short_forms_are_places() -> None:
    # 甲与乙两地, 甲、乙、丙三县: the count word vouches for short forms of county-level places
    assert names("桐城与潜山两地签署协议。") == [("桐城", "Region"), ("潜山", "Region")]
    assert names("泾县、旌德、绩溪三县联合招商。") == [("泾县", "Region"), ("旌德", "Region"),
                                                   ("绩溪", "Region")]
    # no count word: a county's short form alone still needs its city
    assert names("桐城与潜山签署协议。") == []
    # the count word ends a park's name (两市共建产业园 is no name)
    assert names("桐城与潜山两市共建产业园。") == [("桐城", "Region"), ("潜山", "Region")]


def test_parks_named_valley_or_port_of_a_trade() -> None:
    # 某某智谷, 某某云谷, 某某科技港, 某某加速器: parks whose names end in no 园/区
    assert names("两市共建的岚溪智造谷已引进企业30家。") == [("岚溪智造谷", "Park")]
    assert names("项目落户于南平市的岚峰智谷。") == [("南平市", "Region"), ("岚峰智谷", "Park")]
    assert names("企业搬进了翠溪创新港。") == [("翠溪创新港", "Park")]
    assert names("建成南岚科技加速器。") == [("南岚科技加速器", "Park")]
    # the kind alone, or after a generic word, is no name
    assert names("科技谷是产业发展的新引擎，园区建设了一批创新谷、智慧港。") == []


def test_counted_firms_are_not_names() -> None:
    # 200家基金公司, 有5家汽车集团: a count of firms, none named
    assert names("园区集聚了200家基金公司，全市有5家汽车集团，引进了十余家电子公司。") == []
    assert names("岚家旺电器在佛山。") == [("岚家旺电器", "Enterprise"), ("佛山", "Region")]


def test_parks_of_more_kinds() -> None:
    # 某某生态园, 某某文创园, 某某智造园, 某某产业综合体, 某某创新基地, 某某生态城, 某某协作区
    for text, name, cat in [("双方共建的中岚生态园已入驻企业20家。", "中岚生态园", "Park"),
                            ("项目落户岚溪文创园。", "岚溪文创园", "Park"),
                            ("企业落户岚溪智造园。", "岚溪智造园", "Park"),
                            ("项目在岚溪数字经济产业综合体开工。", "岚溪数字经济产业综合体", "Park"),
                            ("岚溪创新基地揭牌成立。", "岚溪创新基地", "Park"),
                            ("两地合作建设岚溪生态城。", "岚溪生态城", "Park"),
                            ("南岚协作区揭牌成立。", "南岚协作区", "Region")]:
        assert names(text) == [(name, cat)], text
    # the kinds alone, or after common words, are no names
    assert names("全省建成一批现代农业园和生态园，要打造科技创新基地和人才培养示范基地，"
                 "建设国家级研发基地，打造国际化生态城，推动东西部协作区建设。") == []


def test_co_building_in_a_place_is_a_verb_phrase() -> None:
    # 在某县共建产业园: the place, then a verb and a kind of park
    assert names("马鞍山市携手邻市，在当涂共建产业园。") == [("马鞍山市", "Region"), ("当涂", "Region")]
    # a name may start with the place: 某某共建产业园 at the head of a sentence
    assert names("岚滁共建产业园开园。") == [("岚滁共建产业园", "Park")]


def test_places_of_taiwan() -> None:
    # its cities and counties, written whole or short once the article names Taiwan
    assert names("来自高雄的客商和台北市的企业参加了展会。") == [("高雄", "Region"), ("台北市", "Region")]
    assert names("台湾的企业把研发放在新竹，澎湖县也来了。") == [
        ("台湾", "Region"), ("新竹", "Region"), ("澎湖县", "Region")]
    # short forms that are also words inside others (平台中心) need the full name
    assert names("台湾企业在平台中心发布信息，舞台中央站着演员。") == [("台湾", "Region")]


def test_co_building_park_named_xietong() -> None:
    assert names("由北京市朝阳区与廊坊市共建的朝阳·廊坊科创协同园开园。")[-1] == (
        "朝阳·廊坊科创协同园", "Park")
    assert names("推动建设一批协同园。") == []


def test_quoted_figure_before_a_bare_park_word_is_prose() -> None:
    # 较早“落子”园区, 纷纷“抢滩”园区: a quoted figure of speech, then 园区 as its object
    assert names("这家公司是较早“落子”园区的企业之一，企业纷纷“抢滩”园区。") == []
    # a quoted word inside a park's own name stays
    assert names("岚溪“数智”产业园区开园。") == [("岚溪“数智”产业园区", "Park")]


def _alts(text: str, label: str) -> set[str]:
    from graph.pipeline import extract_text

    ent = next(e for e in extract_text(text).entities.values() if e.label == label)
    return ent.alt_labels | ent.trad_labels


def test_province_short_form_then_its_city_is_an_alias_of_the_city() -> None:
    # 某省简称 + its city: the pair names the city (as the article writes it)
    assert "江西赣州" in _alts("江西赣州的电子信息产业去年产值过千亿。", "赣州市")
    assert "四川凉山州" in _alts("浙江对口支援四川凉山州，两地合作深入。", "凉山彝族自治州")
    trad = "廣東惠州的企業到深圳設研發中心。"  # Traditional: both spellings kept
    assert {"广东惠州", "廣東惠州"} <= _alts(trad, "惠州市")
    assert "广东惠州" not in _alts(trad, "广东省")


def test_province_then_other_provinces_city_is_no_alias() -> None:
    # 福建|宁波: a province, then a city of another province, are two places
    assert not any(a.startswith("福建") for a in _alts("福建宁波两地企业签约合作。", "宁波市"))
    # a full name pair (某某省某某市) is an address, not a new alias
    assert "江西省赣州市" not in _alts("江西省赣州市与深圳市合作共建产业园。", "赣州市")
