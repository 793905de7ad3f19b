"""Source offsets stored as runs (graph.offsetmap) and the one-call folding of a whole text
give exactly what a list per character and a conversion per run gave.

All sentences here are written for these tests."""
from __future__ import annotations

import random

import opencc
import pytest

from graph.offsetmap import OffsetBuilder, OffsetMap, concat
from graph.read import document_from_text, read_document
from graph.textnorm import (clean_mapped, fold, fold_lines, fold_width, script_of,
                            split_lines_mapped, t2s, t2s_runs)

PARAS = ["湖州市吴兴区与衢州市柯城区签订协议，共建吴兴柯城产业合作园。",
         "两地探索“研发在吴兴、制造在柯城”的合作模式，引进企业１２家。",
         "嘉善县与庆元县开展山海协作，结对帮扶，头发乾燥的皇后著名于此。"]


BROKEN = ("园区合作多年。为推动产业发展，两地以", "科技创新为先导。")


def _random_offsets(rng: random.Random) -> list[int]:
    out, o = [], rng.randint(0, 5)
    for _ in range(rng.randint(0, 60)):
        o += rng.choice([1, 1, 1, 1, 0, 2, 7])
        out.append(o)
    return out


def test_offset_map_is_the_list_it_stores() -> None:
    rng = random.Random(11)
    for _ in range(300):
        offs = _random_offsets(rng)
        m = OffsetMap.of(offs)
        assert list(m) == offs and len(m) == len(offs) and m == offs
        assert [m[i] for i in range(len(offs))] == offs
        if offs:
            assert m[-1] == offs[-1] and m.last() == offs[-1]
        a, b = sorted(rng.randint(0, len(offs)) for _ in range(2))
        assert list(m[a:b]) == offs[a:b]
        with pytest.raises(IndexError):
            m[len(offs)]


def test_builder_merges_runs_so_equal_sequences_are_equal_maps() -> None:
    b = OffsetBuilder()
    for o in [3, 4, 5, 9, 9, 10]:
        b.add(o)
    assert b.build().runs() == [(0, 3), (3, 9), (4, 9)]
    assert OffsetMap.of(range(5, 105)).runs() == [(0, 5)]  # one run, not 100 ints
    rng = random.Random(3)
    for _ in range(100):
        parts = [OffsetMap.of(_random_offsets(rng)) for _ in range(rng.randint(0, 4))]
        assert list(concat(parts)) == [o for p in parts for o in p]
        assert concat(parts) == OffsetMap.of([o for p in parts for o in p])


def test_compose_maps_through_a_second_mapping() -> None:
    rng = random.Random(5)
    for _ in range(100):
        inner = sorted(rng.randint(0, 500) for _ in range(80))
        outer = sorted(rng.randint(0, 79) for _ in range(rng.randint(0, 40)))
        expected = [inner[o] for o in outer]
        assert list(OffsetMap.of(outer).compose(inner)) == expected
        assert list(OffsetMap.of(outer).compose(OffsetMap.of(inner))) == expected


ALPHABET = (list("澳門輕軌橫琴線將於動工爭取落成區產業園發展臺灣裡麵乾隆著頭髮皇后")
            + list("深圳汕头共建产业园研发生产反向飞地")
            + list("０１２３ＡＢｘ，。！？：；（）「」　")
            + list("abc12,.!? \n\t\r\x00\x0b") + ["ﬁ", "…", "㈠", "¼", "㎡", "①", "\u00a0", "𠀀",
                                                 "\ufeff", "\u200b", "\ud800", "\uffff", "e\u0301"])


def test_one_call_t2s_equals_the_conversion_run_by_run() -> None:
    rng = random.Random(20240501)
    for _ in range(2000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 60)))
        assert t2s(text) == t2s_runs(text), repr(text)
        assert len(fold(text)) == len(text)
    phrases = ["頭髮", "乾燥", "著名", "皇后", "後來", "麵包", "瞭解", "於是", "裡面", "，", "\n"]
    for _ in range(300):
        text = "".join(rng.choice(phrases) for _ in range(rng.randint(1, 30)))
        assert t2s(text) == t2s_runs(text)


def test_fold_lines_folds_each_line_as_fold_does() -> None:
    s2t = opencc.OpenCC("s2t")
    lines = PARAS + [s2t.convert(p) for p in PARAS] + ["", "ＡＢＣ　１２３", "頭", "髮"]
    assert fold_lines(lines) == [fold(line) for line in lines]
    assert fold_lines(["甲\n乙", "丙"]) == [fold("甲\n乙"), "丙"]  # a line with a newline
    assert fold_width("ｍ２，ﬁ") == "m2,ﬁ"


def test_script_of_counts_changed_ideographs_only() -> None:
    trad = opencc.OpenCC("s2t").convert("".join(PARAS))
    assert script_of(trad) == "Hant" and script_of("".join(PARAS)) == "Hans"
    # different lengths: only the common prefix is compared, as zip did
    assert script_of("澳門澳門", "澳门") == "Hant"
    assert script_of("１２３ＡＢＣ", "123ABC") == "Hans"  # changed, but not ideographs


def _per_char_reference(raw: str) -> list[tuple[str, list[int]]]:
    """Lines of ``raw`` with a plain list of offsets per character (spaces collapsed to
    the first one, zero-width characters dropped): what split_lines_mapped stores."""
    out = []
    for m in __import__("re").finditer(r"[^\n]+", raw.replace("\r", "\n")):
        chars, offs, space = [], [], True
        for i in range(m.start(), m.end()):
            c = raw[i]
            if c in " \t\u3000\u00a0":
                if not space:
                    chars.append(" ")
                    offs.append(i)
                    space = True
            elif c in "\u200b\ufeff":
                continue
            else:
                chars.append(c)
                offs.append(i)
                space = False
        if chars and chars[-1] == " ":
            chars.pop()
            offs.pop()
        if chars:
            out.append(("".join(chars), offs))
    return out


