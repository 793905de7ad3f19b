"""Safe output: every file or folder coopgraph writes goes through this module.

Rules (the README's "Output files" section says the same to users):

* **Only regular files and folders are written.** A device node, FIFO or socket named as
  an output is refused, and so is a folder where a file is expected (and the reverse);
  nothing is ever replaced by a regular file behind the user's back.
* **A symbolic link is written through**: the file it points to receives the new content
  (in its own folder) and the link stays, as with the shell's ``>``; a link that loops is
  refused.
* **Atomic replace**: content goes to a temporary ``.NAME.PID-XXXXXXXX.tmp`` next to the
  target, is flushed to disk, then renamed over it. A reader sees the old file or the new
  one, never a partial one. A multi-file output (CSV tables) is written into a temporary
  folder that replaces the target folder in one rename, so the files change as a set.
* **One writer per output**: a lock (``fcntl.flock`` on ``.NAME.lock`` next to the target)
  is held while writing, and a second process writing the same output stops at once with
  a one-line error naming the first one's process id. The lock is re-entrant inside one
  process (``build`` holds it for the whole run, then writes).
* **No debris**: temporary files are removed on every exit path (errors, Ctrl-C, SIGTERM,
  SIGHUP); what a SIGKILL leaves behind is removed by the next writer of the same output,
  which holds the lock and so knows no other writer is alive.
"""
from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import hashlib
import os
import re
import secrets
import shutil
import signal
import stat
import threading
import time
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator

from .chars import shown
from .errors import OutputError

_RANDOM_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789_"

# Temporary paths and locks this process holds, for the signal handlers.
_live_temps: set[str] = set()
_held_locks: dict[str, tuple[int, int]] = {}  # target → (fd, depth)
_lock_paths: dict[str, str] = {}  # target → lock file
_registry_lock = threading.RLock()
_saved_handlers: dict[int, object] = {}
_CLEANUP_SIGNALS = tuple(getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n))


# ---------------------------------------------------------------- targets

def _kind(mode: int) -> str | None:
    """What a non-regular, non-folder file is, for a message."""
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "it is a device"
    if stat.S_ISFIFO(mode):
        return "it is a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "it is a socket"
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return "it is not a regular file"
    return None


def resolve_target(path: str | Path, *, folder: bool = False) -> Path:
    """The path to write for the output ``path``: symbolic links followed.

    Raises
    ------
    OutputError
        When ``path`` (or what it links to) is a device, FIFO or socket, a folder where a
        file is expected or a file where a folder is expected, or a link that loops.
    """
    given = Path(path)
    target = given
    if given.is_symlink():
        try:
            target = Path(os.path.realpath(given, strict=True))
        except FileNotFoundError:  # dangling: create the file it names
            target = Path(os.path.realpath(given))
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise OutputError(f"cannot write {shown(given)}: "
                                  "it is a symbolic link that loops") from None
            raise OutputError(f"cannot write {shown(given)}: {exc.strerror or exc}") from None
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return target
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OutputError(f"cannot write {shown(given)}: "
                              "it is a symbolic link that loops") from None
        if exc.errno == errno.ENOTDIR:  # a file where a folder should be: mkdir says it
            return target
        raise OutputError(f"cannot write {shown(given)}: {exc.strerror or exc}") from None
    reason = _kind(mode)
    if reason:
        raise OutputError(f"cannot write {shown(given)}: {reason}")
    if stat.S_ISDIR(mode) and not folder:
        raise OutputError(f"cannot write {shown(given)}: it is a folder")
    if not stat.S_ISDIR(mode) and folder:
        raise OutputError(f"cannot write {shown(given)}: it is a file, not a folder")
    return target


def check_target(path: str | Path, *, folder: bool = False) -> None:
    """Refuse an unusable output early (before a slow build); see :func:`resolve_target`."""
    resolve_target(path, folder=folder)


# ---------------------------------------------------------------- signals

def _cleanup_now() -> None:
    for tmp in list(_live_temps):
        _remove(Path(tmp))
    for lock in list(_lock_paths.values()):
        with contextlib.suppress(OSError):
            os.unlink(lock)


