"""Firms announced as moving into a park, then listed item by item (called from relations.py).

A notice or report announces who moves in and lists them below::

    经研究，以下5家企业获准入驻P，名单如下：
    一、企业名单
    1.A有限公司。总部设在……
    2.B有限公司。……
    二、有关事项

Every firm or institution named at the head of a numbered item after such an announcement
is in P (``located.roster``): the item opens with its name, alone or listed (A、B以及C),
ended by a stop or a separator. The list runs until a numbered heading of the next rank
(二、), a line that is no numbered item after the items began, or the next announcement.
The cue words are data: ``roster_*`` of ``data/settle_cues.json``.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .linking import Linked
from .model import Fact
from .resources import alternation, read_json
from .settling import MEMBERS


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    c = read_json("settle_cues.json")
    return {
        # 以下7家企业（团队）首批入驻 / 下列单位进驻: what follows is the list
        "announce": re.compile(
            f"(?:{alternation(c['roster_ahead'])})[^。；;！!？?]{{0,14}}?"
            f"(?:{alternation(c['roster_kinds'])})[^。；;！!？?]{{0,8}}?"
            f"(?:{alternation(c['roster_verbs'])})"),
        # 1. / 1、/ (一) / （六）至（九）： / ① at the head of a line
        "item": re.compile(
            r"\s*(?:\d{1,2}[\.．、)）]|[（(](?:[一二三四五六七八九十]{1,3}|\d{1,2})[)）]|[①-⑳])"
            r"(?:至(?:\d{1,2}[\.．]?|[（(](?:[一二三四五六七八九十]{1,3}|\d{1,2})[)）]))?[:：]?\s*"),
        # 二、 / 三. : a heading of the rank above the items
        "heading": re.compile(r"\s*[一二三四五六七八九十]{1,3}[、\.．]"),
        "sep": re.compile(f"(?:{alternation(c['roster_separators'])})"),
        "close": re.compile(r"[。；;，,：:]|$"),
    }


def _line_start(text: str, at: int) -> bool:
    i = at - 1
    while i >= 0 and text[i] in " \t\u3000":
        i -= 1
    return i < 0 or text[i] == "\n"


def _heads(ctx, at: int) -> list[Linked]:
    """The firms and institutions listed from offset ``at`` of the sentence, each ended by
    a separator or a stop (A、B以及C。)."""
    text, p = ctx.sent.text, _patterns()
    out: list[Linked] = []
    for lk in ctx.items_from(at):
        s, e = ctx.rel(lk)
        if s != at or ctx.cat(lk) not in MEMBERS:
            break
        sep = p["sep"].match(text, e)
        if sep:
            out.append(lk)
            at = sep.end()
            continue
        if p["close"].match(text, e):
            out.append(lk)
        break
    return out


def roster_members(ctxs: list) -> list[Fact]:
    """``located.roster`` facts of a document's sentence contexts (in order)."""
    p = _patterns()
    if not ctxs or not p["announce"].search(ctxs[0].doc.norm):
        return []  # (most articles announce no list: one scan, not one per sentence)
    facts: list[Fact] = []
    host: Linked | None = None
    began = False
    for ctx in ctxs:
        text, doc = ctx.sent.text, ctx.doc.norm
        m = p["announce"].search(text)
        if m:
            parks = [lk for lk in ctx.items_from(m.end()) if ctx.cat(lk) == "Park"]
            host, began = (parks[0] if parks else None), False
            continue
        if host is None or not _line_start(doc, ctx.sent.start):
            continue
        if p["heading"].match(text) and began:
            host = None  # 二、有关事项: the list is over
            continue
        item = p["item"].match(text)
        if item is None:
            if began:
                host = None  # prose after the items
            continue
        began = True
        facts += [ctx.fact("located_in", {"entity": lk.key, "place": host.key}, "located.roster", 0.6)
                  for lk in _heads(ctx, item.end()) if lk.key != host.key]
    return facts
