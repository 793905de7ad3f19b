"""Benchmark the HTML view against pyvis' defaults (not a test).

For synthetic graphs of 500 / 5,000 / 20,000 nodes (about two edges per node, the
:mod:`graph.netx` schema), print the time to generate the HTML, its size, and the time
until the page is interactive in headless Chromium with all network requests blocked:

* ours -- :func:`graph.viz.render_html` (force layout: up to 1,000 nodes browser physics,
  capped at 200 iterations and fewer from a start computed in Python; above 1,000 nodes
  positions computed in Python, physics off, edges stroked by the page on its canvas);
* pyvis -- ``pyvis.network.Network(directed=True, cdn_resources="in_line")`` with its
  defaults (physics on, 1,000 stabilisation iterations, dynamic curved edges). ``directed``
  because an undirected pyvis Network scans all edges on every ``add_edge`` (quadratic)
  and drops parallel edges.

"Interactive" is the first frame drawn after stabilisation (physics on) or the first
frame (physics off), measured with ``performance.now()`` from navigation start. pyvis'
wait is capped (``--timeout``, default 60 s) and reported as "timeout".

Usage::

    python benchmarks/bench_viz.py                 # 500, 5000, 20000
    python benchmarks/bench_viz.py --sizes 500 5000 --timeout 30
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph.viz import render_html  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ID = "https://w3id.org/coopgraph/id/"
_HAN = "金湾香洲斗门南山宝安龙岗福田罗湖光明坪山龙华盐田番禺天河海珠越秀白云花都黄埔增城从化" \
       "顺德南海三水高明禅城江门新会台山开平鹤山恩平惠城惠阳博罗惠东龙门东莞中山湛江茂名肇庆" \
       "清远韶关河源梅州汕头潮州揭阳汕尾阳江云浮长沙株洲湘潭衡阳岳阳常德益阳郴州永州怀化娄底"
_EVIDENCE = "两地签署合作协议，共建产业园区，推动研发在{a}、生产在{b}的协同发展模式，" \
            "项目总投资约{n}亿元，计划于{y}年建成投产。"
_RELATIONS = [("pairing", 0.25), ("co_built", 0.2), ("twinning", 0.15), ("connection", 0.15),
              ("enclave_host", 0.05), ("enclave_owner", 0.05), ("located_in", 0.15)]


def synthetic_graph(n: int, seed: int = 1) -> nx.MultiDiGraph:
    """A graph shaped like a big corpus: admin hierarchy, parks, firms, cooperation."""
    rng = random.Random(seed)

    def name(k: int) -> str:
        return "".join(rng.choice(_HAN) for _ in range(k))

    g = nx.MultiDiGraph()
    sizes = {"Province": max(1, n // 200), "City": max(1, n // 40), "District": n // 8,
             "Town": n // 12}
    regions: dict[str, list[str]] = {}
    suffix = {"Province": "省", "City": "市", "District": "区", "Town": "镇"}
    i = 0
    parents: list[str] = []
    for kind, count in sizes.items():
        ids = []
        for _ in range(count):
            iri = f"{ID}region/{i:06d}"
            i += 1
            parent = rng.choice(parents) if parents else ""
            attrs = dict(label=name(2) + suffix[kind], category="Region", kind=kind,
                         adcode=f"{i:06d}", parent=parent, alt_labels="",
                         mentioned=rng.randint(0, 5),
                         sources="doc1|doc2", evidence="")
            if rng.random() < 0.6:  # coordinates for part of the regions only
                attrs["lon"] = round(rng.uniform(100, 122), 4)
                attrs["lat"] = round(rng.uniform(20, 42), 4)
            g.add_node(iri, **attrs)
            if parent:
                g.add_edge(iri, parent, key=f"partOf:{iri}", relation="part_of", label="隶属",
                           evidence="", source="", status="", date="", rule="", confidence=1.0,
                           fact="", kind="", up_function="", down_function="")
            ids.append(iri)
        regions[kind] = ids
        parents = ids
    cats = [("Park", "IndustrialPark", "产业园"), ("Enterprise", "Enterprise", "集团"),
            ("Infrastructure", "Bridge", "大桥"), ("Institution", "University", "大学")]
    weights = [0.45, 0.35, 0.12, 0.08]
    while g.number_of_nodes() < n:
        cat, kind, suf = rng.choices(cats, weights)[0]
        iri = f"{ID}{cat.lower()}/{i:06d}"
        i += 1
        g.add_node(iri, label=name(rng.randint(2, 5)) + suf, category=cat, kind=kind, adcode="",
                   parent="", alt_labels="", mentioned=rng.randint(1, 4), sources="doc3",
                   evidence=_EVIDENCE.format(a=name(2), b=name(2), n=rng.randint(1, 99), y=2025))
    nodes = sorted(g)
    f = 0
    m = g.number_of_edges()  # number_of_edges() walks every node: count here instead
    while m < 2 * n:
        m += 1
        u, v = rng.sample(nodes, 2)
        rel = rng.choices([r for r, _ in _RELATIONS], [w for _, w in _RELATIONS])[0]
        f += 1
        fact = f"{ID}fact/{rel}/{f:08d}"
        a, b = g.nodes[u]["label"], g.nodes[v]["label"]
        g.add_edge(u, v, key=fact, relation=rel,
                   label="研发 → 生产" if rel == "pairing" else "共建",
                   evidence=_EVIDENCE.format(a=a, b=b, n=rng.randint(1, 99), y=2025),
                   source="doc4", status=rng.choice(["planned", "completed", ""]),
                   date="2024-05", rule="bench", confidence=0.8, fact=fact, kind="",
                   up_function="研发" if rel == "pairing" else "",
                   down_function="生产" if rel == "pairing" else "",
                   up_function_id="RnD" if rel == "pairing" else "",
                   down_function_id="Production" if rel == "pairing" else "")
    return g


def pyvis_html(G: nx.MultiDiGraph, *, physics: bool = True) -> str:
    """pyvis with its defaults (in-line resources), the way its docs build a page."""
    from pyvis.network import Network

    net = Network(height="900px", width="100%", directed=True, cdn_resources="in_line")
    for node, d in G.nodes(data=True):
        net.add_node(node, label=d["label"], title=d["label"], group=d["category"])
    for u, v, d in G.edges(data=True):
        net.add_edge(u, v, title=d.get("label", ""))
    if not physics:
        net.toggle_physics(False)
    html = net.generate_html()
    hook = ("network = new vis.Network(container, data, options);")
    timing = (hook + """
      window.__t = {};
      network.once("afterDrawing", function () {
        __t.firstDraw = performance.now();
        if (!options.physics || options.physics.enabled === false) __t.interactive = __t.firstDraw;
      });
      network.once("stabilizationIterationsDone", function () {
        __t.iterationsDone = performance.now();
        network.once("afterDrawing", function () { __t.interactive = performance.now(); });
      });
      network.once("stabilized", function () { __t.stabilized = performance.now(); });""")
    if hook not in html:
        raise RuntimeError("pyvis template changed: cannot add the timing hook")
    return html.replace(hook, timing, 1)


def time_in_browser(ctx, path: Path, expr: str, timeout: float) -> tuple[float | None, str]:
    """Seconds from navigation start until ``expr`` yields a number (None on timeout)."""
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:")
               else r.abort())
    try:
        page.goto(path.as_uri(), wait_until="commit", timeout=timeout * 1000)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = page.evaluate(expr)
            if value is not None:
                return value / 1000.0, "; ".join(errors)
            page.wait_for_timeout(50)
        return None, "; ".join(errors)
    finally:
        page.close()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[500, 5000, 20000])
    ap.add_argument("--timeout", type=float, default=60.0, help="cap on pyvis waits (s)")
    ap.add_argument("--no-pyvis", action="store_true", help="only time our page")
    args = ap.parse_args(argv)

    from playwright.sync_api import sync_playwright

    out = Path(tempfile.mkdtemp(prefix="bench_viz_"))
    rows = []
    # The first call imports scipy and loads pypinyin's dictionaries: time it apart so the
    # per-size numbers below are steady-state.
    t = time.perf_counter()
    render_html(synthetic_graph(50))
    print(f"first call (imports, dictionaries): {time.perf_counter() - t:.2f} s", flush=True)
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(out / "profile"), executable_path=CHROMIUM, args=ARGS, headless=True,
            viewport={"width": 1400, "height": 900})
        try:
            for n in args.sizes:
                G = synthetic_graph(n)
                t = time.perf_counter()
                ours = render_html(G)
                gen = time.perf_counter() - t
                path = out / f"ours_{n}.html"
                path.write_text(ours, encoding="utf-8")
                ti, err = time_in_browser(
                    ctx, path, "window.coopgraph && window.coopgraph.timing.interactive || null",
                    max(args.timeout, 120.0))
                rows.append(("ours", n, G.number_of_edges(), gen, path.stat().st_size, ti, err))
                print(_fmt(rows[-1]), flush=True)
                if args.no_pyvis:
                    continue
                for label, physics in (("pyvis default", True), ("pyvis physics off", False)):
                    t = time.perf_counter()
                    page = pyvis_html(G, physics=physics)
                    gen = time.perf_counter() - t
                    path = out / f"pyvis_{n}_{int(physics)}.html"
                    path.write_text(page, encoding="utf-8")
                    ti, err = time_in_browser(ctx, path,
                                              "window.__t && window.__t.interactive || null",
                                              args.timeout)
                    rows.append((label, n, G.number_of_edges(), gen, path.stat().st_size, ti,
                                 err))
                    print(_fmt(rows[-1]), flush=True)
        finally:
            ctx.close()
    print()
    print("| page | nodes | edges | generate (s) | HTML (MB) | interactive (s) |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in rows:
        name, n, m, gen, size, ti, _ = r
        print(f"| {name} | {n:,} | {m:,} | {gen:.2f} | {size / 1e6:.2f} | "
              f"{'timeout' if ti is None else f'{ti:.2f}'} |")


def _fmt(r: tuple) -> str:
    name, n, m, gen, size, ti, err = r
    shown = "timeout" if ti is None else f"{ti:.2f} s"
    return (f"{name:18s} {n:>6} nodes {m:>6} edges  generate {gen:6.2f} s  "
            f"{size / 1e6:6.2f} MB  interactive {shown}" + (f"  errors: {err}" if err else ""))


if __name__ == "__main__":
    main()
