"""Load the data files shipped in ``graph/data`` once (cached)."""
from __future__ import annotations

import csv
import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any


def data_path(name: str) -> Path:
    """Path of a data file (works from a source checkout and from an installed wheel)."""
    return Path(str(resources.files("graph") / "data" / name))


def read_text(name: str) -> str:
    return data_path(name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def read_csv(name: str) -> tuple[dict[str, str], ...]:
    with data_path(name).open(encoding="utf-8", newline="") as fh:
        return tuple(dict(row) for row in csv.DictReader(fh))


@lru_cache(maxsize=None)
def read_json(name: str) -> Any:
    return json.loads(read_text(name))


def alternation(words) -> str:
    """A regular-expression alternation of cue words read from a data file, escaped and
    longest first, so that a longer word wins over its own prefix."""
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


@lru_cache(maxsize=None)
def functions() -> dict[str, dict[str, str]]:
    """Function vocabulary: id → {role, en, zh, words}."""
    return {row["id"]: row for row in read_csv("functions.csv")}
