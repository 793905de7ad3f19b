"""Connections told by a line's course rather than by a verb of joining.

* ``connect.course`` X北起A站，向南经B、C，止于D站; X自A站引出，途经B，向东到达C — the places
  of the stations and the stops along the way (bare county names in the list of stops too);
* ``connect.ends``   X一头连着A，一头连着B;
* ``connect.name``   X（A至B）: the endpoints in brackets after the name (an end abroad is
  not read: X（A—B） joins A alone); 某某班列（A）: the place a train service sets out from;
* stops             X连接A与B，并在C设站: C is one more place of the fact (``connect.stops``
  when only stops are said: X在C、D设站).

A travel time (X通车后，A到B只需1小时) says where a trip goes, not where the line runs:
:func:`drop_travel_targets` keeps such a fact only for a line whose course the article
does not state otherwise. Cue words are data (``course`` in ``data/relation_cues.json``);
:mod:`graph.routes` reads the plainer 起于A，经B，止于C and 把A和B连在一起.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from .linking import Linked, place_entity
from .model import Fact
from .resources import alternation, read_json
from .sentences import clause_stop, clauses
from .speaker import self_word
from .linespans import demonstrative_phrase

STATION_KINDS = ("Station", "Port", "Airport")
HUB_KINDS = ("Port", "Airport")
_SEP = "、和及与"


@lru_cache(maxsize=1)
def _cues() -> dict:
    return read_json("relation_cues.json")["course"]


#: a bare start or end word opens its clause (，起A，经B，止C)
_AFTER_BREAK = "(?<=[，,；;：:\\s])"


@lru_cache(maxsize=1)
def _markers() -> re.Pattern:
    c = _cues()
    start = f"{alternation(c['start'])}|{_AFTER_BREAK}(?:{alternation(c['bare_start'])})"
    end = f"{alternation(c['end'])}|{_AFTER_BREAK}(?:{alternation(c['bare_end'])})"
    return re.compile(rf"(?P<start>{start})|(?P<from>{alternation(c['from'])})|"
                      rf"(?P<via>{alternation(c['via'])})(?!{alternation(c['not_after_via'])})|"
                      rf"(?P<end>{end})|{alternation(c['end_after_via'])}")


@lru_cache(maxsize=1)
def _anchors() -> re.Pattern:
    c = _cues()
    return re.compile(f"{alternation(c['start'])}|{alternation(c['end'])}|"
                      f"{_AFTER_BREAK}(?:{alternation(c['bare_start'] + c['bare_end'])})|"
                      f"(?:{alternation(c['from'])})[^，,。；;]{{2,16}}?(?:{alternation(c['from_start'])})[，,]")


@lru_cache(maxsize=1)
def _from_via() -> re.Pattern:
    """自A(向南)，经B…: a from word, then a via word in the clause or the next one."""
    c = _cues()
    return re.compile(rf"(?:{alternation(c['from'])})[^。；;！？]{{1,12}}?(?:{alternation(c['via'])})")


@lru_cache(maxsize=1)
def _ends_cue() -> re.Pattern:
    c = _cues()  # (东起A、西接B; 北接A、南抵B: a direction, then an end word)
    ends = [w for w in c["end"] if w[0] in "东南西北"]
    return re.compile(alternation(c["each_end"] + c["start"] + ends))


@lru_cache(maxsize=1)
def _leaves() -> re.Pattern:
    return re.compile(alternation(_cues()["leaves"]))


@lru_cache(maxsize=1)
def _transfer() -> re.Pattern:
    """再转往, 换装 …: the goods or riders leave the line there (the course told ends)."""
    return re.compile(alternation(_cues()["transfer"]))


@lru_cache(maxsize=1)
def _after_end() -> re.Pattern:
    return re.compile(rf"[^，,。；;]{{0,4}}?(?:{alternation(_cues()['after_end'])})")


def travel_verb(text: str, at: int, word: str) -> bool:
    """往返, 1小时通达: a verb of joining that tells a trip (its places are where trips go)."""
    return word in _cues()["travel_verbs"] and (
        word == "往返" or re.search(r"(?:小时|分钟)[内左右]*$", text[max(0, at - 8):at]) is not None)


_BRACKET_ENDS = re.compile(r"[（(]([\u4e00-\u9fff]{2,10}?)(?:至|到|—|－|-)([\u4e00-\u9fff]{2,10})[)）]")
#: 某某班列（甲市）: a train service named after the one place it sets out from
_BRACKET_HOME = re.compile(r"[（(]([\u4e00-\u9fff]{2,6})[)）]")
_SERVICE_ENDS = ("班列", "专列")
_TOKEN = re.compile(r"[\u4e00-\u9fff]{2,6}?(?=[、，,。；;和及与等]|$)")


_ADMIN_END = ("镇", "乡", "村", "街道", "区", "县", "市", "路", "街")


def _resolve(ctx, token: str, context: _Context) -> str | None:
    """A bare place name in a list of stops (信丰, 和平; 古丈西站 → 古丈): a place of the
    sentence written in full (雄安 → 雄安新区), else the one place the gazetteer knows by
    it, or among several the one whose province or city the article names."""
    gaz = ctx.gaz
    prefix_only = False
    if token.endswith("站"):
        token = token[:-1]
        if token[-1:] in "东南西北" and token[:-1] in gaz.surfaces:
            token = token[:-1]
        elif token not in gaz.surfaces:  # 凤凰古城站: a place at the start, then a sight
            n = next((n for n in range(len(token) - 1, 1, -1) if token[:n] in gaz.surfaces), 0)
            if n and not token[n:].startswith(_ADMIN_END):
                token, prefix_only = token[:n], True
    if len(token) < 2:
        return None
    cands = [k for k, _ in gaz.surfaces.get(token, [])]
    # (成都北站 beside 成都高新区: a name the gazetteer knows stands for its own places only)
    full = [lk.key for lk in ctx.items if ctx.cat(lk) == "Region"
            and ctx.entities[lk.key].label.startswith(token) and (not cands or lk.key in cands)]
    if len(set(full)) == 1:
        return full[0]
    support = {k: sum(a in context for a in gaz.ancestors(k)) for k in cands}
    if len(cands) == 1 and not prefix_only:
        return cands[0]
    best = max(support.values(), default=0)
    top = [k for k in cands if support[k] == best]
    if len(top) > 1:  # 南昌: the city rather than its county of the same name
        level = min(gaz.places[k].level for k in top)
        top = [k for k in top if gaz.places[k].level == level]
    return top[0] if len(top) == 1 and (best or len(cands) > len(top)) else None


def abroad_name(gaz, token: str) -> bool:
    """Is ``token`` (an end of a route written in its name) a short name no place of ours
    starts with (万象, 仰光, 塔什干: a place abroad, which is not read)?"""
    return 2 <= len(token) <= 5 and _CJK_ONLY.fullmatch(token) is not None and \
        not token.endswith(_NOT_ABROAD) and token not in _surface_heads() and \
        not any(token[:n] in gaz.surfaces for n in range(2, len(token) + 1))


@lru_cache(maxsize=1)
def _surface_heads() -> frozenset[str]:
    """The first two to five characters of every name of ours (旅顺 of 旅顺口)."""
    from .gazetteer import load

    return frozenset(s[:n] for s in load().surfaces for n in range(2, min(len(s), 5) + 1))


_CJK_ONLY = re.compile(r"[\u4e00-\u9fff]+")
#: what ends a part of a line or a place of ours, not a place abroad (试验段, 东站, 新区)
_NOT_ABROAD = ("段", "线", "站", "期", "区", "县", "市", "镇", "乡", "村", "港", "场")


def _home_place(ctx, lk: Linked, context) -> str | None:
    """某某班列（甲）: the one place in brackets right after a train service's name, the
    place it sets out from (None when the brackets hold anything else)."""
    if not lk.mention.text.endswith(_SERVICE_ENDS):
        return None
    m = _BRACKET_HOME.match(ctx.sent.text, ctx.rel(lk)[1])
    if not m:
        return None
    inside = [x for x in ctx.items if ctx.rel(x)[0] >= m.start(1) and ctx.rel(x)[1] <= m.end(1)
              and ctx.cat(x) == "Region"]
    if len(inside) == 1 and ctx.rel(inside[0]) == (m.start(1), m.end(1)):
        return inside[0].key
    return None


def bare_place(ctx, token: str, doc_context: set[str]) -> list[str]:
    """[the place] a bare name in a line's name stands for (瑞金至兴国高速公路), else []."""
    p = _resolve(ctx, token, _Context(ctx, doc_context))
    if p is None:
        return []
    _add_places(ctx, [p])
    return [p]


