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
    python benchmarks/bench_extract.py --stages                 # CPU s/MB of each stage

``--stages`` prints where extraction's CPU goes, stage by stage, for two shapes: one 1 MB
document and 200 articles of about 12 KB (``benchmarks/corpus.py``, sentences of the seeds
and the dev passages), the build's path for each file (read, then extract). Each run is a
fresh process (warmed up on other text, so memo tables start as in a real build); the
table gives the median of ``--runs`` runs.
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


#: (stage, module, function): what ``--stages`` times, by wrapping the function where
#: the pipeline looks it up. What is left of the total is "other" (evidence sentences,
#: dedupe, pruning).
STAGES = (("read", "graph.pipeline", "read_one"),
          ("mentions", "graph.pipeline", "find_mentions"),
          ("linking", "graph.pipeline", "link_mentions"),
          ("linking", "graph.pipeline", "resolve_bare_zones"),
          ("discourse", "graph.pipeline", "read_discourse"),
          ("sentences", "graph.pipeline", "split_sentences"),
          ("relations", "graph.pipeline", "extract_relations"))


def _stage_child(target: str) -> None:
    """Per-stage CPU seconds of extracting ``target`` (a file, or a folder of articles) in
    this fresh process; prints JSON."""
    import importlib
    from collections import defaultdict

    import graph.pipeline as pipeline

    for warm in passages()[:3]:
        pipeline.extract_text(warm)
    spent: dict[str, float] = defaultdict(float)

    def timed(stage, fn):
        def run(*a, **k):
            c0 = time.process_time()
            try:
                return fn(*a, **k)
            finally:
                spent[stage] += time.process_time() - c0
        return run
    for stage, mod, name in STAGES:
        m = importlib.import_module(mod)
        setattr(m, name, timed(stage, getattr(m, name)))
    files = sorted(Path(target).glob("*.txt")) if Path(target).is_dir() else [Path(target)]
    mb = sum(f.stat().st_size for f in files) / 1e6
    c0 = time.process_time()
    for i, f in enumerate(files):
        pipeline.extract_one(pipeline.read_one(f, f"d{i}"))
    total = time.process_time() - c0
    spent["other"] = total - sum(spent.values())
    spent["total"] = total
    print(json.dumps({"mb": mb, "files": len(files), **{k: v / mb for k, v in spent.items()}}))


def stages(runs: int, folder: Path, articles: int) -> None:
    """The per-stage table for a 1 MB document and ``articles`` articles of ~12 KB."""
    import statistics

    sys.path.insert(0, str(ROOT))
    from benchmarks.corpus import generate

    doc = folder / "prose-1.0.txt"
    if not doc.exists():
        doc.write_text(make_document(1.0), encoding="utf-8")
    arts = folder / f"articles-{articles}"
    if not arts.exists():
        generate(arts, articles, extra=[SOURCES[0]] if SOURCES[0].is_dir() else [])
    names = [s for s, _, _ in STAGES]
    cols = list(dict.fromkeys(names)) + ["other", "total"]
    print(f"CPU s per MB, median of {runs} fresh processes")
    print(f"{'shape':<18}" + "".join(f"{c:>10}" for c in cols) + f"{'MB/s/core':>10}")
    for shape, target in (("1 MB document", doc), (f"{articles} × 12 KB", arts)):
        got = []
        for _ in range(runs):
            res = subprocess.run([sys.executable, __file__, "--stage-child", str(target)],
                                 capture_output=True, text=True, check=True)
            got.append(json.loads(res.stdout.strip().splitlines()[-1]))
        med = {c: statistics.median(r.get(c, 0.0) for r in got) for c in cols}
        print(f"{shape:<18}" + "".join(f"{med[c]:10.3f}" for c in cols)
              + f"{1 / med['total']:10.3f}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="0.01,0.1,1,10", help="document sizes in MB")
    ap.add_argument("--kinds", default="prose,unpunct", help="prose, unpunct")
    ap.add_argument("--timeout", type=float, default=600, help="seconds per document")
    ap.add_argument("--write", nargs=2, metavar=("MB", "FILE"), help="only write a document")
    ap.add_argument("--kind", default="prose", help="kind for --write")
    ap.add_argument("--keep", metavar="DIR",
                    help="keep the generated documents in DIR and reuse them on later runs")
    ap.add_argument("--stages", action="store_true",
                    help="CPU s/MB stage by stage for a 1 MB document and 12 KB articles")
    ap.add_argument("--runs", type=int, default=5, help="fresh processes per shape (--stages)")
    ap.add_argument("--articles", type=int, default=200, help="articles (--stages)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--stage-child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return _child(args.child)
    if args.stage_child:
        return _stage_child(args.stage_child)
    if args.write:
        Path(args.write[1]).write_text(make_document(float(args.write[0]), args.kind),
                                       encoding="utf-8")
        return
    import tempfile

    if args.stages:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(args.keep or tmp)
            folder.mkdir(parents=True, exist_ok=True)
            return stages(args.runs, folder, args.articles)
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
