"""The README documents every command and the test command CI runs, and shows what the
program prints (scripts/update_readme.py runs its console blocks; --write refreshes them)."""
from __future__ import annotations

import functools
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_has_help_and_is_in_the_readme() -> None:
    for name, command in main.commands.items():
        assert command.help, name
        assert f"coopgraph {name}" in README, name


def _quick_start_blocks() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [b.split("\n```", 1)[0].strip() for b in section.split("```bash\n")[1:]]


def test_ci_runs_the_readme_quick_start_in_a_fresh_venv() -> None:
    """.ci/run reads both Quick start commands from the README and runs them in a venv."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    blocks = _quick_start_blocks()
    assert blocks[0].startswith("python -m pip install -e . && coopgraph build")
    assert blocks[1].endswith("python -m pytest -q")
    assert "python3 -m venv" in ci and '. "$VENV/bin/activate"' in ci
    func = ci[ci.index("readme_block() {"):ci.index("\n}\n", ci.index("readme_block() {")) + 3]
    got = [subprocess.run(["bash", "-c", func + f"readme_block {i}"], cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout.strip() for i in (1, 2)]
    assert got == blocks[:2]


def test_named_queries_are_in_the_readme() -> None:
    for rq in (ROOT / "graph" / "queries").glob("*.rq"):
        assert f"`{rq.stem}`" in README, rq.stem


@functools.lru_cache(maxsize=1)
def _update_readme():
    spec = importlib.util.spec_from_file_location("update_readme",
                                                  ROOT / "scripts" / "update_readme.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["update_readme"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def readme_runs():
    """Every console-block command of the README with what it prints now."""
    return _update_readme().check(README)


def test_readme_console_outputs_are_what_the_program_prints(readme_runs) -> None:
    ur = _update_readme()
    assert {c.line.split()[1] for c, _ in readme_runs} >= {"build", "query", "export",
                                                            "explain", "eval"}
    drifted = [c.line for c, out in readme_runs if not ur.matches(c.expected, out)]
    assert drifted == [], ("README outputs drifted; refresh them with "
                           "`python scripts/update_readme.py --write`")


def test_ellipsis_matching_and_refresh() -> None:
    ur = _update_readme()
    assert ur.matches("a,…,d\n…\nz\n", "a,b,c,d\nx\ny\nz\n")
    assert ur.matches("a\n…\n", "a\n") and not ur.matches("a\nb\n", "a\nc\n")
    assert not ur.matches("a…d\n", "abc\n")
    assert ur.refreshed("one\n…\n", "1\n2\n3\n") == "1\n…\n"
    assert ur.refreshed("one\ntwo\n", "1\n2\n3\n") == "1\n2\n3\n"
    text = "x\n```console\n$ coopgraph a\nout\n$ coopgraph b\n```\n"
    cmds = ur.commands(text)
    assert [(c.line, c.expected) for c in cmds] == [("coopgraph a", "out\n"), ("coopgraph b", "")]
    assert text[cmds[0].start:cmds[0].end] == "out\n"


def test_named_query_columns_are_the_readme_table(readme_runs, tmp_path, monkeypatch) -> None:
    """Each row of the named-query table lists the query's columns (before source and
    evidence), checked on the graph the README's build wrote."""
    ur = _update_readme()
    rows = re.findall(r"^\| `([a-z-]+)` \| ((?:`\?[a-z_]+(?: \?[a-z_]+)*`)) \|", README, re.M)
    assert len(rows) >= 7
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").symlink_to(ROOT / "seeds")
    ur.run("coopgraph build seeds/ -o g.trig")
    for name, columns in rows:
        header = ur.run(f"coopgraph query {name} -g g.trig --format csv").splitlines()[0]
        shown = columns.strip("`").replace("?", "").split()
        assert header.split(",") == shown + ["source", "evidence"], name