def test_split_lines_mapped_gives_the_per_character_offsets() -> None:
    raw = "\r\n".join(["\u3000\u3000" + PARAS[0].replace("，", "，  "), "",
                      " 标\u200b题 ", PARAS[1] + "\t\t", "\ufeff" + PARAS[2]])
    got = [(t, list(m)) for t, m in split_lines_mapped(raw)]
    assert got == _per_char_reference(raw)


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "big5"])
def test_document_offsets_index_the_decoded_file(tmp_path, encoding) -> None:
    text = "\n".join(["合作园建设提速", "图为园区一景。", *PARAS, "", BROKEN[0], "",
                      BROKEN[1], "责任编辑：王五", *PARAS])
    if encoding == "big5":
        text = opencc.OpenCC("s2t").convert(text).replace("爲", "為")
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(encoding))
    doc = read_document(path, "a")
    assert isinstance(doc.offsets, OffsetMap) and len(doc.offsets) == len(doc.text)
    assert list(doc.offsets) == sorted(doc.offsets)
    for i, c in enumerate(doc.text):
        if not c.isspace():
            assert text[doc.offsets[i]] == c
    joined = BROKEN[0][-3:] + BROKEN[1][:3]  # across the break of the broken paragraph
    if encoding == "big5":
        joined = opencc.OpenCC("s2t").convert(joined)
    start = doc.text.index(joined)
    s, e = doc.source_span(start, start + 6)
    assert text[s:e] == joined[:3] + "\n\n" + joined[3:]


def test_html_offsets_index_the_extracted_text(tmp_path) -> None:
    from graph.read import html_to_text

    html = ("<html><head><meta charset='utf-8'><title>合作园建设提速</title></head><body>"
            "<article><h1>合作园建设提速</h1>" + "".join(f"<p>{p}</p>" for p in PARAS)
            + "</article></body></html>")
    path = tmp_path / "a.html"
    path.write_text(html, encoding="utf-8")
    doc = read_document(path, "a")
    extracted, _ = html_to_text(html)
    for i, c in enumerate(doc.text):
        if not c.isspace():
            assert extracted[doc.offsets[i]] == c
    assert doc.offset_basis == "extracted"


def test_cleaning_a_long_text_keeps_a_handful_of_runs() -> None:
    raw = "\n\n".join(PARAS * 2000)  # 2000 copies: repeated paragraphs are dropped
    paragraphs = clean_mapped(split_lines_mapped(raw))
    assert [t for t, _ in paragraphs] == PARAS
    doc = document_from_text("\n".join(f"第{i}段。" + PARAS[i % 3] for i in range(3000)))
    assert len(doc.offsets) == len(doc.text)
    assert len(doc.offsets.runs()) <= 2 * 3000  # a run per paragraph and separator


def test_a_long_document_is_extracted_in_segments_with_whole_document_offsets(
        monkeypatch) -> None:
    from graph import pipeline

    source = "\n".join(f"　　第{i}次联席会议召开。" + PARAS[i % 3] for i in range(40))
    whole = pipeline.extract_text(source)
    monkeypatch.setattr(pipeline, "SEGMENT_CHARS", 400)
    doc = document_from_text(source)
    assert len(pipeline.segments(doc.text, 400)) >= 4
    cut = pipeline.extract_text(source)
    assert cut.facts and {f.identity() for f in cut.facts} == {f.identity() for f in whole.facts}
    for f in cut.facts:  # evidence indexes the whole cleaned text and the source
        assert doc.text[f.span.start:f.span.end] == f.span.text
        assert source[f.span.source_start:f.span.source_end] == f.span.text
    assert {(k, s.start, s.end) for k, s in cut.mentions.items()} == \
        {(k, s.start, s.end) for k, s in whole.mentions.items()}


def test_segments_end_at_paragraph_breaks_then_sentence_ends() -> None:
    from graph.pipeline import segments

    text = "\n\n".join(["甲" * 30 + "。"] * 10)
    cuts = segments(text, 100)
    assert cuts[0][0] == 0 and cuts[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(cuts, cuts[1:]))
    assert all(e - s <= 100 and text[e - 2:e] == "\n\n" for s, e in cuts[:-1])
    unbroken = "乙" * 99 + "。" + "丙" * 150
    assert segments(unbroken, 120) == [(0, 100), (100, 220), (220, 250)]


def test_helpers_finding_segment_mentions_give_the_same_graph(monkeypatch, tmp_path) -> None:
    """With --jobs 2, one long document's segments have their mentions found by a worker
    while the build links and relates them in order: the same graph as alone."""
    from graph import pipeline

    monkeypatch.setattr(pipeline, "SEGMENT_CHARS", 400)
    path = tmp_path / "long.txt"
    path.write_text("\n".join(f"　　第{i}次联席会议召开。" + PARAS[i % 3] for i in range(40)),
                    encoding="utf-8")
    alone = pipeline.process_file(path, "long")
    [helped] = list(pipeline.run_files([(path, "long")], jobs=2))
    assert set(helped.ntriples.split(b"\n")) == set(alone.ntriples.split(b"\n"))
    assert helped.fixed == alone.fixed and helped.relations == alone.relations
    assert alone.relations  # the text says something
