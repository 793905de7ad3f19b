"""Status, date and quantities stated in a sentence.

* status: planned (将/计划/有望/拟), under construction (正在建设/加快推进),
  completed (已建成/揭牌/投产/开通) — cue words in ``data/relation_cues.json``; when a
  sentence has several, the most advanced stated as done wins over plans only if no plan
  word governs it (将于…投产 is planned);
* date: absolute (2023年6月, 2024年) or relative (今年11月, 去年6月, 明年) resolved
  against the article's date;
* quantities: area (亩, 平方米, 平方公里, 万平方米 → square metres), money (亿元, 万元 →
  yuan), firm counts (入驻企业14家, 4家公司) — numbers via cn2an when written in Chinese.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .resources import read_json

MU_M2 = 2000 / 3  # 1 亩 = 666.67 m²


@lru_cache(maxsize=1)
def _status_cues() -> dict[str, list[str]]:
    return read_json("relation_cues.json")["status"]


@lru_cache(maxsize=1)
def _status_patterns() -> dict[str, re.Pattern]:
    """One pattern per status: its leftmost match is the first cue word in the text."""
    return {k: re.compile("|".join(re.escape(w) for w in words))
            for k, words in _status_cues().items()}


def sentence_status(text: str) -> str | None:
    cues = _status_patterns()
    planned = _first(text, cues["planned"])
    done = _first(text, cues["completed"])
    building = _first(text, cues["under_construction"])
    if done is not None and re.search(r"已|正式|成功|顺利|了", text[max(0, done - 3):done + 4]):
        return "completed"
    if planned is not None and (done is None or planned < done) and (
            building is None or planned < building):
        return "planned"
    if building is not None:
        return "under_construction"
    if done is not None:
        return "completed"
    return None


def _first(text: str, words: re.Pattern) -> int | None:
    m = words.search(text)
    return m.start() if m else None


_ABS = re.compile(r"((?:19|20)\d{2})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?")
_REL = re.compile(r"(今年|去年|明年|前年)(?:(\d{1,2})月(?:(\d{1,2})日)?)?")
_MD = re.compile(r"(?<![\d年])(\d{1,2})月(\d{1,2})日")


def sentence_date(text: str, doc_date: str | None) -> str | None:
    """The first date stated in ``text`` (ISO, as precise as the text is)."""
    m = _ABS.search(text)
    if m:
        return _iso(int(m.group(1)), m.group(2), m.group(3))
    m = _REL.search(text)
    if m and doc_date:
        year = int(doc_date[:4]) + {"今年": 0, "去年": -1, "明年": 1, "前年": -2}[m.group(1)]
        return _iso(year, m.group(2), m.group(3))
    m = _MD.search(text)
    if m and doc_date:
        return _iso(int(doc_date[:4]), m.group(1), m.group(2))
    return None


def _iso(year: int, month: str | None, day: str | None) -> str:
    if month and 1 <= int(month) <= 12:
        if day and 1 <= int(day) <= 31:
            return f"{year:04d}-{int(month):02d}-{int(day):02d}"
        return f"{year:04d}-{int(month):02d}"
    return f"{year:04d}"


_NUM = r"(\d+(?:\.\d+)?|[零一二两三四五六七八九十百千万亿点]+)"
_QTY = re.compile(_NUM + r"\s*(万|亿)?\s*(平方公里|平方千米|平方米|㎡|m2|亩|亿元|万元|元|家)")


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        pass
    try:
        import cn2an

        return float(cn2an.cn2an(text, "smart"))
    except Exception:  # noqa: BLE001 - cn2an raises plain ValueError/KeyError variants
        return None


def quantities(text: str) -> list[dict]:
    """Areas (m²), money (yuan) and firm counts stated in ``text``."""
    out = []
    for m in _QTY.finditer(text):
        value = _number(m.group(1))
        if value is None:
            continue
        mult = {"万": 1e4, "亿": 1e8, None: 1}[m.group(2)]
        unit = m.group(3)
        if unit in ("平方公里", "平方千米"):
            out.append(_q("area", "m2", value * mult * 1e6, m.group(0)))
        elif unit in ("平方米", "㎡", "m2"):
            out.append(_q("area", "m2", value * mult, m.group(0)))
        elif unit == "亩":
            out.append(_q("area", "m2", value * mult * MU_M2, m.group(0)))
        elif unit == "亿元":
            out.append(_q("money", "CNY", value * mult * 1e8, m.group(0)))
        elif unit == "万元":
            out.append(_q("money", "CNY", value * mult * 1e4, m.group(0)))
        elif unit == "元":
            out.append(_q("money", "CNY", value * mult, m.group(0)))
        elif unit == "家" and re.search(r"企业|公司|家$", text[m.end():m.end() + 4] + "家"):
            out.append(_q("firms", "count", value * mult, m.group(0)))
    return out


def _q(kind: str, unit: str, value: float, text: str) -> dict:
    return {"kind": kind, "unit": unit, "value": round(value, 2), "text": text}
