"""Split a document into sentences with character offsets."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# a sentence ends at 。！？!? ；; or a line break; closing quotes stay with their sentence
_END = re.compile(r"[。！？!?；;]+[”」』\"']?|\n+")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str  # from the matching text (Simplified, folded)


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text``; blank stretches are dropped, offsets index ``text``.

    >>> [s.text for s in split_sentences("甲在乙。丙在丁！\\n标题")]
    ['甲在乙。', '丙在丁！', '标题']
    """
    out = []
    pos = 0
    for m in _END.finditer(text):
        if m.group(0)[0] in "；;" and _open_bracket(text, pos, m.start()):
            continue  # 某园（甲县乙镇；丙区、甲县共建）: a semicolon inside brackets parts no sentence
        end = m.end() if not m.group(0).startswith("\n") else m.start()
        _add(out, text, pos, end)
        pos = m.end()
    _add(out, text, pos, len(text))
    return out


def _open_bracket(text: str, start: int, at: int) -> bool:
    """Is a bracket opened between ``start`` and ``at`` still open at ``at`` (within 40
    characters: a note, not a bracket left open by mistake)?"""
    opened = max(text.rfind("（", start, at), text.rfind("(", start, at))
    return opened >= 0 and at - opened <= 40 and not any(c in "）)" for c in text[opened:at])


#: A "sentence" longer than this (text without punctuation: a scraped PDF, a forum dump) is
#: cut into pieces of at most this many characters, at a comma or a space near the end of
#: each piece where there is one, so that the relation rules and the evidence stay
#: proportional to real sentences (the longest in the dev passages is ~300 characters).
MAX_SENTENCE = 1000
_SOFT_BREAK = re.compile(r"[，,、：:\s]")


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = start + MAX_SENTENCE
        soft = [m.end() for m in _SOFT_BREAK.finditer(text, cut - MAX_SENTENCE // 5, cut)]
        cut = soft[-1] if soft else cut
        _add(out, text, start, cut)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append(Sentence(start, end, text[start:end]))


def clauses(sentence: str) -> list[tuple[int, int]]:
    """Clause boundaries (offsets within the sentence), split on commas, colons and a
    table's pipes (a cell is a clause of its row)."""
    return list(_clauses(sentence))


_CLAUSE_BREAK = re.compile(r"[，,：:|]")


@lru_cache(maxsize=4096)
def _clauses(sentence: str) -> tuple[tuple[int, int], ...]:
    """:func:`clauses` (remembered: half a dozen rules ask for those of one sentence)."""
    out, pos = [], 0
    for m in _CLAUSE_BREAK.finditer(sentence):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(sentence)))
    return tuple((s, e) for s, e in out if e > s)


def clause_stop(sentence: str, at: int) -> int:
    """Offset of the first comma or semicolon (or full stop, or a table's pipe) at or after
    ``at``, else the sentence's length: where the clause that ``at`` stands in ends."""
    return min([i for i in (sentence.find(c, at) for c in "，,。；;|") if i >= 0] or [len(sentence)])


def clause_start(sentence: str, at: int) -> int:
    """Offset just past the last comma, semicolon, colon (or full stop, or a table's pipe)
    before ``at``, else 0: where the clause that ``at`` stands in starts. A colon between
    digits (按6:4比例, 9:30) is a ratio or a time, not a clause break."""
    start = max(sentence.rfind(c, 0, at) for c in "，,。；;|")
    for i in range(at - 1, start, -1):
        if sentence[i] in "：:" and not (0 < i < len(sentence) - 1 and sentence[i - 1].isdigit()
                                        and sentence[i + 1].isdigit()):
            return i + 1
    return start + 1
