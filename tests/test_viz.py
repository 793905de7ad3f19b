"""The HTML view (graph/viz.py), without a browser: page content, escaping, views, errors.

The graph is built by hand with the schema of graph/netx.py (see its module doc), so the
expected node sets below can be checked on paper:

    广东省 ─ 珠海市 ─ 金湾区 ─ 三灶镇        深圳市 ─ 南山区
              │  └─ 香洲区                  (part_of edges child → parent)
              └─ 横琴粤澳深度合作区 (zone)
"""
from __future__ import annotations

import html
import json
import re
from collections import Counter
from html.parser import HTMLParser

import networkx as nx
import pytest

from graph.errors import CoopgraphError
from graph.viz import (PHYSICS_MAX_NODES, SPACING, VizError, render_html, romanise, show,
                       write_html)

ID = "https://w3id.org/coopgraph/id/"
GD, ZH, SZ = ID + "region/440000", ID + "region/440400", ID + "region/440300"
JW, XZ, NS = ID + "region/440404", ID + "region/440402", ID + "region/440305"
SZT = ID + "region/440404101"
HQ = ID + "zone/横琴粤澳深度合作区"
PARK = ID + "park/金湾区生物医药产业园"
ENT = ID + "enterprise/丽珠集团"
BR = ID + "infrastructure/港珠澳大桥"
UNI = ID + "institution/中山大学"
XSS = ID + "park/xss"
XSS_LABEL = "<img src=x onerror=alert(1)>科技园"
XSS_EVIDENCE = "飞地</script><script>alert(2)</script>\u2028第二行 & <b>粗</b>"

_EDGE = {"relation": "", "label": "", "evidence": "", "source": "", "status": "",
         "date": "", "rule": "", "confidence": 1.0, "fact": "", "kind": "",
         "up_function": "", "down_function": "", "up_function_id": "",
         "down_function_id": ""}


def _node(label, category, kind, *, parent="", alt="", adcode="", lonlat=None, mentioned=1,
          evidence=""):
    d = {"label": label, "category": category, "kind": kind, "adcode": adcode,
         "parent": parent, "alt_labels": alt, "mentioned": mentioned,
         "sources": "doc-a" if mentioned else "", "evidence": evidence}
    if lonlat:
        d["lon"], d["lat"] = lonlat
    return d


