"""Parks named after the zone they stand in (called from :mod:`graph.mentions`).

甲市经开区新能源装备产业园, 落户于某某经济技术开发区的智能装备产业园: a zone's name, maybe 的,
then industry words alone and a park word. Industry words alone name no park
(生物医药产业园 is a kind), but right after a zone they name that zone's park: the mention
is the park's own name without the zone (新能源装备产业园), which the zone's name before it
places; after a verb (在某开发区建设电子信息工业园) the name starts after the verb. Words in ``zone_parks`` of ``data/name_rules.json``.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .postag import pos_tags
from .resources import alternation, read_json

_NOT_NAME_TAGS = frozenset("vpdrmcu")  # 在某示范区共建产业园: a verb (or a function word) opens prose
_ZONE_KINDS = ("DevelopmentZone", "NewArea", "CooperationZone", "FunctionalArea")


@lru_cache(maxsize=1)
def _rules() -> tuple[re.Pattern[str], tuple[str, ...]]:
    c = read_json("name_rules.json")["zone_parks"]
    return (re.compile(f"的?([\u4e00-\u9fff]{{2,8}}?)(?:{alternation(c['suffixes'])})"),
            tuple(c["not_first"]))


def zone_park_mentions(text: str, named: list, generic) -> list:
    """Parks named by industry words right after a zone's name (``named``: the mentions found
    so far; ``generic(words)``: are these industry words alone?)."""
    from .mentions import Mention  # (mentions imports this module)

    pattern, not_first = _rules()
    taken = sorted((m.start, m.end) for m in named)
    out = []
    for m in named:
        if m.category != "Region" or m.kind not in _ZONE_KINDS:
            continue
        w = pattern.match(text, m.end)
        if w is None:
            continue
        words, start, end = w.group(1), w.start(1), w.end()
        first, tag = pos_tags(words)[0]
        if tag.startswith("v") and len(words) - len(first) >= 2:
            words, start = words[len(first):], start + len(first)  # 在某开发区建设|某某工业园
            first, tag = pos_tags(words)[0]
        if words.startswith(not_first) or not generic(words) or tag[:1] in _NOT_NAME_TAGS:
            continue
        if any(s < end and start < e for s, e in taken):
            continue
        out.append(Mention(start, end, text[start:end], "Park", "IndustrialPark", "suffix",
                           suffix=text[w.end(1):end], inner=[]))
    return out