class _Context:
    """The regions of the sentence and of the article, with the regions they are in;
    the sentence's are worked out only when a bare name needs them."""

    def __init__(self, ctx, doc_context: set[str]) -> None:
        self.ctx, self.doc, self._own = ctx, doc_context, None

    def __contains__(self, key: str) -> bool:
        if key in self.doc:
            return True
        if self._own is None:
            ctx = self.ctx
            own = {lk.key for lk in ctx.items if lk.key.startswith("region:")}
            for k in list(own):
                if k in ctx.gaz.places:
                    own.update(ctx.gaz.ancestors(k))
            self._own = own
        return key in self._own


def _place_of(ctx, lk: Linked, context: _Context) -> str | None:
    e = ctx.entities[lk.key]
    if e.category == "Region":
        return lk.key
    if e.kind in STATION_KINDS:
        inner = [x.candidates[0] for x in lk.mention.inner if x.candidates]
        place = inner[-1] if inner else _resolve(ctx, e.label, context)
        if place is None and e.kind in HUB_KINDS:
            return lk.key  # 抵达某某港: a port or airport of no known place, as written
        return place
    return None


_CAPITAL_WORDS = ("省会", "首府", "首都")
#: which end of a line a course starts from, after the line's words (西端, 北端, 一头)
_END_SIDE = re.compile(r"(?:[东南西北]端|一端|一头)$")


