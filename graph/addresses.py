"""The county of a town in an address chain (called from relations.py).

位于开化县华埠镇 / 在清城区石角镇: a park placed in a town of a county is in the county
too; news names the county as often as the town, so both are kept.
"""
from __future__ import annotations


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
