"""Forward or reverse: which way an enclave faces (called from relations.py).

* A name that says R&D, incubation or recruiting (某县(某市)科创中心, 离岸孵化中心,
  招商引才中心) names a reverse enclave: the owner's foothold inside the host.
* An enclave whose host does the upstream half and whose owner the downstream half of a
  function split the article states (孵化在甲、产业化在乙 for an enclave 乙(甲)…) is reverse
  too: the owner does its R&D in the host.
* An enclave owned from outside the core cities (municipalities, provincial capitals,
  separately planned cities) that stands in an urban district or zone of one is the
  owner's foothold in the richer host: reverse. One on a county's land stays forward.
* A county's enclave in the seat of its own prefecture (an urban district, or the
  county-level city named as the prefecture: 某地区某县 in 某市) is reverse too: the poorer
  county's foothold in its central city.
* An enclave one of Zhejiang's 26 mountain counties owns in another place of Zhejiang or
  in a core city (the poorer side of 山海协作 in a coastal county: its 产业飞地 or
  消薄飞地) is reverse too.

A park its owner and its host are said to build together (甲乙两地共建的甲乙产业园) is not
one side's enclave by its name alone.

Words live in ``graph/data/enclave_cues.json``.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .resources import alternation, read_json


@lru_cache(maxsize=1)
def _innovation() -> re.Pattern:
    return re.compile(alternation(read_json("enclave_cues.json")["innovation_name"]))


#: 协同创新产业园: an innovation word that only qualifies a production park's industry
_OF_PRODUCTION = re.compile(r"产业园|工业园|产业基地|制造")


def innovation_name(name: str) -> bool:
    """The enclave's name says it is an R&D / incubation / recruiting foothold (not 创新
    right before a production park's word: 甲(乙)协同创新产业园 is a park of production)."""
    return any(not (m.group() == "创新" and _OF_PRODUCTION.match(name, m.end()))
               for m in _innovation().finditer(name))


def reverse_by_split(facts: list, gaz) -> list:
    """Forward enclaves turned reverse when the article's function split runs from the host
    (upstream) to the owner (downstream); other facts unchanged."""
    splits = list(dict.fromkeys((f.args["up"], f.args["down"]) for f in facts
                                if f.relation == "pairing"))
    if not splits:
        return facts
    out = []
    turned: dict[tuple[str, str], bool] = {}  # (host, owner) → reverse (asked once per pair)
    for f in facts:
        if f.relation == "enclave" and f.args["kind"] == "forward":
            pair = (f.args["host"], f.args["owner"])
            if pair not in turned:
                turned[pair] = any(gaz.nested(up, pair[0]) and gaz.nested(down, pair[1])
                                   for up, down in splits)
            if turned[pair]:
                f = replace(f, args={**f.args, "kind": "reverse"})
        out.append(f)
    return out


def built_by_both(facts: list, park: str, a: str, b: str) -> bool:
    """Some rule says ``a`` and ``b`` (both among the partners) build ``park`` together."""
    return any(f.relation == "co_built" and f.args["park"] == park
               and {a, b} <= set(f.args["partners"]) for f in facts)


def joint_with_host(facts: list, park: str, owner: str, host: str, gaz) -> bool:
    """A verb says ``owner`` and a partner at or around ``host`` build ``park`` together."""
    for f in facts:
        if f.relation == "co_built" and f.rule == "cobuilt.verb" and f.args["park"] == park:
            partners = f.args["partners"]
            if owner in partners and any(gaz.nested(p, host) for p in partners if p != owner):
                return True
    return False


@lru_cache(maxsize=1)
def _core_names() -> frozenset[str]:
    return frozenset(read_json("enclave_cues.json")["core_cities"])


def _place_of(key: str, entities: dict, gaz) -> str | None:
    """The gazetteer place ``key`` is, or the nearest one its parents lead to (a zone)."""
    seen = set()
    while key and key not in gaz.places and key not in seen:
        seen.add(key)
        key = entities[key].parent if key in entities else None
    return key if key in gaz.places else None