def _listed(ctx, at: int, context: _Context) -> tuple[list[str], int]:
    """The places listed from ``at`` (offset in the sentence): A、B和C; an address chain
    (河北省三河市) counts as its last place. Returns the places and where the list ends."""
    text = ctx.sent.text
    by_start = {ctx.rel(lk)[0]: lk for lk in ctx.items}
    out: list[str] = []
    if text.startswith(_CAPITAL_WORDS, at) and at + 2 in by_start:
        at += 2  # 从省会甲引出: the capital named by its rank first
    while at < len(text):
        chain: list[str] = []
        ours = self_word().match(text, at)
        if ours and ours.end() in by_start:
            at = ours.end()  # 北起我市甲县乙镇: the speaker's own city, then the places named
        start = at
        while at in by_start:
            lk = by_start[at]
            p = _place_of(ctx, lk, context)
            if p is None and ctx.entities[lk.key].category != "Region" and \
                    ctx.entities[lk.key].kind not in STATION_KINDS:
                break
            if p is not None:
                chain.append(p)
            at = ctx.rel(lk)[1]
            if text.startswith(_CAPITAL_WORDS, at) and at + 2 in by_start:
                at += 2  # 北起某省省会甲 / 某国首都乙: the capital, a place of the chain
            elif text[at - 1:at + 1] == "省会" and at + 1 in by_start:
                at += 1  # (某省|会甲: the province's name took 省)
        joined = at < len(text) and text[at] in _SEP and at + 1 in by_start  # (A及B: 及 joins)
        m = _TOKEN.match(text, at) if at < len(text) and text[at] != "、" and not joined else None
        if m:  # a name the reader left bare (和平, 燕郊): the gazetteer may know it
            p = _resolve(ctx, m.group(0), context)
            if p is not None:
                chain.append(p)
            elif at == start:
                break
            at = m.end()
        if at == start:
            break
        out += _chain_end(ctx, chain)  # (a station of no known place is passed over: 芙蓉镇站)
        if at < len(text) and text[at] in _SEP:
            at += 1
        else:
            break
    return out, at


def _chain_end(ctx, chain: list[str]) -> list[str]:
    """[the last place of an address chain], stopping before a place not inside the one
    before it (徐闻海安: 海安 is a town of 徐闻 the gazetteer does not hold, not 海安市 of
    another province)."""
    places = ctx.gaz.places
    last = None
    for p in chain:
        if last is not None and last in places and p in places and last not in ctx.gaz.ancestors(p):
            break
        last = p
    return [last] if last is not None else []


def _add_places(ctx, keys: list[str]) -> None:
    for k in keys:
        if k in ctx.gaz.places:
            for a in [k] + ctx.gaz.ancestors(k):
                ctx.entities.setdefault(a, place_entity(ctx.gaz, a))


