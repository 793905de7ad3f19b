"""Document-level reading between linking and relations: how an article names again
what it has introduced.

* **Declared aliases** — ``X（以下简称“Y”）``, ``X，简称Y``, ``X（Y）`` where Y is a short form
  of X (its characters in order): every later Y refers to X, and Y becomes an alternative
  label (``skos:altLabel``) of X's entity.
* **Place abbreviations** — a park or zone named with the first characters of two places
  (宁滁工业集中发展区, 鲁甘产业园, 湘黔合作试验区) or such a pair before a word of
  cooperation (沪哈合作, 浙川东西部协作): each character is the first character of a place
  the article mentions, or the one-character abbreviation of one (粤, 桂, 沪, 滇 …). Only
  places the article names are read out of a pair.
* **Anaphora** — 该/此/这个 + a category word (该园区, 这个基地, 此中心) and bare category
  words opening a clause (园区, 科创园, 离岸科创中心) refer to the nearest park before
  them whose name ends with that word (else the nearest park, else the article's topic
  park); 两地/双方/两市 refer to the last two places named before.

The result is extra :class:`~graph.linking.Linked` mentions (``how`` = ``alias``, ``abbr``
or ``anaphor``) that the relation rules read like any other mention. Cue words are data:
``data/discourse.json``.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache

from .firmnames import industry_words
from .functionwords import function_index
from .gazetteer import Gazetteer
from .headings import headline_end
from .linking import Linked, place_entity
from .mentions import Mention, _common_words_only, common_stems, suffix_rules
from .model import Document, Entity
from .parknames import bracketed_short_forms
from .resources import alternation, functions, read_json
from .routenames import short_by_ends
from .settling import named_before
from .splitclauses import DASHES, containing

_QUOTES = "“”\"「」『』‘’'"
_CJK = re.compile(r"[\u4e00-\u9fff]")
_BOUNDARY = set("。！？!?；;，,、：:\n\r\t （）()【】[]《》<>…“”\"'‘’「」『』—-·")
GENERIC_PARK_WORDS = ("园区", "飞地", "基地", "中心", "飞地园区", "共建园区", "合作园区")
_PAIR_JOINERS = set("-—–·・")
_AFTER_VERB = ("在", "入驻", "进驻", "落户", "落地", "于", "到", "将", "让", "使", "从", "为", "对", "即",
               "走进", "来到", "搬进", "搬入", "迁入", "迁至", "搬至", "移至", "进了", "入了")  # (搬进了园区)


@lru_cache(maxsize=1)
def cues() -> dict:
    return read_json("discourse.json")


def read_discourse(doc: Document, linked: list[Linked], entities: dict[str, Entity],
                   gaz: Gazetteer) -> list[Linked]:
    """``linked`` plus the mentions that aliases, abbreviations and anaphora add."""
    text = doc.norm
    linked = sorted(linked, key=lambda lk: (lk.start, lk.end))
    linked = _quoted_names(doc, linked, entities)
    linked = _centres_called_enclave(doc, linked, entities)
    linked = _declared_aliases(doc, linked, entities)
    linked = _zone_stems(doc, linked, entities, gaz)
    linked = _firm_heads(doc, linked, entities, gaz)
    places = _Places(linked, entities, gaz)
    _abbreviated_names(linked, entities, places)
    linked = _initialled_forms(doc, linked, entities)
    linked += _abbreviated_pairs(text, linked, places)
    linked += _abbreviated_sides(text, linked, places)
    linked += _short_sides(text, linked, entities, places)
    linked = _generic_names(linked, entities)
    linked = _initials_parks(text, linked, entities, gaz)
    linked = _dashed_initials(doc, linked, entities)
    linked = _place_enclave_shorts(doc, linked, entities)
    linked = bracketed_short_forms(linked, entities, _as_anaphor)
    linked += _anaphora(text, linked, entities)
    linked += _bare_numbered_lines(text, linked, entities)
    linked += _bare_hubs(text, linked, entities)
    linked += _moved_here(text, linked, entities)
    linked += _this_is_enclave(text, linked, entities)
    linked += _former_latter(text, linked, entities)
    linked += _it_sited(text, linked, entities)
    linked = _called(doc, sorted(linked, key=lambda lk: (lk.start, lk.end)), entities)
    linked = _relevel(text, linked, entities, gaz)
    linked += _plurals(text, linked, entities, gaz)
    return sorted(linked, key=lambda lk: (lk.start, lk.end))


def topic(linked: list[Linked], entities: dict[str, Entity], category: str = "Park",
          anaphors: bool = False, text: str | None = None) -> str | None:
    """The entity of ``category`` the article is about: mentioned more often than any
    other, and more than once (references by anaphora count when ``anaphors``). Given the
    article's ``text``, a name in its headline (a short first line) counts twice and a park
    named as one who builds (甲园区与乙市共建P) not at all: it is what the article is about,
    that a party to it."""
    counts: Counter = Counter()
    head = headline_end(text) if text else 0
    for lk in linked:
        if entities[lk.key].category != category or not (anaphors or lk.mention.how != "anaphor"):
            continue
        counts[lk.key] += 0 if text and _builder(text, lk) else 2 if lk.end <= head else 1
    if not counts:
        return None
    ranked = counts.most_common(2)
    if ranked[0][1] < 2 or (len(ranked) == 2 and ranked[0][1] <= ranked[1][1]):
        return None  # several parks, none the subject of the article
    return ranked[0][0]


# --------------------------------------------------------------------------- quoted names
def _quoted_names(doc: Document, linked: list[Linked], entities: dict[str, Entity]) -> list[Linked]:
    """稻城“飞地园区”: a place, then a park word in quotes, is the name of that place's
    park (the quotes mark the word as a name, not a description) — or the short form of
    the article's one park named by that place, a bracket and the word (稻城（某区）飞地园区)."""
    from .linking import after_place_bracket, fold_label  # linking imports nothing of ours

    text = doc.norm
    words = "|".join(map(re.escape, sorted(cues()["park_words"], key=len, reverse=True)))
    q_open, q_close = "“「『\"", "”」』\""
    out, changed = list(linked), False
    bracketed: dict[tuple[str, str], set[str]] | None = None
    starts = {lk.end: i for i, lk in enumerate(linked) if lk.key.startswith("region:")
              and lk.mention.how == "gaz"}
    for m in re.finditer(rf"[{q_open}]({words})[{q_close}]", text):
        i = starts.get(m.start())
        if i is None or text[m.end():m.end() + 1] in ("园", "区", "中", "基"):
            continue  # 平湖—青田“产业飞地”园区: the name goes on, the name finder has it
        if m.group(1) in cues()["quoted_figure_words"]:
            continue  # 某市“飞地”: a figure for an enclave of that place, not a name
        place = linked[i]
        if text[place.start - 1:place.start] in _PAIR_JOINERS:
            continue  # 甲-乙“科创飞地”: a name of two places, not the second one's park
        s, e = place.start, m.end()
        label = text[s:m.start()] + "“" + m.group(1) + "”"
        if bracketed is None:  # (the parks named 甲（乙）飞地, by place and word: once)
            bracketed = {}
            for lk in linked:
                sig = after_place_bracket(lk.mention) if entities[lk.key].category == "Park" else None
                if sig:
                    bracketed.setdefault(sig, set()).add(lk.key)
        longer = bracketed.get((place.key, m.group(1)), set())
        key = next(iter(longer)) if len(longer) == 1 else f"park:{fold_label(label)}"
        ent = entities.get(key) or entities.setdefault(
            key, Entity(key, label, "Park", "Enclave" if "飞地" in label else "IndustrialPark",
                        parent=place.key))
        if ent.label != label:
            ent.alt_labels.add(label)
        if doc.text[s:e] != label:
            ent.trad_labels.add(doc.text[s:e])
        out[i] = Linked(Mention(s, e, label, "Park", ent.kind, "quoted", inner=[place.mention]), key)
        changed = True
    return sorted(out, key=lambda lk: (lk.start, lk.end)) if changed else linked


#: X是甲在乙设立的首个“反向飞地” / X，系甲的“科创飞地”: a name the clause after it calls 飞地
_IS_ENCLAVE_AFTER = re.compile(r"[”」』\"]?[，,]?(?:也|则|就)?(?:是|系|为|成为|作为)[^，,。；;！？!?]{0,30}?飞地")
#: 甲在乙设立“反向飞地”——X / 飞地：X: a name set after the word 飞地 by a dash or a colon
_ENCLAVE_BEFORE = re.compile(r"飞地[”」』\"]?(?:——|—|－|：|:)[“「『\"]?$")
#: X…。这块“反向飞地” (the next sentence calling it so)
_THIS_ENCLAVE = re.compile(r"[^。！？!?\n]{0,80}[。！？!?]?(?:这块|这个|这一|该|此)[“「『\"]?(?:反向|科创|产业)?飞地")


