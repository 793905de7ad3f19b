"""The interactive HTML view: one self-contained page drawn with vis-network.

The page is built from the :mod:`graph.netx` projection (schema in that module's doc).
vis-network is the copy that ships inside the pyvis package, inlined with the page's own
script and style from ``graph/static/`` -- nothing is fetched, so the file works offline
and from ``file://``. The graph travels as JSON in a ``<script type="application/json">``
element with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped, and the page script inserts
every string from the graph with ``textContent``: a label such as
``<img src=x onerror=alert(1)>`` shows as text.

Views (applied in this order):

* ``level`` -- roll-up: regions below the level (``district``/``county``/``town`` for
  ``"city"``) are folded into their ancestor through the ``parent`` chain; parallel edges
  of one relation between the same two nodes are merged, with the count in the label.
* ``focus``/``depth`` -- the ego graph: nodes within ``depth`` undirected hops of the node
  whose label, alternative label or IRI is ``focus``.
* ``layout`` -- ``"force"``: vis-network physics, stabilisation capped at
  :data:`STABILISATION_ITERATIONS` (fewer above :data:`IMPROVED_LAYOUT_MAX_NODES` nodes,
  which start from positions computed here), then frozen. Above
  :data:`PHYSICS_MAX_NODES` nodes there is no physics: positions come from here
  (geographic when most nodes have coordinates, else per connected component: spring
  layout for small ones, spectral plus overlap removal for large ones), vis-network draws
  only the nodes and the page strokes the edges on its canvas, one path per relation --
  40,000 vis edge objects would cost more than everything else together.
  ``"geo"``: regions at their longitude/latitude, other nodes near the place they are
  located in (Vogel spiral around it, deterministic), the view opening on the densest
  part of the map.
* ``lang`` -- ``"pinyin"`` romanises labels with pypinyin's dictionaries, phrases first,
  words cut by jieba (金湾区 → ``Jinwan Qu``);
  ``"en"`` also translates the category suffix (金湾区 → ``Jinwan District``) from
  ``graph/data/viz_style.json``. The Chinese label stays in the tooltip and side panel.

The same graph and arguments always give byte-identical HTML.
"""
from __future__ import annotations

import hashlib
import html
import json
import math
import re
import unicodedata
from collections import defaultdict
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import networkx as nx

from .errors import CoopgraphError
from .resources import read_json

LAYOUTS = ("force", "geo")
LEVELS = ("province", "city", "district")
LANGS = ("zh", "pinyin", "en")

#: Above this many nodes the browser does not run physics: positions come from Python.
PHYSICS_MAX_NODES = 1000
#: Cap on vis-network's stabilisation iterations (the page freezes physics afterwards).
STABILISATION_ITERATIONS = 200
#: vis-network's Kamada-Kawai start ("improvedLayout") only works up to this many nodes;
#: larger physics layouts start from positions computed here and iterate less.
IMPROVED_LAYOUT_MAX_NODES = 150
#: Components up to this size get a spring layout in the precomputed force layout.
SPRING_MAX_NODES = 300
#: Target distance between neighbouring nodes, in vis-network canvas pixels.
SPACING = 60.0

_SEED = 7
_VIS_JS = ("templates/lib/vis-9.1.2/vis-network.min.js", "lib/vis-9.1.2/vis-network.min.js")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                 "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")
_ADMIN_SUFFIXES = frozenset("省市区县镇乡")
_STRUCTURAL = ("located_in", "part_of")


class VizError(CoopgraphError):
    """Bad arguments for the HTML view (unknown layout, focus not found, ...)."""


# --- public API ----------------------------------------------------------------------

def render_html(G: nx.MultiDiGraph, *, layout: str = "force", level: str | None = None,
                focus: str | None = None, depth: int = 2, lang: str = "zh",
                title: str = "coopgraph") -> str:
    """Render ``G`` (a :mod:`graph.netx` projection) as a self-contained HTML page.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        Nodes keyed by entity IRI, edges keyed by fact IRI (schema in :mod:`graph.netx`).
    layout : {"force", "geo"}
        Force-directed (default) or geographic (regions at their longitude/latitude).
    level : {None, "province", "city", "district"}
        Fold regions below this administrative level into their ancestor.
    focus : str, optional
        Label, alternative label or IRI of the node to centre an ego graph on.
    depth : int
        Radius of the ego graph (undirected hops); only used with ``focus``.
    lang : {"zh", "pinyin", "en"}
        Language of the drawn labels.
    title : str
        Page title and heading.

    Returns
    -------
    str
        The HTML document.

    Raises
    ------
    VizError
        For an unknown layout, level or lang, a negative depth, or a focus that matches no
        node (or several).

    Examples
    --------
    >>> page = render_html(G, focus="金湾区", depth=2, lang="en")  # doctest: +SKIP
    """
    _check(layout, level, depth, lang)
    center = _resolve_focus(G, focus) if focus is not None else None
    H = G
    if level is not None:
        H, rep = _roll_up(G, level)
        if center is not None:
            center = rep[center]
    if center is not None:
        H = _ego(H, center, depth)
    payload = _payload(H, layout=layout, lang=lang, center=center, level=level,
                       depth=depth, title=title)
    return _page(payload, title)


def write_html(G: nx.MultiDiGraph, path: str | Path, **kwargs: Any) -> Path:
    """Write :func:`render_html` output to ``path`` (UTF-8, atomically); return the path.

    Keyword arguments are those of :func:`render_html`.
    """
    from .atomic import write_bytes as write_atomic

    return write_atomic(Path(path), render_html(G, **kwargs).encode("utf-8"))


def show(G: nx.MultiDiGraph, *, height: int = 700, **kwargs: Any) -> Any:
    """Display the view inline in Jupyter (an ``<iframe srcdoc>``).

    Returns an ``IPython.display.HTML`` object, or the page itself when IPython is not
    installed. Keyword arguments are those of :func:`render_html`.
    """
    page = render_html(G, **kwargs)
    try:
        from IPython.display import HTML
    except ImportError:
        return page
    # An iframe keeps the page's ids and script apart from the notebook's own DOM.
    return HTML(f'<div class="coopgraph"><iframe srcdoc="{html.escape(page, quote=True)}" '
                f'style="width:100%;height:{int(height)}px;border:0" '
                'title="coopgraph"></iframe></div>')


# --- arguments ------------------------------------------------------------------------

def _choices(options: Iterable[str]) -> str:
    opts = list(options)
    return ", ".join(opts[:-1]) + " or " + opts[-1]


