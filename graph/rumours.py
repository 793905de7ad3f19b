"""Quoted rumours denied: 网上流传的“P将整体迁往Y”一说…该说法与事实不符.

A rumour word (route_cues.json ``rumour``: 流传, 网传, 传闻 …) before a quote, and a denial
(``denied``, ``denied_after``) after the quote in the same sentence, or in the sentence right
after it when that one names nothing but places and what the first names: what the quote
says is no fact. Every row of that sentence read from inside the quote alone (each of its
entities named there) goes, whatever the relation; rows that also rest on names outside
the quote (not a word pointing back, 园区) stay.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .model import Fact
from .resources import alternation, read_json

#: a quoted stretch (“…”, 「…」, "…")
_QUOTE = re.compile(r"“([^“”]{2,80})”|「([^「」]{2,80})」|\"([^\"]{2,80})\"")

#: how far a rumour word may stand before the quote (网络上流传的“…”, 网传“…”)
_LEAD = 8


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    cues = read_json("route_cues.json")
    return (re.compile(alternation(cues["rumour"])),
            re.compile(alternation(cues["denied"] + cues["denied_after"])))


def _denied_quotes(text: str, next_text: str) -> list[tuple[int, int]]:
    """(start, end) of each quote in ``text`` told as a rumour and denied after it."""
    rumour, denied = _patterns()
    out = []
    for m in _QUOTE.finditer(text):
        lead = text[max(0, m.start() - _LEAD):m.start()]
        if rumour.search(lead) and (denied.search(text, m.end()) or denied.search(next_text)):
            out.append((m.start() + 1, m.end() - 1))
    return out


def drop_denied_quotes(ctxs, facts: list[Fact]) -> list[Fact]:
    """``facts`` without the rows read only from a quoted rumour that is denied."""
    inside: dict[int, set[str]] = {}  # sentence start -> keys named inside a denied quote
    outside: dict[int, set[str]] = {}
    for i, ctx in enumerate(ctxs):
        text = ctx.sent.text
        nxt = ctxs[i + 1] if i + 1 < len(ctxs) else None
        said = {lk.key for lk in ctx.items}
        other = nxt is None or any(nxt.cat(lk) != "Region" and lk.key not in said for lk in nxt.items)
        # (…“X将延伸至甲”。Y的有关说法不实: the next sentence denies what it names, not X)
        quotes = _denied_quotes(text, "" if other else nxt.sent.text)
        if not quotes:
            continue
        for lk in ctx.items:
            s, e = ctx.rel(lk)
            quoted = any(a <= s and e <= b for a, b in quotes)
            if not quoted and lk.mention.how == "anaphor":
                continue  # (…一说，该说法不实，园区仍在原址: points back, names nothing new)
            (inside if quoted else outside).setdefault(ctx.sent.start, set()).add(lk.key)
    if not inside:
        return facts
    entities = ctxs[0].entities  # (the keys a fact rests on, not its text fields)
    return [f for f in facts if not (
        (keys := {k for k in f.arg_strings() if k in entities}) and keys <= inside.get(f.span.start, set())
        and not keys & outside.get(f.span.start, set()))]
