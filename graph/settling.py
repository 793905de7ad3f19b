"""Where parks and firms are, told by how they move in (called from relations.py):

* ``located.first``   P首批入驻的A、B等9家企业; 入驻(该)园区的A: the firms listed after 入驻的 are in P;
* ``located.back``    A、B等12家企业已入驻该中心: 该中心 is the park the text is about;
* ``located.invest``  A将在园区投资8亿元建设…; A日前与园区签约: a firm that builds in 园区, or
  signs with it, is in that park;
* ``located.now``     (园内已有)A、B等企业已经入驻/投产, in a sentence naming no park: the firms
  are in the park the text is about;
* ``located.member``  入园企业A; 园区另一家企业A; 园区内规模最大的A; 园区里(还)有(个)A、B: a firm
  named as one of the park's is in it;
* ``located.unit``    入驻企业A的研发团队设在甲，而生产线则落户园内 / 总装则在乙的园区完成: the
  firm is in the park;
* ``located.within``  园区内还划出“A园中园”; 园中另设A; 园区内新建的A: a park named in a clause
  that opens with a bare park word and 内/中/里 is in the park that word stands for (the
  park named before in the sentence, else the one the text is about);
* ``located.address`` 北京市海淀区某某软件园, 龙岗区天安云谷产业园: a park named with its address
  (two places, or one written in full before a proper name) is in its last place, and so is
  what stands in it;
* ``located.address`` 甘肃省陇南市的某某产业园 (an address of two places, then 的; 境内的 too): the park is
  there; 某高新区(内)的某某产业园: the park is in the zone.

"The park the text is about" is the last park a sentence names as a subject, not as a site
(在Y园区揭牌: Y is where, not what). Words live in ``graph/data/settle_cues.json``.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .addresses import is_zone
from .firmnames import SUBSIDIARY_TAIL
from .linking import Linked
from .model import Fact
from .postag import pos_tags
from .resources import alternation, read_json
from .sentences import clause_start, clause_stop

MEMBERS = ("Enterprise", "Institution")


@lru_cache(maxsize=1)
def _cues() -> dict:
    return read_json("settle_cues.json")


#: how a park takes firms in besides the common adverbs (新引进, 先后引进, 累计引进)
_INTAKE_ADVERBS = "新|累计|共|先后|陆续"


#: a time before a verb of moving in (A、B于2011年入园, 也于今年初相继入园)
_WHEN = r"(?:于(?:\d{4}年|今年|去年|同年|当年|年内)?(?:\d{1,2}月|[初底末中])?(?:份)?)?"


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    c = _cues()
    this = f"(?:{alternation(c['demonstrative'])})?"
    bare = f"{this}(?:{alternation(c['bare_park'])})"
    adverbs = alternation(c["adverb"])
    return {
        "site": re.compile(f"(?:{alternation(c['site_before'])})$"),
        "first": re.compile(f"(?:(?:{alternation(c['first'])})?(?:{alternation(c['moved_in'])})(?:{bare})?"
                            f"|(?:{alternation(c['ordinal'])})(?:{alternation(c['running'] + c['start_work'])}))的"),
        "introduced": re.compile(f"(?:今年|去年|近年来|近年|此前|先后)?(?:{alternation(c['adverb'])})*"
                                 f"(?:{alternation(c['introduced'])})的"),
        "back": re.compile(f"等[^，,。；;]{{0,12}}?(?:{alternation(c['adverb'])})*(?:{alternation(c['moved_in'])})"
                           f"(?:了)?(?:{alternation(c['demonstrative'])})(?:{alternation(c['bare_park'])})"),
        "invest": re.compile(f"在(?:{bare}|(?:{alternation(c['bare_inside'])})(?=内|里))(?:内|里)?"
                             f"(?:{alternation(c['adverb'])})*(?:{alternation(c['invest'])})"
                             f"|与{bare}(?:{alternation(c['adverb'])})*(?:{alternation(c['signed'])})"),
        # A、B陆续在此投产: 此, the park the sentence named before
        "here": re.compile(f"在此(?:{alternation(c['adverb'])})*(?:{alternation(c['invest'])})"),
        "adverbs": re.compile(f"(?:{alternation(c['adverb'])})*"),
        "carried_lead": re.compile(f"(?:{alternation(c['carried_time'])})?(?:{alternation(c['adverb'])})*"),
        "with_partner": re.compile(r"[与和同跟]"),
        "partnered": re.compile(f"(?:{alternation(c['partnered'])})"),
        "sep": re.compile(r"、|和|与|及|以及|，以及|,以及"),
        "project": re.compile(r"[^，,。；;、和与及等]{1,12}?项目(?=、|和|与|及)"
                              f"|(?:{alternation(c['listed_unit'])})(?=、|和|与|及)"),
        "now_in": re.compile(f"(?:等|(?:\\d+|{alternation(c['count'])})(?:家|个))[^，,。；;在]{{0,12}}?"
                             f"(?:{alternation(c['adverb'])})*(?:在(?:{alternation(c['bare_park'] + c['bare_short'])})?内)?"
                             f"(?:{alternation(c['moved_in'] + c['running'])})"
                             f"|等(?:\\d+|{alternation(c['count'])})?家?(?:企业|公司)(?:{alternation(c['adverb'])})*"
                             f"(?:{alternation(c['start_work'])})"),
        "including": re.compile(r"[，,](?:其中)?(?:包括|包含|有)"),
        "moved_verb": re.compile(alternation(c["moved_in"])),
        # (A、B已经入驻投产: moved in and running)
        "bare_in": re.compile(f"(?:{alternation(c['adverb'])})*{_WHEN}(?:{alternation(c['adverb'])})*"
                              f"(?:{alternation(c['moved_in'])})"
                              f"(?:并?(?:{alternation(c['running'])}))?了?(?=[，,。；;]|$)"),
        "also": re.compile(f"(?:{alternation(c['also'])})?(?:{alternation(c['moved_in'])}|位于|在)"
                           f"(?P<park>[^，,。；;的]{{1,16}}?)(?:内|里)?(?:{alternation(c['also_verb'])})?"
                           f"的[，,]?(?:{alternation(c['also_tail'])})"),
        "all_in": re.compile(f"(?:{alternation(c['adverb'])})*在(?P<park>(?:{alternation(c['demonstrative'])})?"
                             f"(?:{alternation(c['bare_park'] + c['bare_inside'])}))(?:内|里)(?=[，,。；;]|$)"),
        # (A是园区里的…; A是经济区内规模较大的(台资)企业: words between 内 and 的 say which firm)
        "resident": re.compile(f"是(?P<park>(?:{alternation(c['demonstrative'])})?"
                               f"(?:{alternation(c['bare_park'] + [w for w in c['bare_zone'] if len(w) > 1])}))"
                               f"(?:里|内|中)(?:的|[^，,。；;：:的]{{1,8}}的[^，,。；;：:的]{{0,8}}?(?:企业|公司))"),
        "resident_of": re.compile(f"是(?P<park>(?:{alternation(c['demonstrative'])})?(?:{alternation(c['bare_park'])}))"
                                  f"(?:{alternation(c['resident_verb'])})?的(?:第[一二三四五六七八九十\\d]+家|首家)?"
                                  f"(?:{alternation(c['resident_kind'])})*(?:企业|公司)"
                                  f"|是(?P<park2>(?:{alternation(c['demonstrative'])})?(?:{alternation(c['bare_park'])}))"
                                  f"(?:{alternation(c['resident_verb'])})的(?:第[一二三四五六七八九十\\d]+[家个]|首家|首个)"
                                  f"[^，,。；;：:的]{{0,8}}?(?:企业|公司|项目)"
                                  # (A…，是园区去年投产的项目之一: a time, then the verb)
                                  f"|是(?P<park3>(?:{alternation(c['demonstrative'])})?(?:{alternation(c['bare_park'])}))"
                                  f"[^，,。；;：:的]{{0,6}}?(?:{alternation(c['resident_verb'] + c['running'])})的"
                                  f"(?:{alternation(c['resident_kind'])})*(?:企业|公司|项目)之一"),
        "built_of": re.compile(f"在(?P<park>(?:{alternation(c['demonstrative'])})?"
                               f"(?:{alternation(c['bare_park'] + c['bare_zone'])}))(?:内|里)?"
                               f"(?:{alternation(c['adverb'])})*(?:{alternation(c['invest'])})的"),
        "zone_invest": re.compile(f"在(?P<park>(?:{alternation(c['demonstrative'])})?(?:{alternation(c['bare_zone'])}))"
                                  f"(?:内|里)?(?:{alternation(c['adverb'])})*(?:{alternation(c['invest'])})"),
        "among": re.compile(f"(?:{alternation(c['gathered'])})了?[^，,。；;]{{0,10}}?(?:{alternation(c['firm_word'])})"
                            r"[\d一二三四五六七八九十百千]+余?(?:家|个)"
                            r"(?:[，,](?:计划|协议|合同)?(?:总投资|投资总额|投资额)[^，,。；;]{0,14})?[，,]其中"
                            # (其中规模以上工业企业152家，包括A: a count of some of them first)
                            r"(?:(?:规模以上|规上|高新技术|上市|外资)?(?:工业)?(?:企业|公司)"
                            r"[\d一二三四五六七八九十百千]+余?家[，,]?)?"),
        # (园区先后引进了A、B等项目: the park word opens the clause, the firms follow the verb)
        "brought_in": re.compile(f"(?P<park>{this}(?:{alternation([w for w in c['bare_park'] + c['bare_zone'] if len(w) > 1])}))"
                                 f"(?:内|里)?(?:{adverbs}|{_INTAKE_ADVERBS})*(?:引进|引入|招引|吸引)(?:了|到)?"),
        # (今年园区新引进项目15个，其中…: the park word is the subject of the count)
        "counting_park": re.compile(f"{bare}(?:{adverbs})*(?:{_INTAKE_ADVERBS})?$"),
        # (首批)投产企业包括A / 首批入驻的有5家企业和机构，包括A
        "listed_as": re.compile(f"(?:{alternation(c['listed_as'])})(?:的有|的)?(?:[\\d一二两三四五六七八九十]+余?家)?"
                                f"(?:{alternation(c['firm_word'])})(?:(?:和|及|与)(?:机构|单位|团队))?[，,]?"
                                f"(?:{alternation(c['including'])})[：:]?"),
        "moved_into": re.compile(f"(?:{alternation(c['adverb'])})*(?:{alternation(c['listed_as'])})$"),
        "of_listed": re.compile(f"(?:内|里)?的(?:{alternation(c['firm_word'])})"
                                f"(?:{alternation(c['adverb'])})*(?:{alternation(c['including'])})[：:]?"),
        "firm_ref": re.compile(alternation(c["firm_ref"])),
        "bare_in_clause": re.compile(f"(?:{alternation(c['demonstrative'])})?(?:{alternation(c['bare_park'] + c['bare_inside'])})"
                                     f"(?:内|里|中)"),
        "own_units_in": re.compile(f"的[^，,。；;：:]{{0,12}}?(?:{alternation(c['unit'] + c['seat'])})"
                                   f"(?:{alternation(c['unit_adverb'])})*(?:在|位于|设在|落户)"
                                   f"(?:{alternation(c['demonstrative'])})?(?:{alternation(c['bare_park'] + c['bare_inside'])})"
                                   f"(?:内|里)?(?=[，,。；;]|$)"),
        "unit_in": re.compile(f"(?:{alternation(c['contrast'])})?[^，,。；;：:]{{0,16}}?(?:{alternation(c['unit'])})"
                              f"(?:{alternation(c['unit_adverb'])})*(?:{alternation(c['unit_placed'])})"
                              f"(?:{alternation(c['demonstrative'])})?(?:{alternation(c['bare_park'] + c['bare_inside'])})"
                              f"(?:内|里)?(?=[，,。；;]|$)"),
        "unit_at": re.compile(f"(?:{alternation(c['contrast'])})?[^，,。；;：:]{{0,12}}?(?:{alternation(c['made_work'])})"
                              f"(?:{alternation(c['unit_adverb'])})*在(?:[^，,。；;：:的]{{1,6}}的)?"
                              f"(?:{alternation(c['demonstrative'])})?(?:{alternation(c['bare_park'] + c['bare_inside'])})"
                              f"(?:内|里)?(?:{alternation(c['work_done'])})(?=[，,。；;]|$)"),
        "member_in": re.compile(f"(?P<park>(?:{alternation(c['demonstrative'])})?"
                                f"(?:{alternation(c['member_park'] + [w for w in c['bare_zone'] if len(w) > 1])})"
                                # (，区内的A: a bare 区 opening a clause, the zone named before)
                                f"|(?:(?<=[，,；;])|^)区)"
                                # (园区里还有个A: 有 after the bare word, a firm it holds)
                                f"(?:内|里)(?:的|(?:{alternation(c['adverb'])})*有(?:个|一家|一个)?)?[“「\"]?"),
        "within": re.compile(f"(?:{alternation(c['now'])})?(?:{alternation(c['demonstrative'])})?"
                             f"(?:{alternation(c['bare_park'] + c['bare_inside'])})(?:内|中|里)"
                             f"[^，,。；;：:“”「」\"]{{0,12}}?[“「\"]?"),
        "bare_after": re.compile(f"了?((?:{alternation(c['demonstrative'])})?(?:{alternation(c['enclave_word'])}))"),
        "counted": re.compile(f"(?:{alternation(c['now'])})?(?:{alternation(c['adverb'])})*"
                              f"(?:{alternation(c['gathered'] + c['moved_in'])})了?[^，,。；;]{{0,16}}?"
                              r"[\d一二三四五六七八九十百千]+余?(?:家|个)(?:企业|公司)?$"),
        "now_only": re.compile(f"(?:{alternation(c['now'])})?"),
        "demonstrative_lead": re.compile(f"^(?:{alternation(c['demonstrative'])})"),
        "unit_lead": re.compile(f"(?:{alternation(c['unit_lead'])})*"),
        "made_here": re.compile(f"(?:(?:{alternation(c['made_here'])})|(?:{alternation(c['made_by_parent'])})"
                                f"|在[^，,。；;、的]{{2,8}}?(?:{alternation(c['made_by_parent'])}))的"),
        "member": re.compile(f"(?:(?:{alternation(c['ordinal'])})?(?:{alternation(c['moved_in'])})"
                             f"|(?P<park>(?:{alternation(c['demonstrative'])})?(?:{alternation(c['member_park'])}))"
                             f"(?:内|里|中)?)"
                             f"(?:的)?(?:(?:{alternation(c['member_adj'])})(?:{alternation(c['member_word'])})?"
                             f"|(?:{alternation(c['member_word'])}))(?:{alternation(c['member_of'])})?[“「\"]?"),
        "inside_lead": re.compile(f"[“”\"「」\\s]*(?:{alternation(c['now'])})?(?:{alternation(c['demonstrative'])})?"
                                  f"(?:{alternation(c['bare_park'] + c['bare_inside'])})(?:内|里)"),
        "now_lead": re.compile(f"(?:{alternation(c['now'])})?(?:{alternation(c['demonstrative'])})?"
                               f"(?:{alternation(c['bare_park'] + c['bare_short'])})?(?:内|里)?"
                               f"(?:{alternation(c['now'])})?(?:{alternation(c['has'])})?"),
    }


def _is_park(ctx, lk: Linked) -> bool:
    return ctx.cat(lk) == "Park"


def _ends(ctx) -> dict[int, Linked]:
    """Places and parks of the sentence by their end offset, built once per sentence."""
    got = ctx.__dict__.get("_settle_ends")
    if got is None:
        got = {}
        for x in ctx.items:
            if ctx.cat(x) in ("Region", "Park"):
                got.setdefault(x.end - ctx.sent.start, x)
        ctx.__dict__["_settle_ends"] = got
    return got


def is_site(ctx, lk: Linked) -> bool:
    """A park named as where something is (在/位于/入驻 Y, maybe after an address chain)."""
    text = ctx.sent.text
    ends = _ends(ctx)
    s, _ = ctx.rel(lk)
    while (prev := ends.get(s)) is not None and ctx.rel(prev)[0] < s:
        s = ctx.rel(prev)[0]
    if text[s - 1:s] == "的" and (prev := ends.get(s - 1)) is not None and ctx.cat(prev) == "Region" \
            and is_site(ctx, prev) and any(_is_park(ctx, x) and clause_start(text, s) <= ctx.rel(x)[0]
                                            for x in ctx.items if ctx.rel(x)[1] <= ctx.rel(prev)[0]):
        return True  # S位于甲区乙街道的P: P is where S is
    return bool(_patterns()["site"].search(text, max(0, s - 4), s))


_SCENE_END = re.compile(r"(?:内|里)?[，,]")


def _scene(ctx, lk: Linked) -> bool:
    """在P，A…: a clause that is only 在 and the park sets the scene of what follows."""
    s, e = ctx.rel(lk)
    text = ctx.sent.text
    return s >= 1 and text[s - 1] == "在" and clause_start(text, s) == s - 1 and bool(_SCENE_END.match(text, e))


def topic_of(ctx) -> Linked | None:
    """The park a sentence is about: its last park that is not named as a site, or that
    a clause of its own sets as the scene (在P，A…)."""
    parks = [lk for lk in ctx.items if _is_park(ctx, lk) and (not is_site(ctx, lk) or _scene(ctx, lk))]
    text = ctx.sent.text
    # 由P1与Y共建 / 沿用P1的…: a builder or an owner is not what the sentence is about
    lent = [lk for lk in parks if _lends().match(text, ctx.rel(lk)[1])
            or _lent_verb().search(text, 0, ctx.rel(lk)[0]) or precedent(ctx, lk)]
    parks = [lk for lk in parks if lk not in lent]
    if lent and not parks:
        return None  # 复制推广P的改革经验: P lends a way of working, the sentence is not about it
    subjects = [lk for lk in parks if not _BUILDER.search(text, 0, ctx.rel(lk)[0])
                and not _OWNER.match(text, ctx.rel(lk)[1]) and not _neighbour(text, *ctx.rel(lk))]
    return (subjects or parks or [None])[-1]


#: 与P仅一河之隔, 毗邻P: a park named as a neighbour of what the sentence is about
_NEIGHBOUR_BEFORE = re.compile(r"(?:毗邻|紧邻|邻近|靠近|距离|距|离|与|和|同)[^，,。；;]{0,24}$")
_NEIGHBOUR_AFTER = re.compile(r"[^，,。；;]{0,8}?(?:一河之隔|一江之隔|隔河相望|隔江相望|隔海相望|相邻|毗邻|接壤|比邻|相望)")
_NEIGHBOUR_VERBS = ("毗邻", "紧邻", "邻近", "靠近", "距离", "距", "离")


def _neighbour(text: str, start: int, end: int) -> bool:
    """新田科技城…与深圳园区仅一河之隔 / 毗邻P: is the park at ``start``–``end`` named only
    as the neighbour of the sentence's subject?"""
    before = _NEIGHBOUR_BEFORE.search(text, 0, start)
    if before is None:
        return False
    return before.group(0).startswith(_NEIGHBOUR_VERBS) or _NEIGHBOUR_AFTER.match(text, end) is not None