def _check(layout: str, level: str | None, depth: int, lang: str) -> None:
    if layout not in LAYOUTS:
        raise VizError(f"unknown layout {layout!r} (choose {_choices(LAYOUTS)})")
    if level is not None and level not in LEVELS:
        raise VizError(f"unknown level {level!r} (choose {_choices(LEVELS)})")
    if lang not in LANGS:
        raise VizError(f"unknown lang {lang!r} (choose {_choices(LANGS)})")
    if isinstance(depth, bool) or not isinstance(depth, int) or depth < 0:
        raise VizError(f"depth must be a whole number >= 0, not {depth!r}")


def _resolve_focus(G: nx.MultiDiGraph, focus: str) -> str:
    """The node whose IRI, label or (failing that) alternative label is ``focus``."""
    name = focus.strip()
    if name in G:
        return name
    exact = sorted(n for n, d in G.nodes(data=True) if d.get("label") == name)
    found = exact or sorted(n for n, d in G.nodes(data=True)
                            if name in (d.get("alt_labels") or "").split("|"))
    if not found:
        raise VizError(f"focus {focus!r} not found: no node has it as label, "
                       "alternative label or IRI")
    if len(found) > 1:
        shown = ", ".join(found[:3]) + (", ..." if len(found) > 3 else "")
        raise VizError(f"focus {focus!r} is ambiguous ({len(found)} nodes: {shown}); "
                       "pass the IRI instead")
    return found[0]


# --- style ----------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _style() -> dict[str, Any]:
    style = read_json("viz_style.json")
    return {**style, "en_suffixes": sorted(style["en_suffixes"], key=lambda p: -len(p[0]))}


def _group_index(category: str, kind: str) -> int:
    groups = _style()["groups"]
    for i, g in enumerate(groups):
        if g["category"] == category and (not g["kinds"] or kind in g["kinds"]):
            return i
    return len(groups) - 1  # "other"


def _admin_level(attrs: dict[str, Any]) -> int | None:
    """0 province, 1 city, 2 district/county, 3 town; None for zones and non-regions."""
    if attrs.get("category") != "Region":
        return None
    style = _style()
    name = style["level_of_kind"].get(attrs.get("kind", ""))
    return None if name is None else style["levels"][name]


def _relation_index(relation: str) -> int:
    rels = _style()["relations"]
    for i, r in enumerate(rels):
        if r["id"] == relation:
            return i
    return len(rels) - 1  # "other"


# --- roll-up and ego graph ------------------------------------------------------------

def _roll_up(G: nx.MultiDiGraph, level: str) -> tuple[nx.MultiDiGraph, dict[str, str]]:
    """Fold regions below ``level`` into their ancestor; merge parallel edges.

    Returns the folded graph and the map node → representative.
    """
    target = _style()["levels"][level]
    levels = {n: _admin_level(d) for n, d in G.nodes(data=True)}

    def climb(n: str) -> str:
        lv = levels[n]
        if lv is None or lv <= target:
            return n
        cur, best, seen = n, n, {n}
        while True:
            parent = G.nodes[cur].get("parent") or ""
            if parent not in G or parent in seen:
                return best  # broken chain: the highest region reached
            seen.add(parent)
            cur = parent
            lp = levels[cur]
            if lp is not None:
                if lp <= target:
                    return cur
                best = cur

    rep = {n: climb(n) for n in sorted(G)}
    members: dict[str, list[str]] = defaultdict(list)
    for n, r in rep.items():
        if n != r:
            members[r].append(n)
    H = nx.MultiDiGraph(name=G.graph.get("name", "coopgraph"))
    for r in sorted(set(rep.values())):
        attrs = dict(G.nodes[r])
        if members[r]:
            folded = sorted(members[r], key=lambda m: (G.nodes[m].get("label", ""), m))
            attrs["folded"] = [G.nodes[m].get("label", "") for m in folded]
            sources = _split(attrs.get("sources"))
            for m in folded:
                sources.extend(s for s in _split(G.nodes[m].get("sources")) if s not in sources)
            attrs["sources"] = "|".join(sources)
            attrs["mentioned"] = max(len(sources), _int(attrs.get("mentioned"), 0))
        H.add_node(r, **attrs)

    groups: dict[tuple, list[tuple[str, str, str, dict]]] = defaultdict(list)
    internal: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for u, v, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        ru, rv = rep[u], rep[v]
        rel = d.get("relation", "")
        if ru == rv:
            internal[ru][rel] += 1
            continue
        pair = tuple(sorted((ru, rv))) if rel == "twinning" else (ru, rv)
        groups[(rel, *pair)].append((u, v, k, d))
    for r, counts in internal.items():
        H.nodes[r]["internal"] = dict(sorted(counts.items()))
    for (rel, a, b), items in sorted(groups.items()):
        if len(items) == 1:
            u, v, k, d = items[0]
            H.add_edge(rep[u], rep[v], key=k, **d)
            continue
        H.add_edge(a, b, key=f"rollup:{rel}:{a}>{b}", **_merge(G, rel, items))
    return H, rep


def _int(value: Any, default: int) -> int:
    """An integer attribute that may have come back from GraphML or CSV as text."""
    try:
        return int(float(value)) if value not in (None, "") else default
    except (TypeError, ValueError):
        return default


def _float(value: Any) -> float | None:
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def _split(value: Any, sep: str = "|") -> list[str]:
    return [s for s in str(value or "").split(sep) if s]


