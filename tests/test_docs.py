"""The README documents every command and the test command CI runs."""
from __future__ import annotations

from pathlib import Path

from cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_has_help_and_is_in_the_readme() -> None:
    for name, command in main.commands.items():
        assert command.help, name
        assert f"coopgraph {name}" in README, name


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme_test = "python -m pytest -q"
    assert readme_test in README.split("## A tour")[0]
    assert ci.strip().splitlines()[-1] == readme_test


def test_named_queries_are_in_the_readme() -> None:
    for rq in (ROOT / "graph" / "queries").glob("*.rq"):
        assert f"`{rq.stem}`" in README, rq.stem
