"""Per-document limits: a file too large or too slow is skipped with one line naming it."""
from __future__ import annotations

import signal
import time
from pathlib import Path

from click.testing import CliRunner

from cli import main
from graph.doclimits import DocLimits, DocTimeout, time_limit
from graph.pipeline import process_file

ARTICLE = ("长沙市雨花区与湘潭市湘潭县签署合作协议。研发在雨花区、生产在湘潭县，"
           "两地共建长株潭协同产业园。该园位于湘潭县，由雨花区与湘潭县合作共建。\n")


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_a_file_beyond_the_size_limit_is_skipped_by_name(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "small.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "big.txt").write_text(ARTICLE * 200, encoding="utf-8")  # ~40 KB
    out = tmp_path / "g.nq"
    result = run("build", src, "-o", out, "-j", "1", "--max-doc-mb", "0.01")
    assert result.exit_code == 0, result.output
    assert result.stderr == (f"skipped {src / 'big.txt'}: 0.0 MB, larger than the per-document "
                             "limit of 0.01 MB (raise it with --max-doc-mb)\n")
    assert result.stdout.startswith("1 documents → ")
    text = out.read_text(encoding="utf-8")
    assert "/doc/small>" in text and "/doc/big>" not in text
    # 0 switches the limit off: both documents are read
    result = run("build", src, "-o", out, "-j", "1", "--max-doc-mb", "0")
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.startswith("2 documents → ")


def test_a_document_beyond_the_time_limit_is_skipped_by_name(tmp_path: Path) -> None:
    path = tmp_path / "slow.txt"
    # about 40 KB, so well over 0.001 CPU s: the kernel checks the CPU timer at its clock
    # ticks, and a document finished within a tick or two may end before the signal
    path.write_text(ARTICLE * 400, encoding="utf-8")
    r = process_file(path, "slow", DocLimits(None, 0.001))
    assert r.skipped == ("took longer than the per-document time limit of 0.001 CPU s "
                         "(raise it with --doc-timeout)")
    assert process_file(path, "slow", DocLimits(None, 600)).skipped is None
    result = run("build", path, "-o", tmp_path / "g.trig", "-j", "1", "--doc-timeout", "0.001")
    assert result.exit_code == 1
    assert result.stderr == ("Error: no article could be read (1 skipped; first: took longer "
                             "than the per-document time limit of 0.001 CPU s (raise it with "
                             "--doc-timeout))\n")
    assert not (tmp_path / "g.trig").exists()


def test_the_timer_is_removed_and_the_previous_handler_restored() -> None:
    def mine(signum, frame):  # noqa: ANN001
        pass

    old = signal.signal(signal.SIGPROF, mine)
    try:
        with time_limit(5):
            assert signal.getitimer(signal.ITIMER_PROF)[0] > 0
        assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
        assert signal.getsignal(signal.SIGPROF) is mine
        raised = False
        try:
            with time_limit(0.01):
                while True:
                    pass
        except DocTimeout:
            raised = True
        assert raised and signal.getsignal(signal.SIGPROF) is mine
    finally:
        signal.signal(signal.SIGPROF, old)


def test_the_time_limit_counts_cpu_time_not_waiting() -> None:
    # a machine busy with other work makes a document wait, not compute: waiting past the
    # limit must not skip it (or the output would depend on the load)
    with time_limit(0.05):
        time.sleep(0.3)
    raised = False
    try:
        with time_limit(0.05):
            while True:
                pass
    except DocTimeout:
        raised = True
    assert raised
