"""Cheap tests that skip jieba's tagging (graph/mentions.py, graph/routenames.py) give
the answer the tagging gives, on every position of the extraction cases."""
from __future__ import annotations

from pathlib import Path

import yaml

import graph.mentions as mentions
from graph.gazetteer import load
from graph.postag import pos_tags, word_freq
from graph.routenames import _via_inside

CASES = [case for path in sorted((Path(__file__).parent / "data").glob("extraction_cases*.yaml"))
         for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]]
TEXTS = [c["text"] for c in CASES][:300]


def _inside_word_tagged(text: str, k: int) -> bool:
    lo = max(0, k - 3)
    word = mentions._word_over(text[lo:k + 3], k - lo)
    return word is not None and len(word) > 1 and word not in load().surfaces and \
        word_freq(word) > 0


def test_inside_word_precheck_agrees_with_the_tagging() -> None:
    for text in TEXTS:
        for k in range(len(text)):
            assert mentions._inside_word(text, k) == _inside_word_tagged(text, k), (text, k)


def test_via_inside_without_jing_is_zero() -> None:
    for text in TEXTS:
        for end in range(4, min(len(text), 40)):
            name = text[:end]
            at, found = 0, 0
            for word, _ in pos_tags(name[:-1]):
                at += len(word)
                if word == "经" and len(name) - at >= 3:
                    found = at
                    break
            if "经" not in name[:-1]:
                assert _via_inside(name, name[-1], []) == 0 == found


def test_verb_not_here_a_place_untouched_without_a_place_prefix() -> None:
    index = mentions._SpanIndex([])
    for text in TEXTS:
        for start in range(0, min(len(text), 30), 3):
            name = text[start:start + 8]
            tokens = pos_tags(name)
            tagged = name if (len(tokens) < 2 or tokens[0][1] != "v" or len(tokens[0][0]) < 2
                              or tokens[0][0] not in load().surfaces) else None
            if tagged is not None:
                assert mentions._verb_not_here_a_place(name, start, name[-2:], index) == name
