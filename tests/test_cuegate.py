"""Cue gates (graph/cuegate.py): a gated pattern answers exactly as its expression does;
the gate only skips texts that hold none of the words every match contains."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

import graph.settling as settling
import graph.sites as sites
import graph.splitresults as splitresults
from graph.cuegate import Gated, gate, required_words, scans_fast

CASES = [case for path in sorted((Path(__file__).parent / "data").glob("extraction_cases*.yaml"))
         for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]]


def test_required_words_of_common_forms() -> None:
    assert required_words(re.compile(r"(?:首批|率先)?(?:入驻|落户)了?")) == {"入驻", "落户"}
    assert required_words(re.compile(r"\d+家|[一二三]家企业")) == {"家", "家企业"}
    assert required_words(re.compile(r"[^，。]{0,6}?(?=园区|基地)")) == {"园区", "基地"}
    assert required_words(re.compile(r"(?:甲|乙)*(?:丙)?")) is None  # matches the empty text
    assert required_words(re.compile(r"[\u4e00-\u9fff]{2,4}园")) == {"园"}
    assert required_words(re.compile(r"[\u4e00-\u9fff]{2,4}")) is None
    assert required_words(re.compile(r"(?!入驻)[\u4e00-\u9fff]")) is None  # a negative look
    assert required_words(re.compile(r"park", re.I)) is None


def test_patterns_that_scan_fast_are_left_alone() -> None:
    cue_list = re.compile("入驻|落户|进驻")
    assert scans_fast(cue_list) and gate(cue_list) is cue_list
    slow = re.compile(r"(?:已经|先后)?(?:入驻|落户)")
    assert not scans_fast(slow) and isinstance(gate(slow), Gated)


def test_gated_pattern_answers_as_its_expression() -> None:
    g = gate(re.compile(r"(?:已经|先后)?(?:入驻|落户)(?P<p>[\u4e00-\u9fff]{2})"))
    assert isinstance(g, Gated)
    for text in ("甲公司已经入驻乙园区。", "甲公司落户丙县。", "甲公司在丙县投资建厂。", ""):
        assert [m.span() for m in g.finditer(text)] == [m.span() for m in g._re.finditer(text)]
        assert (g.search(text) or None) == (g._re.search(text) or None) or \
            g.search(text).span() == g._re.search(text).span()
        assert g.findall(text) == g._re.findall(text)
        assert g.match(text, 0) == g._re.match(text, 0) or g.match(text).span() == g._re.match(text).span()
    assert g.pattern == g._re.pattern and g.groupindex == g._re.groupindex


def test_rule_patterns_find_the_same_matches_through_the_gate() -> None:
    gated = [p for mod in (settling, sites, splitresults) for p in mod._patterns().values()
             if isinstance(p, Gated)]
    assert gated
    texts = [c["text"] for c in CASES]
    texts += [t[i:] for t in texts[:50] for i in (1, 5)]  # (parts of sentences too)
    for p in gated:
        for t in texts:
            got = [(m.span(), m.groups()) for m in p.finditer(t)]
            assert got == [(m.span(), m.groups()) for m in p._re.finditer(t)], (p.pattern, t)
