"""Latency of every named query on an open store: the first page and the full result.

    python benchmarks/synth_graph.py out/graph.trig --copies 80 --store /tmp/big
    python benchmarks/bench_queries.py /tmp/big [--runs 5] [--page 100] [--only NAME …]

Each query runs through :func:`graph.query.run_query` (the path ``coopgraph query``
takes, rows decoded into Python) on the store opened read-only once (opening is not
timed), twice: from the store's summary (``coopgraph-summary.sqlite``, the default path
of ``coopgraph query --store``; ``--make-summary`` makes it first if it is missing) and in
SPARQL on the store alone (``--no-sparql`` skips that path). Prints, per query and path,
the rows of the first page (``--page``, the table default of ``coopgraph query``) and of
the full result, each as the median CPU and wall milliseconds of ``--runs`` runs. The machine is shared: quote CPU time, wall time only
says how busy it was. ``--queries DIR`` times the ``.rq`` files of another folder (e.g.
older versions of the queries) the same way, with the same parameters.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph import summary as summaries  # noqa: E402
from graph.query import DEFAULT_PAGE, _parse, named_queries, run_query  # noqa: E402

#: Parameters for the queries that take some (a city with many partners, a province).
PARAMS = {"region-partners": {"region": "珠海市"}, "rnd-in": {"region": "广东省"},
          "facts-by-document": {"source": "000_589413ce398e9b44"}}


def time_query(store: ox.Store, query: str, params: dict[str, str], runs: int,
               limit: int | None = None, summary: object = None
               ) -> tuple[float, float, int]:
    """Median CPU and wall seconds of ``runs`` runs, and the rows returned."""
    cpu, wall, rows = [], [], 0
    for _ in range(runs):
        c0, w0 = time.process_time(), time.perf_counter()
        rows = len(run_query(store, query, params, limit=limit, summary=summary).rows)
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    return statistics.median(cpu), statistics.median(wall), rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", type=Path, help="on-disk Oxigraph store (opened read-only)")
    ap.add_argument("--queries", type=Path, help="folder of .rq files to time instead")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--page", type=int, default=DEFAULT_PAGE, help="first page size")
    ap.add_argument("--only", nargs="*", help="query names to run")
    ap.add_argument("--no-full", action="store_true", help="time the first page only")
    ap.add_argument("--no-sparql", action="store_true", help="time the summary path only")
    ap.add_argument("--make-summary", action="store_true",
                    help="make the store's summary first if it is missing or stale")
    args = ap.parse_args(argv)
    if args.make_summary and summaries.open_reader(args.store) is None:
        c0, w0 = time.process_time(), time.perf_counter()
        summaries.Summary.for_store(ox.Store(str(args.store)), args.store).close()
        print(f"summary made in {time.process_time() - c0:.1f} CPU s "
              f"({time.perf_counter() - w0:.1f} s wall)")
    store = ox.Store.read_only(str(args.store))
    reader = summaries.open_reader(args.store)
    paths = ([("summary", reader)] if reader is not None else []) + (
        [] if args.no_sparql else [("sparql", None)])
    n = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    quads = sum(1 for _ in store.quads_for_pattern(None, None, None, None))
    print(f"store {args.store}: {n:,} triples in the default graph, {quads:,} quads; "
          f"median of {args.runs}")
    if reader is None:
        print("no current summary: SPARQL path only (see --make-summary)")
    print(f"| query | path | page rows | page CPU ms | page wall ms | full rows | full CPU ms "
          f"| full wall ms |\n|---|---|---|---|---|---|---|---|")
    for name in args.only or list(named_queries()):
        if args.queries:  # run as if shipped: same paging and sorting path
            path = args.queries / f"{name}.rq"
            named_queries()[name] = _parse(name, path.read_text(encoding="utf-8"))
        params = PARAMS.get(name, {})
        for label, summary in paths:
            if summary is not None and (args.queries or not summaries.covers(name)):
                continue
            pc, pw, pr = time_query(store, name, params, args.runs, args.page, summary)
            if args.no_full:
                fc = fw = float("nan")
                fr = 0
            else:
                fc, fw, fr = time_query(store, name, params, args.runs, None, summary)
            print(f"| {name} | {label} | {pr} | {pc * 1000:.1f} | {pw * 1000:.1f} | {fr} | "
                  f"{fc * 1000:.1f} | {fw * 1000:.1f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