def _on_signal(signum: int, frame: object) -> None:
    _cleanup_now()
    previous = _saved_handlers.get(signum, signal.SIG_DFL)
    if callable(previous):
        previous(signum, frame)
        return
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


def _forget_in_child() -> None:
    """A forked worker (``build --jobs``) owns none of its parent's temporaries or locks:
    its signals must not remove them."""
    for sig, handler in _saved_handlers.items():
        with contextlib.suppress(ValueError, OSError, TypeError):
            signal.signal(sig, handler)  # type: ignore[arg-type]
    _saved_handlers.clear()
    _live_temps.clear()
    _held_locks.clear()
    _lock_paths.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_in_child)


def _arm() -> None:
    """Install the cleanup handlers while something is live (main thread only)."""
    if _saved_handlers or threading.current_thread() is not threading.main_thread():
        return
    for sig in _CLEANUP_SIGNALS:
        try:
            _saved_handlers[sig] = signal.signal(sig, _on_signal)
        except (ValueError, OSError):  # pragma: no cover - embedded interpreters
            pass


def _disarm() -> None:
    if _live_temps or _held_locks or not _saved_handlers:
        return
    if threading.current_thread() is not threading.main_thread():
        return
    for sig, handler in _saved_handlers.items():
        with contextlib.suppress(ValueError, OSError, TypeError):
            signal.signal(sig, handler)  # type: ignore[arg-type]
    _saved_handlers.clear()


# ---------------------------------------------------------------- temporaries

def _short(name: str) -> str:
    """``name``, or a shortened form with a hash when a temporary or lock name built from
    it would pass the usual 255-byte limit of a file name."""
    if len(os.fsencode(name)) <= 200:
        return name
    digest = hashlib.sha1(os.fsencode(name)).hexdigest()[:12]
    head = re.sub("[\udc80-\udcff]+$", "", os.fsdecode(os.fsencode(name)[:120]))  # cut char
    return f"{head}~{digest}"


def _temp_pattern(name: str) -> re.Pattern[str]:
    # ours: .NAME.PID-XXXXXXXX.tmp; earlier versions (mkstemp): .NAME.XXXXXXXX.tmp
    return re.compile(rf"\.{re.escape(_short(name))}\.(?:\d+-)?[{_RANDOM_ALPHABET}]{{8}}\.tmp")


def _temp_path(target: Path) -> Path:
    rand = "".join(secrets.choice(_RANDOM_ALPHABET) for _ in range(8))
    return target.with_name(f".{_short(target.name)}.{os.getpid()}-{rand}.tmp")


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink()


def stale_temps(target: str | Path) -> list[Path]:
    """Temporary files or folders left next to ``target`` by a writer that was killed."""
    target = Path(target)
    pattern = _temp_pattern(target.name)
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return []
    return sorted(target.parent / e.name for e in entries if pattern.fullmatch(e.name)
                  and (target.parent / e.name).as_posix() not in _live_temps)


def _register(tmp: Path) -> None:
    """Remember a temporary so that a signal handler removes it."""
    with _registry_lock:
        _live_temps.add(tmp.as_posix())
        _arm()


def _release(tmp: Path) -> None:
    """Remove a temporary and forget it."""
    _remove(tmp)
    with _registry_lock:
        _live_temps.discard(tmp.as_posix())
        _disarm()


@contextlib.contextmanager
def _temporary(target: Path) -> Iterator[Path]:
    tmp = _temp_path(target)
    _register(tmp)
    try:
        yield tmp
    finally:
        _release(tmp)


_OWNER = ".owner"  # inside a temporary folder: locked (flock) while its process lives
_LEGACY_AGE = 24 * 3600  # a folder from a version without the owner lock: removed when this old


