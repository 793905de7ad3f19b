"""Firms named by their place's one-character form as one side of a split (called from
relations.py): “甬企总部+乙地生产基地”, 沪企研发、乙地制造 — 甬企 (the firms of 宁波) stands
for the place its character abbreviates (``data/region_abbrev.csv``), the function after
it is that place's side.

Words live in ``graph/data/split_cues.json`` (``firm_of_place``).
"""
from __future__ import annotations

import re
from functools import lru_cache
from types import SimpleNamespace

from .linking import add_places
from .postag import word_freq
from .resources import alternation, read_json


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    from .gazetteer import load

    chars = "".join(sorted(load().abbrev))
    firm = alternation(read_json("split_cues.json")["firm_of_place"])
    return re.compile(f"([{re.escape(chars)}])(?:{firm})")


def names_a_side(text: str) -> bool:
    """Does ``text`` hold a place's one-character form + firm_of_place (a sentence with no
    other mention may still be a split: 港方负责研发，深方负责生产)?"""
    return _pattern().search(text) is not None


def _in_word(text: str, at: int) -> bool:
    """Is the character at ``at`` the end of a word with the one before it (香港企业, 平台企业:
    no place's form, but part of a name or a word)?"""
    from .gazetteer import load

    two = text[at - 1:at + 1]
    return at > 0 and (two in load().surfaces or word_freq(two) > 0)


def firm_sides(ctx, function_after: re.Pattern, is_function) -> list[tuple]:
    """Segments (start, end, function text, place) of 甬企总部 / 沪企研发 in the sentence:
    ``is_function(text)``: does the text after the firms name functions only?"""
    text, out = ctx.sent.text, []
    for m in _pattern().finditer(text):
        if _in_word(text, m.start()):
            continue
        f = function_after.match(text, m.end())
        if not f or not is_function(f.group(1)):
            continue
        key = ctx.gaz.abbrev[m.group(1)]
        if key not in ctx.gaz.places:
            continue
        add_places(ctx.entities, ctx.gaz, [key] + ctx.gaz.ancestors(key))
        out.append((m.start(), f.end(), f.group(1), SimpleNamespace(key=key)))
    return out
