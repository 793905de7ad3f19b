#!/usr/bin/env python3
"""Build and query throughput (prints numbers; not a test).

Copies the seed articles N times under new names into a temp folder (so every copy
is a separate document), builds the graph, then times the named queries on it.

    python benchmarks/bench_build.py            # N = 1, 10, 40
    python benchmarks/bench_build.py 100
"""
from __future__ import annotations

import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from graph.pipeline import build
from graph.query import list_queries, run_query
from graph.store import load_store

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def main(sizes: list[int]) -> None:
    print(f"{'copies':>6} {'docs':>5} {'MB':>6} {'build s':>8} {'docs/s':>7} {'triples':>8} "
          f"{'load s':>7} {'queries ms (each)':>18} {'RSS MB':>7}")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "in"
            src.mkdir()
            size = 0
            for i in range(n):
                for f in sorted(SEEDS.glob("*.txt")):
                    target = src / f"{f.stem}_{i:04d}.txt"
                    shutil.copy(f, target)
                    size += target.stat().st_size
            out = Path(tmp) / "graph.trig"
            t0 = time.perf_counter()
            summary = build([src], out)
            t1 = time.perf_counter()
            store = load_store(out)
            t2 = time.perf_counter()
            timings = []
            for name in [q[0] if isinstance(q, tuple) else q for q in list_queries()]:
                try:
                    q0 = time.perf_counter()
                    run_query(store, name, params={"region": "横琴"})
                    timings.append((time.perf_counter() - q0) * 1000)
                except Exception:  # noqa: BLE001 - a query needing other parameters
                    pass
            triples = len(store)
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{n:6d} {summary.documents:5d} {size / 1e6:6.2f} {t1 - t0:8.2f} "
                  f"{summary.documents / (t1 - t0):7.1f} {triples:8d} {t2 - t1:7.2f} "
                  f"{max(timings):8.1f} max {sum(timings) / len(timings):5.1f} avg {rss:7.0f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1, 10, 40])
