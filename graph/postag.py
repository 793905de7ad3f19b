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


_HAN_DETAIL = re.compile("([\u4E00-\u9FD5]+)")
_SKIP_DETAIL = re.compile("([\\.0-9]+|[a-zA-Z0-9]+)")
_NEG_INF = float("-inf")
_NONE: frozenset = frozenset()
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
def _hmm() -> tuple[dict, dict, dict, dict, dict]:
    from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P

    preds: dict = {}  # state → the states that may precede it
    for x, nxt in trans_P.items():
        for y in nxt:
            preds.setdefault(y, set()).add(x)
    return char_state_tab_P, start_P, trans_P, emit_P, preds


def _viterbi(obs: str) -> list[tuple[str, str]]:
    """jieba.posseg's ``viterbi`` (same states, same sums in the same order, same ties:
    the larger state wins), without building a tuple per impossible transition."""
    states, start_p, trans_p, emit_p, preds = _hmm()
    all_states = trans_p.keys()
    v = {}
    mem_path = [{}]
    for y in states.get(obs[0], all_states):
        v[y] = start_p[y] + emit_p[y].get(obs[0], _MIN_FLOAT)
        mem_path[0][y] = ""
    for t in range(1, len(obs)):
        prev = [x for x in mem_path[t - 1] if len(trans_p[x]) > 0]
        cands = states.get(obs[t])
        if cands is not None:
            before = set(prev)
            obs_states = {y for y in cands if not preds.get(y, _NONE).isdisjoint(before)}
        else:
            obs_states = set()
        if not obs_states:
            expect = {y for x in prev for y in trans_p[x]}
            obs_states = (set(all_states) & expect) if cands is None else set()
            if not obs_states:
                obs_states = expect if expect else set(all_states)
        nv, path = {}, {}
        ch = obs[t]
        for y in obs_states:
            em = emit_p[y].get(ch, _MIN_FLOAT)
            best = None
            for y0 in prev:
                tr = trans_p[y0].get(y)
                if tr is None:
                    continue
                cand = (v[y0] + tr + em, y0)
                if best is None or cand > best:
                    best = cand
            if best is None or best[0] == _NEG_INF:
                best = (_NEG_INF, max(prev))  # every way in is impossible: jieba's max
            nv[y], path[y] = best
        v = nv
        mem_path.append(path)
    prob, state = max((v[y], y) for y in mem_path[-1])
    route = [None] * len(obs)
    for i in range(len(obs) - 1, -1, -1):
        route[i] = state
        state = mem_path[i][state]
    return route


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