#: 继P之后, 继P后: P is the one before; what the sentence sets up, places or calls is another
_PRECEDENT_AFTER = re.compile(r"(?:之后|以后|后)")


def precedent(ctx, lk: Linked) -> bool:
    """继P之后: ``lk`` is named only as the one before (这是我市继甲(乙)某中心之后建成的又一处
    飞地: the sentence is about another)."""
    return named_before(ctx.sent.text, *ctx.rel(lk))


def named_before(text: str, start: int, end: int) -> bool:
    """继P之后 for the name at ``start``–``end`` of ``text``."""
    return text[start - 1:start] == "继" and _PRECEDENT_AFTER.match(text, end) is not None


_COMMAS = re.compile("[，,]")
_BUILDER = re.compile(r"(?:由|与|和|、|同|沿用|借鉴|学习)$")
_OWNER = re.compile(r"(?:的|与|和|、|同)")
@lru_cache(maxsize=1)
def _lends() -> re.Pattern:
    """P(的)(改革)经验 / 模式 / 做法: what a park lends, not the park the sentence is about
    (``lent_modifiers``, ``lent_ways``)."""
    c = _cues()
    return re.compile(f"的?(?:{alternation(c['lent_modifiers'])}){{0,3}}(?:{alternation(c['lent_ways'])})")


