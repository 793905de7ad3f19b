"""Mentions → entities: canonical keys, labels and the administrative hierarchy.

* gazetteer mentions become the gazetteer's place (adcode key, official name, coordinates,
  parent) — the article's short form is kept as an alternative label;
* names found by pattern get a key from their category and a folded label
  (dash and bracket variants unified), so 光明—金平 and 光明-金平 are one entity;
* zones found by pattern (嘉兴高新区) hang under the region their name starts with;
* a park's or zone's short form next to its full name in one article (上杭产业园 beside
  某某(上杭)山海协作产业园) is an alternative label of the full name's entity
  (:func:`short_form_targets`, ``data/short_names.json``);
* a bare 合作区/高新区/开发区 refers to the zone of that kind the article is about
  (the most mentioned one), see :func:`resolve_bare_zones`.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from functools import lru_cache
from dataclasses import dataclass, field

from .gazetteer import Gazetteer, load
from .headings import headline_span
from .mentions import Mention
from .model import Document, Entity
from .resources import read_json
from .townships import without_counties

DASHES = str.maketrans({"—": "-", "–": "-", "－": "-", "―": "-", "‑": "-", "（": "(", "）": ")",
                        "·": "·", "•": "·"})
BARE_ZONES = ("深度合作区", "特别合作区", "合作区", "高新区", "开发区", "经开区", "新区", "自贸区",
              "自贸试验区", "示范区", "试验区")


# 高新智造, 经开企业: the zone's name without 区, in articles about that zone
SHORT_ZONES = ("高新", "经开")
SHORT_NOT_BEFORE = r"(?!区|技术|产业|企业|人才|科技|园|产品)"


@dataclass(slots=True)
class Linked:
    """A mention with the entity it refers to. ``start``/``end`` are the mention's, copied
    as plain attributes: the relation rules read them hundreds of thousands of times per
    MB (a mention's span never changes once found)."""

    mention: Mention
    key: str
    start: int = field(init=False, repr=False, compare=False)
    end: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.start, self.end = self.mention.start, self.mention.end


_UNQUOTED = re.compile(r"[\s“”\"'‘’「」『』]")


def fold_label(label: str) -> str:
    """Identity form of a label: NFKC, unified dashes/brackets, no quotes or spaces."""
    s = unicodedata.normalize("NFKC", label).translate(DASHES)
    return _UNQUOTED.sub("", s)


def place_entity(gaz: Gazetteer, key: str) -> Entity:
    p = gaz.places[key]
    return Entity(key, p.name, "Region", p.kind, adcode=p.adcode, lon=p.lon, lat=p.lat,
                  parent=p.parent, coords_from=p.coords_from)


_PARENS = str.maketrans({"（": "(", "）": ")"})


def add_places(entities: dict[str, Entity], gaz: Gazetteer, keys: list[str]) -> None:
    """The entity of each place of ``keys`` that ``entities`` lacks (made only then)."""
    for k in keys:
        if k not in entities:
            entities[k] = place_entity(gaz, k)


def link_mentions(doc: Document, mentions: list[Mention], entities: dict[str, Entity],
                  gaz: Gazetteer | None = None) -> list[Linked]:
    """Resolve every mention of ``doc``; new entities are added to ``entities``."""
    gaz = gaz or load()
    out = []
    longer = short_form_targets(mentions)
    longer.update(gloss_targets(doc.norm, mentions, longer))
    longer.update(headline_targets(headline_span(doc.text, doc.title), mentions, longer))
    named = {m.candidates[0] for m in mentions if m.how == "gaz"} | \
        {x.candidates[0] for m in mentions for x in m.inner if x.candidates}
    county_at: dict[int, str] = {}  # where a county or district written in full ends → it
    for m in mentions:
        original = doc.text[m.start:m.end]
        county = county_at.get(m.start)
        if m.how in ("gaz", "abbr"):
            key = m.candidates[0]
            if gaz.replaced.get(key) in named:
                key = gaz.replaced[key]  # 赣县 in an article naming 赣县区: the division now
            if county and gaz.places[key].kind == "Town" and county not in gaz.ancestors(key):
                # 宁国市港口镇: that county's town, not the namesake the gazetteer lists elsewhere
                key = f"zone:{fold_label(m.text)}"
                if key not in entities:
                    entities[key] = Entity(key, m.text, m.category, "Town")
                    _hang(entities[key], county, entities, gaz)
            ent = entities.get(key)
            if ent is None:
                ent = entities[key] = place_entity(gaz, key)
                add_places(entities, gaz, gaz.ancestors(key))
            if m.how == "gaz" and key in gaz.places and m.text == gaz.places[key].name and (
                    gaz.places[key].level == 2 or key in without_counties()):
                county_at[m.end] = key  # (and a Taiwan city: 台中市西屯区)
        else:
            label = unicodedata.normalize("NFKC", longer.get(id(m), m.text)).translate(_PARENS)
            prefix = "zone" if m.category == "Region" else m.category.lower()
            key = f"{prefix}:{fold_label(label)}"
            for inner in m.inner:  # places named inside a name may be referenced by facts
                ik = inner.candidates[0]
                add_places(entities, gaz, [ik] + gaz.ancestors(ik))
            ent = entities.get(key)
            parent = None
            if ent is None or ent.parent is None:  # (松山湖高新区 first, 某市松山湖高新区 later)
                # the place the name opens with; 某县某某镇: the county written right before a town
                parent = _parent_of(m) or (county if m.kind == "Town" else None)
            if ent is None:
                ent = entities[key] = Entity(key, label, m.category, m.kind)
            if parent:
                _hang(ent, parent, entities, gaz)
        if m.how != "abbr":  # 深汕 is no name of 深圳市
            if original != m.text:
                ent.trad_labels.add(original)
            if m.text != ent.label:
                ent.alt_labels.add(m.text)
        out.append(Linked(m, key))
    _province_led(doc, out, entities, gaz)
    return out


def _hang(ent: Entity, parent: str, entities: dict[str, Entity], gaz: Gazetteer) -> None:
    """``ent`` lies in the gazetteer place ``parent``: its parent, its point (the region's),
    and the entities of ``parent`` and the places above it."""
    p = gaz.places[parent]
    ent.parent = parent
    ent.lon, ent.lat = p.lon, p.lat
    ent.coords_from = p.coords_from or parent  # the region's point
    add_places(entities, gaz, [parent] + gaz.ancestors(parent))


def _province_led(doc: Document, linked: list[Linked], entities: dict[str, Entity],
                  gaz: Gazetteer) -> None:
    """某省简称 + its own city or county (安徽某城, 新疆某州): the pair is a name the article
    uses for the city, kept as an alternative label of it."""
    for a, b in zip(linked, linked[1:]):
        ma, mb = a.mention, b.mention
        if ma.how != "gaz" or mb.how != "gaz" or ma.end != mb.start or ma.surface_how != "stem":
            continue
        if gaz.places[a.key].level != 0 or a.key not in gaz.ancestors(b.key):
            continue
        ent = entities[b.key]
        ent.alt_labels.add(ma.text + mb.text)
        original = doc.text[ma.start:mb.end]
        if original != ma.text + mb.text:
            ent.trad_labels.add(original)


@lru_cache(maxsize=1)
def long_suffixes() -> dict[str, tuple[str, ...]]:
    """Short suffix → the longer suffixes it stands for (data/short_names.json)."""
    return {k: tuple(v) for k, v in read_json("short_names.json")["long_suffixes"].items()}


def short_form_targets(mentions: list[Mention]) -> dict[int, str]:
    """Names found by suffix that are short forms of a longer name in the same article
    (上杭产业园 of 厦龙(上杭)山海协作产业园, 某某高新区 of 某某高新技术产业园区):
    ``id(mention)`` → the longer name (see ``data/short_names.json``)."""
    named = {(m.text, m.suffix, m.category): m for m in mentions if m.how == "suffix" and m.suffix}
    longs = long_suffixes()
    target: dict[tuple[str, str, str], str] = {}
    bodies = _Bodies(named)
    # longest first: a longer name's own target is known when a shorter one looks at it
    for a in sorted(named, key=lambda x: (-len(x[0]), x)):
        text, suffix, category = a
        text = _UNQUOTED.sub("", text)  # 「甲乙」产业园 is read as 甲乙产业园
        core = text[: -len(suffix)]
        if len(core) < 2:
            continue
        place_only = category == "Park" and len(named[a].inner) == 1 \
            and _place_head_length(named[a]) >= len(core)  # (苏州|工业园区)
        fits = {target.get(b, b[0]) for b in bodies.holding(category, core)
                if b != a and len(b[0]) > len(text)
                and not (place_only and _two_places_head(named[b]))
                and (b[1] == suffix or b[1] in longs.get(suffix, ()))
                and (not b[0].endswith(text)  # (强化|某某知识城: the same name, cut wider)
                     or _place_head(named[b], len(b[0]) - len(text))
                     or _initials_head(b[0][: len(b[0]) - len(text)])
                     or _branch_of_zone(b[0][: len(b[0]) - len(text)], suffix))}
        if len(fits) == 1:
            target[a] = fits.pop()
    _place_dropped(named, target)
    _bracket_dropped(named, target)
    _quoted_initials(named, target)
    _firm_short_forms(named, target)
    return {id(m): target[(m.text, m.suffix, m.category)] for m in mentions
            if (m.text, m.suffix, m.category) in target}


#: 甲乙快线（甲至乙市域铁路）, 甲乙城际铁路，也就是甲至乙的城际铁路: a line's course written
#: as a name right after it, in brackets or after a word of restating
_GLOSS_OPEN = re.compile(r"[（(]|[，,]?(?:也就是|亦即|即)")
_LINE_KINDS = ("Road", "Railway")  # (甲乙快线（甲至乙市域铁路）: a road word, a railway)
_GLOSS_COURSE = re.compile(r"[\u4e00-\u9fff]{2,}(?:至|到)[\u4e00-\u9fff]{2,}")


def gloss_targets(text: str, mentions: list[Mention], longer: dict[int, str]) -> dict[int, str]:
    """Lines named a second time by their course right after their name (甲乙快线（甲至乙市域
    铁路）; 甲乙城际铁路，也就是甲至乙的城际铁路): ``id(mention)`` of the course → the line's name,
    so both are one line."""
    lines = sorted((m for m in mentions if m.category == "Infrastructure"), key=lambda m: m.start)
    out: dict[int, str] = {}
    for a, b in zip(lines, lines[1:]):
        opened = _GLOSS_OPEN.match(text, a.end)
        if opened is None or opened.end() != b.start or not _GLOSS_COURSE.match(b.text) \
                or _GLOSS_COURSE.match(a.text) or (a.kind != b.kind and not (
                    a.kind in _LINE_KINDS and b.kind in _LINE_KINDS)):
            continue
        if opened.group(0) in "（(" and text[b.end:b.end + 1] not in "）)":
            continue
        out[id(b)] = longer.get(id(a), a.text)
    return out


#: characters many parks' names share (产业园, 合作区): they count for less when a headline's
#: name is matched with the body's
_PARK_WORD_CHARS = frozenset("产业工园区合作协共建创新科技开发经济示范基地中心")


def headline_targets(head: tuple[int, int], mentions: list[Mention],
                     longer: dict[int, str]) -> dict[int, str]:
    """A park named in the headline (``head``: its span) alone, by a name the body never
    uses (“甲乙”共建园区, 甲乙跨境产业合作园 over a body about 丙乙跨境产业合作园), is a short
    form of the one park of the body whose name ends with the same character (园, 区, 地 …)
    and shares most of its characters (at least one that is not a park word):
    ``id(mention)`` → that park's name."""
    start, end = head
    parks = [m for m in mentions if m.category == "Park" and m.how == "suffix" and m.suffix]
    body = {longer.get(id(m), m.text) for m in parks if m.start >= end}
    if end <= start or not body:
        return {}
    out: dict[int, str] = {}
    for m in parks:
        name = _UNQUOTED.sub("", m.text)
        if not start <= m.start < m.end <= end or id(m) in longer or m.text in body:
            continue
        core = set(name[: -len(m.suffix)])
        scored = sorted(((2 * len(shared - _PARK_WORD_CHARS) + len(shared & _PARK_WORD_CHARS), b)
                         for b in body if b[-1:] == name[-1:]
                         for shared in [core & set(b)] if shared - _PARK_WORD_CHARS), reverse=True)
        if scored and (len(scored) == 1 or scored[1][0] < scored[0][0]):
            out[id(m)] = scored[0][1]
    return out


def _place_head(m: Mention, head: int) -> bool:
    """The first ``head`` characters of the name ``m`` are places (北海|甲乙合作产业园 with
    the short form 甲乙合作产业园: the city the longer name opens with is dropped)."""
    return _place_head_length(m) == head


def _two_places_head(m: Mention) -> bool:
    """The name opens with two places in a row (苏州宿迁工业园区: the two that built it); a
    place and the park word alone (苏州工业园区) is then a park of its own, not its short
    form."""
    first = [g for g in m.inner if g.start == m.start]
    return bool(first) and any(g.start == first[0].end for g in m.inner)


def _place_head_length(m: Mention) -> int:
    """How many characters of the name ``m`` the places it opens with take (深圳市|某某…)."""
    edge = m.start
    for g in sorted(m.inner, key=lambda g: g.start):
        if g.start != edge:
            break
        edge = g.end
    return edge - m.start


#: 某某开发区|某地分区: a branch park's name opens with the zone it is a branch of
_BRANCHES = ("分区", "分园")
_ZONE_ENDS = ("开发区", "经开区", "高新区", "园区", "产业园", "工业园", "科技园", "新区")


def _branch_of_zone(head: str, suffix: str) -> bool:
    """``head`` is a zone's name and the short form a branch of it (某某开发区|某地分区 with
    the short form 某地分区)."""
    return suffix in _BRANCHES and len(head) >= 4 and head.endswith(_ZONE_ENDS)


def _initials_head(head: str) -> bool:
    """``head`` is two or three places' one-character forms (川渝|某某新区, 苏宿|某某工业园:
    the short form drops the initials of the places that built it)."""
    return 2 <= len(head) <= 3 and all(c in load().combinable for c in head)


def _place_dropped(named: dict[tuple[str, str, str], Mention],
                   target: dict[tuple[str, str, str], str]) -> None:
    """某某数字经济产业园 is the short form of 某某平湖数字经济产业园, the one longer name of its
    category in the article that reads the same with a place inside it left out."""
    without: dict[tuple[str, str], set[str]] = {}
    for b, mb in named.items():
        for g in mb.inner:
            if mb.start < g.start and g.end < mb.end - len(b[1]) and g.candidates:
                cut = b[0][:g.start - mb.start] + b[0][g.end - mb.start:]
                without.setdefault((cut, b[2]), set()).add(target.get(b, b[0]))
    for a in named:
        fits = without.get((a[0], a[2]), set())
        if a not in target and len(fits) == 1 and len(a[0]) - len(a[1]) >= 2:
            target[a] = next(iter(fits))


_OPENING_BRACKET = re.compile(r"[(（][^()（）]{1,12}[)）]")


def _opening_place(m: Mention) -> Mention | None:
    """The place a name opens with (庆元 of 庆元科创飞地), if any."""
    return next((g for g in m.inner if g.start == m.start and g.candidates), None)


def after_place_bracket(m: Mention) -> tuple[str, str] | None:
    """(the place a name opens with, what follows the bracket right after it, quotes left
    out): 庆元县（鄞州）科创飞地 → (庆元县, 科创飞地); None for a name not so made."""
    first = _opening_place(m)
    bracket = _OPENING_BRACKET.match(m.text, first.end - m.start) if first else None
    return (first.candidates[0], _UNQUOTED.sub("", m.text[bracket.end():])) if bracket else None


def _bracket_dropped(named: dict[tuple[str, str, str], Mention],
                     target: dict[tuple[str, str, str], str]) -> None:
    """庆元科创飞地 is the short form of 庆元县（鄞州）科创飞地, the one longer name of its
    category in the article that opens with the same place and reads the same after the
    bracket that follows it."""
    longer: dict[tuple[str, str, str], set[str]] = {}
    for b, mb in named.items():
        sig = after_place_bracket(mb)
        if sig:
            longer.setdefault((*sig, b[2]), set()).add(target.get(b, b[0]))
    if not longer:
        return
    for a, ma in named.items():
        first = _opening_place(ma)
        if a in target or first is None:
            continue
        rest = _UNQUOTED.sub("", a[0][first.end - ma.start:])
        fits = longer.get((first.candidates[0], rest, a[2]), set())
        if len(rest) > len(a[1]) and len(fits) == 1:
            target[a] = next(iter(fits))


#: a firm's own full name ends so; such a name is nobody's short form (某某集团 beside 某某科技有限公司
#: is the parent, 某某有限公司 beside 某某有限公司某分公司 is the firm, not its branch)
_FIRM_FULL_END = re.compile(r"(?:公司|集团|厂|银行|[)）])$")


#: 某某公司 (not 某某有限公司, 某某分公司): a firm called by its brand and the bare word
_BARE_FIRM = re.compile(r"(?<!有限)(?<!股份)(?<![分子总])公司$")


def _firm_short_forms(named: dict[tuple[str, str, str], Mention],
                      target: dict[tuple[str, str, str], str]) -> None:
    """橙联智能 (or 橙联公司) beside 深圳橙联智能装备有限公司: a firm's name without its legal
    ending (or its brand and the bare word 公司) is the short form of the one longer firm
    name of the article that reads the same from its start or from just after the places
    it opens with."""
    firms = [(b, mb) for b, mb in named.items() if b[2] == "Enterprise"]
    if len(firms) < 2:
        return
    for a, ma in firms:
        core = _BARE_FIRM.sub("", a[0])  # 某某公司: the brand, then the bare word for a firm
        if a in target or len(core) < (2 if core != a[0] else 3) or \
                (core == a[0] and _FIRM_FULL_END.search(a[0])):
            continue
        fits = set()
        for b, mb in firms:
            if len(b[0]) <= len(a[0]) or not _FIRM_FULL_END.search(b[0]):
                continue
            if b[0].startswith(core) or b[0].startswith(core, _place_head_length(mb)):
                fits.add(target.get(b, b[0]))
        if len(fits) == 1:
            target[a] = fits.pop()


_QUOTED_INITIALS = re.compile(r"[“「\"]([\u4e00-\u9fff]{2,4})[”」\"]")


def _quoted_initials(named: dict[tuple[str, str, str], Mention],
                     target: dict[tuple[str, str, str], str]) -> None:
    """“杭衢”合作产业园 (a headline's quoted initials, then a park word) is the short form of
    the one longer name of its category in the article whose places, in order, start with
    those initials or are written with them (杭州衢州山海协作产业园; 沪 for 上海)."""
    gaz = None
    for a, m in named.items():
        q = _QUOTED_INITIALS.match(a[0])
        if a in target or q is None:
            continue
        if gaz is None:
            gaz = load()
            written: dict[str, set[str]] = {}
            for c, key in gaz.abbrev.items():
                written.setdefault(key, set()).add(c)
        initials = q.group(1)
        fits = set()
        for b, mb in named.items():
            if b[2] != a[2] or b == a or len(mb.inner) < len(initials):
                continue
            k = 0
            for g in sorted(mb.inner, key=lambda g: g.start):
                if k < len(initials) and (initials[k] == g.text[0] or any(
                        initials[k] in written.get(key, ()) for key in g.candidates)):
                    k += 1
            if k == len(initials):
                fits.add(target.get(b, b[0]))
        if len(fits) == 1:
            target[a] = fits.pop()


class _Bodies:
    """The names of each category with the part before their suffix joined in one string,
    so "which names hold this core" is one ``str.find`` pass per core instead of a Python
    loop over every name (that loop made linking quadratic in the names of a document)."""

    SEP = "\x00"

    def __init__(self, named) -> None:
        self._by_cat: dict[str, tuple[str, list[int], list[tuple[str, str, str]]]] = {}
        groups: dict[str, list[tuple[str, str, str]]] = {}
        for b in named:
            groups.setdefault(b[2], []).append(b)
        for category, items in groups.items():
            starts, parts, pos = [], [], 0
            for b in items:
                body = b[0][: -len(b[1])]
                starts.append(pos)
                parts.append(body)
                pos += len(body) + 1
            self._by_cat[category] = (self.SEP.join(parts), starts, items)

    def holding(self, category: str, core: str) -> list[tuple[str, str, str]]:
        """The names of ``category`` whose part before the suffix contains ``core``."""
        got = self._by_cat.get(category)
        if got is None:
            return []
        joined, starts, items = got
        if self.SEP in core:
            return [b for b in items if core in b[0][: -len(b[1])]]
        out, i = [], joined.find(core)
        while i >= 0:
            k = bisect_right(starts, i) - 1
            out.append(items[k])
            if k + 1 >= len(starts):
                break
            i = joined.find(core, starts[k + 1])
        return out


def _parent_of(m: Mention) -> str | None:
    """Zones and parks hang under the most specific place their name starts with."""
    if m.category != "Region" or not m.inner:
        return None
    first = [x for x in m.inner if x.start == m.start]
    return first[0].candidates[0] if first else None


def resolve_bare_zones(text: str, linked: list[Linked], entities: dict[str, Entity]) -> list[Linked]:
    """Bare 合作区/高新区… → the zone of that kind named last before it (甲合作区…。合作区内的P:
    甲), else the one of that kind this article mentions most."""
    zone_counts: Counter[str] = Counter(
        lk.key for lk in linked if entities[lk.key].kind in (
            "CooperationZone", "DevelopmentZone", "NewArea"))
    if not zone_counts:
        return []
    taken = bytearray(len(text) + 1)  # (slices set at once, not a loop per character)
    for lk in linked:
        if lk.end > lk.start:
            taken[lk.start:lk.end] = b"\x01" * (lk.end - lk.start)
    out = []
    for bare in BARE_ZONES + SHORT_ZONES:
        suffix = bare + "区" if bare in SHORT_ZONES else bare
        targets = [k for k, _ in zone_counts.most_common()
                   if entities[k].label.endswith(suffix) or abbrev_of(entities[k].label, suffix)]
        if not targets:
            continue
        pattern = re.escape(bare) + (SHORT_NOT_BEFORE if bare in SHORT_ZONES else "")
        named = sorted((lk.end, lk.key) for lk in linked if lk.key in targets)
        for m in re.finditer(pattern, text):
            if any(taken[m.start():m.end()]):
                continue
            taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
            before = [k for e, k in named if e <= m.start()]
            key = before[-1] if before else targets[0]
            ment = Mention(m.start(), m.end(), bare, "Region", entities[key].kind, "anaphor")
            out.append(Linked(ment, key))
    return out


def abbrev_of(label: str, bare: str) -> bool:
    """高新区 also names a 高新技术产业开发区; 开发区 an 经济技术开发区."""
    long_forms = {"高新区": ("高新技术产业开发区", "高新技术开发区"),
                  "开发区": ("经济技术开发区", "经济开发区", "经开区"),
                  "经开区": ("经济技术开发区", "经济开发区"),
                  "合作区": ("深度合作区", "特别合作区")}
    return label.endswith(long_forms.get(bare, ()))
