"""Find entity mentions in (Simplified, width-folded) text.

Three sources, merged longest-first:

1. **Gazetteer** names, short forms and aliases (Aho-Corasick over ~6,500 surfaces);
2. **Suffix patterns** (``data/entity_suffixes.csv``): a name is the run of characters before
   a suffix such as 产业园/有限公司/大桥/实验室, bounded on the left by punctuation or a
   stop word (``data/name_rules.json``), and kept only if what precedes the suffix is not
   made of generic words alone (生物医药产业园 is not a name; 南湖区生物医药产业园 is);
3. **Lists**: items of an enumeration (A、B、C等…) share the category of a recognised item
   (华岭电器、蓝川新动力、… → all enterprises).

Mentions carry no identity yet; :mod:`graph.linking` resolves them to entities.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterator, Sequence

import ahocorasick
import ahocorasick_rs

from .chars import without_surrogates
from .firmnames import (branch_suffixes, drop_listed_fields, fields_follow, industry_words, names_trade,
                        join_branches, paired_firms)
from .foreignplaces import foreign_places
from .gazetteer import Gazetteer, load
from .placelists import vouched_places
from .postag import dictionary_prefixes, iter_tags, pos_tags, word_freq
from .prosenames import prose_name
from .resources import alternation, read_csv, read_json, read_text
from .routenames import (clause_inside, directional_station, kept_via_word, named_by_ends, route_word_inside,
                         strip_route_lead)
from .subareas import bracketed_parts, subarea_mentions
from .townships import NOT_TOWN_FIRST as _NOT_TOWN_FIRST, township_mentions
from .zoneparks import zone_park_mentions

CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_COUNT_CHARS = re.compile(r"[\d.第几数十百千万多余个座家栋条所批项类台名层号期年两一二三四五六七八九]")
_JOINERS = re.compile(r"[-—–－+＋]")
SENT_PUNCT = set("。！？!?；;，,、：:\n\r\t （）()【】[]《》<>…“”\"'‘’「」")


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    category: str
    kind: str
    how: str  # gaz | suffix | list
    candidates: tuple[str, ...] = ()  # gazetteer place keys (gaz mentions)
    surface_how: str = ""  # name | stem | alias (gaz mentions)
    suffix: str = ""
    inner: list["Mention"] = field(default_factory=list)  # gazetteer mentions inside a name


class _SpanIndex:
    """Mentions sorted by start, so a stage looks only at those near a position (bisect)
    instead of rescanning the whole document's list for every candidate."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        starts = [m.start for m in mentions]
        self._longest = max((m.end - m.start for m in mentions), default=0)
        # a list given in order of position (the usual case) needs no reordering
        self._in_order = all(map(int.__le__, starts, starts[1:]))
        if self._in_order:
            self._items: list[tuple[int, Mention]] = []  # (read only when out of order)
            self._starts, self._sorted = starts, list(mentions)
            return
        self._items = sorted(enumerate(mentions), key=lambda x: (x[1].start, x[0]))
        self._starts = [m.start for _, m in self._items]
        self._sorted = [m for _, m in self._items]

    def starting_in(self, lo: int, hi: int) -> list[Mention]:
        """Mentions with ``lo <= start < hi``, in the order of the original list."""
        a, b = bisect_left(self._starts, lo), bisect_left(self._starts, hi)
        if self._in_order:
            return self._sorted[a:b]
        return [m for _, m in sorted(self._items[a:b], key=lambda x: x[0])]

    def within(self, lo: int, hi: int) -> list[Mention]:
        """Mentions inside ``[lo, hi)``, in the order of the original list."""
        return [m for m in self.starting_in(lo, hi) if m.end <= hi]

    def near(self, lo: int, hi: int) -> list[Mention]:
        """Every mention that may overlap or touch ``[lo, hi]`` (and a few more)."""
        return self.starting_in(lo - self._longest, hi + 1)


@dataclass(frozen=True)
class SuffixRule:
    suffix: str
    category: str
    kind: str
    min_prefix: int
    max_prefix: int
    needs_place: bool
    weak: bool = False  # the suffix is also a common word: the prefix must look proper
    not_before: str = ""  # characters that, right after the suffix, undo it (大学|生)


@lru_cache(maxsize=1)
def suffix_rules() -> dict[str, SuffixRule]:
    rules = {}
    for r in read_csv("entity_suffixes.csv"):
        rules[r["suffix"]] = SuffixRule(r["suffix"], r["category"], r["kind"],
                                        int(r["min_prefix"]), int(r["max_prefix"]),
                                        r["needs_place"] == "1", r["weak"] == "1",
                                        r["not_before"])
    return rules


@lru_cache(maxsize=1)
def name_rules() -> dict:
    raw = read_json("name_rules.json")
    return {
        "stop_words": sorted(set(raw["stop_words"]), key=len, reverse=True),
        "stop_after_place": frozenset(raw["stop_after_place"]),
        "park_part_of": frozenset(raw["park_part_of"]),
        "zone_part_names": frozenset(raw["zone_part_names"]),
        "inner_punct": set(raw["allowed_inner_punct"]),
        "generic": sorted(set(raw["generic_words"]), key=len, reverse=True),
        "blocked": set(raw["blocked_names"]),
        "blocked_endings": tuple(raw.get("blocked_endings", ())),
        "bracketed_only": frozenset(raw.get("bracketed_only", ())),
        "level_words": tuple(raw.get("level_words", ())),
        "leading_trim": sorted(set(raw["leading_trim"]), key=len, reverse=True),
        "trim_before_place": sorted(set(raw.get("leading_trim_before_place", ())), key=len,
                                    reverse=True),
        "legal_suffixes": set(raw.get("legal_suffixes", ())),
        "blocked_parts": tuple(raw.get("blocked_parts", ())),
        "description_parts": tuple(raw.get("description_parts", ())),
        "research_centres": raw["research_centres"],
        "legal_inner": set(raw.get("legal_inner_words", ())),
        "legal_verbs": set(raw.get("legal_inner_verbs", ())),
        "legal_heads": set(raw.get("legal_heads", ())) | set(raw.get("legal_inner_words", ())),
        "brand_stops": sorted(set(raw.get("brand_stop_words", ())), key=len, reverse=True),
        "place_sites": frozenset(raw.get("place_site_words", ())),
        "built_sites": frozenset(raw.get("built_site_words", ())),
        "build_verbs": tuple(raw.get("build_verbs", ())),
        "quoted_place_sites": frozenset(raw.get("quoted_place_site_words", ())),
        "firm_units": frozenset(raw.get("firm_unit_words", ())),
        "after_place_only": frozenset(raw.get("after_place_only", ())),
        "media": sorted(set(raw.get("media_after_place", ())), key=len, reverse=True),
        "name_phrases": tuple(raw.get("name_phrases", ())),
        "zone_heads": frozenset(raw.get("zone_heads", ())),
        "zone_titles": tuple(sorted(raw.get("zone_titles", ()), key=len, reverse=True)),
        "bodies_after": tuple(raw.get("bodies_after_park", ())),
        "zone_head_suffixes": frozenset(raw.get("zone_head_suffixes", ())),
        "sited_cues": tuple(raw.get("sited_cues", ())),
        "sited_words": tuple(raw.get("sited_words", ())),
        "addressed_sites": frozenset(raw.get("addressed_sites", ())),
        "addressed_site_kinds": tuple(sorted(raw.get("addressed_site_kinds", ()), key=len, reverse=True)),
        "count_words": sorted(set(raw.get("count_words", ())), key=len, reverse=True),
        "town_cues": tuple(raw.get("town_cues", ())),
        "town_not_first": frozenset(raw.get("town_not_first", ())),
        "ethnic_town": re.compile(f"([\u4e00-\u9fff]{{2,3}}?)(?:(?:{alternation(raw['ethnic_groups'])})族)+"),
        "counted_facilities": tuple(raw.get("counted_facilities", ())),
        "nickname_before": tuple(raw.get("nickname_before", ())),
        "nickname_after": tuple(raw.get("nickname_after", ())),
        "quote_led": frozenset(raw.get("quote_led", ())),
    }


@lru_cache(maxsize=1)
def _gaz_automaton() -> tuple[ahocorasick_rs.AhoCorasick, list[tuple]]:
    """An automaton of every gazetteer surface, and by its pattern index (surface, how,
    candidate keys, kind of the first). (ahocorasick_rs: with thousands of surfaces,
    pyahocorasick's per-character search was the larger part of this stage.)"""
    gaz = load()
    words, values = [], []
    for surface, entries in gaz.surfaces.items():
        hows = {h for _, h in entries}
        how = "name" if "name" in hows else ("alias" if "alias" in hows else "stem")
        keys = tuple(k for k, h in entries if h == how)
        if how == "alias":  # (大埔: Hong Kong's district, or 大埔县's short form: context decides)
            keys += tuple(k for k, h in entries if h == "stem" and k not in keys)
        words.append(surface)
        values.append((surface, how, keys, gaz.places[keys[0]].kind))
    return ahocorasick_rs.AhoCorasick(words), values


@lru_cache(maxsize=1)
def _suffix_automaton() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for suffix in suffix_rules():
        auto.add_word(suffix, suffix)
    auto.make_automaton()
    return auto


def _longest_non_overlapping(spans: list[tuple[int, int, object]]) -> list[tuple[int, int, object]]:
    """Greedy: longest first, then leftmost; deterministic."""
    chosen: list[tuple[int, int, object]] = []
    taken = bytearray(max((e for _, e, _ in spans), default=0) + 1)
    for s, e, obj in sorted(spans, key=lambda x: (-(x[1] - x[0]), x[0])):
        if not any(taken[s:e]):
            chosen.append((s, e, obj))
            if e > s:
                taken[s:e] = b"\x01" * (e - s)
    return sorted(chosen, key=lambda x: x[0])


@lru_cache(maxsize=1)
def common_stems() -> frozenset[str]:
    lines = read_text("common_stems.txt").splitlines()
    return frozenset(x.strip() for x in lines if x.strip() and not x.startswith("#"))


def _raw_gazetteer_matches(text: str, gaz: Gazetteer) -> list[Mention]:
    """Every gazetteer match, overlapping ones included (resolved after gating); what a
    surface stands for is read once, when the automaton is made (of ``load()``)."""
    auto, values = _gaz_automaton()
    try:
        found = auto.find_matches_as_indexes(text, overlapping=True)
    except UnicodeEncodeError:  # a lone surrogate: no surface has one, so one for another
        found = auto.find_matches_as_indexes(without_surrogates(text), overlapping=True)
    found.sort(key=lambda x: (x[2], x[1]))  # by end, the longest first (as a trie walk)
    out = []
    for i, start, end in found:
        surface, how, keys, kind = values[i]
        out.append(Mention(start, end, surface, "Region", kind, "gaz", keys, how))
    return out


def _inside_names(names: list[tuple[int, int]]):
    """A test of whether a span lies inside one of ``names`` (spans) longer than itself, in
    log time: the furthest end among the names that start before the span (one starts
    earlier and ends at or after it), and among those that start with it."""
    names = sorted(names)
    starts = [s for s, _ in names]
    reach, furthest = [], -1
    for _, e in names:
        furthest = max(furthest, e)
        reach.append(furthest)
    same_start: dict[int, int] = {}
    for s, e in names:
        same_start[s] = max(same_start.get(s, -1), e)

    def inside(start: int, end: int) -> bool:
        k = bisect_left(starts, start)  # names starting strictly before ``start``
        return (k > 0 and reach[k - 1] >= end) or same_start.get(start, -1) > end
    return inside


def gazetteer_mentions(text: str, gaz: Gazetteer | None = None) -> list[Mention]:
    """Gazetteer matches in a whole document, gated by the document's own context.

    Full names and aliases are always kept. A short form (金湾 for 金湾区) is kept when its
    full name occurs in the document, or when it names a province or city, or when the
    province/city containing it is mentioned — except short forms that are also common
    words (``data/common_stems.txt``: 合作, 资源, 光明 …), which need the full name.
    Candidates of an ambiguous name are narrowed to those the context supports.
    """
    gaz = gaz or load()
    raw = [m for m in _raw_gazetteer_matches(text, gaz)
           if not _bank_of_water(text, m) and not _water_name(text, m)
           and not _swallowed(text, m) and not _zone_part(text, m) and not _head_or_here(text, m)
           and not _corps_lead(text, m)]
    common = common_stems()
    counts: dict[str, int] = {}
    for m in raw:
        counts[m.text] = counts.get(m.text, 0) + 1
    # unambiguous full names and aliases first; they set the context
    sure = {m.candidates[0] for m in raw  # (a common word, 东区 or 城区, vouches for nothing)
            if m.surface_how in ("name", "alias") and len(m.candidates) == 1 and m.text not in common}
    context = set(sure)
    for k in sure:
        context.update(gaz.ancestors(k))
    for m in raw:  # province-level short forms (广东, 广西, 香港) are safe
        if m.surface_how == "stem" and m.text not in common:
            context.update(k for k in m.candidates if gaz.places[k].level == 0)
    major = set(gaz.abbrev.values())
    for m in raw:  # then cities written short (茂名, 佛山) that the article supports
        if m.surface_how == "stem" and m.text not in common:
            for k in m.candidates:
                if gaz.places[k].level == 1 and _supported(gaz.places[k], gaz, context, major,
                                                           counts[m.text], _slot(text, m)):
                    context.add(k)
    # places the article itself names (not merely contains): anchors for districts
    mentioned = set(sure) | {k for m in raw if m.surface_how == "stem" and m.text not in common
                             for k in m.candidates if k in context and gaz.places[k].level <= 1}
    full = set(sure)
    named = Counter(m.candidates[0] for m in raw if m.surface_how == "name" and len(m.candidates) == 1)
    for m in raw:
        if m.surface_how in ("name", "alias") and len(m.candidates) > 1:
            full.update(_narrow(m.candidates, context, gaz))
    titles = name_rules()["zone_titles"]
    opening = {id(m): m.candidates[0] for m in raw  # 某某经济技术开发区: a zone named after the place
               if m.surface_how == "stem" and len(m.candidates) == 1 and m.text not in common
               and text.startswith(titles, m.end)}
    before_zones = set(full)  # (the zone's own first word is read as before)
    full.update(opening.values())
    def stem_places(m: Mention, slot: bool, known: set[str]) -> tuple[str, ...]:
        """The places of short form ``m`` the article names in full (``known``) or supports."""
        return tuple(k for k in m.candidates if k in known or _supported(
            gaz.places[k], gaz, context, major, counts[m.text], slot,
            len(m.candidates) == 1 and _joined_slot(text, m)))

    out = []
    kept: dict[tuple[str, bool], tuple[str, ...]] = {}  # (stem, in a slot) → its places
    unsaid: set[tuple[int, str]] = set()  # (start, place) of full names dropped mid-word
    ends: dict[int, list[Mention]] | None = None  # raw matches by end (made when first needed)
    known: set[str] = set()  # the places the article names or supports (made with ``ends``)
    for m in raw:
        cands = m.candidates
        if m.surface_how == "stem":
            if m.text in common:
                cands = tuple(k for k in cands if k in full)
                if not cands and len(m.candidates) == 1 and \
                        gaz.places[m.candidates[0]].level <= 1 and _sited(text, m):
                    cands = m.candidates  # 研发留在台中，量产放在某地: a city the wording places
                if not cands:  # a common word right after a place it lies in (某市|石狮): an address
                    if ends is None:
                        ends, known = {}, full | context
                        for x in raw:
                            ends.setdefault(x.end, []).append(x)
                    before = {a for x in ends.get(m.start, ()) for a in x.candidates if a in known}
                    cands = tuple(k for k in m.candidates if before & set(gaz.ancestors(k)))
            else:
                slot = _slot(text, m)
                if id(m) in opening:  # (read as if no zone vouched for it)
                    got = stem_places(m, slot, before_zones)
                else:
                    got = kept.get((m.text, slot))
                    if got is None:
                        got = kept[(m.text, slot)] = stem_places(m, slot, full)
                if not got and len(cands) == 1 and (_sited(text, m) or _unit_slot(text, m)) \
                        and not _town_of_name(text, m.text):
                    got = cands  # 总部在昆山、基地在某地: a county-level city the wording places
                    # (not when the article writes a town of that name: 到平湖 … 某区平湖街道)
                if len(got) == 1 and gaz.places[got[0]].level >= 2 and got[0] not in full \
                        and counts[m.text] == 1 and not slot and _mid_word(text, m.start):
                    got = ()  # 打通川东北: a district's short form written once, inside a word
                cands = got
        elif m.text in common:
            cands = tuple(k for k in cands if gaz.ancestors(k) and gaz.ancestors(k)[0] in context)
        elif gaz.places[cands[0]].level >= 2 and len(cands) == 1 and not _slot_before(text, m) and \
                not any(a in mentioned for a in gaz.ancestors(cands[0])) and \
                counts[m.text] == 1 and _mid_word(text, m.start):
            cands = ()  # 高新北区, 沿海城市与…: a district of a city the article never mentions, mid-word
            unsaid.add((m.start, m.candidates[0]))
        elif len(cands) > 1:
            cands = tuple(k for k in cands if k in full)
        if len(cands) > 1:
            cands = _narrow(cands, context, gaz, named)
        if cands:
            m.candidates = cands
            m.kind = gaz.places[cands[0]].kind
            out.append(m)
    if unsaid:  # (nor is its short form at the same place: 沿|海城 of 沿海城市)
        out = [m for m in out if m.surface_how != "stem"
               or not any((m.start, k) in unsaid for k in m.candidates)]
    kept = {id(m) for m in out}  # 途经甲、乙、丙, 某省乙县人: the wording vouches for these
    vouched = vouched_places(text, [m for m in raw if id(m) not in kept], out, gaz, context, common)
    out += vouched + _vouched_again(raw, kept | {id(m) for m in vouched}, vouched, common, gaz)
    if opening:  # 某某经济技术开发区 where the article reads 某某 as that place elsewhere
        said = {(m.text, m.candidates) for m in out if id(m) not in opening}
        kept = {id(m) for m in out}
        out += [m for m in raw if id(m) in opening and id(m) not in kept
                and (m.text, m.candidates) in said]
    # overlaps: a place whose city the article mentions beats a longer stranger
    # (武清城区 is 武清 + 城区, not 清城区 of Qingyuan)
    anchor = {k for m in out for k in m.candidates if gaz.places[k].level <= 1}

    def strength(m: Mention) -> int:
        p = gaz.places[m.candidates[0]]
        anc = gaz.ancestors(p.key)
        return int(p.level <= 1 or (bool(anc) and anc[0] in anchor))
    # a short form or alias wholly inside a longer full name is part of it (乌市 in 义乌市)
    inside = _inside_names([(m.start, m.end) for m in out if m.surface_how == "name"])
    out = [m for m in out if m.surface_how == "name" or not inside(m.start, m.end)]
    ranked = [(m.start, m.end, m) for m in out]
    clashing = _clashing(ranked)
    # a mention that overlaps no other is kept whatever the order: only the others are ranked
    chosen = [m for _, _, m in ranked if id(m) not in clashing]
    taken: set[int] = set()

    def mid(x) -> bool:  # (其中山东: 中山 starts inside the word 其中; 山东 does not)
        return _mid_word(text, x[0])
    for s, e, m in sorted((x for x in ranked if id(x[2]) in clashing),
                          key=lambda x: (-strength(x[2]), -(x[1] - x[0]), mid(x), x[0])):
        if not taken.intersection(range(s, e)):
            chosen.append(m)
            taken.update(range(s, e))
    return sorted(chosen, key=lambda m: m.start)


