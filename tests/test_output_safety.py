"""Outputs: devices, FIFOs and folders refused, symbolic links written through, temporary
files cleaned on every exit path, CSV folders replaced as a set, one writer per output."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import graph.atomic as atomic
from cli import main
from graph.atomic import output_lock, stale_temps, write_bytes, write_folder
from graph.errors import OutputError
from graph.rdf import to_dataset
from graph.store import save_dataset
from sample import sample_extraction

ROOT = Path(__file__).resolve().parents[1]


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory) -> Path:
    return save_dataset(to_dataset(sample_extraction()),
                        tmp_path_factory.mktemp("g") / "graph.trig")


@pytest.fixture()
def article(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("研发在雨花区、生产在湘潭县，两地合作共建产业园。\n",
                                  encoding="utf-8")
    return folder


# ---------------------------------------------------------------- refused targets

def test_device_is_refused_and_left_alone(graph_file):
    before = os.stat("/dev/null")
    for args in (("export", "-g", graph_file, "-f", "ttl", "-o", "/dev/null"),
                 ("viz", "-g", graph_file, "-o", "/dev/null")):
        result = run(*args)
        assert result.exit_code == 1
        assert result.stderr == "Error: cannot write /dev/null: it is a device\n"
    after = os.stat("/dev/null")
    assert (after.st_ino, after.st_mode, after.st_rdev) == (
        before.st_ino, before.st_mode, before.st_rdev)


def test_build_refuses_a_device_before_reading(article):
    result = run("build", article, "-o", "/dev/null/../null.trig")
    assert result.exit_code == 1
    with pytest.raises(OutputError, match=r"^cannot write /dev/null: it is a device$"):
        write_bytes("/dev/null", b"x")


def test_fifo_is_refused(tmp_path, graph_file, article):
    fifo = tmp_path / "pipe.trig"
    os.mkfifo(fifo)
    for args in (("export", "-g", graph_file, "-f", "trig", "-o", fifo),
                 ("build", article, "-o", fifo)):
        result = run(*args)
        assert result.exit_code == 1
        assert result.stderr == f"Error: cannot write {fifo}: it is a FIFO (named pipe)\n"
    assert fifo.is_fifo()


def test_folder_is_refused_for_a_file_output(tmp_path, graph_file, article):
    folder = tmp_path / "g.trig"
    folder.mkdir()
    for args in (("build", article, "-o", folder),
                 ("export", "-g", graph_file, "-f", "graphml", "-o", folder),
                 ("viz", "-g", graph_file, "-o", folder)):
        result = run(*args)  # click's own check (exit 2) or ours (exit 1): one line
        assert result.exit_code in (1, 2), args
        assert ("is a directory" in result.stderr or result.stderr ==
                f"Error: cannot write {folder}: it is a folder\n"), args
    assert list(folder.iterdir()) == []
    with pytest.raises(OutputError, match=f"^cannot write {folder}: it is a folder$"):
        write_bytes(folder, b"x")


# ---------------------------------------------------------------- symbolic links

def test_symlink_is_written_through(tmp_path, graph_file):
    real = tmp_path / "real" / "g.ttl"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.ttl"
    link.symlink_to(real)
    result = run("export", "-g", graph_file, "-f", "ttl", "-o", link)
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8").startswith("@prefix")
    assert sorted(p.name for p in real.parent.iterdir()) == ["g.ttl"]


def test_dangling_symlink_creates_its_target_and_loop_is_refused(tmp_path):
    link = tmp_path / "dangling.trig"
    link.symlink_to(tmp_path / "made.trig")
    write_bytes(link, b"new")
    assert link.is_symlink() and (tmp_path / "made.trig").read_bytes() == b"new"
    loop = tmp_path / "loop.trig"
    loop.symlink_to(loop)
    with pytest.raises(OutputError, match="it is a symbolic link that loops$"):
        write_bytes(loop, b"x")


def test_symlink_to_a_device_is_refused(tmp_path):
    link = tmp_path / "null.trig"
    link.symlink_to("/dev/null")
    with pytest.raises(OutputError, match=f"^cannot write {link}: it is a device$"):
        write_bytes(link, b"x")


# ---------------------------------------------------------------- temporary files

def test_stale_temporaries_are_removed_by_the_next_writer(tmp_path):
    target = tmp_path / "g.trig"
    target.write_bytes(b"old")
    stale = [tmp_path / ".g.trig.4242-abcdefgh.tmp", tmp_path / ".g.trig.k2_9ab3x.tmp"]
    for p in stale:
        p.write_bytes(b"partial")
    (tmp_path / ".g.trig.4242-dir12345.tmp").mkdir()  # a killed CSV export's folder
    others = [tmp_path / ".g.trig.other.tmp", tmp_path / ".g.trig.ttl.4242-abcdefgh.tmp",
              tmp_path / "keep.tmp"]
    for p in others:
        p.write_bytes(b"not ours")
    assert len(stale_temps(target)) == 3
    write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["g.trig"] + [p.name for p in others])


def test_a_temporary_folder_left_by_a_killed_run_is_removed_by_the_next_run(tmp_path):
    """SIGKILL runs no cleanup: the next run with the same prefix removes the folder. A
    folder whose process is still alive, another prefix and a young folder of an older
    version (no owner file) are kept; an old one of those goes."""
    env = {**os.environ, "TMPDIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    hold = textwrap.dedent("""
        import sys, time
        from graph.atomic import temporary_folder
        with temporary_folder("coopgraph-build-") as tmp:
            (tmp / "union.nt").write_text("partial")
            print(tmp, flush=True)
            time.sleep(60)
    """)
    killed = subprocess.Popen([sys.executable, "-c", hold], env=env, stdout=subprocess.PIPE,
                              text=True)
    alive = subprocess.Popen([sys.executable, "-c", hold], env=env, stdout=subprocess.PIPE,
                             text=True)
    try:
        dead_folder = Path(killed.stdout.readline().strip())
        live_folder = Path(alive.stdout.readline().strip())
        killed.send_signal(signal.SIGKILL)
        killed.wait(10)
        assert (dead_folder / "union.nt").exists()  # nothing ran at the kill
        legacy_young = tmp_path / "coopgraph-build-young123"
        legacy_old = tmp_path / "coopgraph-build-old45678"
        other = tmp_path / "coopgraph-sort-abcdefgh"
        for folder in (legacy_young, legacy_old, other):
            folder.mkdir()
        two_days = time.time() - 2 * 24 * 3600
        os.utime(legacy_old, (two_days, two_days))
        removed = atomic.sweep_temporary_folders("coopgraph-build-", tmp_path)
        assert removed == sorted([dead_folder, legacy_old])
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
            [live_folder.name, legacy_young.name, other.name])
    finally:
        alive.kill()
        killed.kill()
        alive.wait(10)


def test_a_new_temporary_folder_sweeps_the_stale_ones_first(tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    stale = tmp_path / "coopgraph-build-k2_9ab3x"
    stale.mkdir()
    (stale / ".owner").write_bytes(b"")  # its lock died with its process
    with atomic.temporary_folder("coopgraph-build-") as tmp:
        assert [p.name for p in tmp_path.iterdir()] == [tmp.name]
        assert (tmp / ".owner").exists()
        assert atomic.sweep_temporary_folders("coopgraph-build-", tmp_path) == []
    assert list(tmp_path.iterdir()) == []


def test_error_while_writing_leaves_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "g.trig"
    target.write_bytes(b"old")

    def chunks():
        yield b"half"
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputError, match=r"^cannot write .*g.trig: No space left on device$"):
        write_bytes(target, chunks())
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["g.trig"]


def test_keyboard_interrupt_cleans_up(tmp_path):
    target = tmp_path / "g.trig"

    def chunks():
        yield b"half"
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_bytes(target, chunks())
    assert list(tmp_path.iterdir()) == []


_SLOW_WRITER = textwrap.dedent("""
    import signal, sys, time
    from pathlib import Path
    from graph.atomic import write_bytes
    # A shell that starts a job in the background (CI may) makes it ignore SIGINT;
    # restore Ctrl-C as a terminal user has it.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    target, ready = Path(sys.argv[1]), Path(sys.argv[2])
    def chunks():
        yield b"partial"
        ready.write_text("writing")
        time.sleep(60)
        yield b"never"
    write_bytes(target, chunks())
