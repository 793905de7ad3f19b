"""A suffix word used as a common noun at the end of a clause of prose: 交通改善让园区,
力争三年内园区, 把生产环节放到合作园, 跟坐地铁, 驾车驶上大桥, 到伽师下线 — not names of parks or lines.

A park's or line's name is made of places, nouns, industry words (制造, 创新) and brand
words; a preposition, conjunction, pronoun, particle, count of time (三年), light verb (让, 坐, 乘) or verb
of moving somewhere (放到, 运抵) before the suffix means the reader ran
leftwards into a sentence. Words that end in 线 without naming a line (下线,
生产线) are data (``not_line_words`` in ``data/name_rules.json``).
"""
from __future__ import annotations

import re
from functools import lru_cache

from .gazetteer import load
from .postag import pos_tags
from .resources import read_json

_PROSE_POS = frozenset({"p", "c", "r", "uj", "ul", "uz", "ug", "uv"})
_PROSE_VERBS = frozenset("让使坐乘搭用到在往去把被给跟")
_NEGATIONS = frozenset("不未没无")
# suffixes that are also everyday nouns for a park or a line, read with care
_GENERIC = frozenset({"园区", "合作园", "合作园区", "共建园区", "产业园", "产业园区", "地铁", "城际",
                      "通道", "工厂", "铁路", "高铁", "大桥", "高速", "公路"})


@lru_cache(maxsize=1)
def _not_line_words() -> tuple[str, ...]:
    return tuple(read_json("name_rules.json")["not_line_words"])


@lru_cache(maxsize=1)
def _not_port_words() -> tuple[str, ...]:
    return tuple(read_json("name_rules.json")["not_port_words"])


@lru_cache(maxsize=1)
def _not_station_words() -> tuple[str, ...]:
    return tuple(read_json("name_rules.json")["not_station_words"])


_COUNT_OF_KINDS = re.compile(r"^[一二三四五六七八九十两几]+大")
# 一站多点, 三轴五片区, 一区多园: counts of things in turn make a slogan, not a name
_SLOGAN = re.compile(r"^[一二三四五六七八九十两几多百千万][^一二三四五六七八九十两几多百千万]"
                     r"[一二三四五六七八九十两几多百千万]")


# 县县通高速, “村村通”公路: a unit word twice, then 通 — every one of them is reached
_EVERY_REACHED = re.compile(r"^[“「\"]?([\u4e00-\u9fff])\1通")


def _opens_with_place(name: str) -> bool:
    return any(name[:k] in load().surfaces for k in range(2, 6))


_ROUTE_TO = ("至",)  # (从A到B高铁只需…: 到 there tells a trip)


def _in_place_words(tags, places) -> list[bool]:
    """For each tagged word: does it lie inside a place's name of two or three characters
    that the tagger split (兴|和 of 兴和, 和|政智 of 和政)?"""
    text = "".join(w for w, _ in tags)
    spans = [(a, a + n) for a in range(len(text)) for n in (2, 3)
             if a + n <= len(text) and text[a:a + n] in places]
    out, at = [], 0
    for w, _ in tags:
        out.append(len(w) < 3 and any(a <= at and at + len(w) <= b and (a, b) != (at, at + len(w))
                                      for a, b in spans))
        at += len(w)
    return out


@lru_cache(maxsize=65536)
def prose_name(name: str, suffix: str) -> bool:
    """Is ``name`` (ending with ``suffix``) prose ending in a generic noun?"""
    if suffix == "线" and name.endswith(_not_line_words()):
        return True
    if suffix == "站" and name.endswith(_not_station_words()):
        return True  # 在某市设站, 在某县停站: a verb, not a station's name
    if suffix == "港" and name.endswith(_not_port_words()):
        return True  # 某市临港: an area by a port, not a port's name
    if _COUNT_OF_KINDS.match(name) and not any(name[:k] in load().surfaces for k in range(3, 6)):
        return True  # 等五大价值创新园: a count of kinds of parks (not 五大连池…)
    if _SLOGAN.match(name) and not _opens_with_place(name):
        return True  # (十堰三号隧道: a place that starts with a numeral)
    if _EVERY_REACHED.match(name):
        return True  # 县县通高速, 村村通公路: every county or village reached, a slogan
    if suffix not in _GENERIC:
        return False
    prefix = name[: -len(suffix)]
    closed = max(prefix.rfind(c) for c in "”\"」")
    if closed >= 0 and closed + 1 < len(prefix):
        tags = pos_tags(prefix[closed + 1:])
        if tags and tags[0][1] == "v":
            return True  # 昔日“某某”变身产业园: a quote, then a verb
    if not prefix or any(c in prefix for c in "“”\"「」()（）·"):
        return False  # a quoted or bracketed name is meant as one
    tags = pos_tags(prefix)
    # 沪通, 沪苏通: one character after a place's short form is one more initial, not 通 "via"
    initial = [len(w) == 1 and k > 0 and tags[k - 1][1] == "j" for k, (w, _) in enumerate(tags)]
    # 南宁至百色高铁: 至 between two places is the route's own word, not prose
    places = load().surfaces
    between = [w in _ROUTE_TO and 0 < k < len(tags) - 1 and tags[k - 1][0] in places
               and tags[k + 1][0] in places for k, (w, _) in enumerate(tags)]
    placed = _in_place_words(tags, places)  # 兴|和 of 兴和产业园: a place the tagger split
    return any(not initial[k] and not between[k] and not placed[k] and (flag in _PROSE_POS or (flag in ("a", "d", "v") and word[0] in _NEGATIONS) or (
        flag == "v" and (word in _PROSE_VERBS or (
        len(word) == 2 and word[-1] in "到在进入抵至上"))) or (flag == "m" and word[-1] in "年月天日个批"))
        for k, (word, flag) in enumerate(tags))  # (合六: a numeral that is a place's initial)
