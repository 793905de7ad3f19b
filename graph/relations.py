"""Relations between linked entities, sentence by sentence.

Each rule family has an id (``cg:rule`` on the fact) and a confidence:

* ``split.at``      F1在A、F2在B (创新在横琴、生产在金湾; lists of functions pair up)
* ``split.place``   A F1、B F2 (北京研发、天津转化; 深圳研发+珠海智造)
* ``cobuilt.name``  a park named after two places (东城-西川共建产业园区)
* ``cobuilt.verb``  X与Y共建/联手打造/合作建设 P (also 分别 distributing partners over parks)
* ``cobuilt.signed`` X与Y签约，在Z设立P (the two that sign set the park up)
* ``enclave.name``  A(B)园/中心 in an article about 飞地: A owns, B hosts
* ``enclave.verb``  A在B设立/建设 …飞地; 飞出地/飞入地
* ``enclave.of``    P，这块A在B的飞地 / A在B的科创飞地——P: A owns, B hosts
* ``twin.verb``     A对口帮扶B, A与B结对, 深圳对口帮扶汕头指挥部
* ``twin.speaker``  持续做好对口支援甲地、乙地工作 in a report (the report's place, graph/speaker.py)
* ``connect.verb``  I 连接/联通/实现…相连 A 与 B;  ``connect.name``: A至B航线
* ``located.verb``  X位于/落户/地处 Y;  ``located.attr``: 位于Y的X;
  ``located.intro`` Y引进/已有 A、B等企业;  ``located.here``: A、B等…在此聚集

Status (planned / under construction / completed) and dates come from the sentence
(:mod:`graph.qualifiers`).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from operator import attrgetter
from typing import Callable

from .gazetteer import Gazetteer, load
from .linking import Linked, long_suffixes, place_entity
from .mentions import Mention
from .model import Document, Entity, Fact, Span
from .qualifiers import quantities, sentence_date, sentence_status
from .postag import pos_tags
from .resources import alternation, read_json
from .settling import (enclave_after, is_site as _named_as_site, own_park, precedent, settled, topic_of,
                       zone_topic_of)
from .headings import after_heading, opens_item
from .rosters import roster_members
from .sites import drop_movers, sited
from .subareas import described_parts, part_of_named
from .splitresults import result_splits
from .firmsides import firm_sides, names_a_side
from .functionwords import classify_function, from_first_function as _from_first_function, \
    function_index as _function_index
from .initialsplits import initial_splits, pair_initial_splits
from .splitclauses import (DASHES, apart, at_home, bracketed_places, by_side, chain_end, clause_splits, containing,
                           function_text, function_after, moved_to, park_sides, places_named)
from .twinwords import (destinations, first_cue, generic, listed_group, objects_of_cue, once_per_pair,
                        paired_run, scheme_words)
from .twinclauses import abbreviated_schemes, carried_pairs, joint_abbreviation
from .twincharge import charged_pairs, says_charge
from .twinschemes import drop_coarser_twins, drop_unwritten_schemes
from .parknames import joint_by_name
from .pairrows import pair_rows
from .tablecols import field_records, table_cols
from .builders import subject_park
from .enclavekind import (built_by_both, innovation_name, joint_with_host, mountain_side, reverse_by_split,
                          reverse_by_standing)
from .firmnames import FIRM_PERSON, SUBSIDIARY_TAIL
from .enclavesite import (builder_said, of_enclave_words, owners_said, set_up_by, set_up_chain, set_up_site,
                          tentative)
from .speaker import home_firms, self_word, speaker, speaker_mentions, speaker_pairs, subjectless_twins, with_lead
from .addresses import ZONE_KINDS, address_levels, address_only, seat_words, firm_seat_opens, firm_unit_opens, hosts_in_chain, past_alias, unit_opens_clause, unit_tail_start, unit_subject, is_zone as _is_zone, outer_subject, \
    park_of_zone_word, unit_placed, zone_in_named_city
from .linespans import OPEN_QUOTES, by_network, names_two, one_course, refer_back, refers_back, names_section, spans as line_spans
from .aidbuilt import aid_built, with_receivers
from .routes import connections_by_route, drop_unbegun, drop_unbegun_in_doc, joint_trips, first_infra, line_initials, joins_other_line as _joins_other_line, prune_initials
from .routes import CONNECTING, drop_denied_rumours
from .rumours import drop_denied_quotes
from .servicelines import ends_at_hub, labelled, named_routes
from .courses import course_facts, doc_places, drop_travel_targets, stops_said, travel_verb, with_stops, with_via
from .textnorm import ITEM_MARK
from .sentences import Sentence, clause_stop, clauses, split_sentences
from .sentences import clause_start as sentence_clause_start

@lru_cache(maxsize=1)
def cues() -> dict:
    return read_json("relation_cues.json")


@lru_cache(maxsize=1)
def _role_patterns() -> tuple[re.Pattern, ...]:
    """The trigger gate of function_splits(): one pattern per role (upstream, downstream)
    of the function words, a word counted under the role classify_function gives it. Each
    fact of the family comes from _pair_segments, which pairs two function texts (pieces
    of the sentence) whose classify_function roles differ, so a sentence with words of
    fewer than two roles skips the family (split.at, split.clause and split.place)."""
    by_role: dict[str, list[str]] = {}
    for w, (_, role) in _function_index()[1].items():
        by_role.setdefault(role, []).append(w)
    return tuple(_cue_pattern(tuple(ws)) for _, ws in sorted(by_role.items()))


def _cue_re(words: list[str]) -> re.Pattern:
    return _cue_pattern(tuple(words))


@cache
def _cue(*names: str) -> re.Pattern:
    """The pattern of the cue lists ``names`` of ``relation_cues.json`` (compiled once)."""
    return _cue_pattern(tuple(w for n in names for w in cues()[n]))


@lru_cache(maxsize=64)
def _cue_pattern(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(alternation(words))


@lru_cache(maxsize=1)
def _forms() -> dict[str, re.Pattern]:
    """Patterns built from cue lists of ``relation_cues.json`` (compiled once):
    does_clause (研发在甲，主要做算法，生产在乙), arranged (按照甲省协作安排), pairs_work
    (甲与乙、丙与丁的合作持续加强), within_built (Y内由A与B共同开发的P), site_name (在某区某某大厦揭牌)."""
    c = cues()

    def alt(name: str) -> str:
        return alternation(c[name])

    return {
        "does_clause": re.compile(rf"[，,]\s*(?:(?:(?:{alt('side_does_lead')})?(?:{alt('side_does')})|{alt('side_why')})"
                                  r"[^，,。；;：:“”「」]{1,20}|[^，,。；;：:“”「」]{1,14}?"
                                  rf"(?:{alt('side_there')})(?:{alt('side_does')}))[，,；;]\s*"),
        "arranged": re.compile(rf"(?:{alt('arranged_by')})[^，,。；;]{{1,20}}?(?:{alt('arranged_what')})"),
        "pairs_work": re.compile(rf"(?<=的)(?:{alt('pairs_work')})(?={alt('pairs_going_on')})"),
        "within_built": re.compile(rf"(?:内|境内|范围内)(?:是由|由)[^，,。；;]{{2,30}}?(?:{alt('within_built')})的[“「]?"),
        "site_name": re.compile(rf"[\u4e00-\u9fff0-9·]{{1,8}}?(?:{alt('site_name_end')})(?:内)?"),
    }


@dataclass
class Ctx:
    doc: Document
    sent: Sentence
    items: list[Linked]  # mentions inside the sentence, by position
    entities: dict[str, Entity]
    gaz: Gazetteer
    named: dict[str, list[str]] = field(default_factory=dict)  # key → places in its name
    memo: dict = field(default_factory=dict, repr=False)  # values derived from the sentence
    doc_memo: dict = field(default_factory=dict, repr=False)  # … from the document (shared)

    def cat(self, lk: Linked) -> str:
        return self.entities[lk.key].category

    def rel(self, lk: Linked) -> tuple[int, int]:
        s = self.sent.start
        return lk.start - s, lk.end - s

    def span(self) -> Span:
        return Span(self.doc.doc_id, self.sent.start, self.sent.end,
                    self.doc.text[self.sent.start:self.sent.end])

    def fact(self, relation: str, args: dict, rule: str, confidence: float) -> Fact:
        said = self.memo.get("qualifiers")
        if said is None:  # status and date once per sentence
            said = self.memo["qualifiers"] = (sentence_status(self.sent.text),
                                              sentence_date(self.sent.text, self.doc.date))
        qty = []
        if relation in ("co_built", "enclave", "located_in"):
            if "quantities" not in self.memo:
                self.memo["quantities"] = quantities(self.sent.text)
            qty = [dict(q) for q in self.memo["quantities"]]
        return Fact(relation, args, self.span(), rule, confidence,
                    status=said[0], date=said[1], quantities=qty)

    def spans(self) -> list[tuple[int, int]]:
        """``rel`` of every item, in order (computed once)."""
        got = self.memo.get("spans")
        if got is None:
            s = self.sent.start
            got = self.memo["spans"] = [(lk.start - s, lk.end - s) for lk in self.items]
        return got

    def items_from(self, pos: int) -> list[Linked]:
        """The items starting at or after ``pos`` in the sentence (``items`` are sorted by
        start, so a bisect instead of a scan)."""
        return self.items[bisect_left(self._starts(), pos):]

    def _starts(self) -> list[int]:
        starts = self.memo.get("starts")
        if starts is None:
            starts = self.memo["starts"] = [s for s, _ in self.spans()]
        return starts

    def starting_at(self, pos: int) -> list[Linked]:
        """The items starting at ``pos`` of the sentence, in order (one table per sentence,
        not a scan of the items per call; callers only read the list)."""
        return self._at("by_start", 0).get(pos, [])

    def ending_at(self, pos: int) -> list[Linked]:
        """The items ending at ``pos`` of the sentence, in order (as :meth:`starting_at`)."""
        return self._at("by_end", 1).get(pos, [])

    def _at(self, name: str, side: int) -> dict[int, list[Linked]]:
        table = self.memo.get(name)
        if table is None:
            table = self.memo[name] = {}
            for lk, span in zip(self.items, self.spans()):
                table.setdefault(span[side], []).append(lk)
        return table

    def ended_by(self, pos: int) -> list[Linked]:
        """The items ending at or before ``pos`` of the sentence, in order (only those
        starting before ``pos`` are looked at)."""
        k = bisect_right(self._starts(), pos)
        return [lk for lk, (_, e) in zip(self.items[:k], self.spans()) if e <= pos]

    def of(self, category: str) -> list[Linked]:
        """The items of ``category``, in order (computed once; callers only read it)."""
        got = self.memo.get(category)
        if got is None:
            by = self.memo.get("by_category")
            if by is None:  # every category in one pass over the items
                by = self.memo["by_category"] = {}
                for lk in self.items:
                    by.setdefault(self.entities[lk.key].category, []).append(lk)
            got = self.memo[category] = by.get(category, [])
        return got

    def clauses(self) -> list[tuple[int, int]]:
        """The sentence's clauses (computed once)."""
        if "clauses" not in self.memo:
            self.memo["clauses"] = clauses(self.sent.text)
        return self.memo["clauses"]


def _named_zone(ctx: Ctx, lk: Linked, inner: Mention) -> str:
    """The side of a park's name that ``inner`` (a place) opens: the article's zone whose
    name the park's name spells from there (某市高新区—某县合作产业园: the zone, not the
    city), else the place."""
    park = lk.mention
    rest = park.text[inner.start - park.start:]
    if not rest.startswith(inner.text):
        return inner.candidates[0]  # (every label tried starts with the place's text)
    # the first zone (in entity order) whose label is a longer prefix of ``rest``: looked
    # up by the prefixes of ``rest`` instead of a pass over every zone of the article
    # (a park of a long report among hundreds of zones)
    by_label = _zones_by_label(ctx)
    best = None
    for n in range(len(inner.text) + 1, len(rest) + 1):
        for i, key in by_label.get(rest[:n], ()):
            if key != lk.key:
                best = (i, key) if best is None or i < best[0] else best
                break  # (a label's zones are in entity order)
    return best[1] if best is not None else inner.candidates[0]


def _zones_by_label(ctx: Ctx) -> dict[str, list[tuple[int, str]]]:
    """The article's zones of category Region by label: (place in :func:`_zones`, key),
    made again whenever that list is."""
    zones = _zones(ctx)
    got = ctx.doc_memo.get("zones_by_label")
    if got is None or got[0] is not zones:
        index: dict[str, list[tuple[int, str]]] = {}
        for i, (key, e) in enumerate(zones):
            if e.category == "Region":
                index.setdefault(e.label, []).append((i, key))
        got = ctx.doc_memo["zones_by_label"] = (zones, index)
    return got[1]


def _specific(ctx: Ctx, keys: list[str]) -> list[str]:
    """Drop places that contain another place of the list (深圳市 when 坪山区 is there)."""
    keys = list(dict.fromkeys(keys))
    if len(keys) < 2:
        return keys  # (one place contains no other of the list)
    out = []
    for k in keys:
        inner = any(k in _ancestors(ctx, o) for o in keys if o != k)
        if not inner:
            out.append(k)
    return out


def _collapse(ctx: Ctx, items: list[Linked]) -> list[str]:
    """Keys of ``items``, an address chain (深圳市宝安区) counted once as its last place;
    places joined by 与/和/、 stay apart (温州市与泰顺县)."""
    out: list[str] = []
    prev_end = None
    for lk in sorted(items, key=lambda x: x.start):
        if prev_end is not None and lk.start == prev_end and out:
            out[-1] = lk.key
        elif lk.key not in out:
            out.append(lk.key)
        prev_end = lk.end
    return list(dict.fromkeys(out))


def _placed_towns(ctx: Ctx, items: list[Linked]) -> list[str]:
    """Keys of ``items`` without the places written right before a town or zone whose place
    is not known (雅安市芦山县龙门乡: the town is meant; 吴兴柯城 stays two places)."""
    heads = {lk.start for lk in items if ctx.entities[lk.key].parent is None
             and not lk.key.startswith("region:")}
    dropped = set()
    for lk in sorted(items, key=lambda x: x.start, reverse=True):
        if lk.end in heads:
            dropped.add(id(lk))
            heads.add(lk.start)
    return [lk.key for lk in items if id(lk) not in dropped]


def _ancestors(ctx: Ctx, key: str) -> list[str]:
    """The places containing ``key`` (remembered per article until an entity is added;
    callers only read the list)."""
    if key not in ctx.entities:
        return ctx.gaz.ancestors(key) if key in ctx.gaz.places else []
    known = ctx.doc_memo.get("ancestors")
    if known is None or known[0] != len(ctx.entities):
        known = ctx.doc_memo["ancestors"] = (len(ctx.entities), {})
    if key in known[1]:
        return known[1][key]
    chain, cur = [], ctx.entities[key].parent
    while cur:
        chain.append(cur)
        cur = ctx.entities[cur].parent if cur in ctx.entities else None
    known[1][key] = chain
    return chain


# --------------------------------------------------------------------------- splits
PLACE_KINDS = ("Port", "Airport", "Checkpoint", "Station")


def _is_place(ctx: Ctx, lk: Linked) -> bool:
    e = ctx.entities[lk.key]
    return e.category in ("Region", "Park") or e.kind in PLACE_KINDS


#: the word "at" before a side's place: 在, and Cantonese 喺 (研发喺香港、生产喺某市)
_AT_WORDS = ("在", "喺")


def function_splits(ctx: Ctx, wanted: frozenset[str] | None = None) -> list[Fact]:
    """The splits of a sentence (split.at, split.clause, split.place, split.result).

    ``wanted``: the rules whose facts the caller keeps (``None``: all). A family whose
    facts are not wanted is not read unless it may drop a wanted fact (each family drops
    the pairs of the families before it): the facts of the wanted rules are the same."""
    text = ctx.sent.text
    if sum(1 for p in _role_patterns() if p.search(text)) < 2:
        return []  # the trigger gate: see _role_patterns
    places = [lk for lk in ctx.items if _is_place(ctx, lk)]
    firms = firm_sides(ctx, function_after(), lambda t: bool(classify_function(t)) and _only_functions(t))
    if len(places) + len(firms) + sum(1 for lk in ctx.items if lk.mention.inner and not _is_place(ctx, lk)) < 2:
        return []  # a pair needs two places (a name may hold one: 鞍山工厂, see clause_splits)
    segs: list[tuple[int, int, str, Linked]] = []  # (seg start, seg end, function text, place)
    also: dict[str, list[str]] = {}  # a side's place → the places listed after it
    # F 在 A
    prev_end = 0
    firm_ends = {ctx.rel(x)[1]: ctx.rel(x)[0] for x in ctx.items if ctx.cat(x) == "Enterprise"}
    for lk in places:
        s, e = ctx.rel(lk)
        at = 1 if s > 0 and text[s - 1] in _AT_WORDS else (
            1 if s > 1 and text[s - 2:s] in ("设于", "位于", "落于", "建于", "放于") else 0)
        by = by_side(text, s)  # 生产由A承担: the side ends with its verb
        at = at or moved_to(text, s) or bool(by)  # 生产放到A / 生产基地搬到A
        home = at_home(text, s)  # 生产放在老家A
        if at or home:
            j = s - (home or 1)
            k, skipped = j, 0
            while k > prev_end and text[k - 1] not in "，,。；;：:“”「」『』\"()（）" and j - k - skipped < 14:
                if k in firm_ends and firm_ends[k] >= prev_end:  # (…的某某新材料集团将…: the firm's
                    skipped += k - firm_ends[k]  # name does not count toward the reach)
                    k = firm_ends[k]
                    continue
                k -= 1
            ftext = _from_first_function(text[k:j].strip("、 +"))
            fs = text.rfind(ftext, k, j) if ftext else -1
            named = [ctx.rel(x)[1] for x in ctx.items
                     if ctx.cat(x) == "Enterprise" and ctx.rel(x)[0] <= fs < ctx.rel(x)[1]]
            if named:  # 某某智造公司将生产基地搬到A: the function after the firm's name, not in it
                k = named[0]
                ftext = _from_first_function(text[k:j].strip("、 +"))
                fs = text.rfind(ftext, k, j) if ftext else -1
            if ftext and classify_function(ftext) and not any(
                    ctx.rel(x)[0] < fs < ctx.rel(x)[1] for x in ctx.items):  # (甲(乙)科创飞地在乙: a name's tail)
                last = chain_end(ctx, lk)  # 放在A市B区: the address says B
                more = _listed_on(ctx, last)  # 生产在B和C: one more side each
                end = max(ctx.rel(more[-1] if more else last)[1], by)
                segs.append((k, end, function_text(ftext, classify_function), last))
                also[last.key] = [x.key for x in more]
                prev_end = end
    at_segs = segs
    facts = _with_listed(_pair_segments(ctx, segs, "split.at", 0.85), also)
    by_place = wanted is None or not wanted <= {"split.at", "split.clause"}
    if by_place:
        # A F (北京研发、天津转化; 深圳研发+高新智造)
        segs = []
        before: dict[str, list[str]] = {}  # a side's place → the places listed before it
        for lk in places:
            s, e = ctx.rel(lk)
            m = function_after().match(text[e:])
            if m and classify_function(m.group(1)) and _only_functions(m.group(1)) \
                    and not (m.group(1).startswith("、") and _listed_on(ctx, lk)):
                # (甲、乙研发: 甲 is read with 乙's function, as listed before it)
                s = _chain_start(ctx, lk)  # (以甲市乙区为后厂: the side opens with 甲市)
                listed = _listed_before(ctx, places, lk)  # 甲、乙研发: 甲 too
                if listed:
                    before[lk.key] = [x.key for x in listed]
                    s = ctx.rel(listed[0])[0]
                segs.append((s - (s > 0 and text[s - 1] in "在到以"), e + m.end(), m.group(1), lk))  # 在A研发、在B生产; 以A为…，以B为…
        segs += firms  # 甬企总部+B生产基地: the firms of a place named by its one-character form
        # “A研发、B制造”的模式，把F留在C，把G放在D: both forms in one sentence
        placed = _with_listed(_pair_segments(ctx, segs, "split.place", 0.75), before)
        # 研发团队仍在A，B负责生产: one side of each form, next to each other
        mixed = _with_listed(_pair_segments(ctx, at_segs + segs, "split.place", 0.75), also)
    if wanted is None or "split.clause" in wanted or (by_place and (placed or mixed)):
        facts += [f for f in _where_listed(ctx, clause_splits(ctx, _pair_segments))
                  if (f.args["up"], f.args["down"]) not in {(g.args["up"], g.args["down"]) for g in facts}]
    facts += [f for f in _respective_split(ctx) if (f.args["up"], f.args["down"])
              not in {(g.args["up"], g.args["down"]) for g in facts}]
    if not by_place:
        return facts
    taken = {(f.args["up"], f.args["down"]) for f in facts}
    facts += [f for f in placed if (f.args["up"], f.args["down"]) not in taken]
    taken |= {(f.args["up"], f.args["down"]) for f in facts}
    facts += [f for f in mixed if (f.args["up"], f.args["down"]) not in taken]
    if wanted is not None and "split.result" not in wanted:
        return facts
    taken |= {(f.args["up"], f.args["down"]) for f in facts}
    # A的研发成果在B转化 / B承接A研发成果转化
    return facts + [f for f in result_splits(ctx, classify_function)
                    if (f.args["up"], f.args["down"]) not in taken]


#: 研发和生产(则)分别落在A和B: two functions, then 分别 and a verb of being somewhere
_RESPECTIVE = re.compile(r"(?P<f1>[\u4e00-\u9fff]{1,8}?)(?:和|与|、|及)(?P<f2>[\u4e00-\u9fff]{1,8}?)"
                         r"(?:则|将|也|都)?分别(?:落在|放在|设在|设于|位于|布局在|安排在|建在|留在|落户|在)")


def _respective_split(ctx: Ctx) -> list[Fact]:
    """研发和生产分别落在A和B (split.each): the first function in the first place, the
    second in the second, when one is upstream and the other downstream."""
    text = ctx.sent.text
    if "分别" not in text:
        return []
    out: list[Fact] = []
    for m in _RESPECTIVE.finditer(text):
        f1, f2 = m.group("f1"), m.group("f2")
        c1, c2 = classify_function(f1), classify_function(f2)
        f1 = _from_first_function(f1)  # (某项目的研发和生产: the functions only)
        if not c1 or not c2 or c1[1] == c2[1] or not _only_functions(f1) or not _only_functions(f2):
            continue
        first = [lk for lk in ctx.starting_at(m.end()) if _is_place(ctx, lk)]
        if not first:
            continue
        a = chain_end(ctx, first[0])
        sep = re.match(r"和|与|、|及", text[ctx.rel(a)[1]:])
        second = [lk for lk in ctx.starting_at(ctx.rel(a)[1] + sep.end()) if _is_place(ctx, lk)] if sep else []
        if not second or chain_end(ctx, second[0]).key == a.key:
            continue
        b = chain_end(ctx, second[0])
        segs = [(m.start("f1"), m.end("f1"), f1, a), (m.start("f2"), m.end("f2"), f2, b)]
        out += _pair_two(ctx, segs[0], segs[1], "split.each", 0.75)
    return out


def _chain_start(ctx: Ctx, lk: Linked) -> int:
    """Where the chain of places ending with ``lk`` starts (甲市乙区: at 甲市)."""
    s = ctx.rel(lk)[0]
    while True:
        before = [x for x in ctx.ending_at(s) if ctx.cat(x) == "Region" and x.key != lk.key]
        if not before:
            return s
        s = ctx.rel(before[0])[0]


def _where_listed(ctx: Ctx, facts: list[Fact]) -> list[Fact]:
    """总部在A，在B、C设有分拨中心: a side written after 在 with more places listed after it
    holds for each of them (see :func:`_with_listed`)."""
    if not facts:
        return facts
    text, also = ctx.sent.text, {}
    for f in facts:
        for side in ("up", "down"):
            at = [lk for lk in ctx.items
                  if lk.key == f.args[side] and text[ctx.rel(lk)[0] - 1:ctx.rel(lk)[0]] == "在"]
            if at and f.args[side] not in also:
                also[f.args[side]] = [x.key for x in _listed_on(ctx, at[0])]
    return _with_listed(facts, also)


def _listed_on(ctx: Ctx, last: Linked) -> list[Linked]:
    """生产在B、C和D: the places listed right after ``last`` (each the end of its chain)."""
    text, out = ctx.sent.text, []
    while True:
        end = ctx.rel(last)[1]
        sep = re.match(r"、|和|及|与", text[end:])
        nxt = [lk for lk in ctx.of("Region") if sep and ctx.rel(lk)[0] == end + sep.end()]
        if not nxt:
            return out
        last = chain_end(ctx, nxt[0])
        out.append(last)


def _listed_before(ctx: Ctx, places: list[Linked], last: Linked) -> list[Linked]:
    """甲、乙研发: the places listed right before ``last`` with 、 (in order); none when a 、
    there follows something that is no place (某地产品、乙研发)."""
    text, out = ctx.sent.text, []
    start = ctx.rel(last)[0]
    while start > 0 and text[start - 1] == "、":
        prev = [lk for lk in places if ctx.rel(lk)[1] == start - 1]
        if not prev:
            return []
        out.insert(0, prev[-1])
        start = ctx.rel(prev[-1])[0]
    return out


def _with_listed(facts: list[Fact], also: dict[str, list[str]]) -> list[Fact]:
    """A split whose sides list more places (研发在A，生产在B和C; 甲、乙研发，丙、丁生产) holds
    for each place of one side with each of the other."""
    out = list(facts)
    for f in facts:
        ups = [f.args["up"], *also.get(f.args["up"], [])]
        downs = [f.args["down"], *also.get(f.args["down"], [])]
        out += [replace(f, args={**f.args, "up": u, "down": d}) for u in ups for d in downs
                if u != d and (u, d) != (f.args["up"], f.args["down"])]
    return out


@lru_cache(maxsize=4096)
def _only_functions(text: str) -> bool:
    """Every part of a 、-list is a function word (so 深圳研发 but not 深圳市政府)."""
    words = _function_index()[2]
    parts = [p for p in re.split(r"[、和与及]", text) if p]
    events = cues()["function_events"]
    return bool(parts) and all(any(p == w or (p.endswith(w) and len(p) - len(w) <= 3
                                              and p[:-len(w)] not in events)  # (揭牌运营)
                                   or p.startswith(w) and len(p) - len(w) <= 2
                                   for w in words) for p in parts)


def _pair_segments(ctx: Ctx, segs: list, rule: str, conf: float) -> list[Fact]:
    """Neighbouring segments of different roles pair up (pairs do not share a segment:
    (研发, 智造) (资源, 载体) …); in a run of three, two of one role and one of the other
    each pair with the odd one (甲研发、乙孵化、丙生产: 甲 > 丙, 乙 > 丙; 甲研发、乙生产、丙组装)."""
    facts = []
    segs = sorted(segs, key=lambda x: x[0])
    text = ctx.sent.text

    def joined(a, b) -> bool:
        gap = text[a[1]:b[0]]
        if a[3].key != b[3].key and _forms()["does_clause"].fullmatch(gap) \
                and not any(a[1] <= ctx.rel(lk)[0] < b[0] for lk in ctx.items):
            return True  # 研发中心设在甲，主要做算法，总装放在乙: what the first side does
        return len(gap) <= 3 and a[3].key != b[3].key and all(_is_gap(c) or c in DASHES for c in gap)

    def role(seg) -> str | None:
        f = classify_function(seg[2])
        return f[1] if f else None

    def third(i: int, a, b, other: str) -> bool:
        """segs[i] continues a–b with the role ``other`` (and starts no pair of its own)."""
        if i >= len(segs):
            return False
        c = segs[i]
        after = segs[i + 1] if i + 1 < len(segs) else None
        return joined(b, c) and role(c) == other and c[3].key != a[3].key and not (
            after is not None and joined(c, after) and role(after) not in (None, other))

    i = 0
    while i + 1 < len(segs):
        a, b = segs[i], segs[i + 1]
        ra, rb = role(a), role(b)
        if not joined(a, b) or not ra or not rb:
            i += 1
            continue
        if ra == rb:
            other = "downstream" if ra == "upstream" else "upstream"
            if third(i + 2, a, b, other):
                c = segs[i + 2]
                facts += _pair_two(ctx, a, c, rule, conf) + _pair_two(ctx, b, c, rule, conf)
                i += 3
                continue
            i += 1
            continue
        facts += _pair_two(ctx, a, b, rule, conf)
        i += 2
        if third(i, a, b, rb):
            facts += _pair_two(ctx, a, segs[i], rule, conf)
            i += 1
    return facts


def _pair_two(ctx: Ctx, a, b, rule: str, conf: float) -> list[Fact]:
    """The pairing facts of two segments of different roles (lists of functions pair up)."""
    facts = []
    fa, fb = classify_function(a[2]), classify_function(b[2])
    if fa[1] == "downstream" and fb[1] == "upstream":
        a, b, fa, fb = b, a, fb, fa
    ups = [p for p in re.split(r"[、和与及]", a[2]) if p] or [a[2]]
    downs = [p for p in re.split(r"[、和与及]", b[2]) if p] or [b[2]]
    if len(ups) != len(downs):
        ups, downs = [a[2]], [b[2]]
    for u, d in zip(ups, downs):
        cu, cd = classify_function(u) or fa, classify_function(d) or fb
        facts.append(ctx.fact("pairing", {
            "up": a[3].key, "down": b[3].key, "up_fn": cu[0], "down_fn": cd[0],
            "up_text": u, "down_text": d}, rule, conf))
    return facts


def _is_site(ctx: Ctx, lk: Linked) -> bool:
    """在X共建 / 在X市Y区共建: X and Y are where, not who."""
    s, _ = ctx.rel(lk)
    ends = ctx.__dict__.get("_starts_by_end")
    if ends is None:  # end → start of the first item ending there (no rescan per call)
        ends = {}
        for x in ctx.items:
            a, b = ctx.rel(x)
            if a < b:
                ends.setdefault(b, a)
        ctx.__dict__["_starts_by_end"] = ends
    while s > 0 and ctx.sent.text[s - 1] not in "在于":
        if s not in ends:
            return False
        s = ends[s]  # an address chain: look before its first place
    return s > 0


def _plural(items: list[Linked]) -> bool:
    """两地/双方: one span standing for several places."""
    return any(a.mention.how == "anaphor" and a.start == b.start and a.key != b.key
               for a in items for b in items)


def _joint(ctx: Ctx, items: list[Linked]) -> bool:
    """Two places read from one abbreviation (苏渝合作共建的P: 江苏, 重庆)."""
    return any(joint_abbreviation(ctx, lk) for lk in items)


def _partners_before(ctx: Ctx, clause_start: int) -> list[Linked]:
    """A、B对口帮扶C，决定…结对共建P: the paired places of an earlier clause build P."""
    tw = _cue("twinning")
    for cs, ce in reversed([c for c in ctx.clauses() if c[1] <= clause_start]):
        m = tw.search(_masked(ctx)[cs:ce])
        if not m:
            continue
        regions = [lk for lk in ctx.items if cs <= ctx.rel(lk)[0] < ce
                   and ctx.cat(lk) in ("Region", "Park") and not _is_site(ctx, lk)]
        left = [lk for lk in regions if ctx.rel(lk)[0] < cs + m.start()]
        right = [lk for lk in regions if ctx.rel(lk)[0] >= cs + m.end()]
        if left and right:
            return left + right
    return []


# --------------------------------------------------------------------------- co-built
_BY = re.compile(r"(?<![自理缘])由(?!于)")
#: 该园区, 这个飞地 … (not 此次/此前/此后/此外: this time, before, after, besides)
DEMONSTRATIVE = re.compile(r"(这家|这个|该|此(?![次前后外])|这一(?!次)|这座|这里)[^，,。]{0,16}?(园|基地|中心|平台|项目|港|飞地)")


# 这座由A与B共建的园区: a demonstrative opening a 由-clause whose generic park follows the verb
_THIS_BUILT = re.compile(r"(?:这家|这个|该|此|这一|这座|这片|这处)(?:是由|系由|由)|这(?=(?:就|也)?是)")
_GENERIC_BUILT = re.compile(r"(?:建设|打造|开发|兴建)?的(?:合作|共建)?(?:产业园区|园区|产业园|园|基地|平台|飞地|合作区)")


def _subject_not_site(ctx: Ctx, before: list[Linked]) -> list[Linked]:
    """P位于Q(，由A与B共建) / P在Q揭牌运营(，由A与B共建): the parks before the clause
    without Q, the place where P stands (Q follows 位于 and P precedes it)."""
    if len(before) < 2:
        return before
    text = ctx.sent.text
    last = before[-1]
    # P在某区Q揭牌运营: 在 too, when a verb of opening or settling ends the clause after Q
    at_too = bool(_cue("settle_at").fullmatch(text, ctx.rel(last)[1], clause_stop(text, ctx.rel(last)[1])))
    for i in range(len(before) - 2, -1, -1):  # 位于某新区Q: a zone may stand between
        gap = text[ctx.rel(before[i])[1]:ctx.rel(last)[0]]
        m = re.match(rf"[，,]?(?:{_cue('located').pattern}{'|在' if at_too else ''})", gap)
        if m:
            return before[:i + 1] if not re.search(r"[，,。；;]", gap[m.end():]) else before
    return before


#: words that open the list of a zone's parts (一区三园，包括A、B和C)
_PARTS_LEAD = re.compile(r"包括|包含|涵盖|下辖")


def _part_listed(ctx: Ctx, lk: Linked) -> bool:
    """Is ``lk`` listed, in its clause, after 包括 (下辖 …) that follows another park or zone
    of the sentence — one of that zone's parts?"""
    text = ctx.sent.text
    s0 = ctx.rel(lk)[0]
    lead = list(_PARTS_LEAD.finditer(text, sentence_clause_start(text, s0), s0))
    return bool(lead) and any(ctx.rel(x)[1] <= lead[-1].start() and x.key != lk.key and
                              (ctx.cat(x) == "Park" or _is_zone(ctx, x)) for x in ctx.items)