def _clashing(ranked: list[tuple[int, int, Mention]]) -> set[int]:
    """ids of the mentions that overlap another one (only these need a tie broken)."""
    out: set[int] = set()
    reach, last = -1, None
    for s, e, m in sorted(ranked, key=lambda x: (x[0], x[1])):
        if s < reach and last is not None:
            out.update((id(m), id(last)))
        if e > reach:
            reach, last = e, m
    return out


def _vouched_again(raw: list[Mention], kept: set[int], vouched: list[Mention],
                   common: frozenset[str], gaz: Gazetteer) -> list[Mention]:
    """某省乙县的企业…把总部留在乙县: a short form the wording vouched for once (its province
    right before it) names that place wherever else the article writes it."""
    said = {m.text: m.candidates for m in vouched if len(m.candidates) == 1 and m.text not in common}
    out = []
    for m in raw:
        if id(m) not in kept and m.surface_how == "stem" and said.get(m.text, ("",))[0] in m.candidates:
            m.candidates = said[m.text]
            m.kind = gaz.places[m.candidates[0]].kind
            out.append(m)
    return out


_WATERS = frozenset("河江湖山海")  # 黄河|北岸, 湘江|西岸, 太行山|东麓: not 河北, 江西, 山东
_SIDES = frozenset("东南西北")
_CLAUSE_OPEN = frozenset("，,、；;：:\n")  # what a clause or list item opens after
_LEVEL_ENDS = frozenset("省市区县旗州盟")  # the last character of a division written in full
_BANKS = frozenset("岸麓畔侧坡")
_SIDE_PAIRS = ("南北", "东西")


_WATER_NAME_ENDS = _WATERS | {"湾"}


def _tagged_word_at(text: str, lo: int, hi: int, k: int) -> tuple[int, str, str] | None:
    """The jieba word of ``text[lo:hi]`` (tagged as :func:`_pos` tags it) that covers
    offset ``k``: (its start in ``text``, the word, its tag); the words after it are not
    computed."""
    pos = lo
    for word, flag in iter_tags(text[lo:hi]):
        if pos + len(word) > k:
            return pos, word, flag
        pos += len(word)
    return None


def _water_name(text: str, m: Mention) -> bool:
    """鄱阳|湖, 嘉陵|江, 杭州|湾, 长|白山: a short form inside one dictionary word that ends
    with a water or mountain word right after it (or with the short form's own last
    character) is part of that water's or mountain's name, not the place (惠州|海关, 南通|海安
    are two words)."""
    if m.surface_how != "stem" or not _water_word_here(text, m):
        return False  # (tagged only when a dictionary word could end so)
    lo, hi = max(0, m.start - 3), min(len(text), m.end + 1)
    got = _tagged_word_at(text, lo, m.end + 3, m.start)
    if got is None:
        return False
    pos, word, _ = got
    stop = pos + len(word)
    if stop == m.end + 1 and word_freq(text[m.end:m.end + 2]) > 0:
        return False  # 龙泉|山海协作: the water word may open the next word as well
    return pos <= m.start and stop in (m.end, m.end + 1) and stop <= hi and \
        len(word) > len(m.text) and text[stop - 1] in _WATER_NAME_ENDS and \
        word_freq(word) > 0 and word not in load().surfaces  # (a word of the dictionary,
    # not one jieba guessed: 柯城|山海协作 is not 柯城山)


def _zone_part(text: str, m: Mention) -> bool:
    """某开发区东区, 某工业园西区: a district named only by a direction (东区 …, see
    ``zone_part_names``) right after a zone's or park's last character is a part of it."""
    return m.text in name_rules()["zone_part_names"] and text[m.start - 1:m.start] in ("区", "园")


def _head_or_here(text: str, m: Mention) -> bool:
    """赵县长, 和县里: a surname or a function word, then 县长/县里 (the county's head, in the
    county) — not a two-character place (赵县, 和县), whose head is written 赵县县长."""
    return len(m.text) == 2 and m.text[-1] in "县市区镇乡" and m.surface_how == "name" \
        and text[m.end:m.end + 1] in ("长", "里")


#: the Xinjiang Production and Construction Corps and one of its divisions, written before
#: the division's city (新疆生产建设兵团第三师图木舒克市)
_CORPS_DIVISION = re.compile(r"(?:生产建设兵团|兵团)第[一二三四五六七八九十]{1,3}师")


def _corps_lead(text: str, m: Mention) -> bool:
    """新疆|生产建设兵团第三师图木舒克市: the province's name opens the Corps division's,
    which the division's city then ends; the place meant is the city, not the province (a
    division named alone, 新疆生产建设兵团第三师, keeps the province that stands for it)."""
    division = _CORPS_DIVISION.match(text, m.end) if m.text.startswith("新疆") else None
    surfaces = load().surfaces
    return division is not None and any(
        text[division.end():division.end() + n] in surfaces for n in range(2, 8))


def _swallowed(text: str, m: Mention) -> bool:
    """出|海口, 热火|朝天: a short form that jieba reads inside one dictionary word which
    starts before it and is not a place name (a word tagged ``ns`` such as 来京 is one) is
    part of that word, not the place. Looked up in the dictionary first; the window around
    the short form is tagged only when such a word could be written there."""
    if m.surface_how != "stem" or not _word_around(text, m):
        return False
    got = _tagged_word_at(text, max(0, m.start - 3), m.end + 3, m.start)
    if got is None:
        return False
    pos, word, flag = got
    return pos < m.start and pos + len(word) >= m.end and \
        not flag.startswith("ns") and word_freq(word) > 0


def _word_around(text: str, m: Mention) -> bool:
    """Is a dictionary word (not a place name) written from up to three characters before
    the short form to its end or up to three characters after it?"""
    lo = max(0, m.start - 3)
    return _word_around_window(text[lo:m.end + 3], m.start - lo, m.end - lo)


@lru_cache(maxsize=65536)
def _word_around_window(window: str, start: int, end: int) -> bool:
    """:func:`_word_around` in the window it reads (a place is often written in the same
    few characters again: half the windows of 200 articles were seen before)."""
    return _word_from_to(window, 0, start, end, len(window))


def _word_from_to(text: str, lo: int, hi: int, least: int, most: int, shortest: int = 1) -> bool:
    """Is a dictionary word (not a place name) of ``shortest`` characters or more written
    from some start in ``lo``…``hi - 1`` to some end in ``least``…``most`` (``most`` ≤
    ``len(text)``)? One trie walk per start lists every word starting there."""
    surfaces = load().surfaces
    for p in range(lo, hi):
        need = max(least - p, shortest)
        try:
            words = dictionary_prefixes(text[p:most])
        except UnicodeEncodeError:  # (a lone surrogate: word by word, as word_freq reads)
            words = (text[p:p + n] for n in range(need, most - p + 1)
                     if word_freq(text[p:p + n]) > 0)
        for word in words:
            if len(word) >= need and word not in surfaces:
                return True
    return False


def _water_word_here(text: str, m: Mention) -> bool:
    """Could :func:`_water_name` say yes: is there a dictionary word (not a place name)
    longer than the short form, starting at most three characters before it and ending
    with it or one character after it, on a water or mountain word? Looked up directly,
    before tagging the window around the short form (which only confirms that jieba
    reads that word there)."""
    surfaces = load().surfaces
    for stop in (m.end, m.end + 1):
        if text[stop - 1:stop] not in _WATER_NAME_ENDS or stop > len(text):
            continue
        for p in range(max(0, m.start - 3), m.start + 1):
            word = text[p:stop]
            if len(word) > len(m.text) and word_freq(word) > 0 and word not in surfaces:
                return True
    return False


#: 顶山—汊河…示范区: two names joined by a dash open the name of what straddles them
_DASHES = frozenset("—–－-")
_DASHED_PAIR = re.compile(r"[\u4e00-\u9fff]{2,4}[—–－][\u4e00-\u9fff]{2,4}")


_OWNER_HOST = re.compile(r"[^（(）)]{2,8}?[（(](?P<host>[^（(）)]{2,8})[)）]")


def _owner_host_name(text: str, start: int, end: int, inner: list[Mention]) -> bool:
    """Does the name from ``start`` to ``end`` open with a place and, in brackets, another
    (甲(乙)招商中心; 乙 maybe a place's short name the article does not resolve)?"""
    m = _OWNER_HOST.match(text, start, end)
    return m is not None and any(g.start == start for g in inner) and (any(
        g.start == m.start("host") and g.end == m.end("host") for g in inner)
        or m.group("host") in load().surfaces)


def _placed(text: str, inner: list[Mention], stop: int) -> bool:
    """Does a name hold a place before ``stop`` (the suffix)? A short form right before a
    water or mountain word is the water's name (洪泽|湖生态示范区, 巢湖), not the place."""
    return any(g.surface_how != "stem" or g.end >= stop or text[g.end] not in _WATERS
               for g in inner)


def _bank_of_water(text: str, m: Mention) -> bool:
    """Is a province's short form (河北, 江西, 山东) the end of a river's, lake's or
    mountain's name and the side of it (黄河北岸, 湘江西岸, 太行山东麓, 淮河南北两侧)?"""
    if m.surface_how != "stem" or m.end - m.start != 2 or m.start == 0:
        return False
    if text[m.start] not in _WATERS or text[m.end - 1] not in _SIDES:
        return False
    before = text[m.start - 1]
    if not CJK.match(before) or before in _BEFORE_PLACE or before in SINGLE_STOPS:
        return False
    after = text[m.end:m.end + 1]
    return after in _BANKS or (after != "" and text[m.end - 1] + after in _SIDE_PAIRS)


_BEFORE_PLACE = set("在与和或、，,+＋/至到从由自赴回及同驻援—–-“\"「(（")
_SITE_BEFORE = set("在到赴")
_SETTLE_AFTER = ("设厂", "建厂", "办厂", "设立", "投资", "落户", "投产", "建设", "新建", "兴建", "布局")  # (在昆山设厂)
_FROM_BEFORE = set("从由")
_MOVE_AFTER = ("迁", "移往", "移到", "移至", "搬", "转移到", "转移至")
_AFTER_PLACE = set("与和或、，,。；;+＋/”\"」)）(（市的等两—–-至")  # (甲至乙: a route's end)


def _slot(text: str, m: Mention) -> bool:
    """Is a short form where a place name is expected (在苏州, 、绵阳, 苏州与…)?"""
    before = text[m.start - 1] if m.start > 0 else "，"
    after = text[m.end] if m.end < len(text) else "。"
    return before in _BEFORE_PLACE or after in _AFTER_PLACE or text.endswith(_CAPITAL_OF, 0, m.start) \
        or _unit_slot(text, m)


#: a firm's name ends so (某某有限公司, 某某集团, 某某公司（简称某某）)
_FIRM_NAME_END = re.compile(r"(?:公司|集团|[（(](?:以下)?简称[^（()）]{1,10}[）)])$")


def _unit_slot(text: str, m: Mention) -> bool:
    """某某有限公司|滁州|生产基地: between a firm's name and a word of one of its units (the
    site cues' named_unit), a short form names where that unit is."""
    return text.startswith(_named_units(), m.end) and \
        _FIRM_NAME_END.search(text, max(0, m.start - 16), m.start) is not None


@lru_cache(maxsize=1)
def _named_units() -> tuple[str, ...]:
    return tuple(read_json("site_cues.json")["named_unit"])


#: 省会甲, 首府乙: a capital named by its rank (a city is expected after the word)
_CAPITAL_OF = ("省会", "首府")


_NAME_JOINERS = frozenset("与和、及同—–-")


def _joined_slot(text: str, m: Mention) -> bool:
    """Is a short form joined to a name before or after it (甲与乙, 甲、乙, 甲—乙)?"""
    return (m.start > 0 and text[m.start - 1] in _NAME_JOINERS) or (m.end < len(text) and text[m.end] in _NAME_JOINERS)


def _slot_before(text: str, m: Mention) -> bool:
    """Is a name right after a character that introduces a place (在, 、)? (What follows a
    name that starts inside a word does not vouch for it: 沿海城市与山区 is no 海城市.)"""
    return m.start == 0 or text[m.start - 1] in _BEFORE_PLACE


def _sited(text: str, m: Mention) -> bool:
    """Is a short form a whole word between a word of place (在, 到, 赴, 来自) and a character
    that may end a place (、，的 …: 总部在昆山、基地在某地), or between 从/由 and a verb of
    moving (从昆山迁往某地)? Such wording vouches for a county-level city the article names
    without its city (在独山港… is no such slot)."""
    before = text[m.start - 1:m.start]
    if before in _SITE_BEFORE or text.endswith("来自", 0, m.start):
        placed = text[m.end:m.end + 1] in _AFTER_PLACE or (before == "在" and text.startswith(_SETTLE_AFTER, m.end))
    else:  # 从昆山迁往某地, 由某地移往: where a firm moves from
        placed = before in _FROM_BEFORE and text.startswith(_MOVE_AFTER, m.end)
    return placed and not _mid_word(text, m.start)


def _town_of_name(text: str, short: str) -> bool:
    """Does ``text`` write a town or street of the name ``short`` (平湖街道, 平湖镇)?"""
    return any(short + kind in text for kind in ("街道", "镇", "乡"))


def _mid_word(text: str, k: int) -> bool:
    """Does position ``k`` fall inside a jieba word (高新|北区 → 新北区 starts mid-word)?"""
    lo = max(0, k - 4)
    at = _next_start(text[lo:k + 4], k - lo)
    return at is not None and at != k - lo


def _supported(place, gaz: Gazetteer, context: set[str], major: set[str], count: int,
               slot: bool = False, unique: bool = False) -> bool:
    """May a short form stand for ``place`` in this article? (``unique``: no other place
    has the name, and the article joins it to another name.)"""
    ancestors = gaz.ancestors(place.key)
    if place.level == 0:
        return True
    if place.level == 1:
        return (place.key in major or count >= 2 or any(a in context for a in ancestors)
                or slot)
    # a county needs its own city (or, for municipalities, the municipality) in context, or,
    # when no other place has its name and it is joined to another name (``unique``), its
    # province (浙江省…。慈溪与常山结对)
    return bool(ancestors) and (ancestors[0] in context or unique and ancestors[-1] in context)


def _narrow(cands: tuple[str, ...], context: set[str], gaz: Gazetteer,
            named: Counter | None = None) -> tuple[str, ...]:
    """Several places share a name: prefer the one whose ancestors the article mentions,
    then the highest level (吉林 → the province, unless the article names the city in full
    more often than the province: ``named`` counts full names)."""
    own = set(cands)
    provinces = [k for k in cands if gaz.places[k].level == 0]
    if len(provinces) == 1:
        named = named or Counter()
        city = max((k for k in cands if k != provinces[0]), key=lambda k: (named[k], k))
        if named[city] > named[provinces[0]]:
            return (city,)  # (吉林 in an article that names 吉林市 more than 吉林省)
        return (provinces[0],)  # 河北 is the province, even in an article about Tianjin

    def support(k: str) -> int:
        return sum(a in context and a not in own for a in gaz.ancestors(k))

    scored = sorted(cands, key=lambda k: (-support(k), -(k in context), gaz.places[k].level, k))
    best = scored[0]
    top = (support(best), best in context)
    if top == (0, False) and len({gaz.places[k].level for k in cands}) == 1:
        return ()  # nothing in the article decides between equals: leave it out
    return (best,)


def _ends_with_any(text: str, j: int, words: list[str]) -> str | None:
    """The longest of ``words`` that ends at ``j`` in ``text`` (a set lookup per length,
    none where no word ends with the character before ``j``)."""
    last = _last_chars(words)
    if last is not None and (j == 0 or text[j - 1] not in last):
        return None
    for n, group in _by_length(words):
        if j >= n and text[j - n:j] in group:
            return text[j - n:j]
    return None


@lru_cache(maxsize=1)
def _stop_words_by_length() -> tuple[tuple[int, frozenset[str]], ...]:
    words = name_rules()["stop_words"]
    return tuple((n, frozenset(w for w in words if len(w) == n))
                 for n in sorted({len(w) for w in words}, reverse=True))


@lru_cache(maxsize=1)
def _stop_word_last_chars() -> frozenset[str] | None:
    """The characters stop words end with: where the text has none of them, no stop word
    ends (``None`` if the empty string is one, which ends everywhere)."""
    words = name_rules()["stop_words"]
    return None if "" in words else frozenset(w[-1] for w in words)


@lru_cache(maxsize=1)
def _stop_words_by_last_char() -> dict[str, tuple[tuple[int, frozenset[str]], ...]] | None:
    """:func:`_stop_words_by_length` by the character the words end with (only the
    lengths of words ending with it: one lookup per length that can match), or ``None``
    if the empty string is a stop word (it ends everywhere)."""
    if _stop_word_last_chars() is None:
        return None
    out: dict[str, list[tuple[int, frozenset[str]]]] = {}
    for n, words in _stop_words_by_length():
        for c in sorted({w[-1] for w in words}):
            out.setdefault(c, []).append((n, frozenset(w for w in words if w[-1] == c)))
    return {c: tuple(v) for c, v in out.items()}


def _ends_with_stop_word(text: str, j: int) -> str | None:
    """The longest stop word ending at ``j`` (a set lookup per length, not a list scan)."""
    for n, words in _stop_words_by_length():
        if j >= n and text[j - n:j] in words:
            return text[j - n:j]
    return None