def _owner_gone(folder: Path) -> bool:
    """Whether ``folder`` (one of our temporary folders) was left by a process that died."""
    try:
        fd = os.open(folder / _OWNER, os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError:  # made by an older version (or a run that died at once)
        try:
            return time.time() - folder.stat().st_mtime > _LEGACY_AGE
        except OSError:
            return False
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # held: its process is alive
        return False
    finally:
        os.close(fd)  # closing drops a lock we took
    return True


def sweep_temporary_folders(prefix: str, parent: str | Path | None = None) -> list[Path]:
    """Remove the temporary folders named ``prefix…`` that a killed run (SIGKILL, power cut)
    left in ``parent`` (the system's temporary directory); returns what was removed. A
    folder whose process still runs holds the lock on its owner file and is kept."""
    import tempfile

    parent = Path(parent or tempfile.gettempdir())
    try:
        entries = [e for e in os.scandir(parent) if e.name.startswith(prefix)]
    except OSError:
        return []
    removed = []
    for entry in sorted(entries, key=lambda e: e.name):
        folder = parent / entry.name
        with contextlib.suppress(OSError):
            if (entry.is_dir(follow_symlinks=False) and entry.stat().st_uid == os.getuid()
                    and folder.as_posix() not in _live_temps and _owner_gone(folder)):
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
    return removed


@contextlib.contextmanager
def temporary_folder(prefix: str = "coopgraph-") -> Iterator[Path]:
    """A private folder in the system's temporary directory, removed on every exit path
    (errors, Ctrl-C, SIGTERM, SIGHUP) like the temporaries of an output. What a SIGKILL
    leaves behind is removed by the next run that makes a folder with the same prefix: the
    folder's owner file stays locked while its process lives."""
    import tempfile

    sweep_temporary_folders(prefix)
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _CLEANUP_SIGNALS)
    try:  # no signal between creating the folder and registering it
        tmp = Path(tempfile.mkdtemp(prefix=prefix))
        _register(tmp)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    owner = None
    try:
        owner = os.open(tmp / _OWNER, os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, 0o600)
        fcntl.flock(owner, fcntl.LOCK_EX)
        yield tmp
    finally:
        _release(tmp)
        if owner is not None:
            os.close(owner)


# ---------------------------------------------------------------- locks

def _holder(lock_path: str) -> str:
    try:
        with open(lock_path, encoding="ascii", errors="replace") as fh:
            pid = fh.read(20).strip()
    except OSError:
        return ""
    return f" (pid {pid})" if pid.isdigit() else ""


@contextlib.contextmanager
def output_lock(path: str | Path, *, folder: bool = False) -> Iterator[Path]:
    """Hold the writer's lock of the output ``path``; yields the resolved target.

    Re-entrant within a process. On entry, temporaries left by killed writers of the same
    output are removed.

    Raises
    ------
    OutputError
        When another process holds the lock, or the target is unusable.
    """
    target = resolve_target(path, folder=folder)
    key = target.as_posix()
    with _registry_lock:
        held = _held_locks.get(key)
        if held:
            _held_locks[key] = (held[0], held[1] + 1)
    if held:
        try:
            yield target
        finally:
            with _registry_lock:
                fd, depth = _held_locks[key]
                _held_locks[key] = (fd, depth - 1)
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot write {shown(path)}: {exc.strerror or exc}") from None
    lock_path = (target.parent / f".{_short(target.name)}.lock").as_posix()
    fd = _acquire(lock_path, path)
    with _registry_lock:
        _held_locks[key] = (fd, 1)
        _lock_paths[key] = lock_path
        _arm()
    try:
        for stale in stale_temps(target):
            _remove(stale)
        yield target
    finally:
        with _registry_lock:
            _held_locks.pop(key, None)
            _lock_paths.pop(key, None)
            with contextlib.suppress(OSError):
                os.unlink(lock_path)  # before unlocking: a waiter re-checks the inode
            os.close(fd)
            _disarm()


def _acquire(lock_path: str, shown_as: str | Path) -> int:
    for _ in range(100):  # bounded: each retry means the lock file was just replaced
        try:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as exc:
            raise OutputError(f"cannot write {shown(shown_as)}: "
                              f"{exc.strerror or exc}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise OutputError(f"cannot write {shown(shown_as)}: another coopgraph "
                                  f"process is writing it{_holder(lock_path)}; "
                                  "try again when it has finished") from None
            raise OutputError(f"cannot lock {shown(shown_as)}: {exc.strerror or exc}") from None
        try:
            same = os.fstat(fd).st_ino == os.stat(lock_path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode("ascii"))
            return fd
        os.close(fd)  # the previous holder removed the file after we opened it
    raise OutputError(f"cannot lock {shown(shown_as)}: lock file keeps changing")


