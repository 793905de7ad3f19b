#!/usr/bin/env python3
"""Deterministic synthetic corpus for benchmarks (generated at run time, never committed).

Sentences come from real articles (``seeds/`` and any folders given); every region name of
the gazetteer found in them is replaced by another region of the same kind, and park/zone
names get new place prefixes, so the extractor sees varied names. Articles have realistic
lengths (log-normal, about 12 KB on average), a headline, a dateline, and layout noise
(editor lines, photo credits, share prompts); a few are Traditional Chinese or GBK-encoded.
The same ``(n, seed)`` always gives the same files.

    python benchmarks/corpus.py OUT_DIR 1000            # writes OUT_DIR/a000000.txt …
    python benchmarks/corpus.py OUT_DIR 1000 --extra ../shared/gold/dev
"""
from __future__ import annotations

import argparse
import math
import random
import re
from pathlib import Path
from typing import Sequence

import ahocorasick

from graph.gazetteer import load

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")
_PARK = re.compile(r"([\u4e00-\u9fff]{2,4})(产业园区|产业园|工业园|科技园|合作区|高新区|飞地|产业城)")
NOISE = ["责任编辑：{name}", "（图片来源：{place}融媒体中心）", "扫一扫，分享到微信",
         "【打印】【关闭】", "来源：{place}日报", "原标题：{title}", "编辑 {name} 审核 {name}",
         "点击查看更多>>", "分享到：", "本文转自{place}发布"]
NAMES = ["王伟", "李娜", "张敏", "刘洋", "陈静", "杨帆", "赵磊", "黄丽"]


def _sentences(folders: Sequence[Path]) -> list[str]:
    out: list[str] = []
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text(encoding="utf-8", errors="ignore")
            out += [s.strip() for s in _SENTENCE.findall(text) if len(s.strip()) >= 12]
    if not out:
        raise SystemExit(f"no sentences under {', '.join(map(str, folders))}")
    return out


class Substituter:
    """Replaces gazetteer region names by random regions of the same kind."""

    def __init__(self) -> None:
        gaz = load()
        self.by_kind: dict[str, list[str]] = {}
        self.automaton = ahocorasick.Automaton()
        for p in sorted(gaz.places.values(), key=lambda p: p.key):
            if len(p.name) < 2 or not p.adcode:
                continue
            self.by_kind.setdefault(p.kind, []).append(p.name)
            self.automaton.add_word(p.name, (len(p.name), p.kind))
        self.automaton.make_automaton()
        self.stems = sorted({n[:2] for names in self.by_kind.values() for n in names})

    def __call__(self, text: str, rng: random.Random) -> str:
        hits = []
        for end, (length, kind) in self.automaton.iter(text):
            hits.append((end - length + 1, end + 1, kind))
        hits.sort(key=lambda h: (h[0], -h[1]))
        out, pos = [], 0
        for start, end, kind in hits:
            if start < pos:
                continue
            out.append(text[pos:start])
            out.append(rng.choice(self.by_kind[kind]))
            pos = end
        out.append(text[pos:])
        text = "".join(out)
        return _PARK.sub(lambda m: rng.choice(self.stems) + rng.choice(["", "新", "高新", "临港"])
                         + m.group(2), text)


def article(i: int, seed: int, pool: list[str], sub: Substituter) -> tuple[str, str]:
    """Text of article ``i`` and its encoding (``utf-8``, ``gbk``) -- pure of (i, seed)."""
    rng = random.Random(f"{seed}:{i}")
    target = min(60_000, max(1_500, int(rng.lognormvariate(math.log(11_000), 0.5))))
    place = rng.choice(sub.by_kind["City"])
    title = sub(rng.choice(pool), rng)[:30].rstrip("。，,")
    lines = [title, f"{2015 + rng.randrange(10)}-{1 + rng.randrange(12):02d}-"
                    f"{1 + rng.randrange(28):02d} {rng.randrange(24):02d}:{rng.randrange(60):02d}"
                    f"  来源：{place}日报", ""]
    size = 0
    while size * 3 < target:  # UTF-8: three bytes a character
        para = "".join(sub(rng.choice(pool), rng) for _ in range(rng.randint(2, 6)))
        lines += [para, ""]
        size += len(para)
        if rng.random() < 0.08:
            lines += [rng.choice(NOISE).format(name=rng.choice(NAMES), place=place,
                                               title=title), ""]
    lines.append(f"责任编辑：{rng.choice(NAMES)}")
    text = "\n".join(lines) + "\n"
    roll = rng.random()
    if roll < 0.05:
        from opencc import OpenCC

        return OpenCC("s2t").convert(text), "utf-8"
    if roll < 0.10:
        return text, "gbk"
    return text, "utf-8"


def generate(out: Path, n: int, *, seed: int = 1, start: int = 0,
             extra: Sequence[Path] = ()) -> int:
    """Write articles ``start`` … ``start + n - 1`` into ``out``; returns the bytes written."""
    out.mkdir(parents=True, exist_ok=True)
    pool = _sentences([SEEDS, *extra])
    sub = Substituter()
    total = 0
    for i in range(start, start + n):
        text, enc = article(i, seed, pool, sub)
        data = text.encode(enc, errors="ignore")
        (out / f"a{i:06d}.txt").write_bytes(data)
        total += len(data)
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--extra", type=Path, action="append", default=[],
                    help="another folder of real *.txt articles to draw sentences from")
    args = ap.parse_args()
    size = generate(args.out, args.n, seed=args.seed, extra=args.extra)
    print(f"{args.n} articles, {size / 1e6:.1f} MB → {args.out}")


if __name__ == "__main__":
    main()