def _distinct(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _merge(G: nx.MultiDiGraph, rel: str, items: list[tuple[str, str, str, dict]]
           ) -> dict[str, Any]:
    datas = [d for _, _, _, d in items]
    labels = _distinct(d.get("label", "") for d in datas)
    shown = "; ".join(labels[:3]) + ("; …" if len(labels) > 3 else "")
    confs = [c for c in (_float(d.get("confidence")) for d in datas) if c is not None]
    return {
        "relation": rel,
        "label": f"{shown} ×{len(items)}",
        "evidence": "\n".join(_distinct(s for d in datas for s in _split(d.get("evidence"), "\n"))),
        "source": "|".join(_distinct(s for d in datas for s in _split(d.get("source")))),
        "status": "|".join(_distinct(d.get("status", "") for d in datas)),
        "date": "|".join(sorted(_distinct(d.get("date", "") for d in datas))),
        "rule": "|".join(sorted(_distinct(s for d in datas for s in _split(d.get("rule"))))),
        "confidence": max(confs) if confs else 1.0,
        "fact": "|".join(_distinct(d.get("fact", "") for d in datas)),
        "kind": "|".join(_distinct(d.get("kind", "") for d in datas)),
        "up_function": "|".join(_distinct(d.get("up_function", "") for d in datas)),
        "down_function": "|".join(_distinct(d.get("down_function", "") for d in datas)),
        "count": len(items),
        "members": [{"from": G.nodes[u].get("label", ""), "to": G.nodes[v].get("label", ""),
                     "label": d.get("label", ""), "evidence": d.get("evidence", ""),
                     "source": d.get("source", ""), "status": d.get("status", ""),
                     "date": d.get("date", "")} for u, v, _, d in items],
    }


def _ego(G: nx.MultiDiGraph, center: str, depth: int) -> nx.MultiDiGraph:
    """Nodes within ``depth`` undirected hops of ``center`` and every edge among them."""
    seen = {center}
    frontier = [center]
    for _ in range(depth):
        nxt = []
        for n in frontier:
            for m in (*G.succ[n], *G.pred[n]):
                if m not in seen:
                    seen.add(m)
                    nxt.append(m)
        frontier = nxt
    return G.subgraph(seen).copy()


# --- labels ---------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _jieba() -> Any:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


@lru_cache(maxsize=1)
def _pinyin_tables() -> tuple[dict[int, str], dict[str, list[list[str]]], int]:
    from pypinyin.phrases_dict import phrases_dict
    from pypinyin.pinyin_dict import pinyin_dict

    return pinyin_dict, phrases_dict, max(map(len, phrases_dict))


@lru_cache(maxsize=None)
def _toneless(syllable: str) -> str:
    """gǔ → gu, lǜ → lv (pypinyin's NORMAL style)."""
    out = []
    for ch in unicodedata.normalize("NFD", syllable):
        if ch == "\u0308":
            out[-1] = "v"
        elif not unicodedata.combining(ch):
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=65536)
def _syllables(han: str) -> tuple[str, ...]:
    """Tone-less pinyin, one syllable per character, from pypinyin's dictionaries.

    Longest phrase first (重庆 → chong qing), else a character's first reading -- what
    ``pypinyin.lazy_pinyin`` does, without its per-call machinery (8 s for 20,000 labels).
    """
    chars, phrases, longest = _pinyin_tables()
    out: list[str] = []
    i = 0
    while i < len(han):
        for k in range(min(longest, len(han) - i), 1, -1):
            hit = phrases.get(han[i:i + k])
            if hit:
                out.extend(_toneless(p[0]) for p in hit)
                i += k
                break
        else:
            reading = chars.get(ord(han[i]))
            out.append(_toneless(reading.split(",")[0]) if reading else han[i])
            i += 1
    return tuple(out)


@lru_cache(maxsize=1)
def _conventional() -> dict[str, str]:
    """English names with a conventional spelling pinyin does not give (陕西 → Shaanxi)."""
    return dict(_style().get("en_names", []))


def _word(syllables: Iterable[str]) -> str:
    """Join syllables into one capitalised pinyin word (西安 → Xi'an)."""
    out = ""
    for s in syllables:
        s = s.replace("v", "ü")
        if out and s[:1] in ("a", "o", "e"):
            out += "'"
        out += s
    return out[:1].upper() + out[1:]


def _words(han: str, lang: str, *, whole: bool) -> list[str]:
    """Pinyin words of a run of Han characters.

    ``whole`` (place names) keeps each administrative unit as one word (珠海市金湾 →
    Zhuhai Shi Jinwan); other runs are cut into words with jieba, runs of single
    characters it leaves (unknown names like 长株潭) joined again. A word ending in an
    administrative suffix (珠海市) is written name + suffix, the suffix in English for
    ``lang="en"``.
    """
    syl = _syllables(han)
    if whole:
        tokens, start = [], 0
        for i, ch in enumerate(han):
            if ch in _ADMIN_SUFFIXES and i - start >= 2 and i < len(han) - 1:
                tokens.append(han[start:i + 1])
                start = i + 1
        tokens.append(han[start:])
    elif len(han) <= 2:
        tokens = [han]
    else:
        tokens, single = [], ""
        for tok in _jieba().cut(han, HMM=False):
            if len(tok) == 1:
                single += tok
                continue
            if single:
                tokens.append(single)
                single = ""
            tokens.append(tok)
        if single:
            tokens.append(single)
    words, i = [], 0
    for tok in tokens:
        s, i = syl[i:i + len(tok)], i + len(tok)
        if len(tok) >= 3 and tok[-1] in _ADMIN_SUFFIXES:
            words.append(_word(s[:-1]))
            words.append(_admin_en(tok[-1]) if lang == "en" else _word(s[-1:]))
        else:
            words.append(_word(s))
    return words


def _admin_en(suffix: str) -> str:
    return dict(_style()["en_suffixes"]).get(suffix, suffix)


def _split_suffix(label: str) -> tuple[str, str, str]:
    """(name, suffix, English) for the longest category suffix of ``label``."""
    for zh, en in _style()["en_suffixes"]:
        if label.endswith(zh) and len(label) > len(zh):
            name = label[: -len(zh)]
            # 香港 is not "Xiang Port": only 省市区县镇乡 may follow a one-character name.
            need = 1 if zh in _ADMIN_SUFFIXES else 2
            if len(name) >= need:
                return name, zh, en
    return label, "", ""


def _place_pattern(H: nx.MultiDiGraph) -> re.Pattern[str] | None:
    """The graph's region names (longest first), to find places inside other names."""
    names = sorted({str(d.get("label") or "") for _, d in H.nodes(data=True)
                    if d.get("category") == "Region" and len(str(d.get("label") or "")) >= 2},
                   key=lambda x: (-len(x), x))
    return re.compile("|".join(map(re.escape, names))) if names else None


def _romanise_with_places(label: str, lang: str, places: re.Pattern[str] | None) -> str:
    """:func:`romanise` of a name that may hold place names (深圳市坪山区…产业合作园区):
    each place romanised as a place (Shenzhen City Pingshan District), the rest as words."""
    name, suffix, en = _split_suffix(label)
    if places is None or not places.search(name):
        return romanise(label, lang)
    parts, pos = [], 0
    for m in places.finditer(name):
        if m.start() > pos:
            parts.append(romanise(name[pos:m.start()], lang))
        parts.append(romanise(m.group(), lang, place=True))
        pos = m.end()
    if pos < len(name):
        parts.append(romanise(name[pos:], lang))
    if suffix:
        parts.append(en if lang == "en" else " ".join(_words(suffix, "pinyin", whole=False)))
    return " ".join(p for p in parts if p)


