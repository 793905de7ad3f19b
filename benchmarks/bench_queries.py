"""Latency of every named query on an open store (median of 5 runs, load excluded).

    python benchmarks/synth_graph.py out/graph.trig --copies 140 --store /tmp/big
    python benchmarks/bench_queries.py /tmp/big [--queries DIR] [--runs 5]

``--queries DIR`` times the ``.rq`` files of another folder instead (e.g. older versions
of the queries) with the same parameters, to compare shapes on the same store.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph.prefixes import PREFIXES  # noqa: E402
from graph.query import named_queries, resolve  # noqa: E402

#: Parameters for the queries that take some (a city with many partners, a province).
PARAMS = {"region-partners": {"region": "珠海市"}, "rnd-in": {"region": "广东省"},
          "facts-by-document": {"source": "000_589413ce398e9b44"}}


def time_query(store: ox.Store, query: str, params: dict[str, str], runs: int,
               limit: int | None = None) -> tuple[float, int]:
    """Median seconds to run ``query`` and read every row (as ``coopgraph query`` does)."""
    text = resolve(query).sparql + (f"\nLIMIT {limit}\n" if limit else "")
    subs = {ox.Variable(k): ox.Literal(v) for k, v in params.items()}
    times, rows = [], 0
    for _ in range(runs):
        t0 = time.perf_counter()
        res = store.query(text, prefixes=dict(PREFIXES), substitutions=subs or None)
        rows = sum(1 for _ in res)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", type=Path, help="on-disk Oxigraph store (opened read-only)")
    ap.add_argument("--queries", type=Path, help="folder of .rq files to time instead")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--only", nargs="*", help="query names to run")
    ap.add_argument("--limit", type=int, help="time the first page only (LIMIT N)")
    args = ap.parse_args(argv)
    store = ox.Store.read_only(str(args.store))
    n = sum(1 for _ in store.quads_for_pattern(None, None, None, None))
    print(f"store {args.store}: {n} quads")
    print(f"{'query':20} {'rows':>7} {'median ms':>10}")
    names = args.only or list(named_queries())
    for name in names:
        query = str(args.queries / f"{name}.rq") if args.queries else name
        median, rows = time_query(store, query, PARAMS.get(name, {}), args.runs, args.limit)
        print(f"{name:20} {rows:7d} {median * 1000:10.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
