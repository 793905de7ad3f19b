"""Trigger gates of the relation families (graph/relations.py): a sentence a gate turns
away must be one where none of the family's rules can fire, so the facts with the gate
and with the gate forced open are the same."""
from __future__ import annotations

from pathlib import Path

import yaml

import graph.relations as relations
from graph.pipeline import extract_text

CASES = [case for path in sorted((Path(__file__).parent / "data").glob("extraction_cases*.yaml"))
         for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]]


def _facts(text: str) -> list[tuple]:
    return sorted((f.relation, f.rule, repr(sorted(f.args.items())), f.span.start, f.span.end)
                  for f in extract_text(text).facts)


def test_co_build_trigger_chars_cover_every_cue_word() -> None:
    chars = relations._trigger_chars("cobuild", "cobuild_with")
    words = relations.cues()["cobuild"] + relations.cues()["cobuild_with"]
    assert all(any(c in w for c in chars) for w in words)
    assert len(chars) < len(words)  # a real gate, not every word spelled out
    assert not any(c in "甲市与乙县签署协议，建设道路。" for c in chars)
    signed = relations._trigger_chars("cobuild", "cobuild_with", "cobuild_signed")
    assert all(any(c in w for c in signed) for w in relations.cues()["cobuild_signed"])
    assert not any(c in "甲市与乙县达成一致，建设道路。" for c in signed)


def test_co_built_gate_keeps_every_fact(monkeypatch) -> None:
    texts = [c["text"] for c in CASES if c.get("family") in ("co_built", "enclave", "located_in")
             or "co_built" in (c.get("expect") or {})]
    texts.append("甲乙两县分别在丙市、丁市设立物流园。丙市与丁市签署协议，建设道路。")
    verdicts = []
    gate = relations._may_co_build

    def spy(ctx):
        verdicts.append(gate(ctx))
        return verdicts[-1]

    monkeypatch.setattr(relations, "_may_co_build", spy)
    gated = [_facts(t) for t in texts]
    monkeypatch.setattr(relations, "_may_co_build", lambda ctx: True)
    assert [_facts(t) for t in texts] == gated
    assert True in verdicts and False in verdicts  # the gate both lets through and turns away
    assert sum(f[0] == "co_built" for fs in gated for f in fs) >= 10


def test_function_split_gate_keeps_every_fact(monkeypatch) -> None:
    import re

    texts = [c["text"] for c in CASES if c.get("family") == "split"
             or "pairing" in (c.get("expect") or {}) or "pairing" in (c.get("absent") or {})]
    texts.append("甲市负责研发，乙县负责研发和设计。丙市研发、丁县生产。")
    gated = [_facts(t) for t in texts]
    turned_away = [t for t in texts if sum(1 for p in relations._role_patterns() if p.search(t)) < 2]
    monkeypatch.setattr(relations, "_role_patterns", lambda: (re.compile(""), re.compile("")))
    assert [_facts(t) for t in texts] == gated
    assert turned_away  # the gate turns some article away …
    assert sum(f[0] == "pairing" for fs in gated for f in fs) >= 20  # … and keeps the splits