def co_built(ctx: Ctx, prev_park: Linked | None = None,
             earlier: list[Linked] | None = None) -> list[Fact]:
    """``earlier``: the builders a co-building sentence just named without a park
    (两地共建A、B等项目；其中，共建P …)."""
    if not _may_co_build(ctx):
        return []
    facts = []
    text = ctx.sent.text
    # parks, and zones (川渝高竹新区) that are built jointly too
    parks = [lk for lk in ctx.items if ctx.cat(lk) == "Park" or (
        lk.key.startswith("zone:") and (lk.mention.how != "anaphor" or _zone_by(ctx, lk))
        and ctx.entities[lk.key].kind in ("NewArea", "CooperationZone")) or _zone_built(ctx, lk)
        or _is_zone(ctx, lk) and lk.mention.how != "anaphor" and _zone_by(ctx, lk)]
    antecedent = None
    if prev_park is not None:
        antecedent = Linked(Mention(ctx.sent.start, ctx.sent.start, prev_park.mention.text,
                                    "Park", prev_park.mention.kind, "anaphor"), prev_park.key)
    headed = antecedent is not None and after_heading(ctx.doc.norm, prev_park.start, prev_park.end,
                                                      ctx.sent.start)
    if not parks and antecedent is not None and (DEMONSTRATIVE.search(text) or headed):
        parks = [antecedent]  # (（四）P。由甲、乙两区共建: the heading's park)
    cb = _cue("cobuild")
    talk = _cue("cobuild_talk")  # 探讨共建P: only talked about, no fact
    built_by = [cm for cm in cb.finditer(text)
                if not any(t.end() == cm.start() for t in talk.finditer(text, max(0, cm.start() - 2), cm.start()))]
    built_by += _built_with(text, built_by, {ctx.rel(lk)[0] for lk in parks})
    built_by += _built_before(text, {ctx.rel(lk)[0] for lk in parks})
    # a park named after two places (A(B)… names an owner and a host: see enclaves())
    for lk in parks:
        m = lk.mention
        if len(m.inner) < 2:
            continue  # fewer than two places in its name
        places = _specific(ctx, [_named_zone(ctx, lk, x) for x in m.inner])
        if re.search(r"[(（]", m.text) and "共建" not in m.text:
            places = _bracket_pair(ctx, lk, built_by)
            if len(places) < 2:
                continue
        if _part_listed(ctx, lk):
            continue  # 甲乙合作区…，包括甲乙X园、甲乙Y城: a part of the zone, built with it
        if len(places) >= 2 and (cb.search(m.text) or built_by
                                 or joint_by_name(ctx, m.text, places)):
            facts.append(ctx.fact("co_built", {"park": lk.key, "partners": tuple(places)},
                                  "cobuilt.name", 0.8))
    # X与Y … 共建 P
    firms = {ctx.rel(lk)[0] for lk in ctx.items if ctx.cat(lk) == "Enterprise"}
    for cm in built_by:
        if cm.end() in firms or (text[cm.end():cm.end() + 1] == "的" and cm.end() + 1 in firms):
            continue  # 由双方联合组建的某公司: the verb builds a firm, not a park
        clause_start = sentence_clause_start(text, cm.start())
        partners = [lk for lk in ctx.items
                    if clause_start <= ctx.rel(lk)[0] < cm.start()
                    and ctx.cat(lk) in ("Region", "Enterprise", "Park")
                    and not _is_site(ctx, lk)]
        before = text[clause_start:cm.start()]
        arranged = [m.span() for m in _forms()["arranged"].finditer(text, clause_start, cm.start())]
        if arranged:  # A与B按照甲省协作部署共建P: 甲省 arranged it, it builds nothing
            kept = [lk for lk in partners if not any(a <= ctx.rel(lk)[0] < b for a, b in arranged)]
            partners = kept if len(kept) >= 2 else partners
        by = _BY.search(before)  # P由A与B共建: which park (graph/builders.py)
        built = subject_park(ctx, parks, clause_start, clause_start + by.start(), cm.end()) if by \
            else _copula_subject(ctx, parks, clause_start, cm.end())
        plural = _plural(partners) or _joint(ctx, partners)
        weak = plural  # 两地/双方/苏渝 … 共建: the park must follow the verb
        if len(partners) < 2 or not (re.search(r"与|和|同|、|及|携手|联手|联合", before) or plural):
            partners = _partners_before(ctx, clause_start)
            weak = bool(partners)  # the park follows the verb, the builders came before
            if not partners and earlier and cm.start() - clause_start <= 3:
                partners, weak = earlier, True  # 其中，共建P: the builders just named
            if not partners:
                continue
        you = re.search(r"由|系由|是由", before)
        if you:  # P由A与B共建: the builders follow 由
            partners = [p for p in partners if ctx.rel(p)[0] >= clause_start + you.end()]
        # a park after the verb that is one of the builders (由A与B共建，沿用A的…) is not built
        builders = {p.key for p in partners}
        after = [lk for lk in parks if ctx.rel(lk)[0] >= cm.start() and lk.key not in builders]
        if after and not by:  # A与B…的共建园区，P…: a park past the clause is not what they build
            after = [lk for lk in after if ctx.rel(lk)[0] < clause_stop(text, cm.end())]
        this_built = _THIS_BUILT.match(before) if _GENERIC_BUILT.match(text, cm.end()) else None
        this_park = antecedent is not None and (DEMONSTRATIVE.match(before) or this_built)
        # (这座由A与B共建的园区，…: the demonstrative's noun follows the verb)
        # 该园区由甲乙两地共建 / 这个园区是甲和乙两地共建的: the park opens the clause
        said_by = this_park and re.match(r"区?(?:是由|系由|由|(?:就|也)?是)", before[this_park.end():])
        if weak and built is None and not said_by:
            after = [lk for lk in after if ctx.rel(lk)[0] - cm.end() <= 2
                     and (lk.mention.how != "anaphor" or DEMONSTRATIVE.match(text, ctx.rel(lk)[0]))]
            # (两地…，于2021年合作共建该园: the park the demonstrative was resolved to)
            if not after and headed and all(lk.key == antecedent.key for lk in parks):
                after = [antecedent]  # （一）P。甲为飞出地、乙为飞入地，双方共同出资建设
            if not after:
                continue
        target = [built] if built else (
            after[:1] or _subject_not_site(ctx, [lk for lk in parks if ctx.rel(lk)[1] <= clause_start])[-1:])
        if this_park:
            target = [antecedent]  # 该园区由A与B合作共建 / 这个园区是甲乙两地共建的
            said = [lk for lk in parks if lk.mention.how == "anaphor"
                    and clause_start <= ctx.rel(lk)[0] < cm.start()]
            target = said[:1] or target  # what the discourse layer resolved it to
        if not target and partners:  # P由A与B共建 / P是A、B共同开发建设的项目: P opens the clause
            first = clause_start + you.start() if you else min(
                [ctx.rel(p)[0] for p in partners if ctx.cat(p) != "Park"] or [len(text)])
            target = [lk for lk in parks if clause_start <= ctx.rel(lk)[0]
                      and ctx.rel(lk)[1] <= first][-1:]
        partners = [p for p in partners if p.key not in {t.key for t in target}]
        if not target:
            continue
        keys = _collapse(ctx, partners)
        places = [k for k in keys if ctx.entities[k].category != "Enterprise"]
        if len(places) >= 2:  # places build the park; a firm beside them develops it
            keys = places
        if len(keys) >= 2:
            # the verb names the builders: drop what the park's name alone suggested
            facts = [f for f in facts if not (f.rule == "cobuilt.name"
                                              and f.args["park"] == target[0].key)]
            facts.append(ctx.fact("co_built", {"park": target[0].key, "partners": tuple(keys)},
                                  "cobuilt.verb", 0.75))
    # X与Y、Z，分别在P1、P2揭牌成立"共建产业园"
    if "分别" in text and re.search("共建|合作", text):
        facts += _distributive(ctx, parks)
        paired = _distributive_pairs(ctx, parks)
        if paired:  # P1、P2分别由A与B、C与D共建: each park its own pair, not all four
            built = {f.args["park"] for f in paired}
            facts = [f for f in facts if f.args["park"] not in built] + paired
    signed = _signed_then_built(ctx, parks, {f.args["park"] for f in facts if f.rule != "cobuilt.name"})
    if signed:  # the signers build it: drop what the park's name alone suggested
        facts = [f for f in facts if not (f.rule == "cobuilt.name" and f.args["park"] == signed[0].args["park"])]
    facts += signed
    facts += _signed_then_run(ctx, prev_park, {f.args["park"] for f in facts})
    shared = _duties_shared(ctx, parks, antecedent, {f.args["park"] for f in facts if f.rule != "cobuilt.name"})
    if shared:  # the shares name the builders: drop what the park's name alone suggested
        facts = [f for f in facts if not (f.rule == "cobuilt.name" and f.args["park"] == shared[0].args["park"])]
    return facts + shared


#: 由A负责规划建设，B负责征地拆迁: each builder's share of the work, the first after 由
_DUTY = re.compile(r"(?:主要|具体|全面)?负责|(?:出资金?|出地|出土地)(?=[、，,；;。]|$)")
#: one clause about the park between it and 由 (园区位于Y，由A出资、B出地)
_PARK_CLAUSE = r"(?:[^，,。；;由]*[，,])?"


def _duties_shared(ctx: Ctx, parks: list[Linked], antecedent: Linked | None, done: set[str]) -> list[Fact]:
    """P由A负责规划建设和招商，B负责征地拆迁 / 园区位于Y，由A出资、B出地 (P, or 该园区 for the
    park named before, opening the sentence, maybe with one clause about it before 由): two
    places that share the work of a park build it."""
    text = ctx.sent.text
    duties = list(_DUTY.finditer(text))
    if len(duties) < 2:
        return []
    places = []
    for i, d in enumerate(duties):
        who = [lk for lk in ctx.ending_at(d.start()) if ctx.cat(lk) == "Region" and not _is_site(ctx, lk)]
        if not who:
            return []
        start = ctx.rel(who[0])[0]
        while (up := [lk for lk in ctx.ending_at(start) if ctx.cat(lk) == "Region"]):
            start = ctx.rel(up[0])[0]  # (an address chain: 由甲市乙区负责)
        if text[start - 1:start] not in (("由",) if i == 0 else ("，", ",", "；", ";", "、")):
            return []  # (the first builder right after 由, each other one opening its clause)
        places.append(who[0])
    keys = list(dict.fromkeys(lk.key for lk in places))
    by = text.rfind("由", 0, ctx.rel(places[0])[0])
    opening = [lk for lk in parks if ctx.rel(lk)[1] <= by and lk.mention.how != "anaphor"]
    lead = text[:by].lstrip("“”\"「」 ")
    if opening:
        target = opening[-1]
        if ctx.rel(target)[0] != by - len(lead) or not re.fullmatch(_PARK_CLAUSE, text[ctx.rel(target)[1]:by]):
            return []  # (P opens the sentence)
    elif antecedent is not None and re.fullmatch(
            rf"(?:该|这个|这座|此)?(?:园区|产业园|园|合作区){_PARK_CLAUSE}", lead):
        target = antecedent
    else:
        return []
    if len(keys) < 2 or target.key in done or target.key in keys:
        return []
    return [ctx.fact("co_built", {"park": target.key, "partners": tuple(keys)}, "cobuilt.duties", 0.65)]


@cache
def _built_after_signing() -> re.Pattern:
    """The opening of a clause with no subject of its own that sets up a park: (并/决定)
    (在C)设立 / 共同(投资)建设 / 合建 … (and a quote the park's name may open with)"""
    return re.compile(rf"(?:并|将|决定|随后|共同|双方|两地){{0,2}}(?:在[^，,。；;：:]{{1,12}}?)?(?:投资|出资)?"
                      rf"(?:{_cue('cobuild_signed_verb', 'cobuild').pattern})了?[“「『\"]?")


@cache
def _joined_clause() -> re.Pattern:
    """A verb of joining that ends its clause (甲与乙深化合作，…; 甲乙两地携手，…)."""
    return re.compile(rf"(?:{_cue('cobuild_joined').pattern})(?=[，,])")


def _signers(ctx: Ctx) -> tuple[re.Match | None, list[str]]:
    """A与B签约 / 签署协议 (or A与B合作， / 携手，: a verb of joining that ends its clause): the
    signing words and the two places before them in their clause (none unless exactly two,
    joined by 与/和/同/、 or counted)."""
    text = ctx.sent.text
    sign = _cue("cobuild_signed").search(text) or _joined_clause().search(text)
    if sign is None:
        return None, []
    cs = sentence_clause_start(text, sign.start())
    signers = [lk for lk in ctx.items if cs <= ctx.rel(lk)[0] < sign.start()
               and ctx.cat(lk) == "Region" and not _is_site(ctx, lk)]
    keys = _collapse(ctx, signers)
    if len(keys) != 2 or not (re.search(r"与|和|同|、", text[cs:sign.start()]) or _plural(signers)):
        return sign, []
    return sign, keys


def _signed_then_run(ctx: Ctx, prev_park: Linked | None, done: set[str]) -> list[Fact]:
    """这里是P。甲与乙签约，双方…共同规划、共同招商: a sentence right after the one naming P,
    naming no other park (园区 for P may stand in it), in which two places sign and then
    plan or run something together (``cobuild_run``): they build P."""
    if prev_park is None or prev_park.key in done \
            or any(lk.key != prev_park.key for lk in ctx.of("Park")) \
            or ctx.sent.start - prev_park.end > _RUN_REACH:
        return []
    sign, keys = _signers(ctx)
    text = ctx.sent.text
    if not keys or prev_park.key in keys or not any(
            text[m.end():m.end() + 1] in ("", "、", "，", ",", "；", ";", "。")
            for m in _cue("cobuild_run").finditer(text, sign.end())):
        return []  # (共同规划一个物流园: another park, unnamed; the words stand alone)
    return [ctx.fact("co_built", {"park": prev_park.key, "partners": tuple(keys)},
                     "cobuilt.signed", 0.6)]


#: how far (characters) back the park a signing sentence goes on about may be named
_RUN_REACH = 80


def _signed_then_built(ctx: Ctx, parks: list[Linked], done: set[str]) -> list[Fact]:
    """A与B签约(签署协议)，在C设立P / ，共同建设P: the two places that sign build the park
    the next clause, which has no subject of its own, sets up."""
    text = ctx.sent.text
    sign, keys = _signers(ctx)
    if not keys:
        return []
    ends = [i for i in (text.find(c, sign.end()) for c in "，,") if i >= 0]
    if not ends:
        return []
    m = _built_after_signing().match(text, min(ends) + 1)
    if m is None:
        return []
    park = [lk for lk in parks if ctx.rel(lk)[0] == m.end() and lk.key not in done
            and lk.mention.how != "anaphor" and lk.key not in keys]
    if not park:
        return []
    return [ctx.fact("co_built", {"park": park[0].key, "partners": tuple(keys)},
                     "cobuilt.signed", 0.65)]


_PAIR_BRACKET = re.compile(r"[（(][^（()）]*[·・][^（()）]*[)）]")


def _bracket_pair(ctx: Ctx, lk: Linked, built_by: list[re.Match]) -> list[str]:
    """共建的某某（A·B）产业园: the two places joined by · in the brackets of a park's name
    build it, when a co-building verb stands right before the name (A(B) alone names an
    owner and a host: see enclaves())."""
    s = ctx.rel(lk)[0]
    if not any(0 <= s - cm.end() <= 1 and ctx.sent.text[cm.end():s] in ("", "的") for cm in built_by):
        return []
    m = lk.mention
    b = _PAIR_BRACKET.search(m.text)
    if not b:
        return []
    inside = [x.candidates[0] for x in m.inner
              if x.candidates and m.start + b.start() < x.start and x.end < m.start + b.end()]
    return _specific(ctx, inside) if len(inside) == 2 else []


def _copula_subject(ctx: Ctx, parks: list[Linked], clause_start: int, verb_end: int) -> Linked | None:
    """P是A与B合作共建的(园区): a park named at the opening of the clause, then 是, is what
    the verb builds when 的 follows the verb — even when a builder is a park itself
    (P是甲工业园区与乙县共建的园区), and not the park word after 的."""
    text = ctx.sent.text
    if text[verb_end:verb_end + 1] != "的":
        return None
    first = _park_opening(ctx, parks, clause_start)
    if first is None:
        return _carried_copula_subject(ctx, parks, clause_start)
    e = ctx.rel(first)[1]
    return first if text.startswith("是", e) and not text.startswith("是由", e) else None


def _park_opening(ctx: Ctx, parks: list[Linked], at: int) -> Linked | None:
    """The park named (not referred back to) right at offset ``at`` of the sentence."""
    return next((lk for lk in parks if ctx.rel(lk)[0] == at and lk.mention.how != "anaphor"), None)


def _carried_copula_subject(ctx: Ctx, parks: list[Linked], clause_start: int) -> Linked | None:
    """P位于Y，是A、B两地共同打造的园区: a clause that opens with 是 goes on about the park
    that opened the clause before it with a verb of lying somewhere (``carried_site``)."""
    text = ctx.sent.text
    if clause_start == 0 or not text.startswith("是", clause_start) \
            or text.startswith("是由", clause_start):
        return None
    first = _park_opening(ctx, parks, sentence_clause_start(text, clause_start - 1))
    if first is None:  # 位于Y的P，是A、B两地携手共建的平台: the park that ends the clause before
        ended = [lk for lk in parks if ctx.rel(lk)[1] == clause_start - 1 and lk.mention.how != "anaphor"
                 and text[ctx.rel(lk)[0] - 1:ctx.rel(lk)[0]] == "的"]
        return ended[-1] if ended else None
    return first if _cue("carried_site").match(text, ctx.rel(first)[1]) else None


def _built_before(text: str, park_starts: set[int]) -> list[re.Match]:
    """由A与B共同推进的P: a ``cobuild_attr`` verb says building together only right before
    的 and a park or zone (共同推进产业发展 builds nothing)."""
    return [m for m in _cue("cobuild_attr").finditer(text)
            if text[m.end():m.end() + 1] == "的" and m.end() + 1 in park_starts]


def _may_co_build(ctx: Ctx) -> bool:
    """The trigger gate of co_built(): each of its facts needs a ``cobuild`` cue of the
    sentence (cobuilt.verb, and cobuilt.name's ``built_by``), a ``cobuild_with`` cue
    (_built_with), a ``cobuild_signed`` cue (_signed_then_built), a ``cobuild_attr`` cue
    (_built_before), 分别 (_distributive), 负责 (_duties_shared), or
    a name holding two places (cobuilt.name). A sentence with none of them skips the
    family (keep this in step with co_built)."""
    text = ctx.sent.text
    return ("分别" in text or "负责" in text
            or any(c in text for c in _trigger_chars("cobuild", "cobuild_with", "cobuild_signed",
                                                     "cobuild_attr"))
            or any(len(lk.mention.inner) >= 2 for lk in ctx.items))


@cache
def _trigger_chars(*names: str) -> tuple[str, ...]:
    """Characters such that every word of the cue lists ``names`` holds one of them (chosen
    greedily from the words' first characters, so a word added to a list is covered too):
    a text without any of them has none of the words. First characters (共, 合, 联, 携, 签)
    are the rare adverbs and verbs; a shared tail (建 of 共建, 联合建设) is common prose; a
    word opening with 一 (一起建) is covered by its second character, 一 being everywhere."""
    words = {w for n in names for w in cues()[n]}
    lead = lambda w: w[1] if w[0] == "一" and len(w) > 1 else w[0]  # noqa: E731
    out: list[str] = []
    while words:
        best = max(sorted({lead(w) for w in words}), key=lambda c: sum(c in w for w in words))
        out.append(best)
        words = {w for w in words if best not in w}
    return tuple(out)


def _built_with(text: str, found: list[re.Match], park_starts: set[int]) -> list[re.Match]:
    """A携手B打造P / A联合B建设P: the verb after the partner, when no cue of ``found``
    covers it and a park follows it at once (了/的 between)."""
    out = []
    for w in _cue("cobuild_with").finditer(text):
        v = _cue("cobuild_with_verb").search(text, w.end() + 2, w.end() + 16)
        if v and not re.search(r"[，,。；;：:]", text[w.end():v.start()]) \
                and park_starts & {v.end(), v.end() + 1, v.end() + 2} \
                and not any(m.start() <= v.start() < m.end() for m in found):
            out.append(v)
    return out


def _zone_by(ctx: Ctx, lk: Linked) -> bool:
    """新区由A与B共同建设 / 划重点：某高新区由A与B合作共建: a zone (or a bare zone word)
    opening its sentence or clause before 由 is the subject of the co-building clause."""
    s, e = ctx.rel(lk)
    text = ctx.sent.text
    # (该示范区由A与B共建: a demonstrative may open the clause before the zone)
    if not _ZONE_DEMONSTRATIVE.fullmatch(text, sentence_clause_start(text, s), s):
        return False
    return text.startswith(("由", "是由", "系由"), e)


_ZONE_DEMONSTRATIVE = re.compile(r"(?:[“”\"「」\s]*(?:该|这个|这一|此))?")


def _zone_built(ctx: Ctx, lk: Linked) -> bool:
    """由A与B共建的某开发区 / 这个由A和B共同组建的新区: any zone (or its anaphor) right
    after a co-building verb and 的 is built too."""
    if not _is_zone(ctx, lk):
        return False
    s = ctx.rel(lk)[0]
    return bool(_cue_pattern(tuple(w + "的" for w in (*cues()["cobuild"], *cues()["cobuild_attr"])))
                .search(ctx.sent.text, max(0, s - 8), s)) \
        and ctx.sent.text[s - 1] == "的"


_PAIR_JOIN = re.compile(r"与|和|同|跟|及")


def _distributive_pairs(ctx: Ctx, parks: list[Linked]) -> list[Fact]:
    """P1、P2分别由A与B、C与D共建: the parks listed before 分别 and the pairs of places
    listed after it (、 between pairs, 与/和 inside one), matched in order when their
    numbers agree, up to a co-building verb."""
    text = ctx.sent.text
    i = text.find("分别")
    start = sentence_clause_start(text, i)
    listed = [lk for lk in parks if start <= ctx.rel(lk)[0] and ctx.rel(lk)[1] <= i
              and lk.mention.how != "anaphor"]
    verb = _cue("cobuild").search(text, i)
    if len(listed) < 2 or verb is None or re.search(r"[，,。；;：:]", text[i:verb.start()]):
        return []
    span = text[i + 2:verb.start()]
    groups = span.split("、")
    if len(groups) != len(listed):
        return []
    out, at = [], i + 2
    for park, group in zip(listed, groups):
        places = [lk for lk in ctx.items if ctx.cat(lk) == "Region"
                  and at <= ctx.rel(lk)[0] and ctx.rel(lk)[1] <= at + len(group)]
        keys = _specific(ctx, [lk.key for lk in places])
        if len(keys) != 2 or not _PAIR_JOIN.search(group):
            return []
        out.append(ctx.fact("co_built", {"park": park.key, "partners": tuple(keys)},
                            "cobuilt.verb", 0.7))
        at += len(group) + 1
    return out


def _distributive(ctx: Ctx, parks: list[Linked]) -> list[Fact]:
    text = ctx.sent.text
    i = text.find("分别")
    regions = [lk for lk in ctx.items if ctx.cat(lk) == "Region" and ctx.rel(lk)[1] <= i]
    after = [lk for lk in ctx.items if ctx.rel(lk)[0] > i and (
        ctx.cat(lk) == "Park" or lk.key.startswith("zone:"))]
    m = re.search(r"与", text[:i])
    if not m or not after:
        return []
    lead = _specific(ctx, [lk.key for lk in regions if ctx.rel(lk)[1] <= m.start()])
    others = _specific(ctx, [lk.key for lk in regions if ctx.rel(lk)[0] >= m.end()])
    if len(lead) != 1 or len(others) != len(after):
        return []
    return [ctx.fact("co_built", {"park": p.key, "partners": (lead[0], o)}, "cobuilt.verb", 0.7)
            for p, o in zip(after, others)]


# --------------------------------------------------------------------------- enclaves
_INNOVATION_PARK = re.compile(r"科技城|科学城|科创|创新|孵化|研发")


def _enclave_doc(doc: Document) -> bool:
    """Enclaves are only looked for in articles that talk about them (飞地, 离岸, 飞出地)."""
    return any(w in doc.norm for w in cues()["enclave_doc"])


#: the first lines of an article that may be its heading (a notice's issuer, its title)
_HEAD_LINES = 3
#: 飞地 as a place (飞地园区), not the policy (飞地经济)
_ENCLAVE_WORD = re.compile("飞地(?!经济)")


def _titled_enclave(doc: Document) -> bool:
    """Does the article's title say 飞地 (淄博市跨区县飞地园区建设管理办法)? Every park such a
    document lists item by item is read as a 飞地 candidate, whether or not its item says so."""
    head = [ln for ln in doc.norm.split("\n", 8) if ln.strip()][:_HEAD_LINES]
    return any(_ENCLAVE_WORD.search(ln) and not re.search("[。；;！？!?]", ln) for ln in head) \
        or bool(_ENCLAVE_WORD.search(doc.title or ""))


def _listed_parks(ctxs: list[Ctx]) -> set[str]:
    """Under a title saying 飞地 (:func:`_titled_enclave`), the parks named as the items of a
    list (a name opening its line, maybe numbered); none in another article (found once per
    article)."""
    memo = ctxs[0].doc_memo
    if "listed_parks" not in memo:
        memo["listed_parks"] = {lk.key for c in ctxs for lk in c.items if c.cat(lk) == "Park"
                                and lk.mention.how != "anaphor" and opens_item(c.doc.norm, lk.start, lk.end)
                                } if _titled_enclave(ctxs[0].doc) else set()
    return memo["listed_parks"]


def enclaves(ctx: Ctx, located: dict[str, set[str]]) -> list[Fact]:
    if "enclave_doc" not in ctx.doc_memo:  # once per document, not per sentence
        ctx.doc_memo["enclave_doc"] = _enclave_doc(ctx.doc)
    if not ctx.of("Park") and not _enclave_zones(ctx):
        return []  # both rules below are about a park of the sentence (or a zone called 飞地)
    if not ctx.doc_memo["enclave_doc"]:
        # 甲(乙)招商服务中心 / 甲(乙)科创中心: a place's centre inside another place is a
        # reverse enclave even where the article never says 飞地
        centres = [lk for lk in ctx.items if _bracket_centre(ctx, lk)]
        if not centres:
            return []
    else:
        centres = None
    facts = []
    text = ctx.sent.text
    if centres is None:
        facts += _enclave_by_verb(ctx)
    done = {f.args["enclave"] for f in facts if f.relation == "enclave"}
    if centres is None:
        facts += _enclave_built_by(ctx, located, done)
        done |= {f.args["enclave"] for f in facts if f.relation == "enclave"}
        facts += _enclave_of_owner(ctx, located, done)
    for lk in ctx.items:
        if ctx.cat(lk) != "Park" or lk.key in done or lk.mention.how == "anaphor":
            continue
        if centres is not None and lk not in centres:
            continue
        m = lk.mention
        places = [x for x in m.inner]
        kind = "reverse" if _reverse_said(ctx, lk) or innovation_name(m.text) else "forward"
        pm = _NAME_BRACKET.match(m.text) or _dot_enclave_name(m.text)
        if ctx.entities[lk.key].kind == "CoBuiltPark":
            pm = None  # 宁波(丽水)产业转移合作园区: co-built, not an enclave of one side
        if pm and places:
            owner = [x for x in places if x.end - m.start <= pm.end(1)]
            host = _in_bracket(m, pm)
            if owner:
                o = _zone_named(ctx, pm.group(1)) or _specific(
                    ctx, [x.candidates[0] for x in owner])[-1]
                by = set_up_by(ctx, lk)  # 由甲市乙区设立的甲(丙)…: 乙区, a part of the name's 甲市
                if by and o in _ancestors(ctx, by[-1]):
                    o = by[-1]
                stated = _site_places(ctx, lk.key, located) or _stated_before(ctx, lk)
                h = _specific(ctx, [x.candidates[0] for x in host])[-1] if host else None
                if stated:  # 位于株洲市的望城经开区(醴陵)…: the article says where
                    site = _specific(ctx, stated)[-1]
                    if not host:  # 黄冈(光谷)…: the host at the owner's level
                        h = _at_level(ctx, site, o)
                    elif site in _ancestors(ctx, h):
                        # 甲(乙区)… in a park of 乙区's city: the name says which part (at the
                        # owner's level: 乙区 for a county, its city for a city's zone)
                        h = _at_level(ctx, h, o)
                    elif h not in [site] + _ancestors(ctx, site) and not _named_in_province(ctx, h, site):
                        h = _at_level(ctx, site, o)  # the name's place is not where it stands
                said = set_up_site(ctx, lk)  # 甲在某区设立的甲(光谷)…: 某区
                if said and _unrelated(ctx, o, said) and (h is None or h == said
                                                          or h in _ancestors(ctx, said)):
                    h = _bracket_host(ctx, lk, said)
                if h and _unrelated(ctx, o, h) and len(_specific(ctx, [x.candidates[0] for x in owner])) == 1:
                    # (深圳百色(田阳)园: two places before the bracket build it; an enclave
                    # stands outside its owner)
                    facts.append(ctx.fact("enclave", {"enclave": lk.key, "host": h, "owner": o,
                                                      "kind": kind}, "enclave.name", 0.75))
                continue
        if "飞地" in m.text or ("飞地" in text and re.search(r"协同|飞地|中心|基地", m.text)):
            keys = _specific(ctx, [x.candidates[0] for x in places])
            if len(keys) == 2:
                host = [k for k in keys if k in located.get(lk.key, set())]
                if not host and (sides := mountain_side(keys, ctx.gaz)) is not None:
                    host = [sides[0]]  # 甲—乙“产业飞地” (乙 a mountain county): in 甲
                if not host and _owner_first(m):
                    host = [keys[1]]  # 甲—乙消薄飞地: 甲's villages own it, in 乙
                if len(host) == 1:
                    owner = [k for k in keys if k != host[0]][0]
                    facts.append(ctx.fact("enclave", {"enclave": lk.key, "host": host[0],
                                                      "owner": owner, "kind": kind},
                                          "enclave.name", 0.7))
    if centres is None:  # (这块“飞地”: a park named before, called an enclave again)
        done |= {f.args["enclave"] for f in facts if f.relation == "enclave"}
        facts += _called_enclave(ctx, located, done)
    return facts


def _called_enclave(ctx: Ctx, located: dict[str, set[str]], done: set[str]) -> list[Fact]:
    """甲与乙合作共建的甲—乙某某产业园… ‘这块“飞地”越长越大’: a park named after two places
    and called 飞地 again by a demonstrative is an enclave — in the one of the two it is
    placed in, owned by the other. (A name that says it is an enclave itself, 甲(乙)科创飞地,
    is read from the name where it is written.)"""
    out = []
    for lk in ctx.items:
        m = lk.mention
        if (m.how != "anaphor" or ctx.cat(lk) != "Park" or lk.key in done
                or "飞地" not in m.text or m.text.startswith("飞地")):
            continue
        label = ctx.entities[lk.key].label
        if "飞地" in label or _NAME_BRACKET.match(label) or innovation_name(label):
            continue
        keys = _specific(ctx, ctx.named.get(lk.key, []))
        host = [k for k in keys if k in located.get(lk.key, set())]
        if len(keys) == 2 and len(host) == 1:
            owner = next(k for k in keys if k != host[0])
            kind = "reverse" if _reverse_said(ctx, lk) else "forward"
            out.append(ctx.fact("enclave", {"enclave": lk.key, "host": host[0], "owner": owner,
                                            "kind": kind}, "enclave.called", 0.6))
            done = done | {lk.key}
    return out


def _owner_first(m: Mention) -> bool:
    """甲—乙消薄飞地: a name of two places joined by a dash, with a word saying the first owns
    it (``owner_first`` of enclave_cues.json)."""
    words = read_json("enclave_cues.json")["owner_first"]
    places = sorted((x for x in m.inner if x.category == "Region"), key=lambda x: x.start)
    return any(w in m.text for w in words) and len(places) == 2 and \
        m.text[places[0].end - m.start:places[1].start - m.start] in DASHES


def _reverse_said(ctx: Ctx, park: Linked) -> bool:
    """A reverse-enclave word (科创飞地, 离岸, 反向) in the park's own name or in the sentence
    outside the names of other parks and firms (一方面共建某产业园，另一方面设立某科创飞地:
    the second name makes only its own park reverse)."""
    rev = _cue("reverse")
    return bool(rev.search(park.mention.text) or rev.search(_masked(ctx)))


def _bracket_centre(ctx: Ctx, lk: Linked) -> bool:
    """甲(乙)…中心 named after two places, an innovation/recruiting centre of the first."""
    if ctx.cat(lk) != "Park" or ctx.entities[lk.key].kind != "InnovationCentre":
        return False
    m = lk.mention
    return (re.match(r"^[^(（]+[(（][^)）]+[)）]", m.text) is not None
            and any(x.start == m.start for x in m.inner) and innovation_name(m.text))


def _stated_before(ctx: Ctx, lk: Linked) -> list[str]:
    """位于武汉市东湖高新区光谷企业天地的P: the places between 位于 and P in its clause."""
    text = ctx.sent.text
    s, _ = ctx.rel(lk)
    start = sentence_clause_start(text, s)
    m = None
    for m in _cue("located").finditer(text, start, s):
        pass
    if m is None:
        return []
    out = []
    for x in ctx.items:
        if m.end() <= ctx.rel(x)[0] and ctx.rel(x)[1] <= s and ctx.cat(x) == "Region":
            k = x.key if x.key in ctx.gaz.places else ctx.entities[x.key].parent
            if k in ctx.gaz.places:
                out.append(k)
    return out


def _site_places(ctx: Ctx, key: str, located: dict[str, set[str]]) -> list[str]:
    """Places of the gazetteer where the article puts ``key``: stated directly, or through
    the park or zone it stands in (芯谷中心 → 滨江高新区 → 杭州市)."""
    out: list[str] = []
    seen, frontier = {key}, [key]
    for _ in range(4):
        nxt = []
        for k in frontier:
            ups = set(located.get(k, ()))
            if k != key and k in ctx.entities and ctx.entities[k].parent:
                ups.add(ctx.entities[k].parent)
            elif k != key and not ups:  # 入驻苏陕西安科技城: where its name says
                ups.update(_specific(ctx, ctx.named.get(k, []))[-1:])
            for u in sorted(ups):
                if u in seen:
                    continue
                seen.add(u)
                (out if u in ctx.gaz.places else nxt).append(u)
        if out:
            return out
        frontier = nxt
    return out


def _level(ctx: Ctx, key: str) -> int | None:
    while key and key not in ctx.gaz.places:
        key = ctx.entities[key].parent if key in ctx.entities else None
    return ctx.gaz.places[key].level if key else None


def _at_level(ctx: Ctx, place: str, like: str) -> str:
    """The place containing ``place`` at the administrative level of ``like`` (a host is
    named at its owner's level: 武汉 for an owner 咸宁 even when the site is a zone)."""
    want = _level(ctx, like)
    if want is None or place not in ctx.gaz.places or _municipality(ctx, like):
        return place  # (上海在某县的飞地: a municipality owns in a county as a city does; no province)
    prev = place
    for k in [place] + ctx.gaz.ancestors(place):
        if ctx.gaz.places[k].level <= want:
            # (a county of a municipality has no city above it: 重庆市某县 stays the county)
            return k if ctx.gaz.places[k].level == want else prev
        prev = k
    return place


def _municipality(ctx: Ctx, key: str) -> bool:
    """北京市, 上海市, 天津市, 重庆市: a province-level city."""
    p = ctx.gaz.places.get(key)
    return p is not None and p.level == 0 and p.name.endswith("市")


def _host_at_level(ctx: Ctx, host: Linked, owner: Linked, enclave: Linked) -> str:
    """A在B市C新区设立…飞地: the host as the enclave's name brackets it (A(B)飞地), else at
    the owner's level (B市 for an owner city)."""
    key = host.key
    while key not in ctx.gaz.places and key in ctx.entities and ctx.entities[key].parent:
        key = ctx.entities[key].parent
    if key not in ctx.gaz.places:
        return host.key
    m = enclave.mention
    at = max(m.text.find("("), m.text.find("（"))
    named = [x.candidates[0] for x in m.inner if at >= 0 and x.start - m.start > at and x.candidates]
    up = [key] + ctx.gaz.ancestors(key)
    inside = [k for k in named if k in ctx.gaz.places and key in ctx.gaz.ancestors(k)]
    named = [k for k in named if k in up] or inside  # 甲(乙区)… set up in 乙区's city: 乙区
    return named[0] if named else _at_level(ctx, key, owner.key)


def _named_in_province(ctx: Ctx, named: str, site: str) -> bool:
    """甲(南京)… 落户江苏: the site stated is a province and the place the name brackets
    lies in it — the name says which part of it hosts the enclave."""
    return (site in ctx.gaz.places and ctx.gaz.places[site].level == 0
            and site in _ancestors(ctx, named))


def _bracket_host(ctx: Ctx, enclave: Linked, said: str) -> str:
    """甲在乙市丙区设立的甲(乙)…: the host is the place the name brackets (乙市) when the
    site stated in the sentence (丙区, its address chain 乙市丙区) lies in it; else the
    stated site (甲(光谷)…). A development zone of the bracketed place that the sentence
    states (甲在乙市高新区设立的甲(乙)科创飞地) is where it stands (located-in), not its host:
    the host is the place the name brackets, as the annotated articles give it."""
    m = enclave.mention
    at = max(m.text.find("("), m.text.find("（"))
    if at < 0:
        return said
    chain = set_up_chain(ctx, enclave)
    if not chain or chain[-1] != said:
        chain = [said]
    up = [k for c in reversed(chain) for k in [c] + _ancestors(ctx, c)]
    named = [x.candidates[0] for x in m.inner if x.start - m.start > at and x.candidates]
    if named and _named_in_province(ctx, named[-1], said):
        return named[-1]
    named = [k for k in named if k in up]
    if len(named) >= 2 and all(a in _ancestors(ctx, b) for a, b in zip(named, named[1:])):
        return named[-1]  # 甲(乙市丙区)…: the bracket's own address, its last place
    return max(named, key=up.index) if named else said


#: 甲设在乙的飞地, 甲布局在乙的飞地: a verb of placing before 在 (the 在 itself not matched)
_PUT_AT = re.compile(r"(?:(?:设|布局|建|落户|落|放|安)(?=在))?")

_OWNER_ADVERBS = re.compile(r"(?:近日|日前|近期|今年|去年|前年|年初|此前|已经|已|也|还|又|正式|专门|率先|先后|首次"
                            r"|\d{4}年(?:\d{1,2}月)?)*")


def _enclave_zones(ctx: Ctx) -> list[Linked]:
    """The sentence's cooperation zones that a sentence of the article calls 飞地 (甲在乙境内
    管理建设的某特别合作区 … 被视为“飞地”型特别合作区): an enclave may be a zone, not a park."""
    called = ctx.doc_memo.get("zones_called_enclave")
    if not called:
        return []
    return [lk for lk in ctx.items if lk.key in called and lk.mention.how != "anaphor"]


#: 在乙省外, 在乙以外: a place written before these is where something is not
_OUTSIDE = re.compile(r"(?:以|之)?外(?!资|商|企|贸|经|向)")

#: 除(了)…飞地(以)外: what the sentence sets apart from the enclave is not one
_BESIDES_ENCLAVE = re.compile(r"除(?:了)?[^，,。；;]{0,12}?飞地[^，,。；;]{0,4}?(?:以)?外")


_ROLE_LINK = re.compile(r"(?:为|是|在|：|:)?")


def _role_place(ctx: Ctx, regions: list[Linked], cue: re.Match) -> Linked:
    """The place of a role word (飞出地为甲, 以乙为飞入地): the one right after it, else the
    one nearest to it."""
    at = _ROLE_LINK.match(ctx.sent.text, cue.end()).end()
    after = [r for r in regions if ctx.rel(r)[0] == at]
    return after[0] if after else min(regions, key=lambda r: abs(ctx.rel(r)[1] - cue.start()))


