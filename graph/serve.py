"""``coopgraph serve``: the graph behind a SPARQL 1.1 Protocol endpoint.

Two processes (:func:`start_endpoint`): the Oxigraph server (the ``oxigraph`` package on
PyPI ships the binary), run read-only on the store folder on a private loopback port (a
graph file is first loaded into a temporary store), and in front of it, on the public
address, :mod:`graph.front` -- named queries answered from the store's summary, every
other request passed on to the Oxigraph server:

* ``GET``/``POST /query``, the same at ``/sparql`` (the path Fuseki, GraphDB and most
  clients expect) -- SPARQL 1.1 Protocol; results as SPARQL JSON, XML, CSV or TSV by
  ``Accept`` header; CONSTRUCT/DESCRIBE as Turtle, N-Triples, RDF/XML ...;
* ``GET /named/NAME?param=…&limit=…&offset=…`` -- a named query by name;
* ``GET /store`` -- the Graph Store Protocol, read side;
* the default graph already holds the union of the document graphs (see :mod:`graph.rdf`),
  so the README's queries work as written -- as on any standard store;
* read-only (``/update`` is refused); a query's evaluation stops after ``timeout``
  seconds, and an answer longer than ``max_rows`` rows is cut there (headers say so; see
  :mod:`graph.rowcap`). An answer streams once it is known to be within that limit.
  (No address-space cap by default: under concurrent requests the server's threads then
  fail with EAGAIN -- measured with 8 clients and a 4 GiB cap.)

:func:`start_server` starts the Oxigraph server alone (also writable, e.g. as a target
for ``push``). Named queries are run by name from the command line:
``coopgraph query NAME --endpoint http://HOST:PORT/query`` (see :mod:`graph.remote`).
"""
from __future__ import annotations

import contextlib
import gc
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .errors import CoopgraphError

DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 60.0
#: Default of ``coopgraph serve --max-rows`` (0: no limit).
DEFAULT_MAX_ROWS = 10_000


class ServeError(CoopgraphError):
    """The server could not be started (no binary, port taken, bad store)."""


def oxigraph_binary() -> str:
    """Path of the ``oxigraph`` server binary (installed with ``pip install oxigraph``).

    Raises
    ------
    ServeError
        If it is not installed.
    """
    here = Path(sys.executable).parent / "oxigraph"
    if here.is_file() and os.access(here, os.X_OK):
        return str(here)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise ServeError("the Oxigraph server is not installed: pip install oxigraph")


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that is free on ``host`` right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def store_folder(source: str | Path) -> Iterator[Path]:
    """``source`` if it is a store folder, else a temporary store loaded from the file.

    Raises
    ------
    GraphFileError
        For a missing or unreadable graph.
    """
    from .limits import open_graph

    path = Path(source)
    if path.is_dir():
        open_graph(path)  # a coopgraph store? (clear error if not)
        gc.collect()
        yield path
        return
    import pyoxigraph as ox

    memory = open_graph(path)
    with tempfile.TemporaryDirectory(prefix="coopgraph-serve-") as tmp:
        store = ox.Store(tmp)
        store.bulk_extend(memory)
        store.flush()
        del store, memory  # close the store: the server opens the folder itself
        gc.collect()
        yield Path(tmp)


def server_command(location: str | Path, host: str, port: int, *,
                   timeout: float = DEFAULT_TIMEOUT, union: bool = False) -> list[str]:
    """The ``oxigraph serve-read-only`` command line for a store folder."""
    cmd = [oxigraph_binary(), "serve-read-only", "--location", str(location),
           "--bind", f"{host}:{port}", "--timeout-s", str(max(1, int(round(timeout))))]
    if union:
        cmd.append("--union-default-graph")
    return cmd


def _limit_memory(mb: int):  # -> callable for Popen(preexec_fn=…)
    def apply() -> None:
        import resource

        limit = mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    return apply if os.name == "posix" else None


class _Urls:
    """The URLs of a server listening on ``self.host:self.port``."""

    host: str
    port: int

    @property
    def url(self) -> str:
        """The SPARQL query endpoint."""
        return f"http://{self.host}:{self.port}/query"

    @property
    def sparql_url(self) -> str:
        """The same endpoint at ``/sparql``."""
        return f"http://{self.host}:{self.port}/sparql"

    @property
    def store_url(self) -> str:
        """The Graph Store Protocol endpoint."""
        return f"http://{self.host}:{self.port}/store"


@dataclass
class Server(_Urls):
    """A running Oxigraph server (stop it with :meth:`stop`, or use it as a context)."""

    process: subprocess.Popen
    host: str
    port: int

    def stop(self) -> None:
        _end(self.process)

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _stderr_of(proc: subprocess.Popen) -> str:
    """What an ended process wrote to its error stream (a pipe or a file of ours)."""
    stream = proc.stderr or getattr(proc, "log", None)
    if stream is None:
        return ""
    stream.seek(0) if stream is not proc.stderr else None
    return stream.read().decode("utf-8", "replace")


def _reason(proc: subprocess.Popen) -> str:
    """One line on why a process ended: its error or panic line, not a backtrace's last."""
    lines = [ln.strip() for ln in _stderr_of(proc).splitlines() if ln.strip()]
    for line in lines:
        if "panicked" in line or line.lower().startswith("error"):
            return line
    return lines[0] if lines else f"exit status {proc.returncode}"


