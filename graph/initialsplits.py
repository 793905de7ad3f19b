"""Function splits named by one character of each place (called from relations.py):

* ``split.initials``  “甲研乙造” / 「甲研乙產」的模式: 研 after the first place's character is the
  upstream side (R&D), 造 / 产 / 转 after the second's the downstream one. Each character
  stands for the one place the article names that opens with it (else that holds it, else
  whose official abbreviation it is); a character that fits no place, or two, is no side.
  The places named up to the slogan's sentence are read first (成都与重庆…“蓉研渝造”, a
  district 渝北区 named further on is not the 渝 of the slogan), then the whole article's.

* ``split.pair_initials``  “京津研发、河北制造”: two places named by one character each, then
  an upstream function, and after the comma a place and a downstream one — each of the two
  places is upstream of the third. Each character is read as in ``split.initials``; a pair
  that is itself a place's name (南京研发) is left to the other rules.

Words live in ``graph/data/split_cues.json`` (``initials``).
"""
from __future__ import annotations

import re
from functools import lru_cache

from .functionwords import first_function, function_index
from .resources import read_json
from .routes import line_initials


@lru_cache(maxsize=1)
def _cues() -> dict:
    return read_json("split_cues.json")["initials"]


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    c = _cues()
    ups = "".join(c["up"])
    downs = "".join(c["down"])
    return re.compile(rf"(?:^|(?<=[{c['open']}]))([\u4e00-\u9fff])([{ups}])([\u4e00-\u9fff])([{downs}])"
                      rf"(?=[{c['close']}])")


def place_for(char: str, named: list[str], entities, gaz) -> str | None:
    """The place the article names that ``char`` stands for (see the module notes)."""
    labels = [(k, entities[k].label) for k in named]
    for fits in (lambda lab: lab.startswith(char),
                 lambda lab: char in lab[:-1] or (len(lab) <= 2 and char in lab)):
        got = {k for k, lab in labels if fits(lab)}
        if len(got) == 1:
            return got.pop()
        if got:
            return None
    k = gaz.abbrev.get(char)
    return k if k is not None and (k in named or any(k in gaz.ancestors(n) for n in named)) else None


def _side(char: str, named: dict[str, int], ctx) -> str | None:
    """The place ``char`` stands for: among the places named up to the end of the sentence,
    else among all the article names."""
    so_far = [k for k, at in named.items() if at < ctx.sent.end]
    return place_for(char, so_far, ctx.entities, ctx.gaz) or \
        place_for(char, list(named), ctx.entities, ctx.gaz)


def initial_splits(ctx, named: dict[str, int]) -> list:
    """``named``: the keys of the places the article names, in order, with where each is
    first named."""
    text = ctx.sent.text
    c, out = _cues(), []
    if not any(u in text for u in c["up"]):
        return []  # (no upstream character: no slogan of this form)
    for m in _pattern().finditer(text):
        up, down = (_side(m.group(g), named, ctx) for g in (1, 3))
        if up is None or down is None or up == down:
            continue
        ufn, utext = c["up"][m.group(2)]
        dfn, dtext = c["down"][m.group(4)]
        out.append(ctx.fact("pairing", {"up": up, "down": down, "up_fn": ufn, "down_fn": dfn,
                                        "up_text": utext, "down_text": dtext}, "split.initials", 0.7))
    return out


@lru_cache(maxsize=1)
def _pair_pattern() -> re.Pattern:
    c = _cues()
    return re.compile(rf"(?<=[{c['open']}])([\u4e00-\u9fff])([\u4e00-\u9fff])([\u4e00-\u9fff]{{2,5}}?)[、，,]")


def _role(words: str, role: str) -> str | None:
    """The function id of ``words`` when they open with a function word of ``role``."""
    m = first_function(words)
    if m is None or m.start() != 0:
        return None
    fid, r = function_index()[1][m.group(0)]
    return fid if r == role else None


def _line_side(char: str, named: list[str]) -> str | None:
    """The one named place ``char`` is the short form of in line names (宁 for 南京市), the
    places written inside the sentence's names, or holding its zones (南京江北新区), among them."""
    got = {k for k in named if char in line_initials(k)}
    return got.pop() if len(got) == 1 else None


def pair_initial_splits(ctx, named: dict[str, int]) -> list:
    """“京津研发、河北制造”: each of two places a character names is upstream of the place
    after the comma."""
    text = ctx.sent.text
    close = _cues()["close"]
    if not any(ch in text for ch in close):
        return []
    out = []
    for m in _pair_pattern().finditer(text):
        up_fn = _role(m.group(3), "upstream")
        if up_fn is None or ctx.starting_at(m.start(1)):
            continue  # (no upstream function, or the two characters open a place's name)
        downs = [lk for lk in ctx.starting_at(m.end()) if ctx.cat(lk) == "Region"]
        if not downs:
            continue
        end = ctx.rel(downs[0])[1]
        stop = min([i for i in (text.find(ch, end) for ch in close) if i >= 0] or [-1])
        down_fn = _role(text[end:stop], "downstream") if stop > end else None
        if down_fn is None:
            continue
        inner = {x.candidates[0] for lk in ctx.items for x in lk.mention.inner if x.candidates} | {
            ctx.entities[lk.key].parent for lk in ctx.items if ctx.entities[lk.key].parent}
        ups = [_side(m.group(g), named, ctx) or _line_side(m.group(g), [*named, *inner])
               for g in (1, 2)]
        down = downs[0].key
        if None in ups or len({*ups, down}) != 3:
            continue
        for up in ups:
            out.append(ctx.fact("pairing", {"up": up, "down": down, "up_fn": up_fn, "down_fn": down_fn,
                                            "up_text": m.group(3), "down_text": text[end:stop]},
                                "split.pair_initials", 0.65))
    return out
