"""Parks one place builds for another as aid (援建), read as built by both (called from
relations.py): the place that gives the aid and the place that receives the park are its
partners, as with 共建.

* ``cobuilt.aid`` 甲援建乙的P / 甲在乙援建的P (也: 甲在乙援建的“飞地”园区——P): both places
  named with the verb;
* ``cobuilt.aid`` 由甲援建的P地处乙…, 乙由甲援建了P, P…。该园区由甲援建: the giver named with
  the verb; the receiver is where the article puts the park (its located-in fact, or the
  place named in the park it lies in: 位于某县工业园区). With no such place the park is not
  read as built by two places.

Words live in ``graph/data/relation_cues.json`` (``aid_build``, ``aid_adverb``).
"""
from __future__ import annotations

import re
from functools import lru_cache

from .addresses import is_zone
from .linking import Linked
from .model import Fact
from .resources import alternation, read_json

RULE = "cobuilt.aid"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    c = read_json("relation_cues.json")
    verb = re.compile(f"(?:{alternation(c['aid_build'])})")
    adverbs = re.compile(f"(?:{alternation(c['aid_adverb'])})*$")
    return verb, adverbs


def _is_place(ctx, lk: Linked) -> bool:
    return ctx.cat(lk) == "Region" and lk.key.startswith("region:")


def _is_park(ctx, lk: Linked) -> bool:
    return ctx.cat(lk) == "Park" or is_zone(ctx, lk)


def _ending(ctx, at: int) -> Linked | None:
    """The last item (the shortest) that ends at ``at`` of the sentence."""
    return (ctx.ending_at(at) or [None])[-1]


def _starting(ctx, at: int) -> Linked | None:
    """The first item (the shortest) that starts at ``at`` of the sentence."""
    return (ctx.starting_at(at) or [None])[0]


def _giver(ctx, at: int) -> tuple[Linked | None, Linked | None, int]:
    """(giver, receiver named with 在, where the giver starts) for a verb at ``at``:
    甲援建, 由甲援建, 甲先后援建, 甲在乙援建."""
    text = ctx.sent.text
    _, adverbs = _patterns()
    at = adverbs.search(text, 0, at).start()
    last = _ending(ctx, at)
    if last is None or not _is_place(ctx, last):
        return None, None, at
    s = ctx.rel(last)[0]
    if text[s - 1:s] == "在":  # 甲在乙援建
        first = _ending(ctx, s - 1)
        if first is not None and _is_place(ctx, first):
            return first, last, ctx.rel(first)[0]
        return None, None, at
    while (outer := _ending(ctx, s)) is not None and _is_place(ctx, outer):
        s = ctx.rel(outer)[0]  # (由上海市闵行区援建: the giver's address starts the phrase)
    return last, None, s


def aid_built(ctx, prev_park: Linked | None) -> list[Fact]:
    """The parks a sentence says one place builds as aid (partners: the giver, then the
    receiver when the sentence names it; :func:`with_receivers` completes the others)."""
    text = ctx.sent.text
    verb, _ = _patterns()
    out = []
    for m in verb.finditer(text):
        giver, host, g_start = _giver(ctx, m.start())
        if giver is None:
            continue
        at = m.end() + (text[m.end():m.end() + 1] == "了")
        nxt = _starting(ctx, at)
        if nxt is not None and _is_place(ctx, nxt) and host is None and text.startswith("的", ctx.rel(nxt)[1]):
            host, nxt = nxt, _starting(ctx, ctx.rel(nxt)[1] + 1)  # 甲援建乙的P
        elif nxt is None and text.startswith("的", m.end()):
            nxt = _starting(ctx, m.end() + 1) or (  # (由)甲援建的P, 甲援建的“P”
                _starting(ctx, m.end() + 2) if text[m.end() + 1:m.end() + 2] in _OPEN_QUOTES else None)
            kind = _KIND_THEN_NAME.match(text, m.end() + 1) if nxt is None else None
            nxt = _starting(ctx, kind.end()) if kind else nxt  # 甲在乙援建的“飞地”园区——P
        if nxt is None and text.startswith("、", m.end()):
            nxt = _attributed(ctx, m.end())  # 由甲援建、位于乙的P
        park = nxt if nxt is not None and _is_park(ctx, nxt) else None
        if host is None and text[g_start - 1:g_start] == "由":
            host = _topic_before(ctx, g_start - 1)  # 乙(，则)由甲援建了P
        if park is None and text[g_start - 1:g_start] == "由":
            # P…由甲援建 / 该园区由甲援建: the park named before in the sentence, or the one
            # the article spoke of last
            before = [lk for lk in ctx.items if ctx.rel(lk)[1] < g_start and _is_park(ctx, lk)]
            park = before[-1] if before else prev_park if _REFERS.search(text, 0, g_start) else None
        if park is None or park.key == giver.key:
            continue
        partners = (giver.key,) if host is None else (giver.key, host.key)
        if len(set(partners)) == len(partners):
            out.append(ctx.fact("co_built", {"park": park.key, "partners": partners}, RULE, 0.65))
    return out


