"""Facts written as the columns of a table rather than as sentences (called from relations.py).

A header row names what its columns hold (words in ``graph/data/table_heads.json``): an
item column (企业名称, 项目, 园区名称 …) and either a site column (所在园区, 所在地, 落户地点
…) or a partners column (合作双方, 共建方 …). Each row under it with as many cells:

* ``1　甲某某科技有限公司　乙经济开发区`` — the row's item is located in its site
  (``located.table``): the last place or park the site cell names (甲市乙县 → 乙县);
* ``甲乙产业园　甲市、乙市`` — the places of the partners cell build the row's park
  (``cobuilt.table``);
* ``甲(乙)科创飞地　甲市　乙区　飞出地自建`` — under an owner column (飞出地) and a host column
  (飞入地) the row's park is the owner's enclave in the host (``enclave.table``): reverse when
  the row or the name says so (反向, 科创飞地), co-built by the two as well when a cell says
  so (双方共建);
* ``甲乙快速路　甲县乙镇—丙县丁镇`` — under an ends column (连接区域, 起止点) the row's line,
  road or bridge connects the places the cell lists, the finest of each item
  (``connect.table``);
* ``甲某某有限公司　乙市丙区　丁市戊县`` — under a column headed by an upstream function
  (总部/研发所在地) and one headed by a downstream function (生产基地; the function words of
  ``graph/data/functions.csv``) the firm's work is split between the two places
  (``split.table``).

Field lines are a table turned on its side (``located.fields``)::

    1.甲某某科技有限公司          (a heading may name the item)
    投资主体：甲某某科技有限公司   (an item label)
    建设地点：乙经济开发区         (a site label)
    总投资：12亿元                 (other fields keep the record going)

Consecutive field lines (blank lines between them pass) are one record: its items are in its
site. A numbered first field (6．项目名称：…) opens a new record. Besides a table's site words, a
field line may give the site with ``field_site`` words (住所：, 落地载体：), which also place a
firm when written in brackets right after its name (某有限公司（住所：甲市乙区）).

Cells are split as graph/pairrows.py splits them (spaces the reader folded from tabs, or the
pipes of a Markdown table, whose rule line is skipped). Blank lines pass; any other line
whose cells do not fit the header ends the table.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .linking import Linked
from .model import Fact
from .enclavekind import innovation_name
from .functionwords import classify_function
from .pairrows import RULE, Items, cells_of, place_list
from .resources import alternation, read_json
from .splitclauses import DASHES
from .textnorm import ITEM_MARK

#: entity kinds a row's item may be, and the kinds its site may be
_ITEM_KINDS = ("Enterprise", "Park", "Infrastructure", "Institution")
_SITE_KINDS = ("Region", "Park")
#: kinds that move into parks (the first cell of a row without a header)
_MEMBER_KINDS = ("Enterprise", "Institution")
#: a field line's label (项目名称：, 建设地点（县区）：)
_FIELD = re.compile(r"[ \t]*(?P<label>[^\s:：，,。；;、]{2,12}?)[:：][ \t]*")
#: what may open a record's heading line before its item (1. / （一） / 1 / ● 项目1：)
_HEAD_MARK = re.compile(rf"[ \t]*(?:{ITEM_MARK.pattern}|\d{{1,3}}[ \t]+|[①-⑳▶●◆■])?[ \t]*"
                        r"(?:(?:项目|企业|签约项目)[\d一二三四五六七八九十]{0,3}[:：][ \t]*)?")
#: the number of a record opening its first field line (5．项目名称：…)
_NUMBERED_FIELD = re.compile(rf"[ \t]*(?:{ITEM_MARK.pattern})[ \t]*")
#: a field written inside a line, after a clause (…，总投资6.5亿元，建设地点：P。)
_INLINE_SITE = re.compile(r"[，,；;][ \t]*(?P<label>[^\s:：，,。；;、]{2,8}?)[:：][ \t]*")
_CLAUSE_STOP = re.compile(r"[，,。；;]")
#: a header cell's note (所在地（县市区）, 投资额(亿元))
_NOTE = r"(?:[（(][^）)]{0,12}[)）])?"


class _Words(NamedTuple):
    """The patterns of a table's header cells (``table_heads.json``), each maybe with a note."""
    item: re.Pattern  # what each row names (企业名称, 车站名称)
    site: re.Pattern  # where it is (所在园区, 所在地)
    partners: re.Pattern  # the places building a park together (合作双方)
    words: list[str]  # the item, site and partners words (does an article hold a table?)
    owner: re.Pattern  # an enclave's sides (飞出地, 飞入地)
    host: re.Pattern
    ends: re.Pattern  # the places a line links (连接区域)
    both: re.Pattern  # a cell saying the two sides build it together (双方共建)
    reverse: re.Pattern  # a reverse enclave's words (``relation_cues.json``)
    seat: re.Pattern  # a firm's registered seat (注册地) …
    stake: re.Pattern  # … in a table of a company's subsidiaries (持股比例)


