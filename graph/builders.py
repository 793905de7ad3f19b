"""Which park a co-building clause is about (called from relations.py ``co_built``).

* ``P由A与B合作共建`` / ``P是…，由两地合作共建``: the park before 由 in the clause, else the
  park that opens the sentence (its subject), is the one built — not a park named after
  the verb in a later clause (P1由A与B共建，P2由C与D共建).
* ``由A与B共建的P``: the park right after the verb (``的`` between them).
* ``位于Q、由A与B共建的P``: a zone after 位于/在 before 由 is where P stands, not the park.
"""
from __future__ import annotations

import re

# (由A与B共同规划、联合招商、共同运营的P: more joint verbs may follow the first)
# (由A与B合作设立、2018年起交由A主导建设的P: a second verb phrase after 、 may follow too)
_AFTER_VERB = re.compile(r"(?:[、，,](?:共同|联合|合作|一起)[\u4e00-\u9fff]{2}"
                         r"|、[^，,。；;、]{1,24}?(?:建设|管理|运营|打造|开发))*(?:了|的|起|成)?$")
_SITE_BEFORE = re.compile(r"(?:于|在|地处)$")
#: 该园区, 这一园区: a park pointed back to (a bare 园区 may be any park the text is about)
_POINTED = re.compile(r"(?:该|此|这个|这一|这座)")


def subject_park(ctx, parks: list, clause_start: int, you_at: int, verb_end: int):
    """The park a 由-clause (``由`` at ``you_at``, the verb ending at ``verb_end``) builds, or
    None when the sentence does not say it in one of the two forms above."""
    text = ctx.sent.text
    nxt = [c for c in "，,。；;：:" if text.find(c, verb_end) >= 0]
    clause_end = min([text.find(c, verb_end) for c in nxt] or [len(text)])
    before = [lk for lk in parks if clause_start <= ctx.rel(lk)[0] and ctx.rel(lk)[1] <= you_at
              and not _SITE_BEFORE.search(text, 0, ctx.rel(lk)[0])]
    if before:
        return before[-1]  # P由A与B共建
    after = [lk for lk in parks if verb_end <= ctx.rel(lk)[0] < clause_end]
    if after and _AFTER_VERB.match(text[verb_end:ctx.rel(after[0])[0]]):
        return after[0]  # 由A与B共建的P
    if after:
        return None
    opening = [lk for lk in parks if ctx.rel(lk)[0] <= 1 and (
        lk.mention.how != "anaphor" or _POINTED.match(lk.mention.text))]  # (该园区位于X，由…)
    if opening and not [lk for lk in parks if ctx.rel(lk)[1] <= clause_start
                        and ctx.rel(lk)[0] > ctx.rel(opening[0])[0]
                        and lk.key != opening[0].key and not _sited_chain(ctx, parks, lk)]:
        return opening[0]  # P位于X，…，由A与B合作共建: the sentence's subject (X may be a zone)
    return None


def _sited_chain(ctx, parks: list, lk) -> bool:
    """Is ``lk`` where something stands: right after 位于/在/地处, or right after such a
    park or zone (位于某新区某发展区: the address goes on)?"""
    text = ctx.sent.text
    start = ctx.rel(lk)[0]
    if _SITE_BEFORE.search(text, 0, start):
        return True
    prev = [x for x in parks if ctx.rel(x)[1] == start]
    return bool(prev) and _sited_chain(ctx, parks, prev[0])
