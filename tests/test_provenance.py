"""The same fact stated by two articles: two statements, each with its own evidence."""
from __future__ import annotations

from pathlib import Path

from graph.pipeline import build
from graph.query import run_query
from graph.store import load_store


def test_a_fact_in_two_documents_keeps_each_documents_evidence(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("两地探索“研发在杭州、生产在衢州”的模式。", encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text("今年，杭州与衢州继续推进“研发在杭州、生产在衢州”。",
                                           encoding="utf-8")
    build([tmp_path / "in"], tmp_path / "g.trig")
    res = run_query(load_store(tmp_path / "g.trig"), "pairings")
    rows = [dict(zip(res.variables, v)) for v in res.values()]
    got = sorted((r["upstream_region"], r["downstream_region"], r["source"], r["evidence"])
                 for r in rows)
    assert got == [
        ("杭州市", "衢州市", "a", "两地探索“研发在杭州、生产在衢州”的模式。"),
        ("杭州市", "衢州市", "b", "今年，杭州与衢州继续推进“研发在杭州、生产在衢州”。"),
    ]