def _target(ctx, infra: list[Linked], at: int, bare: Callable[[int], Linked | None]) -> Linked | None:
    """The line whose course starts at ``at``: the last one named before it in the same or
    the previous clause, else the article's main one (这条高铁北起…)."""
    text = ctx.sent.text
    cl = clauses(text)
    ci = next(i for i, c in enumerate(cl) if c[0] <= at <= c[1])
    lo = cl[max(0, ci - 1)][0]
    before = [lk for lk in infra if lo <= ctx.rel(lk)[0] and ctx.rel(lk)[1] <= at]
    if before:
        return before[-1]
    lead = _END_SIDE.sub("", text[cl[ci][0]:at])  # (这条…铁路西端从A引出: the end it starts from)
    near = at - cl[ci][0] <= 6 or demonstrative_phrase(lead)  # 这条…高铁北起
    return bare(at) if near else None


def _told_after(ctx, infra: list[Linked], stop: int) -> Linked | None:
    """东起A、西至B的X: a course told as what the line named right after it and 的 is."""
    hit = [lk for lk in infra if ctx.rel(lk)[0] == stop + 1]
    return hit[0] if hit and ctx.sent.text[stop:stop + 1] == "的" else None


def _ridden(ctx, infra: list[Linked], at: int) -> Linked | None:
    """从A出发，沿X一路向北…抵达B / 搭乘X列车: the one line the trip told from ``at`` is
    made along or on (``ridden`` cues right before its name)."""
    text = ctx.sent.text
    ridden = tuple(_cues()["ridden"])
    on = [lk for lk in infra if ctx.rel(lk)[0] > at and text.endswith(ridden, 0, ctx.rel(lk)[0])]
    return on[0] if len(on) == 1 else None


def route_facts(ctx, infra: list[Linked], bare: Callable[[int], Linked | None],
                doc_context: set[str]) -> list[Fact]:
    text = ctx.sent.text
    if not (_anchors().search(text) or _leaves().search(text) or _from_via().search(text)):
        return []  # no start or end of a course (a via list alone is connect.verb's 途经)
    marks = list(_markers().finditer(text))
    context = _Context(ctx, doc_context)
    places: list[str] = []
    anchored = started = False
    first = None
    seen_via = False
    last_stop = 0
    transfer = _transfer().search(text)
    for i, m in enumerate(marks):
        if transfer is not None and m.start() >= transfer.start():
            break  # 沿X南下A，再转往B…发往C: B and C are reached by other means
        kind = m.lastgroup
        listed = _listed(ctx, m.end(), context) if kind == "from" else None
        if listed and listed[0] and text.startswith(tuple(_cues()["from_start"]), listed[1]):
            kind = "start"  # 自A起，至B止: the place after the from word, then 起: it starts at A
        elif kind == "from":
            clause_end = clause_stop(text, m.end())
            nxt = marks[i + 1] if i + 1 < len(marks) else None
            via_next = nxt is not None and nxt.lastgroup == "via" and \
                not re.search("[。；;！？]", text[m.end():nxt.start()])
            if not _leaves().search(text, m.end(), clause_end) and not via_next:
                continue  # 从A到B只需…: a trip, not where the line starts (自A经B…至C: a course)
        if kind == "via":
            seen_via = True
        elif kind is None:
            if not seen_via and not started:
                continue  # 甲至乙段: a stretch named by its ends, no course told
            kind = "end"  # 自A经B、C至D: 至 ends a course told with its stops
        if kind == "start" and started:
            break  # 甲线东起A，乙线西起B: a second course starts
        found, stop = listed or _listed(ctx, m.end(), context)
        if kind not in ("via", "end"):
            found = found[:1]  # (an end may fork: 南抵A及B)
        elif m.group(0) in _cues()["enters"]:  # 进入广东省后经A: the province is no stop
            found = [k for k in found if ctx.gaz.places.get(k) is None or ctx.gaz.places[k].level > 0]
        if kind == "end" and _after_end().match(text, stop):
            continue  # 到达北京只需1小时: where a trip ends
        if not found:
            continue
        anchored = anchored or kind != "via"
        started = started or kind == "start"
        first = m.start() if first is None else first
        places += [p for p in found if p not in places]
        last_stop = stop
    if not anchored or len(places) < 2:
        return []
    target = _target(ctx, infra, first, bare) or _ridden(ctx, infra, first) or _told_after(ctx, infra, last_stop)
    if target is None:
        return []
    _add_places(ctx, places)
    return [ctx.fact("connection", {"infra": target.key, "places": tuple(places)},
                     "connect.course", 0.7)]


