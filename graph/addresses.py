"""Levels of an address chain (called from relations.py).

* 位于德清县新市镇 / 在南海区狮山镇: a park placed in a town is in the town, the most
  specific place (the county written in full before it is the town's address, as a city
  before its district is); a county or town written short (南海狮山, 南海区狮山) keeps the
  county too, the two reading as one name of the spot;
* 在某高新区某科创园设立X: X is in each park or zone of the chain, not only the
  last (the divisions before them stay out: the most specific one says it).
"""
from __future__ import annotations

import re
from functools import lru_cache

from .linking import abbrev_of
from .resources import alternation, read_json

ZONE_KINDS = ("DevelopmentZone", "CooperationZone", "NewArea")


def is_zone(ctx, lk) -> bool:
    """A zone found by its name (某某经济开发区), which can be located like a park."""
    return lk.key.startswith("zone:") and ctx.entities[lk.key].kind in ZONE_KINDS


def address_levels(ctx, chain: list, places: list, verb: bool = False) -> list:
    """``places`` plus the county right before a town that ends ``chain``. After a verb of
    being somewhere (``verb``: 位于某县某镇, 某县某镇的P, 在某县某镇开建), a county written in
    full before its town written in full is only the town's address: the pair is noted in
    ``ctx.doc_memo`` so that :func:`address_only` drops that fact; written short (金湾三灶,
    某县西店), the two read as one name of the spot and both facts stay (as they do in an
    address note, 地址：某县某镇某路)."""
    if len(chain) < 2 or ctx.entities[chain[-1].key].kind != "Town":
        return places
    county = chain[-2]
    e = ctx.entities[county.key]
    if e.category != "Region" or e.kind in ("Province", "SpecialAdministrativeRegion", "City", "Town") \
            or county in places:
        return places
    if verb and _in_full(county.mention.text) and _in_full(chain[-1].mention.text):
        # (kept for what else reads where the thing is, 研发在甲、生产在园区; the fact itself
        # is dropped at the end: relations.address_only)
        ctx.doc_memo.setdefault("address_only", set()).add(
            (chain[-1].key, county.key, ctx.sent.start))
    return places + [county]


def address_only(facts: list, memo: dict) -> list:
    """``facts`` without the located-in facts that put a thing in a county written in full
    before its town (某县某镇) when the same sentence puts the thing in that town too (another
    sentence saying it is in the county still says so)."""
    pairs = memo.get("address_only")
    if not pairs:
        return facts
    placed = {(f.args["entity"], f.args["place"], f.span.start) for f in facts
              if f.relation == "located_in"}
    return [f for f in facts if not (f.rule in _VERB_RULES and any(
        county == f.args["place"] and at == f.span.start and (f.args["entity"], town, at) in placed
        for town, county, at in pairs))]


_VERB_RULES = ("located.verb", "located.attr", "located.nest")


def _in_full(name: str) -> bool:
    """A place written with its level (某县, 某镇, 某街道), not short (金湾, 西店)."""
    return name.endswith(("县", "區", "区", "縣", "市", "旗", "镇", "鎮", "乡", "鄉", "街道"))


_ALIAS_NOTE = re.compile(r"[（(](?:以下简称|以下称|下称|简称)[“\"「]?[^（()）“”\"「」，,。]{1,10}[”\"」]?[）)]")


def past_alias(text: str, at: int) -> int:
    """Where an address goes on after a place ending at ``at``: past a short form declared
    there (甲市（以下简称甲）乙旗), else ``at``."""
    m = _ALIAS_NOTE.match(text, at)
    return m.end() if m else at


def hosts_in_chain(ctx, chain: list, thing) -> list:
    """The parks and zones of ``chain`` (the places before its last one) that ``thing``
    stands in too."""
    return [lk for lk in chain if lk.key != thing.key and (
        ctx.cat(lk) == "Park" or is_zone(ctx, lk))]



_OPENING_REF = re.compile(r"(?:该|这个|这一|此|这座|这家)")
_MOVE_VERBS = r"(?:签约)?入驻|进驻|落户|落地|扎根|迁入|搬迁至|搬入"
_MOVED_IN = re.compile(_MOVE_VERBS)
_RIGHT_BEFORE = re.compile(rf"(?:目前|现|就|则|也|均|都|已|正式|拟|将|计划|确定)*(?:{_MOVE_VERBS})?")


#: a clause that opens with the verb (，位于Y的P): its subject is the sentence's
_NO_SUBJECT = re.compile(r"(?:目前|现|并|且|则|均)?")
#: the clause ends with the site (位于Y的Q内，…), Q is no subject of a verb after it
_SITE_CLAUSE_END = re.compile(r"(?:内|之内|中|里)?[，,。；;]")
#: what may stand before the thing a sentence opens with (今年5月，P…; 12日上午P…)
_TIME_OPENING = re.compile(r"[\s“”\"「」]*(?:[0-9０-９一二三四五六七八九十]+(?:年|月|日|号)|今年|去年|日前|近日|"
                           r"上午|下午|晚间|当天|同日|[,，、])*")


