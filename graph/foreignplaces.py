"""Foreign cities, found only where the wording says a place is meant.

The cities of ``data/foreign_places.csv`` (where lines and trade routes from China run to)
are places of the gazetteer without a surface in its automaton: common words share some of
their names (边海防, 万象更新, 吃汉堡). Two forms of news prose name one safely:

* **its country right before it** (发往德国某城, 越南某港): the mention spans both and
  stands for the city;
* **an end of a line or route**: right after a joiner (甲至乙, 甲—乙—丙) or a verb of going
  (开往, 直达), or right before a joiner after the opening of a route (从乙至甲).

A city's name inside a country's (罗马 in 罗马尼亚) is no mention of it. Countries are not
entities here: they only lead a city.
"""
from __future__ import annotations

import re
from functools import lru_cache

import ahocorasick_rs

from .gazetteer import Gazetteer, load
from .resources import alternation, read_json

_JOINS = frozenset("至到—–-－~～")
_OPENS = frozenset("从由自经往，,、（(“「")
_SURROGATE = re.compile("[\ud800-\udfff]")


@lru_cache(maxsize=1)
def _automaton() -> tuple[ahocorasick_rs.AhoCorasick, list[str], re.Pattern]:
    """Country and city names, longest match first (罗马尼亚 is no 罗马), and the verbs of
    going that may end right before a city."""
    gaz = load()
    words = sorted(set(gaz.foreign) | set(gaz.countries))
    going = read_json("name_rules.json").get("foreign_going_verbs", [])
    return (ahocorasick_rs.AhoCorasick(words, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest),
            words, re.compile(f"(?:{alternation(going) or '(?!)'})$"))


def foreign_places(text: str, gaz: Gazetteer | None = None) -> list[tuple[int, int, str]]:
    """(start, end, place key) of each foreign city ``text`` names, in order; a span led by
    its country covers the country too."""
    gaz = gaz or load()
    if not gaz.foreign:
        return []
    auto, words, going = _automaton()
    out = []
    country: tuple[int, int] = (-1, -1)  # the last country's span
    try:
        found = auto.find_matches_as_indexes(text)
    except UnicodeEncodeError:  # a lone surrogate: no name has one, so one for another
        found = auto.find_matches_as_indexes(_SURROGATE.sub("\ufffd", text))
    for i, s, e in found:
        word = words[i]
        if word in gaz.countries:
            country = (s, e)
        elif country[1] == s:
            out.append((country[0], e, gaz.foreign[word]))
        elif _route_end(text, s, e, going):
            out.append((s, e, gaz.foreign[word]))
    return out


def _route_end(text: str, s: int, e: int, going: re.Pattern) -> bool:
    before = text[s - 1] if s > 0 else ""
    after = text[e] if e < len(text) else ""
    if before in _JOINS or going.search(text, max(0, s - 4), s):
        return True
    return after in _JOINS and (before == "" or before in _OPENS)
