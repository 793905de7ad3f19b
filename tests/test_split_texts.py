"""The function texts a split keeps: what each side does, without the verb that sends it
to its place (设在, 建在) or the adverbs before that verb (仍, 都)."""
from __future__ import annotations

import pytest

from graph.pipeline import extract_text


@pytest.mark.parametrize("text, expected", [
    ("项目概况：公司总部和研发中心设在常州市武进区，生产基地建在泰州市姜堰区。",
     ("总部和研发中心", "生产基地")),
    ("这家企业的品牌总部仍设在杭州市余杭区，加工车间则放到了衢州市柯城区。",
     ("品牌总部", "加工车间")),
])
def test_function_texts_drop_the_verb_and_its_adverbs(text, expected) -> None:
    got = {(f.args["up_text"], f.args["down_text"]) for f in extract_text(text).facts
           if f.relation == "pairing"}
    assert got == {expected}


def test_a_function_ending_like_a_verb_stays() -> None:
    """建设 ends with 设, but 建 alone is no function: the text is kept whole."""
    from graph.splitclauses import function_text
    from graph.functionwords import classify_function
    assert function_text("基础设施建设", classify_function) == "基础设施建设"
    assert function_text("总部则保留", classify_function) == "总部"