def _enclave_by_verb(ctx: Ctx) -> list[Fact]:
    """A在B设立/建设…飞地P; 以A为飞出地、B为飞入地 … P."""
    text = ctx.sent.text
    zones = _enclave_zones(ctx)
    parks = ctx.of("Park") + zones
    said = _BESIDES_ENCLAVE.sub("", text)  # 除飞地外，两地还合作建设了P: P is not the enclave
    if not any(w in said for w in (*of_enclave_words(), "飞出地")) and (
            not (zones or any(p.key in ctx.doc_memo.get("called_enclave", ()) for p in parks))
            or _cue("cobuild").search(text)):
        return []  # (深圳在汕尾建设P。这块“飞地”…: P is called 飞地 where it is referred to;
        # built together, it is left to enclave.cobuilt)
    regions = [r for r in ctx.of("Region") if r not in zones]
    if not parks or len(regions) < 2:
        return []
    owner = host = None
    of_said = False  # 甲在乙的“飞地” (not a verb of building)
    out_m, in_m = re.search("飞出地", text), re.search("飞入地", text)
    if out_m and in_m:
        owner, host = _role_place(ctx, regions, out_m), _role_place(ctx, regions, in_m)
    else:
        for a in regions:
            if _joint_second(ctx, regions, a):
                continue  # 甲与乙在乙某镇共建P: the two build it together (enclave.cobuilt)
            e = _OWNER_ADVERBS.match(text, ctx.rel(a)[1]).end()  # 甲近日在乙设立…
            e = _PUT_AT.match(text, e).end()  # 甲设在乙的“飞地”
            if text[e:e + 1] != "在":
                continue
            b = [r for r in regions if ctx.rel(r)[0] == e + 1]
            while b and [r for r in regions if ctx.rel(r)[0] == ctx.rel(b[0])[1]]:
                b = [r for r in regions if ctx.rel(r)[0] == ctx.rel(b[0])[1]]  # 杭州市余杭区
            if b and _OUTSIDE.match(text, ctx.rel(b[0])[1]):
                continue  # 甲在乙省外建设的飞地: outside 乙, not in it
            built = _owner_builds().match(text, ctx.rel(b[0])[1]) if b else None
            if built and owner is None:
                owner, host = a, b[0]
            if built and built.group(1) is None:
                owner, host = a, b[0]  # P是丙在丁设立的分区，也被称作甲在乙的“飞地”: 飞地 said
                of_said = True
                break
    if owner is None or host is None or owner.key == host.key:
        return []
    # (这块飞地坐落在P，系A在B布局的飞地: the park the sentence is about, not its site P)
    target = [p for p in parks if ctx.rel(p)[0] > ctx.rel(host)[1]][:1] or _not_sites(ctx, parks)[-1:]
    # 甲县、乙县在丙区分别设立“甲·丙飞地”…: the owner of the list the enclave is named after
    listed = _run(ctx, [r for r in regions if ctx.rel(r)[1] <= ctx.rel(owner)[1]][::-1], backwards=True)
    first = [x.candidates[0] for x in target[0].mention.inner
             if x.start == target[0].mention.start and x.candidates]
    owner_key = first[0] if first and first[0] in listed else owner.key
    kind = "reverse" if _reverse_said(ctx, target[0]) or innovation_name(target[0].mention.text) \
        else "forward"
    said = set_up_site(ctx, target[0])  # A在B市C区设立…: C区 as stated
    if said is None or not _unrelated(ctx, owner_key, said):
        said = _host_at_level(ctx, host, owner, target[0])
    else:
        said = _bracket_host(ctx, target[0], said)
    if said == owner_key or owner_key in _ancestors(ctx, said):
        return []  # 甲与乙在甲市某区共建“甲乙园”: built together, not one side's (enclave.cobuilt)
    out = [ctx.fact("enclave", {"enclave": target[0].key, "host": said,
                                "owner": owner_key, "kind": kind}, "enclave.verb", 0.7)]
    if of_said:  # (P…也被称作甲在乙的“飞地”: in 乙)
        out.append(ctx.fact("located_in", {"entity": target[0].key, "place": host.key},
                            "located.of_enclave", 0.6))
    return out


def _joint_second(ctx: Ctx, regions: list[Linked], a: Linked) -> bool:
    """Is ``a`` the second of two places joined by 与/和/同 (甲与乙在…), so that the two are
    the subject together?"""
    s = ctx.rel(a)[0]
    return ctx.sent.text[s - 1:s] in ("与", "和", "同", "及") and any(
        ctx.rel(r)[1] == s - 1 for r in regions)


@lru_cache(maxsize=1)
def _owner_builds() -> re.Pattern:
    """甲在乙(某工业园区内)(划定若干亩土地)建设…: the verb of building after the host, maybe
    after a park of it and what the owner does there first (``first_steps`` in
    ``data/enclave_cues.json``: a plot marked out, a building rented, maybe a comma after it)."""
    steps = alternation(read_json("enclave_cues.json")["first_steps"])
    return re.compile(r"(?:[\u4e00-\u9fff]{0,8}?(?:园区|工业园|产业园|开发区|高新区|新区)[内里]?"
                      r"|[\u4e00-\u9fff\d]{0,14}?(?:大厦|大楼|写字楼|办公楼|楼宇)[内里])?"  # (某路一栋写字楼内)
                      rf"(?:[\u4e00-\u9fff]{{0,3}}?|(?:{steps})[^，,。；;：:！？!?]{{0,12}}?[，,]?)"
                      r"(管理建设|设立|建设|建起|打造|布局|建立|共建|开设|设置|成立)"
                      r"|的(?:一块|一片|一处|一个|首块|首个|第一个|第一块|又一个|又一块)?[“「『\"]?(?:反向|科创|产业)?"
                      r"(?=飞地(?:[”」』\"，,。；;]|园|$))")
    # (P是甲在乙的一块“飞地”, 甲在乙的首个“反向飞地”; 甲在乙的飞地经济 is a policy, no park)


#: 甲(乙)…: the part before the first bracket, and what the bracket holds
_NAME_BRACKET = re.compile(r"^(.+?)[(（](.+?)[)）]")


_NAME_DOT = re.compile(r"^([^·・]+?)[·・]([^·・]+)$")


def _dot_enclave_name(name: str) -> re.Match | None:
    """衡水·北京科创飞地, 永州·深圳离岸创新中心: an enclave named owner·host, read like
    甲(乙)…: group 1 the owner's part, group 2 the host's (and the rest of the name). Only
    with an enclave word in the name (飞地, a reverse word): 甲·乙产业合作园 is co-built."""
    if "飞地" not in name and not _cue("reverse").search(name):
        return None
    return _NAME_DOT.match(name)


def _in_bracket(m: Mention, pm: re.Match) -> list[Mention]:
    """The places inside a name's bracket (``pm``: :data:`_NAME_BRACKET` on its text)."""
    return [x for x in m.inner if x.start - m.start >= pm.start(2) and x.end - m.start <= pm.end(2)]


def _enclave_built_by(ctx: Ctx, located: dict[str, set[str]], done: set[str]) -> list[Fact]:
    """甲(乙)飞地园由丙全额出资: a park named a 飞地 that one place funds alone is that
    place's enclave, hosted by the place its name brackets, else where it is said to stand."""
    out = []
    for lk in ctx.of("Park"):
        if lk.key in done or lk.mention.how == "anaphor" or "飞地" not in lk.mention.text:
            continue
        chain = builder_said(ctx, lk)
        if not chain:
            continue
        owner = _specific(ctx, chain)[-1]
        m = lk.mention
        pm = _NAME_BRACKET.match(m.text)
        named = [x.candidates[0] for x in _in_bracket(m, pm) if x.candidates] if pm else []
        sites = _specific(ctx, named) or _specific(ctx, _site_places(ctx, lk.key, located)
                                                   or _stated_before(ctx, lk))
        if not sites or not _unrelated(ctx, owner, sites[-1]):
            continue
        kind = "reverse" if _reverse_said(ctx, lk) or innovation_name(m.text) else "forward"
        out.append(ctx.fact("enclave", {"enclave": lk.key, "host": sites[-1], "owner": owner,
                                        "kind": kind}, "enclave.funded", 0.7))
    return out


def _enclave_of_owner(ctx: Ctx, located: dict[str, set[str]],
                      done: set[str]) -> list[Fact]:
    """P，这块A在B的“飞地园区” / A在B的飞地——P: A owns the park named beside the words
    (the last before them, else the first after); B hosts it, or, when B is no place of
    the gazetteer (苏北) or not said (A的科创飞地——P), the place its name or the article
    puts it in (never A itself: 某区的飞地 may be the ones it hosts)."""
    if not any(w in ctx.sent.text for w in of_enclave_words()):
        return []
    out = []
    for owner, chain, s, e, said_where in owners_said(ctx):
        parks = [p for p in ctx.of("Park") if p.key not in done]
        if said_where:
            # (这块飞地坐落在P，系A在B布局的飞地: the park the sentence is about, not its site P)
            target = [p for p in _not_sites(ctx, ctx.of("Park")) if ctx.rel(p)[1] <= s][-1:]
            if target and target[0].key in done:
                continue
            target = target or [p for p in parks if ctx.rel(p)[0] >= e][:1]
        else:  # A的科创飞地——P / A的“飞地”P: the park right after
            target = [p for p in parks if 0 <= ctx.rel(p)[0] - e <= 2
                      and re.fullmatch(r"[—\-–－:：“「]*", ctx.sent.text[e:ctx.rel(p)[0]])]
        if not target:
            continue
        park, o = target[0], owner.key
        host = chain[-1] if chain and _unrelated(ctx, o, chain[-1]) else None
        if host is None:  # where the sentence sets it up (P落户B), else its name or site
            host = set_up_site(ctx, park)
            host = _bracket_host(ctx, park, host) if host and _unrelated(ctx, o, host) else None
        if host is None:
            named = [x.candidates[0] for x in park.mention.inner if x.candidates]
            named = _specific(ctx, [k for k in named if _unrelated(ctx, o, k)])
            sites = _specific(ctx, [k for k in _site_places(ctx, park.key, located)
                                    if _unrelated(ctx, o, k)])
            host = named[-1] if named else (_at_level(ctx, sites[-1], o) if sites else None)
        if host is None or not _unrelated(ctx, o, host):
            continue
        kind = "reverse" if _reverse_said(ctx, park) or innovation_name(park.mention.text) \
            else "forward"
        done.add(park.key)
        out.append(ctx.fact("enclave", {"enclave": park.key, "host": host, "owner": o,
                                        "kind": kind}, "enclave.of", 0.65))
        if chain and host == chain[-1]:  # (P…是甲在乙的“飞地”园区: in 乙, see _of_enclave_sites)
            out.append(ctx.fact("located_in", {"entity": park.key, "place": host},
                                "located.of_enclave", 0.6))
    return out


def _zone_named(ctx: Ctx, text: str) -> str | None:
    """The zone entity a bracket name's owner part refers to (望城经开区 → 长沙望城经开区)."""
    if not re.search(r"(开发区|经开区|高新区|合作区|新区)$", text):
        return None
    forms = [text]  # (甲经开区 of 甲经济技术开发区: the zone's short name)
    for short, longs in long_suffixes().items():
        if text.endswith(short):
            forms += [text[:-len(short)] + long for long in longs]
    for key, e in _zones(ctx):
        if any(label.endswith(f) for label in (e.label, *sorted(e.alt_labels)) for f in forms):
            return key
    return None


# --------------------------------------------------------------------------- twinning
def twinning(ctx: Ctx) -> list[Fact]:
    if len(ctx.of("Region")) < 2:
        return []  # every rule pairs two places of the sentence
    if _pairing_denied(ctx):
        return []  # 两地并无结对帮扶关系: a pairing the sentence says there is not
    schemes = [ctx.fact("twinning", {"a": a, "b": b, "kind": kind}, "twin.scheme", 0.6)
               for a, b, kind in abbreviated_schemes(ctx, _masked(ctx)) if _unrelated(ctx, a, b)]
    schemes += _aid_given(ctx)
    if not _cue("twinning").search(ctx.sent.text):
        # every rule but the stationed team needs a pairing cue (_PAIR_CUE's words are cues)
        listed = _joined_pairs(ctx) if _forms()["pairs_work"].search(ctx.sent.text) or \
            _PAIR_COUNT.search(ctx.sent.text) else []
        return once_per_pair((_stationed_team(ctx) if "驻" in ctx.sent.text else []) + listed + schemes
                             + _pair_item(ctx))
    return once_per_pair(_twinning(ctx) + _two_sides(ctx) + schemes)


@cache
def _aid_given_pattern() -> re.Pattern:
    """甲累计向乙投入帮扶资金3亿元 / 甲为乙选派挂职干部: a verb of giving, then paired aid
    (``aid_verb``, ``aid_given`` of twin_cues.json)."""
    c = read_json("twin_cues.json")
    return re.compile(f"(?:{alternation(c['aid_verb'])})了?[^，,。；;]{{0,10}}?(?P<aid>{alternation(c['aid_given'])})")


_AID_LEAD = re.compile(r"(?:累计|共|先后|今年|去年|已经|已|还|每年|\d{4}年(?:以来)?|多年来)*(?:向|为|给)$")


def _aid_given(ctx: Ctx) -> list[Fact]:
    """甲累计向乙投入帮扶资金3亿元, 甲为乙选派挂职干部12名: the giver (right before 向/为)
    and the receiver (right after it) of paired aid are paired."""
    text = ctx.sent.text
    if "资金" not in text and "干部" not in text and "项目" not in text:
        return []
    out = []
    regions = ctx.of("Region")
    for m in _aid_given_pattern().finditer(text):
        got = [lk for lk in regions if ctx.rel(lk)[1] == m.start()]
        if not got:
            continue
        b = got[0]
        while (prev := [lk for lk in regions if ctx.rel(lk)[1] == ctx.rel(b)[0]
                        and lk.key in _ancestors(ctx, b.key)]):
            b = prev[0]  # (向某省某县: the address chain's first place opens it)
        lead = _AID_LEAD.search(text, max(0, ctx.rel(b)[0] - 12), ctx.rel(b)[0])
        if lead is None:
            continue
        giver = [lk for lk in regions if ctx.rel(lk)[1] == lead.start()]
        if giver and _unrelated(ctx, giver[0].key, got[0].key):
            out.append(ctx.fact("twinning", {"a": giver[0].key, "b": got[0].key, "kind": m.group("aid")[:2]},
                                "twin.aid", 0.55))
    return out


def _pairing_denied(ctx: Ctx) -> bool:
    """Is every pairing cue of the sentence denied — a word of denial earlier in its clause
    (甲与乙之间不存在结对关系, 甲县尚未与乙县结对, 并非结对关系)?"""
    text = _masked(ctx)
    cues = list(_cue("twinning").finditer(text))
    if not cues:
        return False
    denied = _cue_re(read_json("twin_cues.json")["denied"])
    return all(denied.search(text, sentence_clause_start(text, m.start()), m.start()) for m in cues)


#: A自2010年起对口支援B、C (A持续做好对口支援B、C工作): when the pairing began, or how it
#: goes on, between the one place and the cue
_SINCE = re.compile(r"(?:(?:自|从|于)?(?:\d{2,4}|[〇零一二三四五六七八九十]{2,4})年(?:\d{1,2}月)?"
                    r"(?:起|以来|开始)?|长期|持续|继续|一直|先后|多年来|扎实|全力|做好|抓好|深化)+(?:就|便|即)?")


def _twinning(ctx: Ctx) -> list[Fact]:
    facts = _stationed_team(ctx) or _paired_lists(ctx) or _joined_pairs(ctx)
    if facts:  # and a pair another clause states (A与B建立对口关系，甲、乙分别与丙、丁结对)
        return facts + _clause_pairs(ctx, {k for f in facts for k in (f.args["a"], f.args["b"])})
    text = _masked(ctx)
    cue = _cue("twinning")
    sm = first_cue(cue, text) or _listed_verb_cue(ctx, cue, text)
    if sm and _people_before(text, sm.start()):
        sm = None  # 两地居民结对共建: people pair up, not the governments
    regions = _without_venues(ctx, _not_locating(ctx, ctx.of("Region")))
    divisions = [lk for lk in regions if ctx.entities[lk.key].kind != "CooperationZone"]
    built_zone = bool(sm) and len(_collapse(ctx, divisions)) == 2 and len(_collapse(ctx, regions)) == 3
    if built_zone:
        regions = divisions  # 甲乙合作区是甲、乙两市在对口帮扶框架下共同打造的: the zone is what they built
    if sm and len(_collapse(ctx, regions)) == 2 and not any(  # (甲区在乙省丙州对口支援丁县: below)
            _venue_between(ctx, ctx.rel(lk)[1], sm.start()) for lk in regions):
        a, b = _collapse(ctx, regions)
        near = _dashed_pair(ctx, sm.start()) or _clause_pair(ctx, sm.start())
        if near and built_zone and any(ctx.entities[k].kind == "CooperationZone" for k in near):
            near = None  # (the zone they built is no side)
        if near:  # A与B推动山海协作，扩建位于B市C县的…: the clause of the cue says who
            a, b = near
        if not _unrelated(ctx, a, b) or _objects_only(ctx, regions, sm.end()) \
                or _one_side_list(ctx, regions, sm.start()):
            return []
        return [ctx.fact("twinning", {"a": a, "b": b, "kind": sm.group(0)}, "twin.verb", 0.7)]
    for cs, ce in clauses(text):
        clause = text[cs:ce]
        cm = first_cue(cue, clause)
        if not cm or _people_before(clause, cm.start()):
            continue
        carried = carried_pairs(ctx, cs, ce, cue.match(text, cs + cm.start()), _run)
        if carried:  # (某县…，与某区建立结对关系 / 目前对口支援甲县、乙县)
            facts += [ctx.fact("twinning", {"a": a, "b": b, "kind": cm.group(0)}, "twin.carried", 0.6)
                      for a, b in carried if _unrelated(ctx, a, b)]
            continue
        regions = _without_venues(ctx, _not_locating(
            ctx, [lk for lk in ctx.items if ctx.cat(lk) == "Region"
                  and cs <= ctx.rel(lk)[0] < ce and not joint_abbreviation(ctx, lk)]))
        if not regions:  # 按照甲乙对口合作安排，丙区…: the clause's one pair is the scheme's
            facts += _scheme_pair(ctx, cs, ce, cs + cm.start(), cm.group(0))
            continue
        keys = _dashed_pair(ctx, cs + cm.start()) or _around_cue(ctx, regions, cs + cm.start(), cs + cm.end()) \
            or _specific(ctx, _placed_towns(ctx, regions))
        if len(keys) == 2 and not _objects_only(ctx, regions, cs + cm.end()):
            facts.append(ctx.fact("twinning", {"a": keys[0], "b": keys[1], "kind": cm.group(0)},
                                  "twin.verb", 0.7))
        elif len(keys) > 2:
            # A对口帮扶B: the places right around the cue
            left = _before_venue(ctx, [lk for lk in regions if ctx.rel(lk)[1] <= cs + cm.start()],
                                 cs + cm.start())
            right = [lk for lk in regions if ctx.rel(lk)[0] >= cs + cm.end()]
            gap = text[cs + cm.end():ctx.rel(right[0])[0]] if right else "、"
            if left and right and len(gap) <= 2 and "、" not in gap and (
                    (cs + cm.start()) - ctx.rel(left[-1])[1] <= 2
                    or _TWIN_LEAD.fullmatch(text, ctx.rel(left[-1])[1], cs + cm.start())
                    or _SINCE.fullmatch(text, ctx.rel(left[-1])[1], cs + cm.start())
                    or _venue_between(ctx, ctx.rel(left[-1])[1], cs + cm.start())):
                # A、B对口帮扶C / A对口帮扶B、C: every place of a list is paired
                for a in _run(ctx, left[::-1], backwards=True):
                    for b in _run(ctx, right):
                        if _unrelated(ctx, a, b):
                            facts.append(ctx.fact("twinning", {"a": a, "b": b, "kind": cm.group(0)},
                                                  "twin.verb", 0.65))
            elif left and not right:
                facts += [ctx.fact("twinning", {"a": a, "b": b, "kind": cm.group(0)}, "twin.verb", 0.65)
                          for a, b in _with_each(ctx, left, cs + cm.start())
                          or _list_with_one(ctx, left, cs + cm.start())]
    if sm and "援建" in text:
        facts += _aid_pairs(ctx, sm.group(0))
    return facts


#: 甲市、乙市援建丙县: the verb of aid between the helpers and the one they help
_AID_PAIR = re.compile(r"(?:分别|先后|共同|重点|主要|对口)?援建")


def _aid_pairs(ctx: Ctx, kind: str) -> list[Fact]:
    """自甲省对口支援乙地区以来，丙市、丁市援建戊县，己市援建庚县: in a sentence of counterpart
    aid, each clause whose places before 援建 help the one place that ends it pairs them
    (援建 of a park, 甲援建乙的P, is no clause of this form: the clause goes on after 乙)."""
    text = ctx.sent.text
    out = []
    regions = ctx.of("Region")
    for m in _AID_PAIR.finditer(text):
        cs, ce = sentence_clause_start(text, m.start()), clause_stop(text, m.end())
        left = [lk for lk in regions if cs <= ctx.rel(lk)[0] and ctx.rel(lk)[1] <= m.start()]
        right = [lk for lk in regions if ctx.rel(lk)[0] >= m.end() and ctx.rel(lk)[1] <= ce]
        if not left or not right or ctx.rel(left[-1])[1] != m.start() or ctx.rel(right[0])[0] != m.end() \
                or ctx.rel(left[0])[0] - cs > 2:  # (省内甲市、乙市援建丙县: a short lead may open it)
            continue
        takers = _run(ctx, right)
        if len(takers) != 1 or ctx.rel(right[-1])[1] != ce:
            continue
        for a in _run(ctx, left[::-1], backwards=True):
            if _unrelated(ctx, a, takers[0]):
                out.append(ctx.fact("twinning", {"a": a, "b": takers[0], "kind": kind}, "twin.aid", 0.6))
    return out


#: 深圳市则单独对口支援A和B: adverbs between the helping place and the cue
_TWIN_LEAD = re.compile(r"(?:则|也|还|又|都|均|将|已|单独|独自|继续|持续|长期|共同|重点|主要|一直|正式)*")


def _one_side_list(ctx: Ctx, regions: list[Linked], at: int) -> bool:
    """(深化)与甲县、乙县的结对帮扶: places listed after 与 right before the cue are the
    partners of a side the sentence leaves out, not a pair of each other."""
    text = ctx.sent.text
    before = [lk for lk in regions if ctx.rel(lk)[1] <= at]
    if len(before) < 2 or text[ctx.rel(before[-1])[1]:at] not in ("", "的"):
        return False
    i, listed = len(before) - 1, False
    while i > 0:
        gap = text[ctx.rel(before[i - 1])[1]:ctx.rel(before[i])[0]]
        if gap in ("、", "和", "及"):
            listed = True
        elif gap:
            break
        i -= 1
    return listed and text.endswith(("与", "同"), 0, ctx.rel(before[i])[0])


def _around_cue(ctx: Ctx, regions: list[Linked], start: int, end: int) -> list[str]:
    """[A, B] for 关于A对口帮扶B的部署 in a clause naming more places: the places right before
    and right after the cue (an address chain by its last place) are the pair, when the
    clause's others stand apart from them (its subject, a place of a larger one the pair
    lies in, is not a side); else []."""
    text = ctx.sent.text
    left = [lk for lk in regions if ctx.rel(lk)[1] == start or _SINCE.fullmatch(text, ctx.rel(lk)[1], start)]
    right = [lk for lk in regions if ctx.rel(lk)[0] == end]
    if len(regions) < 3 or not left or not right:
        return []
    b_lk = chain_end(ctx, right[0])
    a_start, b_end = ctx.rel(left[-1])[0], ctx.rel(b_lk)[1]
    while (before := [lk for lk in regions if ctx.rel(lk)[1] == a_start]):
        a_start = ctx.rel(before[0])[0]  # (长沙市开福区: the chain's start)
    listed = (a_start > 0 and text[a_start - 1] in "、和与及") or text[b_end:b_end + 1] in ("、", "和", "与", "及")
    owned = text[b_end:b_end + 1] == "的" and any(ctx.rel(lk)[0] == b_end + 1 for lk in regions)
    if listed or owned:
        return []  # A、B对口帮扶C: a list, left to the rules that pair each (乙地区的丙县: 丙县)
    a, b = left[-1].key, b_lk.key
    if a == b or not _unrelated(ctx, a, b):
        return []
    return [a, b]


def _listed_verb_cue(ctx: Ctx, cue: re.Pattern, text: str) -> re.Match | None:
    """甲参与扶贫工作、对口帮扶乙: a cue after 、 (else a kind of work in a list) with a place
    right after it is the second of two verbs of one subject."""
    starts = {ctx.rel(lk)[0] for lk in ctx.of("Region")}
    for m in cue.finditer(text):
        if text[m.start() - 1:m.start()] == "、" and m.end() in starts:
            return m
    return None


_LOCATING = re.compile(r"所在(?:的)?")


def _venue_between(ctx: Ctx, start: int, at: int) -> bool:
    """甲区在乙省丙州对口支援的丁县、戊市: is the text from ``start`` to the cue at ``at`` 在 and
    a run of places (where the places paired with 甲区 lie, not a side)?"""
    text = ctx.sent.text
    if text[start:start + 1] != "在":
        return False
    end, spans = start + 1, {ctx.rel(lk) for lk in ctx.of("Region")}
    while end < at:
        nxt = [e for s, e in spans if s == end]
        if not nxt:
            return False
        end = max(nxt)
    return end == at and end > start + 1


def _before_venue(ctx: Ctx, left: list[Linked], at: int) -> list[Linked]:
    """``left`` (the places before the cue at ``at``) without a 在乙省丙州 chain that runs right
    up to the cue, when a place stands right before its 在 (甲区在乙省丙州对口支援…)."""
    starts = [i for i, lk in enumerate(left) if _venue_between(ctx, ctx.rel(lk)[1], at)]
    return left[:starts[-1] + 1] if starts else left


def _not_locating(ctx: Ctx, regions: list[Linked]) -> list[Linked]:
    """Without a place that only locates the next one (甲县所在的乙州是丙省对口支援地区: 乙州
    is meant)."""
    text = ctx.sent.text
    starts = {ctx.rel(lk)[0] for lk in regions}
    return [lk for lk in regions if not ((m := _LOCATING.match(text, ctx.rel(lk)[1]))
                                         and m.end() in starts)]


def _without_venues(ctx: Ctx, regions: list[Linked]) -> list[Linked]:
    """Without the places where the pair builds (两地在丙县共建…: 丙县, and 在甲市乙县 as a
    whole), when two other places are left to be the pair (江苏在丙县设立…: 丙县 stays)."""
    text = ctx.sent.text
    venue: set[int] = set()
    chain: list[int] = []  # starts of the places of one 在甲市乙县 chain
    chain_end = -1
    for lk in sorted(regions, key=ctx.rel):
        s, e = ctx.rel(lk)
        if text[s - 1:s] == "在":
            chain = [s]
        elif s == chain_end:
            chain.append(s)
        else:
            continue
        chain_end = e
        if _cue("build_at").match(text, e):
            venue.update(chain)
    if not venue:
        return regions
    left = [lk for lk in regions if ctx.rel(lk)[0] not in venue]
    return left if len(_specific(ctx, _placed_towns(ctx, left))) >= 2 else regions


def _scheme_pair(ctx: Ctx, cs: int, ce: int, at: int, kind: str) -> list[Fact]:
    """甲乙对口合作 (two places read from one abbreviation right before the cue at ``at``,
    a scheme's name: twinwords.scheme_words), in a clause naming no other place: the two
    are paired."""
    pair = [lk for lk in ctx.items if ctx.cat(lk) == "Region" and cs <= ctx.rel(lk)[0] < ce
            and ctx.rel(lk)[1] == at and joint_abbreviation(ctx, lk)]
    keys = list(dict.fromkeys(lk.key for lk in pair))
    if len(keys) != 2 or not _unrelated(ctx, *keys) or not scheme_words([kind]):
        return []  # (搭乘甲乙产业协作快车: a kind of work, not a scheme)
    return [ctx.fact("twinning", {"a": keys[0], "b": keys[1], "kind": kind}, "twin.scheme", 0.6)]


def _with_each(ctx: Ctx, left: list[Linked], at: int) -> list[tuple[str, str]]:
    """A与B、C的对口帮扶, A与B、C建立对口协作关系 (the cue at ``at``): A is paired with
    each place of the list."""
    text = ctx.sent.text
    if not _INTO_CUE.fullmatch(text[ctx.rel(left[-1])[1]:at]):
        return []
    listed = _run(ctx, left[::-1], backwards=True)[::-1]  # every place joined up to the cue
    cut = [i for i, (x, y) in enumerate(zip(left, left[1:]))
           if _ONE_WITH.fullmatch(text, ctx.rel(x)[1], ctx.rel(y)[0])]
    if len(cut) != 1 or len(listed) < 2:
        return []
    head = _run(ctx, left[:cut[0] + 1][::-1], backwards=True)[:1]
    rest = _run(ctx, left[cut[0] + 1:])
    if not head or len(rest) < 2 or rest != listed[-len(rest):]:
        return []  # (甲先后与乙、丙: an adverb before 与 parts 甲 from the run; the list is the rest)
    return [(head[0], b) for b in rest if _unrelated(ctx, head[0], b)]


#: between the one place and the list it pairs with: 与, maybe after an adverb (甲县先后与乙区、丙区…)
_ONE_WITH = re.compile(r"(?:先后|分别|已|已经|也|还|又|均|相继)?[与同跟]")

# a count of the places a list names (两市, 三个县)
_PLACE_COUNT = r"(?:[两二三四五六七八九十]个?(?:市|县|区|地|州|旗|省|县区|县市|区县|市县))?"
# between a list of places and 与: a count of them (甲、乙两市与丙), an adverb (甲、乙则与丙), else nothing
_LIST_WITH = re.compile(_PLACE_COUNT + r"(?:则|也|还|均|都|亦)?[与同跟]")
# between the one place and the cue: a count of the places listed (甲与乙、丙两市), then a verb
# of entering into the relation (…与丙结成对口帮扶关系)
_INTO_CUE = re.compile(_PLACE_COUNT + r"(?:之间)?(?:的|(?:建立|结成|结为|缔结|开展|形成)了?)?")


def _list_with_one(ctx: Ctx, left: list[Linked], at: int) -> list[tuple[str, str]]:
    """甲、乙两市与丙结成对口帮扶关系 (the cue at ``at``): each place of the list before 与
    is paired with the one place after it."""
    text = ctx.sent.text
    if not _INTO_CUE.fullmatch(text[ctx.rel(left[-1])[1]:at]):
        return []
    cut = [i for i, (x, y) in enumerate(zip(left, left[1:]))
           if _LIST_WITH.fullmatch(text[ctx.rel(x)[1]:ctx.rel(y)[0]])]
    if len(cut) != 1:
        return []
    head = _run(ctx, left[:cut[0] + 1][::-1], backwards=True)[::-1]
    tail = _run(ctx, left[cut[0] + 1:])
    if len(head) < 2 or len(tail) != 1 or len(head) + 1 != len(_specific(ctx, [lk.key for lk in left])):
        return []
    return [(a, tail[0]) for a in head if _unrelated(ctx, a, tail[0])]


def _spoken_for(ctx: Ctx, who: dict[str, str]) -> list[Fact]:
    """持续做好对口支援甲地、乙地工作 in a report: its own place pairs with those listed."""
    if not who or not _cue("twinning").search(ctx.sent.text):
        return []
    return [ctx.fact("twinning", {"a": a, "b": b, "kind": k}, "twin.speaker", 0.6)
            for a, b, k in subjectless_twins(ctx, who, _cue("twinning"), _masked(ctx))]


def _spoken_cobuilt(ctx: Ctx, who: dict[str, str]) -> list[Fact]:
    """与甲县携手打造的P in a report, the clause's subject left out: the report's own place
    and 甲 build P."""
    if not who or "与" not in ctx.sent.text:
        return []
    text, out = ctx.sent.text, []
    key = next(iter(who.values()))  # the rank the title names first
    for cs, ce in clauses(text):
        lead = with_lead().match(text, cs, ce)
        if not lead:
            continue
        sides, at = [], lead.end()
        for lk in ctx.items:
            s, e = ctx.rel(lk)
            if s == at and ctx.cat(lk) in ("Region", "Park") and lk.mention.how != "anaphor":
                if sides and text[s - 1] not in "、和及" and sides[-1] in ctx.gaz.ancestors(lk.key):
                    sides.pop()  # 杭州余杭区: the chain's last place
                sides.append(lk.key)
                at = e + (text[e:e + 1] in "、和及")
        verb = _cue("cobuild").match(text, at) if sides else None
        if verb is None or not text.startswith("的", verb.end()):
            continue
        parks = [lk for lk in ctx.starting_at(verb.end() + 1) if ctx.cat(lk) == "Park" or _is_zone(ctx, lk)]
        if parks and key not in sides and parks[0].key not in sides:
            if key in ctx.gaz.places:
                ctx.entities.setdefault(key, place_entity(ctx.gaz, key))
            out.append(ctx.fact("co_built", {"park": parks[0].key, "partners": (key, *sides)},
                                "cobuilt.speaker", 0.6))
    return out


def _clause_pairs(ctx: Ctx, taken: set[str]) -> list[Fact]:
    """Pairs of clauses that name exactly two places, none of them in ``taken``, around a
    twinning cue."""
    text, cue, out = _masked(ctx), _cue("twinning"), []
    for cs, ce in clauses(text):
        cm = first_cue(cue, text, cs, ce)
        if not cm or _people_before(text, cm.start()):
            continue
        regions = [lk for lk in ctx.of("Region") if cs <= ctx.rel(lk)[0] < ce]
        keys = _specific(ctx, [lk.key for lk in regions])
        if len(keys) == 2 and not taken & set(keys) and _unrelated(ctx, *keys) \
                and not _objects_only(ctx, regions, cm.end()):
            out.append(ctx.fact("twinning", {"a": keys[0], "b": keys[1], "kind": cm.group(0)},
                                "twin.verb", 0.7))
    return out


def _objects_only(ctx: Ctx, regions: list[Linked], at: int) -> bool:
    """对口支援甲县、乙县 / 主要帮扶甲县和乙县: every place follows the cue (at ``at``) as its
    joined objects — the objects of one pairing, not a pair; 甲、乙等地…协作: a group, not a
    pair (twinwords)."""
    text = ctx.sent.text
    spans = sorted(ctx.rel(lk) for lk in regions)
    return objects_of_cue(text, spans, at) or listed_group(text, spans) \
        or destinations(text, spans)


def _clause_pair(ctx: Ctx, at: int) -> list[str]:
    """The two places of the clause around offset ``at``, when it names exactly two."""
    for cs, ce in clauses(ctx.sent.text):
        if cs <= at < ce:
            keys = _specific(ctx, _placed_towns(ctx, _without_venues(ctx, [
                lk for lk in _not_locating(ctx, ctx.of("Region")) if cs <= ctx.rel(lk)[0] < ce])))
            return keys if len(keys) == 2 else []
    return []


def _dashed_pair(ctx: Ctx, at: int) -> list[str]:
    """丙县用好甲—乙对口合作机制: two places joined by a dash right before the cue at ``at``
    are the pair the cue names, not the clause's subject (丙县, inside 乙)."""
    text = ctx.sent.text
    regions = [lk for lk in ctx.of("Region") if lk.mention.how != "anaphor"]
    for a, b in zip(regions, regions[1:]):
        (_, ea), (sb, eb) = ctx.rel(a), ctx.rel(b)
        if eb == at and sb == ea + 1 and text[ea] in DASHES + "一" and _unrelated(ctx, a.key, b.key):
            return [a.key, b.key]
    return []


#: an item of a list: its mark, the two places joined by a dash (or 与/和), its end
_ITEM_LEAD = re.compile(rf"\s*(?:{ITEM_MARK.pattern}|[•·\-*])?\s*")
_ITEM_END = re.compile(r"[；;。，,]?\s*")


def _pair_item(ctx: Ctx) -> list[Fact]:
    """（一）甲区—乙县: a list item that is only two places joined by a dash (or 与/和), under
    a line that introduces pairs (现将结对安排通知如下：, 结对关系如下：) — a twinning cue and
    a colon, or 如下, in the text just before the list."""
    text = ctx.sent.text
    regions = [lk for lk in ctx.of("Region") if lk.mention.how != "anaphor"]
    if len(regions) < 2 or len(text) > 40:
        return []
    a, b = chain_end(ctx, regions[0]), chain_end(ctx, regions[-1])
    lead = _ITEM_LEAD.match(text)
    start_b = [lk for lk in regions if ctx.rel(lk)[0] == ctx.rel(a)[1] + 1]
    if ctx.rel(regions[0])[0] != lead.end() or not start_b or \
            text[ctx.rel(a)[1]] not in DASHES + "与和" or not _ITEM_END.fullmatch(text, ctx.rel(b)[1]):
        return []
    b = chain_end(ctx, start_b[0])
    if not _ITEM_END.fullmatch(text, ctx.rel(b)[1]) or not _unrelated(ctx, a.key, b.key):
        return []
    before = ctx.doc.norm[max(0, ctx.sent.start - 400):ctx.sent.start]
    intro = before.rfind("如下")
    colon = max(before.rfind("："), before.rfind(":"))
    at = max(intro, colon)
    if at < 0 or re.search(r"[。！？]", before[at:].strip()):
        return []  # (the items must follow the line that introduces them)
    line = before[max(before.rfind("\n", 0, at), 0):at]
    cue = _cue("twinning").search(line)
    if cue is None:
        return []
    return [ctx.fact("twinning", {"a": a.key, "b": b.key, "kind": cue.group(0)}, "twin.item", 0.6)]


def _people_before(text: str, at: int) -> bool:
    return text[max(0, at - 4):at].endswith(tuple(cues()["twinning_people"]))


_PAIR_CUE = re.compile(r"分别(?:对口支援|对口帮扶|对口协作|对口|结对帮扶|结对|帮扶)|"
                       r"对口支援|对口帮扶协作|对口帮扶|对口协作|结对帮扶|结对|对口")


def _paired_lists(ctx: Ctx) -> list[Fact]:
    """A结对B、C结对D; A、B、C分别对口支援D、E、F: pairs written side by side."""
    text = ctx.sent.text
    regions = ctx.of("Region")
    facts = []
    for m in _PAIR_CUE.finditer(text):
        left = [r for r in regions if ctx.rel(r)[1] <= m.start()]
        right = [r for r in regions if ctx.rel(r)[0] >= m.end()]
        if not left or not right:
            continue
        if m.group(0).startswith("分别"):
            lk = _run(ctx, left[::-1], backwards=True)[::-1]
            rk = _run(ctx, right)
            if len(lk) == len(rk) >= 2:
                facts += [ctx.fact("twinning", {"a": a, "b": b, "kind": m.group(0)[2:]},
                                   "twin.list", 0.65) for a, b in zip(lk, rk)]
            continue
        if m.start() - ctx.rel(left[-1])[1] <= 0 and ctx.rel(right[0])[0] - m.end() <= 0:
            # A、B对口支援C: the givers listed since the clause began, when no cue comes before
            # in it (A结对B、C结对D: C alone)
            since = sentence_clause_start(text, m.start())
            givers = [left[-1].key] if _PAIR_CUE.search(text, since, m.start()) else \
                _run(ctx, [r for r in left if ctx.rel(r)[0] >= since][::-1], backwards=True)
            for a in givers:
                for b in paired_run(ctx, right, _PAIR_CUE):  # A结对帮扶B、C (not A结对B、C结对D)
                    if a != b and a not in _ancestors(ctx, b) and b not in _ancestors(ctx, a):
                        facts.append(ctx.fact("twinning", {"a": a, "b": b, "kind": m.group(0)},
                                              "twin.pair", 0.65))
    facts += _paired_with(ctx, regions) + _introduced_pairs(ctx, regions)
    pairs = {f.args["a"] for f in facts}  # several pairs: several places on the left
    return facts if len(pairs) >= 2 or any(f.rule == "twin.list" for f in facts) else []


