"""Pairings written as rows rather than sentences (called from relations.py):

* **a table of pairs** — a header row whose cells name a helping side (帮扶方, 支援城市,
  东部地区 …) and a helped side (被帮扶方, 受援地区, 西部地区 …; a web page's table comes as
  Markdown rows, cells between pipes), maybe a column of jointly built parks (重点共建
  平台), then one row per helper: ``1　甲市　乙市、丙市　甲(乙)产业园；甲(丙)产业园``. Each
  helper pairs with each place of its row (``twin.row``); a park of the row is built by the
  helper and the helped place its name brackets (or the row's only one) when the header or
  the note under the table says the parks are built jointly (``cobuilt.row``);
* **a list of pairs after a pairing cue** — ``…对口协作甲、乙两省区。其中：`` then lines
  ``甲市——乙市、丙市``: each line's first place pairs with each place after the dash;
* **a table without a header** under such a line or a title (``附表：某某结对关系``), rows of
  two cells that are each wholly a place (``甲市　乙县``, maybe after a row number).

Rows are read by lines of the document (a row may hold several sentences: ；ends one).
Words live in ``graph/data/twin_cues.json`` (``row_giver``, ``row_taker``, ``row_parks``,
``row_built``).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from functools import lru_cache

from .linking import Linked
from .model import Fact
from .resources import alternation, read_json
from .textnorm import ITEM_MARK

#: a cell of a row (the reader folds tabs and ideographic spaces between cells to spaces;
#: a web page's table comes as Markdown rows, cells between pipes)
CELL = re.compile(r"[^\s|]+")
#: a Markdown table's rule under its header (|---|---|)
RULE = re.compile(r"[\s|:\-]*-[\s|:\-]*")
#: 甲市——乙市、丙市: a place, a dash or a colon, then the places it is paired with
_DASHED = re.compile(rf"\s*(?:(?:{ITEM_MARK.pattern}|[\d一二三四五六七八九十]{{1,2}}[)）])\s*)?"
                     r"(?P<giver>[^—－:：\s]{2,14}?)\s*(?:——|—|－|：|:)\s*(?P<takers>[^—－:：]{2,80}?)[。；;]?\s*$")
#: a title line (杭州市各区结对帮扶情况, 表1 结对一览): short, no clause punctuation
_HEADING = re.compile(r"(?:(?:附表|附件|表)\s*[\d一二三四五六七八九十]{0,2}\s*[：:]\s*)?[^。，,；;！？!?：:]{4,30}")
#: a cell that only numbers a row (1, 2., （三）), or heads the column of those numbers (序号)
_NUMBER = re.compile(rf"\d{{1,3}}[.．、]?|{ITEM_MARK.pattern}|序号|编号|序")
_ITEM_SEP = re.compile(r"[、，,；;和及]")
#: a cell that dates a row (2021年9月, 2022.3, 2021年至今)
_DATED = re.compile(r"\d{4}(?:[年.\-/]\d{1,2}(?:[月.\-/]\d{1,2}日?|月)?|年)?(?:[起至以]今?来?|至今)?")
#: zones a row's park cell may name besides parks (甲乙特别合作区: a co-built zone)
_BUILT_ZONES = ("CooperationZone", "NewArea")


@lru_cache(maxsize=1)
def _words() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    c = read_json("twin_cues.json")
    return (re.compile(alternation(c["row_giver"])), re.compile(alternation(c["row_taker"])),
            re.compile(alternation(c["row_parks"])), re.compile(alternation(c["row_built"])))


def _lines(text: str) -> list[tuple[int, int]]:
    out, at = [], 0
    for line in text.split("\n"):
        out.append((at, at + len(line)))
        at += len(line) + 1
    return out


class Items:
    """The document's linked mentions by position, and the sentence context of each offset."""

    def __init__(self, ctxs: list) -> None:
        self.ctxs = ctxs
        self.items = sorted((lk for c in ctxs for lk in c.items), key=lambda lk: (lk.start, lk.end))
        self.starts = [lk.start for lk in self.items]
        self.sent_starts = [c.sent.start for c in ctxs]

    def within(self, s: int, e: int) -> list[Linked]:
        i = bisect_left(self.starts, s)
        out = []
        while i < len(self.items) and self.items[i].start < e:
            if self.items[i].end <= e:
                out.append(self.items[i])
            i += 1
        return out

    def ctx_at(self, at: int):
        i = bisect_left(self.sent_starts, at + 1) - 1
        return self.ctxs[max(0, i)]


