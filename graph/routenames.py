"""Names of lines and stations written right after a route word.

A railway's course is told as 西起A站，经B站、C站，止于D站; a road is introduced as
（以下简称E高速）; an opening as 标志着F高铁开通. Read leftwards from the suffix, such a name
swallows the route word (经B站, 西起A站). The words are data (``route_lead`` in
``data/name_rules.json``).
"""
from __future__ import annotations

import re
from functools import lru_cache

from .postag import pos_tags
from .resources import read_csv, read_json


@lru_cache(maxsize=1)
def _lead() -> re.Pattern:
    words = sorted(read_json("name_rules.json")["route_lead"], key=len, reverse=True)
    # 向东经…, 一路向南到达…: a direction may stand before the route word
    return re.compile(r"(?:(?:一路)?向[东南西北]{1,2})?(?:" + "|".join(map(re.escape, words)) + ")")


_LINE_WORDS = ("城际铁路", "高速铁路", "高速公路", "铁路", "高铁", "城际", "高速", "公路", "线路", "线")


def _via_inside(name: str, suffix: str, place_spans: list[tuple[int, int]]) -> int:
    """Where a name starts after a word 经 standing alone inside it (家具经B港: the goods
    go via B), 0 if none; 经 of a word (经济, 经开) is part of the name, and after a place
    (甲关口经乙大桥) the reader of routes decides."""
    at = 0
    if "经" not in name[:-len(suffix)]:
        return 0  # (no 经 to stand alone: the name is not tagged)
    for word, _ in pos_tags(name[:-len(suffix)]):
        # (货物经宿|淮铁路: the tagger may run 经 into the line's first character)
        via = word == "经" or (at >= 1 and word[0] == "经" and word not in _via_kept())
        end = at + 1 if via else at + len(word)
        if via and len(name) - end >= len(suffix) + 2 and not any(s < end for s, _ in place_spans):
            return end
        at += len(word)
    return 0


@lru_cache(maxsize=1)
def _via_kept() -> frozenset[str]:
    """Words opening with 经 that belong to a name (``via_words_kept``)."""
    return frozenset(read_json("name_rules.json")["via_words_kept"])


def kept_via_word(word: str) -> bool:
    """经济, 经开 …: a word opening with 经 that belongs to a name."""
    return word in _via_kept()


@lru_cache(maxsize=1)
def _clause_words() -> re.Pattern:
    words = sorted(read_json("name_rules.json")["clause_words"], key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


def clause_inside(name: str, suffix: str) -> int:
    """Where a line's, bridge's or station's name starts after a clause the reader ran into
    (天津直达|某某机场, 逾万辆私家车获批经|大桥, 算不上|城际通道): after the last verb of
    reaching, of being allowed or of denying, or hearsay word, inside it (``clause_words``
    in ``data/name_rules.json``); 0 if none."""
    return max((m.end() for m in _clause_words().finditer(name[:-len(suffix)])), default=0)


def directional_station(word: str) -> bool:
    """东站, 西站: a common word, but after a place the name of that place's station."""
    return len(word) == 2 and word[0] in "东南西北" and word[1] == "站"


def route_word_inside(name: str, place_spans: list[tuple[int, int]]) -> int:
    """Where a zone's name starts after a two-character (or longer) route word inside it
    that a place's name follows (大桥北起|某台商投资区: the bridge's course, then the
    zone), 0 if none."""
    cut = 0
    for s, _ in place_spans:
        if s >= 2 and not any(a < s < b for a, b in place_spans):
            m = _lead_before().search(name, 0, s)
            if m and m.end() == s:
                cut = max(cut, s)
    return cut


@lru_cache(maxsize=1)
def _lead_before() -> re.Pattern:
    words = sorted((w for w in read_json("name_rules.json")["route_lead"] if len(w) >= 2),
                   key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, words)) + ")$")


def strip_route_lead(name: str, suffix: str, place_spans: list[tuple[int, int]]) -> int:
    """How many leading characters of ``name`` (a line or station ending with ``suffix``)
    are a route word, 0 if none. ``place_spans``: places found inside ``name`` (offsets in
    ``name``); a place that starts at 0 and runs past the word keeps it (东至县站). A
    station named after a line word (A铁路自B站) starts after it."""
    cut = _via_inside(name, suffix, place_spans)  # 家具经|盐田港: the goods, then the port
    if suffix == "站":
        body = name[:-1]
        at = max((body.rfind(w) + len(w) for w in _LINE_WORDS if w in body), default=0)
        if at and len(name) - at >= 3 and not any(s < at < e for s, e in place_spans):
            cut = at
    while True:
        m = _lead().match(name, cut)
        if not m or len(name) - m.end() < len(suffix) + 2:
            return cut
        if any(s < m.end() < e for s, e in place_spans):
            return cut  # the word is the start of a place name
        cut = m.end()


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, frozenset[str]]:
    """Full place name → the one-character forms line names use for it (京 for 北京市,
    甬 for 宁波市), from ``data/region_abbrev.csv`` and ``data/line_abbrev.csv``."""
    out: dict[str, set[str]] = {}
    for table in ("region_abbrev.csv", "line_abbrev.csv"):
        for r in read_csv(table):
            out.setdefault(r["name"], set()).add(r["abbr"])
    return {k: frozenset(v) for k, v in out.items()}


def _initials_of(place: str) -> set[str]:
    """The characters a line's name may use for ``place`` as written (北京 → 北, 京)."""
    out = {place[:1]}
    for name, abbrs in _abbreviations().items():
        if name.startswith(place):
            out |= abbrs
    return out


def named_by_ends(text: str, k: int, head: str, gaz_ends: dict[int, int]) -> bool:
    """甲至乙的甲乙高铁 (or 乙甲高铁): is ``head`` (the name before its line word, right after
    the 的 at ``k``) made of the initials of the two places joined by 至/到 that end at ``k``? Then
    the phrase before 的 tells the line's ends and the name starts after it (甲至乙的直飞
    航线 names no line of its own)."""
    b = gaz_ends.get(k)
    if b is None or b < 2 or text[b - 1] not in "至到" or (b - 1) not in gaz_ends:
        return False
    a = gaz_ends[b - 1]
    first, last = _initials_of(text[a:b - 1]), _initials_of(text[b:k])
    # (乙至甲的甲乙高铁: the line's name may give the ends in the other order)
    return 2 <= len(head) <= 4 and ((head[0] in first and head[-1] in last) or
                                    (head[0] in last and head[-1] in first))


#: what a line's short form written by its ends' initials may end with (成资S3线, 宁马城际)
_SHORT_LINE_ENDS = ("线", "城际", "铁路", "高铁", "高速", "轻轨", "快线", "快轨")


def short_by_ends(short: str, ends: list[str]) -> bool:
    """南京至滁州城际铁路（宁滁城际）: is ``short`` the line's name again, written with the
    initials (or the forms line names use) of its first two ends, in order, and a line word?"""
    return len(ends) >= 2 and len(short) >= 3 and short.endswith(_SHORT_LINE_ENDS) and \
        short[0] in _initials_of(ends[0]) and short[1] in _initials_of(ends[1])