def make_graph(*, reverse: bool = False) -> nx.MultiDiGraph:
    """The fixture graph; ``reverse`` inserts nodes and edges in the opposite order."""
    nodes = [
        (GD, _node("广东省", "Region", "Province", adcode="440000", lonlat=(113.266, 23.132),
                   mentioned=0)),
        (ZH, _node("珠海市", "Region", "City", parent=GD, adcode="440400",
                   lonlat=(113.577, 22.271))),
        (SZ, _node("深圳市", "Region", "City", parent=GD, adcode="440300",
                   lonlat=(114.058, 22.544))),
        (JW, _node("金湾区", "Region", "District", parent=ZH, alt="金湾", adcode="440404",
                   lonlat=(113.363, 22.147), evidence="金湾区:探索建立协同发展新模式")),
        (XZ, _node("香洲区", "Region", "District", parent=ZH, adcode="440402",
                   lonlat=(113.544, 22.266))),
        (NS, _node("南山区", "Region", "District", parent=SZ, adcode="440305",
                   lonlat=(113.930, 22.533))),
        (SZT, _node("三灶镇", "Region", "Town", parent=JW, lonlat=(113.35, 22.05))),
        (HQ, _node("横琴粤澳深度合作区", "Region", "CooperationZone", parent=ZH,
                   lonlat=(113.52, 22.13))),
        (PARK, _node("金湾区生物医药产业园", "Park", "IndustrialPark")),
        (ENT, _node("丽珠集团", "Enterprise", "Enterprise")),
        (BR, _node("港珠澳大桥", "Infrastructure", "Bridge")),
        (UNI, _node("中山大学", "Institution", "University")),
        (XSS, _node(XSS_LABEL, "Park", "Enclave", alt="<script>alert(3)</script>",
                    evidence=XSS_EVIDENCE)),
    ]
    edges = [(child, parent, f"partOf:{child}", {"relation": "part_of", "label": "隶属"})
             for child, parent in [(JW, ZH), (XZ, ZH), (NS, SZ), (ZH, GD), (SZ, GD),
                                   (SZT, JW), (HQ, ZH)]]

    def fact(rel, u, v, n, **attrs):
        iri = f"{ID}fact/{rel}/{n}"
        edges.append((u, v, iri, {"relation": rel, "fact": iri, "source": "doc-a",
                                  "rule": "test", "confidence": 0.8, **attrs}))

    fact("pairing", HQ, JW, 1, label="研发 → 生产", up_function="研发", down_function="生产",
         up_function_id="RnD", down_function_id="Production",
         evidence="研发在横琴、生产在金湾。", status="completed", date="2024-05")
    fact("pairing", NS, JW, 2, label="研发 → 生产", up_function="研发",
         down_function="生产", up_function_id="RnD", down_function_id="Production",
         evidence="南山研发、金湾生产。")
    fact("pairing", NS, XZ, 3, label="总部 → 制造", up_function="总部",
         down_function="制造", up_function_id="Headquarters",
         down_function_id="Manufacturing", evidence="总部在南山、制造在香洲。")
    fact("co_built", JW, PARK, 4, label="共建", evidence="两区共建产业园。")
    fact("co_built", XZ, PARK, 5, label="共建", evidence="两区共建产业园。")
    fact("located_in", PARK, JW, 6, label="位于", evidence="产业园位于金湾区。")
    fact("located_in", ENT, PARK, 7, label="位于", evidence="丽珠集团落户产业园。")
    fact("connection", BR, XZ, 8, label="连接", evidence="大桥连接香洲。")
    fact("connection", BR, NS, 9, label="连接", evidence="大桥连接南山。")
    fact("twinning", JW, NS, 10, label="结对", kind="结对帮扶", evidence="两区结对。")
    fact("enclave_host", XSS, SZT, 11, label="飞地所在地", kind="forward",
         evidence=XSS_EVIDENCE, status="planned")
    fact("enclave_owner", XSS, NS, 12, label="飞地所属", kind="forward",
         evidence=XSS_EVIDENCE, status="planned")
    g = nx.MultiDiGraph(name="coopgraph")
    for n, d in (reversed(nodes) if reverse else nodes):
        g.add_node(n, **d)
    for u, v, k, d in (reversed(edges) if reverse else edges):
        g.add_edge(u, v, key=k, **{**_EDGE, **d})
    return g


def _tags(page: str) -> list[tuple[str, dict]]:
    """Start tags as a browser's tokenizer sees them (script contents are not markup)."""
    found: list[tuple[str, dict]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, dict(attrs)))

    Collect().feed(page)
    return found


def payload(page: str) -> dict:
    m = re.search(r'<script id="cg-data" type="application/json">(.*?)</script>', page, re.S)
    assert m, "data script missing"
    return json.loads(m.group(1))


def nodes_of(data: dict) -> dict[str, dict]:
    """IRI → node record (fields named)."""
    return {row[0]: dict(zip(data["nf"], row)) for row in data["nodes"]}


def edges_of(data: dict) -> list[dict]:
    iris = [row[0] for row in data["nodes"]]
    out = []
    for row in data["edges"]:
        e = dict(zip(data["ef"], row))
        e["u"], e["v"] = iris[e["from"]], iris[e["to"]]
        e["relation"] = data["style"]["relations"][e["rel"]]["id"]
        out.append(e)
    return out


@pytest.fixture(scope="module")
def G() -> nx.MultiDiGraph:
    return make_graph()


@pytest.fixture(scope="module")
def page(G) -> str:
    return render_html(G)


# --- self-contained page ------------------------------------------------------------------

