"""Townships of the divisions the gazetteer holds no lower level for (called from
graph/mentions.py): right after the name of such a city or county — Taiwan's (台中市西屯區,
彰化縣和美鎮, 新竹縣竹北市) — a name of two or three characters and 区, 镇, 乡 or 市 is a
township of that division (a town, found by its suffix; linking.py hangs it under the city).

Names of kinds of places (台中市工业区, 新竹县科学园区: generic words) are none. The divisions
are the cities and counties of a province one of whose cities the gazetteer holds nothing
under (Taiwan's).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

#: a township's name and its level word, right after its city or county
_TOWNSHIP = re.compile(r"([\u4e00-\u9fff]{2,3}?)([区镇乡市])(?![\u4e00-\u9fff]{0,1}(?:[区镇乡市县]|政府|中心|园))")
#: what a town's name never opens with (各镇, 该镇, 全镇 …; also read by mentions.py)
NOT_TOWN_FIRST = frozenset("各该全每本此这那其")
#: what a township's name never opens with: those, and the kinds of urban area (市区, 城区,
#: 郊区, 辖区 …)
_NOT_NAMES = NOT_TOWN_FIRST | frozenset("市城郊辖园县")


@lru_cache(maxsize=1)
def without_counties() -> frozenset[str]:
    """The cities and counties of the provinces whose cities the gazetteer holds nothing
    under (Taiwan's; places abroad are not ours)."""
    from .gazetteer import load

    gaz = load()
    parents = {a[0] for k in gaz.places for a in [gaz.ancestors(k)] if a}
    provinces = {gaz.ancestors(k)[0] for k, p in gaz.places.items()
                 if p.level == 1 and k not in parents and gaz.ancestors(k)
                 and not k.startswith("region:foreign")}
    return frozenset(k for k, p in gaz.places.items() if p.level in (1, 2) and gaz.ancestors(k)
                     and gaz.ancestors(k)[-1] in provinces)


def township_mentions(text: str, gaz: list, generic: Callable[[str], bool]) -> list:
    """The townships written right after a city or county of a province the gazetteer
    lists no counties for (``gaz``: its mentions; ``generic``: is a prefix generic words
    only)."""
    from .mentions import Mention  # (mentions imports this module)

    bare = without_counties()
    out = []
    for g in gaz:
        key = g.candidates[0] if g.candidates else ""
        if g.category != "Region" or key not in bare:
            continue
        m = _TOWNSHIP.match(text, g.end)
        if m is None or m.group(1)[0] in _NOT_NAMES or generic(m.group(1)):
            continue
        out.append(Mention(m.start(), m.end(), m.group(0), "Region", "Town", "suffix",
                           suffix=m.group(2)))
    said = {m.start for m in out}
    for name, suffix in sorted({(m.text, m.suffix) for m in out}):
        # (the township written alone later: 台中市北屯区…把研发留在北屯区)
        out += [Mention(k.start(), k.end(), name, "Region", "Town", "suffix", suffix=suffix)
                for k in re.finditer(re.escape(name), text) if k.start() not in said]
    return out
