"""Twinning told as one side's share of a pairing scheme (called from relations.py):

* 其中甲市负责乙、丙、丁三县 — a place right before a charge verb (负责, 承担) pairs with
  each place listed right after it;
* 甲省承担乙地区丙、丁两县的对口支援任务 — likewise, the list closed by its count and 的 + cue
  (or opened by the cue and closed by 的 + a duty word: 承担着对口支援丙县、丁县的任务);
* 甲省对口支援乙市，目前负责丙区、丁县 — a clause that opens with the verb takes the place
  opening an earlier clause as its subject.

Only where the sentence, or the sentence before it in the same paragraph, has a pairing
cue (``kind``): 负责 alone is any duty. Words live in ``graph/data/twin_cues.json``
(charge_verbs, count_units, carry_lead, duty_words).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from .resources import alternation, read_json
from .twinclauses import _subject as subject_before, joint_abbreviation

_NUMERAL = "[一二两三四五六七八九十0-9]+个?"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    c = read_json("twin_cues.json")
    verb = re.compile(alternation(c["charge_verbs"]))
    lead = re.compile(f"(?:{alternation(c['carry_lead'] + ['其中', '则', '主要', '具体'])})*")
    tail = re.compile(f"(?:等)?(?:{_NUMERAL}(?:{alternation(c['count_units'])}))?(?:等地)?")
    return verb, lead, tail


@lru_cache(maxsize=1)
def _duty() -> re.Pattern:
    return re.compile(alternation(read_json("twin_cues.json")["duty_words"]))


def _regions(ctx) -> list:
    return [lk for lk in ctx.items if ctx.cat(lk) == "Region" and lk.mention.how != "anaphor"
            and not joint_abbreviation(ctx, lk)]


def _helper(ctx, regions: list, at: int):
    """The place the charge verb at ``at`` is said of: the one right before it (adverbs
    between), not one of a list (甲、乙负责…); else, when the clause opens with the verb,
    the place opening an earlier clause."""
    text = ctx.sent.text
    _, lead, _ = _patterns()
    before = [lk for lk in regions if ctx.rel(lk)[1] <= at]
    if before:
        lk = before[-1]
        s, e = ctx.rel(lk)
        if lead.fullmatch(text, e, at):
            return None if s and text[s - 1] in "、和与及同" else lk
    cs = max(text.rfind(c, 0, at) for c in "，,：:") + 1
    if cs and lead.fullmatch(text, cs, at):
        return subject_before(ctx, cs)
    return None


def _listed(ctx, regions: list, at: int, cue: re.Pattern, run: Callable) -> list[str]:
    """The places listed from offset ``at`` on (a pairing cue may stand first: 负责对口支援
    甲、乙), when the list closes the clause or is followed by 的 + a pairing cue."""
    text = ctx.sent.text
    at += text.startswith(("了", "着", "著"), at)  # (承担着对口支援甲、乙的任务)
    cm = cue.match(text, at)
    at = cm.end() if cm else at
    items = [lk for lk in regions if ctx.rel(lk)[0] >= at]
    if not items or ctx.rel(items[0])[0] != at:
        return []
    keys = run(ctx, items)
    ends = [ctx.rel(lk)[1] for lk in items if lk.key == keys[-1]]
    if not ends:
        return []
    end = _patterns()[2].match(text, max(ends)).end()
    if end == len(text) or text[end] in "，,。；;！!" or (
            text[end] == "的" and (cue.match(text, end + 1) or cm and _duty().match(text, end + 1))):
        return keys  # (…的对口支援任务; after a cue, …的任务)
    return []


def says_charge(text: str) -> bool:
    """The sentence has a charge verb (the gate before any pairing cue is looked for)."""
    return _patterns()[0].search(text) is not None


def charged_pairs(ctx, kind: str | None, cue: re.Pattern, run: Callable,
                  unrelated: Callable) -> list[tuple[str, str, str]]:
    """(helper, place, kind) for each place a place takes charge of; ``kind``: the pairing
    cue of the sentence or of the one before it (None: no pairing spoken of)."""
    if kind is None:
        return []
    verb = _patterns()[0]
    regions = _regions(ctx)
    out = []
    for m in verb.finditer(ctx.sent.text):
        helper = _helper(ctx, regions, m.start())
        if helper is None:
            continue
        for k in _listed(ctx, regions, m.end(), cue, run):
            if unrelated(ctx, helper.key, k):
                out.append((helper.key, k, kind))
    return out
