"""The HTML view in a real headless Chromium with every network request blocked.

Skipped (with the reason) where Debian's chromium is not installed; CI installs it.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.rdf import to_dataset
from graph.store import save_dataset
from graph.netx import load_networkx
from graph.viz import write_html
from sample import sample_extraction

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent / "artifacts"

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="Debian chromium not installed (apt-get install chromium)")


@pytest.fixture(scope="module")
def page_and_graph(tmp_path_factory):
    sync_api = pytest.importorskip("playwright.sync_api")
    tmp = tmp_path_factory.mktemp("view")
    save_dataset(to_dataset(sample_extraction()), tmp / "g.trig")
    G = load_networkx(tmp / "g.trig")
    html = write_html(G, tmp / "g.html")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        errors: list[str] = []
        requests: list[str] = []
        dialogs: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

        def block(route):
            if not route.request.url.startswith("file://"):
                requests.append(route.request.url)
                route.abort()
            else:
                route.continue_()

        page.route("**/*", block)
        page.goto(html.as_uri())
        page.wait_for_function("window.coopgraph && window.coopgraph.drawn().nodes > 0",
                               timeout=20000)
        yield page, G, errors, requests, dialogs
        browser.close()


def test_draws_every_node_and_edge_offline(page_and_graph) -> None:
    page, G, errors, requests, _ = page_and_graph
    drawn = page.evaluate("window.coopgraph.drawn()")
    linked = sum(1 for n in G if G.degree(n))  # the first view leaves out unlinked ones
    assert drawn == {"nodes": linked, "edges": G.number_of_edges()}
    page.evaluate("window.coopgraph.setLone(true)")
    assert page.evaluate("window.coopgraph.drawn().nodes") == G.number_of_nodes()
    page.evaluate("window.coopgraph.setLone(false)")
    assert errors == [] and requests == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "view_sample.png"))
    assert (ARTIFACTS / "view_sample.png").stat().st_size > 10_000


def test_search_selects_the_node(page_and_graph) -> None:
    page, G, *_ = page_and_graph
    page.fill("#cg-search", "湘潭")
    page.keyboard.press("Enter")
    label = page.evaluate("(() => { const s = window.coopgraph.selected().node;"
                          " return s === null ? null : window.coopgraph.nodes.get(s).label; })()")
    assert label == "湘潭县"


def test_article_text_stays_text(page_and_graph) -> None:
    page, _, errors, _, dialogs = page_and_graph
    page.fill("#cg-search", "onerror")
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    assert dialogs == [] and errors == []
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert "<img src=x onerror=alert(1)>" in page.inner_text("body")
