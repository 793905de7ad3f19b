"""Twinning cue words that name a kind of work, not a pair (called from relations.py):
产业协作更加紧密, 在公共服务、产业协作等领域, 消费帮扶直营店 — the word is a topic, a list
item or a modifier of a noun, and says nothing about which governments are paired.

Also the places one side of a pairing lists (A结对帮扶B、C两地, but not A结对B、C结对D),
and places that are no pair of each other: the joined objects of one cue (主要帮扶甲县和乙县)
and a 、-list closed by 等 (甲、乙等地谋划山海协作项目).

Words live in ``graph/data/twin_cues.json``.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .resources import alternation, read_json


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    c = read_json("twin_cues.json")
    return (re.compile(f"(?:的)?(?:{alternation(c['generic_after'])})"),
            re.compile(f"、|(?:{alternation(c['list_end'])})"),
            re.compile(alternation(c["adverb_after"])),
            re.compile(alternation(c["scheme_marks"])))


def scheme_words(words: list[str]) -> list[str]:
    """The cue words that name a pairing scheme when a park is named after it
    (东西部协作产业园, 山海协作产业园), not a kind of work (产业协作园)."""
    other = set(read_json("twin_cues.json")["not_a_scheme"])
    return [w for w in words if len(w) >= 4 and w not in other]


def generic(text: str, m: re.Match) -> bool:
    """The cue at ``m`` names a kind of work (a list item, a topic, a noun's modifier)."""
    after, listed, adverb, scheme = _patterns()
    if after.match(text, m.end()) or listed.match(text, m.end()):
        return True
    if adverb.match(text, m.end()) and not scheme.search(m.group(0)):
        return True  # 产业协作更加紧密 (but 东西部协作不断深化: the scheme goes on)
    return m.start() > 0 and text[m.start() - 1] == "、"


def first_cue(cue: re.Pattern, text: str, start: int = 0, end: int | None = None) -> re.Match | None:
    """The first cue in ``text[start:end]`` that is not generic."""
    for m in cue.finditer(text, start, len(text) if end is None else end):
        if not generic(text, m):
            return m
    return None


def once_per_pair(facts: list) -> list:
    """One twinning fact per pair of places in a sentence (the first cue names its kind)."""
    seen: set[frozenset] = set()
    out = []
    for f in facts:
        pair = frozenset((f.args["a"], f.args["b"]))
        if pair not in seen:
            seen.add(pair)
            out.append(f)
    return out


_LIST_GAPS = ("、", "和", "及", "与")


def paired_run(ctx, right: list, cue: re.Pattern) -> list[str]:
    """The keys of the places listed from ``right[0]`` on (an address chain counts once as
    its last place); a place followed at once by a pairing cue opens the next pair and
    ends the list."""
    text = ctx.sent.text
    out: list[str] = []
    prev_end = None
    for lk in right:
        s, e = ctx.rel(lk)
        if prev_end is not None:
            gap = text[prev_end:s]
            if gap == "" and out:
                out[-1] = lk.key  # 宁夏固原市: the chain's last place
                prev_end = e
                continue
            if gap not in _LIST_GAPS or cue.match(text, e):
                break
        out.append(lk.key)
        prev_end = e
    return list(dict.fromkeys(out))


@lru_cache(maxsize=1)
def _joined_and_group() -> tuple[tuple[str, ...], re.Pattern]:
    c = read_json("twin_cues.json")
    return tuple(c["objects_joined"]), re.compile(alternation(c["group_after"]))


def objects_of_cue(text: str, spans: list[tuple[int, int]], at: int) -> bool:
    """Every place (``spans``, sorted) follows the cue ending at ``at`` as its joined objects:
    a 、-list anywhere after it (对口支援甲县、乙县), or places joined by 和/及 right after it
    (主要帮扶甲县和乙县; not 开展协作的甲市和乙市, where the places are the cue's subjects)."""
    joined, _ = _joined_and_group()
    if not spans or spans[0][0] < at:
        return False
    gaps = [text[a[1]:b[0]] for a, b in zip(spans, spans[1:])]
    if any("、" in g for g in gaps):
        return True
    return bool(gaps) and spans[0][0] - at <= 1 and text[at:spans[0][0]] in ("", "了") \
        and all(g in joined for g in gaps)


@lru_cache(maxsize=1)
def _went_to() -> tuple[str, ...]:
    return tuple(read_json("twin_cues.json")["went_to"])


def destinations(text: str, spans: list[tuple[int, int]]) -> bool:
    """The places (``spans``, sorted) are joined objects of a motion verb right before them
    (选派干部赴甲县和乙县开展帮扶): where people go, not a pair of each other. An address
    chain (新疆阿克苏地区温宿县) is one place of the list."""
    joined, _ = _joined_and_group()
    if len(spans) < 2 or not text.endswith(_went_to(), 0, spans[0][0]):
        return False
    gaps = [text[a[1]:b[0]] for a, b in zip(spans, spans[1:])]
    return all(g in joined or g in ("", "、") for g in gaps) and any(g for g in gaps)


def listed_group(text: str, spans: list[tuple[int, int]]) -> bool:
    """The places (``spans``, sorted) form one 、-list closed by 等 (甲、乙等地): a group
    doing alike, not a pair of each other."""
    _, group = _joined_and_group()
    return len(spans) >= 2 and all(text[a[1]:b[0]] == "、" for a, b in zip(spans, spans[1:])) \
        and bool(group.match(text, spans[-1][1]))
