"""No module of the package binds one top-level name twice: a second pattern or function of
the same name silently replaces the first for every rule that reads it."""
from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "graph"


def _top_level_names(path: Path) -> Counter:
    names: Counter = Counter()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names[node.name] += 1
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names[node.target.id] += 1
    return names


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.name)
def test_no_top_level_name_bound_twice(path: Path) -> None:
    twice = sorted(n for n, k in _top_level_names(path).items() if k > 1)
    assert not twice, f"{path.name} binds {twice} more than once"


def test_the_check_sees_a_rebinding(tmp_path: Path) -> None:
    src = tmp_path / "m.py"
    src.write_text("import re\n_X = re.compile('a')\n\ndef f():\n    pass\n_X = re.compile('b')\n",
                   encoding="utf-8")
    assert _top_level_names(src)["_X"] == 2
