"""Clause edges within a sentence (graph/sentences.py)."""
import pytest

from graph.sentences import clause_start, clause_stop


@pytest.mark.parametrize("text, word, start", [
    ("甲地与乙地签约，该园由丙区与丁县共同出资建设", "共同", 8),
    ("该园由丙区与丁县按6:4比例出资组建管理公司", "出资", 0),   # a ratio is no clause break
    ("会议于9:30开始，双方按7：3比例出资", "出资", 10),         # nor is a time (either colon)
    ("名单如下:丙区、丁县共同出资", "共同", 5),                  # a colon after words is one
    ("丙区与丁县共同出资", "共同", 0),
])
def test_clause_start(text, word, start):
    assert clause_start(text, text.index(word)) == start


def test_clause_stop_is_the_next_comma_or_the_end():
    text = "该园由丙区与丁县共建，已入驻企业9家"
    assert clause_stop(text, 0) == text.index("，")
    assert clause_stop(text, text.index("已")) == len(text)
