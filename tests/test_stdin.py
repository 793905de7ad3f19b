"""``coopgraph build - -o FILE`` reads one article from standard input."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from cli import main

# Written for this test: a twinning and a co-built park.
ARTICLE = ("嘉善县与庆元县开展山海协作，结对帮扶。\n"
           "湖州市吴兴区与衢州市柯城区签订协议，共建吴兴柯城产业合作园。\n")


def test_stdin_article_builds_like_a_file(tmp_path, monkeypatch) -> None:
    runner = CliRunner()
    out1, out2, ref = tmp_path / "a.trig", tmp_path / "b.trig", tmp_path / "ref.trig"
    res = runner.invoke(main, ["build", "-", "-o", str(out1)], input=ARTICLE.encode("gbk"))
    assert res.exit_code == 0, res.output
    assert res.output.startswith("1 documents → ") and "twinning 1" in res.output
    again = runner.invoke(main, ["build", "-", "-o", str(out2)], input=ARTICLE.encode("utf-8"))
    assert again.exit_code == 0 and again.output.replace(str(out2), str(out1)) == res.output
    text = out2.read_text(encoding="utf-8")
    assert 'cg:sourcePath "stdin.txt"' in text and "/doc/stdin>" in text
    # The same bytes from a file called stdin.txt give the same graph, byte for byte.
    here = tmp_path / "src"
    here.mkdir()
    (here / "stdin.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(here)
    assert runner.invoke(main, ["build", "stdin.txt", "-o", str(ref), "-j", "1"]).exit_code == 0
    assert ref.read_bytes() == out2.read_bytes()


def test_stdin_errors_are_one_line(tmp_path) -> None:
    runner = CliRunner()
    for args, data, message in (
            (["build", "-", "-o", str(tmp_path / "x.trig")], b"  \n", "standard input is empty"),
            (["build", "-", "."], ARTICLE.encode(), "cannot be combined"),
            (["build", "-"], ARTICLE.encode(), "needs -o FILE"),
            (["build", "-", "-o", str(tmp_path / "x.trig")], b"\x01\x02\x03" * 50,
             "stdin.txt has no text")):
        res = runner.invoke(main, args, input=data)
        assert res.exit_code != 0 and message in res.output, (args, res.output)
        assert "Traceback" not in res.output and len(res.output.strip().splitlines()) == 1
    assert not (tmp_path / "x.trig").exists()


def test_sigterm_during_a_stdin_build_leaves_no_temporary_folder(tmp_path) -> None:
    """The private folder holding the article is removed when the build is terminated."""
    import os
    import signal
    import subprocess
    import sys
    import time

    root = Path(__file__).resolve().parents[1]
    temp = tmp_path / "temp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp), "PYTHONPATH": str(root)}
    proc = subprocess.Popen([sys.executable, "-c", "from cli import main; main()", "build",
                             "-", "-o", str(tmp_path / "out.trig"), "-q"],
                            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=env, cwd=tmp_path)
    proc.stdin.write((ARTICLE * 400).encode("utf-8"))
    proc.stdin.close()
    deadline = time.monotonic() + 60
    while not list(temp.glob("coopgraph-stdin-*")) and proc.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.005)
    assert proc.poll() is None, "the build ended before the folder was seen"
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(60) == -signal.SIGTERM
    assert list(temp.iterdir()) == []
    assert not (tmp_path / "out.trig").exists()
