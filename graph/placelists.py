"""Short forms of counties that the article's own wording vouches for (called from
:func:`graph.mentions.gazetteer_mentions` for short forms its context test dropped).

A county written without 县/市/区 is kept only when the article names its city; two forms
of news prose name it safely without that:

* **an item of a list of places** — a railway's course (途经甲县、乙县、丙县), a list of
  counties: a short form between two places of the list, or before one after 经/途经, is
  a place too (its own city need not be named). A short form that is also a common word
  (和平) still needs its city somewhere in the article, which also picks the right one
  of several namesakes;
* **right after its own province or city** (某省乙县人, 某市丙区的企业): the province
  written just before a county's short form says which county it is;
* **a counted pair or list of places** (甲与乙两地, 甲、乙、丙三县): the count word after
  the list says each item is a place.
* **an end of a route whose other end is a place of the same province** (南京至某县,
  从某市到某县): a short form that is the only place of that name in the province.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .gazetteer import Gazetteer
    from .mentions import Mention

# 甲至乙, 从甲到乙: the words between the two ends of a route
_ROUTE_TO = set("至到")
# …then the far end is a whole word: what may follow it (甲至乙的, 甲至乙城际, 甲至乙段)
_ROUTE_AFTER = ("的", "段", "间", "之间", "城际", "高铁", "铁路", "高速", "公路", "轻轨", "地铁",
                "线", "班列", "航线", "只需", "仅需", "只要", "约", "全长", "通车", "开通")
# a list of places is opened by a route word and closed by 等/及/和 or punctuation
_OPENERS = ("途经", "经过", "经", "包括", "覆盖")
_CLOSERS = set("、，,。；;等及和与）)")
_COURSE_ENDS = ("直抵", "直达", "抵达", "到达", "止于", "至", "到")
# 甲与乙两地, 甲、乙、丙三县: the joiners of the items and the count word that closes the list
_JOINERS = set("、与和及同")
# (甲、乙两个口岸城市: a two-character word of what they are may stand before 城市/地区)
_COUNTED = re.compile(r"[两二三四五六七八九](?:个?(?:地|市|县|区|镇|乡|省|城|"
                      r"[\u4e00-\u9fff]{2}(?:城市|县市|地区))|"  # 甲、乙两大基地: sites too
                      r"[个大座处]?(?:生产|制造|研发|产业)?(?:基地|园区|厂区|工厂))")


def vouched_places(text: str, dropped: list["Mention"], kept: list["Mention"],
                   gaz: "Gazetteer", context: set[str], common: frozenset[str]) -> list["Mention"]:
    """The short forms of ``dropped`` that a list of places or their own province/city
    right before them vouch for (candidates narrowed to that place)."""
    by_end = {m.end: m for m in kept}
    by_start = {m.start: m for m in kept}
    counted = _counted_items(text, dropped, kept)
    out = []
    for m in dropped:
        if m.surface_how != "stem" or m.end - m.start < 2:
            continue
        if id(m) in counted and m.text not in common:
            backed = tuple(k for k in m.candidates
                           if any(a in context for a in gaz.ancestors(k)[:2]))
            if len(backed) != 1 and len({tuple(gaz.ancestors(k)[:1]) for k in m.candidates}) == 1:
                backed = (min(m.candidates),)  # one place under two codes (县 become 市)
            if len(backed) == 1 or len(m.candidates) == 1:
                out.append(_with(m, backed or m.candidates, gaz))
                continue
        cands = _under(m.candidates, by_end.get(m.start), gaz)
        after = text[m.end:m.end + 1]
        if cands and (m.text not in common or after in _CLOSERS or after == ""):
            out.append(_with(m, cands, gaz))
            continue
        ends = _route_ends(text, m, by_end, by_start, gaz) if m.text not in common else ()
        if ends:
            out.append(_with(m, ends, gaz))
            continue
        if not _in_place_list(text, m, by_end, by_start):
            continue
        backed = tuple(k for k in m.candidates
                       if any(a in context for a in gaz.ancestors(k)[:2]))
        if len(backed) != 1 and not (len(m.candidates) == 1 and m.text not in common):
            continue
        out.append(_with(m, backed or m.candidates, gaz))
    return out


def _counted_items(text: str, dropped: list["Mention"], kept: list["Mention"]) -> set[int]:
    """The ids of short forms that are items of a list closed by a count of places
    (甲与乙两地, 甲、乙、丙三县): each item a place found or a short form dropped, joined
    by 、/与/和, the whole list ending right before the count word."""
    items: dict[int, list["Mention"]] = {}
    for m in dropped:
        if m.surface_how == "stem" and m.end - m.start >= 2:
            items.setdefault(m.start, []).append(m)
    if not items:
        return set()
    for m in kept:
        items.setdefault(m.start, []).append(m)
    out: set[int] = set()
    for start in sorted(items):
        for first in items[start]:
            chain, at = [first], first.end
            while at < len(text) and text[at] in _JOINERS:
                nxt = [n for n in items.get(at + 1, ()) if n.end - n.start >= 2]
                if not nxt:
                    break
                chain.append(max(nxt, key=lambda n: n.end))
                at = chain[-1].end
            if len(chain) >= 2 and _COUNTED.match(text, at):
                out.update(id(m) for m in chain)
    return out


def _under(cands: tuple[str, ...], before: "Mention | None", gaz: "Gazetteer") -> tuple[str, ...]:
    """The candidates that lie in the place written right before them (福建|晋江)."""
    if before is None or not before.candidates:
        return ()
    got = tuple(k for k in cands if before.candidates[0] in gaz.ancestors(k))
    return got if len(got) == 1 else ()


def _in_place_list(text: str, m: "Mention", by_end: dict, by_start: dict) -> bool:
    """Is ``m`` an item of a 、-list whose neighbouring item is a place found already?"""
    before = text[m.start - 1:m.start]
    after = text[m.end:m.end + 1]
    left = before == "、" and m.start - 1 in by_end
    right = after == "、" and m.end + 1 in by_start
    if left and (right or after in _CLOSERS or after == "" or text.startswith(_COURSE_ENDS, m.end)
                 or text.startswith("之间", m.end)):
        return True  # (途经甲、乙、丙直抵丁: a course's end word closes the list of its stops;
        # 甲、乙、丙之间: 之间 closes a list of places)
    return right and (before == "、" or text.endswith(_OPENERS, 0, m.start))


def _province(key: str, gaz: "Gazetteer") -> str:
    anc = gaz.ancestors(key)
    return anc[-1] if anc else key


def _route_ends(text: str, m: "Mention", by_end: dict, by_start: dict,
                gaz: "Gazetteer") -> tuple[str, ...]:
    """甲至乙, 从乙到甲: the one candidate of ``m`` in the province of the place found at the
    other end of the route (none when that place is not right there, or several fit)."""
    other = None
    if text[m.start - 1:m.start] in _ROUTE_TO and (
            m.end == len(text) or text[m.end] in _CLOSERS or text.startswith(_ROUTE_AFTER, m.end)):
        other = by_end.get(m.start - 1)  # (甲至二道白河镇: a longer name, not 二道 + 白河镇)
    if other is None and text[m.end:m.end + 1] in _ROUTE_TO:
        other = by_start.get(m.end + 1)
    if other is None or not other.candidates or other.candidates[0] not in gaz.places:
        return ()
    home = _province(other.candidates[0], gaz)
    got = tuple(k for k in m.candidates if _province(k, gaz) == home and k != other.candidates[0])
    return got if len(got) == 1 else ()


def _with(m: "Mention", cands: tuple[str, ...], gaz: "Gazetteer") -> "Mention":
    m.candidates = cands
    m.kind = gaz.places[cands[0]].kind
    return m
