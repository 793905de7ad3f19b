"""Connections told by a route rather than by a verb of joining (called from relations.py):

* ``connect.route``  该高速起于A，经B，止于C / 北起A，南至C: where a road or line starts,
  passes and ends (the line is the one the sentence or the sentence before names);
* ``connect.both``   X把两镇连在了一起 / 这条线路把A和B紧紧连在一起: the two places it ties
  (两镇, 两地, 两市 … are the two places the sentence named before);
* ``connect.travel`` 随着X通车，A与B之间的车程由…缩短至…; 南京北站至滁州站只需…: the trip
  between two places (or two stations) that the line shortens (on each of two lines
  opened together: X与Y贯通后, :func:`joint_trips`).

Words live in ``graph/data/route_cues.json``.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .linking import Linked, place_entity
from .model import Fact
from .resources import alternation, read_csv, read_json


@lru_cache(maxsize=1)
def _cues() -> dict:
    return read_json("route_cues.json")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    c = _cues()
    return {
        "start": re.compile(f"(?:{alternation(c['start'])})$"),
        "any_start": re.compile(alternation(c["start"])),
        "via": re.compile(f"(?:{alternation(c['via'])})$"),
        "end": re.compile(f"(?:{alternation(c['end'])})$"),
        "tie": re.compile(f"(?:{alternation(c['tie_lead'])})(?P<obj>[^，,。；;]{{1,40}}?)(?:{alternation(c['tie_adverb'])})?"
                          f"(?:{alternation(c['tie'])})"),
        "two": re.compile(f"两(?:座|个)?(?P<unit>{alternation(list(c['two_units']))})"),
        "trip": re.compile(f"^(?:两[地市岸城县区])?(?:之间)?(?:的)?(?:{alternation(c['trip'])})?(?:将|也|就|可|最快|仍|可实现|实现|进一步|大大|大幅|再次|明显)*"
                           f"(?:(?:由[^，,。；;]{{0,14}}?)?(?:{alternation(c['shorter'])})|"
                           f"(?:约|仅|只)?[0-9一二两三四五六七八九十半]+个?多?(?:小时|分钟)(?:内|左右)?"
                           f"(?:{alternation(c['arrive'])}))"),
        "opened": re.compile(alternation(c["opened"])),
        "ride": re.compile(alternation(c["ride"])),
        "ride_to": re.compile(f"(?:{alternation(c['ride_vehicle'])})?(?:{alternation(c['ride_to'])})"),
        # X把A和B的…; X贯穿园区，将A和B的…: the line, the rest of its clause, then 将
        "shortened_by": re.compile(f"(?:[^，,。；;]{{0,12}}[，,])?(?:{alternation(c['tie_lead'])})"),
        "refer": re.compile(alternation(c["refer"])),
        # X甲至乙段已开通，全线尚未贯通: a section named by its ends right after the line's
        # name, said open in its own clause (not 将, 预计 … first)
        "open_section": re.compile(
            f"[\\u4e00-\\u9fff]{{2,8}}?(?:{alternation(c['span_to'])})[\\u4e00-\\u9fff]{{2,8}}?"
            f"(?:{alternation(c['section'])})(?:(?!{alternation(c['section_not_yet'])})[^，,。；;]){{0,6}}?"
            f"(?:{alternation(c['opened'])})(?!后)"),
    }


CONNECTING = ("Bridge", "Railway", "Road", "Waterway", "Cableway", "UtilityLine")


def _infra(ctx) -> list[Linked]:
    return [lk for lk in ctx.of("Infrastructure") if ctx.entities[lk.key].kind in CONNECTING]


def first_infra(ctx) -> Linked | None:
    """The line, road or bridge a sentence is about (its first one), for the next sentence."""
    found = _infra(ctx)
    return found[0] if found else None


def chain_after(ctx, at: int) -> list[Linked]:
    """The address chain of places that starts at offset ``at`` (四川省广安市邻水县高滩镇)."""
    chain: list[Linked] = []
    for lk in ctx.items:
        s, e = ctx.rel(lk)
        if s == (ctx.rel(chain[-1])[1] if chain else at) and ctx.cat(lk) == "Region":
            chain.append(lk)
        elif chain and s >= ctx.rel(chain[-1])[1]:
            break
    return chain


def _line_place(ctx, chain: list[Linked]) -> Linked:
    """The place a line passes for an address chain: its last, or the county before a town
    (经某县某镇: the county — a line joins places, a town is its station's address)."""
    if len(chain) >= 2 and ctx.entities[chain[-1].key].kind == "Town":
        return chain[-2]
    return chain[-1]


def _list_after(ctx, at: int) -> list[Linked]:
    """Places listed from ``at`` (A、B和C), each one the last of its address chain."""
    out = []
    while True:
        chain = chain_after(ctx, at)
        if not chain:
            return out
        out.append(_line_place(ctx, chain))
        end = ctx.rel(chain[-1])[1]
        sep = re.match(r"、|和|与|及|以及", ctx.sent.text[end:])
        if not sep:
            return out
        at = end + sep.end()


def _fact(ctx, infra: Linked, places: list[str], rule: str, conf: float) -> list[Fact]:
    places = list(dict.fromkeys(places))
    if len(places) < 2:
        return []
    return [ctx.fact("connection", {"infra": infra.key, "places": tuple(places)}, rule, conf)]


def _subject(ctx, before: int, prev_infra: Linked | None) -> Linked | None:
    """The line a clause speaks of: one named before ``before`` in the sentence, else, when
    the sentence refers back to it (该高速, 这条线路, 全线), the one of the sentence before."""
    named = [lk for lk in _infra(ctx) if ctx.rel(lk)[1] <= before]
    if named:
        return named[-1]
    if prev_infra is not None and _patterns()["refer"].search(ctx.sent.text, 0, before):
        return prev_infra
    return None


def _site_region(ctx, lk: Linked) -> str | None:
    """至钦南区某某港, 西起某市工业园区: a port or park named after its place (the address
    chain its name opens with) stands for that place as a line's end or stop; None for
    anything else."""
    if not (ctx.cat(lk) == "Infrastructure" and ctx.entities[lk.key].kind == "Port"
            or ctx.cat(lk) == "Park"):  # (西起某市工业园区: the park's place, likewise)
        return None
    chain = []
    for m in lk.mention.inner:
        if m.category == "Region" and m.candidates and \
                m.start == (chain[-1].end if chain else lk.mention.start):
            chain.append(m)
    if not chain or len(lk.mention.text) - (chain[-1].end - lk.mention.start) < 2:
        return None
    key = chain[-1].candidates[0]
    for a in [key] + ctx.gaz.ancestors(key):
        ctx.entities.setdefault(a, place_entity(ctx.gaz, a))
    return key


#: 我市/本县 … right before a place of an address: the speaker's, written as the address's head
_SELF_BEFORE = re.compile(r"[我本][省市区县州旗]$")


def route(ctx, prev_infra: Linked | None) -> list[Fact]:
    """起于A，(途)经B、C，止于D: start, stops and end of the line."""
    text = ctx.sent.text
    p = _patterns()
    if not p["any_start"].search(text):
        return []
    starts: list[tuple[int, int]] = []  # (offset of the marker, offset of its place)
    for lk in ctx.items:
        s, _ = ctx.rel(lk)
        own = _SELF_BEFORE.search(text, max(0, s - 2), s)  # (起于我市某县: the county)
        for kind in ("start", "via", "end"):
            m = p[kind].search(text, max(0, s - 4 - (2 if own else 0)), own.start() if own else s)
            if m and (ctx.cat(lk) == "Region" or _site_region(ctx, lk)) and not (
                    starts and s < starts[-1][1]):
                starts.append((m.start(), s, kind))
                break
    if not starts or starts[0][2] != "start" or not any(k == "end" for _, _, k in starts):
        return []
    infra = _subject(ctx, starts[0][0], prev_infra)
    if infra is None:
        return []
    places = []
    last_end = None
    ended = False
    for m_at, at, kind in starts:
        if last_end is not None and re.search(r"[。；;]", text[last_end:m_at]):
            break
        if ended and not text.startswith("支线", m_at):
            break  # (东至C，并设支线连接D: a branch's end is one more end of the line)
        chain = chain_after(ctx, at)
        # (起于某区某镇，止于某县某镇: a road's ends are the towns; a stop 经某县某镇 is the county)
        found = _list_after(ctx, at) if kind == "via" else [chain[-1]] if chain else []
        port = None if found else next((_site_region(ctx, lk) for lk in ctx.items if ctx.rel(lk)[0] == at), None)
        if port:  # (至某区某某港: the port's place)
            places.append(port)
            last_end = at
            ended = ended or kind == "end"
            continue
        places += [lk.key for lk in found if lk.key not in places]
        last_end = ctx.rel(found[-1])[1] if found else at
        ended = ended or kind == "end"
    return _fact(ctx, infra, places, "connect.route", 0.75)


def _two(ctx, unit: str, upto: int) -> list[str]:
    """两镇/两市/两地: the two places of that kind the sentence named before ``upto``."""
    kinds = _cues()["two_units"][unit]
    seen: list[str] = []
    prev_end, prev_kept = None, False
    for lk in ctx.items:
        s, e = ctx.rel(lk)
        if e > upto:
            break
        if ctx.cat(lk) != "Region":
            continue
        if prev_end == s and prev_kept:
            seen.pop()  # an address chain counts as its last place
        prev_kept = not kinds or ctx.entities[lk.key].kind in kinds
        if prev_kept:
            seen.append(lk.key)
        prev_end = e
    seen = list(dict.fromkeys(seen))
    return seen if len(seen) == 2 else []


def tie(ctx, prev_infra: Linked | None) -> list[Fact]:
    """X把A和B连在一起; X把两镇连在了一起; X将A、B、C串在一条线上."""
    p = _patterns()
    out = []
    if not any(w in ctx.sent.text for w in _cues()["tie_lead"]):
        return out
    for m in p["tie"].finditer(ctx.sent.text):
        infra = _subject(ctx, m.start(), prev_infra)
        if infra is None:
            continue
        lo, hi = m.start("obj"), m.end("obj")
        inside = [lk for lk in ctx.items if lo <= ctx.rel(lk)[0] and ctx.rel(lk)[1] <= hi]
        places = [lk.key for lk in _list_after(ctx, ctx.rel(inside[0])[0])] if inside else []
        if len(places) < 2:  # X把老城甲区与对岸的乙区连在一起: the places between, described
            regions = list(dict.fromkeys(lk.key for lk in inside if ctx.cat(lk) == "Region"))
            places = [k for k in regions if not any(k in ctx.gaz.ancestors(o) for o in regions)]
        if len(places) < 2:
            two = p["two"].search(m.group("obj"))
            places = _two(ctx, two.group("unit"), m.start()) if two else []
        out += _fact(ctx, infra, places, "connect.both", 0.7)
    return out


def end_place(ctx, lk: Linked) -> str | None:
    """A place, or the place a station is named after (南京北站 → 南京)."""
    if ctx.cat(lk) == "Region":
        return lk.key
    if ctx.entities[lk.key].kind != "Station":
        return None
    if lk.mention.inner:
        inner = lk.mention.inner[0]
        return inner.candidates[0] if inner.start == lk.start and inner.candidates else None
    name = _STATION.sub("", lk.mention.text)
    keys = [k for k, _ in ctx.gaz.surfaces.get(name, [])]
    if len(keys) != 1 or ctx.gaz.places[keys[0]].level > 2:
        return None
    for k in [keys[0]] + ctx.gaz.ancestors(keys[0]):
        ctx.entities.setdefault(k, place_entity(ctx.gaz, k))
    return keys[0]


_STATION = re.compile(r"(?:东|南|西|北)?(?:火车站|高铁站|站)$")
_TRIP_SEP = re.compile(r"(?:中心城区|主城区|市区|城区|区)?(?:与|和|至|到|—|-)")


def travel(ctx) -> list[Fact]:
    """随着X通车，A与B之间的车程由50分钟缩短至20分钟: X joins A and B (X named in the
    sentence, which says that it opens). Two forms need no word of opening: X把A和B的通行
    时间压缩至… (the line itself shortens the trip) and 从A站乘X到B站仅需… / 从A站乘X，最快
    两小时即可到达B站 (a ride on X)."""
    text = ctx.sent.text
    p = _patterns()
    lines = [lk for lk in _infra(ctx)]
    if not lines:
        return []
    # (随着X开工建设，A至B的时空距离将缩短: the sentence says the line changes the trip)
    opened = p["opened"].search(text) is not None or "随着" in text or "随著" in text
    ends = [lk for lk in ctx.items if end_place(ctx, lk)]
    out = []
    for i, a in enumerate(ends):
        # A is the last of its address chain, B the last of the chain after 与/至
        nxt = ends[i + 1:]
        if nxt and ctx.rel(nxt[0])[0] == ctx.rel(a)[1]:
            continue
        sep = _TRIP_SEP.match(text, ctx.rel(a)[1])  # (A中心城区至B: the city's core)
        ridden = _ride(ctx, lines, ctx.rel(a)[1]) if not sep else None
        timed = False
        if ridden is not None:
            ride_line, sep, timed = ridden
        elif not sep or not (opened or _shortened_by(ctx, lines, a)):
            continue
        chain = chain_after(ctx, sep.end())
        b = chain[-1] if chain else ([x for x in nxt if ctx.rel(x)[0] == sep.end()] or [None])[0]
        if b is None:
            continue
        listed = [b] + _destinations(ctx, b)  # A至B、C实现1小时通达: each of B and C
        if not timed and not p["trip"].match(text[ctx.rel(listed[-1])[1]:]):
            continue
        line = [ride_line] if ridden is not None else [lk for lk in lines if ctx.rel(lk)[1] <= ctx.rel(a)[0]]
        if not line:
            continue
        out += _fact(ctx, line[-1], [end_place(ctx, a)] + [end_place(ctx, x) for x in listed],
                     "connect.travel", 0.65)
    return out


#: 乘X，最快两个多小时即可到达B: the time of the ride, then the words before its end
_TIMED_ARRIVAL = re.compile(r"[，,]?(?:最快|最短|仅|只)?(?:需|要|用)?(?:约)?[\d一二三四五六七八九十两半]+个?"
                            r"(?:小时|分钟)(?:[\d一二三四五六七八九十]+分钟?)?(?:左右)?"
                            r"(?:即可|就能|就可|便可|可|就)?(?:到达|抵达|直达)")


def _ride(ctx, lines: list[Linked], at: int) -> tuple[Linked, re.Match, bool] | None:
    """从A站乘X到B站: (X, the match of the words before B, whether they told the ride's time)
    when a ride on a line named right after a word of riding leads from the end at ``at`` to
    the next (乘X，最快2小时即可到达B: the time before the end); else None."""
    text = ctx.sent.text
    m = _patterns()["ride"].match(text, at)
    if not m:
        return None
    line = next((lk for lk in lines if ctx.rel(lk)[0] == m.end()), None)
    if line is None:
        return None
    to = _patterns()["ride_to"].match(text, ctx.rel(line)[1])
    if to:
        return line, to, False
    timed = _TIMED_ARRIVAL.match(text, ctx.rel(line)[1])
    return (line, timed, True) if timed else None


def _shortened_by(ctx, lines: list[Linked], a: Linked) -> bool:
    """X把A和B的… (or X贯穿园区，将A和B的…: the clause before 将 tells of X): is the line named
    right before 把/将, or opening the clause before it, the one that shortens the trip that
    starts at ``a``?"""
    text = ctx.sent.text
    s = ctx.rel(a)[0]
    return any(_patterns()["shortened_by"].fullmatch(text, ctx.rel(lk)[1], s) for lk in lines)


def _destinations(ctx, b: Linked) -> list[Linked]:
    """The places listed with 、 after the trip's end ``b`` (甲至乙、丙实现1小时通达: 丙), each
    the last of its address chain; [] when the list is not all places."""
    text = ctx.sent.text
    out: list[Linked] = []
    end = ctx.rel(b)[1]
    while text.startswith("、", end):
        chain = chain_after(ctx, end + 1)
        if not chain:
            return []
        out.append(chain[-1])
        end = ctx.rel(chain[-1])[1]
    return out


def connections_by_route(ctx, prev_infra: Linked | None) -> list[Fact]:
    return route(ctx, prev_infra) + tie(ctx, prev_infra) + travel(ctx) + circle(ctx) + heading(ctx, prev_infra)


@lru_cache(maxsize=1)
def _heading() -> re.Pattern:
    return re.compile(f"(?:{alternation(_cues()['heading'])})")


def heading(ctx, prev_infra: Linked | None) -> list[Fact]:
    """X经甲、乙南下 / 这条铁路…，经甲、乙北上: the places a line passes on its way (经 and a
    list of places, then a word of heading on) are places it joins."""
    text = ctx.sent.text
    if "经" not in text:
        return []
    out: list[Fact] = []
    for lk in ctx.items:
        s, _ = ctx.rel(lk)
        if ctx.cat(lk) != "Region" or text[s - 1:s] != "经" or text[s - 2:s] == "途经":
            continue  # (途经 is read by the connection verbs)
        listed = _list_after(ctx, s)
        if not listed:
            continue
        end = max(ctx.rel(x)[1] for x in listed)
        if not _heading().match(text, end):
            continue
        infra = _subject(ctx, s - 1, prev_infra)
        if infra is not None:
            out += _fact(ctx, infra, [x.key for x in listed], "connect.route", 0.7)
    return out


_COUNTS = {"两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


@lru_cache(maxsize=1)
def _circle_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    c = _cues()
    count = re.compile(f"([两三四五六七八九十])(?:{alternation(c['circle_units'])})")
    told = re.compile(f"[^，,。；;]{{0,6}}?(?:{alternation(c['circle_verbs'])})"
                      f"[^，,。；;]{{0,10}}?(?:{alternation(c['circle'])})")
    # 把甲与乙这两座…的城市拉进了“半日生活圈”: what the two are may stand before the verb
    tied = re.compile(f"[^，,。；;]{{0,20}}?(?:{alternation(c['circle_verbs'])})"
                      f"[^，,。；;]{{0,10}}?(?:{alternation(c['circle'])})")
    return count, told, tied


def circle(ctx) -> list[Fact]:
    """X开通后，甲、乙、丙、丁四市形成“一小时生活圈”: places listed and counted (the count
    matching the list), then a verb and a word of one commuting area, in a sentence that
    names one line: the line joins them all; so does X把甲与乙拉进了“半日生活圈” (the list
    the object of 把/将, no count needed)."""
    text = ctx.sent.text
    lines = {lk.key: lk for lk in _infra(ctx)}
    if len(lines) != 1 or not any(w in text for w in _cues()["circle"]):
        return []
    count, told, tied = _circle_patterns()
    out: list[Fact] = []
    for lk in ctx.items:
        if ctx.cat(lk) != "Region":
            continue
        s, _ = ctx.rel(lk)
        if s and text[s - 1] in "、和与及":
            continue  # (the list's first place only)
        listed = _list_after(ctx, s)
        end = max(ctx.rel(x)[1] for x in listed) if listed else s
        m = count.match(text, end)
        if len(listed) < 2:
            continue
        if m is None and text.endswith(("把", "将"), 0, s):
            if not tied.match(text, end):  # (X把甲与乙拉进“一小时生活圈”: the object of 把)
                continue
        elif not m or _COUNTS[m.group(1)] != len(listed) or not told.match(text, m.end()):
            continue
        out += _fact(ctx, next(iter(lines.values())), [x.key for x in listed], "connect.circle", 0.7)
    return out


_BOTH = re.compile(r"与|和|、|及")


def joint_trips(ctx, facts: list[Fact]) -> list[Fact]:
    """甲高铁与乙高铁贯通后，从A到B只需…: a trip the sentence says two lines make together
    (named side by side, then opened) joins its places on each of them."""
    lines = _infra(ctx)
    if len(lines) < 2:
        return facts
    text = ctx.sent.text
    joint: dict[str, list[str]] = {}
    for a, b in zip(lines, lines[1:]):
        (_, ea), (sb, eb) = ctx.rel(a), ctx.rel(b)
        if _BOTH.fullmatch(text, ea, sb) and _patterns()["opened"].match(text, eb):
            joint.setdefault(a.key, []).append(b.key)
            joint.setdefault(b.key, []).append(a.key)
    out = list(facts)
    for f in facts:
        if f.relation == "connection" and f.rule == "connect.travel":
            out += [replace(f, args={**f.args, "infra": k}) for k in joint.get(f.args["infra"], [])]
    return out


def joins_other_line(ctx, target: Linked, infra: list[Linked]) -> bool:
    """与B贯通运行 after a line A, or A接上B: B is the line A joins, not a line that joins
    places."""
    s, _ = ctx.rel(target)
    joined = _joins_line().search(ctx.sent.text, 0, s)
    if joined:  # A接上B后…: B is the line A joins
        return any(ctx.rel(lk)[1] == joined.start() for lk in infra if lk.key != target.key)
    if not re.search(r"(?:^|[，,；;])(?:并|还|也|将|已)?(?:与|同|跟)$", ctx.sent.text[:s]):
        return False  # …，与X贯通运行 (not A和B有望建成: two lines named together)
    return any(ctx.rel(lk)[1] < s for lk in infra if lk.key != target.key)


@lru_cache(maxsize=1)
def _joins_line() -> re.Pattern:
    """A verb right between two lines that joins the second to the first (A接上B)."""
    return re.compile(f"(?:{alternation(_cues()['joins_line'])})了?$")


def _same_line(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def prune_initials(facts: list[Fact], entities: dict, gaz) -> list[Fact]:
    """A place read from a line's initials (京 → 北京市) that contains a place the article
    says the same line joins (通州区) is the coarse name of that place: drop it, and the
    fact when fewer than two places remain. When the article says the line joins two or
    more places (某某高速串起甲、乙两地, 沪某高铁连接甲与乙), it speaks of that stretch, even
    when one of them is an end its initials name: the initials' fact is dropped."""
    said: dict[str, set[str]] = {}
    for f in facts:
        if f.relation == "connection" and f.rule != "connect.initials":
            said.setdefault(entities[f.args["infra"]].label, set()).update(f.args["places"])
    if not said:
        return facts
    out = []
    for f in facts:
        if f.rule != "connect.initials":
            out.append(f)
            continue
        label = entities[f.args["infra"]].label
        inner = set().union(*[v for k, v in said.items() if _same_line(k, label)] or [set()])
        coarse = {p for p in f.args["places"] if p in gaz.places and any(
            p in gaz.ancestors(q) for q in inner if q in gaz.places)}
        if len(inner) >= 2 and not coarse:
            continue  # 某某高速串起甲、乙两地: the stretch the article speaks of, not the line's ends
        if not coarse:
            out.append(f)
            continue
        keep = tuple(p for p in f.args["places"] if p not in coarse)
        if len(keep) >= 2:
            out.append(replace(f, args={**f.args, "places": keep}))
    return out


@lru_cache(maxsize=1)
def _line_abbrevs() -> dict[str, tuple[str, ...]]:
    """Place key → the one-character forms line names use for it (宁 for 南京, 甬 for 宁波)
    besides its first character (``data/line_abbrev.csv``)."""
    from .gazetteer import load

    gaz = load()
    out: dict[str, list[str]] = {}
    for r in read_csv("line_abbrev.csv"):
        for p in gaz.by_name(r["name"]):
            out.setdefault(p.key, []).append(r["abbr"])
    return {k: tuple(v) for k, v in out.items()}


def line_initials(key: str) -> tuple[str, ...]:
    """The characters besides its first one that stand for place ``key`` in a line's name
    (宁滁城际: 宁 is 南京 when the article names 南京)."""
    return _line_abbrevs().get(key, ())


def unbegun_lines(ctx, whole: bool = False) -> set[str]:
    """X…但走向仍在论证，尚未开工: lines the sentence says are not begun yet (still argued
    over, route undecided) — the keys of the line
    named last before such words, in their clause or a clause that only goes on about it.
    A line being built, or one that joins A and B once built (X建成后将串联A、B), is not
    among them, nor is one in its early work or study stage (前期研究, 前期工作, 方案研究):
    the annotators keep a planned link that names both sides. ``whole``: only
    lines the words speak of as a whole (no 段, 二期 or 延长线 between: :func:`drop_unbegun_in_doc`)."""
    c = _cues()
    words = _words_pattern(tuple(c["unbegun"]))
    text = ctx.sent.text
    out: set[str] = {lk.key for lk in _denied(ctx)}
    if not words.search(text):
        return out
    lead = _unbegun_lead(tuple(c["unbegun_lead"]))
    infra = [lk for lk in ctx.items if ctx.cat(lk) == "Infrastructure"]
    cl = ctx.clauses()
    for m in words.finditer(text):
        before = [lk for lk in infra if ctx.rel(lk)[1] <= m.start()
                  and not _bracketed(text, ctx.rel(lk)[0], m.start())]
        if not before:
            continue
        s0 = ctx.rel(before[-1])[0]
        ci = [i for i, x in enumerate(cl) if x[0] <= m.start() < x[1]]
        ti = [i for i, x in enumerate(cl) if x[0] <= s0 < x[1]]
        if not ci or not ti or ci[0] - ti[0] > 2:
            continue
        if whole and _words_pattern(tuple(c["unbegun_part"])).search(
                text[ctx.rel(before[-1])[1]:m.start()].replace("阶段", "")):
            continue  # X二期尚未开工: a part of the line, not the line
        if _patterns()["open_section"].match(text[:m.start()], ctx.rel(before[-1])[1]):
            continue  # X甲至乙段已开通，全线尚未贯通: the open section still joins its ends
        said = _REASON.sub("", text[cl[ci[0]][0]:m.start()].strip(" ，,；;"))
        if ci[0] == ti[0] or lead.fullmatch(said):
            out.add(before[-1].key)
    return out


_HUB_END = ("机场", "站", "港", "港区", "码头", "口岸")


def _denied(ctx) -> list[Linked]:
    """外界盛传的X航线，机场方面回应称暂无开通计划 / 网传的“X高铁”，目前根本不存在: the route
    named last before words that deny the link (it does not exist, is a rumour, has no plan
    to open, is put off), in their clause or one of the two before, whatever stands between
    (an airport or port named there is a speaker, not the route)."""
    text = ctx.sent.text
    cl = ctx.clauses()
    routes = [lk for lk in ctx.items if ctx.cat(lk) == "Infrastructure"
              and not ctx.entities[lk.key].label.endswith(_HUB_END)]
    out = []
    for m in _denials(text):
        before = [lk for lk in routes if ctx.rel(lk)[1] <= m.start()]
        ci = [i for i, x in enumerate(cl) if x[0] <= m.start() < x[1]]
        ti = [i for i, x in enumerate(cl) if before and x[0] <= ctx.rel(before[-1])[0] < x[1]]
        if ci and ti and (ci[0] - ti[0] <= 2 or _rumoured(ctx, before[-1])):
            out.append(before[-1])
            # (流传的“X将延伸至甲、与Y贯通”一说…并无这一规划: every route the rumour tells)
            out += [lk for lk in before[:-1] if _rumoured(ctx, lk) and lk not in out]
    return out


def _rumoured(ctx, route: Linked) -> bool:
    """听说有人在传“X”马上开工，…，…，别信谣: a route a rumour word stands before (in its
    clause) is the one words denying it speak of, however many clauses follow."""
    text = ctx.sent.text
    s, _ = ctx.rel(route)
    rumour = _words_pattern(tuple(_cues()["rumour"])).search(text, 0, s)
    return rumour is not None and not re.search(r"[，,。；;]", text[rumour.end():s])


@lru_cache(maxsize=1024)
def _denials(text: str) -> tuple[re.Match, ...]:
    """Words that deny a link: 属误传, 暂无开通计划 …, and 并不存在 after a rumour word
    (网传的X，目前根本不存在; not 两地之间并不存在障碍). Remembered by sentence: the
    unbegun lines and the bare-word check of one sentence each read them."""
    c = _cues()
    found = list(_words_pattern(tuple(c["denied"])).finditer(text))
    rumour = _words_pattern(tuple(c["rumour"])).search(text)
    if rumour:
        found += [m for m in _words_pattern(tuple(c["denied_rumoured"])).finditer(text)
                  if m.start() > rumour.start()]
    return tuple(sorted(found, key=lambda m: m.start()))


def denied_here(ctx) -> bool:
    """Does the sentence deny a link without naming a route before the words (“轻轨直达乙”
    的构想并不存在)? Its connections read from a bare word then go."""
    text = ctx.sent.text
    m = next(iter(_denials(text)), None)
    return m is not None and not any(ctx.cat(lk) == "Infrastructure" and ctx.rel(lk)[1] <= m.start()
                               for lk in ctx.items)


# 原计划开通的X，因客源不足暂未开行: why it is not open (a cause ending in 影响, 不足 …), then
# the words (the line is X)
_REASON = re.compile(r"^(?:因为|因|由于|受)[^，,。；;]{1,14}?(?:影响|原因|所限|不足|调整|限制|因素)(?=$|目前|仍|尚|还|迟迟)")


def _bracketed(text: str, at: int, upto: int) -> bool:
    """Does the name at ``at`` stand inside brackets closed before ``upto`` (X铁路（甲桥至乙）
    仍在论证: 甲桥 is an end of X, not the line the words speak of)?"""
    opened = max(text.rfind("（", 0, at), text.rfind("(", 0, at))
    if opened < 0 or max(text.rfind("）", 0, at), text.rfind(")", 0, at)) > opened:
        return False
    closed = [k for k in (text.find("）", at, upto), text.find(")", at, upto)) if k >= 0]
    return bool(closed)


@lru_cache(maxsize=8)
def _words_pattern(words: tuple[str, ...]) -> re.Pattern:
    """Any of ``words`` (the unbegun words, the words of a part of a line), compiled once."""
    return re.compile(alternation(list(words)))


@lru_cache(maxsize=1)
def _unbegun_lead(words: tuple[str, ...]) -> re.Pattern:
    """What may open the clause before the words (compiled once, not per sentence)."""
    return re.compile(f"(?:{alternation(list(words))})*")


def drop_unbegun(ctx, facts: list[Fact]) -> list[Fact]:
    """No connection row for a line the sentence says is not begun (its entity stays), nor
    for a link read from a bare word in a sentence that denies it (:func:`denied_here`),
    nor one read from the name of a line the sentence says is being built or planned
    (:func:`building_lines`), or that gives such a line one place alone (打通甲的出口)."""
    if denied_here(ctx):
        named = {lk.key for lk in ctx.items}
        facts = [f for f in facts
                 if not (f.relation == "connection" and f.args.get("infra") not in named)]
    building = building_lines(ctx)
    if building:
        facts = [f for f in facts if not (f.relation == "connection" and f.args.get("infra") in building
                                          and (f.rule in _NAME_RULES or len(f.args["places"]) < 2))]
    return _without_lines(facts, unbegun_lines(ctx))


#: the rules that read a line's ends from its name alone (甲乙高铁, 甲至乙航线, X（甲至乙）)
_NAME_RULES = ("connect.name", "connect.span", "connect.initials")


def building_lines(ctx) -> set[str]:
    """X（甲至乙）正在加紧建设 / 正在建设的X / 谋划开通X: the lines the sentence says are being
    built or only planned — the line named last before such words in their clause (not
    words that go on to qualify a name after them: 甲和正在建设的X), or the line right
    after a word that qualifies it. Their names alone give no ends; a verb saying what the
    line will join (X建成后将连接甲与乙) still does."""
    c = _cues()
    text = ctx.sent.text
    after = _words_pattern(tuple(c["building"]))
    ahead = _words_pattern(tuple(c["building_before"]))
    if not after.search(text) and not ahead.search(text):
        return set()
    infra = [lk for lk in ctx.items if ctx.cat(lk) == "Infrastructure"]
    starts = {ctx.rel(lk)[0]: lk for lk in infra}
    cl = ctx.clauses()
    out: set[str] = set()
    for m in ahead.finditer(text):
        if m.end() in starts:
            out.add(starts[m.end()].key)
    for m in after.finditer(text):
        if text.startswith("的", m.end()) or m.end() in starts:
            continue  # 正在建设的X, 加快建设X: the words qualify what follows
        before = [lk for lk in infra if ctx.rel(lk)[1] <= m.start()
                  and not _bracketed(text, ctx.rel(lk)[0], m.start())]
        if not before:
            continue
        ci = [i for i, x in enumerate(cl) if x[0] <= m.start() < x[1]]
        ti = [i for i, x in enumerate(cl) if x[0] <= ctx.rel(before[-1])[0] < x[1]]
        if ci and ti and ci[0] == ti[0]:
            out.add(before[-1].key)
    return out


def drop_unbegun_in_doc(ctxs, facts: list[Fact]) -> list[Fact]:
    """No connection row anywhere in the article for a line one sentence says, of the whole
    line, is not begun or not open (X仍处于勘察阶段。…该铁路若落成，可连接A与B)."""
    joined = {f.args.get("infra") for f in facts if f.relation == "connection"}
    if not joined:
        return facts  # (nothing to drop: the lines' words are not read)
    gone: set[str] = set()
    for ctx in ctxs:
        # (a sentence gives the keys of its own lines: one naming none of the rows'
        # lines gives none that drops a row)
        if any(lk.key in joined for lk in ctx.items):
            gone |= unbegun_lines(ctx, whole=True)
    if not gone:
        return facts
    kept = _open_sections(ctxs, gone)
    return [f for f in facts if not (f.relation == "connection" and f.args.get("infra") in gone)
            or (f.args["infra"], f.span.start) in kept]


def drop_denied_rumours(ctxs, facts: list[Fact]) -> list[Fact]:
    """No connection row from a sentence that tells a rumour (网民发布“X将延伸至A”的说法) when
    the sentence right after it, naming no other line, denies it (对此回应，该说法不属实 /
    没有依据; X目前没有延伸的安排，相关说法不实): the rumoured link is no fact; the line's
    other rows stay."""
    rumour = _words_pattern(tuple(_cues()["rumour"]))
    denied = _words_pattern(tuple(_cues()["denied"] + _cues()["denied_after"]))
    told = {f.span.start for f in facts if f.relation == "connection"}
    gone: set[int] = set()
    for ctx, nxt in zip(ctxs, ctxs[1:]):
        said = {lk.key for lk in ctx.items}
        if ctx.sent.start in told and rumour.search(ctx.sent.text) and denied.search(nxt.sent.text) \
                and not any(nxt.cat(lk) == "Infrastructure" and lk.key not in said for lk in nxt.items):
            gone.add(ctx.sent.start)  # (…，X目前没有西延的安排，相关说法不实: X was in the rumour)
    return [f for f in facts if not (f.relation == "connection" and f.span.start in gone)]


def _open_sections(ctxs, lines: set[str]) -> set[tuple[str, int]]:
    """(line, sentence start) for the sentences that name a section of one of ``lines`` said
    open (X甲至乙段今天开通，连接甲和乙。…X全线尚未贯通): that section's rows stay."""
    out = set()
    for ctx in ctxs:
        for lk in ctx.items:
            if lk.key in lines and _patterns()["open_section"].match(ctx.sent.text, ctx.rel(lk)[1]):
                out.add((lk.key, ctx.sent.start))
    return out


def _without_lines(facts: list[Fact], gone: set[str]) -> list[Fact]:
    """``facts`` but the connection rows of the lines ``gone`` (their entities stay)."""
    if not gone:
        return facts
    return [f for f in facts if not (f.relation == "connection" and f.args.get("infra") in gone)]
