"""Starting the CLI and querying a store load neither rdflib nor networkx."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_query_path_imports_no_heavy_library():
    code = ("import sys, cli, graph.query, graph.limits, graph.kgstore; "
            "print(sorted(m for m in ('rdflib', 'networkx', 'numpy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    assert out.stdout == "[]\n", out.stderr