def _centres_called_enclave(doc: Document, linked: list[Linked], entities: dict[str, Entity]
                            ) -> list[Linked]:
    """甲优品展销中心，是甲市在乙市设立的首个“反向飞地”; 甲市在乙区设立“反向飞地”——X运营中心:
    a centre (typed an institution or a firm by its last word: 展销中心, 运营中心) that the text
    calls a 飞地 is a park, the owner's foothold in the host."""
    from .linking import fold_label  # linking imports nothing of ours

    text = doc.norm
    if "飞地" not in text:
        return linked
    turned: dict[str, str] = {}
    for lk in linked:
        ent = entities[lk.key]
        if ent.category not in ("Institution", "Enterprise") or not ent.label.endswith("中心") \
                or lk.mention.how == "anaphor" or lk.key in turned:
            continue
        if _IS_ENCLAVE_AFTER.match(text, lk.end) or _ENCLAVE_BEFORE.search(text, max(0, lk.start - 8), lk.start) \
                or _THIS_ENCLAVE.match(text, lk.end):
            key = f"park:{fold_label(ent.label)}"
            park = entities.get(key) or entities.setdefault(
                key, Entity(key, ent.label, "Park", "Enclave", set(ent.alt_labels), set(ent.trad_labels)))
            turned[lk.key] = park.key
    if not turned:
        return linked
    return [Linked(replace(lk.mention, category="Park", kind="Enclave"), turned[lk.key])
            if lk.key in turned else lk for lk in linked]


# --------------------------------------------------------------------------- aliases
def _taken(linked: list[Linked], n: int) -> bytearray:
    """1 at every position a mention covers (``any(taken[s:e])``: is a span touched)."""
    taken = bytearray(n + 1)
    for lk in linked:
        if lk.end > lk.start:
            taken[lk.start:lk.end] = b"\x01" * (lk.end - lk.start)
    return taken


def _is_short_form(short: str, name: str) -> bool:
    """港深创科园 of 港深科技创新合作区香港园区: the characters of ``short`` in order."""
    if not (2 <= len(short) < len(name)) or short[0] != name[0]:
        return False
    i = 0
    for ch in name:
        if i < len(short) and ch == short[i]:
            i += 1
    return i == len(short)


@lru_cache(maxsize=1)
def _alias_patterns() -> tuple[re.Pattern, re.Pattern]:
    """（以下简称“乙”） and ，以下简称“乙”: an alias declared in brackets or after a comma
    (compiled once, not looked up in ``re``'s cache per document)."""
    words = "|".join(sorted(map(re.escape, cues()["alias_declare"]), key=len, reverse=True))
    q = re.escape(_QUOTES)
    bracket = re.compile(rf"[（(]\s*(?:({words})\s*[:：]?\s*)?[{q}]?([^{q}（）()，,。；;、]{{2,12}}?)[{q}]?\s*[）)]")
    comma = re.compile(rf"[，,]\s*(?:以下|下文)?(?:{words})(?:为)?\s*[:：]?\s*[{q}]([^{q}，,。；;]{{2,12}})[{q}]")
    return bracket, comma


def _declared_aliases(doc: Document, linked: list[Linked], entities: dict[str, Entity]) -> list[Linked]:
    text = doc.norm
    bracket, comma = _alias_patterns()
    aliases: dict[str, str] = {}  # alias text -> entity key
    for lk in linked:
        e = entities[lk.key]
        after = text[lk.end:lk.end + 40]
        after = after[1:] if after[:1] in _QUOTES else after
        m = bracket.match(after)
        if e.category == "Region" and lk.key.startswith("region:"):
            # places have their short forms in the gazetteer, but for one the text
            # declares: 某某右翼前旗（以下简称某右前旗）
            if m and m.group(1) and _is_short_form(m.group(2), e.label):
                aliases.setdefault(m.group(2), lk.key)
            continue
        if m and (m.group(1) or _is_short_form(m.group(2), lk.mention.text) or (
                e.category == "Infrastructure"
                and short_by_ends(m.group(2), [g.text for g in lk.mention.inner]))):
            alias = m.group(2)
        else:
            m = comma.match(after)
            alias = m.group(1) if m else None
        if alias and alias != e.label and not alias.isdigit() and _CJK.search(alias):
            aliases.setdefault(alias, lk.key)
    return _apply_aliases(doc, linked, entities, aliases)


#: kinds of zone whose name's own part may name the zone alone (甲乙 of 甲乙经济开发区)
_STEM_KINDS = ("DevelopmentZone", "NewArea", "CooperationZone")
#: what may follow a zone's own part written alone (the part ends a word there; 某某这边: that side)
_STEM_AFTER = "与和及同的两等、这那"


def _zone_stems(doc: Document, linked: list[Linked], entities: dict[str, Entity],
                gaz: Gazetteer) -> list[Linked]:
    """甲乙经济开发区…生产放在甲乙: the own part of a zone's name (after the
    places it opens with, before its suffix; two or three characters, no place of the
    gazetteer, not common words) written alone, at a word's end, names that zone when one
    zone of the article has it; it becomes an alternative label of the zone."""
    text = doc.norm
    suffixes = sorted((r.suffix for r in suffix_rules().values()
                       if r.category == "Region" and r.kind in _STEM_KINDS), key=len, reverse=True)
    stems: dict[str, set[str]] = {}
    for lk in linked:
        m = lk.mention
        listed = m.how == "gaz" and entities[lk.key].kind == "NewArea"  # 两江新区 → 两江
        if not lk.key.startswith("zone:") or entities[lk.key].kind not in _STEM_KINDS \
                or (m.how in ("gaz", "abbr", "anaphor", "alias") and not listed):
            continue
        suffix = next((x for x in suffixes if m.text.endswith(x)), None)
        if suffix is None:
            continue
        start = m.start
        for inner in sorted(m.inner, key=lambda x: x.start):
            if inner.start == start:
                start = inner.end  # (甲市乙丙新区: past the places it opens with)
        stem = text[start:m.end - len(suffix)]
        if 2 <= len(stem) <= 3 and not _CJK.sub("", stem):
            stems.setdefault(stem, set()).add(lk.key)
    stems = {st: keys.pop() for st, keys in stems.items() if len(keys) == 1
             and not gaz.surfaces.get(st) and st not in common_stems() and not _common_words_only(st)}
    if not stems:
        return linked
    taken = _taken(linked, len(text))
    out = list(linked)
    for stem, key in sorted(stems.items()):
        ent = entities[key]
        for s in _occurrences(text, stem):
            e = s + len(stem)
            nxt = text[e:e + 1]
            if any(taken[s:e]) or (nxt and _CJK.match(nxt) and nxt not in _STEM_AFTER
                                   and not _function_next(text, e)):
                continue
            taken[s:e] = b"\x01" * (e - s)
            ent.alt_labels.add(stem)
            if doc.text[s:e] != stem:
                ent.trad_labels.add(doc.text[s:e])
            out.append(Linked(Mention(s, e, stem, ent.category, ent.kind, "alias"), key))
    return sorted(out, key=lambda lk: (lk.start, lk.end)) if len(out) > len(linked) else linked


_BRANCHES = ("分公司", "子公司")


@lru_cache(maxsize=1)
def _industry_words() -> tuple[str, ...]:
    """firmnames' industry words, longest first (sorted once, not per document)."""
    return tuple(sorted(industry_words(), key=len, reverse=True))


