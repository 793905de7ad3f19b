"""A park named alone as a list item's heading (called from relations.py).

Policy documents and work reports list parks item by item: a heading that is the park's name
alone, maybe numbered, then a body that never names it again::

    （四）某某产业园。由甲区、乙区两区共建共管，落地乙区某镇。
    1.某某产业园：甲区和乙县合作共建，园址在乙县某镇。

The body's subjectless sentence (or clause after the colon) speaks of that park.

:func:`headline_end` finds an article's headline (a short first line), and
:func:`headline_span` the line of its title (the reader's, below a page's masthead or
breadcrumb), whose names discourse.py and linking.py weigh apart from the body's.
"""
from __future__ import annotations

import re

#: what may open a heading line before the park's name: （四） / (2) / 1. / 一、 / 第一，
_NUMBERING = re.compile(r"\s*(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,3}[.．、)）]"
                        r"|[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]{1,3}[，,、])?\s*")
#: what may close it: a stop or a colon, then the body on the same line
_CLOSE = re.compile(r"[。.：:]\s*")


def after_heading(text: str, park_start: int, park_end: int, at: int) -> bool:
    """Is the park named from ``park_start`` to ``park_end`` (offsets in the document
    ``text``) a heading that opens its line, right before offset ``at`` (the body)?"""
    close = _heading_close(text, park_start, park_end)
    return close is not None and close.end() == at


def opens_item(text: str, start: int, end: int) -> bool:
    """Is the name from offset ``start`` to ``end`` of the document ``text`` a list item's
    heading: opening its line, maybe after a list number, and closed by a stop or a colon
    (（二）P。…, 3.P：…)?"""
    return _heading_close(text, start, end) is not None


def _heading_close(text: str, start: int, end: int) -> re.Match | None:
    """The stop or colon closing the name from ``start`` to ``end`` when the name opens its
    line (maybe after a list number), else None."""
    line = text.rfind("\n", 0, start) + 1
    if _NUMBERING.fullmatch(text, line, start) is None:
        return None
    return _CLOSE.match(text, end)


def headline_end(text: str) -> int:
    """Where an article's headline ends: its first line, when that line is short and
    no sentence (else 0)."""
    stripped = text.lstrip()
    end = stripped.find("\n")
    line = stripped[:end] if end > 0 else ""
    if not line or len(line) > 60 or re.search(r"[。；;！？!?]", line):
        return 0
    return len(text) - len(stripped) + end


def headline_span(text: str, title: str | None) -> tuple[int, int]:
    """Where the article's headline stands: its title (as the reader found it) among the
    first lines, else its short first line (:func:`headline_end`); (0, 0) for none."""
    at = text.find(title, 0, _TITLE_REACH) if title else -1
    return (at, at + len(title)) if at >= 0 else (0, headline_end(text))


#: how far into an article its title may stand (below a page's masthead and menus)
_TITLE_REACH = 1500