@lru_cache(maxsize=1)
def _heads() -> _Words:
    h, cues = read_json("table_heads.json"), read_json("relation_cues.json")

    def cell(*keys: str) -> re.Pattern:
        return re.compile(f"(?:{alternation([w for k in keys for w in h[k]])}){_NOTE}")

    ending = f"[\\u4e00-\\u9fff]{{0,6}}(?:{alternation(h['item_endings'])})"  # (车站名称, 承载主体)
    return _Words(re.compile(f"(?:{alternation(h['item'])}|{ending}){_NOTE}"), cell("site"), cell("partners"),
                  [w for k in ("item", "site", "partners") for w in h[k]],
                  cell("owner"), cell("host"), cell("ends"), re.compile(r"共建|合建|联建|共同建设|合作建设"),
                  re.compile(alternation(cues["reverse"])), cell("seat"), cell("corporate"))


#: what parts the places of a partners cell: a list's marks, or a dash between a pair (甲市—乙县)
_PARTNERS_SEP = re.compile(f"[、，,；;和及与{re.escape(DASHES)}]")


class _Header(NamedTuple):
    items: tuple[int, ...]  # the item columns, in order (项目名称, 投资企业: the first that names one)
    site: int | None
    partners: int | None
    width: int  # cells in a row
    owner: int | None = None  # an enclave's sides (飞出地, 飞入地)
    host: int | None = None
    ends: int | None = None  # the places a line links (连接区域)
    #: a firm's split: the columns of where its upstream work is (总部/研发所在地) and of where
    #: its downstream work is (生产基地), with each header's function id and words
    split: tuple[int, int, str, str, str, str] | None = None


def _header(words: list[str]) -> _Header | None:
    """The columns a header row names, or None when it names no item and no site or partners."""
    heads = _heads()
    item_w, site_w, partners_w = heads.item, heads.site, heads.partners
    sites = [i for i, w in enumerate(words) if site_w.fullmatch(w)]
    partners = [i for i, w in enumerate(words) if partners_w.fullmatch(w)]
    owner_w, host_w, ends_w = heads.owner, heads.host, heads.ends
    owners = [i for i, w in enumerate(words) if owner_w.fullmatch(w)]
    hosts = [i for i, w in enumerate(words) if host_w.fullmatch(w)]
    if not (owners and hosts):
        owners = hosts = []
    ends = [i for i, w in enumerate(words) if ends_w.fullmatch(w)]
    if len(sites) > 1:  # (园区 is a site only when no other column is: 园区　所在地)
        sites = [i for i in sites if not words[i].startswith("园区")] or sites[:1]
    seat_w, stake_w = heads.seat, heads.stake
    if not sites and any(stake_w.fullmatch(w) or "子公司" in w for w in words):
        sites = [i for i, w in enumerate(words) if seat_w.fullmatch(w)][:1]  # (子公司名称　注册地)
    split = _split_columns(words)
    if not sites and not partners and not owners and not ends and split is None:
        return None
    taken = set(sites[:1] + partners[:1] + owners[:1] + hosts[:1] + ends[:1])
    items = tuple(i for i, w in enumerate(words) if i not in taken and item_w.fullmatch(w))
    if not items:
        return None
    return _Header(items, sites[0] if sites else None, partners[0] if partners else None, len(words),
                   owners[0] if owners else None, hosts[0] if hosts else None, ends[0] if ends else None,
                   split)


def _split_columns(words: list[str]) -> tuple[int, int, str, str, str, str] | None:
    """The one column of a header row headed by an upstream function (总部/研发所在地, 研发中心)
    and the one headed by a downstream function (生产基地, 制造地), with their function ids
    and words, or None."""
    roles: dict[str, list[tuple[int, str]]] = {"upstream": [], "downstream": []}
    for i, w in enumerate(words):
        got = classify_function(w) if len(w) <= 10 else None
        if got is not None and got[1] in roles:
            roles[got[1]].append((i, got[0]))
    if len(roles["upstream"]) != 1 or len(roles["downstream"]) != 1:
        return None
    (u, ufn), (d, dfn) = roles["upstream"][0], roles["downstream"][0]
    return u, d, ufn, words[u], dfn, words[d]