""")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_signal_during_write_cleans_up(tmp_path, sig):
    target = tmp_path / "out" / "g.trig"
    target.parent.mkdir()
    target.write_bytes(b"old")
    ready = tmp_path / "ready"
    proc = subprocess.Popen([sys.executable, "-c", _SLOW_WRITER, str(target), str(ready)],
                            cwd=ROOT, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):
            if ready.exists() or proc.poll() is not None:
                break
            time.sleep(0.05)
        assert ready.exists(), "writer did not start"
        proc.send_signal(sig)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode != 0
    assert target.read_bytes() == b"old"
    assert [p.name for p in target.parent.iterdir()] == ["g.trig"]


# ---------------------------------------------------------------- folders (CSV)

def test_csv_folder_is_replaced_as_a_set(tmp_path, graph_file, monkeypatch):
    out = tmp_path / "tables"
    write_folder(out, {"nodes.csv": b"old nodes", "edges.csv": b"old edges"})
    real = atomic._write_chunks
    calls = []

    def disk_full_on_second(path, chunks, mode):
        calls.append(path.name)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(path, chunks, mode)

    monkeypatch.setattr(atomic, "_write_chunks", disk_full_on_second)
    result = run("export", "-g", graph_file, "-f", "csv", "-o", out)
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot write {out}: No space left on device\n"
    assert (out / "nodes.csv").read_bytes() == b"old nodes"
    assert (out / "edges.csv").read_bytes() == b"old edges"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tables"]
    monkeypatch.setattr(atomic, "_write_chunks", real)
    result = run("export", "-g", graph_file, "-f", "csv", "-o", out)
    assert result.exit_code == 0
    assert (out / "nodes.csv").read_bytes().startswith(b"\xef\xbb\xbfid,")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tables"]


def test_csv_without_exchange_still_replaces_the_folder(tmp_path, monkeypatch):
    out = tmp_path / "tables"
    write_folder(out, {"nodes.csv": b"1", "edges.csv": b"1"})
    monkeypatch.setattr(atomic, "_exchange", lambda a, b: False)
    write_folder(out, {"nodes.csv": b"2", "edges.csv": b"2"})
    assert sorted((p.name, p.read_bytes()) for p in out.iterdir()) == [
        ("edges.csv", b"2"), ("nodes.csv", b"2")]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tables"]


def test_csv_folder_with_other_files_is_refused(tmp_path, graph_file):
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.trig").write_text("mine", encoding="utf-8")
    result = run("export", "-g", graph_file, "-f", "csv", "-o", out)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: cannot write {out}: the folder holds other files "
                             "(graph.trig); name a new or empty folder\n")
    assert [p.name for p in out.iterdir()] == ["graph.trig"]


def test_csv_into_an_empty_existing_folder(tmp_path, graph_file):
    out = tmp_path / "empty"
    out.mkdir()
    assert run("export", "-g", graph_file, "-f", "csv", "-o", out).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["edges.csv", "nodes.csv"]


# ---------------------------------------------------------------- one writer per output

_HOLDER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from graph.atomic import output_lock
    with output_lock(sys.argv[1]):
        Path(sys.argv[2]).write_text("locked")
        time.sleep(60)
""")


