"""Connections told by the name of a service on a route (called from relations.py):

* ``connect.name`` 甲至乙航线, 甲经停乙至丙航线, “甲—乙港”海铁联运班列, 「甲—乙」冷链专列,
  “甲—乙—丙”班列: the route written in the name (for a train, in its quoted label) joins its ends and
  stops. An end written as an airport or a port (甲机场至乙机场航线, “甲—乙港”班列) is
  that airport or port as written, not the city it is named after. The kind of service
  before the route word is no part of the last end (甲港至乙港客滚航线); an end abroad
  (甲至万象国际货运航线) is not read, and the route joins the other end alone.

Words live in ``graph/data/route_cues.json`` (``service_quoted``, ``service_via``,
``service_to``, ``service_kinds``, ``hub_kinds``).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .courses import abroad_name, bare_place
from .linking import Linked, fold_label
from .model import Entity, Fact
from .resources import alternation
from .routes import _cues

#: the kinds of route a service's name ends with (甲至乙航线, 甲至乙高速, 甲—乙港班列)
_ROUTE_WORDS = r"(?:航线|快线|专线|班列|专列|城际铁路|城际|高速铁路|铁路|高铁|高速公路|高速|公路|快速路|快速通道|快速干线|线)$"


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    c = _cues()
    return {
        # “甲—乙港”海铁联运班列: a quoted label, then words of the service
        "quoted": re.compile(f"[“「\"]([^”」\"]+)[”」\"][^“「\"]*(?:{alternation(c['service_quoted'])})$"),
        "via": re.compile(alternation(c["service_via"])),
        "to": re.compile(alternation(c["service_to"])),
        "hub": re.compile(f"(?:{alternation(list(c['hub_kinds']))})$"),
        "tail": re.compile(r"的.*$"),  # 乙的直飞: what follows the end is no part of it
        # 甲至乙(客滚)航线: the two ends, the kinds of service, then the kind of route
        "route": re.compile(rf"^(.+?)(?:至|到|—|-)(.+?)(?:{alternation(c['service_kinds'])})*"
                            + _ROUTE_WORDS),
    }


def _route_parts(name: str) -> list[str]:
    """The places a service's name says it runs between, in order (stops included);
    [] when the name tells no route."""
    p = _patterns()
    m = p["quoted"].search(name)
    if m:
        first, *rest = p["to"].split(m.group(1))
        if not rest:
            return []
    else:
        r = p["route"].match(name)
        if not r:
            return []
        first, rest = r.group(1), p["to"].split(p["tail"].sub("", r.group(2)))
    parts = p["via"].split(first) + rest  # (甲—乙—丙班列: every place of the chain)
    return parts if all(parts) else []


def _hub(ctx, part: str) -> str | None:
    """The airport or port ``part`` names (甲机场, 乙港), made an entity when new; None when
    ``part`` is no such name (a place, even one ending in 港: 香港)."""
    m = _patterns()["hub"].search(part)
    if not m or len(part) - len(m.group(0)) < 2 or part in ctx.gaz.surfaces:
        return None
    label = unicodedata.normalize("NFKC", part)
    key = f"infrastructure:{fold_label(label)}"
    if key not in ctx.entities:
        ctx.entities[key] = Entity(key, label, "Infrastructure", _cues()["hub_kinds"][m.group(0)])
    return key


def _place(ctx, lk: Linked, part: str, doc_places: set[str]) -> str | None:
    """The place a bare end of a route's name stands for: one named inside the name, an
    entity of the article with that label, else one the gazetteer resolves in context."""
    inner = [x for x in lk.mention.inner if x.text in part]
    if inner:
        return inner[0].candidates[0]
    known = [k for k, e in ctx.entities.items() if e.label == part]
    if not known:
        named = set(ctx.entities)
        known = bare_place(ctx, part, doc_places)
        if not (known and known[0] in named):
            known = _named_holding(ctx, part, named) or known
    return known[0] if known else None


def _named_holding(ctx, part: str, named: set[str]) -> list[str]:
    """[the one place of ``named`` (the article's) whose name holds ``part``] (延吉至白河高速铁路
    in an article naming 二道白河镇), else [] — before a namesake the gazetteer knows elsewhere."""
    if len(part) < 2:
        return []
    hits = sorted(k for k in named if ctx.entities[k].category == "Region" and part in ctx.entities[k].label)
    return hits if len(hits) == 1 else []


def route_ends(ctx, lk: Linked, doc_places: set[str]) -> list[str]:
    """The ends and stops of the route ``lk``'s name tells, in order ([] if it tells none
    or a stop is unknown). An end that is no place of ours but a short name (甲至仰光国际
    货运航线) is a place abroad, which is not read: the route still joins the other end."""
    keys, abroad = [], 0
    parts = _route_parts(lk.mention.text)
    for i, part in enumerate(parts):
        key = _hub(ctx, part) or _place(ctx, lk, part, doc_places)
        if key is None:
            if abroad or i not in (0, len(parts) - 1) or not abroad_name(ctx.gaz, part):
                return []
            abroad += 1
            continue
        keys.append(key)
    keys = list(dict.fromkeys(keys))
    return keys if len(keys) + abroad >= 2 else []


def named_routes(ctx, doc_places: set[str]) -> list[Fact]:
    """A至B航线, “A—B港”班列: every infrastructure of the sentence whose name tells its route."""
    out = []
    for lk in ctx.items:
        if ctx.cat(lk) != "Infrastructure":
            continue
        keys = route_ends(ctx, lk, doc_places)
        if keys:
            out.append(ctx.fact("connection", {"infra": lk.key, "places": tuple(keys)},
                                "connect.name", 0.8))
    return out


def ends_at_hub(ctx, name: str) -> bool:
    """Does the route a service's name writes end or start at an airport or port written as
    one (甲—乙港班列)? Read from the name alone, making no entity."""
    hub = _patterns()["hub"]
    return any((m := hub.search(part)) and len(part) - len(m.group(0)) >= 2
               and part not in ctx.gaz.surfaces for part in _route_parts(name))


def labelled(name: str) -> bool:
    """“甲—乙港”海铁联运班列: does the name carry a quoted route label (its places are the
    label's ends, not every place written in it)?"""
    return _patterns()["quoted"].search(name) is not None
