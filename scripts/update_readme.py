#!/usr/bin/env python3
"""Check or refresh the outputs README.md shows for its ``console`` blocks.

Every ``$ coopgraph …`` line of a ```console block is run (in order, in a scratch folder
holding ``seeds/`` and ``examples/``, through click's test runner) and what it prints on
stdout is compared with the lines under it. ``…`` stands for elided text: a line that is
only ``…`` for any number of lines, ``…`` inside a line for any text.

    python scripts/update_readme.py           # report commands whose output drifted (exit 1)
    python scripts/update_readme.py --write   # rewrite those outputs in README.md

``tests/test_docs.py`` runs the check. A rewritten output keeps as many lines as the
README showed before (then ``…``) when it was elided, else the whole output.
"""
from __future__ import annotations

import argparse
import os
import re
import shlex
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
ELLIPSIS = "…"
#: Folders of the repository the README's commands read, linked into the scratch folder.
LINKED = ("seeds", "examples")
_BLOCK = re.compile(r"^```console\n(.*?)^```", re.S | re.M)


@dataclass
class Command:
    line: str  # the command, without "$ "
    expected: str  # the lines shown under it ("" if none), newline-terminated
    start: int  # offsets of ``expected`` in the README text
    end: int


def commands(text: str) -> list[Command]:
    """The ``$ `` commands of every console block, with the output shown under each."""
    out: list[Command] = []
    for block in _BLOCK.finditer(text):
        pos = block.start(1)
        lines = block.group(1).splitlines(keepends=True)
        i = 0
        while i < len(lines):
            if not lines[i].startswith("$ "):
                raise ValueError(f"console block line is no command: {lines[i]!r}")
            cmd, pos = lines[i][2:].strip(), pos + len(lines[i])
            j = i + 1
            while j < len(lines) and not lines[j].startswith("$ "):
                j += 1
            expected = "".join(lines[i + 1:j])
            out.append(Command(cmd, expected, pos, pos + len(expected)))
            pos += len(expected)
            i = j
    return out


def pattern(expected: str) -> re.Pattern[str]:
    parts = []
    for line in expected.splitlines():
        if line.strip() == ELLIPSIS:
            parts.append(r"(?:[^\n]*\n)*?")
        else:
            parts.append(".*?".join(re.escape(p) for p in line.split(ELLIPSIS)) + r"\n")
    return re.compile("".join(parts), re.S)


def matches(expected: str, actual: str) -> bool:
    return pattern(expected).fullmatch(actual) is not None


def run(cmd: str) -> str:
    """stdout of one README command (run in the current folder); an error is raised."""
    from click.testing import CliRunner

    from cli import main

    args = shlex.split(cmd)
    if not args or args[0] != "coopgraph":
        raise ValueError(f"not a coopgraph command: {cmd}")
    if "-j" not in args and args[1:2] == ["build"]:
        args += ["-j", "1"]  # the same output, without worker processes
    result = CliRunner().invoke(main, args[1:], catch_exceptions=False)
    if result.exit_code != 0:
        raise RuntimeError(f"{cmd!r} exited {result.exit_code}: {result.output}")
    return result.stdout.removeprefix("\ufeff")  # CSV's BOM (for Excel) is not shown


def refreshed(expected: str, actual: str) -> str:
    """New lines for a drifted output: elided as before, else all of it."""
    shown = expected.splitlines()
    if ELLIPSIS not in [s.strip() for s in shown]:
        return actual
    keep = shown.index(next(s for s in shown if s.strip() == ELLIPSIS))
    lines = actual.splitlines(keepends=True)
    if len(lines) <= keep:
        return actual
    return "".join(lines[:keep]) + ELLIPSIS + "\n"


def check(text: str) -> list[tuple[Command, str]]:
    """Every command with what it prints now, run in a scratch folder."""
    here = Path.cwd()
    with tempfile.TemporaryDirectory(prefix="coopgraph-readme-") as tmp:
        for name in LINKED:
            if (ROOT / name).exists():
                os.symlink(ROOT / name, Path(tmp) / name)
        os.chdir(tmp)
        try:
            return [(c, run(c.line)) for c in commands(text)]
        finally:
            os.chdir(here)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write", action="store_true", help="rewrite drifted outputs in README.md")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    text = README.read_text(encoding="utf-8")
    results = check(text)
    drifted = [(c, out) for c, out in results if not matches(c.expected, out)]
    for c, out in drifted:
        print(f"drifted: $ {c.line}\n--- README\n{c.expected}--- now\n{out}", file=sys.stderr)
    if args.write and drifted:
        for c, out in sorted(drifted, key=lambda p: -p[0].start):
            text = text[:c.start] + refreshed(c.expected, out) + text[c.end:]
        README.write_text(text, encoding="utf-8")
        print(f"rewrote {len(drifted)} outputs in README.md")
        return 0
    print(f"{len(results) - len(drifted)}/{len(results)} README commands print what it shows")
    return 1 if drifted else 0


if __name__ == "__main__":
    sys.exit(main())