def _firm_heads(doc: Document, linked: list[Linked], entities: dict[str, Entity],
                gaz: Gazetteer) -> list[Linked]:
    """甲乙 of 甲乙精密, 丙丁 of 丙丁电脑有限公司: the two characters a firm's name opens
    with (after the places it opens with), right before an industry word — or its four
    opening characters, right before an industry or business word (firm_head_tail: 某某冷链
    of 湖北某某冷链科技有限公司) — written alone
    between the words of discourse.json firm_head_before and firm_head_after, name that firm
    when one firm of the article opens with them (no common word, no place's name)."""
    text = doc.norm
    industry = _industry_words()
    c = cues()
    tails = industry + tuple(c["firm_head_tail"])
    heads: dict[str, set[str]] = {}
    for lk in linked:
        m = lk.mention
        if entities[lk.key].category != "Enterprise" or m.how in ("anaphor", "alias", "abbr"):
            continue
        if any(ch in m.text for ch in "(（") or m.text.endswith(_BRANCHES):
            continue  # (某某电脑(重庆)有限公司, 某某分公司: a unit, whose head names its parent)
        start = m.start
        for inner in sorted(m.inner, key=lambda x: x.start):
            if inner.start == start:
                start = inner.end  # (深圳市某某科技: past the places it opens with)
        head = text[start:start + 2]
        if len(head) == 2 and not _CJK.sub("", head) and text.startswith(industry, start + 2, m.end):
            heads.setdefault(head, set()).add(lk.key)
        head = text[start:start + 4]  # 某某冷链 of 湖北某某冷链科技有限公司
        if len(head) == 4 and not _CJK.sub("", head) and start + 4 < m.end \
                and text.startswith(tails, start + 4, m.end):
            heads.setdefault(head, set()).add(lk.key)
    heads = {h: keys.pop() for h, keys in heads.items() if len(keys) == 1 and not gaz.surfaces.get(h)
             and h not in common_stems() and not _common_words_only(h)}
    if not heads:
        return linked
    before, after = set(c["firm_head_before"]), tuple(c["firm_head_after"])
    taken = _taken(linked, len(text))
    out = list(linked)
    for head, key in sorted(heads.items(), key=lambda x: (-len(x[0]), x[0])):
        ent = entities[key]
        for s in _occurrences(text, head):
            e = s + len(head)
            prev, nxt = text[s - 1:s], text[e:e + 1]
            if any(taken[s:e]) or (prev and _CJK.match(prev) and prev not in before) or (
                    nxt and _CJK.match(nxt) and not text.startswith(after, e)):
                continue
            taken[s:e] = b"\x01" * (e - s)
            ent.alt_labels.add(head)
            if doc.text[s:e] != head:
                ent.trad_labels.add(doc.text[s:e])
            out.append(Linked(Mention(s, e, head, ent.category, ent.kind, "alias"), key))
    return sorted(out, key=lambda lk: (lk.start, lk.end)) if len(out) > len(linked) else linked


def _function_next(text: str, at: int) -> bool:
    """A function word (研发, 制造 …), maybe after 出 (出技术、出产能), starts at ``at``: a
    split names the place before it (甲乙研发、丙丁制造)."""
    pattern = function_index()[0]
    return bool(pattern.match(text, at) or text[at:at + 1] == "出" and pattern.match(text, at + 1))


def _occurrences(text: str, word: str) -> Iterator[int]:
    """Where ``word`` (not empty) starts in ``text``, left to right, not overlapping (as
    ``re.finditer`` of it, without a pattern compiled per word)."""
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + len(word))


#: what every cue of :func:`_called` holds (称为, 称作, 被称为, 通称, 俗称, 又名)
_CALLED_WORDS = ("称为", "称作", "通称", "俗称", "又名")


def _called(doc: Document, linked: list[Linked], entities: dict[str, Entity]) -> list[Linked]:
    """这个园区…也称为“河套合作区”: a name given later in the sentence is an alias of the
    park or zone the sentence is about (its first one, named or referred to)."""
    text = doc.norm
    if not any(w in text for w in _CALLED_WORDS):
        return linked  # (the pattern below opens with an optional word: no scan for its cue)
    q = re.escape(_QUOTES)
    aliases: dict[str, str] = {}
    stops: list[int] | None = None  # where sentences end (made at the first cue)
    starts = [lk.start for lk in linked]  # (``linked`` is sorted by position)
    for m in re.finditer(rf"(?:也|又|亦|或|简)?(?:称为|称作|被称为|通称|俗称|又名)[{q}]([^{q}，,。；;]{{2,12}})[{q}]", text):
        if stops is None:
            stops = [x.start() for x in re.finditer("[。！？!?\n]", text)]
        i = bisect_left(stops, m.start())
        start = stops[i - 1] + 1 if i else 0  # after the last sentence end before the cue
        subject = None  # the sentence's first park or zone
        for lk in linked[bisect_left(starts, start):]:
            if lk.start >= m.start():
                break
            if entities[lk.key].category == "Park" or lk.key.startswith("zone:"):
                subject = lk
                break
        if subject and subject.start - start <= 2:
            aliases.setdefault(m.group(1), subject.key)
    return _apply_aliases(doc, linked, entities, aliases) if aliases else linked


def _apply_aliases(doc: Document, linked: list[Linked], entities: dict[str, Entity],
                   aliases: dict[str, str]) -> list[Linked]:
    """Every occurrence of an alias refers to its entity; the alias becomes a label."""
    text = doc.norm
    if not aliases:
        return linked
    out = list(linked)
    taken = _taken(linked, len(text))
    at: dict[tuple[int, int], list[int]] = {}
    ending: dict[int, list[int]] = {}
    for i, lk in enumerate(out):
        at.setdefault((lk.start, lk.end), []).append(i)
        ending.setdefault(lk.end, []).append(i)
    dropped: set[int] = set()  # places read inside a declared alias
    for alias, key in aliases.items():
        ent = entities[key]
        ent.alt_labels.add(alias)
        for s in _occurrences(text, alias):
            e = s + len(alias)
            same = at.get((s, e), [])
            for i in same:  # the short form was read as a name of its own
                if out[i].key != key and not out[i].key.startswith("region:"):
                    out[i] = Linked(out[i].mention, key)
            for i in ending.get(e, []):  # 甲市航空港区 (简称航空港区 of 甲市航空港经济综合实验区):
                lk = out[i]  # the place its full name opens with, then the short form
                if lk.start < s and lk.key != key and not lk.key.startswith("region:") \
                        and ent.label.startswith(text[lk.start:s]):
                    out[i] = Linked(lk.mention, key)
                elif lk.start > s and lk.key != key and ent.category == "Infrastructure" \
                        and entities[lk.key].category == "Infrastructure":
                    out[i] = Linked(lk.mention, key)  # 成资|S3线: the line's own code, read alone
            if same:
                continue
            if any(taken[s:e]):
                held = [i for i, lk in enumerate(out) if lk.start < e and lk.end > s]
                if ent.category == "Region" or not held or not all(
                        s <= out[i].start and out[i].end <= e and out[i].mention.how == "gaz"
                        and entities[out[i].key].category == "Region" for i in held):
                    continue
                # 滁州子公司 (以下简称 of a firm): the declared alias, not the place inside it
                dropped.update(held)
            original = doc.text[s:e]
            if original != alias:
                ent.trad_labels.add(original)
            out.append(Linked(Mention(s, e, alias, ent.category, ent.kind, "alias"), key))
    out = [lk for i, lk in enumerate(out) if i not in dropped]
    return sorted(out, key=lambda lk: (lk.start, lk.end))


# --------------------------------------------------------------------------- abbreviations
def _mentioned_places(linked: list[Linked], entities: dict[str, Entity]) -> Counter:
    return Counter(lk.key for lk in linked if lk.key.startswith("region:")
                   and lk.mention.how in ("gaz", "abbr"))