@lru_cache(maxsize=1)
def _lent_verb() -> re.Pattern:
    """复制/借鉴/沿用 right before a park: it lends its ways (``lent_verbs``)."""
    return re.compile(f"(?:{alternation(_cues()['lent_verbs'])})$")


def _host(ctx, before: int, topic: Linked | None) -> Linked | None:
    """The park named before ``before`` in the sentence (not as a site), else the topic."""
    named = [lk for lk in ctx.ended_by(before) if _is_park(ctx, lk)
             and not is_site(ctx, lk)]
    return named[-1] if named else topic


_PLACE_MODIFIER = re.compile(r"[^，,。；;：:的]{0,4}的")


#: 从甲迁来的: where a firm named next came from, written before it
_MOVED_FROM = re.compile(r"(?:从|由)[^，,。；;：:的]{1,12}?(?:迁来|搬来|迁入|移来|转移来|转来|引进)的")

#: 总投资8.5亿元的: what a listed firm invests, written before it
_INVESTED = re.compile(r"(?:计划)?(?:总)?投资(?:额)?(?:约|达|超过|超|近)?[\d.]+余?(?:万|亿)?(?:美)?元的")


def _listed(ctx, at: int) -> list[Linked]:
    """Firms and institutions listed from offset ``at`` (A、B和C), skipping a short
    modifier before each (台资的A, 本地企业B); in A在当地设立的B, B is the one listed."""
    text = ctx.sent.text
    out: list[Linked] = []
    for lk in ctx.items:
        s, e = ctx.rel(lk)
        if s < at:
            continue
        gap = text[at:s]
        if ctx.cat(lk) == "Region" and len(gap) <= 2 and _PLACE_MODIFIER.match(text, e):
            continue  # 深圳背景的A, 来自深圳的A: a place in the modifier before the firm
        if ctx.cat(lk) not in MEMBERS or len(gap) > 6 and not _INVESTED.fullmatch(gap) \
                or re.search(r"[，,。；;：:]", gap):
            break  # (总投资8.5亿元的A: what the firm invests is a modifier too)
        if out and _patterns()["made_here"].fullmatch(text, ctx.rel(out[-1])[1], s):
            out.pop()  # A在当地设立的B: B replaces its parent A
        elif out and _patterns()["with_partner"].match(text, at - 1) and \
                _patterns()["partnered"].match(text, e):
            break  # A与B合作: B is A's partner, not a second firm that moved in
        out.append(lk)
        here = _patterns()["made_here"].match(text, e)
        if here:
            at = here.end()
            continue
        project = _patterns()["project"].match(text, e)  # A中央厨房项目、B: the firm's project
        m = _patterns()["sep"].match(text, project.end() if project else e)
        if not m:
            break
        at = m.end()
    return out


