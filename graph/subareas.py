"""Parts of a park named by the park's name and a word of a part (某某产业新城核心区,
某某科技城起步区): the part is a park of its own, inside the park it is named after.

* :func:`subarea_mentions` makes the longer name a mention (graph/mentions.py);
* :func:`bracketed_parts`: 某某合作试验区(甲片区), 某某协作产业园(乙园区) — a zone or park, then
  the part in brackets, is one name (the part of the zone or park the text is about);
* :func:`part_of_named` (``located.subarea``) puts each part in its park, when the article
  names that park too.

The words live in ``graph/data/site_cues.json`` (``subarea``).
"""
from __future__ import annotations

import re
from functools import lru_cache

from .resources import alternation, read_json


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    words = read_json("site_cues.json")["subarea"]
    return re.compile(f"(?:{alternation(words)})(?![域位])")


def subarea_mentions(text: str, named: list) -> list:
    """A park found by its name and a part word right after it (not 核心区域, 核心区位):
    the park's name with the word, a park found by that suffix."""
    from .mentions import Mention  # (mentions imports this module)

    out = []
    for m in named:
        if m.category != "Park" or m.how != "suffix":
            continue
        w = _pattern().match(text, m.end)
        if w:
            out.append(Mention(m.start, w.end(), m.text + w.group(0), "Park", m.kind, "suffix",
                               suffix=w.group(0), inner=list(m.inner)))
    return out


_PART_ENDS = ("片区", "园区", "分区", "分园")


def bracketed_parts(text: str, named: list) -> list:
    """某某合作试验区(甲片区): a zone or park, then in brackets right after it a part found as
    a name of its own (甲片区, 乙园区), is one name, with the bracket; ``named`` are the
    mentions found by suffix."""
    from .mentions import Mention  # (mentions imports this module)

    by_start = {m.start: m for m in named}
    drop, out = set(), []
    for m in named:
        if m.category not in ("Park", "Region") or not text.startswith(("(", "（"), m.end):
            continue  # (a slice at the text's end is "", which `in` any string would accept)
        part = by_start.get(m.end + 1)
        if part is None or part.category not in ("Park", "Region") or \
                not part.text.endswith(_PART_ENDS) or not text.startswith((")", "）"), part.end):
            continue
        drop.update((id(m), id(part)))
        out.append(Mention(m.start, part.end + 1, text[m.start:part.end + 1], m.category, m.kind,
                           "suffix", suffix=m.suffix, inner=list(m.inner) + list(part.inner)))
    if not out:
        return named
    return [m for m in named if id(m) not in drop] + out


def part_of_named(ctx) -> list:
    """某某产业新城核心区 is in 某某产业新城 when that park is an entity of the article."""
    parks = ctx.of("Park")
    if not parks:
        return []  # (most sentences: no import statement run for them)
    from .linking import fold_label  # (linking imports mentions, which imports this module)

    out = []
    for lk in parks:
        head = _head_of_part(ctx.entities[lk.key].label)
        if head is None:
            continue
        key = "park:" + fold_label(head)
        if key not in ctx.entities:  # 某某新城 written short for 甲市某某新城: its alias
            key = _by_alias(ctx).get(head, key)
        whole = ctx.entities.get(key)
        if whole is not None and whole.category == "Park" and key != lk.key:
            out.append(ctx.fact("located_in", {"entity": lk.key, "place": key}, "located.subarea", 0.6))
    return out


@lru_cache(maxsize=4096)
def _head_of_part(label: str) -> str | None:
    """某某产业新城 of 某某产业新城核心区: the label before the part word that ends it (the
    first part word in it, after two characters or more), else None (remembered: a park
    is named in many sentences)."""
    w = _pattern().search(label)
    if w is None or w.end() != len(label) or w.start() < 2:
        return None
    return label[:w.start()]


def _by_alias(ctx) -> dict[str, str]:
    """The article's parks by their other names (built once per article)."""
    got = ctx.doc_memo.get("park_aliases")
    if got is None or got[0] != len(ctx.entities):
        got = ctx.doc_memo["park_aliases"] = (len(ctx.entities), {
            a: k for k, e in sorted(ctx.entities.items()) if e.category == "Park" for a in sorted(e.alt_labels)})
    return got[1]


def described_parts(facts: list) -> list:
    """A part's place in its park (``located.subarea``) is kept only for a part the article
    places by another statement too (位于甲城区西北部的某某新城核心区): a part named only in
    passing (启动某某园核心区建设) is the park itself at work, not a site of its own."""
    placed = {f.args["entity"] for f in facts
              if f.relation == "located_in" and f.rule != "located.subarea"}
    return [f for f in facts if f.rule != "located.subarea" or f.args["entity"] in placed]
