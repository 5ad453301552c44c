"""disclosure-lint: a linter for Chinese government information-disclosure annual reports.

The library API is small and cheap to import (no rich, no lxml until a report is read)::

    from disclosure_lint import lint_path, lint_text, parse_path, parse_text
    for d in lint_path("report.html"):
        print(d.code, d.message)

Flow: bytes → :mod:`source` → :mod:`readers` → :mod:`build` (a :class:`Document`) →
rules in :mod:`checks` (via :mod:`registry`) → :mod:`engine` → :mod:`output` → :mod:`cli`.
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "lint_path", "lint_text", "lint_bytes", "parse_path", "parse_text", "Options"]


def parse_path(path, kind: str | None = None):
    """Read a report file into a :class:`~disclosure_lint.document.Document`."""
    from .parse import parse_path as _p

    return _p(path, kind)


def parse_text(text: str, *, kind: str = "html", path: str | None = None):
    """Read report text (already decoded) into a Document."""
    from .parse import parse_text as _p

    return _p(text, kind=kind, path=path)


def _options(options):
    from .options import Options

    if isinstance(options, Options):
        return options
    return Options.from_kwargs(**options)


def lint_path(path, **options):
    """Lint one file; returns the list of :class:`~disclosure_lint.diagnostics.Diagnostic`.
    ``lang="zh"`` gives Chinese messages (default: the active language, see :mod:`disclosure_lint.i18n`)."""
    from .engine import lint_document
    from .i18n import use_language

    opts = _options(options)
    with use_language(opts.lang):
        return lint_document(parse_path(path, opts.kind), opts)


def lint_text(text: str, *, kind: str = "html", path: str | None = None, **options):
    """Lint report text; ``kind`` is ``"html"`` or ``"text"``."""
    from .engine import lint_document
    from .i18n import use_language

    opts = _options(options)
    with use_language(opts.lang):
        return lint_document(parse_text(text, kind=kind, path=path), opts)


def lint_bytes(data: bytes, *, path: str | None = None, kind: str | None = None, **options):
    from .engine import lint_document
    from .i18n import use_language
    from .parse import parse_bytes

    opts = _options(options)
    with use_language(opts.lang):
        return lint_document(parse_bytes(data, path, kind), opts)


def __getattr__(name):
    if name == "Options":
        from .options import Options

        return Options
    raise AttributeError(name)