@lru_cache(maxsize=65536)
def romanise(label: str, lang: str = "pinyin", *, place: bool = False) -> str:
    """Romanise a Chinese label: tone-less pinyin words, capitalised.

    ``lang="en"`` translates the category suffix instead (区 → District). ``place``
    keeps the name before the suffix as one word, as place names are written.

    Examples
    --------
    >>> romanise("金湾区", place=True)
    'Jinwan Qu'
    >>> romanise("金湾区", "en", place=True)
    'Jinwan District'
    """
    if not _HAN.search(label):
        return label
    name, suffix, en = _split_suffix(label)
    head = _conventional().get(name) if lang == "en" else None
    if head is not None:
        return f"{head} {en}" if suffix else head
    parts: list[str] = []
    for chunk in re.split(f"({_HAN.pattern})", name):
        if not chunk.strip():
            continue
        if _HAN.fullmatch(chunk):
            parts.extend(_words(chunk, lang, whole=place))
        else:
            parts.append(chunk.strip())
    if suffix:
        parts.append(en if lang == "en" else " ".join(_words(suffix, "pinyin", whole=False)))
    return " ".join(p for p in parts if p)


def _display_label(label: str, attrs: dict[str, Any], lang: str,
                   places: re.Pattern[str] | None = None) -> str:
    if lang == "zh" or not label:
        return label
    if attrs.get("category") == "Region":
        return romanise(label, lang, place=True)
    return _romanise_with_places(label, lang, places)


def _search_key(label: str) -> str:
    """Pinyin search keys: the full syllables and the initials (金湾区 → jinwanqu jwq)."""
    syl = [s.lower() for han in _HAN.findall(label) for s in _syllables(han)]
    if not syl:
        return ""
    return "".join(syl) + " " + "".join(s[0] for s in syl if s)


@lru_cache(maxsize=None)
def _functions_en() -> dict[str, str]:
    from .resources import functions

    try:
        return {fid: row.get("en", "") for fid, row in functions().items()}
    except (OSError, KeyError):
        return {}


def _edge_label(d: dict[str, Any], rel: dict[str, Any], lang: str) -> str:
    """Text drawn on the edge (function split, counts of merged edges, short names)."""
    text = str(d.get("label") or "")
    count = _int(d.get("count"), 1)
    if not rel["show_label"] and count == 1:
        return ""
    if lang == "zh":
        return text
    if count == 1 and rel["id"] == "pairing":
        en = _functions_en()
        up, down = en.get(d.get("up_function_id", "")), en.get(d.get("down_function_id", ""))
        if lang == "en" and up and down:
            return f"{up} → {down}"
        return " → ".join(romanise(p.strip()) for p in text.split("→"))
    if lang == "en":
        return rel["en"] + (f" ×{count}" if count > 1 else "")
    return romanise(text)


# --- layouts --------------------------------------------------------------------------

def _jitter(key: str, scale: float) -> tuple[float, float]:
    """A deterministic offset in [-scale, scale]² (md5, not the salted hash())."""
    h = hashlib.md5(key.encode("utf-8")).digest()
    return ((h[0] / 255 - 0.5) * 2 * scale, (h[1] / 255 - 0.5) * 2 * scale)


def _phase(key: str) -> float:
    h = hashlib.md5(key.encode("utf-8")).digest()
    return int.from_bytes(h[2:6], "big") / 2**32 * 2 * math.pi


def _spiral(cx: float, cy: float, slot: int, phase: float, step: float) -> tuple[float, float]:
    """Slot ``slot`` of a Vogel (sunflower) spiral around (cx, cy): no two slots overlap."""
    r = step * math.sqrt(slot + 0.6)
    a = phase + slot * 2.399963229728653  # golden angle
    return cx + r * math.cos(a), cy + r * math.sin(a)


def _has_coords(d: dict[str, Any]) -> bool:
    lon, lat = d.get("lon"), d.get("lat")
    return (isinstance(lon, (int, float)) and isinstance(lat, (int, float))
            and math.isfinite(lon) and math.isfinite(lat))


def _geo_positions(H: nx.MultiDiGraph, order: list[str]) -> dict[str, tuple[float, float]]:
    """Regions at their coordinates; the rest around the place they belong to.

    Nodes closer than a label's height are pushed apart (:func:`_spread`); nodes with no
    way to a coordinate go in a block right of the map.
    """
    import numpy as np

    with_xy = [n for n in order if _has_coords(H.nodes[n])]
    pos: dict[str, tuple[float, float]] = {}
    slots: dict[str, int] = defaultdict(int)
    if with_xy:
        lons = np.array([H.nodes[n]["lon"] for n in with_xy], dtype=float)
        lats = np.array([H.nodes[n]["lat"] for n in with_xy], dtype=float)
        lon0, lat0 = float(np.median(lons)), float(np.median(lats))
        # Equirectangular around the median point (canvas y grows downwards), distances
        # from it square-rooted: directions stay true while a few far places (Beijing on a
        # map of the Pearl River Delta) no longer shrink the delta to a dot.
        raw = np.column_stack([(lons - lon0) * math.cos(math.radians(lat0)), lat0 - lats])
        r = np.hypot(raw[:, 0], raw[:, 1])
        raw = raw * (np.sqrt(r) / np.maximum(r, 1e-12))[:, None]
        span = float(np.ptp(raw, axis=0).max()) if len(raw) > 1 else 0.0
        # The map about as large as a force layout of as many nodes; _spread then parts
        # places that fall on each other.
        k = SPACING * math.sqrt(len(with_xy)) * 2.5 / span if span > 1e-9 else 1000.0
        # The first node at a coordinate keeps it; others (a zone given its district's
        # point) circle around it.
        rank = {n: (_admin_level(H.nodes[n]) if _admin_level(H.nodes[n]) is not None else 9,
                    n) for n in with_xy}
        at: dict[tuple[float, float], str] = {}
        for n, xy in sorted(zip(with_xy, raw.tolist()), key=lambda p: rank[p[0]]):
            p = (round(xy[0] * k, 1), round(xy[1] * k, 1))
            owner = at.get(p)
            if owner is None:
                at[p] = n
                pos[n] = p
            else:
                slots[owner] += 1
                pos[n] = _spiral(*p, slots[owner], _phase(owner), SPACING * 0.6)

    # Everything else: around a structural anchor (located_in / part_of / parent), else
    # around the centroid of placed neighbours; repeat while that places something.
    pending = [n for n in order if n not in pos]
    while pending and pos:
        still = []
        for n in pending:
            anchor = _anchor(H, n, pos)
            if anchor is None:
                still.append(n)
                continue
            key, (cx, cy) = anchor
            slots[key] += 1
            x, y = _spiral(cx, cy, slots[key], _phase(key), SPACING * 0.6)
            jx, jy = _jitter(n, SPACING * 0.06)
            pos[n] = (x + jx, y + jy)
        if len(still) == len(pending):
            break
        pending = still
    if len(pos) > 1:  # a district and the zones given its point would hide each other
        placed = sorted(pos)
        # (labels of a large map are attached only when zoomed in: a lighter pass)
        big = len(placed) > PHYSICS_MAX_NODES
        xy = _spread(np.array([pos[n] for n in placed]), SPACING * (1.0 if big else 2.0),
                     rounds=12 if big else 40)
        pos = {n: (float(x), float(y)) for n, (x, y) in zip(placed, xy.tolist())}
    if pending:
        sub = H.subgraph(pending)
        extra = _component_positions(sub, [n for n in order if n in sub])
        if pos:  # right of the map, outside the opening view (Fit shows them)
            right = max(p[0] for p in pos.values()) + SPACING * 4
            top = min(p[1] for p in pos.values())
            ex = min(p[0] for p in extra.values())
            ey = min(p[1] for p in extra.values())
            extra = {n: (x - ex + right, y - ey + top) for n, (x, y) in extra.items()}
        pos.update(extra)
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in pos.items()}