def _facts(ctx, ents: list[Linked], host: Linked | None, rule: str, conf: float) -> list[Fact]:
    if host is None:
        return []
    return [ctx.fact("located_in", {"entity": e.key, "place": host.key}, rule, conf)
            for e in ents if e.key != host.key]


#: P企业A, P入驻企业A, P重点企业A: a park's or zone's own firm named right after the park
_PARK_FIRM_WORD = re.compile(r"(?:的)?(?:入驻|入园|落户|重点|龙头|骨干|规上|规模以上|高新技术|科技型)?(?:企业|公司)")
#: P入驻企业：A、B / P重点企业主要有A、B: what opens the list of the park's firms
_FIRM_LIST_LEAD = re.compile(r"(?:主要|还|则)?(?:有|包括|包含)?[:：]|(?:主要|还|则)?(?:有|包括|包含)")
#: P引进的A: a firm the park brought in
_PARK_BROUGHT = re.compile(r"(?:新|先后|陆续|成功|去年|今年|近年)?(?:引进|引入|招引|招来)的")


def brought_in(ctx, topic: Linked | None, zone: Linked | None) -> list[Fact]:
    """园区先后引进了A、B等项目 / 示范区引进A: a bare park or zone word opening its clause
    (after a time word at most), then a verb of bringing in: the firms listed right after
    the verb are in the park or zone the text is about."""
    text = ctx.sent.text
    out = []
    for m in _patterns()["brought_in"].finditer(text):
        lead = text[clause_start(text, m.start()):m.start()]
        if lead and not _TIME_LEAD.fullmatch(lead):
            continue  # (深圳园区引进…: a park of its own; 某市园区: not the bare word)
        ents = _listed(ctx, m.end())
        if ents and ctx.rel(ents[0])[0] == m.end():
            said = [lk for lk in ctx.items if ctx.rel(lk)[0] == m.start("park") and lk.mention.how == "anaphor"
                    and (_is_park(ctx, lk) or is_zone(ctx, lk))]  # (该产业园: what discourse resolved)
            host = said[0] if said else _bare_host(ctx, m.group("park"), topic, zone)
            out += _facts(ctx, ents, host, "located.brought", 0.55)
    return out


#: words of time that may open a clause before its subject (今年, 2023年, 近年来，)
_TIME_LEAD = re.compile(r"(?:\d{4}年(?:以来)?|今年|去年|近年来|近年|近几年|目前|截至目前|此外|同时|其中)*")


def park_firms(ctx) -> list[Fact]:
    """P企业A, P入驻企业A, P引进的A (a park or zone right before the words, the firm right
    after them); A、B等P企业 (a list, 等, the park, a firm word): the firms are in P."""
    text = ctx.sent.text
    if "企业" not in text and "公司" not in text and "引" not in text:
        return []
    out = []
    by_start = {ctx.rel(lk)[0]: lk for lk in ctx.items if ctx.cat(lk) in MEMBERS}
    for lk in ctx.items:
        if not (_is_park(ctx, lk) or is_zone(ctx, lk)) or lk.mention.how == "anaphor":
            continue
        e = ctx.rel(lk)[1]
        m = _PARK_FIRM_WORD.match(text, e) or _PARK_BROUGHT.match(text, e)
        at = m.end() if m is not None else -1
        if m is not None and m.re is _PARK_FIRM_WORD and (lead := _FIRM_LIST_LEAD.match(text, at)):
            at = lead.end()  # P入驻企业：A、B / P重点企业有A、B
        ents = _listed(ctx, at) if at in by_start else []
        if ents:
            out += _facts(ctx, ents, lk, "located.park_firm", 0.6)
        s = ctx.rel(lk)[0]
        if text[s - 1:s] == "等" and _PARK_FIRM_WORD.fullmatch(text, e, e + 2) is not None:
            ents = [x for x in _members_before(ctx, s - 1) if ctx.rel(x)[1] <= s - 1]
            if ents and ctx.rel(ents[-1])[1] == s - 1:
                out += _facts(ctx, ents, lk, "located.park_firm", 0.6)  # A、B等P企业
    return out


def first_movers(ctx, topic: Linked | None) -> list[Fact]:
    """(P)首批入驻的A、B等9家企业和机构; 首批投产的A."""
    out = []
    for m in _patterns()["first"].finditer(ctx.sent.text):
        ents = _listed(ctx, m.end())
        named = [lk for lk in ctx.items if m.start() < ctx.rel(lk)[0] and ctx.rel(lk)[1] < m.end()
                 and _is_park(ctx, lk)]  # 入驻飞地的A: the park 飞地 was read as
        host = named[0] if named else _host(ctx, m.start(), topic)
        if named and named[0].mention.how == "anaphor":  # bare 园区: the park the text is about
            host = _bare_host(ctx, ctx.sent.text[ctx.rel(named[0])[0]:ctx.rel(named[0])[1]], topic, None) or host
        if ents:
            out += _facts(ctx, ents, host, "located.first", 0.6)
    for m in _patterns()["introduced"].finditer(ctx.sent.text):  # 园区引进的A: the park right before
        ents = _listed(ctx, m.end())
        hosts = [lk for lk in ctx.ended_by(m.start()) if _is_park(ctx, lk) and not is_site(ctx, lk)]
        if not ents or not hosts:
            continue
        host = hosts[-1]
        if host.mention.how == "anaphor":
            host = _bare_host(ctx, ctx.sent.text[ctx.rel(host)[0]:ctx.rel(host)[1]], topic, None) or host
        out += _facts(ctx, ents, host, "located.first", 0.6)
    return out


def members_named(ctx, topic: Linked | None, zone: Linked | None = None) -> list[Fact]:
    """入园企业A; 园区另一家企业A; 园区内规模最大的A; (clause-initial) 园区内A / 新区内的A /
    园区里还有个A: a
    firm named as one of the park's (or zone's) is in it — the park the match names, else
    the one a bare word stands for (the park or zone the text is about), else the park
    named before."""
    text, p = ctx.sent.text, _patterns()
    out = []
    for pattern, bare_only in ((p["member"], False), (p["member_in"], True)):
        for m in pattern.finditer(text):
            ents = _listed(ctx, m.end())
            if not ents or ctx.rel(ents[0])[0] != m.end() and not _MOVED_FROM.fullmatch(
                    text, m.end(), ctx.rel(ents[0])[0]):
                continue  # (入驻企业可享受…: no firm named right after; 还有从甲迁来的A names A)
            host = _member_host(ctx, m, topic, zone, bare_only)
            out += _facts(ctx, ents, host, "located.member", 0.6)
    return out


