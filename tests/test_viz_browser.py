"""The HTML view in a real browser: Debian's headless Chromium driven by Playwright.

Every network request is blocked (only file:// loads); the pages must draw everything,
log no errors, find nodes by search, keep the XSS label as text and write a screenshot to
tests/artifacts/. Skipped when /usr/bin/chromium is missing (CI installs the ``chromium``
and ``fonts-wqy-zenhei`` packages).
"""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("/usr/bin/chromium not installed (apt-get install chromium fonts-wqy-zenhei)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed")

from graph.viz import PHYSICS_MAX_NODES, render_html  # noqa: E402
from test_viz import (HQ, ID, JW, NS, PARK, SZT, UNI, XSS, XSS_EVIDENCE,  # noqa: E402
                      XSS_LABEL, ZH, _big_graph, _node, make_graph)

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), args=ARGS, headless=True,
            viewport={"width": 1400, "height": 900})
        try:
            yield ctx
        finally:
            ctx.close()
    shutil.rmtree(profile, ignore_errors=True)


class Page:
    """A page of ours, opened from a file with the network blocked, and what it logged."""

    def __init__(self, ctx, html: str, path: Path):
        path.write_text(html, encoding="utf-8")
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page = page = ctx.new_page()
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:")
                   else r.abort())
        page.goto(path.as_uri())
        # Polled from Python: the page's CSP forbids the eval behind wait_for_function.
        self.wait("!!(window.coopgraph && window.coopgraph.timing.interactive)", 30)

    def js(self, expr: str, arg=None):
        return self.page.evaluate(expr, arg)

    def wait(self, expr: str, timeout: float = 5.0, arg=None):
        deadline = time.monotonic() + timeout
        while True:
            value = self.js(expr, arg)
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {expr}")
            self.page.wait_for_timeout(25)

    def index(self, iri: str) -> int:
        return self.js("iri => coopgraph.data.nodes.findIndex(n => n[0] === iri)", iri)

    def centred_on(self, i: int) -> bool:
        return self.js("""i => {
            const net = coopgraph.network, p = net.getPosition(i), v = net.getViewPosition();
            return Math.abs(p.x - v.x) < 1 && Math.abs(p.y - v.y) < 1; }""", i)

    def clean(self) -> None:
        """No console errors, no requests other than the page itself, no dialogs."""
        assert self.errors == []
        assert [u for u in self.requests if not u.startswith("file:")] == []
        assert self.dialogs == []

    def close(self) -> None:
        self.page.close()


@pytest.fixture(scope="module")
def fixture_page(browser, tmp_path_factory):
    page = Page(browser, render_html(make_graph()),
                tmp_path_factory.mktemp("viz") / "fixture.html")
    yield page
    page.close()


#: Nodes with at least one link (the first view draws only these).
LINKED = "coopgraph.data.nodes.filter(r => r[coopgraph.data.nf.indexOf('deg')] > 0).length"


def test_draws_every_linked_node_and_every_edge(fixture_page):
    g = make_graph()
    lone = [n for n in g if g.degree(n) == 0]
    assert len(lone) == 1  # the university: no fact links it
    assert fixture_page.js("coopgraph.drawn()") == {"nodes": g.number_of_nodes() - 1,
                                                    "edges": g.number_of_edges()}
    assert fixture_page.js("coopgraph.nodes.length") == 13
    fixture_page.clean()


def test_unlinked_entities_wait_in_the_side_list(fixture_page):
    p = fixture_page
    names = p.js("[...document.querySelectorAll('#cg-unlinked li')].map(li => li.textContent)")
    assert names == [make_graph().nodes[UNI]["label"]]
    p.page.check("#cg-lone")
    assert p.js("coopgraph.drawn().nodes") == 13
    p.page.uncheck("#cg-lone")
    assert p.js("coopgraph.drawn().nodes") == 12
    # Choosing it in the list (or in search) draws the unlinked entities and selects it.
    p.page.click("#cg-unlinked summary")
    p.page.click("#cg-unlinked button[data-node]")
    assert p.js("coopgraph.selected().node") == p.index(UNI)
    assert p.js("coopgraph.drawn().nodes") == 13 and p.js("document.getElementById('cg-lone').checked")
    p.page.uncheck("#cg-lone")
    p.clean()