def _anchor(H: nx.MultiDiGraph, n: str, pos: dict[str, tuple[float, float]]
            ) -> tuple[str, tuple[float, float]] | None:
    structural = sorted({v for _, v, d in H.out_edges(n, data=True)
                         if d.get("relation") in _STRUCTURAL and v in pos})
    parent = H.nodes[n].get("parent") or ""
    if parent in pos:
        structural = [parent, *[s for s in structural if s != parent]]
    if structural:
        return structural[0], pos[structural[0]]
    near = sorted({m for m in (*H.succ[n], *H.pred[n]) if m in pos})
    if not near:
        return None
    if len(near) == 1:
        return near[0], pos[near[0]]
    cx = sum(pos[m][0] for m in near) / len(near)
    cy = sum(pos[m][1] for m in near) / len(near)
    return "|".join(near), (cx, cy)


def _component_positions(H: nx.MultiDiGraph, order: list[str]
                         ) -> dict[str, tuple[float, float]]:
    """Lay out each connected component, then pack the components in rows.

    Small components get networkx' spring layout; large ones a spectral layout (a spring
    layout of 5,000 nodes takes about a minute; the spectral one of 20,000 well under 1 s).
    """
    import numpy as np
    import scipy.sparse as sp
    from scipy.sparse.csgraph import connected_components

    n = len(order)
    index = {v: i for i, v in enumerate(order)}
    pairs = np.array([(index[u], index[v]) for u, v in H.edges() if u != v],
                     dtype=np.int64).reshape(-1, 2)
    A = sp.coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(n, n)).tocsr()
    A = ((A + A.T) > 0).astype(float).tocsr()
    _, labels = connected_components(A, directed=False)
    members: dict[int, list[int]] = defaultdict(list)
    for i, c in enumerate(labels.tolist()):
        members[c].append(i)
    comps = sorted(members.values(), key=lambda c: (-len(c), c[0]))
    boxes = []
    for comp in comps:
        size = len(comp)
        if size == 1:
            xy = np.zeros((1, 2))
        elif size == 2:
            xy = np.array([[0.0, 0.0], [1.0, 0.0]])
        else:
            sub = A[comp][:, comp]
            if size <= SPRING_MAX_NODES:
                g = nx.Graph()
                g.add_nodes_from(range(size))
                rows, cols = sub.nonzero()
                g.add_edges_from((int(a), int(b)) for a, b in zip(rows, cols) if a < b)
                p = nx.spring_layout(g, seed=_SEED, iterations=50)
                xy = np.array([p[i] for i in range(size)])
            else:
                xy = _spectral(sub, [order[i] for i in comp])
        # Scale so the component covers about SPACING² per node.
        if size > 1:
            xy = xy - xy.min(axis=0)
            side = SPACING * math.sqrt(size) * 1.2
            xy = xy * (side / max(float(xy.max()), 1e-9))
            if size > SPRING_MAX_NODES:
                xy = _spread(xy, SPACING * 0.75)
                xy = xy - xy.min(axis=0)
        boxes.append((comp, xy, xy.max(axis=0)))
    total = sum((w + SPACING) * (h + SPACING) for _, _, (w, h) in boxes)
    width = max(max((w for _, _, (w, _h) in boxes), default=0.0), math.sqrt(total) * 1.3)
    pos: dict[str, tuple[float, float]] = {}
    x = y = row_h = 0.0
    for comp, xy, (w, h) in boxes:
        if x > 0 and x + w > width:
            x, y, row_h = 0.0, y + row_h + SPACING, 0.0
        for i, (px, py) in zip(comp, xy.tolist()):
            pos[order[i]] = (px + x, py + y)
        x += w + SPACING
        row_h = max(row_h, h)
    return pos


def _spread(xy: Any, gap: float, rounds: int = 12) -> Any:
    """Push apart nodes closer than ``gap`` (a few rounds; keeps the layout's shape)."""
    import numpy as np
    from scipy.spatial import cKDTree

    xy = xy.astype(float).copy()
    for _ in range(rounds):
        pairs = cKDTree(xy).query_pairs(gap, output_type="ndarray")
        if not len(pairs):
            break
        d = xy[pairs[:, 0]] - xy[pairs[:, 1]]
        dist = np.sqrt((d * d).sum(axis=1))
        same = dist < 1e-9
        d[same] = [1.0, 0.0]  # coincident points: a fixed direction, still deterministic
        dist[same] = 1.0
        push = ((gap - np.minimum(dist, gap)) / 2 / dist)[:, None] * d
        disp = np.zeros_like(xy)
        np.add.at(disp, pairs[:, 0], push)
        np.add.at(disp, pairs[:, 1], -push)
        xy += 0.5 * disp
    return xy


