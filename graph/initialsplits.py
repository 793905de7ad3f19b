"""Function splits named by one character of each place (called from relations.py):

* ``split.initials``  “甲研乙造” / 「甲研乙產」的模式: 研 after the first place's character is the
  upstream side (R&D), 造 / 产 / 转 after the second's the downstream one. Each character
  stands for the one place the article names that opens with it (else that holds it, else
  whose official abbreviation it is); a character that fits no place, or two, is no side.
  The places named up to the slogan's sentence are read first (成都与重庆…“蓉研渝造”, a
  district 渝北区 named further on is not the 渝 of the slogan), then the whole article's.

Words live in ``graph/data/split_cues.json`` (``initials``).
"""
from __future__ import annotations

import re
from functools import lru_cache

from .resources import read_json


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
