"""jieba's part-of-speech tagging (``jieba.posseg.cut``), the same words and tags, faster.

``jieba.posseg`` segments with the dictionary (DAG + best route) and runs its
part-of-speech HMM over every run of characters the dictionary does not know. The HMM
is the slow part (0.02 MB/s on news text) and its result depends only on that run, so
here it is computed once per distinct run and remembered; the dictionary segmentation
is jieba's own algorithm on jieba's own tables, with the word scores memoised.
:func:`pos_tags` therefore returns exactly what ``jieba.posseg.cut`` returns
(``tests/test_postag.py`` checks it on real text).
"""
from __future__ import annotations

import re
from functools import lru_cache
from math import log

# jieba.posseg's own patterns (see jieba/posseg/__init__.py)
_HAN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._]+)")
_SKIP = re.compile("(\r\n|\\s)")
_NUM = re.compile("[\\.0-9]+")
_ENG = re.compile("[a-zA-Z0-9]+")


class _Tables:
    """jieba's dictionary (word → frequency, word → tag) and the HMM, loaded once."""

    def __init__(self) -> None:
        import jieba
        import jieba.posseg

        jieba.setLogLevel(60)
        self.posseg = jieba.posseg.dt
        self.posseg.makesure_userdict_loaded()
        jieba.dt.check_initialized()
        self.freq = jieba.dt.FREQ
        self.tags = self.posseg.word_tag_tab
        self.logtotal = log(jieba.dt.total)
        self.score: dict[str, float] = {}


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    return _Tables()


@lru_cache(maxsize=65536)
def _unknown_run(run: str) -> tuple[tuple[str, str], ...]:
    """The HMM's words and tags for a run of characters the dictionary does not know."""
    detail = _tables().posseg._POSTokenizer__cut_detail  # jieba's HMM, unchanged
    return tuple((p.word, p.flag) for p in detail(run))


def _route(block: str, t: _Tables) -> list[int]:
    """jieba's best path through the dictionary DAG: the end of the word at each start."""
    freq, score, logtotal = t.freq, t.score, t.logtotal
    n = len(block)
    best = [0.0] * (n + 1)
    nxt = [0] * n
    for k in range(n - 1, -1, -1):
        ends = []
        i, frag = k, block[k]
        while i < n and frag in freq:
            if freq[frag]:
                ends.append(i)
            i += 1
            frag = block[k:i + 1]
        if not ends:
            ends.append(k)
        top = None
        for x in ends:
            w = block[k:x + 1]
            s = score.get(w)
            if s is None:
                s = score[w] = log(freq.get(w) or 1) - logtotal
            cand = (s + best[x + 1], x)
            if top is None or cand > top:
                top = cand
        best[k], nxt[k] = top
    return nxt


def _flush(buf: str, out: list[tuple[str, str]], t: _Tables) -> None:
    if len(buf) == 1:
        out.append((buf, t.tags.get(buf, "x")))
    elif not t.freq.get(buf):
        out.extend(_unknown_run(buf))
    else:
        out.extend((c, t.tags.get(c, "x")) for c in buf)


def _cut_block(block: str, out: list[tuple[str, str]], t: _Tables) -> None:
    nxt = _route(block, t)
    x, buf, n = 0, "", len(block)
    while x < n:
        y = nxt[x] + 1
        if y - x == 1:
            buf += block[x]
        else:
            if buf:
                _flush(buf, out, t)
                buf = ""
            word = block[x:y]
            out.append((word, t.tags.get(word, "x")))
        x = y
    if buf:
        _flush(buf, out, t)


@lru_cache(maxsize=65536)
def pos_tags(text: str) -> tuple[tuple[str, str], ...]:
    """``tuple((p.word, p.flag) for p in jieba.posseg.cut(text))``, computed faster."""
    t = _tables()
    out: list[tuple[str, str]] = []
    for blk in _HAN.split(text):
        if not blk:
            continue
        if _HAN.match(blk):
            _cut_block(blk, out, t)
            continue
        for x in _SKIP.split(blk):
            if _SKIP.match(x):
                out.append((x, "x"))
                continue
            for xx in x:
                if _NUM.match(xx):
                    out.append((xx, "m"))
                elif _ENG.match(x):
                    out.append((xx, "eng"))
                else:
                    out.append((xx, "x"))
    return tuple(out)
