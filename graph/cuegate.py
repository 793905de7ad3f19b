"""Cue gates: a pattern skips, in one set test, a text that holds none of its words.

Most rules look for cue words (入驻, 共建, 位于 …) in every sentence, each with its own
regular expression, and most sentences hold none of a rule's words: the expression
scans the sentence for nothing. Here each pattern's *required words* are read from the
expression itself (:func:`required_words`: a set of literal strings such that every
match contains at least one of them), all of them go into one Aho-Corasick automaton,
and a text is scanned once for all of them (remembered per text: the rules scan the same
sentence again and again). :class:`Gated` then answers ``search``/``finditer``/``findall``
with "no match" at once when none of its words is in the text, and asks the expression
otherwise: the results are exactly the expression's.

A pattern whose every match need not contain a literal (``[\\u4e00-\\u9fff]+``) or that
ignores case is left as it is.
"""
from __future__ import annotations

import re
import threading
from typing import Any, Iterator

import ahocorasick_rs

try:
    from re import _compiler as _r
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # Python < 3.11
    import sre_compile as _r  # type: ignore[no-redef]
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

#: A character class of at most this many single characters counts as required words.
MAX_CLASS_WORDS = 12

_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT) + (
    (_c.POSSESSIVE_REPEAT,) if hasattr(_c, "POSSESSIVE_REPEAT") else ())
_ATOMIC = getattr(_c, "ATOMIC_GROUP", None)

Words = frozenset  # of str


def _better(a: Words | None, b: Words | None) -> Words | None:
    """The more selective of two word sets (longer shortest word, then fewer words)."""
    if a is None:
        return b
    if b is None:
        return a
    ka = (-min(map(len, a)), len(a))
    kb = (-min(map(len, b)), len(b))
    return a if ka <= kb else b


def _seq(items: Any) -> Words | None:
    """Required words of a sequence: the best set among its required parts (a run of
    literal characters is one word)."""
    best: Words | None = None
    run: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            best = _better(best, frozenset(("".join(run),)))
            run = []
        best = _better(best, _node(op, av))
    if run:
        best = _better(best, frozenset(("".join(run),)))
    return best


def _node(op: Any, av: Any) -> Words | None:
    """Required words of one element (None: it requires none that we can tell)."""
    if op is _c.SUBPATTERN:
        add_flags = av[1]
        return None if add_flags & re.IGNORECASE else _seq(av[3])
    if _ATOMIC is not None and op is _ATOMIC:
        return _seq(av)
    if op is _c.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            words = _seq(branch)
            if words is None:
                return None
            out |= words
        return frozenset(out)
    if op in _REPEATS:
        low, _, body = av
        return _seq(body) if low >= 1 else None
    if op is _c.ASSERT:  # a positive lookaround's text is in the string too
        return _seq(av[1])
    if op is _c.IN:
        if len(av) <= MAX_CLASS_WORDS and all(o is _c.LITERAL for o, _ in av):
            return frozenset(chr(v) for _, v in av)
        return None
    return None


def required_words(pattern: re.Pattern) -> Words | None:
    """Literal strings of which every match of ``pattern`` contains at least one (None
    when no such set can be read off the expression, or it ignores case).

    >>> sorted(required_words(re.compile(r"(?:首批|率先)?(?:入驻|落户)(?=园区)")))
    ['园区']
    >>> sorted(required_words(re.compile(r"\\d+家|[一二三]家企业")))
    ['家', '家企业']
    >>> required_words(re.compile(r"[\\u4e00-\\u9fff]{2,4}")) is None
    True
    """
    if not isinstance(pattern.pattern, str) or pattern.flags & re.IGNORECASE:
        return None
    words = _seq(_p.parse(pattern.pattern, pattern.flags & ~re.UNICODE))
    if not words or "" in words:
        return None
    return words


