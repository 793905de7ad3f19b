"""The place a government report speaks for (called from relations.py).

Work reports and agency reports say 我市/本市 (我区, 我县, 我省) for the place that issues
them, and often leave the subject out altogether (持续做好对口支援甲地、乙地工作). The
speaker is the place of that rank the title lines name (鄂州市2024年政府工作报告, ——在某市
第五届人民代表大会…上), or the credit line that ends the article (（某县融媒体中心）,
来源：某市人民政府); without one there is no speaker. A report whose title says so
(某市政府工作报告) speaks for the place its title names first, though it never says 我市.

* :func:`speaker_mentions` — 我市/本市 … read as mentions of the speaker, so every rule
  sees 本市与甲省结对 as a pair of two places;
* :func:`speaker_pairs` — 与甲县建立结对关系，双方共建P: a sentence that opens with 与 and
  a place leaves its subject out, so its 双方/两地 are the speaker and that place (not the
  last two places named);
* :func:`home_firms` — 我区企业A: the firm is the speaker's own, in its place;
* :func:`subjectless_twins` — a clause that opens with a twinning cue and names no place
  before it (对口支援甲地、乙地) pairs the speaker with the places it lists.

Words live in ``graph/data/speaker_cues.json``.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from functools import lru_cache

from .linking import Linked, add_places
from .mentions import Mention, _raw_gazetteer_matches
from .resources import alternation, read_json
from .sentences import clauses
from .textnorm import t2s
from .twinwords import first_cue, paired_run


@lru_cache(maxsize=1)
def _cues() -> dict:
    return read_json("speaker_cues.json")


@lru_cache(maxsize=1)
def _self_words() -> tuple[re.Pattern, dict[str, str]]:
    rank = {w: ch for ch, words in _cues()["self"].items() for w in words}
    return re.compile(alternation(rank)), rank


def self_word() -> re.Pattern:
    """我市, 本县 …: a word for the speaker's own place (``self`` of speaker_cues.json), read
    by other rules that pass over it before the places named after it (位于我县某镇)."""
    return _self_words()[0]


@lru_cache(maxsize=1)
def _lead_in() -> re.Pattern:
    return re.compile(f"(?:{alternation(_cues()['lead_in'])})*$")


def speaker(text: str, items: list[Linked], entities, gaz, source: str | None = None) -> dict[str, str]:
    """Rank character (市, 区, 县, 省) → the key of the place the title lines name with it
    (or the credit line, or the ``source`` outlet the reader found: 来源：某县人民政府), for
    each rank the article uses a self word of."""
    pattern, rank = _self_words()
    used = {rank[m.group(0)] for m in pattern.finditer(text)}
    head_end = _line_end(text, _cues()["head_lines"])
    if not used and any(w in text[:head_end] for w in _cues()["report_titles"]):
        used = {ch for lk in _title_place(items, gaz) if lk.start < head_end
                and lk.mention.how != "anaphor" for ch in entities[lk.key].label[-1:]}
    if not used:
        return {}
    out: dict[str, str] = {}
    for lk in items:
        if lk.start >= head_end:
            break
        label = entities[lk.key].label if lk.key in entities else ""
        ch = label[-1:]
        if ch in used and ch not in out and (lk.key in gaz.places or lk.key.startswith("zone:")) \
                and lk.mention.how != "anaphor":  # (某经济技术开发区管理委员会: 我区 is the zone)
            out[ch] = lk.key
    for key in _credited(text, gaz) + _credited(t2s(source or ""), gaz):
        ch = gaz.places[key].name[-1:]
        if ch in used and ch not in out:
            out[ch] = key
            add_places(entities, gaz, [key] + gaz.ancestors(key))
    return out


@lru_cache(maxsize=1)
def _credit_line() -> re.Pattern:
    c = _cues()
    return re.compile(rf"[（(【\[]?(?:(?:{alternation(c['credit_lead'])})[：:]?\s*)?[\u4e00-\u9fff]{{2,16}}?"
                      rf"(?:{alternation(c['credit_body'])})[^\n]{{0,12}}?[）)】\]]?\s*")


def _credited(text: str, gaz) -> list[str]:
    """The places the credit line that ends an article names in full (（某县融媒体中心）,
    来源：某市人民政府): the body that issues it, as a title line names it (the reader drops
    such a line's place as an outlet's name, so it is looked up here)."""
    body = text.rstrip()
    at = body.rfind("\n") + 1
    if not _credit_line().fullmatch(body, at):
        return []
    return [m.candidates[0] for m in sorted(_raw_gazetteer_matches(body[at:], gaz), key=lambda m: (m.start, -m.end))
            if m.surface_how == "name" and len(m.candidates) == 1]


def _title_place(items: list[Linked], gaz) -> list[Linked]:
    """The place a report's title names first: the innermost of an address chain written
    there (某市某区政府工作报告 is the district's report), as a one-item list, or none."""
    if not items or items[0].key not in gaz.places:
        return []
    at = 0
    while (at + 1 < len(items) and items[at + 1].start == items[at].end
           and items[at + 1].key in gaz.places
           and items[at].key in gaz.ancestors(items[at + 1].key)):
        at += 1
    return [items[at]]


def _line_end(text: str, n: int) -> int:
    """Where the ``n``-th line break of ``text`` is (``len(text)`` if it has fewer), found
    by ``str.find`` from break to break, not by reading the whole text character by
    character."""
    at = -1
    for _ in range(n):
        at = text.find("\n", at + 1)
        if at < 0:
            return len(text)
    return at


def speaker_mentions(text: str, who: dict[str, str], items: list[Linked], entities) -> list[Linked]:
    """我市/本市 … as mentions of the speaker ``who`` (see :func:`speaker`); not where it
    opens an address (我市某某镇: the town is meant), but before a park or a road it is their
    place (位于我县某某工业园区: the park is in the speaker's county; 位于我区某某大道以东:
    the site is in the speaker's district)."""
    pattern, rank = _self_words()
    starts = {lk.start for lk in items if entities[lk.key].category not in ("Park", "Infrastructure")}
    out = []
    for m in pattern.finditer(text):
        key = who.get(rank[m.group(0)])
        if key and m.end() not in starts:
            e = entities[key]
            out.append(Linked(Mention(m.start(), m.end(), m.group(0), e.category, e.kind,
                                      "anaphor"), key))
    return out


@lru_cache(maxsize=1)
def _home_firm() -> re.Pattern:
    return re.compile(alternation(_cues()["home_firm"]))


def home_firms(text: str, start: int, items: list[Linked], category) -> list[tuple[Linked, Linked]]:
    """(firm, speaker) for each 我区企业A of a sentence (``text``, starting at ``start`` in
    the document; ``items`` its mentions; ``category``: an item's category): the speaker's
    word, a ``home_firm`` word, then the firm's name."""
    self_word = _self_words()[0]
    return [(b, a) for a, b in zip(items, items[1:])
            if a.mention.how == "anaphor" and self_word.fullmatch(a.mention.text)
            and category(b) == "Enterprise"
            and _home_firm().fullmatch(text, a.end - start, b.start - start)]


_SENTENCE_ENDS = "。！？!?；;\n"
_SENTENCE_END = re.compile(f"[{re.escape(_SENTENCE_ENDS)}]")


def speaker_pairs(text: str, who: dict[str, str], items: list[Linked], entities) -> list[Linked]:
    """``items`` with each 双方/两地 of a sentence that opens with (lead-in words and) 与 +
    a place read as that place and the speaker ``who`` (see :func:`speaker`)."""
    if not who:
        return items
    key = next(iter(who.values()))  # the rank the title names first
    spans: dict[tuple[int, int], list[Linked]] = {}
    for lk in items:
        if lk.mention.how == "anaphor" and lk.mention.category == "Region":
            spans.setdefault((lk.start, lk.end), []).append(lk)
    swap: dict[int, Linked] = {}
    by_start = {lk.start: lk for lk in items if lk.mention.how != "anaphor"}
    ends: list[int] | None = None
    for (s, e), pair in spans.items():
        if len(pair) != 2 or key in {lk.key for lk in pair}:
            continue
        if ends is None:  # (one scan of the text, not one per 双方 back to its start)
            ends = [m.start() for m in _SENTENCE_END.finditer(text)]
        k = bisect_left(ends, s)  # the last sentence end before s
        opening = ends[k - 1] + 1 if k else 0
        lead = with_lead().match(text, opening, s)
        partner = by_start.get(lead.end()) if lead else None
        while partner is not None and partner.key not in {lk.key for lk in pair} \
                and partner.end in by_start:
            partner = by_start[partner.end]  # 与甲市乙县: the chain's last place
        if partner is None or partner.key not in {lk.key for lk in pair}:
            continue
        other = next(lk for lk in pair if lk.key != partner.key)
        swap[id(other)] = Linked(replace(other.mention, kind=entities[key].kind, candidates=(key,)), key)
    return [swap.get(id(lk), lk) for lk in items] if swap else items


@lru_cache(maxsize=1)
def with_lead() -> re.Pattern:
    return re.compile(f"(?:{alternation(_cues()['lead_in'])})*与")


@lru_cache(maxsize=1)
def _with_verb() -> re.Pattern:
    return re.compile(f"(?:{alternation(_cues()['with_verbs'])})$")


def _with_places(ctx, masked: str, cs: int, cue_at: int) -> list:
    """与甲县建立结对帮扶关系 (a clause from ``cs`` whose cue starts at ``cue_at``): the
    places between 与 and a verb right before the cue, when nothing else stands there."""
    lead = with_lead().match(masked, cs, cue_at)
    if not lead:
        return []
    places = sorted((lk for lk in ctx.of("Region") if lead.end() <= ctx.rel(lk)[0] < cue_at),
                    key=lambda lk: ctx.rel(lk)[0])
    if not places or ctx.rel(places[0])[0] != lead.end():
        return []
    last = max(ctx.rel(lk)[1] for lk in places)
    return places if _with_verb().match(masked, last, cue_at) else []


#: marks that open an item of a list (——, ●, ▶ …), before a subjectless clause
_BULLETS = frozenset("—–-－·•●○■□◆◇▶►★☆ \u3000")


def subjectless_twins(ctx, who: dict[str, str], cue: re.Pattern, masked: str) -> list[tuple]:
    """(speaker, place, cue word) for each place a subjectless twinning clause lists
    (对口支援甲地、乙地; 与甲县建立结对关系)."""
    if not who:
        return []
    out = []
    for cs, ce in clauses(masked):
        while cs < ce and masked[cs] in _BULLETS:
            cs += 1  # (——对口协作甲县: an item of a report's list)
        cm = first_cue(cue, masked, cs, ce)
        if not cm:
            continue
        if not _lead_in().match(masked, cs, cm.start()):
            right = _with_places(ctx, masked, cs, cm.start())
            if not right:
                continue
        elif not [lk for lk in ctx.of("Region") if cm.end() == ctx.rel(lk)[0]]:
            continue
        else:
            right = [lk for lk in ctx.of("Region") if cm.end() <= ctx.rel(lk)[0] < ce]
        key = next(iter(who.values()))  # the rank the title names first (a city's report: the city)
        for place in paired_run(ctx, right, cue):
            if place in ctx.gaz.places and place != key and key not in ctx.gaz.ancestors(place) \
                    and place not in ctx.gaz.ancestors(key):
                out.append((key, place, cm.group(0)))
    return out
