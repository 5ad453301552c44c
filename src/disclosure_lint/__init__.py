"""disclosure-lint: a linter for Chinese government information-disclosure annual reports.

The library API is small and cheap to import (no rich, no lxml until a report is read)::

    from disclosure_lint import lint_path, lint_text, parse_path, parse_text
    for d in lint_path("report.html"):
        print(d.line, d.column, d.code, d.message, d.text)

Flow: bytes → :mod:`source` → :mod:`readers` → :mod:`build` (a :class:`Document`) →
rules in :mod:`checks` (via :mod:`registry`) → :mod:`engine` → :mod:`output` → :mod:`cli`.

No call has a time limit unless asked: ``lint_path(path, timeout=10)`` raises ``TimeoutError``
after ten seconds (main thread, POSIX).
"""
from __future__ import annotations

import os

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (~10 M instructions) for annotations
if TYPE_CHECKING:
    from typing import Any

    from .engine.diagnostics import Diagnostic
    from .document import Document
    from .engine.options import Options

__version__ = "0.1.0"

__all__ = ["__version__", "lint_path", "lint_text", "lint_bytes", "parse_path", "parse_text", "Options"]


def parse_path(path: str | os.PathLike[str], kind: str | None = None) -> Document:
    """Read a report file into a :class:`~disclosure_lint.document.Document`."""
    from .document.parse import parse_path as _p

    return _p(path, kind)


def parse_text(text: str, *, kind: str = "html", path: str | None = None) -> Document:
    """Read report text (already decoded) into a Document."""
    from .document.parse import parse_text as _p

    return _p(text, kind=kind, path=path)


def _options(options: dict[str, Any]) -> Options:
    from .engine.options import Options

    opts = options.get("options")
    if isinstance(opts, Options):
        return opts
    return Options.from_kwargs(**options)


def lint_path(path: str | os.PathLike[str], *, timeout: float | None = None, **options: Any) -> list[Diagnostic]:
    """Lint one file; returns the list of :class:`~disclosure_lint.engine.diagnostics.Diagnostic`
    (each with ``line``, ``column``, ``end_line``, ``end_column`` and ``text``).
    ``lang="zh"`` gives Chinese messages (default: the active language, see :mod:`disclosure_lint.i18n`)."""
    from .engine.lint import lint_document
    from .i18n import use_language
    from .engine.timelimit import time_limit
    from .source.gc_pause import gc_paused

    opts = _options(options)
    with time_limit(timeout), use_language(opts.lang), gc_paused():
        return lint_document(parse_path(path, opts.kind), opts)


def lint_text(text: str, *, kind: str = "html", path: str | None = None, timeout: float | None = None,
              **options: Any) -> list[Diagnostic]:
    """Lint report text; ``kind`` is ``"html"`` or ``"text"``."""
    from .engine.lint import lint_document
    from .i18n import use_language
    from .engine.timelimit import time_limit
    from .source.gc_pause import gc_paused

    opts = _options(options)
    with time_limit(timeout), use_language(opts.lang), gc_paused():
        return lint_document(parse_text(text, kind=kind, path=path), opts)


def lint_bytes(data: bytes, *, path: str | None = None, kind: str | None = None, timeout: float | None = None,
               **options: Any) -> list[Diagnostic]:
    """Lint the bytes of a report (decoded as a file would be)."""
    from .engine.lint import lint_document
    from .i18n import use_language
    from .document.parse import parse_bytes
    from .engine.timelimit import time_limit
    from .source.gc_pause import gc_paused

    opts = _options(options)
    with time_limit(timeout), use_language(opts.lang), gc_paused():
        return lint_document(parse_bytes(data, path, kind), opts)


def __getattr__(name: str) -> Any:
    if name == "Options":
        from .engine.options import Options

        return Options
    raise AttributeError(name)