def scans_fast(pattern: re.Pattern) -> bool:
    """Does ``re`` itself skip ahead to where a match can start (the expression opens
    with a literal or a set of characters, as a list of cue words does)? Such a pattern
    gains nothing from a gate: it already scans at the speed of a character test."""
    try:
        parsed = _p.parse(pattern.pattern, pattern.flags)
        prefix = _r._get_literal_prefix(parsed, pattern.flags)[0]
        return bool(prefix) or _r._get_charset_prefix(parsed, pattern.flags) is not None
    except Exception:  # noqa: BLE001 - another re: gate nothing
        return True


class _Index:
    """Every registered word in one automaton, and the words found per text (a few
    hundred texts remembered: the sentence the rules are reading and its parts)."""

    MAX_TEXTS = 512

    def __init__(self, words: list[str]) -> None:
        self.words = words
        self.auto = ahocorasick_rs.AhoCorasick(words, matchkind=ahocorasick_rs.MatchKind.Standard) \
            if words else None
        self.found: dict[str, frozenset[int]] = {}

    def present(self, text: str) -> frozenset[int]:
        got = self.found.get(text)
        if got is None:
            if len(self.found) >= self.MAX_TEXTS:
                self.found.clear()
            got = frozenset(i for i, _, _ in self.auto.find_matches_as_indexes(text, overlapping=True)) \
                if self.auto is not None else frozenset()
            self.found[text] = got
        return got


_LOCK = threading.Lock()
_IDS: dict[str, int] = {}
_INDEX = _Index([])


def _register(words: Words) -> frozenset[int]:
    """Ids of ``words``, adding the new ones to the automaton (a new index: texts already
    scanned are scanned again for all words)."""
    global _INDEX
    with _LOCK:
        new = [w for w in sorted(words) if w not in _IDS]
        if new:
            for w in new:
                _IDS[w] = len(_IDS)
            _INDEX = _Index(list(_IDS))
        return frozenset(_IDS[w] for w in words)


class Gated:
    """A compiled pattern whose scanning methods first check its required words; every
    other attribute is the pattern's own."""

    __slots__ = ("_re", "_ids", "match", "fullmatch", "sub", "subn", "split", "pattern",
                 "flags", "groups", "groupindex")

    def __init__(self, compiled: re.Pattern, ids: frozenset[int]) -> None:
        self._re, self._ids = compiled, ids
        self.match, self.fullmatch = compiled.match, compiled.fullmatch
        self.sub, self.subn, self.split = compiled.sub, compiled.subn, compiled.split
        self.pattern, self.flags = compiled.pattern, compiled.flags
        self.groups, self.groupindex = compiled.groups, compiled.groupindex

    def _absent(self, text: Any) -> bool:
        return isinstance(text, str) and self._ids.isdisjoint(_INDEX.present(text))

    def search(self, text: str, *args: Any, **kw: Any) -> re.Match | None:
        return None if self._absent(text) else self._re.search(text, *args, **kw)

    def finditer(self, text: str, *args: Any, **kw: Any) -> Iterator[re.Match]:
        return iter(()) if self._absent(text) else self._re.finditer(text, *args, **kw)

    def findall(self, text: str, *args: Any, **kw: Any) -> list:
        return [] if self._absent(text) else self._re.findall(text, *args, **kw)

    def __repr__(self) -> str:
        return f"Gated({self._re!r})"


def gate(compiled: re.Pattern) -> "re.Pattern | Gated":
    """``compiled`` behind a cue gate (itself when it has no required words)."""
    if isinstance(compiled, Gated) or scans_fast(compiled):
        return compiled
    words = required_words(compiled)
    if words is None:
        return compiled
    return Gated(compiled, _register(words))


def gate_all(patterns: dict) -> dict:
    """:func:`gate` on every compiled pattern of a dict (other values as they are)."""
    return {k: gate(v) if isinstance(v, re.Pattern) else v for k, v in patterns.items()}