# ---------------------------------------------------------------- writing

def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _mode_of(target: Path, default: int) -> int:
    try:
        return os.stat(target).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return default & ~umask


def _write_with(tmp: Path, fill: Callable[[BinaryIO], object], mode: int) -> None:
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fill(fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.chmod(tmp, mode)


def _write_chunks(tmp: Path, chunks: Iterable[bytes], mode: int) -> None:
    def fill(fh: BinaryIO) -> None:
        for chunk in chunks:
            fh.write(chunk)

    _write_with(tmp, fill, mode)


def write_bytes(path: str | Path, data: bytes | Iterable[bytes]) -> Path:
    """Write ``data`` to the file ``path`` atomically (see the module rules); returns
    ``path``. Missing folders are created.

    Raises
    ------
    OutputError
        If the target is unusable, locked by another process or cannot be written; the
        previous content of ``path`` is then unchanged.
    """
    chunks = [data] if isinstance(data, (bytes, bytearray, memoryview)) else data
    return _write_atomic(path, lambda tmp, mode: _write_chunks(tmp, chunks, mode))


def write_with(path: str | Path, fill: Callable[[BinaryIO], object]) -> Path:
    """:func:`write_bytes` for content that ``fill`` writes into a binary file object
    (a serialiser streaming into it), so the content is never held in memory whole."""
    return _write_atomic(path, lambda tmp, mode: _write_with(tmp, fill, mode))


def _write_atomic(path: str | Path, write: Callable[[Path, int], None]) -> Path:
    with output_lock(path) as target:
        try:
            with _temporary(target) as tmp:
                write(tmp, _mode_of(target, 0o666))
                os.replace(tmp, target)
        except OSError as exc:
            raise OutputError(f"cannot write {shown(path)}: {exc.strerror or exc}") from None
        _fsync_dir(target.parent)
    return Path(path)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2(RENAME_EXCHANGE)``); False when the
    system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EPERM, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def write_folder(path: str | Path, files: dict[str, bytes]) -> list[Path]:
    """Write ``files`` (name → content) as the folder ``path``, atomically as a set.

    The files are written into a temporary folder that then takes the place of ``path``
    in one rename (an exchange when ``path`` exists), so a reader sees every old file or
    every new one. An existing ``path`` may hold only files named in ``files`` (an earlier
    export); anything else is refused rather than deleted.

    Raises
    ------
    OutputError
        If the target is unusable, holds other files, is locked or cannot be written.
    """
    with output_lock(path, folder=True) as target:
        if target.exists():
            others = sorted(p.name for p in target.iterdir() if p.name not in files)
            if others:
                listed = ", ".join(shown(n) for n in others[:3])
                more = f" and {len(others) - 3} more" if len(others) > 3 else ""
                raise OutputError(f"cannot write {shown(path)}: the folder holds other "
                                  f"files ({listed}{more}); name a new or empty folder")
        try:
            with _temporary(target) as tmp:
                tmp.mkdir(mode=0o700)
                for name, data in files.items():
                    _write_chunks(tmp / name, [data], _mode_of(target / name, 0o666))
                os.chmod(tmp, _mode_of(target, 0o777))
                _fsync_dir(tmp)
                if target.exists() and any(target.iterdir()):
                    if not _exchange(tmp, target):
                        with _temporary(target) as old:
                            os.rename(target, old)
                            os.rename(tmp, target)
                else:
                    os.replace(tmp, target)
        except OSError as exc:
            raise OutputError(f"cannot write {shown(path)}: {exc.strerror or exc}") from None
        _fsync_dir(target.parent)
    return [Path(path) / name for name in files]


__all__ = ["check_target", "output_lock", "resolve_target", "stale_temps",
           "sweep_temporary_folders", "temporary_folder", "write_bytes", "write_folder",
           "write_with"]
