"""CSV that opens safely in a spreadsheet and reads with the right types in pandas.

* **Excel**: UTF-8 with a byte-order mark by default (without it Excel shows Chinese as
  mojibake on double-click); ``bom=False`` for tools that dislike it.
* **Formula injection** (OWASP "CSV Injection"): a cell that starts with ``=`` ``+``
  ``-`` ``@``, a tab or a carriage return gets a leading ``'`` so a spreadsheet shows it as
  text instead of running it; plain numbers (``-3``, ``+1.5e3``) are left alone.
* **XML-safe text**: cells go through :func:`graph.chars.xml_safe`, like every other
  format, so a graph built by an older version exports the same characters everywhere.

>>> guard_cell('=HYPERLINK("http://x","点击")'), guard_cell("-12.5"), guard_cell("金湾区")
('\\'=HYPERLINK("http://x","点击")', '-12.5', '金湾区')
"""
from __future__ import annotations

import csv
import io
import re
from typing import Any, Iterable, Sequence

from .chars import xml_safe

BOM = "\ufeff"
#: First characters that make a spreadsheet evaluate a cell (OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def guard_cell(value: Any) -> str:
    """The text of a CSV cell: XML-safe, with a ``'`` before a formula-like start."""
    text = "" if value is None else xml_safe(str(value))
    if text.startswith(FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]], *, bom: bool = True,
             lineterminator: str = "\r\n") -> str:
    """A CSV document: ``header`` then ``rows``, every cell through :func:`guard_cell`."""
    buf = io.StringIO()
    if bom:
        buf.write(BOM)
    writer = csv.writer(buf, lineterminator=lineterminator)
    writer.writerow([guard_cell(h) for h in header])
    writer.writerows([guard_cell(v) for v in row] for row in rows)
    return buf.getvalue()


__all__ = ["BOM", "FORMULA_START", "csv_text", "guard_cell"]
