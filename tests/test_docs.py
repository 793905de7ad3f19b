"""The README documents every command and the test command CI runs."""
from __future__ import annotations

import subprocess
from pathlib import Path

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
