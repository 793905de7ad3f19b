"""graph.postag gives exactly jieba.posseg's words and tags."""
from __future__ import annotations

import random
from pathlib import Path

import jieba.posseg

from graph.postag import pos_tags

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