def _member_host(ctx, m: re.Match, topic: Linked | None, zone: Linked | None,
                 bare_only: bool) -> Linked | None:
    text, c = ctx.sent.text, _cues()
    word_end = m.end("park") if m.group("park") else -1
    named = [lk for lk in ctx.items if (_is_park(ctx, lk) or is_zone(ctx, lk))
             and (m.start() <= ctx.rel(lk)[0] and ctx.rel(lk)[1] <= m.end() or ctx.rel(lk)[1] == word_end)]
    if named and named[-1].mention.how != "anaphor":
        return named[-1]  # 某某产业园区内A, 飞地企业A read as a name: that park
    lead = clause_start(text, m.start())
    if word_end >= 0 and (named or _patterns()["now_only"].fullmatch(text, lead, m.start())):
        # (目前)园区内A: the park named before in the sentence, else the one the text is about
        if _bare_word(m.group("park")) in c["member_park"]:
            return _host(ctx, m.start(), topic)
        zones = [lk for lk in ctx.ended_by(m.start()) if is_zone(ctx, lk)]
        return zones[-1] if zones else zone
    if bare_only:
        return None
    # (另一家进驻企业A in a text about a zone and no park: the zone)
    return _host(ctx, m.start(), topic) or (zone if m.group("park") is None else None)


def _members_before(ctx, pos: int) -> list[Linked]:
    """The firms and institutions of the clause that ends at ``pos``."""
    start = clause_start(ctx.sent.text, pos)
    return [lk for lk in ctx.items if start <= ctx.rel(lk)[0] and ctx.rel(lk)[1] <= pos
            and ctx.cat(lk) in MEMBERS]


def moved_back(ctx, topic: Linked | None) -> list[Fact]:
    """A、B等12家企业已入驻该中心 (该中心: the park the text is about)."""
    text = ctx.sent.text
    out = []
    for m in _patterns()["back"].finditer(text):
        out += _facts(ctx, _members_before(ctx, m.start()), topic, "located.back", 0.6)
    return out


def _subject_carried(ctx, pos: int) -> list[Linked]:
    """A研发中心位于甲，在园区建设生产线: a clause with no subject before ``pos`` (adverbs
    at most) goes on about the firm that opens the clause before it, in the same sentence."""
    text = ctx.sent.text
    start = clause_start(text, pos)
    if start == 0 or text[start - 1] not in "，," or \
            not _patterns()["carried_lead"].fullmatch(text, start, pos):
        return []
    opened = _clause_opener(ctx, start)
    if opened and ctx.rel(opened[1])[0] == opened[0]:
        return [opened[1]]
    return _head_noun(ctx, start - 1)


def _head_noun(ctx, comma: int) -> list[Linked]:
    """由甲与乙合资组建的A，在园区… / 一家企业——A，正在园区内…: a clause that ends with
    a firm or institution right after 的 (or a dash naming it) is a noun phrase whose head,
    A, is the subject of the clause after the comma."""
    text = ctx.sent.text
    end = comma - (text[comma - 1:comma] in _CLOSE_QUOTES)
    ends = [lk for lk in ctx.items if ctx.rel(lk)[1] == end and ctx.cat(lk) in MEMBERS]
    if not ends:
        return []
    lead = text[:ctx.rel(ends[-1])[0]]
    if end < comma:  # 另一家参与合作的企业“A”，则在园区…: the quoted name of a kind of firm
        lead = _KIND_BEFORE_NAME.sub("", lead.rstrip(_OPEN_QUOTES))
    return ends[-1:] if lead.endswith(("的", "——", "—")) else []


_OPEN_QUOTES = "“「『\""
_CLOSE_QUOTES = "”」』\""
_KIND_BEFORE_NAME = re.compile(r"(?:企业|公司|集团|工厂)$")


def _clause_opener(ctx, start: int) -> tuple[int, Linked] | None:
    """(where it starts, its first item) of the clause that ends right before ``start``
    (a clause's first character) when that item is a firm or institution, else None."""
    lead = clause_start(ctx.sent.text, start - 1)
    members = [lk for lk in ctx.items if lead <= ctx.rel(lk)[0] < start - 1]
    return (lead, members[0]) if members and ctx.cat(members[0]) in MEMBERS else None


def invest_in(ctx, topic: Linked | None) -> list[Fact]:
    """A(将)在园区投资…建设 / 增资扩产; A与园区签约: the firm of the clause is in the park;
    A、B陆续在此投产: in the park the sentence named before the clause."""
    text = ctx.sent.text
    out = []
    for m in _patterns()["invest"].finditer(text):
        subj = _members_before(ctx, m.start()) or _subject_carried(ctx, m.start())
        made = [lk for lk in ctx.items_from(m.end()) if ctx.cat(lk) == "Enterprise"
                and SUBSIDIARY_TAIL.fullmatch(text, m.end(), ctx.rel(lk)[0])]
        if subj and not made:  # (A在园内设立B: B, a firm, stands there, A is its parent
            # elsewhere; A在飞地内设立某实验室: a lab or centre of A's own, so A is there)
            start = clause_start(text, m.start())
            out += _facts(ctx, _both(ctx, subj), _host(ctx, start, topic), "located.invest", 0.6)
    for m in _patterns()["here"].finditer(text):  # (在此: only a park named before, not the topic)
        subj = _members_before(ctx, m.start())
        start = clause_start(text, m.start())
        if subj and start > 0:
            out += _facts(ctx, _both(ctx, subj), _host(ctx, start, None), "located.invest", 0.6)
    return out


_JOINED = ("与", "和", "及", "、")
#: A与B均已在园内投产, A、B则分别在园内建设…, A、B相继在飞地内投产: each of the firms joined
_BOTH = re.compile(r"(?:则|也|还|又)?(?:均|都|皆|分别|相继|先后|陆续|同时|一同)")


def _both(ctx, subj: list[Linked]) -> list[Linked]:
    """A与B均已在园内投产: every firm joined before 均/都/分别/相继, or listed with 、 (A、B已在
    园区内投产); else the last one only (A与B签约…)."""
    text = ctx.sent.text
    if len(subj) < 2:
        return subj[-1:]
    joints = [text[ctx.rel(a)[1]:ctx.rel(b)[0]] for a, b in zip(subj, subj[1:])]
    if not all(j in _JOINED for j in joints) or not (_BOTH.match(text, ctx.rel(subj[-1])[1]) or "、" in joints):
        return subj[-1:]
    return subj


def own_units_in(ctx, topic: Linked | None) -> list[Fact]:
    """A的总部和组装车间都在园内 / A的生产车间位于园区内: a firm whose own units the clause
    puts in a bare park word is in that park."""
    text = ctx.sent.text
    out = []
    for lk in ctx.items:
        if ctx.cat(lk) in MEMBERS and _patterns()["own_units_in"].match(text, ctx.rel(lk)[1]):
            out += _facts(ctx, [lk], _host(ctx, clause_start(text, ctx.rel(lk)[0]), topic), "located.unit", 0.6)
    return out