def _introduced_pairs(ctx: Ctx, regions: list[Linked]) -> list[Fact]:
    """…对口支援：甲支援乙、丙支援丁: after a pairing cue and a colon, each item of the list
    that is two places joined by a short verb of help (``listed_verbs``) is a pair of the
    scheme the cue names."""
    text = ctx.sent.text
    colon = _ANY_COLON.search(text)
    if colon is None:
        return []
    cm = (list(_cue("twinning").finditer(text, 0, colon.start())) or [None])[-1]
    if cm is None or colon.start() - cm.end() > 6:
        return []
    verbs = _cue_re(read_json("twin_cues.json")["listed_verbs"])
    facts = []
    after = [r for r in regions if ctx.rel(r)[0] >= colon.end()]
    for a, b in zip(after, after[1:]):
        between = text[ctx.rel(a)[1]:ctx.rel(b)[0]]
        if verbs.fullmatch(between) and (ctx.rel(a)[0] == colon.end()
                                         or text[ctx.rel(a)[0] - 1] in "、，,；;"):
            if _unrelated(ctx, a.key, b.key):
                facts.append(ctx.fact("twinning", {"a": a.key, "b": b.key, "kind": cm.group(0)},
                                      "twin.list", 0.65))
    return facts


def _paired_with(ctx: Ctx, regions: list[Linked]) -> list[Fact]:
    """A、B分别与C、D结对 / 结成对口合作关系: the two lists pair up in order."""
    text = ctx.sent.text
    cue = _cue("twinning")
    facts = []
    for m in re.finditer(r"分别(?:与|和|同|跟)", text):
        cm = cue.search(text, m.end())
        if not cm or re.search(r"[，,。；;：:]", text[m.end():cm.start()]):
            continue
        left = [r for r in regions if ctx.rel(r)[1] <= m.start()]
        right = [r for r in regions if m.end() <= ctx.rel(r)[0] and ctx.rel(r)[1] <= cm.start()]
        if not left or not right:
            continue
        lk = _run(ctx, left[::-1], backwards=True)[::-1]
        rk = _run(ctx, right)
        if len(lk) == len(rk) >= 2:
            facts += [ctx.fact("twinning", {"a": a, "b": b, "kind": cm.group(0)}, "twin.list", 0.65)
                      for a, b in zip(lk, rk)]
    return facts


def _two_sides(ctx: Ctx) -> list[Fact]:
    """浙江省、宁波市和四川省、凉山州双方: two lists of the same length, one per side, pair
    up place by place (same level each)."""
    text = _masked(ctx)
    cue = _cue("twinning").search(text)
    if not cue:
        return []
    regions = [lk for lk in ctx.items if ctx.cat(lk) == "Region" and lk.mention.how != "anaphor"]
    ends, starts = {ctx.rel(r)[1] for r in regions}, {ctx.rel(r)[0] for r in regions}
    for m in re.finditer(r"[和与同及]", ctx.sent.text):
        if m.start() not in ends or m.end() not in starts:
            continue  # (the test below, before the lists are made)
        left = [r for r in regions if ctx.rel(r)[1] <= m.start()][::-1]
        right = [r for r in regions if ctx.rel(r)[0] >= m.end()]
        if not left or not right or ctx.rel(left[0])[1] != m.start() or ctx.rel(right[0])[0] != m.end():
            continue
        a, b = _run(ctx, left, backwards=True)[::-1], _run(ctx, right)
        end = max(ctx.rel(r)[1] for r in right if r.key == b[-1]) if b else 0
        if len(a) != len(b) or len(a) < 2 or not re.match(r"双方|两地|两省|两级", ctx.sent.text[end:]):
            continue
        levels = [(_level(ctx, x), _level(ctx, y)) for x, y in zip(a, b)]
        if all(la == lb for la, lb in levels):
            return [ctx.fact("twinning", {"a": x, "b": y, "kind": cue.group(0)}, "twin.list", 0.6)
                    for x, y in zip(a, b) if _unrelated(ctx, x, y)]
    return []


#: a division of the Xinjiang Production and Construction Corps, written before the city it runs
_CORPS_DIVISION = re.compile(r"(?:新疆生产建设)?兵团第[一二三四五六七八九十]+师$")


def _run(ctx: Ctx, items: list[Linked], backwards: bool = False) -> list[str]:
    """Places listed with 、/和 next to each other (an address chain counts once)."""
    text = ctx.sent.text
    out: list[Linked] = []
    edge = None  # the near end of the current item's address chain
    for lk in items:
        if out:
            gap = text[ctx.rel(lk)[1]:edge] if backwards else text[edge:ctx.rel(lk)[0]]
            gap = _CORPS_DIVISION.sub("", gap)  # (、兵团第八师石河子市: the division before its city)
            if gap == "" or (gap == "的" and not backwards and out[-1].key in _ancestors(ctx, lk.key)):
                # 某市某区 (an address) / 某地区的某县 (the county is meant)
                out[-1] = lk if not backwards else out[-1]
                edge = ctx.rel(lk)[0] if backwards else ctx.rel(lk)[1]
                continue
            if gap not in ("、", "和", "与", "及"):
                break
        out.append(lk)
        edge = ctx.rel(lk)[0] if backwards else ctx.rel(lk)[1]
    return [lk.key for lk in out]


def _masked(ctx: Ctx) -> str:
    """The sentence with names of parks, zones and firms blanked, so that 协作 in
    龙泉(鄞州)山海协作产业园 or 甲乙山海协作经济区 is not read as a pairing."""
    if "masked" in ctx.memo:
        return ctx.memo["masked"]
    text = ctx.sent.text
    parts, pos = [], 0  # (the blanked spans merged, the text between them sliced once)
    for s, e in sorted(ctx.rel(lk) for lk in ctx.items if ctx.cat(lk) != "Region" or lk.key.startswith("zone:")):
        if e > pos:
            s = max(s, pos)
            parts += (text[pos:s], "□" * (e - s))
            pos = e
    ctx.memo["masked"] = "".join(parts) + text[pos:] if parts else text
    return ctx.memo["masked"]


_JOINER = ("—", "–", "-", "－", "与", "和")


def _subarea_joiner(gap: str) -> bool:
    """某市松山湖与乙县: a part of the place before (one word jieba tags as a place name,
    not one of ours), then the joiner: the pair is the place and the other side."""
    if len(gap) < 3 or gap[-1] not in _JOINER or "□" in gap:
        return False
    tags = pos_tags(gap[:-1])
    return len(tags) == 1 and tags[0][1] == "ns"


#: a count of pairs (甲与乙、丙与丁两对城市)
_PAIR_COUNT = re.compile(r"(?:两|二|三|四|五|六|七|八|九|十|几|\d{1,2})对(?=[^，,。；;]{0,6}(?:城市|地区|市|县|区|省))")


def _joined_pairs(ctx: Ctx) -> list[Fact]:
    """苏州—宿迁、无锡—徐州等结对; 晋江市与西吉县、福清市与红寺堡区的结对 / 的协作不断深化:
    several pairs."""
    text = _masked(ctx)
    cue = _cue("twinning").search(text) or _forms()["pairs_work"].search(text)
    counted = _PAIR_COUNT.search(text)
    if not cue and not counted:
        return []
    regions = ctx.of("Region")
    pairs = []
    for i, (a, b) in enumerate(zip(regions, regions[1:])):
        gap = text[ctx.rel(a)[1]:ctx.rel(b)[0]]
        if (gap in _JOINER or _subarea_joiner(gap)) and (not pairs or pairs[-1][1] is not a):
            for c in regions[i + 2:]:  # 徐州市贾汪区: the end of an address chain
                if ctx.rel(c)[0] != ctx.rel(b)[1]:
                    break
                b = c
            pairs.append((a, b))
    pairs = [(a, b) for a, b in pairs if _unrelated(ctx, a.key, b.key)]
    keys = [k for a, b in pairs for k in (a.key, b.key)]
    if len(pairs) < 2 or len(set(keys)) != len(keys):
        return []  # not a list of distinct pairs
    if any(text[max(0, ctx.rel(a)[0] - 1):ctx.rel(a)[0]] == "由" for a, _ in pairs[1:]):
        return []  # 甲与乙挂钩合作的载体，由丙与丁联合开发: the builders are no pair of a list
    if not cue:  # 甲与乙、丙与丁两对城市…，戊与己…: a count of pairs right after a list pairs them
        if counted.start() not in {ctx.rel(b)[1] for _, b in pairs} or \
                not _cue("pairs_counted_work").search(text, counted.end()):
            return []
        kind = "结对"
    else:
        kind = cue.group(0)
    starts = {a.start for a, _ in pairs}
    more = []  # 甲与乙市丙县、丁县结对: 甲 pairs with each place listed after the pair
    for a, b in pairs:
        c = b
        while (nxt := [r for r in regions if ctx.rel(r)[0] == ctx.rel(c)[1] + 1]) \
                and text[ctx.rel(c)[1]] == "、" and nxt[0].start not in starts \
                and chain_end(ctx, nxt[0]).start not in starts:  # (、厦门市海沧区与…: the next pair)
            c = chain_end(ctx, nxt[0])
            if _unrelated(ctx, a.key, c.key):
                more.append((a, c))
    return [ctx.fact("twinning", {"a": a.key, "b": b.key, "kind": kind}, "twin.list", 0.65)
            for a, b in pairs + more]


def _unrelated(ctx: Ctx, a: str, b: str) -> bool:
    """Two different places, neither inside the other (福州 is not twinned with 福建)."""
    return a != b and a not in _ancestors(ctx, b) and b not in _ancestors(ctx, a)


def _pairing_word(ctx: Ctx) -> str | None:
    """The sentence's first pairing cue that speaks of places, not people or a kind of work."""
    text = _masked(ctx)
    m = first_cue(_cue("twinning"), text)
    return m.group(0) if m and not _people_before(text, m.start()) else None


def _charged(ctx: Ctx, before: Ctx | None) -> list[Fact]:
    """甲负责乙、丙、丁三县 in a sentence on pairing, or right after one in its paragraph
    (graph/twincharge.py)."""
    if not says_charge(ctx.sent.text):
        return []
    kind = _pairing_word(ctx)
    if kind is None and before is not None and before.items \
            and "\n" not in ctx.doc.norm[before.sent.end:ctx.sent.start]:
        kind = _pairing_word(before)
    return [ctx.fact("twinning", {"a": a, "b": b, "kind": k}, "twin.charge", 0.6)
            for a, b, k in charged_pairs(ctx, kind, _cue("twinning"), _run, _unrelated)]


def _stationed_team(ctx: Ctx) -> list[Fact]:
    """驻X(帮扶)工作组 … Y: a team Y keeps in X — the two are paired."""
    text = ctx.sent.text
    office = "|".join(cues()["twinning_office"])
    for m in re.finditer(rf"驻([^，,。；;]{{2,12}}?)(?:[\u4e00-\u9fff]{{0,6}}?)(?:{office})", text):
        there = [lk for lk in ctx.items if ctx.cat(lk) == "Region"
                 and ctx.rel(lk)[0] == m.start(1)]
        if not there:
            continue
        others = [k for k in _collapse(ctx, ctx.of("Region"))
                  if k != there[0].key and k not in _ancestors(ctx, there[0].key)]
        if len(others) == 1:
            return [ctx.fact("twinning", {"a": others[0], "b": there[0].key,
                                          "kind": m.group(0)[-3:]}, "twin.team", 0.6)]
    return []


# --------------------------------------------------------------------------- connections


@dataclass
class DocLinks:
    """What a document mentions, for rules that read across sentences: its places by first
    character (常泰大桥 → 常州, 泰兴) and its most mentioned bridge, line or road (大桥 → it)."""

    initials: dict[str, list[str]]
    main_infra: dict[str, Linked]
    places: set[str] = field(default_factory=set)  # its regions (by key) and their ancestors
    named: dict[str, Linked] = field(default_factory=dict)  # a line's first mention by its name

    @classmethod
    def of(cls, items: list[Linked], entities: dict[str, Entity]) -> "DocLinks":
        initials: dict[str, list[str]] = {}
        counts: dict[str, dict[str, int]] = {}
        first: dict[str, Linked] = {}
        named: dict[str, Linked] = {}
        for lk in items:
            e = entities[lk.key]
            if lk.key.startswith("region:") and lk.mention.how == "gaz":
                for ch in (e.label[0],) + line_initials(lk.key):
                    keys = initials.setdefault(ch, [])
                    if lk.key not in keys:
                        keys.append(lk.key)
            elif e.category == "Infrastructure" and e.kind in CONNECTING:
                counts.setdefault(e.kind, {})
                counts[e.kind][lk.key] = counts[e.kind].get(lk.key, 0) + 1
                first.setdefault(lk.key, lk)
                if lk.mention.how != "anaphor":
                    named.setdefault(lk.key, lk)
        main = {kind: first[max(c, key=lambda k: (c[k], k))] for kind, c in counts.items()}
        return cls(initials, main, doc_places(items), named)


_BARE_INFRA = {"大桥": "Bridge", "桥": "Bridge", "高铁": "Railway", "轻轨": "Railway",
               "铁路": "Railway", "城际": "Railway", "线路": "Railway", "通道": "Road", "高速": "Road", "隧道": "Road",
               "公路": "Road", "道路": "Road", "高速公路": "Road"}
_BARE_INFRA_RE = re.compile(rf"(?:该|这座|这条|此|整座)?({alternation(_BARE_INFRA)})|(该线|此线)")
#: whether a sentence holds a match of _BARE_INFRA_RE: one of its words (the demonstrative
#: before them is optional). Searched without that optional lead, the engine scans for
#: the words' first characters instead of trying the lead at every position (10× faster)
_BARE_INFRA_WORD = re.compile(alternation(_BARE_INFRA) + "|该线|此线")
# 这条连接甲与乙的高速铁路: a demonstrative right before the verb, the line word after 的
_RELATIVE_LEAD = re.compile(r"(?:这条|该条|此条|这座|该座|这一条)")
_RELATIVE_INFRA = re.compile(r"[^，,。；;]*?的(?:新建|在建)?(?:快速)?(高速铁路|城际铁路|高速公路|跨海大桥|跨江大桥|跨海通道|"
                             r"大桥|高铁|轻轨|铁路|城际|公路|高速|隧道|通道)")
_RELATIVE_KIND = {"高速铁路": "Railway", "城际铁路": "Railway", "高速公路": "Road", "跨海大桥": "Bridge",
                  "跨江大桥": "Bridge", "跨海通道": "Road", "公路": "Road"}
_INITIALS = re.compile(r"^([\u4e00-\u9fff]{2,4}?)(?:长江|黄河|珠江|跨海|跨江|海峡|公铁两用|公铁|"
                       r"城际铁路|城际|市域铁路|市域快线|市域快轨|高速公路|高速铁路|高速|高铁|铁路|大桥|轻轨|通道|隧道|公路|快速通道|快速路|快速干道)")
#: 甲至乙的 right before a line: the line is told by its ends (read when its initials are theirs)
_ENDS_SPELLED = re.compile(r"(?:至|到|—|－|-)[^，,。；;至到]{2,10}的[“「]?$")
_TRAVEL_WORDS = r"(?:只需|仅需|只要|仅要|缩短至|缩短为|缩短到|压缩至|压缩到|不到|仅用|最快|直飞)"
# (A与B之间最快50分钟可达: a trip between two places joined by 与 is told after 之间)
_TRAVEL = re.compile(r"^(?:的)?(?:车程|行程|通行时间|时间|路程|距离)?(?:将|也|就|可)?" + _TRAVEL_WORDS)
_TRAVEL_BETWEEN = re.compile(r"^之间(?:的)?(?:车程|行程|通行时间|时间|路程|距离)?(?:将|也|就|可)?"
                             + _TRAVEL_WORDS)
_TRAVEL_WORD = re.compile(_TRAVEL_WORDS)
_PARTNER = ("与", "和", "同", "跟")


#: 这条城际铁路, 该座大桥: a demonstrative, then the kind of thing it points back to
_KIND_REFERRED = re.compile(r"(?:这条|该条|此条|这座|该座|此座|该)(城际铁路|高速铁路|高速公路|铁路|高铁|城际|轻轨|"
                            r"大桥|桥|高速|公路|通道|隧道)")


def _of_kind_referred(ctx: Ctx, prev: Linked | None, recent: dict[str, Linked]) -> Linked | None:
    """The line the sentences before were about (``prev``), unless the sentence points back
    to a thing of another kind (桥上承载某城际铁路。这条铁路…: the railway, not the bridge
    ``prev`` is): then the last one of that kind named before (``recent``)."""
    m = _KIND_REFERRED.search(ctx.sent.text, 0, 12)
    if m is None or prev is None:
        return prev
    kind = _RELATIVE_KIND.get(m.group(1)) or _BARE_INFRA.get(m.group(1))
    if kind is None or ctx.entities[prev.key].kind == kind:
        return prev
    return recent.get(kind, prev)


def _bare_infra(ctx: Ctx, doc: "DocLinks | None", end: int, prev: Linked | None = None) -> Linked | None:
    """大桥建成通车后…: a bare 大桥/高铁 before ``end`` is the one of that kind the sentences
    before were about (``prev``), else the article's main one of that kind."""
    if doc is None:
        return None
    taken = [ctx.rel(lk) for lk in ctx.items]
    bare = [m for m in _BARE_INFRA_RE.finditer(ctx.sent.text, 0, end)
            if not any(s <= m.start(m.lastindex) < e for s, e in taken)]
    if bare and _INDEFINITE.search(ctx.sent.text, 0, bare[-1].start()):
        return None  # 都有高速公路相连: lines of that kind, no one line
    for m in bare:
        if m.group(2):  # 该线: the line the sentences before were about, whatever its kind
            return prev
        if m.start() == m.start(1) and ctx.sent.text[m.start() - 1:m.start()] in _BY_MODE:
            continue  # 经铁路直达某港, 走高速: a way of carrying, not the line spoken of
        kind = _BARE_INFRA[m.group(1)]
        if kind in doc.main_infra and not _ENDS_DESCRIBED.search(ctx.sent.text, 0, m.start(1)):
            if prev is not None and ctx.entities[prev.key].kind == kind:
                return prev
            return doc.main_infra[kind]
    return None


#: what may open a clause before its verb when the clause goes on about the line named before
_SUBJECTLESS_LEAD = re.compile(r"(?:并|还|则|又|也|将|已|直接|最终)*")


def _verb_after_course(ctx: Ctx, cl: list, ti: int, ci: int, verb_at: int, infra: list[Linked]) -> bool:
    """X，自A经B、C一路向西，连接D与E: the verb opens the clause right after a clause that
    tells the course of X (no line of its own), two clauses after X: it says what X joins."""
    if ci != ti + 2:
        return False
    text = ctx.sent.text
    mid = cl[ti + 1]
    if any(mid[0] <= ctx.rel(lk)[0] < mid[1] for lk in infra):
        return False
    if not _COURSE_OPEN.match(text, mid[0]):
        return False
    lead = _SUBJECTLESS_LEAD.match(text, cl[ci][0])
    return lead.end() == verb_at


#: a clause telling a course: 自A…, 从A…, 由A…, 经A…, 途经A…
_COURSE_OPEN = re.compile(r"(?:则|并|又|还)?(?:自|从|由|经|途经|沿途经过|起于|西起|东起|南起|北起)")


#: 经铁路, 走高速: a way of travel or carriage right before a bare line word
_BY_MODE = frozenset("经走")
#: 都有高速公路相连, 已有3条铁路: lines of a kind that are there or counted, not one line
_INDEFINITE = re.compile(r"(?:有|无|[一二两三四五六七八九十几多数\d]+(?:条|座))$")
#: 甲至乙的(快速)通道: a road its ends describe, no name given (not the article's main one)
_ENDS_DESCRIBED = re.compile(r"(?:至|到)[^，,。；;的]{1,12}的(?:快速|高速|城际)?$")


def _own_unnamed_line(ctx: Ctx, target: Linked, verb_at: int) -> bool:
    """Does the verb's clause (past the named line ``target``) hold a road of its own that its
    ends describe, no name given (甲至乙的快速通道已经通车)?"""
    text = ctx.sent.text
    start = max(sentence_clause_start(text, verb_at), ctx.rel(target)[1])
    taken = [ctx.rel(lk) for lk in ctx.items]
    return any(m.group(1) and not any(s <= m.start(1) < e for s, e in taken)
               and _ENDS_DESCRIBED.search(text, 0, m.start(1))
               for m in _BARE_INFRA_RE.finditer(text, start, verb_at))


def _relative_infra(ctx: Ctx, doc: "DocLinks | None", verb: re.Match,
                    prev: Linked | None = None) -> Linked | None:
    """这条连接甲与乙的高速铁路在丙设站…: a line told of by a relative clause that opens with
    the verb right after 这条 (maybe after another verb phrase and 、: 这条去年开通、连接甲与乙的
    通道) is the line of that kind the sentences before were about (``prev``), else the
    article's main line of the kind its line word names."""
    text = ctx.sent.text
    start = sentence_clause_start(text, verb.start())
    lead = _RELATIVE_LEAD.match(text, start)
    if doc is None or lead is None or not (lead.end() == verb.start() or _RELATIVE_GAP.fullmatch(
            text, lead.end(), verb.start())):
        return None
    m = _RELATIVE_INFRA.match(text, verb.end())
    kind = m and (_RELATIVE_KIND.get(m.group(1)) or _BARE_INFRA.get(m.group(1)))
    if kind and prev is not None and ctx.entities[prev.key].kind == kind:
        return prev
    return doc.main_infra.get(kind) if kind else None


#: 这条|去年6月开通、|连接…: another verb phrase of the line before the joining verb
_RELATIVE_GAP = re.compile(r"[^，,。；;、]{1,16}、")


def _water_route(ctx: Ctx, lk: Linked) -> bool:
    """海峡客滚航线, 水上航线: a route by sea or river (not a flight) joins the ports it runs between."""
    name = lk.mention.text
    return ctx.entities[lk.key].kind == "Port" and name.endswith("航线") and \
        not any(w in name for w in cues()["air_route"] + ["机", "航空"])


def _port_place(ctx: Ctx, lk: Linked) -> str:
    """The place a port is named after (湛江市X港 → 湛江市), else the port itself."""
    inner = lk.mention.inner[:1]
    if ctx.entities[lk.key].kind != "Port" or not inner or inner[0].start != lk.start \
            or not inner[0].candidates:
        return lk.key
    key = inner[0].candidates[0]
    for a in [key] + ctx.gaz.ancestors(key):
        ctx.entities.setdefault(a, place_entity(ctx.gaz, a))
    return key


def _names_a_line(ctx: Ctx) -> bool:
    """Every fact of :func:`connections` is about a line: a bridge, line, road or port of
    the sentence, or the article's main one that a bare 大桥, 高铁 … of the sentence
    (:func:`_bare_infra`) or a relative clause after 这条 (:func:`_relative_infra`) stands
    for; and before it finds one, no rule of it changes anything. So a sentence naming no
    infrastructure and writing neither a bare word of one nor 这条/该座 … has none (most
    sentences: their cues, courses and stops are not read)."""
    text = ctx.sent.text
    if _BARE_INFRA_WORD.search(text) is not None or _RELATIVE_LEAD.search(text) is not None:
        return True
    entities = ctx.entities
    return any(entities[lk.key].category == "Infrastructure" or entities[lk.key].kind in ("Railway", "Bridge")
               for lk in ctx.items)


#: a clause that only measures or dates a line (全长46公里, 双向四车道, 总投资12亿元, 去年通车)
_MEASURE_CLAUSE = re.compile(r"[^，,。；;]{0,6}(?:全长|总长|长约|长度|里程|时速|设计速度|双向|车道|总投资|投资|通车|建成|开通|竣工)"
                             r"[^，,。；;]{0,16}")


def _measures_between(ctx: Ctx, between: list[tuple[int, int]]) -> bool:
    """Do the clauses between a line and its verb only measure or date it (某公路去年通车，
    全长46公里，串联起A、B和C), naming nothing?"""
    text = ctx.sent.text
    return bool(between) and all(
        _MEASURE_CLAUSE.fullmatch(text, s, e) and not any(s <= ctx.rel(lk)[0] < e for lk in ctx.items)
        for s, e in between)


#: words opening a clause about another subject than the one before (而X亦…, 此外，X…)
_OTHER_SUBJECT = re.compile(r"\s*(?:而|另外|此外|同时|另|但)")


def connections(ctx: Ctx, doc: "DocLinks | None" = None, prev_line: Linked | None = None) -> list[Fact]:
    if not _names_a_line(ctx):
        return []
    facts = []
    text = ctx.sent.text
    infra = [lk for lk in ctx.of("Infrastructure")
             if ctx.entities[lk.key].kind in CONNECTING or _water_route(ctx, lk)]
    cue = _cue("connect")
    for cm in cue.finditer(text):
        before = [lk for lk in infra if ctx.rel(lk)[1] <= cm.start()]
        bare = None if before else \
            _bare_infra(ctx, doc, cm.start(), prev_line) or _relative_infra(ctx, doc, cm, prev_line)
        if not infra and bare is None:
            continue
        target = before[-1] if before else bare or min(infra, key=lambda x: ctx.rel(x)[0])
        if _joins_other_line(ctx, target, infra):
            continue  # A与B贯通运行: the two lines join each other, not places
        if before and _own_unnamed_line(ctx, target, cm.start()):
            continue  # X连通甲与乙；新区至丙的快速通道也通车了: the verb's own road, no name
        tstart = ctx.rel(target)[0] if target in ctx.items else cm.start()
        cl = ctx.clauses()
        ci = [i for i, c in enumerate(cl) if c[0] <= cm.start() < c[1]]
        ti = [i for i, c in enumerate(cl) if c[0] <= tstart < c[1]]
        if ci and ti and abs(ci[0] - ti[0]) > 1 and not _verb_after_course(ctx, cl, ti[0], ci[0], cm.start(), infra) \
                and not (ti[0] < ci[0] and _measures_between(ctx, cl[ti[0] + 1:ci[0]])):
            continue  # the bridge or line is named clauses away from the verb (before or after it)
        if ci and ti and ti[0] > ci[0] and not before and _OTHER_SUBJECT.match(text, cl[ti[0]][0]):
            continue  # (某线建成后将连接甲与乙，而X亦正进行规划: X, after 而, is another line)
        if ci and ti and ti[0] > ci[0] and _own_route_word(ctx, cm.end(), cl[ci[0]][1]):
            continue  # 甲经停乙至丙的航线…，X…: the verb's clause tells its own route, not X
        if ci and ti and ci[0] != ti[0] and by_network(text[cl[ci[0]][0]:cm.start()]):
            continue  # A可通过铁路与B连通: the network joins them, not the line named before
        spans = [c for c in cl if c[0] <= cm.start() < c[1] or c[0] <= tstart < c[1]]
        lo, hi = min(c[0] for c in spans), max(c[1] for c in spans)
        places = [lk for lk in ctx.items if lk.key != target.key and lo <= ctx.rel(lk)[0] < hi
                  and (ctx.cat(lk) == "Region" or ctx.entities[lk.key].kind in PLACE_KINDS)
                  and lk not in infra and not _cue("paid_by").match(text, ctx.rel(lk)[1])]
        if not places:  # A和B的界河上，横跨着…桥: the places stand in the clause before
            prev = [c for c in cl if c[1] <= lo][-1:]
            places = [lk for lk in ctx.items for c in prev if c[0] <= ctx.rel(lk)[0] < c[1]
                      and ctx.cat(lk) == "Region"]
            places = places if len(_collapse(ctx, places)) >= 2 else []
        listed = any(text[ctx.rel(a)[1]:ctx.rel(b)[0]] == "、" for a, b in zip(places, places[1:]))
        # 福州、长乐、平潭三地: every place of a list, even one inside another
        if listed:
            qualifiers = _capital_qualifiers(ctx, places)  # (甲省省会乙、丙: 甲省 is no end)
            keys = [k for k in _collapse(ctx, places) if k not in qualifiers]
        else:
            keys = _specific_or_joined(ctx, places, cm.group(0))
        if target in infra and _water_route(ctx, target):
            keys = _specific(ctx, list(dict.fromkeys(_port_place(ctx, p) for p in places
                                                     if p.key in keys)))
        if len(keys) < 2 and cm.group(0) in cues()["connect_towards"]:
            continue  # 是通往B的重要通道: a direction, not two places joined
        if keys and cm.group(0) in cues()["connect_extend"] and target in ctx.items:
            # 甲地铁N号线延伸至乙: from 甲 on to 乙 (N号线 alone: the name written before)
            named = doc.named.get(target.key, target) if doc is not None else target
            keys = _extended_from(ctx, named, keys)
        if keys:
            rule = "connect.travel" if travel_verb(text, cm.start(), cm.group(0)) else "connect.verb"
            lines = _listed_with(ctx, target, infra)
            each = _each_line(ctx, lines, places, cm)
            for line, own in [(line, keys) for line in lines] if each is None else each:
                facts.append(ctx.fact("connection", {"infra": line.key, "places": tuple(own)},
                                      rule, 0.7))
    # 澳门轻轨横琴线: a line or bridge named after the places it joins
    for lk in ctx.items:
        e = ctx.entities[lk.key]
        if e.kind in ("Railway", "Bridge", "Cableway", "Waterway") and not labelled(lk.mention.text) \
                and not ends_at_hub(ctx, lk.mention.text):
            # (甲—乙港班列: the route its name writes, below, with the port as its end)
            keys = _specific(ctx, [x.candidates[0] for x in lk.mention.inner])
            if len(keys) >= 2:
                facts.append(ctx.fact("connection", {"infra": lk.key, "places": tuple(keys)},
                                      "connect.name", 0.7))
    facts += _travel_time(ctx, infra, doc, prev_line) + _initials(ctx, infra, doc) + _between(ctx, infra)
    facts += _shared_facility(ctx)
    facts += course_facts(ctx, infra, lambda at: _bare_infra(ctx, doc, at, prev_line),
                          doc.places if doc is not None else set())
    # A至B航线, “A—B港”班列: the name says which places it links
    facts += named_routes(ctx, doc.places if doc is not None else set())
    facts = with_via(ctx, facts, doc.places if doc is not None else set())
    return with_stops(ctx, facts, infra, lambda at: _bare_infra(ctx, doc, at, prev_line),
                      doc.places if doc is not None else set())


@cache
def _shared_pattern() -> re.Pattern:
    """(三市)共享共用 / 共用 (``shared`` of relation_cues.json), maybe after a count of places."""
    return re.compile(f"(?:[两三四五六七八九十]+[市地县区省])?(?:{alternation(cues()['shared'])})")


_SHARED_KINDS = ("Airport", "Port", "Station", "Bridge", "Railway", "Road", "Waterway")


def _shared_facility(ctx: Ctx) -> list[Fact]:
    """甲、乙、丙三市共用X / X由甲、乙、丙共享: a facility several places share joins them
    (the places listed right before the verb, X right after it or right before 由)."""
    text = ctx.sent.text
    if "共" not in text and "合用" not in text:
        return []
    out = []
    for m in _shared_pattern().finditer(text):
        if not any(ctx.rel(lk)[1] == m.start() for lk in ctx.of("Region")):
            continue
        before = [lk for lk in ctx.of("Region") if ctx.rel(lk)[1] <= m.start()][::-1]
        keys = _run(ctx, before, backwards=True)
        if len(keys) < 2:
            continue
        first = min(ctx.rel(lk)[0] for lk in before if lk.key in keys)
        at = m.end()
        named = [lk for lk in ctx.of("Infrastructure") if ctx.rel(lk)[0] == at]
        if not named and text[first - 1:first] == "由":
            named = [lk for lk in ctx.of("Infrastructure") if ctx.rel(lk)[1] == first - 1]
        if named and ctx.entities[named[0].key].kind in _SHARED_KINDS:
            out.append(ctx.fact("connection", {"infra": named[0].key, "places": tuple(keys)},
                                "connect.shared", 0.6))
    return out


def _extended_from(ctx: Ctx, line: Linked, keys: list[str]) -> list[str]:
    """A line taken on to new places (延伸至乙) still starts in the place its own name holds
    (甲地铁N号线): that place first, then ``keys`` (unless one of them lies inside it)."""
    own = [g.candidates[0] for g in line.mention.inner if g.category == "Region"][:1]
    if not own or any(own[0] == k or own[0] in _ancestors(ctx, k) for k in keys):
        return keys  # (北京地铁某线延伸至某区: a line within its own city)
    return own + [k for k in keys if k != own[0]]


_ROUTE_WORD = re.compile(r"的(?:航线|班列|航班|专列|线路|快线|专线)")


def _own_route_word(ctx: Ctx, start: int, end: int) -> bool:
    """Does text[start:end] (the rest of a joining verb's clause) name a route of its own by a
    bare word (…至丙的航线), outside any name?"""
    taken = [ctx.rel(lk) for lk in ctx.items]
    return any(not any(s <= m.start() < e for s, e in taken)
               for m in _ROUTE_WORD.finditer(ctx.sent.text, start, end))


def _listed_with(ctx: Ctx, target: Linked, infra: list[Linked]) -> list[Linked]:
    """连接两地的甲高速、乙高速让A至B…: the line the verb reads, and the lines listed with
    it (side by side, joined by 、, 和 or 及), which join the same places."""
    if target not in infra:
        return [target]
    text = ctx.sent.text
    at = infra.index(target)
    lo = hi = at
    while lo > 0 and text[ctx.rel(infra[lo - 1])[1]:ctx.rel(infra[lo])[0]] in _LINE_LIST:
        lo -= 1
    while hi + 1 < len(infra) and text[ctx.rel(infra[hi])[1]:ctx.rel(infra[hi + 1])[0]] in _LINE_LIST:
        hi += 1
    return infra[lo:hi + 1]


def _each_line(ctx: Ctx, lines: list[Linked], places: list[Linked], cm: re.Match
               ) -> list[tuple[Linked, list[str]]] | None:
    """甲铁路、乙铁路分别连接A与B、C (、A与D), 分别连接A与B、C与D的甲铁路、乙铁路: a list of
    lines, 分别 and one group of places per line, in order; a lone place after the first pair shares the pair's first place
    (A与C). None when no 分别 follows the lines; [] when the groups after this verb do not
    match the lines one to one (…，货物可直达港口: nothing of the list is read again)."""
    text = ctx.sent.text
    if len(lines) < 2:
        return None
    before = "分别" in text[ctx.rel(lines[-1])[1]:cm.start()]
    # 分别连通A与B、A与C的X、Y: 分别 and the verb before the groups, the lines after them
    after = not before and text.endswith("分别", 0, cm.start()) and ctx.rel(lines[0])[0] > cm.end()
    if not (before or after):
        return None
    stop = ctx.rel(lines[0])[0] if after else len(text)
    groups: list[list[Linked]] = []
    for lk in [x for x in places if cm.end() <= ctx.rel(x)[0] < stop]:
        gap = text[ctx.rel(groups[-1][-1])[1]:ctx.rel(lk)[0]] if groups else ""
        if groups and gap in ("与", "和", "同", "跟", "及"):
            groups[-1].append(lk)
        elif not groups or gap == "、":
            groups.append([lk])
        else:
            break
    if len(groups) != len(lines):
        return []
    if len(groups[0]) == 2:
        groups = [groups[0]] + [g if len(g) > 1 else [groups[0][0]] + g for g in groups[1:]]
    return [(line, [lk.key for lk in g]) for line, g in zip(lines, groups)]


_LINE_LIST = ("、", "和", "及", "以及")  # (甲与乙贯通: 与 often joins the lines themselves)


def _specific_or_joined(ctx: Ctx, places: list[Linked], verb: str = "") -> list[str]:
    """The finest places of a clause (深圳市的X连接坪山区和惠州 → 坪山区, 惠州), but a place
    joined to another by 与/和, or by the verb itself (由A通往B), stays even when it holds
    it (连接江门市与台山市, 连接江门市区与台山市)."""
    text = ctx.sent.text
    joined = {k for a, b in zip(places, places[1:])
              if _URBAN.sub("", _city_area(text, ctx.rel(a)[1], ctx.rel(b)[0]), 1) in _JOINED + (verb,)
              for k in (a.key, b.key)}
    joined -= _capital_qualifiers(ctx, places)
    keys = _collapse(ctx, places)
    return [k for k in keys
            if k in joined or not any(k in _ancestors(ctx, o) for o in keys if o != k)]


#: 甲省省会乙, 甲自治区首府乙: the words between a province and its capital (or 的 between a
#: place and one inside it: 连接甲与某国某州的乙城 — the division only says which 乙)
_CAPITAL_OF = ("会", "省会", "首府", "的省会", "的首府", "省会城市", "首府城市", "的")


def _capital_qualifiers(ctx: Ctx, places: list[Linked]) -> set[str]:
    """连接甲省省会乙与…: the provinces that only say which capital is meant (甲省)."""
    text = ctx.sent.text
    return {a.key for a, b in zip(places, places[1:])
            if text[ctx.rel(a)[1]:ctx.rel(b)[0]] in _CAPITAL_OF and a.key in _ancestors(ctx, b.key)}


_JOINED = ("与", "和", "同", "跟", "及", "、")
#: 连接甲城区与乙县: the urban area of a place, before the word joining it to the next one
_URBAN = re.compile(r"^(?:中心城区|主城区|市区|城区|主城)")


def _city_area(text: str, end: int, start: int) -> str:
    """The gap text[end:start] between two places, without the 区 that makes the 市 ending
    the first one its urban area (甲市|区与乙县)."""
    gap = text[end:start]
    return gap[1:] if text[end - 1:end] == "市" and gap.startswith("区") else gap
_HUBS = ("Port", "Airport")
#: 把/将/使/让 opening a clause whose subject is the line that ends the clause before
_TIE_LEAD = re.compile(r"(?:又|还|则|也|更)?(?:把|将|使|让)")


def _past_urban(text: str, at: int) -> int:
    """Where a place's name ends, past the urban-area word right after it (甲城区, 乙主城区)."""
    m = _URBAN.match(text[at:at + 4])
    return at + m.end() if m else at