#: 江苏南北…, 广东东西…: a province's name, then its two halves
_PROVINCE_HALVES = re.compile(r"(\w{2,3}?)(?:南北|东西)")


def _kind_of_park(name: str, generic: list[str]) -> bool:
    """苏南苏北合作共建园区, 粤东粤西合作园区: parts of provinces (a province's one-character
    name and a compass point, when that is not itself a place's name: 黔南 is one) followed
    only by generic words name a kind of park, and so does a province and its two halves
    (江苏南北共建园区); 粤东工业园 may be one park's name."""
    gaz, i = load(), 0
    halves = _PROVINCE_HALVES.match(name)  # 江苏南北共建园区: a province's two halves
    if halves and any(gaz.places[k].level == 0 for k, _ in gaz.surfaces.get(halves.group(1), ())):
        return _is_generic(name[halves.end():], generic)
    while i + 2 < len(name) and name[i + 1] in "东南西北中" and name[i:i + 2] not in gaz.surfaces:
        key = gaz.abbrev.get(name[i])
        if not key or key not in gaz.places or gaz.places[key].level != 0:
            break
        i += 2
    return i > 0 and _is_generic(name[i:], generic)


def _is_generic(prefix: str, generic: list[str]) -> bool:
    """True when ``prefix`` is made only of generic words (and digits/punctuation)."""
    if generic is name_rules()["generic"]:
        return _generic_of_rules(prefix)
    return _generic_scan(prefix, generic)


@lru_cache(maxsize=65536)
def _generic_of_rules(prefix: str) -> bool:
    """:func:`_is_generic` with the rules' generic words (remembered: a name recurs)."""
    return _generic_scan(prefix, name_rules()["generic"])


def _generic_scan(prefix: str, generic: list[str]) -> bool:
    i, n = 0, len(prefix)
    if _LATIN.search(prefix):
        return False  # K2站, A区: letters name things
    while i < n:
        w = _longest_word_at(prefix, i, generic)  # (家具 before the counter 家)
        if w is None and (not CJK.match(prefix[i]) or prefix[i] in "个年家座批类级"):
            i += 1
            continue
        if w is None:
            return False
        i += len(w)
    return True


_WORD_INDEX: dict[int, tuple[list[str], tuple[tuple[int, frozenset[str]], ...]]] = {}


def _by_length(words: list[str]) -> tuple[tuple[int, frozenset[str]], ...]:
    """``words`` grouped by length, longest first (remembered per list of the rules)."""
    entry = _WORD_INDEX.get(id(words))
    if entry is None or entry[0] is not words:
        by_len = tuple((n, frozenset(w for w in words if len(w) == n))
                       for n in sorted({len(w) for w in words}, reverse=True))
        entry = _WORD_INDEX[id(words)] = (words, by_len)
    return entry[1]


_LAST_CHARS: dict[int, tuple[list[str], frozenset[str] | None]] = {}


def _last_chars(words: list[str]) -> frozenset[str] | None:
    """The characters ``words`` end with (None if the empty string is one of them, which
    ends everywhere; remembered per list of the rules, as :func:`_by_length`)."""
    entry = _LAST_CHARS.get(id(words))
    if entry is None or entry[0] is not words:
        last = None if "" in words else frozenset(w[-1] for w in words)
        entry = _LAST_CHARS[id(words)] = (words, last)
    return entry[1]


def _longest_word_at(text: str, i: int, words: list[str]) -> str | None:
    """The longest of ``words`` that ``text`` has at ``i`` (a set lookup per length)."""
    for n, group in _by_length(words):
        if text[i:i + n] in group and len(text) - i >= n:
            return text[i:i + n]
    return None


BARE_ZONE_WORDS = {"合作区", "高新区", "开发区", "经开区", "自贸区", "示范区", "试验区"}
SINGLE_STOPS = set("在与和及或的是将于由把向对以等为了其各并也都又还就才已再即从至到被此该建设继着")
ROUTE_SUFFIXES = ("航线", "快线", "专线", "线", "铁路", "高速", "城际", "高铁", "公路", "高速公路",
                  "城际铁路", "高速铁路", "快速路", "快速通道", "快速干线")
# names that run from one end to the other (甲至乙航线, 甲至乙中欧班列): 至/到 inside does not end
# them (for a train service, only 至 between two places: 货物运至甲后搭乘中欧班列 is no name)
END_TO_END_SUFFIXES = ROUTE_SUFFIXES + ("班列", "专列", "通道", "航道整治工程", "航道工程")


_NEXT_LINE = re.compile(r"、[\u4e00-\u9fff]{2,6}?(?:" + "|".join(ROUTE_SUFFIXES) + ")")


def _among_lines(text: str, start: int, end: int) -> bool:
    """甲乙铁路、宏伟铁路、丙丁铁路: two initials between lines of a list are a line's
    name even when they make a common word (宏伟), so they are not trimmed as one."""
    if _pos(text[start:end])[0][1] in ("v", "vn", "d", "p", "c", "r"):
        return False
    return (text[start - 1:start] == "、" and text[:start - 1].endswith(ROUTE_SUFFIXES)) or \
        _NEXT_LINE.match(text, end) is not None


def _common_noun(prefix: str) -> bool:
    """移民, 边境: one common noun (a place's name is tagged ns or unknown to jieba)."""
    tags = _pos(prefix)
    return len(tags) == 1 and tags[0][1] in ("n", "vn", "v", "a", "an") and \
        word_freq(prefix) >= COMMON_FREQ


def _town_after_place(prefix: str, village: bool = False) -> bool:
    """建塘, 建新 after 某县: a town's own name, though 建 also ends names (建|产业园).
    A village's name after its town may be two characters jieba reads as common words
    apart (连|樟), not as one common word."""
    common = _common_words_only(prefix)
    if village and common:
        common = any(len(w) > 1 for w, _ in _pos(prefix))
    return all(CJK.match(c) and (c not in SINGLE_STOPS or c in "建设") for c in prefix) and \
        _ends_with_stop_word(prefix, len(prefix)) is None and \
        not _is_generic(prefix, name_rules()["generic"]) and not common


def _left_boundary(text: str, i: int, rule: SuffixRule, gaz_ends: dict[int, int],
                   initials: frozenset[str] = frozenset(),
                   gaz_starts: frozenset[int] = frozenset(), city_starts: frozenset[int] = frozenset()) -> int:
    """Start of the name ending with the suffix at ``i``; place names and quoted parts
    inside do not count toward the rule's maximum length. ``initials``: the first
    characters of the places the article names (甬从协作产业园: 从 is 从江's, not a word).
    ``city_starts``: where a province or city is named (a firm's legal name opens so)."""
    rules = name_rules()
    if rule.kind == "Town":  # 某市建塘镇: a short town name right after a place is whole
        for k in (i - 2, i - 3):  # (某镇新联村: a village right after its town, too)
            village = rule.suffix in rules["after_place_only"] and \
                text.endswith(("镇", "乡", "街道", "县"), 0, k)
            if (k in gaz_ends or village) and _town_after_place(text[k:i], village):
                return k
    inner_punct = rules["inner_punct"]
    stops = _stop_words_by_last_char()
    # the characters count words end with (甲乙两市): where none is, no lookup is made
    count_ends = _last_chars(rules["count_words"])
    j = i
    quote_open = False
    budget = rule.max_prefix
    firm = rule.category == "Enterprise"
    while j > 0 and budget > 0:
        if firm and j < i and j in city_starts and j not in gaz_ends and text.endswith(_SITE_ENDS, 0, j):
            break  # 在某高新区|湖南某某有限公司: a park or zone, then a legal name opening with a place
        if j in gaz_ends:  # a place name ends here: take it whole
            j = gaz_ends[j]
            continue
        c = text[j - 1]
        if c in "）)" and rule.category == "Park" and (k := _places_bracket(text, j)) is not None:
            budget -= j - k  # 粤黔（花都·金沙）皮具产业园: brackets holding only places' names,
            j = k  # however written (a short form the article's context did not vouch for)
            continue
        if c in "年月日号" and j > 1 and text[j - 2].isdigit():
            break  # 2023年嘉兴高新区: a date, then the name
        if c == "度" and j > 2 and text[j - 2] == "年" and text[j - 3].isdigit():
            break  # 2023年度南北共建园区: a year, then what it rates
        if c == "人" and j - 1 in gaz_ends and j < i and text[j] not in _PEOPLE_WORD_TAILS:
            # “某地人用乙地机场”: the people of a place, then what they do — the name starts
            # at the next place (乙地机场), or is none
            return next((k for k in range(j, i) if k in gaz_starts), i)
        if c in "”」":
            if j < len(text) and text[j] in "“「":
                break  # ”“ between two quoted names
            quote_open = True
        elif c in "“「":
            if not quote_open:
                break  # the opening quote of this very name
            quote_open = False
        elif c in SENT_PUNCT and not (c in inner_punct):
            break
        elif not ("\u3400" <= c <= "\u9fff" or c.isalnum() or c in inner_punct):
            break  # (the range is CJK's)
        elif rule.kind == "Town" and c in _TOWN_BREAKS:
            break  # 甲镇—乙镇: a pair of towns, no town's name holds a dash
        elif rule.kind == "Town" and c in _course_words() and i - j >= 2 and j > 1 and text[j - 2] in _COURSE_OPEN:
            break  # ，起甲乙镇，经…，止丙丁镇: a course's bare start or end word opens the clause
        w = None
        if not quote_open:
            # the longest stop word ending at j (c is text[j - 1])
            for n, words in (_stop_words_by_length() if stops is None else stops.get(c, ())):
                if j >= n and text[j - n:j] in words:
                    w = text[j - n:j]
                    break
            if w is not None and len(w) > 1:
                w = _stop_past_place(text, j, w, gaz_ends)  # 宿迁|至: not 迁至
            if w is None and c in rules["stop_after_place"] and j - 1 in gaz_ends:
                w = c  # 宿迁市同|苏州某开发区: 同 right after a place
            if w is None and rule.weak:
                w = _ends_with_any(text, j, rules["brand_stops"])  # 龙头企业|东岭电机
            if w is None and (count_ends is None or c in count_ends) and \
                    (j < i or rule.kind != "Town") and text[j] not in TOWN_ENDS:
                w = _ends_with_any(text, j, rules["count_words"])  # 甲乙两市|共建产业园
                # (某县三市镇, 三市镇某园: a town named by the count is whole)
        if w is not None:  # (no word: none of the tests below applies)
            if w in ("至", "到") and (rule.suffix in ROUTE_SUFFIXES or (
                    rule.suffix in END_TO_END_SUFFIXES and j - 1 in gaz_ends and j in gaz_starts)):
                w = None  # 蛇口港至中山水上航线; 甲至乙中欧班列 (a place on each side of 至)
            if w == "的" and rule.suffix in END_TO_END_SUFFIXES and _place_to_place(text, j - 1,
                                                                                gaz_ends) \
                    and not named_by_ends(text, j - 1, text[j:i], gaz_ends):
                w = None  # 甲至乙的直飞航线: the line between two places (not 甲至乙的甲乙高铁)
            if w in rules["legal_inner"] and rule.suffix in rules["legal_suffixes"] and not (
                    w in rules["legal_verbs"] and _after_at_place(text, j - len(w), gaz_ends)
                    and i - j >= 2 and text[j:j + 2] not in rules["legal_heads"]):
                w = None  # …产业投资开发有限公司: business words inside a registered name
            if w and len(w) == 1 and _inside_word(text, j - 1):
                w = None  # 美的 is a name, not 美 + 的
            elif w and len(w) == 1 and _place_word_unread(text, j - 1, gaz_ends, gaz_starts):
                w = None  # 某市和平机场, 某县中和产业园: a place word no place is read at
            if w and len(w) == 1:
                pair_chars = initials | _line_chars() if rule.suffix in ROUTE_SUFFIXES else initials
                if _initials_pair(text, j, pair_chars) or j < i and _initials_pair(text, j + 1, pair_chars):
                    w = None  # 梅和|产业协作园: the initials of 梅县 and 和平, not 梅 + 和 (汉十|高铁;
                    # 都巴|高速: 都安's and 巴马's, the stop word first)
            if w and _in_name_phrase(text, j - len(w), w):
                w = None  # 承接产业转移示范区, 大学生创业基地: the stop word is in a phrase
            if w == "和" and rule.category == "Enterprise" and _one_char_brand(text[j:i]):
                w = None  # 鼎和堂药业有限公司, 瑞和电气…: 和 inside the brand (堂药业 leaves one character)
            if w in BARE_ZONE_WORDS and rule.category == "Park" and j < i and not quote_open \
                    and (j == len(w) or text[j - len(w) - 1] in "、，,：:；;"):
                j -= len(w)  # 、高新区半导体产业园: the zone the article is about, then its park
                break
            if w and not (w in BARE_ZONE_WORDS and j - len(w) > 0
                          and CJK.match(text[j - len(w) - 1])
                          and text[j - len(w) - 1] not in SINGLE_STOPS):
                break  # (a bare 开发区 ends a name; 望城经开区 is part of one)
            if w in BARE_ZONE_WORDS and not quote_open:
                j -= len(w)  # …经济开发区|大坪工业园区: step over the zone word whole
                budget -= len(w)
                continue
        if not quote_open and c not in "“”\"":
            budget -= 1
        j -= 1
    return j


#: a count of kinds right before a park or area word (两大片区, 三个园区, 四大基地)
#: the kind of a government department named with its place (某市商务局): read as the place
_OFFICE = "Office"  # (entity_suffixes.csv: a kind no entity has)
_ETHNIC_TOWNS = ("族乡", "族镇")  # (a township's name with its peoples: read as a town's, 某某满族乡)
_COUNTED_TOWNS = re.compile(r"[\d０-９]|[一二两三四五六七八九十几多]个")
_COUNTED_KIND = re.compile(r"[两二三四五六七八九十几多]+(?:大|个)$")


#: what follows 人 in a word that is no people of a place (人才, 人民, 人力, 人工, 人文 …)
_PEOPLE_WORD_TAILS = frozenset("才民力工文口居寿和家造气")


def _stop_past_place(text: str, j: int, w: str, gaz_ends: dict[int, int]) -> str | None:
    """The stop word ``w`` ending at ``j``, or its part after a place name that ends inside
    it and starts before it (宿迁至: 宿迁 ends before 至, so the word is 至, not 迁至); None
    when that part is no stop word."""
    for k in range(j - len(w) + 1, j):
        if k in gaz_ends and gaz_ends[k] < j - len(w):
            rest = text[k:j]
            return rest if rest in name_rules()["stop_words"] else None
    return w


def _one_char_brand(part: str) -> bool:
    """Is ``part`` (a firm name's part before its legal suffix) industry words after one
    character or none (堂药业, 电气)? A brand has two characters at least."""
    from .firmnames import industry_words
    words = sorted(industry_words(), key=len, reverse=True)
    rest = part
    while rest and (w := next((x for x in words if rest.endswith(x)), None)):
        rest = rest[:-len(w)]
    return len(rest) <= 1 and rest != part


def _quote_start(name: str) -> int:
    """Where the first quoted part of ``name`` opens, 0 if none."""
    at = [k for k in (name.find(q) for q in "“「\"") if k >= 0]
    return min(at) if at else 0


def _after_unopened_close(name: str) -> int:
    """Where a name starts after the last closing bracket it does not open (乙)丙站 → 3)."""
    depth, at = 0, 0
    for k, c in enumerate(name):
        if c in "(（":
            depth += 1
        elif c in ")）":
            depth -= 1
            if depth < 0:
                depth, at = 0, k + 1
    return at


def _initials(two: str, initials: frozenset[str]) -> bool:
    """Are ``two`` characters the initials of two places the article names, and no word
    (梅和, 甬从; not 南北, 共和)?"""
    return len(two) == 2 and two[0] != two[1] and set(two) <= initials and \
        word_freq(two) < COMMON_FREQ


def _line_of_initials(prefix: str, suffix: str, initials: frozenset[str]) -> bool:
    """成渝高铁, 长株潭城际铁路: a line named by the one-character forms of its places (the
    first characters of places the article names, or the forms line names use: 渝, 潭),
    though the same characters alone are a region's (成渝, 长株潭: generic words)."""
    return suffix in ROUTE_SUFFIXES and 2 <= len(prefix) <= 4 and \
        len(set(prefix)) == len(prefix) and word_freq(prefix) < COMMON_FREQ and \
        all(c in initials or c in _line_chars() for c in prefix)


def _named_by_initials(prefix: str, suffix: str, initials: frozenset[str]) -> bool:
    """道习高速, 沿榕高速: a line named by the first characters of places the article names,
    each one of them (a leading 道 or 沿 is then no measure word or preposition to trim);
    or opening with the form line names use for a place (甬 of 宁波) and holding one of
    those first characters (甬舟高速 after 舟山)."""
    return (all(c in initials for c in prefix) or (
        any(c in initials for c in prefix) and prefix[0] in _line_chars())) and \
        _line_of_initials(prefix, suffix, initials)


@lru_cache(maxsize=1)
def _line_chars() -> frozenset[str]:
    """One-character forms of places in line names (region_abbrev.csv's combinable ones
    and line_abbrev.csv)."""
    return frozenset(load().combinable) | frozenset(r["abbr"] for r in read_csv("line_abbrev.csv"))


def _initials_pair(text: str, j: int, initials: frozenset[str]) -> bool:
    """Are text[j-2:j] the first characters of two places the article names, standing
    alone (after punctuation, 的 or a stop word) right before a name's suffix?"""
    if not _initials(text[j - 2:j], initials):
        return False
    k = j - 2
    return k == 0 or not CJK.match(text[k - 1]) or text[k - 1] == "的" or \
        _ends_with_stop_word(text, k) is not None


def _after_at_place(text: str, k: int, gaz_ends: dict[int, int]) -> bool:
    """在某市| at ``k``: a place right after 在 ends there (what follows is a verb)."""
    return k in gaz_ends and gaz_ends[k] > 0 and text[gaz_ends[k] - 1] == "在"


COMMON_FREQ = 100  # jieba dictionary frequency above which a word is a common word
_PROPER_POS = {"nr", "nz", "nrt", "nrfg", "nt", "ns", "j", "eng", "x", "nx"}


