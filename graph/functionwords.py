"""The function words of a split (研发, 生产, 总部 …: ``data/functions.csv``) and how a piece
of text is classified by them (called from relations.py, splitclauses.py, splitresults.py).

* :func:`function_index` — one pattern for every word, the first (function id, role) of
  each word, and the word set;
* :func:`classify_function` — the first function word of a text that does not start inside
  another word (召开|发布会 holds no 开发: ``function_straddle`` in
  ``data/relation_cues.json``) nor opens a longer word (厂商: ``function_longer``) →
  (function id, role).
"""
from __future__ import annotations

import re
from functools import lru_cache

from .resources import alternation, functions, read_json


@lru_cache(maxsize=1)
def function_words() -> list[tuple[str, str, str]]:
    """(word, function id, role), longest word first."""
    out = []
    for fid, row in functions().items():
        for w in row["words"].split("|"):
            out.append((w, fid, row["role"]))
    return sorted(out, key=lambda x: (-len(x[0]), x[0]))


@lru_cache(maxsize=1)
def _longer() -> tuple[str, ...]:
    return tuple(read_json("relation_cues.json")["function_longer"])


@lru_cache(maxsize=1)
def function_index() -> tuple[re.Pattern, dict[str, tuple[str, str]], frozenset[str]]:
    """One pattern for every function word (longest first, so the leftmost match is the
    longest word there; none where a longer word that is no function opens: 厂商), the
    first (function id, role) of each word, and the word set."""
    first: dict[str, tuple[str, str]] = {}
    for w, fid, role in function_words():
        first.setdefault(w, (fid, role))
    # (厂商, 厂家: a longer word that opens with a function word names no function; the
    # look-ahead sits after each word it concerns, 厂(?!商|家|长), so that the pattern still
    # opens with its words and the engine scans for their first characters)
    longer = _longer()
    parts = []
    for w in sorted(first, key=len, reverse=True):
        if any(w.startswith(word) for word in longer):
            continue  # (the longer word itself, or a word opening with it)
        rests = [word[len(w):] for word in longer if word.startswith(w)]
        parts.append(re.escape(w) + (f"(?!{alternation(rests)})" if rests else ""))
    return re.compile("|".join(parts)), first, frozenset(first)


@lru_cache(maxsize=1)
def _straddle() -> tuple[str, ...]:
    return tuple(read_json("relation_cues.json")["function_straddle"])


def first_function(text: str) -> re.Match | None:
    """The first function word in ``text`` that does not start inside another word
    (召开|发布会 holds no 开发: see ``function_straddle``; the pattern itself passes over a
    longer word that is no function, 厂商, 厂家: ``function_longer``)."""
    pattern, m = function_index()[0], None
    while (m := pattern.search(text, m.start() + 1 if m else 0)) is not None:
        if not text.endswith(_straddle(), 0, m.start() + 1):
            return m
    return None


@lru_cache(maxsize=4096)
def classify_function(text: str) -> tuple[str, str] | None:
    """First function word in ``text`` → (function id, role)."""
    m = first_function(text)
    return function_index()[1][m.group(0)] if m else None


def from_first_function(text: str) -> str:
    """通过推动研发和生产 → 研发和生产: the function phrase starts at its first word."""
    m = first_function(text)
    return text[m.start():] if m else text