def unit_moved_in(ctx, topic: Linked | None) -> list[Fact]:
    """入驻企业A的研发团队设在甲，而生产线则全部落户园内: a clause naming no firm that puts
    a production unit in the park goes on about the firm that opens the clause before it."""
    text = ctx.sent.text
    out = []
    unit_in, unit_at = _patterns()["unit_in"], _patterns()["unit_at"]
    for comma in _COMMAS.finditer(text):  # (a clause after a comma: the first has none before)
        start = comma.end()
        m = unit_in.match(text, start) or unit_at.match(text, start)
        if not m or any(start <= ctx.rel(lk)[0] < m.end() for lk in ctx.items
                        if ctx.cat(lk) in MEMBERS) or any(
                w in text[start:m.end()] for w in _cues()["firm_word"]):
            continue  # (其他企业的生产线则落户园内: firms of their own)
        opened = _clause_opener(ctx, start)
        before = clause_start(text, start - 1)
        if not opened and before and _patterns()["firm_ref"].match(text, before):
            opened = _clause_opener(ctx, before)  # A已投产，该厂总部在甲，基地放在园内
        if not opened or not _patterns()["unit_lead"].fullmatch(text, opened[0], ctx.rel(opened[1])[0]):
            continue
        out += _facts(ctx, [opened[1]], _host(ctx, opened[0], topic), "located.unit", 0.6)
    return out


def _address(ctx, lk: Linked) -> str | None:
    """The last place of the address a park's name starts with (北京市海淀区…园 → 海淀区):
    two or more places, each inside the one before, and a name after them."""
    m = lk.mention
    chain, at = [], m.start
    for x in m.inner:
        if x.start != at or not x.candidates:
            break
        chain.append(x.candidates[0])
        at = x.end
    if not chain or m.end - at < 3 or re.search(r"[(（“「]", m.text) or any(
            x.start >= at for x in m.inner):
        return None  # 甲市乙区(丙)中心, 甲市乙区—丁市戊区合作园: the owners' names, not an address
    if len(chain) == 1 and not _named_after(ctx, m, chain[0], at):
        return None
    for a, b in zip(chain, chain[1:]):
        if b not in ctx.gaz.places or a not in ctx.gaz.ancestors(b):
            return None
    return chain[-1]


_PROPER_POS = frozenset({"nr", "nz", "nrt", "nrfg", "nt", "ns"})


def _named_after(ctx, m, key: str, at: int) -> bool:
    """龙岗区天安云谷产业园: one division written in full, then a proper name of its own (a
    rare or proper word) and the park word: an address before a name. 斗门区生物医药产业园,
    某区大学生创业基地 name the park by its division and what it does: no address."""
    place = ctx.gaz.places.get(key)
    if place is None or place.kind in ("Province", "SpecialAdministrativeRegion") \
            or m.text[:at - m.start] != place.name or any(w in m.text for w in _cues()["not_of"]):
        return False
    stem = m.text[at - m.start:len(m.text) - len(m.suffix) if m.suffix else None]
    return len(stem) >= 2 and any(f in _PROPER_POS for _, f in pos_tags(stem))


def addressed(ctx, found: list[Fact]) -> list[Fact]:
    """A park named with its address is in that place, and so is what the sentence puts in
    the park."""
    out = []
    for lk in ctx.items:
        if not lk.mention.inner or not _is_park(ctx, lk):
            continue
        place = _address(ctx, lk)
        if place is None or place not in ctx.entities:
            continue
        out.append(ctx.fact("located_in", {"entity": lk.key, "place": place},
                            "located.address", 0.65))
        out += [ctx.fact("located_in", {"entity": f.args["entity"], "place": place},
                         "located.address", 0.6)
                for f in found if f.relation == "located_in" and f.args["place"] == lk.key
                and f.args["entity"] != place]
    return out


def of_address(ctx) -> list[Fact]:
    """甘肃省陇南市的P / 陇南市武都区的P / 武都区的P / 武都区某镇的P: a park (or a zone named
    as such) after an address (two places, or a county or district alone, or a town after its
    county) and 的."""
    text = ctx.sent.text
    out = []
    if "的" not in text:
        return out
    for lk in ctx.items:
        s, _ = ctx.rel(lk)
        if text[s - 1:s] != "的" or not (_is_park(ctx, lk) or is_zone(ctx, lk) and lk.mention.how != "anaphor") \
                or ctx.entities[lk.key].kind in ("Enclave",) or any(w in lk.mention.text for w in _cues()["not_of"]):
            continue
        chain = []
        end = s - 1
        inside = _WITHIN_OF.search(text, max(0, end - 3), end)
        end = inside.start() if inside else end  # 某县境内的P, 某高新区内的P
        ends = _ends(ctx)
        zone = ends.get(end)
        if zone is not None and is_zone(ctx, zone) and zone.key != lk.key:
            # 某高新区的P: a park after a zone and 的 is in the zone
            out.append(ctx.fact("located_in", {"entity": lk.key, "place": zone.key},
                                "located.address", 0.6))
            continue
        while (prev := ends.get(end)) is not None and ctx.cat(prev) == "Region" and \
                ctx.rel(prev)[0] < end:
            chain.insert(0, prev)
            end = ctx.rel(prev)[0]
        keys = [x.key for x in chain]
        town = keys[-1:] if chain and ctx.entities[chain[-1].key].kind == "Town" else []
        keys = keys[:len(keys) - len(town)]  # 某县某镇的P: a town (found by its suffix) after its county
        if not keys or any(k not in ctx.gaz.places for k in keys) or any(
                a not in ctx.gaz.ancestors(b) for a, b in zip(keys, keys[1:])):
            continue
        if len(keys) + len(town) < 2 and ctx.gaz.places[keys[-1]].kind not in _COUNTY_KINDS:
            continue  # (one place: a county or district, not a city that may only own P)
        if town and ctx.gaz.places[keys[-1]].kind not in _COUNTY_KINDS:
            keys = []
        out += [ctx.fact("located_in", {"entity": lk.key, "place": k}, "located.address", 0.6)
                for k in town + keys[-1:]]
    return out


_COUNTY_KINDS = ("County", "District")
_WITHIN_OF = re.compile(r"(?:境内|辖区内|区域内|范围内|内)$")


def _bare_word(word: str) -> str:
    """A bare park or zone word without its demonstrative (该园区 → 园区)."""
    return _patterns()["demonstrative_lead"].sub("", word)


def _bare_host(ctx, word: str, topic: Linked | None, zone: Linked | None) -> Linked | None:
    """The park or zone a bare word (园区, 该中心, 经济区) stands for: a park word the park the
    text is about, a zone word the zone it is about (or the park, when its name ends so)."""
    c = _cues()
    word = _bare_word(word)
    if word in c["bare_park"]:
        return enclave_meant(ctx, word, topic)
    if word in c["bare_zone"]:
        if zone is not None:
            return zone
        if topic is not None and ctx.entities[topic.key].label.endswith(word) and len(word) >= 2:
            return topic
    return None


def enclave_meant(ctx, word: str, host: Linked | None) -> Linked | None:
    """The park a bare word stands for (``host``), unless the word is 飞地 and ``host`` is no
    enclave: then the last enclave named before the sentence (a park whose name holds the
    word; A位于某创新园内 …; B、C签约入驻飞地: A, not the park it stands in)."""
    word = _bare_word(word)
    if word not in _cues()["enclave_word"] or \
            (host is not None and word in ctx.entities[host.key].label):
        return host
    named = [lk for lk in ctx.doc_memo.get("parks", ()) if lk.start < ctx.sent.start
             and word in ctx.entities[lk.key].label]
    return named[-1] if named else host


def enclave_after(ctx, at: int, host: Linked | None) -> Linked | None:
    """``host``, or the enclave a bare 飞地 right after offset ``at`` stands for (…签约入驻飞地)."""
    m = _patterns()["bare_after"].match(ctx.sent.text, at)
    return enclave_meant(ctx, m.group(1), host) if m else host