def _bare(idx: Items, text: str, cells: list[tuple[int, int]]) -> bool:
    """A row of a table without a header: a cell that is wholly a firm (or institution), then
    one that is wholly a park (甲某某科技有限公司　乙产业园　主营产品)."""
    if len(cells) < 2:
        return False
    first, second = (_whole(idx, text, *c) for c in cells[:2])
    return (first is not None and idx.ctx_at(cells[0][0]).entities[first.key].category in _MEMBER_KINDS
            and second is not None and idx.ctx_at(cells[1][0]).entities[second.key].category == "Park")


def _whole(idx: Items, text: str, s: int, e: int) -> Linked | None:
    """The one entity the cell from ``s`` to ``e`` holds, when it holds nothing else."""
    found = [lk for lk in idx.within(s, e) if lk.mention.how != "anaphor"]
    return found[0] if found and found[0].start == s and found[0].end == e else None


def table_cols(ctxs: list) -> list[Fact]:
    """The located-in and co-built facts of the document's tables with an item column, and of
    tables without a header under a line ending in a colon (…主要项目如下：)."""
    if not ctxs:
        return []
    text = ctxs[0].doc.norm
    colon = ":" in text or "：" in text
    if not colon and not any(w in text for w in _heads().words):
        return []
    idx: Items | None = None
    out: list[Fact] = []
    header: _Header | None = None
    lead = ""  # the last line that is not a row of a table
    at = 0
    for line in text.split("\n"):
        s, e = at, at + len(line)
        at = e + 1
        if not line.strip() or (header is not None and RULE.fullmatch(line)):
            continue
        cells = cells_of(text, s, e)
        words = [text[a:b] for a, b in cells]
        found = _header(words) if len(cells) >= 2 else None
        if found is not None:
            header = found
            continue
        if header is not None and len(cells) == header.width:
            idx = idx or Items(ctxs)
            out += _row(idx, text, cells, header)
            continue
        header = None
        if len(cells) >= 2 and lead.rstrip().endswith((":", "：")):
            idx = idx or Items(ctxs)
            if _bare(idx, text, cells):
                out += _row(idx, text, cells, _Header((0,), 1, None, len(cells)))
                continue
        lead = line
    return out


def _row(idx: Items, text: str, cells: list[tuple[int, int]], header: _Header) -> list[Fact]:
    item = None
    for col in header.items:  # (项目名称　投资企业: the first column that names a firm or park)
        a, b = cells[col]
        ctx = idx.ctx_at(a)
        found = [lk for lk in idx.within(a, b) if lk.mention.how != "anaphor"
                 and ctx.entities[lk.key].category in _ITEM_KINDS]
        if found and found[0].start == a:
            item = found[0]
            break
    if item is None:
        return []
    out = []
    if header.partners is not None and ctx.entities[item.key].category == "Park":
        places = place_list(idx, text, *cells[header.partners], _PARTNERS_SEP)
        if len(places) >= 2:
            out.append(ctx.fact("co_built", {"park": item.key, "partners": tuple(places)}, "cobuilt.table", 0.6))
    if header.ends is not None and ctx.entities[item.key].category == "Infrastructure":
        places = _ends_of(idx, text, *cells[header.ends])
        if len(places) >= 2:
            out.append(ctx.fact("connection", {"infra": item.key, "places": tuple(places)},
                                "connect.table", 0.6))
    if header.split is not None and ctx.entities[item.key].category == "Enterprise":
        out += _split_row(idx, text, cells, header)
    if header.owner is not None and ctx.entities[item.key].category == "Park":
        out += _enclave_row(idx, text, cells, header, item)
    if header.site is not None:
        sa, sb = cells[header.site]
        site_ctx = idx.ctx_at(sa)
        sites = [lk for lk in idx.within(sa, sb) if lk.mention.how != "anaphor"
                 and site_ctx.entities[lk.key].category in _SITE_KINDS]
        if sites and sites[-1].key != item.key:
            out.append(site_ctx.fact("located_in", {"entity": item.key, "place": sites[-1].key},
                                     "located.table", 0.6))
    return out


