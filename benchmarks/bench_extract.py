#!/usr/bin/env python3
"""Extraction time per MB and peak memory by document size (prints a table; not a test).

One document per size, made of real prose: the dev passages (or the seeds) repeated, each
copy with its place names swapped for other places of the same level from the gazetteer
(deterministic), so names vary as they do across a real corpus. ``unpunct`` is the same
prose with every punctuation mark and space removed (a scraped PDF, a forum dump).

Each size runs in a fresh process (``graph.pipeline.extract_text``, warm-up excluded) and
reports wall and CPU seconds, CPU seconds per MB, MB/s per core and the process's peak
RSS. Flat CPU s/MB = linear. (On a shared machine quote CPU time: wall time is the load.)

    python benchmarks/bench_extract.py                     # 10 KB, 100 KB, 1 MB, 10 MB
    python benchmarks/bench_extract.py --sizes 0.01,0.1,1,10,50 --kinds prose
    python benchmarks/bench_extract.py --write 2 /tmp/doc.txt   # just write a document
    python benchmarks/bench_extract.py --keep /tmp/docs         # reuse documents
"""
from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (ROOT.parent / "shared" / "gold" / "dev", ROOT / "seeds")
PUNCT = re.compile(r"[\s\W_]+")


def passages() -> list[str]:
    for folder in SOURCES:
        files = sorted(folder.glob("*.txt"))
        if files:
            return [f.read_text(encoding="utf-8") for f in files]
    raise SystemExit("no passages found (looked in " + ", ".join(map(str, SOURCES)) + ")")


def _swapper(rng: random.Random):
    """A function that swaps every full place name (and its short form) in a passage."""
    from graph.gazetteer import load, stems

    gaz = load()
    by_level: dict[int, list] = {}
    for p in gaz.places.values():
        if p.key.startswith("region:") and p.kind != "Town" and stems(p.name):
            by_level.setdefault(p.level, []).append(p)
    for v in by_level.values():
        v.sort(key=lambda p: p.key)
    names = sorted({p.name for v in by_level.values() for p in v}, key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, names)))
    level_of = {p.name: p.level for v in by_level.values() for p in v}

    def swap(text: str) -> str:
        mapping: dict[str, str] = {}
        for name in dict.fromkeys(pattern.findall(text)):
            new = rng.choice(by_level[level_of[name]]).name
            mapping[name] = new
            old_stem, new_stem = stems(name), stems(new)
            if old_stem and new_stem and len(old_stem[0]) >= 2:
                mapping.setdefault(old_stem[0], new_stem[0])
        if not mapping:
            return text
        keys = sorted(mapping, key=len, reverse=True)
        return re.sub("|".join(map(re.escape, keys)), lambda m: mapping[m.group(0)], text)
    return swap


def make_document(mb: float, kind: str = "prose", seed: int = 0) -> str:
    """A document of about ``mb`` MB (UTF-8) of real prose with varied place names."""
    rng = random.Random(seed)
    swap = _swapper(rng)
    texts = passages()
    out, size, i = [], 0, 0
    target = int(mb * 1_000_000)
    while size < target:
        t = texts[i % len(texts)]
        t = t if i < len(texts) else swap(t)
        if kind == "unpunct":
            t = PUNCT.sub("", t)
        out.append(t if kind == "unpunct" else t.rstrip() + "\n\n")
        size += len(out[-1].encode("utf-8"))
        i += 1
    text = "".join(out).encode("utf-8")[:target].decode("utf-8", "ignore")
    return text


def _child(path: str) -> None:
    """Time one extraction in this (fresh) process; print JSON."""
    from graph.pipeline import extract_text

    for warm in passages()[:3]:  # loads jieba, the gazetteer, the HMM … (not counted)
        extract_text(warm)
    text = Path(path).read_text(encoding="utf-8")
    t0, c0 = time.perf_counter(), time.process_time()
    ex = extract_text(text)
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"s": dt, "cpu": cpu, "rss": rss, "facts": len(ex.facts),
                      "ents": len(ex.entities)}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="0.01,0.1,1,10", help="document sizes in MB")
    ap.add_argument("--kinds", default="prose,unpunct", help="prose, unpunct")
    ap.add_argument("--timeout", type=float, default=600, help="seconds per document")
    ap.add_argument("--write", nargs=2, metavar=("MB", "FILE"), help="only write a document")
    ap.add_argument("--kind", default="prose", help="kind for --write")
    ap.add_argument("--keep", metavar="DIR",
                    help="keep the generated documents in DIR and reuse them on later runs")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return _child(args.child)
    if args.write:
        Path(args.write[1]).write_text(make_document(float(args.write[0]), args.kind),
                                       encoding="utf-8")
        return
    import tempfile

    print(f"{'kind':<8} {'MB':>7} {'wall s':>8} {'CPU s':>8} {'CPU s/MB':>8} {'MB/s/core':>9} "
          f"{'RSS MB':>7} {'entities':>8} {'facts':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for kind in args.kinds.split(","):
            for mb in map(float, args.sizes.split(",")):
                path = folder / f"{kind}-{mb}.txt"
                if not (args.keep and path.exists()):
                    path.write_text(make_document(mb, kind), encoding="utf-8")
                real = path.stat().st_size / 1e6
                try:
                    res = subprocess.run([sys.executable, __file__, "--child", str(path)],
                                         capture_output=True, text=True, timeout=args.timeout,
                                         check=True)
                except subprocess.TimeoutExpired:
                    print(f"{kind:<8} {real:7.2f} {'>' + str(int(args.timeout)):>8}")
                    continue
                r = json.loads(res.stdout.strip().splitlines()[-1])
                print(f"{kind:<8} {real:7.2f} {r['s']:8.2f} {r['cpu']:8.2f} "
                      f"{r['cpu'] / real:8.2f} {real / r['cpu']:9.3f} {r['rss']:7.0f} "
                      f"{r['ents']:8d} {r['facts']:6d}", flush=True)


if __name__ == "__main__":
    main()
