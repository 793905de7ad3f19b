"""Evidence offsets locate the evidence sentence in the text the user has.

Every article is built to a graph file; each ``cg:EvidenceSentence`` is then looked up in
the source named by its document's ``cg:offsetBasis`` (the decoded file for .txt and .md,
trafilatura's text for HTML) and the slice must be the evidence sentence. Cleaning drops
captions and credits, joins broken lines, folds width and removes repeated paragraphs:
none of it may shift the offsets.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, Store

from graph.pipeline import build, extract_text
from graph.read import decode_bytes, html_to_text, read_document
from graph.textnorm import clean_lines, clean_mapped, split_lines, split_lines_mapped

# Written for this test (not from the seeds or the dev set): a co-built park, a function
# split and a twinning, in one paragraph each.
HANS = ["湖州市吴兴区与衢州市柯城区签订协议，共建吴兴柯城产业合作园。",
        "两地探索“研发在吴兴、制造在柯城”的合作模式。",
        "嘉善县与庆元县开展山海协作，结对帮扶。"]
HANT = ["湖州市吳興區與衢州市柯城區簽訂協議，共建吳興柯城產業合作園。",
        "兩地探索「研發在吳興、製造在柯城」的合作模式。",
        "嘉善縣與慶元縣開展山海協作，結對幫扶。"]
NOISY = "\r\n".join([
    "吴兴柯城合作再提速",
    "来源：浙江日报　２０２４年３月１日",
    "图为吴兴柯城产业合作园一景。",
    "\u3000\u3000山海协作多年来成果丰硕。" + HANS[0][:-6],
    HANS[0][-6:],
    "",
    "\u3000\u3000" + HANS[1].replace("研发", "研\u200b发"),
    "\u3000\u3000山海协作多年来成果丰硕，两地干部群众交流频繁，合作基础扎实。",
    "\u3000\u3000山海协作多年来成果丰硕，两地干部群众交流频繁，合作基础扎实。",
    "\u3000\u3000" + HANS[2].replace("，", "，  "),
    "责任编辑：王五",
]) + "\r\n"
HTML = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>山海协作新进展</title></head>"
        "<body><nav><a href='/'>首页</a> <a href='/a'>要闻</a> <a href='/b'>地方</a></nav>"
        "<article><h1>山海协作新进展</h1>"
        + "".join(f"<p>{s}这是本报记者在当地采访时了解到的情况。</p>" for s in HANS)
        + "</article><footer>版权所有 © 2024</footer></body></html>")

CG = "https://w3id.org/coopgraph/ontology#"
QUERY = f"""PREFIX cg: <{CG}> PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?path ?basis ?text ?start ?end WHERE {{
  ?ev a cg:EvidenceSentence ; prov:value ?text ; cg:startOffset ?start ;
      cg:endOffset ?end ; dcterms:isPartOf ?doc .
  ?doc cg:sourcePath ?path ; cg:offsetBasis ?basis .
}} ORDER BY ?path ?start"""


@pytest.fixture(scope="module")
def located(tmp_path_factory) -> list[tuple[str, str, str, str]]:
    """(file name, basis, source slice, evidence) for every evidence node of the build."""
    tmp = tmp_path_factory.mktemp("offsets")
    files = {
        "hans.txt": "\n".join(HANS).encode("utf-8"),
        "hant.txt": "\n\n".join(HANT).encode("utf-8"),
        "gbk.txt": "\n".join(["　　" + s for s in HANS]).encode("gbk"),
        "big5.txt": "\n".join(HANT).encode("big5"),
        "noisy.txt": b"\xef\xbb\xbf" + NOISY.encode("utf-8"),
        "page.html": HTML.encode("utf-8"),
        "note.md": ("# 山海协作\n\n" + "\n".join(f"* {s}" for s in HANS)
                    ).encode("utf-8"),
    }
    for name, data in files.items():
        (tmp / "in" / name).parent.mkdir(exist_ok=True)
        (tmp / "in" / name).write_bytes(data)
    build([tmp / "in"], tmp / "g.trig")
    store = Store()
    store.load(path=str(tmp / "g.trig"), format=RdfFormat.TRIG)
    rows = []
    for r in store.query(QUERY, use_default_graph_as_union=True):
        path = Path(r["path"].value)
        source, _ = decode_bytes(path.read_bytes(), path.name)
        if path.suffix == ".html":
            source = html_to_text(source)[0]
        start, end = int(r["start"].value), int(r["end"].value)
        rows.append((path.name, r["basis"].value.rsplit("#", 1)[1], source[start:end],
                     r["text"].value))
    return rows


def test_every_evidence_is_at_its_offsets_in_the_source(located) -> None:
    names = {name for name, *_ in located}
    assert names == {"hans.txt", "hant.txt", "gbk.txt", "big5.txt", "noisy.txt",
                     "page.html", "note.md"}
    for name, _, piece, evidence in located:
        if piece != evidence:  # only what cleaning removes may differ: a joined line
            # break, a zero-width character, a run of spaces collapsed
            assert _squash(piece) == _squash(evidence), (name, piece, evidence)
            assert re.search("\n|\u200b|  ", piece), (name, piece)
    exact = sum(piece == evidence for _, _, piece, evidence in located)
    assert exact >= len(located) - 4 and len(located) >= 21


def _squash(text: str) -> str:
    return re.sub("[\\s\u200b]", "", text)


def test_each_document_says_which_text_its_offsets_index(located) -> None:
    basis = {name: b for name, b, *_ in located}
    assert basis == {"hans.txt": "DecodedFileText", "hant.txt": "DecodedFileText",
                     "gbk.txt": "DecodedFileText", "big5.txt": "DecodedFileText",
                     "noisy.txt": "DecodedFileText", "note.md": "DecodedFileText",
                     "page.html": "ExtractedText"}


def test_the_noisy_article_keeps_every_fact_and_offsets_past_the_noise(located) -> None:
    noisy = [(piece, ev) for name, _, piece, ev in located if name == "noisy.txt"]
    texts = [ev for _, ev in noisy]
    assert HANS[2] not in texts and HANS[2].replace("，", "， ") in texts  # spaces collapsed
    assert any("\n" in piece for piece, _ in noisy)  # the broken line, joined
    source = NOISY.replace("\r\n", "\n")
    assert all(ev.replace(" ", "") in source.replace("\r", "").replace("\u200b", "")
               .replace(" ", "").replace("\n", "") for ev in texts)


def test_mapped_cleaning_gives_the_same_text_as_plain_cleaning() -> None:
    for raw in (NOISY, "\n".join(HANT), "甲\r\n\r\n  乙\u3000\u3000丙 \r丁\u200b戊\x0c己",
                "两 地 合 作 共 建 产 业 园 区 成 效 显 著 ， 引 进 企 业 多 家 。"):
        mapped = split_lines_mapped(raw)
        assert [t for t, _ in mapped] == split_lines(raw)
        paragraphs = clean_mapped(mapped)
        assert [t for t, _ in paragraphs] == clean_lines(split_lines(raw))
        for text, offsets in paragraphs:
            assert len(offsets) == len(text) and offsets == sorted(offsets)
            assert all(raw[o] == c for c, o in zip(text, offsets) if c != " ")


def test_offsets_of_a_string_index_the_string() -> None:
    text = "图为园区一景。\n\u3000\u3000" + HANS[0] + "\n" + HANS[0]
    ex = extract_text(text)
    assert ex.documents[0].offset_basis == "given"
    for f in ex.facts:
        assert text[f.span.source_start:f.span.source_end] == f.span.text


def test_read_document_offsets_compose_through_markdown(tmp_path) -> None:
    md = tmp_path / "a.md"
    md.write_text("---\ntitle: 标题\n---\n## 小节\n\n[湖州市](http://x)吴兴区与衢州市柯城区签订协议。\r\n",
                  encoding="utf-8")
    doc = read_document(md, "a")
    raw = md.read_text(encoding="utf-8")
    start = doc.text.index("湖州市")
    s, e = doc.source_span(start, start + 3)
    assert raw[s:e] == "湖州市" and doc.offset_basis == "decoded"
    s, e = doc.source_span(start + 3, start + 6)
    assert raw[s:e] == "吴兴区"
