"""Where parks and firms are, told around them rather than by a verb of being somewhere
(called from relations.py):

* ``located.fronted`` 在Y，由A与B共建的P…; 记者在Y看到，P…: the place fronted before the
  clause whose subject is the park P; 在(Y的)P(内)，(来自X的)A…: the firm A opening the
  clause after a fronted park or zone is in it (and P in Y);
* ``located.spans``   P横跨A和B: the park lies in both;
* ``located.parts``   P…，东片区在A，西片区在B / 江西一侧在A，湖南一侧在B: the park is in each;
* ``located.counted`` 一是甲区内的“P”，二是乙区的“Q”: each park counted out is in its place;
* ``located.seat``    (园区)所在的X: the park is in X; A公司所在的P: the firm is in the park P;
* ``located.inside``  P内另设Q; 园区内的A(、B) / 园内的A / 同一园区的A: Q, A (B) are in the park;
* ``located.one_of``  A是较早入驻的企业之一: A is in the park the text is about;
* ``located.each``    A、B在Y分别设立P、Q: each park of the list is in Y;
* ``located.holds``   某高新区下辖A、B两个园区: A and B are in the zone;
* ``located.possessed`` 某某产业园的(子公司)A公司: A is in the park (or zone);
* ``located.point``   某区(境内)的某某机场: an airport, port or station after a place and 的 is there;
* ``located.carried`` 借助P这一载体，挂牌成立的还有A、B: A and B are set up in P;
* ``located.ceremony`` 在Y举行P开园仪式 / P揭牌仪式在Y举行: the park is where its opening is held;
* ``located.unit``    某某有限公司(（简称某某）)滁州生产基地: the firm's unit in a place named by
  the firm, the place and a unit word — the firm works in that place;
* ``located.put``     企业把(将)工厂建在P; (企业)在P建起了生产基地: the firm's site is the park or
  development zone P (a city is not where a firm "is" in this graph).

Words live in ``graph/data/site_cues.json``.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from itertools import pairwise

from .addresses import address_levels, is_zone as _is_zone, past_alias
from .firmnames import FIRM_PERSON, SUBSIDIARY_TAIL
from .linking import Linked
from .model import Fact
from .resources import alternation, read_json
from .sentences import clause_start, clause_stop, clauses

MEMBERS = ("Enterprise", "Institution")


@lru_cache(maxsize=1)
def _cues() -> dict:
    return read_json("site_cues.json")


#: a date in figures before what a firm did (2020年在P建成…, 2019年5月在P设立…)
# 2020年3月, 今年第2季, 去年下半年, 5月: a date written in figures or by the year and a part
_DATE = (r"(?:(?:\d{4}年|今年|去年)(?:第?[\d一二三四]季度?|\d{1,2}月(?:\d{1,2}日)?|[上下]半年)?(?:底|初|末)?"
         r"|\d{1,2}月(?:\d{1,2}日)?(?:底|初|末)?)")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    c = _cues()
    money = (f"(?:{alternation(c['spend'])})(?:{alternation(c['currency'])})?"  # 斥资人民币6亿元
             r"[\d.,，零一二三四五六七八九十百千万亿]+(?:万|亿)?(?:元|美元|港元)")
    bare = f"(?:{alternation(c['demonstrative'])})?(?:{alternation(c['bare_park'])})"
    project = alternation(c["project"])
    # (已于今年5月建成投产: adverbs and a date before the word that says a project is done)
    done = f"(?:已|已经|正式|顺利|也|于[\\d今去明前上本年月底初中旬日]{{1,8}})*(?:{alternation(c['project_done'])})"
    return {
        "fronted": re.compile(f"(?:{alternation(c['observer'])})?(?:{alternation(c['time'])})?"
                              f"(?:在|{alternation(c['enter'])})|(?:{alternation(c['season'])})的"),
        "walled": re.compile(""),
        "project": re.compile(project),
        "project_done": re.compile(f"(?:(?:{money})?的|(?=[\\dA-Za-z\u4e00-\u9fff]))[^，,。；;“”、在]{{0,14}}?"
                                   f"(?:{project}){done}"),
        # (A在P的第二座工厂建成投产: the firm's works or project there is done or begun)
        "site_done": re.compile(f"的[^，,。；;“”、在]{{0,8}}?(?:{alternation(c['work_site'])}|{project}|基地){done}"),
        # (A、B等5个项目顺利开工: the firms listed before 等 and a count of projects)
        "projects_done": re.compile(f"等(?:一批|多个|一系列|[\\d一二三四五六七八九十]+个)?(?:重点|重大|优质)?"
                                    f"(?:{project}){done}"),
        "fronted_sited": re.compile(f"(?:{alternation(c['time'])})?(?:{alternation(c['sited'])})"),
        "enter": re.compile(alternation(c["enter"])),
        "seen": re.compile(f"(?:[\u4e00-\u9fff]{{2,4}}(?:{alternation(c['part_of_site'])}))?"
                           f"(?:{alternation(c['position'])})?(?:{alternation(c['within'])})?"
                           f"(?:{alternation(c['seen'] + c['scene'])})?"),
        "told_of": re.compile(r"[^，,。；;：:“”的]{2,10}的"),
        "bare_of": re.compile(f"(?:{alternation(c['bare_park'] + c['bare_zone'])})的"),
        "from": re.compile(f"(?:{alternation(c['from'])})[^，,。；;]{{1,12}}的"
                           f"(?:[\u4e00-\u9fff]{{0,4}}(?:{alternation(c['kind_after_from'])}))?"),
        "work_site": re.compile(f"(?:(?:{alternation(c['work_site_new'])})的)?的?(?:{alternation(c['work_site_kind'])})?"
                                f"(?:{alternation(c['work_site'])})"  # (A新落成的组装车间里)
                                f"|(?:{alternation(c['work_site_by'])})的(?:{alternation(c['work_site_built'])})"),
        "spans": re.compile(alternation(c["spans"])),
        # 东片区在A / 江西一侧在我们A: a part of a park opening a clause, then where it stands
        "part_site": re.compile(rf"(?:^|(?<=[，,；;：:]))(?:(?:{alternation(c['part_dirs'])})(?:{alternation(c['part_words'])})"
                                rf"|[^，,。；;：:“”\s]{{0,4}}?(?:{alternation(c['sides'])}))"
                                rf"(?:{alternation(c['part_verbs'])})(?:我们|咱们)?"),
        "seat": re.compile("所在的|所在地"),
        "bare": re.compile(bare + "$"),
        "inside_set": re.compile(f"内(?:{alternation(c['also'])})?(?:{alternation(c['set_up'])})了?"),
        "inside_of": re.compile(f"(?P<bare>{bare})?(?:内|中|里)的$"),
        "owned_by": re.compile(f"(?:{alternation(c['owned_by'])})"),
        "also_settled": re.compile(alternation(c["also_settled"])),
        "also_here": re.compile(f"的[，,]?(?:{alternation(c['also_here'])})"),
        "one_of_these": re.compile(f"(?:{alternation(c['one_of_adverb'])})?(?:是|为|也是)(?:{alternation(c['one_of_these'])})"),
        "counted_firms": re.compile(r"(?:企业|公司)[^，,。；;]{0,4}?[\d一二两三四五六七八九十百]+余?家"
                                    r"|[\d一二两三四五六七八九十百]+余?家[^，,。；;]{0,4}?(?:企业|公司)"
                                    r"|项目[^，,。；;]{0,4}?[\d一二两三四五六七八九十百]+余?个"),  # (引进重点项目12个)
        # (A是较早入驻的企业之一; A成为首家入园企业)
        "one_of": re.compile(f"(?:{alternation(c['one_of_adverb'])})?(?:是|成为了?|成了)[^，,。；;]{{0,6}}?(?:{alternation(c['moved_in'])})"
                             f"(?P<park>[^，,。；;]{{0,12}}?)的?(?:{alternation(c['member'])})(?:之一)?"),
        "of_unit": re.compile(f"的(?:{alternation(c['branch'])})?"),
        "mover": re.compile(f"[“”\"「」]?(?:首批|第一批|新|最新)?(?:{alternation(c['moved_in'])})的"),
        # (把生产线迁至合作区内的P: a bare zone word and 的 may stand before the park)
        "put": re.compile(f"(?:把|将)[^，,。；;]{{1,14}}?(?:{alternation(c['put'])})了?"
                          f"(?:(?:{alternation(c['bare_zone'])})(?:内|里)?的)?$"),
        "put_bare": re.compile(f"(?:把|将)[^，,。；;]{{1,14}}?(?:{alternation(c['put'])})了?"
                               f"(?P<owner>[^，,。；;的]{{2,6}}的)?"
                               f"(?:{bare}|(?:{alternation(c['put_enclave'])}))(?:内|里)?"
                               f"(?:{alternation(c['put_building'])})?"
                               r"(?=了|[，,。；;]|$)"),
        "built": re.compile(f"(?:^|[，,])(?:{alternation(c['time'])}|{_DATE})?(?:{alternation(c['adverb'])})*"
                            f"(?:{money})?在$"),
        "built_after": re.compile(f"[，,]?(?:{alternation(c['time'])}|{_DATE})?(?:{alternation(c['adverb'])})*"
                                  f"(?:{money})?在"),
        "built_verb": re.compile(f"(?:{alternation(c['within'])})?(?:{alternation(c['adverb'])})*"
                                 f"(?:{money})?(?:(?:{alternation(c['land'])})[\\d.一二三四五六七八九十百千]+余?亩)?"
                                 f"(?:{alternation(c['build'])})"),  # (在P投资5亿元建设; 在P购地80亩建设)
        "firm_lead": re.compile(f"(?:{alternation(c['firm_lead'])})[，,]?"
                                f"|(?:{alternation(c['time'])}|{_DATE})(?:以来)?[，,]?"),
        "counted_lead": re.compile(f"(?:{alternation(c['counted_lead'])})?"
                                   r"[两三四五六七八九十\d]+家(?:企业|公司)?(?:——|—|：|:)"),
        "firm_ref": re.compile(alternation(c["firm_ref"])),
        "done_word": re.compile(alternation(c["project_done"])),
        "referred": re.compile(f"(?:{alternation(c['same'] + c['demonstrative'])})"),
        # (在园区东片区，A…: a part of the park, its inside word left out, fronts it too)
        "park_part": re.compile(f"(?:[东南西北中]|[一二三四五六七八九十\\d]期)?(?:{alternation(c['park_parts'])})"
                                f"(?:{alternation(c['within'])})?"),
        "bare_within": re.compile(f"(?:在)?(?:{alternation(c['same'] + c['demonstrative'])})?"
                                  f"(?:{alternation(c['bare_park'])})(?:(?:[东南西北中]|[一二三四五六七八九十\\d]期)?"
                                  f"(?:{alternation(c['park_parts'])})(?:{alternation(c['within'])})?"
                                  f"|(?:{alternation(c['within'])}))"),
        "right_here": re.compile(alternation(c["right_here"])),
        "moved_unit": re.compile(f"把|将|{alternation(c['moved_unit'])}"),
        "at_only": re.compile(f"(?:{alternation(c['adverb'] + c['time'])})*(?:都|就|则|现在|现)?在"),
        "clause_end": re.compile(r"(?:内|里)?[；;。！!]?\s*"),
        "made_by": re.compile(f"[“”\"「」]?由[^，,。；;]{{1,24}}?(?:{alternation(c['made_by'])})的"),
        "entry_lead": re.compile(r"[\s\d.．、\-•·*（）()①-⑩]*"),
        "entry_at": re.compile(f"(?:(?:{alternation(c['moved_in'])})|在)(?:{alternation(c['demonstrative'])})?"
                               f"(?:{alternation(c['entry_park'])})(?:{alternation(c['within'])})?"),
        "moved_to": re.compile(f"(?:{alternation(c['moved_to'])})了?$"),
        "run_by": re.compile(f"[，,]由(?:其)?(?:全资|控股)?(?:{alternation(c['run_by_unit'])})?$"),
        "runs": re.compile(f"(?:负责)?(?:{alternation(c['runs'])})"),
        "placed_in": re.compile(alternation(c["placed_in"])),
        "new_firm": re.compile(f"了?[，,](?:并|随后|同时|当年|由此|在当地|在此)?(?:{alternation(c['new_firm'])})了?"),
        "each_built": re.compile(f"分别(?:{alternation(c['build'])})了?"),
        "holds": re.compile(f"(?:{alternation(c['holds'])})"),
        "carrier": re.compile(f"(?:{alternation(c['carrier_lead'])})$"),
        "carrier_tail": re.compile(f"(?:这一|这个|此)?(?:{alternation(c['carrier'])})"),
        "carried": re.compile(f"(?:{alternation(c['carried'])})"),
        "ceremony": re.compile(r"[”」』\"]?(?:[一二三四五六七八九十\d]期(?:项目)?)?"
                               r"(?:(?:首|第[一二三四五六七八九十\d]+)批(?:企业|项目)?(?:集中)?)?"
                               f"(?:项目)?的?(?:{alternation(c['ceremony_kind'])})(?:{alternation(c['ceremony'])})"),
        "held_at": re.compile(f"(?:{alternation(c['time'])}|昨日|昨天|今天|当天|上午|下午)*在"),
        "held": re.compile(f"(?:隆重|正式|顺利|同时)*(?:{alternation(c['held'])})"),
        "venue_tail": re.compile(f"[\u4e00-\u9fff0-9·]{{1,8}}?(?:{alternation(c['venue_tail'])})"),
        "named_unit": re.compile(alternation(c["named_unit"])),
        "held_before": re.compile(f"(?:隆重|正式|顺利|同时)*(?:{alternation(c['held'])})了?$"),
    }


def _chain(ctx, at: int, cats: tuple = ("Region", "Park")) -> list[Linked]:
    """The places written one after another from offset ``at`` (乌兰察布市集宁区)."""
    starts = [ctx.rel(lk)[0] for lk in ctx.items]
    out: list[Linked] = []
    i = bisect_left(starts, at)
    while i < len(starts) and starts[i] == at:
        lk = ctx.items[i]
        if ctx.cat(lk) not in cats:
            i += 1
            continue
        out.append(lk)
        at = past_alias(ctx.sent.text, ctx.rel(lk)[1])
        i = bisect_left(starts, at, i + 1)
    return out


def _fact(ctx, entity: Linked, place: Linked, rule: str, conf: float = 0.6) -> list[Fact]:
    if entity.key == place.key:
        return []
    return [ctx.fact("located_in", {"entity": entity.key, "place": place.key}, rule, conf)]


def fronted(ctx, topic: Linked | None = None) -> list[Fact]:
    """在Y，由A与B共同打造的P已入驻…: Y is where P is (在甲县的乙镇，P…: the town alone;
    初夏的Y，P内…: a season word and 的
    front the place as 在 does — cue list ``season``); 园区内，A…: A is in the park the
    text is about (``topic``); 位于Y的P内，A…: a clause of 位于 that ends in the park's
    inside is fronted as 在 is."""
    text = ctx.sent.text
    if "在" not in text and "内" not in text and "里" not in text and not _patterns()["enter"].search(text):
        return []
    p = _patterns()
    cl = clauses(text)
    out: list[Fact] = []
    for (s0, e0), (s1, e1) in pairwise(cl):
        while s0 < e0 and text[s0] in QUOTES:
            s0 += 1
        m = p["fronted"].match(text, s0)
        if not m and text[e0 - 1:e0] in _cues()["within"]:
            m = p["fronted_sited"].match(text, s0)  # 位于Y的P内，A…: as 在Y的P内
        if not m and _walled(ctx, s0, e0):
            m = p["walled"].match(text, s0)  # 某县某镇的P里，A…: no 在, the park's inside
        if not m:
            out += _topic_fronted(ctx, topic, s0, e0, s1, e1)  # 园区内，A…
            continue
        chain = _chain(ctx, m.end())
        told = p["told_of"].match(text, m.end(), e0)
        if not chain and told:  # 在帕米尔高原脚下的Y，P…: Y after a short description
            chain = _chain(ctx, told.end())
        bare = p["bare_of"].match(text, m.end())
        if not chain and bare:  # 在新区的P，A…: a bare zone word before the park
            chain = [lk for lk in _chain(ctx, bare.end())
                     if ctx.cat(lk) == "Park" or _is_zone(ctx, lk)][:1]
        if not chain:
            out += _topic_fronted(ctx, topic, s0, e0, s1, e1)  # 在园区内，A…
            continue
        if len(chain) > 1 and ctx.cat(chain[-2]) == "Park" and \
                ctx.entities[chain[-1].key].kind == "FunctionalArea":
            chain = chain[:-1]  # 在某工业园区某某片区，A…: the park (the part is read as its tail)
        of_town = _of_town(ctx, chain)  # 在甲县的乙镇，P…: the town after 的 ends the address
        owner = _owned(ctx, chain)  # 在西昌市的甬凉产业园内: the park, and where it is
        end = ctx.rel(chain[-1])[1]
        part = p["park_part"].match(text, end) if ctx.cat(chain[-1]) == "Park" else None
        tail = p["seen"].match(text, part.end() if part else end)
        if tail.end() != e0:
            continue  # 在Y建设…: not a place fronted alone
        if owner:
            out += _fact(ctx, chain[-1], owner[-1], "located.fronted")
        firm = _fronted_member(ctx, chain[-1], s1, e1)
        if firm is not None:
            out += _fact(ctx, firm, chain[-1], "located.fronted")
            out += [f for x in _listed_after(ctx, firm) + _next_members(ctx, chain[-1], cl, e1)
                    for f in _fact(ctx, x, chain[-1], "located.fronted")]
            continue
        if not any(s1 <= ctx.rel(lk)[0] < e1 for lk in ctx.items):
            # 记者走进P，标准厂房已建成6栋，A的车间里…: clauses naming nothing, then a firm
            out += [f for x in _members_past_bare(ctx, chain[-1], cl, s1)
                    for f in _fact(ctx, x, chain[-1], "located.fronted")]
            continue
        # the park that opens the clause, or the one after 由A与B共建的 (A may be a park too)
        parks = [lk for lk in ctx.items if s1 <= ctx.rel(lk)[0] < e1
                 and (ctx.cat(lk) == "Park" or _is_zone(ctx, lk) and lk.key not in {x.key for x in chain})
                 and (ctx.rel(lk)[0] == s1 or text[ctx.rel(lk)[0] - 1] == "的")]
        if not parks:
            continue
        park = parks[0]
        if len(parks) > 1 and text[ctx.rel(park)[1]:ctx.rel(park)[1] + 1] in "与和同、":
            park = parks[1]  # 在Y，甲开发区与乙县合作共建的P，…: P (甲开发区 is a builder)
        lead = text[s1:ctx.rel(park)[0]]
        if lead and not (lead.endswith("的") and "，" not in lead and "," not in lead):
            continue  # the park is not the clause's subject
        # 在共和县恰卜恰镇: and the county; 在甲县的乙镇: the county is only the town's address
        for place in chain[-1:] if of_town else address_levels(ctx, chain, chain[-1:]):
            out += _fact(ctx, park, place, "located.fronted")
        if ctx.cat(park) == "Park" and text[ctx.rel(park)[1]:ctx.rel(park)[1] + 1] in _cues()["within"]:
            # 记者在Y看到，P内机器轰鸣，A的产线…: the firms of the clauses after P's inside
            out += [f for x in _members_past_bare(ctx, park, cl, e1)
                    for f in _fact(ctx, x, park, "located.fronted")]
    return out


def _topic_fronted(ctx, topic: Linked | None, s0: int, e0: int, s1: int, e1: int) -> list[Fact]:
    """(在)园区内，A…: a clause that is only a bare park word and its inside fronts the park
    the text is about (``topic``); the firm opening the next clause (and those listed with
    it) is there."""
    if topic is None or not _patterns()["bare_within"].fullmatch(ctx.sent.text, s0, e0):
        return []
    firm = _fronted_member(ctx, topic, s1, e1)
    if firm is None:
        return []
    return _fact(ctx, firm, topic, "located.fronted") + [
        f for x in _listed_after(ctx, firm) for f in _fact(ctx, x, topic, "located.fronted")]  # (A、B等企业)


def _members_past_bare(ctx, host: Linked, cl: list[tuple[int, int]], after: int) -> list[Linked]:
    """The firms opening the clauses from ``after`` on (past clauses that name nothing, 标准
    厂房已建成6栋) that name no other place: told of ``host``, the park just fronted."""
    for s2, e2 in cl:
        if s2 < after:
            continue
        inside = [lk for lk in ctx.items if s2 <= ctx.rel(lk)[0] < e2]
        if not inside:
            continue
        firm = _fronted_member(ctx, host, s2, e2)
        if firm is None or any(ctx.cat(lk) in ("Region", "Park") for lk in inside):
            return []
        return [firm] + _next_members(ctx, host, cl, e2)
    return []


QUOTES = "“”\"「」『』"


def _walled(ctx, s0: int, e0: int) -> bool:
    """A clause that is only a park (maybe after its address and 的) and 里/内 (maybe then
    a scene: 机器轰鸣)."""
    text = ctx.sent.text
    scene = next((w for w in _cues()["scene"] if text.endswith(w, s0, e0)), "")
    e0 -= len(scene)  # (某镇的P内机器轰鸣，A…: the park's inside, then a scene)
    if text[e0 - 1:e0] not in _cues()["within"]:
        return False
    parks = [lk for lk in _chain(ctx, s0) if ctx.cat(lk) == "Park" or _is_zone(ctx, lk)]
    places = _chain(ctx, s0)
    if places and (not parks or ctx.rel(parks[-1])[1] != e0 - 1):
        end = ctx.rel(places[-1])[1]
        of = _OF.match(text, end)  # (某开发区内的P里: the park inside a zone)
        parks = [lk for lk in _chain(ctx, of.end()) if ctx.cat(lk) == "Park" or _is_zone(ctx, lk)] if of else []
    return bool(parks) and ctx.rel(parks[-1])[1] == e0 - 1


#: between an address and the park after it: 的, or 内的 / 里的 (某开发区内的P)
_OF = re.compile(r"(?:内|里)?的")


def _of_town(ctx, chain: list[Linked]) -> bool:
    """在甲市甲县的乙镇: extend ``chain`` (ending in a county or district) in place by the
    town written after 的 (a place, not a park or zone); whether it did."""
    end = ctx.rel(chain[-1])[1]
    if ctx.sent.text[end:end + 1] != "的" or ctx.entities[chain[-1].key].kind not in _TOWN_HOLDERS:
        return False
    towns = _chain(ctx, end + 1, ("Region",))
    if towns and all(ctx.entities[lk.key].kind in _TOWN_KINDS for lk in towns):
        chain += towns
        return True
    return False


_TOWN_HOLDERS = ("County", "District", "City")
_TOWN_KINDS = ("Town",)


def _owned(ctx, chain: list[Linked]) -> list[Linked]:
    """在Y的P / 在Y内的P: extend ``chain`` (ending in Y) in place by the park or zone P after
    的, and return the places before P (empty when there is no 的)."""
    end = ctx.rel(chain[-1])[1]
    of = _OF.match(ctx.sent.text, end)
    if of is None:
        return []
    parks = [lk for lk in _chain(ctx, of.end()) if ctx.cat(lk) == "Park" or _is_zone(ctx, lk)]
    if not parks or ctx.rel(parks[0])[0] != of.end():
        return []
    places = list(chain)
    chain += parks
    return places


#: the firm's owner before it (某上市公司某某控股旗下的A)
_OWNER_LEAD = re.compile(r"[^，,。；;]{1,16}?(?:旗下|下属)的")


def _fronted_member(ctx, host: Linked, s1: int, e1: int) -> Linked | None:
    """在P(内)，(来自Y的)A… / 在P，由Y设立的A…: the firm that opens the clause after a fronted
    park or zone."""
    division = not (ctx.cat(host) == "Park" or _is_zone(ctx, host))
    if division and not host.key.startswith("region:"):
        return None
    text = ctx.sent.text
    firms = [lk for lk in ctx.items if s1 <= ctx.rel(lk)[0] < e1 and ctx.cat(lk) in MEMBERS]
    if not firms:
        return None
    by = _patterns()["made_by"].match(text, s1, e1)
    if by:  # 由A全资设立的B已投产: B, the firm A set up
        made = [lk for lk in firms if by.end() <= ctx.rel(lk)[0] <= by.end() + 2]
        return made[0] if made else None
    lead = text[s1:ctx.rel(firms[0])[0]].strip(QUOTES)
    if lead and not _patterns()["from"].fullmatch(lead) and not _OWNER_LEAD.fullmatch(lead):
        return None  # (来自Y的A, 某控股旗下的A: how the firm came)
    owned = _patterns()["owned_by"].match(text, ctx.rel(firms[0])[1])
    if owned and len(firms) > 1 and ctx.rel(firms[1])[0] == owned.end():
        firms = firms[1:]  # 园区内，A旗下的B已投产: B, A's subsidiary, is there
    if division and not _patterns()["work_site"].match(text, ctx.rel(firms[0])[1]):
        return None  # 在某区，A负责人表示…: only A's work site (A的生产车间里…) is told of there
    if FIRM_PERSON.match(text, ctx.rel(firms[0])[1]):
        return None  # 在某开发区，A负责人表示…: a person of the firm speaks there
    return firms[0]


def _next_members(ctx, host: Linked, cl: list[tuple[int, int]], after: int) -> list[Linked]:
    """在P看到，A的产线已投产，B的车间正在调试: each later clause opened by a firm that
    names no other place is told of the same park."""
    out = []
    for s2, e2 in cl:
        if s2 < after:
            continue
        if any(s2 <= ctx.rel(lk)[0] < e2 and ctx.cat(lk) in ("Region", "Park") for lk in ctx.items):
            break
        firm = _fronted_member(ctx, host, s2, e2)
        if firm is None:
            break
        out.append(firm)
    return out


def _subject_park(ctx, at: int, topic: Linked | None) -> Linked | None:
    """The park named right before ``at``, or 园区/该园区 there standing for the topic."""
    text = ctx.sent.text
    named = [lk for lk in ctx.ending_at(at) if ctx.cat(lk) == "Park"]
    if named:
        return named[0]
    start = clause_start(text, at)
    return topic if _patterns()["bare"].search(text, start, at) else None


#: a clause that opens with the extent of what the sentence is about (…，范围横跨A和B)
_SCOPE = re.compile(r"(?:其|总体|规划)?(?:范围|区域|辖区)(?:内)?")


def _scope_subject(ctx, at: int) -> Linked | None:
    """P…，(规划)范围横跨A和B: the park or zone that opens the sentence."""
    text = ctx.sent.text
    start = clause_start(text, at)
    if not start or not _SCOPE.fullmatch(text, start, at):
        return None
    first = ctx.items[:1]
    return first[0] if first and ctx.rel(first[0])[0] == 0 and (
        ctx.cat(first[0]) == "Park" or _is_zone(ctx, first[0])) else None


def _subject_zone(ctx, at: int) -> Linked | None:
    """The zone named (or a bare zone word for it) right before ``at``: 某新区横跨A和B; 由甲与乙
    共建的某新区，横跨A和B (the zone ending the clause before)."""
    at -= ctx.sent.text[at - 1:at] in ("，", ",")
    named = [lk for lk in ctx.ending_at(at) if _is_zone(ctx, lk)]
    return named[0] if named else None


def _chain_before(ctx, at: int, lead: str = "在") -> list[Linked]:
    """The places written one after another that end at offset ``at``, right after ``lead``
    (在; 以 of 以甲市为总部)."""
    out: list[Linked] = []
    while True:
        got = [lk for lk in ctx.ending_at(at) if ctx.cat(lk) in ("Region", "Park")
               and ctx.rel(lk)[0] < at]
        if not got:
            break
        out.insert(0, got[0])
        at = ctx.rel(got[0])[0]
    return out if out and ctx.sent.text[at - 1:at] == lead else []


def unit_named(ctx) -> list[Fact]:
    """某某有限公司滁州生产基地 / 某某集团(简称某某)上海总部: a firm's name, then a place
    and a unit word, names the firm's unit there; the firm is in the place (the last of
    the address chain, and any park or zone in it)."""
    text = ctx.sent.text
    out: list[Fact] = []
    unit = _patterns()["named_unit"]
    for lk in ctx.items:
        if ctx.cat(lk) != "Enterprise":
            continue
        chain = _chain(ctx, past_alias(text, ctx.rel(lk)[1]), ("Region",))
        if not chain or not unit.match(text, ctx.rel(chain[-1])[1]):
            continue
        for place in [x for x in chain[:-1] if _is_zone(ctx, x)] + [chain[-1]]:
            out += _fact(ctx, lk, place, "located.unit")
    return out


def ceremony(ctx) -> list[Fact]:
    """在Y举行P开园仪式 / P揭牌仪式(昨日)在Y举行 / “P”首批企业入驻仪式在Y举行: P is in
    Y (the last place of the address)."""
    text, p, out = ctx.sent.text, _patterns(), []
    if "仪式" not in text and "典礼" not in text:
        return out
    for lk in ctx.items:
        if ctx.cat(lk) != "Park":
            continue
        s, e = ctx.rel(lk)
        rite = p["ceremony"].match(text, e)
        if rite is None:
            continue
        at = p["held_at"].match(text, rite.end())
        chain = _chain(ctx, at.end()) if at else []
        end = ctx.rel(chain[-1])[1] if chain else 0
        tail = p["venue_tail"].match(text, end) if chain else None  # (…某科技城某创园举行)
        if chain and (p["held"].match(text, end) or tail and p["held"].match(text, tail.end())):
            out += _fact(ctx, lk, chain[-1], "located.ceremony")  # P揭牌仪式在Y举行
            if len(chain) > 1 and ctx.entities[chain[-1].key].kind == "Town":
                out += _fact(ctx, lk, chain[-2], "located.ceremony")  # 在某县某镇举行: both
            continue
        held = p["held_before"].search(text, max(0, s - 8), s)
        chain = _chain_before(ctx, held.start()) if held else []
        if chain:
            out += _fact(ctx, lk, chain[-1], "located.ceremony")  # 在Y举行P开园仪式
    return out


def spans(ctx, topic: Linked | None) -> list[Fact]:
    """P横跨A和B (P: a park, or a zone such as a 新区 lying across two counties)."""
    text = ctx.sent.text
    out: list[Fact] = []
    for m in _patterns()["spans"].finditer(text):
        park = _subject_park(ctx, m.start(), topic) or _subject_zone(ctx, m.start()) or \
            _scope_subject(ctx, m.start())
        if park is None:
            continue
        at = m.end()
        while True:
            chain = _chain(ctx, at, ("Region",))
            if not chain:
                break
            out += _fact(ctx, park, chain[-1], "located.spans")
            sep = re.match(r"和|与|、|及|同", text[ctx.rel(chain[-1])[1]:])
            if not sep:
                break
            at = ctx.rel(chain[-1])[1] + sep.end()
    return out


#: 一是甲区内的P，二是乙区的Q: items counted out, each a place, 的, and what stands there
_COUNTED_AT = re.compile(r"(?:[一二三四五六七八九十]是|其[一二三四五]是|(?:另)?一(?:个|处|家|座)是)")
_AT_OF = re.compile(r"(?:境内|内|里)?的[“「\"]?")


def counted_at(ctx) -> list[Fact]:
    """一是甲区内的“P”，二是乙区的“Q”: each park counted out is in the place written before it."""
    text = ctx.sent.text
    out: list[Fact] = []
    for m in _COUNTED_AT.finditer(text):
        chain = _chain(ctx, m.end(), ("Region",))
        if not chain:
            continue
        of = _AT_OF.match(text, ctx.rel(chain[-1])[1])
        park = [lk for lk in ctx.starting_at(of.end()) if ctx.cat(lk) == "Park"] if of else []
        if park:
            out += _fact(ctx, park[0], chain[-1], "located.counted")
    return out


def parts(ctx, topic: Linked | None) -> list[Fact]:
    """P…，东片区在A，西片区在B; 江西一侧在A，湖南一侧在B: a park told part by part (two parts
    or more, each right before a place) is in each place (the finest of each address)."""
    text = ctx.sent.text
    found = [(m.start(), _chain(ctx, m.end(), ("Region",))) for m in _patterns()["part_site"].finditer(text)]
    found = [(at, chain) for at, chain in found if chain]
    if len(found) < 2:
        return []
    named = [lk for lk in ctx.items if ctx.cat(lk) == "Park" and ctx.rel(lk)[1] <= found[0][0]]
    park = named[-1] if named else topic
    if park is None:
        return []
    return [f for _, chain in found for f in _fact(ctx, park, chain[-1], "located.parts")]


def seat(ctx, topic: Linked | None) -> list[Fact]:
    """园区所在的X镇."""
    text = ctx.sent.text
    out: list[Fact] = []
    for m in _patterns()["seat"].finditer(text):
        firms = [lk for lk in ctx.ending_at(m.start()) if ctx.cat(lk) in MEMBERS]
        sites = [lk for lk in _chain(ctx, m.end()) if ctx.cat(lk) == "Park" or _is_zone(ctx, lk)]
        if firms and sites:  # A公司所在的P: the firm is in the park
            out += _fact(ctx, firms[0], sites[-1], "located.seat")
            continue
        park = _subject_park(ctx, m.start(), topic)
        chain = _chain(ctx, m.end(), ("Region",))
        if park is not None and chain:
            out += _fact(ctx, park, chain[-1], "located.seat")
    return out


#: 以Y为总部的A / A以Y为总部: Y is the firm's seat (the words after 以 are the place)
_SEAT_AS = re.compile(r"为(?:其)?(?:总部|总部所在地)(?P<of>的)?")


def seat_as(ctx) -> list[Fact]:
    """以甲市为总部的A, A以甲市为总部: the firm is where its seat is (the finest place or
    park of the address written between 以 and 为)."""
    text = ctx.sent.text
    if "为总部" not in text and "为其总部" not in text:
        return []
    out: list[Fact] = []
    for m in _SEAT_AS.finditer(text):
        address = _chain_before(ctx, m.start(), "以")  # (以江苏昆山为总部: the address, then the place)
        if not address:
            continue
        at = m.end() + (text[m.end():m.end() + 1] in QUOTES)
        firms = [lk for lk in (ctx.starting_at(at) if m.group("of") else ctx.ending_at(ctx.rel(address[0])[0] - 1))
                 if ctx.cat(lk) in MEMBERS]
        out += [f for x in firms[:1] for f in _fact(ctx, x, address[-1], "located.seat")]
    return out


def inside(ctx, topic: Linked | None) -> list[Fact]:
    """P内另设Q; 园区内的A."""
    text = ctx.sent.text
    p = _patterns()
    out: list[Fact] = []
    if "内" not in text and "中的" not in text and "里的" not in text:
        return out
    for m in p["inside_set"].finditer(text):
        park = _subject_park(ctx, m.start(), topic)
        objs = [lk for lk in ctx.starting_at(m.end()) if ctx.cat(lk) == "Park"]
        if park is not None and objs:
            out += _fact(ctx, objs[0], park, "located.inside")
    for lk in ctx.items:
        s, _ = ctx.rel(lk)
        if ctx.cat(lk) not in MEMBERS + ("Park",) or not text.endswith("的", 0, s):
            continue
        m = p["inside_of"].search(text, max(0, s - 10), s)
        if not m:
            continue
        named = [x for x in ctx.ending_at(m.start()) if ctx.cat(x) == "Park"]
        host = named[0] if named else topic if m.group("bare") else None
        if host is not None:
            out += _fact(ctx, lk, host, "located.inside")
            out += [f for x in _listed_after(ctx, lk) for f in _fact(ctx, x, host, "located.inside")]
    out += _within_named(ctx)
    return out


#: a clause that only tells when (8月18日，…; 今年以来，…)
_TIME_CLAUSE = re.compile(r"[\d一二三四五六七八九十〇零]{1,4}[年月日号][\d一二三四五六七八九十〇零月日号上中下旬午]{0,8}[，,]"
                          r"|(?:今年|去年|近年|近日|日前|目前)(?:以来)?[，,]")


def _opens_sentence(ctx, lk: Linked) -> bool:
    """Is ``lk`` a park or zone (named) that opens the sentence's first clause, maybe after a
    clause telling when or a 的-phrase (由甲与乙共建的P)?"""
    if not (ctx.cat(lk) == "Park" or _is_zone(ctx, lk)) or lk.mention.how == "anaphor":
        return False
    text, s = ctx.sent.text, ctx.rel(lk)[0]
    opening = clause_start(text, s)
    return (opening == 0 or _TIME_CLAUSE.fullmatch(text, 0, opening) is not None) and (
        s == opening or text[s - 1] == "的")


def _project_done(ctx) -> list[Fact]:
    """由甲与乙共建的P新建厂房…，A投资2亿元的生产线正式投产: a firm opening a clause whose
    project or line is done (or begun) is in the park the sentence opens with (maybe after a
    clause telling when: 8月18日，位于Y的P内…)."""
    text = ctx.sent.text
    p = _patterns()
    if not p["project"].search(text):
        return []  # (most sentences name no project or line: nothing to read)
    host = next((lk for lk in ctx.items if _opens_sentence(ctx, lk)), None)
    if host is None:
        return []
    out: list[Fact] = []
    for lk in ctx.items:
        s, e = ctx.rel(lk)
        if ctx.cat(lk) != "Enterprise" or s <= ctx.rel(host)[1] or clause_start(text, s) != s:
            continue
        listed = [lk]
        m = p["project_done"].match(text, e)
        if m is None:
            listed += [x for x in _listed_after(ctx, lk) if ctx.cat(x) == "Enterprise"]
            m = p["projects_done"].match(text, ctx.rel(listed[-1])[1])
        if m is None:
            continue
        at = m.end() + (text[m.end():m.end() + 1] in "于在到")
        if any(ctx.cat(x) in ("Region", "Park") for x in ctx.starting_at(at)):
            continue  # A项目落地乙高新区: the project's own place, not the park the sentence opens with
        out += [f for x in listed for f in _fact(ctx, x, host, "located.project")]
    return out


#: 而在Y，…: a sentence opening with the place it goes on about
_OPENS_AT = re.compile(r"(?:而|但|另外|此外|同时)?在")
#: …A在这里设立的“X”: what was set up where the sentence opened
_SET_UP_HERE = re.compile(r"在(?:这里|这儿|此处|此地)(?:设立|建设|建立|打造|布局|开设)的[“「『\"]?")


def here_set_up(ctx) -> list[Fact]:
    """而在甲高新区乙片区，还有一块“飞地”——丙县在这里设立的“X”: X is in the place the
    sentence opens with (the parks and zones of its address, else its last place)."""
    text = ctx.sent.text
    opened = _OPENS_AT.match(text)
    if opened is None or "这" not in text and "此" not in text:
        return []
    chain = _chain(ctx, opened.end())
    if not chain or text[ctx.rel(chain[-1])[1]:ctx.rel(chain[-1])[1] + 1] not in "，,":
        return []  # (在Y建设…: not a place fronted alone)
    hosts = [x for x in chain if ctx.cat(x) == "Park" or _is_zone(ctx, x)] or chain[-1:]
    out: list[Fact] = []
    for m in _SET_UP_HERE.finditer(text, ctx.rel(chain[-1])[1]):
        for lk in ctx.starting_at(m.end()):
            if ctx.cat(lk) == "Park":
                out += [f for h in hosts for f in _fact(ctx, lk, h, "located.here")]
    return out


def _run_by(ctx) -> list[Fact]:
    """A的工厂设在P内，由子公司B运营: B, the firm that runs the unit, is in P (the park the
    clause before places it in with 设在, 位于 …: site_cues run_by_unit, runs, placed_in)."""
    text = ctx.sent.text
    if "由" not in text:
        return []
    p = _patterns()
    out: list[Fact] = []
    for lk in ctx.items:
        s, e = ctx.rel(lk)
        if ctx.cat(lk) != "Enterprise" or not p["run_by"].search(text, 0, s) or not p["runs"].match(text, e):
            continue
        comma = max(text.rfind("，", 0, s), text.rfind(",", 0, s))
        lead = clause_start(text, comma)
        verb = p["placed_in"].search(text, lead, comma)
        sites = [x for x in ctx.items if verb and verb.end() <= ctx.rel(x)[0] < comma
                 and (ctx.cat(x) == "Park" or _is_zone(ctx, x))]
        out += [f for x in sites[-1:] for f in _fact(ctx, lk, x, "located.run_by")]
    return out


#: 区内/园内 opening a clause, right before a park's name
_WITHIN_OPENING = re.compile(r"(?:区内|园内|园区内|区中|园中)")
_ITEM_MARK = re.compile(r"(?:[一二三四五六七八九十]+是|其[一二三四五])?")


def _within_named(ctx) -> list[Fact]:
    """甲合作区由…管理，区内P全年…: a park right after 区内/园内 opening a clause is in the
    zone or park that opens the clause before (its subject)."""
    text = ctx.sent.text
    out: list[Fact] = []
    for m in _WITHIN_OPENING.finditer(text):
        start = clause_start(text, m.start())
        if start != m.start() or start == 0:
            continue
        parks = [lk for lk in ctx.starting_at(m.end()) if ctx.cat(lk) == "Park"]
        lead = clause_start(text, start - 1)
        lead = _ITEM_MARK.match(text, lead).end()  # (一是甲合作区…)
        hosts = [lk for lk in ctx.items if ctx.rel(lk)[0] == lead and lk.mention.how != "anaphor"
                 and (ctx.cat(lk) == "Park" or _is_zone(ctx, lk))]
        if parks and hosts and hosts[0].key != parks[0].key:
            out += _fact(ctx, parks[0], hosts[0], "located.inside")
    return out


_LIST_SEP = re.compile(r"(?:、|和|与|及|以及)")


@lru_cache(maxsize=1)
def _partnered() -> tuple[str, ...]:
    return tuple(read_json("settle_cues.json")["partnered"])


def _listed_after(ctx, first: Linked) -> list[Linked]:
    """园区内的A、B和C: the firms listed right after the first one (a separator between each)."""
    text = ctx.sent.text
    out, end = [], ctx.rel(first)[1]
    for lk in ctx.items_from(end):
        s, e = ctx.rel(lk)
        if s < end:
            continue
        if ctx.cat(lk) not in MEMBERS or not _LIST_SEP.fullmatch(text, end, s):
            break
        if text[end:s] in ("和", "与") and text.startswith(_partnered(), e):
            break  # 园区内的A与B签约合作: B is A's partner
        out.append(lk)
        end = e
    return out


def also_here(ctx) -> list[Fact]:
    """当天一同落地本园区的，还有A、B等企业: the firms listed after 的，还有 are in the park
    the verb before names (a bare 园区 is the article's park)."""
    text, p = ctx.sent.text, _patterns()
    if "有" not in text:
        return []
    out: list[Fact] = []
    for m in p["also_settled"].finditer(text):
        parks = [lk for lk in ctx.starting_at(m.end()) if ctx.cat(lk) == "Park" or _is_zone(ctx, lk)]
        tail = p["also_here"].match(text, ctx.rel(parks[0])[1]) if parks else None
        if tail is None:
            continue
        for firm in [lk for lk in ctx.starting_at(tail.end()) if ctx.cat(lk) == "Enterprise"][:1]:
            for x in [firm, *_listed_after(ctx, firm)]:
                out += _fact(ctx, x, parks[0], "located.also")
    return out


def same_park(ctx) -> list[Fact]:
    """同一园区的A / 该园区的A: a park referred back to, then 的 and the firm."""
    text = ctx.sent.text
    out: list[Fact] = []
    for park, lk in pairwise(ctx.items):
        if park.mention.how != "anaphor" or ctx.cat(park) != "Park" or ctx.cat(lk) not in MEMBERS:
            continue
        _, e = ctx.rel(park)
        if ctx.rel(lk)[0] == e + 1 and text[e] == "的" and _patterns()["referred"].match(park.mention.text):
            out += _fact(ctx, lk, park, "located.inside")
    return out


def one_of(ctx, topic: Linked | None) -> list[Fact]:
    """A是较早入驻的企业之一."""
    text = ctx.sent.text
    out: list[Fact] = []
    if not _patterns()["one_of"].search(text):
        return out
    for lk in ctx.items:
        if ctx.cat(lk) not in MEMBERS:
            continue
        m = _patterns()["one_of"].match(text, ctx.rel(lk)[1])
        if not m:
            continue
        parks = [x for x in ctx.items if m.start("park") <= ctx.rel(x)[0] < m.end("park")
                 and ctx.cat(x) == "Park"]
        host = parks[0] if parks else topic
        if host is not None:
            out += _fact(ctx, lk, host, "located.one_of")
    return out


def one_of_counted(ctx, prev_park: Linked | None) -> list[Fact]:
    """P已引进企业30余家。A是其中之一: A, opening its sentence, is one of the firms the
    sentence right before counts in P (``prev_park``: the park of that sentence)."""
    text, p = ctx.sent.text, _patterns()
    if prev_park is None or not p["one_of_these"].search(text):
        return []
    before = ctx.doc.norm[max(0, ctx.sent.start - 300):ctx.sent.start].rstrip()
    last = before[max(before.rfind(c, 0, len(before) - 1) for c in "。！？\n") + 1:]
    if not p["counted_firms"].search(last) or prev_park.mention.text not in last:
        return []
    firms = [lk for lk in ctx.items if ctx.cat(lk) == "Enterprise" and ctx.rel(lk)[0] <= 20
             and p["one_of_these"].match(text, ctx.rel(lk)[1])]
    return [f for lk in firms[:1] for f in _fact(ctx, lk, prev_park, "located.one_of")]


_AMONG_LEAD = re.compile(r"(?:其中(?:包括|有)?|这其中|这些企业(?:当)?中|入驻企业(?:当)?中)[，,：:]?")


def among_counted(ctx, prev_park: Linked | None) -> list[Fact]:
    """P已入驻企业23家。其中，A、B已实现量产: the firms listed right after 其中 opening a
    sentence are among those the sentence before counts in P (``prev_park``)."""
    text = ctx.sent.text
    lead = _AMONG_LEAD.match(text)
    if prev_park is None or lead is None:
        return []
    before = ctx.doc.norm[max(0, ctx.sent.start - 300):ctx.sent.start].rstrip()
    last = before[max(before.rfind(c, 0, len(before) - 1) for c in "。！？\n") + 1:]
    if not _patterns()["counted_firms"].search(last) or prev_park.mention.text not in last:
        return []
    firms, at = [], lead.end()
    for lk in ctx.items:
        if ctx.rel(lk)[0] != at or ctx.cat(lk) != "Enterprise":
            continue
        firms.append(lk)
        sep = re.match(r"、|和|与|及|以及", text[ctx.rel(lk)[1]:])
        if not sep:
            break
        at = ctx.rel(lk)[1] + sep.end()
    return [f for lk in firms for f in _fact(ctx, lk, prev_park, "located.among")]


#: an item's number (2. / 二、), the part the list marks below share
_NUMBERED = r"\d{1,2}\s*[.．、)）]|[一二三四五六七八九十]{1,2}、"
_LIST_MARK = re.compile(rf"\s*(?:{_NUMBERED}|[（(]\d{{1,2}}[)）]|[-•·*])\s*")


#: 以(做某某的)A为例: the words before a firm given as an example
_EXAMPLE_LEAD = re.compile(r"以(?:[^，,。；;]{0,24}?的)?")


def _firm(ctx, prev_ent: Linked | None) -> Linked | None:
    """The firm a sentence is about: one that opens it (maybe after 首批入驻的, or after the
    number of an item in a list: 2. A…), or the one 这家企业/该公司 points to."""
    text = ctx.sent.text
    first = ctx.items[0] if ctx.items else None
    if first is not None and ctx.cat(first) == "Enterprise":
        owned = _patterns()["owned_by"].match(text, ctx.rel(first)[1])
        owned_firm = [lk for lk in ctx.items[1:2] if owned and ctx.rel(lk)[0] == owned.end()
                      and ctx.cat(lk) == "Enterprise"]
        if owned_firm and ctx.rel(first)[0] <= 2:
            return owned_firm[0]  # 甲集团下属企业乙公司在P…: 乙, the firm the sentence is about
    if first is not None and ctx.cat(first) == "Enterprise" and (
            ctx.rel(first)[0] <= 2 or _patterns()["mover"].fullmatch(text, 0, ctx.rel(first)[0])
            or _LIST_MARK.fullmatch(text, 0, ctx.rel(first)[0])
            or _patterns()["firm_lead"].fullmatch(text, 0, ctx.rel(first)[0])):
        return first  # (首批入驻的A / 其中，A已在P建设… / 今年4月，A在P…: after how or when it came)
    if first is not None and ctx.cat(first) == "Enterprise" and \
            _patterns()["counted_lead"].fullmatch(text, 0, ctx.rel(first)[0]):
        return first  # 另外两家——A和B，也在园区建成了…: the firms a count introduces
    if first is not None and ctx.cat(first) == "Enterprise" and text.startswith("为例", ctx.rel(first)[1]) \
            and _EXAMPLE_LEAD.fullmatch(text, 0, ctx.rel(first)[0]):
        return first  # 以从事某业务的A为例，公司…在P租下厂房: the firm the example is
    comma = min([i for i in (text.find("，"), text.find(",")) if i >= 0] or [-1])
    head = [lk for lk in ctx.items if ctx.rel(lk)[1] == comma and ctx.cat(lk) == "Enterprise"]
    if head and text[ctx.rel(head[0])[0] - 1:ctx.rel(head[0])[0]] == "的":
        return head[0]  # 总部位于甲的A，将把生产线搬迁至P: the head of the opening phrase
    m = _patterns()["firm_ref"].search(text)
    if m and prev_ent is not None and m.start() <= 8:
        return prev_ent
    return None


def _owner_place(ctx, lk: Linked, bare: re.Match) -> bool:
    """搬到甲的园区: 甲, a place written before 的 and the park word, names whose park it is."""
    return bool(bare.group("owner")) and ctx.cat(lk) == "Region" and \
        bare.start("owner") <= ctx.rel(lk)[0] and ctx.rel(lk)[1] == bare.end("owner") - 1


def put(ctx, prev_ent: Linked | None, here: Linked | None = None) -> list[Fact]:
    """企业把新工厂建在了P; 企业…，去年在P建起了生产基地; A和B也在园区内建成了…; A把车间
    迁到园区 (``here``: the park the text is about)."""
    text = ctx.sent.text
    p = _patterns()
    if "在" not in text and "把" not in text and "将" not in text:
        return []
    firm = _firm(ctx, prev_ent)
    if firm is None:
        return []
    firms = _joined_firms(ctx, firm)
    firm = firms[-1]  # (A和B，也在P建成了…: the verb follows the last of them)
    firm_end = ctx.rel(firm)[1]
    if firm not in ctx.items:  # 该公司今年初在P…: the words that point back stand for the firm
        ref = p["firm_ref"].search(text)
        firm_end = ref.end() if ref else firm_end
    out: list[Fact] = []
    for lk in ctx.items:
        s, _ = ctx.rel(lk)
        if ctx.cat(lk) not in ("Region", "Park") or (out and out[-1].args["place"] == lk.key):
            continue
        lead = p["put"].search(text, max(0, s - 20), s)
        if not lead:
            lead = p["built"].search(text, max(0, s - 12), s)
            address = _chain_before(ctx, s - 1) if not lead and text[s - 1:s] == "的" else []
            at = ctx.rel(address[0])[0] if address else s  # 去年在甲市的P租下厂房: P after its address
            if address:
                lead = p["built"].search(text, max(0, at - 12), at)
            if not lead and 0 <= firm_end < at:  # A公司去年在P建起了…: right after the firm
                lead = p["built_after"].fullmatch(text, firm_end, at)
            chain = _chain(ctx, s)
            if not lead or not chain or not (p["built_verb"].match(text, ctx.rel(chain[-1])[1]) or (
                    not address and p["site_done"].match(text, ctx.rel(chain[-1])[1]))):
                continue
        chain = _chain(ctx, s)
        sites = [x for x in chain if ctx.cat(x) == "Park"] or [x for x in chain if _is_zone(ctx, x)]
        if sites:
            made = _set_up_on_move(ctx, ctx.rel(chain[-1])[1]) or _made_there(ctx, ctx.rel(chain[-1])[1])
            out += [f for x in made or firms for f in _fact(ctx, x, sites[0], "located.put")]
    bare = p["put_bare"].search(text, ctx.rel(firm)[1]) if not out and here is not None else None
    if bare and not any(bare.start() <= ctx.rel(lk)[0] < bare.end() and not _owner_place(ctx, lk, bare)
                        for lk in ctx.items):
        # 企业把车间迁到园区: the park the text is about
        return [f for x in _set_up_on_move(ctx, bare.end()) or firms for f in _fact(ctx, x, here, "located.put")]
    if not out and here is not None:
        end = ctx.rel(firm)[1]
        lead = p["built_after"].match(text, end)
        if lead and lead.group(0).endswith("在"):
            m = p["bare_within"].match(text, lead.end()) or p["right_here"].match(text, lead.end())
            verb = m and p["built_verb"].match(text, m.end())
            if verb:  # (A在园内设立了B: B, the firm set up, is there; A may be elsewhere)
                made = [lk for lk in ctx.items if ctx.cat(lk) == "Enterprise"
                        and verb.end() <= ctx.rel(lk)[0] <= verb.end() + 1]
                out += [f for x in made or firms for f in _fact(ctx, x, here, "located.put")]
    return out


def _made_there(ctx, end: int) -> list[Linked]:
    """A在P设立(的)B: B, the firm set up right after the verb that follows the site ending
    at ``end`` (A, its parent, may stand elsewhere)."""
    text = ctx.sent.text
    verb = _patterns()["built_verb"].match(text, end)
    if verb is None:
        return []
    tail = SUBSIDIARY_TAIL.match(text, verb.end())
    return [lk for lk in ctx.starting_at(tail.end()) if ctx.cat(lk) == "Enterprise"]


def _set_up_on_move(ctx, end: int) -> list[Linked]:
    """…搬到P，新成立B: the firm B set up right after the site that ends at ``end``."""
    m = _patterns()["new_firm"].match(ctx.sent.text, end)
    return [lk for lk in ctx.starting_at(m.end()) if ctx.cat(lk) == "Enterprise"] if m else []


def moved_new(ctx, here: Linked | None) -> list[Fact]:
    """(A把产线)搬到P，新成立B / 产线移往P，成立B / 迁入园区，成立B: B, the firm set up on the
    move, is in the park or zone P (园区: the park the text is about)."""
    text = ctx.sent.text
    p = _patterns()
    out: list[Fact] = []
    for m in p["new_firm"].finditer(text):
        made = [lk for lk in ctx.starting_at(m.end()) if ctx.cat(lk) == "Enterprise"]
        if not made:
            continue
        site = [lk for lk in ctx.ending_at(m.start()) if ctx.cat(lk) == "Park" or _is_zone(ctx, lk)]
        start = ctx.rel(site[0])[0] if site else m.start()
        if not site:
            bare = p["bare"].search(text, max(0, m.start() - 8), m.start())
            if bare is None or here is None:
                continue
            start, site = bare.start(), [here]
        while (prev := [lk for lk in ctx.ending_at(start) if ctx.cat(lk) in ("Region", "Park")]):
            start = ctx.rel(prev[0])[0]  # (搬到重庆市某某保税区: the address before the site)
        if p["moved_to"].search(text, max(0, start - 6), start):
            out += _fact(ctx, made[0], site[0], "located.moved")
    return out


def drop_movers(ctx, facts: list[Fact]) -> list[Fact]:
    """A把产线搬到P，新成立B: A moved a unit, and B is what stands in P, so the facts that put A
    (named before the move, with 把/将 or a unit word after it) in P are dropped."""
    moved = {(f.args["place"], f.args["entity"]) for f in facts if f.rule == "located.moved"}
    if not moved:
        return facts
    text = ctx.sent.text
    unit = _patterns()["moved_unit"]
    keep = []
    for f in facts:
        firm = next((lk for lk in ctx.items if lk.key == f.args["entity"] and ctx.cat(lk) == "Enterprise"), None)
        made = [b for pl, b in moved if pl == f.args["place"] and b != f.args["entity"]]
        if firm is not None and made and f.rule != "located.moved" and unit.search(
                text, ctx.rel(firm)[1], min(ctx.rel(b)[0] for b in ctx.items if b.key in made)):
            continue
        keep.append(f)
    return keep


def at_end(ctx) -> list[Fact]:
    """A，…，专门做组装，在甲高新区乙产业园；: a last clause that is only 在 and the parks (or
    zones) of an address says where the firm named last before it is."""
    text = ctx.sent.text
    if "在" not in text:
        return []
    cl = clauses(text)
    if len(cl) < 2:
        return []
    s, e = cl[-1]
    m = _patterns()["at_only"].match(text, s)
    chain = _chain(ctx, m.end()) if m else []
    if not chain or not _patterns()["clause_end"].fullmatch(text, ctx.rel(chain[-1])[1], e):
        return []
    firms = [lk for lk in ctx.items if ctx.rel(lk)[1] <= s and ctx.cat(lk) == "Enterprise"]
    sites = [x for x in chain if ctx.cat(x) == "Park" or _is_zone(ctx, x)]
    return [f for x in sites for f in _fact(ctx, firms[-1], x, "located.put")] if firms else []


def colon_entry(ctx, here: Linked | None) -> list[Fact]:
    """甲公司：育种团队已入驻飞地 / 乙公司：已在飞地开设销售中心: a line that opens with a
    firm and a colon tells of it; a bare park word after a verb of moving in, or after 在 and
    a verb of setting up, is the park the text is about (``here``)."""
    text = ctx.sent.text
    p = _patterns()
    first = ctx.items[0] if ctx.items else None
    if here is None or first is None or ctx.cat(first) not in MEMBERS \
            or not p["entry_lead"].fullmatch(text, 0, ctx.rel(first)[0]) \
            or text[ctx.rel(first)[1]:ctx.rel(first)[1] + 1] not in "：:":
        return []
    for m in p["entry_at"].finditer(text, ctx.rel(first)[1]):
        if any(m.start() < ctx.rel(lk)[0] < m.end() for lk in ctx.items if lk.mention.how != "anaphor"):
            continue  # (the word is part of a name there)
        if m.group(0).startswith("在") and not p["built_verb"].match(text, m.end()):
            continue  # 在园区…: only when a verb of setting up follows
        return _fact(ctx, first, here, "located.entry")
    return []


#: the mark of an item of a list right before its firm (1. / （一） / ▶ / ● / ——)
_LIST_ITEM = re.compile(rf"\s*(?:{_NUMBERED}|[（(][\d一二三四五六七八九十]{{1,2}}[)）]|[-•·*▶►●■◆★]|——)\s*")


def listed_project(ctx, here: Linked | None) -> list[Fact]:
    """1. A，总投资7.8亿元，…，5月投产 / ▶ A：投资20亿元建设…，7月一期投产: an item of a list
    that opens with a firm and tells its project is done or begun, in a sentence naming no
    other site, is about a firm in the park the text is about (``here``)."""
    if here is None or not ctx.items:
        return []
    text = ctx.sent.text
    first = ctx.items[0]
    if ctx.cat(first) != "Enterprise" or not _LIST_ITEM.fullmatch(text, 0, ctx.rel(first)[0]) \
            or text[ctx.rel(first)[1]:ctx.rel(first)[1] + 1] not in "：:，,":
        return []
    if any(ctx.cat(lk) in ("Park", "Region") for lk in ctx.items) or "在" in text:
        return []  # (a site of its own, or 在 a place the sentence names or leaves bare)
    return _fact(ctx, first, here, "located.entry") if _patterns()["done_word"].search(text) else []


def _joined_firms(ctx, first: Linked) -> list[Linked]:
    """The firm ``first`` and the firms joined to it (A和B, A、B及C): they share the verb."""
    text = ctx.sent.text
    out = [first]
    for lk in ctx.items[ctx.items.index(first) + 1:] if first in ctx.items else []:
        s, _ = ctx.rel(lk)
        if ctx.cat(lk) != "Enterprise" or text[ctx.rel(out[-1])[1]:s] not in _JOINERS:
            break
        out.append(lk)
    return out


_JOINERS = ("和", "及", "以及", "、")  # (A与B签约: B may be A's partner, not a co-builder)


def each_built(ctx) -> list[Fact]:
    """A、B在Y分别设立P、Q: every park of the list is in Y."""
    text = ctx.sent.text
    out: list[Fact] = []
    for m in _patterns()["each_built"].finditer(text):
        chain = ctx.ending_at(m.start())
        if not chain or ctx.cat(chain[0]) not in ("Region", "Park"):
            continue
        stop = clause_stop(text, m.end())
        parks = [lk for lk in ctx.items if m.end() <= ctx.rel(lk)[0] < stop and ctx.cat(lk) == "Park"]
        for park in parks if len(parks) >= 2 else []:
            out += _fact(ctx, park, chain[0], "located.each")
    return out


def _listed_items(ctx, at: int) -> list[Linked]:
    """Parks, firms and institutions listed from offset ``at`` (A、B和C)."""
    text = ctx.sent.text
    out: list[Linked] = []
    for lk in ctx.items_from(at):
        s, e = ctx.rel(lk)
        if s != at or ctx.cat(lk) not in MEMBERS + ("Park", "Infrastructure"):
            break
        out.append(lk)
        sep = re.match(r"、|和|及|以及|与", text[e:])
        if not sep:
            break
        at = e + sep.end()
    return out


def _opening_host(ctx) -> list[Linked]:
    """The zone or park that opens the sentence (its subject), if one does."""
    first = ctx.items_from(0)
    return [first[0]] if first and ctx.rel(first[0])[0] == 0 and (
        ctx.cat(first[0]) == "Park" or _is_zone(ctx, first[0])) else []


def holds(ctx) -> list[Fact]:
    """某高新区下辖A、B两个园区 / 某园区包括A、B: the parks listed right after the zone or
    park and its verb of holding are in it."""
    out: list[Fact] = []
    for m in _patterns()["holds"].finditer(ctx.sent.text):
        host = [lk for lk in ctx.ending_at(m.start()) if ctx.cat(lk) == "Park" or _is_zone(ctx, lk)]
        if not host and ctx.sent.text[m.start() - 1:m.start()] in ("，", ","):
            host = _opening_host(ctx)  # 某开发区实行“一区三园”模式，下辖A、B和C
        parts = [x for x in _listed_items(ctx, m.end()) if ctx.cat(x) in ("Park", "Infrastructure")]
        for x in parts if host else []:
            out += _fact(ctx, x, host[0], "located.holds")
    return out


def possessed(ctx) -> list[Fact]:
    """某某产业园的A公司 / 某高新区的(子公司)A公司: a firm written right after a park or zone
    and 的 (maybe with the firm's kind: 子公司, 分公司) is in it (a place's firms, 某市的A, may
    only come from there: not these)."""
    text = ctx.sent.text
    out: list[Fact] = []
    for host, lk in pairwise(ctx.items):
        _, e = ctx.rel(host)
        of = _patterns()["of_unit"].match(text, e)
        if of is None or ctx.rel(lk)[0] != of.end() or ctx.cat(lk) not in MEMBERS \
                or not (ctx.cat(host) == "Park" or _is_zone(ctx, host)):
            continue
        out += _fact(ctx, lk, host, "located.possessed")
    return out


_POINT_KINDS = ("Airport", "Port", "Station", "Checkpoint")
_OF_PLACE = re.compile(r"(?:境内|辖区内|区域内|内)?的")
_LINKED_TO = re.compile(r"(?:连接|连通|联通|通往|往返|直达|至|到|和|与|及|、)$")


def point_of(ctx) -> list[Fact]:
    """某区(境内)的某某机场 / 港口 / 站: an airport, port, station or checkpoint written
    right after a place (or zone) and 的 is there (a line or bridge may only lead there:
    not these; nor a place a route goes to: 通往某市的某某站)."""
    text = ctx.sent.text
    out: list[Fact] = []
    for place, lk in pairwise(ctx.items):
        s, e = ctx.rel(place)
        if ctx.entities[lk.key].kind not in _POINT_KINDS or not (
                place.key.startswith("region:") or _is_zone(ctx, place)):
            continue
        m = _OF_PLACE.match(text, e)
        if not m or m.end() != ctx.rel(lk)[0] or _LINKED_TO.search(text, max(0, s - 2), s):
            continue
        out += _fact(ctx, lk, place, "located.point")
    return out


def carried(ctx) -> list[Fact]:
    """借助P这一载体，(当天)挂牌成立的还有A、B、C / 依托P平台，成立了A: what is set up on the
    park (or zone) P that carries it is in P."""
    text = ctx.sent.text
    p = _patterns()
    if not any(w in text for w in _cues()["carrier"]):
        return []  # (no carrier word: no tail to match after any park)
    out: list[Fact] = []
    for lk in ctx.items:
        s, e = ctx.rel(lk)
        if not (ctx.cat(lk) == "Park" or _is_zone(ctx, lk)) or not p["carrier"].search(text, max(0, s - 2), s):
            continue
        tail = p["carrier_tail"].match(text, e)
        if not tail:
            continue
        stop = min([i for i in (text.find(c, tail.end()) for c in "。；;") if i >= 0] or [len(text)])
        for m in p["carried"].finditer(text, tail.end(), stop):
            for x in _listed_items(ctx, m.end()):
                out += _fact(ctx, x, lk, "located.carried")
            break
    return out


def sited(ctx, topic: Linked | None, prev_ent: Linked | None,
          prev_park: Linked | None = None) -> list[Fact]:
    """Every rule of this module for one sentence (``topic``: the park the text is about
    so far; ``prev_ent``: the last firm named before; ``prev_park``: the park of the
    sentences before, maybe named only as a site, which 园区另一隅，A… points back to when
    no park is the topic yet)."""
    here = topic
    parks = [lk for lk in ctx.items if ctx.cat(lk) == "Park"]
    if parks and here is None:
        here = parks[0]
    return (fronted(ctx, topic if topic is not None else prev_park) + spans(ctx, here) + parts(ctx, here) + counted_at(ctx) + seat(ctx, here) + seat_as(ctx) + inside(ctx, here) + same_park(ctx) + also_here(ctx)
            + one_of(ctx, here) + one_of_counted(ctx, prev_park) + among_counted(ctx, prev_park) + put(ctx, prev_ent, here) + (each_built(ctx) if "分别" in ctx.sent.text else [])
            + carried(ctx) + holds(ctx) + possessed(ctx) + unit_named(ctx) + point_of(ctx) + ceremony(ctx) + at_end(ctx) + colon_entry(ctx, topic)
            + _run_by(ctx) + _project_done(ctx) + here_set_up(ctx) + listed_project(ctx, here)
            + (moved_new(ctx, here) if "成立" in ctx.sent.text or "设立" in ctx.sent.text
               or "组建" in ctx.sent.text or "注册" in ctx.sent.text else []))