def test_page_is_self_contained(page):
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page[:200]
    # Nothing is loaded from anywhere: no src/href/url() pointing outside, no <link>.
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"<link\b", page, re.I)
    assert not re.search(r"url\(\s*['\"]?\s*(?:https?:)?//", page, re.I)
    assert "@import" not in page
    assert not re.search(r"cdn\.|cdnjs|jsdelivr|unpkg|bootstrap", page, re.I)
    assert "sourceMappingURL" not in page
    # vis-network is inlined (its DataSet is used by the page script).
    assert "vis-network" in page and "new vis.Network(" in page
    # Everything inline: three script elements (data, vis-network, page), no src, and no
    # other element that could fetch something.
    tags = _tags(page)
    assert [a for t, a in tags if t == "script"] == [
        {"id": "cg-data", "type": "application/json"}, {}, {}]
    assert len(re.findall(r"</script>", page)) == 3
    assert not {"link", "img", "iframe", "object", "embed", "source", "video",
                "audio"} & {t for t, _ in tags}
    assert "default-src 'none'" in page  # the CSP makes a stray URL fail instead of load


def test_xss_label_is_escaped_in_embedded_json(page):
    # The label and evidence appear only as \u003c-escaped JSON text.
    assert XSS_LABEL not in page
    assert "<img" not in page
    assert "alert(2)" in page and "<script>alert(2)" not in page
    assert "<script>alert(3)" not in page
    assert "\u2028" not in page and "\u2029" not in page
    assert "\\u003cimg src=x onerror=alert(1)\\u003e科技园" in page
    assert "\\u003c/script\\u003e" in page and "\\u0026" in page
    data = payload(page)
    node = nodes_of(data)[XSS]
    assert node["label"] == node["zh"] == XSS_LABEL
    assert node["evidence"] == XSS_EVIDENCE
    assert node["alt"] == "<script>alert(3)</script>"


def test_page_script_never_uses_html_parsing(page):
    script = page[page.rindex("<script>"):]
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                 "new Function"):
        assert sink not in script, sink


def test_title_is_escaped(G):
    page = render_html(G, title="<b>合作</b> & co")
    assert "<title>&lt;b&gt;合作&lt;/b&gt; &amp; co</title>" in page
    assert "<b>合作</b>" not in page


def test_legend_lists_present_groups_and_relations_with_counts(page):
    legend = page[page.index('<section id="cg-legend"'):page.index("</section>")]
    rows = re.findall(r'<input type="checkbox" data-(group|rel)="(\d+)" checked>.*?'
                      r'<span class="cg-name">([^<]*)<small>([^<]*)</small></span>'
                      r'<span class="cg-count">(\d+)</span>', legend)
    got = {(kind, zh.strip(), en, int(count)) for kind, _, zh, en, count in rows}
    assert got == {
        ("group", "省级", "Province / SAR", 1), ("group", "地级市", "City", 2),
        ("group", "区县", "District / County", 3), ("group", "乡镇", "Town", 1),
        ("group", "功能区", "Zone / New area", 1), ("group", "园区", "Park", 2),
        ("group", "企业", "Enterprise", 1), ("group", "基础设施", "Infrastructure", 1),
        ("group", "机构", "Institution", 1),
        ("rel", "功能分工", "Function split", 3), ("rel", "共建", "Co-built", 2),
        ("rel", "飞地所在地", "Enclave host", 1), ("rel", "飞地所属", "Enclave owner", 1),
        ("rel", "结对", "Twinning", 1), ("rel", "连接", "Connection", 2),
        ("rel", "位于", "Located in", 2), ("rel", "隶属", "Part of", 7),
    }
    assert legend.count("<svg") == len(rows)


def test_search_box_filters_and_panel_are_on_the_page(page):
    assert 'id="cg-search"' in page and 'id="cg-panel"' in page and 'id="cg-net"' in page


# --- data -------------------------------------------------------------------------------

