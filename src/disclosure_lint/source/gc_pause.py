"""Pausing Python's cycle collector while one report is read or linted.

A report's tree holds many small objects and a few reference cycles: a collection that runs while the
report is read walks every object the heap holds, so its cost grows with the heap (a page 4x larger took
7x longer to lint with collection on, 4.6x with it paused), and on the twelve real pages of
benchmarks/run.py it cost a sixth of a read.  The cycles are left for the next collection once the
report is done.  The CLI pauses collection per file the same way.
"""
from __future__ import annotations

import gc

__all__ = ["gc_paused"]


class gc_paused:
    """``with gc_paused(): …``: collection off inside, back as it was after (nested uses are safe, of one
    instance or of several)."""

    __slots__ = ("_was",)

    def __init__(self) -> None:
        self._was: list[bool] = []

    def __enter__(self) -> None:
        self._was.append(gc.isenabled())
        gc.disable()

    def __exit__(self, *exc: object) -> None:  # (None: an exception goes on, and type checkers know it)
        if self._was.pop():
            gc.enable()