_BETWEEN = re.compile(r"^(?:两[地市县区省镇城岸])?之间")
_BETWEEN_OF = re.compile(r"(?:两[地港])?之间的")


def _between(ctx: Ctx, infra: list[Linked]) -> list[Fact]:
    """A和B之间的X大桥 / X在A与B之间架起通道: a bridge, line or road of the same clause
    that stands between two places joins them. A港与B港之间的航线 names a route by the two
    ports (or airports) as written; a route that 往返于A港与B港之间 is read by its verb."""
    text = ctx.sent.text
    regions = [lk for lk in ctx.items if ctx.cat(lk) == "Region" or ctx.entities[lk.key].kind in _HUBS]
    facts = []
    for a, b in zip(regions, regions[1:]):
        (sa, ea), (sb, eb) = ctx.rel(a), ctx.rel(b)
        ea, eb = _past_urban(text, ea), _past_urban(text, eb)  # (甲城区和乙城区之间)
        if text[ea:sb] not in _JOINED or not _BETWEEN.match(text[eb:]) or a.key == b.key:
            continue
        if "Infrastructure" in (ctx.cat(a), ctx.cat(b)) and not _BETWEEN_OF.match(text, eb):
            continue
        cl = ctx.clauses()
        ci = next(i for i, c in enumerate(cl) if c[0] <= sa < c[1])
        clause = cl[ci]
        near = [lk for lk in infra if clause[0] <= ctx.rel(lk)[0] < clause[1]]
        if not near and ci and _TIE_LEAD.match(text, clause[0]):
            # X，把甲和乙之间的车程…: the line is the subject of the clause before
            near = [lk for lk in infra if cl[ci - 1][0] <= ctx.rel(lk)[0] and _CLAUSE_END.match(text, ctx.rel(lk)[1])]
        if near:
            target = min(near, key=lambda lk: abs(ctx.rel(lk)[0] - sa))
            for lk in _listed_with(ctx, target, near):
                # (已有X、Y两座过江通道: each of them)
                facts.append(ctx.fact("connection", {"infra": lk.key, "places": (a.key, b.key)},
                                      "connect.between", 0.65))
    return facts


def _travel_time(ctx: Ctx, infra: list[Linked], doc: "DocLinks | None",
                 prev_line: Linked | None = None) -> list[Fact]:
    """X通车后，从A到B只需半小时 / A与B之间最快50分钟可达 / A到B直飞6小时: X joins A and B."""
    text = ctx.sent.text
    if not _TRAVEL_WORD.search(text):
        return []  # no 只需/缩短至 … anywhere
    regions = ctx.of("Region")
    facts = []
    for a, b in zip(regions, regions[1:]):
        gap = text[_past_urban(text, ctx.rel(a)[1]):ctx.rel(b)[0]]
        after = text[_past_urban(text, ctx.rel(b)[1]):]
        if not ((gap in ("到", "至", "抵达", "往返") and _TRAVEL.match(after))
                or (gap in _PARTNER and _TRAVEL_BETWEEN.match(after))) \
                or not _unrelated(ctx, a.key, b.key):
            continue
        ridden = [lk for lk in infra if not _other_route(ctx, lk)]
        target = _line_before(ctx, ridden, ctx.rel(a)[0]) or ridden[:1] or \
            [x for x in [_bare_infra(ctx, doc, ctx.rel(a)[0], prev_line)] if x is not None]
        if target:
            facts.append(ctx.fact("connection", {"infra": target[0].key,
                                                 "places": (a.key, b.key)}, "connect.travel", 0.65))
    return facts


#: 与X(便捷)换乘, 换乘X, 较绕行X节省…: a line the trip changes to, or the detour it saves
_CHANGE_BEFORE = re.compile(r"(?:换乘|換乘|绕行|繞行|绕道|繞道|绕经|繞經)$")
_CHANGE_AFTER = re.compile(r"(?:便捷|实现|實現|快速|无缝|無縫|同站)?(?:换乘|換乘)")


def _other_route(ctx: Ctx, lk: Linked) -> bool:
    """Is ``lk`` a line the trip told in its sentence changes to (在B站与X换乘) or the detour
    it saves (较绕行X节省一小时), not the line that makes the trip?"""
    s, e = ctx.rel(lk)
    text = ctx.sent.text
    return bool(_CHANGE_BEFORE.search(text, max(0, s - 2), s) or _CHANGE_AFTER.match(text, e))


def _line_before(ctx: Ctx, infra: list[Linked], at: int) -> list[Linked]:
    """[the line a trip told at ``at`` is on]: the last named before it (甲高速连接A与B，乙高铁
    建成后C与D之间…: 乙高铁), or the first of the lines listed with it (甲铁路与乙高铁贯通后…:
    甲铁路, which the trip's fact is then shared with); [] when none stands before."""
    before = [lk for lk in infra if ctx.rel(lk)[1] <= at]
    i = len(before) - 1
    while i > 0 and ctx.sent.text[ctx.rel(before[i - 1])[1]:ctx.rel(before[i])[0]] in _LINE_LIST + ("与",):
        i -= 1
    return before[i:i + 1]


def _coarsest(keys: list[str], gaz) -> list[str]:
    """[the place among ``keys`` that holds all the others] (宿迁市 for 宿迁市 and its
    宿豫区: a line's initial names the city), else ``keys`` as they are."""
    top = [k for k in keys if all(o == k or (o in gaz.places and k in gaz.ancestors(o))
                                  for o in keys)]
    return top if len(top) == 1 else keys


def _whole_lines_listed(ctx: Ctx, infra: list[Linked], lk: Linked) -> bool:
    """贵南高铁、贵广高铁先后通车: the lines listed with ``lk`` by 、 are each written whole,
    with the same line word (not 京沪、京广高铁, where one word ends the list)."""
    text = ctx.sent.text
    s0, e0 = ctx.rel(lk)
    near = [x for x in infra if x is not lk and (
        ctx.rel(x)[1] == s0 - 1 and text[s0 - 1] == "、" or ctx.rel(x)[0] == e0 + 1 and text[e0] == "、")]
    return bool(near) and all(_INITIALS.match(x.mention.text) and
                              x.mention.text[-2:] == lk.mention.text[-2:] for x in near)


def _initials(ctx: Ctx, infra: list[Linked], doc: "DocLinks | None") -> list[Fact]:
    """宁扬长江大桥, 沪苏湖铁路: one character for each place it joins — the places of the
    article that start with it, else the official one-character abbreviations."""
    facts = []
    text = ctx.sent.text
    opened = _cue("opened", "connect")
    for lk in infra:
        if lk.mention.inner or doc is None:
            continue
        m = _INITIALS.match(lk.mention.text)
        s0, e0 = ctx.rel(lk)
        clause = [c for c in ctx.clauses() if c[0] <= s0 < c[1]][0]
        told = opened.search(text, e0, clause[1]) or names_two(text, e0, len(text)) \
            or stops_said(text, e0, clause[1]) or _cue("upgraded").match(text, e0)  # 让两市…; 某高铁在C设站
        spelled = not told and _ENDS_SPELLED.search(text, max(clause[0], s0 - 24), s0) is not None
        if not m or not (told or spelled) or "、" in (text[s0 - 1:s0] + text[e0:e0 + 1]) and not _whole_lines_listed(ctx, infra, lk):
            continue  # only when the sentence tells it opens or joins, and not in a list of parts
        if names_section(ctx, lk):
            continue  # X甲至乙段: the sentence speaks of a section, not of the line's ends
        if m.group(1)[-1] in cues()["water_end"] and \
                lk.mention.text[m.end(1):].startswith(tuple(cues()["water_span"])):
            continue  # 某江大桥, 某湾隧道: named after the water it spans
        if text[s0 - 1:s0] in _PARTNER and any(_cue("connect").match(text, e0 + k) for k in (0, 1)):
            continue  # 车站将与X衔接: X is what something else joins, not a link it makes
        keys = []
        here = {x.key for x in ctx.items}
        for ch in m.group(1):
            cands = [k for k in doc.initials.get(ch, []) if k not in keys]
            said = _coarsest([k for k in cands if k in here], ctx.gaz)  # (the sentence's own 喀什市,
            own = said if len(said) == 1 else _coarsest(cands, ctx.gaz)  # not the article's 喀什地区)
            if len(own) == 1:
                keys.append(own[0])
            elif not own and ch in ctx.gaz.abbrev and ctx.gaz.abbrev[ch] not in keys and \
                    not ctx.gaz.places[ctx.gaz.abbrev[ch]].name.endswith(("省", "自治区")):
                keys.append(ctx.gaz.abbrev[ch])  # 沪, 港, 穗 (苏 could be 江苏 or 苏州)
            else:
                break
        else:
            if spelled and not set(keys) <= {x.key for x in ctx.items if s0 - 24 <= ctx.rel(x)[0]
                                             and ctx.rel(x)[1] <= s0}:
                continue  # 甲至乙的甲乙高速: the ends its initials stand for, written before it
            for k in keys:
                for a in [k] + ctx.gaz.ancestors(k):
                    ctx.entities.setdefault(a, place_entity(ctx.gaz, a))
            facts.append(ctx.fact("connection", {"infra": lk.key, "places": tuple(keys)},
                                  "connect.initials", 0.6))
    return facts


# --------------------------------------------------------------------------- located-in
_POSITION = re.compile(r"^(?:(?:东|南|西|北|中|东南|东北|西南|西北|上|下)?(?:部|侧|面|边|端|旁|旁边|附近|"
                       r"境内|辖区|区域|一带|内|地库|下层|上层|对面|周边|核心区|腹地|城区|市区)){0,3}")
#: a part of a zone written right after it (某试验区某某片区, 某新区东部组团)
_ZONE_PART = re.compile(r"[\u4e00-\u9fff]{1,4}?(?:片区|组团|板块)")
_PART_NOTE = re.compile(r"[(（][\u4e00-\u9fff]{1,10}(?:片区|园区|区块|组团|板块|分区)[)）]")
_NEAR = re.compile(r"(?:东|南|西|北)?(?:旁|旁边|附近|周边|对面|隔壁)")
_SIDE = re.compile(r"(?:东|南|西|北|东南|东北|西南|西北)侧")
_BEYOND = re.compile(r"以(?:东|南|西|北|东南|东北|西南|西北)")


def _landmark_address(ctx: Ctx, lk: Linked) -> list[Linked]:
    """The finest place written in a landmark's name (南山区蛇口港 → 南山区), read at the
    landmark's mention, or none: the landmark's address, where things beside it stand."""
    inner = [x for x in lk.mention.inner if x.candidates and x.candidates[0].startswith("region:")]
    if not inner:
        return []
    key = _specific(ctx, [x.candidates[0] for x in inner])[-1]
    return [Linked(lk.mention, key)] if key in ctx.entities else []


DEMONSTRATIVE_ENT = re.compile(r"^(?:这家|该|这个|此)[^，,。]{0,12}?(?:企业|公司|集团)")
# 公司(去年)在P投产…, opening a sentence: the firm named just before (企业 is left out: it
# is as often firms in general)
BARE_FIRM_OPENING = re.compile(r"[“”\"「」]?(?:公司|集团)(?:去年|今年|前年|前几年|这几年|近几年|近年|早年|几年前|多年前|当年|同年|随后|目前|现已|已经|已|也|还|又|则|就|于\d{4}年)*")
GENERIC_PARK_SUBJECT = re.compile(r"^(?:该|这个|这一|此)?(?:共建园区|园区|产业园|该园|合作园区|合作园|基地)")


def _with_list(ctx: Ctx, subj: Linked) -> list[Linked]:
    """A、B和C等企业落户Y: the subject and the items listed with it."""
    text = ctx.sent.text
    out = [subj]
    same = [lk for lk in ctx.items if ctx.cat(lk) == ctx.cat(subj) and lk.end <= subj.start]
    anchor = ctx.rel(subj)[0]
    for lk in reversed(same):
        gap = text[ctx.rel(lk)[1]:anchor]
        if _PARENT_GAP.fullmatch(gap):
            anchor = ctx.rel(lk)[0]  # A投资设立的B, A在某县设立的B: A is B's parent, not listed
            continue
        if gap not in ("、", "和", "与", "及", "以及", ",", "，", "，以及", ",以及") and \
                not _of_place(ctx, gap, ctx.rel(lk)[1]) and not _UNIT_GAP.fullmatch(gap):
            break
        out.insert(0, lk)
        anchor = ctx.rel(lk)[0]
    if len(out) > 1 and not any(text[ctx.rel(lk)[1]:ctx.rel(lk)[1] + 1] == "、"
                                or "以及" in text[ctx.rel(lk)[1]:ctx.rel(lk)[1] + 3]
                                or _UNIT_GAP.match(text, ctx.rel(lk)[1]) for lk in out) \
            and not _PAIR_COUNTED.match(text, ctx.rel(subj)[1]):
        return [subj]  # A与B: a pair, not a list (B may be the only one located)
    return out  # (A和B两家企业入驻Y: a pair counted as one subject)


#: A储能电池基地、B…: a unit of the firm before the separator (the firm is listed)
_UNIT_GAP = re.compile(r"[^，,。；;、和与及等的]{1,12}?(?:项目|基地|工厂|生产线|产线|研发中心)(?:、|和|与|及)")
_PARENT_GAP = re.compile(r"(?:投资|出资|全资)?(?:在[^，,。；;、的]{2,8}?)?(?:设立|成立|注册成立|组建)的")
_PAIR_COUNTED = re.compile(r"(?:两|二|2)(?:家|个|所)|均|都|皆")  # (A与B均已…: both)


def _of_place(ctx: Ctx, gap: str, at: int) -> bool:
    """、珲春市的: a separator, then the place the next item comes from."""
    m = re.fullmatch(r"(、|和|与|及|以及|，|,)(.{2,10})的", gap)
    return bool(m) and any(ctx.rel(lk) == (at + m.end(1), at + m.end(2)) and ctx.cat(lk) == "Region"
                           for lk in ctx.items)


#: (园区二期已引进A: a phase of the park, written alone too: 二期已引进A)
_INTRO_OPENING = re.compile(r"(?:(?:该|这个|这一|此)?(?:产业园区|产业园|园区|该园|合作园区|合作产业园)(?:内)?"
                            r"|园内|园中|园里)?"
                            r"(?:[一二三四五]期(?:项目)?(?:内)?)?"
                            r"(?:已|已经|又|还|先后|累计|相继|陆续|共|目前|今年|去年|新|首批|首期|同日|当天|当日)*")
#: 全年新引进A、B: a period opening a clause that brings firms in (not one of 入驻/进驻 alone:
#: 全年新入驻企业20家，其中A落户P1 counts, the list goes on elsewhere)
_INTRO_PERIOD = re.compile(r"(?:全年|年内|上半年|下半年|今年以来|近年来|近年|前三季度|一季度|去年全年)")
_BARE_PARK = re.compile(r"^(?:该|这个|这一|此)?(?:产业园区|产业园|园区|该园|合作园区|合作产业园|飞地园区|基地)")


def _after_role(text: str) -> int:
    """作为X的样板，P…: where the clause after an opening 作为… starts (0 without one);
    what 作为 names is a role, not the subject."""
    m = re.match(r"[“”\"「」\s]*作为[^，,。；;]*[，,]", text)
    return m.end() if m else 0


_ADVERBS = re.compile(r"^(?:已|已经|正式|全面|先后|相继|都|均|也)+|“")
_CLAUSE_END = re.compile(r"[，,。；;]|$")


def _after_park_clause(ctx: Ctx, at: int) -> bool:
    """Does a clause start at offset ``at``, right after a comma that ends a clause with a
    park's name (P，坐落在…), or a firm's that opens the sentence or follows 为/是 (…的工厂
    是A，位于…: the firm's address, not a list of subjects)?"""
    text = ctx.sent.text
    return at > 0 and text[at - 1] in "，," and any(
        ctx.rel(lk)[1] == at - 1 and (ctx.cat(lk) == "Park" or ctx.cat(lk) == "Enterprise" and (
            ctx.rel(lk)[0] <= 2 or text[ctx.rel(lk)[0] - 1] in "为是")) for lk in ctx.items)


_EVENT = re.compile(r"(?:仪式|典礼|大会|活动|现场|会议|座谈会|推介会|发布会)")
_PERSON = FIRM_PERSON
_FORMER_LATTER = re.compile(r"前者|后者")
_KIN = re.compile(r"[“”\"「」\s]*(?:其|该公司|该企业)?的?(?:母公司|子公司|控股股东|股东|投资方)")
_CLAUSE_LEAD = re.compile(r"(?:目前|现|则|也|均|都|已|正式|就)*")


def _closing(text: str, at: int) -> int:
    """How many closing quotes end right before ``at``."""
    n = 0
    while at - n > 0 and text[at - n - 1] in "”」』\"":
        n += 1
    return n


_ZONE_WORD_VERB = re.compile(r"(?:已|则|也)?(?:由|位于|选址|地处|坐落|设在)")


def _zone_word_subject(ctx: Ctx, lk: Linked) -> bool:
    """合作区由A与B共建，选址于Y: a bare zone word that opens a clause with its verb stands
    for the zone, as 园区 does for a park (not 合作区管委会…); so does a named zone that opens
    the sentence with its founding (某开发区成立于1989年，…)."""
    s, e = ctx.rel(lk)
    if s == 0 and _is_zone(ctx, lk) and (_ZONE_FOUNDED.match(ctx.sent.text, e) or _ZONE_SIZE.match(ctx.sent.text, e)):
        # 某投资区成立于1989年，目前隶属Y管辖 / 某高新区规划面积10平方公里，位于Y: the named
        # zone the sentence opens with, told of by its founding or its size
        return True
    return lk.mention.how == "anaphor" and _is_zone(ctx, lk) and bool(_ZONE_WORD_VERB.match(ctx.sent.text, e)) \
        and (s == 0 or ctx.sent.text[s - 1] in "，,。；;")


#: a zone's founding right after its name (成立于1989年, 于2010年获批设立)
_ZONE_FOUNDED = re.compile(r"(?:(?:成立|设立|创建|始建|组建|获批)于|于\d{4}年(?:\d{1,2}月)?(?:正式)?"
                           r"(?:成立|设立|创建|组建|获批))")


#: a zone's size right after its name (规划面积10平方公里, 总面积, 占地3000亩)
_ZONE_SIZE = re.compile(r"(?:规划|总|核心区|建成区|批准|实际管辖)?(?:面积|占地|用地)(?:面积)?(?:约|达|为|近|超过)?\d")


_ZONE_INTRO_LEAD = re.compile(r"(?:内|里)?(?:目前|如今|今年|去年|累计|共)*")


def _zone_opening(ctx: Ctx, lk: Linked, cue: int) -> bool:
    """新区(内)(目前)已落户企业百余家，包括A、B / 某新区已引进A等: a zone (named, or a bare
    zone word for it) that opens the clause of an intake verb is where the firms are."""
    s, e = ctx.rel(lk)
    text = ctx.sent.text
    return _is_zone(ctx, lk) and (s == 0 or text[s - 1] in "，,。；;") and bool(_ZONE_INTRO_LEAD.fullmatch(text, e, cue))


_PARTNER_BEFORE = re.compile(r"(?:与|和|同|跟|由)$")
_PARTNER_AFTER = re.compile(r"(?:与|和|同|跟)[^，,。；;、]{0,12}?(?:共建|合作|结对)|结对|共建|携手|签约|签署")


def _as_partner(ctx: Ctx, lk: Linked) -> bool:
    """甲与乙共建 / 甲与乙结对 / 乙结对甲: a place named as one side of a partnership."""
    s, e = ctx.rel(lk)
    text = ctx.sent.text
    return bool(_PARTNER_BEFORE.search(text, max(0, s - 1), s) or _PARTNER_AFTER.match(text, e))


#: what a firm is, written between 的 and its quoted name (的电子零件厂商「A」)
_KIND_BEFORE_NAME = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:业者|企业|厂商|厂家|公司|集团)[“「『\"]?")


#: a clause telling whom something is for or meant to draw (为…, 吸引…, 帮助…)
_FOR_WHOM = re.compile(r"(?:为|帮助|吸引|鼓励|支持|服务)")


#: the firm's own team right after its name (A的研发团队): in a park or zone, the firm works there
_FIRM_TEAM = re.compile(r"的?(?:研发团队|技术团队|研发人员|科研团队)")
#: 公司的研发团队已经…: a bare word for the firm named before, then its team, opening a clause
_BARE_FIRM_TEAM = re.compile(r"(?:公司|企业|集团)的?[\u4e00-\u9fff]{0,6}?(?:研发团队|技术团队|科研团队)(?:已经|已|目前|也|都|均)*")


#: a clause that goes on with the subject of the clause before (后来又…, 随后…)
_THEN = re.compile(r"(?:后来|随后|此后|之后|其后|不久|紧接着|同时|今年初|今年|去年|前年|年初|目前|此次|这次|本次)?"
                   r"(?:又|还|再|也|并|便|已)?(?:陆续|先后|相继)?")


#: 按照公司的布局，…: a sentence that tells the firm's own plan (its clauses are the firm's)
_FIRM_PLAN = re.compile(r"(?:按照|根据|按)(?:公司|集团|企业)(?:的|自身的)?(?:整体)?(?:布局|规划|安排|部署|战略|计划)[，,]")


def _opens_sentence(ctx: Ctx, firm: Linked) -> bool:
    """Does the firm open the sentence (after clauses of time alone), the only firm before
    it? (A总部位于X，此次在Y建设的生产基地…: A goes on as the subject)"""
    start = 0
    while (m := _TIME_CLAUSE.match(ctx.sent.text, start)) is not None:
        start = m.end()
    return ctx.rel(firm)[0] == start


def _firm_led(text: str, clause_start: int) -> bool:
    """The clause before ``clause_start`` opens the sentence (after clauses of time alone)
    with a bare 公司 or 集团 (2019年，公司决定在X建厂，后来又…), or is the firm named before,
    described (这家总部位于Y的机器人厂商，今年初…); or the sentence opens with the firm's
    plan (按照公司的布局，…)."""
    start = 0
    while (m := _TIME_CLAUSE.match(text, start)) is not None:
        start = m.end()
    plan = _FIRM_PLAN.match(text, start)
    if plan is not None and plan.end() <= clause_start:
        return True  # 按照公司的布局，总部留在X，…，同时在Y设立了分拨中心: the firm's plan throughout
    prev = max(text.rfind(c, 0, clause_start - 1) for c in "，,；;") + 1
    if _FIRM_DESCRIBED.fullmatch(text, prev, clause_start - 1):
        return True  # 这家总部位于Y的机器人厂商，今年初在Z租下厂房: the firm described
    return prev <= start < clause_start and BARE_FIRM_OPENING.match(text, start) is not None


#: what a firm is called by its kind (企业, 公司, or 厂商, 供应商: a maker or a supplier)
_FIRM_KINDS = "(?:企业|公司|集团|厂商|厂家|制造商|供应商)"
#: a clause that is a firm described, pointing back to it: 这家总部位于Y的工业机器人厂商
_FIRM_DESCRIBED = re.compile(rf"[“”\"「」]?(?:这家|该)[^，,。；;]{{0,24}}?{_FIRM_KINDS}")


#: a clause of time alone (2019年，)
_TIME_CLAUSE = re.compile(r"(?:\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?|今年|去年|前年|近年来|近年|此前|当时|早在\d{4}年)[，,]")


_HEAD_WORD = re.compile(r"(?:该|这个|此)?([\u4e00-\u9fff]{0,3}园区?)(?:则|也|还|目前)?")


def _park_by_head_word(ctx: Ctx, before: list[Linked], clause_start: int, at: int) -> Linked | None:
    """The park named earlier in the sentence whose name ends with the head word (物流园,
    产业园, 园区) that alone opens the clause before ``at``, else None."""
    m = _HEAD_WORD.fullmatch(ctx.sent.text, clause_start, at) if clause_start else None
    if m is None:
        return None
    parks = [lk for lk in before if ctx.cat(lk) == "Park" and ctx.rel(lk)[1] <= clause_start]
    if not parks or not ctx.entities[parks[-1].key].label.endswith(m.group(1)):
        return None
    return parks[-1]


#: 在P租用/设立的(“)Q: a verb and 的 after a site, then the thing the phrase heads
_SITE_OF_ACT = re.compile(r"[\u4e00-\u9fff]{1,6}?的[“「『\"]?")


def _located_subject(ctx: Ctx, before: list[Linked], c_start: int, c_end: int, things: tuple,
                     prev_park: Linked | None, prev_ent: Linked | None) -> Linked | None:
    """Who is located: the nearest thing before the verb in its clause, else the
    sentence's opening thing, else what a demonstrative (这家企业, 该园区) points back to."""
    text = ctx.sent.text
    clause_start = max(text.rfind(c, 0, c_start) for c in "，,。；;") + 1
    cands = [lk for lk in before if (ctx.cat(lk) in things or _is_zone(ctx, lk))
             and ctx.rel(lk)[0] >= clause_start]
    if cands:
        last = cands[-1]
        if _is_zone(ctx, last) and text.startswith("的", ctx.rel(last)[1]) and last is before[-1]:
            return None  # 某经开区的飞地园区位于Y: what stands in Y is the zone's, unnamed
        if _cue("park_office").match(text, ctx.rel(last)[1] + text.startswith("的", ctx.rel(last)[1])):
            return None  # 某园区管委会办公地点设在Y: the office stands there, not the park
        return last
    head = _park_by_head_word(ctx, before, clause_start, c_start)
    if head is not None:
        return head  # X坐落在P内，物流园地处Y: the park whose head word opens the clause
    if _KIN.match(text, clause_start):
        return None  # A由B投资设立，母公司总部位于Y: the clause is about another firm than A
    named = [lk for lk in before if ctx.cat(lk) in things]
    which = _FORMER_LATTER.match(text, clause_start)
    if which:  # A与B签约，后者入驻Y: the second of the two named before (前者: the first)
        return (named[-2:] if len(named) >= 2 else [None])[0 if which.group(0) == "前者" else -1]
    if clause_start and _CLAUSE_LEAD.fullmatch(text, clause_start, c_start):
        ended = [lk for lk in before if ctx.rel(lk)[1] == clause_start - 1 - _closing(text, clause_start - 1)
                 and (ctx.cat(lk) in things or _is_zone(ctx, lk))]
        if ended:  # 由A运营的P，位于Y: the thing that ends the clause before
            return ended[-1]
    if prev_park is not None and DEMONSTRATIVE.match(text):  # 该园区由A与B共建，位于Y
        return prev_park
    obj = _UNNAMED_OBJECT.search(text, clause_start, c_start)
    if obj and not obj.group(0).endswith(_FACILITY_WORDS):
        return None  # 将分级诊疗落地Y: what the clause moves to Y is no entity, nor a firm's site
    cands = [lk for lk in before if (ctx.cat(lk) in things or _zone_word_subject(ctx, lk))
             and ctx.rel(lk)[0] >= _after_role(text)][:1]
    if cands:
        # 入驻P的A，总部在Y: P tells which A; A heads the phrase
        head = [lk for lk in before if ctx.cat(lk) in things and text.startswith("的", ctx.rel(cands[0])[1])
                and ctx.rel(lk)[0] == ctx.rel(cands[0])[1] + 1]
        rented = _SITE_OF_ACT.match(text, ctx.rel(cands[0])[1]) \
            if text[ctx.rel(cands[0])[0] - 1:ctx.rel(cands[0])[0]] == "在" else None
        if rented and not head:  # 甲在P租用的Q，…位于Y: Q heads the phrase, P is where it was set up
            head = [lk for lk in before if ctx.cat(lk) in things and ctx.rel(lk)[0] == rented.end()]
        return (head or cands)[0]
    named = re.search(r"命名为|定名为|取名为|名为", text[c_end:])
    if named:  # …选址Y，命名为X: X is what stands there
        at = c_end + named.end()
        cands = [lk for lk in ctx.starting_at(at) if ctx.cat(lk) in things]
        if cands:
            return cands[0]
    opening = text[clause_start:c_start]
    if prev_ent is not None and (DEMONSTRATIVE_ENT.search(opening) or clause_start == 0
                                 and (firm_seat_opens(opening) or BARE_FIRM_OPENING.fullmatch(opening))):
        return prev_ent  # (公司总部设在Y, opening a sentence: the firm named just before)
    if prev_ent is not None and _THEN.fullmatch(opening) and _firm_led(text, clause_start):
        return prev_ent  # 公司决定在X建厂，后来又在Y设立了研发中心: the firm goes on
    if prev_ent is not None and _BARE_FIRM_TEAM.fullmatch(opening):
        return prev_ent  # A…。公司的研发团队已在P办公: the firm, through its team
    if clause_start and BARE_FIRM_OPENING.match(opening):
        # A的总经理说，公司去年把产线迁入P: the one firm the sentence named before
        firms = [lk for lk in before if ctx.cat(lk) == "Enterprise" and ctx.rel(lk)[1] < clause_start]
        if len({lk.key for lk in firms}) == 1:
            return firms[-1]
    if prev_park is not None and (DEMONSTRATIVE.search(opening) or GENERIC_PARK_SUBJECT.match(opening)):
        return prev_park
    if prev_park is not None and not any(ctx.cat(lk) in things for lk in before) and after_heading(
            ctx.doc.norm, prev_park.start, prev_park.end, ctx.sent.start):
        return prev_park  # （二）P。甲区和乙县合作共建，园址在Y: the heading's park
    return None


# 把/将 + a noun phrase right before the verb: the clause's own object (将于, 将正式: "will")
_UNNAMED_OBJECT = re.compile(r"(?:把|将)(?![于在会要可能正式全面逐步陆续率先尽快进一步加快])"
                             r"[\u4e00-\u9fff“”「」]{2,12}$")
# (将生产线落户Y: a site of the firm the sentence is about, which is placed so)
_FACILITY_WORDS = ("生产线", "产线", "线", "工厂", "厂", "车间", "基地", "总部", "项目", "中心", "公司")
_AT = re.compile("在|(?<=[已将均并现])于")  # (已于Y投产: 于 after an adverb is 在)
#: 在Y签约共建的P, 在Y正式设立X: words before the verb of building (the verb still says it)
_BUILD_LEAD = re.compile(r"(?:签约|签订协议|正式|率先|先行)?")
_STACKED = re.compile(r"、(?:由|经|为)[^，,。；;、“”「」]{2,30}?的")
_SUBSITE = re.compile(r"(?:(?!的)[\u4e00-\u9fff0-9A-Za-z]){1,8}?(?:天地|中心|大厦|大楼|广场|园|谷|基地|小镇|楼|期|号|座|层"
                      r"|岛|片区|组团|板块|街道)(?:内|境内)?的")
_OF_PLACE = re.compile(r"(?:籍)?(?:企业|公司|客商|项目|投资者|资本)")
_INSIDE = re.compile(r"(?:区域|范围|园区)?内")
_FIRMS_LISTED = re.compile(r"等[^，,。；;]{0,8}?(企业|公司)")
#: what may stand before 在 in a clause of 甲、乙等企业在A设立…、在B设立… (no subject of its own)
_LISTED_LEAD = re.compile(r"(?:已|已经|均|都|分别|先后|相继|也|还|又|将|正|陆续|并|同时|另外)*")
_FIRMS_SETTLED = re.compile(r"等[^，,。；;]{0,12}?(?:已|先后|相继|陆续)?(?:入驻|进驻|落户|签约入驻)")
#: P…，A、B入驻投产 / 已投产: a verb of settling right after the firms, ending the clause
_FIRMS_SETTLED_BARE = re.compile(r"(?:已|均已|先后|相继|陆续|正式)?(?:签约入驻|入驻投产|入驻|进驻|落户|投产)"
                                 r"(?=[，,。；;]|$)")
_FIRMS_OF = re.compile(r"企业(?:——|—|:|：)")
#: 来自A、B等…的团队: where those who settle come from, not who settles
_FROM_WHERE = re.compile(r"(?:来自|來自)[^的]*$")


def _from_where(text: str, start: int, at: int) -> bool:
    """Is offset ``at`` inside a 来自…的 modifier opened after ``start`` (来自A、B等院校的
    团队: A and B say where the team comes from; 来自深圳的A: A itself is meant)?"""
    return _FROM_WHERE.search(text, start, at) is not None


_AT_OURS = re.compile(r"在(?:我|本)(?:省|市|区|县|州|镇|旗)$")
_BUILDER_PARK = re.compile(r"(?:由|与|和|、|同|沿用|借鉴|学习)$")
_OWNER_PARK = re.compile(r"(?:的|与|和|、|同)")
_FIRM_WORD = re.compile(r"(?:企业|公司|集团)")
#: 企业, or what kind of firm (新能源企业, 工业机器人厂商) ending its clause: 这家总部位于Y的新能源
#: 企业，…
_FIRM_KIND_WORD = re.compile(rf"{_FIRM_WORD.pattern}|[\u4e00-\u9fff]{{1,6}}?{_FIRM_KINDS}(?=[，,。；;])")
_SET_UP_THERE = re.compile(r"[，,](?:并|随后|同时|当年)?(?:投资)?(?:设立|成立|注册成立|组建|注册)了?")


def _unit_owner(ctx, before: int, prev_ent: Linked | None) -> Linked | None:
    """The firm whose units a sentence places: the last one named before ``before``, or the
    one named earlier that a bare 集团/公司 (or 该公司, 这家企业) opening the sentence
    stands for."""
    firms = [lk for lk in ctx.items if ctx.rel(lk)[1] <= before and ctx.cat(lk) == "Enterprise"]
    if firms:
        return firms[-1]
    return prev_ent if _FIRM_WORD.match(ctx.sent.text) or _FIRM_REF_OPENS.match(ctx.sent.text) else None


_FIRM_REF = re.compile(r"(?:这家|该)(?:企业|公司|集团)?(?:总部)?$")
#: a clause opening with the firm named before: 该公司总部位于Y, 这家企业位于Y
_FIRM_REF_OPENS = re.compile(r"[“”\"「」]?(?:这家|该)(?:企业|公司|集团)")


@cache
def _seat_pattern() -> re.Pattern:
    return re.compile(f"(?:{seat_words(cues()['seat_word'])})(?:[和与及、][^，,。；;在]{{1,10}}?)?"
                      f"(?:{_cue('seat_still').pattern})*(?:{_cue('seat_keep').pattern})?$")


def _seat_owner(ctx: Ctx, before: list[Linked], at: int, prev_ent: Linked | None) -> Linked | None:
    """Whose seat is in the place after ``at``: the last firm of the clause (A把总部留在Y);
    when the clause opens with the seat, the firm ending the clause before (A的母公司是B，总部在Y)
    or the sentence's first thing (同期签约的A成立于2010年，总部在Y); the firm named before
    that 该公司 opening the clause points back to."""
    text = ctx.sent.text
    start = max(text.rfind(c, 0, at) for c in "，,。；;") + 1
    firms = [lk for lk in before if ctx.cat(lk) in ("Enterprise", "Institution")]
    own = [lk for lk in firms if ctx.rel(lk)[0] >= start]
    if own:
        return own[-1]
    word = _FIRM_OPENING.match(text, start)
    if word and not firms and prev_ent is not None and _seat_pattern().fullmatch(text, word.end(), at):
        return prev_ent  # A…。公司总部仍留在Y: the firm named before
    if not firms and prev_ent is not None and _seat_pattern().fullmatch(text, start, at) \
            and _FIRM_SAID.search(text, 0, start):
        return prev_ent  # A…。按照公司的布局，总部仍留在Y: the firm the sentence speaks of
    if word and firms and _seat_pattern().fullmatch(text, word.end(), at):
        # A隶属B集团，集团总部仍在Y: the last firm named with that word
        named = [lk for lk in firms if ctx.entities[lk.key].label.endswith(word.group(1))]
        if named:
            return named[-1]
    if _seat_pattern().fullmatch(text, start, at) and firms:
        if ctx.rel(firms[-1])[1] == start - 1:
            return firms[-1]  # A的母公司是B，总部在Y: B, named right before
        if firms[0] is ctx.items[0] and not re.search(r"[，,。；;：:]", text[:ctx.rel(firms[0])[0]]):
            return firms[0]
    if DEMONSTRATIVE_ENT.match(text[start:at]):
        return firms[-1] if firms else prev_ent
    quote = text.rfind("“", 0, at)
    if not firms and prev_ent is not None and quote > 0 and _FIRM_SPEAKS.search(text, 0, quote) \
            and _quoted_seat().fullmatch(text, quote + 1, at):
        return prev_ent  # A…。公司负责人说：“研发和总部还在Y…”: the firm its person speaks for
    if text.startswith("其", start) and _seat_pattern().fullmatch(text, start + 1, at):
        # A当天签下协议，…，其注册地与总部仍在Y: the firm a clause before opens with
        subjects = [lk for lk in firms if sentence_clause_start(text, ctx.rel(lk)[0]) == ctx.rel(lk)[0]]
        return subjects[-1] if subjects else None
    return None


_FIRM_OPENING = re.compile(r"[“”\"「」]?(集团|公司)的?")
#: a person of the firm named before speaking, right before a quote: 公司负责人说(得很直白)：
_FIRM_SPEAKS = re.compile(r"(?:公司|企业|集团)[^，,。；;“”]{0,8}?(?:说|表示|介绍|坦言)[^，,。；;“”]{0,5}[：:，,]?$")


@lru_cache(maxsize=1)
def _quoted_seat() -> re.Pattern:
    """A quote opening with the firm's seat, maybe after a unit kept with it (研发和总部还在Y)."""
    return re.compile(r"(?:[^，,。；;在“”]{1,6}?[和与及、])?(?:" + _seat_pattern().pattern + ")")
#: 按照公司的布局: a bare word for the firm before a clause that opens with its seat
_FIRM_SAID = re.compile(r"(?:公司|企业|集团)的")


def _seat_before(text: str, at: int) -> bool:
    """总部在Y / 总部和研发中心仍留在Y / 注册地设在Y: a firm's seat right before 在 at ``at``."""
    return _seat_pattern().search(text, max(0, at - 20), at) is not None
