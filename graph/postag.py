"""jieba's part-of-speech tagging (``jieba.posseg.cut``), the same words and tags, faster.

``jieba.posseg`` segments with the dictionary (DAG + best route) and runs its
part-of-speech HMM over every run of characters the dictionary does not know. The HMM
is the slow part (0.02 MB/s on news text) and its result depends only on that run, so
here it is computed once per distinct run and remembered; the dictionary segmentation
is jieba's own algorithm on jieba's own tables, with the word scores memoised.
Those tables are read from a compact copy made once and cached (see :class:`_Tables`),
so a process need not load jieba at all. :func:`pos_tags` therefore returns exactly what ``jieba.posseg.cut`` returns
(``tests/test_postag.py`` checks it on real text).
"""
from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import marshal
import os
import re
import tempfile
from array import array
from functools import lru_cache
from math import log
from pathlib import Path
from typing import Iterator

# jieba.posseg's own patterns (see jieba/posseg/__init__.py)
_HAN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._]+)")
_SKIP = re.compile("(\r\n|\\s)")
_NUM = re.compile("[\\.0-9]+")
_ENG = re.compile("[a-zA-Z0-9]+")


#: Bump when the layout of the cached table changes.
_FORMAT = 3


class _Tables:
    """jieba's dictionary and part-of-speech HMM in a compact form: the words in a MARISA
    trie (word → id), their frequencies and tags in arrays by id, and the HMM's tables.

    Loading jieba itself (its prefix dictionary, ~500k entries, and posseg's word → tag
    table) costs 1.5–2.5 s of CPU per process; this table loads in milliseconds. It is
    made from jieba's own tables the first time and kept in a cache folder
    (:func:`cache_dir`), keyed by jieba's version and data files, so it always holds what
    the installed jieba holds.
    """

    def __init__(self, blob: dict) -> None:
        import marisa_trie

        self.trie = marisa_trie.Trie()
        self.trie.frombytes(blob["trie"])
        self.freq = array("q")
        self.freq.frombytes(blob["freq"])
        self.tag_of = blob["tag"]  # bytes: index into ``tags`` by word id
        self.tags = blob["tags"]
        self.logtotal = log(blob["total"])
        self.hmm = blob["hmm"]  # char_state_tab_P, start_P, trans_P, emit_P
        self.score: dict[str, float] = {}
        self._info: dict[str, tuple[int, str]] = {}
        self._longest: int = blob["longest"]

    def longest(self) -> int:
        """The length of the longest dictionary word (counted when the table is made:
        counting it over the trie's 350k words cost 0.4 s of CPU in every process that
        met a block of more than 32 characters, text without punctuation)."""
        return self._longest

    def info(self, word: str) -> tuple[int, str]:
        """(frequency, tag) of a dictionary word; (0, "x") for anything else."""
        got = self._info.get(word)
        if got is None:
            if len(self._info) > 500_000:
                self._info.clear()
            i = self.trie.get(word)
            got = (0, "x") if i is None else (self.freq[i], self.tags[self.tag_of[i]])
            self._info[word] = got
        return got


def _jieba_files() -> list[Path]:
    """jieba's dictionary and posseg's HMM tables: what the cached table is made of."""
    spec = importlib.util.find_spec("jieba")
    root = Path(spec.origin).parent if spec and spec.origin else None
    if root is None:
        return []
    return [root / "dict.txt"] + sorted((root / "posseg").glob("*.py"))


