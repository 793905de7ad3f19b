"""Connections told by a line's two ends, and lines referred to by 这条/该 (called from
relations.py):

* ``connect.span`` A站至B的X / 从A到B的X / 由A站开往B港的X: a line, road, bridge or train
  introduced by the places (stations, ports, airports) it runs between (a kind of line may
  stand between 的 and its name: A至B的市域铁路S3线);
* ``connect.span`` X自A站至B站 / X，从A站到B站: a line running from one station to another
  joins their places (two stations, not two cities: 从A到B只需… is a trip);
* ``connect.span`` X甲至乙段已开通: a section of the line named by its ends, said open,
  joins them (one still being built, or to open later, joins nothing yet);
* :func:`refer_back`: 这条我国首条跨海高铁北起…: a name that starts with the classifier of
  a demonstrative (这条, 该座) is the article's main line of that kind, not a new one.

Words live in ``graph/data/route_cues.json`` (``span_from``, ``span_to``, ``classifier``,
``section``, ``section_not_yet``, ``opened``).
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .linking import Linked
from .model import Fact
from .resources import alternation
from .routes import CONNECTING, _cues, end_place
from .routes import _fact as connection_fact


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    c = _cues()
    return {
        "from": re.compile(f"(?:{alternation(c['span_from'])})$"),
        "from_at": re.compile(f"[，,]?(?:{alternation(c['span_from'])})"),
        "to": re.compile(alternation(c["span_to"])),
        "kind": re.compile(f"(?:{alternation(c['span_kind'])})$"),
        "demonstrative": re.compile(f"(?:{alternation(c['demonstrative'])})$"),
        "classifier": re.compile(alternation(c["classifier"])),
        "two": re.compile(f"[两三四](?:{alternation(c['two_places'])})"),
        "network": re.compile(f"(?:{alternation(c['network_by'])})(?:{alternation(c['line_words'])})"),
        "section": re.compile(alternation(c["section"])),
        "section_words": re.compile(f"[\\u4e00-\\u9fff]{{2,8}}?(?:{alternation(c['span_to'])})"
                                    f"[\\u4e00-\\u9fff]{{2,8}}?(?:{alternation(c['section'])})"),
        "not_yet": re.compile(alternation(c["section_not_yet"])),
        "opened": re.compile(alternation(c["opened"])),
        "phrase": re.compile(f"(?:{alternation(c['demonstrative'])})(?:{alternation(c['classifier'])})"
                             f"[^，,。；;]{{0,12}}(?:{alternation(c['line_words'])})"),
    }


def _item_at(ctx, at: int, end: bool = False) -> Linked | None:
    """The item that starts (``end``: ends) at offset ``at``."""
    for lk in ctx.items:
        if ctx.rel(lk)[1 if end else 0] == at:
            return lk
    return None


def _fact(ctx, infra: Linked, a: str | None, b: str | None) -> list[Fact]:
    """The line joins its two ends (none when an end is unknown or both are one place)."""
    return connection_fact(ctx, infra, [p for p in (a, b) if p is not None], "connect.span", 0.7)


def _before(ctx, lk: Linked) -> list[Fact]:
    """A至B的X: the two ends written before the line's name (without 的 before a quoted
    one: 开行A至B“某某”班列)."""
    text = ctx.sent.text
    s, _ = ctx.rel(lk)
    kind = _patterns()["kind"].search(text, max(0, s - 5), s)
    if kind and text.endswith("的", 0, kind.start()):
        s = kind.start()  # A至B的市域铁路S3线: a kind of line, then its name
    de = text.endswith("的", 0, s)
    if not de and text[s:s + 1] not in OPEN_QUOTES:
        return []
    b = _item_at(ctx, s - 1 if de else s, end=True)
    if b is None:
        return []
    bs = ctx.rel(b)[0]
    while (up := _item_at(ctx, bs, end=True)) is not None and ctx.cat(up) == "Region":
        bs = ctx.rel(up)[0]  # 甲县乙镇至丙县丁镇的X: the second end's address starts at 丙县
    a = next((x for x in ctx.items if ctx.rel(x)[1] < bs and _patterns()["to"].fullmatch(
        text, ctx.rel(x)[1], bs)), None)
    if a is None:
        return []
    return _fact(ctx, lk, _end(ctx, a), _end(ctx, b))


def _end(ctx, lk: Linked) -> str | None:
    """An end of a line introduced by its ends: a place (or a station's place), or an
    airport or port as written (甲至乙港的班列 runs to the port)."""
    return lk.key if ctx.entities[lk.key].kind in HUBS else end_place(ctx, lk)


HUBS = ("Port", "Airport")
OPEN_QUOTES = ("“", "「", '"')  # (also read by relations.located_in)
_ROUTE_ENDS = ("航线",)  # 甲至乙的“甲乙”直航航线: a route by air or sea, read like a line


def _after(ctx, lk: Linked) -> list[Fact]:
    """X(，)自A站至B站: two stations after the line's name."""
    text = ctx.sent.text
    p = _patterns()
    m = p["from_at"].match(text, ctx.rel(lk)[1])
    if not m:
        return []
    a = _item_at(ctx, m.end())
    if a is None or ctx.entities[a.key].kind != "Station":
        return []
    t = p["to"].match(text, ctx.rel(a)[1])
    b = _item_at(ctx, t.end()) if t else None
    if b is None or ctx.entities[b.key].kind != "Station":
        return []
    return _fact(ctx, lk, end_place(ctx, a), end_place(ctx, b))


def section_after(ctx, lk: Linked) -> tuple[Linked, Linked, int] | None:
    """X甲至乙段: (甲, 乙, where the section's words end) when a section of the line ``lk``
    named by its two ends (places the sentence names) follows its name, else None."""
    text, p = ctx.sent.text, _patterns()
    a = _item_at(ctx, ctx.rel(lk)[1])
    t = p["to"].match(text, ctx.rel(a)[1]) if a is not None else None
    b = _item_at(ctx, t.end()) if t else None
    m = p["section"].match(text, ctx.rel(b)[1]) if b is not None else None
    return (a, b, m.end()) if m else None


def names_section(ctx, lk: Linked) -> bool:
    """X甲至乙段 (甲, 乙: any two short names): does a section of the line ``lk`` follow its
    name?"""
    return _patterns()["section_words"].match(ctx.sent.text, ctx.rel(lk)[1]) is not None


def _section(ctx, lk: Linked) -> list[Fact]:
    """X甲至乙段(已)正式开通: the section joins its ends when the clause says it is open (not
    建成后, 预计年底开通: to open later)."""
    got = section_after(ctx, lk)
    if got is None:
        return []
    a, b, at = got
    text, p = ctx.sent.text, _patterns()
    stop = re.search(r"[，,。；;！？!?]", text[at:])
    end = at + stop.start() if stop else len(text)
    opened = p["opened"].search(text, at, end)
    if opened is None or text.startswith("后", opened.end()) or p["not_yet"].search(text, at, opened.start()):
        return []
    return _fact(ctx, lk, _end(ctx, a), _end(ctx, b))


def spans(ctx) -> list[Fact]:
    """Every ``connect.span`` fact of a sentence."""
    out: list[Fact] = []
    for lk in ctx.items:
        if ctx.cat(lk) == "Infrastructure" and (ctx.entities[lk.key].kind in CONNECTING
                                                or lk.mention.text.endswith(_ROUTE_ENDS)):
            out += _before(ctx, lk) + _after(ctx, lk) + _section(ctx, lk)
    return out


def refers_back(ctx, lk: Linked) -> bool:
    """这条我国首条跨海高铁: a name read from a demonstrative phrase."""
    s, _ = ctx.rel(lk)
    p = _patterns()
    return p["classifier"].match(lk.mention.text) is not None and \
        p["demonstrative"].search(ctx.sent.text, max(0, s - 2), s) is not None


def refer_back(ctx, facts: list[Fact], main: dict[str, Linked],
               prev: Linked | None = None, recent: dict[str, Linked] | None = None) -> list[Fact]:
    """Give the connections of a demonstrative name (:func:`refers_back`) to the last line of
    that kind named before (``recent``: kind → line), else to the article's main line of that
    kind (``main``: kind → line), else to ``prev`` (the line of the sentences before) when it
    is of that kind; drop them when there is none."""
    odd = {lk.key for lk in ctx.items if ctx.cat(lk) == "Infrastructure" and refers_back(ctx, lk)}
    if not odd:
        return facts
    out = []
    for f in facts:
        key = f.args.get("infra") if f.relation == "connection" else None
        if key not in odd:
            out.append(f)
            continue
        kind = ctx.entities[key].kind
        lines = [x for x in ((recent or {}).get(kind), main.get(kind), prev) if x is not None and x.key not in odd
                 and ctx.entities[x.key].kind == kind]
        if lines:
            out.append(replace(f, args={**f.args, "infra": lines[0].key}))
    return out


def demonstrative_phrase(text: str) -> bool:
    """这条我国首条跨海高铁: ``text`` is a phrase pointing back to a line, not naming one."""
    return _patterns()["phrase"].fullmatch(text) is not None


def one_course(facts: list[Fact]) -> list[Fact]:
    """A sentence's course read twice (起于A，经B，止于C by :mod:`graph.routes`, and with
    stations and bare names by :mod:`graph.courses`) counts once: the plainer reading,
    which follows the line the sentences before named, wins."""
    if not any(f.rule == "connect.route" for f in facts):
        return facts
    return [f for f in facts if f.rule != "connect.course"]


def by_network(text: str) -> bool:
    """香格里拉可通过铁路与…: ``text`` says a place is reached by a kind of line (通过铁路,
    乘高铁), not by a line it names."""
    return _patterns()["network"].search(text) is not None


def names_two(text: str, start: int, end: int) -> bool:
    """让两市通勤时间缩短…, 三市之间半小时就到: ``text[start:end]`` speaks of the places (two,
    three or four) a line joins."""
    return _patterns()["two"].search(text, start, end) is not None
