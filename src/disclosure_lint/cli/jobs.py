"""Running a batch: one file at a time in-process, or in worker processes that no file can stall.

With ``--jobs N`` each of N workers lints one file at a time and sends the result back, and holds
the next file meanwhile (sent before the current one is done, so it never waits for the parent); the
parent watches every worker:

- a worker that takes longer than ``--timeout-per-file`` on one file is killed and replaced; that
  file is reported as DL000 "gave up after N s" and the batch goes on;
- a worker that dies (a crash below Python, the OOM killer) is replaced; only the file it was
  linting is reported, nothing is linted twice (a file it held but had not started goes back to
  the queue);
- SIGTERM or SIGINT to the parent stops every worker before the parent exits (status 128 + the
  signal number); a worker whose parent is gone exits by itself (parent-death signal on Linux,
  and a watchdog thread everywhere), so no worker outlives the parent.

The parent's own work bounds what workers gain: a result crosses the pipe packed into tuples
(:mod:`.wire`), and the parent's cycle collector is paused while it reads them.

In-process (``--jobs 1``, or few files) the timeout is an interval timer (``SIGALRM``): it stops
Python code; a single C call that never returns is out of its reach.
"""
from __future__ import annotations

import gc
import os
import signal
import sys
import threading
import time
from collections import deque

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is for annotations only, and costs ~10 M instructions to import
if TYPE_CHECKING:
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


def _worker_main(conn, parent: int, lint_one: Callable, collect: bool = True) -> None:
    from .wire import dumps  # (imported by the parent before the fork: see run_batch)

    if collect:  # the parent pauses its cycle collector while it reads results: not the workers'
        gc.enable()

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
            conn.send_bytes(dumps((idx, res)))  # results in their packed form (wire.py)
        except (EOFError, OSError):
            break
    os._exit(0)


class _Worker:
    """One worker process and the files it holds, in the order it lints them: the first is being linted
    (since ``started``), the others wait in its pipe, not yet started."""

    def __init__(self, ctx, lint_one: Callable, collect: bool = True):
        self.conn, child = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=_worker_main, args=(child, os.getpid(), lint_one, collect), daemon=True)
        self.proc.start()
        child.close()
        self.tasks: deque[int] = deque()
        self.started = 0.0

    def give(self, idx: int, args: tuple) -> None:
        self.conn.send((idx, args))
        if not self.tasks:
            self.started = time.monotonic()
        self.tasks.append(idx)

    def finished(self, now: float) -> None:
        """The file being linted is done: the next one held, if any, starts now."""
        self.tasks.popleft()
        self.started = now

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
    from ..batch import report_info  # noqa: F401  (imported for the workers)
    from ..document import parse  # noqa: F401
    from ..engine import context, lint, results  # noqa: F401
    from ..readers import html  # noqa: F401

    if summarise:
        from ..corpus import run, summary  # noqa: F401
    gc.freeze()


DEPTH = 2  # files a worker holds: the one it lints and the next, so it never waits for the parent


def _light(args: tuple) -> bool:
    """Whether a task may wait in a worker's pipe behind another: not one carrying large bytes (stdin's:
    its send could block the parent while the worker blocks sending a result to it)."""
    return not any(isinstance(a, (bytes, bytearray)) and len(a) > 4096 for a in args)


def run_batch(work: list[tuple], lint_one: Callable, jobs: int, timeout: float,
              on_result: Callable[[object], None] | None = None,
              before_fork: Callable[[], None] | None = None) -> list:
    """Lint every item of *work* (argument tuples for *lint_one*); results in *work*'s order.
    *before_fork* runs in this process before the first worker is started (e.g. :func:`preload`).

    Each worker holds up to :data:`DEPTH` files: the next is sent before the current one is done, so a
    worker goes on at once instead of waiting while the parent reads another worker's result. A file
    held but not started is never reported: when its worker is killed or dies, it goes back to the
    queue. Near the end of the batch (no more files queued than workers) a worker holds one file at a
    time, so an idle worker is not left waiting while another holds two."""
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
    from .wire import loads  # (the workers inherit it: they pack what loads reads)
    pending = deque(range(len(work)))
    workers: list[_Worker] = []
    done = 0

    def feed(wk: _Worker) -> None:
        while pending and (not wk.tasks or (len(wk.tasks) < DEPTH and len(pending) > len(workers)
                                            and _light(work[pending[0]]))):
            try:
                wk.give(pending[0], work[pending[0]])
            except OSError:  # it is gone: its sentinel says so, or, holding nothing, it is replaced now
                if not wk.tasks:
                    feed(replace(wk))
                return
            pending.popleft()

    def replace(wk: _Worker) -> _Worker:
        wk.kill()
        pending.extendleft(reversed(list(wk.tasks)[1:]))  # held, never started: linted by another
        new = _Worker(ctx, lint_one, gc_was)
        workers[workers.index(wk)] = new
        return new

    def finish(idx: int, res) -> None:
        nonlocal done
        results[idx] = res
        done += 1
        on_result(res)

    # While the workers lint, the parent only reads their results: objects that live on, no cycles to free.
    # The cycle collector would go over every result received so far, again and again (a fifth of the
    # parent's reading on row 4's batch): it is paused until the batch is done.
    gc_was = gc.isenabled()
    gc.disable()
    try:
        for _i in range(min(jobs, len(work))):
            workers.append(_Worker(ctx, lint_one, gc_was))
        for wk in workers:
            feed(wk)
        while done < len(work):
            busy = [wk for wk in workers if wk.tasks]
            if not busy:  # a file lost on the way: fail loudly rather than wait forever
                raise RuntimeError(f"no worker holds a file, {len(work) - done} not linted")
            now = time.monotonic()
            wait_for = None
            if timeout > 0:
                wait_for = max(0.0, min(wk.started + timeout - now for wk in busy))
            ready = set(wait([wk.conn for wk in busy] + [wk.proc.sentinel for wk in busy], wait_for))
            now = time.monotonic()
            for wk in busy:
                broken = False
                if wk.conn in ready or wk.proc.sentinel in ready:
                    # every result already sent (a worker that died may have sent some before)
                    try:
                        while wk.tasks and wk.conn.poll():
                            got, res = loads(wk.conn.recv_bytes())
                            assert got == wk.tasks[0]
                            wk.finished(now)
                            finish(got, res)
                    except (EOFError, OSError):
                        broken = True
                    if not broken and wk.proc.sentinel not in ready:
                        feed(wk)
                        continue
                if not wk.tasks:  # its last result came in just before it ended
                    if pending:
                        feed(replace(wk))
                    continue
                idx = wk.tasks[0]
                if broken or wk.proc.sentinel in ready:
                    wk.proc.join(timeout=5)
                    code = wk.proc.exitcode
                    how = (_("killed by signal {n}", n=-code) if code is not None and code < 0
                           else _("exit status {n}", n=code))
                    res = died(work[idx][0], how)
                elif timeout > 0 and now - wk.started >= timeout:
                    res = gave_up(work[idx][0], timeout)
                else:
                    continue
                new = replace(wk)
                finish(idx, res)
                feed(new)
    finally:
        for wk in workers:
            if not wk.tasks and wk.proc.is_alive():
                wk.stop()
        for wk in workers:
            if wk.tasks or done < len(work):
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
        if gc_was:
            gc.freeze()  # the results live on to the end: later collections need not go over them either
            gc.enable()
    return results
