#!/usr/bin/env python3
"""Build throughput into a store, incremental adds, store size (prints a table; not a test).

Generates a synthetic corpus (:mod:`corpus`: real sentences, names substituted from the
gazetteer) in a temp folder, then times whole ``coopgraph build`` processes:

* into a fresh store with ``--jobs 1`` and ``--jobs 2`` (MB/s, articles/s, peak RSS of the
  largest process, store size on disk);
* into a TriG file with ``--jobs 2`` (``--trig``: a file is sorted in memory);
* adding 1% new articles to the last store built, against its full build, and a rebuild
  with nothing new (the fixed cost of a run: start-up, content hashes, the store's list);
* a named query on the store, wall clock including start-up;
* where one process's CPU goes, per MB (``--split``, on the first 100 articles): start-up
  once, reading, extraction, RDF terms, summary rows, store writes (bulk loads and the
  summary's upkeep);
* 100k articles projected from the largest size run (time and store size linear, peak
  RSS flat -- check it against the smaller size).

    python benchmarks/bench_store.py              # 1,000 articles
    python benchmarks/bench_store.py --large      # 10,000 articles
    python benchmarks/bench_store.py -n 200       # any size
    python benchmarks/bench_store.py -n 10000 --jobs 2 --corpus /tmp/c10k   # reuse a corpus
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


CORES = """
import json, resource, sys, time
t = time.perf_counter()
from graph.pipeline import build_store
build_store([sys.argv[1]], sys.argv[2], jobs=int(sys.argv[3]))
wall = time.perf_counter() - t
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps([wall, time.thread_time(), me.ru_utime + me.ru_stime,
                  kids.ru_utime + kids.ru_stime, me.ru_maxrss / 1024]))
