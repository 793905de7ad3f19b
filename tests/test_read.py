"""Discovery, decoding and format extraction. Every fixture is generated here, into
``tmp_path``; the sentences are invented for these tests."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from graph.errors import InputError
from graph.read import (decode_bytes, discover, looks_chinese, read_document,
                        read_documents, strip_markdown, unique_ids)

SIMP = ["东城区与西山县签署产业合作协议，双方将共建一座电子信息产业园。",
        "根据协议，研发环节放在东城区，生产制造放在西山县，两地联合招商。",
        "园区规划面积三百亩，计划于明年年底前建成投产，预计吸引三十家企业入驻。"]
TRAD = ["澳門與橫琴兩地攜手推進跨境基礎設施建設，輕軌橫琴線將於明年動工。",
        "特區政府表示，項目建成後將便利兩地居民往來，促進產業協同發展。",
        "據規劃，線路全長約二點二公里，設兩個車站，由中資企業承建。"]
SIMP_TEXT = "\n\n".join(SIMP)
TRAD_TEXT = "\n\n".join(TRAD)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------- encodings

@pytest.mark.parametrize("encoding, recorded, text", [
    ("utf-8", "utf-8", SIMP_TEXT),
    ("utf-8-sig", "utf-8-sig", SIMP_TEXT),
    ("utf-16", "utf-16", SIMP_TEXT),
    ("utf-16", "utf-16", TRAD_TEXT),
    ("gbk", "gb18030", SIMP_TEXT),
    ("gb18030", "gb18030", SIMP_TEXT + "\n\n字库外的字䶮与𠮷也能读出来，不会出错。"),
    ("big5", "big5", TRAD_TEXT),
    ("cp950", "big5", TRAD_TEXT),
])
def test_text_encodings_are_detected(tmp_path, encoding, recorded, text):
    path = write(tmp_path / "article.txt", text, encoding)
    doc = read_document(path, "article")
    assert doc.text == text
    assert doc.encoding == recorded
    assert len(doc.norm) == len(doc.text)


def test_short_gbk_and_big5_lines(tmp_path):
    gbk = write(tmp_path / "g.txt", "两地共建产业园，研发在东城。", "gbk")
    big5 = write(tmp_path / "b.txt", "兩地共建產業園，研發在東城。", "big5")
    assert read_document(gbk, "g").text == "两地共建产业园，研发在东城。"
    assert read_document(big5, "b").text == "兩地共建產業園，研發在東城。"


def test_undecodable_file_is_skipped_and_the_rest_is_read(tmp_path):
    write(tmp_path / "a.txt", SIMP_TEXT)
    (tmp_path / "junk.txt").write_bytes(random.Random(3).randbytes(4000))
    write(tmp_path / "z.txt", TRAD_TEXT, "big5")
    docs, skipped = read_documents([tmp_path])
    assert [d.doc_id for d in docs] == ["a", "z"]
    assert skipped == [(str(tmp_path / "junk.txt"),
                        "cannot decode junk.txt: not UTF-8, GB18030 or Big5 text")]


def test_utf8_with_a_truncated_character_stays_utf8(tmp_path):
    data = SIMP_TEXT.encode("utf-8") + "\n\n最后一段被截断了".encode("utf-8")[:-1]
    doc = read_document(write_bytes(tmp_path / "cut.txt", data), "cut")
    assert doc.encoding == "utf-8"
    assert doc.text == SIMP_TEXT + "\n\n最后一段被截断\ufffd"


def test_latin1_text_is_not_taken_for_chinese():
    data = "Café crème brûlée à la française, déjà vu".encode("latin-1")
    with pytest.raises(InputError, match="^cannot decode x.txt: not UTF-8, GB18030 or Big5 text$"):
        decode_bytes(data, "x.txt")


def test_looks_chinese():
    assert looks_chinese("两地共建产业园，ABC 2023。")
    assert not looks_chinese("plain ascii")
    assert not looks_chinese("\ue000\ue001两地")


# ---------------------------------------------------------------- HTML

HTML = """<!DOCTYPE html>
<html><head><meta charset="{charset}">
<title>两地共建产业园迎来新进展_示例新闻网</title>
<meta name="publishdate" content="2023-12-05">
<meta property="og:site_name" content="示例新闻网">
<script>var banner = "脚本里的文字不应出现";</script>
<style>.nav {{ color: red }}</style>
</head><body>
<nav><ul><li><a href="/">首页</a></li><li><a href="/a">要闻</a></li><li><a href="/b">地方</a></li></ul></nav>
<div class="article">
<h1>两地共建产业园迎来新进展</h1>
<p>{p0}</p>
<p>{p1}</p>
<p>{p2}</p>
</div>
<div class="related"><h3>相关阅读</h3><ul>
<li><a href="/1">东城区推进对口协作工作</a></li>
<li><a href="/2">西山县营商环境持续优化</a></li>
<li><a href="/3">产业园建设全面提速</a></li></ul></div>
<footer>版权所有 示例新闻网</footer>
</body></html>"""


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_html_main_text_and_metadata(tmp_path, encoding):
    html = HTML.format(charset=encoding, p0=SIMP[0], p1=SIMP[1], p2=SIMP[2])
    path = write(tmp_path / "page.html", html, encoding)
    doc = read_document(path, "page")
    assert doc.text == SIMP_TEXT
    assert (doc.title, doc.date, doc.source) == ("两地共建产业园迎来新进展", "2023-12-05", "示例新闻网")
    assert doc.media_type == "text/html"
    assert doc.encoding == ("utf-8" if encoding == "utf-8" else "gb18030")


def test_html_traditional(tmp_path):
    html = HTML.format(charset="utf-8", p0=TRAD[0], p1=TRAD[1], p2=TRAD[2])
    doc = read_document(write(tmp_path / "p.htm", html), "p")
    assert doc.text == TRAD_TEXT
    assert doc.script == "Hant"
    assert doc.norm.startswith("澳门与横琴两地携手推进跨境基础设施建设,轻轨横琴线将于明年动工。")


# ---------------------------------------------------------------- PDF

def _pdf(path: Path, lines: list[str]) -> Path:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))
    c.setTitle("示例标题")
    y = 780
    for line in lines:
        if line == "<page>":
            c.showPage()
            y = 780
            continue
        c.setFont("STSong-Light", 12)
        c.drawString(60, y, line)
        y -= 18
    c.showPage()
    c.save()
    return path


def test_pdf_text_layer_with_cjk_cid_font(tmp_path):
    body = "".join(SIMP)
    wrapped = [body[i:i + 24] for i in range(0, len(body), 24)]
    path = _pdf(tmp_path / "report.pdf", ["东城区西山县产业合作", *wrapped, "- 1 -", "<page>",
                                          "第二页另起一段，介绍招商进展。"])
    doc = read_document(path, "report")
    assert doc.text == f"东城区西山县产业合作\n\n{body}\n\n第二页另起一段，介绍招商进展。"
    assert doc.title == "示例标题"
    assert doc.media_type == "application/pdf"
    assert doc.encoding is None


def test_pdf_without_text_layer(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.rect(100, 100, 200, 200, fill=1)
    c.showPage()
    c.save()
    with pytest.raises(InputError, match="^scan.pdf has no text layer$"):
        read_document(path, "scan")


def test_damaged_pdf(tmp_path):
    path = write(tmp_path / "bad.pdf", "%PDF-1.4 这不是真正的PDF")
    with pytest.raises(InputError, match="^cannot parse bad.pdf: "):
        read_document(path, "bad")


# ---------------------------------------------------------------- DOCX

def test_docx_paragraphs(tmp_path):
    import docx

    d = docx.Document()
    d.core_properties.title = "示例文档标题"
    d.add_heading("两地共建产业园", level=1)
    for para in SIMP:
        d.add_paragraph(para)
    d.add_paragraph("图为产业园效果图。")
    d.add_paragraph(SIMP[0])  # pasted twice
    d.add_paragraph("责任编辑：王小五")
    path = tmp_path / "memo.docx"
    d.save(str(path))
    doc = read_document(path, "memo")
    assert doc.text == "两地共建产业园\n\n" + SIMP_TEXT
    assert doc.title == "示例文档标题"
    assert doc.media_type.endswith("wordprocessingml.document")


def test_damaged_docx(tmp_path):
    path = write(tmp_path / "bad.docx", "不是压缩包")
    with pytest.raises(InputError, match="^cannot parse bad.docx: not a Word .docx file$"):
        read_document(path, "bad")


# ---------------------------------------------------------------- Markdown

def test_markdown_markup_and_front_matter():
    md = ("---\ntitle: 两地共建产业园\ndate: 2022-06-01\nsource: 示例周刊\n---\n"
          "# 两地共建产业园\n\n"
          "**东城区**与[西山县](https://example.org/x)签署协议。\n\n"
          "![效果图](img.png)\n\n"
          "- 研发在`东城区`\n- 生产在*西山县*\n\n> 两地联合招商。\n")
    text, meta = strip_markdown(md)
    assert [line.strip() for line in text.splitlines() if line.strip()] == [
        "两地共建产业园", "东城区与西山县签署协议。", "研发在东城区", "生产在西山县", "两地联合招商。"]
    assert (meta.title, meta.date, meta.source) == ("两地共建产业园", "2022-06-01", "示例周刊")


def test_markdown_file(tmp_path):
    path = write(tmp_path / "note.md", "## 小标题\n\n" + SIMP_TEXT)
    doc = read_document(path, "note")
    assert doc.text == "小标题\n\n" + SIMP_TEXT
    assert doc.media_type == "text/markdown"


# ---------------------------------------------------------------- documents

def test_cleaning_metadata_and_folding_together(tmp_path):
    raw = ("兩地共建產業園迎來新進展\n"
           "2021-04-25 09:30 來源：示例商報\n\n"
           "（記者 陳大文）" + TRAD[2] + "\n\n"
           "圖為園區全景。\n\n"
           + TRAD[0] + TRAD[1][:8] + "\n\n" + TRAD[1][8:] + "\n\n"
           "（記者 陳大文）" + TRAD[2] + "\n\n"
           "責任編輯：李小四\n")
    doc = read_document(write(tmp_path / "hk.txt", raw), "hk")
    assert doc.text == ("兩地共建產業園迎來新進展\n\n（記者 陳大文）" + TRAD[2] + "\n\n"
                        + TRAD[0] + TRAD[1])
    assert doc.norm == ("两地共建产业园迎来新进展\n\n(记者 陈大文)"
                        "据规划,线路全长约二点二公里,设两个车站,由中资企业承建。\n\n"
                        "澳门与横琴两地携手推进跨境基础设施建设,轻轨横琴线将于明年动工。"
                        "特区政府表示,项目建成后将便利两地居民往来,促进产业协同发展。")
    assert len(doc.norm) == len(doc.text)
    assert (doc.title, doc.date, doc.source, doc.script) == (
        "兩地共建產業園迎來新進展", "2021-04-25", "示例商報", "Hant")
    assert (doc.doc_id, doc.path, doc.media_type) == ("hk", str(tmp_path / "hk.txt"), "text/plain")


def test_sidecar_overrides_detected_metadata(tmp_path):
    path = write(tmp_path / "a.txt", "正文标题\n2020-01-01 来源：正文报\n\n" + SIMP_TEXT)
    (tmp_path / "a.json").write_text(json.dumps(
        {"title": "侧车标题", "date": "2021-05-06", "url": "https://example.org/a"},
        ensure_ascii=False), encoding="utf-8")
    doc = read_document(path, "a")
    assert (doc.title, doc.date, doc.source, doc.url) == (
        "侧车标题", "2021-05-06", "正文报", "https://example.org/a")


def test_malformed_sidecar_skips_its_document(tmp_path):
    write(tmp_path / "a.txt", SIMP_TEXT)
    (tmp_path / "a.json").write_text("{oops", encoding="utf-8")
    write(tmp_path / "b.txt", SIMP_TEXT)
    docs, skipped = read_documents([tmp_path])
    assert [d.doc_id for d in docs] == ["b"]
    assert skipped == [(str(tmp_path / "a.txt"), "malformed sidecar a.json: Expecting property "
                        "name enclosed in double quotes: line 1 column 2 (char 1)")]


def test_empty_file(tmp_path):
    with pytest.raises(InputError, match="^empty.txt has no text$"):
        read_document(write(tmp_path / "empty.txt", "\n\n  \n"), "empty")


def test_unsupported_file_named_explicitly(tmp_path):
    path = write(tmp_path / "notes.rtf", "x")
    assert discover([path]) == [path]
    with pytest.raises(InputError, match=r"^unsupported file type: notes.rtf \(use .txt, .md, "
                                         r".html, .htm, .pdf, .docx\)$"):
        read_document(path, "notes")


# ---------------------------------------------------------------- discovery

def test_discover_recurses_sorts_and_skips(tmp_path):
    for name in ["b/x.txt", "a/x.TXT", "a/y.html", "a/y.json", "a/c/z.md", "a/c/z.pdf",
                 "a/readme.rtf", ".hidden/h.txt", "a/.h.txt", "a/~$lock.docx", "top.docx"]:
        write(tmp_path / name, "x")
    assert discover([tmp_path]) == [tmp_path / p for p in [
        "a/c/z.md", "a/c/z.pdf", "a/x.TXT", "a/y.html", "b/x.txt", "top.docx"]]


def test_discover_explicit_files_and_folders_without_duplicates(tmp_path):
    a = write(tmp_path / "d/a.txt", "x")
    b = write(tmp_path / "b.md", "x")
    side = write(tmp_path / "d/a.json", "{}")
    assert discover([b, tmp_path / "d", a, side]) == [b, a]


def test_discover_missing_path(tmp_path):
    missing = tmp_path / "nope"
    with pytest.raises(InputError, match=f"^no such file or folder: {missing}$"):
        discover([tmp_path, missing])


def test_unique_ids_are_deterministic():
    paths = [Path("a/x.txt"), Path("a/y.txt"), Path("b/x.html"), Path("c/x.md")]
    assert unique_ids(paths) == ["x", "y", "x-2", "x-3"]


def test_read_documents_assigns_unique_ids_in_order(tmp_path):
    write(tmp_path / "one/news.txt", SIMP_TEXT)
    write(tmp_path / "two/news.txt", TRAD_TEXT, "big5")
    docs, skipped = read_documents([tmp_path])
    assert [(d.doc_id, d.script) for d in docs] == [("news", "Hans"), ("news-2", "Hant")]
    assert skipped == []


def test_html_table_of_pairs_gives_a_twinning_row_per_row(tmp_path):
    """A web page's table (read as Markdown rows: cells between pipes, a rule under the
    header) whose header names the eastern and the western side pairs each row's places."""
    from graph.pipeline import extract
    rows = "".join(f"<tr><td>{n}</td><td>{a}</td><td>{b}</td></tr>" for n, a, b in (
        (1, "扬州市江都区", "榆林市米脂县"), (2, "扬州市邗江区", "榆林市佳县")))
    html = ("<html><head><meta charset='utf-8'><title>结对名单</title></head><body>"
            "<p>按照两省部署，新一轮东西部协作结对关系确定如下：</p>"
            f"<table><tr><th>序号</th><th>东部地区</th><th>西部地区</th></tr>{rows}</table>"
            "</body></html>")
    path = write(tmp_path / "pairs.html", html)
    ex = extract([path])
    labels = {k: e.label for k, e in ex.entities.items()}
    got = {tuple(sorted((labels[f.args["a"]], labels[f.args["b"]]))) for f in ex.facts
           if f.relation == "twinning"}
    assert got == {("江都区", "米脂县"), ("佳县", "邗江区")}