class _Places:
    """The places an article mentions, by the first character of how it writes them."""

    def __init__(self, linked: list[Linked], entities: dict[str, Entity], gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.mentioned = _mentioned_places(linked, entities)
        self.by_char: dict[str, Counter] = {}
        for lk in linked:
            if lk.key in self.mentioned:
                # (沪滇 read as two places: its first character is one of them only)
                written = lk.mention.text[:1] if lk.mention.how != "abbr" else ""
                for ch in {written, entities[lk.key].label[:1]} - {""}:
                    self.by_char.setdefault(ch, Counter())[lk.key] += 1
        self.covered = set(self.mentioned)
        self._of_char: dict[str, str | None] = {}
        for k in self.mentioned:
            self.covered.update(gaz.ancestors(k))

    def of_char(self, ch: str) -> str | None:
        """A mentioned place starting with ``ch`` (the most mentioned one), else the
        mentioned place ``ch`` abbreviates (粤 → 广东)."""
        if ch not in self._of_char:
            self._of_char[ch] = self._rank(ch)
        return self._of_char[ch]

    def _rank(self, ch: str) -> str | None:
        starts = self.by_char.get(ch)
        if starts:
            ranked = starts.most_common(2)
            if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
                return ranked[0][0]
            a, b = ranked[0][0], ranked[1][0]  # a tie between a place and one inside it
            for outer, inner in ((a, b), (b, a)):  # (清远市, 清城区): the wider place
                if inner in self.gaz.places and outer in self.gaz.ancestors(inner):
                    return outer
            return None
        key = self.gaz.abbrev.get(ch)
        return key if key and key in self.covered else None

    def _level_of(self, ch: str, key: str, other: str) -> str:
        """``key`` for ``ch``, or the place ``ch`` abbreviates when that one is named and
        of the level of ``other`` (the pair's other side) and ``key`` is not."""
        places = self.gaz.places
        alt = self.gaz.abbrev.get(ch)
        if not alt or alt == key or alt not in self.mentioned or key not in places \
                or other not in places or alt not in places:
            return key
        kind = places[other].kind
        return alt if places[key].kind != kind and places[alt].kind == kind else key

    def pair(self, two: str) -> tuple[str, str] | None:
        if len(two) != 2 or not all(_CJK.match(c) for c in two):
            return None
        a, b = self.of_char(two[0]), self.of_char(two[1])
        if a and b:  # 辽苏合作 with 辽宁省, 江苏省 and 苏州市 named: 苏 is the province
            a, b = self._level_of(two[0], a, b), self._level_of(two[1], b, a)
        gaz = self.gaz
        if not a or not b or a == b or a in gaz.ancestors(b) or b in gaz.ancestors(a):
            return None
        return a, b


def _abbreviated_names(linked: list[Linked], entities: dict[str, Entity], places: _Places) -> None:
    """宁滁工业集中发展区: the places of the pair become places named inside the name."""
    for lk in linked:
        m = lk.mention
        if m.how in ("gaz", "abbr", "anaphor") or not (
                entities[lk.key].category == "Park" or lk.key.startswith("zone:")):
            continue
        if any(x.start == m.start for x in m.inner) or len(m.text) < 4:
            continue
        pair = places.pair(m.text[:2])
        if not pair:
            continue
        m.inner = [Mention(m.start + i, m.start + i + 1, m.text[i], "Region", places.gaz.places[k].kind,
                           "abbr", (k,), "alias") for i, k in enumerate(pair)] + list(m.inner)


def _opening_places(m: Mention) -> list[Mention]:
    """The places a name opens with, one right after the other (甲市乙县 of 甲市乙县某园)."""
    out: list[Mention] = []
    at = m.start
    for inner in sorted(m.inner, key=lambda x: (x.start, -x.end)):
        if inner.start == at and inner.category == "Region":
            out.append(inner)
            at = inner.end
    return out


def _initialled_forms(doc: Document, linked: list[Linked], entities: dict[str, Entity]) -> list[Linked]:
    """甲乙试验区 of 甲地乙地某某合作试验区: a park or zone written as the first characters
    of the (two or more) places another park's or zone's name opens with, then that name's
    last words, is that park or zone when one name of the article fits; the short form
    becomes its alternative label."""
    def site(lk: Linked) -> bool:
        return entities[lk.key].category == "Park" or lk.key.startswith("zone:")

    full: list[tuple[str, str, str]] = []  # (initials, rest of the name, key)
    for lk in linked:
        if site(lk) and lk.mention.how not in ("gaz", "abbr", "anaphor", "alias"):
            opening = _opening_places(lk.mention)
            if len(opening) >= 2:
                full.append(("".join(x.text[0] for x in opening),
                             lk.mention.text[opening[-1].end - lk.mention.start:], lk.key))
    if not full:
        return linked
    out = list(linked)
    for i, lk in enumerate(out):
        text = lk.mention.text
        if not site(lk) or lk.mention.how in ("anaphor", "alias"):
            continue
        fits = {key for initials, rest, key in full if key != lk.key and text.startswith(initials)
                and 2 <= len(text) - len(initials) < len(rest) and rest.endswith(text[len(initials):])}
        if len(fits) == 1:
            key = fits.pop()
            entities[key].alt_labels.add(text)
            if doc.text[lk.start:lk.end] != text:
                entities[key].trad_labels.add(doc.text[lk.start:lk.end])
            out[i] = Linked(lk.mention, key)
    return out


@lru_cache(maxsize=1)
def _pair_pattern() -> re.Pattern:
    """Two characters before a word of cooperation (compiled once). The lookahead on the
    words' first characters lets the engine pass over most positions at once instead of
    trying every word there; the matches are the same."""
    words = cues()["abbreviation_after"]
    after = "|".join(map(re.escape, words))
    first = re.escape("".join(sorted({w[0] for w in words})))
    return re.compile(rf"([\u4e00-\u9fff]{{2}})(?=[{first}])(?={after})")


def _abbreviated_pairs(text: str, linked: list[Linked], places: _Places) -> list[Linked]:
    """沪哈合作, 浙川东西部协作: a pair of places before a word of cooperation."""
    taken = None
    out = []
    for m in _pair_pattern().finditer(text):
        s, e = m.span(1)
        taken = _taken(linked, len(text)) if taken is None else taken
        if any(taken[s:e]):
            continue
        pair = places.pair(m.group(1))
        if not pair:
            continue
        for k in pair:
            out.append(Linked(Mention(s, e, m.group(1), "Region", places.gaz.places[k].kind, "abbr", (k,),
                                      "alias"), k))
    return out


_SIDE = re.compile(r"在([\u4e00-\u9fff])(?=[、，,。；;”」’])")


@lru_cache(maxsize=1)
def _function_words() -> tuple[str, ...]:
    return tuple({w for row in functions().values() for w in row["words"].split("|")})


def _abbreviated_sides(text: str, linked: list[Linked], places: _Places) -> list[Linked]:
    """“研发在沪、生产在嘉”: a one-character abbreviation after 功能+在 is the place the
    article names with that character (or abbreviates by it: 沪 → 上海市)."""
    taken = None
    out = []
    for m in _SIDE.finditer(text):
        s, e = m.span(1)
        if m.group(1) not in places.gaz.abbrev \
                or not text.endswith(_function_words(), max(0, m.start() - 8), m.start()):
            continue
        taken = _taken(linked, len(text)) if taken is None else taken
        if any(taken[s:e]):
            continue
        k = places.of_char(m.group(1))
        if k:
            out.append(Linked(Mention(s, e, m.group(1), "Region", places.gaz.places[k].kind, "abbr", (k,),
                                      "alias"), k))
    return out


_SHORT_SIDE = re.compile(r"在([\u4e00-\u9fff]{2,3}?)(?=[、，,。；;”」’])")
_TOWN_ENDS = ("镇", "乡", "街道")


def _short_sides(text: str, linked: list[Linked], entities: dict[str, Entity],
                 places: _Places) -> list[Linked]:
    """“研发在甲地、种植在乙”: a short form after 功能+在 ending one side of a split is the
    town the article names with it (乙镇, 乙乡), else the place of the gazetteer it shortens
    that lies in a place the article names (古田 → 古田县 in an article naming 福建)."""
    taken = None
    towns: dict[str, str] = {}
    for lk in linked:
        label = entities[lk.key].label
        if lk.key.startswith("zone:") and label.endswith(_TOWN_ENDS):
            towns.setdefault(label, lk.key)
    out = []
    for m in _SHORT_SIDE.finditer(text):
        s, e = m.span(1)
        side = re.split(r"[、，,。；;：:“”「」]", text[max(0, m.start() - 8):m.start()])[-1]
        if not any(w in side for w in _function_words()):  # (种植采摘在乙: a word of the side)
            continue
        taken = _taken(linked, len(text)) if taken is None else taken
        if any(taken[s:e]):
            continue
        key = next((towns[m.group(1) + t] for t in _TOWN_ENDS if m.group(1) + t in towns), None) \
            or _stem_in_covered(m.group(1), places)
        if key is None:
            continue
        if key not in entities:
            for k in [key] + places.gaz.ancestors(key):
                entities.setdefault(k, place_entity(places.gaz, k))
        ent = entities[key]
        out.append(Linked(Mention(s, e, m.group(1), "Region", ent.kind, "alias"), key))
    return out


def _stem_in_covered(short: str, places: _Places) -> str | None:
    """The one place that ``short`` is a stem of and that lies inside a place the article
    mentions, else None."""
    gaz = places.gaz
    keys = [k for k, how in gaz.surfaces.get(short, []) if how == "stem"
            and any(a in places.mentioned for a in gaz.ancestors(k))]
    return keys[0] if len(keys) == 1 else None


# --------------------------------------------------------------------------- anaphora
@lru_cache(maxsize=1)
def _anaphor_pattern() -> re.Pattern:
    """A demonstrative (optional, a quote may follow: 这一“飞地园区”; one with a measure
    word may have a description ending in 的 after it) and a park word,
    compiled once. A match starts with the first character of one or the other: the
    lookahead on those characters passes over other positions at once (same matches)."""
    c = cues()
    dems = sorted(c["demonstratives"], key=len, reverse=True)
    words = sorted(c["park_words"], key=len, reverse=True)
    first = re.escape("".join(sorted({w[0] for w in dems + words})))
    dem = "|".join(map(re.escape, dems))
    # (这块面积约若干平方米的“飞地”: a demonstrative with a measure word, a description
    # ending in 的, then the park word)
    described = "|".join(map(re.escape, sorted(c["described_demonstratives"], key=len, reverse=True)))
    gap = r"[^，,。；;！？!?、：:\s“”「」『』\"（）()]{1,16}?的"
    return re.compile(rf"(?=[{first}])(?:({dem}|(?:{described}){gap})[“「『‘\"]?)?"
                      rf"({'|'.join(map(re.escape, words))})")


#: what is done in a centre (在中心办公, 在中心孵化): a bare 中心 before one of these is a place
_CENTRE_DOES = re.compile(r"(?:办公|工作|孵化)")


def _last_centre(parks: list[Linked], park_ends: list[int], s: int, entities: dict[str, Entity]) -> str | None:
    """The park named last before ``s``, when its name ends with 中心."""
    i = bisect_right(park_ends, s)
    if i == 0:
        return None
    key = parks[i - 1].key
    return key if entities[key].label.endswith("中心") else None


def _other_before(text: str, s: int) -> bool:
    """第二个|另一个 (+ a short quoted or plain word) right before a bare park word: the
    word names another park than the ones already named."""
    near = text[max(0, s - 8):s]
    for w in cues()["other_before"]:
        i = near.rfind(w)
        if i >= 0 and not any(ch in "。！？!?；;，,、：:" for ch in near[i + len(w):]):
            return True
    return False


_OPENING_QUOTES = "“「『‘\""
_CLOSING_QUOTES = "”」』’\""


def _anaphora(text: str, linked: list[Linked], entities: dict[str, Entity]) -> list[Linked]:
    c = cues()
    bare = set(c["bare_park_words"])
    not_before = tuple(c["bare_not_before"])
    verbed = tuple(c["bare_then_verb"])
    # (。飞地坐落于某街道: a bare enclave word that opens its clause and is placed)
    sited, site_verbs = set(c["sited_enclave_words"]), tuple(c["sited_enclave_verbs"])
    pattern = _anaphor_pattern()
    # (继P之后: P is the one before, not what 该中心 and 中心 go on about)
    parks = sorted((lk for lk in linked if entities[lk.key].category == "Park"
                    and not named_before(text, lk.start, lk.end)), key=lambda lk: lk.end)
    if not parks:
        return []  # nothing to refer to
    taken = _taken(linked, len(text))
    park_ends = [lk.end for lk in parks]
    found = []
    for m in pattern.finditer(text):
        s, e = m.span()
        if any(taken[s:e]) or not parks:
            continue
        word = m.group(2)
        if m.group(1) is not None and text[e:e + 1] in _CLOSING_QUOTES \
                and any(q in m.group(0) for q in _OPENING_QUOTES):
            e += 1  # 这块“飞地”设在…: the quote closes on the anaphor, the verb follows it
        if m.group(1) is None:
            before = text[s - 1] if s else "。"
            if _other_before(text, s):
                continue  # 设立第二个“飞地”园区: another park, not the one named
            if word == "中心" and text[s - 1:s] == "在" and _CENTRE_DOES.match(text, e) \
                    and _last_centre(parks, park_ends, s, entities) is not None:
                found.append((s, e, m.group(0), word, True))  # 在中心办公: the last 中心 named before
                continue
            if word in sited and before in _BOUNDARY and text.startswith(site_verbs, e):
                found.append((s, e, m.group(0), word, False))  # 。飞地坐落于某街道: the enclave
                continue
            if word not in bare or text.startswith(not_before, e) and not (
                    text[s - 1:s] == "在" and (text.startswith(verbed, e) or "飞地" in word
                                              and text[e:e + 1] in ("内", "里"))):
                continue  # (园区建设 is work on parks; 在园区建设了P is building in one)
            if not (before in _BOUNDARY or text[max(0, s - 2):s] in _AFTER_VERB
                    or before in _AFTER_VERB):
                continue
        # 同一园区: the park the article is about, like a bare 园区 (not the last one named)
        found.append((s, e, text[s:e], word, m.group(1) is not None and m.group(1) not in c["same"]))
    out: list[Linked] = []

    def add(s: int, e: int, surface: str, key: str | None) -> None:
        if key is not None:
            ent = entities[key]
            out.append(Linked(Mention(s, e, surface, ent.category, ent.kind, "anaphor"), key))

    # first what names its park (该园区, 科创园 after …科创园), then bare 园区: the park
    # the article is about, counting the references just resolved
    generic = [f for f in found if f[3] in GENERIC_PARK_WORDS and not f[4]]
    for s, e, surface, word, dem in found:
        if word not in GENERIC_PARK_WORDS or dem:
            add(s, e, surface, _antecedent(text, word, s, parks, park_ends, entities, None, dem))
    main = topic(linked + [Linked(lk.mention, lk.key) for lk in out], entities, anaphors=True,
                 text=text)
    for s, e, surface, word, dem in generic:
        add(s, e, surface, _antecedent(text, word, s, parks, park_ends, entities, main, dem))
    return out


#: 22号线, 3号线: a numbered line written without its city or network
_BARE_LINE = re.compile(r"(?<![0-9A-Za-z])(\d{1,2})号线")


def _bare_numbered_lines(text: str, linked: list[Linked], entities: dict[str, Entity]) -> list[Linked]:
    """某市地铁22号线… then 22号线 alone: the one line of the article with that number (its
    section too: 某市地铁22号线北延段), named earlier; none when two lines share it."""
    lines: dict[str, set[str]] = {}
    first: dict[str, int] = {}
    for lk in linked:
        e = entities[lk.key]
        if e.category == "Infrastructure" and lk.mention.how != "anaphor":
            for m in _BARE_LINE.finditer(e.label):
                lines.setdefault(m.group(1), set()).add(lk.key)
                first[lk.key] = min(first.get(lk.key, lk.start), lk.start)
    if not lines:
        return []
    taken = _taken(linked, len(text))
    out = []
    for m in _BARE_LINE.finditer(text):
        keys = lines.get(m.group(1), set())
        if len(keys) == 1 and not any(taken[m.start():m.end()]):
            key = next(iter(keys))
            if first[key] < m.start():
                ent = entities[key]
                out.append(Linked(Mention(m.start(), m.end(), m.group(0), ent.category, ent.kind,
                                          "anaphor"), key))
    return out


#: 搬进这里, 落户这里: a verb of moving in, then 这里 (not 这里的: a description follows)
_MOVED_HERE = re.compile(r"(?:入驻|进驻|落户|搬进|搬入|迁入|迁至|搬至|移至|搬到|迁到)了?(这里|此地|此处)(?!的)")


def _moved_here(text: str, linked: list[Linked], entities: dict[str, Entity]) -> list[Linked]:
    """P已有企业几十家。A把装配线搬进这里: 这里 after a verb of moving in is the
    park (or zone) named last before it, when no place is named after that park (but where
    firms come from: 来自深圳)."""
    out = []
    for m in _MOVED_HERE.finditer(text):
        s, e = m.span(1)
        before = [lk for lk in linked if lk.end <= m.start() and entities[lk.key].category in ("Park", "Region")
                  and lk.mention.how != "anaphor" and text[max(0, lk.start - 2):lk.start] != "来自"]
        if not before:
            continue
        last = max(before, key=lambda lk: (lk.end, -lk.start))
        ent = entities[last.key]
        if ent.category == "Park" or ent.key.startswith("zone:"):
            out.append(Linked(Mention(s, e, m.group(1), ent.category, ent.kind, "anaphor"), ent.key))
    return out


#: the characters that end a sentence (。！？ or a line break)
_ENDERS = "。！？!?\n"

#: 这是甲设在乙的首个“反向飞地”: a demonstrative opening a clause, a copula, and 飞地 later
#: in the clause (this sentence calls what the one before named an enclave)
_THIS_IS_ENCLAVE = re.compile(r"(?:^|(?<=[。！？!?；;，,\n]))(这里|这|此)(?:也|还|便|就|则|正)?"
                              r"(?:是|系|被称为|被称作|被视为|成为)[^，,。；;！？!?]{2,30}?飞地")


def _this_is_enclave(text: str, linked: list[Linked], entities: dict[str, Entity]) -> list[Linked]:
    """P在乙揭牌。这是甲设在乙的首个“反向飞地”: 这 opening a clause that calls something a
    飞地 is the park named last in the sentence before (when the clause names no park before
    the word 飞地)."""
    out = []
    for m in _THIS_IS_ENCLAVE.finditer(text):
        s, e = m.span(1)
        if any(s <= lk.start < m.end() and entities[lk.key].category == "Park" for lk in linked):
            continue  # (这是P，甲在乙的飞地: the clause names it)
        before = [lk for lk in linked if lk.end <= s and entities[lk.key].category == "Park"
                  and lk.mention.how != "anaphor"]
        if not before:
            continue
        last = max(before, key=lambda lk: (lk.end, -lk.start))
        if _sentences_between(text, last.end, s) != 1:
            continue  # (the sentence before only: one named in this sentence is read as named,
            # one two sentences back is too far to refer to)
        ent = entities[last.key]
        out.append(Linked(Mention(s, e, m.group(1), ent.category, ent.kind, "anaphor"), ent.key))
    return out


#: 前者…，后者…: the first and the second of two things named just before, opening a clause
_FORMER_LATTER = re.compile(r"(?:^|(?<=[。！？!?；;，,\n]))(前者|后者)")


def _former_latter(text: str, linked: list[Linked], entities: dict[str, Entity]) -> list[Linked]:
    """甲线和乙线已开通。前者串联A、B，后者…: 前者 and 后者 opening a clause are the first and
    the second of the two lines (or parks) the sentence before names, when it names exactly
    two of one kind and no other thing of that kind."""
    out = []
    for m in _FORMER_LATTER.finditer(text):
        s, e = m.span(1)
        end = max(text.rfind(c, 0, s) for c in _ENDERS)
        if end < 0:
            continue
        start = max(text.rfind(c, 0, end) for c in _ENDERS) + 1
        for category in ("Infrastructure", "Park"):
            named = [lk for lk in linked if start <= lk.start and lk.end <= end
                     and entities[lk.key].category == category and lk.mention.how != "anaphor"]
            keys = list(dict.fromkeys(lk.key for lk in named))
            if len(keys) == 2:
                ent = entities[keys[0] if m.group(1) == "前者" else keys[1]]
                out.append(Linked(Mention(s, e, m.group(1), ent.category, ent.kind, "anaphor"), ent.key))
                break
    return out


#: 它位于…: 它 opening a clause, then a verb of where something stands
_IT_SITED = re.compile(r"(?:^|(?<=[。！？!?；;，,\n]))(它)(?:也|还|就|则|正|目前|现)?"
                       r"(?:位于|坐落于|坐落在|地处|设在|设于|选址于?|落户于?|建在)")


def _it_sited(text: str, linked: list[Linked], entities: dict[str, Entity]) -> list[Linked]:
    """P已挂牌运行，它位于甲市乙街道的丙园内: 它 opening a clause that says where something stands
    is the park named last before it, in its sentence or the one before, when no firm or
    institution is named after that park."""
    out = []
    for m in _IT_SITED.finditer(text):
        s, e = m.span(1)
        before = [lk for lk in linked if lk.end <= s and lk.mention.how != "anaphor"
                  and entities[lk.key].category in ("Park", "Enterprise", "Institution")]
        if not before:
            continue
        last = max(before, key=lambda lk: (lk.end, -lk.start))
        if entities[last.key].category != "Park" or _sentences_between(text, last.end, s) > 1:
            continue
        ent = entities[last.key]
        out.append(Linked(Mention(s, e, "它", ent.category, ent.kind, "anaphor"), ent.key))
    return out


@lru_cache(maxsize=1)
def _bare_hub_pattern() -> re.Pattern:
    c = cues()
    return re.compile(f"(?:{alternation(c['bare_hub_before'])})({alternation(list(c['bare_hubs']))})"
                      r"(?![\u4e00-\u9fff]{0,2}(?:港|站|机场|口岸))")


def _bare_hubs(text: str, linked: list[Linked], entities: dict[str, Entity]) -> list[Linked]:
    """某某国际机场… then 在机场建成…: a bare hub word after a word of place is the hub of
    that kind the article named before it — the one named most often, and more than once,
    when it named two or more (none when two are named as often)."""
    kinds = cues()["bare_hubs"]
    hubs = sorted((lk for lk in linked if lk.mention.how != "anaphor"
                   and entities[lk.key].category == "Infrastructure"
                   and entities[lk.key].kind in kinds.values()), key=lambda lk: lk.start)
    if not hubs:
        return []
    taken = _taken(linked, len(text))
    out = []
    for m in _bare_hub_pattern().finditer(text):
        s, e = m.span(1)
        if any(taken[s:e]):
            continue
        named = Counter(lk.key for lk in hubs if lk.end <= s and entities[lk.key].kind == kinds[m.group(1)])
        ranked = named.most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1] and ranked[0][1] >= 2):
            ent = entities[ranked[0][0]]
            out.append(Linked(Mention(s, e, m.group(1), ent.category, ent.kind, "anaphor"), ent.key))
    return out


