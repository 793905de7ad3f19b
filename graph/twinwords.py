"""Twinning cue words that name a kind of work, not a pair (called from relations.py):
产业协作更加紧密, 在公共服务、产业协作等领域, 消费帮扶直营店 — the word is a topic, a list
item or a modifier of a noun, and says nothing about which governments are paired.

Words live in ``graph/data/twin_cues.json``.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .resources import alternation, read_json


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    c = read_json("twin_cues.json")
    return (re.compile(f"(?:的)?(?:{alternation(c['generic_after'])})"),
            re.compile(f"、|(?:{alternation(c['list_end'])})"))


def generic(text: str, m: re.Match) -> bool:
    """The cue at ``m`` names a kind of work (a list item, a topic, a noun's modifier)."""
    after, listed = _patterns()
    if after.match(text, m.end()) or listed.match(text, m.end()):
        return True
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
