"""Function splits stated clause by clause (called from relations.py):

* ``split.clause``  在A招人才、搞研发，到B建工厂、做制造 / 总部和研发中心在A，B工厂主要做装配 /
  把设计留在A，B这边只管生产: each clause opens with where (在/到/回到 A, or A + 工厂/基地/这边)
  and then says what is done there, or says what goes where (F留在A, F移往A); two
  neighbouring clauses with an upstream and a downstream function pair up. A function text
  that names a place of its own is not one side (it holds a split, or a place of origin).

Words live in ``graph/data/split_cues.json``.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from functools import lru_cache
from types import SimpleNamespace
from typing import Iterator

from .functionwords import classify_function, from_first_function as _from_first_function, \
    function_index as _function_index
from .linking import Linked, place_entity
from .resources import alternation, read_json
from .sentences import clauses


@lru_cache(maxsize=1)
def _cues() -> dict:
    return read_json("split_cues.json")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    c = _cues()
    return {
        "where": re.compile(f"(?:{alternation(c['where'])})$"),
        # 2020年在甲(乙)产业园建成…: a date in figures before where a clause opens
        "dated_where": re.compile(r"\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:底|初|末)?[，,]?"
                                  f"(?:{alternation(c['where'])})$"),
        "unit": re.compile(f"(?:(?:内|里)?的)?(?:{alternation(c['unit'])})(?:{alternation(c['adverb'])})*"
                           f"(?:{alternation(c['does'])})?"),  # (B内的工厂则负责量产)
        "at_verb": re.compile(f"(?:{alternation(c['at_verb'])})$"),
        "does": re.compile(alternation(c["does"])),
    }


#: 由A负责研发，由B负责生产: 由 opening the clause right before its place (not 包材则由B供应)
_BY_OPENING = re.compile(r"[“”\"「」 ]*由")

#: dashes that join the two sides of a split like 、 or + (甲研发—乙转化, 甲研发——乙制造)
DASHES = "—-－–"


@lru_cache(maxsize=1)
def function_after() -> re.Pattern:
    """A负责研发 / B则主要负责生产 / C作为生产基地 / D基地管生产: the function text right after a place
    (group 1), ended by a separator (a dash too: 甲研发—乙转化; a space between a heading's
    parts: 甲研发　乙制造), a quote or 的."""
    c = _cues()
    adverbs, does = f"(?:{alternation(c['adverb'])})*", f"(?:{alternation(c['place_does'])})"
    # (甲总部管研发、乙基地管生产: a unit of the side between its place and the verb)
    return re.compile(f"(?:(?:{alternation(c['side_unit'])})(?={adverbs}{does}))?{adverbs}{does}?"
                      r"([\u4e00-\u9fff、]{1,10}?)"
                      rf"(?=[、，,+＋/；;。”’」』\"的{re.escape(DASHES)}\s]|$)")


@lru_cache(maxsize=1)
def _moved_to() -> re.Pattern:
    return re.compile(f"(?:{alternation(_cues()['moved_to'])})了?$")  # (搬到了A)


@lru_cache(maxsize=1)
def _home() -> re.Pattern:
    return re.compile(f"在(?:{alternation(_cues()['home_words'])})$")


def at_home(text: str, at: int) -> int:
    """放在老家A: the length of 在 + a word of origin right before the place at ``at`` (0:
    none); the function before it goes to A (like 生产在A)."""
    m = _home().search(text, max(0, at - 5), at)
    return len(m.group(0)) if m else 0


def moved_to(text: str, at: int) -> bool:
    """生产放到A / 生产基地搬到A / 量产线移往A: the place at ``at`` is where the function
    named before the verb goes (like 生产在A)."""
    return bool(_moved_to().search(text, max(0, at - 4), at))


#: 生产由A(、B两大基地)承担: a verb saying the side named after 由 does the function before it
_BY_SIDE = re.compile(r"[^，,。；;：:]{0,12}?(?:负责|承担|完成|来做|主导)")


def by_side(text: str, at: int) -> int:
    """规模化生产由A基地承担 / 研发由A团队负责: the place at ``at``, right after 由, is where
    the function named before 由 is done (like 生产在A), when the clause goes on to a verb of
    doing it (负责, 承担): where that verb ends (the side's end), else 0."""
    m = _BY_SIDE.match(text, at) if text[at - 1:at] == "由" else None
    return m.end() if m else 0


def _index(ctx) -> tuple[dict[int, Linked], dict[int, Linked], list[int]]:
    """(places by start, items by start, the items' starts sorted) within the sentence,
    built once per sentence."""
    got = ctx.__dict__.get("_split_index")
    if got is None:
        regions: dict[int, Linked] = {}
        items: dict[int, Linked] = {}
        for x in ctx.items:
            s = x.start - ctx.sent.start
            items.setdefault(s, x)
            if ctx.cat(x) == "Region":
                regions.setdefault(s, x)
        got = ctx.__dict__["_split_index"] = (regions, items, sorted(items))
    return got


def _items_opening(ctx, s: int, e: int) -> Iterator[tuple[int, Linked]]:
    """(start, item) of the items starting in the first ten characters of the clause
    ``s``…``e`` (at ``s`` … ``s + 10``, before ``e``), by start: found by a bisect, not by
    reading every item of the sentence before the clause."""
    _, items, starts = _index(ctx)
    for i in range(bisect_left(starts, s), len(starts)):
        k = starts[i]
        if k > s + 10 or k >= e:
            break
        yield k, items[k]


def chain_end(ctx, lk: Linked) -> Linked:
    """The last place of the address chain that starts with ``lk`` (北京市海淀区 → 海淀区)."""
    regions = _index(ctx)[0]
    last = lk
    while (nxt := regions.get(last.end - ctx.sent.start)) is not None and nxt is not last:
        last = nxt
    return last


def _place_at(ctx, at: int) -> Linked | None:
    first = _index(ctx)[0].get(at)
    return chain_end(ctx, first) if first is not None else None


def _unit_at(ctx, at: int, end: int):
    """鞍山工厂主要做: (the place, where the function text starts) — the place and the unit
    may have been read as one name (鞍山工厂)."""
    p = _patterns()
    place = _place_at(ctx, at)
    if place is not None:
        u = p["unit"].match(ctx.sent.text, ctx.rel(place)[1], end)
        return (place, u.end()) if u else (None, None)
    lk = _index(ctx)[1].get(at)
    if lk is None or not lk.mention.inner:
        return None, None
    inner = lk.mention.inner[0]
    u = p["unit"].fullmatch(lk.mention.text, inner.end - lk.start)
    if inner.start != lk.start or not inner.candidates or not u:
        return None, None
    key = inner.candidates[0]
    for k in [key] + ctx.gaz.ancestors(key):
        ctx.entities.setdefault(k, place_entity(ctx.gaz, k))
    u = p["unit"].match(ctx.sent.text, ctx.rel(lk)[0] + (inner.end - lk.start), end)
    return SimpleNamespace(key=key), u.end()


def _subject_end(ctx, s: int, e: int) -> int:
    """Where the clause's firm subject ends (某某有限公司将在A建设…: the place may stand
    past the clause's first ten characters), else the clause start ``s``."""
    for _, lk in _items_opening(ctx, s, e):
        if ctx.cat(lk) == "Enterprise":
            return ctx.rel(lk)[1]
    return s


def _named_site_at(ctx, s: int, e: int):
    """在A某某产业园区建设生产基地: (the place opening the name of the park or zone the
    clause opens with after where, where its function text starts), else None."""
    text, p = ctx.sent.text, _patterns()
    for k, lk in _items_opening(ctx, s, e):  # (one starting before s opens no clause)
        inner = lk.mention.inner[0] if lk.mention.inner else None
        opens = ctx.cat(lk) == "Park" and (p["where"].fullmatch(text, s, k)
                                           or p["dated_where"].fullmatch(text, s, k)) is not None
        hosts = bracketed_places(lk) if opens else []
        if len(hosts) == 1:
            inner = hosts[0]  # 在甲(乙)产业园建设了加工基地: 乙, where such a park stands
        elif opens and (inner is None or inner.start != lk.start):
            return lk, ctx.rel(lk)[1]  # 在该园区建设了…: the park (park_sides places it)
        elif ctx.cat(lk) == "Region" or inner is None or inner.start != lk.start \
                or not inner.candidates or not p["where"].search(text, s, k):
            continue
        elif _two_places_named(lk):  # (在甲乙产业园建设…: a park named after two places
            return lk, ctx.rel(lk)[1]  # stands in one of them; other sentences say which)
        key = inner.candidates[0]
        for x in [key] + ctx.gaz.ancestors(key):
            ctx.entities.setdefault(x, place_entity(ctx.gaz, x))
        return SimpleNamespace(key=key), ctx.rel(lk)[1]
    return None


def _two_places_named(lk: Linked) -> bool:
    """The park's name holds two different places (甲乙产业园, 甲—乙产业园)."""
    return len(places_named(lk)) > 1


def places_named(lk: Linked) -> tuple[str, ...]:
    """The different places a name holds, in order (甲乙产业园: 甲, 乙)."""
    return tuple(dict.fromkeys(x.candidates[0] for x in lk.mention.inner if x.candidates))


_BRACKET = re.compile(r"[(（]([^)）]+)[)）]")


def bracketed_places(lk: Linked) -> list:
    """The places named inside the bracket of a park's name (甲(乙)产业园: 乙)."""
    m = _BRACKET.search(lk.mention.text) if lk.mention.inner else None
    if m is None:
        return []
    return [x for x in lk.mention.inner if x.candidates
            and m.start(1) <= x.start - lk.start and x.end - lk.start <= m.end(1)]


#: adverbs and a verb of sending between a function and its place (总部仍设在A, 车间则放到了A)
_SENT_TAIL = re.compile(r"(?:仍然|依然|继续|已经|全部|整体|至今|目前|仍|还|则|都|也|均|就|已|将|却|又)*"
                        r"(?:(?:保留|设|建|放|留|落|摆|搬|迁|移|转)(?:到了|到|往|至)?)?$")


def function_text(ftext: str, classify) -> str:
    """``ftext`` without the adverbs and the verb of sending that end it (总部仍设 → 总部,
    加工车间则放到 → 加工车间), when what is left is still a function (建设 stays)."""
    m = _SENT_TAIL.search(ftext)
    rest = ftext[:m.start()] if m else ftext
    return rest if rest and rest != ftext and classify(rest) else ftext


def _verb_before(text: str, s: int, k: int) -> int:
    """The length of the verb right before the place at ``k`` that sends the function
    before it there (在, 在了, 放到, 移往 …), 0 when there is none."""
    m = _patterns()["at_verb"].search(text, max(s, k - 2), k) or _moved_to().search(text, max(s, k - 4), k)
    return len(m.group(0)) if m else 0


def _names_place(ctx, start: int, end: int) -> bool:
    """A place is named inside ``text[start:end]``: what holds it is not one side's
    function (“研发在甲、生产在乙”的模式 / 一批甲地新药实现了在乙地的产业化)."""
    return any(start <= k < end for k in _index(ctx)[0])


def _park_kind(ftext: str) -> bool:
    """The function text opens with a park's kind (科创飞地, 产业园), not with work done."""
    m = _function_index()[0].match(ftext)
    return bool(m) and ftext.startswith(tuple(_cues()["park_kind"]), m.end())


def _enumerated(text: str, cl: list[tuple[int, int]], starts) -> list[tuple[int, int]]:
    """在A开展研发、回B实现产业化: a 、 followed by where and a place opens a clause of its own."""
    where, out = _patterns()["where"], []
    for s, e in cl:
        for k in starts:
            if s < k < e:
                cut = text.rfind("、", s, k)
                if cut > s and where.fullmatch(text, cut + 1, k):
                    out.append((s, cut))
                    s = cut + 1
        out.append((s, e))
    return out


def clause_splits(ctx, pair_segments) -> list:
    """``pair_segments``: relations._pair_segments (pairs neighbouring segments)."""
    text = ctx.sent.text
    cl = clauses(text)
    if len(cl) < 2 and "、" not in text:
        return []
    regions = _index(ctx)[0]
    if len(regions) + sum(1 for lk in ctx.items if lk.mention.inner and ctx.cat(lk) != "Region") < 2:
        return []  # (a name may hold the place of one side: 在A某某产业园区…)
    starts = sorted(regions)
    cl = _enumerated(text, cl, starts)
    p = _patterns()
    segs = []
    words = _function_index()[0]
    # every segment's function text is a piece of its clause (classified): a pair needs two
    # clauses with a function word
    cl = [(s, e) for s, e in cl if words.search(text, s, e) is not None]
    if len(cl) < 2:
        return []
    for s, e in cl:
        place, rest_at = None, None
        inside = starts[bisect_left(starts, s):bisect_left(starts, e)]
        lead = _subject_end(ctx, s, e)
        m = [regions[k] for k in inside if k <= lead + 10 and regions[k].end - ctx.sent.start <= e
             and (p["where"].search(text, s, k) or _BY_OPENING.fullmatch(text, s, k))][:1]
        if m:  # (企业选择)在A…: where the clause opens
            place = chain_end(ctx, m[0])
            rest_at = ctx.rel(place)[1]
        elif (named := _named_site_at(ctx, s, e)) is not None:  # 在A某某产业园区建设…
            place, rest_at = named
        else:  # 鞍山工厂主要做…: a place, a unit of the firm, then what it does
            place, rest_at = _unit_at(ctx, s + len(text[s:e]) - len(text[s:e].lstrip("“”\"「」 ")), e)
        at = [(regions[k], v) for k in inside if k > s and (v := _verb_before(text, s, k))]
        if len(at) >= 2:
            continue  # “研发在甲、制造在乙”: the clause is a split of its own (split.at)
        if rest_at is not None:
            does = p["does"].search(text, rest_at, e)  # 在A的厂房保留研发: what the verb names
            rest_at = does.end() if does else rest_at
            ftext = _from_first_function(text[rest_at:e].strip("、 ”」』\"。！？；;!?"))
            if ftext and classify_function(ftext) and not _names_place(ctx, e - len(ftext), e) \
                    and not _park_kind(ftext):
                segs.append((s, e, ftext, place))
                continue
        # 总部和研发中心(仍留)在A / 生产线移往A: the function before the verb and the place
        # (a firm opening the clause is no part of it: 某某制造有限公司总部设在A)
        ftext = text[lead:ctx.rel(at[0][0])[0] - at[0][1]] if at and lead < ctx.rel(at[0][0])[0] else ""
        if classify_function(ftext) and not _names_place(ctx, lead, lead + len(ftext)):
            segs.append((s, e, function_text(_from_first_function(ftext), classify_function),
                         chain_end(ctx, at[0][0])))
    if len(segs) < 2:
        return []
    return pair_segments(ctx, segs, "split.clause", 0.7)


def containing(key: str, entities, gaz) -> set[str]:
    """The places and zones that contain ``key`` (its entity's parents, then the gazetteer's)."""
    out, cur = set(), key
    while cur in entities and entities[cur].parent and entities[cur].parent not in out:
        cur = entities[cur].parent
        out.add(cur)
    for k in [key, *out]:
        if k in gaz.places:
            out.update(gaz.ancestors(k))
    return out


def apart(facts: list, entities, gaz) -> list:
    """The facts without the function splits between a division and a division inside it
    (研发在某区、转化在某区所在的市 is read from two clauses about one place, not a split; a
    city and its own development zone may still split: 某市研发+高新区智造)."""
    return [f for f in facts if f.relation != "pairing" or not (
        f.args["up"] in gaz.places and f.args["down"] in gaz.places and (
            f.args["up"] in containing(f.args["down"], entities, gaz)
            or f.args["down"] in containing(f.args["up"], entities, gaz)))]


def park_sides(facts: list, entities, gaz, located: dict[str, set[str]],
               bracketed: dict[str, str | tuple[str, ...]]) -> list:
    """Function splits with a park as one side (研发放在甲，加工放在园区) put that side in the
    finest division the article places the park in (the park in 乙经开区 → 乙市; in a
    state-level new area, 乙新区, that area), else in
    the place its name brackets (甲(乙)产业园 → 乙; ``bracketed``: park → that place), else,
    for a park named after two places (甲乙产业园: ``bracketed`` holds both), the one that is
    not the other side's: a split is between places. A park placed nowhere stays."""
    out = []
    for f in facts:
        if f.relation == "pairing":
            args = dict(f.args)
            for side in ("up", "down"):
                k = args[side]
                named = bracketed.get(k)
                if isinstance(named, tuple):  # (甲乙产业园: the place the other side is not)
                    o = args["down" if side == "up" else "up"]
                    near = {o} | containing(o, entities, gaz)
                    named = [q for q in named if q not in near and o not in gaz.ancestors(q)]
                    named = named[0] if len(named) == 1 else None
                where = located.get(k) or ({named} if named else None)
                if k in entities and entities[k].category == "Park" and where:
                    for q in where:
                        if q in gaz.places and q not in entities:
                            entities[q] = place_entity(gaz, q)
                    places = {p for q in where for p in {q} | containing(q, entities, gaz)
                              if p in gaz.places and p in entities
                              and (not p.startswith("zone:") or entities[p].kind == "NewArea")
                              and (gaz.places[p].level <= 2 or p == q)}  # (位于某镇的P: the town)
                    # (a state-level new area, 某新区, stands for a place as a division does)
                    finest = [p for p in places if not any(p in gaz.ancestors(o) for o in places)]
                    if len(finest) == 1:
                        args[side] = finest[0]
            if args != f.args:
                f = replace(f, args=args)
        out.append(f)
    return out