def _two_initials(lk: Linked, gaz: Gazetteer) -> bool:
    """The park's name opens with two one-character forms of places (穗齐…, 苏宿…)."""
    m = lk.mention
    one = {x.start - m.start for x in m.inner if x.end - x.start == 1 and x.category == "Region"}
    return {0, 1} <= one or all(c in gaz.combinable for c in m.text[:2])


def _initials_parks(text: str, linked: list[Linked], entities: dict[str, Entity],
                    gaz: Gazetteer) -> list[Linked]:
    """穗齐园 for 穗齐某某合作产业园: a park whose name opens with two places' one-character
    forms is called by them and 园 (or 园区); each such word is that park, not the two places
    its characters stand for (the one-character readings inside it go)."""
    parks = {}
    for lk in linked:
        e = entities[lk.key]
        if e.category == "Park" and lk.mention.how == "suffix" and len(e.label) >= 5 \
                and _two_initials(lk, gaz):
            parks.setdefault(e.label[:2], set()).add(lk.key)
    if not parks:
        return linked
    spans: list[tuple[int, int, str]] = []
    for head, keys in parks.items():
        if len(keys) != 1:
            continue  # (two parks of those initials: neither is meant)
        key = next(iter(keys))
        for m in re.finditer(re.escape(head) + "园(?:区)?", text):
            spans.append((m.start(), m.end(), key))
    if not spans:
        return linked
    out = []
    for lk in linked:
        inside = any(s <= lk.start and lk.end <= e for s, e, _ in spans)
        if inside and lk.mention.how == "abbr":
            continue  # (穗|齐 read as 广州 and 齐齐哈尔 inside 穗齐园)
        out.append(lk)
    for s, e, key in spans:
        if any(lk.start < e and s < lk.end for lk in out):
            continue  # (inside a longer name, or the park's own full name)
        ent = entities[key]
        ent.alt_labels.add(text[s:e])
        out.append(Linked(Mention(s, e, text[s:e], ent.category, ent.kind, "alias"), key))
    return sorted(out, key=lambda lk: (lk.start, lk.end))