def _core(key: str | None, gaz) -> bool:
    return key is not None and any(
        gaz.places[k].name in _core_names() for k in [key] + gaz.ancestors(key))


@lru_cache(maxsize=1)
def _mountain_names() -> frozenset[str]:
    return frozenset(read_json("enclave_cues.json")["mountain_counties"])


def _mountain(key: str, gaz) -> bool:
    """One of Zhejiang's 26 mountain counties (山区26县), or a place inside one."""
    return _in_zhejiang(key, gaz) and any(gaz.places[k].name in _mountain_names()
                                          for k in [key] + gaz.ancestors(key))


def mountain_side(keys: list[str], gaz) -> tuple[str, str] | None:
    """(host, owner) of an enclave named after two places of Zhejiang, one of them a mountain
    county (甲—乙“产业飞地”, 乙 in the hills): the mountain county's foothold in the other; else None."""
    places = [k for k in keys if k in gaz.places]
    if len(places) != 2 or not all(_in_zhejiang(k, gaz) for k in places):
        return None
    hill = [k for k in places if _mountain(k, gaz)]
    if len(hill) != 1:
        return None
    return next(k for k in places if k != hill[0]), hill[0]


def _in_zhejiang(key: str, gaz) -> bool:
    return any((gaz.places[k].adcode or "").startswith("33") for k in [key] + gaz.ancestors(key))


def _county_to_seat(owner: str, host: str, gaz) -> bool:
    """A county (县, 旗) whose enclave stands in the seat of its own prefecture: an urban
    district of it, or the county-level city named as the prefecture is (某地区某县 in 某市)."""
    o, h = gaz.places[owner], gaz.places[host]
    if o.kind != "County" or not o.name.endswith(("县", "旗")) or o.parent is None:
        return False
    seat = h
    while seat.parent is not None and seat.parent != o.parent and seat.parent in gaz.places:
        seat = gaz.places[seat.parent]  # (a place inside the seat: the seat)
    if seat.parent != o.parent or seat.key == o.key:
        return False
    prefecture = gaz.places[o.parent].name
    return seat.kind == "District" or seat.name.endswith("市") and seat.name[:2] == prefecture[:2]


def _on_county_land(key: str | None, gaz) -> bool:
    """In a county or county-level city (乡村 land for production), not an urban district."""
    return key is not None and any(
        gaz.places[k].kind == "County" for k in [key] + gaz.ancestors(key))


def reverse_by_standing(facts: list, entities: dict, gaz) -> list:
    """Forward enclaves turned reverse when the owner lies outside the core cities and
    the enclave stands in an urban district or zone of one (its host, and every place
    the article puts it in), or the owner is a mountain county of Zhejiang and the host
    another place of Zhejiang or a core city — unless the article's function split has
    the host do the downstream half (北京研发、西宁加工: a production site in the capital
    stays forward); other facts unchanged."""
    sites: dict[str, list[str]] = {}
    for f in facts:
        if f.relation == "located_in":
            sites.setdefault(f.args["entity"], []).append(f.args["place"])
    downs = {f.args["down"] for f in facts if f.relation == "pairing"}
    out = []
    for f in facts:
        if f.relation == "enclave" and f.args["kind"] == "forward":
            owner = _place_of(f.args["owner"], entities, gaz)
            where = [_place_of(k, entities, gaz) for k in [f.args["host"]] + sites.get(f.args["enclave"], [])]
            host = where[0]
            if owner is not None and host is not None and (
                    not _core(owner, gaz) and _core(host, gaz)
                    and not any(_on_county_land(k, gaz) for k in where)
                    or _mountain(owner, gaz) and not _mountain(host, gaz)
                    and (_in_zhejiang(host, gaz) or _core(host, gaz))
                    or _county_to_seat(owner, host, gaz)) \
                    and not any(gaz.nested(d, host) for d in downs if d in gaz.places):
                f = replace(f, args={**f.args, "kind": "reverse"})
        out.append(f)
    return out