def _spectral(A: Any, names: list[str]) -> Any:
    """2-D spectral layout of a connected graph (adjacency ``A``, sparse, symmetric).

    Eigenvectors 2 and 3 of the normalised adjacency (the largest eigenvalues converge
    fast). networkx' spectral_layout starts ARPACK from a random vector, so two runs in
    one process can flip signs; a fixed start vector and a sign convention keep the HTML
    byte-identical.
    """
    import numpy as np
    import scipy.sparse as sp
    from scipy.sparse.linalg import ArpackNoConvergence, eigsh

    n = A.shape[0]
    deg = np.asarray(A.sum(axis=1)).ravel()
    inv = sp.diags(1.0 / np.sqrt(np.maximum(deg, 1e-12)))
    M = inv @ A @ inv
    v0 = np.random.default_rng(_SEED).random(n)
    try:
        vals, vecs = eigsh(M, k=3, which="LA", v0=v0, tol=1e-4, maxiter=n * 10)
        xy = vecs[:, np.argsort(-vals)[1:3]] * inv.diagonal()[:, None]
    except (ArpackNoConvergence, ValueError, RuntimeError):
        xy = np.random.default_rng(_SEED).random((n, 2))
    for j in range(2):  # sign convention: the largest coordinate is positive
        if xy[np.argmax(np.abs(xy[:, j])), j] < 0:
            xy[:, j] = -xy[:, j]
    # Spectral layouts pile nodes onto each other: blend with the ranks (same order,
    # evenly spread) and add a small deterministic jitter.
    ranks = np.empty_like(xy)
    for j in range(2):
        ranks[np.argsort(xy[:, j], kind="stable"), j] = np.linspace(0, 1, n)
    span = max(float(np.ptp(xy)), 1e-12)
    jit = np.array([_jitter(name, 0.5 / math.sqrt(n)) for name in names])
    return 0.5 * ranks + 0.5 * (xy - xy.min(axis=0)) / span + jit


def _positions(H: nx.MultiDiGraph, order: list[str], layout: str
               ) -> tuple[dict[str, tuple[float, float]] | None, bool, bool]:
    """(positions or None, physics on?, geographic positions?)."""
    if not order:
        return {}, False, False
    if layout == "force" and len(order) <= PHYSICS_MAX_NODES:
        if len(order) <= IMPROVED_LAYOUT_MAX_NODES:
            return None, True, False  # vis' own Kamada-Kawai start, then physics
        # A start from here lets the (shorter) physics run only refine.
        pos = _component_positions(H, order)
        return {n: (round(x, 1), round(y, 1)) for n, (x, y) in pos.items()}, True, False
    located = sum(1 for n in order if _has_coords(H.nodes[n]))
    if layout == "geo" or located >= len(order) / 2:
        return _geo_positions(H, order), False, True
    pos = _component_positions(H, order)
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in pos.items()}, False, False


def _core(H: nx.MultiDiGraph, order: list[str]) -> list[str]:
    """The largest connected component (undirected; ties: the one holding the earliest
    node of ``order``); [] when nothing is linked."""
    import numpy as np
    import scipy.sparse as sp
    from scipy.sparse.csgraph import connected_components

    index = {v: i for i, v in enumerate(order)}
    pairs = np.array([(index[u], index[v]) for u, v in H.edges() if u != v],
                     dtype=np.int64).reshape(-1, 2)
    if not len(pairs):
        return []
    n = len(order)
    A = sp.coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
    _, labels = connected_components(A, directed=False)
    linked = np.unique(pairs)
    # labels number components in order of their first node: argmax keeps the earliest
    best = int(np.argmax(np.bincount(labels[linked])))
    return [order[i] for i in linked.tolist() if labels[i] == best]