def _proper(prefix: str, inner: list[Mention]) -> bool:
    """Does ``prefix`` look like a brand (安擎, 健帆) rather than a common word (关键,
    人工) or just a place (金湾)?"""
    if inner and sum(m.end - m.start for m in inner) >= len(prefix) - 1:
        return False
    # (tagged only as far as read: the first common word decides)
    for word, flag in iter_tags(prefix):
        if flag == "m" or re.search(r"\d", word):
            return False
        if flag in _PROPER_POS or len(word) == 1 or word_freq(word) < COMMON_FREQ:
            continue
        return False
    return True


def _place_pair(text: str, start: int, prefix: str, inner: list[Mention]) -> bool:
    """甲市·乙市 (对口合作产业园): two places or more, nothing else but a joiner between them,
    name the park they share; not after 与/和 (某市与乙市对口合作产业园: a verb phrase)."""
    if len(inner) < 2 or text[start - 1:start] in ("与", "和", "同", "跟", "及"):
        return False
    rest = [c for i, c in enumerate(prefix) if not any(m.start - start <= i < m.end - start for m in inner)]
    return all(c in "·・—–-" for c in rest)


_NOUN_POS = ("n", "nz", "ng")
#: nouns after an industry word that still end a firm's name before them: 某某科技|项目, and
#: the firm's seat or its officers (某某科技|总部位于…, 某某智能|董事长)
HEAD_NOUNS_AFTER_FIRM = ("项目", "公司", "集团", "企业", "国际", "控股", "股份", "总部", "董事长", "总经理",
                         "副总经理", "负责人", "创始人")


def _modifies_next(text: str, end: int) -> bool:
    """汽车|零部件, 新能源|商用车: an industry word followed by a noun is a modifier, not the
    end of a firm's name (…电梯|项目 still is)."""
    nxt = _pos(text[end:end + 4])
    if not nxt or not CJK.match(nxt[0][0][0]):
        return False
    word, flag = nxt[0]
    return flag in _NOUN_POS and not word.startswith(HEAD_NOUNS_AFTER_FIRM)


def _abbreviated_places(name: str) -> bool:
    """川渝, 京津: two place abbreviations side by side name places too."""
    gaz = load()
    return any(a in gaz.combinable and b in gaz.combinable and a != b
               for a, b in zip(name, name[1:]))


def _common_words_only(text: str) -> bool:
    tokens = _pos(text)
    common = [word_freq(w) >= COMMON_FREQ and f not in _PROPER_POS for w, f in tokens]
    if len(tokens) == 1:
        return word_freq(tokens[0][0]) >= 10 * COMMON_FREQ
    return all(common)


#: a count or an ordinal right before a name (首个|专业枢纽机场, 一座|现代化港口): what
#: kind of thing it is, as after 的
_AFTER_MEASURE = re.compile(r"(?:第[一二三四五六七八九十\d]+|首|[一两\d])[个座家条处所]$")
#: a firm's plant: after a count (一家…工厂) it is described, not named
_PLANT_WORDS = ("工厂", "厂")


def _after_de(text: str, start: int) -> bool:
    """Does a name start right after 的, or after 的 and one verb (唯一的|横跨|…试验区)?"""
    if text[start - 1:start] == "的":
        return True
    if start < 3 or text[start - 3] != "的":
        return False
    tags = _pos(text[start - 2:start])
    return len(tags) == 1 and tags[0][1] == "v"


def _verb_before_bare_park(prefix: str, suffix: str) -> bool:
    """比例分享|园区: a verb right before the bare word 园区 takes it as its object (after
    产业 it tells the park's kind: 某某产业聚集园区)."""
    if suffix != "园区" or "产业" in prefix:
        return False  # (known before the prefix is tagged)
    tags = _pos(prefix)
    return bool(tags) and tags[-1][1] == "v"


def _described_kind(prefix: str) -> bool:
    """跨省|流域|生态|补偿 (试验区): two words or more, every one a common or generic word,
    say what kind of thing follows; a name holds a word of its own (a place, a brand, a
    coinage). Single characters alone do not make one (合六: two places' initials)."""
    tokens = _pos(prefix)
    return len(tokens) >= 2 and any(len(w) > 1 for w, _ in tokens) and all(
        f not in _PROPER_POS and (word_freq(w) >= COMMON_FREQ or _generic_of_rules(w))
        for w, f in tokens)


def _action_described(prefix: str) -> bool:
    """打通|成果|转化 (通道), 要素|流动 (通道): common words with a verb among them say
    what a link is for, figuratively; a road's name is a place, a coinage or one word
    (解放路, 迎宾大道)."""
    return _described_kind(prefix) and any(f.startswith("v") for _, f in _pos(prefix))


def _initial_word(prefix: str, initials: frozenset[str]) -> bool:
    """Does ``prefix`` open with a word of one character that is the first character of a
    place the article names (某能|新材料研究院 after 某林市)? A description's words are
    longer (新型, 省级); that one is the name's own."""
    tokens = _pos(prefix)
    return bool(tokens) and len(tokens[0][0]) == 1 and prefix[0] in initials


def _only_abbreviations(prefix: str) -> bool:
    """港澳, 珠港澳三地: only place abbreviations (and a count of places)."""
    global _ABBREV_CHARS
    if _ABBREV_CHARS is None:
        _ABBREV_CHARS = frozenset(load().abbrev)
    rest = re.sub(r"[两三四]地|大湾区", "", prefix)
    if rest in load().surfaces:
        return False  # 浙江大学: 浙江 is a name, not 浙 + 江
    return len(rest) >= 2 and all(c in _ABBREV_CHARS for c in rest)


def _inside_word(text: str, k: int) -> bool:
    """Is the character at ``k`` part of a longer jieba word (美的, 所在地)?"""
    lo = max(0, k - 3)
    return _inside_word_window(text[lo:k + 3], k - lo)


@lru_cache(maxsize=65536)
def _inside_word_window(window: str, k: int) -> bool:
    """:func:`_inside_word` in the window it reads (three characters each side: the same
    stop word in the same few characters recurs, a fifth of the windows of 200 articles
    are new)."""
    if not _dictionary_word_over(window, 0, k, len(window)):
        return False  # (no dictionary word of the window covers k: none of jieba's can)
    word = _word_over(window, k)
    # a dictionary word (not one jieba guessed across the boundary of two names)
    return word is not None and len(word) > 1 and word not in load().surfaces and \
        word_freq(word) > 0


_JOINING_STOPS = frozenset("和与及或于")  # conjunctions and 于: stop words that join two names


def _place_word_unread(text: str, k: int, gaz_ends: dict[int, int],
                       gaz_starts: frozenset[int]) -> bool:
    """Is the one-character joining stop word at ``k`` inside a jieba word that is some
    place's short name (和平, 中和), while the article reads no place there? Then it is a
    name's own word (某市和平机场, 某县中和产业园), not 和 + the next name; where a place is
    read over the word or starts right after 和 (甲和平江县), or a place's name crosses the
    word's end (甲和平湖), it stays a conjunction."""
    if text[k] not in _JOINING_STOPS or k + 1 in gaz_starts:
        return False
    got = _tagged_word_at(text, max(0, k - 3), k + 6, k)
    if got is None:
        return False
    pos, word, _ = got
    stop, surfaces = pos + len(word), load().surfaces
    if len(word) < 2 or word_freq(word) == 0 or word not in surfaces or any(
            p in gaz_starts or p + 1 in gaz_ends for p in range(pos, stop)):
        return False
    return not any(text[a:b] in surfaces for a in range(max(pos, k) + 1, stop)
                   for b in range(stop + 1, stop + 4))


def _dictionary_word_over(text: str, lo: int, k: int, hi: int) -> bool:
    """Is some dictionary word of two characters or more, not a place name, written over
    ``k`` within ``text[lo:hi]``?"""
    return _word_from_to(text, lo, k + 1, k + 1, hi, shortest=2)


@lru_cache(maxsize=65536)
def _word_over(window: str, at: int) -> str | None:
    """The jieba word of ``window`` (tagged as :func:`_pos` tags it) that covers offset
    ``at``; the words after it are not computed."""
    pos = 0
    for word, _ in iter_tags(window):
        if pos <= at < pos + len(word):
            return word
        pos += len(word)
    return None


@lru_cache(maxsize=65536)
def _next_start(window: str, at: int) -> int | None:
    """Where the first jieba word of ``window`` (tagged as :func:`_pos` tags it) that
    starts at or after offset ``at`` starts (None: none does); the words after it are not
    computed."""
    pos = 0
    for word, _ in iter_tags(window):
        if pos >= at:
            return pos
        pos += len(word)
    return None


def _in_name_phrase(text: str, at: int, word: str) -> bool:
    """Is ``word`` (at ``at``) part of one of the rules' name phrases written there?"""
    for phrase in name_rules()["name_phrases"]:
        o = phrase.find(word)
        while o >= 0:
            if at - o >= 0 and text.startswith(phrase, at - o):
                return True
            o = phrase.find(word, o + 1)
    return False


@lru_cache(maxsize=1)
def _surface_heads() -> frozenset[str]:
    """The first two characters of every gazetteer surface of two characters or more (a
    name that opens with none of them opens with no place's surface)."""
    return frozenset(s[:2] for s in load().surfaces if len(s) >= 2)


def _verb_not_here_a_place(name: str, start: int, suffix: str, gaz_index: _SpanIndex) -> str:
    """延长|安检通道: a leading verb that is also a place's short form (延长县) is trimmed
    when the article does not name that place there (no place mention starts at it)."""
    surfaces = load().surfaces
    if name[:2] not in _surface_heads() or not any(name[:k] in surfaces
                                                   for k in range(2, len(name))):
        return name  # (the first word, two characters or more, starts the name: no place)
    if any(g.start == start for g in gaz_index.starting_in(start, start + 1)):
        return name
    tokens = _pos(name)
    if len(tokens) < 2 or tokens[0][1] != "v" or len(tokens[0][0]) < 2 or \
            tokens[0][0] not in surfaces:
        return name
    return trim_leading_words(name[len(tokens[0][0]):], len(suffix))


def _token_boundary(text: str, j: int, end: int) -> int:
    """The length budget ran out mid-phrase: move the start to a word boundary."""
    ctx_start = max(0, j - 6)
    at = _next_start(text[ctx_start:end], j - ctx_start)
    return j if at is None else ctx_start + at


@lru_cache(maxsize=1)
def _long_generic_words() -> list[str]:
    """Generic words of two characters or more, longest first."""
    return [g for g in name_rules()["generic"] if len(g) > 1]


def _place_to_place(text: str, k: int, gaz_ends: dict[int, int]) -> bool:
    """Do two places joined by 至/到 (甲至乙), or two airports or ports (甲机场至乙机场),
    end right at ``k``?"""
    start = gaz_ends.get(k)
    if start is not None and start > 1 and text[start - 1] in "至到" and (start - 1) in gaz_ends:
        return True
    return _HUB_TO_HUB.search(text, max(0, k - 32), k) is not None


# 甲机场至乙机场的航线: the route between two airports (or ports) named in full
_HUB_TO_HUB = re.compile(r"(?:机场|港)(?:至|到)[\u4e00-\u9fff]{2,14}?(?:机场|港)$")


def _place_after_word(name: str) -> int:
    """Length of a leading aspect word (待A至B铁路) that a known place follows, 0 if none;
    a word that starts a place itself (待补镇) stays."""
    surfaces = load().surfaces
    for word in name_rules()["trim_before_place"]:
        if not name.startswith(word):
            continue
        n = len(word)
        if any(name[:k] in surfaces for k in range(n + 1, min(len(name), n + 6) + 1)):
            return 0
        if any(name[n:n + k] in surfaces for k in range(2, min(len(name) - n, 6) + 1)):
            return n
    return 0


_ENUMERATOR = re.compile(r"[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十\d]{1,3}[、．]")


@lru_cache(maxsize=65536)
def _clean_name(name: str) -> str:
    changed = True
    while changed:
        changed = False
        # the longest leading word that leaves two characters or more
        for n, words in _by_length(name_rules()["leading_trim"]):
            if len(name) > n + 1 and name[:n] in words:
                name = name[n:]
                changed = True
                break
        if not changed and _place_after_word(name):
            name = name[_place_after_word(name):]
            changed = True
        enum = _ENUMERATOR.match(name)
        if enum and len(name) - enum.end() >= 2:  # （四）对外通道: a heading's number
            name = name[enum.end():]
            changed = True
        # strip unbalanced or leading punctuation
        while name and (name[0] in "-—–－·•)）”\"》」+&、" or (name[0] in "“(（《「" and
                        _closing(name[0]) not in name)):
            name = name[1:]
            changed = True
    return name


# leading words of these parts of speech are not part of a name (出台/v 高新区, 更/d 多港)
_TRIM_POS = ("v", "d", "p", "c", "u", "r", "m", "q", "a", "ad", "y", "e", "o", "x", "uj", "ul", "t",
             "zg", "ug", "uv", "ud", "uz", "vg")


def _pos(text: str) -> tuple[tuple[str, str], ...]:
    """jieba.posseg's words and tags (memoised; see :mod:`graph.postag`)."""
    return pos_tags(text)


def _preposition_led(name: str, cut: int) -> bool:
    """经|川渝某某新区: the route word the name opens with is a preposition of its own
    (jieba's tag), not the start of the zone's name (经开区, 经济技术开发区)."""
    if not cut:
        return False
    if name[:cut] == "经" and not kept_via_word(name[:2]):
        return True  # (经宁|滁…: the tagger may run 经 into the name's first character)
    first = next(iter(iter_tags(name)), None)
    return first is not None and first[0] == name[:cut] and first[1] == "p"


def _only_place_before_level(prefix: str, levels: tuple[str, ...]) -> bool:
    """上海|市级, 某省|省级: ``prefix`` ends with a rank word, and only a place's name (or
    nothing) stands before it."""
    for w in levels:
        if prefix.endswith(w):
            head = prefix[: -len(w)]
            if not head or head in load().surfaces or head + w[0] in load().surfaces:
                return True
    return False


@lru_cache(maxsize=65536)
def trim_leading_words(name: str, keep: int) -> str:
    """Drop leading verbs, adverbs, pronouns, numerals … (jieba's tags) from a name,
    keeping at least ``keep`` characters."""
    places = load().surfaces
    whole, pos = len(name), 0
    for word, flag in iter_tags(name):  # (read only as far as words are trimmed)
        pos += len(word)
        if pos == whole:
            break  # the last word always stays
        trim = flag in _TRIM_POS or (flag == "vn" and word_freq(word) >= 200)
        trim = trim and (len(word) > 1 or word in SINGLE_STOPS
                         or (flag in ("q", "r") and word_freq(word) >= 2 * COMMON_FREQ)  # (泓)
                         or (flag == "x" and not CJK.match(word))  # (鹃: a rare character)
                         or word.isdigit())
        if len(word) > 1 and CJK.match(word) and not word_freq(word):
            trim = False  # a word jieba only guessed (宁滁) is a name, not a verb
        if len(word) > 1 and flag in ("a", "ad", "an") and word_freq(word) < COMMON_FREQ // 10:
            trim = False  # a rare "adjective" (宏硕) heads a brand: 宏硕科技有限公司
        if word in "“「《(（" and _closing(word) in name:
            trim = False  # “甲乙”合作产业园: the quote opens a quoted part of the name
        if word in name_rules()["zone_heads"]:
            trim = False  # 高新产投, 高新研究院: a zone's short form heads the name
        if trim and word not in places and len(name) - len(word) >= keep:
            name = name[len(word):]
        else:
            break
    return name


#: a demonstrative and its classifier inside what reads as one name (…共用这座|机场)
_POINTED_IN_NAME = re.compile(r"(?:这座|这条|这个|这家|这处|那座|那条)")
_POINTERS = frozenset("这那该此")
_CLASSIFIERS = frozenset("条座个家处")
#: a verb of setting up stations, ports … inside what reads as one name (某段拟设|甲站)
_SET_UP_IN_NAME = re.compile(r"(?:拟设|增设|设置|预留|拟建|将设|共设|设有|分设|规划设)")


_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")


def _brand_trimmed(text: str, start: int, name: str, trimmed: str, suffix: str) -> bool:
    """Trimming one adjective off ``name`` (a firm's legal name opening a clause at ``start``)
    left no brand, only industry words (辉煌|精工(某地)有限公司): the adjective is the brand."""
    if start > 0 and text[start - 1] not in SENT_PUNCT and text[start - 1] not in "，,、：:":
        return False
    cut = name[:len(name) - len(trimmed)]
    tags = list(iter_tags(cut))
    if len(tags) != 1 or tags[0][1] not in ("a", "an"):
        return False
    body = _BRACKETED.sub("", trimmed[:len(trimmed) - len(suffix)])
    return not body or _generic_scan(body, [*name_rules()["generic"], *industry_words()])


_SPLIT_AFTER = ("片区", "新区", "开发区", "高新区", "经开区", "合作区", "街道", "工业园", "产业园",
                "科技园", "园区", "科学城")
_BRANCH_PARKS = ("分园", "分区")
TOWN_ENDS = ("镇", "乡")  # 某县某某镇某某园: the town word that ends an address chain


_KIND_OF_FIRM = "企业"


_KIND_OF_PLANT = re.compile(r"厂商|厂")


def _after_kind_of_plant(name: str, suffix: str) -> int:
    """电路板厂|某某科技, 面板厂商|某某电子: a brand (no legal ending) written after the kind of
    plant it runs; where the brand starts (two characters or more before the suffix), or 0."""
    body = name[: len(name) - len(suffix)]
    last = None
    for last in _KIND_OF_PLANT.finditer(body):
        pass
    if last is None or last.start() < 2 or len(body) - last.end() < 2:
        return 0
    return last.end()


def _after_kind_of_firm(name: str, start: int, gaz_starts: frozenset[int],
                        suffix: str = "") -> int:
    """化妆品企业|上海某某生物科技有限公司, 义乌企业|浙江某某光电科技有限公司: what kind of firm
    (or whose) it is, then its registered name opening with a place — the name starts at the
    place; 某市企业|某某智造公司, 初创企业|某某科技公司: likewise when a proper name
    follows (某某企业管理有限公司 keeps its 企业: a business word follows it, and so does
    某某企业|信息科技公司: what follows is generic words alone)."""
    at = name.find(_KIND_OF_FIRM)
    while at >= 0:  # (at 0 too: 服装企业|宁夏某某服饰有限公司, the left edge cut after 服装)
        k = at + len(_KIND_OF_FIRM)
        if len(name) - k >= 6 and (start + k in gaz_starts or _proper_after_kind(name[k:], suffix)):
            return k
        at = name.find(_KIND_OF_FIRM, k)
    return 0


