"""What a park's name alone says about who built it (called from relations.py).

A name that joins two places (甲乙合作产业园, 甲市—乙县协作园) suggests the two built it
together only when nothing else in the sentence says so if the places are peers — governments
of the same rank (two cities, two counties, two provinces). A province with a district
(京曹: 北京 and 曹妃甸) names where the industry comes from and where it goes, not two
builders.
"""
from __future__ import annotations

import re

_JOINT = re.compile(r"合作|协作|协同|共建")


def _level(ctx, key: str) -> int | None:
    """A place's administrative level; a zone ranks one below the place it lies in (a
    city's high-tech zone with the city's districts and counties)."""
    below = 0
    while key and key not in ctx.gaz.places:
        key = ctx.entities[key].parent if key in ctx.entities else None
        below = 1
    return min(ctx.gaz.places[key].level + below, 2) if key else None


def peers(ctx, keys: list[str]) -> bool:
    """The places are of one administrative rank (county-level cities count as counties)."""
    levels = {_level(ctx, k) for k in keys}
    return len(levels) == 1 and None not in levels


def joint_by_name(ctx, name: str, keys: list[str]) -> bool:
    """甲乙合作产业园 with 甲, 乙 peers: the name says the park is built jointly."""
    return len(keys) >= 2 and bool(_JOINT.search(name)) and peers(ctx, keys)


_BRACKETED = re.compile(r"[（(]([^（()）]{2,4})[)）]")
_SHORT_TAILS = ("园区", "园")


def bracketed_short_forms(linked: list, entities: dict, anaphor) -> list:
    """新罗园区 for 厦龙（新罗）山海协作产业园: a park named by the place in brackets of one
    park's name (the part of it in that place) and 园区 is that park, wherever the short form
    stands (a headline before the full name too). A bracketed place in the names of two
    parks says nothing. ``anaphor(lk, key)`` re-links a mention to ``key``."""
    owner: dict[str, set[str]] = {}
    for lk in linked:
        if entities[lk.key].category == "Park" and lk.mention.how != "anaphor":
            for part in _BRACKETED.findall(lk.mention.text):
                owner.setdefault(part, set()).add(lk.key)
    if not owner:
        return linked
    out = []
    for lk in linked:
        text = lk.mention.text
        if entities[lk.key].category == "Park" and not _BRACKETED.search(text):
            for tail in _SHORT_TAILS:
                keys = owner.get(text[: -len(tail)], set()) if text.endswith(tail) else set()
                if len(keys) == 1 and lk.key not in keys:
                    lk = anaphor(lk, next(iter(keys)))
                    break
        out.append(lk)
    return out
