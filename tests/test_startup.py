"""Starting the CLI and querying a store load neither rdflib nor networkx."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import cli
from graph.export import EXPORTERS
from graph.prefixes import PREFIXES
from graph.store import PREFIXES as STORE_PREFIXES

ROOT = Path(__file__).resolve().parents[1]


def test_spelt_out_constants_match_their_sources():
    assert cli.EXPORT_FORMATS == tuple(sorted(EXPORTERS))
    assert PREFIXES == STORE_PREFIXES


def test_query_path_imports_no_heavy_library():
    code = ("import sys, cli, graph.query, graph.limits, graph.kgstore; "
            "print(sorted(m for m in ('rdflib', 'networkx', 'numpy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    assert out.stdout == "[]\n", out.stderr