def test_second_writer_fails_with_a_clear_message(tmp_path, article, graph_file):
    target = tmp_path / "g.trig"
    ready = tmp_path / "ready"
    proc = subprocess.Popen([sys.executable, "-c", _HOLDER, str(target), str(ready)],
                            cwd=ROOT)
    try:
        for _ in range(600):
            if ready.exists() or proc.poll() is not None:
                break
            time.sleep(0.05)
        assert ready.exists()
        for args in (("build", article, "-o", target),
                     ("export", "-g", graph_file, "-f", "trig", "-o", target)):
            result = run(*args)
            assert result.exit_code == 1
            assert result.stderr == (f"Error: cannot write {target}: another coopgraph "
                                     f"process is writing it (pid {proc.pid}); "
                                     "try again when it has finished\n")
        assert not target.exists()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert run("build", article, "-o", target, "-q").exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.trig", "in", "ready"]


def test_lock_is_reentrant_in_one_process(tmp_path):
    target = tmp_path / "g.trig"
    with output_lock(target):
        write_bytes(target, b"a")
        write_bytes(target, b"b")
        assert (tmp_path / ".g.trig.lock").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["g.trig"]
    assert target.read_bytes() == b"b"


def test_new_file_gets_the_usual_permissions(tmp_path):
    umask = os.umask(0o022)
    try:
        write_bytes(tmp_path / "a.trig", b"x")
    finally:
        os.umask(umask)
    assert (tmp_path / "a.trig").stat().st_mode & 0o777 == 0o644
    (tmp_path / "b.trig").write_bytes(b"")
    (tmp_path / "b.trig").chmod(0o600)
    write_bytes(tmp_path / "b.trig", b"y")
    assert (tmp_path / "b.trig").stat().st_mode & 0o777 == 0o600


def test_forked_worker_signal_does_not_remove_the_parents_lock(tmp_path):
    """build --jobs forks workers while holding the lock: a worker's SIGTERM must not
    remove the parent's lock file or temporaries."""
    target = tmp_path / "g.trig"
    with output_lock(target):
        pid = os.fork()
        if pid == 0:  # child: die by SIGTERM as a pool worker would
            os.kill(os.getpid(), signal.SIGTERM)
            os._exit(0)  # pragma: no cover - not reached
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGTERM
        assert (tmp_path / ".g.trig.lock").exists()
        write_bytes(target, b"still mine")
    assert [p.name for p in tmp_path.iterdir()] == ["g.trig"]


def test_long_file_names_get_short_temporaries(tmp_path):
    name = "长" * 80 + ".trig"  # 245 bytes: a temporary named after it would pass 255
    target = tmp_path / name
    write_bytes(target, b"x")
    assert [p.name for p in tmp_path.iterdir()] == [name]
    with output_lock(target):
        assert len([p for p in tmp_path.iterdir() if p.name.endswith(".lock")]) == 1