def test_first_view_is_legible_and_fits_the_linked_part(browser, tmp_path):
    """The seeds-sized sample: labels large enough to be drawn at first paint, every
    linked node drawn, the view inside the canvas between the side panels."""
    g = _sized_graph(60, lone=40)
    p = Page(browser, render_html(g), tmp_path / "first.html")
    try:
        assert p.js("coopgraph.drawn().nodes") == p.js(LINKED) == 60
        assert p.js("coopgraph.network.getScale()") >= 0.75 - 1e-9
        ARTIFACTS.mkdir(exist_ok=True)
        p.page.screenshot(path=str(ARTIFACTS / "viz_first_view.png"))
        p.clean()
    finally:
        p.close()
    geo = Page(browser, render_html(g, layout="geo"), tmp_path / "geo.html")
    try:
        # Every linked node inside the canvas (the stage between legend and panel).
        inside = geo.js("""() => {
            const net = coopgraph.network, c = document.getElementById('cg-net');
            const ids = net.body.nodeIndices, r = c.getBoundingClientRect();
            return ids.every(i => { const p = net.canvasToDOM(net.getPosition(i));
                return p.x >= 0 && p.y >= 0 && p.x <= r.width && p.y <= r.height; }); }""")
        assert inside
        assert geo.js("coopgraph.drawn().nodes") == 60
        geo.page.screenshot(path=str(ARTIFACTS / "viz_first_view_geo.png"))
        geo.clean()
    finally:
        geo.close()


def test_search_selects_and_centres_the_node(fixture_page):
    p = fixture_page
    p.page.fill("#cg-search", "金湾")
    jw = p.index(JW)
    assert p.js("coopgraph.selected()") == {"node": jw, "edge": None}
    p.wait("i => { const n = coopgraph.network, a = n.getPosition(i), v = n.getViewPosition();"
           " return Math.abs(a.x - v.x) < 1 && Math.abs(a.y - v.y) < 1; }", arg=jw)
    assert p.js("coopgraph.network.getSelectedNodes()") == [jw]
    # Its neighbourhood is highlighted, and the panel shows it.
    expected = sorted(p.index(i) for i in (JW, ZH, SZT, HQ, PARK, NS))
    assert p.js("coopgraph.highlighted()") == expected
    assert p.js("document.querySelector('#cg-panel h2').textContent") == "金湾区"
    # The result list offers the other matches as text.
    items = p.js("[...document.querySelectorAll('#cg-results li')].map(li => li.textContent)")
    assert items[0].startswith("金湾区") and any(i.startswith("金湾区生物医药产业园") for i in items)
    # Pinyin finds it too.
    p.page.fill("#cg-search", "zhuhai")
    assert p.js("coopgraph.selected().node") == p.index(ZH)
    p.page.fill("#cg-search", "jwq")
    assert p.js("coopgraph.selected().node") == jw
    p.clean()


def test_click_on_a_node_opens_its_panel(fixture_page):
    p = fixture_page
    p.js("coopgraph.clearSelection()")
    zh = p.index(ZH)
    # earlier tests leave a focus animation running; stop it so the node stays put
    p.js("coopgraph.network.fit({animation: false})")
    p.page.wait_for_timeout(300)
    x, y = p.js("""i => {
        const net = coopgraph.network, d = net.canvasToDOM(net.getPosition(i));
        const r = document.getElementById('cg-net').getBoundingClientRect();
        return [r.left + d.x, r.top + d.y]; }""", zh)
    p.page.mouse.click(x, y)
    p.wait("i => coopgraph.selected().node === i", arg=zh)
    assert p.js("document.querySelector('#cg-panel h2').textContent") == "珠海市"
    assert zh in p.js("coopgraph.highlighted()")
    p.clean()


