#!/usr/bin/env python3
"""Build throughput into a store, incremental adds, store size (prints a table; not a test).

Generates a synthetic corpus (:mod:`corpus`: real sentences, names substituted from the
gazetteer) in a temp folder, then times whole ``coopgraph build`` processes:

* into a fresh store with ``--jobs 1`` and ``--jobs 2`` (MB/s, articles/s, peak RSS of the
  largest process, store size on disk);
* into a TriG file with ``--jobs 2``;
* adding 1% new articles to the ``--jobs 2`` store, against its full build;
* a named query on the store, wall clock including start-up.

    python benchmarks/bench_store.py              # 1,000 articles
    python benchmarks/bench_store.py --large      # 10,000 articles
    python benchmarks/bench_store.py -n 200       # any size
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "gold" / "dev"
RUN = ("import resource, subprocess, sys, time, json; t = time.perf_counter(); "
       "rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
       "r = resource.getrusage(resource.RUSAGE_CHILDREN); "
       "print(json.dumps([rc, time.perf_counter() - t, r.ru_utime + r.ru_stime, "
       "r.ru_maxrss / 1024]))")


def timed(*args: str) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (all processes) and peak RSS (MB, largest process)."""
    out = subprocess.run([sys.executable, "-c", RUN, *args], capture_output=True, text=True,
                         check=True).stdout
    rc, wall, cpu, rss = json.loads(out)
    if rc:
        raise SystemExit(f"failed ({rc}): {' '.join(args)}")
    return wall, cpu, rss


def du(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=1000, help="articles (default 1000)")
    ap.add_argument("--large", action="store_true", help="10,000 articles")
    args = ap.parse_args()
    n = 10_000 if args.large else args.n
    exe = shutil.which("coopgraph") or sys.exit("coopgraph is not installed")
    extra = [DEV] if DEV.is_dir() else []
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        src = tmp_path / "corpus"
        t0 = time.perf_counter()
        size = generate(src, n, extra=extra)
        mb = size / 1e6
        print(f"corpus: {n} articles, {mb:.1f} MB ({size / n / 1e3:.1f} KB each), generated "
              f"in {time.perf_counter() - t0:.0f} s")
        print("MB/s and art/s are per wall second; MB/cpu-s per CPU second of all processes "
              "(stable on a busy machine).")
        print(f"{'run':32} {'wall s':>7} {'cpu s':>7} {'MB/s':>6} {'MB/cpu-s':>8} {'art/s':>6} "
              f"{'RSS MB':>7} {'out MB':>7}")

        def row(name: str, wall: float, cpu: float, rss: float, size: float, out: float,
                docs: int, tail: str = "") -> None:
            print(f"{name:32} {wall:7.1f} {cpu:7.1f} {size / wall:6.3f} {size / cpu:8.3f} "
                  f"{docs / wall:6.1f} {rss:7.0f} {out:7.1f}{tail}")

        walls = {}
        for jobs in (1, 2):
            kg = tmp_path / f"kg{jobs}"
            wall, cpu, rss = timed(exe, "build", str(src), "--store", str(kg), "-q", "-j",
                                   str(jobs))
            timed(exe, "query", "documents", "--store", str(kg))  # reopen: folds the log
            walls[jobs] = (wall, cpu)
            row(f"store, --jobs {jobs}", wall, cpu, rss, mb, du(kg), n)
        trig = tmp_path / "g.trig"
        wall, cpu, rss = timed(exe, "build", str(src), "-o", str(trig), "-q", "-j", "2")
        row("TriG file, --jobs 2", wall, cpu, rss, mb, trig.stat().st_size / 1e6, n)
        k = max(1, n // 100)
        added = generate(src, k, start=n, extra=extra) / 1e6
        wall, cpu, rss = timed(exe, "build", str(src), "--store", str(tmp_path / "kg2"), "-q",
                               "-j", "2")
        timed(exe, "query", "documents", "--store", str(tmp_path / "kg2"))
        full_wall, full_cpu = walls[2]
        row(f"add 1% ({k} articles), --jobs 2", wall, cpu, rss, added, du(tmp_path / "kg2"), k,
            f"  = {100 * wall / full_wall:.1f}% of the full build's wall, "
            f"{100 * cpu / full_cpu:.1f}% of its CPU")
        for name in ("documents", "pairings"):
            wall, cpu, rss = timed(exe, "query", name, "--store", str(tmp_path / "kg2"))
            print(f"{'query ' + name + ' --store':32} {wall:7.2f} {cpu:7.2f} {'':6} {'':8} "
                  f"{'':6} {rss:7.0f}")


if __name__ == "__main__":
    main()