#: the head words a park's initials may take (瑞文园, 瑞文园区, 瑞文产业园)
_INITIALS_HEADS = ("产业园区", "产业园", "工业园", "园区", "园")


def _dashed_initials(doc: Document, linked: list[Linked], entities: dict[str, Entity]) -> list[Linked]:
    """瑞文产业园 for 瑞安—文成山海协作产业园: a park named by two places joined by a dash
    is called by the first characters of the two and a park word (one its full name ends
    with, or 园/园区); each such word is an alias of that park, not a park of its own."""
    shorts: dict[str, set[str]] = {}
    for lk in linked:
        e, m = entities[lk.key], lk.mention
        if e.category != "Park" or m.how == "anaphor" or not m.inner:
            continue
        dash = next((i for i, c in enumerate(m.text[:6]) if c in DASHES), None)
        if not dash or dash < 2 or not any(x.start == m.start + dash + 1 and x.category == "Region"
                                           for x in m.inner):
            continue  # (甲—乙…园: two places, the second one known; the first may be ambiguous)
        initials = m.text[0] + m.text[dash + 1]
        for h in _INITIALS_HEADS:
            if h in ("园", "园区") or e.label.endswith(h):
                shorts.setdefault(initials + h, set()).add(lk.key)
    # (two such parks: neither is meant)
    return _apply_aliases(doc, linked, entities, {s: next(iter(k)) for s, k in shorts.items()
                                                  if len(k) == 1 and s in doc.norm})


