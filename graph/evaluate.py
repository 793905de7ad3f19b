"""Score the graph against gold annotations, in process.

Same contract as the project's external scorer (``score.py`` next to the gold data):
build the graph of every ``*.txt`` in a folder, run the named queries, compare their
rows with the union of the gold ``*.yaml`` files, and report precision / recall / F1 per
query plus a micro average over the relation queries.

Gold YAML, one file per article::

    entities:  [{name: 金湾区, type: Region}, ...]
    relations:
      pairings:       [{a_region: 横琴, b_region: 金湾}]          # upstream, downstream
      co_built_parks: [{park: ..., partners: [..., ...]}]          # a row per partner
      enclaves:       [{enclave: ..., kind: forward, host: ..., owner: ...}]
      twinning:       [{regions: [..., ...]}]                      # unordered
      connections:    [{infrastructure: ..., regions: [..., ...]}] # a row per region
      located_in:     [{entity: ..., place: ...}]

Names match leniently: Traditional folded to Simplified (OpenCC), NFKC, punctuation and
spaces dropped, lower case; equal, or one contains the other with at least two
characters. ``category`` and ``kind`` must be equal after folding. Functions of pairings
are not scored.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Sequence

import pyoxigraph as ox

from .errors import InputError
from .query import run_query

#: Named query → the variables compared, in order.
QUERIES: dict[str, tuple[str, ...]] = {
    "entities": ("label", "category"),
    "pairings": ("upstream_region", "downstream_region"),
    "co-built-parks": ("park", "partner"),
    "enclaves": ("enclave", "kind", "host", "owner"),
    "twinning": ("region_a", "region_b"),
    "connections": ("infrastructure", "region"),
    "located-in": ("entity", "place"),
}
EXACT_FIELDS = frozenset({"category", "kind"})
UNORDERED = frozenset({"twinning"})
_DROP = frozenset(" \t\r\n\u3000\"'“”‘’《》「」『』<>·・")
_FOLD = str.maketrans({"（": "(", "）": ")", "－": "-", "—": "-", "–": "-", "～": "-"})

Rows = dict[str, set[tuple[str, ...]]]


@lru_cache(maxsize=1)
def _t2s() -> Callable[[str], str]:
    try:
        import opencc
    except ImportError:  # pragma: no cover - opencc is a dependency
        return lambda s: s
    for config in ("t2s", "t2s.json"):
        try:
            return opencc.OpenCC(config).convert
        except Exception:  # noqa: BLE001 - bindings differ in what they raise
            continue
    return lambda s: s  # pragma: no cover


def norm(name: str) -> str:
    """Fold a name for comparison (Simplified, NFKC, no punctuation/space, lower case)."""
    text = unicodedata.normalize("NFKC", _t2s()(str(name))).translate(_FOLD)
    return "".join(c for c in text if c not in _DROP).lower()


def same(a: str, b: str) -> bool:
    """Lenient name match: equal after :func:`norm`, or one contains the other (≥ 2 chars)."""
    a, b = norm(a), norm(b)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 2 and short in long_


def match(query: str, pred: tuple[str, ...], gold: tuple[str, ...]) -> bool:
    """Whether a predicted row matches a gold row of ``query``."""
    if query in UNORDERED:
        return ((same(pred[0], gold[0]) and same(pred[1], gold[1]))
                or (same(pred[0], gold[1]) and same(pred[1], gold[0])))
    for name, p, g in zip(QUERIES[query], pred, gold):
        if name in EXACT_FIELDS:
            if norm(p) != norm(g):
                return False
        elif not same(p, g):
            return False
    return True


def _load_yaml(path: Path) -> dict[str, Any]:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read gold file {path}: {exc}") from None
    except yaml.YAMLError as exc:
        first = (str(exc).strip().splitlines() or ["YAML error"])[0]
        raise InputError(f"cannot parse gold file {path}: {first}") from None
    if not isinstance(data, dict):
        raise InputError(f"gold file {path} is not a YAML mapping")
    return data


def gold_rows(gold_dir: str | Path) -> Rows:
    """The union of the gold rows of every ``*.yaml``/``*.yml`` in ``gold_dir``.

    Raises
    ------
    InputError
        If the folder has no gold file, or a file is malformed.
    """
    gold_dir = Path(gold_dir)
    files = sorted(gold_dir.glob("*.yaml")) + sorted(gold_dir.glob("*.yml"))
    if not files:
        raise InputError(f"no gold *.yaml in {gold_dir}")
    rows: Rows = {k: set() for k in QUERIES}
    for f in files:
        g = _load_yaml(f)
        try:
            for e in g.get("entities") or []:
                rows["entities"].add((e["name"], e["type"]))
            rel = g.get("relations") or {}
            for p in rel.get("pairings") or []:
                rows["pairings"].add((p["a_region"], p["b_region"]))
            for p in rel.get("co_built_parks") or []:
                rows["co-built-parks"].update((p["park"], x) for x in p.get("partners") or [])
            for p in rel.get("enclaves") or []:
                rows["enclaves"].add((p["enclave"], p["kind"], p["host"], p["owner"]))
            for p in rel.get("twinning") or []:
                if len(p["regions"]) >= 2:
                    rows["twinning"].add((p["regions"][0], p["regions"][1]))
            for p in rel.get("connections") or []:
                rows["connections"].update(
                    (p["infrastructure"], x) for x in p.get("regions") or [])
            for p in rel.get("located_in") or []:
                rows["located-in"].add((p["entity"], p["place"]))
        except (KeyError, TypeError, AttributeError) as exc:
            raise InputError(f"gold file {f} is malformed: missing or bad field {exc}") from None
    return {k: {tuple(str(x) for x in row) for row in v} for k, v in rows.items()}


def predicted_rows(store: ox.Store) -> Rows:
    """Rows of every scored named query on ``store`` (rows missing a field are dropped)."""
    rows: Rows = {}
    for name, fields in QUERIES.items():
        result = run_query(store, name)
        idx = [result.variables.index(f) for f in fields]
        got = set()
        for row in result.rows:
            if all(row[i] is not None for i in idx):
                got.add(tuple(row[i].value for i in idx))
        rows[name] = got
    return rows


def score(query: str, gold: set[tuple], pred: set[tuple]) -> dict[str, Any]:
    """Precision / recall / F1 of one query, with the missed and spurious rows."""
    hit_gold = [g for g in gold if any(match(query, p, g) for p in pred)]
    hit_pred = [p for p in pred if any(match(query, p, g) for g in gold)]
    precision = len(hit_pred) / len(pred) if pred else 0.0
    recall = len(hit_gold) / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"gold": len(gold), "predicted": len(pred), "precision": round(precision, 3),
            "recall": round(recall, 3), "f1": round(f1, 3),
            "missed": sorted(g for g in gold if g not in hit_gold),
            "spurious": sorted(p for p in pred if p not in hit_pred)}


def compare(gold: Rows, pred: Rows) -> dict[str, Any]:
    """The report: ``{"per_query": {name: score}, "relations_micro": {P, R, F1}}``.

    The micro average is computed from the rounded per-query figures, as the external
    scorer does, so both print the same numbers.
    """
    per_query = {k: score(k, gold.get(k, set()), pred.get(k, set())) for k in QUERIES}
    rel = [k for k in QUERIES if k != "entities"]
    tp_gold = sum(per_query[k]["recall"] * per_query[k]["gold"] for k in rel)
    n_gold = sum(per_query[k]["gold"] for k in rel)
    tp_pred = sum(per_query[k]["precision"] * per_query[k]["predicted"] for k in rel)
    n_pred = sum(per_query[k]["predicted"] for k in rel)
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    micro = {"precision": round(p, 3), "recall": round(r, 3),
             "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}
    return {"per_query": per_query, "relations_micro": micro}


def evaluate_store(gold_dir: str | Path, store: ox.Store) -> dict[str, Any]:
    """Score an already built graph against the gold folder."""
    return compare(gold_rows(gold_dir), predicted_rows(store))


def _doc_files(docs_dir: Path) -> Sequence[Path]:
    if not docs_dir.is_dir():
        raise InputError(f"docs folder not found: {docs_dir}")
    files = sorted(docs_dir.glob("*.txt"))
    if not files:
        raise InputError(f"no *.txt articles in {docs_dir}")
    return files


def evaluate(gold_dir: str | Path, docs_dir: str | Path) -> dict[str, Any]:
    """Build the graph of ``docs_dir/*.txt`` in memory and score it against ``gold_dir``.

    Examples
    --------
    >>> report = evaluate("../shared/gold/seeds", "../shared/seeds")  # doctest: +SKIP
    >>> report["relations_micro"]["f1"]  # doctest: +SKIP
    0.65
    """
    from .pipeline import extract
    from .rdf import to_store

    gold = gold_rows(gold_dir)  # fail early on a bad gold folder
    ex = extract(_doc_files(Path(docs_dir)))
    return compare(gold, predicted_rows(to_store(ex)))


def format_report(report: dict[str, Any], show: int = 5) -> str:
    """The report as a table, with up to ``show`` missed and spurious rows per query."""
    lines = [f"{'query':16} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}"]
    for name, v in report["per_query"].items():
        lines.append(f"{name:16} {v['gold']:5} {v['predicted']:5} {v['precision']:6.3f} "
                     f"{v['recall']:6.3f} {v['f1']:6.3f}")
        lines += [f"    missed   {' | '.join(row)}" for row in v["missed"][:show]]
        lines += [f"    spurious {' | '.join(row)}" for row in v["spurious"][:show]]
    micro = report["relations_micro"]
    lines.append(f"entities F1 {report['per_query']['entities']['f1']:.3f}  relations micro "
                 f"P {micro['precision']:.3f} R {micro['recall']:.3f} F1 {micro['f1']:.3f}")
    return "\n".join(lines) + "\n"


__all__ = ["QUERIES", "compare", "evaluate", "evaluate_store", "format_report", "gold_rows",
           "match", "norm", "predicted_rows", "same", "score"]
