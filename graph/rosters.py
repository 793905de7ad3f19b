"""Firms announced as moving into a park, then listed item by item (called from relations.py).

A notice or report announces who moves in and lists them below::

    经研究，以下5家企业获准入驻P，名单如下：
    一、企业名单
    1.A有限公司。总部设在……
    2.B有限公司。……
    二、有关事项

Every firm or institution named at the head of a numbered item after such an announcement
is in P (``located.roster``): the item opens with its name, alone or listed (A、B以及C),
ended by a stop or a separator. The list runs until a numbered heading of the next rank
(二、), a line that is no numbered item after the items began, or the next announcement.
A notice of a list works the same way (关于P第三批入驻企业名单的公告), and its items may be
numbered headings that hold a firm's name alone (一、某某有限公司), each followed by lines of
fields: a registered seat (注册地：甲市乙区) places the firm in 乙区 too (``located.roster_seat``),
unless P lies there. The cue words are data: ``roster_*`` of ``data/settle_cues.json``.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .linking import Linked
from .model import Fact
from .resources import alternation, read_json
from .routes import chain_after
from .addresses import is_zone
from .settling import MEMBERS
from .splitclauses import containing


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    c = read_json("settle_cues.json")
    return {
        # 以下7家企业（团队）首批入驻 / 下列单位进驻: what follows is the list
        "announce": re.compile(
            f"(?:{alternation(c['roster_ahead'])})[^。；;！!？?]{{0,14}}?"
            f"(?:{alternation(c['roster_kinds'])})[^。；;！!？?]{{0,8}}?"
            f"(?:{alternation(c['roster_verbs'])})"),
        # 关于P第三批入驻企业名单的公告 / P入驻企业名单如下: the park right before the verb
        "listed": re.compile(
            f"(?:首批|第[一二三四五六七八九十\\d]{{1,3}}批|本批)?(?:拟|申请)?(?:{alternation(c['roster_verbs'])})"
            f"(?:{alternation(c['roster_kinds'])})(?:{alternation(c['roster_lists'])}|(?:有|包括)?[:：]?[ \\t]*(?=\\n|$))"),
        # 注册地：… : a field line of the item above
        "field": re.compile(r"\s*[^\s：:，,。；;、]{2,8}[：:]"),
        "seat": re.compile(f"\\s*(?:{alternation(c['roster_seat_fields'])})[：:]\\s*"),
        # 1. / 1、/ (一) / （六）至（九）： / ① / ● / 1 (a table's row number) at the head of a line
        "item": re.compile(
            r"\s*(?:\d{1,2}[\.．、)）]|\d{1,3}[ \t\u3000]+|[（(](?:[一二三四五六七八九十]{1,3}|\d{1,2})[)）]|[①-⑳]"
            r"|[●○■□◆◇▶►▪•·\-—](?!—))"
            r"(?:至(?:\d{1,2}[\.．]?|[（(](?:[一二三四五六七八九十]{1,3}|\d{1,2})[)）]))?[:：]?\s*"),
        # 二、 / 三. : a heading of the rank above the items
        "heading": re.compile(r"\s*[一二三四五六七八九十]{1,3}[、\.．]"),
        # 目前，P已签约落地企业11家，其中已投产企业： / 已有12家企业入驻园区，包括：
        # a sentence counting a park's firms that ends with a colon opens their list
        "counted": re.compile(
            f"(?:{alternation(c['roster_verbs'] + c['roster_counted_verbs'])})[^。；;！!？?]*[：:]\\s*$"),
        # 以上三家企业均已落户P / 以上企业均已在开发区内建成投产: the items above are in P
        "above": re.compile(
            f"\\s*(?:以上|上述)[^。；;，,]{{0,6}}?(?:{alternation(c['roster_kinds'])})[^。；;，,]{{0,4}}?"
            f"(?:均|都|全部|皆)?(?:已经|已)?(?:在)?"),
        "kinds": re.compile(alternation(c["roster_kinds"])),
        "sep": re.compile(f"(?:{alternation(c['roster_separators'])})"),
        "close": re.compile(r"[。；;，,：:\s（(—]|$"),  # (A有限公司（年产…）: a note after the name)
    }


def _line_start(text: str, at: int) -> bool:
    i = at - 1
    while i >= 0 and text[i] in " \t\u3000":
        i -= 1
    return i < 0 or text[i] == "\n"


def _heads(ctx, at: int) -> list[Linked]:
    """The firms and institutions listed from offset ``at`` of the sentence, each ended by
    a separator or a stop (A、B以及C。)."""
    text, p = ctx.sent.text, _patterns()
    out: list[Linked] = []
    for lk in ctx.items_from(at):
        s, e = ctx.rel(lk)
        if s != at or ctx.cat(lk) not in MEMBERS:
            break
        sep = p["sep"].match(text, e)
        if sep:
            out.append(lk)
            at = sep.end()
            continue
        if p["close"].match(text, e):
            out.append(lk)
        break
    return out


def _announced(ctx) -> Linked | None | bool:
    """The park a sentence announces a list of firms for (None: an announcement naming no
    park; True: a list named again with no park, 下面公布第三批入驻企业名单 — the park
    announced before), or False when the sentence announces none."""
    p = _patterns()
    m = p["announce"].search(ctx.sent.text)
    if m:
        parks = [lk for lk in ctx.items_from(m.end()) if ctx.cat(lk) == "Park"]
        return parks[0] if parks else None
    m = p["listed"].search(ctx.sent.text)
    if m:  # (关于P第三批入驻企业名单: the park ends within a few characters of the verb)
        parks = [lk for lk in ctx.items if (ctx.cat(lk) == "Park" or is_zone(ctx, lk))
                 and m.start() - 4 <= ctx.rel(lk)[1] <= m.start()]
        return parks[-1] if parks else True
    m = p["counted"].search(ctx.sent.text)
    if m and p["kinds"].search(ctx.sent.text):  # (P已签约落地企业11家，其中已投产企业：)
        parks = [lk for lk in ctx.items if ctx.cat(lk) == "Park" or is_zone(ctx, lk)]
        return parks[0] if parks else False  # (…企业入驻园区，包括：the park after the verb)
    return False


def _above(ctx) -> Linked | None:
    """以上三家企业均已落户P: the park or zone a line closing a list puts its items in."""
    m = _patterns()["above"].match(ctx.sent.text)
    if not m:
        return None
    parks = [lk for lk in ctx.items_from(m.end()) if ctx.cat(lk) == "Park" or is_zone(ctx, lk)]
    return parks[0] if parks else None


def _named_alone(ctx, at: int) -> list[Linked]:
    """一、某某有限公司: the firm or institution a heading holds alone (nothing after it)."""
    heads = _heads(ctx, at)
    if len(heads) == 1 and not ctx.sent.text[ctx.rel(heads[0])[1]:].strip(" \t\u3000。"):
        return heads
    return []


def _seat(ctx, at: int) -> Linked | None:
    """注册地：甲市乙区 — the last place of the address chain from offset ``at``."""
    chain = chain_after(ctx, at)
    return chain[-1] if chain else None


def roster_members(ctxs: list, facts: list[Fact], entities: dict, gaz) -> list[Fact]:
    """``located.roster`` facts of a document's sentence contexts (in order); ``facts``: the
    document's facts so far (where the park lies)."""
    p = _patterns()
    doc = ctxs[0].doc.norm if ctxs else ""
    if not ctxs or not (p["announce"].search(doc) or p["listed"].search(doc) or _COLON_LINE.search(doc)
                        or "以上" in doc or "上述" in doc):
        return []  # (most articles announce no list: one scan, not one per sentence)
    out: list[Fact] = []
    host: Linked | None = None
    began = False
    current: list[Linked] = []  # the firms of the item the field lines below speak of
    pending: list[tuple] = []  # items listed with no park announced: a closing line may give it
    for ctx in ctxs:
        text = ctx.sent.text
        found = _announced(ctx)
        if found is not False:
            host = host if found is True else found
            began, current, pending = False, [], []
            continue
        if host is None and _line_start(doc, ctx.sent.start):
            closing = _above(ctx) if pending else None
            item = p["item"].match(text)
            if closing is not None:  # 以上企业均已落户P
                out += [_in(c, lk, closing) for c, lk in pending if lk.key != closing.key]
                pending = []
            elif item is not None and p["heading"].match(text) is None:
                pending += [(ctx, lk) for lk in _heads(ctx, item.end())]
            elif not (pending and p["field"].match(text)):
                pending = []
            continue
        if host is None or not _line_start(doc, ctx.sent.start):
            continue
        heading = p["heading"].match(text)
        if heading:
            current = _named_alone(ctx, heading.end())
            if not current:
                if began:
                    host = None  # 二、有关事项: the list is over
                continue
            began = True  # 一、某某有限公司: headings are the items
            out += [_in(ctx, lk, host) for lk in current if lk.key != host.key]
            continue
        item = p["item"].match(text)
        if item is None:
            if current and p["field"].match(text):
                seat = p["seat"].match(text)
                place = _seat(ctx, seat.end()) if seat else None
                if place is not None and place.key not in _places_of(host.key, facts, entities, gaz):
                    out += [ctx.fact("located_in", {"entity": lk.key, "place": place.key},
                                     "located.roster_seat", 0.6) for lk in current]
                continue  # 注册地：…, 项目内容：… : fields of the item above
            if began:
                host = None  # prose after the items
            continue
        began = True
        current = _heads(ctx, item.end())
        out += [_in(ctx, lk, host) for lk in current if lk.key != host.key]
    return out


#: a line ending with a colon (…其中已投产企业：): maybe a list's lead
_COLON_LINE = re.compile(r"[：:][ \t]*\n")


def _in(ctx, lk: Linked, host: Linked) -> Fact:
    return ctx.fact("located_in", {"entity": lk.key, "place": host.key}, "located.roster", 0.6)


def _places_of(park: str, facts: list[Fact], entities: dict, gaz) -> set[str]:
    """The places the document puts ``park`` in, and what contains them."""
    out: set[str] = set()
    for f in facts:
        if f.relation == "located_in" and f.args["entity"] == park:
            out |= {f.args["place"]} | containing(f.args["place"], entities, gaz)
    return out