def test_all_nodes_and_edges_with_their_attributes(G, page):
    data = payload(page)
    nodes = nodes_of(data)
    assert set(nodes) == set(G)
    assert len(data["edges"]) == G.number_of_edges() == 19
    jw = nodes[JW]
    assert (jw["zh"], jw["alt"], jw["adcode"], jw["kind"], jw["parent"]) == (
        "金湾区", "金湾", "440404", "District", "珠海市")
    assert data["nodes"][jw["parentIdx"]][0] == ZH
    assert jw["py"] == "jinwanqu jwq"
    assert jw["deg"] == 7  # part_of ×2, pairing ×2, co_built, located_in, twinning
    assert nodes[GD]["mentioned"] == 0
    # Bigger by degree.
    assert nodes[JW]["size"] > nodes[XZ]["size"] > nodes[UNI]["size"]
    pairing = [e for e in edges_of(data) if e["relation"] == "pairing" and e["u"] == HQ]
    assert len(pairing) == 1
    p = pairing[0]
    assert (p["v"], p["label"], p["text"], p["up"], p["down"], p["status"], p["date"],
            p["evidence"], p["source"], p["confidence"]) == (
        JW, "研发 → 生产", "研发 → 生产", "研发", "生产", "completed", "2024-05",
        "研发在横琴、生产在金湾。", "doc-a", 0.8)
    part_of = [e for e in edges_of(data) if e["relation"] == "part_of"]
    assert all(e["label"] == "" for e in part_of)  # drawn without text; legend explains


def test_groups_by_category_and_region_level(page):
    data = payload(page)
    groups = [g["id"] for g in data["style"]["groups"]]
    got = {iri: groups[n["group"]] for iri, n in nodes_of(data).items()}
    assert got == {GD: "province", ZH: "city", SZ: "city", JW: "district", XZ: "district",
                   NS: "district", SZT: "town", HQ: "zone", PARK: "park", XSS: "park",
                   ENT: "enterprise", BR: "infrastructure", UNI: "institution"}


def test_parallel_edges_are_curved_apart(G):
    g = G.copy()
    g.add_edge(HQ, JW, key="extra", **{**_EDGE, "relation": "pairing", "label": "工作 → 生活"})
    data = payload(render_html(g))
    curves = sorted(e["curve"] for e in edges_of(data) if {e["u"], e["v"]} == {HQ, JW})
    assert curves == [-0.1, 0.1]
    # The co-building and the located-in edge between park and district: opposite
    # directions, curved to opposite sides of the line so they stay apart.
    # "curve" is relative to the edge's own direction (vis' curvedCW/CCW), so the same
    # sign on opposite directions means opposite sides.
    both = {(e["u"], e["v"]): e["curve"] for e in edges_of(data) if {e["u"], e["v"]} == {JW, PARK}}
    assert both == {(JW, PARK): -0.1, (PARK, JW): -0.1}
    pairs = Counter(frozenset((e["u"], e["v"])) for e in edges_of(data))
    assert all(e["curve"] == 0 for e in edges_of(data) if pairs[frozenset((e["u"], e["v"]))] == 1)


def test_output_is_deterministic(G):
    page = render_html(G)
    assert render_html(G) == page
    assert render_html(make_graph(reverse=True)) == page
    geo = render_html(G, layout="geo", lang="en")
    assert render_html(make_graph(reverse=True), layout="geo", lang="en") == geo


def test_small_graph_uses_capped_browser_physics(page):
    data = payload(page)
    assert data["physics"] is True and data["large"] is False
    assert data["iterations"] <= 200
    assert all(n["x"] is None for n in nodes_of(data).values())
    assert "smooth: false" in page


# --- views ------------------------------------------------------------------------------

def test_focus_by_alt_label_depth_1(G):
    data = payload(render_html(G, focus="金湾", depth=1))
    assert set(nodes_of(data)) == {JW, ZH, SZT, HQ, PARK, NS}
    assert data["nodes"][data["focus"]][0] == JW and data["depth"] == 1
    # Every edge among the kept nodes, and only those.
    kept = {JW, ZH, SZT, HQ, PARK, NS}
    expected = sum(1 for u, v in G.edges() if u in kept and v in kept)
    assert len(data["edges"]) == expected == 8


def test_focus_by_label_iri_and_depth(G):
    assert set(nodes_of(payload(render_html(G, focus=JW, depth=0)))) == {JW}
    two = set(nodes_of(payload(render_html(G, focus="金湾区", depth=2))))
    assert two == {JW, ZH, SZT, HQ, PARK, NS, GD, XZ, ENT, SZ, BR, XSS}
    assert UNI not in two


