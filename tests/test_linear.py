"""The position indexes that keep extraction linear give what the full scans gave."""
from __future__ import annotations

import random

from graph.mentions import Mention, _occurrence_counter, _SpanIndex, _suffix_automaton


def _mention(s: int, e: int) -> Mention:
    return Mention(s, e, "x" * (e - s), "Region", "City", "gaz")


def test_span_index_matches_a_full_scan() -> None:
    rng = random.Random(7)
    spans = [(s, s + rng.randint(1, 9)) for s in (rng.randint(0, 300) for _ in range(200))]
    mentions = [_mention(s, e) for s, e in spans]
    index = _SpanIndex(mentions)
    for _ in range(300):
        lo = rng.randint(0, 310)
        hi = lo + rng.randint(1, 15)
        assert index.within(lo, hi) == [m for m in mentions if m.start >= lo and m.end <= hi]
        near = index.near(lo, hi)
        assert [m for m in mentions if m.start < hi and lo < m.end] == \
            [m for m in near if m.start < hi and lo < m.end]


def test_occurrences_of_a_name_are_counted_as_str_count_does() -> None:
    text = "港港港口岸，深港港。唐家港至深圳港，唐家港、唐家港港澳"
    hits = [(e - len(s) + 1, e + 1, s) for e, s in _suffix_automaton().iter(text)]
    count = _occurrence_counter(text, hits)
    for name in ("港港", "唐家港", "深港", "家港", "深圳港", "港港港", "不在港"):
        assert count(name, "港") == text.count(name), name


def test_overlong_sentences_are_cut_into_bounded_pieces() -> None:
    from graph.sentences import MAX_SENTENCE, split_sentences

    text = "甲" * 900 + "，" + "乙" * 900 + "。" + "丙" * 2100 + "\n短句。"
    got = split_sentences(text)
    assert [len(s.text) for s in got] == [901, 901, MAX_SENTENCE, MAX_SENTENCE, 100, 3]
    assert got[0].text.endswith("，")  # a comma near the limit, not mid-clause
    assert all(text[s.start:s.end] == s.text for s in got)


def test_span_index_of_mentions_in_order_matches_a_full_scan() -> None:
    rng = random.Random(11)
    starts = sorted(rng.randint(0, 300) for _ in range(120))
    mentions = [_mention(s, s + rng.randint(1, 6)) for s in starts]
    index = _SpanIndex(mentions)
    for lo in range(0, 310, 7):
        hi = lo + 9
        assert index.within(lo, hi) == [m for m in mentions if m.start >= lo and m.end <= hi]
        assert index.starting_in(lo, hi) == [m for m in mentions if lo <= m.start < hi]


def test_extraction_pauses_the_cycle_collector_as_it_was() -> None:
    import gc

    from graph.pipeline import collector_paused

    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()  # as it was
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()


def test_extraction_makes_no_reference_cycles() -> None:
    """What the paused collector relies on (in a fresh process: other tests' threads
    may drop garbage of their own at any time)."""
    import subprocess
    import sys

    code = (
        "import gc\n"
        "from graph.pipeline import extract_text\n"
        "text = '甲市与乙县共建产业园区，研发在甲市，生产在乙县。该园区位于乙县城东，引进丙丁科技有限公司。'\n"
        "extract_text(text)\n"  # (the first one loads tables: imports make cycles)
        "gc.disable(); gc.collect()\n"
        "extract_text(text)\n"
        "print(gc.collect())\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip().splitlines()[-1] == "0"
