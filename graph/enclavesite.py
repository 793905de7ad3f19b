"""Where an article says an enclave was set up (its host as stated, not as named).

* A在B设立/建设…E (no full stop or other park between): B hosts E;
* E落户B / E设在B: B hosts E;
* E(已/正式…)在B揭牌/开园/启用/运营…: B hosts E;
* A在B的飞地 (beside the park's name): A owns it, B hosts it (owners_said);
* E由A全额出资: A alone funds E, so owns it (builder_said).

B is an address chain (北京市海淀区, 深圳福田区, 西安高新区); the host is its finest place or
development zone, unless the enclave's name brackets a place of the chain (甲(北京)… set up
in 北京市海淀区 is hosted by 北京市: relations._bracket_host). A park standing in the chain (某区某软件园) gives the places its name
opens with, not itself. Joint building (A与B在C共建…) and a description of the site
(位于…) are left to the owner-level rules. Words live in ``graph/data/enclave_cues.json``.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .qualifiers import sentence_status
from .resources import read_json


@lru_cache(maxsize=1)
def _words() -> dict[str, re.Pattern]:
    cues = read_json("enclave_cues.json")

    def alt(name: str) -> str:
        return "|".join(re.escape(w) for w in sorted(cues[name], key=len, reverse=True))

    # (甲在乙租下一层写字楼，设立…: what the owner does there first, then the verb)
    return {"set_up": re.compile(rf"(?:(?:{alt('first_steps')})[^，,。；;：:]{{0,12}}?[，,]?"
                                 rf"|[\u4e00-\u9fff]{{0,3}}?)(?:{alt('set_up_verb')})"),
            "moved_in": re.compile(rf"[”」』\"’]?(?:已经|已|正式|日前|于|今年|去年){{0,2}}(?:{alt('moved_in')})"),
            "at": re.compile(rf"[”」』\"’]?(?:已经|已|正式|日前|于|今年|去年|近日){{0,2}}在"),
            "built_by": re.compile(rf"[”」』\"’]?[，,]?(?:已经|已|是|则|均){{0,2}}由"),
            "funded": re.compile(rf"(?:{alt('built_by')})"),
            "joint": re.compile(alt("joint")),
            "tentative": re.compile(alt("tentative")),
            "talked_over": re.compile(rf"就(?:合作)?(?:共建|共同建设|建设|设立)[^，,。；;]{{0,30}}?(?:{alt('talked_over')})"),
            "still_idea": re.compile(rf"^(?:{alt('but')})[^。；;！!？?]*?(?:{alt('still_idea')})"),
            "failed": re.compile(alt("failed")),
            "planned_once": re.compile(alt("planned_once")),
            "opened": re.compile(rf"[\u4e00-\u9fff]{{0,4}}?(?:{alt('opened')})"),
            "of": re.compile(rf"(?:企业)?(?:(?:设|建|放)?在([^，,。；;：:的]{{1,12}}))?的[“「『\"]?"
                             rf"[\u4e00-\u9fff]{{0,4}}?(?:{alt('of_enclave')})(?!经济)[”」』\"]?")}


def _chain(ctx, pos: int) -> tuple[list[str], int]:
    """Places and zones of the address chain starting at ``pos`` of the sentence (finest
    last), and where the chain ends."""
    out: list[str] = []
    while True:
        here = ctx.starting_at(pos)
        if not here:
            return out, pos
        x = max(here, key=lambda y: ctx.rel(y)[1])
        if ctx.cat(x) == "Region":
            if not (out and x.key in ctx.entities and ctx.entities[x.key].kind == "Town"):
                out.append(x.key)  # (某区某街道: the district hosts; a town is an address)
        elif ctx.cat(x) == "Park" and not out:  # 北京市海淀区某软件园: the places it opens with
            m = x.mention
            inner = sorted((y for y in m.inner if y.candidates), key=lambda y: y.start)
            edge = m.start
            for y in inner:
                if y.start != edge:
                    break
                out.append(y.candidates[0])
                edge = y.end
            return out, ctx.rel(x)[1]
        elif ctx.cat(x) == "Park":  # 黄埔区某科学城: the place; the park is passed
            return out, ctx.rel(x)[1]
        else:
            return out, pos
        pos = ctx.rel(x)[1]


def builder_said(ctx, enclave) -> list[str]:
    """E由A全额出资: the address chain (finest last) of the one place that funds ``enclave``
    right after its name, or [] (由A与B共建: built together, no one side's)."""
    text = ctx.sent.text
    w = _words()
    m = w["built_by"].match(text, ctx.rel(enclave)[1])
    if not m:
        return []
    chain, end = _chain(ctx, m.end())
    if not chain or not w["funded"].match(text, end):
        return []
    return chain


def set_up_site(ctx, enclave) -> str | None:
    """The finest place or zone the sentence says ``enclave`` was set up in, or None."""
    chain = set_up_chain(ctx, enclave)
    return chain[-1] if chain else None


def set_up_chain(ctx, enclave) -> list[str]:
    """The address chain (finest last) the sentence says ``enclave`` was set up in, or []."""
    text = ctx.sent.text
    s, e = ctx.rel(enclave)
    w = _words()
    # E落户B / E在B揭牌
    m = w["moved_in"].match(text, e)
    if m:
        chain, _ = _chain(ctx, m.end())
        if chain:
            return chain
    m = w["at"].match(text, e)
    if m:
        chain, end = _chain(ctx, m.end())
        if chain and w["opened"].match(text, end):
            return chain
    # A在B设立的…E: the last 在 before E in its clause
    start = max(text.rfind(c, 0, s) for c in "。；;！!？?") + 1
    for at in sorted((i for i in range(start, s) if text[i] == "在"), reverse=True):
        chain, end = _chain(ctx, at + 1)
        verb = w["set_up"].match(text, end) if chain else None
        if verb is None:
            continue
        if w["joint"].search(verb.group()):
            return []  # A与B在C合作建设…: the owner-level rules decide
        between = [x for x in ctx.items if end <= ctx.rel(x)[0] and ctx.rel(x)[1] <= s
                   and ctx.cat(x) == "Park"]
        comma = max(verb.group().rfind("，"), verb.group().rfind(","))  # (租下写字楼…，设立)
        gap = text[verb.start() + comma + 1 if comma >= 0 else end:s]
        if between or len(gap) > 16 or re.search(r"[，,、]", gap):
            return []
        return chain
    return []


_BY_TAIL = re.compile(r"(?:投资|出资|牵头|负责)?")


def set_up_by(ctx, enclave) -> list[str]:
    """The address chain (finest last) of whoever the sentence says set ``enclave`` up:
    由A(投资)设立的E, A(出资)打造的E, A在B设立的E — the chain opening the clause or
    right after 由, the verb, 的 and at most a quote before E; [] if none."""
    text = ctx.sent.text
    s, _ = ctx.rel(enclave)
    start = max(text.rfind(c, 0, s) for c in "，,。；;！!？?") + 1
    w = _words()
    for x in ctx.items:
        a, _ = ctx.rel(x)
        if not start <= a < s or ctx.cat(x) != "Region" or x.mention.how == "anaphor":
            continue
        if a != start and text[a - 1] != "由":
            continue
        chain, end = _chain(ctx, a)
        if not chain:
            continue
        at = _BY_TAIL.match(text, end).end()
        if text.startswith("在", at):
            _, at = _chain(ctx, at + 1)
        verb = w["set_up"].match(text, at)
        if verb and re.fullmatch(r"了?的[“「『\"]?", text[verb.end():s]) and \
                not w["joint"].search(verb.group()):
            return chain
    return []


@lru_cache(maxsize=1)
def of_enclave_words() -> tuple[str, ...]:
    """The words an owner's enclave ends with in A在B的…飞地 (``of_enclave``): a sentence
    without any of them says no owner's enclave."""
    return tuple(read_json("enclave_cues.json")["of_enclave"])


def owners_said(ctx) -> list[tuple]:
    """A在B的(科创)飞地 (上海在苏北的“飞地园区”, 某县设在某市的科创飞地, A企业在B的离岸研发平台),
    A的科创飞地: for each, the place A, the places of B's address chain (finest last; none when B is no
    place of the gazetteer or not said), where the words start and end in the sentence,
    and whether B was said (A的飞地 alone names the park right after it)."""
    text = ctx.sent.text
    out = []
    for x in ctx.items:
        if ctx.cat(x) != "Region" or x.mention.how == "anaphor":
            continue  # (两地打造的“飞地园区”: no one side's)
        s, e = ctx.rel(x)
        m = _words()["of"].match(text, e)
        if m:
            chain = _chain(ctx, m.start(1))[0] if m.group(1) else []
            out.append((x, chain, s, m.end(), m.group(1) is not None))
    return out


def _still_idea(text: str, b: int) -> bool:
    """…在乙设立甲园，但目前仍属倡议 / 但…该计划尚在研究: a later clause of the sentence, opened
    by 但, says what the clause before names is still only an idea."""
    return b < len(text) and _words()["still_idea"].match(text[b + 1:]) is not None


def _came_to_nothing(ctx, key: str, s: int, b: int) -> bool:
    """曾计划与甲地共建P，因土地报批受阻一直未能落实: a plan word before P's mention and, in a later
    clause of the sentence with no other name before it, a word saying the plan failed."""
    text = ctx.sent.text
    w = _words()
    failed = w["failed"].search(text, b)
    if failed is None or not w["planned_once"].search(text, 0, s):
        return False
    a = max(text.rfind(c, 0, s) for c in "，,。；;！!？?") + 1
    if sentence_status(text[a:failed.start()]) == "completed":
        return False  # (原计划…的P已经建成，另一项目暂缓实施: P was built)
    return not any(
        x.key != key and b <= ctx.rel(x)[0] < failed.start() and ctx.cat(x) != "Region"
        for x in ctx.items)


def tentative(ctx, key: str) -> bool:
    """(An enclave or a co-built park.) Every mention of ``key`` in the sentence stands in a
    clause that only has the idea of it (拟在乙设立甲飞地, 研究在乙设立甲飞地的可行性, 提出设立甲飞地的设想)
    or says the plan came to nothing (原计划共建的P暂缓实施, 曾计划…P，因…至今未能落实), or
    its building is only talked over (双方就共建P交换了意见)."""
    text = ctx.sent.text
    found = [x for x in ctx.items if x.key == key]
    if not found:
        return False
    w = _words()
    for x in found:
        s, e = ctx.rel(x)
        a = max(text.rfind(c, 0, s) for c in "，,。；;！!？?") + 1
        b = min([i for i in (text.find(c, e) for c in "，,。；;！!？?") if i >= 0] or [len(text)])
        if not (w["tentative"].search(text, a, b) or w["failed"].search(text, a, b)
                or any(t.start() < s and t.end() > e for t in w["talked_over"].finditer(text, a))
                or _still_idea(text, b) or _came_to_nothing(ctx, key, s, b)):
            return False
    return True