def _sentence_topic(ctx, before: list, clause_start: int):
    """The park, firm or institution a sentence opens with (after a date), when nothing else
    is named before it: what a later clause with no subject of its own is about."""
    first = next((lk for lk in before if ctx.rel(lk)[1] <= clause_start), None)
    if first is None or ctx.cat(first) not in ("Park", "Enterprise", "Institution"):
        return None
    return first if _TIME_OPENING.fullmatch(ctx.sent.text, 0, ctx.rel(first)[0]) else None


def outer_subject(ctx, before: list, at: int, prev_park, inner, places: list) -> list:
    """S位于Y的P / S入驻位于Y的P: S (the thing the clause is about, or the park 该飞地 points
    back to) is in P and in the places Y of P's address."""
    text = ctx.sent.text
    start = max(text.rfind(c, 0, at) for c in "，,。；;") + 1
    cands = [lk for lk in before if ctx.rel(lk)[0] >= start and (
        ctx.cat(lk) in ("Park", "Enterprise", "Institution") or is_zone(ctx, lk))]
    outer = cands[-1] if cands else (prev_park if prev_park is not None
                                     and _OPENING_REF.match(text, start) else None)
    if outer is None and start > 0 and _NO_SUBJECT.fullmatch(text, start, at) and \
            _SITE_CLAUSE_END.match(text, ctx.rel(inner)[1]):
        outer = _sentence_topic(ctx, before, start)  # P在X揭牌，位于Y的Q内，…: P
    places = [inner] + places
    if not cands and unit_opens_clause(text, start, at):
        # A…，生产基地则位于Y的P: the firm named before stands in P (and the zones of Y)
        firms = [lk for lk in before if ctx.rel(lk)[1] < start and ctx.cat(lk) == "Enterprise"]
        if not firms or not (ctx.cat(inner) == "Park" or is_zone(ctx, inner)):
            return []
        outer, places = firms[-1], [p for p in places if not p.key.startswith("region:")]
    direct = bool(cands) and _RIGHT_BEFORE.fullmatch(text, ctx.rel(outer)[1], at) is not None
    if cands and not direct:
        places = _unit_places(ctx, outer, places, at)
        if not places:
            return []  # 位于甲的P和位于乙的Q: P is not what stands in Q
    if outer is None or outer.key == inner.key:
        return []
    if direct and ctx.cat(outer) in ("Enterprise", "Institution") and ctx.cat(inner) == "Park" \
            and _MOVED_IN.search(text, ctx.rel(outer)[1], at):
        places = [inner]  # A(拟)入驻位于Y的P: the firm moves into P, the finest place said of it
    return [ctx.fact("located_in", {"entity": outer.key, "place": p.key}, "located.attr", 0.65)
            for p in places if p.key != outer.key]


def _unit_places(ctx, firm, places: list, at: int) -> list:
    """A的研发中心落户Y的P: a unit of the firm stands in the park P (the first of ``places``),
    and so the firm does; Y, the division P is in, says where a function is, not where the
    firm is (A的总部落户Y的P: the seat — the firm is in both). [] when no unit of the firm is
    the subject."""
    if ctx.cat(firm) not in ("Enterprise", "Institution") or not (
            ctx.cat(places[0]) == "Park" or is_zone(ctx, places[0])):
        return []
    unit, seat = _units()
    gap = ctx.sent.text[ctx.rel(firm)[1]:at]
    m = unit.match(gap, 1 if gap.startswith("的") else 0)
    if m is None or re.fullmatch(r"(?:也|则|均|都|就|已|主要)*", gap[m.end():]) is None:
        return []
    return places if seat.fullmatch(m.group(0)) else places[:1]


@lru_cache(maxsize=1)
def _units() -> tuple[re.Pattern, re.Pattern]:
    cues = read_json("site_cues.json")
    return re.compile(alternation(cues["unit"])), re.compile(seat_words(cues["seat"]))


def seat_words(words: list[str]) -> str:
    """An alternation of the words of a firm's seat (总部, 注册地) that a qualifier right
    before does not make a unit (销售总部, 华东总部: an office of one trade or region)."""
    qualified = "".join(f"(?<!{re.escape(q)})" for q in read_json("site_cues.json")["seat_qualifiers"])
    return f"{qualified}(?:{alternation(words)})"


def unit_placed(ctx, firm, place, at: int) -> bool:
    """(企业将)研发中心设在Y / 生产基地位于Y: a unit of the firm is in the division Y, which
    says where a function is (a split), not where the firm stands. The firm's seat set there
    (总部位于Y, 总部和研发中心设在Y) places the firm itself, and so does a unit in a zone
    (研发中心设在某高新区), unless it is only planned there."""
    zone = is_zone(ctx, place)
    if ctx.cat(firm) not in ("Enterprise", "Institution") or not (
            place.key.startswith("region:") or ctx.entities[place.key].kind == "Town" or zone):
        return False  # (a town, 某街道, is a division too)
    text = ctx.sent.text
    clause = max(text.rfind(c, 0, at) for c in "，,。；;") + 1
    start = max(clause, ctx.rel(firm)[1]) if ctx.rel(firm)[1] <= at else clause
    if zone:  # 研发中心设在某高新区: the firm works in the zone through its unit, as it does
        # through a factory there — unless the unit is only planned there (计划将研发中心设在…)
        return bool(research_units().search(text, start, at)) and unit_subject(text, start, at) \
            and _PLANNED.search(text, clause, at) is not None
    return unit_subject(text, start, at)


