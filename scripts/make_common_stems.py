#!/usr/bin/env python3
"""Regenerate graph/data/common_stems.txt: short forms of divisions that are also common
words (合作 of 合作市, 资源 of 资源县, 新兴 of 新兴县 …).

Uses jieba's dictionary (word, frequency, POS) at development time only: a short form is
listed when jieba knows it as a frequent word whose tag is not a place name (ns).
Usage: pip install jieba && python scripts/make_common_stems.py
"""
from __future__ import annotations

from pathlib import Path

import jieba

from graph.gazetteer import load
from graph.mentions import name_rules

OUT = Path(__file__).resolve().parents[1] / "graph" / "data" / "common_stems.txt"
MIN_FREQ = 300
# generic words that are also the full name of some district (城区 of 汕尾, 郊区 of 铜陵 …)
GENERIC_NAMES = ("城区", "郊区", "矿区", "市中区", "新区", "开发区", "江海", "新城区", "老城区",
                 "城中区", "城东区", "城西区", "城北区", "新市区", "东区", "西区")
# short forms of cities that are also set phrases in news (白银 in 真金白银): the full name
# (白银市) must be written for the short form to count
CITY_WORDS = ("白银",)
# short forms of districts that are also names of larger regions (中原 "the Central Plains",
# 江南, 河西 "west of the river"): the full name (中原区) must be written
REGION_WORDS = ("中原", "江南", "河西", "河东", "江东", "城东", "城西")
# short forms of Taiwan's cities and counties that are words inside others (台中 in 平台中心)
INSIDE_WORDS = ("台中", "台南", "台东", "南投", "基隆", "新北", "桃园")


def main() -> None:
    dict_path = Path(jieba.__file__).parent / "dict.txt"
    words = {}
    for line in dict_path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3:
            words[parts[0]] = (int(parts[1]), parts[2])
    gaz = load()
    # short forms that are generic words of names (新城 "new town" of 新城区, 海港 of 海港区):
    # 科创新城, 滨海新城 are descriptions, not the district
    generic = set(name_rules()["generic"])
    out = []
    for surface, entries in gaz.surfaces.items():
        if all(how == "name" for _, how in entries):
            continue
        if any(gaz.places[k].level <= 1 for k, _ in entries):
            continue  # provinces and cities are meant when their short form is written
        freq, tag = words.get(surface, (0, ""))
        if (freq >= MIN_FREQ and tag != "ns") or surface in generic:
            out.append(surface)
    out.extend(g for g in GENERIC_NAMES + CITY_WORDS + REGION_WORDS + INSIDE_WORDS if g in gaz.surfaces and g not in out)
    OUT.write_text("# short forms of divisions that are also common words (see script)\n"
                   + "\n".join(sorted(out)) + "\n", encoding="utf-8")
    print(f"{len(out)} stems → {OUT}")


if __name__ == "__main__":
    main()