def _host_in(ctx, s: int, e: int, topic: Linked | None, zone: Linked | None) -> Linked | None:
    """The park or zone named from ``s`` to ``e`` (a place of the address before it may
    come first), else the one a bare word there stands for."""
    named = [lk for lk in ctx.items if s <= ctx.rel(lk)[0] and ctx.rel(lk)[1] == e
             and (_is_park(ctx, lk) or is_zone(ctx, lk))]
    if named and named[-1].mention.how != "anaphor":
        return named[-1]
    if named:  # 园区 read back to the last park named: the park the text is about first
        return _bare_host(ctx, ctx.sent.text[s:e], topic, zone) or named[-1]
    if any(s <= ctx.rel(lk)[0] < e or s < ctx.rel(lk)[1] <= e for lk in ctx.items):
        return None
    return _bare_host(ctx, ctx.sent.text[s:e], topic, zone)


def also_in(ctx, topic: Linked | None, zone: Linked | None) -> list[Fact]:
    """同在园区的还有A、B; 同样落户经济区的还有A等企业: the firms listed are in the park (or
    zone) named there, or the one the bare word stands for (也在园区安家的还有A: a verb of
    settling may stand before 的). A是园区里的…; A是园区的龙头企业; A是园区引进的首个…项目;
    A是经济区内规模较大的企业; A、B都在园区里: A is in the park (or zone)."""
    text = ctx.sent.text
    p = _patterns()
    out = []
    for m in p["all_in"].finditer(text):  # A、B、C都在园区里: the firms listed right before
        ents = _members_before(ctx, m.start())
        if ents and ctx.rel(ents[-1])[1] == m.start() and ents == _listed(ctx, ctx.rel(ents[0])[0]):
            host = _host_in(ctx, m.start("park"), m.end("park"), topic, zone)
            if host is None and m.group("park") in _cues()["bare_inside"]:
                host = topic  # (均在园内)
            out += _facts(ctx, ents, host, "located.also", 0.6)
    if "的" not in text:
        return out
    for m in p["also"].finditer(text):
        host = _host_in(ctx, m.start("park"), m.end("park"), topic, zone)
        if host is not None:
            out += _facts(ctx, _listed(ctx, m.end()), host, "located.also", 0.6)
    for m in [*p["resident"].finditer(text), *p["resident_of"].finditer(text)]:
        # (A是园区的代表企业: one of the park's own firms)
        ents = [lk for lk in ctx.ending_at(m.start()) if ctx.cat(lk) in MEMBERS]
        if not ents and text[m.start() - 1:m.start()] in "，,":
            # A主营…，是园区的…之一: the one firm of the clause before is the subject
            opener = clause_start(text, m.start() - 1)
            ents = [lk for lk in ctx.items if opener <= ctx.rel(lk)[0] < m.start() and ctx.cat(lk) in MEMBERS]
            ents = ents if len({lk.key for lk in ents}) == 1 else []
        park = m.group("park") or m.groupdict().get("park2") or m.groupdict().get("park3")  # (A是园区引进的首个…项目)
        out += _facts(ctx, ents, _bare_host(ctx, park, topic, zone), "located.also", 0.6)
    for m in p["built_of"].finditer(text):  # 在园区建成的A: A is in the park
        ents = [lk for lk in ctx.starting_at(m.end()) if ctx.cat(lk) in MEMBERS]
        out += _facts(ctx, ents, _bare_host(ctx, m.group("park"), topic, zone), "located.invest", 0.6)
    return out


def listed_as(ctx, topic: Linked | None) -> list[Fact]:
    """(首批)投产企业包括A在当地设立的B，以及C、D: the firms listed are in the park the
    text is about (or the one the sentence names before)."""
    out = []
    for m in _patterns()["listed_as"].finditer(ctx.sent.text):
        out += _facts(ctx, _listed(ctx, m.end()), _host(ctx, m.start(), topic), "located.first", 0.6)
    return out + moved_into(ctx) + among(ctx, topic)


def own_park(ctx, last: Linked) -> bool:
    """The clause of a list of firms ending with ``last`` goes on to name a park (其中A、B落户P，
    C落户Q): the list's own verb says where they went, not a count or a cue before it."""
    text, start = ctx.sent.text, ctx.rel(last)[1]
    end = clause_stop(text, start)
    return any(start <= ctx.rel(lk)[0] < end for lk in ctx.items if _is_park(ctx, lk))


def among(ctx, topic: Linked | None = None) -> list[Fact]:
    """P已引入企业60余家，其中A…: A is one of the firms counted in P (a park or zone named
    before the count in the sentence; 园内已入驻企业19家，其中A…, 园区新引进项目15个，计划总
    投资约60亿元，其中包括A…: the park the text is about)."""
    out = []
    text = ctx.sent.text
    for m in _patterns()["among"].finditer(text):
        hosts = [lk for lk in ctx.ended_by(m.start()) if _is_park(ctx, lk) or is_zone(ctx, lk)]
        if not hosts and topic is not None and (
                _patterns()["bare_in_clause"].search(text, clause_start(text, m.start()), m.start())
                or _patterns()["counting_park"].search(text, clause_start(text, m.start()), m.start())):
            hosts = [topic]
        listed = _listed(ctx, m.end())
        if hosts and listed and not own_park(ctx, listed[-1]):
            out += _facts(ctx, listed, hosts[-1], "located.among", 0.6)
    return out


def moved_into(ctx) -> list[Fact]:
    """入驻P的企业有A、B / 落户P的项目包括A: the firms listed are in P (named between the
    verb and 的)."""
    text, p, out = ctx.sent.text, _patterns(), []
    for lk in ctx.items:
        s, e = ctx.rel(lk)
        if not (_is_park(ctx, lk) or is_zone(ctx, lk)) or not p["moved_into"].search(text, max(0, s - 8), s):
            continue
        m = p["of_listed"].match(text, e)
        if m:
            out += _facts(ctx, _listed(ctx, m.end()), lk, "located.first", 0.6)
    return out


def zone_invest(ctx, zone: Linked | None) -> list[Fact]:
    """A已在区内开工建设…; A在开发区投资…: the firm of the clause is in the zone named before
    in the sentence (not as a site), else the zone the text is about."""
    text = ctx.sent.text
    out = []
    for m in _patterns()["zone_invest"].finditer(text):
        word = m.group("park")
        if word == "区" and text[m.end("park"):m.end("park") + 1] != "内":
            continue  # 在区…: 区 alone says a zone only as 区内
        subj = _members_before(ctx, m.start())
        named = [lk for lk in ctx.ended_by(m.start()) if is_zone(ctx, lk)
                 and not is_site(ctx, lk)]
        host = named[-1] if named else zone
        if subj and host is not None:
            out += _facts(ctx, subj[-1:], host, "located.invest", 0.6)
    return out


def zone_topic_of(ctx) -> Linked | None:
    """The zone a sentence is about: its last zone named by its own name (经济区, 开发区…)
    that is not named as a site."""
    for lk in reversed(ctx.items):
        if is_zone(ctx, lk) and not is_site(ctx, lk):
            return lk
    return None