_BRACKET_NAME = re.compile(r"^(.+?)[(（](.+?)[)）].+")


_SETTLE_ADVERBS = re.compile(r"(?:已|已经|正式|全面|先后|相继|率先|都|均|也)*")


def _settled_attr(ctx: Ctx, end: int, settle: re.Pattern) -> Linked | None:
    """在Y(已)投产的A: the firm or institution right after 的 that a settle verb after the
    place ``end`` ends describes, else None."""
    text = ctx.sent.text
    verb = settle.match(text, _SETTLE_ADVERBS.match(text, end).end())
    if verb is None or text[verb.end():verb.end() + 1] != "的":
        return None
    at = verb.end() + 1
    while text[at:at + 1] in ("“", "「", "\""):
        at += 1
    firms = [lk for lk in ctx.starting_at(at) if ctx.cat(lk) in ("Enterprise", "Institution")]
    return firms[0] if firms else None


_AT_YU = re.compile(r"[，,将已均并现拟]于")  # (，于Y共建P / 将于Y共建P: 于 as 在)
#: a water word right after a place, then its sides or banks (深圳河南北两侧, 某江两岸)
_WATER_SIDE = re.compile(r"[河江湖溪](?:的)?(?:南北|东西|两|南|北|东|西|沿)?(?:两侧|两岸|岸|畔|侧)")
#: characters that make a word with 位 (单位, 岗位, 地位 …): 位在/位处 right after one is no cue
_POSITION_WORD_HEADS = frozenset("单岗职座部地方车席摊点水价品号学")
_FORMER = re.compile(r"(?:过去|以前|从前|原定|原计划|原拟|原来|原先|原本|原|曾计划|曾拟|曾经|曾)$")
_SET_UP = re.compile(r"(?:注册)?(?:成立|设立)|组建|新设")


@lru_cache(maxsize=1)
def _unit_set_up_pattern() -> re.Pattern:
    c = cues()
    area = r"(?:约|近|超|逾)?[\d.]+万?(?:多|余)?(?:平方米|平方公尺|平米|亩)的?"  # (租下约2万平方米厂房)
    units = alternation(c['unit_set_up_unit'])
    # (在Y建设的生产基地…: the unit heads what follows, whatever the clause goes on to say)
    # (开办的刺绣帮扶车间, 新建帮扶车间1个: a word of its trade before the unit, a count after)
    return re.compile(rf"(?:投资|出资)?(?:{alternation(c['unit_set_up_verb'])})了?"
                      rf"(?:的[^的，,。；;、]{{0,4}}?(?:{units})|(?:一个|一家|一座|一处|了)?(?:{area})?"
                      rf"[^的，,。；;、]{{0,4}}?(?:{units})(?:\d+个)?(?=$|[，,。；;、和与及]))")


def _unit_set_up(tail: str) -> bool:
    """(A在Y)设立了营销中心 / 设了研发中心 / 投资建厂: a verb of setting up, then one of
    the firm's own units (``unit_set_up_unit``) that ends the phrase — not a named park or
    a firm of its own (those are placed by what names them)."""
    return _unit_set_up_pattern().match(tail) is not None


_JUST_THERE = re.compile(r"(?:就|也|则|仍|还|都)*$")  # (母公司A就在Y)


def _firm_just_there(ctx: Ctx, c_start: int, tail: str, sites: bool = False) -> Linked | None:
    """母公司A(就)在Y，…: a firm right before 在 and a place that ends the clause is there
    (a verb of settling need not follow), else None; so is one whose unit is in a park or
    zone (``sites``: A的工厂就在P; a unit in a division is a side of a split)."""
    if not tail[:1] or tail[:1] not in "，,。；;":
        return None
    ends = [c_start, _JUST_THERE.search(ctx.sent.text, 0, c_start).start()]
    if sites and (unit := unit_tail_start(ctx.sent.text, c_start)) is not None:
        ends.append(unit)  # A的工厂就在P: the firm works in the park through its unit
    firms = [lk for at in ends for lk in ctx.ending_at(at) if ctx.cat(lk) == "Enterprise"]
    return firms[0] if firms else None


def _set_up_there(ctx: Ctx, end: int, settle: re.Pattern) -> Linked | None:
    """A在Y注册成立(全资子公司)B: the firm set up, B, right after the settle verb that
    follows the place ``end`` (A, its parent, stands elsewhere), else None."""
    text = ctx.sent.text
    at = _SETTLE_ADVERBS.match(text, end).end()
    verb = _SET_UP.match(text, at) or settle.match(text, at)
    if verb is None:
        return None
    at = SUBSIDIARY_TAIL.match(text, verb.end()).end()
    firms = [lk for lk in ctx.starting_at(at) if ctx.cat(lk) == "Enterprise"]
    return firms[0] if firms else None


@cache
def _gap_words() -> re.Pattern:
    """What may stand between a verb of being somewhere and the place: 于/在, a time word,
    and the speaker's own place (位于我县某镇: the town the text names)."""
    return re.compile(rf"(?:于|在)?(?:现时|目前|现在|如今|今后)?(?:{self_word().pattern})?")


#: a line's ends and stops before a verb of being somewhere (终点设在Y)
_LINE_ENDS = ("终点", "起点", "终点站", "起点站", "始发站")
#: 这里(就)是…的P: the sentence says what the place the sentence before opened with is
_HERE_IS = re.compile(r"(?:这里|这儿|此处|此地)(?:就|便|正|也)?是")


def _here_is(ctx: Ctx, last: "tuple[Ctx, list[Fact]] | None") -> list[Fact]:
    """在Y，(某厂房里，)A的产线…。这里是(由甲与乙共建的)P: P, the park the sentence names
    (ending its clause, maybe after a dash: 这里是某县在某地建设的“飞地”——P), is in Y, and so
    are the firms the sentence before placed in Y. A scene set in one zone or park without
    opening with 在 (初夏时节，Y内，…; 走进Y，…) places P in Y as well."""
    if last is None or not _HERE_IS.match(ctx.sent.text):
        return []
    text = ctx.sent.text
    parks = [lk for lk in ctx.items if ctx.cat(lk) == "Park" and lk.mention.how != "anaphor"
             and text[ctx.rel(lk)[0] - 1:ctx.rel(lk)[0]] in ("的", "是", "—")
             and _CLAUSE_END.match(text, ctx.rel(lk)[1])]
    before, found = last
    if not parks:
        return []
    site = _scene_opened(before) if before.sent.text.startswith("在") else None
    if site is None and before.sent.end >= ctx.sent.start - 3:
        # 初夏时节，甲开发区内，…。/ 走进甲开发区，…。这里是P: the one zone or park of the scene
        scene = list({lk.key: lk for lk in before.items
                      if before.cat(lk) == "Park" or _is_zone(before, lk)}.values())
        site = scene[0] if len(scene) == 1 and scene[0].key != parks[0].key else None
    if site is None:
        return []
    park = parks[0]
    firms = {f.args["entity"] for f in found if f.rule == "located.fronted" and f.args["place"] == site.key}
    return [ctx.fact("located_in", {"entity": park.key, "place": site.key}, "located.here", 0.6)] + [
        ctx.fact("located_in", {"entity": k, "place": park.key}, "located.here", 0.6) for k in sorted(firms)]


#: 那里坐落着A: a sentence opening with "there", then a verb of standing
_THERE_STANDS = re.compile(r"(?:那里|这里|那儿|这儿)(?:还|也|就)?(?:坐落着|坐落有|矗立着|聚集着)")


def _there_stands(ctx: Ctx, last: "tuple[Ctx, list[Fact]] | None") -> list[Fact]:
    """…指的是某区。那里坐落着A(和B): the firms (and institutions) right after the verb, listed,
    are in the place that ends the sentence before (a division, zone or park)."""
    m = _THERE_STANDS.match(ctx.sent.text)
    if last is None or m is None:
        return []
    before = last[0]
    ends = [lk for lk in before.items if lk.mention.how != "anaphor"
            and (before.cat(lk) in ("Region", "Park"))
            and _CLAUSE_END.match(before.sent.text, before.rel(lk)[1])]
    if not ends or before.rel(ends[-1])[1] < len(before.sent.text.rstrip("。！!；; ")) - 1:
        return []  # (the place must end the sentence before)
    place = ends[-1]
    text = ctx.sent.text
    first = [lk for lk in ctx.items if ctx.rel(lk)[0] == m.end() and ctx.cat(lk) in ("Enterprise", "Institution")]
    if not first:
        return []
    return [ctx.fact("located_in", {"entity": lk.key, "place": place.key}, "located.there", 0.6)
            for lk in _with_list_after(ctx, first[0], text)]


def _with_list_after(ctx: Ctx, head: Linked, text: str) -> list[Linked]:
    """``head`` and the firms and institutions listed right after it (A、B和C)."""
    out = [head]
    for lk in ctx.items:
        if ctx.rel(lk)[0] > ctx.rel(out[-1])[1] and ctx.cat(lk) in ("Enterprise", "Institution") \
                and text[ctx.rel(out[-1])[1]:ctx.rel(lk)[0]] in ("、", "和", "与", "及", "以及"):
            out.append(lk)
    return out


def _scene_opened(before: Ctx) -> Linked | None:
    """在甲市乙开发区，…: the zone or park the sentence opens with (the last of its address
    chain), None when it opens with a division only (a county is no site of a park's firms)."""
    chain: list[Linked] = []
    at = 1
    for lk in before.items:
        if before.rel(lk)[0] == at and before.cat(lk) in ("Region", "Park"):
            chain.append(lk)
            at = before.rel(lk)[1]
    if not chain or not _CLAUSE_END.match(before.sent.text, at) or before.cat(chain[-1]) == "Region" \
            and not _is_zone(before, chain[-1]):
        return None
    return chain[-1]


def _respectively(ctx: Ctx, at: int, after: list[Linked]) -> list[tuple[str, str]]:
    """A、B、C分别位于X、Y和Z (分别 ending at ``at``): (thing, place) keys by rank, when both
    lists are as long (two or more)."""
    things_cats = ("Park", "Enterprise", "Institution", "Infrastructure")
    before = [lk for lk in ctx.ended_by(at - 2) if ctx.cat(lk) in things_cats and lk.mention.how != "anaphor"]
    if before and ctx.rel(before[-1])[1] == at - 2:
        things = _run(ctx, before[::-1], backwards=True)[::-1]
    else:  # A某某项目、B某某中心分别落户X和Y: each item a firm's project or unit
        things = _projects_listed(ctx, at - 2, things_cats)
    places = [lk for lk in after if ctx.cat(lk) in ("Region", "Park")]
    if not places or ctx.rel(places[0])[0] - (at + 2) > 2:
        return []
    keys = _run(ctx, places)
    if len(things) < 2 or len(things) != len(keys):
        return []
    return list(zip(things, keys))


#: what stands between one item of a list and the next (A项目、B中心; A项目和B中心)
_ITEM_JOIN = re.compile(r"、|和|及|以及")


def _projects_listed(ctx: Ctx, end: int, cats: tuple[str, ...]) -> list[str]:
    """A碳纤维项目、B数据中心 (ending at ``end``): the keys of the things heading each item of a
    list whose items name what they build after them (a project or unit word, no other
    name), in order; [] when an item is not so."""
    text = ctx.sent.text
    start = max(text.rfind(c, 0, end) for c in "，,。；;：:") + 1
    bounds = [start] + [x for m in _ITEM_JOIN.finditer(text, start, end) for x in (m.start(), m.end())] + [end]
    out: list[str] = []
    for a, b in zip(bounds[::2], bounds[1::2]):
        heads = [lk for lk in ctx.items if ctx.rel(lk)[0] == a and ctx.cat(lk) in cats
                 and lk.mention.how != "anaphor"]
        if not heads:
            return []
        rest = ctx.rel(heads[0])[1]
        if rest >= b or any(rest <= ctx.rel(lk)[0] < b for lk in ctx.items) \
                or not _PROJECT_END.search(text, rest, b):
            return []
        out.append(heads[0].key)
    return out


#: what an item of such a list builds: its project, centre, base, plant or line
_PROJECT_END = re.compile(r"(?:项目|中心|基地|工厂|厂区|生产线|产线|总部)$")


#: 、B等3座车站 / 等两家企业: a list closed by 等 and a count (its items are all it sets up)
_LISTED_COUNTED = re.compile(r"等[\d一二两三四五六七八九十几多]+[座个家处条]")


def _address_chain(ctx: Ctx, lk: Linked) -> list[Linked]:
    """The places written one after another from ``lk`` (在甲市乙区丙园区, 在甲市乙区的丙园区:
    a park or zone may follow a region after 的), outermost first."""
    text = ctx.sent.text
    chain, reach = [lk], ctx.rel(lk)[1]
    for x, (xs, xe) in zip(ctx.items, ctx.spans()):
        if xs > reach + 1:
            break  # (items by start: none later starts where the chain ends)
        if xs == reach and ctx.cat(x) in ("Region", "Park") or (
                xs == reach + 1 and text[reach] == "的" and (ctx.cat(x) == "Park" or _is_zone(ctx, x))
                and ctx.cat(chain[-1]) == "Region"):  # (在甲市乙区的丙园区设立X)
            chain.append(x)
            reach = xe
    return chain


#: 它(随后)被命名为P, 取名P, 名字就叫P, 这里如今挂着P的牌子: the clause names what was set up
_NAMING_LEAD = re.compile(r"(?:它|其|这里|此处|该处|这处[^，,。；;]{0,4}|这块[^，,。；;]{0,4}|该[^，,。；;]{1,4})?"
                          r"(?:随后|后来|如今|而今|眼下|现在|目前|当年|当天|同时|正式|也|则|就|已)*(?:被)?")
#: 在Y(的某某楼宇)租下/租用 …: a place leased, a building's name between it and the verb
_LEASED_AFTER = re.compile(r"(?:的[^，,。；;的]{2,8}?(?=租下|租用|租赁|承租))?")


def _named_after(ctx: Ctx, last: "tuple[Ctx, list[Fact]] | None") -> list[Fact]:
    """在Y租下/设立(一处空间)。它被命名为P / ，取名P: P, named by a clause that opens with a
    naming verb (named_as), is in Y, the place the same sentence, or else the one before,
    sets up or leases something in (the last place of its address)."""
    text = ctx.sent.text
    out = []
    for m in _cue("named_as").finditer(text):
        start = max(text.rfind(c, 0, m.start()) for c in "，,。；;") + 1
        if not _NAMING_LEAD.fullmatch(text, start, m.start()):
            continue
        at = m.end() + (text[m.end():m.end() + 1] in "“「")
        named = [lk for lk in ctx.starting_at(at) if ctx.cat(lk) in ("Park", "Institution")
                 and lk.mention.how != "anaphor"]
        if not named:
            continue
        site = _set_up_at(ctx, start) or (_set_up_at(last[0], len(last[0].sent.text)) if last and start == 0 else None)
        if site is not None and site.key != named[0].key:
            out.append(ctx.fact("located_in", {"entity": named[0].key, "place": site.key}, "located.named", 0.6))
    return out


def _set_up_at(ctx: Ctx, before: int) -> Linked | None:
    """The last place of the last 在Y + a verb of setting up (build_at) or leasing (lease_first)
    before ``before`` in the sentence of ``ctx``, or None."""
    text = ctx.sent.text
    verbs = _cue("build_at", "lease_first")
    found = None
    for lk in ctx.items:
        s0, e0 = ctx.rel(lk)
        if e0 > before:
            break
        if s0 == 0 or text[s0 - 1] != "在" or ctx.cat(lk) not in ("Region", "Park"):
            continue
        chain = _address_chain(ctx, lk)
        end = ctx.rel(chain[-1])[1]
        at = end + _within(text, end)
        gap = _LEASED_AFTER.match(text, at)
        if gap and verbs.match(text, gap.end()) and gap.end() < before:
            found = chain[-1]
    return found


#: 东口, 北岸, 西端, 桥头: one end of a tunnel or bridge, right before a verb of where it is
_END_PART = re.compile(r"(?:[东南西北]洞?口|[进出]口|[东南西北][岸端头]|桥头)$")


def located_in(ctx: Ctx, prev_park: Linked | None, prev_ent: Linked | None = None) -> list[Fact]:
    facts = []
    text = ctx.sent.text
    things = ("Park", "Enterprise", "Institution", "Infrastructure")
    loc = _cue("located")
    cue_spans = [(m.start(), m.end(), m.group(0)) for m in loc.finditer(text)]
    # 在Y的X: like 位于Y的X, but only in that attributive form
    cue_spans += [(m.start(), m.end(), "在") for m in _AT.finditer(text)]
    # 走进Y的X: like 在Y的X (only in that attributive form)
    cue_spans += [(m.start(), m.end(), "走进") for m in _cue("enter_at").finditer(text)]
    settle = _cue("settle_at")
    for c_start, c_end, cue in sorted(cue_spans):
        if any(ctx.rel(lk)[0] < c_start < ctx.rel(lk)[1] for lk in ctx.items):
            continue  # 宿迁至淮安: 迁至 starts inside a name, no verb of moving
        if _FORMER.search(text, max(0, c_start - 2), c_start):
            continue  # 把原设在Y的产线搬进园区: where it was, not where it is
        if _END_PART.search(text, max(0, c_start - 3), c_start):
            continue  # 隧道东口位于Y, 大桥北岸落地于Y: where one end is (a connection's end)
        if cue in ("位在", "位处", "位处于") and text[c_start - 1:c_start] in _POSITION_WORD_HEADS:
            continue  # 单位在Y, 岗位在Y: 位 ends a word before the cue, no 位在/位处
        if text.endswith(_LINE_ENDS, 0, c_start):
            continue  # 终点设在Y: where a line ends, not where something stands
        after = ctx.items_from(c_end)
        if text.endswith("分别", 0, c_start):
            pairs = _respectively(ctx, c_start, after)
            if pairs:  # A、B、C分别位于X、Y和Z: each in its own
                facts += [ctx.fact("located_in", {"entity": a, "place": b}, "located.each", 0.7)
                          for a, b in pairs]
                continue
        if cue != "在" and prev_park is not None and _BARE_PARK.match(text[c_end:]) and not (
                after and ctx.rel(after[0])[0] == c_end):
            # X是首批入驻产业园的企业: the park the article is about
            before = ctx.ended_by(c_start)
            clause_start = max(text.rfind(c, 0, c_start) for c in "，,。；;") + 1
            subj = ([lk for lk in before if ctx.rel(lk)[0] >= clause_start
                     and ctx.cat(lk) in ("Enterprise", "Institution")] or [None])[-1]
            host = _park_named_before(ctx, c_start) or prev_park
            if subj is not None:
                facts += [ctx.fact("located_in", {"entity": x.key, "place": host.key},
                                   "located.topic", 0.6) for x in _with_list(ctx, subj)]
            continue
        if not after:
            continue
        gap_text = text[c_end:ctx.rel(after[0])[0]]
        if len(gap_text) > 1 and not _gap_words().fullmatch(gap_text):
            continue  # (tested first: most cues, 在 above all, stop here)
        if after[0].mention.how == "abbr" and any(
                lk.key != after[0].key and ctx.rel(lk) == ctx.rel(after[0]) for lk in after[1:3]):
            continue  # 地处甲乙一体化前沿: two places' initials, no one place it stands in
        if cue != "在":
            seg = max(text.rfind(c, 0, c_start) for c in "、，,“”「」；;：:") + 1
            if seg < c_start and text[seg - 1:seg] in ("、", "“", "「") \
                    and _only_functions(text[seg:c_start]):
                continue  # 研发孵化在甲、转化落地在乙: where a function is, a split
        before = ctx.ended_by(c_start)
        # the chain of places right after the verb: 杭州市江干区 …
        chain = [after[0]]
        for lk in after[1:]:
            past = past_alias(text, ctx.rel(chain[-1])[1])  # (甲旗（以下简称乙）丙镇)
            if ctx.rel(chain[-1])[1] < ctx.rel(lk)[0] < past:
                continue  # (乙, the short form in the brackets)
            if ctx.rel(lk)[0] == past:
                chain.append(lk)
            else:
                break
        if not any(ctx.cat(lk) in ("Region", "Park") or _is_place(ctx, lk) for lk in chain):
            continue
        if _OF_PLACE.match(text, ctx.rel(chain[-1])[1]):
            continue  # 入驻山东企业9家: the place says whose firms, not where
        if _WATER_SIDE.match(text, ctx.rel(chain[-1])[1]):
            continue  # 位于深圳河南北两侧: the river named after the place, not the place
        regions = [lk for lk in chain if ctx.cat(lk) == "Region" and lk.key.startswith("region:")]
        keep = set(_specific(ctx, [lk.key for lk in regions]))  # 天津市武清区 → 武清区
        places = [lk for lk in regions if lk.key in keep]
        places += [lk for lk in chain[-1:] if lk not in places and _is_place(ctx, lk)]
        if len(chain) > 1 and ctx.entities[chain[-1].key].kind == "Town":
            places = chain[-1:]  # 位于X市Y县Z镇: the town (and its county, below)
        places = address_levels(ctx, chain, places, verb=True)
        places += [lk for lk in chain[:-1] if lk not in places and not lk.key.startswith("region:")
                   and ctx.entities[lk.key].kind in ZONE_KINDS]  # 位于X高新区Y园: both
        end = ctx.rel(chain[-1])[1]
        other = _border(ctx, chain[-1], after) if places else None
        if other is not None:  # 位于A和B交界处: in both
            places.append(other[0])
            end = other[1]
        elif places:
            more, end = _listed_within(ctx, chain[-1], after, end)
            places += [lk for lk in more if lk not in places]  # 位于A、B境内: in each
        # 位于Y(南部)的X
        if text[end - 1:end + 1] == "市区":
            end += 1  # 在某市|区投入使用: the city's urban area (the name took 市)
        rest = text[end:]
        if _NEAR.match(rest) or _SIDE.match(rest) and ctx.cat(chain[-1]) == "Park":
            # 位于甲市乙站旁 / 位于乙园区东侧: beside the landmark, in its address only
            places = [lk for lk in places if lk.key != chain[-1].key]
        beyond = _BEYOND.match(rest)
        if beyond or _SIDE.match(rest) and ctx.cat(chain[-1]) == "Infrastructure":
            # 位于甲区乙口岸以南 / 乙港北侧: in the landmark's address (甲区), not the landmark;
            # 位于甲市以南: outside 甲, nowhere
            places = ([lk for lk in places if lk.key != chain[-1].key]  # (位于某区某大道以东: 某区)
                      or _landmark_address(ctx, chain[-1])) if ctx.cat(chain[-1]) == "Infrastructure" else []
            if beyond:
                end += beyond.end()
                rest = text[end:]
        tail = _POSITION.sub("", rest, count=1)
        within = _ZONE_PART.match(tail) if ctx.cat(chain[-1]) == "Park" or _is_zone(ctx, chain[-1]) else None
        if within and not any(ctx.rel(x)[0] == end for x in after):
            tail = _POSITION.sub("", tail[within.end():], count=1)  # 在某试验区某某片区投产: in the zone
        part = _PART_NOTE.match(tail)
        if part and cue != "在" and tail[part.end():part.end() + 1] == "的":
            tail = tail[part.end():]  # 位于甲试验区(乙片区)的P: P is in the zone, in a part of it
        subj, rule, whole = None, "located.verb", False
        inner_site = not tail.startswith("的") and not chain[-1].key.startswith("region:")
        stacked = _STACKED.match(tail) or (_SUBSITE.match(tail) if inner_site else None)
        if stacked:  # 位于Y、由A与B共建的P / 位于某园区某某大厦的P: an attribute, or a site of a park
            tail = tail[stacked.end() - 1:]
        if tail.startswith("的"):
            skip = len(rest) - len(tail) + 1
            while skip < len(rest) and rest[skip] in "“「『\"":
                skip += 1
            at = end + skip
            nxt = [lk for lk in after if ctx.rel(lk)[0] == at and (ctx.cat(lk) in things or _is_zone(ctx, lk))]
            if nxt and cue != "在" and (ctx.cat(nxt[0]) == "Park" or _is_zone(ctx, nxt[0])) \
                    and _after_park_clause(ctx, c_start) and _CLAUSE_END.match(text, ctx.rel(nxt[0])[1]):
                # P，坐落在甲市的乙开发区，…: the clause ends with the site, the address of the
                # park named before (in 乙, and in 甲), not a description of 乙
                places = [nxt[0]] + places
                nxt = []
                tail = ""
            kind = _KIND_BEFORE_NAME.match(text, at)
            if not nxt and kind:  # 总部位于Y的电子零件厂商「A」: the firm named after what it is
                nxt = [lk for lk in after if ctx.rel(lk)[0] == kind.end() and ctx.cat(lk) == "Enterprise"]
            if nxt:
                subj, rule = nxt[0], "located.attr"
                facts += outer_subject(ctx, before, c_start, prev_park, nxt[0], places)
            elif prev_ent is not None and _FIRM_KIND_WORD.match(text, at) and _FIRM_REF.search(
                    text, max(text.rfind(c, 0, c_start) for c in "，,。；;") + 1, c_start):
                # 这家总部位于Y的企业: the firm named before, whose seat Y is (said of the
                # whole firm, not a unit of it set apart from its other sites)
                subj, rule, whole = prev_ent, "located.attr", True
        subjects = None
        own_start = max(text.rfind(c, 0, c_start) for c in "，,。；;") + 1
        if subj is None and tail.startswith("的") and _FOR_WHOM.match(text, own_start) and not any(
                own_start <= ctx.rel(lk)[0] and ctx.rel(lk)[1] <= c_start and ctx.cat(lk) in things
                for lk in before):
            continue  # 为有意落户Y的团队提供服务: whom a service is for, no one located
        if subj is None and cue == "走进":
            continue  # (走进Y，…: a visit, see graph/sites.py fronted)
        if subj is None and cue == "在" and _seat_before(text, c_start):
            # A(的)总部(和研发中心)仍留在Y: the firm whose seat Y is stands in Y
            subj, whole = _seat_owner(ctx, before, c_start, prev_ent), True
            if subj is None:
                continue
        if subj is None and cue == "在":
            bare = _ADVERBS.sub("", tail)
            held = _cue("held").match(bare)  # A在Y举行投产仪式: A starts work there
            verb = settle.match(bare, held.end()) if held else settle.match(bare)
            if held and not (verb and _cue("ceremony").match(bare, verb.end())):
                verb = None
            unit = not verb and _unit_set_up(bare)  # (设立了研发中心 is no site's name)
            if not verb and not unit and (site := _forms()["site_name"].match(tail)):
                bare = _ADVERBS.sub("", tail[site.end():])  # 在某高新区某某广场揭牌: the zone
                verb = settle.match(bare)
            if unit:
                # A在Y设立了营销中心: the firm works in Y through its unit
                firm = _located_subject(ctx, before, c_start, c_end, ("Enterprise",), None, prev_ent)
                if firm is not None and ctx.rel(firm)[1] <= own_start \
                        and not BARE_FIRM_OPENING.fullmatch(text, own_start, c_start) \
                        and not (_THEN.fullmatch(text, own_start, c_start) and (
                            _firm_led(text, own_start) or _opens_sentence(ctx, firm))) \
                        and not DEMONSTRATIVE_ENT.match(text[own_start:c_start]):
                    firm = None  # (A…，其中18家企业在Y设立制造基地: a clause of its own subject)
                if firm is not None and ctx.cat(firm) == "Enterprise" and not (
                        ctx.rel(firm)[1] > own_start and _PERSON.match(text, ctx.rel(firm)[1])):
                    # (A公司负责人在Y设立…: a person of the firm; A的经理说，公司在Y…: the firm)
                    facts += [ctx.fact("located_in", {"entity": firm.key, "place": lk.key}, "located.unit_set_up", 0.6)
                              for lk in places if lk.key != firm.key]
                continue
            if not verb:
                firm = _firm_just_there(ctx, c_start, tail, all(
                    ctx.cat(lk) == "Park" or _is_zone(ctx, lk) for lk in places))
                facts += [ctx.fact("located_in", {"entity": firm.key, "place": lk.key}, "located.verb", 0.6)
                          for lk in places if firm is not None and lk.key != firm.key]
                continue  # X在Y扎根/落户: a settle verb right after the place
            if _EVENT.match(bare, verb.end()) and not held:
                continue  # 在Y开工仪式上: an event there, not a settling
            done = _settled_attr(ctx, end, settle) or _set_up_there(ctx, end, settle)
            if done is not None:  # 已在Y投产的A: A, told of by what it did there (A在Y注册成立B: B)
                facts += [ctx.fact("located_in", {"entity": done.key, "place": lk.key}, "located.attr", 0.6)
                          for lk in places if lk.key != done.key]
                continue
            subj = _located_subject(ctx, before, c_start, c_end, things, None, prev_ent)
            if subj is None or ctx.cat(subj) == "Region" and not _is_zone(ctx, subj):
                continue
            if _PERSON.match(text, ctx.rel(subj)[1]) and not (
                    _FIRM_TEAM.match(text, ctx.rel(subj)[1])
                    and all(ctx.cat(lk) == "Park" or _is_zone(ctx, lk) for lk in places)):
                continue  # A公司负责人在Y…: a person of the firm is there (its team in a park: A)
            subjects = _with_list(ctx, subj)  # A、B等企业已在Y投产: the whole list
        if subj is None:
            clause_start = max(text.rfind(c, 0, c_start) for c in "，,。；;") + 1
            opens = unit_opens_clause(text, clause_start, c_start)
            if cue == "建在" and not opens:
                continue  # (而数据中心则建在Y: only a firm's named unit is read with 建在)
            subj = _located_subject(ctx, before, c_start, c_end, things, prev_park, prev_ent)
            if subj is not None and ctx.rel(subj)[1] <= clause_start and _ITS_OWN.match(text, clause_start):
                continue  # P…，其孵化项目转化落地Y: the clause tells of P's projects, not of P
            if (subj is None or ctx.cat(subj) == "Park") and _FIRM_REF_OPENS.match(text, clause_start):
                # 该公司(总部)位于Y: the firm named before, never the park spoken of
                subj = prev_ent if prev_ent is not None and ctx.cat(prev_ent) == "Enterprise" else None
            if subj is None and opens:
                # A…，生产基地则位于Y的P: the unit of the firm named before is in P
                subj = _unit_owner(ctx, clause_start, prev_ent)
                if subj is None or ctx.cat(subj) != "Enterprise":
                    continue
            if subj is None and prev_ent is not None and ctx.cat(prev_ent) == "Enterprise" \
                    and firm_unit_opens(text, clause_start, c_start):
                subj = prev_ent  # A。…；企业生产基地位于Y: the unit of the firm told of
            if subj is None:
                continue
            subjects = _with_list(ctx, subj)
        if _cue("parent_of").match(text, ctx.rel(subj)[1] + (text[ctx.rel(subj)[1]:ctx.rel(subj)[1] + 1] == "的")) \
                and ctx.rel(subj)[1] < c_start:
            continue  # A的母公司位于Y: Y is the parent's place, not A's
        own = max(text.rfind(c, 0, c_start) for c in "，,。；;") + 1
        if ctx.rel(subj)[1] <= own and _cue("parent_of").search(text, own, c_start):
            continue  # A…，该公司母公司设于Y: nor when the clause refers back to A
        # …地处Y…的平台P区域内: P is a place too
        clause_end = clause_stop(text, c_end)
        for lk in ctx.items_from(c_end + 1):
            s0, e0 = ctx.rel(lk)
            if s0 > clause_end:
                break  # (sorted by start: no later item ends in the clause)
            if c_end < s0 and e0 <= clause_end and lk not in chain and ctx.cat(lk) == "Park" \
                    and _INSIDE.match(text[e0:]):
                places.append(lk)
                facts += [ctx.fact("located_in", {"entity": lk.key, "place": r.key}, rule, 0.65)
                          for r in chain if ctx.cat(r) == "Region" and (
                              r.key in keep or not r.key.startswith("region:"))]  # and P is in Y
        sites = [p for p in places if not p.key.startswith("region:")]
        unit_from = max(text.rfind(c, 0, c_start) for c in "，,。；;") + 1
        if ctx.cat(subj) == "Park" and ctx.rel(subj)[1] <= unit_from and \
                unit_subject(text, unit_from, c_start):
            # 集团把总部留在P，生产基地则落户Q: the firm's unit is in Q, not P
            firm = _unit_owner(ctx, unit_from, prev_ent)
            if firm is None:
                continue
            subj, subjects = firm, [firm]
        for x in subjects or [subj]:
            # 位于甲市乙园区的A公司: a firm's place is its park, not the city of the address
            firm = ctx.cat(x) in ("Enterprise", "Institution") and sites
            for p in sites if firm else places:
                if p.key != x.key and (whole or not unit_placed(ctx, x, p, c_start)) and not (
                        p.key.startswith("region:") and ctx.rel(x)[1] <= unit_from
                        and unit_subject(text, unit_from, c_start)):
                    # (A的研发中心设在甲，生产基地设在乙: the clause's own unit is in 乙, a split)
                    facts.append(ctx.fact("located_in", {"entity": x.key, "place": p.key}, rule, 0.7))
        made = _SET_UP_THERE.match(text, end)
        if made and ctx.cat(subj) == "Enterprise" and sites:
            # A进驻P，设立B: B, the firm set up on moving in, is in P too
            facts += [ctx.fact("located_in", {"entity": b.key, "place": sites[-1].key}, rule, 0.65)
                      for b in ctx.starting_at(made.end()) if ctx.cat(b) == "Enterprise"]
    # 在Y组建/建设/设立 … X
    for lk, (s0, e0) in zip(ctx.items, ctx.spans()):
        if s0 == 0 or ctx.cat(lk) not in ("Region", "Park") or not (
                text[s0 - 1] == "在" or _AT_YU.match(text, max(0, s0 - 2)) and text[s0 - 1] == "于"
                or text.endswith(tuple(cues()["capital_at"]), 0, s0) and ctx.cat(lk) == "Region"
                or _AT_OURS.search(text, 0, s0)):
            # (在我区P设立X: the speaker's place before the park, unresolved)
            continue
        if _FORMER.search(text, max(0, s0 - 5), s0 - 1):
            continue  # 原定在Y布局的P(重新论证选址): where it was to be, not where it is
        chain = _address_chain(ctx, lk)
        lk = chain[-1]
        s0, e0 = ctx.rel(lk)
        at = e0 + _within(text, e0)  # (在Y境内设立X)
        at = _BUILD_LEAD.match(text, at).end()  # (在Y签约共建的P)
        lease = _LEASE_TAIL.match(text, _cue("lease_first").match(text, at).end()) \
            if _cue("lease_first").match(text, at) else None
        vm = _cue("build_at").match(text, lease.end() if lease else at)  # 在Y租赁办公用房，设立X
        if not vm:
            continue
        clause_end = clause_stop(text, vm.end() if lease else e0)
        note = _ADDRESS_NOTE.search(text, e0, clause_end)
        clause_end = note.start() if note else clause_end  # (在Y设立P（地址：…丙路）: P, not 丙路)
        # (甲在乙境内管理建设的某合作区: a zone set up there is in 乙, as a park is)
        objs = [x for x in ctx.items if e0 < ctx.rel(x)[0] < clause_end
                and (ctx.cat(x) in things or _is_zone(ctx, x))]
        if objs and text.startswith("的", vm.end() + (text[vm.end():vm.end() + 1] == "了")):
            objs = objs[:1]  # 在Y设立的P在Z开园: what was set up is P, not the park it opens in
        listed = _run(ctx, objs) if len(objs) >= 2 and _LISTED_COUNTED.match(text, ctx.rel(objs[-1])[1]) \
            and len({ctx.cat(x) for x in objs}) == 1 else []
        if len(listed) == len(objs):  # 在Y设立A、B等三座车站: each of the list
            facts += [ctx.fact("located_in", {"entity": k, "place": lk.key}, "located.build", 0.65)
                      for k in listed[:-1]]
        if objs:
            facts.append(ctx.fact("located_in", {"entity": objs[-1].key, "place": lk.key},
                                  "located.build", 0.65))
            facts += [ctx.fact("located_in", {"entity": objs[-1].key, "place": x.key}, "located.build",
                               0.6) for x in hosts_in_chain(ctx, chain[:-1], objs[-1])]
    # 某高新区内由甲与乙共同开发的P: P is in the zone
    for m in _forms()["within_built"].finditer(text):
        hosts = [x for x in ctx.ending_at(m.start()) if ctx.cat(x) in ("Region", "Park")]
        parks = [x for x in ctx.starting_at(m.end()) if ctx.cat(x) == "Park" or _is_zone(ctx, x)]
        if hosts and parks and hosts[-1].key != parks[0].key:
            facts.append(ctx.fact("located_in", {"entity": parks[0].key, "place": hosts[-1].key},
                                  "located.attr", 0.65))
    # X、Y等企业在A设立…、在B设立…
    for m in _FIRMS_LISTED.finditer(text):
        ents = [x for x in ctx.ended_by(m.start()) if ctx.cat(x) == "Enterprise"]
        ents = [x for x in ents if m.start() - ctx.rel(x)[1] <= 1 or any(
            ctx.rel(y)[0] - ctx.rel(x)[1] == 1 for y in ents)]
        rest = text[m.end():]
        stop = min([i for i in (rest.find(c) for c in "。；;") if i >= 0] or [len(rest)])
        for pm in re.finditer(r"在", rest[:stop]):
            lead = max(rest.rfind(c, 0, pm.start()) for c in "，,、") + 1
            if not _LISTED_LEAD.fullmatch(rest, lead, pm.start()):
                continue  # (A等企业入驻，其中12家企业在Y设立…: another subject)
            at = m.end() + pm.end()
            here = [x for x in ctx.starting_at(at) if _is_place(ctx, x)]
            after_verb = re.match(r"(设立|落户|注册|建设|投资|布局|入驻|开设|成立)", text[here[0].end - ctx.sent.start:]) if here else None
            if here and after_verb:
                for e in ents:
                    facts.append(ctx.fact("located_in", {"entity": e.key, "place": here[0].key},
                                          "located.verb", 0.6))
    # adjacent places nest: 南湖区南湖科学城…星云科园 (each inside the one before)
    spans = ctx.spans()
    for (a, (a_at, a_end)), (b, (b_start, _)) in zip(zip(ctx.items, spans), zip(ctx.items[1:], spans[1:])):
        if b_start != a_end or a.key == b.key or a.mention.how == "anaphor" and ctx.cat(a) == "Park":
            continue  # (园区综合实力…: a bare park word opens the clause, it is no address)
        if b.mention.text[:1] in OPEN_QUOTES and ctx.cat(b) == "Infrastructure" and \
                a_at > 0 and text[a_at - 1] in "至到":
            continue  # 开行甲至乙“某某”班列: 乙 is where the service runs to, not its site
        ea, eb = ctx.entities[a.key], ctx.entities[b.key]
        if eb.label.endswith(tuple(cues()["part_words"])):
            continue  # 某区某某片区: a part of an area named in an address, not a place of its own
        if eb.category == "Enterprise" and (ea.category == "Park" or a.key.startswith("zone:")):
            # 走进某产业园|湖南某某有限公司: the firm written right after its park's name
            facts.append(ctx.fact("located_in", {"entity": b.key, "place": a.key}, "located.nest", 0.6))
            continue
        if eb.category in ("Park",) or (eb.category == "Region" and eb.adcode is None
                                        and not b.key.startswith("region:")
                                        and eb.kind != "Town") or (
                eb.kind in ("Road", "Station", "Port", "Railway") and ea.category == "Region"
                and not (eb.kind == "Station" and ea.kind == "Province")):  # 江西|赣州西站
            if ea.category in ("Region", "Park") and eb.parent != a.key:
                facts.append(ctx.fact("located_in", {"entity": b.key, "place": a.key},
                                      "located.nest", 0.6))
                if eb.category == "Park" and ea.kind == "Town":
                    # 平江县三市镇青山产业园: the park is in the town and in its county
                    a_start = spans[ctx.items.index(a)][0]
                    before = [x for x, (_, xe) in zip(ctx.items, spans)
                              if xe == a_start and ctx.cat(x) == "Region"]
                    facts += [ctx.fact("located_in", {"entity": b.key, "place": c.key},
                                       "located.nest", 0.55)
                              for c in address_levels(ctx, before[-1:] + [a], [], verb=True)]
                if eb.category == "Park" and a.key.startswith("zone:"):
                    # 合作区A、B、C等载体: the whole list stands in the zone
                    facts += [ctx.fact("located_in", {"entity": x.key, "place": a.key},
                                       "located.nest", 0.55) for x in _listed_after(ctx, b)]
    for lk in ctx.items:
        city = zone_in_named_city(ctx, lk) or park_of_zone_word(ctx, lk)
        if city is not None:
            facts.append(ctx.fact("located_in", {"entity": lk.key, "place": city}, "located.prefix", 0.6))
    facts += _layout(ctx) + _made_of(ctx) + _member_of(ctx) + _address_after(ctx) + part_of_named(ctx)
    # A(B)园: a place named in brackets is where it stands (宁波(丽水)合作产业园), when the
    # sentence names that place (or a place in it) outside the name too
    for lk in ctx.items:
        m = lk.mention
        if ctx.cat(lk) != "Park":
            continue
        pm = _BRACKET_NAME.match(m.text)
        if not pm or ctx.entities[lk.key].kind == "CoBuiltPark" and \
                "合作区" in m.text:
            continue
        host = [x for x in m.inner if x.start - m.start >= pm.start(2)
                and x.end - m.start <= pm.end(2)]
        if host and [x for x in m.inner if x.end - m.start <= pm.end(1)]:
            place = _specific(ctx, [x.candidates[0] for x in host])[-1]
            if not any(x.key == place or (place in _ancestors(ctx, x.key)
                                          and ctx.entities[x.key].kind != "Town")
                       for x in ctx.items
                       if x is not lk and ctx.cat(x) == "Region" and not _as_partner(ctx, x)):
                continue  # the name alone: the sentence must name the place (or a part of it) too
                # (a town of it says where the park stands more finely: that town, not the county)
                # (由甲与乙共建的甲乙(乙)园: 乙 named as a builder says who, not where)
            facts.append(ctx.fact("located_in", {"entity": lk.key, "place": place},
                                  "located.bracket", 0.7))
    # Y 引进/已引入 A、B 等企业 (Y may be 该园/这个产业园: the park just mentioned)
    intro = _cue("introduce", "introduce_bare")
    for cm in intro.finditer(text):
        if text.startswith("的", cm.end()):
            continue  # 首批入驻的A(与B合作): the firms that moved in (graph/settling.py first_movers)
        bare = cm.group() in cues()["introduce_bare"]
        hosts = [lk for lk in ctx.ended_by(cm.start()) if ctx.cat(lk) == "Park" or _zone_opening(ctx, lk, cm.start())]
        sites_only = bool(hosts) and all(_named_as_site(ctx, lk) for lk in hosts)
        hosts = _not_sites(ctx, hosts)  # 该中心位于某大厦，已引进A: the centre, not its site
        if not hosts and prev_park is not None and DEMONSTRATIVE.search(text[:cm.start()]):
            hosts = [prev_park]
        if sites_only and prev_park is not None and DEMONSTRATIVE.match(text.lstrip("“”\"「」 ")):
            hosts = [prev_park]  # 该园位于P东侧，已吸引A: the park the text is about, not its site
        clause_start = max(text.rfind(c, 0, cm.start()) for c in "，,。；;") + 1
        opening = re.sub(r"^[“”\"「」\s]*(?:目前|如今|现在|今年|去年|此外|同时|截至目前)?", "",
                         text[clause_start:cm.start()])
        if not bare:
            opening = _INTRO_PERIOD.sub("", opening, count=1) if _INTRO_PERIOD.match(opening) else opening
        if bare and not _INTRO_OPENING.fullmatch(opening):
            continue  # 甲公司入驻乙园: the firm moves in, it brings in nothing
        if not hosts and bare:
            hosts = _park_before(ctx, clause_start, prev_park)  # 某园…，入驻A、B等企业
        if not hosts and prev_park is not None and _INTRO_OPENING.fullmatch(opening):
            hosts = [prev_park]  # 园区已入驻A、B; (又)引进A、B: the park the article is about
        if not hosts:
            continue
        stop = clause_stop(text, cm.end())
        if re.match(r"[^，,。；;]{0,12}[，,](?:其中(?:包括|有)?|包括|有(?!关))", text[cm.end():]) and not any(
                cm.end() <= ctx.rel(lk)[0] < stop and ctx.cat(lk) in ("Enterprise", "Institution")
                for lk in ctx.items):  # (引进苏州企业19家: a place says whose firms)
            # 已进驻企业35家，(其中)包括A、B / 其中A、B已投产: the list follows the count
            stop = clause_stop(text, stop + 1)
        after = [lk for lk in ctx.items if cm.end() <= ctx.rel(lk)[0] < stop
                 and ctx.cat(lk) in ("Enterprise", "Institution")]
        end = text.find("等", cm.end())
        ents = [lk for lk in after if end < 0 or ctx.rel(lk)[1] <= end]
        for e in ents:
            facts.append(ctx.fact("located_in", {"entity": e.key, "place": hosts[-1].key},
                                  "located.intro", 0.65))
    # P …，A、B等14家企业(已)入驻/进驻/落户
    ends = {ctx.rel(lk)[1] for lk in ctx.items if ctx.cat(lk) in ("Enterprise", "Institution")}
    bare = [m for m in _FIRMS_SETTLED_BARE.finditer(text) if m.start() in ends]  # (P…，A、B入驻投产)
    for m in list(_FIRMS_SETTLED.finditer(text)) + bare:
        ents = [lk for lk in ctx.items if ctx.cat(lk) in ("Enterprise", "Institution")
                and ctx.rel(lk)[1] <= m.start()]
        clause_start = max(text.rfind(c, 0, m.start()) for c in "，,。；;") + 1
        ents = [lk for lk in ents if ctx.rel(lk)[0] >= clause_start and not _from_where(
            text, clause_start, ctx.rel(lk)[0])]  # (来自A、B等院校的团队进驻: the teams settle)
        hosts = [lk for lk in ctx.items if ctx.cat(lk) == "Park" and ctx.rel(lk)[1] <= clause_start]
        # 由P1与Y共建、沿用P1的…: a builder or an owner (P1的) is not where firms settle
        hosts = [lk for lk in hosts if not _BUILDER_PARK.search(text, 0, ctx.rel(lk)[0])
                 and not _OWNER_PARK.match(text, ctx.rel(lk)[1])] or hosts
        sites_only = bool(hosts) and all(_named_as_site(ctx, lk) for lk in hosts)
        hosts = _not_sites(ctx, hosts)
        if sites_only and prev_park is not None and DEMONSTRATIVE.match(text.lstrip("“”\"「」 ")):
            hosts = [prev_park]  # 该园位于P东侧，A等企业已入驻: the park the text is about
        if hosts and hosts[-1].mention.how == "anaphor" and prev_park is not None:
            hosts = [prev_park]  # 园区…，A等企业落户: the park the sentence before is about
        if not hosts and prev_park is not None and (
                DEMONSTRATIVE.search(text[:clause_start]) or GENERIC_PARK_SUBJECT.match(text)):
            hosts = [prev_park]
        if m in bare and hosts and not _park_subject(ctx, hosts[-1], clause_start):
            continue  # (P所在的Y…，A已投产: P is no subject, the firm may be anywhere in Y)
        for e in ents if hosts else []:
            facts.append(ctx.fact("located_in", {"entity": e.key, "place": hosts[-1].key},
                                  "located.settle", 0.6))
    # 光明区企业——A和B: firms of a place
    for m in _FIRMS_OF.finditer(text):
        reg = [lk for lk in ctx.ending_at(m.start()) if ctx.cat(lk) == "Region"]
        if not reg:
            continue
        stop = clause_stop(text, m.end())
        for lk in ctx.items:
            if m.end() <= ctx.rel(lk)[0] < stop and ctx.cat(lk) == "Enterprise":
                facts.append(ctx.fact("located_in", {"entity": lk.key, "place": reg[0].key},
                                      "located.of", 0.65))
    if any(f.rule == "located.of" for f in facts):
        return facts
    # A、B 等 … 在此聚集 (此 = the park of the previous sentence)
    here = _cue("here")
    hm = here.search(text)
    if prev_park is not None and hm and not re.match("的(?:还有|也有)", text[hm.end():]):
        # (入驻园区的还有A: graph/settling.py, located.also)
        host = _park_named_before(ctx, hm.start()) or prev_park
        for lk in ctx.items:
            if ctx.cat(lk) == "Enterprise":
                facts.append(ctx.fact("located_in", {"entity": lk.key, "place": host.key},
                                      "located.here", 0.6))
    facts += _signed_in(ctx, prev_park) + _park_address(ctx, prev_park)
    return facts


