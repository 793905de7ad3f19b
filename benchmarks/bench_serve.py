"""Load check of ``coopgraph serve``: N concurrent SPARQLWrapper clients for T seconds.

    python benchmarks/bench_serve.py out/graph.trig            # or a store folder
    python benchmarks/bench_serve.py kg/ --clients 8 --seconds 30

Starts ``coopgraph serve`` (the front and the Oxigraph server behind it; with
``--engine-only`` the Oxigraph server alone, as before the front) on a free loopback port; each
client loops over the named queries (parameters bound, as ``coopgraph query --endpoint``
sends them) and the README's example queries, alternating GET and POST and the result
formats, half of them at ``/query`` and half at ``/sparql``. Prints queries per second, p50/p99 latency and the error count, then stops the
server.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import threading
import time
from functools import partial
from pathlib import Path

from SPARQLWrapper import CSV, GET, JSON, POST, TSV, XML, SPARQLWrapper

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.query import _paged, named_queries  # noqa: E402
from graph.remote import _prologue, bound_text  # noqa: E402
from graph.serve import start_endpoint, start_server, store_folder  # noqa: E402

PARAMS = {"region-partners": {"region": "金湾区"}, "rnd-in": {"region": "横琴"},
          "facts-by-document": {"source": "000_589413ce398e9b44"}}
FORMATS = (JSON, XML, CSV, TSV)
CANCELLED = b"The SPARQL operation has been cancelled"


def workload(with_heavy: bool, readme_queries: bool = True,
             page: int | None = None) -> list[tuple[str, str]]:
    """The (kind, query) pairs every client cycles through: kind ``named`` for a named
    query the summary answers, ``sparql`` for the rest (``facts-by-document``, the
    README's example queries); named queries whole, or their first ``page`` rows (as
    ``coopgraph query NAME --endpoint`` asks for a table: 100)."""
    from graph.summary import covers

    out = []
    for name, q in named_queries().items():
        if name == "entities" and not with_heavy:
            continue
        text = bound_text(q.sparql if page is None else _paged(q.sparql, page, 0), q,
                          PARAMS.get(name, {}))
        # comments out: SPARQLWrapper guesses the query form by searching the whole text
        out.append(("named" if covers(name) else "sparql",
                    _prologue() + "\n".join(line for line in text.splitlines()
                                            if not line.lstrip().startswith("#"))))
    if not readme_queries:
        return out
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Three example SPARQL queries", 1)[-1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sparql\n(.*?)```", section, re.S)
    prefixes = "".join(b for b in blocks if "SELECT" not in b)
    out += [("sparql", prefixes + b) for b in blocks if "SELECT" in b]
    return out


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a running process so far (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def client(url: str, queries: list[tuple[str, str]], stop: float, index: int,
           latencies: dict[str, list[float]], errors: list[str]) -> None:
    i = index
    while time.monotonic() < stop:
        kind, text = queries[i % len(queries)]
        sw = SPARQLWrapper(url)
        sw.setQuery(text)
        sw.setMethod(GET if i % 2 else POST)
        sw.setReturnFormat(FORMATS[i % len(FORMATS)])
        sw.setTimeout(60)
        t0 = time.perf_counter()
        try:
            with sw.query().response as response:
                body = response.read()
            if CANCELLED in body:  # the engine's time limit, written into a 200 answer
                raise TimeoutError("stopped at the server's time limit")
            if sw.returnFormat == JSON:
                json.loads(body)
            latencies.setdefault(kind, []).append(time.perf_counter() - t0)
        except Exception as exc:  # noqa: BLE001 - counted and reported
            errors.append(f"{type(exc).__name__}: {exc}"[:200])
        i += 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("graph", type=Path, help="graph file or store folder")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--heavy", action="store_true", help="include the entities listing")
    ap.add_argument("--max-memory", type=int, default=0, help="server cap, MiB (0: none)")
    ap.add_argument("--engine-only", action="store_true",
                    help="the Oxigraph server alone, without the front (named queries in "
                         "SPARQL)")
    ap.add_argument("--named-only", action="store_true",
                    help="leave out the README's example queries")
    ap.add_argument("--timeout", type=float, default=60.0, help="server's query time limit")
    ap.add_argument("--page", type=int, default=None,
                    help="ask for the first N rows of each named query (default: all)")
    ap.add_argument("--max-rows", type=int, default=0,
                    help="the front's row limit (serve --max-rows; default 0: none, so "
                         "whole listings are measured)")
    args = ap.parse_args(argv)
    queries = workload(args.heavy, not args.named_only, args.page)
    start = start_server if args.engine_only else partial(start_endpoint,
                                                          max_rows=args.max_rows)
    with store_folder(args.graph) as location, start(
            location, max_memory_mb=args.max_memory or None, timeout=args.timeout) as server:
        urls = [server.url, server.sparql_url]
        procs = ({"engine": server.process} if args.engine_only else
                 {"front": server.front, "engine": server.engine.process})
        before = {name: _cpu_seconds(proc.pid) for name, proc in procs.items()}
        latencies: dict[str, list[float]] = {}
        errors: list[str] = []
        stop = time.monotonic() + args.seconds
        threads = [threading.Thread(target=client, args=(urls[k % 2], queries, stop, k,
                                                         latencies, errors))
                   for k in range(args.clients)]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
        cpu = {name: _cpu_seconds(proc.pid) - before[name] for name, proc in procs.items()}
    print(f"{'Oxigraph server alone' if args.engine_only else 'coopgraph serve'}: "
          f"{args.clients} clients × {args.seconds:g} s on {args.graph} "
          f"({len(queries)} distinct queries, named ones "
          f"{'whole' if args.page is None else f'first {args.page} rows'}, GET/POST, "
          f"JSON/XML/CSV/TSV; wall {wall:.1f} s "
          "until the last answer)")
    everything = [x for lat in latencies.values() for x in lat]
    for kind, lat in [("all", everything)] + sorted(latencies.items()):
        lat = sorted(lat)
        if not lat:
            continue
        p = (lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000)  # noqa: E731
        print(f"  {kind:6s} answers {len(lat):6d}  qps {len(lat) / wall:7.1f}  "
              f"p50 {p(0.50):8.1f} ms  p99 {p(0.99):8.1f} ms  "
              f"mean {statistics.fmean(lat) * 1000:8.1f} ms")
    n = len(everything) or 1
    print("  server CPU: " + ", ".join(f"{name} {sec:.1f} s" for name, sec in cpu.items())
          + f" = {sum(cpu.values()) / n * 1000:.0f} CPU ms per answer (load-free cost)")
    print(f"  errors {len(errors)}")
    for err in sorted(set(errors))[:5]:
        print("  error:", err)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