def now_in(ctx, topic: Linked | None) -> list[Fact]:
    """A、B等企业已经入驻; 园内已有A等4家企业投产; 中心已有A、B两家企业入驻: in a sentence
    that names no park, the firms that move in or run are in the park the text is about."""
    text = ctx.sent.text
    p = _patterns()
    # (园区管委会介绍: the topic park named again is no other park)
    others = any(_is_park(ctx, lk) and (topic is None or lk.key != topic.key) for lk in ctx.items)
    if others:
        return _inside_named(ctx, topic)
    if topic is None:
        return []
    out = []
    for m in p["now_in"].finditer(text):
        ents = _members_before(ctx, m.start())
        if not ents:  # 目前已有(本地)企业26家落户，其中包括A: the firms named after the count
            lead = text[clause_start(text, m.start()):m.start()].strip("“”\"「」 ")
            then = p["including"].match(text, m.end())
            if then and p["now_lead"].fullmatch(_without_places(ctx, lead, m.start())):
                out += _facts(ctx, _listed(ctx, then.end()), topic, "located.now", 0.55)
            continue
        lead = text[clause_start(text, m.start()):ctx.rel(ents[0])[0]].strip("“”\"「」 ")
        if p["now_lead"].fullmatch(lead):  # (…等企业入驻飞地: the enclave)
            out += _facts(ctx, ents, enclave_after(ctx, m.end(), topic), "located.now", 0.55)
    for m in p["bare_in"].finditer(text):  # (目前，)A、B已先行入驻: the list right before the verb
        ents = [lk for lk in _members_before(ctx, m.start())]
        if not ents or ctx.rel(ents[-1])[1] != m.start() or ents != _listed(ctx, ctx.rel(ents[0])[0]):
            continue
        lead = text[clause_start(text, m.start()):ctx.rel(ents[0])[0]].strip("“”\"「」 ")
        if p["now_lead"].fullmatch(re.sub(r"[\u4e00-\u9fff]{0,4}(?:企业|公司)$", "", lead)):
            out += _facts(ctx, ents, topic, "located.now", 0.55)
    return out


def _inside_named(ctx, topic: Linked | None) -> list[Fact]:
    """早已建成P，眼下园内有A等企业投产: a clause opening with a park word and 内 after a
    clause naming the park puts the firms it lists there (the park named before it, not
    as a site); so does a clause opening with the list right after a count of the firms
    that moved in (P，目前已落户企业21家，A、B等已建成投产), and so does a clause that is
    the list and a verb of moving in alone after a sentence's opening park (P位于Y，A、B于
    2011年入园)."""
    text = ctx.sent.text
    p = _patterns()
    out = []
    for m in p["now_in"].finditer(text):
        start = clause_start(text, m.start())
        lead = p["inside_lead"].match(text, start)
        ents = _members_before(ctx, m.start())
        if lead is None and start and ents and not text[start:ctx.rel(ents[0])[0]].strip("“”\"「」 ") \
                and _counted(ctx, clause_start(text, start - 1), start - 1):
            lead = ents  # P，目前已落户企业21家，A、B等已投产: the firms the count is of
        if lead is None and start and ents and _opened_by_park(ctx) and \
                p["moved_verb"].search(text, m.start(), m.end()):
            lead = ents  # P设在Y，目前A等企业已入园投产: the park the sentence opens with
        if lead is None or not ents or not start or \
                not p["now_lead"].fullmatch(text[start:ctx.rel(ents[0])[0]].strip("“”\"「」 ")):
            continue
        out += _facts(ctx, ents, _host(ctx, start, None), "located.now", 0.55)
    if _opened_by_park(ctx):
        for m in p["bare_in"].finditer(text):  # P位于Y，A、B于2011年入园: the park the sentence opens with
            ents = _members_before(ctx, m.start())
            start = clause_start(text, m.start())
            if ents and start and ctx.rel(ents[-1])[1] == m.start() and ctx.rel(ents[0])[0] == start \
                    and ents == _listed(ctx, start):
                out += _facts(ctx, ents, ctx.items[0], "located.now", 0.55)
    return out


def _opened_by_park(ctx) -> bool:
    """The sentence opens with a park's name, its subject (P设在Y，…)."""
    first = ctx.items[:1]
    return bool(first) and ctx.rel(first[0])[0] == 0 and _is_park(ctx, first[0]) \
        and not is_site(ctx, first[0])


def _counted(ctx, s: int, e: int) -> bool:
    """The clause from ``s`` to ``e`` counts the firms that moved in: (P/目前)(已)落户企业21家,
    opening with a park's name at most (not 周边已落户企业12家)."""
    opener = [lk for lk in ctx.items if ctx.rel(lk)[0] == s and _is_park(ctx, lk)]
    at = ctx.rel(opener[0])[1] if opener else s
    return bool(_patterns()["counted"].fullmatch(ctx.sent.text, at, e)) if at < e else False


def parks_within(ctx, topic: Linked | None) -> list[Fact]:
    """园区内还划出“A园中园”; 园中另设A: a park named right after a clause-opening bare park
    word with 内/中/里 (and a few words, no other name) is in the park the word stands for."""
    text, out = ctx.sent.text, []
    for lk in ctx.items:
        s, _ = ctx.rel(lk)
        if not _is_park(ctx, lk) or lk.mention.how == "anaphor":
            continue
        start = clause_start(text, s)
        lead = text[start:s]
        while lead[:1] in ("“", "”", "\"", "「", "」", " "):
            lead, start = lead[1:], start + 1
        if not lead or not _patterns()["within"].fullmatch(lead) or \
                any(start < ctx.rel(x)[1] and ctx.rel(x)[0] < s and x.mention.how != "anaphor"
                    for x in ctx.items if x is not lk):
            continue
        host = _host(ctx, start, topic)
        if host is not None and host.key != lk.key:
            out += _facts(ctx, [lk], host, "located.within", 0.55)
    return out


def _without_places(ctx, lead: str, end: int) -> str:
    """``lead`` (the text before ``end``) without the places in it and a member word after
    them: 目前已有苏州企业 → 目前已有."""
    start = end - len(lead)
    for lk in reversed(ctx.items):
        s, e = ctx.rel(lk)
        if start <= s and e <= end and ctx.cat(lk) == "Region":
            lead = lead[:s - start] + lead[e - start:]
    return re.sub(r"(?:企业|公司|项目)$", "", lead)


def settled(ctx, topic: Linked | None, found: list[Fact], zone: Linked | None = None) -> list[Fact]:
    """Facts of this module for one sentence (``found``: what located_in found in it;
    ``zone``: the zone the text is about so far).

    Gate: every rule before parks_within puts a firm or institution of the sentence
    (MEMBERS: _listed, _members_before, _clause_opener) somewhere, and the last three
    place a park of the sentence; a sentence naming neither skips them (about four in
    five of an article's sentences name no firm)."""
    if not (ctx.of("Enterprise") or ctx.of("Institution")):
        if not ctx.of("Park"):  # (某区的某开发区: a zone after its address)
            return of_address(ctx) if "的" in ctx.sent.text and any(is_zone(ctx, lk) for lk in ctx.items) else []
        facts = parks_within(ctx, topic)
        return facts + addressed(ctx, found + facts) + of_address(ctx)
    facts = first_movers(ctx, topic) + moved_back(ctx, topic) + invest_in(ctx, topic) + now_in(ctx, topic)
    facts += park_firms(ctx) + brought_in(ctx, topic, zone)
    facts += unit_moved_in(ctx, topic) + own_units_in(ctx, topic) + members_named(ctx, topic, zone)
    facts += also_in(ctx, topic, zone) + listed_as(ctx, topic) + zone_invest(ctx, zone)
    facts += parks_within(ctx, topic)
    return facts + addressed(ctx, found + facts) + of_address(ctx)