def _wait_ready(server: Server, wait: float, what: str = "the Oxigraph server") -> None:
    deadline = time.monotonic() + wait
    probe = f"http://{server.host}:{server.port}/query?query=ASK%7B%7D"
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise ServeError(f"{what} stopped: {_reason(server.process)}")
        try:
            with urllib.request.urlopen(probe, timeout=1):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.05)
    server.stop()
    raise ServeError(f"{what} did not answer on {server.host}:{server.port} "
                     f"within {wait:g} s")


def start_server(location: str | Path, *, host: str = "127.0.0.1", port: int = 0,
                 timeout: float = DEFAULT_TIMEOUT, union: bool = False,
                 writable: bool = False, max_memory_mb: int | None = None,
                 wait: float = 30.0, quiet: bool = True) -> Server:
    """Start an Oxigraph server on a store folder and wait until it answers.

    Parameters
    ----------
    location : path
        The store folder.
    host, port : str, int
        Where to listen (port 0: a free port).
    timeout : float
        Seconds a query may run.
    union : bool
        Make the default graph the union of all graphs (Oxigraph's option). coopgraph's
        default graph already is that union, so leave it off: on, every triple would be
        seen once per graph holding it.
    writable : bool
        ``oxigraph serve`` (read-write, e.g. as a target for ``push``) instead of
        ``serve-read-only``.
    max_memory_mb : int or None
        Address-space cap of the server process (None: none; see the module notes).

    Raises
    ------
    ServeError
        If the binary is missing or the server does not come up.
    """
    for attempt in (1, 2):  # a free port may be taken by another process in between
        chosen = port or free_port(host)
        cmd = server_command(location, host, chosen, timeout=timeout, union=union)
        if writable:
            cmd[1] = "serve"
        out = subprocess.DEVNULL if quiet else None
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE if quiet else None,
                                preexec_fn=_limit_memory(max_memory_mb) if max_memory_mb
                                else None)
        server = Server(proc, host, chosen)
        try:
            _wait_ready(server, wait)
        except ServeError:
            if port or attempt == 2:
                raise
            continue
        return server
    raise AssertionError("unreachable")  # pragma: no cover


@dataclass
class Endpoint(_Urls):
    """``coopgraph serve``: the front (:mod:`graph.front`) on the public address and the
    Oxigraph server behind it on a private loopback port (stop both with :meth:`stop`,
    or use it as a context)."""

    engine: Server
    front: subprocess.Popen
    host: str
    port: int

    @property
    def named_url(self) -> str:
        """Named queries by name: ``GET {named_url}/NAME?param=…&limit=…``."""
        return f"http://{self.host}:{self.port}/named"

    def wait(self) -> int:
        """Block until one of the two processes ends (then stop the other); its status."""
        while True:
            for proc in (self.front, self.engine.process):
                code = proc.poll()
                if code is not None:
                    self.stop()
                    return code
            time.sleep(0.5)

    def stop(self) -> None:
        _end(self.front)
        self.engine.stop()

    def __enter__(self) -> "Endpoint":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _end(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def front_command(location: str | Path, backend: Server, host: str, port: int, *,
                  timeout: float = DEFAULT_TIMEOUT,
                  max_rows: int = DEFAULT_MAX_ROWS) -> list[str]:
    """The command line of the front process (:mod:`graph.front`)."""
    return [sys.executable, "-m", "graph.front", "--location", str(location),
            "--backend", f"{backend.host}:{backend.port}", "--host", host,
            "--port", str(port), "--timeout", f"{timeout:g}", "--max-rows", str(max_rows)]


def start_endpoint(location: str | Path, *, host: str = "127.0.0.1", port: int = 0,
                   timeout: float = DEFAULT_TIMEOUT, max_memory_mb: int | None = None,
                   max_rows: int = DEFAULT_MAX_ROWS, wait: float = 60.0,
                   quiet: bool = True) -> Endpoint:
    """Start ``coopgraph serve`` on a store folder: the Oxigraph server read-only on a
    free loopback port, the front on ``host:port``; wait until both answer.

    Parameters are those of :func:`start_server` (``max_memory_mb`` caps the Oxigraph
    server), and ``max_rows``: rows a query answer may have before the front cuts it
    (0: no limit).

    Raises
    ------
    ServeError
        If the binary is missing or a process does not come up.
    """
    engine = start_server(location, timeout=timeout, max_memory_mb=max_memory_mb,
                          wait=wait, quiet=quiet)
    port = port or free_port(host)
    log = tempfile.TemporaryFile() if quiet else None  # never a pipe nobody empties
    try:
        cmd = front_command(location, engine, host, port, timeout=timeout,
                            max_rows=max_rows)
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL if quiet else None,
                                stderr=log)
    except OSError as exc:
        engine.stop()
        raise ServeError(f"cannot start the front: {exc.strerror or exc}") from None
    proc.log = log  # type: ignore[attr-defined]
    endpoint = Endpoint(engine, proc, host, port)
    try:
        _wait_ready(Server(proc, host, port), wait, what="the SPARQL front")
    except ServeError:
        endpoint.stop()
        raise
    return endpoint


__all__ = ["DEFAULT_MAX_ROWS", "DEFAULT_PORT", "DEFAULT_TIMEOUT", "Endpoint", "Server",
           "ServeError", "free_port", "front_command", "oxigraph_binary", "server_command",
           "start_endpoint", "start_server", "store_folder"]