def _proper_after_kind(rest: str, suffix: str) -> bool:
    """Is ``rest`` (after 企业) a firm's own name: no business word first, and more than
    generic words before its suffix?"""
    nr = name_rules()
    if not suffix or not rest.endswith(suffix) or len(rest) - len(suffix) < 4:
        return False
    words = _pos(rest[:-len(suffix)])
    return words[0][0] not in nr["legal_heads"] and words[0][1] != "v" and \
        not _is_generic(rest[:-len(suffix)], nr["generic"])


def _addressed_site(text: str, start: int, end: int, suffix: str, gaz_index: "_SpanIndex",
                    gaz_ends: dict[int, int]) -> int:
    """某区某某小镇 (a characteristic town, a site named like a town but no division): the
    start of its name, or -1 when it is none. Places written whole at its front are its
    address (its name starts after them); it is a name right after such an address, or
    after a district, town or street and 的, or with a place's short form of its own
    (某地家居小镇), or in quotes right after a place — but not when only words for a kind of
    town are left (特色小镇, 森林小镇: ``addressed_site_kinds``)."""
    at = start
    for g in sorted(gaz_index.within(start, end), key=lambda g: g.start):
        if g.start == at and g.surface_how == "name" and end - g.end >= len(suffix) + 2:
            at = g.end
    own = [g for g in gaz_index.within(at, end) if g.start == at]
    rest = text[max([at] + [g.end for g in own]):end - len(suffix)]
    kinds = name_rules()["addressed_site_kinds"]
    while rest:
        kind = next((k for k in kinds if rest.startswith(k)), None)
        if kind is None:
            break
        rest = rest[len(kind):]
    if len(rest) < 2:
        return -1
    addressed = at in gaz_ends or (text[at - 1:at] == "的" and (
        text[at - 3:at - 1] == "街道" or text[at - 2:at - 1] in ("镇", "乡", "区", "县")))
    # (某区“某某小镇”; 打造…的“某某小镇” is a goal)
    quoted = text[at - 1:at] in _QUOTES and at - 1 in gaz_ends
    return at if addressed or own or quoted else -1


def _address_split(text: str, start: int, end: int, gaz_mentions: list[Mention],
                   suffix: str = "", site: bool = False) -> int:
    """铜山区徐州软件园, 南湖区南湖科学城: a place, then a name that starts with another
    place (not one inside the first) — the name proper starts at the second place. For a
    zone (``site``), 甲市乙区某某商务区 / 上海闵行区某某高新区: an address ending with a
    district written whole, then a proper name — the name starts after it (a park keeps its
    address: 安庆市怀宁县某某工业园)."""
    inner = sorted((g for g in gaz_mentions if start <= g.start and g.end <= end),
                   key=lambda g: g.start)
    town = _town_after(text, inner, start, end)
    if town:
        return town
    if len(inner) < 2 or inner[0].start != start:
        return 0
    gaz = load()
    for a, b in zip(inner, inner[1:]):
        if b.start != a.end:
            return 0
        ka, kb = a.candidates[0], b.candidates[0]
        if a.surface_how == "name" and (kb == ka or kb in gaz.ancestors(ka)) and end - b.start >= 4:
            return b.start
        if a.surface_how == "name" and b.surface_how != "name" and end - b.start >= 4 and \
                ka not in gaz.ancestors(kb) and kb not in gaz.ancestors(ka):
            return b.start  # 甲市乙地某某园 (乙 elsewhere): the park of 乙 that stands in 甲市
        if ka not in gaz.ancestors(kb):
            return 0
    return _zone_after_address(text, inner, end) or (
        _site_after_district(text, inner, end, suffix) if site else 0)


def _site_after_district(text: str, inner: list[Mention], end: int, suffix: str) -> int:
    """北京丰台区某某商务区, 上海闵行区某某高新区: places each inside the one before, the
    last a district or county written whole, then four or more characters that are not
    generic words alone — the zone's own name starts after the district."""
    last = inner[-1]
    if last.surface_how != "name" or load().places[last.candidates[0]].level != 2:
        return 0
    rest = text[last.end:end]
    words = rest[: -len(suffix)] if suffix and rest.endswith(suffix) else rest
    if len(rest) < 4 or len(words) < 2 or any(c in SENT_PUNCT for c in rest) or \
            _is_generic(words, name_rules()["generic"]) or \
            any(g.start >= last.end for g in inner):
        return 0
    return last.end


_ZONE_KIND_WORDS = ("经济技术开发区", "高新技术产业开发区", "高新技术开发区", "经济开发区", "开发区",
                    "高新区", "经开区")


def _zone_after_address(text: str, inner: list[Mention], end: int) -> int:
    """安徽省安庆市怀宁县经济开发区: a full address (each place inside the one before, all
    written with their suffix), then a zone — the zone's name starts at the finest place
    when only the zone word follows it (怀宁县经济开发区), else right after it."""
    if any(g.surface_how != "name" for g in inner):
        return 0
    last = inner[-1]
    rest = text[last.end:end]
    if not rest.endswith(_ZONE_KIND_WORDS):
        return 0
    if rest in _ZONE_KIND_WORDS:
        return last.start
    return last.end if len(rest) >= 4 else 0


def _town_after(text: str, inner: list[Mention], start: int, end: int) -> int:
    """平江县三市镇青山产业园: places, then a town (two or three characters and 镇/乡),
    then a name of four or more characters — the name proper starts after the town."""
    if not inner or inner[0].start != start:
        return 0
    e = inner[0].end
    for g in inner[1:]:
        if g.start != e:
            break
        e = g.end
    if load().places[inner[0].candidates[0]].level == 3:
        return 0
    for k in (3, 4):
        if text[e + k - 1:e + k] in TOWN_ENDS and end - (e + k) >= 4 \
                and not any(e < g.start < e + k for g in inner):
            return e + k
    return 0


def _town_in_address(name: str, suffix: str) -> int:
    """某某镇某某大道 right after a place (an address): the road's name starts after the
    town of two or three characters and 镇/乡, when two characters or more are left
    before the road's suffix; 0 if none."""
    for k in (3, 4):
        if name[k - 1:k] in TOWN_ENDS and len(name) - k >= len(suffix) + 2 and \
                not any(c in name[:k - 1] for c in TOWN_ENDS):
            return k
    return 0


_PHASE = re.compile(r"[一二三四五六七八九十\d]{1,2}期(?![间末中内货限刊])")
_TYPE_WORD = re.compile(r"[\u4e00-\u9fff]{1,2}型")  # (甲乙新型工业园 is a name: longer)
_TAIL = re.compile(r"[（(]([^（()）]{2,12})[）)]")
_TAIL_JOINS = "—–-－·、"


def _places_head(text: str, start: int, end: int, gaz_index: "_SpanIndex") -> int | None:
    """甲—乙“消薄飞地”: a quoted park word (closed right after ``end``) right after two places
    joined by a dash is the park of those two; where the name then starts, or None."""
    if text[start - 1:start] not in ("“", "「") or text[end:end + 1] not in ("”", "」"):
        return None
    ends = {g.end: g for g in gaz_index.within(max(0, start - 16), start - 1) if g.category == "Region"}
    b = ends.get(start - 1)
    if b is None or text[b.start - 1:b.start] not in _TAIL_JOINS[:-1]:
        return None
    a = ends.get(b.start - 1)
    return a.start if a is not None else None


def _places_tail(text: str, end: int, gaz_index: "_SpanIndex") -> tuple[re.Match, list[Mention]] | None:
    """山海协作产业园（甲—乙）, 东西部协作产业园（甲）: a bracket right after a park word that
    holds only places (joined by a dash) says which park of that kind; None otherwise."""
    m = _TAIL.match(text, end)
    if not m:
        return None
    places = sorted((g for g in gaz_index.within(m.start(1), m.end(1)) if g.category == "Region"),
                    key=lambda g: g.start)
    at, kept = m.start(1), []
    for g in places:
        if g.start < at:
            continue
        if text[at:g.start].strip(_TAIL_JOINS):
            return None
        kept.append(g)
        at = g.end
    if not kept or text[at:m.end(1)].strip(_TAIL_JOINS):
        return None
    return m, kept


@lru_cache(maxsize=65536)
def _split_point(name: str, suffix: str, rest: int = 2) -> int:
    """Offset after the last zone or park word that ``rest`` characters or more of the name
    and its suffix follow, or 0."""
    if suffix in _BRANCH_PARKS:
        return 0  # 某某开发区某地分区: a branch is named after the park it belongs to
    body = name[: -len(suffix)]
    best = 0
    for s in _SPLIT_AFTER:
        i = body.rfind(s)
        if i >= 0 and len(body) - (i + len(s)) >= rest and \
                name[i + len(s)] not in "(（·•-—–－":
            # (甲新区·乙合作产业园: the joiner makes both places parts of one name)
            best = max(best, i + len(s))
    return best


@lru_cache(maxsize=65536)
def _inner_split(name: str, suffix: str) -> int:
    """Offset where the innermost name starts, or 0 (not before generic words alone)."""
    best = _split_point(name, suffix)
    if best and _is_generic(name[best: -len(suffix)], name_rules()["generic"]):
        return 0
    return best


def _closing(c: str) -> str:
    return {"“": "”", "(": ")", "（": "）", "《": "》", "「": "」"}.get(c, c)


_ABBREV_CHARS: frozenset[str] | None = None


def _word_before_suffix(name: str) -> bool:
    """The character before the one-character suffix ends a word of two or more that is not
    itself abbreviations, or names a river (某江|港: 江 is the word's, not 江西's; 清江|港)."""
    tokens = _pos(name[:-1])
    if not tokens:
        return False
    word, flag = tokens[-1]
    return len(word) >= 2 and flag != "j" and (
        not all(c in _ABBREV_CHARS for c in word) or word[-1] in _WATER_CHARS)


_WATER_CHARS = frozenset("江河湖溪海湾")


#: 某开发区下辖A、B和C / 下设A分园、B分园: a verb of holding parts, then the list so far
_PARTS_LIST = re.compile(r"(?:下辖|下设|辖有|分为)(?:[^，,。；;：:！？!?“”]{2,16}?[、和及])*")


def _listed_part(text: str, start: int) -> bool:
    """Does a list of parts a zone or park holds (某开发区下辖A、B和C) reach ``start``? A
    part named by its industry alone (新材料产业园) is a name there, not a kind of park."""
    seg = text[max(0, start - 60):start]
    return any(m.end() == len(seg) for m in _PARTS_LIST.finditer(seg))


def _short_name_ok(text: str, start: int, end: int, name: str, inner: list[Mention],
                   occurrences: Callable[[str], int] | None = None) -> bool:
    """港/路/站/线 names are short and easily confused with prose: keep one when it
    contains a place name, recurs in the article, or stands before a clear boundary."""
    global _ABBREV_CHARS
    if _ABBREV_CHARS is None:
        _ABBREV_CHARS = frozenset(load().abbrev)
    if name[-2] in _ABBREV_CHARS and name[-1] in _ABBREV_CHARS and \
            not any(g.end == end - 1 and g.end - g.start >= 2 for g in inner) and \
            not _word_before_suffix(name):
        return False  # 粤港, 深港: combined abbreviations, not a port (九江港 is one)
    if end < len(text) and text[end] in _ABBREV_CHARS and name.endswith("港"):
        return False  # …港澳
    pos = max(0, start)
    for word, _ in _pos(text[pos:end + 1]):
        if pos < end <= pos + len(word) and len(word) > 1 and \
                word not in load().surfaces and word_freq(word) >= COMMON_FREQ \
                and not (directional_station(word) and (inner or name[:-2] in load().surfaces
                                                        or _proper_stem(name[:-2]))) \
                and not (pos == start and word == name
                         and _place_then_suffix(name, inner, start, end)):
            return False  # 集成电路, 网站, 生产线: the suffix is inside a common word
        pos += len(word)
    if inner or (occurrences(name) if occurrences else text.count(name)) >= 2:
        return True
    if len(name) >= 3 and name[-1] in "港站" and name[:-1] in load().surfaces and name[:-1] not in common_stems():
        return True  # 经钦州港运往…: a port or station named by a place alone (the article need
        # not name the place elsewhere; 北京路 is left to the tests below)
    if text[start - 1:start] == "、" and text.endswith(name[-1], 0, start - 1):
        return True  # 甲站、乙站: the next of a list of stations (ports, roads)
    nxt = text[end:end + 1]
    return nxt == "" or nxt in "，,。、；;：:）)”」』\"至到与和及等的旁后时" or nxt.isspace() or nxt.isdigit() \
        or text.startswith(_BOUNDARY_WORDS, end) or _SEGMENT.match(text, end) is not None \
        or text.startswith(_LINK_WORDS, end) and (start == 0 or text[start - 1] in _LINK_OPENERS)


def _proper_stem(stem: str) -> bool:
    """Is ``stem`` (the part before 南站, 东站 …) a name of its own, two or more characters
    of no common word (葛店|南站, 纸坊|东站; not 火车|南站, 高铁|东站)?"""
    return len(stem) >= 2 and all(CJK.match(c) for c in stem) and all(
        word_freq(w) < COMMON_FREQ for w, _ in _pos(stem))


_TOWN_SUFFIXES = frozenset("桥")  # one character, then one of these, names towns (枫桥, 花桥)


def _town_after_its_place(name: str, start: int, inner: list[Mention]) -> bool:
    """Is ``name`` a place written whole, then one character and a town-making suffix
    (某区虹桥, 某市花桥)? A bridge is named by more (某某大桥, 某某二桥, 海印桥 after its
    city has two characters before 桥)."""
    if len(name) < 4 or CJK.match(name[-2]) is None:
        return False
    at, goal = start, start + len(name) - 2  # (某省某市花桥: a chain of places, then the town)
    for g in sorted(inner, key=lambda g: (g.start, -g.end)):
        if g.start == at and g.candidates and g.end <= goal:
            at = g.end
    return at == goal


def _place_then_suffix(name: str, inner: list[Mention], start: int, end: int) -> bool:
    """某市站 read as one common word: the whole word is a place's name and 站, so the
    station of that place (not 网站, 建站; a street named after a place stays prose)."""
    return name.endswith("站") and any(g.start == start and g.end == end - 1 for g in inner)


#: 甲站开往乙港: the station, then where a train goes; 甲港是…: the port, then what it is
_BOUNDARY_WORDS = ("位于", "开往", "发往", "驶往", "是", "作为",
                   "已", "也", "正式", "全线", "建成", "通车", "开通", "—", "－",  # (某某路已通车, 甲路—乙路)
                   "则", "落户", "设在", "设于", "坐落", "地处", "将", "预计")  # (某某站则落户某乡)
#: verbs of joining after a short line's or bridge's name (某某桥连接甲镇与乙镇), a boundary when
#: the name opens a clause or follows 的 (在河上修桥连接两岸: a verb phrase, no name)
_LINK_WORDS = ("连接", "连通", "联通", "贯通", "串联", "横跨", "跨越")
_LINK_OPENERS = "，,。；;：:“「（(、的\n"


_SEGMENT = re.compile(r"[\u4e00-\u9fff]{1,3}段")  # 某某路东延段, 某某路城区段: a stretch of it


def _town_name(text: str, start: int, end: int, prefix: str) -> bool:
    """唐家湾镇, 合江镇 written alone (no county before them): a town when its two or three
    characters are not common words (经济强镇, 重点镇, 特色小镇 are prose) and jieba does not
    read the suffix as part of a longer common word (城镇, 乡镇) — unless the town is written
    right after its county (某县沙城镇)."""
    ethnic = name_rules()["ethnic_town"].fullmatch(text, start, end - 1) if end - start >= 5 else None
    if ethnic:  # 南关蒙古族乡: a name, then the peoples of the township
        return ethnic.group(1)[0] not in _NOT_TOWN_FIRST and not _ends_with_stop_word(
            ethnic.group(1), len(ethnic.group(1)))
    if not 2 <= len(prefix) <= 3 or prefix[0] in _NOT_TOWN_FIRST or \
            _common_words_only(prefix):
        return False
    if _is_generic(prefix, name_rules()["generic"]):
        return False
    # (某县沙城镇: right after its county written in full, 城镇 read by jieba is the town's
    # own last characters, not the common word)
    after_county = text.endswith(("县", "縣", "区", "區", "旗"), 0, start) and len(prefix) == 2
    pos = start
    # (甲乙镇起，…镇止: jieba reads 镇起 as one word; a course word is no part of the town's)
    for word, flag in _pos(text[start:end + (0 if text[end:end + 1] in _course_words() else 2)]):
        if pos < end <= pos + len(word):
            return pos + len(word) == end and (word == text[start:end] or len(word) == 1 or
                                               word_freq(word) < COMMON_FREQ or after_county)
        if pos >= start and flag in ("v", "d", "p", "c", "u", "r", "m", "q"):
            return False  # a verb or a function word inside: prose (到镇, 该镇)
        pos += len(word)
    return False


def _listed_after_town(text: str, start: int, prefix: str) -> bool:
    """甲镇、宝山镇: a name of two or three characters listed right after a town is a town
    too, though its characters are a common word or a place's short form elsewhere."""
    return 2 <= len(prefix) <= 3 and start >= 2 and text[start - 1] in "、和与及" \
        and text[start - 2] in TOWN_ENDS and all(CJK.match(c) for c in prefix) \
        and prefix[0] not in SINGLE_STOPS and _ends_with_stop_word(prefix, len(prefix)) is None \
        and not _is_generic(prefix, name_rules()["generic"])


def _longer_hits(hits: list[tuple[int, int, str]]) -> Callable[[int, int], bool]:
    """A test: is the suffix occurrence ``[i, end)`` part of a longer one (科技 in 科技城),
    i.e. does another occurrence cover it? One starting before ``i`` covers it when it ends
    at ``end`` or later, one starting at ``i`` when it ends later: so the largest end
    among the occurrences starting before ``i``, and at ``i``, decide (computed once)."""
    ends_at: dict[int, int] = {}  # start -> largest end of an occurrence starting there
    for s2, e2, _ in hits:
        if e2 > ends_at.get(s2, -1):
            ends_at[s2] = e2
    before: dict[int, int] = {}  # start -> largest end of those starting before it
    reach = -1
    for s2 in sorted(ends_at):
        before[s2] = reach
        reach = max(reach, ends_at[s2])

    def inside(i: int, end: int) -> bool:
        return before[i] >= end or ends_at[i] > end
    return inside


