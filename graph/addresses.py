"""Levels of an address chain (called from relations.py).

* 位于德清县新市镇 / 在南海区狮山镇: a park placed in a town of a county is in the county
  too; news names the county as often as the town, so both are kept;
* 在某高新区某科创园设立X: X is in each park or zone of the chain, not only the
  last (the divisions before them stay out: the most specific one says it).
"""
from __future__ import annotations

ZONE_KINDS = ("DevelopmentZone", "CooperationZone", "NewArea")


def is_zone(ctx, lk) -> bool:
    """A zone found by its name (某某经济开发区), which can be located like a park."""
    return lk.key.startswith("zone:") and ctx.entities[lk.key].kind in ZONE_KINDS


def address_levels(ctx, chain: list, places: list) -> list:
    """``places`` plus the county right before a town that ends ``chain``."""
    if len(chain) < 2 or ctx.entities[chain[-1].key].kind != "Town":
        return places
    county = chain[-2]
    e = ctx.entities[county.key]
    if e.category != "Region" or e.kind in ("Province", "SpecialAdministrativeRegion", "City", "Town") \
            or county in places:
        return places
    return places + [county]


def hosts_in_chain(ctx, chain: list, thing) -> list:
    """The parks and zones of ``chain`` (the places before its last one) that ``thing``
    stands in too."""
    return [lk for lk in chain if lk.key != thing.key and (
        ctx.cat(lk) == "Park" or is_zone(ctx, lk))]