def ends_facts(ctx, infra: list[Linked], bare: Callable[[int], Linked | None],
               doc_context: set[str]) -> list[Fact]:
    """X一头连着A，一头连着B; 东起A、西接B (a start, then the other end)."""
    text = ctx.sent.text
    marks = list(_ends_cue().finditer(text))
    if len(marks) < 2 or not any(m.group(0) in _cues()["each_end"] for m in marks):
        return []  # (北起A，经B，南至C: a course, read by course_facts)
    context = _Context(ctx, doc_context)
    places: list[str] = []
    for m in marks:
        places += [p for p in _listed(ctx, m.end(), context)[0] if p not in places]
    target = _target(ctx, infra, marks[0].start(), bare)
    if len(places) < 2 or target is None:
        return []
    _add_places(ctx, places)
    return [ctx.fact("connection", {"infra": target.key, "places": tuple(places)},
                     "connect.ends", 0.7)]


def bracket_facts(ctx, infra: list[Linked], doc_context: set[str]) -> list[Fact]:
    """X（A至B）: the endpoints written in brackets after the line's name."""
    text = ctx.sent.text
    facts = []
    context = _Context(ctx, doc_context)
    for lk in infra:
        m = _BRACKET_ENDS.match(text, ctx.rel(lk)[1])
        if not m:
            home = _home_place(ctx, lk, context)
            if home is not None:
                _add_places(ctx, [home])
                facts.append(ctx.fact("connection", {"infra": lk.key, "places": (home,)},
                                      "connect.name", 0.7))
            continue
        ends, abroad = [], 0
        for g in (1, 2):
            inside = [x for x in ctx.items if ctx.rel(x)[0] >= m.start(g) and ctx.rel(x)[1] <= m.end(g)
                      and ctx.cat(x) == "Region"]
            p = inside[-1].key if inside else _resolve(ctx, m.group(g), context)
            if p is not None:
                ends.append(p)
            elif abroad_name(ctx.gaz, m.group(g)):
                abroad += 1  # 中老铁路（昆明—万象）: an end abroad is not read; the line joins the other
        if len(set(ends)) == 2 or (len(ends) == 1 and abroad == 1):
            _add_places(ctx, ends)
            facts.append(ctx.fact("connection", {"infra": lk.key, "places": tuple(ends)},
                                  "connect.name", 0.8))
    return facts


@lru_cache(maxsize=1)
def _stop() -> re.Pattern:
    return re.compile(f"(?:{alternation(_cues()['stop'])})")


@lru_cache(maxsize=1)
def _stop_after() -> re.Pattern:
    return re.compile(f"在[^，,。；;在]{{1,12}}?(?:{alternation(_cues()['stop'])})")


def stops_said(text: str, start: int, end: int) -> bool:
    """X在C设站 / 在C、D停靠, right after the line (``start``) in its clause: the line runs,
    with stops of its own."""
    return _stop_after().match(text, start, end) is not None


@lru_cache(maxsize=1)
def _stop_station() -> re.Pattern:
    return re.compile(f"(?:{alternation(_cues()['stop_station'])})")


def _station_after(ctx, at: int, end: int, stops: list[str]) -> tuple[re.Match | None, list[str]]:
    """在C设有C北站: a verb of setting up right after a place listed from ``at`` (the list may
    have run on into the station's name, up to ``end``), then a station's name. Returns the
    verb and the places before it."""
    text = ctx.sent.text
    starts = {ctx.rel(lk)[0] for lk in ctx.items if ctx.entities[lk.key].kind == "Station"}
    places = [lk for lk in ctx.items if at < ctx.rel(lk)[0] and ctx.rel(lk)[1] <= end
              and ctx.entities[lk.key].category == "Region"]
    for lk in places:
        m = _stop_station().match(text, ctx.rel(lk)[1])
        if m is not None and m.end() in starts:
            before = {x.key for x in places if ctx.rel(x)[1] <= m.start()}
            return m, [k for k in stops if k in before]
    return None, stops