def _occurrence_counter(text: str, hits: list[tuple[int, int, str]]) -> Callable[[str], int]:
    """``text.count(name)`` for names ending with a suffix, without scanning ``text``: every
    occurrence of such a name ends where the suffix automaton found that suffix."""
    ends: dict[str, list[int]] = {}
    for _, e, sfx in hits:
        ends.setdefault(sfx, []).append(e)
    tables: dict[tuple[str, int], dict[str, list[int]]] = {}

    def count(name: str, suffix: str) -> int:
        if not name.endswith(suffix) or len(name) < len(suffix):
            return text.count(name)
        n = len(name)
        table = tables.get((suffix, n))
        if table is None:
            table = tables[(suffix, n)] = {}
            for e in ends.get(suffix, ()):
                if e >= n:
                    table.setdefault(text[e - n:e], []).append(e - n)
        total, free = 0, 0
        for s in table.get(name, ()):  # non-overlapping, left to right, as str.count
            if s >= free:
                total, free = total + 1, s + n
        return total
    return count


def _restore_stop_led(places: list[tuple[int, int]], raw_start: int, start: int,
                      prefix_end: int) -> int:
    """The start of a name whose leading function word was trimmed though it began a place
    the article names (``places``: spans of such places, sorted): 和|田北京工业园 →
    和田北京工业园. (Those starting before ``raw_start`` are skipped by a bisect: on a long
    text without punctuation the scan from the first place was 3% of extraction.)"""
    for i in range(bisect_left(places, (raw_start,)), len(places)):
        s, e = places[i]
        if s >= start:
            break
        if start <= e <= prefix_end:  # (raw_start <= s: from the bisect)
            return s
    return start


def suffix_mentions(text: str, gaz_mentions: list[Mention]) -> list[Mention]:
    """Names found by suffix; may contain gazetteer mentions (kept in ``inner``)."""
    rules = suffix_rules()
    nr = name_rules()
    gaz_ends = {m.end: m.start for m in gaz_mentions}
    named = {k for m in gaz_mentions if m.category == "Region" for k in m.candidates[:1]}
    # (the one-character forms of the places named count too: 穗疏… with 广州 in the article)
    initials = frozenset(m.text[0] for m in gaz_mentions if m.category == "Region") | \
        frozenset(c for c, k in load().abbrev.items() if k in named)
    gaz_starts = frozenset(m.start for m in gaz_mentions)
    levels = load().places
    city_starts = frozenset(m.start for m in gaz_mentions if m.candidates and levels[m.candidates[0]].level <= 1)
    gaz_index = _SpanIndex(gaz_mentions)
    gaz_first_start: dict[int, int] = {}  # end → smallest start of a place ending there
    for g in gaz_mentions:
        gaz_first_start[g.end] = min(g.start, gaz_first_start.get(g.end, g.start))
    gaz_name_ends = {g.end for g in gaz_mentions if g.surface_how == "name"}
    gaz_spans = {(g.start, g.end) for g in gaz_mentions}
    # a suffix that ends inside an official place name is part of it (埇桥 in X埇桥区)
    inside_name = {k: g.start for g in gaz_mentions if g.surface_how == "name"
                   or g.surface_how == "alias" and g.end - g.start >= 5  # (青岛西海岸新区)
                   for k in range(g.start + 1, g.end)}
    # 和田, 于都, 将乐: places whose first character is also a function word
    stop_led = sorted((g.start, g.end) for g in gaz_mentions if text[g.start] in SINGLE_STOPS)
    found: list[tuple[int, int, Mention]] = []
    said_towns: set[str] = set()  # towns written right after their county, by name
    held: list[tuple[int, int, Mention]] = []  # brand names of common words (昌盛科技), on hold
    hits = [(end_idx - len(sfx) + 1, end_idx + 1, sfx) for end_idx, sfx in
            _suffix_automaton().iter(text)]
    count = _occurrence_counter(text, hits)
    # a suffix inside a longer suffix occurrence is not one (科技 in 科技城)
    inside_longer = _longer_hits(hits)
    for i, end, suffix in hits:
        if inside_longer(i, end):
            continue
        rule = rules[suffix]
        if rule.kind == _OFFICE:
            continue  # 某市发展和改革局: the place's department, which stands for the place
        if rule.not_before and end < len(text) and text[end] in rule.not_before:
            continue
        if suffix == "路" and text[i - 1:i] == "之":
            continue  # 某某之路: the way of doing something, not a road
        if gaz_first_start.get(end, i + 1) <= i or end in inside_name:
            continue  # the suffix belongs to a place name (香港, 港深科技创新合作区)
        if suffix.startswith("共建") and (i in gaz_name_ends or text.endswith(_ZONE_ENDS, 0, i) or (
                i in gaz_ends and gaz_ends[i] > 0 and text[gaz_ends[i] - 1] in "与和同跟及") or (
                gaz_first_start.get(i, 0) > 0 and text[gaz_first_start[i] - 1] in "在于到赴")):
            continue  # 陇南市共建产业园区, 某某示范区共建产业园, 在某县共建产业园: a verb phrase
        if suffix in ROUTE_SUFFIXES and _CODED_LINE_AFTER.match(text, end):
            continue  # 城际铁路F1线, 市域铁路S2线: a kind of line, then the line's own coded name
        if rule.kind in ("Railway", "Road") and text[i - 1:i] in _TRAVEL_CHARS:
            continue  # 干果走铁路, 经公路运往: a way of carrying goods, no line named
        j = _left_boundary(text, i, rule, gaz_ends, initials, gaz_starts, city_starts)
        if j > 0 and i - j >= rule.max_prefix and text[j - 1] not in SENT_PUNCT:
            if rule.weak:
                continue  # a brand name is short: running out of room means prose
            j = _token_boundary(text, j, end)
        early_head = None  # 甲—乙“产业飞地”: a quoted park word alone after two places joined by a dash
        if i - j < rule.min_prefix and rule.category == "Park" and j == i:
            early_head = _places_head(text, i, end, gaz_index)
        if i - j < rule.min_prefix and early_head is None:
            continue  # too short already: cleaning and trimming below only shorten it
        if early_head is not None:
            j = early_head
        raw = text[j:end]
        if "——" in raw:  # a double dash introduces, it does not join
            raw = raw[raw.rindex("——") + 2:]
        name = _clean_name(raw)
        opened = max(name.rfind("("), name.rfind("（"))
        if opened >= 0 and max(name.rfind(")"), name.rfind("）")) < opened:
            name = name[opened + 1:]  # 园区(港深创科园: the name is what the bracket opens
        name = name[_after_unopened_close(name):]  # 铁路(甲至乙)丙站: the station is 丙站
        if suffix in name_rules()["quote_led"]:
            name = name[_quote_start(name):]  # 开行“甲—乙港”班列: a train is named from its quote
        if not (suffix in ROUTE_SUFFIXES and len(name) == len(suffix) + 2
                and _among_lines(text, end - len(name), end)) and \
                not (suffix in _NUMBERED_ROADS and _ROAD_NUMBER.fullmatch(name[:-len(suffix)])) \
                and not _named_by_initials(name[:-len(suffix)], suffix, initials):
            kept = name
            if not (rule.kind == "Town" and end - len(name) in gaz_ends):
                # (某区礼让镇: right after its county or district, a town's name may be a verb)
                name = trim_leading_words(name, len(suffix))
            if name != kept and rule.category == "Enterprise" \
                    and _brand_trimmed(text, end - len(kept), kept, name, suffix):
                name = kept  # 辉煌精工有限公司 opening a clause: 辉煌 is the brand, not an adjective
            name = _verb_not_here_a_place(name, end - len(name), suffix, gaz_index)
            if rule.category == "Infrastructure":
                setup = _SET_UP_IN_NAME.search(name, 0, len(name) - len(suffix))
                if setup and len(name) - setup.end() - len(suffix) >= rule.min_prefix:
                    name = name[setup.end():]  # 某段拟设甲站: the station is 甲站
            pointed = _POINTED_IN_NAME.search(name, 0, len(name) - len(suffix))
            if pointed:  # 甲乙四市共享这座机场: what 这座 points back to, no name
                continue
            if name[:1] in _CLASSIFIERS and text[end - len(name) - 1:end - len(name)] in _POINTERS:
                continue  # 这|条二级公路 (这 cut as a stop word): the classifier points back too
        start = end - len(name)
        if start in inside_name and inside_name[start] >= end - len(raw):
            start = inside_name[start]  # 和田市…: a place name is not cut after its 和
            name = text[start:end]
        elif stop_led:  # 和田北京工业园, 设于都工业园: the 和 or 于 trimmed was the place's
            start = _restore_stop_led(stop_led, end - len(raw), start, end - len(suffix))
            name = text[start:end]
        if rule.category == "Infrastructure" or (rule.category == "Region" and rule.kind != "Town"):
            # 经B站, 西起A站: the route word is not the name's; 北起某市某区 likewise when a
            # place's name follows it (a zone's own name may start like one: 经济开发区)
            if rule.category == "Infrastructure":
                cut = clause_inside(name, suffix)  # 天津直达|某某机场: a clause, then the name
                name, start = name[cut:], start + cut
            places = [(g.start - start, g.end - start) for g in gaz_index.within(start, end)]
            cut = strip_route_lead(name, suffix, places)
            if rule.category == "Region" and (cut == 0 or not any(s0 == cut for s0, _ in places)) \
                    and not _preposition_led(name, cut):
                cut = route_word_inside(name, places)
            name, start = name[cut:], start + cut
        elif rule.kind == "Town":
            inside = gaz_index.within(start, end)
            # (向东经某县某镇: the town's name starts after a county written in full before it)
            cut = max((g.end - start for g in inside if g.start > start and len(g.text) >= 3
                       and g.text[-1] in _LEVEL_ENDS and end - g.end >= len(suffix) + 2), default=0)
            if not cut and (start == 0 or text[start - 1] in _CLAUSE_OPEN):
                # (，经某某镇、某某镇: a route word right after a comma is no part of a town's name)
                cut = strip_route_lead(name, suffix, [(g.start - start, g.end - start) for g in inside])
            if not cut and (led := _LINE_THEN_LEAD.search(name, 0, len(name) - len(suffix) - 2)):
                cut = led.end()  # 某公路自某某镇起: a line's name and a route word before the town
            name, start = name[cut:], start + cut
        # X片区Y科技城, X工业园Y产业园: a name that contains a whole place name and more
        # is a name inside a place; the outer place is found by its own suffix
        # (a firm named after its park keeps it: 某某工业园区发展有限公司)
        cut = _inner_split(name, suffix) if rule.category != "Enterprise" else 0
        if cut:
            name = name[cut:]
            if _pos(name)[0][1] == "v":  # 园区|复制某某工业园区 (not a time word)
                name = trim_leading_words(name, len(suffix))
            start = end - len(name)
        if rule.category == "Enterprise" and suffix.endswith(_FIRM_ENDS):
            cut = _after_kind_of_firm(name, start, gaz_starts, suffix)
            name, start = name[cut:], start + cut
        elif rule.category == "Enterprise":
            cut = _after_kind_of_plant(name, suffix)  # 被动元件厂|某某电子: what it makes, then the brand
            name, start = name[cut:], start + cut
        cut = _address_split(text, start, end, gaz_index.within(start, end), suffix,
                             rule.category == "Region" and rule.kind != "Town")
        if cut:
            name, start = text[cut:end], cut
        if suffix in nr["addressed_sites"]:
            start = _addressed_site(text, start, end, suffix, gaz_index, gaz_ends)
            if start < 0:
                continue
            name = text[start:end]
        if rule.kind in ("Railway", "Road", "Station"):
            # 澳门氹仔线: a place, then a place inside it, then the line's own name
            chain = sorted((g for g in gaz_index.within(start, end) if g.end < end),
                           key=lambda g: g.start)
            if len(chain) >= 2 and chain[0].start == start and chain[1].start == chain[0].end \
                    and chain[0].candidates[0] in load().ancestors(chain[1].candidates[0]):
                name, start = text[chain[1].start:end], chain[1].start
        if rule.kind in ("Road", "Station", "FunctionalArea", "Town"):
            # 杭州市江干区九环路: an address; the road's name starts after the places
            for g in sorted(gaz_index.starting_in(start, end), key=lambda x: x.start):
                if g.start > start:
                    break  # (sorted: no later place can start where the name now starts)
                if g.start == start and (g.surface_how == "name" or rule.kind == "Town") \
                        and end - g.end > len(suffix) + 1:
                    name, start = text[g.end:end], g.end
            if rule.kind == "Road" and start in gaz_ends:
                cut = _town_in_address(name, suffix)  # 某区某某镇|某某大道18号
                name, start = name[cut:], start + cut
        if len(suffix) == 1 and suffix in name[:-1] and rule.category == "Infrastructure":
            cut = name.rindex(suffix, 0, len(name) - 1) + 1  # 练塘站|设站: one ends before
            name, start = name[cut:], start + cut
        prefix = name[: -len(suffix)]
        if len(prefix) < rule.min_prefix or name in nr["blocked"] or _ANONYMOUS.search(name):
            continue  # (某公司, 某区某贸易有限公司: a firm the article does not name)
        if rule.category == "Enterprise" and _BARE_LEVEL.fullmatch(prefix):
            continue  # 市城投集团, 县交投公司: "the city's" group, named by its level alone
        if prose_name(name, suffix) and not _named_by_initials(prefix, suffix, initials):
            continue  # 交通改善让园区, 到伽师下线: prose before a common noun (日亚铁路: initials)
        if any(part in name for part in nr["blocked_parts"]):
            continue  # 南方报业传媒集团: the outlet, not a party
        if name.endswith(nr["blocked_endings"]):
            continue  # 转诊绿色通道: a fast track, not a road
        if _only_place_before_level(prefix, nr["level_words"]):
            continue  # 上海市级开发区: a zone's rank, not its name
        if any(part in prefix for part in nr["description_parts"]):
            continue  # 双向八车道公路: what a road is like, not its name
        numbered = suffix in _NUMBERED_ROADS and _ROAD_NUMBER.fullmatch(prefix) is not None
        if not _COUNT_CHARS.sub("", prefix) and not numbered:
            continue  # 2座实验室, 3个产业园区 (105国道 is a road's number)
        if _COUNTED.search(prefix[1:]):
            continue  # 关注几个汽渡码头, 三个大型机场: a count inside is prose, not a name
        if rule.category != "Infrastructure" and _counted_firms(text, start, end - len(suffix)):
            continue  # 200家基金公司, 有5家汽车集团: firms counted, none named
        if suffix == "园区" and _QUOTED_BEFORE_BARE.search(name) and not gaz_index.within(start, end):
            continue  # 较早“落子”园区, 纷纷“抢滩”园区: a figure of speech, then the park as object
        inner = gaz_index.within(start, end)
        if any(text[g.end:g.end + 1] == "某" for g in inner):
            continue  # 本溪某集团: a place, then a firm the article does not name
        if suffix in nr["bracketed_only"] and not _owner_host_name(text, start, end, inner):
            continue  # 某区招商中心, 政务服务中心: an office, not 甲(乙)招商中心
        if rule.needs_place and not _placed(text, inner, end - len(suffix)) and \
                not _abbreviated_places(name) and not _initials(name[:2], initials) and \
                not (rule.category == "Park" and _listed_part(text, start)) and \
                not _DASHED_PAIR.match(prefix) and \
                not (rule.category == "Infrastructure" and _coded(text, start, prefix)):
            continue  # (S11线, G15线: a route's code names it wherever it runs)
        if _COUNTED_KIND.search(prefix):
            continue  # 电子信息、精密模具两大片区: a count of the kinds listed, no name
        if rule.kind == "Town" and _COUNTED_TOWNS.search(prefix):
            continue  # 某区6个乡镇, 三个镇: towns counted, none named
        zone_firm = prefix in nr["zone_heads"] and suffix in nr["zone_head_suffixes"]
        head = _places_head(text, start, end, gaz_index) if rule.category == "Park" else None
        head = early_head if head is None and early_head == start else head
        if head is not None:  # 甲—乙“消薄飞地”: the two places are the name's head
            start, name = head, text[head:end]
            prefix, inner = name[: -len(suffix)], gaz_index.within(head, end)
        tail = _places_tail(text, end, gaz_index) if rule.category == "Park" else None
        addressed = suffix in nr["addressed_sites"]  # (its own test above: 某区物联网小镇)
        if not inner and not numbered and not zone_firm and not tail and not addressed and not (
                rule.category == "Park" and _listed_part(text, start)) and (
                _is_generic(prefix, nr["generic"]) or (
                prefix[0] in "东南西北" and len(prefix) > 1 and _is_generic(prefix[1:], nr["generic"]))) and \
                not (rule.category == "Infrastructure" and _line_of_initials(prefix, suffix, initials)):
            # (向西|开放通道: a compass point, then generic words, is a direction; a compass
            # point alone names a line: 东铁线, 北环线)
            continue
        if rule.category in ("Park", "Region") and not inner and \
                _TYPE_WORD.fullmatch("".join(c for c in prefix if c not in _QUOTES)):
            continue  # “飞地”型特别合作区, 创新型产业园: a type of zone or park, not its name
        if rule.category == "Park" and not tail and _kind_of_park(name, nr["generic"]):
            continue  # 苏南苏北合作共建园区, 皖北南北挂钩园区: a kind of park, not one park
        quoted = text[start - 1:start] in _QUOTES or any(c in _QUOTES for c in name)
        if (quoted or text[end:end + 1] in _NICK_QUOTES) and _nickname(text, start, end):
            continue  # 被誉为“某某之桥”: what the article calls it, not its name
        if (suffix in nr["place_sites"] or (quoted and suffix in nr["quoted_place_sites"])) and \
                inner and not (
                text.endswith(_FIRM_ENDS, 0, start) and suffix in branch_suffixes()) and \
                sum(g.end - g.start for g in inner if g.end <= end - len(suffix)) >= \
                len(prefix) - sum(c in _QUOTES for c in prefix):
            continue  # 常州工厂, 某某有限公司常州工厂, “常州飞地”: a firm's site in a place
        if suffix in nr["place_sites"] and not inner and (
                _described_kind(prefix) or text[start - 1:start] == "其"):
            continue  # 原料提取工厂, 电池模组研发中心, 其储能模组工厂: a firm's kind of site, not its name
        if rule.category == "Infrastructure" and not inner and _action_described(prefix):
            continue  # 加快打通某某转化|通道: a way of doing something, not a road
        if suffix in nr["built_sites"] and not inner and \
                text.endswith(nr["build_verbs"], 0, start - (text[start - 1:start] == "了")):
            continue  # 在园区建设了某某加工厂: what a firm builds there, not a named site
        if (start, end) in gaz_spans:
            continue  # the whole thing is a gazetteer name (e.g. 浦东新区)
        if rule.kind == "FunctionalArea" and prefix.rstrip("东南西北中") in nr["park_part_of"]:
            continue  # 园区东片区: a part of the park spoken of, not a name
        if rule.category == "Park" and _COUNT_AFTER.match(text, end):
            continue  # 两地共建产业园区12个: a count of parks, not one park
        if rule.kind == "Town" and any(c in _QUOTES for c in name):
            continue  # 某企“扎根”某地山乡: a town's name holds no quotes
        if rule.category == "Park" and text.startswith(nr["bodies_after"], end):
            continue  # 某市工业园区协会: a body of parks' firms, not a park
        town = rule.kind == "Town" and start in gaz_ends and (not _ends_with_any(
            name, len(name), _long_generic_words())  # X县Y镇, not …省森林小镇
            or len(prefix) == 2 and word_freq(prefix) < COMMON_FREQ)  # (某市铜城镇: not 城镇)
        if suffix in nr["after_place_only"]:
            # 某镇新联村: a village is named after the town or county it lies in (alone, or
            # after a district or city, 古村, 城中旧村, 北京中关村 name areas or are prose)
            if not text.endswith(("镇", "乡", "街道", "县"), 0, start) \
                    or _COUNTED_PLACES.search(text, max(0, start - 2), end):
                continue
            town = True
        town = town or (rule.kind == "Town" and (name in said_towns or _town_name(text, start, end, prefix)
                                                 or _listed_after_town(text, start, prefix)))
        if town and rule.kind == "Town" and start in gaz_ends:
            said_towns.add(name)  # (某县先市镇 …；目前先市镇与…: the town written alone later too)
        if rule.kind == "Town" and text[start - 1:start] == "的" and _common_noun(prefix):
            continue  # …命名的移民镇: a kind of town after a description, not a name
        if not inner and suffix in _PLANT_WORDS and _AFTER_MEASURE.search(text, max(0, start - 4), start):
            continue  # 第二座笔电主板工厂, 一家锻件工厂: one of a firm's plants, described, not named
        if not inner and (_after_de(text, start) or _AFTER_MEASURE.search(text, max(0, start - 4), start)
                          or _verb_before_bare_park(prefix, suffix)) \
                and _described_kind(prefix) and not _initials(prefix[:2], initials) \
                and not _initial_word(prefix, initials) \
                and not suffix.endswith("有限公司"):  # (…的某芯半导体材料有限公司: a registered name)
            continue  # 全国唯一的跨省流域合作试验区: what kind of zone, not which one; 按比例分享园区
        coded = rule.category == "Infrastructure" and _coded(text, start, prefix)
        if suffix in _TOWN_SUFFIXES and _town_after_its_place(name, start, inner):
            found.append((end - 2, end, Mention(end - 2, end, name[-2:], "Region", "Town",
                                                "suffix", suffix=suffix)))
            continue  # 某区虹桥, 某市枫桥: a place, then one character and 桥, is a town there
        by_initials = rule.category == "Infrastructure" and suffix in ROUTE_SUFFIXES and \
            len(prefix) == 2 and _initials(prefix, initials)  # 广佛线: the initials of two places named
        if (len(suffix) == 1 or suffix in _ETHNIC_TOWNS) and not town and not coded and not by_initials and \
                not _short_name_ok(text, start, end, name, inner, lambda n: count(n, suffix)):
            continue
        if rule.weak and not zone_firm and (not _proper(prefix, inner) or _modifies_next(text, end)) \
                and not (rule.category == "Park" and _place_pair(text, start, prefix, inner)):
            if rule.category == "Enterprise" and not inner:
                held.append((start, end, Mention(start, end, name, rule.category, rule.kind, "suffix",
                                                 suffix=suffix)))
            continue
        last = _JOINERS.split(name)[-1]
        if last != name and (len(last) - len(suffix) < rule.min_prefix
                             or _is_generic(last[: -len(suffix)], nr["generic"])):
            continue  # 众创空间—孵化器—加速器—科技园: a chain of kinds, not a name
        if last != name and name.endswith(_ZONE_ENDS) and name[: len(name) - len(last) - 1].endswith(_ZONE_ENDS):
            # 甲高新区—乙高新区: a dash between two zones' names pairs them; the name is the last
            # (甲高新区—乙县合作产业园 is one park's name)
            start, name, prefix = end - len(last), last, last[: -len(suffix)]
            inner = [g for g in inner if g.start >= start]
        if rule.category in ("Institution", "Enterprise") and suffix != "集团" and \
                _only_abbreviations(prefix):  # (a group is named so: 某港集团)
            continue  # 港澳大学 is "universities of HK and Macau"; 港珠澳大桥 is a name
        category, kind = rule.category, rule.kind
        if rule.kind == "InnovationCentre" and _research_centre(name, prefix, inner):
            category, kind = "Institution", "ResearchInstitute"
        elif category == "Park" and suffix in nr["firm_units"] and \
                _brand_then_place(text, start, end - len(suffix)):
            category, kind = "Enterprise", "Enterprise"
        if tail and not inner and _is_generic(prefix, nr["generic"]):
            # 山海协作产业园（甲—乙）: a kind of park, named by the places in its bracket
            m, places = tail
            name, end, inner = name + m.group(0), m.end(), [*inner, *places]
        if head is not None:  # 甲—乙“消薄飞地”: the closing quote too
            name, end = name + text[end], end + 1
        phase = _PHASE.match(text, end) if category == "Park" else None
        cut = _split_point(name, suffix, 0) if phase else 0
        if cut and _is_generic(name[cut:-len(suffix)], nr["generic"]):
            # 某高新区信息园二期: the phase names the site when the park's own name after
            # its zone is generic words alone (the zone is then a name of its own)
            start, name, end = start + cut, name[cut:] + phase.group(0), phase.end()
            inner = [g for g in inner if g.start >= start]
        while name[:1] in _DASHES and len(name) > len(suffix) + 1:
            start, name = start + 1, name[1:]  # 甲路—乙路: the dash joins two names, it opens none
        found.append((start, end, Mention(start, end, name, category, kind, "suffix",
                                          suffix=suffix, inner=inner)))
    found += _brands_of_full_names(held, found)
    # 某市经开区|运河: a name read from inside another name's suffix word (开区运河) is
    # none; it would cut the name it starts in (see ends_later below)
    in_suffix = {k for _, e, m in found for k in range(e - len(m.suffix) + 1, e)}
    found = [x for x in found if x[0] not in in_suffix]
    # among names ending at the same place keep the longest suffix's reading; then
    # resolve overlaps longest-first
    best: dict[tuple[int, int], Mention] = {}
    for s, e, m in found:
        cur = best.get((s, e))
        if cur is None or len(m.suffix) > len(cur.suffix):
            best[(s, e)] = m
    cands = list(best.items())
    starts_by_end: dict[int, list[int]] = {}
    for (s2, e2), _ in cands:
        starts_by_end.setdefault(e2, []).append(s2)
    ends_later = {(s, e) for (s, e), _ in cands
                  if any(s < s2 < e for e2 in (e + 1, e + 2) for s2 in starts_by_end.get(e2, ()))}
    chosen = _longest_non_overlapping([(s, e, m) for (s, e), m in cands
                                       if (s, e) not in ends_later])
    # 笔电代工厂|某某科技: a kind of plant right before a firm's name says what the firm is
    firms = {m.start for _, _, m in chosen if m.category == "Enterprise"}
    return [m for _, _, m in chosen if not (
        m.end in firms and m.category == "Park" and m.suffix in nr["place_sites"] and not m.inner)]