_PLANNED = re.compile(r"计划|拟|打算|准备|规划")


@lru_cache(maxsize=1)
def research_units() -> re.Pattern:
    """研发中心, 技术中心…: the units of a firm that do research (site_cues.json research_unit)."""
    return re.compile(alternation(read_json("site_cues.json")["research_unit"]))


def unit_subject(text: str, start: int, end: int) -> bool:
    """…，生产基地设在Y: the clause from ``start`` to ``end`` names a unit (not the firm's seat)
    as its own subject, so nothing named earlier in the sentence is what stands in Y."""
    unit, seat = _units()
    return bool(unit.search(text, start, end)) and not seat.search(text, start, end)


_UNIT_CLAUSE_ADVERBS = "(?:则|也|均|都|就|已经|已|主要|全部|目前)*"


def _unit_then_adverbs() -> str:
    """A unit of a firm (or a base, plant or workshop named by what it does in two
    characters: 封测基地), then adverbs."""
    return f"(?:{_units()[0].pattern}|[\u4e00-\u9fff]{{2}}(?:基地|工厂|车间)){_UNIT_CLAUSE_ADVERBS}"


def unit_tail_start(text: str, end: int) -> int | None:
    """A的工厂(就)在P: where a firm's unit and adverbs that end at ``end`` start (the
    firm's name ends there), else None."""
    m = re.search(f"的?(?:{_units()[0].pattern}){_UNIT_CLAUSE_ADVERBS}$", text[:end])
    return m.start() if m else None


def firm_unit_opens(text: str, start: int, end: int) -> bool:
    """企业生产基地位于Y / 公司的研发中心设在Y / 其工厂已进驻Y: the clause from ``start`` to
    ``end`` (a verb) is a bare word for the firm (or 其, its), one of its units and adverbs."""
    return re.fullmatch(f"(?:{_FIRM_WORDS}的?|其){_unit_then_adverbs()}", text[start:end]) is not None


def unit_opens_clause(text: str, start: int, end: int) -> bool:
    """…，(而)生产基地则位于Y: the clause from ``start`` to ``end`` (a verb) is only a unit of
    a firm and adverbs, after a comma — the unit of the firm named before in the sentence."""
    if start == 0 or text[start - 1] not in "，,":
        return False
    return re.fullmatch(f"(?:而|但)?{_unit_then_adverbs()}", text[start:end]) is not None  # (封测基地已…)


_FIRM_WORDS = "(?:公司|企业|集团)"


def firm_seat_opens(opening: str) -> bool:
    """公司总部和研发中心设在Y: a bare firm word and its seat open the sentence (the firm is
    the one named just before)."""
    seat = _units()[1].pattern
    return re.match(f"[“”\"「」]?{_FIRM_WORDS}的?(?:{seat})", opening) is not None


_CITY_KINDS = ("City", "County", "District")
_ZONE_NAMED = ("DevelopmentZone", "NewArea")


def zone_in_named_city(ctx, lk):
    """宜春市明月新区 / 赣州市蓉江新区: a zone with a name of its own written right
    after its city (the city with its suffix) stands in that city. A zone whose only word
    after the city is the zone word (某市经济开发区) is the city's own zone, named by it;
    a park after a city (某市某某产业园) keeps the city as part of its name."""
    m = lk.mention
    e = ctx.entities[lk.key]
    if e.category != "Region" or e.kind not in _ZONE_NAMED or not m.inner:
        return None
    first = m.inner[0]
    if first.start != m.start or first.kind not in _CITY_KINDS or first.surface_how != "name" \
            or not first.candidates or first.candidates[0] not in ctx.entities:
        return None
    own = m.text[first.end - m.start:]
    if len(own) - len(m.suffix or "") < 2:
        return None
    return first.candidates[0]


_ZONE_WORDS = ("高新区", "开发区", "经开区", "新区")


def park_of_zone_word(ctx, lk):
    """高新区新材料产业园: a park whose name opens with a bare zone word is a park of the
    zone of that kind the article names (only one such zone; 高新区 also stands for a
    高新技术产业开发区, 开发区 for an 经济技术开发区)."""
    m = lk.mention
    if ctx.entities[lk.key].category != "Park" or m.inner:
        return None
    word = next((w for w in _ZONE_WORDS if m.text.startswith(w)), None)
    if word is None or len(m.text) - len(word) - len(m.suffix or "") < 2:
        return None
    zones = {k for k, e in ctx.entities.items() if k.startswith("zone:") and e.kind in ZONE_KINDS
             and k != lk.key and (e.label.endswith(word) or abbrev_of(e.label, word))}
    return zones.pop() if len(zones) == 1 else None