"""


def cores(src: Path, tmp: Path, jobs_list: list[int], mb: float) -> None:
    """Where the CPU of a store build goes, by process and thread: the build's main thread
    (reading results, RDF lines, bulk loads), the other threads of the build process
    (RocksDB: bulk-load sorting, flushes, compaction) and the worker processes
    (extraction); cores used = all CPU / wall."""
    print(f"\nwhere a store build's CPU goes ({mb:.1f} MB; cpu-s, cpu-s/MB in brackets)")
    print(f"{'jobs':>4} {'wall s':>7} {'main thread':>14} {'store threads':>14} "
          f"{'workers':>14} {'cores used':>10} {'main RSS MB':>11} {'store MB':>8}")
    for jobs in jobs_list:
        kg = tmp / f"cores{jobs}"
        out = subprocess.run([sys.executable, "-c", CORES, str(src), str(kg), str(jobs)],
                             capture_output=True, text=True, check=True).stdout
        wall, main_thread, me, kids, rss = json.loads(out.splitlines()[-1])
        cells = [f"{v:6.1f} ({v / mb:4.2f})" for v in (main_thread, me - main_thread, kids)]
        print(f"{jobs:4} {wall:7.1f} {cells[0]:>14} {cells[1]:>14} {cells[2]:>14} "
              f"{(me + kids) / wall:10.2f} {rss:11.0f} {du(kg):8.0f}")
        shutil.rmtree(kg, ignore_errors=True)


def split(src: Path, count: int = 100) -> None:
    """CPU seconds per MB of each stage of one process, on the first ``count`` articles,
    as a build into a store runs them: a worker reads, extracts, writes the RDF lines and
    computes the summary rows of each document (from its extraction); the writer loads the
    lines into the store (bulk loads of :data:`graph.pipeline.COMMIT_BYTES`) and keeps the
    summary (SQLite)."""
    T = time.process_time
    t0 = T()
    from graph import pipeline
    from graph.kgstore import DocumentWriter, open_store
    from graph.rdf import document_ntriples
    from graph.summary import Summary
    from graph.summaryrows import document_rows
    t1 = T()
    pipeline.warm_up()
    t2 = T()
    files = pipeline._files([src])[:count]
    stages = dict.fromkeys(("read (decode, clean, hash)", "extraction", "RDF terms",
                            "summary rows", "store writes"), 0.0)
    size = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "kg"
        store = open_store(folder, create=True)
        summary = Summary.for_store(store, folder)
        writer = DocumentWriter(store, pipeline.COMMIT_BYTES, summary, folder=folder)
        for path, doc_id in files:
            size += path.stat().st_size
            a = T()
            doc = pipeline.read_one(path, doc_id)
            b = T()
            ex = pipeline.extract_one(doc)
            c = T()
            triples, fixed = document_ntriples(ex, doc)
            d = T()
            rows = document_rows(ex, doc)
            e = T()
            writer.add(doc_id, triples, fixed, rows=rows)
            f = T()
            for k, v in zip(stages, (b - a, c - b, d - c, e - d, f - e)):
                stages[k] += v
        a = T()
        writer.commit()
        store.flush()
        summary.close()
        stages["store writes"] += T() - a
    mb = size / 1e6
    total = sum(stages.values())
    print(f"\nwhere one process's CPU goes ({len(files)} articles, {mb:.2f} MB): "
          f"start-up once {t1 - t0:.1f} s imports + {t2 - t1:.1f} s tables")
    for k, v in stages.items():
        print(f"  {k:28} {v / mb:6.2f} cpu-s/MB  {100 * v / total:5.1f}%")
    ext = stages["read (decode, clean, hash)"] + stages["extraction"]
    print(f"  {'extraction incl. reading':28} {ext / mb:6.2f} cpu-s/MB; everything else "
          f"{(total - ext) / mb:.2f} cpu-s/MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=1000, help="articles (default 1000)")
    ap.add_argument("--large", action="store_true", help="10,000 articles")
    ap.add_argument("--jobs", default="1,2", help="worker counts to run (default 1,2)")
    ap.add_argument("--corpus", type=Path, help="use (or create) the corpus in this folder")
    ap.add_argument("--trig", action="store_true", help="also build a TriG file")
    ap.add_argument("--split", action="store_true", help="CPU per stage in one process")
    ap.add_argument("--cores", action="store_true",
                    help="only: CPU by process and thread of a store build, per --jobs")
    args = ap.parse_args()
    n = 10_000 if args.large else args.n
    exe = shutil.which("coopgraph") or sys.exit("coopgraph is not installed")
    extra = [DEV] if DEV.is_dir() else []
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        src = args.corpus or tmp_path / "corpus"
        t0 = time.perf_counter()
        have = sorted(src.glob("a*.txt")) if src.is_dir() else []
        if len(have) == n:
            size = sum(p.stat().st_size for p in have)
        else:
            size = generate(src, n, extra=extra)
        mb = size / 1e6
        print(f"corpus: {n} articles, {mb:.1f} MB ({size / n / 1e3:.1f} KB each), generated "
              f"in {time.perf_counter() - t0:.0f} s")
        if args.cores:
            cores(src, tmp_path, [int(j) for j in args.jobs.split(",")], mb)
            return
        print("MB/s and art/s are per wall second; MB/cpu-s per CPU second of all processes "
              "(stable on a busy machine).")
        print(f"{'run':32} {'wall s':>7} {'cpu s':>7} {'MB/s':>6} {'MB/cpu-s':>8} {'art/s':>6} "
              f"{'RSS MB':>7} {'out MB':>7}")

        def row(name: str, wall: float, cpu: float, rss: float, size: float, out: float,
                docs: int, tail: str = "") -> None:
            print(f"{name:32} {wall:7.1f} {cpu:7.1f} {size / wall:6.3f} {size / cpu:8.3f} "
                  f"{docs / wall:6.1f} {rss:7.0f} {out:7.1f}{tail}")

        walls = {}
        jobs_list = [int(j) for j in args.jobs.split(",")]
        for jobs in jobs_list:
            kg = tmp_path / f"kg{jobs}"
            wall, cpu, rss = timed(exe, "build", str(src), "--store", str(kg), "-q", "-j",
                                   str(jobs))
            timed(exe, "query", "documents", "--store", str(kg))  # reopen: folds the log
            walls[jobs] = (wall, cpu, rss, du(kg))
            row(f"store, --jobs {jobs}", wall, cpu, rss, mb, du(kg), n)
        if args.trig:
            trig = tmp_path / "g.trig"
            wall, cpu, rss = timed(exe, "build", str(src), "-o", str(trig), "-q", "-j", "2")
            row("TriG file, --jobs 2", wall, cpu, rss, mb, trig.stat().st_size / 1e6, n)
        jobs = jobs_list[-1]
        kg = tmp_path / f"kg{jobs}"
        new = tmp_path / "added"  # the corpus folder is left as it is
        k = max(1, n // 100)
        added = generate(new, k, start=n, extra=extra) / 1e6
        full_wall, full_cpu, full_rss, full_size = walls[jobs]
        for name, inputs, docs, size in (("nothing new", [src], n, mb),
                                         (f"add 1% ({k} articles)", [src, new], k, added)):
            wall, cpu, rss = timed(exe, "build", *map(str, inputs), "--store", str(kg), "-q",
                                   "-j", str(jobs))
            timed(exe, "query", "documents", "--store", str(kg))
            row(f"{name}, --jobs {jobs}", wall, cpu, rss, size, du(kg), docs,
                f"  = {100 * wall / full_wall:.1f}% of the full build's wall, "
                f"{100 * cpu / full_cpu:.1f}% of its CPU")
        for name in ("documents", "pairings"):
            wall, cpu, rss = timed(exe, "query", name, "--store", str(kg))
            print(f"{'query ' + name + ' --store':32} {wall:7.2f} {cpu:7.2f} {'':6} {'':8} "
                  f"{'':6} {rss:7.0f}")
        f = 100_000 / n
        print(f"projected to 100,000 articles from {n:,} (--jobs {jobs}): "
              f"{full_wall * f / 3600:.1f} h wall, {full_cpu * f / 3600:.1f} cpu-h, "
              f"peak RSS {full_rss:.0f} MB if flat, store {full_size * f / 1e3:.1f} GB")
        if args.split:
            split(src)


if __name__ == "__main__":
    main()