#: 涟水飞地: a place's short name and 飞地, the short form of that place's enclave
_PLACE_ENCLAVE = re.compile(r"([\u4e00-\u9fff]{2,4})飞地")


def _place_enclave_shorts(doc: Document, linked: list[Linked], entities: dict[str, Entity]) -> list[Linked]:
    """涟水飞地 for 涟水(江宁)科创飞地: a park named by a place and 飞地 alone is an alias of the
    one enclave of the article whose name opens with that place (when there is one such)."""
    parks = {lk.key for lk in linked if entities[lk.key].category == "Park" and lk.mention.how != "anaphor"}
    shorts = {entities[k].label: m.group(1) for k in parks if (m := _PLACE_ENCLAVE.fullmatch(entities[k].label))}
    fulls = [k for k in parks if "飞地" in entities[k].label and entities[k].label not in shorts]
    aliases = {}
    for short, stem in shorts.items():
        full = [k for k in fulls if entities[k].label.startswith(stem)]
        if len(full) == 1 and short in doc.norm:
            aliases[short] = full[0]
    return _apply_aliases(doc, linked, entities, aliases)


def _as_anaphor(lk: Linked, key: str) -> Linked:
    m = lk.mention
    return Linked(Mention(m.start, m.end, m.text, m.category, m.kind, "anaphor"), key)


def _generic_names(linked: list[Linked], entities: dict[str, Entity]) -> list[Linked]:
    """离岸科创中心 after 黄冈(光谷)离岸科创中心: a park name with no place in it that ends an
    earlier park's name is that park named again."""
    out: list[Linked] = []
    ends: dict[str, str] = {}  # tail of a park name with a place in it -> that park
    for lk in linked:
        m = lk.mention
        if entities[lk.key].category != "Park":
            out.append(lk)
            continue
        earlier = ends.get(m.text) if not m.inner and len(m.text) >= 3 else None
        if earlier and earlier != lk.key:
            lk = Linked(Mention(m.start, m.end, m.text, m.category, m.kind, "anaphor"), earlier)
        elif m.inner:
            for i in range(1, len(m.text) - 2):
                ends[m.text[i:]] = lk.key
        out.append(lk)
    return out


def _antecedent(text: str, word: str, at: int, parks: list[Linked], park_ends: list[int],
                entities: dict[str, Entity],
                main: str | None, demonstrative: bool) -> str | None:
    i = bisect_right(park_ends, at)
    before = parks[max(0, i - 40):i]  # parks ending before ``at`` (the last few suffice)
    if not demonstrative and word in GENERIC_PARK_WORDS:  # bare 园区: the article's park
        subject = _predicate_subject(text, at, before)
        if subject:  # P是甲在乙设立的“飞地园区”: P itself
            return subject
        if "飞地" in word:  # 飞地园区: the one enclave named before, if one
            enclaves = {lk.key for lk in before if "飞地" in entities[lk.key].label
                        or entities[lk.key].kind == "Enclave"}
            if len(enclaves) == 1:
                return enclaves.pop()
        heading = _item_heading(text, at, before)
        if heading:  # 2．某某产业园。…入驻园区的A: the park the item is about
            return heading
        if main and any(lk.key == main for lk in before):  # (not a park the text names later)
            return _just_named(text, at, before, main) or main
        here = [lk for lk in before if at - lk.end <= 600]  # else the one park just named
        if here and len({lk.key for lk in here}) == 1:
            return here[-1].key
        # (no park the article is about: the one the sentence before names)
        return _just_built(text, at, here) or _just_named(text, at, here, "")
    near = [lk for lk in before if at - lk.end <= 600]
    if demonstrative and word == "园区" and near and _sentences_between(text, near[-1].end, at) <= 1:
        return near[-1].key  # 2．某某产业园。该园区位于…: any park is a 园区; the one just named
    fitting = [lk for lk in near if entities[lk.key].label.endswith(word)
               or lk.mention.text.endswith(word)]
    if fitting:
        return fitting[-1].key
    if demonstrative and near:
        return near[-1].key
    return None


#: what opens a report's item before the name it is about (1． / 2、 / （一） / 一、)
_ITEM_MARK = re.compile(r"[ \t　]*(?:\d{1,2}\s*[.．、)）]|[（(][一二三四五六七八九十\d]{1,2}[)）]"
                        r"|[一二三四五六七八九十]{1,2}、)\s*")


def _item_heading(text: str, at: int, before: list[Linked]) -> str | None:
    """The park a line's heading names (1．某某产业园。… / （二）某某园区：…) when ``at`` lies
    in that line: a numbered item is about the park it opens with."""
    line = text.rfind("\n", 0, at) + 1
    for lk in before:
        if lk.start < line:
            continue
        if lk.start >= at:
            break
        mark = _ITEM_MARK.match(text, line)
        return lk.key if mark and mark.end() == lk.start and text[lk.end:lk.end + 1] in ("。", "：", ":") else None
    return None


def _sentences_between(text: str, start: int, end: int) -> int:
    """How many sentence ends (。！？ or a line break) stand between ``start`` and ``end``."""
    return sum(text.count(c, start, end) for c in _ENDERS)


_PREDICATE = re.compile(r"(?:也|就|即|则)?是[^，,。；;！？\n]*的[“「\"]?")


def _predicate_subject(text: str, at: int, before: list[Linked]) -> str | None:
    """(两地共建的)P是甲在乙设立的“飞地园区”: a bare park word after 是…的, in a clause
    where a park stands right before 是, is that park (the subject), not an earlier one."""
    start = max(text.rfind(c, 0, at) for c in "，,。；;！？\n") + 1
    for lk in reversed(before):
        if lk.start < start:
            return None
        if _PREDICATE.fullmatch(text, lk.end, at):
            return lk.key
    return None


def _just_built(text: str, at: int, here: list[Linked]) -> str | None:
    """甲园区与乙县共建P，园区…: the one park that the sentence naming the last park before
    ``at`` names as being built."""
    if not here:
        return None
    start = max(text.rfind(c, 0, here[-1].start) for c in "。！？\n") + 1
    built = cues()["built_before"]
    keys = {lk.key for lk in here if lk.start >= start and text.endswith(tuple(built), 0, lk.start)}
    return next(iter(keys)) if len(keys) == 1 else None


def _just_named(text: str, at: int, before: list[Linked], main: str) -> str | None:
    """园区位于… opening a sentence right after one that introduces another park by name (and
    not the article's park), or opening a clause after the sentence's first clauses name it
    (P运行良好，园区由…): that park, not the article's."""
    if at and text[at - 1] not in "。！？\n，,":
        return None
    start = max(text.rfind(c, 0, at - 1) for c in "。！？\n") + 1
    if at and text[at - 1] in "，," and not any(lk.start >= start for lk in before):
        return None  # (…，园区: no park named earlier in the sentence)
    last = [lk for lk in before if lk.start >= start]
    # (甲园区与乙县共建的P，园区位于…: 甲园区, a builder, is not the park spoken of)
    last = [lk for lk in last if not _builder(text, lk)] or last
    keys = {lk.key for lk in last}
    if len(keys) == 1 and main not in keys and all(lk.mention.how != "anaphor" for lk in last):
        return last[0].key
    return None


def _builder(text: str, lk: Linked) -> bool:
    """A park named as one side of who builds (由P与…, P与乙共建的, 由甲与P携手打造的): not
    a park spoken of."""
    if text[lk.start - 1:lk.start] == "由" or _built_with().match(text, lk.end) is not None:
        return True
    if text[lk.start - 1:lk.start] not in ("与", "和", "同", "跟", "、"):
        return False
    start = max(text.rfind(c, 0, lk.start) for c in "，,。；;！？\n") + 1
    return "由" in text[start:lk.start] and _built_after().match(text, lk.end) is not None


@lru_cache(maxsize=1)
def _built_after() -> re.Pattern:
    """(由甲与P)携手打造: a verb of building soon after the second builder."""
    return re.compile(rf"[^，,。；;的]{{0,8}}?(?:{_built_verbs()})")