def test_focus_errors(G):
    with pytest.raises(VizError) as err:
        render_html(G, focus="不存在区")
    assert str(err.value) == ("focus '不存在区' not found: no node has it as label, "
                              "alternative label or IRI")
    g = G.copy()
    g.add_node(ID + "region/999999", **_node("金湾区", "Region", "District"))
    with pytest.raises(VizError) as err:
        render_html(g, focus="金湾区")
    assert str(err.value) == (f"focus '金湾区' is ambiguous (2 nodes: {JW}, "
                              f"{ID}region/999999); pass the IRI instead")
    assert "\n" not in str(err.value)


def test_level_city_folds_districts_and_towns(G):
    data = payload(render_html(G, level="city"))
    nodes = nodes_of(data)
    assert set(nodes) == {GD, ZH, SZ, HQ, PARK, ENT, BR, UNI, XSS}
    assert nodes[ZH]["folded"] == ["三灶镇", "金湾区", "香洲区"]
    assert nodes[SZ]["folded"] == ["南山区"]
    assert nodes[ZH]["internal"] == {"part_of": 3}
    got = sorted((e["relation"], nodes[e["u"]]["zh"], nodes[e["v"]]["zh"], e["label"], e["count"])
                 for e in edges_of(data))
    assert got == sorted([
        ("part_of", "珠海市", "广东省", "", 1), ("part_of", "深圳市", "广东省", "", 1),
        ("part_of", "横琴粤澳深度合作区", "珠海市", "", 1),
        ("pairing", "横琴粤澳深度合作区", "珠海市", "研发 → 生产", 1),
        ("pairing", "深圳市", "珠海市", "总部 → 制造; 研发 → 生产 ×2", 2),
        ("co_built", "珠海市", "金湾区生物医药产业园", "共建 ×2", 2),
        ("located_in", "金湾区生物医药产业园", "珠海市", "", 1),
        ("located_in", "丽珠集团", "金湾区生物医药产业园", "", 1),
        ("connection", "港珠澳大桥", "珠海市", "", 1),
        ("connection", "港珠澳大桥", "深圳市", "", 1),
        ("twinning", "珠海市", "深圳市", "结对", 1),
        ("enclave_host", XSS_LABEL, "珠海市", "飞地所在地", 1),
        ("enclave_owner", XSS_LABEL, "深圳市", "飞地所属", 1),
    ])
    merged = next(e for e in edges_of(data) if e["count"] == 2 and e["relation"] == "pairing")
    # Members in (from IRI, to IRI) order: 香洲区 (440402) before 金湾区 (440404).
    assert merged["evidence"] == "总部在南山、制造在香洲。\n南山研发、金湾生产。"
    assert [(m["from"], m["to"], m["label"]) for m in merged["members"]] == [
        ("南山区", "香洲区", "总部 → 制造"), ("南山区", "金湾区", "研发 → 生产")]


def test_level_province_and_district(G):
    assert set(nodes_of(payload(render_html(G, level="province")))) == {
        GD, HQ, PARK, ENT, BR, UNI, XSS}
    district = nodes_of(payload(render_html(G, level="district")))
    assert set(district) == set(G) - {SZT}
    assert district[JW]["folded"] == ["三灶镇"]


def test_focus_after_roll_up(G):
    data = payload(render_html(G, level="city", focus="金湾区", depth=1))
    assert set(nodes_of(data)) == {ZH, GD, HQ, SZ, PARK, BR, XSS}
    assert data["nodes"][data["focus"]][0] == ZH


def test_geo_layout_places_regions_by_coordinates(G):
    data = payload(render_html(G, layout="geo"))
    assert data["physics"] is False
    n = nodes_of(data)
    xy = {iri: (rec["x"], rec["y"]) for iri, rec in n.items()}
    assert all(x is not None for x, _ in xy.values())
    assert xy[JW][0] < xy[XZ][0] < xy[NS][0]  # west → east
    assert xy[GD][1] < xy[ZH][1] and xy[SZT][1] > xy[JW][1]  # north is up

    def dist(a, b):
        return ((xy[a][0] - xy[b][0]) ** 2 + (xy[a][1] - xy[b][1]) ** 2) ** 0.5

    # The park sits by the district it is located in, the firm by its park (nodes
    # closer than two spacings are pushed apart, so labels do not cover each other).
    assert dist(PARK, JW) < 2.5 * SPACING and dist(PARK, JW) < dist(PARK, XZ)
    assert dist(ENT, PARK) < 2.5 * SPACING
    assert min(dist(a, b) for a in xy for b in xy if a < b) >= 1.9 * SPACING
    # No way to a coordinate: placed right of the map.
    placed = [xy[i][0] for i in n if i != UNI]
    assert xy[UNI][0] > max(placed)
    # The view opens on every linked node (the page fits it beside the side panels).
    linked = [xy[i] for i, rec in n.items() if rec["deg"]]
    assert data["view"] == [min(x for x, _ in linked), min(y for _, y in linked),
                            max(x for x, _ in linked), max(y for _, y in linked)]


