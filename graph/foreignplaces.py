"""Foreign cities, found only where the wording says a place is meant.

The cities of ``data/foreign_places.csv`` (where lines and trade routes from China run to)
are places of the gazetteer without a surface in its automaton: common words share some of
their names (边海防, 万象更新, 吃汉堡). Two forms of news prose name one safely:

* **its country right before it** (发往德国某城, 越南某港): the mention spans both and
  stands for the city;
* **an end of a line or route**: right after a joiner (甲至乙, 甲—乙—丙) or a verb of going
  (开往, 直达), or right before a joiner after the opening of a route (从乙至甲).

A city's name inside a country's (罗马 in 罗马尼亚) is no mention of it; a city right after
its country and 的 or 首都 (某国的某城, 某国首都某城) is named like one right after it, and
so is a city right after the division it lies in (某国某州首府某城: both are named).
A country is named as a place (a Region) where it is a word of its own in jieba's
segmentation (越南 in 跨越南北, 蒙古 in 内蒙古 are not): a market (某国市场), a neighbour,
a destination. It is not where it only qualifies what follows: its bodies or people
(某国、某国等海外商会, 某国企业: ``foreign_qualified_heads`` of name_rules.json) or a
division or city of it (某国某州, 某国的某城: that place is meant). After a verb of going
(``foreign_country_verbs``: 前往某国设厂, 赴某国投资) it is always named, and so are the
countries listed right after it (前往甲国、乙国), or where a count of countries closes a list
of them (甲国与乙国两国).
"""
from __future__ import annotations

import re
from functools import lru_cache

import ahocorasick_rs

from .chars import without_surrogates
from .gazetteer import Gazetteer, load
from .postag import pos_tags
from .resources import alternation, read_json

_JOINS = frozenset("至到—–-－~～")
_OPENS = frozenset("从由自经往，,、（(“「")


@lru_cache(maxsize=1)
def _automaton() -> tuple[ahocorasick_rs.AhoCorasick, list[str], re.Pattern, re.Pattern,
                         re.Pattern]:
    """Country and city names, longest match first (罗马尼亚 is no 罗马), the verbs of
    going that may end right before a city, those that make a country a destination, and
    what, after a country's name, makes it qualify something else (its bodies, its parts)."""
    gaz = load()
    words = sorted(set(gaz.foreign) | set(gaz.countries))
    rules = read_json("name_rules.json")
    going = rules.get("foreign_going_verbs", [])
    to_country = rules.get("foreign_country_verbs", [])
    heads = alternation(rules.get("foreign_qualified_heads", [])) or "(?!)"
    qualifies = re.compile(  # 某国、某国等海外商会; 某国某州; 某国首都
        "(?:[、和与及][\u4e00-\u9fff]{2,6}?)*?等?[\u4e00-\u9fff]{0,4}?(?:" + heads + ")"
        "|[\u4e00-\u9fff]{0,8}?(?:州|省|邦|首都|首府)")
    return (ahocorasick_rs.AhoCorasick(words, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest),
            words, re.compile(f"(?:{alternation(going) or '(?!)'})$"),
            re.compile(f"(?:{alternation(to_country) or '(?!)'})$"), qualifies)


_LISTED = frozenset("、和及与")
_LEADS = ("的", "首都", "首府", "的首都", "的首府")  # between a country and its city
_AROUND = 6  # characters segmented on each side of a country's name (:func:`_a_word`)
_COUNTED = re.compile("[两三四五六七八九]国")


def foreign_places(text: str, gaz: Gazetteer | None = None) -> list[tuple[int, int, str]]:
    """(start, end, place key) of each foreign city or country ``text`` names, in order; a
    city's span led by its country covers the country too."""
    gaz = gaz or load()
    if not gaz.foreign:
        return []
    auto, words, going, to_country, qualifies = _automaton()
    countries = set(gaz.countries.values())  # the countries' place keys
    out: list[tuple[int, int, str]] = []
    listed: list[tuple[int, int, str]] = []  # countries joined by 、/与 so far, not named yet
    try:
        found = auto.find_matches_as_indexes(text)
    except UnicodeEncodeError:  # a lone surrogate: no name has one, so one for another
        found = auto.find_matches_as_indexes(without_surrogates(text))
    for i, s, e in found:
        word = words[i]
        if word in gaz.countries:
            item = (s, e, gaz.countries[word])
            prev = out[-1] if out else None
            if to_country.search(text, max(0, s - 4), s) or (
                    prev and prev[1] == s - 1 and text[s - 1] in _LISTED
                    and prev[2] in countries) or (
                    _a_word(text, s, e) and not qualifies.match(text, e)) or (
                    _city_after(auto, words, gaz, text, e)):
                out.append(item)  # 前往甲国, 前往甲国、乙国
                listed = []
                continue
            listed = listed + [item] if listed and listed[-1][1] == s - 1 and \
                text[s - 1] in _LISTED else [item]
            if _COUNTED.match(text, e) and len(listed) >= 2:
                out += listed  # 甲国与乙国两国
                listed = []
        elif listed and listed[-1][1] == s:
            if out and out[-1] == listed[-1]:
                out.pop()
            out.append((listed[-1][0], e, gaz.foreign[word]))
        elif out and out[-1][2] in countries and (
                out[-1][1] == s or text[out[-1][1]:s] in _LEADS):
            country = out.pop()  # 发往某国|某城: the city, led by its country
            out.append((country[0], e, gaz.foreign[word]))
        elif out and out[-1][2] == gaz.places[gaz.foreign[word]].parent and (
                out[-1][1] == s or text[out[-1][1]:s] in _LEADS):
            out.append((s, e, gaz.foreign[word]))  # 某国某州(首府)某城: the division, then its city
        elif _route_end(text, s, e, going):
            out.append((s, e, gaz.foreign[word]))
    return out


def _a_word(text: str, s: int, e: int) -> bool:
    """Whether the country name ``text[s:e]`` is a word of its own in jieba's segmentation
    of the words around it (越南 in 跨越南北, 蒙古 in 内蒙古, 英国 in 精英国际 are not).
    A country's name that is a word names the country; a city's name is never tested
    this way (海防, 万象 are common words too)."""
    lo = max(0, s - _AROUND)
    pos, cuts = lo, set()
    for word, _ in pos_tags(text[lo:e + _AROUND]):
        cuts.add(pos)
        pos += len(word)
    return s in cuts and (e in cuts or e == pos)


def _city_after(auto, words: list[str], gaz: Gazetteer, text: str, e: int) -> bool:
    """Whether a foreign city's name follows the country's name ending at ``e``, right
    after it or after 的 or 首都 (某国某城, 某国的某城, 某国首都某城): the city is meant."""
    lead = max((w for w in _LEADS if text.startswith(w, e)), key=len, default="")
    at = e + len(lead)
    return any(s == 0 and words[i] in gaz.foreign
               for i, s, _ in auto.find_matches_as_indexes(text[at:at + 12]))


def _route_end(text: str, s: int, e: int, going: re.Pattern) -> bool:
    before = text[s - 1] if s > 0 else ""
    after = text[e] if e < len(text) else ""
    if before in _JOINS or going.search(text, max(0, s - 4), s):
        return True
    return after in _JOINS and (before == "" or before in _OPENS)