def cache_dir() -> Path:
    """Where derived tables are kept: ``$COOPGRAPH_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/coopgraph``, else ``~/.cache/coopgraph``."""
    env = os.environ.get("COOPGRAPH_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "coopgraph"


def _cache_name() -> str:
    from importlib import metadata

    parts = [str(_FORMAT), metadata.version("jieba"), metadata.version("marisa-trie")]
    for f in _jieba_files():
        st = f.stat()
        parts.append(f"{f}:{st.st_size}:{st.st_mtime_ns}")
    return "postag-" + hashlib.sha256("|".join(parts).encode()).hexdigest()[:20] + ".bin"


def _build_blob() -> dict:
    """The compact table, from jieba's own (slow: jieba loads its whole dictionary)."""
    import jieba
    import jieba.posseg
    import marisa_trie
    from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P

    jieba.setLogLevel(60)
    posseg = jieba.posseg.dt
    posseg.makesure_userdict_loaded()
    jieba.dt.check_initialized()
    freq, word_tag = jieba.dt.FREQ, posseg.word_tag_tab
    words = [w for w, f in freq.items() if f]  # (every word posseg tags has a frequency)
    trie = marisa_trie.Trie(words)
    tags = tuple(sorted(set(word_tag.values()) | {"x"}))
    index = {t: i for i, t in enumerate(tags)}
    by_id = array("q", [0]) * len(trie)
    tag_of = bytearray(index["x"] for _ in range(len(trie)))
    for w in words:
        i = trie.key_id(w)
        by_id[i] = freq[w]
        tag_of[i] = index[word_tag.get(w, "x")]
    return {"format": _FORMAT, "trie": trie.tobytes(), "freq": by_id.tobytes(),
            "tag": bytes(tag_of), "tags": tags,
            "total": jieba.dt.total, "hmm": (char_state_tab_P, start_P, trans_P, emit_P),
            "longest": max(map(len, words), default=1)}


def _load_blob() -> dict:
    """The cached table, made and saved (atomically) the first time."""
    path = cache_dir() / _cache_name()
    try:
        blob = marshal.loads(path.read_bytes())
        if isinstance(blob, dict) and blob.get("format") == _FORMAT:
            return blob
    except (OSError, ValueError, EOFError, TypeError):
        pass
    blob = _build_blob()
    tmp = None
    try:  # a cache we cannot write only costs the next process the same build
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".postag-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            marshal.dump(blob, fh)
        os.replace(tmp, path)
        tmp = None
    except OSError:
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return blob


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    return _Tables(_load_blob())


def word_freq(word: str) -> int:
    """jieba's dictionary frequency of ``word`` (``jieba.dt.FREQ.get(word, 0)``)."""
    return _tables().info(word)[0]


def dictionary_prefixes(text: str) -> list[str]:
    """The dictionary words that ``text`` starts with, shortest first: every prefix ``w``
    with ``word_freq(w) > 0`` (the trie holds exactly those words), in one trie walk
    instead of a lookup per length."""
    return _tables().trie.prefixes(text)


_HAN_DETAIL = re.compile("([\u4E00-\u9FD5]+)")
_SKIP_DETAIL = re.compile("([\\.0-9]+|[a-zA-Z0-9]+)")
_MIN_FLOAT = -3.14e100


@lru_cache(maxsize=65536)
def _unknown_run(run: str) -> tuple[tuple[str, str], ...]:
    """The HMM's words and tags for a run of characters the dictionary does not know
    (jieba.posseg's ``__cut_detail``)."""
    out: list[tuple[str, str]] = []
    for blk in _HAN_DETAIL.split(run):
        if _HAN_DETAIL.match(blk):
            out.extend(_hmm_words(blk))
            continue
        for x in _SKIP_DETAIL.split(blk):
            if x:
                out.append((x, "m" if _NUM.match(x) else "eng" if _ENG.match(x) else "x"))
    return tuple(out)


def _hmm_words(sentence: str) -> list[tuple[str, str]]:
    """jieba.posseg's ``__cut``: words from the best state path (B/M/E/S, tag)."""
    path = _viterbi(sentence)
    out = []
    begin = nexti = 0
    for i, char in enumerate(sentence):
        pos = path[i][0]
        if pos == "B":
            begin = i
        elif pos == "E":
            out.append((sentence[begin:i + 1], path[i][1]))
            nexti = i + 1
        elif pos == "S":
            out.append((char, path[i][1]))
            nexti = i + 1
    if nexti < len(sentence):
        out.append((sentence[nexti:], path[nexti][1]))
    return out


@lru_cache(maxsize=1)
def _hmm_arrays() -> tuple:
    """The HMM as arrays: states in sorted order (so "the larger state wins a tie" is "the
    larger index wins"), transitions as a matrix (-inf where jieba has none)."""
    import numpy as np

    states, start_p, trans_p, emit_p = _tables().hmm
    names = sorted(trans_p)
    index = {s: i for i, s in enumerate(names)}
    n = len(names)
    trans = np.full((n, n), -np.inf)
    for x, nxt in trans_p.items():
        for y, tr in nxt.items():
            trans[index[x], index[y]] = tr
    allowed = trans > -np.inf
    start = np.array([start_p[s] for s in names])
    char_states = {}
    for ch, st in states.items():
        mask = np.zeros(n, dtype=bool)
        mask[[index[s] for s in st]] = True
        char_states[ch] = mask
    return (np, names, trans, allowed, allowed.any(axis=1), start, char_states,
            [emit_p[s] for s in names], {})


def _emission(ch: str, arrays: tuple):
    """Every state's log emission probability of ``ch`` (remembered per character)."""
    cache = arrays[-1]
    e = cache.get(ch)
    if e is None:
        e = cache[ch] = arrays[0].array([d.get(ch, _MIN_FLOAT) for d in arrays[7]])
    return e


def _viterbi(obs: str) -> list[tuple[str, str]]:
    """jieba.posseg's ``viterbi``: the same states, the same sums in the same order
    (``v + trans + emit``, float64 as Python's floats) and the same ties (the larger
    state wins), one matrix per character instead of a loop over state pairs."""
    arrays = _hmm_arrays()
    np, names, trans, allowed, has_out, start, char_states = arrays[:7]
    n = len(names)
    first = char_states.get(obs[0])
    act = np.flatnonzero(first) if first is not None else np.arange(n)
    vals = (start + _emission(obs[0], arrays))[act]
    back: list[dict[int, int]] = []
    for t in range(1, len(obs)):
        keep = has_out[act]
        prev, pv = act[keep][::-1], vals[keep][::-1]  # reversed: argmax takes the first
        expect = allowed[prev].any(axis=0)
        cs = char_states.get(obs[t])
        cur = expect if cs is None else (cs & expect)
        if not cur.any():
            cur = expect if expect.any() else np.ones(n, dtype=bool)
        cols = np.flatnonzero(cur)
        m = (pv[:, None] + trans[prev][:, cols]) + _emission(obs[t], arrays)[cols]
        arg = m.argmax(axis=0)  # (all -inf: the largest previous state, as jieba)
        vals = m[arg, np.arange(len(cols))]
        back.append(dict(zip(cols.tolist(), prev[arg].tolist())))
        act = cols
    state = int(act[::-1][vals[::-1].argmax()])
    route: list = [None] * len(obs)
    for i in range(len(obs) - 1, -1, -1):
        route[i] = names[state]
        if i:
            state = back[i - 1][state]
    return route


#: the words of the dictionary that a string starts with, as (length, score) pairs, by
#: string (the route of short blocks only: names and windows around names, whose ends
#: recur — half the lookups of 200 articles; a long block's rest is seldom seen again)
_DAG: dict[str, tuple[tuple[int, float], ...]] = {}
_DAG_MAX = 65536


def _route(block: str, t: _Tables) -> list[int]:
    """jieba's best path through the dictionary DAG: the end of the word at each start.

    jieba extends a string while it begins some word and keeps the words it meets: that
    is every dictionary word that is a prefix of the rest of the block, which the trie
    lists in one call (``prefixes``) instead of a lookup per character."""
    score, logtotal, prefixes = t.score, t.logtotal, t.trie.prefixes
    n = len(block)
    cap = n if n <= 32 else t.longest()
    dag = _DAG if n <= 32 else None
    best = [0.0] * (n + 1)
    nxt = [0] * n
    for k in range(n - 1, -1, -1):
        rest = block[k:k + cap]
        words = dag.get(rest) if dag is not None else None
        if words is None:
            found = []
            for w in prefixes(rest) or (block[k],):
                s = score.get(w)
                if s is None:
                    s = score[w] = log(t.info(w)[0] or 1) - logtotal
                found.append((len(w), s))
            words = tuple(found)
            if dag is not None:
                if len(dag) >= _DAG_MAX:
                    dag.clear()
                dag[rest] = words
        top = None
        for length, s in words:
            x = k + length - 1
            cand = (s + best[x + 1], x)
            if top is None or cand > top:
                top = cand
        best[k], nxt[k] = top
    return nxt


def _flush(buf: str, t: _Tables) -> Iterator[tuple[str, str]]:
    if len(buf) == 1:
        yield buf, t.info(buf)[1]
    elif not t.info(buf)[0]:
        yield from _unknown_run(buf)
    else:
        for c in buf:
            yield c, t.info(c)[1]


def _cut_block(block: str, t: _Tables) -> Iterator[tuple[str, str]]:
    nxt = _route(block, t)
    x, buf, n = 0, "", len(block)
    while x < n:
        y = nxt[x] + 1
        if y - x == 1:
            buf += block[x]
        else:
            if buf:
                yield from _flush(buf, t)
                buf = ""
            word = block[x:y]
            yield word, t.info(word)[1]
        x = y
    if buf:
        yield from _flush(buf, t)


def _tokens(text: str) -> Iterator[tuple[str, str]]:
    """jieba.posseg's ``cut``, word by word."""
    t = _tables()
    for blk in _HAN.split(text):
        if not blk:
            continue
        if _HAN.match(blk):
            yield from _cut_block(blk, t)
            continue
        for x in _SKIP.split(blk):
            if _SKIP.match(x):
                yield x, "x"
                continue
            for xx in x:
                if _NUM.match(xx):
                    yield xx, "m"
                elif _ENG.match(x):
                    yield xx, "eng"
                else:
                    yield xx, "x"


class _Tagging:
    """A text's words and tags as far as some caller has read them, and the rest still
    to compute (read on by the next caller that needs more)."""

    __slots__ = ("read", "rest", "whole")

    def __init__(self, text: str) -> None:
        self.read: list[tuple[str, str]] = []
        self.rest: Iterator[tuple[str, str]] | None = _tokens(text)
        self.whole: tuple[tuple[str, str], ...] | None = None  # (once read to the end)

    def __iter__(self) -> Iterator[tuple[str, str]]:
        read, i = self.read, 0
        while True:
            if i < len(read):
                yield read[i]
                i += 1
                continue
            if self.rest is None:
                return
            tag = next(self.rest, None)
            if tag is None:
                self.rest = None
                return
            read.append(tag)


#: text → its tagging, shared by :func:`pos_tags` and :func:`iter_tags` (the same short
#: windows and names are tagged again and again by different tests: a third of the
#: calls on 150 articles); emptied when full (a text is tagged again mostly near where it
#: was first: a larger table only held more half-read taggings, 28 MB more on 10 MB of
#: text without punctuation for no less CPU)
_TAGGED: dict[str, _Tagging] = {}
_TAGGED_MAX = 8192


def _tagging(text: str) -> _Tagging:
    got = _TAGGED.get(text)
    if got is None:
        if len(_TAGGED) >= _TAGGED_MAX:
            _TAGGED.clear()
        got = _TAGGED[text] = _Tagging(text)
    return got


def iter_tags(text: str) -> Iterator[tuple[str, str]]:
    """:func:`pos_tags` word by word, each computed only when it is read (a caller that
    stops early skips the HMM of the rest, until a caller reads further)."""
    got = _tagging(text)
    return iter(got.whole if got.whole is not None else got)


def pos_tags(text: str) -> tuple[tuple[str, str], ...]:
    """``tuple((p.word, p.flag) for p in jieba.posseg.cut(text))``, computed faster."""
    got = _tagging(text)
    if got.whole is None:
        got.whole = tuple(got)
        got.read = []  # (read again from ``whole``)
    return got.whole
