"""Function splits told by where one place's results are taken up (called from relations.py):

* ``split.result``  A(的)研发成果在B转化 / A的科技成果到B实现产业化 / B承接A研发成果转化:
  A does the upstream function its results come from, B the downstream one;
* ``split.result``  B将成为A研发总部的生产基地: B becomes A's base for the downstream function;
* ``split.result``  B在A设立某孵化中心，用于孵化，成果回B转化: a site set up in A for
  upstream work (孵化, 研发) whose results go back to B — A does that work, B takes it up.

Words live in ``graph/data/split_cues.json`` (result, result_at, result_do, result_take,
result_home, result_home_adverb, set_up, set_up_functions).
"""
from __future__ import annotations

import re
from functools import lru_cache

from .functionwords import function_index as _function_index
from .resources import alternation, read_json
from .splitclauses import chain_end


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    c = read_json("split_cues.json")
    return {
        # after A: (的)研发成果 + 在/到 (B follows)
        "result": re.compile(f"的?(?P<up>[\\u4e00-\\u9fff]{{0,6}}?(?:{alternation(c['result'])}))"
                             f"(?:{alternation(c['result_at'])})"),
        # after B: (实现)转化 / 产业化
        "does": re.compile(f"(?:{alternation(c['result_do'])})?(?P<down>[\\u4e00-\\u9fff]{{1,6}})"),
        # B承接A(的)研发成果转化: before A
        "take": re.compile(f"(?:{alternation(c['result_take'])})$"),
        # after B: (将)成为 (A follows)
        "become": re.compile(f"(?:将|已|已经|正|正在|逐步){{0,2}}(?:{alternation(c['become'])})"),
        # after A: 研发总部的生产基地
        "base": re.compile(f"的?(?P<up>[\\u4e00-\\u9fff]{{1,8}}?)的(?P<down>[\\u4e00-\\u9fff]{{0,6}}?"
                           f"(?:{alternation(c['base_end'])}))"),
        "taken": re.compile(f"的?(?P<up>[\\u4e00-\\u9fff]{{0,6}}?(?:{alternation(c['result'])}))"
                            f"(?P<down>[\\u4e00-\\u9fff]{{1,6}})"),
        # before B: 成果(已)回 / 成果在
        "home": re.compile(f"(?:{alternation(c['result'])})(?:{alternation(c['result_home_adverb'])})?"
                           f"(?:{alternation(c['result_home'])})$"),
        # after A (right after 在): 设立(了)
        "set_up": re.compile(f"(?:{alternation(c['set_up'])})了?"),
    }


def _places(ctx) -> dict[int, object]:
    out: dict[int, object] = {}
    for lk in ctx.items:
        e = ctx.entities[lk.key]
        if e.category == "Region" and lk.mention.how != "anaphor":
            out.setdefault(ctx.rel(lk)[0], lk)
    return out


@lru_cache(maxsize=1)
def _needed() -> tuple[str, ...]:
    """The words one of which every form holds (a result word, or becoming a base)."""
    c = read_json("split_cues.json")
    return tuple(c["result"] + c["become"])


def result_splits(ctx, classify) -> list:
    """``classify``: functionwords.classify_function (text → (function id, role) or None)."""
    text = ctx.sent.text
    if not any(w in text for w in _needed()):
        return []  # (no form can match: the sentence is not read place by place)
    p = _patterns()
    places = _places(ctx)
    facts = []

    def add(a, b, up: str, down: str) -> None:
        fu, fd = classify(up), classify(down)
        if not fu or not fd or fu[1] != "upstream" or fd[1] != "downstream" or a.key == b.key:
            return
        facts.append(ctx.fact("pairing", {"up": a.key, "down": b.key, "up_fn": fu[0], "down_fn": fd[0],
                                          "up_text": up, "down_text": down}, "split.result", 0.7))

    for at in sorted(places):
        a = chain_end(ctx, places[at])
        end = ctx.rel(a)[1]
        m = p["result"].match(text, end)
        if m and m.end() in places:  # A的研发成果在B转化
            b = chain_end(ctx, places[m.end()])
            d = p["does"].match(text, ctx.rel(b)[1])
            if d:
                add(a, b, m.group("up"), d.group("down"))
            continue
        w = p["become"].match(text, end)
        if w and w.end() in places:  # B将成为A研发总部的生产基地
            up_place = chain_end(ctx, places[w.end()])
            base = p["base"].match(text, ctx.rel(up_place)[1])
            if base:
                add(up_place, a, base.group("up"), base.group("down"))
            continue
        t = p["taken"].match(text, end)
        if t and p["take"].search(text, max(0, at - 4), at):  # B承接A研发成果转化
            before = [lk for s, lk in places.items() if ctx.rel(chain_end(ctx, lk))[1] <= at
                      and not re.search(r"[，,。；;]", text[ctx.rel(lk)[1]:at])]
            if before:
                add(a, chain_end(ctx, before[-1]), t.group("up"), t.group("down"))
    return facts + _set_up_results(ctx, places, classify)


def _set_up_results(ctx, places: dict[int, object], classify) -> list:
    """B在A设立某孵化中心，用于引才和孵化，成果回B转化: the place where a site was set up for
    upstream work (one of ``set_up_functions``, named between it and 成果) does that work;
    the place the results go back to, or are taken up in, does the downstream one."""
    text, p = ctx.sent.text, _patterns()
    kinds = set(read_json("split_cues.json")["set_up_functions"])
    facts = []
    for at in sorted(places):
        home = p["home"].search(text, max(0, at - 6), at)
        b = chain_end(ctx, places[at])
        d = p["does"].match(text, ctx.rel(b)[1]) if home else None
        fd = classify(d.group("down")) if d else None
        if not fd or fd[1] != "downstream":
            continue
        sites = [chain_end(ctx, lk) for s, lk in places.items() if s < home.start()
                 and text[s - 1:s] == "在" and p["set_up"].match(text, ctx.rel(chain_end(ctx, lk))[1])]
        if not sites:
            continue
        a = sites[-1]
        up = next((w for w in _upstream_words(text, ctx.rel(a)[1], home.start(), classify, kinds)), None)
        if up is None or a.key == b.key:
            continue
        fu = classify(up)
        facts.append(ctx.fact("pairing", {"up": a.key, "down": b.key, "up_fn": fu[0], "down_fn": fd[0],
                                          "up_text": up, "down_text": d.group("down")},
                              "split.result", 0.7))
        break
    return facts


def _upstream_words(text: str, start: int, end: int, classify, kinds: set[str]):
    """The function words of ``kinds`` in ``text[start:end]``, left to right."""
    for m in _function_index()[0].finditer(text, start, end):
        got = classify(m.group(0))
        if got and got[1] == "upstream" and got[0] in kinds:
            yield m.group(0)