#: a firm's full legal name ends so
_FULL_FIRM_END = re.compile(r"(?:有限公司|有限责任公司|集团)$")


def _brands_of_full_names(held: list[tuple[int, int, Mention]],
                          found: list[tuple[int, int, Mention]]) -> list[tuple[int, int, Mention]]:
    """昌盛科技, a brand of common words held back, is a name after all when a firm's full
    name in the same text opens with it, or does so after the places it opens with
    (湖南昌盛科技股份有限公司)."""
    if not held:
        return []
    heads: set[str] = set()
    for _, _, m in found:
        if m.category == "Enterprise" and _FULL_FIRM_END.search(m.text):
            edge = m.start
            for g in sorted(m.inner, key=lambda g: g.start):
                if g.start == edge:
                    edge = g.end
            body = m.text[edge - m.start:]
            heads.update(body[:k] for k in range(4, len(body)))
    return [x for x in held if x[2].text in heads]


_CODED_LINE_AFTER = re.compile(r"[A-Za-z]{1,3}\d{0,3}号?线|\d{1,3}号线")
_TRAVEL_CHARS = frozenset("走经沿由坐乘搭")  # verbs and prepositions of travel right before a line word
_COUNTED_PLACES = re.compile(r"[一二三四五六七八九十百千万][县镇乡村]")  # 百县千镇万村: a slogan
_FIRM_ENDS = ("公司", "集团")  # a firm's name, then its branch: 某某有限公司|临夏分公司
_QUOTES = frozenset("“”\"「」")
_NICK_QUOTES = _QUOTES | frozenset("‘’『』")  # (a nickname quoted inside a quote: 叫它‘某某’)
_ZONE_ENDS = ("示范区", "合作区", "开发区", "高新区", "经开区", "新区", "试验区", "先行区")
#: the last characters of a park's or zone's name (a firm's legal name may follow one)
_SITE_ENDS = _ZONE_ENDS + ("园", "园区", "基地")

_COUNT_AFTER = re.compile(r"[\d一二三四五六七八九十两几多]+[个家座处](?:[，,。；;、）)]|$)")

_QUOTED_BEFORE_BARE = re.compile(r"^[\u4e00-\u9fff]{0,3}[“「\"][\u4e00-\u9fff]{2,4}[”」\"]园区$")
_FIRM_COUNT = re.compile(r"(?:\d+[余多]?|[一二三四五六七八九十两几][十百千万]?[余多]?|[多数])[家间]")


_NICKNAME_GAP = 6  # 被称为|两省|“某心桥”: who calls it so, between the cue and the quote


def _nickname(text: str, start: int, end: int) -> bool:
    """被称为两省“某心桥”, 素有“某某谷”之称, 被誉为“万里某江第一桥”: a name in quotes (maybe
    after a word or two of them) that a cue makes a figure of speech (``nickname_before`` /
    ``nickname_after`` of name_rules.json), not a name."""
    if text[end:end + 1] not in _NICK_QUOTES:
        return False
    # (“万里长江第一桥”: the name may start a few characters after the opening quote)
    start = next((k + 1 for k in range(start - 1, max(-1, start - 6), -1) if text[k] in _NICK_QUOTES), -1)
    if start <= 0 or any(c in SENT_PUNCT for c in text[start:end]):
        return False
    nr = name_rules()
    after = end + 1 + (text[end + 1:end + 2] == "的")
    if text.startswith(nr["nickname_after"], after):
        return True
    before = text[max(0, start - 1 - _NICKNAME_GAP - 4):start - 1]
    for cue in nr["nickname_before"]:
        at = before.rfind(cue)
        if at >= 0 and len(before) - at - len(cue) <= _NICKNAME_GAP and \
                not any(c in SENT_PUNCT for c in before[at + len(cue):]):
            return True
    return False


def _counted_firms(text: str, start: int, stop: int) -> bool:
    """Does a count of firms (200家, 十余家) end inside ``start``…``stop``, the part of a
    name before its suffix (家|基金公司 read after 200, 有5家|汽车集团)? 岚家旺 is a name."""
    if text.find("家", start, stop) < 0 and text.find("间", start, stop) < 0:
        return False  # (a count ends with 家 or 间 (兩間公司), and inside start…stop)
    for m in _FIRM_COUNT.finditer(text, max(0, start - 6), stop):
        if start < m.end() <= stop:
            return True
    return False


_NUMBERED_ROADS = ("国道", "省道")  # roads known by a number alone (105国道, 324省道)
_ROAD_NUMBER = re.compile(r"[GSX]\d{2,4}|\d{3}")  # (G228, 105: not a year)
_ANONYMOUS = re.compile(r"^某|[省市县区州镇乡]某")
_BARE_LEVEL = re.compile(r"[省市县区州][\u4e00-\u9fff]{1,3}")  # 市|高投 (集团): no place named
# a road's or line's code: national, provincial, county roads (G15, S11, X201), metro and
# suburban lines (M1, R2); other letters and digits name a product or a workshop line (A6线)
_ROUTE_CODE = re.compile(r"[GSXMR]\d{1,4}")
_LINE_CODE = re.compile(r"[A-Z]{1,2}\d{1,3}")


def _coded(text: str, start: int, prefix: str) -> bool:
    """Is a line named by its code (S11线, G15高速), or by a letter's code right after a
    kind of line (城际铁路F1线; that kind of line is no name itself: _CODED_LINE_AFTER)?"""
    return _ROUTE_CODE.fullmatch(prefix) is not None or (
        _LINE_CODE.fullmatch(prefix) is not None and text.endswith(ROUTE_SUFFIXES, 0, start))


def _brand_then_place(text: str, start: int, stop: int) -> bool:
    """Is text[start:stop] a firm's name, then the place of its unit (某某电机苏州|研发中心,
    某某电机（苏州）|研发中心)? A name that opens with a place (甲(乙)研发中心) is not."""
    surfaces = load().surfaces
    inside = text[start:stop]
    body = inside[:-1] if inside.endswith(("）", ")")) else inside
    at = next((k for k in range(max(0, len(body) - 8), len(body) - 1)
               if body[k:] in surfaces), None)
    if at is None:
        return False
    lead = body[:at]
    if lead.endswith(("（", "(")) != (body != inside):
        return False  # (a bracket opened before the place closes after it)
    lead = lead.rstrip("（(")
    return len(lead) >= 2 and all(CJK.match(c) for c in lead) \
        and not any(lead[:n] in surfaces for n in range(2, len(lead) + 1))


def _research_centre(name: str, prefix: str, inner: list[Mention]) -> bool:
    """A centre of a university, institute or hospital (某大学研究院创新中心), or a
    collaborative innovation centre of a field (某某医学协同创新中心), is a research
    institution, not a park; one named after places alone (甲乙协同创新中心) is a park the
    places share (``research_centres`` in ``data/name_rules.json``)."""
    rc = name_rules()["research_centres"]
    if any(prefix.find(h) >= 0 and prefix[prefix.find(h) + len(h):][:1] not in ("城", "园")
           for h in rc["held_by"]):
        return True  # (大学城, 大学园: an area of campuses, not one institution)
    suffix = next((x for x in rc["suffixes"] if name.endswith(x)), None)
    if suffix is None:
        return False
    core = name[: -len(suffix)]
    places = sum(g.end - g.start for g in inner)
    # (two characters are two places' initials, 甲乙, even when not in the table)
    return not (len(core) <= 2 or _only_abbreviations(core) or _abbreviated_places(core)
                or places >= len(core))


_ITEM = r"[0-9A-Za-z\u4e00-\u9fff·]{2,20}"
_LIST = re.compile(rf"(?:{_ITEM}、)+{_ITEM}?(?=等|及其|以及|和|与|，|,|。|；|;|$|[两三四五六七八九十]家)")
_TAIL_ITEM = re.compile(rf"(?:以及|及|和|与)({_ITEM}?)(?=等)")
_ITEM_OPENING = re.compile(rf"{_ITEM}、")  # a list's first item and its 、
_ITEM_MAX = 20  # (the longest _ITEM)


def _lists(text: str) -> Iterator[re.Match]:
    """``_LIST.finditer(text)``, tried only where a list can start. A list opens with an
    item (2 to 20 item characters) and its 、: it starts at most 20 characters before the
    first 、 after its start, with item characters only between. Whether it matches does
    not depend on where in that run it starts (what follows the 、 is the same), so for
    each 、 the leftmost such start is the one to try. (The pattern searched over a whole
    text tried 20 characters at every position of it.)"""
    cur, prev, q = 0, -1, text.find("、")
    while q >= 0:
        opening = _ITEM_OPENING.search(text, max(cur, prev + 1, q - _ITEM_MAX), q + 1)
        m = _LIST.match(text, opening.start()) if opening is not None else None
        prev = q
        if m is not None:
            yield m
            cur = m.end()
            q = text.find("、", cur)
        else:
            q = text.find("、", q + 1)


# (…等本土品牌产业: brands' industries are fields, not firms)
# (甲、乙等地配套企业: 等地 says the items are places, the firms come from them)
_LIST_KIND = re.compile(r"^等(?!地(?!方)|[省市县国城])[^，,。；;]{0,12}?(企业|公司|品牌|龙头|厂商|集团|药企|车企)"
                        r"(?!工业|产业|行业|领域|经济)")


#: 等 + a word for firms by their place in a chain (上下游, 配套): the items are their products
_SEGMENT_FIRMS = re.compile(r"等(?:产业链)?(?:上下游|上游|下游|配套|相关)(?:企业|厂商|公司)")