def _big_graph(n: int, with_coords: bool) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for i in range(n):
        attrs = _node(f"节点{i}号园", "Park", "IndustrialPark")
        if with_coords:
            attrs["lon"], attrs["lat"] = 100 + (i % 97) * 0.2, 20 + (i // 97) * 0.2
        g.add_node(f"{ID}park/{i:05d}", **attrs)
    for i in range(n):  # a ring plus chords: one big component
        for j in (i + 1, i * 7 + 3):
            g.add_edge(f"{ID}park/{i:05d}", f"{ID}park/{j % n:05d}", key=f"f{i}-{j}",
                       **{**_EDGE, "relation": "co_built", "label": "共建"})
    g.add_node(ID + "park/isolated", **_node("孤立园", "Park", "IndustrialPark"))
    return g


def test_large_graph_gets_precomputed_positions_deterministically():
    g = _big_graph(PHYSICS_MAX_NODES + 200, with_coords=False)
    page = render_html(g)
    data = payload(page)
    assert data["physics"] is False and data["large"] is True
    assert all(n["x"] is not None and n["y"] is not None for n in nodes_of(data).values())
    # Distinct positions (a spectral layout alone piles nodes up).
    assert len({(n["x"], n["y"]) for n in nodes_of(data).values()}) == g.number_of_nodes()
    assert render_html(g) == page  # ARPACK in a second run must not flip the layout


def test_large_graph_with_coordinates_uses_them():
    g = _big_graph(PHYSICS_MAX_NODES + 10, with_coords=True)
    n = nodes_of(payload(render_html(g)))
    a, b = n[f"{ID}park/00000"], n[f"{ID}park/00001"]
    # 0.2° apart along a parallel (nudged apart by at most a spacing)
    assert a["x"] < b["x"] and abs(a["y"] - b["y"]) < SPACING


# --- labels -------------------------------------------------------------------------------

def test_places_inside_names_are_romanised_as_places():
    from graph.viz import _place_pattern, _romanise_with_places

    g = nx.MultiDiGraph()
    for label, kind in (("杭州市", "City"), ("余杭区", "District"), ("衢州市", "City"),
                        ("柯城区", "District")):
        g.add_node(f"{ID}region/{label}", **_node(label, "Region", kind))
    places = _place_pattern(g)
    name = "杭州市余杭区—衢州市柯城区协作产业园"
    assert _romanise_with_places(name, "en", places) == (
        "Hangzhou City Yuhang District — Quzhou City Kecheng District Xiezuo Industrial Park")
    assert _romanise_with_places(name, "pinyin", places) == (
        "Hangzhou Shi Yuhang Qu — Quzhou Shi Kecheng Qu Xiezuo Chanyeyuan")
    assert _romanise_with_places("临港物流园", "en", places) == romanise("临港物流园", "en")


@pytest.mark.parametrize("label, english", [("陕西省", "Shaanxi Province"),
                                            ("香港特别行政区", "Hong Kong SAR"),
                                            ("山西省", "Shanxi Province")])
def test_conventional_spellings(label, english):
    assert romanise(label, "en", place=True) == english


@pytest.mark.parametrize("label, place, pinyin, english", [
    ("金湾区", True, "Jinwan Qu", "Jinwan District"),
    ("珠海市", True, "Zhuhai Shi", "Zhuhai City"),
    ("广东省", True, "Guangdong Sheng", "Guangdong Province"),
    ("三灶镇", True, "Sanzao Zhen", "Sanzao Town"),
    ("西安市", True, "Xi'an Shi", "Xi'an City"),
    ("重庆市", True, "Chongqing Shi", "Chongqing City"),
    ("香港", True, "Xianggang", "Hong Kong"),
    ("中山大学", False, "Zhongshan Daxue", "Zhongshan University"),
    ("港珠澳大桥", False, "Gangzhu'ao Daqiao", "Gangzhu'ao Bridge"),
    ("丽珠集团", False, "Lizhu Jituan", "Lizhu Group"),
    ("Apple", False, "Apple", "Apple"),
])
def test_romanise(label, place, pinyin, english):
    assert romanise(label, "pinyin", place=place) == pinyin
    assert romanise(label, "en", place=place) == english


def test_lang_changes_drawn_labels_but_keeps_chinese(G):
    for lang, jw, zh_city, pairing in [("pinyin", "Jinwan Qu", "Zhuhai Shi", "Yanfa → Shengchan"),
                                       ("en", "Jinwan District", "Zhuhai City",
                                        "R&D → production")]:
        data = payload(render_html(G, lang=lang))
        n = nodes_of(data)
        assert (n[JW]["label"], n[JW]["zh"]) == (jw, "金湾区")
        assert n[ZH]["label"] == zh_city
        assert n[XSS]["label"].startswith("<img src=x onerror=alert(1)>")
        p = next(e for e in edges_of(data) if e["u"] == HQ and e["relation"] == "pairing")
        assert (p["label"], p["text"]) == (pairing, "研发 → 生产")
    assert nodes_of(payload(render_html(G)))[JW]["label"] == "金湾区"


# --- errors, files, Jupyter ---------------------------------------------------------------

@pytest.mark.parametrize("kwargs, message", [
    ({"layout": "tree"}, "unknown layout 'tree' (choose force or geo)"),
    ({"level": "county"}, "unknown level 'county' (choose province, city or district)"),
    ({"lang": "fr"}, "unknown lang 'fr' (choose zh, pinyin or en)"),
    ({"depth": -1}, "depth must be a whole number >= 0, not -1"),
])
def test_bad_arguments(G, kwargs, message):
    with pytest.raises(VizError) as err:
        render_html(G, **kwargs)
    assert str(err.value) == message
    assert isinstance(err.value, CoopgraphError)


def test_empty_graph():
    data = payload(render_html(nx.MultiDiGraph()))
    assert data["nodes"] == [] and data["edges"] == []


def test_write_html_is_utf8_and_atomic(G, tmp_path):
    out = tmp_path / "sub" / "graph.html"
    assert write_html(G, out, focus="金湾区", lang="en") == out
    assert out.read_bytes() == render_html(G, focus="金湾区", lang="en").encode("utf-8")
    assert "金湾区" in out.read_text(encoding="utf-8")
    assert sorted(p.name for p in out.parent.iterdir()) == ["graph.html"]


def test_write_html_to_a_folder_fails_with_one_line(G, tmp_path):
    with pytest.raises(CoopgraphError) as err:
        write_html(G, tmp_path)
    assert str(err.value) == f"cannot write {tmp_path}: it is a folder"


def test_show_returns_an_iframe_for_jupyter(G):
    shown = show(G, focus="金湾区")
    markup = shown._repr_html_() if hasattr(shown, "_repr_html_") else shown
    assert markup.startswith('<div class="coopgraph"><iframe srcdoc="&lt;!DOCTYPE html&gt;')
    page = html.unescape(re.search(r'srcdoc="([^"]*)"', markup).group(1))
    assert page == render_html(G, focus="金湾区")


def test_sample_extraction_through_the_rdf_projection():
    """The real pipeline output (graph.netx) renders, XSS label included."""
    from graph.netx import to_networkx
    from graph.rdf import to_dataset
    from graph.store import store_from_dataset
    from sample import sample_extraction

    g = to_networkx(store_from_dataset(to_dataset(sample_extraction())))
    page = render_html(g, layout="geo", level="city")
    data = payload(page)
    labels = {n["zh"] for n in nodes_of(data).values()}
    assert "<img src=x onerror=alert(1)>科技园" in labels and "<img" not in page
    assert {"长沙市", "湘潭市"} <= labels and "雨花区" not in labels
