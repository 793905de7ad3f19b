"""Twinning told by a clause whose subject an earlier clause named (called from relations.py):

* 某省持续对口支援某市，目前对口支援甲县、乙县: the clause opens with its cue (after
  adverbs such as 目前), so the place opening an earlier clause pairs with each place listed;
* 某县抢抓机遇，与某市某区建立结对关系: the clause opens with 与 and a place before its
  cue — the earlier clause's place pairs with it.

Also: two places read from one abbreviation (粤赣对口合作: 广东 and 江西 at one span) name a
scheme, not one side of a pair with another place of the clause; before a scheme word that
is no twinning cue alone (冀晋协作) they are the pair.
Words live in ``graph/data/twin_cues.json`` (carry_lead, after_pair).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from .resources import alternation, read_json
from .splitclauses import chain_end
from .twinwords import generic

_WITH = "与同跟"
_JOINED = "与和、及同跟"


@lru_cache(maxsize=1)
def _lead() -> re.Pattern:
    return re.compile(f"[\\s“”\"「」]*(?:{alternation(read_json('twin_cues.json')['carry_lead'])})*")


def joint_abbreviation(ctx, lk) -> bool:
    """``lk`` is one of several places read from one abbreviation (粤赣 → 广东, 江西)."""
    return lk.mention.how == "abbr" and any(
        o is not lk and o.start == lk.start and o.end == lk.end and o.key != lk.key
        for o in ctx.items)


@lru_cache(maxsize=1)
def _after_pair() -> re.Pattern:
    return re.compile(alternation(read_json("twin_cues.json")["after_pair"]))


def abbreviated_schemes(ctx, text: str) -> list[tuple[str, str, str]]:
    """冀晋协作, 湘赣协作: two places read from one abbreviation right before a scheme word
    (``text``: the sentence with names of parks and firms blanked) are paired; each pair
    with the scheme's name as written."""
    if not _after_pair().search(text):
        return []  # (no scheme word: nothing to pair, before the items are compared)
    at: dict[tuple[int, int], list[str]] = {}
    for lk in ctx.items:
        if joint_abbreviation(ctx, lk):
            at.setdefault(ctx.rel(lk), []).append(lk.key)
    out = []
    for (s, e), keys in at.items():
        keys = list(dict.fromkeys(keys))
        m = _after_pair().match(text, e)
        if len(keys) == 2 and m and not generic(text, m):
            out.append((keys[0], keys[1], text[s:m.end()]))
    return out


def _region_at(ctx, at: int):
    for lk in ctx.items:
        if ctx.rel(lk)[0] == at and ctx.cat(lk) == "Region" and lk.mention.how != "anaphor" \
                and not joint_abbreviation(ctx, lk):
            return chain_end(ctx, lk)
    return None


def _subject(ctx, before: int):
    """The place opening the nearest earlier clause that opens with a name (not a pair of
    places: 甲与乙…), else None."""
    text = ctx.sent.text
    for s, e in reversed([c for c in ctx.clauses() if c[1] <= before]):
        at = _lead().match(text, s).end()
        lk = _region_at(ctx, at)
        if lk is not None:
            end = ctx.rel(lk)[1]
            return None if end < len(text) and text[end] in _JOINED else lk
        if any(ctx.rel(x)[0] == at for x in ctx.items):
            return None  # the clause opens with a park or a firm: another subject
    return None


def carried_pairs(ctx, cs: int, ce: int, cue: re.Match, run: Callable) -> list[tuple[str, str]]:
    """The pairs of a clause (``cs``–``ce``, its cue ``cue`` at sentence offsets) that opens
    with its cue or with 与 + places: the earlier clause's subject with each place.
    ``run``: relations._run (places listed with 、/和, an address chain once)."""
    text = ctx.sent.text
    at = _lead().match(text, cs, ce).end()
    if at < ce and text[at] in _WITH and cue.start() > at + 1:
        first, stop = at + 1, cue.start()
    elif at == cue.start():
        first, stop = cue.end(), ce
    else:
        return []
    items = [lk for lk in ctx.items if first <= ctx.rel(lk)[0] < stop and ctx.cat(lk) == "Region"
             and lk.mention.how != "anaphor"]
    if not items or ctx.rel(items[0])[0] != first:
        return []
    subject = _subject(ctx, cs)
    if subject is None:
        return []
    return [(subject.key, k) for k in run(ctx, items) if k != subject.key]
