/* coopgraph HTML view (inlined by graph/viz.py after vis-network).
 *
 * The graph arrives as JSON in the script element #cg-data (application/json). Strings from
 * the graph come from articles: they are only ever inserted with textContent / text
 * nodes or drawn on the canvas, never parsed as HTML.
 *
 * Two ways of drawing edges:
 *  - up to raw.large === false: vis-network edges (hover, selection, curves, labels);
 *  - large graphs: vis-network draws only the nodes, and the edges are stroked here, one
 *    canvas path per relation, in vis' "beforeDrawing" hook. Creating 40,000 vis edge
 *    objects takes longer than everything else on the page together.
 *
 * window.coopgraph exposes the network and a few functions for tests and the console.
 */
(function () {
  "use strict";
  var timing = { start: performance.now() };
  var raw = JSON.parse(document.getElementById("cg-data").textContent);
  timing.parsed = performance.now();
  var style = raw.style;
  var LARGE = raw.large;
  var FONT = 14, EDGE_FONT = 12, DRAW_THRESHOLD = 6;

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
  // Entities without any link wait behind the "unlinked" toggle (all shown if none is linked).
  var showLone = !N.some(function (n) { return n.deg > 0; });
  // Smallest zoom the force view opens at: labels of 14 px drawn at >= 10.5 px.
  var MIN_OPEN_SCALE = 0.75;
  function nodeLabel(n) { return raw.geo && n.approx ? n.label + " \u2248" : n.label; }
  var relOn = style.relations.map(function () { return true; });
  // Edge ids per node, both directions (the neighbourhood without asking vis).
  var adj = N.map(function () { return []; });
  E.forEach(function (e, j) { adj[e.from].push(j); if (e.to !== e.from) adj[e.to].push(j); });

  // --- DOM helpers (text only) -------------------------------------------------------
  function el(tag, attrs) {
    var e = document.createElement(tag);
    if (attrs) {
      for (var k in attrs) {
        if (k === "class") e.className = attrs[k];
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
    groups["g" + i] = { shape: g.shape, color: { background: g.color, border: g.border,
      highlight: { background: g.color, border: "#111111" },
      hover: { background: g.color, border: "#111111" } } };
    if (!LARGE) {
      groups["g" + i].font = { color: "#222222" };
      groups["d" + i] = { shape: g.shape,  // the same group, dimmed (neighbourhood highlight)
        color: { background: "#eeeeee", border: "#dddddd",
          highlight: { background: g.color, border: "#111111" },
          hover: { background: "#e4e4e4", border: "#cccccc" } },
        font: { color: "#c8c8c8" } };
    }
  });
  var nodeItems = N.map(function (n, i) {
    var it = { id: i, group: "g" + n.group, value: n.deg };
    // Large graphs get labels once zoomed in enough to read them (see labelView).
    if (!LARGE) it.label = nodeLabel(n);
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
  function edgeWidth(e) {
    return style.relations[e.rel].width * (e.count > 1 ? 1 + Math.log2(e.count) * 0.6 : 1);
  }
  timing.items = performance.now();
  var nodes = new vis.DataSet(nodeItems);
  var nodeView = new vis.DataView(nodes, {
    filter: function (it) {
      var n = N[it.id];
      return groupOn[n.group] && (showLone || n.deg > 0);
    }
  });
  var edges = null, edgeView = null;
  if (!LARGE) {
    edges = new vis.DataSet(E.map(function (e, j) {
      var r = style.relations[e.rel];
      var it = { id: j, from: e.from, to: e.to, color: edgeColor(r, false),
        width: edgeWidth(e), dashes: r.dashes || false,
        arrows: { to: { enabled: !!r.arrow, scaleFactor: 0.55 } } };
      if (e.label) it.label = e.label;
      if (e.curve) {
        it.smooth = { enabled: true, type: e.curve > 0 ? "curvedCW" : "curvedCCW",
          roundness: Math.abs(e.curve) };
      }
      return it;
    }));
    edgeView = new vis.DataView(edges, {
      filter: function (it) {
        var e = E[it.id];
        return relOn[e.rel] && groupOn[N[e.from].group] && groupOn[N[e.to].group];
      }
    });
  }
  timing.datasets = performance.now();

  var options = {
    autoResize: true,
    groups: groups,
    nodes: {
      borderWidth: 1.5, borderWidthSelected: 3,
      font: { face: style.font, size: FONT, strokeWidth: 3, strokeColor: "#ffffff" },
      // Size and label grow with the square root of the degree (1 link: smallest, 100:
      // largest, whatever the rest of the graph): hubs stay readable in an overview where
      // the other labels are too small to draw.
      scaling: {
        min: 10, max: 45,
        label: { enabled: true, min: FONT, max: 34, maxVisible: 34,
          drawThreshold: DRAW_THRESHOLD },
        customScalingFunction: function (lo, hi, total, value) {
          return Math.max(0, Math.min(1, (Math.sqrt(value) - 1) / 9));
        }
      }
    },
    edges: {
      smooth: false,  // curved "dynamic" edges add a hidden physics body per edge
      arrowStrikethrough: false, selectionWidth: 1.5, hoverWidth: 0.5,
      font: { face: style.font, size: EDGE_FONT, color: "#444444", strokeWidth: 3,
        strokeColor: "#ffffff", align: "middle" },
      scaling: { label: { drawThreshold: DRAW_THRESHOLD } }
    },
    // vis' improved layout runs only for < 150 nodes without positions; above that it
    // gives up (with a console message) after spending time on it.
    layout: { randomSeed: raw.seed, improvedLayout: N.length <= 150 && !raw.bbox },
    interaction: {
      hover: !LARGE, tooltipDelay: 120, hideEdgesOnDrag: true, hideEdgesOnZoom: LARGE,
      selectConnectedEdges: !LARGE, multiselect: false, navigationButtons: false,
      keyboard: false
    },
    physics: raw.physics ? {
      enabled: true, solver: "barnesHut",
      barnesHut: { gravitationalConstant: -6000, centralGravity: 0.2, springLength: 140,
        springConstant: 0.04, damping: 0.35, avoidOverlap: 0.6 },
      stabilization: { enabled: true, iterations: raw.iterations, updateInterval: 20,
        fit: false },  // openView() fits the linked part, at a legible zoom
      minVelocity: 1.5, timestep: 0.5
    } : { enabled: false }
  };

  var container = document.getElementById("cg-net");
  var loading = document.getElementById("cg-loading");
  var network = new vis.Network(container,
    { nodes: nodeView, edges: edgeView || new vis.DataSet([]) }, options);
  timing.constructed = performance.now();

  function fitBox(b) {
    // From coordinates computed in Python: cheaper than network.fit() on 20,000 nodes.
    var w = container.clientWidth || 800, h = container.clientHeight || 600;
    var scale = Math.min(w / (b[2] - b[0] + 120), h / (b[3] - b[1] + 120), 1.5);
    network.moveTo({ position: { x: (b[0] + b[2]) / 2, y: (b[1] + b[3]) / 2 }, scale: scale });
  }
  if (!raw.physics && raw.view) fitBox(raw.view);
  function centre(ids) {
    var p = network.getPositions(ids), x = 0, y = 0, k = 0;
    for (var id in p) { x += p[id].x; y += p[id].y; k++; }
    return k ? { x: x / k, y: y / k } : { x: 0, y: 0 };
  }
  function openView() {
    // The linked part fitted; if that is too small to read, the largest connected part,
    // else its centre at the smallest legible zoom ("Fit" shows everything).
    network.fit({ nodes: nodeView.getIds(), animation: false });
    if (network.getScale() >= MIN_OPEN_SCALE || !raw.core.length) return;
    network.fit({ nodes: raw.core, animation: false });
    if (network.getScale() >= MIN_OPEN_SCALE) return;
    network.moveTo({ position: centre(raw.core), scale: MIN_OPEN_SCALE });
  }

  // --- edges drawn on the canvas (large graphs) -----------------------------------------
  var byRel = style.relations.map(function () { return []; });
  E.forEach(function (e, j) { byRel[e.rel].push(j); });
  var selectedEdge = null, edgesHidden = false, edgesDrawn = 0, zoomTimer = null;
  function visibleEdge(j, bn) {
    var e = E[j];
    return relOn[e.rel] && bn[e.from] !== undefined && bn[e.to] !== undefined;
  }
  function strokeEdges(ctx, ids, bn, color, width, dashes, box) {
    ctx.beginPath();
    for (var k = 0; k < ids.length; k++) {
      var e = E[ids[k]], a = bn[e.from], b = bn[e.to];
      if (a === undefined || b === undefined) continue;
      if ((a.x < box[0] && b.x < box[0]) || (a.x > box[2] && b.x > box[2]) ||
          (a.y < box[1] && b.y < box[1]) || (a.y > box[3] && b.y > box[3])) continue;
      ctx.moveTo(a.x, a.y);
      ctx.lineTo(b.x, b.y);
    }
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.setLineDash(dashes || []);
    ctx.stroke();
  }
  function arrowHeads(ctx, ids, bn, color, scale, box) {
    ctx.beginPath();
    var len = Math.max(8, 9 / scale), half = len * 0.45;
    for (var k = 0; k < ids.length; k++) {
      var e = E[ids[k]], a = bn[e.from], b = bn[e.to];
      if (a === undefined || b === undefined) continue;
      if (b.x < box[0] || b.x > box[2] || b.y < box[1] || b.y > box[3]) continue;
      var dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy);
      if (d < 1e-6) continue;
      var ux = dx / d, uy = dy / d, r = (b.options.size || N[e.to].size || 10) + 1;
      var tx = b.x - ux * r, ty = b.y - uy * r;
      ctx.moveTo(tx, ty);
      ctx.lineTo(tx - ux * len - uy * half, ty - uy * len + ux * half);
      ctx.lineTo(tx - ux * len + uy * half, ty - uy * len - ux * half);
      ctx.closePath();
    }
    ctx.fillStyle = color;
    ctx.fill();
  }
  function viewBox(margin) {
    var scale = network.getScale(), c = network.getViewPosition();
    var hw = container.clientWidth / scale / 2 + margin / scale;
    var hh = container.clientHeight / scale / 2 + margin / scale;
    return [c.x - hw, c.y - hh, c.x + hw, c.y + hh];
  }
  if (LARGE) {
    network.on("beforeDrawing", function (ctx) {
      var bn = network.body.nodes, scale = network.getScale();
      var count = 0;
      for (var r = 0; r < byRel.length; r++) {
        if (!relOn[r]) continue;
        for (var k = 0; k < byRel[r].length; k++) if (visibleEdge(byRel[r][k], bn)) count++;
      }
      edgesDrawn = count;
      if (edgesHidden) return;
      var box = viewBox(40), hair = 1 / scale;  // never thinner than one screen pixel
      var detail = scale >= 0.25;
      ctx.save();
      ctx.lineCap = "round";
      ctx.globalAlpha = hl || selectedEdge !== null ? 0.35 : (detail ? 1 : 0.6);
      for (r = 0; r < byRel.length; r++) {
        if (!relOn[r] || !byRel[r].length) continue;
        var rel = style.relations[r];
        var color = hl || selectedEdge !== null ? "#cfcfcf" : rel.color;
        strokeEdges(ctx, byRel[r], bn, color, Math.max(rel.width, hair),
          detail && rel.dashes ? rel.dashes : null, box);
        if (detail && rel.arrow) arrowHeads(ctx, byRel[r], bn, color, scale, box);
      }
      ctx.globalAlpha = 1;
      var strong = [];
      if (hl) hl.edges.forEach(function (j) { strong.push(j); });
      if (selectedEdge !== null) strong.push(selectedEdge);
      strong.forEach(function (j) {
        if (!visibleEdge(j, bn)) return;
        var rel = style.relations[E[j].rel];
        strokeEdges(ctx, [j], bn, rel.color, Math.max(edgeWidth(E[j]) * 1.6, 2.5 * hair),
          null, box);
        if (rel.arrow) arrowHeads(ctx, [j], bn, rel.color, scale, box);
      });
      if (scale * EDGE_FONT >= DRAW_THRESHOLD) {
        ctx.font = EDGE_FONT + "px " + style.font;
        ctx.textAlign = "center";
        ctx.textBaseline = "middle";
        ctx.lineWidth = 3;
        ctx.strokeStyle = "#ffffff";
        ctx.fillStyle = "#444444";
        ctx.setLineDash([]);
        for (var j = 0; j < E.length; j++) {
          var e = E[j];
          if (!e.label || !visibleEdge(j, bn)) continue;
          var a = bn[e.from], b = bn[e.to], mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2;
          if (mx < box[0] || mx > box[2] || my < box[1] || my > box[3]) continue;
          ctx.strokeText(e.label, mx, my);
          ctx.fillText(e.label, mx, my);
        }
      }
      ctx.restore();
    });
    network.on("dragStart", function () { edgesHidden = true; });
    network.on("dragEnd", function () { edgesHidden = false; network.redraw(); });
    network.on("zoom", function () {
      edgesHidden = true;
      clearTimeout(zoomTimer);
      zoomTimer = setTimeout(function () { edgesHidden = false; network.redraw(); }, 150);
    });
  }
  function edgeAt(point) {
    // Nearest drawn edge within a few screen pixels of a canvas point (large graphs).
    var bn = network.body.nodes, scale = network.getScale();
    var best = null, bestD = Math.max(5 / scale, 3);
    for (var j = 0; j < E.length; j++) {
      if (!visibleEdge(j, bn)) continue;
      var a = bn[E[j].from], b = bn[E[j].to];
      var dx = b.x - a.x, dy = b.y - a.y, l2 = dx * dx + dy * dy;
      var t = l2 ? Math.max(0, Math.min(1, ((point.x - a.x) * dx + (point.y - a.y) * dy) / l2)) : 0;
      var px = a.x + t * dx - point.x, py = a.y + t * dy - point.y;
      var d = Math.sqrt(px * px + py * py);
      if (d < bestD) { bestD = d; best = j; }
    }
    return best;
  }

  // --- lazy labels (large graphs) -------------------------------------------------------
  var nodeLabelled = new Uint8Array(N.length), labelTimer = null;
  function labelView() {
    labelTimer = null;
    var scale = network.getScale();
    if (scale * FONT < DRAW_THRESHOLD) return;  // too small to be drawn anyway
    var box = viewBox(150), bn = network.body.nodes, nu = [];
    for (var i = 0; i < N.length; i++) {
      var b = bn[i];
      if (nodeLabelled[i] || b === undefined) continue;
      if (b.x >= box[0] && b.x <= box[2] && b.y >= box[1] && b.y <= box[3]) {
        nodeLabelled[i] = 1;
        nu.push({ id: i, label: nodeLabel(N[i]) });
      }
    }
    if (nu.length) nodes.update(nu);
  }
  function scheduleLabels() {
    if (!LARGE || labelTimer !== null) return;
    labelTimer = setTimeout(labelView, 120);
  }
  if (LARGE) {
    ["zoom", "dragEnd", "animationFinished", "resize"].forEach(function (ev) {
      network.on(ev, scheduleLabels);
    });
  }

  // --- timing and start-up ----------------------------------------------------------------
  function ready() {
    loading.hidden = true;
    if (LARGE) scheduleLabels();
    if (raw.focus !== null) selectNode(raw.focus, false);
  }
  network.once("afterDrawing", function () {
    timing.firstDraw = performance.now();
    if (!raw.physics) {
      timing.interactive = timing.firstDraw;
      setTimeout(ready, 0);
    }
  });
  network.on("stabilizationProgress", function (p) {
    loading.textContent = "正在布局 laying out… " + p.iterations + "/" + p.total;
  });
  network.once("stabilizationIterationsDone", function () {
    timing.iterationsDone = performance.now();
    // Freeze: the layout stays put and the CPU idles; dragged nodes stay where dropped.
    network.setOptions({ physics: { enabled: false } });
    openView();
    network.once("afterDrawing", function () {
      timing.interactive = performance.now();
      setTimeout(ready, 0);
    });
  });
  network.once("stabilized", function () { timing.stabilized = performance.now(); });
  if (!N.length) {
    loading.textContent = "空图 empty graph";
    timing.interactive = performance.now();
  }

  // --- highlight ------------------------------------------------------------------------
  var hl = null;  // {nodes: Set, edges: Set, dimmedN, dimmedE}
  function neighbourhood(i) {
    var bn = network.body.nodes, ns = new Set([i]), es = new Set();
    adj[i].forEach(function (j) {
      if (!visibleEdge(j, bn)) return;
      es.add(j);
      ns.add(E[j].from);
      ns.add(E[j].to);
    });
    return { nodes: ns, edges: es };
  }
  function highlight(i) {
    clearHighlight();
    hl = neighbourhood(i);
    if (LARGE) {
      // Restyling 20,000 nodes costs seconds: select the neighbourhood instead, and the
      // edge layer greys out every other edge.
      network.selectNodes(Array.from(hl.nodes), false);
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
    network.selectNodes([i], true);
  }
  function clearHighlight() {
    if (!hl) return;
    if (hl.dimmedN) {
      nodes.update(hl.dimmedN.map(function (k) { return { id: k, group: "g" + N[k].group }; }));
      edges.update(hl.dimmedE.map(function (j) {
        return { id: j, color: edgeColor(style.relations[E[j].rel], false),
          font: { color: "#444444" } };
      }));
    }
    hl = null;
  }

  // --- side panel -------------------------------------------------------------------------
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
    if (value === null || value === undefined || value === "") return;
    dl.appendChild(el("dt", null, name));
    dl.appendChild(el("dd", null, value instanceof Node ? value : String(value)));
  }
  function list(items) {
    var ul = el("ul");
    items.forEach(function (x) { ul.appendChild(el("li", null, x)); });
    return ul;
  }
  function quotes(text) {
    var box = el("div", { "class": "cg-evidence" });
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
    row(dl, "隶属 part of", n.parentIdx >= 0 ? nodeLink(n.parentIdx) : n.parent);
    row(dl, "别名 also", split(n.alt, "|").join("、"));
    row(dl, "提及 mentioned", n.mentioned ? n.mentioned + " 篇 docs" : "0 (上级区域 context only)");
    row(dl, "连接 links", n.deg);
    if (n.approx) {
      row(dl, "坐标 position", "\u2248 " + n.approx +
        " (无自身坐标, 用上级区域的 · the containing region's point)");
    }
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
    var rel = adj[i];
    if (rel.length) {
      panel.appendChild(el("h3", null, "关系 links (" + rel.length + ")"));
      var ul = el("ul");
      rel.slice(0, 200).forEach(function (j) {
        var e = E[j], r = style.relations[e.rel];
        var other = e.from === i ? e.to : e.from;
        ul.appendChild(el("li", null,
          el("button", { "class": "cg-link", type: "button",
            onclick: function () { selectEdge(j); } },
            r.zh + (e.text && e.text !== r.zh ? " · " + e.text : "")),
          e.from === i ? " → " : " ← ", nodeLink(other)));
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

  // --- selection --------------------------------------------------------------------------
  var state = { node: null, edge: null };
  function placeLone() {
    // Without positions from Python, unlinked entities go in rows below the linked part.
    var lone = [], linked = [];
    N.forEach(function (n, i) { (n.deg > 0 ? linked : lone).push(i); });
    if (raw.bbox || !lone.length || placeLone.done) return;
    placeLone.done = true;
    var p = network.getPositions(linked), x0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (var id in p) {
      x0 = Math.min(x0, p[id].x); x1 = Math.max(x1, p[id].x); y1 = Math.max(y1, p[id].y);
    }
    if (x0 === Infinity) { x0 = 0; x1 = 800; y1 = 0; }
    var step = 90, cols = Math.max(4, Math.floor((x1 - x0) / step) + 1);
    nodes.update(lone.map(function (i, k) {
      return { id: i, x: x0 + (k % cols) * step, y: y1 + 120 + Math.floor(k / cols) * 60 };
    }));
  }
  function setLone(on) {
    showLone = on;
    var box = document.getElementById("cg-lone");
    if (box) box.checked = on;
    if (on) placeLone();
    refresh();
  }
  function ensureVisible(i) {
    if (!showLone && N[i].deg === 0) setLone(true);
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
    selectedEdge = null;
    state.node = i; state.edge = null;
    highlight(i);
    showNode(i);
    if (focus) {
      // vis animates frame by frame: on a large graph 350 ms of animation takes seconds.
      network.focus(i, { scale: Math.max(network.getScale(), 1.0), locked: false,
        animation: LARGE ? false : { duration: 350, easingFunction: "easeInOutQuad" } });
    }
    if (LARGE) { network.redraw(); scheduleLabels(); }
  }
  function selectEdge(j) {
    clearHighlight();
    state.node = null; state.edge = j;
    if (LARGE) {
      selectedEdge = j;
      network.selectNodes([E[j].from, E[j].to], false);
      network.redraw();
    } else {
      network.setSelection({ nodes: [], edges: [j] }, { unselectAll: true });
    }
    showEdge(j);
  }
  function clearSelection() {
    clearHighlight();
    selectedEdge = null;
    state.node = state.edge = null;
    network.unselectAll();
    panel.replaceChildren(el("p", { "class": "cg-hint" }, "点击节点或连线查看证据。",
      el("br"), "Click a node or a link to read the evidence."));
    if (LARGE) network.redraw();
  }
  network.on("click", function (p) {
    if (p.nodes.length) return selectNode(p.nodes[0], false);
    var j = LARGE ? edgeAt(p.pointer.canvas) : (p.edges.length ? p.edges[0] : null);
    if (j !== null) selectEdge(j); else clearSelection();
  });

  // --- tooltip ----------------------------------------------------------------------------
  var tip = document.getElementById("cg-tip");
  function showTip(pointer, title, sub, extra) {
    tip.replaceChildren(el("div", { "class": "cg-tip-title" }, title));
    if (sub) tip.appendChild(el("div", { "class": "cg-tip-sub" }, sub));
    if (extra) tip.appendChild(el("div", null, extra));
    tip.hidden = false;
    var x = pointer.DOM.x + 14, y = pointer.DOM.y + 14;
    tip.style.left = Math.min(x, Math.max(0, container.clientWidth - tip.offsetWidth - 4)) + "px";
    tip.style.top = Math.min(y, Math.max(0, container.clientHeight - tip.offsetHeight - 4)) + "px";
  }
  function clip(s, k) {
    s = split(s, "\n")[0] || "";
    return s.length > k ? s.slice(0, k) + "…" : s;
  }
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
  ["blurNode", "blurEdge", "dragStart", "zoom"].forEach(function (ev) { network.on(ev, hideTip); });

  // --- filters ----------------------------------------------------------------------------
  function refresh() {
    nodeView.refresh();
    if (edgeView) edgeView.refresh(); else network.redraw();
  }
  var loneBox = document.getElementById("cg-lone");
  if (loneBox) {
    loneBox.checked = showLone;
    loneBox.addEventListener("change", function () { clearSelection(); setLone(loneBox.checked); });
  }
  document.querySelectorAll("#cg-unlinked button[data-node]").forEach(function (b) {
    b.addEventListener("click", function () { selectNode(+b.dataset.node, true); });
  });
  document.querySelectorAll("#cg-legend input[data-group], #cg-legend input[data-rel]"
  ).forEach(function (box) {
    box.addEventListener("change", function () {
      clearSelection();
      if (box.dataset.group !== undefined) groupOn[+box.dataset.group] = box.checked;
      if (box.dataset.rel !== undefined) relOn[+box.dataset.rel] = box.checked;
      refresh();
    });
  });

  // --- search -----------------------------------------------------------------------------
  var input = document.getElementById("cg-search");
  var results = document.getElementById("cg-results");
  var keys = N.map(function (n) {
    return { zh: n.zh, alt: split(n.alt, "|"), label: n.label.toLowerCase(),
      py: split(n.py, " "), folded: n.folded || [] };
  });
  function score(k, q, qp) {
    var a;
    if (k.zh === q || k.label === q) return 0;
    if (k.alt.indexOf(q) >= 0) return 1;
    if (k.zh.indexOf(q) === 0) return 2;
    for (a = 0; a < k.alt.length; a++) if (k.alt[a].indexOf(q) === 0) return 3;
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
    // Best first: exact name, alias, name prefix, romanised/pinyin prefix, substring;
    // then shorter names, more links.
    var q = query.trim().toLowerCase();
    if (!q) return [];
    var qp = /^[a-z\u00fc' ]+$/.test(q) ? q.replace(/[' ]/g, "").replace(/\u00fc/g, "v") : "";
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
        n.zh, " ", el("small", null, (n.label !== n.zh ? n.label + " · " : "") +
          style.groups[n.group].zh));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(k); });
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
    var k = { ArrowDown: Math.min(active + 1, current.length - 1),
      ArrowUp: Math.max(active - 1, 0), Enter: Math.max(active, 0) }[ev.key];
    if (k !== undefined) {
      ev.preventDefault();
      choose(k);
      if (ev.key === "Enter") results.hidden = true;
    } else if (ev.key === "Escape") {
      results.hidden = true;
    }
  });
  input.addEventListener("blur", function () { results.hidden = true; });
  input.addEventListener("focus", function () { if (current.length) results.hidden = false; });

  document.getElementById("cg-fit").addEventListener("click", function () {
    if (raw.bbox) fitBox(showLone ? raw.bbox : raw.view || raw.bbox);
    else network.fit({ nodes: nodeView.getIds(), animation: false });
    scheduleLabels();
  });

  window.coopgraph = {
    network: network, nodes: nodes, edges: edges, data: raw, timing: timing,
    search: search, selectNode: selectNode, selectEdge: selectEdge, setLone: setLone,
    clearSelection: clearSelection, labelView: labelView, edgeAt: edgeAt,
    highlighted: function () {
      return hl ? Array.from(hl.nodes).sort(function (a, b) { return a - b; }) : [];
    },
    selected: function () { return { node: state.node, edge: state.edge }; },
    // What is on the canvas now (after filters): vis' own lists, or the edge layer's count.
    drawn: function () {
      return { nodes: network.body.nodeIndices.length,
        edges: LARGE ? edgesDrawn : network.body.edgeIndices.length };
    }
  };
})();