@lru_cache(maxsize=1)
def _built_with() -> re.Pattern:
    """与乙(合作)共建: a park before it is one of the builders (discourse.json built_before)."""
    return re.compile(rf"[与和同跟][^，,。；;]{{1,16}}?(?:合作)?(?:{_built_verbs()})")


def _built_verbs() -> str:
    """The alternation of discourse.json built_before (longest first)."""
    return "|".join(map(re.escape, sorted(cues()["built_before"], key=len, reverse=True)))


def _relevel(text: str, linked: list[Linked], entities: dict[str, Entity],
             gaz: Gazetteer) -> list[Linked]:
    """甲、乙两市: a place listed right before a plural word that names a level is at that
    level (吉林 of 长春、吉林两市 is the city, not the province) when one place of that
    name and suffix exists."""
    words = cues()["plural_places"]
    by_end = {lk.end: i for i, lk in enumerate(linked) if lk.key.startswith("region:")}
    out = list(linked)
    for m in re.finditer("|".join(sorted(map(re.escape, words), key=len, reverse=True)), text):
        n, ends = words[m.group(0)]
        edge = m.start()
        for _ in range(n):
            i = by_end.get(edge)
            if i is None or not ends:
                break
            lk = out[i]
            key = _at_word_level(lk, ends, entities, gaz)
            if key != lk.key:
                out[i] = Linked(Mention(lk.start, lk.end, lk.mention.text, "Region", entities[key].kind,
                                        lk.mention.how, (key,), lk.mention.surface_how), key)
            edge = lk.start - 1
            if edge < 0 or text[edge] not in "、和与及":
                break
    return out


def _at_word_level(lk: Linked, ends: str, entities: dict[str, Entity], gaz: Gazetteer) -> str:
    """The place of ``lk``, or the place of the same name with the suffix the plural word
    asks for when the linked one has another (吉林 → 吉林市 before 两市)."""
    if not ends or entities[lk.key].label.endswith(tuple(ends.split("|"))):
        return lk.key
    for end in ends.split("|"):
        named = [k for k, how in gaz.surfaces.get(lk.mention.text + end, []) if how == "name"]
        if len(named) == 1:
            for k in [named[0], *gaz.ancestors(named[0])]:
                if k not in entities:
                    entities[k] = place_entity(gaz, k)
            return named[0]
    return lk.key


@lru_cache(maxsize=1)
def _plural_pattern() -> re.Pattern:
    """The words of ``plural_places`` (两地, 双方, 两市 …), longest first (compiled once)."""
    return re.compile("|".join(sorted(map(re.escape, cues()["plural_places"]), key=len, reverse=True)))


def _plurals(text: str, linked: list[Linked], entities: dict[str, Entity],
             gaz: Gazetteer) -> list[Linked]:
    """两地/双方: the last two places or zones named before (neither inside the other:
    某新区结对帮扶某县…两地 are the zone and the county); 两市 the last two cities, 两区
    the last two districts …"""
    words = cues()["plural_places"]
    said = list(_plural_pattern().finditer(text))
    if not said:
        return []  # (most articles: the mentions are not sorted nor marked for none)
    venue = tuple(cues()["venue_before"])
    taken = _taken(linked, len(text))
    regions = sorted((lk for lk in linked if (lk.key.startswith("region:") or (
        lk.key.startswith("zone:") and entities[lk.key].category == "Region"
        and entities[lk.key].kind != "Town"  # (towns and streets count as before: not at all)
        and not text[max(0, lk.start - 3):lk.start].endswith(venue)))  # (在某开发区签约: a venue)
                      and lk.mention.how != "anaphor"), key=lambda lk: lk.end)
    # 位于甲开发区乙片区: a zone written right after a zone is a part of it, no party
    zone_ends = {lk.end for lk in linked if lk.key.startswith("zone:")}
    regions = [lk for lk in regions if not (lk.key.startswith("zone:") and lk.start in zone_ends)]

    ends_at = [lk.end for lk in regions]
    out = []
    for m in said:
        s, e = m.span()
        if any(taken[s:e]):
            continue
        n, ends = words[m.group(0)]
        got: list[str] = []
        i = bisect_right(ends_at, s)
        for lk in reversed([r for r in regions[max(0, i - 40):i] if s - r.end <= 300]):
            k = lk.key
            if ends and not entities[k].label.endswith(tuple(ends.split("|"))):
                continue  # 两市 are cities, 两区 districts
            if ends and not k.startswith("region:"):
                continue
            if k in got or any(k in containing(g, entities, gaz) or g in containing(k, entities, gaz)
                               for g in got):
                continue
            got.append(k)
            if len(got) == n:
                break
        if len(got) != n:
            continue
        if n == 2 and not ends:
            window = [r for r in regions[max(0, i - 40):i] if s - r.end <= 300]
            got = _meeting_parties(text, s, regions[max(0, i - 200):i], entities, gaz) or \
                _above_listed_pairs(got, window, entities, gaz)
        for k in reversed(got):
            out.append(Linked(Mention(s, e, m.group(0), "Region", entities[k].kind, "anaphor", (k,)), k))
    return out


def _meeting_parties(text: str, at: int, before: list[Linked], entities: dict[str, Entity],
                     gaz: Gazetteer) -> list[str]:
    """甲县与乙县召开联席会议。…。会上，双方…: 双方/两地 right after 会上 (a word placing the
    clause at a meeting) are the two places that open the last sentence naming a meeting
    (among ``before``, paragraphs back if need be), when they are two joined by 与/和/同 and
    neither inside the other; else [] (the usual reading stands)."""
    c = cues()
    lead = text[max(0, at - 6):at]
    if not lead.endswith(tuple(f"{w}{p}" for w in c["meeting_here"] for p in ("，", ",", ""))):
        return []
    words = tuple(c["meeting_words"])
    for lk in reversed(before):
        start = max(text.rfind(ch, 0, lk.start) for ch in "。！？!?\n") + 1
        stop = min([k for k in (text.find(ch, lk.end) for ch in "。！？!?\n") if k >= 0] or [len(text)])
        if stop >= at or not any(w in text[start:stop] for w in words):
            continue
        first = [x for x in before if start <= x.start < stop][:2]
        keys = [x.key for x in first]
        if len(keys) == 2 and keys[0] != keys[1] and text[first[0].end:first[1].start] in ("与", "和", "同") \
                and keys[0] not in containing(keys[1], entities, gaz) \
                and keys[1] not in containing(keys[0], entities, gaz):
            return [keys[1], keys[0]]
        return []
    return []


def _above_listed_pairs(got: list[str], before: list[Linked], entities: dict[str, Entity],
                        gaz: Gazetteer) -> list[str]:
    """甲市与乙市结对，丙县与丁县、戊县与己县等也结成县级对子。两地…: when the last two places
    close a list of two or more pairs inside an earlier pair (one side of each inside each
    side of it), 两地 is that earlier pair, not the last of its parts (the nearest such pair:
    a province pair before the city pair is not it; nor are pairs one inside another, a
    province pair, then a city pair, then a district pair)."""
    sides: list[str] = []
    for lk in before:
        if lk.key in got:
            break
        if lk.key not in sides:
            sides.append(lk.key)
    up = {lk.key: containing(lk.key, entities, gaz) for lk in before}
    # (甲市丙区与乙市丁县: an address's outer names are no parts of their own)
    chained = {n for n, (lk, nxt) in enumerate(zip(before, before[1:]))
               if lk.end == nxt.start and lk.key in up[nxt.key]}
    for j in range(len(sides) - 1, 0, -1):
        for p in reversed(sides[:j]):
            outer = (p, sides[j])
            if p in up[sides[j]] or sides[j] in up[p]:
                continue  # (one side inside the other: no pair)
            last = max((n for n, lk in enumerate(before) if lk.key in outer and n not in chained),
                       default=None)
            if last is None:
                continue
            listed = [lk.key for n, lk in enumerate(before[last + 1:], last + 1) if n not in chained]
            parts = [0 if outer[0] in up[k] else 1 if outer[1] in up[k] else -1 for k in listed]
            # (甲市与乙市结对，丙区与丁县是最早的一对: pairs one inside another, no list)
            nested = any(k in up[x] for k in listed for x in listed)
            if -1 not in parts and parts.count(0) == parts.count(1) >= 2 \
                    and len(set(listed)) >= 4 and not nested:  # (one pair named twice is no list)
                return [outer[1], outer[0]]
    return got
