"""Data-driven extraction tests: tests/data/extraction_cases.yaml."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from graph.model import Extraction
from graph.pipeline import extract_text

# Every tests/data/extraction_cases*.yaml file (one per area of the reader) holds cases.
CASES = [case
         for path in sorted((Path(__file__).parent / "data").glob("extraction_cases*.yaml"))
         for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]]


def rows(ex: Extraction) -> dict[str, set[str]]:
    """The facts of an extraction in the notation of the cases file."""
    E = ex.entities

    def L(k: str) -> str:
        return E[k].label

    out: dict[str, set[str]] = {k: set() for k in (
        "pairing", "co_built", "enclave", "twinning", "connection", "located_in", "entities")}
    for key, _ in ex.mentions:
        out["entities"].add(f"{L(key)} | {E[key].category}")
    for f in ex.facts:
        a = f.args
        if f.relation == "pairing":
            out["pairing"].add(f"{L(a['up'])} > {L(a['down'])}")
        elif f.relation == "co_built":
            out["co_built"].add(f"{L(a['park'])} | " + ", ".join(sorted(L(p) for p in a["partners"])))
        elif f.relation == "enclave":
            out["enclave"].add(f"{L(a['enclave'])} | {a['kind']} | {L(a['host'])} | {L(a['owner'])}")
        elif f.relation == "twinning":
            out["twinning"].add(" | ".join(sorted((L(a["a"]), L(a["b"])))))
        elif f.relation == "connection":
            out["connection"].add(f"{L(a['infra'])} | " + ", ".join(sorted(L(p) for p in a["places"])))
        elif f.relation == "located_in":
            out["located_in"].add(f"{L(a['entity'])} | {L(a['place'])}")
    return out


def normalise(relation: str, fact: str) -> str:
    """Put an expected fact in the same order as :func:`rows` writes it."""
    if relation in ("co_built", "connection"):
        head, _, rest = fact.partition(" | ")
        return f"{head} | " + ", ".join(sorted(x.strip() for x in rest.split("+")))
    if relation == "twinning":
        return " | ".join(sorted(x.strip() for x in fact.split("|")))
    return fact.replace("—", "-") if relation != "entities" else fact


def expand(spec: dict | None) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for relation, facts in (spec or {}).items():
        out[relation] = {normalise(relation, x) for x in facts}
    return out


def fold(s: str) -> str:
    return s.replace("—", "-")


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: dict) -> None:
    ex = extract_text(case["text"], date=case.get("doc_date"))
    got = {k: {fold(x) for x in v} for k, v in rows(ex).items()}
    expected = expand(case.get("expect"))
    for relation, facts in expected.items():
        missing = {fold(f) for f in facts} - got[relation]
        assert not missing, f"{relation}: missing {sorted(missing)}; got {sorted(got[relation])}"
    for relation, facts in expand(case.get("absent")).items():
        wrong = {fold(f) for f in facts} & got[relation]
        assert not wrong, f"{relation}: unexpected {sorted(wrong)}"
    for relation in case.get("exact", []):
        assert got[relation] == {fold(f) for f in expected.get(relation, set())}, relation
    for label, adcode in (case.get("adcodes") or {}).items():
        found = [e for e in ex.entities.values() if e.label == label]
        assert [e.adcode for e in found] == [adcode]
    for relation, status in (case.get("status") or {}).items():
        assert {f.status for f in ex.facts if f.relation == relation} == {status}
    for relation, date in (case.get("date") or {}).items():
        assert {f.date for f in ex.facts if f.relation == relation} == {date}
    for relation, (kind, value) in (case.get("quantity") or {}).items():
        qs = [(q["kind"], q["value"]) for f in ex.facts if f.relation == relation
              for q in f.quantities]
        assert (kind, value) in qs


def test_cases_cover_every_family() -> None:
    families = {c["family"] for c in CASES}
    assert families >= {"split", "co_built", "enclave", "twinning", "connection",
                        "located_in", "entities", "qualifiers"}
    assert len(CASES) >= 60
    assert sum(c.get("script") == "Hant" for c in CASES) >= 5