def test_edge_panel_shows_evidence_status_and_date(fixture_page):
    p = fixture_page
    j = p.js("""([u, v]) => coopgraph.data.edges.findIndex(e =>
        coopgraph.data.nodes[e[0]][0] === u && coopgraph.data.nodes[e[1]][0] === v)""",
             [HQ, JW])
    p.js("j => coopgraph.selectEdge(j)", j)
    text = p.js("document.getElementById('cg-panel').innerText")
    assert "功能分工 Function split" in text
    assert "研发在横琴、生产在金湾。" in text
    assert "建成 completed" in text and "2024-05" in text and "doc-a" in text
    assert p.js("coopgraph.network.getSelectedEdges()") == [j]
    p.clean()


def test_xss_label_stays_text(fixture_page):
    p = fixture_page
    p.page.fill("#cg-search", "科技园")
    xss = p.index(XSS)
    assert p.js("coopgraph.selected().node") == xss
    assert p.js("document.querySelector('#cg-panel h2').textContent") == XSS_LABEL
    quotes = p.js("[...document.querySelectorAll('#cg-panel blockquote')]"
                  ".map(b => b.textContent)")
    assert XSS_EVIDENCE.split("\n")[0] in quotes
    # Hover tooltip and search results also hold it as text.
    assert XSS_LABEL in p.js("document.getElementById('cg-results').textContent")
    # Nothing was parsed as markup: no <img>, no extra <script>, no <b>, no dialog.
    assert p.js("document.querySelectorAll('img').length") == 0
    assert p.js("document.querySelectorAll('script').length") == 3
    assert p.js("document.querySelectorAll('#cg-panel b, #cg-results b').length") == 0
    p.page.wait_for_timeout(100)
    assert p.dialogs == []
    p.clean()


def test_filters_hide_categories_and_relations(fixture_page):
    p = fixture_page
    p.page.uncheck('#cg-legend input[data-rel="7"]')  # 隶属 part_of (7 edges)
    assert p.js("coopgraph.drawn()") == {"nodes": 12, "edges": 12}
    p.page.uncheck('#cg-legend input[data-group="1"]')  # 地级市: 珠海市, 深圳市
    # Cities had only part_of edges, already hidden.
    assert p.js("coopgraph.drawn()") == {"nodes": 10, "edges": 12}
    p.page.uncheck('#cg-legend input[data-group="2"]')  # districts: 金湾, 香洲, 南山
    # Left: located_in 丽珠集团 → 产业园, and the enclave's host town.
    assert p.js("coopgraph.drawn()") == {"nodes": 7, "edges": 2}
    for sel in ('data-rel="7"', 'data-group="1"', 'data-group="2"'):
        p.page.check(f'#cg-legend input[{sel}]')
    assert p.js("coopgraph.drawn()") == {"nodes": 12, "edges": 19}
    p.clean()


def test_screenshot(fixture_page):
    ARTIFACTS.mkdir(exist_ok=True)
    fixture_page.page.fill("#cg-search", "金湾区")
    fixture_page.wait("coopgraph.selected().node !== null")
    fixture_page.page.wait_for_timeout(450)  # the focus animation
    out = ARTIFACTS / "viz_fixture.png"
    fixture_page.page.screenshot(path=str(out))
    assert out.stat().st_size > 10_000


