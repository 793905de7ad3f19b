"""A huge document is extracted in chunks of whole paragraphs, each on its own (in worker
processes with --jobs), and the chunks merged in order (graph.pipeline.CHUNK_CHARS): facts
keep their document and their offsets in the whole text, the result does not depend on
the number of workers, and a document below the chunk size is extracted as before.

The chunk size is forced small here so the documents stay short. All sentences are
written for these tests."""
from __future__ import annotations

import pytest

from graph import pipeline
from graph.read import document_from_text

CITIES = ["岳阳市", "益阳市", "常德市", "株洲市", "湘潭市", "衡阳市", "邵阳市", "郴州市"]


def _source(n: int = 24) -> str:
    paras = []
    for i in range(n):
        a, b = CITIES[i % 8], CITIES[(i * 3 + 1) % 8]
        if a == b:
            b = CITIES[(i + 1) % 8]
        paras.append(f"　　第{i}次会议召开。{a}与{b}签订协议，共建{a[0]}{b[0]}产业合作园。"
                     f"{a}与{b}缔结友好城市关系。")
    return "\n".join(paras)


def _facts(ex) -> set:
    return {(f.identity(), f.span.start, f.span.end) for f in ex.facts}


def test_chunks_keep_whole_document_offsets_and_the_facts_of_every_paragraph() -> None:
    source = _source()
    doc = document_from_text(source)
    whole = pipeline.extract_one(doc)
    cut = pipeline.extract_one(doc, chunk_chars=300)
    assert len(pipeline.segments(doc.text, 300)) >= 4
    # nothing here spans paragraphs: chunks find what the whole document gives
    assert cut.facts and _facts(cut) == _facts(whole)
    for f in cut.facts:
        assert f.span.doc_id == doc.doc_id
        assert doc.text[f.span.start:f.span.end] == f.span.text
        assert source[f.span.source_start:f.span.source_end] == f.span.text
    assert {(k, s.start, s.end) for k, s in cut.mentions.items()} == \
        {(k, s.start, s.end) for k, s in whole.mentions.items()}
    assert set(cut.entities) == set(whole.entities)


def test_a_fact_stated_in_two_chunks_is_kept_once_with_its_first_evidence() -> None:
    para = "　　第{}次会议召开。常德市鼎城区与张家界市永定区开展结对帮扶。"
    doc = document_from_text("\n".join(para.format(i) for i in range(12)))
    cut = pipeline.extract_one(doc, chunk_chars=120)
    assert len(pipeline.segments(doc.text, 120)) >= 3
    twins = [f for f in cut.facts if f.relation == "twinning"]
    assert len(twins) == 1 and twins[0].span.start < 40


def test_a_document_no_longer_than_the_chunk_size_is_extracted_whole() -> None:
    doc = document_from_text(_source(6))
    whole = pipeline.extract_one(doc)
    same = pipeline.extract_one(doc, chunk_chars=len(doc.text))
    assert _facts(same) == _facts(whole)
    assert same.mentions == whole.mentions and same.entities == whole.entities


@pytest.mark.parametrize("jobs", [2, 3])
def test_workers_extracting_chunks_give_the_graph_one_process_gives(
        monkeypatch, tmp_path, jobs) -> None:
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 300)
    monkeypatch.setattr(pipeline, "SEGMENT_CHARS", 200)  # segments inside each chunk
    path = tmp_path / "huge.txt"
    path.write_text(_source(), encoding="utf-8")
    alone = pipeline.process_file(path, "huge")
    [helped] = list(pipeline.run_files([(path, "huge")], jobs=jobs))
    # the same lines (in any order: stores and files sort them)
    assert sorted(bytes(helped.ntriples).splitlines()) == sorted(
        bytes(alone.ntriples).splitlines())
    assert sorted(helped.fixed.splitlines()) == sorted(alone.fixed.splitlines())
    assert helped.relations == alone.relations and alone.relations


def test_a_build_of_a_chunked_document_is_the_same_for_any_number_of_workers(
        monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 300)
    src = tmp_path / "in"
    src.mkdir()
    (src / "huge.txt").write_text(_source(), encoding="utf-8")
    outs = []
    for jobs in (1, 2):
        out = tmp_path / f"g{jobs}.trig"
        pipeline.build([src], out, jobs=jobs)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] and b"coBuiltBy" in outs[0]


def test_the_graph_made_chunk_by_chunk_is_the_graph_of_the_merged_extraction() -> None:
    """A build never holds a huge document's extraction whole: each chunk's facts and
    mentions become lines as the chunk comes, the first statement of each kept; the
    lines are those of the merged extraction's graph."""
    from collections import Counter

    from graph.rdf import document_ntriples

    para = "　　第{}次会议召开。常德市鼎城区与张家界市永定区开展结对帮扶。"
    source = _source() + "\n" + "\n".join(para.format(i) for i in range(30, 40))
    doc = document_from_text(source, "huge")
    ex = pipeline.extract_one(doc, chunk_chars=300)
    triples, fixed = document_ntriples(ex, doc)
    got, got_fixed, mentioned, relations = pipeline.chunked_graph(doc, size=300)
    assert sorted(bytes(got).splitlines()) == sorted(triples.splitlines())
    assert sorted(got_fixed.splitlines()) == sorted(fixed.splitlines())
    assert mentioned == {k: ex.entities[k].category for k, _ in ex.mentions}
    assert relations == Counter(f.relation for f in ex.facts) and relations["twinning"]


def test_a_huge_documents_graph_reaches_the_writers_as_a_file_with_the_same_output(
        monkeypatch, tmp_path) -> None:
    """The graph of a document made chunk by chunk stays in its temporary file (a
    LineFile) up to the writers, which read it in pieces: never one bytes object of the
    whole graph. Graph files, a store and the summary rows are what the bytes give."""
    from graph import kgstore, summary
    from graph.kgstore import DocumentWriter, open_store
    from graph.linegraphs import LINE_FORMATS, LineGraphs
    from graph.linesort import LineFile
    from graph.store import save_dataset

    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 300)
    path = tmp_path / "huge.txt"
    path.write_text(_source(), encoding="utf-8")
    r = pipeline.process_file(path, "huge", rows=True)
    assert isinstance(r.ntriples, LineFile) and len(r.ntriples) > 1000
    data = bytes(r.ntriples)
    assert r.rows is not None and r.rows == summary.doc_rows(data, r.fixed)
    small = len(data) // 5  # read and queried in parts
    assert summary.doc_rows(r.ntriples, r.fixed, small) == summary.doc_rows(data, r.fixed, small)
    for fmt in LINE_FORMATS:
        files = []
        for graph in (data, r.ntriples):
            folder = tmp_path / f"{fmt}{len(files)}"
            folder.mkdir()
            lines = LineGraphs(folder)
            lines.add(r.doc_id, graph, r.fixed)
            with open(tmp_path / f"out{len(files)}.{fmt}", "wb") as fh:
                lines.write(fmt, fh)
            files.append((tmp_path / f"out{len(files)}.{fmt}").read_bytes())
        assert files[0] == files[1] and b"huge" in files[0]
    monkeypatch.setattr(kgstore, "PART_BYTES", small)  # written in several bulk loads
    dumps = []
    for graph in (data, r.ntriples):
        store = open_store(tmp_path / f"kg{len(dumps)}", create=True)
        DocumentWriter(store, 0).add(r.doc_id, graph, r.fixed)
        dumps.append(save_dataset(store, tmp_path / f"kg{len(dumps)}.nq").read_bytes())
        del store
    assert dumps[0] == dumps[1]
