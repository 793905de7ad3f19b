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
       "print(json.dumps([rc, time.perf_counter() - t, "
       "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024]))")


def timed(*args: str) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB, largest process) of one command."""
    out = subprocess.run([sys.executable, "-c", RUN, *args], capture_output=True, text=True,
                         check=True).stdout
    rc, wall, rss = json.loads(out)
    if rc:
        raise SystemExit(f"failed ({rc}): {' '.join(args)}")
    return wall, rss


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
        print(f"{'run':34} {'wall s':>8} {'MB/s':>6} {'art/s':>6} {'RSS MB':>7} {'out MB':>7}")
        rows = []
        for jobs in (1, 2):
            kg = tmp_path / f"kg{jobs}"
            wall, rss = timed(exe, "build", str(src), "--store", str(kg), "-q", "-j", str(jobs))
            rows.append((f"store, --jobs {jobs}", wall, rss, du(kg)))
        trig = tmp_path / "g.trig"
        wall, rss = timed(exe, "build", str(src), "-o", str(trig), "-q", "-j", "2")
        rows.append(("TriG file, --jobs 2", wall, rss, trig.stat().st_size / 1e6))
        for name, wall, rss, out in rows:
            print(f"{name:34} {wall:8.1f} {mb / wall:6.3f} {n / wall:6.1f} {rss:7.0f} {out:7.1f}")
        full = rows[1][1]
        k = max(1, n // 100)
        added = generate(src, k, start=n, extra=extra) / 1e6
        wall, rss = timed(exe, "build", str(src), "--store", str(tmp_path / "kg2"), "-q",
                          "-j", "2")
        print(f"{'add 1% (' + str(k) + ' articles), --jobs 2':34} {wall:8.1f} "
              f"{added / wall:6.3f} {k / wall:6.1f} {rss:7.0f} {du(tmp_path / 'kg2'):7.1f}"
              f"   = {100 * wall / full:.1f}% of the full build")
        wall, rss = timed(exe, "query", "documents", "--store", str(tmp_path / "kg2"))
        print(f"{'query documents --store (wall)':34} {wall:8.2f} {'':6} {'':6} {rss:7.0f}")


if __name__ == "__main__":
    main()
