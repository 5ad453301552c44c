"""Worker processes for ``--jobs`` where processes fork (Linux): what cli/jobs.py used of multiprocessing.

Importing multiprocessing costs the parent ~39 M instructions (tempfile, shutil, random, socket, subprocess...)
before the first file is sent: about a tenth of its own start-up, serial work no worker can share.  A batch
uses little of it: a forked child running one function, a duplex pipe carrying pickled tasks one way and
packed results the other, the child's end seen through a sentinel, kill and join.  This module is that much,
under the same names and with the same behaviour for what jobs.py calls:

- :func:`Pipe` makes two connected :class:`Connection` ends over two OS pipes; ``send_bytes`` frames a
  message with its length as multiprocessing does (4 bytes, big-endian; longer messages a -1 then 8 bytes),
  ``send``/``recv`` carry pickles, ``poll`` and :func:`wait` ask the kernel whether a read would block.
- :class:`Process` forks (the standard streams flushed first, so nothing buffered is written twice); the child
  reads no standard input (``/dev/null``, as multiprocessing's children), runs its target and ends with
  ``os._exit``: status 0, the ``SystemExit`` code, or 1 with the traceback on stderr.  Its ``sentinel`` is
  the read end of a pipe only the child holds open: readable once the child is gone.  ``join``, ``kill``,
  ``exitcode`` and ``is_alive`` are multiprocessing's (``popen_fork``) over ``os.waitpid`` and ``os.kill``.

Elsewhere (no fork) jobs.py uses multiprocessing as before.
"""
from __future__ import annotations

import os
import pickle
import select
import signal
import sys

__all__ = ["Connection", "Pipe", "Process", "wait"]


class Connection:
    """One end of a duplex pipe: reads from *rfd*, writes to *wfd* (both owned by this end)."""

    def __init__(self, rfd: int, wfd: int) -> None:
        self._rfd, self._wfd = rfd, wfd

    def fileno(self) -> int:
        return self._rfd

    def send_bytes(self, data) -> None:
        n = len(data)
        # multiprocessing.connection.Connection._send_bytes' framing
        header = n.to_bytes(4, "big") if n <= 0x7FFFFFFF else b"\xff\xff\xff\xff" + n.to_bytes(8, "big")
        self._write(header + bytes(data) if n < 16384 else header)
        if n >= 16384:
            self._write(data)

    def _write(self, data) -> None:
        view = memoryview(data)
        while view:
            view = view[os.write(self._wfd, view):]

    def send(self, obj) -> None:
        self.send_bytes(pickle.dumps(obj))

    def recv_bytes(self) -> bytes:
        n = int.from_bytes(self._read(4), "big", signed=True)
        if n == -1:
            n = int.from_bytes(self._read(8), "big")
        return self._read(n)

    def _read(self, n: int) -> bytes:
        chunks, left = [], n
        while left:
            chunk = os.read(self._rfd, min(left, 1 << 20))
            if not chunk:
                raise EOFError
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks) if len(chunks) != 1 else chunks[0]

    def recv(self):
        return pickle.loads(self.recv_bytes())

    def poll(self, timeout: float = 0.0) -> bool:
        return bool(wait([self._rfd], timeout))

    def close(self) -> None:
        for fd in (self._rfd, self._wfd):
            if fd >= 0:
                os.close(fd)
        self._rfd = self._wfd = -1


def Pipe(duplex: bool = True) -> tuple[Connection, Connection]:  # noqa: N802 (multiprocessing's name)
    """Two connected ends: what one sends, the other receives (both ways)."""
    r1, w1 = os.pipe()
    r2, w2 = os.pipe()
    return Connection(r1, w2), Connection(r2, w1)


def wait(objects: list, timeout: float | None = None) -> list:
    """The objects (connections, or file descriptors such as sentinels) that are ready to read or closed,
    waiting at most *timeout* seconds (None: until one is): ``multiprocessing.connection.wait``."""
    poller = select.poll()
    by_fd: dict[int, list] = {}
    for obj in objects:
        fd = obj if isinstance(obj, int) else obj.fileno()
        if fd not in by_fd:
            poller.register(fd, select.POLLIN)
        by_fd.setdefault(fd, []).append(obj)
    ms = None if timeout is None else max(0, -int(-timeout * 1000 // 1))  # rounded up, as selectors does
    return [obj for fd, _event in poller.poll(ms) for obj in by_fd[fd]]


class Process:
    """A forked child running ``target(*args)`` (multiprocessing.Process with the fork start method)."""

    def __init__(self, target, args: tuple = (), daemon: bool = True) -> None:
        self._target, self._args, self.daemon = target, args, daemon
        self.pid: int | None = None
        self.sentinel = -1
        self._code: int | None = None

    def start(self) -> None:
        for stream in (sys.stdout, sys.stderr):  # as multiprocessing: nothing buffered is written twice
            try:
                stream.flush()
            except (AttributeError, ValueError, OSError):
                pass
        sentinel, held = os.pipe()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                os.close(sentinel)
                code = self._child()
            finally:
                os._exit(code)
        os.close(held)
        self.pid, self.sentinel = pid, sentinel

    def _child(self) -> int:
        _stdin_from_devnull()
        try:
            self._target(*self._args)
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            if not isinstance(exc.code, int) and exc.code is not None:
                sys.stderr.write(str(exc.code) + "\n")
        except BaseException:
            import traceback

            code = 1
            sys.stderr.write(f"Process {os.getpid()}:\n")
            traceback.print_exc()
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (AttributeError, ValueError, OSError):
                pass
        return code

    def _poll(self, flag: int = os.WNOHANG) -> int | None:
        if self._code is None:
            try:
                pid, status = os.waitpid(self.pid, flag)
            except OSError:
                return None
            if pid == self.pid:
                self._code = os.waitstatus_to_exitcode(status)
                os.close(self.sentinel)  # nothing waits on it once the child is reaped
        return self._code

    def join(self, timeout: float | None = None) -> None:
        if self._code is None and (timeout is None or wait([self.sentinel], timeout)):
            self._poll(os.WNOHANG if timeout == 0.0 else 0)

    @property
    def exitcode(self) -> int | None:
        return self._poll()

    def is_alive(self) -> bool:
        return self.pid is not None and self._poll() is None

    def kill(self) -> None:
        if self._code is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            except OSError:
                self.join(timeout=0.1)
                if self._code is None:
                    raise


def _stdin_from_devnull() -> None:
    """A child reads no standard input: multiprocessing.util._close_stdin."""
    if sys.stdin is None:
        return
    try:
        sys.stdin.close()
    except (OSError, ValueError):
        pass
    try:
        fd = os.open(os.devnull, os.O_RDONLY)
        try:
            sys.stdin = open(fd, encoding="utf-8", closefd=False)
        except BaseException:
            os.close(fd)
            raise
    except (OSError, ValueError):
        pass
