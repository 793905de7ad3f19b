"""graph.postag gives exactly jieba.posseg's words and tags."""
from __future__ import annotations

import random
from pathlib import Path

import jieba.posseg

from graph import postag
from graph.postag import pos_tags, word_freq

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _posseg(text: str) -> tuple[tuple[str, str], ...]:
    return tuple((p.word, p.flag) for p in jieba.posseg.cut(text))


def test_same_words_and_tags_as_posseg_on_windows_of_real_text() -> None:
    text = "".join(f.read_text(encoding="utf-8") for f in sorted(SEEDS.glob("*.txt")))
    rng = random.Random(3)
    windows = [text[i:i + rng.randint(1, 30)] for i in
               (rng.randrange(len(text)) for _ in range(3000))]
    windows += ["", " ", "Ａ股2024年GDP增长5.2%", "a b\r\nc", "5G基站、A区", "高新北区"]
    for w in windows:
        assert pos_tags(w) == _posseg(w), w


def test_same_on_long_runs_and_same_dictionary_frequencies() -> None:
    text = "".join(f.read_text(encoding="utf-8") for f in sorted(SEEDS.glob("*.txt")))
    rng = random.Random(5)
    for i in (rng.randrange(len(text)) for _ in range(40)):
        w = text[i:i + 400]
        assert pos_tags(w) == _posseg(w), w
    words = {w for i in range(0, len(text), 97) for w, _ in _posseg(text[i:i + 40])}
    words |= {"", "的", "合作", "金湾", "产业园", "不是一个词"}
    assert all(word_freq(w) == jieba.dt.FREQ.get(w, 0) for w in words)


def test_the_table_is_cached_once_and_rebuilt_when_unreadable(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("COOPGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    first = postag._load_blob()
    files = list((tmp_path / "cache").iterdir())
    assert [f.suffix for f in files] == [".bin"]  # one table, no temporary left behind
    assert postag._load_blob() == first
    files[0].write_bytes(b"not a table")
    assert postag._load_blob() == first
    assert files[0].read_bytes() != b"not a table"


def test_the_hmm_finds_the_same_state_path_as_jiebas_viterbi() -> None:
    from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P
    from jieba.posseg.viterbi import viterbi

    text = "".join(f.read_text(encoding="utf-8") for f in sorted(SEEDS.glob("*.txt")))
    han = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    rng = random.Random(11)
    runs = ["".join(rng.choice(han) for _ in range(rng.randint(1, 12))) for _ in range(300)]
    runs += ["".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(rng.randint(1, 5)))
             for _ in range(40)]  # rare characters too, some the HMM has never seen
    runs += ["㐀㐁", "𠀀字"]
    for run in runs:
        assert postag._viterbi(run) == viterbi(run, char_state_tab_P, start_P, trans_P, emit_P)[1], run


def test_word_by_word_tags_are_the_same_and_the_window_helpers_agree() -> None:
    from graph.mentions import _next_start, _word_over

    text = "".join(f.read_text(encoding="utf-8") for f in sorted(SEEDS.glob("*.txt")))
    rng = random.Random(7)
    for i in (rng.randrange(len(text)) for _ in range(500)):
        w = text[i:i + rng.randint(1, 24)]
        tags = pos_tags(w)
        assert tuple(postag.iter_tags(w)) == tags, w
        starts = [sum(len(x) for x, _ in tags[:n]) for n in range(len(tags))]
        for at in range(len(w) + 1):
            assert _next_start(w, at) == next((s for s in starts if s >= at), None), (w, at)
            over = [x for s, (x, _) in zip(starts, tags) if s <= at < s + len(x)]
            assert _word_over(w, at) == (over[0] if over else None), (w, at)