#: what parts the places of an ends cell: 甲镇—乙镇, 甲县至乙县, 甲县、乙县
_END_SEP = re.compile(r"[、，,；;和及—－~～]+|至|到")


def _ends_of(idx: Items, text: str, s: int, e: int) -> list[str]:
    """The places an ends cell lists, the last (finest) place of each item."""
    return place_list(idx, text, s, e, _END_SEP)


def _split_row(idx: Items, text: str, cells: list[tuple[int, int]], header: _Header) -> list[Fact]:
    """A firm's row under an upstream and a downstream column (甲公司　乙市丙区　丁市戊县):
    the firm's functions are split between the last place of each cell (``split.table``)."""
    u, d, ufn, utext, dfn, dtext = header.split
    up, down = _last(idx, *cells[u]), _last(idx, *cells[d])
    ctx = idx.ctx_at(cells[0][0])
    if up is None or down is None or up.key == down.key \
            or any(ctx.entities[lk.key].category != "Region" for lk in (up, down)):
        return []
    return [ctx.fact("pairing", {"up": up.key, "down": down.key, "up_fn": ufn, "down_fn": dfn,
                                 "up_text": utext, "down_text": dtext}, "split.table", 0.6)]


def _enclave_row(idx: Items, text: str, cells: list[tuple[int, int]], header: _Header,
                 park: Linked) -> list[Fact]:
    """The row's park is its owner cell's enclave in its host cell (the last place each
    names: 甲市乙区 → 乙区); co-built by the two too when a cell says so."""
    owner, host = (_last(idx, *cells[c]) for c in (header.owner, header.host))
    if owner is None or host is None or owner.key == host.key:
        return []
    ctx = idx.ctx_at(cells[0][0])
    if any(ctx.entities[lk.key].category != "Region" for lk in (owner, host)):
        return []
    row = text[cells[0][0]:cells[-1][1]]
    both, reverse = _heads().both, _heads().reverse
    kind = "reverse" if reverse.search(row) or innovation_name(ctx.entities[park.key].label) else "forward"
    out = [ctx.fact("enclave", {"enclave": park.key, "host": host.key, "owner": owner.key, "kind": kind},
                    "enclave.table", 0.6)]
    if any(both.search(text, a, b) for i, (a, b) in enumerate(cells)
           if i not in (header.owner, header.host) and i not in header.items):
        out.append(ctx.fact("co_built", {"park": park.key, "partners": (owner.key, host.key)},
                            "cobuilt.table", 0.6))
    return out


def field_records(ctxs: list) -> list[Fact]:
    """The located-in facts of the document's records of field lines (``located.fields``), and
    the co-built ones of a park's record with a partners field (``cobuilt.fields``)."""
    if not ctxs:
        return []
    text = ctxs[0].doc.norm
    item_w, site_w = _heads().item, _field_sites()
    if ":" not in text and "：" not in text or not (site_w.search(text) or _heads().partners.search(text)):
        return []
    idx: Items | None = None
    out: list[Fact] = []
    heading: tuple[int, int] | None = None  # the line before the record
    items: list[Linked] = []
    site: Linked | None = None
    built: tuple[int, int] | None = None  # the record's partners field (共建方：甲区、乙旗)
    partners_w = _heads().partners
    at = 0
    for line in text.split("\n") + [""]:
        s, e = at, at + len(line)
        at = e + 1
        if not line.strip():
            continue
        numbered = _NUMBERED_FIELD.match(line)
        m = _FIELD.match(line, numbered.end() if numbered else 0)
        if m is not None:
            if numbered:  # 6．项目名称：… opens the next record
                out += _record(idx, heading, items, site) + _record_built(idx, items, built)
                heading, items, site, built = None, [], None, None
            idx = idx or Items(ctxs)
            label, vs = m.group("label"), s + m.end()
            if item_w.fullmatch(label):
                items += _leading(idx, vs, e, _ITEM_KINDS)
            elif site_w.fullmatch(label):
                site = _last(idx, vs, e) or site
            elif partners_w.fullmatch(label):
                built = (vs, e)
            continue
        out += _record(idx, heading, items, site) + _record_built(idx, items, built)
        heading, items, site, built = (s, e), [], None, None
        inline = _INLINE_SITE.search(line)
        if inline is not None and site_w.fullmatch(inline.group("label")):
            # ● 项目1：A某某项目，总投资6.5亿元，建设地点：P — the item opens the line
            idx = idx or Items(ctxs)
            stop = _CLAUSE_STOP.search(line, inline.end())
            end = s + (stop.start() if stop else len(line))
            out += _record(idx, heading, [], _last(idx, s + inline.end(), end))
    return out + _record(idx, heading, items, site) + _record_built(idx, items, built) \
        + _bracketed_seats(ctxs, text)