def _park_subject(ctx: Ctx, park: Linked, clause_start: int) -> bool:
    """Is ``park`` what the sentence is about up to ``clause_start``: no place or park named
    after it there, and no 所在/的/与 right after it (P所在的Y, P的…, P与Q)?"""
    if park.mention.how == "anaphor":
        return True
    e = ctx.rel(park)[1]
    return not re.match(r"所在|的|与|和|、|同|及", ctx.sent.text[e:e + 2]) and not any(
        e <= ctx.rel(lk)[0] < clause_start and ctx.cat(lk) in ("Region", "Park") for lk in ctx.items)


def _park_named_before(ctx: Ctx, at: int) -> Linked | None:
    """The last park the sentence names (not a bare word) before offset ``at``: what 园区
    after a verb of settling stands for (由甲与乙共建的P已投运，A、B先后落户园区), rather than
    the park the article is about."""
    named = [lk for lk in ctx.items if ctx.rel(lk)[1] <= at and ctx.cat(lk) == "Park"
             and lk.mention.how != "anaphor"]
    return named[-1] if named else None


def _park_before(ctx: Ctx, clause_start: int, prev_park: Linked | None) -> list[Linked]:
    """The park a sentence is about before a clause that leaves out its subject: the last
    park named before it that is neither a builder nor an owner (由P1与Y共建, P1的), a bare
    park word standing for the park of the sentence before."""
    text = ctx.sent.text
    parks = [lk for lk in ctx.items if ctx.cat(lk) == "Park" and ctx.rel(lk)[1] <= clause_start
             and not _BUILDER_PARK.search(text, 0, ctx.rel(lk)[0])
             and not _OWNER_PARK.match(text, ctx.rel(lk)[1])]
    if parks and parks[-1].mention.how == "anaphor":
        return [prev_park] if prev_park is not None else []
    return parks[-1:]


def _moved_from(ctx: Ctx, facts: list[Fact]) -> list[Fact]:
    """甲州乙“飞地园区”入驻丙市某某科技城: the place written before a park says whose it is
    when the sentence puts the park elsewhere (in a place, or a park named after a place,
    outside it); the address fact (located.nest) is dropped."""
    moved: dict[str, list[str]] = {}
    for f in facts:
        if f.rule in ("located.verb", "located.attr"):
            moved.setdefault(f.args["entity"], []).append(f.args["place"])
    if not moved:
        return facts

    def outside(place: str, region: str) -> bool:
        where = [place] if place.startswith("region:") else ctx.named.get(place, [])
        where = [k for k in where if k.startswith("region:")]
        return bool(where) and not any(k == region or region in _ancestors(ctx, k) for k in where)

    return [f for f in facts if not (
        f.rule == "located.nest" and f.args["place"].startswith("region:")
        and ctx.entities[f.args["entity"]].category == "Park"
        and any(outside(p, f.args["place"]) for p in moved.get(f.args["entity"], ())))]


def _border(ctx: Ctx, first: Linked, after: list[Linked]) -> tuple[Linked, int] | None:
    """位于A和B交界处: the second place B of a border the thing lies on, and where the border
    word ends (A is the place right after the verb)."""
    if ctx.cat(first) != "Region":
        return None
    text = ctx.sent.text
    a_end = ctx.rel(first)[1]
    m = re.match(r"(?:和|与|及|同|、)", text[a_end:])
    if not m:
        return None
    nxt = [lk for lk in after if ctx.rel(lk)[0] == a_end + m.end() and ctx.cat(lk) == "Region"]
    for lk in after:  # 湖北咸宁: the finest place of the second address
        if nxt and ctx.rel(lk)[0] == ctx.rel(nxt[-1])[1] and ctx.cat(lk) == "Region" \
                and lk.mention.how != "anaphor":
            nxt.append(lk)
    if not nxt or nxt[-1].key == first.key:
        return None
    b_end = ctx.rel(nxt[-1])[1]
    w = re.match(rf"(?:两[市县区省地])?(?:的)?(?:{_cue('border').pattern})", text[b_end:])
    return (nxt[-1], b_end + w.end()) if w else None


_WITHIN_LIST = re.compile(r"(?:等|两|三|四)?(?:[市县区地旗镇]|市辖区|城区)?(?:境内|辖区内|区域内|范围内|内)")


def _listed_within(ctx: Ctx, first: Linked, after: list[Linked], end: int) -> tuple[list[Linked], int]:
    """位于A、B境内 / 均位于A、B、C等区内: the places listed after the first one (each the
    last of its address) when the list ends with a within word, and where that word ends."""
    text, got, at = ctx.sent.text, [], end
    if ctx.cat(first) != "Region":
        return [], end
    while m := re.match(r"、|和|及", text[at:]):
        nxt = [lk for lk in after if ctx.rel(lk)[0] == at + m.end() and ctx.cat(lk) == "Region"]
        while nxt and (x := [lk for lk in after if ctx.rel(lk)[0] == ctx.rel(nxt[-1])[1]
                             and ctx.cat(lk) == "Region" and lk.mention.how != "anaphor"]):
            nxt.append(x[0])  # (甲市乙区: the finest place of each address)
        if not nxt:
            return [], end
        got.append(nxt[-1])
        at = ctx.rel(nxt[-1])[1]
    w = _WITHIN_LIST.match(text, at) if got else None
    return (got, w.end()) if w else ([], end)


#: what is leased and how much, up to the comma before the verb that sets something up there
_LEASE_TAIL = re.compile(r"[^，,。；;“”「」]{1,16}[，,]")


def _within(text: str, at: int) -> int:
    """The length of 境内/辖区内/内 at ``at`` (0 without one)."""
    m = re.match(r"(?:境内|辖区内|区域内|范围内|内)", text[at:at + 3])
    return m.end() if m else 0


def _listed_after(ctx: Ctx, first: Linked, seps: str = "、") -> list[Linked]:
    """The items of the same category listed with 、 (or ``seps``) after ``first``."""
    text = ctx.sent.text
    out, last = [], first
    for lk in ctx.items:
        if ctx.rel(lk)[0] <= ctx.rel(last)[0]:
            continue
        if not re.fullmatch(seps, text[ctx.rel(last)[1]:ctx.rel(lk)[0]]) or ctx.cat(lk) != ctx.cat(first):
            break
        out.append(lk)
        last = lk
    return out


def _site_or_zone(ctx: Ctx, lk: Linked) -> bool:
    return ctx.cat(lk) == "Park" or _is_zone(ctx, lk)


#: kinds of infrastructure that stand in one place, so an address noted after them places them
_ADDRESSED_HUBS = ("Port", "Station", "Airport")

_ADDRESS_NOTE = re.compile(r"[”」』\"]*[（(](?:地址|地点|位置|办公地址|注册地址)[：:]")


def _noted_at(ctx: Ctx, lk: Linked, start: int, end: int) -> list[Fact]:
    """``lk`` is in the finest division, the town and the last park or zone of the address
    written from ``start`` to ``end``."""
    inside = [x for x in ctx.items_from(start) if ctx.rel(x)[1] <= end]
    regions = _specific(ctx, [x.key for x in inside
                              if ctx.cat(x) == "Region" and x.key.startswith("region:")])
    towns = [x.key for x in inside if ctx.entities[x.key].kind == "Town"]
    sites = [x.key for x in inside if _site_or_zone(ctx, x) and x.key not in towns]
    return [ctx.fact("located_in", {"entity": lk.key, "place": k}, "located.noted", 0.65)
            for k in regions[-1:] + towns[-1:] + sites[-1:] if k != lk.key]


# (…，)园区地址：甲市乙区…: the address of the park named before (in the sentence, else the
# park of the text)
_PARK_ADDRESS = re.compile(r"(?:^|(?<=[，,。；;]))(?:该|这个|此)?(?:园区|产业园|该园|飞地|中心|基地|孵化器)"
                           r"的?(?:地址|地点)(?:为|是|[：:])")


def _park_address(ctx: Ctx, prev_park: Linked | None) -> list[Fact]:
    text, facts = ctx.sent.text, []
    if "地址" not in text and "地点" not in text:
        return facts  # (the pattern needs one of them; it cannot scan for them itself)
    for m in _PARK_ADDRESS.finditer(text):
        parks = [lk for lk in ctx.ended_by(m.start()) if ctx.cat(lk) == "Park"]
        park = parks[-1] if parks else prev_park
        if park is None:
            continue
        end = clause_stop(text, m.end())
        facts += _noted_at(ctx, park, m.end(), end)
    return facts


_INSIDE_NOTE = re.compile(r"境?内(?=[)）])")  # P（甲经开区内）


def _address_after(ctx: Ctx) -> list[Fact]:
    """P（甲市乙区）: an address in brackets right after a park or zone is where it is (its
    finest place). P（地址：甲市乙区丙街道丁园…）: a park, firm or institution is in the
    finest division, the town and the last park or zone of the address noted after it."""
    text, facts = ctx.sent.text, []
    if "(" not in text and "（" not in text:
        return facts  # (each form opens a bracket right after the name)
    for lk in ctx.items:
        e0 = ctx.rel(lk)[1]
        note = _ADDRESS_NOTE.match(text, e0)
        if note and ctx.cat(lk) in ("Park", "Enterprise", "Institution"):
            close = min([i for i in (text.find(c, note.end()) for c in ")）") if i >= 0] or [-1])
            if close >= 0:
                facts += _noted_at(ctx, lk, note.end(), close)
            continue
        if not (_site_or_zone(ctx, lk) or ctx.entities[lk.key].kind in _ADDRESSED_HUBS) \
                or text[e0:e0 + 1] not in "(（":
            continue  # (某内陆港（甲省乙市丙区）: a port or station noted with its address too)
        chain, at = [], e0 + 1
        for x in ctx.items_from(at):
            if ctx.rel(x)[0] == at and ctx.cat(x) == "Region" and (
                    x.key.startswith("region:") or chain and ctx.entities[x.key].kind == "Town"
                    or ctx.entities[x.key].kind in ZONE_KINDS):
                chain.append(x)  # (P（甲县乙镇）: a town after its county too; P（甲经开区）: a zone)
                at = ctx.rel(x)[1]
        inside = _INSIDE_NOTE.match(text, at)
        at = inside.end() if inside else at
        if chain and (text[at:at + 1] in ")）" or text[at:at + 1] in "；;" and _BRACKET_NOTE_REST.match(text, at + 1)):
            # (P（甲经开区内）: inside it; P（甲县乙镇；丙区、甲县共建）: the address, then a note)
            keys = [chain[-1].key] if not chain[-1].key.startswith("region:") else \
                _specific(ctx, [x.key for x in chain])
            facts += [ctx.fact("located_in", {"entity": lk.key, "place": k}, "located.bracket", 0.65)
                      for k in keys if k != lk.key]
    return facts


#: what may follow an address and a semicolon inside a name's brackets, up to the bracket's close
_BRACKET_NOTE_REST = re.compile(r"[^()（）。\n]{1,30}[)）]")

_MADE_BY = re.compile("由")  # (compiled once: re.finditer looked the pattern up per sentence)


def _made_of(ctx: Ctx) -> list[Fact]:
    """合作区由A、B和C(三个园区)组成: each part is in the whole (the park or zone named last
    before 由)."""
    text, facts = ctx.sent.text, []
    for m in _MADE_BY.finditer(text):
        parts = [lk for lk in ctx.starting_at(m.end()) if _site_or_zone(ctx, lk)]
        if not parts:
            continue
        parts += _listed_after(ctx, parts[0], "、|和|及|以及|与")
        end = ctx.rel(parts[-1])[1]
        if len(parts) < 2 or not re.match(rf"[^，,。；;]{{0,8}}?(?:{_cue('made_of').pattern})", text[end:]):
            continue
        whole = [lk for lk in ctx.ended_by(m.start()) if _site_or_zone(ctx, lk)]
        if whole:
            facts += [ctx.fact("located_in", {"entity": x.key, "place": whole[-1].key}, "located.part", 0.6)
                      for x in parts if x.key != whole[-1].key]
    return facts


_THIS_IS = re.compile(r"[，,](?:这|此)(?:也)?(?:是)$")
_FIRST_PROJECT = re.compile(r"[^，,。；;]{0,12}?的(?:首个|第一个|首批|又一个)(?:重点|重大)?(?:项目|企业)")


_BEING = re.compile(r"(?:也|则|还|就|已|目前|现)?(?:作为|是|为)")


#: 引进的, 落户的 …: A是P引进的第一家企业 — the park brought the firm in
_BROUGHT_IN = "引进|招引|引入|落户|入驻|进驻"


def _member_of(ctx: Ctx) -> list[Fact]:
    """A是P的核心园区 / A是P一家重点企业 / A作为P的重要组成部分: A (right before 是, or the one
    后者 points back to; after a clause 作为P的龙头企业，the firm opening the next) is in the
    park or zone P; …A…，这是P(启动建设)的首个项目: A too."""
    text, facts = ctx.sent.text, []
    if not ctx.of("Park") and not any(_is_zone(ctx, lk) for lk in ctx.items):
        return facts  # (P, the host right after the verb, is a park or zone of the sentence)
    for m in _BEING.finditer(text):
        host = [lk for lk in ctx.starting_at(m.end()) if _site_or_zone(ctx, lk)]
        if not host:
            continue  # (before the subject: 为 is common, a park right after it is not)
        said = m.start() - 2 if text.endswith("后者", 0, m.start()) else m.start()
        subj = [lk for lk in (ctx.ended_by(said) if said < m.start() else ctx.ending_at(said))
                if _site_or_zone(ctx, lk) or ctx.cat(lk) in ("Enterprise", "Institution")][-1:]
        rest = text[ctx.rel(host[0])[1]:]
        this = _THIS_IS.search(text, 0, m.start() + 1) if not subj else None
        if this is not None and _FIRST_PROJECT.match(rest):
            # P开工仪式在Y举行，这是Q启动建设的首个项目: the thing the sentence opened with
            subj = [lk for lk in ctx.ended_by(this.start()) if _site_or_zone(ctx, lk)
                    or ctx.cat(lk) in ("Enterprise", "Institution")][:1]
            if subj and subj[0].key != host[0].key:
                facts.append(ctx.fact("located_in", {"entity": subj[0].key, "place": host[0].key},
                                      "located.member", 0.55))
            continue
        if not subj and m.group(0).endswith("作为") and (m.start() == 0 or text[m.start() - 1] in "，,。；;"):
            # 作为P的龙头企业，A…: the firm opening the next clause
            comma = re.match(r"[^，,。；;]*[，,]", text[m.end():])
            subj = [lk for lk in ctx.starting_at(m.end() + comma.end()) if ctx.cat(lk) in ("Enterprise", "Institution")
                    ][:1] if comma else []
        if not subj or subj[0].key == host[0].key:
            continue
        role = re.match(rf"(?:{_BROUGHT_IN})?的?(?:一家|一个|一座|首家|第[一二三四五六七八九十\d]+家)?"
                        rf"([^，,。；;的]{{0,10}}?)(?:{_cue('member_of').pattern})", rest)  # (A是P引进的第一家…企业)
        if role and not _cue("not_member").search(role.group(1)):
            facts.append(ctx.fact("located_in", {"entity": subj[0].key, "place": host[0].key},
                                  "located.member", 0.6))
    return facts


def _layout(ctx: Ctx) -> list[Fact]:
    """X开发区…构建A、B、C联动发展的格局: the parks and ports of a zone's layout are in it."""
    text = ctx.sent.text
    m = _cue("layout").search(text)
    if not m:
        return []
    for later in _cue("layout").finditer(text, m.end()):  # A、B联动发展和C、D建设的格局: both lists
        if re.search(r"[，,；;：:]", text[m.end():later.start()]):
            break
        m = later
    zones = [lk for lk in ctx.ended_by(m.start()) if (_is_zone(ctx, lk) or ctx.cat(lk) == "Park")]
    if not zones:
        return []
    zone = zones[0]
    parts = [lk for lk in ctx.items if ctx.rel(zone)[1] < ctx.rel(lk)[0] and ctx.rel(lk)[1] <= m.start()
             and (ctx.cat(lk) == "Park" or ctx.entities[lk.key].kind in ("Port", "Airport"))]
    listed = [lk for lk in parts if text[ctx.rel(lk)[1]:ctx.rel(lk)[1] + 1] == "、"
              or text[ctx.rel(lk)[0] - 1:ctx.rel(lk)[0]] == "、"]
    if len(listed) < 2:
        return []
    return [ctx.fact("located_in", {"entity": lk.key, "place": zone.key}, "located.layout", 0.55)
            for lk in listed]


def _not_sites(ctx: Ctx, parks: list[Linked]) -> list[Linked]:
    """The parks a sentence names as what it is about, when it names one: P位于某大厦，A、B等
    企业已入驻 — the firms move into P, not into the building P stands in."""
    return [lk for lk in parks if not _named_as_site(ctx, lk)] or parks


def _signed_in(ctx: Ctx, prev_park: Linked | None) -> list[Fact]:
    """A、B等企业签订入驻协议; 作为落地企业之一，C…: firms that move into the park (the one
    named in the sentence, else the one the article is about)."""
    text = ctx.sent.text
    m = _cue("settle_here").search(text)
    if not m:
        return []
    parks = _not_sites(ctx, ctx.of("Park"))
    host = parks[-1] if parks else prev_park
    if not parks:
        host = enclave_after(ctx, m.end(), host)  # 签约入驻飞地: the enclave named before
    if host is None:
        return []
    clause_start = max(text.rfind(c, 0, m.start()) for c in "，,。；;") + 1
    ents = [lk for lk in ctx.items if ctx.cat(lk) == "Enterprise" and ctx.rel(lk)[1] <= m.start()
            and ctx.rel(lk)[0] >= clause_start]  # (not a builder named clauses before)
    listed = [lk for lk in ents if text[ctx.rel(lk)[1]:ctx.rel(lk)[1] + 1] == "等"]
    if listed:
        ents = _with_list(ctx, listed[0])
    elif ents:  # the subject of the clause, and the firms listed with it (A、B陆续签约入驻)
        here = {lk.key for lk in ents}
        ents = ents[:1] + [x for x in _listed_after(ctx, ents[0], "、|和|及|以及") if x.key in here]
    else:  # (作为…企业之一，)C / 入驻企业30家，包括A、B: the first after, and those listed with it
        ents = [lk for lk in ctx.of("Enterprise") if ctx.rel(lk)[0] >= m.end()][:1]
        ents += [x for lk in ents for x in _listed_after(ctx, lk, "、|和|及|以及")]
        if ents and own_park(ctx, ents[-1]):
            return []  # 其中A、B落户P: the firms' own clause names where they go
    return [ctx.fact("located_in", {"entity": e.key, "place": host.key}, "located.signed", 0.6)
            for e in ents]


# --------------------------------------------------------------------------- driver
#: _ITEMLESS: a sentence without any mention (about a third of a news article's sentences)
#: skips the located, settled, sited, split, co-built, enclave and twinning rules: each
#: of their facts names a party or a place of the sentence itself (the park or firm of the
#: sentences before is only ever the other argument). The connection rules still run on
#: every sentence: :mod:`graph.courses` reads bare place words that are no mentions; the
#: split rule runs where a place's one-character form names a side (graph/firmsides.py).
def extract_relations(doc: Document, linked: list[Linked], entities: dict[str, Entity],
                      gaz: Gazetteer | None = None, *,
                      sentences: list[Sentence] | None = None) -> list[Fact]:
    """The facts of a document; ``sentences``: ``split_sentences(doc.norm)`` when the
    caller has it."""
    gaz = gaz or load()
    facts: list[Fact] = []
    items = sorted(linked, key=attrgetter("start", "end"))
    who = speaker(doc.norm, items, entities, gaz, doc.source)  # 我市/本市: the place a report speaks for
    if who:
        items = sorted(items + speaker_mentions(doc.norm, who, items, entities), key=attrgetter("start", "end"))
        items = speaker_pairs(doc.norm, who, items, entities)  # 与甲县结对，双方…: the speaker and 甲县
    prev_park = None
    if sentences is None:
        sentences = split_sentences(doc.norm)
    located: dict[str, set[str]] = {}
    named: dict[str, list[str]] = {}
    prefix: dict[str, str] = {}
    for lk in items:
        if lk.mention.inner and lk.key not in named:
            named[lk.key] = [x.candidates[0] for x in lk.mention.inner if x.candidates]
    ctxs = []
    # parks the article refers back to as a 飞地 (这块“飞地”, 该飞地园区)
    doc_memo: dict = {"called_enclave": {lk.key for lk in items if lk.mention.how == "anaphor"
                                         and "飞地" in lk.mention.text},
                     # (settling.enclave_meant: a bare 飞地 stands for the enclave named before)
                     "parks": [lk for lk in items if lk.mention.how != "anaphor"
                               and entities[lk.key].category == "Park"],
                     "zones_called_enclave": _zones_called_enclave(sentences, items, entities)}
    idx = 0
    for sent in sentences:
        while idx < len(items) and items[idx].start < sent.start:
            idx += 1
        j = idx
        inside = []
        while j < len(items) and items[j].end <= sent.end:
            inside.append(items[j])
            j += 1
        ctxs.append(Ctx(doc, sent, inside, entities, gaz, named, doc_memo=doc_memo))
    prev: dict[int, Linked | None] = {}
    prev_ent = topic = zone = None
    last: tuple[Ctx, list[Fact]] | None = None  # the sentence before, and its located facts
    for ctx in ctxs:
        prev[id(ctx)] = prev_park
        if not ctx.items:
            last = None
            continue  # (see _ITEMLESS below: nothing to place, no topic, firm or park)
        found = located_in(ctx, prev_park, prev_ent) + _here_is(ctx, last) + _named_after(ctx, last)
        found += _there_stands(ctx, last)
        found += settled(ctx, topic, found, zone) + [  # 我区企业A: the speaker's own firm
            ctx.fact("located_in", {"entity": firm.key, "place": home.key}, "located.home", 0.6)
            for firm, home in home_firms(ctx.sent.text, ctx.sent.start, ctx.items, ctx.cat)]
        found = drop_movers(ctx, found + sited(ctx, topic, prev_ent, prev_park))
        inner = {f.args["entity"] for f in found if f.rule == "located.within"}
        named = topic_of(ctx)  # (园区内还划出P: P, a park inside the topic, is not the new topic)
        topic = named if named is not None and named.key not in inner else topic
        zone = zone_topic_of(ctx) or zone
        ents = ctx.of("Enterprise")
        if ents:
            prev_ent = ents[-1]
        for f in found:
            if f.rule == "located.nest":  # 甘孜州稻城“飞地园区”: an address names its owner
                prefix[f.args["entity"]] = f.args["place"]
            elif f.rule != "located.bracket":
                located.setdefault(f.args["entity"], set()).add(f.args["place"])
        facts += _moved_from(ctx, found)  # (the owner written before a park stays in prefix)
        last = (ctx, found)
        parks = ctx.of("Park")
        if parks:
            # a sentence naming parks only as sites (这块飞地位于P) keeps the park of the text
            prev_park = topic_of(ctx) or prev_park or parks[-1]
    doc_links = DocLinks.of(items, entities)
    named_places: dict[str, int] = {}  # the places named, alone or in a name, where first (甲研乙造)
    for lk in items:
        if lk.mention.how != "anaphor":
            for k in [lk.key, *(x.candidates[0] for x in lk.mention.inner if x.candidates)]:
                if k.startswith("region:") and k in entities:
                    named_places.setdefault(k, lk.start)
    earlier: list[Linked] = []
    unnamed: list[str] = []  # who the sentence before builds a park with no name yet
    prev_infra = before = None
    recent: dict[str, Linked] = {}  # the last line, bridge, road … of each kind named so far
    for ctx in ctxs:
        if ctx.items:  # _ITEMLESS
            facts += function_splits(ctx) + initial_splits(ctx, named_places) + pair_initial_splits(ctx, named_places)
            facts += co_built(ctx, prev[id(ctx)], earlier) + aid_built(ctx, prev[id(ctx)])
            facts += _named_built(ctx, unnamed)
            earlier, unnamed = _builders(ctx), _unnamed_built(ctx, len(ctx.sent.text))
            facts += enclaves(ctx, located)
            facts += once_per_pair(twinning(ctx) + _charged(ctx, before)) + _spoken_for(ctx, who)
            facts += _spoken_cobuilt(ctx, who)
        else:
            earlier, unnamed = [], []
            if names_a_side(ctx.sent.text):  # (港方负责研发，深方负责生产: sides but no mention)
                facts += function_splits(ctx)
        before = ctx
        prev_infra = _of_kind_referred(ctx, prev_infra, recent)  # (这条城际铁路: the last railway)
        joins = connections(ctx, doc_links, prev_infra) + connections_by_route(ctx, prev_infra) + line_spans(ctx)
        if joins:  # (what follows only rewrites or drops the sentence's connections)
            facts += drop_unbegun(ctx, joint_trips(ctx, one_course(refer_back(
                ctx, joins, doc_links.main_infra, prev_infra, recent))))
        prev_infra = first_infra(ctx) or prev_infra
        for lk in ctx.of("Infrastructure"):
            if ctx.entities[lk.key].kind in CONNECTING and not refers_back(ctx, lk):
                recent[ctx.entities[lk.key].kind] = lk
    facts = with_receivers(facts, ctxs[0].named if ctxs else {}, gaz)  # 由甲援建的P: and where P is
    facts = drop_denied_quotes(ctxs, drop_denied_rumours(ctxs, drop_unbegun_in_doc(ctxs, facts)))
    facts = drop_unwritten_schemes(ctxs, facts)  # 冀晋协作 in an article never writing 山西
    facts = drop_coarser_twins(facts, gaz)  # 甲市驻丙区… beside 乙区 (in 甲市) and 丙区
    facts += _split_across(ctxs, facts) + _pairs_listed_on(ctxs) + roster_members(ctxs, facts, entities, gaz)
    facts += _items_after_among(ctxs, facts)  # 入驻企业11家，其中：A…；B…；C…
    facts += [f for c in ctxs if c.items for f in _pairs_after_colon(c)]
    facts += pair_rows(ctxs, _cue("twinning"), _unrelated)  # tables and lists of pairs
    facts += table_cols(ctxs) + field_records(ctxs)  # tables and records of firms and their sites
    # the verb names the builders: a park's name alone says less
    verbed = {f.args["park"] for f in facts if f.rule == "cobuilt.verb"}
    facts = [f for f in facts if not (f.rule == "cobuilt.name" and f.args["park"] in verbed)]
    facts = prune_initials(facts, entities, gaz)
    facts += _enclaves_of_doc(ctxs, facts, located, prefix)
    facts = _finest_host(facts, entities, gaz)
    facts = _finest_place(facts, entities, gaz)
    facts = _coarser_by_this(ctxs, facts, entities, gaz)
    facts = _finest_partners(facts, entities, gaz)
    facts = _finer_course(facts, items, entities, gaz, doc.norm)
    said = {c.sent.start: c for c in ctxs}
    facts = [f for f in facts if not (f.relation in ("enclave", "co_built") and f.span.start in said
                                      and tentative(said[f.span.start], f.args[
                                          "enclave" if f.relation == "enclave" else "park"])
                                      or f.rule == "located.build" and f.span.start in said
                                      and tentative(said[f.span.start], f.args["entity"]))]
    facts = _county_sides(facts, said)
    facts += _twinned_by_park(ctxs, facts)
    # A(B)… that A and B are said to build together is co-built, not one side's enclave,
    # unless a sentence saying it calls it 飞地 (该园区由A与B共建，是典型的“飞地园区”), or the
    # article is titled on 飞地 (a list of a city's 飞地园区) and the park stands in the host alone
    built = {(f.args["park"], k) for f in facts if f.rule == "cobuilt.verb" for k in f.args["partners"]}
    called = {lk.key for c in ctxs if _CALLED_ENCLAVE.search(c.sent.text) for lk in c.items} \
        if built else set()
    listed = _listed_parks(ctxs) if built else set()

    def in_host(f: Fact) -> bool:
        sites = _site_places(ctxs[0], f.args["enclave"], located)
        return bool(sites) and all(p == f.args["host"] or f.args["host"] in gaz.ancestors(p) for p in sites)

    facts = [f for f in facts if not (
        f.rule == "enclave.name" and "(" in entities[f.args["enclave"]].label
        and {(f.args["enclave"], f.args["owner"]), (f.args["enclave"], f.args["host"])} <= built
        and f.args["enclave"] not in called and not (f.args["enclave"] in listed and in_host(f)))]
    # an enclave named after its two places is not also "co-built" by its name alone (but
    # by its name and a co-building verb of the sentence: 即将在丙地共建的“甲乙工业区”)
    enclaved = {f.args["enclave"] for f in facts if f.relation == "enclave"}
    facts = [f for f in facts if not (f.rule == "cobuilt.name" and f.args["park"] in enclaved
                                      and not _cue("cobuild").search(_masked(said[f.span.start])))]
    facts = drop_travel_targets(facts)
    facts = _split_sites_unplaced(said, facts, entities, gaz)
    facts = _without_precedents(ctxs, facts)
    facts = described_parts(facts)
    facts = reverse_by_split(facts, gaz)  # 孵化在甲、产业化在乙 for 乙(甲)…: reverse
    facts = reverse_by_standing(facts, entities, gaz)  # a county's park in a capital's district
    bracketed = {lk.key: hosts[0].candidates[0] for lk in items if lk.mention.inner
                 and lk.mention.how != "anaphor" and entities[lk.key].category == "Park"
                 and len(hosts := bracketed_places(lk)) == 1}
    for lk in items:  # 甲乙产业园 placed nowhere: one of the two places its name holds
        if lk.key not in bracketed and lk.mention.how != "anaphor" \
                and entities[lk.key].category == "Park" and len(two := places_named(lk)) == 2:
            bracketed[lk.key] = two
    facts = _of_enclave_sites(facts, located)  # (甲在乙的飞地 placed nowhere finer: in 乙)
    for f in facts:
        if f.rule == "located.of_enclave":
            located.setdefault(f.args["entity"], set()).add(f.args["place"])
    facts = park_sides(facts, entities, gaz, located, bracketed)  # a split is between places
    facts = apart(facts, entities, gaz)  # a split is between two places, not a place and its part
    facts = address_only(facts, doc_memo)  # 某县某镇: the town, the county its address
    # a place the article states beats the one a bracket in the name suggests
    return [f for f in facts if not (f.rule == "located.bracket" and f.args["entity"] in located
                                     or _in_itself(f))]


