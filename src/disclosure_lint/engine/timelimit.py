"""An opt-in time limit for one lint in the library API (``lint_path(..., timeout=5)``).

The library has no time limit unless asked. When asked, an interval timer (``SIGALRM``, main
thread only, POSIX) interrupts Python code once the time is up and the call raises
:class:`TimeoutError`; elsewhere (another thread, Windows) the limit cannot be enforced and the
call raises ``ValueError`` rather than pretending. The CLI's batches use worker processes instead
(see :mod:`disclosure_lint.cli.jobs`), which also stop C code.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is for annotations only, and costs ~10 M instructions to import
if TYPE_CHECKING:
    from typing import Iterator

__all__ = ["time_limit", "LintTimeout", "can_limit_time"]


class LintTimeout(TimeoutError):
    """The time given to :func:`time_limit` ran out (not a TimeoutError the code inside raised)."""


def can_limit_time() -> bool:
    """Whether :func:`time_limit` can enforce a limit here: POSIX interval timers, the main thread."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


class _Expired(BaseException):
    """Raised by the timer; a BaseException so no ``except Exception`` on the way swallows it."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    if not seconds or seconds <= 0:
        yield
        return
    if not can_limit_time():
        raise ValueError("a timeout needs the main thread of a POSIX process (SIGALRM)")
    running = [True]

    def expire(signum, frame):
        if running[0]:
            raise _Expired()

    old = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        try:
            yield
        finally:
            running[0] = False
    except _Expired:
        raise LintTimeout(f"gave up after {seconds:g} s") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