def _record_built(idx: Items | None, items: list, built: tuple[int, int] | None) -> list[Fact]:
    """名称：P / 共建方：甲区人民政府、乙旗人民政府 — the places of a record's partners field build
    its park (``cobuilt.fields``)."""
    if idx is None or built is None or not items:
        return []
    ctx = idx.ctx_at(built[0])
    if ctx.entities[items[0].key].category != "Park":
        return []
    places = place_list(idx, idx.ctxs[0].doc.norm, *built)
    return [ctx.fact("co_built", {"park": items[0].key, "partners": tuple(places)}, "cobuilt.fields", 0.6)] \
        if len(places) >= 2 else []


@lru_cache(maxsize=1)
def _field_sites() -> re.Pattern:
    """The labels of a field line that give a site: a table's site words and ``field_site``."""
    h = read_json("table_heads.json")
    return re.compile(f"(?:{alternation(h['site'] + h['field_site'])}){_NOTE}")


@lru_cache(maxsize=1)
def _bracketed_seat() -> re.Pattern:
    """某有限公司（住所：甲市乙区）: a field written in brackets right after a name."""
    words = alternation(read_json("table_heads.json")["field_site"])
    return re.compile(rf"[（(](?:{words})[:：]([^（()）\n]{{2,40}})[)）]")


def _bracketed_seats(ctxs: list, text: str) -> list[Fact]:
    """A firm with its seat in brackets right after its name is in that seat's last place."""
    if "住所" not in text and "地址" not in text and "载体" not in text:
        return []
    out: list[Fact] = []
    idx: Items | None = None
    for m in _bracketed_seat().finditer(text):
        idx = idx or Items(ctxs)
        ctx = idx.ctx_at(m.start())
        firm = [lk for lk in idx.within(max(0, m.start() - 60), m.start()) if lk.end == m.start()
                and lk.mention.how != "anaphor" and ctx.entities[lk.key].category == "Enterprise"]
        site = _last(idx, *m.span(1))
        if firm and site is not None:
            out.append(ctx.fact("located_in", {"entity": firm[-1].key, "place": site.key},
                                "located.fields", 0.6))
    return out


def _record(idx: Items | None, heading: tuple[int, int] | None, items: list, site) -> list[Fact]:
    if idx is None or site is None:
        return []
    if not items and heading is not None:
        mark = _HEAD_MARK.match(idx.ctxs[0].doc.norm, *heading)
        items = _leading(idx, mark.end(), heading[1], _ITEM_KINDS)
    ctx = idx.ctx_at(site.start)
    return [ctx.fact("located_in", {"entity": lk.key, "place": site.key}, "located.fields", 0.6)
            for lk in items[:1] if lk.key != site.key]


def _leading(idx: Items, s: int, e: int, kinds: tuple[str, ...]) -> list[Linked]:
    """The entity of one of ``kinds`` that opens the text from ``s`` to ``e``, if one does."""
    ctx = idx.ctx_at(s)
    found = [lk for lk in idx.within(s, e) if lk.mention.how != "anaphor"
             and ctx.entities[lk.key].category in kinds]
    return found[:1] if found and found[0].start == s else []


def _last(idx: Items, s: int, e: int) -> Linked | None:
    """The last place or park named from ``s`` to ``e`` (an address: 甲市乙区丙路 → 乙区)."""
    ctx = idx.ctx_at(s)
    found = [lk for lk in idx.within(s, e) if lk.mention.how != "anaphor"
             and ctx.entities[lk.key].category in _SITE_KINDS]
    doc = ctx.doc.norm
    outside = [lk for lk in found if not _bracketed(doc, s, lk.start)]
    return (outside or found)[-1] if found else None  # (P（甲经开区内）: P, its address after it)


def _bracketed(doc: str, s: int, at: int) -> bool:
    """Is offset ``at`` inside brackets opened after ``s``?"""
    depth = 0
    for c in doc[s:at]:
        if c in "（(":
            depth += 1
        elif c in ")）":
            depth -= 1
    return depth > 0