def list_mentions(text: str, known: list[Mention]) -> list[Mention]:
    """Items of an enumeration (A、B、C等) that share an enterprise's category.

    A list counts as a list of enterprises when one of its items is a recognised
    enterprise name, or when it is followed by 等…企业/公司.
    """
    nr = name_rules()
    out: list[Mention] = []
    index = _SpanIndex(known)
    firm_starts: dict[int, list[int]] = {}  # end → starts of enterprise names ending there
    for m in known:
        if m.category == "Enterprise":
            firm_starts.setdefault(m.end, []).append(m.start)
    for match in _lists(text):
        items, pos = [], match.start()
        for part in match.group(0).split("、"):
            items.append((pos, pos + len(part)))
            pos += len(part) + 1
        tail = _TAIL_ITEM.match(text, match.end())  # A、B以及C等企业: C is an item too
        if tail:
            items.append(tail.span(1))
        kinds = any(st >= s for s, e in items for st in firm_starts.get(e, ()))
        # (the cue is at most 15 characters long: no need to copy the rest of the text)
        after = tail.end() if tail else match.end()
        firm_kind = _LIST_KIND.match(text[after:after + 32]) is not None
        if not kinds and not firm_kind:
            continue
        if fields_follow(text, match.end()):
            continue  # 矿冶新材料、芒果深加工等领域: fields of industry, not firms
        if not kinds and _SEGMENT_FIRMS.match(text, after):
            continue  # 集聚电芯、逆变器等上下游企业: what the firms make, no firm named
        if not kinds and any(names_trade(text[s:e]) for s, e in items):
            continue  # 引进青稞加工、藏药等企业: kinds of firms, no firm named
        held: list[Mention] = []  # items of common words only, kept among enough firms
        proper = 0
        for k, (s, e) in enumerate(items):
            part = text[s:e]
            if k == 0:
                cut = part[-_left_len(text, e, 8):]
                if cut in industry_words() and (s == 0 or text[s - 1] in SENT_PUNCT) and \
                        len(part) <= 8:
                    cut = part  # ，云岭茶业、: the item is whole after punctuation (云岭, not 云|岭)
                part = _after_last_verb(trim_leading_words(_clean_name(cut), 2))
                s = e - len(part)
            near = [m for m in index.near(s, e) if m.start <= s < m.end or m.start < e <= m.end]
            if near:
                proper += any(m.category == "Enterprise" for m in near)
                continue
            if not (2 <= len(part) <= 8) or part in nr["blocked"] or _is_generic(part, nr["generic"]) \
                    or part in industry_words():  # 茶业 alone: the name lost its head
                continue
            if part.startswith("某"):
                continue
            if _common_words_only(part) and not (kinds and _brand_word(part)):
                held.append(Mention(s, e, part, "Enterprise", "Enterprise", "list"))
                continue  # 参展参会补贴, 高端制造业: an enumeration of things, not firms
            proper += 1
            out.append(Mention(s, e, part, "Enterprise", "Enterprise", "list"))
        if firm_kind and proper >= 2 and len(held) <= proper:
            out += held  # 甲药、乙康、同心等80多家企业: brands in common words among firms
    return out


def _after_last_verb(part: str) -> str:
    """联盟汇集甲乙电商: the first item of a list starts after the verb that opens the list."""
    pos, cut = 0, 0
    for word, flag in _pos(part):
        pos += len(word)
        if flag == "v" and len(word) == 2 and word_freq(word) >= COMMON_FREQ and len(part) - pos >= 2:
            cut = pos
    return part[cut:]


_COUNTED = re.compile(r"[一二三四五六七八九十几两多\d]+[个座条]")


def _brand_word(part: str) -> bool:
    """立成科技 among firms: a common word plus an industry word is a brand there."""
    rule = suffix_rules().get(next((w for w in _BRAND_SUFFIXES() if part.endswith(w)), ""))
    return rule is not None and len(part) > len(rule.suffix) + 1


@lru_cache(maxsize=1)
def _BRAND_SUFFIXES() -> tuple[str, ...]:
    return tuple(sorted((r.suffix for r in suffix_rules().values()
                         if r.weak and r.category == "Enterprise"), key=len, reverse=True))


def _left_len(text: str, e: int, limit: int) -> int:
    rule = SuffixRule("", "Enterprise", "Enterprise", 0, limit, False)
    return e - _left_boundary(text, e, rule, {})


_COMBINED_CUE = ("两地", "三地", "四地", "两市", "三市", "双城", "合作", "协作", "一体化", "同城",
                 "融合", "共建", "帮扶", "联动", "携手", "交流", "通关", "跨境")


def combined_mentions(text: str, taken: list[Mention]) -> list[Mention]:
    """深汕两地, 珠澳合作, 穗港协作: one-character abbreviations, two to four in a row,
    before a word of cooperation — one mention per place, all on the same span."""
    gaz = load()
    out: list[Mention] = []
    index = None  # (made at the first candidate: most texts have none)
    named = None  # the places the article names (likewise)
    for m in _combined_pattern("".join(sorted(gaz.combinable))).finditer(text):
        s, e = m.span(1)
        index = index or _SpanIndex(taken)
        if any(t.start < e and s < t.end for t in index.near(s, e)):
            continue
        if named is None:
            named = {k for t in taken if t.how == "gaz" for k in t.candidates[:1]}
        keys = [_written_for(c, named, gaz) for c in text[s:e]]
        if len(set(keys)) != len(keys):
            continue
        for k in keys:
            out.append(Mention(s, e, text[s:e], "Region", gaz.places[k].kind, "abbr", (k,),
                               "alias"))
    return out


@lru_cache(maxsize=4)
def _combined_pattern(chars: str) -> re.Pattern:
    """Two to four of ``chars`` right before a word of cooperation. (It had a first
    alternative for a run not preceded by a CJK character, with the same span: every
    match of one is a match of the other, so it only made the engine try twice.)"""
    return re.compile(rf"([{chars}]{{2,4}})(?=(?:{'|'.join(_COMBINED_CUE)}))")


def _written_for(c: str, named: set[str], gaz) -> str:
    """The place an abbreviation character stands for: the one place the article names
    that opens with it and lies in the place it abbreviates, when the article does not
    name that place itself (沪苏同城化 in an article naming 苏州市 but not 江苏省: 苏州)."""
    k = gaz.abbrev[c]
    if k in named:
        return k
    inside = [p for p in sorted(named) if gaz.places[p].name.startswith(c) and k in gaz.ancestors(p)]
    return inside[0] if len(inside) == 1 else k


def _media_name(text: str, end: int, start: int = -1) -> bool:
    """Does a news outlet's name go on at ``end`` (某省|日报, 【某地|商报讯】), or is the
    place at ``start``…``end`` a wire's dateline (新华社某地电, 中新网某地3月5日电)?"""
    if _media_words().match(text, end) is not None:
        return True
    return start > 0 and text[start - 1] in _WIRE_ENDS and _DATELINE.match(text, end) is not None


_WIRE_ENDS = frozenset("社网")  # 新华社, 中新网: the agency right before the place
_DATELINE = re.compile(r"(?:\d{1,2}月\d{1,2}日)?电(?:[（(【\s]|$)")


@lru_cache(maxsize=1)
def _media_words() -> re.Pattern:
    """One pattern of the words of ``media_after_place`` (a match, not a scan per word)."""
    return re.compile("|".join(map(re.escape, name_rules()["media"])) or "(?!)")


_BRACKET_PLACES = re.compile(r"[（(](?P<places>[\u4e00-\u9fff]{2,6}(?:[·・、][\u4e00-\u9fff]{2,6})?)$")


def _places_bracket(text: str, j: int) -> int | None:
    """Where the bracket closing at ``j`` opens, when it holds one or two places' names
    (（甲·乙）, （甲）) that the gazetteer knows; else None."""
    m = _BRACKET_PLACES.search(text, max(0, j - 16), j - 1)
    if m is None:
        return None
    surfaces = load().surfaces
    return m.start() if all(p in surfaces for p in re.split("[·・、]", m.group("places"))) else None


#: marks that join names in a list or a pair (甲镇—乙镇, 甲镇·乙镇), never inside a town's name
_TOWN_BREAKS = _DASHES | frozenset("·•+&")
#: the end of a line's name, then a route word (某公路自|甲镇起)
_LINE_THEN_LEAD = re.compile("[路线桥道](?:自|从|由|经|至|到)")
_COURSE_OPEN = frozenset("，,；;：: \u3000\t")  # what a course word opens its clause after


@lru_cache(maxsize=1)
def _course_words() -> frozenset[str]:
    """A line's course told with bare words (，起甲镇，经乙镇，止丙镇): the one-character start
    and end words of ``relation_cues.json`` (course bare_start, bare_end; read by courses.py)."""
    course = read_json("relation_cues.json")["course"]
    return frozenset(w for w in course["bare_start"] + course["bare_end"] if len(w) == 1)


def named_inside(m: Mention) -> list[str]:
    """The places a park's, line's or institution's name opens with, spelt in full (某县|某某
    水产城): the article names them, though the longer name is the mention. (A firm's
    registered name opens with where it is registered, 某省某某纸业有限公司: not a place the
    article is about.) A place before a quoted park word (某地“飞地园区”) is named however
    it is written."""
    if m.how not in ("suffix", "quoted") or m.category == "Enterprise":
        return []
    out, at = [], m.start
    for g in sorted(m.inner, key=lambda g: g.start):
        if g.start != at or (g.surface_how != "name" and m.how != "quoted") or not g.candidates:
            break
        out.append(g.candidates[0])
        at = g.end
    if m.category == "Infrastructure":
        out += [k for k in _route_ends(m) if k not in out]
    return out


_ROUTE_JOINS = frozenset("至到经—–-－")


def _route_ends(m: Mention) -> list[str]:
    """甲至乙航线, 甲经乙至丙的高速公路, “甲—乙”班列: the places a line's name joins are named
    by the article, whether or not it runs yet (a short form inside a line's name
    otherwise, 某某地铁, is where the line is, not a place the article names by itself)."""
    out = []
    for g in sorted(m.inner, key=lambda g: g.start):
        a, b = g.start - m.start, g.end - m.start
        if not g.candidates or not (m.text[a - 1:a] in _ROUTE_JOINS
                                    or m.text[b:b + 1] in _ROUTE_JOINS):
            continue
        nxt = min((k for k in range(b, len(m.text)) if m.text[k] in _ROUTE_JOINS),
                  default=len(m.text))
        if not any(w in m.text[b:nxt] for w in _HUB_WORDS):
            out.append(g.candidates[0])  # (甲机场至乙港航线: the ends are the hubs)
    return out


_HUB_WORDS = ("机场", "港", "站", "码头", "口岸")


_NAMED_AS = re.compile(r"(?:命名为|定名为|取名为|取名|名为)[“「]([^”」“「，,。；;]{2,12})[”」]的?"
                       r"([\u4e00-\u9fff]{0,6})")


def named_as_mentions(text: str) -> list[Mention]:
    """这座名为“某某云谷”的数字产业园: a name given in quotes after 名为, of the kind the
    noun after it says (the noun ends with a suffix of ``entity_suffixes.csv``)."""
    if "名" not in text:
        return []
    rules = suffix_rules()
    out = []
    for m in _NAMED_AS.finditer(text):
        kind = m.group(2)  # (the noun, then maybe the next words: 产业园由…)
        suffix = next((kind[k:j] for j in range(len(kind), 0, -1) for k in range(j)
                       if kind[k:j] in rules), None)
        if suffix is None or rules[suffix].category == "Region" or rules[suffix].kind == _OFFICE:
            continue  # (名为“某某”的商务局: a department, which names no entity)
        rule = rules[suffix]
        out.append(Mention(m.start(1), m.end(1), m.group(1), rule.category, rule.kind, "suffix"))
    return out


@lru_cache(maxsize=1)
def _sited_pattern() -> re.Pattern | None:
    nr = name_rules()
    if not nr["sited_cues"] or not nr["sited_words"]:
        return None
    words = "|".join(sorted(nr["sited_words"], key=len, reverse=True))
    return re.compile(rf"[\u4e00-\u9fff]{{2,8}}?(?:{words})(?=(?:[\d一二三四五六七八九]+期)?"
                      r"(?:[的，,。；;、内）)]|$))")


def _addresses(text: str, index: _SpanIndex, cues: Sequence[str]):
    """After each of ``cues``, the address written there: places, zones and parks one right
    after the other. Yields (where the address ends, its last part) for each non-empty one."""
    for cue in cues:
        at = text.find(cue)
        while at >= 0:
            k0 = k = at + len(cue)
            at = text.find(cue, k)
            last = None
            while True:
                nxt = [m for m in index.starting_in(k, k + 1)
                       if m.category in ("Region", "Park")]
                if not nxt:
                    break
                last = max(nxt, key=lambda m: m.end)
                k = last.end
            if k != k0:
                yield k, last


def sited_mentions(text: str, known: list[Mention]) -> list[Mention]:
    """位于某市某高新区某某中心2期, 入驻某工业园区某某广场: after a cue of where something
    stands and an address of known places, zones or parks, a name ending with a site word
    (``sited_words`` of name_rules.json) names a site, though no park suffix ends it."""
    pattern = _sited_pattern()
    if pattern is None:
        return []
    nr = name_rules()
    index = _SpanIndex(known)
    out: list[Mention] = []
    for k, _ in _addresses(text, index, nr["sited_cues"]):
        match = pattern.match(text, k + (text[k:k + 1] == "的"))  # (某街道的某某大厦: 的 opens no name)
        if match is None:
            continue
        name = match.group(0)
        word = next(w for w in nr["sited_words"] if name.endswith(w))
        prefix = name[:-len(word)]
        if len(prefix) < 2 or name in nr["blocked"] or _is_generic(prefix, nr["generic"]) \
                or _common_noun(prefix) or prefix in load().surfaces or \
                all(word_freq(w) >= 10 * COMMON_FREQ for w, _ in _pos(prefix)):
            continue  # 商业中心, 城市广场, 文化活动中心: what kind of site, not which
        if any(m.start < match.end() and match.start() < m.end and m.how != "gaz"
               for m in index.near(match.start(), match.end())):
            continue  # a name found by its suffix already
        out.append(Mention(match.start(), match.end(), name, "Park", "IndustrialPark",
                           "suffix", suffix=word))
    return out


_TOWN_NEXT = frozenset("的，,。；;、）)")


def bare_town_mentions(text: str, known: list[Mention]) -> list[Mention]:
    """位于某县某某的…, 落户某区某某，: after a cue of where something stands (``town_cues``)
    and a county or district, two characters that jieba's dictionary does not know as a
    word, then 的, a stop or a verb, are a town written without 镇/乡 (a place of the
    address; 某区|核心区, 某县|建厂, 某县|西部 are words, not names, and so is 某县|来做:
    two one-character verbs)."""
    nr = name_rules()
    gaz = load()
    index = _SpanIndex(known)
    out: list[Mention] = []
    for k, last in _addresses(text, index, nr["town_cues"]):
        if last.how != "gaz" or gaz.places[last.candidates[0]].level != 2:
            continue  # (a town lies in a county or district, not right in a city)
        word = text[k:k + 2]
        if len(word) < 2 or not all(CJK.match(c) and c not in SINGLE_STOPS for c in word) \
                or word[0] in nr["town_not_first"] \
                or word_freq(word) > 0 or word in gaz.surfaces:
            continue
        tags = [tag for _, tag in _pos(word)]
        if tags == ["v", "v"]:
            continue  # 搬到某县来做, 放在某县去搞: two one-character verbs, not a name
        after = text[k + 2:k + 3]
        if _next_start(text[k:k + 6], 2) != 2 or (after and after not in _TOWN_NEXT and (
                _pos(text[k + 2:k + 6])[0][1] != "v")):
            continue  # (某县|某某镇, 某县|某某产业园: the suffix reading has those)
        if any(m.start < k + 2 and k < m.end for m in index.near(k, k + 2)):
            continue
        out.append(Mention(k, k + 2, word, "Region", "Town", "suffix"))
    return out


@lru_cache(maxsize=1)
def _counted_facility() -> re.Pattern:
    words = "|".join(sorted(name_rules()["counted_facilities"], key=len, reverse=True)) or "(?!)"
    # (甲、乙两个口岸城市: the facility word, then 城市, says what kind of places they are)
    return re.compile(r"等?[两二三四五六七八九十几]+[个座处](?:大型|民用|支线|国际|主要)?"
                      rf"(?:{words})(?!城市|城镇|县市|地区)")


def _drop_facility_names(text: str, gaz: list[Mention]) -> list[Mention]:
    """拥有甲、乙、丙三个大型机场: places listed right before a count of facilities name the
    facilities (甲机场, 乙机场), not places the article is about."""
    if "个" not in text and "座" not in text and "处" not in text:
        return gaz
    drop: set[int] = set()
    ends = {m.end: i for i, m in enumerate(gaz)}
    for f in _counted_facility().finditer(text):
        i = ends.get(f.start())
        items = []
        while i is not None:
            items.append(i)
            k = gaz[i].start
            i = ends.get(k - 1) if k > 0 and text[k - 1] in "、和及与" else None
        if len(items) >= 2:
            drop.update(items)
    return [m for i, m in enumerate(gaz) if i not in drop] if drop else gaz


def _with_foreign(text: str, gaz: list[Mention]) -> list[Mention]:
    """``gaz`` and the foreign cities of ``text`` (:mod:`graph.foreignplaces`); a short
    form inside a foreign city's name (乌兰 in 乌兰巴托) is part of it."""
    places = load().places
    found = [Mention(s, e, text[s:e], "Region", places[key].kind, "gaz", (key,), "name")
             for s, e, key in foreign_places(text)]
    if not found:
        return gaz
    taken = bytearray(len(text) + 1)
    for m in found:
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)
    kept = [m for m in gaz if not any(taken[m.start:m.end])]
    return sorted(kept + found, key=lambda m: m.start)


def find_mentions(text: str) -> list[Mention]:
    """All mentions in ``text`` (non-overlapping, sorted by position)."""
    gaz = [m for m in gazetteer_mentions(text) if not _media_name(text, m.end, m.start)]
    gaz = _with_foreign(text, _drop_facility_names(text, gaz))
    named = drop_listed_fields(text, join_branches(suffix_mentions(text, gaz)))
    named += named_as_mentions(text)
    named += subarea_mentions(text, named)
    named += zone_park_mentions(text, named, lambda words: _is_generic(words, name_rules()["generic"]))
    named = bracketed_parts(text, named)
    known = sorted(gaz + named, key=lambda m: (m.start, m.end))
    named += sited_mentions(text, known)
    named += bare_town_mentions(text, known)
    named += township_mentions(text, gaz, lambda words: _is_generic(words, name_rules()["generic"]))
    spans = [(m.start, m.end, m) for m in named]
    listed = list_mentions(text, named)
    listed += paired_firms(text, named + listed)
    spans += [(m.start, m.end, m) for m in listed]
    covered = bytearray(len(text) + 1)
    result = []
    for s, e, m in _longest_non_overlapping(spans):
        result.append(m)
        if e > s:
            covered[s:e] = b"\x01" * (e - s)
    for m in gaz:
        if not any(covered[m.start:m.end]):
            result.append(m)
    result += combined_mentions(text, result)
    return sorted(result, key=lambda m: (m.start, m.end, m.candidates))