def _in_itself(f: Fact) -> bool:
    """A thing placed in itself (在深圳前海设立“甲(前海)中心” with the bracket taken for the
    thing): a misread, whatever rule gave it."""
    return f.relation == "located_in" and f.args["entity"] == f.args["place"]


#: 其孵化项目…, 其产品…: a clause about what belongs to the thing named before (its projects)
_ITS_OWN = re.compile(r"\s*其(?!中|他|余|实|次|后)[\u4e00-\u9fff]{0,6}?(?:项目|产品|成果|产能|业务|订单|货物)")
#: a unit or function of a firm (研发中心, 制造基地, 生产环节) named between the firm and a place
_FIRM_UNIT = re.compile(r"研发|生产|制造|基地|车间|工厂|产线|装配|组装|设计|销售|营销|结算|加工|量产")
#: a move (迁至, 搬到): the firm, or its unit, is where it moved to
_MOVED_TO = re.compile(r"迁至|迁到|迁往|迁入|搬至|搬到|搬往|转移至|转移到")


def _split_sites_unplaced(said: dict[int, Ctx], facts: list[Fact], entities: dict[str, Entity],
                          gaz: Gazetteer) -> list[Fact]:
    """甲公司把研发中心放在A、制造基地放在B / 甲公司研发在A、装配在B: the sentence splits the firm's
    functions between two places (a pairing), so where it puts a unit tells a side of the split,
    not where the firm is: no located-in of the firm in a side (or a division inside one) when a
    unit is named between the firm and that place, or set up there (A在甲镇设立的生产基地…，“营销
    留在乙，工厂交给甲”; a firm whose seat is the split's other side, 总部位于乙，此次在甲建设的
    生产基地, is at both of its sites) (unless it moved there: 把生产环节迁至A; or the
    unit is its headquarters, the firm's seat: 总部设在A). A park or zone it puts a unit in still
    holds the firm (生产基地落户某经开区)."""
    sides: dict[int, set[str]] = {}
    seated: set[int] = set()  # sentences whose split is the firm's seat against another site
    for f in facts:
        if f.relation == "pairing":
            sides.setdefault(f.span.start, set()).update((f.args["up"], f.args["down"]))
            if f.args.get("up_fn") == "Headquarters":
                seated.add(f.span.start)
    if not sides:
        return facts

    def unit_put(f: Fact) -> bool:
        ctx = said.get(f.span.start)
        if ctx is None:
            return False
        firm = [lk for lk in ctx.items if lk.key == f.args["entity"]]
        place = [lk for lk in ctx.items if lk.key == f.args["place"]
                 and firm and ctx.rel(lk)[0] >= ctx.rel(firm[0])[1]]
        if not place:
            return False
        between = ctx.sent.text[ctx.rel(firm[0])[1]:ctx.rel(place[-1])[0]]
        return bool(_FIRM_UNIT.search(between)) and not _MOVED_TO.search(between) \
            and "总部" not in between

    return [f for f in facts if not (
        f.relation == "located_in" and f.rule in ("located.verb", "located.unit_set_up")
        and f.span.start in sides
        and entities[f.args["entity"]].category == "Enterprise"
        and (f.args["place"].startswith("region:") or entities[f.args["place"]].kind == "Town")
        and any(gaz.nested(f.args["place"], k) or k in containing(f.args["place"], entities, gaz)
                for k in sides[f.span.start])
        and (f.rule == "located.unit_set_up" and f.span.start not in seated or unit_put(f)))]


def _of_enclave_sites(facts: list[Fact], located: dict[str, set[str]]) -> list[Fact]:
    """P，是甲在乙的“飞地”园区: P is in 乙 (``located.of_enclave``), unless the article places
    it anywhere else (乙's zone, a finer district: the finer place is meant)."""
    return [f for f in facts if not (f.rule == "located.of_enclave" and located.get(f.args["entity"]))]


def _without_precedents(ctxs: list[Ctx], facts: list[Fact]) -> list[Fact]:
    """The facts without a sentence's placing or enclave rows of a park or firm it names
    only as the one before (这是我市继甲(乙)某中心之后建成的又一处飞地: the new one is in
    丙, not 甲(乙)某中心)."""
    before: set[tuple[int, str]] = set()
    for ctx in ctxs:
        if "继" not in ctx.sent.text:
            continue
        for lk in ctx.items:
            if ctx.cat(lk) in ("Park", "Enterprise", "Institution") and precedent(ctx, lk):
                before.add((ctx.sent.start, lk.key))
    if not before:
        return facts
    return [f for f in facts if not (
        f.relation in ("located_in", "enclave")
        and (f.span.start, f.args.get("entity", f.args.get("enclave"))) in before)]


def _zones_called_enclave(sentences: list, items: list[Linked], entities: dict[str, Entity]) -> set[str]:
    """Cooperation zones named in a sentence that says 飞地 (not 飞地经济)."""
    out: set[str] = set()
    starts: list[int] | None = None
    for sent in sentences:
        if not _CALLED_ENCLAVE.search(sent.text):
            continue
        starts = [x.start for x in items] if starts is None else starts
        for lk in items[bisect_left(starts, sent.start):]:
            if lk.start >= sent.end:
                break
            if lk.key.startswith("zone:") and entities[lk.key].kind == "CooperationZone":
                out.add(lk.key)
    return out


_CALLED_ENCLAVE = re.compile(r"飞地(?![”\"」』]?经济)")  # (飞地经济 is a way of working, not a park)


#: 入驻企业11家，其中：A…: a count of firms, then 其中 and a colon opening a list of items
_AMONG_COLON = re.compile(r"其中[:：]\s*$")
_ITEM_CLOSE = re.compile(r"[；;]\s*$")


def _items_after_among(ctxs: list[Ctx], facts: list[Fact]) -> list[Fact]:
    """园区累计入驻企业11家，其中：A…项目建成投产；B…试生产；C…完成调试。 — the firm opening the
    first item is placed in the park; each item after it, a sentence ended by ； that opens
    with a firm's name, is one more of the park's firms."""
    placed = {}
    for f in facts:
        if f.relation == "located_in" and f.rule in ("located.intro", "located.settle"):
            placed.setdefault((f.span.start, f.args["entity"]), f.args["place"])
    if not placed:
        return []
    out: list[Fact] = []
    for i, c in enumerate(ctxs):
        text = c.sent.text
        firms = [lk for lk in c.items if c.cat(lk) == "Enterprise"]
        if not firms or not _ITEM_CLOSE.search(text):
            continue
        first = firms[0]
        park = placed.get((c.sent.start, first.key))
        if park is None or not _AMONG_COLON.search(text, 0, c.rel(first)[0]):
            continue
        prev = c
        for nxt in ctxs[i + 1:]:
            lead = [lk for lk in nxt.items if nxt.cat(lk) == "Enterprise" and
                    not nxt.sent.text[:nxt.rel(lk)[0]].strip()]
            if not lead or "\n" in c.doc.norm[prev.sent.end:nxt.sent.start]:
                break
            out.append(nxt.fact("located_in", {"entity": lead[0].key, "place": park},
                                "located.intro", 0.6))
            if not _ITEM_CLOSE.search(nxt.sent.text):
                break  # (the item ending with 。 closes the list)
            prev = nxt
    return out


def _split_across(ctxs: list[Ctx], facts: list[Fact]) -> list[Fact]:
    """研发在A；生产在B / 研发中心设在A。生产基地则放在B / 公司在A设立总部。同时在B建设生产基地:
    the two sides of a split in the last clause of one sentence and the first clause of
    the next, read as one sentence (neither sentence has a split of its own)."""
    split = {f.span.start for f in facts if f.relation == "pairing"}
    out = []
    for a, b in zip(ctxs, ctxs[1:]):
        if not a.items or not b.items or a.sent.end != b.sent.start or \
                a.sent.text[-1:] not in "；;。" or {a.sent.start, b.sent.start} & split:
            continue
        if not (_has_role(a.sent.text) and _has_role(b.sent.text)):
            continue  # each side's function is in its own sentence (the gate, half each)
        if not _may_split_across(a, b):
            continue  # (no pair of segments can meet at the joint: see there)
        found = []
        # joined by ；for the forms within a clause, by ，for clause by clause (公司在A设立总部。
        # 同时在B建设生产基地: each sentence one clause of the split)
        for joint, rules in (("；", ("split.at", "split.place")), ("，", ("split.clause",))):
            text = a.sent.text[:-1] + joint + b.sent.text
            both = Ctx(a.doc, Sentence(a.sent.start, b.sent.end, text), a.items + b.items,
                       a.entities, a.gaz, a.named, doc_memo=a.doc_memo)
            found += [f for f in function_splits(both, frozenset(rules)) if f.rule in rules
                      and _sides_apart(f, a, b)
                      and (f.args["up"], f.args["down"]) not in {(g.args["up"], g.args["down"]) for g in found}]
        out += found
    return out


_GAP = "、，,+＋/;；"  # what may stand between two joined segments (and spaces)
_CLAUSE_MARKS = "，,：:"  # what ends a clause (sentences.clauses)


def _is_gap(c: str) -> bool:
    return c in _GAP or c.isspace()


def _may_split_across(a: Ctx, b: Ctx) -> bool:
    """Whether sentences ``a`` and ``b`` read as one might give a split with one side in
    each (a cheap necessary test, before reading them twice as one: 6% of extraction).

    Every split pairs two segments (a function text with its place) of different roles,
    each segment and its function text within ``a`` or within ``b`` (the joint mark is
    one that ends a function text and a clause). A pair with a segment in each sentence is
    found through two neighbouring segments that meet at the joint, joined by separators
    alone (``_pair_segments``): one in ``a`` ends after the separators ending ``a`` begin,
    and one in ``b`` starts before its leading separators end. Such a segment of ``a``
    ends with a place (F在A) or holds a function word in ``a``'s last clause (A研发; the
    clause itself); one of ``b`` starts with a place or holds a function word in ``b``'s
    first clause. A pair with both segments in one sentence needs both roles there and a
    place named in the other (else the sides are not apart). A place of ``a`` running into
    the joint mark (an address chain could go on into ``b``) is not ruled out."""
    text_a, text_b = a.sent.text, b.sent.text
    joint = len(text_a) - 1  # (where a's end mark stands)
    if any(lk.end - a.sent.start > joint for lk in a.items):
        return True
    words = _function_index()[0]
    end = joint
    while end and _is_gap(text_a[end - 1]):
        end -= 1
    head = max(text_a.rfind(c, 0, end) for c in _CLAUSE_MARKS) + 1
    a_side = any(lk.end - a.sent.start >= end for lk in a.items) or \
        words.search(text_a, head, end) is not None
    if a_side:
        lead = 0
        while lead < len(text_b) and _is_gap(text_b[lead]):
            lead += 1
        stop = min([i for c in _CLAUSE_MARKS if (i := text_b.find(c, lead)) >= 0] or [len(text_b)])
        if any(lk.start - b.sent.start <= lead + 1 for lk in b.items) or \
                words.search(text_b, lead, stop) is not None:
            return True
    return _both_roles_with(a, b) or _both_roles_with(b, a)


def _both_roles_with(a: Ctx, b: Ctx) -> bool:
    """Sentence ``a`` holds words of both roles and a place of ``b`` may be a side of a
    split in ``a`` (an item's key, or the place its name opens with)."""
    if not all(p.search(a.sent.text) for p in _role_patterns()):
        return False
    sides = {lk.key for lk in a.items} | {lk.mention.inner[0].candidates[0] for lk in a.items
                                          if lk.mention.inner and lk.mention.inner[0].candidates}
    return any(lk.key in sides for lk in b.items)


def _has_role(text: str) -> bool:
    """A function word of a split (研发, 生产 …) is in ``text``."""
    return any(p.search(text) for p in _role_patterns())


_PAIR_ONLY = re.compile(r"\s*(?:[（(]?\d+[)）.、]?)?(P)([—–\-－与和])(P)[；;。]?\s*")


def _pairs_listed_on(ctxs: list[Ctx]) -> list[Fact]:
    """结对关系为：甲—乙；丙—丁；戊—己。: a list of pairs split at semicolons goes on in
    sentences that hold nothing but one pair of places, after one with a twinning cue."""
    out: list[Fact] = []
    kind = None
    for ctx in ctxs:
        text = ctx.sent.text
        pair = _only_pair(ctx) if kind else None
        if pair and _unrelated(ctx, *pair):
            out.append(ctx.fact("twinning", {"a": pair[0], "b": pair[1], "kind": kind},
                                "twin.list", 0.6))
        elif pair is None:
            # (a cue opens a list only in a sentence ending at a semicolon: see below)
            cue = first_cue(_cue("twinning"), _masked(ctx)) \
                if ctx.items and text.endswith(("；", ";")) else None
            kind = cue.group(0) if cue else None
        if not text.endswith(("；", ";")):
            kind = None
    return out


#: 甲对乙, 甲—乙, 甲与乙: the joint of one pair in a list of pairs
_PAIR_JOINT = re.compile(r"对|与|和|同|—{1,2}|－|-"
                         r"|(?P<bracket>[（(](?:对口(?:帮扶|支援|合作|协作)?|结对(?:帮扶)?|帮扶|支援)[:：]?)")
#: what parts the pairs (、)
_PAIR_SEP = re.compile(r"[、，,；;]")
#: 一一结对：: a colon a few characters after the cue
_CUE_COLON = re.compile(r"[^，,。；;：:]{0,4}?[：:]")


def _pairs_after_colon(ctx: Ctx) -> list[Fact]:
    """一一结对：甲对乙、丙对丁、戊对己……: after a twinning cue and a colon, a list of pairs
    of places, each joined by 对 (与, a dash): each pair is twinned (``twin.pairs``)."""
    text = ctx.sent.text
    if "：" not in text and ":" not in text:
        return []
    masked = _masked(ctx)
    cue = colon = None
    for m in _cue("twinning").finditer(masked):  # (the cue right before the colon)
        colon = _CUE_COLON.match(text, m.end())
        if colon and not generic(masked, m):
            cue = m
            break
    regions = {ctx.rel(lk)[0]: lk for lk in ctx.of("Region")}
    if cue is None:  # 其中：甲对乙，丙对丁，戊对己: three pairs joined by 对 need no cue
        colon = _ANY_COLON.search(text)
        pairs, joints = _pair_list(ctx, text, regions, colon.end())
        if len(pairs) < 3 or set(joints) != {"对"}:
            return []
        kind = "结对"
    else:
        pairs, _ = _pair_list(ctx, text, regions, colon.end())
        kind = cue.group(0)
    if len(pairs) < 2:
        return []  # (one pair after a colon is read by the sentence's own rules)
    return [ctx.fact("twinning", {"a": a, "b": b, "kind": kind}, "twin.pairs", 0.6)
            for a, b in pairs if a != b and _unrelated(ctx, a, b)]


_ANY_COLON = re.compile(r"[：:]")


def _pair_list(ctx: Ctx, text: str, regions: dict, at: int) -> tuple[list, list]:
    """The pairs of places listed from ``at`` (甲对乙、丙对丁, 甲（对口乙）、丙（对口丁）), and the
    words joining each pair (a bracket holding a cue joins like 对)."""
    pairs, joints = [], []
    while at in regions:
        a = regions[at]
        joint = _PAIR_JOINT.match(text, ctx.rel(a)[1])
        b = regions.get(joint.end()) if joint else None
        if b is None:
            break
        end = ctx.rel(b)[1]
        if joint.group("bracket"):  # 甲市（对口乙市）、丙市（对口丁市）: the bracket closes the pair
            if text[end:end + 1] not in ("）", ")"):
                break
            end += 1
        pairs.append((a.key, b.key))
        joints.append("对" if joint.group("bracket") else joint.group(0))
        sep = _PAIR_SEP.match(text, end)
        if sep is None:
            break
        at = sep.end()
    return pairs, joints


def _only_pair(ctx: Ctx) -> tuple[str, str] | None:
    """The two places of a sentence that is only 甲—乙 (an address chain counts as its end)."""
    regions = ctx.of("Region")
    if len(regions) < 2 or len(regions) != len(ctx.items):
        return None
    keys = _collapse(ctx, regions)
    if len(keys) != 2:
        return None
    chars = list(ctx.sent.text)
    for lk in regions:
        s, e = ctx.rel(lk)
        chars[s:e] = "P" * (e - s)
    shape = re.sub("P+", "P", "".join(chars))
    return (keys[0], keys[1]) if _PAIR_ONLY.fullmatch(shape) else None


def _sides_apart(f: Fact, a: Ctx, b: Ctx) -> bool:
    """One side of the split is a place of sentence ``a``, the other one of ``b``."""
    in_a, in_b = {lk.key for lk in a.items}, {lk.key for lk in b.items}
    up, down = f.args["up"], f.args["down"]
    return (up in in_a and down in in_b) or (up in in_b and down in in_a)


def _county_sides(facts: list[Fact], said: dict[int, Ctx]) -> list[Fact]:
    """总部留在甲区某街道，乙县负责量产: a side of a split written as a town or street right
    after its district or county is that district or county (the sides of a split are
    places at county level or above; a town is an address)."""
    out = []
    for f in facts:
        ctx = said.get(f.span.start) if f.relation == "pairing" else None
        if ctx is not None:
            args = dict(f.args)
            for side in ("up", "down"):
                ent = ctx.entities.get(args[side])
                if ent is None or ent.kind != "Town":
                    continue
                said_as = [lk for lk in ctx.items if lk.key == args[side]][-1:]  # (the side: its last mention)
                for lk in said_as:
                    county = [x for x in ctx.ended_by(ctx.rel(lk)[0]) if ctx.rel(x)[1] == ctx.rel(lk)[0]
                              and ctx.cat(x) == "Region" and ctx.entities[x.key].kind in ("District", "County")]
                    if county:
                        args[side] = county[-1].key
            if args != f.args and args["up"] != args["down"]:
                f = replace(f, args=args)
        out.append(f)
    return out


def _finest_host(facts: list[Fact], entities: dict[str, Entity], gaz: Gazetteer) -> list[Fact]:
    """One enclave said to stand in 北京市 by its name and in 海淀区 where it was set up:
    the finer host is meant (the coarser fact is dropped)."""
    hosts: dict[tuple[str, str], set[str]] = {}
    for f in facts:
        if f.relation == "enclave":
            hosts.setdefault((f.args["enclave"], f.args["owner"]), set()).add(f.args["host"])
    return [f for f in facts if not (
        f.relation == "enclave" and any(f.args["host"] in containing(h, entities, gaz) for h in
                                        hosts[(f.args["enclave"], f.args["owner"])]))]


def _finest_place(facts: list[Fact], entities: dict[str, Entity], gaz: Gazetteer) -> list[Fact]:
    """One sentence that sets a park up in 成都 (在成都设立的P, or names it 甲(成都)…) and puts
    it in a zone or district of it (位于成都某新区): the finer place is meant (the coarser fact
    is dropped; an address chain, 甘孜州康定市, keeps both)."""
    places: dict[tuple[str, int], set[str]] = {}
    for f in facts:
        if f.relation == "located_in":
            places.setdefault((f.args["entity"], f.span.start), set()).add(f.args["place"])
    within = _containing_once(entities, gaz)
    return [f for f in facts if not (
        f.relation == "located_in" and f.rule not in ("located.nest", "located.address")
        and f.args["place"].startswith("region:") and any(
            f.args["place"] in within(p) for p in places[(f.args["entity"], f.span.start)]
            if p != f.args["place"] and not _town_of(entities, p, f.args["place"])))]


#: the demonstratives that stand for the park of the sentence before (discourse._this_is_enclave)
_THIS_WORDS = ("这", "这里", "此")


def _coarser_by_this(ctxs: list[Ctx], facts: list[Fact], entities: dict[str, Entity],
                     gaz: Gazetteer) -> list[Fact]:
    """P在甲市乙区揭牌。这是丙设在甲市的首个“飞地”: what a sentence says of P through a
    demonstrative does not place P in a place that contains where another sentence put it."""
    said = {(lk.key, c.sent.start) for c in ctxs for lk in c.items
            if lk.mention.how == "anaphor" and lk.mention.text in _THIS_WORDS}
    if not said:
        return facts
    places: dict[str, set[str]] = {}
    for f in facts:
        if f.relation == "located_in":
            places.setdefault(f.args["entity"], set()).add(f.args["place"])
    within = _containing_once(entities, gaz)
    return [f for f in facts if not (
        f.relation == "located_in" and (f.args["entity"], f.span.start) in said
        and any(f.args["place"] in within(p) for p in places[f.args["entity"]] if p != f.args["place"]))]


def _town_of(entities: dict[str, Entity], town: str, county: str) -> bool:
    """甲县乙镇: a town keeps the county it lies in (a town alone is too small a place to
    stand for the county; see :func:`graph.addresses.address_levels`)."""
    e = entities.get(town)
    return e is not None and e.kind == "Town" and e.parent == county


def _containing_once(entities: dict[str, Entity], gaz: Gazetteer) -> Callable[[str], set[str]]:
    """:func:`containing` of a key, computed once per key for one document's facts."""
    known: dict[str, set[str]] = {}

    def within(y: str) -> set[str]:
        got = known.get(y)
        if got is None:
            got = known[y] = containing(y, entities, gaz)
        return got
    return within


def _finest_partners(facts: list[Fact], entities: dict[str, Entity], gaz: Gazetteer) -> list[Fact]:
    """One park said to be built by 甲市 and 乙市 (双方共建P) and, in another sentence, by a
    district or zone of each (由甲市某新区与乙市某新区联合建设P), or of one of them: the
    builders named finer are meant (the coarser fact is dropped)."""
    sets: dict[str, list[tuple[str, ...]]] = {}
    for f in facts:
        if f.relation == "co_built":
            sets.setdefault(f.args["park"], []).append(tuple(f.args["partners"]))
    if all(len(v) < 2 for v in sets.values()):
        return facts
    within = _containing_once(entities, gaz)

    def coarser(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
        """Each partner of ``a`` is or contains its own partner of ``b``, one at least
        contains it (两地共建P，由甲区与乙市某区共同建设: 乙市 → 乙市某区)."""
        if len(a) != len(b) or set(a) == set(b):
            return False
        over = lambda x, y: x == y or x in within(y)  # noqa: E731
        return all(sum(over(x, y) for y in b) == 1 for x in a) and all(
            sum(over(x, y) for x in a) == 1 for y in b)
    uniq = {park: list(dict.fromkeys(v)) for park, v in sets.items()}  # (a park said 2,000 times)
    return [f for f in facts if not (
        f.relation == "co_built" and any(coarser(tuple(f.args["partners"]), b)
                                         for b in uniq[f.args["park"]]))]


def _inside_test(entities: dict[str, Entity], gaz: Gazetteer):
    """A test ``inside(x, y)``: is place ``y`` inside place ``x``? (A town written right after
    its county hangs under it: graph/linking.py.)"""
    within = _containing_once(entities, gaz)

    def inside(x: str, y: str) -> bool:
        return x != y and x in within(y)
    return inside


def _finer_course(facts: list[Fact], items: list[Linked], entities: dict[str, Entity],
                  gaz: Gazetteer, text: str) -> list[Fact]:
    """甲至乙高速公路 joins 甲 and 乙 by its name, 连接川渝两地 joins two provinces; when
    another sentence gives the line's course or ends (起于甲县某镇…止于乙县某镇, 畅通达州与万州)
    at places inside each of them, the places named finer are meant and the coarser fact is
    dropped. Likewise a place written as a section of a line (某铁路甲市段开通，乙县、丙县与丁市
    实现直连: 甲市) that holds another place of the fact is dropped from it."""
    if not any(f.relation == "connection" for f in facts):
        return facts
    inside = _inside_test(entities, gaz)
    lines = {lk.end for lk in items if entities[lk.key].category == "Infrastructure"}
    sections = {lk.key for lk in items if lk.start in lines and text.startswith("段", lk.end)
                and entities[lk.key].category == "Region"}
    told: dict[str, list[Fact]] = {}
    out = []
    for f in facts:
        if f.relation == "connection" and len(places := f.args["places"]) >= 3 and sections:
            kept = tuple(x for x in places if x not in sections or not any(inside(x, y) for y in places))
            if len(kept) >= 2 and kept != places:
                f = replace(f, args={**f.args, "places": kept})
        if f.relation == "connection":
            told.setdefault(f.args["infra"], []).append(f)
        out.append(f)

    def coarser(f: Fact) -> bool:
        others = {y for g in told[f.args["infra"]] if g is not f for y in g.args["places"]}
        return all(any(inside(x, y) for y in others) for x in f.args["places"])
    return [f for f in out if not (f.relation == "connection" and len(told[f.args["infra"]]) > 1
                                   and coarser(f))]


def _builders(ctx: Ctx) -> list[Linked]:
    """两地共建A、B等项目: builders named with no park, for the next sentence (其中，共建P)."""
    m = _cue("cobuild").search(ctx.sent.text)
    if not m:
        return []
    start = sentence_clause_start(ctx.sent.text, m.start())
    out = [lk for lk in ctx.items if start <= ctx.rel(lk)[0] < m.start()
           and ctx.cat(lk) == "Region" and not _is_site(ctx, lk)]
    return out if len(_collapse(ctx, out)) == 2 else []


#: 共建一个产业园区: a park built, named by none yet (its name may follow: 名字就叫P)
_UNNAMED_PARK = re.compile(r"了?(?:一个|一座|一片|一处|一块)[^，,。；;：:“”「」]{0,6}?(?:产业园区|园区|产业园|工业园|飞地|合作区)")


def _unnamed_built(ctx: Ctx, before: int) -> list[str]:
    """甲与乙议定共建一片园区: the two builders (keys) of a park the sentence builds
    but does not name, before ``before``; [] when none."""
    text = ctx.sent.text
    for m in _cue("cobuild").finditer(text, 0, before):
        park = _UNNAMED_PARK.match(text, m.end())
        if park is None or park.end() > before or any(
                m.end() <= ctx.rel(lk)[0] < park.end() for lk in ctx.items):
            continue
        start = sentence_clause_start(text, m.start())
        out = [lk for lk in ctx.items if start <= ctx.rel(lk)[0] < m.start()
               and ctx.cat(lk) == "Region" and not _is_site(ctx, lk)]
        keys = _collapse(ctx, out)
        if len(keys) == 2:
            return keys
    return []


def _named_built(ctx: Ctx, unnamed: list[str]) -> list[Fact]:
    """甲与乙携手共建一座园区(…。)名字就叫P / ，取名P: P, named by a clause that opens
    with a naming verb (named_as), is the park built by the two, in its sentence or the one
    before (``unnamed``)."""
    text = ctx.sent.text
    out = []
    for m in _cue("named_as").finditer(text):
        start = max(text.rfind(c, 0, m.start()) for c in "，,。；;") + 1
        if not _NAMING_LEAD.fullmatch(text, start, m.start()):
            continue
        at = m.end() + (text[m.end():m.end() + 1] in "“「")
        named = [lk for lk in ctx.starting_at(at) if ctx.cat(lk) == "Park" and lk.mention.how != "anaphor"]
        builders = _unnamed_built(ctx, start) or unnamed
        if named and builders:
            out.append(ctx.fact("co_built", {"park": named[0].key, "partners": tuple(builders)},
                                "cobuilt.named", 0.6))
    return out


def _paragraphs_saying(text: str, word: str):
    """A test: does the paragraph around a position contain ``word``?"""
    breaks = [m.start() for m in re.finditer("\n", text)]
    hits = {bisect_right(breaks, m.start()) for m in re.finditer(re.escape(word), text)}
    return lambda pos: bisect_right(breaks, pos) in hits


def _enclaves_of_doc(ctxs: list[Ctx], facts: list[Fact], located: dict[str, set[str]],
                     prefix: dict[str, str]) -> list[Fact]:
    """Enclaves the article describes over several sentences:

    * a park two places build (co_built) that the article calls 飞地, standing inside one
      of them: the other owns it (成都与甘孜在邛崃共建…“飞地园区”);
    * a park in a paragraph about 飞地 whose name starts with its owner (a place or zone
      named in the article) and that is stated to stand elsewhere (位于/落户/入驻);
    * a park whose name says 飞地 and where it stands, owned by the article's main place.
    """
    if not ctxs or not _enclave_doc(ctxs[0].doc):
        return []
    gaz, entities = ctxs[0].gaz, ctxs[0].entities
    rev = _cue("reverse")
    done = {f.args["enclave"] for f in facts if f.relation == "enclave"}
    by_start = {c.sent.start: c for c in ctxs}
    out: list[Fact] = []

    saying: dict[str, list[Ctx]] = {}
    for c in ctxs:
        for k in dict.fromkeys(lk.key for lk in c.items):
            saying.setdefault(k, []).append(c)

    def said(park: str) -> list[Ctx]:
        return saying.get(park, [])

    def kind(park: str) -> str:
        """reverse: said so (反向, 离岸, 科创飞地 …), or the enclave stands inside the host's
        science city / innovation park (an R&D foothold, not a production site)."""
        texts = [entities[park].label] + [_masked(c) for c in said(park)]  # (not another's name)
        inside = [entities[k].label for k in located.get(park, ()) if entities[k].category == "Park"]
        if any(rev.search(t) for t in texts) or any(_INNOVATION_PARK.search(t) for t in inside) \
                or innovation_name(entities[park].label):
            return "reverse"
        return "forward"

    def add(ctx: Ctx, park: str, host: str, owner: str, rule: str, conf: float) -> None:
        if park in done or host == owner or owner in gaz.ancestors(host) \
                or host in _ancestors(ctx, owner):
            return
        done.add(park)
        out.append(ctx.fact("enclave", {"enclave": park, "host": host, "owner": owner,
                                        "kind": kind(park)}, rule, conf))

    park_sites: dict[str, list[str] | None] = {}  # a park's sites (the same for each fact)
    items_listed = _listed_parks(ctxs)

    def sites_of(park: str, ctx: Ctx) -> list[str] | None:
        """None when no sentence saying the park (or ``ctx``, the sentence a fact about it
        was read from: a heading's body) says 飞地."""
        if park in park_sites:
            return park_sites[park]
        if park not in items_listed and not any(
                re.search("飞地|飞出地|飞入地", _BESIDES_ENCLAVE.sub("", c.sent.text)) for c in [*said(park), ctx]):
            park_sites[park] = None
            return None
        sites = _site_places(ctx, park, located)
        for c in said(park):  # 在X共建P / 在X建设P: X is where P stands
            last = max(c.rel(lk)[0] for lk in c.items if lk.key == park)
            for lk in c.items:
                if c.rel(lk)[0] < last and _is_site(c, lk):
                    k = lk.key if lk.key in gaz.places else entities[lk.key].parent
                    if k in gaz.places:
                        sites.append(k)
        park_sites[park] = sites
        return sites

    for f in facts:
        if f.relation != "co_built" or f.args["park"] in done:
            continue
        park, ctx = f.args["park"], by_start[f.span.start]
        partners = [k for k in f.args["partners"] if k in gaz.places  # (a zone under a place too)
                    or (entities[k].category == "Region" and _ancestors(ctx, k))]
        sites = sites_of(park, ctx) if len(partners) == 2 else None
        if sites is None:
            continue
        hosts = [p for p in partners if any(s == p or p in gaz.ancestors(s) for s in sites)]
        if len(hosts) == 1:
            add(ctx, park, hosts[0], [p for p in partners if p != hosts[0]][0], "enclave.cobuilt", 0.6)
    built = {f.args["park"] for f in facts if f.relation == "co_built" and f.rule == "cobuilt.verb"}
    regions = Counter(lk.key for c in ctxs for lk in c.items
                      if lk.key in gaz.places and lk.mention.how == "gaz")
    ranked = regions.most_common()  # (sorted once, not for each park)
    talk = _paragraphs_saying(ctxs[0].doc.norm, "飞地")
    for ctx in ctxs:
        if not talk(ctx.sent.start):
            continue
        for lk in ctx.items:
            if ctx.cat(lk) != "Park" or lk.key in done or lk.mention.how == "anaphor":
                continue
            if lk.key in built and sites_of(lk.key, ctx) is None:
                continue  # (甲与乙共建的P, no sentence saying P says 飞地: co-built, no enclave)
            m = lk.mention
            sites = _site_places(ctx, lk.key, located)
            if not sites:
                continue
            first = [x for x in m.inner if x.start == m.start]
            if first:
                place = first[0].candidates[0]
                owner = (_zone_named_like(ctx, first[0].text)
                         if place not in gaz.places or gaz.places[place].level >= 2 else None) or place
                # (望城 → 长沙望城经开区: a county's or district's zone; 衢州 stays the city)
                if prefix.get(lk.key) in _ancestors(ctx, owner):  # 甘孜州稻城“飞地园区”
                    owner = prefix[lk.key]
                host = _at_level(ctx, _specific(ctx, sites)[-1], owner)
                named_alone = owner in regions or owner in saying  # not only inside this name
                # (a park the place of its prefix co-builds with the host is theirs, whatever
                # zone of that place the article names: 桐乡—开化…园 beside 桐乡经济开发区)
                if named_alone and owner not in sites and not any(owner in gaz.ancestors(s) for s in sites) \
                        and not joint_with_host(facts, lk.key, owner, host, gaz) \
                        and not built_by_both(facts, lk.key, first[0].candidates[0], host):
                    add(ctx, lk.key, host, owner, "enclave.prefix", 0.6)
                    continue
            if "飞地" in m.text and first:  # 武陟飞地经济产业园: named after where it stands
                host = first[0].candidates[0]
                main = next((k for k, _ in ranked if k != host and k not in gaz.ancestors(host)
                             and host not in gaz.ancestors(k)), None)
                if main and regions[main] >= 3:
                    add(ctx, lk.key, host, main, "enclave.topic", 0.55)
    return out


def _zone_named_like(ctx: Ctx, stem: str) -> str | None:
    """望城 → 长沙望城经开区: the zone the article names whose name holds ``stem``."""
    for key, e in _zones(ctx):
        if stem in e.label and e.kind == "DevelopmentZone":
            return key
    return None


def _zones(ctx: Ctx) -> list[tuple[str, Entity]]:
    """The article's zone entities, in entity order (listed again only when entities were
    added since)."""
    got = ctx.doc_memo.get("zones")
    if got is None or got[0] != len(ctx.entities):
        got = ctx.doc_memo["zones"] = (len(ctx.entities), [
            (k, e) for k, e in ctx.entities.items() if k.startswith("zone:")])
    return got[1]


def _twinned_by_park(ctxs: list[Ctx], facts: list[Fact]) -> list[Fact]:
    """嘉善-九寨沟东西部协作产业园 built by its two places: the two are paired (the name says
    the kind of pairing)."""
    out = []
    cue = _cue_re(scheme_words(cues()["twinning"]))
    by_start = {c.sent.start: c for c in ctxs}
    for f in facts:
        if f.relation != "co_built" or len(f.args["partners"]) != 2:
            continue
        ctx = by_start[f.span.start]
        m = cue.search(ctx.entities[f.args["park"]].label)
        a, b = f.args["partners"]
        if m and a in ctx.gaz.places and b in ctx.gaz.places and _unrelated(ctx, a, b):
            out.append(ctx.fact("twinning", {"a": a, "b": b, "kind": m.group(0)}, "twin.park", 0.6))
    return out
