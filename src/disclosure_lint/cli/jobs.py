"""Running a batch: one file at a time in-process, or in worker processes that no file can stall.

With ``--jobs N`` each of N workers lints one file at a time and sends the result back; the parent
watches every worker:

- a worker that takes longer than ``--timeout-per-file`` on one file is killed and replaced; that
  file is reported as DL000 "gave up after N s" and the batch goes on;
- a worker that dies (a crash below Python, the OOM killer) is replaced; only the file it was
  linting is reported, nothing is linted twice;
- SIGTERM or SIGINT to the parent stops every worker before the parent exits (status 128 + the
  signal number); a worker whose parent is gone exits by itself (parent-death signal on Linux,
  and a watchdog thread everywhere), so no worker outlives the parent.

In-process (``--jobs 1``, or few files) the timeout is an interval timer (``SIGALRM``): it stops
Python code; a single C call that never returns is out of its reach.
"""
from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections import deque
from typing import Callable

from ..engine.timelimit import LintTimeout, can_limit_time, time_limit
from ..i18n import _

__all__ = ["Terminated", "run_batch", "preload", "handle_signals", "gave_up", "died"]


class Terminated(BaseException):
    """The run was asked to stop (SIGTERM, SIGINT); ``signum`` says by which signal."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _shown(path: str) -> str:
    return "<stdin>" if path == "-" else path


def _finding_result(path: str, message: str):
    from ..engine.diagnostics import Diagnostic, Severity
    from ..engine.results import resolve_positions
    from ..source import Source, Span

    shown = _shown(path)
    d = Diagnostic(shown, "DL000", "internal-error", Severity.ERROR, message, Span(0, 0))
    return resolve_positions(shown, Source(""), [d])


def gave_up(path: str, seconds: float):
    return _finding_result(path, _("gave up after {seconds} s (--timeout-per-file); the rest of the batch was "
                                   "linted; please report this file", seconds=_fmt(seconds)))


def died(path: str, how: str):
    return _finding_result(path, _("the process linting this file died ({how}); please report this file",
                                   how=how))


def _fmt(seconds: float) -> str:
    return f"{seconds:g}"


class handle_signals:
    """Within this context SIGTERM (and SIGHUP) raise :class:`Terminated` in the main thread;
    SIGINT raises it too instead of KeyboardInterrupt, so cleanup is the same for both."""

    SIGNALS = tuple(getattr(signal, n) for n in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, n))

    def __enter__(self):
        self.old = {}
        if threading.current_thread() is not threading.main_thread():
            return self
        for s in self.SIGNALS:
            try:
                self.old[s] = signal.signal(s, self._raise)
            except (ValueError, OSError):
                pass
        return self

    @staticmethod
    def _raise(signum, frame):
        raise Terminated(signum)

    def __exit__(self, *exc):
        for s, h in self.old.items():
            try:
                signal.signal(s, h)
            except (ValueError, OSError):
                pass
        return False


# ---- in-process -----------------------------------------------------------------------------------

def _lint_with_alarm(lint_one: Callable, args: tuple, timeout: float):
    """One file in this process, given up after *timeout* seconds where a timer can stop it (the library's
    :func:`~disclosure_lint.engine.timelimit.time_limit`); without one, it runs to the end."""
    if not (timeout > 0 and can_limit_time()):
        return lint_one(*args)
    try:
        with time_limit(timeout):
            return lint_one(*args)
    except LintTimeout:
        return gave_up(args[0], timeout)


# ---- workers --------------------------------------------------------------------------------------

def _die_with_parent(parent: int) -> None:
    try:  # Linux: be killed when the parent dies, whatever kills it
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except Exception:
        pass

    def watch():
        while True:
            if os.getppid() != parent:
                os._exit(1)
            time.sleep(0.5)

    threading.Thread(target=watch, daemon=True).start()
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _worker_main(conn, parent: int, lint_one: Callable) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # the parent decides what an interrupt means
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, signal.SIG_DFL)
    _die_with_parent(parent)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            break
        if task is None:
            break
        idx, args = task
        res = lint_one(*args)
        try:
            conn.send((idx, res))
        except (EOFError, OSError):
            break
    os._exit(0)


class _Worker:
    def __init__(self, ctx, lint_one: Callable):
        self.conn, child = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=_worker_main, args=(child, os.getpid(), lint_one), daemon=True)
        self.proc.start()
        child.close()
        self.task: int | None = None
        self.started = 0.0

    def give(self, idx: int, args: tuple) -> None:
        self.task = idx
        self.started = time.monotonic()
        self.conn.send((idx, args))

    def kill(self) -> None:
        try:
            self.proc.kill()
        except Exception:
            pass
        self.proc.join(timeout=5)
        try:
            self.conn.close()
        except Exception:
            pass

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except Exception:
            pass


def preload(summarise: bool) -> None:
    """Before the workers are forked: import what a lint needs here, once, so that every worker
    inherits it instead of importing it itself (~120 M instructions a worker on a 60-file batch), and
    move what the parent has made so far out of the cycle collector's reach (``gc.freeze``): a
    collection in a worker then leaves the inherited pages alone instead of copying them."""
    import gc

    from ..batch import report_info  # noqa: F401  (imported for the workers)
    from ..document import parse  # noqa: F401
    from ..engine import context, lint, results  # noqa: F401
    from ..readers import html  # noqa: F401

    if summarise:
        from ..corpus import run, summary  # noqa: F401
    gc.freeze()


def run_batch(work: list[tuple], lint_one: Callable, jobs: int, timeout: float,
              on_result: Callable[[object], None] | None = None,
              before_fork: Callable[[], None] | None = None) -> list:
    """Lint every item of *work* (argument tuples for *lint_one*); results in *work*'s order.
    *before_fork* runs in this process before the first worker is started (e.g. :func:`preload`)."""
    on_result = on_result or (lambda r: None)
    results: list = [None] * len(work)
    if jobs <= 1 or len(work) < 2:
        for i, w in enumerate(work):
            results[i] = _lint_with_alarm(lint_one, w, timeout)
            on_result(results[i])
        return results
    import multiprocessing
    from multiprocessing.connection import wait

    ctx = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)
    if before_fork is not None:
        before_fork()
    pending = deque(range(len(work)))
    workers: list[_Worker] = []
    done = 0

    def feed(wk: _Worker) -> None:
        if pending:
            i = pending.popleft()
            wk.give(i, work[i])
        else:
            wk.task = None

    def replace(wk: _Worker) -> _Worker:
        wk.kill()
        new = _Worker(ctx, lint_one)
        workers[workers.index(wk)] = new
        return new

    try:
        for _i in range(min(jobs, len(work))):
            wk = _Worker(ctx, lint_one)
            workers.append(wk)
            feed(wk)
        while done < len(work):
            busy = [wk for wk in workers if wk.task is not None]
            now = time.monotonic()
            wait_for = None
            if timeout > 0:
                wait_for = max(0.0, min(wk.started + timeout - now for wk in busy))
            ready = set(wait([wk.conn for wk in busy] + [wk.proc.sentinel for wk in busy], wait_for))
            now = time.monotonic()
            for wk in busy:
                idx = wk.task
                assert idx is not None
                res = None
                if wk.conn in ready:
                    try:
                        got, res = wk.conn.recv()
                        assert got == idx
                    except (EOFError, OSError):
                        res = None
                    if res is not None:
                        results[idx] = res
                        done += 1
                        on_result(res)
                        feed(wk)
                        continue
                if wk.conn in ready or wk.proc.sentinel in ready:
                    wk.proc.join(timeout=5)
                    code = wk.proc.exitcode
                    how = (_("killed by signal {n}", n=-code) if code is not None and code < 0
                           else _("exit status {n}", n=code))
                    results[idx] = died(work[idx][0], how)
                elif timeout > 0 and now - wk.started >= timeout:
                    results[idx] = gave_up(work[idx][0], timeout)
                else:
                    continue
                done += 1
                on_result(results[idx])
                feed(replace(wk))
    finally:
        for wk in workers:
            if wk.task is None and wk.proc.is_alive():
                wk.stop()
        for wk in workers:
            if wk.task is not None or done < len(work):
                try:
                    wk.proc.kill()
                except Exception:
                    pass
        for wk in workers:
            wk.proc.join(timeout=5)
            if wk.proc.is_alive():
                wk.proc.kill()
                wk.proc.join(timeout=5)
            try:
                wk.conn.close()
            except Exception:
                pass
    return results
