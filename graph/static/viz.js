/* coopgraph HTML view (inlined by graph/viz.py after vis-network).
 *
 * The graph arrives as JSON in <script id="cg-data" type="application/json">. Strings from
 * the graph come from articles: they are only ever inserted with textContent / text
 * nodes or drawn on the canvas, never parsed as HTML.
 *
 * window.coopgraph exposes the network and a few functions for tests and the console.
 */
(function () {
  "use strict";
  var timing = { start: performance.now() };
  var raw = JSON.parse(document.getElementById("cg-data").textContent);
  var style = raw.style;
  var LARGE = raw.large;

  function rows(fields, data) {
    return data.map(function (r) {
      var o = {};
      for (var i = 0; i < fields.length; i++) o[fields[i]] = r[i];
      return o;
    });
  }
  var N = rows(raw.nf, raw.nodes);
  var E = rows(raw.ef, raw.edges);
  var groupOn = style.groups.map(function () { return true; });
  var relOn = style.relations.map(function () { return true; });
  var zhUI = raw.lang === "zh";

  // --- DOM helpers (text only) -------------------------------------------------------
  function el(tag, attrs) {
    var e = document.createElement(tag);
    if (attrs) {
      for (var k in attrs) {
        if (k === "class") e.className = attrs[k];
        else if (k === "text") e.textContent = attrs[k];
        else if (k === "onclick") e.addEventListener("click", attrs[k]);
        else e.setAttribute(k, attrs[k]);
      }
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined || c === "") continue;
      e.appendChild(typeof c === "string" || typeof c === "number"
        ? document.createTextNode(String(c)) : c);
    }
    return e;
  }
  function split(s, sep) { return s ? String(s).split(sep).filter(Boolean) : []; }

  // --- vis data ----------------------------------------------------------------------
  var groups = {};
  style.groups.forEach(function (g, i) {
    var color = { background: g.color, border: g.border,
      highlight: { background: g.color, border: "#111" },
      hover: { background: g.color, border: "#111" } };
    groups["g" + i] = { shape: g.shape, color: color, font: { color: "#222" } };
    groups["d" + i] = { shape: g.shape,  // the same group, dimmed (neighbourhood highlight)
      color: { background: "#eeeeee", border: "#dddddd",
        highlight: { background: g.color, border: "#111" },
        hover: { background: "#e4e4e4", border: "#cccccc" } },
      font: { color: "#c8c8c8" } };
  });
  var nodeItems = N.map(function (n, i) {
    var it = { id: i, label: n.label, group: "g" + n.group, size: n.size };
    if (n.x !== null && n.x !== undefined) { it.x = n.x; it.y = n.y; }
    if (n.mentioned === 0) {
      it.opacity = 0.6;
      it.shapeProperties = { borderDashes: [4, 3] };
    }
    return it;
  });
  function edgeColor(r, dim) {
    return { color: dim ? "#e6e6e6" : r.color, highlight: r.color, hover: r.color,
      opacity: 1, inherit: false };
  }
  var edgeItems = E.map(function (e, j) {
    var r = style.relations[e.rel];
    var it = { id: j, from: e.from, to: e.to, color: edgeColor(r, false),
      width: r.width * (e.count > 1 ? 1 + Math.log2(e.count) * 0.6 : 1),
      dashes: r.dashes || false };
    it.arrows = r.arrow ? { to: { enabled: true, scaleFactor: 0.55 } } : { to: { enabled: false } };
    if (e.label) it.label = e.label;
    if (e.curve) {
      it.smooth = { enabled: true, type: e.curve > 0 ? "curvedCW" : "curvedCCW",
        roundness: Math.abs(e.curve) };
    }
    return it;
  });
  var nodes = new vis.DataSet(nodeItems);
  var edges = new vis.DataSet(edgeItems);
  var nodeView = new vis.DataView(nodes, { filter: function (it) { return groupOn[N[it.id].group]; } });
  var edgeView = new vis.DataView(edges, {
    filter: function (it) {
      var e = E[it.id];
      return relOn[e.rel] && groupOn[N[e.from].group] && groupOn[N[e.to].group];
    }
  });

  var options = {
    autoResize: true,
    groups: groups,
    nodes: {
      borderWidth: 1.5, borderWidthSelected: 3,
      font: { face: style.font, size: 14, strokeWidth: 3, strokeColor: "#ffffff" },
      scaling: { label: { drawThreshold: 6 } }
    },
    edges: {
      smooth: false,  // curved "dynamic" edges add a hidden physics body per edge
      arrowStrikethrough: false, selectionWidth: 1.5, hoverWidth: 0.5,
      font: { face: style.font, size: 11, color: "#444", strokeWidth: 3,
        strokeColor: "#ffffff", align: "middle" },
      scaling: { label: { drawThreshold: 6 } }
    },
    layout: { randomSeed: raw.seed, improvedLayout: !LARGE },
    interaction: {
      hover: !LARGE, tooltipDelay: 120, hideEdgesOnDrag: true, hideEdgesOnZoom: LARGE,
      selectConnectedEdges: true, multiselect: false, navigationButtons: false,
      keyboard: false
    },
    physics: raw.physics ? {
      enabled: true, solver: "barnesHut",
      barnesHut: { gravitationalConstant: -4000, centralGravity: 0.25, springLength: 120,
        springConstant: 0.04, damping: 0.35, avoidOverlap: 0.2 },
      stabilization: { enabled: true, iterations: raw.iterations, updateInterval: 20,
        fit: true },
      minVelocity: 1.5, timestep: 0.5
    } : { enabled: false }
  };

  var container = document.getElementById("cg-net");
  var loading = document.getElementById("cg-loading");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  timing.constructed = performance.now();

  if (!raw.physics && raw.view) fitBox(raw.view);

  function fitBox(b) {
    // From coordinates computed in Python: cheaper than network.fit() on 20,000 nodes.
    var w = container.clientWidth || 800, h = container.clientHeight || 600;
    var scale = Math.min(w / (b[2] - b[0] + 120), h / (b[3] - b[1] + 120), 1.5);
    network.moveTo({ position: { x: (b[0] + b[2]) / 2, y: (b[1] + b[3]) / 2 }, scale: scale });
  }

  network.once("afterDrawing", function () {
    timing.firstDraw = performance.now();
    if (!raw.physics) {
      timing.interactive = timing.firstDraw;
      loading.hidden = true;
    }
  });
  network.on("stabilizationProgress", function (p) {
    loading.textContent = "正在布局 laying out… " + p.iterations + "/" + p.total;
  });
  network.once("stabilizationIterationsDone", function () {
    timing.iterationsDone = performance.now();
    // Freeze: the layout stays put and the CPU idles; dragged nodes stay where dropped.
    network.setOptions({ physics: { enabled: false } });
    network.once("afterDrawing", function () {
      timing.interactive = performance.now();
      loading.hidden = true;
      if (raw.focus !== null) selectNode(raw.focus, false);
    });
  });
  network.once("stabilized", function () { timing.stabilized = performance.now(); });
  if (!N.length) {
    loading.textContent = "空图 empty graph";
    timing.interactive = performance.now();
  } else if (!raw.physics && raw.focus !== null) {
    network.once("afterDrawing", function () { selectNode(raw.focus, false); });
  }

  // --- highlight ----------------------------------------------------------------------
  var hl = null;  // {nodes: Set, edges: Set}
  function neighbourhood(i) {
    var ns = new Set([i]);
    network.getConnectedNodes(i).forEach(function (m) { ns.add(m); });
    return { nodes: ns, edges: new Set(network.getConnectedEdges(i)) };
  }
  function highlight(i) {
    clearHighlight();
    hl = neighbourhood(i);
    if (LARGE) {
      // Restyling 20,000 nodes costs seconds; a selection shows the same neighbourhood.
      network.setSelection({ nodes: Array.from(hl.nodes), edges: Array.from(hl.edges) },
        { unselectAll: true, highlightEdges: false });
      return;
    }
    var nu = [], eu = [];
    for (var k = 0; k < N.length; k++) {
      if (!hl.nodes.has(k)) nu.push({ id: k, group: "d" + N[k].group });
    }
    for (var j = 0; j < E.length; j++) {
      if (!hl.edges.has(j)) {
        eu.push({ id: j, color: edgeColor(style.relations[E[j].rel], true),
          font: { color: "#d0d0d0" } });
      }
    }
    nodes.update(nu);
    edges.update(eu);
    hl.dimmedN = nu.map(function (x) { return x.id; });
    hl.dimmedE = eu.map(function (x) { return x.id; });
  }
  function clearHighlight() {
    if (!hl) return;
    if (hl.dimmedN) {
      nodes.update(hl.dimmedN.map(function (k) { return { id: k, group: "g" + N[k].group }; }));
      edges.update(hl.dimmedE.map(function (j) {
        return { id: j, color: edgeColor(style.relations[E[j].rel], false),
          font: { color: "#444" } };
      }));
    }
    hl = null;
  }

  // --- side panel ---------------------------------------------------------------------
  var panel = document.getElementById("cg-panel");
  function groupName(gi) { var g = style.groups[gi]; return g.zh + " " + g.en; }
  function relName(ri) { var r = style.relations[ri]; return r.zh + " " + r.en; }
  function statusName(s) {
    return split(s, "|").map(function (x) {
      var t = style.status[x];
      return t ? t.zh + " " + t.en : x;
    }).join(", ");
  }
  function nodeLink(i) {
    return el("button", { "class": "cg-link", type: "button",
      onclick: function () { selectNode(i, true); } }, N[i].zh);
  }
  function row(dl, name, value) {
    if (value === null || value === undefined || value === "" ||
        (Array.isArray(value) && !value.length)) return;
    dl.appendChild(el("dt", null, name));
    dl.appendChild(value instanceof Node ? el("dd", null, value) : el("dd", null, String(value)));
  }
  function list(items) {
    var ul = el("ul");
    items.forEach(function (x) { ul.appendChild(el("li", null, x)); });
    return ul;
  }
  function quotes(text) {
    var box = el("div");
    split(text, "\n").forEach(function (s) { box.appendChild(el("blockquote", null, s)); });
    return box;
  }

  function showNode(i) {
    var n = N[i];
    var g = style.groups[n.group];
    panel.replaceChildren();
    panel.appendChild(el("h2", null, n.zh));
    if (n.label !== n.zh) panel.appendChild(el("p", { "class": "cg-roman" }, n.label));
    panel.appendChild(el("span", { "class": "cg-badge", style: "background:" + g.color },
      groupName(n.group)));
    var dl = el("dl");
    row(dl, "类型 kind", n.kind);
    row(dl, "行政代码 adcode", n.adcode);
    if (n.parentIdx >= 0) row(dl, "隶属 part of", nodeLink(n.parentIdx));
    else row(dl, "隶属 part of", n.parent);
    row(dl, "别名 also", split(n.alt, "|").join("、"));
    row(dl, "提及 mentioned", n.mentioned ? n.mentioned + " 篇 docs" : "0 (上级区域 context only)");
    row(dl, "连接 links", n.deg);
    panel.appendChild(dl);
    if (n.folded && n.folded.length) {
      panel.appendChild(el("h3", null, "合并的下级区域 folded regions (" + n.folded.length + ")"));
      panel.appendChild(el("p", null, n.folded.join("、")));
    }
    var internal = n.internal ? Object.keys(n.internal) : [];
    if (internal.length) {
      panel.appendChild(el("h3", null, "内部关系 links inside"));
      panel.appendChild(list(internal.map(function (r) {
        var ri = style.relations.findIndex(function (x) { return x.id === r; });
        return (ri >= 0 ? relName(ri) : r) + " ×" + n.internal[r];
      })));
    }
    var rel = [];
    for (var j = 0; j < E.length; j++) if (E[j].from === i || E[j].to === i) rel.push(j);
    if (rel.length) {
      panel.appendChild(el("h3", null, "关系 links (" + rel.length + ")"));
      var ul = el("ul");
      rel.slice(0, 200).forEach(function (j) {
        var e = E[j];
        var other = e.from === i ? e.to : e.from;
        var arrow = e.from === i ? "→ " : "← ";
        ul.appendChild(el("li", null,
          el("button", { "class": "cg-link", type: "button",
            onclick: function () { selectEdge(j); } },
            style.relations[e.rel].zh + (e.text && e.text !== style.relations[e.rel].zh ? " · " + e.text : "")),
          " " + arrow, nodeLink(other)));
      });
      panel.appendChild(ul);
    }
    if (n.evidence) {
      panel.appendChild(el("h3", null, "首次提及 first mention"));
      panel.appendChild(quotes(n.evidence));
    }
    if (n.sources) {
      panel.appendChild(el("h3", null, "来源 sources"));
      panel.appendChild(list(split(n.sources, "|")));
    }
    panel.appendChild(el("p", { "class": "cg-iri" }, n.iri));
  }

  function showEdge(j) {
    var e = E[j];
    panel.replaceChildren();
    panel.appendChild(el("h2", null, relName(e.rel)));
    panel.appendChild(el("p", null, nodeLink(e.from), " → ", nodeLink(e.to)));
    var dl = el("dl");
    row(dl, "关系 label", e.text);
    if (e.up || e.down) row(dl, "分工 functions", e.up + " → " + e.down);
    row(dl, "类别 kind", e.kind);
    row(dl, "状态 status", statusName(e.status));
    row(dl, "日期 date", split(e.date, "|").join(", "));
    row(dl, "置信度 confidence", e.confidence);
    row(dl, "规则 rule", split(e.rule, "|").join(", "));
    if (e.count > 1) row(dl, "合并 merged", e.count + " 条 facts");
    panel.appendChild(dl);
    if (e.members && e.members.length) {
      panel.appendChild(el("h3", null, "合并的关系 merged facts"));
      e.members.forEach(function (m) {
        panel.appendChild(el("p", null, m.from + " → " + m.to + (m.label ? " · " + m.label : "") +
          (m.status ? " · " + statusName(m.status) : "") + (m.date ? " · " + m.date : "")));
        panel.appendChild(quotes(m.evidence));
      });
    } else if (e.evidence) {
      panel.appendChild(el("h3", null, "证据 evidence"));
      panel.appendChild(quotes(e.evidence));
    }
    if (e.source) {
      panel.appendChild(el("h3", null, "来源 sources"));
      panel.appendChild(list(split(e.source, "|")));
    }
    split(e.fact, "|").forEach(function (f) {
      panel.appendChild(el("p", { "class": "cg-iri" }, f));
    });
  }

  // --- selection ----------------------------------------------------------------------
  var state = { node: null, edge: null };
  function ensureVisible(i) {
    var gi = N[i].group;
    if (!groupOn[gi]) {
      groupOn[gi] = true;
      var box = document.querySelector('input[data-group="' + gi + '"]');
      if (box) box.checked = true;
      refresh();
    }
  }
  function selectNode(i, focus) {
    ensureVisible(i);
    state.node = i; state.edge = null;
    highlight(i);
    if (!LARGE) network.selectNodes([i], true);
    showNode(i);
    if (focus) {
      network.focus(i, { scale: Math.max(network.getScale(), 1.0), locked: false,
        animation: { duration: 350, easingFunction: "easeInOutQuad" } });
    }
  }
  function selectEdge(j) {
    clearHighlight();
    state.node = null; state.edge = j;
    network.setSelection({ nodes: [], edges: [j] }, { unselectAll: true });
    showEdge(j);
  }
  function clearSelection() {
    clearHighlight();
    state.node = state.edge = null;
    network.unselectAll();
    panel.replaceChildren(el("p", { "class": "cg-hint" }, "点击节点或连线查看证据。",
      el("br"), "Click a node or a link to read the evidence."));
  }
  network.on("click", function (p) {
    if (p.nodes.length) selectNode(p.nodes[0], false);
    else if (p.edges.length) selectEdge(p.edges[0]);
    else clearSelection();
  });

  // --- tooltip ------------------------------------------------------------------------
  var tip = document.getElementById("cg-tip");
  function showTip(pointer, title, sub, extra) {
    tip.replaceChildren(el("div", { "class": "cg-tip-title" }, title));
    if (sub) tip.appendChild(el("div", { "class": "cg-tip-sub" }, sub));
    if (extra) tip.appendChild(el("div", null, extra));
    tip.hidden = false;
    var x = pointer.DOM.x + 14, y = pointer.DOM.y + 14;
    var W = container.clientWidth, H = container.clientHeight;
    tip.style.left = Math.min(x, Math.max(0, W - tip.offsetWidth - 4)) + "px";
    tip.style.top = Math.min(y, Math.max(0, H - tip.offsetHeight - 4)) + "px";
  }
  function clip(s, k) { s = split(s, "\n")[0] || ""; return s.length > k ? s.slice(0, k) + "…" : s; }
  network.on("hoverNode", function (p) {
    var n = N[p.node];
    showTip(p.pointer, n.zh, (n.label !== n.zh ? n.label + " · " : "") + groupName(n.group) +
      (n.kind ? " · " + n.kind : ""), null);
  });
  network.on("hoverEdge", function (p) {
    var e = E[p.edge];
    showTip(p.pointer, N[e.from].zh + " → " + N[e.to].zh,
      relName(e.rel) + (e.text ? " · " + e.text : ""), clip(e.evidence, 120));
  });
  function hideTip() { tip.hidden = true; }
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);

  // --- filters ------------------------------------------------------------------------
  function refresh() {
    nodeView.refresh();
    edgeView.refresh();
  }
  document.querySelectorAll("#cg-legend input[type=checkbox]").forEach(function (box) {
    box.addEventListener("change", function () {
      clearSelection();
      if (box.dataset.group !== undefined) groupOn[+box.dataset.group] = box.checked;
      if (box.dataset.rel !== undefined) relOn[+box.dataset.rel] = box.checked;
      refresh();
    });
  });

  // --- search -------------------------------------------------------------------------
  var input = document.getElementById("cg-search");
  var results = document.getElementById("cg-results");
  var keys = N.map(function (n) {
    return { zh: n.zh, alt: split(n.alt, "|"), label: n.label.toLowerCase(),
      py: split(n.py, " "), folded: n.folded || [] };
  });
  function norm(q) { return q.trim().toLowerCase(); }
  function score(k, q, qp) {
    if (k.zh === q || k.label === q) return 0;
    if (k.alt.indexOf(q) >= 0) return 1;
    if (k.zh.indexOf(q) === 0) return 2;
    for (var a = 0; a < k.alt.length; a++) if (k.alt[a].indexOf(q) === 0) return 3;
    if (k.label.indexOf(q) === 0) return 4;
    if (qp && k.py.length && (k.py[0].indexOf(qp) === 0 || k.py[1] === qp)) return 5;
    if (k.zh.indexOf(q) >= 0) return 6;
    for (a = 0; a < k.alt.length; a++) if (k.alt[a].indexOf(q) >= 0) return 7;
    if (k.label.indexOf(q) >= 0) return 8;
    if (qp && k.py.length && k.py[0].indexOf(qp) >= 0) return 9;
    for (a = 0; a < k.folded.length; a++) if (k.folded[a].indexOf(q) >= 0) return 10;
    return -1;
  }
  function search(query, limit) {
    var q = norm(query);
    if (!q) return [];
    var qp = /^[a-z' ]+$/.test(q) ? q.replace(/[' ]/g, "") : "";
    var hits = [];
    for (var i = 0; i < keys.length; i++) {
      var s = score(keys[i], q, qp);
      if (s >= 0) hits.push([s, keys[i].zh.length, -N[i].deg, i]);
    }
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3]; });
    return hits.slice(0, limit || 8).map(function (h) { return h[3]; });
  }
  var active = -1, current = [];
  function renderResults(hits) {
    current = hits;
    results.replaceChildren();
    hits.forEach(function (i, k) {
      var n = N[i];
      var li = el("li", { role: "option", "aria-selected": k === active ? "true" : "false" },
        n.zh, " ", el("small", null, (n.label !== n.zh ? n.label + " · " : "") + style.groups[n.group].zh));
      li.addEventListener("mousedown", function (ev) {
        ev.preventDefault();
        choose(k);
      });
      results.appendChild(li);
    });
    results.hidden = !hits.length;
  }
  function choose(k) {
    if (k < 0 || k >= current.length) return;
    active = k;
    selectNode(current[k], true);
    renderResults(current);
  }
  input.addEventListener("input", function () {
    var hits = search(input.value, 8);
    active = hits.length ? 0 : -1;
    renderResults(hits);
    if (hits.length) selectNode(hits[0], true);
  });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown") { ev.preventDefault(); choose(Math.min(active + 1, current.length - 1)); }
    else if (ev.key === "ArrowUp") { ev.preventDefault(); choose(Math.max(active - 1, 0)); }
    else if (ev.key === "Enter") { ev.preventDefault(); choose(Math.max(active, 0)); results.hidden = true; }
    else if (ev.key === "Escape") { results.hidden = true; }
  });
  input.addEventListener("blur", function () { results.hidden = true; });
  input.addEventListener("focus", function () { if (current.length) results.hidden = false; });

  document.getElementById("cg-fit").addEventListener("click", function () {
    if (raw.bbox) fitBox(raw.bbox); else network.fit({ animation: false });
  });

  window.coopgraph = {
    network: network, nodes: nodes, edges: edges, data: raw, timing: timing,
    search: search, selectNode: selectNode, selectEdge: selectEdge,
    clearSelection: clearSelection,
    highlighted: function () { return hl ? Array.from(hl.nodes).sort(function (a, b) { return a - b; }) : []; },
    selected: function () { return { node: state.node, edge: state.edge }; },
    drawn: function () {
      return { nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length };
    }
  };
})();
