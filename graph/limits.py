"""Run a query under a time limit, a row limit and a memory limit.

The query runs in a worker process that opens the graph itself (an on-disk store opens in
milliseconds; a graph file is parsed there), caps its own address space, and sends the
rows back through a pipe. The caller waits until the deadline, then kills the worker: a
query that spins (a cartesian ``COUNT(*)``) or grows (a cartesian ``SELECT *`` sorted)
ends with a one-line message within the limit, whatever the engine is doing.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from .errors import QueryError

#: Defaults of ``coopgraph query --timeout/--max-rows/--max-memory``.
DEFAULT_TIMEOUT = 60.0
DEFAULT_MAX_ROWS = 100_000
DEFAULT_MAX_MEMORY_MB = 4096


@dataclass(frozen=True)
class Limits:
    """Resource limits of one query: seconds, result rows, worker memory (MiB)."""

    timeout: float = DEFAULT_TIMEOUT
    max_rows: int = DEFAULT_MAX_ROWS
    max_memory_mb: int = DEFAULT_MAX_MEMORY_MB


def open_graph(source: str | Path) -> Any:
    """An Oxigraph store for ``source``: a store folder (read-only) or a graph file.

    Raises
    ------
    GraphFileError
        For a missing or unreadable graph (``StoreError`` for a store folder).
    """
    path = Path(source)
    if path.is_dir():
        from .kgstore import open_store

        return open_store(path, read_only=True)
    from .store import load_store

    return load_store(path)


def _cap_memory(mb: int) -> None:
    try:
        import resource
    except ImportError:  # pragma: no cover - not on POSIX
        return
    limit = mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _quiet_stderr() -> None:
    """Silence the engine's own abort message (the parent reports the limit instead)."""
    import faulthandler

    faulthandler.disable()
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        os.close(null)
    except OSError:  # pragma: no cover
        pass


def _worker(conn: Any, source: Any, query: str, params: Mapping[str, str] | None,
            options: dict[str, Any], max_memory_mb: int) -> None:
    from .query import run_query

    try:
        _quiet_stderr()
        _cap_memory(max_memory_mb)
        store = source if not isinstance(source, (str, Path)) else open_graph(source)
        if isinstance(source, (str, Path)) and Path(source).is_dir():
            from .summary import open_reader  # a store's named-query rows, if current

            options = {**options, "summary": open_reader(source)}
        conn.send(("ok", run_query(store, query, params, **options)))
    except MemoryError:
        conn.send(("memory", ""))
    except Exception as exc:  # noqa: BLE001 - every failure goes back as one line
        from .errors import CoopgraphError

        if isinstance(exc, CoopgraphError):
            conn.send(("error", str(exc)))
        else:
            conn.send(("error", f"query failed ({type(exc).__name__}: {exc})"))
    finally:
        conn.close()


def _context() -> Any:
    # fork: the worker starts in milliseconds and inherits an in-memory store as is.
    return mp.get_context("fork" if sys.platform.startswith("linux") else "spawn")


def run_limited(source: Any, query: str, params: Mapping[str, str] | None = None, *,
                limits: Limits = Limits(), **options: Any) -> Any:
    """Run ``query`` on ``source`` in a worker process under ``limits``.

    Parameters
    ----------
    source : str, Path or pyoxigraph.Store
        A store folder, a graph file, or an in-memory store (inherited by the worker).
    query, params
        As for :func:`graph.query.run_query`.
    limits : Limits
        Time (s), rows and memory (MiB) allowed.
    **options
        Passed to :func:`graph.query.run_query` (``limit``, ``offset``,
        ``allow_network``); ``max_rows`` comes from ``limits``.

    Returns
    -------
    QueryResult

    Raises
    ------
    QueryError
        The query's own error, or a one-line message when a limit stopped it.
    """
    ctx = _context()
    recv, send = ctx.Pipe(duplex=False)
    options = {**options, "max_rows": limits.max_rows}
    proc = ctx.Process(target=_worker, daemon=True,
                       args=(send, source, query, params, options, limits.max_memory_mb))
    proc.start()
    send.close()
    deadline = time.monotonic() + limits.timeout
    try:
        if not recv.poll(max(0.0, deadline - time.monotonic())):
            raise QueryError(f"query stopped after {limits.timeout:g} s (the time limit, "
                             "--timeout); narrow it, page it with --limit, or allow more time")
        try:
            status, payload = recv.recv()
        except (EOFError, OSError):
            proc.join(5)
            raise QueryError(_died(proc.exitcode, limits)) from None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        recv.close()
    if status == "ok":
        return payload
    if status == "memory":
        raise QueryError(_died(None, limits))
    raise QueryError(payload)


def _died(exitcode: int | None, limits: Limits) -> str:
    if exitcode in (None, -6, -9, 134, 137) or exitcode is not None and exitcode < 0:
        return (f"query stopped: it needed more than {limits.max_memory_mb} MiB "
                "(the memory limit, --max-memory); narrow it or page it with --limit")
    return f"query worker ended unexpectedly (exit status {exitcode})"


__all__ = ["DEFAULT_MAX_MEMORY_MB", "DEFAULT_MAX_ROWS", "DEFAULT_TIMEOUT", "Limits",
           "open_graph", "run_limited"]