def _iterations(n: int) -> int:
    """Stabilisation iterations: the cap for small graphs, fewer (from a computed start)
    for larger ones, so that about the same work is done: 200 at 150 nodes, 60 at 500."""
    if n <= IMPROVED_LAYOUT_MAX_NODES:
        return STABILISATION_ITERATIONS
    return max(40, min(STABILISATION_ITERATIONS, 30000 // n))


def _curves(edges: list[tuple[str, str, str, dict]]) -> list[float]:
    """Signed roundness per edge so parallel edges between two nodes do not overlap.

    Static curves (curvedCW/CCW) add no physics bodies, unlike vis' default "dynamic".
    """
    by_pair: dict[tuple[str, str], list[int]] = defaultdict(list)
    for j, (u, v, _, _) in enumerate(edges):
        by_pair[(min(u, v), max(u, v))].append(j)
    curve = [0.0] * len(edges)
    for (a, _b), js in by_pair.items():
        m = len(js)
        if m == 1:
            continue
        for i, j in enumerate(js):
            offset = (i - (m - 1) / 2) * 0.2
            if edges[j][0] != a:  # same side of the line whichever way the edge points
                offset = -offset
            curve[j] = round(offset, 3)
    return curve


# --- payload and page -----------------------------------------------------------------

NODE_FIELDS = ("iri", "label", "zh", "alt", "py", "group", "size", "x", "y", "deg",
               "mentioned", "sources", "evidence", "adcode", "parent", "parentIdx", "kind",
               "category", "folded", "internal", "approx")
EDGE_FIELDS = ("from", "to", "rel", "label", "text", "evidence", "source", "status", "date",
               "confidence", "rule", "fact", "kind", "up", "down", "count", "curve",
               "members", "key")


def _node_size(degree: int) -> float:
    """Radius by degree, as the page's vis scaling draws it (1 link: 10 px, 100: 45 px)."""
    return round(10.0 + 35.0 * max(0.0, min(1.0, (math.sqrt(degree) - 1) / 9)), 1)


def _payload(H: nx.MultiDiGraph, *, layout: str, lang: str, center: str | None,
             level: str | None, depth: int, title: str) -> dict[str, Any]:
    style = _style()
    order = sorted(H)
    index = {n: i for i, n in enumerate(order)}
    edges = sorted(H.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))
    degree: dict[str, int] = defaultdict(int)
    for u, v, _, _ in edges:
        degree[u] += 1
        degree[v] += 1
    pos, physics, geo = _positions(H, order, layout)
    places = _place_pattern(H) if lang != "zh" else None
    # The view opens on the linked part: entities without a link wait behind a toggle.
    linked = [n for n in order if degree[n]]
    view = _box({n: pos[n] for n in (linked or order)}, 0.0) if pos else None
    nodes = []
    for n in order:
        d = H.nodes[n]
        label = str(d.get("label") or n)
        parent = d.get("parent") or ""
        xy = pos.get(n) if pos else None
        nodes.append([
            n, _display_label(label, d, lang, places), label, str(d.get("alt_labels") or ""),
            _search_key(label), _group_index(str(d.get("category", "")), str(d.get("kind", ""))),
            _node_size(degree[n]), xy[0] if xy else None, xy[1] if xy else None, degree[n],
            _int(d.get("mentioned"), 0), str(d.get("sources") or ""),
            str(d.get("evidence") or ""), str(d.get("adcode") or ""),
            str(H.nodes[parent].get("label", "")) if parent in H else _parent_label(parent),
            index.get(parent, -1), str(d.get("kind") or ""), str(d.get("category") or ""),
            list(d.get("folded") or []), dict(d.get("internal") or {}),
            _approx(H, d),
        ])
    curves = _curves(edges)
    rels = style["relations"]
    rows = []
    for j, (u, v, k, d) in enumerate(edges):
        ri = _relation_index(str(d.get("relation", "")))
        conf = _float(d.get("confidence"))
        rows.append([
            index[u], index[v], ri, _edge_label(d, rels[ri], lang), str(d.get("label") or ""),
            str(d.get("evidence") or ""), str(d.get("source") or ""),
            str(d.get("status") or ""), str(d.get("date") or ""),
            round(conf, 3) if conf is not None else None,
            str(d.get("rule") or ""), str(d.get("fact") or ""), str(d.get("kind") or ""),
            str(d.get("up_function") or ""), str(d.get("down_function") or ""),
            _int(d.get("count"), 1), curves[j], d.get("members"),
            "" if str(k) == str(d.get("fact") or "") else str(k),
        ])
    return {
        "v": 1,
        "title": title, "lang": lang, "layout": layout, "level": level,
        "focus": index[center] if center is not None and center in index else None,
        "depth": depth if center is not None else None,
        "physics": physics, "large": len(order) > PHYSICS_MAX_NODES,
        "bbox": _box(pos, 0.0) if pos else None, "view": view,
        "core": [index[n] for n in _core(H, order)], "geo": geo,
        "iterations": _iterations(len(order)), "seed": _SEED,
        "style": {"font": style["font"], "status": style["status"],
                  "groups": [{k: g[k] for k in ("id", "zh", "en", "shape", "color", "border")}
                             for g in style["groups"]],
                  "relations": [{k: r[k] for k in ("id", "zh", "en", "color", "width",
                                                   "dashes", "arrow")} for r in rels]},
        "nf": list(NODE_FIELDS), "nodes": nodes,
        "ef": list(EDGE_FIELDS), "edges": rows,
    }


def _box(pos: dict[str, tuple[float, float]], q: float) -> list[float]:
    """[min x, min y, max x, max y] between the q and 1-q quantiles of the positions."""
    xs = sorted(p[0] for p in pos.values())
    ys = sorted(p[1] for p in pos.values())
    lo, hi = int(q * (len(xs) - 1)), int(math.ceil((1 - q) * (len(xs) - 1)))
    return [float(xs[lo]), float(ys[lo]), float(xs[hi]), float(ys[hi])]


def _approx(H: nx.MultiDiGraph, d: dict[str, Any]) -> str:
    """Label of the region whose point the node's coordinates borrow ("" if its own)."""
    src = str(d.get("coords_from") or "")
    if not src or not _has_coords(d):
        return ""
    return str(H.nodes[src].get("label", "")) if src in H else _parent_label(src)


def _parent_label(iri: str) -> str:
    return "" if not iri else iri.rsplit("/", 1)[-1]


def _script_json(data: Any) -> str:
    """JSON that is safe inside a <script> element whatever strings it holds."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group(0)], text)


def _static(name: str) -> str:
    return (resources.files("graph") / "static" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _vis_js() -> str:
    """vis-network as shipped inside pyvis (standalone UMD build, DataSet included)."""
    try:
        root = resources.files("pyvis")
    except ModuleNotFoundError:
        raise VizError("pyvis is not installed: it provides vis-network for the HTML view"
                       ) from None
    for rel in _VIS_JS:
        f = root.joinpath(*rel.split("/"))
        if f.is_file():
            text = f.read_text(encoding="utf-8")
            # The source map is not shipped; a browser with devtools open would ask for it.
            text = re.sub(r"\n//# sourceMappingURL=\S*\s*$", "\n", text)
            if re.search(r"</script|<!--", text, re.I):
                raise VizError("the vis-network file in pyvis cannot be inlined safely")
            return text
    raise VizError("vis-network not found inside the pyvis package (pyvis>=0.3.2 ships it)")


def _svg_shape(shape: str, fill: str, stroke: str) -> str:
    a = f'fill="{fill}" stroke="{stroke}" stroke-width="1.5"'
    shapes = {
        "dot": f'<circle cx="9" cy="9" r="6.5" {a}/>',
        "square": f'<rect x="3" y="3" width="12" height="12" {a}/>',
        "triangle": f'<polygon points="9,2 16,15 2,15" {a}/>',
        "diamond": f'<polygon points="9,1.5 16.5,9 9,16.5 1.5,9" {a}/>',
        "star": f'<polygon points="9,1.5 11,6.8 16.6,6.8 12,10.2 13.8,15.8 9,12.4 4.2,15.8 '
                f'6,10.2 1.4,6.8 7,6.8" {a}/>',
        "hexagon": f'<polygon points="9,1.5 15.5,5.2 15.5,12.8 9,16.5 2.5,12.8 2.5,5.2" {a}/>',
    }
    return (f'<svg class="cg-swatch" width="18" height="18" viewBox="0 0 18 18" '
            f'aria-hidden="true">{shapes.get(shape, shapes["dot"])}</svg>')


def _svg_line(rel: dict[str, Any]) -> str:
    dash = rel["dashes"]
    dash_attr = f' stroke-dasharray="{",".join(str(x) for x in dash)}"' if dash else ""
    head = (f'<polygon points="30,7 23,3 23,11" fill="{rel["color"]}"/>'
            if rel["arrow"] else "")
    return (f'<svg class="cg-swatch" width="32" height="14" viewBox="0 0 32 14" '
            f'aria-hidden="true"><line x1="1" y1="7" x2="{26 if rel["arrow"] else 31}" y2="7" '
            f'stroke="{rel["color"]}" stroke-width="{min(rel["width"], 3)}"{dash_attr}/>'
            f'{head}</svg>')


def _legend_item(attr: str, i: int, icon: str, item: dict[str, Any], count: int) -> str:
    """One checkbox line of the legend (a node group or a relation)."""
    return (f'<label class="cg-item"><input type="checkbox" data-{attr}="{i}" checked>{icon}'
            f'<span class="cg-name">{html.escape(item["zh"])} '
            f'<small>{html.escape(item["en"])}</small></span>'
            f'<span class="cg-count">{count}</span></label>')


def _legend(payload: dict[str, Any]) -> str:
    """The legend, which doubles as the category/relation filter (static HTML)."""
    gcount: dict[int, int] = defaultdict(int)
    for row in payload["nodes"]:
        gcount[row[NODE_FIELDS.index("group")]] += 1
    rcount: dict[int, int] = defaultdict(int)
    for row in payload["edges"]:
        rcount[row[EDGE_FIELDS.index("rel")]] += 1
    out = ['<section id="cg-legend" aria-label="legend and filters">',
           '<h2>图例 · 筛选 <small>Legend · filters</small></h2>',
           '<fieldset><legend>节点 Nodes</legend>']
    out += [_legend_item("group", i, _svg_shape(g["shape"], g["color"], g["border"]), g,
                         gcount[i])
            for i, g in enumerate(payload["style"]["groups"]) if gcount.get(i)]
    out.append('</fieldset><fieldset><legend>关系 Relations</legend>')
    out += [_legend_item("rel", i, _svg_line(r), r, rcount[i])
            for i, r in enumerate(payload["style"]["relations"]) if rcount.get(i)]
    out.append('</fieldset>')
    out.append(_unlinked(payload))
    note = ('大小 = 连接数 · size = number of links. '
            '虚线边框 = 仅作上级区域 · dashed outline = region not mentioned itself. ')
    approx = NODE_FIELDS.index("approx")
    if payload["geo"] and any(row[approx] for row in payload["nodes"]):
        note += ('≈ = 无自身坐标, 画在上级区域的位置 · ≈ = no coordinates of its own, drawn at '
                 'the containing region\'s point. ')
    out.append(f'<p class="cg-note">{note}点击节点或连线查看证据 · click a node or link for '
               'its evidence.</p></section>')
    return "".join(out)


#: Names listed in the "unlinked" box of the legend (the rest are counted).
UNLINKED_LISTED = 300


def _unlinked(payload: dict[str, Any]) -> str:
    """The entities without a link: hidden from the first view, listed here, and a
    checkbox that draws them (below the linked part)."""
    deg, zh = NODE_FIELDS.index("deg"), NODE_FIELDS.index("zh")
    lone = [i for i, row in enumerate(payload["nodes"]) if row[deg] == 0]
    if not lone or len(lone) == len(payload["nodes"]):
        return ""
    items = "".join(f'<li><button type="button" class="cg-link" data-node="{i}">'
                    f'{html.escape(payload["nodes"][i][zh])}</button></li>'
                    for i in lone[:UNLINKED_LISTED])
    more = (f'<li>… +{len(lone) - UNLINKED_LISTED}</li>' if len(lone) > UNLINKED_LISTED
            else "")
    return ('<fieldset id="cg-unlinked"><legend>未连接 Unlinked</legend>'
            '<label class="cg-item"><input type="checkbox" id="cg-lone">'
            '<span class="cg-name">在图中显示 <small>show on the canvas</small></span>'
            f'<span class="cg-count">{len(lone)}</span></label>'
            f'<details><summary>名单 list</summary><ul class="cg-lone-list">{items}{more}'
            '</ul></details></fieldset>')


def _subtitle(payload: dict[str, Any]) -> str:
    parts = [f'{len(payload["nodes"])} 节点 nodes · {len(payload["edges"])} 关系 links']
    deg = NODE_FIELDS.index("deg")
    lone = sum(1 for row in payload["nodes"] if row[deg] == 0)
    if lone and lone < len(payload["nodes"]):
        parts.append(f'{lone} 未连接 unlinked (hidden)')
    if payload["level"]:
        parts.append(f'level: {payload["level"]}')
    if payload["focus"] is not None:
        zh = payload["nodes"][payload["focus"]][NODE_FIELDS.index("zh")]
        parts.append(f'focus: {zh} (depth {payload["depth"]})')
    parts.append(f'layout: {payload["layout"]}')
    return " · ".join(parts)


def _page(payload: dict[str, Any], title: str) -> str:
    esc = html.escape
    return "".join([
        '<!DOCTYPE html>\n<html lang="zh-Hans">\n<head>\n<meta charset="utf-8">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        # Nothing may load from elsewhere: the policy makes a stray URL fail loudly.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        'script-src \'unsafe-inline\'; style-src \'unsafe-inline\'; img-src data:; '
        'font-src data:">\n',
        f'<meta name="generator" content="coopgraph">\n<title>{esc(title)}</title>\n',
        f'<style>\n{_static("viz.css")}\n</style>\n</head>\n<body>\n',
        '<header id="cg-header"><h1>', esc(title), '</h1>',
        f'<span id="cg-sub">{esc(_subtitle(payload))}</span>',
        '<div id="cg-searchbox"><input id="cg-search" type="search" autocomplete="off" '
        'spellcheck="false" placeholder="搜索 search: 金湾 / jinwan" aria-label="search">'
        '<ul id="cg-results" role="listbox" hidden></ul></div>',
        '<button id="cg-fit" type="button" title="show the whole graph">全图 Fit</button>',
        '</header>\n<main id="cg-main">\n<aside id="cg-left">', _legend(payload),
        '</aside>\n<div id="cg-stage"><div id="cg-net" role="img" aria-label="graph"></div>',
        '<div id="cg-loading">正在布局… laying out</div>',
        '<div id="cg-tip" hidden></div></div>\n',
        '<aside id="cg-panel" aria-live="polite"><p class="cg-hint">点击节点或连线查看证据。'
        '<br>Click a node or a link to read the evidence.</p></aside>\n</main>\n',
        '<script id="cg-data" type="application/json">', _script_json(payload),
        '</script>\n<script>\n', _vis_js(), '\n</script>\n<script>\n', _static("viz.js"),
        '\n</script>\n</body>\n</html>\n',
    ])


__all__ = ["LANGS", "LAYOUTS", "LEVELS", "PHYSICS_MAX_NODES", "VizError", "render_html",
           "romanise", "show", "write_html"]
