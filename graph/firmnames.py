"""Short firm names with no legal suffix, read from where they stand (called from
mentions.find_mentions):

* next to a firm: 包括甲乙科技有限公司和丙丁精工 / 丙丁精工和甲乙科技有限公司;
* after 企业/公司: 本地企业丙丁精密也将…

A list that ends in 等…领域/行业 (矿冶新材料、芒果深加工等领域的企业) names fields of
industry, not firms: :func:`fields_follow`.

The name must end with an industry word (精工, 机电, 新材 …) after a proper part that is not
a common word (so 生物医药, 高端装备 are not firms). Words live in ``graph/data/firm_words.json``.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from functools import lru_cache

from .resources import alternation, read_json

#: a person of the firm named right before (A(的)负责人, A董事长): the person, not the firm, is
#: told of
FIRM_PERSON = re.compile(r"(?:的)?(?:负责人|董事长|总经理|副总经理|总裁|副总裁|创始人|高管|代表|员工|工作人员|团队"
                         r"|工程师|技术人员|技术骨干|研发人员|科研人员|专家)")

#: What stands between a verb of setting up and the firm set up (A在Y设立的B, A在Y注册成立
#: 全资子公司B, A在园内设立了一家B): 的, or 了/一家/全资/子公司 (each optional), then a quote.
SUBSIDIARY_TAIL = re.compile(r"(?:的|了?(?:一家|一个)?(?:全资|控股|独资)?(?:子公司|分公司)?)[“「\"]?")


@lru_cache(maxsize=1)
def _words() -> dict:
    return read_json("firm_words.json")


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    w = _words()
    name = f"[\u4e00-\u9fff]{{2,4}}?(?:{alternation(w['industry'])})"
    stop = f"(?=[，,。；;、）)]|等|$|(?:{alternation(w['after_name'])}))"
    return (re.compile(f"(?:和|与|及|以及)({name}){stop}"),
            re.compile(f"(?:^|[，,：:、]|包括|以及|还有)({name})(?:和|与|及|以及|、)$"),
            re.compile(f"(?:{alternation(w['apposition'])})({name}){stop}"),
            # a trade and 商 before the name (精密仪器商丙丁科技, 港商丙丁食品)
            re.compile(f"(?<=[\u4e00-\u9fff]商)({name})"))


def industry_words() -> frozenset[str]:
    return frozenset(_words()["industry"])


def _proper(name: str) -> bool:
    from .mentions import _common_words_only
    w = _words()
    ind = next(x for x in sorted(w["industry"], key=len, reverse=True) if name.endswith(x))
    head = name[: -len(ind)]
    return len(head) >= 2 and head not in w["generic_heads"] and not _common_words_only(head)


def paired_firms(text: str, known: list) -> list:
    """Firm mentions next to a known firm or after 企业/公司 (Mention objects, how="pair")."""
    from .mentions import Mention
    after, before, appos, trader = _patterns()
    taken = sorted((m.start, m.end) for m in known)
    starts = [a for a, _ in taken]
    longest = max((b - a for a, b in taken), default=0)

    def free(s: int, e: int) -> bool:
        lo = bisect_left(starts, s - longest)
        hi = bisect_left(starts, e)
        return not any(taken[i][1] > s for i in range(lo, hi))

    out = []
    for m in known:
        if m.category != "Enterprise":
            continue
        a = after.match(text, m.end)
        if a and free(a.start(1), a.end(1)) and _proper(a.group(1)):
            out.append(Mention(a.start(1), a.end(1), a.group(1), "Enterprise", "Enterprise", "list"))
        b = before.search(text, max(0, m.start - 12), m.start)
        if b and free(b.start(1), b.end(1)) and _proper(b.group(1)):
            out.append(Mention(b.start(1), b.end(1), b.group(1), "Enterprise", "Enterprise", "list"))
    not_trader = tuple(_words()["not_trader"])
    traders = [a for a in trader.finditer(text) if not text.endswith(not_trader, 0, a.start(1))]
    for a in (*appos.finditer(text), *traders):
        if free(a.start(1), a.end(1)) and _proper(a.group(1)):
            out.append(Mention(a.start(1), a.end(1), a.group(1), "Enterprise", "Enterprise", "list"))
    return out


_FIELDS = re.compile(r"(?:、[^，,。；;、]{1,12})*等[^，,。；;、]{0,6}?(?:领域|行业|方面|门类|板块|业态)")


def fields_follow(text: str, end: int) -> bool:
    """Does a list of fields of industry go on at ``end`` (…、芒果深加工等领域)?"""
    return _FIELDS.match(text, end) is not None


def names_trade(item: str) -> bool:
    """An item of a list of firms that names a trade (青稞加工, 汽车零部件: ``trade_endings``)."""
    return any(item.endswith(w) and len(item) > len(w) for w in _words()["trade_endings"])


def drop_listed_fields(text: str, mentions: list) -> list:
    """Brand-like names (an industry word after a few characters) that are items of a
    list of fields are not firms; legal names (…有限公司) stay."""
    from .mentions import suffix_rules
    rules = suffix_rules()
    return [m for m in mentions if not (
        m.category == "Enterprise" and m.suffix in rules and rules[m.suffix].weak
        and fields_follow(text, m.end))]


def branch_suffixes() -> tuple[str, ...]:
    """The words that end a branch's name (分公司, 研发中心 …)."""
    return tuple(_words()["branch_suffixes"])


def join_branches(mentions: list) -> list:
    """A firm's name and, right after it, a branch's (某某有限公司|临夏分公司): one name, the
    branch's; ``mentions`` sorted by start."""
    branch = branch_suffixes()
    out: list = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev is not None and prev.category == m.category == "Enterprise" and \
                prev.end == m.start and prev.text.endswith(("公司", "集团")) and \
                m.text.endswith(branch):
            out[-1] = replace(prev, end=m.end, text=prev.text + m.text, suffix=m.suffix,
                              inner=prev.inner + m.inner)
            continue
        out.append(m)
    return out
