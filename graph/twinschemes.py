"""Twinning read from a scheme's abbreviated name, checked against the article (called from
relations.py).

甲乙协作 (two places read from one abbreviation: 闽宁 → 福建, 宁夏) pairs two provinces only
when the article also writes each of them by name (福建与宁夏的“闽宁协作”, 研发在福建、生产在
宁夏), and only when its sentence does not name a finer pair inside them (丙区与丁县建立甲乙协作
结对关系: 丙区 and 丁县 are the pair; the scheme is the frame they pair in). A scheme named
alone (冀晋协作亮点纷呈, in an article that never writes 山西) says which programme the text is
about, not that the two provinces were paired by it.
"""
from __future__ import annotations

from .model import Fact
from .twinclauses import joint_abbreviation


def _written(ctxs) -> set[str]:
    """The places the article writes by a name of their own (not only inside an
    abbreviation of two places, nor as 双方/两地), alone or inside a name."""
    out: set[str] = set()
    for ctx in ctxs:
        for lk in ctx.items:
            if lk.mention.how not in ("abbr", "anaphor"):
                out.add(lk.key)
            out.update(x.candidates[0] for x in lk.mention.inner
                       if x.candidates and x.how != "abbr")
    return out


def _abbreviated(ctx, f: Fact) -> bool:
    """Are both sides of twinning fact ``f`` read in its sentence only from an abbreviation
    of two places (甲乙两省区: the count word refers back to them)?"""
    sides = {f.args["a"], f.args["b"]}
    own = [lk for lk in ctx.items if lk.key in sides and lk.mention.how != "anaphor"]
    return bool(own) and {lk.key for lk in own} == sides and \
        all(joint_abbreviation(ctx, lk) for lk in own)


def _both_named(ctx, f: Fact) -> bool:
    """Does the sentence write both sides of ``f`` by name (甲省与乙市开展甲乙协作)?"""
    named = {lk.key for lk in ctx.items if lk.mention.how not in ("abbr", "anaphor")}
    return {f.args["a"], f.args["b"]} <= named


def _written_or_local(ctx, f: Fact, written: set[str]) -> bool:
    """Are the sides of ``f`` written by name in the article, or both below the level of
    a province (深汕两地: two cities, which an abbreviation names as surely as a province
    pair's programme name does not)?"""
    sides = (f.args["a"], f.args["b"])
    if set(sides) <= written:
        return True
    return all(k in ctx.gaz.places and ctx.gaz.places[k].level > 0 for k in sides)


def _within(ctx, key: str, outer: str) -> bool:
    return key == outer or outer in ctx.gaz.ancestors(key)


def _finer_pair(ctx, f: Fact, same: list[Fact]) -> bool:
    """Does another pair of the sentence (``same``: its twinning facts) lie inside the two
    sides of ``f``, one in each?"""
    a, b = f.args["a"], f.args["b"]
    for g in same:
        if g is f:
            continue
        x, y = g.args["a"], g.args["b"]
        if {x, y} == {a, b}:
            continue
        if (_within(ctx, x, a) and _within(ctx, y, b)) or (_within(ctx, x, b) and _within(ctx, y, a)):
            return True
    return False


def drop_unwritten_schemes(ctxs, facts: list[Fact]) -> list[Fact]:
    """``facts`` without the twinning rows read from a scheme's abbreviation whose places the
    article never writes by name, or whose sentence names a finer pair inside them."""
    said = {c.sent.start: c for c in ctxs}
    twins: dict[int, list[Fact]] = {}  # twinning facts by sentence
    for f in facts:
        if f.relation == "twinning":
            twins.setdefault(f.span.start, []).append(f)
    written = None
    out = []
    for f in facts:
        ctx = said.get(f.span.start) if f.relation == "twinning" else None
        if ctx is not None and (f.rule == "twin.scheme" or _abbreviated(ctx, f)):
            if written is None:
                written = _written(ctxs)
            if not _written_or_local(ctx, f, written) or \
                    (not _both_named(ctx, f) and _finer_pair(ctx, f, twins[f.span.start])):
                continue
        out.append(f)
    return out


def drop_coarser_twins(facts: list[Fact], gaz) -> list[Fact]:
    """``facts`` without a twinning row read from a stationed team (甲市驻丙区工作组: 甲市,
    丙区) when the article also pairs 丙区 with a place inside 甲市 (乙区与丙区结对): the
    team names the city that sent it; 乙区 is the side 丙区 is paired with."""
    pairs = {(f.args["a"], f.args["b"]) for f in facts if f.relation == "twinning"}
    pairs |= {(b, a) for a, b in pairs}

    def finer(a: str, b: str) -> bool:
        return any(y == b and x != a and x in gaz.places and a in gaz.ancestors(x) for x, y in pairs)

    return [f for f in facts if not (f.relation == "twinning" and f.rule == "twin.team" and (
        finer(f.args["a"], f.args["b"]) or finer(f.args["b"], f.args["a"])))]