@pytest.mark.parametrize("kwargs", [
    {"layout": "geo"}, {"level": "city", "lang": "en"}, {"focus": "金湾区", "depth": 1,
                                                          "lang": "pinyin"},
])
def test_other_views_open_cleanly(browser, tmp_path, kwargs):
    p = Page(browser, render_html(make_graph(), **kwargs), tmp_path / "view.html")
    try:
        n, m = p.js(f"[{LINKED}, coopgraph.data.edges.length]")
        assert p.js("coopgraph.drawn()") == {"nodes": n, "edges": m}
        if "focus" in kwargs:
            assert p.js("coopgraph.selected().node") == p.index(JW)
        if kwargs.get("level") == "city":
            p.page.fill("#cg-search", "Zhuhai")
            assert p.js("coopgraph.selected().node") == p.index(ZH)
            # A folded district still leads to its city.
            p.page.fill("#cg-search", "香洲")
            assert p.js("coopgraph.selected().node") == p.index(ZH)
        p.clean()
    finally:
        p.close()


def test_large_graph_draws_at_once_with_the_edge_layer(browser, tmp_path):
    g = _big_graph(PHYSICS_MAX_NODES + 500, with_coords=False)
    p = Page(browser, render_html(g), tmp_path / "large.html")
    try:
        assert p.js("coopgraph.data.large") is True
        linked = sum(1 for n in g if g.degree(n))
        assert p.js("coopgraph.drawn()") == {"nodes": linked, "edges": g.number_of_edges()}
        timing = p.js("coopgraph.timing")
        assert "iterationsDone" not in timing  # no physics: drawn from Python's positions
        target = f"https://w3id.org/coopgraph/id/park/{777:05d}"
        p.page.fill("#cg-search", "节点777号园")
        i = p.index(target)
        assert p.js("coopgraph.selected().node") == i
        assert p.centred_on(i)
        # Labels are attached around the view once zoomed in.
        p.wait("i => coopgraph.nodes.get(i).label === '节点777号园'", arg=i)
        # An edge is found under the pointer and opens its panel.
        j = p.js("""i => coopgraph.data.edges.findIndex(e => e[0] === i)""", i)
        mid = p.js("""j => { const e = coopgraph.data.edges[j], n = coopgraph.network;
            const a = n.getPosition(e[0]), b = n.getPosition(e[1]);
            return {x: (a.x + b.x) / 2, y: (a.y + b.y) / 2}; }""", j)
        assert p.js("pt => coopgraph.edgeAt(pt)", mid) == j
        p.js("j => coopgraph.selectEdge(j)", j)
        assert p.js("document.querySelector('#cg-panel h2').textContent") == "共建 Co-built"
        p.page.uncheck('#cg-legend input[data-rel="1"]')  # co_built: every edge here
        assert p.js("coopgraph.drawn().edges") == 0
        ARTIFACTS.mkdir(exist_ok=True)
        p.page.screenshot(path=str(ARTIFACTS / "viz_large.png"))
        p.clean()
    finally:
        p.close()


def _sized_graph(linked: int, lone: int):
    """``linked`` districts around Shenzhen in a chain of twinning links, and ``lone``
    parks without any link (as in a build of a few articles)."""
    import networkx as nx

    g = nx.MultiDiGraph()
    for i in range(linked):
        attrs = _node(f"第{i}区", "Region", "District")
        attrs["lon"], attrs["lat"] = 113.9 + (i % 8) * 0.05, 22.5 + (i // 8) * 0.04
        g.add_node(f"{ID}region/{i}", **attrs)
    for i in range(lone):
        g.add_node(f"{ID}park/{i}", **_node(f"孤立{i}号园", "Park", "IndustrialPark"))
    for i in range(linked - 1):
        g.add_edge(f"{ID}region/{i}", f"{ID}region/{i + 1}", key=f"f{i}",
                   relation="twinning", label="结对", evidence="两地结对。", source="d",
                   fact=f"f{i}")
    return g


def test_empty_graph_page(browser, tmp_path):
    import networkx as nx

    p = Page(browser, render_html(nx.MultiDiGraph()), tmp_path / "empty.html")
    try:
        assert p.js("coopgraph.drawn()") == {"nodes": 0, "edges": 0}
        assert p.js("document.getElementById('cg-loading').textContent") == "空图 empty graph"
        p.clean()
    finally:
        p.close()

