"""Split a document into sentences with character offsets."""
from __future__ import annotations

import re
from dataclasses import dataclass

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
        end = m.end() if not m.group(0).startswith("\n") else m.start()
        _add(out, text, pos, end)
        pos = m.end()
    _add(out, text, pos, len(text))
    return out


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end]))


def clauses(sentence: str) -> list[tuple[int, int]]:
    """Clause boundaries (offsets within the sentence), split on commas and colons."""
    out, pos = [], 0
    for m in re.finditer(r"[，,：:]", sentence):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(sentence)))
    return [(s, e) for s, e in out if e > s]