def cells_of(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """The cells of the line from ``s`` to ``e``: (start, end) offsets in ``text``."""
    return [m.span() for m in CELL.finditer(text, s, e)]


def _place(ctx, found: list[Linked]) -> str | None:
    """The place a cell or list item names: the last of its places (广西百色市 → 百色市)."""
    regions = [lk for lk in found if ctx.entities[lk.key].category == "Region"
               and lk.mention.how != "anaphor"]
    return regions[-1].key if regions else None


def place_list(idx: Items, text: str, s: int, e: int, sep: re.Pattern = _ITEM_SEP) -> list[str]:
    """The places listed from ``s`` to ``e`` (甲市、乙市和丙市), one per item (``sep``: what
    parts the items)."""
    out: list[str] = []
    at = s
    named = idx.within(s, e)
    seps = [m for m in sep.finditer(text, s, e)
            if not any(lk.start <= m.start() < lk.end for lk in named)]  # (云和县: 和 is no separator)
    for m in seps + [None]:
        end = m.start() if m else e
        got = _place(idx.ctx_at(at), idx.within(at, end))
        if got and got not in out:
            out.append(got)
        at = m.end() if m else e
    return out


def pair_rows(ctxs: list, cue: re.Pattern, unrelated: Callable[[object, str, str], bool]) -> list[Fact]:
    """The twinning (and co-built) facts of the document's tables and lists of pairs."""
    if not ctxs:
        return []
    text = ctxs[0].doc.norm
    giver_w, taker_w, parks_w, built_w = _words()
    if not giver_w.search(text) and not (any(c in text for c in "—－：: |") and cue.search(text)):
        return []  # (no table header, nor a pairing cue with dashes, colons or cells: most articles)
    idx = Items(ctxs)
    lines = _lines(text)
    out: list[Fact] = []
    header: tuple[int, int, int | None, bool] | None = None  # giver col, taker col, parks col, built
    kind = "结对"
    last_row: tuple[str, list[str], object] | None = None
    lead = -1  # the last line that is neither blank nor an item 甲市——乙市 (what a list follows)
    for n, (s, e) in enumerate(lines):
        line = text[s:e]
        if RULE.fullmatch(line) and (header is None or last_row is None):
            continue  # (the rule under a Markdown header, one with a header of places too)
        cells = cells_of(text, s, e)
        if len(cells) >= 2:
            words = [text[a:b] for a, b in cells]
            g = next((i for i, w in enumerate(words) if giver_w.search(w) and not taker_w.search(w)), None)
            t = next((i for i, w in enumerate(words) if taker_w.search(w)), None)
            if g is not None and t is not None and g != t:
                p = next((i for i, w in enumerate(words) if parks_w.search(w)), None)
                below = text[e:lines[min(len(lines) - 1, n + 12)][1]]
                built = p is not None and (bool(built_w.search(words[p])) or bool(built_w.search(below)))
                header = (g, t, p, built)
                said = cue.search(text, lines[max(0, n - 3)][0], e)
                kind = said.group(0) if said else "结对"
                last_row = None
                continue
        if header is not None and len(cells) >= max(header[0], header[1]) + 1:
            g, t, p, built = header
            ctx = idx.ctx_at(cells[g][0])
            giver = _place(ctx, idx.within(*cells[g]))
            takers = place_list(idx, text, *cells[t])
            if giver is None or not takers:
                header = None if not line.strip() else header
                continue
            row_ctx = idx.ctx_at(cells[t][0])
            for k in takers:
                if unrelated(row_ctx, giver, k):
                    out.append(row_ctx.fact("twinning", {"a": giver, "b": k, "kind": kind},
                                            "twin.row", 0.6))
            last_row = (giver, takers, row_ctx)
            if p is not None and built and p < len(cells):
                out += _row_parks(idx, cells[p][0], e, giver, takers)
            continue
        if header is not None and last_row is not None and header[3] and _only_parks(idx, text, s, e):
            out += _row_parks(idx, s, e, last_row[0], last_row[1])  # (the row's park cell goes on)
            continue
        if line.strip():
            header, last_row = None, None
        bare = _bare_row(idx, text, cells) if lead >= 0 else None
        if bare is not None:
            found = _listing(text[lines[lead][0]:lines[lead][1]].rstrip(), cue)
            if found is not None:
                ctx = idx.ctx_at(cells[-1][0])
                if unrelated(ctx, *bare):
                    out.append(ctx.fact("twinning", {"a": bare[0], "b": bare[1], "kind": found.group(0)},
                                        "twin.row", 0.6))
                continue
        item = _DASHED.fullmatch(text, s, e)
        if item is not None and not idx.within(item.start("giver"), item.end("giver")):
            item = None  # (附表：…, 其中：… open a title or a clause, not an item)
        if item is not None and lead >= 0:
            out += _dashed(idx, text[lines[lead][0]:lines[lead][1]].rstrip(), item, cue, unrelated)
        elif item is None and line.strip():
            lead = n
    return out


def _only_parks(idx: Items, text: str, s: int, e: int) -> bool:
    """Does the line hold park names only (and separators)? (a row's last cell going on)"""
    parks = [lk for lk in idx.within(s, e) if idx.ctx_at(lk.start).entities[lk.key].category == "Park"]
    if not parks:
        return False
    covered = set()
    for lk in parks:
        covered.update(range(lk.start, lk.end))
    return all(i in covered or text[i] in "；;、，, \t\u3000。" for i in range(s, e))


def _row_parks(idx: Items, s: int, e: int, giver: str, takers: list[str]) -> list[Fact]:
    out = []
    for lk in idx.within(s, e):
        ctx = idx.ctx_at(lk.start)
        if lk.mention.how == "anaphor" or not (ctx.entities[lk.key].category == "Park"
                                               or ctx.entities[lk.key].kind in _BUILT_ZONES):
            continue
        named = [x.candidates[0] for x in lk.mention.inner if x.candidates]
        helped = [k for k in takers if k in named] or (takers if len(takers) == 1 else [])
        if len(helped) == 1 and giver != helped[0]:
            out.append(ctx.fact("co_built", {"park": lk.key, "partners": (giver, helped[0])}, "cobuilt.row", 0.6))
    return out


def _listing(lead: str, cue: re.Pattern) -> re.Match | None:
    """The pairing cue of a line that introduces a list: it ends with a colon or is a title."""
    found = cue.search(lead)
    if found is None or not (lead.endswith(("：", ":")) or _HEADING.fullmatch(lead.strip())):
        return None
    return found


def _bare_row(idx: Items, text: str, cells: list[tuple[int, int]]) -> tuple[str, str] | None:
    """A row of two cells that are each wholly one place (``甲市　乙县``, maybe after a number
    cell, maybe before cells dating the pair: 2021年9月): a pair in a table without a header,
    under a title or a line ending in a colon (a header of the two sides' places, 序号　甲市
    乙州, reads as a row of the same kind)."""
    if cells and _NUMBER.fullmatch(text, *cells[0]):
        cells = cells[1:]
    if 2 < len(cells) <= 4 and all(_DATED.fullmatch(text, a, b) for a, b in cells[2:]):
        cells = cells[:2]  # (甲镇　乙镇　2021年9月: when they were paired, after the pair)
    if len(cells) != 2:
        return None
    got = []
    for a, b in cells:
        found = [lk for lk in idx.within(a, b) if lk.mention.how != "anaphor"
                 and idx.ctx_at(a).entities[lk.key].category == "Region"]
        if not found or found[0].start != a or found[-1].end != b:
            return None
        got.append(found[-1].key)
    return (got[0], got[1]) if got[0] != got[1] else None


def _dashed(idx: Items, lead: str, m: re.Match, cue: re.Pattern, unrelated: Callable) -> list[Fact]:
    """甲市——乙市、丙市 or 甲市：乙市、丙市 (``m``) in a list after a line (``lead``, blank
    lines apart) with a pairing cue that ends with a colon (…对口协作某省、某区。其中：) or is
    a title (各区县结对帮扶情况)."""
    found = _listing(lead, cue)
    if found is None:
        return []
    ctx = idx.ctx_at(m.start("giver"))
    giver = _place(ctx, idx.within(m.start("giver"), m.end("giver")))
    if giver is None:
        return []
    return [ctx.fact("twinning", {"a": giver, "b": b, "kind": found.group(0)}, "twin.row", 0.6)
            for b in place_list(idx, m.string, m.start("takers"), m.end("takers")) if unrelated(ctx, giver, b)]