def with_stops(ctx, facts: list[Fact], infra: list[Linked], bare: Callable[[int], Linked | None],
               doc_context: set[str]) -> list[Fact]:
    """X连接A与B，并在C设站 / 在C、D停靠: the stops are places the line joins too — added
    to the sentence's fact about the line, else a fact of their own when they are two."""
    text = ctx.sent.text
    if "在" not in text or not (_stop().search(text) or _stop_station().search(text)):
        return facts
    context = _Context(ctx, doc_context)
    out = list(facts)
    for at in (i for i, c in enumerate(text) if c == "在"):
        stops, end = _listed(ctx, at + 1, context)
        said = _stop().search(text, at + 1, end + 6) if stops else None
        if stops and (said is None or said.start() > end):
            said, stops = _station_after(ctx, at, end, stops)  # 在C设有C北站
        if said is None or said.start() > end or re.search(r"[，,。；;]", text[at:said.start()]):
            continue  # (the list may have read the stop word as a bare name: 吉安设站)
        target = _target(ctx, infra, at, bare)
        if target is None or ctx.entities[target.key].kind != "Railway":
            continue
        _add_places(ctx, stops)
        same = [i for i, f in enumerate(out) if f.relation == "connection"
                and f.args["infra"] == target.key]
        for i in same:
            f = out[i]
            places = f.args["places"] + tuple(k for k in stops if k not in f.args["places"])
            out[i] = replace(f, args={**f.args, "places": places})
        if not same and len(stops) >= 2:
            out.append(ctx.fact("connection", {"infra": target.key, "places": tuple(stops)},
                                "connect.stops", 0.6))
    return out


@lru_cache(maxsize=1)
def _via_clause() -> re.Pattern:
    """A clause that opens with a word of passing (途经, 经停): 连接A与B，途经C."""
    return re.compile(rf"[，,](?:并|还|且|中间|沿途)?(?:{alternation(_cues()['via_clause'])})")


def with_via(ctx, facts: list[Fact], doc_context: set[str]) -> list[Fact]:
    """X连接A与B，途经C: the places the clause right after the joining verb's says the line
    passes are places of the sentence's fact about it (added to it)."""
    text = ctx.sent.text
    joined = [i for i, f in enumerate(facts) if f.relation == "connection" and f.rule == "connect.verb"]
    if not joined:
        return facts
    out = list(facts)
    context = _Context(ctx, doc_context)
    for m in _via_clause().finditer(text):
        if any(ctx.rel(lk)[0] >= m.end() and ctx.cat(lk) == "Infrastructure"
               and ctx.entities[lk.key].kind not in STATION_KINDS for lk in ctx.items):
            continue  # (a line named after the words: the stops may be its own)
        places, end = _listed(ctx, m.end(), context)
        if not places or (end < len(text) and text[end] not in "，,。；;"):
            continue  # 途经C设站, 途经C时: not a list of places the line passes
        lines = [lk for lk in ctx.items if ctx.cat(lk) == "Infrastructure"
                 and ctx.rel(lk)[1] <= m.start() and ctx.entities[lk.key].kind not in STATION_KINDS]
        if not lines:
            continue
        _add_places(ctx, places)
        for i in joined:
            f = out[i]
            if f.args["infra"] == lines[-1].key:
                extra = tuple(k for k in places if k not in f.args["places"])
                out[i] = replace(f, args={**f.args, "places": f.args["places"] + extra})
    return out


def drop_travel_targets(facts: list[Fact]) -> list[Fact]:
    """A travel time names a trip's ends; for a line whose course or ends the article
    states otherwise, those ends are not places it joins (…高铁连接A与B…从C到北京只需1小时)."""
    stated = {f.args["infra"] for f in facts
              if f.relation == "connection" and f.rule != "connect.travel"}
    return [f for f in facts if not (f.rule == "connect.travel" and f.args["infra"] in stated)]


def course_facts(ctx, infra: list[Linked], bare: Callable[[int], Linked | None],
                 doc_context: set[str]) -> list[Fact]:
    """Every rule of this module for one sentence (``bare``: the article's main line for
    a bare 这条高铁 before an offset; ``doc_context``: :func:`doc_places`)."""
    return (route_facts(ctx, infra, bare, doc_context) + ends_facts(ctx, infra, bare, doc_context)
            + bracket_facts(ctx, infra, doc_context))


def doc_places(items: list[Linked]) -> set[str]:
    """The regions an article names and the regions they are in (once per article)."""
    keys = {lk.key for lk in items if lk.key.startswith("region:")}
    if not keys:
        return keys
    from .gazetteer import load

    gaz = load()
    for k in list(keys):
        if k in gaz.places:
            keys.update(gaz.ancestors(k))
    return keys
