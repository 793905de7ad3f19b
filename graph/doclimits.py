"""Per-document limits: one huge or pathological file must not stall a whole build.

* **Size**: a file larger than ``max_mb`` megabytes is skipped before it is read.
* **Time** (a safety net): reading and extracting one document may take at most
  ``timeout`` CPU seconds; past that it is abandoned and skipped. CPU time, not wall
  time, so that a busy machine does not skip documents a quiet one keeps: the same
  input gives the same output whatever else the machine is doing.

Extraction is linear in a document's length (``benchmarks/bench_extract.py``), so the size
limit bounds the time and memory a document can take; the time limit catches what no size
predicts. Both skip with a reason the CLI prints on one line with the file's name. The
timer is the process's CPU-time timer (``ITIMER_PROF``, ``SIGPROF``), so it applies where
documents are extracted in a process's main thread (a build, its ``--jobs`` workers);
elsewhere (threads) only the size limit applies.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

DEFAULT_MAX_DOC_MB = 20.0
DEFAULT_DOC_TIMEOUT = 600.0


@dataclass(frozen=True)
class DocLimits:
    """``max_mb``: largest file read (MB, 10⁶ bytes); ``timeout``: seconds per document.
    ``None`` or 0 switches a limit off."""

    max_mb: float | None = DEFAULT_MAX_DOC_MB
    timeout: float | None = DEFAULT_DOC_TIMEOUT


NO_LIMITS = DocLimits(None, None)


class DocTimeout(Exception):
    """A document took longer than its time limit."""


def too_large(path: str | Path, limits: DocLimits) -> str | None:
    """Why ``path`` is skipped for its size, or ``None``."""
    if not limits.max_mb:
        return None
    try:
        size = Path(path).stat().st_size
    except OSError:
        return None  # reading it reports why
    if size <= limits.max_mb * 1_000_000:
        return None
    return (f"{size / 1_000_000:.1f} MB, larger than the per-document limit of "
            f"{limits.max_mb:g} MB (raise it with --max-doc-mb)")


def timeout_reason(limits: DocLimits) -> str:
    return (f"took longer than the per-document time limit of {limits.timeout:g} CPU s "
            f"(raise it with --doc-timeout)")


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`DocTimeout` in the block after ``seconds`` of the process's CPU time
    (main thread only; time spent waiting does not count)."""
    if not seconds or not hasattr(signal, "setitimer") or \
            threading.current_thread() is not threading.main_thread():
        yield
        return

    def _expired(signum, frame):  # noqa: ANN001, ARG001 - signal handler signature
        raise DocTimeout

    previous = signal.signal(signal.SIGPROF, _expired)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