_OPEN_QUOTES = "“「\"‘"


def _attributed(ctx, at: int) -> Linked | None:
    """The park a string of attributes that goes on at ``at`` ends with (…、位于乙的P): the
    first park of the clause right after 的."""
    text = ctx.sent.text
    stop = re.compile(r"[，,。；;]").search(text, at)
    end = stop.start() if stop else len(text)
    return next((lk for lk in ctx.items if at < ctx.rel(lk)[0] < end and _is_park(ctx, lk)
                 and text[ctx.rel(lk)[0] - 1] == "的"), None)


def _topic_before(ctx, at: int) -> Linked | None:
    """乙由甲援建 / 乙，则由甲援建: the place right before 由 at ``at`` (a comma and 则, 也 …
    between), which receives what is built."""
    text = ctx.sent.text
    lead = _LEAD.search(text, 0, at)
    last = _ending(ctx, lead.start()) if lead else None
    return last if last is not None and _is_place(ctx, last) else None


#: a kind of park, then a dash or colon before its name (“飞地”园区——P, 产业园：P)
_KIND_THEN_NAME = re.compile(r"[“「\"]?[\u4e00-\u9fff]{0,4}[”」\"]?(?:园区|产业园|工业园|园)(?:——|—|：|:)")
_LEAD = re.compile(r"[，,]?(?:则|也|还|均|都)*$")
_REFERS = re.compile(r"(?:该|这个|这一|此)(?:园区|园|产业园|基地|平台)")


def with_receivers(facts: list[Fact], named: dict[str, list[str]], gaz) -> list[Fact]:
    """Each ``cobuilt.aid`` fact with the giver alone gets the receiver: the place the
    article puts the park in (a place; for a park, the place its name holds), other than the
    giver and not inside it; without one the fact is dropped. ``named``: entity key → the
    places its name holds."""
    if not any(f.rule == RULE and len(f.args["partners"]) == 1 for f in facts):
        return facts  # (most articles: no park built as aid with its receiver unnamed)
    placed: dict[str, list[str]] = {}
    for f in facts:
        if f.relation == "located_in":
            placed.setdefault(f.args["entity"], []).append(f.args["place"])
    out = []
    for f in facts:
        if f.rule != RULE or len(f.args["partners"]) != 1:
            out.append(f)
            continue
        giver = f.args["partners"][0]
        host = _receiver(f.args["park"], giver, placed, named, gaz)
        if host is not None:
            out.append(Fact(f.relation, {**f.args, "partners": (giver, host)}, f.span, f.rule,
                            f.confidence, status=f.status, date=f.date, quantities=f.quantities))
    return out


def _receiver(park: str, giver: str, placed: dict, named: dict, gaz) -> str | None:
    for place in placed.get(park, []):
        key = place if place.startswith("region:") else _named_place(place, placed, named)
        if key is None or key not in gaz.places or key == giver or giver in gaz.ancestors(key):
            continue
        return key
    return None


def _named_place(site: str, placed: dict, named: dict) -> str | None:
    """The place a park (or zone) the park lies in is put in, else the last one its name
    holds (某县工业园区)."""
    for p in placed.get(site, []):
        if p.startswith("region:"):
            return p
    return (named.get(site) or [None])[-1]
