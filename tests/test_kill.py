"""SIGKILL during a write: the output is the old content or the new, never a partial one,
and the next run leaves no temporary files or locks behind.

Writers run in subprocesses killed with SIGKILL at random moments (fixed seeds) across
the time a complete run takes. The default run injects a few faults; ``pytest -m slow``
injects many more (the counts are in each test's parameters).
"""
from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

_FILE_WRITER = textwrap.dedent("""
    import sys
    from graph.atomic import write_bytes
    target, megabytes, fill = sys.argv[1], int(sys.argv[2]), sys.argv[3].encode()
    write_bytes(target, (fill * (1 << 20) for _ in range(megabytes)))
""")
_FOLDER_WRITER = textwrap.dedent("""
    import sys
    from graph.atomic import write_folder
    target, megabytes, fill = sys.argv[1], int(sys.argv[2]), sys.argv[3].encode()
    write_folder(target, {"nodes.csv": fill * (megabytes << 20),
                          "edges.csv": fill.lower() * (megabytes << 20)})
""")
_CLI = "from cli import main; main()"


def _run(args: list[str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, *args], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def _timed(args: list[str]) -> float:
    start = time.monotonic()
    proc = _run(args)
    assert proc.wait(timeout=300) == 0, args
    return time.monotonic() - start


def _kill_at(args: list[str], delay: float) -> None:
    proc = _run(args)
    try:
        proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _debris(folder: Path, name: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(f".{name}."))


def _file_kills(tmp_path: Path, kills: int, seed: int) -> None:
    target = tmp_path / "g.bin"
    target.write_bytes(b"old")
    args = ["-c", _FILE_WRITER, str(target), "8", "N"]
    new = hashlib.sha256(b"N" * (8 << 20)).hexdigest()
    full = _timed(args)
    assert _digest(target) == new
    old = _digest_bytes(b"old")
    rng = random.Random(seed)
    for _ in range(kills):
        target.write_bytes(b"old")
        _kill_at(args, rng.uniform(0, full))
        assert _digest(target) in (old, new), "partial file after SIGKILL"
    _timed(args)  # the next complete run cleans what the killed ones left
    assert _digest(target) == new
    assert _debris(tmp_path, "g.bin") == []


def _folder_kills(tmp_path: Path, kills: int, seed: int) -> None:
    target = tmp_path / "tables"
    target.mkdir()
    (target / "nodes.csv").write_bytes(b"old nodes")
    (target / "edges.csv").write_bytes(b"old edges")
    args = ["-c", _FOLDER_WRITER, str(target), "4", "N"]
    old = {"nodes.csv": b"old nodes", "edges.csv": b"old edges"}
    full = _timed(args)
    new = {p.name: _digest(p) for p in target.iterdir()}
    rng = random.Random(seed)
    for _ in range(kills):
        for name, data in old.items():
            (target / name).write_bytes(data)
        _kill_at(args, rng.uniform(0, full))
        assert target.is_dir(), "folder missing after SIGKILL"
        got = {p.name: p.read_bytes() for p in target.iterdir()}
        if got != old:
            assert {k: hashlib.sha256(v).hexdigest() for k, v in got.items()} == new, \
                "mixed or partial CSV set after SIGKILL"
    _timed(args)
    assert {p.name: _digest(p) for p in target.iterdir()} == new
    assert _debris(tmp_path, "tables") == []


def _build_kills(tmp_path: Path, kills: int, seed: int, source: Path | None = None) -> None:
    if source is None:
        source = tmp_path / "in"
        source.mkdir()
        (source / "a.txt").write_text("研发在雨花区、生产在湘潭县，两地合作共建产业园。\n" * 50,
                                      encoding="utf-8")
    out = tmp_path / "g.trig"
    args = ["-c", _CLI, "build", str(source), "-o", str(out), "-q", "--jobs", "1"]
    full = _timed(args)
    new = _digest(out)
    out.write_bytes(b"old")
    rng = random.Random(seed)
    for _ in range(kills):
        _kill_at(args, rng.uniform(0.3 * full, full))  # the write is at the end
        got = _digest(out)
        assert got in (new, _digest_bytes(b"old")), "partial graph after SIGKILL"
        out.write_bytes(b"old")
    _timed(args)
    assert _digest(out) == new
    assert _debris(tmp_path, "g.trig") == []


def _digest_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_sigkill_while_writing_a_file(tmp_path):
    _file_kills(tmp_path, kills=5, seed=1)


def test_sigkill_while_writing_csv_tables(tmp_path):
    _folder_kills(tmp_path, kills=3, seed=2)


def test_sigkill_during_build(tmp_path):
    _build_kills(tmp_path, kills=2, seed=3)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(4))
def test_sigkill_many(tmp_path, seed):
    """4 × (15 file + 10 folder + 5 build of the seeds) = 120 SIGKILLs."""
    (tmp_path / "f").mkdir()
    (tmp_path / "d").mkdir()
    (tmp_path / "b").mkdir()
    _file_kills(tmp_path / "f", kills=15, seed=100 + seed)
    _folder_kills(tmp_path / "d", kills=10, seed=200 + seed)
    _build_kills(tmp_path / "b", kills=5, seed=300 + seed, source=ROOT / "seeds")
